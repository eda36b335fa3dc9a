/* zc-client.c — async client of the platform REST contract
 *
 * One SoupSession; every call builds its URL from the base URL with GUri
 * and escaped path segments/query values, sends a SoupMessage with
 * soup_session_send_and_read_async() and maps the answer: HTTP status →
 * ZC_PLATFORM_ERROR (with the platform's {"error":{"code","message"}}
 * message), body → zc-models.h objects checked node by node. A body that
 * is not the contract is ZC_PLATFORM_ERROR_BAD_RESPONSE, never a crash.
 *
 * Personal data (applicant keys in paths, names in bodies) never goes to
 * the debug log: only the method and the status are logged.
 *
 * Transport security: the SoupSession always verifies the platform's
 * certificate (no "accept-certificate" handler anywhere) against the
 * system's trust store or the CA bundle given by zc_client_set_ca_file().
 * Plain http is allowed only to this computer (127.0.0.0/8, ::1,
 * localhost: the bundled demo platform); any other http:// address is
 * refused before a connection is made (ZC_PLATFORM_ERROR_INSECURE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "zc-json.h"
#include "zc-client.h"

#define API_PREFIX "/api/v1"
#define TIMEOUT_SECONDS 15

struct _ZcClient
{
  GObject parent_instance;

  SoupSession *session;
  char        *base_url;
  GUri        *base_uri;   /* NULL when base_url is not an http(s) URL */
  char        *token;
  ZcUser      *user;
  char        *refusal;    /* translated: why every call is refused before any I/O */
};

G_DEFINE_TYPE (ZcClient, zc_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Turns the body of a successful answer into the task's result (never
 * NULL on success) or sets an error. */
typedef gpointer (*ZcParseFunc) (ZcClient  *self,
                                 JsonNode  *root,
                                 GError   **error);

typedef enum
{
  REQUEST_DEFAULT        = 0,
  REQUEST_RAW            = 1 << 0, /* return the body as GBytes (an image) */
  REQUEST_PDF            = 1 << 3, /* return the body as GBytes (a PDF) */
  REQUEST_NO_AUTH        = 1 << 1, /* do not send the token */
  REQUEST_FORGET_SESSION = 1 << 2, /* forget token and user once sent */
} RequestFlags;

typedef struct
{
  SoupMessage    *message;
  ZcParseFunc     parse;       /* NULL: no body expected → TRUE */
  GDestroyNotify  free_func;   /* frees what parse returns */
  RequestFlags    flags;
} Request;

typedef struct
{
  GListModel *model;
  guint       total;
} Page;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->message);
  g_free (request);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_object (&page->model);
  g_free (page);
}

/* --- URLs --- */

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

static void
append_query (GString    *query,
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

static void
append_query_uint (GString    *query,
                   const char *key,
                   guint       value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  append_query (query, key, buf);
}

/* @path: below /api/v1, segments already escaped; @query may be NULL */
static char *
build_url (ZcClient   *self,
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

static void
forget_session (ZcClient *self)
{
  zc_client_set_token (self, NULL);
  if (self->user != NULL)
    {
      g_clear_object (&self->user);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
}

static void
on_response (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZcClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gpointer value;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (error->domain == G_TLS_ERROR)
        {
          {
            g_autofree char *logged = zc_log_mask (error->message);

            g_debug ("%s refused: %s", soup_message_get_method (request->message), logged);
          }
          g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE,
                                   _("The platform’s certificate is not trusted, so nothing was sent (%s). "
                                     "If the platform uses a certificate authority of its own, "
                                     "set its certificate in the “ca-file” setting."),
                                   error->message);
        }
      else
        {
          {
            g_autofree char *logged = zc_log_mask (error->message);

            g_debug ("%s failed: %s", soup_message_get_method (request->message), logged);
          }
          g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK,
                                   "%s", error->message);
        }
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s → %u", soup_message_get_method (request->message), status);

  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, error_from_status (status, bytes));
      return;
    }

  if (request->flags & REQUEST_PDF)
    {
      const char *type = soup_message_headers_get_content_type (
          soup_message_get_response_headers (request->message), NULL);

      if (g_bytes_get_size (bytes) == 0 || g_strcmp0 (type, "application/pdf") != 0)
        g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                                 _("The platform did not send a PDF"));
      else
        g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (request->flags & REQUEST_RAW)
    {
      const char *type = soup_message_headers_get_content_type (
          soup_message_get_response_headers (request->message), NULL);

      if (g_bytes_get_size (bytes) == 0 || type == NULL || !g_str_has_prefix (type, "image/"))
        g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                                 _("The platform did not send an image"));
      else
        g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (request->parse == NULL)
    {
      g_task_return_pointer (task, GUINT_TO_POINTER (TRUE), NULL);
      return;
    }

  if ((root = parse_json_bytes (bytes, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((value = request->parse (self, root, &error)) == NULL)
    {
      if (error == NULL)
        g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                                 _("The platform sent an answer that cannot be understood."));
      else if (error->domain == ZC_PLATFORM_ERROR)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                                 "%s", error->message);
      return;
    }

  g_task_return_pointer (task, value, request->free_func);
}

/* The message of the request for @task, its headers set (the task's
 * data); NULL when it cannot be made: then @task is answered and
 * consumed. */
static Request *
start_request (ZcClient    *self,
               GTask       *task,
               const char  *method,
               const char  *path,
               GString     *query,
               const char  *idempotency_key,
               RequestFlags flags,
               const char  *token,
               ZcParseFunc  parse,
               GDestroyNotify free_func)
{
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  if (self->base_uri == NULL)
    {
      if (flags & REQUEST_FORGET_SESSION)
        forget_session (self);
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK,
                               _("The platform address “%s” is not an http or https URL"),
                               self->base_url);
      g_object_unref (task);
      return NULL;
    }

  if (self->refusal != NULL)
    {
      if (flags & REQUEST_FORGET_SESSION)
        forget_session (self);
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE,
                               "%s", self->refusal);
      g_object_unref (task);
      return NULL;
    }

  url = build_url (self, path, query);

  request = g_new0 (Request, 1);
  request->parse = parse;
  request->free_func = free_func;
  request->flags = flags;
  request->message = soup_message_new (method, url);
  g_task_set_task_data (task, request, request_free);

  if (request->message == NULL)
    {
      if (flags & REQUEST_FORGET_SESSION)
        forget_session (self);
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK,
                               _("The platform address “%s” is not an http or https URL"),
                               self->base_url);
      g_object_unref (task);
      return NULL;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_append (headers, "Accept", "application/json");
  if (token != NULL && !(flags & REQUEST_NO_AUTH))
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
      soup_message_headers_append (headers, "Authorization", auth);
    }
  if (idempotency_key != NULL)
    soup_message_headers_append (headers, "Idempotency-Key", idempotency_key);
  return request;
}

