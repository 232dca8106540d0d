/* error.h - filling a cl_error (the library's error value) and the status strings. */
#ifndef CL_UTIL_ERROR_H
#define CL_UTIL_ERROR_H

#include <stdint.h>

#include "claimline/claimline.h"

/* Sets every field of err (err may be NULL); returns status for convenience. */
cl_status cl_error_set(cl_error *err, cl_status status, const char *source, uint64_t line,
                       uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void cl_error_clear(cl_error *err);

#endif
