/* zc-reception-page-commitments.c — the applicant's signature under the
 * reception's 容缺 / 承诺 materials
 *
 * A material marked 容缺 (deferred) or 承诺 (committed) is a promise the
 * applicant signs before the case is submitted: Receive opens
 * ZcCommitmentDialog (the terms, the deadline, the letters, the
 * signature) with the reception's data; once signed, each commitment —
 * kind, materials, deadline, signature, its signed letters (PDF, SHA-256:
 * the 申请容缺受理承诺书 and the 容缺受理通知书, or the 告知承诺书) and the
 * signature (PNG), zc-signed-commitment.h — is kept in the draft's body
 * ("commitments"), so it survives closing and reopening, and goes into
 * the outbox with the submission, which records it on the platform
 * before receiving (zc-outbox.c), as the case page's flow does. Changing
 * which materials are 容缺/承诺 asks for a new signature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zc-commitment-dialog.h"
#include "zc-platform-error.h"
#include "zc-reception-page-private.h"
#include "zc-ui-utils.h"

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The codes of the materials in @state, sorted, "," joined ("" none) */
static char *
codes_in_state (ZcReception     *reception,
                ZcMaterialState  state)
{
  GListModel *materials = zc_reception_get_materials (reception);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) m = g_list_model_get_item (materials, i);

      if (zc_reception_material_get_state (m) == state)
        g_ptr_array_add (codes, (gpointer) zc_material_get_code (zc_reception_material_get_material (m)));
    }
  g_ptr_array_sort (codes, compare_codes);
  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "," : "", (char *) codes->pdata[i]);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The codes the signed commitments of @kind cover, sorted, "," joined */
static char *
codes_signed (JsonArray  *signed_list,
              const char *kind)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; signed_list != NULL && i < json_array_get_length (signed_list); i++)
    {
      JsonNode *node = json_array_get_element (signed_list, i);
      JsonObject *c = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *materials = c ? json_object_get_member (c, "materials") : NULL;

      if (c == NULL || g_strcmp0 (json_object_get_string_member_with_default (c, "kind", NULL), kind) != 0 ||
          materials == NULL || !JSON_NODE_HOLDS_ARRAY (materials))
        continue;
      for (guint j = 0; j < json_array_get_length (json_node_get_array (materials)); j++)
        {
          JsonNode *e = json_array_get_element (json_node_get_array (materials), j);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
            g_ptr_array_add (codes, (gpointer) json_node_get_string (e));
        }
    }
  g_ptr_array_sort (codes, compare_codes);
  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "," : "", (char *) codes->pdata[i]);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/**
 * _zc_reception_page_commitments_signed:
 *
 * TRUE when no material is 容缺/承诺, or when the applicant's signed
 * commitments cover exactly those materials. A signature for another set
 * of materials is dropped (it is asked for again).
 */
gboolean
_zc_reception_page_commitments_signed (ZcReceptionPage *self)
{
  g_autofree char *deferred = NULL, *committed = NULL;
  g_autofree char *tolerated = NULL, *promised = NULL;

  if (self->reception == NULL)
    return TRUE;
  deferred = codes_in_state (self->reception, ZC_MATERIAL_STATE_DEFERRED);
  committed = codes_in_state (self->reception, ZC_MATERIAL_STATE_COMMITTED);
  tolerated = codes_signed (self->signed_commitments, "tolerance");
  promised = codes_signed (self->signed_commitments, "commitment");
  if (g_strcmp0 (deferred, tolerated) == 0 && g_strcmp0 (committed, promised) == 0)
    return TRUE;
  g_clear_pointer (&self->signed_commitments, json_array_unref);
  return FALSE;
}

/* What the draft and the submission keep of the signed commitments */
void
_zc_reception_page_commitments_to_body (ZcReceptionPage *self,
                                        JsonObject      *body)
{
  if (self->signed_commitments != NULL && json_array_get_length (self->signed_commitments) > 0)
    json_object_set_array_member (body, "commitments", json_array_ref (self->signed_commitments));
}

void
_zc_reception_page_commitments_from_body (ZcReceptionPage *self,
                                          JsonObject      *body)
{
  JsonNode *node = json_object_get_member (body, "commitments");

  g_clear_pointer (&self->signed_commitments, json_array_unref);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    self->signed_commitments = json_array_ref (json_node_get_array (node));
}

