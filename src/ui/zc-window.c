/* zc-window.c — the workstation window: demo platform start, login, main view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-client.h"
#include "zc-remote-window-page.h"
#include "zc-call-recording-bar.h"
#include "zc-recording-leftovers.h"
#include "zc-identity-check-panel.h"
#include "zc-clock.h"
#include "zc-mask.h"

#include "zc-outbox.h"
#include "zc-session.h"
#include "zc-store.h"

#include "zc-case-page.h"
#include "zc-commitments-page.h"
#include "zc-inbox-page.h"
#include "zc-login-page.h"
#include "zc-reception-page.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"
#include "zc-window.h"

#include "zc-window-private.h"

G_DEFINE_FINAL_TYPE (ZcWindow, zc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DEMO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- helpers --------------------------------------------------------- */

void
zc_window_update_actions (ZcWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.logout",
                                 (g_strcmp0 (page, "main") == 0 || g_strcmp0 (page, "locked") == 0)
                                 && !self->logging_out);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock",
                                 g_strcmp0 (page, "locked") == 0 && !self->logging_out && !self->unlocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry-start",
                                 g_strcmp0 (page, "start-error") == 0);
}

void
zc_window_show_page (ZcWindow   *self,
                     const char *name)
{
  gtk_spinner_set_spinning (self->starting_spinner, g_str_equal (name, "starting"));
  gtk_stack_set_visible_child_name (self->stack, name);
  zc_window_update_actions (self);
}

static void
zc_window_set_demo_mode (ZcWindow *self,
                         gboolean  demo_mode)
{
  GtkWidget *marks[] = {
    self->demo_mark_starting, self->demo_mark_error,
    self->demo_mark_login, self->demo_mark_main,
  };

  self->demo_mode = !!demo_mode;

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      gtk_widget_set_visible (marks[i], self->demo_mode);
      gtk_widget_set_tooltip_text (marks[i], _("This workstation uses the bundled demo platform: "
                                               "every person and case in it is invented."));
      gtk_accessible_update_property (GTK_ACCESSIBLE (marks[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Demo Mode"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("This workstation uses the bundled demo platform: "
                                        "every person and case in it is invented."),
                                      -1);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_MODE]);
}

/* --- the outbox: offline bar, refused submissions ------------------- */

void
zc_window_update_outbox_bars (ZcWindow *self)
{
  gboolean logged_in = self->client != NULL && zc_client_get_user (self->client) != NULL;
  gboolean offline = FALSE;
  guint pending = 0, refused = 0;

  if (self->offline_revealer == NULL)
    return;
  if (self->outbox != NULL && logged_in)
    {
      offline = !zc_outbox_get_online (self->outbox);
      pending = zc_outbox_get_pending (self->outbox);
      refused = zc_outbox_get_refused (self->outbox);
    }

  if (offline)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The platform cannot be reached. Saved receptions are submitted automatically once it is back (%u waiting).",
                                           "The platform cannot be reached. Saved receptions are submitted automatically once it is back (%u waiting).",
                                           pending),
                              pending);
      gtk_label_set_text (self->offline_label, text);
    }
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);

  if (refused > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The platform refused %u submission: it needs your correction.",
                                           "The platform refused %u submissions: they need your correction.",
                                           refused),
                              refused);
      gtk_label_set_text (self->refused_label, text);
    }
  gtk_revealer_set_reveal_child (self->refused_revealer, refused > 0);
}

static void
outbox_notify_cb (ZcWindow *self)
{
  zc_window_update_outbox_bars (self);
}


/* the dialog follows the list (another refusal, a correction) */
static void
outbox_refused_notify_cb (ZcWindow *self)
{
  zc_window_update_outbox_bars (self);
  zc_window_fill_refused (self);
}

static void
outbox_entry_refused_cb (ZcWindow      *self,
                         ZcOutboxEntry *entry)
{
  const char *reason = zc_outbox_entry_get_last_error (entry) ? zc_outbox_entry_get_last_error (entry) : "";
  g_autofree char *message = NULL;

  JsonObject *body = zc_outbox_entry_get_body (entry);

  if (g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) == 0 && body != NULL)
    /* Translators: a material's file name and why it was refused */
    message = g_strdup_printf (_("The platform refused the material file %s: %s"),
                               json_object_get_string_member_with_default (body, "name", ""), reason);
  else if (zc_outbox_entry_get_local_ref (entry) != NULL)
    message = g_strdup_printf (_("The platform refused the submission %s: %s"),
                               zc_outbox_entry_get_local_ref (entry), reason);
  else
    message = g_strdup_printf (_("The platform refused a submission: %s"), reason);
  zc_window_add_toast (self, adw_toast_new (message));
  zc_window_update_outbox_bars (self);
}

