/* event.h - CAMEO event coding of what sentences report.
 *
 * Claims become events by predicate (control -> 192 occupy territory, fighting/advance/
 * repel -> 190 use conventional military force, retreat -> 0874), verb-object pairs become
 * actions (163 sanctions, 072 provide military aid, 0232 appeal for military aid), and every
 * attributed statement is 010 make statement, with source and target sides, place and date:
 * the coding GDELT, ICEWS and PHOENIX users work with. Mappings live in data/cameo.tsv. */
#ifndef CL_EVENT_EVENT_H
#define CL_EVENT_EVENT_H

#include "claimline/claimline.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

typedef struct cl_cameo_action {
    const char *cameo, *label;
    cl_strmap verbs, objects;
} cl_cameo_action;

typedef struct cl_event_tables {
    const char *pred_cameo[8], *pred_label[8];
    const char *statement_cameo, *statement_label;
    cl_cameo_action actions[16];
    uint32_t n_actions;
} cl_event_tables;

cl_status cl_event_tables_load(cl_event_tables *t, cl_arena *a, cl_error *err);

/* Fills doc->events (after claims). */
void cl_event_run(cl_doc *doc);

#endif
