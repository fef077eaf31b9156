// One member's deflate stream: minizip 1.1's calls to zlib, ported line for line from
// zipOpenNewFileInZip4_64, zipWriteInFileInZip, zip64FlushWriteBuffer and
// zipCloseFileInZipRaw64 (zlib's contrib/minizip/zip.c, v1.2.13), so that the same calls give
// zlib the same input chunks, the same 64 KiB output windows and the same flush modes, and
// get back the same bytes — whichever thread runs them and wherever the bytes go (`sink`).
// Without encryption and bzip2, which libxlsxwriter never asks for.
#include "zip_stream.h"

#include <string.h>

void sgd_zip_put(unsigned char *dest, uint64_t value, int count) {
    for (int n = 0; n < count; n++) {
        dest[n] = (unsigned char)(value & 0xff);
        value >>= 8;
    }
    if (value != 0) memset(dest, 0xff, (size_t)count);
}

int sgd_zip_method_is_deferrable(sgd_zip_method m) {
    if (m.method != Z_DEFLATED || m.raw) return 0;
    // minizip passes -windowBits when windowBits > 0; deflateInit2 then takes 9…15 (8 only with
    // a zlib header, which a raw stream has not).
    int bits = m.window_bits > 0 ? m.window_bits : -m.window_bits;
    return m.level >= Z_DEFAULT_COMPRESSION && m.level <= 9 && bits >= 9 && bits <= 15 && m.mem_level >= 1 &&
           m.mem_level <= MAX_MEM_LEVEL && m.strategy >= 0 && m.strategy <= Z_FIXED;
}

int sgd_zip_stream_begin(sgd_zip_stream *s, sgd_zip_method method, sgd_zip_sink sink, void *context) {
    s->method = method;
    s->sink = sink;
    s->context = context;
    s->deflating = 0;
    s->crc32 = 0;
    s->pos_in_buffered_data = 0;
    s->total_compressed = 0;
    s->total_uncompressed = 0;
    s->stream.avail_in = 0;
    s->stream.avail_out = SGD_ZIP_BUFSIZE;
    s->stream.next_out = s->buffered_data;
    s->stream.total_in = 0;
    s->stream.total_out = 0;
    s->stream.data_type = Z_BINARY;
    int err = Z_OK;
    if (method.method == Z_DEFLATED && !method.raw) {
        s->stream.zalloc = Z_NULL;
        s->stream.zfree = Z_NULL;
        s->stream.opaque = Z_NULL;
        int window_bits = method.window_bits > 0 ? -method.window_bits : method.window_bits;
        err = deflateInit2(&s->stream, method.level, Z_DEFLATED, window_bits, method.mem_level, method.strategy);
        if (err == Z_OK) s->deflating = 1;
    }
    return err;
}

// zip64FlushWriteBuffer
static int flush_buffer(sgd_zip_stream *s) {
    int err = s->sink(s->context, s->buffered_data, s->pos_in_buffered_data);
    s->total_compressed += s->pos_in_buffered_data;
    s->total_uncompressed += s->stream.total_in;
    s->stream.total_in = 0;
    s->pos_in_buffered_data = 0;
    return err;
}

int sgd_zip_stream_write(sgd_zip_stream *s, const void *buf, unsigned len) {
    int err = SGD_ZIP_OK;
    s->crc32 = crc32(s->crc32, buf, len);
    s->stream.next_in = (Bytef *)buf;
    s->stream.avail_in = len;
    while (err == SGD_ZIP_OK && s->stream.avail_in > 0) {
        if (s->stream.avail_out == 0) {
            if (flush_buffer(s) == SGD_ZIP_ERRNO) err = SGD_ZIP_ERRNO;
            s->stream.avail_out = SGD_ZIP_BUFSIZE;
            s->stream.next_out = s->buffered_data;
        }
        if (err != SGD_ZIP_OK) break;
        if (s->method.method == Z_DEFLATED && !s->method.raw) {
            uLong before = s->stream.total_out;
            err = deflate(&s->stream, Z_NO_FLUSH);
            s->pos_in_buffered_data += (unsigned)(s->stream.total_out - before);
        } else {
            unsigned copy = s->stream.avail_in < s->stream.avail_out ? s->stream.avail_in : s->stream.avail_out;
            memcpy(s->stream.next_out, s->stream.next_in, copy);
            s->stream.avail_in -= copy;
            s->stream.avail_out -= copy;
            s->stream.next_in += copy;
            s->stream.next_out += copy;
            s->stream.total_in += copy;
            s->stream.total_out += copy;
            s->pos_in_buffered_data += copy;
        }
    }
    return err;
}

int sgd_zip_stream_finish(sgd_zip_stream *s) {
    int err = SGD_ZIP_OK;
    s->stream.avail_in = 0;
    if (s->method.method == Z_DEFLATED && !s->method.raw) {
        while (err == SGD_ZIP_OK) {
            if (s->stream.avail_out == 0) {
                // As in minizip, a failed flush here is overwritten by deflate's result below;
                // the sink's failures are sticky, so the writer still reports it.
                if (flush_buffer(s) == SGD_ZIP_ERRNO) err = SGD_ZIP_ERRNO;
                s->stream.avail_out = SGD_ZIP_BUFSIZE;
                s->stream.next_out = s->buffered_data;
            }
            uLong before = s->stream.total_out;
            err = deflate(&s->stream, Z_FINISH);
            s->pos_in_buffered_data += (unsigned)(s->stream.total_out - before);
        }
    }
    if (err == Z_STREAM_END) err = SGD_ZIP_OK;
    if (s->pos_in_buffered_data > 0 && err == SGD_ZIP_OK) {
        if (flush_buffer(s) == SGD_ZIP_ERRNO) err = SGD_ZIP_ERRNO;
    }
    if (s->deflating) {
        int end = deflateEnd(&s->stream);
        if (err == SGD_ZIP_OK) err = end;
        s->deflating = 0;
    }
    return err;
}

void sgd_zip_stream_abandon(sgd_zip_stream *s) {
    if (s->deflating) deflateEnd(&s->stream);
    s->deflating = 0;
}
