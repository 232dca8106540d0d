/* timex_resolve.c - resolution for the date tagger: the tense of a clause, the year of a
 * date given without one, the day interval of each granularity, and cl_tx_resolve, which
 * anchors a `tx` to the document date or the previous expression and writes its TIMEX3
 * value and day interval. */
#include "time/timex_internal.h"

#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "time/calendar.h"
#include "util/arena.h"

/* Is token k a verb in the past tense (an irregular form, or a lower-case word in -ed)? */
static int past_verb(const tagger *tg, uint32_t k)
{
    if (cl_tx_lex(tg, k, CL_TC_PAST_VERB))
        return 1;
    const char *p = cl_tok_ptr(tg->doc, k);
    uint32_t n = cl_tok_len(tg->doc, k);
    return cl_tx_kind_at(tg, k) == CL_TOK_WORD && !cl_tx_cap_at(tg, k) && n > 4 &&
           p[n - 2] == 'e' && p[n - 1] == 'd' && !cl_tx_lex(tg, k, CL_TC_NOT_PAST);
}

/* Does token k mark the future ("will", "scheduled", "next", "tomorrow", "set to" ...)? */
static int future_marker(const tagger *tg, uint32_t k)
{
    if (cl_tx_lex(tg, k, CL_TC_FUTURE))
        return 1;
    /* "set to resume Monday" */
    return cl_tx_is(tg, k, "set") && cl_tx_is(tg, k + 1, "to");
}

/* After an expression, "scheduled", "expected" or "planned" as a finite verb tells a plan
 * in the past ("On Friday, the government planned to pay"); only "is/are/will be
 * scheduled" points ahead. */
static int told_plan(const tagger *tg, uint32_t k)
{
    if (!cl_tx_is(tg, k, "scheduled") && !cl_tx_is(tg, k, "expected") &&
        !cl_tx_is(tg, k, "planned"))
        return 0;
    if (k == tg->first)
        return 1;
    static const char *const ahead[] = {"is", "are", "'s", "am", "be", "will", "'ll", NULL};
    for (const char *const *w = ahead; *w; w++)
        if (cl_tx_is(tg, k - 1, *w))
            return 0;
    return 1;
}

/* Tense of the clause around an expression: the nearest tense marker before it (a past
 * verb, or will / scheduled / expected ...), else the nearest after it. Returns 1 future,
 * 0 past, -1 when nothing tells. */
int cl_tx_future_context(const tagger *tg, uint32_t first, uint32_t last)
{
    for (uint32_t k = first; k-- > tg->first && k + 10 > first;) {
        if (cl_tx_kind_at(tg, k) == CL_TOK_PUNCT && (cl_tx_is(tg, k, ";") || cl_tx_is(tg, k, ".")))
            break;
        if (future_marker(tg, k))
            /* "had been scheduled to", "was expected": a plan told in the past */
            return k > tg->first && !cl_tx_is(tg, k, "going") && !cl_tx_is(tg, k, "planning") &&
                           (cl_tx_is(tg, k - 1, "been") || cl_tx_is(tg, k - 1, "was") ||
                            cl_tx_is(tg, k - 1, "were") || cl_tx_is(tg, k - 1, "had"))
                       ? 0
                       : 1;
        if (past_verb(tg, k))
            return 0;
    }
    for (uint32_t k = last + 1; k < tg->end && k <= last + 8; k++) {
        if (future_marker(tg, k))
            return !told_plan(tg, k);
        if (past_verb(tg, k))
            return 0;
    }
    return -1;
}

