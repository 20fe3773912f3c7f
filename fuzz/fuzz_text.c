/*
 * fuzz_text.c - libFuzzer target for the plain-text reader and everything
 * downstream of it: text_read() on arbitrary bytes, the outline dump, and the
 * whole extraction (header, tables, prose, goals). Any crash, leak, undefined
 * behaviour or runaway time here is a bug in a parser of untrusted input.
 */
#include "base/compat.h"
#include "base/sb.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "model/plan.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct agency_registry *reg;
	static FILE *null_out;
	struct sb err = SB_INIT;
	struct doc *d;
	struct plan plan;

	if (!reg)
		reg = agency_registry_new();
	if (!null_out)
		null_out = fopen("/dev/null", "w");
	d = text_read("fuzz.txt", (const char *)data, size, NULL, &err);
	if (d) {
		if (null_out)
			doc_dump(d, null_out);
		plan_init(&plan);
		sb_reset(&err);
		extract_plan(d, reg, null_out, &plan, &err);
		plan_release(&plan);
		doc_free(d);
	}
	sb_release(&err);
	return 0;
}
