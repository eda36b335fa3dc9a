/* test-ui.c — the workstation under Xvfb against a real platform:
 * log in, see masked demo cases in the inbox, filter, log out; a wrong
 * password; the embedded demo platform and its 演示模式 mark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "zc-test-server.h"

#include "zc-application.h"
#include "zc-case-history.h"
#include "zc-case-list-model.h"
#include "zc-inbox-page.h"
#include "zc-login-page.h"
#include "zc-remote-window-page.h"
#include "zc-ui-utils.h"
#include "zc-window.h"

#define TIMEOUT_S 30

static ZcApplication *app;
static ZcServer *server;
static char *tmpdir;

/* --- helpers --------------------------------------------------------- */

static void
record_page (GtkStack   *stack,
             GParamSpec *pspec,
             GPtrArray  *shown)
{
  g_ptr_array_add (shown, g_strdup (gtk_stack_get_visible_child_name (stack)));
}

static gpointer
child (gpointer widget,
       GType    type,
       const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return obj;
}

static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class)
      && gtk_widget_get_mapped (widget)
      && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    g_ptr_array_add (out, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, css_class, out);
}

static ZcWindow *
open_window (const char *platform_url)
{
  ZcWindow *win;

  g_settings_set_string (zc_application_get_settings (app), "platform-url", platform_url);
  win = zc_window_new (app);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

static void
close_window (ZcWindow *win)
{
  gtk_window_close (GTK_WINDOW (win));
  zc_test_spin_for (100);
}

static gboolean
page_is_login (gpointer data)
{
  return g_strcmp0 (zc_window_get_page (data), "login") == 0;
}

static gboolean
page_is_main (gpointer data)
{
  return g_strcmp0 (zc_window_get_page (data), "main") == 0;
}

static gboolean
page_is_started (gpointer data)
{
  const char *page = zc_window_get_page (data);

  return g_strcmp0 (page, "login") == 0 || g_strcmp0 (page, "start-error") == 0;
}

static void
log_in (ZcWindow   *win,
        const char *username,
        const char *password)
{
  ZcLoginPage *login = child (win, ZC_TYPE_WINDOW, "login_page");

  gtk_editable_set_text (child (login, ZC_TYPE_LOGIN_PAGE, "username_row"), username);
  gtk_editable_set_text (child (login, ZC_TYPE_LOGIN_PAGE, "password_row"), password);
  g_assert_true (gtk_widget_get_sensitive (child (login, ZC_TYPE_LOGIN_PAGE, "login_button")));
  gtk_widget_activate (child (login, ZC_TYPE_LOGIN_PAGE, "login_button"));
}

/* --- login, inbox, filter, logout ------------------------------------ */

typedef struct {
  ZcInboxPage *inbox;
  GtkWidget   *column_view;
  guint        total_before;
} InboxState;

static gboolean
inbox_has_rows (gpointer data)
{
  InboxState *s = data;
  GListModel *model = zc_inbox_page_get_model (s->inbox);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return FALSE;
  collect_labels (s->column_view, "applicant-name", names);
  return names->len > 0;
}

static gboolean
stack_shows_empty (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (data), "empty") == 0;
}

static gboolean
inbox_total_changed (gpointer data)
{
  InboxState *s = data;
  ZcCaseListModel *model = ZC_CASE_LIST_MODEL (zc_inbox_page_get_model (s->inbox));

  return !zc_case_list_model_get_loading (model)
         && zc_case_list_model_get_total (model) != s->total_before;
}

