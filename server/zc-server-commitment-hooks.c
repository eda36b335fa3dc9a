/* zc-server-commitment-hooks.c — what the handlers of cases, materials
 * and tasks call, inside their own transaction, so that commitments
 * follow the case: a material supplied ends its 容缺 (the commitment is
 * fulfilled when all its materials are), the tasks needing a tolerated
 * material wait (awaiting_supplement), a case that ends cancels its open
 * commitments, an approved sub-matter gives each 告知承诺 its 事后核查
 * due date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-commitment-rules.h"

#include "zc-server-commitments-private.h"
#include "zc-server-validate.h"

/* Recomputes awaiting_supplement of the tasks of @case_id: a task waits
 * while a tolerated material needed by its sub-matter is not supplied
 * (an open or overdue 容缺 commitment), unless its result is already
 * issued or it was denied (a 容缺 on a received case does not reopen
 * them). Inside the caller's transaction. */
gboolean
_zc_server_commitments_update_awaiting (ZcServerApi  *self,
                                        gint64        case_id,
                                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = zc_server_db_prepare (self->db, "SELECT item FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  item = _zc_server_load_item (self, _zc_server_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (item == NULL)
    return TRUE;

  stmt = zc_server_db_prepare (self->db,
    "SELECT m.value FROM commitments k, json_each (k.materials) m "
    "WHERE k.case_id = ?1 AND k.kind = 'tolerance' AND k.state IN ('open', 'overdue') "
    "AND m.value NOT IN (SELECT value FROM json_each (k.supplied))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (missing, _zc_server_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db, "SELECT id, matter, awaiting_supplement, state FROM tasks WHERE case_id = ?1", error);
  update = stmt ? zc_server_db_prepare (self->db, "UPDATE tasks SET awaiting_supplement = ?2 WHERE id = ?1", error) : NULL;
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *matter = _zc_server_column_text (stmt, 1);
      const char *task_state = _zc_server_column_text (stmt, 3);
      gboolean ended = g_strcmp0 (task_state, "result_issued") == 0 || g_strcmp0 (task_state, "denied") == 0;
      gboolean waits = FALSE;

      for (guint i = 0; i < missing->len && !waits && !ended; i++)
        {
          ZcMaterial *m = zc_catalogue_item_find_material (item, g_ptr_array_index (missing, i));
          const char * const *matters = m ? zc_material_get_matters (m) : NULL;

          waits = matters != NULL && matter != NULL && g_strv_contains (matters, matter);
        }
      if ((sqlite3_column_int (stmt, 2) != 0) == waits)
        continue;
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (stmt, 0));
      sqlite3_bind_int (update, 2, waits ? 1 : 0);
      if (sqlite3_step (update) != SQLITE_DONE)
        return zc_server_db_set_error (self->db, error);
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  return TRUE;
}

/* @code of case @case_id was supplied (its state set to received, or
 * uploaded): it leaves every open or overdue 容缺 commitment naming it;
 * a commitment with all its materials supplied is fulfilled; the tasks
 * stop waiting for it. Inside the caller's transaction; @ctx names the
 * actor (NULL: the platform). */
gboolean
_zc_server_commitments_material_supplied (ZcServerApi  *self,
                                          ZcServerCtx  *ctx,
                                          gint64        case_id,
                                          const char   *code,
                                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *applicant = NULL;
  gboolean any = FALSE;
  int rc;

  stmt = zc_server_db_prepare (self->db, "SELECT item, applicant FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  item = _zc_server_load_item (self, _zc_server_column_text (stmt, 0));
  applicant = _zc_server_column_dup (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db,
    "SELECT id, materials, supplied, state FROM commitments "
    "WHERE case_id = ?1 AND kind = 'tolerance' AND state IN ('open', 'overdue') "
    "AND EXISTS (SELECT 1 FROM json_each (materials) WHERE value = ?2) "
    "AND NOT EXISTS (SELECT 1 FROM json_each (supplied) WHERE value = ?2)", error);
  update = stmt ? zc_server_db_prepare (self->db,
    "UPDATE commitments SET supplied = ?2, state = ?3, updated_at = ?4 WHERE id = ?1", error) : NULL;
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_auto(GStrv) materials = _zc_server_strv_from_stored (_zc_server_column_text (stmt, 1));
      g_auto(GStrv) supplied = _zc_server_strv_from_stored (_zc_server_column_text (stmt, 2));
      g_autoptr(GStrvBuilder) more = g_strv_builder_new ();
      g_auto(GStrv) now_supplied = NULL;
      g_autofree char *supplied_text = NULL;
      g_autofree char *state = _zc_server_column_dup (stmt, 3);
      g_autofree char *name = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *detail = NULL;
      const char *codes[] = { code, NULL };
      gboolean all = TRUE;

      g_strv_builder_addv (more, (const char **) supplied);
      g_strv_builder_add (more, code);
      now_supplied = g_strv_builder_end (more);
      for (guint i = 0; materials[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *) now_supplied, materials[i]))
          all = FALSE;
      supplied_text = _zc_server_strv_to_json ((const char * const *) now_supplied);

      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, id);
      _zc_server_bind_text (update, 2, supplied_text);
      _zc_server_bind_text (update, 3, all ? "fulfilled" : state);
      _zc_server_bind_text (update, 4, now);
      if (sqlite3_step (update) != SQLITE_DONE)
        return zc_server_db_set_error (self->db, error);

      name = _zc_server_material_names (item, codes);
      reason = g_strdup_printf (_("Supplied: %s"), name);
      detail = g_strdup_printf ("{\"commitment_id\":%" G_GINT64_FORMAT ",\"material\":\"%s\"}",
                                id, g_str_is_ascii (code) && !strpbrk (code, "\"\\") ? code : "");
      if (!zc_server_db_add_event (self->db, _zc_server_actor_name (ctx), _zc_server_actor_role (ctx), _zc_server_actor_window (ctx),
                                   all ? "commitment.fulfilled" : "commitment.supply", case_id, 0,
                                   applicant, state, all ? "fulfilled" : state, reason, detail, error))
        return FALSE;
      any = TRUE;
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!any)
    return TRUE;
  return _zc_server_commitments_update_awaiting (self, case_id, error);
}

