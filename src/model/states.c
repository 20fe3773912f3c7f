/*
 * states.c - the keys of the closed sets of states.h.
 */
#include "base/compat.h"
#include "model/states.h"

static const char *const task_states[TASK_STATE__COUNT] = {
	[TASK_NOT_STARTED] = "not_started", [TASK_IN_PROGRESS] = "in_progress",
	[TASK_DONE] = "done",		    [TASK_PAUSED] = "paused",
	[TASK_CHANGE_REQUESTED] = "change_requested",
};

static const char *const plan_statuses[PLAN_STATUS__COUNT] = {
	[PLAN_DRAFT] = "draft",
	[PLAN_PUBLISHED] = "published",
	[PLAN_ARCHIVED] = "archived",
};

const char *task_state_key(enum task_state s)
{
	return (unsigned)s < TASK_STATE__COUNT ? task_states[s] : "";
}

int task_state_from_key(const char *key, enum task_state *out)
{
	for (int i = 0; key && i < TASK_STATE__COUNT; i++)
		if (strcmp(key, task_states[i]) == 0) {
			*out = (enum task_state)i;
			return 0;
		}
	return -1;
}

const char *plan_status_key(enum plan_status s)
{
	return (unsigned)s < PLAN_STATUS__COUNT ? plan_statuses[s] : "";
}

int plan_status_from_key(const char *key, enum plan_status *out)
{
	for (int i = 0; key && i < PLAN_STATUS__COUNT; i++)
		if (strcmp(key, plan_statuses[i]) == 0) {
			*out = (enum plan_status)i;
			return 0;
		}
	return -1;
}

const char *report_role_key(enum report_role r)
{
	return r == REPORT_LEAD ? "lead" : "coordinate";
}

const char *remind_kind_key(enum remind_kind k)
{
	return k == REMIND_ESCALATE ? "escalate" : "remind";
}

const char *confirmation_key(enum confirmation c)
{
	return c == CONFIRM_ACCEPTED ? "accepted" : c == CONFIRM_REFUSED ? "refused" : NULL;
}

enum confirmation confirmation_from_key(const char *key)
{
	if (key && strcmp(key, "accepted") == 0)
		return CONFIRM_ACCEPTED;
	if (key && strcmp(key, "refused") == 0)
		return CONFIRM_REFUSED;
	return CONFIRM_PENDING;
}
