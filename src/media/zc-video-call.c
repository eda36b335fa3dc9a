/* zc-video-call.c — the workstation's side of a remote-window call
 *
 * One pipeline per attempt: local sources → encoders → webrtcbin, and
 * webrtcbin's incoming streams → decodebin → appsink (video) or the
 * speakers (audio). GStreamer calls back on its own threads; everything
 * that touches the socket, the state or the properties is handed to the
 * main context the call was made in (call_invoke). When the citizen
 * leaves, the pipeline is dropped and a fresh one waits for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/rtp/gstrtpbuffer.h>
#include <gst/sdp/sdp.h>
#include <gst/video/video.h>
#define GST_USE_UNSTABLE_API
#include <gst/webrtc/webrtc.h>
#include <nice/agent.h>
#include <libsoup/soup.h>

#include "zc-json.h"
#include "zc-video-call.h"

#define SIGNAL_MAX_DEPTH 4
#define PREVIEW_WIDTH 320
#define PREVIEW_HEIGHT 240
/* how long ICE may look for a path before the clerk is told why */
#define DEFAULT_ICE_TIMEOUT_S 20
/* mDNS names of the citizen's candidates resolved per peer connection at
 * most (Chrome sends one per interface) */
#define MAX_MDNS_LOOKUPS 16

struct _ZcVideoCall
{
  GObject parent_instance;

  /* owned */
  GMainContext *context;
  SoupSession *session;
  SoupWebsocketConnection *ws;
  GCancellable *cancellable;
  GstElement *pipeline;
  GstElement *webrtc;
  GstElement *mic;
  GstElement *balance;
  guint bus_watch;
  GError *error;
  char *stun_server;
  char *turn_server;
  char *camera_device;
  GstWebRTCDataChannel *data_channel;
  GdkTexture *remote_texture;
  GdkTexture *local_texture;

  ZcVideoCallState state;
  ZcVideoSource source;
  gboolean muted;
  gboolean camera_off;
  gboolean loopback_ice;
  gboolean peer_present;
  guint generation;            /* bumped with each pipeline */

  /* ICE of the current pipeline: its timer, the mDNS lookups of the
   * citizen's .local candidates (cancelled with the pipeline), how many
   * candidates with an address were handed to webrtcbin and how many
   * names could not be resolved */
  guint ice_timeout;           /* seconds */
  GSource *ice_timer;
  GCancellable *ice_cancellable;
  guint remote_candidates;
  guint mdns_lookups;
  guint mdns_failed;

  /* shared with the streaming threads */
  GMutex lock;
  GdkTexture *pending_remote;
  GdkTexture *pending_local;
  gboolean remote_scheduled;
  gboolean local_scheduled;
  guint frames_received;
  guint frames_decoded;
  guint frames_sent;
  ZcCallRecorder *recorder;    /* gets the pictures too (zc_video_call_set_recorder) */
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_SOURCE,
  PROP_ERROR,
  PROP_MUTED,
  PROP_CAMERA_OFF,
  PROP_LOOPBACK_ICE,
  PROP_STUN_SERVER,
  PROP_TURN_SERVER,
  PROP_REMOTE_TEXTURE,
  PROP_LOCAL_TEXTURE,
  PROP_PEER_PRESENT,
  PROP_CAMERA_DEVICE,
  PROP_DATA_CHANNEL,
  PROP_ICE_TIMEOUT,
  N_PROPS
};

enum {
  SIGNAL_FRAME,
  SIGNAL_CONSENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZcVideoCall, zc_video_call, G_TYPE_OBJECT)
G_DEFINE_QUARK (zc-video-call-error-quark, zc_video_call_error)
G_DEFINE_ENUM_TYPE (ZcVideoCallState, zc_video_call_state,
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_NEGOTIATING, "negotiating"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_PEER_LEFT, "peer-left"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_CALL_NO_PATH, "no-path"))
G_DEFINE_ENUM_TYPE (ZcVideoSource, zc_video_source,
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_SOURCE_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_SOURCE_CAMERA, "camera"),
  G_DEFINE_ENUM_VALUE (ZC_VIDEO_SOURCE_TEST, "test"))

static void stop_media (ZcVideoCall *self);
static gboolean start_media (ZcVideoCall *self);

/* ---- main-context hand-over ------------------------------------------ */

typedef void (*CallFunc) (ZcVideoCall *self, gpointer data);

typedef struct
{
  ZcVideoCall *self;
  guint generation;
  CallFunc func;
  gpointer data;
  GDestroyNotify destroy;
} Invocation;

static void
invocation_free (gpointer p)
{
  Invocation *inv = p;

  if (inv->destroy != NULL && inv->data != NULL)
    inv->destroy (inv->data);
  g_object_unref (inv->self);
  g_free (inv);
}

static gboolean
invocation_run (gpointer p)
{
  Invocation *inv = p;

  /* a callback of a pipeline that has since been replaced is dropped */
  if (inv->generation == inv->self->generation)
    inv->func (inv->self, inv->data);
  return G_SOURCE_REMOVE;
}

/* Runs @func on the call's main context, later (any thread). */
static void
call_invoke (ZcVideoCall   *self,
             guint          generation,
             CallFunc       func,
             gpointer       data,
             GDestroyNotify destroy)
{
  Invocation *inv = g_new0 (Invocation, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  inv->self = g_object_ref (self);
  inv->generation = generation;
  inv->func = func;
  inv->data = data;
  inv->destroy = destroy;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, invocation_run, inv, invocation_free);
  g_source_attach (source, self->context);
}

/* ---- state ------------------------------------------------------------ */

static void
set_state (ZcVideoCall     *self,
           ZcVideoCallState state)
{
  if (self->state == state)
    return;
  g_debug ("video call: %s → %s",
           g_enum_to_string (ZC_TYPE_VIDEO_CALL_STATE, self->state),
           g_enum_to_string (ZC_TYPE_VIDEO_CALL_STATE, state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_peer_present (ZcVideoCall *self,
                  gboolean     present)
{
  if (self->peer_present == present)
    return;
  self->peer_present = present;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEER_PRESENT]);
}

static void
close_socket (ZcVideoCall *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ws, self);
      if (soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->ws);
    }
}

