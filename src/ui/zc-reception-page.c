/* zc-reception-page.c — the 受理 section: receive one 一件事 step by step
 *
 * Steps: applicant → item → sub-matters → parties → merged form →
 * materials → confirm → done (receipt). Everything is keyboard driven:
 * Ctrl+N starts a reception from anywhere in the window; Enter in an
 * entry advances (to the next field, or the next step), Ctrl+Enter or
 * Alt+N goes to the next step, Alt+Left or Escape back; each step puts
 * the focus where the clerk types next, and Tab goes from control to
 * control in the order shown (rows hold no focus of their own where they
 * carry a control). tests/ui/test-reception-ui.c walks it with real keys.
 * Every change is saved as a local draft (debounced); submitting appends
 * to the outbox, so nothing typed is lost when the platform is away.
 *
 * The page is a shell (zc-reception-page.ui): the step header, a stack
 * of one widget per step (zc-*-step.c, each bound to the ZcReception
 * being filled in) and the step bar. This file holds what spans the
 * steps: navigation and focus, the applicant and item chosen, drafts
 * (saved and listed off the main thread), submit, refuse and the
 * documents; the actions are in zc-reception-page-actions.c, the
 * applicant's banner and an applicant typed by hand (checked when the
 * platform is back) in zc-reception-page-applicant.c.
 *
 * Personal data is shown in full on this page (the window handling the
 * case) and never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"
#include "zc-document.h"
#include "zc-id.h"
#include "zc-mask.h"
#include "zc-platform-error.h"
#include "zc-reception.h"

#include "zc-reception-page-private.h"
#include "zc-reason-dialog.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

G_DEFINE_FINAL_TYPE (ZcReceptionPage, zc_reception_page, ADW_TYPE_BIN)

enum {
  CASE_ACTIVATED,
  TOAST,
  MATERIAL_CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *step_order[] = {
  ZC_RECEPTION_STEP_APPLICANT,
  ZC_RECEPTION_STEP_ITEM,
  ZC_RECEPTION_STEP_MATTERS,
  ZC_RECEPTION_STEP_PARTIES,
  ZC_RECEPTION_STEP_FORM,
  ZC_RECEPTION_STEP_MATERIALS,
  ZC_RECEPTION_STEP_CONFIRM,
};

static void zc_reception_page_go_to (ZcReceptionPage *self, const char *step);
static void zc_reception_page_schedule_save (ZcReceptionPage *self);
static void zc_reception_page_save_now (ZcReceptionPage *self);
static void zc_reception_page_refresh_drafts (ZcReceptionPage *self);
static void zc_reception_page_update_nav (ZcReceptionPage *self);

/* --- small helpers --------------------------------------------------- */

static const char *
step_title (const char *step)
{
  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    return _("Applicant");
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    return _("Integrated Item");
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATTERS))
    return _("Sub-matters");
  if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES))
    return _("Parties");
  if (g_str_equal (step, ZC_RECEPTION_STEP_FORM))
    return _("Merged Form");
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATERIALS))
    return _("Materials");
  if (g_str_equal (step, ZC_RECEPTION_STEP_CONFIRM))
    return _("Confirm and Receive");
  /* Translators: the reception is over (title of the last page) */
  return _("Reception Done");
}

int
_zc_reception_page_step_index (const char *step)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_order); i++)
    if (g_strcmp0 (step_order[i], step) == 0)
      return i;
  return -1;
}

typedef struct
{
  ZcReceptionPage *self;
  guint            serial;
} RefRequest;

static void
local_ref_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RefRequest *request = user_data;
  g_autoptr(ZcReceptionPage) self = request->self;
  g_autofree char *ref = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current = request->serial == self->reception_serial;

  g_free (request);
  ref = zc_store_new_local_ref_finish (ZC_STORE (object), result, &error);
  if (!current || self->disposed)
    return;   /* another reception: it asks for its own */
  self->ref_pending = FALSE;
  if (ref == NULL)
    {
      zc_debug_masked ("No local reference", error->message);
      return;
    }
  if (self->local_ref == NULL)
    self->local_ref = g_steal_pointer (&ref);
  /* what waited for the reference */
  _zc_reception_page_keep_waiting_materials (self);
  if (self->save_waiting)
    {
      self->save_waiting = FALSE;
      zc_reception_page_save_now (self);
    }
  if (self->submit_waiting)
    {
      self->submit_waiting = FALSE;
      _zc_reception_page_submit (self);
    }
}

/* A reception gets its local reference (L-YYYYMMDD-NNNN) from the store
 * off the main thread, as soon as it starts */
static void
zc_reception_page_request_local_ref (ZcReceptionPage *self)
{
  RefRequest *request;

  if (self->store == NULL || self->local_ref != NULL || self->ref_pending)
    return;
  self->ref_pending = TRUE;
  request = g_new0 (RefRequest, 1);
  request->self = g_object_ref (self);
  request->serial = self->reception_serial;
  zc_store_new_local_ref_async (self->store, NULL, local_ref_cb, request);
}

void
_zc_reception_page_request_local_ref (ZcReceptionPage *self)
{
  zc_reception_page_request_local_ref (self);
}

static void
draft_deleted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zc_store_delete_draft_finish (ZC_STORE (object), result, &error)
      && !g_error_matches (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND))
    zc_debug_masked ("The draft was not deleted", error->message);
  zc_reception_page_refresh_drafts (self);
}

/* Deletes the draft @local_ref (off the main thread), then lists the
 * drafts again */
static void
zc_reception_page_delete_draft (ZcReceptionPage *self,
                                const char      *local_ref)
{
  if (self->store == NULL || local_ref == NULL)
    {
      zc_reception_page_refresh_drafts (self);
      return;
    }
  zc_store_delete_draft_async (self->store, local_ref, NULL, draft_deleted_cb, g_object_ref (self));
}

/* --- draft saving ---------------------------------------------------- */

static JsonObject *
zc_reception_page_build_body (ZcReceptionPage *self)
{
  JsonObject *body = zc_reception_to_json (self->reception);

  if (self->override_reason != NULL)
    json_object_set_string_member (body, "key_override_reason", self->override_reason);
  /* typed by hand while the licence library was away: the case says so */
  if (self->applicant_unverified && self->applicant != NULL)
    json_object_set_string_member (body, "applicant_typed_name", zc_applicant_get_name (self->applicant));
  _zc_reception_page_commitments_to_body (self, body);
  return body;
}

typedef struct
{
  ZcReceptionPage *self;
  char            *local_ref;
} SaveData;

/* the draft (not the submission) remembers where the clerk was and the
 * item's name, shown in the list of drafts before the catalogue is in */
static JsonObject *
zc_reception_page_build_draft_body (ZcReceptionPage *self)
{
  JsonObject *body = zc_reception_page_build_body (self);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (_zc_reception_page_step_index (step) >= 0)
    json_object_set_string_member (body, "step", step);
  if (self->item != NULL)
    json_object_set_string_member (body, "item_name", zc_catalogue_item_get_name (self->item));
  return body;
}