static void
test_login_inbox_logout (void)
{
  ZcWindow *win;
  InboxState s = { 0 };
  GListModel *model;
  GtkSelectionModel *view_model;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *count_before = NULL;
  GtkLabel *count_label;
  GtkDropDown *dropdown;

  win = open_window (zc_server_get_url (server));
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));
  g_assert_false (zc_window_get_demo_mode (win));
  g_assert_false (gtk_widget_get_visible (child (win, ZC_TYPE_WINDOW, "demo_mark_login")));

  log_in (win, "clerk", "demo1234");
  g_assert_true (zc_test_spin_until (page_is_main, win, TIMEOUT_S, "main view"));

  /* the header names the user; a clerk has no review section */
  g_assert_cmpstr (gtk_label_get_text (child (win, ZC_TYPE_WINDOW, "user_name_label")), !=, "");
  g_assert_false (gtk_widget_get_visible (child (win, ZC_TYPE_WINDOW, "review_row")));

  s.inbox = child (win, ZC_TYPE_WINDOW, "inbox_page");
  s.column_view = child (s.inbox, ZC_TYPE_INBOX_PAGE, "column_view");
  g_assert_true (zc_test_spin_until (inbox_has_rows, &s, TIMEOUT_S, "inbox rows"));

  model = zc_inbox_page_get_model (s.inbox);
  view_model = gtk_column_view_get_model (GTK_COLUMN_VIEW (s.column_view));
  g_assert_nonnull (view_model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view_model)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view_model)), ==,
                    g_list_model_get_n_items (model));

  /* personal data is masked in every visible cell */
  collect_labels (s.column_view, "applicant-name", names);
  collect_labels (s.column_view, "applicant-key", keys);
  g_assert_cmpuint (names->len, >, 0);
  g_assert_cmpuint (keys->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    g_assert_nonnull (strchr (gtk_label_get_text (names->pdata[i]), '*'));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = gtk_label_get_text (keys->pdata[i]);

      g_assert_nonnull (strstr (key, "****"));
    }

  /* pages load on demand: scrolling to the end brings the next page */
  if (s.total_before == 0)
    s.total_before = zc_case_list_model_get_total (ZC_CASE_LIST_MODEL (model));
  if (s.total_before > ZC_INBOX_PAGE_SIZE)
    {
      GtkScrolledWindow *scroller = child (s.inbox, ZC_TYPE_INBOX_PAGE, "scroller");

      g_assert_cmpuint (g_list_model_get_n_items (model), ==, ZC_INBOX_PAGE_SIZE);
      for (guint i = 0; i < 200 && g_list_model_get_n_items (model) <= ZC_INBOX_PAGE_SIZE; i++)
        {
          GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

          gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
          zc_test_spin_for (50);
        }
      g_assert_cmpuint (g_list_model_get_n_items (model), >, ZC_INBOX_PAGE_SIZE);
    }
  else
    g_test_message ("only %u cases: paging not exercised", s.total_before);

  /* F5: the list goes to "loading" and back, never through "nothing
   * matches" (the stack cross-fades from any page shown a moment) */
  {
    GtkStack *stack = child (s.inbox, ZC_TYPE_INBOX_PAGE, "view_stack");
    g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
    gulong id = g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (record_page), shown);

    gtk_widget_activate_action (GTK_WIDGET (s.inbox), "inbox.refresh", NULL);
    g_assert_true (zc_test_spin_until (inbox_has_rows, &s, TIMEOUT_S, "inbox rows again"));
    zc_test_spin_for (200);
    g_signal_handler_disconnect (stack, id);
    for (guint i = 0; i < shown->len; i++)
      g_assert_cmpstr (shown->pdata[i], !=, "empty");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
    g_assert_cmpuint (shown->len, >, 0);
  }

  /* a search with no match shows the empty state; clearing it the list */
  {
    GtkEditable *search = child (s.inbox, ZC_TYPE_INBOX_PAGE, "search_entry");
    GtkStack *view_stack = child (s.inbox, ZC_TYPE_INBOX_PAGE, "view_stack");

    gtk_editable_set_text (search, "no-such-case-7f3a");
    g_assert_true (zc_test_spin_until (stack_shows_empty, view_stack, TIMEOUT_S, "empty state"));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    gtk_editable_set_text (search, "");
    g_assert_true (zc_test_spin_until (inbox_has_rows, &s, TIMEOUT_S, "inbox rows again"));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), ==, "list");
  }

  /* the state filter reloads with another total */
  count_label = child (s.inbox, ZC_TYPE_INBOX_PAGE, "count_label");
  count_before = g_strdup (gtk_label_get_text (count_label));
  g_assert_cmpstr (count_before, !=, "");
  g_assert_cmpuint (s.total_before, >, 0);

  dropdown = child (s.inbox, ZC_TYPE_INBOX_PAGE, "state_dropdown");
  gtk_drop_down_set_selected (dropdown, 2); /* received */
  g_assert_true (zc_test_spin_until (inbox_total_changed, &s, TIMEOUT_S, "filtered total"));
  g_assert_cmpuint (zc_case_list_model_get_total (ZC_CASE_LIST_MODEL (model)), <, s.total_before);
  g_assert_cmpstr (gtk_label_get_text (count_label), !=, count_before);

  /* log out: back on the login page, the inbox emptied */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.logout", NULL);
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page after logout"));
  g_assert_null (zc_inbox_page_get_model (s.inbox));
  {
    g_autofree char *last = g_settings_get_string (zc_application_get_settings (app), "last-username");

    g_assert_cmpstr (last, ==, "clerk");
  }

  close_window (win);
}



