/*
 * mkzip.h - ZIP archives built in memory with libzip for the reader tests
 * (ZIP layer, DOCX, XLSX): parts stored or deflated, optionally encrypted.
 */
#ifndef DONDOC_MKZIP_H
#define DONDOC_MKZIP_H

#include <zip.h>

struct zip_part {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
	bool store;
	bool encrypt;
};

/* Builds a ZIP of the entries into out; returns false when libzip cannot
 * (an encryption method this libzip was built without). */
static inline bool make_zip(const struct zip_part *e, size_t n, struct sb *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	bool ok = true;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (i = 0; i < n; i++) {
		size_t len = e[i].len ? e[i].len : strlen(e[i].data);
		zip_source_t *s = zip_source_buffer(za, e[i].data, len, 0);
		zip_int64_t idx = zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8);

		assert_true(idx >= 0);
		zip_set_file_compression(za, (zip_uint64_t)idx,
					 e[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
		if (e[i].encrypt &&
		    zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "geheim") != 0)
			ok = false;
	}
	assert_int_equal(zip_close(za), 0);
	zip_stat_init(&st);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	sb_reset(out);
	while (out->len < st.size) {
		char buf[4096];
		zip_int64_t k = zip_source_read(src, buf, sizeof(buf));

		if (k <= 0)
			break;
		sb_add(out, buf, (size_t)k);
	}
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return ok;
}

#endif
