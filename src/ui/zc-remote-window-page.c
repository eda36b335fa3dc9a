/* zc-remote-window-page.c — 远程窗口: the clerk's side of a video call
 *
 * The page shows a ZcVideoCall and follows it: its state in words, its
 * pictures (textures handed over on the main context), its source. The
 * session itself (code, link) comes from the owner, who asked the
 * platform for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "zc-call-recording-bar.h"
#include "zc-camera-chooser.h"
#include "zc-identity-check-panel.h"
#include "zc-qr-code.h"
#include "zc-remote-share-bar.h"
#include "zc-remote-window-page.h"

#define QR_MODULE_PX 5
#define LOCAL_MIN_WIDTH 128
#define LOCAL_MAX_WIDTH 240
#define LOCAL_MARGIN 12
#define SIDE_PANEL_WIDTH 300

struct _ZcRemoteWindowPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkLabel *case_label;
  GtkStack *session_stack;
  GtkLabel *code_label;
  GtkPicture *qr_picture;
  GtkLabel *url_label;
  GtkLabel *state_label;
  GtkButton *retry_button;
  GtkLabel *source_label;
  GtkPicture *remote_picture;
  GtkLabel *remote_placeholder;
  GtkPicture *local_picture;
  GtkToggleButton *mute_button;
  GtkToggleButton *camera_button;
  ZcRemoteShareBar *share_bar;
  GtkBox *columns;
  GtkBox *video_column;
  GtkOverlay *video_overlay;
  GtkWidget *local_frame;

  /* added by the owner (weak: children of the page) */
  ZcIdentityCheckPanel *identity_panel;
  ZcCallRecordingBar *recording_bar;
  AdwMessageDialog *hang_up_dialog;   /* while asking */

  /* owned */
  ZcClient *client;
  ZcVideoCall *call;
  GSignalGroup *call_signals;
  GBinding *mute_binding;
  GBinding *camera_binding;
  gint64 case_id;
};

enum {
  SIGNAL_START_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZcRemoteWindowPage, zc_remote_window_page, GTK_TYPE_WIDGET)

const char *
zc_remote_window_page_describe_state (ZcVideoCallState state)
{
  switch (state)
    {
    case ZC_VIDEO_CALL_IDLE: return _("No call");
    case ZC_VIDEO_CALL_CONNECTING: return _("Connecting to the platform…");
    case ZC_VIDEO_CALL_WAITING: return _("Waiting for the citizen to join…");
    case ZC_VIDEO_CALL_NEGOTIATING: return _("The citizen has joined: connecting the video…");
    case ZC_VIDEO_CALL_CONNECTED: return _("In call");
    case ZC_VIDEO_CALL_PEER_LEFT: return _("The citizen has left; waiting for them to join again…");
    case ZC_VIDEO_CALL_ENDED: return _("The call has ended");
    case ZC_VIDEO_CALL_FAILED: return _("The call failed");
    case ZC_VIDEO_CALL_NO_PATH: return _("No connection to the citizen");
    default: return "";
    }
}

static gboolean
call_active (ZcRemoteWindowPage *self)
{
  ZcVideoCallState state;

  if (self->call == NULL)
    return FALSE;
  state = zc_video_call_get_state (self->call);
  return state != ZC_VIDEO_CALL_IDLE && state != ZC_VIDEO_CALL_ENDED
         && state != ZC_VIDEO_CALL_FAILED;
}

