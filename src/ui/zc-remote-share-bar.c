/* zc-remote-share-bar.c — 共享材料… / 停止共享 on the 远程窗口 page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-page-share-dialog.h"
#include "zc-remote-share-bar.h"

struct _ZcRemoteShareBar
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget *share_button;
  GtkWidget *stop_button;

  /* owned */
  ZcPageShare *share;
  ZcClient *client;
  GCancellable *render;
  char *label;              /* what is shared, or being prepared */
  char *status;             /* what the clerk reads about it, or NULL */
  gint64 case_id;
  gboolean failed;
};

enum {
  PROP_0,
  PROP_STATUS,
  PROP_HAS_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ZcRemoteShareBar, zc_remote_share_bar, GTK_TYPE_WIDGET)

static void
set_status (ZcRemoteShareBar *self,
            const char       *status)
{
  gboolean had = self->status != NULL;

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  if (had != (status != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_STATUS]);
}

static void
update (ZcRemoteShareBar *self)
{
  gboolean ready = self->share != NULL && zc_page_share_get_ready (self->share);
  gboolean sharing = self->share != NULL && zc_page_share_get_sharing (self->share);
  gboolean preparing = self->render != NULL;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "share.choose",
                                 ready && self->client != NULL && self->case_id > 0 && !preparing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "share.stop", sharing || preparing);
  gtk_widget_set_tooltip_text (self->share_button,
                               ready ? NULL : _("Pages can be shared once the citizen is connected"));

  if (self->failed)
    return;    /* the error stays until the next attempt */
  if (preparing)
    text = g_strdup_printf (_("Preparing %s…"), self->label);
  else if (sharing && zc_page_share_get_shown (self->share))
    text = g_strdup_printf (_("The citizen sees %s"), self->label);
  else if (sharing)
    text = g_strdup_printf (_("Sharing %s…"), self->label);
  set_status (self, text);
}

static void
show_error (ZcRemoteShareBar *self,
            const char       *message)
{
  g_autofree char *text = g_strdup_printf (_("The page could not be shared: %s"), message);

  self->failed = TRUE;
  set_status (self, text);
}

static void
rendered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcRemoteShareBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  int width, height;

  png = zc_page_share_render_finish (result, &width, &height, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->render);
  if (png == NULL || self->share == NULL
      || !zc_page_share_show (self->share, png, width, height, &error))
    show_error (self, error != NULL ? error->message : _("The call has ended"));
  update (self);
}

void
zc_remote_share_bar_share (ZcRemoteShareBar *self,
                           GBytes           *pdf,
                           int               page_index,
                           const char       *label)
{
  g_return_if_fail (ZC_IS_REMOTE_SHARE_BAR (self));
  g_return_if_fail (pdf != NULL);

  g_cancellable_cancel (self->render);
  g_clear_object (&self->render);
  self->render = g_cancellable_new ();
  self->failed = FALSE;
  g_free (self->label);
  self->label = g_strdup (label != NULL ? label : "");
  zc_page_share_render_async (pdf, page_index, self->render, rendered_cb, g_object_ref (self));
  update (self);
}

static void
on_dialog_share (ZcRemoteShareBar *self,
                 GBytes           *pdf,
                 int               page_index,
                 const char       *label)
{
  zc_remote_share_bar_share (self, pdf, page_index, label);
}

static void
choose_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZcRemoteShareBar *self = ZC_REMOTE_SHARE_BAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  ZcPageShareDialog *dialog;

  if (self->client == NULL || self->case_id <= 0)
    return;
  dialog = zc_page_share_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->client, self->case_id);
  g_signal_connect_object (dialog, "share", G_CALLBACK (on_dialog_share), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ZcRemoteShareBar *self = ZC_REMOTE_SHARE_BAR (widget);

  g_cancellable_cancel (self->render);
  g_clear_object (&self->render);
  self->failed = FALSE;
  if (self->share != NULL)
    zc_page_share_stop (self->share);
  update (self);
}

