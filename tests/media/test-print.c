/* test-print.c — the window's documents printed for real: the
 * GtkPrintOperation of zc-print runs its print dialog under Xvfb, the
 * test confirms it on GTK's "Print to File" printer (the real file print
 * backend), and the PDF that backend writes is read back with poppler.
 *
 * GTK never offers a virtual printer (such as "Print to File") to a
 * print without a dialog (GTK_PRINT_OPERATION_ACTION_PRINT), so the
 * dialog flow — the one the clerk uses — is the way to reach it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <poppler.h>

#include "zc-document.h"
#include "zc-print.h"
#include "zc-pdf-test-util.h"

/* poppler-glib 22.12 has no autoptr support of its own */

#define FULL_ID "340104199001011234"
#define MASKED_ID "3401**********1234"
#define CASE_NUMBER "ZC-20261127-000123"

/* What the dialog should do when it shows up */
typedef enum
{
  ANSWER_PRINT,
  ANSWER_CANCEL,
} Answer;

typedef struct
{
  gboolean finished;
  GtkPrintOperationResult result;
  GError *error;
  GtkPrintSettings *settings;
  guint ticks;                  /* main-loop ticks while printing */
  guint ticks_at_finish;
  gboolean answered;
  char *printer_seen;           /* the printer the dialog had selected */
  char *file_seen;              /* "Print to File"'s file, as the dialog had it */
} PrintRun;

static char *file_printer;      /* the name of GTK's "Print to File" printer */

static ZcDocumentData *
sample (ZcDocumentKind kind)
{
  ZcDocumentData *d = zc_document_data_new (kind);

  d->case_number = g_strdup (CASE_NUMBER);
  d->local_ref = g_strdup ("L-7f3a");
  d->applicant_name = g_strdup ("王小明");
  d->applicant_key = g_strdup (FULL_ID);
  d->item_name = g_strdup ("开办餐饮店");
  zc_document_data_add_matter (d, "营业执照", "市场监督管理局", "2026-12-02", FALSE);
  zc_document_data_add_matter (d, "食品经营许可", "市场监督管理局", "2026-12-11", TRUE);
  g_ptr_array_add (d->materials_received, g_strdup ("经营场所使用证明"));
  g_ptr_array_add (d->materials_exempt, g_strdup ("身份证复印件（居民身份证 3401**********1234）"));
  g_ptr_array_add (d->materials_pending, g_strdup ("健康证明 — 容缺，2026-12-04 前补交"));
  d->window = g_strdup ("3 号综合窗口");
  d->clerk = g_strdup ("李娜");
  if (kind == ZC_DOCUMENT_REFUSAL)
    d->reason = g_strdup ("经营场所位于居民住宅楼内");
  d->issued_at = g_date_time_new_utc (2026, 11, 27, 2, 0, 0);
  return d;
}

static GBytes *
write_pdf (ZcDocumentData *d)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = zc_document_write_sync (d, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static int
count_pages (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_bytes (pdf, NULL, &error);

  g_assert_no_error (error);
  return poppler_document_get_n_pages (doc);
}

static gboolean
find_file_printer (GtkPrinter *printer,
                   gpointer    user_data)
{
  if (gtk_printer_is_virtual (printer) && gtk_printer_accepts_pdf (printer))
    {
      g_free (file_printer);
      file_printer = g_strdup (gtk_printer_get_name (printer));
      return TRUE;
    }
  return FALSE;
}

static GtkPrintSettings *
settings_for (const char *uri)
{
  GtkPrintSettings *settings = gtk_print_settings_new ();

  gtk_print_settings_set_printer (settings, file_printer);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  return settings;
}

static gboolean
tick_cb (gpointer user_data)
{
  PrintRun *run = user_data;

  run->ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PrintRun *run = user_data;

  run->result = zc_print_pdf_finish (result, &run->error);
  run->settings = zc_print_pdf_get_settings (result);
  run->ticks_at_finish = run->ticks;
  run->finished = TRUE;
}

/* The print dialog of the operation, once it is on screen */
static GtkWidget *
find_print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_PRINT_UNIX_DIALOG (w) && gtk_widget_get_visible (w))
        return w;   /* the toplevel list keeps it alive */
    }
  return NULL;
}

/* Answers the dialog as a clerk would: once the printer of the settings
 * is selected, "Print" (or "Cancel"). */
