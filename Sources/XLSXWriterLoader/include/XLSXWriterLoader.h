#ifndef SGD_XLSXWRITER_LOADER_H
#define SGD_XLSXWRITER_LOADER_H

/// Loads libxlsxwriter (`libxlsxwriter.so.<LXW_SOVERSION>`) and every function sgdreport calls,
/// once per process; later calls return at once. Safe from any thread.
/// Returns 1 when loaded, 0 when the library or one of its functions is missing.
int sgd_xlsxwriter_load(void);

/// Why `sgd_xlsxwriter_load` returned 0 (dlerror's message), or "" when it has not failed.
const char *sgd_xlsxwriter_load_error(void);

#endif