/* a case submitted here reached the platform: the inbox shows it
 * without F5 */
static void
outbox_entry_sent_cb (ZcWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->inbox_page), "inbox.refresh", NULL);
}

static void
zc_window_set_outbox (ZcWindow *self,
                      ZcOutbox *outbox)
{
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    {
      g_signal_connect_swapped (outbox, "notify::online", G_CALLBACK (outbox_notify_cb), self);
      g_signal_connect_swapped (outbox, "notify::pending", G_CALLBACK (outbox_notify_cb), self);
      g_signal_connect_swapped (outbox, "notify::refused", G_CALLBACK (outbox_refused_notify_cb), self);
      g_signal_connect_swapped (outbox, "entry-refused", G_CALLBACK (outbox_entry_refused_cb), self);
      g_signal_connect_swapped (outbox, "entry-sent", G_CALLBACK (outbox_entry_sent_cb), self);
    }
  zc_window_update_outbox_bars (self);
}

static void session_notification_cb (ZcWindow *self, const char *message);

static void
zc_window_use_platform (ZcWindow   *self,
                        const char *url)
{
  g_autofree char *username = NULL;

  if (self->session != NULL)
    {
      zc_session_stop (self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_clear_object (&self->session);
  self->session = zc_session_new (url, self->store);
  {
    g_autofree char *ca_file = g_strstrip (g_settings_get_string (self->settings, "ca-file"));
    g_autoptr(GError) error = NULL;

    /* an unreadable bundle refuses every call; the login page says why */
    if (!zc_client_set_ca_file (zc_session_get_client (self->session), ca_file, &error))
      {
        g_autofree char *logged = zc_log_mask (error->message);

        g_warning ("%s", logged);
      }
  }
  g_signal_connect_swapped (self->session, "notification", G_CALLBACK (session_notification_cb), self);
  g_set_object (&self->client, zc_session_get_client (self->session));
  zc_window_set_outbox (self, zc_session_get_outbox (self->session));

  username = g_settings_get_string (self->settings, "last-username");
  zc_login_page_set_client (self->login_page, self->client, self->cancellable);
  zc_login_page_set_username (self->login_page, username);
  zc_window_show_page (self, "login");
  zc_login_page_reset (self->login_page);
}

/* --- the remote window (远程窗口) ----------------------------------- */

/* The remote page is for the case open on the case page */
static void
zc_window_remote_follow_case (ZcWindow *self)
{
  ZcCase *c = zc_case_page_get_case (self->case_page);
  g_autofree char *title = NULL;

  /* a live call stays on its case (its applicant, its materials): the
   * clerk who looked at another case meanwhile is told, not switched */
  if (zc_remote_window_page_has_live_call (self->remote_page))
    {
      if (c != NULL && zc_case_get_id (c) != zc_remote_window_page_get_case_id (self->remote_page))
        zc_window_add_toast (self, adw_toast_new (_("The video call goes on with its own case; end it to start one for this case.")));
      return;
    }
  if (c == NULL)
    {
      zc_remote_window_page_set_case (self->remote_page, 0,
                                      _("Open a case first: the remote session is for that case."));
      zc_identity_check_panel_load (self->identity_panel, NULL, NULL);
      return;
    }
  /* the applicant's ID photo and data for the identity check */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (self->identity_panel), "zc-applicant"),
                 zc_case_get_applicant (c)) != 0)
    {
      g_object_set_data_full (G_OBJECT (self->identity_panel), "zc-applicant",
                              g_strdup (zc_case_get_applicant (c)), g_free);
      zc_identity_check_panel_load (self->identity_panel, self->client, zc_case_get_applicant (c));
      zc_identity_check_panel_set_session (self->identity_panel, 0);
    }
  title = g_strdup_printf ("%s %s", zc_case_get_number (c) != NULL ? zc_case_get_number (c) : "",
                           zc_case_get_item_name (c) != NULL ? zc_case_get_item_name (c) : "");
  zc_remote_window_page_set_case (self->remote_page, zc_case_get_id (c), g_strstrip (title));
}

