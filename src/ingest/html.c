/* html.c - main text and metadata of an HTML page; see html.h.
 *
 * Steps: (1) bytes that are not UTF-8 are read as Windows-1252, the usual legacy page
 * encoding; (2) gumbo parses with the caller's arena as its allocator (nothing is freed
 * one by one, and the tree is never walked recursively); (3) one walk over <head> and the
 * whole tree collects metadata; (4) a second walk, skipping chrome subtrees, cuts the body
 * into text blocks in document order; (5) blocks score their ancestors and the best
 * container's blocks, with good-scoring siblings, are the main text. */
#include "ingest/html.h"
#include "ingest/html_reduce.h"

#include <gumbo.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/utf8.h"

enum { MAX_UP = 24 }; /* ancestors a block scores, and the depth of the chain we read */

/* ---------------------------------------------------------------- gumbo on the arena */

static void *arena_allocate(void *userdata, size_t size)
{
    return cl_arena_alloc(userdata, size ? size : 1);
}

static void arena_deallocate(void *userdata, void *ptr)
{
    (void)userdata;
    (void)ptr; /* everything dies with the arena */
}

/* ---------------------------------------------------------------- small helpers */

static const char *attr(const GumboNode *n, const char *name)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

static int ieq(const char *a, const char *b)
{
    return a && cl_eq_ci(a, strlen(a), b);
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int has_word_ci(const char *hay, const char *needle)
{
    return hay && cl_find_ci(hay, strlen(hay), needle) >= 0;
}

static const GumboVector *children(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    return NULL;
}

static GumboTag tag_of(const GumboNode *n)
{
    return n->type == GUMBO_NODE_ELEMENT ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}

/* A growable stack of nodes in the arena. */
typedef CL_VEC(const GumboNode *) node_stack;

/* What the class and id of each element say, read once per element: blocks ask about the
 * same ancestors many times. Open addressing on the node's address, in the arena. */
typedef struct hint_memo {
    const GumboNode **key;
    uint8_t *flags;
    uint32_t mask, n;
} hint_memo;

/* One page being read: its arena and what is known about its elements. */
typedef struct page_ctx {
    cl_arena *a;
    hint_memo hints;
} page_ctx;

static void push(cl_arena *a, node_stack *s, const GumboNode *n)
{
    CL_VEC_PUSH(a, *s) = n;
}

/* Pushes the children of n so they pop in document order. */
static void push_children(cl_arena *a, node_stack *s, const GumboNode *n)
{
    const GumboVector *c = children(n);
    if (!c)
        return;
    for (unsigned i = c->length; i-- > 0;)
        push(a, s, c->data[i]);
}

/* ---------------------------------------------------------------- encoding */

/* Windows-1252 code points of bytes 0x80-0x9F (0 = undefined, kept as U+FFFD). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static char *put_utf8(char *w, uint32_t cp)
{
    if (cp < 0x80) {
        *w++ = (char)cp;
    } else if (cp < 0x800) {
        *w++ = (char)(0xC0 | (cp >> 6));
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (char)(0xE0 | (cp >> 12));
        *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    }
    return w;
}

/* The page as UTF-8: as given when valid, else read as Windows-1252. */
static const char *as_utf8(cl_arena *a, const char *s, size_t len, size_t *out_len)
{
    size_t nuls = 0;
    if (cl_utf8_count_invalid(s, len, &nuls) == 0) {
        *out_len = len;
        return s;
    }
    char *buf = cl_arena_alloc(a, len * 3 + 1), *w = buf;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c;
        w = put_utf8(w, cp ? cp : 0xFFFD);
    }
    *w = '\0';
    *out_len = (size_t)(w - buf);
    return buf;
}

/* ---------------------------------------------------------------- metadata */

