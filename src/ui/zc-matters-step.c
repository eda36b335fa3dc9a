/* zc-matters-step.c — which sub-matters of the item are handled
 *
 * One row per sub-matter of the reception's item; required ones are
 * shown and cannot be left out, optional ones carry a check box (Tab
 * goes from check box to check box, Space toggles) that writes to the
 * reception.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"

#include "zc-matters-step.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

struct _ZcMattersStep
{
  AdwBin       parent_instance;

  /* template widgets */
  GtkListBox  *matters_list;

  /* owned */
  ZcReception *reception;
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (ZcMattersStep, zc_matters_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECEPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
matter_toggled_cb (GtkCheckButton *check,
                   ZcMattersStep  *self)
{
  const char *code = g_object_get_data (G_OBJECT (check), "code");
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->reception == NULL)
    return;
  if (!zc_reception_set_matter_chosen (self->reception, code, gtk_check_button_get_active (check), &error))
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      self->syncing = TRUE;
      gtk_check_button_set_active (check, zc_reception_get_matter_chosen (self->reception, code));
      self->syncing = FALSE;
    }
}

static void
zc_matters_step_build (ZcMattersStep *self)
{
  GListModel *matters;

  zc_ui_clear_list (self->matters_list);
  if (self->reception == NULL)
    return;

  matters = zc_catalogue_item_get_matters (zc_reception_get_item (self->reception));
  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean optional = zc_matter_get_optional (matter);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_matter_get_name (matter));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s · %u working day",
                                               "%s · %u working days",
                                               zc_matter_get_time_limit_days (matter)),
                                  zc_matter_get_department (matter),
                                  zc_matter_get_time_limit_days (matter));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "code", g_strdup (zc_matter_get_code (matter)), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, zc_matter_get_name (matter), -1);
      self->syncing = TRUE;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   zc_reception_get_matter_chosen (self->reception, zc_matter_get_code (matter)));
      self->syncing = FALSE;
      g_signal_connect (check, "toggled", G_CALLBACK (matter_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      if (!optional)
        {
          gtk_widget_set_sensitive (row, FALSE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_ui_make_pill (_("Mandatory"), NULL));
        }
      else
        {
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_ui_make_pill (_("Optional"), NULL));
          /* Tab goes from check box to check box, Space toggles */
          gtk_widget_set_focusable (row, FALSE);
          g_object_set_data (G_OBJECT (row), "control", check);
        }
      gtk_list_box_append (self->matters_list, row);
    }
}

/* the first optional sub-matter (Space leaves it out) */
static gboolean
zc_matters_step_grab_focus (GtkWidget *widget)
{
  return zc_ui_focus_first_control (ZC_MATTERS_STEP (widget)->matters_list, FALSE);
}

static void
zc_matters_step_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RECEPTION:
      g_value_set_object (value, ZC_MATTERS_STEP (object)->reception);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_matters_step_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_RECEPTION:
      zc_matters_step_set_reception (ZC_MATTERS_STEP (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_matters_step_dispose (GObject *object)
{
  ZcMattersStep *self = ZC_MATTERS_STEP (object);

  g_clear_object (&self->reception);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_MATTERS_STEP);

  G_OBJECT_CLASS (zc_matters_step_parent_class)->dispose (object);
}

static void
zc_matters_step_class_init (ZcMattersStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->get_property = zc_matters_step_get_property;
  object_class->set_property = zc_matters_step_set_property;
  object_class->dispose = zc_matters_step_dispose;
  widget_class->grab_focus = zc_matters_step_grab_focus;

  properties[PROP_RECEPTION] =
    g_param_spec_object ("reception", NULL, NULL, ZC_TYPE_RECEPTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-matters-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcMattersStep, matters_list);
}

static void
zc_matters_step_init (ZcMattersStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The rows follow the reception: its item's sub-matters, checked as
 * chosen; toggling writes back */
void
zc_matters_step_set_reception (ZcMattersStep *self,
                               ZcReception   *reception)
{
  g_return_if_fail (ZC_IS_MATTERS_STEP (self));

  if (!g_set_object (&self->reception, reception))
    return;
  zc_matters_step_build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEPTION]);
}

ZcReception *
zc_matters_step_get_reception (ZcMattersStep *self)
{
  g_return_val_if_fail (ZC_IS_MATTERS_STEP (self), NULL);

  return self->reception;
}
