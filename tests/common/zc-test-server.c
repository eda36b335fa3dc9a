/* zc-test-server.c — an in-process zc-platform for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-test-server.h"

ZcServer *
zc_test_server_start (const char *db_path,
                      gboolean    demo,
                      const char *data_dir,
                      guint       port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcServer) server = zc_server_new (db_path, demo, data_dir, &error);

  g_assert_no_error (error);
  zc_server_listen (server, "127.0.0.1", port, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (zc_server_get_url (server), "http://127.0.0.1:"));
  return g_steal_pointer (&server);
}
