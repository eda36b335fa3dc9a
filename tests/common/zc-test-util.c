/* zc-test-util.c — what the tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "zc-test-util.h"

/* --- async results ----------------------------------------------------- */

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

GAsyncResult *
zc_test_await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* --- the main loop ----------------------------------------------------- */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

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

  /* at least one iteration, also for 0 ms */
  do
    g_main_context_iteration (NULL, TRUE);
  while (g_get_monotonic_time () < end);
  g_source_remove (wake);
}

/* --- files and ports --------------------------------------------------- */

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

guint
zc_test_pick_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 found;

  g_assert_no_error (error);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  found = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return found;
}
