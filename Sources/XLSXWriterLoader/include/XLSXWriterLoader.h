#ifndef SGD_XLSXWRITER_LOADER_H
#define SGD_XLSXWRITER_LOADER_H

/// Loads libxlsxwriter (`libxlsxwriter.so.<LXW_SOVERSION>`) and every function sgdreport calls,
/// once per process; later calls return at once. Safe from any thread.
/// Returns 1 when loaded, 0 when the library or one of its functions is missing.
int sgd_xlsxwriter_load(void);

/// Why `sgd_xlsxwriter_load` returned 0 (dlerror's message), or "" when it has not failed.
const char *sgd_xlsxwriter_load_error(void);

/// On the calling thread, from `on` = 1 until `on` = 0: libxlsxwriter's messages to standard
/// error (its "[ERROR]…" and "[WARNING]…" lines) are kept instead of printed. Empties what was kept.
void sgd_xlsxwriter_capture_messages(int on);

/// The messages kept on the calling thread since capturing started ("" when none), one after
/// another with their newlines; up to 4 kB.
const char *sgd_xlsxwriter_captured_messages(void);

#endif
