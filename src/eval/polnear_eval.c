/* polnear_eval.c - attribution scores on PolNeAR (brat standoff annotations).
 *
 * For every text under DIR/text, the first annotation file DIR/attributions/<stem>_*.ann
 * (in name order) is the gold. The text is extracted verbatim (--no-clean) and our
 * attributions are compared with the gold relations:
 *   - cues: one-to-one matching of overlapping cue spans -> precision, recall, F1;
 *   - sources: on matched cues whose gold relation has a source, our speaker span must
 *     overlap it -> accuracy;
 *   - contents: on matched cues, token-overlap F1 of our content span against the gold
 *     content (all its fragments), averaged.
 * brat offsets count characters; they are converted to byte offsets of the UTF-8 text. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "doc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

enum { MAX_FRAGS = 8 };

typedef struct frag_span {
    uint32_t start[MAX_FRAGS], end[MAX_FRAGS];
    int n;
} frag_span;

typedef struct gold_rel {
    frag_span cue, source, content;
    int has_source;
} gold_rel;

typedef struct pn_tally {
    long gold, sys, matched, src_total, src_ok, files;
    double content_f1_sum;
} pn_tally;

/* Byte offset of every character index of the text (n_chars + 1 entries). */
static uint32_t *char_to_byte(const char *text, size_t len, size_t *n_chars)
{
    uint32_t *map = malloc(sizeof(uint32_t) * (len + 2));
    if (!map)
        return NULL;
    size_t c = 0, i = 0;
    while (i < len) {
        map[c++] = (uint32_t)i;
        uint32_t cp;
        size_t k = cl_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        i += k ? k : 1;
    }
    map[c] = (uint32_t)len;
    *n_chars = c;
    return map;
}

/* Parses "Label 12 20;25 30" offsets (characters) into a fragment span (bytes). */
static int parse_frags(const char *p, const uint32_t *map, size_t n_chars, frag_span *out)
{
    out->n = 0;
    while (*p && out->n < MAX_FRAGS) {
        char *e;
        unsigned long a = strtoul(p, &e, 10);
        if (e == p || *e != ' ')
            return out->n > 0;
        p = e + 1;
        unsigned long b = strtoul(p, &e, 10);
        if (e == p)
            return 0;
        if (a > n_chars || b > n_chars || b < a)
            return 0;
        out->start[out->n] = map[a];
        out->end[out->n] = map[b];
        out->n++;
        p = e;
        if (*p != ';')
            break;
        p++;
    }
    return out->n > 0;
}

typedef struct tspan {
    char id[16];
    char label[32];
    frag_span span;
} tspan;

/* Reads the relations of one .ann file. Returns the number of relations (rels malloc'ed). */
static size_t load_ann(const char *path, const uint32_t *map, size_t n_chars, gold_rel **rels)
{
    size_t len;
    char *ann = cl_buf_read_file(path, 64u << 20, &len);
    *rels = NULL;
    if (!ann)
        return 0;
    tspan *ts = NULL;
    size_t nt = 0, ct = 0, nr = 0, cr = 0;
    char *save, *line = strtok_r(ann, "\n", &save);
    for (; line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == 'T') {
            char *tab1 = strchr(line, '\t');
            char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
            if (!tab1 || !tab2)
                continue;
            *tab2 = '\0';
            if (nt == ct) {
                ct = ct ? ct * 2 : 64;
                ts = realloc(ts, sizeof *ts * ct);
            }
            tspan *t = &ts[nt];
            snprintf(t->id, sizeof t->id, "%.*s", (int)(tab1 - line), line);
            char *sp = strchr(tab1 + 1, ' ');
            if (!sp)
                continue;
            snprintf(t->label, sizeof t->label, "%.*s", (int)(sp - tab1 - 1), tab1 + 1);
            if (parse_frags(sp + 1, map, n_chars, &t->span))
                nt++;
        } else if (line[0] == 'E') {
            char *tab = strchr(line, '\t');
            if (!tab)
                continue;
            gold_rel r;
            memset(&r, 0, sizeof r);
            int has_cue = 0;
            char *save2, *part = strtok_r(tab + 1, " ", &save2);
            for (; part; part = strtok_r(NULL, " ", &save2)) {
                char *colon = strchr(part, ':');
                if (!colon)
                    continue;
                *colon = '\0';
                const char *tid = colon + 1;
                const tspan *t = NULL;
                for (size_t k = 0; k < nt && !t; k++)
                    if (strcmp(ts[k].id, tid) == 0)
                        t = &ts[k];
                if (!t)
                    continue;
                if (strcmp(part, "Cue") == 0) {
                    r.cue = t->span;
                    has_cue = 1;
                } else if (strcmp(part, "Source") == 0) {
                    r.source = t->span;
                    r.has_source = 1;
                } else if (strcmp(part, "Content") == 0) {
                    r.content = t->span;
                }
            }
            if (!has_cue)
                continue;
            if (nr == cr) {
                cr = cr ? cr * 2 : 32;
                *rels = realloc(*rels, sizeof **rels * cr);
            }
            (*rels)[nr++] = r;
        }
    }
    free(ts);
    free(ann);
    return nr;
}

