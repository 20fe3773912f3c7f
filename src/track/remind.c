/*
 * remind.c - one follow-up message per agency, escalations per official
 * (see remind.h). The wording follows the Vietnamese administrative letter:
 * "Kính gửi", the facts counted, the tasks listed, what is asked.
 */
#include "base/compat.h"
#include "track/remind.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "track/calendar.h"
#include "base/keymap.h"
#include "track/period.h"

#include <sodium.h>

/* How much of a task's text a message quotes. */
#define REMIND_TEXT_CHARS 110

struct msg_vec {
	struct remind_msg *v;
	size_t n, cap;
};

struct index_vec {
	size_t *v;
	size_t n, cap;
};

enum remind_reason remind_reason_of(const struct status_result *r)
{
	switch (r->bucket) {
	case STATUS_OVERDUE:
		return REMIND_OVERDUE;
	case STATUS_DUE_SOON:
		return REMIND_DUE_SOON;
	case STATUS_ONGOING_UNREPORTED:
		return REMIND_UNREPORTED;
	default:
		return REMIND_NONE;
	}
}

static void add_item_line(struct sb *body, size_t no, const struct remind_item *it,
			  bool with_agency)
{
	struct sb text = SB_INIT;

	utf8_truncate(&text, it->text ? it->text : "", REMIND_TEXT_CHARS);
	sb_addf(body, "  %zu. [nhiệm vụ %lld%s%s] %s\n", no, it->task_id, it->ref ? ", mục " : "",
		it->ref ? it->ref : "", text.buf);
	sb_adds(body, "     ");
	if (with_agency)
		sb_addf(body, "Đơn vị chủ trì: %s; ", it->agency ? it->agency : "-");
	if (it->deadline != CAL_NONE) {
		sb_adds(body, "thời hạn: ");
		calendar_add_vi(body, it->deadline);
	} else {
		sb_adds(body, "thời hạn: thường xuyên");
	}
	switch (remind_reason_of(&it->status)) {
	case REMIND_OVERDUE:
		sb_addf(body, "; quá hạn %ld ngày làm việc", it->status.late_days);
		break;
	case REMIND_DUE_SOON:
		sb_addf(body, "; còn %ld ngày làm việc", it->status.days_left);
		break;
	default:
		break;
	}
	if (it->status.refused)
		sb_adds(body, "; kết quả báo cáo hoàn thành đã bị từ chối xác nhận");
	sb_adds(body, "\n");
	sb_release(&text);
}

/* The fingerprint: kind, the recipient's folding key, then each task and
 * why it is listed. The same list to the same person is the same state. */
static void fingerprint(struct remind_msg *m, const struct remind_item *items,
			const size_t *idx, size_t n)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	struct sb s = SB_INIT;
	size_t i;

	sb_addf(&s, "%s\n", remind_kind_key(m->kind));
	vi_fold(&s, m->recipient, strlen(m->recipient), VI_FOLD_PUNCT);
	sb_adds(&s, "\n");
	for (i = 0; i < n; i++)
		sb_addf(&s, "%lld:%d\n", items[idx[i]].task_id,
			(int)remind_reason_of(&items[idx[i]].status));
	crypto_hash_sha256(digest, (const unsigned char *)s.buf, s.len);
	sodium_bin2hex(m->state, sizeof(m->state), digest, sizeof(digest));
	sb_release(&s);
}

static const char *const section_vi[REMIND__COUNT] = {
	"Nhiệm vụ quá hạn",
	"Nhiệm vụ sắp đến hạn",
	"Nhiệm vụ thường xuyên chưa báo cáo",
};

static void agency_message(struct remind_msg *m, const struct remind_item *items,
			   const size_t *idx, size_t n, const struct remind_opts *o)
{
	struct sb body = SB_INIT, subj = SB_INIT;
	static const char *const roman[] = { "I", "II", "III" };
	int r, sec = 0;
	size_t i, no;

	for (i = 0; i < n; i++)
		m->n[remind_reason_of(&items[idx[i]].status)]++;
	sb_addf(&subj, "[dondoc] Đôn đốc thực hiện nhiệm vụ - %s - ", m->recipient);
	calendar_add_vi(&subj, o->today);
	sb_addf(&body, "Kính gửi: %s\n\n", m->recipient);
	sb_adds(&body, "Đến ngày ");
	calendar_add_vi(&body, o->today);
	sb_addf(&body, ", đơn vị có %zu nhiệm vụ cần khẩn trương thực hiện hoặc báo cáo", n);
	sb_addf(&body, " (%zu quá hạn, %zu sắp đến hạn, %zu chưa báo cáo kỳ này).\n",
		m->n[REMIND_OVERDUE], m->n[REMIND_DUE_SOON], m->n[REMIND_UNREPORTED]);
	for (r = 0; r < REMIND__COUNT; r++) {
		if (!m->n[r])
			continue;
		sb_addf(&body, "\n%s. %s", roman[sec++], section_vi[r]);
		if (r == REMIND_UNREPORTED && o->period) {
			sb_adds(&body, " kỳ ");
			period_label_vi(o->period, &body);
		}
		sb_addf(&body, " (%zu):\n", m->n[r]);
		for (i = 0, no = 0; i < n; i++)
			if ((int)remind_reason_of(&items[idx[i]].status) == r)
				add_item_line(&body, ++no, &items[idx[i]], false);
	}
	sb_adds(&body, "\nĐề nghị đơn vị khẩn trương triển khai thực hiện và báo cáo kết quả"
		       " (trạng thái, ngày hoàn thành, tài liệu kiểm chứng) cho cơ quan thường trực"
		       " theo quy định.\n\n-- \nThư này do dondoc tự động gửi; không trả lời thư này.\n");
	m->subject = sb_detach(&subj);
	m->body = sb_detach(&body);
}

