/* zc-scanner.h — scanning papers through SANE, on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zc-acquired-page.h"

G_BEGIN_DECLS

#define ZC_TYPE_SCANNER (zc_scanner_get_type ())
G_DECLARE_FINAL_TYPE (ZcScanner, zc_scanner, ZC, SCANNER, GObject)

ZcScanner  *zc_scanner_new                 (void);

/* The scanners SANE sees: a GListModel of ZcScanDevice */
void        zc_scanner_list_devices_async  (ZcScanner           *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GListModel *zc_scanner_list_devices_finish (ZcScanner           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Scans on DEVICE at DPI in colour or grey; from the document feeder
 * (FEEDER) page after page until it is empty or MAX_PAGES (0: no limit)
 * were taken, else one page from the glass. Each page comes as
 * "page-scanned" (ZcAcquiredPage) when it is read, its reading as
 * "progress" (page number from 1, fraction of the page). Finishes with
 * the number of pages; pages scanned before an error or a cancel were
 * already given. */
void        zc_scanner_scan_async          (ZcScanner           *self,
                                            const char          *device,
                                            int                  dpi,
                                            gboolean             color,
                                            gboolean             feeder,
                                            guint                max_pages,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
guint       zc_scanner_scan_finish         (ZcScanner           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