static void
update (ZcRemoteWindowPage *self)
{
  gboolean active = call_active (self);
  ZcVideoCallState state = self->call != NULL ? zc_video_call_get_state (self->call)
                                              : ZC_VIDEO_CALL_IDLE;
  const GError *error = self->call != NULL ? zc_video_call_get_error (self->call) : NULL;
  g_autofree char *state_text = NULL;

  if (state == ZC_VIDEO_CALL_FAILED && error != NULL)
    state_text = g_strdup_printf (_("The call failed: %s"), error->message);
  else if (state == ZC_VIDEO_CALL_NO_PATH && error != NULL)
    state_text = g_strdup (error->message);
  else
    state_text = g_strdup (zc_remote_window_page_describe_state (state));
  gtk_label_set_label (self->state_label, state_text);

  gtk_stack_set_visible_child_name (self->session_stack, active ? "session" : "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "remote.start", !active && self->case_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "remote.hang-up", active);
  /* ICE found no path: the citizen still waits on their page */
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), state == ZC_VIDEO_CALL_NO_PATH);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "remote.retry", state == ZC_VIDEO_CALL_NO_PATH);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mute_button), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->camera_button), active);

  if (self->call == NULL)
    gtk_label_set_label (self->source_label, "");
  else if (zc_video_call_get_source (self->call) == ZC_VIDEO_SOURCE_TEST)
    gtk_label_set_label (self->source_label,
                         _("No camera on this computer: the citizen sees a test picture and hears a test tone."));
  else
    gtk_label_set_label (self->source_label, _("Camera and microphone of this computer."));

  /* a pressed toggle says what pressing it again does */
  gtk_button_set_label (GTK_BUTTON (self->mute_button),
                        gtk_toggle_button_get_active (self->mute_button) ? _("Un_mute") : _("_Mute"));
  gtk_button_set_label (GTK_BUTTON (self->camera_button),
                        gtk_toggle_button_get_active (self->camera_button) ? _("_Camera On") : _("_Camera Off"));

  /* outside a call the toggles are up: the next call starts unmuted,
   * camera on (the bindings to the ended call are gone by then) */
  if (!active && self->mute_binding == NULL)
    {
      gtk_toggle_button_set_active (self->mute_button, FALSE);
      gtk_toggle_button_set_active (self->camera_button, FALSE);
    }

  /* no preview outside a call: neither an empty black box before one
   * nor the last frame frozen after it */
  if (!active)
    gtk_picture_set_paintable (self->local_picture, NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->local_picture)), active);

  /* the state is said once, on the left; the video's place says only
   * what will be there */
  gtk_widget_set_visible (GTK_WIDGET (self->remote_placeholder),
                          gtk_picture_get_paintable (self->remote_picture) == NULL);
  gtk_label_set_label (self->remote_placeholder, _("The citizen’s picture appears here"));
}

static void
close_hang_up_dialog (ZcRemoteWindowPage *self)
{
  AdwMessageDialog *dialog = self->hang_up_dialog;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->hang_up_dialog);
  self->hang_up_dialog = NULL;
  g_signal_handlers_disconnect_by_data (dialog, self);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* What the citizen's page shows of the clerk: muted, camera off (the
 * page share follows the call), recording */
static void
sync_recording (ZcRemoteWindowPage *self)
{
  ZcPageShare *share = zc_remote_share_bar_get_page_share (self->share_bar);
  gboolean recording = self->recording_bar != NULL
                       && zc_call_recording_bar_get_state (self->recording_bar) == ZC_RECORDING_RECORDING;

  if (share != NULL)
    zc_page_share_set_recording (share, recording);
}

/* The call is over: nothing of it stays pressed or shown (the
 * recording bar keeps saying where its file went) */
static void
call_over (ZcRemoteWindowPage *self)
{
  close_hang_up_dialog (self);
  g_clear_pointer (&self->mute_binding, g_binding_unbind);
  g_clear_pointer (&self->camera_binding, g_binding_unbind);
  zc_remote_share_bar_set_call (self->share_bar, NULL);
}

static void
on_call_state (ZcRemoteWindowPage *self)
{
  ZcVideoCallState state = zc_video_call_get_state (self->call);

  if (state == ZC_VIDEO_CALL_ENDED || state == ZC_VIDEO_CALL_FAILED)
    call_over (self);
  update (self);
}

static void
on_remote_texture (ZcRemoteWindowPage *self)
{
  gtk_picture_set_paintable (self->remote_picture,
                             GDK_PAINTABLE (zc_video_call_get_remote_texture (self->call)));
  gtk_widget_set_visible (GTK_WIDGET (self->remote_placeholder),
                          zc_video_call_get_remote_texture (self->call) == NULL);
}

static void
on_local_texture (ZcRemoteWindowPage *self)
{
  if (!call_active (self))
    return;
  gtk_picture_set_paintable (self->local_picture,
                             GDK_PAINTABLE (zc_video_call_get_local_texture (self->call)));
}

static char *
format_code (const char *code)
{
  gsize n = strlen (code);

  /* 482913 reads aloud better as 482 913 */
  if (n == 6 || n == 8)
    return g_strdup_printf ("%.*s %s", (int) n / 2, code, code + n / 2);
  return g_strdup (code);
}

