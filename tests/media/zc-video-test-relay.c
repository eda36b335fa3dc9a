/* zc-video-test-relay.c — the video tests' call sessions: zc-platform's,
 * or a stand-in relay with the same protocol (see the header)
 *
 * The stand-in: a SoupServer on 127.0.0.1 with
 *   POST /api/v1/video-sessions          → 201 {id, case_id, join_code, citizen_url, state}
 *   GET  /api/v1/video-sessions/{id}     → the session
 *   WS   /api/v1/video-sessions/{id}/signal  (Bearer token) the clerk
 *   GET  /join/{code}                    the citizen page (below)
 *   WS   /join/{code}/signal             the citizen (one at a time)
 * Text frames go to the other party; both get {"type":"peer","state":
 * "joined"} when the second arrives and the one left {"state":"left"}
 * when the other goes; a "bye" ends the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "zc-test-util.h"
#include "zc-video-test-relay.h"

#if ZC_VIDEO_TEST_USE_PLATFORM
#include "zc-server.h"
#include "zc-test-client.h"
#include "zc-test-server.h"
#endif

#define RELAY_TOKEN "relay-test-token"

void
zc_video_test_session_free (ZcVideoTestSession *session)
{
  g_free (session->id);
  g_free (session->signal_url);
  g_free (session->token);
  g_free (session->citizen_url);
  g_free (session->join_code);
  g_free (session);
}

#if !ZC_VIDEO_TEST_USE_PLATFORM

/* The citizen page of the stand-in: what videoplat's page does, minimal.
 * window.zcStats () → {framesDecoded, state}; window.zcHangUp () says bye. */
static const char citizen_page[] =
  "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>远程窗口</title></head>"
  "<body><video id=\"remote\" autoplay playsinline muted></video>"
  "<script>\n"
  "const code = location.pathname.split('/')[2];\n"
  "let pc = null, ws = null, stream = null, state = 'waiting', chain = Promise.resolve();\n"
  "async function media () {\n"
  "  if (!stream) stream = await navigator.mediaDevices.getUserMedia ({video: true, audio: true});\n"
  "  return stream;\n"
  "}\n"
  "function send (m) { if (ws && ws.readyState === 1) ws.send (JSON.stringify (m)); }\n"
  "function end () { state = 'ended'; if (pc) pc.close (); pc = null; if (ws) ws.close (); }\n"
  "async function handle (m) {\n"
  "  if (m.type === 'offer') {\n"
  "    if (pc) pc.close ();\n"
  "    pc = new RTCPeerConnection ({bundlePolicy: 'max-bundle'});\n"
  "    pc.onicecandidate = e => { if (e.candidate && e.candidate.candidate)\n"
  "      send ({type: 'candidate', candidate: e.candidate.candidate, sdpMLineIndex: e.candidate.sdpMLineIndex}); };\n"
  "    pc.ontrack = e => { document.getElementById ('remote').srcObject = e.streams[0] || new MediaStream ([e.track]); };\n"
  "    await pc.setRemoteDescription ({type: 'offer', sdp: m.sdp});\n"
  "    const s = await media ();\n"
  "    s.getTracks ().forEach (t => pc.addTrack (t, s));\n"
  "    await pc.setLocalDescription (await pc.createAnswer ());\n"
  "    send ({type: 'answer', sdp: pc.localDescription.sdp});\n"
  "    state = 'connected';\n"
  "  } else if (m.type === 'candidate' && pc) {\n"
  "    await pc.addIceCandidate ({candidate: m.candidate, sdpMLineIndex: m.sdpMLineIndex});\n"
  "  } else if (m.type === 'bye') {\n"
  "    end ();\n"
  "  }\n"
  "}\n"
  "ws = new WebSocket ((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/join/' + code + '/signal');\n"
  "ws.onmessage = ev => { const m = JSON.parse (ev.data); chain = chain.then (() => handle (m)).catch (e => console.log (e)); };\n"
  "window.zcStats = async () => {\n"
  "  let n = 0;\n"
  "  if (pc) (await pc.getStats ()).forEach (s => { if (s.type === 'inbound-rtp' && s.kind === 'video') n = s.framesDecoded || 0; });\n"
  "  return {framesDecoded: n, state: state};\n"
  "};\n"
  "window.zcHangUp = () => { send ({type: 'bye'}); end (); };\n"
  "</script></body></html>\n";

typedef struct
{
  guint id;
  char *code;
  char *state;
  SoupWebsocketConnection *clerk;
  SoupWebsocketConnection *citizen;
} RelaySession;

struct _ZcVideoTestRelay
{
  SoupServer *server;
  char *base;
  GPtrArray *sessions;
};

