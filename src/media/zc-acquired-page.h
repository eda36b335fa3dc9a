/* zc-acquired-page.h — one page of a material as taken in: an image
 * (scan, photo, imported JPEG/PNG) with its resolution, or a page of an
 * imported PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZC_TYPE_ACQUIRED_PAGE (zc_acquired_page_get_type ())
G_DECLARE_FINAL_TYPE (ZcAcquiredPage, zc_acquired_page, ZC, ACQUIRED_PAGE, GObject)

/* An image: TEXTURE at DPI (the page is as large as the paper was);
 * ENCODED, when not NULL, is the image's own file (JPEG: put into the PDF
 * as it is; PNG: drawn losslessly); without it (a scan, a photo) the PDF
 * holds it as a JPEG */
ZcAcquiredPage *zc_acquired_page_new_image    (GdkTexture *texture,
                                               double      dpi,
                                               GBytes     *encoded);
/* Page INDEX of the PDF DOCUMENT (all of the file), WIDTH × HEIGHT in
 * points, with a THUMBNAIL to show */
ZcAcquiredPage *zc_acquired_page_new_pdf_page (GBytes     *document,
                                               int         index,
                                               int         n_pages,
                                               double      width,
                                               double      height,
                                               GdkTexture *thumbnail);

gboolean    zc_acquired_page_is_pdf       (ZcAcquiredPage *self);
/* the image, or the PDF page's thumbnail */
GdkTexture *zc_acquired_page_get_texture  (ZcAcquiredPage *self);
double      zc_acquired_page_get_dpi      (ZcAcquiredPage *self);
GBytes     *zc_acquired_page_get_encoded  (ZcAcquiredPage *self);
GBytes     *zc_acquired_page_get_document (ZcAcquiredPage *self);
int         zc_acquired_page_get_index    (ZcAcquiredPage *self);
int         zc_acquired_page_get_n_pages  (ZcAcquiredPage *self);
/* the page's size in points (1/72 inch) */
double      zc_acquired_page_get_width    (ZcAcquiredPage *self);
double      zc_acquired_page_get_height   (ZcAcquiredPage *self);

/* the name of the file it was imported from (NULL: scanned, photographed) */
const char *zc_acquired_page_get_source_name (ZcAcquiredPage *self);
void        zc_acquired_page_set_source_name (ZcAcquiredPage *self,
                                              const char     *name);

/* the resolution at which an image of WIDTH × HEIGHT pixels with no
 * resolution of its own (a photo) fills an A4 page */
double      zc_acquired_page_a4_dpi       (int width,
                                           int height);

G_END_DECLS
