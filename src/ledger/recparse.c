/* recparse.c - a validating single-pass reader for record lines (see recparse.h).
 *
 * The record's shape is described by field tables (name, kind, where the value goes), so
 * the code reads like docs/record.md: a value whose key is in the table is parsed into the
 * output struct, any other value is skipped by an iterative scanner that validates as
 * strictly as it parses. Recursion follows only the fixed shape of a record (record ->
 * claims -> claim -> when pair, four levels); arbitrary nesting in unknown keys is skipped
 * with an explicit stack of at most RP_MAX_DEPTH levels.
 *
 * Speed comes from not building anything for skipped values and from scanning strings
 * eight bytes at a time while they hold plain ASCII. Every read checks the end of the
 * input, which is not NUL-terminated. */
#include "ledger/recparse.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

#define RP_MAX_DEPTH 64

/* Parser state: the input, the cursor and the first error found. */
typedef struct rp {
    const unsigned char *p, *end, *start;
    cl_arena *arena;
    unsigned depth;          /* containers open around the cursor */
    uint64_t in_object;      /* bit d-1 set when the container at depth d is an object */
    const char *why;         /* static reason of the error */
    const unsigned char *at; /* where the error was found */
} rp;

static int fail(rp *s, const unsigned char *at, const char *why)
{
    if (!s->why) {
        s->why = why;
        s->at = at;
    }
    return 0;
}

static inline int is_digit(unsigned c) { return c - '0' < 10u; }

static inline void skip_ws(rp *s)
{
    const unsigned char *p = s->p, *end = s->end;
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    s->p = p;
}

/* ---------------------------------------------------------------- strings */

/* Byte classes inside a string: what the scanner must stop at. */
enum { B_PLAIN = 0, B_QUOTE, B_ESCAPE, B_CONTROL, B_MULTI };

#define R4(x) x, x, x, x
#define R16(x) R4(x), R4(x), R4(x), R4(x)
static const unsigned char byte_class[256] = {
    R16(B_CONTROL), R16(B_CONTROL),                                   /* 0x00 0x10 */
    B_PLAIN, B_PLAIN, B_QUOTE, B_PLAIN, R4(B_PLAIN), R4(B_PLAIN), R4(B_PLAIN), /* 0x20 */
    R16(B_PLAIN), R16(B_PLAIN),                                       /* 0x30 0x40 */
    R4(B_PLAIN), R4(B_PLAIN), R4(B_PLAIN), B_ESCAPE, B_PLAIN, B_PLAIN, B_PLAIN, /* 0x50 */
    R16(B_PLAIN), R16(B_PLAIN),                                       /* 0x60 0x70 */
    R16(B_MULTI), R16(B_MULTI), R16(B_MULTI), R16(B_MULTI),           /* 0x80 .. 0xbf */
    R16(B_MULTI), R16(B_MULTI), R16(B_MULTI), R16(B_MULTI),           /* 0xc0 .. 0xff */
};
#undef R4
#undef R16

/* Nonzero when one of the 8 bytes of x is a quote, a backslash, a control character or
 * not ASCII. The zero-byte tricks may flag bytes after a real hit (borrows), never before
 * one and never without one, so a zero result means the whole word is plain. */
static inline uint64_t word_special(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    uint64_t t = ((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x) | x;
    return t & highs;
}

/* Length of the valid UTF-8 sequence at p (2..4), or 0 when it is invalid or truncated:
 * overlong forms, UTF-16 surrogates and values above U+10FFFF are invalid (RFC 3629). */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0], lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* The value of four hex digits at p, or -1 when they are not four hex digits before end. */
