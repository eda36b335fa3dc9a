/* zc-server-upload.h — a document's bytes on their way to the files
 * folder: written to a temporary file as they arrive, hashed (SHA-256),
 * counted against a limit and sniffed for "%PDF-", then synced and
 * renamed to their SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the largest document the platform keeps (the contract's 413) */
#define ZC_SERVER_MAX_DOCUMENT (20 * 1024 * 1024)
/* the largest recording of a call (POST /video-sessions/{id}/recording) */
#define ZC_SERVER_MAX_RECORDING ((guint64) 512 * 1024 * 1024)
/* the first bytes of a WebM (Matroska) file: the EBML header's id */
#define ZC_SERVER_WEBM_MAGIC     "\x1a\x45\xdf\xa3"
#define ZC_SERVER_WEBM_MAGIC_LEN 4

typedef struct _ZcServerUpload ZcServerUpload;

/* A temporary file ".upload-XXXXXX" in @dir (created when missing),
 * for a PDF. */
ZcServerUpload *zc_server_upload_new        (const char      *dir,
                                             guint64          limit,
                                             GError         **error);
/* The same for a file whose first bytes must be @magic (at most 8):
 * ZC_SERVER_WEBM_MAGIC for a call's recording. */
ZcServerUpload *zc_server_upload_new_with_magic (const char  *dir,
                                                 guint64      limit,
                                                 const char  *magic,
                                                 gsize        magic_len,
                                                 GError     **error);
/* Appends; after the limit is passed, or once the first bytes are not
 * "%PDF-", nothing more is written (the answer will be 413 / 415).
 * FALSE once too large. */
gboolean        zc_server_upload_write      (ZcServerUpload  *upload,
                                             const void      *data,
                                             gsize            length);
/* The end of the body: fsync and close; the SHA-256 is known after. */
gboolean        zc_server_upload_finish     (ZcServerUpload  *upload,
                                             GError         **error);
gboolean        zc_server_upload_is_too_large (ZcServerUpload *upload);
/* The first bytes were "%PDF-" (of an upload made for a PDF) */
gboolean        zc_server_upload_is_pdf     (ZcServerUpload  *upload);
/* The first bytes were the upload's magic */
gboolean        zc_server_upload_has_magic  (ZcServerUpload  *upload);
guint64         zc_server_upload_get_size   (ZcServerUpload  *upload);
/* lower-case hex, after finish */
const char     *zc_server_upload_get_sha256 (ZcServerUpload  *upload);
/* Renames the file to DIR/SHA256 (the same bytes already there: kept)
 * and syncs the folder. */
gboolean        zc_server_upload_commit     (ZcServerUpload  *upload,
                                             GError         **error);
/* Removes the temporary file unless committed. */
void            zc_server_upload_free       (ZcServerUpload  *upload);

/* DIR/SHA256, the file of a stored document */
char           *zc_server_upload_path_of    (const char      *dir,
                                             const char      *sha256);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcServerUpload, zc_server_upload_free)

G_END_DECLS
