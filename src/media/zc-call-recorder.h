/* zc-call-recorder.h — the recording of a remote-window call, made only
 * after the citizen agreed on their page (docs/domain.md, "remote
 * windows in practice": a recording kept for traceability when the
 * citizen agrees).
 *
 * A GStreamer pipeline of its own: the citizen's picture and the
 * clerk's, each handed in as raw samples (zc_call_recorder_push_sample,
 * from any thread: ZcVideoCall's appsinks call it on their streaming
 * threads), are scaled, encoded (VP8) and muxed as two video tracks of
 * one WebM file; both parties' sound (zc_call_recorder_push_audio) is
 * mixed into one Opus track of the same file. Stopping sends end-of-stream; the file is complete when
 * "finished" is emitted (on the main context it was started from).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

typedef enum
{
  ZC_CALL_RECORDER_CITIZEN,  /* the remote picture */
  ZC_CALL_RECORDER_CLERK,    /* the local camera */
} ZcCallRecorderTrack;

#define ZC_TYPE_CALL_RECORDER (zc_call_recorder_get_type ())
G_DECLARE_FINAL_TYPE (ZcCallRecorder, zc_call_recorder, ZC, CALL_RECORDER, GObject)

ZcCallRecorder *zc_call_recorder_new          (void);

/* Starts writing @path (replaced). FALSE with @error when the pipeline
 * cannot be made (a GStreamer plugin missing) or not started. */
gboolean        zc_call_recorder_start        (ZcCallRecorder      *self,
                                               const char          *path,
                                               GError             **error);
/* A raw video sample (any format videoconvert reads) of @track; any
 * thread. Ignored unless recording. */
void            zc_call_recorder_push_sample  (ZcCallRecorder      *self,
                                               ZcCallRecorderTrack  track,
                                               GstSample           *sample);
/* A raw audio sample (any format audioconvert reads) of @track's voice;
 * any thread. Ignored unless recording. */
void            zc_call_recorder_push_audio   (ZcCallRecorder      *self,
                                               ZcCallRecorderTrack  track,
                                               GstSample           *sample);
/* Ends the file: end-of-stream, then "finished" (path, or an error). */
void            zc_call_recorder_stop         (ZcCallRecorder      *self);

gboolean        zc_call_recorder_is_recording (ZcCallRecorder      *self);
const char     *zc_call_recorder_get_path     (ZcCallRecorder      *self);
/* Frames handed in while recording, both tracks (for tests) */
guint64         zc_call_recorder_get_frames   (ZcCallRecorder      *self);

/* Signals: "finished" (const GError *error: NULL when the file is
 * complete) on the main context the recorder was started from. */

G_END_DECLS
