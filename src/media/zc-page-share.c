/* zc-page-share.c — a material page shown to the citizen over the call's
 * data channel
 *
 * The channel's signals come on GStreamer's threads: each is handed to
 * the main context the object was made in, tagged with the channel it
 * came from, and dropped there when that channel has since been
 * replaced (the citizen left and came back: a new peer connection).
 * The page being shared is kept until the clerk stops sharing: when the
 * channel opens again (the citizen rejoined) it is sent again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <poppler.h>
#define GST_USE_UNSTABLE_API
#include <gst/webrtc/webrtc.h>

#include "zc-json.h"
#include "zc-page-share.h"

/* a message every SCTP stack takes (RFC 8831 § 6.6: larger ones need
 * the peer's a=max-message-size) */
#define PIECE_BYTES (16 * 1024)
#define MESSAGE_MAX_DEPTH 2

struct _ZcPageShare
{
  GObject parent_instance;

  GMainContext *context;
  ZcVideoCall *call;                  /* owned */
  GstWebRTCDataChannel *channel;      /* owned */
  guint page_id;
  GBytes *page;                       /* the PNG being shared, until stop */
  int page_width;
  int page_height;
  gboolean ready;
  gboolean sharing;
  gboolean shown;
  gboolean recording;                 /* the clerk's state, for the citizen */
};

enum {
  PROP_0,
  PROP_READY,
  PROP_SHARING,
  PROP_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ZcPageShare, zc_page_share, G_TYPE_OBJECT)

static void
set_flag (ZcPageShare *self,
          gboolean    *field,
          gboolean     value,
          guint        prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void send_page (ZcPageShare *self);
static void send_clerk_state (ZcPageShare *self);

/* ---- the channel's events, on the main context -------------------------- */

typedef enum { EVENT_OPEN, EVENT_CLOSE, EVENT_MESSAGE } EventKind;

typedef struct
{
  GWeakRef self;
  GstWebRTCDataChannel *channel;
  EventKind kind;
  char *text;
} Event;

static void
event_free (gpointer p)
{
  Event *e = p;

  g_weak_ref_clear (&e->self);
  g_object_unref (e->channel);
  g_free (e->text);
  g_free (e);
}

static void
handle_text (ZcPageShare *self,
             const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = zc_json_parse (text, strlen (text), MESSAGE_MAX_DEPTH, &error);
  JsonObject *object;
  JsonNode *id;
  const char *type;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("page share: a message that is not a JSON object, ignored");
      return;
    }
  object = json_node_get_object (root);
  type = json_object_get_string_member_with_default (object, "type", NULL);
  if (type == NULL)
    type = "";
  id = json_object_get_member (object, "id");
  if (g_strcmp0 (type, "shown") == 0)
    {
      /* only the page being shared now counts */
      if (self->sharing && id != NULL && JSON_NODE_HOLDS_VALUE (id)
          && json_node_get_value_type (id) == G_TYPE_INT64
          && json_node_get_int (id) == self->page_id)
        set_flag (self, &self->shown, TRUE, PROP_SHOWN);
    }
  else if (g_strcmp0 (type, "hidden") == 0)
    set_flag (self, &self->shown, FALSE, PROP_SHOWN);
  else
    g_debug ("page share: a message of type '%s' ignored", type);
}

