/* zc-session.c — the client, store, outbox and notification polling of
 * one workstation's session with the platform
 *
 * The session token lives in memory (the client) and in the user's
 * keyring (libsecret), nowhere else: not in GSettings, not in the local
 * store, never in a log. It is stored when the client gets one (login)
 * and removed when the client forgets it (logout, session ended).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "zc-clock.h"

#include "zc-session.h"

#define NOTIFICATION_POLL_S 20

struct _ZcSession
{
  GObject       parent_instance;

  ZcClient     *client;
  ZcStore      *store;
  ZcOutbox     *outbox;
  GCancellable *cancellable;     /* notifications of the current user */
  guint         notify_source;
  gint64        last_notification;
  gboolean      polling;
  gboolean      first_poll;
  guint         secret_ops;      /* keyring writes under way */
};

G_DEFINE_FINAL_TYPE (ZcSession, zc_session, G_TYPE_OBJECT)

enum {
  NOTIFICATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- notifications (e.g. a supervisor took a case over) -------------- */

static void
notifications_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
  g_autoptr(GDateTime) since = g_date_time_add_hours (now, -12);
  gboolean first;

  list = zc_client_list_notifications_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->polling = FALSE;
  first = self->first_poll;
  self->first_poll = FALSE;
  if (list == NULL)
    {
      zc_debug_masked ("Notifications not fetched", error->message);
      return;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *n;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      n = json_node_get_object (node);
      self->last_notification = MAX (self->last_notification,
                                     json_object_get_int_member_with_default (n, "id", 0));
      /* at login, only what happened during the working day is told again */
      if (first)
        {
          g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (n, "at", ""), NULL);

          if (at == NULL || g_date_time_compare (at, since) < 0)
            continue;
        }
      if (json_object_get_string_member_with_default (n, "message", NULL) != NULL)
        g_signal_emit (self, signals[NOTIFICATION], 0, json_object_get_string_member (n, "message"));
    }
}

static gboolean
poll_notifications_cb (gpointer user_data)
{
  ZcSession *self = user_data;

  if (zc_client_get_user (self->client) != NULL && !self->polling)
    {
      self->polling = TRUE;
      zc_client_list_notifications_async (self->client, self->last_notification, self->cancellable,
                                          notifications_cb, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

/* --- the token in the keyring ------------------------------------- */

const SecretSchema *
zc_session_get_secret_schema (void)
{
  static const SecretSchema schema = {
    "org.zongchuang.Workstation.Session", SECRET_SCHEMA_NONE,
    {
      { "platform", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcSession) self = user_data;
  g_autoptr(GError) error = NULL;

  /* the message says what failed, never the secret */
  if (!secret_password_store_finish (result, &error))
    zc_debug_masked ("The session was not kept in the keyring", error->message);
  self->secret_ops--;
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ZcSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    zc_debug_masked ("The session was not removed from the keyring", error->message);
  self->secret_ops--;
}

static void
token_notify_cb (ZcSession *self)
{
  const char *token = zc_client_get_token (self->client);
  const char *platform = zc_client_get_base_url (self->client);

  self->secret_ops++;
  if (token != NULL)
    {
      g_autofree char *label = g_strdup_printf ("Zongchuang session (%s)", platform);

      secret_password_store (zc_session_get_secret_schema (), SECRET_COLLECTION_DEFAULT, label,
                             token, NULL, secret_stored_cb, g_object_ref (self),
                             "platform", platform, NULL);
    }
  else
    secret_password_clear (zc_session_get_secret_schema (), NULL, secret_cleared_cb, g_object_ref (self),
                           "platform", platform, NULL);
}

gboolean
zc_session_get_keyring_busy (ZcSession *self)
{
  g_return_val_if_fail (ZC_IS_SESSION (self), FALSE);

  return self->secret_ops > 0;
}

/* --- drafts --------------------------------------------------------- */

static void
count_drafts_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ZcSession *self = source_object;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) drafts = NULL;

  drafts = zc_store_list_drafts (self->store, task_data, &error);
  if (drafts == NULL && error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, drafts != NULL ? g_strv_length (drafts) : 0);
}

void
zc_session_count_drafts_async (ZcSession           *self,
                               const char          *username,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ZC_IS_SESSION (self));
  g_return_if_fail (username != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_session_count_drafts_async);
  if (self->store == NULL)
    {
      g_task_return_int (task, 0);
      return;
    }
  g_task_set_task_data (task, g_strdup (username), g_free);
  g_task_run_in_thread (task, count_drafts_thread);
}

gboolean
zc_session_count_drafts_finish (ZcSession     *self,
                                GAsyncResult  *result,
                                guint         *n_drafts,
                                GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_drafts != NULL)
    *n_drafts = (guint) n;
  return TRUE;
}

/* --- GObject -------------------------------------------------------- */

static void
zc_session_dispose (GObject *object)
{
  ZcSession *self = ZC_SESSION (object);

  zc_session_stop (self);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (zc_session_parent_class)->dispose (object);
}

static void
zc_session_class_init (ZcSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_session_dispose;

  signals[NOTIFICATION] =
    g_signal_new ("notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
zc_session_init (ZcSession *self)
{
}

/* --- public API ----------------------------------------------------- */

ZcSession *
zc_session_new (const char *base_url,
                ZcStore    *store)
{
  ZcSession *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (store == NULL || ZC_IS_STORE (store), NULL);

  self = g_object_new (ZC_TYPE_SESSION, NULL);
  self->client = zc_client_new (base_url);
  g_signal_connect_object (self->client, "notify::token", G_CALLBACK (token_notify_cb), self,
                           G_CONNECT_SWAPPED);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->outbox = zc_outbox_new (store, self->client);
    }
  return self;
}

ZcClient *
zc_session_get_client (ZcSession *self)
{
  g_return_val_if_fail (ZC_IS_SESSION (self), NULL);

  return self->client;
}

ZcStore *
zc_session_get_store (ZcSession *self)
{
  g_return_val_if_fail (ZC_IS_SESSION (self), NULL);

  return self->store;
}

ZcOutbox *
zc_session_get_outbox (ZcSession *self)
{
  g_return_val_if_fail (ZC_IS_SESSION (self), NULL);

  return self->outbox;
}

void
zc_session_start (ZcSession *self)
{
  g_return_if_fail (ZC_IS_SESSION (self));

  if (self->outbox != NULL)
    zc_outbox_kick (self->outbox);

  zc_session_stop (self);
  self->cancellable = g_cancellable_new ();
  self->last_notification = 0;
  self->first_poll = TRUE;
  self->notify_source = g_timeout_add_seconds (NOTIFICATION_POLL_S, poll_notifications_cb, self);
  poll_notifications_cb (self);
}

void
zc_session_stop (ZcSession *self)
{
  g_return_if_fail (ZC_IS_SESSION (self));

  g_clear_handle_id (&self->notify_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->polling = FALSE;
}
