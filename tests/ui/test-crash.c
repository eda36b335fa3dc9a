/* test-crash.c — what the clerk typed survives a crash of the app.
 *
 * The parent starts the real zc-platform (demo data) as a child process,
 * then starts this very program again with --child as "the app": it logs
 * in as clerk, walks the reception of 开办餐饮店 for a demo founder up to
 * the merged form, types distinctive values, waits until the debounced
 * draft has landed in the local store (ZC_STORE_PATH), prints "SAVED" and
 * keeps running. The parent SIGKILLs it there, reaps it, then opens the
 * application on the same store, logs in as clerk and continues the
 * draft offered as 继续未完成的受理: the typed values and the parties are
 * back.
 *
 * Input is given as in test-reception-ui.c: gtk_editable_set_text into
 * the focused entry, the "activate" signal for Enter, the page's key-bound
 * actions for Ctrl+Enter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "zc-application.h"
#include "zc-client.h"
#include "zc-login-page.h"
#include "zc-reception-page.h"
#include "zc-store.h"
#include "zc-window.h"
#include "zc-ui-test-util.h"

#define TIMEOUT_S 30

#define COMPANY_NAME "合肥市测试崩溃餐饮有限公司"
#define CAPITAL      "88"
#define PHONE        "13900001234"

static ZcApplication *app;
static char *tmpdir;
static char *store_path;
static char *platform_url;
static char *founder_key;

/* --- the window ------------------------------------------------------ */

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

static ZcWindow *
open_and_log_in (void)
{
  ZcWindow *win;
  ZcLoginPage *login;

  g_settings_set_string (zc_application_get_settings (app), "platform-url", platform_url);
  win = zc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 780);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (zc_test_spin_until (page_is_login, win, TIMEOUT_S, "login page"));

  login = zc_test_template_child (win, ZC_TYPE_WINDOW, "login_page");
  gtk_editable_set_text (zc_test_template_child (login, ZC_TYPE_LOGIN_PAGE, "username_row"), "clerk");
  gtk_editable_set_text (zc_test_template_child (login, ZC_TYPE_LOGIN_PAGE, "password_row"), "demo1234");
  gtk_widget_activate (zc_test_template_child (login, ZC_TYPE_LOGIN_PAGE, "login_button"));
  g_assert_true (zc_test_spin_until (page_is_main, win, TIMEOUT_S, "main view"));
  return win;
}

typedef struct {
  ZcReceptionPage *page;
  const char      *step;
} StepWait;

static gboolean
step_is (gpointer data)
{
  StepWait *w = data;

  return g_strcmp0 (zc_reception_page_get_step (w->page), w->step) == 0;
}

static void
wait_step (ZcReceptionPage *page,
           const char      *step)
{
  StepWait w = { page, step };

  if (!zc_test_spin_until (step_is, &w, TIMEOUT_S, step))
    {
      g_printerr ("# still at step %s\n", zc_reception_page_get_step (page));
      g_assert_not_reached ();
    }
}

static gboolean
next_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (zc_test_find_named (data, "next-button"));
}

/* the card of the applicant looked up is shown, to be confirmed */
static gboolean
applicant_card_shown (gpointer data)
{
  GtkWidget *button = zc_test_find_named (data, "confirm-applicant-button");

  return button != NULL && gtk_widget_get_mapped (button);
}

