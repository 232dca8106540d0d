/* strmap.h - open-addressing hash map from case-folded strings to small integers, used for
 * every lexicon (month names, cue verbs, actor aliases, gazetteer names in memory). Keys are
 * copied into the owner's arena; the map is read-only once built, so one context's maps are
 * shared by all threads without locks. */
#ifndef CL_UTIL_STRMAP_H
#define CL_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

typedef struct cl_strmap_slot {
    const char *key;   /* case-folded copy; NULL = empty slot */
    uint32_t len;
    uint32_t value;
    uint64_t hash;
} cl_strmap_slot;

typedef struct cl_strmap {
    cl_strmap_slot *slots;
    uint32_t mask;     /* capacity - 1 */
    uint32_t count;
} cl_strmap;

/* Sets up an empty map sized for about `expected` keys. */
void cl_strmap_init(cl_strmap *m, cl_arena *a, uint32_t expected);
/* Inserts key -> value (case-insensitive). When the key exists, keeps the old value and
 * returns 0; returns 1 when inserted. Grows as needed. */
int cl_strmap_put(cl_strmap *m, cl_arena *a, const char *key, size_t len, uint32_t value);
/* Finds key; returns 1 and stores the value, or 0. */
int cl_strmap_get(const cl_strmap *m, const char *key, size_t len, uint32_t *value);
/* The same with the key's cl_hash_ci already computed (tokens carry theirs: doc.h). */
int cl_strmap_get_hashed(const cl_strmap *m, const char *key, size_t len, uint64_t hash,
                         uint32_t *value);
/* Replaces the value of an existing key; returns 0 if absent. */
int cl_strmap_set(cl_strmap *m, const char *key, size_t len, uint32_t value);

#endif
