/* zc-outbox.h — sends the store's outbox for the logged-in user, in
 * order, exactly once (Idempotency-Key), with exponential backoff (1 s,
 * 2 s, 4 s … capped at 60 s) while the platform is unreachable or
 * answers 5xx; a refused entry (4xx) is set aside with its reason and
 * never blocks the rest. Entries of other users wait for them.
 *
 * "upload_document" entries: a material's PDF (zc_outbox_queue_material_async)
 * to its case, after the case's submission.
 *
 * "submit_case" entries: POST /cases (with the body and key), then POST
 * /cases/{id}/transitions {"to":"received","received_at": client time}
 * (its own Idempotency-Key derived from the entry's). The case number
 * lands in the entry. (Until ZcClient can send "received_at" and a key
 * with a transition, the transition goes without them; a retried
 * transition is recognised by the case's state after a 409.)
 *
 * Errors: network, 5xx, 408, 429 → retry later ("online" FALSE);
 * 401 → stop, entries wait for their owner's next login; any other 4xx
 * → the entry is refused (set aside with zc_platform_error_to_user_message)
 * and the next one goes. An entry whose stored body is damaged is
 * refused too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-client.h"
#include "zc-store.h"

G_BEGIN_DECLS

#define ZC_TYPE_OUTBOX (zc_outbox_get_type ())
G_DECLARE_FINAL_TYPE (ZcOutbox, zc_outbox, ZC, OUTBOX, GObject)

ZcOutbox   *zc_outbox_new           (ZcStore *store, ZcClient *client);
/* Starts/continues sending for the client's current user; call after
 * login and after appending. Stops on logout (notify::user → NULL). */
void        zc_outbox_kick          (ZcOutbox *self);
/* properties: "online" (bool: last contact with the platform succeeded),
 * "pending" (uint: queued entries of the current user), "refused" (uint);
 * pending/refused follow the store ("outbox-changed") and the user. */
gboolean    zc_outbox_get_online    (ZcOutbox *self);
guint       zc_outbox_get_pending   (ZcOutbox *self);
guint       zc_outbox_get_refused   (ZcOutbox *self);
ZcStore    *zc_outbox_get_store     (ZcOutbox *self);
/* signals: "entry-sent" (ZcOutboxEntry*), "entry-refused" (ZcOutboxEntry*) */

/* A material's PDF for the outbox to upload exactly once (its own
 * Idempotency-Key): behind @local_ref's submission (a draft's file waits
 * until the draft is submitted), or to the platform's case @case_id
 * (> 0). Checked first (PDF, not empty, ≤ 20 MiB: a translated
 * ZcPlatformError), kept in the local store on a worker thread. Finish:
 * the file's id. Signals: "upload-progress" (gint64 entry id, gint64
 * sent, gint64 total), then "entry-sent" (kind "upload_document"). */
void        zc_outbox_queue_material_async  (ZcOutbox *self, const char *local_ref, gint64 case_id,
                                             const char *material_code, const char *name, GBytes *pdf,
                                             GCancellable *cancellable, GAsyncReadyCallback callback,
                                             gpointer user_data);
gint64      zc_outbox_queue_material_finish (ZcOutbox *self, GAsyncResult *result, GError **error);

/* For zcctl and tests: sends everything queued now, waiting for the
 * answers (runs the thread-default main context). */
gboolean    zc_outbox_flush_sync    (ZcOutbox *self, GCancellable *cancellable, GError **error);

G_END_DECLS
