// libxlsxwriter, loaded when the first workbook is written instead of at every start (issue 18).
//
// Linked at start-up, libxlsxwriter brings libcrypto, libminizip, libbsd and libmd with it:
// ~8.5 M instructions of symbol lookups and relocations and ~1.9 ms of every process, also of
// `sgdreport --version` and of builds that fail before writing anything. This file defines the
// functions of <xlsxwriter.h> that sgdreport calls, with the same names and types, so Swift
// calls them as before (the CXLSXWriter module only declares them); each forwards to the
// library's own function, looked up with dlsym once the library is loaded. A function that
// WorkbookWriter starts to call must be added to SGD_XLSXWRITER_FUNCTIONS, or linking fails
// with an undefined reference to it.
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "XLSXWriterLoader.h"

// X(return type, name, parameters, arguments): every function but workbook_new_opt (below).
#define SGD_XLSXWRITER_FUNCTIONS(X) \
    X(lxw_error, workbook_close, (lxw_workbook *workbook), (workbook)) \
    X(lxw_error, workbook_set_properties, (lxw_workbook *workbook, lxw_doc_properties *properties), (workbook, properties)) \
    X(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *workbook, const char *sheetname), (workbook, sheetname)) \
    X(lxw_format *, workbook_add_format, (lxw_workbook *workbook), (workbook)) \
    X(lxw_chart *, workbook_add_chart, (lxw_workbook *workbook, uint8_t chart_type), (workbook, chart_type)) \
    X(char *, lxw_strerror, (lxw_error error_num), (error_num)) \
    X(void, format_set_bold, (lxw_format *format), (format)) \
    X(void, format_set_italic, (lxw_format *format), (format)) \
    X(void, format_set_font_size, (lxw_format *format, double size), (format, size)) \
    X(void, format_set_bg_color, (lxw_format *format, lxw_color_t color), (format, color)) \
    X(void, format_set_border, (lxw_format *format, uint8_t style), (format, style)) \
    X(void, format_set_bottom, (lxw_format *format, uint8_t style), (format, style)) \
    X(lxw_error, worksheet_write_number, \
      (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number, lxw_format *format), \
      (worksheet, row, col, number, format)) \
    X(lxw_error, worksheet_write_string, \
      (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *format), \
      (worksheet, row, col, string, format)) \
    X(lxw_error, worksheet_write_formula_num, \
      (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *format, double result), \
      (worksheet, row, col, formula, format, result)) \
    X(lxw_error, worksheet_set_column, \
      (lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width, lxw_format *format), \
      (worksheet, first_col, last_col, width, format)) \
    X(void, worksheet_freeze_panes, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col), (worksheet, row, col)) \
    X(void, worksheet_set_landscape, (lxw_worksheet *worksheet), (worksheet)) \
    X(void, worksheet_fit_to_pages, (lxw_worksheet *worksheet, uint16_t width, uint16_t height), (worksheet, width, height)) \
    X(lxw_error, worksheet_insert_chart_opt, \
      (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_chart *chart, lxw_chart_options *user_options), \
      (worksheet, row, col, chart, user_options)) \
    X(lxw_chart_series *, chart_add_series, (lxw_chart *chart, const char *categories, const char *values), \
      (chart, categories, values)) \
    X(void, chart_series_set_name, (lxw_chart_series *series, const char *name), (series, name)) \
    X(void, chart_series_set_categories, \
      (lxw_chart_series *series, const char *sheetname, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, \
       lxw_col_t last_col), \
      (series, sheetname, first_row, first_col, last_row, last_col)) \
    X(void, chart_series_set_values, \
      (lxw_chart_series *series, const char *sheetname, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, \
       lxw_col_t last_col), \
      (series, sheetname, first_row, first_col, last_row, last_col)) \
    X(void, chart_title_set_name, (lxw_chart *chart, const char *name), (chart, name)) \
    X(void, chart_axis_set_name, (lxw_chart_axis *axis, const char *name), (axis, name)) \
    X(void, chart_axis_set_log_base, (lxw_chart_axis *axis, uint16_t log_base), (axis, log_base)) \
    X(void, chart_legend_set_position, (lxw_chart *chart, uint8_t position), (chart, position))

// The library's functions, set once by `load` (under pthread_once) and only read after it.
#define SGD_POINTER(type, name, parameters, arguments) static type(*real_##name) parameters;
SGD_XLSXWRITER_FUNCTIONS(SGD_POINTER)
static lxw_workbook *(*real_workbook_new_opt)(const char *filename, lxw_workbook_options *options);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;
static char failure[512];

static void fail(void) {
    const char *message = dlerror();
    snprintf(failure, sizeof failure, "%s", message ? message : "libxlsxwriter.so." LXW_SOVERSION " cannot be loaded");
}

static void load(void) {
    void *library = dlopen("libxlsxwriter.so." LXW_SOVERSION, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fail();
        return;
    }
#define SGD_LOOKUP(type, name, parameters, arguments) \
    if (!(real_##name = (type(*) parameters)dlsym(library, #name))) { \
        fail(); \
        return; \
    }
    SGD_XLSXWRITER_FUNCTIONS(SGD_LOOKUP)
    SGD_LOOKUP(lxw_workbook *, workbook_new_opt, (const char *filename, lxw_workbook_options *options), ())
    loaded = 1;
}

int sgd_xlsxwriter_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *sgd_xlsxwriter_load_error(void) {
    pthread_once(&once, load);
    return failure;
}

// workbook_new_opt is the first call of every workbook (WorkbookWriter checks
// sgd_xlsxwriter_load before it, to name the library in its message): when the library cannot be
// loaded it returns NULL with errno ELIBACC. Nothing else is called without a workbook.
__attribute__((visibility("hidden"))) lxw_workbook *workbook_new_opt(const char *filename, lxw_workbook_options *options) {
    if (!sgd_xlsxwriter_load()) {
        errno = ELIBACC;
        return NULL;
    }
    return real_workbook_new_opt(filename, options);
}

// The others are only called with what workbook_new_opt returned, so the library is loaded.
// Hidden, like workbook_new_opt: the executables export their symbols (`-export-dynamic`), and
// exported forwarders would also catch the library's calls to its own functions.
#define SGD_FORWARD(type, name, parameters, arguments) \
    __attribute__((visibility("hidden"))) type name parameters { return real_##name arguments; }
SGD_XLSXWRITER_FUNCTIONS(SGD_FORWARD)
