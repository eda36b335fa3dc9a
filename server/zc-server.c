/* zc-server.c — zc-platform: the database, the request layer and a thin
 * SoupServer adapter that converts messages to ZcServerRequest and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "zc-server.h"
#include "zc-server-api.h"
#include "zc-server-api-private.h"
#include "zc-server-db.h"
#include "zc-server-demo.h"
#include "zc-server-signal.h"
#include "zc-server-upload.h"

struct _ZcServer
{
  GObject      parent_instance;

  ZcServerDb  *db;
  ZcServerApi *api;
  SoupServer  *soup;
  ZcServerSignal *relay;    /* video sessions' signalling sockets */
  GTlsCertificate *tls;     /* HTTPS when set */
  char        *public_url;  /* given by the operator, else the listening URL */
  char        *url;
  char        *unreadable;  /* the JSON error of a request libsoup cannot read */
  GSource     *check_source_ptr; /* the periodic commitment check */
  GMainContext *context;        /* where it listens */
  guint        check_interval;  /* seconds */
};

/* pending connections the kernel queues before accept (capped by
 * net.core.somaxconn, 4096 on Debian 12) */
#define ZC_SERVER_LISTEN_BACKLOG 1024

G_DEFINE_FINAL_TYPE (ZcServer, zc_server, G_TYPE_OBJECT)

static void
send_response (SoupServerMessage *msg,
               ZcServerResponse  *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GHashTableIter iter;
  gpointer name, value;

  soup_server_message_set_status (msg, response->status, NULL);
  /* libsoup 3.2.3 leaks a kept-alive connection that the client closes
   * while it waits for the next request: after a complete response it
   * starts reading the next request on a message nobody has seen yet
   * (no completion callback), and when that read ends at EOF the
   * message finishes without disconnecting the connection (fixed in
   * libsoup 3.3.1 by d20c6601 "server: do not leak idle connections
   * closed by the client"). The socket stays in CLOSE-WAIT, one file
   * descriptor per connection. Answering every request with
   * "Connection: close" makes libsoup disconnect the connection itself
   * once the response is written (request_finished: not keep-alive), so
   * no connection is ever left idle. Costs a TCP handshake per request. */
  soup_message_headers_replace (headers, "Connection", "close");
  g_hash_table_iter_init (&iter, response->headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_message_headers_replace (headers, name, value);
  /* drop the body laid ready in request_started (set_response appends) */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_message_headers_remove (headers, "Content-Type");
  if (response->body != NULL && response->content_type != NULL)
    {
      /* the bytes as they are (a document's file is a mapping) */
      soup_message_headers_replace (headers, "Content-Type", response->content_type);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
                                      response->body);
    }
}

static void
collect_header (const char *name,
                const char *value,
                gpointer    user_data)
{
  zc_server_request_set_header (user_data, name, value);
}

/* ---- bodies above the limit: answered while they are read ----
 *
 * libsoup 3.2 reads a request body whole before the handler runs, even
 * when an early handler has already set a status. A body above
 * ZC_SERVER_MAX_BODY (declared by Content-Length, or counted chunk by
 * chunk through "got-chunk" for chunked bodies) is answered here
 * instead: the connection is taken from libsoup (as a WebSocket
 * upgrade takes it), the 413 is written on it, the sending side is
 * shut and what the client still sends is read and dropped for at most
 * LINGER_SECONDS / LINGER_BYTES (so that the client reads the 413
 * rather than a reset), then the connection is closed. */

#define LINGER_SECONDS 2
#define LINGER_BYTES   (16 * 1024 * 1024)

typedef struct
{
  GIOStream *stream;
  GBytes    *answer;
  guint8     buf[16384];
  gsize      drained;
  guint      timeout_id;
  gboolean   closed;
} Reject;

static void
reject_finish (Reject *reject)
{
  if (reject->closed)
    return;
  reject->closed = TRUE;
  g_clear_handle_id (&reject->timeout_id, g_source_remove);
  /* closing the stream closes the socket (no blocking: the read below
   * is cancelled by the close) */
  g_io_stream_close (reject->stream, NULL, NULL);
}

static void
reject_free (Reject *reject)
{
  reject_finish (reject);
  g_clear_object (&reject->stream);
  g_clear_pointer (&reject->answer, g_bytes_unref);
  g_free (reject);
}

