/*
 * form.h - a request's body fields and cookies, parsed apart from the HTTP
 * plumbing (server.c hands over the whole body once it has arrived):
 * application/x-www-form-urlencoded and multipart/form-data bodies, and the
 * Cookie header.
 *
 * Strict on purpose: a bad %-escape, a NUL byte in a field, a multipart
 * body without its boundary or its closing delimiter is refused
 * (-ERR_INPUT: 400) rather than guessed at; fields beyond max_body bytes in
 * all, or a file beyond max_upload, are -ERR_TOOBIG (413). A repeated key
 * keeps every value in order; form_get gives the first. One file per
 * request: the first file part with a file name (an empty file input sends
 * filename=""; it and any later file part are ignored).
 */
#ifndef DONDOC_WEB_FORM_H
#define DONDOC_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/sb.h"

struct field {
	char *name;
	struct sb value;
};

/* Fields (or cookies) in the order they came. */
struct form_fields {
	struct field *v;
	size_t n, cap;
};

struct upload {
	char *field, *filename;
	struct sb data;
};

struct form_limits {
	size_t max_body; /* bytes of all fields (not the file) together */
	size_t max_upload; /* bytes of the file */
};

enum form_kind {
	FORM_NONE, /* not a form: the body stays raw (JSON, a document) */
	FORM_URLENCODED,
	FORM_MULTIPART,
};

/** What a Content-Type header (may be NULL) announces. */
enum form_kind form_kind_of(const char *content_type);

/**
 * Parses body (len bytes) of content_type into fields and up (both empty
 * or released before). 0; -ERR_INPUT or -ERR_TOOBIG with a sentence in err.
 * A body that is no form (FORM_NONE) adds nothing and is 0.
 */
int form_parse(const char *content_type, const char *body, size_t len,
	       const struct form_limits *lim, struct form_fields *fields, struct upload *up,
	       struct sb *err);

/** The first value of name, or NULL. */
const char *form_get(const struct form_fields *f, const char *name);

/**
 * Parses a Cookie header ("a=1; b=\"2\"") into out: names and values as
 * sent (no decoding), a quoted value unquoted, pairs without '=' or with an
 * empty name skipped. header NULL: nothing.
 */
void form_cookies(const char *header, struct form_fields *out);

void form_fields_release(struct form_fields *f);
void form_upload_release(struct upload *up);

#endif