/* Sends the request for @task (consumed) with the session @token
 * (nullable). @body may be NULL. */
static void
send_request_with_token (ZcClient    *self,
                         GTask       *task,
                         const char  *method,
                         const char  *path,
                         GString     *query,
                         JsonNode    *body,
                         const char  *idempotency_key,
                         RequestFlags flags,
                         const char  *token,
                         ZcParseFunc  parse,
                         GDestroyNotify free_func)
{
  Request *request = start_request (self, task, method, path, query, idempotency_key, flags,
                                     token, parse, free_func);

  if (request == NULL)
    return;
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;
      char *data = zc_json_to_data (body, FALSE, &length);

      bytes = g_bytes_new_take (data, length);
      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }

  if (flags & REQUEST_FORGET_SESSION)
    forget_session (self);

  soup_session_send_and_read_async (self->session,
                                    request->message,
                                    G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    on_response,
                                    task);
}

/* The same with the client's own session */
static void
send_request (ZcClient    *self,
              GTask       *task,
              const char  *method,
              const char  *path,
              GString     *query,
              JsonNode    *body,
              const char  *idempotency_key,
              RequestFlags flags,
              ZcParseFunc  parse,
              GDestroyNotify free_func)
{
  send_request_with_token (self, task, method, path, query, body, idempotency_key, flags, self->token,
                           parse, free_func);
}

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

static gpointer
finish_pointer (ZcClient      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonObject *
root_object (JsonNode    *root,
             GError     **error)
{
  if (json_node_get_node_type (root) != JSON_NODE_OBJECT)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer is not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

typedef gpointer (*ZcModelNewFunc) (JsonNode *node, GError **error);

/* {"<member>":[…],"total":N?} → Page */
static Page *
parse_page (JsonNode        *root,
            const char      *member,
            GType            item_type,
            ZcModelNewFunc   new_func,
            gboolean         with_total,
            GError         **error)
{
  g_autoptr(GListStore) store = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  Page *page;
  guint n;
  gint64 total = 0;

  if (!(object = root_object (root, error)))
    return NULL;

  if (!json_object_has_member (object, member) ||
      json_node_get_node_type ((node = json_object_get_member (object, member))) != JSON_NODE_ARRAY)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no list “%s”"), member);
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  store = g_list_store_new (item_type);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = new_func (json_array_get_element (array, i), error);

      if (item == NULL)
        {
          g_prefix_error (error, "%s[%u]: ", member, i);
          return NULL;
        }
      g_list_store_append (store, item);
    }

  if (with_total)
    {
      if (!json_object_has_member (object, "total") ||
          json_node_get_node_type ((node = json_object_get_member (object, "total"))) != JSON_NODE_VALUE ||
          json_node_get_value_type (node) != G_TYPE_INT64 ||
          (total = json_node_get_int (node)) < n || total > G_MAXUINT)
        {
          g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                       _("The platform’s answer has no valid “%s”"), "total");
          return NULL;
        }
    }

  page = g_new0 (Page, 1);
  page->model = G_LIST_MODEL (g_steal_pointer (&store));
  page->total = with_total ? (guint) total : n;
  return page;
}

static GListModel *
finish_page (ZcClient      *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             guint         *total,
             GError       **error)
{
  Page *page = finish_pointer (self, result, source_tag, error);
  GListModel *model;

  if (page == NULL)
    return NULL;

  if (total != NULL)
    *total = page->total;
  model = g_steal_pointer (&page->model);
  page_free (page);
  return model;
}

/* --- transport security --- */

/**
 * zc_client_host_is_loopback:
 * @host: a URI host (an IPv6 literal without brackets)
 *
 * Returns: TRUE for localhost, 127.0.0.0/8 and ::1
 */
gboolean
zc_client_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL || host[0] == '\0')
    return FALSE;
  len = strlen (host);
  if (host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);
  if (g_ascii_strcasecmp (bare, "localhost") == 0 || g_ascii_strcasecmp (bare, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* --- GObject --- */

static void
zc_client_finalize (GObject *object)
{
  ZcClient *self = (ZcClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->token, g_free);
  g_clear_object (&self->user);
  g_clear_pointer (&self->refusal, g_free);

  G_OBJECT_CLASS (zc_client_parent_class)->finalize (object);
}

static void
zc_client_constructed (GObject *object)
{
  ZcClient *self = (ZcClient *)object;
  g_autoptr(GUri) uri = NULL;

  G_OBJECT_CLASS (zc_client_parent_class)->constructed (object);

  if (self->base_url != NULL)
    uri = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL &&
      (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 ||
       g_strcmp0 (g_uri_get_scheme (uri), "https") == 0) &&
      g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
    self->base_uri = g_steal_pointer (&uri);

  if (self->base_uri != NULL &&
      g_strcmp0 (g_uri_get_scheme (self->base_uri), "http") == 0 &&
      !zc_client_host_is_loopback (g_uri_get_host (self->base_uri)))
    self->refusal = g_strdup_printf (_("The platform address “%s” is not secure: plain http is only "
                                       "allowed to this computer. Use an https:// address."),
                                     self->base_url);
}

static void
zc_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZcClient *self = ZC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ZcClient *self = ZC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_TOKEN:
      zc_client_set_token (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_client_class_init (ZcClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_client_finalize;
  object_class->constructed = zc_client_constructed;
  object_class->get_property = zc_client_get_property;
  object_class->set_property = zc_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, ZC_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_client_init (ZcClient *self)
{
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "Zongchuang/" PACKAGE_VERSION,
                                "timeout", TIMEOUT_SECONDS,
                                NULL);
}

/* --- public API --- */

/**
 * zc_client_new:
 * @base_url: "http://127.0.0.1:8080" (the /api/v1 prefix is added)
 *
 * An address that is not an http(s) URL makes every call fail with
 * ZC_PLATFORM_ERROR_NETWORK.
 */
ZcClient *
zc_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  return g_object_new (ZC_TYPE_CLIENT, "base-url", base_url, NULL);
}

/**
 * zc_client_get_refusal:
 *
 * Returns: (nullable): why every call is refused before any network I/O
 *   (an http:// address that is not this computer, an unreadable CA
 *   file), translated; NULL when the address is acceptable
 */
const char *
zc_client_get_refusal (ZcClient *self)
{
  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  return self->refusal;
}

/**
 * zc_client_set_ca_file:
 * @path: (nullable): a PEM bundle of the certificate authorities to
 *   trust instead of the system's; NULL or "" for the system's
 *
 * Certificates are verified either way. A bundle that cannot be loaded
 * makes every call fail with ZC_PLATFORM_ERROR_INSECURE (and this
 * returns FALSE): the system's store is not silently used instead.
 */
gboolean
zc_client_set_ca_file (ZcClient    *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ZC_IS_CLIENT (self), FALSE);

  if (path == NULL || path[0] == '\0')
    {
      soup_session_set_tls_database (self->session, g_tls_backend_get_default_database (g_tls_backend_get_default ()));
      return TRUE;
    }

  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    {
      if (self->refusal == NULL)
        self->refusal = g_strdup_printf (_("The certificate authority file “%s” cannot be loaded (%s): "
                                         "the platform’s certificate cannot be checked."),
                                       path, local_error->message);
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INSECURE,
                   _("The certificate authority file “%s” cannot be loaded (%s): "
                     "the platform’s certificate cannot be checked."),
                   path, local_error->message);
      return FALSE;
    }
  soup_session_set_tls_database (self->session, database);
  return TRUE;
}

