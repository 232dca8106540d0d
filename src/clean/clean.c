/* clean.c - line classifier for plain-text articles; see clean.h.
 *
 * The passes run in a fixed order, each only looking at lines not yet removed unless it
 * says otherwise:
 *   1. measure every line (words, terminal punctuation, bullets, headline shape)
 *   2. phrase table: nav/promo/footer/notice/credits/caption phrases
 *   3. photo credits ("... Image: Agency/dpa") and the short caption title above them
 *   4. promo blocks: bullet runs with subscription vocabulary and their heading
 *   5. header zone: nav lines, the title and its duplicates
 *   6. repeated lines
 *   7. "Read more" teaser blocks, walking back from the marker
 *   8. stacked headlines: a headline followed by another headline teases another story
 *   9. injected stories: a mid-article headline with a list marker or a duplicate, plus the
 *      paragraph under it that repeats the headline's words
 *  10. dateline of the first paragraph
 */
#include "clean/clean.h"

#include <string.h>

#include "context.h"
#include "doc.h"
#include "util/error.h"
#include "util/text.h"
#include "util/utf8.h"

static const char *const removal_names[] = {
    [CL_RM_NONE] = "none",         [CL_RM_NAV] = "nav",
    [CL_RM_PROMO] = "promo",       [CL_RM_TEASER] = "teaser",
    [CL_RM_CAPTION] = "caption",   [CL_RM_FOOTER] = "footer",
    [CL_RM_DUPLICATE_TITLE] = "duplicate-title",
    [CL_RM_TITLE] = "title",       [CL_RM_INJECTED] = "injected",
    [CL_RM_CREDITS] = "credits",   [CL_RM_NOTICE] = "notice",
    [CL_RM_REPEATED] = "repeated",
};

const char *cl_removal_name(int reason)
{
    if (reason < 0 || reason > CL_RM_REPEATED)
        return "unknown";
    return removal_names[reason];
}

static int reason_from_name(const char *s)
{
    for (int i = 1; i <= CL_RM_REPEATED; i++)
        if (strcmp(s, removal_names[i]) == 0)
            return i;
    return -1;
}

cl_status cl_clean_tables_load(cl_clean_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "boilerplate.tsv", 3, &tab, err);
    if (st != CL_OK)
        return st;
    t->phrases = cl_arena_zalloc(a, sizeof(cl_bp_phrase) * (tab.nrows + 1));
    t->n_phrases = 0;
    cl_strmap_init(&t->whole_lines, a, tab.nrows);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *m = cl_table_cell(&tab, r, 0), *p = cl_table_cell(&tab, r, 1);
        int reason = reason_from_name(cl_table_cell(&tab, r, 2));
        int match = strcmp(m, "line") == 0       ? CL_BP_LINE
                    : strcmp(m, "prefix") == 0   ? CL_BP_PREFIX
                    : strcmp(m, "suffix") == 0   ? CL_BP_SUFFIX
                    : strcmp(m, "contains") == 0 ? CL_BP_CONTAINS
                                                 : -1;
        if (reason < 0 || match < 0 || !*p)
            return cl_error_set(err, CL_EFORMAT, "boilerplate.tsv", tab.lines[r], 0,
                                "boilerplate.tsv line %u: bad match or reason", tab.lines[r]);
        cl_bp_phrase *ph = &t->phrases[t->n_phrases];
        char *lower = cl_arena_strdup(a, p); /* matched against lower-cased lines */
        for (char *q = lower; *q; q++)
            *q = cl_lower(*q);
        ph->phrase = lower;
        ph->len = (uint32_t)strlen(p);
        ph->match = (uint8_t)match;
        ph->reason = (uint8_t)reason;
        if (match == CL_BP_LINE)
            cl_strmap_put(&t->whole_lines, a, p, ph->len, t->n_phrases);
        t->n_phrases++;
    }
    return CL_OK;
}

/* ---------------------------------------------------------------- line measurements */

