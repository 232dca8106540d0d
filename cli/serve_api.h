/* serve_api.h - the HTTP API of `claimline serve`, independent of the HTTP server: one
 * request (method, path, query parameters) in, one reply (status, type, body) out. The
 * server (cmd_serve.c) and the fuzz target call the same function. */
#ifndef CLAIMLINE_SERVE_API_H
#define CLAIMLINE_SERVE_API_H

#include <stddef.h>

#include "claimline/claimline.h"

typedef struct serve_param {
    const char *key, *value; /* value may be NULL ("?copies") */
} serve_param;

typedef struct serve_reply {
    int status;              /* HTTP status */
    const char *type;        /* content type */
    char *body;              /* malloc'ed; the caller frees */
    size_t len;
} serve_reply;

/* Answers one request from the ledger. Never fails: errors are replies (400 bad
 * parameter, 404 unknown path, 405 not GET, 500 database error) with a JSON body
 * {"error": "..."}. */
void serve_handle(cl_ledger *lg, const char *method, const char *path, const serve_param *params,
                  size_t n_params, serve_reply *out);

#endif