const char *
zc_client_get_base_url (ZcClient *self)
{
  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  return self->base_url;
}

SoupSession *
zc_client_get_soup_session (ZcClient *self)
{
  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  return self->session;
}

const char *
zc_client_get_token (ZcClient *self)
{
  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  return self->token;
}

void
zc_client_set_token (ZcClient   *self,
                     const char *token)
{
  g_return_if_fail (ZC_IS_CLIENT (self));

  if (token != NULL && token[0] == '\0')
    token = NULL;
  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

/**
 * zc_client_get_user:
 *
 * Returns: (transfer none) (nullable): the user of the last login
 */
ZcUser *
zc_client_get_user (ZcClient *self)
{
  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  return self->user;
}

/* GET /health */

static gpointer
parse_health (ZcClient  *self,
              JsonNode  *root,
              GError   **error)
{
  JsonObject *object;
  JsonNode *node;

  if (!(object = root_object (root, error)))
    return NULL;
  if (!json_object_has_member (object, "status") ||
      json_node_get_node_type ((node = json_object_get_member (object, "status"))) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), "ok") != 0)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_SERVER,
                   _("The platform does not report itself healthy"));
      return NULL;
    }
  return GUINT_TO_POINTER (TRUE);
}

void
zc_client_health_async (ZcClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  task = new_task (self, zc_client_health_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/health", NULL, NULL, NULL,
                REQUEST_NO_AUTH, parse_health, NULL);
}

gboolean
zc_client_health_finish (ZcClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_pointer (self, result, zc_client_health_async, error) != NULL;
}

/* POST /sessions */

static gpointer
parse_login (ZcClient  *self,
             JsonNode  *root,
             GError   **error)
{
  g_autoptr(ZcUser) user = NULL;
  JsonObject *object;
  JsonNode *node;

  if (!(object = root_object (root, error)))
    return NULL;

  if (!json_object_has_member (object, "token") ||
      json_node_get_node_type ((node = json_object_get_member (object, "token"))) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no valid “%s”"), "token");
      return NULL;
    }

  if (!json_object_has_member (object, "user"))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no valid “%s”"), "user");
      return NULL;
    }
  if (!(user = zc_user_new_from_json (json_object_get_member (object, "user"), error)))
    return NULL;

  zc_client_set_token (self, json_node_get_string (node));
  g_set_object (&self->user, user);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);

  return g_steal_pointer (&user);
}

void
zc_client_login_async (ZcClient            *self,
                       const char          *username,
                       const char          *password,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);


  task = new_task (self, zc_client_login_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, "/sessions", NULL, body, NULL,
                REQUEST_NO_AUTH, parse_login, g_object_unref);
}

/**
 * zc_client_login_finish:
 *
 * Returns: (transfer full): the logged-in user; the client keeps the
 *   token and the user (notify::user)
 */
ZcUser *
zc_client_login_finish (ZcClient      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return finish_pointer (self, result, zc_client_login_async, error);
}

/* DELETE /sessions/current */

void
zc_client_logout_async (ZcClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  task = new_task (self, zc_client_logout_async, cancellable, callback, user_data);
  /* the token goes in the request, then is forgotten whatever the answer */
  send_request (self, task, SOUP_METHOD_DELETE, "/sessions/current", NULL, NULL, NULL,
                REQUEST_FORGET_SESSION, NULL, NULL);
}

gboolean
zc_client_logout_finish (ZcClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_pointer (self, result, zc_client_logout_async, error) != NULL;
}

/* DELETE /sessions/current with another token: ends an earlier session
 * of this workstation (a login again replaced it) */

void
zc_client_end_session_async (ZcClient            *self,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (token != NULL);

  task = new_task (self, zc_client_end_session_async, cancellable, callback, user_data);
  send_request_with_token (self, task, SOUP_METHOD_DELETE, "/sessions/current", NULL, NULL, NULL,
                           REQUEST_DEFAULT, token, NULL, NULL);
}

gboolean
zc_client_end_session_finish (ZcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, zc_client_end_session_async, error) != NULL;
}

/* POST /users/{username}/unlock */

void
zc_client_unlock_user_async (ZcClient            *self,
                             const char          *username,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (username != NULL);

  segment = escape_segment (username);
  path = g_strdup_printf ("/users/%s/unlock", segment);
  task = new_task (self, zc_client_unlock_user_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, NULL, NULL, REQUEST_DEFAULT, NULL, NULL);
}

gboolean
zc_client_unlock_user_finish (ZcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, zc_client_unlock_user_async, error) != NULL;
}

/* GET /catalogue/items */

static gpointer
parse_catalogue (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return zc_catalogue_parse (root, error);
}

void
zc_client_list_catalogue_async (ZcClient            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  task = new_task (self, zc_client_list_catalogue_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/catalogue/items", NULL, NULL, NULL,
                REQUEST_DEFAULT, parse_catalogue, g_object_unref);
}

/**
 * zc_client_list_catalogue_finish:
 *
 * Returns: (transfer full): a GListModel of #ZcCatalogueItem
 */