void
zc_remote_window_page_start_call (ZcRemoteWindowPage *self,
                                  ZcVideoCall        *call,
                                  SoupSession        *session,
                                  const char         *join_code,
                                  const char         *citizen_url,
                                  const char         *signal_url,
                                  const char         *token)
{
  g_autoptr(GdkTexture) qr = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  g_return_if_fail (ZC_IS_VIDEO_CALL (call));

  if (self->call != NULL)
    zc_video_call_hang_up (self->call);
  call_over (self);
  g_set_object (&self->call, call);
  g_signal_group_set_target (self->call_signals, call);
  gtk_picture_set_paintable (self->remote_picture, NULL);
  gtk_picture_set_paintable (self->local_picture, NULL);

  code = format_code (join_code);
  gtk_label_set_label (self->code_label, code);
  gtk_label_set_label (self->url_label, citizen_url);
  qr = zc_qr_code_texture_new (citizen_url, QR_MODULE_PX, &error);
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (qr));
  if (qr == NULL)
    gtk_label_set_label (self->url_label, error->message);

  self->mute_binding = g_object_bind_property (call, "muted", self->mute_button, "active",
                                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  self->camera_binding = g_object_bind_property (call, "camera-off", self->camera_button, "active",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  zc_remote_share_bar_set_call (self->share_bar, call);
  sync_recording (self);
  /* a new call starts clean: no identity result of the last one */
  if (self->identity_panel != NULL)
    zc_identity_check_panel_set_call (self->identity_panel, call);
  zc_video_call_start (call, session, signal_url, token);
  update (self);
}

void
zc_remote_window_page_show_error (ZcRemoteWindowPage *self,
                                  const char         *message)
{
  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  update (self);
  gtk_label_set_label (self->state_label, message);
}

void
zc_remote_window_page_add_side_panel (ZcRemoteWindowPage *self,
                                      GtkWidget          *panel)
{
  GtkWidget *scrolled;

  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (panel));

  /* as narrow as it can be (the video takes the rest), scrolled when
   * the window is low */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_EXTERNAL, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), SIDE_PANEL_WIDTH);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), panel);
  gtk_box_append (self->columns, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (self->columns, scrolled);
  /* the identity check follows the call: 通过 / 不通过 once connected */
  if (ZC_IS_IDENTITY_CHECK_PANEL (panel) && self->identity_panel == NULL)
    {
      self->identity_panel = ZC_IDENTITY_CHECK_PANEL (panel);
      g_object_add_weak_pointer (G_OBJECT (panel), (gpointer *) &self->identity_panel);
      zc_identity_check_panel_set_call (self->identity_panel, self->call);
    }
}

void
zc_remote_window_page_add_video_bar (ZcRemoteWindowPage *self,
                                     GtkWidget          *bar)
{
  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (bar));

  /* between the video and the call's buttons */
  gtk_box_insert_child_after (self->video_column, bar, GTK_WIDGET (self->video_overlay));
  /* the citizen's page says ● 正在录像 while it records */
  if (ZC_IS_CALL_RECORDING_BAR (bar) && self->recording_bar == NULL)
    {
      self->recording_bar = ZC_CALL_RECORDING_BAR (bar);
      g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &self->recording_bar);
      g_signal_connect_object (bar, "notify::state", G_CALLBACK (sync_recording), self, G_CONNECT_SWAPPED);
      sync_recording (self);
    }
}

ZcVideoCall *
zc_remote_window_page_get_call (ZcRemoteWindowPage *self)
{
  g_return_val_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self), NULL);
  return self->call;
}

gboolean
zc_remote_window_page_has_live_call (ZcRemoteWindowPage *self)
{
  g_return_val_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self), FALSE);

  return call_active (self);
}

gint64
zc_remote_window_page_get_case_id (ZcRemoteWindowPage *self)
{
  g_return_val_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self), 0);

  return self->case_id;
}

void
zc_remote_window_page_set_case (ZcRemoteWindowPage *self,
                                gint64              case_id,
                                const char         *title)
{
  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  /* a call stays on its own case: another case opened meanwhile must
   * not put its materials (共享材料) or its applicant before this citizen */
  if (call_active (self) && case_id != self->case_id)
    return;
  self->case_id = case_id;
  gtk_label_set_label (self->case_label, title != NULL ? title : "");
  zc_remote_share_bar_set_source (self->share_bar, self->client, case_id);
  update (self);
}

void
zc_remote_window_page_set_client (ZcRemoteWindowPage *self,
                                  ZcClient           *client)
{
  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  g_set_object (&self->client, client);
  zc_remote_share_bar_set_source (self->share_bar, client, self->case_id);
}

static void
start_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZcRemoteWindowPage *self = ZC_REMOTE_WINDOW_PAGE (widget);

  g_signal_emit (self, signals[SIGNAL_START_REQUESTED], 0, self->case_id);
}

static void
retry_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZcRemoteWindowPage *self = ZC_REMOTE_WINDOW_PAGE (widget);

  if (self->call != NULL)
    zc_video_call_retry (self->call);
}

static void
hang_up_response_cb (ZcRemoteWindowPage *self,
                     const char         *response,
                     AdwMessageDialog   *dialog)
{
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->hang_up_dialog);
  self->hang_up_dialog = NULL;
  if (g_strcmp0 (response, "end") == 0 && self->call != NULL)
    zc_video_call_hang_up (self->call);
}

