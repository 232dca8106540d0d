/* event.c - CAMEO events; see event.h. */
#include "event/event.h"

#include <string.h>

#include "actor/actor.h"
#include "claim/claim.h"
#include "context.h"
#include "data/table.h"
#include "doc.h"
#include "util/error.h"
#include "util/text.h"

typedef struct put_ctx {
    cl_strmap *m;
    cl_arena *a;
} put_ctx;

static void put_word(const char *item, size_t len, void *user)
{
    put_ctx *c = user;
    cl_strmap_put(c->m, c->a, item, len, 1);
}

cl_status cl_event_tables_load(cl_event_tables *t, cl_arena *a, cl_error *err)
{
    memset(t, 0, sizeof *t);
    cl_table tab;
    cl_status st = cl_table_load(a, "cameo.tsv", 6, &tab, err);
    if (st != CL_OK)
        return st;
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *kind = cl_table_cell(&tab, r, 0), *key = cl_table_cell(&tab, r, 1);
        const char *code = cl_table_cell(&tab, r, 2), *label = cl_table_cell(&tab, r, 3);
        if (strcmp(kind, "predicate") == 0) {
            int p = -1;
            for (int k = 0; k < CL_PRED_COUNT; k++)
                if (strcmp(key, cl_predicate_name(k)) == 0)
                    p = k;
            if (p < 0)
                return cl_error_set(err, CL_EFORMAT, "cameo.tsv", tab.lines[r], 0,
                                    "cameo.tsv line %u: unknown predicate %s", tab.lines[r], key);
            t->pred_cameo[p] = code;
            t->pred_label[p] = label;
        } else if (strcmp(kind, "statement") == 0) {
            t->statement_cameo = code;
            t->statement_label = label;
        } else if (strcmp(kind, "action") == 0 && t->n_actions < 16) {
            cl_cameo_action *ac = &t->actions[t->n_actions++];
            ac->cameo = code;
            ac->label = label;
            cl_strmap_init(&ac->verbs, a, 32);
            cl_strmap_init(&ac->objects, a, 32);
            put_ctx pv = {&ac->verbs, a}, po = {&ac->objects, a};
            cl_table_split(cl_table_cell(&tab, r, 4), put_word, &pv);
            cl_table_split(cl_table_cell(&tab, r, 5), put_word, &po);
        } else {
            return cl_error_set(err, CL_EFORMAT, "cameo.tsv", tab.lines[r], 0,
                                "cameo.tsv line %u: unknown kind %s", tab.lines[r], kind);
        }
    }
    return CL_OK;
}

static void add_event(cl_doc *doc, uint32_t s, const char *cameo, const char *label,
                      const char *source, const char *target, int32_t place, cl_interval when)
{
    if (!cameo)
        return;
    cl_event *e = &CL_VEC_PUSH(&doc->arena, doc->events);
    e->sentence = s;
    e->cameo = cameo;
    e->label = label;
    e->source = source;
    e->target = target;
    e->place = place;
    e->when = when;
}

/* The other of the document's two main sides, for targets of military events. */
static const char *other_side(cl_doc *doc, const char *side)
{
    const char *a, *b;
    cl_doc_dyad(doc, &a, &b);
    if (!side || !a || !b)
        return NULL;
    return strcmp(side, a) == 0 ? b : strcmp(side, b) == 0 ? a : NULL;
}

/* Is there an appeal verb ("urged", "called on", "asked") in the few tokens before i? */
static int appealed(const cl_doc *doc, const cl_sentence *se, uint32_t i)
{
    static const char *const verbs[] = {"urged", "urge", "urges", "urging", "called", "calling",
                                        "asked", "asking", "appealed", "pressed", "demanded",
                                        "requested", NULL};
    for (uint32_t k = i; k-- > se->tok_first && k + 8 > i;)
        for (const char *const *v = verbs; *v; v++)
            if (cl_eq_ci(cl_tok_ptr(doc, k), cl_tok_len(doc, k), *v))
                return 1;
    return 0;
}

