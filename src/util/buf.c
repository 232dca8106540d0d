/* buf.c - growable byte buffer; see buf.h. */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { BUF_DEFAULT_LIMIT = 1 << 30 };

void cl_buf_init(cl_buf *b, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->limit = limit ? limit : BUF_DEFAULT_LIMIT;
}

void cl_buf_free(cl_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void cl_buf_reset(cl_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

static int buf_reserve(cl_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (extra > b->limit || b->len > b->limit - extra) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap < need)
        ncap *= 2;
    char *p = realloc(b->data, ncap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = ncap;
    return 1;
}

void cl_buf_append(cl_buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cl_buf_puts(cl_buf *b, const char *s) { cl_buf_append(b, s, strlen(s)); }

void cl_buf_putc(cl_buf *b, char c)
{
    if (b->len + 1 < b->cap && b->len < b->limit && !b->failed) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    cl_buf_append(b, &c, 1);
}

void cl_buf_vprintf(cl_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void cl_buf_printf(cl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *cl_buf_detach(cl_buf *b, size_t *len)
{
    char *p = b->data;
    if (len)
        *len = b->len;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

char *cl_buf_read_file(const char *path, size_t limit, size_t *len)
{
    gzFile f = gzopen(path, "rb"); /* zlib reads a plain file as it is */
    if (!f)
        return NULL;
    cl_buf b;
    cl_buf_init(&b, limit);
    char chunk[65536];
    int got;
    while ((got = gzread(f, chunk, sizeof chunk)) > 0)
        cl_buf_append(&b, chunk, (size_t)got);
    int bad = got < 0;
    gzclose(f);
    if (bad || !cl_buf_ok(&b)) {
        cl_buf_free(&b);
        return NULL;
    }
    return cl_buf_detach(&b, len);
}