/* Ends the call with @error (taken). */
static void
fail (ZcVideoCall *self,
      GError      *error)
{
  g_debug ("video call failed: %s", error->message);
  g_clear_error (&self->error);
  self->error = error;
  close_socket (self);
  stop_media (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  set_state (self, ZC_VIDEO_CALL_FAILED);
}

static gboolean
is_over (ZcVideoCall *self)
{
  return self->state == ZC_VIDEO_CALL_ENDED || self->state == ZC_VIDEO_CALL_FAILED;
}

/* ---- ICE: no path found --------------------------------------------- */

static void
stop_ice_timer (ZcVideoCall *self)
{
  if (self->ice_timer != NULL)
    {
      g_source_destroy (self->ice_timer);
      g_clear_pointer (&self->ice_timer, g_source_unref);
    }
}

/* ICE found no path (it failed, or was still looking after the
 * timeout): the call stays (the socket, the citizen on their page), the
 * clerk reads why and may retry (zc_video_call_retry). The citizen's
 * names that could not be resolved, and no address besides them, say
 * it was mDNS. */
static void
no_path (ZcVideoCall *self)
{
  GError *error;

  stop_ice_timer (self);
  if (self->mdns_failed > 0 && self->remote_candidates == 0)
    error = g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_MDNS,
                         _("The citizen’s network address could not be resolved (mDNS): "
                           "use the same local network, or set up a TURN server"));
  else
    error = g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_ICE,
                         _("No connection could be made (ICE failed): the citizen’s network "
                           "cannot be reached from this computer. Retry, or set up a TURN server"));
  g_debug ("video call: no ICE path (%u candidates with an address, %u mDNS names unresolved)",
           self->remote_candidates, self->mdns_failed);
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  set_state (self, ZC_VIDEO_CALL_NO_PATH);
}

static gboolean
ice_timer_fired (gpointer data)
{
  ZcVideoCall *self = data;

  g_clear_pointer (&self->ice_timer, g_source_unref);
  if (self->state == ZC_VIDEO_CALL_NEGOTIATING)
    no_path (self);
  return G_SOURCE_REMOVE;
}

/* From the citizen's answer (or their first candidate): ICE has
 * ice_timeout seconds to connect */
static void
start_ice_timer (ZcVideoCall *self)
{
  stop_ice_timer (self);
  if (self->ice_timeout == 0)
    return;
  self->ice_timer = g_timeout_source_new_seconds (self->ice_timeout);
  g_source_set_callback (self->ice_timer, ice_timer_fired, self, NULL);
  g_source_attach (self->ice_timer, self->context);
}

/* the ICE error of a call that goes on (NO_PATH left behind) */
static void
clear_ice_error (ZcVideoCall *self)
{
  if (self->error == NULL || is_over (self))
    return;
  g_clear_error (&self->error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* A call that found a path again (late, or after a retry) has no error */
static void
connected (ZcVideoCall *self)
{
  stop_ice_timer (self);
  clear_ice_error (self);
  set_state (self, ZC_VIDEO_CALL_CONNECTED);
}

/* ---- signalling out ------------------------------------------------- */

static void
send_json (ZcVideoCall *self,
           JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  if (self->ws == NULL
      || soup_websocket_connection_get_state (self->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  text = zc_json_to_data (root, FALSE, NULL);
  soup_websocket_connection_send_text (self->ws, text);
}

static void
send_simple (ZcVideoCall *self,
             const char  *type)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_end_object (b);
  send_json (self, b);
}

typedef struct
{
  char *candidate;
  guint mline;
} Candidate;

static void
candidate_free (gpointer p)
{
  Candidate *c = p;

  g_free (c->candidate);
  g_free (c);
}

static void
send_candidate (ZcVideoCall *self,
                gpointer     data)
{
  Candidate *c = data;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "candidate");
  json_builder_set_member_name (b, "candidate");
  json_builder_add_string_value (b, c->candidate);
  json_builder_set_member_name (b, "sdpMLineIndex");
  json_builder_add_int_value (b, c->mline);
  json_builder_end_object (b);
  send_json (self, b);
}

static void
send_offer (ZcVideoCall *self,
            gpointer     data)
{
  const char *sdp = data;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "offer");
  json_builder_set_member_name (b, "sdp");
  json_builder_add_string_value (b, sdp);
  json_builder_end_object (b);
  send_json (self, b);
}

/* ---- webrtcbin callbacks (GStreamer threads) ------------------------- */

static void
on_ice_candidate (GstElement  *webrtc,
                  guint        mline,
                  const char  *candidate,
                  ZcVideoCall *self)
{
  Candidate *c = g_new0 (Candidate, 1);

  c->candidate = g_strdup (candidate);
  c->mline = mline;
  call_invoke (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (webrtc), "zc-generation")),
               send_candidate, c, candidate_free);
}

static void
media_failed (ZcVideoCall *self,
              gpointer     data)
{
  const char *detail = data;

  g_debug ("video call media: %s", detail);
  fail (self, g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_MEDIA,
                           _("The camera, microphone or video coding failed: %s"), detail));
}

static void
on_offer_created (GstPromise *promise,
                  gpointer    user_data)
{
  GstElement *webrtc = user_data;
  ZcVideoCall *self = g_object_get_data (G_OBJECT (webrtc), "zc-call");
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (webrtc), "zc-generation"));
  const GstStructure *reply;
  GstWebRTCSessionDescription *offer = NULL;

  if (gst_promise_wait (promise) != GST_PROMISE_RESULT_REPLIED
      || (reply = gst_promise_get_reply (promise)) == NULL
      || !gst_structure_get (reply, "offer", GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &offer, NULL)
      || offer == NULL)
    {
      call_invoke (self, generation, media_failed, g_strdup ("create-offer"), g_free);
      gst_promise_unref (promise);
      return;
    }
  gst_promise_unref (promise);

  g_signal_emit_by_name (webrtc, "set-local-description", offer, NULL);
  call_invoke (self, generation, send_offer, gst_sdp_message_as_text (offer->sdp), g_free);
  gst_webrtc_session_description_free (offer);
}

static void
connection_state_changed (ZcVideoCall *self,
                          gpointer     data)
{
  GstWebRTCPeerConnectionState s = GPOINTER_TO_INT (data);

  if (is_over (self))
    return;
  switch (s)
    {
    case GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED:
      connected (self);
      break;
    case GST_WEBRTC_PEER_CONNECTION_STATE_FAILED:
      no_path (self);
      break;
    default:
      break;
    }
}

static void
on_connection_state (GstElement  *webrtc,
                     GParamSpec  *pspec,
                     ZcVideoCall *self)
{
  GstWebRTCPeerConnectionState s;

  g_object_get (webrtc, "connection-state", &s, NULL);
  call_invoke (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (webrtc), "zc-generation")),
               connection_state_changed, GINT_TO_POINTER (s), NULL);
}

/* ---- pictures ---------------------------------------------------------- */

static GdkTexture *
texture_from_sample (GstSample *sample)
{
  GstCaps *caps = gst_sample_get_caps (sample);
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstVideoInfo info;
  GstMapInfo map;
  g_autoptr(GBytes) bytes = NULL;
  gsize stride, size;

  if (caps == NULL || buffer == NULL || !gst_video_info_from_caps (&info, caps))
    return NULL;
  stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  size = stride * GST_VIDEO_INFO_HEIGHT (&info);
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return NULL;
  if (map.size < size)
    {
      gst_buffer_unmap (buffer, &map);
      return NULL;
    }
  bytes = g_bytes_new (map.data, size);
  gst_buffer_unmap (buffer, &map);
  return gdk_memory_texture_new (GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info),
                                 GDK_MEMORY_R8G8B8A8, bytes, stride);
}

