/* test-commitments-ui.c — 承诺核查 under Xvfb against a real platform
 * (the demo, at a fixed ZC_NOW): the page lists the commitments most
 * urgent first ("due soon" in working days on the official calendar:
 * run at two fixed clocks, one before 国庆), the filters ask the platform again, a department records
 * a 事后核查 (a 虚假承诺 only once confirmed) and the row says so; the
 * case page lists a case's commitments in words; the window supplies the
 * missing material of an overdue 容缺 from its row (a PDF imported in the
 * capture dialog, through the outbox) and the row says 已履行, the case's
 * tasks no longer await the supplement. The page reads the list again
 * when shown (a commitment recorded meanwhile comes in, a draft's does
 * not), keeping the focused row; the commitment dialog counts the
 * working days left from today as the page does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zc-test-client.h"
#include "zc-test-server.h"
#include "zc-ui-test-util.h"

#include "zc-calendar.h"
#include "zc-clock.h"
#include "zc-i18n.h"
#include "zc-case-commitments.h"
#include "zc-commitment-dialog.h"
#include "zc-commitment-rules.h"
#include "zc-commitments-page.h"
#include "zc-capture-dialog.h"
#include "zc-outbox.h"
#include "zc-acquire-test-util.h"

#define TIMEOUT_S 30

static ZcServer *server;
static ZcCalendar *calendar;
static char *tmpdir;
static char *db_path;

static char *
query_text (sqlite3    *db,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = zc_date_time_now_china ();
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return zc_date_to_iso (&d);
}

/* the last day due soon today, and the working day after it */
static void
due_soon_days (GDate *limit,
               GDate *after)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_clear (limit, 1);
  g_date_clear (after, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);
  g_assert_true (zc_commitment_due_soon_limit (calendar, &today, limit, NULL, NULL));
  g_assert_true (zc_calendar_add_working_days (calendar, limit, 1, after, NULL, NULL));
}

/* The demo's department with the most commitments gets four more, made by
 * SQL on one of its cases: a 告知承诺 whose 事后核查 is due in 30 days,
 * a 容缺 three days past its deadline, a 容缺 due on the last day due
 * soon and one due the working day after it. Returns its user. */
static char *
add_commitments (gint64 *case_id_out)
{
  sqlite3 *db = NULL;
  g_autofree char *dept = NULL;
  g_autofree char *user = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *due = day_from_today (30);
  g_autofree char *past = day_from_today (-3);
  g_autofree char *soon = NULL;
  g_autofree char *later = NULL;
  GDate limit, after;
  g_autofree char *sql = NULL;
  char *err = NULL;

  due_soon_days (&limit, &after);
  soon = zc_date_to_iso (&limit);
  later = zc_date_to_iso (&after);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  dept = query_text (db, "SELECT json_extract (departments, '$[0]') d FROM commitments "
                         "GROUP BY d ORDER BY count(*) DESC, d LIMIT 1", NULL);
  g_assert_nonnull (dept);
  user = query_text (db, "SELECT username FROM users WHERE role = 'department' AND department = ?1", dept);
  g_assert_nonnull (user);
  case_id = query_text (db, "SELECT case_id FROM commitments WHERE json_extract (departments, '$[0]') = ?1 "
                            "ORDER BY id LIMIT 1", dept);
  g_assert_nonnull (case_id);
  sql = sqlite3_mprintf (
    "INSERT INTO commitments (case_id, kind, materials, departments, verification_due, verification_method, "
    " state, signature, created_at, created_by, updated_at) "
    "SELECT case_id, 'commitment', materials, departments, %Q, 'on_site', 'open', signature, created_at, "
    " created_by, updated_at FROM commitments WHERE case_id = %s ORDER BY id LIMIT 1;"
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, "
    " state, signature, created_at, created_by, updated_at) "
    "SELECT case_id, 'tolerance', materials, departments, %Q, 'open', signature, created_at, "
    " created_by, updated_at FROM commitments WHERE case_id = %s ORDER BY id LIMIT 1;"
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, "
    " state, signature, created_at, created_by, updated_at) "
    "SELECT case_id, 'tolerance', materials, departments, %Q, 'open', signature, created_at, "
    " created_by, updated_at FROM commitments WHERE case_id = %s ORDER BY id LIMIT 1;"
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, "
    " state, signature, created_at, created_by, updated_at) "
    "SELECT case_id, 'tolerance', materials, departments, %Q, 'open', signature, created_at, "
    " created_by, updated_at FROM commitments WHERE case_id = %s ORDER BY id LIMIT 1;",
    due, case_id, past, case_id, soon, case_id, later, case_id);
  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("%s", err);
  sqlite3_free (sql);
  g_steal_pointer (&sql);
  sqlite3_close (db);
  *case_id_out = g_ascii_strtoll (case_id, NULL, 10);
  return g_steal_pointer (&user);
}

