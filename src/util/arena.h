/* arena.h - per-document bump allocator with a hard size cap.
 *
 * Everything one document produces (tokens, sentences, timexes, claims ...) comes from one
 * arena and dies with it. The arena never returns NULL to its users: when the cap is hit or
 * malloc fails it jumps to the recovery point set with CL_ARENA_TRY, so a runaway document
 * becomes a clean "limit exceeded" rejection instead of a crash. Outside a TRY block an
 * allocation failure aborts, which is the library's single out-of-memory policy. */
#ifndef CL_UTIL_ARENA_H
#define CL_UTIL_ARENA_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cl_arena_block cl_arena_block;

typedef struct cl_arena {
    cl_arena_block *head;   /* block being filled */
    size_t used;            /* bytes handed out or wasted so far, for the cap */
    size_t cap;             /* hard limit on total bytes; 0 = unlimited */
    jmp_buf *on_fail;       /* where to jump on failure; NULL = abort */
    int failed_by_cap;      /* 1 when the last failure was the cap, 0 for malloc */
    void *last;             /* last allocation, so it can grow in place */
    size_t last_size;
} cl_arena;

/* Initializes an arena with the given cap (0 = no cap). No memory is taken yet. */
void cl_arena_init(cl_arena *a, size_t cap);
/* Frees every block; the arena may be reused after cl_arena_init. Accepts NULL. */
void cl_arena_release(cl_arena *a);

/* Returns n bytes aligned to 16, uninitialized. Never returns NULL (see file comment). */
void *cl_arena_alloc(cl_arena *a, size_t n);
/* Like cl_arena_alloc, zero-filled. */
void *cl_arena_zalloc(cl_arena *a, size_t n);
/* Grows a previous allocation to new_size bytes, in place when it was the last one;
 * may move: reassign the result. old may be NULL. */
void *cl_arena_grow(cl_arena *a, void *old, size_t old_size, size_t new_size);
/* Copies n bytes and appends a NUL. */
char *cl_arena_strndup(cl_arena *a, const char *s, size_t n);
char *cl_arena_strdup(cl_arena *a, const char *s);
/* printf into the arena. */
char *cl_arena_printf(cl_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A growable array living in an arena: CL_VEC(cl_token) tokens; CL_VEC_PUSH(arena, tokens) = t; */
#define CL_VEC(T) struct { T *v; uint32_t n, cap; }
#define CL_VEC_PUSH(arena, vec)                                                           \
    (*((vec).n == (vec).cap ? (cl_vec_reserve_((arena), (void **)&(vec).v, &(vec).cap,   \
                                               sizeof(*(vec).v)),                          \
                               &(vec).v[(vec).n++])                                        \
                            : &(vec).v[(vec).n++]))
void cl_vec_reserve_(cl_arena *a, void **v, uint32_t *cap, size_t elem);

#endif
