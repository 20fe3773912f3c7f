/*
 * escape.h - the one place text is escaped for another language: HTML text
 * and attribute values, XML, CSV fields and JSON strings (where jansson is
 * not building the document). Each appends the escaped form of s[0..len) to
 * out; the input is UTF-8 and is copied byte for byte except for the
 * characters the target language reserves.
 */
#ifndef DONDOC_ESCAPE_H
#define DONDOC_ESCAPE_H

#include <stddef.h>

struct sb;

/** HTML element content: & < > escaped. */
void escape_html(struct sb *out, const char *s, size_t len);
/** HTML attribute value (always quoted with "): & < > " ' escaped. */
void escape_html_attr(struct sb *out, const char *s, size_t len);
/** XML text or attribute: & < > " ' escaped; control characters XML 1.0
 *  forbids (other than tab, LF, CR) are dropped. */
void escape_xml(struct sb *out, const char *s, size_t len);
/** One CSV field (RFC 4180): quoted when it holds , " CR or LF, quotes
 *  doubled; a field starting with = + - @ is prefixed with ' so that a
 *  spreadsheet does not run it as a formula. */
void escape_csv(struct sb *out, const char *s, size_t len);
/** A JSON string with its quotes: " \\ and control characters escaped. */
void escape_json(struct sb *out, const char *s, size_t len);

#endif