gboolean
zc_server_api_material_supplied (ZcServerApi  *self,
                                 gint64        case_id,
                                 const char   *code,
                                 GError      **error)
{
  g_return_val_if_fail (ZC_IS_SERVER_API (self), FALSE);

  if (!_zc_server_begin (self, error))
    return FALSE;
  if (!_zc_server_commitments_material_supplied (self, NULL, case_id, code, error) ||
      !_zc_server_commit (self, error))
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_zc_server_commitments_cancel_open (ZcServerApi  *self,
                                    ZcServerCtx  *ctx,
                                    gint64        case_id,
                                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *applicant = NULL;
  int n;

  stmt = zc_server_db_prepare (self->db,
    "UPDATE commitments SET state = 'cancelled', updated_at = ?2 "
    "WHERE case_id = ?1 AND state IN ('open', 'overdue')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  n = sqlite3_changes (zc_server_db_get_handle (self->db));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (n == 0)
    return TRUE;

  stmt = zc_server_db_prepare (self->db, "SELECT applicant FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    applicant = _zc_server_column_dup (stmt, 0);
  if (!zc_server_db_add_event (self->db, _zc_server_actor_name (ctx), _zc_server_actor_role (ctx), _zc_server_actor_window (ctx),
                               "commitment.cancelled", case_id, 0, applicant, NULL, "cancelled",
                               _("The case ended: its open commitments are cancelled"), NULL, error))
    return FALSE;
  return _zc_server_commitments_update_awaiting (self, case_id, error);
}

/* The sub-matter @matter of @case_id was approved: each 告知承诺 of the
 * case covering a material it needs gets its 事后核查 due date, N working
 * days on (zc_server_api_set_verification_days). Inside the caller's
 * transaction. */
gboolean
_zc_server_commitments_task_approved (ZcServerApi  *self,
                                      ZcServerCtx  *ctx,
                                      gint64        case_id,
                                      const char   *matter,
                                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  ZcCalendar *calendar;
  GDate today, due;
  int rc;

  stmt = zc_server_db_prepare (self->db, "SELECT item, applicant FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  item = _zc_server_load_item (self, _zc_server_column_text (stmt, 0));
  applicant = _zc_server_column_dup (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (item == NULL)
    return TRUE;

  stmt = zc_server_db_prepare (self->db,
    "SELECT id, materials, verification_method FROM commitments WHERE case_id = ?1 "
    "AND kind = 'commitment' AND state IN ('open', 'overdue') AND verification_due IS NULL", error);
  update = stmt ? zc_server_db_prepare (self->db,
    "UPDATE commitments SET verification_due = ?2, updated_at = ?3 WHERE id = ?1", error) : NULL;
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);

  g_date_clear (&today, 1);
  g_date_clear (&due, 1);
  _zc_server_today (self, &today);
  calendar = _zc_server_get_calendar (self, error);
  if (calendar == NULL)
    return FALSE;
  if (!zc_commitment_verification_due (calendar, &today, self->verification_days, &due, NULL, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) materials = _zc_server_strv_from_stored (_zc_server_column_text (stmt, 1));
      g_autofree char *due_text = zc_date_to_iso (&due);
      g_autofree char *reason = NULL;
      g_autofree char *detail = NULL;
      ZcVerificationMethod method = zc_verification_method_from_string (_zc_server_column_text (stmt, 2));
      gboolean covers = FALSE;

      for (guint i = 0; materials[i] != NULL && !covers; i++)
        {
          ZcMaterial *m = zc_catalogue_item_find_material (item, materials[i]);

          covers = m != NULL && zc_material_get_matters (m) != NULL &&
                   g_strv_contains (zc_material_get_matters (m), matter);
        }
      if (!covers)
        continue;

      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (stmt, 0));
      _zc_server_bind_text (update, 2, due_text);
      _zc_server_bind_text (update, 3, now);
      if (sqlite3_step (update) != SQLITE_DONE)
        return zc_server_db_set_error (self->db, error);
      /* Translators: 事后核查（实地调查）应于 2027-01-15 前完成 */
      reason = g_strdup_printf (_("Later verification (%s) due by %s"),
                                zc_verification_method_label (method != ZC_VERIFICATION_METHOD_INVALID
                                                              ? method : ZC_VERIFICATION_METHOD_WRITTEN),
                                due_text);
      detail = g_strdup_printf ("{\"commitment_id\":%" G_GINT64_FORMAT ",\"verification_due\":\"%s\"}",
                                (gint64) sqlite3_column_int64 (stmt, 0), due_text);
      if (!zc_server_db_add_event (self->db, _zc_server_actor_name (ctx), _zc_server_actor_role (ctx), _zc_server_actor_window (ctx),
                                   "commitment.verification_due", case_id, 0, applicant,
                                   NULL, NULL, reason, detail, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  return TRUE;
}