typedef struct line_info {
    uint32_t start, end;     /* trimmed span in the input */
    uint32_t words;
    uint8_t blank;
    uint8_t terminal;        /* ends a sentence: . ! ? (possibly inside closing quotes) */
    uint8_t ellipsis;        /* ends with ... or the ellipsis character */
    uint8_t colon;           /* ends with ':' */
    uint8_t bullet;          /* starts with a bullet character */
    uint8_t headline;        /* headline-shaped */
    uint8_t paragraph;       /* content-paragraph-shaped */
    uint8_t reason;          /* cl_removal, 0 = kept */
    uint8_t title;           /* 1 when this line is the title */
} line_info;

/* Decodes the code point that ends at s[end) (walking back over continuation bytes). */
static uint32_t last_cp(const char *s, uint32_t start, uint32_t end, uint32_t *cp_start)
{
    uint32_t i = end;
    while (i > start) {
        i--;
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            break;
    }
    uint32_t cp = 0;
    if (!cl_utf8_decode((const unsigned char *)s + i, end - i, &cp))
        cp = (unsigned char)s[end - 1];
    *cp_start = i;
    return cp;
}

static uint32_t first_cp(const char *s, uint32_t start, uint32_t end, uint32_t *len)
{
    uint32_t cp = 0;
    size_t k = cl_utf8_decode((const unsigned char *)s + start, end - start, &cp);
    *len = k ? (uint32_t)k : 1;
    return k ? cp : (unsigned char)s[start];
}

static int is_bullet_cp(uint32_t cp)
{
    return cp == 0x2022 || cp == 0x00B7 || cp == 0x25AA || cp == 0x25CF || cp == 0x25BA ||
           cp == 0x25B8 || cp == 0x2023 || cp == 0x2043 || cp == 0x2219 || cp == '*' ||
           cp == 0x25E6;
}

static void measure_line(const char *s, line_info *li)
{
    size_t a = li->start, b = li->end;
    cl_trim(s, &a, &b);
    li->start = (uint32_t)a;
    li->end = (uint32_t)b;
    if (li->start >= li->end) {
        li->blank = 1;
        return;
    }
    uint32_t words = 0;
    int in_word = 0;
    for (uint32_t i = li->start; i < li->end; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in_word)
            words++;
        in_word = !sp;
    }
    li->words = words;
    uint32_t flen;
    uint32_t f = first_cp(s, li->start, li->end, &flen);
    li->bullet = (uint8_t)(is_bullet_cp(f) ||
                           ((f == '-' || f == 0x2013) && li->start + flen < li->end &&
                            s[li->start + flen] == ' '));
    /* Terminal punctuation, looking through closing quotes and brackets. */
    uint32_t e = li->end, cps;
    for (int k = 0; k < 3 && e > li->start; k++) {
        uint32_t cp = last_cp(s, li->start, e, &cps);
        if (cl_cp_is_quote(cp) || cl_cp_is_apostrophe(cp) || cp == ')' || cp == ']') {
            e = cps;
            continue;
        }
        if (cp == 0x2026 || (cp == '.' && e - li->start >= 3 && s[e - 2] == '.' && s[e - 3] == '.'))
            li->ellipsis = 1;
        li->terminal = (uint8_t)(cp == '.' || cp == '!' || cp == '?' || cp == 0x2026);
        li->colon = (uint8_t)(cp == ':');
        break;
    }
    int starts_upper = cl_cp_is_upper(f) || cl_is_digit((char)f) || cl_cp_is_quote(f);
    uint32_t last = last_cp(s, li->start, li->end, &cps);
    int ends_clause = last == '.' || last == ',' || last == ';' || last == ':';
    li->headline = (uint8_t)(!li->bullet && starts_upper && words >= 2 && words <= 25 &&
                             li->end - li->start <= 220 && !ends_clause && !li->ellipsis);
    li->paragraph = (uint8_t)(!li->bullet && ((words >= 8 && li->terminal) || words >= 20));
}

/* ---------------------------------------------------------------- helpers */

