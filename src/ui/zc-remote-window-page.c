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

#include <glib/gi18n-lib.h>

#include "zc-camera-chooser.h"
#include "zc-qr-code.h"
#include "zc-remote-share-bar.h"
#include "zc-remote-window-page.h"

#define QR_MODULE_PX 5

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

  /* no preview outside a call: neither an empty black box before one
   * nor the last frame frozen after it */
  if (!active)
    gtk_picture_set_paintable (self->local_picture, NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->local_picture)), active);

  gtk_widget_set_visible (GTK_WIDGET (self->remote_placeholder),
                          gtk_picture_get_paintable (self->remote_picture) == NULL);
  gtk_label_set_label (self->remote_placeholder,
                       active ? zc_remote_window_page_describe_state (state)
                              : _("No call"));
}

static void
on_call_state (ZcRemoteWindowPage *self)
{
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
  g_clear_pointer (&self->mute_binding, g_binding_unbind);
  g_clear_pointer (&self->camera_binding, g_binding_unbind);
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
  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (panel));

  gtk_box_append (self->columns, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (self->columns, panel);
}

void
zc_remote_window_page_add_video_bar (ZcRemoteWindowPage *self,
                                     GtkWidget          *bar)
{
  GtkWidget *controls;

  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (bar));

  /* between the video and the call's buttons */
  controls = gtk_widget_get_last_child (GTK_WIDGET (self->video_column));
  gtk_box_insert_child_after (self->video_column, bar, gtk_widget_get_prev_sibling (controls));
}

ZcVideoCall *
zc_remote_window_page_get_call (ZcRemoteWindowPage *self)
{
  g_return_val_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self), NULL);
  return self->call;
}

void
zc_remote_window_page_set_case (ZcRemoteWindowPage *self,
                                gint64              case_id,
                                const char         *title)
{
  g_return_if_fail (ZC_IS_REMOTE_WINDOW_PAGE (self));
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
hang_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZcRemoteWindowPage *self = ZC_REMOTE_WINDOW_PAGE (widget);

  if (self->call != NULL)
    zc_video_call_hang_up (self->call);
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
  g_clear_pointer (&self->mute_binding, g_binding_unbind);
  g_clear_pointer (&self->camera_binding, g_binding_unbind);
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

  gtk_widget_class_install_action (widget_class, "remote.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "remote.hang-up", NULL, hang_up_activated);
  gtk_widget_class_install_action (widget_class, "remote.retry", NULL, retry_activated);
}

static void
zc_remote_window_page_init (ZcRemoteWindowPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