static gboolean
event_run (gpointer p)
{
  Event *e = p;
  g_autoptr(ZcPageShare) self = g_weak_ref_get (&e->self);

  if (self == NULL || e->channel != self->channel)
    return G_SOURCE_REMOVE;
  switch (e->kind)
    {
    case EVENT_OPEN:
      set_flag (self, &self->ready, TRUE, PROP_READY);
      send_clerk_state (self);
      /* the citizen came back while a page was being shared: again */
      if (self->page != NULL && !self->sharing)
        send_page (self);
      break;
    case EVENT_CLOSE:
      set_flag (self, &self->ready, FALSE, PROP_READY);
      set_flag (self, &self->sharing, FALSE, PROP_SHARING);
      set_flag (self, &self->shown, FALSE, PROP_SHOWN);
      break;
    case EVENT_MESSAGE:
      handle_text (self, e->text);
      break;
    default:
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
post_event (ZcPageShare          *self,
            GstWebRTCDataChannel *channel,
            EventKind             kind,
            const char           *text)
{
  Event *e = g_new0 (Event, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  g_weak_ref_init (&e->self, self);
  e->channel = g_object_ref (channel);
  e->kind = kind;
  e->text = g_strdup (text);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, event_run, e, event_free);
  g_source_attach (source, self->context);
}

static void
on_open (GstWebRTCDataChannel *channel,
         ZcPageShare          *self)
{
  post_event (self, channel, EVENT_OPEN, NULL);
}

static void
on_close (GstWebRTCDataChannel *channel,
          ZcPageShare          *self)
{
  post_event (self, channel, EVENT_CLOSE, NULL);
}

static void
on_error (GstWebRTCDataChannel *channel,
          GError               *error,
          ZcPageShare          *self)
{
  g_debug ("page share: the data channel failed: %s", error != NULL ? error->message : "?");
  post_event (self, channel, EVENT_CLOSE, NULL);
}

static void
on_message_string (GstWebRTCDataChannel *channel,
                   const char           *text,
                   ZcPageShare          *self)
{
  if (text != NULL)
    post_event (self, channel, EVENT_MESSAGE, text);
}

static void
set_channel (ZcPageShare          *self,
             GstWebRTCDataChannel *channel)
{
  GstWebRTCDataChannelState state = GST_WEBRTC_DATA_CHANNEL_STATE_CLOSED;

  if (self->channel == channel)
    return;
  if (self->channel != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->channel, self);
      g_clear_object (&self->channel);
    }
  set_flag (self, &self->sharing, FALSE, PROP_SHARING);
  set_flag (self, &self->shown, FALSE, PROP_SHOWN);
  if (channel != NULL)
    {
      self->channel = g_object_ref (channel);
      g_signal_connect (channel, "on-open", G_CALLBACK (on_open), self);
      g_signal_connect (channel, "on-close", G_CALLBACK (on_close), self);
      g_signal_connect (channel, "on-error", G_CALLBACK (on_error), self);
      g_signal_connect (channel, "on-message-string", G_CALLBACK (on_message_string), self);
      g_object_get (channel, "ready-state", &state, NULL);
    }
  set_flag (self, &self->ready, state == GST_WEBRTC_DATA_CHANNEL_STATE_OPEN, PROP_READY);
  if (self->ready)
    send_clerk_state (self);
  if (self->ready && self->page != NULL)
    send_page (self);
}

static void
on_call_channel (ZcPageShare *self)
{
  set_channel (self, (GstWebRTCDataChannel *) zc_video_call_get_data_channel (self->call));
}

/* ---- sending ------------------------------------------------------------ */

static void
send_control (ZcPageShare *self,
              const char  *type,
              gboolean     with_page,
              gsize        bytes,
              int          width,
              int          height)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  if (with_page)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, self->page_id);
    }
  if (bytes > 0)
    {
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, (gint64) bytes);
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, width);
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, height);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = zc_json_to_data (root, FALSE, NULL);
  g_signal_emit_by_name (self->channel, "send-string", text);
}

/* What the citizen's page says of the clerk (工作人员已静音, 工作人员已
 * 关闭摄像头, ● 正在录像): sent when the channel opens and on each change */
static void
send_clerk_state (ZcPageShare *self)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (self->channel == NULL || !self->ready)
    return;
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "clerk");
  json_builder_set_member_name (b, "v");
  json_builder_add_int_value (b, ZC_PAGE_SHARE_CLERK_VERSION);
  json_builder_set_member_name (b, "muted");
  json_builder_add_boolean_value (b, zc_video_call_get_muted (self->call));
  json_builder_set_member_name (b, "camera_off");
  json_builder_add_boolean_value (b, zc_video_call_get_camera_off (self->call));
  json_builder_set_member_name (b, "recording");
  json_builder_add_boolean_value (b, self->recording);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = zc_json_to_data (root, FALSE, NULL);
  g_signal_emit_by_name (self->channel, "send-string", text);
}

