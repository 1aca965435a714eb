/*
 * util/sha256.c — a compact, allocation-free SHA-256 (FIPS 180-4).
 * Responsible only for hashing one buffer in memory; giji hashes whole input
 * files, which io.c already reads in one piece, so no streaming API.
 */
#include "util/sha256.h"

#include <stdint.h>
#include <string.h>

/* The SHA extensions of x86 (sha_ni: SHA256RNDS2, SHA256MSG1/2) do the
 * rounds in hardware, about five times the speed of the portable code:
 * every input file is hashed before anything else is done with it
 * (3.4 CPU-s per GiB portable; bench/README.md, ninth round). Used when
 * CPUID says the processor has them; the portable code otherwise, with
 * the same digests (tests/unit/test_sha256.c runs both). */
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define GIJI_SHA_NI 1
#include <cpuid.h>
#include <stdatomic.h>
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

/* Mix one 64-byte block into the state h. */
static void compress(uint32_t h[8], const unsigned char block[64])
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
               (uint32_t)block[4 * i + 2] << 8 | (uint32_t)block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void compress_blocks(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
    for (size_t i = 0; i < nblocks; i++)
        compress(h, p + 64 * i);
}

#ifdef GIJI_SHA_NI
/* nblocks 64-byte blocks with the SHA extensions. The state is kept as
 * the instructions want it, ABEF and CDGH; each group of four rounds
 * adds K to four message words, and the message schedule is made four
 * words at a time (MSG1, an add of words 7 back, MSG2), the register of
 * group g holding w[4g .. 4g + 3]. As Intel's reference code does it. */
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_blocks_ni(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&h[0]);      /* DCBA */
    __m128i st1 = _mm_loadu_si128((const __m128i *)&h[4]);      /* HGFE */
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                          /* CDAB */
    st1 = _mm_shuffle_epi32(st1, 0x1B);                          /* EFGH */
    __m128i st0 = _mm_alignr_epi8(tmp, st1, 8);                  /* ABEF */
    st1 = _mm_blend_epi16(st1, tmp, 0xF0);                       /* CDGH */
    for (size_t b = 0; b < nblocks; b++, p += 64) {
        __m128i abef = st0, cdgh = st1, m[4];
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 16
#endif
        for (int g = 0; g < 16; g++) {
            if (g < 4)
                m[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
            __m128i msg = _mm_add_epi32(m[g & 3], _mm_loadu_si128((const __m128i *)&K[4 * g]));
            st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
            if (g >= 3 && g <= 14) {   /* w[4(g+1) ..]: the add of w[i-7] and MSG2 */
                __m128i t = _mm_alignr_epi8(m[g & 3], m[(g + 3) & 3], 4);
                m[(g + 1) & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(m[(g + 1) & 3], t), m[g & 3]);
            }
            msg = _mm_shuffle_epi32(msg, 0x0E);
            st0 = _mm_sha256rnds2_epu32(st0, st1, msg);
            if (g >= 1 && g <= 12)     /* MSG1 for w[4(g+3) ..] */
                m[(g + 3) & 3] = _mm_sha256msg1_epu32(m[(g + 3) & 3], m[g & 3]);
        }
        st0 = _mm_add_epi32(st0, abef);
        st1 = _mm_add_epi32(st1, cdgh);
    }
    tmp = _mm_shuffle_epi32(st0, 0x1B);                          /* FEBA */
    st1 = _mm_shuffle_epi32(st1, 0xB1);                          /* DCHG */
    st0 = _mm_blend_epi16(tmp, st1, 0xF0);                       /* DCBA */
    st1 = _mm_alignr_epi8(st1, tmp, 8);                          /* HGFE */
    _mm_storeu_si128((__m128i *)&h[0], st0);
    _mm_storeu_si128((__m128i *)&h[4], st1);
}

/* Does the processor have the SHA extensions (and SSSE3, SSE4.1, which
 * the code above also uses)? Asked once; the answer is the same in every
 * thread, so a race between two first calls only asks twice. */
static int have_sha_ni(void)
{
    static _Atomic int known = -1;
    int k = atomic_load_explicit(&known, memory_order_relaxed);
    if (k >= 0)
        return k;
    unsigned a, b, c, d;
    k = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) && (c & (1u << 19)) && __get_cpuid_max(0, NULL) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        k = (b >> 29) & 1;
    }
    atomic_store_explicit(&known, k, memory_order_relaxed);
    return k;
}
#endif

int giji_sha256_accelerated(void)
{
#ifdef GIJI_SHA_NI
    return have_sha_ni();
#else
    return 0;
#endif
}

void giji_sha256_hex_with(const void *data, size_t len, char out[65], int accel)
{
    void (*blocks)(uint32_t[8], const unsigned char *, size_t) = compress_blocks;
#ifdef GIJI_SHA_NI
    if (accel && have_sha_ni())
        blocks = compress_blocks_ni;
#else
    (void)accel;
#endif
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const unsigned char *p = data;
    size_t full = len / 64 * 64;
    if (full)
        blocks(h, p, full / 64);

    /* Padding: the tail, a 0x80 byte, zeros, then the length in bits
     * (big-endian, 64 bits); one or two blocks depending on the tail. */
    unsigned char tail[128] = {0};
    size_t rest = len - full;
    if (rest)
        memcpy(tail, p + full, rest);
    tail[rest] = 0x80;
    size_t tail_len = rest < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++)
        tail[tail_len - 1 - i] = (unsigned char)(bits >> (8 * i));
    blocks(h, tail, tail_len / 64);

    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) {
            unsigned byte = (h[i] >> (24 - 8 * j)) & 0xff;
            out[8 * i + 2 * j] = hex[byte >> 4];
            out[8 * i + 2 * j + 1] = hex[byte & 0xf];
        }
    out[64] = '\0';
}

void giji_sha256_hex(const void *data, size_t len, char out[65])
{
    giji_sha256_hex_with(data, len, out, 1);
}