/* runs @sql on the platform's database (the test's own changes) */
static void
exec_sql (const char *sql)
{
  sqlite3 *db = NULL;
  char *err = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("%s", err);
  sqlite3_close (db);
}

static gboolean
page_loaded (gpointer data)
{
  return !zc_commitments_page_is_loading (data);
}

/* 0 overdue, 1 due soon, 2 not due, 3 nothing to follow */
static int
urgency (JsonObject *c, const GDate *today)
{
  const char *state = json_object_get_string_member (c, "state");
  const char *date = json_object_get_string_member_with_default (c, "verification_due", NULL);
  GDate d, limit, after;

  if (g_strcmp0 (state, "overdue") == 0)
    return 0;
  if (g_strcmp0 (state, "open") != 0)
    return 3;
  if (date == NULL || g_strcmp0 (json_object_get_string_member (c, "kind"), "commitment") != 0)
    date = json_object_get_string_member_with_default (c, "deadline", NULL);
  g_date_clear (&d, 1);
  if (!zc_date_parse_iso (date, &d))
    return 2;
  if (g_date_days_between (today, &d) < 0)
    return 0;
  due_soon_days (&limit, &after);
  return g_date_compare (&d, &limit) <= 0 ? 1 : 2;
}

static GtkWidget *
nth_row (ZcCommitmentsPage *page,
         guint              n)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (zc_test_find_named (GTK_WIDGET (page), "commitment-row")));

  return GTK_WIDGET (gtk_list_box_get_row_at_index (list, n));
}

static GtkWindow *
find_dialog (const char *name)
{
  GListModel *tops = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (tops, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (w)), name) == 0 && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer name)
{
  return find_dialog (name) != NULL;
}

static gboolean
dialog_gone (gpointer name)
{
  return find_dialog (name) == NULL;
}

static void
print_toast (ZcCommitmentsPage *page,
             const char        *message,
             gpointer           data)
{
  g_test_message ("toast: %s", message);
}

static gboolean
first_is_breached (gpointer data)
{
  GPtrArray *shown = zc_commitments_page_get_shown (data);

  return !zc_commitments_page_is_loading (data) && shown->len > 0
    && g_strcmp0 (json_object_get_string_member (g_ptr_array_index (shown, 0), "state"), "breached") == 0;
}

/* what a click on a response button does: the response, then the
 * dialog closes */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
}

static void
record_case (ZcCommitmentsPage *page,
             gint64             id,
             gint64            *out)
{
  *out = id;
}

