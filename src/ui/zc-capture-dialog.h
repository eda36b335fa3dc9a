/* zc-capture-dialog.h — taking one material in: scan, photograph,
 * import; the pages so far; one PDF when done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZC_TYPE_CAPTURE_DIALOG (zc_capture_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ZcCaptureDialog, zc_capture_dialog, ZC, CAPTURE_DIALOG, AdwWindow)

typedef enum {
  ZC_CAPTURE_SCAN,
  ZC_CAPTURE_CAMERA,
  ZC_CAPTURE_IMPORT,
} ZcCaptureSource;

/* For the material MATERIAL_NAME, opened on SOURCE's page. When the clerk
 * presses 完成 the pages become one PDF on a worker, then "captured"
 * (GBytes *pdf, guint n_pages) is emitted and the dialog closes. */
ZcCaptureDialog *zc_capture_dialog_new         (GtkWindow       *parent,
                                                const char      *material_name,
                                                ZcCaptureSource  source);
/* the pages taken so far */
guint            zc_capture_dialog_get_n_pages (ZcCaptureDialog *self);
/* N_KEPT pages of the material are kept already: 完成 says it replaces them */
void             zc_capture_dialog_set_kept_pages (ZcCaptureDialog *self,
                                                   guint            n_kept);
/* imports FILES (GFile) one after the other, as a drop does */
void             zc_capture_dialog_import      (ZcCaptureDialog *self,
                                                GSList          *files);

G_END_DECLS
