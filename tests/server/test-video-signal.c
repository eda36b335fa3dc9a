/* test-video-signal.c — video sessions of the remote window on a real
 * zc-platform on loopback: create/read/end with the role table, the
 * WebSocket relay between two libsoup WebSocket clients (the clerk with
 * a token, the citizen with the join code), the join code's refusals
 * (wrong, expired on a fixed clock, ended, a second citizen, the rate
 * limit), rejoining, the peer frames, the citizen page and HTTPS; and
 * the citizen page in headless Chromium (Debian's chromium) connecting its
 * socket and showing 等待工作人员.
 *
 * The program runs itself again inside a network namespace of its own
 * (unshare --net, lo up; as non-root with --user --map-root-user), so
 * that the browser sees no address but 127.0.0.1 (ENVIRONMENT.md: outside
 * one, Chromium pairs its LAN address with loopback candidates). Where no
 * namespace can be made the socket tests run as they are and the browser
 * test is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "zc-clock.h"
#include "zc-json.h"
#include "zc-server.h"
#include "zc-server-signal.h"
#include "zc-test-server.h"
#include "zc-test-server-fixture.h"

#define START "2027-02-10T09:00:00+08:00"
#define WAIT_S 5

typedef struct
{
  char        *dir;
  char        *db_path;
  ZcServer    *server;
  char        *url;
  SoupSession *session;
  char        *clerk;
  char        *helper;
  char        *clerk2;
  char        *supervisor;
  char        *department;
} Fixture;

/* ---- HTTP ---- */

typedef struct
{
  GBytes *body;
  GError *error;
  gboolean done;
} Sent;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Sent *sent = data;

  sent->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &sent->error);
  sent->done = TRUE;
}

static gboolean
sent_done (gpointer data)
{
  return ((Sent *) data)->done;
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              data)
{
  return TRUE;
}

/* The status of @method @path; the body in *out (may be NULL) */
static guint
http (Fixture     *f,
      const char  *method,
      const char  *path,
      const char  *token,
      const char  *body,
      const char  *idem,
      char       **out,
      SoupMessage **msg_out)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  Sent sent = { 0 };
  guint status;

  g_assert_nonnull (msg);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (idem != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", idem);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &sent);
  g_assert_true (zc_test_spin_until (sent_done, &sent, WAIT_S, "sent done"));
  g_assert_no_error (sent.error);
  status = soup_message_get_status (msg);
  if (out != NULL)
    *out = g_strndup (g_bytes_get_data (sent.body, NULL), g_bytes_get_size (sent.body));
  if (msg_out != NULL)
    *msg_out = g_object_ref (msg);
  g_bytes_unref (sent.body);
  return status;
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **root)
{
  g_autoptr(GError) error = NULL;

  *root = zc_json_parse (text, -1, 16, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

static char *
login (Fixture    *f,
       const char *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"" PASSWORD "\"}", username);
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  g_assert_cmpuint (http (f, "POST", "/api/v1/sessions", NULL, body, NULL, &answer, NULL), ==, 201);
  o = parse_object (answer, &root);
  return g_strdup (json_object_get_string_member (o, "token"));
}

/* ---- WebSocket clients ---- */

typedef struct
{
  SoupWebsocketConnection *connection;
  GQueue                   frames;   /* char *, text frames received */
  gboolean                 closed;
  gushort                  close_code;
} Ws;

static void
ws_message (SoupWebsocketConnection *connection,
            gint                     kind,
            GBytes                  *message,
            gpointer                 data)
{
  Ws *ws = data;

  g_assert_cmpint (kind, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_queue_push_tail (&ws->frames, g_strndup (g_bytes_get_data (message, NULL),
                                             g_bytes_get_size (message)));
}

static void
ws_closed (SoupWebsocketConnection *connection,
           gpointer                 data)
{
  Ws *ws = data;

  ws->closed = TRUE;
  ws->close_code = soup_websocket_connection_get_close_code (connection);
}

typedef struct
{
  SoupWebsocketConnection *connection;
  GError *error;
  gboolean done;
} Connecting;

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Connecting *c = data;

  c->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &c->error);
  c->done = TRUE;
}

static gboolean
connecting_done (gpointer data)
{
  return ((Connecting *) data)->done;
}

/* A socket on @path (the clerk's with @token); NULL when refused, with
 * the HTTP status in *status. */
static Ws *
ws_open (Fixture    *f,
         const char *path,
         const char *token,
         guint      *status)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  Connecting c = { 0 };
  Ws *ws;

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, connected_cb, &c);
  g_assert_true (zc_test_spin_until (connecting_done, &c, WAIT_S, "connecting done"));
  if (status != NULL)
    *status = soup_message_get_status (msg);
  if (c.connection == NULL)
    {
      g_clear_error (&c.error);
      return NULL;
    }
  ws = g_new0 (Ws, 1);
  ws->connection = c.connection;
  g_queue_init (&ws->frames);
  g_signal_connect (ws->connection, "message", G_CALLBACK (ws_message), ws);
  g_signal_connect (ws->connection, "closed", G_CALLBACK (ws_closed), ws);
  return ws;
}