void
zc_page_share_set_recording (ZcPageShare *self,
                             gboolean     recording)
{
  g_return_if_fail (ZC_IS_PAGE_SHARE (self));

  recording = !!recording;
  if (self->recording == recording)
    return;
  self->recording = recording;
  send_clerk_state (self);
}

/* self->page over the open channel, under a new id */
static void
send_page (ZcPageShare *self)
{
  gsize size, offset;

  size = g_bytes_get_size (self->page);
  self->page_id++;
  set_flag (self, &self->shown, FALSE, PROP_SHOWN);
  send_control (self, "page", TRUE, size, self->page_width, self->page_height);
  for (offset = 0; offset < size; offset += PIECE_BYTES)
    {
      g_autoptr(GBytes) piece = g_bytes_new_from_bytes (self->page, offset, MIN (PIECE_BYTES, size - offset));

      g_signal_emit_by_name (self->channel, "send-data", piece);
    }
  send_control (self, "page-end", TRUE, 0, 0, 0);
  set_flag (self, &self->sharing, TRUE, PROP_SHARING);
}

gboolean
zc_page_share_show (ZcPageShare *self,
                    GBytes      *png,
                    int          width,
                    int          height,
                    GError     **error)
{
  g_return_val_if_fail (ZC_IS_PAGE_SHARE (self), FALSE);
  g_return_val_if_fail (png != NULL, FALSE);

  if (self->channel == NULL || !self->ready)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("The citizen is not connected yet: the page cannot be shared"));
      return FALSE;
    }
  g_clear_pointer (&self->page, g_bytes_unref);
  self->page = g_bytes_ref (png);
  self->page_width = width;
  self->page_height = height;
  send_page (self);
  return TRUE;
}

void
zc_page_share_stop (ZcPageShare *self)
{
  g_return_if_fail (ZC_IS_PAGE_SHARE (self));

  g_clear_pointer (&self->page, g_bytes_unref);
  if (!self->sharing)
    return;
  if (self->channel != NULL && self->ready)
    send_control (self, "stop", FALSE, 0, 0, 0);
  set_flag (self, &self->sharing, FALSE, PROP_SHARING);
  set_flag (self, &self->shown, FALSE, PROP_SHOWN);
}

gboolean
zc_page_share_get_ready (ZcPageShare *self)
{
  g_return_val_if_fail (ZC_IS_PAGE_SHARE (self), FALSE);
  return self->ready;
}

gboolean
zc_page_share_get_sharing (ZcPageShare *self)
{
  g_return_val_if_fail (ZC_IS_PAGE_SHARE (self), FALSE);
  return self->sharing;
}

gboolean
zc_page_share_get_shown (ZcPageShare *self)
{
  g_return_val_if_fail (ZC_IS_PAGE_SHARE (self), FALSE);
  return self->shown;
}

/* ---- the page, on a worker ---------------------------------------------- */

static PopplerDocument *
open_pdf (GBytes  *pdf,
          GError **error)
{
  g_autoptr(GError) local = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &local);

  if (document == NULL)
    {
      g_debug ("page share: poppler: %s", local->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This document is not a PDF that can be read"));
    }
  return document;
}

static void
count_pages_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  PopplerDocument *document = open_pdf (task_data, &error);

  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, poppler_document_get_n_pages (document));
  g_object_unref (document);
}

void
zc_page_share_count_pages_async (GBytes              *pdf,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (pdf != NULL);
  g_task_set_source_tag (task, zc_page_share_count_pages_async);
  g_task_set_task_data (task, g_bytes_ref (pdf), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, count_pages_thread);
}

int
zc_page_share_count_pages_finish (GAsyncResult *result,
                                  GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  return (int) g_task_propagate_int (G_TASK (result), error);
}

typedef struct
{
  GBytes *pdf;
  int page_index;
  int width;
  int height;
} Render;

