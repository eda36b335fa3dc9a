/* zc-server-signal.c — the signalling relay of video sessions (see the
 * header). Sockets live on the main loop; the session's state goes to
 * the database through the api.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-json.h"
#include "zc-server-signal.h"

/* how often live calls are checked against their expires_at */
#define EXPIRY_CHECK_SECONDS 1
/* frames are flat objects */
#define FRAME_MAX_DEPTH 4
/* a socket that has sent nothing, not even a pong to the pings sent
 * every third of this, is closed: a phone that lost its network leaves
 * a half-open connection holding the session's citizen slot otherwise
 * (libsoup 3.2 has no pong timeout of its own) */
#define DEFAULT_LIVENESS_SECONDS 30

typedef struct _Call Call;

typedef struct
{
  ZcServerSignal          *relay;
  Call                    *call;
  ZcServerVideoParty       party;
  SoupWebsocketConnection *connection;
  gulong                   message_id;
  gulong                   closed_id;
  gulong                   pong_id;
  gint64                   last_seen;   /* monotonic */
  gint64                   window_start; /* monotonic: frames counted since */
  guint                    frames;      /* in the window */
  guint                    bad_frames;  /* ever */
  gboolean                 stale;       /* closing for silence */
} Link;

struct _Call
{
  gint64  id;
  Link   *clerk;
  Link   *citizen;
};

struct _ZcServerSignal
{
  GObject      parent_instance;

  ZcServerApi *api;     /* borrowed */
  gulong       ended_id;
  GHashTable  *calls;   /* &id → Call */
  guint        expiry_id;
  guint        liveness;  /* seconds */
};

G_DEFINE_FINAL_TYPE (ZcServerSignal, zc_server_signal, G_TYPE_OBJECT)

static Link **
slot_of (Call               *call,
         ZcServerVideoParty  party)
{
  return party == ZC_SERVER_VIDEO_CLERK ? &call->clerk : &call->citizen;
}

static Link *
other_of (Link *link)
{
  return link->party == ZC_SERVER_VIDEO_CLERK ? link->call->citizen : link->call->clerk;
}

static void
send_text (SoupWebsocketConnection *connection,
           const char              *text)
{
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (connection, text);
}

static void
send_peer (Link       *to,
           const char *state)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"peer\",\"state\":\"%s\"}", state);

  send_text (to->connection, text);
}

static void
send_error (Link       *to,
            const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = zc_json_to_data (node, FALSE, NULL);
  send_text (to->connection, text);
}

static void
update_state (ZcServerSignal *self,
              Call           *call)
{
  g_autoptr(GError) error = NULL;

  if (!zc_server_api_video_set_state (self->api, call->id,
                                      call->clerk != NULL && call->citizen != NULL, &error))
    g_warning ("video session %" G_GINT64_FORMAT ": state not kept: %s", call->id, error->message);
}

/* Drops @link from its call (the call too when empty); the socket is
 * closed or closing. */
static void
link_free (Link *link)
{
  g_signal_handler_disconnect (link->connection, link->message_id);
  g_signal_handler_disconnect (link->connection, link->closed_id);
  g_signal_handler_disconnect (link->connection, link->pong_id);
  g_object_unref (link->connection);
  g_free (link);
}

static void
link_detach (Link *link)
{
  ZcServerSignal *self = link->relay;
  Call *call = link->call;
  Link *other;

  *slot_of (call, link->party) = NULL;
  other = other_of (link);
  link_free (link);
  if (other != NULL)
    {
      send_peer (other, "left");
      update_state (self, call);
    }
  else
    {
      update_state (self, call);
      g_hash_table_remove (self->calls, &call->id);
    }
}

/* The frame's type when it is one a party may send, else NULL with
 * *why set (translated). */
