/* test-client-errors.c — ZcClient against a loopback SoupServer that
 * answers what a broken or foreign platform might: every HTTP status maps
 * to its ZC_PLATFORM_ERROR code, a body that is not the contract is
 * BAD_RESPONSE (never a crash), and requests carry the token, the user
 * agent and properly escaped paths and queries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "zc-client.h"
#include "zc-test-util.h"

static SoupServer *server;
static char       *base_url;

/* what the last request carried */
static char *last_path;
static char *last_query_q;
static char *last_query_state;
static char *last_authorization;
static char *last_user_agent;
static char *last_idempotency_key;

static void
set_str (char       **target,
         const char  *value)
{
  g_free (*target);
  *target = g_strdup (value);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *json = "application/json";

  g_free (last_path);
  last_path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  set_str (&last_authorization, soup_message_headers_get_one (headers, "Authorization"));
  set_str (&last_user_agent, soup_message_headers_get_one (headers, "User-Agent"));
  set_str (&last_idempotency_key, soup_message_headers_get_one (headers, "Idempotency-Key"));
  set_str (&last_query_q, query != NULL ? g_hash_table_lookup (query, "q") : NULL);
  set_str (&last_query_state, query != NULL ? g_hash_table_lookup (query, "state") : NULL);

  if (g_str_equal (path, "/api/v1/health"))
    respond (msg, 200, "text/html", "<html>not json</html>");
  else if (g_str_equal (path, "/api/v1/sessions"))
    respond (msg, 201, json, "{\"token\":\"abc\"}");  /* no user */
  else if (g_str_equal (path, "/api/v1/cases"))
    respond (msg, 200, json, "{\"cases\":[],\"total\":-1}");
  else if (g_str_equal (path, "/api/v1/cases/1"))
    respond (msg, 200, json, "{\"id\":\"one\",\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                             "\"created_at\":\"2026-11-27T09:30:00Z\"}");
  else if (g_str_equal (path, "/api/v1/cases/2"))
    respond (msg, 500, json, "{\"error\":{\"code\":\"internal\",\"message\":\"database is locked\"}}");
  else if (g_str_equal (path, "/api/v1/cases/3"))
    respond (msg, 413, json, "{\"error\":{\"code\":\"body_too_large\",\"message\":\"Too large\"}}");
  else if (g_str_equal (path, "/api/v1/cases/4"))
    respond (msg, 422, json, "{\"error\":{\"code\":\"invalid_request\",\"message\":\"Unknown item\"}}");
  else if (g_str_equal (path, "/api/v1/cases/5/transitions"))
    respond (msg, 409, "text/plain", "nope");  /* no error JSON: the status still decides */
  else if (g_str_equal (path, "/api/v1/cases/6"))
    respond (msg, 423, json, "{\"error\":{\"message\":42}}");
  else if (g_str_equal (path, "/api/v1/cases/7"))
    respond (msg, 200, json, "[1,2,3]");
  else if (g_str_equal (path, "/api/v1/cases/8"))
    respond (msg, 200, json, "{\"id\":8,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                             "\"created_at\":\"2026-11-27T09:30:00Z\",\"tasks\":[{\"id\":1}]}");
  else if (g_str_equal (path, "/api/v1/cases/9"))
    respond (msg, 404, json, "{\"error\":{\"code\":\"not_found\",\"message\":\"There is no such case.\"}}");
  else if (g_str_equal (path, "/api/v1/cases/10"))
    respond (msg, 429, json, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Slow down\"}}");
  else if (g_str_equal (path, "/api/v1/cases/11"))
    respond (msg, 408, "text/plain", "timeout");
  else if (g_str_equal (path, "/api/v1/cases/12"))
    respond (msg, 503, json, "{\"error\":{\"code\":\"busy\",\"message\":\"Busy\"}}");
  else if (g_str_has_prefix (path, "/api/v1/licences/") && g_str_has_suffix (path, "/photo"))
    respond (msg, 200, "text/plain", "not an image");
  else if (g_str_equal (path, "/api/v1/video-sessions"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
      g_autofree char *sent = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (strstr (sent, "\"case_id\":1}") != NULL)
        respond (msg, 201, json, "{\"id\":7,\"case_id\":1,\"join_code\":\"482913\","
                                 "\"citizen_url\":\"http://127.0.0.1:1/join/482913\",\"state\":\"waiting\"}");
      else if (strstr (sent, "\"case_id\":2}") != NULL)
        respond (msg, 201, json, "{\"id\":8,\"citizen_url\":\"http://127.0.0.1:1/join/1\"}");
      else if (strstr (sent, "\"case_id\":3}") != NULL)
        /* the contract's id is an integer */
        respond (msg, 201, json, "{\"id\":\"9\",\"join_code\":\"1\",\"citizen_url\":\"u\"}");
      else
        respond (msg, 201, json, "{\"id\":{},\"join_code\":\"1\",\"citizen_url\":\"u\"}");
    }
  else if (g_str_has_prefix (path, "/api/v1/applicants/"))
    respond (msg, 200, json, "{\"key\":\"k\",\"kind\":\"person\",\"name\":\"n\",\"licences\":[{\"type\":1}]}");
  else
    respond (msg, 404, json, "{\"error\":{\"code\":\"not_found\",\"message\":\"No route\"}}");
}

static void
test_not_json (void)
{
  g_autoptr(ZcClient) client = zc_client_new (base_url);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;

  zc_client_health_async (client, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (client, result, &error));
  g_assert_false (ok);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (last_path, ==, "/api/v1/health");
  g_assert_cmpstr (last_user_agent, ==, "Zongchuang/" PACKAGE_VERSION);
  /* health needs no token and gets none */
  g_assert_null (last_authorization);
}

static void
test_login_without_user (void)
{
  g_autoptr(ZcClient) client = zc_client_new (base_url);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ZcUser *user;

  zc_client_login_async (client, "clerk", "pw", NULL, zc_test_store_result_cb, &result);
  user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
  g_assert_null (user);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "user"));
  /* a half answer does not log in */
  g_assert_null (zc_client_get_token (client));
  g_assert_null (zc_client_get_user (client));
}