static void
save_draft_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(ZcReceptionPage) self = data->self;
  g_autofree char *local_ref = data->local_ref;
  g_autoptr(GError) error = NULL;

  g_free (data);
  if (!zc_store_save_draft_finish (ZC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          zc_debug_masked ("Saving the draft failed", error->message);
          zc_ui_toast (GTK_WIDGET (self), _("The draft could not be saved on this computer"));
        }
      return;
    }
  /* a save still on its way when the reception was submitted (or
   * refused) must not bring its draft back */
  if (self->submitted && local_ref != NULL && g_strcmp0 (local_ref, self->local_ref) == 0
      && self->store != NULL)
    {
      zc_reception_page_delete_draft (self, local_ref);
      return;
    }
  zc_reception_page_refresh_drafts (self);
}

static void
zc_reception_page_save_now (ZcReceptionPage *self)
{
  g_autoptr(JsonObject) body = NULL;
  SaveData *data;
  ZcUser *user;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->reception == NULL || self->store == NULL || self->client == NULL || self->submitted)
    return;
  user = zc_client_get_user (self->client);
  if (user == NULL)
    return;

  if (self->local_ref == NULL)
    {
      /* saved once the reference is in */
      self->save_waiting = TRUE;
      zc_reception_page_request_local_ref (self);
      return;
    }

  body = zc_reception_page_build_draft_body (self);
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->local_ref = g_strdup (self->local_ref);
  zc_store_save_draft_async (self->store, self->local_ref, zc_user_get_username (user), body,
                             NULL, save_draft_cb, data);
}

typedef struct
{
  ZcReceptionPage *self;        /* strong */
  char            *username;
  JsonObject      *body;
} DroppedSave;

static void
dropped_ref_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DroppedSave *drop = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = zc_store_new_local_ref_finish (ZC_STORE (object), result, &error);

  if (ref == NULL)
    {
      zc_debug_masked ("No local reference for a dropped reception", error->message);
      if (!drop->self->disposed)
        zc_ui_toast (GTK_WIDGET (drop->self), _("The draft could not be saved on this computer"));
    }
  else
    {
      SaveData *data = g_new0 (SaveData, 1);

      data->self = g_object_ref (drop->self);
      data->local_ref = g_strdup (ref);
      zc_store_save_draft_async (ZC_STORE (object), ref, drop->username, drop->body,
                                 NULL, save_draft_cb, data);
    }
  g_object_unref (drop->self);
  g_free (drop->username);
  json_object_unref (drop->body);
  g_free (drop);
}

/* The reception goes away before its reference came: what was typed is
 * taken now and saved under a reference made off the main thread. */
static void
zc_reception_page_save_dropped (ZcReceptionPage *self)
{
  DroppedSave *drop;
  ZcUser *user;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->reception == NULL || self->store == NULL || self->client == NULL || self->submitted)
    return;
  user = zc_client_get_user (self->client);
  if (user == NULL)
    return;
  drop = g_new0 (DroppedSave, 1);
  drop->self = g_object_ref (self);
  drop->username = g_strdup (zc_user_get_username (user));
  drop->body = zc_reception_page_build_draft_body (self);
  zc_store_new_local_ref_async (self->store, NULL, dropped_ref_cb, drop);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  ZcReceptionPage *self = user_data;

  self->save_source = 0;
  zc_reception_page_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
zc_reception_page_schedule_save (ZcReceptionPage *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
reception_changed_cb (ZcReceptionPage *self)
{
  zc_reception_page_schedule_save (self);
}

/* --- resetting ------------------------------------------------------- */

static void
zc_reception_page_drop_reception (ZcReceptionPage *self)
{
  /* what was typed is saved before it is dropped (its reference, if
   * still on its way, is made here: the reception is going away) */
  if ((self->save_source != 0 || self->save_waiting) && self->local_ref == NULL
      && self->reception != NULL && self->store != NULL && !self->submitted)
    zc_reception_page_save_dropped (self);
  else if (self->save_source != 0 || self->save_waiting)
    zc_reception_page_save_now (self);
  self->reception_serial++;
  self->ref_pending = FALSE;
  self->save_waiting = FALSE;
  self->submit_waiting = FALSE;

  if (self->reception != NULL && self->changed_id != 0)
    g_signal_handler_disconnect (self->reception, self->changed_id);
  self->changed_id = 0;
  if (self->confirm_step != NULL)
    {
      zc_matters_step_set_reception (self->matters_step, NULL);
      zc_parties_step_set_reception (self->parties_step, NULL);
      zc_form_step_set_reception (self->form_step, NULL);
      zc_materials_step_set_reception (self->materials_step, NULL);
      zc_confirm_step_set_reception (self->confirm_step, NULL);
    }
  if (self->material_pdfs != NULL)
    g_hash_table_remove_all (self->material_pdfs);
  self->keep_waiting = FALSE;
  self->materials_uploaded = 0;
  if (self->receipt_step != NULL)
    zc_receipt_step_set_materials (self->receipt_step, NULL);
  g_clear_object (&self->reception);
  /* the signature was this applicant's, for these materials */
  g_clear_pointer (&self->signed_commitments, json_array_unref);
  self->credit_known = FALSE;
}

void
_zc_reception_page_set_reception (ZcReceptionPage *self,
                                  ZcReception     *reception)
{
  zc_reception_page_drop_reception (self);
  self->reception = g_object_ref (reception);
  self->changed_id = g_signal_connect_swapped (reception, "changed",
                                               G_CALLBACK (reception_changed_cb), self);
  zc_reception_page_request_local_ref (self);
  zc_matters_step_set_reception (self->matters_step, reception);
  zc_parties_step_set_reception (self->parties_step, reception);
  zc_form_step_set_reception (self->form_step, reception);
  zc_materials_step_set_reception (self->materials_step, reception);
  zc_confirm_step_set_reception (self->confirm_step, reception);
}

void
zc_reception_page_reset (ZcReceptionPage *self)
{
  g_return_if_fail (ZC_IS_RECEPTION_PAGE (self));

  zc_reception_page_drop_reception (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->applicant);
  g_clear_object (&self->item);
  _zc_reception_page_verify_stop (self);
  self->applicant_unverified = FALSE;
  g_clear_pointer (&self->override_reason, g_free);
  g_clear_pointer (&self->local_ref, g_free);
  g_clear_pointer (&self->case_number, g_free);
  g_clear_pointer (&self->pending_draft, g_free);
  g_clear_pointer (&self->pending_step, g_free);
  self->case_id = 0;
  self->submitted = FALSE;

  zc_applicant_step_reset (self->applicant_step);
  zc_item_step_clear (self->item_step);
  zc_document_preview_clear (zc_receipt_step_get_preview (self->receipt_step));

  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_APPLICANT);
  zc_reception_page_refresh_drafts (self);
}

/* --- step (a): the applicant ----------------------------------------- */

