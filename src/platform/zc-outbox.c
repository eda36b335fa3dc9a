/* zc-outbox.c — sends the store's outbox for the logged-in user.
 *
 * One "run" at a time walks the user's queued entries oldest first. Each
 * entry is finished (sent, refused, or left queued for a retry) before
 * the next one starts, so the platform sees them in the order the
 * counter made them. A run ends when the queue is empty, when the
 * platform cannot be reached (then a timer starts the next run after
 * 1, 2, 4 … 60 s), or when the session ended (401: the entries wait for
 * the next login of their owner).
 *
 * A run belongs to one user: when the client's user changes, the run is
 * abandoned (its request cancelled) and a new one starts for the new
 * user. Every callback carries its run's generation; an abandoned run
 * still records what happened to its entry but never sends more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-clock.h"
#include "zc-outbox.h"

#define BACKOFF_FIRST 1
#define BACKOFF_MAX   60

struct _ZcOutbox
{
  GObject       parent_instance;

  ZcStore      *store;
  ZcClient     *client;
  gulong        user_handler;
  gulong        store_handler;

  gboolean      online;
  guint         pending;
  guint         refused;

  gboolean      running;
  gboolean      again;        /* kicked while running: look once more at the end */
  guint         generation;
  char         *username;     /* whose entries the current run sends */
  GCancellable *cancellable;
  GSource      *timer;
  guint         backoff;      /* seconds before the next retry */
  GError       *stop_error;   /* why the last run stopped early */
};

G_DEFINE_FINAL_TYPE (ZcOutbox, zc_outbox, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_ONLINE,
  PROP_PENDING,
  PROP_REFUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_ENTRY_SENT,
  SIGNAL_ENTRY_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  ZcOutbox      *self;        /* strong */
  guint          generation;
  ZcOutboxEntry *entry;
  GError        *conflict;    /* the transition's 409, while checking the case */
} Run;