static void
answer_dialog (PrintRun *run,
               Answer    answer)
{
  GtkWidget *dialog;
  GtkPrinter *printer;

  if (run->answered || (dialog = find_print_dialog ()) == NULL)
    return;
  {
    g_autoptr(GtkPrintSettings) s = gtk_print_unix_dialog_get_settings (GTK_PRINT_UNIX_DIALOG (dialog));
    const char *uri = gtk_print_settings_get (s, GTK_PRINT_SETTINGS_OUTPUT_URI);
    const char *base = gtk_print_settings_get (s, GTK_PRINT_SETTINGS_OUTPUT_BASENAME);

    g_free (run->file_seen);
    run->file_seen = g_strdup (uri != NULL ? uri : base);
  }
  if (answer == ANSWER_CANCEL)
    {
      run->answered = TRUE;
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      return;
    }
  printer = gtk_print_unix_dialog_get_selected_printer (GTK_PRINT_UNIX_DIALOG (dialog));
  if (printer == NULL)
    return;
  run->printer_seen = g_strdup (gtk_printer_get_name (printer));
  run->answered = TRUE;
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
}

/* Prints @pdf through the dialog of a window, answered @answer; spins
 * the main loop until the task finishes. */
static void
print_and_wait_full (GBytes           *pdf,
                     GtkPrintSettings *settings,
                     Answer            answer,
                     GCancellable     *cancel_on_dialog,
                     PrintRun         *run)
{
  GtkWidget *window = gtk_window_new ();
  gboolean timed_out = FALSE;
  guint timeout_id, tick_id;

  gtk_window_present (GTK_WINDOW (window));
  tick_id = g_timeout_add (5, tick_cb, run);
  timeout_id = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  zc_print_pdf_with_settings_async (GTK_WINDOW (window), pdf, "test", settings, cancel_on_dialog,
                                    printed_cb, run);
  /* asynchronous: nothing is decided before the main loop runs */
  g_assert_false (run->finished);

  while (!run->finished && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      if (cancel_on_dialog != NULL && find_print_dialog () != NULL)
        g_cancellable_cancel (cancel_on_dialog);
      answer_dialog (run, answer);
    }
  if (timed_out)
    g_error ("printing did not finish (dialog %s, answered %d)",
             find_print_dialog () ? "shown" : "not shown", run->answered);
  g_source_remove (timeout_id);
  g_source_remove (tick_id);
  /* the dialog is gone */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_print_dialog ());
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
print_and_wait (GBytes           *pdf,
                GtkPrintSettings *settings,
                Answer            answer,
                PrintRun         *run)
{
  print_and_wait_full (pdf, settings, answer, NULL, run);
}

static void
print_run_clear (PrintRun *run)
{
  g_clear_error (&run->error);
  g_clear_object (&run->settings);
  g_clear_pointer (&run->printer_seen, g_free);
  g_clear_pointer (&run->file_seen, g_free);
  memset (run, 0, sizeof *run);
}

/* The printed file: @n_pages A4 pages; all their text, squeezed */
static char *
read_printed (const char *path,
              int         n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, n_pages);
  return zc_test_pdf_text (doc, 1.5);
}


