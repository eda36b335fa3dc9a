/* zc-server-case-verification.c — verifying a case's hand-typed
 * applicant (未核验) against the licence library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-json.h"
#include "zc-server-api-private.h"
#include "zc-server-validate.h"

/* The name of @key's identity licence in the licence library (居民身份证
 * or 营业执照, not revoked); NULL with @error unset when there is none. */
static char *
library_name_of (ZcServerApi  *self,
                 const char   *key,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT holder_name FROM licences WHERE holder = ?1 AND revoked = 0 "
    "AND type IN ('id_card', 'business_licence') "
    "ORDER BY issued_on DESC, number LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _zc_server_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _zc_server_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    zc_server_db_set_error (self->db, error);
  return NULL;
}

static char *
typed_name_of (ZcServerApi  *self,
               gint64        case_id,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT applicant_typed_name FROM cases WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      zc_server_db_set_error (self->db, error);
      return NULL;
    }
  return _zc_server_column_dup (stmt, 0);
}

/* The typo of the counter corrected in the form too: every value of the
 * form that is the typed name becomes the library's (the applicant's
 * name, and the household head's when the applicant is that person);
 * nothing else changes. */
static gboolean
correct_form (ZcServerApi  *self,
              gint64        id,
              const char   *typed_name,
              const char   *library_name,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *text = NULL;
  JsonObject *form;
  const char *stored;
  guint changed = 0;

  stmt = zc_server_db_prepare (self->db, "SELECT form FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  stored = (const char *) sqlite3_column_text (stmt, 0);
  if (stored == NULL)
    return TRUE;
  root = zc_json_parse (stored, -1, 64, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  form = json_node_get_object (root);
  members = json_object_get_members (form);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (form, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), typed_name) == 0)
        {
          json_object_set_string_member (form, l->data, library_name);
          changed++;
        }
    }
  if (changed == 0)
    return TRUE;
  text = zc_json_to_data (root, FALSE, NULL);
  update = zc_server_db_prepare (self->db, "UPDATE cases SET form = ?2 WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, id);
  _zc_server_bind_text (update, 2, text);
  /* FALSE without @error: the caller reads SQLite's own (busy, full …) */
  return sqlite3_step (update) == SQLITE_DONE;
}

static ZcServerResponse *
mismatch_response (const char *typed_name,
                   const char *library_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "code", "applicant_name_mismatch");
  /* the names go in members of their own, never in the message */
  _zc_server_add_string (builder, "message",
                         _("The applicant's name typed at the counter differs from the name in the licence library."));
  _zc_server_add_string (builder, "typed_name", typed_name);
  _zc_server_add_string (builder, "library_name", library_name);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (409, builder);
}

ZcServerResponse *
_zc_server_handle_case_applicant_verify (ZcServerApi *self,
                                         ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *applicant = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *typed_name = NULL;
  g_autofree char *library_name = NULL;
  g_autofree char *detail = NULL;
  const char *confirmed;
  const char *compared;
  ZcCaseState state;
  const char *idem;
  gint64 id;

  if ((bad = _zc_server_case_change_start (self, ctx, &id, &idem)) != NULL)
    return bad;
  /* the name the clerk confirmed with the applicant's ID after seeing
   * the library's (a typo at the counter); else the typed name */
  confirmed = _zc_server_get_bounded_string_member (ctx, "confirmed_name", FALSE, 100, &bad);
  if (bad)
    return bad;
  if (confirmed != NULL && !_zc_server_is_name_text (confirmed))
    return _zc_server_member_error ("confirmed_name",
                                    _("The member “confirmed_name” must be a name: not blank, without control characters or line breaks."));
  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, &state_text, NULL, NULL)) != NULL)
    return bad;

  state = zc_case_state_from_string (state_text);
  if (state != ZC_CASE_STATE_RECEIVED && state != ZC_CASE_STATE_RETURNED)
    return _zc_server_error (409, "transition_not_allowed",
                             _("Only the applicant of a received case that is not closed can be verified; correct a draft before receiving it."));
  /* no claim needed: the verification touches nothing a holder edits
   * (the form, parties, materials), and a received case stays held by
   * its clerk, which would lock the helper of the window out */

  typed_name = typed_name_of (self, id, &error);
  if (error != NULL)
    return _zc_server_db_error (self, error);
  if (typed_name == NULL)
    return _zc_server_error (409, "already_verified",
                             _("The applicant of this case is verified already."));

  library_name = library_name_of (self, applicant, &error);
  if (error != NULL)
    return _zc_server_db_error (self, error);
  if (library_name == NULL)
    return _zc_server_error (422, "applicant_unknown",
                             _("The licence library has no identity document for the applicant's number: check the number with the applicant's ID."));
  compared = confirmed != NULL ? confirmed : typed_name;
  if (strcmp (library_name, compared) != 0)
    return mismatch_response (typed_name, library_name);
  if (confirmed != NULL && strcmp (confirmed, typed_name) != 0)
    {
      /* the name typed at the counter stays in the history */
      g_autoptr(JsonBuilder) d = json_builder_new ();
      g_autoptr(JsonNode) droot = NULL;

      json_builder_begin_object (d);
      _zc_server_add_string (d, "typed_name", typed_name);
      json_builder_end_object (d);
      droot = json_builder_get_root (d);
      detail = _zc_server_node_to_string (droot);
      if (!correct_form (self, id, typed_name, library_name, &error))
        return _zc_server_db_error (self, error);
    }

  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET applicant_typed_name = NULL, updated_at = ?2 WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.applicant_verify", id, 0, applicant,
                               NULL, NULL, NULL, detail, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_commit_case_reply (self, ctx, idem, id);
}