static void
show_remote (ZcVideoCall *self,
             gpointer     data)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_mutex_lock (&self->lock);
  texture = g_steal_pointer (&self->pending_remote);
  self->remote_scheduled = FALSE;
  g_mutex_unlock (&self->lock);
  if (texture == NULL)
    return;
  g_set_object (&self->remote_texture, texture);
  if (self->state == ZC_VIDEO_CALL_NEGOTIATING || self->state == ZC_VIDEO_CALL_NO_PATH)
    connected (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_TEXTURE]);
  g_signal_emit (self, signals[SIGNAL_FRAME], 0, texture);
}

static void
show_local (ZcVideoCall *self,
            gpointer     data)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_mutex_lock (&self->lock);
  texture = g_steal_pointer (&self->pending_local);
  self->local_scheduled = FALSE;
  g_mutex_unlock (&self->lock);
  if (texture == NULL)
    return;
  g_set_object (&self->local_texture, texture);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TEXTURE]);
}

static GstFlowReturn
on_sample (GstAppSink *sink,
           gpointer    user_data)
{
  ZcVideoCall *self = user_data;
  gboolean remote = g_object_get_data (G_OBJECT (sink), "zc-remote") != NULL;
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sink), "zc-generation"));
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GdkTexture *texture;
  gboolean schedule;

  if (sample == NULL)
    return GST_FLOW_EOS;
  if (remote)
    g_atomic_int_inc (&self->frames_decoded);
  /* the recording, on this streaming thread (only after consent) */
  {
    g_autoptr(ZcCallRecorder) recorder = NULL;

    g_mutex_lock (&self->lock);
    recorder = self->recorder != NULL ? g_object_ref (self->recorder) : NULL;
    g_mutex_unlock (&self->lock);
    if (recorder != NULL)
      zc_call_recorder_push_sample (recorder, remote ? ZC_CALL_RECORDER_CITIZEN : ZC_CALL_RECORDER_CLERK,
                                    sample);
  }
  texture = texture_from_sample (sample);
  if (texture == NULL)
    return GST_FLOW_OK;

  /* only the newest picture waits for the main context */
  g_mutex_lock (&self->lock);
  if (remote)
    {
      g_clear_object (&self->pending_remote);
      self->pending_remote = texture;
      schedule = !self->remote_scheduled;
      self->remote_scheduled = TRUE;
    }
  else
    {
      g_clear_object (&self->pending_local);
      self->pending_local = texture;
      schedule = !self->local_scheduled;
      self->local_scheduled = TRUE;
    }
  g_mutex_unlock (&self->lock);
  if (schedule)
    call_invoke (self, generation, remote ? show_remote : show_local, NULL, NULL);
  return GST_FLOW_OK;
}

/* a voice for the recording (only after consent), on its streaming thread */
static GstFlowReturn
on_audio_sample (GstAppSink *sink,
                 gpointer    user_data)
{
  ZcVideoCall *self = user_data;
  gboolean remote = g_object_get_data (G_OBJECT (sink), "zc-remote") != NULL;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  g_autoptr(ZcCallRecorder) recorder = NULL;

  if (sample == NULL)
    return GST_FLOW_EOS;
  g_mutex_lock (&self->lock);
  recorder = self->recorder != NULL ? g_object_ref (self->recorder) : NULL;
  g_mutex_unlock (&self->lock);
  if (recorder != NULL)
    zc_call_recorder_push_audio (recorder, remote ? ZC_CALL_RECORDER_CITIZEN : ZC_CALL_RECORDER_CLERK,
                                 sample);
  return GST_FLOW_OK;
}

static GstPadProbeReturn
record_remote_audio (GstPad          *pad,
                     GstPadProbeInfo *info,
                     gpointer         user_data)
{
  ZcVideoCall *self = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  g_autoptr(ZcCallRecorder) recorder = NULL;

  g_mutex_lock (&self->lock);
  recorder = self->recorder != NULL ? g_object_ref (self->recorder) : NULL;
  g_mutex_unlock (&self->lock);
  if (recorder != NULL && buffer != NULL)
    {
      g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
      g_autoptr(GstSample) sample = caps != NULL ? gst_sample_new (buffer, caps, NULL, NULL) : NULL;

      if (sample != NULL)
        zc_call_recorder_push_audio (recorder, ZC_CALL_RECORDER_CITIZEN, sample);
    }
  return GST_PAD_PROBE_OK;
}

static void
watch_audio_appsink (ZcVideoCall *self,
                     GstElement  *sink,
                     gboolean     remote)
{
  GstAppSinkCallbacks callbacks = { .new_sample = on_audio_sample };

  if (remote)
    g_object_set_data (G_OBJECT (sink), "zc-remote", GINT_TO_POINTER (1));
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);
}

static void
watch_appsink (ZcVideoCall *self,
               GstElement  *sink,
               gboolean     remote)
{
  GstAppSinkCallbacks callbacks = { .new_sample = on_sample };

  g_object_set_data (G_OBJECT (sink), "zc-generation", GUINT_TO_POINTER (self->generation));
  if (remote)
    g_object_set_data (G_OBJECT (sink), "zc-remote", GINT_TO_POINTER (1));
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);
}

/* ---- incoming streams (GStreamer threads) ---------------------------- */

static GstPadProbeReturn
count_received (GstPad          *pad,
                GstPadProbeInfo *info,
                gpointer         user_data)
{
  ZcVideoCall *self = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;

  /* an RTP packet with the marker bit ends a video frame */
  if (buffer != NULL && gst_rtp_buffer_map (buffer, GST_MAP_READ, &rtp))
    {
      if (gst_rtp_buffer_get_marker (&rtp))
        g_atomic_int_inc (&self->frames_received);
      gst_rtp_buffer_unmap (&rtp);
    }
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_sent (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         user_data)
{
  ZcVideoCall *self = user_data;

  g_atomic_int_inc (&self->frames_sent);
  return GST_PAD_PROBE_OK;
}

static void
on_decoded_pad (GstElement  *decodebin,
                GstPad      *pad,
                ZcVideoCall *self)
{
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const char *name;
  GstElement *bin;
  GstPad *sinkpad;
  g_autoptr(GError) error = NULL;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (g_str_has_prefix (name, "video/"))
    {
      bin = gst_parse_bin_from_description (
        "queue max-size-buffers=3 leaky=downstream ! videoconvert ! "
        "video/x-raw,format=RGBA ! appsink name=remote max-buffers=1 drop=true sync=false",
        TRUE, &error);
      if (bin != NULL)
        {
          g_autoptr(GstElement) sink = gst_bin_get_by_name (GST_BIN (bin), "remote");
          watch_appsink (self, sink, TRUE);
        }
    }
  else if (g_str_has_prefix (name, "audio/"))
    {
      /* the speakers, and the citizen's voice for the recording */
      bin = gst_parse_bin_from_description (
        "queue ! audioconvert ! audioresample name=ares ! autoaudiosink sync=false", TRUE, &error);
      /* the citizen's voice for the recording: a probe, no extra branch
       * (a tee + appsink added here while webrtcbin negotiates raced a
       * GLib hash table walk in the e2e test) */
      if (bin != NULL)
        {
          g_autoptr(GstElement) ares = gst_bin_get_by_name (GST_BIN (bin), "ares");
          g_autoptr(GstPad) src = gst_element_get_static_pad (ares, "src");

          gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, record_remote_audio, self, NULL);
        }
    }
  else
    return;
  if (bin == NULL)
    {
      g_debug ("video call: no playback for %s: %s", name, error->message);
      return;
    }
  gst_bin_add (GST_BIN (self->pipeline), bin);
  gst_element_sync_state_with_parent (bin);
  sinkpad = gst_element_get_static_pad (bin, "sink");
  if (gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK)
    g_debug ("video call: could not link the decoded %s", name);
  gst_object_unref (sinkpad);
}

