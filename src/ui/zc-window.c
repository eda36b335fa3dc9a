/* zc-window.c — the workstation window: demo platform start, login, main view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-client.h"
#include "zc-remote-window-page.h"
#include "zc-call-recording-bar.h"
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

struct _ZcWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *starting_spinner;
  AdwStatusPage   *start_error_page;
  ZcLoginPage     *login_page;
  AdwLeaflet      *leaflet;
  GtkListBox      *sidebar;
  GtkListBoxRow   *inbox_row;
  GtkListBoxRow   *review_row;
  GtkListBoxRow   *commitments_row;
  AdwWindowTitle  *section_title;
  AdwAvatar       *user_avatar;
  GtkLabel        *user_name_label;
  GtkLabel        *user_role_label;
  GtkMenuButton   *main_menu_button;
  GtkStack        *content_stack;
  ZcInboxPage     *inbox_page;
  ZcCommitmentsPage *commitments_page;
  ZcReceptionPage *reception_page;
  ZcCasePage      *case_page;
  ZcRemoteWindowPage *remote_page;
  ZcIdentityCheckPanel *identity_panel;  /* beside the remote video */
  ZcCallRecordingBar *recording_bar;     /* under it: after consent */
  GtkRevealer     *offline_revealer;
  GtkLabel        *offline_label;
  GtkRevealer     *refused_revealer;
  GtkLabel        *refused_label;
  GtkListBoxRow   *reception_row;
  GtkWidget       *refused_dialog;   /* weak: the open list of refused submissions */
  GtkListBox      *refused_list;     /* in it */
  guint            refused_fill_serial; /* of the newest listing */
  GtkWidget       *demo_mark_starting;
  GtkWidget       *demo_mark_error;
  GtkWidget       *demo_mark_login;
  GtkWidget       *demo_mark_main;

  /* owned */
  GSettings       *settings;
  GCancellable    *cancellable;
  ZcSession       *session;
  ZcClient        *client;         /* the session's */
  ZcStore         *store;
  ZcOutbox        *outbox;
  gboolean         demo_mode;
  gboolean         logging_out;

  /* the idle lock: a page over the main view, which keeps its state */
  AdwStatusPage   *lock_page;
  AdwPasswordEntryRow *lock_password_row;
  GtkLabel        *lock_error_label;
  GtkButton       *unlock_button;
  GtkSpinner      *lock_spinner;
  GPtrArray       *hidden_dialogs;   /* transient windows hidden while locked */
  GPtrArray       *sticky_toasts;    /* notifications shown until dismissed */
  GPtrArray       *deferred_toasts;  /* notifications kept while locked (nothing shows over the lock) */
  gint64           last_input;       /* monotonic µs */
  guint            idle_source;
  guint            idle_lock_seconds; /* 0: never */
  gboolean         unlocking;
};

G_DEFINE_FINAL_TYPE (ZcWindow, zc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DEMO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- helpers --------------------------------------------------------- */

static void
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

static void
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

static void
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

static void zc_window_fill_refused (ZcWindow *self);
static void zc_window_add_toast    (ZcWindow *self,
                                    AdwToast *toast);

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
static void zc_window_forget_lock (ZcWindow *self);

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

static gboolean
zc_window_is_locked (ZcWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "locked") == 0;
}

/* Shows @toast (transfer full); while the workstation is locked nothing
 * shows over the lock page: it waits for the unlock */
static void
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
static void
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

static void
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
  /* 承诺核查: supervisors and the departments follow the commitments */
  {
    gboolean follows = zc_user_get_role (user) == ZC_ROLE_SUPERVISOR
                       || zc_user_get_role (user) == ZC_ROLE_DEPARTMENT;

    gtk_widget_set_visible (GTK_WIDGET (self->commitments_row), follows);
    zc_commitments_page_set_client (self->commitments_page, follows ? self->client : NULL);
  }

  zc_inbox_page_set_client (self->inbox_page, self->client);
  zc_case_page_set_client (self->case_page, self->client);
  zc_reception_page_set_services (self->reception_page, self->client, self->store, self->outbox);
  zc_session_start (self->session);
  zc_window_update_outbox_bars (self);

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

static void
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

/* --- the idle lock --------------------------------------------------- */

