/* test-commitment-flow.c — 容缺受理 on the case page under Xvfb against a
 * real platform on loopback (the demo, at a fixed ZC_NOW): the offer on
 * a case, the credit asked, the dialog (deadline on the calendar, a day
 * beyond the cap refused with its reason), the letters previewed, a
 * signature DRAWN with real pointer drags (XTest), the signed letters on
 * the platform (reopened with poppler: applicant, material, deadline),
 * the commitment recorded, the tasks awaiting_supplement once received
 * again, the letters printed by the print operation's export; and a
 * 告知承诺 for an applicant with a serious credit breach refused with the
 * reason. ZC_SCREENSHOT_DIR=DIR keeps a PNG of every step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <poppler.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zc-test-client.h"
#include "zc-test-server.h"
#include "zc-ui-test-util.h"

#include "zc-case-commitments.h"
#include "zc-case-page.h"
#include "zc-commitment-dialog.h"
#include "zc-commitment-flow.h"
#include "zc-document-preview.h"
#include "zc-i18n.h"
#include "zc-signature-pad.h"

#define TIMEOUT_S 60
#define PASSWORD  "demo1234"

static ZcServer *server;
static char *tmpdir;
static char *db_path;

/* ---- helpers ---------------------------------------------------------- */

static gint64
query_int (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v = 0;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

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

/* a received case of the demo, sent back to the window (退回补正): the
 * platform records commitments on a draft or a returned case */
static gint64
returned_case (const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT c.id FROM cases c WHERE c.state = 'received' AND %s "
                                          "AND NOT EXISTS (SELECT 1 FROM commitments k WHERE k.case_id = c.id) "
                                          "ORDER BY c.id LIMIT 1", where);
  gint64 id = query_int (sql);
  g_autofree char *update = NULL;

  g_assert_cmpint (id, >, 0);
  update = g_strdup_printf ("UPDATE cases SET state = 'returned', returned_from = 'received', holder = NULL, "
                            "clerk = 'clerk', window = (SELECT window FROM users WHERE username = 'clerk') "
                            "WHERE id = %" G_GINT64_FORMAT, id);
  exec_sql (update);
  return id;
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("ZC_SCREENSHOT_DIR");
  GdkPaintable *paintable;
  GskRenderNode *node;
  GtkSnapshot *snapshot;
  int w, h;

  if (dir == NULL)
    return;
  zc_test_spin_for (400);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    {
      g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                                                   node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      gdk_texture_save_to_png (texture, path);
      gsk_render_node_unref (node);
    }
  g_object_unref (paintable);
}

static char *
pdf_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
open_case (ZcClient  *client,
           gint64     id,
           GtkWidget **page_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = zc_case_page_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  zc_case_page_set_client (ZC_CASE_PAGE (page), client);
  zc_case_page_load (ZC_CASE_PAGE (page), id);
  *page_out = page;
  return window;
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
} Named;

static gboolean
named_visible (gpointer data)
{
  Named *n = data;
  GtkWidget *w = zc_test_find_named (n->root, n->name);

  return w != NULL && gtk_widget_is_visible (w);
}

static gboolean
dialog_open (gpointer data)
{
  return zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG) != NULL;
}

static gboolean
previews_written (gpointer data)
{
  GtkWidget *stack = data;
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (stack); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (zc_document_preview_get_pdf (ZC_DOCUMENT_PREVIEW (c)) == NULL)
        return FALSE;
      n++;
    }
  return n > 0;
}

