/*
 * escape.h - the one HTML escaping function. Every text the web pages show
 * (task texts from imported documents, names, notes, messages) goes through
 * escape_html, so that markup in a document is shown as text.
 */
#ifndef DONDOC_ESCAPE_H
#define DONDOC_ESCAPE_H

struct sb;

/** Appends s to out with & < > " ' written as entities; NULL appends nothing.
 *  Safe in element content and in quoted attribute values. */
void escape_html(struct sb *out, const char *s);

#endif
