// A zip writer with minizip's API, deflating members on worker threads (issue 18).
//
// libxlsxwriter writes an .xlsx through minizip 1.1 (Debian's libminizip1), one member after
// another: zipOpenNewFileInZip4_64, zipWriteInFileInZip in 16 KiB pieces, zipCloseFileInZip,
// and zipClose at the end. minizip deflates each piece as it comes, so a workbook's ~2 s of
// zlib (the sweep benchmark: 95 MB of XML in 1,800 members) runs on one core after the other
// files are done. This file defines those five functions in the executable, which exports
// them (Package.swift: `exportParallelZip`), so that the dynamic linker binds libxlsxwriter's
// calls to them rather than to libminizip's (ELF symbol interposition, as CFixedFormat does
// for Cairo's `__snprintf_chk`). If the export were lost, libxlsxwriter would call minizip as
// before: slower, same bytes.
//
// With workers (sgd_zip_set_workers > 1), a member's pieces are copied into memory; when it is
// closed, a worker replays them through zlib exactly as minizip would (zip_stream.c: the same
// deflateInit2 parameters, the same pieces with Z_NO_FLUSH, the same 64 KiB output windows,
// then Z_FINISH) while libxlsxwriter goes on to the next member. The calling thread writes the
// finished members in their order, each local header with its final CRC and sizes (minizip
// writes zeros and seeks back to fill them: the file ends up the same), and keeps the central
// directory. Memory is bounded: when the buffered and deflated-but-unwritten bytes pass
// `buffer_cap`, zipCloseFileInZip waits for the workers; a member that grows past
// `stream_threshold` is not buffered whole: the earlier members are finished and written, and
// it is deflated on the calling thread as it comes, as minizip does. Without workers, every
// member goes that way and no thread is started.
//
// Errors give minizip's codes (ZIP_ERRNO with errno as the failed call left it, ZIP_PARAMERROR,
// ZIP_BADZIPFILE, zlib's), but a deferred member's failure is reported by a later call than
// minizip's (the next zipCloseFileInZip, or zipClose); libxlsxwriter maps every code to the
// same lxw_error whichever call returns it. Not supported, as libxlsxwriter never asks: append
// modes other than APPEND_STATUS_CREATE (zipOpen returns NULL, errno EINVAL) and passwords
// (ZIP_PARAMERROR).
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgd_parallel_zip.h"
#include "zip_records.h"
#include "zip_stream.h"
#include "zip_writer.h"

static _Thread_local int thread_workers;

void sgd_zip_set_workers(int workers) { thread_workers = workers < 0 ? 0 : workers; }
int sgd_zip_workers(void) { return thread_workers; }

static _Thread_local void (*thread_progress)(void *, uint64_t);
static _Thread_local void *thread_progress_context;
static _Thread_local uint64_t thread_progress_bytes, thread_progress_next;

void sgd_zip_set_progress(void (*progress)(void *context, uint64_t bytes), void *context) {
    thread_progress = progress;
    thread_progress_context = context;
    thread_progress_bytes = 0;
    thread_progress_next = 1 << 20;
}

/// Counts `len` bytes given to the writer on this thread, for sgd_zip_set_progress.
static void count_progress(unsigned len) {
    thread_progress_bytes += len;
    if (thread_progress_bytes >= thread_progress_next) {
        thread_progress_next = thread_progress_bytes + (1 << 20);
        thread_progress(thread_progress_context, thread_progress_bytes);
    }
}

// ---- writing the file (the calling thread only) ----

void sgd_zip_fail(sgd_zip_writer *z, int code) {
    if (z->error == SGD_ZIP_OK) {
        z->error = code;
        z->saved_errno = errno;
        atomic_store(&z->failed, 1);
    }
}

int sgd_zip_write_bytes(sgd_zip_writer *z, const void *bytes, size_t count) {
    if (z->error != SGD_ZIP_OK) return z->error;
    if (count > 0 && fwrite(bytes, 1, count, z->file) != count) {
        sgd_zip_fail(z, SGD_ZIP_ERRNO);
        return SGD_ZIP_ERRNO;
    }
    z->position += count;
    return SGD_ZIP_OK;
}

static int file_sink(void *context, const unsigned char *bytes, size_t count) {
    return sgd_zip_write_bytes(context, bytes, count);
}

