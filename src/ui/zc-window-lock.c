/* zc-window-lock.c — the idle lock: a page over the main view, which keeps its state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-mask.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"
#include "zc-window-private.h"

/* --- the idle lock --------------------------------------------------- */

gboolean
zc_window_key_activity_cb (ZcWindow *self)
{
  self->last_input = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

/* Any key or pointer input in the window counts as activity */
gboolean
zc_window_input_event_cb (GtkEventControllerLegacy *controller,
                          GdkEvent                 *event,
                          ZcWindow                 *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
      self->last_input = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
zc_window_hide_dialogs (ZcWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (w) == GTK_WINDOW (self) && gtk_widget_get_visible (GTK_WIDGET (w)))
        g_ptr_array_add (self->hidden_dialogs, g_object_ref (w));
    }
  for (guint i = 0; i < self->hidden_dialogs->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->hidden_dialogs, i), FALSE);
}

static void
zc_window_show_dialogs (ZcWindow *self)
{
  for (guint i = 0; i < self->hidden_dialogs->len; i++)
    gtk_window_present (g_ptr_array_index (self->hidden_dialogs, i));
  g_ptr_array_set_size (self->hidden_dialogs, 0);
}

static void
zc_window_lock_show_error (ZcWindow   *self,
                           const char *message)
{
  gtk_label_set_text (self->lock_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->lock_error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->unlock_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->unlock_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
zc_window_set_unlocking (ZcWindow *self,
                         gboolean  unlocking)
{
  self->unlocking = unlocking;
  gtk_editable_set_editable (GTK_EDITABLE (self->lock_password_row), !unlocking);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_spinner), unlocking);
  gtk_spinner_set_spinning (self->lock_spinner, unlocking);
  zc_window_update_actions (self);
}

/* Locks the main view: it stays as it is (the open reception, its
 * draft, the case) behind a page that shows only the user's name. */
static void
zc_window_lock (ZcWindow *self)
{
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;
  g_autofree char *description = NULL;

  if (user == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;

  /* Translators: %s is the user's name */
  description = g_strdup_printf (_("Locked after a time without use. %s, enter your password to continue."),
                                 zc_user_get_display_name (user));
  adw_status_page_set_description (self->lock_page, description);
  gtk_editable_set_text (GTK_EDITABLE (self->lock_password_row), "");
  zc_window_lock_show_error (self, NULL);
  zc_window_hide_dialogs (self);
  zc_window_defer_sticky_toasts (self);
  zc_window_show_page (self, "locked");
  gtk_widget_grab_focus (GTK_WIDGET (self->lock_password_row));
}

void
zc_window_forget_lock (ZcWindow *self)
{
  /* a logout from the lock page: the hidden dialogs go with the session */
  for (guint i = 0; i < self->hidden_dialogs->len; i++)
    gtk_window_destroy (g_ptr_array_index (self->hidden_dialogs, i));
  g_ptr_array_set_size (self->hidden_dialogs, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->lock_password_row), "");
  adw_status_page_set_description (self->lock_page, NULL);
  zc_window_lock_show_error (self, NULL);
  zc_window_set_unlocking (self, FALSE);
}

/* A remote session open (waiting for the citizen, in the call, the
 * citizen gone for a moment): the clerk is talking, not typing; a lock
 * would hide the citizen and the ID photo mid-call */
static gboolean
zc_window_remote_call_open (ZcWindow *self)
{
  ZcVideoCall *call = self->remote_page != NULL ? zc_remote_window_page_get_call (self->remote_page) : NULL;

  if (call == NULL)
    return FALSE;
  switch (zc_video_call_get_state (call))
    {
    case ZC_VIDEO_CALL_CONNECTING:
    case ZC_VIDEO_CALL_WAITING:
    case ZC_VIDEO_CALL_NEGOTIATING:
    case ZC_VIDEO_CALL_CONNECTED:
    case ZC_VIDEO_CALL_PEER_LEFT:
    case ZC_VIDEO_CALL_NO_PATH:
      return TRUE;
    case ZC_VIDEO_CALL_IDLE:
    case ZC_VIDEO_CALL_ENDED:
    case ZC_VIDEO_CALL_FAILED:
    default:
      return FALSE;
    }
}

static gboolean
idle_check_cb (gpointer user_data)
{
  ZcWindow *self = user_data;

  /* the idle time counts from the call's end */
  if (zc_window_remote_call_open (self))
    {
      self->last_input = g_get_monotonic_time ();
      return G_SOURCE_CONTINUE;
    }
  if (self->idle_lock_seconds > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0 &&
      g_get_monotonic_time () - self->last_input >= (gint64) self->idle_lock_seconds * G_USEC_PER_SEC)
    zc_window_lock (self);
  return G_SOURCE_CONTINUE;
}

/* idle-lock-minutes; ZC_IDLE_LOCK_SECONDS overrides it for tests, only in
 * builds that accept a fixed clock (as ZC_NOW) */
void
zc_window_update_idle_lock (ZcWindow *self)
{
  const char *override = g_getenv ("ZC_IDLE_LOCK_SECONDS");
  guint64 seconds = 0;

  if (override != NULL && zc_clock_fixed_allowed () &&
      g_ascii_string_to_unsigned (override, 10, 0, 24 * 3600, &seconds, NULL))
    self->idle_lock_seconds = (guint) seconds;
  else
    self->idle_lock_seconds = g_settings_get_uint (self->settings, "idle-lock-minutes") * 60;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->idle_lock_seconds > 0)
    self->idle_source = g_timeout_add_seconds (MIN (self->idle_lock_seconds, 5), idle_check_cb, self);
}