static void gran_interval(int gran, int y, int mo, int d, int q, const char *season, int decade,
                          cl_interval *out)
{
    switch (gran) {
    case G_DAY:
        *out = cl_interval_day(cl_days_from_civil(y, mo, d));
        break;
    case G_MONTH:
        out->lo = cl_days_from_civil(y, mo, 1);
        out->hi = cl_days_from_civil(y, mo, cl_days_in_month(y, mo));
        break;
    case G_QUARTER:
        out->lo = cl_days_from_civil(y, (q - 1) * 3 + 1, 1);
        out->hi = cl_days_from_civil(y, q * 3, cl_days_in_month(y, q * 3));
        break;
    case G_HALF:
        out->lo = cl_days_from_civil(y, q == 1 ? 1 : 7, 1);
        out->hi = cl_days_from_civil(y, q == 1 ? 6 : 12, q == 1 ? 30 : 31);
        break;
    case G_SEASON: {
        int start = strcmp(season, "SP") == 0 ? 3 : strcmp(season, "SU") == 0 ? 6
                    : strcmp(season, "FA") == 0 ? 9 : 12;
        out->lo = cl_days_from_civil(y, start, 1);
        int ey = start == 12 ? y + 1 : y, em = start == 12 ? 2 : start + 2;
        out->hi = cl_days_from_civil(ey, em, cl_days_in_month(ey, em));
        break;
    }
    case G_YEAR:
        out->lo = cl_days_from_civil(y, 1, 1);
        out->hi = cl_days_from_civil(y, 12, 31);
        break;
    case G_DECADE:
        out->lo = cl_days_from_civil(decade * 10, 1, 1);
        out->hi = cl_days_from_civil(decade * 10 + 9, 12, 31);
        break;
    default:
        *out = cl_interval_none();
    }
}

/* Narrows an interval for START/MID/END. */
static void apply_mod(const char *mod, cl_interval *iv)
{
    if (!mod || !cl_interval_known(*iv) || iv->hi - iv->lo < 2)
        return;
    int32_t len = iv->hi - iv->lo + 1, third = len / 3;
    if (strcmp(mod, "START") == 0)
        iv->hi = iv->lo + third;
    else if (strcmp(mod, "MID") == 0) {
        iv->lo += third;
        iv->hi -= third;
    } else if (strcmp(mod, "END") == 0)
        iv->lo = iv->hi - third;
}

static const char *day_value_str(cl_arena *a, int32_t z)
{
    char b[16];
    cl_format_day(z, b);
    return cl_arena_strdup(a, b);
}

/* Picks the year for a month (and day) given without one, by the document date and tense. */
static int guess_year(const tagger *tg, const tx *m, int future)
{
    int y, mo, d;
    cl_civil_from_days(tg->dct, &y, &mo, &d);
    int day = m->day > 0 ? m->day : 1;
    /* the year that puts the date nearest the document date; the tense decides only when
     * the date is months away (a past "March 12" in a February article is last year's) */
    int best = y;
    int32_t best_dist = INT32_MAX;
    for (int cy = y - 1; cy <= y + 1; cy++) {
        int32_t cand = cl_days_from_civil(cy, m->month, day);
        if (m->gran == G_MONTH)
            cand += 14;
        int32_t dist = cand > tg->dct ? cand - tg->dct : tg->dct - cand;
        if (dist < best_dist) {
            best_dist = dist;
            best = cy;
        }
    }
    int32_t cand = cl_days_from_civil(best, m->month, day);
    /* with no tense, news looks back ("rose in March"), but a deadline ("by February",
     * "through January") may lie either side: the nearest then */
    if (future < 0 && m->first > tg->first &&
        (cl_tx_is(tg, m->first - 1, "by") || cl_tx_is(tg, m->first - 1, "until") ||
         cl_tx_is(tg, m->first - 1, "till") || cl_tx_is(tg, m->first - 1, "through")))
        return best;
    if (future <= 0 && cand > tg->dct + 60)
        return best - 1;
    if (future == 1 && cand < tg->dct - 60)
        return best + 1;
    return best;
}

/* The year of "last April" (the latest April before the document month), "next May",
 * "this September", "June last year". */
static int shifted_year(const tagger *tg, const tx *m)
{
    int y, mo, d;
    cl_civil_from_days(tg->dct, &y, &mo, &d);
    if (m->yrel == 2 || m->yshift == 0)
        return y + m->yshift;
    if (m->yshift < 0)
        return m->month < mo ? y : y - 1;
    return m->month > mo ? y : y + 1;
}

