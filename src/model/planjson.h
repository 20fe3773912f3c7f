/*
 * planjson.h - the plan/1 exchange format (../shared/spec/plan-json.md),
 * read and written with jansson.
 *
 * plan_json_write() and plan_json_read() are inverses: writing a plan, reading
 * it back and writing again gives the same bytes.
 */
#ifndef DONDOC_PLANJSON_H
#define DONDOC_PLANJSON_H

#include <stdio.h>

struct plan;
struct sb;

/** Appends the plan/1 JSON of p to out (UTF-8, indented, final newline). */
void plan_json_write(const struct plan *p, struct sb *out);

/**
 * Reads plan/1 JSON text into p (initialised, empty). Returns 0, or -1 with
 * the reason in err ("LINE:COL: ..." for syntax, the field path for shape).
 * On error p is released and left empty.
 */
int plan_json_read(const char *text, size_t len, struct plan *p, struct sb *err);

#endif