static gboolean
reject_timeout (gpointer data)
{
  Reject *reject = data;

  reject->timeout_id = 0;
  reject_finish (reject);
  return G_SOURCE_REMOVE;
}

static void
reject_drained (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Reject *reject = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n > 0 && !reject->closed && reject->drained + (gsize) n <= LINGER_BYTES)
    {
      reject->drained += (gsize) n;
      g_input_stream_read_async (G_INPUT_STREAM (source), reject->buf, sizeof reject->buf,
                                 G_PRIORITY_DEFAULT, NULL, reject_drained, reject);
      return;
    }
  reject_free (reject);
}

static void
reject_written (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Reject *reject = data;
  GSocket *socket = g_object_get_data (G_OBJECT (reject->stream), "GSocket");

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      reject_free (reject);
      return;
    }
  if (socket != NULL)
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
  reject->timeout_id = g_timeout_add_seconds (LINGER_SECONDS, reject_timeout, reject);
  g_input_stream_read_async (g_io_stream_get_input_stream (reject->stream),
                             reject->buf, sizeof reject->buf,
                             G_PRIORITY_DEFAULT, NULL, reject_drained, reject);
}

static void
reject_with (SoupServerMessage *msg,
             ZcServerResponse  *response)
{
  const char *json = zc_server_response_get_text (response);
  g_autofree char *head = NULL;
  GString *answer;
  Reject *reject;
  GIOStream *stream;

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  answer = g_string_new (NULL);
  g_string_append_printf (answer,
                          "HTTP/1.1 %u %s\r\n"
                          "Server: zc-platform/" PACKAGE_VERSION "\r\n"
                          "Content-Type: " ZC_SERVER_JSON_TYPE "\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n%s",
                          response->status, soup_status_get_phrase (response->status),
                          strlen (json), json);

  reject = g_new0 (Reject, 1);
  reject->stream = stream;
  reject->answer = g_string_free_to_bytes (answer);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (reject->answer, NULL),
                                   g_bytes_get_size (reject->answer),
                                   G_PRIORITY_DEFAULT, NULL, reject_written, reject);
}

static void
reject_too_large (SoupServerMessage *msg)
{
  g_autoptr(ZcServerResponse) response =
    _zc_server_error (413, "body_too_large", _("The request body is larger than 1 MiB."));

  reject_with (msg, response);
}

/* ---- documents: the body streamed to a file as it arrives ----
 *
 * POST …/cases/{id}/documents by an authenticated clerk or helper:
 * libsoup keeps none of the body (accumulate off); each chunk goes to a
 * ZcServerUpload (a temporary file beside the database, hashed as it
 * is written), which the handler finds on the request. Above
 * ZC_SERVER_MAX_DOCUMENT (declared or counted) the 413 is sent at once
 * as for other bodies. Anyone else's body is bounded like any other
 * (1 MiB) and the route answers 401/403 as usual. */

#define UPLOAD_KEY "zc-upload"
/* set on a message whose body is a call's recording, not a PDF */
#define RECORDING_KEY "zc-upload-recording"

static void got_chunk (SoupServerMessage *msg,
                       GBytes            *chunk,
                       gpointer           user_data);

static void
reject_document_too_large (SoupServerMessage *msg)
{
  g_autoptr(ZcServerResponse) response = NULL;

  /* a call's recording (POST /video-sessions/{id}/recording) */
  if (g_object_get_data (G_OBJECT (msg), RECORDING_KEY) != NULL)
    response = _zc_server_error (413, "recording_too_large",
                                 _("The recording is larger than 512 MiB: it was not kept."));
  else
    response = _zc_server_error (413, "document_too_large",
                                 _("The document is larger than 20 MiB: scan it at a lower resolution or split it."));
  reject_with (msg, response);
}

static void
upload_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  ZcServerUpload *upload = g_object_get_data (G_OBJECT (msg), UPLOAD_KEY);
  gsize len = 0;
  const void *data = g_bytes_get_data (chunk, &len);

  if (upload == NULL || zc_server_upload_write (upload, data, len))
    return;
  g_signal_handlers_disconnect_by_func (msg, upload_chunk, user_data);
  g_object_set_data (G_OBJECT (msg), UPLOAD_KEY, NULL);
  reject_document_too_large (msg);
}

