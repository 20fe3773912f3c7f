/*
 * fuzz_number.c - arbitrary bytes into the number reader, the indicator-cell
 * reader and the goal finder: no crash, no leak, no UB, consumed lengths
 * within the input, every goal with a value, a unit and a text.
 */
#include "base/compat.h"
#include "extract/number.h"
#include "model/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct target_vec v = { 0 };
	struct target t = { 0 };
	double value;
	size_t i, n;

	if (number_parse(s, size, true, &value) > size || number_parse(s, size, false, &value) > size)
		abort();
	if (number_parse_cell(s, size, &t) == 0) {
		if (!t.text || !t.has_value)
			abort();
		target_release(&t);
	}
	n = number_find_targets(s, size, &v);
	if (n != v.n)
		abort();
	for (i = 0; i < v.n; i++) {
		if (!v.v[i].text || !v.v[i].unit || !v.v[i].has_value)
			abort();
		target_release(&v.v[i]);
	}
	free(v.v);
	return 0;
}
