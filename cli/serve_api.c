/* serve_api.c - the JSON API and the web page of `claimline serve`.
 *
 *   GET /                     the web page (timeline of a place, claims side by side)
 *   GET /api/stats            ledger totals
 *   GET /api/timeline?place=  a place's claims in date order with corroboration, the
 *                             conflicts grouped by kind and the first pairs (as indexes into
 *                             claims; pairs=N, default 1000, says how many)
 *   GET /api/claims           claims filtered by place, side, actor, predicate, since, until
 *   GET /api/conflicts        contradicting claims of the parties
 *   GET /api/events           CAMEO events filtered by place, side, cameo, since, until
 *   GET /api/document?claim=  the article a claim was read from, with its evidence sentence
 *
 * Every parameter is checked (dates are YYYY-MM-DD, numbers are bounded, text is UTF-8 of
 * bounded length) and an unknown one is refused, so a typo never silently widens a query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "serve_api.h"
#include "serve_page.h"

enum {
    MAX_TEXT = 256,
    DEFAULT_LIMIT = 1000,
    MAX_LIMIT = 10000,
    MAX_WINDOW = 3650,
    DEFAULT_PAIRS = 1000, /* conflict pairs listed by /api/timeline: a busy town has 100k+ */
    MAX_PAIRS = 200000
};

/* The filters of one request. */
typedef struct request {
    cl_query q;
    int copies;
    int pairs;       /* /api/timeline: how many conflict pairs to list */
    long long claim; /* /api/document: the claim's id; 0 when not given */
} request;

static void reply_text(serve_reply *out, int status, const char *type, const char *body)
{
    out->status = status;
    out->type = type;
    out->len = strlen(body);
    out->body = malloc(out->len + 1);
    if (!out->body) {
        out->status = 500;
        out->len = 0;
        return;
    }
    memcpy(out->body, body, out->len + 1);
}

static void reply_error(serve_reply *out, int status, const char *message)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (!f) {
        reply_text(out, 500, "application/json", "{\"error\":\"out of memory\"}");
        return;
    }
    fputs("{\"error\":", f);
    cli_json_string(f, message);
    fputs("}\n", f);
    fclose(f);
    out->status = status;
    out->type = "application/json";
    out->body = body;
    out->len = len;
}

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (n == 1 && *p < 0xC2) || (n == 3 && *p > 0xF4))
            return 0;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

