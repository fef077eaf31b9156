// Debian's libdeflate-dev: whole-buffer DEFLATE/zlib compression and SIMD checksums.
#include <libdeflate.h>
