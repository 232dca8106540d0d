/* reader.c - streams input documents from files, directories and stdin.
 *
 * Accepts plain text (one article per file), HTML pages (.html, .htm, gzipped .html.gz,
 * or any file that starts like HTML) and JSON lines (one article per line with fields id,
 * url, date, title, text - or html instead of text; also outlet/source), and WARC crawls
 * (.warc, .warc.gz: each HTML response becomes a page, other records are counted). Every input becomes a document or
 * a rejection with file, line and reason, and a bad input never stops the stream: a line
 * over the size cap is skipped without being buffered, a directory entry that cannot be
 * read is rejected and the walk goes on. Memory stays flat: one file or one line at a time.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "claimline/claimline.h"
#include "ingest/html.h"
#include "ingest/textmeta.h"
#include "ingest/warc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

enum { DEFAULT_LIMIT = 32u << 20 };

typedef struct path_item {
    char *path;
    char *data;      /* an in-memory input (cl_reader_add_buffer), or NULL */
    size_t len;
} path_item;

struct cl_reader {
    /* paths still to read, used as a stack (directories push their entries in reverse) */
    path_item *stack;
    size_t n, cap;
    size_t limit;

    /* the file being read as JSON lines (NULL when none) */
    FILE *jsonl;
    char *jsonl_buffer;     /* backing memory of an in-memory JSON-lines stream */
    int jsonl_is_stdin;
    char *jsonl_path;
    uint64_t jsonl_line;

    /* the WARC file being read (NULL when none) */
    cl_warc *warc;
    char *warc_path;
    uint64_t warc_skipped;  /* non-HTML records of finished WARC files */

    /* storage for the current document */
    cl_buf body;
    char *cur_path;
    char *cur_id;
    char *cur_url;
    json_t *cur_json;

    uint64_t docs, rejects, bytes;
};