static void
lookup_started_cb (ZcReceptionPage *self)
{
  const char *reason = zc_applicant_step_get_override_reason (self->applicant_step);

  g_free (self->override_reason);
  self->override_reason = g_strdup (reason);

  /* a new applicant starts a new reception */
  zc_reception_page_drop_reception (self);
  g_clear_object (&self->applicant);
  g_clear_object (&self->item);
  g_clear_pointer (&self->local_ref, g_free);
  _zc_reception_page_verify_stop (self);
  self->applicant_unverified = FALSE;
}

static void
applicant_chosen_cb (ZcReceptionPage *self,
                     ZcApplicant     *applicant)
{
  gboolean unverified = zc_applicant_step_get_unverified (self->applicant_step);

  if (self->applicant != applicant)
    _zc_reception_page_verify_stop (self);
  g_set_object (&self->applicant, applicant);
  self->applicant_unverified = unverified;
  if (unverified)
    _zc_reception_page_verify_start (self);
  zc_reception_page_update_nav (self);
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_ITEM);
}

/* --- step (b): the item ---------------------------------------------- */

/* The platform lists cases masked and without forms (docs/domain.md,
 * rule 6): the newest few of the applicant are read in full (each read
 * audited), then answer the fields they can. */
#define EARLIER_CASES_READ 5

typedef struct
{
  ZcReceptionPage *self;
  ZcReception     *reception;   /* the reception they were asked for */
  ZcCase          *cases[EARLIER_CASES_READ];
  guint            n;
  guint            pending;
} EarlierCases;

static void
earlier_case_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EarlierCases *data = user_data;
  g_autoptr(GError) error = NULL;
  ZcCase *c = zc_client_get_case_finish (ZC_CLIENT (object), result, &error);

  if (c == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("An earlier case not loaded: %s", error->message);
  /* the full case takes its list entry's place (the order stays) */
  if (c != NULL)
    {
      for (guint i = 0; i < data->n; i++)
        if (data->cases[i] != NULL && zc_case_get_id (data->cases[i]) == zc_case_get_id (c))
          {
            g_object_unref (data->cases[i]);
            data->cases[i] = g_object_ref (c);
          }
      g_object_unref (c);
    }
  if (--data->pending > 0)
    return;

  if (data->self->reception == data->reception)
    {
      g_autoptr(GListStore) store = g_list_store_new (ZC_TYPE_CASE);

      for (guint i = 0; i < data->n; i++)
        if (data->cases[i] != NULL && zc_case_get_form (data->cases[i]) != NULL)
          g_list_store_append (store, data->cases[i]);
      zc_reception_set_earlier_cases (data->reception, G_LIST_MODEL (store));
    }
  for (guint i = 0; i < data->n; i++)
    g_clear_object (&data->cases[i]);
  g_object_unref (data->self);
  g_object_unref (data->reception);
  g_free (data);
}

static void
earlier_cases_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  EarlierCases *data;

  cases = zc_client_list_cases_finish (ZC_CLIENT (object), result, NULL, &error);
  if (cases == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zc_debug_masked ("Earlier cases not loaded", error->message);
      return;
    }
  if (self->reception == NULL || g_list_model_get_n_items (cases) == 0)
    return;

  data = g_new0 (EarlierCases, 1);
  data->self = g_object_ref (self);
  data->reception = g_object_ref (self->reception);
  data->n = MIN (g_list_model_get_n_items (cases), EARLIER_CASES_READ);
  data->pending = data->n;
  /* the list's entries hold the slots (newest first) until the full
   * cases replace them */
  for (guint i = 0; i < data->n; i++)
    data->cases[i] = g_list_model_get_item (cases, i);
  for (guint i = 0; i < data->n; i++)
    zc_client_get_case_async (self->client, zc_case_get_id (data->cases[i]), self->cancellable,
                              earlier_case_cb, data);
}

static void
zc_reception_page_start_item (ZcReceptionPage *self,
                              ZcCatalogueItem *item)
{
  g_autoptr(ZcReception) reception = NULL;
  GDate today;

  if (self->applicant == NULL)
    return;

  /* the same item again: keep what was typed */
  if (self->reception != NULL && self->item == item)
    {
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATTERS);
      return;
    }

  zc_ui_today (&today);
  g_set_object (&self->item, item);
  reception = zc_reception_new (item, self->applicant, &today);
  _zc_reception_page_set_reception (self, reception);

  /* earlier cases of the applicant answer the fields no licence can */
  zc_client_list_cases_async (self->client, NULL, zc_applicant_get_key (self->applicant), 0, 20,
                              self->cancellable, earlier_cases_cb, g_object_ref (self));

  zc_reception_page_schedule_save (self);
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATTERS);
}

static void
item_activated_cb (ZcReceptionPage *self,
                   ZcCatalogueItem *item)
{
  zc_reception_page_start_item (self, item);
}

static void
catalogue_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) catalogue = NULL;

  catalogue = zc_client_list_catalogue_finish (ZC_CLIENT (object), result, &error);
  if (catalogue == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_set_object (&self->catalogue, catalogue);
  zc_item_step_set_catalogue (self->item_step, catalogue);
  zc_reception_page_refresh_drafts (self);
  if (self->pending_draft != NULL)
    {
      g_autofree char *ref = g_steal_pointer (&self->pending_draft);
      g_autofree char *step = g_steal_pointer (&self->pending_step);

      zc_reception_page_open_draft (self, ref, step);
    }
}

/* --- step (f): materials --------------------------------------------- */

void
_zc_reception_page_mark_all_received (ZcReceptionPage *self)
{
  zc_materials_step_mark_all_received (self->materials_step);
}

/* --- step (g): confirm ----------------------------------------------- */

static void
zc_reception_page_build_confirm (ZcReceptionPage *self)
{
  zc_confirm_step_set_override_reason (self->confirm_step, self->override_reason);
  zc_confirm_step_refresh (self->confirm_step);
  _zc_reception_page_actions_update (self);
}

/* --- documents ------------------------------------------------------- */

static ZcDocumentData *
zc_reception_page_document_data (ZcReceptionPage *self,
                                 ZcDocumentKind   kind)
{
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;

  return zc_document_data_new_for_reception (kind, self->reception, user,
                                             self->case_number, self->local_ref);
}

static void
zc_reception_page_show_document (ZcReceptionPage *self,
                                 ZcDocumentKind   kind,
                                 const char      *reason)
{
  ZcDocumentData *data = zc_reception_page_document_data (self, kind);

  if (reason != NULL)
    data->reason = g_strdup (reason);

  /* only a receipt waits for a number: a refused case gets none, a
   * notice is about the draft */
  if (kind == ZC_DOCUMENT_REFUSAL && data->case_number == NULL)
    data->case_number = g_strdup (_("none (not accepted)"));
  else if (kind == ZC_DOCUMENT_ONE_TIME_NOTICE && data->case_number == NULL && self->local_ref != NULL)
    /* Translators: the reference on a one-time notice, e.g. 草稿 L-20261127-0001 */
    data->case_number = g_strdup_printf (_("draft %s"), self->local_ref);

  /* the one-time notice lists the materials (built once in
   * zc_document_data_new_for_reception), never the form's fields */

  zc_document_preview_show (zc_receipt_step_get_preview (self->receipt_step), data);
}

