/* html_reduce.c - copies a page without what main-text extraction never reads (see
 * html_reduce.h). A small tokenizer that knows tag boundaries, attribute quoting,
 * comments, the raw-text elements and foreign (svg, math) content; text between tags is
 * copied in runs found with memchr. Where the page is malformed in a way this tokenizer
 * does not follow exactly, it errs towards copying (a bigger parse), never towards
 * dropping text the parser would have shown. */
#include "ingest/html_reduce.h"

#include <string.h>

#include "util/text.h"

typedef struct reducer {
    const char *s;
    size_t len;
    char *w;        /* write position in the output */
    long depth, max_depth;
    int foreign;    /* svg/math elements open: tags are copied as they are */
} reducer;

/* Attributes the extractor reads; every other one of an HTML element is dropped. */
static const char *const kept_attributes[] = {
    "class", "id", "style", "hidden", "aria-hidden", "role", "type", "content", "itemprop",
    "datetime", NULL};
static const char *const link_attributes[] = {"href", "rel", NULL};
static const char *const meta_attributes[] = {"name", "property", NULL};

/* Formatting elements keep every attribute: the parser compares them when deciding which
 * misnested formatting elements to reopen (the "Noah's Ark" rule of HTML5). Not "a": the
 * parser never holds two of those at once, so the rule cannot apply to it. */
static const char *const formatting_elements[] = {
    "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
    "u", NULL};

/* Elements of SVG drawings. A drawing made of these alone is left out whole; any other
 * element inside (a paragraph, a foreignObject) could leave SVG and show text, so such
 * a drawing is copied instead. */
static const char *const svg_elements[] = {
    "svg", "g", "path", "circle", "rect", "line", "polyline", "polygon", "ellipse", "defs",
    "use", "symbol", "title", "desc", "lineargradient", "radialgradient", "stop",
    "clippath", "mask", "pattern", "filter", "text", "tspan", "image", "metadata", "marker",
    "style", "switch", "animate", "animatetransform", "animatemotion", "set", "view", NULL};

static const char *const void_elements[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "param", NULL};

/* Elements whose contents the tokenizer reads as text up to their end tag. */
static const char *const verbatim_elements[] = {
    "title", "textarea", "xmp", "iframe", "noembed", "noframes", NULL};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int in_list(const char *s, size_t n, const char *const *list)
{
    if (n == 0)
        return 0;
    char first = cl_lower(s[0]);
    for (; *list; list++)
        if ((*list)[0] == first && cl_eq_ci(s, n, *list))
            return 1;
    return 0;
}

/* Case-insensitive equality of a[0..n) and b[0..n) (ASCII). */
static int same_ci(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (cl_lower(a[k]) != cl_lower(b[k]))
            return 0;
    return 1;
}

static void emit(reducer *r, const char *p, size_t n)
{
    memcpy(r->w, p, n);
    r->w += n;
}

/* Text between tags, each run of white space cut to its first character: the extractor
 * reads any run as one space, and pages indent their markup heavily. */
static void emit_text(reducer *r, const char *p, size_t n)
{
    char *w = r->w;
    int in_space = 0;
    for (size_t k = 0; k < n; k++) {
        int sp = is_space(p[k]);
        if (!sp || !in_space)
            *w++ = p[k];
        in_space = sp;
    }
    r->w = w;
}

/* Offset just past the comment whose "<!--" starts at i; the end of input when the
 * comment is never closed (as the HTML5 tokenizer reads it). */
static size_t comment_end(const reducer *r, size_t i)
{
    const char *s = r->s;
    size_t j = i + 4, n = r->len;
    if (j < n && s[j] == '>')
        return j + 1;                       /* "<!-->" */
    if (j + 1 < n && s[j] == '-' && s[j + 1] == '>')
        return j + 2;                       /* "<!--->" */
    while (j + 1 < n) {
        const char *d = memchr(s + j, '-', n - j - 1);
        if (!d)
            break;
        j = (size_t)(d - s);
        if (s[j + 1] == '-') {
            if (j + 2 < n && s[j + 2] == '>')
                return j + 3;
            if (j + 3 < n && s[j + 2] == '!' && s[j + 3] == '>')
                return j + 4;
        }
        j++;
    }
    return n;
}