static void
run_free (Run *run)
{
  g_object_unref (run->self);
  g_clear_object (&run->entry);
  g_clear_error (&run->conflict);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void process_next (ZcOutbox *self);
static void start_run    (ZcOutbox *self);

/* --- state --- */

static void
set_online (ZcOutbox *self,
            gboolean  online)
{
  if (self->online == online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

static const char *
current_username (ZcOutbox *self)
{
  ZcUser *user = zc_client_get_user (self->client);

  return user != NULL ? zc_user_get_username (user) : NULL;
}

static void
update_counts (ZcOutbox *self)
{
  const char *username = current_username (self);
  guint pending = 0, refused = 0;

  if (username != NULL)
    {
      pending = zc_store_outbox_count (self->store, username, ZC_OUTBOX_QUEUED);
      refused = zc_store_outbox_count (self->store, username, ZC_OUTBOX_REFUSED);
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->pending != pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (self->refused != refused)
    {
      self->refused = refused;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
clear_timer (ZcOutbox *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static gboolean
on_timer (gpointer user_data)
{
  ZcOutbox *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  start_run (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (ZcOutbox *self,
                guint     seconds)
{
  clear_timer (self);
  self->timer = g_timeout_source_new (seconds * 1000);
  g_source_set_name (self->timer, "[zongchuang] outbox retry");
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

/* The run ends; @error (nullable, consumed) says why when early. */
static void
end_run (ZcOutbox *self,
         GError   *error)
{
  self->running = FALSE;
  g_clear_error (&self->stop_error);
  self->stop_error = error;
  g_clear_pointer (&self->username, g_free);
  update_counts (self);

  if (self->again && error == NULL)
    {
      self->again = FALSE;
      start_run (self);
    }
  self->again = FALSE;
}

static gboolean
run_is_current (Run *run)
{
  return run->generation == run->self->generation && run->self->running;
}

/* --- outcomes --- */

static void
continue_or_end (Run *run)
{
  if (run_is_current (run))
    process_next (run->self);
}

static void
refuse (ZcOutbox      *self,
        ZcOutboxEntry *entry,
        const char    *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) stored = NULL;

  g_debug ("outbox entry %" G_GINT64_FORMAT " refused", zc_outbox_entry_get_id (entry));
  if (!zc_store_outbox_mark_refused (self->store, zc_outbox_entry_get_id (entry), reason, &error))
    {
      {
        g_autofree char *logged = zc_log_mask (error->message);

        g_warning ("Cannot set the outbox entry aside: %s", logged);
      }
      return;
    }
  stored = zc_store_outbox_get (self->store, zc_outbox_entry_get_id (entry), NULL);
  update_counts (self);
  g_signal_emit (self, signals[SIGNAL_ENTRY_REFUSED], 0, stored != NULL ? stored : entry);
}

static void
succeed (Run    *run,
         ZcCase *zcase)
{
  ZcOutbox *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) stored = NULL;
  gint64 id = zc_outbox_entry_get_id (run->entry);

  set_online (self, TRUE);
  self->backoff = BACKOFF_FIRST;

  if (!zc_store_outbox_mark_sent (self->store, id, zc_case_get_id (zcase),
                                  zc_case_get_number (zcase), &error))
    {
      /* the platform has it; the next run replays the key and gets the
       * same case back */
      {
        g_autofree char *logged = zc_log_mask (error->message);

        g_warning ("Cannot record a sent outbox entry: %s", logged);
      }
      if (run_is_current (run))
        end_run (self, g_steal_pointer (&error));
      return;
    }
  g_debug ("outbox entry %" G_GINT64_FORMAT " sent as case %" G_GINT64_FORMAT,
           id, zc_case_get_id (zcase));
  stored = zc_store_outbox_get (self->store, id, NULL);
  update_counts (self);
  g_signal_emit (self, signals[SIGNAL_ENTRY_SENT], 0, stored != NULL ? stored : run->entry);
  continue_or_end (run);
}

/* Worth trying again later: the platform was not reached or could not
 * answer now (408/429 are BUSY). */
static gboolean
error_is_transient (const GError *error)
{
  if (error->domain != ZC_PLATFORM_ERROR)
    return FALSE;
  switch (error->code)
    {
    case ZC_PLATFORM_ERROR_NETWORK:
    case ZC_PLATFORM_ERROR_SERVER:
    case ZC_PLATFORM_ERROR_BAD_RESPONSE:
    case ZC_PLATFORM_ERROR_BUSY:
    case ZC_PLATFORM_ERROR_INSECURE:   /* a certificate or address to fix: nothing was sent */
      return TRUE;
    default:
      return FALSE;
    }
}

static void
fail (Run    *run,
      GError *error)
{
  ZcOutbox *self = run->self;
  gint64 id = zc_outbox_entry_get_id (run->entry);
  g_autoptr(GError) store_error = NULL;
  g_autofree char *reason = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (run_is_current (run))
        end_run (self, g_error_copy (error));
      return;
    }

  reason = zc_platform_error_to_user_message (error);

  if (error_is_transient (error))
    {
      guint delay = self->backoff;
      g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
      g_autoptr(GDateTime) next = g_date_time_add_seconds (now, delay);

      {
        g_autofree char *logged = zc_log_mask (error->message);

        g_debug ("outbox entry %" G_GINT64_FORMAT ": %s; retry in %u s", id, logged, delay);
      }
      if (!zc_store_outbox_mark_retry (self->store, id, next, reason, &store_error))
        g_warning ("Cannot record a failed outbox attempt: %s", store_error->message);
      if (!run_is_current (run))
        return;
      set_online (self, FALSE);
      self->backoff = MIN (self->backoff * 2, BACKOFF_MAX);
      end_run (self, g_error_copy (error));
      schedule_retry (self, delay);
      return;
    }

  if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED))
    {
      /* the session ended: the entry waits for its owner's next login */
      if (!zc_store_outbox_mark_retry (self->store, id, NULL, reason, &store_error))
        g_warning ("Cannot record a failed outbox attempt: %s", store_error->message);
      if (!run_is_current (run))
        return;
      set_online (self, TRUE);
      end_run (self, g_error_copy (error));
      return;
    }

  /* the platform refused this entry: set it aside, go on with the rest */
  set_online (self, TRUE);
  self->backoff = BACKOFF_FIRST;
  refuse (self, run->entry, reason);
  continue_or_end (run);
}

/* --- submit_case: POST /cases, then the transition to received --- */

static void
on_case_checked (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) zcase = zc_client_get_case_finish (ZC_CLIENT (object), result, &error);

  if (zcase == NULL)
    {
      fail (run, error);
      return;
    }
  /* the transition was made already (its answer was lost) */
  if (zc_case_get_state (zcase) != ZC_CASE_STATE_DRAFT && zc_case_get_number (zcase) != NULL)
    succeed (run, zcase);
  else
    fail (run, run->conflict);
}

static void
on_transitioned (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) zcase = zc_client_transition_case_full_finish (ZC_CLIENT (object), result, &error);
  gint64 case_id;

  if (zcase != NULL)
    {
      succeed (run, zcase);
      return;
    }
  if (!g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT))
    {
      fail (run, error);
      return;
    }
  /* 409: maybe received already by an earlier attempt — look */
  case_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (run->entry), "zc-case-id"));
  run->conflict = g_steal_pointer (&error);
  {
    ZcOutbox *self = run->self;

    zc_client_get_case_async (self->client, case_id, self->cancellable,
                              on_case_checked, g_steal_pointer (&run));
  }
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) zcase = zc_client_create_case_finish (ZC_CLIENT (object), result, &error);

  if (zcase == NULL)
    {
      fail (run, error);
      return;
    }
  /* a replay of an entry whose transition went through already */
  if (zc_case_get_state (zcase) != ZC_CASE_STATE_DRAFT && zc_case_get_number (zcase) != NULL)
    {
      succeed (run, zcase);
      return;
    }
  if (!run_is_current (run))
    return;   /* the case exists as a draft; the owner's next run receives it */

  set_online (run->self, TRUE);
  g_object_set_data (G_OBJECT (run->entry), "zc-case-id",
                     GSIZE_TO_POINTER ((gsize) zc_case_get_id (zcase)));
  /* Legal time limits count from 受理 at the counter: send the entry's
   * own time, and a key derived from the entry's so that a retried
   * transition answers the first answer (the same number). */
  {
    ZcOutbox *self = run->self;
    g_autofree char *key = g_strconcat (zc_outbox_entry_get_idempotency_key (run->entry),
                                        "-received", NULL);
    /* read before run is stolen: argument order is unspecified */
    g_autoptr(GDateTime) received_at = g_date_time_ref (zc_outbox_entry_get_created_at (run->entry));

    zc_client_transition_case_full_async (self->client, zc_case_get_id (zcase), "received", NULL,
                                          received_at, key,
                                          self->cancellable, on_transitioned, g_steal_pointer (&run));
  }
}

