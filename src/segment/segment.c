/* segment.c - tokenizer and sentence splitter; see segment.h. */
#include "segment/segment.h"

#include <string.h>

#include "data/table.h"
#include "context.h"
#include "doc.h"
#include "util/error.h"
#include "util/text.h"
#include "util/utf8.h"

cl_status cl_segment_tables_load(cl_segment_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "abbreviations.tsv", 2, &tab, err);
    if (st != CL_OK)
        return st;
    cl_strmap_init(&t->abbrevs, a, tab.nrows);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *ab = cl_table_cell(&tab, r, 0), *cls = cl_table_cell(&tab, r, 1);
        uint32_t c = strcmp(cls, "title") == 0   ? CL_ABBR_TITLE
                     : strcmp(cls, "month") == 0 ? CL_ABBR_MONTH
                     : strcmp(cls, "other") == 0 ? CL_ABBR_OTHER
                                                 : 0;
        if (!c)
            return cl_error_set(err, CL_EFORMAT, "abbreviations.tsv", tab.lines[r], 0,
                                "abbreviations.tsv line %u: unknown class %s", tab.lines[r], cls);
        cl_strmap_put(&t->abbrevs, a, ab, strlen(ab), c);
    }
    return CL_OK;
}

uint32_t cl_doc_line_at(const cl_doc *doc, uint32_t off)
{
    uint32_t lo = 0, hi = doc->lines.n;
    if (hi == 0)
        return 0;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (doc->lines.v[mid].text_start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return doc->lines.v[lo].line;
}

/* ---------------------------------------------------------------- tokenizer */

typedef struct scan {
    const unsigned char *s;
    uint32_t len;
} scan;

static inline uint32_t cp_at(const scan *sc, uint32_t pos, uint32_t *k)
{
    if (sc->s[pos] < 0x80) { /* most text is ASCII: no decoding */
        *k = 1;
        return sc->s[pos];
    }
    uint32_t cp;
    size_t n = cl_utf8_decode(sc->s + pos, sc->len - pos, &cp);
    if (n == 0) {
        *k = 1;
        return 0xFFFD;
    }
    *k = (uint32_t)n;
    return cp;
}

static inline int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9');
    return cl_cp_is_alpha(cp);
}

/* Scans a word starting at pos; returns its end. Sets *hyph when it has internal hyphens. */
static uint32_t scan_word(const scan *sc, uint32_t pos, int *hyph)
{
    uint32_t i = pos, k;
    for (;;) {
        while (i < sc->len && is_word_cp(cp_at(sc, i, &k)))
            i += k;
        if (i >= sc->len)
            break;
        uint32_t cp = cp_at(sc, i, &k);
        uint32_t k2;
        if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && i + k < sc->len &&
            is_word_cp(cp_at(sc, i + k, &k2))) {
            *hyph = 1;
            i += k;
            continue;
        }
        if (cl_cp_is_apostrophe(cp) && i + k < sc->len && cl_cp_is_alpha(cp_at(sc, i + k, &k2))) {
            /* 's (possessive) is split off; other apostrophes (don't, O'Brien) stay. */
            uint32_t after = i + k + k2;
            uint32_t c2 = cp_at(sc, i + k, &k2);
            int poss = (c2 == 's' || c2 == 'S') && (after >= sc->len || !is_word_cp(cp_at(sc, after, &k2)));
            if (poss)
                break;
            i += k;
            continue;
        }
        break;
    }
    return i;
}

/* U.S. / U.N. / a.m.: single letters joined by periods, starting at pos. Returns the end
 * (after the last period) or 0. */
static uint32_t scan_initialism(const scan *sc, uint32_t pos)
{
    uint32_t i = pos, letters = 0;
    while (i + 1 < sc->len && cl_is_ascii_alpha((char)sc->s[i]) && sc->s[i + 1] == '.') {
        letters++;
        i += 2;
    }
    if (letters >= 2 && (i >= sc->len || !cl_is_ascii_alpha((char)sc->s[i])))
        return i;
    return 0;
}

static uint32_t scan_number(const scan *sc, uint32_t pos)
{
    uint32_t i = pos, k;
    while (i < sc->len) {
        char c = (char)sc->s[i];
        if (cl_is_digit(c)) {
            i++;
        } else if ((c == ',' || c == '.' || c == ':') && i + 1 < sc->len &&
                   cl_is_digit((char)sc->s[i + 1])) {
            i++;
        } else {
            break;
        }
    }
    /* 76th, 105mm, 1990s, 3km */
    while (i < sc->len && cl_cp_is_alpha(cp_at(sc, i, &k)))
        i += k;
    return i;
}

