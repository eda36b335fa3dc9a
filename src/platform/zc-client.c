/* zc-client.c — async client of the platform REST contract
 *
 * The object (one SoupSession, the base URL, the token and user of the
 * session) and its public calls. Each call is the description of its
 * request — method, path, query, JSON or streamed body, Idempotency-Key —
 * and the reply it expects (zc-client-replies.c); the one request helper
 * of zc-client-request.c sends it with the call's cancellable and maps
 * the answer: HTTP status → ZC_PLATFORM_ERROR, body → the reply checked
 * node by node. A body that is not the contract is
 * ZC_PLATFORM_ERROR_BAD_RESPONSE, never a crash. Every request of the
 * client is described in this file: tests/contract reads it to check
 * each method and path against the contract.
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

#include "zc-client-private.h"

#define TIMEOUT_SECONDS 15

G_DEFINE_TYPE (ZcClient, zc_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_zc_client_forget_session (ZcClient *self)
{
  zc_client_set_token (self, NULL);
  if (self->user != NULL)
    {
      g_clear_object (&self->user);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
}

/* --- request bodies --- */

/* "@name": @value in the object @builder is in; nothing for NULL */
static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
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

void
zc_client_health_async (ZcClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (ZC_IS_CLIENT (self));

  _zc_client_send_request (self, zc_client_health_async, SOUP_METHOD_GET, "/health", NULL, NULL, NULL,
                           ZC_CLIENT_SEND_NO_AUTH, &_zc_client_reply_health,
                           cancellable, callback, user_data);
}

gboolean
zc_client_health_finish (ZcClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _zc_client_finish (self, result, zc_client_health_async, error) != NULL;
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

  if (!(object = _zc_client_root_object (root, error)))
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

static const ZcClientReply login_reply = { ZC_CLIENT_REPLY_JSON, parse_login, g_object_unref };

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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "username", username);
  add_string_member (builder, "password", password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  _zc_client_send_request (self, zc_client_login_async, SOUP_METHOD_POST, "/sessions", NULL, body, NULL,
                           ZC_CLIENT_SEND_NO_AUTH, &login_reply, cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_login_async, error);
}

/* DELETE /sessions/current */

void
zc_client_logout_async (ZcClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (ZC_IS_CLIENT (self));

  /* the token goes in the request, then is forgotten whatever the answer */
  _zc_client_send_request (self, zc_client_logout_async, SOUP_METHOD_DELETE,
                           "/sessions/current", NULL, NULL, NULL,
                           ZC_CLIENT_SEND_FORGET_SESSION, &_zc_client_reply_none,
                           cancellable, callback, user_data);
}

gboolean
zc_client_logout_finish (ZcClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _zc_client_finish (self, result, zc_client_logout_async, error) != NULL;
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
  g_autofree char *auth = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (token != NULL);

  /* that session's token instead of the client's */
  task = _zc_client_start_request (self, zc_client_end_session_async, SOUP_METHOD_DELETE, "/sessions/current",
                                   NULL, NULL, ZC_CLIENT_SEND_NO_AUTH, &_zc_client_reply_none,
                                   cancellable, callback, user_data);
  if (task == NULL)
    return;
  auth = g_strdup_printf ("Bearer %s", token);
  soup_message_headers_append (soup_message_get_request_headers (_zc_client_task_message (task)),
                               "Authorization", auth);
  _zc_client_send (task);
}

gboolean
zc_client_end_session_finish (ZcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _zc_client_finish (self, result, zc_client_end_session_async, error) != NULL;
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (username != NULL);

  segment = _zc_client_escape_segment (username);
  path = g_strdup_printf ("/users/%s/unlock", segment);
  _zc_client_send_request (self, zc_client_unlock_user_async, SOUP_METHOD_POST, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_none, cancellable, callback, user_data);
}

gboolean
zc_client_unlock_user_finish (ZcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _zc_client_finish (self, result, zc_client_unlock_user_async, error) != NULL;
}

/* GET /catalogue/items */

void
zc_client_list_catalogue_async (ZcClient            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ZC_IS_CLIENT (self));

  _zc_client_send_request (self, zc_client_list_catalogue_async, SOUP_METHOD_GET,
                           "/catalogue/items", NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_catalogue,
                           cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_list_catalogue_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (code != NULL);

  segment = _zc_client_escape_segment (code);
  path = g_strdup_printf ("/catalogue/items/%s", segment);
  _zc_client_send_request (self, zc_client_get_catalogue_item_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_catalogue_item,
                           cancellable, callback, user_data);
}

ZcCatalogueItem *
zc_client_get_catalogue_item_finish (ZcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _zc_client_finish (self, result, zc_client_get_catalogue_item_async, error);
}

