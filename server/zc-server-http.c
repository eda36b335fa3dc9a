/* zc-server-http.c — the HTTP layer: requests, responses, JSON error
 * bodies, body and query parsing, limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-json.h"
#include "zc-server-api-private.h"
#include "zc-server-upload.h"

/* ------------------------------------------------------------------ */
/* Requests and responses                                             */

ZcServerRequest *
zc_server_request_new (const char *method,
                       const char *path,
                       const char *query)
{
  ZcServerRequest *request = g_new0 (ZcServerRequest, 1);

  request->method = g_strdup (method ? method : "");
  request->path = g_strdup (path ? path : "");
  request->query = g_strdup (query);
  request->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return request;
}

void
zc_server_request_set_header (ZcServerRequest *request,
                              const char      *name,
                              const char      *value)
{
  g_return_if_fail (name != NULL);
  g_hash_table_replace (request->headers, g_ascii_strdown (name, -1),
                        g_strdup (value ? value : ""));
}

const char *
zc_server_request_get_header (const ZcServerRequest *request,
                              const char            *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (request->headers, lower);
}

void
zc_server_request_set_body (ZcServerRequest *request,
                            const void      *data,
                            gsize            length)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = g_bytes_new (data, length);
}

void
zc_server_request_free (ZcServerRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, g_hash_table_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->upload, zc_server_upload_free);
  g_free (request->remote_address);
  g_free (request);
}

ZcServerResponse *
_zc_server_response_new (guint       status,
                         const char *content_type,
                         GBytes     *body)
{
  ZcServerResponse *response = g_new0 (ZcServerResponse, 1);

  response->status = status;
  response->content_type = g_strdup (content_type);
  response->body = body;
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return response;
}

void
zc_server_response_free (ZcServerResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, g_hash_table_unref);
  g_free (response->text);
  g_free (response);
}

const char *
zc_server_response_get_text (ZcServerResponse *response)
{
  if (response->text == NULL)
    {
      gsize len = 0;
      const char *data = response->body ? g_bytes_get_data (response->body, &len) : NULL;

      response->text = data ? g_strndup (data, len) : g_strdup ("");
    }
  return response->text;
}

/* ------------------------------------------------------------------ */
/* JSON answers and error bodies                                      */

ZcServerResponse *
_zc_server_json_response (guint     status,
                          JsonNode *node)
{
  gsize len = 0;
  char *text = zc_json_to_data (node, FALSE, &len);

  /* the generator NUL-terminates: keep the terminator out of the length */
  return _zc_server_response_new (status, ZC_SERVER_JSON_TYPE,
                                  g_bytes_new_with_free_func (text, len, g_free, text));
}

ZcServerResponse *
_zc_server_builder_response (guint        status,
                             JsonBuilder *builder)
{
  g_autoptr(JsonNode) node = json_builder_get_root (builder);

  return _zc_server_json_response (status, node);
}

ZcServerResponse *
_zc_server_error (guint       status,
                  const char *code,
                  const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (status, builder);
}

G_GNUC_PRINTF (3, 4)
ZcServerResponse *
_zc_server_error_printf (guint       status,
                         const char *code,
                         const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return _zc_server_error (status, code, message);
}

ZcServerResponse *
_zc_server_db_error (ZcServerApi *self,
                     GError      *error)
{
  int code = sqlite3_errcode (zc_server_db_get_handle (self->db));

  /* a busy or locked database is worth another try: 503 + Retry-After */
  if (g_error_matches (error, ZC_SERVER_DB_ERROR, ZC_SERVER_DB_ERROR_BUSY) ||
      (error == NULL && (code == SQLITE_BUSY || code == SQLITE_LOCKED)))
    {
      ZcServerResponse *response =
        _zc_server_error (503, "busy",
                          _("The platform is busy. Try again in a moment."));

      g_debug ("busy database answered with 503");
      g_hash_table_replace (response->headers, g_strdup ("Retry-After"),
                            g_strdup (ZC_SERVER_BUSY_RETRY_AFTER));
      return response;
    }

  /* the disk full: nothing was written (the transaction is rolled
   * back); worth another try once the operator has made room */
  if (g_error_matches (error, ZC_SERVER_DB_ERROR, ZC_SERVER_DB_ERROR_FULL) ||
      (error == NULL && code == SQLITE_FULL))
    {
      ZcServerResponse *response =
        _zc_server_error (503, "storage_full",
                          _("The platform's storage is full: nothing was saved. Try again later."));

      g_message ("database full: answered with 503");
      g_hash_table_replace (response->headers, g_strdup ("Retry-After"),
                            g_strdup (ZC_SERVER_FULL_RETRY_AFTER));
      return response;
    }

  /* the SQLite message names no personal data; keep it out of logs */
  g_debug ("database error answered with 500");
  return _zc_server_error (500, "internal_error", _("The platform could not store or read its data."));
}

