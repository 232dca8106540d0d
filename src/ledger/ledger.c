/* ledger.c - the SQLite ledger: records in, claims, timelines and conflicts out.
 *
 * Loading is idempotent, keyed by the document's content hash: a record whose hash is
 * already present changes nothing. Each record goes in inside one transaction (or inside
 * the caller's cl_ledger_begin/commit batch), so a reader never sees half a document and a
 * killed load leaves whole documents only. Queries return result sets that own their
 * strings (one arena per result). */
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/conflict.h"
#include "time/calendar.h"
#include "place/placekey.h"
#include "util/arena.h"
#include "util/error.h"

#define SCHEMA_VERSION "1"

struct cl_ledger {
    sqlite3 *db;
    char *path;
    int in_batch;
    sqlite3_stmt *ins_doc, *ins_claim, *ins_event;
    sqlite3_stmt *sel_band, *sel_minhash, *upd_copy, *ins_band;
};

/* Near-duplicate detection: 32 bands of 2 MinHash values; documents sharing a band are
 * compared on the whole signature, and one at or above this similarity (a shortened or
 * lightly edited copy still shares half its 5-word shingles) is a copy. */
enum { BANDS = 32, ROWS = 2 };
#define COPY_SIMILARITY 0.5

struct cl_result {
    cl_arena arena;
    CL_VEC(cl_claim_row) rows;
    CL_VEC(cl_event_row) events;
    CL_VEC(cl_conflict) conflicts;
    CL_VEC(uint64_t) pairs; /* (a << 32 | b) row indexes of each conflict */
};

static const char *const schema_sql =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS documents("
    " hash TEXT PRIMARY KEY, id TEXT NOT NULL, source TEXT, source_line INTEGER, url TEXT,"
    " outlet TEXT, title TEXT, date TEXT, date_basis TEXT, minhash TEXT, text TEXT,"
    " claims INTEGER, copy_of TEXT, loaded_at TEXT DEFAULT (datetime('now')));"
    "CREATE TABLE IF NOT EXISTS claims("
    " id INTEGER PRIMARY KEY, doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,"
    " doc_id TEXT, outlet TEXT, source TEXT, claimant TEXT, actor TEXT, side TEXT, stance TEXT,"
    " predicate TEXT, place TEXT, place_key TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL,"
    " holder TEXT, when_lo TEXT, when_hi TEXT, said_lo TEXT, said_hi TEXT, sentence INTEGER,"
    " line INTEGER, evidence TEXT);"
    "CREATE INDEX IF NOT EXISTS claims_place ON claims(place_key, when_lo);"
    "CREATE INDEX IF NOT EXISTS claims_side ON claims(side);"
    "CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_hash);"
    "CREATE TABLE IF NOT EXISTS events("
    " id INTEGER PRIMARY KEY, doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,"
    " doc_id TEXT, cameo TEXT, label TEXT, source TEXT, target TEXT, place TEXT, place_key TEXT,"
    " country TEXT, lat REAL, lon REAL, date_lo TEXT, date_hi TEXT, sentence INTEGER, evidence TEXT);"
    "CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);"
    "CREATE TABLE IF NOT EXISTS doc_bands(band INTEGER NOT NULL, key INTEGER NOT NULL,"
    " doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE);"
    "CREATE INDEX IF NOT EXISTS doc_bands_key ON doc_bands(band, key);"
    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '" SCHEMA_VERSION "');";

static cl_status db_error(cl_ledger *lg, cl_error *err, const char *what)
{
    return cl_error_set(err, CL_EDB, lg ? lg->path : NULL, 0, 0, "%s: %s", what,
                        lg && lg->db ? sqlite3_errmsg(lg->db) : "no database");
}

static int prepare(cl_ledger *lg, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v3(lg->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) == SQLITE_OK;
}

