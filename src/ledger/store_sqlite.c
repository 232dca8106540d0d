/* store_sqlite.c - the SQLite ledger store: one file, WAL journal, prepared statements.
 *
 * A batch is one IMMEDIATE transaction, so concurrent loaders into the same file take
 * turns (each waits up to 10 s for the write lock) and readers see whole batches only. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/store.h"
#include "util/error.h"

struct ledger_store {
    sqlite3 *db;
    char *path;
    int in_tx;
    sqlite3_stmt *ins_doc, *ins_claim, *ins_event, *sel_bucket, *upd_copy, *ins_band;
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
    " line INTEGER, evidence TEXT, copy_of TEXT);"
    /* a place's claims in the order the queries give them (query.c), so a LIMIT stops
     * early instead of sorting the place's every claim */
    "DROP INDEX IF EXISTS claims_place;"
    "CREATE INDEX IF NOT EXISTS claims_place_time ON claims(place_key,"
    " (coalesce(when_lo, said_lo) IS NULL), coalesce(when_lo, said_lo));"
    /* no index on side: the queries compare upper(side), which no plain index serves */
    "DROP INDEX IF EXISTS claims_side;"
    "CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_hash);"
    "CREATE TABLE IF NOT EXISTS events("
    " id INTEGER PRIMARY KEY, doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,"
    " doc_id TEXT, cameo TEXT, label TEXT, source TEXT, target TEXT, place TEXT, place_key TEXT,"
    " country TEXT, lat REAL, lon REAL, date_lo TEXT, date_hi TEXT, sentence INTEGER, evidence TEXT);"
    "CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);"
    "CREATE INDEX IF NOT EXISTS events_place_time ON events(place_key, (date_lo IS NULL),"
    " date_lo);"
    /* the syndication index: bucket key (band hash, band number in the low 5 bits) and the
     * document's rowid, clustered by key so a bucket's latest documents are one seek */
    "CREATE TABLE IF NOT EXISTS syndication(key INTEGER NOT NULL, doc INTEGER NOT NULL,"
    " PRIMARY KEY (key, doc)) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '3');"
    /* the longest claim interval in days, kept by every load (ledger.c) so a --since query
     * can bound where the place index starts; started only on an empty ledger, where it is
     * known to be complete (older ledgers go on without the bound) */
    "INSERT INTO meta(key, value) SELECT 'claim_span_days', '0'"
    " WHERE NOT EXISTS (SELECT 1 FROM claims)"
    " AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'claim_span_days');";

/* Schema 1 kept the index as (band, key, doc_hash) rows: move them over, once. */
static const char *const migrate_v1_sql =
    "INSERT OR IGNORE INTO syndication(key, doc)"
    " SELECT ((b.key >> 5) << 5) | b.band, d.rowid FROM doc_bands b"
    " JOIN documents d ON d.hash = b.doc_hash;"
    "DROP TABLE doc_bands;"
    "UPDATE meta SET value = '2' WHERE key = 'schema';";

/* Schema 3 gives each claim its document's copy mark, so the claim queries read no
 * documents row (a third of a place's timeline went into that join). */
static const char *const migrate_v2_sql =
    "ALTER TABLE claims ADD COLUMN copy_of TEXT;"
    "UPDATE claims SET copy_of = (SELECT d.copy_of FROM documents d WHERE d.hash = claims.doc_hash)"
    " WHERE doc_hash IN (SELECT hash FROM documents WHERE copy_of IS NOT NULL);"
    "UPDATE meta SET value = '3' WHERE key = 'schema';";

static cl_status db_error(ledger_store *st, cl_error *err, const char *what)
{
    return cl_error_set(err, CL_EDB, st->path, 0, 0, "%s: %s", what,
                        st->db ? sqlite3_errmsg(st->db) : "no database");
}

static int prepare(ledger_store *st, sqlite3_stmt **stmt, const char *sql)
{
    return sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) == SQLITE_OK;
}