static int overlaps(const frag_span *f, uint32_t a, uint32_t b)
{
    for (int i = 0; i < f->n; i++)
        if (f->start[i] < b && a < f->end[i])
            return 1;
    return 0;
}

/* Token-overlap F1 between our content [a, b) and the gold fragments, counting
 * whitespace-separated words by their start offsets. */
static double content_f1(const char *text, uint32_t a, uint32_t b, const frag_span *g)
{
    long ours = 0, gold = 0, both = 0;
    uint32_t lo = a, hi = b;
    for (int i = 0; i < g->n; i++) {
        if (g->start[i] < lo)
            lo = g->start[i];
        if (g->end[i] > hi)
            hi = g->end[i];
    }
    for (uint32_t i = lo; i < hi; i++) {
        int start = text[i] != ' ' && text[i] != '\n' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n');
        if (!start)
            continue;
        int in_ours = i >= a && i < b;
        int in_gold = 0;
        for (int k = 0; k < g->n; k++)
            in_gold |= i >= g->start[k] && i < g->end[k];
        ours += in_ours;
        gold += in_gold;
        both += in_ours && in_gold;
    }
    if (!ours || !gold || !both)
        return 0;
    double p = (double)both / (double)ours, r = (double)both / (double)gold;
    return 2 * p * r / (p + r);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first annotation file for a text stem, or NULL (malloc'ed). */
static char *ann_for(const char *dir, const char *stem)
{
    char adir[4096];
    snprintf(adir, sizeof adir, "%s/attributions", dir);
    DIR *d = opendir(adir);
    if (!d)
        return NULL;
    char *best = NULL;
    size_t sl = strlen(stem);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, stem, sl) != 0 || e->d_name[sl] != '_')
            continue;
        if (!best || strcmp(e->d_name, best) < 0) {
            free(best);
            best = strdup(e->d_name);
        }
    }
    closedir(d);
    if (!best)
        return NULL;
    char *path = malloc(strlen(adir) + strlen(best) + 2);
    if (path)
        sprintf(path, "%s/%s", adir, best);
    free(best);
    return path;
}

static void score_text(const cl_context *ctx, const char *dir, const char *name, pn_tally *t,
                       cl_buf *notes, int *notes_left)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/text/%s", dir, name);
    size_t len;
    char *text = cl_buf_read_file(path, 64u << 20, &len);
    char stem[1024];
    snprintf(stem, sizeof stem, "%s", name);
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = '\0';
    char *ann = ann_for(dir, stem);
    if (!text || !ann || len == 0) {
        free(text);
        free(ann);
        return;
    }
    size_t n_chars;
    uint32_t *map = char_to_byte(text, len, &n_chars);
    gold_rel *rels = NULL;
    size_t ng = map ? load_ann(ann, map, n_chars, &rels) : 0;
    free(ann);
    free(map);
    cl_input in = {0};
    in.id = stem;
    in.source = path;
    in.text = text;
    in.text_len = len;
    cl_error err;
    cl_doc *doc = cl_extract(ctx, &in, CL_EXTRACT_NO_CLEAN, &err);
    if (!doc) {
        free(rels);
        free(text);
        return;
    }
    t->files++;
    t->gold += (long)ng;
    t->sys += (long)doc->attributions.n;
    char *used = calloc(ng + 1, 1);
    for (uint32_t k = 0; k < doc->attributions.n; k++) {
        const cl_attribution *a = &doc->attributions.v[k];
        /* one cue token may carry several attributions of ours (continued quotes): count
         * the cue once */
        int dup = 0;
        for (uint32_t j = 0; j < k && !dup; j++)
            dup = doc->attributions.v[j].cue.start == a->cue.start;
        if (dup) {
            t->sys--;
            continue;
        }
        long g = -1;
        for (size_t i = 0; i < ng && g < 0; i++)
            if (!used[i] && overlaps(&rels[i].cue, a->cue.start, a->cue.end))
                g = (long)i;
        if (g < 0) {
            if (*notes_left > 0) {
                (*notes_left)--;
                cl_buf_printf(notes, "  extra cue \"%.*s\" in %s\n", (int)(a->cue.end - a->cue.start),
                              doc->text + a->cue.start, stem);
                uint32_t lo = a->cue.start > 100 ? a->cue.start - 100 : 0;
                uint32_t hi = a->cue.end + 60 < len ? a->cue.end + 60 : (uint32_t)len;
                if (getenv("CLAIMLINE_EVAL_CONTEXT"))
                    cl_buf_printf(notes, "    ...%.*s[[%.*s]]%.*s...\n", (int)(a->cue.start - lo),
                                  text + lo, (int)(a->cue.end - a->cue.start), text + a->cue.start,
                                  (int)(hi - a->cue.end), text + a->cue.end);
            }
            continue;
        }
        used[g] = 1;
        t->matched++;
        if (*notes_left > 0 && getenv("CLAIMLINE_EVAL_MATCHED")) {
            (*notes_left)--;
            cl_buf_printf(notes, "  matched cue \"%.*s\" in %s\n", (int)(a->cue.end - a->cue.start),
                          doc->text + a->cue.start, stem);
        }
        if (rels[g].has_source) {
            t->src_total++;
            if (a->speaker.end > a->speaker.start && overlaps(&rels[g].source, a->speaker.start, a->speaker.end))
                t->src_ok++;
            else if (*notes_left > 0 && getenv("CLAIMLINE_EVAL_CONTEXT")) {
                (*notes_left)--;
                const frag_span *gs = &rels[g].source;
                cl_buf_printf(notes, "  wrong source \"%.*s\" (gold \"%.*s\") for cue \"%.*s\" in %s\n",
                              (int)(a->speaker.end - a->speaker.start), doc->text + a->speaker.start,
                              (int)(gs->end[0] - gs->start[0]), text + gs->start[0],
                              (int)(a->cue.end - a->cue.start), doc->text + a->cue.start, stem);
            }
        }
        t->content_f1_sum += content_f1(doc->text, a->content.start, a->content.end, &rels[g].content);
    }
    for (size_t i = 0; i < ng && *notes_left > 0; i++) {
        if (used[i])
            continue;
        (*notes_left)--;
        uint32_t a = rels[i].cue.start[0], b = rels[i].cue.end[0];
        uint32_t lo = a > 100 ? a - 100 : 0, hi = b + 60 < len ? b + 60 : (uint32_t)len;
        cl_buf_printf(notes, "  missed cue \"%.*s\" in %s\n", (int)(b - a), text + a, stem);
        if (getenv("CLAIMLINE_EVAL_CONTEXT"))
            cl_buf_printf(notes, "    ...%.*s[[%.*s]]%.*s...\n", (int)(a - lo), text + lo, (int)(b - a),
                          text + a, (int)(hi - b), text + b);
    }
    free(used);
    free(rels);
    cl_doc_free(doc);
    free(text);
}