static void
test_statuses (void)
{
  static const struct { gint64 id; int code; const char *message; } cases[] = {
    { 1, ZC_PLATFORM_ERROR_BAD_RESPONSE, "id" },
    { 2, ZC_PLATFORM_ERROR_SERVER, NULL },
    { 3, ZC_PLATFORM_ERROR_TOO_LARGE, NULL },
    { 4, ZC_PLATFORM_ERROR_INVALID, "Unknown item" },
    { 6, ZC_PLATFORM_ERROR_LOCKED, NULL },
    { 7, ZC_PLATFORM_ERROR_BAD_RESPONSE, NULL },
    { 8, ZC_PLATFORM_ERROR_BAD_RESPONSE, "tasks[0]" },
    { 9, ZC_PLATFORM_ERROR_NOT_FOUND, "There is no such case." },
    { 10, ZC_PLATFORM_ERROR_BUSY, "Slow down" },
    { 11, ZC_PLATFORM_ERROR_BUSY, NULL },
    { 12, ZC_PLATFORM_ERROR_BUSY, "Busy" },
  };
  g_autoptr(ZcClient) client = zc_client_new (base_url);

  zc_client_set_token (client, "secret-token");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      GAsyncResult *result = NULL;
      ZcCase *c;

      zc_client_get_case_async (client, cases[i].id, NULL, zc_test_store_result_cb, &result);
      c = ZC_TEST_AWAIT_FINISH (result, zc_client_get_case_finish (client, result, &error));
      g_assert_null (c);
      g_assert_error (error, ZC_PLATFORM_ERROR, cases[i].code);
      if (cases[i].message != NULL && strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” not in “%s”", cases[i].message, error->message);
      g_assert_cmpstr (last_authorization, ==, "Bearer secret-token");
      /* a 423 without "locked_until" says no time */
      g_assert_null (zc_platform_error_get_locked_until (error));

      /* every error has a sentence for people */
      message = zc_platform_error_to_user_message (error);
      g_assert_cmpstr (message, !=, "");
    }
}

static void
test_conflict_without_body (void)
{
  g_autoptr(ZcClient) client = zc_client_new (base_url);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ZcCase *c;

  zc_client_transition_case_async (client, 5, "received", NULL, NULL, zc_test_store_result_cb, &result);
  c = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_case_finish (client, result, &error));
  g_assert_null (c);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "409"));
}

static void
test_bad_list_total (void)
{
  g_autoptr(ZcClient) client = zc_client_new (base_url);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GListModel *cases;
  guint total = 99;

  zc_client_list_cases_async (client, "draft", "张 三&x=1/#?", 0, 20, NULL, zc_test_store_result_cb, &result);
  cases = ZC_TEST_AWAIT_FINISH (result, zc_client_list_cases_finish (client, result, &total, &error));
  g_assert_null (cases);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (total, ==, 99);
  /* the query arrived whole: nothing of it leaked into other parameters */
  g_assert_cmpstr (last_query_q, ==, "张 三&x=1/#?");
  g_assert_cmpstr (last_query_state, ==, "draft");
}