/* Offset just past the next '>' from i, or the end of input. */
static size_t past_gt(const reducer *r, size_t i)
{
    const char *gt = memchr(r->s + i, '>', r->len - i);
    return gt ? (size_t)(gt - r->s) + 1 : r->len;
}

/* Does an end tag "</name" followed by a delimiter start at i? */
static int end_tag_at(const reducer *r, size_t i, const char *name, size_t name_len)
{
    if (i + 2 + name_len >= r->len || r->s[i] != '<' || r->s[i + 1] != '/')
        return 0;
    if (!same_ci(r->s + i + 2, name, name_len))
        return 0;
    char c = r->s[i + 2 + name_len];
    return is_space(c) || c == '/' || c == '>';
}

/* Where the end tag of a raw-text element (title, style ...) starts, or len. */
static size_t raw_text_end(const reducer *r, size_t i, const char *name, size_t name_len)
{
    while (i < r->len) {
        const char *lt = memchr(r->s + i, '<', r->len - i);
        if (!lt)
            return r->len;
        i = (size_t)(lt - r->s);
        if (end_tag_at(r, i, name, name_len))
            return i;
        i++;
    }
    return r->len;
}

/* Where the closing "</script" starts, following the tokenizer's script-data states:
 * inside "<!--" a nested "<script>" makes the next "</script>" part of the script. */
static size_t script_end(const reducer *r, size_t i)
{
    enum { DATA, ESCAPED, DOUBLE_ESCAPED } state = DATA;
    const char *s = r->s;
    size_t n = r->len;
    while (i < n) {
        const char *p = state == DATA ? memchr(s + i, '<', n - i) : NULL;
        if (state != DATA) {
            while (i < n && s[i] != '<' && s[i] != '-')
                i++;
            p = i < n ? s + i : NULL;
        }
        if (!p)
            return n;
        i = (size_t)(p - s);
        if (s[i] == '-') {
            if (i + 2 < n && s[i + 1] == '-' && s[i + 2] == '>') {
                state = DATA;
                i += 3;
            } else {
                i++;
            }
            continue;
        }
        if (state == DATA) {
            if (end_tag_at(r, i, "script", 6))
                return i;
            if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
                state = ESCAPED;
                i += 2;                     /* at "--", so "<!-->" ends it at once */
                continue;
            }
        } else if (state == ESCAPED) {
            if (end_tag_at(r, i, "script", 6))
                return i;
            if (i + 7 < n && same_ci(s + i + 1, "script", 6) &&
                (is_space(s[i + 7]) || s[i + 7] == '/' || s[i + 7] == '>')) {
                state = DOUBLE_ESCAPED;
                i += 7;
                continue;
            }
        } else if (end_tag_at(r, i, "script", 6)) {
            state = ESCAPED;
            i += 8;
            continue;
        }
        i++;
    }
    return n;
}

/* One attribute as the tokenizer reads it: name [= value], the value quoted or not. */
typedef struct attribute {
    size_t name, name_len;   /* the name may begin with '=' */
    size_t value, value_len; /* 0, 0 when there is no value */
    size_t end;              /* offset just past the attribute */
} attribute;

/* Reads the attribute that starts at j (a byte that is no space, '/' or '>'). Returns 0
 * when the input ends inside a quoted value. */
