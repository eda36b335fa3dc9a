/* zc-server-tasks.c — department tasks: list, transitions; the Task object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-server-api-private.h"
#include "zc-server-validate.h"

#define TASK_SELECT \
  "SELECT t.id, t.case_id, c.number, t.matter, t.matter_name, t.department, " \
  "t.state, t.due_date, t.due_provisional, t.awaiting_supplement, t.reason " \
  "FROM tasks t JOIN cases c ON c.id = t.case_id "

static void
build_task (JsonBuilder  *builder,
            sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
  _zc_server_add_int (builder, "case_id", sqlite3_column_int64 (stmt, 1));
  _zc_server_add_column_string (builder, "case_number", stmt, 2);
  _zc_server_add_column_string (builder, "matter", stmt, 3);
  _zc_server_add_column_string (builder, "matter_name", stmt, 4);
  _zc_server_add_column_string (builder, "department", stmt, 5);
  _zc_server_add_column_string (builder, "state", stmt, 6);
  _zc_server_add_column_string (builder, "due_date", stmt, 7);
  _zc_server_add_bool (builder, "due_provisional", sqlite3_column_int (stmt, 8) != 0);
  _zc_server_add_bool (builder, "awaiting_supplement", sqlite3_column_int (stmt, 9) != 0);
  _zc_server_add_column_string (builder, "reason", stmt, 10);
  json_builder_end_object (builder);
}

static gboolean
build_task_by_id (ZcServerApi  *self,
                  JsonBuilder  *builder,
                  gint64        task_id,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db, TASK_SELECT "WHERE t.id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  build_task (builder, stmt);
  return TRUE;
}

/* The tasks of a case, as an array, in the order they were made. */
gboolean
_zc_server_add_tasks_of (ZcServerApi  *self,
                         JsonBuilder  *builder,
                         gint64        case_id,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) tasks = NULL;
  int rc;

  tasks = zc_server_db_prepare (self->db, TASK_SELECT "WHERE t.case_id = ?1 ORDER BY t.id", error);
  if (tasks == NULL)
    return FALSE;
  sqlite3_bind_int64 (tasks, 1, case_id);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (tasks)) == SQLITE_ROW)
    build_task (builder, tasks);
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  return TRUE;
}

/* A received case whose tasks have all ended is completed, by the
 * platform (docs/domain.md, the case table); inside the caller's
 * transaction. A case without tasks stays as it is. */
gboolean
_zc_server_complete_if_done (ZcServerApi  *self,
                             gint64        case_id,
                             const char   *applicant,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  gboolean all_final = TRUE;
  guint n = 0;
  int rc;

  stmt = zc_server_db_prepare (self->db, "SELECT state FROM tasks WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n++;
      if (!zc_task_state_is_final (zc_task_state_from_string (_zc_server_column_text (stmt, 0))))
        all_final = FALSE;
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!all_final || n == 0)
    return TRUE;

  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET state = 'completed', updated_at = ?2 WHERE id = ?1 AND state = 'received'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  if (sqlite3_changes (zc_server_db_get_handle (self->db)) == 0)
    return TRUE;
  return zc_server_db_add_event (self->db, "platform", "platform", NULL,
                                 "case.transition", case_id, 0, applicant,
                                 zc_case_state_to_string (ZC_CASE_STATE_RECEIVED),
                                 zc_case_state_to_string (ZC_CASE_STATE_COMPLETED),
                                 NULL, "{\"automatic\":true}", error);
}

