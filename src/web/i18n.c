/*
 * i18n.c - the strings of the web interface (see i18n.h).
 */
#include "base/compat.h"
#include "web/i18n.h"

static const char *const texts[T__COUNT][2] = {
#define XX(k, vi, en) [T_##k] = { vi, en },
	I18N_MAP(XX)
#undef XX
};

const char *tr(enum lang lang, enum tkey key)
{
	if ((unsigned)key >= T__COUNT)
		return "?";
	return texts[key][lang == LANG_EN ? 1 : 0];
}
