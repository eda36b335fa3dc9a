/* zc-case-commitments.c — a case's commitments in words
 *
 * One row per commitment: 容缺受理 / 告知承诺 and the materials by their
 * catalogue names; the deadline (容缺) or the 事后核查 due date
 * (告知承诺) with its method; the state as a pill.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-commitment-flow.h"
#include "zc-commitment-rules.h"

#include "zc-case-commitments.h"
#include "zc-ui-utils.h"

struct _ZcCaseCommitments
{
  AdwBin      parent_instance;

  GtkWidget  *group;
  GtkListBox *list;
  GtkWidget  *offers;           /* the buttons below the list */
  GtkWidget  *tolerance_button;
  GtkWidget  *commitment_button;
  GtkWidget  *print_button;
  GtkWidget  *failure;          /* what failed, with 重试 / 放弃 */
  GtkLabel   *failure_label;
  GtkWidget  *retry_button;
  GtkWidget  *busy;             /* spinner while recording */
  guint       n_rows;

  ZcClient        *client;
  ZcCase          *kase;
  ZcCatalogueItem *item;
  ZcCommitmentFlow *flow;
  GHashTable       *kept;       /* case id (gint64 *) → ZcCommitmentFlow signed on it */
};

G_DEFINE_FINAL_TYPE (ZcCaseCommitments, zc_case_commitments, ADW_TYPE_BIN)

static void update_offers (ZcCaseCommitments *self);

