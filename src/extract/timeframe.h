/*
 * timeframe.h - Vietnamese time frames read into dates.
 *
 * "Quý III/2026", "Thường xuyên", "trước ngày 15/6/2024", "Quý II/2026 (vào dịp
 * 30/4)", OCR'd "Quy 111/2021"... become a struct due (see the "Time frames"
 * table of ../shared/spec/plan-json.md). Matching works on the folding key, so
 * phrases without diacritics read the same. Pure: no I/O, no allocation
 * beyond the returned struct.
 */
#ifndef DONDOC_TIMEFRAME_H
#define DONDOC_TIMEFRAME_H

#include <stdbool.h>
#include <stddef.h>

struct due;

/**
 * Reads the time phrase s[0..len) with default_year for phrases that give no
 * year (0 = unknown: such phrases then get null dates). Returns a new struct
 * due whose text is the phrase as printed (white space collapsed), or NULL
 * when s holds no time expression at all. Free with due_free().
 */
struct due *timeframe_parse(const char *s, size_t len, int default_year);

/**
 * True when s looks like a time phrase and nothing else (used to tell a time
 * cell from an agency or result cell that sits in the wrong column).
 */
bool timeframe_is_phrase(const char *s, size_t len);

/**
 * Finds a date "ngày 15/6/2024", "15/6/2024", "15-6-2024" in s and writes it
 * as ISO into iso (DATE_LEN bytes). Returns the offset just past the match, or
 * 0 when none. Day and month are range-checked.
 */
size_t timeframe_find_date(const char *s, size_t len, char *iso);

/**
 * Finds the time frame a sentence states ("...; hoàn thành trong Quý II/2026",
 * "trình UBND tỉnh trước ngày 30/6/2026", "thực hiện hằng năm"): the last run
 * of time words that opens with a cue (quý, tháng, trước, chậm nhất, hoàn
 * thành, thời gian, hằng, định kỳ, thường xuyên, trong, từ, giai đoạn) and
 * reads as a time frame. A date inside a citation ("Quyết định số 1441/QĐ-UBND
 * ngày 25/9/2025") is never one. Returns true with the phrase at
 * s[*at..*end).
 */
bool timeframe_find_in_text(const char *s, size_t len, int default_year, size_t *at, size_t *end);

/** Days in month m (1-12) of year y, Gregorian. */
int days_in_month(int y, int m);

#endif
