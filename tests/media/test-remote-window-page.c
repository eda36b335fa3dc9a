/* test-remote-window-page.c — the 远程窗口 page under a display (Xvfb):
 * the session shown (code, QR, link), the call's state in words, the
 * test source said, the local preview, mute / camera off / hang up.
 * Then with the citizen (headless Chromium, inside a network namespace
 * the test makes, as video-e2e): their picture large, "in call", and
 * what the clerk sees when they close the tab. 挂断 asks first (Escape
 * keeps the call); the identity check waits for the citizen; a call
 * over leaves nothing pressed, and the next starts clean.
 * ZC_TEST_SHOT_DIR=DIR saves remote-window*.png there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <locale.h>

#include <cairo-pdf.h>

#include "zc-call-recording-bar.h"
#include "zc-camera-chooser.h"
#include "zc-identity-check-panel.h"
#include "zc-remote-share-bar.h"
#include "zc-remote-window-page.h"
#include "zc-test-util.h"
#include "zc-ui-private.h"
#include "zc-ui-test-util.h"
#include "zc-video-test-browser.h"
#include "zc-video-test-relay.h"

static GtkWidget *
find_child (GtkWidget *root,
            GType      type,
            const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type)
          && (label == NULL
              || (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
              || (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), label) == 0)))
        return c;
      if ((found = find_child (c, type, label)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_local_picture (gpointer data)
{
  return zc_video_call_get_local_texture (data) != NULL;
}

/* the frame of the local preview (style class zc-video-local) */
static GtkWidget *
find_local_frame (GtkWidget *root)
{
  if (gtk_widget_has_css_class (root, "zc-video-local"))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_local_frame (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
page_shows_preview (gpointer data)
{
  GtkWidget *frame = find_local_frame (data);

  return gtk_widget_get_mapped (frame)
         && gtk_picture_get_paintable (GTK_PICTURE (gtk_frame_get_child (GTK_FRAME (frame)))) != NULL;
}

static gboolean
is_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
call_muted (gpointer data)
{
  return zc_video_call_get_muted (data);
}

static gboolean
call_ended (gpointer data)
{
  return zc_video_call_get_state (data) == ZC_VIDEO_CALL_ENDED;
}

static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_visible (c)
          && g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), text) == 0)
        n++;
      n += count_labels (c, text);
    }
  return n;
}

static gboolean
hang_up_asked (gpointer data)
{
  return zc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
hang_up_not_asked (gpointer data)
{
  return zc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* 挂断, answered with @response ("continue", "end"; NULL: Escape, a real
 * key through the X server when there is one) */
static void
hang_up_answering (GtkWidget  *page,
                   const char *response)
{
  GtkWidget *hangup = find_child (page, GTK_TYPE_BUTTON, _("_Hang Up"));
  AdwMessageDialog *dialog;

  g_assert_nonnull (hangup);
  g_assert_true (gtk_widget_is_sensitive (hangup));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (hangup)), ==, "remote.hang-up");
  g_assert_true (gtk_widget_activate_action (page, "remote.hang-up", NULL));
  g_assert_true (zc_test_spin_until (hang_up_asked, NULL, 10, "挂断 asking first"));
  dialog = ADW_MESSAGE_DIALOG (zc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("End the video call with the applicant?"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "end"), ==, _("_End Video"));
  /* neither Enter nor Escape ends the call */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "continue");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "continue");
  if (response != NULL)
    {
      /* a click on the response's button (what closes the dialog) */
      GtkWidget *button = find_child (GTK_WIDGET (dialog), GTK_TYPE_BUTTON,
                                      adw_message_dialog_get_response_label (dialog, response));

      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
    }
  else if (zc_test_keys_init ())
    {
      /* a real Escape through the X server */
      zc_test_focus_window (GTK_WINDOW (dialog));
      zc_test_key (GDK_KEY_Escape, 0);
    }
  else
    /* what the dialog's Escape binding does */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (zc_test_spin_until (hang_up_not_asked, NULL, 10, "the question answered"));
}

static void
on_start_requested (ZcRemoteWindowPage *page,
                    gint64              case_id,
                    gint64             *out)
{
  *out = case_id;
}

