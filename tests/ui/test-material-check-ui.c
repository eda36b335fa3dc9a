/* test-material-check-ui.c — the case page's material files: a
 * text-layer PDF of the party's licence, uploaded to a case on a
 * zc-platform on loopback (demo data), opened on the page, read and
 * checked off the main loop, the verdict shown beside the page and kept
 * with the case as an event of its history (issue 10, point 4); opened
 * again, the kept check is shown instead of reading the paper again, and
 * 重新核验 reads it anew; the paper of a material taken in on the case
 * page (导入 through the capture dialog) goes up through the outbox and
 * the material becomes 已收取
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "zc-capture-dialog.h"
#include "zc-case-materials.h"
#include "zc-case-page.h"
#include "zc-client.h"
#include "zc-core.h"
#include "zc-i18n.h"
#include "zc-material-check.h"
#include "zc-outbox.h"
#include "zc-pdf-view.h"
#include "zc-test-client.h"
#include "zc-test-licence-pdf.h"
#include "zc-test-server.h"
#include "zc-test-util.h"
#include "zc-ui-utils.h"
#include "zc-ui-test-util.h"

#define PASSWORD "demo1234"
#define TIMEOUT_S 90

static char *tmp_dir;
static ZcServer *server;

/* A valid business licence of the demo library (today) */
static ZcLicence *
find_business_licence (ZcClient *client)
{
  g_autoptr(ZcClient) supervisor = zc_test_login (zc_server_get_url (server), "supervisor", PASSWORD);
  g_autoptr(GListModel) firms = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GDate today;
  guint total = 0;

  g_date_clear (&today, 1);
  zc_ui_today (&today);
  zc_client_list_applicants_async (supervisor, NULL, "enterprise", 0, 100, NULL, zc_test_store_result_cb, &result);
  firms = ZC_TEST_AWAIT_FINISH (result, zc_client_list_applicants_finish (supervisor, result, &total, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (firms); i++)
    {
      g_autoptr(ZcApplicant) firm = g_list_model_get_item (firms, i);
      g_autoptr(GListModel) licences = NULL;

      zc_client_list_licences_async (client, zc_applicant_get_key (firm), NULL, zc_test_store_result_cb, &result);
      licences = ZC_TEST_AWAIT_FINISH (result, zc_client_list_licences_finish (client, result, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < g_list_model_get_n_items (licences); k++)
        {
          g_autoptr(ZcLicence) l = g_list_model_get_item (licences, k);

          if (g_str_equal (zc_licence_get_licence_type (l), "business_licence") &&
              !zc_licence_get_revoked (l) && zc_licence_is_valid_on (l, &today))
            return g_steal_pointer (&l);
        }
    }
  g_assert_not_reached ();
}

/* a draft 企业变更 case of the licence's holder with its paper uploaded;
 * returns the case id */
static gint64
case_with_paper_of (ZcClient   *client,
                    ZcLicence  *licence,
                    const char *name_on_paper,
                    const char *file,
                    const char *material)
{
  g_autofree char *path = g_build_filename (tmp_dir, file, NULL);
  g_autofree char *code = g_strdup_printf ("统一社会信用代码\t%s", zc_licence_get_number (licence));
  g_autofree char *name_line = g_strdup_printf ("名　　称\t%s", name_on_paper);
  const char *lines[] = { code, name_line, "类　　型\t有限责任公司", NULL };
  g_autofree char *body_text = g_strdup_printf ("{\"item\":\"enterprise_change\",\"applicant\":\"%s\","
                                                "\"matters\":[\"business_change\"]}",
                                                zc_licence_get_holder (licence));
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GFile) gfile = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GAsyncResult *result = NULL;

  if (name_on_paper[0] == '\0')
    {
      /* a blank page */
      const char *none[] = { NULL };

      zc_test_write_licence_pdf (path, ZC_TEST_PDF_TEXT, NULL, none, 0, 0);
    }
  else
    zc_test_write_licence_pdf (path, ZC_TEST_PDF_TEXT, "营业执照", lines, 0, 0);
  body = json_from_string (body_text, &error);
  g_assert_no_error (error);
  zc_client_create_case_async (client, json_node_get_object (body), NULL, NULL, zc_test_store_result_cb, &result);
  kase = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
  g_assert_no_error (error);

  gfile = g_file_new_for_path (path);
  info = g_file_query_info (gfile, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
  g_assert_no_error (error);
  stream = g_file_read (gfile, NULL, &error);
  g_assert_no_error (error);
  zc_client_upload_document_async (client, zc_case_get_id (kase), material, NULL,
                                   G_INPUT_STREAM (stream), g_file_info_get_size (info), NULL, NULL, NULL,
                                   NULL, zc_test_store_result_cb, &result);
  doc = ZC_TEST_AWAIT_FINISH (result, zc_client_upload_document_finish (client, result, &error));
  g_assert_no_error (error);
  return zc_case_get_id (kase);
}

static gint64
case_with_paper (ZcClient   *client,
                 ZcLicence  *licence,
                 const char *name_on_paper,
                 const char *file)
{
  return case_with_paper_of (client, licence, name_on_paper, file, "business_licence");
}

static gboolean
documents_listed (gpointer data)
{
  GtkWidget *list = zc_test_find_named (data, "material-documents");

  return list != NULL && gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) != NULL;
}

static gboolean
has_verdict (gpointer data)
{
  return zc_case_materials_get_verdict (data) != NULL;
}

static gboolean
verdict_shown (gpointer data)
{
  return gtk_label_get_text (GTK_LABEL (data))[0] != '\0';
}

/* the case's history on the platform has a document.check event */
static guint
count_checks (ZcClient *client,
              gint64    case_id)
{
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint n = 0;

  zc_client_list_case_events_async (client, case_id, NULL, zc_test_store_result_cb, &result);
  events = ZC_TEST_AWAIT_FINISH (result, zc_client_list_case_events_finish (client, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ZcEvent) e = g_list_model_get_item (events, i);

      if (g_strcmp0 (zc_event_get_action (e), "document.check") == 0)
        n++;
    }
  return n;
}

static gboolean
history_says (gpointer data)
{
  GtkWidget *page = data;
  const char *words = g_object_get_data (G_OBJECT (page), "words");
  GtkWidget *history = zc_test_find_type (page, g_type_from_name ("ZcCaseHistory"));
  GtkWidget *child;

  /* any row of the history whose title has the words */
  for (child = history; child != NULL; )
    {
      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strstr_len (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), -1, words) != NULL)
        return TRUE;
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != history && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == history ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  return FALSE;
}