/* YYYY-MM-DD at the start of s, copied into the arena, or NULL. */
static const char *iso_day(cl_arena *a, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ')
        s++;
    for (int i = 0; i < 10; i++) {
        int want_dash = i == 4 || i == 7;
        if (want_dash ? s[i] != '-' : !cl_is_digit(s[i]))
            return NULL;
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return NULL;
    return cl_arena_strndup(a, s, 10);
}

/* All text under n (iteratively), whitespace collapsed. */
static const char *node_text(page_ctx *c, const GumboNode *n);

/* The first "datePublished" (and the publisher's name) anywhere in a JSON-LD value. */
static void json_ld_walk(cl_arena *a, json_t *v, cl_html_page *out, int depth)
{
    if (!v || depth > 12)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) json_ld_walk(a, e, out, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *dp = json_object_get(v, "datePublished");
    if (!out->date && json_is_string(dp)) {
        out->date = iso_day(a, json_string_value(dp));
        if (out->date)
            out->date_source = "json-ld";
    }
    json_t *pub = json_object_get(v, "publisher");
    if (!out->outlet && json_is_object(pub) && json_is_string(json_object_get(pub, "name")))
        out->outlet = cl_arena_strdup(a, json_string_value(json_object_get(pub, "name")));
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val)
    {
        if (json_is_object(val) || json_is_array(val))
            json_ld_walk(a, val, out, depth + 1);
    }
}

static void read_metadata(page_ctx *c, const GumboNode *root, cl_html_page *out)
{
    cl_arena *a = c->a;
    static const char *const date_names[] = {
        "article:published_time", "og:published_time", "datepublished", "pubdate",
        "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
        "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
        "originalpublicationdate", "citation_publication_date", NULL};
    const char *og_title = NULL, *title = NULL, *og_url = NULL, *time_date = NULL;
    node_stack st = {0};
    push(a, &st, root);
    while (st.n) {
        const GumboNode *n = st.v[--st.n];
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT)
            continue;
        GumboTag t = tag_of(n);
        if (t == GUMBO_TAG_META) {
            const char *key = attr(n, "property");
            if (!key)
                key = attr(n, "name");
            if (!key)
                key = attr(n, "itemprop");
            const char *content = attr(n, "content");
            if (key && content) {
                if (ieq(key, "og:title") && !og_title)
                    og_title = content;
                else if (ieq(key, "og:site_name") && !out->outlet)
                    out->outlet = cl_arena_strdup(a, content);
                else if (ieq(key, "og:url") && !og_url)
                    og_url = content;
                for (const char *const *d = date_names; *d && !out->date; d++)
                    if (ieq(key, *d)) {
                        out->date = iso_day(a, content);
                        if (out->date)
                            out->date_source = "meta";
                    }
            }
        } else if (t == GUMBO_TAG_TITLE && !title) {
            title = node_text(c, n);
        } else if (t == GUMBO_TAG_LINK && ieq(attr(n, "rel"), "canonical") && !out->url) {
            const char *href = attr(n, "href");
            if (href && *href)
                out->url = cl_arena_strdup(a, href);
        } else if (t == GUMBO_TAG_SCRIPT && ieq(attr(n, "type"), "application/ld+json")) {
            const GumboVector *kids = children(n);
            if (kids && kids->length && ((GumboNode *)kids->data[0])->type == GUMBO_NODE_TEXT) {
                const char *js = ((GumboNode *)kids->data[0])->v.text.text;
                json_error_t jerr;
                json_t *v = json_loadb(js, strlen(js), 0, &jerr);
                json_ld_walk(a, v, out, 0);
                json_decref(v);
            }
            continue;
        } else if (t == GUMBO_TAG_TIME && !time_date) {
            time_date = iso_day(a, attr(n, "datetime"));
        } else if (!out->date && attr(n, "itemprop") && ieq(attr(n, "itemprop"), "datePublished")) {
            const char *v = attr(n, "datetime");
            out->date = iso_day(a, v ? v : attr(n, "content"));
            if (out->date)
                out->date_source = "meta";
        }
        push_children(a, &st, n);
    }
    if (!out->date && time_date) {
        out->date = time_date;
        out->date_source = "time";
    }
    if (og_title && *og_title)
        out->title = cl_arena_strdup(a, og_title);
    else if (title && *title)
        out->title = title;
    if (!out->url && og_url && *og_url)
        out->url = cl_arena_strdup(a, og_url);
}

/* ---------------------------------------------------------------- text collection */

typedef struct text_buf {
    char *v;
    size_t n, cap;
    int space;  /* a space is pending */
} text_buf;