/* Compares two lines case-insensitively after skipping a one-word "Label:" prefix. */
static void dup_key_span(const char *s, const line_info *li, uint32_t *a, uint32_t *b)
{
    uint32_t i = li->start;
    while (i < li->end && s[i] != ' ' && s[i] != ':')
        i++;
    if (i < li->end && s[i] == ':' && i + 1 < li->end && s[i + 1] == ' ')
        *a = i + 2;
    else
        *a = li->start;
    *b = li->end;
}

static int lines_equal(const char *s, const line_info *x, const line_info *y, int strip_label)
{
    uint32_t xa = x->start, xb = x->end, ya = y->start, yb = y->end;
    if (strip_label) {
        dup_key_span(s, x, &xa, &xb);
        dup_key_span(s, y, &ya, &yb);
    }
    if (xb - xa != yb - ya)
        return 0;
    for (uint32_t i = 0; i < xb - xa; i++)
        if (cl_lower(s[xa + i]) != cl_lower(s[ya + i]))
            return 0;
    return 1;
}

static int next_nonblank(const line_info *L, int n, int i)
{
    for (int j = i + 1; j < n; j++)
        if (!L[j].blank)
            return j;
    return -1;
}

static int prev_nonblank(const line_info *L, int i)
{
    for (int j = i - 1; j >= 0; j--)
        if (!L[j].blank)
            return j;
    return -1;
}

/* ---------------------------------------------------------------- passes */

static void pass_phrases(const cl_clean_tables *t, const char *s, line_info *L, int n)
{
    for (int i = 0; i < n; i++) {
        line_info *li = &L[i];
        if (li->blank)
            continue;
        /* Whole-line phrases: ignore trailing punctuation and arrows. */
        uint32_t e = li->end;
        while (e > li->start && (s[e - 1] == ':' || s[e - 1] == '.' || s[e - 1] == '!' ||
                                 s[e - 1] == '>' || s[e - 1] == ' '))
            e--;
        uint32_t idx;
        if (cl_strmap_get(&t->whole_lines, s + li->start, e - li->start, &idx)) {
            li->reason = t->phrases[idx].reason;
            continue;
        }
        size_t len = li->end - li->start;
        const char *p = s + li->start;
        /* chrome is short: phrases inside a line are looked for in short lines only, in a
         * lower-cased copy */
        int short_line = li->words <= 30 || li->bullet;
        char low[512];
        size_t low_len = 0;
        if (short_line && len < sizeof low) {
            for (size_t c = 0; c < len; c++)
                low[c] = cl_lower(p[c]);
            low_len = len;
        }
        for (uint32_t k = 0; k < t->n_phrases && !li->reason; k++) {
            const cl_bp_phrase *ph = &t->phrases[k];
            switch (ph->match) {
            case CL_BP_PREFIX:
                if ((short_line || ph->reason == CL_RM_CREDITS) && cl_starts_ci(p, len, ph->phrase))
                    li->reason = ph->reason;
                break;
            case CL_BP_SUFFIX:
                if (len >= ph->len && li->words <= 120 &&
                    cl_eq_ci(p + len - ph->len, ph->len, ph->phrase))
                    li->reason = ph->reason;
                break;
            case CL_BP_CONTAINS:
                if (low_len && memmem(low, low_len, ph->phrase, ph->len))
                    li->reason = ph->reason;
                break;
            default:
                break;
            }
        }
    }
}

/* "... Image: Maxar Technologies/dpa", "Photo: Jane Roe/Agency": a credit label followed
 * by a few words at the end of the line. */