static const char *
check_frame (Link        *link,
             JsonObject  *object,
             const char **why)
{
  const char *type;
  JsonNode *node;

  node = json_object_get_member (object, "type");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *why = _("A signalling frame needs a “type”.");
      return NULL;
    }
  type = json_node_get_string (node);

  if (strcmp (type, "offer") == 0 || strcmp (type, "answer") == 0)
    {
      node = json_object_get_member (object, "sdp");
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          *why = _("An offer or answer needs its “sdp” text.");
          return NULL;
        }
      return type;
    }
  if (strcmp (type, "candidate") == 0)
    {
      JsonNode *index = json_object_get_member (object, "sdpMLineIndex");

      node = json_object_get_member (object, "candidate");
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          index == NULL || !JSON_NODE_HOLDS_VALUE (index) || json_node_get_value_type (index) != G_TYPE_INT64 ||
          json_node_get_int (index) < 0 || json_node_get_int (index) > 255)
        {
          *why = _("A candidate needs its “candidate” text and its “sdpMLineIndex” (0 to 255).");
          return NULL;
        }
      return type;
    }
  if (strcmp (type, "bye") == 0)
    return type;
  if (strcmp (type, "consent") == 0 || strcmp (type, "hello") == 0)
    {
      if (link->party != ZC_SERVER_VIDEO_CITIZEN)
        {
          *why = _("Only the citizen's page sends this frame.");
          return NULL;
        }
      if (strcmp (type, "consent") == 0)
        {
          node = json_object_get_member (object, "recording");
          if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              *why = _("A consent needs “recording”: true or false.");
              return NULL;
            }
        }
      return type;
    }
  *why = _("This type of signalling frame is unknown.");
  return NULL;
}

/* Closes @link's socket for what it sent (1008); its "closed" detaches
 * it (peer left) once the close is done. */
static void
close_link (Link       *link,
            const char *reason)
{
  link->stale = TRUE;
  if (soup_websocket_connection_get_state (link->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (link->connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, reason);
}

static void
on_message (SoupWebsocketConnection *connection,
            gint                     kind,
            GBytes                  *message,
            gpointer                 user_data)
{
  Link *link = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *why = NULL;
  const char *type;
  const char *data;
  gsize len = 0;
  Link *other;

  link->last_seen = g_get_monotonic_time ();
  if (link->stale)
    return;
  /* a flood closes the socket: nothing it sent is relayed */
  if (link->last_seen - link->window_start >= (gint64) ZC_SERVER_SIGNAL_WINDOW_SECONDS * G_USEC_PER_SEC)
    {
      link->window_start = link->last_seen;
      link->frames = 0;
    }
  if (++link->frames > ZC_SERVER_SIGNAL_MAX_FRAMES)
    {
      close_link (link, "too many frames");
      return;
    }
  data = g_bytes_get_data (message, &len);
  if (kind != SOUP_WEBSOCKET_DATA_TEXT)
    why = _("Signalling frames are JSON text.");
  else if (len > ZC_SERVER_SIGNAL_MAX_FRAME)
    why = _("A signalling frame is at most 64 KiB.");
  else
    {
      root = zc_json_parse (data, (gssize) len, FRAME_MAX_DEPTH, &error);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        why = _("A signalling frame is a JSON object.");
    }
  type = why == NULL ? check_frame (link, json_node_get_object (root), &why) : NULL;
  if (type == NULL)
    {
      if (++link->bad_frames > ZC_SERVER_SIGNAL_MAX_BAD_FRAMES)
        close_link (link, "too many bad frames");
      else
        send_error (link, why);
      return;
    }
  if (strcmp (type, "consent") == 0)
    {
      gboolean recording = json_object_get_boolean_member (json_node_get_object (root), "recording");

      if (!zc_server_api_video_set_consent (link->relay->api, link->call->id, recording, &error))
        g_warning ("video session %" G_GINT64_FORMAT ": consent not kept: %s",
                   link->call->id, error->message);
    }

  /* verbatim, to the other party of this session only */
  other = other_of (link);
  if (other != NULL)
    {
      g_autofree char *text = g_strndup (data, len);

      send_text (other->connection, text);
    }
}

static void
on_pong (SoupWebsocketConnection *connection,
         GBytes                  *message,
         gpointer                 user_data)
{
  Link *link = user_data;

  link->last_seen = g_get_monotonic_time ();
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  link_detach (user_data);
}

/* ---- ending ---- */

static void
end_call (ZcServerSignal *self,
          gint64          id)
{
  Call *call = g_hash_table_lookup (self->calls, &id);
  Link *links[2];

  if (call == NULL)
    return;
  links[0] = call->clerk;
  links[1] = call->citizen;
  /* the call goes first: the closes below then find nothing to update */
  call->clerk = call->citizen = NULL;
  g_hash_table_steal (self->calls, &id);
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      SoupWebsocketConnection *connection;

      if (links[i] == NULL)
        continue;
      connection = g_object_ref (links[i]->connection);
      link_free (links[i]);
      send_text (connection, "{\"type\":\"bye\"}");
      if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, "ended");
      g_object_unref (connection);
    }
  g_free (call);
}

