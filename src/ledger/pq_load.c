/* pq_load.c - loading libpq at run time (see pq_load.h). */
#include "ledger/pq_load.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int pq_api_load(pq_api *api, char *why, size_t cap)
{
    memset(api, 0, sizeof *api);
    api->lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!api->lib) {
        const char *e = dlerror();
        snprintf(why, cap, "PostgreSQL ledgers need libpq (Debian package libpq5): %s",
                 e ? e : "cannot load libpq.so.5");
        return 0;
    }
    /* each symbol into its slot; POSIX lets a data pointer from dlsym become a function
     * pointer, which memcpy says without a cast the compiler would question */
#define LOAD(name)                                                                          \
    do {                                                                                    \
        void *sym = dlsym(api->lib, #name);                                                 \
        if (!sym) {                                                                         \
            snprintf(why, cap, "libpq.so.5 has no %s: too old a libpq", #name);             \
            pq_api_unload(api);                                                             \
            return 0;                                                                       \
        }                                                                                   \
        memcpy(&api->name, &sym, sizeof sym);                                               \
    } while (0)
    LOAD(PQconnectdb);
    LOAD(PQstatus);
    LOAD(PQfinish);
    LOAD(PQerrorMessage);
    LOAD(PQexec);
    LOAD(PQexecParams);
    LOAD(PQresultStatus);
    LOAD(PQresultErrorMessage);
    LOAD(PQresultErrorField);
    LOAD(PQclear);
    LOAD(PQntuples);
    LOAD(PQnfields);
    LOAD(PQgetvalue);
    LOAD(PQgetisnull);
    LOAD(PQputCopyData);
    LOAD(PQputCopyEnd);
    LOAD(PQgetResult);
#undef LOAD
    return 1;
}

void pq_api_unload(pq_api *api)
{
    if (api->lib)
        dlclose(api->lib);
    memset(api, 0, sizeof *api);
}