/* --- submit, refuse, notice ------------------------------------------ */

static void
zc_reception_page_update_number (ZcReceptionPage *self)
{
  g_autofree char *text = NULL;

  if (self->case_number != NULL)
    {
      text = g_strdup_printf (_("Case number %s"), self->case_number);
      zc_receipt_step_set_text (self->receipt_step, _("Case Received"),
                                _("The platform has assigned the number and dispatched the sub-matters to their departments."),
                                text);
    }
  else
    {
      text = g_strdup_printf (_("Awaiting sync · local reference %s"), self->local_ref);
      zc_receipt_step_set_text (self->receipt_step, _("Case Received"),
                                _("The submission is kept on this computer and sent to the platform in order; the number replaces the local reference when it arrives."),
                                text);
    }
}

static void
received_case_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  ZcDocumentData *data;

  kase = zc_client_get_case_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->reception == NULL)
    return;
  data = zc_reception_page_document_data (self, ZC_DOCUMENT_RECEIPT);
  /* the platform's tasks and due dates replace the time limits */
  zc_document_data_set_tasks (data, kase != NULL ? zc_case_get_tasks (kase) : NULL);
  zc_document_preview_show (zc_receipt_step_get_preview (self->receipt_step), data);
}

static void
entry_sent_cb (ZcOutbox        *outbox,
               ZcOutboxEntry   *entry,
               ZcReceptionPage *self)
{
  if (g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) == 0)
    {
      _zc_reception_page_material_uploaded (self, entry);
      return;
    }
  if (self->local_ref == NULL || !self->submitted
      || g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_SUBMIT_CASE) != 0
      || g_strcmp0 (zc_outbox_entry_get_local_ref (entry), self->local_ref) != 0)
    return;

  g_free (self->case_number);
  self->case_number = g_strdup (zc_outbox_entry_get_case_number (entry));
  self->case_id = zc_outbox_entry_get_case_id (entry);
  zc_reception_page_update_number (self);
  /* the platform is back: the applicant typed by hand is looked up */
  if (self->applicant_unverified)
    _zc_reception_page_verify_now (self);
  if (self->reception == NULL)
    return;
  /* the receipt again, now with the number and the platform's due dates */
  if (self->case_id > 0 && self->client != NULL)
    zc_client_get_case_async (self->client, self->case_id, self->cancellable,
                              received_case_cb, g_object_ref (self));
  else
    zc_reception_page_show_document (self, ZC_DOCUMENT_RECEIPT, NULL);
}

static void
submit_appended_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(ZcReceptionPage) self = data->self;
  g_autofree char *local_ref = data->local_ref;
  g_autoptr(ZcOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_free (data);
  entry = zc_store_outbox_append_finish (ZC_STORE (object), result, &error);
  self->submitting = FALSE;
  if (entry == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          zc_debug_masked ("Outbox append failed", error->message);
          zc_ui_toast (GTK_WIDGET (self), _("The submission could not be saved on this computer; nothing was sent"));
        }
      if (!self->disposed)
        _zc_reception_page_actions_update (self);
      return;
    }
  /* another reception was started meanwhile: the submission is in the
   * outbox all the same */
  if (self->disposed || g_strcmp0 (local_ref, self->local_ref) != 0)
    {
      if (self->outbox != NULL)
        zc_outbox_kick (self->outbox);
      return;
    }

  self->submitted = TRUE;
  if (self->outbox != NULL)
    zc_outbox_kick (self->outbox);

  zc_reception_page_update_number (self);
  self->done_step_title = _("Reception Done");
  _zc_reception_page_update_materials_line (self);
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_DONE);
  zc_reception_page_show_document (self, ZC_DOCUMENT_RECEIPT, NULL);
  zc_reception_page_delete_draft (self, local_ref);
}

void
_zc_reception_page_submit (ZcReceptionPage *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *data;
  ZcUser *user;

  if (self->reception == NULL || self->submitted || self->submitting)
    return;
  if (self->store == NULL)
    {
      zc_ui_toast (GTK_WIDGET (self), _("The local store of this computer is not available: nothing can be submitted"));
      return;
    }
  if (!zc_reception_check (self->reception, NULL, &error))
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      zc_reception_page_build_confirm (self);
      return;
    }
  user = zc_client_get_user (self->client);
  if (user == NULL)
    return;
  /* a 容缺/承诺 material waits for the applicant's signature */
  if (!_zc_reception_page_commitments_signed (self))
    {
      _zc_reception_page_sign_commitments (self);
      return;
    }

  if (self->local_ref == NULL)
    {
      /* submitted once the reference is in */
      self->submit_waiting = TRUE;
      zc_reception_page_request_local_ref (self);
      return;
    }
  g_clear_handle_id (&self->save_source, g_source_remove);

  /* the outbox keeps it (off the main thread); Receive waits for that */
  self->submitting = TRUE;
  _zc_reception_page_actions_update (self);
  body = zc_reception_page_build_body (self);
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->local_ref = g_strdup (self->local_ref);
  zc_store_outbox_append_async (self->store, zc_user_get_username (user), "submit_case",
                                self->local_ref, body, self->cancellable, submit_appended_cb, data);
}

typedef struct
{
  ZcReceptionPage *self;
  char            *reason;
  guint            serial;   /* of the reception refused */
} RefuseData;

static void
refuse_data_free (RefuseData *data)
{
  data->self->refusing = FALSE;
  if (!data->self->disposed)
    _zc_reception_page_actions_update (data->self);
  g_clear_object (&data->self);
  g_free (data->reason);
  g_free (data);
}

static void
refuse_transition_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RefuseData *data = user_data;
  ZcReceptionPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_transition_case_full_finish (ZC_CLIENT (object), result, &error);
  if (kase == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      refuse_data_free (data);
      return;
    }

  self->submitted = TRUE;
  self->case_id = zc_case_get_id (kase);
  zc_reception_page_delete_draft (self, self->local_ref);
  zc_receipt_step_set_text (self->receipt_step, _("Not Accepted"),
                            _("The refusal notice states the reason and the remedies; print it for the applicant."),
                            data->reason);
  self->done_step_title = _("Not Accepted");
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_DONE);
  zc_reception_page_show_document (self, ZC_DOCUMENT_REFUSAL, data->reason);
  refuse_data_free (data);
}

static void
refuse_create_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RefuseData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autofree char *key = NULL;

  kase = zc_client_create_case_finish (ZC_CLIENT (object), result, &error);
  if (kase == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (data->self), error);
      refuse_data_free (data);
      return;
    }
  /* the same refusal tried again (after a network error) sends the same
   * key: the platform answers its first answer, it does not act twice */
  key = g_strdup_printf ("refuse-%s-%08x", data->self->local_ref != NULL ? data->self->local_ref : "x",
                         g_str_hash (data->reason));
  zc_client_transition_case_full_async (ZC_CLIENT (object), zc_case_get_id (kase), "not_accepted",
                                        data->reason, NULL, key, data->self->cancellable,
                                        refuse_transition_cb, data);
}