static void action_events(cl_doc *doc, uint32_t s)
{
    const cl_event_tables *t = &doc->ctx->event;
    const cl_sentence *se = &doc->sentences.v[s];
    uint32_t end = se->tok_first + se->tok_count;
    for (uint32_t i = se->tok_first; i < end; i++) {
        for (uint32_t k = 0; k < t->n_actions; k++) {
            const cl_cameo_action *ac = &t->actions[k];
            uint32_t v;
            if (!cl_tok_get(doc, &ac->verbs, i, &v))
                continue;
            int object = 0;
            for (uint32_t j = i + 1; j < end && j <= i + 6 && !object; j++)
                object = cl_tok_get(doc, &ac->objects, j, &v);
            if (!object)
                continue;
            /* "companies that supply parts": a relative clause is not the subject's act;
             * "urged allies to deliver missiles": asked for, not provided */
            if (i > se->tok_first && (cl_eq_ci(cl_tok_ptr(doc, i - 1), cl_tok_len(doc, i - 1), "that") ||
                                      cl_eq_ci(cl_tok_ptr(doc, i - 1), cl_tok_len(doc, i - 1), "which") ||
                                      cl_eq_ci(cl_tok_ptr(doc, i - 1), cl_tok_len(doc, i - 1), "who")))
                continue;
            if (strcmp(ac->cameo, "072") == 0 && i > se->tok_first &&
                cl_eq_ci(cl_tok_ptr(doc, i - 1), cl_tok_len(doc, i - 1), "to") && appealed(doc, se, i))
                continue;
            /* source: the subject before the verb, else the speaker of the sentence */
            const char *source = NULL;
            for (uint32_t j = i; j-- > se->tok_first && !source;) {
                int32_t a = cl_actor_at_token(doc, j);
                if (a >= 0)
                    source = doc->actors.v[a].side;
            }
            for (uint32_t q = 0; q < doc->attributions.n && !source; q++)
                if (doc->attributions.v[q].sentence == s)
                    source = doc->attributions.v[q].side;
            /* target: a country after to / on / against / for */
            const char *target = NULL;
            for (uint32_t j = i + 1; j + 1 < end && j <= i + 12 && !target; j++) {
                if (cl_eq_ci(cl_tok_ptr(doc, j), cl_tok_len(doc, j), "to") ||
                    cl_eq_ci(cl_tok_ptr(doc, j), cl_tok_len(doc, j), "on") ||
                    cl_eq_ci(cl_tok_ptr(doc, j), cl_tok_len(doc, j), "against") ||
                    cl_eq_ci(cl_tok_ptr(doc, j), cl_tok_len(doc, j), "for"))
                    target = cl_actor_country_at(doc, j + 1, end, NULL, NULL);
            }
            if (!source)
                continue;
            if (target && strcmp(target, source) == 0)
                target = NULL;
            add_event(doc, s, ac->cameo, ac->label, source, target, -1,
                      doc->date);
            break;
        }
    }
}

void cl_event_run(cl_doc *doc)
{
    const cl_event_tables *t = &doc->ctx->event;
    for (uint32_t c = 0; c < doc->claims.n; c++) {
        const cl_claim *cl = &doc->claims.v[c];
        if (cl->stance != CL_STANCE_ASSERT)
            continue;
        const char *source = cl->holder ? cl->holder : cl->side;
        if (!source || strcmp(source, "MEDIA") == 0)
            continue;
        add_event(doc, cl->sentence, t->pred_cameo[cl->predicate], t->pred_label[cl->predicate],
                  source, other_side(doc, source), cl->place, cl->when);
    }
    for (uint32_t s = 0; s < doc->sentences.n; s++)
        action_events(doc, s);
    for (uint32_t a = 0; a < doc->attributions.n; a++) {
        const cl_attribution *at = &doc->attributions.v[a];
        if (at->side)
            add_event(doc, at->sentence, t->statement_cameo, t->statement_label, at->side, NULL,
                      -1, at->said);
    }
}
