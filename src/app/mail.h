/*
 * mail.h - formatting an e-mail and delivering it: over SMTP with libcurl,
 * or into a folder of .eml files (the outbox) when no mail server is set.
 *
 * Messages are UTF-8 plain text (Content-Transfer-Encoding: 8bit), the
 * subject and display names encoded as RFC 2047 words so that Vietnamese
 * survives any server. Lines end in CRLF on the wire and in the files, as
 * RFC 5322 wants; a .eml file is exactly what would have been sent.
 */
#ifndef DONDOC_MAIL_H
#define DONDOC_MAIL_H

#include <stdbool.h>
#include <stddef.h>

struct sb;

struct mail_msg {
	const char *from; /* address only: "dondoc@example.gov.vn" */
	const char *to_name; /* display name, UTF-8; may be NULL */
	const char *to_addr; /* address; NULL: none known (outbox only) */
	const char *subject, *body; /* UTF-8; body lines end in LF or CRLF */
	const char *date; /* RFC 5322 date; NULL = now */
	const char *id_hint; /* makes the Message-ID unique (a fingerprint) */
};

/** Appends the whole message (headers, blank line, body), CRLF line ends. */
void mail_format(const struct mail_msg *m, struct sb *out);

/**
 * Sends m through the SMTP server at url ("smtp://127.0.0.1:2525",
 * "smtps://host") with libcurl. Bounded in time (10 s to connect, 60 s in
 * all). Returns 0, or -ERR_INPUT (no address) / -ERR_IO with err set.
 */
int mail_send_smtp(const char *url, const struct mail_msg *m, struct sb *err);

/**
 * Writes m into dir (created when missing, parents too) as name + ".eml",
 * atomically (a temporary file renamed). The path written is put in path
 * (may be NULL). Returns 0 or -ERR_IO.
 */
int mail_write_file(const char *dir, const char *name, const struct mail_msg *m,
		    struct sb *path, struct sb *err);

/** True when s looks like an address: one '@', something either side, no
 *  spaces, no angle brackets or line breaks. */
bool mail_addr_ok(const char *s);

#endif
