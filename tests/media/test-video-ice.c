/* test-video-ice.c — how ZcVideoCall finds (or fails to find) a path to
 * the citizen's browser (issue 12): loopback given to libnice when the
 * platform is on this machine; the citizen's mDNS names resolved, and
 * when they cannot be, the clerk told so (NO_PATH) with a retry; ICE that
 * does not connect said in words, never a silent hang.
 *
 * A scripted signalling server on 127.0.0.1 plays the relay and the
 * citizen. The whole program runs inside a network namespace it makes
 * (unshare --net, lo up): the lookup of an unknown .local name must fail
 * there, never ask the machine's DNS. With a mount namespace too, its
 * /etc/hosts knows one .local name (KNOWN_MDNS), as nss-mdns would: the
 * resolved path. Without one, as zc-video-test-browser.h does it, and
 * that case is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "zc-test-util.h"
#include "zc-video-call.h"
#include "zc-video-test-browser.h"

/* names as Chrome makes them: nobody answers for the first; the
 * namespace's /etc/hosts has the second */
#define UNKNOWN_MDNS "0b6c1f5e-2d4a-4c7e-9a31-5f0e8d7c6b1a.local"
#define KNOWN_MDNS "5d7e0c2a-8f1b-4e6d-a3c9-1b2f3e4d5c6a.local"

typedef struct
{
  SoupServer *server;
  char *url;
  const char * const *script;    /* frames sent to the clerk on connect */
  SoupWebsocketConnection *ws;
  guint offers;
  GPtrArray *candidates;         /* the clerk's candidates as received */
} Script;

static void
on_message (SoupWebsocketConnection *ws,
            int                      type,
            GBytes                  *message,
            Script                  *s)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *frame_type;

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (message, NULL),
                                             g_bytes_get_size (message), NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  frame_type = json_object_get_string_member (object, "type");
  if (g_strcmp0 (frame_type, "offer") == 0)
    s->offers++;
  else if (g_strcmp0 (frame_type, "candidate") == 0)
    g_ptr_array_add (s->candidates, g_strdup (json_object_get_string_member (object, "candidate")));
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

/* Listens on 127.0.0.1; the URL names the host @host (an address or
 * localhost) */
static void
script_start (Script     *s,
              const char *host)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;
  guint port;

  s->candidates = g_ptr_array_new_with_free_func (g_free);
  s->server = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (s->server, "/signal", NULL, NULL, on_websocket, s, NULL);
  soup_server_listen (s->server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  s->url = g_strdup_printf ("ws://%s:%u/signal", host, port);
}

static void
script_send (Script     *s,
             const char *frame)
{
  g_assert_nonnull (s->ws);
  soup_websocket_connection_send_text (s->ws, frame);
}

