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
#include <string.h>

#include "zc-clock.h"
#include "zc-outbox.h"
#include "zc-signed-commitment.h"

#define BACKOFF_FIRST 1
#define BACKOFF_MAX   60

struct _ZcOutbox
{
  GObject       parent_instance;

  ZcStore      *store;
  ZcClient     *client;
  GMainContext *context;      /* where the outbox lives (callbacks, timer) */
  gulong        user_handler;
  gulong        store_handler;

  gboolean      online;
  guint         pending;
  guint         refused;
  guint         counts_serial;   /* of the newest counting asked for */
  guint         counts_applied;  /* of the newest counting shown */

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
  SIGNAL_UPLOAD_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every store call runs on a worker thread (zc_store_*_async): the main
 * loop never waits for SQLite. A run goes on in their callbacks. */
typedef struct
{
  ZcOutbox      *self;        /* strong */
  guint          generation;
  ZcOutboxEntry *entry;
  GError        *conflict;    /* the transition's 409, while checking the case */
  GError        *error;       /* why the entry failed, while recording it */
  guint          delay;       /* seconds before the retry, while recording it */
  gint64         case_id;     /* upload_document: the case it goes to */
  ZcCase        *zcase;       /* submit_case: the draft case, while its commitments go */
  guint          commitment;  /* submit_case: the index of the commitment being sent */
  GPtrArray     *letters;     /* …its signed letters (ZcSignedDocument) */
  GArray        *letter_ids;  /* …the platform's ids of those uploaded (gint64) */
} Run;

static Run *
run_new (ZcOutbox *self)
{
  Run *run = g_new0 (Run, 1);

  run->self = g_object_ref (self);
  run->generation = self->generation;
  run->letter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return run;
}

static void
run_free (Run *run)
{
  g_object_unref (run->self);
  g_clear_object (&run->entry);
  g_clear_object (&run->zcase);
  g_clear_pointer (&run->letters, g_ptr_array_unref);
  g_array_unref (run->letter_ids);
  g_clear_error (&run->conflict);
  g_clear_error (&run->error);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void process_next (ZcOutbox *self);
static void start_run    (ZcOutbox *self);
static void send_commitment    (Run *run);
static void receive_submission (Run *run);

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
apply_counts (ZcOutbox *self,
              guint     serial,
              guint     pending,
              guint     refused)
{
  /* an older counting finishing late never hides a newer one */
  if (serial <= self->counts_applied)
    return;
  self->counts_applied = serial;

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

typedef struct
{
  ZcOutbox *self;             /* strong */
  guint     serial;
  guint     generation;
  gboolean  ends_run;         /* the run of @generation ends once counted */
} Counting;

static void
counting_free (Counting *counting)
{
  g_object_unref (counting->self);
  g_free (counting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Counting, counting_free)

/* The run is over (its counts are shown). */
static void
finish_run (ZcOutbox *self)
{
  self->running = FALSE;
  g_clear_pointer (&self->username, g_free);

  if (self->again && self->stop_error == NULL)
    {
      self->again = FALSE;
      start_run (self);
    }
  self->again = FALSE;
}

static void
counting_done (Counting *counting,
               gboolean  counted,
               guint     pending,
               guint     refused)
{
  ZcOutbox *self = counting->self;

  if (counted)
    apply_counts (self, counting->serial, pending, refused);
  if (counting->ends_run && counting->generation == self->generation && self->running)
    finish_run (self);
}

static void
on_counted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Counting) counting = user_data;
  g_autoptr(GError) error = NULL;
  guint pending = 0, refused = 0;
  gboolean counted;

  counted = zc_store_outbox_counts_finish (ZC_STORE (object), result, &pending, &refused, &error);
  if (counting->self->store == NULL)
    return;   /* disposed meanwhile */
  if (!counted)
    zc_warning_masked ("Cannot count the outbox", error->message);
  counting_done (counting, counted, pending, refused);
}

/* Counts the current user's queued and refused entries on a worker
 * thread; @ends_run: the current run ends once they are shown. */
static void
request_counts (ZcOutbox *self,
                gboolean  ends_run)
{
  const char *username = current_username (self);
  Counting *counting = g_new0 (Counting, 1);

  counting->self = g_object_ref (self);
  counting->serial = ++self->counts_serial;
  counting->generation = self->generation;
  counting->ends_run = ends_run;

  if (username == NULL)
    {
      counting_done (counting, TRUE, 0, 0);
      counting_free (counting);
      return;
    }
  zc_store_outbox_counts_async (self->store, username, NULL, on_counted, counting);
}

static void
update_counts (ZcOutbox *self)
{
  request_counts (self, FALSE);
}

/* "outbox-changed" comes on the thread that changed the store: the
 * outbox counts again from its own context. */
typedef struct
{
  GWeakRef      outbox;
  GMainContext *context;
} StoreWatch;

static void
store_watch_clear (gpointer data)
{
  StoreWatch *watch = data;

  g_weak_ref_clear (&watch->outbox);
  g_main_context_unref (watch->context);
}

static void
store_watch_free (gpointer data,
                  GClosure *closure)
{
  g_rc_box_release_full (data, store_watch_clear);
}

static gboolean
on_store_changed_idle (gpointer user_data)
{
  ZcOutbox *self = user_data;

  if (self->store != NULL)   /* not disposed meanwhile */
    update_counts (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (ZcStore    *store,
                  StoreWatch *watch)
{
  g_autoptr(ZcOutbox) self = g_weak_ref_get (&watch->outbox);
  g_autoptr(GSource) source = NULL;

  if (self == NULL)
    return;
  source = g_idle_source_new ();
  g_source_set_name (source, "[zongchuang] outbox changed");
  g_source_set_callback (source, on_store_changed_idle, g_object_ref (self), g_object_unref);
  g_source_attach (source, watch->context);
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
  g_source_attach (self->timer, self->context);
}

/* The run ends; @error (nullable, consumed) says why when early. The
 * counts are read first, so that whoever waits for the end sees them. */
static void
end_run (ZcOutbox *self,
         GError   *error)
{
  g_clear_error (&self->stop_error);
  self->stop_error = error;
  request_counts (self, TRUE);
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
on_marked_refused (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  ZcOutbox *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) stored = zc_store_outbox_mark_finish (ZC_STORE (object), result, &error);

  if (stored == NULL)
    {
      zc_warning_masked ("Cannot set the outbox entry aside", error->message);
      /* never loop on an entry that cannot be set aside */
      if (run_is_current (run))
        end_run (self, g_steal_pointer (&error));
      return;
    }
  update_counts (self);
  g_signal_emit (self, signals[SIGNAL_ENTRY_REFUSED], 0, stored);
  continue_or_end (run);
}

/* Sets @run's entry aside with @reason, then goes on. */
static void
refuse (Run        *run,
        const char *reason)
{
  ZcOutbox *self = run->self;

  g_debug ("outbox entry %" G_GINT64_FORMAT " refused", zc_outbox_entry_get_id (run->entry));
  zc_store_outbox_mark_refused_async (self->store, zc_outbox_entry_get_id (run->entry), reason,
                                      NULL, on_marked_refused, run);
}

static void
on_marked_sent (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  ZcOutbox *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) stored = zc_store_outbox_mark_finish (ZC_STORE (object), result, &error);

  if (stored == NULL)
    {
      /* the platform has it; the next run replays the key and gets the
       * same case back */
      zc_warning_masked ("Cannot record a sent outbox entry", error->message);
      if (run_is_current (run))
        end_run (self, g_steal_pointer (&error));
      return;
    }
  g_debug ("outbox entry %" G_GINT64_FORMAT " sent as case %" G_GINT64_FORMAT,
           zc_outbox_entry_get_id (stored), zc_outbox_entry_get_case_id (stored));
  update_counts (self);
  g_signal_emit (self, signals[SIGNAL_ENTRY_SENT], 0, stored);
  continue_or_end (run);
}

/* @run: (transfer full) */
static void
succeed (Run    *run,
         ZcCase *zcase)
{
  ZcOutbox *self = run->self;

  set_online (self, TRUE);
  self->backoff = BACKOFF_FIRST;
  /* recorded even when the run was abandoned meanwhile: no cancellable */
  zc_store_outbox_mark_sent_async (self->store, zc_outbox_entry_get_id (run->entry),
                                   zc_case_get_id (zcase), zc_case_get_number (zcase),
                                   NULL, on_marked_sent, run);
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
on_marked_retry (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  ZcOutbox *self = run->self;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(ZcOutboxEntry) stored = zc_store_outbox_mark_finish (ZC_STORE (object), result, &store_error);
  gboolean unauthorized = g_error_matches (run->error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED);

  if (stored == NULL)
    zc_warning_masked ("Cannot record a failed outbox attempt", store_error->message);
  if (!run_is_current (run))
    return;
  if (unauthorized)
    {
      /* the session ended: the entry waits for its owner's next login */
      set_online (self, TRUE);
      end_run (self, g_steal_pointer (&run->error));
      return;
    }
  set_online (self, FALSE);
  self->backoff = MIN (self->backoff * 2, BACKOFF_MAX);
  end_run (self, g_steal_pointer (&run->error));
  schedule_retry (self, run->delay);
}

/* @run: (transfer full) */
static void
fail (Run    *run,
      GError *error)
{
  ZcOutbox *self = run->self;
  gint64 id = zc_outbox_entry_get_id (run->entry);
  g_autofree char *reason = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (run_is_current (run))
        end_run (self, g_error_copy (error));
      run_free (run);
      return;
    }

  reason = zc_platform_error_to_user_message (error);

  if (error_is_transient (error))
    {
      g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
      g_autoptr(GDateTime) next = NULL;

      run->delay = self->backoff;
      next = g_date_time_add_seconds (now, run->delay);
      {
        g_autofree char *logged = zc_log_mask (error->message);

        g_debug ("outbox entry %" G_GINT64_FORMAT ": %s; retry in %u s", id, logged, run->delay);
      }
      run->error = g_error_copy (error);
      zc_store_outbox_mark_retry_async (self->store, id, next, reason, NULL, on_marked_retry, run);
      return;
    }

  if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED))
    {
      run->error = g_error_copy (error);
      zc_store_outbox_mark_retry_async (self->store, id, NULL, reason, NULL, on_marked_retry, run);
      return;
    }

  /* the platform refused this entry: set it aside, go on with the rest */
  set_online (self, TRUE);
  self->backoff = BACKOFF_FIRST;
  refuse (run, reason);
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
  g_autoptr(GError) conflict = NULL;

  if (zcase == NULL)
    {
      fail (g_steal_pointer (&run), error);
      return;
    }
  /* the transition was made already (its answer was lost) */
  if (zc_case_get_state (zcase) != ZC_CASE_STATE_DRAFT && zc_case_get_number (zcase) != NULL)
    succeed (g_steal_pointer (&run), zcase);
  else
    {
      conflict = g_steal_pointer (&run->conflict);
      fail (g_steal_pointer (&run), conflict);
    }
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
      succeed (g_steal_pointer (&run), zcase);
      return;
    }
  if (!g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT))
    {
      fail (g_steal_pointer (&run), error);
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
      fail (g_steal_pointer (&run), error);
      return;
    }
  /* a replay of an entry whose transition went through already */
  if (zc_case_get_state (zcase) != ZC_CASE_STATE_DRAFT && zc_case_get_number (zcase) != NULL)
    {
      succeed (g_steal_pointer (&run), zcase);
      return;
    }
  if (!run_is_current (run))
    return;   /* the case exists as a draft; the owner's next run receives it */

  set_online (run->self, TRUE);
  g_object_set_data (G_OBJECT (run->entry), "zc-case-id",
                     GSIZE_TO_POINTER ((gsize) zc_case_get_id (zcase)));
  run->zcase = g_object_ref (zcase);
  run->commitment = 0;
  send_commitment (g_steal_pointer (&run));
}

