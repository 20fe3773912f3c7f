/* STUB: replaced by the prose pass. */
#include "base/compat.h"
#include "extract/extract.h"

void extract_prose(struct extract_ctx *x) { (void)x; }
