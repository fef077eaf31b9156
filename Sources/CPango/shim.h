#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

/// PANGO_GLYPH_UNKNOWN_FLAG: set on the glyph Pango draws, as a box, for a character that no
/// font has; the character is the glyph with the flag cleared.
static inline unsigned int sgd_pango_glyph_unknown_flag(void) { return PANGO_GLYPH_UNKNOWN_FLAG; }

/// PANGO_SCALE: Pango units per device unit.
static inline int sgd_pango_scale(void) { return PANGO_SCALE; }