static void sqlite_close(ledger_store *st)
{
    if (!st)
        return;
    if (st->in_tx)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(st->ins_doc);
    sqlite3_finalize(st->ins_claim);
    sqlite3_finalize(st->ins_event);
    sqlite3_finalize(st->sel_bucket);
    sqlite3_finalize(st->upd_copy);
    sqlite3_finalize(st->ins_band);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

static cl_status sqlite_begin(ledger_store *st, cl_error *err)
{
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(st, err, "cannot begin");
    st->in_tx = 1;
    return CL_OK;
}

static cl_status sqlite_commit(ledger_store *st, cl_error *err)
{
    st->in_tx = 0;
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        cl_status s = db_error(st, err, "cannot commit");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    return CL_OK;
}

static void sqlite_rollback(ledger_store *st)
{
    if (st->in_tx)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
}

static int sqlite_retryable(ledger_store *st)
{
    (void)st;
    return 0; /* the write lock is taken at BEGIN, so a started batch never conflicts */
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void bind_latlon(sqlite3_stmt *s, int i, int has, double lat, double lon)
{
    if (has) {
        sqlite3_bind_double(s, i, lat);
        sqlite3_bind_double(s, i + 1, lon);
    } else {
        sqlite3_bind_null(s, i);
        sqlite3_bind_null(s, i + 1);
    }
}

static cl_status sqlite_insert_documents(ledger_store *st, const ledger_record *const *recs,
                                         size_t n, int *added, int64_t *seq, cl_error *err)
{
    sqlite3_stmt *s = st->ins_doc;
    for (size_t i = 0; i < n; i++) {
        const ledger_record *r = recs[i];
        sqlite3_reset(s);
        bind_text(s, 1, r->hash);
        bind_text(s, 2, r->id);
        bind_text(s, 3, r->source);
        sqlite3_bind_int64(s, 4, r->source_line);
        bind_text(s, 5, r->url);
        bind_text(s, 6, r->outlet);
        bind_text(s, 7, r->title);
        bind_text(s, 8, r->date);
        bind_text(s, 9, r->date_basis);
        bind_text(s, 10, r->minhash);
        bind_text(s, 11, r->text);
        sqlite3_bind_int64(s, 12, (sqlite3_int64)r->n_claims);
        if (sqlite3_step(s) != SQLITE_DONE)
            return db_error(st, err, "cannot insert document");
        added[i] = sqlite3_changes(st->db) > 0;
        seq[i] = added[i] ? sqlite3_last_insert_rowid(st->db) : 0;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return CL_OK;
}

static cl_status sqlite_buckets(ledger_store *st, const int64_t *keys, size_t n,
                                ledger_bucket_fn fn, void *user, cl_error *err)
{
    sqlite3_stmt *s = st->sel_bucket;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, keys[i]);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            fn(user, i, (const char *)sqlite3_column_text(s, 0),
               (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2));
        if (rc != SQLITE_DONE)
            return db_error(st, err, "cannot read the syndication index");
    }
    sqlite3_reset(s);
    return CL_OK;
}

static int insert_claim(ledger_store *st, const ledger_new_doc *d, const ledger_claim *c)
{
    const ledger_record *r = d->rec;
    sqlite3_stmt *s = st->ins_claim;
    char key[256];
    ledger_place_key(c->place, key);
    sqlite3_reset(s);
    bind_text(s, 1, r->hash);
    bind_text(s, 2, r->id);
    bind_text(s, 3, r->outlet);
    bind_text(s, 4, r->source);
    bind_text(s, 5, c->claimant);
    bind_text(s, 6, c->actor);
    bind_text(s, 7, c->side);
    bind_text(s, 8, c->stance);
    bind_text(s, 9, c->predicate);
    bind_text(s, 10, c->place);
    bind_text(s, 11, c->place ? key : NULL);
    bind_text(s, 12, c->country);
    bind_text(s, 13, c->admin1);
    bind_latlon(s, 14, c->has_latlon, c->lat, c->lon);
    bind_text(s, 16, c->holder);
    bind_text(s, 17, c->when_lo);
    bind_text(s, 18, c->when_hi);
    bind_text(s, 19, c->said_lo);
    bind_text(s, 20, c->said_hi);
    sqlite3_bind_int64(s, 21, c->sentence);
    sqlite3_bind_int64(s, 22, c->line);
    bind_text(s, 23, c->evidence);
    bind_text(s, 24, d->copy_of);
    return sqlite3_step(s) == SQLITE_DONE;
}

static int insert_event(ledger_store *st, const ledger_record *r, const ledger_event *e)
{
    sqlite3_stmt *s = st->ins_event;
    char key[256];
    ledger_place_key(e->place, key);
    sqlite3_reset(s);
    bind_text(s, 1, r->hash);
    bind_text(s, 2, r->id);
    bind_text(s, 3, e->cameo);
    bind_text(s, 4, e->label);
    bind_text(s, 5, e->source);
    bind_text(s, 6, e->target);
    bind_text(s, 7, e->place);
    bind_text(s, 8, e->place ? key : NULL);
    bind_text(s, 9, e->country);
    bind_latlon(s, 10, e->has_latlon, e->lat, e->lon);
    bind_text(s, 12, e->date_lo);
    bind_text(s, 13, e->date_hi);
    sqlite3_bind_int64(s, 14, e->sentence);
    bind_text(s, 15, e->evidence);
    return sqlite3_step(s) == SQLITE_DONE;
}

typedef struct band_row {
    int64_t key, doc;
} band_row;

static int cmp_band_row(const void *x, const void *y)
{
    const band_row *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* Adds the batch's documents to the syndication index in key order: the keys are hashes,
 * and inserting them sorted walks the index once per batch instead of jumping around it
 * for every key (the 100 MB benchmark load: 20.9 -> 17.7 s of CPU). */
static cl_status insert_bands(ledger_store *st, const ledger_new_doc *docs, size_t n,
                              cl_error *err)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += docs[i].bands ? LEDGER_BANDS : 0;
    if (m == 0)
        return CL_OK;
    band_row *rows = malloc(sizeof *rows * m);
    if (!rows)
        return cl_error_set(err, CL_ENOMEM, st->path, 0, 0, "out of memory");
    m = 0;
    for (size_t i = 0; i < n; i++)
        for (int b = 0; docs[i].bands && b < LEDGER_BANDS; b++)
            rows[m++] = (band_row){docs[i].bands[b], docs[i].seq};
    qsort(rows, m, sizeof *rows, cmp_band_row);
    cl_status status = CL_OK;
    for (size_t i = 0; i < m && status == CL_OK; i++) {
        sqlite3_reset(st->ins_band);
        sqlite3_bind_int64(st->ins_band, 1, rows[i].key);
        sqlite3_bind_int64(st->ins_band, 2, rows[i].doc);
        if (sqlite3_step(st->ins_band) != SQLITE_DONE)
            status = db_error(st, err, "cannot index a document");
    }
    free(rows);
    return status;
}

static cl_status sqlite_write_rows(ledger_store *st, const ledger_new_doc *docs, size_t n,
                                   cl_error *err)
{
    if (insert_bands(st, docs, n, err) != CL_OK)
        return err->status;
    for (size_t i = 0; i < n; i++) {
        const ledger_new_doc *d = &docs[i];
        const ledger_record *r = d->rec;
        if (d->copy_of) {
            sqlite3_reset(st->upd_copy);
            bind_text(st->upd_copy, 1, d->copy_of);
            bind_text(st->upd_copy, 2, r->hash);
            if (sqlite3_step(st->upd_copy) != SQLITE_DONE)
                return db_error(st, err, "cannot mark a copy");
        }
        for (size_t k = 0; k < r->n_claims; k++)
            if (!insert_claim(st, d, &r->claims[k]))
                return db_error(st, err, "cannot insert claim");
        for (size_t k = 0; k < r->n_events; k++)
            if (!insert_event(st, r, &r->events[k]))
                return db_error(st, err, "cannot insert event");
    }
    /* statements hold SQLITE_STATIC pointers into the batch: drop them before it goes */
    sqlite3_stmt *all[] = {st->ins_claim, st->ins_event, st->upd_copy, st->ins_band};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        sqlite3_reset(all[i]);
        sqlite3_clear_bindings(all[i]);
    }
    return CL_OK;
}

