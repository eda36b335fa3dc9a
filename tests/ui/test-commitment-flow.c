/* test-commitment-flow.c — 容缺受理 on the case page under Xvfb against a
 * real platform on loopback (the demo, at a fixed ZC_NOW): the offer on
 * a case, the credit asked, the dialog (deadline on the calendar, a day
 * beyond the cap refused with its reason), the letters previewed, a
 * signature DRAWN with real pointer drags (XTest), the signed letters on
 * the platform (reopened with poppler: applicant, material, deadline),
 * the commitment recorded on the RECEIVED case, its tasks
 * awaiting_supplement at once, the letters printed by the print operation's export; and a
 * 告知承诺 for an applicant with a serious credit breach refused with the
 * reason; a 告知承诺 signed, recorded with its method and obligations,
 * its 事后核查 due date shown after the department approves; one refused
 * after an earlier false commitment; leaving a failed recording for
 * another case and coming back to the same flow. ZC_SCREENSHOT_DIR=DIR
 * keeps a PNG of every step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
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

/* a received case of the demo, at the clerk's window, nobody holding it
 * and no commitment yet: 容缺 is accepted on it while it is reviewed.
 * Without the states of its materials (as a case received before the
 * platform kept them, or made through the API): the demo records every
 * one as handed in, and the window offers a commitment only for what
 * was not */
static gint64
received_case (const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT c.id FROM cases c WHERE c.state = 'received' AND %s "
                                          "AND NOT EXISTS (SELECT 1 FROM commitments k WHERE k.case_id = c.id) "
                                          "AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id "
                                          "            AND t.awaiting_supplement = 0) "
                                          "ORDER BY c.id LIMIT 1", where);
  gint64 id = query_int (sql);
  g_autofree char *update = NULL;

  g_assert_cmpint (id, >, 0);
  /* received this morning (ZC_NOW is 2026-12-07 10:30): the matters'
   * time limits still run, a 容缺 deadline can lie within them */
  update = g_strdup_printf ("UPDATE cases SET holder = NULL, clerk = 'clerk', materials = NULL, "
                            "received_at = '2026-12-07T09:00:00+08:00', "
                            "window = (SELECT window FROM users WHERE username = 'clerk') "
                            "WHERE id = %" G_GINT64_FORMAT, id);
  exec_sql (update);
  return id;
}

/* a received case of the demo, sent back to the window (退回补正),
 * without the states of its materials (see received_case) */
static gint64
returned_case (const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT c.id FROM cases c WHERE c.state = 'received' AND %s "
                                          "AND NOT EXISTS (SELECT 1 FROM commitments k WHERE k.case_id = c.id) "
                                          "ORDER BY c.id LIMIT 1", where);
  gint64 id = query_int (sql);
  g_autofree char *update = NULL;

  g_assert_cmpint (id, >, 0);
  update = g_strdup_printf ("UPDATE cases SET state = 'returned', returned_from = 'received', holder = NULL, materials = NULL, "
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

typedef struct
{
  GtkWidget *page;
  gint64     id;
} Showing;

/* the case page shows case @id */
static gboolean
page_shows (gpointer data)
{
  Showing *s = data;
  ZcCase *kase = zc_case_page_get_case (ZC_CASE_PAGE (s->page));

  return kase != NULL && zc_case_get_id (kase) == s->id;
}

static gboolean
named_visible (gpointer data)
{
  Named *n = data;
  GtkWidget *w = zc_test_find_named (n->root, n->name);

  return w != NULL && gtk_widget_is_visible (w);
}

/* the material rows of the case page (named material-STATE), and how
 * many of them are named @state (NULL: all) */
static guint
count_material_rows (GtkWidget  *widget,
                     const char *state)
{
  guint n = 0;
  const char *name = gtk_widget_get_name (widget);

  if (g_str_has_prefix (name, "material-") && !g_str_equal (name, "material-state") &&
      (state == NULL || g_str_equal (name + strlen ("material-"), state)))
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_material_rows (c, state);
  return n;
}

static gboolean
material_deferred_shown (gpointer data)
{
  return count_material_rows (data, "deferred") > 0;
}

static gboolean
dialog_open (gpointer data)
{
  return zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG) != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG) == NULL;
}

static gboolean
previews_written (gpointer data)
{
  GtkWidget *stack = data;
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (stack); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      /* a page: the letter, its 打印 row under it */
      GtkWidget *preview = zc_test_find_type (c, ZC_TYPE_DOCUMENT_PREVIEW);

      if (preview == NULL || zc_document_preview_get_pdf (ZC_DOCUMENT_PREVIEW (preview)) == NULL)
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
  /* the focus arrives on the pad: not on Cancel, where Enter would close
   * the dialog and lose the flow */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));
    GtkWidget *pad_widget = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "pad");

    g_test_message ("focus: %s", focus ? G_OBJECT_TYPE_NAME (focus) : "none");
    g_assert_nonnull (focus);
    g_assert_true (focus == pad_widget || gtk_widget_is_ancestor (focus, pad_widget));
  }
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

/* ---- one primary action per step (the header's) ---------------------- */

static void
collect_suggested (GtkWidget *widget,
                   GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_has_css_class (widget, "suggested-action"))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_suggested (c, found);
}

/* On the step shown: the header's Next is the window's default widget
 * (Enter takes it), and the only suggested action in sight */
