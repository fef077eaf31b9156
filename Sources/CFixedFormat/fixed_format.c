// Fixed-point formatting of doubles for Cairo's SVG writer (issue 18).
//
// Cairo 1.16 writes every coordinate of an SVG through `_cairo_dtostr` (cairo-output-stream.c),
// which calls `snprintf(buffer, size, "%f", d)` (and "%.18f" then "%.*f" below 0.1). Debian
// builds Cairo with _FORTIFY_SOURCE, so those calls reach glibc as `__snprintf_chk`. glibc
// formats a double through its multi-precision `__printf_fp`: about 2,000 instructions a
// number, more than half of everything an SVG chart costs to write (84 M of the momentum
// study's 145 M instructions of SVG, by callgrind).
//
// This file defines `__snprintf_chk` in the executable, which the linker exports (Package.swift:
// `--export-dynamic-symbol`), so that the dynamic linker binds Cairo's calls to it instead of
// glibc's (ELF symbol interposition, the mechanism malloc replacements use). It formats exactly
// the three shapes Cairo uses — "%f", "%.<digits>f" and "%.*f" with a finite double — with an
// exact integer algorithm, and hands every other call, unchanged, to glibc's `__vsnprintf_chk`.
// The text is byte for byte glibc's (tests compare them over millions of values), so the SVG
// files do not change. If the export were lost, Cairo would call glibc as before: slower, same
// bytes.

#define _GNU_SOURCE
#include "sgd_fixed_format.h"

#include <fenv.h>
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t powers_of_ten[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
    1000000000000000000ull, 10000000000000000000ull,
};

/// "00" "01" … "99": two digits at a time.
static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

int sgd_format_fixed(char *out, size_t size, double value, int precision) {
    // The double's fields, read directly (frexp and ldexp were a fifth of the instructions).
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7FF);
    uint64_t m = bits & ((1ull << 52) - 1);
    if (biased == 0x7FF || precision < 0 || precision > 19) return -1;  // not finite
    if (biased >= 1023 + 63 || fegetround() != FE_TONEAREST) return -1;  // |value| ≥ 2^63
    const char *point = nl_langinfo(RADIXCHAR);
    if (point[0] != '.' || point[1] != 0) return -1;

    // q = |value| × 10^precision, rounded half to even, as an integer. With |value| = m × 2^e
    // (m < 2^53 an integer), m × 10^precision < 2^53 × 2^64 fits 128 bits.
    int e;
    if (biased == 0) {
        e = -1074;  // zero or subnormal
    } else {
        m |= 1ull << 52;
        e = biased - 1075;
    }
    unsigned __int128 q = 0;
    if (m != 0) {
        if (e >= 0) {
            // |value| < 2^63, so m × 2^e < 2^63 and the product < 2^127.
            q = (unsigned __int128)(m << e) * powers_of_ten[precision];
        } else {
            unsigned __int128 scaled = (unsigned __int128)m * powers_of_ten[precision];  // < 2^117
            int shift = -e;
            if (shift < 118) {
                q = scaled >> shift;
                unsigned __int128 remainder = scaled - (q << shift);
                unsigned __int128 half = (unsigned __int128)1 << (shift - 1);
                if (remainder > half || (remainder == half && (q & 1))) q += 1;
            }
            // else: scaled < 2^117 ≤ half of 2^shift, so the value rounds to 0.
        }
    }

    // The digits, written backwards from the end of `digits`, at least precision + 1 of them.
    char digits[48];
    char *end = digits + sizeof digits, *first = end;
    while (q > UINT64_MAX) {
        *--first = (char)('0' + (int)(q % 10));
        q /= 10;
    }
    uint64_t low = (uint64_t)q;
    while (low >= 100) {
        uint64_t pair = low % 100;
        low /= 100;
        first -= 2;
        memcpy(first, digit_pairs + 2 * pair, 2);
    }
    if (low >= 10) {
        first -= 2;
        memcpy(first, digit_pairs + 2 * low, 2);
    } else {
        *--first = (char)('0' + (int)low);
    }
    while (end - first < precision + 1) *--first = '0';

    int count = (int)(end - first), whole = count - precision;
    int negative = signbit(value) != 0;  // glibc keeps the sign of -0 and of negatives that round to 0
    int length = negative + count + (precision > 0);
    char text[64];
    // Straight into `out` when it has room for the text and its NUL, as Cairo's buffers always do.
    char *target = (size_t)length < size ? out : text;
    char *cursor = target;
    if (negative) *cursor++ = '-';
    memcpy(cursor, first, (size_t)whole);
    cursor += whole;
    if (precision > 0) {
        *cursor++ = '.';
        memcpy(cursor, first + whole, (size_t)precision);
        cursor += precision;
    }
    if (target == out) {
        *cursor = 0;
    } else if (size > 0) {
        size_t copied = (size_t)length < size - 1 ? (size_t)length : size - 1;
        memcpy(out, text, copied);
        out[copied] = 0;
    }
    return length;
}

#if defined(__GLIBC__)
extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);
extern void __chk_fail(void) __attribute__((noreturn));

/// The precision of "%f" (6), "%.<digits>f" (those digits) or "%.*f" (-1: the next int
/// argument), or -2 for any other format.
static int fixed_precision(const char *format) {
    if (format[0] != '%') return -2;
    if (format[1] == 'f' && format[2] == 0) return 6;
    if (format[1] != '.') return -2;
    if (format[2] == '*') return format[3] == 'f' && format[4] == 0 ? -1 : -2;
    int precision = 0, i = 2;
    while (format[i] >= '0' && format[i] <= '9' && i < 4) precision = precision * 10 + (format[i++] - '0');
    return i > 2 && format[i] == 'f' && format[i + 1] == 0 ? precision : -2;
}

/// glibc's fortified snprintf, with the fixed-point shapes above formatted by `sgd_format_fixed`.
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int precision = fixed_precision(format);
    if (precision != -2) {
        va_list peek;
        va_copy(peek, arguments);
        if (precision == -1) precision = va_arg(peek, int);
        double value = va_arg(peek, double);
        va_end(peek);
        if (maxlen > slen) __chk_fail();
        int length = sgd_format_fixed(s, maxlen, value, precision);
        if (length >= 0) {
            va_end(arguments);
            return length;
        }
    }
    int length = __vsnprintf_chk(s, maxlen, flag, slen, format, arguments);
    va_end(arguments);
    return length;
}
#endif
