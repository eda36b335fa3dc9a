/* zc-commitment-flow.c — credit → dialog → uploads → POST → the case
 *
 * One step at a time, each async; the signed results are kept until
 * every commitment is recorded, with the ids the platform already gave
 * (a retry skips what is done) and the Idempotency-Keys (a retry of a
 * request whose answer was lost lands once).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-calendar.h"
#include "zc-print.h"
#include "zc-signed-commitment.h"

#include "zc-commitment-flow.h"

typedef struct
{
  char   *key;          /* Idempotency-Key */
  gint64  id;           /* the platform's, 0 until known */
} Step;

struct _ZcCommitmentFlow
{
  GObject             parent_instance;

  ZcClient           *client;
  ZcCase             *kase;
  ZcCatalogueItem    *item;
  GtkWindow          *parent;     /* (weak) */
  GCancellable       *cancellable;
  GPtrArray          *codes;      /* of char*, parallel to kinds */
  GArray             *kinds;      /* of ZcCommitmentKind */

  ZcCalendar         *calendar;
  gboolean            credit_known;
  ZcCreditFacts       credit;
  guint               waiting;    /* credit and calendar still coming */
  char               *calendar_error;

  ZcCommitmentDialog *dialog;
  GPtrArray          *results;    /* of ZcCommitmentResult, once signed */
  JsonArray          *signed_list;/* the same as recorded (zc-signed-commitment.h) */
  GPtrArray          *letters;    /* per result, its GPtrArray of ZcSignedDocument */
  GBytes             *signature;
  GDateTime          *signed_at;
  GArray             *uploads;    /* of Step, per document in order of results */
  GArray             *posts;      /* of Step, per result */
  gboolean            busy;
  gboolean            claimed;    /* held by the user (the platform's condition) */
  ZcCase             *recorded;
  guint               printing;   /* the letter being printed */
};

G_DEFINE_FINAL_TYPE (ZcCommitmentFlow, zc_commitment_flow, G_TYPE_OBJECT)

enum {
  SIGNED,
  RECORDED,
  FAILED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void record_next (ZcCommitmentFlow *self);

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_free (step->key);
}

static void
fail (ZcCommitmentFlow *self,
      const char       *what,
      const GError     *error)
{
  g_autofree char *why = error != NULL ? zc_platform_error_to_user_message (error) : NULL;
  g_autofree char *message = NULL;

  self->busy = FALSE;
  /* TRANSLATORS: what failed, then why: 上传容缺受理通知书失败：… */
  message = why != NULL ? g_strdup_printf (_("%s: %s"), what, why) : g_strdup (what);
  g_signal_emit (self, signals[FAILED], 0, message);
}

/* ---- the dialog -------------------------------------------------------- */

static void
dialog_signed_cb (ZcCommitmentFlow   *self,
                  ZcCommitmentDialog *dialog)
{
  guint n_docs = 0;

  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = zc_commitment_dialog_dup_results (dialog);
  g_clear_pointer (&self->signed_list, json_array_unref);
  self->signed_list = zc_commitment_dialog_dup_signed (dialog);
  g_clear_pointer (&self->signature, g_bytes_unref);
  self->signature = g_bytes_ref (zc_commitment_dialog_get_signature (dialog));
  g_clear_pointer (&self->signed_at, g_date_time_unref);
  self->signed_at = g_date_time_ref (zc_commitment_dialog_get_signed_at (dialog));

  /* the letters as the outbox sends them: the same uploads, the same
   * request (zc-signed-commitment.h) */
  g_ptr_array_set_size (self->letters, 0);
  for (guint i = 0; i < json_array_get_length (self->signed_list); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *docs = zc_signed_commitment_dup_documents (json_array_get_object_element (self->signed_list, i),
                                                           &error);

      if (docs == NULL)
        {
          /* written by the dialog a moment ago: not expected */
          g_warning ("A signed commitment without its letters: %s", error->message);
          docs = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_signed_document_free);
        }
      n_docs += docs->len;
      g_ptr_array_add (self->letters, docs);
    }
  g_array_set_size (self->uploads, 0);
  g_array_set_size (self->posts, 0);
  for (guint i = 0; i < n_docs; i++)
    {
      Step step = { g_uuid_string_random (), 0 };
      g_array_append_val (self->uploads, step);
    }
  for (guint i = 0; i < self->letters->len; i++)
    {
      Step step = { g_uuid_string_random (), 0 };
      g_array_append_val (self->posts, step);
    }
  self->busy = TRUE;
  g_signal_emit (self, signals[SIGNED], 0);
  record_next (self);
}

