/* record.c - the record: one JSON object per document (schema in docs/record.md).
 * Field names are a public contract: an incompatible change bumps CL_RECORD_SCHEMA. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor/actor.h"
#include "attrib/attrib.h"
#include "claim/claim.h"
#include "clean/clean.h"
#include "context.h"
#include "doc.h"
#include "segment/segment.h"
#include "time/timex.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/json_out.h"

static void span(jw *w, const char *key, uint32_t a, uint32_t b)
{
    jw_key(w, key);
    jw_arr_begin(w);
    jw_int(w, a);
    jw_int(w, b);
    jw_arr_end(w);
}

static void day(jw *w, int32_t z)
{
    if (z == CL_DAY_NONE) {
        jw_null(w);
        return;
    }
    char b[16];
    cl_format_day(z, b);
    jw_str(w, b);
}

static void interval(jw *w, const char *key, cl_interval iv)
{
    jw_key(w, key);
    if (!cl_interval_known(iv)) {
        jw_null(w);
        return;
    }
    jw_arr_begin(w);
    day(w, iv.lo);
    day(w, iv.hi);
    jw_arr_end(w);
}

static void text_of(jw *w, const cl_doc *doc, uint32_t a, uint32_t b)
{
    jw_strn(w, doc->text + a, b > a ? b - a : 0);
}

static const char *basis_name(cl_date_basis b)
{
    switch (b) {
    case CL_DATE_METADATA: return "metadata";
    case CL_DATE_DATELINE: return "dateline";
    case CL_DATE_INFERRED: return "inferred";
    default: return "none";
    }
}

static const char *place_kind(int k)
{
    return k == CL_PLACE_COUNTRY  ? "country"
           : k == CL_PLACE_ADMIN1 ? "admin1"
           : k == CL_PLACE_FRONT  ? "front"
                                  : "city";
}

static void write_header(jw *w, const cl_doc *doc)
{
    jw_key(w, "schema");
    jw_str(w, CL_RECORD_SCHEMA);
    jw_key(w, "id");
    jw_str(w, doc->id);
    jw_key(w, "hash");
    jw_str(w, doc->hash);
    jw_key(w, "source");
    jw_str(w, doc->source);
    if (doc->source_line) {
        jw_key(w, "source_line");
        jw_int(w, (int64_t)doc->source_line);
    }
    jw_key(w, "url");
    jw_str(w, doc->url);
    jw_key(w, "outlet");
    jw_str(w, doc->outlet);
    jw_key(w, "title");
    jw_str(w, doc->title);
    jw_key(w, "date");
    jw_obj_begin(w);
    jw_key(w, "value");
    day(w, cl_interval_known(doc->date) ? doc->date.lo : CL_DAY_NONE);
    jw_key(w, "basis");
    jw_str(w, basis_name(doc->date_basis));
    jw_obj_end(w);
    jw_key(w, "dateline");
    if (doc->dateline_place) {
        jw_obj_begin(w);
        jw_key(w, "place");
        jw_str(w, doc->dateline_place);
        jw_key(w, "outlet");
        jw_str(w, doc->dateline_outlet);
        jw_obj_end(w);
    } else {
        jw_null(w);
    }
}

static void write_removed(jw *w, const cl_doc *doc)
{
    jw_key(w, "removed");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->removed.n; i++) {
        const cl_removed_line *r = &doc->removed.v[i];
        jw_obj_begin(w);
        jw_key(w, "line");
        jw_int(w, r->line);
        jw_key(w, "reason");
        jw_str(w, cl_removal_name(r->reason));
        jw_key(w, "text");
        jw_str(w, r->text);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_sentences(jw *w, const cl_doc *doc)
{
    jw_key(w, "sentences");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->sentences.n; i++) {
        const cl_sentence *s = &doc->sentences.v[i];
        jw_arr_begin(w);
        jw_int(w, s->start);
        jw_int(w, s->end);
        jw_int(w, s->line);
        jw_arr_end(w);
    }
    jw_arr_end(w);
}

static void write_timex(jw *w, const cl_doc *doc)
{
    jw_key(w, "timex");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->timexes.n; i++) {
        const cl_timex *t = &doc->timexes.v[i];
        jw_obj_begin(w);
        span(w, "span", t->start, t->end);
        jw_key(w, "text");
        text_of(w, doc, t->start, t->end);
        jw_key(w, "type");
        jw_str(w, cl_timex_type_name(t->type));
        jw_key(w, "value");
        jw_str(w, t->value);
        if (t->mod) {
            jw_key(w, "mod");
            jw_str(w, t->mod);
        }
        interval(w, "interval", t->when);
        jw_key(w, "sentence");
        jw_int(w, t->sentence);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_place_fields(jw *w, const cl_place *p)
{
    jw_key(w, "name");
    jw_str(w, p->name);
    jw_key(w, "kind");
    jw_str(w, place_kind(p->kind));
    jw_key(w, "country");
    jw_strn(w, p->country[0] ? p->country : NULL, 2);
    jw_key(w, "admin1");
    jw_str(w, p->admin1);
    jw_key(w, "lat");
    jw_double(w, p->lat, 5);
    jw_key(w, "lon");
    jw_double(w, p->lon, 5);
}

static void write_places(jw *w, const cl_doc *doc)
{
    jw_key(w, "places");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->places.n; i++) {
        const cl_place *p = &doc->places.v[i];
        jw_obj_begin(w);
        span(w, "span", p->start, p->end);
        jw_key(w, "text");
        text_of(w, doc, p->start, p->end);
        write_place_fields(w, p);
        jw_key(w, "sentence");
        jw_int(w, p->sentence);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_actors(jw *w, const cl_doc *doc)
{
    jw_key(w, "actors");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->actors.n; i++) {
        const cl_actor *a = &doc->actors.v[i];
        jw_obj_begin(w);
        span(w, "span", a->start, a->end);
        jw_key(w, "text");
        text_of(w, doc, a->start, a->end);
        jw_key(w, "name");
        jw_str(w, a->name);
        jw_key(w, "actor");
        jw_str(w, a->id);
        jw_key(w, "side");
        jw_str(w, a->side);
        jw_key(w, "kind");
        jw_str(w, cl_actor_kind_name(a->kind));
        jw_key(w, "sentence");
        jw_int(w, a->sentence);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_attributions(jw *w, const cl_doc *doc)
{
    jw_key(w, "attributions");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->attributions.n; i++) {
        const cl_attribution *a = &doc->attributions.v[i];
        jw_obj_begin(w);
        jw_key(w, "speaker");
        jw_str(w, a->speaker_text);
        if (a->speaker.end > a->speaker.start)
            span(w, "speaker_span", a->speaker.start, a->speaker.end);
        if (a->resolved) {
            jw_key(w, "resolved_to");
            jw_str(w, a->speaker_name);
        }
        jw_key(w, "actor");
        jw_str(w, a->actor);
        jw_key(w, "side");
        jw_str(w, a->side);
        jw_key(w, "cue");
        jw_str(w, a->cue_lemma);
        span(w, "cue_span", a->cue.start, a->cue.end);
        span(w, "content_span", a->content.start, a->content.end);
        jw_key(w, "kind");
        jw_str(w, cl_attrib_kind_name(a->kind));
        jw_key(w, "sentence");
        jw_int(w, a->sentence);
        interval(w, "said", a->said);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_claims(jw *w, const cl_doc *doc)
{
    jw_key(w, "claims");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->claims.n; i++) {
        const cl_claim *c = &doc->claims.v[i];
        const cl_place *p = &doc->places.v[c->place];
        const cl_sentence *s = &doc->sentences.v[c->sentence];
        jw_obj_begin(w);
        jw_key(w, "claimant");
        jw_str(w, c->claimant);
        jw_key(w, "actor");
        jw_str(w, c->actor);
        jw_key(w, "side");
        jw_str(w, c->side);
        jw_key(w, "stance");
        jw_str(w, cl_stance_name(c->stance));
        jw_key(w, "predicate");
        jw_str(w, cl_predicate_name(c->predicate));
        jw_key(w, "place");
        jw_str(w, p->name);
        jw_key(w, "place_text");
        text_of(w, doc, p->start, p->end);
        jw_key(w, "place_kind");
        jw_str(w, place_kind(p->kind));
        jw_key(w, "country");
        jw_strn(w, p->country[0] ? p->country : NULL, 2);
        jw_key(w, "admin1");
        jw_str(w, p->admin1);
        jw_key(w, "lat");
        jw_double(w, p->lat, 5);
        jw_key(w, "lon");
        jw_double(w, p->lon, 5);
        jw_key(w, "holder");
        jw_str(w, c->holder);
        interval(w, "when", c->when);
        jw_key(w, "when_value");
        jw_str(w, c->when_value);
        interval(w, "said", c->said);
        jw_key(w, "cue");
        jw_str(w, c->cue);
        span(w, "trigger_span", c->trigger.start, c->trigger.end);
        jw_key(w, "sentence");
        jw_int(w, c->sentence);
        jw_key(w, "line");
        jw_int(w, c->line);
        jw_key(w, "evidence");
        text_of(w, doc, s->start, s->end);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_events(jw *w, const cl_doc *doc)
{
    jw_key(w, "events");
    jw_arr_begin(w);
    for (uint32_t i = 0; i < doc->events.n; i++) {
        const cl_event *e = &doc->events.v[i];
        jw_obj_begin(w);
        jw_key(w, "cameo");
        jw_str(w, e->cameo);
        jw_key(w, "label");
        jw_str(w, e->label);
        jw_key(w, "source");
        jw_str(w, e->source);
        jw_key(w, "target");
        jw_str(w, e->target);
        const cl_place *p = e->place >= 0 ? &doc->places.v[e->place] : NULL;
        jw_key(w, "place");
        jw_str(w, p ? p->name : NULL);
        jw_key(w, "country");
        jw_strn(w, p && p->country[0] ? p->country : NULL, 2);
        jw_key(w, "lat");
        if (p)
            jw_double(w, p->lat, 5);
        else
            jw_null(w);
        jw_key(w, "lon");
        if (p)
            jw_double(w, p->lon, 5);
        else
            jw_null(w);
        interval(w, "date", e->when);
        jw_key(w, "sentence");
        jw_int(w, e->sentence);
        const cl_sentence *s = &doc->sentences.v[e->sentence];
        jw_key(w, "evidence");
        text_of(w, doc, s->start, s->end);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

char *cl_doc_to_json(const cl_doc *doc, unsigned flags, size_t *len)
{
    cl_buf out;
    cl_buf_init(&out, 0);
    jw w;
    jw_init(&w, &out);
    jw_obj_begin(&w);
    write_header(&w, doc);
    write_removed(&w, doc);
    if (!(flags & CL_RECORD_NO_TEXT)) {
        jw_key(&w, "text");
        jw_strn(&w, doc->text, doc->text_len);
    }
    write_sentences(&w, doc);
    write_timex(&w, doc);
    write_places(&w, doc);
    write_actors(&w, doc);
    write_attributions(&w, doc);
    write_claims(&w, doc);
    write_events(&w, doc);
    jw_key(&w, "minhash");
    if (doc->has_minhash) {
        char hex[64 * 8 + 1];
        for (int i = 0; i < 64; i++)
            snprintf(hex + i * 8, 9, "%08x", doc->minhash[i]);
        jw_str(&w, hex);
    } else {
        jw_null(&w);
    }
    jw_key(&w, "warnings");
    jw_arr_begin(&w);
    for (uint32_t i = 0; i < doc->warnings.n; i++)
        jw_str(&w, doc->warnings.v[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    if (!cl_buf_ok(&out)) {
        cl_buf_free(&out);
        return NULL;
    }
    return cl_buf_detach(&out, len);
}

/* ---------------------------------------------------------------- timex debugging */

char *cl_timex_json(const cl_context *ctx, const char *text, size_t len, const char *dct,
                    cl_error *err)
{
    cl_input in = {0};
    in.id = "timex";
    in.source = "argument";
    in.text = text;
    in.text_len = len;
    in.date = dct;
    cl_doc *doc = cl_extract(ctx, &in, CL_EXTRACT_NO_CLEAN | CL_EXTRACT_TIME_ONLY, err);
    if (!doc)
        return NULL;
    cl_buf out;
    cl_buf_init(&out, 0);
    jw w;
    jw_init(&w, &out);
    jw_obj_begin(&w);
    jw_key(&w, "dct");
    day(&w, cl_interval_known(doc->date) ? doc->date.lo : CL_DAY_NONE);
    write_timex(&w, doc);
    jw_obj_end(&w);
    cl_doc_free(doc);
    return cl_buf_detach(&out, NULL);
}
