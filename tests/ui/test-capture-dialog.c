/* test-capture-dialog.c — the capture dialog of a material, under Xvfb:
 * scanning with SANE's `test` backend (the document feeder's ten sheets,
 * one deleted), a photo of GStreamer's test picture, importing a PNG and
 * a PDF, a drop of a file list, a refused file; each ends as one PDF that
 * poppler opens with the pages taken. And the material step: a captured
 * material says its pages, is 已收取, and its PDF is on the reception page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <poppler.h>

#include "zc-acquire-test-util.h"
#include "zc-capture-dialog.h"
#include "zc-test-util.h"

static char *tmp_dir;

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_actionable (w, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *part)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), part) != NULL)
    return root;
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_label (w, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  ZcCaptureDialog *dialog;
  const char      *action;
} ActionWait;

static gboolean
action_enabled (gpointer data)
{
  ActionWait *wait = data;
  GtkWidget *button = find_actionable (GTK_WIDGET (wait->dialog), wait->action);

  return button != NULL && gtk_widget_get_sensitive (button);
}

static void
await_action (ZcCaptureDialog *dialog,
              const char      *action)
{
  ActionWait wait = { dialog, action };

  g_assert_true (zc_test_spin_until (action_enabled, &wait, 60, action));
}

typedef struct {
  GBytes *pdf;
  guint   n_pages;
} Captured;

static void
captured_cb (ZcCaptureDialog *dialog,
             GBytes          *pdf,
             guint            n_pages,
             Captured        *captured)
{
  g_assert_null (captured->pdf);
  captured->pdf = g_bytes_ref (pdf);
  captured->n_pages = n_pages;
}

static gboolean
have_pdf (gpointer data)
{
  return ((Captured *) data)->pdf != NULL;
}

static ZcCaptureDialog *
open_dialog (ZcCaptureSource  source,
             Captured        *captured)
{
  ZcCaptureDialog *dialog = zc_capture_dialog_new (NULL, "营业执照", source);

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "captured", G_CALLBACK (captured_cb), captured);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* 完成: one PDF of N_PAGES, and the dialog closes */
static void
finish (ZcCaptureDialog *dialog,
        Captured        *captured,
        guint            n_pages)
{
  await_action (dialog, "capture.done");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.done", NULL));
  g_assert_true (zc_test_spin_until (have_pdf, captured, 60, "the material's PDF"));
  g_assert_cmpuint (captured->n_pages, ==, n_pages);
  g_assert_cmpint (zc_acquire_test_pdf_pages (captured->pdf), ==, n_pages);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_clear_pointer (&captured->pdf, g_bytes_unref);
}

static void
test_scan (void)
{
  Captured captured = { 0 };
  g_autoptr(ZcCaptureDialog) dialog = open_dialog (ZC_CAPTURE_SCAN, &captured);
  GtkWidget *feeder;

  /* nothing to finish yet */
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (dialog), "capture.done")));
  await_action (dialog, "capture.scan");

  /* one sheet from the glass */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.scan", NULL));
  await_action (dialog, "capture.scan");
  g_assert_cmpuint (zc_capture_dialog_get_n_pages (dialog), ==, 1);

  /* the feeder: its ten sheets after the first page */
  feeder = find_label (GTK_WIDGET (dialog), "Feeder");
  g_assert_nonnull (feeder);
  for (GtkWidget *w = feeder; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_ACTION_ROW (w))
      {
        gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (w))), TRUE);
        break;
      }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.scan", NULL));
  /* busy: one operation at a time */
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (dialog), "capture.done")));
  await_action (dialog, "capture.scan");
  g_assert_cmpuint (zc_capture_dialog_get_n_pages (dialog), ==, 11);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "11 pages taken"));

  /* a page is deleted */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.delete-page", "u", 3));
  g_assert_cmpuint (zc_capture_dialog_get_n_pages (dialog), ==, 10);
  finish (dialog, &captured, 10);
}

static void
test_camera (void)
{
  Captured captured = { 0 };
  g_autoptr(ZcCaptureDialog) dialog = NULL;
  GtkWidget *notice;

  g_setenv ("ZC_CAMERA_DEVICE", "test", TRUE);
  dialog = open_dialog (ZC_CAPTURE_CAMERA, &captured);
  await_action (dialog, "capture.photo");
  /* the clerk is told the picture is not a camera's */
  notice = find_label (GTK_WIDGET (dialog), "test picture");
  g_assert_nonnull (notice);
  g_assert_true (gtk_widget_get_visible (notice));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.photo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.photo", NULL));
  g_assert_cmpuint (zc_capture_dialog_get_n_pages (dialog), ==, 2);
  finish (dialog, &captured, 2);
}

static gboolean
n_pages_is (gpointer data)
{
  ZcCaptureDialog *dialog = ((gpointer *) data)[0];

  return zc_capture_dialog_get_n_pages (dialog) == GPOINTER_TO_UINT (((gpointer *) data)[1]) &&
         action_enabled (&(ActionWait) { dialog, "capture.import" });
}

static void
await_pages (ZcCaptureDialog *dialog,
             guint            n)
{
  gpointer data[2] = { dialog, GUINT_TO_POINTER (n) };

  g_assert_true (zc_test_spin_until (n_pages_is, data, 60, "the imported pages"));
}

static void
test_import (void)
{
  Captured captured = { 0 };
  g_autoptr(ZcCaptureDialog) dialog = open_dialog (ZC_CAPTURE_IMPORT, &captured);
  g_autoptr(GBytes) png = zc_acquire_test_png (1240, 1754);
  g_autoptr(GBytes) pdf = zc_acquire_test_pdf (2);
  g_autoptr(GBytes) text = g_bytes_new_static ("not a picture", 13);
  GSList *files = NULL;

  files = g_slist_append (files, zc_acquire_test_write (tmp_dir, "licence.png", png));
  files = g_slist_append (files, zc_acquire_test_write (tmp_dir, "notes.txt", text));
  files = g_slist_append (files, zc_acquire_test_write (tmp_dir, "licence.pdf", pdf));
  zc_capture_dialog_import (dialog, files);
  g_slist_free_full (files, g_object_unref);
  /* the text file is refused, the others are taken in order */
  await_pages (dialog, 3);
  finish (dialog, &captured, 3);
}

static void
test_drop (void)
{
  Captured captured = { 0 };
  g_autoptr(ZcCaptureDialog) dialog = open_dialog (ZC_CAPTURE_SCAN, &captured);
  g_autoptr(GBytes) png = zc_acquire_test_png (600, 800);
  g_autoptr(GBytes) jpeg = zc_acquire_test_jpeg (800, 600);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));
  GtkDropTarget *target = NULL;
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST, gtk_drop_target_get_gtypes (target, NULL)[0]));

  files = g_slist_append (files, zc_acquire_test_write (tmp_dir, "page-1.png", png));
  files = g_slist_append (files, zc_acquire_test_write (tmp_dir, "page-2.jpg", jpeg));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
  g_assert_true (handled);
  await_pages (dialog, 2);
  finish (dialog, &captured, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("zc-capture-XXXXXX", &error);
  g_assert_no_error (error);
  /* before any SANE call: the dialog lists the scanners when it opens */
  zc_acquire_test_setup_sane (tmp_dir, NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/capture/scan", test_scan);
  g_test_add_func ("/capture/camera", test_camera);
  g_test_add_func ("/capture/import", test_import);
  g_test_add_func ("/capture/drop", test_drop);

  status = g_test_run ();
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
