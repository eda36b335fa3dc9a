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

/* Shows the print dialog for @pdf and prints it. Finishes with the
 * GtkPrintOperationResult; a dismissed dialog gives
 * GTK_PRINT_OPERATION_RESULT_CANCEL (not an error). A PDF that cannot
 * be read → G_IO_ERROR_INVALID_DATA. */
void     zc_print_pdf_async   (GtkWindow           *parent,
                               GBytes              *pdf,
                               const char          *job_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GtkPrintOperationResult
         zc_print_pdf_finish  (GAsyncResult        *result,
                               GError             **error);

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