cl_reader *cl_reader_new(cl_error *err)
{
    cl_reader *rd = calloc(1, sizeof *rd);
    if (!rd) {
        cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    rd->limit = DEFAULT_LIMIT;
    cl_buf_init(&rd->body, 0);
    return rd;
}

static void reader_close_jsonl(cl_reader *rd)
{
    if (rd->jsonl && !rd->jsonl_is_stdin)
        fclose(rd->jsonl);
    rd->jsonl = NULL;
    free(rd->jsonl_buffer);
    rd->jsonl_buffer = NULL;
    rd->jsonl_is_stdin = 0;
    free(rd->jsonl_path);
    rd->jsonl_path = NULL;
    rd->jsonl_line = 0;
}

static void reader_close_warc(cl_reader *rd)
{
    rd->warc_skipped += cl_warc_skipped(rd->warc);
    cl_warc_close(rd->warc);
    rd->warc = NULL;
    free(rd->warc_path);
    rd->warc_path = NULL;
}

static void reader_drop_current(cl_reader *rd)
{
    free(rd->cur_path);
    free(rd->cur_id);
    free(rd->cur_url);
    rd->cur_path = rd->cur_id = rd->cur_url = NULL;
    if (rd->cur_json)
        json_decref(rd->cur_json);
    rd->cur_json = NULL;
}

void cl_reader_free(cl_reader *rd)
{
    if (!rd)
        return;
    for (size_t i = 0; i < rd->n; i++) {
        free(rd->stack[i].path);
        free(rd->stack[i].data);
    }
    free(rd->stack);
    reader_close_jsonl(rd);
    reader_close_warc(rd);
    reader_drop_current(rd);
    cl_buf_free(&rd->body);
    free(rd);
}

void cl_reader_set_limit(cl_reader *rd, size_t max_bytes)
{
    rd->limit = max_bytes ? max_bytes : DEFAULT_LIMIT;
}

uint64_t cl_reader_docs(const cl_reader *rd) { return rd->docs; }
uint64_t cl_reader_rejects(const cl_reader *rd) { return rd->rejects; }
uint64_t cl_reader_bytes(const cl_reader *rd) { return rd->bytes; }
uint64_t cl_reader_skipped(const cl_reader *rd)
{
    return rd->warc_skipped + cl_warc_skipped(rd->warc);
}

static int push_path(cl_reader *rd, const char *path)
{
    if (rd->n == rd->cap) {
        size_t ncap = rd->cap ? rd->cap * 2 : 16;
        path_item *p = realloc(rd->stack, ncap * sizeof *p);
        if (!p)
            return 0;
        rd->stack = p;
        rd->cap = ncap;
    }
    char *copy = strdup(path);
    if (!copy)
        return 0;
    rd->stack[rd->n].path = copy;
    rd->stack[rd->n].data = NULL;
    rd->stack[rd->n].len = 0;
    rd->n++;
    return 1;
}

cl_status cl_reader_add_path(cl_reader *rd, const char *path, cl_error *err)
{
    if (!path || !*path)
        return cl_error_set(err, CL_EINVAL, NULL, 0, 0, "empty path");
    /* Paths are read in the order given: the stack is reversed when a batch is added, so
     * insert at the bottom. */
    if (!push_path(rd, path))
        return cl_error_set(err, CL_ENOMEM, path, 0, 0, "out of memory");
    path_item last = rd->stack[rd->n - 1];
    memmove(rd->stack + 1, rd->stack, (rd->n - 1) * sizeof *rd->stack);
    rd->stack[0] = last;
    return CL_OK;
}

cl_status cl_reader_add_buffer(cl_reader *rd, const char *name, const void *data, size_t len,
                               cl_error *err)
{
    cl_status st = cl_reader_add_path(rd, name ? name : "buffer", err);
    if (st != CL_OK)
        return st;
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return cl_error_set(err, CL_ENOMEM, name, 0, 0, "out of memory");
    if (len)
        memcpy(copy, data, len);
    rd->stack[0].data = copy;
    rd->stack[0].len = len;
    return CL_OK;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_jsonl_name(const char *path)
{
    return has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") ||
           has_suffix(path, ".JSONL");
}

static int is_warc_name(const char *path)
{
    return has_suffix(path, ".warc") || has_suffix(path, ".warc.gz");
}

static int is_html_name(const char *path)
{
    return has_suffix(path, ".html") || has_suffix(path, ".htm") || has_suffix(path, ".HTML") ||
           has_suffix(path, ".HTM");
}

static int is_gzip_html_name(const char *path)
{
    return has_suffix(path, ".html.gz") || has_suffix(path, ".htm.gz");
}

/* The record id of a file: its base name without extensions ("a/b/001_x.txt" -> "001_x"). */
static char *id_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strchr(base + (base[0] == '.'), '.');
    size_t n = dot ? (size_t)(dot - base) : strlen(base);
    char *id = malloc(n + 1);
    if (id) {
        memcpy(id, base, n);
        id[n] = '\0';
    }
    return id;
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Pushes a directory's entries so they pop in name order; hidden entries are skipped. */
static cl_status expand_dir(cl_reader *rd, const char *dir, cl_error *rej)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, name_cmp);
    if (n < 0)
        return cl_error_set(rej, CL_EIO, dir, 0, 0, "cannot read directory: %s",
                            strerror(errno));
    cl_status st = CL_OK;
    for (int i = n - 1; i >= 0; i--) {
        const char *nm = names[i]->d_name;
        if (nm[0] != '.' && st == CL_OK) {
            size_t len = strlen(dir) + strlen(nm) + 2;
            char *p = malloc(len);
            if (!p || !push_path(rd, (snprintf(p, len, "%s%s%s", dir,
                                               has_suffix(dir, "/") ? "" : "/", nm),
                                      p)))
                st = cl_error_set(rej, CL_ENOMEM, dir, 0, 0, "out of memory");
            free(p);
        }
        free(names[i]);
    }
    free(names);
    return st;
}