/* --- the idle lock, and logout clearing every page -------------------- */

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* the first editable text field shown in @widget */
static GtkWidget *
find_shown_editable (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget) && gtk_widget_is_drawable (widget) && gtk_editable_get_editable (GTK_EDITABLE (widget)))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_shown_editable (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
page_is_locked (gpointer data)
{
  return g_strcmp0 (zc_window_get_page (data), "locked") == 0;
}

static gboolean
widget_shown (gpointer data)
{
  return gtk_widget_get_visible (data) && gtk_label_get_text (GTK_LABEL (data))[0] != '\0';
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_child_visible (data);
}

/* a mapped label showing @data (a substring): a notification on screen */
static gboolean
text_shown_in (GtkWidget  *widget,
               const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (text_shown_in (c, text))
      return TRUE;
  return FALSE;
}

#define DAMAGED_NOTICE "The local database of this computer was damaged"

static gboolean
notice_shown (gpointer data)
{
  return text_shown_in (data, DAMAGED_NOTICE);
}

static gboolean
notice_not_shown (gpointer data)
{
  return !text_shown_in (data, DAMAGED_NOTICE);
}

/* the platform no longer knows the session @data (a token) */
static gboolean
session_ended (gpointer data)
{
  g_autoptr(ZcClient) client = zc_client_new (zc_server_get_url (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  GAsyncResult *result = NULL;
  guint total = 0;

  zc_client_set_token (client, data);
  zc_client_list_cases_async (client, NULL, NULL, 0, 1, NULL, zc_test_store_result_cb, &result);
  cases = ZC_TEST_AWAIT_FINISH (result, zc_client_list_cases_finish (client, result, &total, &error));
  return g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED);
}

static void
test_idle_lock (void)
{
  ZcWindow *win;
  GtkWidget *reception, *field, *lock_page, *password, *error_label;
  GtkWidget *main_child;
  g_autofree char *typed = NULL;

  g_autofree char *store_dir = g_dir_make_tmp ("zc-test-lock-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (store_dir, "local.db", NULL);
  g_autofree char *old_token = NULL;
  ZcClient *client;

  /* a damaged local store: its notice stays on screen until dismissed */
  g_assert_true (g_file_set_contents (store_path, "not a database", -1, NULL));
  g_setenv ("ZC_STORE_PATH", store_path, TRUE);
  /* seconds instead of idle-lock-minutes (fixed_clock builds only) */
  g_setenv ("ZC_IDLE_LOCK_SECONDS", "2", TRUE);
  win = open_window (zc_server_get_url (server));
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));
  g_unsetenv ("ZC_STORE_PATH");
  log_in (win, "clerk", "demo1234");
  g_assert_true (zc_test_spin_until (page_is_main, win, TIMEOUT_S, "main view"));
  g_assert_true (zc_test_spin_until (notice_shown, win, TIMEOUT_S, "the damaged-store notice"));
  client = zc_login_page_get_client (child (win, ZC_TYPE_WINDOW, "login_page"));
  old_token = g_strdup (zc_client_get_token (client));
  g_assert_nonnull (old_token);

  /* something typed into the reception */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.show-reception", NULL);
  zc_test_spin_for (200);
  reception = child (win, ZC_TYPE_WINDOW, "reception_page");
  field = find_shown_editable (reception);
  g_assert_nonnull (field);
  gtk_editable_set_text (GTK_EDITABLE (field), "lock-test-7c1");
  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));

  /* no input: the lock page over it, the reception not drawn */
  g_assert_true (zc_test_spin_until (page_is_locked, win, 15, "the idle lock"));
  main_child = gtk_stack_get_child_by_name (child (win, ZC_TYPE_WINDOW, "stack"), "main");
  lock_page = find_named (GTK_WIDGET (win), "lock-page");
  g_assert_nonnull (lock_page);
  g_assert_true (gtk_widget_is_drawable (lock_page));
  /* once the stack's transition is over */
  g_assert_true (zc_test_spin_until (widget_hidden, main_child, 5, "the main view hidden"));
  g_assert_false (gtk_widget_is_drawable (reception));
  g_assert_false (gtk_widget_is_drawable (field));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (lock_page)),
                            gtk_label_get_text (child (win, ZC_TYPE_WINDOW, "user_name_label"))));
  /* nothing shows over the lock page */
  g_assert_true (zc_test_spin_until (notice_not_shown, win, 5, "the notice gone while locked"));

  /* a wrong password keeps it locked, with the reason */
  password = find_named (lock_page, "lock-password-row");
  error_label = find_named (lock_page, "lock-error-label");
  g_assert_nonnull (password);
  g_assert_nonnull (error_label);
  gtk_editable_set_text (GTK_EDITABLE (password), "wrong-password");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.unlock", NULL);
  g_assert_true (zc_test_spin_until (widget_shown, error_label, TIMEOUT_S, "unlock refused"));
  g_assert_cmpstr (zc_window_get_page (win), ==, "locked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");

  /* the right one: back where it was, the typed value still there */
  g_unsetenv ("ZC_IDLE_LOCK_SECONDS");
  gtk_editable_set_text (GTK_EDITABLE (password), "demo1234");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.unlock", NULL);
  g_assert_true (zc_test_spin_until (page_is_main, win, TIMEOUT_S, "unlocked"));
  g_assert_true (gtk_widget_is_drawable (field));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, typed);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");
  /* the notice back; the session the unlock replaced ended on the platform */
  g_assert_true (zc_test_spin_until (notice_shown, win, TIMEOUT_S, "the notice back after the unlock"));
  g_assert_cmpstr (zc_client_get_token (client), !=, old_token);
  g_assert_false (session_ended ((gpointer) zc_client_get_token (client)));
  g_assert_true (zc_test_spin_until (session_ended, old_token, TIMEOUT_S, "the replaced session ended"));

  /* logout clears every page: no trace of the user or of what was typed */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.logout", NULL);
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page after logout"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, "");
  g_assert_null (zc_inbox_page_get_model (child (win, ZC_TYPE_WINDOW, "inbox_page")));
  g_assert_cmpstr (gtk_label_get_text (child (win, ZC_TYPE_WINDOW, "user_name_label")), ==, "");
  g_assert_null (zc_login_page_get_client (child (win, ZC_TYPE_WINDOW, "login_page")) == NULL ? NULL
                 : zc_client_get_token (zc_login_page_get_client (child (win, ZC_TYPE_WINDOW, "login_page"))));
  g_assert_null (zc_client_get_user (zc_login_page_get_client (child (win, ZC_TYPE_WINDOW, "login_page"))));

  close_window (win);
  zc_test_remove_tree (store_dir);
}

