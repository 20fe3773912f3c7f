/*
 * err.h - the one error enum, generated from ERR_MAP (after libuv's
 * UV_ERRNO_MAP), and the message channel that carries human detail.
 *
 * Functions return 0 or a negative ERR_*; the detail (which file, which line,
 * what was expected) goes into a struct sb the caller passes as `err`. Only the
 * CLI maps an error to an exit status, and only the web layer to an HTTP
 * status.
 */
#ifndef DONDOC_ERR_H
#define DONDOC_ERR_H

#define ERR_MAP(XX)                                                  \
	XX(IO, "cannot read or write a file")                        \
	XX(INPUT, "input is not in the expected form")               \
	XX(ENCODING, "text is not valid UTF-8")                      \
	XX(EMPTY, "input is empty")                                  \
	XX(TOOBIG, "input exceeds a configured limit")              \
	XX(NOTFOUND, "no such record")                               \
	XX(DB, "database error")                                     \
	XX(CONFLICT, "the record changed or already exists")          \
	XX(USAGE, "wrong command-line usage")                        \
	XX(DENIED, "not allowed")                                    \
	XX(UNSUPPORTED, "unsupported file type")                     \
	XX(BUSY, "the database is busy (another dondoc is writing); try again")

enum err {
	ERR_OK = 0,
#define XX(name, msg) ERR_##name,
	ERR_MAP(XX)
#undef XX
};

/* Errors are returned negated: return -ERR_INPUT. */
const char *err_name(int code);
const char *err_str(int code);

#endif
