/* zc-capture-dialog.c — taking one material in
 *
 * Three pages in a view switcher: 扫描 (SANE: device, resolution, colour,
 * document feeder), 拍照 (the document camera's live picture; GStreamer's
 * test picture, said on screen, when none is connected) and 导入 (the file
 * chooser; files dropped anywhere on the dialog land here too). On the
 * right the pages taken so far, in order, each with its delete button.
 * One operation at a time — a scan, an import, the PDF — shown in the
 * bar below with its progress and a stop button; all of them run on
 * workers (src/media), the main loop only shows what they report. The
 * camera runs only while its page is shown. The scanner's settings are
 * kept for the next material (GSettings scan-*). 完成 makes one PDF of the
 * pages (zc_material_pdf_build_async), emits "captured" and closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-acquire-error.h"
#include "zc-acquired-page.h"
#include "zc-camera.h"
#include "zc-material-import.h"
#include "zc-material-pdf.h"
#include "zc-scan-device.h"
#include "zc-scanner.h"

#include "zc-capture-dialog.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

struct _ZcCaptureDialog
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toasts;
  AdwViewStack    *stack;
  AdwComboRow     *device_row;
  AdwComboRow     *resolution_row;
  AdwComboRow     *mode_row;
  GtkSwitch       *feeder_switch;
  GtkWidget       *scan_button;
  GtkLabel        *camera_notice;
  GtkPicture      *camera_picture;
  GtkWidget       *photo_button;
  GtkWidget       *import_button;
  GtkLabel        *material_label;
  GtkLabel        *replace_label;
  GtkLabel        *pages_title;
  GtkStack        *pages_stack;
  GtkListBox      *pages_list;
  GtkActionBar    *progress_bar_box;
  GtkLabel        *progress_label;
  GtkWidget       *cancel_button;
  GtkWidget       *refresh_button;
  GtkProgressBar  *progress;

  /* owned */
  char            *material_name;
  GSettings       *settings;       /* NULL when the schema is not installed */
  ZcScanner       *scanner;
  GListStore      *devices;
  gboolean         listing;
  ZcCamera        *camera;
  GPtrArray       *pages;          /* ZcAcquiredPage, in order */
  GCancellable    *cancellable;    /* the dialog's: cancelled when it closes */
  GCancellable    *operation;      /* the running operation's, or NULL */
  GtkWidget       *operation_focus; /* (weak) had the focus when it began */
  GQueue           import_queue;   /* GFile still to import */
  char            *importing;      /* the name of the file being imported */
  GtkFileChooserNative *chooser;   /* while it is open */
  guint            pulse_id;
  gboolean         finished;       /* the PDF was given: close without asking */
  gboolean         discarding;     /* the clerk chose to drop the pages */
};

G_DEFINE_FINAL_TYPE (ZcCaptureDialog, zc_capture_dialog, ADW_TYPE_WINDOW)

enum {
  CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const int resolutions[] = { 150, 200, 300, 600 };
#define DEFAULT_RESOLUTION 2   /* 300 dpi */

static void zc_capture_dialog_import_next (ZcCaptureDialog *self);

static void
toast_error (ZcCaptureDialog *self,
             const GError    *error)
{
  g_autofree char *message = zc_ui_error_message (error);

  if (message != NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
zc_capture_dialog_actions_update (ZcCaptureDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean busy = self->operation != NULL;
  gboolean have_device = self->devices != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->devices)) > 0;

  gtk_widget_action_set_enabled (widget, "capture.scan", !busy && have_device);
  gtk_widget_action_set_enabled (widget, "capture.refresh-devices", !busy && !self->listing);
  gtk_widget_action_set_enabled (widget, "capture.photo",
                                 !busy && self->camera != NULL && zc_camera_get_frame (self->camera) != NULL);
  gtk_widget_action_set_enabled (widget, "capture.import", !busy);
  gtk_widget_action_set_enabled (widget, "capture.delete-page", !busy);
  gtk_widget_action_set_enabled (widget, "capture.done", !busy && self->pages->len > 0);
  gtk_widget_action_set_enabled (widget, "capture.stop", busy);
}

/* ---- pages ---- */

static GtkWidget *
page_row_new (ZcCaptureDialog *self,
              ZcAcquiredPage  *page,
              guint            index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (zc_acquired_page_get_texture (page)));
  GtkWidget *title, *detail, *remove, *frame;
  g_autofree char *title_text = g_strdup_printf (_("Page %u"), index + 1);
  g_autofree char *detail_text = NULL;
  g_autofree char *remove_label = NULL;