/* --- no idle lock while a remote session is open ---------------------- */

static gboolean
remote_call_waiting (gpointer data)
{
  ZcVideoCall *call = zc_remote_window_page_get_call (data);

  return call != NULL && zc_video_call_get_state (call) == ZC_VIDEO_CALL_WAITING;
}

static AdwMessageDialog *
hang_up_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
hang_up_asked (gpointer data)
{
  return hang_up_dialog () != NULL;
}

/* The clerk talks to the citizen without touching the keyboard: the
 * workstation does not lock over the call (a lock hid the video and the
 * ID photo mid-call, clerk walk of issue 12); once it ends, it does. */
static void
test_idle_lock_remote_call (void)
{
  ZcWindow *win;
  ZcClient *client;
  ZcRemoteWindowPage *page;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint total = 0;

  g_setenv ("ZC_IDLE_LOCK_SECONDS", "2", TRUE);
  win = open_window (zc_server_get_url (server));
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));
  log_in (win, "clerk", "demo1234");
  g_assert_true (zc_test_spin_until (page_is_main, win, TIMEOUT_S, "main view"));
  client = zc_login_page_get_client (child (win, ZC_TYPE_WINDOW, "login_page"));
  zc_client_list_cases_async (client, NULL, NULL, 0, 1, NULL, zc_test_store_result_cb, &result);
  cases = ZC_TEST_AWAIT_FINISH (result, zc_client_list_cases_finish (client, result, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  kase = g_list_model_get_item (cases, 0);

  /* a session opened for the case: the call waits for the citizen */
  page = child (win, ZC_TYPE_WINDOW, "remote_page");
  zc_remote_window_page_set_case (page, zc_case_get_id (kase), "walk");
  gtk_widget_activate_action (GTK_WIDGET (page), "remote.start", NULL);
  g_assert_true (zc_test_spin_until (remote_call_waiting, page, TIMEOUT_S, "the remote call waiting"));
  /* three times the idle time, no input: still the main view */
  zc_test_spin_for (6500);
  g_assert_true (page_is_main (win));

  /* hung up (挂断 asks first: 结束视频): the idle time counts again, and
   * the lock comes */
  gtk_widget_activate_action (GTK_WIDGET (page), "remote.hang-up", NULL);
  g_assert_true (zc_test_spin_until (hang_up_asked, NULL, TIMEOUT_S, "挂断 asking"));
  {
    AdwMessageDialog *ask = hang_up_dialog ();

    adw_message_dialog_response (ask, "end");
    gtk_window_destroy (GTK_WINDOW (ask));
  }
  g_assert_true (zc_test_spin_until (page_is_locked, win, 15, "the idle lock after the call"));
  g_unsetenv ("ZC_IDLE_LOCK_SECONDS");
  close_window (win);
}

/* --- wrong password --------------------------------------------------- */

static gboolean
error_shown (gpointer data)
{
  ZcLoginPage *login = data;
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (login), ZC_TYPE_LOGIN_PAGE, "error_label"));

  return gtk_widget_get_visible (label) && !zc_login_page_get_busy (login);
}