static void
test_commitments_page (void)
{
  gint64 case_id = 0, activated = 0;
  g_autofree char *user = add_commitments (&case_id);
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), user, "demo1234");
  GtkWindow *win = GTK_WINDOW (gtk_window_new ());
  ZcCommitmentsPage *page = ZC_COMMITMENTS_PAGE (zc_commitments_page_new ());
  g_autoptr(GDateTime) now = zc_date_time_now_china ();
  GtkDropDown *kind_filter;
  GPtrArray *shown;
  GtkWidget *row, *button, *pill;
  GtkWindow *dialog;
  GDate today;
  int last = -1;
  guint n_all;

  g_assert_nonnull (client);
  gtk_window_set_default_size (win, 1100, 700);
  gtk_window_set_child (win, GTK_WIDGET (page));
  gtk_window_present (win);
  g_signal_connect (page, "case-activated", G_CALLBACK (record_case), &activated);
  g_signal_connect (page, "toast", G_CALLBACK (print_toast), NULL);

  zc_commitments_page_set_client (page, client);
  g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the commitments"));
  shown = zc_commitments_page_get_shown (page);
  n_all = shown->len;
  g_assert_cmpuint (n_all, >=, 3);   /* the demo's and the two made here */

  /* most urgent first: overdue, due soon, not due */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  for (guint i = 0; i < shown->len; i++)
    {
      int u = urgency (g_ptr_array_index (shown, i), &today);

      g_assert_cmpint (u, >=, last);
      last = u;
      /* of received cases only, each named by its number */
      g_assert_nonnull (json_object_get_string_member_with_default (g_ptr_array_index (shown, i), "case_number", NULL));
    }
  g_assert_cmpint (urgency (g_ptr_array_index (shown, 0), &today), ==, 0);
  /* the overdue row says so, in words and as its state */
  row = nth_row (page, 0);
  pill = zc_test_find_named (row, "commitment-state");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pill)), ==, zc_commitment_state_label (ZC_COMMITMENT_STATE_OVERDUE));
  g_assert_true (gtk_widget_has_css_class (zc_test_find_named (row, "commitment-when"), "error"));
  /* the applicant masked */
  g_assert_nonnull (strchr (json_object_get_string_member (g_ptr_array_index (shown, 0), "applicant"), '*'));
  /* the materials by their catalogue names, not their codes */
  {
    JsonObject *first = g_ptr_array_index (shown, 0);
    const char *code = json_array_get_string_element (json_object_get_array_member (first, "materials"), 0);
    const char *name = json_array_get_string_element (json_object_get_array_member (first, "material_names"), 0);
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    g_assert_cmpstr (name, !=, code);
    g_assert_nonnull (strstr (subtitle, name));
    g_assert_null (strstr (subtitle, code));
  }
  /* due soon in working days: the 容缺 due on the last day due soon is
   * marked so, the one due the working day after is not, and says how
   * many working days are left */
  {
    GDate limit, after;
    g_autofree char *soon = NULL;
    g_autofree char *later = NULL;
    gboolean seen_soon = FALSE, seen_later = FALSE;

    due_soon_days (&limit, &after);
    soon = zc_date_to_iso (&limit);
    later = zc_date_to_iso (&after);
    for (guint i = 0; i < shown->len; i++)
      {
        JsonObject *c = g_ptr_array_index (shown, i);
        const char *deadline = json_object_get_string_member_with_default (c, "deadline", NULL);
        GtkWidget *when;

        if (g_strcmp0 (json_object_get_string_member (c, "kind"), "tolerance") != 0 ||
            g_strcmp0 (json_object_get_string_member (c, "state"), "open") != 0)
          continue;
        when = zc_test_find_named (nth_row (page, i), "commitment-when");
        if (g_strcmp0 (deadline, soon) == 0)
          {
            g_assert_true (gtk_widget_has_css_class (when, "warning"));
            seen_soon = TRUE;
          }
        else if (g_strcmp0 (deadline, later) == 0)
          {
            int working = 0;
            g_autofree char *words = NULL;
            g_autofree char *labelled = NULL;

            g_assert_false (gtk_widget_has_css_class (when, "warning"));
            g_assert_true (gtk_widget_has_css_class (when, "dim-label"));
            g_assert_true (zc_calendar_working_days_between (calendar, &today, &after, &working, NULL, NULL));
            g_assert_cmpint (working, ==, ZC_COMMITMENT_DUE_SOON_DAYS + 1);
            words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d working day left",
                                                  "%s, %d working days left", working), later, working);
            /* the 容缺's date says what it is: 补交期限 */
            labelled = g_strdup_printf (_("Supply by %s"), words);
            g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (when)), ==, labelled);
            seen_later = TRUE;
          }
      }
    g_assert_true (seen_soon);
    g_assert_true (seen_later);
  }

  /* a 容缺 has nothing to verify */
  g_assert_null (zc_test_find_named (row, "verify-button"));

  /* opening a row opens its case */
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_cmpint (activated, ==,
                   json_object_get_int_member (g_ptr_array_index (shown, 0), "case_id"));

  /* the kind filter: only the 告知承诺 made here */
  kind_filter = GTK_DROP_DOWN (zc_test_find_named (GTK_WIDGET (page), "kind-filter"));
  gtk_drop_down_set_selected (kind_filter, 2);
  g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the filtered commitments"));
  shown = zc_commitments_page_get_shown (page);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (shown, 0), "kind"), ==, "commitment");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (shown, 0), "state"), ==, "open");

  /* before a sub-matter it covers is approved (no verification_due) a
   * 告知承诺 is not verified: no 核查 button (the platform refuses it) */
  {
    g_autofree char *sql = g_strdup_printf (
      "UPDATE commitments SET verification_due = NULL WHERE id = %" G_GINT64_FORMAT,
      json_object_get_int_member (g_ptr_array_index (shown, 0), "id"));
    g_autofree char *restore = g_strdup_printf (
      "UPDATE commitments SET verification_due = '%s' WHERE id = %" G_GINT64_FORMAT,
      json_object_get_string_member (g_ptr_array_index (shown, 0), "verification_due"),
      json_object_get_int_member (g_ptr_array_index (shown, 0), "id"));

    exec_sql (sql);
    zc_commitments_page_reload (page);
    g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the commitment before approval"));
    g_assert_null (zc_test_find_named (nth_row (page, 0), "verify-button"));
    exec_sql (restore);
    zc_commitments_page_reload (page);
    g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the commitment due"));
    shown = zc_commitments_page_get_shown (page);
  }

  /* a 虚假承诺, not confirmed: nothing written */
  row = nth_row (page, 0);
  button = zc_test_find_named (row, "verify-button");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  g_assert_true (zc_test_spin_until (dialog_shown, (gpointer) "verification-dialog", TIMEOUT_S, "the dialog"));
  dialog = find_dialog ("verification-dialog");
  {
    GtkWidget *result = g_object_get_data (G_OBJECT (dialog), "result");
    GtkWidget *method = g_object_get_data (G_OBJECT (dialog), "method");

    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (method)), ==, 2);  /* planned: on_site */
    gtk_drop_down_set_selected (GTK_DROP_DOWN (result), 1);
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "note"), "实地调查，经营场所与承诺不符");
  }
  respond (dialog, "record");
  g_assert_true (zc_test_spin_until (dialog_shown, (gpointer) "confirm-false-commitment", TIMEOUT_S, "the confirmation"));
  respond (find_dialog ("confirm-false-commitment"), "cancel");
  g_assert_true (zc_test_spin_until (dialog_gone, (gpointer) "confirm-false-commitment", TIMEOUT_S, "the confirmation closed"));
  g_assert_true (zc_test_spin_until (dialog_gone, (gpointer) "verification-dialog", TIMEOUT_S, "the dialog closed"));
  zc_test_spin_for (500);
  g_assert_false (zc_commitments_page_is_loading (page));
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (zc_commitments_page_get_shown (page), 0), "state"),
                   ==, "open");

  /* confirmed: the row says 虚假承诺 and has nothing left to record */
  gtk_widget_activate (zc_test_find_named (nth_row (page, 0), "verify-button"));
  g_assert_true (zc_test_spin_until (dialog_shown, (gpointer) "verification-dialog", TIMEOUT_S, "the dialog again"));
  dialog = find_dialog ("verification-dialog");
  gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (dialog), "result"), 1);
  if (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE") != NULL)
    {
      g_printerr ("screenshot now\n");
      zc_test_spin_for (atoi (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE")));
    }
  respond (dialog, "record");
  g_assert_true (zc_test_spin_until (dialog_shown, (gpointer) "confirm-false-commitment", TIMEOUT_S, "the confirmation"));
  respond (find_dialog ("confirm-false-commitment"), "record");
  g_assert_true (zc_test_spin_until (first_is_breached, page, TIMEOUT_S, "the row breached"));
  row = nth_row (page, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (zc_test_find_named (row, "commitment-state"))), ==,
                   zc_commitment_state_label (ZC_COMMITMENT_STATE_BREACHED));
  g_assert_null (zc_test_find_named (row, "verify-button"));

  /* back to all kinds: as many as before */
  gtk_drop_down_set_selected (kind_filter, 0);
  g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "all commitments"));
  g_assert_cmpuint (zc_commitments_page_get_shown (page)->len, ==, n_all);

  /* the state filter offers 已撤销 (the contract's cancelled), last, and
   * asks the platform for those only */
  {
    GtkDropDown *state_filter = GTK_DROP_DOWN (zc_test_find_named (GTK_WIDGET (page), "state-filter"));
    GListModel *states = gtk_drop_down_get_model (state_filter);
    guint last_state = g_list_model_get_n_items (states) - 1;
    GPtrArray *cancelled;

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (states), last_state), ==,
                     zc_commitment_state_label (ZC_COMMITMENT_STATE_CANCELLED));
    gtk_drop_down_set_selected (state_filter, last_state);
    g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the cancelled commitments"));
    cancelled = zc_commitments_page_get_shown (page);
    for (guint i = 0; i < cancelled->len; i++)
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (cancelled, i), "state"), ==, "cancelled");
    g_assert_cmpuint (cancelled->len, <, n_all);
    gtk_drop_down_set_selected (state_filter, 0);
    g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "all commitments"));
    g_assert_cmpuint (zc_commitments_page_get_shown (page)->len, ==, n_all);
  }

  /* the case page's section: the case's commitments in words */
  {
    GAsyncResult *res = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(ZcCase) kase = NULL;
    GtkWidget *section = g_object_ref_sink (zc_case_commitments_new ());
    JsonArray *commitments;

    zc_client_get_case_async (client, case_id, NULL, zc_test_store_result_cb, &res);
    kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
    g_assert_no_error (error);
    commitments = zc_case_get_commitments_json (kase);
    g_assert_nonnull (commitments);
    g_assert_cmpuint (json_array_get_length (commitments), >=, 3);
    zc_case_commitments_show (ZC_CASE_COMMITMENTS (section), commitments, NULL);
    g_assert_cmpuint (zc_case_commitments_get_n_rows (ZC_CASE_COMMITMENTS (section)), ==,
                      json_array_get_length (commitments));
    g_assert_nonnull (zc_test_find_named (section, "case-commitment"));
    zc_case_commitments_show (ZC_CASE_COMMITMENTS (section), NULL, NULL);
    g_assert_cmpuint (zc_case_commitments_get_n_rows (ZC_CASE_COMMITMENTS (section)), ==, 0);
    g_object_unref (section);
  }

  if (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE") != NULL)
    {
      g_printerr ("screenshot now\n");
      zc_test_spin_for (atoi (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE")));
    }
  gtk_window_destroy (win);
}

/* --- supplying a missing material from the page --------------------- */

typedef struct
{
  ZcCommitmentsPage *page;
  gint64             id;
} Watch;

static JsonObject *
shown_commitment (ZcCommitmentsPage *page,
                  gint64             id,
                  guint             *index)
{
  GPtrArray *shown = zc_commitments_page_get_shown (page);

  for (guint i = 0; i < shown->len; i++)
    if (json_object_get_int_member (g_ptr_array_index (shown, i), "id") == id)
      {
        if (index != NULL)
          *index = i;
        return g_ptr_array_index (shown, i);
      }
  return NULL;
}

static gboolean
commitment_fulfilled (gpointer data)
{
  Watch *w = data;
  JsonObject *c;

  if (zc_commitments_page_is_loading (w->page))
    return FALSE;
  c = shown_commitment (w->page, w->id, NULL);
  return c != NULL && g_strcmp0 (json_object_get_string_member (c, "state"), "fulfilled") == 0;
}

static ZcCaptureDialog *
find_capture_dialog (void)
{
  return (ZcCaptureDialog *) zc_test_find_toplevel (ZC_TYPE_CAPTURE_DIALOG);
}

static gboolean
capture_dialog_shown (gpointer data)
{
  return find_capture_dialog () != NULL;
}

static gboolean
capture_has_pages (gpointer data)
{
  ZcCaptureDialog *dialog = find_capture_dialog ();

  return dialog != NULL && zc_capture_dialog_get_n_pages (dialog) == GPOINTER_TO_UINT (data);
}

static gboolean
capture_done_enabled (gpointer data)
{
  ZcCaptureDialog *dialog = find_capture_dialog ();

  return dialog != NULL && gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.done", NULL);
}

static guint
n_awaiting (ZcClient *client,
            gint64    case_id)
{
  GAsyncResult *res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  GListModel *tasks;
  guint n = 0;

  zc_client_get_case_async (client, case_id, NULL, zc_test_store_result_cb, &res);
  kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
  g_assert_no_error (error);
  tasks = zc_case_get_tasks (kase);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(ZcTask) task = g_list_model_get_item (tasks, i);

      n += zc_task_get_awaiting_supplement (task) ? 1 : 0;
    }
  return n;
}

static int
count_documents (gint64      case_id,
                 const char *material)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM documents WHERE case_id = %" G_GINT64_FORMAT
                                          " AND material = ?1", case_id);
  g_autofree char *n = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  n = query_text (db, sql, material);
  sqlite3_close (db);
  return n != NULL ? atoi (n) : -1;
}