/* the refusal goes: its case made with a key from the local reference */
static void
refuse_send (RefuseData *data)
{
  ZcReceptionPage *self = data->self;
  g_autoptr(JsonObject) body = zc_reception_page_build_body (self);
  g_autofree char *key = g_strdup_printf ("refuse-%s", self->local_ref != NULL ? self->local_ref : "x");

  zc_client_create_case_async (self->client, body, key, self->cancellable, refuse_create_cb, data);
}

static void
refuse_local_ref_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RefuseData *data = user_data;
  ZcReceptionPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = zc_store_new_local_ref_finish (ZC_STORE (object), result, &error);

  /* the reception went away meanwhile: nothing to refuse */
  if (self->disposed || data->serial != self->reception_serial || self->reception == NULL)
    {
      refuse_data_free (data);
      return;
    }
  if (ref == NULL)
    zc_debug_masked ("No local reference for a refusal", error->message);
  else if (self->local_ref == NULL)
    self->local_ref = g_steal_pointer (&ref);
  refuse_send (data);
}

static void
refuse_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZcReceptionPage  *self)
{
  g_autofree char *reason = zc_reason_dialog_dup_reason (dialog);
  RefuseData *data;

  if (g_strcmp0 (response, "refuse") != 0 || reason[0] == '\0' || self->reception == NULL || self->refusing)
    return;
  self->refusing = TRUE;
  _zc_reception_page_actions_update (self);

  data = g_new0 (RefuseData, 1);
  data->self = g_object_ref (self);
  data->reason = g_steal_pointer (&reason);
  data->serial = self->reception_serial;
  /* the reference is made off the main thread when still missing */
  if (self->local_ref == NULL && self->store != NULL)
    {
      zc_store_new_local_ref_async (self->store, self->cancellable, refuse_local_ref_cb, data);
      return;
    }
  refuse_send (data);
}

void
_zc_reception_page_refuse (ZcReceptionPage *self)
{
  GtkWidget *dialog;

  if (self->reception == NULL || self->refusing)
    return;

  dialog = zc_reason_dialog_new (GTK_WIDGET (self),
                                 _("Refuse the Application?"),
                                 _("The case is recorded as not accepted and a refusal notice with the reason is printed for the applicant."),
                                 "refuse", _("_Refuse"), ADW_RESPONSE_DESTRUCTIVE,
                                 _("Reason for the refusal"));
  g_signal_connect (dialog, "response", G_CALLBACK (refuse_response_cb), self);
  zc_reason_dialog_present (dialog);
}

void
_zc_reception_page_one_time_notice (ZcReceptionPage *self)
{
  if (self->reception == NULL)
    return;
  zc_reception_page_show_document (self, ZC_DOCUMENT_ONE_TIME_NOTICE, NULL);
  zc_receipt_step_set_text (self->receipt_step, _("Materials Still Missing"),
                            _("Everything still missing, told at once. The reception stays open as a draft: go back to complete it."),
                            "");
  self->done_step_title = _("One-Time Notice");
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_DONE);
}

/* --- drafts offered -------------------------------------------------- */

typedef struct
{
  ZcReceptionPage *self;
  JsonObject      *body;
  char            *local_ref;
  char            *step;      /* where the clerk lands; NULL = the form */
  guint            pending;
} Resume;

static void
resume_free (Resume *r)
{
  g_clear_object (&r->self);
  g_clear_pointer (&r->body, json_object_unref);
  g_free (r->local_ref);
  g_free (r->step);
  g_free (r);
}

static void
resume_finish (Resume *r)
{
  ZcReceptionPage *self = r->self;
  const char *saved;

  if (--r->pending > 0)
    return;
  /* where the clerk left off (drafts saved before the step was kept open
   * at the form) */
  saved = json_object_get_string_member_with_default (r->body, "step", NULL);
  if (r->step != NULL)
    zc_reception_page_go_to (self, r->step);
  else if (saved != NULL && _zc_reception_page_step_index (saved) >= 0)
    zc_reception_page_go_to (self, saved);
  else
    zc_reception_page_go_to (self, ZC_RECEPTION_STEP_FORM);
  resume_free (r);
}

typedef struct
{
  Resume *r;
  char   *role;
} ResumeParty;

static void
resume_party_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ResumeParty *rp = user_data;
  Resume *r = rp->r;
  g_autoptr(ZcApplicant) party = NULL;
  g_autoptr(GError) error = NULL;

  party = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (party != NULL && r->self->reception != NULL)
    zc_reception_set_party (r->self->reception, rp->role, party);
  else if (party == NULL)
    zc_ui_toast_error (GTK_WIDGET (r->self), error);
  g_free (rp->role);
  g_free (rp);
  resume_finish (r);
}

static void
resume_applicant_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Resume *r = user_data;
  ZcReceptionPage *self = r->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;
  g_autoptr(ZcReception) reception = NULL;
  const char *item_code = json_object_get_string_member_with_default (r->body, "item", "");
  ZcCatalogueItem *item = NULL;
  GDate today;

  const char *typed_name = json_object_get_string_member_with_default (r->body, "applicant_typed_name", NULL);
  g_autoptr(ZcApplicant) library = NULL;

  applicant = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  zc_ui_today (&today);
  /* typed by hand: it stays so (the library's, if in, is offered); the
   * platform still away or without it: the typed applicant */
  if (typed_name != NULL && typed_name[0] != '\0'
      && (applicant != NULL || g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK)
          || g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND)))
    {
      library = g_steal_pointer (&applicant);
      applicant = zc_applicant_new_typed (json_object_get_string_member_with_default (r->body, "applicant", ""),
                                          &today, typed_name);
      if (applicant == NULL)
        g_set_error_literal (&error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE,
                             _("The draft’s applicant typed by hand is not valid"));
    }
  if (applicant == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      resume_free (r);
      return;
    }

  for (guint i = 0; self->catalogue != NULL && i < g_list_model_get_n_items (self->catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) it = g_list_model_get_item (self->catalogue, i);

      if (g_strcmp0 (zc_catalogue_item_get_code (it), item_code) == 0)
        item = it;
    }
  if (item == NULL)
    {
      zc_ui_toast (GTK_WIDGET (self), _("The draft's item is no longer in the catalogue"));
      resume_free (r);
      return;
    }

  zc_reception_page_reset (self);
  g_set_object (&self->applicant, applicant);
  g_set_object (&self->item, item);
  self->local_ref = g_strdup (r->local_ref);
  if (json_object_has_member (r->body, "key_override_reason"))
    self->override_reason = g_strdup (json_object_get_string_member_with_default (r->body, "key_override_reason", ""));
  if (typed_name != NULL && typed_name[0] != '\0')
    {
      self->applicant_unverified = TRUE;
      zc_applicant_step_set_typed_applicant (self->applicant_step, applicant);
      g_set_object (&self->verified, library);
      if (library != NULL)
        _zc_reception_page_verify_now (self);
      else
        _zc_reception_page_verify_start (self);
    }
  else
    zc_applicant_step_set_applicant (self->applicant_step, applicant);

  reception = zc_reception_new (item, applicant, &today);
  if (!zc_reception_restore (reception, r->body, &error))
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      resume_free (r);
      return;
    }
  _zc_reception_page_set_reception (self, reception);
  _zc_reception_page_commitments_from_body (self, r->body);
  /* its material files, kept in the local store */
  _zc_reception_page_restore_materials (self);

  /* parties are fetched again from the licence library */
  r->pending = 1;
  {
    JsonArray *parties = json_object_get_array_member (r->body, "parties");

    for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
      {
        JsonNode *node = json_array_get_element (parties, i);
        JsonObject *p;
        const char *role, *key;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          continue;
        p = json_node_get_object (node);
        role = json_object_get_string_member_with_default (p, "role", NULL);
        key = json_object_get_string_member_with_default (p, "key", NULL);
        if (role == NULL || key == NULL)
          continue;
        if (g_strcmp0 (key, zc_applicant_get_key (applicant)) == 0)
          {
            zc_reception_set_party (reception, role, applicant);
            continue;
          }
        r->pending++;
        {
          ResumeParty *rp = g_new0 (ResumeParty, 1);

          rp->r = r;
          rp->role = g_strdup (role);
          zc_client_get_applicant_async (self->client, key, self->cancellable,
                                         resume_party_cb, rp);
        }
      }
  }
  resume_finish (r);
}