GListModel *
zc_client_list_catalogue_finish (ZcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, zc_client_list_catalogue_async, error);
}

static gpointer
parse_catalogue_item (ZcClient  *self,
                      JsonNode  *root,
                      GError   **error)
{
  return zc_catalogue_item_new_from_json (root, error);
}

void
zc_client_get_catalogue_item_async (ZcClient            *self,
                                    const char          *code,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (code != NULL);

  segment = escape_segment (code);
  path = g_strdup_printf ("/catalogue/items/%s", segment);
  task = new_task (self, zc_client_get_catalogue_item_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                REQUEST_DEFAULT, parse_catalogue_item, g_object_unref);
}

ZcCatalogueItem *
zc_client_get_catalogue_item_finish (ZcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (self, result, zc_client_get_catalogue_item_async, error);
}

/* GET /applicants */

static gpointer
parse_applicant_page (ZcClient  *self,
                      JsonNode  *root,
                      GError   **error)
{
  return parse_page (root, "applicants", ZC_TYPE_APPLICANT,
                     (ZcModelNewFunc) zc_applicant_new_from_json, TRUE, error);
}

void
zc_client_list_applicants_async (ZcClient            *self,
                                 const char          *query,
                                 const char          *kind,
                                 guint                offset,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (query != NULL && query[0] != '\0')
    append_query (q, "q", query);
  append_query (q, "kind", kind);
  append_query_uint (q, "offset", offset);
  if (limit > 0)
    append_query_uint (q, "limit", limit);

  task = new_task (self, zc_client_list_applicants_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/applicants", q, NULL, NULL,
                REQUEST_DEFAULT, parse_applicant_page, page_free);
}

/**
 * zc_client_list_applicants_finish:
 * @total: (out) (optional): how many match in all
 *
 * Returns: (transfer full): a GListModel of #ZcApplicant (without licences)
 */
GListModel *
zc_client_list_applicants_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  guint         *total,
                                  GError       **error)
{
  return finish_page (self, result, zc_client_list_applicants_async, total, error);
}

/* GET /applicants/{key} */

static gpointer
parse_applicant (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return zc_applicant_new_from_json (root, error);
}

void
zc_client_get_applicant_async (ZcClient            *self,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (key != NULL);

  segment = escape_segment (key);
  path = g_strdup_printf ("/applicants/%s", segment);
  task = new_task (self, zc_client_get_applicant_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                REQUEST_DEFAULT, parse_applicant, g_object_unref);
}

ZcApplicant *
zc_client_get_applicant_finish (ZcClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, zc_client_get_applicant_async, error);
}

/* GET /licences?holder= */

/* A whole list (no paging) of @member: the model alone */
static GListModel *
parse_list (JsonNode        *root,
            const char      *member,
            GType            type,
            ZcModelNewFunc   new_func,
            GError         **error)
{
  Page *page = parse_page (root, member, type, new_func, FALSE, error);
  GListModel *model;

  if (page == NULL)
    return NULL;
  model = g_steal_pointer (&page->model);
  page_free (page);
  return model;
}

static gpointer
parse_licence_list (ZcClient  *self,
                    JsonNode  *root,
                    GError   **error)
{
  return parse_list (root, "licences", ZC_TYPE_LICENCE, (ZcModelNewFunc) zc_licence_new_from_json, error);
}

void
zc_client_list_licences_async (ZcClient            *self,
                               const char          *holder,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (holder != NULL);

  append_query (q, "holder", holder);
  task = new_task (self, zc_client_list_licences_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/licences", q, NULL, NULL,
                REQUEST_DEFAULT, parse_licence_list, g_object_unref);
}

/**
 * zc_client_list_licences_finish:
 *
 * Returns: (transfer full): a GListModel of #ZcLicence
 */
GListModel *
zc_client_list_licences_finish (ZcClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, zc_client_list_licences_async, error);
}

/* GET /licences/{number}/photo */

void
zc_client_get_licence_photo_async (ZcClient            *self,
                                   const char          *number,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (number != NULL);

  segment = escape_segment (number);
  path = g_strdup_printf ("/licences/%s/photo", segment);
  task = new_task (self, zc_client_get_licence_photo_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL, REQUEST_RAW, NULL, NULL);
}

/**
 * zc_client_get_licence_photo_finish:
 *
 * Returns: (transfer full): the image bytes (PNG)
 */
GBytes *
zc_client_get_licence_photo_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, zc_client_get_licence_photo_async, error);
}

/* Cases */

static gpointer
parse_case (ZcClient  *self,
            JsonNode  *root,
            GError   **error)
{
  return zc_case_new_from_json (root, error);
}

void
zc_client_create_case_async (ZcClient            *self,
                             JsonObject          *body,
                             const char          *idempotency_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonNode) node = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  node = json_node_init_object (json_node_alloc (), body);
  task = new_task (self, zc_client_create_case_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, "/cases", NULL, node, idempotency_key,
                REQUEST_DEFAULT, parse_case, g_object_unref);
}

/**
 * zc_client_create_case_finish:
 *
 * Returns: (transfer full): the new draft (or, for a replayed
 *   Idempotency-Key, the case made the first time)
 */
ZcCase *
zc_client_create_case_finish (ZcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, zc_client_create_case_async, error);
}

static gpointer
parse_case_page (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return parse_page (root, "cases", ZC_TYPE_CASE,
                     (ZcModelNewFunc) zc_case_new_from_json, TRUE, error);
}

void
zc_client_list_cases_async (ZcClient            *self,
                            const char          *state,
                            const char          *query,
                            guint                offset,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  zc_client_list_cases_sorted_async (self, state, query, NULL, offset, limit, cancellable, callback, user_data);
}

/**
 * zc_client_list_cases_sorted_async:
 * @sort: (nullable): "-updated_at", "number" … (the contract's sort), or
 *   NULL for the platform's order (newest created first)
 *
 * GET /cases sorted; finish with zc_client_list_cases_finish().
 */
void
zc_client_list_cases_sorted_async (ZcClient            *self,
                                   const char          *state,
                                   const char          *query,
                                   const char          *sort,
                                   guint                offset,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (state != NULL && state[0] != '\0')
    append_query (q, "state", state);
  if (query != NULL && query[0] != '\0')
    append_query (q, "q", query);
  if (sort != NULL && sort[0] != '\0')
    append_query (q, "sort", sort);
  append_query_uint (q, "offset", offset);
  if (limit > 0)
    append_query_uint (q, "limit", limit);

  task = new_task (self, zc_client_list_cases_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/cases", q, NULL, NULL,
                REQUEST_DEFAULT, parse_case_page, page_free);
}