static void
relay_session_free (gpointer p)
{
  RelaySession *s = p;

  g_clear_object (&s->clerk);
  g_clear_object (&s->citizen);
  g_free (s->code);
  g_free (s->state);
  g_free (s);
}

static RelaySession *
find_session (ZcVideoTestRelay *relay,
              const char       *id,
              const char       *code)
{
  for (guint i = 0; i < relay->sessions->len; i++)
    {
      RelaySession *s = g_ptr_array_index (relay->sessions, i);
      g_autofree char *sid = g_strdup_printf ("%u", s->id);

      if ((id != NULL && g_str_equal (id, sid)) || (code != NULL && g_str_equal (code, s->code)))
        return s;
    }
  return NULL;
}

static void
send_peer (SoupWebsocketConnection *ws,
           const char              *state)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"peer\",\"state\":\"%s\"}", state);

  if (ws != NULL && soup_websocket_connection_get_state (ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (ws, text);
}

static void
on_relay_message (SoupWebsocketConnection *ws,
                  int                      type,
                  GBytes                  *message,
                  RelaySession            *s)
{
  SoupWebsocketConnection *other = ws == s->clerk ? s->citizen : s->clerk;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  if (g_strstr_len (data, length, "\"bye\"") != NULL)
    {
      g_free (s->state);
      s->state = g_strdup ("ended");
    }
  if (other != NULL && soup_websocket_connection_get_state (other) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_message (other, type, message);
}

static void
on_relay_closed (SoupWebsocketConnection *ws,
                 RelaySession            *s)
{
  SoupWebsocketConnection *other;

  if (ws == s->clerk)
    {
      other = s->citizen;
      g_clear_object (&s->clerk);
    }
  else if (ws == s->citizen)
    {
      other = s->clerk;
      g_clear_object (&s->citizen);
    }
  else
    return;
  send_peer (other, "left");
  if (!g_str_equal (s->state, "ended"))
    {
      g_free (s->state);
      s->state = g_strdup ("waiting");
    }
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *ws,
              gpointer                 user_data)
{
  ZcVideoTestRelay *relay = user_data;
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  RelaySession *s = NULL;
  gboolean clerk = FALSE;

  /* /api/v1/video-sessions/{id}/signal or /join/{code}/signal */
  if (g_strv_length (parts) == 6 && g_str_equal (parts[3], "video-sessions")
      && g_str_equal (parts[5], "signal"))
    {
      const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                       "Authorization");
      if (g_strcmp0 (auth, "Bearer " RELAY_TOKEN) == 0)
        s = find_session (relay, parts[4], NULL);
      clerk = TRUE;
    }
  else if (g_strv_length (parts) == 4 && g_str_equal (parts[1], "join")
           && g_str_equal (parts[3], "signal"))
    s = find_session (relay, NULL, parts[2]);

  if (s == NULL || g_str_equal (s->state, "ended")
      || (clerk ? s->clerk != NULL : s->citizen != NULL))
    {
      soup_websocket_connection_close (ws, 4403, "refused");
      return;
    }
  if (clerk)
    s->clerk = g_object_ref (ws);
  else
    s->citizen = g_object_ref (ws);
  g_signal_connect (ws, "message", G_CALLBACK (on_relay_message), s);
  g_signal_connect (ws, "closed", G_CALLBACK (on_relay_closed), s);
  if (s->clerk != NULL && s->citizen != NULL)
    {
      g_free (s->state);
      s->state = g_strdup ("connected");
      send_peer (s->clerk, "joined");
      send_peer (s->citizen, "joined");
    }
}

static char *
session_json (ZcVideoTestRelay *relay,
              RelaySession     *s)
{
  return g_strdup_printf ("{\"id\":%u,\"case_id\":1,\"join_code\":\"%s\",\"citizen_url\":\"%s/join/%s\","
                          "\"state\":\"%s\",\"expires_at\":\"2099-01-01T00:00:00+08:00\"}",
                          s->id, s->code, relay->base, s->code, s->state);
}

static void
on_http (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  ZcVideoTestRelay *relay = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  RelaySession *s;
  char *body;

  /* an upgrade is left to on_websocket (libsoup runs it after this one,
   * unless a status was set) */
  if (soup_message_headers_header_contains (soup_server_message_get_request_headers (msg),
                                            "Upgrade", "websocket"))
    return;
  if (g_str_has_prefix (path, "/join/") && n == 3 && g_str_equal (method, "GET"))
    {
      if (find_session (relay, NULL, parts[2]) == NULL)
        {
          soup_server_message_set_status (msg, 404, NULL);
          return;
        }
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        citizen_page, strlen (citizen_page));
      soup_server_message_set_status (msg, 200, NULL);
      return;
    }
  if (g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                               "Authorization"), "Bearer " RELAY_TOKEN) != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      return;
    }
  if (g_str_equal (path, "/api/v1/video-sessions") && g_str_equal (method, "POST"))
    {
      s = g_new0 (RelaySession, 1);
      s->id = relay->sessions->len + 1;
      s->code = g_strdup_printf ("%06u", g_random_int_range (100000, 999999));
      s->state = g_strdup ("waiting");
      g_ptr_array_add (relay->sessions, s);
      body = session_json (relay, s);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
      soup_server_message_set_status (msg, 201, NULL);
      return;
    }
  if (n == 5 && g_str_equal (parts[3], "video-sessions") && g_str_equal (method, "GET")
      && (s = find_session (relay, parts[4], NULL)) != NULL)
    {
      body = session_json (relay, s);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
      soup_server_message_set_status (msg, 200, NULL);
      return;
    }
  soup_server_message_set_status (msg, 404, NULL);
}