static cl_status sqlite_query(ledger_store *st, const char *sql, const char *const *params,
                              int nparams, ledger_row_fn fn, void *user, cl_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_error(st, err, "cannot prepare a query");
    for (int i = 0; i < nparams; i++)
        bind_text(s, i + 1, params[i]);
    int ncols = sqlite3_column_count(s), rc;
    const char *cols[64];
    if (ncols > 64)
        ncols = 64;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < ncols; i++)
            cols[i] = (const char *)sqlite3_column_text(s, i);
        fn(user, cols, ncols);
    }
    cl_status status = rc == SQLITE_DONE ? CL_OK : db_error(st, err, "query failed");
    sqlite3_finalize(s);
    return status;
}

static int has_table(ledger_store *st, const char *name)
{
    sqlite3_stmt *s;
    int found = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                           -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
    }
    return found;
}

static int has_column(ledger_store *st, const char *table, const char *column)
{
    sqlite3_stmt *s;
    int found = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?", -1, &s,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, column, -1, SQLITE_STATIC);
        found = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
    }
    return found;
}

/* A schema-1 ledger: its syndication index is in doc_bands. */
static int needs_v1_migration(ledger_store *st)
{
    return has_table(st, "doc_bands");
}

/* A ledger before schema 3: its claims carry no copy mark. */
static int needs_v2_migration(ledger_store *st)
{
    return has_table(st, "claims") && !has_column(st, "claims", "copy_of");
}

