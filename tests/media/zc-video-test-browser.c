/* zc-video-test-browser.c — headless Chromium as the citizen, through a
 * minimal DevTools protocol client (Runtime.evaluate, /json/close, /json/new)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "zc-test-util.h"
#include "zc-video-test-browser.h"

#define CHROMIUM "/usr/lib/chromium/chromium"

struct _ZcVideoTestBrowser
{
  GSubprocess *process;
  char *profile;
  guint port;
  SoupSession *http;
  SoupWebsocketConnection *page;
  char *target_id;
  guint next_id;
  GHashTable *replies;     /* id → JsonNode (the whole reply) */
};

static void
child_setup (gpointer data)
{
  /* a process group of its own: stopped as one at the end; and killed
   * with the test when a failed assertion aborts it (its renderers
   * follow the browser) */
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static char *
http_get (ZcVideoTestBrowser *browser,
          const char         *method,
          const char         *path)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", browser->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  soup_session_send_and_read_async (browser->http, msg, G_PRIORITY_DEFAULT, NULL,
                                    zc_test_store_result_cb, &result);
  body = ZC_TEST_AWAIT_FINISH (result, soup_session_send_and_read_finish (browser->http, result, &error));
  if (body == NULL || soup_message_get_status (msg) != 200)
    return NULL;
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
on_page_message (SoupWebsocketConnection *ws,
                 int                      type,
                 GBytes                  *message,
                 ZcVideoTestBrowser      *browser)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (message, NULL),
                                   g_bytes_get_size (message), NULL))
    return;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "id"))
    return;   /* an event */
  g_hash_table_insert (browser->replies,
                       GUINT_TO_POINTER ((guint) json_object_get_int_member (object, "id")),
                       json_node_copy (root));
}

static gboolean
page_target_found (ZcVideoTestBrowser *browser,
                   const char         *url,
                   char              **ws_url)
{
  g_autofree char *list = http_get (browser, "GET", "/json/list");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *targets;

  if (list == NULL || !json_parser_load_from_data (parser, list, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return FALSE;
  targets = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *t = json_array_get_object_element (targets, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (t, "type", ""), "page") == 0
          && g_str_has_prefix (json_object_get_string_member_with_default (t, "url", ""), url)
          && json_object_has_member (t, "webSocketDebuggerUrl"))
        {
          g_free (browser->target_id);
          browser->target_id = g_strdup (json_object_get_string_member (t, "id"));
          *ws_url = g_strdup (json_object_get_string_member (t, "webSocketDebuggerUrl"));
          return TRUE;
        }
    }
  return FALSE;
}

/* Connects to the tab showing @url */
static void
attach_page (ZcVideoTestBrowser *browser,
             const char         *url)
{
  g_autofree char *ws_url = NULL;
  g_autofree char *http_url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!page_target_found (browser, url, &ws_url))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      zc_test_spin_for (100);
    }
  g_assert_true (g_str_has_prefix (ws_url, "ws://"));
  http_url = g_strconcat ("http://", ws_url + 5, NULL);
  msg = soup_message_new ("GET", http_url);
  soup_session_websocket_connect_async (browser->http, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        zc_test_store_result_cb, &result);
  browser->page = ZC_TEST_AWAIT_FINISH (result,
                                        soup_session_websocket_connect_finish (browser->http, result, &error));
  g_assert_no_error (error);
  soup_websocket_connection_set_max_incoming_payload_size (browser->page, 0);
  g_signal_connect (browser->page, "message", G_CALLBACK (on_page_message), browser);
}