static void
dialog_destroyed_cb (ZcCommitmentFlow *self)
{
  gboolean signed_now = self->results != NULL;

  self->dialog = NULL;
  if (!signed_now)
    g_signal_emit (self, signals[CANCELLED], 0);
}

static void
open_dialog (ZcCommitmentFlow *self)
{
  GDate reception;
  ZcUser *user = zc_client_get_user (self->client);

  /* the deadlines count as the platform counts them: from the day the
   * commitment is made on a draft or returned case (its today), from the
   * day of reception on a received one (the matter's time limit runs) */
  zc_clock_today_china (zc_clock_get_default (), &reception);
  if (zc_case_get_state (self->kase) == ZC_CASE_STATE_RECEIVED &&
      zc_case_get_received_at (self->kase) != NULL)
    {
      g_autoptr(GDateTime) local = zc_date_time_to_china (zc_case_get_received_at (self->kase));

      g_date_set_dmy (&reception, (GDateDay) g_date_time_get_day_of_month (local),
                      (GDateMonth) g_date_time_get_month (local),
                      (GDateYear) g_date_time_get_year (local));
    }

  self->dialog = zc_commitment_dialog_new (self->parent, self->item, zc_case_get_matters (self->kase),
                                           zc_case_get_applicant_name (self->kase),
                                           zc_case_get_applicant (self->kase), "applicant",
                                           &reception, self->calendar,
                                           self->credit_known ? &self->credit : NULL, NULL);
  zc_commitment_dialog_set_context (self->dialog, zc_case_get_number (self->kase), NULL,
                                    zc_case_get_window (self->kase),
                                    user != NULL ? zc_user_get_display_name (user) : zc_case_get_clerk (self->kase));
  for (guint i = 0; i < self->codes->len; i++)
    zc_commitment_dialog_add_material (self->dialog, g_ptr_array_index (self->codes, i),
                                       g_array_index (self->kinds, ZcCommitmentKind, i));
  g_signal_connect_object (self->dialog, "signed", G_CALLBACK (dialog_signed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
maybe_open (ZcCommitmentFlow *self)
{
  if (--self->waiting > 0)
    return;
  if (self->calendar == NULL)
    {
      g_debug ("The calendar could not be read: %s", self->calendar_error ? self->calendar_error : "");
      self->busy = FALSE;
      g_signal_emit (self, signals[FAILED], 0, _("The working-day calendar could not be read"));
      return;
    }
  self->busy = FALSE;
  open_dialog (self);
}

static void
credit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZcCommitmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) credit = NULL;

  credit = zc_client_get_credit_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (credit != NULL)
    {
      self->credit_known = TRUE;
      self->credit.serious_breach = json_object_get_boolean_member_with_default (credit, "serious_credit_breach", FALSE);
      self->credit.false_commitment = json_object_get_boolean_member_with_default (credit, "false_commitment", FALSE);
    }
  else
    g_debug ("The credit could not be asked: %s", error->message);
  maybe_open (self);
}

static void
read_calendar (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  ZcCalendar *calendar = zc_calendar_new_default (&error);

  if (calendar == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, calendar, g_object_unref);
}

static void
calendar_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ZcCommitmentFlow *self = ZC_COMMITMENT_FLOW (object);
  g_autoptr(GError) error = NULL;

  self->calendar = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->calendar == NULL)
    self->calendar_error = g_strdup (error->message);
  maybe_open (self);
}