static gboolean
key_activity_cb (ZcWindow *self)
{
  self->last_input = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

/* Any key or pointer input in the window counts as activity */
static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
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

static void
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

static gboolean
idle_check_cb (gpointer user_data)
{
  ZcWindow *self = user_data;

  if (self->idle_lock_seconds > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0 &&
      g_get_monotonic_time () - self->last_input >= (gint64) self->idle_lock_seconds * G_USEC_PER_SEC)
    zc_window_lock (self);
  return G_SOURCE_CONTINUE;
}

/* idle-lock-minutes; ZC_IDLE_LOCK_SECONDS overrides it for tests, only in
 * builds that accept a fixed clock (as ZC_NOW) */
static void
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
static void
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

static void
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

/* --- refused submissions: correct or discard each ------------------ */

static gint64
refused_row_id (GtkWidget *widget)
{
  gint64 *id = g_object_get_data (G_OBJECT (widget), "zc-outbox-id");

  return id != NULL ? *id : 0;
}

static const char *
current_username (ZcWindow *self)
{
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;

  return user != NULL ? zc_user_get_username (user) : NULL;
}

static void
refused_item_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkLabel) label = user_data;
  g_autoptr(ZcCatalogueItem) item = zc_client_get_catalogue_item_finish (ZC_CLIENT (object), result, NULL);

  if (item != NULL)
    gtk_label_set_text (label, zc_catalogue_item_get_name (item));
}

static void
refused_applicant_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GtkLabel) label = user_data;
  g_autoptr(ZcApplicant) applicant = zc_client_get_applicant_finish (ZC_CLIENT (object), result, NULL);

  if (applicant != NULL && zc_applicant_get_name (applicant) != NULL)
    {
      g_autofree char *name = zc_mask_name (zc_applicant_get_name (applicant));
      g_autofree char *key = zc_mask_id (zc_applicant_get_key (applicant));
      g_autofree char *text = g_strdup_printf ("%s（%s）", name, key);

      gtk_label_set_text (label, text);
    }
}

static void zc_window_close_refused_dialog (ZcWindow *self);

static void
refused_taken_back_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_ref = zc_store_outbox_take_for_correction_finish (ZC_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (local_ref == NULL)
    {
      zc_debug_masked ("Taking back an outbox entry failed", error->message);
      zc_window_add_toast (self, adw_toast_new (_("The submission could not be taken back for correction")));
      zc_window_fill_refused (self);
      return;
    }
  zc_window_close_refused_dialog (self);
  /* the confirm step lists everything still wrong at once; submitting
   * again appends a new outbox entry */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-reception", NULL);
  zc_reception_page_open_draft (self->reception_page, local_ref, ZC_RECEPTION_STEP_CONFIRM);
}

static void
refused_correct_clicked_cb (GtkButton *button,
                            ZcWindow  *self)
{
  gint64 id = refused_row_id (GTK_WIDGET (button));
  const char *username = current_username (self);

  if (self->store == NULL || username == NULL || id == 0)
    return;
  /* pressed once; the main loop never waits for SQLite */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  zc_store_outbox_take_for_correction_async (self->store, id, username, self->cancellable,
                                             refused_taken_back_cb, g_object_ref (self));
}

static void
refused_discarded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) entry = zc_store_outbox_mark_finish (ZC_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entry == NULL)
    {
      zc_debug_masked ("Discarding an outbox entry failed", error->message);
      zc_window_add_toast (self, adw_toast_new (_("The submission could not be discarded")));
    }
  zc_window_fill_refused (self);
}

static void
refused_discard_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             ZcWindow         *self)
{
  gint64 id = refused_row_id (GTK_WIDGET (dialog));

  if (g_strcmp0 (response, "discard") != 0 || self->store == NULL || id == 0)
    return;
  /* the main loop never waits for SQLite */
  zc_store_outbox_discard_async (self->store, id, self->cancellable,
                                 refused_discarded_cb, g_object_ref (self));
}

