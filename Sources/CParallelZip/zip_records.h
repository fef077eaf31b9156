// The zip format's records as minizip 1.1 writes them (private to CParallelZip).
#ifndef SGD_ZIP_RECORDS_H
#define SGD_ZIP_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "sgd_parallel_zip.h"

/// What a member's headers say, as zipOpenNewFileInZip4_64 was called (its own copies).
typedef struct {
    char *filename;  // never NULL ("-" for NULL, as minizip)
    unsigned char *extra_local, *extra_global;
    char *comment;
    unsigned size_filename, size_extra_local, size_extra_global, size_comment;
    unsigned long flag, method, dos_date, internal_fa, external_fa, version_made_by;
    int zip64;
} sgd_zip_entry;

/// What compressing the member gave.
typedef struct {
    unsigned long crc32;
    uint64_t compressed, uncompressed;
    int ascii;  // zlib found text (minizip then sets the internal attributes to Z_ASCII)
} sgd_zip_sizes;

/// Copies the parameters into `entry` (date, flag from the level as minizip sets it).
/// Returns SGD_ZIP_OK, or SGD_ZIP_INTERNALERROR when out of memory.
int sgd_zip_entry_init(sgd_zip_entry *entry, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
                       unsigned size_extrafield_local, const void *extrafield_global, unsigned size_extrafield_global,
                       const char *comment, int method, int level, unsigned long versionMadeBy, unsigned long flagBase, int zip64);
void sgd_zip_entry_free(sgd_zip_entry *entry);

/// The local header's size: 30 + name + local extra (+ 20 for zip64's extra field).
size_t sgd_zip_local_header_size(const sgd_zip_entry *entry);

/// The local header as minizip leaves it in the file after the member: written with zeros at
/// zipOpenNewFileInZip4_64, then the CRC and sizes written over them at zipCloseFileInZip.
/// `sizes` NULL gives the header as first written. Sets *badzip when minizip's close would fail
/// with ZIP_BADZIPFILE (a size of 4 GiB or more without zip64; the sizes then stay 0).
void sgd_zip_local_header(unsigned char *out, const sgd_zip_entry *entry, const sgd_zip_sizes *sizes, int *badzip);

/// The central directory record (at most 46 + name + extra + comment + 28 bytes) for a member
/// whose local header is at `offset`; returns its length.
size_t sgd_zip_central_record(unsigned char *out, const sgd_zip_entry *entry, const sgd_zip_sizes *sizes, uint64_t offset);
size_t sgd_zip_central_record_capacity(const sgd_zip_entry *entry);

/// The end of the archive after a central directory of `size` bytes at `offset` with
/// `entries` records: zip64's end record and locator when minizip writes them, the end record
/// and the global comment's length (the comment's bytes follow). `out` needs 98 bytes; returns
/// the length written and sets `*zip64_part` to the length of the zip64 part (whose write
/// errors minizip ignores).
size_t sgd_zip_end_records(unsigned char *out, uint64_t offset, uint64_t size, uint64_t entries, uint64_t comment_length,
                           size_t *zip64_part);

#endif