/* --- the signed commitments of a submission (容缺 / 告知承诺) ---------
 *
 * A submission whose materials are 容缺 or 承诺 carries, in its body's
 * "commitments", one object per group the applicant signed at the
 * counter (zc-signed-commitment.h: the commitment's members, its signed
 * letters — the 申请容缺受理承诺书 and the 容缺受理通知书, or the 告知承诺书 —
 * each with its SHA-256). The PDFs were written once at signing and are
 * kept in the entry, so a replay sends the same bytes. Between creating
 * the draft case and receiving it, each letter is uploaded as a case
 * document (its SHA-256 checked in the answer), then the commitment is
 * POSTed naming them all, as the case page's flow records one; each
 * request has a key derived from the entry's ("KEY-commitment-N-document"
 * for the first letter, "…-document-J" for the J-th after it,
 * "KEY-commitment-N" for the POST): a replay after a crash answers the
 * first answer, and a commitment the case shows already (an earlier
 * attempt) is skipped — exactly once. A refusal (credit breach …)
 * refuses the submission with the platform's reason. Then the case is
 * received. */

static JsonObject *
commitment_at (Run   *run,
               guint  index)
{
  JsonObject *body = zc_outbox_entry_get_body (run->entry);
  JsonNode *node = json_object_get_member (body, "commitments");
  JsonArray *list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (list == NULL || index >= json_array_get_length (list))
    return NULL;
  node = json_array_get_element (list, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* the case has (from an earlier attempt) a live commitment of this kind
 * covering the first material of @c */
static gboolean
commitment_recorded (ZcCase     *zcase,
                     JsonObject *c)
{
  GPtrArray *recorded = zc_case_get_commitments (zcase);
  const char *kind = json_object_get_string_member_with_default (c, "kind", NULL);
  JsonNode *node = json_object_get_member (c, "materials");
  JsonArray *materials = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  const char *first = materials != NULL && json_array_get_length (materials) > 0
                      ? json_array_get_string_element (materials, 0) : NULL;

  for (guint i = 0; first != NULL && i < recorded->len; i++)
    {
      const ZcCaseCommitment *k = g_ptr_array_index (recorded, i);

      if (g_strcmp0 (k->kind, kind) == 0 && g_strv_contains ((const char * const *) k->materials, first) &&
          (g_strcmp0 (k->state, "open") == 0 || g_strcmp0 (k->state, "overdue") == 0))
        return TRUE;
    }
  return FALSE;
}

/* the key of the commitment being sent, or of its letter @document
 * (-1: the POST); the first letter keeps the key it had when a
 * commitment had one letter, so an entry queued then replays alike */
static char *
commitment_key (Run *run,
                int  document)
{
  const char *key = zc_outbox_entry_get_idempotency_key (run->entry);

  if (document < 0)
    return g_strdup_printf ("%s-commitment-%u", key, run->commitment);
  if (document == 0)
    return g_strdup_printf ("%s-commitment-%u-document", key, run->commitment);
  return g_strdup_printf ("%s-commitment-%u-document-%d", key, run->commitment, document);
}

static void
on_commitment_created (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) made = zc_client_create_commitment_finish (ZC_CLIENT (object), result, &error);

  if (made == NULL)
    {
      fail (g_steal_pointer (&run), error);
      return;
    }
  g_debug ("outbox entry %" G_GINT64_FORMAT ": commitment %u recorded",
           zc_outbox_entry_get_id (run->entry), run->commitment);
  if (!run_is_current (run))
    return;   /* the next run skips it (the case shows it) */
  run->commitment++;
  send_commitment (g_steal_pointer (&run));
}

static void send_letter (Run *run);

static void
on_letter_uploaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = zc_client_upload_case_document_finish (ZC_CLIENT (object), result, &error);
  ZcSignedDocument *letter;
  gint64 id;

  if (document == NULL)
    {
      fail (g_steal_pointer (&run), error);
      return;
    }
  if (!run_is_current (run))
    return;
  letter = g_ptr_array_index (run->letters, run->letter_ids->len);
  if (!zc_signed_document_check_answer (letter, document, &error))
    {
      refuse (g_steal_pointer (&run), error->message);
      return;
    }
  id = json_object_get_int_member (document, "id");
  g_array_append_val (run->letter_ids, id);
  send_letter (g_steal_pointer (&run));
}

