/* zc-material-import.h — a PDF, JPEG or PNG file taken in as pages of a
 * material, checked and read on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads FILE (at most ZC_ACQUIRE_MAX_FILE_BYTES; what it is decided by
 * its content, not its name) into pages: a GPtrArray of ZcAcquiredPage.
 * Errors in ZC_ACQUIRE_ERROR name the file: UNSUPPORTED, TOO_LARGE,
 * DAMAGED, ENCRYPTED, EMPTY. */
void       zc_material_import_async  (GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *zc_material_import_finish (GAsyncResult        *result,
                                      GError             **error);

/* The same on bytes already read (DISPLAY_NAME for errors), in the
 * calling thread */
GPtrArray *zc_material_import_bytes  (GBytes              *bytes,
                                      const char          *display_name,
                                      GError             **error);

G_END_DECLS
