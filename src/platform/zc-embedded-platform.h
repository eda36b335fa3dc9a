/* zc-embedded-platform.h — starts the bundled zc-platform on loopback
 * (GSubprocess, port 0, database in the user's data folder, --demo)
 * and reads its URL from the first line of its stdout.
 *
 * The executable is found as: $ZC_PLATFORM_PATH, then the build tree
 * (uninstalled runs), then LIBEXECDIR/BINDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZC_TYPE_EMBEDDED_PLATFORM (zc_embedded_platform_get_type ())
G_DECLARE_FINAL_TYPE (ZcEmbeddedPlatform, zc_embedded_platform, ZC, EMBEDDED_PLATFORM, GObject)

/* @db_path NULL = g_get_user_data_dir()/zongchuang/demo-platform.db */
ZcEmbeddedPlatform *zc_embedded_platform_new        (const char *db_path);
void                zc_embedded_platform_start_async  (ZcEmbeddedPlatform *self,
                                                       GCancellable *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer user_data);
/* Returns the base URL ("http://127.0.0.1:NNNNN") */
char               *zc_embedded_platform_start_finish (ZcEmbeddedPlatform *self,
                                                       GAsyncResult *result,
                                                       GError **error);
/* NULL before start, after stop, and once the platform ended by itself
 * (property "url", notify::url) */
const char         *zc_embedded_platform_get_url    (ZcEmbeddedPlatform *self);
/* Terminates the child (also on finalize). */
void                zc_embedded_platform_stop       (ZcEmbeddedPlatform *self);

/* Path of the zc-platform executable, or NULL with an error. */
char               *zc_embedded_platform_find_executable (GError **error);

G_END_DECLS
