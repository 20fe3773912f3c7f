/*
 * mail.c - e-mail formatting, SMTP delivery with libcurl, and the outbox
 * folder (see mail.h).
 */
#include "base/compat.h"
#include "app/mail.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <curl/curl.h>
#include <errno.h>
#include <sodium.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Raw bytes per RFC 2047 encoded word: 45 bytes make 60 base64 characters,
 * which keeps a folded header line under 78 characters. */
#define WORD_BYTES 45

bool mail_addr_ok(const char *s)
{
	const char *at;

	if (!s || !*s || strpbrk(s, " \t\r\n<>,;\""))
		return false;
	at = strchr(s, '@');
	return at && at != s && at[1] && !strchr(at + 1, '@');
}

static bool is_ascii_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r' || *s == '\n')
			return false;
	return true;
}

/* Appends s as RFC 2047 "=?UTF-8?B?...?=" words, split on character
 * boundaries and folded, or as is when it is plain ASCII. */
static void add_encoded(struct sb *out, const char *s)
{
	size_t len = strlen(s), pos = 0;

	if (is_ascii_plain(s)) {
		sb_adds(out, s);
		return;
	}
	while (pos < len) {
		size_t n = len - pos < WORD_BYTES ? len - pos : WORD_BYTES;
		char b64[sodium_base64_ENCODED_LEN(WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];

		/* Never cut a UTF-8 sequence: back off continuation bytes. */
		while (pos + n < len && n > 1 && ((unsigned char)s[pos + n] & 0xC0) == 0x80)
			n--;
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s + pos, n,
				  sodium_base64_VARIANT_ORIGINAL);
		sb_addf(out, "%s=?UTF-8?B?%s?=", pos ? "\r\n " : "", b64);
		pos += n;
	}
}

static void add_date(struct sb *out)
{
	time_t t = time(NULL);
	struct tm tm;
	char buf[64];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	sb_adds(out, buf);
}

void mail_format(const struct mail_msg *m, struct sb *out)
{
	const char *p;

	sb_addf(out, "From: dondoc <%s>\r\n", m->from ? m->from : "dondoc@localhost");
	sb_adds(out, "To: ");
	if (m->to_name && *m->to_name) {
		add_encoded(out, m->to_name);
		sb_adds(out, " ");
	}
	sb_addf(out, "<%s>\r\n", m->to_addr ? m->to_addr : "undisclosed-recipients:;");
	sb_adds(out, "Subject: ");
	add_encoded(out, m->subject ? m->subject : "");
	sb_adds(out, "\r\nDate: ");
	if (m->date)
		sb_adds(out, m->date);
	else
		add_date(out);
	sb_addf(out, "\r\nMessage-ID: <%.24s.%lld@dondoc>\r\n", m->id_hint ? m->id_hint : "msg",
		(long long)time(NULL));
	sb_adds(out, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
		     "Content-Transfer-Encoding: 8bit\r\n\r\n");
	/* The body with every line end made CRLF. */
	for (p = m->body ? m->body : ""; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			sb_adds(out, "\r\n");
		else
			sb_addc(out, *p);
	}
	if (out->len < 2 || out->buf[out->len - 1] != '\n')
		sb_adds(out, "\r\n");
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t read_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->pos)
		n = u->len - u->pos;
	memcpy(buf, u->data + u->pos, n);
	u->pos += n;
	return n;
}

int mail_send_smtp(const char *url, const struct mail_msg *m, struct sb *err)
{
	struct sb msg = SB_INIT, from = SB_INIT, rcpt = SB_INIT;
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpts = NULL;
	struct upload u;
	CURL *c = NULL;
	CURLcode cc;
	int rc = -ERR_IO;

	if (!mail_addr_ok(m->to_addr) || !mail_addr_ok(m->from)) {
		sb_addf(err, "cannot send to '%s' from '%s': not an e-mail address",
			m->to_addr ? m->to_addr : "", m->from ? m->from : "");
		return -ERR_INPUT;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		sb_adds(err, "libcurl failed to initialise");
		return -ERR_IO;
	}
	mail_format(m, &msg);
	sb_addf(&from, "<%s>", m->from);
	sb_addf(&rcpt, "<%s>", m->to_addr);
	rcpts = curl_slist_append(rcpts, rcpt.buf);
	c = curl_easy_init();
	if (!c || !rcpts) {
		sb_adds(err, "libcurl: out of memory");
		goto out;
	}
	u = (struct upload){ .data = msg.buf, .len = msg.len, .pos = 0 };
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.buf);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	/* Upgrade to TLS when the server offers it; smtps:// is TLS from the start. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	cc = curl_easy_perform(c);
	if (cc != CURLE_OK) {
		sb_addf(err, "%s: sending to %s failed: %s", url, m->to_addr,
			*errbuf ? errbuf : curl_easy_strerror(cc));
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(rcpts);
	if (c)
		curl_easy_cleanup(c);
	curl_global_cleanup();
	sb_release(&msg);
	sb_release(&from);
	sb_release(&rcpt);
	return rc;
}

/* mkdir -p: creates dir and its missing parents. */
static int make_dirs(const char *dir, struct sb *err)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		bool end = *s == '\0';

		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0775) < 0 && errno != EEXIST) {
			sb_addf(err, "%s: cannot create folder: %s", p, strerror(errno));
			rc = -ERR_IO;
		}
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

int mail_write_file(const char *dir, const char *name, const struct mail_msg *m,
		    struct sb *path, struct sb *err)
{
	struct sb msg = SB_INIT, final = SB_INIT, tmp = SB_INIT;
	FILE *f = NULL;
	int rc;

	rc = make_dirs(dir, err);
	if (rc < 0)
		goto out;
	mail_format(m, &msg);
	sb_addf(&final, "%s/%s.eml", dir, name);
	sb_addf(&tmp, "%s/.%s.eml.tmp", dir, name);
	f = fopen(tmp.buf, "wb");
	if (!f || fwrite(msg.buf, 1, msg.len, f) != msg.len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		rc = -ERR_IO;
	}
	if (f && fclose(f) != 0 && rc == 0) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		rc = -ERR_IO;
	}
	if (rc == 0 && rename(tmp.buf, final.buf) < 0) {
		sb_addf(err, "%s: cannot rename: %s", final.buf, strerror(errno));
		rc = -ERR_IO;
	}
	if (rc < 0)
		unlink(tmp.buf);
	else if (path)
		sb_adds(path, final.buf);
out:
	sb_release(&msg);
	sb_release(&final);
	sb_release(&tmp);
	return rc;
}