static void push_token(cl_doc *doc, uint32_t start, uint32_t end, uint16_t kind, uint16_t flags)
{
    cl_token *t = &CL_VEC_PUSH(&doc->arena, doc->tokens);
    t->start = start;
    t->end = end;
    t->kind = kind;
    t->flags = flags;
}

static int all_caps(const scan *sc, uint32_t a, uint32_t b)
{
    int letters = 0;
    for (uint32_t i = a, k; i < b; i += k) {
        uint32_t cp = cp_at(sc, i, &k);
        if (cl_cp_is_lower(cp))
            return 0;
        letters += cl_cp_is_upper(cp);
    }
    return letters >= 2;
}

static void tokenize(cl_doc *doc)
{
    const cl_segment_tables *t = &doc->ctx->segment;
    scan sc = {(const unsigned char *)doc->text, doc->text_len};
    uint32_t pos = doc->body_start;
    int newlines = 2; /* the text start counts as a paragraph start */
    int space = 1;
    while (pos < sc.len) {
        uint32_t k;
        uint32_t cp = cp_at(&sc, pos, &k);
        if (cl_cp_is_space(cp)) {
            if (cp == '\n')
                newlines++;
            space = 1;
            pos += k;
            continue;
        }
        /* the dateline ("KYIV, Jan. 13 (Reuters) -") is its own segment: its date is
         * tagged, and no sentence runs across it */
        if (doc->dateline.end > doc->dateline.start && pos == doc->dateline.end)
            newlines = 2;
        uint16_t flags = 0;
        if (newlines >= 1)
            flags |= CL_TF_LINE_START;
        if (newlines >= 2)
            flags |= CL_TF_PARA_START;
        if (!space)
            flags |= CL_TF_NOSPACE;
        newlines = 0;
        space = 0;
        uint32_t start = pos;
        if (cl_cp_is_alpha(cp)) {
            uint32_t ini = scan_initialism(&sc, pos);
            if (ini) {
                push_token(doc, start, ini, CL_TOK_WORD,
                           (uint16_t)(flags | CL_TF_ABBREV | CL_TF_CAP | CL_TF_ALLCAPS));
                pos = ini;
                continue;
            }
            int hyph = 0;
            uint32_t end = scan_word(&sc, pos, &hyph);
            if (cl_cp_is_upper(cp))
                flags |= CL_TF_CAP;
            if (all_caps(&sc, start, end))
                flags |= CL_TF_ALLCAPS;
            if (hyph)
                flags |= CL_TF_HYPHENATED;
            /* A period after an abbreviation or an initial belongs to the word. */
            if (end < sc.len && sc.s[end] == '.') {
                uint32_t cls;
                if (end - start == 1 && cl_cp_is_upper(cp)) {
                    flags |= CL_TF_ABBREV | CL_TF_INITIAL;
                    end++;
                } else if (cl_strmap_get(&t->abbrevs, doc->text + start, end + 1 - start, &cls)) {
                    flags |= CL_TF_ABBREV;
                    end++;
                }
            }
            push_token(doc, start, end, CL_TOK_WORD, flags);
            pos = end;
            /* possessive 's or ' */
            if (pos < sc.len) {
                uint32_t c2 = cp_at(&sc, pos, &k), k2;
                if (cl_cp_is_apostrophe(c2)) {
                    uint32_t after = pos + k;
                    uint32_t c3 = after < sc.len ? cp_at(&sc, after, &k2) : 0;
                    if ((c3 == 's' || c3 == 'S') &&
                        (after + 1 >= sc.len || !is_word_cp(cp_at(&sc, after + 1, &k2)))) {
                        push_token(doc, pos, after + 1, CL_TOK_POSS, CL_TF_NOSPACE);
                        pos = after + 1;
                    } else if ((sc.s[end - 1] == 's') &&
                               (after >= sc.len || cl_cp_is_space(c3) || c3 == ',' || c3 == '.')) {
                        push_token(doc, pos, after, CL_TOK_POSS, CL_TF_NOSPACE);
                        pos = after;
                    }
                }
            }
            continue;
        }
        if (cp >= '0' && cp <= '9') {
            uint32_t end = scan_number(&sc, pos);
            push_token(doc, start, end, CL_TOK_NUMBER, flags);
            pos = end;
            continue;
        }
        if (cl_cp_is_quote(cp) || cl_cp_is_apostrophe(cp) || (cp == '`' && pos + 1 < sc.len && sc.s[pos + 1] == '`')) {
            /* two apostrophes or backticks are one double quote mark (''like this'') */
            uint32_t end = pos + k, k2;
            /* three apostrophes close a single quote and then a double one after a word
             * (''... 'like this''') and open them in the other order before one */
            int closing_triple = cp == '\'' && pos + 2 < sc.len && sc.s[pos + 1] == '\'' &&
                                 sc.s[pos + 2] == '\'' && (flags & CL_TF_NOSPACE);
            if (!closing_triple && end < sc.len && cp_at(&sc, end, &k2) == cp &&
                (cp == '\'' || cp == '`'))
                end += k2;
            push_token(doc, start, end, CL_TOK_QUOTE, flags);
            pos = end;
            continue;
        }
        if (cl_cp_is_dash(cp)) {
            uint32_t end = pos + k, k2;
            while (end < sc.len && cl_cp_is_dash(cp_at(&sc, end, &k2)))
                end += k2;
            push_token(doc, start, end, CL_TOK_DASH, flags);
            pos = end;
            continue;
        }
        if (cp == '.' && pos + 2 < sc.len && sc.s[pos + 1] == '.' && sc.s[pos + 2] == '.') {
            uint32_t end = pos + 3;
            while (end < sc.len && sc.s[end] == '.')
                end++;
            push_token(doc, start, end, CL_TOK_PUNCT, flags);
            pos = end;
            continue;
        }
        if (cp == 0x2022 || cp == 0x25AA || cp == 0x25CF || cp == 0x00B7 || cp == 0x25BA) {
            push_token(doc, start, pos + k, CL_TOK_PUNCT, (uint16_t)(flags | CL_TF_BULLET));
            pos += k;
            continue;
        }
        uint16_t kind = (cp < 0x80 && strchr(".,;:!?()[]{}", (int)cp)) || cp == 0x2026
                            ? CL_TOK_PUNCT
                            : CL_TOK_SYMBOL;
        push_token(doc, start, pos + k, kind, flags);
        pos += k;
    }
}

