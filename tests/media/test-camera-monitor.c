/* test-camera-monitor.c — the cameras a call can use, on a computer
 * without one (a server, CI): GStreamer's device monitor lists none, every
 * choice resolves to the test picture, and a call told to use a camera
 * that is not there sends the test picture (issue 12, camera detection).
 * Skipped where a /dev/video* exists: there the list is that machine's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-camera-monitor.h"
#include "zc-test-util.h"
#include "zc-video-call.h"

static gboolean
has_camera_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "video"))
      return TRUE;
  return FALSE;
}

static gboolean
monitor_ready (gpointer data)
{
  return zc_camera_monitor_get_ready (data);
}

static void
test_no_camera (void)
{
  g_autoptr(ZcCameraMonitor) monitor = NULL;

  if (has_camera_node ())
    {
      g_test_skip ("this computer has a /dev/video*");
      return;
    }
  monitor = zc_camera_monitor_new ();
  /* started on a worker: not ready at once, ready soon */
  g_assert_true (zc_test_spin_until (monitor_ready, monitor, 20, "the camera monitor started"));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (monitor)) == GST_TYPE_DEVICE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (monitor)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (monitor), 0));
  /* the first camera, a remembered one, the test picture: all the test picture */
  g_assert_null (zc_camera_monitor_resolve (monitor, ""));
  g_assert_null (zc_camera_monitor_resolve (monitor, NULL));
  g_assert_null (zc_camera_monitor_resolve (monitor, "/dev/video2"));
  g_assert_null (zc_camera_monitor_resolve (monitor, ZC_CAMERA_CHOICE_TEST));
}

static gboolean
call_over (gpointer data)
{
  ZcVideoCallState state = zc_video_call_get_state (data);

  return state == ZC_VIDEO_CALL_FAILED || state == ZC_VIDEO_CALL_ENDED;
}

/* @choice in the "camera" setting; returns the source the call used */
static ZcVideoSource
call_source_for (const char *choice)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ZcVideoCall) call = zc_video_call_new (ZC_VIDEO_SOURCE_AUTO);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;
  ZcVideoSource source;

  g_settings_set_string (settings, "camera", choice);
  zc_video_call_apply_settings (call, settings);
  /* a server that is no relay: the call starts its media, then fails */
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  zc_video_call_start (call, NULL, url, NULL);
  source = zc_video_call_get_source (call);
  g_assert_true (zc_test_spin_until (call_over, call, 10, "the call given up"));
  g_settings_reset (settings, "camera");
  return source;
}

static void
test_call_without_camera (void)
{
  if (has_camera_node ())
    {
      g_test_skip ("this computer has a /dev/video*");
      return;
    }
  /* the first camera (none), a camera unplugged since, the test picture */
  g_assert_cmpint (call_source_for (""), ==, ZC_VIDEO_SOURCE_TEST);
  g_assert_cmpint (call_source_for ("/dev/video2"), ==, ZC_VIDEO_SOURCE_TEST);
  g_assert_cmpint (call_source_for (ZC_CAMERA_CHOICE_TEST), ==, ZC_VIDEO_SOURCE_TEST);
}

/* GstDevice is abstract: a device as a provider would make it */
typedef struct { GstDevice parent_instance; } TestDevice;
typedef struct { GstDeviceClass parent_class; } TestDeviceClass;
GType test_device_get_type (void);
G_DEFINE_TYPE (TestDevice, test_device, GST_TYPE_DEVICE)
static void test_device_class_init (TestDeviceClass *klass) {}
static void test_device_init (TestDevice *self) {}

static void
test_device_path (void)
{
  /* a device of another kind (no /dev path) is no V4L2 camera */
  g_autoptr(GstCaps) caps = gst_caps_new_empty_simple ("video/x-raw");
  g_autoptr(GstStructure) props = gst_structure_new ("props", "device.path", G_TYPE_STRING, "/dev/video4", NULL);
  g_autoptr(GstStructure) other = gst_structure_new ("props", "object.path", G_TYPE_STRING, "v4l2:camera", NULL);
  GstDevice *cam = g_object_new (test_device_get_type (), "display-name", "USB Camera", "device-class", "Video/Source",
                                 "caps", caps, "properties", props, NULL);
  GstDevice *not_v4l2 = g_object_new (test_device_get_type (), "display-name", "Virtual", "device-class", "Video/Source",
                                      "caps", caps, "properties", other, NULL);

  gst_object_ref_sink (cam);
  gst_object_ref_sink (not_v4l2);
  g_assert_cmpstr (zc_camera_monitor_device_path (cam), ==, "/dev/video4");
  g_assert_null (zc_camera_monitor_device_path (not_v4l2));
  gst_object_unref (cam);
  gst_object_unref (not_v4l2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/video/camera/none", test_no_camera);
  g_test_add_func ("/video/camera/call-without-camera", test_call_without_camera);
  g_test_add_func ("/video/camera/device-path", test_device_path);
  return g_test_run ();
}