static int valid_day(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* Parses a decimal in [lo, hi]; returns 0 when it is not one. */
static int parse_bounded(const char *s, long lo, long hi, int *out)
{
    char *end;
    if (!*s || strlen(s) > 9)
        return 0;
    long v = strtol(s, &end, 10);
    if (*end || v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

/* Reads the parameters into req; allowed is a space-separated list of names. Returns NULL
 * or the reason for a 400. */
static const char *read_params(const serve_param *p, size_t n, const char *allowed, request *req,
                               char *why, size_t why_len)
{
    memset(req, 0, sizeof *req);
    cl_query_init(&req->q);
    req->pairs = DEFAULT_PAIRS;
    for (size_t i = 0; i < n; i++) {
        const char *k = p[i].key ? p[i].key : "", *v = p[i].value ? p[i].value : "";
        size_t klen = strlen(k);
        const char *hit = klen ? strstr(allowed, k) : NULL;
        while (hit && ((hit != allowed && hit[-1] != ' ') || (hit[klen] && hit[klen] != ' ')))
            hit = strstr(hit + 1, k);
        if (!hit) {
            snprintf(why, why_len, "unknown parameter '%.64s' (this path takes: %s)", k, allowed);
            return why;
        }
        if (strlen(v) > MAX_TEXT || !valid_utf8(v)) {
            snprintf(why, why_len, "parameter '%s' is too long or not UTF-8", k);
            return why;
        }
        int num;
        if (strcmp(k, "since") == 0 || strcmp(k, "until") == 0) {
            if (!valid_day(v)) {
                snprintf(why, why_len, "'%s' must be a day, YYYY-MM-DD", k);
                return why;
            }
            *(k[0] == 's' ? &req->q.since : &req->q.until) = v;
        } else if (strcmp(k, "limit") == 0) {
            if (!parse_bounded(v, 1, MAX_LIMIT, &num)) {
                snprintf(why, why_len, "'limit' must be a number from 1 to %d", MAX_LIMIT);
                return why;
            }
            req->q.limit = num;
        } else if (strcmp(k, "window") == 0) {
            if (!parse_bounded(v, 1, MAX_WINDOW, &num)) {
                snprintf(why, why_len, "'window' must be a number of days from 1 to %d", MAX_WINDOW);
                return why;
            }
            req->q.window_days = num;
        } else if (strcmp(k, "pairs") == 0) {
            if (!parse_bounded(v, 0, MAX_PAIRS, &num)) {
                snprintf(why, why_len, "'pairs' must be a number from 0 to %d", MAX_PAIRS);
                return why;
            }
            req->pairs = num;
        } else if (strcmp(k, "claim") == 0) {
            char *end = NULL;
            long long id = strlen(v) <= 18 ? strtoll(v, &end, 10) : 0;
            if (!*v || strlen(v) > 18 || *end || id < 1) {
                snprintf(why, why_len, "'claim' must be a claim id (a positive number)");
                return why;
            }
            req->claim = id;
        } else if (strcmp(k, "copies") == 0) {
            req->copies = !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0);
        } else if (!*v) {
            snprintf(why, why_len, "parameter '%s' needs a value", k);
            return why;
        } else if (strcmp(k, "place") == 0) {
            req->q.place = v;
        } else if (strcmp(k, "side") == 0) {
            req->q.side = v;
        } else if (strcmp(k, "actor") == 0) {
            req->q.actor = v;
        } else if (strcmp(k, "predicate") == 0 || strcmp(k, "cameo") == 0) {
            req->q.predicate = v;
        }
    }
    return NULL;
}

/* Writes the claims of r as a JSON array. */
static void claims_array(FILE *f, const cl_result *r)
{
    fputc('[', f);
    for (size_t i = 0; i < cl_result_count(r); i++) {
        if (i)
            fputs(",\n", f);
        cli_json_claim_with_id(f, cl_result_claim(r, i));
    }
    fputc(']', f);
}

static void stats(cl_ledger *lg, FILE *f, cl_error *err, int *ok)
{
    cl_totals t;
    *ok = cl_ledger_totals(lg, &t, err) == CL_OK;
    if (*ok)
        fprintf(f,
                "{\"documents\":%lld,\"claims\":%lld,\"claims_of_documents\":%lld,"
                "\"events\":%lld,\"copies\":%lld}\n",
                (long long)t.documents, (long long)t.claims, (long long)t.claims_of_documents,
                (long long)t.events, (long long)t.copies);
}

static void timeline(cl_ledger *lg, const request *req, FILE *f, cl_error *err, int *ok)
{
    cl_result *r = cl_ledger_timeline(lg, &req->q, err);
    if (!(*ok = r != NULL))
        return;
    fputs("{\"place\":", f);
    cli_json_string(f, req->q.place);
    fprintf(f, ",\"window\":%d,\"claims\":", req->q.window_days ? req->q.window_days : 7);
    claims_array(f, r);
    size_t n_pairs = cl_result_conflict_count(r);
    size_t listed = n_pairs < (size_t)req->pairs ? n_pairs : (size_t)req->pairs;
    fprintf(f, ",\"conflict_count\":%zu,\"conflicts_truncated\":%s,\"conflicts\":[", n_pairs,
            listed < n_pairs ? "true" : "false");
    const cl_claim_row *base = cl_result_count(r) ? cl_result_claim(r, 0) : NULL;
    for (size_t i = 0; base && i < listed; i++) {
        const cl_conflict *c = cl_result_conflict(r, i);
        fprintf(f, "%s{\"a\":%td,\"b\":%td,\"reason\":", i ? "," : "", c->a - base, c->b - base);
        cli_json_string(f, c->reason);
        fputc('}', f);
    }
    fputs("],\"conflict_groups\":[", f);
    for (size_t i = 0; base && i < cl_result_conflict_group_count(r); i++) {
        const cl_conflict_group *g = cl_result_conflict_group(r, i);
        fprintf(f, "%s{\"a\":%td,\"b\":%td,\"pairs\":%zu,\"claims_a\":%zu,\"claims_b\":%zu,",
                i ? "," : "", g->a - base, g->b - base, g->pairs, g->claims_a, g->claims_b);
        fputs("\"reason\":", f);
        cli_json_string(f, g->reason);
        fputs(",\"first\":", f);
        cli_json_string(f, g->first);
        fputs(",\"last\":", f);
        cli_json_string(f, g->last);
        fputc('}', f);
    }
    fputs("]}\n", f);
    cl_result_free(r);
}

static void claims(cl_ledger *lg, request *req, FILE *f, cl_error *err, int *ok)
{
    if (!req->q.limit)
        req->q.limit = DEFAULT_LIMIT;
    cl_result *r = cl_ledger_claims(lg, &req->q, err);
    if (!(*ok = r != NULL))
        return;
    fputs("{\"claims\":", f);
    claims_array(f, r);
    fputs("}\n", f);
    cl_result_free(r);
}

static void conflicts(cl_ledger *lg, const request *req, FILE *f, cl_error *err, int *ok)
{
    cl_result *r = cl_ledger_conflicts(lg, &req->q, err);
    if (!(*ok = r != NULL))
        return;
    fputs("{\"conflicts\":[", f);
    for (size_t i = 0; i < cl_result_conflict_count(r); i++) {
        if (i)
            fputs(",\n", f);
        cli_json_conflict(f, cl_result_conflict(r, i));
    }
    fputs("]}\n", f);
    cl_result_free(r);
}

static void events(cl_ledger *lg, request *req, FILE *f, cl_error *err, int *ok)
{
    if (!req->q.limit)
        req->q.limit = DEFAULT_LIMIT;
    req->q.no_copies = !req->copies;
    cl_result *r = cl_ledger_events(lg, &req->q, err);
    if (!(*ok = r != NULL))
        return;
    fputs("{\"events\":[", f);
    for (size_t i = 0; i < cl_result_event_count(r); i++) {
        if (i)
            fputs(",\n", f);
        cli_json_event(f, cl_result_event(r, i));
    }
    fputs("]}\n", f);
    cl_result_free(r);
}

static void document(cl_ledger *lg, const request *req, FILE *f, cl_error *err, int *ok)
{
    cl_result *r = cl_ledger_claim_document(lg, req->claim, err);
    if (!(*ok = r != NULL))
        return;
    if (cl_result_document_count(r) == 0) {
        fputs("{\"document\":null}\n", f);
        cl_result_free(r);
        return;
    }
    const cl_document_row *d = cl_result_document(r, 0);
    const char *keys[] = {"id", "source", "url", "outlet", "title", "date", "date_basis", "text",
                          "evidence"};
    const char *vals[] = {d->id, d->source, d->url, d->outlet, d->title, d->date, d->date_basis,
                          d->text, d->evidence};
    fputs("{\"document\":{", f);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        fprintf(f, "%s\"%s\":", i ? "," : "", keys[i]);
        cli_json_string(f, vals[i]);
    }
    fprintf(f, ",\"sentence\":%lld,\"line\":%lld}}\n", (long long)d->sentence, (long long)d->line);
    cl_result_free(r);
}

void serve_handle(cl_ledger *lg, const char *method, const char *path, const serve_param *params,
                  size_t n_params, serve_reply *out)
{
    memset(out, 0, sizeof *out);
    if (!method || (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)) {
        reply_error(out, 405, "only GET is served");
        return;
    }
    if (!path)
        path = "/";
    if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0) {
        reply_text(out, 200, "text/html; charset=utf-8", serve_page_html);
        return;
    }
    static const struct {
        const char *path, *params;
    } routes[] = {
        {"/api/stats", ""},
        {"/api/timeline", "place side since until window pairs"},
        {"/api/claims", "place side actor predicate since until limit"},
        {"/api/conflicts", "place side since until window"},
        {"/api/events", "place side cameo since until limit copies"},
        {"/api/document", "claim"},
    };
    size_t route = 0, n_routes = sizeof routes / sizeof *routes;
    while (route < n_routes && strcmp(path, routes[route].path) != 0)
        route++;
    if (route == n_routes) {
        reply_error(out, 404, "no such path (try /api/stats, /api/timeline?place=NAME)");
        return;
    }
    request req;
    char why[320];
    if (read_params(params, n_params, routes[route].params, &req, why, sizeof why)) {
        reply_error(out, 400, why);
        return;
    }
    if (route == 1 && !req.q.place) {
        reply_error(out, 400, "/api/timeline needs place=NAME");
        return;
    }
    if (route == 5 && !req.claim) {
        reply_error(out, 400, "/api/document needs claim=ID");
        return;
    }
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (!f) {
        reply_error(out, 500, "out of memory");
        return;
    }
    cl_error err;
    int ok = 0;
    switch (route) {
    case 0: stats(lg, f, &err, &ok); break;
    case 1: timeline(lg, &req, f, &err, &ok); break;
    case 2: claims(lg, &req, f, &err, &ok); break;
    case 3: conflicts(lg, &req, f, &err, &ok); break;
    case 4: events(lg, &req, f, &err, &ok); break;
    default: document(lg, &req, f, &err, &ok); break;
    }
    fclose(f);
    if (!ok) {
        free(body);
        reply_error(out, 500, err.message);
        return;
    }
    out->status = 200;
    out->type = "application/json";
    out->body = body;
    out->len = len;
}