/* --- the run --- */

static void
process_next (ZcOutbox *self)
{
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autoptr(GListModel) queue = NULL;
      g_autoptr(ZcOutboxEntry) entry = NULL;
      Run *run;

      /* never send someone's entries with another person's session */
      if (g_strcmp0 (current_username (self), self->username) != 0)
        {
          end_run (self, NULL);
          return;
        }

      queue = zc_store_outbox_list (self->store, self->username, ZC_OUTBOX_QUEUED, &error);
      if (queue == NULL)
        {
          {
            g_autofree char *logged = zc_log_mask (error->message);

            g_warning ("Cannot read the outbox: %s", logged);
          }
          end_run (self, g_steal_pointer (&error));
          return;
        }
      if (g_list_model_get_n_items (queue) == 0)
        {
          end_run (self, NULL);
          return;
        }

      entry = g_list_model_get_item (queue, 0);
      if (zc_outbox_entry_get_body (entry) == NULL)
        {
          refuse (self, entry, _("The saved entry is damaged and cannot be sent. Enter the case again."));
          continue;
        }
      if (g_strcmp0 (zc_outbox_entry_get_kind (entry), "submit_case") != 0)
        {
          refuse (self, entry, _("This version of the program cannot send this kind of entry."));
          continue;
        }

      run = g_new0 (Run, 1);
      run->self = g_object_ref (self);
      run->generation = self->generation;
      run->entry = g_steal_pointer (&entry);
      g_debug ("sending outbox entry %" G_GINT64_FORMAT, zc_outbox_entry_get_id (run->entry));
      zc_client_create_case_async (self->client, zc_outbox_entry_get_body (run->entry),
                                   zc_outbox_entry_get_idempotency_key (run->entry),
                                   self->cancellable, on_created, run);
      return;
    }
}

static void
start_run (ZcOutbox *self)
{
  const char *username;

  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  clear_timer (self);

  username = current_username (self);
  if (username == NULL)
    {
      update_counts (self);
      return;
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  self->running = TRUE;
  self->again = FALSE;
  g_clear_error (&self->stop_error);
  self->username = g_strdup (username);
  update_counts (self);
  process_next (self);
}

/* Abandons the current run (its request is cancelled). */
static void
abandon_run (ZcOutbox *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_timer (self);
  self->running = FALSE;
  self->again = FALSE;
  g_clear_pointer (&self->username, g_free);
}

static void
on_user_changed (ZcOutbox *self)
{
  gboolean was_running = self->running;

  abandon_run (self);
  if (was_running && current_username (self) == NULL)
    {
      g_clear_error (&self->stop_error);
      self->stop_error = g_error_new_literal (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED,
                                              _("Nobody is logged in: the outbox waits for its owner."));
    }
  self->backoff = BACKOFF_FIRST;
  update_counts (self);
  if (current_username (self) != NULL)
    start_run (self);
}

/* --- public --- */

/**
 * zc_outbox_new:
 *
 * Nothing is sent until zc_outbox_kick() or a login (notify::user of
 * @client).
 */
ZcOutbox *
zc_outbox_new (ZcStore  *store,
               ZcClient *client)
{
  g_return_val_if_fail (ZC_IS_STORE (store), NULL);
  g_return_val_if_fail (ZC_IS_CLIENT (client), NULL);

  return g_object_new (ZC_TYPE_OUTBOX, "store", store, "client", client, NULL);
}

/**
 * zc_outbox_kick:
 *
 * Sends now (without waiting for a pending retry timer) what the
 * current user has queued; when a run is under way, it looks again at
 * its end.
 */
void
zc_outbox_kick (ZcOutbox *self)
{
  g_return_if_fail (ZC_IS_OUTBOX (self));

  start_run (self);
}

gboolean
zc_outbox_get_online (ZcOutbox *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX (self), FALSE);
  return self->online;
}

