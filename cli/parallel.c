/* parallel.c - extraction on worker threads with records handed back in input order.
 *
 * The main thread reads (the reader belongs to one thread), copies each document into a
 * slot of a ring, and emits finished slots oldest first; workers take queued slots and
 * run cl_extract and cl_doc_to_json on the shared, immutable context. The ring holds at
 * most 2 * workers + 2 documents, so memory stays flat whatever the input size, and the
 * output is byte-for-byte the output of one thread. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

enum { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

typedef struct slot {
    int state;
    cl_input in;   /* strings point into copy */
    char *copy;
    cl_doc *doc;   /* NULL when rejected */
    char *json;    /* NULL with doc set: the record was too large to write */
    size_t len;
    cl_error err;
} slot;

typedef struct pool {
    const cl_context *ctx;
    unsigned extract_flags, record_flags;
    slot *ring;
    size_t cap;
    size_t next_run;  /* next slot a worker takes (ring index of the sequence) */
    uint64_t queued;  /* documents put in the ring so far */
    uint64_t started; /* documents taken by workers so far */
    int closing;
    pthread_mutex_t mu;
    pthread_cond_t work;  /* a slot was queued, or closing */
    pthread_cond_t done;  /* a slot finished */
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->closing && p->started == p->queued)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->started == p->queued && p->closing)
            break;
        slot *s = &p->ring[p->started % p->cap];
        p->started++;
        if (s->state != SLOT_QUEUED)
            continue; /* a rejection kept in line */
        s->state = SLOT_RUNNING;
        pthread_mutex_unlock(&p->mu);

        s->doc = cl_extract(p->ctx, &s->in, p->extract_flags, &s->err);
        if (s->doc)
            s->json = cl_doc_to_json(s->doc, p->record_flags, &s->len);

        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Copies the strings of in into one allocation owned by the slot. */
static int copy_input(slot *s, const cl_input *in)
{
    const char *fields[6] = {in->id, in->source, in->url, in->date, in->title, in->outlet};
    size_t total = in->text_len + 1;
    for (int i = 0; i < 6; i++)
        total += fields[i] ? strlen(fields[i]) + 1 : 0;
    char *buf = malloc(total);
    if (!buf)
        return -1;
    s->copy = buf;
    s->in = *in;
    const char **dst[6] = {&s->in.id, &s->in.source, &s->in.url, &s->in.date, &s->in.title,
                           &s->in.outlet};
    char *w = buf;
    for (int i = 0; i < 6; i++) {
        if (!fields[i]) {
            *dst[i] = NULL;
            continue;
        }
        size_t n = strlen(fields[i]) + 1;
        memcpy(w, fields[i], n);
        *dst[i] = w;
        w += n;
    }
    if (in->text_len)
        memcpy(w, in->text, in->text_len);
    w[in->text_len] = '\0';
    s->in.text = w;
    return 0;
}

/* Hands one finished slot to the sink and frees it. Returns the sink's verdict. */
static int emit(slot *s, const cl_parallel_sink *out, long *rejected, uint64_t *docs)
{
    int rc = 0;
    if (!s->doc) {
        out->reject(&s->err);
        (*rejected)++;
    } else if (!s->json) {
        snprintf(s->err.message, sizeof s->err.message, "record too large to write");
        snprintf(s->err.source, sizeof s->err.source, "%s", s->in.source ? s->in.source : "input");
        s->err.line = s->in.source_line;
        out->reject(&s->err);
        (*rejected)++;
    } else {
        rc = out->record(out->user, s->json, s->len, s->doc);
        if (rc == 0)
            (*docs)++;
    }
    free(s->json);
    cl_doc_free(s->doc);
    free(s->copy);
    memset(s, 0, sizeof *s);
    return rc;
}

long cl_parallel_run(const cl_context *ctx, cl_reader *rd, unsigned extract_flags,
                     unsigned record_flags, int workers, const cl_parallel_sink *out,
                     uint64_t *docs_out)
{
    pool p;
    memset(&p, 0, sizeof p);
    p.ctx = ctx;
    p.extract_flags = extract_flags;
    p.record_flags = record_flags;
    p.cap = (size_t)workers * 2 + 2;
    p.ring = calloc(p.cap, sizeof *p.ring);
    pthread_t *threads = calloc((size_t)workers, sizeof *threads);
    if (!p.ring || !threads) {
        free(p.ring);
        free(threads);
        return -1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    int started = 0;
    for (; started < workers; started++)
        if (pthread_create(&threads[started], NULL, worker, &p) != 0)
            break;

    long rejected = 0;
    uint64_t docs = 0, emitted = 0;
    int eof = started == 0, failed = started == 0;
    while (!failed) {
        /* fill the free slots */
        while (!eof && p.queued - emitted < p.cap) {
            cl_input in;
            cl_error rej;
            cl_read_kind k = cl_reader_next(rd, &in, &rej);
            if (k == CL_READ_END) {
                eof = 1;
                break;
            }
            slot *s = &p.ring[p.queued % p.cap];
            int state = SLOT_QUEUED;
            if (k == CL_READ_REJECT || copy_input(s, &in) != 0) {
                /* rejections keep their place in line, so stderr reads as with one thread */
                if (k != CL_READ_REJECT) {
                    snprintf(rej.message, sizeof rej.message, "out of memory copying the document");
                    snprintf(rej.source, sizeof rej.source, "%s", in.source ? in.source : "input");
                    rej.line = in.source_line;
                }
                s->err = rej;
                state = SLOT_DONE;
            }
            pthread_mutex_lock(&p.mu);
            s->state = state;
            p.queued++;
            pthread_cond_signal(&p.work);
            pthread_mutex_unlock(&p.mu);
        }
        if (emitted == p.queued)
            break; /* eof and nothing in flight */
        /* emit the oldest once it is done */
        slot *s = &p.ring[emitted % p.cap];
        pthread_mutex_lock(&p.mu);
        while (s->state != SLOT_DONE)
            pthread_cond_wait(&p.done, &p.mu);
        pthread_mutex_unlock(&p.mu);
        if (emit(s, out, &rejected, &docs) != 0)
            failed = 1;
        emitted++;
    }
    /* on a sink failure, let the workers finish what they hold, then drop it */
    pthread_mutex_lock(&p.mu);
    p.closing = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    for (; emitted < p.queued; emitted++) {
        slot *s = &p.ring[emitted % p.cap];
        free(s->json);
        cl_doc_free(s->doc);
        free(s->copy);
    }
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.work);
    pthread_mutex_destroy(&p.mu);
    free(threads);
    free(p.ring);
    if (docs_out)
        *docs_out = docs;
    return failed ? -1 : rejected;
}
