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

int sgd_format_fixed(char *out, size_t size, double value, int precision) {
    if (!isfinite(value) || precision < 0 || precision > 19) return -1;
    double magnitude = fabs(value);
    if (magnitude >= 0x1p63 || fegetround() != FE_TONEAREST) return -1;
    const char *point = nl_langinfo(RADIXCHAR);
    if (point[0] != '.' || point[1] != 0) return -1;

    // q = magnitude × 10^precision, rounded half to even, as an integer. With magnitude = m × 2^e
    // (m < 2^53 an integer), m × 10^precision < 2^53 × 2^64 fits 128 bits.
    unsigned __int128 q = 0;
    if (magnitude != 0) {
        int exponent;
        double fraction = frexp(magnitude, &exponent);  // magnitude = fraction × 2^exponent, fraction in [0.5, 1)
        uint64_t m = (uint64_t)ldexp(fraction, 53);     // exact
        int e = exponent - 53;
        if (e >= 0) {
            // magnitude < 2^63, so m × 2^e < 2^63 and the product < 2^127.
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

    // The digits, least significant first, at least precision + 1 of them.
    char digits[48];
    int count = 0;
    while (q > UINT64_MAX) {
        digits[count++] = (char)('0' + (int)(q % 10));
        q /= 10;
    }
    uint64_t low = (uint64_t)q;
    do {
        digits[count++] = (char)('0' + (int)(low % 10));
        low /= 10;
    } while (low != 0);
    while (count < precision + 1) digits[count++] = '0';

    char text[64];
    int length = 0;
    if (signbit(value)) text[length++] = '-';  // glibc keeps the sign of -0 and of negatives that round to 0
    for (int i = count - 1; i >= precision; i--) text[length++] = digits[i];
    if (precision > 0) {
        text[length++] = '.';
        for (int i = precision - 1; i >= 0; i--) text[length++] = digits[i];
    }
    if (size > 0) {
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
