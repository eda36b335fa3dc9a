/* zc-server-applicants.c — applicants: search and one applicant with
 * licences and parties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-id.h"

#include "zc-server-api-private.h"
#include "zc-server-validate.h"

/* One applicant of the list; its key kept for the audit of the look */
static gboolean
list_row (ZcServerApi   *self,
          JsonBuilder   *builder,
          sqlite3_stmt  *stmt,
          gpointer       user_data,
          GError       **error)
{
  GPtrArray *keys = user_data;

  json_builder_begin_object (builder);
  _zc_server_add_column_string (builder, "key", stmt, 0);
  _zc_server_add_column_string (builder, "kind", stmt, 1);
  _zc_server_add_column_string (builder, "name", stmt, 2);
  json_builder_end_object (builder);
  g_ptr_array_add (keys, _zc_server_column_dup (stmt, 0));
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_applicant_list (ZcServerApi *self,
                                  ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  const char *q = g_hash_table_lookup (ctx->query, "q");
  const char *kind = g_hash_table_lookup (ctx->query, "kind");
  g_autofree char *pattern = NULL;
  g_autofree char *whole_key = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gint64 offset, limit;
  const char *params[3];
  ZcServerListQuery query = {
    .member = "applicants",
    .select = "SELECT key, kind, name FROM applicants ",
    .count = "SELECT count(*) FROM applicants ",
    /* a key matches whole only: a part of it would let a list, masked,
     * be probed for the digits it hides */
    .where = "WHERE (?1 IS NULL OR name LIKE ?1 ESCAPE '\\' OR key = ?3) "
             "AND (?2 IS NULL OR kind = ?2) ",
    .order = "ORDER BY name, key",
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .row = list_row,
    .user_data = keys,
  };

  if (kind != NULL && *kind == '\0')
    kind = NULL;
  if (q != NULL && g_utf8_strlen (q, -1) > 100)
    return _zc_server_error (422, "invalid_request",
                             _("The parameter “q” is longer than 100 characters."));
  if (kind != NULL && strcmp (kind, "person") != 0 && strcmp (kind, "enterprise") != 0)
    return _zc_server_error (422, "invalid_request",
                             _("The parameter “kind” must be “person” or “enterprise”."));
  if (!_zc_server_parse_page (ctx, &offset, &limit, &bad))
    return bad;
  if (q != NULL && *q != '\0')
    {
      pattern = _zc_server_like_pattern (q);
      /* a key typed with spaces or lower-case x still matches */
      whole_key = zc_id_normalize (q);
    }

  params[0] = pattern;
  params[1] = kind;
  params[2] = whole_key;
  if ((bad = _zc_server_list_page (self, &query, offset, limit, builder)) != NULL)
    return bad;

  /* full keys and names: the listing, then every applicant in it as a
   * subject (a citizen asking who looked at their data finds it) */
  detail = g_strdup_printf ("{\"count\":%u}", keys->len);
  if (!_zc_server_begin (self, &error) ||
      !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "applicant.list", 0, 0, NULL, NULL,
                               NULL, NULL, detail, &error))
    return _zc_server_db_error (self, error);
  for (guint i = 0; i < keys->len; i++)
    if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                 ctx->user->window, "applicant.list_view", 0, 0,
                                 g_ptr_array_index (keys, i), NULL, NULL, NULL, NULL, &error))
      return _zc_server_db_error (self, error);
  if (!_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}

/* The Applicant object (with licences and parties) of @key into @builder;
 * the keys of its parties into @party_keys when not NULL. FALSE with
 * @error unset when there is no such applicant. */
gboolean
_zc_server_build_applicant (ZcServerApi  *self,
                            JsonBuilder  *builder,
                            const char   *key,
                            GPtrArray    *party_keys,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) parties = NULL;
  int rc;

  stmt = zc_server_db_prepare (self->db,
    "SELECT key, kind, name, phone, address, serious_credit_breach "
    "FROM applicants WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _zc_server_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);

  json_builder_begin_object (builder);
  _zc_server_add_column_string (builder, "key", stmt, 0);
  _zc_server_add_column_string (builder, "kind", stmt, 1);
  _zc_server_add_column_string (builder, "name", stmt, 2);
  _zc_server_add_column_string (builder, "phone", stmt, 3);
  _zc_server_add_column_string (builder, "address", stmt, 4);
  _zc_server_add_bool (builder, "serious_credit_breach", sqlite3_column_int (stmt, 5) != 0);
  json_builder_set_member_name (builder, "licences");
  if (!_zc_server_add_licences_of (self, builder, key, error))
    return FALSE;

  parties = zc_server_db_prepare (self->db,
    "SELECT p.role, p.party_key, a.name FROM parties p "
    "JOIN applicants a ON a.key = p.party_key WHERE p.applicant = ?1 "
    "ORDER BY p.role, p.party_key", error);
  if (parties == NULL)
    return FALSE;
  _zc_server_bind_text (parties, 1, key);
  json_builder_set_member_name (builder, "parties");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (parties)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      _zc_server_add_column_string (builder, "role", parties, 0);
      _zc_server_add_column_string (builder, "key", parties, 1);
      _zc_server_add_column_string (builder, "name", parties, 2);
      json_builder_end_object (builder);
      if (party_keys != NULL)
        g_ptr_array_add (party_keys, _zc_server_column_dup (parties, 1));
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_applicant_get (ZcServerApi *self,
                                 ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  g_autofree char *key = _zc_server_check_key (self, ctx->params[0], 400, "invalid_key", NULL, &bad);
  g_autoptr(GPtrArray) party_keys = g_ptr_array_new_with_free_func (g_free);

  if (key == NULL)
    return bad;
  if (!_zc_server_build_applicant (self, builder, key, party_keys, &error))
    {
      if (error != NULL)
        return _zc_server_db_error (self, error);
      return _zc_server_error (404, "not_found", _("There is no applicant with this key."));
    }

  /* the applicant and each party named with their name: every person in
   * the answer is a subject */
  if (!_zc_server_begin (self, &error) ||
      !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "applicant.view", 0, 0, key,
                               NULL, NULL, NULL, NULL, &error))
    return _zc_server_db_error (self, error);
  for (guint i = 0; i < party_keys->len; i++)
    if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                 ctx->user->window, "applicant.view", 0, 0,
                                 g_ptr_array_index (party_keys, i),
                                 NULL, NULL, NULL, "{\"as\":\"party\"}", &error))
      return _zc_server_db_error (self, error);
  if (!_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}
