// The writer's state, its members and its workers (private to CParallelZip).
#ifndef SGD_ZIP_WRITER_H
#define SGD_ZIP_WRITER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "zip_records.h"
#include "zip_stream.h"

enum { SGD_MEMBER_OPEN, SGD_MEMBER_QUEUED, SGD_MEMBER_DEFLATING, SGD_MEMBER_DONE };

/// A member buffered for a worker: its pieces as written (the lengths of the
/// zipWriteInFileInZip calls, so the worker gives zlib the same pieces), then its deflated bytes.
typedef struct sgd_zip_member {
    struct sgd_zip_member *next;
    sgd_zip_entry entry;
    sgd_zip_method method;
    int state;
    unsigned char *input;
    size_t input_size, input_capacity;
    unsigned *chunks;
    size_t chunk_count, chunk_capacity;
    unsigned char *output;
    size_t output_size, output_capacity;
    int sink_failed;
    uint64_t held;  // what it counts in the writer's `held`
    sgd_zip_sizes sizes;
    int err, err_errno;
} sgd_zip_member;

typedef struct {
    FILE *file;
    uint64_t position;       // bytes written: where the next record goes
    int error, saved_errno;  // the first failure, reported from then on
    atomic_int failed;       // error != OK, for the workers (which then skip deflating)
    unsigned char *central;  // the central directory so far
    size_t central_size, central_capacity;
    uint64_t entries;
    int in_opened_file;
    sgd_zip_member *open;   // the open member, when buffered
    int streaming;          // the open member is deflated on the calling thread
    sgd_zip_entry stream_entry;
    uint64_t stream_local_header;
    sgd_zip_stream *stream;
    int workers;
    uint64_t cap, stream_threshold;
    // Shared with the workers, under `lock`:
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    sgd_zip_member *head, *tail;  // closed members not yet written, in order
    sgd_zip_member *next_to_deflate;
    uint64_t held;  // bytes buffered, deflating, or deflated and not yet written
    int shutdown;
    pthread_t *threads;
    sgd_zip_stream **thread_streams;
    int thread_count;  // workers started
    int workers_stopped;
} sgd_zip_writer;

sgd_zip_writer *sgd_zip_writer_new(FILE *file, int workers, uint64_t cap, uint64_t stream_threshold);
void sgd_zip_writer_free(sgd_zip_writer *z);

sgd_zip_member *sgd_zip_member_new(const sgd_zip_entry *entry, sgd_zip_method method);
int sgd_zip_member_append(sgd_zip_member *m, const void *buf, unsigned len);
void sgd_zip_member_free(sgd_zip_member *m);

/// Queues a closed member for the workers (starting one if fewer than `workers` run; with none
/// it deflates it here).
void sgd_zip_enqueue(sgd_zip_writer *z, sgd_zip_member *m);
/// Writes the deflated members at the head of the queue, in order; waits for the workers
/// until all are written (`all`) or until at most `cap` bytes are held.
void sgd_zip_drain(sgd_zip_writer *z, int all);
/// Ends the workers (after the queue is empty) and waits for them.
void sgd_zip_stop_workers(sgd_zip_writer *z);

// parallel_zip.c
void sgd_zip_fail(sgd_zip_writer *z, int code);
int sgd_zip_write_bytes(sgd_zip_writer *z, const void *bytes, size_t count);
void sgd_zip_write_member(sgd_zip_writer *z, sgd_zip_member *m);

#endif
