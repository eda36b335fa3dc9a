/* zc-client-request.c — how every request of ZcClient goes out and how
 * its answer comes back
 *
 * A call's URL is built from the base URL with GUri and escaped path
 * segments/query values; its SoupMessage carries Accept, the token and
 * the Idempotency-Key, goes out with soup_session_send_and_read_async()
 * and the call's cancellable (the message is the task's data), and the
 * answer is mapped: HTTP status → ZC_PLATFORM_ERROR (with the platform's
 * {"error":{"code","message"}} message), body → the call's reply
 * (zc-client-replies.c). A body that is not the contract is
 * ZC_PLATFORM_ERROR_BAD_RESPONSE, never a crash.
 *
 * Personal data (applicant keys in paths, names in bodies) never goes to
 * the debug log: only the method and the status are logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-json.h"
#include "zc-client-private.h"

#define API_PREFIX "/api/v1"

/* the data of a call's task */
typedef struct
{
  SoupMessage         *message;
  const ZcClientReply *reply;
  ZcClientSendFlags    flags;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->message);
  g_free (request);
}

/* --- URLs --- */

char *
_zc_client_escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

void
_zc_client_append_query (GString    *query,
                         const char *key,
                         const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", key, escaped);
}

void
_zc_client_append_query_uint (GString    *query,
                              const char *key,
                              guint       value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  _zc_client_append_query (query, key, buf);
}

char *
_zc_client_build_url (ZcClient   *self,
                      const char *path,
                      GString    *query)
{
  g_autofree char *base_path = NULL;
  g_autofree char *full_path = NULL;
  g_autoptr(GUri) uri = NULL;
  gsize len;

  base_path = g_strdup (g_uri_get_path (self->base_uri));
  len = strlen (base_path);
  while (len > 0 && base_path[len - 1] == '/')
    base_path[--len] = '\0';

  full_path = g_strconcat (base_path, API_PREFIX, path, NULL);
  uri = g_uri_build (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (self->base_uri),
                     NULL,
                     g_uri_get_host (self->base_uri),
                     g_uri_get_port (self->base_uri),
                     full_path,
                     (query != NULL && query->len > 0) ? query->str : NULL,
                     NULL);
  return g_uri_to_string (uri);
}

/* --- answers --- */

static JsonNode *
parse_json_bytes (GBytes  *bytes,
                  GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (size == 0)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer is empty"));
      return NULL;
    }
  /* an answer wraps what a request may carry in a few more levels */
  root = zc_json_parse (data, (gssize) size, 2 * ZC_JSON_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      g_debug ("Answer not accepted as JSON: %s", local_error->message);
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer is not valid JSON"));
      return NULL;
    }
  return root;
}

/* A string member of the platform's {"error":{"code","message",…}}
 * (e.g. "message"), or NULL */