static void
dialog_signed_cb (ZcReceptionPage    *self,
                  ZcCommitmentDialog *dialog)
{
  JsonArray *list = zc_commitment_dialog_dup_signed (dialog);

  if (list == NULL)
    return;
  g_clear_pointer (&self->signed_commitments, json_array_unref);
  /* each with its letters — the 申请容缺受理承诺书 and the 容缺受理通知书,
   * or the 告知承诺书 —, recorded by the outbox before the reception */
  self->signed_commitments = list;
  g_debug ("the applicant signed %u commitment(s)", json_array_get_length (list));
  /* kept with the draft, then submitted */
  _zc_reception_page_submit (self);
}

static void
open_dialog (ZcReceptionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ZcUser *user = self->client ? zc_client_get_user (self->client) : NULL;
  ZcApplicant *applicant = zc_reception_get_applicant (self->reception);
  g_auto(GStrv) chosen = zc_reception_dup_chosen_matters (self->reception);
  GListModel *materials = zc_reception_get_materials (self->reception);
  ZcCommitmentDialog *dialog;

  dialog = zc_commitment_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->item,
                                     (const char * const *) chosen,
                                     zc_applicant_get_name (applicant), zc_applicant_get_key (applicant),
                                     "applicant", zc_reception_get_date (self->reception),
                                     self->calendar, self->credit_known ? &self->credit : NULL, NULL);
  zc_commitment_dialog_set_context (dialog, NULL, self->local_ref,
                                    user ? zc_user_get_window (user) : NULL,
                                    user ? zc_user_get_display_name (user) : NULL);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) m = g_list_model_get_item (materials, i);
      ZcMaterialState state = zc_reception_material_get_state (m);

      if (state == ZC_MATERIAL_STATE_DEFERRED || state == ZC_MATERIAL_STATE_COMMITTED)
        zc_commitment_dialog_add_material (dialog, zc_material_get_code (zc_reception_material_get_material (m)),
                                           state == ZC_MATERIAL_STATE_DEFERRED ? ZC_COMMITMENT_KIND_TOLERANCE
                                                                               : ZC_COMMITMENT_KIND_COMMITMENT);
    }
  g_signal_connect_object (dialog, "signed", G_CALLBACK (dialog_signed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
maybe_open (ZcReceptionPage *self)
{
  if (self->sign_waiting == 0 || --self->sign_waiting > 0 || self->disposed || self->reception == NULL)
    return;
  if (self->calendar == NULL)
    {
      zc_ui_toast (GTK_WIDGET (self), _("The working-day calendar could not be read: no deadline can be set"));
      return;
    }
  open_dialog (self);
}

static void
credit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) credit = zc_client_get_credit_finish (ZC_CLIENT (object), result, &error);

  if (credit != NULL)
    {
      self->credit_known = TRUE;
      self->credit.serious_breach = json_object_get_boolean_member_with_default (credit, "serious_credit_breach", FALSE);
      self->credit.false_commitment = json_object_get_boolean_member_with_default (credit, "false_commitment", FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    zc_debug_masked ("The credit could not be asked", error->message);
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
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (object);
  g_autoptr(GError) error = NULL;
  ZcCalendar *calendar = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->calendar);
  self->calendar = calendar;
  maybe_open (self);
}

/**
 * _zc_reception_page_sign_commitments:
 *
 * The calendar read (a worker) and, when a material is 承诺, the
 * applicant's credit asked, then ZcCommitmentDialog; on "signed" the
 * submission goes on.
 */
void
_zc_reception_page_sign_commitments (ZcReceptionPage *self)
{
  g_autofree char *committed = NULL;

  if (self->sign_waiting > 0 || self->reception == NULL)
    return;
  committed = codes_in_state (self->reception, ZC_MATERIAL_STATE_COMMITTED);
  self->sign_waiting = 1;
  if (self->calendar == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, calendar_cb, NULL);

      self->sign_waiting++;
      g_task_run_in_thread (task, read_calendar);
    }
  if (*committed != '\0' && self->client != NULL && !self->credit_known)
    {
      self->sign_waiting++;
      zc_client_get_credit_async (self->client, zc_applicant_get_key (zc_reception_get_applicant (self->reception)),
                                  self->cancellable, credit_cb, g_object_ref (self));
    }
  maybe_open (self);
}
