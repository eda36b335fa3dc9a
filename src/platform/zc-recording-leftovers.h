/* zc-recording-leftovers.h — call recordings that survive a restart
 *
 * A finished recording waiting for the platform has a sidecar next to
 * it (FILE.webm.json: the video session, the Idempotency-Key of its
 * upload, its size). On the next start, after login, every leftover
 * pair in the folder is sent again with its same key (so a recording
 * the platform already got before the restart lands once), and the
 * pair is removed once the platform has it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zc-client.h"

G_BEGIN_DECLS

/* Writes @path's sidecar (replaced atomically). */
gboolean zc_recording_leftovers_write_sidecar (const char   *path,
                                               gint64        session,
                                               const char   *idempotency_key,
                                               goffset       size,
                                               GError      **error);
/* Removes @path and its sidecar (the platform has it). */
void     zc_recording_leftovers_remove        (const char   *path);

/* Sends every leftover recording of @dir (the default folder
 * ~/.cache/zongchuang/recordings when NULL), one after the other.
 * Finish: how many the platform stored now; a recording that could not
 * be sent stays for the next start (not an error). */
void     zc_recording_leftovers_resend_async  (ZcClient            *client,
                                               const char          *dir,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
guint    zc_recording_leftovers_resend_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
