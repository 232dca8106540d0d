/* store.h - what a ledger backend (SQLite file, PostgreSQL server) does for the ledger.
 *
 * The ledger (ledger.c) owns everything both backends share: parsing records, batching,
 * deduplication, syndication detection, the SQL of the queries, conflicts. A store only
 * moves rows in and out of its database, one batch per transaction. Both stores keep the
 * same tables and columns (schema in each store's file), so one query text serves both. */
#ifndef CL_LEDGER_STORE_H
#define CL_LEDGER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "claimline/claimline.h"
#include "ledger/recparse.h"

/* Near-duplicate detection: 32 bands of 2 MinHash values (see copies.c). */
enum { LEDGER_BANDS = 32, LEDGER_BAND_ROWS = 2 };

typedef struct ledger_store ledger_store;

/* A document new to the ledger, as written by write_rows. */
typedef struct ledger_new_doc {
    const ledger_record *rec;
    int64_t seq;          /* the store's number for the document (insert order) */
    const char *copy_of;  /* hash of the original it is a near-copy of, or NULL */
    const int64_t *bands; /* LEDGER_BANDS bucket keys to index, or NULL (a copy, no signature) */
} ledger_new_doc;

/* Receives one earlier document of bucket number `index`: its hash, MinHash hex and the
 * hash of the original it stands for (itself unless it is a copy). A bucket key is a band's
 * hash with the band number in its low 5 bits. */
typedef void (*ledger_bucket_fn)(void *user, size_t index, const char *hash, const char *minhash,
                                 const char *root);

/* Receives one result row; cols[i] is NULL for SQL NULL. */
typedef void (*ledger_row_fn)(void *user, const char *const *cols, int ncols);

typedef struct ledger_store_ops {
    const char *name;   /* "sqlite", "postgresql" */
    int dollar_params;  /* placeholders are $1, $2 ... rather than ?1, ?2 ... */
    const char *ilike;  /* the case-insensitive LIKE operator */
    void (*close)(ledger_store *st);
    cl_status (*begin)(ledger_store *st, cl_error *err);
    cl_status (*commit)(ledger_store *st, cl_error *err);
    void (*rollback)(ledger_store *st);
    /* 1 when the last error was a transient conflict with another writer (deadlock,
     * serialization failure): the whole batch may be retried. */
    int (*retryable)(ledger_store *st);
    /* Inserts the documents (given in hash order, no hash twice) unless their hash is
     * present; added[i] says which were new and seq[i] gives their number. */
    cl_status (*insert_documents)(ledger_store *st, const ledger_record *const *recs, size_t n,
                                  int *added, int64_t *seq, cl_error *err);
    /* Lists, for each bucket key, at most 8 of its latest documents. */
    cl_status (*buckets)(ledger_store *st, const int64_t *keys, size_t n, ledger_bucket_fn fn,
                         void *user, cl_error *err);
    /* Writes the new documents' copy marks, band keys, claims and events. */
    cl_status (*write_rows)(ledger_store *st, const ledger_new_doc *docs, size_t n, cl_error *err);
    /* Runs a query with text parameters, calling fn for each row. */
    cl_status (*query)(ledger_store *st, const char *sql, const char *const *params, int nparams,
                       ledger_row_fn fn, void *user, cl_error *err);
} ledger_store_ops;

/* Opens a SQLite ledger file (created when absent, unless read_only). */
ledger_store *ledger_sqlite_open(const char *path, int read_only, const ledger_store_ops **ops,
                                 cl_error *err);
/* Connects to a PostgreSQL ledger (postgresql:// or postgres:// URI; tables created when
 * absent, unless read_only). */
ledger_store *ledger_pg_open(const char *uri, int read_only, const ledger_store_ops **ops,
                             cl_error *err);

/* The key of a place name used by both stores' place_key columns. */
void ledger_place_key(const char *place, char key[256]);

#endif