static void
test_escaped_segments (void)
{
  g_autoptr(ZcClient) client = zc_client_new (base_url);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ZcApplicant *applicant;
  GBytes *photo;

  /* a key with a slash and a query stays one segment */
  zc_client_get_applicant_async (client, "k/x?y#z", NULL, zc_test_store_result_cb, &result);
  applicant = ZC_TEST_AWAIT_FINISH (result, zc_client_get_applicant_finish (client, result, &error));
  g_assert_null (applicant);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "licences[0]"));
  /* the server decodes the path: "?" and "#" arrived in it, so they
   * were escaped rather than starting a query or a fragment */
  g_assert_cmpstr (last_path, ==, "/api/v1/applicants/k/x?y#z");
  g_clear_error (&error);

  zc_client_get_licence_photo_async (client, "皖(2024)合肥市不动产权第0012345号", NULL, zc_test_store_result_cb, &result);
  photo = ZC_TEST_AWAIT_FINISH (result, zc_client_get_licence_photo_finish (client, result, &error));
  g_assert_null (photo);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (last_path, ==, "/api/v1/licences/皖(2024)合肥市不动产权第0012345号/photo");
}

/* The remote window's session: what the page needs is checked */
static void
test_video_session (void)
{
  g_autoptr(ZcClient) client = zc_client_new (base_url);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) session = NULL;
  g_autofree char *signal = NULL;
  GAsyncResult *result = NULL;
  JsonObject *bad;

  zc_client_create_video_session_async (client, 1, NULL, zc_test_store_result_cb, &result);
  session = ZC_TEST_AWAIT_FINISH (result, zc_client_create_video_session_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (last_path, ==, "/api/v1/video-sessions");
  g_assert_cmpstr (json_object_get_string_member (session, "join_code"), ==, "482913");

  for (gint64 case_id = 2; case_id <= 4; case_id++)
    {
      zc_client_create_video_session_async (client, case_id, NULL, zc_test_store_result_cb, &result);
      bad = ZC_TEST_AWAIT_FINISH (result, zc_client_create_video_session_finish (client, result, &error));
      g_assert_null (bad);
      g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_nonnull (strstr (error->message, case_id == 2 ? "join_code" : "id"));
      g_clear_error (&error);
    }

  signal = zc_client_video_signal_url (client, json_object_get_int_member (session, "id"));
  g_assert_true (g_str_has_prefix (signal, base_url));
  g_assert_true (g_str_has_suffix (signal, "/api/v1/video-sessions/7/signal"));
}

static void
test_base_url_path (void)
{
  /* a platform behind a path prefix keeps it */
  g_autofree char *prefixed = g_strconcat (base_url, "/zc/", NULL);
  g_autoptr(ZcClient) client = zc_client_new (prefixed);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ZcCase *c;

  json_object_set_string_member (body, "item", "x");
  zc_client_create_case_async (client, body, "key-1", NULL, zc_test_store_result_cb, &result);
  c = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
  g_assert_null (c);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
  g_assert_cmpstr (last_path, ==, "/zc/api/v1/cases");
  g_assert_cmpstr (last_idempotency_key, ==, "key-1");
  /* the caller's body is not consumed */
  g_assert_cmpstr (json_object_get_string_member (body, "item"), ==, "x");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_test_add_func ("/client-errors/not-json", test_not_json);
  g_test_add_func ("/client-errors/login-without-user", test_login_without_user);
  g_test_add_func ("/client-errors/statuses", test_statuses);
  g_test_add_func ("/client-errors/conflict-without-body", test_conflict_without_body);
  g_test_add_func ("/client-errors/bad-list-total", test_bad_list_total);
  g_test_add_func ("/client-errors/escaped-segments", test_escaped_segments);
  g_test_add_func ("/client-errors/base-url-path", test_base_url_path);
  g_test_add_func ("/client-errors/video-session", test_video_session);

  status = g_test_run ();

  g_clear_object (&server);
  g_clear_pointer (&base_url, g_free);
  g_clear_pointer (&last_path, g_free);
  g_clear_pointer (&last_query_q, g_free);
  g_clear_pointer (&last_query_state, g_free);
  g_clear_pointer (&last_authorization, g_free);
  g_clear_pointer (&last_user_agent, g_free);
  g_clear_pointer (&last_idempotency_key, g_free);
  return status;
}