ZcVideoTestRelay *
zc_video_test_relay_start (void)
{
  ZcVideoTestRelay *relay = g_new0 (ZcVideoTestRelay, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  relay->sessions = g_ptr_array_new_with_free_func (relay_session_free);
  relay->server = soup_server_new (NULL, NULL);
  /* one path for both: libsoup picks the WebSocket callback for an upgrade */
  soup_server_add_handler (relay->server, NULL, on_http, relay, NULL);
  soup_server_add_websocket_handler (relay->server, NULL, NULL, NULL, on_websocket, relay, NULL);
  soup_server_listen (relay->server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (relay->server);
  relay->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (relay->base, "/"))
    relay->base[strlen (relay->base) - 1] = '\0';
  return relay;
}

static const char *
relay_base (ZcVideoTestRelay *relay)
{
  return relay->base;
}

static const char *
relay_token (ZcVideoTestRelay *relay)
{
  return RELAY_TOKEN;
}

void
zc_video_test_relay_stop (ZcVideoTestRelay *relay)
{
  soup_server_disconnect (relay->server);
  g_object_unref (relay->server);
  g_ptr_array_unref (relay->sessions);
  g_free (relay->base);
  g_free (relay);
}

#else /* ZC_VIDEO_TEST_USE_PLATFORM */

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

void
zc_video_test_relay_stop (ZcVideoTestRelay *relay)
{
  g_clear_object (&relay->client);
  g_clear_object (&relay->server);
  zc_test_remove_tree (relay->db_dir);
  g_free (relay->db_dir);
  g_free (relay);
}

#endif /* ZC_VIDEO_TEST_USE_PLATFORM */

/* ---- the REST side, the same for both -------------------------------- */

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
#if ZC_VIDEO_TEST_USE_PLATFORM
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT "}", relay->case_id);
#else
  const char *body = "{\"case_id\":1}";
#endif
  g_autoptr(JsonObject) reply = request_json (relay, "POST", "/api/v1/video-sessions", body, 201);
  JsonNode *id = json_object_get_member (reply, "id");

  g_assert_nonnull (id);
  session->id = json_node_get_value_type (id) == G_TYPE_STRING
                  ? g_strdup (json_node_get_string (id))
                  : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
  /* the protocol of issue 12 names citizen_url; the first contract draft
   * join_url and signal_url: either is taken */
  if (json_object_has_member (reply, "signal_url"))
    session->signal_url = g_strdup (json_object_get_string_member (reply, "signal_url"));
  else
    session->signal_url = g_strdup_printf ("%s/api/v1/video-sessions/%s/signal", relay_base (relay), session->id);
  session->token = g_strdup (relay_token (relay));
  session->citizen_url = g_strdup (json_object_get_string_member_with_default (reply, "citizen_url",
    json_object_get_string_member_with_default (reply, "join_url", NULL)));
  session->join_code = g_strdup (json_object_get_string_member (reply, "join_code"));
  g_assert_nonnull (session->join_code);
  g_assert_nonnull (session->citizen_url);
  g_assert_true (g_str_has_prefix (session->citizen_url, relay_base (relay)));
  return session;
}

char *
zc_video_test_relay_session_state (ZcVideoTestRelay   *relay,
                                   ZcVideoTestSession *session)
{
  g_autofree char *path = g_strconcat ("/api/v1/video-sessions/", session->id, NULL);
  g_autoptr(JsonObject) reply = request_json (relay, "GET", path, NULL, 200);

  return g_strdup (json_object_get_string_member_with_default (reply, "state", ""));
}