static void
remote_session_ended_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* the citizen's page already had the bye; a session left open expires */
  if (!zc_client_end_video_session_finish (ZC_CLIENT (object), result, &error))
    g_debug ("ending the video session: %s", error->message);
}

/* The call ended (either side hung up): the platform ends the session */
static void
remote_call_state_cb (ZcWindow    *self,
                      GParamSpec  *pspec,
                      ZcVideoCall *call)
{
  gint64 *id = g_object_get_data (G_OBJECT (call), "zc-session-id");

  if (zc_video_call_get_state (call) != ZC_VIDEO_CALL_ENDED || self->client == NULL || id == NULL)
    return;
  zc_client_end_video_session_async (self->client, *id, NULL, remote_session_ended_cb, NULL);
  g_object_set_data (G_OBJECT (call), "zc-session-id", NULL);
}

static void
remote_session_created_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(ZcVideoCall) call = NULL;
  g_autofree char *signal_url = NULL;
  gint64 id;

  session = zc_client_create_video_session_finish (ZC_CLIENT (object), result, &error);
  if (session == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The remote session could not be started: %s"), error->message);
      zc_remote_window_page_show_error (self->remote_page, message);
      return;
    }
  /* an integer (checked by the client) */
  id = json_object_get_int_member (session, "id");
  signal_url = zc_client_video_signal_url (ZC_CLIENT (object), id);
  zc_remote_window_page_set_client (self->remote_page, ZC_CLIENT (object));
  call = zc_video_call_new (ZC_VIDEO_SOURCE_AUTO);
  zc_video_call_apply_settings (call, self->settings);
  g_object_set_data_full (G_OBJECT (call), "zc-session-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (call, "notify::state", G_CALLBACK (remote_call_state_cb), self, G_CONNECT_SWAPPED);
  zc_identity_check_panel_set_session (self->identity_panel, id);
  zc_call_recording_bar_set_call (self->recording_bar, call, ZC_CLIENT (object), id, NULL);
  zc_remote_window_page_start_call (self->remote_page, call, zc_client_get_soup_session (ZC_CLIENT (object)),
                                    json_object_get_string_member (session, "join_code"),
                                    json_object_get_string_member (session, "citizen_url"),
                                    signal_url, zc_client_get_token (ZC_CLIENT (object)));
}

static void
remote_start_requested_cb (ZcWindow *self,
                           gint64    case_id)
{
  if (self->client == NULL || case_id <= 0)
    return;
  zc_client_create_video_session_async (self->client, case_id, self->cancellable,
                                        remote_session_created_cb, g_object_ref (self));
}

static void
zc_window_show_section (ZcWindow   *self,
                        const char *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->content_stack, name);

  if (child == NULL)
    return;

  if (g_str_equal (name, "remote"))
    zc_window_remote_follow_case (self);
  gtk_stack_set_visible_child (self->content_stack, child);
  adw_window_title_set_title (self->section_title,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->content_stack, child)));
}

/* --- notifications (e.g. a supervisor took a case over) -------------- */

static void
sticky_toast_dismissed_cb (ZcWindow *self,
                           AdwToast *toast)
{
  if (self->sticky_toasts != NULL)
    g_ptr_array_remove (self->sticky_toasts, toast);
}

gboolean
zc_window_is_locked (ZcWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "locked") == 0;
}

/* Shows @toast (transfer full); while the workstation is locked nothing
 * shows over the lock page: it waits for the unlock */