/// Appends a member's central directory record.
static int add_central(sgd_zip_writer *z, const sgd_zip_entry *entry, const sgd_zip_sizes *sizes, uint64_t offset) {
    size_t need = z->central_size + sgd_zip_central_record_capacity(entry);
    if (need > z->central_capacity) {
        size_t capacity = z->central_capacity ? z->central_capacity : 4096;
        while (capacity < need) capacity *= 2;
        unsigned char *grown = realloc(z->central, capacity);
        if (!grown) return SGD_ZIP_INTERNALERROR;
        z->central = grown;
        z->central_capacity = capacity;
    }
    z->central_size += sgd_zip_central_record(z->central + z->central_size, entry, sizes, offset);
    return SGD_ZIP_OK;
}

void sgd_zip_write_member(sgd_zip_writer *z, sgd_zip_member *m) {
    z->entries++;  // minizip counts a member whatever happened to it
    if (z->error != SGD_ZIP_OK) return;
    if (m->err != SGD_ZIP_OK) {
        errno = m->err_errno;
        sgd_zip_fail(z, m->err);
        return;
    }
    uint64_t offset = z->position;
    size_t size = sgd_zip_local_header_size(&m->entry);
    unsigned char *header = malloc(size);
    if (!header) {
        sgd_zip_fail(z, SGD_ZIP_INTERNALERROR);
        return;
    }
    int badzip;
    sgd_zip_local_header(header, &m->entry, &m->sizes, &badzip);
    sgd_zip_write_bytes(z, header, size);
    free(header);
    sgd_zip_write_bytes(z, m->output, m->output_size);
    if (z->error == SGD_ZIP_OK) {
        int err = add_central(z, &m->entry, &m->sizes, offset);
        if (err != SGD_ZIP_OK) sgd_zip_fail(z, err);
    }
    if (badzip) sgd_zip_fail(z, SGD_ZIP_BADZIPFILE);
}

// ---- the member deflated on the calling thread, as minizip does ----

/// Writes the local header (zeros for the CRC and sizes) and starts deflating.
static int begin_streaming(sgd_zip_writer *z, sgd_zip_method method) {
    z->stream_local_header = z->position;
    size_t size = sgd_zip_local_header_size(&z->stream_entry);
    unsigned char *header = malloc(size);
    if (!header) return SGD_ZIP_INTERNALERROR;
    int badzip;
    sgd_zip_local_header(header, &z->stream_entry, NULL, &badzip);
    int err = sgd_zip_write_bytes(z, header, size);
    free(header);
    if (err != SGD_ZIP_OK) return err;
    err = sgd_zip_stream_begin(z->stream, method, file_sink, z);
    if (err == SGD_ZIP_OK) z->streaming = 1;
    return err;
}

/// zipCloseFileInZipRaw64 for the streamed member: finish, record it, fill in its local header.
static int close_streaming(sgd_zip_writer *z) {
    int err = sgd_zip_stream_finish(z->stream);
    if (err == SGD_ZIP_OK && z->error != SGD_ZIP_OK) err = z->error;  // a flush that minizip's loop forgets
    sgd_zip_sizes sizes = {z->stream->crc32, z->stream->total_compressed, z->stream->total_uncompressed,
                           z->stream->stream.data_type == Z_ASCII};
    if (z->stream->method.raw) {  // zipCloseFileInZip passes 0 and 0 for a raw member's CRC and size
        sizes.crc32 = 0;
        sizes.uncompressed = 0;
    }
    if (err == SGD_ZIP_OK) err = add_central(z, &z->stream_entry, &sizes, z->stream_local_header);
    if (err == SGD_ZIP_OK) {
        size_t size = sgd_zip_local_header_size(&z->stream_entry);
        unsigned char *header = malloc(size);
        if (!header) {
            err = SGD_ZIP_INTERNALERROR;
        } else {
            int badzip;
            sgd_zip_local_header(header, &z->stream_entry, &sizes, &badzip);
            uint64_t end = z->position;
            if (fseeko(z->file, (off_t)z->stream_local_header, SEEK_SET) != 0 || fwrite(header, 1, size, z->file) != size ||
                fseeko(z->file, (off_t)end, SEEK_SET) != 0) {
                sgd_zip_fail(z, SGD_ZIP_ERRNO);
                err = SGD_ZIP_ERRNO;
            } else if (badzip) {
                err = SGD_ZIP_BADZIPFILE;
            }
            free(header);
        }
    }
    z->entries++;
    z->streaming = 0;
    z->in_opened_file = 0;
    sgd_zip_entry_free(&z->stream_entry);
    return err;
}