/* opens the case on a page in a window; returns the materials widget */
static GtkWidget *
open_case (GtkWidget **window_out,
           ZcClient   *client,
           gint64      id)
{
  GtkWidget *window;
  GtkWidget *page = zc_case_page_new ();
  GtkWidget *materials;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  zc_case_page_set_client (ZC_CASE_PAGE (page), client);
  zc_case_page_load (ZC_CASE_PAGE (page), id);
  materials = zc_case_page_get_materials (ZC_CASE_PAGE (page));
  g_assert_true (zc_test_spin_until (documents_listed, materials, TIMEOUT_S, "the material files"));
  *window_out = window;
  return materials;
}

static void
test_match (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcLicence) licence = find_business_licence (client);
  gint64 id = case_with_paper (client, licence, zc_licence_get_holder_name (licence), "match.pdf");
  GtkWidget *window = NULL;
  GtkWidget *materials = open_case (&window, client, id);
  GtkWidget *page = gtk_widget_get_ancestor (materials, ZC_TYPE_CASE_PAGE);
  GtkWidget *list = zc_test_find_named (materials, "material-documents");
  GtkWidget *verdict;

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (zc_test_spin_until (has_verdict, materials, TIMEOUT_S, "the check"));
  g_assert_cmpstr (zc_case_materials_get_verdict (ZC_CASE_MATERIALS (materials)), ==, "match");
  verdict = zc_test_find_named (materials, "check-verdict");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (verdict)), ==, zc_verdict_to_label (ZC_VERDICT_MATCH));
  /* no decision by eye for a settled verdict */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (zc_test_find_named (materials, "by-eye-confirm"))));

  /* kept with the case: the platform's history, then the page's */
  g_object_set_data_full (G_OBJECT (page), "words", g_strdup (zc_verdict_to_label (ZC_VERDICT_MATCH)), g_free);
  g_assert_true (zc_test_spin_until (history_says, page, TIMEOUT_S, "the check in the history"));
  g_assert_cmpuint (count_checks (client, id), ==, 1);

  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_mismatch (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcLicence) licence = find_business_licence (client);
  g_autofree char *wrong_name = g_strconcat (zc_licence_get_holder_name (licence), "分店", NULL);
  gint64 id = case_with_paper (client, licence, wrong_name, "mismatch.pdf");
  GtkWidget *window = NULL;
  GtkWidget *materials = open_case (&window, client, id);
  GtkWidget *list = zc_test_find_named (materials, "material-documents");
  GtkWidget *findings;
  GtkWidget *view;
  GtkListBoxRow *row = NULL;
  graphene_rect_t area;

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (zc_test_spin_until (has_verdict, materials, TIMEOUT_S, "the check"));
  g_assert_cmpstr (zc_case_materials_get_verdict (ZC_CASE_MATERIALS (materials)), ==, "mismatch");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (zc_test_find_named (materials, "check-verdict"))), ==,
                   zc_verdict_to_label (ZC_VERDICT_MISMATCH));

  /* the finding that disagrees is on the paper: choosing it shows it */
  findings = zc_test_find_named (materials, "check-findings");
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (findings), i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), "finding-other") == 0 &&
        gtk_list_box_row_get_activatable (row))
      break;
  g_assert_nonnull (row);
  g_assert_true (g_strstr_len (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), -1, wrong_name) != NULL);
  view = zc_test_find_type (materials, ZC_TYPE_PDF_VIEW);
  g_assert_cmpuint (zc_pdf_view_get_highlights (ZC_PDF_VIEW (view))->len, >, 0);
  g_signal_emit_by_name (findings, "row-activated", row);
  zc_test_spin_for (500);
  g_assert_true (zc_pdf_view_get_highlight_area (ZC_PDF_VIEW (view),
                                                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "highlight")) - 1,
                                                 &area));
  g_assert_cmpfloat (area.size.width, >, 0);

  g_assert_true (zc_test_spin_until ((ZcTestCondition) gtk_widget_get_visible,
                                     zc_test_find_named (materials, "check-status"), TIMEOUT_S, "kept"));
  zc_test_spin_for (1000);
  g_assert_cmpuint (count_checks (client, id), ==, 1);
  /* ZC_SCREENSHOT=MS: time to look at the page (tests that pass without it) */
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* nothing readable: the clerk decides by eye, and that is kept */
static void
test_by_eye (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcLicence) licence = find_business_licence (client);
  gint64 id = case_with_paper (client, licence, "", "blank.pdf");
  GtkWidget *window = NULL;
  GtkWidget *materials = open_case (&window, client, id);
  GtkWidget *page = gtk_widget_get_ancestor (materials, ZC_TYPE_CASE_PAGE);
  GtkWidget *list = zc_test_find_named (materials, "material-documents");
  GtkWidget *confirm = zc_test_find_named (materials, "by-eye-confirm");
  g_autofree char *words = NULL;

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (zc_test_spin_until (has_verdict, materials, TIMEOUT_S, "the check"));
  g_assert_cmpstr (zc_case_materials_get_verdict (ZC_CASE_MATERIALS (materials)), ==, "unreadable");
  /* nothing is kept before the clerk decides */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (confirm)));
  zc_test_spin_for (300);
  g_assert_cmpuint (count_checks (client, id), ==, 0);
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    {
      gtk_widget_grab_focus (confirm);
      zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
    }

  g_assert_true (gtk_widget_activate (confirm));
  words = g_strdup_printf ("%s", zc_verdict_to_label (ZC_VERDICT_UNREADABLE));
  g_object_set_data_full (G_OBJECT (page), "words", g_steal_pointer (&words), g_free);
  g_assert_true (zc_test_spin_until (history_says, page, TIMEOUT_S, "the decision in the history"));
  g_assert_cmpuint (count_checks (client, id), ==, 1);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (confirm)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 变更申请书: no electronic licence stands for it, nothing to compare:
 * the verdict says so, and no empty 核验项 / 当事人的电子证照 stay under it */