static void
zc_window_old_session_ended_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!zc_client_end_session_finish (ZC_CLIENT (object), result, &error))
    {
      g_autofree char *logged = zc_log_mask (error->message);

      /* it expires on the platform by itself */
      g_debug ("The session replaced at the unlock was not ended: %s", logged);
    }
}

typedef struct
{
  ZcWindow *self;        /* strong */
  char     *old_token;   /* the session the unlock replaces */
} Unlocking;

static void
unlocking_free (Unlocking *unlocking)
{
  g_object_unref (unlocking->self);
  if (unlocking->old_token != NULL)
    memset (unlocking->old_token, 0, strlen (unlocking->old_token));
  g_free (unlocking->old_token);
  g_free (unlocking);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Unlocking, unlocking_free)

static void
zc_window_unlock_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Unlocking) unlocking = user_data;
  ZcWindow *self = unlocking->self;
  g_autoptr(ZcUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = zc_client_login_finish (ZC_CLIENT (object), result, &error);
  if (user != NULL && unlocking->old_token != NULL &&
      g_strcmp0 (zc_client_get_token (ZC_CLIENT (object)), unlocking->old_token) != 0)
    {
      /* the new session replaces the old one: no second session of this
       * workstation stays open on the platform */
      zc_client_end_session_async (ZC_CLIENT (object), unlocking->old_token, NULL,
                                   zc_window_old_session_ended_cb, NULL);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  zc_window_set_unlocking (self, FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "locked") != 0)
    return;

  if (user == NULL)
    {
      g_autofree char *message = NULL;

      zc_debug_masked ("Unlock failed", error->message);
      if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED))
        message = g_strdup (_("The password is wrong."));
      else
        message = zc_platform_error_to_user_message (error);
      zc_window_lock_show_error (self, message);
      gtk_editable_set_text (GTK_EDITABLE (self->lock_password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->lock_password_row));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->lock_password_row), "");
  zc_window_lock_show_error (self, NULL);
  adw_status_page_set_description (self->lock_page, NULL);
  self->last_input = g_get_monotonic_time ();
  zc_window_show_page (self, "main");
  zc_window_show_dialogs (self);
  zc_window_show_deferred_toasts (self);
}

/* Unlocking is a login again of the same user against the platform (its
 * lock-out rules apply): a new session token replaces the old one, which
 * is then ended on the platform. */
void
zc_window_unlock (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ZcWindow *self = ZC_WINDOW (widget);
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->lock_password_row));

  if (user == NULL || self->unlocking)
    return;
  if (password[0] == '\0')
    {
      zc_window_lock_show_error (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->lock_password_row));
      return;
    }
  zc_window_lock_show_error (self, NULL);
  zc_window_set_unlocking (self, TRUE);
  {
    Unlocking *unlocking = g_new0 (Unlocking, 1);

    unlocking->self = g_object_ref (self);
    unlocking->old_token = g_strdup (zc_client_get_token (self->client));
    zc_client_login_async (self->client, zc_user_get_username (user), password, self->cancellable,
                           zc_window_unlock_cb, unlocking);
  }
}

static void
lock_password_activated_cb (ZcWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.unlock", NULL);
}

void
zc_window_build_lock_page (ZcWindow *self)
{
  GtkWidget *box, *group, *buttons, *unlock, *logout, *clamp;

  self->lock_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->lock_page, "system-lock-screen-symbolic");
  adw_status_page_set_title (self->lock_page, _("Workstation Locked"));
  gtk_widget_set_name (GTK_WIDGET (self->lock_page), "lock-page");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  self->lock_password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lock_password_row), _("Password"));
  gtk_widget_set_name (GTK_WIDGET (self->lock_password_row), "lock-password-row");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lock_password_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  g_signal_connect_swapped (self->lock_password_row, "entry-activated",
                            G_CALLBACK (lock_password_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->lock_password_row));
  gtk_box_append (GTK_BOX (box), group);

  self->lock_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->lock_error_label, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->lock_error_label), "lock-error-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->lock_error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->lock_error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->lock_error_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  logout = gtk_button_new_with_mnemonic (_("_Log Out"));
  gtk_widget_set_name (logout, "lock-logout-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (logout), "win.logout");
  gtk_widget_add_css_class (logout, "pill");
  gtk_box_append (GTK_BOX (buttons), logout);
  unlock = gtk_button_new_with_mnemonic (_("_Unlock"));
  gtk_widget_set_name (unlock, "unlock-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (unlock), "win.unlock");
  gtk_widget_add_css_class (unlock, "pill");
  gtk_widget_add_css_class (unlock, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), unlock);
  self->unlock_button = GTK_BUTTON (unlock);
  self->lock_spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->lock_spinner), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lock_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unlocking"), -1);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->lock_spinner));
  gtk_box_append (GTK_BOX (box), buttons);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 400);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (self->lock_page, clamp);

  /* a header bar of its own: the window can still be moved and closed */
  {
    GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *header = adw_header_bar_new ();

    adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_label_new (NULL));
    gtk_box_append (GTK_BOX (page), header);
    gtk_widget_set_vexpand (GTK_WIDGET (self->lock_page), TRUE);
    gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->lock_page));
    gtk_stack_add_named (self->stack, page, "locked");
  }
}

