/* zc-session.h — what a workstation holds for the platform it talks to
 * and the user logged in to it: the REST client, the local store
 * (drafts, outbox), the outbox sender and the polling of the user's
 * notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "zc-client.h"
#include "zc-outbox.h"
#include "zc-store.h"

G_BEGIN_DECLS

#define ZC_TYPE_SESSION (zc_session_get_type ())
G_DECLARE_FINAL_TYPE (ZcSession, zc_session, ZC, SESSION, GObject)

/* A session with the platform at @base_url; @store (nullable: the local
 * store could not be opened) keeps drafts and the outbox, which this
 * session sends. */
ZcSession *zc_session_new         (const char *base_url,
                                   ZcStore    *store);
ZcClient  *zc_session_get_client  (ZcSession  *self);
/* (nullable) */
ZcStore   *zc_session_get_store   (ZcSession  *self);
/* (nullable): NULL without a store */
ZcOutbox  *zc_session_get_outbox  (ZcSession  *self);
/* The client's user logged in: the outbox is sent and notifications
 * polled (what happened during the working day is told again first). */
void       zc_session_start       (ZcSession  *self);
/* Logged out: polling stops (the outbox stops with the client's user) */
void       zc_session_stop        (ZcSession  *self);

/* How many unfinished receptions @username has saved on this computer,
 * counted off the main thread */
void       zc_session_count_drafts_async  (ZcSession           *self,
                                           const char          *username,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   zc_session_count_drafts_finish (ZcSession           *self,
                                           GAsyncResult        *result,
                                           guint               *n_drafts,
                                           GError             **error);

/* The session token is kept in the keyring (libsecret, this schema,
 * attribute "platform" = the base URL) while the client holds one, and
 * removed when it forgets it; nowhere else. TRUE while a keyring write
 * is under way. */
const SecretSchema *zc_session_get_secret_schema (void);
gboolean   zc_session_get_keyring_busy    (ZcSession           *self);

/* signals: "notification" (const char *message) — the platform told the
 * user something (e.g. a supervisor took a case over) */

G_END_DECLS