/* @run: (transfer full): the next letter of the commitment being sent,
 * then the commitment naming them */
static void
send_letter (Run *run)
{
  ZcOutbox *self = run->self;
  gint64 case_id = zc_case_get_id (run->zcase);

  if (run->letter_ids->len < run->letters->len)
    {
      ZcSignedDocument *letter = g_ptr_array_index (run->letters, run->letter_ids->len);
      g_autofree char *key = commitment_key (run, (int) run->letter_ids->len);

      zc_client_upload_case_document_async (self->client, case_id, letter->kind, letter->name,
                                            letter->pdf, key, self->cancellable,
                                            on_letter_uploaded, run);
      return;
    }
  {
    g_autofree char *key = commitment_key (run, -1);
    g_autoptr(JsonObject) body = zc_signed_commitment_request (commitment_at (run, run->commitment),
                                                               (const gint64 *) (gpointer) run->letter_ids->data,
                                                               run->letter_ids->len);

    zc_client_create_commitment_async (self->client, case_id, body, key, self->cancellable,
                                       on_commitment_created, run);
  }
}

/* @run: (transfer full): the next commitment not on the case yet, else
 * the reception */
static void
send_commitment (Run *run)
{
  JsonObject *c;
  g_autoptr(GError) error = NULL;

  while ((c = commitment_at (run, run->commitment)) != NULL && commitment_recorded (run->zcase, c))
    run->commitment++;
  if (c == NULL)
    {
      receive_submission (run);
      return;
    }
  g_clear_pointer (&run->letters, g_ptr_array_unref);
  run->letters = zc_signed_commitment_dup_documents (c, &error);
  if (run->letters == NULL)
    {
      refuse (run, _("The signed commitment of this submission is damaged: open the draft and have the applicant sign again."));
      return;
    }
  g_array_set_size (run->letter_ids, 0);
  send_letter (run);
}

