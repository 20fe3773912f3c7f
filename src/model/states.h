/*
 * states.h - the small closed sets a tracked plan's records take (a task's
 * reported state, a plan's status, the role a report is made in, the
 * standing agency's decision) and their stable English keys, which are
 * what the database and JSON hold. The store converts at its edge, so that
 * everything above it works with these enums; the Vietnamese labels and the
 * forgiving parser of what officials type live in track/status.h.
 */
#ifndef DONDOC_STATES_H
#define DONDOC_STATES_H

/* The official state a progress report gives. */
enum task_state {
	TASK_NOT_STARTED, /* chưa triển khai */
	TASK_IN_PROGRESS, /* đang thực hiện */
	TASK_DONE, /* hoàn thành */
	TASK_PAUSED, /* tạm dừng */
	TASK_CHANGE_REQUESTED, /* đề nghị điều chỉnh */
	TASK_STATE__COUNT
};

/* The standing agency's answer to a TASK_DONE report. Zero is PENDING, so a
 * report nobody has looked at waits for confirmation. */
enum confirmation {
	CONFIRM_PENDING, /* chờ xác nhận (no decision yet) */
	CONFIRM_ACCEPTED, /* đã xác nhận */
	CONFIRM_REFUSED, /* từ chối xác nhận: the task goes back to the agency */
	CONFIRM_NOT_REQUIRED, /* the plan has no confirmation step */
};

/* A stored plan's status. */
enum plan_status {
	PLAN_DRAFT, /* imported, under review */
	PLAN_PUBLISHED, /* tracked */
	PLAN_ARCHIVED,
	PLAN_STATUS__COUNT
};

/* The part a body takes in the task it reports on. */
enum report_role {
	REPORT_LEAD, /* a lead body: its report is the official status */
	REPORT_COORDINATE, /* a coordinating body */
};

/* Whom a reminder goes to. */
enum remind_kind {
	REMIND_AGENCY, /* to the lead agency */
	REMIND_ESCALATE, /* to the supervising official */
};

/** "in_progress"; "" for a value out of range. */
const char *task_state_key(enum task_state s);
/** Exactly a key of task_state_key(): 0, or -1 (then *out untouched). */
int task_state_from_key(const char *key, enum task_state *out);

/** "draft", "published", "archived"; "" out of range. */
const char *plan_status_key(enum plan_status s);
/** Exactly a key: 0, or -1 (*out untouched). */
int plan_status_from_key(const char *key, enum plan_status *out);

/** "lead" or "coordinate". */
const char *report_role_key(enum report_role r);

/** "remind", "escalate". */
const char *remind_kind_key(enum remind_kind k);

/** "accepted", "refused"; NULL for CONFIRM_PENDING (no decision) and
 *  CONFIRM_NOT_REQUIRED. */
const char *confirmation_key(enum confirmation c);
/** "accepted" -> ACCEPTED, "refused" -> REFUSED, anything else (NULL: no
 *  decision) -> PENDING. */
enum confirmation confirmation_from_key(const char *key);

#endif
