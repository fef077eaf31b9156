// The writer's members and worker threads: the queue of closed members, deflated by workers
// in order and written by the calling thread in order (see parallel_zip.c).
#include "zip_writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_CAP ((uint64_t)32 << 20)
#define DEFAULT_STREAM_THRESHOLD ((uint64_t)16 << 20)
#define MAX_WORKERS 256

sgd_zip_writer *sgd_zip_writer_new(FILE *file, int workers, uint64_t cap, uint64_t stream_threshold) {
    sgd_zip_writer *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    z->file = file;
    z->workers = workers > MAX_WORKERS ? MAX_WORKERS : workers;
    z->cap = cap ? cap : DEFAULT_CAP;
    z->stream_threshold = stream_threshold ? stream_threshold : DEFAULT_STREAM_THRESHOLD;
    z->stream = malloc(sizeof *z->stream);
    if (z->workers > 1) {
        z->threads = calloc((size_t)z->workers, sizeof *z->threads);
        z->thread_streams = calloc((size_t)z->workers, sizeof *z->thread_streams);
    }
    if (!z->stream || (z->workers > 1 && (!z->threads || !z->thread_streams))) {
        free(z->stream);
        free(z->threads);
        free(z->thread_streams);
        free(z);
        errno = ENOMEM;
        return NULL;
    }
    pthread_mutex_init(&z->lock, NULL);
    pthread_cond_init(&z->work, NULL);
    pthread_cond_init(&z->done, NULL);
    return z;
}

void sgd_zip_writer_free(sgd_zip_writer *z) {
    // sgd_zip_close drains the queue and stops the workers first; an open member may be left.
    if (z->open) sgd_zip_member_free(z->open);
    if (z->streaming) sgd_zip_stream_abandon(z->stream);
    sgd_zip_entry_free(&z->stream_entry);
    pthread_mutex_destroy(&z->lock);
    pthread_cond_destroy(&z->work);
    pthread_cond_destroy(&z->done);
    free(z->central);
    free(z->stream);
    free(z->threads);
    free(z->thread_streams);
    free(z);
}

sgd_zip_member *sgd_zip_member_new(const sgd_zip_entry *entry, sgd_zip_method method) {
    sgd_zip_member *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->entry = *entry;
    m->method = method;
    return m;
}

void sgd_zip_member_free(sgd_zip_member *m) {
    sgd_zip_entry_free(&m->entry);
    free(m->input);
    free(m->chunks);
    free(m->output);
    free(m);
}

static int reserve(unsigned char **bytes, size_t *capacity, size_t need, size_t minimum) {
    if (need <= *capacity) return 1;
    size_t grown = *capacity ? *capacity : minimum;
    while (grown < need) grown *= 2;
    unsigned char *moved = realloc(*bytes, grown);
    if (!moved) return 0;
    *bytes = moved;
    *capacity = grown;
    return 1;
}

int sgd_zip_member_append(sgd_zip_member *m, const void *buf, unsigned len) {
    if (len == 0) return SGD_ZIP_OK;  // minizip's loop does nothing with it
    if (!reserve(&m->input, &m->input_capacity, m->input_size + len, 16384)) return SGD_ZIP_INTERNALERROR;
    if (m->chunk_count == m->chunk_capacity) {
        size_t grown = m->chunk_capacity ? m->chunk_capacity * 2 : 16;
        unsigned *moved = realloc(m->chunks, grown * sizeof *moved);
        if (!moved) return SGD_ZIP_INTERNALERROR;
        m->chunks = moved;
        m->chunk_capacity = grown;
    }
    memcpy(m->input + m->input_size, buf, len);
    m->input_size += len;
    m->chunks[m->chunk_count++] = len;
    return SGD_ZIP_OK;
}

static int memory_sink(void *context, const unsigned char *bytes, size_t count) {
    sgd_zip_member *m = context;
    if (!reserve(&m->output, &m->output_capacity, m->output_size + count, 4096)) {
        m->sink_failed = 1;
        errno = ENOMEM;
        return SGD_ZIP_ERRNO;
    }
    memcpy(m->output + m->output_size, bytes, count);
    m->output_size += count;
    return SGD_ZIP_OK;
}

/// Replays the member's pieces through zlib as minizip would have as they came.
static void deflate_member(sgd_zip_member *m, sgd_zip_stream *s) {
    int err = sgd_zip_stream_begin(s, m->method, memory_sink, m);
    size_t offset = 0;
    for (size_t i = 0; err == SGD_ZIP_OK && i < m->chunk_count; i++) {
        err = sgd_zip_stream_write(s, m->input + offset, m->chunks[i]);
        offset += m->chunks[i];
    }
    if (err == SGD_ZIP_OK) {
        err = sgd_zip_stream_finish(s);
    } else {
        sgd_zip_stream_abandon(s);
    }
    if (err == SGD_ZIP_OK && m->sink_failed) {
        err = SGD_ZIP_ERRNO;
        errno = ENOMEM;
    }
    m->err = err;
    m->err_errno = errno;
    m->sizes = (sgd_zip_sizes){s->crc32, s->total_compressed, s->total_uncompressed, s->stream.data_type == Z_ASCII};
    free(m->input);
    free(m->chunks);
    m->input = NULL;
    m->chunks = NULL;
}

