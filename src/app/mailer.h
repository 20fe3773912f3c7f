/*
 * mailer.h - how reminders leave (struct mailer of ops/views.h): over SMTP
 * when a server and a sender are configured and the recipient's address is
 * known, else as a .eml file in the outbox folder.
 */
#ifndef DONDOC_MAILER_H
#define DONDOC_MAILER_H

struct mailer;

/** smtp_url NULL: every message goes to outbox. from: the sender address. */
struct mailer *mailer_new(const char *smtp_url, const char *from, const char *outbox);
void mailer_free(struct mailer *m);

#endif
