/* gazetteer.c - opening and querying the binary gazetteer (format in gazetteer.h). */
#include "place/gazetteer.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "place/placekey.h"
#include "util/error.h"

uint64_t cl_gaz_hash(const char *key, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int in_bounds(size_t size, uint32_t off, uint64_t count, size_t elem)
{
    return off <= size && count * elem <= size - off;
}

cl_status cl_gazetteer_open_memory(cl_gazetteer *g, const void *data, size_t size, cl_error *err)
{
    memset(g, 0, sizeof *g);
    const cl_gaz_header *h = data;
    if (!data || size < sizeof *h || memcmp(h->magic, CL_GAZ_MAGIC, 8) != 0)
        return cl_error_set(err, CL_EFORMAT, "gazetteer", 0, 0, "not a claimline gazetteer");
    if (!in_bounds(size, h->off_entries, h->n_entries, sizeof(cl_gaz_entry)) ||
        !in_bounds(size, h->off_slots, h->n_slots, sizeof(cl_gaz_slot)) ||
        !in_bounds(size, h->off_postings, h->n_postings, sizeof(uint32_t)) ||
        !in_bounds(size, h->off_strings, h->strings_len, 1) || h->strings_len == 0 ||
        h->n_slots == 0 || (h->n_slots & (h->n_slots - 1)) != 0)
        return cl_error_set(err, CL_EFORMAT, "gazetteer", 0, 0, "gazetteer is truncated");
    g->base = data;
    g->size = size;
    g->hdr = h;
    g->entries = (const cl_gaz_entry *)(g->base + h->off_entries);
    g->slots = (const cl_gaz_slot *)(g->base + h->off_slots);
    g->postings = (const uint32_t *)(g->base + h->off_postings);
    g->strings = (const char *)(g->base + h->off_strings);
    if (g->strings[h->strings_len - 1] != '\0')
        return cl_error_set(err, CL_EFORMAT, "gazetteer", 0, 0, "gazetteer strings unterminated");
    return CL_OK;
}

cl_status cl_gazetteer_open_file(cl_gazetteer *g, const char *path, cl_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cl_error_set(err, CL_EIO, path, 0, 0, "cannot open gazetteer %s", path);
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return cl_error_set(err, CL_EIO, path, 0, 0, "cannot read gazetteer %s", path);
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return cl_error_set(err, CL_EIO, path, 0, 0, "cannot map gazetteer %s", path);
    cl_status s = cl_gazetteer_open_memory(g, m, (size_t)st.st_size, err);
    if (s != CL_OK) {
        munmap(m, (size_t)st.st_size);
        return s;
    }
    g->mapping = m;
    return CL_OK;
}

void cl_gazetteer_close(cl_gazetteer *g)
{
    if (g && g->mapping)
        munmap(g->mapping, g->size);
    if (g)
        memset(g, 0, sizeof *g);
}

uint32_t cl_gazetteer_find(const cl_gazetteer *g, const char *name, size_t len,
                           const uint32_t **ids)
{
    char key[256];
    size_t klen = cl_place_key(name, len, key, sizeof key);
    if (!g->hdr || klen == 0)
        return 0;
    uint64_t h = cl_gaz_hash(key, klen);
    uint32_t h32 = (uint32_t)h;
    uint32_t mask = g->hdr->n_slots - 1;
    uint32_t j = (uint32_t)(h >> 32) & mask;
    for (uint32_t probes = 0; probes <= mask; probes++) {
        const cl_gaz_slot *s = &g->slots[j];
        if (s->count == 0)
            return 0;
        if (s->hash == h32 && s->key < g->hdr->strings_len &&
            strcmp(g->strings + s->key, key) == 0) {
            if (s->first > g->hdr->n_postings || s->count > g->hdr->n_postings - s->first)
                return 0;
            *ids = g->postings + s->first;
            return s->count;
        }
        j = (j + 1) & mask;
    }
    return 0;
}
