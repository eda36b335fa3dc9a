/* test-tls.c — transport security of ZcClient: plain http only to this
 * computer (refused before any network I/O otherwise), certificates
 * always verified, a custom CA bundle (the "ca-file" setting) trusted.
 *
 * The TLS platform is a SoupServer on loopback serving a self-signed
 * certificate for 127.0.0.1 (tests/platform/tls-test-{cert,key}.pem,
 * valid until 2100, made with openssl req -x509 … CA:TRUE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "zc-client.h"
#include "zc-test-util.h"

#define CERT_FILE TEST_DATA_DIR "/tls-test-cert.pem"
#define KEY_FILE  TEST_DATA_DIR "/tls-test-key.pem"

static guint n_requests;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  static const char body[] = "{\"status\":\"ok\"}";

  n_requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

/* A server on 127.0.0.1 (TLS when @tls); its base URL */
static char *
start_server (SoupServer **out,
              gboolean     tls)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;
  char *url;

  if (tls)
    {
      g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_files (CERT_FILE, KEY_FILE, &error);

      g_assert_no_error (error);
      soup_server_set_tls_certificate (server, cert);
    }
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  url = g_strdup_printf ("%s://127.0.0.1:%d", tls ? "https" : "http", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  *out = server;
  return url;
}

static gboolean
health (ZcClient  *client,
        GError   **error)
{
  GAsyncResult *result = NULL;

  zc_client_health_async (client, NULL, zc_test_store_result_cb, &result);
  return ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (client, result, error));
}

static void
test_loopback_hosts (void)
{
  g_assert_true (zc_client_host_is_loopback ("127.0.0.1"));
  g_assert_true (zc_client_host_is_loopback ("127.3.4.5"));
  g_assert_true (zc_client_host_is_loopback ("::1"));
  g_assert_true (zc_client_host_is_loopback ("[::1]"));
  g_assert_true (zc_client_host_is_loopback ("localhost"));
  g_assert_true (zc_client_host_is_loopback ("LocalHost"));
  g_assert_false (zc_client_host_is_loopback ("192.0.2.1"));
  g_assert_false (zc_client_host_is_loopback ("128.0.0.1"));
  g_assert_false (zc_client_host_is_loopback ("localhost.example.org"));
  g_assert_false (zc_client_host_is_loopback ("127.0.0.1.example.org"));
  g_assert_false (zc_client_host_is_loopback ("::2"));
  g_assert_false (zc_client_host_is_loopback (""));
  g_assert_false (zc_client_host_is_loopback (NULL));
}

/* http:// to a TEST-NET address: refused before any I/O. The answer is
 * INSECURE (which only the refusal gives for http) and comes at once:
 * a connection to 192.0.2.1 could not even fail that fast as INSECURE. */
static void
test_http_remote_refused (void)
{
  g_autoptr(ZcClient) client = zc_client_new ("http://192.0.2.1:8080");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (zc_client_get_refusal (client));
  g_assert_nonnull (strstr (zc_client_get_refusal (client), "http://192.0.2.1:8080"));

  zc_client_login_async (client, "clerk", "pw", NULL, zc_test_store_result_cb, &result);
  /* the task is already complete: a few non-blocking iterations deliver it */
  for (guint i = 0; i < 5 && result == NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (result);
  g_assert_null (zc_client_login_finish (client, result, &error));
  g_clear_object (&result);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_null (zc_client_get_token (client));
}

static void
test_http_loopback_accepted (void)
{
  SoupServer *server = NULL;
  g_autofree char *url = start_server (&server, FALSE);
  g_autoptr(ZcClient) client = zc_client_new (url);
  g_autoptr(GError) error = NULL;

  g_assert_null (zc_client_get_refusal (client));
  n_requests = 0;
  g_assert_true (health (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_requests, ==, 1);
  g_object_unref (server);
}

static void
test_https_self_signed (void)
{
  SoupServer *server = NULL;
  g_autofree char *url = start_server (&server, TRUE);
  g_autoptr(GError) error = NULL;

  /* without the CA: refused, nothing answered */
  {
    g_autoptr(ZcClient) client = zc_client_new (url);

    n_requests = 0;
    g_assert_null (zc_client_get_refusal (client));
    g_assert_false (health (client, &error));
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE);
    g_assert_cmpuint (n_requests, ==, 0);
    g_clear_error (&error);
  }

  /* with ca-file pointing to it: accepted */
  {
    g_autoptr(ZcClient) client = zc_client_new (url);

    g_assert_true (zc_client_set_ca_file (client, CERT_FILE, &error));
    g_assert_no_error (error);
    g_assert_true (health (client, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_requests, ==, 1);
  }

  /* an unreadable CA file: every call refused, the system store is not
   * used instead */
  {
    g_autoptr(ZcClient) client = zc_client_new (url);

    g_assert_false (zc_client_set_ca_file (client, TEST_DATA_DIR "/no-such-ca.pem", &error));
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE);
    g_clear_error (&error);
    n_requests = 0;
    g_assert_false (health (client, &error));
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE);
    g_assert_cmpuint (n_requests, ==, 0);
  }

  g_object_unref (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/loopback-hosts", test_loopback_hosts);
  g_test_add_func ("/tls/http-remote-refused", test_http_remote_refused);
  g_test_add_func ("/tls/http-loopback-accepted", test_http_loopback_accepted);
  g_test_add_func ("/tls/https-self-signed", test_https_self_signed);

  return g_test_run ();
}