static void tb_reserve(cl_arena *a, text_buf *b, size_t more)
{
    if (b->n + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->n + more + 1)
        cap *= 2;
    b->v = cl_arena_grow(a, b->v, b->cap, cap);
    b->cap = cap;
}

/* Appends text with runs of white space collapsed to one space. Returns the bytes added. */
static size_t tb_text(cl_arena *a, text_buf *b, const char *s)
{
    size_t before = b->n, len = strlen(s);
    tb_reserve(a, b, len + 1);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        /* U+00A0 no-break space counts as white space */
        if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            ws = 1;
            i++;
        }
        if (ws) {
            b->space = b->n > 0;
            continue;
        }
        if (b->space && b->n > 0 && b->v[b->n - 1] != '\n')
            b->v[b->n++] = ' ';
        b->space = 0;
        b->v[b->n++] = c;
    }
    b->v[b->n] = '\0';
    return b->n - before;
}

static void tb_newline(cl_arena *a, text_buf *b)
{
    tb_reserve(a, b, 1);
    if (b->n > 0 && b->v[b->n - 1] != '\n')
        b->v[b->n++] = '\n';
    b->space = 0;
    b->v[b->n] = '\0';
}

static const char *const negative_hints[] = {
    "comment", "sidebar", "related", "share", "social", "newsletter", "subscribe", "promo",
    "advert", "cookie", "popup", "modal", "breadcrumb", "caption", "outbrain", "taboola",
    "recirc", "trending", "popular", "signup", "sign-up", "footer", "navigation", "navbar",
    "menu", "masthead", "toolbar", "widget", "sponsor", "byline", "author-bio", "authorbio",
    "tags", "disclaimer", "paywall", "banner", "skip", "print-only", "visually-hidden",
    "sr-only", "read-more", "readmore", "more-stories", "recommend", "jump", "credit",
    "rail", "hidden", "slideshow", "carousel", "lightbox", "timestamp", NULL};
static const char *const positive_hints[] = {"article", "content", "story", "entry", "main",
                                             "post", "text", "body", "blog", "news", "column",
                                             NULL};

/* Does a class/id string contain one of the words? "ad"-like short words match whole
 * tokens only; longer ones match anywhere. */
static int hint_match(const char *s, const char *const *words)
{
    if (!s || !*s)
        return 0;
    for (const char *const *w = words; *w; w++)
        if (has_word_ci(s, *w))
            return 1;
    /* short advertising tokens as whole words: "ad", "ads", "ad-slot" */
    const char *p = s;
    while (*p) {
        while (*p && !is_alnum(*p))
            p++;
        const char *q = p;
        while (*q && is_alnum(*q))
            q++;
        size_t n = (size_t)(q - p);
        if (words == negative_hints && ((n == 2 && cl_eq_ci(p, 2, "ad")) || (n == 3 && cl_eq_ci(p, 3, "ads"))))
            return 1;
        p = q;
    }
    return 0;
}

enum { HINT_KNOWN = 1, HINT_NEGATIVE = 2, HINT_POSITIVE = 4 };

static uint32_t hint_slot(const hint_memo *m, const GumboNode *n)
{
    uint32_t j = (uint32_t)(((uintptr_t)n >> 4) * 2654435761u) & m->mask;
    while (m->key[j] && m->key[j] != n)
        j = (j + 1) & m->mask;
    return j;
}

static unsigned hints_of(page_ctx *c, const GumboNode *n)
{
    hint_memo *m = &c->hints;
    if ((m->n + 1) * 2 > m->mask + 1) {
        hint_memo old = *m;
        uint32_t cap = old.mask ? (old.mask + 1) * 2 : 1024;
        m->key = cl_arena_zalloc(c->a, sizeof *m->key * cap);
        m->flags = cl_arena_zalloc(c->a, sizeof *m->flags * cap);
        m->mask = cap - 1;
        for (uint32_t i = 0; old.mask && i <= old.mask; i++) {
            if (old.key[i]) {
                uint32_t j = hint_slot(m, old.key[i]);
                m->key[j] = old.key[i];
                m->flags[j] = old.flags[i];
            }
        }
    }
    uint32_t j = hint_slot(m, n);
    if (!m->key[j]) {
        const char *cls = attr(n, "class"), *id = attr(n, "id");
        unsigned f = HINT_KNOWN;
        if (hint_match(cls, negative_hints) || hint_match(id, negative_hints))
            f |= HINT_NEGATIVE;
        if (hint_match(cls, positive_hints) || hint_match(id, positive_hints))
            f |= HINT_POSITIVE;
        m->key[j] = n;
        m->flags[j] = (uint8_t)f;
        m->n++;
    }
    return m->flags[j];
}