static void
ws_free (Ws *ws)
{
  if (ws == NULL)
    return;
  g_signal_handlers_disconnect_by_data (ws->connection, ws);
  if (soup_websocket_connection_get_state (ws->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (ws->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_object_unref (ws->connection);
  g_queue_clear_full (&ws->frames, g_free);
  g_free (ws);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ws, ws_free)

static gboolean
ws_has_frame (gpointer data)
{
  return !g_queue_is_empty (&((Ws *) data)->frames);
}

static gboolean
ws_is_closed (gpointer data)
{
  return ((Ws *) data)->closed;
}

/* The next frame received (text); fails after WAIT_S */
static char *
ws_next (Ws *ws)
{
  g_assert_true (zc_test_spin_until (ws_has_frame, ws, WAIT_S, "ws has frame"));
  return g_queue_pop_head (&ws->frames);
}

static void
ws_expect (Ws         *ws,
           const char *text)
{
  g_autofree char *frame = ws_next (ws);

  g_assert_cmpstr (frame, ==, text);
}

static void
ws_expect_type (Ws         *ws,
                const char *type)
{
  g_autofree char *frame = ws_next (ws);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = parse_object (frame, &root);

  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, type);
}

/* Nothing arrives within @ms */
static void
ws_expect_quiet (Ws    *ws,
                 guint  ms)
{
  zc_test_spin_for (ms);
  if (!g_queue_is_empty (&ws->frames))
    g_error ("unexpected frame: %s", (char *) g_queue_peek_head (&ws->frames));
}

static void
ws_send (Ws         *ws,
         const char *text)
{
  soup_websocket_connection_send_text (ws->connection, text);
}

/* ---- fixture ---- */

static void
set_clock (Fixture    *f,
           const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcClock) clock = zc_clock_new_from_iso (iso, &error);

  g_assert_no_error (error);
  zc_server_set_clock (f->server, clock);
}

static void
make_platform (Fixture         *f,
               GTlsCertificate *tls)
{
  g_autoptr(GError) error = NULL;
  ZcServerDb *db;

  f->dir = g_dir_make_tmp ("zc-video-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "platform.db", NULL);
  db = zc_server_db_open (f->db_path, &error);
  g_assert_no_error (error);
  zc_test_populate (db);
  /* case 1 at 1号窗口 (clerk, helper), case 2 at 2号窗口 (clerk2) */
  zc_test_exec (db,
    "INSERT INTO cases (id, item, applicant, state, window, clerk, created_at, updated_at) VALUES "
    " (1, 'kbcyd', '" PERSON_KEY "', 'draft', '1号窗口', 'clerk', '2027-02-10T01:00:00Z', '2027-02-10T01:00:00Z'),"
    " (2, 'kbcyd', '" PERSON_KEY "', 'draft', '2号窗口', 'clerk2', '2027-02-10T01:00:00Z', '2027-02-10T01:00:00Z');");
  zc_server_db_close (db);

  f->server = zc_server_new (f->db_path, FALSE, NULL, &error);
  g_assert_no_error (error);
  if (tls != NULL)
    zc_server_set_tls_certificate (f->server, tls);
  zc_server_listen (f->server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  set_clock (f, START);
  f->url = g_strdup (zc_server_get_url (f->server));
  f->session = soup_session_new_with_options ("timeout", 10, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  make_platform (f, NULL);
  f->clerk = login (f, "clerk");
  f->helper = login (f, "helper");
  f->clerk2 = login (f, "clerk2");
  f->supervisor = login (f, "supervisor");
  f->department = login (f, "scjg");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  zc_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
  g_free (f->url);
  g_free (f->clerk);
  g_free (f->helper);
  g_free (f->clerk2);
  g_free (f->supervisor);
  g_free (f->department);
}

typedef struct
{
  gint64 id;
  char  *code;
  char  *signal;    /* the clerk's socket path */
  char  *join;      /* the citizen's socket path */
} Video;

static void
video_clear (Video *v)
{
  g_free (v->code);
  g_free (v->signal);
  g_free (v->join);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Video, video_clear)

static void
create_video (Fixture    *f,
              const char *token,
              gint64      case_id,
              Video      *v)
{
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT "}", case_id);
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", token, body, NULL, &answer, NULL), ==, 201);
  o = parse_object (answer, &root);
  v->id = json_object_get_int_member (o, "id");
  v->code = g_strdup (json_object_get_string_member (o, "join_code"));
  v->signal = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT "/signal", v->id);
  v->join = g_strdup_printf ("/join/%s/signal", v->code);
}

static char *
video_state (Fixture *f,
             gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, id);
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (http (f, "GET", path, f->clerk, NULL, NULL, &answer, NULL), ==, 200);
  return g_strdup (json_object_get_string_member (parse_object (answer, &root), "state"));
}

/* ---- tests ---- */

static void
test_create_get_end (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *answer = NULL;
  g_autofree char *again = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root2 = NULL;
  JsonObject *o;
  const char *code;

  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->clerk, "{\"case_id\":1}",
                          "video-1", &answer, NULL), ==, 201);
  o = parse_object (answer, &root);
  code = json_object_get_string_member (o, "join_code");
  g_assert_cmpuint (strlen (code), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_true (g_ascii_isdigit (code[i]));
  url = g_strdup_printf ("%s/join/%s", f->url, code);
  g_assert_cmpstr (json_object_get_string_member (o, "citizen_url"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "waiting");
  g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, 1);
  /* two hours on the platform's clock */
  {
    g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "created_at"), NULL);
    g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "expires_at"), NULL);
    g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (START, NULL);

    g_assert_cmpint (g_date_time_difference (expires, created), ==, 2 * G_TIME_SPAN_HOUR);
    g_assert_cmpint (g_date_time_difference (created, start), >=, 0);
    g_assert_cmpint (g_date_time_difference (created, start), <, 60 * G_TIME_SPAN_SECOND);
  }

  /* the same key: the same session */
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->clerk, "{\"case_id\":1}",
                          "video-1", &again, NULL), ==, 201);
  g_assert_cmpstr (again, ==, answer);

  /* the role table and the case's window */
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->helper, "{\"case_id\":1}", NULL, NULL, NULL), ==, 201);
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->clerk2, "{\"case_id\":1}", NULL, NULL, NULL), ==, 403);
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->supervisor, "{\"case_id\":1}", NULL, NULL, NULL), ==, 403);
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", NULL, "{\"case_id\":1}", NULL, NULL, NULL), ==, 401);
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->clerk, "{\"case_id\":99}", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->clerk, "{\"case_id\":\"1\"}", NULL, NULL, NULL), ==, 422);
  g_assert_cmpuint (http (f, "POST", "/api/v1/video-sessions", f->clerk, "{}", NULL, NULL, NULL), ==, 422);

  path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, json_object_get_int_member (o, "id"));
  g_assert_cmpuint (http (f, "GET", path, f->supervisor, NULL, NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (http (f, "GET", path, f->clerk2, NULL, NULL, NULL, NULL), ==, 403);
  g_assert_cmpuint (http (f, "GET", path, f->department, NULL, NULL, NULL, NULL), ==, 403);
  g_assert_cmpuint (http (f, "GET", "/api/v1/video-sessions/999", f->clerk, NULL, NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (http (f, "DELETE", path, f->supervisor, NULL, NULL, NULL, NULL), ==, 403);
  g_assert_cmpuint (http (f, "DELETE", path, f->clerk2, NULL, NULL, NULL, NULL), ==, 403);

  /* the citizen's page while it is live */
  g_assert_cmpuint (http (f, "GET", strstr (url, "/join/"), NULL, NULL, NULL, &page, NULL), ==, 200);
  g_assert_nonnull (strstr (page, "data-state=\"ok\""));

  g_assert_cmpuint (http (f, "DELETE", path, f->clerk, NULL, NULL, NULL, NULL), ==, 204);
  g_assert_cmpuint (http (f, "DELETE", path, f->clerk, NULL, NULL, NULL, NULL), ==, 204);
  {
    g_autofree char *ended = NULL;

    g_assert_cmpuint (http (f, "GET", path, f->clerk, NULL, NULL, &ended, NULL), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (parse_object (ended, &root2), "state"), ==, "ended");
  }
  g_clear_pointer (&page, g_free);
  g_assert_cmpuint (http (f, "GET", strstr (url, "/join/"), NULL, NULL, NULL, &page, NULL), ==, 404);
  g_assert_nonnull (strstr (page, "data-state=\"invalid\""));

  /* the audit trail has the start and the end */
  {
    g_autoptr(GError) error = NULL;
    ZcServerDb *db = zc_server_db_open (f->db_path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM events WHERE action = 'video.start' AND case_id = 1"), ==, 2);
    /* once: the second DELETE found it ended */
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM events WHERE action = 'video.end' AND case_id = 1"), ==, 1);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM events WHERE action = 'video.start' AND detail IS NULL"), ==, 0);
    zc_server_db_close (db);
  }
}

static void
test_relay (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_auto(Video) w = { 0 };
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(Ws) citizen = NULL;
  g_autoptr(Ws) clerk_w = NULL;
  g_autoptr(Ws) citizen_w = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state2 = NULL;
  guint status = 0;
  const char *offer = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}";
  const char *answer = "{\"type\":\"answer\",\"sdp\":\"v=0\\r\\no=- 3 4 IN IP4 127.0.0.1\\r\\n\"}";
  const char *candidate = "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 UDP 2015363327 127.0.0.1 40000 typ host\",\"sdpMLineIndex\":0}";

  create_video (f, f->clerk, 1, &v);
  create_video (f, f->clerk2, 2, &w);

  /* only the clerk of the case, with a token */
  g_assert_null (ws_open (f, v.signal, NULL, &status));
  g_assert_cmpuint (status, ==, 401);
  g_assert_null (ws_open (f, v.signal, f->clerk2, &status));
  g_assert_cmpuint (status, ==, 403);
  g_assert_null (ws_open (f, v.signal, f->supervisor, &status));
  g_assert_cmpuint (status, ==, 403);
  /* without the upgrade: 400 */
  g_assert_cmpuint (http (f, "GET", v.signal, f->clerk, NULL, NULL, NULL, NULL), ==, 400);

  clerk = ws_open (f, v.signal, f->clerk, &status);
  g_assert_nonnull (clerk);
  g_assert_cmpuint (status, ==, 101);
  clerk_w = ws_open (f, w.signal, f->clerk2, NULL);
  citizen_w = ws_open (f, w.join, NULL, NULL);
  g_assert_nonnull (citizen_w);
  ws_expect (clerk_w, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (citizen_w, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect_quiet (clerk, 100);
  state = video_state (f, v.id);
  g_assert_cmpstr (state, ==, "waiting");

  citizen = ws_open (f, v.join, NULL, &status);
  g_assert_nonnull (citizen);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (citizen, "{\"type\":\"peer\",\"state\":\"joined\"}");
  state2 = video_state (f, v.id);
  g_assert_cmpstr (state2, ==, "connected");

  /* offer, answer, candidates: verbatim to the other party only */
  ws_send (clerk, offer);
  ws_expect (citizen, offer);
  ws_send (citizen, answer);
  ws_expect (clerk, answer);
  ws_send (citizen, candidate);
  ws_expect (clerk, candidate);
  ws_send (clerk, candidate);
  ws_expect (citizen, candidate);
  ws_send (citizen, "{\"type\":\"consent\",\"recording\":true}");
  ws_expect (clerk, "{\"type\":\"consent\",\"recording\":true}");
  ws_expect_quiet (clerk_w, 200);
  ws_expect_quiet (citizen_w, 0);

  /* bad frames go back as errors, never to the other party */
  ws_send (clerk, "{\"type\":\"consent\",\"recording\":true}");
  ws_expect_type (clerk, "error");
  ws_send (clerk, "{\"type\":\"shout\"}");
  ws_expect_type (clerk, "error");
  ws_send (clerk, "{\"type\":\"offer\"}");
  ws_expect_type (clerk, "error");
  ws_send (clerk, "{\"type\":\"candidate\",\"candidate\":\"x\",\"sdpMLineIndex\":\"0\"}");
  ws_expect_type (clerk, "error");
  ws_send (citizen, "not json");
  ws_expect_type (citizen, "error");
  ws_send (citizen, "[1,2]");
  ws_expect_type (citizen, "error");
  ws_expect_quiet (citizen, 200);
  ws_expect_quiet (clerk, 0);

  /* consent is kept with the session */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, v.id);
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpuint (http (f, "GET", path, f->clerk, NULL, NULL, &text, NULL), ==, 200);
    g_assert_true (json_object_get_boolean_member (parse_object (text, &root), "recording_consent"));
  }

  /* a frame above 64 KiB closes the socket that sent it */
  {
    GString *big = g_string_new ("{\"type\":\"offer\",\"sdp\":\"");

    while (big->len < 70 * 1024)
      g_string_append (big, "aaaaaaaaaaaaaaaa");
    g_string_append (big, "\"}");
    ws_send (citizen, big->str);
    g_string_free (big, TRUE);
    g_assert_true (zc_test_spin_until (ws_is_closed, citizen, WAIT_S, "ws is closed"));
    ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"left\"}");
  }
}

