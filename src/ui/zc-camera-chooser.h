/* zc-camera-chooser.h — 摄像头: which camera the remote window's calls use
 *
 * A drop-down of the cameras ZcCameraMonitor finds (kept current as they
 * are plugged in and out) and 测试画面 (the test picture), remembered in
 * the GSettings key "camera" (zc_video_call_apply_settings reads it).
 * With no camera the drop-down holds only the test picture and the note
 * under it says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-camera-monitor.h"

G_BEGIN_DECLS

#define ZC_TYPE_CAMERA_CHOOSER (zc_camera_chooser_get_type ())
G_DECLARE_FINAL_TYPE (ZcCameraChooser, zc_camera_chooser, ZC, CAMERA_CHOOSER, GtkWidget)

GtkWidget       *zc_camera_chooser_new         (void);
ZcCameraMonitor *zc_camera_chooser_get_monitor (ZcCameraChooser *self);
/* What the drop-down offers now, in order (tests) */
GListModel      *zc_camera_chooser_get_choices (ZcCameraChooser *self);
/* The note under it ("" when there is a camera) */
const char      *zc_camera_chooser_get_note    (ZcCameraChooser *self);

G_END_DECLS