static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("ZC_TEST_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderNode *node;
  GskRenderer *renderer;
  int w, h;

  if (dir == NULL)
    return;
  zc_test_spin_for (500);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  if (node != NULL && renderer != NULL)
    {
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      path = g_build_filename (dir, name, NULL);
      gdk_texture_save_to_png (texture, path);
      g_test_message ("screenshot %s", path);
    }
  if (node != NULL)
    gsk_render_node_unref (node);
}

static gboolean
camera_monitor_ready (gpointer data)
{
  return zc_camera_monitor_get_ready (zc_camera_chooser_get_monitor (data));
}

static gboolean
has_video_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "video"))
      return TRUE;
  return FALSE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* a one-page A4 PDF */
static GBytes *
make_pdf (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 28);
  cairo_move_to (cr, 60, 120);
  cairo_show_text (cr, "营业执照");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static gboolean call_in_state (gpointer data);

static void
test_page (void)
{
  ZcVideoTestRelay *relay = zc_video_test_relay_start ();
  g_autoptr(ZcVideoTestSession) session = zc_video_test_relay_create_session (relay);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = zc_remote_window_page_new ();
  ZcVideoCall *call;
  GtkWidget *start, *mute, *camera, *hangup, *code, *qr, *state;
  GdkPaintable *qr_paintable;
  g_autofree char *expected_code = NULL;
  gint64 requested = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (page, "start-requested", G_CALLBACK (on_start_requested), &requested);
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);

  /* the camera for calls: on a computer without one, only the test
   * picture, and the page says so */
  if (!has_video_node ())
    {
      GtkWidget *chooser = find_child (page, ZC_TYPE_CAMERA_CHOOSER, NULL);
      g_autoptr(GtkStringObject) only = NULL;

      g_assert_nonnull (chooser);
      g_assert_true (zc_test_spin_until (camera_monitor_ready, chooser, 20, "the cameras listed"));
      g_assert_cmpuint (g_list_model_get_n_items (zc_camera_chooser_get_choices ((ZcCameraChooser *) chooser)), ==, 1);
      only = g_list_model_get_item (zc_camera_chooser_get_choices ((ZcCameraChooser *) chooser), 0);
      g_assert_cmpstr (gtk_string_object_get_string (only), ==, _("Test picture (no camera)"));
      g_assert_cmpstr (zc_camera_chooser_get_note ((ZcCameraChooser *) chooser), ==,
                       _("No camera found: calls send a test picture and a test tone."));
      g_assert_nonnull (find_child (page, GTK_TYPE_DROP_DOWN, NULL));
    }
  /* sharing waits for a citizen */
  g_assert_nonnull (find_child (page, GTK_TYPE_BUTTON, _("Share a _Page…")));
  g_assert_false (gtk_widget_is_sensitive (find_child (page, GTK_TYPE_BUTTON, _("Share a _Page…"))));
  g_assert_false (gtk_widget_is_sensitive (find_child (page, GTK_TYPE_BUTTON, _("S_top Sharing"))));

  /* before a session: Start, for the case */
  start = find_child (page, GTK_TYPE_BUTTON, _("_Start a Remote Session"));
  g_assert_nonnull (start);
  g_assert_false (gtk_widget_is_sensitive (start));
  /* no empty preview box before a call */
  g_assert_nonnull (find_local_frame (page));
  g_assert_false (gtk_widget_get_visible (find_local_frame (page)));
  zc_remote_window_page_set_case ((ZcRemoteWindowPage *) page, 42, "ZC-20270301-000042 开办餐饮店");
  g_assert_true (gtk_widget_is_sensitive (start));
  /* a button's activation clicks it after 250 ms, later under load */
  g_assert_true (gtk_widget_activate (start));
  g_assert_true (zc_test_spin_until (is_set, &requested, 10, "start-requested"));
  g_assert_cmpint (requested, ==, 42);

  /* the session: code large, QR of the link, state in words, source said */
  call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
  zc_remote_window_page_start_call ((ZcRemoteWindowPage *) page, call, NULL, session->join_code,
                                    session->citizen_url, session->signal_url, session->token);
  g_object_unref (call);
  g_assert_true (zc_remote_window_page_get_call ((ZcRemoteWindowPage *) page) == call);
  expected_code = g_strdup_printf ("%.3s %s", session->join_code, session->join_code + 3);
  code = find_child (page, GTK_TYPE_LABEL, expected_code);
  g_assert_nonnull (code);
  g_assert_true (gtk_widget_get_mapped (code));
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL, session->citizen_url));
  qr = find_child (page, GTK_TYPE_PICTURE, NULL);
  g_assert_nonnull (qr);
  qr_paintable = gtk_picture_get_paintable (GTK_PICTURE (qr));
  g_assert_true (GDK_IS_TEXTURE (qr_paintable));
  /* a QR code of version ≥ 2 (25 modules) + the quiet zone, 5 px a module */
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (qr_paintable)), >=, (25 + 8) * 5);
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (qr_paintable)) % 5, ==, 0);
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL,
                                _("No camera on this computer: the citizen sees a test picture and hears a test tone.")));
  g_assert_true (zc_test_spin_until (has_local_picture, call, 10, "the local preview"));
  g_assert_true (zc_test_spin_until (page_shows_preview, page, 10, "the preview on the page"));
  g_object_set_data (G_OBJECT (call), "test-want", GINT_TO_POINTER (ZC_VIDEO_CALL_WAITING));
  g_assert_true (zc_test_spin_until (call_in_state, call, 10, "waiting for the citizen"));
  state = find_child (page, GTK_TYPE_LABEL, _("Waiting for the citizen to join…"));
  g_assert_nonnull (state);
  /* said once: the video's place does not repeat it */
  g_assert_cmpuint (count_labels (page, _("Waiting for the citizen to join…")), ==, 1);
  g_assert_cmpuint (count_labels (page, _("The citizen’s picture appears here")), ==, 1);
  g_assert_false (gtk_widget_get_mapped (start));

  /* mute and camera off follow the buttons, both ways */
  mute = find_child (page, GTK_TYPE_TOGGLE_BUTTON, _("_Mute"));
  camera = find_child (page, GTK_TYPE_TOGGLE_BUTTON, _("_Camera Off"));
  hangup = find_child (page, GTK_TYPE_BUTTON, _("_Hang Up"));
  g_assert_nonnull (mute);
  g_assert_nonnull (camera);
  g_assert_nonnull (hangup);
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (mute)));
  g_assert_true (gtk_widget_is_sensitive (mute));
  gtk_widget_activate (mute);
  g_assert_true (zc_test_spin_until (call_muted, call, 10, "muted"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mute)), ==, _("Un_mute"));
  zc_video_call_set_camera_off (call, TRUE);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (camera)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (camera)), ==, _("_Camera On"));

  save_shot (window, "remote-window.png");

  /* 挂断 asks; Escape and 继续 keep the call */
  hang_up_answering (page, NULL);
  zc_test_spin_for (200);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_WAITING);
  hang_up_answering (page, "continue");
  zc_test_spin_for (200);
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_WAITING);

  /* 结束视频: the call ends, Start comes back */
  hang_up_answering (page, "end");
  g_assert_true (zc_test_spin_until (call_ended, call, 10, "hung up"));
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL, _("The call has ended")));
  g_assert_true (gtk_widget_get_mapped (start));
  g_assert_false (gtk_widget_is_sensitive (mute));
  /* nothing stays pressed: the next call starts unmuted, camera on */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mute)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (camera)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mute)), ==, _("_Mute"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (camera)), ==, _("_Camera Off"));
  /* and the ended call was not touched by that */
  g_assert_true (zc_video_call_get_muted (call));
  /* no frozen last frame of the preview after the call */
  g_assert_false (gtk_widget_get_visible (find_local_frame (page)));
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (gtk_frame_get_child (GTK_FRAME (find_local_frame (page))))));

  gtk_window_destroy (GTK_WINDOW (window));
  zc_test_spin_for (100);
  zc_video_test_relay_stop (relay);
}