/* ---------------------------------------------------------------- quotes */

static int tok_is(const cl_doc *doc, uint32_t i, const char *s)
{
    return cl_eq_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i), s);
}

/* Decides whether quote token i opens (1) or closes (0) a quotation. */
static int quote_opens(const cl_doc *doc, uint32_t i, int in_quote)
{
    const cl_token *t = &doc->tokens.v[i];
    uint32_t k, cp;
    size_t n = cl_utf8_decode((const unsigned char *)doc->text + t->start, t->end - t->start, &cp);
    (void)n;
    (void)k;
    int space_before = !(t->flags & CL_TF_NOSPACE) || (t->flags & CL_TF_LINE_START);
    int space_after = i + 1 >= doc->tokens.n || !(doc->tokens.v[i + 1].flags & CL_TF_NOSPACE);
    /* a curly double quote typed the wrong way round (an opening mark right after a word
     * and before a space) goes by its spaces */
    if (cp == 0x201C)
        return space_before || !space_after;
    if (cp == 0x201D)
        return space_before && !space_after;
    if (cp == 0x00AB || cp == 0x201E || cp == 0x2018)
        return 1;
    if (cp == 0x00BB || cp == 0x2019)
        return 0;
    /* Straight quotes: by the spaces around them. */
    if (space_before && !space_after)
        return 1;
    if (!space_before && space_after)
        return 0;
    return !in_quote;
}

/* Is quote token i a single quote (' or a curly single quote) rather than a double one
 * (", '', curly double quotes, guillemets)? */
static int single_quote(const cl_doc *doc, uint32_t i)
{
    const cl_token *t = &doc->tokens.v[i];
    uint32_t cp;
    if (t->end - t->start == 1)
        return doc->text[t->start] == '\'';
    size_t n = cl_utf8_decode((const unsigned char *)doc->text + t->start, t->end - t->start, &cp);
    return n == t->end - t->start && (cp == 0x2018 || cp == 0x2019);
}

