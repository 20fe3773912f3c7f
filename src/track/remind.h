/*
 * remind.h - building follow-up messages (đôn đốc) from computed statuses.
 *
 * ClearPoint's lesson, and the provinces': one message per owner listing only
 * that owner's items, and escalation when urging does not work. Given the
 * open tasks of published plans with their status (status.h), this module
 * builds, for each lead agency, one message listing its tasks overdue, due
 * soon, and ongoing without this period's report; and, for each supervising
 * official, one message listing the tasks overdue by at least N working days.
 * Each message carries a fingerprint of what it lists, so that the caller can
 * refuse to send the same message twice on one day.
 *
 * Pure: no I/O, no clock (today comes in the options). Items are borrowed for
 * the call; messages own their strings (remind_msgs_free).
 */
#ifndef DONDOC_REMIND_H
#define DONDOC_REMIND_H

#include <stdbool.h>
#include <stddef.h>

#include "track/status.h"

struct period;

/* Working days overdue after which the supervising official is told. */
#define REMIND_ESCALATE_DEFAULT 5

/* enum remind_kind and remind_kind_key(): model/states.h. */

enum remind_reason {
	REMIND_NONE = -1,
	REMIND_OVERDUE, /* quá hạn */
	REMIND_DUE_SOON, /* sắp đến hạn */
	REMIND_UNREPORTED, /* thường xuyên, chưa báo cáo kỳ này */
	REMIND__COUNT
};

struct remind_item {
	const char *agency; /* the lead body the message goes to */
	const char *official; /* supervising official for escalation; NULL = none */
	long long task_id;
	const char *ref, *text;
	int deadline; /* calendar day, or CAL_NONE */
	struct status_result status;
};

struct remind_opts {
	int today;
	long escalate_days; /* <= 0: no escalation */
	const struct period *period; /* the period "kỳ này" (for the wording); NULL = none */
};

struct remind_msg {
	enum remind_kind kind;
	char *recipient; /* agency or official, as first spelt */
	char *subject;
	char *body; /* UTF-8 text, LF line ends */
	char state[65]; /* hex SHA-256 of kind, recipient and the items listed */
	size_t nitems;
	size_t n[REMIND__COUNT]; /* per reason (escalation: all overdue) */
};

/** The reason a task in status r is listed for, or REMIND_NONE. */
enum remind_reason remind_reason_of(const struct status_result *r);

/**
 * Builds the messages for items (in the order given; tasks needing no
 * reminder are skipped): agency messages first, in first-seen order of
 * agency, then escalations by official. Returns the count; *out is a new
 * array (NULL when none), freed with remind_msgs_free.
 */
size_t remind_build(const struct remind_item *items, size_t n, const struct remind_opts *o,
		    struct remind_msg **out);
void remind_msgs_free(struct remind_msg *m, size_t n);


#endif
