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
#include "zc-server-db.h"
#include "zc-server-demo.h"

struct _ZcServer
{
  GObject      parent_instance;

  ZcServerDb  *db;
  ZcServerApi *api;
  SoupServer  *soup;
  char        *url;
};

G_DEFINE_FINAL_TYPE (ZcServer, zc_server, G_TYPE_OBJECT)

static void
send_response (SoupServerMessage *msg,
               ZcServerResponse  *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GHashTableIter iter;
  gpointer name, value;

  soup_server_message_set_status (msg, response->status, NULL);
  g_hash_table_iter_init (&iter, response->headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_message_headers_replace (headers, name, value);
  if (response->body != NULL && response->content_type != NULL)
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (response->body, &len);

      soup_server_message_set_response (msg, response->content_type,
                                        SOUP_MEMORY_COPY, data, len);
    }
}

static void
collect_header (const char *name,
                const char *value,
                gpointer    user_data)
{
  zc_server_request_set_header (user_data, name, value);
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  /* refuse an oversized body before libsoup reads it */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > ZC_SERVER_MAX_BODY)
    {
      static const char body[] =
        "{\"error\":{\"code\":\"body_too_large\",\"message\":\"The request body is larger than 1 MiB.\"}}";

      soup_server_message_set_status (msg, 413, NULL);
      soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                        SOUP_MEMORY_STATIC, body, strlen (body));
    }
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
  g_autoptr(ZcServerResponse) response = NULL;
  SoupMessageBody *body;

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

  response = zc_server_api_handle (self->api, request);
  send_response (msg, response);
}

static void
zc_server_dispose (GObject *object)
{
  ZcServer *self = ZC_SERVER (object);

  zc_server_shutdown (self);
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
  return g_steal_pointer (&self);
}

gboolean
zc_server_listen (ZcServer    *self,
                  const char  *address,
                  guint        port,
                  GError     **error)
{
  g_autoptr(GSocketAddress) sockaddr = NULL;
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

  self->soup = soup_server_new ("server-header", "zc-platform/" PACKAGE_VERSION, NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_handler, self, NULL);
  if (!soup_server_listen (self->soup, sockaddr, 0, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      const char *host = g_uri_get_host (uri);

      g_free (self->url);
      if (strchr (host, ':') != NULL)
        self->url = g_strdup_printf ("http://[%s]:%d", host, g_uri_get_port (uri));
      else
        self->url = g_strdup_printf ("http://%s:%d", host, g_uri_get_port (uri));
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

const char *
zc_server_get_url (ZcServer *self)
{
  g_return_val_if_fail (ZC_IS_SERVER (self), NULL);
  return self->url;
}

void
zc_server_shutdown (ZcServer *self)
{
  g_return_if_fail (ZC_IS_SERVER (self));

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