static void
on_element_added (GstBin     *bin,
                  GstBin     *sub_bin,
                  GstElement *element,
                  gpointer    user_data)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  /* a lost packet of the citizen's picture asks for a new keyframe at
   * once (Chromium otherwise sends one rarely), and nothing half-decoded
   * is shown meanwhile */
  if (factory != NULL && g_str_equal (GST_OBJECT_NAME (factory), "rtpvp8depay"))
    g_object_set (element, "request-keyframe", TRUE, "wait-for-keyframe", TRUE, NULL);
}

static void
on_incoming_stream (GstElement  *webrtc,
                    GstPad      *pad,
                    ZcVideoCall *self)
{
  GstElement *decodebin;
  GstPad *sinkpad;
  g_autoptr(GstCaps) caps = NULL;

  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;
  caps = gst_pad_get_current_caps (pad);
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (caps != NULL && !gst_caps_is_empty (caps))
    {
      const char *media = gst_structure_get_string (gst_caps_get_structure (caps, 0), "media");
      if (g_strcmp0 (media, "video") == 0)
        gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_received, self, NULL);
    }

  decodebin = gst_element_factory_make ("decodebin", NULL);
  g_signal_connect (decodebin, "pad-added", G_CALLBACK (on_decoded_pad), self);
  gst_bin_add (GST_BIN (self->pipeline), decodebin);
  gst_element_sync_state_with_parent (decodebin);
  sinkpad = gst_element_get_static_pad (decodebin, "sink");
  gst_pad_link (pad, sinkpad);
  gst_object_unref (sinkpad);
}

/* ---- the pipeline --------------------------------------------------- */

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  ZcVideoCall *self = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &error, &debug);
      g_debug ("video call: pipeline error from %s: %s (%s)",
               GST_OBJECT_NAME (GST_MESSAGE_SRC (message)), error->message, debug);
      /* the SCTP association of the page's data channel ends when the
       * citizen closes their side, often before their bye arrives: the
       * shared page is gone (ZcPageShare sees the channel close), the
       * call is not */
      if (GST_IS_ELEMENT (GST_MESSAGE_SRC (message)))
        {
          GstElementFactory *factory = gst_element_get_factory (GST_ELEMENT (GST_MESSAGE_SRC (message)));
          const char *name = factory != NULL ? GST_OBJECT_NAME (factory) : "";

          if (g_str_equal (name, "sctpenc") || g_str_equal (name, "sctpdec"))
            return G_SOURCE_CONTINUE;
        }
      fail (self, g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_MEDIA,
                               _("The camera, microphone or video coding failed: %s"),
                               error->message));
    }
  return G_SOURCE_CONTINUE;
}

static ZcVideoSource
resolve_source (ZcVideoSource source,
                const char   *camera_device)
{
  if (source != ZC_VIDEO_SOURCE_AUTO)
    return source;
  /* a camera is a V4L2 capture device (the one chosen, zc-camera-monitor.h);
   * none on a server or under test */
  if (camera_device == NULL || *camera_device == '\0')
    camera_device = "/dev/video0";
  return g_file_test (camera_device, G_FILE_TEST_EXISTS) ? ZC_VIDEO_SOURCE_CAMERA
                                                          : ZC_VIDEO_SOURCE_TEST;
}

static void
configure_ice_agent (GstElement *webrtc,
                     gboolean    loopback)
{
  g_autoptr(GstWebRTCICE) ice = NULL;
  g_autoptr(GObject) agent = NULL;
  NiceAddress *address;

  g_object_get (webrtc, "ice-agent", &ice, NULL);
  if (ice != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (ice), "agent") != NULL)
    g_object_get (ice, "agent", &agent, NULL);
  if (agent == NULL)
    {
      g_debug ("video call: webrtcbin's ICE agent is not libnice's");
      return;
    }
  /* no UPnP port mapping: a counter's network is not a home router, and
   * its SSDP probing raced with the agent (a GHashTable changed while
   * iterated, seen under test) */
  g_object_set (agent, "upnp", FALSE, NULL);
  if (!loopback)
    return;
  /* libnice never gathers on loopback by itself (ENVIRONMENT.md) */
  address = nice_address_new ();
  if (nice_address_set_from_string (address, "127.0.0.1"))
    nice_agent_add_local_address (NICE_AGENT (agent), address);
  nice_address_free (address);
}

/* The data channel of the shared material page (zc-page-share.h): made
 * before the offer, so the offer carries it and sharing never
 * renegotiates; it runs inside the peer connection (DTLS), never
 * through the relay. */
static void
open_data_channel (ZcVideoCall *self)
{
  g_autoptr(GstStructure) options = gst_structure_new ("options", "ordered", G_TYPE_BOOLEAN, TRUE, NULL);

  g_signal_emit_by_name (self->webrtc, "create-data-channel", "zc-page", options, &self->data_channel);
  if (self->data_channel == NULL)
    g_debug ("video call: webrtcbin made no data channel; no page can be shared");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_CHANNEL]);
}

