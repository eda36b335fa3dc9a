/* test-video-call.c — ZcVideoCall against a scripted signalling server on
 * 127.0.0.1: what it offers, and what it does with bad input (no browser,
 * no media leaves the process: ICE is held to loopback)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "zc-test-util.h"
#include "zc-video-call.h"

typedef struct
{
  SoupServer *server;
  char *url;
  const char * const *script;    /* frames sent to the clerk on connect */
  const char *on_offer;          /* sent back when an offer arrives */
  SoupWebsocketConnection *ws;
  char *offer;                   /* the offer's SDP as received */
} Script;

static void
on_message (SoupWebsocketConnection *ws,
            int                      type,
            GBytes                  *message,
            Script                  *s)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (message, NULL),
                                             g_bytes_get_size (message), NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member (object, "type"), "offer") == 0)
    {
      g_free (s->offer);
      s->offer = g_strdup (json_object_get_string_member (object, "sdp"));
      if (s->on_offer != NULL)
        soup_websocket_connection_send_text (ws, s->on_offer);
    }
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *ws,
              gpointer                 user_data)
{
  Script *s = user_data;

  g_set_object (&s->ws, ws);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), s);
  for (guint i = 0; s->script[i] != NULL; i++)
    soup_websocket_connection_send_text (ws, s->script[i]);
}

static void
script_start (Script *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;
  g_autofree char *base = NULL;

  s->server = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (s->server, "/signal", NULL, NULL, on_websocket, s, NULL);
  soup_server_listen (s->server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  s->url = g_strconcat (base, "signal", NULL);
}

static void
script_stop (Script *s)
{
  g_clear_object (&s->ws);
  soup_server_disconnect (s->server);
  g_object_unref (s->server);
  g_free (s->url);
  g_free (s->offer);
}

typedef struct
{
  ZcVideoCall *call;
  ZcVideoCallState state;
} StateWait;

static gboolean
call_in_state (gpointer data)
{
  StateWait *w = data;

  return zc_video_call_get_state (w->call) == w->state;
}

static ZcVideoCall *
new_call (void)
{
  ZcVideoCall *call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);

  zc_video_call_set_loopback_ice (call, TRUE);
  return call;
}

/* What a citizen's browser gets offered: VP8 96 and Opus 111, bundled */
static void
test_offer (void)
{
  static const char * const script[] = { "{\"type\":\"peer\",\"state\":\"joined\"}", NULL };
  Script s = { .script = script };
  g_autoptr(ZcVideoCall) call = new_call ();
  StateWait w = { call, ZC_VIDEO_CALL_NEGOTIATING };

  script_start (&s);
  zc_video_call_start (call, NULL, s.url, "T");
  g_assert_true (zc_test_spin_until (call_in_state, &w, 10, "negotiating"));
  g_assert_true (zc_video_call_get_peer_present (call));
  while (s.offer == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (s.offer, "a=rtpmap:96 VP8/90000"));
  g_assert_nonnull (strstr (s.offer, "a=rtpmap:111 OPUS/48000/2"));
  g_assert_nonnull (strstr (s.offer, "a=group:BUNDLE"));
  g_assert_nonnull (strstr (s.offer, "a=sendrecv"));
  g_assert_cmpint (zc_video_call_get_source (call), ==, ZC_VIDEO_SOURCE_TEST);

  /* the local preview runs meanwhile */
  while (zc_video_call_get_local_texture (call) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gdk_texture_get_width (zc_video_call_get_local_texture (call)), ==, 320);
  g_assert_cmpint (gdk_texture_get_height (zc_video_call_get_local_texture (call)), ==, 240);

  zc_video_call_hang_up (call);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_ENDED);
  g_assert_null (zc_video_call_get_error (call));
  script_stop (&s);
}

/* Frames that are not the protocol are dropped; an answer that is not SDP
 * ends the call with a protocol error, not a crash */
static void
test_bad_input (void)
{
  static const char * const script[] = {
    "not json",
    "[1,2,3]",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "{\"type\":\"candidate\"}",
    "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 UDP 1 127.0.0.1 9 typ host\",\"sdpMLineIndex\":99999}",
    "{\"type\":\"answer\"}",
    "{\"type\":7}",
    "{\"type\":\"peer\",\"state\":[]}",
    "{\"type\":\"candidate\",\"candidate\":5,\"sdpMLineIndex\":\"0\"}",
    "{\"type\":\"peer\",\"state\":\"sideways\"}",
    "{\"type\":\"peer\",\"state\":\"joined\"}",
    NULL
  };
  Script s = { .script = script,
               .on_offer = "{\"type\":\"answer\",\"sdp\":\"this is not SDP\"}" };
  g_autoptr(ZcVideoCall) call = new_call ();
  StateWait w = { call, ZC_VIDEO_CALL_FAILED };
  const GError *error;

  script_start (&s);
  zc_video_call_start (call, NULL, s.url, NULL);
  g_assert_true (zc_test_spin_until (call_in_state, &w, 10, "failed"));
  g_assert_nonnull (s.offer);
  error = zc_video_call_get_error (call);
  g_assert_error (error, ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_PROTOCOL);
  script_stop (&s);
}

/* Nothing listens: a signalling error, said in words */
static void
test_unreachable (void)
{
  g_autoptr(ZcVideoCall) call = new_call ();
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/signal", zc_test_pick_port ());
  StateWait w = { call, ZC_VIDEO_CALL_FAILED };

  zc_video_call_start (call, NULL, url, "T");
  g_assert_true (zc_test_spin_until (call_in_state, &w, 10, "failed"));
  g_assert_error (zc_video_call_get_error (call), ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_SIGNALLING);
  /* hanging up a failed call does nothing */
  zc_video_call_hang_up (call);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_FAILED);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* The relay goes away mid-call: the clerk is told */
static void
test_relay_lost (void)
{
  static const char * const script[] = { NULL };
  Script s = { .script = script };
  g_autoptr(ZcVideoCall) call = new_call ();
  StateWait waiting = { call, ZC_VIDEO_CALL_WAITING };
  StateWait failed = { call, ZC_VIDEO_CALL_FAILED };
  guint previews = 0;

  script_start (&s);
  zc_video_call_start (call, NULL, s.url, "T");
  g_assert_true (zc_test_spin_until (call_in_state, &waiting, 10, "waiting"));

  /* while the citizen has not joined, webrtcbin holds back what is to be
   * sent: the preview keeps moving all the same */
  zc_test_spin_for (2500);
  g_signal_connect_swapped (call, "notify::local-texture", G_CALLBACK (count_notify), &previews);
  zc_test_spin_for (2000);
  g_test_message ("%u preview frames in 2 s while waiting", previews);
  g_assert_cmpuint (previews, >, 10);

  while (s.ws == NULL)
    g_main_context_iteration (NULL, TRUE);
  soup_websocket_connection_close (s.ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_assert_true (zc_test_spin_until (call_in_state, &failed, 10, "failed"));
  g_assert_error (zc_video_call_get_error (call), ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_SIGNALLING);
  script_stop (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/video/call/offer", test_offer);
  g_test_add_func ("/video/call/bad-input", test_bad_input);
  g_test_add_func ("/video/call/unreachable", test_unreachable);
  g_test_add_func ("/video/call/relay-lost", test_relay_lost);
  return g_test_run ();
}
