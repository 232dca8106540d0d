/* warc.c - HTML responses out of WARC files; see warc.h. */
#include "ingest/warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

enum { MAX_HEADER_LINE = 1 << 16, MAX_HEADER_LINES = 512 };

struct cl_warc {
    gzFile f;
    char *path;
    size_t limit;
    uint64_t offset;    /* uncompressed bytes consumed */
    uint64_t skipped;
    int broken;         /* stop at the next call */
    char line[MAX_HEADER_LINE];
    cl_buf block;       /* the current record's block */
    cl_buf body;        /* the decoded HTTP body */
    char url[4096], day[16], id[128];
};

cl_warc *cl_warc_open(const char *path, size_t limit, cl_error *err)
{
    cl_warc *w = calloc(1, sizeof *w);
    if (!w) {
        cl_error_set(err, CL_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    w->f = gzopen(path, "rb");
    w->path = strdup(path);
    if (!w->f || !w->path) {
        cl_error_set(err, CL_EIO, path, 0, 0, "cannot open WARC file");
        cl_warc_close(w);
        return NULL;
    }
    gzbuffer(w->f, 1 << 17);
    w->limit = limit;
    cl_buf_init(&w->block, limit + 1);
    cl_buf_init(&w->body, limit + 1);
    return w;
}

void cl_warc_close(cl_warc *w)
{
    if (!w)
        return;
    if (w->f)
        gzclose(w->f);
    cl_buf_free(&w->block);
    cl_buf_free(&w->body);
    free(w->path);
    free(w);
}

uint64_t cl_warc_skipped(const cl_warc *w)
{
    return w ? w->skipped : 0;
}

/* Reads one header line (CRLF or LF) into w->line without its end. Returns its length, or
 * -1 at the end of the stream, -2 when the line is too long. */
static long read_line(cl_warc *w)
{
    if (!gzgets(w->f, w->line, sizeof w->line))
        return -1;
    size_t n = strlen(w->line);
    w->offset += n;
    if (n == sizeof w->line - 1 && w->line[n - 1] != '\n')
        return -2;
    while (n && (w->line[n - 1] == '\n' || w->line[n - 1] == '\r'))
        w->line[--n] = '\0';
    return (long)n;
}

/* Value of header `name` in line ("Name: value"), or NULL. */
static const char *header_value(const char *line, const char *name)
{
    size_t n = strlen(name);
    if (!cl_starts_ci(line, strlen(line), name) || line[n] != ':')
        return NULL;
    const char *v = line + n + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    return v;
}

/* Reads n bytes into b (when keep) or discards them. Returns 0, or -1 when the stream
 * ends first. */
static int read_block(cl_warc *w, cl_buf *b, uint64_t n, int keep)
{
    char chunk[65536];
    while (n > 0) {
        unsigned want = n < sizeof chunk ? (unsigned)n : (unsigned)sizeof chunk;
        int got = gzread(w->f, chunk, want);
        if (got <= 0)
            return -1;
        if (keep)
            cl_buf_append(b, chunk, (size_t)got);
        n -= (uint64_t)got;
        w->offset += (uint64_t)got;
    }
    return 0;
}

/* Decodes HTTP chunked transfer coding in place of src into dst. Returns 0 or -1. */
static int dechunk(const char *src, size_t len, cl_buf *dst)
{
    size_t i = 0;
    while (i < len) {
        char *end;
        unsigned long long sz = strtoull(src + i, &end, 16);
        if (end == src + i)
            return -1;
        const char *nl = memchr(end, '\n', len - (size_t)(end - src));
        if (!nl)
            return -1;
        i = (size_t)(nl - src) + 1;
        if (sz == 0)
            return 0;
        if (sz > len - i)
            return -1;
        cl_buf_append(dst, src + i, (size_t)sz);
        i += (size_t)sz;
        while (i < len && (src[i] == '\r' || src[i] == '\n'))
            i++;
    }
    return 0;
}

/* Inflates gzip or zlib data into dst, at most limit bytes. Returns 0 or -1. */
static int inflate_into(const char *src, size_t len, cl_buf *dst, size_t limit)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK)
        return -1;
    z.next_in = (Bytef *)(uintptr_t)src;
    z.avail_in = (uInt)len;
    char out[65536];
    int rc;
    do {
        z.next_out = (Bytef *)out;
        z.avail_out = sizeof out;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        size_t got = sizeof out - z.avail_out;
        if (dst->len + got > limit) {
            rc = Z_MEM_ERROR;
            break;
        }
        cl_buf_append(dst, out, got);
    } while (rc != Z_STREAM_END && (z.avail_in > 0 || z.avail_out == 0));
    inflateEnd(&z);
    return rc == Z_STREAM_END || rc == Z_OK ? 0 : -1;
}

/* Splits an HTTP response held in w->block: HTML body into w->body. Returns 1 for an HTML
 * 2xx page, 0 for something else, -1 with rej when the response is malformed. */
