/* text.h - small string helpers shared by every stage: ASCII case folding, case-insensitive
 * comparison, trimming, and the 64-bit hash used by the lexicon maps. */
#ifndef CL_UTIL_TEXT_H
#define CL_UTIL_TEXT_H

#include <stddef.h>
#include <stdint.h>

static inline char cl_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }
static inline int cl_is_digit(char c) { return c >= '0' && c <= '9'; }
static inline int cl_is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline int cl_is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline int cl_is_ascii_alpha(char c) { return cl_is_ascii_upper(c) || cl_is_ascii_lower(c); }
static inline int cl_is_hspace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Case-insensitive (ASCII) equality of a[0..n) and the NUL-terminated b. */
int cl_eq_ci(const char *a, size_t n, const char *b);
/* Case-insensitive prefix test: does s[0..n) start with the NUL-terminated prefix? */
int cl_starts_ci(const char *s, size_t n, const char *prefix);
/* Finds needle (NUL-terminated, compared case-insensitively) in s[0..n); returns offset or -1. */
long cl_find_ci(const char *s, size_t n, const char *needle);

/* FNV-1a over ASCII-lowercased bytes; stable across runs and machines. */
uint64_t cl_hash_ci(const char *s, size_t n);
/* The same hash built in pieces: cl_hash_ci(ab) == cl_hash_ci_more(cl_hash_ci(a), b). */
#define CL_HASH_CI_SEED 1469598103934665603ull
static inline uint64_t cl_hash_ci_more(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)cl_lower(s[i]);
        h *= 1099511628211ull;
    }
    return h;
}

/* Trims ASCII white space (and NBSP) from both ends of s[*start..*end). */
void cl_trim(const char *s, size_t *start, size_t *end);

/* Parses an ISO day "YYYY-MM-DD" at s[0..n) (n >= 10); returns 1 and fills y/m/d. */
int cl_parse_iso_day(const char *s, size_t n, int *y, int *m, int *d);

#endif
