#ifndef SGD_FIXED_FORMAT_H
#define SGD_FIXED_FORMAT_H

#include <stddef.h>

/// Writes `value` with `precision` digits after the decimal point, byte for byte as glibc's
/// `snprintf(out, size, "%.*f", precision, value)` does in the "C" locale with the default
/// rounding mode (the exact binary value rounded half to even), and returns the length of the
/// whole text, as snprintf does (`out` gets at most `size - 1` bytes and a NUL).
///
/// Returns -1, writing nothing, when it does not handle the case: a value that is not finite,
/// a precision outside 0...19, a magnitude of 2^63 or more, a rounding mode other than
/// to-nearest or a decimal point other than ".". The caller then formats with libc.
int sgd_format_fixed(char *out, size_t size, double value, int precision);

#endif
