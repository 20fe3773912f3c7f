/* STUB: replaced by the table pass. */
#include "base/compat.h"
#include "extract/extract.h"

void extract_tables(struct extract_ctx *x) { (void)x; }
