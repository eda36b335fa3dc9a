/* zc-print.h — printing a PDF through GtkPrintOperation, and saving it
 *
 * Each page is rendered with poppler onto the print context's cairo
 * (poppler_page_render_for_printing), scaled to the printable width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows the print dialog for @pdf and prints it; the main loop never
 * blocks (the operation runs with allow-async). Finishes when the job is
 * done — for "Print to File", when the file is written — with the
 * GtkPrintOperationResult: APPLY when printed; a dismissed dialog gives
 * GTK_PRINT_OPERATION_RESULT_CANCEL (not an error). Errors (G_IO_ERROR,
 * translated): a PDF that cannot be read → INVALID_DATA; an output file
 * in a folder that does not exist → NOT_FOUND; one that may not be
 * written → PERMISSION_DENIED; a job the printer aborted → FAILED;
 * @cancellable cancelled → CANCELLED (GTK closes no dialog that is
 * open: the clerk's answer then prints nothing). */
void     zc_print_pdf_async   (GtkWindow           *parent,
                               GBytes              *pdf,
                               const char          *job_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
/* Like zc_print_pdf_async, the dialog opened on @settings (the printer,
 * copies, output file … chosen last time; NULL = GTK's defaults).
 * Finish with zc_print_pdf_finish. */
void     zc_print_pdf_with_settings_async (GtkWindow           *parent,
                                           GBytes              *pdf,
                                           const char          *job_name,
                                           GtkPrintSettings    *settings,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GtkPrintOperationResult
         zc_print_pdf_finish  (GAsyncResult        *result,
                               GError             **error);
/* After a print that finished with GTK_PRINT_OPERATION_RESULT_APPLY: the
 * settings the clerk confirmed, to open the next dialog with (transfer
 * full); NULL otherwise. */
GtkPrintSettings *
         zc_print_pdf_get_settings (GAsyncResult   *result);

/* Prints @pdf without a dialog into a PDF file at @path (the "export"
 * action of GtkPrintOperation): the same drawing as printing. */
gboolean zc_print_pdf_export  (GBytes              *pdf,
                               const char          *job_name,
                               const char          *path,
                               GError             **error);

/* "Save as PDF": a GtkFileChooserNative (save) proposing @suggested_name,
 * then the bytes written. Finishes with the GFile written, or NULL with
 * G_IO_ERROR_CANCELLED when the clerk dismissed the chooser. */
void     zc_save_pdf_async    (GtkWindow           *parent,
                               GBytes              *pdf,
                               const char          *suggested_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GFile   *zc_save_pdf_finish   (GAsyncResult        *result,
                               GError             **error);

G_END_DECLS
