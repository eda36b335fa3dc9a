/* test-session.c — ZcSession keeps the session token in the keyring
 * (libsecret; here its file backend, SECRET_BACKEND=file) and nowhere
 * else: stored when the client gets a token, removed at logout (after
 * DELETE /sessions/current carried it), absent from the local store's
 * files; logout stops the notification polling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "zc-session.h"
#include "zc-test-util.h"

#define TOKEN "tok-3f9a1c7e-secret"

static char *last_delete_auth;
static guint n_notification_polls;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/api/v1/sessions/current") && g_str_equal (method, "DELETE"))
    {
      g_free (last_delete_auth);
      last_delete_auth = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                 "Authorization"));
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }
  if (g_str_equal (path, "/api/v1/sessions/current/notifications"))
    n_notification_polls++;
  soup_server_message_set_status (msg, 404, NULL);
}

static gboolean
keyring_idle (gpointer data)
{
  return !zc_session_get_keyring_busy (data);
}

static char *
lookup (const char *url)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (zc_session_get_secret_schema (), NULL, &error,
                                              "platform", url, NULL);

  g_assert_no_error (error);
  return secret;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_token_in_keyring_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("zc-test-session-XXXXXX", &error);
  g_autofree char *store_path = g_build_filename (tmp, "store.db", NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(ZcSession) session = NULL;
  g_autofree char *url = NULL;
  g_autofree char *secret = NULL;
  GAsyncResult *result = NULL;
  ZcClient *client;
  GSList *uris;

  g_assert_no_error (error);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  store = zc_store_new (store_path, &error);
  g_assert_no_error (error);
  session = zc_session_new (url, store);
  client = zc_session_get_client (session);

  /* login: the token goes to the keyring */
  zc_client_set_token (client, TOKEN);
  zc_test_spin_until (keyring_idle, session, 10, "the token stored");
  secret = lookup (url);
  g_assert_cmpstr (secret, ==, TOKEN);
  g_clear_pointer (&secret, g_free);

  /* … and nowhere else on disk: not in the store's files */
  {
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp, name, NULL);

        g_assert_false (file_contains (path, TOKEN));
      }
  }
  /* the file keyring is encrypted */
  g_assert_false (file_contains (g_getenv ("SECRET_FILE_TEST_PATH"), TOKEN));

  /* logout: DELETE /sessions/current with the token, then gone from the keyring */
  zc_session_start (session);
  zc_client_logout_async (client, NULL, zc_test_store_result_cb, &result);
  g_assert_true (ZC_TEST_AWAIT_FINISH (result, zc_client_logout_finish (client, result, NULL)));
  zc_session_stop (session);
  g_assert_cmpstr (last_delete_auth, ==, "Bearer " TOKEN);
  g_assert_null (zc_client_get_token (client));
  zc_test_spin_until (keyring_idle, session, 10, "the token removed");
  secret = lookup (url);
  g_assert_null (secret);

  /* polling stopped: no poll after the logout */
  {
    guint polls = n_notification_polls;

    zc_test_spin_for (300);
    g_assert_cmpuint (n_notification_polls, ==, polls);
  }

  g_clear_object (&session);
  g_clear_object (&store);
  zc_test_remove_tree (tmp);
}

/* what the debug log gets instead of an error message quoting an id */
static void
test_log_mask (void)
{
  g_autofree char *a = zc_log_mask ("Applicant 11010519491231002X not found");
  g_autofree char *b = zc_log_mask ("HTTP 404 for case 42, 2 of 3");
  g_autofree char *c = zc_log_mask ("ids 110105194912310021,110105194912310048.");
  g_autofree char *d = zc_log_mask (NULL);

  g_assert_cmpstr (a, ==, "Applicant 1101**********002X not found");
  g_assert_cmpstr (b, ==, "HTTP 404 for case 42, 2 of 3");
  g_assert_cmpstr (c, ==, "ids 1101**********0021,1101**********0048.");
  g_assert_cmpstr (d, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = g_dir_make_tmp ("zc-test-keyring-XXXXXX", NULL);
  g_autofree char *keyring = g_build_filename (keyring_dir, "keyring", NULL);
  int ret;

  /* a keyring of this test only, before libsecret starts */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "zongchuang-test", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/token-in-keyring-only", test_token_in_keyring_only);
  g_test_add_func ("/session/log-mask", test_log_mask);
  ret = g_test_run ();
  zc_test_remove_tree (keyring_dir);
  g_free (last_delete_auth);
  return ret;
}