void
zc_window_add_toast (ZcWindow *self,
                     AdwToast *toast)
{
  if (zc_window_is_locked (self))
    {
      g_ptr_array_add (self->deferred_toasts, toast);
      return;
    }
  if (adw_toast_get_timeout (toast) == 0)
    {
      /* stays until dismissed, or until the user logs out (it may name
       * a case and a colleague) */
      g_ptr_array_add (self->sticky_toasts, g_object_ref (toast));
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (sticky_toast_dismissed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A notification that stays until dismissed */
static void
zc_window_notify_persistent (ZcWindow   *self,
                             const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  zc_window_add_toast (self, toast);
}

/* Locking: the notifications on screen leave it (they may name a case
 * and a colleague), to come back at the unlock */
void
zc_window_defer_sticky_toasts (ZcWindow *self)
{
  while (self->sticky_toasts->len > 0)
    {
      g_autoptr(AdwToast) shown = g_object_ref (g_ptr_array_index (self->sticky_toasts, 0));
      AdwToast *again = adw_toast_new (adw_toast_get_title (shown));

      adw_toast_set_timeout (again, 0);
      g_ptr_array_add (self->deferred_toasts, again);
      g_ptr_array_remove_index (self->sticky_toasts, 0);
      adw_toast_dismiss (shown);
    }
}

void
zc_window_show_deferred_toasts (ZcWindow *self)
{
  g_autoptr(GPtrArray) deferred = g_steal_pointer (&self->deferred_toasts);

  self->deferred_toasts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < deferred->len; i++)
    zc_window_add_toast (self, g_object_ref (g_ptr_array_index (deferred, i)));
}

static void
session_notification_cb (ZcWindow   *self,
                         const char *message)
{
  zc_window_notify_persistent (self, message);
}

/* --- the demo platform ----------------------------------------------- */

static void
zc_window_platform_started_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = zc_application_start_platform_finish (ZC_APPLICATION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (url == NULL)
    {
      g_autofree char *message = NULL;

      /* The title already says it did not start: show the reason */
      if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START))
        message = g_strdup (error->message);
      else
        message = zc_platform_error_to_user_message (error);
      adw_status_page_set_description (self->start_error_page, message);
      zc_window_show_page (self, "start-error");
      return;
    }

  zc_window_use_platform (self, url);
}

static void
zc_window_start_platform (ZcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  zc_window_show_page (self, "starting");
  zc_application_start_platform_async (ZC_APPLICATION (app),
                                       self->cancellable,
                                       zc_window_platform_started_cb,
                                       g_object_ref (self));
}

/* --- callbacks ------------------------------------------------------- */

static void
drafts_counted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;
  guint n = 0;

  if (!zc_session_count_drafts_finish (ZC_SESSION (object), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zc_debug_masked ("Drafts not counted", error->message);
      return;
    }
  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u unfinished reception is saved on this computer",
                                       "%u unfinished receptions are saved on this computer",
                                       n), n);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Contin_ue"));
  adw_toast_set_action_name (toast, "win.show-reception");
  zc_window_add_toast (self, toast);
}

/* call recordings the last run could not store (zc-recording-leftovers.h) */
static void
leftovers_resent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = zc_recording_leftovers_resend_finish (result, &error);
  g_autofree char *text = NULL;

  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u call recording from before is now stored with its case",
                                       "%u call recordings from before are now stored with their cases",
                                       n), n);
  zc_window_add_toast (self, adw_toast_new (text));
}