static int class_weight(page_ctx *c, const GumboNode *n)
{
    unsigned f = hints_of(c, n);
    return (f & HINT_NEGATIVE ? -25 : 0) + (f & HINT_POSITIVE ? 25 : 0);
}

/* Subtrees that are never article text. */
static int skip_element(const GumboNode *n)
{
    switch (tag_of(n)) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_MENU: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_LABEL:
        return 1;
    default: break;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return 0;
    if (attr(n, "hidden") || ieq(attr(n, "aria-hidden"), "true"))
        return 1;
    const char *style = attr(n, "style");
    if (style && (has_word_ci(style, "display:none") || has_word_ci(style, "display: none") ||
                  has_word_ci(style, "visibility:hidden")))
        return 1;
    const char *role = attr(n, "role");
    if (role && (ieq(role, "navigation") || ieq(role, "complementary") || ieq(role, "contentinfo") ||
                 ieq(role, "dialog") || ieq(role, "menu") || ieq(role, "banner")))
        return 1;
    return 0;
}

/* Is n marked as chrome by its class or id ("related-links", "comments") and not also as
 * content ("article-sidebar" is still a sidebar; "non-ad-column" is a column)? Such
 * elements are not skipped while cutting blocks (a careless class on a wrapper must not
 * lose the article); their blocks are left out of the main text unless the chosen
 * container itself lies inside them. */
static int negative_element(page_ctx *c, const GumboNode *n)
{
    GumboTag t = tag_of(n);
    if (t == GUMBO_TAG_BODY || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_HTML)
        return 0;
    return (hints_of(c, n) & (HINT_NEGATIVE | HINT_POSITIVE)) == HINT_NEGATIVE;
}

static int is_inline(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_B: case GUMBO_TAG_I: case GUMBO_TAG_EM:
    case GUMBO_TAG_STRONG: case GUMBO_TAG_U: case GUMBO_TAG_SMALL: case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP: case GUMBO_TAG_ABBR: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE:
    case GUMBO_TAG_Q: case GUMBO_TAG_TIME: case GUMBO_TAG_MARK: case GUMBO_TAG_FONT:
    case GUMBO_TAG_BR: case GUMBO_TAG_S: case GUMBO_TAG_STRIKE: case GUMBO_TAG_DEL:
    case GUMBO_TAG_INS: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO: case GUMBO_TAG_DFN:
    case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR:
    case GUMBO_TAG_TT: case GUMBO_TAG_BIG: case GUMBO_TAG_ACRONYM: case GUMBO_TAG_IMG:
        return 1;
    default: return 0;
    }
}

static int is_block(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_ADDRESS:
        return 1;
    default: return 0;
    }
}

/* Is this table row a row of data (two or more cells holding only inline content, as in
 * a results table), read as one line "1 Kyle Busch 5040 5", rather than a row of a
 * layout table whose cells hold whole sections? */
static int data_row(const GumboNode *tr)
{
    const GumboVector *cells = children(tr);
    unsigned n_cells = 0, seen = 0;
    for (unsigned i = 0; cells && i < cells->length; i++) {
        const GumboNode *cell = cells->data[i];
        GumboTag t = tag_of(cell);
        if (t != GUMBO_TAG_TD && t != GUMBO_TAG_TH)
            continue;
        n_cells++;
        /* a bounded look at the cell's descendants for block content */
        const GumboNode *stack[64];
        unsigned sp = 0;
        stack[sp++] = cell;
        while (sp) {
            const GumboNode *x = stack[--sp];
            if (++seen > 256)
                return 0;
            if (x != cell && x->type == GUMBO_NODE_ELEMENT && !is_inline(tag_of(x)))
                return 0;
            const GumboVector *k = children(x);
            for (unsigned j = 0; k && j < k->length; j++) {
                if (sp == 64)
                    return 0;
                stack[sp++] = k->data[j];
            }
        }
    }
    return n_cells >= 2;
}

