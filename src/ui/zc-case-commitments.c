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

#include "zc-commitment-rules.h"

#include "zc-case-commitments.h"
#include "zc-ui-utils.h"

struct _ZcCaseCommitments
{
  AdwBin      parent_instance;

  GtkWidget  *group;
  GtkListBox *list;
  guint       n_rows;
};

G_DEFINE_FINAL_TYPE (ZcCaseCommitments, zc_case_commitments, ADW_TYPE_BIN)

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
      state_label = state != ZC_COMMITMENT_STATE_INVALID ? zc_commitment_state_label (state) : "";
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
}

guint
zc_case_commitments_get_n_rows (ZcCaseCommitments *self)
{
  g_return_val_if_fail (ZC_IS_CASE_COMMITMENTS (self), 0);
  return self->n_rows;
}

static void
zc_case_commitments_init (ZcCaseCommitments *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->group = zc_ui_make_group (GTK_BOX (box), _("Commitments"),
                                  _("容缺受理 and 告知承诺 of this case"), &self->list);
  gtk_widget_set_name (GTK_WIDGET (self->list), "commitments-list");
  gtk_widget_set_visible (self->group, FALSE);
  adw_bin_set_child (ADW_BIN (self), box);
}

static void
zc_case_commitments_class_init (ZcCaseCommitmentsClass *klass)
{
}

GtkWidget *
zc_case_commitments_new (void)
{
  return g_object_new (ZC_TYPE_CASE_COMMITMENTS, NULL);
}