/* A flood of frames (bad ones each answered, good ones relayed) closes
 * the socket that sent it with 1008, and the other party is told it
 * left; the bad frames before the limit were each answered. */
static void
test_flood (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(Ws) citizen = NULL;
  g_autoptr(Ws) again = NULL;
  const char *candidate = "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 UDP 2015363327 127.0.0.1 40000 typ host\",\"sdpMLineIndex\":0}";

  create_video (f, f->clerk, 1, &v);
  clerk = ws_open (f, v.signal, f->clerk, NULL);
  citizen = ws_open (f, v.join, NULL, NULL);
  g_assert_nonnull (clerk);
  g_assert_nonnull (citizen);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (citizen, "{\"type\":\"peer\",\"state\":\"joined\"}");

  /* bad frames: answered up to the limit, then the socket is closed */
  for (guint i = 0; i < ZC_SERVER_SIGNAL_MAX_BAD_FRAMES; i++)
    {
      ws_send (citizen, "x");
      ws_expect_type (citizen, "error");
    }
  ws_expect_quiet (citizen, 50);
  for (guint i = 0; i < 200 && !citizen->closed; i++)
    ws_send (citizen, "x");
  g_assert_true (zc_test_spin_until (ws_is_closed, citizen, WAIT_S, "ws is closed"));
  g_assert_cmpint (citizen->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"left\"}");
  g_assert_false (clerk->closed);

  /* good frames beyond the rate: closed too, not all relayed */
  again = ws_open (f, v.join, NULL, NULL);
  g_assert_nonnull (again);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (again, "{\"type\":\"peer\",\"state\":\"joined\"}");
  for (guint i = 0; i < ZC_SERVER_SIGNAL_MAX_FRAMES + 100 && !again->closed; i++)
    ws_send (again, candidate);
  g_assert_true (zc_test_spin_until (ws_is_closed, again, WAIT_S, "ws is closed"));
  g_assert_cmpint (again->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  {
    guint relayed = 0;

    for (;;)
      {
        g_autofree char *frame = ws_next (clerk);

        if (g_strcmp0 (frame, candidate) != 0)
          {
            g_assert_cmpstr (frame, ==, "{\"type\":\"peer\",\"state\":\"left\"}");
            break;
          }
        relayed++;
      }
    g_assert_cmpuint (relayed, ==, ZC_SERVER_SIGNAL_MAX_FRAMES);
  }
  g_assert_false (clerk->closed);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_auto(Video) old = { 0 };
  g_autoptr(Ws) citizen = NULL;
  g_autoptr(Ws) second = NULL;
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(Ws) late = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;
  guint status = 0;

  create_video (f, f->clerk, 1, &v);

  /* a wrong code (another six digits; not digits) */
  wrong = g_strdup_printf ("/join/%06d/signal", (atoi (v.code) + 1) % 1000000);
  g_assert_null (ws_open (f, wrong, NULL, &status));
  g_assert_cmpuint (status, ==, 404);
  g_assert_null (ws_open (f, "/join/abcdef/signal", NULL, &status));
  g_assert_cmpuint (status, ==, 404);

  /* one citizen at a time */
  citizen = ws_open (f, v.join, NULL, NULL);
  g_assert_nonnull (citizen);
  second = ws_open (f, v.join, NULL, &status);
  g_assert_null (second);
  g_assert_cmpuint (status, ==, 409);
  /* nor a second clerk's socket */
  clerk = ws_open (f, v.signal, f->clerk, NULL);
  g_assert_nonnull (clerk);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  g_assert_null (ws_open (f, v.signal, f->helper, &status));
  g_assert_cmpuint (status, ==, 409);

  /* an ended session: the clerk's socket 410, the code 404 */
  path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, v.id);
  g_assert_cmpuint (http (f, "DELETE", path, f->clerk, NULL, NULL, NULL, NULL), ==, 204);
  g_assert_true (zc_test_spin_until (ws_is_closed, citizen, WAIT_S, "ws is closed"));
  g_assert_null (ws_open (f, v.signal, f->clerk, &status));
  g_assert_cmpuint (status, ==, 410);
  g_assert_null (ws_open (f, v.join, NULL, &status));
  g_assert_cmpuint (status, ==, 404);

  /* an expired code, on the platform's clock: alive at 1 h 59 min,
   * refused after 2 h */
  set_clock (f, START);
  create_video (f, f->clerk, 1, &old);
  set_clock (f, "2027-02-10T10:59:00+08:00");
  late = ws_open (f, old.join, NULL, &status);
  g_assert_nonnull (late);
  g_clear_pointer (&late, ws_free);
  set_clock (f, "2027-02-10T11:00:05+08:00");
  g_assert_null (ws_open (f, old.join, NULL, &status));
  g_assert_cmpuint (status, ==, 404);
  g_free (path);
  path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, old.id);
  state = video_state (f, old.id);
  g_assert_cmpstr (state, ==, "ended");
  /* the case's history says the call ended, its time run out (written
   * when the platform ends expired sessions: at the next session made,
   * or by its periodic job) */
  {
    g_auto(Video) next = { 0 };
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE action = 'video.end' AND actor = 'platform' "
                                            "AND reason = 'expired' AND case_id = 1 AND detail LIKE '%%\"video_session\":%" G_GINT64_FORMAT "%%'",
                                            old.id);

    create_video (f, f->clerk, 1, &next);
    g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_autoptr(Ws) citizen = NULL;
  g_autofree char *page = NULL;
  g_autofree char *good_page = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  guint64 retry = 0;
  guint status = 0;

  set_clock (f, START);
  create_video (f, f->clerk, 1, &v);
  good_page = g_strdup_printf ("/join/%s", v.code);

  /* five wrong codes (page or socket) from this address … */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *wrong = g_strdup_printf ("/join/%06u", (guint) ((atoi (v.code) + 1 + i) % 1000000));

      if (i % 2 == 0)
        g_assert_cmpuint (http (f, "GET", wrong, NULL, NULL, NULL, NULL, NULL), ==, 404);
      else
        {
          g_autofree char *socket = g_strconcat (wrong, "/signal", NULL);

          g_assert_null (ws_open (f, socket, NULL, &status));
          g_assert_cmpuint (status, ==, 404);
        }
    }
  /* … then even the right one waits */
  g_assert_cmpuint (http (f, "GET", good_page, NULL, NULL, NULL, &page, &msg), ==, 429);
  g_assert_nonnull (strstr (page, "data-state=\"limited\""));
  g_assert_true (g_ascii_string_to_unsigned (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"),
                                             10, 1, 60, &retry, NULL));
  g_assert_null (ws_open (f, v.join, NULL, &status));
  g_assert_cmpuint (status, ==, 429);

  /* a minute on the platform's clock later it may try again */
  set_clock (f, "2027-02-10T09:01:05+08:00");
  citizen = ws_open (f, v.join, NULL, &status);
  g_assert_nonnull (citizen);
}