/* @run: (transfer full) */
static void
receive_submission (Run *run)
{
  /* Legal time limits count from 受理 at the counter: send the entry's
   * own time, and a key derived from the entry's so that a retried
   * transition answers the first answer (the same number). */
  ZcOutbox *self = run->self;
  g_autofree char *key = g_strconcat (zc_outbox_entry_get_idempotency_key (run->entry),
                                      "-received", NULL);
  /* read before run is stolen: argument order is unspecified */
  g_autoptr(GDateTime) received_at = g_date_time_ref (zc_outbox_entry_get_created_at (run->entry));
  gint64 case_id = zc_case_get_id (run->zcase);

  zc_client_transition_case_full_async (self->client, case_id, "received", NULL,
                                        received_at, key,
                                        self->cancellable, on_transitioned, run);
}

/* --- upload_document: a material's PDF to its case --------------------
 *
 * The case is the entry's "case_id", or that of the sent submission of
 * its "local_ref" (the submission is earlier in the queue, so it was
 * sent first; when it was set aside instead, the file waits: the entry
 * is refused with a reason and queued again with the next submission of
 * the same draft). The bytes are read from the store on a worker, sent
 * as a stream with the entry's Idempotency-Key; the entry is marked sent
 * with the document's id in one store transaction. A crash in between
 * replays the key: the platform answers with the same document. */

