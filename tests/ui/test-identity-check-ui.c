/* test-identity-check-ui.c — 远程身份核验 (issue 12): the panel beside
 * the remote video shows the applicant's ID photo and data from a real
 * platform on loopback, refuses 不通过 without a note, records 通过 /
 * 不通过 (the case's events say so); the recording line says that
 * nothing is recorded until the citizen agrees, and after a no.
 *
 * ZC_SCREENSHOT=MS keeps the window up MS ms for a look.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zc-call-recording-bar.h"
#include "zc-i18n.h"
#include "zc-identity-check-panel.h"
#include "zc-recording-leftovers.h"
#include "zc-remote-window-page.h"
#include "zc-test-client.h"
#include "zc-test-server.h"
#include "zc-ui-private.h"
#include "zc-ui-test-util.h"

#define PASSWORD  "demo1234"
#define TIMEOUT_S 20

static char *tmp_dir;
static ZcServer *server;

static gboolean
photo_shown (gpointer data)
{
  GtkWidget *photo = zc_test_find_named (data, "identity-photo");

  return gtk_widget_get_visible (photo) && gtk_picture_get_paintable (GTK_PICTURE (photo)) != NULL;
}

static gboolean
status_says (gpointer data)
{
  GtkWidget *status = zc_test_find_named (data, "identity-status");
  const char *words = g_object_get_data (G_OBJECT (data), "words");

  return strstr (gtk_label_get_text (GTK_LABEL (status)), words) != NULL;
}

static guint
count_checks (ZcClient   *client,
              gint64      case_id,
              const char *result_word)
{
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint n = 0;

  zc_client_list_case_events_async (client, case_id, NULL, zc_test_store_result_cb, &result);
  events = ZC_TEST_AWAIT_FINISH (result, zc_client_list_case_events_finish (client, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ZcEvent) e = g_list_model_get_item (events, i);

      if (g_strcmp0 (zc_event_get_action (e), "video.identity_check") == 0 &&
          g_strcmp0 (zc_event_get_to_state (e), result_word) == 0)
        n++;
    }
  return n;
}

static void
test_identity_check (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcClient) supervisor = zc_test_login (zc_server_get_url (server), "supervisor", PASSWORD);
  g_autofree char *key = zc_test_first_person_applicant (supervisor);
  g_autofree char *body_text = g_strdup_printf ("{\"item\":\"open_restaurant\",\"applicant\":\"%s\"}", key);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(ZcVideoCall) call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
  GAsyncResult *result = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = zc_remote_window_page_new ();
  GtkWidget *panel = zc_identity_check_panel_new ();
  GtkWidget *bar = zc_call_recording_bar_new ();
  g_autofree char *dir = g_build_filename (tmp_dir, "recordings", NULL);
  GtkWidget *id_label, *note, *fail, *pass;
  gint64 session_id;

  body = json_from_string (body_text, &error);
  g_assert_no_error (error);
  zc_client_create_case_async (client, json_node_get_object (body), NULL, NULL, zc_test_store_result_cb, &result);
  kase = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
  g_assert_no_error (error);
  zc_client_create_video_session_async (client, zc_case_get_id (kase), NULL, zc_test_store_result_cb, &result);
  session = ZC_TEST_AWAIT_FINISH (result, zc_client_create_video_session_finish (client, result, &error));
  g_assert_no_error (error);
  session_id = json_object_get_int_member (session, "id");

  zc_remote_window_page_add_side_panel (ZC_REMOTE_WINDOW_PAGE (page), panel);
  zc_remote_window_page_add_video_bar (ZC_REMOTE_WINDOW_PAGE (page), bar);
  zc_remote_window_page_set_case (ZC_REMOTE_WINDOW_PAGE (page), zc_case_get_id (kase), "开办餐饮店");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  /* the photo and the data from the licence library; the ID masked */
  zc_identity_check_panel_load (ZC_IDENTITY_CHECK_PANEL (panel), client, key);
  g_assert_true (zc_test_spin_until (photo_shown, panel, TIMEOUT_S, "the ID photo"));
  id_label = zc_test_find_named (panel, "identity-id");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (id_label)), !=, key);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (id_label)), "*"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (zc_test_find_named (panel, "identity-validity"))), !=, "—");

  /* no session yet: nothing to record on */
  pass = zc_test_find_named (panel, "identity-pass");
  fail = zc_test_find_named (panel, "identity-fail");
  note = zc_test_find_named (panel, "identity-note");
  g_assert_false (gtk_widget_get_sensitive (pass));
  zc_identity_check_panel_set_session (ZC_IDENTITY_CHECK_PANEL (panel), session_id);
  g_assert_true (gtk_widget_get_sensitive (pass));

  /* 不通过 without a note: said, nothing recorded */
  g_assert_true (gtk_widget_activate (fail));
  g_object_set_data (G_OBJECT (panel), "words", (gpointer) _("A failed check needs a note: say what did not match."));
  g_assert_true (zc_test_spin_until (status_says, panel, TIMEOUT_S, "the note is asked for"));
  g_assert_true (gtk_widget_has_css_class (note, "error"));
  g_assert_cmpuint (count_checks (client, zc_case_get_id (kase), "failed"), ==, 0);

  /* with a note: recorded */
  gtk_editable_set_text (GTK_EDITABLE (note), "视频中人员与证件照不符");
  g_assert_true (gtk_widget_activate (fail));
  g_object_set_data (G_OBJECT (panel), "words", (gpointer) _("Recorded: identity check failed"));
  g_assert_true (zc_test_spin_until (status_says, panel, TIMEOUT_S, "不通过 recorded"));
  g_assert_cmpstr (zc_identity_check_panel_get_result (ZC_IDENTITY_CHECK_PANEL (panel)), ==, "failed");
  g_assert_cmpuint (count_checks (client, zc_case_get_id (kase), "failed"), ==, 1);

  /* then 通过 (the person came back with the right ID) */
  gtk_editable_set_text (GTK_EDITABLE (note), "重新核对，本人与证件照一致");
  g_assert_true (gtk_widget_activate (pass));
  g_object_set_data (G_OBJECT (panel), "words", (gpointer) _("Recorded: identity check passed"));
  g_assert_true (zc_test_spin_until (status_says, panel, TIMEOUT_S, "通过 recorded"));
  g_assert_cmpuint (count_checks (client, zc_case_get_id (kase), "passed"), ==, 1);

  /* the recording: asked, then the citizen's no (the relay's consent
   * frame, as ZcVideoCall announces it): said, no file */
  zc_call_recording_bar_set_call (ZC_CALL_RECORDING_BAR (bar), call, client, session_id, dir);
  g_assert_cmpint (zc_call_recording_bar_get_state (ZC_CALL_RECORDING_BAR (bar)), ==, ZC_RECORDING_ASKED);
  g_assert_true (gtk_widget_get_visible (bar));
  g_signal_emit_by_name (call, "consent", FALSE);
  g_assert_cmpint (zc_call_recording_bar_get_state (ZC_CALL_RECORDING_BAR (bar)), ==, ZC_RECORDING_REFUSED);
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (bar, "recording-stop")));
  g_assert_null (zc_call_recording_bar_get_path (ZC_CALL_RECORDING_BAR (bar)));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