static void
test_rejoin (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(Ws) citizen = NULL;
  g_autoptr(Ws) again = NULL;
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;

  create_video (f, f->clerk, 1, &v);
  clerk = ws_open (f, v.signal, f->clerk, NULL);
  citizen = ws_open (f, v.join, NULL, NULL);
  g_assert_nonnull (citizen);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (citizen, "{\"type\":\"peer\",\"state\":\"joined\"}");

  /* the citizen closes the tab: the clerk is told, the session waits */
  soup_websocket_connection_close (citizen->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"left\"}");
  s1 = video_state (f, v.id);
  g_assert_cmpstr (s1, ==, "waiting");

  /* and comes back with the same code */
  again = ws_open (f, v.join, NULL, NULL);
  g_assert_nonnull (again);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (again, "{\"type\":\"peer\",\"state\":\"joined\"}");
  s2 = video_state (f, v.id);
  g_assert_cmpstr (s2, ==, "connected");

  /* the clerk's socket closing is told to the citizen */
  soup_websocket_connection_close (clerk->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  ws_expect (again, "{\"type\":\"peer\",\"state\":\"left\"}");
}

static gboolean
socket_readable (gpointer data)
{
  return (g_socket_condition_check (data, G_IO_IN) & G_IO_IN) != 0;
}

/* A citizen's phone that lost its network: its socket opened, then
 * nothing, not even pongs. The relay closes it once silent for the
 * liveness (2 s here), the clerk is told, the code works again. */
static void
test_silent_citizen (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(Ws) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *request = NULL;
  GSocket *socket;
  char answer[1024] = { 0 };
  guint status = 0;

  zc_server_set_signal_liveness (f->server, 2);
  create_video (f, f->clerk, 1, &v);
  clerk = ws_open (f, v.signal, f->clerk, NULL);

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) g_uri_get_port (uri),
                                                NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                             "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n", v.join);
  g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==, (gssize) strlen (request));
  g_assert_true (zc_test_spin_until (socket_readable, socket, WAIT_S, "the 101"));
  g_assert_cmpint (g_socket_receive (socket, answer, sizeof answer - 1, NULL, &error), >, 0);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 101"));
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");

  /* silent from now on: closed, the clerk told */
  g_assert_true (zc_test_spin_until (ws_has_frame, clerk, 15, "peer left"));
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"left\"}");
  again = ws_open (f, v.join, NULL, &status);
  g_assert_nonnull (again);
  g_assert_cmpuint (status, ==, 101);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  /* a client that answers the pings stays */
  ws_expect_quiet (clerk, 4000);
  g_assert_false (again->closed);
}

