/* zc-server-list.c — a page of a listing and its total
 *
 * GET /tasks, /commitments and /applicants answer {"<member>": [one
 * page of rows], "total": n}: one SELECT with LIMIT and OFFSET, one
 * count(*) with the same WHERE and parameters. The handler checks its
 * query parameters and ?offset / ?limit (_zc_server_parse_page), then
 * hands the two statements' texts and a row builder to
 * _zc_server_list_page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-server-api-private.h"

static void
bind_params (sqlite3_stmt            *stmt,
             const ZcServerListQuery *query)
{
  for (guint i = 0; i < query->n_params; i++)
    _zc_server_bind_text (stmt, (int) i + 1, query->params[i]);
}

ZcServerResponse *
_zc_server_list_page (ZcServerApi             *self,
                      const ZcServerListQuery *query,
                      gint64                   offset,
                      gint64                   limit,
                      JsonBuilder             *builder)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *page = g_strdup_printf ("LIMIT ?%u OFFSET ?%u", query->n_params + 1, query->n_params + 2);
  int rc;

  sql = g_strconcat (query->select, query->where, query->order, " ", page, NULL);
  count_sql = g_strconcat (query->count, query->where, NULL);
  stmt = zc_server_db_prepare (self->db, sql, &error);
  count = stmt ? zc_server_db_prepare (self->db, count_sql, &error) : NULL;
  if (count == NULL)
    return _zc_server_db_error (self, error);
  bind_params (stmt, query);
  bind_params (count, query);
  sqlite3_bind_int64 (stmt, (int) query->n_params + 1, limit);
  sqlite3_bind_int64 (stmt, (int) query->n_params + 2, offset);
  if (sqlite3_step (count) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, query->member);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!query->row (self, builder, stmt, query->user_data, &error))
      return _zc_server_db_error (self, error);
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  json_builder_end_array (builder);
  _zc_server_add_int (builder, "total", sqlite3_column_int64 (count, 0));
  json_builder_end_object (builder);
  return NULL;
}
