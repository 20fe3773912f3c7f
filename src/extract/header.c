/* STUB: replaced by the header pass. */
#include "base/compat.h"
#include "extract/extract.h"

void extract_header(struct extract_ctx *x) { (void)x; }
