/* json_out.h - a small streaming JSON writer over cl_buf. It tracks only whether a comma is
 * due, so callers write objects in order: jw_obj_begin, jw_key, jw_str ... jw_obj_end.
 * Strings are escaped per RFC 8259; invalid UTF-8 is replaced by U+FFFD so the output is
 * always valid JSON. */
#ifndef CL_UTIL_JSON_OUT_H
#define CL_UTIL_JSON_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

typedef struct jw {
    cl_buf *out;
    uint64_t comma; /* bit d set: a value was written at depth d */
    int depth;
} jw;

void jw_init(jw *w, cl_buf *out);
void jw_obj_begin(jw *w);
void jw_obj_end(jw *w);
void jw_arr_begin(jw *w);
void jw_arr_end(jw *w);
void jw_key(jw *w, const char *key);
void jw_str(jw *w, const char *s);                 /* NULL writes null */
void jw_strn(jw *w, const char *s, size_t n);
void jw_int(jw *w, int64_t v);
void jw_double(jw *w, double v, int decimals);
void jw_bool(jw *w, int v);
void jw_null(jw *w);
/* Writes pre-formatted JSON (the caller guarantees it is valid). */
void jw_raw(jw *w, const char *json, size_t n);

/* Appends s escaped as a JSON string body (no quotes) to out. */
void cl_json_escape(cl_buf *out, const char *s, size_t n);

#endif
