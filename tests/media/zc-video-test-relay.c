/* zc-video-test-relay.c — the video tests' call sessions: zc-platform on
 * 127.0.0.1 (a fresh demo database), its video-sessions, signalling relay
 * and citizen page; the REST calls a workstation makes, as the clerk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "zc-test-util.h"
#include "zc-video-test-relay.h"

#include "zc-server.h"
#include "zc-test-client.h"
#include "zc-test-server.h"

void
zc_video_test_session_free (ZcVideoTestSession *session)
{
  g_free (session->signal_url);
  g_free (session->token);
  g_free (session->citizen_url);
  g_free (session->join_code);
  g_free (session);
}

struct _ZcVideoTestRelay
{
  char *db_dir;
  ZcServer *server;
  ZcClient *client;
  gint64 case_id;
};

ZcVideoTestRelay *
zc_video_test_relay_start (void)
{
  ZcVideoTestRelay *relay = g_new0 (ZcVideoTestRelay, 1);
  g_autofree char *db = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint total = 0;

  relay->db_dir = g_dir_make_tmp ("zc-video-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (relay->db_dir, "platform.db", NULL);
  relay->server = zc_test_server_start (db, TRUE, NULL, 0);
  relay->client = zc_test_login (zc_server_get_url (relay->server), "clerk", "demo1234");
  zc_client_list_cases_async (relay->client, NULL, NULL, 0, 1, NULL, zc_test_store_result_cb, &result);
  cases = ZC_TEST_AWAIT_FINISH (result, zc_client_list_cases_finish (relay->client, result, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >, 0);
  first = g_list_model_get_item (cases, 0);
  relay->case_id = zc_case_get_id (ZC_CASE (first));
  return relay;
}

static const char *
relay_base (ZcVideoTestRelay *relay)
{
  return zc_server_get_url (relay->server);
}

static const char *
relay_token (ZcVideoTestRelay *relay)
{
  return zc_client_get_token (relay->client);
}

gpointer
zc_video_test_relay_get_client (ZcVideoTestRelay *relay)
{
  return relay->client;
}

void
zc_video_test_relay_stop (ZcVideoTestRelay *relay)
{
  g_clear_object (&relay->client);
  g_clear_object (&relay->server);
  zc_test_remove_tree (relay->db_dir);
  g_free (relay->db_dir);
  g_free (relay);
}


/* ---- the REST side ---------------------------------------------------- */

static JsonObject *
request_json (ZcVideoTestRelay *relay,
              const char       *method,
              const char       *path,
              const char       *body,
              guint             expected_status)
{
  g_autoptr(SoupSession) http = soup_session_new ();
  g_autofree char *url = g_strconcat (relay_base (relay), path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", relay_token (relay), NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GAsyncResult *result = NULL;
  JsonNode *root;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (http, msg, G_PRIORITY_DEFAULT, NULL, zc_test_store_result_cb, &result);
  reply = ZC_TEST_AWAIT_FINISH (result, soup_session_send_and_read_finish (http, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  if (expected_status == 204)
    return NULL;
  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

ZcVideoTestSession *
zc_video_test_relay_create_session (ZcVideoTestRelay *relay)
{
  ZcVideoTestSession *session = g_new0 (ZcVideoTestSession, 1);
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT "}", relay->case_id);
  g_autoptr(JsonObject) reply = request_json (relay, "POST", "/api/v1/video-sessions", body, 201);
  JsonNode *id = json_object_get_member (reply, "id");

  /* the contract: an integer id, join_code, citizen_url */
  g_assert_nonnull (id);
  g_assert_cmpint (json_node_get_value_type (id), ==, G_TYPE_INT64);
  session->id = json_node_get_int (id);
  g_assert_cmpint (session->id, >, 0);
  session->signal_url = g_strdup_printf ("%s/api/v1/video-sessions/%" G_GINT64_FORMAT "/signal",
                                         relay_base (relay), session->id);
  session->token = g_strdup (relay_token (relay));
  session->citizen_url = g_strdup (json_object_get_string_member_with_default (reply, "citizen_url", NULL));
  session->join_code = g_strdup (json_object_get_string_member_with_default (reply, "join_code", NULL));
  g_assert_nonnull (session->join_code);
  g_assert_nonnull (session->citizen_url);
  g_assert_true (g_str_has_prefix (session->citizen_url, relay_base (relay)));
  g_assert_true (g_str_has_suffix (session->citizen_url, session->join_code));
  return session;
}

char *
zc_video_test_relay_session_state (ZcVideoTestRelay   *relay,
                                   ZcVideoTestSession *session)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, session->id);
  g_autoptr(JsonObject) reply = request_json (relay, "GET", path, NULL, 200);

  return g_strdup (json_object_get_string_member_with_default (reply, "state", ""));
}

void
zc_video_test_relay_end_session (ZcVideoTestRelay   *relay,
                                 ZcVideoTestSession *session)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, session->id);

  /* 204, no body */
  g_assert_null (request_json (relay, "DELETE", path, NULL, 204));
}