/// The open buffered member has grown past the threshold: write everything before it, then
/// deflate what it holds so far on this thread, and the rest as it comes.
static int switch_to_streaming(sgd_zip_writer *z) {
    sgd_zip_member *m = z->open;
    z->open = NULL;
    sgd_zip_drain(z, 1);
    z->stream_entry = m->entry;
    memset(&m->entry, 0, sizeof m->entry);
    int err = z->error != SGD_ZIP_OK ? z->error : begin_streaming(z, m->method);
    if (!z->streaming) {  // the member is lost, as when minizip's open fails
        z->in_opened_file = 0;
        sgd_zip_entry_free(&z->stream_entry);
    }
    size_t offset = 0;
    for (size_t i = 0; err == SGD_ZIP_OK && i < m->chunk_count; i++) {
        err = sgd_zip_stream_write(z->stream, m->input + offset, m->chunks[i]);
        offset += m->chunks[i];
    }
    sgd_zip_member_free(m);
    return err;
}

// ---- the API ----

static int result(sgd_zip_writer *z, int err) {
    if (err == SGD_ZIP_ERRNO) errno = z->saved_errno;
    return err;
}

zipFile sgd_zip_open(const char *pathname, int append, int workers, uint64_t buffer_cap, uint64_t stream_threshold) {
    if (append != SGD_APPEND_STATUS_CREATE) {
        errno = EINVAL;
        return NULL;
    }
    FILE *file = fopen(pathname, "wb");  // minizip's fopen64_file_func for APPEND_STATUS_CREATE
    if (!file) return NULL;
    sgd_zip_writer *z = sgd_zip_writer_new(file, workers, buffer_cap, stream_threshold);
    if (!z) {
        int saved = errno;
        fclose(file);
        errno = saved;
    }
    return z;
}

int sgd_zip_open_new_file(zipFile file, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
                          unsigned size_extrafield_local, const void *extrafield_global, unsigned size_extrafield_global,
                          const char *comment, int method, int level, int raw, int windowBits, int memLevel, int strategy,
                          const char *password, unsigned long crcForCrypting, unsigned long versionMadeBy,
                          unsigned long flagBase, int zip64) {
    (void)crcForCrypting;
    sgd_zip_writer *z = file;
    if (z == NULL || password != NULL) return SGD_ZIP_PARAMERROR;
    if (method != 0 && method != Z_DEFLATED) return SGD_ZIP_PARAMERROR;
    // Debian's 1.1-8+deb12u1 (CVE-2023-45853): lengths must fit their 16-bit fields.
    if ((filename != NULL && strlen(filename) > 0xffff) || (comment != NULL && strlen(comment) > 0xffff)) return SGD_ZIP_PARAMERROR;
    if (size_extrafield_local > 0xffff || size_extrafield_global > 0xffff) return SGD_ZIP_PARAMERROR;
    if (z->in_opened_file) {
        int err = sgd_zip_close_file(file);
        if (err != SGD_ZIP_OK) return err;
    }
    if (z->error != SGD_ZIP_OK) return result(z, z->error);
    sgd_zip_method m = {method, level, raw, windowBits, memLevel, strategy};
    sgd_zip_entry entry;
    int err = sgd_zip_entry_init(&entry, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                                 size_extrafield_global, comment, method, level, versionMadeBy, flagBase, zip64);
    if (err != SGD_ZIP_OK) return err;
    if (z->workers > 1 && sgd_zip_method_is_deferrable(m)) {
        z->open = sgd_zip_member_new(&entry, m);
        if (!z->open) {
            sgd_zip_entry_free(&entry);
            return SGD_ZIP_INTERNALERROR;
        }
        z->in_opened_file = 1;
        return SGD_ZIP_OK;
    }
    sgd_zip_drain(z, 1);  // the members before it come first
    if (z->error != SGD_ZIP_OK) {
        sgd_zip_entry_free(&entry);
        return result(z, z->error);
    }
    z->stream_entry = entry;
    err = begin_streaming(z, m);
    if (err != SGD_ZIP_OK) {
        sgd_zip_entry_free(&z->stream_entry);
        return result(z, err);
    }
    z->in_opened_file = 1;
    return SGD_ZIP_OK;
}

