/* recparse.h - reads the fields the ledger stores from one record line (docs/record.md).
 *
 * `claimline load` used to build a full jansson tree for every ~18 KB record and then read
 * a few dozen strings out of it. This reader validates the whole line as strict JSON in one
 * pass, copies out only the fields below and skips everything else without building
 * anything. It accepts exactly one JSON object (whitespace around it allowed) and rejects
 * what jansson rejected: truncated or malformed JSON, raw control characters and invalid
 * UTF-8 in strings, bad or unpaired \u escapes, \u0000, and nesting deeper than 64. */
#ifndef CL_LEDGER_RECPARSE_H
#define CL_LEDGER_RECPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "claimline/claimline.h"
#include "util/arena.h"

/* One element of the record's "claims" array. A field that is absent, null or of another
 * type than expected is NULL / 0; an element that is not an object gives an all-empty claim
 * (as the jansson loader did, so n_claims is the array's length). */
typedef struct ledger_claim {
    const char *claimant, *actor, *side, *stance, *predicate, *place, *country, *admin1,
        *holder, *when_lo, *when_hi, *said_lo, *said_hi, *evidence;
    double lat, lon;
    int has_latlon;          /* both lat and lon were numbers */
    int64_t sentence, line;  /* 0 when absent */
} ledger_claim;

/* One element of the record's "events" array; same conventions as ledger_claim. */
typedef struct ledger_event {
    const char *cameo, *label, *source, *target, *place, *country, *date_lo, *date_hi, *evidence;
    double lat, lon;
    int has_latlon;
    int64_t sentence;
} ledger_event;

/* The stored fields of one record: date and date_basis come from "date": {"value", "basis"}. */
typedef struct ledger_record {
    const char *hash, *id, *source, *url, *outlet, *title, *date, *date_basis, *minhash, *text;
    int64_t source_line;
    ledger_claim *claims;
    size_t n_claims;
    ledger_event *events;
    size_t n_events;
} ledger_record;

/* Parses one record (a JSON object, json[0..len), not NUL-terminated) into *out; strings are
 * unescaped, NUL-terminated copies in arena, as are the claim and event arrays: everything
 * lives until the arena is released. Returns CL_OK, or CL_EFORMAT with err->message "record
 * is not a JSON object: <reason>", err->offset the 1-based byte position of the error and
 * err->line its 1-based line; *out is then all zero. An arena with a cap and a recovery
 * point may jump out of this function when the cap is hit (see util/arena.h). */
cl_status ledger_record_parse(const char *json, size_t len, cl_arena *arena, ledger_record *out,
                              cl_error *err);

#endif