/* Is quote token i a curly double quote (either way round)? */
static int curly_double(const cl_doc *doc, uint32_t i)
{
    const cl_token *t = &doc->tokens.v[i];
    return t->end - t->start == 3 && (unsigned char)doc->text[t->start] == 0xE2 &&
           (unsigned char)doc->text[t->start + 1] == 0x80 &&
           ((unsigned char)doc->text[t->start + 2] == 0x9C ||
            (unsigned char)doc->text[t->start + 2] == 0x9D);
}

/* Marks quotations. A single quote inside a double-quoted quotation is a quotation within
 * the quotation (or an apostrophe): it stays part of the outer one and neither opens nor
 * closes it. */
static void mark_quotes(cl_doc *doc)
{
    int in_quote = 0, outer_double = 0, outer_curly = 0;
    uint32_t nested = 0; /* curly double quotations open inside a curly double one */
    for (uint32_t i = 0; i < doc->tokens.n; i++) {
        cl_token *t = &doc->tokens.v[i];
        if (t->flags & CL_TF_PARA_START)
            in_quote = 0, nested = 0;
        if (t->kind == CL_TOK_QUOTE && in_quote && outer_double && single_quote(doc, i)) {
            t->flags |= CL_TF_IN_QUOTE;
            continue;
        }
        if (t->kind == CL_TOK_QUOTE && in_quote && outer_curly && curly_double(doc, i)) {
            /* a quotation inside the quotation (curly marks): '"... the claim that "it has
             * to ..." is false," he wrote' - it opens and closes inside, the outer one goes on */
            int opens = quote_opens(doc, i, in_quote);
            /* at the start of a line it opens the next paragraph of a quotation whose
             * paragraph ended unclosed (the convention for long quotes) */
            if ((opens && !(t->flags & CL_TF_LINE_START)) || (!opens && nested > 0)) {
                nested = opens ? nested + 1 : nested - 1;
                t->flags |= CL_TF_IN_QUOTE;
                continue;
            }
        }
        if (t->kind == CL_TOK_QUOTE) {
            outer_double = !single_quote(doc, i);
            outer_curly = curly_double(doc, i);
            /* A lone apostrophe between spaces is not a quote mark we can trust. */
            if (quote_opens(doc, i, in_quote)) {
                t->flags |= CL_TF_OPEN_QUOTE;
                in_quote = 1;
                nested = 0;
            } else if (in_quote) {
                t->flags |= CL_TF_CLOSE_QUOTE;
                in_quote = 0;
            }
            continue;
        }
        if (in_quote)
            t->flags |= CL_TF_IN_QUOTE;
    }
}

/* ---------------------------------------------------------------- sentences */

static const char *const openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On",
    "At", "This", "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our",
    "However", "Meanwhile", "After", "Before", "When", "While", "If", "As", "Officials",
    "According", "Some", "Many", "Most", "Both", "Still", "Yet", "So", "Then", NULL};

static int is_opener(const cl_doc *doc, uint32_t i)
{
    for (const char *const *p = openers; *p; p++)
        if (cl_eq_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i), *p) &&
            (doc->tokens.v[i].flags & CL_TF_CAP))
            return 1;
    return 0;
}

static int starts_sentence_shape(const cl_doc *doc, uint32_t i)
{
    const cl_token *t = &doc->tokens.v[i];
    if (t->kind == CL_TOK_WORD)
        return (t->flags & CL_TF_CAP) != 0;
    if (t->kind == CL_TOK_NUMBER || t->kind == CL_TOK_QUOTE || t->kind == CL_TOK_DASH)
        return 1;
    if (t->flags & CL_TF_BULLET)
        return 1;
    return tok_is(doc, i, "(") || tok_is(doc, i, "[");
}

static int is_terminal(const cl_doc *doc, uint32_t i)
{
    const cl_token *t = &doc->tokens.v[i];
    if (t->kind != CL_TOK_PUNCT)
        return 0;
    const char *p = cl_tok_ptr(doc, i);
    uint32_t n = cl_tok_len(doc, i);
    return (n == 1 && (*p == '.' || *p == '!' || *p == '?')) || (n >= 3 && p[0] == '.') ||
           (n == 3 && memcmp(p, "\xE2\x80\xA6", 3) == 0);
}

/* After an abbreviation token, does a sentence end? */
static int abbrev_ends(const cl_doc *doc, uint32_t i, uint32_t next)
{
    const cl_token *t = &doc->tokens.v[i];
    if (t->flags & CL_TF_INITIAL)
        return 0;
    uint32_t cls = CL_ABBR_OTHER;
    cl_tok_get(doc, &doc->ctx->segment.abbrevs, i, &cls);
    if (cls == CL_ABBR_TITLE)
        return 0;
    if (cls == CL_ABBR_MONTH)
        return doc->tokens.v[next].kind != CL_TOK_NUMBER && is_opener(doc, next);
    return is_opener(doc, next);
}