/* Appends the text under n to b (skipping chrome), counting the bytes inside links. */
static void collect(page_ctx *c, const GumboNode *n, text_buf *b, size_t *link_bytes)
{
    cl_arena *a = c->a;
    node_stack st = {0};
    node_stack links = {0}; /* <a> elements we are inside, by their end marker */
    push(a, &st, n);
    while (st.n) {
        const GumboNode *x = st.v[--st.n];
        if (x == NULL) { /* end of a link */
            links.n--;
            continue;
        }
        if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_CDATA ||
            x->type == GUMBO_NODE_WHITESPACE) {
            size_t added = tb_text(a, b, x->v.text.text);
            if (links.n)
                *link_bytes += added;
            continue;
        }
        if (x->type != GUMBO_NODE_ELEMENT || (x != n && (skip_element(x) || negative_element(c, x))))
            continue; /* inside a block, a chrome-marked element is a caption or a widget */
        GumboTag t = tag_of(x);
        if (t == GUMBO_TAG_BR) {
            tb_newline(a, b);
            continue;
        }
        if (x != n && !is_inline(t))
            b->space = b->n > 0;
        if (t == GUMBO_TAG_A) {
            push(a, &links, x);
            push(a, &st, NULL);
        }
        push_children(a, &st, x);
    }
}

static const char *node_text(page_ctx *c, const GumboNode *n)
{
    text_buf b = {0};
    size_t links = 0;
    collect(c, n, &b, &links);
    return b.v ? b.v : "";
}

/* ---------------------------------------------------------------- blocks and scores */

typedef struct block {
    const char *text;
    size_t len, link_len;
    size_t pos;                /* document offset, for order */
    const GumboNode *node;     /* the block element, or the container of an inline run */
    const GumboNode *parent;   /* the container it scores */
    int heading;               /* 1..6 for h1..h6 */
    int list_item;
    int table_row;             /* a row of a data table, its cells joined */
} block;

typedef CL_VEC(block) blocks;

static size_t node_pos(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT)
        return n->v.element.start_pos.offset;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA)
        return n->v.text.start_pos.offset;
    return 0;
}

static void add_block(cl_arena *a, blocks *bs, const char *text, size_t len, size_t link_len,
                      const GumboNode *node, const GumboNode *parent, size_t pos)
{
    if (len == 0)
        return;
    block *b = &CL_VEC_PUSH(a, *bs);
    memset(b, 0, sizeof *b);
    b->text = text;
    b->len = len;
    b->link_len = link_len;
    b->node = node;
    b->parent = parent;
    b->pos = pos;
    GumboTag t = tag_of(node);
    if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6)
        b->heading = 1 + (int)(t - GUMBO_TAG_H1);
    b->list_item = t == GUMBO_TAG_LI;
    b->table_row = t == GUMBO_TAG_TR;
}

/* Cuts the body into blocks: block elements whole, and runs of text and inline elements
 * directly inside a container. */