bar_in_state (gpointer data)
{
  ZcRecordingState wanted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "wanted"));
  ZcRecordingState state = zc_call_recording_bar_get_state (data);

  return state == wanted || state == ZC_RECORDING_FAILED;
}

static void
citizen_connected_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SoupWebsocketConnection **ws = user_data;
  g_autoptr(GError) error = NULL;

  *ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
have_socket (gpointer data)
{
  return *(SoupWebsocketConnection **) data != NULL;
}

/* The citizen says yes on their page (a WebSocket of the citizen's, as
 * the page's script sends it through the platform's relay): the call is
 * recorded, then stored with the case on the platform */
static void
test_recording_after_consent (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcClient) supervisor = zc_test_login (zc_server_get_url (server), "supervisor", PASSWORD);
  g_autofree char *key = zc_test_first_person_applicant (supervisor);
  g_autofree char *body_text = g_strdup_printf ("{\"item\":\"open_restaurant\",\"applicant\":\"%s\"}", key);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(ZcVideoCall) call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
  g_autoptr(SoupSession) citizen = soup_session_new ();
  g_autoptr(SoupMessage) join = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(JsonArray) documents = NULL;
  g_autofree char *signal_url = NULL;
  g_autofree char *join_url = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "recordings-2", NULL);
  GtkWidget *bar = g_object_ref_sink (zc_call_recording_bar_new ());
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = zc_remote_window_page_new ();
  JsonObject *document;
  GAsyncResult *result = NULL;
  gint64 session_id;
  gboolean found = FALSE;

  body = json_from_string (body_text, &error);
  g_assert_no_error (error);
  zc_client_create_case_async (client, json_node_get_object (body), NULL, NULL, zc_test_store_result_cb, &result);
  kase = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
  g_assert_no_error (error);
  zc_client_create_video_session_async (client, zc_case_get_id (kase), NULL, zc_test_store_result_cb, &result);
  session = ZC_TEST_AWAIT_FINISH (result, zc_client_create_video_session_finish (client, result, &error));
  g_assert_no_error (error);
  session_id = json_object_get_int_member (session, "id");

  /* the clerk's side: test pictures, waiting for the citizen */
  signal_url = zc_client_video_signal_url (client, session_id);
  zc_video_call_set_loopback_ice (call, TRUE);
  zc_remote_window_page_add_video_bar (ZC_REMOTE_WINDOW_PAGE (page), bar);
  zc_remote_window_page_set_case (ZC_REMOTE_WINDOW_PAGE (page), zc_case_get_id (kase), "开办餐饮店");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  zc_call_recording_bar_set_call (ZC_CALL_RECORDING_BAR (bar), call, client, session_id, dir);
  zc_remote_window_page_start_call (ZC_REMOTE_WINDOW_PAGE (page), call, zc_client_get_soup_session (client),
                                    json_object_get_string_member (session, "join_code"),
                                    json_object_get_string_member (session, "citizen_url"),
                                    signal_url, zc_client_get_token (client));

  /* the citizen joins and agrees */
  join_url = g_strdup_printf ("%s/join/%s/signal", zc_server_get_url (server),
                              json_object_get_string_member (session, "join_code"));
  join = soup_message_new ("GET", join_url);
  soup_session_websocket_connect_async (citizen, join, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        citizen_connected_cb, &ws);
  g_assert_true (zc_test_spin_until (have_socket, &ws, TIMEOUT_S, "the citizen's socket"));
  soup_websocket_connection_send_text (ws, "{\"type\":\"consent\",\"recording\":true}");
  g_object_set_data (G_OBJECT (bar), "wanted", GINT_TO_POINTER (ZC_RECORDING_RECORDING));
  g_assert_true (zc_test_spin_until (bar_in_state, bar, TIMEOUT_S, "the recording starts"));
  g_assert_cmpint (zc_call_recording_bar_get_state (ZC_CALL_RECORDING_BAR (bar)), ==, ZC_RECORDING_RECORDING);
  g_assert_true (gtk_widget_get_visible (zc_test_find_named (bar, "recording-stop")));
  zc_test_spin_for (2500);
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));

  /* 停止录像: the file ends and goes to the platform */
  g_assert_true (gtk_widget_activate (zc_test_find_named (bar, "recording-stop")));
  g_object_set_data (G_OBJECT (bar), "wanted", GINT_TO_POINTER (ZC_RECORDING_STORED));
  if (!zc_test_spin_until (bar_in_state, bar, TIMEOUT_S, "the recording stored"))
    g_error ("the recording was not stored: state %d, “%s”",
             zc_call_recording_bar_get_state (ZC_CALL_RECORDING_BAR (bar)),
             gtk_label_get_text (GTK_LABEL (zc_test_find_named (bar, "recording-label"))));
  g_assert_cmpint (zc_call_recording_bar_get_state (ZC_CALL_RECORDING_BAR (bar)), ==, ZC_RECORDING_STORED);
  document = zc_call_recording_bar_get_document (ZC_CALL_RECORDING_BAR (bar));
  g_assert_nonnull (document);
  g_assert_cmpstr (json_object_get_string_member (document, "kind"), ==, "recording");
  g_assert_cmpint (json_object_get_int_member (document, "size"), >, 1000);
  /* the local copy goes once the platform has it */
  g_assert_false (g_file_test (zc_call_recording_bar_get_path (ZC_CALL_RECORDING_BAR (bar)), G_FILE_TEST_EXISTS));

  zc_client_list_documents_async (client, zc_case_get_id (kase), NULL, zc_test_store_result_cb, &result);
  documents = ZC_TEST_AWAIT_FINISH (result, zc_client_list_documents_finish (client, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *d = json_array_get_object_element (documents, i);

      if (g_strcmp0 (json_object_get_string_member (d, "media_type"), "video/webm") == 0 &&
          g_strcmp0 (json_object_get_string_member (d, "sha256"),
                     json_object_get_string_member (document, "sha256")) == 0)
        found = TRUE;
    }
  g_assert_true (found);

  zc_video_call_hang_up (call);
  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  zc_test_spin_for (200);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (bar);
}

