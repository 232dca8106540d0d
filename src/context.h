/* context.h - the engine's shared, read-only state: language tables and the gazetteer.
 * Built once by cl_context_new, then used by every document on every thread. */
#ifndef CL_CONTEXT_H
#define CL_CONTEXT_H

#include "claimline/claimline.h"
#include "actor/actor.h"
#include "attrib/attrib.h"
#include "claim/claim.h"
#include "clean/clean.h"
#include "data/words.h"
#include "event/event.h"
#include "place/gazetteer.h"
#include "place/place.h"
#include "segment/segment.h"
#include "time/timex.h"
#include "util/arena.h"

struct cl_context {
    cl_arena arena;            /* owns every table below */
    cl_options opts;
    cl_gazetteer gaz;
    cl_words words;            /* ordinary lower-case English words */
    cl_clean_tables clean;
    cl_segment_tables segment;
    cl_time_tables time;
    cl_place_tables place;
    cl_actor_tables actor;
    cl_attrib_tables attrib;
    cl_claim_tables claim;
    cl_event_tables event;
};

#endif