/* the pad does not move under the pointer any more */
static gboolean
slide_done (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static gboolean
signed_ready (gpointer data)
{
  g_autoptr(GPtrArray) results = zc_commitment_dialog_dup_results (data);

  return results != NULL;
}

static gboolean
flow_settled (gpointer data)
{
  ZcCaseCommitments *section = data;
  ZcCommitmentFlow *flow = ZC_COMMITMENT_FLOW (zc_case_commitments_get_flow (section));
  GtkWidget *failure = zc_test_find_named (GTK_WIDGET (section), "commitment-failure");

  return (flow != NULL && zc_commitment_flow_get_case (flow) != NULL) || gtk_widget_get_visible (failure);
}

static gboolean
section_has_rows (gpointer data)
{
  return zc_case_commitments_get_n_rows (data) > 0;
}

static void
activate_next (GtkWidget *dialog)
{
  GtkWidget *next = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "next_button");

  g_assert_true (gtk_widget_is_sensitive (next));
  /* the button's own action, at once (activating a GtkButton clicks it
   * only after its press animation) */
  g_assert_true (gtk_widget_activate_action (dialog, "commitment.next", NULL));
}


/* drives the open dialog from its terms to 完成 with one drawn stroke */
static void
sign_through (GtkWidget *dialog)
{
  static const double stroke[] = { 60, 60, 110, 90, 160, 70, 210, 110 };
  GtkWidget *pad, *canvas;

  zc_test_focus_window (GTK_WINDOW (dialog));
  activate_next (dialog);
  g_assert_true (zc_test_spin_until (previews_written, zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG,
                                                                                "preview_stack"),
                                     TIMEOUT_S, "the letters previewed"));
  activate_next (dialog);
  g_assert_true (zc_test_spin_until (slide_done, zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "stack"),
                                     TIMEOUT_S, "the signature page in place"));
  zc_test_focus_window (GTK_WINDOW (dialog));
  zc_test_spin_for (200);
  pad = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "pad");
  canvas = zc_test_find_type (pad, GTK_TYPE_DRAWING_AREA);
  zc_test_pointer_drag (canvas, stroke, G_N_ELEMENTS (stroke) / 2);
  zc_test_spin_for (200);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 1);
  activate_next (dialog);
  g_assert_true (zc_test_spin_until (signed_ready, dialog, TIMEOUT_S, "the signed letters"));
  activate_next (dialog);
}

/* ---- a step fails: said, and recorded again without signing again ---- */

static gboolean
flow_recorded (gpointer data)
{
  ZcCommitmentFlow *flow = ZC_COMMITMENT_FLOW (zc_case_commitments_get_flow (data));

  return flow != NULL && zc_commitment_flow_get_case (flow) != NULL;
}

static void
test_retry (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  /* a received case: the platform records commitments on a draft or a
   * returned one only, so the POST fails (409) after the uploads */
  gint64 id = query_int ("SELECT c.id FROM cases c WHERE c.state = 'received' AND c.item = 'open_restaurant' "
                         "AND c.applicant NOT IN (SELECT applicant FROM credit_records) "
                         "AND NOT EXISTS (SELECT 1 FROM commitments k WHERE k.case_id = c.id) "
                         "ORDER BY c.id DESC LIMIT 1");
  g_autofree char *update = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *page = NULL, *window, *section, *dialog, *failure, *retry;
  Named wait_offer;
  ZcCommitmentFlow *flow;
  GPtrArray *signed_before;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;

  g_assert_cmpint (id, >, 0);
  update = g_strdup_printf ("UPDATE cases SET holder = NULL, clerk = 'clerk', "
                            "window = (SELECT window FROM users WHERE username = 'clerk') "
                            "WHERE id = %" G_GINT64_FORMAT, id);
  exec_sql (update);
  window = open_case (client, id, &page);
  section = zc_test_find_type (page, ZC_TYPE_CASE_COMMITMENTS);
  wait_offer = (Named) { section, "offer-tolerance" };
  g_assert_true (zc_test_spin_until (named_visible, &wait_offer, TIMEOUT_S, "the 容缺受理 offer"));
  g_signal_emit_by_name (zc_test_find_named (section, "offer-tolerance"), "clicked");
  g_assert_true (zc_test_spin_until (dialog_open, NULL, TIMEOUT_S, "the dialog"));
  dialog = zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG);
  sign_through (dialog);

  /* the failure says which step and why; what was signed is kept */
  g_assert_true (zc_test_spin_until (flow_settled, section, TIMEOUT_S, "the recording settled"));
  failure = zc_test_find_named (section, "commitment-failure");
  g_assert_true (gtk_widget_get_visible (failure));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (zc_test_find_type (failure, GTK_TYPE_LABEL))), !=, "");
  retry = zc_test_find_named (section, "commitment-retry");
  g_assert_true (gtk_widget_get_visible (retry));
  flow = ZC_COMMITMENT_FLOW (zc_case_commitments_get_flow (ZC_CASE_COMMITMENTS (section)));
  g_assert_true (zc_commitment_flow_can_retry (flow));
  signed_before = zc_commitment_flow_get_results (flow);
  g_assert_nonnull (signed_before);
  g_assert_null (zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG));
  screenshot (window, "commitment-7-failed.png");

  /* the case sent back to the window: 重新提交 records it, no new signature */
  sql = g_strdup_printf ("UPDATE cases SET state = 'returned', returned_from = 'received' WHERE id = %" G_GINT64_FORMAT, id);
  exec_sql (sql);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (zc_test_spin_until (flow_recorded, section, TIMEOUT_S, "recorded on retry"));
  g_assert_null (zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG));
  g_assert_true (zc_commitment_flow_get_results (flow) == signed_before);
  g_assert_false (gtk_widget_get_visible (failure));

  zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
  kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (zc_case_get_commitments_json (kase)), ==, 1);
  /* the letters uploaded before the failure were not sent twice */
  {
    g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM documents WHERE case_id = %" G_GINT64_FORMAT
                                                  " AND kind IN ('commitment_letter', 'tolerance_notice')", id);

    g_assert_cmpint (query_int (count_sql), ==, 2);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- 容缺受理, signed and recorded -------------------------------------- */

