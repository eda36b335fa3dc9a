/* zc-pdf-highlight.h — a finding to show on a page of a ZcPdfView
 *
 * A box in PDF points measured from the top left corner of the
 * unrotated page, y downwards — as poppler_page_get_text_layout() counts
 * (and a scan's pixels × 72 / dpi) — with what the check made of it.
 * poppler_page_find_text() counts from the bottom: there y is
 * page height − y2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ZC_PDF_HIGHLIGHT_MATCH,
  ZC_PDF_HIGHLIGHT_MISMATCH,
  ZC_PDF_HIGHLIGHT_UNCERTAIN,
} ZcPdfHighlightKind;

typedef struct
{
  int page;                  /* 0-based */
  double x, y, width, height;
  ZcPdfHighlightKind kind;
  char *label;               /* shown beside the box; may be NULL */
} ZcPdfHighlight;

#define ZC_TYPE_PDF_HIGHLIGHT (zc_pdf_highlight_get_type ())
GType           zc_pdf_highlight_get_type (void) G_GNUC_CONST;

ZcPdfHighlight *zc_pdf_highlight_new      (int                page,
                                           double             x,
                                           double             y,
                                           double             width,
                                           double             height,
                                           ZcPdfHighlightKind kind,
                                           const char        *label);
ZcPdfHighlight *zc_pdf_highlight_copy     (const ZcPdfHighlight *self);
void            zc_pdf_highlight_free     (ZcPdfHighlight    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcPdfHighlight, zc_pdf_highlight_free)

G_END_DECLS
