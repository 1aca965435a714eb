/*
 * giji/error.h — the one error convention of the library.
 *
 * Every fallible function returns an int: GIJI_OK (0) on success or one of
 * the negative giji_error codes below. On failure it also records a message
 * for the calling thread, naming the input file and line or byte offset where
 * that is known ("minutes.txt:12: label opened at column 3 is never closed").
 * The library never prints and never exits; the CLI decides what to show.
 */
#ifndef GIJI_ERROR_H
#define GIJI_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum giji_error {
    GIJI_OK = 0,
    GIJI_ENOMEM = -1,    /* out of memory */
    GIJI_EIO = -2,       /* a file could not be read or written */
    GIJI_EDECODE = -3,   /* input bytes are not text in a known encoding */
    GIJI_EPARSE = -4,    /* text is not minutes giji can read */
    GIJI_EDB = -5,       /* the database refused an operation */
    GIJI_EINVAL = -6,    /* bad argument or bad data file */
    GIJI_ENOTFOUND = -7  /* a named thing does not exist */
} giji_error;

/* Message of the calling thread's last error; "" when none. Never NULL.
 * The string belongs to the library and is valid until the next failing call. */
const char *giji_error_message(void);

/* Code of the calling thread's last error (GIJI_OK when none). */
int giji_error_last(void);

/* Forget the last error. */
void giji_error_clear(void);

/* Short English name of a code ("decode error", ...). Static string. */
const char *giji_error_name(int code);

#ifdef __cplusplus
}
#endif
#endif