static void
test_end_closes (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_auto(Video) w = { 0 };
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(Ws) citizen = NULL;
  g_autoptr(Ws) clerk_w = NULL;
  g_autoptr(Ws) citizen_w = NULL;
  g_autofree char *path = NULL;

  set_clock (f, START);
  create_video (f, f->clerk, 1, &v);
  create_video (f, f->clerk, 1, &w);
  g_assert_cmpstr (v.code, !=, w.code);
  clerk = ws_open (f, v.signal, f->clerk, NULL);
  citizen = ws_open (f, v.join, NULL, NULL);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (citizen, "{\"type\":\"peer\",\"state\":\"joined\"}");

  /* DELETE: bye to both, both closed */
  path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, v.id);
  g_assert_cmpuint (http (f, "DELETE", path, f->clerk, NULL, NULL, NULL, NULL), ==, 204);
  ws_expect (clerk, "{\"type\":\"bye\"}");
  ws_expect (citizen, "{\"type\":\"bye\"}");
  g_assert_true (zc_test_spin_until (ws_is_closed, clerk, WAIT_S, "ws is closed"));
  g_assert_true (zc_test_spin_until (ws_is_closed, citizen, WAIT_S, "ws is closed"));

  /* expiry on the platform's clock ends a live call the same way */
  clerk_w = ws_open (f, w.signal, f->clerk, NULL);
  citizen_w = ws_open (f, w.join, NULL, NULL);
  ws_expect (clerk_w, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (citizen_w, "{\"type\":\"peer\",\"state\":\"joined\"}");
  set_clock (f, "2027-02-10T11:00:05+08:00");
  ws_expect (clerk_w, "{\"type\":\"bye\"}");
  ws_expect (citizen_w, "{\"type\":\"bye\"}");
  g_assert_true (zc_test_spin_until (ws_is_closed, citizen_w, WAIT_S, "ws is closed"));
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_autofree char *page_path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *js = NULL;
  g_autofree char *css = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;

  create_video (f, f->clerk, 1, &v);
  page_path = g_strdup_printf ("/join/%s", v.code);
  g_assert_cmpuint (http (f, "GET", page_path, NULL, NULL, NULL, &html, &msg), ==, 200);
  headers = soup_message_get_response_headers (msg);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "text/html");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Referrer-Policy"), ==, "no-referrer");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
  g_assert_nonnull (strstr (html, "<html lang=\"zh-CN\">"));
  g_assert_nonnull (strstr (html, "挂断"));
  g_assert_null (strstr (html, "@STATE@"));
  g_assert_cmpuint (http (f, "GET", "/citizen/citizen.js", NULL, NULL, NULL, &js, NULL), ==, 200);
  g_assert_nonnull (strstr (js, "bundlePolicy: 'max-bundle'"));
  g_assert_nonnull (strstr (js, "window.zcStats"));
  g_assert_cmpuint (http (f, "GET", "/citizen/citizen.css", NULL, NULL, NULL, &css, NULL), ==, 200);
  g_assert_cmpuint (http (f, "GET", "/citizen/other.js", NULL, NULL, NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (http (f, "POST", page_path, NULL, "{}", NULL, NULL, NULL), ==, 405);
  g_assert_cmpuint (http (f, "GET", "/join/", NULL, NULL, NULL, NULL, NULL), ==, 404);
}

/* ---- HTTPS: a certificate made here with openssl ---- */

/* cert.pem and key.pem for 127.0.0.1 in @dir; FALSE without openssl */
static gboolean
make_certificate (const char *dir,
                  char      **cert_out,
                  char      **key_out)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (openssl == NULL)
    return FALSE;
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                           "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                           "-keyout", key_path, "-out", cert_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }
  *cert_out = g_steal_pointer (&cert_path);
  *key_out = g_steal_pointer (&key_path);
  return TRUE;
}