static void
test_tolerance (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  gint64 id = returned_case ("c.item = 'open_restaurant' AND c.applicant NOT IN (SELECT applicant FROM credit_records)");
  GtkWidget *page = NULL;
  GtkWidget *window = open_case (client, id, &page);
  GtkWidget *section, *offer, *dialog, *pad, *canvas, *next, *error_label, *deadline_label;
  Named wait_offer;
  static const double stroke1[] = { 60, 60, 110, 90, 160, 70, 210, 110 };
  static const double stroke2[] = { 260, 120, 300, 50, 340, 100, 380, 40 };
  GDate proposed, beyond;
  g_autoptr(GPtrArray) results = NULL;
  ZcCommitmentResult *r;
  ZcCommitmentFlow *flow;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;
  g_autoptr(JsonArray) documents = NULL;
  JsonArray *commitments;
  char deadline_iso[16];
  const char *applicant_name;
  gint64 request_doc = 0, notice_doc = 0;
  gboolean awaiting = FALSE;

  g_assert_nonnull (client);
  section = zc_test_find_type (page, ZC_TYPE_CASE_COMMITMENTS);
  g_assert_nonnull (section);
  wait_offer = (Named) { section, "offer-tolerance" };
  g_assert_true (zc_test_spin_until (named_visible, &wait_offer, TIMEOUT_S, "the 容缺受理 offer"));
  /* each material row offers it too, with its own accessible name */
  g_assert_nonnull (zc_test_find_named (zc_test_find_named (page, "materials-list"), "offer-tolerance"));
  screenshot (window, "commitment-0-case.png");

  offer = zc_test_find_named (section, "offer-tolerance");
  g_signal_emit_by_name (offer, "clicked");
  g_assert_true (zc_test_spin_until (dialog_open, NULL, TIMEOUT_S, "the dialog (after the credit)"));
  dialog = zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG);
  zc_test_focus_window (GTK_WINDOW (dialog));

  /* terms: a proposed deadline after the reception day, in working days */
  zc_commitment_dialog_get_deadline (ZC_COMMITMENT_DIALOG (dialog), &proposed);
  g_assert_true (g_date_valid (&proposed));
  g_assert_null (zc_commitment_dialog_dup_refusals (ZC_COMMITMENT_DIALOG (dialog)));
  deadline_label = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "deadline_label");
  g_date_strftime (deadline_iso, sizeof deadline_iso, "%Y-%m-%d", &proposed);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (deadline_label)), deadline_iso));
  /* "2026-12-21 (10 working days later)": more than the date alone */
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (deadline_label))), >, strlen (deadline_iso) + 3);
  screenshot (dialog, "commitment-1-terms.png");

  /* a day far beyond every time limit: refused with the rules' reason,
   * Next insensitive (never a silent disable) */
  beyond = proposed;
  g_date_add_days (&beyond, 120);
  g_assert_false (zc_commitment_dialog_set_deadline (ZC_COMMITMENT_DIALOG (dialog), &beyond));
  error_label = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "deadline_error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  next = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "next_button");
  zc_test_spin_for (50);
  g_assert_false (gtk_widget_is_sensitive (next));
  screenshot (dialog, "commitment-1b-beyond-limit.png");
  g_assert_true (zc_commitment_dialog_set_deadline (ZC_COMMITMENT_DIALOG (dialog), &proposed));
  zc_test_spin_for (50);

  /* preview: every letter written (unsigned) */
  activate_next (dialog);
  g_assert_true (zc_test_spin_until (previews_written, zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG,
                                                                                "preview_stack"),
                                     TIMEOUT_S, "the letters previewed"));
  screenshot (dialog, "commitment-2-preview.png");

  /* the applicant signs: two real strokes through the X server */
  activate_next (dialog);
  g_assert_true (zc_test_spin_until (slide_done, zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "stack"),
                                     TIMEOUT_S, "the signature page in place"));
  zc_test_focus_window (GTK_WINDOW (dialog));
  zc_test_spin_for (200);
  pad = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "pad");
  canvas = zc_test_find_type (pad, GTK_TYPE_DRAWING_AREA);
  g_assert_false (gtk_widget_is_sensitive (next));   /* nothing drawn yet */
  zc_test_pointer_drag (canvas, stroke1, G_N_ELEMENTS (stroke1) / 2);
  zc_test_spin_for (200);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 1);
  zc_test_pointer_drag (canvas, stroke2, G_N_ELEMENTS (stroke2) / 2);
  zc_test_spin_for (200);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 2);
  screenshot (dialog, "commitment-3-signed.png");

  activate_next (dialog);
  g_assert_true (zc_test_spin_until (signed_ready, dialog, TIMEOUT_S, "the signed letters"));
  results = zc_commitment_dialog_dup_results (ZC_COMMITMENT_DIALOG (dialog));
  g_assert_cmpuint (results->len, ==, 1);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->kind, ==, ZC_COMMITMENT_KIND_TOLERANCE);
  g_assert_cmpint (g_date_compare (&r->deadline, &proposed), ==, 0);
  g_assert_cmpuint (r->documents->len, ==, 2);
  g_assert_cmpuint (((ZcCommitmentDocument *) g_ptr_array_index (r->documents, 1))->copies, ==, 2);
  g_assert_nonnull (zc_commitment_dialog_get_signature (ZC_COMMITMENT_DIALOG (dialog)));
  screenshot (dialog, "commitment-4-done.png");

  /* Finish: uploads, the commitment, the case again */
  activate_next (dialog);
  g_assert_true (zc_test_spin_until (flow_settled, section, TIMEOUT_S, "the commitment recorded"));
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (section, "commitment-failure")));
  g_assert_true (zc_test_spin_until (section_has_rows, section, TIMEOUT_S, "the section refreshed"));
  screenshot (window, "commitment-5-case-after.png");
  flow = ZC_COMMITMENT_FLOW (zc_case_commitments_get_flow (ZC_CASE_COMMITMENTS (section)));

  /* on the platform: the commitment with its documents and signature */
  zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
  kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
  g_assert_no_error (error);
  applicant_name = zc_case_get_applicant_name (kase);
  commitments = zc_case_get_commitments_json (kase);
  g_assert_nonnull (commitments);
  g_assert_cmpuint (json_array_get_length (commitments), ==, 1);
  {
    JsonObject *c = json_array_get_object_element (commitments, 0);
    JsonObject *sig = json_object_get_object_member (c, "signature");

    g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "tolerance");
    g_assert_cmpstr (json_object_get_string_member (c, "deadline"), ==, deadline_iso);
    g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "open");
    g_assert_cmpstr (json_object_get_string_member (sig, "method"), ==, "signature_pad");
    g_assert_cmpstr (json_object_get_string_member (sig, "signer"), ==, zc_case_get_applicant (kase));
    request_doc = json_object_get_int_member (sig, "document_id");
    g_assert_cmpint (request_doc, >, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "documents")), ==, 2);
    notice_doc = json_array_get_int_element (json_object_get_array_member (c, "documents"), 1);
  }

  res = NULL;
  zc_client_list_documents_async (client, id, NULL, zc_test_store_result_cb, &res);
  documents = ZC_TEST_AWAIT_FINISH (res, zc_client_list_documents_finish (client, res, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *d = json_array_get_object_element (documents, i);
      gint64 doc_id = json_object_get_int_member (d, "id");
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *text = NULL;

      if (doc_id != request_doc && doc_id != notice_doc)
        continue;
      g_assert_cmpstr (json_object_get_string_member (d, "kind"), ==,
                       doc_id == request_doc ? "commitment_letter" : "tolerance_notice");
      res = NULL;
      zc_client_download_document_async (client, id, doc_id, NULL, zc_test_store_result_cb, &res);
      pdf = ZC_TEST_AWAIT_FINISH (res, zc_client_download_document_finish (client, res, &error));
      g_assert_no_error (error);
      text = pdf_text (pdf);
      /* the applicant, the missing material, the deadline */
      g_assert_nonnull (strstr (text, applicant_name));
      g_assert_nonnull (strstr (text, deadline_iso));
      {
        ZcCommitmentResult *rr = g_ptr_array_index (results, 0);
        g_autoptr(ZcCatalogueItem) item = NULL;

        res = NULL;
        zc_client_get_catalogue_item_async (client, zc_case_get_item (kase), NULL, zc_test_store_result_cb, &res);
        item = ZC_TEST_AWAIT_FINISH (res, zc_client_get_catalogue_item_finish (client, res, &error));
        g_assert_no_error (error);
        for (guint k = 0; rr->materials[k] != NULL; k++)
          {
            g_autofree char *flat = g_strdelimit (g_strdup (text), "\n ", ' ');
            const char *name = zc_material_get_name (zc_catalogue_item_find_material (item, rr->materials[k]));

            g_assert_true (strstr (text, name) != NULL || strstr (flat, name) != NULL);
          }
      }
      if (doc_id == request_doc)
        request_doc = -1;
      else
        notice_doc = -1;
    }
  g_assert_cmpint (request_doc, ==, -1);
  g_assert_cmpint (notice_doc, ==, -1);

  /* received again: the departments review, the result waits */
  res = NULL;
  g_clear_object (&kase);
  zc_client_transition_case_async (client, id, "received", NULL, NULL, zc_test_store_result_cb, &res);
  kase = ZC_TEST_AWAIT_FINISH (res, zc_client_transition_case_finish (client, res, &error));
  g_assert_no_error (error);
  g_clear_object (&kase);
  res = NULL;
  zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
  kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (zc_case_get_tasks (kase)); i++)
    {
      g_autoptr(ZcTask) t = g_list_model_get_item (zc_case_get_tasks (kase), i);

      awaiting |= zc_task_get_awaiting_supplement (t);
    }
  g_assert_true (awaiting);

  /* 打印: the print operation's export, the notice in two copies */
  {
    g_autofree char *dir = g_build_filename (tmpdir, "printed", NULL);
    static const char *const names[] = { "document-3.pdf", "document-4-1.pdf", "document-4-2.pdf" };

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_assert_true (zc_commitment_flow_export (flow, dir, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_autofree char *contents = NULL;
        gsize len = 0;
        g_autoptr(GBytes) bytes = NULL;
        PopplerDocument *doc;

        /* the printed pages (drawn by poppler onto the print context: as
         * many pages as the letter) */
        g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
        bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
        doc = poppler_document_new_from_bytes (bytes, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 1);
        g_object_unref (doc);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- 告知承诺 refused: a serious credit breach ------------------------- */

static void
test_credit_breach (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  gint64 id = returned_case ("c.item IN ('open_restaurant', 'newborn', 'school_enrolment', 'retirement', "
                             "'enterprise_change', 'utility_connection', 'open_transport', 'enterprise_deregistration') "
                             "AND c.applicant IN (SELECT applicant FROM credit_records WHERE kind = 'serious_breach')");
  GtkWidget *page = NULL;
  GtkWidget *window = open_case (client, id, &page);
  GtkWidget *section, *dialog, *next;
  Named wait_offer;
  g_autofree char *refusals = NULL;

  section = zc_test_find_type (page, ZC_TYPE_CASE_COMMITMENTS);
  wait_offer = (Named) { section, "offer-commitment" };
  g_assert_true (zc_test_spin_until (named_visible, &wait_offer, TIMEOUT_S, "the 告知承诺 offer"));
  g_signal_emit_by_name (zc_test_find_named (section, "offer-commitment"), "clicked");
  g_assert_true (zc_test_spin_until (dialog_open, NULL, TIMEOUT_S, "the dialog"));
  dialog = zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG);

  /* refused with the rules' reason, shown on the row; nothing to sign */
  refusals = zc_commitment_dialog_dup_refusals (ZC_COMMITMENT_DIALOG (dialog));
  g_assert_nonnull (refusals);
  {
    /* the reason the rules give for a breach */
    const ZcCreditFacts breach = { TRUE, FALSE };
    g_autoptr(GError) error = NULL;
    g_autoptr(ZcCatalogueItem) item = NULL;
    g_autoptr(ZcCase) kase = NULL;
    GAsyncResult *res = NULL;
    GListModel *materials;

    zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
    kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
    res = NULL;
    zc_client_get_catalogue_item_async (client, zc_case_get_item (kase), NULL, zc_test_store_result_cb, &res);
    item = ZC_TEST_AWAIT_FINISH (res, zc_client_get_catalogue_item_finish (client, res, &error));
    materials = zc_catalogue_item_get_materials (item);
    for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
      {
        g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);

        if (zc_commitment_check_eligible (ZC_COMMITMENT_KIND_COMMITMENT, item, m, zc_case_get_matters (kase),
                                          &breach, &error) ||
            !g_error_matches (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_CREDIT_BREACH))
          {
            g_clear_error (&error);
            continue;
          }
        g_assert_nonnull (strstr (refusals, error->message));
        break;
      }
  }
  next = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "next_button");
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_true (gtk_widget_get_visible (zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "terms_error")));
  screenshot (dialog, "commitment-6-credit-breach.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  zc_i18n_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* the pointer moves through the X server */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  tmpdir = g_dir_make_tmp ("zc-commitment-flow-XXXXXX", NULL);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run with: meson test --setup xvfb)\n");
      return 0;
    }
  if (!zc_test_keys_init ())
    {
      g_print ("1..0 # SKIP no X server with the XTest extension (run with: meson test --setup xvfb)\n");
      return 0;
    }
  adw_init ();

  db_path = g_build_filename (tmpdir, "platform.db", NULL);
  server = zc_test_server_start (db_path, TRUE, g_getenv ("ZC_DATA_DIR"), 0);

  g_test_add_func ("/ui/commitment-flow/tolerance", test_tolerance);
  g_test_add_func ("/ui/commitment-flow/credit-breach", test_credit_breach);
  g_test_add_func ("/ui/commitment-flow/retry", test_retry);
  ret = g_test_run ();

  zc_server_shutdown (server);
  g_clear_object (&server);
  zc_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (db_path);
  return ret;
}
