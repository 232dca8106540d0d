/* json_out.c - see json_out.h. */
#include "util/json_out.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

void jw_init(jw *w, cl_buf *out)
{
    w->out = out;
    w->comma = 0;
    w->depth = 0;
}

/* Emits the separating comma for a new value at the current depth (not after a key). */
static void jw_sep(jw *w)
{
    uint64_t bit = (uint64_t)1 << (w->depth & 63);
    if (w->comma & bit)
        cl_buf_putc(w->out, ',');
    w->comma |= bit;
}

static void jw_open(jw *w, char c)
{
    jw_sep(w);
    cl_buf_putc(w->out, c);
    w->depth++;
    w->comma &= ~((uint64_t)1 << (w->depth & 63));
}

static void jw_close(jw *w, char c)
{
    w->depth--;
    cl_buf_putc(w->out, c);
}

void jw_obj_begin(jw *w) { jw_open(w, '{'); }
void jw_obj_end(jw *w) { jw_close(w, '}'); }
void jw_arr_begin(jw *w) { jw_open(w, '['); }
void jw_arr_end(jw *w) { jw_close(w, ']'); }

void jw_key(jw *w, const char *key)
{
    jw_sep(w);
    cl_buf_putc(w->out, '"');
    cl_json_escape(w->out, key, strlen(key));
    cl_buf_append(w->out, "\":", 2);
    /* The value that follows must not emit a comma; its jw_sep sets the bit again so
     * the next key does. */
    w->comma &= ~((uint64_t)1 << (w->depth & 63));
}

void cl_json_escape(cl_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        /* eight plain ASCII bytes at a time (no quote, backslash or control byte) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
            uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
            if ((w & high) | ((w - ones * 0x20) & ~w & high) | ((q - ones) & ~q & high) |
                ((b - ones) & ~b & high))
                break;
            i += 8;
            run += 8;
        }
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            run++;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            size_t k = cl_utf8_decode(p + i, n - i, &cp);
            if (k) {
                i += k;
                run += k;
                continue;
            }
        }
        cl_buf_append(out, p + i - run, run);
        run = 0;
        switch (c) {
        case '"': cl_buf_append(out, "\\\"", 2); break;
        case '\\': cl_buf_append(out, "\\\\", 2); break;
        case '\n': cl_buf_append(out, "\\n", 2); break;
        case '\r': cl_buf_append(out, "\\r", 2); break;
        case '\t': cl_buf_append(out, "\\t", 2); break;
        default:
            if (c < 0x20) {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                cl_buf_append(out, e, 6);
            } else {
                cl_buf_append(out, "\xEF\xBF\xBD", 3); /* invalid UTF-8 byte */
            }
        }
        i++;
    }
    cl_buf_append(out, p + i - run, run);
}

void jw_strn(jw *w, const char *s, size_t n)
{
    jw_sep(w);
    if (!s) {
        cl_buf_append(w->out, "null", 4);
        return;
    }
    cl_buf_putc(w->out, '"');
    cl_json_escape(w->out, s, n);
    cl_buf_putc(w->out, '"');
}

void jw_str(jw *w, const char *s) { jw_strn(w, s, s ? strlen(s) : 0); }

void jw_int(jw *w, int64_t v)
{
    jw_sep(w);
    char b[24], *p = b + sizeof b;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    cl_buf_append(w->out, p, (size_t)(b + sizeof b - p));
}

void jw_double(jw *w, double v, int decimals)
{
    jw_sep(w);
    if (!isfinite(v))
        cl_buf_append(w->out, "null", 4);
    else {
        char b[64];
        int n = snprintf(b, sizeof b, "%.*f", decimals, v);
        cl_buf_append(w->out, b, n > 0 && (size_t)n < sizeof b ? (size_t)n : 0);
    }
}

void jw_bool(jw *w, int v)
{
    jw_sep(w);
    cl_buf_puts(w->out, v ? "true" : "false");
}

void jw_null(jw *w)
{
    jw_sep(w);
    cl_buf_append(w->out, "null", 4);
}

void jw_raw(jw *w, const char *json, size_t n)
{
    jw_sep(w);
    cl_buf_append(w->out, json, n);
}