static void
on_upload_marked (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  ZcOutbox *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) stored = zc_store_material_uploaded_finish (ZC_STORE (object), result, &error);

  if (stored == NULL)
    {
      zc_warning_masked ("Cannot record an uploaded material", error->message);
      if (run_is_current (run))
        end_run (self, g_steal_pointer (&error));
      return;
    }
  g_debug ("outbox entry %" G_GINT64_FORMAT " uploaded to case %" G_GINT64_FORMAT,
           zc_outbox_entry_get_id (stored), zc_outbox_entry_get_case_id (stored));
  update_counts (self);
  g_signal_emit (self, signals[SIGNAL_ENTRY_SENT], 0, stored);
  continue_or_end (run);
}

static void
on_uploaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  ZcOutbox *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = zc_client_upload_document_finish (ZC_CLIENT (object), result, &error);

  if (document == NULL)
    {
      fail (g_steal_pointer (&run), error);
      return;
    }
  set_online (self, TRUE);
  self->backoff = BACKOFF_FIRST;
  /* recorded even when the run was abandoned meanwhile: no cancellable;
   * read before run is stolen (argument order is unspecified) */
  {
    gint64 entry_id = zc_outbox_entry_get_id (run->entry);
    gint64 case_id = run->case_id;

    zc_store_material_uploaded_async (self->store, entry_id, case_id,
                                      json_object_get_int_member (document, "id"),
                                      NULL, on_upload_marked, g_steal_pointer (&run));
  }
}