static void cut_blocks(page_ctx *c, const GumboNode *root, blocks *bs)
{
    cl_arena *a = c->a;
    node_stack st = {0};
    push(a, &st, root);
    while (st.n) {
        const GumboNode *n = st.v[--st.n];
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT)
            continue;
        if (n->type == GUMBO_NODE_ELEMENT && skip_element(n))
            continue;
        GumboTag t = tag_of(n);
        if (is_block(t) || (t == GUMBO_TAG_TR && data_row(n))) {
            text_buf b = {0};
            size_t links = 0;
            collect(c, n, &b, &links);
            add_block(a, bs, b.v, b.n, links, n, n->parent, node_pos(n));
            continue;
        }
        const GumboVector *kids = children(n);
        if (!kids)
            continue;
        text_buf run = {0};
        size_t run_links = 0, run_pos = 0;
        for (unsigned i = 0; i <= kids->length; i++) {
            const GumboNode *k = i < kids->length ? kids->data[i] : NULL;
            int inl = k && (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE ||
                            k->type == GUMBO_NODE_CDATA ||
                            (k->type == GUMBO_NODE_ELEMENT && is_inline(tag_of(k)) && !skip_element(k)));
            if (inl) {
                if (run.n == 0)
                    run_pos = node_pos(k);
                collect(c, k, &run, &run_links);
                continue;
            }
            if (run.n) {
                size_t s = 0;
                while (s < run.n && (run.v[s] == ' ' || run.v[s] == '\n'))
                    s++;
                add_block(a, bs, run.v + s, run.n - s, run_links, n, n, run_pos);
                memset(&run, 0, sizeof run);
                run_links = 0;
            }
        }
        push_children(a, &st, n);
    }
}

/* Scores per container, keyed by node pointer (open addressing in the arena). */
typedef struct score_map {
    const GumboNode **key;
    double *score;
    size_t *text, *links;
    uint32_t mask, n;
} score_map;

static uint32_t slot_of(score_map *m, const GumboNode *n, page_ctx *c)
{
    cl_arena *a = c->a;
    if ((m->n + 1) * 2 > m->mask + 1) {
        score_map old = *m;
        uint32_t cap = old.mask ? (old.mask + 1) * 2 : 256;
        m->key = cl_arena_zalloc(a, sizeof *m->key * cap);
        m->score = cl_arena_zalloc(a, sizeof *m->score * cap);
        m->text = cl_arena_zalloc(a, sizeof *m->text * cap);
        m->links = cl_arena_zalloc(a, sizeof *m->links * cap);
        m->mask = cap - 1;
        m->n = 0;
        for (uint32_t i = 0; old.mask && i <= old.mask; i++) {
            if (!old.key[i])
                continue;
            uint32_t j = slot_of(m, old.key[i], c);
            m->score[j] = old.score[i];
            m->text[j] = old.text[i];
            m->links[j] = old.links[i];
        }
    }
    uint32_t j = (uint32_t)(((uintptr_t)n >> 4) * 2654435761u) & m->mask;
    while (m->key[j] && m->key[j] != n)
        j = (j + 1) & m->mask;
    if (!m->key[j]) {
        m->key[j] = n;
        m->n++;
        GumboTag t = tag_of(n);
        double base = t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN ? 10
                      : t == GUMBO_TAG_DIV                          ? 5
                      : t == GUMBO_TAG_SECTION || t == GUMBO_TAG_TD || t == GUMBO_TAG_BLOCKQUOTE ? 3
                      : t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_FORM ? -3
                      : 0;
        m->score[j] = base + class_weight(c, n);
    }
    return j;
}

/* Sentence-like text: at least some punctuation or enough words. */
static double block_score(const block *b)
{
    size_t commas = 0;
    for (size_t i = 0; i < b->len; i++)
        commas += b->text[i] == ',';
    double len_part = (double)b->len / 100.0;
    return 1.0 + (double)commas + (len_part > 3 ? 3 : len_part);
}

static size_t word_count(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\n';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* A post from a social network quoted in the page (blockquote.twitter-tweet,
 * .instagram-media, .tiktok-embed). */
static int embedded_post(const GumboNode *n)
{
    if (tag_of(n) != GUMBO_TAG_BLOCKQUOTE)
        return 0;
    const char *cls = attr(n, "class");
    return cls && (has_word_ci(cls, "tweet") || has_word_ci(cls, "instagram") ||
                   has_word_ci(cls, "tiktok"));
}

/* Is n inside anc (within a bounded number of levels), with no chrome-marked element in
 * between? Returns 1 inside and clean, -1 inside but under chrome, 0 outside. */
static int under(page_ctx *c, const GumboNode *n, const GumboNode *anc)
{
    int chrome = 0, quoted = 0;
    for (int k = 0; n && k < 4 * MAX_UP; k++, n = n->parent) {
        if (n == anc)
            return chrome ? -1 : 1;
        if (n->type != GUMBO_NODE_ELEMENT)
            continue;
        /* an embedded post (a tweet quoted by the story) sits in a "social" wrapper,
         * yet is part of the article */
        quoted |= embedded_post(n);
        chrome |= !quoted && negative_element(c, n);
    }
    return 0;
}

