/* zc-material-read.h — what a material says: the text of each page of a
 * PDF (its text layer through poppler, else OCR of the page rendered at
 * 300 dpi) or of a PNG image, with boxes and confidences
 *
 * The reading runs on a worker (GTask); progress is told on the caller's
 * main context; a GCancellable stops it between pages and inside OCR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zc-page-text.h"

G_BEGIN_DECLS

#define ZC_MATERIAL_ERROR (zc_material_error_quark ())

typedef enum
{
  ZC_MATERIAL_ERROR_UNSUPPORTED, /* neither a PDF nor a PNG */
  ZC_MATERIAL_ERROR_DAMAGED,     /* a PDF poppler cannot open (truncated …) */
  ZC_MATERIAL_ERROR_ENCRYPTED,   /* a PDF behind a password */
  ZC_MATERIAL_ERROR_TOO_LARGE,   /* over the size or page limit */
} ZcMaterialError;

/* the resolution image-only pages are rendered at for OCR */
#define ZC_MATERIAL_OCR_DPI 300.0
/* limits of what is read (a material is a few pages of paper) */
#define ZC_MATERIAL_MAX_BYTES (64 * 1024 * 1024)
#define ZC_MATERIAL_MAX_PAGES 100

/* @fraction of the whole reading done, 0..1; @page being read */
typedef void (*ZcReadProgress) (double   fraction,
                                guint    page,
                                gpointer user_data);

GQuark     zc_material_error_quark (void);

/* Blocking: for workers, zcctl and benchmarks. Returns the pages (of
 * ZcPageText), or NULL with a translated error that says what is wrong
 * with the file. @progress is called on the calling thread. */
GPtrArray *zc_material_read        (GFile               *file,
                                    ZcReadProgress       progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GError             **error);

/* The same on a worker; @progress is called on the thread-default main
 * context of the caller */
void       zc_material_read_async  (GFile               *file,
                                    ZcReadProgress       progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GPtrArray *zc_material_read_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