static int read_attribute(const reducer *r, size_t j, attribute *at)
{
    const char *s = r->s;
    size_t n = r->len;
    memset(at, 0, sizeof *at);
    at->name = j++;
    while (j < n && !is_space(s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=')
        j++;
    at->name_len = j - at->name;
    while (j < n && is_space(s[j]))
        j++;
    if (j < n && s[j] == '=') {
        j++;
        while (j < n && is_space(s[j]))
            j++;
        if (j < n && (s[j] == '"' || s[j] == '\'')) {
            const char *q = memchr(s + j + 1, s[j], n - j - 1);
            if (!q)
                return 0;
            at->value = j + 1;
            at->value_len = (size_t)(q - s) - at->value;
            j = (size_t)(q - s) + 1;
        } else {
            at->value = j;
            while (j < n && !is_space(s[j]) && s[j] != '>')
                j++;
            at->value_len = j - at->value;
        }
    }
    at->end = j;
    return 1;
}

/* Offset just past the '>' ending the tag whose name ends at j, reading attributes as
 * the tokenizer does (a quoted value may hold '>'); the end of input when the tag is
 * never closed. End tags carry attributes too, which the parser then ignores. */
static size_t tag_end(const reducer *r, size_t j)
{
    const char *s = r->s;
    size_t n = r->len;
    for (;;) {
        while (j < n && (is_space(s[j]) || s[j] == '/'))
            j++;
        if (j >= n)
            return n;
        if (s[j] == '>')
            return j + 1;
        attribute at;
        if (!read_attribute(r, j, &at))
            return n;
        j = at.end;
    }
}

/* One start tag as the tokenizer reads it. */
typedef struct start_tag {
    size_t name, name_len;   /* offset and length of the tag name */
    size_t end;              /* offset just past '>' */
    int self_closing;
    int json_type;           /* a type attribute naming JSON (JSON-LD scripts) */
} start_tag;

/* Reads the start tag at i ("<" + letter) and, unless r->foreign, writes it with only the
 * kept attributes. Returns 0 when the input ends inside the tag (which the tokenizer then
 * drops), having written nothing. */
static int start_tag_copy(reducer *r, size_t i, start_tag *t)
{
    const char *s = r->s;
    size_t n = r->len, j = i + 1;
    char *w0 = r->w;
    memset(t, 0, sizeof *t);
    t->name = j;
    while (j < n && !is_space(s[j]) && s[j] != '/' && s[j] != '>')
        j++;
    t->name_len = j - t->name;
    const char *name = s + t->name;
    size_t nl = t->name_len;
    int keep_all = r->foreign || in_list(name, nl, formatting_elements);
    const char *const *also = cl_eq_ci(name, nl, "link")   ? link_attributes
                              : cl_eq_ci(name, nl, "meta") ? meta_attributes
                                                           : NULL;
    emit(r, s + i, j - i);
    for (;;) {
        while (j < n && (is_space(s[j]) || s[j] == '/')) {
            t->self_closing = s[j] == '/' && j + 1 < n && s[j + 1] == '>';
            j++;
        }
        if (j >= n)
            break;
        if (s[j] == '>') {
            t->end = j + 1;
            if (t->self_closing)
                *r->w++ = '/';
            *r->w++ = '>';
            return 1;
        }
        t->self_closing = 0;
        attribute at;
        if (!read_attribute(r, j, &at))
            break;
        const char *an = s + at.name;
        if (cl_eq_ci(an, at.name_len, "type") && at.value_len >= 4 &&
            cl_find_ci(s + at.value, at.value_len, "json") >= 0)
            t->json_type = 1;
        if (keep_all || in_list(an, at.name_len, kept_attributes) ||
            (also && in_list(an, at.name_len, also))) {
            *r->w++ = ' ';
            emit(r, an, at.end - at.name);
        }
        j = at.end;
    }
    r->w = w0;                              /* input ended inside the tag */
    return 0;
}

/* Where the "</svg" closing the drawing whose contents start at i begins, when the
 * drawing holds SVG elements only (svg_elements); 0 otherwise. Tags are read without
 * being written (the output position is restored). */
static size_t svg_drawing_end(reducer *r, size_t i)
{
    const char *s = r->s;
    size_t n = r->len;
    int nest = 0;
    char *w0 = r->w;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return 0;
        i = (size_t)(lt - s);
        if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
            i = comment_end(r, i);
        } else if (i + 9 <= n && memcmp(s + i + 1, "![CDATA[", 8) == 0) {
            const char *e = memmem(s + i + 9, n - i - 9, "]]>", 3);
            if (!e)
                return 0;
            i = (size_t)(e - s) + 3;
        } else if (i + 2 < n && s[i + 1] == '/' && cl_is_ascii_alpha(s[i + 2])) {
            size_t nl = 0;
            while (i + 2 + nl < n && !is_space(s[i + 2 + nl]) && s[i + 2 + nl] != '/' &&
                   s[i + 2 + nl] != '>')
                nl++;
            if (cl_eq_ci(s + i + 2, nl, "svg") && nest-- == 0)
                return i;
            if (!in_list(s + i + 2, nl, svg_elements))
                return 0;
            i = tag_end(r, i + 2 + nl);
        } else if (i + 1 < n && cl_is_ascii_alpha(s[i + 1])) {
            start_tag t;
            int ok = start_tag_copy(r, i, &t);
            r->w = w0;
            if (!ok || !in_list(s + t.name, t.name_len, svg_elements))
                return 0;
            nest += !t.self_closing && cl_eq_ci(s + t.name, t.name_len, "svg");
            i = t.end;
        } else {
            i++;
        }
    }
    return 0;
}

