/* place.h - place mentions resolved against the gazetteer.
 *
 * Finds capitalized token runs that name a place, country or first-level subdivision, reads
 * "the Luhansk region / Donetsk province / Kharkiv oblast" as subdivisions, and picks among
 * same-named places by the document's country context (countries named, capitals, other
 * unambiguous places) and population. It refuses a person's name (tokens inside a person
 * mention, or glued to other capitalized words) and a common English word used as a word
 * ("Reading", "Mobile") unless a locative preposition or a region word supports it. A town
 * followed by a comma and its state or country ("Paris, Texas", "Springfield, Ill.",
 * "Kherson, Ukraine") is the town of that state or country. */
#ifndef CL_PLACE_PLACE_H
#define CL_PLACE_PLACE_H

#include "claimline/claimline.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

enum cl_place_word {
    CL_PW_REGION = 1,
    CL_PW_SETTLEMENT,
    CL_PW_LOCATIVE,
    CL_PW_AREA,
    CL_PW_FRONT,
    CL_PW_DIRECTION,
    CL_PW_SETTLEMENTS
};

typedef struct cl_place_tables {
    cl_strmap words;          /* word -> cl_place_word */
    cl_strmap alpha3_to_2;    /* "UKR" -> index of the gazetteer country entry */
    cl_strmap state_abbrev;   /* "Ill." -> row of the two arrays below */
    const char **abbrev_country, **abbrev_admin1;
} cl_place_tables;

cl_status cl_place_tables_load(cl_place_tables *t, const void *gaz, cl_arena *a, cl_error *err);

/* Fills doc->places. */
void cl_place_run(cl_doc *doc);

/* ISO alpha-2 of an alpha-3 code, or NULL. */
const char *cl_place_alpha2(const cl_doc *doc, const char *alpha3);

/* Index of the place mention covering token i, or -1. */
int32_t cl_place_at_token(const cl_doc *doc, uint32_t tok);

#endif