static void
logged_in_cb (ZcWindow *self,
              ZcUser   *user)
{
  g_autofree char *role_line = NULL;
  const char *window = zc_user_get_window (user);
  const char *role = zc_role_label (zc_user_get_role (user));

  g_settings_set_string (self->settings, "last-username", zc_user_get_username (user));
  self->last_input = g_get_monotonic_time ();   /* logging in is activity */

  if (window != NULL && window[0] != '\0')
    /* Translators: "role · window", e.g. 综窗工作人员 · 3号窗口 */
    role_line = g_strdup_printf (_("%s · %s"), role, window);
  else
    role_line = g_strdup (role);

  gtk_label_set_text (self->user_name_label, zc_user_get_display_name (user));
  gtk_label_set_text (self->user_role_label, role_line);
  adw_avatar_set_text (self->user_avatar, zc_user_get_display_name (user));
  {
    g_autofree char *tooltip = g_strdup_printf ("%s\n%s", zc_user_get_display_name (user), role_line);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->user_role_label), tooltip);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->review_row),
                          zc_user_get_role (user) == ZC_ROLE_SUPERVISOR);
  /* 承诺核查: supervisors and the departments follow the commitments; the
   * window (clerk, helper) takes the missing 容缺 materials in there */
  {
    gboolean follows = zc_user_get_role (user) == ZC_ROLE_SUPERVISOR
                       || zc_user_get_role (user) == ZC_ROLE_DEPARTMENT
                       || zc_user_get_role (user) == ZC_ROLE_CLERK
                       || zc_user_get_role (user) == ZC_ROLE_HELPER;

    gtk_widget_set_visible (GTK_WIDGET (self->commitments_row), follows);
    zc_commitments_page_set_outbox (self->commitments_page, self->outbox);
    zc_commitments_page_set_client (self->commitments_page, follows ? self->client : NULL);
  }

  zc_inbox_page_set_client (self->inbox_page, self->client);
  zc_case_page_set_client (self->case_page, self->client);
  zc_case_page_set_outbox (self->case_page, self->outbox);
  zc_reception_page_set_services (self->reception_page, self->client, self->store, self->outbox);
  zc_session_start (self->session);
  zc_window_update_outbox_bars (self);

  zc_recording_leftovers_resend_async (self->client, NULL, self->cancellable,
                                       leftovers_resent_cb, g_object_ref (self));

  /* unfinished receptions of this user, kept on this computer */
  zc_session_count_drafts_async (self->session, zc_user_get_username (user), self->cancellable,
                                 drafts_counted_cb, g_object_ref (self));
  gtk_list_box_select_row (self->sidebar, self->inbox_row);
  zc_window_show_section (self, "inbox");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  zc_window_show_page (self, "main");
  gtk_widget_grab_focus (GTK_WIDGET (self->inbox_page));
}

static void
sidebar_row_activated_cb (ZcWindow      *self,
                          GtkListBoxRow *row)
{
  zc_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
case_activated_cb (ZcWindow *self,
                   gint64    id)
{
  zc_case_page_load (self->case_page, id);
  gtk_list_box_unselect_all (self->sidebar);
  zc_window_show_section (self, "case");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (GTK_WIDGET (self->case_page));
}

static void
case_closed_cb (ZcWindow *self)
{
  gtk_list_box_select_row (self->sidebar, self->inbox_row);
  zc_window_show_section (self, "inbox");
  gtk_widget_grab_focus (GTK_WIDGET (self->inbox_page));
}

static void
page_toast_cb (ZcWindow   *self,
               const char *message)
{
  zc_window_add_toast (self, adw_toast_new (message));
}

void
zc_window_show_login_again (ZcWindow *self)
{
  self->logging_out = FALSE;
  zc_window_forget_lock (self);
  zc_inbox_page_set_client (self->inbox_page, NULL);
  zc_commitments_page_set_client (self->commitments_page, NULL);
  zc_case_page_set_client (self->case_page, NULL);
  zc_reception_page_set_services (self->reception_page, NULL, NULL, NULL);
  if (self->session != NULL)
    zc_session_stop (self->session);
  zc_window_update_outbox_bars (self);
  /* no personal data of the previous user stays in any widget */
  while (self->sticky_toasts->len > 0)
    {
      g_autoptr(AdwToast) toast = g_object_ref (g_ptr_array_index (self->sticky_toasts, 0));

      g_ptr_array_remove_index (self->sticky_toasts, 0);
      adw_toast_dismiss (toast);
    }
  g_ptr_array_set_size (self->deferred_toasts, 0);
  if (self->refused_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->refused_dialog));
  gtk_label_set_text (self->user_name_label, "");
  gtk_label_set_text (self->user_role_label, "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->user_role_label), NULL);
  adw_avatar_set_text (self->user_avatar, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->review_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->commitments_row), FALSE);
  gtk_list_box_select_row (self->sidebar, self->inbox_row);
  zc_window_show_section (self, "inbox");
  zc_window_show_page (self, "login");
  zc_login_page_reset (self->login_page);
}

static gboolean
zc_window_session_ended_idle (gpointer user_data)
{
  ZcWindow *self = user_data;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0)
    {
      zc_client_set_token (self->client, NULL);
      zc_window_show_login_again (self);
      zc_login_page_set_message (self->login_page,
                                 _("The session has ended. Log in again to continue."));
    }

  return G_SOURCE_REMOVE;
}

static void
session_ended_cb (ZcWindow *self)
{
  /* not from inside the model's notification */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, zc_window_session_ended_idle,
                   g_object_ref (self), g_object_unref);
}

