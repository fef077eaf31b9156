// zlib for the zip tests: deflate in one call, and inflate a member to write it again.
#include "sgd_zip_test_support.h"

#include <zlib.h>

long sgd_test_deflate_whole(const void *input, size_t count, int level, void *output, size_t capacity) {
    z_stream s = {0};
    if (deflateInit2(&s, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    s.next_in = (Bytef *)input;
    s.avail_in = (uInt)count;
    s.next_out = output;
    s.avail_out = (uInt)capacity;
    int err = deflate(&s, Z_FINISH);
    long size = (long)s.total_out;
    deflateEnd(&s);
    return err == Z_STREAM_END ? size : -1;
}

long sgd_test_inflate_raw(const void *input, size_t count, void *output, size_t capacity) {
    z_stream s = {0};
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK) return -1;
    s.next_in = (Bytef *)input;
    s.avail_in = (uInt)count;
    s.next_out = output;
    s.avail_out = (uInt)capacity;
    int err = inflate(&s, Z_FINISH);
    long size = (long)s.total_out;
    inflateEnd(&s);
    return err == Z_STREAM_END ? size : -1;
}
