/*
 * bench_extract.c - extraction throughput, in process, single core.
 *
 * Reads the given files once, then runs the whole import pipeline short of
 * the database (reader, extraction passes, plan/1 JSON) over all of them
 * ROUNDS times, and prints the time per pass over all files and MB/s. The
 * agency registry is built once, as in a running server; its build time is
 * printed apart. Process start-up (dynamic linking) is not counted.
 *
 *   build/bench_extract [-n ROUNDS] FILE...
 */
#include "base/compat.h"
#include "base/sb.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/planjson.h"

#include <time.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int extract_one(const struct agency_registry *reg, const char *path, const struct sb *data)
{
	struct sb err = SB_INIT, json = SB_INIT;
	struct doc *doc = ingest_buffer(path, data->buf, data->len, NULL, &err);
	struct plan plan;
	int rc = -1;

	plan_init(&plan);
	if (doc && extract_plan(doc, reg, NULL, &plan, &err) == 0) {
		plan_json_write(&plan, &json);
		rc = 0;
	} else {
		fprintf(stderr, "bench: %s\n", err.buf);
	}
	plan_release(&plan);
	doc_free(doc);
	sb_release(&err);
	sb_release(&json);
	return rc;
}

int main(int argc, char **argv)
{
	struct sb *files;
	struct sb err = SB_INIT;
	struct agency_registry *reg;
	size_t bytes = 0;
	int i, r, rounds = 20, first = 1, nfiles;
	double t0, t1, registry_ms;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		rounds = (int)strtol(argv[2], NULL, 10);
		first = 3;
	}
	nfiles = argc - first;
	if (nfiles < 1 || rounds < 1) {
		fprintf(stderr, "usage: bench_extract [-n ROUNDS] FILE...\n");
		return 2;
	}
	files = xcalloc((size_t)nfiles, sizeof(*files));
	for (i = 0; i < nfiles; i++) {
		if (ingest_slurp(argv[first + i], 0, &files[i], &err) < 0) {
			fprintf(stderr, "bench: %s\n", err.buf);
			return 1;
		}
		bytes += files[i].len;
	}
	t0 = now_ms();
	reg = agency_registry_new();
	registry_ms = now_ms() - t0;
	/* One warm-up pass so first-use tables are built outside the timing. */
	for (i = 0; i < nfiles; i++)
		if (extract_one(reg, argv[first + i], &files[i]) < 0)
			return 1;
	t0 = now_ms();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < nfiles; i++)
			extract_one(reg, argv[first + i], &files[i]);
	t1 = now_ms();
	printf("files: %d, %zu bytes; rounds: %d\n", nfiles, bytes, rounds);
	printf("registry build: %.2f ms (once per process)\n", registry_ms);
	printf("extraction of all files: %.2f ms per pass; %.2f MB/s\n", (t1 - t0) / rounds,
	       bytes * (double)rounds / ((t1 - t0) / 1e3) / 1e6);
	for (i = 0; i < nfiles; i++)
		sb_release(&files[i]);
	free(files);
	agency_registry_free(reg);
	return 0;
}
