/* actor.h - who is speaking or acting, and for which side.
 *
 * Finds actor mentions and resolves them to canonical actors with a side (ISO 3166 alpha-3
 * of the party they speak for; NATO, EU, UN for those bodies):
 *   - named people and organisations from data/actors.tsv, with spelling variants;
 *   - country words from data/countries.tsv: names ("Russia"), seats of government used
 *     as the government ("Moscow", "the Kremlin"), peoples ("the Ukrainians");
 *   - a country word plus an office or body from data/actor_roles.tsv ("the Russian defence
 *     ministry", "Ukraine's General Staff", "Ukrainian officials", "Kyiv's troops");
 *   - titles before names ("Ukraine's Deputy Defence Minister Ganna Malyar", "Foreign
 *     Minister Dmytro Kuleba"), appositions after names ("Hanna Maliar, Ukraine's deputy
 *     defense minister"), and later surname-only mentions ("Reznikov said").
 * General patterns do most of the work; the tables only hold facts. */
#ifndef CL_ACTOR_ACTOR_H
#define CL_ACTOR_ACTOR_H

#include "claimline/claimline.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

typedef struct cl_country {
    const char *alpha3;
    const char *name;      /* display name */
} cl_country;

/* What a country word is: its form is packed in the low 2 bits of the map value. */
enum cl_country_form { CL_CF_NAME = 0, CL_CF_ADJ = 1, CL_CF_PEOPLE = 2, CL_CF_SEAT = 3 };

typedef struct cl_known_actor {
    const char *id, *side, *name;
    uint8_t kind;          /* enum cl_actor_kind (doc.h) */
} cl_known_actor;

typedef struct cl_role {
    const char *suffix;
    uint8_t kind;
} cl_role;

typedef struct cl_actor_tables {
    cl_country *countries;
    uint32_t n_countries;
    cl_strmap country_words;   /* phrase -> (country index << 2) | form */
    cl_known_actor *actors;
    uint32_t n_actors;
    cl_strmap aliases;         /* phrase -> actor index */
    cl_role *roles;
    uint32_t n_roles;
    cl_strmap role_phrases;    /* phrase -> role index */
    cl_strmap titles;          /* title word -> 1 */
    cl_strmap prefixes;        /* every proper prefix of a multi-word phrase -> 1 */
} cl_actor_tables;

cl_status cl_actor_tables_load(cl_actor_tables *t, cl_arena *a, cl_error *err);

/* Fills doc->actors. */
void cl_actor_run(cl_doc *doc);

/* The side (alpha-3) denoted by the country word at token i ("Russian", "Ukraine's",
 * "Kyiv"), or NULL. *form receives the cl_country_form; *ntok the tokens used. */
const char *cl_actor_country_at(const cl_doc *doc, uint32_t i, uint32_t end, int *form,
                                uint32_t *ntok);

/* The side of a one-word nationality adjective at token i ("Ukrainian"), or NULL: a
 * cheap test fit for every capitalized token (cl_actor_country_at also tries phrases). */
const char *cl_actor_adjective_at(const cl_doc *doc, uint32_t i);

/* Index of the actor mention covering token i, or -1. */
int32_t cl_actor_at_token(const cl_doc *doc, uint32_t tok);

const char *cl_actor_kind_name(int kind);

#endif
