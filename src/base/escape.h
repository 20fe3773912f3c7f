/*
 * escape.h - text made safe for the markup dondoc writes.
 *
 * Every piece of text that goes into a generated XML part (DOCX templates,
 * spreadsheets written by hand) passes through escape_xml(), so that a task
 * text holding "<w:t>&" or "]]>" comes out as those characters, never as
 * markup.
 */
#ifndef DONDOC_ESCAPE_H
#define DONDOC_ESCAPE_H

struct sb;

/**
 * Appends s (UTF-8; NULL appends nothing) to out with & < > " ' written as
 * entities. Control characters XML 1.0 forbids (all below U+0020 except tab,
 * line feed and carriage return) are dropped, so the part stays well-formed.
 */
void escape_xml(struct sb *out, const char *s);

#endif
