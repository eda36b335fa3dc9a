/* zc-print.c — printing a PDF through GtkPrintOperation, and saving it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "zc-print.h"

typedef struct
{
  PopplerDocument *doc;
  GtkPrintOperation *op;
  GtkPrintSettings *settings;   /* those applied, for the next time */
  gulong cancel_id;
  guint timeout_id;
  gboolean sent;                /* "done" came; waiting for the job's end */
  gboolean returned;
} PrintData;

static void
print_data_free (gpointer p)
{
  PrintData *pd = p;

  g_clear_handle_id (&pd->timeout_id, g_source_remove);
  g_clear_object (&pd->doc);
  g_clear_object (&pd->op);
  g_clear_object (&pd->settings);
  g_free (pd);
}

static PopplerDocument *
load_pdf (GBytes  *pdf,
          GError **error)
{
  g_autoptr(GError) local = NULL;
  PopplerDocument *doc;

  if (pdf == NULL || g_bytes_get_size (pdf) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("There is no document to print."));
      return NULL;
    }
  doc = poppler_document_new_from_bytes (pdf, NULL, &local);
  if (doc == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The document cannot be read: %s"), local->message);
      return NULL;
    }
  if (poppler_document_get_n_pages (doc) <= 0)
    {
      g_object_unref (doc);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The document has no pages."));
      return NULL;
    }
  return doc;
}

static void
on_begin_print (GtkPrintOperation *op,
                GtkPrintContext   *context,
                PopplerDocument   *doc)
{
  gtk_print_operation_set_n_pages (op, poppler_document_get_n_pages (doc));
}

static void
on_draw_page (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              PopplerDocument   *doc)
{
  PopplerPage *page = poppler_document_get_page (doc, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double pw, ph, cw, ch, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &pw, &ph);
  cw = gtk_print_context_get_width (context);
  ch = gtk_print_context_get_height (context);
  /* fit the page into the printable area, keeping its proportions */
  scale = MIN (cw / MAX (pw, 1), ch / MAX (ph, 1));
  cairo_save (cr);
  cairo_translate (cr, (cw - pw * scale) / 2, 0);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

static GtkPrintOperation *
make_operation (PopplerDocument *doc,
                const char      *job_name)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  /* our documents carry their own margins */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (op, job_name ? job_name : _("Document"));
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  g_signal_connect_object (op, "begin-print", G_CALLBACK (on_begin_print), doc, 0);
  g_signal_connect_object (op, "draw-page", G_CALLBACK (on_draw_page), doc, 0);
  return op;
}

/* "Print to File" offers the document's own name (the job name, without
 * path separators), not GTK's "output.pdf" (输出.pdf); a file the caller
 * chose (OUTPUT_URI) is kept. */
static void
name_output_file (GtkPrintOperation *op,
                  GtkPrintSettings  *given,
                  const char        *job_name)
{
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autofree char *basename = NULL;

  if (job_name == NULL || *job_name == '\0' ||
      (given != NULL && gtk_print_settings_get (given, GTK_PRINT_SETTINGS_OUTPUT_URI) != NULL))
    return;
  settings = given != NULL ? gtk_print_settings_copy (given) : gtk_print_settings_new ();
  basename = g_strdelimit (g_strdup (job_name), "/\\:", '-');
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
  gtk_print_operation_set_print_settings (op, settings);
}

/* ── print with dialog ── */

/* How long to wait, after the pages went out, for the printer (or the
 * file) to report that the job finished. A backend that never says so
 * is taken at its word that the job was handed over. */
#define FINISH_TIMEOUT_S 60

/* Returns the task once, whichever way the operation ends; drops the
 * ref held for the operation. */
static void
print_return (GTask                   *task,
              GtkPrintOperationResult  result,
              GError                  *error)
{
  PrintData *pd = g_task_get_task_data (task);

  if (pd->returned)
    {
      g_clear_error (&error);
      return;
    }
  pd->returned = TRUE;
  g_signal_handlers_disconnect_matched (pd->op, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, task);
  g_clear_handle_id (&pd->timeout_id, g_source_remove);
  if (pd->cancel_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), pd->cancel_id);
      pd->cancel_id = 0;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      /* whatever came of it, the caller gave up on it */
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing was cancelled."));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Printing failed."));
      g_task_return_error (task, error);
    }
  else
    {
      g_clear_error (&error);
      if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
        pd->settings = gtk_print_operation_get_print_settings (pd->op);
      if (pd->settings != NULL)
        g_object_ref (pd->settings);
      g_task_return_int (task, result);
    }
  g_object_unref (task);
}