static void
render_free (gpointer p)
{
  Render *r = p;

  g_bytes_unref (r->pdf);
  g_free (r);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Render *r = task_data;
  GError *error = NULL;
  PopplerDocument *document = open_pdf (r->pdf, &error);
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_w, page_h, scale;
  GByteArray *png;

  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (r->page_index < 0 || r->page_index >= poppler_document_get_n_pages (document)
      || (page = poppler_document_get_page (document, r->page_index)) == NULL)
    {
      g_object_unref (document);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This document has no page %d"), r->page_index + 1);
      return;
    }
  poppler_page_get_size (page, &page_w, &page_h);
  if (page_w < 1 || page_h < 1)
    {
      g_object_unref (page);
      g_object_unref (document);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Page %d of this document is empty"), r->page_index + 1);
      return;
    }
  scale = ZC_PAGE_SHARE_MAX_SIDE / MAX (page_w, page_h);
  r->width = MAX (1, (int) (page_w * scale + 0.5));
  r->height = MAX (1, (int) (page_h * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, r->width, r->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_object_unref (page);
  g_object_unref (document);

  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }
  png = g_byte_array_new ();
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS
      || cairo_surface_write_to_png_stream (surface, append_png, png) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_byte_array_unref (png);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The page could not be drawn"));
      return;
    }
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, g_byte_array_free_to_bytes (png), (GDestroyNotify) g_bytes_unref);
}

void
zc_page_share_render_async (GBytes              *pdf,
                            int                  page_index,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Render *r = g_new0 (Render, 1);

  g_return_if_fail (pdf != NULL);
  r->pdf = g_bytes_ref (pdf);
  r->page_index = page_index;
  g_task_set_source_tag (task, zc_page_share_render_async);
  g_task_set_task_data (task, r, render_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
zc_page_share_render_finish (GAsyncResult *result,
                             int          *width,
                             int          *height,
                             GError      **error)
{
  Render *r;
  GBytes *png;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  png = g_task_propagate_pointer (G_TASK (result), error);
  r = g_task_get_task_data (G_TASK (result));
  if (width != NULL)
    *width = png != NULL ? r->width : 0;
  if (height != NULL)
    *height = png != NULL ? r->height : 0;
  return png;
}

/* ---- GObject ------------------------------------------------------------ */

ZcPageShare *
zc_page_share_new (ZcVideoCall *call)
{
  ZcPageShare *self;

  g_return_val_if_fail (ZC_IS_VIDEO_CALL (call), NULL);
  self = g_object_new (ZC_TYPE_PAGE_SHARE, NULL);
  self->call = g_object_ref (call);
  g_signal_connect_object (call, "notify::data-channel", G_CALLBACK (on_call_channel), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (call, "notify::muted", G_CALLBACK (send_clerk_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (call, "notify::camera-off", G_CALLBACK (send_clerk_state), self, G_CONNECT_SWAPPED);
  on_call_channel (self);
  return self;
}

static void
zc_page_share_dispose (GObject *object)
{
  ZcPageShare *self = ZC_PAGE_SHARE (object);

  if (self->channel != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->channel, self);
      g_clear_object (&self->channel);
    }
  if (self->call != NULL)
    g_signal_handlers_disconnect_by_data (self->call, self);
  g_clear_object (&self->call);
  G_OBJECT_CLASS (zc_page_share_parent_class)->dispose (object);
}

static void
zc_page_share_finalize (GObject *object)
{
  ZcPageShare *self = ZC_PAGE_SHARE (object);

  g_clear_pointer (&self->page, g_bytes_unref);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (zc_page_share_parent_class)->finalize (object);
}

static void
zc_page_share_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ZcPageShare *self = ZC_PAGE_SHARE (object);

  switch (prop_id)
    {
    case PROP_READY: g_value_set_boolean (value, self->ready); break;
    case PROP_SHARING: g_value_set_boolean (value, self->sharing); break;
    case PROP_SHOWN: g_value_set_boolean (value, self->shown); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_page_share_class_init (ZcPageShareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_page_share_dispose;
  object_class->finalize = zc_page_share_finalize;
  object_class->get_property = zc_page_share_get_property;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHARING] =
    g_param_spec_boolean ("sharing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOWN] =
    g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_page_share_init (ZcPageShare *self)
{
  self->context = g_main_context_ref_thread_default ();
}