static long hex4(const unsigned char *p, const unsigned char *end)
{
    if (end - p < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i];
        long d = is_digit(c) ? (long)(c - '0')
                 : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (long)((c | 0x20) - 'a' + 10)
                                                          : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Validates the escape whose backslash is at *pp and moves *pp past it. A \u escape must
 * not be \u0000 (jansson refused NUL) and surrogates must come as a high-low pair. */
static int scan_escape(rp *s, const unsigned char **pp)
{
    const unsigned char *p = *pp, *end = s->end;
    if (end - p < 2)
        return fail(s, end, "unterminated string");
    switch (p[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        *pp = p + 2;
        return 1;
    case 'u':
        break;
    default:
        return fail(s, p, "invalid escape in string");
    }
    long u = hex4(p + 2, end);
    if (u < 0)
        return fail(s, p, "invalid \\u escape");
    if (u == 0)
        return fail(s, p, "\\u0000 is not allowed");
    if (u >= 0xDC00 && u <= 0xDFFF)
        return fail(s, p, "unpaired low surrogate");
    if (u < 0xD800 || u > 0xDBFF) {
        *pp = p + 6;
        return 1;
    }
    long lo = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? hex4(p + 8, end) : -1;
    if (lo < 0xDC00 || lo > 0xDFFF)
        return fail(s, p, "unpaired high surrogate");
    *pp = p + 12;
    return 1;
}

/* Scans the string whose opening quote is at s->p, validating it, and leaves s->p after the
 * closing quote. The raw bytes between the quotes are [*raw, *raw + *raw_len); *escaped
 * tells whether they hold escapes (if not, they are the value itself). */
static int scan_string(rp *s, const unsigned char **raw, size_t *raw_len, int *escaped)
{
    const unsigned char *first = s->p + 1, *p = first, *end = s->end;
    int esc = 0;
    for (;;) {
        while (end - p >= 8) {
            uint64_t x;
            memcpy(&x, p, 8);
            if (word_special(x))
                break;
            p += 8;
        }
        while (p < end && byte_class[*p] == B_PLAIN)
            p++;
        if (p >= end)
            return fail(s, end, "unterminated string");
        size_t n;
        switch (byte_class[*p]) {
        case B_QUOTE:
            *raw = first;
            *raw_len = (size_t)(p - first);
            *escaped = esc;
            s->p = p + 1;
            return 1;
        case B_ESCAPE:
            if (!scan_escape(s, &p))
                return 0;
            esc = 1;
            break;
        case B_CONTROL:
            return fail(s, p, "control character in string");
        default:
            n = utf8_seq(p, end);
            if (!n)
                return fail(s, p, "invalid UTF-8 in string");
            p += n;
        }
    }
}

static size_t put_utf8(unsigned char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Unescapes raw string bytes already checked by scan_string into o, which needs n bytes (an
 * escape never decodes longer than itself). Returns the decoded length. */
static size_t unescape(unsigned char *o, const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n;
    unsigned char *o0 = o;
    while (p < end) {
        const unsigned char *bs = memchr(p, '\\', (size_t)(end - p));
        size_t run = bs ? (size_t)(bs - p) : (size_t)(end - p);
        memcpy(o, p, run);
        o += run;
        p += run;
        if (!bs)
            break;
        unsigned char e = p[1];
        p += 2;
        switch (e) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned long cp = (unsigned long)hex4(p, end);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned long lo = (unsigned long)hex4(p + 2, end);
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            o += put_utf8(o, cp);
            break;
        }
        default: *o++ = e; /* " \ / */
        }
    }
    return (size_t)(o - o0);
}

/* Parses the string at s->p into a NUL-terminated arena copy. */
static int keep_string(rp *s, const char **dst)
{
    const unsigned char *raw;
    size_t n;
    int esc;
    if (!scan_string(s, &raw, &n, &esc))
        return 0;
    if (!esc) {
        *dst = cl_arena_strndup(s->arena, (const char *)raw, n);
        return 1;
    }
    unsigned char *o = cl_arena_alloc(s->arena, n + 1);
    o[unescape(o, raw, n)] = '\0';
    *dst = (const char *)o;
    return 1;
}

/* ---------------------------------------------------------------- numbers and literals */

/* Converts an integral number's text into *out; returns 0 (and *out = 0) when it does not
 * fit in int64_t. */
static int to_int64(const unsigned char *p, const unsigned char *end, int64_t *out)
{
    int neg = *p == '-';
    p += neg;
    uint64_t lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, v = 0;
    *out = 0;
    for (; p < end; p++) {
        unsigned d = *p - '0';
        if (v > (lim - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = !neg ? (int64_t)v : v == lim ? INT64_MIN : -(int64_t)v;
    return 1;
}

/* The value of a number's text through strtod on a NUL-terminated copy. A locale whose
 * decimal point is not '.' would stop strtod at the '.', so then the point is swapped for
 * the locale's and the copy read again (what jansson does too). */
static double to_double(rp *s, const unsigned char *p, size_t n)
{
    char small[64];
    char *copy = n < sizeof small ? small : cl_arena_alloc(s->arena, n + 1);
    memcpy(copy, p, n);
    copy[n] = '\0';
    char *stop;
    double v = strtod(copy, &stop);
    if (*stop == '.') {
        const char *point = localeconv()->decimal_point;
        if (point && point[0] && !point[1]) {
            *stop = point[0];
            v = strtod(copy, NULL);
        }
    }
    return v;
}

/* Scans a number per the JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
 * *integral is set when it has neither fraction nor exponent (jansson's "integer"). Like
 * jansson, it rejects integers outside int64_t and reals that overflow a double; only long
 * or exponent numbers can, so the common ones are never converted here. */
static int scan_number(rp *s, int *integral)
{
    const unsigned char *p = s->p, *end = s->end, *digits;
    *integral = 1;
    if (p < end && *p == '-')
        p++;
    if (p >= end || !is_digit(*p))
        return fail(s, p, "invalid number");
    digits = p;
    if (*p == '0') {
        p++;
        if (p < end && is_digit(*p))
            return fail(s, p, "invalid number: leading zero");
    } else {
        while (p < end && is_digit(*p))
            p++;
    }
    size_t n_int = (size_t)(p - digits);
    int exponent = 0;
    if (p < end && *p == '.') {
        p++;
        if (p >= end || !is_digit(*p))
            return fail(s, p, "invalid number: no digit after '.'");
        while (p < end && is_digit(*p))
            p++;
        *integral = 0;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p >= end || !is_digit(*p))
            return fail(s, p, "invalid number: no digit in exponent");
        while (p < end && is_digit(*p))
            p++;
        *integral = 0;
        exponent = 1;
    }
    int64_t iv;
    if (*integral && n_int >= 19 && !to_int64(s->p, p, &iv))
        return fail(s, s->p, "integer out of range");
    if (!*integral && (exponent || n_int > 308)) {
        double v = to_double(s, s->p, (size_t)(p - s->p));
        if (v == HUGE_VAL || v == -HUGE_VAL)
            return fail(s, s->p, "real number overflow");
    }
    s->p = p;
    return 1;
}

static int scan_literal(rp *s)
{
    static const char *const words[] = {"true", "false", "null"};
    const char *w = *s->p == 't' ? words[0] : *s->p == 'f' ? words[1] : words[2];
    size_t n = strlen(w);
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n) != 0)
        return fail(s, s->p, "invalid token");
    s->p += n;
    return 1;
}

/* ---------------------------------------------------------------- skipping */

/* Opens the container at s->p ('{' or '['), enforcing the depth limit. */
static int open_container(rp *s)
{
    if (s->depth >= RP_MAX_DEPTH)
        return fail(s, s->p, "nesting deeper than 64 levels");
    uint64_t bit = (uint64_t)1 << s->depth;
    s->in_object = *s->p == '{' ? s->in_object | bit : s->in_object & ~bit;
    s->depth++;
    s->p++;
    return 1;
}

/* Reads an object key and its colon, leaving s->p at the value (whitespace skipped). The
 * key's raw bytes are returned as by scan_string. */
static int read_key(rp *s, const unsigned char **raw, size_t *n, int *esc)
{
    skip_ws(s);
    if (s->p >= s->end || *s->p != '"')
        return fail(s, s->p, s->p >= s->end ? "unexpected end of input" : "expected a string key");
    if (!scan_string(s, raw, n, esc))
        return 0;
    skip_ws(s);
    if (s->p >= s->end || *s->p != ':')
        return fail(s, s->p, s->p >= s->end ? "unexpected end of input" : "expected ':'");
    s->p++;
    skip_ws(s);
    return 1;
}

static int skip_key(rp *s)
{
    const unsigned char *raw;
    size_t n;
    int esc;
    return read_key(s, &raw, &n, &esc);
}

/* After a value inside the containers opened since depth `base`: closes containers until
 * one goes on with ','. Returns 1 when another value follows (s->p at it), 2 when the
 * container at depth base is done, 0 on error. */
static int after_value(rp *s, unsigned base)
{
    while (s->depth > base) {
        skip_ws(s);
        if (s->p >= s->end)
            return fail(s, s->p, "unexpected end of input");
        int obj = (int)(s->in_object >> (s->depth - 1) & 1);
        if (*s->p == ',') {
            s->p++;
            if (obj)
                return skip_key(s) ? 1 : 0;
            skip_ws(s);
            return 1;
        }
        if (*s->p != (obj ? '}' : ']'))
            return fail(s, s->p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
        s->p++;
        s->depth--;
    }
    return 2;
}

/* Validates and skips the value at s->p (whitespace before it already skipped). Iterative:
 * nesting costs one bit of s->in_object per level, not stack frames. */
static int skip_value(rp *s)
{
    const unsigned base = s->depth;
    for (;;) {
        if (s->p >= s->end)
            return fail(s, s->p, "unexpected end of input");
        unsigned char c = *s->p;
        const unsigned char *raw;
        size_t n;
        int flag;
        if (c == '{' || c == '[') {
            if (!open_container(s))
                return 0;
            skip_ws(s);
            if (s->p < s->end && *s->p == (c == '{' ? '}' : ']')) {
                s->p++;
                s->depth--;
            } else {
                if (c == '{' && !skip_key(s))
                    return 0;
                continue;
            }
        } else if (c == '"') {
            if (!scan_string(s, &raw, &n, &flag))
                return 0;
        } else if (c == '-' || is_digit(c)) {
            if (!scan_number(s, &flag))
                return 0;
        } else if (c == 't' || c == 'f' || c == 'n') {
            if (!scan_literal(s))
                return 0;
        } else {
            return fail(s, s->p, "invalid token");
        }
        int next = after_value(s, base);
        if (next != 1)
            return next == 2;
    }
}

/* ---------------------------------------------------------------- the record's shape */

enum field_kind {
    K_STR,    /* a string */
    K_INT,    /* an integral number */
    K_REAL,   /* any number */
    K_PAIR,   /* [lo, hi]: strings into off and off2 */
    K_OBJECT, /* an object read with table `sub` into the same struct */
    K_LIST    /* an array of objects read with `sub`: items at off, count at off2 */
};

typedef struct table table;

typedef struct field {
    const char *name;
    uint8_t len;
    uint8_t kind;
    uint8_t geo;            /* 1 for "lat", 2 for "lon": both numbers set has_latlon */
    uint16_t off, off2;
    const table *sub;
} field;

struct table {
    const field *fields;
    size_t n;
    size_t size;               /* bytes of one list element */
    size_t has_latlon;         /* offset of the has_latlon flag; 0 = no such flag */
};

#define F(T, kind, key, m) {key, sizeof key - 1, kind, 0, offsetof(T, m), 0, NULL}
#define GEO(T, key, m, bit) {key, sizeof key - 1, K_REAL, bit, offsetof(T, m), 0, NULL}
#define PAIR(T, key, lo, hi) {key, sizeof key - 1, K_PAIR, 0, offsetof(T, lo), offsetof(T, hi), NULL}
#define SUB(T, kind, key, m, n, t) {key, sizeof key - 1, kind, 0, offsetof(T, m), offsetof(T, n), t}
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const field claim_fields[] = {
    F(ledger_claim, K_STR, "claimant", claimant), F(ledger_claim, K_STR, "actor", actor),
    F(ledger_claim, K_STR, "side", side), F(ledger_claim, K_STR, "stance", stance),
    F(ledger_claim, K_STR, "predicate", predicate), F(ledger_claim, K_STR, "place", place),
    F(ledger_claim, K_STR, "country", country), F(ledger_claim, K_STR, "admin1", admin1),
    GEO(ledger_claim, "lat", lat, 1), GEO(ledger_claim, "lon", lon, 2),
    F(ledger_claim, K_STR, "holder", holder), PAIR(ledger_claim, "when", when_lo, when_hi),
    PAIR(ledger_claim, "said", said_lo, said_hi), F(ledger_claim, K_INT, "sentence", sentence),
    F(ledger_claim, K_INT, "line", line), F(ledger_claim, K_STR, "evidence", evidence),
};
static const table claim_table = {claim_fields, COUNT(claim_fields), sizeof(ledger_claim),
                                  offsetof(ledger_claim, has_latlon)};

static const field event_fields[] = {
    F(ledger_event, K_STR, "cameo", cameo), F(ledger_event, K_STR, "label", label),
    F(ledger_event, K_STR, "source", source), F(ledger_event, K_STR, "target", target),
    F(ledger_event, K_STR, "place", place), F(ledger_event, K_STR, "country", country),
    GEO(ledger_event, "lat", lat, 1), GEO(ledger_event, "lon", lon, 2),
    PAIR(ledger_event, "date", date_lo, date_hi), F(ledger_event, K_INT, "sentence", sentence),
    F(ledger_event, K_STR, "evidence", evidence),
};
static const table event_table = {event_fields, COUNT(event_fields), sizeof(ledger_event),
                                  offsetof(ledger_event, has_latlon)};

/* "date": {"value", "basis"} fills two fields of the record itself. */
static const field date_fields[] = {
    F(ledger_record, K_STR, "value", date), F(ledger_record, K_STR, "basis", date_basis),
};
static const table date_table = {date_fields, COUNT(date_fields), 0, 0};

static const field record_fields[] = {
    F(ledger_record, K_STR, "hash", hash), F(ledger_record, K_STR, "id", id),
    F(ledger_record, K_STR, "source", source), F(ledger_record, K_INT, "source_line", source_line),
    F(ledger_record, K_STR, "url", url), F(ledger_record, K_STR, "outlet", outlet),
    F(ledger_record, K_STR, "title", title), F(ledger_record, K_STR, "text", text),
    F(ledger_record, K_STR, "minhash", minhash),
    SUB(ledger_record, K_OBJECT, "date", date, date_basis, &date_table),
    SUB(ledger_record, K_LIST, "claims", claims, n_claims, &claim_table),
    SUB(ledger_record, K_LIST, "events", events, n_events, &event_table),
};
static const table record_table = {record_fields, COUNT(record_fields), sizeof(ledger_record), 0};

/* The field named by a key's raw bytes, or NULL. Escaped keys are compared unescaped. */
static const field *find_field(const table *t, const unsigned char *raw, size_t n, int esc)
{
    unsigned char buf[72]; /* a field name of 11 ASCII characters, each as \uXXXX */
    if (esc) {
        if (n > sizeof buf)
            return NULL;
        n = unescape(buf, raw, n);
        raw = buf;
    }
    for (size_t i = 0; i < t->n; i++) {
        const field *f = &t->fields[i];
        if (f->len == n && f->name[0] == raw[0] && memcmp(f->name, raw, n) == 0)
            return f;
    }
    return NULL;
}

static int parse_object(rp *s, const table *t, char *base);

/* Reads "[lo, hi]": the first two elements when they are strings; more are skipped. */
static int parse_pair(rp *s, const char **lo, const char **hi)
{
    if (!open_container(s))
        return 0;
    skip_ws(s);
    if (s->p < s->end && *s->p == ']') {
        s->p++;
        s->depth--;
        return 1;
    }
    for (size_t i = 0;; i++) {
        const char **slot = i == 0 ? lo : i == 1 ? hi : NULL;
        int ok = slot && s->p < s->end && *s->p == '"' ? keep_string(s, slot) : skip_value(s);
        if (!ok)
            return 0;
        int next = after_value(s, s->depth - 1);
        if (next != 1)
            return next == 2;
    }
}

/* Reads an array whose object elements fill t-shaped items (any other element gives an
 * all-zero item, as the jansson loader inserted one). Items live in the arena. */
static int parse_list(rp *s, const table *t, void *items, size_t *count)
{
    char *v = NULL;
    size_t n = 0, cap = 0;
    if (!open_container(s))
        return 0;
    skip_ws(s);
    if (s->p < s->end && *s->p == ']') {
        s->p++;
        s->depth--;
        return 1;
    }
    for (;;) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            v = cl_arena_grow(s->arena, v, cap * t->size, ncap * t->size);
            cap = ncap;
        }
        char *item = v + n++ * t->size;
        memset(item, 0, t->size);
        memcpy(items, &v, sizeof v); /* the slot is a typed pointer (ledger_claim * ...) */
        *count = n;
        int ok = s->p < s->end && *s->p == '{' ? parse_object(s, t, item) : skip_value(s);
        if (!ok)
            return 0;
        int next = after_value(s, s->depth - 1);
        if (next != 1)
            return next == 2;
    }
}