static void
detach_page (ZcVideoTestBrowser *browser)
{
  if (browser->page == NULL)
    return;
  g_signal_handlers_disconnect_by_data (browser->page, browser);
  if (soup_websocket_connection_get_state (browser->page) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (browser->page, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&browser->page);
}

/* Starts Chromium on @url; @fake_ui: camera requests granted at once
 * (else refused in headless until granted through the DevTools);
 * @loopback: WebRTC gathers on loopback too (else, as for any citizen,
 * only on the other interfaces) */
static ZcVideoTestBrowser *
browser_launch (const char *url,
                gboolean    fake_ui,
                gboolean    loopback)
{
  ZcVideoTestBrowser *browser = g_new0 (ZcVideoTestBrowser, 1);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *profile_arg = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *log = NULL;
  gint64 deadline;

  browser->profile = g_dir_make_tmp ("zc-chromium-XXXXXX", &error);
  g_assert_no_error (error);
  browser->http = soup_session_new ();
  browser->replies = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_node_unref);
  profile_arg = g_strconcat ("--user-data-dir=", browser->profile, NULL);
  log = g_build_filename (browser->profile, "chromium.log", NULL);

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  {
    static const char * const flags[] = {
      "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--no-default-browser-check", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-extensions",
      "--disable-dev-shm-usage", "--mute-audio", "--disable-breakpad", "--disable-crash-reporter",
      "--use-fake-device-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
      /* a desktop screen: the shared page beside the clerk's video */
      "--window-size=1280,900",
      "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
    };
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    g_ptr_array_add (args, (char *) CHROMIUM);
    for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
      g_ptr_array_add (args, (char *) flags[i]);
    if (fake_ui)
      g_ptr_array_add (args, (char *) "--use-fake-ui-for-media-stream");
    if (loopback)
      g_ptr_array_add (args, (char *) "--allow-loopback-in-peer-connection");
    /* Chrome as a citizen has it: addresses hidden behind mDNS names
     * unless the page may use the camera (the fake UI grants it, as the
     * citizen clicking 允许 does). ZC_VIDEO_TEST_SHOW_IPS=1 turns the
     * hiding off, as these tests once did (the bench compares both). */
    if (g_getenv ("ZC_VIDEO_TEST_SHOW_IPS") != NULL)
      g_ptr_array_add (args, (char *) "--disable-features=WebRtcHideLocalIpsWithMdns");
    g_ptr_array_add (args, profile_arg);
    g_ptr_array_add (args, (char *) url);
    g_ptr_array_add (args, NULL);
    browser->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  }
  g_assert_no_error (error);

  /* Chromium writes the port it took into the profile */
  port_file = g_build_filename (browser->profile, "DevToolsActivePort", NULL);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (browser->port == 0)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (port_file, &text, NULL, NULL) && strchr (text, '\n') != NULL)
        browser->port = (guint) g_ascii_strtoull (text, NULL, 10);
      else
        {
          if (g_get_monotonic_time () > deadline)
            {
              g_autofree char *out = NULL;
              g_file_get_contents (log, &out, NULL, NULL);
              g_test_message ("chromium said: %s", out != NULL ? out : "(nothing)");
              g_assert_not_reached ();
            }
          zc_test_spin_for (100);
        }
    }
  attach_page (browser, url);
  return browser;
}

ZcVideoTestBrowser *
zc_video_test_browser_start (const char *url)
{
  return browser_launch (url, TRUE, TRUE);
}

ZcVideoTestBrowser *
zc_video_test_browser_start_lan (const char *url)
{
  return browser_launch (url, TRUE, FALSE);
}

/* Sends the DevTools command @method with @params (a JSON object's text)
 * to the page; returns its "result" (transfer full), NULL on an error */
static JsonNode *
browser_command (ZcVideoTestBrowser *browser,
                 const char         *method,
                 const char         *params)
{
  guint id = ++browser->next_id;
  g_autofree char *text = g_strdup_printf ("{\"id\":%u,\"method\":\"%s\",\"params\":%s}",
                                           id, method, params);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  JsonNode *reply;
  JsonNode *result;

  g_assert_nonnull (browser->page);
  soup_websocket_connection_send_text (browser->page, text);
  while ((reply = g_hash_table_lookup (browser->replies, GUINT_TO_POINTER (id))) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      zc_test_spin_for (20);
    }
  result = json_object_get_member (json_node_get_object (reply), "result");
  result = result != NULL ? json_node_copy (result) : NULL;
  if (result == NULL)
    {
      g_autofree char *said = json_to_string (reply, FALSE);
      g_test_message ("%s: %s", method, said);
    }
  g_hash_table_remove (browser->replies, GUINT_TO_POINTER (id));
  return result;
}

