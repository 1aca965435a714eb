/*
 * giji/decode.h — stage 1: input bytes -> UTF-8 text.
 *
 * Responsible for: BOM removal, CRLF/CR -> LF, detecting and converting
 * Shift_JIS/CP932 and EUC-JP (glibc iconv), rejecting what is not text
 * (NUL bytes, undecodable bytes, lines too long to be minutes) with the byte
 * offset of the problem. Not responsible for: Unicode normalisation or any
 * knowledge of what minutes look like (normalize/, segment/).
 */
#ifndef GIJI_DECODE_H
#define GIJI_DECODE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum giji_encoding {
    GIJI_ENC_UTF8 = 0,
    GIJI_ENC_CP932,   /* Shift_JIS with Microsoft extensions (what Windows writes) */
    GIJI_ENC_EUCJP,
    GIJI_ENC_UTF16LE, /* with a BOM, or without one when its NULs say so (Windows' "Unicode") */
    GIJI_ENC_UTF16BE
} giji_encoding;

/* Longest line accepted, in bytes: minutes paragraphs are a few KiB. */
#define GIJI_MAX_LINE_BYTES ((size_t)1 << 20)

typedef struct giji_text {
    char *text;               /* UTF-8, NUL-terminated, LF line ends, no BOM; owned */
    size_t len;               /* bytes in text, without the NUL */
    giji_encoding encoding;   /* what the input was */
    int had_bom;              /* input started with a byte order mark (UTF-8 or UTF-16) */
    int crlf;                 /* input had CRLF or lone CR line ends */
} giji_text;

/* Decode `len` bytes read from the file called `name` (used in messages).
 * On success fills *out (free with giji_text_free). Errors: GIJI_EDECODE with
 * a message naming `name` and the byte offset ("x.txt: byte 1234: ..."). */
int giji_decode(const char *name, const unsigned char *bytes, size_t len, giji_text *out);

void giji_text_free(giji_text *t);

/* "UTF-8", "CP932 (Shift_JIS)", "EUC-JP". Static string. */
const char *giji_encoding_name(giji_encoding e);

#ifdef __cplusplus
}
#endif
#endif
