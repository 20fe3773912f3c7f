/*
 * replay.c - runs a fuzz target's entry point (LLVMFuzzerTestOneInput) on
 * every file named on the command line, or in the folders named, without
 * libFuzzer: make test replays fuzz/corpus/TARGET/ through it with the
 * normal (or sanitizer) build, so every input that ever crashed, hung or
 * blew memory stays a regression test. Prints how many files ran; exits 1
 * when a file cannot be read (a crash ends the process by itself).
 */
#include "base/compat.h"
#include "base/sb.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	struct sb data = SB_INIT;
	char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&data, buf, n);
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		rc = -1;
	}
	fclose(f);
	if (rc == 0)
		LLVMFuzzerTestOneInput((const uint8_t *)(data.buf ? data.buf : ""), data.len);
	sb_release(&data);
	return rc;
}

int main(int argc, char **argv)
{
	size_t ran = 0;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;

		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			rc |= run_file(argv[i]) != 0;
			ran++;
			continue;
		}
		d = opendir(argv[i]);
		if (!d) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			char path[4096];

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			rc |= run_file(path) != 0;
			ran++;
		}
		closedir(d);
	}
	printf("replay: %zu inputs\n", ran);
	return rc;
}