static void escalation_message(struct remind_msg *m, const struct remind_item *items,
			       const size_t *idx, size_t n, const struct remind_opts *o)
{
	struct sb body = SB_INIT, subj = SB_INIT;
	size_t i;

	m->n[REMIND_OVERDUE] = n;
	sb_addf(&subj, "[dondoc] Nhiệm vụ quá hạn từ %ld ngày làm việc - %s - ", o->escalate_days,
		m->recipient);
	calendar_add_vi(&subj, o->today);
	sb_addf(&body, "Kính gửi: %s\n\n", m->recipient);
	sb_adds(&body, "Đến ngày ");
	calendar_add_vi(&body, o->today);
	sb_addf(&body, ", %zu nhiệm vụ do đồng chí kiểm tra, đôn đốc đã quá hạn từ %ld ngày làm"
		       " việc trở lên mà chưa hoàn thành:\n\n",
		n, o->escalate_days);
	for (i = 0; i < n; i++)
		add_item_line(&body, i + 1, &items[idx[i]], true);
	sb_adds(&body, "\nĐề nghị đồng chí chỉ đạo các đơn vị khẩn trương hoàn thành và báo cáo.\n\n"
		       "-- \nThư này do dondoc tự động gửi; không trả lời thư này.\n");
	m->subject = sb_detach(&subj);
	m->body = sb_detach(&body);
}

/* Groups item indexes by a key (agency or official) in first-seen order and
 * appends one message per group. */
static void build_kind(const struct remind_item *items, size_t n, const struct remind_opts *o,
		       enum remind_kind kind, struct msg_vec *out)
{
	struct keymap *km = keymap_new();
	struct index_vec *groups = NULL;
	size_t i, g, cap = 0;

	for (i = 0; i < n; i++) {
		const struct remind_item *it = &items[i];
		enum remind_reason r = remind_reason_of(&it->status);
		const char *key = kind == REMIND_AGENCY ? it->agency : it->official;
		size_t k;

		if (r == REMIND_NONE || !key || !*key)
			continue;
		if (kind == REMIND_ESCALATE &&
		    (r != REMIND_OVERDUE || o->escalate_days <= 0 ||
		     it->status.late_days < o->escalate_days))
			continue;
		k = keymap_intern(km, key, NULL);
		if (k >= cap) {
			size_t old = cap;

			xgrow((void **)&groups, &cap, k + 1, sizeof(*groups));
			memset(&groups[old], 0, (cap - old) * sizeof(*groups));
		}
		*VEC_PUSH(&groups[k]) = i;
	}
	for (g = 0; g < keymap_count(km); g++) {
		struct remind_msg *m = VEC_PUSH(out);

		m->kind = kind;
		m->recipient = xstrdup(keymap_key(km, g));
		m->nitems = groups[g].n;
		if (kind == REMIND_AGENCY)
			agency_message(m, items, groups[g].v, groups[g].n, o);
		else
			escalation_message(m, items, groups[g].v, groups[g].n, o);
		fingerprint(m, items, groups[g].v, groups[g].n);
	}
	for (g = 0; g < cap; g++)
		free(groups[g].v);
	free(groups);
	keymap_free(km);
}

size_t remind_build(const struct remind_item *items, size_t n, const struct remind_opts *o,
		    struct remind_msg **out)
{
	struct msg_vec msgs = { 0 };

	build_kind(items, n, o, REMIND_AGENCY, &msgs);
	build_kind(items, n, o, REMIND_ESCALATE, &msgs);
	*out = msgs.v;
	return msgs.n;
}

void remind_msgs_free(struct remind_msg *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(m[i].recipient);
		free(m[i].subject);
		free(m[i].body);
	}
	free(m);
}