static gboolean
label_says_enter_password (gpointer data)
{
  return g_strcmp0 (gtk_label_get_text (data), "Enter your password.") == 0;
}

/* buttons under @widget: how many, how many of them Tab stops */
static void
count_buttons (GtkWidget *widget,
               guint     *buttons,
               guint     *focusable)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c))
        {
          (*buttons)++;
          if (gtk_widget_get_focusable (c))
            (*focusable)++;
        }
      count_buttons (c, buttons, focusable);
    }
}

static void
test_wrong_password (void)
{
  ZcWindow *win;
  ZcLoginPage *login;
  GtkLabel *error_label;

  win = open_window (zc_server_get_url (server));
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));
  login = child (win, ZC_TYPE_WINDOW, "login_page");
  error_label = child (login, ZC_TYPE_LOGIN_PAGE, "error_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  {
    /* the password's reveal button is there, and no Tab stop */
    guint buttons = 0, focusable = 0;

    count_buttons (child (login, ZC_TYPE_LOGIN_PAGE, "password_row"), &buttons, &focusable);
    g_assert_cmpuint (buttons, >=, 1);
    g_assert_cmpuint (focusable, ==, 0);
  }

  log_in (win, "helper", "not-the-password");
  g_assert_true (zc_test_spin_until (error_shown, login, TIMEOUT_S, "inline error"));

  g_assert_cmpstr (zc_window_get_page (win), ==, "login");
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, "The user name or password is wrong.");
  /* the form is usable again, the password cleared */
  g_assert_true (gtk_widget_get_sensitive (child (login, ZC_TYPE_LOGIN_PAGE, "login_button")));
  g_assert_cmpstr (gtk_editable_get_text (child (login, ZC_TYPE_LOGIN_PAGE, "password_row")), ==, "");

  /* an empty password is refused before asking the platform */
  gtk_editable_set_text (child (login, ZC_TYPE_LOGIN_PAGE, "username_row"), "helper");
  gtk_widget_activate (child (login, ZC_TYPE_LOGIN_PAGE, "login_button"));
  g_assert_true (zc_test_spin_until (label_says_enter_password, error_label, TIMEOUT_S, "empty password refused"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (zc_login_page_get_busy (login));

  close_window (win);
}

/* --- the platform ends the session ------------------------------------ */

static void
test_session_ended (void)
{
  ZcWindow *win;
  ZcLoginPage *login;
  InboxState s = { 0 };

  win = open_window (zc_server_get_url (server));
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));
  log_in (win, "clerk", "demo1234");
  g_assert_true (zc_test_spin_until (page_is_main, win, TIMEOUT_S, "main view"));
  s.inbox = child (win, ZC_TYPE_WINDOW, "inbox_page");
  s.column_view = child (s.inbox, ZC_TYPE_INBOX_PAGE, "column_view");
  g_assert_true (zc_test_spin_until (inbox_has_rows, &s, TIMEOUT_S, "inbox rows"));

  /* a token the platform does not know: the next load gets 401 */
  login = child (win, ZC_TYPE_WINDOW, "login_page");
  zc_client_set_token (zc_login_page_get_client (login), "not-a-session");
  gtk_widget_activate_action (GTK_WIDGET (s.inbox), "inbox.refresh", NULL);

  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page after 401"));
  g_assert_cmpstr (gtk_label_get_text (child (login, ZC_TYPE_LOGIN_PAGE, "error_label")), ==,
                   "The session has ended. Log in again to continue.");
  g_assert_null (zc_inbox_page_get_model (s.inbox));

  close_window (win);
}

/* --- plain http to another computer is refused at the login page ------- */

static void
test_insecure_address (void)
{
  ZcWindow *win = open_window ("http://192.0.2.1:8080");
  ZcLoginPage *login;
  GtkWidget *error_label;

  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));
  login = child (win, ZC_TYPE_WINDOW, "login_page");
  error_label = child (login, ZC_TYPE_LOGIN_PAGE, "error_label");
  /* said before anyone types a password */
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "http://192.0.2.1:8080"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https://"));

  /* and again when one tries: refused at once, nothing sent */
  log_in (win, "clerk", "demo1234");
  g_assert_true (zc_test_spin_until (error_shown, login, 5, "refusal at login"));
  g_assert_cmpstr (zc_window_get_page (win), ==, "login");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "http://192.0.2.1:8080"));

  close_window (win);
}

/* --- an account locked after failed logins --------------------------- */

