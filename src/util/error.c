/* error.c - see error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *cl_strerror(cl_status status)
{
    switch (status) {
    case CL_OK: return "ok";
    case CL_ENOMEM: return "out of memory";
    case CL_EIO: return "input/output error";
    case CL_EFORMAT: return "malformed input";
    case CL_EENCODING: return "not UTF-8 text";
    case CL_ELIMIT: return "limit exceeded";
    case CL_EINVAL: return "invalid argument";
    case CL_EDB: return "ledger database error";
    case CL_ENOTFOUND: return "not found";
    case CL_EEMPTY: return "empty document";
    }
    return "unknown status";
}

void cl_error_clear(cl_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

cl_status cl_error_set(cl_error *err, cl_status status, const char *source, uint64_t line,
                       uint64_t offset, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    err->line = line;
    err->offset = offset;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}
