/* zc-scan-device.h — a scanner SANE found: its SANE name and what a
 * clerk reads (vendor and model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZC_TYPE_SCAN_DEVICE (zc_scan_device_get_type ())
G_DECLARE_FINAL_TYPE (ZcScanDevice, zc_scan_device, ZC, SCAN_DEVICE, GObject)

ZcScanDevice *zc_scan_device_new       (const char *name,
                                        const char *vendor,
                                        const char *model);
const char   *zc_scan_device_get_name  (ZcScanDevice *self);
/* "Vendor Model (name)" */
const char   *zc_scan_device_get_label (ZcScanDevice *self);

G_END_DECLS