static void
test_locked_account (void)
{
  ZcWindow *win;
  ZcLoginPage *login;
  GtkLabel *error_label;
  const char *text;
  const char *prefix = "This account is locked after too many failed logins. Try again after ";

  win = open_window (zc_server_get_url (server));
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));
  login = child (win, ZC_TYPE_WINDOW, "login_page");
  error_label = child (login, ZC_TYPE_LOGIN_PAGE, "error_label");

  /* five failures in a row lock the account; the sixth attempt says until when */
  for (guint i = 0; i < 6; i++)
    {
      gtk_label_set_text (error_label, "");
      gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
      log_in (win, "supervisor", "not-the-password");
      g_assert_true (zc_test_spin_until (error_shown, login, TIMEOUT_S, "inline error"));
    }

  text = gtk_label_get_text (error_label);
  g_assert_true (g_str_has_prefix (text, prefix));
  /* a clock time HH:MM follows */
  g_assert_true (g_ascii_isdigit (text[strlen (prefix)]));
  g_assert_nonnull (strchr (text + strlen (prefix), ':'));

  /* even the right password is refused while locked */
  log_in (win, "supervisor", "demo1234");
  gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
  g_assert_true (zc_test_spin_until (error_shown, login, TIMEOUT_S, "inline error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (error_label), prefix));
  g_assert_cmpstr (zc_window_get_page (win), ==, "login");

  close_window (win);
}

/* --- the embedded demo platform --------------------------------------- */

static void
test_embedded_demo (void)
{
  const char *path = g_getenv ("ZC_PLATFORM_PATH");
  ZcWindow *win;
  GtkWidget *mark;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("zc-platform is not built (ZC_PLATFORM_PATH)");
      return;
    }

  win = open_window ("");
  g_assert_true (zc_window_get_demo_mode (win));
  g_assert_cmpstr (zc_window_get_page (win), ==, "starting");
  mark = child (win, ZC_TYPE_WINDOW, "demo_mark_starting");
  g_assert_true (gtk_widget_get_visible (mark));

  g_assert_true (zc_test_spin_until (page_is_started, win, 90, "embedded platform"));
  if (g_strcmp0 (zc_window_get_page (win), "start-error") == 0)
    g_error ("the demo platform did not start: %s",
             adw_status_page_get_description (child (win, ZC_TYPE_WINDOW, "start_error_page")));

  mark = child (win, ZC_TYPE_WINDOW, "demo_mark_login");
  zc_test_spin_for (100);
  g_assert_true (gtk_widget_is_visible (mark));
  g_assert_true (gtk_widget_get_mapped (mark));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mark)), ==, "Demo Mode");

  /* and it stays on the main view */
  log_in (win, "clerk", "demo1234");
  g_assert_true (zc_test_spin_until (page_is_main, win, TIMEOUT_S, "main view"));
  zc_test_spin_for (100);
  g_assert_true (gtk_widget_get_mapped (child (win, ZC_TYPE_WINDOW, "demo_mark_main")));

  close_window (win);
}

static void
run_tests_cb (GApplication *application,
              int          *ret)
{
  /* instead of the default window */
  g_signal_stop_emission_by_name (application, "activate");
  g_application_hold (application);
  *ret = g_test_run ();
  g_application_release (application);
  g_application_quit (application);
}

/* --- main ------------------------------------------------------------ */

/* A case's history in words: a department's move says its sub-matter
 * and the task state (never “unknown state”), people by name and window
 * or department, views one line per person and day */
static void
collect_rows (GtkWidget  *widget,
              const char *name,
              GPtrArray  *out)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, name, out);
}