static int has_photo_credit(const char *s, const line_info *li)
{
    static const char *const labels[] = {"Image:", "Photo:", "Photograph:", "Picture:",
                                         "Photo by", "Photos:", "Credit:", "Pictured:",
                                         "Foto:", NULL};
    size_t len = li->end - li->start;
    const char *p = s + li->start;
    /* a credit closes the line: look at its last 160 bytes only */
    if (len > 160) {
        p += len - 160;
        len = 160;
    }
    /* every label but "Photo by" ends in a colon: most lines have none */
    int colon = memchr(p, ':', len) != NULL;
    for (const char *const *l = labels; *l; l++) {
        if (!colon && (*l)[strlen(*l) - 1] == ':')
            continue;
        long at = cl_find_ci(p, len, *l);
        while (at >= 0) {
            /* count words after the label */
            uint32_t words = 0;
            int in = 0;
            for (size_t i = (size_t)at + strlen(*l); i < len; i++) {
                int sp = p[i] == ' ';
                if (!sp && !in)
                    words++;
                in = !sp;
            }
            if (words >= 1 && words <= 8 && (at == 0 || p[at - 1] == ' ' || p[at - 1] == '.'))
                return 1;
            long next = cl_find_ci(p + at + 1, len - (size_t)at - 1, *l);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }
    return 0;
}

static void pass_captions(const char *s, line_info *L, int n)
{
    for (int i = 0; i < n; i++) {
        if (L[i].blank || L[i].reason)
            continue;
        if (has_photo_credit(s, &L[i]))
            L[i].reason = CL_RM_CAPTION;
    }
    /* The short title line shown above a caption belongs to it. */
    for (int i = 0; i < n; i++) {
        if (L[i].reason != CL_RM_CAPTION)
            continue;
        int p = prev_nonblank(L, i);
        if (p >= 0 && !L[p].reason && L[p].headline && L[p].words <= 10 && !L[p].terminal &&
            p == i - 1)
            L[p].reason = CL_RM_CAPTION;
    }
}

static void pass_promo_blocks(const char *s, line_info *L, int n)
{
    int i = 0;
    while (i < n) {
        if (L[i].blank || !L[i].bullet) {
            i++;
            continue;
        }
        /* A run of bullet lines (blank lines and short headings allowed in between). */
        int a = i, b = i, bullets = 0, promo = 0;
        for (int j = i; j < n; j++) {
            if (L[j].blank)
                continue;
            if (L[j].bullet) {
                bullets++;
                promo += L[j].reason == CL_RM_PROMO;
                b = j;
            } else if (L[j].words <= 4 && !L[j].terminal) {
                continue; /* a repeated block heading such as "Newsweek cover" */
            } else {
                break;
            }
        }
        if (bullets >= 2 && promo * 2 >= bullets) {
            for (int j = a; j <= b; j++)
                if (!L[j].blank && !L[j].reason)
                    L[j].reason = CL_RM_PROMO;
            int p = prev_nonblank(L, a);
            if (p >= 0 && !L[p].reason && L[p].words <= 5 && !L[p].terminal)
                L[p].reason = CL_RM_PROMO;
            /* a heading right after the block that repeats the block's heading */
            int q = next_nonblank(L, n, b);
            if (q >= 0 && !L[q].reason && L[q].words <= 4 && !L[q].terminal && !L[q].paragraph)
                L[q].reason = CL_RM_PROMO;
        }
        i = b + 1;
    }
    (void)s;
}

/* Lines before the first content paragraph: nav crumbs, the title, its duplicates. */
static int pass_header(cl_doc *doc, const char *s, line_info *L, int n)
{
    int first_para = -1;
    for (int i = 0; i < n; i++) {
        if (!L[i].blank && !L[i].reason && L[i].paragraph) {
            first_para = i;
            break;
        }
    }
    if (first_para < 0)
        first_para = n;
    int title = -1, content_seen = 0;
    for (int i = 0; i < first_para; i++) {
        line_info *li = &L[i];
        if (li->blank || li->reason)
            continue;
        if (doc->title && !*doc->title)
            doc->title = NULL;
        /* a title comes before any text: after a line of text, headlines are subheadings */
        if (title < 0 && li->headline && li->words >= 3 && !content_seen) {
            title = i;
            li->title = 1;
            li->reason = CL_RM_TITLE;
        } else if (title >= 0 && lines_equal(s, li, &L[title], 1)) {
            li->reason = CL_RM_DUPLICATE_TITLE;
        } else if (li->words <= 4 && !li->terminal) {
            li->reason = CL_RM_NAV;
        } else if (li->words <= 6 && cl_starts_ci(s + li->start, li->end - li->start, "by ")) {
            li->reason = CL_RM_CREDITS;
        } else if (!li->headline) {
            content_seen = 1;
        }
    }
    if (title >= 0 && !doc->title) {
        uint32_t a, b;
        dup_key_span(s, &L[title], &a, &b);
        doc->title = cl_arena_strndup(&doc->arena, s + a, b - a);
        doc->title_line = (uint32_t)title + 1;
    }
    return first_para;
}

/* Lines that repeat an earlier line (case-insensitive, a one-word "Label:" ignored): a
 * hash map from the line to its first occurrence keeps this linear. */
static void pass_repeated(cl_doc *doc, const char *s, line_info *L, int n)
{
    cl_strmap seen;
    cl_strmap_init(&seen, &doc->arena, (uint32_t)n);
    for (int i = 0; i < n; i++) {
        if (L[i].blank || L[i].words < 2)
            continue;
        uint32_t a, b, j;
        dup_key_span(s, &L[i], &a, &b);
        if (!cl_strmap_get(&seen, s + a, b - a, &j)) {
            cl_strmap_put(&seen, &doc->arena, s + a, b - a, (uint32_t)i);
            continue;
        }
        if (!L[i].reason)
            L[i].reason = (L[j].title || L[j].reason == CL_RM_DUPLICATE_TITLE)
                              ? CL_RM_DUPLICATE_TITLE
                              : CL_RM_REPEATED;
    }
}

static void pass_read_more(line_info *L, int n)
{
    for (int i = 0; i < n; i++) {
        if (L[i].reason != CL_RM_TEASER || L[i].words > 4)
            continue;
        for (int j = prev_nonblank(L, i); j >= 0; j = prev_nonblank(L, j)) {
            if (L[j].reason && !L[j].title)
                continue;
            if (L[j].title)
                break;
            if (L[j].headline || L[j].ellipsis)
                L[j].reason = CL_RM_TEASER;
            else
                break;
        }
    }
}

/* A headline directly followed by another headline (or ending the page) is a teaser of
 * another story; a headline introducing its own paragraph is a live-blog subheading. */
static void pass_stacked(line_info *L, int n, int first_para)
{
    for (int i = first_para; i < n; i++) {
        if (L[i].blank || L[i].reason || !L[i].headline || L[i].paragraph)
            continue;
        int j = next_nonblank(L, n, i);
        if (j < 0 || (L[j].headline && !L[j].paragraph && !L[j].bullet &&
                      L[j].reason != CL_RM_CAPTION))
            L[i].reason = CL_RM_TEASER;
    }
}

static int is_stop_word(const char *w, size_t n)
{
    static const char *const stop[] = {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "as",
        "by", "from", "is", "are", "was", "were", "be", "has", "have", "had", "its", "it",
        "his", "her", "their", "that", "this", "after", "over", "into", "not", "will", "new",
        NULL};
    for (const char *const *p = stop; *p; p++)
        if (cl_eq_ci(w, n, *p))
            return 1;
    return 0;
}

static int is_word_byte(char c) { return cl_is_ascii_alpha(c) || ((unsigned char)c & 0x80); }

/* Does line b contain a word starting with the stem (case-insensitive)? */
static int line_has_word_prefix(const char *s, const line_info *b, const char *stem, size_t n)
{
    for (uint32_t k = b->start; k + n <= b->end; k++) {
        if (k > b->start && is_word_byte(s[k - 1]))
            continue;
        size_t m = 0;
        while (m < n && cl_lower(s[k + m]) == cl_lower(stem[m]))
            m++;
        if (m == n)
            return 1;
    }
    return 0;
}

/* Number of content words of line a (compared by their first six bytes, so "Sanctions"
 * meets "sanctions" and "Ukraine's" meets "Ukrainian") that also occur in line b. */
static int shared_words(const char *s, const line_info *a, const line_info *b)
{
    int shared = 0;
    uint32_t i = a->start;
    while (i < a->end) {
        while (i < a->end && !is_word_byte(s[i]))
            i++;
        uint32_t w = i;
        while (i < a->end && is_word_byte(s[i]))
            i++;
        size_t len = i - w;
        if (len < 3 || is_stop_word(s + w, len))
            continue;
        if (line_has_word_prefix(s, b, s + w, len > 6 ? 6 : len))
            shared++;
    }
    return shared;
}

static void pass_injected(const char *s, line_info *L, int n, int first_para)
{
    for (int i = first_para; i < n; i++) {
        if (L[i].blank || !L[i].headline || L[i].title)
            continue;
        if (L[i].reason != CL_RM_TEASER && L[i].reason != CL_RM_REPEATED)
            continue;
        /* The block: this headline and the removed lines right after it. */
        int end = i, marker = 0, repeated = 0;
        for (int j = next_nonblank(L, n, i); j >= 0 && L[j].reason; j = next_nonblank(L, n, j)) {
            if (L[j].reason == CL_RM_NAV)
                marker = 1;
            if (L[j].reason == CL_RM_REPEATED || lines_equal(s, &L[i], &L[j], 1))
                repeated = 1;
            end = j;
        }
        if (!marker && !repeated)
            continue;
        int q = next_nonblank(L, n, end);
        if (q < 0 || L[q].reason || !L[q].paragraph)
            continue;
        if (shared_words(s, &L[i], &L[q]) < 2)
            continue;
        for (int j = i; j <= end; j++)
            if (!L[j].blank && (L[j].reason == CL_RM_TEASER || L[j].reason == CL_RM_REPEATED))
                L[j].reason = CL_RM_INJECTED;
        L[q].reason = CL_RM_INJECTED;
        i = q;
    }
}

/* "KYIV (Reuters) -", "MOSCOW, Jan 13 (AP) —", "WASHINGTON -": an upper-case place, an
 * optional date, an optional agency in parentheses, then a dash. */
static void find_dateline(cl_doc *doc, const char *text, uint32_t start, uint32_t end)
{
    uint32_t i = start;
    while (i < end && (cl_is_ascii_upper(text[i]) || text[i] == ' ' || text[i] == '.' ||
                       text[i] == '\'' || text[i] == '-'))
        i++;
    /* the place: at least 3 upper-case letters, no lower case */
    uint32_t place_end = i;
    while (place_end > start && (text[place_end - 1] == ' ' || text[place_end - 1] == '-'))
        place_end--;
    if (place_end < start + 3)
        return;
    uint32_t j = place_end;
    /* optional ", Ukraine" / ", Jan 13" */
    if (j < end && text[j] == ',') {
        uint32_t k = j + 1;
        while (k < end && k < j + 40 && text[k] != '(' && text[k] != '-' &&
               (unsigned char)text[k] != 0xE2)
            k++;
        j = k;
    }
    while (j < end && text[j] == ' ')
        j++;
    const char *outlet = NULL;
    uint32_t outlet_len = 0;
    if (j < end && text[j] == '(') {
        uint32_t k = j + 1;
        while (k < end && text[k] != ')' && k < j + 40)
            k++;
        if (k >= end || text[k] != ')')
            return;
        outlet = text + j + 1;
        outlet_len = k - j - 1;
        j = k + 1;
    }
    while (j < end && text[j] == ' ')
        j++;
    /* the dash: - or -- or – or — */
    uint32_t dash_len = 0;
    if (j < end && text[j] == '-')
        dash_len = (j + 1 < end && text[j + 1] == '-') ? 2 : 1;
    else if (j + 2 < end && (unsigned char)text[j] == 0xE2 && (unsigned char)text[j + 1] == 0x80 &&
             ((unsigned char)text[j + 2] == 0x93 || (unsigned char)text[j + 2] == 0x94))
        dash_len = 3;
    if (!dash_len || (!outlet && place_end - start < 4))
        return;
    j += dash_len;
    while (j < end && text[j] == ' ')
        j++;
    doc->dateline = (cl_span){start, j};
    /* Title-case the place: "KYIV" -> "Kyiv". */
    char *place = cl_arena_strndup(&doc->arena, text + start, place_end - start);
    for (char *p = place + 1; *p; p++)
        if (p[-1] != ' ' && p[-1] != '-')
            *p = cl_lower(*p);
    doc->dateline_place = place;
    if (outlet && outlet_len)
        doc->dateline_outlet = cl_arena_strndup(&doc->arena, outlet, outlet_len);
}

/* ---------------------------------------------------------------- driver */

static void add_removed(cl_doc *doc, const char *s, const line_info *li, int lineno)
{
    cl_removed_line *r = &CL_VEC_PUSH(&doc->arena, doc->removed);
    r->line = (uint32_t)lineno;
    r->reason = (cl_removal)li->reason;
    r->text = cl_arena_strndup(&doc->arena, s + li->start, li->end - li->start);
}

void cl_clean_run(cl_doc *doc, uint32_t body_offset)
{
    const char *s = doc->input;
    uint32_t len = doc->input_len;
    /* Split into lines. */
    int n = 1;
    for (uint32_t i = 0; i < len; i++)
        n += s[i] == '\n';
    line_info *L = cl_arena_zalloc(&doc->arena, sizeof(line_info) * (size_t)n);
    uint32_t pos = 0;
    for (int i = 0; i < n; i++) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        uint32_t e = nl ? (uint32_t)(nl - s) : len;
        L[i].start = (i == 0 && body_offset <= e) ? body_offset : pos;
        L[i].end = e;
        pos = e + 1;
    }
    if (doc->flags & CL_EXTRACT_NO_CLEAN) {
        /* Verbatim: the text is the input; every line maps to itself. */
        doc->text = s;
        doc->text_len = len;
        pos = 0;
        for (int i = 0; i < n; i++) {
            const char *nl = memchr(s + pos, '\n', len - pos);
            uint32_t e = nl ? (uint32_t)(nl - s) : len;
            cl_line_map *m = &CL_VEC_PUSH(&doc->arena, doc->lines);
            m->text_start = pos;
            m->text_end = e;
            m->line = (uint32_t)i + 1;
            m->input_start = pos;
            pos = e + 1;
        }
        doc->body_start = body_offset;
        for (int i = 0; i < n; i++)
            measure_line(s, &L[i]);
        for (int i = 0; i < n; i++) {
            if (!L[i].blank) {
                find_dateline(doc, s, L[i].start, L[i].end);
                break;
            }
        }
        return;
    }

    const cl_clean_tables *t = &doc->ctx->clean;
    for (int i = 0; i < n; i++)
        measure_line(s, &L[i]);
    pass_phrases(t, s, L, n);
    pass_captions(s, L, n);
    pass_promo_blocks(s, L, n);
    int first_para = pass_header(doc, s, L, n);
    pass_repeated(doc, s, L, n);
    pass_read_more(L, n);
    pass_stacked(L, n, first_para);
    pass_injected(s, L, n, first_para);

    /* Build the cleaned text: kept lines, "\n" between adjacent input lines, "\n\n" across
     * a gap (blank or removed lines). */
    size_t cap = len + 2 * (size_t)n + 1;
    char *out = cl_arena_alloc(&doc->arena, cap);
    uint32_t o = 0;
    int prev_kept = -2;
    for (int i = 0; i < n; i++) {
        if (L[i].blank)
            continue;
        if (L[i].reason) {
            add_removed(doc, s, &L[i], i + 1);
            continue;
        }
        if (o > 0) {
            out[o++] = '\n';
            if (prev_kept != i - 1)
                out[o++] = '\n';
        }
        cl_line_map *m = &CL_VEC_PUSH(&doc->arena, doc->lines);
        m->text_start = o;
        m->line = (uint32_t)i + 1;
        m->input_start = L[i].start;
        memcpy(out + o, s + L[i].start, L[i].end - L[i].start);
        o += L[i].end - L[i].start;
        m->text_end = o;
        prev_kept = i;
    }
    out[o] = '\0';
    doc->text = out;
    doc->text_len = o;
    doc->body_start = 0;
    if (doc->lines.n > 0)
        find_dateline(doc, out, doc->lines.v[0].text_start, doc->lines.v[0].text_end);
}
