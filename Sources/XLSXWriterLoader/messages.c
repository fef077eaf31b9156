// libxlsxwriter's own messages to standard error, kept from the terminal while sgdreport writes a
// workbook (the newcomer's report: a full disk printed "[ERROR] workbook_close(): Zip ZIP_ERRNO
// error while creating xlsx file '…/.sgdreport-staging-…/study.xlsx'. System error = File too
// large" above sgdreport's own message, naming a folder the user never sees).
//
// libxlsxwriter prints them with fprintf(stderr, …), which Debian's fortified build turns into
// __fprintf_chk. The executables export this definition (Package.swift, `exportMessages`), so the
// library's calls bind to it, as Cairo's __snprintf_chk calls bind to CFixedFormat's. On a thread
// that has called sgd_xlsxwriter_capture_messages(1), a message to stderr is kept (the first 1 kB
// of each, one after another, up to 4 kB) instead of printed; every other call — another stream,
// another thread, another library — goes to glibc's __vfprintf_chk, which is what __fprintf_chk
// itself does.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "XLSXWriterLoader.h"

int __vfprintf_chk(FILE *stream, int flag, const char *format, va_list arguments);

static __thread int capturing;
static __thread char captured[4096];
static __thread size_t capturedLength;

void sgd_xlsxwriter_capture_messages(int on) {
    capturing = on;
    capturedLength = 0;
    captured[0] = 0;
}

const char *sgd_xlsxwriter_captured_messages(void) {
    return captured;
}

int __fprintf_chk(FILE *stream, int flag, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int result;
    if (capturing && stream == stderr) {
        char message[1024];
        result = vsnprintf(message, sizeof message, format, arguments);
        size_t length = strnlen(message, sizeof message - 1);
        if (capturedLength + length < sizeof captured) {
            memcpy(captured + capturedLength, message, length);
            capturedLength += length;
            captured[capturedLength] = 0;
        }
    } else {
        result = __vfprintf_chk(stream, flag, format, arguments);
    }
    va_end(arguments);
    return result;
}
