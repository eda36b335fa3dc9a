/* zc-camera.c — the document camera through GStreamer
 *
 * v4l2src (or videotestsrc when there is no camera) → decodebin (MJPEG
 * cameras) → videoconvert → RGB → appsink. Each frame is copied into a
 * GdkMemoryTexture on the streaming thread and handed to the main loop,
 * which shows it (a GtkPicture follows "frame") — GTK 4.8 on Debian 12
 * has no gtk4paintablesink. The appsink keeps one buffer and drops the
 * rest, so a slow main loop sees fewer frames, never a queue. A capture
 * is the latest frame at the camera's full resolution.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "zc-acquire-error.h"
#include "zc-camera.h"

/* the test picture: a 4:3 frame like a document camera's, 10 per second */
#define TEST_SOURCE "videotestsrc is-live=true pattern=smpte ! video/x-raw,width=1280,height=960,framerate=10/1"

struct _ZcCamera
{
  GObject       parent_instance;

  char         *device;       /* NULL: the test picture */
  GstElement   *pipeline;
  guint         bus_watch;
  GMainContext *context;
  GdkTexture   *frame;
  guint         generation;   /* frames of a stopped pipeline are dropped */
};

G_DEFINE_FINAL_TYPE (ZcCamera, zc_camera, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRAME,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  ZcCamera   *self;
  GdkTexture *frame;
  guint       generation;
} FrameReport;

static void
frame_report_free (FrameReport *report)
{
  g_object_unref (report->self);
  g_object_unref (report->frame);
  g_free (report);
}

static gboolean
show_frame (gpointer data)
{
  FrameReport *report = data;

  if (report->generation == report->self->generation && report->self->pipeline != NULL)
    {
      g_set_object (&report->self->frame, report->frame);
      g_object_notify_by_pspec (G_OBJECT (report->self), properties[PROP_FRAME]);
    }
  return G_SOURCE_REMOVE;
}

/* on GStreamer's streaming thread */
static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  ZcCamera *self = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer;
  GstVideoInfo info;
  GstVideoFrame vframe;
  FrameReport *report;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *copy;
  gsize row;
  int width, height, stride;

  if (sample == NULL)
    return GST_FLOW_EOS;
  buffer = gst_sample_get_buffer (sample);
  if (buffer == NULL || !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)))
    return GST_FLOW_OK;
  if (!gst_video_frame_map (&vframe, &info, buffer, GST_MAP_READ))
    return GST_FLOW_OK;

  width = GST_VIDEO_FRAME_WIDTH (&vframe);
  height = GST_VIDEO_FRAME_HEIGHT (&vframe);
  stride = GST_VIDEO_FRAME_PLANE_STRIDE (&vframe, 0);
  row = (gsize) width * 3;
  copy = g_malloc (row * height);
  for (int y = 0; y < height; y++)
    memcpy (copy + y * row, (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&vframe, 0) + (gsize) y * stride, row);
  gst_video_frame_unmap (&vframe);
  bytes = g_bytes_new_take (copy, row * height);

  report = g_new0 (FrameReport, 1);
  report->self = g_object_ref (self);
  report->frame = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, row);
  report->generation = g_atomic_int_get (&self->generation);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, show_frame, report,
                              (GDestroyNotify) frame_report_free);
  return GST_FLOW_OK;
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  ZcCamera *self = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &gst_error, &debug);
      g_debug ("camera: %s (%s)", gst_error->message, debug != NULL ? debug : "");
      error = g_error_new (ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_CAMERA,
                           _("The document camera %s stopped: %s. Check its cable and open it again."),
                           self->device != NULL ? self->device : "", gst_error->message);
      zc_camera_stop (self);
      g_signal_emit (self, signals[FAILED], 0, error);
    }
  return G_SOURCE_CONTINUE;
}

static char *
find_device (void)
{
  const char *env = g_getenv ("ZC_CAMERA_DEVICE");

  if (env != NULL && *env != '\0')
    return g_strcmp0 (env, "test") == 0 ? NULL : g_strdup (env);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf ("/dev/video%d", i);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
}