/* Reads the value at s->p into field f of base. Resets the field first, so the last of
 * duplicate keys wins and a value of another type leaves NULL / 0. Returns 1 when the value
 * had the expected type, 2 when it was skipped, 0 on error. */
static int parse_field(rp *s, const field *f, char *base)
{
    unsigned char c = s->p < s->end ? *s->p : 0;
    void *slot = base + f->off;
    int integral;
    const unsigned char *num = s->p;
    switch (f->kind) {
    case K_STR:
        *(const char **)slot = NULL;
        if (c == '"')
            return keep_string(s, slot);
        break;
    case K_INT:
    case K_REAL:
        if (f->kind == K_INT)
            *(int64_t *)slot = 0;
        else
            *(double *)slot = 0;
        if (c != '-' && !is_digit(c))
            break;
        if (!scan_number(s, &integral))
            return 0;
        if (f->kind == K_REAL)
            *(double *)slot = to_double(s, num, (size_t)(s->p - num));
        else if (integral)
            to_int64(num, s->p, slot);
        return 1;
    case K_PAIR:
        *(const char **)slot = *(const char **)(base + f->off2) = NULL;
        if (c == '[')
            return parse_pair(s, slot, (const char **)(base + f->off2));
        break;
    case K_OBJECT:
        for (size_t i = 0; i < f->sub->n; i++)
            *(const char **)(base + f->sub->fields[i].off) = NULL;
        if (c == '{')
            return parse_object(s, f->sub, base);
        break;
    case K_LIST:
        memset(slot, 0, sizeof(void *));
        *(size_t *)(base + f->off2) = 0;
        if (c == '[')
            return parse_list(s, f->sub, slot, (size_t *)(base + f->off2));
        break;
    }
    return skip_value(s) ? 2 : 0;
}

