/* json_rows.c - claims, conflicts and events as JSON objects, for `--format jsonl` and the
 * HTTP API of `serve`, and as GeoJSON features for `--format geojson`. */
#include "cli.h"

void cli_json_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* One claim as a JSON object. Its ledger id is internal (two ledgers of the same records
 * number them differently), so only the HTTP API, which looks claims up by it, asks for it. */
static void json_claim(FILE *f, const cl_claim_row *r, int with_id)
{
    if (with_id)
        fprintf(f, "{\"id\":%lld,\"doc\":", (long long)r->rowid);
    else
        fputs("{\"doc\":", f);
    cli_json_string(f, r->doc_id);
    fputs(",\"outlet\":", f);
    cli_json_string(f, r->outlet);
    fputs(",\"claimant\":", f);
    cli_json_string(f, r->claimant);
    fputs(",\"actor\":", f);
    cli_json_string(f, r->actor);
    fputs(",\"side\":", f);
    cli_json_string(f, r->side);
    fputs(",\"stance\":", f);
    cli_json_string(f, r->stance);
    fputs(",\"predicate\":", f);
    cli_json_string(f, r->predicate);
    fputs(",\"place\":", f);
    cli_json_string(f, r->place);
    fputs(",\"country\":", f);
    cli_json_string(f, r->country);
    fputs(",\"holder\":", f);
    cli_json_string(f, r->holder);
    fputs(",\"when\":", f);
    if (r->when_lo) {
        fputc('[', f);
        cli_json_string(f, r->when_lo);
        fputc(',', f);
        cli_json_string(f, r->when_hi);
        fputc(']', f);
    } else {
        fputs("null", f);
    }
    fputs(",\"said\":", f);
    if (r->said_lo) {
        fputc('[', f);
        cli_json_string(f, r->said_lo);
        fputc(',', f);
        cli_json_string(f, r->said_hi);
        fputc(']', f);
    } else {
        fputs("null", f);
    }
    fputs(",\"copy_of\":", f);
    cli_json_string(f, r->copy_of);
    fprintf(f, ",\"line\":%lld,\"corroboration\":%d,\"conflicted\":%s,\"evidence\":",
            (long long)r->line, r->corroboration, r->conflicted ? "true" : "false");
    cli_json_string(f, r->evidence);
    fputc('}', f);
}

void cli_json_claim(FILE *f, const cl_claim_row *r) { json_claim(f, r, 0); }
void cli_json_claim_with_id(FILE *f, const cl_claim_row *r) { json_claim(f, r, 1); }

void cli_json_event(FILE *f, const cl_event_row *e)
{
    fprintf(f, "{\"id\":%lld,\"cameo\":", (long long)e->rowid);
    cli_json_string(f, e->cameo);
    fputs(",\"label\":", f);
    cli_json_string(f, e->label);
    fputs(",\"source\":", f);
    cli_json_string(f, e->source);
    fputs(",\"target\":", f);
    cli_json_string(f, e->target);
    fputs(",\"place\":", f);
    cli_json_string(f, e->place);
    fputs(",\"country\":", f);
    cli_json_string(f, e->country);
    fputs(",\"date\":", f);
    if (e->date_lo) {
        fputc('[', f);
        cli_json_string(f, e->date_lo);
        fputc(',', f);
        cli_json_string(f, e->date_hi);
        fputc(']', f);
    } else {
        fputs("null", f);
    }
    fputs(",\"doc\":", f);
    cli_json_string(f, e->doc_id);
    fputs(",\"evidence\":", f);
    cli_json_string(f, e->evidence);
    fputc('}', f);
}

void cli_json_conflict(FILE *f, const cl_conflict *c)
{
    fputs("{\"place\":", f);
    cli_json_string(f, c->a->place);
    fputs(",\"reason\":", f);
    cli_json_string(f, c->reason);
    fputs(",\"a\":", f);
    cli_json_claim(f, c->a);
    fputs(",\"b\":", f);
    cli_json_claim(f, c->b);
    fputc('}', f);
}

/* Opens a GeoJSON Feature: a point at the coordinates (GeoJSON order: longitude first),
 * or no geometry when the place has none; its properties follow. */
static void feature_begin(FILE *f, double lat, double lon)
{
    fputs("{\"type\":\"Feature\",\"geometry\":", f);
    if (lat == lat && lon == lon)
        fprintf(f, "{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}", lon, lat);
    else
        fputs("null", f);
    fputs(",\"properties\":", f);
}

void cli_geojson_claim(FILE *f, const cl_claim_row *r)
{
    feature_begin(f, r->lat, r->lon);
    cli_json_claim(f, r);
    fputc('}', f);
}

void cli_geojson_event(FILE *f, const cl_event_row *e)
{
    feature_begin(f, e->lat, e->lon);
    cli_json_event(f, e);
    fputc('}', f);
}

void cli_geojson_conflict(FILE *f, const cl_conflict *c)
{
    feature_begin(f, c->a->lat, c->a->lon);
    cli_json_conflict(f, c);
    fputc('}', f);
}