static char *
error_member_from_body (GBytes     *bytes,
                        const char *member)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;

  if (bytes == NULL || (root = parse_json_bytes (bytes, NULL)) == NULL)
    return NULL;
  if (json_node_get_node_type (root) != JSON_NODE_OBJECT)
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "error"))
    return NULL;
  node = json_object_get_member (object, "error");
  if (json_node_get_node_type (node) != JSON_NODE_OBJECT)
    return NULL;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (json_node_get_node_type (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static GError *
error_from_status (guint   status,
                   GBytes *body)
{
  g_autofree char *message = error_member_from_body (body, "message");
  ZcPlatformError code;
  GError *error;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      code = ZC_PLATFORM_ERROR_UNAUTHORIZED;
      break;
    case SOUP_STATUS_FORBIDDEN:
      code = ZC_PLATFORM_ERROR_FORBIDDEN;
      break;
    case SOUP_STATUS_NOT_FOUND:
      code = ZC_PLATFORM_ERROR_NOT_FOUND;
      break;
    case SOUP_STATUS_CONFLICT:
      code = ZC_PLATFORM_ERROR_CONFLICT;
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      code = ZC_PLATFORM_ERROR_TOO_LARGE;
      break;
    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      code = ZC_PLATFORM_ERROR_INVALID;
      break;
    case SOUP_STATUS_LOCKED:
      code = ZC_PLATFORM_ERROR_LOCKED;
      break;
    case SOUP_STATUS_REQUEST_TIMEOUT:
    case 429: /* Too Many Requests */
    case SOUP_STATUS_SERVICE_UNAVAILABLE: /* 503 busy */
      code = ZC_PLATFORM_ERROR_BUSY;
      break;
    default:
      if (status >= 500 && status < 600)
        code = ZC_PLATFORM_ERROR_SERVER;
      else if (status >= 400 && status < 500)
        code = ZC_PLATFORM_ERROR_INVALID;
      else
        code = ZC_PLATFORM_ERROR_BAD_RESPONSE;
    }

  if (message == NULL || message[0] == '\0')
    {
      const char *phrase = soup_status_get_phrase (status);

      g_free (message);
      message = g_strdup_printf ("HTTP %u %s", status, phrase != NULL ? phrase : "");
      g_strchomp (message);
    }

  error = g_error_new_literal (ZC_PLATFORM_ERROR, code, message);
  if (code == ZC_PLATFORM_ERROR_LOCKED)
    {
      g_autofree char *until = error_member_from_body (body, "locked_until");

      zc_platform_error_set_locked_until (error, until);
    }
  return error;
}

/* The transport failed (@error): cancelled stays G_IO_ERROR_CANCELLED */
static GError *
error_from_transport (SoupMessage *message,
                      GError      *error)
{
  g_autofree char *logged = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  logged = zc_log_mask (error->message);
  if (error->domain == G_TLS_ERROR)
    {
      g_debug ("%s refused: %s", soup_message_get_method (message), logged);
      return g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE,
                          _("The platform’s certificate is not trusted, so nothing was sent (%s). "
                            "If the platform uses a certificate authority of its own, "
                            "set its certificate in the “ca-file” setting."),
                          error->message);
    }
  g_debug ("%s failed: %s", soup_message_get_method (message), logged);
  return g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK, "%s", error->message);
}

/* The bytes of an IMAGE or PDF reply, or NULL when they are not that */
static GBytes *
check_bytes (const ZcClientReply  *reply,
             SoupMessage          *message,
             GBytes               *bytes,
             GError              **error)
{
  const char *type = soup_message_headers_get_content_type (
      soup_message_get_response_headers (message), NULL);

  if (reply->kind == ZC_CLIENT_REPLY_PDF &&
      (g_bytes_get_size (bytes) == 0 || g_strcmp0 (type, "application/pdf") != 0))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform did not send a PDF"));
      return NULL;
    }
  if (reply->kind == ZC_CLIENT_REPLY_IMAGE &&
      (g_bytes_get_size (bytes) == 0 || type == NULL || !g_str_has_prefix (type, "image/")))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform did not send an image"));
      return NULL;
    }
  return g_bytes_ref (bytes);
}

/* The result of a JSON reply, or NULL with an error of ZC_PLATFORM_ERROR */
static gpointer
parse_reply (ZcClient             *self,
             const ZcClientReply  *reply,
             GBytes               *bytes,
             GError              **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer value;

  if ((root = parse_json_bytes (bytes, error)) == NULL)
    return NULL;
  if ((value = reply->parse (self, root, &local_error)) != NULL)
    return value;

  if (local_error == NULL)
    g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                 _("The platform sent an answer that cannot be understood."));
  else if (local_error->domain == ZC_PLATFORM_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                 "%s", local_error->message);
  return NULL;
}

static void
on_response (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZcClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  const ZcClientReply *reply = request->reply;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gpointer value;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error_from_transport (request->message, error));
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s → %u", soup_message_get_method (request->message), status);

  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, error_from_status (status, bytes));
      return;
    }

  switch (reply->kind)
    {
    case ZC_CLIENT_REPLY_NONE:
      g_task_return_pointer (task, GUINT_TO_POINTER (TRUE), NULL);
      return;
    case ZC_CLIENT_REPLY_IMAGE:
    case ZC_CLIENT_REPLY_PDF:
      value = check_bytes (reply, request->message, bytes, &error);
      if (value == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, value, (GDestroyNotify) g_bytes_unref);
      return;
    case ZC_CLIENT_REPLY_JSON:
    default:
      value = parse_reply (self, reply, bytes, &error);
      if (value == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, value, reply->free_func);
      return;
    }
}