static gboolean
page_shows_remote (gpointer data)
{
  GtkWidget *page = data;
  ZcVideoCall *call = zc_remote_window_page_get_call ((ZcRemoteWindowPage *) page);
  GtkWidget *remote = g_object_get_data (G_OBJECT (page), "test-remote");
  return zc_video_call_get_frames_decoded (call) > 10
         && gtk_picture_get_paintable (GTK_PICTURE (remote)) != NULL;
}

/* the citizen's picture: the main child of the page's overlay */
static GtkWidget *
find_remote_picture (GtkWidget *root)
{
  GtkWidget *overlay = find_child (root, GTK_TYPE_OVERLAY, NULL);

  return overlay != NULL ? gtk_overlay_get_child (GTK_OVERLAY (overlay)) : NULL;
}

static gboolean
share_bar_ready (gpointer data)
{
  ZcPageShare *share = zc_remote_share_bar_get_page_share (data);

  return share != NULL && zc_page_share_get_ready (share);
}

static gboolean
share_bar_shown (gpointer data)
{
  return zc_page_share_get_shown (zc_remote_share_bar_get_page_share (data));
}

static gboolean
share_bar_stopped (gpointer data)
{
  return !zc_page_share_get_sharing (zc_remote_share_bar_get_page_share (data));
}

