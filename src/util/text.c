/* text.c - see text.h. */
#include "util/text.h"

#include <string.h>

int cl_eq_ci(const char *a, size_t n, const char *b)
{
    size_t i = 0;
    for (; i < n; i++) {
        if (!b[i] || cl_lower(a[i]) != cl_lower(b[i]))
            return 0;
    }
    return b[i] == '\0';
}

int cl_starts_ci(const char *s, size_t n, const char *prefix)
{
    size_t i = 0;
    for (; prefix[i]; i++) {
        if (i >= n || cl_lower(s[i]) != cl_lower(prefix[i]))
            return 0;
    }
    return 1;
}

long cl_find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (m == 0)
        return 0;
    if (m > n)
        return -1;
    char first = cl_lower(needle[0]);
    for (size_t i = 0; i + m <= n; i++) {
        if (cl_lower(s[i]) == first && cl_starts_ci(s + i, n - i, needle))
            return (long)i;
    }
    return -1;
}

uint64_t cl_hash_ci(const char *s, size_t n)
{
    return cl_hash_ci_more(CL_HASH_CI_SEED, s, n);
}

void cl_trim(const char *s, size_t *start, size_t *end)
{
    size_t a = *start, b = *end;
    for (;;) {
        if (a < b && (cl_is_hspace(s[a]) || s[a] == '\n'))
            a++;
        else if (a + 1 < b && (unsigned char)s[a] == 0xC2 && (unsigned char)s[a + 1] == 0xA0)
            a += 2;
        else
            break;
    }
    for (;;) {
        if (b > a && (cl_is_hspace(s[b - 1]) || s[b - 1] == '\n'))
            b--;
        else if (b >= a + 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
            b -= 2;
        else
            break;
    }
    *start = a;
    *end = b;
}

int cl_parse_iso_day(const char *s, size_t n, int *y, int *m, int *d)
{
    if (n < 10)
        return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (!cl_is_digit(s[i])) {
            return 0;
        }
    }
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}