/* GET /applicants */

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

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (query != NULL && query[0] != '\0')
    _zc_client_append_query (q, "q", query);
  _zc_client_append_query (q, "kind", kind);
  _zc_client_append_query_uint (q, "offset", offset);
  if (limit > 0)
    _zc_client_append_query_uint (q, "limit", limit);

  _zc_client_send_request (self, zc_client_list_applicants_async, SOUP_METHOD_GET,
                           "/applicants", q, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_applicant_page,
                           cancellable, callback, user_data);
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
  return _zc_client_finish_page (self, result, zc_client_list_applicants_async, total, error);
}

/* GET /applicants/{key} */

void
zc_client_get_applicant_async (ZcClient            *self,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (key != NULL);

  segment = _zc_client_escape_segment (key);
  path = g_strdup_printf ("/applicants/%s", segment);
  _zc_client_send_request (self, zc_client_get_applicant_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_applicant,
                           cancellable, callback, user_data);
}

ZcApplicant *
zc_client_get_applicant_finish (ZcClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _zc_client_finish (self, result, zc_client_get_applicant_async, error);
}

/* GET /licences?holder= */

void
zc_client_list_licences_async (ZcClient            *self,
                               const char          *holder,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (holder != NULL);

  _zc_client_append_query (q, "holder", holder);
  _zc_client_send_request (self, zc_client_list_licences_async, SOUP_METHOD_GET, "/licences", q, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_licences,
                           cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_list_licences_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (number != NULL);

  segment = _zc_client_escape_segment (number);
  path = g_strdup_printf ("/licences/%s/photo", segment);
  _zc_client_send_request (self, zc_client_get_licence_photo_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_image, cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_get_licence_photo_async, error);
}

/* Cases */

void
zc_client_create_case_async (ZcClient            *self,
                             JsonObject          *body,
                             const char          *idempotency_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  node = json_node_init_object (json_node_alloc (), body);
  _zc_client_send_request (self, zc_client_create_case_async, SOUP_METHOD_POST,
                           "/cases", NULL, node, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case, cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_create_case_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (state != NULL && state[0] != '\0')
    _zc_client_append_query (q, "state", state);
  if (query != NULL && query[0] != '\0')
    _zc_client_append_query (q, "q", query);
  if (sort != NULL && sort[0] != '\0')
    _zc_client_append_query (q, "sort", sort);
  _zc_client_append_query_uint (q, "offset", offset);
  if (limit > 0)
    _zc_client_append_query_uint (q, "limit", limit);

  _zc_client_send_request (self, zc_client_list_cases_async, SOUP_METHOD_GET, "/cases", q, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case_page,
                           cancellable, callback, user_data);
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
  return _zc_client_finish_page (self, result, zc_client_list_cases_async, total, error);
}

void
zc_client_get_case_async (ZcClient            *self,
                          gint64               id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT, id);
  _zc_client_send_request (self, zc_client_get_case_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case, cancellable, callback, user_data);
}

ZcCase *
zc_client_get_case_finish (ZcClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _zc_client_finish (self, result, zc_client_get_case_async, error);
}

static JsonNode *
transition_body (const char *to,
                 const char *reason)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_member (builder, "to", to);
  add_string_member (builder, "reason", reason);
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

  if (received_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (received_at);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_object_set_string_member (json_node_get_object (body), "received_at", text);
    }
  _zc_client_send_request (self, source_tag, SOUP_METHOD_POST, path, NULL, body, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case, cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_transition_case_async, error);
}

void
zc_client_list_case_events_async (ZcClient            *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/events", id);
  _zc_client_send_request (self, zc_client_list_case_events_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_events,
                           cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_list_case_events_async, error);
}

/* Tasks */

void
zc_client_list_tasks_async (ZcClient            *self,
                            const char          *department,
                            const char          *state,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (department != NULL && department[0] != '\0')
    _zc_client_append_query (q, "department", department);
  if (state != NULL && state[0] != '\0')
    _zc_client_append_query (q, "state", state);

  _zc_client_send_request (self, zc_client_list_tasks_async, SOUP_METHOD_GET, "/tasks", q, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_tasks, cancellable, callback, user_data);
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
  return _zc_client_finish (self, result, zc_client_list_tasks_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (to != NULL);

  path = g_strdup_printf ("/tasks/%" G_GINT64_FORMAT "/transitions", id);
  body = transition_body (to, reason);
  _zc_client_send_request (self, zc_client_transition_task_async, SOUP_METHOD_POST, path, NULL, body, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_task, cancellable, callback, user_data);
}

ZcTask *
zc_client_transition_task_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _zc_client_finish (self, result, zc_client_transition_task_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  node = json_node_init_object (json_node_alloc (), body);
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT, id);
  _zc_client_send_request (self, zc_client_update_case_async, SOUP_METHOD_PUT, path, NULL, node, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case, cancellable, callback, user_data);
}

