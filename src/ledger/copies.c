/* copies.c - near-duplicate detection for syndicated stories.
 *
 * Each record carries a MinHash signature of 64 values (32 bands of 2). Documents sharing
 * a band are candidates; a candidate sharing at least two bands is compared on the whole
 * signature. The work per document is bounded: only the 8 latest documents of each band
 * in the store, plus the 8 latest this session added, are candidates, and a copy's bands
 * are not indexed (its original stands for it), so the buckets of templated or syndicated
 * text do not make loading quadratic. A bucket is read from the store once per session (in
 * one request per batch for all new buckets); documents another loader adds meanwhile are
 * not seen, which at worst leaves a copy unmarked. The session memory is capped: past
 * MAX_BUCKETS buckets or MAX_CANDIDATES documents it starts afresh (and reads buckets from
 * the store again). */
#include <stdlib.h>
#include <string.h>

#include "ledger/copies.h"
#include "util/strmap.h"

enum {
    SIG = LEDGER_BANDS * LEDGER_BAND_ROWS,
    PER_BUCKET = 8,
    MAX_BUCKETS = 1 << 18,   /* about 30 MB of buckets ... */
    MAX_CANDIDATES = 1 << 16 /* ... and 25 MB of signatures before the session starts afresh */
};

/* A document that may be an original: from the store or earlier in the batch. */
typedef struct candidate {
    const char *root;   /* hash of the original it stands for */
    uint32_t *sig;      /* NULL when its signature is malformed */
    uint32_t stamp;     /* serial of the document last counting shared bands with it */
    int shared;         /* bands shared with that document */
} candidate;

/* The latest documents of one bucket: up to 8 from the store, then up to 8 of this batch
 * (the oldest of those replaced first). */
typedef struct bucket {
    uint32_t member[2 * PER_BUCKET];
    uint32_t n, stored, next; /* members, of which from the store, next batch slot to reuse */
} bucket;

/* One slot of the bucket table: key -> bucket index + 1 (0 = empty). */
typedef struct bucket_slot {
    int64_t key;
    uint32_t id;
} bucket_slot;

struct ledger_copies {
    cl_arena arena;
    bucket_slot *slots;             /* open addressing, power-of-two size */
    uint32_t mask;
    CL_VEC(int64_t) keys;           /* of each bucket */
    CL_VEC(bucket) buckets;
    cl_strmap cand_ids;             /* document hash -> candidate index */
    CL_VEC(candidate) cands;
    uint32_t serial;                /* documents looked at, to stamp candidates */
};
typedef struct ledger_copies copy_state;