static void
resume_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Resume *r = user_data;
  g_autoptr(GError) error = NULL;

  r->body = zc_store_load_draft_finish (ZC_STORE (object), result, &error);
  if (r->body == NULL || r->self->client == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (r->self), error);
      resume_free (r);
      return;
    }
  zc_client_get_applicant_async (r->self->client,
                                 json_object_get_string_member_with_default (r->body, "applicant", ""),
                                 r->self->cancellable, resume_applicant_cb, r);
}

/**
 * zc_reception_page_open_draft:
 * @local_ref: a draft of the logged-in clerk in the store
 * @step: (nullable): the step to show once restored (NULL = the form);
 *   ZC_RECEPTION_STEP_CONFIRM shows everything still wrong at once
 *
 * Restores the saved reception @local_ref (applicant and parties are
 * fetched again) — e.g. a refused submission taken back for correction.
 * Submitting it again appends a new outbox entry.
 */
void
zc_reception_page_open_draft (ZcReceptionPage *self,
                              const char      *local_ref,
                              const char      *step)
{
  Resume *r;

  g_return_if_fail (ZC_IS_RECEPTION_PAGE (self));

  if (local_ref == NULL || self->store == NULL || self->client == NULL)
    return;
  /* the list of drafts names them before the catalogue is in: a draft
   * chosen that early opens once it is */
  if (self->catalogue == NULL)
    {
      g_autofree char *ref = g_strdup (local_ref);
      g_autofree char *at = g_strdup (step);

      g_free (self->pending_draft);
      g_free (self->pending_step);
      self->pending_draft = g_steal_pointer (&ref);
      self->pending_step = g_steal_pointer (&at);
      return;
    }
  r = g_new0 (Resume, 1);
  r->self = g_object_ref (self);
  r->local_ref = g_strdup (local_ref);
  r->step = g_strdup (step);
  zc_store_load_draft_async (self->store, local_ref, self->cancellable, resume_loaded_cb, r);
}

static void
draft_activated_cb (ZcReceptionPage *self,
                    const char      *local_ref)
{
  zc_reception_page_open_draft (self, local_ref, NULL);
}

/* The name of a draft's item: the catalogue's; until the catalogue is
 * in, the one saved with the draft; never the bare code while loading */
static const char *
draft_item_name (ZcReceptionPage *self,
                 JsonObject      *body)
{
  const char *code = json_object_get_string_member_with_default (body, "item", "");
  const char *saved = json_object_get_string_member_with_default (body, "item_name", NULL);

  for (guint i = 0; self->catalogue != NULL && i < g_list_model_get_n_items (self->catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) it = g_list_model_get_item (self->catalogue, i);

      if (g_strcmp0 (zc_catalogue_item_get_code (it), code) == 0)
        return zc_catalogue_item_get_name (it);
    }
  if (saved != NULL && saved[0] != '\0')
    return saved;
  if (self->catalogue == NULL)
    return _("Unfinished reception");
  return code;
}

static void
drafts_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  ZcDraftsList *drafts;
  guint shown = 0;

  bodies = zc_store_list_draft_bodies_finish (ZC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;
  drafts = zc_applicant_step_get_drafts (self->applicant_step);
  zc_drafts_list_clear (drafts);
  if (bodies == NULL)
    {
      zc_debug_masked ("The drafts were not listed", error->message);
      return;
    }

  for (guint i = 0; i < bodies->len; i++)
    {
      JsonObject *body = g_ptr_array_index (bodies, i);
      const char *local_ref = json_object_get_string_member (body, "local_ref");
      g_autofree char *masked = NULL;
      g_autofree char *subtitle = NULL;

      /* the one being edited (its ref may be newer than the request) */
      if (self->local_ref != NULL && g_str_equal (local_ref, self->local_ref))
        continue;
      masked = zc_mask_id (json_object_get_string_member_with_default (body, "applicant", ""));
      subtitle = g_strdup_printf ("%s · %s", masked, local_ref);
      zc_drafts_list_add (drafts, local_ref, draft_item_name (self, body), subtitle);
      if (++shown >= 5)
        break;
    }
}

/* The user's drafts, read off the main thread; the list keeps showing
 * the last answer until the new one is in */
static void
zc_reception_page_refresh_drafts (ZcReceptionPage *self)
{
  ZcUser *user;

  if (self->disposed)
    return;
  if (self->drafts_cancellable != NULL)
    g_cancellable_cancel (self->drafts_cancellable);
  g_clear_object (&self->drafts_cancellable);
  if (self->store == NULL || self->client == NULL || (user = zc_client_get_user (self->client)) == NULL)
    {
      zc_drafts_list_clear (zc_applicant_step_get_drafts (self->applicant_step));
      return;
    }
  self->drafts_cancellable = g_cancellable_new ();
  /* one more than shown, for the one being edited */
  zc_store_list_draft_bodies_async (self->store, zc_user_get_username (user), self->local_ref, 6,
                                    self->drafts_cancellable, drafts_listed_cb, g_object_ref (self));
}

guint
_zc_reception_page_n_steps (void)
{
  return G_N_ELEMENTS (step_order);
}

/* --- navigation ------------------------------------------------------ */

gboolean
_zc_reception_page_can_leave (ZcReceptionPage *self,
                             const char      *step)
{
  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    return TRUE;   /* Next looks the key up */
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    return TRUE;   /* Next picks the first item */
  if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES))
    return zc_parties_step_get_ready (self->parties_step);
  return self->reception != NULL;
}