/* ---- recording ---------------------------------------------------------- */

static void
case_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ZcCommitmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = zc_client_get_case_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (kase != NULL)
    {
      g_set_object (&self->recorded, kase);
      g_set_object (&self->kase, kase);
    }
  /* recorded even when the case could not be read again: the caller reloads */
  g_signal_emit (self, signals[RECORDED], 0, self->recorded);
}

static void
claimed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZcCommitmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = zc_client_claim_case_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (kase == NULL)
    {
      fail (self, _("Taking the case failed"), error);
      return;
    }
  self->claimed = TRUE;
  record_next (self);
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZcCommitmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) commitment = zc_client_create_commitment_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  for (guint i = 0; i < self->posts->len; i++)
    {
      Step *step = &g_array_index (self->posts, Step, i);

      if (step->id != 0)
        continue;
      if (commitment == NULL)
        {
          ZcCommitmentResult *r = g_ptr_array_index (self->results, i);
          g_autofree char *what = g_strdup_printf (_("Recording the %s failed"), zc_commitment_kind_label (r->kind));

          fail (self, what, error);
          return;
        }
      step->id = json_object_get_int_member_with_default (commitment, "id", -1);
      break;
    }
  record_next (self);
}

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcCommitmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = zc_client_upload_case_document_finish (ZC_CLIENT (object), result, &error);
  guint index = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  for (guint i = 0; i < self->letters->len; i++)
    {
      GPtrArray *docs = g_ptr_array_index (self->letters, i);

      for (guint j = 0; j < docs->len; j++, index++)
        {
          Step *step = &g_array_index (self->uploads, Step, index);
          ZcSignedDocument *doc = g_ptr_array_index (docs, j);

          if (step->id != 0)
            continue;
          /* the answer names the bytes sent (its SHA-256) */
          if (document == NULL || !zc_signed_document_check_answer (doc, document, &error))
            {
              ZcCommitmentResult *r = g_ptr_array_index (self->results, i);
              ZcCommitmentDocument *letter = j < r->documents->len ? g_ptr_array_index (r->documents, j) : NULL;
              g_autofree char *what = g_strdup_printf (_("Uploading the %s failed"),
                                                       letter != NULL ? zc_document_kind_title (letter->kind)
                                                                      : doc->name);

              fail (self, what, error);
              return;
            }
          step->id = json_object_get_int_member (document, "id");
          record_next (self);
          return;
        }
    }
}

/* The first step not done yet: an upload, the POST of a commitment
 * whose letters are all up, finally the case read again */
static void
record_next (ZcCommitmentFlow *self)
{
  guint index = 0;
  gint64 case_id = zc_case_get_id (self->kase);
  ZcUser *user = zc_client_get_user (self->client);

  /* the platform changes a case only for the one who holds it */
  if (!self->claimed && user != NULL &&
      g_strcmp0 (zc_case_get_holder (self->kase), zc_user_get_username (user)) != 0)
    {
      zc_client_claim_case_async (self->client, case_id, FALSE, NULL, self->cancellable,
                                  claimed_cb, g_object_ref (self));
      return;
    }
  self->claimed = TRUE;

  for (guint i = 0; i < self->letters->len; i++)
    {
      GPtrArray *docs = g_ptr_array_index (self->letters, i);
      guint first = index;
      Step *post = &g_array_index (self->posts, Step, i);

      for (guint j = 0; j < docs->len; j++, index++)
        {
          Step *step = &g_array_index (self->uploads, Step, index);
          ZcSignedDocument *doc = g_ptr_array_index (docs, j);

          if (step->id != 0)
            continue;
          zc_client_upload_case_document_async (self->client, case_id, doc->kind, doc->name, doc->pdf,
                                                step->key, self->cancellable,
                                                uploaded_cb, g_object_ref (self));
          return;
        }
      if (post->id == 0)
        {
          g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(JsonObject) body = NULL;

          for (guint j = 0; j < docs->len; j++)
            g_array_append_val (ids, g_array_index (self->uploads, Step, first + j).id);
          body = zc_signed_commitment_request (json_array_get_object_element (self->signed_list, i),
                                               (const gint64 *) (gpointer) ids->data, ids->len);
          zc_client_create_commitment_async (self->client, case_id, body, post->key, self->cancellable,
                                             posted_cb, g_object_ref (self));
          return;
        }
    }
  zc_client_get_case_async (self->client, case_id, self->cancellable, case_cb, g_object_ref (self));
}

