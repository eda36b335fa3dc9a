/* zc-camera-chooser.c — 摄像头: the cameras and the test picture
 *
 * The drop-down's strings are rebuilt from the monitor whenever it
 * changes; the selection follows the "camera" setting (a device path, or
 * "test"; "" and a camera no longer there select the first camera).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-camera-chooser.h"

struct _ZcCameraChooser
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget *title;
  GtkDropDown *dropdown;
  GtkLabel *note;

  /* owned */
  ZcCameraMonitor *monitor;
  GSettings *settings;
  GtkStringList *names;
  GPtrArray *choices;          /* the setting's value of each entry */
  gboolean rebuilding;
};

G_DEFINE_FINAL_TYPE (ZcCameraChooser, zc_camera_chooser, GTK_TYPE_WIDGET)

static void
rebuild (ZcCameraChooser *self)
{
  g_autofree char *wanted = g_settings_get_string (self->settings, "camera");
  const char *resolved = zc_camera_monitor_resolve (self->monitor, wanted);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->monitor));
  guint selected = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  self->rebuilding = TRUE;
  g_ptr_array_set_size (self->choices, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GstDevice) device = g_list_model_get_item (G_LIST_MODEL (self->monitor), i);
      const char *path = zc_camera_monitor_device_path (device);
      g_autofree char *name = gst_device_get_display_name (device);

      if (g_strcmp0 (path, resolved) == 0)
        selected = i;
      g_ptr_array_add (names, g_strdup_printf ("%s (%s)", name, path));
      g_ptr_array_add (self->choices, g_strdup (path));
    }
  g_ptr_array_add (names, g_strdup (_("Test picture (no camera)")));
  g_ptr_array_add (self->choices, g_strdup (ZC_CAMERA_CHOICE_TEST));
  if (resolved == NULL)
    selected = n;
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->dropdown, selected);
  self->rebuilding = FALSE;

  if (!zc_camera_monitor_get_ready (self->monitor))
    gtk_label_set_label (self->note, _("Looking for cameras…"));
  else if (n == 0)
    gtk_label_set_label (self->note, _("No camera found: calls send a test picture and a test tone."));
  else
    gtk_label_set_label (self->note, "");
  gtk_widget_set_visible (GTK_WIDGET (self->note), *gtk_label_get_label (self->note) != '\0');
}

static void
on_selected (ZcCameraChooser *self)
{
  guint i = gtk_drop_down_get_selected (self->dropdown);
  g_autofree char *now = NULL;

  if (self->rebuilding || i >= self->choices->len)
    return;
  now = g_settings_get_string (self->settings, "camera");
  if (g_strcmp0 (now, g_ptr_array_index (self->choices, i)) != 0)
    g_settings_set_string (self->settings, "camera", g_ptr_array_index (self->choices, i));
}

ZcCameraMonitor *
zc_camera_chooser_get_monitor (ZcCameraChooser *self)
{
  g_return_val_if_fail (ZC_IS_CAMERA_CHOOSER (self), NULL);
  return self->monitor;
}

GListModel *
zc_camera_chooser_get_choices (ZcCameraChooser *self)
{
  g_return_val_if_fail (ZC_IS_CAMERA_CHOOSER (self), NULL);
  return G_LIST_MODEL (self->names);
}

const char *
zc_camera_chooser_get_note (ZcCameraChooser *self)
{
  g_return_val_if_fail (ZC_IS_CAMERA_CHOOSER (self), NULL);
  return gtk_label_get_label (self->note);
}

GtkWidget *
zc_camera_chooser_new (void)
{
  return g_object_new (ZC_TYPE_CAMERA_CHOOSER, NULL);
}

static void
zc_camera_chooser_dispose (GObject *object)
{
  ZcCameraChooser *self = ZC_CAMERA_CHOOSER (object);

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->names);
  G_OBJECT_CLASS (zc_camera_chooser_parent_class)->dispose (object);
}

static void
zc_camera_chooser_finalize (GObject *object)
{
  ZcCameraChooser *self = ZC_CAMERA_CHOOSER (object);

  g_ptr_array_unref (self->choices);
  G_OBJECT_CLASS (zc_camera_chooser_parent_class)->finalize (object);
}

static void
zc_camera_chooser_class_init (ZcCameraChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_camera_chooser_dispose;
  object_class->finalize = zc_camera_chooser_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
zc_camera_chooser_init (ZcCameraChooser *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->choices = g_ptr_array_new_with_free_func (g_free);
  self->names = gtk_string_list_new (NULL);
  self->settings = g_settings_new (APP_ID);
  self->monitor = zc_camera_monitor_new ();

  /* three children: built here rather than in a template */
  self->title = gtk_label_new_with_mnemonic (_("C_amera for calls"));
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->names)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->title), GTK_WIDGET (self->dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Camera for calls"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->dropdown), GTK_WIDGET (self));

  self->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->note, TRUE);
  gtk_label_set_xalign (self->note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "dim-label");
  gtk_widget_set_parent (GTK_WIDGET (self->note), GTK_WIDGET (self));

  g_signal_connect_swapped (self->monitor, "items-changed", G_CALLBACK (rebuild), self);
  g_signal_connect_swapped (self->monitor, "notify::ready", G_CALLBACK (rebuild), self);
  g_signal_connect_swapped (self->settings, "changed::camera", G_CALLBACK (rebuild), self);
  g_signal_connect_swapped (self->dropdown, "notify::selected", G_CALLBACK (on_selected), self);
  rebuild (self);
}