static void
test_supply_material (void)
{
  sqlite3 *db = NULL;
  g_autofree char *row_text = NULL;
  g_autofree char *past = day_from_today (-2);
  g_autofree char *sql = NULL;
  g_autofree char *store_path = g_build_filename (tmpdir, "supply-store.db", NULL);
  g_autoptr(GBytes) pdf = zc_acquire_test_pdf (1);
  g_autoptr(ZcClient) client = NULL;
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(ZcOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  GtkWindow *win = GTK_WINDOW (gtk_window_new ());
  ZcCommitmentsPage *page = ZC_COMMITMENTS_PAGE (zc_commitments_page_new ());
  ZcCaptureDialog *dialog;
  GtkWidget *row, *button;
  GSList *files = NULL;
  gint64 id, case_id;
  guint index = 0;
  Watch watch;
  int documents_before;

  /* a 容缺 of one material on a received case of a window with a clerk,
   * its tasks waiting; its deadline moved two days back: overdue */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  row_text = query_text (db,
    "SELECT k.id || '|' || k.case_id || '|' || u.username || '|' || json_extract (k.materials, '$[0]') "
    "FROM commitments k "
    "JOIN cases c ON c.id = k.case_id JOIN users u ON u.role = 'clerk' AND u.window = c.window "
    "WHERE k.kind = 'tolerance' AND k.state IN ('open', 'overdue') AND c.state = 'received' "
    "AND json_array_length (k.materials) = 1 AND json_array_length (k.supplied) = 0 "
    "AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = k.case_id AND t.awaiting_supplement = 1) "
    /* a material every such case asks for: no condition on the form
     * (the demo may tolerate one this case does not ask for) */
    "AND NOT EXISTS (SELECT 1 FROM catalogue_items ci, json_each (ci.json, '$.materials') mm "
    "                WHERE ci.code = c.item AND json_extract (mm.value, '$.code') = json_extract (k.materials, '$[0]') "
    "                AND json_type (mm.value, '$.when') IS NOT NULL) "
    "ORDER BY k.id LIMIT 1", NULL);
  g_assert_nonnull (row_text);
  parts = g_strsplit (row_text, "|", 4);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  id = g_ascii_strtoll (parts[0], NULL, 10);
  case_id = g_ascii_strtoll (parts[1], NULL, 10);
  sql = sqlite3_mprintf ("UPDATE commitments SET deadline = %Q, state = 'open' WHERE id = %lld", past, (long long) id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  g_steal_pointer (&sql);
  sqlite3_close (db);

  documents_before = count_documents (case_id, parts[3]);
  client = zc_test_login (zc_server_get_url (server), parts[2], "demo1234");
  g_assert_nonnull (client);
  g_assert_cmpuint (n_awaiting (client, case_id), >, 0);
  store = zc_store_new (store_path, &error);
  g_assert_no_error (error);
  outbox = zc_outbox_new (store, client);
  zc_outbox_kick (outbox);

  gtk_window_set_default_size (win, 1100, 700);
  gtk_window_set_child (win, GTK_WIDGET (page));
  gtk_window_present (win);
  g_signal_connect (page, "toast", G_CALLBACK (print_toast), NULL);
  zc_commitments_page_set_outbox (page, outbox);
  zc_commitments_page_set_client (page, client);
  g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the window's commitments"));

  /* the window sees its own overdue 容缺, with 补交材料… */
  g_assert_nonnull (shown_commitment (page, id, &index));
  g_assert_cmpstr (json_object_get_string_member (shown_commitment (page, id, NULL), "state"), ==, "overdue");
  row = nth_row (page, index);
  button = zc_test_find_named (row, "supply-button");
  g_assert_nonnull (button);
  g_assert_null (zc_test_find_named (row, "verify-button"));
  if (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE") != NULL)
    {
      g_printerr ("screenshot now\n");
      zc_test_spin_for (atoi (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE")));
    }

  /* the capture dialog for that material: a PDF imported, 完成 */
  gtk_widget_activate (button);
  g_assert_true (zc_test_spin_until (capture_dialog_shown, NULL, TIMEOUT_S, "the capture dialog"));
  dialog = find_capture_dialog ();
  files = g_slist_append (files, zc_acquire_test_write (tmpdir, "supplied.pdf", pdf));
  zc_capture_dialog_import (dialog, files);
  g_slist_free_full (files, g_object_unref);
  g_assert_true (zc_test_spin_until (capture_has_pages, GUINT_TO_POINTER (1), 60, "the imported page"));
  g_assert_true (zc_test_spin_until (capture_done_enabled, NULL, TIMEOUT_S, "完成"));

  /* kept, uploaded once, the commitment fulfilled: the row says so */
  watch.page = page;
  watch.id = id;
  g_assert_true (zc_test_spin_until (commitment_fulfilled, &watch, 60, "the commitment fulfilled"));
  shown_commitment (page, id, &index);
  row = nth_row (page, index);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (zc_test_find_named (row, "commitment-state"))), ==,
                   zc_commitment_state_label (ZC_COMMITMENT_STATE_FULFILLED));
  g_assert_null (zc_test_find_named (row, "supply-button"));
  g_assert_cmpuint (n_awaiting (client, case_id), ==, 0);
  /* uploaded exactly once, with the material's code */
  zc_test_spin_for (1000);
  g_assert_cmpint (count_documents (case_id, parts[3]), ==, documents_before + 1);

  /* a reception made here reaches the platform (with its 容缺 perhaps):
   * the page on screen reads the list again (the entry made in a store
   * of its own: this outbox would send it) */
  {
    g_autofree char *other_path = g_build_filename (tmpdir, "entry-store.db", NULL);
    g_autoptr(ZcStore) other = zc_store_new (other_path, &error);
    g_autoptr(JsonObject) body = json_object_new ();
    g_autoptr(ZcOutboxEntry) entry = NULL;

    g_assert_no_error (error);
    entry = zc_store_outbox_append (other, parts[2], ZC_OUTBOX_KIND_SUBMIT_CASE, "ZC-LOCAL-1", body, &error);
    g_assert_no_error (error);
    g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the list at rest"));
    g_signal_emit_by_name (outbox, "entry-sent", entry);
    g_assert_true (zc_commitments_page_is_loading (page));
    g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the list after a reception"));
  }

  zc_commitments_page_set_outbox (page, NULL);
  gtk_window_destroy (win);
}

/* --- read again when shown ------------------------------------------- */

static gint64
focused_id (GtkWindow *win)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (win));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  JsonObject *c = row != NULL ? g_object_get_data (G_OBJECT (row), "commitment") : NULL;

  /* a row of the list on screen (a row taken out may keep the focus) */
  if (row == NULL || gtk_widget_get_root (row) != GTK_ROOT (win) || !gtk_widget_get_mapped (row))
    return 0;
  return c != NULL ? json_object_get_int_member (c, "id") : 0;
}

static void
test_reload_on_show (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "supervisor", "demo1234");
  GtkWindow *win = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  ZcCommitmentsPage *page = ZC_COMMITMENTS_PAGE (zc_commitments_page_new ());
  g_autofree char *later = day_from_today (60);
  g_autofree char *sql = NULL;
  g_autofree char *draft_sql = NULL;
  GPtrArray *shown;
  GtkWidget *row;
  guint n;
  gint64 second;

  g_assert_nonnull (client);
  /* the window's content: another section and the page */
  gtk_stack_add_named (stack, gtk_label_new ("inbox"), "inbox");
  gtk_stack_add_named (stack, GTK_WIDGET (page), "commitments");
  gtk_stack_set_visible_child_name (stack, "commitments");
  gtk_window_set_default_size (win, 1100, 400);   /* the list scrolls */
  gtk_window_set_child (win, GTK_WIDGET (stack));
  gtk_window_present (win);
  zc_test_focus_window (win);
  g_signal_connect (page, "toast", G_CALLBACK (print_toast), NULL);
  zc_commitments_page_set_client (page, client);
  g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the commitments"));
  shown = zc_commitments_page_get_shown (page);
  n = shown->len;
  g_assert_cmpuint (n, >=, 2);

  /* F5 (or an upload): the focused row stays focused */
  second = json_object_get_int_member (g_ptr_array_index (shown, 1), "id");
  row = nth_row (page, 1);
  gtk_widget_grab_focus (row);
  g_assert_cmpint (focused_id (win), ==, second);
  zc_commitments_page_reload (page);
  g_assert_true (zc_commitments_page_is_loading (page));
  g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the commitments again"));
  g_assert_true (nth_row (page, 1) != row);   /* the rows were made again */
  g_assert_cmpint (focused_id (win), ==, second);

  /* scrolled down, the focus elsewhere: the list stays where it was */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (nth_row (page, 0),
                                                                                GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
    double bottom;

    gtk_widget_grab_focus (zc_test_find_named (GTK_WIDGET (page), "kind-filter"));
    zc_test_spin_for (100);
    bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
    g_assert_cmpfloat (bottom, >, 50);
    gtk_adjustment_set_value (adjustment, bottom);
    zc_commitments_page_reload (page);
    g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the commitments, scrolled"));
    zc_test_spin_for (200);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, bottom);
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* another section is shown; meanwhile a 容缺 is recorded on a
   * received case (elsewhere: another window, the case page), and one
   * on a draft (a reception not received yet) */
  gtk_stack_set_visible_child_name (stack, "inbox");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  sql = g_strdup_printf (
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, state, signature, "
    " created_at, created_by, updated_at) "
    "SELECT k.case_id, 'tolerance', k.materials, k.departments, '%s', 'open', k.signature, k.created_at, "
    " k.created_by, k.updated_at FROM commitments k JOIN cases c ON c.id = k.case_id "
    "WHERE c.state = 'received' ORDER BY k.id LIMIT 1", later);
  exec_sql (sql);
  draft_sql = g_strdup_printf (
    "INSERT INTO cases (number, item, applicant, state, window, clerk, matters, created_at, updated_at) "
    "SELECT NULL, item, applicant, 'draft', window, clerk, matters, created_at, updated_at FROM cases "
    "WHERE state = 'received' ORDER BY id LIMIT 1;"
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, state, signature, "
    " created_at, created_by, updated_at) "
    "SELECT last_insert_rowid (), 'tolerance', materials, departments, '%s', 'open', signature, created_at, "
    " created_by, updated_at FROM commitments ORDER BY id LIMIT 1", later);
  exec_sql (draft_sql);
  zc_test_spin_for (200);
  g_assert_false (zc_commitments_page_is_loading (page));
  g_assert_cmpuint (zc_commitments_page_get_shown (page)->len, ==, n);

  /* shown again: read again at once, without F5; the draft's is not listed */
  gtk_stack_set_visible_child_name (stack, "commitments");
  g_assert_true (zc_commitments_page_is_loading (page));
  g_assert_true (zc_test_spin_until (page_loaded, page, TIMEOUT_S, "the commitments on show"));
  g_assert_cmpuint (zc_commitments_page_get_shown (page)->len, ==, n + 1);

  if (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE") != NULL)
    {
      g_printerr ("screenshot now\n");
      zc_test_spin_for (atoi (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE")));
    }
  gtk_window_destroy (win);
}

/* --- the dialog's days, counted as the page counts them --------------- */

static void
test_dialog_days (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", "demo1234");
  const char *chosen[] = { "business_licence", "food_business_permit", NULL };
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;
  ZcCommitmentDialog *dialog;
  GtkWidget *label;
  GDate today, reception, deadline;
  int left = 0, since = 0;
  gboolean working = FALSE;
  g_autofree char *iso = NULL;
  g_autofree char *words = NULL;
  g_autofree char *from_reception = NULL;
  const char *text;

  g_assert_nonnull (client);
  zc_client_get_catalogue_item_async (client, "open_restaurant", NULL, zc_test_store_result_cb, &res);
  item = ZC_TEST_AWAIT_FINISH (res, zc_client_get_catalogue_item_finish (client, res, &error));
  g_assert_no_error (error);

  /* a case received on the working day before today */
  g_date_clear (&today, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);
  reception = today;
  do
    {
      g_date_subtract_days (&reception, 1);
      g_assert_true (zc_calendar_is_working_day (calendar, &reception, &working, NULL, NULL));
    }
  while (!working);

  dialog = zc_commitment_dialog_new (NULL, item, chosen, "张三", "110101199003071234", "applicant",
                                     &reception, calendar, NULL, NULL);
  zc_commitment_dialog_add_material (dialog, "staff_health_certificate", ZC_COMMITMENT_KIND_TOLERANCE);
  gtk_window_present (GTK_WINDOW (dialog));
  zc_test_spin_for (100);
  zc_commitment_dialog_get_deadline (dialog, &deadline);
  g_assert_true (g_date_valid (&deadline));
  g_assert_cmpint (g_date_compare (&deadline, &today), >, 0);

  /* left from today by core's count (the page's rows say the same
   * number), and the working day of the time limit from the reception */
  g_assert_true (zc_calendar_working_days_between (calendar, &today, &deadline, &left, NULL, NULL));
  g_assert_true (zc_calendar_working_days_between (calendar, &reception, &deadline, &since, NULL, NULL));
  g_assert_cmpint (since, >, left);
  iso = zc_date_to_iso (&deadline);
  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d working day left (from today)",
                                        "%s, %d working days left (from today)", left), iso, left);
  from_reception = g_strdup_printf (_("Working day %d from the reception"), since);
  label = zc_test_template_child (GTK_WIDGET (dialog), ZC_TYPE_COMMITMENT_DIALOG, "deadline_label");
  text = gtk_label_get_text (GTK_LABEL (label));
  if (strstr (text, words) == NULL || strstr (text, from_reception) == NULL)
    g_error ("the deadline says “%s”, not “%s” and “%s”", text, words, from_reception);
  if (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE") != NULL)
    {
      g_printerr ("screenshot now\n");
      zc_test_spin_for (atoi (g_getenv ("ZC_TEST_SCREENSHOT_PAUSE")));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  zc_i18n_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  tmpdir = g_dir_make_tmp ("zc-commitments-ui-XXXXXX", NULL);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run with: meson test --setup xvfb)\n");
      return 0;
    }
  adw_init ();

  calendar = zc_calendar_new_default (NULL);
  g_assert_nonnull (calendar);
  db_path = g_build_filename (tmpdir, "platform.db", NULL);
  server = zc_test_server_start (db_path, TRUE, g_getenv ("ZC_DATA_DIR"), 0);

  g_test_add_func ("/ui/commitments/page", test_commitments_page);
  g_test_add_func ("/ui/commitments/supply-material", test_supply_material);
  g_test_add_func ("/ui/commitments/reload-on-show", test_reload_on_show);
  g_test_add_func ("/ui/commitments/dialog-days", test_dialog_days);
  ret = g_test_run ();

  /* a dialog destroyed mid-render leaves its cancelled letter job on a
   * worker thread: let it end before the process does (a segfault at
   * exit, once in a clean-clone CI) */
  zc_test_spin_for (1000);
  zc_server_shutdown (server);
  g_clear_object (&server);
  g_clear_object (&calendar);
  zc_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (db_path);
  return ret;
}