/* ---- printing ------------------------------------------------------------ */

static ZcCommitmentDocument *
nth_document (ZcCommitmentFlow *self,
              guint             n)
{
  for (guint i = 0; self->results != NULL && i < self->results->len; i++)
    {
      ZcCommitmentResult *r = g_ptr_array_index (self->results, i);

      if (n < r->documents->len)
        return g_ptr_array_index (r->documents, n);
      n -= r->documents->len;
    }
  return NULL;
}

static void print_next (ZcCommitmentFlow *self);

static void
printed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZcCommitmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult res = zc_print_pdf_finish (result, &error);

  if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      ZcCommitmentDocument *doc = nth_document (self, self->printing);
      g_autofree char *what = g_strdup_printf (_("Printing the %s failed"),
                                               doc != NULL ? zc_document_kind_title (doc->kind) : "");

      g_signal_emit (self, signals[FAILED], 0, error != NULL ? error->message : what);
      return;
    }
  if (res == GTK_PRINT_OPERATION_RESULT_CANCEL)
    return;
  self->printing++;
  print_next (self);
}

static void
print_next (ZcCommitmentFlow *self)
{
  ZcCommitmentDocument *doc = nth_document (self, self->printing);
  g_autoptr(GtkPrintSettings) settings = NULL;

  if (doc == NULL)
    return;
  settings = gtk_print_settings_new ();
  /* once: the notice's PDF holds its two copies (第一联, 第二联) */
  gtk_print_settings_set_n_copies (settings, 1);
  zc_print_pdf_with_settings_async (self->parent, doc->pdf, zc_document_kind_title (doc->kind), settings,
                                    self->cancellable, printed_cb, g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
zc_commitment_flow_dispose (GObject *object)
{
  ZcCommitmentFlow *self = ZC_COMMITMENT_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->client);
  g_clear_object (&self->kase);
  g_clear_object (&self->item);
  g_clear_object (&self->calendar);
  g_clear_object (&self->recorded);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->signed_list, json_array_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_clear_pointer (&self->signed_at, g_date_time_unref);

  G_OBJECT_CLASS (zc_commitment_flow_parent_class)->dispose (object);
}

static void
zc_commitment_flow_finalize (GObject *object)
{
  ZcCommitmentFlow *self = ZC_COMMITMENT_FLOW (object);

  g_object_unref (self->cancellable);
  g_ptr_array_unref (self->codes);
  g_array_unref (self->kinds);
  g_array_unref (self->uploads);
  g_array_unref (self->posts);
  g_free (self->calendar_error);
  g_ptr_array_unref (self->letters);

  G_OBJECT_CLASS (zc_commitment_flow_parent_class)->finalize (object);
}

static void
zc_commitment_flow_class_init (ZcCommitmentFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_commitment_flow_dispose;
  object_class->finalize = zc_commitment_flow_finalize;

  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_CASE);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
zc_commitment_flow_init (ZcCommitmentFlow *self)
{
  self->cancellable = g_cancellable_new ();
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->letters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->kinds = g_array_new (FALSE, FALSE, sizeof (ZcCommitmentKind));
  self->uploads = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->uploads, step_clear);
  self->posts = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->posts, step_clear);
}

/* ---- public API -------------------------------------------------------- */