static void
zc_reception_page_update_nav (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  int index = _zc_reception_page_step_index (step);
  g_autofree char *label = NULL;

  if (index >= 0)
    /* Translators: "Step 2 of 7: Integrated Item" */
    label = g_strdup_printf (_("Step %d of %d: %s"), index + 1, (int) G_N_ELEMENTS (step_order), step_title (step));
  else
    label = g_strdup (self->done_step_title != NULL ? self->done_step_title : step_title (step));
  gtk_label_set_text (self->step_label, label);

  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), index >= 0);
  _zc_reception_page_update_banner (self);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          index >= 0 && index + 1 < (int) G_N_ELEMENTS (step_order));
  _zc_reception_page_actions_update (self);
}

/* Focuses where the clerk types next in the current step */
static gboolean
zc_reception_page_focus_step (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    return gtk_widget_grab_focus (GTK_WIDGET (self->applicant_step));
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    return gtk_widget_grab_focus (GTK_WIDGET (self->item_step));
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATTERS))
    /* the first optional sub-matter (Space leaves it out) */
    return gtk_widget_grab_focus (GTK_WIDGET (self->matters_step))
           || gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES) && gtk_widget_grab_focus (GTK_WIDGET (self->parties_step)))
    return TRUE;
  if (g_str_equal (step, ZC_RECEPTION_STEP_FORM) && gtk_widget_grab_focus (GTK_WIDGET (self->form_step)))
    return TRUE;
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATERIALS))
    /* the first material still to be decided */
    return gtk_widget_grab_focus (GTK_WIDGET (self->materials_step))
           || gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  if (g_str_equal (step, ZC_RECEPTION_STEP_CONFIRM))
    return gtk_widget_grab_focus (GTK_WIDGET (self->confirm_step))
           || gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
  if (g_str_equal (step, ZC_RECEPTION_STEP_DONE))
    return gtk_widget_grab_focus (GTK_WIDGET (self->receipt_step));
  return gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

/* The steps built from the reception when they are entered */
static void
zc_reception_page_build_step (ZcReceptionPage *self,
                              const char      *step)
{
  if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES))
    zc_parties_step_refresh (self->parties_step);
  else if (g_str_equal (step, ZC_RECEPTION_STEP_FORM))
    zc_form_step_refresh (self->form_step);
  else if (g_str_equal (step, ZC_RECEPTION_STEP_CONFIRM))
    zc_reception_page_build_confirm (self);
}

/* The step shown, built again for a reception that replaced the one it
 * showed (the applicant verified while the clerk is at that step: else
 * the step stays empty until it is left and entered again) */
void
_zc_reception_page_rebuild_shown_step (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (self->reception != NULL && step != NULL)
    zc_reception_page_build_step (self, step);
}

static void
zc_reception_page_go_to (ZcReceptionPage *self,
                         const char      *step)
{
  int target = _zc_reception_page_step_index (step);
  const char *current = gtk_stack_get_visible_child_name (self->stack);

  /* a step needs what the ones before it chose */
  if (target >= 1 && self->applicant == NULL)
    step = ZC_RECEPTION_STEP_APPLICANT;
  else if (target >= 2 && self->reception == NULL)
    step = ZC_RECEPTION_STEP_ITEM;

  if (self->reception != NULL && g_strcmp0 (current, step) != 0)
    zc_reception_page_build_step (self, step);
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    zc_item_step_set_applicant (self->item_step, self->applicant);

  gtk_stack_set_visible_child_name (self->stack, step);
  zc_reception_page_update_nav (self);

  /* the draft remembers the step */
  if (self->reception != NULL && !self->submitted && _zc_reception_page_step_index (step) >= 0
      && g_strcmp0 (current, step) != 0)
    zc_reception_page_schedule_save (self);

  /* focus where the clerk types next (not while the page is hidden: it
   * would take the keys away from the section shown) */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    zc_reception_page_focus_step (self);
}

void
_zc_reception_page_next (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  int index = _zc_reception_page_step_index (step);

  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    {
      zc_applicant_step_lookup (self->applicant_step);
      return;
    }
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM) && self->reception == NULL)
    {
      zc_item_step_activate_default (self->item_step);
      return;
    }
  if (index < 0 || index + 1 >= (int) G_N_ELEMENTS (step_order)
      || !_zc_reception_page_can_leave (self, step))
    return;
  /* required fields left empty: said at the form, the first focused */
  if (g_str_equal (step, ZC_RECEPTION_STEP_FORM) && !zc_form_step_check_required (self->form_step))
    return;
  zc_reception_page_go_to (self, step_order[index + 1]);
}

void
_zc_reception_page_back (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  int index = _zc_reception_page_step_index (step);

  if (g_str_equal (step, ZC_RECEPTION_STEP_DONE))
    {
      if (self->submitted)
        return;
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_CONFIRM);
      return;
    }
  if (index > 0)
    zc_reception_page_go_to (self, step_order[index - 1]);
}

static void
parties_done_cb (ZcReceptionPage *self)
{
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_FORM);
}

static void
form_done_cb (ZcReceptionPage *self)
{
  if (zc_form_step_check_required (self->form_step))
    zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATERIALS);
}

/* the first descendant of @widget named @name (a material's row is
 * named by its code) */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A problem of the confirm step is a link: to its step, the focus on
 * the field or material it is about */
static void
problem_activated_cb (ZcReceptionPage *self,
                      int              subject,
                      const char      *key)
{
  GtkWidget *row;

  switch (subject)
    {
    case ZC_PROBLEM_SUBJECT_MATTERS:
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATTERS);
      break;
    case ZC_PROBLEM_SUBJECT_PARTY:
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_PARTIES);
      break;
    case ZC_PROBLEM_SUBJECT_FIELD:
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_FORM);
      zc_form_step_focus_field (self->form_step, key);
      break;
    case ZC_PROBLEM_SUBJECT_MATERIAL:
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATERIALS);
      row = key != NULL ? find_named (GTK_WIDGET (self->materials_step), key) : NULL;
      if (row != NULL && !gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (row);
      break;
    default:
      break;
    }
}

/* --- building the page ----------------------------------------------- */

/* --- GtkWidget ------------------------------------------------------- */

/* Ctrl+N anywhere in the window, even while another section is shown:
 * the page's own controllers only run while it is mapped */
static gboolean
new_shortcut_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  ZcReceptionPage *self = user_data;

  if (self->client == NULL || zc_client_get_user (self->client) == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "reception.new", NULL);
}

static void
zc_reception_page_root (GtkWidget *widget)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (widget);
  GtkShortcut *shortcut;

  GTK_WIDGET_CLASS (zc_reception_page_parent_class)->root (widget);

  self->shortcut_root = GTK_WIDGET (gtk_widget_get_root (widget));
  self->window_shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (self->window_shortcuts, "zc-reception-shortcuts");
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                               gtk_callback_action_new (new_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->window_shortcuts), shortcut);
  gtk_widget_add_controller (self->shortcut_root, self->window_shortcuts);
}

