/* zc-server-licences.c — licences and their photos
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-server-api-private.h"
#include "zc-server-validate.h"

#define LICENCE_COLUMNS \
  "type, number, holder, holder_name, issuer, issued_on, valid_until, revoked, " \
  "fields, photo IS NOT NULL"

static void
build_licence (JsonBuilder  *builder,
               sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  _zc_server_add_column_string (builder, "type", stmt, 0);
  _zc_server_add_column_string (builder, "number", stmt, 1);
  _zc_server_add_column_string (builder, "holder", stmt, 2);
  _zc_server_add_column_string (builder, "holder_name", stmt, 3);
  _zc_server_add_column_string (builder, "issuer", stmt, 4);
  _zc_server_add_column_string (builder, "issued_on", stmt, 5);
  _zc_server_add_column_string (builder, "valid_until", stmt, 6);
  _zc_server_add_bool (builder, "revoked", sqlite3_column_int (stmt, 7) != 0);
  _zc_server_add_stored_json (builder, "fields", _zc_server_column_text (stmt, 8), JSON_NODE_OBJECT, FALSE);
  _zc_server_add_bool (builder, "has_photo", sqlite3_column_int (stmt, 9) != 0);
  json_builder_end_object (builder);
}

gboolean
_zc_server_add_licences_of (ZcServerApi  *self,
                            JsonBuilder  *builder,
                            const char   *holder,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT " LICENCE_COLUMNS " FROM licences WHERE holder = ?1 "
    "ORDER BY type, issued_on DESC, number", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _zc_server_bind_text (stmt, 1, holder);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    build_licence (builder, stmt);
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_licence_list (ZcServerApi *self,
                                ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  const char *holder = g_hash_table_lookup (ctx->query, "holder");
  g_autofree char *key = NULL;

  if (holder == NULL || *holder == '\0')
    return _zc_server_error (400, "invalid_request",
                             _("The parameter “holder” is missing."));
  key = _zc_server_check_key (self, holder, 400, "invalid_key", NULL, &bad);
  if (key == NULL)
    return bad;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "licences");
  if (!_zc_server_add_licences_of (self, builder, key, &error))
    return _zc_server_db_error (self, error);
  json_builder_end_object (builder);

  if (!_zc_server_view_event (self, ctx, "licence.view", 0, key, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}

/* The ?holder= of a licence read, when given: NULL, or 400 invalid_key */
static ZcServerResponse *
holder_filter_param (ZcServerApi  *self,
                     ZcServerCtx  *ctx,
                     char        **holder_filter)
{
  const char *holder = g_hash_table_lookup (ctx->query, "holder");
  ZcServerResponse *bad = NULL;

  if (holder != NULL)
    *holder_filter = _zc_server_check_key (self, holder, 400, "invalid_key", NULL, &bad);
  return bad;
}

ZcServerResponse *
_zc_server_handle_licence_get (ZcServerApi *self,
                               ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *holder_filter = NULL;
  ZcServerResponse *bad;
  int rc;

  if ((bad = holder_filter_param (self, ctx, &holder_filter)) != NULL)
    return bad;

  stmt = zc_server_db_prepare (self->db,
    "SELECT " LICENCE_COLUMNS " FROM licences WHERE number = ?1 AND (?2 IS NULL OR holder = ?2) "
    "ORDER BY holder LIMIT 1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, ctx->params[0]);
  _zc_server_bind_text (stmt, 2, holder_filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _zc_server_error (404, "not_found", _("There is no licence with this number."));
  if (rc != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  build_licence (builder, stmt);
  holder = _zc_server_column_dup (stmt, 2);

  if (!_zc_server_view_event (self, ctx, "licence.view", 0, holder, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}

ZcServerResponse *
_zc_server_handle_licence_photo (ZcServerApi *self,
                                 ZcServerCtx *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  GBytes *photo;
  g_autofree char *holder_filter = NULL;
  ZcServerResponse *bad;
  int rc;

  if ((bad = holder_filter_param (self, ctx, &holder_filter)) != NULL)
    return bad;

  stmt = zc_server_db_prepare (self->db,
    "SELECT photo, holder FROM licences WHERE number = ?1 AND photo IS NOT NULL "
    "AND (?2 IS NULL OR holder = ?2) ORDER BY holder LIMIT 1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, ctx->params[0]);
  _zc_server_bind_text (stmt, 2, holder_filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _zc_server_error (404, "not_found", _("This licence has no photo."));
  if (rc != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  photo = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  holder = _zc_server_column_dup (stmt, 1);

  if (!_zc_server_view_event (self, ctx, "licence.view", 0, holder, &error))
    {
      g_bytes_unref (photo);
      return _zc_server_db_error (self, error);
    }
  return _zc_server_response_new (200, "image/png", photo);
}
