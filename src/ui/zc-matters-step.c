/* zc-matters-step.c — which sub-matters of the item are handled
 *
 * One row per sub-matter of the reception's item; required ones are
 * shown and cannot be left out, optional ones carry a check box (Tab
 * goes from check box to check box, Space toggles) that writes to the
 * reception; they start left out. Sub-matters the catalogue marks
 * mutually exclusive are a choice of one: radio-style check buttons in
 * a group, with a "none of these" row. Enter moves on to the next step
 * (it does not toggle: the footer says Enter moves on).
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
  GPtrArray   *checks;   /* the check buttons, each with "code" (NULL: a group's "none") */
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (ZcMattersStep, zc_matters_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECEPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every check box as the reception has it (a choice in an exclusive
 * group leaves the others out; "none" is on while none is chosen) */
static void
zc_matters_step_sync (ZcMattersStep *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      const char *code = g_object_get_data (G_OBJECT (check), "code");
      const char *group = g_object_get_data (G_OBJECT (check), "group");
      gboolean active = FALSE;

      if (code != NULL)
        active = zc_reception_get_matter_chosen (self->reception, code);
      else
        {
          GListModel *matters = zc_catalogue_item_get_matters (zc_reception_get_item (self->reception));

          active = TRUE;
          for (guint k = 0; k < g_list_model_get_n_items (matters); k++)
            {
              g_autoptr(ZcMatter) m = g_list_model_get_item (matters, k);

              if (g_strcmp0 (zc_matter_get_exclusive (m), group) == 0 &&
                  zc_reception_get_matter_chosen (self->reception, zc_matter_get_code (m)))
                active = FALSE;
            }
        }
      if (gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }
  self->syncing = FALSE;
}

static void
matter_toggled_cb (GtkCheckButton *check,
                   ZcMattersStep  *self)
{
  const char *code = g_object_get_data (G_OBJECT (check), "code");
  const char *group = g_object_get_data (G_OBJECT (check), "group");
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->reception == NULL)
    return;
  /* in a group, only the button turned on acts: the one turned off by
   * it is already left out by the reception */
  if (group != NULL && !active)
    return;
  if (code == NULL)
    {
      /* "none of these": every sub-matter of the group is left out */
      GListModel *matters = zc_catalogue_item_get_matters (zc_reception_get_item (self->reception));

      for (guint k = 0; k < g_list_model_get_n_items (matters); k++)
        {
          g_autoptr(ZcMatter) m = g_list_model_get_item (matters, k);

          if (g_strcmp0 (zc_matter_get_exclusive (m), group) == 0)
            zc_reception_set_matter_chosen (self->reception, zc_matter_get_code (m), FALSE, NULL);
        }
    }
  else if (!zc_reception_set_matter_chosen (self->reception, code, active, &error))
    zc_ui_toast_error (GTK_WIDGET (self), error);
  zc_matters_step_sync (self);
}

/* Tab from check box to check box, also within a group of one-of
 * buttons (GTK would let Tab visit only a group's active one, and the
 * list keeps the arrows): FALSE at either end, where Tab leaves the list */
static gboolean
tab_in_list (ZcMattersStep *self,
             gboolean       backward)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  guint index;

  if (focus == NULL || !g_ptr_array_find (self->checks, focus, &index))
    return FALSE;
  for (guint k = 1; k <= self->checks->len; k++)
    {
      int next = backward ? (int) index - (int) k : (int) (index + k);
      GtkWidget *check;

      if (next < 0 || next >= (int) self->checks->len)
        return FALSE;
      check = g_ptr_array_index (self->checks, next);
      if (gtk_widget_is_sensitive (check) && gtk_widget_get_mapped (check))
        return gtk_widget_grab_focus (check);
    }
  return FALSE;
}

/* The arrows within a choice of one, as in any radio group: the next
 * (or previous, round the group) button takes the focus and the choice;
 * FALSE outside a group, where the list keeps the arrows */
static gboolean
arrow_in_group (ZcMattersStep *self,
                gboolean       backward)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  const char *group;
  guint index, n = self->checks->len;

  if (focus == NULL || !g_ptr_array_find (self->checks, focus, &index) ||
      (group = g_object_get_data (G_OBJECT (focus), "group")) == NULL)
    return FALSE;
  for (guint k = 1; k < n; k++)
    {
      guint next = backward ? (index + n - k) % n : (index + k) % n;
      GtkWidget *check = g_ptr_array_index (self->checks, next);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "group"), group) != 0 ||
          !gtk_widget_is_sensitive (check) || !gtk_widget_get_mapped (check))
        continue;
      gtk_widget_grab_focus (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      return TRUE;
    }
  return TRUE;
}