static gboolean
first_item_is (gpointer data)
{
  GtkListBox *box = GTK_LIST_BOX (zc_test_find_named (data, "item-list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, 0);

  return row != NULL && gtk_list_box_get_row_at_index (box, 1) == NULL
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "开办餐饮店") == 0;
}

static GtkWidget *
field_entry (ZcReceptionPage *page,
             const char      *key)
{
  GtkWidget *row = zc_test_find_named (GTK_WIDGET (page), key);
  GtkWidget *entry;

  g_assert_nonnull (row);
  entry = zc_test_find_type (row, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  return entry;
}

/* --- the child: the app that crashes ---------------------------------- */

static const char * const party_roles[] = { "legal_representative", "premises_owner", "staff", NULL };

/* the draft in the store holds what was typed, and the parties */
static gboolean
typed_draft_saved (gpointer data)
{
  ZcReceptionPage *page = data;
  const char *ref = zc_reception_page_get_local_ref (page);
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(JsonObject) body = NULL;
  JsonObject *form;
  JsonArray *parties;

  if (ref == NULL || (store = zc_store_new (store_path, NULL)) == NULL)
    return FALSE;
  body = zc_store_load_draft (store, ref, NULL);
  if (body == NULL || !json_object_has_member (body, "form") || !json_object_has_member (body, "parties"))
    return FALSE;
  form = json_object_get_object_member (body, "form");
  parties = json_object_get_array_member (body, "parties");
  return form != NULL && parties != NULL
         && g_strcmp0 (json_object_get_string_member_with_default (form, "company_name", ""), COMPANY_NAME) == 0
         && g_strcmp0 (json_object_get_string_member_with_default (form, "registered_capital", ""), CAPITAL) == 0
         && g_strcmp0 (json_object_get_string_member_with_default (form, "phone", ""), PHONE) == 0
         && json_array_get_length (parties) >= G_N_ELEMENTS (party_roles) - 1;
}

static void
child_activate_cb (GApplication *application)
{
  ZcWindow *win;
  ZcReceptionPage *page;
  GtkWidget *key_row, *search;

  g_signal_stop_emission_by_name (application, "activate");
  g_application_hold (application);

  win = open_and_log_in ();
  page = zc_test_template_child (win, ZC_TYPE_WINDOW, "reception_page");

  gtk_widget_activate (zc_test_template_child (win, ZC_TYPE_WINDOW, "reception_row"));
  zc_test_spin_for (100);
  gtk_widget_activate_action (GTK_WIDGET (page), "reception.new", NULL);
  wait_step (page, "applicant");
  key_row = zc_test_find_named (GTK_WIDGET (page), "key-row");
  g_assert_nonnull (key_row);
  zc_test_type_text (key_row, founder_key);
  zc_test_press_enter (key_row);
  /* the applicant's card; Enter again confirms it */
  g_assert_true (zc_test_spin_until (applicant_card_shown, page, TIMEOUT_S, "the applicant's card"));
  zc_test_press_enter (key_row);
  wait_step (page, "item");
  search = zc_test_find_named (GTK_WIDGET (page), "item-search");
  zc_test_type_text (search, "kbcyd");
  g_assert_true (zc_test_spin_until (first_item_is, page, TIMEOUT_S, "开办餐饮店 found by its initials"));
  zc_test_press_enter (search);
  wait_step (page, "matters");
  gtk_widget_activate_action (GTK_WIDGET (page), "reception.next", NULL);
  wait_step (page, "parties");
  g_assert_true (zc_test_spin_until (next_sensitive, page, TIMEOUT_S, "parties fetched"));
  gtk_widget_activate_action (GTK_WIDGET (page), "reception.next", NULL);
  wait_step (page, "form");

  /* a text field, a number field and a prefillable one typed over */
  zc_test_type_text (field_entry (page, "company_name"), COMPANY_NAME);
  zc_test_press_enter (field_entry (page, "company_name"));
  zc_test_type_text (field_entry (page, "registered_capital"), CAPITAL);
  zc_test_press_enter (field_entry (page, "registered_capital"));
  zc_test_type_text (field_entry (page, "phone"), PHONE);

  g_assert_true (zc_test_spin_until (typed_draft_saved, page, TIMEOUT_S, "the typed draft saved"));
  g_assert_cmpstr (zc_reception_page_get_step (page), ==, "form");

  printf ("REF %s\n", zc_reception_page_get_local_ref (page));
  printf ("SAVED\n");
  fflush (stdout);

  /* mid-form, running, until killed; never longer than the test */
  zc_test_spin_for (100 * 1000);
  g_printerr ("# the app was not killed\n");
  exit (3);
}

static int
run_child (void)
{
  platform_url = g_strdup (g_getenv ("ZC_CRASH_PLATFORM_URL"));
  founder_key = g_strdup (g_getenv ("ZC_CRASH_FOUNDER"));
  store_path = g_strdup (g_getenv ("ZC_STORE_PATH"));
  g_assert_nonnull (platform_url);
  g_assert_nonnull (founder_key);
  g_assert_nonnull (store_path);

  if (!gtk_init_check ())
    return 2;
  app = zc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (child_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* --- the parent ------------------------------------------------------- */

typedef struct {
  GDataInputStream *in;
  char             *line;
  gboolean          done;
} LineRead;

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *r = user_data;

  r->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, NULL);
  r->done = TRUE;
}

static gboolean
line_read (gpointer data)
{
  return ((LineRead *) data)->done;
}

/* the next line of @in (NULL at the end or after @seconds) */
static char *
read_line (GDataInputStream *in,
           guint             seconds,
           const char       *what)
{
  LineRead r = { in, NULL, FALSE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_data_input_stream_read_line_async (in, G_PRIORITY_DEFAULT, cancellable, read_line_cb, &r);
  if (!zc_test_spin_until (line_read, &r, seconds, what))
    {
      g_cancellable_cancel (cancellable);
      zc_test_spin_until (line_read, &r, 5, "cancelled read");
    }
  return r.line;
}

/* a demo founder whose parties are all known (as test-reception-ui.c
 * finds one); returns the applicant */
static ZcApplicant *
pick_founder (void)
{
  g_autoptr(ZcClient) client = zc_client_new (platform_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ZcUser) user = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  zc_client_login_async (client, "supervisor", "demo1234", NULL, zc_test_store_result_cb, &result);
  g_assert_true (zc_test_spin_until (zc_test_have_result, &result, TIMEOUT_S, "login"));
  user = zc_client_login_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  zc_client_list_applicants_async (client, NULL, "person", 0, 500, NULL, zc_test_store_result_cb, &result);
  g_assert_true (zc_test_spin_until (zc_test_have_result, &result, TIMEOUT_S, "applicants"));
  people = zc_client_list_applicants_finish (client, result, &total, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ZcApplicant) listed = g_list_model_get_item (people, i);
      g_autoptr(ZcApplicant) a = zc_test_fetch_applicant (client, zc_applicant_get_key (listed), TIMEOUT_S);

      if (a != NULL
          && zc_applicant_get_party_key (a, "legal_representative") != NULL
          && zc_applicant_get_party_key (a, "premises_owner") != NULL
          && zc_applicant_get_party_key (a, "staff") != NULL
          && zc_test_has_licence (a, "id_card"))
        return g_steal_pointer (&a);
    }
  g_assert_not_reached ();
  return NULL;
}

/* children do not outlive a test that fails */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
start_platform (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (tmpdir, "platform.db", NULL);
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  GSubprocess *platform;

  g_assert_nonnull (g_getenv ("ZC_PLATFORM_PATH"));
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  platform = g_subprocess_launcher_spawn (launcher, &error,
                                          g_getenv ("ZC_PLATFORM_PATH"), "--listen", "127.0.0.1:0",
                                          "--db", db, "--demo", "--data-dir", g_getenv ("ZC_DATA_DIR"), NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform));
  line = read_line (in, 60, "the platform's URL");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  platform_url = g_steal_pointer (&line);
  return platform;
}

static gboolean
drafts_offered (gpointer data)
{
  GtkWidget *list = zc_test_find_named (data, "drafts-list");

  return list != NULL && gtk_widget_get_mapped (list)
         && gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) != NULL;
}