/**
 * zc_client_list_cases_finish:
 * @total: (out) (optional): how many match in all
 *
 * Returns: (transfer full): a GListModel of #ZcCase
 */
GListModel *
zc_client_list_cases_finish (ZcClient      *self,
                             GAsyncResult  *result,
                             guint         *total,
                             GError       **error)
{
  return finish_page (self, result, zc_client_list_cases_async, total, error);
}

void
zc_client_get_case_async (ZcClient            *self,
                          gint64               id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT, id);
  task = new_task (self, zc_client_get_case_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL, REQUEST_DEFAULT, parse_case, g_object_unref);
}

ZcCase *
zc_client_get_case_finish (ZcClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return finish_pointer (self, result, zc_client_get_case_async, error);
}

static JsonNode *
transition_body (const char *to,
                 const char *reason)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  if (reason != NULL)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* POST /cases/{id}/transitions, optionally with the counter's reception
 * time and an Idempotency-Key; @source_tag is the public entry point's */
static void
send_case_transition (ZcClient            *self,
                      gint64               id,
                      const char          *to,
                      const char          *reason,
                      GDateTime           *received_at,
                      const char          *idempotency_key,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/transitions", id);
  g_autoptr(JsonNode) body = transition_body (to, reason);
  GTask *task;

  if (received_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (received_at);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_object_set_string_member (json_node_get_object (body), "received_at", text);
    }
  task = new_task (self, source_tag, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, body, idempotency_key,
                REQUEST_DEFAULT, parse_case, g_object_unref);
}

void
zc_client_transition_case_async (ZcClient            *self,
                                 gint64               id,
                                 const char          *to,
                                 const char          *reason,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (to != NULL);

  send_case_transition (self, id, to, reason, NULL, NULL, zc_client_transition_case_async,
                        cancellable, callback, user_data);
}

/**
 * zc_client_transition_case_finish:
 *
 * Returns: (transfer full): the case after the move; a move the
 *   platform refuses is ZC_PLATFORM_ERROR_CONFLICT with its reason
 */
ZcCase *
zc_client_transition_case_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, zc_client_transition_case_async, error);
}

static gpointer
parse_event_list (ZcClient  *self,
                  JsonNode  *root,
                  GError   **error)
{
  return parse_list (root, "events", ZC_TYPE_EVENT, (ZcModelNewFunc) zc_event_new_from_json, error);
}

void
zc_client_list_case_events_async (ZcClient            *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/events", id);
  task = new_task (self, zc_client_list_case_events_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                REQUEST_DEFAULT, parse_event_list, g_object_unref);
}

/**
 * zc_client_list_case_events_finish:
 *
 * Returns: (transfer full): a GListModel of #ZcEvent
 */
GListModel *
zc_client_list_case_events_finish (ZcClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_pointer (self, result, zc_client_list_case_events_async, error);
}

/* Tasks */

static gpointer
parse_task_list (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return parse_list (root, "tasks", ZC_TYPE_TASK, (ZcModelNewFunc) zc_task_new_from_json, error);
}

void
zc_client_list_tasks_async (ZcClient            *self,
                            const char          *department,
                            const char          *state,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (department != NULL && department[0] != '\0')
    append_query (q, "department", department);
  if (state != NULL && state[0] != '\0')
    append_query (q, "state", state);

  task = new_task (self, zc_client_list_tasks_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/tasks", q, NULL, NULL,
                REQUEST_DEFAULT, parse_task_list, g_object_unref);
}

/**
 * zc_client_list_tasks_finish:
 *
 * Returns: (transfer full): a GListModel of #ZcTask
 */
GListModel *
zc_client_list_tasks_finish (ZcClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, zc_client_list_tasks_async, error);
}

static gpointer
parse_task (ZcClient  *self,
            JsonNode  *root,
            GError   **error)
{
  return zc_task_new_from_json (root, error);
}

void
zc_client_transition_task_async (ZcClient            *self,
                                 gint64               id,
                                 const char          *to,
                                 const char          *reason,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (to != NULL);

  path = g_strdup_printf ("/tasks/%" G_GINT64_FORMAT "/transitions", id);
  body = transition_body (to, reason);
  task = new_task (self, zc_client_transition_task_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, body, NULL, REQUEST_DEFAULT, parse_task, g_object_unref);
}

ZcTask *
zc_client_transition_task_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, zc_client_transition_task_async, error);
}

/* Claiming, updates, progress, notifications (issue 3) */

void
zc_client_update_case_async (ZcClient            *self,
                             gint64               id,
                             JsonObject          *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  node = json_node_init_object (json_node_alloc (), body);
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT, id);
  task = new_task (self, zc_client_update_case_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_PUT, path, NULL, node, NULL,
                REQUEST_DEFAULT, parse_case, g_object_unref);
}

ZcCase *
zc_client_update_case_finish (ZcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, zc_client_update_case_async, error);
}

void
zc_client_claim_case_async (ZcClient            *self,
                            gint64               id,
                            gboolean             takeover,
                            const char          *reason,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "takeover");
  json_builder_add_boolean_value (builder, takeover);
  if (reason != NULL)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/claim", id);
  task = new_task (self, zc_client_claim_case_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, body, NULL,
                REQUEST_DEFAULT, parse_case, g_object_unref);
}

ZcCase *
zc_client_claim_case_finish (ZcClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, zc_client_claim_case_async, error);
}

void
zc_client_verify_case_applicant_async (ZcClient            *self,
                                       gint64               id,
                                       const char          *confirmed_name,
                                       const char          *idempotency_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (confirmed_name != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "confirmed_name");
      json_builder_add_string_value (builder, confirmed_name);
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
    }
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/applicant-verification", id);
  task = new_task (self, zc_client_verify_case_applicant_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, body, idempotency_key,
                REQUEST_DEFAULT, parse_case, g_object_unref);
}

ZcCase *
zc_client_verify_case_applicant_finish (ZcClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_pointer (self, result, zc_client_verify_case_applicant_async, error);
}

void
zc_client_release_case_async (ZcClient            *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/claim", id);
  task = new_task (self, zc_client_release_case_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_DELETE, path, NULL, NULL, NULL,
                REQUEST_DEFAULT, NULL, NULL);
}