static gboolean
start_media (ZcVideoCall *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstElement) preview = NULL;
  g_autoptr(GstElement) encoder = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstPad *pad;
  g_autofree char *camera_src = NULL;
  const char *video_src, *audio_src;

  stop_media (self);
  self->generation++;
  self->ice_cancellable = g_cancellable_new ();
  self->remote_candidates = 0;
  self->mdns_lookups = 0;
  self->mdns_failed = 0;
  if (self->source == ZC_VIDEO_SOURCE_CAMERA)
    {
      g_autofree char *quoted = NULL;

      if (self->camera_device != NULL && *self->camera_device != '\0')
        {
          quoted = g_shell_quote (self->camera_device);
          camera_src = g_strdup_printf ("v4l2src device=%s", quoted);
        }
      video_src = camera_src != NULL ? camera_src : "v4l2src";
      audio_src = "autoaudiosrc";
    }
  else
    {
      video_src = "videotestsrc is-live=true pattern=ball";
      audio_src = "audiotestsrc is-live=true wave=sine freq=440 volume=0.05";
    }
  description = g_strdup_printf (
    "webrtcbin name=webrtc bundle-policy=max-bundle "
    "%s ! videoconvert ! videoscale ! videorate ! "
    "video/x-raw,width=640,height=480,framerate=30/1,pixel-aspect-ratio=1/1 ! "
    "videobalance name=balance ! tee name=vtee "
    "vtee. ! queue max-size-buffers=2 leaky=downstream ! videoscale ! videoconvert ! "
    "video/x-raw,format=RGBA,width=%d,height=%d ! "
    "appsink name=preview max-buffers=1 drop=true sync=false "
    /* webrtcbin holds its input back until negotiated: a leaky queue
     * keeps the tee, and so the preview, going meanwhile */
    "vtee. ! queue max-size-buffers=5 max-size-bytes=0 max-size-time=0 leaky=downstream ! "
    "videoconvert ! "
    "vp8enc name=venc deadline=1 cpu-used=8 target-bitrate=800000 keyframe-max-dist=60 "
    "error-resilient=partitions ! rtpvp8pay pt=96 picture-id-mode=15-bit ! "
    "application/x-rtp,media=video,encoding-name=VP8,payload=96,clock-rate=90000 ! webrtc. "
    "%s ! audioconvert ! audioresample ! volume name=mic ! tee name=atee "
    /* the clerk's voice for the recording (muted is silence there too) */
    "atee. ! queue max-size-buffers=50 leaky=downstream ! "
    "appsink name=local-audio max-buffers=50 drop=true sync=false "
    "atee. ! queue leaky=downstream max-size-time=200000000 max-size-buffers=0 max-size-bytes=0 ! "
    "opusenc ! rtpopuspay pt=111 ! "
    "application/x-rtp,media=audio,encoding-name=OPUS,payload=111,clock-rate=48000 ! webrtc. ",
    video_src, PREVIEW_WIDTH, PREVIEW_HEIGHT, audio_src);

  self->pipeline = gst_parse_launch (description, &error);
  if (self->pipeline == NULL || error != NULL)
    {
      /* gst_parse_launch may return a pipeline with a warning in @error */
      g_clear_object (&self->pipeline);
      fail (self, g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_MEDIA,
                               _("The video call cannot start: a GStreamer part is missing (%s)"),
                               error != NULL ? error->message : "?"));
      return FALSE;
    }
  gst_object_ref_sink (self->pipeline);

  self->webrtc = gst_bin_get_by_name (GST_BIN (self->pipeline), "webrtc");
  self->mic = gst_bin_get_by_name (GST_BIN (self->pipeline), "mic");
  self->balance = gst_bin_get_by_name (GST_BIN (self->pipeline), "balance");
  preview = gst_bin_get_by_name (GST_BIN (self->pipeline), "preview");
  encoder = gst_bin_get_by_name (GST_BIN (self->pipeline), "venc");

  g_object_set_data (G_OBJECT (self->webrtc), "zc-call", self);
  g_object_set_data (G_OBJECT (self->webrtc), "zc-generation", GUINT_TO_POINTER (self->generation));
  if (self->stun_server != NULL && *self->stun_server != '\0')
    g_object_set (self->webrtc, "stun-server", self->stun_server, NULL);
  if (self->turn_server != NULL && *self->turn_server != '\0')
    g_object_set (self->webrtc, "turn-server", self->turn_server, NULL);
  configure_ice_agent (self->webrtc, self->loopback_ice);
  g_signal_connect (self->pipeline, "deep-element-added", G_CALLBACK (on_element_added), NULL);
  g_signal_connect (self->webrtc, "on-ice-candidate", G_CALLBACK (on_ice_candidate), self);
  g_signal_connect (self->webrtc, "pad-added", G_CALLBACK (on_incoming_stream), self);
  g_signal_connect (self->webrtc, "notify::connection-state", G_CALLBACK (on_connection_state), self);

  watch_appsink (self, preview, FALSE);
  {
    g_autoptr(GstElement) local_audio = gst_bin_get_by_name (GST_BIN (self->pipeline), "local-audio");

    watch_audio_appsink (self, local_audio, FALSE);
  }
  pad = gst_element_get_static_pad (encoder, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_sent, self, NULL);
  gst_object_unref (pad);

  g_object_set (self->mic, "mute", self->muted, NULL);
  if (self->camera_off)
    g_object_set (self->balance, "contrast", 0.0, "brightness", -1.0, NULL);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      fail (self, g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_MEDIA,
                               _("The camera or microphone could not be opened")));
      return FALSE;
    }
  open_data_channel (self);
  return TRUE;
}

static void
stop_media (ZcVideoCall *self)
{
  stop_ice_timer (self);
  if (self->ice_cancellable != NULL)
    {
      g_cancellable_cancel (self->ice_cancellable);
      g_clear_object (&self->ice_cancellable);
    }
  if (self->pipeline == NULL)
    return;
  /* callbacks of this pipeline still queued are dropped by generation */
  self->generation++;
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->webrtc != NULL)
    g_signal_handlers_disconnect_by_data (self->webrtc, self);
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (self->data_channel != NULL)
    {
      g_clear_object (&self->data_channel);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_CHANNEL]);
    }
  g_clear_object (&self->webrtc);
  g_clear_object (&self->mic);
  g_clear_object (&self->balance);
  g_clear_object (&self->pipeline);
  g_mutex_lock (&self->lock);
  g_clear_object (&self->pending_remote);
  g_clear_object (&self->pending_local);
  self->remote_scheduled = FALSE;
  self->local_scheduled = FALSE;
  g_mutex_unlock (&self->lock);
  if (self->remote_texture != NULL)
    {
      g_clear_object (&self->remote_texture);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_TEXTURE]);
    }
}

static void
make_offer (ZcVideoCall *self)
{
  GstPromise *promise;

  if (self->webrtc == NULL && !start_media (self))
    return;
  clear_ice_error (self);
  set_state (self, ZC_VIDEO_CALL_NEGOTIATING);
  promise = gst_promise_new_with_change_func (on_offer_created, gst_object_ref (self->webrtc),
                                              gst_object_unref);
  g_signal_emit_by_name (self->webrtc, "create-offer", NULL, promise);
}

/* ---- signalling in ---------------------------------------------------- */

static GError *
protocol_error (const char *what)
{
  return g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_PROTOCOL,
                      _("The citizen’s side sent a message that cannot be used (%s)"), what);
}