static void
test_case_history_in_words (void)
{
  static const char events_json[] =
    "[{\"id\":1,\"at\":\"2026-12-03T05:45:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"case.create\",\"case_id\":7,\"to\":\"draft\",\"actor_name\":\"王晓燕\"},"
    " {\"id\":2,\"at\":\"2026-12-03T05:50:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"case.view\",\"case_id\":7,\"actor_name\":\"王晓燕\"},"
    " {\"id\":3,\"at\":\"2026-12-03T07:10:00Z\",\"actor\":\"police\",\"role\":\"department\",\"window\":null,"
    "  \"action\":\"task.transition\",\"case_id\":7,\"task_id\":9,\"from\":\"pending\",\"to\":\"in_review\","
    "  \"actor_name\":\"张科长\",\"department\":\"公安局\",\"matter_name\":\"户口登记\"},"
    " {\"id\":4,\"at\":\"2026-12-03T08:00:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"case.view\",\"case_id\":7,\"actor_name\":\"王晓燕\"},"
    " {\"id\":5,\"at\":\"2026-12-04T01:00:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"case.view\",\"case_id\":7,\"actor_name\":\"王晓燕\"},"
    " {\"id\":6,\"at\":\"2026-12-04T02:00:00Z\",\"actor\":\"platform\",\"role\":\"platform\","
    "  \"action\":\"case.transition\",\"case_id\":7,\"from\":\"received\",\"to\":\"completed\"}]";
  g_autoptr(JsonNode) root = json_from_string (events_json, NULL);
  g_autoptr(GListStore) events = g_list_store_new (ZC_TYPE_EVENT);
  GtkWidget *history = g_object_ref_sink (zc_case_history_new ());
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  JsonArray *array = json_node_get_array (root);
  const char *title, *subtitle;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZcEvent) e = zc_event_new_from_json (json_array_get_element (array, i), &error);

      g_assert_no_error (error);
      g_list_store_append (events, e);
    }
  zc_case_history_set_events (ZC_CASE_HISTORY (history), G_LIST_MODEL (events), NULL);
  collect_rows (history, "history-event", lines);
  collect_rows (history, "history-views", views);

  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpuint (views->len, ==, 2);    /* two days, three views */
  g_assert_cmpuint (zc_case_history_get_n_rows (ZC_CASE_HISTORY (history)), ==, 5);

  /* people by name and window, never the username */
  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (lines, 0));
  g_assert_nonnull (strstr (subtitle, "王晓燕"));
  g_assert_nonnull (strstr (subtitle, "1号窗口"));
  g_assert_null (strstr (subtitle, "clerk"));

  /* the sub-matter and its state by name, the department */
  title = adw_preferences_row_get_title (g_ptr_array_index (lines, 1));
  g_assert_nonnull (strstr (title, "户口登记"));
  g_assert_nonnull (strstr (title, zc_task_state_label (ZC_TASK_STATE_IN_REVIEW)));
  g_assert_null (strstr (title, zc_case_state_label (ZC_CASE_STATE_INVALID)));
  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (lines, 1));
  g_assert_nonnull (strstr (subtitle, "张科长"));
  g_assert_nonnull (strstr (subtitle, "公安局"));
  g_assert_null (strstr (subtitle, "police"));

  /* the case's own move by name, the platform's too */
  title = adw_preferences_row_get_title (g_ptr_array_index (lines, 2));
  g_assert_nonnull (strstr (title, zc_case_state_label (ZC_CASE_STATE_COMPLETED)));
  /* (the platform said in words, not as its actor id) */
  g_assert_false (g_str_has_suffix (adw_action_row_get_subtitle (g_ptr_array_index (lines, 2)), "· platform"));

  /* the first day's views: one line, between the other events, from first to last */
  g_assert_true (gtk_widget_get_next_sibling (g_ptr_array_index (lines, 0)) == g_ptr_array_index (views, 0));
  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (views, 0));
  g_assert_nonnull (strstr (subtitle, "2026-12-03 13:50–16:00"));
  g_assert_null (strstr (subtitle, "2026-12-04"));

  g_assert_finalize_object (history);
}

/* The remote window's call start and end in words, never “Other change” */
static void
test_case_history_video_call (void)
{
  static const char events_json[] =
    "[{\"id\":1,\"at\":\"2026-12-03T05:45:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"video.start\",\"case_id\":7,\"actor_name\":\"王晓燕\"},"
    " {\"id\":2,\"at\":\"2026-12-03T05:55:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"video.end\",\"case_id\":7,\"actor_name\":\"王晓燕\"}]";
  g_autoptr(JsonNode) root = json_from_string (events_json, NULL);
  g_autoptr(GListStore) events = g_list_store_new (ZC_TYPE_EVENT);
  GtkWidget *history = g_object_ref_sink (zc_case_history_new ());
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  JsonArray *array = json_node_get_array (root);
  const char *start, *end;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZcEvent) e = zc_event_new_from_json (json_array_get_element (array, i), &error);

      g_assert_no_error (error);
      g_list_store_append (events, e);
    }
  zc_case_history_set_events (ZC_CASE_HISTORY (history), G_LIST_MODEL (events), NULL);
  collect_rows (history, "history-event", lines);
  g_assert_cmpuint (lines->len, ==, 2);
  start = adw_preferences_row_get_title (g_ptr_array_index (lines, 0));
  end = adw_preferences_row_get_title (g_ptr_array_index (lines, 1));
  g_assert_cmpstr (start, !=, "Other change");
  g_assert_cmpstr (end, !=, "Other change");
  g_assert_cmpstr (start, !=, end);
  g_assert_finalize_object (history);
}

/* A commitment's signed letters say which letter went up, not "Material
 * uploaded" with no name (clerk walk of issue 11) */
