/* table.h - reads the TSV language tables under data/ (embedded with blobs.h).
 *
 * Format: UTF-8, one row per line, cells separated by one TAB, lines starting with '#'
 * and blank lines ignored. List-valued cells separate items with ';'. A row with the
 * wrong number of cells is an error that names the table and line, so a linguist editing
 * a table hears about a slip at build/test time, not as a silent miss. */
#ifndef CL_DATA_TABLE_H
#define CL_DATA_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "claimline/claimline.h"
#include "util/arena.h"

typedef struct cl_table {
    const char *name;
    uint32_t nrows, ncols;
    const char **cells;     /* nrows * ncols NUL-terminated strings in the arena */
    uint32_t *lines;        /* source line of each row */
} cl_table;

static inline const char *cl_table_cell(const cl_table *t, uint32_t row, uint32_t col)
{
    return t->cells[(size_t)row * t->ncols + col];
}

/* Loads the embedded table `name` expecting `ncols` cells per row (ncols = 0: take the
 * count from the first row). Returns CL_OK or fills err. */
cl_status cl_table_load(cl_arena *a, const char *name, uint32_t ncols, cl_table *out,
                        cl_error *err);

/* Parses TSV text (used by cl_table_load, exposed for tests). */
cl_status cl_table_parse(cl_arena *a, const char *name, const char *data, size_t len,
                         uint32_t ncols, cl_table *out, cl_error *err);

/* Splits a ';' list cell: calls fn(item, len, user) for each non-empty item. */
void cl_table_split(const char *cell, void (*fn)(const char *item, size_t len, void *user),
                    void *user);

#endif