gboolean
zc_client_release_case_finish (ZcClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, zc_client_release_case_async, error) != NULL;
}

/* The progress object: "tasks" (and "events") must be arrays of objects. */
static gpointer
parse_progress (ZcClient  *self,
                JsonNode  *root,
                GError   **error)
{
  JsonObject *object = root_object (root, error);
  const char *lists[] = { "tasks", "events" };

  if (object == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonNode *node = json_object_get_member (object, lists[i]);

      if (node == NULL && i > 0)
        continue;
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                       _("The platform’s progress has no list “%s”"), lists[i]);
          return NULL;
        }
      for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
        if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), j)))
          {
            g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                         _("The platform’s progress has no list “%s”"), lists[i]);
            return NULL;
          }
    }
  return json_object_ref (object);
}

void
zc_client_get_progress_async (ZcClient            *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/progress", id);
  task = new_task (self, zc_client_get_progress_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                REQUEST_DEFAULT, parse_progress, (GDestroyNotify) json_object_unref);
}

JsonObject *
zc_client_get_progress_finish (ZcClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, zc_client_get_progress_async, error);
}

void
zc_client_public_progress_async (ZcClient            *self,
                                 const char          *number,
                                 const char          *applicant,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (number != NULL && applicant != NULL);

  append_query (q, "number", number);
  append_query (q, "applicant", applicant);
  task = new_task (self, zc_client_public_progress_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/public/progress", q, NULL, NULL,
                REQUEST_NO_AUTH, parse_progress, (GDestroyNotify) json_object_unref);
}

JsonObject *
zc_client_public_progress_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, zc_client_public_progress_async, error);
}

static gpointer
parse_notifications (ZcClient  *self,
                     JsonNode  *root,
                     GError   **error)
{
  JsonObject *object = root_object (root, error);
  JsonNode *node;
  JsonArray *array;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, "notifications");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonNode *id, *message;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        goto bad;
      id = json_object_get_member (json_node_get_object (e), "id");
      message = json_object_get_member (json_node_get_object (e), "message");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
          message == NULL || !JSON_NODE_HOLDS_VALUE (message) ||
          json_node_get_value_type (message) != G_TYPE_STRING)
        goto bad;
    }
  return json_array_ref (array);

bad:
  g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
               _("The platform’s notifications cannot be understood."));
  return NULL;
}

void
zc_client_list_notifications_async (ZcClient            *self,
                                    gint64               after,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (after > 0)
    append_query_uint (q, "after", (guint) MIN (after, G_MAXUINT));
  task = new_task (self, zc_client_list_notifications_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/sessions/current/notifications", q, NULL, NULL,
                REQUEST_DEFAULT, parse_notifications, (GDestroyNotify) json_array_unref);
}

JsonArray *
zc_client_list_notifications_finish (ZcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (self, result, zc_client_list_notifications_async, error);
}

void
zc_client_transition_case_full_async (ZcClient            *self,
                                      gint64               id,
                                      const char          *to,
                                      const char          *reason,
                                      GDateTime           *received_at,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (to != NULL);

  send_case_transition (self, id, to, reason, received_at, idempotency_key,
                        zc_client_transition_case_full_async, cancellable, callback, user_data);
}

ZcCase *
zc_client_transition_case_full_finish (ZcClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (self, result, zc_client_transition_case_full_async, error);
}

/* Commitments (容缺 / 告知承诺), 事后核查, credit (issue 11) */

/* an object holding the array @member, each element an object */
static JsonObject *
object_with_list (JsonNode    *root,
                  const char  *member,
                  GError     **error)
{
  JsonObject *object = root_object (root, error);
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no list “%s”"), member);
      return NULL;
    }
  for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), j)))
      {
        g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                     _("The platform’s list “%s” holds something else than objects"), member);
        return NULL;
      }
  return json_object_ref (object);
}

/* a member's string, or NULL when absent or not a string (no critical
 * on a platform's odd answer) */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gpointer
parse_credit (ZcClient  *self,
              JsonNode  *root,
              GError   **error)
{
  JsonObject *object = object_with_list (root, "records", error);

  if (object != NULL &&
      (json_object_get_member (object, "commitment_allowed") == NULL ||
       !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "commitment_allowed")) ||
       json_node_get_value_type (json_object_get_member (object, "commitment_allowed")) != G_TYPE_BOOLEAN))
    {
      json_object_unref (object);
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s credit record does not say whether a commitment is allowed"));
      return NULL;
    }
  return object;
}

void
zc_client_get_credit_async (ZcClient            *self,
                            const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (key != NULL);

  segment = escape_segment (key);
  path = g_strdup_printf ("/applicants/%s/credit", segment);
  task = new_task (self, zc_client_get_credit_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                REQUEST_DEFAULT, parse_credit, (GDestroyNotify) json_object_unref);
}

JsonObject *
zc_client_get_credit_finish (ZcClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, zc_client_get_credit_async, error);
}

static gpointer
parse_commitment (ZcClient  *self,
                  JsonNode  *root,
                  GError   **error)
{
  JsonObject *object = root_object (root, error);
  JsonNode *id = object ? json_object_get_member (object, "id") : NULL;
  JsonNode *materials = object ? json_object_get_member (object, "materials") : NULL;

  if (object == NULL)
    return NULL;
  if (materials == NULL || !JSON_NODE_HOLDS_ARRAY (materials))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no list “%s”"), "materials");
      return NULL;
    }
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
      json_node_get_int (id) <= 0 || string_member (object, "state") == NULL)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s commitment has no id or state"));
      return NULL;
    }
  return json_object_ref (object);
}

void
zc_client_create_commitment_async (ZcClient            *self,
                                   gint64               case_id,
                                   JsonObject          *body,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  node = json_node_init_object (json_node_alloc (), body);
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/commitments", case_id);
  task = new_task (self, zc_client_create_commitment_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, node, idempotency_key,
                REQUEST_DEFAULT, parse_commitment, (GDestroyNotify) json_object_unref);
}

JsonObject *
zc_client_create_commitment_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, zc_client_create_commitment_async, error);
}

static gpointer
parse_commitment_list (ZcClient  *self,
                       JsonNode  *root,
                       GError   **error)
{
  return object_with_list (root, "commitments", error);
}

