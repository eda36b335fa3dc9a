/* zc-pdf-thumbnails.h — the strip of small pages beside a ZcPdfView
 *
 * One row per page in a GtkListView; a page is rendered small, by the
 * same worker as the pages (low priority), only when its row scrolls
 * into sight. Choosing a row (click, arrows, Enter) emits
 * "page-selected".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-pdf-document.h"

G_BEGIN_DECLS

#define ZC_PDF_THUMBNAIL_WIDTH 96   /* css px */

#define ZC_TYPE_PDF_THUMBNAILS (zc_pdf_thumbnails_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfThumbnails, zc_pdf_thumbnails, ZC, PDF_THUMBNAILS, GtkWidget)

GtkWidget *zc_pdf_thumbnails_new            (void);
/* a loaded document, or NULL */
void       zc_pdf_thumbnails_set_document   (ZcPdfThumbnails *self,
                                             ZcPdfDocument   *document);
void       zc_pdf_thumbnails_set_rotation   (ZcPdfThumbnails *self,
                                             int              rotation);
/* selects @page's row and scrolls it into sight */
void       zc_pdf_thumbnails_set_page       (ZcPdfThumbnails *self,
                                             int              page);
/* the findings (ZcPdfHighlight; a ref is taken, NULL clears): drawn on
 * the small pages too, so that a page with findings stands out */
void       zc_pdf_thumbnails_set_highlights (ZcPdfThumbnails *self,
                                             GPtrArray       *highlights);
/* how many thumbnails have been rendered (lazily: those seen) */
guint      zc_pdf_thumbnails_get_n_rendered (ZcPdfThumbnails *self);

/* signal "page-selected" (int page) */

G_END_DECLS