typedef struct
{
  GWeakRef outbox;
  gint64   entry_id;
} UploadWatch;

static void
upload_watch_free (gpointer data)
{
  UploadWatch *watch = data;

  g_weak_ref_clear (&watch->outbox);
  g_free (watch);
}

static void
on_upload_progress (goffset  sent,
                    goffset  total,
                    gpointer user_data)
{
  UploadWatch *watch = user_data;
  g_autoptr(ZcOutbox) self = g_weak_ref_get (&watch->outbox);

  if (self != NULL)
    g_signal_emit (self, signals[SIGNAL_UPLOAD_PROGRESS], 0, watch->entry_id,
                   (gint64) sent, (gint64) total);
}

static void
on_file_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  ZcOutbox *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = zc_store_load_material_file_finish (ZC_STORE (object), result, &error);
  g_autoptr(GInputStream) stream = NULL;
  JsonObject *body = zc_outbox_entry_get_body (run->entry);
  UploadWatch *watch;

  if (!run_is_current (run))
    return;
  if (pdf == NULL)
    {
      refuse (g_steal_pointer (&run), _("The material's file is missing from the local store: scan it again."));
      return;
    }
  stream = g_memory_input_stream_new_from_bytes (pdf);
  watch = g_new0 (UploadWatch, 1);
  g_weak_ref_init (&watch->outbox, self);
  watch->entry_id = zc_outbox_entry_get_id (run->entry);
  /* the watch lives as long as the stream the client reads */
  g_object_set_data_full (G_OBJECT (stream), "zc-upload-watch", watch, upload_watch_free);
  {
    const char *key = zc_outbox_entry_get_idempotency_key (run->entry);
    const char *material = json_object_get_string_member_with_default (body, "material", NULL);
    const char *name = json_object_get_string_member_with_default (body, "name", NULL);
    gint64 case_id = run->case_id;
    /* the entry (and so key, material, name) outlives the stolen run's call */
    g_autoptr(ZcOutboxEntry) entry = g_object_ref (run->entry);

    zc_client_upload_document_async (self->client, case_id, material, name,
                                     stream, (goffset) g_bytes_get_size (pdf), key,
                                     on_upload_progress, watch,
                                     self->cancellable, on_uploaded, g_steal_pointer (&run));
  }
}

