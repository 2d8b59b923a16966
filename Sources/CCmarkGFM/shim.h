#ifndef BOARDSYNC_CCMARKGFM_SHIM_H
#define BOARDSYNC_CCMARKGFM_SHIM_H

// The whole C surface BoardSync uses: cmark-gfm's parser and HTML renderer, and its GFM extensions
// (table, strikethrough, autolink, tasklist, tagfilter, footnotes).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#endif
