/* zc-server-notifications.c — notifications of the logged-in user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "zc-server-api-private.h"

/* Leaves @message for @username (inside the caller's transaction). */
gboolean
_zc_server_add_notification (ZcServerApi  *self,
                             const char   *username,
                             const char   *kind,
                             gint64        case_id,
                             const char   *by_user,
                             const char   *message,
                             const char   *now,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "INSERT INTO notifications (username, at, kind, case_id, by_user, message) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  _zc_server_bind_text (stmt, 1, username);
  _zc_server_bind_text (stmt, 2, now);
  _zc_server_bind_text (stmt, 3, kind);
  sqlite3_bind_int64 (stmt, 4, case_id);
  _zc_server_bind_text (stmt, 5, by_user);
  _zc_server_bind_text (stmt, 6, message);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_notifications (ZcServerApi *self,
                                 ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  gint64 after;
  int rc;

  if (!_zc_server_parse_uint_param (ctx, "after", 0, 0, G_MAXINT32, &after, &bad))
    return bad;
  stmt = zc_server_db_prepare (self->db,
    "SELECT n.id, n.at, n.kind, n.case_id, c.number, n.by_user, u.display_name, n.message "
    "FROM notifications n LEFT JOIN cases c ON c.id = n.case_id "
    "LEFT JOIN users u ON u.username = n.by_user "
    "WHERE n.username = ?1 AND n.id > ?2 ORDER BY n.id LIMIT 100", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, ctx->user->username);
  sqlite3_bind_int64 (stmt, 2, after);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      _zc_server_add_column_string (builder, "at", stmt, 1);
      _zc_server_add_column_string (builder, "kind", stmt, 2);
      _zc_server_add_column_int (builder, "case_id", stmt, 3);
      _zc_server_add_column_string (builder, "case_number", stmt, 4);
      _zc_server_add_column_string (builder, "by", stmt, 5);
      _zc_server_add_column_string (builder, "by_display", stmt, 6);
      _zc_server_add_column_string (builder, "message", stmt, 7);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}
