/* zc-server-verifications.c — 事后核查 and the overdue job:
 * POST /commitments/{id}/verifications (a 告知承诺 confirmed, or found
 * false: breached, with a credit record against the applicant), and the
 * open commitments past their deadline turned overdue (on every read of
 * commitments and by the periodic job of ZcServer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-commitment-rules.h"

#include "zc-server-commitments-private.h"
#include "zc-server-validate.h"

#define MAX_NOTE         2000

/* ------------------------------------------------------------------ */
/* Overdue                                                             */
/* ------------------------------------------------------------------ */

/* Open commitments whose deadline has passed become overdue (one audit
 * event each, by the platform). Inside the caller's transaction; the
 * number changed in @n_changed (may be NULL). */
gboolean
_zc_server_commitments_mark_overdue (ZcServerApi  *self,
                                     guint        *n_changed,
                                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) applicants = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *today_text = NULL;
  GDate today;
  int rc;

  if (n_changed != NULL)
    *n_changed = 0;
  g_date_clear (&today, 1);
  _zc_server_today (self, &today);
  today_text = zc_date_to_iso (&today);

  stmt = zc_server_db_prepare (self->db,
    "SELECT k.id, k.case_id, c.applicant, k.deadline FROM commitments k JOIN cases c ON c.id = k.case_id "
    "WHERE k.state = 'open' AND k.deadline IS NOT NULL AND k.deadline < ?1", error);
  if (stmt == NULL)
    return FALSE;
  _zc_server_bind_text (stmt, 1, today_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 case_id = sqlite3_column_int64 (stmt, 1);
      GDate deadline;

      /* the rule is core's: the day after the deadline */
      g_date_clear (&deadline, 1);
      if (!zc_date_parse_iso (_zc_server_column_text (stmt, 3), &deadline) ||
          zc_commitment_state_on (ZC_COMMITMENT_STATE_OPEN, &deadline, &today) != ZC_COMMITMENT_STATE_OVERDUE)
        continue;
      g_array_append_val (ids, id);
      g_array_append_val (cases, case_id);
      g_ptr_array_add (applicants, _zc_server_column_dup (stmt, 2));
      g_ptr_array_add (reasons, g_strdup_printf (_("The deadline %s has passed"), _zc_server_column_text (stmt, 3)));
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);

  update = zc_server_db_prepare (self->db,
    "UPDATE commitments SET state = 'overdue', updated_at = ?2 WHERE id = ?1 AND state = 'open'", error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *detail = g_strdup_printf ("{\"commitment_id\":%" G_GINT64_FORMAT "}",
                                                 g_array_index (ids, gint64, i));

      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      _zc_server_bind_text (update, 2, now);
      if (sqlite3_step (update) != SQLITE_DONE)
        return zc_server_db_set_error (self->db, error);
      if (!zc_server_db_add_event (self->db, "platform", "platform", NULL, "commitment.overdue",
                                   g_array_index (cases, gint64, i), 0,
                                   g_ptr_array_index (applicants, i), "open", "overdue",
                                   g_ptr_array_index (reasons, i), detail, error))
        return FALSE;
    }
  if (n_changed != NULL)
    *n_changed = ids->len;
  return TRUE;
}

