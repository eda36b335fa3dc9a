/* zc-server-progress.c — progress of a case, for staff and for the public
 * (rate limited)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-id.h"

#include "zc-server-api-private.h"

/* Public progress queries per remote address and minute */
#define PUBLIC_RATE_LIMIT 30
#define PUBLIC_RATE_WINDOW_USEC (60 * G_USEC_PER_SEC)
#define PROGRESS_EVENTS 20

typedef struct
{
  gint64 window_start;
  guint  count;
} RateSlot;

/* Today at the counter (China time) as YYYY-MM-DD */
static char *
today_iso (ZcServerApi *self)
{
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_server_db_get_clock (self->db));

  return g_date_time_format (now, "%Y-%m-%d");
}

/* {"case_id"?, "number", "state", "item_name", "received_at", "tasks",
 * "events"}; the public form leaves out case_id and anything personal. */
static gboolean
build_progress (ZcServerApi  *self,
                JsonBuilder  *builder,
                gint64        case_id,
                gboolean      public_form,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = today_iso (self);
  int rc;

  stmt = zc_server_db_prepare (self->db,
    "SELECT c.id, c.number, c.state, "
    "CASE WHEN json_valid (ci.json) THEN json_extract (ci.json, '$.name') END, c.received_at "
    "FROM cases c JOIN catalogue_items ci ON ci.code = c.item WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  json_builder_begin_object (builder);
  if (!public_form)
    _zc_server_add_int (builder, "case_id", sqlite3_column_int64 (stmt, 0));
  _zc_server_add_column_string (builder, "number", stmt, 1);
  _zc_server_add_column_string (builder, "state", stmt, 2);
  _zc_server_add_column_string (builder, "item_name", stmt, 3);
  _zc_server_add_column_string (builder, "received_at", stmt, 4);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db,
    "SELECT matter_name, department, state, due_date, due_provisional, awaiting_supplement, "
    "updated_at FROM tasks WHERE case_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *due = _zc_server_column_text (stmt, 3);
      gboolean final = zc_task_state_is_final (zc_task_state_from_string (_zc_server_column_text (stmt, 2)));

      json_builder_begin_object (builder);
      _zc_server_add_column_string (builder, "matter_name", stmt, 0);
      _zc_server_add_column_string (builder, "department", stmt, 1);
      _zc_server_add_column_string (builder, "state", stmt, 2);
      _zc_server_add_column_string (builder, "due_date", stmt, 3);
      _zc_server_add_bool (builder, "due_provisional", sqlite3_column_int (stmt, 4) != 0);
      _zc_server_add_bool (builder, "late", due != NULL && !final && strcmp (due, today) < 0);
      _zc_server_add_bool (builder, "awaiting_supplement", sqlite3_column_int (stmt, 5) != 0);
      _zc_server_add_column_string (builder, "updated_at", stmt, 6);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* the last public events: state changes of the case and its tasks */
  stmt = zc_server_db_prepare (self->db,
    "SELECT * FROM (SELECT e.id, e.at, e.action, e.from_state, e.to_state, t.department, t.matter_name "
    "FROM events e LEFT JOIN tasks t ON t.id = e.task_id "
    "WHERE e.case_id = ?1 AND e.action IN ('case.transition', 'task.transition') "
    "ORDER BY e.id DESC LIMIT ?2) ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int (stmt, 2, PROGRESS_EVENTS);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      _zc_server_add_column_string (builder, "at", stmt, 1);
      _zc_server_add_column_string (builder, "action", stmt, 2);
      _zc_server_add_column_string (builder, "from", stmt, 3);
      _zc_server_add_column_string (builder, "to", stmt, 4);
      _zc_server_add_column_string (builder, "department", stmt, 5);
      _zc_server_add_column_string (builder, "matter_name", stmt, 6);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_case_progress (ZcServerApi *self,
                                 ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad;
  gint64 id;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  if ((bad = _zc_server_check_case_access (self, ctx, id, NULL, NULL, NULL, NULL)) != NULL)
    return bad;
  if (!build_progress (self, builder, id, FALSE, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}

/* TRUE when @remote may make one more public query now */
static gboolean
rate_allow (ZcServerApi *self,
            const char  *remote)
{
  gint64 now = g_get_monotonic_time ();
  RateSlot *slot = g_hash_table_lookup (self->public_hits, remote ? remote : "");

  if (slot == NULL)
    {
      if (g_hash_table_size (self->public_hits) > 10000)
        g_hash_table_remove_all (self->public_hits);
      slot = g_new0 (RateSlot, 1);
      g_hash_table_insert (self->public_hits, g_strdup (remote ? remote : ""), slot);
    }
  if (now - slot->window_start >= PUBLIC_RATE_WINDOW_USEC)
    {
      slot->window_start = now;
      slot->count = 0;
    }
  return ++slot->count <= PUBLIC_RATE_LIMIT;
}

ZcServerResponse *
_zc_server_handle_public_progress (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  const char *number = g_hash_table_lookup (ctx->query, "number");
  const char *applicant_in = g_hash_table_lookup (ctx->query, "applicant");
  const char *remote = ctx->request->remote_address;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *detail_text = NULL;
  gint64 case_id = 0;

  if (!rate_allow (self, remote))
    {
      ZcServerResponse *response =
        _zc_server_error_printf (429, "too_many_requests",
                                 _("Too many progress queries from this address: at most %d a minute. Try again later."),
                                 PUBLIC_RATE_LIMIT);
      g_hash_table_replace (response->headers, g_strdup ("Retry-After"), g_strdup ("60"));
      return response;
    }
  if (number == NULL || *number == '\0' || applicant_in == NULL || *applicant_in == '\0')
    return _zc_server_error (400, "invalid_request",
                             _("Give both the case number and the applicant's key."));
  if (strlen (number) > 32 || strlen (applicant_in) > 64)
    return _zc_server_error (404, "not_found",
                             _("No case matches this case number and applicant key."));

  applicant = zc_id_normalize (applicant_in);
  stmt = zc_server_db_prepare (self->db,
    "SELECT id FROM cases WHERE number = ?1 AND applicant = ?2", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, number);
  _zc_server_bind_text (stmt, 2, applicant);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    case_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* audited, hit or miss; the key only when it matched a case */
  json_builder_begin_object (detail);
  _zc_server_add_bool (detail, "found", case_id > 0);
  _zc_server_add_string (detail, "remote", remote);
  json_builder_end_object (detail);
  detail_root = json_builder_get_root (detail);
  detail_text = _zc_server_node_to_string (detail_root);
  if (!_zc_server_begin (self, &error) ||
      !zc_server_db_add_event (self->db, "public", "public", NULL, "progress.public",
                               case_id, 0, case_id > 0 ? applicant : NULL,
                               NULL, NULL, NULL, detail_text, &error) ||
      !_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);

  if (case_id == 0)
    return _zc_server_error (404, "not_found",
                             _("No case matches this case number and applicant key."));
  if (!build_progress (self, builder, case_id, TRUE, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}