static void
print_kind (ZcDocumentKind kind,
            guint          extra_materials)
{
  g_autoptr(ZcDocumentData) d = sample (kind);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-print-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page_foot = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  PrintRun run = { 0 };
  int n_pages;

  g_assert_no_error (error);
  for (guint i = 0; i < extra_materials; i++)
    g_ptr_array_add (d->materials_received, g_strdup_printf ("第%u号补充材料（原件一份）", i + 1));
  pdf = write_pdf (d);
  n_pages = count_pages (pdf);

  path = g_build_filename (dir, "printed.pdf", NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  settings = settings_for (uri);
  print_and_wait (pdf, settings, ANSWER_PRINT, &run);

  g_assert_no_error (run.error);
  g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  /* the dialog came up on the printer of the settings */
  g_assert_cmpstr (run.printer_seen, ==, file_printer);
  /* the main loop kept running while the job went out */
  g_assert_cmpuint (run.ticks_at_finish, >, 0);
  /* the settings the clerk confirmed, for next time */
  g_assert_nonnull (run.settings);
  g_assert_cmpstr (gtk_print_settings_get_printer (run.settings), ==, file_printer);
  g_assert_cmpstr (gtk_print_settings_get (run.settings, GTK_PRINT_SETTINGS_OUTPUT_URI), ==, uri);

  /* finished means written: the file is there, whole */
  text = read_printed (path, n_pages);
  zc_test_assert_has (text, zc_document_kind_title (kind));
  zc_test_assert_has (text, CASE_NUMBER);
  zc_test_assert_has (text, "王小明");
  zc_test_assert_has (text, MASKED_ID);
  g_assert_null (strstr (text, FULL_ID));
  g_assert_null (strstr (text, "199001011"));
  zc_test_assert_has (text, "开办餐饮店");
  zc_test_assert_has (text, "3 号综合窗口");
  zc_test_assert_has (text, "李娜");
  page_foot = g_strdup_printf (_("Page %u of %u"), (guint) n_pages, (guint) n_pages);
  zc_test_assert_has (text, page_foot);
  switch (kind)
    {
    case ZC_DOCUMENT_RECEIPT:
      zc_test_assert_has (text, "营业执照");
      zc_test_assert_has (text, "食品经营许可");
      zc_test_assert_has (text, "经营场所使用证明");
      if (extra_materials > 0)
        {
          g_autofree char *last = g_strdup_printf ("第%u号补充材料", extra_materials);
          zc_test_assert_has (text, last);
        }
      break;
    case ZC_DOCUMENT_ONE_TIME_NOTICE:
      zc_test_assert_has (text, "健康证明");
      break;
    case ZC_DOCUMENT_REFUSAL:
      zc_test_assert_has (text, "经营场所位于居民住宅楼内");
      break;
    default:
      g_assert_not_reached ();
    }

  print_run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_print_receipt (void)
{
  print_kind (ZC_DOCUMENT_RECEIPT, 0);
}

static void
test_print_receipt_pages (void)
{
  print_kind (ZC_DOCUMENT_RECEIPT, 70);
}

static void
test_print_one_time_notice (void)
{
  print_kind (ZC_DOCUMENT_ONE_TIME_NOTICE, 0);
}

static void
test_print_refusal (void)
{
  print_kind (ZC_DOCUMENT_REFUSAL, 0);
}

/* The output file in a folder that does not exist: a specific error
 * naming the folder, the application keeps running, nothing written. */
static void
test_print_missing_folder (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_RECEIPT);
  g_autoptr(GBytes) pdf = write_pdf (d);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-print-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (missing, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GtkPrintSettings) settings = settings_for (uri);
  PrintRun run = { 0 };

  g_assert_no_error (error);
  print_and_wait (pdf, settings, ANSWER_PRINT, &run);
  /* confirmed in the dialog on the file printer; the backend failed */
  g_assert_cmpstr (run.printer_seen, ==, file_printer);
  g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected = g_strdup_printf (_("The printed file cannot be saved: the folder “%s” does not exist."),
                              missing);
  g_assert_cmpstr (run.error->message, ==, expected);
  g_assert_null (run.settings);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* and the next print works */
  print_run_clear (&run);
  {
    g_autofree char *good = g_build_filename (dir, "after.pdf", NULL);
    g_autofree char *good_uri = g_filename_to_uri (good, NULL, NULL);
    g_autoptr(GtkPrintSettings) s2 = settings_for (good_uri);
    g_autofree char *text = NULL;

    print_and_wait (pdf, s2, ANSWER_PRINT, &run);
    g_assert_no_error (run.error);
    g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    text = read_printed (good, 1);
    zc_test_assert_has (text, CASE_NUMBER);
    print_run_clear (&run);
    g_unlink (good);
  }
  g_rmdir (dir);
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  /* GTK names its file printer in the language of the day */
  gtk_enumerate_printers (find_file_printer, NULL, NULL, TRUE);
}

/* The same failure at a zh_CN counter: the error is in Chinese, and so
 * is GTK's name of the file printer that the settings select. */
static void
test_print_missing_folder_zh_cn (void)
{
#define MISSING_FOLDER_MSGID "The printed file cannot be saved: the folder “%s” does not exist."
  const char *msgid = MISSING_FOLDER_MSGID;
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_ONE_TIME_NOTICE);
  g_autoptr(GBytes) pdf = write_pdf (d);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  PrintRun run = { 0 };

  use_language ("zh_CN");
  if (strcmp (_(msgid), msgid) == 0)
    {
      use_language ("C");
      g_test_skip ("zh_CN translation of printing not merged/built yet");
      return;
    }
  dir = g_dir_make_tmp ("zc-print-XXXXXX", &error);
  g_assert_no_error (error);
  missing = g_build_filename (dir, "不存在的文件夹", NULL);
  path = g_build_filename (missing, "受理回执.pdf", NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  settings = settings_for (uri);
  g_test_message ("the file printer in zh_CN: %s", file_printer);

  print_and_wait (pdf, settings, ANSWER_PRINT, &run);
  g_assert_cmpstr (run.printer_seen, ==, file_printer);
  g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected = g_strdup_printf (_(MISSING_FOLDER_MSGID), missing);
  g_assert_cmpstr (run.error->message, ==, expected);
  g_assert_nonnull (strstr (run.error->message, "文件夹"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  print_run_clear (&run);
  g_rmdir (dir);
  use_language ("C");
}

/* The clerk closes the dialog: CANCEL, not an error; nothing written. */
static void
test_print_dialog_cancelled (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_REFUSAL);
  g_autoptr(GBytes) pdf = write_pdf (d);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-print-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GtkPrintSettings) settings = settings_for (uri);
  PrintRun run = { 0 };

  g_assert_no_error (error);
  print_and_wait (pdf, settings, ANSWER_CANCEL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_CANCEL);
  g_assert_null (run.settings);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  print_run_clear (&run);
  g_rmdir (dir);
}

/* Without a file chosen, "Print to File" offers the document's name (the
 * job name, "test" here), not GTK's "output" (输出.pdf) */
static void
test_print_file_named_after_document (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_REFUSAL);
  g_autoptr(GBytes) pdf = write_pdf (d);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *base = NULL;
  PrintRun run = { 0 };

  gtk_print_settings_set_printer (settings, file_printer);
  print_and_wait (pdf, settings, ANSWER_CANCEL, &run);
  g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_CANCEL);
  g_assert_nonnull (run.file_seen);
  g_test_message ("file offered: %s", run.file_seen);
  base = g_path_get_basename (run.file_seen);
  g_assert_true (g_str_has_prefix (base, "test"));
  print_run_clear (&run);
}

