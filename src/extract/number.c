/* STUB: replaced by the number implementation. */
#include "base/compat.h"
#include "extract/number.h"

size_t number_parse(const char *s, size_t len, bool fold_scale, double *value) { return 0; }
int number_parse_cell(const char *s, size_t len, struct target *t) { return -1; }
size_t number_find_targets(const char *s, size_t len, struct target_vec *out) { return 0; }