  /* Translators: the size of a page on paper, 210 × 297 mm */
  detail_text = g_strdup_printf (_("%.0f × %.0f mm"), zc_acquired_page_get_width (page) * 25.4 / 72,
                                 zc_acquired_page_get_height (page) * 25.4 / 72);
  if (zc_acquired_page_is_pdf (page))
    {
      g_autofree char *size = g_steal_pointer (&detail_text);

      /* Translators: page 2 of the imported PDF, then its size */
      detail_text = g_strdup_printf (_("PDF page %d · %s"), zc_acquired_page_get_index (page) + 1, size);
    }
  else if (zc_acquired_page_get_encoded (page) == NULL)
    {
      g_autofree char *size = g_steal_pointer (&detail_text);

      /* Translators: a scan's or a photo's resolution, then its size */
      detail_text = g_strdup_printf (_("%.0f dpi · %s"), zc_acquired_page_get_dpi (page), size);
    }

  gtk_widget_set_size_request (picture, 64, 84);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  /* framed: a white page on the white list would not show its edges */
  frame = gtk_frame_new (NULL);
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_box_append (GTK_BOX (box), frame);

  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  detail = gtk_label_new (detail_text);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  if (zc_acquired_page_get_source_name (page) != NULL)
    {
      /* the file it came from, on its own line: a long name keeps its
       * start and its extension */
      GtkWidget *source = gtk_label_new (zc_acquired_page_get_source_name (page));

      gtk_widget_set_name (source, "page-source");
      gtk_label_set_xalign (GTK_LABEL (source), 0);
      gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (source), 18);
      gtk_widget_set_tooltip_text (source, zc_acquired_page_get_source_name (page));
      gtk_widget_add_css_class (source, "caption");
      gtk_box_append (GTK_BOX (labels), source);
    }
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Delete Page"));
  /* Translators: the accessible name of the delete button of page 2 */
  remove_label = g_strdup_printf (_("Delete page %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, title_text, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "capture.delete-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", index);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
zc_capture_dialog_pages_changed (ZcCaptureDialog *self)
{
  g_autofree char *title = NULL;

  zc_ui_clear_list (self->pages_list);
  for (guint i = 0; i < self->pages->len; i++)
    gtk_list_box_append (self->pages_list, page_row_new (self, g_ptr_array_index (self->pages, i), i));
  gtk_stack_set_visible_child_name (self->pages_stack, self->pages->len > 0 ? "pages" : "empty");
  title = g_strdup_printf (ngettext ("%u page taken", "%u pages taken", self->pages->len), self->pages->len);
  gtk_label_set_label (self->pages_title, title);
  zc_capture_dialog_actions_update (self);
}

static void
add_page (ZcCaptureDialog *self,
          ZcAcquiredPage  *page)
{
  if (self->pages->len >= ZC_ACQUIRE_MAX_PAGES)
    {
      g_autoptr(GError) error = g_error_new (ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                                             _("A material may have at most %d pages."), ZC_ACQUIRE_MAX_PAGES);

      toast_error (self, error);
      return;
    }
  g_ptr_array_add (self->pages, g_object_ref (page));
  zc_capture_dialog_pages_changed (self);
}

/* ---- the running operation ---- */

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

/* PULSE: the operation cannot say how far it is */
static GCancellable *
operation_begin (ZcCaptureDialog *self,
                 const char      *what,
                 gboolean         pulse)
{
  g_return_val_if_fail (self->operation == NULL, NULL);

  self->operation = g_cancellable_new ();
  /* the button pressed goes insensitive: the focus comes back to it */
  g_set_weak_pointer (&self->operation_focus, gtk_root_get_focus (GTK_ROOT (self)));
  gtk_label_set_label (self->progress_label, what);
  gtk_progress_bar_set_fraction (self->progress, 0);
  if (pulse)
    self->pulse_id = g_timeout_add (120, pulse_cb, self->progress);
  gtk_action_bar_set_revealed (self->progress_bar_box, TRUE);
  zc_capture_dialog_actions_update (self);
  return self->operation;
}

/* Whether the focus may stay on @w: a live control of the dialog, not
 * 取消 (Enter there closes the dialog) nor the stop button going away */
static gboolean
focus_usable (ZcCaptureDialog *self,
              GtkWidget       *w)
{
  return w != NULL && w != GTK_WIDGET (self) && w != self->cancel_button &&
         !gtk_widget_is_ancestor (w, GTK_WIDGET (self->progress_bar_box)) &&
         gtk_widget_is_sensitive (w) && gtk_widget_get_mapped (w) &&
         gtk_widget_is_ancestor (w, GTK_WIDGET (self));
}

/* After an operation or a device listing: the focus stays where the
 * clerk goes on — @preferred, else the shown source's own button, the
 * pages — never falls to 取消 */
static void
focus_useful (ZcCaptureDialog *self,
              GtkWidget       *preferred)
{
  GtkWidget *candidates[] = {
    preferred, self->scan_button, self->photo_button, self->import_button,
    self->refresh_button, GTK_WIDGET (self->pages_list),
  };

  if (focus_usable (self, gtk_root_get_focus (GTK_ROOT (self))))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (focus_usable (self, candidates[i]) && gtk_widget_grab_focus (candidates[i]))
      return;
}

static void
operation_end (ZcCaptureDialog *self)
{
  g_clear_object (&self->operation);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_action_bar_set_revealed (self->progress_bar_box, FALSE);
  zc_capture_dialog_actions_update (self);
  focus_useful (self, self->operation_focus);
  g_clear_weak_pointer (&self->operation_focus);
}

/* ---- scanner ---- */

static void
devices_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ZcCaptureDialog) self = user_data;
  g_autoptr(GListModel) devices = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  devices = zc_scanner_list_devices_finish (ZC_SCANNER (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  /* still "listing" while the list is refilled: the saved scanner is
   * not overwritten by the first one of the list on the way */
  g_list_store_remove_all (self->devices);
  if (devices == NULL)
    toast_error (self, error);
  else
    for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
      {
        g_autoptr(GObject) device = g_list_model_get_item (devices, i);

        g_list_store_append (self->devices, device);
      }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  if (self->settings != NULL)
    {
      g_autofree char *wanted = g_settings_get_string (self->settings, "scan-device");

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZcScanDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

          if (g_strcmp0 (zc_scan_device_get_name (device), wanted) == 0)
            adw_combo_row_set_selected (self->device_row, i);
        }
    }
  self->listing = FALSE;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row),
                               n == 0 ? _("No scanner found: connect one, switch it on and refresh the list.") : "");
  zc_capture_dialog_actions_update (self);
  /* the list refilled: on to 扫描 (or 刷新列表 again when none was found) */
  focus_useful (self, n > 0 ? self->scan_button : self->refresh_button);
}

