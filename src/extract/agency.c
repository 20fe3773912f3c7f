/* STUB: replaced by the agency registry implementation. */
#include "base/compat.h"
#include "extract/agency.h"
#include "model/plan.h"
#include "base/xalloc.h"

struct agency_row { const char *kind, *name, *aliases; };
#include "agencies_table.h"

struct agency_registry { int unused; };
struct agency_registry *agency_registry_new(void) { (void)agency_rows; return xcalloc(1, sizeof(struct agency_registry)); }
void agency_registry_free(struct agency_registry *r) { free(r); }
int agency_registry_add_alias(struct agency_registry *r, const char *alias, const char *canonical) { return 0; }
const char *agency_canonical(const struct agency_registry *r, const char *name, unsigned flags) { return NULL; }
const char *agency_group(const char *phrase, unsigned flags) { return NULL; }
size_t agency_split(const struct agency_registry *r, const char *list, unsigned flags,
		    struct strlist *bodies, struct strlist *groups, struct strlist *unknown) { return 0; }
bool agency_looks_like(const struct agency_registry *r, const char *s, unsigned flags) { return false; }
char *person_name(const char *cell) { return NULL; }
bool supervisor_looks_like(const char *s) { return false; }
char *supervisor_canonical(const struct agency_registry *r, const char *s, unsigned flags) { return xstrdup(s); }
