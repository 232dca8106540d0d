/* minhash.c - see minhash.h. Words are ASCII-lowercased letter/digit runs (other bytes of
 * UTF-8 letters count as letters); each 5-word shingle is hashed once with FNV-1a and
 * permuted 64 times by (a*h + b) with fixed odd multipliers, keeping the minimum of the
 * high 32 bits. */
#include "signature/minhash.h"

#include <string.h>

#include "doc.h"
#include "util/text.h"

enum { SHINGLE = 5 };

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }

void cl_minhash_text(const char *text, size_t len, uint32_t sig[CL_MINHASH_SIZE])
{
    uint64_t a[CL_MINHASH_SIZE], b[CL_MINHASH_SIZE], seed = 0x636c61696d6c696eull;
    for (int i = 0; i < CL_MINHASH_SIZE; i++) {
        a[i] = splitmix(&seed) | 1;
        b[i] = splitmix(&seed);
        sig[i] = UINT32_MAX;
    }
    uint64_t ring[SHINGLE] = {0};
    size_t nwords = 0, i = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (i < len) {
        while (i < len && !word_byte(p[i]))
            i++;
        if (i >= len)
            break;
        uint64_t h = 1469598103934665603ull;
        while (i < len && word_byte(p[i])) {
            h ^= (unsigned char)cl_lower((char)p[i]);
            h *= 1099511628211ull;
            i++;
        }
        ring[nwords % SHINGLE] = h;
        nwords++;
        if (nwords < SHINGLE)
            continue;
        uint64_t sh = 1469598103934665603ull;
        for (size_t k = nwords - SHINGLE; k < nwords; k++) {
            sh ^= ring[k % SHINGLE];
            sh *= 1099511628211ull;
        }
        for (int k = 0; k < CL_MINHASH_SIZE; k++) {
            uint32_t v = (uint32_t)((a[k] * sh + b[k]) >> 32);
            if (v < sig[k])
                sig[k] = v;
        }
    }
}

void cl_minhash_run(cl_doc *doc)
{
    cl_minhash_text(doc->text + doc->body_start, doc->text_len - doc->body_start, doc->minhash);
    doc->has_minhash = doc->minhash[0] != UINT32_MAX;
}

double cl_minhash_similarity(const uint32_t a[CL_MINHASH_SIZE], const uint32_t b[CL_MINHASH_SIZE])
{
    int same = 0;
    for (int i = 0; i < CL_MINHASH_SIZE; i++)
        same += a[i] == b[i];
    return same / (double)CL_MINHASH_SIZE;
}