static void
assert_one_default_action (GtkWidget *dialog)
{
  GtkWidget *next = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "next_button");
  GtkStack *stack = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "stack");
  g_autoptr(GPtrArray) suggested = g_ptr_array_new ();

  collect_suggested (dialog, suggested);
  g_test_message ("step %s: %u suggested action(s)", gtk_stack_get_visible_child_name (stack), suggested->len);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == next);
  g_assert_true (gtk_widget_get_mapped (next));
  g_assert_cmpuint (suggested->len, ==, 1);
  g_assert_true (g_ptr_array_index (suggested, 0) == next);
}

static gboolean
stack_at (gpointer data)
{
  GtkStack *stack = data;
  const char *want = g_object_get_data (G_OBJECT (stack), "zc-test-want");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), want) == 0 &&
         !gtk_stack_get_transition_running (stack);
}

static void
wait_stack_at (GtkWidget  *dialog,
               const char *name)
{
  GtkStack *stack = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "stack");

  g_object_set_data_full (G_OBJECT (stack), "zc-test-want", g_strdup (name), g_free);
  if (!zc_test_spin_until (stack_at, stack, TIMEOUT_S, name))
    g_error ("the dialog is at %s, not %s", gtk_stack_get_visible_child_name (stack), name);
}

static GtkWidget *
mapped_button_labelled (GtkWidget  *widget,
                        const char *label)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = mapped_button_labelled (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- the dialog fits the screen; Escape asks once signed --------------- */

/* The dialog, on the step shown, is no taller than its monitor (the
 * review's 980x825 on a 1280x800 screen cut the pad and the letter) */
static void
assert_fits_monitor (GtkWidget *dialog)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (dialog));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (dialog), surface);
  GdkRectangle geometry;

  g_assert_nonnull (monitor);
  gdk_monitor_get_geometry (monitor, &geometry);
  zc_test_spin_for (100);
  g_test_message ("dialog %dx%d on a %dx%d monitor", gtk_widget_get_width (dialog), gtk_widget_get_height (dialog),
                  geometry.width, geometry.height);
  g_assert_cmpint (gtk_widget_get_height (dialog), <=, geometry.height);
  g_assert_cmpint (gtk_widget_get_width (dialog), <=, geometry.width);
}

static gboolean
confirm_open (gpointer data)
{
  return zc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
confirm_closed (gpointer data)
{
  return !confirm_open (data);
}

/* Escape once something is drawn or signed: the dialog stays and asks
 * (放弃签名？); 继续签名 keeps everything */
static void
assert_escape_asks (GtkWidget *dialog)
{
  GtkWidget *confirm;

  zc_test_focus_window (GTK_WINDOW (dialog));
  zc_test_key (GDK_KEY_Escape, 0);
  zc_test_keys_settle ();
  g_assert_true (zc_test_spin_until (confirm_open, NULL, TIMEOUT_S, "放弃签名？"));
  g_assert_true (dialog_open (NULL));
  confirm = zc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (confirm)) == GTK_WINDOW (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==, _("Discard the Signature?"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (confirm)), ==, "continue");
  screenshot (confirm, "commitment-3c-discard.png");
  /* Escape on the question is 继续签名 */
  zc_test_focus_window (GTK_WINDOW (confirm));
  zc_test_key (GDK_KEY_Escape, 0);
  zc_test_keys_settle ();
  g_assert_true (zc_test_spin_until (confirm_closed, NULL, TIMEOUT_S, "放弃签名？ answered 继续签名"));
  g_assert_true (dialog_open (NULL));
}

/* Nothing drawn: Escape closes the dialog at once, without asking */
static void
escape_closes (GtkWidget *dialog)
{
  zc_test_focus_window (GTK_WINDOW (dialog));
  zc_test_key (GDK_KEY_Escape, 0);
  zc_test_keys_settle ();
  g_assert_true (zc_test_spin_until (dialog_closed, NULL, TIMEOUT_S, "the dialog closed by Escape"));
  g_assert_false (confirm_open (NULL));
}

/* Enter, a real key, takes the step's one action: from @from to @to */
static void
enter_goes (GtkWidget  *dialog,
            const char *to)
{
  GtkWidget *cancel = mapped_button_labelled (dialog, _("Cancel"));
  GtkWidget *focus;

  zc_test_focus_window (GTK_WINDOW (dialog));
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_test_message ("focus before Enter: %s", focus ? G_OBJECT_TYPE_NAME (focus) : "none");
  g_assert_nonnull (cancel);
  g_assert_true (focus != cancel);
  zc_test_key (GDK_KEY_Return, 0);
  zc_test_keys_settle ();
  g_assert_true (dialog_open (NULL));
  wait_stack_at (dialog, to);
}

/* The 打印 row of the letter shown in @stack_name's stack: under the
 * letter (not at the window's edge), its copies said */