static void
on_video_ended (ZcServerApi *api,
                gint64       id,
                gpointer     user_data)
{
  end_call (user_data, id);
}

/* The sockets of every call (references), @silent_for > 0: only those
 * silent for longer (marked stale). Closing one may detach it at once,
 * so sockets are gathered first and closed after. */
static GPtrArray *
gather (ZcServerSignal *self,
        gint64          silent_for)
{
  GPtrArray *connections = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->calls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Call *call = value;
      Link *links[2] = { call->clerk, call->citizen };

      for (guint i = 0; i < G_N_ELEMENTS (links); i++)
        {
          if (links[i] == NULL || links[i]->stale)
            continue;
          if (silent_for > 0 && now - links[i]->last_seen <= silent_for)
            continue;
          if (silent_for > 0)
            links[i]->stale = TRUE;
          g_ptr_array_add (connections, g_object_ref (links[i]->connection));
        }
    }
  return connections;
}

static void
close_each (GPtrArray *connections,
            gushort    code,
            const char *reason)
{
  for (guint i = 0; i < connections->len; i++)
    if (soup_websocket_connection_get_state (connections->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_close (connections->pdata[i], code, reason);
}

/* Closes the sockets silent for longer than the liveness; their
 * "closed" detaches them (peer left) once the close is done. */
static void
close_silent (ZcServerSignal *self)
{
  g_autoptr(GPtrArray) silent = gather (self, (gint64) self->liveness * G_USEC_PER_SEC);

  close_each (silent, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "no answer");
}

static gboolean
check_expiry (gpointer user_data)
{
  ZcServerSignal *self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_hash_table_size (self->calls) == 0)
    {
      self->expiry_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* emits "video-ended" for each: on_video_ended closes them */
  if (!zc_server_api_video_end_expired (self->api, &error))
    g_warning ("video sessions: expiry not checked: %s", error->message);
  close_silent (self);
  return G_SOURCE_CONTINUE;
}

/* ---- the object ---- */

gboolean
zc_server_signal_has_party (ZcServerSignal     *self,
                            gint64              id,
                            ZcServerVideoParty  party)
{
  Call *call;

  g_return_val_if_fail (ZC_IS_SERVER_SIGNAL (self), FALSE);

  call = g_hash_table_lookup (self->calls, &id);
  return call != NULL && *slot_of (call, party) != NULL;
}

void
zc_server_signal_attach (ZcServerSignal          *self,
                         gint64                   id,
                         ZcServerVideoParty       party,
                         SoupWebsocketConnection *connection)
{
  Call *call;
  Link *link;
  Link *other;

  g_return_if_fail (ZC_IS_SERVER_SIGNAL (self));
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection));

  /* frames above the limit close the socket (1009) before they are read whole */
  soup_websocket_connection_set_max_incoming_payload_size (connection, ZC_SERVER_SIGNAL_MAX_FRAME);
  soup_websocket_connection_set_keepalive_interval (connection, MAX (1, self->liveness / 3));

  /* ended while the upgrade was written */
  if (!zc_server_api_video_is_live (self->api, id))
    {
      send_text (connection, "{\"type\":\"bye\"}");
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, "ended");
      return;
    }

  call = g_hash_table_lookup (self->calls, &id);
  if (call == NULL)
    {
      call = g_new0 (Call, 1);
      call->id = id;
      g_hash_table_insert (self->calls, &call->id, call);
    }
  /* one socket per party: a second one opened at the same moment */
  if (*slot_of (call, party) != NULL)
    {
      soup_websocket_connection_close (connection, ZC_SERVER_SIGNAL_CLOSE_TAKEN, "taken");
      return;
    }

  link = g_new0 (Link, 1);
  link->relay = self;
  link->call = call;
  link->party = party;
  link->connection = g_object_ref (connection);
  link->message_id = g_signal_connect (connection, "message", G_CALLBACK (on_message), link);
  link->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (on_closed), link);
  link->pong_id = g_signal_connect (connection, "pong", G_CALLBACK (on_pong), link);
  link->last_seen = g_get_monotonic_time ();
  link->window_start = link->last_seen;
  *slot_of (call, party) = link;

  other = other_of (link);
  if (other != NULL)
    {
      send_peer (other, "joined");
      send_peer (link, "joined");
    }
  update_state (self, call);

  if (self->expiry_id == 0)
    self->expiry_id = g_timeout_add_seconds (EXPIRY_CHECK_SECONDS, check_expiry, self);
}

