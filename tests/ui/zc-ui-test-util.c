/* zc-ui-test-util.c — helpers shared by the UI tests (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "zc-ui-test-util.h"

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds or @seconds pass; says what was
 * awaited when it times out */
gboolean
zc_test_spin_until (ZcTestCondition cond,
                    gpointer        data,
                    guint           seconds,
                    const char     *what)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);
  if (!ok)
    {
      /* (a program run without g_test_init keeps its stdout to itself) */
      if (g_test_initialized ())
        g_test_message ("timed out waiting for: %s", what);
      else
        g_printerr ("# timed out waiting for: %s\n", what);
    }
  return ok;
}

void
zc_test_spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

gpointer
zc_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return obj;
}

GtkWidget *
zc_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = zc_test_find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
zc_test_find_type (GtkWidget *widget,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = zc_test_find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Enter in an entry (or an entry row): GtkText binds Return to its
 * "activate" signal, which is what is emitted here */
void
zc_test_press_enter (GtkWidget *widget)
{
  GtkWidget *text = GTK_IS_TEXT (widget) ? widget : zc_test_find_type (widget, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  gtk_widget_grab_focus (text);
  g_signal_emit_by_name (text, "activate");
}

void
zc_test_type_text (GtkWidget  *widget,
                   const char *text)
{
  gtk_widget_grab_focus (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), "");
  gtk_editable_insert_text (GTK_EDITABLE (widget), text, -1, &(int) { 0 });
}

/* keeps the result in the GAsyncResult * that @user_data points to */
void
zc_test_store_result_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
zc_test_have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

gboolean
zc_test_has_licence (ZcApplicant *applicant,
                     const char  *type)
{
  GListModel *licences = zc_applicant_get_licences (applicant);

  for (guint i = 0; licences != NULL && i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(ZcLicence) l = g_list_model_get_item (licences, i);

      if (g_strcmp0 (zc_licence_get_licence_type (l), type) == 0 && !zc_licence_get_revoked (l))
        return TRUE;
    }
  return FALSE;
}

ZcApplicant *
zc_test_fetch_applicant (ZcClient   *client,
                         const char *key,
                         guint       seconds)
{
  g_autoptr(GAsyncResult) result = NULL;

  zc_client_get_applicant_async (client, key, NULL, zc_test_store_result_cb, &result);
  g_assert_true (zc_test_spin_until (zc_test_have_result, &result, seconds, "applicant"));
  return zc_client_get_applicant_finish (client, result, NULL);
}

void
zc_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *sub = g_build_filename (path, name, NULL);

        if (g_file_test (sub, G_FILE_TEST_IS_DIR) && !g_file_test (sub, G_FILE_TEST_IS_SYMLINK))
          zc_test_remove_tree (sub);
        else
          g_unlink (sub);
      }
  g_rmdir (path);
}
