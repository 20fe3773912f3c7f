/*
 * fuzz_timeframe.c - arbitrary bytes into the time-phrase reader, the
 * time-cell test and the date finder: no crash, no leak, no UB, and every
 * date that comes out is a real calendar day.
 */
#include "base/compat.h"
#include "extract/timeframe.h"
#include "model/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_iso(const char *iso)
{
	int y, m, d;

	if (!iso[0])
		return;
	if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char iso[DATE_LEN];
	struct due *d;
	size_t off = 0, end;
	int year = size ? 1990 + data[0] % 60 : 2026;

	d = timeframe_parse(s, size, year);
	if (d) {
		if (!d->text)
			abort();
		check_iso(d->start);
		check_iso(d->end);
		due_free(d);
	}
	(void)timeframe_is_phrase(s, size);
	while (off < size && (end = timeframe_find_date(s + off, size - off, iso)) != 0) {
		if (end > size - off)
			abort();
		check_iso(iso);
		off += end;
	}
	return 0;
}