/* Parses a record's minhash hex into 64 values; returns 0 when absent or malformed. */
static int parse_signature(const char *hex, uint32_t sig[SIG])
{
    if (!hex || strlen(hex) != SIG * 8)
        return 0;
    for (int i = 0; i < SIG; i++) {
        uint32_t v = 0;
        for (int k = 0; k < 8; k++) {
            char c = hex[i * 8 + k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                return 0;
            v = (v << 4) | (uint32_t)d;
        }
        sig[i] = v;
    }
    return 1;
}

/* The bucket key of one band: the hash of its values, non-negative, with the band number
 * in the low 5 bits. */
static int64_t band_key(const uint32_t *sig, int band)
{
    uint64_t h = 1469598103934665603ull;
    for (int r = 0; r < LEDGER_BAND_ROWS; r++) {
        h ^= sig[band * LEDGER_BAND_ROWS + r];
        h *= 1099511628211ull;
    }
    return (int64_t)(((h >> 1) & ~(uint64_t)31) | (uint64_t)band);
}

static void state_init(copy_state *cs)
{
    memset(cs, 0, sizeof *cs);
    cl_arena_init(&cs->arena, 0);
    cs->mask = 4095;
    cs->slots = cl_arena_zalloc(&cs->arena, sizeof *cs->slots * (cs->mask + 1));
    cl_strmap_init(&cs->cand_ids, &cs->arena, 1024);
}

ledger_copies *ledger_copies_new(void)
{
    copy_state *cs = malloc(sizeof *cs);
    if (cs)
        state_init(cs);
    return cs;
}

void ledger_copies_free(ledger_copies *cp)
{
    if (!cp)
        return;
    cl_arena_release(&cp->arena);
    free(cp);
}

void ledger_copies_forget(ledger_copies *cp)
{
    cl_arena_release(&cp->arena);
    state_init(cp);
}

static uint32_t slot_hash(int64_t key)
{
    return (uint32_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 32);
}

/* The bucket of key, created when new; *fresh tells whether it was. */
static uint32_t bucket_of(copy_state *cs, int64_t key, int *fresh)
{
    uint32_t i = slot_hash(key) & cs->mask;
    for (;; i = (i + 1) & cs->mask) {
        bucket_slot *sl = &cs->slots[i];
        if (!sl->id)
            break;
        if (sl->key == key) {
            *fresh = 0;
            return sl->id - 1;
        }
    }
    *fresh = 1;
    uint32_t id = cs->keys.n;
    CL_VEC_PUSH(&cs->arena, cs->keys) = key;
    bucket *b = &CL_VEC_PUSH(&cs->arena, cs->buckets);
    memset(b, 0, sizeof *b);
    cs->slots[i] = (bucket_slot){key, id + 1};
    if (cs->keys.n * 2 > cs->mask) { /* keep the table at most half full */
        uint32_t old_mask = cs->mask;
        bucket_slot *old = cs->slots;
        cs->mask = old_mask * 2 + 1;
        cs->slots = cl_arena_zalloc(&cs->arena, sizeof *cs->slots * (cs->mask + 1));
        for (uint32_t k = 0; k <= old_mask; k++) {
            if (!old[k].id)
                continue;
            uint32_t j = slot_hash(old[k].key) & cs->mask;
            while (cs->slots[j].id)
                j = (j + 1) & cs->mask;
            cs->slots[j] = old[k];
        }
    }
    return id;
}

/* Interns a candidate document by hash; the first sighting's facts are kept. */
static uint32_t candidate_of(copy_state *cs, const char *hash, const char *minhash, const char *root)
{
    uint32_t id;
    size_t len = strlen(hash);
    if (cl_strmap_get(&cs->cand_ids, hash, len, &id))
        return id;
    id = cs->cands.n;
    candidate *c = &CL_VEC_PUSH(&cs->arena, cs->cands);
    c->root = cl_arena_strdup(&cs->arena, root ? root : hash);
    c->stamp = 0;
    c->sig = cl_arena_alloc(&cs->arena, sizeof(uint32_t) * SIG);
    if (!parse_signature(minhash, c->sig))
        c->sig = NULL;
    cl_strmap_put(&cs->cand_ids, &cs->arena, hash, len, id);
    return id;
}

static void bucket_add(bucket *b, uint32_t cand, int from_store)
{
    for (uint32_t i = 0; i < b->n; i++)
        if (b->member[i] == cand)
            return;
    if (from_store) {
        if (b->stored < PER_BUCKET) /* the store sends them before any batch member */
            b->member[b->n++] = cand, b->stored++;
    } else if (b->n < b->stored + PER_BUCKET) {
        b->member[b->n++] = cand;
    } else {
        b->member[b->stored + b->next] = cand;
        b->next = (b->next + 1) % PER_BUCKET;
    }
}

/* Where the store's answer for one batch goes: the asked buckets by request index. */
typedef struct stored_sink {
    copy_state *cs;
    const uint32_t *asked;
    size_t n;
} stored_sink;

static void on_stored(void *user, size_t index, const char *hash, const char *minhash,
                      const char *root)
{
    stored_sink *sink = user;
    if (!hash || index >= sink->n)
        return;
    copy_state *cs = sink->cs;
    bucket_add(&cs->buckets.v[sink->asked[index]], candidate_of(cs, hash, minhash, root), 1);
}

/* The original the document with signature sig (in buckets bucket_ids) copies, or NULL. */
static const char *best_original(copy_state *cs, const uint32_t *sig, const uint32_t *bucket_ids,
                                 const char *own_hash)
{
    uint32_t stamp = ++cs->serial;
    uint32_t seen[LEDGER_BANDS * 2 * PER_BUCKET];
    int n_seen = 0;
    for (int b = 0; b < LEDGER_BANDS; b++) {
        const bucket *bk = &cs->buckets.v[bucket_ids[b]];
        for (uint32_t m = 0; m < bk->n; m++) {
            candidate *c = &cs->cands.v[bk->member[m]];
            if (c->stamp != stamp) {
                c->stamp = stamp;
                c->shared = 0;
                seen[n_seen++] = bk->member[m];
            }
            c->shared++;
        }
    }
    /* a copy at the threshold shares about 8 of the 32 bands; one shared band is chance */
    const char *best = NULL;
    double best_sim = 0;
    for (int k = 0; k < n_seen; k++) {
        const candidate *c = &cs->cands.v[seen[k]];
        if (c->shared < 2 || !c->sig)
            continue;
        int same = 0;
        for (int i = 0; i < SIG; i++)
            same += sig[i] == c->sig[i];
        double sim = same / (double)SIG;
        if (sim > best_sim) {
            best_sim = sim;
            best = c->root;
        }
    }
    if (best_sim >= LEDGER_COPY_SIMILARITY && best && strcmp(best, own_hash) != 0)
        return best;
    return NULL;
}

cl_status ledger_find_copies(ledger_copies *cs, const ledger_store_ops *ops, ledger_store *st,
                             ledger_new_doc *docs, size_t n, cl_arena *scratch, cl_error *err)
{
    if (cs->keys.n > MAX_BUCKETS || cs->cands.n > MAX_CANDIDATES)
        ledger_copies_forget(cs);
    uint32_t **sigs = cl_arena_zalloc(scratch, sizeof *sigs * (n + 1));
    uint32_t **bucket_ids = cl_arena_zalloc(scratch, sizeof *bucket_ids * (n + 1));
    int64_t **keys = cl_arena_zalloc(scratch, sizeof *keys * (n + 1));
    /* buckets this session has not seen yet: read them from the store */
    CL_VEC(uint32_t) asked = {0};
    CL_VEC(int64_t) ask = {0};
    for (size_t i = 0; i < n; i++) {
        docs[i].copy_of = NULL;
        docs[i].bands = NULL;
        uint32_t *sig = cl_arena_alloc(scratch, sizeof(uint32_t) * SIG);
        if (!parse_signature(docs[i].rec->minhash, sig))
            continue;
        sigs[i] = sig;
        keys[i] = cl_arena_alloc(scratch, sizeof(int64_t) * LEDGER_BANDS);
        bucket_ids[i] = cl_arena_alloc(scratch, sizeof(uint32_t) * LEDGER_BANDS);
        for (int b = 0; b < LEDGER_BANDS; b++) {
            int fresh;
            keys[i][b] = band_key(sig, b);
            bucket_ids[i][b] = bucket_of(cs, keys[i][b], &fresh);
            if (fresh) {
                CL_VEC_PUSH(scratch, asked) = bucket_ids[i][b];
                CL_VEC_PUSH(scratch, ask) = keys[i][b];
            }
        }
    }
    stored_sink sink = {cs, asked.v, asked.n};
    cl_status s = ops->buckets(st, ask.v, ask.n, on_stored, &sink, err);
    if (s != CL_OK)
        return s;
    for (size_t i = 0; i < n; i++) {
        if (!sigs[i])
            continue;
        const char *hash = docs[i].rec->hash;
        docs[i].copy_of = best_original(cs, sigs[i], bucket_ids[i], hash);
        if (docs[i].copy_of) {
            docs[i].copy_of = cl_arena_strdup(scratch, docs[i].copy_of);
            continue;
        }
        docs[i].bands = keys[i];
        uint32_t self = candidate_of(cs, hash, docs[i].rec->minhash, hash);
        for (int b = 0; b < LEDGER_BANDS; b++)
            bucket_add(&cs->buckets.v[bucket_ids[i][b]], self, 0);
    }
    return CL_OK;
}
