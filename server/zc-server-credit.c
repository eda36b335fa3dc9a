/* zc-server-credit.c — the credit record that bars 告知承诺:
 * GET /applicants/{key}/credit and the facts core's rules weigh
 *
 * A 事后核查 that finds a commitment false writes a record here
 * (zc-server-verifications.c); the records not repaired bar further
 * 告知承诺 (zc-server-commitments.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-server-api-private.h"
#include "zc-server-validate.h"

/* What bars 告知承诺 for @key now: the register's flag and the records
 * not repaired. FALSE with @error on a database error; an unknown key
 * has no record. */
gboolean
_zc_server_credit_facts (ZcServerApi   *self,
                         const char    *key,
                         ZcCreditFacts *facts,
                         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT coalesce ((SELECT serious_credit_breach FROM applicants WHERE key = ?1), 0) "
    "OR EXISTS (SELECT 1 FROM credit_records WHERE applicant = ?1 AND kind = 'serious_breach' AND repaired_on IS NULL), "
    "EXISTS (SELECT 1 FROM credit_records WHERE applicant = ?1 AND kind = 'false_commitment' AND repaired_on IS NULL)",
    error);

  if (stmt == NULL)
    return FALSE;
  _zc_server_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  facts->serious_breach = sqlite3_column_int (stmt, 0) != 0;
  facts->false_commitment = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_applicant_credit (ZcServerApi *self,
                                    ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  g_autofree char *key = _zc_server_check_key (self, ctx->params[0], 400, "invalid_key", NULL, &bad);
  ZcCreditFacts facts = { FALSE, FALSE };
  int rc;

  if (key == NULL)
    return bad;
  stmt = zc_server_db_prepare (self->db, "SELECT 1 FROM applicants WHERE key = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _zc_server_error (404, "not_found", _("There is no applicant with this key."));
  if (rc != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!_zc_server_credit_facts (self, key, &facts, &error))
    return _zc_server_db_error (self, error);

  stmt = zc_server_db_prepare (self->db,
    "SELECT kind, description, since, repaired_on FROM credit_records "
    "WHERE applicant = ?1 ORDER BY since, id", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, key);

  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "key", key);
  _zc_server_add_bool (builder, "serious_credit_breach", facts.serious_breach);
  _zc_server_add_bool (builder, "false_commitment", facts.false_commitment);
  _zc_server_add_bool (builder, "commitment_allowed", !facts.serious_breach && !facts.false_commitment);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      _zc_server_add_column_string (builder, "kind", stmt, 0);
      _zc_server_add_column_string (builder, "description", stmt, 1);
      _zc_server_add_column_string (builder, "since", stmt, 2);
      _zc_server_add_column_string (builder, "repaired_on", stmt, 3);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  /* a person's credit is personal data: the look is audited */
  if (!_zc_server_view_event (self, ctx, "applicant.credit", 0, key, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}
