/* conflict.h - when two claims contradict each other.
 *
 * Two claims about the same place conflict when they come from different parties (never
 * the outlet's own voice, never a hedge) and:
 *   - one asserts what the other denies (same predicate and holder);
 *   - both assert control by different holders;
 *   - one asserts control by X and the other asserts fighting there, or X's retreat;
 *   - one asserts an advance by X and the other that X was repelled there, or one a
 *     retreat by X that the other says X repelled;
 * and their times overlap within a window (default 7 days). A claim with no known time
 * conflicts only with claims of its own document. */
#ifndef CL_LEDGER_CONFLICT_H
#define CL_LEDGER_CONFLICT_H

#include "claimline/claimline.h"

#define CL_CONFLICT_WINDOW_DAYS 7

/* Returns a static reason when a and b conflict, else NULL. */
const char *cl_claims_conflict(const cl_claim_row *a, const cl_claim_row *b, int window_days);
/* The same without the test in time, for callers that compare times themselves. */
const char *cl_claims_contradict(const cl_claim_row *a, const cl_claim_row *b);

#endif
