/* STUB: replaced by the goals pass. */
#include "base/compat.h"
#include "extract/extract.h"

void extract_goals(struct extract_ctx *x) { (void)x; }
