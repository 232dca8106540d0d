/* words.c - see words.h. */
#include "data/words.h"

#include <string.h>

#include "data/blobs.h"
#include "util/text.h"

void cl_words_open(cl_words *w)
{
    w->data = cl_blob_get("words.txt", &w->len);
    if (!w->data)
        w->len = 0;
}

/* Compares the word at line start p with the lower-cased key. */
static int cmp_line(const char *p, const char *end, const char *key, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p + i >= end || p[i] == '\n')
            return -1;
        char k = cl_lower(key[i]);
        if (p[i] != k)
            return (unsigned char)p[i] < (unsigned char)k ? -1 : 1;
    }
    return (p + n < end && p[n] != '\n') ? 1 : 0;
}

int cl_words_contains(const cl_words *w, const char *s, size_t n)
{
    if (!w->len || n == 0 || n > 40)
        return 0;
    const char *end = w->data + w->len;
    size_t lo = 0, hi = w->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        /* back to the start of the line holding mid */
        size_t ls = mid;
        while (ls > lo && w->data[ls - 1] != '\n')
            ls--;
        int c = cmp_line(w->data + ls, end, s, n);
        if (c == 0)
            return 1;
        if (c < 0) {
            const char *nl = memchr(w->data + ls, '\n', w->len - ls);
            lo = nl ? (size_t)(nl - w->data) + 1 : w->len;
        } else {
            hi = ls;
        }
    }
    return 0;
}
