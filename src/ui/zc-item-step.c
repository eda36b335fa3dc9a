/* zc-item-step.c — choose the integrated item from the catalogue
 *
 * The search takes a name or the pinyin initials (e.g. kbcyd); Enter
 * picks the top match. Only the items for the applicant's kind (person
 * or enterprise) are offered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-item-step.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

struct _ZcItemStep
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkSearchEntry *item_search;
  GtkListBox     *item_list;
  GtkLabel       *item_empty_label;

  /* owned */
  GListModel     *catalogue;
  GSignalGroup   *catalogue_signals;
  ZcApplicant    *applicant;
};

G_DEFINE_FINAL_TYPE (ZcItemStep, zc_item_step, ADW_TYPE_BIN)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
item_fits_applicant (ZcItemStep      *self,
                     ZcCatalogueItem *item)
{
  const char *subject = zc_catalogue_item_get_subject (item);

  if (self->applicant == NULL)
    return TRUE;
  return g_strcmp0 (subject, zc_applicant_get_kind (self->applicant)) == 0;
}

static void
zc_item_step_filter (ZcItemStep *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->item_search));
  guint shown = 0;

  zc_ui_clear_list (self->item_list);
  if (self->catalogue == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (self->catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (self->catalogue, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!item_fits_applicant (self, item) || !zc_catalogue_item_matches (item, query))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_catalogue_item_get_name (item));
      subtitle = g_strdup_printf (_("%s · lead: %s · %u sub-matters"),
                                  zc_catalogue_item_get_initials (item),
                                  zc_catalogue_item_get_lead_department (item),
                                  g_list_model_get_n_items (zc_catalogue_item_get_matters (item)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
      gtk_list_box_append (self->item_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->item_empty_label), shown == 0);
}

static void
item_row_activated_cb (ZcItemStep    *self,
                       GtkListBoxRow *row)
{
  ZcCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static gboolean
zc_item_step_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ZC_ITEM_STEP (widget)->item_search));
}

static void
zc_item_step_dispose (GObject *object)
{
  ZcItemStep *self = ZC_ITEM_STEP (object);

  if (self->catalogue_signals != NULL)
    g_signal_group_set_target (self->catalogue_signals, NULL);
  g_clear_object (&self->catalogue_signals);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->applicant);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_ITEM_STEP);

  G_OBJECT_CLASS (zc_item_step_parent_class)->dispose (object);
}

static void
zc_item_step_class_init (ZcItemStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->dispose = zc_item_step_dispose;
  widget_class->grab_focus = zc_item_step_grab_focus;

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_CATALOGUE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-item-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcItemStep, item_search);
  gtk_widget_class_bind_template_child (widget_class, ZcItemStep, item_list);
  gtk_widget_class_bind_template_child (widget_class, ZcItemStep, item_empty_label);
  gtk_widget_class_bind_template_callback (widget_class, zc_item_step_filter);
  gtk_widget_class_bind_template_callback (widget_class, zc_item_step_activate_default);
  gtk_widget_class_bind_template_callback (widget_class, item_row_activated_cb);
}

static void
zc_item_step_init (ZcItemStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* a catalogue that changes is shown as it is */
  self->catalogue_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->catalogue_signals, "items-changed",
                                  G_CALLBACK (zc_item_step_filter), self);
}

void
zc_item_step_set_catalogue (ZcItemStep *self,
                            GListModel *catalogue)
{
  g_return_if_fail (ZC_IS_ITEM_STEP (self));

  if (!g_set_object (&self->catalogue, catalogue))
    return;
  g_signal_group_set_target (self->catalogue_signals, catalogue);
  zc_item_step_filter (self);
}

void
zc_item_step_set_applicant (ZcItemStep  *self,
                            ZcApplicant *applicant)
{
  g_return_if_fail (ZC_IS_ITEM_STEP (self));

  if (!g_set_object (&self->applicant, applicant))
    return;
  zc_item_step_filter (self);
}

void
zc_item_step_clear (ZcItemStep *self)
{
  g_return_if_fail (ZC_IS_ITEM_STEP (self));

  gtk_editable_set_text (GTK_EDITABLE (self->item_search), "");
  zc_item_step_filter (self);
}

/* Enter picks the top match of what was typed; with nothing typed it
 * picks only a sole item — keys typed ahead while the applicant was
 * still loading must not choose an item by accident — and otherwise
 * moves into the list to choose with the arrows. */
void
zc_item_step_activate_default (ZcItemStep *self)
{
  GtkListBoxRow *first;
  const char *query;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (ZC_IS_ITEM_STEP (self));

  /* the search entry filters 150 ms after the last key: a clerk who
   * types "xsecs" and Enter at once must get 新生儿出生, not the first
   * item of the unfiltered list */
  zc_item_step_filter (self);
  first = gtk_list_box_get_row_at_index (self->item_list, 0);
  query = gtk_editable_get_text (GTK_EDITABLE (self->item_search));
  trimmed = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (first == NULL)
    return;
  if (trimmed[0] == '\0' && gtk_list_box_get_row_at_index (self->item_list, 1) != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (first));
      return;
    }
  item_row_activated_cb (self, first);
}