static void
handle_answer (ZcVideoCall *self,
               const char  *sdp)
{
  GstSDPMessage *message = NULL;
  GstWebRTCSessionDescription *answer;

  if (self->webrtc == NULL || self->state != ZC_VIDEO_CALL_NEGOTIATING)
    {
      g_debug ("video call: an answer to no offer, dropped");
      return;
    }
  if (sdp == NULL || gst_sdp_message_new_from_text (sdp, &message) != GST_SDP_OK
      || gst_sdp_message_medias_len (message) == 0)
    {
      g_clear_pointer (&message, gst_sdp_message_free);
      fail (self, protocol_error ("answer"));
      return;
    }
  answer = gst_webrtc_session_description_new (GST_WEBRTC_SDP_TYPE_ANSWER, message);
  g_signal_emit_by_name (self->webrtc, "set-remote-description", answer, NULL);
  gst_webrtc_session_description_free (answer);
  /* ICE checks from now: the citizen's page answers only once they
   * allowed the camera, which is not ICE's time */
  if (self->ice_timer == NULL)
    start_ice_timer (self);
}

/* The string member @name of @object, or NULL when absent or not a
 * string (json-glib's _with_default answers NULL for a number) */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* ---- the citizen's candidates -------------------------------------- */

/* An mDNS name as browsers make them (a UUID under .local); only such
 * names are looked up, never another host name the other side sends */
static gboolean
is_mdns_name (const char *address)
{
  gsize n = strlen (address);

  if (n <= 6 || n > 255 || g_ascii_strcasecmp (address + n - 6, ".local") != 0)
    return FALSE;
  for (const char *p = address; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

typedef struct
{
  ZcVideoCall *self;
  guint generation;
  guint mline;
  char **parts;          /* the candidate, split at spaces; [4] the name */
} MdnsLookup;

static void
mdns_lookup_free (MdnsLookup *lookup)
{
  g_object_unref (lookup->self);
  g_strfreev (lookup->parts);
  g_free (lookup);
}

static void
hand_candidate (ZcVideoCall *self,
                guint        mline,
                const char  *candidate)
{
  self->remote_candidates++;
  g_signal_emit_by_name (self->webrtc, "add-ice-candidate", mline, candidate);
}

static void
on_mdns_resolved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MdnsLookup *lookup = user_data;
  ZcVideoCall *self = lookup->self;
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  GInetAddress *chosen = NULL;

  /* a lookup of a pipeline since dropped (its cancellable was cancelled) */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || lookup->generation != self->generation || self->webrtc == NULL || is_over (self))
    {
      g_resolver_free_addresses (addresses);
      mdns_lookup_free (lookup);
      return;
    }
  /* IPv4 first: what libnice gathered on for certain */
  for (GList *l = addresses; l != NULL; l = l->next)
    if (chosen == NULL || (g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV4
                           && g_inet_address_get_family (chosen) != G_SOCKET_FAMILY_IPV4))
      chosen = l->data;
  if (chosen == NULL)
    {
      self->mdns_failed++;
      /* not the end: the citizen's checks may still reach this side's
       * candidates (a peer-reflexive pair); the ICE timeout decides */
      g_debug ("video call: the citizen's mDNS name %s: %s", lookup->parts[4],
               error != NULL ? error->message : "no address");
    }
  else
    {
      g_autofree char *candidate = NULL;

      g_free (lookup->parts[4]);
      lookup->parts[4] = g_inet_address_to_string (chosen);
      candidate = g_strjoinv (" ", lookup->parts);
      hand_candidate (self, lookup->mline, candidate);
    }
  g_resolver_free_addresses (addresses);
  mdns_lookup_free (lookup);
}

/* A candidate from the citizen: an address goes to webrtcbin as it is;
 * an mDNS name (Chrome hides the addresses of a page without camera
 * permission behind xxxx.local) is resolved here first, asynchronously
 * (GResolver: works where nss-mdns or Avahi is installed, as on a GNOME
 * desktop): libnice cannot resolve it, and a name that stays unresolved
 * is what the clerk is told about. */
static void
add_remote_candidate (ZcVideoCall *self,
                      guint        mline,
                      const char  *candidate)
{
  g_auto(GStrv) parts = g_strsplit (candidate, " ", 32);
  g_autoptr(GResolver) resolver = NULL;
  MdnsLookup *lookup;

  if (self->ice_timer == NULL && self->state == ZC_VIDEO_CALL_NEGOTIATING)
    start_ice_timer (self);
  /* candidate:FOUNDATION COMPONENT TRANSPORT PRIORITY ADDRESS PORT typ TYPE … */
  if (g_strv_length (parts) < 8 || !is_mdns_name (parts[4]))
    {
      hand_candidate (self, mline, candidate);
      return;
    }
  if (self->mdns_lookups >= MAX_MDNS_LOOKUPS)
    {
      g_debug ("video call: more than %d mDNS candidates, dropped", MAX_MDNS_LOOKUPS);
      return;
    }
  self->mdns_lookups++;
  lookup = g_new0 (MdnsLookup, 1);
  lookup->self = g_object_ref (self);
  lookup->generation = self->generation;
  lookup->mline = mline;
  lookup->parts = g_steal_pointer (&parts);
  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, lookup->parts[4], self->ice_cancellable,
                                   on_mdns_resolved, lookup);
}

static void
handle_message (ZcVideoCall *self,
                const char  *data,
                gsize        length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = zc_json_parse (data, length, SIGNAL_MAX_DEPTH, &error);
  JsonObject *object;
  const char *type;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("video call: a signalling frame that is not a JSON object: %s",
               error != NULL ? error->message : "not an object");
      return;
    }
  object = json_node_get_object (root);
  type = string_member (object, "type");
  if (type == NULL)
    type = "";

  if (g_str_equal (type, "peer"))
    {
      const char *state = string_member (object, "state");

      if (g_strcmp0 (state, "joined") == 0)
        {
          set_peer_present (self, TRUE);
          make_offer (self);
        }
      else if (g_strcmp0 (state, "left") == 0)
        {
          set_peer_present (self, FALSE);
          /* a fresh pipeline waits for the citizen to come back */
          if (start_media (self))
            {
              clear_ice_error (self);
              set_state (self, ZC_VIDEO_CALL_PEER_LEFT);
            }
        }
    }
  else if (g_str_equal (type, "answer"))
    {
      handle_answer (self, string_member (object, "sdp"));
    }
  else if (g_str_equal (type, "candidate"))
    {
      const char *candidate = string_member (object, "candidate");
      JsonNode *line = json_object_get_member (object, "sdpMLineIndex");
      gint64 mline = -1;

      if (line != NULL && JSON_NODE_HOLDS_VALUE (line) && json_node_get_value_type (line) == G_TYPE_INT64)
        mline = json_node_get_int (line);

      /* an empty candidate ends the other side's gathering */
      if (candidate == NULL || mline < 0 || mline > 16)
        g_debug ("video call: a candidate without line or text, dropped");
      else if (*candidate != '\0' && self->webrtc != NULL)
        add_remote_candidate (self, (guint) mline, candidate);
    }
  else if (g_str_equal (type, "consent"))
    {
      /* the citizen's answer on recording, from their page */
      JsonNode *recording = json_object_get_member (object, "recording");

      if (recording != NULL && JSON_NODE_HOLDS_VALUE (recording)
          && json_node_get_value_type (recording) == G_TYPE_BOOLEAN)
        g_signal_emit (self, signals[SIGNAL_CONSENT], 0, json_node_get_boolean (recording));
      else
        g_debug ("video call: a consent frame without a yes or no, dropped");
    }
  else if (g_str_equal (type, "bye"))
    {
      close_socket (self);
      stop_media (self);
      set_peer_present (self, FALSE);
      set_state (self, ZC_VIDEO_CALL_ENDED);
    }
  else
    g_debug ("video call: a signalling message of type '%s' ignored", type);
}

