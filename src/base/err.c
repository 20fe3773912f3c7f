/*
 * err.c - names and messages of the error enum (see err.h).
 */
#include "base/compat.h"
#include "base/err.h"

static const struct {
	const char *name, *msg;
} errs[] = {
	{ "OK", "success" },
#define XX(name, msg) { #name, msg },
	ERR_MAP(XX)
#undef XX
};

static int index_of(int code)
{
	int i = code < 0 ? -code : code;

	return i < (int)ARRAY_SIZE(errs) ? i : -1;
}

const char *err_name(int code)
{
	int i = index_of(code);

	return i < 0 ? "UNKNOWN" : errs[i].name;
}

const char *err_str(int code)
{
	int i = index_of(code);

	return i < 0 ? "unknown error" : errs[i].msg;
}