/* the clerk's choices, for the next material */
static void
scan_settings_changed_cb (ZcCaptureDialog *self)
{
  ZcScanDevice *device = adw_combo_row_get_selected_item (self->device_row);
  guint resolution = adw_combo_row_get_selected (self->resolution_row);

  if (self->settings == NULL || self->listing)
    return;
  if (device != NULL)
    g_settings_set_string (self->settings, "scan-device", zc_scan_device_get_name (device));
  if (resolution < G_N_ELEMENTS (resolutions))
    g_settings_set_uint (self->settings, "scan-resolution", resolutions[resolution]);
  g_settings_set_boolean (self->settings, "scan-color", adw_combo_row_get_selected (self->mode_row) == 0);
  g_settings_set_boolean (self->settings, "scan-feeder", gtk_switch_get_active (self->feeder_switch));
}

static void
scan_settings_load (ZcCaptureDialog *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  guint dpi, best = DEFAULT_RESOLUTION;

  if (schema == NULL || !g_settings_schema_has_key (schema, "scan-resolution"))
    return;
  self->settings = g_settings_new (APP_ID);
  dpi = g_settings_get_uint (self->settings, "scan-resolution");
  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    if (abs (resolutions[i] - (int) dpi) < abs (resolutions[best] - (int) dpi))
      best = i;
  adw_combo_row_set_selected (self->resolution_row, best);
  adw_combo_row_set_selected (self->mode_row, g_settings_get_boolean (self->settings, "scan-color") ? 0 : 1);
  gtk_switch_set_active (self->feeder_switch, g_settings_get_boolean (self->settings, "scan-feeder"));
}

