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
};

#endif
