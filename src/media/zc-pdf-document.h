/* zc-pdf-document.h — a PDF shared by the viewer and its one worker
 *
 * Holds the bytes and, once a load job has run, the PopplerDocument.
 * Poppler objects are not thread-safe: every poppler call on this
 * document happens on the worker (ZcPdfJobScheduler) between
 * zc_pdf_document_lock() and zc_pdf_document_unlock(). What the load
 * found (page count, page sizes) is copied out and may be read on the
 * main thread once the load job has finished.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <poppler.h>

G_BEGIN_DECLS

#define ZC_TYPE_PDF_DOCUMENT (zc_pdf_document_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfDocument, zc_pdf_document, ZC, PDF_DOCUMENT, GObject)

ZcPdfDocument   *zc_pdf_document_new            (GBytes        *bytes);
GBytes          *zc_pdf_document_get_bytes      (ZcPdfDocument *self);

/* worker only: opens the document and reads every page's size; TRUE
 * when it was already loaded. Errors: G_IO_ERROR_PERMISSION_DENIED (a
 * password is needed), G_IO_ERROR_INVALID_DATA (not a readable PDF). */
gboolean         zc_pdf_document_load           (ZcPdfDocument *self,
                                                 GError       **error);
/* worker only: frees the PopplerDocument (page sizes stay); later
 * renders fail */
void             zc_pdf_document_close          (ZcPdfDocument *self);
void             zc_pdf_document_lock           (ZcPdfDocument *self);
void             zc_pdf_document_unlock         (ZcPdfDocument *self);
/* under the lock */
PopplerDocument *zc_pdf_document_get_poppler    (ZcPdfDocument *self);

/* after the load has finished: 0 before */
int              zc_pdf_document_get_n_pages    (ZcPdfDocument *self);
/* the page's size in points, unrotated; FALSE when @page is out of range */
gboolean         zc_pdf_document_get_page_size  (ZcPdfDocument *self,
                                                 int            page,
                                                 double        *width,
                                                 double        *height);

/* How often the document lock was taken on the thread that made the
 * first document, the UI's (tests: the main loop never waits on poppler) */
guint            zc_pdf_document_count_main_thread_locks (void);

G_END_DECLS