static void
refresh_devices (ZcCaptureDialog *self)
{
  if (self->listing)
    return;
  self->listing = TRUE;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row), _("Looking for scanners…"));
  zc_scanner_list_devices_async (self->scanner, self->cancellable, devices_listed_cb, g_object_ref (self));
  zc_capture_dialog_actions_update (self);
}

static void
page_scanned_cb (ZcScanner       *scanner,
                 ZcAcquiredPage  *page,
                 ZcCaptureDialog *self)
{
  add_page (self, page);
}

static void
scan_progress_cb (ZcScanner       *scanner,
                  guint            number,
                  double           fraction,
                  ZcCaptureDialog *self)
{
  g_autofree char *what = NULL;

  if (self->operation == NULL)
    return;
  what = g_strdup_printf (_("Scanning page %u…"), number);
  gtk_label_set_label (self->progress_label, what);
  gtk_progress_bar_set_fraction (self->progress, fraction);
}

static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZcCaptureDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  zc_scanner_scan_finish (ZC_SCANNER (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  operation_end (self);
  if (error != NULL)
    toast_error (self, error);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (widget);
  ZcScanDevice *device = adw_combo_row_get_selected_item (self->device_row);
  guint resolution = adw_combo_row_get_selected (self->resolution_row);
  g_autofree char *what = NULL;

  if (device == NULL || self->operation != NULL)
    return;
  what = g_strdup_printf (_("Scanning page %u…"), 1u);
  operation_begin (self, what, FALSE);
  zc_scanner_scan_async (self->scanner, zc_scan_device_get_name (device),
                         resolutions[MIN (resolution, G_N_ELEMENTS (resolutions) - 1)],
                         adw_combo_row_get_selected (self->mode_row) == 0,
                         gtk_switch_get_active (self->feeder_switch),
                         ZC_ACQUIRE_MAX_PAGES - MIN (self->pages->len, ZC_ACQUIRE_MAX_PAGES - 1),
                         self->operation, scanned_cb, g_object_ref (self));
}

static void
refresh_devices_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  refresh_devices (ZC_CAPTURE_DIALOG (widget));
}

/* ---- camera ---- */

static void
camera_frame_cb (ZcCamera        *camera,
                 GParamSpec      *pspec,
                 ZcCaptureDialog *self)
{
  gboolean had = gtk_picture_get_paintable (self->camera_picture) != NULL;

  gtk_picture_set_paintable (self->camera_picture, GDK_PAINTABLE (zc_camera_get_frame (camera)));
  if (!had)
    zc_capture_dialog_actions_update (self);
}