guint
zc_outbox_get_pending (ZcOutbox *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX (self), 0);
  return self->pending;
}

guint
zc_outbox_get_refused (ZcOutbox *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX (self), 0);
  return self->refused;
}

ZcStore *
zc_outbox_get_store (ZcOutbox *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX (self), NULL);
  return self->store;
}

static void
on_flush_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/**
 * zc_outbox_flush_sync:
 *
 * Sends everything the current user has queued now, iterating the
 * thread-default main context until the run ends. Refused entries do
 * not make it fail (see the "refused" property).
 *
 * Returns: TRUE when the queue was emptied; FALSE with the reason the
 *   run stopped (ZC_PLATFORM_ERROR_NETWORK/SERVER: a retry is scheduled;
 *   ZC_PLATFORM_ERROR_UNAUTHORIZED: nobody logged in or the session
 *   ended; G_IO_ERROR_CANCELLED; a ZC_STORE_ERROR)
 */
gboolean
zc_outbox_flush_sync (ZcOutbox      *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GCancellable) own = NULL;
  gulong handler = 0;

  g_return_val_if_fail (ZC_IS_OUTBOX (self), FALSE);

  if (current_username (self) == NULL)
    {
      g_set_error_literal (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED,
                           _("Nobody is logged in: the outbox waits for its owner."));
      return FALSE;
    }

  if (self->running)
    self->again = TRUE;
  else
    start_run (self);

  if (cancellable != NULL)
    {
      own = g_object_ref (self->cancellable);
      handler = g_cancellable_connect (cancellable, G_CALLBACK (on_flush_cancelled), own, NULL);
    }
  while (self->running)
    g_main_context_iteration (context, TRUE);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  if (self->stop_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->stop_error));
      return FALSE;
    }
  return TRUE;
}

/* --- GObject --- */

static void
zc_outbox_constructed (GObject *object)
{
  ZcOutbox *self = ZC_OUTBOX (object);

  G_OBJECT_CLASS (zc_outbox_parent_class)->constructed (object);

  self->user_handler = g_signal_connect_swapped (self->client, "notify::user",
                                                 G_CALLBACK (on_user_changed), self);
  self->store_handler = g_signal_connect_swapped (self->store, "outbox-changed",
                                                  G_CALLBACK (update_counts), self);
  update_counts (self);
}

static void
zc_outbox_dispose (GObject *object)
{
  ZcOutbox *self = ZC_OUTBOX (object);

  if (self->client != NULL && self->user_handler != 0)
    g_clear_signal_handler (&self->user_handler, self->client);
  if (self->store != NULL && self->store_handler != 0)
    g_clear_signal_handler (&self->store_handler, self->store);
  if (self->cancellable != NULL)
    abandon_run (self);
  g_clear_object (&self->cancellable);
  clear_timer (self);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (zc_outbox_parent_class)->dispose (object);
}

static void
zc_outbox_finalize (GObject *object)
{
  ZcOutbox *self = ZC_OUTBOX (object);

  g_free (self->username);
  g_clear_error (&self->stop_error);

  G_OBJECT_CLASS (zc_outbox_parent_class)->finalize (object);
}

static void
zc_outbox_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZcOutbox *self = ZC_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_REFUSED:
      g_value_set_uint (value, self->refused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_outbox_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ZcOutbox *self = ZC_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_outbox_class_init (ZcOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = zc_outbox_constructed;
  object_class->dispose = zc_outbox_dispose;
  object_class->finalize = zc_outbox_finalize;
  object_class->get_property = zc_outbox_get_property;
  object_class->set_property = zc_outbox_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ZC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ZC_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFUSED] =
    g_param_spec_uint ("refused", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ENTRY_SENT] =
    g_signal_new ("entry-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_OUTBOX_ENTRY);
  signals[SIGNAL_ENTRY_REFUSED] =
    g_signal_new ("entry-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_OUTBOX_ENTRY);
}

static void
zc_outbox_init (ZcOutbox *self)
{
  self->online = TRUE;
  self->backoff = BACKOFF_FIRST;
  self->cancellable = g_cancellable_new ();
}