/* the uploader may upload documents (else the route answers 401/403);
 * a recording is refused at once (*refusal) when the session is not
 * the uploader's to record on, before up to 512 MiB reach the disk */
static gboolean
may_upload (ZcServer          *self,
            SoupServerMessage *msg,
            const char        *path,
            ZcServerResponse **refusal)
{
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", path, NULL);
  g_autoptr(ZcServerUser) user = NULL;

  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                collect_header, request);
  user = _zc_server_authenticate (self->api, request);
  if (user == NULL || (user->role != ZC_ROLE_CLERK && user->role != ZC_ROLE_HELPER))
    return FALSE;
  if (g_object_get_data (G_OBJECT (msg), RECORDING_KEY) != NULL)
    *refusal = _zc_server_recording_refusal (self->api, user, path);
  return TRUE;
}

static void
start_upload (ZcServer          *self,
              SoupServerMessage *msg,
              const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GError) error = NULL;
  ZcServerUpload *upload;
  gboolean recording = g_object_get_data (G_OBJECT (msg), RECORDING_KEY) != NULL;
  guint64 limit = recording ? ZC_SERVER_MAX_RECORDING : ZC_SERVER_MAX_DOCUMENT;
  g_autoptr(ZcServerResponse) refusal = NULL;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > limit)
    {
      reject_document_too_large (msg);
      return;
    }
  /* anyone else's body is bounded as any other body (1 MiB), and the
   * route answers 401/403 */
  if (!may_upload (self, msg, path, &refusal))
    {
      g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), self);
      return;
    }
  if (refusal != NULL)
    {
      reject_with (msg, refusal);
      return;
    }
  /* a connection cut between two chunks reads as the end of a chunked
   * body (libsoup 3.2): only a declared length tells a whole document */
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      g_autoptr(ZcServerResponse) response =
        _zc_server_error (411, "length_required",
                          _("A document is sent with its length (Content-Length), not in chunks."));

      reject_with (msg, response);
      return;
    }
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  if (recording)
    upload = zc_server_upload_new_with_magic (zc_server_db_get_files_dir (self->db), limit,
                                              ZC_SERVER_WEBM_MAGIC, ZC_SERVER_WEBM_MAGIC_LEN,
                                              &error);
  else
    upload = zc_server_upload_new (zc_server_db_get_files_dir (self->db), limit, &error);
  if (upload == NULL)
    {
      /* the handler answers 503 (it tries again and fails the same) */
      g_warning ("documents: %s", error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (msg), UPLOAD_KEY, upload,
                          (GDestroyNotify) zc_server_upload_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (upload_chunk), self);
}

static void
got_chunk (SoupServerMessage *msg,
           GBytes            *chunk,
           gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body != NULL && body->length > ZC_SERVER_MAX_BODY)
    {
      g_signal_handlers_disconnect_by_func (msg, got_chunk, user_data);
      /* drop what was kept before taking the connection */
      soup_message_body_truncate (body);
      reject_too_large (msg);
    }
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *length = soup_message_headers_get_list (headers, "Content-Length");

  /* one length in decimal digits, or none: libsoup 3.2 reads "-5" as no
   * body (warning on stderr at each such request) and two conflicting
   * headers as the last one */
  if (length != NULL &&
      (length[0] == '\0' || strlen (length) > 18 ||
       strspn (length, "0123456789") != strlen (length)))
    {
      g_autoptr(ZcServerResponse) response =
        _zc_server_error (400, "bad_request",
                          _("The request’s Content-Length is not one length in bytes."));

      reject_with (msg, response);
      return;
    }

  if (_zc_server_is_document_upload (soup_server_message_get_method (msg), path))
    {
      start_upload (user_data, msg, path);
      return;
    }
  if (_zc_server_is_recording_upload (soup_server_message_get_method (msg), path))
    {
      g_object_set_data (G_OBJECT (msg), RECORDING_KEY, GINT_TO_POINTER (1));
      start_upload (user_data, msg, path);
      return;
    }
  /* refuse an oversized body before libsoup reads it */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > ZC_SERVER_MAX_BODY)
    {
      reject_too_large (msg);
      return;
    }
  /* chunked (or read until EOF): counted while it is read */
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), user_data);
}

/* ---- WebSocket upgrades of video sessions ----
 *
 * The request layer decided (101 with a session and a party: the token
 * or the join code is good, the session live); here the handshake is
 * checked, a second socket of the same party refused (409), and once the
 * 101 is written the connection goes to the relay. */