static void
script_stop (Script *s)
{
  g_clear_object (&s->ws);
  soup_server_disconnect (s->server);
  g_object_unref (s->server);
  g_free (s->url);
  g_ptr_array_unref (s->candidates);
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

static void
await_state (ZcVideoCall     *call,
             ZcVideoCallState state,
             guint            seconds)
{
  StateWait w = { call, state };

  g_assert_true (zc_test_spin_until (call_in_state, &w, seconds,
                                     g_enum_to_string (ZC_TYPE_VIDEO_CALL_STATE, state)));
}

static gboolean
has_loopback_candidate (gpointer data)
{
  Script *s = data;

  for (guint i = 0; i < s->candidates->len; i++)
    if (strstr (g_ptr_array_index (s->candidates, i), " 127.0.0.1 ") != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
offers_at_least_2 (gpointer data)
{
  return ((Script *) data)->offers >= 2;
}

/* The one place that decides "the citizen is on this machine" */
static void
test_loopback_uri (void)
{
  static const struct { const char *uri; gboolean loopback; } cases[] = {
    { "ws://127.0.0.1:8080/api/v1/video-sessions/1/signal", TRUE },
    { "http://127.0.0.1:8080/", TRUE },
    { "wss://127.1.2.3/x", TRUE },
    { "ws://localhost:8080/x", TRUE },
    { "https://LOCALHOST/x", TRUE },
    { "ws://[::1]:8080/x", TRUE },
    { "wss://10.0.0.5:8443/x", FALSE },
    { "https://zc.example.gov.cn/api/v1", FALSE },
    { "ws://localhost.example.com/x", FALSE },
    { "ws://[::ffff:10.0.0.5]/x", FALSE },
    { "not a uri", FALSE },
    { "", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].uri);
      g_assert_cmpint (zc_video_call_uri_is_loopback (cases[i].uri), ==, cases[i].loopback);
    }
}

/* The platform on this machine (the one-machine demo): the call gives
 * libnice loopback without being told, and offers a 127.0.0.1 candidate */
static void
test_loopback_auto (void)
{
  static const char * const script[] = { "{\"type\":\"peer\",\"state\":\"joined\"}", NULL };
  const char *hosts[] = { "127.0.0.1", "localhost" };

  for (gsize i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      Script s = { .script = script };
      g_autoptr(ZcVideoCall) call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
      gboolean loopback = TRUE;

      script_start (&s, hosts[i]);
      g_object_get (call, "loopback-ice", &loopback, NULL);
      g_assert_false (loopback);
      zc_video_call_start (call, NULL, s.url, "T");
      g_object_get (call, "loopback-ice", &loopback, NULL);
      g_assert_true (loopback);
      g_assert_true (zc_test_spin_until (has_loopback_candidate, &s, 10, "a 127.0.0.1 candidate"));
      zc_video_call_hang_up (call);
      script_stop (&s);
    }
}

/* The citizen's only candidate is an mDNS name nobody answers for: the
 * clerk is told so, the call stays, 重试 offers again */
static void
test_mdns_unresolved (void)
{
  static const char * const script[] = {
    "{\"type\":\"peer\",\"state\":\"joined\"}",
    "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 " UNKNOWN_MDNS
    " 54321 typ host generation 0 ufrag abcd network-id 1\",\"sdpMLineIndex\":0}",
    NULL
  };
  Script s = { .script = script };
  g_autoptr(ZcVideoCall) call = g_object_new (ZC_TYPE_VIDEO_CALL, "source", ZC_VIDEO_SOURCE_TEST,
                                              "ice-timeout", 2, NULL);
  const GError *error;
  gint64 start;

  script_start (&s, "127.0.0.1");
  start = g_get_monotonic_time ();
  zc_video_call_start (call, NULL, s.url, "T");
  await_state (call, ZC_VIDEO_CALL_NO_PATH, 10);
  g_test_message ("no path after %.1f s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  error = zc_video_call_get_error (call);
  g_assert_error (error, ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_MDNS);
  g_assert_nonnull (strstr (error->message, "mDNS"));
  /* the call goes on: the citizen is still there, the socket open */
  g_assert_true (zc_video_call_get_peer_present (call));
  g_assert_cmpint (s.offers, ==, 1);

  /* 重试: a fresh offer, no error meanwhile */
  zc_video_call_retry (call);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_NEGOTIATING);
  g_assert_null (zc_video_call_get_error (call));
  g_assert_true (zc_test_spin_until (offers_at_least_2, &s, 10, "a second offer"));
  /* the same name again: the same answer */
  script_send (&s, script[1]);
  await_state (call, ZC_VIDEO_CALL_NO_PATH, 10);
  g_assert_error (zc_video_call_get_error (call), ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_MDNS);

  /* the citizen leaves and comes back: waiting, then offered again */
  script_send (&s, "{\"type\":\"peer\",\"state\":\"left\"}");
  await_state (call, ZC_VIDEO_CALL_PEER_LEFT, 5);
  g_assert_null (zc_video_call_get_error (call));

  zc_video_call_hang_up (call);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_ENDED);
  script_stop (&s);
}

/* An address nobody answers on, and no answer: ICE's own failure, said
 * as such (not mDNS) once the timeout passed */
static void
test_ice_timeout (void)
{
  static const char * const script[] = {
    "{\"type\":\"peer\",\"state\":\"joined\"}",
    "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 9"
    " typ host generation 0\",\"sdpMLineIndex\":0}",
    "{\"type\":\"candidate\",\"candidate\":\"candidate:2 1 udp 2122260222 " UNKNOWN_MDNS
    " 9 typ host generation 0\",\"sdpMLineIndex\":0}",
    NULL
  };
  Script s = { .script = script };
  g_autoptr(ZcVideoCall) call = g_object_new (ZC_TYPE_VIDEO_CALL, "source", ZC_VIDEO_SOURCE_TEST,
                                              "ice-timeout", 1, NULL);

  script_start (&s, "127.0.0.1");
  zc_video_call_start (call, NULL, s.url, "T");
  await_state (call, ZC_VIDEO_CALL_NO_PATH, 10);
  g_assert_error (zc_video_call_get_error (call), ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_ICE);
  /* hanging up ends it as any call */
  zc_video_call_hang_up (call);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_ENDED);
  /* retry does nothing on an ended call */
  zc_video_call_retry (call);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_ENDED);
  script_stop (&s);
}