static int http_html(cl_warc *w, cl_error *rej)
{
    if (w->block.len < 12 || memcmp(w->block.data, "HTTP/", 5) != 0)
        return 0; /* (an empty block has no data pointer to offset) */
    const char *p = w->block.data, *end = p + w->block.len;
    const char *sp = memchr(p, ' ', (size_t)(end - p));
    int status = sp ? atoi(sp + 1) : 0;
    int html = 0, chunked = 0, gz = 0;
    const char *line = p;
    const char *body = NULL;
    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            break;
        size_t n = (size_t)(nl - line);
        if (n && line[n - 1] == '\r')
            n--;
        if (n == 0) {
            body = nl + 1;
            break;
        }
        char h[512];
        snprintf(h, sizeof h, "%.*s", (int)(n < sizeof h - 1 ? n : sizeof h - 1), line);
        const char *v;
        if ((v = header_value(h, "Content-Type")))
            html = cl_find_ci(v, strlen(v), "html") >= 0;
        else if ((v = header_value(h, "Transfer-Encoding")))
            chunked = cl_find_ci(v, strlen(v), "chunked") >= 0;
        else if ((v = header_value(h, "Content-Encoding")))
            gz = cl_find_ci(v, strlen(v), "gzip") >= 0 || cl_find_ci(v, strlen(v), "deflate") >= 0;
        line = nl + 1;
    }
    if (!body)
        return cl_error_set(rej, CL_EFORMAT, w->path, 0, w->offset,
                            "WARC record %s: HTTP headers never end", w->id),
               -1;
    if (status < 200 || status > 299 || !html)
        return 0;
    cl_buf_reset(&w->body);
    size_t blen = (size_t)(end - body);
    cl_buf plain;
    cl_buf_init(&plain, w->limit + 1);
    const char *src = body;
    if (chunked) {
        if (dechunk(body, blen, &plain) != 0) {
            cl_buf_free(&plain);
            return cl_error_set(rej, CL_EFORMAT, w->path, 0, w->offset,
                                "WARC record %s: bad chunked encoding", w->id),
                   -1;
        }
        src = plain.data ? plain.data : "";
        blen = plain.len;
    }
    int rc = 0;
    if (gz)
        rc = inflate_into(src, blen, &w->body, w->limit);
    else
        cl_buf_append(&w->body, src, blen);
    cl_buf_free(&plain);
    if (rc != 0 || !cl_buf_ok(&w->body))
        return cl_error_set(rej, CL_EFORMAT, w->path, 0, w->offset,
                            "WARC record %s: body cannot be decompressed or is too large", w->id),
               -1;
    return 1;
}

int cl_warc_next(cl_warc *w, cl_warc_page *page, cl_error *rej)
{
    cl_error_clear(rej);
    while (!w->broken) {
        /* the version line, after any blank lines between records */
        uint64_t start = w->offset;
        long n;
        do {
            start = w->offset;
            n = read_line(w);
        } while (n == 0);
        if (n == -1)
            return 0;
        if (n < 0 || strncmp(w->line, "WARC/", 5) != 0) {
            w->broken = 1;
            return cl_error_set(rej, CL_EFORMAT, w->path, 0, start,
                                "not a WARC record at byte %llu (a lying length before it?); "
                                "rest of the file skipped", (unsigned long long)start),
                   -1;
        }
        char type[64] = "", ctype[128] = "";
        long long length = -1;
        w->url[0] = w->day[0] = w->id[0] = '\0';
        int lines = 0;
        while ((n = read_line(w)) > 0 && ++lines < MAX_HEADER_LINES) {
            const char *v;
            if ((v = header_value(w->line, "WARC-Type")))
                snprintf(type, sizeof type, "%s", v);
            else if ((v = header_value(w->line, "WARC-Target-URI")))
                snprintf(w->url, sizeof w->url, "%s", v);
            else if ((v = header_value(w->line, "WARC-Date")))
                snprintf(w->day, sizeof w->day, "%.10s", v);
            else if ((v = header_value(w->line, "WARC-Record-ID"))) {
                if (strncmp(v, "<urn:uuid:", 10) == 0)
                    v += 10;
                snprintf(w->id, sizeof w->id, "%s", v);
                char *gt = strchr(w->id, '>');
                if (gt)
                    *gt = '\0';
            } else if ((v = header_value(w->line, "Content-Length"))) {
                char *e;
                length = strtoll(v, &e, 10);
                if (e == v || length < 0)
                    length = -1;
            } else if ((v = header_value(w->line, "Content-Type")))
                snprintf(ctype, sizeof ctype, "%s", v);
        }
        if (n != 0 || length < 0) {
            w->broken = 1;
            return cl_error_set(rej, CL_EFORMAT, w->path, 0, start,
                                "WARC record at byte %llu: %s; rest of the file skipped",
                                (unsigned long long)start,
                                length < 0 ? "no valid Content-Length" : "header never ends"),
                   -1;
        }
        if (!w->id[0])
            snprintf(w->id, sizeof w->id, "record-at-%llu", (unsigned long long)start);
        int wanted = strcmp(type, "response") == 0 && cl_find_ci(ctype, strlen(ctype), "http") >= 0;
        int too_big = (uint64_t)length > w->limit;
        cl_buf_reset(&w->block);
        if (read_block(w, &w->block, (uint64_t)length, wanted && !too_big) != 0) {
            w->broken = 1;
            return cl_error_set(rej, CL_EFORMAT, w->path, 0, start,
                                "WARC record %s at byte %llu: the file ends inside its %lld-byte "
                                "block (truncated, or a lying length)",
                                w->id, (unsigned long long)start, length),
                   -1;
        }
        if (!wanted) {
            w->skipped++;
            continue;
        }
        if (too_big)
            return cl_error_set(rej, CL_ELIMIT, w->path, 0, start,
                                "WARC record %s: %lld bytes, over the %zu-byte limit; skipped",
                                w->id, length, w->limit),
                   -1;
        if (!cl_buf_ok(&w->block))
            return cl_error_set(rej, CL_ENOMEM, w->path, 0, start, "out of memory"), -1;
        int h = http_html(w, rej);
        if (h < 0)
            return -1;
        if (h == 0) {
            w->skipped++;
            continue;
        }
        page->html = w->body.data ? w->body.data : "";
        page->html_len = w->body.len;
        page->url = w->url;
        page->crawl_day = w->day;
        page->record_id = w->id;
        page->offset = start;
        return 1;
    }
    return 0;
}