ZcVideoTestBrowser *
zc_video_test_browser_start_asking (const char *url,
                                    const char *init_script)
{
  ZcVideoTestBrowser *browser = browser_launch ("about:blank", FALSE, TRUE);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) params = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) navigated = NULL;

  if (init_script != NULL)
    {
      g_autoptr(JsonNode) enabled = browser_command (browser, "Page.enable", "{}");

      g_assert_nonnull (enabled);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, init_script);
      json_builder_end_object (b);
      params = json_builder_get_root (b);
      text = json_to_string (params, FALSE);
      added = browser_command (browser, "Page.addScriptToEvaluateOnNewDocument", text);
      g_assert_nonnull (added);
      g_clear_pointer (&text, g_free);
      json_builder_reset (b);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url);
  json_builder_end_object (b);
  g_clear_pointer (&params, json_node_unref);
  params = json_builder_get_root (b);
  text = json_to_string (params, FALSE);
  navigated = browser_command (browser, "Page.navigate", text);
  g_assert_nonnull (navigated);
  return browser;
}

gboolean
zc_video_test_browser_grant_camera (ZcVideoTestBrowser *browser,
                                    const char         *origin)
{
  g_autofree char *params = g_strdup_printf (
    "{\"permissions\":[\"videoCapture\",\"audioCapture\"],\"origin\":\"%s\"}", origin);
  g_autoptr(JsonNode) result = browser_command (browser, "Browser.grantPermissions", params);

  return result != NULL;
}

JsonNode *
zc_video_test_browser_eval (ZcVideoTestBrowser *browser,
                            const char         *expression)
{
  guint id = ++browser->next_id;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  JsonNode *reply;
  JsonObject *result;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_nonnull (browser->page);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, "Runtime.evaluate");
  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "expression");
  json_builder_add_string_value (b, expression);
  json_builder_set_member_name (b, "awaitPromise");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "returnByValue");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_end_object (b);
  request = json_builder_get_root (b);
  json_generator_set_root (gen, request);
  text = json_generator_to_data (gen, NULL);
  soup_websocket_connection_send_text (browser->page, text);

  while ((reply = g_hash_table_lookup (browser->replies, GUINT_TO_POINTER (id))) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      zc_test_spin_for (20);
    }
  /* {"id":N,"result":{"result":{"type":…,"value":…},"exceptionDetails"?}} */
  result = json_object_get_object_member (json_node_get_object (reply), "result");
  if (result == NULL || json_object_has_member (result, "exceptionDetails")
      || !json_object_has_member (result, "result"))
    {
      g_hash_table_remove (browser->replies, GUINT_TO_POINTER (id));
      return NULL;
    }
  result = json_object_get_object_member (result, "result");
  if (result == NULL || !json_object_has_member (result, "value"))
    {
      g_hash_table_remove (browser->replies, GUINT_TO_POINTER (id));
      return NULL;
    }
  {
    JsonNode *value = json_node_copy (json_object_get_member (result, "value"));
    g_hash_table_remove (browser->replies, GUINT_TO_POINTER (id));
    return value;
  }
}

gboolean
zc_video_test_browser_screenshot (ZcVideoTestBrowser *browser,
                                  const char         *path)
{
  guint id = ++browser->next_id;
  g_autofree char *text = g_strdup_printf ("{\"id\":%u,\"method\":\"Page.captureScreenshot\","
                                           "\"params\":{\"format\":\"png\"}}", id);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  JsonNode *reply;
  JsonObject *result;
  const char *data;
  g_autofree guchar *png = NULL;
  gsize length = 0;
  gboolean ok;

  g_assert_nonnull (browser->page);
  soup_websocket_connection_send_text (browser->page, text);
  while ((reply = g_hash_table_lookup (browser->replies, GUINT_TO_POINTER (id))) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      zc_test_spin_for (20);
    }
  result = json_object_get_object_member (json_node_get_object (reply), "result");
  data = result != NULL ? json_object_get_string_member_with_default (result, "data", NULL) : NULL;
  if (data != NULL)
    png = g_base64_decode (data, &length);
  ok = png != NULL && length > 0 && g_file_set_contents (path, (const char *) png, length, NULL);
  g_hash_table_remove (browser->replies, GUINT_TO_POINTER (id));
  return ok;
}