/* 挂断 asks first: a slip must not cut off the citizen. 继续 is the
 * default and what Escape (and closing the dialog) answers. */
static void
hang_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZcRemoteWindowPage *self = ZC_REMOTE_WINDOW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!call_active (self))
    return;
  if (self->hang_up_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->hang_up_dialog));
      return;
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("End the video call with the applicant?"),
                                   _("The applicant’s page says the call has ended; a new call needs a new session."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "continue", _("_Continue the Call"),
                                    "end", _("_End Video"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  gtk_widget_set_name (dialog, "hang-up-dialog");
  self->hang_up_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->hang_up_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (hang_up_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
zc_remote_window_page_new (void)
{
  return g_object_new (ZC_TYPE_REMOTE_WINDOW_PAGE, NULL);
}

static void
zc_remote_window_page_dispose (GObject *object)
{
  ZcRemoteWindowPage *self = ZC_REMOTE_WINDOW_PAGE (object);

  /* a page that goes away ends its call */
  if (self->call != NULL)
    zc_video_call_hang_up (self->call);
  close_hang_up_dialog (self);
  g_clear_pointer (&self->mute_binding, g_binding_unbind);
  g_clear_pointer (&self->camera_binding, g_binding_unbind);
  if (self->identity_panel != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->identity_panel), (gpointer *) &self->identity_panel);
  self->identity_panel = NULL;
  if (self->recording_bar != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->recording_bar), (gpointer *) &self->recording_bar);
  self->recording_bar = NULL;
  if (self->call_signals != NULL)
    g_signal_group_set_target (self->call_signals, NULL);
  g_clear_object (&self->call_signals);
  g_clear_object (&self->call);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_REMOTE_WINDOW_PAGE);
  /* the template's unbound root box */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (zc_remote_window_page_parent_class)->dispose (object);
}

static void
zc_remote_window_page_class_init (ZcRemoteWindowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_remote_window_page_dispose;

  /* (gint64 case_id) */
  signals[SIGNAL_START_REQUESTED] =
    g_signal_new ("start-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (ZC_TYPE_CAMERA_CHOOSER);
  g_type_ensure (ZC_TYPE_REMOTE_SHARE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/zongchuang/Workstation/zc-remote-window-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, case_label);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, session_stack);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, url_label);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, remote_picture);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, remote_placeholder);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, local_picture);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, mute_button);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, camera_button);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, share_bar);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, columns);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, video_column);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, video_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZcRemoteWindowPage, local_frame);

  gtk_widget_class_install_action (widget_class, "remote.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "remote.hang-up", NULL, hang_up_activated);
  gtk_widget_class_install_action (widget_class, "remote.retry", NULL, retry_activated);
}

/* The clerk's own picture: a fifth of the video's width (128 to 240
 * px, 4:3) in the bottom-right corner, where it leaves the citizen's
 * face (the middle of their picture) free */
static gboolean
local_position_cb (GtkOverlay         *overlay,
                   GtkWidget          *widget,
                   GdkRectangle       *allocation,
                   ZcRemoteWindowPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  int w, h;

  if (widget != self->local_frame)
    return FALSE;
  w = CLAMP (width / 5, LOCAL_MIN_WIDTH, LOCAL_MAX_WIDTH);
  h = w * 3 / 4;
  allocation->width = MIN (w, MAX (0, width - 2 * LOCAL_MARGIN));
  allocation->height = MIN (h, MAX (0, height - 2 * LOCAL_MARGIN));
  allocation->x = MAX (0, width - allocation->width - LOCAL_MARGIN);
  allocation->y = MAX (0, height - allocation->height - LOCAL_MARGIN);
  return TRUE;
}

static void
zc_remote_window_page_init (ZcRemoteWindowPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->video_overlay, "get-child-position", G_CALLBACK (local_position_cb), self);
  g_signal_connect_swapped (self->mute_button, "toggled", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->camera_button, "toggled", G_CALLBACK (update), self);

  self->call_signals = g_signal_group_new (ZC_TYPE_VIDEO_CALL);
  g_signal_group_connect_swapped (self->call_signals, "notify::state", G_CALLBACK (on_call_state), self);
  g_signal_group_connect_swapped (self->call_signals, "notify::error", G_CALLBACK (on_call_state), self);
  g_signal_group_connect_swapped (self->call_signals, "notify::source", G_CALLBACK (on_call_state), self);
  g_signal_group_connect_swapped (self->call_signals, "notify::remote-texture",
                                  G_CALLBACK (on_remote_texture), self);
  g_signal_group_connect_swapped (self->call_signals, "notify::local-texture",
                                  G_CALLBACK (on_local_texture), self);
  update (self);
}