typedef struct
{
  ZcServer          *server;
  gint64             session;
  ZcServerVideoParty party;
} Upgrade;

static void
upgrade_written (SoupServerMessage *msg,
                 gpointer           user_data)
{
  /* copied first: disconnecting frees @user_data */
  Upgrade upgrade = *(Upgrade *) user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;

  g_signal_handlers_disconnect_by_func (msg, upgrade_written, user_data);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL || upgrade.server->relay == NULL)
    return;
  connection = soup_websocket_connection_new (stream, soup_server_message_get_uri (msg),
                                              SOUP_WEBSOCKET_CONNECTION_SERVER,
                                              soup_message_headers_get_one (headers, "Origin"),
                                              NULL, NULL);
  zc_server_signal_attach (upgrade.server->relay, upgrade.session, upgrade.party, connection);
}

static void
start_upgrade (ZcServer          *self,
               SoupServerMessage *msg,
               ZcServerResponse  *response)
{
  g_autoptr(GError) error = NULL;
  Upgrade *upgrade;

  if (!soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, &error))
    {
      g_autoptr(ZcServerResponse) bad =
        _zc_server_error_printf (400, "bad_handshake",
                                 _("The WebSocket handshake is not valid: %s"), error->message);

      send_response (msg, bad);
      return;
    }
  if (zc_server_signal_has_party (self->relay, response->video_session, response->video_party))
    {
      g_autoptr(ZcServerResponse) taken =
        _zc_server_error (409, "already_connected",
                          response->video_party == ZC_SERVER_VIDEO_CITIZEN
                          ? _("Someone has already joined this video session with this code.")
                          : _("This video session already has the clerk's connection."));

      send_response (msg, taken);
      return;
    }

  /* no body, no Content-Type on a 101 (request_started laid one ready) */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_message_headers_remove (soup_server_message_get_response_headers (msg), "Content-Type");
  soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL);

  upgrade = g_new0 (Upgrade, 1);
  upgrade->server = self;
  upgrade->session = response->video_session;
  upgrade->party = response->video_party;
  g_signal_connect_data (msg, "wrote-informational", G_CALLBACK (upgrade_written),
                         upgrade, (GClosureNotify) (void (*) (void)) g_free, 0);
}

/* A message waiting for its answer. On libsoup 3.2.3,
 * soup_server_message_unpause on a message whose connection is gone is a
 * critical: "disconnected" marks it. */
typedef struct
{
  ZcServer          *server;
  SoupServerMessage *msg;
  gulong             handler_id;
  gboolean           sent;
  gboolean           paused;
  gboolean           gone;
  gboolean          *answered_now;  /* the handler's own flag while it runs */
} Answer;

static void
answer_gone (SoupServerMessage *msg,
             gpointer           user_data)
{
  Answer *answer = user_data;

  answer->gone = TRUE;
}

static void
answer_ready (ZcServerResponse *response,
              gpointer          user_data)
{
  Answer *answer = user_data;

  answer->sent = TRUE;
  if (answer->answered_now != NULL)
    *answer->answered_now = TRUE;
  if (!answer->gone && response->video_session > 0)
    start_upgrade (answer->server, answer->msg, response);
  else if (!answer->gone)
    {
      send_response (answer->msg, response);
      if (answer->paused)
        soup_server_message_unpause (answer->msg);
    }
  zc_server_response_free (response);
}

static void
answer_free (gpointer user_data)
{
  Answer *answer = user_data;

  g_signal_handler_disconnect (answer->msg, answer->handler_id);
  g_object_unref (answer->msg);
  g_free (answer);
}

