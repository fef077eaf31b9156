// Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev: GitHub's CommonMark reference
// parser and its table, strikethrough and autolink extensions.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
