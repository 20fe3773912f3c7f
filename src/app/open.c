/*
 * open.c - opening the database with the configured settings (open.h).
 */
#include "base/compat.h"
#include "app/open.h"
#include "app/config.h"
#include "base/err.h"
#include "base/sb.h"
#include "store/store.h"

int app_store_open(const char *where, bool read_only, struct store **out, struct sb *err)
{
	const char *now = config_get("DONDOC_NOW");
	struct store_options o = {
		.read_only = read_only,
		.now = config_now,
		.busy_ms = (int)config_long("DONDOC_BUSY_MS", NULL),
	};
	long long fail_after = config_long("DONDOC_STORE_FAIL_AFTER", NULL);
	int rc;

	*out = NULL;
	if (now && config_parse_moment(now, NULL) < 0) {
		sb_addf(err, "DONDOC_NOW='%s' is not a moment YYYY-MM-DDTHH:MM:SSZ", now);
		return -ERR_USAGE;
	}
	if ((rc = store_open_with(where, &o, out, err)) < 0)
		return rc;
	if (fail_after > 0)
		*out = store_fault_new(*out, (long)fail_after);
	return 0;
}