static void
refused_discard_clicked_cb (GtkButton *button,
                            ZcWindow  *self)
{
  gint64 id = refused_row_id (GTK_WIDGET (button));
  gboolean upload = g_object_get_data (G_OBJECT (button), "zc-upload") != NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (self->refused_dialog != NULL ? GTK_WINDOW (self->refused_dialog)
                                                                 : GTK_WINDOW (self),
                                   upload ? _("Discard This Upload?") : _("Discard This Submission?"),
                                   upload
                                   ? _("The file will not be sent to the platform. Take the paper in "
                                       "again if the case still needs it.")
                                   : _("It will not be sent to the platform. It stays in this computer's "
                                       "records, but nobody will be asked to correct it again."));
  gtk_widget_set_name (dialog, "discard-refused-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (refused_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
refused_row_new (ZcWindow      *self,
                 ZcOutboxEntry *entry)
{
  JsonObject *body = zc_outbox_entry_get_body (entry);
  const char *item = body != NULL ? json_object_get_string_member_with_default (body, "item", "") : "";
  const char *key = body != NULL ? json_object_get_string_member_with_default (body, "applicant", "") : "";
  const char *reason = zc_outbox_entry_get_last_error (entry);
  g_autofree char *masked_key = zc_mask_id (key);
  g_autofree char *when = g_date_time_format (zc_outbox_entry_get_created_at (entry), "%Y-%m-%d %H:%M");
  g_autofree char *meta = NULL;
  gint64 id = zc_outbox_entry_get_id (entry);
  gboolean upload = g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) == 0;
  GtkWidget *box, *line, *item_label, *applicant_label, *label, *buttons, *correct, *discard;

  /* a material's PDF the platform refused: no draft to correct, it
   * says which file of which case failed and why */
  if (upload)
    {
      const char *name = body != NULL ? json_object_get_string_member_with_default (body, "name", "") : "";
      gint64 case_id = body != NULL ? json_object_get_int_member_with_default (body, "case_id", 0) : 0;
      const char *local_ref = zc_outbox_entry_get_local_ref (entry);
      g_autofree char *title = g_strdup_printf (_("Upload of the material file “%s” failed"),
                                                name[0] != '\0' ? name : _("unnamed"));
      g_autofree char *case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
      g_autofree char *where = case_id > 0
        ? g_strdup_printf (_("The platform's case %s · kept at %s"), case_text, when)
        : g_strdup_printf (_("Local reference %s · kept at %s"), local_ref != NULL ? local_ref : "—", when);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (box, 12);
      gtk_widget_set_margin_bottom (box, 12);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      label = gtk_label_new (title);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (reason != NULL && reason[0] != '\0' ? reason : _("The platform gave no reason."));
      gtk_widget_set_name (label, "refused-reason");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (_("The file stays on this computer. Take the paper in again from the case "
                               "(scan or import), then discard this entry."));
      gtk_widget_set_name (label, "refused-upload-hint");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (where);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      discard = gtk_button_new_with_mnemonic (_("_Discard"));
      gtk_widget_set_name (discard, "discard-button");
      gtk_widget_add_css_class (discard, "destructive-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Discard this refused upload"), -1);
      g_object_set_data_full (G_OBJECT (discard), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
      g_object_set_data (G_OBJECT (discard), "zc-upload", GINT_TO_POINTER (TRUE));
      g_signal_connect (discard, "clicked", G_CALLBACK (refused_discard_clicked_cb), self);
      gtk_box_append (GTK_BOX (buttons), discard);
      gtk_box_append (GTK_BOX (box), buttons);
      return box;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  item_label = gtk_label_new (item[0] != '\0' ? item : _("Unknown item"));
  gtk_widget_add_css_class (item_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (item_label), 0);
  gtk_label_set_wrap (GTK_LABEL (item_label), TRUE);
  gtk_box_append (GTK_BOX (line), item_label);
  applicant_label = gtk_label_new (masked_key);
  gtk_widget_set_hexpand (applicant_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (applicant_label), 0);
  gtk_box_append (GTK_BOX (line), applicant_label);
  gtk_box_append (GTK_BOX (box), line);

  /* the reason, translated when it was stored */
  label = gtk_label_new (reason != NULL && reason[0] != '\0' ? reason : _("The platform gave no reason."));
  gtk_widget_set_name (label, "refused-reason");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (GTK_BOX (box), label);

  meta = g_strdup_printf (_("Local reference %s · received at the counter %s"),
                          zc_outbox_entry_get_local_ref (entry) != NULL ? zc_outbox_entry_get_local_ref (entry) : "—",
                          when);
  label = gtk_label_new (meta);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  discard = gtk_button_new_with_mnemonic (_("_Discard"));
  gtk_widget_set_name (discard, "discard-button");
  gtk_widget_add_css_class (discard, "destructive-action");
  g_object_set_data_full (G_OBJECT (discard), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (discard, "clicked", G_CALLBACK (refused_discard_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), discard);
  correct = gtk_button_new_with_mnemonic (_("_Correct and Resubmit"));
  gtk_widget_set_name (correct, "correct-button");
  gtk_widget_add_css_class (correct, "suggested-action");
  gtk_widget_set_tooltip_text (correct, _("Opens the reception again as a draft, showing what must be corrected"));
  g_object_set_data_full (G_OBJECT (correct), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (correct, "clicked", G_CALLBACK (refused_correct_clicked_cb), self);
  /* a damaged body cannot become a draft again */
  gtk_widget_set_sensitive (correct, body != NULL);
  gtk_box_append (GTK_BOX (buttons), correct);
  gtk_box_append (GTK_BOX (box), buttons);

  /* names instead of codes once the platform answers */
  if (self->client != NULL && item[0] != '\0')
    zc_client_get_catalogue_item_async (self->client, item, self->cancellable,
                                        refused_item_cb, g_object_ref (item_label));
  if (self->client != NULL && key[0] != '\0')
    zc_client_get_applicant_async (self->client, key, self->cancellable,
                                   refused_applicant_cb, g_object_ref (applicant_label));
  return box;
}

static gboolean
destroy_window_idle (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Closes the refused dialog from an async callback: hidden now, on the
 * main loop, destroyed once GTK drew the frame without it (destroying it
 * in the callback upset GTK 4.8's GL renderer). It lets go of this
 * window at once: GTK 4.8 keeps a bare pointer to a transient parent
 * (cleared only for destroy-with-parent windows) and disconnects from it
 * when the child is finalised, so a hidden dialog whose idle ran after
 * this window was gone (the window closed right after a correction)
 * touched freed memory (SIGSEGV in g_signal_handlers_disconnect_matched
 * from gtk_window_set_transient_for, 1 run in 7 of
 * /ui/reception/refused-correct-or-discard). */
static void
zc_window_close_refused_dialog (ZcWindow *self)
{
  GtkWidget *dialog = self->refused_dialog;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->refused_dialog);
  self->refused_dialog = NULL;
  self->refused_list = NULL;
  gtk_widget_set_visible (dialog, FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  g_idle_add_full (G_PRIORITY_LOW, destroy_window_idle, g_object_ref (dialog), g_object_unref);
}

typedef struct
{
  ZcWindow  *self;        /* strong */
  GtkWidget *dialog;      /* strong: the dialog the list is for */
  guint      serial;
} RefusedFill;

static void
refused_fill_free (RefusedFill *fill)
{
  g_object_unref (fill->self);
  g_object_unref (fill->dialog);
  g_free (fill);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefusedFill, refused_fill_free)

static void
refused_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RefusedFill) fill = user_data;
  ZcWindow *self = fill->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = zc_store_outbox_list_finish (ZC_STORE (object), result, &error);
  GtkWidget *child;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* closed meanwhile, or a newer listing is under way */
  if (self->refused_dialog != fill->dialog || fill->serial != self->refused_fill_serial)
    return;
  if (entries == NULL)
    zc_debug_masked ("Listing the refused submissions failed", error->message);

  n = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  if (n == 0)
    {
      zc_window_close_refused_dialog (self);
      return;
    }
  /* the same entries as shown: the rows stay (a button being pressed
   * stays in the dialog) */
  {
    guint i = 0;

    for (child = gtk_widget_get_first_child (GTK_WIDGET (self->refused_list));
         child != NULL && i < n;
         child = gtk_widget_get_next_sibling (child), i++)
      {
        g_autoptr(ZcOutboxEntry) entry = g_list_model_get_item (entries, i);

        if (refused_row_id (child) != zc_outbox_entry_get_id (entry))
          break;
      }
    if (child == NULL && i == n)
      return;
  }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->refused_list))) != NULL)
    gtk_list_box_remove (self->refused_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcOutboxEntry) entry = g_list_model_get_item (entries, i);
      GtkWidget *row = gtk_list_box_row_new ();
      gint64 id = zc_outbox_entry_get_id (entry);

      g_object_set_data_full (G_OBJECT (row), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), refused_row_new (self, entry));
      gtk_list_box_append (self->refused_list, row);
    }
  /* shown once it has something to show */
  if (!gtk_widget_get_visible (fill->dialog))
    gtk_window_present (GTK_WINDOW (fill->dialog));
}

