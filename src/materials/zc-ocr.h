/* zc-ocr.h — OCR of a rendered page through libtesseract (chi_sim + eng)
 *
 * Blocking: call it on a worker (ZcMaterialReader does). Words come back
 * with their boxes (in PDF points) and confidences as a ZcPageText.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "zc-page-text.h"

G_BEGIN_DECLS

#define ZC_OCR_ERROR (zc_ocr_error_quark ())

typedef enum
{
  ZC_OCR_ERROR_NO_LANGUAGE, /* the chi_sim/eng data is not installed */
  ZC_OCR_ERROR_FAILED,      /* Tesseract could not read the image */
} ZcOcrError;

/* Called on the worker with 0..1 of the page done */
typedef void (*ZcOcrProgress) (double fraction, gpointer user_data);

GQuark      zc_ocr_error_quark (void);

/* @image: an ARGB32 or RGB24 surface of the page rendered at @dpi.
 * Returns the page's text with every character's box in points, or NULL
 * (cancelled: G_IO_ERROR_CANCELLED). */
ZcPageText *zc_ocr_read_image  (cairo_surface_t *image,
                                double           dpi,
                                guint            page,
                                ZcOcrProgress    progress,
                                gpointer         progress_data,
                                GCancellable    *cancellable,
                                GError         **error);

/* The languages read, "chi_sim+eng" */
const char *zc_ocr_languages   (void);

G_END_DECLS
