/*
 * config.h - every DONDOC_* setting in one table: its name, its default and
 * what it means (`dondoc help config` prints the table). Settings come from
 * the environment; a malformed value is reported and the default used.
 */
#ifndef DONDOC_CONFIG_H
#define DONDOC_CONFIG_H

#include <stdbool.h>

struct sb;
struct ops_settings;

struct config_setting {
	const char *name; /* "DONDOC_DUE_SOON_DAYS" */
	const char *def; /* the default as text; NULL: none (unset) */
	const char *meaning; /* one line, English */
};

/** The table, ended by a row with name NULL. */
extern const struct config_setting config_settings[];

/** The value of a setting: the environment's when set and non-empty, else
 *  its default (NULL when it has none). name must be in the table. */
const char *config_get(const char *name);

/** A whole non-negative number setting; the default when unset or
 *  malformed (a malformed value adds a warning line to warn, if given). */
long long config_long(const char *name, struct sb *warn);

/** Parses a moment "YYYY-MM-DDTHH:MM:SSZ" (UTC) into *t (may be NULL):
 *  Unix seconds. 0, or -ERR_INPUT. */
int config_parse_moment(const char *s, long long *t);
/** The clock of the store (struct store_options.now): DONDOC_NOW when set
 *  (tests fix the audit timestamps with it), else the system clock. Unix
 *  seconds; arg is unused. */
long long config_now(void *arg);

/** Fills s from the settings (due-soon days, escalation, evidence limits). */
void config_ops_settings(struct ops_settings *s, struct sb *warn);

/** Appends the table as text, one setting a line (for `help config`). */
void config_help(struct sb *out);

#endif
