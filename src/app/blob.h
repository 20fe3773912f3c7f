/*
 * blob.h - the evidence store: files kept in one folder under the SHA-256
 * of their content (the same file twice is kept once). It implements
 * struct blob_store of ops/ops.h: a file is staged (copied under a
 * temporary name, hashed, checked against a size limit) and only moved to
 * its final name when the report that cites it is committed.
 */
#ifndef DONDOC_BLOB_H
#define DONDOC_BLOB_H

struct blob_store;

/** A blob store over folder dir (created when first written). */
struct blob_store *blob_folder_new(const char *dir);
void blob_folder_free(struct blob_store *b);
/** The folder of a blob store from blob_folder_new (the import spool lives
 *  under it: app/jobs.h). */
const char *blob_folder_dir(const struct blob_store *b);

#endif