static void
on_ws_message (SoupWebsocketConnection *ws,
               int                      type,
               GBytes                  *message,
               ZcVideoCall             *self)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  if (type != SOUP_WEBSOCKET_DATA_TEXT || is_over (self))
    return;
  handle_message (self, data, length);
}

static void
on_ws_closed (SoupWebsocketConnection *ws,
              ZcVideoCall             *self)
{
  if (is_over (self))
    return;
  fail (self, g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_SIGNALLING,
                           _("The connection to the platform was lost")));
}

static void
on_ws_connected (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ZcVideoCall) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws;

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (ws == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("video call: signalling socket: %s", error->message);
      fail (self, g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_SIGNALLING,
                               _("The platform’s video service could not be reached")));
      return;
    }
  if (is_over (self))
    {
      soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (ws);
      return;
    }
  self->ws = ws;
  soup_websocket_connection_set_keepalive_interval (ws, 15);
  g_signal_connect (ws, "message", G_CALLBACK (on_ws_message), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_ws_closed), self);
  set_state (self, ZC_VIDEO_CALL_WAITING);
}

/* ---- public ---------------------------------------------------------- */

void
zc_video_call_start (ZcVideoCall *self,
                     SoupSession *session,
                     const char  *uri,
                     const char  *token)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *http_uri = NULL;

  g_return_if_fail (ZC_IS_VIDEO_CALL (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (self->state == ZC_VIDEO_CALL_IDLE);

  if (g_str_has_prefix (uri, "ws://"))
    http_uri = g_strconcat ("http://", uri + 5, NULL);
  else if (g_str_has_prefix (uri, "wss://"))
    http_uri = g_strconcat ("https://", uri + 6, NULL);
  else
    http_uri = g_strdup (uri);

  g_set_object (&self->session, session);
  if (self->session == NULL)
    self->session = soup_session_new ();
  /* the platform on this machine: so is the citizen's browser (the
   * one-machine demo), reachable on loopback only */
  if (zc_video_call_uri_is_loopback (http_uri))
    zc_video_call_set_loopback_ice (self, TRUE);
  self->source = resolve_source (self->source, self->camera_device);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);

  set_state (self, ZC_VIDEO_CALL_CONNECTING);
  msg = soup_message_new ("GET", http_uri);
  if (msg == NULL)
    {
      fail (self, g_error_new (ZC_VIDEO_CALL_ERROR, ZC_VIDEO_CALL_ERROR_SIGNALLING,
                               _("The platform’s video service address is not valid")));
      return;
    }
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (!start_media (self))
    return;
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, on_ws_connected, g_object_ref (self));
}

void
zc_video_call_retry (ZcVideoCall *self)
{
  g_return_if_fail (ZC_IS_VIDEO_CALL (self));

  if (self->state != ZC_VIDEO_CALL_NO_PATH)
    return;
  /* a fresh peer connection (new candidates, new lookups), offered again;
   * the citizen's page takes a new offer as it comes */
  if (!start_media (self))
    return;
  clear_ice_error (self);
  if (self->peer_present)
    make_offer (self);
  else
    set_state (self, ZC_VIDEO_CALL_WAITING);
}

gboolean
zc_video_call_uri_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (uri != NULL, FALSE);
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || (host = g_uri_get_host (parsed)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

void
zc_video_call_hang_up (ZcVideoCall *self)
{
  g_return_if_fail (ZC_IS_VIDEO_CALL (self));

  if (is_over (self) || self->state == ZC_VIDEO_CALL_IDLE)
    return;
  send_simple (self, "bye");
  close_socket (self);
  stop_media (self);
  set_peer_present (self, FALSE);
  set_state (self, ZC_VIDEO_CALL_ENDED);
}

void
zc_video_call_apply_settings (ZcVideoCall *self,
                              GSettings   *settings)
{
  g_autofree char *stun = g_settings_get_string (settings, "stun-server");
  g_autofree char *turn = g_settings_get_string (settings, "turn-server");
  g_autofree char *camera = g_settings_get_string (settings, "camera");

  g_object_set (self, "stun-server", stun, "turn-server", turn, NULL);
  /* "test": the clerk chose the test picture; else a device path, or
   * empty for the first camera (read before the call starts) */
  if (self->state == ZC_VIDEO_CALL_IDLE && self->source == ZC_VIDEO_SOURCE_AUTO
      && g_str_equal (camera, "test"))
    self->source = ZC_VIDEO_SOURCE_TEST;
  else
    g_object_set (self, "camera-device", camera, NULL);
}

ZcVideoCallState
zc_video_call_get_state (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), ZC_VIDEO_CALL_IDLE);
  return self->state;
}

ZcVideoSource
zc_video_call_get_source (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), ZC_VIDEO_SOURCE_AUTO);
  return self->source;
}

const GError *
zc_video_call_get_error (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), NULL);
  return self->error;
}

gboolean
zc_video_call_get_peer_present (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), FALSE);
  return self->peer_present;
}

gboolean
zc_video_call_get_muted (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), FALSE);
  return self->muted;
}

void
zc_video_call_set_muted (ZcVideoCall *self,
                         gboolean     muted)
{
  g_return_if_fail (ZC_IS_VIDEO_CALL (self));
  muted = !!muted;
  if (self->muted == muted)
    return;
  self->muted = muted;
  if (self->mic != NULL)
    g_object_set (self->mic, "mute", muted, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

gboolean
zc_video_call_get_camera_off (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), FALSE);
  return self->camera_off;
}

void
zc_video_call_set_camera_off (ZcVideoCall *self,
                              gboolean     camera_off)
{
  g_return_if_fail (ZC_IS_VIDEO_CALL (self));
  camera_off = !!camera_off;
  if (self->camera_off == camera_off)
    return;
  self->camera_off = camera_off;
  /* black frames keep flowing: the citizen sees the camera is off,
   * rather than a frozen picture */
  if (self->balance != NULL)
    g_object_set (self->balance,
                  "contrast", camera_off ? 0.0 : 1.0,
                  "brightness", camera_off ? -1.0 : 0.0, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMERA_OFF]);
}

