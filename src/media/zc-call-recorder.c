/* zc-call-recorder.c — the call's recording: two raw video streams and
 * two raw audio streams in, one WebM (VP8 + VP8 + Opus) file out, on
 * GStreamer's threads
 *
 *   appsrc citizen ! videoconvert ! videoscale ! videorate ! 640×480@15 ! vp8enc ! mux.
 *   appsrc clerk   ! videoconvert ! videoscale ! videorate ! 320×240@15 ! vp8enc ! mux.
 *   appsrc citizen-audio ! audioconvert ! audioresample ! 48 kHz stereo ! mix.
 *   appsrc clerk-audio   ! audioconvert ! audioresample ! 48 kHz stereo ! mix.
 *   audiomixer name=mix ! audioconvert ! opusenc ! mux.
 *   webmmux name=mux ! filesink
 *
 * Both voices are mixed into ONE Opus track (HACKING.md says why: every
 * player plays it as the conversation; a second audio track is silent
 * in most players unless chosen). Each audio appsrc starts with 20 ms of
 * silence so that the mixer and the muxer know every format from the
 * start, even when a party never speaks into the recording.
 *
 * The appsrcs timestamp what they get on arrival (live); each holds at
 * most a few MiB (older pictures dropped) so that a slow disk never
 * grows the memory. The bus is watched from the main context that
 * started the recording: "finished" is emitted there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsrc.h>

#include "zc-call-recorder.h"

#define TRACK_QUEUE_BYTES 8388608  /* 8 MiB */
#define AUDIO_QUEUE_BYTES 1048576  /* 1 MiB: ~5 s of 48 kHz stereo S16 */
#define N_SOURCES 4                /* video by track, then audio by track */
#define AUDIO_CAPS "audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=2"

struct _ZcCallRecorder
{
  GObject       parent_instance;

  GMutex        lock;        /* recording, sources: pushed from any thread */
  gboolean      recording;
  GstElement   *pipeline;
  GstElement   *sources[N_SOURCES]; /* video by ZcCallRecorderTrack, then audio */
  GSource      *bus_watch;
  char         *path;
  gint          frames;      /* atomic */
  gint          track_frames[2]; /* atomic, by track */
  gboolean      finished;
};

G_DEFINE_FINAL_TYPE (ZcCallRecorder, zc_call_recorder, G_TYPE_OBJECT)

enum
{
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
teardown (ZcCallRecorder *self)
{
  g_mutex_lock (&self->lock);
  self->recording = FALSE;
  for (guint i = 0; i < N_SOURCES; i++)
    g_clear_object (&self->sources[i]);
  g_mutex_unlock (&self->lock);
  if (self->bus_watch != NULL)
    {
      g_source_destroy (self->bus_watch);
      g_clear_pointer (&self->bus_watch, g_source_unref);
    }
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_clear_object (&self->pipeline);
    }
}

static void
finish (ZcCallRecorder *self,
        const GError   *error)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  teardown (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  ZcCallRecorder *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      g_object_ref (self);
      finish (self, NULL);
      g_object_unref (self);
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;
        g_autoptr(GError) error = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("call recorder: %s (%s)", gst_error->message, debug ? debug : "");
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The recording failed: %s"), gst_error->message);
        g_object_ref (self);
        finish (self, error);
        g_object_unref (self);
        return G_SOURCE_REMOVE;
      }

    default:
      return G_SOURCE_CONTINUE;
    }
}

static void
zc_call_recorder_dispose (GObject *object)
{
  ZcCallRecorder *self = ZC_CALL_RECORDER (object);

  teardown (self);
  G_OBJECT_CLASS (zc_call_recorder_parent_class)->dispose (object);
}

