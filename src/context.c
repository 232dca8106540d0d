/* context.c - building the shared, read-only engine context. */
#include "context.h"

#include <stdlib.h>
#include <string.h>

#include "data/blobs.h"
#include "util/error.h"

void cl_options_init(cl_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_doc_bytes = 32u << 20;
    opts->max_doc_memory = 512u << 20;
}

cl_context *cl_context_new(const cl_options *opts, cl_error *err)
{
    cl_error_clear(err);
    cl_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    cl_options_init(&ctx->opts);
    if (opts) {
        ctx->opts = *opts;
        if (!ctx->opts.max_doc_bytes)
            ctx->opts.max_doc_bytes = 32u << 20;
        if (!ctx->opts.max_doc_memory)
            ctx->opts.max_doc_memory = 512u << 20;
    }
    cl_arena_init(&ctx->arena, 0);
    cl_status st;
    if (ctx->opts.gazetteer_path) {
        st = cl_gazetteer_open_file(&ctx->gaz, ctx->opts.gazetteer_path, err);
    } else {
        size_t len;
        const char *blob = cl_blob_get("gazetteer.bin", &len);
        st = blob ? cl_gazetteer_open_memory(&ctx->gaz, blob, len, err)
                  : cl_error_set(err, CL_ENOTFOUND, "gazetteer.bin", 0, 0,
                                 "the built-in gazetteer is missing");
    }
    cl_words_open(&ctx->words);
    if (st == CL_OK)
        st = cl_clean_tables_load(&ctx->clean, &ctx->arena, err);
    if (st == CL_OK)
        st = cl_segment_tables_load(&ctx->segment, &ctx->arena, err);
    if (st == CL_OK)
        st = cl_time_tables_load(&ctx->time, &ctx->arena, err);
    if (st == CL_OK)
        st = cl_place_tables_load(&ctx->place, &ctx->gaz, &ctx->arena, err);
    if (st == CL_OK)
        st = cl_actor_tables_load(&ctx->actor, &ctx->arena, err);
    if (st == CL_OK)
        st = cl_attrib_tables_load(&ctx->attrib, &ctx->arena, err);
    if (st == CL_OK)
        st = cl_claim_tables_load(&ctx->claim, &ctx->arena, err);
    if (st == CL_OK)
        st = cl_event_tables_load(&ctx->event, &ctx->arena, err);
    if (st != CL_OK) {
        cl_context_free(ctx);
        return NULL;
    }
    return ctx;
}

void cl_context_free(cl_context *ctx)
{
    if (!ctx)
        return;
    cl_gazetteer_close(&ctx->gaz);
    cl_arena_release(&ctx->arena);
    free(ctx);
}