static void
test_tls (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  Fixture fx = { 0 };
  Fixture *f = &fx;
  g_auto(Video) v = { 0 };
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(Ws) citizen = NULL;

  dir = g_dir_make_tmp ("zc-video-tls-XXXXXX", &error);
  g_assert_no_error (error);
  if (!make_certificate (dir, &cert_path, &key_path))
    {
      g_test_skip ("openssl is not installed: no certificate to serve");
      zc_test_remove_tree (dir);
      return;
    }
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);

  make_platform (f, certificate);
  g_assert_true (g_str_has_prefix (f->url, "https://127.0.0.1:"));
  f->clerk = login (f, "clerk");
  create_video (f, f->clerk, 1, &v);
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, v.id);
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *want = g_strdup_printf ("%s/join/%s", f->url, v.code);

    g_assert_cmpuint (http (f, "GET", path, f->clerk, NULL, NULL, &text, NULL), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (parse_object (text, &root), "citizen_url"), ==, want);
  }
  /* wss both ways */
  clerk = ws_open (f, v.signal, f->clerk, NULL);
  citizen = ws_open (f, v.join, NULL, NULL);
  g_assert_nonnull (clerk);
  g_assert_nonnull (citizen);
  ws_expect (clerk, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_send (clerk, "{\"type\":\"bye\"}");
  ws_expect (citizen, "{\"type\":\"peer\",\"state\":\"joined\"}");
  ws_expect (citizen, "{\"type\":\"bye\"}");

  g_clear_pointer (&clerk, ws_free);
  g_clear_pointer (&citizen, ws_free);
  fixture_tear_down (f, NULL);
  zc_test_remove_tree (dir);
}

