/* buf.h - growable heap byte buffer with a hard cap, for output that outlives a document
 * (JSON records, query results). Appends never fail silently: when the cap or malloc is
 * hit the buffer is marked failed, further appends are ignored, and the owner checks
 * cl_buf_ok() once at the end (the SQLite "builder" habit). */
#ifndef CL_UTIL_BUF_H
#define CL_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cl_buf {
    char *data;      /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;      /* allocated bytes */
    size_t limit;    /* hard cap on len; 0 = 1 GiB */
    int failed;
} cl_buf;

void cl_buf_init(cl_buf *b, size_t limit);
void cl_buf_free(cl_buf *b);
void cl_buf_reset(cl_buf *b);                 /* len = 0, keeps memory, clears failure */
void cl_buf_append(cl_buf *b, const void *p, size_t n);
void cl_buf_puts(cl_buf *b, const char *s);
void cl_buf_putc(cl_buf *b, char c);
void cl_buf_printf(cl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cl_buf_vprintf(cl_buf *b, const char *fmt, va_list ap);
static inline int cl_buf_ok(const cl_buf *b) { return !b->failed; }
/* Hands the bytes to the caller (who frees them with free()) and empties the buffer. */
char *cl_buf_detach(cl_buf *b, size_t *len);

/* Reads a whole file (at most limit bytes, gunzipped when it is gzip) into a malloc'ed,
 * NUL-terminated buffer; NULL when it cannot be read, is larger, or memory runs out. */
char *cl_buf_read_file(const char *path, size_t limit, size_t *len);

#endif
