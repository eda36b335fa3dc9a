/* zc-camera.h — the document camera (高拍仪, a UVC camera) through
 * GStreamer: a live picture and a still at full resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-acquired-page.h"

G_BEGIN_DECLS

#define ZC_TYPE_CAMERA (zc_camera_get_type ())
G_DECLARE_FINAL_TYPE (ZcCamera, zc_camera, ZC, CAMERA, GObject)

/* DEVICE: a V4L2 device (/dev/video0), "test" for GStreamer's test
 * picture, NULL for $ZC_CAMERA_DEVICE or else the first /dev/video* or
 * else the test picture */
ZcCamera       *zc_camera_new                (const char  *device);
gboolean        zc_camera_start              (ZcCamera    *self,
                                              GError     **error);
void            zc_camera_stop               (ZcCamera    *self);
/* TRUE when no camera is connected and the picture is a test pattern */
gboolean        zc_camera_is_test_source     (ZcCamera    *self);
const char     *zc_camera_get_device         (ZcCamera    *self);
/* the latest frame ("frame" is notified for each), NULL before the first */
GdkTexture     *zc_camera_get_frame          (ZcCamera    *self);
/* the latest frame as a page, at full resolution */
ZcAcquiredPage *zc_camera_capture            (ZcCamera    *self,
                                              GError     **error);

G_END_DECLS