/* A name that resolves (here through the namespace's /etc/hosts, on a
 * desktop through nss-mdns) is handed to ICE as an address: what fails
 * then is ICE, not the name */
static void
test_mdns_resolved (void)
{
  static const char * const script[] = {
    "{\"type\":\"peer\",\"state\":\"joined\"}",
    "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 " KNOWN_MDNS
    " 9 typ host generation 0\",\"sdpMLineIndex\":0}",
    NULL
  };
  Script s = { .script = script };
  g_autoptr(ZcVideoCall) call = NULL;

  if (g_getenv ("ZC_VIDEO_ICE_HOSTS") == NULL)
    {
      g_test_skip ("needs a mount namespace with its own /etc/hosts");
      return;
    }
  call = g_object_new (ZC_TYPE_VIDEO_CALL, "source", ZC_VIDEO_SOURCE_TEST, "ice-timeout", 2, NULL);
  script_start (&s, "127.0.0.1");
  zc_video_call_start (call, NULL, s.url, "T");
  await_state (call, ZC_VIDEO_CALL_NO_PATH, 10);
  g_assert_error (zc_video_call_get_error (call), ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_ICE);
  zc_video_call_hang_up (call);
  script_stop (&s);
}

/* Re-executes the test under unshare --net --mount with lo up and
 * /etc/hosts replaced by one that knows KNOWN_MDNS; returns when that
 * cannot be done (the caller falls back to a network namespace alone) */
static void
enter_namespaces (char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *hosts = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (g_getenv ("ZC_VIDEO_NETNS") != NULL || unshare == NULL)
    return;
  hosts = g_build_filename (g_get_tmp_dir (), "zc-video-ice-hosts", NULL);
  if (!g_file_set_contents (hosts, "127.0.0.1 localhost\n127.0.0.1 " KNOWN_MDNS "\n", -1, &error))
    return;
  g_ptr_array_add (args, unshare);
  if (geteuid () != 0)
    {
      g_ptr_array_add (args, (char *) "--user");
      g_ptr_array_add (args, (char *) "--map-root-user");
    }
  g_ptr_array_add (args, (char *) "--net");
  g_ptr_array_add (args, (char *) "--mount");
  g_ptr_array_add (args, (char *) "--");
  g_ptr_array_add (args, (char *) "/bin/sh");
  g_ptr_array_add (args, (char *) "-c");
  g_ptr_array_add (args, (char *) "PATH=\"$PATH:/usr/sbin:/sbin\"; ip link set lo up"
                                   " && mount --bind \"$ZC_VIDEO_ICE_HOSTS\" /etc/hosts && exec \"$0\" \"$@\"");
  /* can it be done here at all? */
  {
    g_autoptr(GPtrArray) probe = g_ptr_array_copy (args, NULL, NULL);
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "ZC_VIDEO_ICE_HOSTS", hosts, TRUE);

    g_ptr_array_add (probe, (char *) "/bin/true");
    g_ptr_array_add (probe, NULL);
    if (!g_spawn_sync (NULL, (char **) probe->pdata, env,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
        || !g_spawn_check_wait_status (status, NULL))
      return;
  }
  for (int i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  g_setenv ("ZC_VIDEO_ICE_HOSTS", hosts, TRUE);
  g_setenv ("ZC_VIDEO_NETNS", "1", TRUE);
  execv (unshare, (char **) args->pdata);
  g_unsetenv ("ZC_VIDEO_NETNS");
  g_unsetenv ("ZC_VIDEO_ICE_HOSTS");
}

static const char *skip_reason;

static void
run_or_skip (gconstpointer data)
{
  GTestFunc func = (GTestFunc) data;

  if (skip_reason != NULL)
    g_test_skip (skip_reason);
  else
    func ();
}

int
main (int   argc,
      char *argv[])
{
  gboolean in_netns;

  enter_namespaces (argv);
  in_netns = zc_video_test_enter_netns (argv);

  g_test_init (&argc, &argv, NULL);
  if (!in_netns)
    skip_reason = "needs a network namespace of its own (unshare --net: root or user namespaces)";
  g_test_add_func ("/video/ice/loopback-uri", test_loopback_uri);
  g_test_add_data_func ("/video/ice/loopback-auto", test_loopback_auto, run_or_skip);
  g_test_add_data_func ("/video/ice/mdns-unresolved", test_mdns_unresolved, run_or_skip);
  g_test_add_data_func ("/video/ice/mdns-resolved", test_mdns_resolved, run_or_skip);
  g_test_add_data_func ("/video/ice/timeout", test_ice_timeout, run_or_skip);
  return g_test_run ();
}