void
zc_video_call_set_loopback_ice (ZcVideoCall *self,
                                gboolean     loopback_ice)
{
  g_return_if_fail (ZC_IS_VIDEO_CALL (self));
  loopback_ice = !!loopback_ice;
  if (self->loopback_ice == loopback_ice)
    return;
  self->loopback_ice = loopback_ice;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOPBACK_ICE]);
}

GdkTexture *
zc_video_call_get_remote_texture (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), NULL);
  return self->remote_texture;
}

GdkTexture *
zc_video_call_get_local_texture (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), NULL);
  return self->local_texture;
}

guint64
zc_video_call_get_frames_received (ZcVideoCall *self)
{
  return (guint) g_atomic_int_get (&self->frames_received);
}

guint64
zc_video_call_get_frames_decoded (ZcVideoCall *self)
{
  return (guint) g_atomic_int_get (&self->frames_decoded);
}

guint64
zc_video_call_get_frames_sent (ZcVideoCall *self)
{
  return (guint) g_atomic_int_get (&self->frames_sent);
}

void
zc_video_call_set_camera_device (ZcVideoCall *self,
                                 const char  *device)
{
  g_return_if_fail (ZC_IS_VIDEO_CALL (self));
  g_object_set (self, "camera-device", device, NULL);
}

GObject *
zc_video_call_get_data_channel (ZcVideoCall *self)
{
  g_return_val_if_fail (ZC_IS_VIDEO_CALL (self), NULL);
  return (GObject *) self->data_channel;
}

ZcVideoCall *
zc_video_call_new (ZcVideoSource source)
{
  return g_object_new (ZC_TYPE_VIDEO_CALL, "source", source, NULL);
}

/* ---- GObject -------------------------------------------------------- */

static void
zc_video_call_dispose (GObject *object)
{
  ZcVideoCall *self = ZC_VIDEO_CALL (object);

  close_socket (self);
  stop_media (self);
  g_clear_object (&self->session);
  g_clear_object (&self->local_texture);
  zc_video_call_set_recorder (self, NULL);
  G_OBJECT_CLASS (zc_video_call_parent_class)->dispose (object);
}

static void
zc_video_call_finalize (GObject *object)
{
  ZcVideoCall *self = ZC_VIDEO_CALL (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->stun_server);
  g_free (self->turn_server);
  g_free (self->camera_device);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (zc_video_call_parent_class)->finalize (object);
}

static void
zc_video_call_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ZcVideoCall *self = ZC_VIDEO_CALL (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_SOURCE: g_value_set_enum (value, self->source); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
    case PROP_MUTED: g_value_set_boolean (value, self->muted); break;
    case PROP_CAMERA_OFF: g_value_set_boolean (value, self->camera_off); break;
    case PROP_LOOPBACK_ICE: g_value_set_boolean (value, self->loopback_ice); break;
    case PROP_STUN_SERVER: g_value_set_string (value, self->stun_server); break;
    case PROP_TURN_SERVER: g_value_set_string (value, self->turn_server); break;
    case PROP_REMOTE_TEXTURE: g_value_set_object (value, self->remote_texture); break;
    case PROP_LOCAL_TEXTURE: g_value_set_object (value, self->local_texture); break;
    case PROP_PEER_PRESENT: g_value_set_boolean (value, self->peer_present); break;
    case PROP_CAMERA_DEVICE: g_value_set_string (value, self->camera_device); break;
    case PROP_DATA_CHANNEL: g_value_set_object (value, self->data_channel); break;
    case PROP_ICE_TIMEOUT: g_value_set_uint (value, self->ice_timeout); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_video_call_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ZcVideoCall *self = ZC_VIDEO_CALL (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_get_enum (value);
      break;
    case PROP_MUTED:
      zc_video_call_set_muted (self, g_value_get_boolean (value));
      break;
    case PROP_CAMERA_OFF:
      zc_video_call_set_camera_off (self, g_value_get_boolean (value));
      break;
    case PROP_LOOPBACK_ICE:
      zc_video_call_set_loopback_ice (self, g_value_get_boolean (value));
      break;
    case PROP_STUN_SERVER:
      g_free (self->stun_server);
      self->stun_server = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_TURN_SERVER:
      g_free (self->turn_server);
      self->turn_server = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CAMERA_DEVICE:
      g_free (self->camera_device);
      self->camera_device = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_ICE_TIMEOUT:
      /* read when ICE starts checking */
      self->ice_timeout = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_video_call_class_init (ZcVideoCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_video_call_dispose;
  object_class->finalize = zc_video_call_finalize;
  object_class->get_property = zc_video_call_get_property;
  object_class->set_property = zc_video_call_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ZC_TYPE_VIDEO_CALL_STATE, ZC_VIDEO_CALL_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, ZC_TYPE_VIDEO_SOURCE, ZC_VIDEO_SOURCE_AUTO,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS
                       | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAMERA_OFF] =
    g_param_spec_boolean ("camera-off", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOOPBACK_ICE] =
    g_param_spec_boolean ("loopback-ice", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STUN_SERVER] =
    g_param_spec_string ("stun-server", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TURN_SERVER] =
    g_param_spec_string ("turn-server", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REMOTE_TEXTURE] =
    g_param_spec_object ("remote-texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOCAL_TEXTURE] =
    g_param_spec_object ("local-texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PEER_PRESENT] =
    g_param_spec_boolean ("peer-present", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAMERA_DEVICE] =
    g_param_spec_string ("camera-device", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATA_CHANNEL] =
    g_param_spec_object ("data-channel", NULL, NULL, GST_TYPE_WEBRTC_DATA_CHANNEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* seconds ICE may look for a path (from the citizen's answer) before
   * the call says why it could not (NO_PATH); 0: no limit */
  properties[PROP_ICE_TIMEOUT] =
    g_param_spec_uint ("ice-timeout", NULL, NULL, 0, 3600, DEFAULT_ICE_TIMEOUT_S,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GDK_TYPE_TEXTURE);
  signals[SIGNAL_CONSENT] =
    g_signal_new ("consent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
zc_video_call_init (ZcVideoCall *self)
{
  static gsize gst_ready = 0;

  if (g_once_init_enter (&gst_ready))
    {
      gst_init (NULL, NULL);
      g_once_init_leave (&gst_ready, 1);
    }
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
}

void
zc_video_call_set_recorder (ZcVideoCall    *self,
                            ZcCallRecorder *recorder)
{
  g_return_if_fail (ZC_IS_VIDEO_CALL (self));
  g_return_if_fail (recorder == NULL || ZC_IS_CALL_RECORDER (recorder));

  g_mutex_lock (&self->lock);
  g_set_object (&self->recorder, recorder);
  g_mutex_unlock (&self->lock);
}
