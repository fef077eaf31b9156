#ifndef SGD_ZIP_TEST_SUPPORT_H
#define SGD_ZIP_TEST_SUPPORT_H

#include <stddef.h>

/// `input` deflated in one deflate(Z_FINISH) call (raw, minizip's window and memory parameters,
/// default strategy) into `output`; returns the compressed size, or -1 when zlib fails or
/// `capacity` is too small.
long sgd_test_deflate_whole(const void *input, size_t count, int level, void *output, size_t capacity);

/// A raw deflate stream (a zip member's data) inflated into `output`; returns the size, or -1
/// when the stream is not valid or `capacity` is too small.
long sgd_test_inflate_raw(const void *input, size_t count, void *output, size_t capacity);

#endif
