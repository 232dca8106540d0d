/* utf8.h - UTF-8 decoding, validation and repair, plus the few character classes the
 * engine needs (letters, digits, upper case, quotes, dashes), for ASCII and the common
 * Latin/Cyrillic/punctuation code points found in news text. */
#ifndef CL_UTIL_UTF8_H
#define CL_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..n). Returns its length in bytes (1..4) and stores the code
 * point, or returns 0 for an invalid or truncated sequence (overlongs, surrogates and
 * values above U+10FFFF are invalid). */
size_t cl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Returns the number of invalid sequences in s[0..n) and counts NUL bytes in *nuls. */
size_t cl_utf8_count_invalid(const char *s, size_t n, size_t *nuls);

/* Copies s into out (capacity n*3+1), replacing each invalid byte with U+FFFD and each NUL
 * with a space. Returns the output length. */
size_t cl_utf8_repair(const char *s, size_t n, char *out);

/* Character classes on code points. */
int cl_cp_is_alpha(uint32_t cp);
int cl_cp_is_upper(uint32_t cp);
int cl_cp_is_lower(uint32_t cp);
int cl_cp_is_space(uint32_t cp);      /* includes NBSP and the Unicode spaces */
int cl_cp_is_dash(uint32_t cp);       /* - – — ‐ ‑ ‒ ― */
int cl_cp_is_quote(uint32_t cp);      /* " “ ” „ « » */
int cl_cp_is_apostrophe(uint32_t cp); /* ' ‘ ’ */

#endif