static void
load_file (Run *run)
{
  ZcOutbox *self = run->self;
  JsonObject *body = zc_outbox_entry_get_body (run->entry);

  zc_store_load_material_file_async (self->store, json_object_get_int_member_with_default (body, "file", 0),
                                     self->cancellable, on_file_loaded, run);
}

static void
on_case_found (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;

  run->case_id = zc_store_case_id_of_local_ref_finish (ZC_STORE (object), result, &error);
  if (!run_is_current (run))
    return;
  if (error != NULL)
    {
      zc_warning_masked ("Cannot read the outbox", error->message);
      end_run (run->self, g_steal_pointer (&error));
      return;
    }
  if (run->case_id <= 0)
    {
      refuse (g_steal_pointer (&run),
              _("The case this material belongs to was not submitted: it is uploaded when the case is submitted again."));
      return;
    }
  load_file (g_steal_pointer (&run));
}

/* @run: (transfer full) */
static void
upload_document (Run *run)
{
  ZcOutbox *self = run->self;
  JsonObject *body = zc_outbox_entry_get_body (run->entry);
  const char *local_ref = json_object_get_string_member_with_default (body, "local_ref", NULL);

  run->case_id = json_object_get_int_member_with_default (body, "case_id", 0);
  if (run->case_id > 0)
    load_file (run);
  else if (local_ref != NULL)
    zc_store_case_id_of_local_ref_async (self->store, local_ref, self->cancellable, on_case_found, run);
  else
    refuse (run, _("The saved entry is damaged and cannot be sent. Enter the case again."));
}

/* --- the run --- */

static void
on_next_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  ZcOutbox *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) next = zc_store_outbox_next_finish (ZC_STORE (object), result, &error);

  if (!run_is_current (run))
    return;
  if (error != NULL)
    {
      zc_warning_masked ("Cannot read the outbox", error->message);
      end_run (self, g_steal_pointer (&error));
      return;
    }
  if (next == NULL)
    {
      end_run (self, NULL);
      return;
    }

  run->entry = g_steal_pointer (&next);
  if (zc_outbox_entry_get_body (run->entry) == NULL)
    {
      refuse (g_steal_pointer (&run), _("The saved entry is damaged and cannot be sent. Enter the case again."));
      return;
    }
  if (g_strcmp0 (zc_outbox_entry_get_kind (run->entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) == 0)
    {
      g_debug ("uploading outbox entry %" G_GINT64_FORMAT, zc_outbox_entry_get_id (run->entry));
      upload_document (g_steal_pointer (&run));
      return;
    }
  if (g_strcmp0 (zc_outbox_entry_get_kind (run->entry), ZC_OUTBOX_KIND_SUBMIT_CASE) != 0)
    {
      refuse (g_steal_pointer (&run), _("This version of the program cannot send this kind of entry."));
      return;
    }

  g_debug ("sending outbox entry %" G_GINT64_FORMAT, zc_outbox_entry_get_id (run->entry));
  {
    JsonObject *stored = zc_outbox_entry_get_body (run->entry);
    const char *key = zc_outbox_entry_get_idempotency_key (run->entry);
    g_autoptr(JsonObject) body = json_object_ref (stored);

    /* the signed commitments follow the case, they are not of its body */
    if (json_object_has_member (stored, "commitments"))
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;

        g_clear_pointer (&body, json_object_unref);
        body = json_object_new ();
        json_object_iter_init (&iter, stored);
        while (json_object_iter_next (&iter, &name, &value))
          if (strcmp (name, "commitments") != 0)
            json_object_set_member (body, name, json_node_copy (value));
      }
    zc_client_create_case_async (self->client, body, key,
                                 self->cancellable, on_created, g_steal_pointer (&run));
  }
}

