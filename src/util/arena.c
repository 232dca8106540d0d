/* arena.c - bump allocator; see arena.h for the failure contract. */
#include "util/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cl_arena_block {
    cl_arena_block *prev;
    size_t size;   /* usable bytes in data */
    size_t fill;   /* bytes used */
    _Alignas(16) unsigned char data[];
};

enum { ARENA_ALIGN = 16, ARENA_MIN_BLOCK = 64 * 1024 };

void cl_arena_init(cl_arena *a, size_t cap)
{
    memset(a, 0, sizeof *a);
    a->cap = cap;
}

void cl_arena_release(cl_arena *a)
{
    if (!a)
        return;
    cl_arena_block *b = a->head;
    while (b) {
        cl_arena_block *prev = b->prev;
        free(b);
        b = prev;
    }
    a->head = NULL;
    a->used = 0;
    a->last = NULL;
    a->last_size = 0;
}

static _Noreturn void arena_fail(cl_arena *a, int by_cap)
{
    a->failed_by_cap = by_cap;
    if (a->on_fail)
        longjmp(*a->on_fail, 1);
    fputs("claimline: out of memory\n", stderr);
    abort();
}

static size_t round_up(size_t n)
{
    return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
}

void *cl_arena_alloc(cl_arena *a, size_t n)
{
    size_t need = round_up(n ? n : 1);
    if (need < n)
        arena_fail(a, 1);
    cl_arena_block *b = a->head;
    if (!b || b->size - b->fill < need) {
        size_t size = b ? b->size * 2 : ARENA_MIN_BLOCK;
        if (size > 64u * 1024 * 1024)
            size = 64u * 1024 * 1024;
        if (size < need)
            size = need;
        if (a->cap && a->used + size > a->cap) {
            /* Try an exact-size block before giving up. */
            size = need;
            if (a->used + size > a->cap)
                arena_fail(a, 1);
        }
        cl_arena_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            arena_fail(a, 0);
        nb->prev = b;
        nb->size = size;
        nb->fill = 0;
        a->head = nb;
        a->used += size;
        b = nb;
    }
    void *p = b->data + b->fill;
    b->fill += need;
    a->last = p;
    a->last_size = need;
    return p;
}

void *cl_arena_zalloc(cl_arena *a, size_t n)
{
    void *p = cl_arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

void *cl_arena_grow(cl_arena *a, void *old, size_t old_size, size_t new_size)
{
    if (new_size <= old_size)
        return old;
    if (old && old == a->last) {
        cl_arena_block *b = a->head;
        size_t need = round_up(new_size);
        size_t start = (size_t)((unsigned char *)old - b->data);
        if (start + need <= b->size) {
            b->fill = start + need;
            a->last_size = need;
            return old;
        }
    }
    void *p = cl_arena_alloc(a, new_size);
    if (old && old_size)
        memcpy(p, old, old_size);
    return p;
}

char *cl_arena_strndup(cl_arena *a, const char *s, size_t n)
{
    char *p = cl_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *cl_arena_strdup(cl_arena *a, const char *s)
{
    return cl_arena_strndup(a, s, strlen(s));
}

char *cl_arena_printf(cl_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = cl_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void cl_vec_reserve_(cl_arena *a, void **v, uint32_t *cap, size_t elem)
{
    uint32_t ncap = *cap ? *cap * 2 : 8;
    if (ncap < *cap)
        arena_fail(a, 1);
    *v = cl_arena_grow(a, *v, (size_t)*cap * elem, (size_t)ncap * elem);
    *cap = ncap;
}
