/* timex.h - TIMEX3 tagging and normalization, and the document date.
 *
 * The tagger walks each sentence's tokens and recognizes dates (January 12, 2023; Jan. 12;
 * 12 January; mid-May; the 1990s; spring 2022; Friday; Thursday evening; yesterday; last
 * week; earlier this week; the previous day; two weeks ago), times (3 p.m.; 12:30; noon),
 * durations (three years; nearly 11 months; a two-day visit; recent weeks) and sets (daily;
 * every week). Values follow TimeML/ISO: 2023-01-12, 2023-01-12TEV, 2023-W02, 2023-05 with
 * mod MID, 199 (a decade), 2022-SU, P3Y, PRESENT_REF, XXXX-01-12 when the year cannot be
 * known. Relative expressions are anchored to the document date, weekdays by the tense of
 * their clause ("said on Friday" is the past Friday, "will meet on Tuesday" the next one),
 * and anaphoric ones ("the previous day", "that evening") to the last date mentioned.
 * Every date also gets the interval of days it denotes, which claims use.
 *
 * Vocabulary lives in data/time.tsv. */
#ifndef CL_TIME_TIMEX_H
#define CL_TIME_TIMEX_H

#include "claimline/claimline.h"
#include "time/calendar.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

enum cl_time_cat {
    CL_TC_MONTH = 1,
    CL_TC_WEEKDAY,
    CL_TC_RELDAY,
    CL_TC_PARTOFDAY,
    CL_TC_UNIT,
    CL_TC_UNITS,
    CL_TC_NUMBER,
    CL_TC_ORDINAL,
    CL_TC_SEASON,
    CL_TC_MOD,
    CL_TC_APPROX,
    CL_TC_SHIFT,
    CL_TC_REF,
    CL_TC_SET,
    CL_TC_HOLIDAY,
    /* context words: they never start an expression, rules read them around one */
    CL_TC_WEAK_MONTH,   /* a month name that is also a word ("may", "march"): value 1 when
                         * a verb after it ("May was ...") shows it is the month */
    CL_TC_MONTH_VERB,   /* a verb after a month as subject ("May was a hard month") */
    CL_TC_MONTH_CUE,    /* a word before a month name that shows it is one ("in May") */
    CL_TC_COUNT_CUE,    /* a word before a number that makes it a count ("some 2000") */
    CL_TC_COUNTED,      /* a noun after a number that makes it a count ("2000 troops") */
    CL_TC_ZONE,         /* a time zone after a clock time ("10 a.m. GMT") */
    CL_TC_PAST_VERB,    /* an irregular verb in the past tense ("said", "fell") */
    CL_TC_NOT_PAST,     /* a word in -ed that is no past tense ("need", "indeed") */
    CL_TC_FUTURE        /* a word that points to the future ("will", "scheduled") */
};

typedef struct cl_time_lexeme {
    uint8_t cat;
    uint8_t anaphoric;   /* shift relative to the previous expression ("previous") */
    int32_t ival;        /* numeric value (month, weekday, offset, number) */
    const char *sval;    /* code value (MO, SP, START, P1D, 12-25 ...) */
    uint32_t next;       /* next lexeme of the same word, or UINT32_MAX */
} cl_time_lexeme;

typedef struct cl_time_tables {
    cl_strmap words;     /* lowercased word -> first lexeme */
    cl_time_lexeme *lex;
    uint32_t n_lex;
    cl_strmap literals;  /* words the matchers compare literally (see timex.c) */
} cl_time_tables;

cl_status cl_time_tables_load(cl_time_tables *t, cl_arena *a, cl_error *err);

/* Sets doc->date from the metadata date (or a dated dateline), then tags doc->timexes. */
void cl_time_run(cl_doc *doc);

/* Tags timexes only (doc->date must be set by the caller). */
void cl_timex_tag(cl_doc *doc);

const char *cl_timex_type_name(int type);

#endif
