/* zc-material-pdf.h — the pages of a material as ONE PDF, made on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* PAGES: a GPtrArray of ZcAcquiredPage, in order. An image becomes a page
 * of its physical size (pixels and dpi); a page of an imported PDF is
 * drawn as it is (vector). A single PDF imported whole and unchanged is
 * given back byte for byte. */
GBytes *zc_material_pdf_build        (GPtrArray            *pages,
                                      GCancellable         *cancellable,
                                      GError              **error);
void    zc_material_pdf_build_async  (GPtrArray            *pages,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GBytes *zc_material_pdf_build_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