static void
zc_reception_page_unroot (GtkWidget *widget)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (widget);

  if (self->shortcut_root != NULL && self->window_shortcuts != NULL)
    gtk_widget_remove_controller (self->shortcut_root, self->window_shortcuts);
  self->shortcut_root = NULL;
  self->window_shortcuts = NULL;

  GTK_WIDGET_CLASS (zc_reception_page_parent_class)->unroot (widget);
}

static void
zc_reception_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (zc_reception_page_parent_class)->map (widget);
  /* shown: the keys go to the step's first control */
  zc_reception_page_focus_step (ZC_RECEPTION_PAGE (widget));
}

static gboolean
zc_reception_page_grab_focus (GtkWidget *widget)
{
  return zc_reception_page_focus_step (ZC_RECEPTION_PAGE (widget));
}

/* --- GObject --------------------------------------------------------- */

static void
zc_reception_page_dispose (GObject *object)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (object);

  if (self->save_source != 0)
    zc_reception_page_save_now (self);
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->services_cancellable);
  if (self->drafts_cancellable != NULL)
    g_cancellable_cancel (self->drafts_cancellable);
  if (self->outbox != NULL && self->entry_sent_id != 0)
    g_signal_handler_disconnect (self->outbox, self->entry_sent_id);
  self->entry_sent_id = 0;
  zc_reception_page_drop_reception (self);
  _zc_reception_page_verify_stop (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_RECEPTION_PAGE);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->outbox);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->applicant);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (zc_reception_page_parent_class)->dispose (object);
}

static void
zc_reception_page_finalize (GObject *object)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->services_cancellable);
  g_clear_object (&self->drafts_cancellable);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->signed_commitments, json_array_unref);
  g_clear_pointer (&self->material_pdfs, g_hash_table_unref);
  g_free (self->override_reason);
  g_free (self->local_ref);
  g_free (self->case_number);
  g_free (self->pending_draft);
  g_free (self->pending_step);

  G_OBJECT_CLASS (zc_reception_page_parent_class)->finalize (object);
}

static void
zc_reception_page_class_init (ZcReceptionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();
  g_type_ensure (ZC_TYPE_APPLICANT_STEP);
  g_type_ensure (ZC_TYPE_ITEM_STEP);
  g_type_ensure (ZC_TYPE_MATTERS_STEP);
  g_type_ensure (ZC_TYPE_PARTIES_STEP);
  g_type_ensure (ZC_TYPE_FORM_STEP);
  g_type_ensure (ZC_TYPE_MATERIALS_STEP);
  g_type_ensure (ZC_TYPE_CONFIRM_STEP);
  g_type_ensure (ZC_TYPE_RECEIPT_STEP);

  object_class->dispose = zc_reception_page_dispose;
  object_class->finalize = zc_reception_page_finalize;
  widget_class->root = zc_reception_page_root;
  widget_class->unroot = zc_reception_page_unroot;
  widget_class->map = zc_reception_page_map;
  widget_class->grab_focus = zc_reception_page_grab_focus;

  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MATERIAL_CAPTURED] =
    g_signal_new ("material-captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_BYTES, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-reception-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, applicant_banner);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, verify_bar);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, verify_label);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, verify_button);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, applicant_step);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, item_step);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, matters_step);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, parties_step);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, form_step);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, materials_step);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, confirm_step);
  gtk_widget_class_bind_template_child (widget_class, ZcReceptionPage, receipt_step);
  gtk_widget_class_bind_template_callback (widget_class, lookup_started_cb);
  gtk_widget_class_bind_template_callback (widget_class, applicant_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, parties_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, zc_reception_page_update_nav);
  gtk_widget_class_bind_template_callback (widget_class, _zc_reception_page_actions_update);

  _zc_reception_page_class_actions_init (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The paper of a material taken in: kept for this reception, in the
 * local store with its draft (zc-reception-page-materials.c), told on */
static void
material_captured_cb (ZcMaterialsStep *step,
                      const char      *code,
                      GBytes          *pdf,
                      guint            n_pages,
                      ZcReceptionPage *self)
{
  g_hash_table_insert (self->material_pdfs, g_strdup (code), g_bytes_ref (pdf));
  /* in the local store at once, with the draft: nothing lost on a crash */
  _zc_reception_page_keep_material (self, code, pdf);
  _zc_reception_page_check_material (self, code, pdf);
  g_signal_emit (self, signals[MATERIAL_CAPTURED], 0, code, pdf, n_pages);
}

static void
zc_reception_page_init (ZcReceptionPage *self)
{
  self->material_pdfs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->cancellable = g_cancellable_new ();
  self->services_cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (zc_applicant_step_get_drafts (self->applicant_step), "draft-activated",
                            G_CALLBACK (draft_activated_cb), self);
  g_signal_connect (self->materials_step, "material-captured", G_CALLBACK (material_captured_cb), self);
  _zc_reception_page_materials_init (self);

  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_APPLICANT);
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_reception_page_new (void)
{
  return g_object_new (ZC_TYPE_RECEPTION_PAGE, NULL);
}

void
zc_reception_page_set_services (ZcReceptionPage *self,
                                ZcClient        *client,
                                ZcStore         *store,
                                ZcOutbox        *outbox)
{
  g_return_if_fail (ZC_IS_RECEPTION_PAGE (self));

  if (self->outbox != NULL && self->entry_sent_id != 0)
    g_signal_handler_disconnect (self->outbox, self->entry_sent_id);
  self->entry_sent_id = 0;

  zc_reception_page_reset (self);
  g_set_object (&self->client, client);
  zc_applicant_step_set_client (self->applicant_step, client);
  zc_parties_step_set_client (self->parties_step, client);
  g_set_object (&self->store, store);
  g_set_object (&self->outbox, outbox);
  g_clear_object (&self->catalogue);
  zc_item_step_set_catalogue (self->item_step, NULL);
  g_clear_pointer (&self->pending_draft, g_free);
  g_clear_pointer (&self->pending_step, g_free);

  if (self->outbox != NULL)
    self->entry_sent_id = g_signal_connect (self->outbox, "entry-sent", G_CALLBACK (entry_sent_cb), self);
  _zc_reception_page_actions_update (self);

  /* the drafts (a local read) are asked for before the catalogue */
  zc_reception_page_refresh_drafts (self);
  g_cancellable_cancel (self->services_cancellable);
  g_clear_object (&self->services_cancellable);
  self->services_cancellable = g_cancellable_new ();
  if (self->client != NULL && zc_client_get_user (self->client) != NULL)
    zc_client_list_catalogue_async (self->client, self->services_cancellable, catalogue_cb, g_object_ref (self));
}

const char *
zc_reception_page_get_step (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
zc_reception_page_get_local_ref (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return self->local_ref;
}

const char *
zc_reception_page_get_case_number (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return self->case_number;
}

gint64
zc_reception_page_get_case_id (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), 0);

  return self->case_id;
}

ZcReception *
zc_reception_page_get_reception (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return self->reception;
}

GBytes *
zc_reception_page_get_material_pdf (ZcReceptionPage *self,
                                    const char      *code)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (self->material_pdfs, code);
}
