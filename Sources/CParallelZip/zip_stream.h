// One member's deflate stream, exactly as minizip 1.1 drives zlib (private to CParallelZip).
#ifndef SGD_ZIP_STREAM_H
#define SGD_ZIP_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "sgd_parallel_zip.h"

/// minizip's Z_BUFSIZE: deflate writes into a buffer of this size, flushed when full.
#define SGD_ZIP_BUFSIZE (64 * 1024)

/// Where a stream's compressed bytes go: returns SGD_ZIP_OK, or SGD_ZIP_ERRNO with errno set.
typedef int (*sgd_zip_sink)(void *context, const unsigned char *bytes, size_t count);

/// The compression parameters of zipOpenNewFileInZip4_64.
typedef struct {
    int method, level, raw, window_bits, mem_level, strategy;
} sgd_zip_method;

/// minizip's curfile64_info, the part that compresses: the same zlib calls with the same
/// buffer sizes, so that the same input gives the same bytes.
typedef struct {
    z_stream stream;
    sgd_zip_method method;
    int deflating;  // deflateInit2 succeeded and deflateEnd is due
    unsigned pos_in_buffered_data;
    uint64_t total_compressed, total_uncompressed;
    unsigned long crc32;
    sgd_zip_sink sink;
    void *context;
    unsigned char buffered_data[SGD_ZIP_BUFSIZE];
} sgd_zip_stream;

/// Starts a member (zipOpenNewFileInZip4_64's part): returns deflateInit2's result (Z_OK = 0).
int sgd_zip_stream_begin(sgd_zip_stream *s, sgd_zip_method method, sgd_zip_sink sink, void *context);
/// zipWriteInFileInZip's part: CRC-32 and deflate(Z_NO_FLUSH) of `len` bytes.
int sgd_zip_stream_write(sgd_zip_stream *s, const void *buf, unsigned len);
/// zipCloseFileInZip's first part: deflate(Z_FINISH), the last flush, deflateEnd. Afterwards
/// crc32, total_compressed, total_uncompressed and stream.data_type are the member's.
int sgd_zip_stream_finish(sgd_zip_stream *s);
/// Frees a stream that will not be finished (after an error).
void sgd_zip_stream_abandon(sgd_zip_stream *s);

/// Whether members with these parameters may be deflated on a worker: deflateInit2 accepts
/// them (so minizip's zipOpenNewFileInZip4_64 would not fail), checked as zlib 1.2.13 does.
/// Others are deflated on the calling thread, where deflateInit2 runs when minizip runs it.
int sgd_zip_method_is_deferrable(sgd_zip_method method);

/// Stores `value` little-endian in `count` bytes, or all 0xFF when it does not fit (minizip's
/// zip64local_putValue_inmemory, "data overflow hack").
void sgd_zip_put(unsigned char *dest, uint64_t value, int count);

#endif