static gboolean
draft_row_named (gpointer data)
{
  GtkListBox *list = GTK_LIST_BOX (zc_test_find_named (data, "drafts-list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

  return row != NULL
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "开办餐饮店") == 0;
}

typedef struct {
  ZcReceptionPage *page;
  ZcApplicant     *founder;
} RestoreWait;

/* the form is back with the typed values and the parties */
static gboolean
restored (gpointer data)
{
  RestoreWait *w = data;
  ZcReception *reception = zc_reception_page_get_reception (w->page);
  ZcReceptionField *f;

  if (reception == NULL || g_strcmp0 (zc_reception_page_get_step (w->page), "form") != 0)
    return FALSE;
  f = zc_reception_find_field (reception, "company_name");
  if (f == NULL || g_strcmp0 (zc_reception_field_get_value (f), COMPANY_NAME) != 0)
    return FALSE;
  for (guint i = 0; party_roles[i] != NULL; i++)
    if (zc_reception_get_party (reception, party_roles[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
test_crash_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) platform = start_platform ();
  g_autoptr(ZcApplicant) founder = pick_founder ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app_process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *ref = NULL;
  g_autoptr(ZcStore) store = NULL;
  g_auto(GStrv) refs = NULL;
  gboolean saved = FALSE;
  ZcWindow *win;
  ZcReceptionPage *page;
  ZcReception *reception;
  GtkListBoxRow *row;
  RestoreWait rw;

  g_assert_nonnull (self_exe);

  /* the app, as a process of its own, on the store file */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "ZC_STORE_PATH", store_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "ZC_CRASH_PLATFORM_URL", platform_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "ZC_CRASH_FOUNDER", zc_applicant_get_key (founder), TRUE);
  app_process = g_subprocess_launcher_spawn (launcher, &error, self_exe, "--child", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app_process));
  while (!saved)
    {
      g_autofree char *line = read_line (out, 90, "SAVED from the app");

      if (line == NULL)
        break;
      if (g_str_has_prefix (line, "REF "))
        ref = g_strdup (line + 4);
      saved = g_str_equal (line, "SAVED");
    }
  if (!saved)
    g_subprocess_force_exit (app_process);
  g_assert_true (saved);
  g_assert_nonnull (ref);

  /* the crash: mid-form, no chance to flush or say goodbye */
  g_subprocess_send_signal (app_process, SIGKILL);
  g_assert_true (g_subprocess_wait (app_process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (app_process));
  g_assert_cmpint (g_subprocess_get_term_sig (app_process), ==, SIGKILL);

  /* the store survived with the draft */
  store = zc_store_new (store_path, &error);
  g_assert_no_error (error);
  refs = zc_store_list_drafts (store, "clerk", &error);
  g_assert_no_error (error);
  g_assert_nonnull (refs);
  g_assert_cmpuint (g_strv_length (refs), ==, 1);
  g_assert_cmpstr (refs[0], ==, ref);

  /* the app started again on the same store offers it */
  win = open_and_log_in ();
  page = zc_test_template_child (win, ZC_TYPE_WINDOW, "reception_page");
  gtk_widget_activate (zc_test_template_child (win, ZC_TYPE_WINDOW, "reception_row"));
  /* (the list is rebuilt with the item's name once the catalogue is in) */
  g_assert_true (zc_test_spin_until (drafts_offered, page, TIMEOUT_S, "继续未完成的受理 offered"));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (zc_test_find_named (GTK_WIDGET (page), "drafts-list")), 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "local-ref"), ==, ref);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ref));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), zc_applicant_get_key (founder)));
  g_assert_true (zc_test_spin_until (draft_row_named, page, TIMEOUT_S, "the draft row named 开办餐饮店"));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (zc_test_find_named (GTK_WIDGET (page), "drafts-list")), 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "local-ref"), ==, ref);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (zc_test_find_named (GTK_WIDGET (page), "drafts-list")), 1));

  /* continued: the same draft, at the form, as typed */
  gtk_widget_activate (GTK_WIDGET (row));
  rw.page = page;
  rw.founder = founder;
  if (!zc_test_spin_until (restored, &rw, TIMEOUT_S, "the draft restored"))
    {
      g_test_message ("at step %s", zc_reception_page_get_step (page));
      g_assert_not_reached ();
    }
  g_assert_cmpstr (zc_reception_page_get_local_ref (page), ==, ref);
  reception = zc_reception_page_get_reception (page);
  g_assert_cmpstr (zc_applicant_get_key (zc_reception_get_applicant (reception)), ==,
                   zc_applicant_get_key (founder));
  g_assert_cmpstr (zc_catalogue_item_get_code (zc_reception_get_item (reception)), ==, "open_restaurant");

  g_assert_cmpstr (zc_reception_field_get_value (zc_reception_find_field (reception, "registered_capital")), ==, CAPITAL);
  g_assert_cmpstr (zc_reception_field_get_value (zc_reception_find_field (reception, "phone")), ==, PHONE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_entry (page, "company_name"))), ==, COMPANY_NAME);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_entry (page, "registered_capital"))), ==, CAPITAL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_entry (page, "phone"))), ==, PHONE);

  for (guint i = 0; party_roles[i] != NULL; i++)
    g_assert_cmpstr (zc_applicant_get_key (zc_reception_get_party (reception, party_roles[i])), ==,
                     zc_applicant_get_party_key (founder, party_roles[i]));

  gtk_window_close (GTK_WINDOW (win));
  zc_test_spin_for (100);

  g_subprocess_send_signal (platform, SIGTERM);
  g_assert_true (g_subprocess_wait (platform, NULL, NULL));
}

static void
run_tests_cb (GApplication *application,
              int          *ret)
{
  g_signal_stop_emission_by_name (application, "activate");
  g_application_hold (application);
  *ret = g_test_run ();
  g_application_release (application);
  g_application_quit (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int ret = 1;

  setlocale (LC_ALL, "");
  if (g_getenv ("ZC_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZC_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return run_child ();

  tmpdir = g_dir_make_tmp ("zc-test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  store_path = g_build_filename (tmpdir, "local.db", NULL);
  g_setenv ("ZC_STORE_PATH", store_path, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run with: meson test --setup xvfb)\n");
      zc_test_remove_tree (tmpdir);
      return 0;
    }

  app = zc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/ui/crash/draft-survives-sigkill", test_crash_restore);

  g_signal_connect (app, "activate", G_CALLBACK (run_tests_cb), &ret);
  g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_object (&app);

  zc_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (store_path);
  g_free (platform_url);
  g_free (founder_key);

  return ret;
}