/* Enter on a sub-matter moves on (Space toggles); Tab and the arrows as
 * above */
static gboolean
matters_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        ZcMattersStep         *self)
{
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    return tab_in_list (self, keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0);
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0)
    switch (keyval)
      {
      case GDK_KEY_Down: case GDK_KEY_KP_Down: case GDK_KEY_Right: case GDK_KEY_KP_Right:
        return arrow_in_group (self, FALSE);
      case GDK_KEY_Up: case GDK_KEY_KP_Up: case GDK_KEY_Left: case GDK_KEY_KP_Left:
        return arrow_in_group (self, TRUE);
      default:
        break;
      }
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  /* never a toggle, even when the next step is not open yet */
  gtk_widget_activate_action (GTK_WIDGET (self), "reception.next", NULL);
  return TRUE;
}

/* the row of an optional check box (@code NULL: a group's "none of these") */
static GtkWidget *
optional_row (ZcMattersStep  *self,
              GtkWidget      *row,
              const char     *code,
              const char     *group,
              const char     *name,
              GtkCheckButton *group_leader)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "code", g_strdup (code), g_free);
  g_object_set_data_full (G_OBJECT (check), "group", g_strdup (group), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (group_leader != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group_leader);
  g_signal_connect (check, "toggled", G_CALLBACK (matter_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* Tab goes from check box to check box, Space toggles */
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data (G_OBJECT (row), "control", check);
  g_ptr_array_add (self->checks, check);
  return check;
}

/* The sub-matters in catalogue order, the members of an exclusive group
 * together where the first stands; NULL after a group's last member
 * stands for its "none of these" row */
static void
unref_matter (gpointer matter)
{
  if (matter != NULL)
    g_object_unref (matter);
}

static GPtrArray *
rows_order (GListModel *matters)
{
  GPtrArray *order = g_ptr_array_new_with_free_func (unref_matter);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (matters);

  for (guint i = 0; i < n; i++)
    {
      ZcMatter *matter = g_list_model_get_item (matters, i);
      const char *group = zc_matter_get_exclusive (matter);

      if (group == NULL)
        {
          g_ptr_array_add (order, matter);
          continue;
        }
      g_object_unref (matter);
      if (!g_hash_table_add (placed, (gpointer) group))
        continue;
      for (guint k = i; k < n; k++)
        {
          ZcMatter *member = g_list_model_get_item (matters, k);

          if (g_strcmp0 (zc_matter_get_exclusive (member), group) == 0)
            g_ptr_array_add (order, member);
          else
            g_object_unref (member);
        }
      g_ptr_array_add (order, NULL);
    }
  return order;
}

static void
zc_matters_step_build (ZcMattersStep *self)
{
  g_autoptr(GPtrArray) order = NULL;
  GtkCheckButton *leader = NULL;
  const char *group = NULL;

  zc_ui_clear_list (self->matters_list);
  g_ptr_array_set_size (self->checks, 0);
  if (self->reception == NULL)
    return;

  order = rows_order (zc_catalogue_item_get_matters (zc_reception_get_item (self->reception)));
  for (guint i = 0; i < order->len; i++)
    {
      ZcMatter *matter = g_ptr_array_index (order, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (matter == NULL)
        {
          /* the group's "none of these" */
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None of the sub-matters above"));
          optional_row (self, row, NULL, group, _("None of the sub-matters above"), leader);
          gtk_list_box_append (self->matters_list, row);
          leader = NULL;
          continue;
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_matter_get_name (matter));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s · %u working day",
                                               "%s · %u working days",
                                               zc_matter_get_time_limit_days (matter)),
                                  zc_matter_get_department (matter),
                                  zc_matter_get_time_limit_days (matter));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!zc_matter_get_optional (matter))
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, zc_matter_get_name (matter), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          gtk_widget_set_sensitive (row, FALSE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_ui_make_pill (_("Mandatory"), NULL));
        }
      else if (zc_matter_get_exclusive (matter) != NULL)
        {
          GtkWidget *check;

          group = zc_matter_get_exclusive (matter);
          check = optional_row (self, row, zc_matter_get_code (matter), group, zc_matter_get_name (matter), leader);
          if (leader == NULL)
            leader = GTK_CHECK_BUTTON (check);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_ui_make_pill (_("One of"), NULL));
        }
      else
        {
          optional_row (self, row, zc_matter_get_code (matter), NULL, zc_matter_get_name (matter), NULL);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_ui_make_pill (_("Optional"), NULL));
        }
      gtk_list_box_append (self->matters_list, row);
    }
  zc_matters_step_sync (self);
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
  g_clear_pointer (&self->checks, g_ptr_array_unref);
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
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (matters_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->matters_list), keys);
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
