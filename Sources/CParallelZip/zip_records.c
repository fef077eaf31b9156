// The zip format's records, byte for byte as minizip 1.1 writes them: Write_LocalFileHeader,
// the central header of zipOpenNewFileInZip4_64 as zipCloseFileInZipRaw64 completes it, and
// zipClose's end records (zlib's contrib/minizip/zip.c, v1.2.13; Debian's 1.1-8+deb12u1 only
// adds length checks). Every field is stored with minizip's overflow rule (sgd_zip_put).
#include "zip_records.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "zip_stream.h"

#define LOCALHEADERMAGIC 0x04034b50
#define CENTRALHEADERMAGIC 0x02014b50
#define ENDHEADERMAGIC 0x06054b50
#define ZIP64ENDHEADERMAGIC 0x6064b50
#define ZIP64ENDLOCHEADERMAGIC 0x7064b50
#define SIZECENTRALHEADER 46

// zip64local_TmzDateToDosDate
static unsigned long dos_date(const tm_zip *t) {
    unsigned long year = (unsigned long)t->tm_year;
    if (year >= 1980)
        year -= 1980;
    else if (year >= 80)
        year -= 80;
    return (unsigned long)((((unsigned long)t->tm_mday) + (32 * (unsigned long)(t->tm_mon + 1)) + (512 * year)) << 16) |
           (((unsigned long)t->tm_sec / 2) + (32 * (unsigned long)t->tm_min) + (2048 * (unsigned long)t->tm_hour));
}

static void *copy(const void *from, size_t count) {
    char *to = malloc(count + 1);
    if (to) {
        if (count) memcpy(to, from, count);
        to[count] = 0;
    }
    return to;
}

int sgd_zip_entry_init(sgd_zip_entry *e, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
                       unsigned size_extrafield_local, const void *extrafield_global, unsigned size_extrafield_global,
                       const char *comment, int method, int level, unsigned long versionMadeBy, unsigned long flagBase, int zip64) {
    memset(e, 0, sizeof *e);
    if (filename == NULL) filename = "-";
    e->size_filename = (unsigned)strlen(filename);
    e->size_comment = comment ? (unsigned)strlen(comment) : 0;
    e->size_extra_local = size_extrafield_local;
    e->size_extra_global = size_extrafield_global;
    e->filename = copy(filename, e->size_filename);
    e->comment = copy(comment ? comment : "", e->size_comment);
    e->extra_local = copy(extrafield_local, size_extrafield_local);
    e->extra_global = copy(extrafield_global, size_extrafield_global);
    if (!e->filename || !e->comment || !e->extra_local || !e->extra_global) {
        sgd_zip_entry_free(e);
        return SGD_ZIP_INTERNALERROR;
    }
    e->dos_date = zipfi == NULL ? 0 : zipfi->dosDate != 0 ? zipfi->dosDate : dos_date(&zipfi->tmz_date);
    e->flag = flagBase;
    if (level == 8 || level == 9) e->flag |= 2;
    if (level == 2) e->flag |= 4;
    if (level == 1) e->flag |= 6;
    e->method = (unsigned long)method;
    e->internal_fa = zipfi ? zipfi->internal_fa : 0;
    e->external_fa = zipfi ? zipfi->external_fa : 0;
    e->version_made_by = versionMadeBy;
    e->zip64 = zip64;
    return SGD_ZIP_OK;
}

void sgd_zip_entry_free(sgd_zip_entry *e) {
    free(e->filename);
    free(e->comment);
    free(e->extra_local);
    free(e->extra_global);
    memset(e, 0, sizeof *e);
}

size_t sgd_zip_local_header_size(const sgd_zip_entry *e) {
    return 30 + (size_t)e->size_filename + e->size_extra_local + (e->zip64 ? 20 : 0);
}

void sgd_zip_local_header(unsigned char *out, const sgd_zip_entry *e, const sgd_zip_sizes *sizes, int *badzip) {
    *badzip = 0;
    unsigned char *p = out;
    sgd_zip_put(p, LOCALHEADERMAGIC, 4);
    sgd_zip_put(p + 4, e->zip64 ? 45 : 20, 2);  // version needed to extract
    sgd_zip_put(p + 6, e->flag, 2);
    sgd_zip_put(p + 8, e->method, 2);
    sgd_zip_put(p + 10, e->dos_date, 4);
    sgd_zip_put(p + 14, 0, 4);                              // CRC, written at close
    sgd_zip_put(p + 18, e->zip64 ? 0xFFFFFFFF : 0, 4);      // compressed size, written at close
    sgd_zip_put(p + 22, e->zip64 ? 0xFFFFFFFF : 0, 4);      // uncompressed size, written at close
    sgd_zip_put(p + 26, e->size_filename, 2);
    sgd_zip_put(p + 28, (uint64_t)e->size_extra_local + (e->zip64 ? 20 : 0), 2);
    p += 30;
    memcpy(p, e->filename, e->size_filename);
    p += e->size_filename;
    memcpy(p, e->extra_local, e->size_extra_local);
    p += e->size_extra_local;
    unsigned char *zip64_extra = p;
    if (e->zip64) {
        sgd_zip_put(p, 1, 2);   // header ID
        sgd_zip_put(p + 2, 16, 2);
        sgd_zip_put(p + 4, 0, 8);
        sgd_zip_put(p + 12, 0, 8);
    }
    if (!sizes) return;
    sgd_zip_put(out + 14, sizes->crc32, 4);
    if (sizes->uncompressed >= 0xffffffff || sizes->compressed >= 0xffffffff) {
        if (e->zip64) {
            sgd_zip_put(zip64_extra + 4, sizes->uncompressed, 8);
            sgd_zip_put(zip64_extra + 12, sizes->compressed, 8);
        } else {
            *badzip = 1;
        }
    } else {
        sgd_zip_put(out + 18, sizes->compressed, 4);
        sgd_zip_put(out + 22, sizes->uncompressed, 4);
    }
}

