/* zc-pdf-highlight.c — a finding to show on a page of a ZcPdfView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-pdf-highlight.h"

G_DEFINE_BOXED_TYPE (ZcPdfHighlight, zc_pdf_highlight, zc_pdf_highlight_copy, zc_pdf_highlight_free)

ZcPdfHighlight *
zc_pdf_highlight_new (int                page,
                      double             x,
                      double             y,
                      double             width,
                      double             height,
                      ZcPdfHighlightKind kind,
                      const char        *label)
{
  ZcPdfHighlight *self = g_new0 (ZcPdfHighlight, 1);

  self->page = page;
  self->x = x;
  self->y = y;
  self->width = width;
  self->height = height;
  self->kind = kind;
  self->label = g_strdup (label);
  return self;
}

ZcPdfHighlight *
zc_pdf_highlight_copy (const ZcPdfHighlight *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return zc_pdf_highlight_new (self->page, self->x, self->y, self->width, self->height,
                               self->kind, self->label);
}

void
zc_pdf_highlight_free (ZcPdfHighlight *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self);
}
