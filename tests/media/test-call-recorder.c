/* test-call-recorder.c — the call's recording (ZcCallRecorder): test
 * pictures in as a call's appsinks hand them, a WebM out, read back
 * with GStreamer's discoverer: a duration, two VP8 video tracks and one
 * Opus track holding both voices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/pbutils/pbutils.h>

#include "zc-call-recorder.h"

typedef struct
{
  gboolean  done;
  GError   *error;
} Finished;

static void
on_finished (ZcCallRecorder *recorder,
             const GError   *error,
             Finished       *finished)
{
  finished->done = TRUE;
  if (error != NULL)
    finished->error = g_error_copy (error);
}

/* @n pictures of a test source of @pattern, pushed as a call's appsink
 * would push them (RGBA, at the source's pace: is-live) */
static void
feed (ZcCallRecorder      *recorder,
      ZcCallRecorderTrack  track,
      const char          *pattern,
      guint                n,
      guint                width,
      guint                height)
{
  g_autofree char *description = g_strdup_printf (
    "videotestsrc is-live=true pattern=%s num-buffers=%u ! "
    "video/x-raw,format=RGBA,width=%u,height=%u,framerate=30/1 ! appsink name=sink sync=false",
    pattern, n, width, height);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) sink = NULL;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (;;)
    {
      g_autoptr(GstSample) sample = gst_app_sink_pull_sample (GST_APP_SINK (sink));

      if (sample == NULL)
        break;
      zc_call_recorder_push_sample (recorder, track, sample);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

/* @seconds of a sine of @caps, pushed as the call's audio appsinks push
 * them (20 ms buffers, at the source's pace) */
static void
feed_audio (ZcCallRecorder      *recorder,
            ZcCallRecorderTrack  track,
            const char          *caps,
            double               freq,
            guint                seconds_x50)
{
  g_autofree char *description = g_strdup_printf (
    "audiotestsrc is-live=true wave=sine freq=%g samplesperbuffer=960 num-buffers=%u ! "
    "audioconvert ! audioresample ! %s ! appsink name=sink sync=false",
    freq, seconds_x50, caps);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) sink = NULL;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (;;)
    {
      g_autoptr(GstSample) sample = gst_app_sink_pull_sample (GST_APP_SINK (sink));

      if (sample == NULL)
        break;
      zc_call_recorder_push_audio (recorder, track, sample);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

typedef struct
{
  ZcCallRecorder *recorder;
  ZcCallRecorderTrack track;
  const char *pattern;
  guint width, height;
} Feeder;

static gpointer
feed_thread (gpointer data)
{
  Feeder *f = data;

  feed (f->recorder, f->track, f->pattern, 45, f->width, f->height);
  return NULL;
}

/* the citizen's voice as a browser's Opus decodes it, the clerk's as a
 * microphone gives it: different formats, both 1.5 s */
static gpointer
feed_audio_thread (gpointer data)
{
  Feeder *f = data;

  if (f->track == ZC_CALL_RECORDER_CITIZEN)
    feed_audio (f->recorder, f->track, "audio/x-raw,format=S16LE,rate=48000,channels=2", 440, 75);
  else
    feed_audio (f->recorder, f->track, "audio/x-raw,format=F32LE,rate=44100,channels=1", 660, 75);
  return NULL;
}

static guint
count_opus (GstDiscovererInfo *info)
{
  GList *audios = gst_discoverer_info_get_audio_streams (info);
  guint n = 0;

  for (GList *l = audios; l != NULL; l = l->next)
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (l->data);

      if (gst_structure_has_name (gst_caps_get_structure (caps, 0), "audio/x-opus"))
        n++;
    }
  gst_discoverer_stream_info_list_free (audios);
  return n;
}

static void
test_recorder_webm (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zc-recorder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "call.webm", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(ZcCallRecorder) recorder = zc_call_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  GList *videos;
  Finished finished = { 0 };
  Feeder citizen = { recorder, ZC_CALL_RECORDER_CITIZEN, "ball", 640, 360 };
  Feeder clerk = { recorder, ZC_CALL_RECORDER_CLERK, "smpte", 320, 240 };
  GThread *threads[4];

  g_signal_connect (recorder, "finished", G_CALLBACK (on_finished), &finished);
  g_assert_true (zc_call_recorder_start (recorder, path, &error));
  g_assert_no_error (error);
  g_assert_true (zc_call_recorder_is_recording (recorder));

  /* both streams at once, from threads of their own as a call does */
  threads[0] = g_thread_new ("citizen", feed_thread, &citizen);
  threads[1] = g_thread_new ("clerk", feed_thread, &clerk);
  threads[2] = g_thread_new ("citizen-audio", feed_audio_thread, &citizen);
  threads[3] = g_thread_new ("clerk-audio", feed_audio_thread, &clerk);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpuint (zc_call_recorder_get_frames (recorder), ==, 90);

  zc_call_recorder_stop (recorder);
  g_assert_false (zc_call_recorder_is_recording (recorder));
  while (!finished.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (finished.error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* read back: playable, a duration, two video tracks */
  discoverer = gst_discoverer_new (10 * GST_SECOND, &error);
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, &error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);
  /* 1.5 s of pictures and sound went in */
  g_assert_cmpuint (gst_discoverer_info_get_duration (info), >, GST_SECOND);
  g_assert_cmpuint (gst_discoverer_info_get_duration (info), <, 4 * GST_SECOND);
  /* one Opus track: both voices mixed */
  g_assert_cmpuint (count_opus (info), ==, 1);
  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 2);
  for (GList *l = videos; l != NULL; l = l->next)
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (l->data);

      g_assert_true (gst_structure_has_name (gst_caps_get_structure (caps, 0), "video/x-vp8"));
    }
  gst_discoverer_stream_info_list_free (videos);

  g_unlink (path);
  g_rmdir (dir);
  g_clear_error (&finished.error);
}