static gboolean
call_in_state (gpointer data)
{
  ZcVideoCall *call = data;
  ZcVideoCallState want = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (call), "test-want"));

  return zc_video_call_get_state (call) == want;
}

static gboolean
identity_recorded (gpointer data)
{
  return zc_identity_check_panel_get_result (data) != NULL;
}

static gboolean
share_status_empty (gpointer data)
{
  return g_strcmp0 (zc_remote_share_bar_get_status (data), "") == 0;
}

static void
test_page_in_call (void)
{
  ZcVideoTestRelay *relay;
  g_autoptr(ZcVideoTestSession) session = NULL;
  g_autoptr(ZcVideoTestSession) second = NULL;
  g_autofree char *dir = NULL;
  ZcVideoTestBrowser *browser;
  GtkWidget *window, *page, *remote, *panel, *bar, *pass, *mute, *camera;
  ZcVideoCall *call, *call2;

  if (g_getenv ("ZC_VIDEO_NETNS") == NULL
      || !g_file_test ("/usr/lib/chromium/chromium", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs a network namespace of its own and Debian's chromium");
      return;
    }
  relay = zc_video_test_relay_start ();
  session = zc_video_test_relay_create_session (relay);
  window = gtk_window_new ();
  page = zc_remote_window_page_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  zc_remote_window_page_set_case ((ZcRemoteWindowPage *) page, 42, "ZC-20270301-000042 开办餐饮店");
  remote = find_remote_picture (page);
  g_assert_nonnull (remote);
  g_object_set_data (G_OBJECT (page), "test-remote", remote);
  /* the identity check and the recording line, as the window adds them */
  panel = zc_identity_check_panel_new ();
  bar = zc_call_recording_bar_new ();
  zc_remote_window_page_add_side_panel ((ZcRemoteWindowPage *) page, panel);
  zc_remote_window_page_add_video_bar ((ZcRemoteWindowPage *) page, bar);
  zc_identity_check_panel_load ((ZcIdentityCheckPanel *) panel, zc_video_test_relay_get_client (relay), NULL);
  zc_identity_check_panel_set_session ((ZcIdentityCheckPanel *) panel, session->id);
  pass = find_child (panel, GTK_TYPE_BUTTON, _("Passe_d"));
  g_assert_nonnull (pass);
  dir = g_dir_make_tmp ("zc-remote-XXXXXX", NULL);

  call = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
  zc_video_call_set_loopback_ice (call, TRUE);
  zc_call_recording_bar_set_call ((ZcCallRecordingBar *) bar, call, zc_video_test_relay_get_client (relay),
                                  session->id, dir);
  zc_remote_window_page_start_call ((ZcRemoteWindowPage *) page, call, NULL, session->join_code,
                                    session->citizen_url, session->signal_url, session->token);
  g_object_unref (call);
  /* nobody on the video yet: no verdict on them, and the tooltip says why */
  g_assert_false (gtk_widget_is_sensitive (pass));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pass), ==,
                   _("The result can be recorded once the citizen is connected on video."));
  browser = zc_video_test_browser_start (session->citizen_url);

  /* the citizen's picture, large; "in call" */
  g_assert_true (zc_test_spin_until (page_shows_remote, page, 45, "the citizen's picture on the page"));
  g_assert_true (GDK_IS_TEXTURE (gtk_picture_get_paintable (GTK_PICTURE (remote))));
  g_object_set_data (G_OBJECT (call), "test-want", GINT_TO_POINTER (ZC_VIDEO_CALL_CONNECTED));
  g_assert_true (zc_test_spin_until (call_in_state, call, 10, "in call"));
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL, _("In call")));
  save_shot (window, "remote-window-in-call.png");

  /* another case opened meanwhile: the call stays on its own case (its
   * title, its documents to share) */
  g_assert_true (zc_remote_window_page_has_live_call ((ZcRemoteWindowPage *) page));
  zc_remote_window_page_set_case ((ZcRemoteWindowPage *) page, 43, "ZC-20270301-000043 企业信息变更");
  g_assert_cmpint (zc_remote_window_page_get_case_id ((ZcRemoteWindowPage *) page), ==, 42);
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL, "ZC-20270301-000042 开办餐饮店"));
  g_assert_null (find_child (page, GTK_TYPE_LABEL, "ZC-20270301-000043 企业信息变更"));

  /* connected: 通过 recorded on the platform */
  g_assert_true (gtk_widget_is_sensitive (pass));
  g_assert_null (gtk_widget_get_tooltip_text (pass));
  g_assert_true (gtk_widget_activate (pass));
  g_assert_true (zc_test_spin_until (identity_recorded, panel, 15, "通过 recorded"));
  g_assert_cmpstr (zc_identity_check_panel_get_result ((ZcIdentityCheckPanel *) panel), ==, "passed");
  /* the citizen says no to recording: said on the bar */
  g_signal_emit_by_name (call, "consent", FALSE);
  g_assert_cmpint (zc_call_recording_bar_get_state ((ZcCallRecordingBar *) bar), ==, ZC_RECORDING_REFUSED);

  /* a page shared: the clerk reads that the citizen sees it; 停止共享 */
  {
    ZcRemoteShareBar *share_bar = (ZcRemoteShareBar *) find_child (page, ZC_TYPE_REMOTE_SHARE_BAR, NULL);
    g_autoptr(GBytes) pdf = make_pdf ();
    g_autofree char *what = g_strdup_printf (_("%s, page %d"), "营业执照.pdf", 1);
    g_autofree char *seen = g_strdup_printf (_("The citizen sees %s"), what);
    GtkWidget *stop = find_child (page, GTK_TYPE_BUTTON, _("S_top Sharing"));

    g_assert_nonnull (share_bar);
    g_assert_true (zc_test_spin_until (share_bar_ready, share_bar, 10, "the page channel open"));
    zc_remote_share_bar_share (share_bar, pdf, 0, what);
    g_assert_true (zc_test_spin_until (share_bar_shown, share_bar, 15, "the citizen showing the page"));
    g_assert_nonnull (find_child (page, GTK_TYPE_LABEL, seen));
    g_assert_true (gtk_widget_is_sensitive (stop));
    save_shot (window, "remote-window-sharing.png");
    g_assert_true (gtk_widget_activate (stop));
    g_assert_true (zc_test_spin_until (share_bar_stopped, share_bar, 10, "sharing stopped"));
    g_assert_null (find_child (page, GTK_TYPE_LABEL, seen));
  }

  /* the citizen closes the tab: said, and their picture gone */
  zc_video_test_browser_close_tab (browser);
  g_object_set_data (G_OBJECT (call), "test-want", GINT_TO_POINTER (ZC_VIDEO_CALL_PEER_LEFT));
  g_assert_true (zc_test_spin_until (call_in_state, call, 10, "the citizen left"));
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (remote)));
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL,
                                _("The citizen has left; waiting for them to join again…")));
  g_assert_false (gtk_widget_is_sensitive (pass));
  save_shot (window, "remote-window-left.png");

  /* back, a page shared, muted and camera off; then 结束视频 */
  zc_video_test_browser_open_tab (browser, session->citizen_url);
  g_assert_true (zc_test_spin_until (page_shows_remote, page, 45, "the citizen back"));
  {
    ZcRemoteShareBar *share_bar = (ZcRemoteShareBar *) find_child (page, ZC_TYPE_REMOTE_SHARE_BAR, NULL);
    g_autoptr(GBytes) pdf = make_pdf ();

    g_assert_true (zc_test_spin_until (share_bar_ready, share_bar, 10, "the page channel open again"));
    zc_remote_share_bar_share (share_bar, pdf, 0, "营业执照.pdf");
    g_assert_true (zc_test_spin_until (share_bar_shown, share_bar, 15, "the page shown again"));
    mute = find_child (page, GTK_TYPE_TOGGLE_BUTTON, _("_Mute"));
    camera = find_child (page, GTK_TYPE_TOGGLE_BUTTON, _("_Camera Off"));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (mute), TRUE);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (camera), TRUE);
    g_assert_true (zc_video_call_get_muted (call));
    hang_up_answering (page, "end");
    g_assert_true (zc_test_spin_until (call_ended, call, 10, "hung up"));

    /* the call is over: nothing of it stays pressed or shown */
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mute)));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (camera)));
    g_assert_true (zc_test_spin_until (share_status_empty, share_bar, 5, "the sharing said no more"));
    g_assert_false (gtk_widget_is_sensitive (find_child (page, GTK_TYPE_BUTTON, _("S_top Sharing"))));
    g_assert_cmpint (zc_call_recording_bar_get_state ((ZcCallRecordingBar *) bar), ==, ZC_RECORDING_NONE);
    g_assert_false (gtk_widget_get_visible (bar));
    g_assert_false (gtk_widget_is_sensitive (pass));

    /* the next call starts clean: no result, no note, unmuted */
    zc_video_test_relay_end_session (relay, session);
    second = zc_video_test_relay_create_session (relay);
    zc_identity_check_panel_set_session ((ZcIdentityCheckPanel *) panel, second->id);
    call2 = zc_video_call_new (ZC_VIDEO_SOURCE_TEST);
    zc_video_call_set_loopback_ice (call2, TRUE);
    zc_call_recording_bar_set_call ((ZcCallRecordingBar *) bar, call2, zc_video_test_relay_get_client (relay),
                                    second->id, dir);
    zc_remote_window_page_start_call ((ZcRemoteWindowPage *) page, call2, NULL, second->join_code,
                                      second->citizen_url, second->signal_url, second->token);
    g_object_unref (call2);
    g_assert_null (zc_identity_check_panel_get_result ((ZcIdentityCheckPanel *) panel));
    g_assert_false (gtk_widget_get_visible (zc_test_find_named (panel, "identity-status")));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (zc_test_find_named (panel, "identity-note"))), ==, "");
    g_assert_false (gtk_widget_is_sensitive (pass));
    g_assert_cmpint (zc_call_recording_bar_get_state ((ZcCallRecordingBar *) bar), ==, ZC_RECORDING_ASKED);
    g_assert_true (gtk_widget_is_sensitive (mute));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mute)));
    g_assert_false (zc_video_call_get_muted (call2));
    g_assert_cmpstr (zc_remote_share_bar_get_status (share_bar), ==, "");
    hang_up_answering (page, "end");
    g_assert_true (zc_test_spin_until (call_ended, call2, 10, "the second call hung up"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  zc_test_spin_for (200);
  zc_video_test_browser_stop (browser);
  zc_video_test_relay_stop (relay);
  zc_test_remove_tree (dir);
}

/* ---- no path to the citizen (ICE): said, with 重试 ------------------------ */

static void
count_offers (SoupWebsocketConnection *ws,
              int                      type,
              GBytes                  *message,
              guint                   *offers)
{
  if (strstr (g_bytes_get_data (message, NULL), "\"type\":\"offer\"") != NULL)
    (*offers)++;
}

static gboolean
at_least (gpointer data)
{
  guint *n = data;

  return n[0] >= n[1];
}

/* The citizen (a plain WebSocket on the relay, as their page's) sends a
 * candidate nobody answers on: after the ICE timeout the page says why
 * and offers 重试, which offers the citizen again */
static void
test_page_no_path (void)
{
  ZcVideoTestRelay *relay;
  g_autoptr(ZcVideoTestSession) session = NULL;
  g_autoptr(SoupSession) http = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupWebsocketConnection) citizen = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *citizen_signal = NULL;
  GtkWidget *window, *page, *retry;
  ZcVideoCall *call;
  guint offers[2] = { 0, 1 };

  if (g_getenv ("ZC_VIDEO_NETNS") == NULL)
    {
      g_test_skip ("needs a network namespace of its own");
      return;
    }
  relay = zc_video_test_relay_start ();
  session = zc_video_test_relay_create_session (relay);
  window = gtk_window_new ();
  page = zc_remote_window_page_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  zc_remote_window_page_set_case ((ZcRemoteWindowPage *) page, 42, "ZC-20270301-000042 开办餐饮店");
  retry = find_child (page, GTK_TYPE_BUTTON, _("Retr_y"));
  g_assert_nonnull (retry);
  g_assert_false (gtk_widget_get_visible (retry));

  call = g_object_new (ZC_TYPE_VIDEO_CALL, "source", ZC_VIDEO_SOURCE_TEST, "ice-timeout", 1, NULL);
  zc_remote_window_page_start_call ((ZcRemoteWindowPage *) page, call, NULL, session->join_code,
                                    session->citizen_url, session->signal_url, session->token);
  g_object_unref (call);

  http = soup_session_new ();
  citizen_signal = g_strconcat (session->citizen_url, "/signal", NULL);
  msg = soup_message_new ("GET", citizen_signal);
  soup_session_websocket_connect_async (http, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        zc_test_store_result_cb, &result);
  citizen = ZC_TEST_AWAIT_FINISH (result, soup_session_websocket_connect_finish (http, result, &error));
  g_assert_no_error (error);
  g_signal_connect (citizen, "message", G_CALLBACK (count_offers), offers);
  g_assert_true (zc_test_spin_until (at_least, offers, 10, "the clerk's offer"));
  soup_websocket_connection_send_text (citizen,
    "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 9 typ host"
    " generation 0\",\"sdpMLineIndex\":0}");

  g_object_set_data (G_OBJECT (call), "test-want", GINT_TO_POINTER (ZC_VIDEO_CALL_NO_PATH));
  g_assert_true (zc_test_spin_until (call_in_state, call, 10, "no path"));
  g_assert_error (zc_video_call_get_error (call), ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_ICE);
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL, zc_video_call_get_error (call)->message));
  g_assert_true (gtk_widget_get_visible (retry));
  /* the session and its hang-up stay: the citizen still waits */
  g_assert_nonnull (find_child (page, GTK_TYPE_LABEL, _("Join code")));
  g_assert_true (gtk_widget_get_mapped (find_child (page, GTK_TYPE_LABEL, _("Join code"))));
  save_shot (window, "remote-window-no-path.png");

  offers[1] = 2;
  g_assert_true (gtk_widget_activate (retry));
  g_assert_true (zc_test_spin_until (at_least, offers, 10, "a second offer"));
  g_assert_cmpint (zc_video_call_get_state (call), ==, ZC_VIDEO_CALL_NEGOTIATING);
  g_assert_false (gtk_widget_get_visible (retry));

  gtk_window_destroy (GTK_WINDOW (window));
  zc_test_spin_for (200);
  soup_websocket_connection_close (citizen, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  zc_video_test_relay_stop (relay);
}

int
main (int   argc,
      char *argv[])
{
  /* the in-call case runs inside a network namespace of its own; the
   * rest does not mind */
  zc_video_test_enter_netns (argv);
  setlocale (LC_ALL, "");
  if (g_getenv ("ZC_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZC_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 0;
    }
  adw_init ();
  _zc_ui_ensure_resources ();
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/org/zongchuang/Workstation/zc-pages.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  }
  g_test_add_func ("/video/remote-window-page", test_page);
  g_test_add_func ("/video/remote-window-page/in-call", test_page_in_call);
  g_test_add_func ("/video/remote-window-page/no-path", test_page_no_path);
  return g_test_run ();
}