/* The oldest queued entry of the run's user, read on a worker thread. */
static void
process_next (ZcOutbox *self)
{
  /* never send someone's entries with another person's session */
  if (g_strcmp0 (current_username (self), self->username) != 0)
    {
      end_run (self, NULL);
      return;
    }

  zc_store_outbox_next_async (self->store, self->username, self->cancellable, on_next_read,
                              run_new (self));
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
  {
    StoreWatch *watch = g_rc_box_new0 (StoreWatch);

    g_weak_ref_init (&watch->outbox, self);
    watch->context = g_main_context_ref (self->context);
    self->store_handler = g_signal_connect_data (self->store, "outbox-changed",
                                                 G_CALLBACK (on_store_changed), watch,
                                                 store_watch_free, 0);
  }
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
  g_main_context_unref (self->context);

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
  /* upload-progress (gint64 entry id, gint64 bytes sent, gint64 total):
   * a material's PDF on its way (an upload_document entry) */
  signals[SIGNAL_UPLOAD_PROGRESS] =
    g_signal_new ("upload-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
}

static void
zc_outbox_init (ZcOutbox *self)
{
  self->online = TRUE;
  self->backoff = BACKOFF_FIRST;
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
}

/* --- material files ---------------------------------------------------- */

#define PDF_MAGIC "%PDF-"

static void
on_material_kept (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZcOutbox *self = g_task_get_source_object (task);
  GError *error = NULL;
  gint64 id = zc_store_add_material_file_finish (ZC_STORE (object), result, &error);

  if (id <= 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->store != NULL)
    zc_outbox_kick (self);
  g_task_return_int (task, id);
}

/**
 * zc_outbox_queue_material_async:
 * @local_ref: (nullable): the draft (or queued submission) the material
 *   belongs to
 * @case_id: the platform's case when it is there already, else 0
 * @material_code: the material's code in the item
 * @name: the file name to show (e.g. "营业执照.pdf")
 * @pdf: the PDF (at most %ZC_CLIENT_MAX_DOCUMENT bytes, "%PDF-" first)
 *
 * Keeps @pdf in the local store (a worker thread) for the logged-in
 * user and has the outbox upload it exactly once: behind the case's
 * submission (which may still be a draft: the file waits with it), or
 * at once to @case_id. Not a PDF, empty or too large: a translated
 * ZC_PLATFORM_ERROR_INVALID / _TOO_LARGE before anything is kept.
 * Progress: "upload-progress"; done: "entry-sent" with an entry of kind
 * %ZC_OUTBOX_KIND_UPLOAD_DOCUMENT.
 */
void
zc_outbox_queue_material_async (ZcOutbox            *self,
                                const char          *local_ref,
                                gint64               case_id,
                                const char          *material_code,
                                const char          *name,
                                GBytes              *pdf,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *username;
  gsize size = 0;
  const char *data;

  g_return_if_fail (ZC_IS_OUTBOX (self));
  g_return_if_fail (material_code != NULL && name != NULL && pdf != NULL);
  g_return_if_fail (local_ref != NULL || case_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_outbox_queue_material_async);
  data = g_bytes_get_data (pdf, &size);
  username = current_username (self);
  if (username == NULL)
    g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED,
                             _("Nobody is logged in: log in to keep the material."));
  else if (size == 0)
    g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INVALID,
                             _("The document is empty."));
  else if (size > ZC_CLIENT_MAX_DOCUMENT)
    g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_TOO_LARGE,
                             _("The document is larger than 20 MiB: scan it at a lower resolution or split it."));
  else if (size < strlen (PDF_MAGIC) || memcmp (data, PDF_MAGIC, strlen (PDF_MAGIC)) != 0)
    g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INVALID,
                             _("The document is not a PDF: only PDF files are kept as materials."));
  else
    zc_store_add_material_file_async (self->store, username, local_ref, case_id, material_code,
                                      name, pdf, cancellable, on_material_kept,
                                      g_steal_pointer (&task));
}

/* Returns: the kept file's id, 0 on error */
gint64
zc_outbox_queue_material_finish (ZcOutbox      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_outbox_queue_material_async, 0);
  gssize id = g_task_propagate_int (G_TASK (result), error);

  return id > 0 ? (gint64) id : 0;
}