gboolean
zc_server_api_check_commitments (ZcServerApi  *self,
                                 guint        *n_overdue,
                                 GError      **error)
{
  g_return_val_if_fail (ZC_IS_SERVER_API (self), FALSE);

  if (!_zc_server_begin (self, error))
    return FALSE;
  if (!_zc_server_commitments_mark_overdue (self, n_overdue, error) ||
      !_zc_server_commit (self, error))
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* POST /commitments/{id}/verifications                                */
/* ------------------------------------------------------------------ */

ZcServerResponse *
_zc_server_handle_commitment_verify (ZcServerApi *self,
                                     ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  ZcServerResponse *replay;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *kind = NULL;
  g_autofree char *state = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *number = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *names = NULL;
  g_auto(GStrv) departments = NULL;
  g_auto(GStrv) materials = NULL;
  const char *idem;
  const char *method_text;
  const char *result;
  const char *note;
  ZcVerificationMethod method;
  gboolean breached;
  gboolean due_set;
  gint64 id, case_id, verification_id;
  GDate today;
  int rc;

  if (!_zc_server_parse_id (ctx->params[0], &id))
    return _zc_server_error (404, "not_found", _("There is no such commitment."));
  idem = _zc_server_get_idempotency_key (ctx, &bad);
  if (bad)
    return bad;
  if ((replay = _zc_server_lookup_reply (self, ctx, idem)) != NULL)
    return replay;
  method_text = _zc_server_get_string_member (ctx, "method", TRUE, &bad);
  if (bad)
    return bad;
  method = zc_verification_method_from_string (method_text);
  if (method == ZC_VERIFICATION_METHOD_INVALID)
    return _zc_server_member_error ("method", _("The member “method” must be written, online, on_site or public_notice."));
  result = _zc_server_get_string_member (ctx, "result", TRUE, &bad);
  if (bad)
    return bad;
  if (strcmp (result, "confirmed") != 0 && strcmp (result, "false_commitment") != 0)
    return _zc_server_member_error ("result", _("The member “result” must be “confirmed” or “false_commitment”."));
  note = _zc_server_get_bounded_string_member (ctx, "note", FALSE, MAX_NOTE, &bad);
  if (bad)
    return bad;
  breached = strcmp (result, "false_commitment") == 0;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if (!_zc_server_commitments_mark_overdue (self, NULL, &error))
    return _zc_server_db_error (self, error);
  stmt = zc_server_db_prepare (self->db,
    "SELECT k.kind, k.state, k.departments, k.case_id, c.applicant, c.number, k.materials, c.item, "
    "k.verification_due IS NOT NULL "
    "FROM commitments k JOIN cases c ON c.id = k.case_id WHERE k.id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _zc_server_error (404, "not_found", _("There is no such commitment."));
  if (rc != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  kind = _zc_server_column_dup (stmt, 0);
  state = _zc_server_column_dup (stmt, 1);
  departments = _zc_server_strv_from_stored (_zc_server_column_text (stmt, 2));
  case_id = sqlite3_column_int64 (stmt, 3);
  applicant = _zc_server_column_dup (stmt, 4);
  number = _zc_server_column_dup (stmt, 5);
  materials = _zc_server_strv_from_stored (_zc_server_column_text (stmt, 6));
  item = _zc_server_load_item (self, _zc_server_column_text (stmt, 7));
  due_set = sqlite3_column_int (stmt, 8) != 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (ctx->user->department == NULL ||
      !g_strv_contains ((const char * const *) departments, ctx->user->department))
    return _zc_server_error (403, "forbidden", _("This commitment concerns no matter of your department."));
  if (zc_commitment_kind_from_string (kind) != ZC_COMMITMENT_KIND_COMMITMENT)
    return _zc_server_error (409, "conflict",
                             _("Only a notification-and-commitment (告知承诺) is verified later; a tolerated material is supplied."));
  if (strcmp (state, "open") != 0 && strcmp (state, "overdue") != 0)
    return _zc_server_error_printf (409, "conflict", _("This commitment is already %s."),
                                    zc_commitment_state_label (zc_commitment_state_from_string (state)));
  /* 事后核查 comes after approval (which sets verification_due): not on a
   * draft nor a case still in review, where a false finding would write
   * a credit record against an applicant whose case no department decided */
  if (!due_set)
    return _zc_server_error (409, "conflict",
                             _("A commitment is verified after a sub-matter it covers is approved (事后核查): none is approved yet."));

  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO verifications (commitment_id, method, result, note, verified_at, verified_by, department) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, zc_verification_method_to_string (method));
  _zc_server_bind_text (stmt, 3, result);
  _zc_server_bind_text (stmt, 4, note && *note ? note : NULL);
  _zc_server_bind_text (stmt, 5, now);
  _zc_server_bind_text (stmt, 6, ctx->user->username);
  _zc_server_bind_text (stmt, 7, ctx->user->department);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  verification_id = sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db,
    "UPDATE commitments SET state = ?2, updated_at = ?3 WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, breached ? "breached" : "verified");
  _zc_server_bind_text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  names = _zc_server_material_names (item, (const char * const *) materials);
  /* Translators: 事后核查（实地调查）：承诺属实 */
  reason = g_strdup_printf (breached ? _("Later verification (%s): the commitment was false") :
                                       _("Later verification (%s): the commitment holds"),
                            zc_verification_method_label (method));
  detail = g_strdup_printf ("{\"commitment_id\":%" G_GINT64_FORMAT ",\"verification_id\":%" G_GINT64_FORMAT "}",
                            id, verification_id);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name, ctx->user->window,
                               "commitment.verify", case_id, 0, applicant, state,
                               breached ? "breached" : "verified", reason, detail, &error))
    return _zc_server_db_error (self, error);

  if (breached)
    {
      /* the credit record that bars 告知承诺 until repaired */
      g_autofree char *description = NULL;
      g_autofree char *today_text = NULL;

      g_date_clear (&today, 1);
      _zc_server_today (self, &today);
      today_text = zc_date_to_iso (&today);
      /* Translators: 虚假承诺（办件 ZC-20261207-000001：食品安全管理制度） */
      description = g_strdup_printf (_("False commitment (case %s: %s)"), number ? number : "", names);
      stmt = zc_server_db_prepare (self->db,
        "INSERT INTO credit_records (applicant, kind, description, since, commitment_id) "
        "VALUES (?1, 'false_commitment', ?2, ?3, ?4)", &error);
      if (stmt == NULL)
        return _zc_server_db_error (self, error);
      _zc_server_bind_text (stmt, 1, applicant);
      _zc_server_bind_text (stmt, 2, description);
      _zc_server_bind_text (stmt, 3, today_text);
      sqlite3_bind_int64 (stmt, 4, id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zc_server_db_error (self, NULL);
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name, ctx->user->window,
                                   "credit.record", case_id, 0, applicant, NULL, "false_commitment",
                                   description, detail, &error))
        return _zc_server_db_error (self, error);
    }

  stmt = zc_server_db_prepare (self->db,
    "SELECT id, commitment_id, method, result, note, verified_at, verified_by, department "
    "FROM verifications WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, verification_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
  _zc_server_add_int (builder, "commitment_id", sqlite3_column_int64 (stmt, 1));
  _zc_server_add_column_string (builder, "method", stmt, 2);
  _zc_server_add_column_string (builder, "result", stmt, 3);
  _zc_server_add_column_string (builder, "note", stmt, 4);
  _zc_server_add_column_string (builder, "verified_at", stmt, 5);
  _zc_server_add_column_string (builder, "verified_by", stmt, 6);
  _zc_server_add_column_string (builder, "department", stmt, 7);
  _zc_server_add_string (builder, "commitment_state", breached ? "breached" : "verified");
  json_builder_end_object (builder);
  return _zc_server_commit_reply (self, ctx, idem, 201, builder);
}
