/* calendar.c - Gregorian day arithmetic. The civil<->day conversions use the standard
 * era-based method: shift the year to start in March so the leap day is last, split into
 * 400-year eras, and count days within the era. */
#include "time/calendar.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

int32_t cl_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;                                        /* [0, 399] */
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;       /* [0, 365] */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                /* [0, 146096] */
    return (int32_t)(era * 146097 + doe - 719468);
}

void cl_civil_from_days(int32_t z0, int *y, int *m, int *d)
{
    int64_t z = (int64_t)z0 + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int cl_weekday(int32_t z)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = ((int64_t)z + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int cl_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int cl_is_valid_date(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= cl_days_in_month(y, m);
}

void cl_iso_week(int32_t z, int *iso_year, int *week)
{
    int32_t thursday = z - cl_weekday(z) + 4;
    int y, m, d;
    cl_civil_from_days(thursday, &y, &m, &d);
    int32_t jan1 = cl_days_from_civil(y, 1, 1);
    *iso_year = y;
    *week = (int)((thursday - jan1) / 7 + 1);
}

int32_t cl_iso_week_monday(int y, int w)
{
    int32_t jan4 = cl_days_from_civil(y, 1, 4);
    int32_t week1_monday = jan4 - (cl_weekday(jan4) - 1);
    return week1_monday + (w - 1) * 7;
}

void cl_format_day(int32_t z, char out[16])
{
    if (z == CL_DAY_NONE) {
        strcpy(out, "unknown");
        return;
    }
    int y, m, d;
    cl_civil_from_days(z, &y, &m, &d);
    if (y < 0 || y > 9999) {
        strcpy(out, "unknown");
        return;
    }
    /* by hand: this runs for every date of every record */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int cl_parse_day(const char *s, int32_t *z)
{
    int y, m, d;
    if (!s || !cl_parse_iso_day(s, strlen(s), &y, &m, &d) || !cl_is_valid_date(y, m, d))
        return 0;
    *z = cl_days_from_civil(y, m, d);
    return 1;
}

int cl_parse_iso_interval(const char *s, cl_interval *out)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    int32_t z;
    if (n >= 10 && cl_parse_day(s, &z)) {
        *out = cl_interval_day(z);
        return 1;
    }
    if (n < 4 || !cl_is_digit(s[0]) || !cl_is_digit(s[1]) || !cl_is_digit(s[2]) || !cl_is_digit(s[3]))
        return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (n == 4) {
        *out = (cl_interval){cl_days_from_civil(y, 1, 1), cl_days_from_civil(y, 12, 31)};
        return 1;
    }
    if (n == 8 && s[4] == '-' && s[5] == 'W' && cl_is_digit(s[6]) && cl_is_digit(s[7])) {
        int w = (s[6] - '0') * 10 + (s[7] - '0');
        if (w < 1 || w > 53)
            return 0;
        int32_t mon = cl_iso_week_monday(y, w);
        *out = (cl_interval){mon, mon + 6};
        return 1;
    }
    if (n == 7 && s[4] == '-' && cl_is_digit(s[5]) && cl_is_digit(s[6])) {
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12)
            return 0;
        *out = (cl_interval){cl_days_from_civil(y, m, 1), cl_days_from_civil(y, m, cl_days_in_month(y, m))};
        return 1;
    }
    return 0;
}