void
zc_server_signal_set_liveness (ZcServerSignal *self,
                               guint           seconds)
{
  g_return_if_fail (ZC_IS_SERVER_SIGNAL (self));
  g_return_if_fail (seconds > 0);

  self->liveness = seconds;
}

void
zc_server_signal_close_all (ZcServerSignal *self)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_if_fail (ZC_IS_SERVER_SIGNAL (self));

  all = gather (self, 0);
  close_each (all, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
}

static void
zc_server_signal_dispose (GObject *object)
{
  ZcServerSignal *self = ZC_SERVER_SIGNAL (object);

  if (self->calls != NULL)
    {
      g_autoptr(GList) ids = g_hash_table_get_keys (self->calls);

      /* no state kept while the platform goes */
      for (GList *l = ids; l != NULL; l = l->next)
        {
          Call *call = g_hash_table_lookup (self->calls, l->data);
          Link *links[2] = { call->clerk, call->citizen };

          for (guint i = 0; i < G_N_ELEMENTS (links); i++)
            if (links[i] != NULL)
              link_free (links[i]);
          call->clerk = call->citizen = NULL;
        }
      g_clear_pointer (&self->calls, g_hash_table_unref);
    }
  g_clear_handle_id (&self->expiry_id, g_source_remove);
  if (self->api != NULL && self->ended_id != 0)
    g_signal_handler_disconnect (self->api, self->ended_id);
  self->ended_id = 0;
  self->api = NULL;

  G_OBJECT_CLASS (zc_server_signal_parent_class)->dispose (object);
}

static void
zc_server_signal_class_init (ZcServerSignalClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zc_server_signal_dispose;
}

static void
zc_server_signal_init (ZcServerSignal *self)
{
  self->calls = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->liveness = DEFAULT_LIVENESS_SECONDS;
}

ZcServerSignal *
zc_server_signal_new (ZcServerApi *api)
{
  ZcServerSignal *self;

  g_return_val_if_fail (ZC_IS_SERVER_API (api), NULL);

  self = g_object_new (ZC_TYPE_SERVER_SIGNAL, NULL);
  self->api = api;
  self->ended_id = g_signal_connect (api, "video-ended", G_CALLBACK (on_video_ended), self);
  return self;
}