ZcCase *
zc_client_update_case_finish (ZcClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _zc_client_finish (self, result, zc_client_update_case_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "takeover");
  json_builder_add_boolean_value (builder, takeover);
  add_string_member (builder, "reason", reason);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/claim", id);
  _zc_client_send_request (self, zc_client_claim_case_async, SOUP_METHOD_POST, path, NULL, body, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case, cancellable, callback, user_data);
}

ZcCase *
zc_client_claim_case_finish (ZcClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _zc_client_finish (self, result, zc_client_claim_case_async, error);
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
  _zc_client_send_request (self, zc_client_verify_case_applicant_async, SOUP_METHOD_POST,
                           path, NULL, body, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case, cancellable, callback, user_data);
}

ZcCase *
zc_client_verify_case_applicant_finish (ZcClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _zc_client_finish (self, result, zc_client_verify_case_applicant_async, error);
}

void
zc_client_release_case_async (ZcClient            *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/claim", id);
  _zc_client_send_request (self, zc_client_release_case_async, SOUP_METHOD_DELETE, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_none, cancellable, callback, user_data);
}

gboolean
zc_client_release_case_finish (ZcClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _zc_client_finish (self, result, zc_client_release_case_async, error) != NULL;
}

void
zc_client_get_progress_async (ZcClient            *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/progress", id);
  _zc_client_send_request (self, zc_client_get_progress_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_progress,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_get_progress_finish (ZcClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _zc_client_finish (self, result, zc_client_get_progress_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (number != NULL && applicant != NULL);

  _zc_client_append_query (q, "number", number);
  _zc_client_append_query (q, "applicant", applicant);
  _zc_client_send_request (self, zc_client_public_progress_async, SOUP_METHOD_GET,
                           "/public/progress", q, NULL, NULL,
                           ZC_CLIENT_SEND_NO_AUTH, &_zc_client_reply_progress,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_public_progress_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _zc_client_finish (self, result, zc_client_public_progress_async, error);
}

void
zc_client_list_notifications_async (ZcClient            *self,
                                    gint64               after,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (after > 0)
    _zc_client_append_query_uint (q, "after", (guint) MIN (after, G_MAXUINT));
  _zc_client_send_request (self, zc_client_list_notifications_async, SOUP_METHOD_GET,
                           "/sessions/current/notifications", q, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_notifications,
                           cancellable, callback, user_data);
}

JsonArray *
zc_client_list_notifications_finish (ZcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _zc_client_finish (self, result, zc_client_list_notifications_async, error);
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
  return _zc_client_finish (self, result, zc_client_transition_case_full_async, error);
}

/* Commitments (容缺 / 告知承诺), 事后核查, credit (issue 11) */

void
zc_client_get_credit_async (ZcClient            *self,
                            const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (key != NULL);

  segment = _zc_client_escape_segment (key);
  path = g_strdup_printf ("/applicants/%s/credit", segment);
  _zc_client_send_request (self, zc_client_get_credit_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_credit,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_get_credit_finish (ZcClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _zc_client_finish (self, result, zc_client_get_credit_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  node = json_node_init_object (json_node_alloc (), body);
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/commitments", case_id);
  _zc_client_send_request (self, zc_client_create_commitment_async, SOUP_METHOD_POST,
                           path, NULL, node, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_commitment,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_create_commitment_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _zc_client_finish (self, result, zc_client_create_commitment_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));

  if (due_before != NULL && g_date_valid (due_before))
    {
      g_autofree char *day = zc_date_to_iso (due_before);

      _zc_client_append_query (q, "due_before", day);
    }
  if (kind != NULL && kind[0] != '\0')
    _zc_client_append_query (q, "kind", kind);
  if (state != NULL && state[0] != '\0')
    _zc_client_append_query (q, "state", state);
  if (department != NULL && department[0] != '\0')
    _zc_client_append_query (q, "department", department);
  if (offset > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, offset);

      _zc_client_append_query (q, "offset", text);
    }
  if (limit > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, limit);

      _zc_client_append_query (q, "limit", text);
    }

  _zc_client_send_request (self, zc_client_list_commitments_async, SOUP_METHOD_GET,
                           "/commitments", q, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_commitments,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_list_commitments_finish (ZcClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _zc_client_finish (self, result, zc_client_list_commitments_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (method != NULL && result != NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "method", method);
  add_string_member (builder, "result", result);
  if (note != NULL && note[0] != '\0')
    add_string_member (builder, "note", note);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/commitments/%" G_GINT64_FORMAT "/verifications", id);
  _zc_client_send_request (self, zc_client_verify_commitment_async, SOUP_METHOD_POST,
                           path, NULL, body, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_verification,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_verify_commitment_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _zc_client_finish (self, result, zc_client_verify_commitment_async, error);
}

/* Video sessions (the remote window) */

void
zc_client_create_video_session_async (ZcClient            *self,
                                      gint64               case_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "case_id");
  json_builder_add_int_value (builder, case_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  _zc_client_send_request (self, zc_client_create_video_session_async, SOUP_METHOD_POST,
                           "/video-sessions", NULL, body, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_video_session,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_create_video_session_finish (ZcClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _zc_client_finish (self, result, zc_client_create_video_session_async, error);
}

void
zc_client_end_video_session_async (ZcClient            *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (id > 0);

  path = g_strdup_printf ("/video-sessions/%" G_GINT64_FORMAT, id);
  _zc_client_send_request (self, zc_client_end_video_session_async, SOUP_METHOD_DELETE,
                           path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_none, cancellable, callback, user_data);
}

gboolean
zc_client_end_video_session_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _zc_client_finish (self, result, zc_client_end_video_session_async, error) != NULL;
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
  return _zc_client_build_url (self, path, NULL);
}

/* The remote window's records (issue 12): identity check, recording */

void
zc_client_record_identity_check_async (ZcClient            *self,
                                       gint64               video_session,
                                       gboolean             passed,
                                       const char          *note,
                                       const char          *licence_number,
                                       const char          *idempotency_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ZC_IS_CLIENT (self));

  json_builder_begin_object (builder);
  add_string_member (builder, "result", passed ? "passed" : "failed");
  if (note != NULL && *note != '\0')
    add_string_member (builder, "note", note);
  add_string_member (builder, "licence_number", licence_number);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  path = g_strdup_printf ("/video-sessions/%" G_GINT64_FORMAT "/identity-checks", video_session);
  _zc_client_send_request (self, zc_client_record_identity_check_async, SOUP_METHOD_POST,
                           path, NULL, body, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_identity_check,
                           cancellable, callback, user_data);
}

JsonObject *
zc_client_record_identity_check_finish (ZcClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _zc_client_finish (self, result, zc_client_record_identity_check_async, error);
}

void
zc_client_upload_recording_async (ZcClient            *self,
                                  gint64               video_session,
                                  GInputStream        *stream,
                                  goffset              length,
                                  const char          *idempotency_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  if (length <= 0 || length > ZC_CLIENT_MAX_RECORDING)
    {
      _zc_client_refuse (self, zc_client_upload_recording_async,
                         length <= 0 ? ZC_PLATFORM_ERROR_INVALID : ZC_PLATFORM_ERROR_TOO_LARGE,
                         length <= 0 ? _("The recording is empty.")
                                     : _("The recording is larger than 512 MiB: it was not kept."),
                         cancellable, callback, user_data);
      return;
    }
  path = g_strdup_printf ("/video-sessions/%" G_GINT64_FORMAT "/recording", video_session);
  task = _zc_client_start_request (self, zc_client_upload_recording_async, SOUP_METHOD_POST, path, NULL,
                                   idempotency_key, ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_document,
                                   cancellable, callback, user_data);
  if (task != NULL)
    _zc_client_send_stream (task, "video/webm", stream, length);
}

JsonObject *
zc_client_upload_recording_finish (ZcClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _zc_client_finish (self, result, zc_client_upload_recording_async, error);
}

/* --- documents and material states (issue 10) --- */

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

/* POST /cases/{id}/documents?material=|kind=&name=, @stream the PDF:
 * both uploads of a document (@source_tag), the Document as reply */
static void
upload_document (ZcClient            *self,
                 gpointer             source_tag,
                 gint64               case_id,
                 const char          *material,
                 const char          *kind,
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
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *path = NULL;
  UploadProgress *watch;
  GTask *task;

  if (length <= 0 || length > ZC_CLIENT_MAX_DOCUMENT)
    {
      _zc_client_refuse (self, source_tag,
                         length <= 0 ? ZC_PLATFORM_ERROR_INVALID : ZC_PLATFORM_ERROR_TOO_LARGE,
                         length <= 0 ? _("The document is empty.")
                                     : _("The document is larger than 20 MiB: scan it at a lower "
                                         "resolution or split it."),
                         cancellable, callback, user_data);
      return;
    }
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/documents", case_id);
  _zc_client_append_query (query, "material", material);
  _zc_client_append_query (query, "kind", kind);
  _zc_client_append_query (query, "name", name);
  task = _zc_client_start_request (self, source_tag, SOUP_METHOD_POST, path, query, idempotency_key,
                                   ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_document,
                                   cancellable, callback, user_data);
  if (task == NULL)
    return;
  watch = g_new0 (UploadProgress, 1);
  watch->progress = progress;
  watch->progress_data = progress_data;
  watch->total = length;
  g_signal_connect_data (_zc_client_task_message (task), "wrote-body-data",
                         G_CALLBACK (on_wrote_body_data),
                         watch, (GClosureNotify) (void (*) (void)) g_free, 0);
  _zc_client_send_stream (task, "application/pdf", stream, length);
}

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
  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  upload_document (self, zc_client_upload_document_async, case_id, material, NULL, name,
                   stream, length, idempotency_key, progress, progress_data,
                   cancellable, callback, user_data);
}

/* Returns: (transfer full): the Document as the platform describes it
 * (id, sha256, size …) */
JsonObject *
zc_client_upload_document_finish (ZcClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _zc_client_finish (self, result, zc_client_upload_document_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (pdf != NULL);

  stream = g_memory_input_stream_new_from_bytes (pdf);
  upload_document (self, zc_client_upload_case_document_async, case_id, NULL, kind, name,
                   stream, (goffset) g_bytes_get_size (pdf), idempotency_key, NULL, NULL,
                   cancellable, callback, user_data);
}

/* Returns: (transfer full): the Document */
JsonObject *
zc_client_upload_case_document_finish (ZcClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _zc_client_finish (self, result, zc_client_upload_case_document_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));

  _zc_client_send_request (self, zc_client_list_documents_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_documents,
                           cancellable, callback, user_data);
}

/* Returns: (transfer full): the Document objects, oldest first */
JsonArray *
zc_client_list_documents_finish (ZcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _zc_client_finish (self, result, zc_client_list_documents_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));

  _zc_client_send_request (self, zc_client_download_document_async, SOUP_METHOD_GET, path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_pdf, cancellable, callback, user_data);
}

/* Returns: (transfer full): the bytes */
GBytes *
zc_client_download_document_finish (ZcClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _zc_client_finish (self, result, zc_client_download_document_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (code != NULL && state != NULL);

  escaped = _zc_client_escape_segment (code);
  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/materials/%s", case_id, escaped);
  json_builder_begin_object (builder);
  add_string_member (builder, "state", state);
  add_string_member (builder, "note", note);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  _zc_client_send_request (self, zc_client_set_material_state_async, SOUP_METHOD_PUT,
                           path, NULL, body, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_material_state,
                           cancellable, callback, user_data);
}

/* Returns: (transfer full): the MaterialState */
JsonObject *
zc_client_set_material_state_finish (ZcClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _zc_client_finish (self, result, zc_client_set_material_state_async, error);
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

  g_return_if_fail (ZC_IS_CLIENT (self));
  g_return_if_fail (verdict != NULL);

  path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT "/checks",
                          case_id, document_id);
  json_builder_begin_object (builder);
  add_string_member (builder, "verdict", verdict);
  if (findings != NULL)
    {
      json_builder_set_member_name (builder, "findings");
      json_builder_add_value (builder, json_node_init_array (json_node_alloc (), findings));
    }
  add_string_member (builder, "by_eye", by_eye);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  _zc_client_send_request (self, zc_client_check_document_async, SOUP_METHOD_POST,
                           path, NULL, body, idempotency_key,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_case, cancellable, callback, user_data);
}

/* Returns: (transfer full): the case */
ZcCase *
zc_client_check_document_finish (ZcClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _zc_client_finish (self, result, zc_client_check_document_async, error);
}

/* GET /cases/{id}/documents/{doc}/checks */
void
zc_client_list_document_checks_async (ZcClient            *self,
                                      gint64               case_id,
                                      gint64               document_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT "/checks",
                                           case_id, document_id);

  g_return_if_fail (ZC_IS_CLIENT (self));

  _zc_client_send_request (self, zc_client_list_document_checks_async, SOUP_METHOD_GET,
                           path, NULL, NULL, NULL,
                           ZC_CLIENT_SEND_DEFAULT, &_zc_client_reply_document_checks,
                           cancellable, callback, user_data);
}

/* Returns: (transfer full): the kept checks, newest first */
JsonArray *
zc_client_list_document_checks_finish (ZcClient      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _zc_client_finish (self, result, zc_client_list_document_checks_async, error);
}
