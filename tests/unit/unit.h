/*
 * unit.h - what every cmocka unit test includes.
 *
 * cmocka needs stdarg, stddef, stdint and setjmp before its header. Tests read
 * the seeds from ../shared/seeds (DONDOC_SHARED overrides the folder); a test
 * that needs a seed and cannot find it fails, it does not skip.
 */
#ifndef DONDOC_UNIT_H
#define DONDOC_UNIT_H

#include "base/compat.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/sb.h"

/* assert_string_equal that tolerates NULL on either side. */
#define assert_str_or_null(got, want)                                  \
	do {                                                           \
		const char *g_ = (got), *w_ = (want);                  \
		if (!w_)                                               \
			assert_null(g_);                               \
		else {                                                 \
			assert_non_null(g_);                           \
			assert_string_equal(g_, w_);                   \
		}                                                      \
	} while (0)

/* The shared folder (seeds, gold, spec), from DONDOC_SHARED or ../shared. */
static inline const char *unit_shared_dir(void)
{
	const char *d = getenv("DONDOC_SHARED");

	return d && *d ? d : "../shared";
}

#endif