static void
zc_call_recorder_finalize (GObject *object)
{
  ZcCallRecorder *self = ZC_CALL_RECORDER (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (zc_call_recorder_parent_class)->finalize (object);
}

static void
zc_call_recorder_class_init (ZcCallRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_call_recorder_dispose;
  object_class->finalize = zc_call_recorder_finalize;

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
zc_call_recorder_init (ZcCallRecorder *self)
{
  static gsize gst_ready = 0;

  if (g_once_init_enter (&gst_ready))
    {
      gst_init (NULL, NULL);
      g_once_init_leave (&gst_ready, 1);
    }
  g_mutex_init (&self->lock);
}

ZcCallRecorder *
zc_call_recorder_new (void)
{
  return g_object_new (ZC_TYPE_CALL_RECORDER, NULL);
}

gboolean
zc_call_recorder_start (ZcCallRecorder  *self,
                        const char      *path,
                        GError         **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *description = NULL;
  static const char *const names[N_SOURCES] = { "citizen", "clerk", "citizen-audio", "clerk-audio" };

  g_return_val_if_fail (ZC_IS_CALL_RECORDER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->pipeline == NULL, FALSE);

#define TRACK(name, w, h) \
  "appsrc name=" name " is-live=true format=time do-timestamp=true max-bytes=" G_STRINGIFY (TRACK_QUEUE_BYTES) \
  " leaky-type=downstream ! queue ! videoconvert ! videoscale ! videorate ! " \
  "video/x-raw,format=I420,width=" w ",height=" h ",framerate=15/1,pixel-aspect-ratio=1/1 ! " \
  "vp8enc deadline=1 cpu-used=8 end-usage=cbr target-bitrate=600000 keyframe-max-dist=30 ! queue ! mux. "
#define AUDIO(name) \
  "appsrc name=" name " is-live=true format=time do-timestamp=true max-bytes=" G_STRINGIFY (AUDIO_QUEUE_BYTES) \
  " leaky-type=downstream ! queue ! audioconvert ! audioresample ! " AUDIO_CAPS " ! mix. "
  description = g_strdup (TRACK ("citizen", "640", "480")
                          TRACK ("clerk", "320", "240")
                          AUDIO ("citizen-audio")
                          AUDIO ("clerk-audio")
                          "audiomixer name=mix ! audioconvert ! opusenc bitrate=48000 ! queue ! mux. "
                          "webmmux name=mux ! filesink name=file");
#undef AUDIO
#undef TRACK

  self->pipeline = gst_parse_launch (description, &parse_error);
  if (self->pipeline == NULL || parse_error != NULL)
    {
      g_debug ("call recorder: %s", parse_error ? parse_error->message : "no pipeline");
      g_clear_object (&self->pipeline);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Recording is not possible here: a GStreamer part is missing (VP8, Opus, WebM)."));
      return FALSE;
    }
  gst_object_ref_sink (self->pipeline);
  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "file");
  g_object_set (sink, "location", path, NULL);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_watch, (GSourceFunc) (void (*) (void)) on_bus_message, self, NULL);
  g_source_attach (self->bus_watch, g_main_context_get_thread_default ());

  g_free (self->path);
  self->path = g_strdup (path);
  self->finished = FALSE;
  g_atomic_int_set (&self->frames, 0);
  g_atomic_int_set (&self->track_frames[0], 0);
  g_atomic_int_set (&self->track_frames[1], 0);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      teardown (self);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The recording could not start (is the folder writable?)."));
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    self->sources[i] = gst_bin_get_by_name (GST_BIN (self->pipeline), names[i]);
  /* 20 ms of silence on each voice: formats known from the start */
  for (guint i = 2; i < N_SOURCES; i++)
    {
      g_autoptr(GstCaps) caps = gst_caps_from_string (AUDIO_CAPS);
      gsize bytes = 48000 / 50 * 2 * 2;
      GstBuffer *silence = gst_buffer_new_allocate (NULL, bytes, NULL);

      gst_buffer_memset (silence, 0, 0, bytes);
      gst_app_src_set_caps (GST_APP_SRC (self->sources[i]), caps);
      gst_app_src_push_buffer (GST_APP_SRC (self->sources[i]), silence);
    }
  self->recording = TRUE;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
push (ZcCallRecorder *self,
      guint           index,
      GstSample      *sample)
{
  g_autoptr(GstElement) source = NULL;
  GstCaps *caps;
  GstBuffer *buffer;
  GstBuffer *copy;

  caps = sample ? gst_sample_get_caps (sample) : NULL;
  buffer = sample ? gst_sample_get_buffer (sample) : NULL;
  if (caps == NULL || buffer == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  if (self->recording && self->sources[index] != NULL)
    source = g_object_ref (self->sources[index]);
  g_mutex_unlock (&self->lock);
  if (source == NULL)
    return FALSE;

  /* the same pixels, timestamps of our own (do-timestamp) */
  copy = gst_buffer_copy (buffer);
  GST_BUFFER_PTS (copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS (copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DURATION (copy) = GST_CLOCK_TIME_NONE;
  {
    g_autoptr(GstCaps) current = gst_app_src_get_caps (GST_APP_SRC (source));

    if (current == NULL || !gst_caps_is_equal (current, caps))
      gst_app_src_set_caps (GST_APP_SRC (source), caps);
  }
  return gst_app_src_push_buffer (GST_APP_SRC (source), copy) == GST_FLOW_OK;
}

void
zc_call_recorder_push_sample (ZcCallRecorder      *self,
                              ZcCallRecorderTrack  track,
                              GstSample           *sample)
{
  g_return_if_fail (ZC_IS_CALL_RECORDER (self));
  g_return_if_fail (track == ZC_CALL_RECORDER_CITIZEN || track == ZC_CALL_RECORDER_CLERK);

  if (push (self, track, sample))
    {
      g_atomic_int_inc (&self->frames);
      g_atomic_int_inc (&self->track_frames[track]);
    }
}

void
zc_call_recorder_push_audio (ZcCallRecorder      *self,
                             ZcCallRecorderTrack  track,
                             GstSample           *sample)
{
  g_return_if_fail (ZC_IS_CALL_RECORDER (self));
  g_return_if_fail (track == ZC_CALL_RECORDER_CITIZEN || track == ZC_CALL_RECORDER_CLERK);

  push (self, 2 + track, sample);
}

void
zc_call_recorder_stop (ZcCallRecorder *self)
{
  GstElement *sources[N_SOURCES] = { NULL, };

  g_return_if_fail (ZC_IS_CALL_RECORDER (self));

  g_mutex_lock (&self->lock);
  if (!self->recording)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->recording = FALSE;
  for (guint i = 0; i < N_SOURCES; i++)
    sources[i] = g_steal_pointer (&self->sources[i]);
  g_mutex_unlock (&self->lock);

  /* the muxer writes its index and closes the file at EOS of both; a
   * track that never had a picture (the citizen's camera never came)
   * gets one black one, or the muxer would wait for its format forever */
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      if (sources[i] == NULL)
        continue;
      if (i < 2 && g_atomic_int_get (&self->track_frames[i]) == 0)
        {
          g_autoptr(GstCaps) caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "RGBA",
                                                         "width", G_TYPE_INT, 16, "height", G_TYPE_INT, 16,
                                                         "framerate", GST_TYPE_FRACTION, 0, 1, NULL);
          GstBuffer *black = gst_buffer_new_allocate (NULL, 16 * 16 * 4, NULL);

          gst_buffer_memset (black, 0, 0, 16 * 16 * 4);
          gst_app_src_set_caps (GST_APP_SRC (sources[i]), caps);
          gst_app_src_push_buffer (GST_APP_SRC (sources[i]), black);
        }
      gst_app_src_end_of_stream (GST_APP_SRC (sources[i]));
      g_clear_object (&sources[i]);
    }
}

gboolean
zc_call_recorder_is_recording (ZcCallRecorder *self)
{
  gboolean recording;

  g_return_val_if_fail (ZC_IS_CALL_RECORDER (self), FALSE);

  g_mutex_lock (&self->lock);
  recording = self->recording;
  g_mutex_unlock (&self->lock);
  return recording;
}

const char *
zc_call_recorder_get_path (ZcCallRecorder *self)
{
  g_return_val_if_fail (ZC_IS_CALL_RECORDER (self), NULL);

  return self->path;
}

guint64
zc_call_recorder_get_frames (ZcCallRecorder *self)
{
  g_return_val_if_fail (ZC_IS_CALL_RECORDER (self), 0);

  return (guint64) g_atomic_int_get (&self->frames);
}