/* ---- the citizen page in headless Chromium ---- */

#define CHROMIUM "/usr/lib/chromium/chromium"
#define NETNS_ENV "ZC_TEST_NETNS"

static GPtrArray *
chromium_argv (const char *profile)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  const char *flags[] = {
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--disable-dev-shm-usage", "--mute-audio", "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--autoplay-policy=no-user-gesture-required",
  };

  g_ptr_array_add (argv, g_strdup (CHROMIUM));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_ptr_array_add (argv, g_strdup (flags[i]));
  g_ptr_array_add (argv, g_strdup_printf ("--user-data-dir=%s", profile));
  return argv;
}

static void
own_process_group (gpointer data)
{
  setpgid (0, 0);
}

/* Stops the browser, then what is left of its group, then reaps it */
static void
chromium_stop (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  for (guint i = 0; i < 50; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          kill (-pid, SIGKILL);
          return;
        }
      g_usleep (100 * 1000);
    }
  kill (-pid, SIGKILL);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
}

/* The DOM of @url after its scripts ran (chromium --dump-dom) */
static char *
chromium_dump_dom (const char *profile,
                   const char *url)
{
  g_autoptr(GPtrArray) argv = chromium_argv (profile);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_insert (argv, 0, g_strdup ("30"));
  g_ptr_array_insert (argv, 0, g_strdup ("-k5"));
  g_ptr_array_insert (argv, 0, g_strdup ("timeout"));
  g_ptr_array_add (argv, g_strdup ("--virtual-time-budget=3000"));
  g_ptr_array_add (argv, g_strdup ("--dump-dom"));
  g_ptr_array_add (argv, g_strdup (url));
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  /* the platform answers on this thread's loop meanwhile */
  {
    g_autoptr(GAsyncResult) result = NULL;

    g_subprocess_communicate_utf8_async (process, NULL, NULL, zc_test_store_result_cb, &result);
    g_assert_true (zc_test_spin_until (zc_test_have_result, &result, 40, "chromium --dump-dom"));
    g_subprocess_communicate_utf8_finish (process, result, &out, NULL, &error);
    g_assert_no_error (error);
  }
  return g_steal_pointer (&out);
}

typedef struct
{
  Ws         *ws;
  const char *want;   /* a "hello" frame's state */
  char       *seen;   /* the last hello's state */
} Hello;