/* --- requests --- */

static GTask *
new_task (ZcClient            *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

void
_zc_client_refuse (ZcClient            *self,
                   gpointer             source_tag,
                   ZcPlatformError      code,
                   const char          *message,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (self, source_tag, cancellable, callback, user_data);

  g_task_return_new_error (task, ZC_PLATFORM_ERROR, code, "%s", message);
}

GTask *
_zc_client_start_request (ZcClient            *self,
                          gpointer             source_tag,
                          const char          *method,
                          const char          *path,
                          GString             *query,
                          const char          *idempotency_key,
                          ZcClientSendFlags    flags,
                          const ZcClientReply *reply,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (self, source_tag, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  /* an address that is no http(s) URL says so before any other refusal */
  if (self->base_uri != NULL && self->refusal != NULL)
    {
      if (flags & ZC_CLIENT_SEND_FORGET_SESSION)
        _zc_client_forget_session (self);
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE,
                               "%s", self->refusal);
      return NULL;
    }

  request = g_new0 (Request, 1);
  request->reply = reply;
  request->flags = flags;
  g_task_set_task_data (task, request, request_free);
  if (self->base_uri != NULL)
    {
      url = _zc_client_build_url (self, path, query);
      request->message = soup_message_new (method, url);
    }
  if (request->message == NULL)
    {
      if (flags & ZC_CLIENT_SEND_FORGET_SESSION)
        _zc_client_forget_session (self);
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK,
                               _("The platform address “%s” is not an http or https URL"),
                               self->base_url);
      return NULL;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_append (headers, "Accept",
                               reply->kind == ZC_CLIENT_REPLY_PDF ? "application/pdf" : "application/json");
  if (self->token != NULL && !(flags & ZC_CLIENT_SEND_NO_AUTH))
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", self->token);
      soup_message_headers_append (headers, "Authorization", auth);
    }
  if (idempotency_key != NULL)
    soup_message_headers_append (headers, "Idempotency-Key", idempotency_key);
  return g_steal_pointer (&task);
}

SoupMessage *
_zc_client_task_message (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  return request->message;
}

void
_zc_client_send (GTask *task)
{
  ZcClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  if (request->flags & ZC_CLIENT_SEND_FORGET_SESSION)
    _zc_client_forget_session (self);

  soup_session_send_and_read_async (self->session,
                                    request->message,
                                    G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    on_response,
                                    task);
}

void
_zc_client_send_stream (GTask        *task,
                        const char   *content_type,
                        GInputStream *stream,
                        goffset       length)
{
  soup_message_set_request_body (_zc_client_task_message (task), content_type, stream, (gssize) length);
  _zc_client_send (task);
}

void
_zc_client_send_request (ZcClient            *self,
                         gpointer             source_tag,
                         const char          *method,
                         const char          *path,
                         GString             *query,
                         JsonNode            *body,
                         const char          *idempotency_key,
                         ZcClientSendFlags    flags,
                         const ZcClientReply *reply,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = _zc_client_start_request (self, source_tag, method, path, query, idempotency_key,
                                          flags, reply, cancellable, callback, user_data);

  if (task == NULL)
    return;
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;
      char *data = zc_json_to_data (body, FALSE, &length);

      bytes = g_bytes_new_take (data, length);
      soup_message_set_request_body_from_bytes (_zc_client_task_message (task),
                                                "application/json", bytes);
    }
  _zc_client_send (task);
}

/* --- results --- */

gpointer
_zc_client_finish (ZcClient      *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GListModel *
_zc_client_finish_page (ZcClient      *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        guint         *total,
                        GError       **error)
{
  ZcClientPage *page = _zc_client_finish (self, result, source_tag, error);
  GListModel *model;

  if (page == NULL)
    return NULL;

  if (total != NULL)
    *total = page->total;
  model = g_steal_pointer (&page->model);
  _zc_client_page_free (page);
  return model;
}