static void
test_no_licence (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcLicence) licence = find_business_licence (client);
  gint64 id = case_with_paper_of (client, licence, zc_licence_get_holder_name (licence), "application.pdf",
                                  "change_application");
  GtkWidget *window = NULL;
  GtkWidget *materials = open_case (&window, client, id);
  GtkWidget *list = zc_test_find_named (materials, "material-documents");
  GtkWidget *verdict = zc_test_find_named (materials, "check-verdict");

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (zc_test_spin_until (verdict_shown, verdict, TIMEOUT_S, "the verdict"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (verdict)), ==, _("No Licence to Check Against"));
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (materials, "findings-heading")));
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (materials, "check-findings")));
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (materials, "licences-heading")));
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (materials, "check-licences")));
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* the page's check of the open document is the one kept before */
static gboolean
kept_shown (gpointer data)
{
  GtkWidget *kept = zc_test_find_named (data, "check-kept");

  return zc_case_materials_get_verdict (data) != NULL && kept != NULL && gtk_widget_get_visible (kept);
}

/* read anew: a verdict, not the kept one */
static gboolean
checked_anew (gpointer data)
{
  GtkWidget *kept = zc_test_find_named (data, "check-kept");

  return zc_case_materials_get_verdict (data) != NULL && !gtk_widget_get_visible (kept);
}