static void
test_case_history_letters (void)
{
  static const char events_json[] =
    "[{\"id\":1,\"at\":\"2026-12-03T05:45:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"document.upload\",\"case_id\":7,\"actor_name\":\"王晓燕\",\"document_kind\":\"commitment_letter\"},"
    " {\"id\":2,\"at\":\"2026-12-03T05:45:01Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"document.upload\",\"case_id\":7,\"actor_name\":\"王晓燕\",\"document_kind\":\"tolerance_notice\"},"
    " {\"id\":3,\"at\":\"2026-12-03T05:46:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "  \"action\":\"document.upload\",\"case_id\":7,\"actor_name\":\"王晓燕\",\"document_kind\":\"material\","
    "  \"material_name\":\"营业执照\"}]";
  g_autoptr(JsonNode) root = json_from_string (events_json, NULL);
  g_autoptr(GListStore) events = g_list_store_new (ZC_TYPE_EVENT);
  GtkWidget *history = g_object_ref_sink (zc_case_history_new ());
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  JsonArray *array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZcEvent) e = zc_event_new_from_json (json_array_get_element (array, i), &error);

      g_assert_no_error (error);
      g_list_store_append (events, e);
    }
  zc_case_history_set_events (ZC_CASE_HISTORY (history), G_LIST_MODEL (events), NULL);
  collect_rows (history, "history-event", lines);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (lines, 0)), ==, "Signed commitment letter uploaded");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (lines, 1)), ==, "Tolerance notice uploaded");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (lines, 2)), ==, "Material uploaded: 营业执照");
  g_assert_finalize_object (history);
}

/* The inbox's tooltip for a cut-short cell: its label is as wide as the
 * text up to 40 characters, never one (Chinese) character per line */
static void
test_tooltip_label (void)
{
  const char *text = "新生儿出生一件事（出生医学证明、户口登记、医保参保、社保卡申领）";
  GtkWidget *tip = g_object_ref_sink (zc_ui_tooltip_label_new (text, 40));
  GtkWidget *one = g_object_ref_sink (gtk_label_new ("新"));
  GtkWidget *shorter = g_object_ref_sink (zc_ui_tooltip_label_new ("退休", 40));
  int tip_min, one_nat, short_min, unused;

  gtk_widget_measure (tip, GTK_ORIENTATION_HORIZONTAL, -1, &tip_min, &unused, NULL, NULL);
  gtk_widget_measure (one, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &one_nat, NULL, NULL);
  gtk_widget_measure (shorter, GTK_ORIENTATION_HORIZONTAL, -1, &short_min, &unused, NULL, NULL);
  /* some 20 characters on a line at least, a short text no wider than itself needs */
  g_assert_cmpint (tip_min, >=, 15 * one_nat);
  g_assert_cmpint (short_min, <=, 3 * one_nat);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (tip)));
  g_assert_finalize_object (tip);
  g_assert_finalize_object (one);
  g_assert_finalize_object (shorter);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *data_home = NULL;
  int ret = 1;

  setlocale (LC_ALL, "");
  tmpdir = g_dir_make_tmp ("zc-test-ui-XXXXXX", &error);
  g_assert_no_error (error);
  /* The embedded platform keeps its database in the user's data folder */
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run with: meson test --setup xvfb)\n");
      return 0;
    }

  app = zc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);

  db = g_build_filename (tmpdir, "platform.db", NULL);
  server = zc_test_server_start (db, TRUE, g_getenv ("ZC_DATA_DIR"), 0);

  g_test_add_func ("/ui/case-history-in-words", test_case_history_in_words);
  g_test_add_func ("/ui/case-history-video-call", test_case_history_video_call);
  g_test_add_func ("/ui/case-history-letters", test_case_history_letters);
  g_test_add_func ("/ui/tooltip-label", test_tooltip_label);
  g_test_add_func ("/ui/wrong-password", test_wrong_password);
  g_test_add_func ("/ui/login-inbox-logout", test_login_inbox_logout);
  g_test_add_func ("/ui/session-ended", test_session_ended);
  g_test_add_func ("/ui/locked-account", test_locked_account);
  g_test_add_func ("/ui/embedded-demo", test_embedded_demo);
  g_test_add_func ("/ui/idle-lock", test_idle_lock);
  g_test_add_func ("/ui/idle-lock-remote-call", test_idle_lock_remote_call);
  g_test_add_func ("/ui/insecure-address", test_insecure_address);

  /* The tests run inside the application's activate, so that quitting
   * it runs shutdown like the real app (which stops the embedded
   * platform). */
  g_signal_connect (app, "activate", G_CALLBACK (run_tests_cb), &ret);
  g_application_run (G_APPLICATION (app), 1, argv);

  zc_server_shutdown (server);
  g_clear_object (&server);
  g_clear_object (&app);

  zc_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return ret;
}