gint64
zc_video_test_browser_frames_decoded (ZcVideoTestBrowser *browser)
{
  g_autoptr(JsonNode) value = zc_video_test_browser_eval (browser,
    "window.zcStats ? Promise.resolve (window.zcStats ()) : null");

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return -1;
  return json_object_get_int_member_with_default (json_node_get_object (value), "framesDecoded", -1);
}

char *
zc_video_test_browser_page_state (ZcVideoTestBrowser *browser)
{
  g_autoptr(JsonNode) value = zc_video_test_browser_eval (browser,
    "window.zcStats ? Promise.resolve (window.zcStats ()) : null");

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (value), "state", NULL));
}

void
zc_video_test_browser_close_tab (ZcVideoTestBrowser *browser)
{
  g_autofree char *path = g_strconcat ("/json/close/", browser->target_id, NULL);
  g_autofree char *reply = NULL;

  detach_page (browser);
  reply = http_get (browser, "GET", path);
  g_assert_nonnull (reply);
}

void
zc_video_test_browser_open_tab (ZcVideoTestBrowser *browser,
                                const char         *url)
{
  g_autofree char *escaped = g_uri_escape_string (url, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/json/new?", escaped, NULL);
  g_autofree char *reply = NULL;

  detach_page (browser);
  reply = http_get (browser, "PUT", path);
  g_assert_nonnull (reply);
  attach_page (browser, url);
}

void
zc_video_test_browser_stop (ZcVideoTestBrowser *browser)
{
  const char *pid_text;
  pid_t pid = 0;

  detach_page (browser);
  /* the browser first, then its group, then reap */
  pid_text = g_subprocess_get_identifier (browser->process);
  if (pid_text != NULL)
    {
      pid = (pid_t) g_ascii_strtoll (pid_text, NULL, 10);
      kill (pid, SIGTERM);
      for (int i = 0; i < 30 && g_subprocess_get_identifier (browser->process) != NULL; i++)
        zc_test_spin_for (50);
      if (kill (-pid, SIGKILL) != 0 && errno != ESRCH)
        g_test_message ("could not stop chromium's group: %s", g_strerror (errno));
    }
  g_subprocess_wait (browser->process, NULL, NULL);
  g_object_unref (browser->process);
  g_object_unref (browser->http);
  g_hash_table_unref (browser->replies);
  zc_test_remove_tree (browser->profile);
  g_free (browser->profile);
  g_free (browser->target_id);
  g_free (browser);
}

gboolean
zc_video_test_enter_netns (char **argv)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *unshare = NULL;

  if (g_getenv ("ZC_VIDEO_NETNS") != NULL)
    return TRUE;
  unshare = g_find_program_in_path ("unshare");
  if (unshare == NULL)
    return FALSE;
  args = g_ptr_array_new ();
  g_ptr_array_add (args, unshare);
  if (geteuid () != 0)
    {
      g_ptr_array_add (args, (char *) "--user");
      g_ptr_array_add (args, (char *) "--map-root-user");
    }
  g_ptr_array_add (args, (char *) "--net");
  g_ptr_array_add (args, (char *) "--");

  /* can this process make one at all (root, or user namespaces)? */
  {
    g_autoptr(GPtrArray) probe = g_ptr_array_copy (args, NULL, NULL);
    int status = -1;

    g_ptr_array_add (probe, (char *) "/bin/true");
    g_ptr_array_add (probe, NULL);
    if (!g_spawn_sync (NULL, (char **) probe->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
        || !g_spawn_check_wait_status (status, NULL))
      {
        g_printerr ("# cannot make a network namespace here (unshare --net refused)\n");
        return FALSE;
      }
  }

  g_ptr_array_add (args, (char *) "/bin/sh");
  g_ptr_array_add (args, (char *) "-c");
  g_ptr_array_add (args, (char *) "PATH=\"$PATH:/usr/sbin:/sbin\"; ip link set lo up && exec \"$0\" \"$@\"");
  for (int i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  g_setenv ("ZC_VIDEO_NETNS", "1", TRUE);
  execv (unshare, (char **) args->pdata);
  /* could not: say why and let the caller skip */
  g_printerr ("# cannot enter a network namespace: %s\n", g_strerror (errno));
  g_unsetenv ("ZC_VIDEO_NETNS");
  return FALSE;
}