int sgd_zip_write(zipFile file, const void *buf, unsigned len) {
    sgd_zip_writer *z = file;
    if (z == NULL || !z->in_opened_file) return SGD_ZIP_PARAMERROR;
    if (thread_progress) count_progress(len);
    if (z->streaming) return result(z, sgd_zip_stream_write(z->stream, buf, len));
    int err = sgd_zip_member_append(z->open, buf, len);
    if (err != SGD_ZIP_OK) return err;
    if (z->open->input_size > z->stream_threshold) return result(z, switch_to_streaming(z));
    return SGD_ZIP_OK;
}

int sgd_zip_close_file(zipFile file) {
    sgd_zip_writer *z = file;
    if (z == NULL || !z->in_opened_file) return SGD_ZIP_PARAMERROR;
    if (z->streaming) return result(z, close_streaming(z));
    sgd_zip_member *m = z->open;
    if (!m) {
        z->in_opened_file = 0;
        return result(z, z->error != SGD_ZIP_OK ? z->error : SGD_ZIP_INTERNALERROR);
    }
    z->open = NULL;
    z->in_opened_file = 0;
    sgd_zip_enqueue(z, m);
    sgd_zip_drain(z, 0);
    return result(z, z->error);
}

int sgd_zip_close(zipFile file, const char *global_comment) {
    sgd_zip_writer *z = file;
    if (z == NULL) return SGD_ZIP_PARAMERROR;
    int err = SGD_ZIP_OK;
    if (z->in_opened_file) err = sgd_zip_close_file(file);
    sgd_zip_drain(z, 1);
    sgd_zip_stop_workers(z);
    if (err == SGD_ZIP_OK) err = z->error;
    uint64_t offset = z->position;
    if (err == SGD_ZIP_OK) err = sgd_zip_write_bytes(z, z->central, z->central_size);
    size_t comment_length = global_comment ? strlen(global_comment) : 0;
    unsigned char end[98];
    size_t zip64_part;
    size_t size = sgd_zip_end_records(end, offset, z->central_size, z->entries, comment_length, &zip64_part);
    if (zip64_part > 0 && z->error == SGD_ZIP_OK) sgd_zip_write_bytes(z, end, zip64_part);
    if (err == SGD_ZIP_OK) err = sgd_zip_write_bytes(z, end + zip64_part, size - zip64_part);
    if (err == SGD_ZIP_OK && comment_length > 0) err = sgd_zip_write_bytes(z, global_comment, comment_length);
    if (fclose(z->file) != 0 && err == SGD_ZIP_OK) {
        sgd_zip_fail(z, SGD_ZIP_ERRNO);
        err = SGD_ZIP_ERRNO;
    }
    if (err == SGD_ZIP_ERRNO) errno = z->saved_errno;
    int saved = errno;
    sgd_zip_writer_free(z);
    errno = saved;
    return err;
}

int sgd_zip_threads_started(zipFile file) { return ((sgd_zip_writer *)file)->thread_count; }

// minizip's names, which the executable exports for libxlsxwriter to bind to.
zipFile zipOpen(const char *pathname, int append) { return sgd_zip_open(pathname, append, thread_workers, 0, 0); }

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
                            unsigned size_extrafield_local, const void *extrafield_global, unsigned size_extrafield_global,
                            const char *comment, int method, int level, int raw, int windowBits, int memLevel, int strategy,
                            const char *password, unsigned long crcForCrypting, unsigned long versionMadeBy,
                            unsigned long flagBase, int zip64) {
    return sgd_zip_open_new_file(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                                 size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                                 crcForCrypting, versionMadeBy, flagBase, zip64);
}

int zipWriteInFileInZip(zipFile file, const void *buf, unsigned len) { return sgd_zip_write(file, buf, len); }
int zipCloseFileInZip(zipFile file) { return sgd_zip_close_file(file); }
int zipClose(zipFile file, const char *global_comment) { return sgd_zip_close(file, global_comment); }
