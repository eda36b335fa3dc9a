/* zc-document-preview.h — a window document (受理回执 …) written as PDF,
 * previewed page by page, printable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-document.h"

G_BEGIN_DECLS

#define ZC_TYPE_DOCUMENT_PREVIEW (zc_document_preview_get_type ())
G_DECLARE_FINAL_TYPE (ZcDocumentPreview, zc_document_preview, ZC, DOCUMENT_PREVIEW, AdwBin)

GtkWidget  *zc_document_preview_new   (void);
/* Writes @data (taken) off the main thread and shows it; a newer call
 * replaces an older one still being written. */
void        zc_document_preview_show  (ZcDocumentPreview *self,
                                       ZcDocumentData    *data);
void        zc_document_preview_clear (ZcDocumentPreview *self);
/* Hides the document's title above it where the page around already
 * names the document (the receipt step); it still names the print job */
void        zc_document_preview_set_title_visible (ZcDocumentPreview *self,
                                                   gboolean           visible);
/* Hides 打印 where the page around lays out its own (the commitment
 * dialog: under the letter, with the number of copies) */
void        zc_document_preview_set_print_visible (ZcDocumentPreview *self,
                                                   gboolean           visible);
/* The page's least height (640 px by default); the page scrolls inside
 * it. A dialog lowers it to fit a 1280x800 screen: the page then takes
 * the height the preview is given. */
void        zc_document_preview_set_min_height (ZcDocumentPreview *self,
                                                int                height);
/* The PDF shown, or NULL */
GBytes     *zc_document_preview_get_pdf (ZcDocumentPreview *self);
/* Number of pages rendered so far (0 while writing) */
guint       zc_document_preview_get_n_pages (ZcDocumentPreview *self);

/* property "pdf" (GBytes) notifies when a document has been shown */

G_END_DECLS