/* Runs a migration inside the write lock when `needed` still says so there (another
 * process may have done it meanwhile). Returns 0 with *msg set on failure. */
static int migrate(ledger_store *st, int (*needed)(ledger_store *), const char *sql, char **msg)
{
    if (!needed(st))
        return 1;
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, msg) != SQLITE_OK)
        return 0;
    if (needed(st) && sqlite3_exec(st->db, sql, NULL, NULL, msg) != SQLITE_OK) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return 0;
    }
    return sqlite3_exec(st->db, "COMMIT", NULL, NULL, msg) == SQLITE_OK;
}

static const ledger_store_ops sqlite_ops = {
    .name = "sqlite",
    .dollar_params = 0,
    .ilike = "LIKE",
    .close = sqlite_close,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .retryable = sqlite_retryable,
    .insert_documents = sqlite_insert_documents,
    .buckets = sqlite_buckets,
    .write_rows = sqlite_write_rows,
    .query = sqlite_query,
};

ledger_store *ledger_sqlite_open(const char *path, int read_only, const ledger_store_ops **ops,
                                 cl_error *err)
{
    ledger_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        cl_error_set(err, CL_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    /* a handle serves one thread at a time (claimline.h): no per-call locking inside SQLite */
    int flags = SQLITE_OPEN_NOMUTEX |
                (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        db_error(st, err, "cannot open ledger");
        sqlite_close(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, 10000);
    if (read_only) { /* queries only: no schema work, no write lock ever ... */
        if (!needs_v2_migration(st)) {
            *ops = &sqlite_ops;
            return st;
        }
        /* ... unless the ledger predates the queries' schema: upgrade it once */
        sqlite_close(st);
        const ledger_store_ops *ops_rw;
        ledger_store *rw = ledger_sqlite_open(path, 0, &ops_rw, err);
        if (!rw) {
            char why[sizeof err->message];
            snprintf(why, sizeof why, "%s", err->message);
            cl_error_set(err, CL_EDB, path, 0, 0,
                         "the ledger was written by an older claimline and needs a one-time"
                         " upgrade, which needs write access: %s", why);
            return NULL;
        }
        sqlite_close(rw);
        return ledger_sqlite_open(path, 1, ops, err);
    }
    char *msg = NULL;
    if (sqlite3_exec(st->db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                     /* checkpoint every 256 MB of WAL, not 4: a page that several batches
                      * touch is copied into the file once (200 MB benchmark load -12%) */
                     "PRAGMA wal_autocheckpoint=65536;"
                     "PRAGMA foreign_keys=ON;",
                     NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(st->db, schema_sql, NULL, NULL, &msg) != SQLITE_OK ||
        !migrate(st, needs_v1_migration, migrate_v1_sql, &msg) ||
        !migrate(st, needs_v2_migration, migrate_v2_sql, &msg)) {
        cl_error_set(err, CL_EDB, path, 0, 0, "cannot set up ledger: %s", msg ? msg : "?");
        sqlite3_free(msg);
        sqlite_close(st);
        return NULL;
    }
    if (!prepare(st, &st->ins_doc,
                 "INSERT OR IGNORE INTO documents(hash, id, source, source_line, url, outlet,"
                 " title, date, date_basis, minhash, text, claims)"
                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)") ||
        !prepare(st, &st->ins_claim,
                 "INSERT INTO claims(doc_hash, doc_id, outlet, source, claimant, actor, side,"
                 " stance, predicate, place, place_key, country, admin1, lat, lon, holder,"
                 " when_lo, when_hi, said_lo, said_hi, sentence, line, evidence, copy_of)"
                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") ||
        !prepare(st, &st->ins_event,
                 "INSERT INTO events(doc_hash, doc_id, cameo, label, source, target, place,"
                 " place_key, country, lat, lon, date_lo, date_hi, sentence, evidence)"
                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") ||
        !prepare(st, &st->sel_bucket,
                 "SELECT d.hash, d.minhash, coalesce(d.copy_of, d.hash) FROM"
                 " (SELECT doc FROM syndication WHERE key = ? ORDER BY doc DESC LIMIT 8) s"
                 " JOIN documents d ON d.rowid = s.doc") ||
        !prepare(st, &st->upd_copy, "UPDATE documents SET copy_of = ? WHERE hash = ?") ||
        !prepare(st, &st->ins_band, "INSERT OR IGNORE INTO syndication(key, doc) VALUES (?,?)")) {
        db_error(st, err, "cannot prepare statements");
        sqlite_close(st);
        return NULL;
    }
    *ops = &sqlite_ops;
    return st;
}