static void
recorder_finished_cb (ZcCallRecorder *recorder,
                      const GError   *error,
                      gboolean       *done)
{
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static guint
count_recordings (ZcClient *client,
                  gint64    case_id)
{
  g_autoptr(JsonArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint n = 0;

  zc_client_list_documents_async (client, case_id, NULL, zc_test_store_result_cb, &result);
  documents = ZC_TEST_AWAIT_FINISH (result, zc_client_list_documents_finish (client, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (documents); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (documents, i), "media_type"),
                   "video/webm") == 0)
      n++;
  return n;
}

/* A recording the app could not finish storing (it was closed, or its
 * answer was lost after the platform got it): the file and its sidecar
 * stay; the next start sends it with the same Idempotency-Key, and the
 * case ends with exactly one recording; a start after that sends nothing */
static void
test_recording_leftover_after_restart (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcClient) supervisor = zc_test_login (zc_server_get_url (server), "supervisor", PASSWORD);
  g_autofree char *key = zc_test_first_person_applicant (supervisor);
  g_autofree char *body_text = g_strdup_printf ("{\"item\":\"open_restaurant\",\"applicant\":\"%s\"}", key);
  g_autofree char *dir = g_build_filename (tmp_dir, "leftovers", NULL);
  g_autofree char *path = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *join_url = NULL;
  g_autofree char *idempotency_key = g_uuid_string_random ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(SoupSession) citizen = soup_session_new ();
  g_autoptr(SoupMessage) join = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(ZcCallRecorder) recorder = zc_call_recorder_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  GAsyncResult *result = NULL;
  gboolean done = FALSE;
  gint64 session_id;
  guint n;

  body = json_from_string (body_text, &error);
  g_assert_no_error (error);
  zc_client_create_case_async (client, json_node_get_object (body), NULL, NULL, zc_test_store_result_cb, &result);
  kase = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
  g_assert_no_error (error);
  zc_client_create_video_session_async (client, zc_case_get_id (kase), NULL, zc_test_store_result_cb, &result);
  session = ZC_TEST_AWAIT_FINISH (result, zc_client_create_video_session_finish (client, result, &error));
  g_assert_no_error (error);
  session_id = json_object_get_int_member (session, "id");

  /* the citizen agreed (through the relay, as their page does) */
  join_url = g_strdup_printf ("%s/join/%s/signal", zc_server_get_url (server),
                              json_object_get_string_member (session, "join_code"));
  join = soup_message_new ("GET", join_url);
  soup_session_websocket_connect_async (citizen, join, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        citizen_connected_cb, &ws);
  g_assert_true (zc_test_spin_until (have_socket, &ws, TIMEOUT_S, "the citizen's socket"));
  soup_websocket_connection_send_text (ws, "{\"type\":\"consent\",\"recording\":true}");
  zc_test_spin_for (500);

  /* a finished recording, left by the last run with its sidecar */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_strdup_printf ("%s/call-%" G_GINT64_FORMAT ".webm", dir, session_id);
  sidecar = g_strconcat (path, ".json", NULL);
  g_signal_connect (recorder, "finished", G_CALLBACK (recorder_finished_cb), &done);
  g_assert_true (zc_call_recorder_start (recorder, path, &error));
  g_assert_no_error (error);
  zc_test_spin_for (300);
  zc_call_recorder_stop (recorder);
  g_assert_true (zc_test_spin_until (flag_set, &done, TIMEOUT_S, "the recording ends"));
  g_assert_true (zc_recording_leftovers_write_sidecar (path, session_id, idempotency_key, 0, &error));
  g_assert_no_error (error);

  /* the last run's upload reached the platform, its answer did not */
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    zc_client_upload_recording_async (client, session_id, G_INPUT_STREAM (stream), st.st_size, idempotency_key,
                                      NULL, zc_test_store_result_cb, &result);
  }
  document = ZC_TEST_AWAIT_FINISH (result, zc_client_upload_recording_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&stream);
  g_assert_cmpuint (count_recordings (client, zc_case_get_id (kase)), ==, 1);

  /* the next start, after login: sent again with the same key, stored once */
  zc_recording_leftovers_resend_async (client, dir, NULL, zc_test_store_result_cb, &result);
  n = ZC_TEST_AWAIT_FINISH (result, zc_recording_leftovers_resend_finish (result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_recordings (client, zc_case_get_id (kase)), ==, 1);

  /* and a start after that has nothing to send */
  zc_recording_leftovers_resend_async (client, dir, NULL, zc_test_store_result_cb, &result);
  n = ZC_TEST_AWAIT_FINISH (result, zc_recording_leftovers_resend_finish (result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (count_recordings (client, zc_case_get_id (kase)), ==, 1);

  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  zc_test_spin_for (200);
  g_rmdir (dir);
}

/* A yes, then a no during the call: the recording stops and nothing is
 * kept, here or on the platform */
static void
test_consent_withdrawn (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcVideoCall) call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
  g_autofree char *dir = g_build_filename (tmp_dir, "recordings-3", NULL);
  GtkWidget *bar = g_object_ref_sink (zc_call_recording_bar_new ());
  GtkWidget *window = adw_window_new ();
  g_autofree char *path = NULL;

  adw_window_set_content (ADW_WINDOW (window), bar);
  gtk_window_present (GTK_WINDOW (window));
  zc_call_recording_bar_set_call (ZC_CALL_RECORDING_BAR (bar), call, client, 1, dir);
  g_signal_emit_by_name (call, "consent", TRUE);
  g_assert_cmpint (zc_call_recording_bar_get_state (ZC_CALL_RECORDING_BAR (bar)), ==, ZC_RECORDING_RECORDING);
  path = g_strdup (zc_call_recording_bar_get_path (ZC_CALL_RECORDING_BAR (bar)));
  g_signal_emit_by_name (call, "consent", FALSE);
  g_object_set_data (G_OBJECT (bar), "wanted", GINT_TO_POINTER (ZC_RECORDING_REFUSED));
  g_assert_true (zc_test_spin_until (bar_in_state, bar, TIMEOUT_S, "the recording dropped"));
  g_assert_cmpint (zc_call_recording_bar_get_state (ZC_CALL_RECORDING_BAR (bar)), ==, ZC_RECORDING_REFUSED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (zc_call_recording_bar_get_document (ZC_CALL_RECORDING_BAR (bar)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (bar);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  int status;

  zc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  _zc_ui_ensure_resources ();
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/org/zongchuang/Workstation/zc-pages.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  }
  tmp_dir = g_dir_make_tmp ("zc-identity-ui-XXXXXX", NULL);
  db_path = g_build_filename (tmp_dir, "platform.db", NULL);
  server = zc_test_server_start (db_path, TRUE, NULL, 0);

  g_test_add_func ("/ui/remote/identity-check", test_identity_check);
  g_test_add_func ("/ui/remote/recording-after-consent", test_recording_after_consent);
  g_test_add_func ("/ui/remote/consent-withdrawn", test_consent_withdrawn);
  g_test_add_func ("/ui/remote/recording-leftover-after-restart", test_recording_leftover_after_restart);

  status = g_test_run ();
  g_clear_object (&server);
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