cl_ledger *cl_ledger_open(const char *uri, cl_error *err)
{
    cl_error_clear(err);
    if (!uri || !*uri) {
        cl_error_set(err, CL_EINVAL, NULL, 0, 0, "no ledger path");
        return NULL;
    }
    if (strncmp(uri, "sqlite:", 7) == 0)
        uri += 7;
    if (strncmp(uri, "postgres", 8) == 0) {
        cl_error_set(err, CL_EINVAL, uri, 0, 0,
                     "PostgreSQL ledgers are not supported by this build; use a SQLite file");
        return NULL;
    }
    cl_ledger *lg = calloc(1, sizeof *lg);
    if (!lg || !(lg->path = strdup(uri))) {
        free(lg);
        cl_error_set(err, CL_ENOMEM, uri, 0, 0, "out of memory");
        return NULL;
    }
    if (sqlite3_open_v2(uri, &lg->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        db_error(lg, err, "cannot open ledger");
        cl_ledger_close(lg);
        return NULL;
    }
    sqlite3_busy_timeout(lg->db, 10000);
    char *msg = NULL;
    if (sqlite3_exec(lg->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                             "PRAGMA foreign_keys=ON;",
                     NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(lg->db, schema_sql, NULL, NULL, &msg) != SQLITE_OK) {
        cl_error_set(err, CL_EDB, uri, 0, 0, "cannot set up ledger: %s", msg ? msg : "?");
        sqlite3_free(msg);
        cl_ledger_close(lg);
        return NULL;
    }
    if (!prepare(lg, &lg->ins_doc,
                 "INSERT OR IGNORE INTO documents(hash, id, source, source_line, url, outlet,"
                 " title, date, date_basis, minhash, text, claims)"
                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)") ||
        !prepare(lg, &lg->ins_claim,
                 "INSERT INTO claims(doc_hash, doc_id, outlet, source, claimant, actor, side,"
                 " stance, predicate, place, place_key, country, admin1, lat, lon, holder,"
                 " when_lo, when_hi, said_lo, said_hi, sentence, line, evidence)"
                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") ||
        !prepare(lg, &lg->ins_event,
                 "INSERT INTO events(doc_hash, doc_id, cameo, label, source, target, place,"
                 " place_key, country, lat, lon, date_lo, date_hi, sentence, evidence)"
                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") ||
        !prepare(lg, &lg->sel_band, "SELECT doc_hash FROM doc_bands WHERE band = ? AND key = ? ORDER BY rowid DESC LIMIT 8") ||
        !prepare(lg, &lg->sel_minhash, "SELECT minhash, coalesce(copy_of, hash) FROM documents WHERE hash = ?") ||
        !prepare(lg, &lg->upd_copy, "UPDATE documents SET copy_of = ? WHERE hash = ?") ||
        !prepare(lg, &lg->ins_band, "INSERT INTO doc_bands(band, key, doc_hash) VALUES (?,?,?)")) {
        db_error(lg, err, "cannot prepare statements");
        cl_ledger_close(lg);
        return NULL;
    }
    return lg;
}

void cl_ledger_close(cl_ledger *lg)
{
    if (!lg)
        return;
    if (lg->in_batch)
        sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(lg->ins_doc);
    sqlite3_finalize(lg->ins_claim);
    sqlite3_finalize(lg->ins_event);
    sqlite3_finalize(lg->sel_band);
    sqlite3_finalize(lg->sel_minhash);
    sqlite3_finalize(lg->upd_copy);
    sqlite3_finalize(lg->ins_band);
    sqlite3_close(lg->db);
    free(lg->path);
    free(lg);
}

cl_status cl_ledger_begin(cl_ledger *lg, cl_error *err)
{
    if (lg->in_batch)
        return CL_OK;
    if (sqlite3_exec(lg->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(lg, err, "cannot begin");
    lg->in_batch = 1;
    return CL_OK;
}

cl_status cl_ledger_commit(cl_ledger *lg, cl_error *err)
{
    if (!lg->in_batch)
        return CL_OK;
    lg->in_batch = 0;
    if (sqlite3_exec(lg->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(lg, err, "cannot commit");
    return CL_OK;
}

/* ---------------------------------------------------------------- loading */

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_pair(sqlite3_stmt *st, int i, json_t *pair)
{
    bind_text(st, i, json_is_array(pair) ? json_string_value(json_array_get(pair, 0)) : NULL);
    bind_text(st, i + 1, json_is_array(pair) ? json_string_value(json_array_get(pair, 1)) : NULL);
}

static int insert_claim(cl_ledger *lg, const char *hash, json_t *rec, json_t *c)
{
    sqlite3_stmt *st = lg->ins_claim;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    const char *place = jstr(c, "place");
    char key[256] = "";
    if (place)
        cl_place_key(place, strlen(place), key, sizeof key);
    bind_text(st, 1, hash);
    bind_text(st, 2, jstr(rec, "id"));
    bind_text(st, 3, jstr(rec, "outlet"));
    bind_text(st, 4, jstr(rec, "source"));
    bind_text(st, 5, jstr(c, "claimant"));
    bind_text(st, 6, jstr(c, "actor"));
    bind_text(st, 7, jstr(c, "side"));
    bind_text(st, 8, jstr(c, "stance"));
    bind_text(st, 9, jstr(c, "predicate"));
    bind_text(st, 10, place);
    bind_text(st, 11, key);
    bind_text(st, 12, jstr(c, "country"));
    bind_text(st, 13, jstr(c, "admin1"));
    sqlite3_bind_double(st, 14, json_number_value(json_object_get(c, "lat")));
    sqlite3_bind_double(st, 15, json_number_value(json_object_get(c, "lon")));
    bind_text(st, 16, jstr(c, "holder"));
    bind_pair(st, 17, json_object_get(c, "when"));
    bind_pair(st, 19, json_object_get(c, "said"));
    sqlite3_bind_int64(st, 21, json_integer_value(json_object_get(c, "sentence")));
    sqlite3_bind_int64(st, 22, json_integer_value(json_object_get(c, "line")));
    bind_text(st, 23, jstr(c, "evidence"));
    return sqlite3_step(st) == SQLITE_DONE;
}

static int insert_event(cl_ledger *lg, const char *hash, json_t *rec, json_t *e)
{
    sqlite3_stmt *st = lg->ins_event;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    bind_text(st, 1, hash);
    bind_text(st, 2, jstr(rec, "id"));
    bind_text(st, 3, jstr(e, "cameo"));
    bind_text(st, 4, jstr(e, "label"));
    bind_text(st, 5, jstr(e, "source"));
    bind_text(st, 6, jstr(e, "target"));
    const char *place = jstr(e, "place");
    char key[256] = "";
    if (place)
        cl_place_key(place, strlen(place), key, sizeof key);
    bind_text(st, 7, place);
    bind_text(st, 8, place ? key : NULL);
    bind_text(st, 9, jstr(e, "country"));
    json_t *lat = json_object_get(e, "lat"), *lon = json_object_get(e, "lon");
    if (json_is_number(lat) && json_is_number(lon)) {
        sqlite3_bind_double(st, 10, json_number_value(lat));
        sqlite3_bind_double(st, 11, json_number_value(lon));
    }
    bind_pair(st, 12, json_object_get(e, "date"));
    sqlite3_bind_int64(st, 14, json_integer_value(json_object_get(e, "sentence")));
    bind_text(st, 15, jstr(e, "evidence"));
    return sqlite3_step(st) == SQLITE_DONE;
}

/* Parses a record's minhash hex into 64 values; returns 0 when absent or malformed. */
static int parse_minhash(const char *hex, uint32_t sig[BANDS * ROWS])
{
    if (!hex || strlen(hex) != BANDS * ROWS * 8)
        return 0;
    for (int i = 0; i < BANDS * ROWS; i++) {
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

static int64_t band_key(const uint32_t *sig, int band)
{
    uint64_t h = 1469598103934665603ull;
    for (int r = 0; r < ROWS; r++) {
        h ^= sig[band * ROWS + r];
        h *= 1099511628211ull;
    }
    return (int64_t)(h >> 1);
}

/* Marks the document as a copy of an earlier near-duplicate (a syndicated story carried
 * by another outlet) and indexes its bands. The work per document is bounded: at most the 8
 * latest documents of each band are compared, each candidate once, and a copy's bands are
 * not indexed (its original already stands for it), so buckets of templated or syndicated
 * text do not make loading quadratic. */
static cl_status mark_copies(cl_ledger *lg, const char *hash, const char *minhash, cl_error *err)
{
    uint32_t sig[BANDS * ROWS], other[BANDS * ROWS];
    if (!parse_minhash(minhash, sig))
        return CL_OK;
    char best[64] = "";
    double best_sim = 0;
    /* candidates with the number of bands they share with this document */
    enum { MAX_SEEN = BANDS * 8 };
    char seen[MAX_SEEN][33];
    int shared[MAX_SEEN];
    int n_seen = 0;
    for (int b = 0; b < BANDS; b++) {
        sqlite3_reset(lg->sel_band);
        sqlite3_bind_int(lg->sel_band, 1, b);
        sqlite3_bind_int64(lg->sel_band, 2, band_key(sig, b));
        while (sqlite3_step(lg->sel_band) == SQLITE_ROW) {
            const char *cand = (const char *)sqlite3_column_text(lg->sel_band, 0);
            if (!cand)
                continue;
            int k = 0;
            while (k < n_seen && strncmp(seen[k], cand, 32) != 0)
                k++;
            if (k < n_seen) {
                shared[k]++;
            } else if (n_seen < MAX_SEEN) {
                snprintf(seen[n_seen], sizeof seen[0], "%s", cand);
                shared[n_seen++] = 1;
            }
        }
    }
    /* a copy at the threshold shares about 8 of the 32 bands; one shared band is chance */
    for (int k = 0; k < n_seen; k++) {
        if (shared[k] < 2)
            continue;
        sqlite3_reset(lg->sel_minhash);
        sqlite3_bind_text(lg->sel_minhash, 1, seen[k], -1, SQLITE_TRANSIENT);
        if (sqlite3_step(lg->sel_minhash) != SQLITE_ROW)
            continue;
        if (!parse_minhash((const char *)sqlite3_column_text(lg->sel_minhash, 0), other))
            continue;
        int same = 0;
        for (int i = 0; i < BANDS * ROWS; i++)
            same += sig[i] == other[i];
        double sim = same / (double)(BANDS * ROWS);
        if (sim > best_sim) {
            best_sim = sim;
            snprintf(best, sizeof best, "%s", (const char *)sqlite3_column_text(lg->sel_minhash, 1));
        }
    }
    if (best_sim >= COPY_SIMILARITY && best[0] && strcmp(best, hash) != 0) {
        sqlite3_reset(lg->upd_copy);
        sqlite3_bind_text(lg->upd_copy, 1, best, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(lg->upd_copy, 2, hash, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(lg->upd_copy) != SQLITE_DONE)
            return db_error(lg, err, "cannot mark a copy");
        return CL_OK;
    }
    for (int b = 0; b < BANDS; b++) {
        sqlite3_reset(lg->ins_band);
        sqlite3_bind_int(lg->ins_band, 1, b);
        sqlite3_bind_int64(lg->ins_band, 2, band_key(sig, b));
        sqlite3_bind_text(lg->ins_band, 3, hash, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(lg->ins_band) != SQLITE_DONE)
            return db_error(lg, err, "cannot index a document");
    }
    return CL_OK;
}

static cl_status load_record(cl_ledger *lg, json_t *rec, int *added, cl_error *err)
{
    const char *hash = jstr(rec, "hash"), *id = jstr(rec, "id");
    if (!hash || !id)
        return cl_error_set(err, CL_EFORMAT, NULL, 0, 0, "record has no hash or id");
    json_t *claims = json_object_get(rec, "claims"), *events = json_object_get(rec, "events");
    json_t *date = json_object_get(rec, "date");
    sqlite3_stmt *st = lg->ins_doc;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    bind_text(st, 1, hash);
    bind_text(st, 2, id);
    bind_text(st, 3, jstr(rec, "source"));
    sqlite3_bind_int64(st, 4, json_integer_value(json_object_get(rec, "source_line")));
    bind_text(st, 5, jstr(rec, "url"));
    bind_text(st, 6, jstr(rec, "outlet"));
    bind_text(st, 7, jstr(rec, "title"));
    bind_text(st, 8, jstr(date, "value"));
    bind_text(st, 9, jstr(date, "basis"));
    bind_text(st, 10, jstr(rec, "minhash"));
    bind_text(st, 11, jstr(rec, "text"));
    sqlite3_bind_int64(st, 12, (sqlite3_int64)json_array_size(claims));
    if (sqlite3_step(st) != SQLITE_DONE)
        return db_error(lg, err, "cannot insert document");
    *added = sqlite3_changes(lg->db) > 0;
    if (!*added)
        return CL_OK;
    cl_status marked = mark_copies(lg, hash, jstr(rec, "minhash"), err);
    if (marked != CL_OK)
        return marked;
    size_t i;
    json_t *c;
    json_array_foreach(claims, i, c)
    {
        if (!insert_claim(lg, hash, rec, c))
            return db_error(lg, err, "cannot insert claim");
    }
    json_array_foreach(events, i, c)
    {
        if (!insert_event(lg, hash, rec, c))
            return db_error(lg, err, "cannot insert event");
    }
    return CL_OK;
}

cl_status cl_ledger_add_json(cl_ledger *lg, const char *json, size_t len, int *added,
                             cl_error *err)
{
    int dummy;
    if (!added)
        added = &dummy;
    *added = 0;
    json_error_t jerr;
    json_t *rec = json_loadb(json, len, 0, &jerr);
    if (!rec || !json_is_object(rec)) {
        json_decref(rec);
        return cl_error_set(err, CL_EFORMAT, NULL, (uint64_t)(jerr.line > 0 ? jerr.line : 0),
                            (uint64_t)(jerr.position > 0 ? jerr.position : 0),
                            "record is not a JSON object: %s", jerr.text);
    }
    int own = !lg->in_batch;
    if (own && sqlite3_exec(lg->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        json_decref(rec);
        return db_error(lg, err, "cannot begin");
    }
    if (!own)
        sqlite3_exec(lg->db, "SAVEPOINT rec", NULL, NULL, NULL);
    cl_status s = load_record(lg, rec, added, err);
    json_decref(rec);
    if (own) {
        if (s == CL_OK && sqlite3_exec(lg->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            s = db_error(lg, err, "cannot commit");
        if (s != CL_OK)
            sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
    } else {
        sqlite3_exec(lg->db, s == CL_OK ? "RELEASE rec" : "ROLLBACK TO rec; RELEASE rec", NULL,
                     NULL, NULL);
    }
    if (s != CL_OK)
        *added = 0;
    return s;
}

cl_status cl_ledger_counts(cl_ledger *lg, int64_t *docs, int64_t *claims, cl_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lg->db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims)",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(lg, err, "cannot count");
    if (sqlite3_step(st) == SQLITE_ROW) {
        *docs = sqlite3_column_int64(st, 0);
        *claims = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return CL_OK;
}

/* ---------------------------------------------------------------- queries */

void cl_query_init(cl_query *q)
{
    memset(q, 0, sizeof *q);
}

size_t cl_result_count(const cl_result *r) { return r ? r->rows.n : 0; }
const cl_claim_row *cl_result_claim(const cl_result *r, size_t i) { return &r->rows.v[i]; }
size_t cl_result_conflict_count(const cl_result *r) { return r ? r->conflicts.n : 0; }
size_t cl_result_event_count(const cl_result *r) { return r ? r->events.n : 0; }
const cl_event_row *cl_result_event(const cl_result *r, size_t i) { return &r->events.v[i]; }
const cl_conflict *cl_result_conflict(const cl_result *r, size_t i) { return &r->conflicts.v[i]; }

void cl_result_free(cl_result *r)
{
    if (!r)
        return;
    cl_arena_release(&r->arena);
    free(r);
}

static const char *col_text(cl_result *r, sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? cl_arena_strdup(&r->arena, (const char *)s) : NULL;
}

static cl_result *select_claims(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    char sql[2048];
    size_t o = (size_t)snprintf(
        sql, sizeof sql,
        "SELECT c.id, c.doc_id, c.outlet, c.source, claimant, actor, side, stance, predicate,"
        " place, country, holder, when_lo, when_hi, said_lo, said_hi, evidence, sentence, line,"
        " (SELECT o.id FROM documents o WHERE o.hash = d.copy_of)"
        " FROM claims c JOIN documents d ON d.hash = c.doc_hash WHERE 1=1");
    if (q->place)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND place_key = ?1");
    if (q->no_copies)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND d.copy_of IS NULL");
    if (q->side)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND side = ?2 COLLATE NOCASE");
    if (q->actor)
        o += (size_t)snprintf(sql + o, sizeof sql - o,
                              " AND (actor = ?3 COLLATE NOCASE OR claimant LIKE '%%' || ?3 || '%%')");
    if (q->predicate)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND predicate = ?4");
    if (q->since)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND coalesce(when_hi, said_hi) >= ?5");
    if (q->until)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND coalesce(when_lo, said_lo) <= ?6");
    o += (size_t)snprintf(sql + o, sizeof sql - o,
                          " ORDER BY coalesce(when_lo, said_lo) IS NULL, coalesce(when_lo, said_lo),"
                          " side, c.doc_id, sentence");
    if (q->limit > 0)
        snprintf(sql + o, sizeof sql - o, " LIMIT %d", q->limit);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lg->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_error(lg, err, "cannot query claims");
        return NULL;
    }
    char key[256];
    if (q->place) {
        cl_place_key(q->place, strlen(q->place), key, sizeof key);
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    }
    if (q->side)
        sqlite3_bind_text(st, 2, q->side, -1, SQLITE_TRANSIENT);
    if (q->actor)
        sqlite3_bind_text(st, 3, q->actor, -1, SQLITE_TRANSIENT);
    if (q->predicate)
        sqlite3_bind_text(st, 4, q->predicate, -1, SQLITE_TRANSIENT);
    if (q->since)
        sqlite3_bind_text(st, 5, q->since, -1, SQLITE_TRANSIENT);
    if (q->until)
        sqlite3_bind_text(st, 6, q->until, -1, SQLITE_TRANSIENT);
    cl_result *r = calloc(1, sizeof *r);
    if (!r) {
        sqlite3_finalize(st);
        cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    cl_arena_init(&r->arena, 0);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cl_claim_row *row = &CL_VEC_PUSH(&r->arena, r->rows);
        memset(row, 0, sizeof *row);
        row->rowid = sqlite3_column_int64(st, 0);
        row->doc_id = col_text(r, st, 1);
        row->outlet = col_text(r, st, 2);
        row->source = col_text(r, st, 3);
        row->claimant = col_text(r, st, 4);
        row->actor = col_text(r, st, 5);
        row->side = col_text(r, st, 6);
        row->stance = col_text(r, st, 7);
        row->predicate = col_text(r, st, 8);
        row->place = col_text(r, st, 9);
        row->country = col_text(r, st, 10);
        row->holder = col_text(r, st, 11);
        row->when_lo = col_text(r, st, 12);
        row->when_hi = col_text(r, st, 13);
        row->said_lo = col_text(r, st, 14);
        row->said_hi = col_text(r, st, 15);
        row->evidence = col_text(r, st, 16);
        row->sentence = sqlite3_column_int64(st, 17);
        row->line = sqlite3_column_int64(st, 18);
        row->copy_of = col_text(r, st, 19);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_error(lg, err, "claims query failed");
        cl_result_free(r);
        return NULL;
    }
    return r;
}

cl_result *cl_ledger_claims(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    return select_claims(lg, q, err);
}

static int eqs(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Per-row facts computed once for the conflict sweep. */
typedef struct conflict_key {
    uint32_t row;
    int dated;        /* when (or said) is known */
    int32_t lo, hi;   /* days */
} conflict_key;

typedef struct sweep_ctx {
    const cl_claim_row *rows;
    const conflict_key *keys;
} sweep_ctx;

/* Orders by document, then row (the per-document pass for undated claims). */
static int cmp_doc(const void *x, const void *y, void *ctx_)
{
    const sweep_ctx *ctx = ctx_;
    const conflict_key *a = &ctx->keys[*(const uint32_t *)x], *b = &ctx->keys[*(const uint32_t *)y];
    int c = cmp_str(ctx->rows[a->row].doc_id, ctx->rows[b->row].doc_id);
    if (c)
        return c;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Records the pair when the two rows conflict. */
static void check_pair(cl_result *r, uint32_t i, uint32_t j, int window)
{
    if (eqs(r->rows.v[i].side, r->rows.v[j].side))
        return;
    const char *why = cl_claims_conflict(&r->rows.v[i], &r->rows.v[j], window);
    if (!why)
        return;
    r->rows.v[i].conflicted = r->rows.v[j].conflicted = 1;
    cl_conflict *c = &CL_VEC_PUSH(&r->arena, r->conflicts);
    c->a = NULL;
    c->b = NULL;
    c->reason = why;
    uint32_t lo = i < j ? i : j, hi = i < j ? j : i;
    CL_VEC_PUSH(&r->arena, r->pairs) = ((uint64_t)lo << 32) | hi;
}

/* Orders by place, then dated before undated, then start day. */
static int cmp_sweep(const void *x, const void *y, void *ctx_)
{
    const sweep_ctx *ctx = ctx_;
    const conflict_key *a = &ctx->keys[*(const uint32_t *)x], *b = &ctx->keys[*(const uint32_t *)y];
    int c = cmp_str(ctx->rows[a->row].place, ctx->rows[b->row].place);
    if (c)
        return c;
    if (a->dated != b->dated)
        return a->dated ? -1 : 1;
    if (a->dated && a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

static int party_row(const cl_claim_row *c)
{
    return c->side && *c->side && strcmp(c->side, "MEDIA") != 0 && !eqs(c->stance, "hedge") &&
           c->place && !c->copy_of;
}

/* Pairs of conflicting rows. Within each place, dated claims are swept in order of their
 * start day and compared only with claims starting within the window of their end, so the
 * work is near-linear for a place reported every day; undated claims conflict only within
 * their own document. At most max_pairs conflicts are listed (every conflicting row is
 * still marked up to that point). */
static void find_conflicts(cl_result *r, int window)
{
    const uint32_t max_pairs = 200000;
    if (window <= 0)
        window = CL_CONFLICT_WINDOW_DAYS;
    uint32_t n = r->rows.n, m = 0;
    conflict_key *keys = cl_arena_alloc(&r->arena, sizeof *keys * (n + 1));
    uint32_t *idx = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (n + 1));
    for (uint32_t i = 0; i < n; i++) {
        const cl_claim_row *c = &r->rows.v[i];
        if (!party_row(c))
            continue; /* no conflict without two parties; a copy defers to its original */
        conflict_key *k = &keys[m];
        k->row = i;
        const char *lo = c->when_lo ? c->when_lo : c->said_lo;
        const char *hi = c->when_hi ? c->when_hi : c->said_hi;
        k->dated = lo && hi && cl_parse_day(lo, &k->lo) && cl_parse_day(hi, &k->hi);
        idx[m] = m;
        m++;
    }
    sweep_ctx ctx = {r->rows.v, keys};
    qsort_r(idx, m, sizeof *idx, cmp_sweep, &ctx);
    for (uint32_t g = 0; g < m && r->pairs.n < max_pairs;) {
        uint32_t e = g + 1;
        while (e < m && eqs(r->rows.v[keys[idx[e]].row].place, r->rows.v[keys[idx[g]].row].place))
            e++;
        for (uint32_t x = g; x < e && r->pairs.n < max_pairs; x++) {
            const conflict_key *kx = &keys[idx[x]];
            for (uint32_t y = x + 1; y < e && r->pairs.n < max_pairs; y++) {
                const conflict_key *ky = &keys[idx[y]];
                if (kx->dated && ky->dated && ky->lo > kx->hi + window)
                    break; /* sorted by start: nothing later is close enough */
                if (!kx->dated || !ky->dated)
                    continue; /* undated: the per-document pass below */
                check_pair(r, kx->row, ky->row, window);
            }
        }
        /* undated claims conflict only within their own document: pair them there */
        int any_undated = !keys[idx[e - 1]].dated;
        if (any_undated) {
            uint32_t *byd = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (e - g));
            memcpy(byd, idx + g, sizeof(uint32_t) * (e - g));
            qsort_r(byd, e - g, sizeof *byd, cmp_doc, &ctx);
            for (uint32_t d = 0; d < e - g && r->pairs.n < max_pairs;) {
                uint32_t de = d + 1;
                while (de < e - g && eqs(r->rows.v[keys[byd[de]].row].doc_id,
                                         r->rows.v[keys[byd[d]].row].doc_id))
                    de++;
                for (uint32_t x = d; x < de; x++)
                    for (uint32_t y = x + 1; y < de && r->pairs.n < max_pairs; y++)
                        if (!keys[byd[x]].dated || !keys[byd[y]].dated)
                            check_pair(r, keys[byd[x]].row, keys[byd[y]].row, window);
                d = de;
            }
        }
        g = e;
    }
    for (uint32_t k = 0; k < r->conflicts.n; k++) {
        r->conflicts.v[k].a = &r->rows.v[r->pairs.v[k] >> 32];
        r->conflicts.v[k].b = &r->rows.v[r->pairs.v[k] & 0xFFFFFFFFu];
    }
}

/* Orders rows by claim (side, stance, predicate, place, holder), then outlet. */
static int cmp_claim(const void *x, const void *y, void *rows_)
{
    const cl_claim_row *rows = rows_;
    const cl_claim_row *a = &rows[*(const uint32_t *)x], *b = &rows[*(const uint32_t *)y];
    int c;
    if ((c = cmp_str(a->side, b->side)) || (c = cmp_str(a->stance, b->stance)) ||
        (c = cmp_str(a->predicate, b->predicate)) || (c = cmp_str(a->place, b->place)) ||
        (c = cmp_str(a->holder, b->holder)))
        return c;
    return cmp_str(a->outlet ? a->outlet : a->doc_id, b->outlet ? b->outlet : b->doc_id);
}

static int same_claim(const cl_claim_row *a, const cl_claim_row *b)
{
    return eqs(a->side, b->side) && eqs(a->stance, b->stance) && eqs(a->predicate, b->predicate) &&
           eqs(a->place, b->place) && eqs(a->holder, b->holder);
}

/* Distinct outlets carrying the same claim (side, stance, predicate, place, holder); a
 * syndicated copy is not independent corroboration. Sorting makes it O(n log n). */
static void corroborate(cl_result *r)
{
    uint32_t n = r->rows.n;
    uint32_t *idx = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (n + 1));
    for (uint32_t i = 0; i < n; i++)
        idx[i] = i;
    qsort_r(idx, n, sizeof *idx, cmp_claim, r->rows.v);
    for (uint32_t g = 0; g < n;) {
        uint32_t e = g + 1;
        while (e < n && same_claim(&r->rows.v[idx[e]], &r->rows.v[idx[g]]))
            e++;
        int outlets = 0;
        const char *last = NULL;
        int have_last = 0;
        for (uint32_t k = g; k < e; k++) {
            const cl_claim_row *c = &r->rows.v[idx[k]];
            if (c->copy_of)
                continue;
            const char *o = c->outlet ? c->outlet : c->doc_id;
            if (!have_last || !eqs(o, last))
                outlets++;
            last = o;
            have_last = 1;
        }
        for (uint32_t k = g; k < e; k++)
            r->rows.v[idx[k]].corroboration = outlets;
        g = e;
    }
}

cl_result *cl_ledger_timeline(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    cl_result *r = select_claims(lg, q, err);
    if (!r)
        return NULL;
    corroborate(r);
    find_conflicts(r, q->window_days);
    return r;
}

cl_result *cl_ledger_conflicts(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    cl_query byplace = *q;
    byplace.limit = 0;
    cl_result *r = select_claims(lg, &byplace, err);
    if (!r)
        return NULL;
    find_conflicts(r, q->window_days);
    return r;
}

cl_result *cl_ledger_events(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    char sql[1536];
    size_t o = (size_t)snprintf(
        sql, sizeof sql,
        "SELECT e.id, e.doc_id, d.outlet, d.url, (SELECT o.id FROM documents o WHERE o.hash = d.copy_of),"
        " cameo, label, e.source, target, place, country, lat, lon, date_lo, date_hi, evidence,"
        " sentence FROM events e JOIN documents d ON d.hash = e.doc_hash WHERE 1=1");
    if (q->place)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND place_key = ?1");
    if (q->side)
        o += (size_t)snprintf(sql + o, sizeof sql - o,
                              " AND (e.source = ?2 COLLATE NOCASE OR target = ?2 COLLATE NOCASE)");
    if (q->predicate)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND cameo LIKE ?4 || '%%'");
    if (q->since)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND date_hi >= ?5");
    if (q->until)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND date_lo <= ?6");
    if (q->no_copies)
        o += (size_t)snprintf(sql + o, sizeof sql - o, " AND d.copy_of IS NULL");
    o += (size_t)snprintf(sql + o, sizeof sql - o,
                          " ORDER BY date_lo IS NULL, date_lo, e.doc_id, sentence");
    if (q->limit > 0)
        snprintf(sql + o, sizeof sql - o, " LIMIT %d", q->limit);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lg->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_error(lg, err, "cannot query events");
        return NULL;
    }
    char key[256];
    if (q->place) {
        cl_place_key(q->place, strlen(q->place), key, sizeof key);
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    }
    if (q->side)
        sqlite3_bind_text(st, 2, q->side, -1, SQLITE_TRANSIENT);
    if (q->predicate)
        sqlite3_bind_text(st, 4, q->predicate, -1, SQLITE_TRANSIENT);
    if (q->since)
        sqlite3_bind_text(st, 5, q->since, -1, SQLITE_TRANSIENT);
    if (q->until)
        sqlite3_bind_text(st, 6, q->until, -1, SQLITE_TRANSIENT);
    cl_result *r = calloc(1, sizeof *r);
    if (!r) {
        sqlite3_finalize(st);
        cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    cl_arena_init(&r->arena, 0);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cl_event_row *e = &CL_VEC_PUSH(&r->arena, r->events);
        memset(e, 0, sizeof *e);
        e->rowid = sqlite3_column_int64(st, 0);
        e->doc_id = col_text(r, st, 1);
        e->outlet = col_text(r, st, 2);
        e->url = col_text(r, st, 3);
        e->copy_of = col_text(r, st, 4);
        e->cameo = col_text(r, st, 5);
        e->label = col_text(r, st, 6);
        e->source = col_text(r, st, 7);
        e->target = col_text(r, st, 8);
        e->place = col_text(r, st, 9);
        e->country = col_text(r, st, 10);
        e->lat = sqlite3_column_type(st, 11) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 11);
        e->lon = sqlite3_column_type(st, 12) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 12);
        e->date_lo = col_text(r, st, 13);
        e->date_hi = col_text(r, st, 14);
        e->evidence = col_text(r, st, 15);
        e->sentence = sqlite3_column_int64(st, 16);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_error(lg, err, "events query failed");
        cl_result_free(r);
        return NULL;
    }
    return r;
}