static void
assert_print_row (GtkWidget  *dialog,
                  const char *stack_name,
                  guint       page,
                  guint       copies,
                  const char *shot)
{
  GtkWidget *stack = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, stack_name);
  GtkWidget *child = gtk_widget_get_first_child (stack);
  GtkWidget *preview, *button;
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Print %u Copy", "_Print %u Copies",
                                                         copies), copies);
  graphene_rect_t letter, print, row;

  for (guint i = 0; i < page && child != NULL; i++)
    child = gtk_widget_get_next_sibling (child);
  g_assert_nonnull (child);
  gtk_stack_set_visible_child (GTK_STACK (stack), child);
  zc_test_spin_for (100);
  preview = zc_test_find_type (child, ZC_TYPE_DOCUMENT_PREVIEW);
  button = zc_test_find_named (child, "letter-print-button");
  g_assert_nonnull (preview);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, label);
  g_assert_true (gtk_widget_is_sensitive (button));   /* the letter is written */
  /* the preview's own 打印 (at the row's far end) is not shown */
  g_assert_null (mapped_button_labelled (preview, _("_Print")));
  g_assert_true (gtk_widget_compute_bounds (preview, dialog, &letter));
  g_assert_true (gtk_widget_compute_bounds (button, dialog, &print));
  g_test_message ("%s page %u: letter %.0f..%.0f, 打印 at x %.0f..%.0f y %.0f (window %d wide)", stack_name, page,
                  letter.origin.y, letter.origin.y + letter.size.height, print.origin.x,
                  print.origin.x + print.size.width, print.origin.y, gtk_widget_get_width (dialog));
  /* under the letter, its row centred under it, not at the window's edge */
  g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_parent (button), dialog, &row));
  g_assert_cmpfloat (print.origin.y, >=, letter.origin.y + letter.size.height - 1);
  g_assert_cmpfloat (print.origin.x, >, letter.origin.x);
  g_assert_cmpfloat (print.origin.x + print.size.width, <, gtk_widget_get_width (dialog) * 3.0 / 4.0);
  g_assert_cmpfloat (fabs ((row.origin.x + row.size.width / 2) - (letter.origin.x + letter.size.width / 2)), <, 2);
  if (shot != NULL)
    screenshot (dialog, shot);
  gtk_stack_set_visible_child (GTK_STACK (stack), gtk_widget_get_first_child (stack));
}

/* ---- a step fails: said, and recorded again without signing again ---- */

static gboolean
flow_recorded (gpointer data)
{
  ZcCommitmentFlow *flow = ZC_COMMITMENT_FLOW (zc_case_commitments_get_flow (data));

  return flow != NULL && zc_commitment_flow_get_case (flow) != NULL;
}

/* drives the open dialog to the pad, draws a stroke, then Escape and
 * 放弃: the dialog closes */
static void
discard_after_drawing (GtkWidget *dialog)
{
  static const double stroke[] = { 60, 60, 110, 90, 160, 70, 210, 110 };
  GtkWidget *pad, *confirm;

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
  zc_test_pointer_drag (zc_test_find_type (pad, GTK_TYPE_DRAWING_AREA), stroke, G_N_ELEMENTS (stroke) / 2);
  zc_test_spin_for (200);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 1);
  zc_test_key (GDK_KEY_Escape, 0);
  zc_test_keys_settle ();
  g_assert_true (zc_test_spin_until (confirm_open, NULL, TIMEOUT_S, "放弃签名？"));
  g_assert_true (dialog_open (NULL));
  confirm = zc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "discard");
  g_assert_true (zc_test_spin_until (dialog_closed, NULL, TIMEOUT_S, "the dialog closed by 放弃"));
  g_assert_true (zc_test_spin_until (confirm_closed, NULL, TIMEOUT_S, "放弃签名？ gone with it"));
}