/* Only the clerk's pictures (the citizen's camera never came): the file
 * still ends, with both tracks */
static void
test_recorder_one_track (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zc-recorder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "call.webm", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(ZcCallRecorder) recorder = zc_call_recorder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  GList *videos;
  Finished finished = { 0 };

  g_signal_connect (recorder, "finished", G_CALLBACK (on_finished), &finished);
  g_assert_true (zc_call_recorder_start (recorder, path, &error));
  feed (recorder, ZC_CALL_RECORDER_CLERK, "smpte", 30, 320, 240);
  zc_call_recorder_stop (recorder);
  while (!finished.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (finished.error);

  discoverer = gst_discoverer_new (10 * GST_SECOND, &error);
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, &error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gst_discoverer_info_get_duration (info), >, 0);
  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 2);
  gst_discoverer_stream_info_list_free (videos);
  /* no voice came in: the sound track is there all the same (silence) */
  g_assert_cmpuint (count_opus (info), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* Pictures handed in while not recording go nowhere: no file */
static void
test_recorder_not_started (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zc-recorder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "call.webm", NULL);
  g_autoptr(ZcCallRecorder) recorder = zc_call_recorder_new ();

  feed (recorder, ZC_CALL_RECORDER_CITIZEN, "ball", 5, 320, 240);
  zc_call_recorder_stop (recorder);
  g_assert_false (zc_call_recorder_is_recording (recorder));
  g_assert_cmpuint (zc_call_recorder_get_frames (recorder), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* A folder that cannot be written: "finished" says so, no crash */
static void
test_recorder_unwritable (void)
{
  g_autoptr(ZcCallRecorder) recorder = zc_call_recorder_new ();
  g_autoptr(GError) error = NULL;
  Finished finished = { 0 };
  gboolean started;

  g_signal_connect (recorder, "finished", G_CALLBACK (on_finished), &finished);
  started = zc_call_recorder_start (recorder, "/nonexistent-zc-dir/call.webm", &error);
  if (started)
    {
      zc_call_recorder_stop (recorder);
      while (!finished.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (finished.error);
    }
  else
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_false (zc_call_recorder_is_recording (recorder));
  g_clear_error (&finished.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/media/call-recorder/webm", test_recorder_webm);
  g_test_add_func ("/media/call-recorder/one-track", test_recorder_one_track);
  g_test_add_func ("/media/call-recorder/not-started", test_recorder_not_started);
  g_test_add_func ("/media/call-recorder/unwritable", test_recorder_unwritable);
  return g_test_run ();
}