/* Reads a whole stream into rd->body, up to the limit. */
static cl_status slurp(cl_reader *rd, FILE *f, const char *path, cl_error *rej)
{
    cl_buf_reset(&rd->body);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (rd->body.len + got > rd->limit)
            return cl_error_set(rej, CL_ELIMIT, path, 0, 0,
                                "file is larger than the %zu-byte limit", rd->limit);
        cl_buf_append(&rd->body, chunk, got);
        if (!cl_buf_ok(&rd->body))
            return cl_error_set(rej, CL_ENOMEM, path, 0, 0, "out of memory");
    }
    if (ferror(f))
        return cl_error_set(rej, CL_EIO, path, 0, 0, "read error: %s", strerror(errno));
    return CL_OK;
}

/* Fills *in for a body held in rd->body (plain text, or HTML by name or by its start). */
static cl_read_kind body_doc(cl_reader *rd, const char *path, cl_format format, cl_input *in,
                             cl_error *rej)
{
    rd->bytes += rd->body.len;
    if (rd->body.len == 0) {
        cl_error_set(rej, CL_EEMPTY, path, 0, 0, "empty file");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    memset(in, 0, sizeof *in);
    rd->cur_path = strdup(path);
    rd->cur_id = strcmp(path, "-") == 0 ? strdup("stdin") : id_from_path(path);
    if (!rd->cur_path || !rd->cur_id) {
        cl_error_set(rej, CL_ENOMEM, path, 0, 0, "out of memory");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    in->id = rd->cur_id;
    in->source = rd->cur_path;
    in->text = rd->body.data;
    in->text_len = rd->body.len;
    in->format = format == CL_FORMAT_HTML || is_html_name(path) || is_gzip_html_name(path) ||
                         cl_html_sniff(rd->body.data, rd->body.len)
                     ? CL_FORMAT_HTML
                     : CL_FORMAT_TEXT;
    rd->docs++;
    return CL_READ_DOC;
}

static cl_read_kind text_doc(cl_reader *rd, const char *path, cl_input *in, cl_error *rej)
{
    return body_doc(rd, path, CL_FORMAT_TEXT, in, rej);
}

/* The next HTML response of the open WARC file as a page; END when the file is done. */
static cl_read_kind next_warc(cl_reader *rd, cl_input *in, cl_error *rej)
{
    cl_warc_page page;
    int r = cl_warc_next(rd->warc, &page, rej);
    if (r == 0) {
        reader_close_warc(rd);
        return CL_READ_END;
    }
    if (r < 0) {
        rd->rejects++;
        return CL_READ_REJECT;
    }
    memset(in, 0, sizeof *in);
    rd->cur_id = strdup(page.record_id);
    rd->cur_path = strdup(rd->warc_path);
    rd->cur_url = page.url[0] ? strdup(page.url) : NULL;
    if (!rd->cur_id || !rd->cur_path || (page.url[0] && !rd->cur_url)) {
        cl_error_set(rej, CL_ENOMEM, rd->warc_path, 0, 0, "out of memory");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    in->id = rd->cur_id;
    in->source = rd->cur_path;
    in->source_line = 0;
    in->url = rd->cur_url;
    in->text = page.html;
    in->text_len = page.html_len;
    in->format = CL_FORMAT_HTML;
    rd->bytes += page.html_len;
    rd->docs++;
    return CL_READ_DOC;
}

/* Reads a gzip file (streamed, several members allowed) into rd->body, up to the limit. */
static cl_status slurp_gzip(cl_reader *rd, const char *path, cl_error *rej)
{
    cl_buf_reset(&rd->body);
    gzFile f = gzopen(path, "rb");
    if (!f)
        return cl_error_set(rej, CL_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    char chunk[65536];
    int got;
    cl_status st = CL_OK;
    while ((got = gzread(f, chunk, sizeof chunk)) > 0) {
        if (rd->body.len + (size_t)got > rd->limit) {
            st = cl_error_set(rej, CL_ELIMIT, path, 0, 0,
                              "page is larger than the %zu-byte limit when unpacked", rd->limit);
            break;
        }
        cl_buf_append(&rd->body, chunk, (size_t)got);
        if (!cl_buf_ok(&rd->body)) {
            st = cl_error_set(rej, CL_ENOMEM, path, 0, 0, "out of memory");
            break;
        }
    }
    if (st == CL_OK && got < 0) {
        int zerr;
        const char *msg = gzerror(f, &zerr);
        st = cl_error_set(rej, CL_EFORMAT, path, 0, 0, "bad gzip data: %s", msg ? msg : "unknown");
    }
    gzclose(f);
    return st;
}

/* Reads one line into rd->body. Returns 1 with a line, 0 at end of file, -1 when the line
 * is longer than the limit (it is consumed, not stored). */
static int read_line(cl_reader *rd, FILE *f)
{
    cl_buf_reset(&rd->body);
    int c = 0, any = 0, over = 0;
    char chunk[65536];
    size_t n = 0;
    while ((c = getc_unlocked(f)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (over)
            continue;
        chunk[n++] = (char)c;
        if (n == sizeof chunk) {
            if (rd->body.len + n > rd->limit) {
                over = 1;
                rd->bytes += rd->body.len + n;
                cl_buf_reset(&rd->body);
            } else {
                cl_buf_append(&rd->body, chunk, n);
            }
            n = 0;
        }
    }
    if (!any)
        return 0;
    if (over || rd->body.len + n > rd->limit) {
        cl_buf_reset(&rd->body);
        return -1;
    }
    cl_buf_append(&rd->body, chunk, n);
    return 1;
}

static const char *json_string_field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Parses the JSON line in rd->body into *in. */
static cl_read_kind jsonl_doc(cl_reader *rd, cl_input *in, cl_error *rej)
{
    const char *src = rd->jsonl_path;
    uint64_t line = rd->jsonl_line;
    json_error_t jerr;
    json_t *obj = json_loadb(rd->body.data ? rd->body.data : "", rd->body.len,
                             JSON_REJECT_DUPLICATES, &jerr);
    if (!obj) {
        cl_error_set(rej, CL_EFORMAT, src, line, (uint64_t)jerr.position,
                     "invalid JSON at column %d: %s", jerr.column, jerr.text);
        rd->rejects++;
        return CL_READ_REJECT;
    }
    if (!json_is_object(obj)) {
        json_decref(obj);
        cl_error_set(rej, CL_EFORMAT, src, line, 0, "JSON line is not an object");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    json_t *text = json_object_get(obj, "text");
    cl_format format = CL_FORMAT_JSONL;
    if (!text && json_is_string(json_object_get(obj, "html"))) {
        text = json_object_get(obj, "html");
        format = CL_FORMAT_HTML;
    }
    if (!json_is_string(text)) {
        json_decref(obj);
        cl_error_set(rej, CL_EFORMAT, src, line, 0,
                     text ? "field \"text\" is not a string" : "no \"text\" or \"html\" field");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    if (json_string_length(text) == 0) {
        json_decref(obj);
        cl_error_set(rej, CL_EEMPTY, src, line, 0, "empty \"text\" field");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    rd->cur_json = obj;
    memset(in, 0, sizeof *in);
    json_t *id = json_object_get(obj, "id");
    char idbuf[64];
    const char *idstr = NULL;
    if (json_is_string(id)) {
        idstr = json_string_value(id);
    } else if (json_is_integer(id)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
        idstr = idbuf;
    }
    char fallback[600];
    if (!idstr || !*idstr) {
        snprintf(fallback, sizeof fallback, "%s:%llu", src, (unsigned long long)line);
        idstr = fallback;
    }
    rd->cur_id = strdup(idstr);
    rd->cur_path = strdup(src);
    if (!rd->cur_id || !rd->cur_path) {
        cl_error_set(rej, CL_ENOMEM, src, line, 0, "out of memory");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    in->id = rd->cur_id;
    in->source = rd->cur_path;
    in->source_line = line;
    in->url = json_string_field(obj, "url");
    in->date = json_string_field(obj, "date");
    in->title = json_string_field(obj, "title");
    in->outlet = json_string_field(obj, "outlet");
    if (!in->outlet)
        in->outlet = json_string_field(obj, "source");
    in->text = json_string_value(text);
    in->text_len = json_string_length(text);
    in->format = format;
    rd->docs++;
    return CL_READ_DOC;
}

static cl_read_kind next_jsonl(cl_reader *rd, cl_input *in, cl_error *rej)
{
    for (;;) {
        int r = read_line(rd, rd->jsonl);
        if (r == 0) {
            if (ferror(rd->jsonl)) {
                cl_error_set(rej, CL_EIO, rd->jsonl_path, rd->jsonl_line, 0, "read error");
                rd->rejects++;
                reader_close_jsonl(rd);
                return CL_READ_REJECT;
            }
            reader_close_jsonl(rd);
            return CL_READ_END;
        }
        rd->jsonl_line++;
        if (r < 0) {
            cl_error_set(rej, CL_ELIMIT, rd->jsonl_path, rd->jsonl_line, 0,
                         "line is longer than the %zu-byte limit; skipped", rd->limit);
            rd->rejects++;
            return CL_READ_REJECT;
        }
        rd->bytes += rd->body.len + 1;
        /* Blank lines are not documents. */
        size_t i = 0;
        while (i < rd->body.len && (rd->body.data[i] == ' ' || rd->body.data[i] == '\t' ||
                                    rd->body.data[i] == '\r'))
            i++;
        if (i == rd->body.len)
            continue;
        return jsonl_doc(rd, in, rej);
    }
}

static cl_read_kind open_jsonl(cl_reader *rd, FILE *f, int is_stdin, const char *path,
                               cl_input *in, cl_error *rej)
{
    rd->jsonl = f;
    rd->jsonl_is_stdin = is_stdin;
    rd->jsonl_path = strdup(path);
    rd->jsonl_line = 0;
    cl_read_kind k = next_jsonl(rd, in, rej);
    return k;
}

/* Reads stdin: JSON lines when the first non-blank byte is '{', otherwise one text. */
static cl_read_kind read_stdin(cl_reader *rd, cl_input *in, cl_error *rej)
{
    int c;
    while ((c = getc(stdin)) != EOF && (c == ' ' || c == '\n' || c == '\r' || c == '\t'))
        ;
    if (c == EOF) {
        cl_error_set(rej, CL_EEMPTY, "-", 0, 0, "empty input on stdin");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    ungetc(c, stdin);
    if (c == '{')
        return open_jsonl(rd, stdin, 1, "-", in, rej);
    cl_status st = slurp(rd, stdin, "-", rej);
    if (st != CL_OK) {
        rd->rejects++;
        return CL_READ_REJECT;
    }
    return text_doc(rd, "-", in, rej);
}

static cl_read_kind read_path(cl_reader *rd, const char *path, cl_input *in, cl_error *rej)
{
    if (strcmp(path, "-") == 0)
        return read_stdin(rd, in, rej);
    struct stat st;
    if (stat(path, &st) != 0) {
        cl_error_set(rej, errno == ENOENT ? CL_ENOTFOUND : CL_EIO, path, 0, 0, "%s",
                     strerror(errno));
        rd->rejects++;
        return CL_READ_REJECT;
    }
    if (S_ISDIR(st.st_mode)) {
        if (expand_dir(rd, path, rej) != CL_OK) {
            rd->rejects++;
            return CL_READ_REJECT;
        }
        return CL_READ_END; /* caller continues with the pushed entries */
    }
    if (!S_ISREG(st.st_mode)) {
        cl_error_set(rej, CL_EINVAL, path, 0, 0, "not a regular file");
        rd->rejects++;
        return CL_READ_REJECT;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        cl_error_set(rej, CL_EIO, path, 0, 0, "%s", strerror(errno));
        rd->rejects++;
        return CL_READ_REJECT;
    }
    if (is_jsonl_name(path))
        return open_jsonl(rd, f, 0, path, in, rej);
    if (is_warc_name(path)) {
        fclose(f);
        rd->warc = cl_warc_open(path, rd->limit, rej);
        if (!rd->warc) {
            rd->rejects++;
            return CL_READ_REJECT;
        }
        rd->warc_path = strdup(path);
        if (!rd->warc_path) {
            reader_close_warc(rd);
            cl_error_set(rej, CL_ENOMEM, path, 0, 0, "out of memory");
            rd->rejects++;
            return CL_READ_REJECT;
        }
        return CL_READ_END; /* cl_reader_next goes on with the open WARC file */
    }
    if (is_gzip_html_name(path)) {
        fclose(f);
        if (slurp_gzip(rd, path, rej) != CL_OK) {
            rd->rejects++;
            return CL_READ_REJECT;
        }
        return body_doc(rd, path, CL_FORMAT_HTML, in, rej);
    }
    if ((size_t)st.st_size > rd->limit) {
        fclose(f);
        rd->bytes += (uint64_t)st.st_size;
        cl_error_set(rej, CL_ELIMIT, path, 0, 0, "file is larger than the %zu-byte limit",
                     rd->limit);
        rd->rejects++;
        return CL_READ_REJECT;
    }
    cl_status s = slurp(rd, f, path, rej);
    fclose(f);
    if (s != CL_OK) {
        rd->rejects++;
        return CL_READ_REJECT;
    }
    return text_doc(rd, path, in, rej);
}

/* An in-memory input: JSON lines through a memory stream, or one text. */
static cl_read_kind read_buffer(cl_reader *rd, path_item *item, cl_input *in, cl_error *rej)
{
    if (is_jsonl_name(item->path)) {
        FILE *f = item->len ? fmemopen(item->data, item->len, "rb") : NULL;
        if (!f)
            return CL_READ_END;
        /* the stream reads item->data: keep it alive by handing it to the reader */
        rd->jsonl_buffer = item->data;
        item->data = NULL;
        return open_jsonl(rd, f, 0, item->path, in, rej);
    }
    if (item->len > rd->limit) {
        cl_error_set(rej, CL_ELIMIT, item->path, 0, 0, "input is larger than the %zu-byte limit",
                     rd->limit);
        rd->rejects++;
        return CL_READ_REJECT;
    }
    cl_buf_reset(&rd->body);
    cl_buf_append(&rd->body, item->data, item->len);
    return text_doc(rd, item->path, in, rej);
}

cl_read_kind cl_reader_next(cl_reader *rd, cl_input *in, cl_error *rej)
{
    reader_drop_current(rd);
    cl_error_clear(rej);
    for (;;) {
        if (rd->jsonl) {
            cl_read_kind k = next_jsonl(rd, in, rej);
            if (k != CL_READ_END)
                return k;
            continue;
        }
        if (rd->warc) {
            cl_read_kind k = next_warc(rd, in, rej);
            if (k != CL_READ_END)
                return k;
            continue;
        }
        if (rd->n == 0)
            return CL_READ_END;
        path_item item = rd->stack[--rd->n];
        cl_read_kind k = item.data ? read_buffer(rd, &item, in, rej) : read_path(rd, item.path, in, rej);
        free(item.path);
        free(item.data);
        if (k != CL_READ_END)
            return k;
    }
}
