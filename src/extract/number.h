/*
 * number.h - Vietnamese numbers and quantified targets.
 *
 * "155.000" = 155000, "14,97" = 14.97, "4,060 triệu lượt khách" = 4060000
 * lượt khách, "30- 50%" a range, "khoảng", "ít nhất", "tối thiểu", "không quá",
 * ">10" operators (see "Numbers" in ../shared/spec/plan-json.md). Pure: no I/O.
 */
#ifndef DONDOC_NUMBER_H
#define DONDOC_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

#include "model/plan.h"

/**
 * Reads one number at the start of s[0..len) the Vietnamese way ('.' groups
 * thousands, ',' is the decimal mark; "4,060" before a scale word is 4.06).
 * Returns the bytes consumed (0 when s does not start with a digit) and the
 * value in *value. With fold_scale, a following scale word (nghìn, triệu, tỷ)
 * multiplies the value and is consumed too.
 */
size_t number_parse(const char *s, size_t len, bool fold_scale, double *value);

/**
 * Reads an indicator's planned value cell ("155.000", ">10", "30-50", "93,00",
 * ">90000") into t: value as printed without scale folding, op from a leading
 * comparison sign or word. Returns 0, or -1 when the cell holds no number.
 * t->text is set to the cell text; t->unit is left NULL.
 */
int number_parse_cell(const char *s, size_t len, struct target *t);

/**
 * Finds the quantified goals in a sentence: each number followed by a unit
 * (with scale words folded into the value and left out of the unit) and
 * preceded by an operator word ("khoảng", "ít nhất", "tối thiểu", "trên",
 * "không quá", "đạt", "phấn đấu"). Years, dates, document numbers and
 * references like "Nghị quyết số 30/2025" are not targets. Each found goal is
 * appended to *out (text: the clause it came from). A goal whose sentence
 * names its year gets that period ("đến năm 2030 đạt 50%" -> "2030",
 * "giai đoạn 2026 - 2030" -> "2026-2030", "6 tháng đầu năm 2026" ->
 * "2026-H1"): a year right after the goal first, else the nearest before it
 * in its sentence. Returns how many.
 */
size_t number_find_targets(const char *s, size_t len, struct target_vec *out);

/**
 * The first period s names, as for goals ("Đến năm 2030:" -> "2030", "b)
 * Giai đoạn 2026 - 2028" -> "2026-2028"), written into out. False when none.
 */
bool number_find_period(const char *s, size_t len, char *out, size_t cap);

#endif