static void
camera_failed_cb (ZcCamera        *camera,
                  const GError    *error,
                  ZcCaptureDialog *self)
{
  gtk_label_set_label (self->camera_notice, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->camera_notice), TRUE);
  gtk_picture_set_paintable (self->camera_picture, NULL);
  zc_capture_dialog_actions_update (self);
}

static void
camera_start (ZcCaptureDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->camera == NULL)
    {
      self->camera = zc_camera_new (NULL);
      g_signal_connect (self->camera, "notify::frame", G_CALLBACK (camera_frame_cb), self);
      g_signal_connect (self->camera, "failed", G_CALLBACK (camera_failed_cb), self);
    }
  if (!zc_camera_start (self->camera, &error))
    {
      gtk_label_set_label (self->camera_notice, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->camera_notice), TRUE);
      return;
    }
  gtk_label_set_label (self->camera_notice,
                       _("No document camera is connected: this is a test picture. Connect the camera and open this page again."));
  gtk_widget_set_visible (GTK_WIDGET (self->camera_notice), zc_camera_is_test_source (self->camera));
}

static void
camera_stop (ZcCaptureDialog *self)
{
  if (self->camera == NULL)
    return;
  zc_camera_stop (self->camera);
  gtk_picture_set_paintable (self->camera_picture, NULL);
  g_signal_handlers_disconnect_by_data (self->camera, self);
  g_clear_object (&self->camera);
  zc_capture_dialog_actions_update (self);
}

static void
photo_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (widget);
  g_autoptr(ZcAcquiredPage) page = NULL;
  g_autoptr(GError) error = NULL;

  if (self->camera == NULL)
    return;
  page = zc_camera_capture (self->camera, &error);
  if (page == NULL)
    toast_error (self, error);
  else
    add_page (self, page);
}

static void
visible_page_cb (AdwViewStack    *stack,
                 GParamSpec      *pspec,
                 ZcCaptureDialog *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "camera") == 0)
    camera_start (self);
  else
    camera_stop (self);
}

/* ---- import ---- */

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcCaptureDialog) self = user_data;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;

  pages = zc_material_import_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (pages == NULL)
    toast_error (self, error);
  else
    for (guint i = 0; i < pages->len; i++)
      {
        /* the row says which file each page came from */
        zc_acquired_page_set_source_name (g_ptr_array_index (pages, i), self->importing);
        add_page (self, g_ptr_array_index (pages, i));
      }
  operation_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_queue_clear_full (&self->import_queue, g_object_unref);
  zc_capture_dialog_import_next (self);
}

static void
zc_capture_dialog_import_next (ZcCaptureDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;

  if (self->operation != NULL || g_queue_is_empty (&self->import_queue))
    return;
  file = g_queue_pop_head (&self->import_queue);
  name = g_file_get_basename (file);
  g_free (self->importing);
  self->importing = g_filename_display_name (name);
  what = g_strdup_printf (_("Importing “%s”…"), self->importing);
  operation_begin (self, what, TRUE);
  zc_material_import_async (file, self->operation, imported_cb, g_object_ref (self));
}

