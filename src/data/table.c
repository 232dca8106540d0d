/* table.c - see table.h. */
#include "data/table.h"

#include <stdio.h>
#include <string.h>

#include "data/blobs.h"
#include "util/error.h"

cl_status cl_table_parse(cl_arena *a, const char *name, const char *data, size_t len,
                         uint32_t ncols, cl_table *out, cl_error *err)
{
    memset(out, 0, sizeof *out);
    out->name = name;
    /* First pass: count rows and columns. */
    uint32_t rows = 0;
    size_t pos = 0;
    uint32_t line = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        line++;
        size_t e = end;
        if (e > pos && data[e - 1] == '\r')
            e--;
        if (e > pos && data[pos] != '#') {
            uint32_t cols = 1;
            for (size_t i = pos; i < e; i++)
                cols += data[i] == '\t';
            if (ncols == 0)
                ncols = cols;
            if (cols != ncols) {
                cl_error_set(err, CL_EFORMAT, name, line, 0,
                             "table %s line %u has %u cells, expected %u", name, line, cols,
                             ncols);
                return CL_EFORMAT;
            }
            rows++;
        }
        pos = end + 1;
    }
    out->ncols = ncols;
    out->nrows = rows;
    out->cells = cl_arena_alloc(a, sizeof(char *) * ((size_t)rows * ncols + 1));
    out->lines = cl_arena_alloc(a, sizeof(uint32_t) * (rows + 1));
    /* Second pass: copy cells. */
    uint32_t r = 0;
    pos = 0;
    line = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        line++;
        size_t e = end;
        if (e > pos && data[e - 1] == '\r')
            e--;
        if (e > pos && data[pos] != '#') {
            size_t c0 = pos;
            uint32_t c = 0;
            for (size_t i = pos; i <= e; i++) {
                if (i == e || data[i] == '\t') {
                    out->cells[(size_t)r * ncols + c] = cl_arena_strndup(a, data + c0, i - c0);
                    c++;
                    c0 = i + 1;
                }
            }
            out->lines[r] = line;
            r++;
        }
        pos = end + 1;
    }
    return CL_OK;
}

cl_status cl_table_load(cl_arena *a, const char *name, uint32_t ncols, cl_table *out,
                        cl_error *err)
{
    size_t len;
    const char *data = cl_blob_get(name, &len);
    if (!data) {
        cl_error_set(err, CL_ENOTFOUND, name, 0, 0, "built-in table %s is missing", name);
        return CL_ENOTFOUND;
    }
    return cl_table_parse(a, name, data, len, ncols, out, err);
}

void cl_table_split(const char *cell, void (*fn)(const char *item, size_t len, void *user),
                    void *user)
{
    const char *p = cell;
    while (*p) {
        const char *q = strchr(p, ';');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n > 0 && !(n == 1 && p[0] == '-'))
            fn(p, n, user);
        if (!q)
            break;
        p = q + 1;
    }
}