/* The caller gives up (the preview closed) while the dialog is open: the
 * clerk's "Print" then prints nothing, and the task says CANCELLED. */
static void
test_print_cancelled (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_RECEIPT);
  g_autoptr(GBytes) pdf = write_pdf (d);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = g_dir_make_tmp ("zc-print-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GtkPrintSettings) settings = settings_for (uri);
  PrintRun run = { 0 };

  g_assert_no_error (error);
  print_and_wait_full (pdf, settings, ANSWER_PRINT, cancellable, &run);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_true (run.answered);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.settings);
  /* let the operation wind down: nothing is written */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  print_run_clear (&run);

  /* cancelled before it starts: no dialog at all */
  zc_print_pdf_with_settings_async (NULL, pdf, "test", settings, cancellable, printed_cb, &run);
  while (!run.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (find_print_dialog ());
  print_run_clear (&run);
  g_rmdir (dir);
}

/* Not a PDF: refused before any dialog, with an error, not a crash. */
static void
test_print_bad_pdf (void)
{
  g_autoptr(GBytes) junk = g_bytes_new_static ("%PDF-garbage", 12);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  GBytes *inputs[] = { junk, empty, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      PrintRun run = { 0 };

      zc_print_pdf_async (NULL, inputs[i], "test", NULL, printed_cb, &run);
      while (!run.finished)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_ERROR);
      g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (find_print_dialog ());
      print_run_clear (&run);
    }
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("ZC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *recent = NULL;
  int ret;

  /* the file backend records each printed file as a recent file: keep
   * that out of the real home */
  data_home = g_dir_make_tmp ("zc-print-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  recent = g_build_filename (data_home, "recently-used.xbel", NULL);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run with --setup xvfb)");
      return g_test_run ();
    }
  /* only the file backend: no CUPS daemon in a test */
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);
  gtk_enumerate_printers (find_file_printer, NULL, NULL, TRUE);
  if (file_printer == NULL)
    {
      g_test_skip ("GTK's file print backend (libprintbackend-file.so) is not installed");
      return g_test_run ();
    }

  g_test_add_func ("/media/print/receipt", test_print_receipt);
  g_test_add_func ("/media/print/receipt-pages", test_print_receipt_pages);
  g_test_add_func ("/media/print/one-time-notice", test_print_one_time_notice);
  g_test_add_func ("/media/print/refusal", test_print_refusal);
  g_test_add_func ("/media/print/missing-folder", test_print_missing_folder);
  g_test_add_func ("/media/print/missing-folder-zh-cn", test_print_missing_folder_zh_cn);
  g_test_add_func ("/media/print/dialog-cancelled", test_print_dialog_cancelled);
  g_test_add_func ("/media/print/cancelled", test_print_cancelled);
  g_test_add_func ("/media/print/file-named-after-document", test_print_file_named_after_document);
  g_test_add_func ("/media/print/bad-pdf", test_print_bad_pdf);
  ret = g_test_run ();

  g_unlink (recent);
  g_rmdir (data_home);
  return ret;
}