static void
zc_window_logout_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zc_client_logout_finish (ZC_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The session is forgotten here either way; the platform ends it
       * when it expires. */
      zc_debug_masked ("Logout failed", error->message);
    }

  zc_window_show_login_again (self);
}

/* --- actions --------------------------------------------------------- */

static void
zc_window_logout (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ZcWindow *self = ZC_WINDOW (widget);

  if (self->client == NULL || self->logging_out)
    return;

  self->logging_out = TRUE;
  zc_window_update_actions (self);
  zc_client_logout_async (self->client, self->cancellable,
                          zc_window_logout_cb, g_object_ref (self));
}

static void
zc_window_retry_start (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  zc_window_start_platform (ZC_WINDOW (widget));
}

static void
zc_window_show_reception (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  ZcWindow *self = ZC_WINDOW (widget);

  gtk_list_box_select_row (self->sidebar, self->reception_row);
  zc_window_show_section (self, "reception");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (GTK_WIDGET (self->reception_page));
}

static void
zc_window_show_sidebar (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ZcWindow *self = ZC_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* --- GtkWindow ------------------------------------------------------- */

static gboolean
zc_window_close_request (GtkWindow *window)
{
  ZcWindow *self = ZC_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (zc_window_parent_class)->close_request (window);
}

/* --- GObject --------------------------------------------------------- */

typedef struct
{
  ZcWindow *self;     /* strong */
  char     *url;      /* the platform's, as set when the window started */
} StoreOpening;

static void
zc_window_store_opened_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  StoreOpening *opening = user_data;
  g_autoptr(ZcWindow) self = opening->self;
  g_autofree char *url = opening->url;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new_finish (result, &error);

  g_free (opening);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (store == NULL)
    {
      zc_warning_masked ("The local store cannot be opened", error->message);
      zc_window_notify_persistent (self, _("The local database of this computer cannot be opened: "
                                           "receptions cannot be saved or queued here. Call the "
                                           "technical support."));
    }
  else if (zc_store_get_recovery_notice (store) != NULL)
    zc_window_notify_persistent (self, zc_store_get_recovery_notice (store));
  g_set_object (&self->store, store);

  if (self->demo_mode)
    zc_window_start_platform (self);
  else
    zc_window_use_platform (self, url);
}

/* Runs once the window has its application (GtkWindow:application is
 * not a construct property, so this cannot happen in constructed). */
static void
zc_window_setup (ZcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *url = NULL;
  StoreOpening *opening;

  if (self->settings != NULL || !ZC_IS_APPLICATION (app))
    return;

  self->settings = g_object_ref (zc_application_get_settings (ZC_APPLICATION (app)));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (zc_window_update_idle_lock), self, G_CONNECT_SWAPPED);
  zc_window_update_idle_lock (self);

  url = g_strstrip (g_settings_get_string (self->settings, "platform-url"));
  zc_window_set_demo_mode (self, url[0] == '\0');

  /* the local store of drafts and the outbox (ZC_STORE_PATH overrides
   * the default location, for tests and shared counters), opened off the
   * main thread; the platform comes once it is open */
  zc_window_show_page (self, "starting");
  opening = g_new0 (StoreOpening, 1);
  opening->self = g_object_ref (self);
  opening->url = g_steal_pointer (&url);
  zc_store_new_async (g_getenv ("ZC_STORE_PATH"), self->cancellable,
                      zc_window_store_opened_cb, opening);
}

static void
zc_window_constructed (GObject *object)
{
  ZcWindow *self = ZC_WINDOW (object);

  G_OBJECT_CLASS (zc_window_parent_class)->constructed (object);

  g_signal_connect (self, "notify::application", G_CALLBACK (zc_window_setup), NULL);
  zc_window_setup (self);
}

static void
zc_window_dispose (GObject *object)
{
  ZcWindow *self = ZC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_pointer (&self->sticky_toasts, g_ptr_array_unref);
  g_clear_pointer (&self->deferred_toasts, g_ptr_array_unref);
  if (self->hidden_dialogs != NULL)
    {
      for (guint i = 0; i < self->hidden_dialogs->len; i++)
        gtk_window_destroy (g_ptr_array_index (self->hidden_dialogs, i));
      g_clear_pointer (&self->hidden_dialogs, g_ptr_array_unref);
    }
  if (self->session != NULL)
    {
      zc_session_stop (self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  zc_window_set_outbox (self, NULL);
  if (self->refused_dialog != NULL)
    {
      GtkWidget *dialog = self->refused_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->refused_dialog);
      self->refused_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_WINDOW);
  g_clear_object (&self->client);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zc_window_parent_class)->dispose (object);
}