/* The error of a failed print, in words for the clerk: the output file
 * of "Print to File" is the usual culprit. Keeps a G_IO_ERROR code. */
static GError *
explain_error (GtkPrintOperation *op,
               GError            *error)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (op);
  const char *uri = settings ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;
  int code = error->domain == G_IO_ERROR ? error->code : G_IO_ERROR_FAILED;
  GError *out;

  g_debug ("Printing failed: %s", error->message);

  if (uri != NULL && error->domain == G_IO_ERROR)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *folder_name = folder ? g_file_get_parse_name (folder) : NULL;
      g_autofree char *file_name = g_file_get_parse_name (file);

      if (error->code == G_IO_ERROR_NOT_FOUND && folder != NULL &&
          !g_file_query_exists (folder, NULL))
        out = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The printed file cannot be saved: the folder “%s” does not exist."),
                           folder_name);
      else if (error->code == G_IO_ERROR_PERMISSION_DENIED)
        out = g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("The printed file cannot be saved: “%s” may not be written."),
                           file_name);
      else
        out = g_error_new (G_IO_ERROR, code, _("The printed file “%s” cannot be saved: %s"),
                           file_name, error->message);
    }
  else
    out = g_error_new (G_IO_ERROR, code, _("Printing failed: %s"), error->message);

  g_error_free (error);
  return out;
}

static gboolean
on_finish_timeout (gpointer user_data)
{
  GTask *task = user_data;
  PrintData *pd = g_task_get_task_data (task);

  pd->timeout_id = 0;
  g_debug ("The printer did not report the end of the job; taking it as sent");
  print_return (task, GTK_PRINT_OPERATION_RESULT_APPLY, NULL);
  return G_SOURCE_REMOVE;
}

/* After "done": the job goes on in the backend (the file backend copies
 * the spool file to the output file) and its end comes as a status. */
static void
on_status_changed (GtkPrintOperation *op,
                   GTask             *task)
{
  PrintData *pd = g_task_get_task_data (task);

  if (!pd->sent || !gtk_print_operation_is_finished (op))
    return;
  if (gtk_print_operation_get_status (op) == GTK_PRINT_STATUS_FINISHED_ABORTED)
    print_return (task, GTK_PRINT_OPERATION_RESULT_ERROR,
                  g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                       _("The printer stopped the job.")));
  else
    print_return (task, GTK_PRINT_OPERATION_RESULT_APPLY, NULL);
}

static void
on_done (GtkPrintOperation       *op,
         GtkPrintOperationResult  result,
         GTask                   *task)
{
  PrintData *pd = g_task_get_task_data (task);
  GError *error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (op, &error);
      if (error != NULL)
        error = explain_error (op, error);
      print_return (task, result, error);
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && !gtk_print_operation_is_finished (op))
    {
      /* the pages are drawn, the job is still on its way */
      pd->sent = TRUE;
      pd->timeout_id = g_timeout_add_seconds (FINISH_TIMEOUT_S, on_finish_timeout, task);
      return;
    }
  print_return (task, result, NULL);
}

static gboolean
on_cancel_idle (gpointer user_data)
{
  GTask *task = user_data;
  PrintData *pd = g_task_get_task_data (task);

  if (!pd->returned)
    print_return (task, GTK_PRINT_OPERATION_RESULT_APPLY, NULL);  /* → G_IO_ERROR_CANCELLED */
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              GTask        *task)
{
  PrintData *pd = g_task_get_task_data (task);

  gtk_print_operation_cancel (pd->op);
  /* the pages are out already: stop waiting for the printer's word (not
   * from here: disconnecting inside "cancelled" would deadlock) */
  if (pd->sent)
    g_idle_add_full (G_PRIORITY_DEFAULT, on_cancel_idle, g_object_ref (task), g_object_unref);
}