/* (Re)lists the current user's refused entries in the open dialog, read
 * on a worker thread; the dialog closes when none is left. */
static void
zc_window_fill_refused (ZcWindow *self)
{
  const char *username = current_username (self);
  RefusedFill *fill;

  if (self->refused_dialog == NULL)
    return;
  if (self->store == NULL || username == NULL)
    {
      zc_window_close_refused_dialog (self);
      return;
    }
  fill = g_new0 (RefusedFill, 1);
  fill->self = g_object_ref (self);
  fill->dialog = g_object_ref (self->refused_dialog);
  fill->serial = ++self->refused_fill_serial;
  zc_store_outbox_list_async (self->store, username, ZC_OUTBOX_REFUSED, self->cancellable,
                              refused_listed_cb, fill);
}

static void
zc_window_show_refused (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ZcWindow *self = ZC_WINDOW (widget);
  GtkWidget *dialog, *scrolled, *list;

  if (self->store == NULL || current_username (self) == NULL)
    return;
  if (self->refused_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->refused_dialog));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Refused Submissions"),
                                   _("The platform refused these submissions. Correct one to submit it "
                                     "again, or discard it."));
  gtk_widget_set_name (dialog, "refused-dialog");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);
  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "refused-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  self->refused_dialog = dialog;
  self->refused_list = GTK_LIST_BOX (list);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->refused_dialog);
  /* presented once the list is read */
  zc_window_fill_refused (self);
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
    g_signal_connect (legacy, "event", G_CALLBACK (input_event_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), legacy);
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_activity_cb), self);
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
