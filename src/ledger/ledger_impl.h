/* ledger_impl.h - the ledger handle shared by loading (ledger.c) and queries (query.c). */
#ifndef CL_LEDGER_IMPL_H
#define CL_LEDGER_IMPL_H

#include "ledger/copies.h"
#include "ledger/store.h"
#include "util/arena.h"

struct cl_ledger {
    const ledger_store_ops *ops;
    ledger_store *st;
    int in_batch;
    cl_arena batch_arena;              /* the pending records of the open batch */
    CL_VEC(ledger_record *) batch;
    cl_load_stats stats;
    ledger_copies *copies;             /* the syndication buckets this session knows */
    int64_t span_days;                 /* meta claim_span_days as last read or written;
                                        * -1 when the ledger does not keep it */
};

/* The ledger's longest claim interval in days (meta claim_span_days), or -1 when it does
 * not keep one. */
int64_t ledger_read_span(cl_ledger *lg);

#endif
