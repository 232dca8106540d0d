/* minhash.h - MinHash signature of a document's cleaned text, for finding syndicated and
 * near-duplicate copies: two documents' signatures agree in about the same fraction of
 * positions as the Jaccard similarity of their sets of 5-word shingles. */
#ifndef CL_SIGNATURE_MINHASH_H
#define CL_SIGNATURE_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define CL_MINHASH_SIZE 64

typedef struct cl_doc cl_doc;

/* Fills doc->minhash from doc->text (all positions UINT32_MAX for texts under 5 words). */
void cl_minhash_run(cl_doc *doc);

/* Signature of arbitrary text (for tests and the ledger). */
void cl_minhash_text(const char *text, size_t len, uint32_t sig[CL_MINHASH_SIZE]);

/* Fraction of equal positions: an estimate of Jaccard similarity. */
double cl_minhash_similarity(const uint32_t a[CL_MINHASH_SIZE], const uint32_t b[CL_MINHASH_SIZE]);

#endif