cl_status cl_eval_polnear(const char *dir, char **report, char **scores_json, cl_error *err)
{
    cl_error_clear(err);
    char tdir[4096];
    snprintf(tdir, sizeof tdir, "%s/text", dir);
    DIR *d = opendir(tdir);
    if (!d)
        return cl_error_set(err, CL_ENOTFOUND, dir, 0, 0, "no text folder under %s", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 128;
            names = realloc(names, sizeof *names * cap);
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    cl_context *ctx = cl_context_new(NULL, err);
    if (!ctx) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return err ? err->status : CL_ENOMEM;
    }
    const char *verbose_env = getenv("CLAIMLINE_EVAL_VERBOSE");
    int notes_left = verbose_env && *verbose_env == '1' ? 1000000 : 40;
    pn_tally t = {0};
    cl_buf notes;
    cl_buf_init(&notes, 0);
    for (size_t i = 0; i < n; i++) {
        score_text(ctx, dir, names[i], &t, &notes, &notes_left);
        free(names[i]);
    }
    free(names);
    cl_context_free(ctx);
    double p = t.sys ? (double)t.matched / (double)t.sys : 0;
    double r = t.gold ? (double)t.matched / (double)t.gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double src = t.src_total ? (double)t.src_ok / (double)t.src_total : 0;
    double cf = t.matched ? t.content_f1_sum / (double)t.matched : 0;
    cl_buf out;
    cl_buf_init(&out, 0);
    cl_buf_printf(&out, "PolNeAR: %ld texts, %ld gold attributions, %ld of ours\n\n", t.files,
                  t.gold, t.sys);
    cl_buf_printf(&out, "cues     P %.3f  R %.3f  F1 %.3f\n", p, r, f);
    cl_buf_printf(&out, "sources  accuracy %.3f on %ld matched cues with a source\n", src, t.src_total);
    cl_buf_printf(&out, "contents token-overlap F1 %.3f\n", cf);
    if (notes.len) {
        cl_buf_puts(&out, "\nexamples:\n");
        cl_buf_append(&out, notes.data, notes.len);
    }
    cl_buf_free(&notes);
    *report = cl_buf_detach(&out, NULL);
    if (scores_json) {
        json_t *s = json_pack("{s:{s:f,s:f,s:f},s:f,s:f,s:i,s:i}", "cue", "precision", p,
                              "recall", r, "f1", f, "source_accuracy", src, "content_f1", cf,
                              "gold", (json_int_t)t.gold, "texts", (json_int_t)t.files);
        *scores_json = json_dumps(s, JSON_SORT_KEYS | JSON_INDENT(2));
        json_decref(s);
    }
    return CL_OK;
}