static void
test_retry (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  /* a received case whose materials another open commitment covers
   * (written behind the dialog's back): the POST fails (409) after the
   * uploads */
  gint64 id = query_int ("SELECT c.id FROM cases c WHERE c.state = 'received' AND c.item = 'open_restaurant' "
                         "AND c.applicant NOT IN (SELECT applicant FROM credit_records) "
                         "AND NOT EXISTS (SELECT 1 FROM commitments k WHERE k.case_id = c.id) "
                         "ORDER BY c.id DESC LIMIT 1");
  g_autofree char *update = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *blocker = NULL;
  GtkWidget *page = NULL, *window, *section, *dialog, *failure, *retry;
  Named wait_offer;
  ZcCommitmentFlow *flow;
  GPtrArray *signed_before;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;

  g_assert_cmpint (id, >, 0);
  /* without the states of its materials, as received_case */
  update = g_strdup_printf ("UPDATE cases SET holder = NULL, clerk = 'clerk', materials = NULL, "
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
  /* drawn, then 放弃 on 放弃签名？: the dialog closes, nothing recorded;
   * the offer opens a new one */
  discard_after_drawing (dialog);
  g_assert_true (zc_test_spin_until (named_visible, &wait_offer, TIMEOUT_S, "the 容缺受理 offer again"));
  g_signal_emit_by_name (zc_test_find_named (section, "offer-tolerance"), "clicked");
  g_assert_true (zc_test_spin_until (dialog_open, NULL, TIMEOUT_S, "the dialog again"));
  dialog = zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG);
  blocker = g_strdup_printf ("INSERT INTO commitments (case_id, kind, materials, state, signature, created_at, "
                             "created_by, updated_at) SELECT id, 'tolerance', "
                             "(SELECT json_group_array (json_extract (m.value, '$.code')) FROM catalogue_items ci, "
                             " json_each (ci.json, '$.materials') m WHERE ci.code = cases.item), 'open', '{}', "
                             "'2026-12-07T10:00:00+08:00', 'clerk', '2026-12-07T10:00:00+08:00' "
                             "FROM cases WHERE id = %" G_GINT64_FORMAT, id);
  exec_sql (blocker);
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

  /* the clerk leaves for another case: nothing of this flow there; back
   * on this one, the same flow (keys, signed letters) and its failure */
  {
    g_autofree char *other_sql = g_strdup_printf ("SELECT id FROM cases WHERE clerk = 'clerk' AND id != %"
                                                  G_GINT64_FORMAT " ORDER BY id LIMIT 1", id);
    Showing other = { page, query_int (other_sql) };
    Showing back = { page, id };

    g_assert_cmpint (other.id, >, 0);
    zc_case_page_load (ZC_CASE_PAGE (page), other.id);
    g_assert_true (zc_test_spin_until (page_shows, &other, TIMEOUT_S, "the other case"));
    g_assert_null (zc_case_commitments_get_flow (ZC_CASE_COMMITMENTS (section)));
    g_assert_false (gtk_widget_get_visible (failure));
    zc_case_page_load (ZC_CASE_PAGE (page), id);
    g_assert_true (zc_test_spin_until (page_shows, &back, TIMEOUT_S, "the case again"));
    g_assert_true (zc_case_commitments_get_flow (ZC_CASE_COMMITMENTS (section)) == G_OBJECT (flow));
    g_assert_true (zc_commitment_flow_get_results (flow) == signed_before);
    g_assert_true (gtk_widget_get_visible (failure));
    g_assert_true (gtk_widget_get_visible (retry));
    screenshot (window, "commitment-8-back-on-case.png");
  }

  /* the other commitment gone: 重新提交 records it, no new signature */
  sql = g_strdup_printf ("DELETE FROM commitments WHERE case_id = %" G_GINT64_FORMAT, id);
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

/* ---- F5 on the case page: what the platform has now ------------------- */

static gboolean
case_loaded (gpointer data)
{
  return zc_case_page_get_case (data) != NULL && zc_case_page_get_n_events (data) > 0;
}

typedef struct
{
  GtkWidget *page;
  guint      n;
} MoreEvents;

static gboolean
more_events (gpointer data)
{
  MoreEvents *m = data;

  return zc_case_page_get_case (ZC_CASE_PAGE (m->page)) != NULL && zc_case_page_get_n_events (ZC_CASE_PAGE (m->page)) > m->n;
}

static void
test_reload_key (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  gint64 id = received_case ("c.item = 'open_restaurant'");
  GtkWidget *page = NULL;
  GtkWidget *window = open_case (client, id, &page);
  g_autofree char *insert = NULL;
  MoreEvents wait;

  g_assert_true (zc_test_spin_until (case_loaded, page, TIMEOUT_S, "the case"));
  wait = (MoreEvents) { page, zc_case_page_get_n_events (ZC_CASE_PAGE (page)) };
  /* another window uploads a paper meanwhile */
  insert = g_strdup_printf ("INSERT INTO events (at, actor, role, window, action, case_id, detail) VALUES "
                            "('2026-12-07T02:00:00Z', 'helper', 'helper', '1号窗口', 'document.upload', %" G_GINT64_FORMAT ", "
                            "'{\"name\":\"补充材料.pdf\"}')", id);
  exec_sql (insert);
  zc_test_focus_window (GTK_WINDOW (window));
  gtk_widget_grab_focus (page);
  zc_test_key (GDK_KEY_F5, 0);
  g_assert_true (zc_test_spin_until (more_events, &wait, TIMEOUT_S, "the history after F5"));
  /* a received case has its receipt to reprint */
  g_assert_true (gtk_widget_get_visible (zc_test_find_named (page, "receipt-button")));
  /* each material row's 扫描/拍照/导入 take no Alt key: with one per row
   * they took Alt+I from 告知承诺(I)… */
  {
    GtkWidget *import = zc_test_find_named (page, "import");

    g_assert_nonnull (import);
    g_assert_false (gtk_button_get_use_underline (GTK_BUTTON (import)));
    g_assert_false (gtk_button_get_use_underline (GTK_BUTTON (zc_test_find_named (page, "scan"))));
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* a draft was never received: no 补打受理回执 */
  {
    gint64 draft = query_int ("SELECT id FROM cases WHERE state = 'draft' ORDER BY id LIMIT 1");
    g_autofree char *update = g_strdup_printf ("UPDATE cases SET holder = NULL, clerk = 'clerk', "
                                               "window = (SELECT window FROM users WHERE username = 'clerk') "
                                               "WHERE id = %" G_GINT64_FORMAT, draft);

    g_assert_cmpint (draft, >, 0);
    exec_sql (update);
    window = open_case (client, draft, &page);
    g_assert_true (zc_test_spin_until (case_loaded, page, TIMEOUT_S, "the draft"));
    g_assert_false (gtk_widget_get_visible (zc_test_find_named (page, "receipt-button")));
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

static void
keep_toast (GtkWidget  *section,
            const char *text,
            char      **toast)
{
  g_free (*toast);
  *toast = g_strdup (text);
}

/* ---- 容缺受理, signed and recorded -------------------------------------- */

static void
test_tolerance (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  gint64 id = received_case ("c.item = 'open_restaurant' AND c.applicant NOT IN (SELECT applicant FROM credit_records)");
  GtkWidget *page = NULL;
  GtkWidget *window = NULL;
  GtkWidget *section, *offer, *dialog, *pad, *canvas, *next, *error_label, *deadline_label;
  guint n_materials;
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
  char deadline_iso[16], rest_iso[16];
  GDate rest_day;
  const char *applicant_name;
  gint64 request_doc = 0, notice_doc = 0;
  gboolean awaiting = FALSE;
  g_autofree char *toast = NULL;

  g_assert_nonnull (client);
  /* received without the states of its materials (received_case): the
   * case page lists them from the catalogue, and the 容缺 recorded below
   * must not hide them (it did: its state was the case's only one) */
  window = open_case (client, id, &page);
  section = zc_test_find_type (page, ZC_TYPE_CASE_COMMITMENTS);
  g_assert_nonnull (section);
  wait_offer = (Named) { section, "offer-tolerance" };
  g_assert_true (zc_test_spin_until (named_visible, &wait_offer, TIMEOUT_S, "the 容缺受理 offer"));
  /* each material row offers it too, with its own accessible name */
  g_assert_nonnull (zc_test_find_named (zc_test_find_named (page, "materials-list"), "offer-tolerance"));
  n_materials = count_material_rows (zc_test_find_named (page, "materials-list"), NULL);
  g_assert_cmpuint (n_materials, >, 2);
  g_assert_cmpuint (count_material_rows (page, "unrecorded"), ==, n_materials);
  screenshot (window, "commitment-0-case.png");

  offer = zc_test_find_named (section, "offer-tolerance");
  g_signal_emit_by_name (offer, "clicked");
  g_assert_true (zc_test_spin_until (dialog_open, NULL, TIMEOUT_S, "the dialog (after the credit)"));
  dialog = zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG);
  zc_test_focus_window (GTK_WINDOW (dialog));
  /* the focus starts on 下一步, never on 取消 (Enter there closed it) */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) ==
                 zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "next_button"));
  assert_fits_monitor (dialog);

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
  /* a Saturday before the proposed day (within every limit): refused,
   * the window is closed that day */
  rest_day = proposed;
  do
    g_date_subtract_days (&rest_day, 1);
  while (g_date_get_weekday (&rest_day) != G_DATE_SATURDAY);
  g_assert_false (zc_commitment_dialog_set_deadline (ZC_COMMITMENT_DIALOG (dialog), &rest_day));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_date_strftime (rest_iso, sizeof rest_iso, "%Y-%m-%d", &rest_day);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), rest_iso));
  zc_test_spin_for (50);
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_true (zc_commitment_dialog_set_deadline (ZC_COMMITMENT_DIALOG (dialog), &proposed));
  zc_test_spin_for (50);

  assert_one_default_action (dialog);

  /* preview: every letter written (unsigned), each with its 打印 under
   * it, one copy to read; Enter on the terms goes there */
  enter_goes (dialog, "preview");
  g_assert_true (zc_test_spin_until (previews_written, zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG,
                                                                                "preview_stack"),
                                     TIMEOUT_S, "the letters previewed"));
  wait_stack_at (dialog, "preview");
  assert_one_default_action (dialog);
  assert_print_row (dialog, "preview_stack", 0, 1, NULL);
  assert_print_row (dialog, "preview_stack", 1, 1, "commitment-2b-preview-notice.png");
  assert_fits_monitor (dialog);
  screenshot (dialog, "commitment-2-preview.png");

  /* the applicant signs: two real strokes through the X server; Enter
   * on the letters read goes there */
  enter_goes (dialog, "sign");
  g_assert_true (zc_test_spin_until (slide_done, zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "stack"),
                                     TIMEOUT_S, "the signature page in place"));
  zc_test_focus_window (GTK_WINDOW (dialog));
  zc_test_spin_for (200);
  pad = zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "pad");
  canvas = zc_test_find_type (pad, GTK_TYPE_DRAWING_AREA);
  g_assert_false (gtk_widget_is_sensitive (next));   /* nothing drawn yet */
  /* one "signed" action, the header's: the pad's own 签名完成 is not
   * shown; Enter without a signature stays on the step */
  assert_one_default_action (dialog);
  g_assert_false (gtk_widget_get_mapped (zc_test_template_child (pad, ZC_TYPE_SIGNATURE_PAD, "done_button")));
  g_assert_true (zc_test_focus_is_in (pad));
  assert_fits_monitor (dialog);
  screenshot (dialog, "commitment-3a-sign-empty.png");
  zc_test_key (GDK_KEY_Return, 0);
  zc_test_keys_settle ();
  zc_test_spin_for (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG,
                                                                              "stack")), ==, "sign");
  zc_test_pointer_drag (canvas, stroke1, G_N_ELEMENTS (stroke1) / 2);
  zc_test_spin_for (200);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 1);
  /* 重签 clears: nothing to say signed until it is drawn again */
  {
    GtkWidget *again = zc_test_template_child (pad, ZC_TYPE_SIGNATURE_PAD, "clear_button");

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (again)), ==, _("_Clear and Sign Again"));
    g_signal_emit_by_name (again, "clicked");
    zc_test_spin_for (100);
    g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 0);
    g_assert_false (gtk_widget_is_sensitive (next));
    g_assert_true (zc_test_focus_is_in (pad));
  }
  zc_test_pointer_drag (canvas, stroke1, G_N_ELEMENTS (stroke1) / 2);
  zc_test_spin_for (200);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 1);
  zc_test_pointer_drag (canvas, stroke2, G_N_ELEMENTS (stroke2) / 2);
  zc_test_spin_for (200);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 2);
  assert_one_default_action (dialog);
  screenshot (dialog, "commitment-3-signed.png");
  /* drawn: Escape asks before throwing the signature away */
  assert_escape_asks (dialog);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG,
                                                                              "stack")), ==, "sign");

  /* signed: Enter (the window's default, the header's 已签名) goes on */
  zc_test_focus_window (GTK_WINDOW (dialog));
  zc_test_key (GDK_KEY_Return, 0);
  zc_test_keys_settle ();
  g_assert_true (zc_test_spin_until (signed_ready, dialog, TIMEOUT_S, "the signed letters"));
  wait_stack_at (dialog, "done");
  assert_one_default_action (dialog);
  /* each signed letter printed from under it: the notice in two copies */
  assert_print_row (dialog, "signed_stack", 0, 1, NULL);
  assert_print_row (dialog, "signed_stack", 1, 2, "commitment-4b-done-notice.png");
  results = zc_commitment_dialog_dup_results (ZC_COMMITMENT_DIALOG (dialog));
  g_assert_cmpuint (results->len, ==, 1);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpint (r->kind, ==, ZC_COMMITMENT_KIND_TOLERANCE);
  g_assert_cmpint (g_date_compare (&r->deadline, &proposed), ==, 0);
  g_assert_cmpuint (r->documents->len, ==, 2);
  g_assert_cmpuint (((ZcCommitmentDocument *) g_ptr_array_index (r->documents, 1))->copies, ==, 2);
  g_assert_nonnull (zc_commitment_dialog_get_signature (ZC_COMMITMENT_DIALOG (dialog)));
  assert_fits_monitor (dialog);
  screenshot (dialog, "commitment-4-done.png");
  /* signed: Escape asks too, and keeps the signed letters */
  assert_escape_asks (dialog);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = zc_commitment_dialog_dup_results (ZC_COMMITMENT_DIALOG (dialog));
  g_assert_nonnull (results);
  r = g_ptr_array_index (results, 0);
  /* nothing printed from the dialog: the case page asks to print them */
  g_assert_false (((ZcCommitmentDocument *) g_ptr_array_index (r->documents, 0))->printed);

  /* Finish: uploads, the commitment, the case again */
  g_signal_connect (section, "toast", G_CALLBACK (keep_toast), &toast);
  activate_next (dialog);
  g_assert_true (zc_test_spin_until (flow_settled, section, TIMEOUT_S, "the commitment recorded"));
  /* neither letter was printed from the dialog: the toast names both */
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, zc_document_kind_title (ZC_DOCUMENT_TOLERANCE_REQUEST)));
  g_assert_nonnull (strstr (toast, zc_document_kind_title (ZC_DOCUMENT_TOLERANCE_NOTICE)));
  g_signal_handlers_disconnect_by_func (section, keep_toast, &toast);
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (section, "commitment-failure")));
  g_assert_true (zc_test_spin_until (section_has_rows, section, TIMEOUT_S, "the section refreshed"));
  /* every material still listed: the tolerated ones 容缺, the others
   * from the catalogue as before (nothing recorded of them) */
  g_assert_true (zc_test_spin_until (material_deferred_shown, page, TIMEOUT_S, "the material 容缺 on the page"));
  g_assert_cmpuint (count_material_rows (zc_test_find_named (page, "materials-list"), NULL), ==, n_materials);
  g_assert_cmpuint (count_material_rows (page, "deferred"), ==, g_strv_length (r->materials));
  g_assert_cmpuint (count_material_rows (page, "unrecorded"), ==, n_materials - g_strv_length (r->materials));
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

  /* still received: the departments keep reviewing, the result waits */
  g_assert_cmpint (zc_case_get_state (kase), ==, ZC_CASE_STATE_RECEIVED);
  g_clear_object (&kase);
  res = NULL;
  zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
  kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (zc_case_get_tasks (kase)); i++)
    {
      g_autoptr(ZcTask) t = g_list_model_get_item (zc_case_get_tasks (kase), i);

      awaiting |= zc_task_get_awaiting_supplement (t);
      /* a result already issued is not reopened by the 容缺 */
      if (zc_task_get_state (t) == ZC_TASK_STATE_RESULT_ISSUED || zc_task_get_state (t) == ZC_TASK_STATE_DENIED)
        g_assert_false (zc_task_get_awaiting_supplement (t));
    }
  g_assert_true (awaiting);

  /* 打印: the print operation's export, each letter once: the notice
   * holds its two copies (第一联, 第二联), each on its own page */
  {
    g_autofree char *dir = g_build_filename (tmpdir, "printed", NULL);
    static const char *const names[] = { "document-3.pdf", "document-4.pdf" };
    static const int min_pages[] = { 1, 2 };

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
        g_assert_cmpint (poppler_document_get_n_pages (doc), >=, min_pages[i]);
        g_object_unref (doc);
        if (min_pages[i] == 2)
          {
            g_autofree char *text = pdf_text (bytes);

            g_assert_nonnull (strstr (text, _("Copy 1 of 2 (kept by the applicant)")));
            g_assert_nonnull (strstr (text, _("Copy 2 of 2 (kept by the window)")));
          }
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- 告知承诺, signed and recorded; 事后核查 after approval ------------- */

static void
test_commitment (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  gint64 id = received_case ("c.item = 'open_restaurant' AND c.applicant NOT IN (SELECT applicant FROM credit_records)");
  GtkWidget *page = NULL;
  GtkWidget *window = open_case (client, id, &page);
  GtkWidget *section, *dialog;
  Named wait_offer;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;
  JsonObject *c;
  gint64 letter, commitment_id;
  g_autofree char *dept_sql = NULL;
  g_autofree char *task_sql = NULL;
  g_autofree char *username = NULL;
  gint64 task_id;

  section = zc_test_find_type (page, ZC_TYPE_CASE_COMMITMENTS);
  wait_offer = (Named) { section, "offer-commitment" };
  g_assert_true (zc_test_spin_until (named_visible, &wait_offer, TIMEOUT_S, "the 告知承诺 offer"));
  g_signal_emit_by_name (zc_test_find_named (section, "offer-commitment"), "clicked");
  g_assert_true (zc_test_spin_until (dialog_open, NULL, TIMEOUT_S, "the dialog (after the credit)"));
  dialog = zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG);
  /* clean credit: nothing refused; 实地调查 chosen as the verification */
  g_assert_null (zc_commitment_dialog_dup_refusals (ZC_COMMITMENT_DIALOG (dialog)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "method_row")), 2);
  screenshot (dialog, "commitment-9-terms.png");
  sign_through (dialog);
  g_assert_true (zc_test_spin_until (flow_settled, section, TIMEOUT_S, "the commitment recorded"));
  g_assert_false (gtk_widget_get_visible (zc_test_find_named (section, "commitment-failure")));
  g_assert_true (zc_test_spin_until (section_has_rows, section, TIMEOUT_S, "the section refreshed"));
  screenshot (window, "commitment-10-case-after.png");

  zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
  kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (zc_case_get_commitments_json (kase)), ==, 1);
  c = json_array_get_object_element (zc_case_get_commitments_json (kase), 0);
  g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "commitment");
  g_assert_cmpstr (json_object_get_string_member (c, "verification_method"), ==, "on_site");
  g_assert_nonnull (json_object_get_string_member_with_default (c, "obligations", NULL));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "signature"), "method"), ==,
                   "signature_pad");
  g_assert_true (json_object_get_null_member (c, "verification_due"));
  commitment_id = json_object_get_int_member (c, "id");
  letter = json_object_get_int_member (json_object_get_object_member (c, "signature"), "document_id");
  {
    /* the 告知承诺书 on the platform: the applicant's name in it */
    g_autoptr(GBytes) pdf = NULL;
    g_autofree char *text = NULL;

    res = NULL;
    zc_client_download_document_async (client, id, letter, NULL, zc_test_store_result_cb, &res);
    pdf = ZC_TEST_AWAIT_FINISH (res, zc_client_download_document_finish (client, res, &error));
    g_assert_no_error (error);
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, zc_case_get_applicant_name (kase)));
  }

  /* the department approves a sub-matter it covers: 事后核查 due, shown */
  task_sql = g_strdup_printf ("SELECT t.id FROM tasks t, commitments k WHERE k.id = %" G_GINT64_FORMAT
                              " AND t.case_id = k.case_id AND t.department IN (SELECT value FROM json_each (k.departments))"
                              " ORDER BY t.id LIMIT 1", commitment_id);
  task_id = query_int (task_sql);
  g_assert_cmpint (task_id, >, 0);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    dept_sql = g_strdup_printf ("SELECT u.username FROM users u, tasks t WHERE t.id = %" G_GINT64_FORMAT
                                " AND u.department = t.department ORDER BY u.username LIMIT 1", task_id);
    g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, dept_sql, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    username = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  {
    g_autoptr(ZcClient) department = zc_test_login (zc_server_get_url (server), username, PASSWORD);
    g_autofree char *state_sql = g_strdup_printf ("SELECT state = 'pending' FROM tasks WHERE id = %" G_GINT64_FORMAT, task_id);
    g_autoptr(ZcTask) t = NULL;
    Showing back = { page, id };

    if (query_int (state_sql))
      {
        res = NULL;
        zc_client_transition_task_async (department, task_id, "in_review", NULL, NULL, zc_test_store_result_cb, &res);
        t = ZC_TEST_AWAIT_FINISH (res, zc_client_transition_task_finish (department, res, &error));
        g_assert_no_error (error);
        g_clear_object (&t);
      }
    res = NULL;
    zc_client_transition_task_async (department, task_id, "approved", NULL, NULL, zc_test_store_result_cb, &res);
    t = ZC_TEST_AWAIT_FINISH (res, zc_client_transition_task_finish (department, res, &error));
    g_assert_no_error (error);
    zc_case_page_load (ZC_CASE_PAGE (page), id);
    g_assert_true (zc_test_spin_until (page_shows, &back, TIMEOUT_S, "the case again"));
    zc_test_spin_for (300);
  }
  {
    g_autoptr(ZcCase) after = NULL;
    const char *due;
    GtkWidget *row;

    res = NULL;
    zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
    after = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
    g_assert_no_error (error);
    c = json_array_get_object_element (zc_case_get_commitments_json (after), 0);
    due = json_object_get_string_member_with_default (c, "verification_due", NULL);
    g_assert_nonnull (due);
    row = zc_test_find_named (section, "case-commitment");
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), due));
    screenshot (window, "commitment-11-verification-due.png");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- 告知承诺 refused: an earlier false commitment --------------------- */