/* Reads the object at s->p with table t into base; unknown keys are skipped. */
static int parse_object(rp *s, const table *t, char *base)
{
    unsigned geo = 0; /* lat and lon bits whose last value was a number */
    if (!open_container(s))
        return 0;
    skip_ws(s);
    if (s->p < s->end && *s->p == '}') {
        s->p++;
        s->depth--;
        return 1;
    }
    const unsigned char *raw;
    size_t n;
    int esc;
    if (!read_key(s, &raw, &n, &esc))
        return 0;
    for (;;) {
        const field *f = find_field(t, raw, n, esc);
        int got = f ? parse_field(s, f, base) : skip_value(s) ? 2 : 0;
        if (!got)
            return 0;
        if (f && f->geo)
            geo = got == 1 ? geo | f->geo : geo & ~(unsigned)f->geo;
        skip_ws(s);
        if (s->p >= s->end)
            return fail(s, s->p, "unexpected end of input");
        if (*s->p == '}')
            break;
        if (*s->p != ',')
            return fail(s, s->p, "expected ',' or '}'");
        s->p++;
        if (!read_key(s, &raw, &n, &esc))
            return 0;
    }
    s->p++;
    s->depth--;
    if (t->has_latlon)
        *(int *)(base + t->has_latlon) = geo == 3;
    return 1;
}

/* ---------------------------------------------------------------- entry point */

cl_status ledger_record_parse(const char *json, size_t len, cl_arena *arena, ledger_record *out,
                              cl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!json)
        json = "", len = 0;
    rp s = {0};
    s.start = s.p = (const unsigned char *)json;
    s.end = s.start + len;
    s.arena = arena;
    skip_ws(&s);
    int ok;
    if (s.p >= s.end)
        ok = fail(&s, s.p, "unexpected end of input");
    else if (*s.p != '{')
        ok = fail(&s, s.p, "the top-level value must be an object");
    else
        ok = parse_object(&s, &record_table, (char *)out);
    if (ok) {
        skip_ws(&s);
        if (s.p < s.end)
            ok = fail(&s, s.p, "data after the object");
    }
    if (ok)
        return CL_OK;
    memset(out, 0, sizeof *out);
    uint64_t line = 1;
    for (const unsigned char *p = s.start; p < s.at; p++)
        line += *p == '\n';
    return cl_error_set(err, CL_EFORMAT, NULL, line, (uint64_t)(s.at - s.start) + 1,
                        "record is not a JSON object: %s", s.why);
}
