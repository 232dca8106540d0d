/* copies.h - syndication: which new documents are near-copies of earlier ones. */
#ifndef CL_LEDGER_COPIES_H
#define CL_LEDGER_COPIES_H

#include "ledger/store.h"
#include "util/arena.h"

/* A copy shares at least this share of its MinHash values with the original. */
#define LEDGER_COPY_SIMILARITY 0.5

/* What one ledger handle has learnt of the syndication index: the buckets it has read from
 * the store or filled itself, so each bucket is read at most once per session. */
typedef struct ledger_copies ledger_copies;

ledger_copies *ledger_copies_new(void);
void ledger_copies_free(ledger_copies *cp);
/* Forgets everything (after a batch that was not written). */
void ledger_copies_forget(ledger_copies *cp);

/* Fills copy_of and bands of each new document (given in input order): a document whose
 * signature is close to an earlier one's - in the ledger or earlier in this session - is a
 * copy of that document's original; any other document with a signature gets its band
 * keys indexed. Band keys are allocated in scratch. */
cl_status ledger_find_copies(ledger_copies *cp, const ledger_store_ops *ops, ledger_store *st,
                             ledger_new_doc *docs, size_t n, cl_arena *scratch, cl_error *err);

#endif
