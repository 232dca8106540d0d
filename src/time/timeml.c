/* timeml.c - TimeML reading; see timeml.h. */
#include "time/timeml.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/text.h"

enum { MAX_TIMEX = 1 << 16 };

void cl_timeml_free(cl_timeml_doc *doc)
{
    if (!doc)
        return;
    free(doc->text);
    free(doc->timexes);
    memset(doc, 0, sizeof *doc);
}

/* Value of attribute `name` inside the tag text [p, end) into out (cap bytes). */
static int attr(const char *p, const char *end, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    out[0] = '\0';
    for (const char *q = p; q + n + 2 < end; q++) {
        if ((q == p || q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n') &&
            memcmp(q, name, n) == 0 && q[n] == '=' && (q[n + 1] == '"' || q[n + 1] == '\'')) {
            char quote = q[n + 1];
            const char *v = q + n + 2;
            const char *e = memchr(v, quote, (size_t)(end - v));
            if (!e)
                return 0;
            size_t len = (size_t)(e - v);
            if (len >= cap)
                len = cap - 1;
            memcpy(out, v, len);
            out[len] = '\0';
            return 1;
        }
    }
    return 0;
}

/* Finds needle in [p, end); returns a pointer or NULL. */
static const char *find(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; p + n <= end; p++)
        if (*p == needle[0] && memcmp(p, needle, n) == 0)
            return p;
    return NULL;
}

/* Decodes an entity at p ("&amp;" ...) into *c; returns its length or 0. */
static size_t entity(const char *p, const char *end, char *c)
{
    static const struct {
        const char *s;
        char c;
    } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (size_t i = 0; i < sizeof ents / sizeof *ents; i++) {
        size_t n = strlen(ents[i].s);
        if (p + n <= end && memcmp(p, ents[i].s, n) == 0) {
            *c = ents[i].c;
            return n;
        }
    }
    return 0;
}

cl_status cl_timeml_parse(const char *xml, size_t len, cl_timeml_doc *out, cl_error *err)
{
    memset(out, 0, sizeof *out);
    const char *end = xml + len;
    /* the creation time */
    const char *dct = find(xml, end, "<DCT>");
    if (dct) {
        const char *tag_end = memchr(dct, '>', (size_t)(end - dct));
        const char *t = tag_end ? find(tag_end, end, "<TIMEX3") : NULL;
        const char *te = t ? memchr(t, '>', (size_t)(end - t)) : NULL;
        char v[64];
        if (te && attr(t, te, "value", v, sizeof v) && strlen(v) >= 10) {
            memcpy(out->dct, v, 10);
            out->dct[10] = '\0';
        }
    }
    const char *open = find(xml, end, "<TEXT>");
    const char *close = open ? find(open, end, "</TEXT>") : NULL;
    if (!open || !close)
        return cl_error_set(err, CL_EFORMAT, NULL, 0, 0, "no <TEXT> element");
    const char *p = open + 6;
    out->text_open_end = (size_t)(p - xml);
    out->text_close = (size_t)(close - xml);
    out->text = malloc((size_t)(close - p) + 1);
    out->timexes = malloc(sizeof(cl_timeml_timex) * 16);
    size_t cap_t = 16;
    if (!out->text || !out->timexes) {
        cl_timeml_free(out);
        return cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t o = 0;
    int open_timex = -1;
    while (p < close) {
        if (*p == '<') {
            const char *te = memchr(p, '>', (size_t)(close - p));
            if (!te) {
                cl_timeml_free(out);
                return cl_error_set(err, CL_EFORMAT, NULL, 0, (uint64_t)(p - xml), "unclosed tag");
            }
            if ((size_t)(te - p) >= 7 && memcmp(p, "<TIMEX3", 7) == 0) {
                if (out->n_timexes == cap_t) {
                    if (cap_t >= MAX_TIMEX) {
                        cl_timeml_free(out);
                        return cl_error_set(err, CL_ELIMIT, NULL, 0, (uint64_t)(p - xml),
                                            "too many TIMEX3 tags");
                    }
                    cap_t *= 2;
                    cl_timeml_timex *nt = realloc(out->timexes, sizeof(cl_timeml_timex) * cap_t);
                    if (!nt) {
                        cl_timeml_free(out);
                        return cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory");
                    }
                    out->timexes = nt;
                }
                cl_timeml_timex *t = &out->timexes[out->n_timexes];
                memset(t, 0, sizeof *t);
                attr(p, te, "type", t->type, sizeof t->type);
                attr(p, te, "value", t->value, sizeof t->value);
                attr(p, te, "mod", t->mod, sizeof t->mod);
                t->start = (uint32_t)o;
                if (te[-1] == '/') { /* an empty TIMEX3 has no text */
                    t->end = (uint32_t)o;
                } else {
                    open_timex = (int)out->n_timexes;
                }
                out->n_timexes++;
            } else if ((size_t)(te - p) >= 8 && memcmp(p, "</TIMEX3", 8) == 0 && open_timex >= 0) {
                out->timexes[open_timex].end = (uint32_t)o;
                open_timex = -1;
            }
            p = te + 1;
            continue;
        }
        char c;
        size_t n = *p == '&' ? entity(p, close, &c) : 0;
        if (n) {
            out->text[o++] = c;
            p += n;
        } else {
            out->text[o++] = *p++;
        }
    }
    out->text[o] = '\0';
    out->text_len = o;
    /* drop empty gold spans (annotations with no text) */
    size_t k = 0;
    for (size_t i = 0; i < out->n_timexes; i++)
        if (out->timexes[i].end > out->timexes[i].start)
            out->timexes[k++] = out->timexes[i];
    out->n_timexes = k;
    return CL_OK;
}

void cl_timeml_escape(cl_buf *out, const char *text, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = text[i] == '&' ? "&amp;" : text[i] == '<' ? "&lt;" : text[i] == '>' ? "&gt;" : NULL;
        if (!rep) {
            run++;
            continue;
        }
        cl_buf_append(out, text + i - run, run);
        run = 0;
        cl_buf_puts(out, rep);
    }
    cl_buf_append(out, text + len - run, run);
}