enum {
  RECORDED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
method_label (const char *method)
{
  if (g_strcmp0 (method, "written") == 0)
    return _("Written check (书面核查)");
  if (g_strcmp0 (method, "online") == 0)
    return _("Online verification (网络核验)");
  if (g_strcmp0 (method, "on_site") == 0)
    return _("On-site inspection (实地调查)");
  if (g_strcmp0 (method, "public_notice") == 0)
    return _("Public notice (公示核查)");
  return NULL;
}

static char *
material_names (JsonObject      *c,
                ZcCatalogueItem *item)
{
  JsonArray *codes = json_object_get_array_member (c, "materials");
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    {
      JsonNode *n = json_array_get_element (codes, i);
      const char *code;
      ZcMaterial *m;

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        continue;
      code = json_node_get_string (n);
      m = item != NULL ? zc_catalogue_item_find_material (item, code) : NULL;
      if (s->len > 0)
        /* Translators: between the items of a short list */
        g_string_append (s, _(", "));
      g_string_append (s, m != NULL ? zc_material_get_name (m) : code);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
dates_in_words (JsonObject *c)
{
  const char *deadline = json_object_get_string_member_with_default (c, "deadline", NULL);
  const char *due = json_object_get_string_member_with_default (c, "verification_due", NULL);
  const char *method = method_label (json_object_get_string_member_with_default (c, "verification_method", NULL));
  g_autoptr(GString) s = g_string_new (NULL);

  if (deadline != NULL)
    g_string_append_printf (s, _("Deadline %s"), deadline);
  if (due != NULL)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append_printf (s, _("Verification due %s"), due);
    }
  if (method != NULL)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append (s, method);
    }
  if (s->len == 0)
    g_string_append (s, _("No deadline"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
state_css (ZcCommitmentState state)
{
  switch (state)
    {
    case ZC_COMMITMENT_STATE_FULFILLED:
    case ZC_COMMITMENT_STATE_VERIFIED:
      return "state-completed";
    case ZC_COMMITMENT_STATE_OVERDUE:
    case ZC_COMMITMENT_STATE_BREACHED:
      return "state-not_accepted";
    case ZC_COMMITMENT_STATE_OPEN:
      return "state-returned";
    default:
      return NULL;
    }
}

void
zc_case_commitments_show (ZcCaseCommitments *self,
                          JsonArray         *commitments,
                          ZcCatalogueItem   *item)
{
  g_return_if_fail (ZC_IS_CASE_COMMITMENTS (self));

  zc_ui_clear_list (self->list);
  self->n_rows = 0;
  for (guint i = 0; commitments != NULL && i < json_array_get_length (commitments); i++)
    {
      JsonNode *n = json_array_get_element (commitments, i);
      JsonObject *c;
      ZcCommitmentKind kind;
      ZcCommitmentState state;
      g_autofree char *materials = NULL;
      g_autofree char *title = NULL;
      g_autofree char *dates = NULL;
      g_autofree char *name = NULL;
      const char *state_label;
      GtkWidget *row, *pill;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      c = json_node_get_object (n);
      kind = zc_commitment_kind_from_string (json_object_get_string_member_with_default (c, "kind", NULL));
      state = zc_commitment_state_from_string (json_object_get_string_member_with_default (c, "state", NULL));
      state_label = state != ZC_COMMITMENT_STATE_INVALID
        ? zc_commitment_shown_state_label (kind, state,
                                           json_object_get_string_member_with_default (c, "verification_due", NULL) != NULL)
        : "";
      materials = material_names (c, item);
      /* Translators: 容缺受理 / 告知承诺: the materials */
      title = g_strdup_printf (_("%s: %s"),
                               kind != ZC_COMMITMENT_KIND_INVALID ? zc_commitment_kind_label (kind) : "",
                               materials);
      dates = dates_in_words (c);

      row = adw_action_row_new ();
      gtk_widget_set_name (row, "case-commitment");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dates);
      pill = zc_ui_make_pill (state_label, state_css (state));
      gtk_widget_set_name (pill, "commitment-state");
      gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
      name = g_strdup_printf ("%s, %s, %s", title, dates, state_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_list_box_append (self->list, row);
      self->n_rows++;
    }
  gtk_widget_set_visible (self->group, self->n_rows > 0);
  update_offers (self);
}

guint
zc_case_commitments_get_n_rows (ZcCaseCommitments *self)
{
  g_return_val_if_fail (ZC_IS_CASE_COMMITMENTS (self), 0);
  return self->n_rows;
}

/* ---- offers ------------------------------------------------------------ */

/* A material the flow may be offered for: a received (or returned) case, a clerk or
 * helper, the material applies, is not yet supplied nor covered by an
 * open commitment, and the catalogue allows @kind for it (the credit is
 * asked when the flow starts) */
gboolean
zc_case_commitments_can_offer (ZcCaseCommitments *self,
                               ZcCommitmentKind   kind,
                               const char        *code)
{
  ZcUser *user;
  ZcMaterial *m;
  const ZcCaseMaterial *state;
  GPtrArray *commitments;
  const ZcCreditFacts clean = { FALSE, FALSE };

  g_return_val_if_fail (ZC_IS_CASE_COMMITMENTS (self), FALSE);

  if (self->kase == NULL || self->item == NULL || self->client == NULL ||
      (zc_case_get_state (self->kase) != ZC_CASE_STATE_RECEIVED &&
       zc_case_get_state (self->kase) != ZC_CASE_STATE_RETURNED))
    return FALSE;
  user = zc_client_get_user (self->client);
  if (user == NULL || (zc_user_get_role (user) != ZC_ROLE_CLERK && zc_user_get_role (user) != ZC_ROLE_HELPER))
    return FALSE;
  m = zc_catalogue_item_find_material (self->item, code);
  if (m == NULL || !zc_case_material_applies (self->kase, m))
    return FALSE;
  state = zc_case_get_material (self->kase, code);
  if (state != NULL && g_strcmp0 (state->state, "pending") != 0)
    return FALSE;
  commitments = zc_case_get_commitments (self->kase);
  for (guint i = 0; i < commitments->len; i++)
    {
      const ZcCaseCommitment *c = g_ptr_array_index (commitments, i);

      if ((g_strcmp0 (c->state, "open") == 0 || g_strcmp0 (c->state, "overdue") == 0) &&
          g_strv_contains ((const char * const *) c->materials, code))
        return FALSE;
    }
  if (kind == ZC_COMMITMENT_KIND_TOLERANCE)
    return zc_material_get_tolerable (m);
  return zc_commitment_check_eligible (kind, self->item, m, zc_case_get_matters (self->kase), &clean, NULL);
}

static guint
n_offers (ZcCaseCommitments *self,
          ZcCommitmentKind   kind)
{
  GListModel *materials;
  guint n = 0;

  if (self->item == NULL)
    return 0;
  materials = zc_catalogue_item_get_materials (self->item);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);

      n += zc_case_commitments_can_offer (self, kind, zc_material_get_code (m));
    }
  return n;
}

static void
update_offers (ZcCaseCommitments *self)
{
  gboolean tolerance = n_offers (self, ZC_COMMITMENT_KIND_TOLERANCE) > 0;
  gboolean commitment = n_offers (self, ZC_COMMITMENT_KIND_COMMITMENT) > 0;
  gboolean printable = self->flow != NULL && zc_commitment_flow_get_case (self->flow) != NULL;

  gtk_widget_set_visible (self->tolerance_button, tolerance);
  gtk_widget_set_visible (self->commitment_button, commitment);
  gtk_widget_set_visible (self->print_button, printable);
  gtk_widget_set_visible (self->offers, tolerance || commitment || printable);
  gtk_widget_set_visible (self->group, self->n_rows > 0 || tolerance || commitment || printable ||
                                       gtk_widget_get_visible (self->failure));
}

/* the last failure of @flow, shown again when its case is back */
#define FAILURE_KEY "zc-case-commitments-failure"

/* What the toast says once recorded: the signed letters still to print,
 * by name (none when each was printed from the dialog) */
static char *
recorded_toast (ZcCommitmentFlow *flow)
{
  GPtrArray *results = zc_commitment_flow_get_results (flow);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      ZcCommitmentResult *r = g_ptr_array_index (results, i);

      for (guint j = 0; j < r->documents->len; j++)
        {
          ZcCommitmentDocument *doc = g_ptr_array_index (r->documents, j);

          if (doc->printed)
            continue;
          if (titles->len > 0)
            g_string_append (titles, _(", "));
          g_string_append (titles, zc_document_kind_title (doc->kind));
        }
    }
  if (titles->len == 0)
    return g_strdup (_("Commitment recorded"));
  /* TRANSLATORS: %s names the signed letters not printed yet */
  return g_strdup_printf (_("Commitment recorded; print the %s"), titles->str);
}

static void
flow_recorded_cb (ZcCaseCommitments *self,
                  ZcCase            *kase,
                  ZcCommitmentFlow  *flow)
{
  g_autofree char *toast = NULL;

  g_object_set_data (G_OBJECT (flow), FAILURE_KEY, NULL);
  if (flow != self->flow)
    return;   /* kept for a case the clerk left: it finished there */
  gtk_widget_set_visible (self->busy, FALSE);
  gtk_widget_set_visible (self->failure, FALSE);
  toast = recorded_toast (flow);
  g_signal_emit (self, signals[TOAST], 0, toast);
  g_signal_emit (self, signals[RECORDED], 0, kase);
  update_offers (self);
}

static void
flow_failed_cb (ZcCaseCommitments *self,
                const char        *message,
                ZcCommitmentFlow  *flow)
{
  g_object_set_data_full (G_OBJECT (flow), FAILURE_KEY, g_strdup (message), g_free);
  if (flow != self->flow)
    return;
  gtk_widget_set_visible (self->busy, FALSE);
  gtk_label_set_text (self->failure_label, message);
  gtk_widget_set_visible (self->retry_button, self->flow != NULL && zc_commitment_flow_can_retry (self->flow));
  gtk_widget_set_visible (self->failure, TRUE);
  gtk_widget_set_visible (self->group, TRUE);
  if (gtk_widget_get_visible (self->retry_button))
    gtk_widget_grab_focus (self->retry_button);
}

static void
flow_signed_cb (ZcCaseCommitments *self,
                ZcCommitmentFlow  *flow)
{
  if (flow == self->flow)
    gtk_widget_set_visible (self->busy, TRUE);
}

static void
retry_clicked_cb (ZcCaseCommitments *self)
{
  if (self->flow == NULL)
    return;
  gtk_widget_set_visible (self->failure, FALSE);
  gtk_widget_set_visible (self->busy, TRUE);
  zc_commitment_flow_retry (self->flow);
}

static void
dismiss_clicked_cb (ZcCaseCommitments *self)
{
  gtk_widget_set_visible (self->failure, FALSE);
  update_offers (self);
}

static void
print_clicked_cb (ZcCaseCommitments *self)
{
  if (self->flow != NULL)
    zc_commitment_flow_print (self->flow);
}

void
zc_case_commitments_offer (ZcCaseCommitments *self,
                           ZcCommitmentKind   kind,
                           const char        *code)
{
  GtkRoot *root;
  GListModel *materials;

  g_return_if_fail (ZC_IS_CASE_COMMITMENTS (self));

  if (self->kase == NULL || self->item == NULL)
    return;
  if (self->flow != NULL && zc_commitment_flow_can_retry (self->flow))
    {
      /* what the applicant signed is not recorded yet: never sign twice */
      gtk_widget_set_visible (self->failure, TRUE);
      gtk_widget_grab_focus (self->retry_button);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_clear_object (&self->flow);
  self->flow = zc_commitment_flow_new (self->client, self->kase, self->item,
                                       GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (self->flow, "recorded", G_CALLBACK (flow_recorded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "failed", G_CALLBACK (flow_failed_cb), self, G_CONNECT_SWAPPED);
  materials = zc_catalogue_item_get_materials (self->item);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);
      const char *c = zc_material_get_code (m);

      if ((code == NULL || g_strcmp0 (code, c) == 0) && zc_case_commitments_can_offer (self, kind, c))
        zc_commitment_flow_add_material (self->flow, c, kind);
    }
  gtk_widget_set_visible (self->failure, FALSE);
  /* the dialog opens once the credit is known; the spinner follows the
   * recording after the signature */
  g_signal_connect_object (self->flow, "signed", G_CALLBACK (flow_signed_cb), self, G_CONNECT_SWAPPED);
  zc_commitment_flow_start (self->flow);
}

static void
tolerance_clicked_cb (ZcCaseCommitments *self)
{
  zc_case_commitments_offer (self, ZC_COMMITMENT_KIND_TOLERANCE, NULL);
}

static void
commitment_clicked_cb (ZcCaseCommitments *self)
{
  zc_case_commitments_offer (self, ZC_COMMITMENT_KIND_COMMITMENT, NULL);
}

void
zc_case_commitments_set_case (ZcCaseCommitments *self,
                              ZcClient          *client,
                              ZcCase            *kase,
                              ZcCatalogueItem   *item)
{
  g_return_if_fail (ZC_IS_CASE_COMMITMENTS (self));

  /* another case: what was signed for the last one is not offered here,
   * but kept (its uploads and POST running on, its Idempotency-Keys and
   * signed letters) until the clerk is back on that case */
  if (self->kase != NULL && (kase == NULL || zc_case_get_id (kase) != zc_case_get_id (self->kase)))
    {
      if (self->flow != NULL && zc_commitment_flow_get_results (self->flow) != NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = zc_case_get_id (self->kase);
          g_hash_table_replace (self->kept, key, g_steal_pointer (&self->flow));
        }
      g_clear_object (&self->flow);
      gtk_widget_set_visible (self->failure, FALSE);
      gtk_widget_set_visible (self->busy, FALSE);
    }
  if (kase != NULL && self->flow == NULL)
    {
      gint64 id = zc_case_get_id (kase);
      gpointer key = NULL, flow = NULL;

      if (g_hash_table_steal_extended (self->kept, &id, &key, &flow))
        {
          const char *failure = g_object_get_data (G_OBJECT (flow), FAILURE_KEY);

          g_free (key);
          self->flow = flow;
          gtk_widget_set_visible (self->busy, zc_commitment_flow_get_busy (self->flow));
          if (failure != NULL && zc_commitment_flow_can_retry (self->flow) &&
              !zc_commitment_flow_get_busy (self->flow))
            {
              gtk_label_set_text (self->failure_label, failure);
              gtk_widget_set_visible (self->retry_button, TRUE);
              gtk_widget_set_visible (self->failure, TRUE);
            }
        }
    }
  g_set_object (&self->client, client);
  g_set_object (&self->kase, kase);
  g_set_object (&self->item, item);
  zc_case_commitments_show (self, kase != NULL ? zc_case_get_commitments_json (kase) : NULL, item);
}

GObject *
zc_case_commitments_get_flow (ZcCaseCommitments *self)
{
  g_return_val_if_fail (ZC_IS_CASE_COMMITMENTS (self), NULL);
  return self->flow != NULL ? G_OBJECT (self->flow) : NULL;
}

static GtkWidget *
offer_button (const char *label,
              const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static void
zc_case_commitments_dispose (GObject *object)
{
  ZcCaseCommitments *self = ZC_CASE_COMMITMENTS (object);

  g_clear_object (&self->flow);
  g_clear_pointer (&self->kept, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->kase);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (zc_case_commitments_parent_class)->dispose (object);
}

static void
zc_case_commitments_init (ZcCaseCommitments *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GtkWidget *buttons, *w;

  self->group = zc_ui_make_group (GTK_BOX (box), _("Commitments"),
                                  _("容缺受理 and 告知承诺 of this case"), &self->list);
  gtk_widget_set_name (GTK_WIDGET (self->list), "commitments-list");
  gtk_widget_set_visible (self->group, FALSE);

  /* what failed in recording, with a retry that needs no new signature */
  self->failure = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_name (self->failure, "commitment-failure");
  gtk_widget_set_margin_top (self->failure, 12);
  self->failure_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->failure_label, TRUE);
  gtk_label_set_xalign (self->failure_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->failure_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->failure_label), "error");
  gtk_box_append (GTK_BOX (self->failure), GTK_WIDGET (self->failure_label));
  self->retry_button = offer_button (_("Record A_gain"), "commitment-retry");
  gtk_widget_set_tooltip_text (self->retry_button, _("Send what the applicant signed again, without signing again"));
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->failure), self->retry_button);
  w = offer_button (_("_Dismiss"), "commitment-dismiss");
  g_signal_connect_swapped (w, "clicked", G_CALLBACK (dismiss_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->failure), w);
  gtk_widget_set_visible (self->failure, FALSE);
  gtk_box_append (GTK_BOX (box), self->failure);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (buttons, 12);
  self->offers = buttons;
  self->tolerance_button = offer_button (_("Accept as Missi_ng…"), "offer-tolerance");
  gtk_widget_set_tooltip_text (self->tolerance_button,
                               _("Accept the case with materials to be supplied by a deadline (容缺受理)"));
  g_signal_connect_swapped (self->tolerance_button, "clicked", G_CALLBACK (tolerance_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->tolerance_button);
  self->commitment_button = offer_button (_("Replace by Comm_itment…"), "offer-commitment");
  gtk_widget_set_tooltip_text (self->commitment_button,
                               _("The applicant's signed commitment replaces materials (告知承诺)"));
  g_signal_connect_swapped (self->commitment_button, "clicked", G_CALLBACK (commitment_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->commitment_button);
  self->print_button = offer_button (_("Print the Signed Lett_ers"), "print-commitment");
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (print_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->print_button);
  self->busy = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (self->busy), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->busy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recording the commitment"), -1);
  gtk_widget_set_visible (self->busy, FALSE);
  gtk_box_append (GTK_BOX (buttons), self->busy);
  gtk_widget_set_visible (buttons, FALSE);
  gtk_box_append (GTK_BOX (box), buttons);

  adw_bin_set_child (ADW_BIN (self), box);
}

static void
zc_case_commitments_class_init (ZcCaseCommitmentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_case_commitments_dispose;

  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_CASE);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

GtkWidget *
zc_case_commitments_new (void)
{
  return g_object_new (ZC_TYPE_CASE_COMMITMENTS, NULL);
}