static void
server_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  ZcServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(ZcServerRequest) request = NULL;
  Answer *answer;
  SoupMessageBody *body;
  gboolean answered = FALSE;

  request = zc_server_request_new (soup_server_message_get_method (msg),
                                   g_uri_get_path (uri), g_uri_get_query (uri));
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                collect_header, request);
  body = soup_server_message_get_request_body (msg);
  if (body != NULL && body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      request->body = g_steal_pointer (&bytes);
    }
  request->remote_address = g_strdup (soup_server_message_get_remote_host (msg));
  /* a document streamed to its file (start_upload) */
  request->upload = g_object_steal_data (G_OBJECT (msg), UPLOAD_KEY);
  if (request->upload != NULL)
    g_signal_handlers_disconnect_by_func (msg, upload_chunk, self);

  /* a login hashes its password on the api's worker pool: the message
   * waits paused meanwhile and the loop answers everyone else */
  answer = g_new0 (Answer, 1);
  answer->server = self;
  answer->msg = g_object_ref (msg);
  answer->handler_id = g_signal_connect (msg, "disconnected", G_CALLBACK (answer_gone), answer);
  /* an answer made at once is sent and @answer freed inside the call:
   * only the flag on this stack may be read afterwards */
  answer->answered_now = &answered;
  zc_server_api_handle_async (self->api, request, answer_ready, answer, answer_free);
  if (!answered)
    {
      answer->answered_now = NULL;
      answer->paused = TRUE;
      soup_server_message_pause (msg);
    }
}

/* libsoup answers a request it cannot read (a malformed request line or
 * header, an unknown Transfer-Encoding, a ".." path) itself, without a
 * handler and with no hook between its decision and the write. It
 * writes whatever response body the message holds, though; so every
 * message starts with the JSON error laid ready, which the handler
 * replaces (send_response) when the request is read. The status stays
 * libsoup's (400, or 501 for an unknown Transfer-Encoding); its reason
 * phrase and HTTP/1.0 for an unreadable request line cannot be changed
 * on 3.2. */
static void
request_started (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  ZcServer *self = user_data;

  soup_server_message_set_response (msg, ZC_SERVER_JSON_TYPE, SOUP_MEMORY_STATIC,
                                    self->unreadable,
                                    strlen (self->unreadable));
}

