/*
 * fuzz_text_tables.c - libFuzzer target: arbitrary bytes through the text
 * reader and the whole extraction (tables above all: tab and pipe rows reach
 * the table pass), then everything freed. Any crash, leak, UB or hang fails.
 */
#include "base/compat.h"
#include "base/sb.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "model/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct agency_registry *reg;
	struct sb err = SB_INIT;
	struct doc *d;
	struct plan plan;

	if (!reg)
		reg = agency_registry_new(); /* built once: it is read-only here */
	d = text_read("fuzz.txt", (const char *)data, size, NULL, &err);
	if (d) {
		plan_init(&plan);
		sb_reset(&err);
		extract_plan(d, reg, NULL, &plan, &err);
		plan_release(&plan);
		doc_free(d);
	}
	sb_release(&err);
	return 0;
}