static void
zc_window_finalize (GObject *object)
{
  ZcWindow *self = ZC_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (zc_window_parent_class)->finalize (object);
}

static void
zc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZcWindow *self = ZC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO_MODE:
      g_value_set_boolean (value, self->demo_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_window_class_init (ZcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  _zc_ui_ensure_resources ();
  g_type_ensure (ZC_TYPE_LOGIN_PAGE);
  g_type_ensure (ZC_TYPE_INBOX_PAGE);
  g_type_ensure (ZC_TYPE_COMMITMENTS_PAGE);
  g_type_ensure (ZC_TYPE_RECEPTION_PAGE);
  g_type_ensure (ZC_TYPE_CASE_PAGE);
  g_type_ensure (ZC_TYPE_REMOTE_WINDOW_PAGE);

  object_class->constructed = zc_window_constructed;
  object_class->dispose = zc_window_dispose;
  object_class->finalize = zc_window_finalize;
  object_class->get_property = zc_window_get_property;
  window_class->close_request = zc_window_close_request;

  properties[PROP_DEMO_MODE] =
    g_param_spec_boolean ("demo-mode", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, starting_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, start_error_page);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, inbox_row);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, review_row);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, commitments_row);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, commitments_page);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, section_title);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, user_avatar);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, user_name_label);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, user_role_label);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, inbox_page);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, reception_page);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, case_page);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, remote_page);
  gtk_widget_class_bind_template_callback (widget_class, remote_start_requested_cb);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, refused_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, refused_label);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, reception_row);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, demo_mark_starting);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, demo_mark_error);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, demo_mark_login);
  gtk_widget_class_bind_template_child (widget_class, ZcWindow, demo_mark_main);
  gtk_widget_class_bind_template_callback (widget_class, logged_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_ended_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_toast_cb);

  gtk_widget_class_install_action (widget_class, "win.logout", NULL, zc_window_logout);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, zc_window_unlock);
  gtk_widget_class_install_action (widget_class, "win.retry-start", NULL, zc_window_retry_start);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, zc_window_show_sidebar);
  gtk_widget_class_install_action (widget_class, "win.show-refused", NULL, zc_window_show_refused);
  gtk_widget_class_install_action (widget_class, "win.show-reception", NULL, zc_window_show_reception);
}

static void
zc_window_init (ZcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->identity_panel = ZC_IDENTITY_CHECK_PANEL (zc_identity_check_panel_new ());
  zc_remote_window_page_add_side_panel (self->remote_page, GTK_WIDGET (self->identity_panel));
  self->recording_bar = ZC_CALL_RECORDING_BAR (zc_call_recording_bar_new ());
  zc_remote_window_page_add_video_bar (self->remote_page, GTK_WIDGET (self->recording_bar));

  self->hidden_dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  self->sticky_toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->deferred_toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->last_input = g_get_monotonic_time ();
  zc_window_build_lock_page (self);
  {
    GtkEventController *legacy = gtk_event_controller_legacy_new ();
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* capture: seen before any widget may stop the event */
    gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
    g_signal_connect (legacy, "event", G_CALLBACK (zc_window_input_event_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), legacy);
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (zc_window_key_activity_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sidebar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sections"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->main_menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->starting_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Starting the demo platform"),
                                  -1);
  zc_ui_name_without_mnemonics (GTK_WIDGET (self));
  zc_window_update_actions (self);
}

/* --- public API ------------------------------------------------------ */

ZcWindow *
zc_window_new (ZcApplication *application)
{
  return g_object_new (ZC_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

gboolean
zc_window_get_demo_mode (ZcWindow *self)
{
  g_return_val_if_fail (ZC_IS_WINDOW (self), FALSE);

  return self->demo_mode;
}

const char *
zc_window_get_page (ZcWindow *self)
{
  g_return_val_if_fail (ZC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