static void
test_false_commitment (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  gint64 id = received_case ("c.item = 'open_restaurant' AND c.applicant NOT IN (SELECT applicant FROM credit_records)");
  g_autofree char *record = NULL;
  GtkWidget *page = NULL;
  GtkWidget *window;
  GtkWidget *section, *dialog;
  Named wait_offer;
  g_autofree char *refusals = NULL;

  /* the demo's kind of record (a 事后核查 found an earlier commitment false),
   * for the applicant of a received 开办餐饮店 case */
  record = g_strdup_printf ("INSERT INTO credit_records (applicant, kind, description, since) "
                            "SELECT applicant, 'false_commitment', '虚假承诺', '2026-06-01' FROM cases "
                            "WHERE id = %" G_GINT64_FORMAT, id);
  exec_sql (record);
  window = open_case (client, id, &page);
  section = zc_test_find_type (page, ZC_TYPE_CASE_COMMITMENTS);
  wait_offer = (Named) { section, "offer-commitment" };
  g_assert_true (zc_test_spin_until (named_visible, &wait_offer, TIMEOUT_S, "the 告知承诺 offer"));
  g_signal_emit_by_name (zc_test_find_named (section, "offer-commitment"), "clicked");
  g_assert_true (zc_test_spin_until (dialog_open, NULL, TIMEOUT_S, "the dialog"));
  dialog = zc_test_find_toplevel (ZC_TYPE_COMMITMENT_DIALOG);
  refusals = zc_commitment_dialog_dup_refusals (ZC_COMMITMENT_DIALOG (dialog));
  g_assert_nonnull (refusals);
  {
    /* the reason the rules give for an earlier false commitment */
    const ZcCreditFacts facts = { FALSE, TRUE };
    g_autoptr(GError) error = NULL;
    g_autoptr(ZcCatalogueItem) item = NULL;
    g_autoptr(ZcCase) kase = NULL;
    GAsyncResult *res = NULL;
    GListModel *materials;
    gboolean found = FALSE;

    zc_client_get_case_async (client, id, NULL, zc_test_store_result_cb, &res);
    kase = ZC_TEST_AWAIT_FINISH (res, zc_client_get_case_finish (client, res, &error));
    res = NULL;
    zc_client_get_catalogue_item_async (client, zc_case_get_item (kase), NULL, zc_test_store_result_cb, &res);
    item = ZC_TEST_AWAIT_FINISH (res, zc_client_get_catalogue_item_finish (client, res, &error));
    materials = zc_catalogue_item_get_materials (item);
    for (guint i = 0; i < g_list_model_get_n_items (materials) && !found; i++)
      {
        g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);

        if (zc_commitment_check_eligible (ZC_COMMITMENT_KIND_COMMITMENT, item, m, zc_case_get_matters (kase),
                                          &facts, &error) ||
            !g_error_matches (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_FALSE_COMMITMENT))
          {
            g_clear_error (&error);
            continue;
          }
        g_assert_nonnull (strstr (refusals, error->message));
        found = TRUE;
      }
    g_assert_true (found);
  }
  g_assert_false (gtk_widget_is_sensitive (zc_test_template_child (dialog, ZC_TYPE_COMMITMENT_DIALOG, "next_button")));
  screenshot (dialog, "commitment-12-false-commitment.png");
  escape_closes (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- 告知承诺 refused: a serious credit breach ------------------------- */

static void
test_credit_breach (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  /* an enterprise with a serious breach, deregistering the simple way
   * (简易注销): its 全体投资人承诺书 may be a 告知承诺 — but not for it
   * (the demo's case chose 普通注销; the form says 简易注销 here, since
   * the material applies only then) */
  gint64 id = returned_case ("c.item = 'enterprise_deregistration' "
                             "AND c.applicant IN (SELECT applicant FROM credit_records WHERE kind = 'serious_breach')");
  g_autofree char *simple = g_strdup_printf ("UPDATE cases SET form = json_set (form, '$.deregistration_mode', '简易注销') "
                                             "WHERE id = %" G_GINT64_FORMAT, id);
  GtkWidget *page = NULL;
  GtkWidget *window = NULL;

  exec_sql (simple);
  window = open_case (client, id, &page);
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

  escape_closes (dialog);
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
  g_test_add_func ("/ui/case/reload-key", test_reload_key);
  g_test_add_func ("/ui/commitment-flow/credit-breach", test_credit_breach);
  g_test_add_func ("/ui/commitment-flow/retry", test_retry);
  g_test_add_func ("/ui/commitment-flow/commitment", test_commitment);
  g_test_add_func ("/ui/commitment-flow/false-commitment", test_false_commitment);
  ret = g_test_run ();

  zc_server_shutdown (server);
  g_clear_object (&server);
  zc_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (db_path);
  return ret;
}