void
zc_client_list_commitments_async (ZcClient            *self,
                                  const GDate         *due_before,
                                  const char          *kind,
                                  const char          *state,
                                  const char          *department,
                                  gint64               offset,
                                  gint64               limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (due_before != NULL && g_date_valid (due_before))
    {
      g_autofree char *day = zc_date_to_iso (due_before);

      append_query (q, "due_before", day);
    }
  if (kind != NULL && kind[0] != '\0')
    append_query (q, "kind", kind);
  if (state != NULL && state[0] != '\0')
    append_query (q, "state", state);
  if (department != NULL && department[0] != '\0')
    append_query (q, "department", department);
  if (offset > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, offset);

      append_query (q, "offset", text);
    }
  if (limit > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, limit);

      append_query (q, "limit", text);
    }

  task = new_task (self, zc_client_list_commitments_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, "/commitments", q, NULL, NULL,
                REQUEST_DEFAULT, parse_commitment_list, (GDestroyNotify) json_object_unref);
}

JsonObject *
zc_client_list_commitments_finish (ZcClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_pointer (self, result, zc_client_list_commitments_async, error);
}

static gpointer
parse_verification (ZcClient  *self,
                    JsonNode  *root,
                    GError   **error)
{
  JsonObject *object = root_object (root, error);

  if (object == NULL)
    return NULL;
  if (string_member (object, "result") == NULL)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s verification has no result"));
      return NULL;
    }
  return json_object_ref (object);
}

void
zc_client_verify_commitment_async (ZcClient            *self,
                                   gint64               id,
                                   const char          *method,
                                   const char          *result,
                                   const char          *note,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (method != NULL && result != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "result");
  json_builder_add_string_value (builder, result);
  if (note != NULL && note[0] != '\0')
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, note);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/commitments/%" G_GINT64_FORMAT "/verifications", id);
  task = new_task (self, zc_client_verify_commitment_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, body, idempotency_key,
                REQUEST_DEFAULT, parse_verification, (GDestroyNotify) json_object_unref);
}

JsonObject *
zc_client_verify_commitment_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, zc_client_verify_commitment_async, error);
}

/* Video sessions (the remote window) */

static gpointer
parse_video_session (ZcClient  *self,
                     JsonNode  *root,
                     GError   **error)
{
  JsonObject *object = root_object (root, error);
  const char *strings[] = { "join_code", "citizen_url" };
  JsonNode *id;

  if (object == NULL)
    return NULL;
  id = json_object_get_member (object, "id");
  /* the contract's VideoSession: an integer id */
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id)
      || json_node_get_value_type (id) != G_TYPE_INT64
      || json_node_get_int (id) <= 0)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s video session has no “%s”"), "id");
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      JsonNode *node = json_object_get_member (object, strings[i]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_STRING
          || *json_node_get_string (node) == '\0')
        {
          g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                       _("The platform’s video session has no “%s”"), strings[i]);
          return NULL;
        }
    }
  return json_object_ref (object);
}

void
zc_client_create_video_session_async (ZcClient            *self,
                                      gint64               case_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "case_id");
  json_builder_add_int_value (builder, case_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  task = new_task (self, zc_client_create_video_session_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, "/video-sessions", NULL, body, NULL,
                REQUEST_DEFAULT, parse_video_session, (GDestroyNotify) json_object_unref);
}

JsonObject *
zc_client_create_video_session_finish (ZcClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (self, result, zc_client_create_video_session_async, error);
}

void
zc_client_end_video_session_async (ZcClient            *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (id > 0);

  path = g_strdup_printf ("/video-sessions/%" G_GINT64_FORMAT, id);
  task = new_task (self, zc_client_end_video_session_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_DELETE, path, NULL, NULL, NULL,
                REQUEST_DEFAULT, NULL, NULL);
}

gboolean
zc_client_end_video_session_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, zc_client_end_video_session_async, error) != NULL;
}

char *
zc_client_video_signal_url (ZcClient *self,
                            gint64    id)
{
  g_autofree char *number = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ZC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (id > 0, NULL);

  if (self->base_uri == NULL)
    return NULL;
  /* GET /video-sessions/{id}/signal, upgraded by the caller (not a
   * request of this client: tests/contract reads send_request's and
   * the "/…" formats of g_strdup_printf) */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  path = g_strconcat ("/video-sessions/", number, "/signal", NULL);
  return build_url (self, path, NULL);
}

/* --- documents and material states (issue 10) --- */

/* {"sha256":"<64 hex>","id":N,…} → the Document object */
static gpointer
parse_document (ZcClient  *self,
                JsonNode  *root,
                GError   **error)
{
  JsonObject *object = root_object (root, error);
  const char *sha256;

  if (object == NULL)
    return NULL;
  sha256 = json_object_get_string_member_with_default (object, "sha256", NULL);
  if (json_object_get_int_member_with_default (object, "id", 0) <= 0 ||
      sha256 == NULL || strlen (sha256) != 64)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s description of the document is incomplete"));
      return NULL;
    }
  return json_object_ref (object);
}

typedef struct
{
  ZcClientProgress progress;
  gpointer         progress_data;
  goffset          sent;
  goffset          total;
} UploadProgress;

static void
on_wrote_body_data (SoupMessage *message,
                    guint        chunk_size,
                    gpointer     user_data)
{
  UploadProgress *progress = user_data;

  progress->sent += chunk_size;
  if (progress->progress != NULL)
    progress->progress (MIN (progress->sent, progress->total), progress->total,
                        progress->progress_data);
}

static void start_upload (ZcClient *self, GTask *task, gint64 case_id, const char *material,
                          const char *kind, const char *name, GInputStream *stream, goffset length,
                          const char *idempotency_key, ZcClientProgress progress, gpointer progress_data);

/**
 * zc_client_upload_document_async:
 *
 * POST /cases/{id}/documents?material=…&name=…: @stream (@length bytes)
 * is sent as it is read, never held whole; @progress (nullable) is
 * called on the thread-default context as the body is written. A body
 * above %ZC_CLIENT_MAX_DOCUMENT is refused before anything is sent
 * (ZC_PLATFORM_ERROR_TOO_LARGE).
 */
void
zc_client_upload_document_async (ZcClient            *self,
                                 gint64               case_id,
                                 const char          *material,
                                 const char          *name,
                                 GInputStream        *stream,
                                 goffset              length,
                                 const char          *idempotency_key,
                                 ZcClientProgress     progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  task = new_task (self, zc_client_upload_document_async, cancellable, callback, user_data);
  start_upload (self, task, case_id, material, NULL, name, stream, length, idempotency_key,
                progress, progress_data);
}

