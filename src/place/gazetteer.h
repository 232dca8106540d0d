/* gazetteer.h - the binary gazetteer: places, first-level subdivisions and countries with
 * coordinates and population, looked up by place key (placekey.h).
 *
 * File layout (little-endian, offsets from the start of the file, 4-byte aligned):
 *   header   cl_gaz_header
 *   entries  cl_gaz_entry[n_entries]
 *   slots    cl_gaz_slot[n_slots]          open addressing on the FNV-1a hash of the key
 *   postings uint32_t[n_postings]          entry indices of one key, best first
 *   strings  NUL-terminated names and keys
 * The file is built by tools/gazetteer/gazc and used in place (memory-mapped or embedded):
 * opening it costs nothing but a header check. */
#ifndef CL_PLACE_GAZETTEER_H
#define CL_PLACE_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "claimline/claimline.h"

#define CL_GAZ_MAGIC "CLGAZ01"

enum cl_gaz_kind { CL_GAZ_CITY = 0, CL_GAZ_ADMIN1 = 1, CL_GAZ_COUNTRY = 2 };

enum cl_gaz_flag {
    CL_GAZ_CAPITAL = 1u << 0,   /* national capital (PPLC) */
    CL_GAZ_SEAT = 1u << 1,      /* seat of a first-level division (PPLA) */
    CL_GAZ_COMMON = 1u << 2     /* the name is also an ordinary English word */
};

typedef struct cl_gaz_header {
    char magic[8];
    uint32_t n_entries, n_slots, n_postings, strings_len;
    uint32_t off_entries, off_slots, off_postings, off_strings;
} cl_gaz_header;

typedef struct cl_gaz_entry {
    uint32_t name;        /* string offset (relative to strings) */
    uint32_t admin1;      /* string offset, 0 = none (offset 0 holds "") */
    int32_t lat_e5, lon_e5;
    uint32_t population;
    char country[2];      /* ISO 3166-1 alpha-2 */
    uint8_t kind;
    uint8_t flags;
} cl_gaz_entry;

typedef struct cl_gaz_slot {
    uint32_t hash;        /* low 32 bits of the key hash; 0 with count 0 = empty */
    uint32_t key;         /* string offset of the key */
    uint32_t first;       /* first posting */
    uint32_t count;       /* number of postings; 0 = empty slot */
} cl_gaz_slot;

typedef struct cl_gazetteer {
    const unsigned char *base;
    size_t size;
    const cl_gaz_header *hdr;
    const cl_gaz_entry *entries;
    const cl_gaz_slot *slots;
    const uint32_t *postings;
    const char *strings;
    void *mapping;        /* non-NULL when we mmap'ed a file */
} cl_gazetteer;

/* Opens an in-memory image (not copied); checks the header and bounds. */
cl_status cl_gazetteer_open_memory(cl_gazetteer *g, const void *data, size_t size, cl_error *err);
/* Memory-maps a gazetteer file. */
cl_status cl_gazetteer_open_file(cl_gazetteer *g, const char *path, cl_error *err);
void cl_gazetteer_close(cl_gazetteer *g);

/* Looks up a name (any spelling). Returns the number of entries and points *ids at their
 * indices (best first: countries, subdivisions, then cities by population). */
uint32_t cl_gazetteer_find(const cl_gazetteer *g, const char *name, size_t len,
                           const uint32_t **ids);

static inline const char *cl_gaz_str(const cl_gazetteer *g, uint32_t off) { return g->strings + off; }

/* FNV-1a of a key (exact bytes: keys are already folded). */
uint64_t cl_gaz_hash(const char *key, size_t len);

#endif