ZcServerResponse *
_zc_server_not_found (void)
{
  return _zc_server_error (404, "not_found", _("Not found."));
}

ZcServerResponse *
_zc_server_empty_response (guint status)
{
  return _zc_server_response_new (status, NULL, NULL);
}

ZcServerResponse *
_zc_server_upgrade_response (gint64 video_session,
                             guint  party)
{
  ZcServerResponse *response = _zc_server_response_new (101, NULL, NULL);

  response->video_session = video_session;
  response->video_party = party;
  return response;
}

/* ------------------------------------------------------------------ */
/* JSON members                                                       */

void
_zc_server_add_string (JsonBuilder *builder,
                       const char  *name,
                       const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_zc_server_add_column_string (JsonBuilder  *builder,
                              const char   *name,
                              sqlite3_stmt *stmt,
                              int           column)
{
  _zc_server_add_string (builder, name, (const char *) sqlite3_column_text (stmt, column));
}

/* an integer column, null when NULL */
void
_zc_server_add_column_int (JsonBuilder  *builder,
                           const char   *name,
                           sqlite3_stmt *stmt,
                           int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
}

void
_zc_server_add_bool (JsonBuilder *builder,
                     const char  *name,
                     gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
_zc_server_add_int (JsonBuilder *builder,
                    const char  *name,
                    gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Parses stored JSON; NULL when absent or malformed. */
JsonNode *
_zc_server_parse_stored (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

void
_zc_server_add_stored_json (JsonBuilder *builder,
                            const char  *name,
                            const char  *text,
                            JsonNodeType expected,
                            gboolean     null_default)
{
  g_autoptr(JsonNode) node = _zc_server_parse_stored (text);

  json_builder_set_member_name (builder, name);
  if (node != NULL && JSON_NODE_TYPE (node) == expected)
    json_builder_add_value (builder, g_steal_pointer (&node));
  else if (null_default)
    json_builder_add_null_value (builder);
  else if (expected == JSON_NODE_ARRAY)
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
}

char *
_zc_server_node_to_string (JsonNode *node)
{
  return zc_json_to_data (node, FALSE, NULL);
}

/* ------------------------------------------------------------------ */
/* SQLite columns and parameters                                      */

char *
_zc_server_column_dup (sqlite3_stmt *stmt,
                       int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

const char *
_zc_server_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

void
_zc_server_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* "?q=…" LIKE pattern with % and _ escaped by '\' */
char *
_zc_server_like_pattern (const char *q)
{
  GString *s = g_string_new ("%");

  for (const char *p = q; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------ */
/* Parsing: query parameters, path ids, the body; limits              */

gboolean
_zc_server_parse_uint_param (ZcServerCtx       *ctx,
                             const char        *name,
                             gint64             fallback,
                             gint64             min,
                             gint64             max,
                             gint64            *result,
                             ZcServerResponse **error)
{
  const char *text = g_hash_table_lookup (ctx->query, name);
  guint64 value;

  if (text == NULL || *text == '\0')
    {
      *result = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, G_MAXINT32, &value, NULL))
    {
      *error = _zc_server_error_printf (422, "invalid_request",
                                        _("The parameter “%s” must be a whole number of at least %d."),
                                        name, (int) min);
      return FALSE;
    }
  *result = MIN ((gint64) value, max);
  return TRUE;
}

/* ?offset= and ?limit= of a listing (limit capped at ZC_SERVER_MAX_LIMIT) */
gboolean
_zc_server_parse_page (ZcServerCtx       *ctx,
                       gint64            *offset,
                       gint64            *limit,
                       ZcServerResponse **error)
{
  return _zc_server_parse_uint_param (ctx, "offset", 0, 0, G_MAXINT32, offset, error) &&
         _zc_server_parse_uint_param (ctx, "limit", ZC_SERVER_DEFAULT_LIMIT, 1, ZC_SERVER_MAX_LIMIT, limit, error);
}

gboolean
_zc_server_parse_id (const char *text,
                     gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* 413 when the declared or the actual body is above the limit */
ZcServerResponse *
_zc_server_check_body_size (const ZcServerRequest *request)
{
  const char *length_header = zc_server_request_get_header (request, "content-length");
  gsize body_len = request->body ? g_bytes_get_size (request->body) : 0;

  if (length_header != NULL)
    {
      guint64 declared;

      if (g_ascii_string_to_unsigned (length_header, 10, 0, G_MAXUINT64, &declared, NULL) &&
          declared > ZC_SERVER_MAX_BODY)
        return _zc_server_error (413, "body_too_large",
                                 _("The request body is larger than 1 MiB."));
    }
  if (body_len > ZC_SERVER_MAX_BODY)
    return _zc_server_error (413, "body_too_large",
                             _("The request body is larger than 1 MiB."));
  return NULL;
}

/* Fills ctx->query (never NULL afterwards); a 400 when malformed. */
ZcServerResponse *
_zc_server_parse_query (const ZcServerRequest *request,
                        ZcServerCtx           *ctx)
{
  if (request->query != NULL && *request->query != '\0')
    {
      g_autoptr(GError) error = NULL;
      GHashTableIter iter;
      gpointer key, value;

      ctx->query = g_uri_parse_params (request->query, -1, "&",
                                       G_URI_PARAMS_WWW_FORM, &error);
      if (ctx->query == NULL)
        return _zc_server_error (400, "invalid_request",
                                 _("The query string is malformed."));
      g_hash_table_iter_init (&iter, ctx->query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
          return _zc_server_error (400, "invalid_request",
                                   _("The query string is not valid UTF-8."));
    }
  else
    ctx->query = g_hash_table_new (g_str_hash, g_str_equal);
  return NULL;
}

/* application/json (any case, any parameters) or a +json type */
gboolean
_zc_server_is_json_type (const char *content_type)
{
  g_autofree char *type = NULL;
  const char *semicolon;

  if (content_type == NULL)
    return FALSE;
  semicolon = strchr (content_type, ';');
  type = g_ascii_strdown (content_type, semicolon ? semicolon - content_type : -1);
  g_strstrip (type);
  return strcmp (type, "application/json") == 0 ||
         (g_str_has_prefix (type, "application/") && g_str_has_suffix (type, "+json"));
}

/* Fills ctx->body and ctx->object with the request's JSON object; a 400
 * invalid_json when it is not one. An empty body is no object (and no
 * error) when @optional. */
ZcServerResponse *
_zc_server_parse_json_body (const ZcServerRequest *request,
                            ZcServerCtx           *ctx,
                            gboolean               optional)
{
  gsize body_len = request->body ? g_bytes_get_size (request->body) : 0;
  const char *data = request->body ? g_bytes_get_data (request->body, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if ((data == NULL || body_len == 0) && optional)
    return NULL;
  if (data == NULL || body_len == 0)
    return _zc_server_error (400, "invalid_json", _("The request body must be a JSON object."));
  if (!_zc_server_is_json_type (zc_server_request_get_header (request, "content-type")))
    return _zc_server_error (415, "unsupported_media_type",
                             _("The request body must be sent as application/json."));
  /* strict and without recursion before json-glib sees it: no comments,
   * no single quotes, no NUL, a bounded depth (zc-json.h) */
  root = zc_json_parse (data, (gssize) body_len, ZC_JSON_MAX_DEPTH, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, ZC_JSON_ERROR, ZC_JSON_ERROR_TOO_DEEP))
        return _zc_server_error (400, "invalid_json", _("The request body is nested too deeply."));
      if (g_error_matches (error, ZC_JSON_ERROR, ZC_JSON_ERROR_ENCODING))
        return _zc_server_error (400, "invalid_json", error->message);
      return _zc_server_error (400, "invalid_json", _("The request body is not valid JSON."));
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return _zc_server_error (400, "invalid_json", _("The request body must be a JSON object."));
  ctx->body = g_steal_pointer (&root);
  ctx->object = json_node_get_object (ctx->body);
  return NULL;
}
