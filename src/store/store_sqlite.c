/* STUB: being replaced by the SQLite backend. */
#include "base/compat.h"
#include "store/store.h"
#include "base/sb.h"
int store_open(const char *path, struct store **out, struct sb *err) { sb_adds(err, "store not built yet"); return -1; }
void store_close(struct store *s) {}
int store_agency_aliases_load(struct store *s, struct agency_registry *r, struct sb *err) { return 0; }