/* the body of both uploads: @task returns the Document */
static void
start_upload (ZcClient         *self,
              GTask            *task,
              gint64            case_id,
              const char       *material,
              const char       *kind,
              const char       *name,
              GInputStream     *stream,
              goffset           length,
              const char       *idempotency_key,
              ZcClientProgress  progress,
              gpointer          progress_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *path = NULL;
  UploadProgress *watch;
  Request *request;

  if (length <= 0 || length > ZC_CLIENT_MAX_DOCUMENT)
    {
      g_task_return_new_error (task, ZC_PLATFORM_ERROR,
                               length <= 0 ? ZC_PLATFORM_ERROR_INVALID : ZC_PLATFORM_ERROR_TOO_LARGE,
                               length <= 0 ? _("The document is empty.")
                                           : _("The document is larger than 20 MiB: scan it at a lower resolution or split it."));
      g_object_unref (task);
      return;
    }
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/documents", case_id);
  append_query (query, "material", material);
  append_query (query, "kind", kind);
  append_query (query, "name", name);
  request = start_request (self, task, SOUP_METHOD_POST, path, query, idempotency_key,
                           REQUEST_DEFAULT, self->token, parse_document,
                           (GDestroyNotify) json_object_unref);
  if (request == NULL)
    return;
  soup_message_set_request_body (request->message, "application/pdf", stream, (gssize) length);
  watch = g_new0 (UploadProgress, 1);
  watch->progress = progress;
  watch->progress_data = progress_data;
  watch->total = length;
  g_signal_connect_data (request->message, "wrote-body-data", G_CALLBACK (on_wrote_body_data),
                         watch, (GClosureNotify) (void (*) (void)) g_free, 0);
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_response, task);
}

/* Returns: (transfer full): the Document as the platform describes it
 * (id, sha256, size …) */
JsonObject *
zc_client_upload_document_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, zc_client_upload_document_async, error);
}

/**
 * zc_client_upload_case_document_async:
 *
 * POST /cases/{id}/documents?kind=…&name=…: a document of the case that
 * is no material (a signed letter: commitment_letter, tolerance_notice …)
 * from @pdf, held in memory (a letter is small).
 */
void
zc_client_upload_case_document_async (ZcClient            *self,
                                      gint64               case_id,
                                      const char          *kind,
                                      const char          *name,
                                      GBytes              *pdf,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GInputStream) stream = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (pdf != NULL);

  task = new_task (self, zc_client_upload_case_document_async, cancellable, callback, user_data);
  stream = g_memory_input_stream_new_from_bytes (pdf);
  start_upload (self, task, case_id, NULL, kind, name, stream, (goffset) g_bytes_get_size (pdf),
                idempotency_key, NULL, NULL);
}

/* Returns: (transfer full): the Document */
JsonObject *
zc_client_upload_case_document_finish (ZcClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (self, result, zc_client_upload_case_document_async, error);
}

static gpointer
parse_documents (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  JsonObject *object = root_object (root, error);
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, "documents");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s list of documents cannot be understood"));
      return NULL;
    }
  return json_array_ref (json_node_get_array (node));
}

/* GET /cases/{id}/documents */
void
zc_client_list_documents_async (ZcClient            *self,
                                gint64               case_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/documents", case_id);
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  task = new_task (self, zc_client_list_documents_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, NULL, REQUEST_DEFAULT,
                parse_documents, (GDestroyNotify) json_array_unref);
}

/* Returns: (transfer full): the Document objects, oldest first */
JsonArray *
zc_client_list_documents_finish (ZcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, zc_client_list_documents_async, error);
}

/* GET /cases/{id}/documents/{doc}: the PDF's bytes */
void
zc_client_download_document_async (ZcClient            *self,
                                   gint64               case_id,
                                   gint64               document_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT,
                                           case_id, document_id);
  Request *request;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));

  task = new_task (self, zc_client_download_document_async, cancellable, callback, user_data);
  request = start_request (self, task, SOUP_METHOD_GET, path, NULL, NULL, REQUEST_PDF,
                           self->token, NULL, NULL);
  if (request == NULL)
    return;
  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/pdf");
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_response, task);
}

/* Returns: (transfer full): the bytes */
GBytes *
zc_client_download_document_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, zc_client_download_document_async, error);
}

static gpointer
parse_material_state (ZcClient  *self,
                      JsonNode  *root,
                      GError   **error)
{
  JsonObject *object = root_object (root, error);

  if (object == NULL)
    return NULL;
  if (json_object_get_string_member_with_default (object, "state", NULL) == NULL)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer about the material cannot be understood"));
      return NULL;
    }
  return json_object_ref (object);
}

/* PUT /cases/{id}/materials/{code} {"state", "note"?} (MaterialStatus of
 * the contract: required, received, exempt, tolerated, committed,
 * supplemented) */
void
zc_client_set_material_state_async (ZcClient            *self,
                                    gint64               case_id,
                                    const char          *code,
                                    const char          *state,
                                    const char          *note,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (code != NULL && state != NULL);

  escaped = escape_segment (code);
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/materials/%s", case_id, escaped);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state);
  if (note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, note);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  task = new_task (self, zc_client_set_material_state_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_PUT, path, NULL, body, idempotency_key, REQUEST_DEFAULT,
                parse_material_state, (GDestroyNotify) json_object_unref);
}

/* Returns: (transfer full): the MaterialState */
JsonObject *
zc_client_set_material_state_finish (ZcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (self, result, zc_client_set_material_state_async, error);
}

void
zc_client_check_document_async (ZcClient            *self,
                                gint64               case_id,
                                gint64               document_id,
                                const char          *verdict,
                                JsonArray           *findings,
                                const char          *by_eye,
                                const char          *idempotency_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (verdict != NULL);

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT "/checks",
                          case_id, document_id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, verdict);
  if (findings != NULL)
    {
      json_builder_set_member_name (builder, "findings");
      json_builder_add_value (builder, json_node_init_array (json_node_alloc (), findings));
    }
  if (by_eye != NULL)
    {
      json_builder_set_member_name (builder, "by_eye");
      json_builder_add_string_value (builder, by_eye);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  task = new_task (self, zc_client_check_document_async, cancellable, callback, user_data);
  send_request (self, task, SOUP_METHOD_POST, path, NULL, body, idempotency_key,
                REQUEST_DEFAULT, parse_case, g_object_unref);
}

/* Returns: (transfer full): the case */
ZcCase *
zc_client_check_document_finish (ZcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, zc_client_check_document_async, error);
}
