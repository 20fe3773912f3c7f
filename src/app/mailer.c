/*
 * mailer.c - SMTP or the outbox, one message at a time (mailer.h).
 */
#include "base/compat.h"
#include "app/mailer.h"
#include "app/mail.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "ops/views.h"

struct mailer_impl {
	struct mailer base;
	char *smtp_url, *from, *outbox;
};

static int deliver(struct mailer *mx, const struct remind_mail *m, const char **via,
		   struct sb *where, struct sb *err)
{
	struct mailer_impl *x = (struct mailer_impl *)mx;
	struct mail_msg mm = { 0 };
	struct sb name = SB_INIT;
	int rc;

	mm.from = x->from ? x->from : "dondoc@localhost";
	mm.to_name = m->recipient;
	mm.to_addr = m->email;
	mm.subject = m->subject;
	mm.body = m->body;
	mm.id_hint = m->fingerprint;
	if (x->smtp_url && m->email) {
		*via = "smtp";
		return mail_send_smtp(x->smtp_url, &mm, err);
	}
	*via = "file";
	sb_addf(&name, "%s-%s-%.16s", m->day, m->kind, m->fingerprint);
	rc = mail_write_file(x->outbox, name.buf, &mm, where, err);
	sb_release(&name);
	return rc;
}

struct mailer *mailer_new(const char *smtp_url, const char *from, const char *outbox)
{
	struct mailer_impl *x = xcalloc(1, sizeof(*x));

	x->base.deliver = deliver;
	x->smtp_url = smtp_url ? xstrdup(smtp_url) : NULL;
	x->from = from ? xstrdup(from) : NULL;
	x->outbox = xstrdup(outbox);
	return &x->base;
}

void mailer_free(struct mailer *m)
{
	struct mailer_impl *x = (struct mailer_impl *)m;

	if (!x)
		return;
	free(x->smtp_url);
	free(x->from);
	free(x->outbox);
	free(x);
}