static gboolean
list_row (ZcServerApi   *self,
          JsonBuilder   *builder,
          sqlite3_stmt  *stmt,
          gpointer       user_data,
          GError       **error)
{
  build_task (builder, stmt);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_task_list (ZcServerApi *self,
                             ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  ZcServerResponse *bad = NULL;
  const char *department = g_hash_table_lookup (ctx->query, "department");
  const char *state = g_hash_table_lookup (ctx->query, "state");
  const char *params[2];
  ZcServerListQuery query = {
    .member = "tasks",
    .select = TASK_SELECT,
    .count = "SELECT count(*) FROM tasks t ",
    .where = "WHERE (?1 IS NULL OR t.department = ?1) AND (?2 IS NULL OR t.state = ?2) ",
    .order = "ORDER BY t.due_date IS NULL, t.due_date, t.id",
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .row = list_row,
  };
  gint64 offset, limit;

  if (department != NULL && *department == '\0')
    department = NULL;
  if (state != NULL && *state == '\0')
    state = NULL;
  if (state != NULL && zc_task_state_from_string (state) == ZC_TASK_STATE_INVALID)
    return _zc_server_error (422, "invalid_request",
                             _("The parameter “state” names no task state."));
  if (ctx->user->role == ZC_ROLE_DEPARTMENT)
    department = ctx->user->department ? ctx->user->department : "";
  if (!_zc_server_parse_page (ctx, &offset, &limit, &bad))
    return bad;

  params[0] = department;
  params[1] = state;
  if ((bad = _zc_server_list_page (self, &query, offset, limit, builder)) != NULL)
    return bad;
  return _zc_server_builder_response (200, builder);
}

ZcServerResponse *
_zc_server_handle_task_transition (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *state = NULL;
  g_autofree char *department = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *case_state = NULL;
  const char *idem;
  const char *to_text;
  const char *reason;
  ZcServerResponse *replay;
  ZcTaskState from, to;
  gboolean awaiting;
  gint64 id, case_id;
  int rc;

  if (!_zc_server_parse_id (ctx->params[0], &id))
    return _zc_server_error (404, "not_found", _("There is no such task."));
  idem = _zc_server_get_idempotency_key (ctx, &bad);
  if (bad)
    return bad;
  if ((replay = _zc_server_lookup_reply (self, ctx, idem)) != NULL)
    return replay;
  to_text = _zc_server_get_string_member (ctx, "to", TRUE, &bad);
  if (bad)
    return bad;
  reason = _zc_server_get_bounded_string_member (ctx, "reason", FALSE, ZC_SERVER_MAX_REASON, &bad);
  if (bad)
    return bad;
  to = zc_task_state_from_string (to_text);
  if (to == ZC_TASK_STATE_INVALID)
    return _zc_server_error (422, "invalid_request",
                             _("The member “to” names no task state."));

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  stmt = zc_server_db_prepare (self->db,
    "SELECT t.state, t.department, t.awaiting_supplement, t.case_id, c.applicant, c.state "
    "FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _zc_server_error (404, "not_found", _("There is no such task."));
  if (rc != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  state = _zc_server_column_dup (stmt, 0);
  department = _zc_server_column_dup (stmt, 1);
  awaiting = sqlite3_column_int (stmt, 2) != 0;
  case_id = sqlite3_column_int64 (stmt, 3);
  applicant = _zc_server_column_dup (stmt, 4);
  case_state = _zc_server_column_dup (stmt, 5);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (g_strcmp0 (department, ctx->user->department) != 0)
    return _zc_server_error (403, "forbidden", _("This task belongs to another department."));

  /* departments work on a received case (and on one returned to the
   * window for correction); a withdrawn, refused or completed case's
   * tasks stay where they are */
  if (zc_case_state_from_string (case_state) != ZC_CASE_STATE_RECEIVED &&
      zc_case_state_from_string (case_state) != ZC_CASE_STATE_RETURNED)
    return _zc_server_error (409, "transition_not_allowed",
                             _("The case of this task is no longer being handled (withdrawn, refused or completed)."));

  from = zc_task_state_from_string (state);
  if (!zc_task_transition_check (from, to, ctx->user->role, reason, awaiting, &error))
    return _zc_server_error (409, "transition_not_allowed", error->message);

  stmt = zc_server_db_prepare (self->db,
    "UPDATE tasks SET state = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, zc_task_state_to_string (to));
  _zc_server_bind_text (stmt, 3, reason && *reason ? reason : NULL);
  _zc_server_bind_text (stmt, 4, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "task.transition", case_id, id, applicant,
                               state, zc_task_state_to_string (to),
                               reason && *reason ? reason : NULL, NULL, &error))
    return _zc_server_db_error (self, error);

  /* approved on a 告知承诺: its 事后核查 falls due */
  if (to == ZC_TASK_STATE_APPROVED)
    {
      g_autofree char *matter = NULL;

      stmt = zc_server_db_prepare (self->db, "SELECT matter FROM tasks WHERE id = ?1", &error);
      if (stmt == NULL)
        return _zc_server_db_error (self, error);
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return _zc_server_db_error (self, NULL);
      matter = _zc_server_column_dup (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!_zc_server_commitments_task_approved (self, ctx, case_id, matter, &error))
        return _zc_server_db_error (self, error);
    }

  /* every task final: the case is completed, by the platform */
  if (zc_task_state_is_final (to) &&
      zc_case_state_from_string (case_state) == ZC_CASE_STATE_RECEIVED &&
      !_zc_server_complete_if_done (self, case_id, applicant, &error))
    return _zc_server_db_error (self, error);

  if (!build_task_by_id (self, builder, id, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_commit_reply (self, ctx, idem, 200, builder);
}
