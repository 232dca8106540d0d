/* cmd_serve.c - `claimline serve`: the ledger's JSON API and web page over HTTP
 * (libmicrohttpd). Requests are answered by a pool of threads, each borrowing one of a
 * pool of read-only ledger handles, so readers never take the write lock: loads can run
 * meanwhile, and since every batch is one transaction a reader sees whole documents only.
 * Runs until SIGINT or SIGTERM. */
#include <arpa/inet.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "serve_api.h"

static const char serve_usage[] =
    "usage: claimline serve [--db LEDGER] [--bind ADDRESS] [--port N] [--threads N]\n"
    "\n"
    "Serves the ledger (a SQLite file or a postgresql:// URI, read-only) over HTTP until\n"
    "interrupted: a web page at / (a place's claims side by side by party, with evidence and\n"
    "conflicts) and a JSON API:\n"
    "  /api/stats                                  documents, claims, events, copies\n"
    "  /api/timeline?place=P[&side&since&until&window]   claims in date order, conflicts\n"
    "  /api/claims?[place&side&actor&predicate&since&until&limit]\n"
    "  /api/conflicts?[place&side&since&until&window]\n"
    "  /api/events?[place&side&cameo&since&until&limit&copies]\n"
    "  /api/document?claim=ID                     the article a claim came from, with its\n"
    "                                             evidence sentence (ID: a claim's \"id\")\n"
    "Defaults: --bind 127.0.0.1 --port 8080, one thread per core. Dates are YYYY-MM-DD;\n"
    "limit defaults to 1000 rows (at most 10000).\n";

enum { MAX_PARAMS = 32 };

/* Read-only ledger handles shared by the server threads. */
typedef struct ledger_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    cl_ledger **handles;
    int *busy;
    int n;
} ledger_pool;

static cl_ledger *borrow(ledger_pool *p, int *slot)
{
    pthread_mutex_lock(&p->lock);
    for (;;) {
        for (int i = 0; i < p->n; i++) {
            if (!p->busy[i]) {
                p->busy[i] = 1;
                *slot = i;
                pthread_mutex_unlock(&p->lock);
                return p->handles[i];
            }
        }
        pthread_cond_wait(&p->freed, &p->lock);
    }
}

static void give_back(ledger_pool *p, int slot)
{
    pthread_mutex_lock(&p->lock);
    p->busy[slot] = 0;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

typedef struct param_list {
    serve_param v[MAX_PARAMS];
    size_t n;
    int overflow;
} param_list;

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    param_list *l = cls;
    if (l->n == MAX_PARAMS) {
        l->overflow = 1;
        return MHD_NO;
    }
    l->v[l->n].key = key;
    l->v[l->n++].value = value;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls)
{
    (void)version;
    (void)upload;
    static int first_call_seen;
    if (!*req_cls) { /* headers only so far: answer on the next call */
        *req_cls = &first_call_seen;
        return MHD_YES;
    }
    if (*upload_size) { /* a body is never needed: drop it */
        *upload_size = 0;
        return MHD_YES;
    }
    ledger_pool *pool = cls;
    param_list params = {0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_param, &params);
    serve_reply reply;
    if (params.overflow) {
        static const char msg[] = "{\"error\":\"too many parameters\"}\n";
        reply = (serve_reply){400, "application/json", strdup(msg), sizeof msg - 1};
    } else {
        int slot;
        cl_ledger *lg = borrow(pool, &slot);
        serve_handle(lg, method, url, params.v, params.n, &reply);
        give_back(pool, slot);
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(reply.body ? reply.len : 0, reply.body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(reply.body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, reply.type ? reply.type : "text/plain");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result r = MHD_queue_response(conn, (unsigned)reply.status, resp);
    MHD_destroy_response(resp);
    return r;
}

int cmd_serve(int argc, char **argv)
{
    const char *db = cli_default_db(), *bind = "127.0.0.1";
    int port = 8080, threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"bind", required_argument, NULL, 'b'},
                                         {"port", required_argument, NULL, 'p'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd': db = optarg; break;
        case 'b': bind = optarg; break;
        case 'p':
            port = (int)strtol(optarg, &end, 10);
            if (*end || port < 1 || port > 65535) {
                fprintf(stderr, "claimline: --port must be 1..65535\n");
                return EXIT_USAGE;
            }
            break;
        case 't':
            threads = (int)strtol(optarg, &end, 10);
            if (*end || threads < 1 || threads > 256) {
                fprintf(stderr, "claimline: --threads must be 1..256\n");
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(serve_usage, stdout); return EXIT_OK;
        default: fputs(serve_usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fputs(serve_usage, stderr);
        return EXIT_USAGE;
    }
    if (threads < 1)
        threads = 1;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, bind, &addr.sin_addr) != 1) {
        fprintf(stderr, "claimline: --bind needs an IPv4 address, not '%s'\n", bind);
        return EXIT_USAGE;
    }

    ledger_pool pool = {.n = threads};
    pthread_mutex_init(&pool.lock, NULL);
    pthread_cond_init(&pool.freed, NULL);
    pool.handles = calloc((size_t)threads, sizeof *pool.handles);
    pool.busy = calloc((size_t)threads, sizeof *pool.busy);
    int rc = EXIT_OK;
    for (int i = 0; pool.handles && pool.busy && i < threads; i++) {
        if (!(pool.handles[i] = cli_open_readonly(db))) {
            rc = EXIT_FAIL;
            break;
        }
    }
    if (!pool.handles || !pool.busy)
        rc = EXIT_FAIL;

    /* SIGINT/SIGTERM are taken by sigwait below, in this thread only */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    struct MHD_Daemon *d = NULL;
    if (rc == EXIT_OK) {
        d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
                             (uint16_t)port, NULL, NULL, on_request, &pool,
                             MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                             MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
                             MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                             MHD_OPTION_END);
        if (!d) {
            fprintf(stderr, "claimline: cannot listen on %s:%d (in use, or not allowed)\n", bind, port);
            rc = EXIT_FAIL;
        }
    }
    if (d) {
        char name[512];
        fprintf(stderr, "claimline: serving %s on http://%s:%d/ (Ctrl-C stops)\n",
                cl_ledger_display_name(db, name, sizeof name), bind, port);
        int sig;
        sigwait(&stop, &sig);
        MHD_stop_daemon(d);
    }
    for (int i = 0; pool.handles && i < threads; i++)
        cl_ledger_close(pool.handles[i]);
    free(pool.handles);
    free(pool.busy);
    pthread_cond_destroy(&pool.freed);
    pthread_mutex_destroy(&pool.lock);
    return rc;
}
