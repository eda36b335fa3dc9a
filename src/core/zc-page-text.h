/* zc-page-text.h — what was read on one page of a material: its text and
 * where each character stands
 *
 * Both readers produce it: the text layer of a PDF (poppler; exact,
 * confidence 1) and OCR of an image-only page (Tesseract; each character
 * carries the confidence of its word). Boxes are in PDF points from the
 * top-left corner of the page, whatever the reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ZcBox;

typedef struct
{
  ZcBox box;
  float confidence; /* 0..1; 1 on a text layer */
} ZcTextChar;

typedef struct
{
  guint    page;    /* 1-based */
  gboolean ocr;     /* FALSE: read from the PDF's text layer */
  double   width;   /* page size in points */
  double   height;
  GString *text;    /* UTF-8; lines end in '\n' */
  GArray  *chars;   /* of ZcTextChar: one per character of text */
} ZcPageText;

ZcPageText *zc_page_text_new        (guint             page,
                                     gboolean          ocr,
                                     double            width,
                                     double            height);
void        zc_page_text_free       (ZcPageText       *self);
/* Appends @text (UTF-8), every character of it at @box with @confidence */
void        zc_page_text_append     (ZcPageText       *self,
                                     const char       *text,
                                     const ZcBox      *box,
                                     float             confidence);
/* Number of characters that are not white space */
guint       zc_page_text_count_visible (const ZcPageText *self);
/* The union of the boxes of characters [@start, @end) (character
 * indexes), white space left out; FALSE when none has a box */
gboolean    zc_page_text_get_box    (const ZcPageText *self,
                                     guint             start,
                                     guint             end,
                                     ZcBox            *box);
/* The lowest confidence of characters [@start, @end) */
float       zc_page_text_get_confidence (const ZcPageText *self,
                                         guint             start,
                                         guint             end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcPageText, zc_page_text_free)

G_END_DECLS