static void add_sentence(cl_doc *doc, uint32_t first, uint32_t last, uint32_t para)
{
    if (last < first)
        return;
    cl_sentence *s = &CL_VEC_PUSH(&doc->arena, doc->sentences);
    s->tok_first = first;
    s->tok_count = last - first + 1;
    s->start = doc->tokens.v[first].start;
    s->end = doc->tokens.v[last].end;
    s->line = cl_doc_line_at(doc, s->start);
    s->para = para;
    doc->tokens.v[first].flags |= CL_TF_SENT_START;
}

/* A single line break ends the sentence when the line before it looks complete or short
 * (a headline), and never inside wrapped running text. */
static int line_break_ends(const cl_doc *doc, uint32_t i)
{
    if (i == 0)
        return 1;
    const cl_token *prev = &doc->tokens.v[i - 1];
    const cl_token *t = &doc->tokens.v[i];
    if (t->flags & CL_TF_BULLET)
        return 1;
    if (is_terminal(doc, i - 1) || prev->kind == CL_TOK_QUOTE)
        return starts_sentence_shape(doc, i);
    /* length of the previous line */
    uint32_t j = i - 1;
    while (j > 0 && !(doc->tokens.v[j].flags & CL_TF_LINE_START))
        j--;
    uint32_t line_len = prev->end - doc->tokens.v[j].start;
    return line_len <= 60 && starts_sentence_shape(doc, i);
}

static void split_sentences(cl_doc *doc)
{
    uint32_t n = doc->tokens.n;
    uint32_t first = 0, para = 0;
    for (uint32_t i = 0; i < n; i++) {
        const cl_token *t = &doc->tokens.v[i];
        if (i > first) {
            int brk = (t->flags & CL_TF_PARA_START) ||
                      ((t->flags & CL_TF_LINE_START) && line_break_ends(doc, i));
            if (brk) {
                add_sentence(doc, first, i - 1, para);
                first = i;
            }
        }
        if (t->flags & CL_TF_PARA_START && i > 0)
            para++;
        int term = is_terminal(doc, i);
        int abbr = !term && t->kind == CL_TOK_WORD && (t->flags & CL_TF_ABBREV);
        if (!term && !abbr)
            continue;
        /* closing quotes and brackets stay with the sentence */
        uint32_t last = i;
        while (last + 1 < n && (doc->tokens.v[last + 1].flags & CL_TF_NOSPACE) &&
               (doc->tokens.v[last + 1].kind == CL_TOK_QUOTE || tok_is(doc, last + 1, ")") ||
                tok_is(doc, last + 1, "]")))
            last++;
        uint32_t next = last + 1;
        if (next >= n)
            break;
        const cl_token *nt = &doc->tokens.v[next];
        if (nt->flags & (CL_TF_LINE_START | CL_TF_PARA_START)) {
            i = last;
            continue; /* the line-break rule decides */
        }
        int ends = abbr ? abbrev_ends(doc, i, next) : starts_sentence_shape(doc, next);
        /* "... said Mr. Smith." is one sentence; "3 p.m. The ..." is two. */
        if (ends && (nt->flags & CL_TF_NOSPACE) && nt->kind != CL_TOK_QUOTE)
            ends = 0;
        if (ends) {
            add_sentence(doc, first, last, para);
            first = next;
        }
        i = last;
    }
    if (first < n)
        add_sentence(doc, first, n - 1, para);
}

void cl_segment_run(cl_doc *doc)
{
    tokenize(doc);
    /* a sentinel after the last token (an empty punctuation token at the end of the text),
     * so that a look-ahead one past the end reads something harmless */
    cl_token *end = &CL_VEC_PUSH(&doc->arena, doc->tokens);
    memset(end, 0, sizeof *end);
    end->kind = CL_TOK_PUNCT;
    end->start = end->end = doc->text_len;
    doc->tokens.n--;
    doc->tok_hash = cl_arena_alloc(&doc->arena, sizeof(uint64_t) * (doc->tokens.n + 1));
    for (uint32_t i = 0; i <= doc->tokens.n; i++)
        doc->tok_hash[i] = cl_hash_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i));
    mark_quotes(doc);
    split_sentences(doc);
}