static gboolean
hello_seen (gpointer data)
{
  Hello *h = data;

  while (!g_queue_is_empty (&h->ws->frames))
    {
      g_autofree char *frame = g_queue_pop_head (&h->ws->frames);
      g_autoptr(JsonNode) root = zc_json_parse (frame, -1, 8, NULL);
      JsonObject *o = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

      if (o != NULL && g_strcmp0 (json_object_get_string_member_with_default (o, "type", ""), "hello") == 0)
        {
          g_free (h->seen);
          h->seen = g_strdup (json_object_get_string_member_with_default (o, "state", ""));
          if (g_strcmp0 (h->seen, h->want) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_citizen_page (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Video) v = { 0 };
  g_autoptr(Ws) clerk = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile2 = NULL;
  g_autofree char *url = NULL;
  g_autofree char *wrong_url = NULL;
  g_autofree char *dom = NULL;
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;
  Hello hello = { 0 };
  GPid pid = 0;

  if (!g_file_test (CHROMIUM, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("Debian's chromium is not installed");
      return;
    }
  if (g_getenv (NETNS_ENV) == NULL)
    {
      g_test_skip ("no network namespace could be made (unshare --net)");
      return;
    }

  create_video (f, f->clerk, 1, &v);
  url = g_strdup_printf ("%s/join/%s", f->url, v.code);
  profile = g_build_filename (f->dir, "chromium-profile", NULL);
  profile2 = g_build_filename (f->dir, "chromium-profile-2", NULL);

  /* a wrong code: the page says the link is not valid */
  wrong_url = g_strdup_printf ("%s/join/%06d", f->url, (atoi (v.code) + 1) % 1000000);
  dom = chromium_dump_dom (profile2, wrong_url);
  if (strstr (dom, "链接无效或已过期") == NULL)
    g_error ("the page for a wrong code: %s", dom);

  /* the right one: the page opens its socket (the clerk is told) and
   * shows 等待工作人员 (it reports its state line in a hello frame) */
  clerk = ws_open (f, v.signal, f->clerk, NULL);
  g_assert_nonnull (clerk);
  argv = chromium_argv (profile);
  g_ptr_array_add (argv, g_strdup (url));
  g_ptr_array_add (argv, NULL);
  g_spawn_async (NULL, (char **) argv->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 own_process_group, NULL, &pid, &error);
  g_assert_no_error (error);

  {
    g_autofree char *joined = NULL;

    g_assert_true (zc_test_spin_until (ws_has_frame, clerk, 30, "the page's socket"));
    joined = g_queue_pop_head (&clerk->frames);
    g_assert_cmpstr (joined, ==, "{\"type\":\"peer\",\"state\":\"joined\"}");
  }
  hello.ws = clerk;
  hello.want = "等待工作人员";
  if (!zc_test_spin_until (hello_seen, &hello, 15, "the page's hello"))
    {
      chromium_stop (pid);
      g_error ("the page did not show 等待工作人员 (last said: %s)", hello.seen ? hello.seen : "nothing");
    }
  g_free (hello.seen);
  state = video_state (f, v.id);
  g_assert_cmpstr (state, ==, "connected");

  /* the clerk ends the session: the page's socket is closed */
  path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, v.id);
  g_assert_cmpuint (http (f, "DELETE", path, f->clerk, NULL, NULL, NULL, NULL), ==, 204);
  g_assert_true (zc_test_spin_until (ws_is_closed, clerk, 5, "the clerk's socket closed"));

  chromium_stop (pid);
  g_spawn_close_pid (pid);
}

/* Runs this program again inside a new network namespace with lo up;
 * returns its exit status, or -1 when no namespace can be made. */
static int
run_in_netns (int    argc,
              char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), NETNS_ENV, "1", TRUE);
  gboolean root = geteuid () == 0;
  int status = 0;
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  const char *probe[] = { "unshare", "--net", "true", NULL };
  const char *probe_user[] = { "unshare", "--user", "--map-root-user", "--net", "true", NULL };

  if (unshare == NULL || (!g_file_test ("/usr/sbin/ip", G_FILE_TEST_IS_EXECUTABLE) &&
                          !g_file_test ("/sbin/ip", G_FILE_TEST_IS_EXECUTABLE)))
    return -1;
  if (!g_spawn_sync (NULL, (char **) (root ? probe : probe_user), NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;

  g_ptr_array_add (args, (gpointer) "unshare");
  if (!root)
    {
      g_ptr_array_add (args, (gpointer) "--user");
      g_ptr_array_add (args, (gpointer) "--map-root-user");
    }
  g_ptr_array_add (args, (gpointer) "--net");
  g_ptr_array_add (args, (gpointer) "--");
  g_ptr_array_add (args, (gpointer) "/bin/sh");
  g_ptr_array_add (args, (gpointer) "-c");
  g_ptr_array_add (args, (gpointer) "PATH=\"$PATH:/usr/sbin:/sbin\" ip link set lo up && exec \"$0\" \"$@\"");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  if (!g_spawn_sync (NULL, (char **) args->pdata, envp,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 1;
}

/* zc-platform --tls-cert --tls-key --public-url: its first line is the
 * https URL; it answers over TLS; a missing key is refused */
static void
test_tls_cli (void)
{
  const char *exe = g_getenv ("ZC_PLATFORM_PATH");
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *line = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  Fixture fx = { 0 };
  int status = 0;

  if (exe == NULL)
    {
      g_test_skip ("ZC_PLATFORM_PATH is not set");
      return;
    }
  dir = g_dir_make_tmp ("zc-video-cli-XXXXXX", &error);
  g_assert_no_error (error);
  if (!make_certificate (dir, &cert_path, &key_path))
    {
      g_test_skip ("openssl is not installed: no certificate to serve");
      zc_test_remove_tree (dir);
      return;
    }
  db_path = g_build_filename (dir, "platform.db", NULL);

  /* half the pair: refused */
  {
    const char *argv[] = { exe, "--db", db_path, "--tls-cert", cert_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "--tls-key"));
  }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, "--db", db_path,
                              "--listen", "127.0.0.1:0", "--tls-cert", cert_path,
                              "--tls-key", key_path, "--public-url", "https://zc.example:8443/", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "https://127.0.0.1:"));

  fx.url = g_strdup (line);
  fx.session = soup_session_new_with_options ("timeout", 10, NULL);
  g_assert_cmpuint (http (&fx, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (http (&fx, "GET", "/join/000000", NULL, NULL, NULL, NULL, NULL), ==, 404);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fx.session);
  g_free (fx.url);
  zc_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv (NETNS_ENV) == NULL)
    {
      int status = run_in_netns (argc, argv);

      if (status >= 0)
        return status;
    }

  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/video/create-get-end", test_create_get_end);
  ADD ("/video/relay", test_relay);
  ADD ("/video/flood", test_flood);
  ADD ("/video/refused", test_refused);
  ADD ("/video/rate-limit", test_rate_limit);
  ADD ("/video/rejoin", test_rejoin);
  ADD ("/video/end-closes", test_end_closes);
  ADD ("/video/silent-citizen", test_silent_citizen);
  ADD ("/video/page", test_page);
  ADD ("/video/citizen-page", test_citizen_page);
#undef ADD
  g_test_add_func ("/video/tls", test_tls);
  g_test_add_func ("/video/tls-cli", test_tls_cli);

  return g_test_run ();
}
