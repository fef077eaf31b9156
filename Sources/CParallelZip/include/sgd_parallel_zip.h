#ifndef SGD_PARALLEL_ZIP_H
#define SGD_PARALLEL_ZIP_H

// A zip writer with minizip's API for the five functions libxlsxwriter 1.1.4 calls (zipOpen,
// zipOpenNewFileInZip4_64, zipWriteInFileInZip, zipCloseFileInZip, zipClose), writing byte for
// byte the file minizip 1.1 writes, but deflating the members on worker threads (issue 18).
// See parallel_zip.c for how and why, and Package.swift's `exportParallelZip` for how
// libxlsxwriter's calls reach it.
//
// The types and constants below are minizip 1.1's public ones, declared here as in its zip.h
// (zlib's contrib/minizip/zip.h, v1.2.13; Debian's libminizip1 1.1-8): the development header
// is not installed, and the layouts are its stable ABI.

#include <stddef.h>
#include <stdint.h>

typedef void *zipFile;

/// minizip's tm_zip: a member's date and time (tm_year 1980…2107 or 80…207, tm_mon 0…11).
typedef struct tm_zip_s {
    int tm_sec;
    int tm_min;
    int tm_hour;
    int tm_mday;
    int tm_mon;
    int tm_year;
} tm_zip;

/// minizip's zip_fileinfo: the date (dosDate when not 0, else tmz_date) and the attributes.
typedef struct {
    tm_zip tmz_date;
    unsigned long dosDate;
    unsigned long internal_fa;
    unsigned long external_fa;
} zip_fileinfo;

#define SGD_ZIP_OK (0)
#define SGD_ZIP_ERRNO (-1)  /* Z_ERRNO: a read or write failed; errno says why */
#define SGD_ZIP_PARAMERROR (-102)
#define SGD_ZIP_BADZIPFILE (-103)
#define SGD_ZIP_INTERNALERROR (-104)
#define SGD_APPEND_STATUS_CREATE (0)

/// Sets how many worker threads the zip files opened *on the calling thread* may use to
/// deflate members: 0 or 1 deflates each member on the calling thread as it is written (no
/// thread is started), N > 1 lets up to N workers deflate closed members while the caller
/// goes on. A per-thread setting, read by zipOpen: WorkbookWriter sets it to `--jobs` around
/// `workbook_close` (inside which libxlsxwriter opens the zip on the same thread) and sets it
/// back to 0 after. Threads that never set it get 0.
void sgd_zip_set_workers(int workers);

/// The number of workers zipOpen on this thread would use (what sgd_zip_set_workers set).
int sgd_zip_workers(void);

/// Sets a function that hears, on the calling thread, how many bytes zipWriteInFileInZip has
/// been given on this thread since this call (all members together, before deflating): after
/// each megabyte or more. A per-thread setting like sgd_zip_set_workers: WorkbookWriter sets it
/// around `workbook_close` to show how far the workbook is; NULL removes it.
void sgd_zip_set_progress(void (*progress)(void *context, uint64_t bytes), void *context);

/// The writer's functions under their own names, for tests that call them beside the real
/// minizip's (the exported minizip names forward to these). Same parameters and results as
/// minizip's functions of the same name; `workers` as sgd_zip_set_workers, and for tests:
/// `buffer_cap` (bytes of members buffered or in flight before the caller waits; 0: 32 MiB)
/// and `stream_threshold` (a member that grows past it is deflated on the calling thread as
/// it is written, after the earlier members; 0: 16 MiB).
zipFile sgd_zip_open(const char *pathname, int append, int workers, uint64_t buffer_cap, uint64_t stream_threshold);
int sgd_zip_open_new_file(zipFile file, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
                          unsigned size_extrafield_local, const void *extrafield_global, unsigned size_extrafield_global,
                          const char *comment, int method, int level, int raw, int windowBits, int memLevel, int strategy,
                          const char *password, unsigned long crcForCrypting, unsigned long versionMadeBy,
                          unsigned long flagBase, int zip64);
int sgd_zip_write(zipFile file, const void *buf, unsigned len);
int sgd_zip_close_file(zipFile file);
int sgd_zip_close(zipFile file, const char *global_comment);

/// How many worker threads `file` has started so far (0 when it deflates on the caller's thread).
int sgd_zip_threads_started(zipFile file);

#endif