/* The element with the tag and class of the chosen container that n lies in (not under
 * chrome), other than the container itself; NULL when none. */
static const GumboNode *twin_of(page_ctx *c, const GumboNode *n, const GumboNode *best,
                                const char *cls)
{
    GumboTag t = tag_of(best);
    for (const GumboNode *x = n; x; x = x->parent) {
        if (x == best)
            return NULL;
        if (x->type == GUMBO_NODE_ELEMENT && tag_of(x) == t) {
            const char *xc = attr(x, "class");
            if (xc && strcmp(xc, cls) == 0)
                return under(c, n, x) > 0 ? x : NULL;
        }
    }
    return NULL;
}

static int cmp_pos(const void *a, const void *b)
{
    const block *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Is this block worth keeping inside the chosen container? */
static int keep_block(const block *b)
{
    if (b->heading == 1)
        return 0; /* the headline is the title, not the body */
    double ld = b->len ? (double)b->link_len / (double)b->len : 0;
    if (ld > 0.5)
        return 0;
    size_t words = word_count(b->text, b->len);
    /* scripts written without spaces (Japanese, Chinese): count characters as words */
    size_t wide = 0;
    for (size_t k = 0; k < b->len; k++)
        wide += ((unsigned char)b->text[k] & 0xF0) == 0xE0; /* lead byte of a 3-byte char */
    if (wide > words * 4)
        words += wide / 2;
    char last = b->len ? b->text[b->len - 1] : 0;
    int sentence_end = last == '.' || last == '"' || last == '?' || last == '!' || last == ':' ||
                       (unsigned char)last == 0x9D /* ” */ ||
                       (b->len >= 3 && memcmp(b->text + b->len - 3, "\xE3\x80\x82", 3) == 0) /* 。 */;
    if (b->heading)
        return words >= 2 && words <= 30;
    if (words < (b->table_row ? 2u : 4u) && !sentence_end)
        return 0;
    /* "Updated 5:27 am CST, Wednesday, November 20, 2019": a time stamp, not text */
    static const char *const stamps[] = {"updated", "published", "posted", "last updated",
                                         "last modified", "first published", NULL};
    for (const char *const *st = stamps; *st && words < 15; st++)
        if (cl_starts_ci(b->text, b->len, *st))
            return 0;
    return 1;
}

static void main_text(page_ctx *c, const GumboNode *body, cl_html_page *out)
{
    cl_arena *a = c->a;
    blocks bs = {0};
    cut_blocks(c, body, &bs);
    if (bs.n == 0) {
        out->text = "";
        out->text_len = 0;
        return;
    }
    qsort(bs.v, bs.n, sizeof *bs.v, cmp_pos);
    score_map m = {0};
    for (uint32_t i = 0; i < bs.n; i++) {
        const block *b = &bs.v[i];
        const GumboNode *p = b->parent;
        double s = b->len >= 25 ? block_score(b) : 0;
        for (int up = 0; p && p->type == GUMBO_NODE_ELEMENT && up < MAX_UP; up++, p = p->parent) {
            uint32_t j = slot_of(&m, p, c);
            m.text[j] += b->len;
            m.links[j] += b->link_len;
            if (up < 3)
                m.score[j] += s / (up == 0 ? 1.0 : up == 1 ? 2.0 : 3.0 * up);
        }
    }
    /* the best container, visited in document order (blocks, then each block's
     * ancestors from the nearest): ties go to the first, so the choice depends on the
     * page alone, never on where its nodes happen to lie in memory */
    const GumboNode *best = NULL;
    double best_score = 0;
    for (uint32_t i = 0; i < bs.n; i++) {
        const GumboNode *p = bs.v[i].parent;
        for (int up = 0; p && p->type == GUMBO_NODE_ELEMENT && up < MAX_UP; up++, p = p->parent) {
            if (tag_of(p) == GUMBO_TAG_HTML)
                continue;
            uint32_t j = slot_of(&m, p, c);
            double ld = m.text[j] ? (double)m.links[j] / (double)m.text[j] : 0;
            double s = m.score[j] * (1.0 - ld);
            if (!best || s > best_score) {
                best = p;
                best_score = s;
            }
        }
    }
    /* siblings of the best container that score well too (articles split in several
     * divs), and its twins: elements of the same tag and class elsewhere in the page
     * (an article cut into sections by figures, each in its own wrapper) */
    const GumboNode *parent = best ? best->parent : NULL;
    const char *best_class = best ? attr(best, "class") : NULL;
    if (best_class && !*best_class)
        best_class = NULL;
    text_buf out_buf = {0};
    for (uint32_t i = 0; i < bs.n; i++) {
        const block *b = &bs.v[i];
        int where = best ? under(c, b->node, best) : 0;
        if (where < 0)
            continue;
        int inside = where > 0;
        if (!inside && parent && best_score > 0) {
            int steps = 0;
            for (const GumboNode *x = b->node; x && x->parent && steps < 4 * MAX_UP;
                 x = x->parent, steps++) {
                if (x->parent == parent) {
                    if (x->type == GUMBO_NODE_ELEMENT) {
                        uint32_t j = slot_of(&m, x, c);
                        double ld = m.text[j] ? (double)m.links[j] / (double)m.text[j] : 0;
                        double s = m.score[j] * (1.0 - ld);
                        inside = s >= (best_score * 0.2 > 10 ? best_score * 0.2 : 10) &&
                                 under(c, b->node, x) > 0;
                    }
                    break;
                }
            }
        }
        const GumboNode *twin = !inside && best_class ? twin_of(c, b->node, best, best_class) : NULL;
        if (twin) {
            uint32_t j = slot_of(&m, twin, c);
            double ld = m.text[j] ? (double)m.links[j] / (double)m.text[j] : 0;
            inside = m.score[j] * (1.0 - ld) >= (best_score * 0.2 > 10 ? best_score * 0.2 : 10);
        }
        if (!inside || !keep_block(b))
            continue;
        if (out_buf.n) {
            tb_reserve(a, &out_buf, 2);
            out_buf.v[out_buf.n++] = '\n';
            out_buf.v[out_buf.n++] = '\n';
        }
        tb_reserve(a, &out_buf, b->len);
        memcpy(out_buf.v + out_buf.n, b->text, b->len);
        out_buf.n += b->len;
        out_buf.v[out_buf.n] = '\0';
    }
    out->text = out_buf.v ? out_buf.v : "";
    out->text_len = out_buf.n;
}

/* ---------------------------------------------------------------- entry points */

int cl_html_extract(cl_arena *a, const char *html, size_t len, uint32_t max_depth,
                    unsigned flags, cl_html_page *out)
{
    memset(out, 0, sizeof *out);
    out->text = "";
    size_t ulen;
    const char *u = as_utf8(a, html, len, &ulen);
    char *reduced = cl_arena_alloc(a, 2 * ulen + 1);
    size_t rlen = cl_html_reduce(u, ulen, reduced, &out->depth);
    if (out->depth > max_depth)
        return 0;
    if (flags & CL_HTML_AS_IS) {
        reduced = (char *)u;
        rlen = ulen;
    }
    GumboOptions opts = kGumboDefaultOptions;
    opts.allocator = arena_allocate;
    opts.deallocator = arena_deallocate;
    opts.userdata = a;
    opts.max_errors = 100;
    GumboOutput *g = gumbo_parse_with_options(&opts, reduced, rlen);
    if (!g)
        return 1;
    page_ctx c = {.a = a};
    read_metadata(&c, g->document, out);
    main_text(&c, g->root, out);
    /* no gumbo_destroy_output: its memory is the arena's */
    return 1;
}

int cl_html_sniff(const char *s, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
        i++;
    size_t rest = len - i;
    return (rest >= 9 && cl_starts_ci(s + i, rest, "<!doctype")) ||
           (rest >= 5 && cl_starts_ci(s + i, rest, "<html")) ||
           (rest >= 5 && cl_starts_ci(s + i, rest, "<head"));
}