typedef struct {
    sgd_zip_writer *z;
    sgd_zip_stream *stream;
} worker_start;

static void *worker(void *argument) {
    sgd_zip_writer *z = ((worker_start *)argument)->z;
    sgd_zip_stream *s = ((worker_start *)argument)->stream;
    free(argument);
    pthread_mutex_lock(&z->lock);
    for (;;) {
        while (!z->shutdown && !z->next_to_deflate) pthread_cond_wait(&z->work, &z->lock);
        sgd_zip_member *m = z->next_to_deflate;
        if (!m) break;  // shut down with nothing left
        z->next_to_deflate = m->next;
        m->state = SGD_MEMBER_DEFLATING;
        pthread_mutex_unlock(&z->lock);
        if (!atomic_load(&z->failed)) deflate_member(m, s);  // after a failure nothing more is written
        pthread_mutex_lock(&z->lock);
        z->held = z->held - m->held + m->output_size;
        m->held = m->output_size;
        m->state = SGD_MEMBER_DONE;
        pthread_cond_broadcast(&z->done);
    }
    pthread_mutex_unlock(&z->lock);
    return NULL;
}

static void start_worker(sgd_zip_writer *z) {
    sgd_zip_stream *stream = malloc(sizeof *stream);
    worker_start *start = malloc(sizeof *start);
    if (stream && start) {
        *start = (worker_start){z, stream};
        if (pthread_create(&z->threads[z->thread_count], NULL, worker, start) == 0) {
            z->thread_streams[z->thread_count++] = stream;
            return;
        }
    }
    free(stream);
    free(start);
}

void sgd_zip_enqueue(sgd_zip_writer *z, sgd_zip_member *m) {
    pthread_mutex_lock(&z->lock);
    m->state = SGD_MEMBER_QUEUED;
    m->held = m->input_size;
    z->held += m->held;
    if (z->tail) z->tail->next = m; else z->head = m;
    z->tail = m;
    if (!z->next_to_deflate) z->next_to_deflate = m;
    int waiting = 0;
    for (sgd_zip_member *q = z->next_to_deflate; q && waiting <= z->thread_count; q = q->next) waiting++;
    pthread_cond_signal(&z->work);
    pthread_mutex_unlock(&z->lock);
    // One more worker while members wait for one (the writer's own thread starts them).
    if (z->thread_count < z->workers && waiting > 0 && (z->thread_count == 0 || waiting > z->thread_count)) start_worker(z);
    if (z->thread_count == 0) {  // no thread could be started: deflate it here
        pthread_mutex_lock(&z->lock);
        z->next_to_deflate = NULL;
        m->state = SGD_MEMBER_DEFLATING;
        pthread_mutex_unlock(&z->lock);
        if (!atomic_load(&z->failed)) deflate_member(m, z->stream);
        pthread_mutex_lock(&z->lock);
        z->held = z->held - m->held + m->output_size;
        m->held = m->output_size;
        m->state = SGD_MEMBER_DONE;
        pthread_mutex_unlock(&z->lock);
    }
}

void sgd_zip_drain(sgd_zip_writer *z, int all) {
    pthread_mutex_lock(&z->lock);
    for (;;) {
        sgd_zip_member *m = z->head;
        if (!m) break;
        if (m->state == SGD_MEMBER_DONE) {
            z->head = m->next;
            if (!z->head) z->tail = NULL;
            z->held -= m->held;
            pthread_mutex_unlock(&z->lock);
            sgd_zip_write_member(z, m);
            sgd_zip_member_free(m);
            pthread_mutex_lock(&z->lock);
            continue;
        }
        if (!all && z->held <= z->cap) break;
        pthread_cond_wait(&z->done, &z->lock);
    }
    pthread_mutex_unlock(&z->lock);
}

void sgd_zip_stop_workers(sgd_zip_writer *z) {
    pthread_mutex_lock(&z->lock);
    z->shutdown = 1;
    pthread_cond_broadcast(&z->work);
    pthread_mutex_unlock(&z->lock);
    for (int i = 0; i < z->thread_count; i++) {
        pthread_join(z->threads[i], NULL);
        free(z->thread_streams[i]);
        z->thread_streams[i] = NULL;
    }
    z->workers_stopped = 1;
}
