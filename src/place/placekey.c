/* placekey.c - see placekey.h. */
#include "place/placekey.h"

#include <stdint.h>

#include "util/utf8.h"

/* ASCII base letter of a Latin letter with marks, 0 = none: U+00C0..U+017F (Latin-1
 * Supplement, Latin Extended-A), U+0180..U+024F (Latin Extended-B: the Romanian s and t
 * with comma, pinyin tone letters) and U+1E00..U+1EFF (Latin Extended Additional: the
 * dotted and hooked letters of Arabic and Vietnamese transliteration, "Rafa\u1E29"). The
 * tables hold each letter's base from its Unicode decomposition; ' ' = none. */
static char latin_base(uint32_t cp)
{
    static const char ext_b[] =
        "                                Oo             Uu               "
        "             AaIiOoUuUuUuUuUu AaAa    GgKkOoOo  j   Gg  NnAa    "
        "AaAaEeEeIiIiOoOoRrRrUuUuSsTt  Hh      AaEeOoOoOoOoYy            "
        "                ";
    static const char ext_add[] =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm"
        "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv"
        "WwWwWwWwWwXxXxYyZzZzZzhtwy      AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe"
        "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy      ";
    if (cp >= 0x180 && cp <= 0x24F)
        return ext_b[cp - 0x180] == ' ' ? 0 : ext_b[cp - 0x180];
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return ext_add[cp - 0x1E00] == ' ' ? 0 : ext_add[cp - 0x1E00];
    static const char l1[] = "AAAAAAACEEEEIIIIDNOOOOO OUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty";
    if (cp >= 0xC0 && cp <= 0xFF)
        return l1[cp - 0xC0] == ' ' ? 0 : l1[cp - 0xC0];
    static const char ext[] =
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOo"
        "RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
    if (cp >= 0x100 && cp <= 0x17F)
        return ext[cp - 0x100];
    return 0;
}

size_t cl_place_key(const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    if (cap == 0)
        return 0;
    char prev = 0;
    while (i < n && o + 4 < cap) {
        uint32_t cp;
        size_t k = cl_utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        char c;
        if (cp < 0x80) {
            c = (char)cp;
        } else if (cl_cp_is_apostrophe(cp)) {
            continue;
        } else if (cl_cp_is_dash(cp) || cl_cp_is_space(cp)) {
            c = ' ';
        } else {
            c = latin_base(cp);
            if (!c) {
                /* Other scripts: keep the bytes as they are. */
                for (size_t j = i - k; j < i && o + 1 < cap; j++)
                    out[o++] = (char)p[j];
                prev = 0;
                continue;
            }
        }
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c == '\'' || c == '`' || c == '.')
            continue;
        if (c == '-' || c == '\t')
            c = ' ';
        if (c == 'y' || c == 'j')
            c = 'i';
        if (c == ' ' && (o == 0 || prev == ' '))
            continue;
        if (c == prev && c != ' ')
            continue; /* collapse runs: ii -> i, ll -> l */
        /* zh doubled as a digraph: "zhzh" -> "zh" */
        if (c == 'h' && o >= 3 && out[o - 1] == 'z' && out[o - 2] == 'h' && out[o - 3] == 'z') {
            o--;
            prev = 'h';
            continue;
        }
        out[o++] = c;
        prev = c;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o;
}
