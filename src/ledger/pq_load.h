/* pq_load.h - libpq, loaded when a PostgreSQL ledger is opened rather than linked into the
 * tool: libpq brings about twenty libraries (TLS, Kerberos, LDAP) whose loading took 4 of
 * every command's 7 ms of start-up, for SQLite ledgers too. Each store holds its own
 * table (dlopen counts references), so there is no process-wide state. */
#ifndef CL_LEDGER_PQ_LOAD_H
#define CL_LEDGER_PQ_LOAD_H

#include <libpq-fe.h>
#include <stddef.h>

/* The libpq functions the PostgreSQL store calls, under their own names. */
typedef struct pq_api {
    void *lib;
    PGconn *(*PQconnectdb)(const char *conninfo);
    ConnStatusType (*PQstatus)(const PGconn *conn);
    void (*PQfinish)(PGconn *conn);
    char *(*PQerrorMessage)(const PGconn *conn);
    PGresult *(*PQexec)(PGconn *conn, const char *query);
    PGresult *(*PQexecParams)(PGconn *conn, const char *command, int nParams,
                              const Oid *paramTypes, const char *const *paramValues,
                              const int *paramLengths, const int *paramFormats, int resultFormat);
    ExecStatusType (*PQresultStatus)(const PGresult *res);
    char *(*PQresultErrorMessage)(const PGresult *res);
    char *(*PQresultErrorField)(const PGresult *res, int fieldcode);
    void (*PQclear)(PGresult *res);
    int (*PQntuples)(const PGresult *res);
    int (*PQnfields)(const PGresult *res);
    char *(*PQgetvalue)(const PGresult *res, int tup_num, int field_num);
    int (*PQgetisnull)(const PGresult *res, int tup_num, int field_num);
    int (*PQputCopyData)(PGconn *conn, const char *buffer, int nbytes);
    int (*PQputCopyEnd)(PGconn *conn, const char *errormsg);
    PGresult *(*PQgetResult)(PGconn *conn);
} pq_api;

/* Loads libpq (soname libpq.so.5) and every function above. Returns 1, or 0 with the
 * reason in why. */
int pq_api_load(pq_api *api, char *why, size_t cap);

/* Lets go of the library (a no-op when it was not loaded). */
void pq_api_unload(pq_api *api);

#endif