static void
print_run (GtkWindow                *parent,
           GBytes                   *pdf,
           const char               *job_name,
           GtkPrintSettings         *settings,
           GCancellable             *cancellable,
           GAsyncReadyCallback       callback,
           gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  PrintData *pd;
  GtkPrintOperationResult res;

  g_task_set_source_tag (task, zc_print_pdf_async);
  pd = g_new0 (PrintData, 1);
  g_task_set_task_data (task, pd, print_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  pd->doc = load_pdf (pdf, &error);
  if (pd->doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pd->op = make_operation (pd->doc, job_name);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (pd->op, settings);
  name_output_file (pd->op, settings, job_name);
  gtk_print_operation_set_allow_async (pd->op, TRUE);
  g_signal_connect (pd->op, "done", G_CALLBACK (on_done), g_object_ref (task));
  g_signal_connect (pd->op, "status-changed", G_CALLBACK (on_status_changed), task);
  if (cancellable != NULL)
    pd->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);

  res = gtk_print_operation_run (pd->op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (res != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      if (res == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
        error = explain_error (pd->op, error);
      print_return (task, res, error);   /* no-op if "done" came first */
    }
  else
    g_clear_error (&error);
}

void
zc_print_pdf_async (GtkWindow           *parent,
                    GBytes              *pdf,
                    const char          *job_name,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  print_run (parent, pdf, job_name, NULL, cancellable, callback, user_data);
}

void
zc_print_pdf_with_settings_async (GtkWindow           *parent,
                                  GBytes              *pdf,
                                  const char          *job_name,
                                  GtkPrintSettings    *settings,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (settings == NULL || GTK_IS_PRINT_SETTINGS (settings));

  print_run (parent, pdf, job_name, settings, cancellable, callback, user_data);
}

GtkPrintOperationResult
zc_print_pdf_finish (GAsyncResult  *result,
                     GError       **error)
{
  gssize res;

  g_return_val_if_fail (g_task_is_valid (result, NULL), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_print_pdf_async,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  res = g_task_propagate_int (G_TASK (result), error);
  if (res < 0)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  return (GtkPrintOperationResult) res;
}

GtkPrintSettings *
zc_print_pdf_get_settings (GAsyncResult *result)
{
  PrintData *pd;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_print_pdf_async, NULL);

  pd = g_task_get_task_data (G_TASK (result));
  if (pd == NULL || pd->settings == NULL)
    return NULL;
  return g_object_ref (pd->settings);
}

/* ── export ── */

gboolean
zc_print_pdf_export (GBytes      *pdf,
                     const char  *job_name,
                     const char  *path,
                     GError     **error)
{
  PopplerDocument *doc;
  g_autoptr(GtkPrintOperation) op = NULL;
  GtkPrintOperationResult res;

  g_return_val_if_fail (path != NULL, FALSE);

  doc = load_pdf (pdf, error);
  if (doc == NULL)
    return FALSE;
  op = make_operation (doc, job_name);
  gtk_print_operation_set_export_filename (op, path);
  res = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  g_clear_object (&op);
  g_object_unref (doc);
  if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Printing failed."));
      return FALSE;
    }
  return TRUE;
}

/* ── save as PDF ── */

typedef struct
{
  GBytes *pdf;
  GtkFileChooserNative *chooser;
  GFile *file;
} SaveData;

static void
save_data_free (gpointer p)
{
  SaveData *sd = p;

  g_bytes_unref (sd->pdf);
  if (sd->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (sd->chooser));
  g_clear_object (&sd->chooser);
  g_clear_object (&sd->file);
  g_free (sd);
}

static void
on_replaced (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *sd = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (sd->file), g_object_unref);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  GTask *task = user_data;  /* the ref taken for the dialog */
  SaveData *sd = g_task_get_task_data (task);

  g_signal_handlers_disconnect_by_func (dialog, on_chooser_response, task);
  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Saving was cancelled."));
      g_object_unref (task);
      return;
    }
  sd->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (sd->file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("No file was chosen."));
      g_object_unref (task);
      return;
    }
  g_file_replace_contents_bytes_async (sd->file, sd->pdf, NULL, FALSE, G_FILE_CREATE_NONE,
                                       g_task_get_cancellable (task), on_replaced, task);
}

void
zc_save_pdf_async (GtkWindow           *parent,
                   GBytes              *pdf,
                   const char          *suggested_name,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  SaveData *sd;

  g_task_set_source_tag (task, zc_save_pdf_async);
  if (pdf == NULL || g_bytes_get_size (pdf) == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("There is no document to save."));
      return;
    }
  sd = g_new0 (SaveData, 1);
  sd->pdf = g_bytes_ref (pdf);
  g_task_set_task_data (task, sd, save_data_free);

  sd->chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (sd->chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (sd->chooser), filter);
  if (suggested_name != NULL && *suggested_name != '\0')
    {
      name = g_str_has_suffix (suggested_name, ".pdf") ? g_strdup (suggested_name)
                                                       : g_strconcat (suggested_name, ".pdf", NULL);
      /* no path separators in a proposed name */
      g_strdelimit (name, "/\\", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (sd->chooser), name);
    }
  g_signal_connect (sd->chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (sd->chooser));
}

GFile *
zc_save_pdf_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_save_pdf_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
