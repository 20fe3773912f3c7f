/*
 * compat.h - the first include of every dondoc source file.
 *
 * It fixes the feature-test macros and pulls in the few standard headers every
 * module uses, so that no file depends on include order. It also includes
 * banned.h, which turns unsafe libc calls into compile errors.
 */
#ifndef DONDOC_COMPAT_H
#define DONDOC_COMPAT_H

#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ATTR_NORETURN __attribute__((noreturn))
#else
#define ATTR_PRINTF(f, a)
#define ATTR_NORETURN
#endif

#include "base/banned.h"

#endif