gboolean
zc_camera_start (ZcCamera  *self,
                 GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *quoted = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = new_sample_cb };
  GstElement *sink;
  GstBus *bus;

  g_return_val_if_fail (ZC_IS_CAMERA (self), FALSE);

  if (self->pipeline != NULL)
    return TRUE;
  if (self->device != NULL)
    {
      quoted = g_shell_quote (self->device);
      description = g_strdup_printf ("v4l2src device=%s ! decodebin ! videoconvert ! video/x-raw,format=RGB ! "
                                     "appsink name=sink max-buffers=1 drop=true sync=false", quoted);
    }
  else
    description = g_strdup (TEST_SOURCE " ! videoconvert ! video/x-raw,format=RGB ! "
                            "appsink name=sink max-buffers=1 drop=true sync=false");

  self->pipeline = gst_parse_launch (description, &local_error);
  if (self->pipeline == NULL || local_error != NULL)
    {
      gst_clear_object (&self->pipeline);
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_CAMERA,
                   _("The document camera cannot be used: %s"),
                   local_error != NULL ? local_error->message : "");
      return FALSE;
    }
  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "sink");
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);
  gst_object_unref (sink);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);
  gst_object_unref (bus);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      zc_camera_stop (self);
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_CAMERA,
                   _("The document camera %s cannot be opened: is it connected, and not used by another program?"),
                   self->device != NULL ? self->device : "");
      return FALSE;
    }
  return TRUE;
}

void
zc_camera_stop (ZcCamera *self)
{
  g_return_if_fail (ZC_IS_CAMERA (self));

  g_atomic_int_inc (&self->generation);
  if (self->bus_watch != 0)
    g_source_remove (self->bus_watch);
  self->bus_watch = 0;
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
}

gboolean
zc_camera_is_test_source (ZcCamera *self)
{
  g_return_val_if_fail (ZC_IS_CAMERA (self), FALSE);
  return self->device == NULL;
}

const char *
zc_camera_get_device (ZcCamera *self)
{
  g_return_val_if_fail (ZC_IS_CAMERA (self), NULL);
  return self->device;
}

GdkTexture *
zc_camera_get_frame (ZcCamera *self)
{
  g_return_val_if_fail (ZC_IS_CAMERA (self), NULL);
  return self->frame;
}

ZcAcquiredPage *
zc_camera_capture (ZcCamera  *self,
                   GError   **error)
{
  g_return_val_if_fail (ZC_IS_CAMERA (self), NULL);

  if (self->frame == NULL)
    {
      g_set_error_literal (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_CAMERA,
                           _("The document camera has not sent a picture yet: wait a moment and take it again."));
      return NULL;
    }
  return zc_acquired_page_new_image (self->frame,
                                     zc_acquired_page_a4_dpi (gdk_texture_get_width (self->frame),
                                                              gdk_texture_get_height (self->frame)),
                                     NULL);
}

static void
zc_camera_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FRAME:
      g_value_set_object (value, ZC_CAMERA (object)->frame);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_camera_dispose (GObject *object)
{
  ZcCamera *self = ZC_CAMERA (object);

  zc_camera_stop (self);
  g_clear_object (&self->frame);

  G_OBJECT_CLASS (zc_camera_parent_class)->dispose (object);
}

static void
zc_camera_finalize (GObject *object)
{
  ZcCamera *self = ZC_CAMERA (object);

  g_free (self->device);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (zc_camera_parent_class)->finalize (object);
}

static void
zc_camera_class_init (ZcCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = zc_camera_get_property;
  object_class->dispose = zc_camera_dispose;
  object_class->finalize = zc_camera_finalize;

  properties[PROP_FRAME] =
    g_param_spec_object ("frame", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
zc_camera_init (ZcCamera *self)
{
}

ZcCamera *
zc_camera_new (const char *device)
{
  ZcCamera *self;

  gst_init (NULL, NULL);
  self = g_object_new (ZC_TYPE_CAMERA, NULL);
  if (device == NULL)
    self->device = find_device ();
  else if (g_strcmp0 (device, "test") != 0)
    self->device = g_strdup (device);
  return self;
}
