/* zc-camera-monitor.h — the cameras a video call can use (远程窗口)
 *
 * A GListModel of GstDevice: GStreamer's device monitor (class
 * Video/Source) for the V4L2 capture devices of this computer (the ones
 * v4l2src can open: a device path), kept current as cameras are plugged
 * in and out. The monitor starts on a worker (probing opens the devices);
 * "ready" turns TRUE once the first list is in.
 *
 * The clerk's choice is a string (GSettings "camera"): a device path, ""
 * for the first camera found, "test" for the test picture;
 * zc_camera_monitor_resolve says which device that means now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

#define ZC_CAMERA_CHOICE_TEST "test"

#define ZC_TYPE_CAMERA_MONITOR (zc_camera_monitor_get_type ())
G_DECLARE_FINAL_TYPE (ZcCameraMonitor, zc_camera_monitor, ZC, CAMERA_MONITOR, GObject)

/* Starts watching at once (on a worker) */
ZcCameraMonitor *zc_camera_monitor_new       (void);
gboolean         zc_camera_monitor_get_ready (ZcCameraMonitor *self);

/* The V4L2 device path of @device ("/dev/video2"), or NULL */
const char      *zc_camera_monitor_device_path (GstDevice *device);

/* The device path a @choice means with the cameras there are now: the
 * chosen one if present, else the first camera; NULL for the test picture
 * (chosen, or no camera) */
const char      *zc_camera_monitor_resolve   (ZcCameraMonitor *self,
                                              const char      *choice);

/* Properties: "ready". GListModel of GstDevice. */

G_END_DECLS