void
zc_capture_dialog_import (ZcCaptureDialog *self,
                          GSList          *files)
{
  g_return_if_fail (ZC_IS_CAPTURE_DIALOG (self));

  for (GSList *l = files; l != NULL; l = l->next)
    g_queue_push_tail (&self->import_queue, g_object_ref (l->data));
  zc_capture_dialog_import_next (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ZcCaptureDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      zc_capture_dialog_import (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (self->chooser != NULL)
    return;
  filter = gtk_file_filter_new ();
  self->chooser = chooser = gtk_file_chooser_native_new (_("Import Material"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF, JPEG and PNG"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         ZcCaptureDialog *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  zc_capture_dialog_import (self, files);
  g_slist_free (files);
  return TRUE;
}

/* ---- delete, stop, done ---- */

static void
delete_page_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->pages->len || self->operation != NULL)
    return;
  g_ptr_array_remove_index (self->pages, index);
  zc_capture_dialog_pages_changed (self);
  /* the focus goes to the next page's delete button, else the last one's */
  if (self->pages->len > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->pages_list, MIN (index, self->pages->len - 1));
      GtkWidget *box = gtk_list_box_row_get_child (row);

      gtk_widget_grab_focus (gtk_widget_get_last_child (box));
    }
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (widget);

  g_queue_clear_full (&self->import_queue, g_object_unref);
  if (self->operation != NULL)
    g_cancellable_cancel (self->operation);
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZcCaptureDialog) self = user_data;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  pdf = zc_material_pdf_build_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  operation_end (self);
  if (pdf == NULL)
    {
      toast_error (self, error);
      return;
    }
  self->finished = TRUE;
  g_signal_emit (self, signals[CAPTURED], 0, pdf, self->pages->len);
  gtk_window_close (GTK_WINDOW (self));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (widget);

  if (self->pages->len == 0 || self->operation != NULL)
    return;
  camera_stop (self);
  operation_begin (self, _("Making the PDF of the material…"), TRUE);
  zc_material_pdf_build_async (self->pages, self->operation, built_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ZcCaptureDialog  *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
zc_capture_dialog_close_request (GtkWindow *window)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (window);

  /* pages taken and not kept: a slip of Esc must not lose a scan */
  if (self->pages->len > 0 && !self->finished && !self->discarding)
    {
      GtkWidget *ask;
      g_autofree char *body = NULL;

      body = g_strdup_printf (ngettext ("The %u page of “%s” taken so far will be lost.",
                                        "The %u pages of “%s” taken so far will be lost.", self->pages->len),
                              self->pages->len, self->material_name);
      ask = adw_message_dialog_new (window, _("Discard the Pages?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask),
                                        "keep", _("_Keep Taking"),
                                        "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "keep");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "keep");
      g_signal_connect_object (ask, "response", G_CALLBACK (discard_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (ask));
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);
  if (self->operation != NULL)
    g_cancellable_cancel (self->operation);
  camera_stop (self);
  return GTK_WINDOW_CLASS (zc_capture_dialog_parent_class)->close_request (window);
}

static void
zc_capture_dialog_dispose (GObject *object)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  camera_stop (self);
  if (self->scanner != NULL)
    g_signal_handlers_disconnect_by_data (self->scanner, self);
  g_clear_object (&self->scanner);
  g_clear_object (&self->devices);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->operation);
  g_clear_weak_pointer (&self->operation_focus);
  g_queue_clear_full (&self->import_queue, g_object_unref);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_CAPTURE_DIALOG);

  G_OBJECT_CLASS (zc_capture_dialog_parent_class)->dispose (object);
}

static void
zc_capture_dialog_finalize (GObject *object)
{
  ZcCaptureDialog *self = ZC_CAPTURE_DIALOG (object);

  g_free (self->material_name);
  g_free (self->importing);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (zc_capture_dialog_parent_class)->finalize (object);
}

static void
zc_capture_dialog_class_init (ZcCaptureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->dispose = zc_capture_dialog_dispose;
  object_class->finalize = zc_capture_dialog_finalize;
  window_class->close_request = zc_capture_dialog_close_request;

  signals[CAPTURED] =
    g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BYTES, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-capture-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, device_row);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, feeder_switch);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, scan_button);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, camera_notice);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, camera_picture);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, photo_button);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, material_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, replace_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, pages_title);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, pages_list);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, progress_bar_box);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCaptureDialog, progress);

  gtk_widget_class_install_action (widget_class, "capture.scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "capture.refresh-devices", NULL, refresh_devices_action);
  gtk_widget_class_install_action (widget_class, "capture.photo", NULL, photo_action);
  gtk_widget_class_install_action (widget_class, "capture.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "capture.delete-page", "u", delete_page_action);
  gtk_widget_class_install_action (widget_class, "capture.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "capture.done", NULL, done_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zc_capture_dialog_init (ZcCaptureDialog *self)
{
  g_autoptr(GtkStringList) resolution_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) mode_labels = gtk_string_list_new (NULL);
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->import_queue);

  self->scanner = zc_scanner_new ();
  g_signal_connect (self->scanner, "page-scanned", G_CALLBACK (page_scanned_cb), self);
  g_signal_connect (self->scanner, "progress", G_CALLBACK (scan_progress_cb), self);
  self->devices = g_list_store_new (ZC_TYPE_SCAN_DEVICE);
  adw_combo_row_set_expression (self->device_row,
                                gtk_property_expression_new (ZC_TYPE_SCAN_DEVICE, NULL, "label"));
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (self->devices));

  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    {
      /* Translators: a scanning resolution, 300 dpi */
      g_autofree char *label = g_strdup_printf (_("%d dpi"), resolutions[i]);

      gtk_string_list_append (resolution_labels, label);
    }
  adw_combo_row_set_model (self->resolution_row, G_LIST_MODEL (resolution_labels));
  adw_combo_row_set_selected (self->resolution_row, DEFAULT_RESOLUTION);
  gtk_string_list_append (mode_labels, _("Colour"));
  gtk_string_list_append (mode_labels, _("Greyscale"));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (mode_labels));
  scan_settings_load (self);
  g_signal_connect_swapped (self->device_row, "notify::selected", G_CALLBACK (scan_settings_changed_cb), self);
  g_signal_connect_swapped (self->resolution_row, "notify::selected", G_CALLBACK (scan_settings_changed_cb), self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (scan_settings_changed_cb), self);
  g_signal_connect_swapped (self->feeder_switch, "notify::active", G_CALLBACK (scan_settings_changed_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self->stack, "notify::visible-child-name", G_CALLBACK (visible_page_cb), self);
  zc_capture_dialog_pages_changed (self);
  refresh_devices (self);
}

