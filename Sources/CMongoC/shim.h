#ifndef BOARDSYNC_CMONGOC_SHIM_H
#define BOARDSYNC_CMONGOC_SHIM_H

// The whole C surface BoardSync uses: libmongoc and libbson, plus wrappers for what Swift cannot call.
#include <mongoc/mongoc.h>

/// Logs one message through libmongoc's logger (Swift cannot call the variadic mongoc_log).
static inline void boardsync_mongoc_log(mongoc_log_level_t level, const char *_Nonnull domain,
                                        const char *_Nonnull message) {
    mongoc_log(level, domain, "%s", message);
}

#endif
