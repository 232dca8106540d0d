/* calendar.h - proleptic Gregorian calendar arithmetic on day numbers (days since
 * 1970-01-01) and closed day intervals. Every date in the engine is an interval so that
 * "earlier this week" or "mid-May" stays honest about its uncertainty. */
#ifndef CL_TIME_CALENDAR_H
#define CL_TIME_CALENDAR_H

#include <stdint.h>

#define CL_DAY_NONE INT32_MIN

typedef struct cl_interval {
    int32_t lo, hi;   /* inclusive day numbers; CL_DAY_NONE when unknown */
} cl_interval;

static inline cl_interval cl_interval_none(void) { return (cl_interval){CL_DAY_NONE, CL_DAY_NONE}; }
static inline int cl_interval_known(cl_interval i) { return i.lo != CL_DAY_NONE && i.hi != CL_DAY_NONE; }
static inline cl_interval cl_interval_day(int32_t d) { return (cl_interval){d, d}; }

/* Day number of a civil date; month 1..12, day 1..31 (not checked against month length). */
int32_t cl_days_from_civil(int y, int m, int d);
/* Civil date of a day number. */
void cl_civil_from_days(int32_t z, int *y, int *m, int *d);
/* 1 = Monday ... 7 = Sunday (ISO). */
int cl_weekday(int32_t z);
int cl_days_in_month(int y, int m);
int cl_is_valid_date(int y, int m, int d);
/* ISO week-numbering year and week of a day. */
void cl_iso_week(int32_t z, int *iso_year, int *week);
/* Monday of ISO week w of ISO year y. */
int32_t cl_iso_week_monday(int y, int w);

/* Formats a day as YYYY-MM-DD into out (at least 11 bytes); "unknown" when CL_DAY_NONE. */
void cl_format_day(int32_t z, char out[16]);
/* Parses YYYY-MM-DD (ignoring anything after the tenth byte) into a day number. */
int cl_parse_day(const char *s, int32_t *z);
/* Parses an ISO value naming a span of days: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY. */
int cl_parse_iso_interval(const char *s, cl_interval *out);

#endif