ZcCommitmentFlow *
zc_commitment_flow_new (ZcClient        *client,
                        ZcCase          *kase,
                        ZcCatalogueItem *item,
                        GtkWindow       *parent)
{
  ZcCommitmentFlow *self;

  g_return_val_if_fail (ZC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ZC_IS_CASE (kase), NULL);
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (item), NULL);

  self = g_object_new (ZC_TYPE_COMMITMENT_FLOW, NULL);
  self->client = g_object_ref (client);
  self->kase = g_object_ref (kase);
  self->item = g_object_ref (item);
  g_set_weak_pointer (&self->parent, parent);
  return self;
}

void
zc_commitment_flow_add_material (ZcCommitmentFlow *self,
                                 const char       *code,
                                 ZcCommitmentKind  kind)
{
  g_return_if_fail (ZC_IS_COMMITMENT_FLOW (self));

  g_ptr_array_add (self->codes, g_strdup (code));
  g_array_append_val (self->kinds, kind);
}

void
zc_commitment_flow_start (ZcCommitmentFlow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ZC_IS_COMMITMENT_FLOW (self));

  if (self->busy || self->dialog != NULL)
    return;
  self->busy = TRUE;
  self->waiting = 2;
  zc_client_get_credit_async (self->client, zc_case_get_applicant (self->kase), self->cancellable,
                              credit_cb, g_object_ref (self));
  if (self->calendar != NULL)
    {
      self->waiting--;
      return;
    }
  task = g_task_new (self, self->cancellable, calendar_cb, NULL);
  g_task_set_source_tag (task, zc_commitment_flow_start);
  g_task_run_in_thread (task, read_calendar);
}

void
zc_commitment_flow_retry (ZcCommitmentFlow *self)
{
  g_return_if_fail (ZC_IS_COMMITMENT_FLOW (self));

  if (self->busy || !zc_commitment_flow_can_retry (self))
    return;
  self->busy = TRUE;
  record_next (self);
}

void
zc_commitment_flow_cancel (ZcCommitmentFlow *self)
{
  g_return_if_fail (ZC_IS_COMMITMENT_FLOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
}

ZcCommitmentDialog *
zc_commitment_flow_get_dialog (ZcCommitmentFlow *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_FLOW (self), NULL);
  return self->dialog;
}

GPtrArray *
zc_commitment_flow_get_results (ZcCommitmentFlow *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_FLOW (self), NULL);
  return self->results;
}

ZcCase *
zc_commitment_flow_get_case (ZcCommitmentFlow *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_FLOW (self), NULL);
  return self->recorded;
}

gboolean
zc_commitment_flow_get_busy (ZcCommitmentFlow *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_FLOW (self), FALSE);

  return self->busy;
}

gboolean
zc_commitment_flow_can_retry (ZcCommitmentFlow *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_FLOW (self), FALSE);

  if (self->results == NULL)
    return FALSE;
  for (guint i = 0; i < self->posts->len; i++)
    if (g_array_index (self->posts, Step, i).id == 0)
      return TRUE;
  return FALSE;
}

void
zc_commitment_flow_print (ZcCommitmentFlow *self)
{
  g_return_if_fail (ZC_IS_COMMITMENT_FLOW (self));

  self->printing = 0;
  print_next (self);
}

gboolean
zc_commitment_flow_export (ZcCommitmentFlow *self,
                           const char       *dir,
                           GError          **error)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_FLOW (self), FALSE);

  for (guint n = 0; ; n++)
    {
      ZcCommitmentDocument *doc = nth_document (self, n);

      if (doc == NULL)
        break;
      {
        g_autofree char *base = g_strdup_printf ("document-%d.pdf", doc->kind);
        g_autofree char *path = g_build_filename (dir, base, NULL);

        if (!zc_print_pdf_export (doc->pdf, zc_document_kind_title (doc->kind), path, error))
          return FALSE;
      }
    }
  return TRUE;
}
