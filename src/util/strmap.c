/* strmap.c - see strmap.h. Linear probing; load factor kept under 1/2. */
#include "util/strmap.h"

#include <string.h>

#include "util/text.h"

void cl_strmap_init(cl_strmap *m, cl_arena *a, uint32_t expected)
{
    uint32_t cap = 16;
    while (cap < expected * 2u + 2u)
        cap *= 2;
    m->slots = cl_arena_zalloc(a, sizeof(cl_strmap_slot) * cap);
    m->mask = cap - 1;
    m->count = 0;
}

static int key_eq(const cl_strmap_slot *s, const char *key, size_t len, uint64_t h)
{
    if (s->hash != h || s->len != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s->key[i] != cl_lower(key[i]))
            return 0;
    }
    return 1;
}

static void strmap_grow(cl_strmap *m, cl_arena *a)
{
    cl_strmap old = *m;
    uint32_t cap = (old.mask + 1) * 2;
    m->slots = cl_arena_zalloc(a, sizeof(cl_strmap_slot) * cap);
    m->mask = cap - 1;
    for (uint32_t i = 0; i <= old.mask; i++) {
        if (!old.slots[i].key)
            continue;
        uint32_t j = (uint32_t)old.slots[i].hash & m->mask;
        while (m->slots[j].key)
            j = (j + 1) & m->mask;
        m->slots[j] = old.slots[i];
    }
}

int cl_strmap_put(cl_strmap *m, cl_arena *a, const char *key, size_t len, uint32_t value)
{
    if ((m->count + 1) * 2 > m->mask + 1)
        strmap_grow(m, a);
    uint64_t h = cl_hash_ci(key, len);
    uint32_t j = (uint32_t)h & m->mask;
    while (m->slots[j].key) {
        if (key_eq(&m->slots[j], key, len, h))
            return 0;
        j = (j + 1) & m->mask;
    }
    char *k = cl_arena_alloc(a, len + 1);
    for (size_t i = 0; i < len; i++)
        k[i] = cl_lower(key[i]);
    k[len] = '\0';
    m->slots[j] = (cl_strmap_slot){k, (uint32_t)len, value, h};
    m->count++;
    return 1;
}

static cl_strmap_slot *strmap_find_hashed(const cl_strmap *m, const char *key, size_t len,
                                          uint64_t h)
{
    if (!m->slots)
        return NULL;
    uint32_t j = (uint32_t)h & m->mask;
    while (m->slots[j].key) {
        if (key_eq(&m->slots[j], key, len, h))
            return &m->slots[j];
        j = (j + 1) & m->mask;
    }
    return NULL;
}

static cl_strmap_slot *strmap_find(const cl_strmap *m, const char *key, size_t len)
{
    return m->slots ? strmap_find_hashed(m, key, len, cl_hash_ci(key, len)) : NULL;
}

int cl_strmap_get_hashed(const cl_strmap *m, const char *key, size_t len, uint64_t hash,
                         uint32_t *value)
{
    cl_strmap_slot *s = strmap_find_hashed(m, key, len, hash);
    if (!s)
        return 0;
    *value = s->value;
    return 1;
}

int cl_strmap_get(const cl_strmap *m, const char *key, size_t len, uint32_t *value)
{
    cl_strmap_slot *s = strmap_find(m, key, len);
    if (!s)
        return 0;
    *value = s->value;
    return 1;
}

int cl_strmap_set(cl_strmap *m, const char *key, size_t len, uint32_t value)
{
    cl_strmap_slot *s = strmap_find(m, key, len);
    if (!s)
        return 0;
    s->value = value;
    return 1;
}