/* The tag at s[i] ('<' + letter) and, for raw-text elements, their contents. Returns
 * the offset to go on from. */
static size_t on_start_tag(reducer *r, size_t i)
{
    start_tag t;
    if (!start_tag_copy(r, i, &t)) {
        emit(r, r->s + i, r->len - i);
        return r->len;
    }
    const char *name = r->s + t.name;
    size_t nl = t.name_len;
    int is_void = t.self_closing || in_list(name, nl, void_elements);
    if (!is_void && ++r->depth > r->max_depth)
        r->max_depth = r->depth;
    int svg = cl_eq_ci(name, nl, "svg");
    if (!t.self_closing && (svg || cl_eq_ci(name, nl, "math"))) {
        size_t end = svg && !r->foreign ? svg_drawing_end(r, t.end) : 0;
        r->foreign++;
        if (end)
            return end;                     /* on to the "</svg" */
    }
    if (r->foreign)
        return t.end;
    if (cl_eq_ci(name, nl, "plaintext")) {  /* the rest of the page is text */
        emit(r, r->s + t.end, r->len - t.end);
        return r->len;
    }
    int script = cl_eq_ci(name, nl, "script"), style = cl_eq_ci(name, nl, "style");
    if (!script && !style && !in_list(name, nl, verbatim_elements))
        return t.end;
    size_t end = script ? script_end(r, t.end) : raw_text_end(r, t.end, name, nl);
    /* contents are dropped only when the element is closed: an unclosed one turns the
     * rest of the page into text for the parser too, and is left to it */
    int drop = style || (script && !t.json_type);
    if (!drop || end == r->len)
        emit(r, r->s + t.end, end - t.end);
    return end;
}

size_t cl_html_reduce(const char *html, size_t len, char *out, uint32_t *depth)
{
    reducer r = {.s = html, .len = len, .w = out};
    size_t i = 0;
    while (i < len) {
        const char *lt = memchr(html + i, '<', len - i);
        size_t j = lt ? (size_t)(lt - html) : len;
        emit_text(&r, html + i, j - i);
        i = j;
        if (i + 1 >= len) {
            emit(&r, html + i, len - i);
            break;
        }
        char c = html[i + 1];
        if (c == '!' && i + 3 < len && html[i + 2] == '-' && html[i + 3] == '-') {
            /* a comment's text is dropped; the node stays, as it splits runs of text */
            emit(&r, "<!---->", 7);
            i = comment_end(&r, i);
        } else if (c == '!' && r.foreign && i + 9 <= len && memcmp(html + i + 2, "[CDATA[", 7) == 0) {
            const char *e = memmem(html + i + 9, len - i - 9, "]]>", 3);
            size_t k = e ? (size_t)(e - html) + 3 : len;
            emit(&r, html + i, k - i);
            i = k;
        } else if (c == '!' || c == '?' || (c == '/' && (i + 2 >= len || !cl_is_ascii_alpha(html[i + 2])))) {
            size_t k = past_gt(&r, i);      /* doctype, bogus comments: as they are */
            emit(&r, html + i, k - i);
            i = k;
        } else if (c == '/') {
            size_t nl = 0;
            while (i + 2 + nl < len && !is_space(html[i + 2 + nl]) && html[i + 2 + nl] != '/' &&
                   html[i + 2 + nl] != '>')
                nl++;
            size_t k = tag_end(&r, i + 2 + nl);
            if (r.foreign && (cl_eq_ci(html + i + 2, nl, "svg") || cl_eq_ci(html + i + 2, nl, "math")))
                r.foreign--;
            r.depth -= r.depth > 0;
            emit(&r, html + i, k - i);
            i = k;
        } else if (cl_is_ascii_alpha(c)) {
            i = on_start_tag(&r, i);
        } else {
            *r.w++ = '<';
            i++;
        }
    }
    *r.w = '\0';
    *depth = (uint32_t)(r.max_depth > UINT32_MAX ? UINT32_MAX : r.max_depth);
    return (size_t)(r.w - out);
}
