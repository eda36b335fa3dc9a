/* zc-pdf-view-private.h — what the tests and benchmarks look into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-pdf-page-cache.h"
#include "zc-pdf-thumbnails.h"
#include "zc-pdf-view.h"

G_BEGIN_DECLS

/* NULL until a document has loaded */
ZcPdfPageCache  *_zc_pdf_view_get_page_cache (ZcPdfView *self);
ZcPdfThumbnails *_zc_pdf_view_get_thumbnails (ZcPdfView *self);
GtkWidget       *_zc_pdf_view_get_page_view  (ZcPdfView *self);

G_END_DECLS
