#ifndef BOARDSYNC_CMONGOC_SHIM_H
#define BOARDSYNC_CMONGOC_SHIM_H

// The whole C surface BoardSync uses: libmongoc and libbson, nothing else.
#include <mongoc/mongoc.h>

#endif
