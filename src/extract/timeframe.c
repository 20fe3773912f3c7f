/* STUB: replaced by the time-frame implementation. */
#include "base/compat.h"
#include "extract/timeframe.h"
#include "model/plan.h"

struct due *timeframe_parse(const char *s, size_t len, int default_year) { return NULL; }
bool timeframe_is_phrase(const char *s, size_t len) { return false; }
size_t timeframe_find_date(const char *s, size_t len, char *iso) { return 0; }
int days_in_month(int y, int m) { return 30; }