size_t sgd_zip_central_record_capacity(const sgd_zip_entry *e) {
    return SIZECENTRALHEADER + (size_t)e->size_filename + e->size_extra_global + e->size_comment + 32;
}

size_t sgd_zip_central_record(unsigned char *out, const sgd_zip_entry *e, const sgd_zip_sizes *s, uint64_t offset) {
    int large = s->compressed >= 0xffffffff || s->uncompressed >= 0xffffffff || offset >= 0xffffffff;
    unsigned datasize = (s->uncompressed >= 0xffffffff ? 8 : 0) + (s->compressed >= 0xffffffff ? 8 : 0) +
                        (offset >= 0xffffffff ? 8 : 0);
    sgd_zip_put(out, CENTRALHEADERMAGIC, 4);
    sgd_zip_put(out + 4, large ? 45 : e->version_made_by, 2);
    sgd_zip_put(out + 6, large ? 45 : 20, 2);
    sgd_zip_put(out + 8, e->flag, 2);
    sgd_zip_put(out + 10, e->method, 2);
    sgd_zip_put(out + 12, e->dos_date, 4);
    sgd_zip_put(out + 16, s->crc32, 4);
    sgd_zip_put(out + 20, s->compressed >= 0xffffffff ? 0xffffffff : s->compressed, 4);
    sgd_zip_put(out + 24, s->uncompressed >= 0xffffffff ? 0xffffffff : s->uncompressed, 4);
    sgd_zip_put(out + 28, e->size_filename, 2);
    sgd_zip_put(out + 30, (uint64_t)e->size_extra_global + (datasize ? datasize + 4 : 0), 2);
    sgd_zip_put(out + 32, e->size_comment, 2);
    sgd_zip_put(out + 34, 0, 2);  // disk number start
    sgd_zip_put(out + 36, s->ascii ? Z_ASCII : e->internal_fa, 2);
    sgd_zip_put(out + 38, e->external_fa, 4);
    sgd_zip_put(out + 42, offset >= 0xffffffff ? 0xffffffff : offset, 4);
    unsigned char *p = out + SIZECENTRALHEADER;
    memcpy(p, e->filename, e->size_filename);
    p += e->size_filename;
    memcpy(p, e->extra_global, e->size_extra_global);
    p += e->size_extra_global;
    memcpy(p, e->comment, e->size_comment);
    p += e->size_comment;
    if (datasize) {
        sgd_zip_put(p, 1, 2);
        sgd_zip_put(p + 2, datasize, 2);
        p += 4;
        if (s->uncompressed >= 0xffffffff) { sgd_zip_put(p, s->uncompressed, 8); p += 8; }
        if (s->compressed >= 0xffffffff) { sgd_zip_put(p, s->compressed, 8); p += 8; }
        if (offset >= 0xffffffff) { sgd_zip_put(p, offset, 8); p += 8; }
    }
    return (size_t)(p - out);
}

size_t sgd_zip_end_records(unsigned char *out, uint64_t offset, uint64_t size, uint64_t entries, uint64_t comment_length,
                           size_t *zip64_part) {
    unsigned char *p = out;
    *zip64_part = 0;
    if (offset >= 0xffffffff || entries > 0xFFFF) {
        uint64_t record = offset + size;  // where the zip64 end record goes
        sgd_zip_put(p, ZIP64ENDHEADERMAGIC, 4);
        sgd_zip_put(p + 4, 44, 8);
        sgd_zip_put(p + 12, 45, 2);
        sgd_zip_put(p + 14, 45, 2);
        sgd_zip_put(p + 16, 0, 4);
        sgd_zip_put(p + 20, 0, 4);
        sgd_zip_put(p + 24, entries, 8);
        sgd_zip_put(p + 32, entries, 8);
        sgd_zip_put(p + 40, size, 8);
        sgd_zip_put(p + 48, offset, 8);
        sgd_zip_put(p + 56, ZIP64ENDLOCHEADERMAGIC, 4);
        sgd_zip_put(p + 60, 0, 4);
        sgd_zip_put(p + 64, record, 8);
        sgd_zip_put(p + 72, 1, 4);
        p += 76;
        *zip64_part = 76;
    }
    sgd_zip_put(p, ENDHEADERMAGIC, 4);
    sgd_zip_put(p + 4, 0, 2);
    sgd_zip_put(p + 6, 0, 2);
    sgd_zip_put(p + 8, entries >= 0xFFFF ? 0xffff : entries, 2);
    sgd_zip_put(p + 10, entries >= 0xFFFF ? 0xffff : entries, 2);
    sgd_zip_put(p + 12, size, 4);
    sgd_zip_put(p + 16, offset >= 0xffffffff ? 0xffffffff : offset, 4);
    sgd_zip_put(p + 20, comment_length, 2);
    return (size_t)(p + 22 - out);
}
