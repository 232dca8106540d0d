/* utf8.c - see utf8.h. */
#include "util/utf8.h"

#include <string.h>

size_t cl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t cl_utf8_count_invalid(const char *s, size_t n, size_t *nuls)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0, zero = 0, i = 0;
    while (i < n) {
        /* eight ASCII bytes, none of them NUL, at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
            if ((w & high) || ((w - ones) & ~w & high))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (p[i] < 0x80) {
            if (p[i] == 0)
                zero++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = cl_utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            bad++;
            i++;
        } else {
            i += k;
        }
    }
    if (nuls)
        *nuls = zero;
    return bad;
}

size_t cl_utf8_repair(const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            out[o++] = p[i] ? (char)p[i] : ' ';
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = cl_utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, p + i, k);
            o += k;
            i += k;
        }
    }
    out[o] = '\0';
    return o;
}

int cl_cp_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return 1;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) == 0; /* Latin Extended-A alternates upper/lower (approximately) */
    if (cp >= 0x391 && cp <= 0x3A9)
        return 1;
    if (cp >= 0x400 && cp <= 0x42F)
        return 1;
    return 0;
}

int cl_cp_is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
        return 1;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) == 1;
    if (cp >= 0x3B1 && cp <= 0x3C9)
        return 1;
    if (cp >= 0x430 && cp <= 0x45F)
        return 1;
    return 0;
}

int cl_cp_is_alpha(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
        return 1;
    if (cp >= 0x370 && cp <= 0x3FF)
        return 1;
    if (cp >= 0x400 && cp <= 0x52F)
        return 1;
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return 1;
    /* Other scripts (CJK, Arabic, Hebrew, ...) count as letters: words, not punctuation. */
    if (cp >= 0x590 && cp <= 0x2FFF && !(cp >= 0x2000 && cp <= 0x2BFF))
        return 1;
    if (cp >= 0x3040 && cp <= 0xD7FF)
        return 1;
    return 0;
}

int cl_cp_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

int cl_cp_is_dash(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

int cl_cp_is_quote(uint32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB ||
           cp == 0x00BB || cp == 0x201F;
}

int cl_cp_is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x02BC;
}