static void
zc_server_dispose (GObject *object)
{
  ZcServer *self = ZC_SERVER (object);

  zc_server_shutdown (self);
  if (self->check_source_ptr != NULL)
    {
      g_source_destroy (self->check_source_ptr);
      g_clear_pointer (&self->check_source_ptr, g_source_unref);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  if (self->api != NULL)
    zc_server_api_shutdown (self->api);
  g_clear_object (&self->relay);
  g_clear_object (&self->soup);
  g_clear_object (&self->api);

  G_OBJECT_CLASS (zc_server_parent_class)->dispose (object);
}

static void
zc_server_finalize (GObject *object)
{
  ZcServer *self = ZC_SERVER (object);

  g_clear_pointer (&self->db, zc_server_db_close);
  g_free (self->url);
  g_free (self->public_url);
  g_clear_object (&self->tls);
  g_free (self->unreadable);

  G_OBJECT_CLASS (zc_server_parent_class)->finalize (object);
}

static void
zc_server_class_init (ZcServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_server_dispose;
  object_class->finalize = zc_server_finalize;
}

static void
zc_server_init (ZcServer *self)
{
  self->check_interval = ZC_SERVER_DEFAULT_CHECK_INTERVAL;
}

/* The periodic job: commitments whose deadline passed on the platform's
 * clock become overdue even when nobody reads them. */
static gboolean
check_commitments (gpointer data)
{
  ZcServer *self = data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  /* a message, not a warning: a busy database is tried again next time */
  if (!zc_server_api_check_commitments (self->api, &n, &error))
    g_message ("zc-platform: the commitment check failed: %s", error->message);
  else if (n > 0)
    g_debug ("zc-platform: %u commitment(s) became overdue", n);
  return G_SOURCE_CONTINUE;
}

static void
start_check (ZcServer *self)
{
  g_autoptr(GSource) source = NULL;

  if (self->check_source_ptr != NULL)
    {
      g_source_destroy (self->check_source_ptr);
      g_clear_pointer (&self->check_source_ptr, g_source_unref);
    }
  if (self->check_interval == 0 || self->soup == NULL)
    return;
  /* in the context the server listens in (a test's thread has its own) */
  source = g_timeout_source_new_seconds (self->check_interval);
  g_source_set_callback (source, check_commitments, self, NULL);
  g_source_set_name (source, "[zc-platform] commitment check");
  g_source_attach (source, self->context);
  self->check_source_ptr = g_steal_pointer (&source);
}

void
zc_server_set_check_interval (ZcServer *self,
                              guint     seconds)
{
  g_return_if_fail (ZC_IS_SERVER (self));

  self->check_interval = seconds;
  start_check (self);
}

void
zc_server_set_verification_days (ZcServer *self,
                                 guint     days)
{
  g_return_if_fail (ZC_IS_SERVER (self));

  zc_server_api_set_verification_days (self->api, days);
}

void
zc_server_set_clock (ZcServer *self,
                     ZcClock  *clock)
{
  g_return_if_fail (ZC_IS_SERVER (self));

  zc_server_db_set_clock (self->db, clock);
}

ZcServer *
zc_server_new (const char  *db_path,
               gboolean     demo,
               const char  *data_dir,
               GError     **error)
{
  g_autoptr(ZcServer) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = data_dir ? g_strdup (data_dir) : zc_server_default_data_dir ();
  self = g_object_new (ZC_TYPE_SERVER, NULL);
  self->db = zc_server_db_open (db_path, error);
  if (self->db == NULL)
    return NULL;

  if (demo && zc_server_db_is_empty (self->db))
    {
      if (!zc_server_demo_load (self->db, dir, error))
        return NULL;
    }

  self->api = zc_server_api_new (self->db, dir);
  self->relay = zc_server_signal_new (self->api);
  {
    g_autoptr(ZcServerResponse) unreadable =
      _zc_server_error (400, "bad_request",
                        _("The request could not be read: its request line or a header is malformed."));

    self->unreadable = g_strdup (zc_server_response_get_text (unreadable));
  }
  return g_steal_pointer (&self);
}

gboolean
zc_server_listen (ZcServer    *self,
                  const char  *address,
                  guint        port,
                  GError     **error)
{
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GSocket) socket = NULL;
  GSList *uris;

  g_return_val_if_fail (ZC_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  sockaddr = g_inet_socket_address_new_from_string (address, port);
  if (sockaddr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address to listen on."), address);
      return FALSE;
    }

  /* soup_server_listen() listens with a backlog of 10 (libsoup 3.2's
   * SoupListener): a burst of connections beyond it waits for SYN
   * retransmissions or is reset. The socket is made here instead. */
  socket = g_socket_new (g_socket_address_get_family (sockaddr), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, ZC_SERVER_LISTEN_BACKLOG);
  if (!g_socket_bind (socket, sockaddr, TRUE, error) ||
      !g_socket_listen (socket, error))
    return FALSE;

  self->soup = soup_server_new ("server-header", "zc-platform/" PACKAGE_VERSION,
                                "tls-certificate", self->tls, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_handler, self, NULL);
  if (!soup_server_listen_socket (self->soup, socket,
                                  self->tls != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      const char *host = g_uri_get_host (uri);
      const char *scheme = self->tls != NULL ? "https" : "http";

      g_free (self->url);
      if (strchr (host, ':') != NULL)
        self->url = g_strdup_printf ("%s://[%s]:%d", scheme, host, g_uri_get_port (uri));
      else
        self->url = g_strdup_printf ("%s://%s:%d", scheme, host, g_uri_get_port (uri));
    }
  zc_server_api_set_public_url (self->api, self->public_url ? self->public_url : self->url);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* at start-up, then periodically */
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  check_commitments (self);
  start_check (self);
  return TRUE;
}

const char *
zc_server_get_url (ZcServer *self)
{
  g_return_val_if_fail (ZC_IS_SERVER (self), NULL);
  return self->url;
}

void
zc_server_set_tls_certificate (ZcServer        *self,
                               GTlsCertificate *certificate)
{
  g_return_if_fail (ZC_IS_SERVER (self));
  g_return_if_fail (self->soup == NULL);

  g_set_object (&self->tls, certificate);
}

void
zc_server_set_public_url (ZcServer   *self,
                          const char *url)
{
  g_return_if_fail (ZC_IS_SERVER (self));

  g_free (self->public_url);
  self->public_url = g_strdup (url);
  if (self->public_url != NULL || self->url != NULL)
    zc_server_api_set_public_url (self->api, self->public_url ? self->public_url : self->url);
}

void
zc_server_set_signal_liveness (ZcServer *self,
                               guint     seconds)
{
  g_return_if_fail (ZC_IS_SERVER (self));

  zc_server_signal_set_liveness (self->relay, seconds);
}

void
zc_server_shutdown (ZcServer *self)
{
  g_return_if_fail (ZC_IS_SERVER (self));

  if (self->relay != NULL)
    zc_server_signal_close_all (self->relay);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