void
zc_remote_share_bar_set_call (ZcRemoteShareBar *self,
                              ZcVideoCall      *call)
{
  g_return_if_fail (ZC_IS_REMOTE_SHARE_BAR (self));

  g_cancellable_cancel (self->render);
  g_clear_object (&self->render);
  if (self->share != NULL)
    {
      zc_page_share_stop (self->share);
      g_signal_handlers_disconnect_by_data (self->share, self);
      g_clear_object (&self->share);
    }
  self->failed = FALSE;
  if (call != NULL)
    {
      self->share = zc_page_share_new (call);
      g_signal_connect_swapped (self->share, "notify", G_CALLBACK (update), self);
    }
  update (self);
}

void
zc_remote_share_bar_set_source (ZcRemoteShareBar *self,
                                ZcClient         *client,
                                gint64            case_id)
{
  g_return_if_fail (ZC_IS_REMOTE_SHARE_BAR (self));
  g_set_object (&self->client, client);
  self->case_id = case_id;
  update (self);
}

ZcPageShare *
zc_remote_share_bar_get_page_share (ZcRemoteShareBar *self)
{
  g_return_val_if_fail (ZC_IS_REMOTE_SHARE_BAR (self), NULL);
  return self->share;
}

const char *
zc_remote_share_bar_get_status (ZcRemoteShareBar *self)
{
  g_return_val_if_fail (ZC_IS_REMOTE_SHARE_BAR (self), NULL);
  return self->status != NULL ? self->status : "";
}

GtkWidget *
zc_remote_share_bar_new (void)
{
  return g_object_new (ZC_TYPE_REMOTE_SHARE_BAR, NULL);
}

static void
zc_remote_share_bar_dispose (GObject *object)
{
  ZcRemoteShareBar *self = ZC_REMOTE_SHARE_BAR (object);

  g_cancellable_cancel (self->render);
  g_clear_object (&self->render);
  if (self->share != NULL)
    g_signal_handlers_disconnect_by_data (self->share, self);
  g_clear_object (&self->share);
  g_clear_object (&self->client);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (zc_remote_share_bar_parent_class)->dispose (object);
}

static void
zc_remote_share_bar_finalize (GObject *object)
{
  ZcRemoteShareBar *self = ZC_REMOTE_SHARE_BAR (object);

  g_free (self->label);
  g_free (self->status);
  G_OBJECT_CLASS (zc_remote_share_bar_parent_class)->finalize (object);
}

static void
zc_remote_share_bar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ZcRemoteShareBar *self = ZC_REMOTE_SHARE_BAR (object);

  switch (prop_id)
    {
    case PROP_STATUS: g_value_set_string (value, self->status != NULL ? self->status : ""); break;
    case PROP_HAS_STATUS: g_value_set_boolean (value, self->status != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_remote_share_bar_class_init (ZcRemoteShareBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_remote_share_bar_dispose;
  object_class->finalize = zc_remote_share_bar_finalize;
  object_class->get_property = zc_remote_share_bar_get_property;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_STATUS] =
    g_param_spec_boolean ("has-status", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_install_action (widget_class, "share.choose", NULL, choose_activated);
  gtk_widget_class_install_action (widget_class, "share.stop", NULL, stop_activated);
}

static void
zc_remote_share_bar_init (ZcRemoteShareBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  /* two buttons: built here rather than in a template; what is shared
   * is the "status" property, which the page shows over the video */
  self->share_button = gtk_button_new_with_mnemonic (_("Share a _Page…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->share_button), "share.choose");
  gtk_widget_add_css_class (self->share_button, "pill");
  gtk_widget_set_parent (self->share_button, GTK_WIDGET (self));

  self->stop_button = gtk_button_new_with_mnemonic (_("S_top Sharing"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->stop_button), "share.stop");
  gtk_widget_add_css_class (self->stop_button, "pill");
  gtk_widget_set_parent (self->stop_button, GTK_WIDGET (self));

  update (self);
}