ZcCaptureDialog *
zc_capture_dialog_new (GtkWindow       *parent,
                       const char      *material_name,
                       ZcCaptureSource  source)
{
  static const char *pages[] = { "scan", "camera", "import" };
  ZcCaptureDialog *self;
  g_autofree char *title = NULL;

  self = g_object_new (ZC_TYPE_CAPTURE_DIALOG, "transient-for", parent, NULL);
  self->material_name = g_strdup (material_name);
  /* Translators: the dialog's title, 收取材料：营业执照 */
  title = g_strdup_printf (_("Take In: %s"), material_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->material_label, material_name);
  adw_view_stack_set_visible_child_name (self->stack, pages[MIN ((guint) source, G_N_ELEMENTS (pages) - 1)]);
  switch (source)
    {
    case ZC_CAPTURE_CAMERA:
      gtk_window_set_focus (GTK_WINDOW (self), self->photo_button);
      break;
    case ZC_CAPTURE_IMPORT:
      gtk_window_set_focus (GTK_WINDOW (self), self->import_button);
      break;
    case ZC_CAPTURE_SCAN:
    default:
      gtk_window_set_focus (GTK_WINDOW (self), self->scan_button);
      break;
    }
  return self;
}

/**
 * zc_capture_dialog_set_kept_pages:
 *
 * The material has @n_kept pages kept already: the dialog says that
 * 完成 replaces them (0: nothing kept, nothing said).
 */
void
zc_capture_dialog_set_kept_pages (ZcCaptureDialog *self,
                                  guint            n_kept)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ZC_IS_CAPTURE_DIALOG (self));

  if (n_kept > 0)
    text = g_strdup_printf (ngettext ("%u page is kept already: Done replaces it with the pages taken here.",
                                      "%u pages are kept already: Done replaces them with the pages taken here.",
                                      n_kept), n_kept);
  gtk_label_set_label (self->replace_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->replace_label), text != NULL);
}

guint
zc_capture_dialog_get_n_pages (ZcCaptureDialog *self)
{
  g_return_val_if_fail (ZC_IS_CAPTURE_DIALOG (self), 0);
  return self->pages->len;
}
