/* html_eval.c - main-text quality of the HTML extractor on an article-extraction benchmark
 * folder: DIR/ground-truth.json maps a page key to {"articleBody": ...}; the page is
 * DIR/html/<key>.html.gz (or .html). Each page's extracted text is compared with the true
 * article body by 4-word shingles (lower-cased word tokens): precision, recall and F1 per
 * page, averaged over pages, as the published benchmark does. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimline/claimline.h"
#include "ingest/html.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"

enum { SHINGLE = 4 };

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Hashes of the 4-word shingles of text, sorted. Returns the count (array malloc'ed). */
static size_t shingles(const char *text, size_t len, uint64_t **out)
{
    uint64_t *words = malloc(sizeof(uint64_t) * (len / 2 + 2));
    size_t nw = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        int word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (!word) {
            i++;
            continue;
        }
        uint64_t h = 1469598103934665603ull;
        while (i < len) {
            c = (unsigned char)text[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80))
                break;
            /* curly apostrophes and dashes (UTF-8 E2 80 xx) split words like ASCII ones */
            if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80)
                break;
            h ^= (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            h *= 1099511628211ull;
            i++;
        }
        if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80)
            i += 3;
        words[nw++] = h;
    }
    size_t ns = nw >= SHINGLE ? nw - SHINGLE + 1 : (nw ? 1 : 0);
    uint64_t *sh = malloc(sizeof(uint64_t) * (ns + 1));
    for (size_t i = 0; i < ns; i++) {
        uint64_t h = 0;
        for (size_t k = i; k < i + SHINGLE && k < nw; k++)
            h = h * 0x9E3779B97F4A7C15ull + words[k];
        sh[i] = h;
    }
    free(words);
    qsort(sh, ns, sizeof *sh, cmp_u64);
    *out = sh;
    return ns;
}

/* Size of the multiset intersection of two sorted arrays. */
static size_t common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            n++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}

cl_status cl_eval_html(const char *dir, char **report, char **scores_json, cl_error *err)
{
    cl_error_clear(err);
    char path[4096];
    snprintf(path, sizeof path, "%s/ground-truth.json", dir);
    json_error_t jerr;
    json_t *gt = json_load_file(path, 0, &jerr);
    if (!json_is_object(gt)) {
        json_decref(gt);
        return cl_error_set(err, CL_ENOTFOUND, path, 0, 0, "cannot read %s: %s", path, jerr.text);
    }
    const char *verbose = getenv("CLAIMLINE_EVAL_VERBOSE");
    cl_buf notes;
    cl_buf_init(&notes, 0);
    double sum_p = 0, sum_r = 0, sum_f = 0;
    long pages = 0, missing = 0, empty = 0;
    const char *key;
    json_t *v;
    json_object_foreach(gt, key, v)
    {
        const char *truth = json_string_value(json_object_get(v, "articleBody"));
        if (!truth)
            continue;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/html/%s.html.gz", dir, key);
        char *html = cl_buf_read_file(path, 256u << 20, &len);
        if (!html) {
            snprintf(path, sizeof path, "%s/html/%s.html", dir, key);
            html = cl_buf_read_file(path, 256u << 20, &len);
        }
        if (!html) {
            missing++;
            continue;
        }
        cl_arena a;
        cl_arena_init(&a, 0);
        cl_html_page page;
        cl_html_extract(&a, html, len, CL_HTML_MAX_DEPTH, 0, &page);
        uint64_t *ps, *gs;
        size_t np = shingles(page.text, page.text_len, &ps);
        size_t ng = shingles(truth, strlen(truth), &gs);
        size_t both = common(ps, np, gs, ng);
        double p = np ? (double)both / (double)np : (ng ? 0 : 1);
        double r = ng ? (double)both / (double)ng : 1;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        sum_p += p;
        sum_r += r;
        sum_f += f;
        pages++;
        empty += page.text_len == 0;
        if (verbose && *verbose == '1')
            cl_buf_printf(&notes, "  %s  P %.3f R %.3f F1 %.3f  %s\n", key, p, r, f,
                          page.url ? page.url : "");
        free(ps);
        free(gs);
        cl_arena_release(&a);
        free(html);
    }
    json_decref(gt);
    double n = pages ? (double)pages : 1;
    cl_buf out;
    cl_buf_init(&out, 0);
    cl_buf_printf(&out, "HTML main text: %ld pages (%ld missing, %ld with no text found)\n\n", pages,
                  missing, empty);
    cl_buf_printf(&out, "shingles  P %.3f  R %.3f  F1 %.3f  (4-word shingles, averaged per page)\n",
                  sum_p / n, sum_r / n, sum_f / n);
    if (notes.len) {
        cl_buf_puts(&out, "\npages:\n");
        cl_buf_append(&out, notes.data, notes.len);
    }
    cl_buf_free(&notes);
    *report = cl_buf_detach(&out, NULL);
    if (scores_json) {
        json_t *s = json_pack("{s:{s:f,s:f,s:f},s:i,s:i}", "shingle", "precision", sum_p / n,
                              "recall", sum_r / n, "f1", sum_f / n, "pages", (json_int_t)pages,
                              "empty", (json_int_t)empty);
        *scores_json = json_dumps(s, JSON_SORT_KEYS | JSON_INDENT(2));
        json_decref(s);
    }
    return CL_OK;
}