/* Writes the TIMEX3 type, value, mod and day interval of a match into out. */
void cl_tx_resolve(tagger *tg, tx *m, cl_timex *out)
{
    cl_arena *a = &tg->doc->arena;
    cl_interval iv = cl_interval_none();
    const char *value = NULL;
    char buf[64];
    int future = -1;
    out->anchored = 0;
    switch (m->kind) {
    case TK_REF:
        value = m->ref;
        if (strcmp(m->ref, "PRESENT_REF") == 0 && tg->dct != CL_DAY_NONE) {
            iv = cl_interval_day(tg->dct);
            out->anchored = 1;
        }
        break;
    case TK_DURATION:
    case TK_SET:
        value = cl_arena_strdup(a, m->dur);
        break;
    case TK_ABS: {
        int y = m->year;
        if (y < 0 && m->gran != G_DECADE) {
            if (tg->dct == CL_DAY_NONE) {
                if (m->gran == G_DAY)
                    snprintf(buf, sizeof buf, "XXXX-%02d-%02d", m->month, m->day);
                else if (m->gran == G_MONTH)
                    snprintf(buf, sizeof buf, "XXXX-%02d", m->month);
                else
                    snprintf(buf, sizeof buf, "XXXX");
                value = cl_arena_strdup(a, buf);
                break;
            }
            future = cl_tx_future_context(tg, m->first, m->last);
            y = m->yrel ? shifted_year(tg, m) : guess_year(tg, m, future);
            out->anchored = 1;
        }
        if (m->gran == G_DAY && m->weekday && m->quarter > 0) {
            int32_t first = cl_days_from_civil(y, m->month, 1);
            int delta = (m->weekday - cl_weekday(first) + 7) % 7;
            int32_t z = first + delta + 7 * (m->quarter - 1);
            int yy, mm, dd;
            cl_civil_from_days(z, &yy, &mm, &dd);
            m->day = dd;
        }
        if (m->gran == G_DAY && !cl_is_valid_date(y, m->month, m->day)) {
            snprintf(buf, sizeof buf, "%04d-%02d-XX", y, m->month);
            value = cl_arena_strdup(a, buf);
            break;
        }
        gran_interval(m->gran, y, m->month, m->day, m->quarter, m->season, m->decade, &iv);
        switch (m->gran) {
        case G_DAY: snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m->month, m->day); break;
        case G_MONTH: snprintf(buf, sizeof buf, "%04d-%02d", y, m->month); break;
        case G_QUARTER: snprintf(buf, sizeof buf, "%04d-Q%d", y, m->quarter); break;
        case G_HALF: snprintf(buf, sizeof buf, "%04d-H%d", y, m->quarter); break;
        case G_SEASON: snprintf(buf, sizeof buf, "%04d-%s", y, m->season); break;
        case G_YEAR: snprintf(buf, sizeof buf, "%04d", y); break;
        case G_DECADE: snprintf(buf, sizeof buf, "%03d", m->decade); break;
        default: snprintf(buf, sizeof buf, "XXXX");
        }
        value = cl_arena_strdup(a, buf);
        break;
    }
    case TK_WEEKDAY: {
        if (tg->dct == CL_DAY_NONE) {
            snprintf(buf, sizeof buf, "XXXX-WXX-%d", m->weekday);
            value = cl_arena_strdup(a, buf);
            break;
        }
        future = m->shift > 0 ? 1 : m->shift < 0 ? 0 : cl_tx_future_context(tg, m->first, m->last);
        int wd = cl_weekday(tg->dct);
        int32_t day;
        if (future < 0) {
            /* no tense: news mostly reports what happened, so the past one, unless the day
             * is only a day or two ahead ("meet Tuesday" in a Monday paper) */
            int back = (wd - m->weekday + 7) % 7, ahead = (m->weekday - wd + 7) % 7;
            future = ahead < back && ahead <= 2;
        }
        if (future) {
            int delta = (m->weekday - wd + 7) % 7;
            if (m->shift > 0 && delta == 0)
                delta = 7;
            day = tg->dct + delta;
        } else {
            int delta = (wd - m->weekday + 7) % 7;
            if (m->shift < 0 && delta == 0)
                delta = 7;
            day = tg->dct - delta;
        }
        iv = cl_interval_day(day);
        value = day_value_str(a, day);
        out->anchored = 1;
        break;
    }
    case TK_DCT:
    case TK_ANAPHOR: {
        if (m->years_back && tg->last_q) {
            int qy = tg->last_q_year - m->years_back;
            gran_interval(G_QUARTER, qy, 0, 0, tg->last_q, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-Q%d", qy, tg->last_q);
            value = cl_arena_strdup(a, buf);
            out->anchored = 1;
            break;
        }
        int32_t base = m->kind == TK_ANAPHOR && tg->anchor != CL_DAY_NONE ? tg->anchor : tg->dct;
        if (base == CL_DAY_NONE) {
            value = m->gran == G_DAY ? "XXXX-XX-XX" : m->gran == G_WEEK ? "XXXX-WXX"
                    : m->gran == G_MONTH ? "XXXX-XX" : "XXXX";
            break;
        }
        out->anchored = 1;
        int y, mo, d;
        cl_civil_from_days(base, &y, &mo, &d);
        switch (m->gran) {
        case G_DAY: {
            int32_t day = base + m->offset;
            iv = cl_interval_day(day);
            value = day_value_str(a, day);
            break;
        }
        case G_WEEK:
        case G_WEEKEND: {
            int32_t day = base + 7 * m->offset;
            int iy, w;
            cl_iso_week(day, &iy, &w);
            int32_t mon = cl_iso_week_monday(iy, w);
            if (m->gran == G_WEEKEND) {
                iv = (cl_interval){mon + 5, mon + 6};
                snprintf(buf, sizeof buf, "%04d-W%02d-WE", iy, w);
            } else {
                iv = (cl_interval){mon, mon + 6};
                snprintf(buf, sizeof buf, "%04d-W%02d", iy, w);
            }
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_MONTH: {
            int total = y * 12 + (mo - 1) + m->offset;
            int ny = total / 12, nm = total % 12 + 1;
            gran_interval(G_MONTH, ny, nm, 1, 0, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-%02d", ny, nm);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_QUARTER: {
            int q = m->quarter ? m->quarter : (mo - 1) / 3 + 1;
            int total = m->quarter ? (y + m->offset) * 4 + (q - 1)
                                   : y * 4 + (q - 1) + m->offset + m->sub;
            int ny = total / 4, nq = total % 4 + 1;
            gran_interval(G_QUARTER, ny, 0, 0, nq, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-Q%d", ny, nq);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_HALF: {
            int ny = y + m->offset;
            gran_interval(G_HALF, ny, 0, 0, m->quarter, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-H%d", ny, m->quarter);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_SEASON: {
            int ny = y + m->offset;
            gran_interval(G_SEASON, ny, 0, 0, 0, m->season, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-%s", ny, m->season);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_YEAR: {
            int ny = y + m->offset;
            gran_interval(G_YEAR, ny, 0, 0, 0, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d", ny);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_DECADE: {
            int dec = y / 10 + m->offset;
            gran_interval(G_DECADE, 0, 0, 0, 0, NULL, dec, &iv);
            snprintf(buf, sizeof buf, "%03d", dec);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_CENTURY: {
            int c = y / 100 + m->offset;
            snprintf(buf, sizeof buf, "%02d", c);
            value = cl_arena_strdup(a, buf);
            break;
        }
        default:
            value = "XXXX";
        }
        /* earlier this week: the part before the document date; later: after it */
        if (m->sub && m->gran != G_QUARTER && cl_interval_known(iv) && tg->dct != CL_DAY_NONE) {
            if (m->sub < 0 && tg->dct > iv.lo)
                iv.hi = tg->dct - 1 < iv.hi ? tg->dct - 1 : iv.hi;
            else if (m->sub > 0 && tg->dct < iv.hi)
                iv.lo = tg->dct + 1 > iv.lo ? tg->dct + 1 : iv.lo;
        }
        break;
    }
    }
    apply_mod(m->mod, &iv);
    /* Times: the day plus T + part of day or clock time. */
    if (m->type == CL_TIMEX_TIME) {
        const char *day = value ? value : "XXXX-XX-XX";
        if (m->part)
            snprintf(buf, sizeof buf, "%sT%s", day, m->part);
        else
            snprintf(buf, sizeof buf, "%sT%02d:%02d", day, m->hour, m->minute);
        value = cl_arena_strdup(a, buf);
    }
    out->value = value ? value : "XXXX-XX-XX";
    out->mod = m->mod;
    out->when = iv;
}