static gboolean
count_is (gpointer data)
{
  gpointer *args = data;

  return count_checks (args[0], GPOINTER_TO_SIZE (args[1])) == GPOINTER_TO_UINT (args[2]);
}

/* Opened again, the check kept the first time is shown (verdict,
 * findings with their highlights, who and when) without reading the
 * paper; 重新核验 reads it again */
static void
test_kept (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcLicence) licence = find_business_licence (client);
  gint64 id = case_with_paper (client, licence, zc_licence_get_holder_name (licence), "kept.pdf");
  GtkWidget *window = NULL;
  GtkWidget *materials = open_case (&window, client, id);
  GtkWidget *list = zc_test_find_named (materials, "material-documents");
  GtkWidget *view;
  GtkWidget *again;
  GtkLabel *kept;
  gpointer args[3] = { client, GSIZE_TO_POINTER (id), GUINT_TO_POINTER (1) };

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (zc_test_spin_until (has_verdict, materials, TIMEOUT_S, "the check"));
  g_assert_true (zc_test_spin_until (count_is, args, TIMEOUT_S, "the check kept"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* another window: the kept check, not a new reading */
  materials = open_case (&window, client, id);
  list = zc_test_find_named (materials, "material-documents");
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (zc_test_spin_until (kept_shown, materials, TIMEOUT_S, "the kept check"));
  g_assert_cmpstr (zc_case_materials_get_verdict (ZC_CASE_MATERIALS (materials)), ==, "match");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (zc_test_find_named (materials, "check-verdict"))), ==,
                   zc_verdict_to_label (ZC_VERDICT_MATCH));
  kept = GTK_LABEL (zc_test_find_named (materials, "check-kept"));
  g_assert_nonnull (strstr (gtk_label_get_text (kept), "clerk"));
  /* the findings with their place on the paper */
  view = zc_test_find_type (materials, ZC_TYPE_PDF_VIEW);
  g_assert_cmpuint (zc_pdf_view_get_highlights (ZC_PDF_VIEW (view))->len, >, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (zc_test_find_named (materials, "check-findings")), 0));
  again = zc_test_find_named (materials, "check-again");
  g_assert_true (gtk_widget_get_visible (again));
  zc_test_spin_for (300);
  g_assert_cmpuint (count_checks (client, id), ==, 1);
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    {
      gtk_widget_grab_focus (again);
      zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
    }

  /* 重新核验: read and checked again (the same check: kept once) */
  g_assert_true (gtk_widget_activate (again));
  g_assert_true (zc_test_spin_until (checked_anew, materials, TIMEOUT_S, "the check again"));
  g_assert_cmpstr (zc_case_materials_get_verdict (ZC_CASE_MATERIALS (materials)), ==, "match");
  g_assert_true (zc_test_spin_until ((ZcTestCondition) gtk_widget_get_visible, again, TIMEOUT_S, "kept again"));
  g_assert_cmpuint (count_checks (client, id), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static const char *
material_state_of (ZcCasePage *page,
                   const char *code)
{
  ZcCase *kase = zc_case_page_get_case (page);
  const ZcCaseMaterial *m = kase != NULL ? zc_case_get_material (kase, code) : NULL;

  return m != NULL ? m->state : NULL;
}

static gboolean
material_received (gpointer data)
{
  return g_strcmp0 (material_state_of (data, "business_licence"), "received") == 0
         && documents_listed (zc_case_page_get_materials (data));
}

static gboolean
capture_dialog_shown (gpointer data)
{
  return zc_test_find_toplevel (ZC_TYPE_CAPTURE_DIALOG) != NULL;
}

static gboolean
capture_has_pages (gpointer data)
{
  ZcCaptureDialog *dialog = (ZcCaptureDialog *) zc_test_find_toplevel (ZC_TYPE_CAPTURE_DIALOG);

  return dialog != NULL && zc_capture_dialog_get_n_pages (dialog) == GPOINTER_TO_UINT (data);
}

static gboolean
materials_shown (gpointer data)
{
  return zc_test_find_named (data, "import") != NULL;
}

/* 导入 on the case page for a material still 待补 of a draft on the
 * platform: the PDF through the outbox to the case, once; the material
 * 已收取; the file in the list */
static void
test_capture_on_case (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcLicence) licence = find_business_licence (client);
  g_autofree char *path = g_build_filename (tmp_dir, "captured.pdf", NULL);
  g_autofree char *store_path = g_build_filename (tmp_dir, "capture-store.db", NULL);
  g_autofree char *code_line = g_strdup_printf ("统一社会信用代码\t%s", zc_licence_get_number (licence));
  g_autofree char *name_line = g_strdup_printf ("名　　称\t%s", zc_licence_get_holder_name (licence));
  const char *lines[] = { code_line, name_line, NULL };
  g_autofree char *body_text = g_strdup_printf ("{\"item\":\"enterprise_change\",\"applicant\":\"%s\","
                                                "\"matters\":[\"business_change\"],"
                                                "\"materials\":{\"business_licence\":\"pending\"}}",
                                                zc_licence_get_holder (licence));
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(ZcOutbox) outbox = NULL;
  g_autoptr(JsonArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GtkWidget *window, *page, *materials_list, *import;
  ZcCaptureDialog *dialog;
  GSList *files = NULL;

  zc_test_write_licence_pdf (path, ZC_TEST_PDF_TEXT, "营业执照", lines, 0, 0);
  body = json_from_string (body_text, &error);
  g_assert_no_error (error);
  zc_client_create_case_async (client, json_node_get_object (body), NULL, NULL, zc_test_store_result_cb, &result);
  kase = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
  g_assert_no_error (error);
  store = zc_store_new (store_path, &error);
  g_assert_no_error (error);
  outbox = zc_outbox_new (store, client);

  page = zc_case_page_new ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  zc_case_page_set_client (ZC_CASE_PAGE (page), client);
  zc_case_page_set_outbox (ZC_CASE_PAGE (page), outbox);
  zc_case_page_load (ZC_CASE_PAGE (page), zc_case_get_id (kase));
  materials_list = NULL;
  g_assert_true (zc_test_spin_until (materials_shown, page, TIMEOUT_S, "the material rows"));
  materials_list = zc_test_find_named (page, "materials-list");
  g_assert_cmpstr (material_state_of (ZC_CASE_PAGE (page), "business_licence"), ==, "pending");
  import = zc_test_find_named (materials_list, "import");
  g_assert_nonnull (import);
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    {
      gtk_widget_grab_focus (import);
      zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
    }

  g_signal_emit_by_name (import, "clicked");
  g_assert_true (zc_test_spin_until (capture_dialog_shown, NULL, TIMEOUT_S, "the capture dialog"));
  dialog = (ZcCaptureDialog *) zc_test_find_toplevel (ZC_TYPE_CAPTURE_DIALOG);
  files = g_slist_append (files, g_file_new_for_path (path));
  zc_capture_dialog_import (dialog, files);
  g_slist_free_full (files, g_object_unref);
  g_assert_true (zc_test_spin_until (capture_has_pages, GUINT_TO_POINTER (1), TIMEOUT_S, "the page imported"));
  zc_test_spin_for (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "capture.done", NULL));

  /* up through the outbox; the material 已收取, the file listed */
  g_assert_true (zc_test_spin_until (material_received, page, TIMEOUT_S, "the material received"));
  zc_test_spin_for (500);
  zc_client_list_documents_async (client, zc_case_get_id (kase), NULL, zc_test_store_result_cb, &result);
  documents = ZC_TEST_AWAIT_FINISH (result, zc_client_list_documents_finish (client, result, &error));
  g_assert_no_error (error);
  /* exactly once */
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 0), "material"), ==,
                   "business_licence");
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 0);
  if (g_getenv ("ZC_SCREENSHOT") != NULL)
    zc_test_spin_for (g_ascii_strtoull (g_getenv ("ZC_SCREENSHOT"), NULL, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  int status;

  zc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp_dir = g_dir_make_tmp ("zc-check-ui-XXXXXX", NULL);
  db_path = g_build_filename (tmp_dir, "platform.db", NULL);
  server = zc_test_server_start (db_path, TRUE, NULL, 0);

  g_test_add_func ("/ui/material-check/match", test_match);
  g_test_add_func ("/ui/material-check/mismatch", test_mismatch);
  g_test_add_func ("/ui/material-check/by-eye", test_by_eye);
  g_test_add_func ("/ui/material-check/no-licence", test_no_licence);
  g_test_add_func ("/ui/material-check/kept", test_kept);
  g_test_add_func ("/ui/material-check/capture-on-case", test_capture_on_case);

  status = g_test_run ();
  g_clear_object (&server);
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
