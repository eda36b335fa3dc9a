/* zc-server-cases.c — cases: create, list, read, update, events; the Case
 * object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-id.h"
#include "zc-mask.h"

#include "zc-server-api-private.h"
#include "zc-server-validate.h"

#define CASE_SELECT \
  "SELECT c.id, c.number, c.item, " \
  "CASE WHEN json_valid (ci.json) THEN json_extract (ci.json, '$.name') END, " \
  "c.applicant, a.name, a.kind, c.state, c.window, c.clerk, c.holder, " \
  "c.created_at, c.received_at, c.updated_at, c.matters, c.form, c.parties, " \
  "c.reason, c.returned_from, c.field_sources, c.key_override_reason, " \
  "hu.display_name, c.materials, hu.window, c.held_since, c.answers, c.applicant_typed_name, " \
  "cu.display_name " \
  "FROM cases c JOIN applicants a ON a.key = c.applicant " \
  "JOIN catalogue_items ci ON ci.code = c.item " \
  "LEFT JOIN users hu ON hu.username = c.holder " \
  "LEFT JOIN users cu ON cu.username = c.clerk "

static void
add_masked (JsonBuilder  *builder,
            const char   *name,
            sqlite3_stmt *stmt,
            int           column,
            char       *(*mask) (const char *))
{
  g_autofree char *masked = NULL;

  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    masked = mask (_zc_server_column_text (stmt, column));
  _zc_server_add_string (builder, name, masked);
}

/* Builds the Case object with its tasks; a @summary (of a list) carries
 * the applicant's key and name masked and no form, field sources or
 * parties (docs/domain.md, rule 6). Returns FALSE with @error unset when
 * there is no such case. */
static gboolean
build_case (ZcServerApi  *self,
            JsonBuilder  *builder,
            gint64        case_id,
            gboolean      summary,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = zc_server_db_prepare (self->db, CASE_SELECT "WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);

  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
  _zc_server_add_column_string (builder, "number", stmt, 1);
  _zc_server_add_column_string (builder, "item", stmt, 2);
  _zc_server_add_column_string (builder, "item_name", stmt, 3);
  if (summary)
    {
      add_masked (builder, "applicant", stmt, 4, zc_mask_id);
      add_masked (builder, "applicant_name", stmt, 5, zc_mask_name);
    }
  else
    {
      _zc_server_add_column_string (builder, "applicant", stmt, 4);
      _zc_server_add_column_string (builder, "applicant_name", stmt, 5);
    }
  _zc_server_add_column_string (builder, "applicant_kind", stmt, 6);
  _zc_server_add_column_string (builder, "state", stmt, 7);
  _zc_server_add_column_string (builder, "window", stmt, 8);
  _zc_server_add_column_string (builder, "clerk", stmt, 9);
  /* the name the window's letters print (zcctl document) */
  _zc_server_add_column_string (builder, "clerk_display", stmt, 27);
  _zc_server_add_column_string (builder, "holder", stmt, 10);
  _zc_server_add_column_string (builder, "created_at", stmt, 11);
  _zc_server_add_column_string (builder, "received_at", stmt, 12);
  _zc_server_add_column_string (builder, "updated_at", stmt, 13);
  _zc_server_add_stored_json (builder, "matters", _zc_server_column_text (stmt, 14), JSON_NODE_ARRAY, FALSE);
  if (!summary)
    {
      _zc_server_add_stored_json (builder, "form", _zc_server_column_text (stmt, 15), JSON_NODE_OBJECT, TRUE);
      _zc_server_add_stored_json (builder, "parties", _zc_server_column_text (stmt, 16), JSON_NODE_ARRAY, TRUE);
    }
  _zc_server_add_column_string (builder, "reason", stmt, 17);
  _zc_server_add_column_string (builder, "returned_from", stmt, 18);
  if (!summary)
    _zc_server_add_stored_json (builder, "field_sources", _zc_server_column_text (stmt, 19), JSON_NODE_OBJECT, TRUE);
  _zc_server_add_column_string (builder, "key_override_reason", stmt, 20);
  _zc_server_add_column_string (builder, "holder_display", stmt, 21);
  _zc_server_add_stored_json (builder, "materials", _zc_server_column_text (stmt, 22), JSON_NODE_OBJECT, TRUE);
  _zc_server_add_column_string (builder, "holder_window", stmt, 23);
  _zc_server_add_column_string (builder, "held_since", stmt, 24);
  _zc_server_add_stored_json (builder, "answers", _zc_server_column_text (stmt, 25), JSON_NODE_OBJECT, TRUE);
  /* typed by hand (未核验): personal data, in the full case only */
  if (!summary && sqlite3_column_type (stmt, 26) != SQLITE_NULL)
    _zc_server_add_column_string (builder, "applicant_typed_name", stmt, 26);

  json_builder_set_member_name (builder, "tasks");
  if (!_zc_server_add_tasks_of (self, builder, case_id, error))
    return FALSE;
  if (!summary)
    {
      /* 容缺 / 告知承诺 recorded on it (zc-server-commitments.c) */
      json_builder_set_member_name (builder, "commitments");
      if (!_zc_server_add_commitments_of (self, builder, case_id, error))
        return FALSE;
    }

  json_builder_end_object (builder);
  return TRUE;
}

gboolean
_zc_server_build_case (ZcServerApi  *self,
                       JsonBuilder  *builder,
                       gint64        case_id,
                       GError      **error)
{
  return build_case (self, builder, case_id, FALSE, error);
}

/* Every person whose full data the Case object carries: the applicant and
 * each party (spouse, legal representative …), each once. */
static GPtrArray *
case_subjects (ZcServerApi  *self,
               gint64        case_id,
               GError      **error)
{
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT applicant FROM cases WHERE id = ?1 "
    "UNION SELECT json_extract (p.value, '$.key') FROM cases c, json_each (c.parties) p "
    "WHERE c.id = ?1 AND json_valid (c.parties) AND json_type (c.parties) = 'array' "
    "AND json_type (p.value, '$.key') = 'text'", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
      g_ptr_array_add (subjects, _zc_server_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      zc_server_db_set_error (self->db, error);
      return NULL;
    }
  return g_steal_pointer (&subjects);
}

/* The audit of a response carrying the case in full: one event per
 * person in it (subject = their key), inside the caller's transaction. */
gboolean
_zc_server_audit_case_read (ZcServerApi  *self,
                            ZcServerCtx  *ctx,
                            const char   *action,
                            gint64        case_id,
                            GError      **error)
{
  g_autoptr(GPtrArray) subjects = case_subjects (self, case_id, error);

  if (subjects == NULL)
    return FALSE;
  for (guint i = 0; i < subjects->len; i++)
    if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                 ctx->user->window, action, case_id, 0,
                                 g_ptr_array_index (subjects, i),
                                 NULL, NULL, NULL, NULL, error))
      return FALSE;
  return TRUE;
}

/* The same, in a transaction of its own, for a response already made
 * (a read, a replay); on failure the response is replaced by the error. */
ZcServerResponse *
_zc_server_audited_case_response (ZcServerApi      *self,
                                  ZcServerCtx      *ctx,
                                  const char       *action,
                                  gint64            case_id,
                                  ZcServerResponse *response)
{
  g_autoptr(GError) error = NULL;

  if (response->status >= 300)
    return response;
  if (!_zc_server_begin (self, &error) ||
      !_zc_server_audit_case_read (self, ctx, action, case_id, &error) ||
      !_zc_server_commit (self, &error))
    {
      zc_server_response_free (response);
      return _zc_server_db_error (self, error);
    }
  return response;
}

ZcServerResponse *
_zc_server_case_response (ZcServerApi *self,
                          guint        status,
                          gint64       case_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if (!_zc_server_build_case (self, builder, case_id, &error))
    return error ? _zc_server_db_error (self, error) : _zc_server_not_found ();
  return _zc_server_builder_response (status, builder);
}

/* The answer of a change to case @case_id: the case in full, its read
 * audited in the change's transaction, committed with the reply kept
 * under @idem (none when NULL) */
ZcServerResponse *
_zc_server_commit_case_reply (ZcServerApi *self,
                              ZcServerCtx *ctx,
                              const char  *idem,
                              gint64       case_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if (!_zc_server_audit_case_read (self, ctx, "case.view", case_id, &error))
    return _zc_server_db_error (self, error);
  if (!_zc_server_build_case (self, builder, case_id, &error))
    return error ? _zc_server_db_error (self, error) : _zc_server_not_found ();
  return _zc_server_commit_reply (self, ctx, idem, 200, builder);
}

static gboolean
may_see_case (ZcServerApi *self,
              ZcServerCtx *ctx,
              gint64       case_id,
              char       **applicant,
              char       **state,
              char       **returned_from,
              char       **number,
              gboolean    *exists)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT window, applicant, state, returned_from, number, "
    "EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = cases.id AND t.department = ?2) "
    "FROM cases WHERE id = ?1", NULL);

  *exists = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, ctx->user->department);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *exists = TRUE;
  if (applicant)
    *applicant = _zc_server_column_dup (stmt, 1);
  if (state)
    *state = _zc_server_column_dup (stmt, 2);
  if (returned_from)
    *returned_from = _zc_server_column_dup (stmt, 3);
  if (number)
    *number = _zc_server_column_dup (stmt, 4);

  switch (ctx->user->role)
    {
    case ZC_ROLE_SUPERVISOR:
      return TRUE;
    case ZC_ROLE_CLERK:
    case ZC_ROLE_HELPER:
      return g_strcmp0 (_zc_server_column_text (stmt, 0), ctx->user->window) == 0;
    case ZC_ROLE_DEPARTMENT:
      return sqlite3_column_int (stmt, 5) != 0;
    case ZC_ROLE_PLATFORM:
    case ZC_ROLE_INVALID:
    default:
      return FALSE;
    }
}

static ZcServerResponse *
case_not_found (void)
{
  return _zc_server_error (404, "not_found", _("There is no such case."));
}

/* The case id of the path (its first parameter): NULL, or 404 not_found */
ZcServerResponse *
_zc_server_case_id_param (ZcServerCtx *ctx,
                          gint64      *id)
{
  if (!_zc_server_parse_id (ctx->params[0], id))
    return case_not_found ();
  return NULL;
}

/* NULL when the user may see case @case_id, with the columns asked for
 * (each may be NULL); else 404 not_found or 403 forbidden */
ZcServerResponse *
_zc_server_check_case_access (ZcServerApi *self,
                              ZcServerCtx *ctx,
                              gint64       case_id,
                              char       **applicant,
                              char       **state,
                              char       **returned_from,
                              char       **number)
{
  gboolean exists;

  if (may_see_case (self, ctx, case_id, applicant, state, returned_from, number, &exists))
    return NULL;
  if (!exists)
    return case_not_found ();
  return _zc_server_error (403, "forbidden", _("This case belongs to another window."));
}

ZcServerResponse *
_zc_server_handle_case_create (ZcServerApi *self,
                               ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  const char *idem = _zc_server_get_idempotency_key (ctx, &bad);
  const char *item_code;
  const char *applicant_in;
  const char *override_reason;
  const char *typed_name;
  g_autofree char *sources_text = NULL;
  g_autofree char *location = NULL;
  ZcServerResponse *response;
  g_autofree char *applicant = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  JsonNode *matters_node;
  g_autofree char *matters_text = NULL;
  g_autofree char *form_text = NULL;
  g_autofree char *parties_text = NULL;
  g_autofree char *materials_text = NULL;
  g_autofree char *answers_text = NULL;
  JsonNode *materials_node;
  JsonNode *answers_node;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 case_id;

  if (bad != NULL)
    return bad;

  /* a replay answers with the case made the first time; the key used
   * for anything else is refused */
  if (idem != NULL)
    {
      gint64 made = 0;
      ZcServerResponse *replay = _zc_server_lookup_key (self, ctx, idem, &made);

      if (replay != NULL)
        return replay;
      if (made > 0)
        return _zc_server_audited_case_response (self, ctx, "case.view", made,
                                                 _zc_server_case_response (self, 200, made));
    }

  item_code = _zc_server_get_string_member (ctx, "item", TRUE, &bad);
  if (bad)
    return bad;
  applicant_in = _zc_server_get_string_member (ctx, "applicant", TRUE, &bad);
  if (bad)
    return bad;
  override_reason = _zc_server_get_bounded_string_member (ctx, "key_override_reason", FALSE, 500, &bad);
  if (bad)
    return bad;
  if (override_reason != NULL && *override_reason == '\0')
    override_reason = NULL;
  /* the name typed while the licence library was away: kept, flagged */
  typed_name = _zc_server_get_bounded_string_member (ctx, "applicant_typed_name", FALSE, 100, &bad);
  if (bad)
    return bad;
  if (typed_name != NULL && *typed_name == '\0')
    typed_name = NULL;
  if (typed_name != NULL && !_zc_server_is_name_text (typed_name))
    return _zc_server_member_error ("applicant_typed_name",
                                    _("The member “applicant_typed_name” must be a name: not blank, without control characters or line breaks."));

  if (!_zc_server_validate_field_sources (json_object_get_member (ctx->object, "field_sources"),
                                          &sources_text, &bad) ||
      !_zc_server_validate_form (json_object_get_member (ctx->object, "form"), &form_text, &bad) ||
      !_zc_server_validate_parties (json_object_get_member (ctx->object, "parties"), &parties_text, &bad))
    return bad;

  item = _zc_server_load_item (self, item_code);
  if (item == NULL)
    return _zc_server_error_printf (422, "invalid_request",
                                    _("The member “item” names no catalogue item."));

  /* the material states recorded at the counter (免提交, 已收取, 容缺, 承诺) */
  materials_node = json_object_get_member (ctx->object, "materials");
  if (materials_node != NULL && !JSON_NODE_HOLDS_NULL (materials_node))
    {
      materials_text = _zc_server_validate_materials (item, materials_node, &bad);
      if (materials_text == NULL)
        return bad;
    }
  /* the clerk's yes/no answers to the item's questions */
  answers_node = json_object_get_member (ctx->object, "answers");
  if (answers_node != NULL && !JSON_NODE_HOLDS_NULL (answers_node))
    {
      answers_text = _zc_server_validate_answers (item, answers_node, &bad);
      if (answers_text == NULL)
        return bad;
    }

  applicant = _zc_server_check_key (self, applicant_in, 422, "invalid_request", NULL, &bad);
  if (applicant == NULL && override_reason != NULL)
    {
      /* a pilot-era credit code that fails its check, accepted with a reason */
      g_autofree char *key = zc_id_normalize (applicant_in);
      GDate today;

      _zc_server_today (self, &today);
      if (zc_applicant_key_may_override (key, &today))
        {
          g_clear_pointer (&bad, zc_server_response_free);
          applicant = g_steal_pointer (&key);
        }
    }
  else if (applicant != NULL)
    override_reason = NULL;   /* a valid key needs no override */
  if (applicant == NULL)
    return bad;
  stmt = zc_server_db_prepare (self->db, "SELECT 1 FROM applicants WHERE key = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, applicant);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_error (422, "invalid_request",
                             _("The member “applicant” names no known applicant."));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* every required sub-matter + the optional ones asked for */
  matters_node = json_object_get_member (ctx->object, "matters");
  if (matters_node != NULL && JSON_NODE_HOLDS_NULL (matters_node))
    matters_node = NULL;
  matters_text = _zc_server_validate_matters (item, matters_node, &bad);
  if (matters_text == NULL)
    return bad;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO cases (item, applicant, state, window, clerk, matters, form, parties, "
    "created_at, updated_at, field_sources, key_override_reason, holder, held_since, materials, answers, applicant_typed_name) "
    "VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?4, ?8, ?11, ?12, ?13)", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, item_code);
  _zc_server_bind_text (stmt, 2, applicant);
  _zc_server_bind_text (stmt, 3, ctx->user->window ? ctx->user->window : "");
  _zc_server_bind_text (stmt, 4, ctx->user->username);
  _zc_server_bind_text (stmt, 5, matters_text);
  _zc_server_bind_text (stmt, 6, form_text);
  _zc_server_bind_text (stmt, 7, parties_text);
  _zc_server_bind_text (stmt, 8, now);
  _zc_server_bind_text (stmt, 9, sources_text);
  _zc_server_bind_text (stmt, 10, override_reason);
  _zc_server_bind_text (stmt, 11, materials_text);
  _zc_server_bind_text (stmt, 12, answers_text);
  _zc_server_bind_text (stmt, 13, typed_name);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  case_id = sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (idem != NULL)
    {
      stmt = zc_server_db_prepare (self->db,
        "INSERT INTO idempotency (username, key, case_id, created_at, fingerprint) "
        "VALUES (?1, ?2, ?3, ?4, ?5)", &error);
      g_autofree char *fingerprint = _zc_server_request_fingerprint (ctx);
      if (stmt == NULL)
        return _zc_server_db_error (self, error);
      _zc_server_bind_text (stmt, 1, ctx->user->username);
      _zc_server_bind_text (stmt, 2, idem);
      sqlite3_bind_int64 (stmt, 3, case_id);
      _zc_server_bind_text (stmt, 4, now);
      _zc_server_bind_text (stmt, 5, fingerprint);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zc_server_db_error (self, NULL);
    }

  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.create", case_id, 0, applicant,
                               NULL, zc_case_state_to_string (ZC_CASE_STATE_DRAFT),
                               NULL, NULL, &error))
    return _zc_server_db_error (self, error);
  if (override_reason != NULL &&
      !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.key_override", case_id, 0, applicant,
                               NULL, NULL, override_reason, NULL, &error))
    return _zc_server_db_error (self, error);
  if (!_zc_server_audit_case_read (self, ctx, "case.view", case_id, &error))
    return _zc_server_db_error (self, error);
  if (!_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);

  response = _zc_server_case_response (self, 201, case_id);
  location = g_strdup_printf (ZC_SERVER_API_PREFIX "/cases/%" G_GINT64_FORMAT, case_id);
  g_hash_table_replace (response->headers, g_strdup ("Location"), g_steal_pointer (&location));
  return response;
}

/* ?sort= of GET /cases: a column of the inbox, "-" before it for
 * descending; the ORDER BY it stands for (never text from the request) */
static const struct {
  const char *name;
  const char *order;
} case_sorts[] = {
  { "updated_at", "c.updated_at" },
  { "created_at", "c.created_at" },
  { "number", "c.number" },
  { "item", "json_extract (ci.json, '$.name') COLLATE zh" },
  { "applicant", "a.name COLLATE zh" },
  { "applicant_key", "c.applicant" },
  { "state", "c.state" },
  { "window", "c.window" },
};

static const char *
case_sort_order (const char *sort,
                 gboolean   *descending)
{
  *descending = sort[0] == '-';
  if (*descending)
    sort++;
  for (guint i = 0; i < G_N_ELEMENTS (case_sorts); i++)
    if (strcmp (case_sorts[i].name, sort) == 0)
      return case_sorts[i].order;
  return NULL;
}

ZcServerResponse *
_zc_server_handle_case_list (ZcServerApi *self,
                             ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ZcServerResponse *bad = NULL;
  const char *state = g_hash_table_lookup (ctx->query, "state");
  const char *q = g_hash_table_lookup (ctx->query, "q");
  const char *sort = g_hash_table_lookup (ctx->query, "sort");
  const char *order = "c.created_at";
  gboolean descending = TRUE;
  const char *window = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *whole_key = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  gint64 offset, limit;
  const char *from_where =
    "FROM cases c JOIN applicants a ON a.key = c.applicant "
    "JOIN catalogue_items ci ON ci.code = c.item "
    "WHERE (?1 IS NULL OR c.state = ?1) AND (?2 IS NULL OR c.window = ?2) "
    "AND (?3 IS NULL OR c.number LIKE ?3 ESCAPE '\\' OR a.name LIKE ?3 ESCAPE '\\' "
    "     OR c.applicant = ?6 "  /* whole only: a part would probe the masked digits */
    "     OR (json_valid (ci.json) AND json_extract (ci.json, '$.name') LIKE ?3 ESCAPE '\\')) ";
  int rc;

  if (state != NULL && *state == '\0')
    state = NULL;
  if (q != NULL && g_utf8_strlen (q, -1) > 100)
    return _zc_server_error (422, "invalid_request",
                             _("The parameter “q” is longer than 100 characters."));
  if (state != NULL && zc_case_state_from_string (state) == ZC_CASE_STATE_INVALID)
    return _zc_server_error_printf (422, "invalid_request",
                                    _("The parameter “state” names no case state."));
  if (sort != NULL && *sort != '\0' && (order = case_sort_order (sort, &descending)) == NULL)
    return _zc_server_error_printf (422, "invalid_request",
                                    _("The parameter “sort” names no column the cases can be sorted by."));
  if (!_zc_server_parse_page (ctx, &offset, &limit, &bad))
    return bad;
  if (q != NULL && *q != '\0')
    {
      pattern = _zc_server_like_pattern (q);
      whole_key = zc_id_normalize (q);
    }
  if (ctx->user->role != ZC_ROLE_SUPERVISOR)
    window = ctx->user->window ? ctx->user->window : "";

  /* ties (and drafts without a number) in the order of creation */
  sql = g_strconcat ("SELECT c.id ", from_where, "ORDER BY ", order, descending ? " DESC" : " ASC",
                     ", c.id ", descending ? "DESC" : "ASC", " LIMIT ?4 OFFSET ?5", NULL);
  count_sql = g_strconcat ("SELECT count(*) ", from_where, NULL);
  stmt = zc_server_db_prepare (self->db, sql, &error);
  count = stmt ? zc_server_db_prepare (self->db, count_sql, &error) : NULL;
  if (count == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, state);
  _zc_server_bind_text (stmt, 2, window);
  _zc_server_bind_text (stmt, 3, pattern);
  _zc_server_bind_text (stmt, 6, whole_key);
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int64 (stmt, 5, offset);
  _zc_server_bind_text (count, 1, state);
  _zc_server_bind_text (count, 2, window);
  _zc_server_bind_text (count, 3, pattern);
  _zc_server_bind_text (count, 6, whole_key);
  if (sqlite3_step (count) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    if (!build_case (self, builder, g_array_index (ids, gint64, i), TRUE, &error) && error != NULL)
      return _zc_server_db_error (self, error);
  json_builder_end_array (builder);
  _zc_server_add_int (builder, "total", sqlite3_column_int64 (count, 0));
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}

ZcServerResponse *
_zc_server_handle_case_get (ZcServerApi *self,
                            ZcServerCtx *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *applicant = NULL;
  ZcServerResponse *bad;
  gint64 id;
  ZcServerResponse *response;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, NULL, NULL, NULL)) != NULL)
    return bad;

  response = _zc_server_case_response (self, 200, id);
  return _zc_server_audited_case_response (self, ctx, "case.view", id, response);
}

ZcServerResponse *
_zc_server_handle_case_update (ZcServerApi *self,
                               ZcServerCtx *ctx)
{
  static const char *const columns[] = { "form", "field_sources", "parties", "matters", "materials", "answers" };
  ZcServerResponse *bad = NULL;
  ZcServerResponse *held;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *state = NULL;
  g_autofree char *item_code = NULL;
  g_autofree char *updated_at = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  char *values[G_N_ELEMENTS (columns)] = { NULL };
  const char *idem;
  const char *seen;
  gboolean failed = FALSE;
  guint n_changed = 0;
  gint64 id;

  if ((bad = _zc_server_case_change_start (self, ctx, &id, &idem)) != NULL)
    return bad;
  seen = _zc_server_get_string_member (ctx, "updated_at", FALSE, &bad);
  if (bad)
    return bad;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, &state, NULL, NULL)) != NULL)
    return bad;
  if (zc_case_state_from_string (state) != ZC_CASE_STATE_DRAFT &&
      zc_case_state_from_string (state) != ZC_CASE_STATE_RETURNED)
    return _zc_server_error (409, "conflict",
                             _("Only a draft or a returned case can be changed."));
  if ((held = _zc_server_check_held_by_user (self, ctx, id)) != NULL)
    return held;

  stmt = zc_server_db_prepare (self->db, "SELECT item, updated_at FROM cases WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  item_code = _zc_server_column_dup (stmt, 0);
  updated_at = _zc_server_column_dup (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (seen != NULL && g_strcmp0 (seen, updated_at) != 0)
    return _zc_server_error (409, "conflict",
                             _("The case was changed since it was read: reload it."));
  item = _zc_server_load_item (self, item_code);
  if (item == NULL)
    return _zc_server_error (409, "conflict", _("The case's catalogue item is missing."));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      JsonNode *node = json_object_get_member (ctx->object, columns[i]);
      g_autofree char *message = NULL;

      if (node == NULL)
        continue;
      switch (i)
        {
        case 0: /* form */
          _zc_server_validate_form (node, &values[i], &bad);
          break;
        case 1: /* field_sources */
          _zc_server_validate_field_sources (node, &values[i], &bad);
          break;
        case 2: /* parties */
          _zc_server_validate_parties (node, &values[i], &bad);
          break;
        case 3: /* matters */
          values[i] = _zc_server_validate_matters (item, node, &bad);
          break;
        case 4: /* materials */
          if (!JSON_NODE_HOLDS_NULL (node))
            values[i] = _zc_server_validate_materials (item, node, &bad);
          break;
        case 5: /* answers */
          if (!JSON_NODE_HOLDS_NULL (node))
            values[i] = _zc_server_validate_answers (item, node, &bad);
          break;
        default:
          g_assert_not_reached ();
        }
      if (bad != NULL)
        {
          for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
            g_free (values[j]);
          return bad;
        }
      n_changed++;
    }
  if (n_changed == 0)
    return _zc_server_member_error (NULL, _("Give at least one of “form”, “field_sources”, “parties”, “matters”, “materials”, “answers”."));

  /* the event names the keys changed, never their values */
  json_builder_begin_object (detail);
  json_builder_set_member_name (detail, "changed");
  json_builder_begin_array (detail);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *sql = NULL;

      if (json_object_get_member (ctx->object, columns[i]) == NULL)
        continue;
      json_builder_add_string_value (detail, columns[i]);
      sql = g_strdup_printf ("UPDATE cases SET %s = ?2 WHERE id = ?1", columns[i]);
      stmt = failed ? NULL : zc_server_db_prepare (self->db, sql, &error);
      if (stmt == NULL)
        {
          failed = TRUE;
          continue;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      _zc_server_bind_text (stmt, 2, values[i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        failed = TRUE;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  json_builder_end_array (detail);
  if (json_object_get_member (ctx->object, "form") != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (ctx->object, "form")))
    {
      /* the form's keys (field names), not its values */
      g_autoptr(GList) keys = json_object_get_members (json_object_get_object_member (ctx->object, "form"));

      json_builder_set_member_name (detail, "form_keys");
      json_builder_begin_array (detail);
      for (GList *l = keys; l != NULL; l = l->next)
        json_builder_add_string_value (detail, l->data);
      json_builder_end_array (detail);
    }
  json_builder_end_object (detail);
  for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
    g_free (values[j]);
  if (failed)
    return _zc_server_db_error (self, error);

  if (json_object_get_member (ctx->object, "materials") != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (ctx->object, "materials")))
    {
      /* a tolerated material handed in after all ends its 容缺 */
      JsonObjectIter iter;
      const char *code;
      JsonNode *value;

      json_object_iter_init (&iter, json_object_get_object_member (ctx->object, "materials"));
      while (json_object_iter_next (&iter, &code, &value))
        {
          const char *material_state = NULL;

          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            material_state = json_node_get_string (value);
          else if (JSON_NODE_HOLDS_OBJECT (value))
            material_state = json_object_get_string_member_with_default (json_node_get_object (value), "state", NULL);
          if (g_strcmp0 (material_state, "received") == 0 &&
              !_zc_server_commitments_material_supplied (self, ctx, id, code, &error))
            return _zc_server_db_error (self, error);
        }
    }

  stmt = zc_server_db_prepare (self->db, "UPDATE cases SET updated_at = ?2 WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  detail_root = json_builder_get_root (detail);
  detail_text = _zc_server_node_to_string (detail_root);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.update", id, 0, applicant,
                               NULL, NULL, NULL, detail_text, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_commit_case_reply (self, ctx, idem, id);
}

ZcServerResponse *
_zc_server_handle_case_events (ZcServerApi *self,
                               ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad;
  gint64 id;
  int rc;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  if ((bad = _zc_server_check_case_access (self, ctx, id, NULL, NULL, NULL, NULL)) != NULL)
    return bad;

  stmt = zc_server_db_prepare (self->db,
    "SELECT e.id, e.at, e.actor, e.role, e.window, e.action, e.case_id, e.task_id, e.from_state, "
    "e.to_state, e.reason, u.display_name, u.department, t.matter_name, "
    "CASE WHEN json_valid (e.detail) THEN json_extract (e.detail, '$.material_name') END, "
    "CASE WHEN e.action = 'document.upload' AND json_valid (e.detail) THEN "
    "  (SELECT d.kind FROM documents d WHERE d.id = json_extract (e.detail, '$.document') AND d.case_id = e.case_id) END "
    "FROM events e LEFT JOIN users u ON u.username = e.actor LEFT JOIN tasks t ON t.id = e.task_id "
    "WHERE e.case_id = ?1 ORDER BY e.id", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      _zc_server_add_column_string (builder, "at", stmt, 1);
      _zc_server_add_column_string (builder, "actor", stmt, 2);
      _zc_server_add_column_string (builder, "role", stmt, 3);
      _zc_server_add_column_string (builder, "window", stmt, 4);
      _zc_server_add_column_string (builder, "action", stmt, 5);
      _zc_server_add_column_int (builder, "case_id", stmt, 6);
      _zc_server_add_column_int (builder, "task_id", stmt, 7);
      _zc_server_add_column_string (builder, "from", stmt, 8);
      _zc_server_add_column_string (builder, "to", stmt, 9);
      _zc_server_add_column_string (builder, "reason", stmt, 10);
      /* the history reads in words: who by name, which sub-matter */
      _zc_server_add_column_string (builder, "actor_name", stmt, 11);
      _zc_server_add_column_string (builder, "department", stmt, 12);
      _zc_server_add_column_string (builder, "matter_name", stmt, 13);
      _zc_server_add_column_string (builder, "material_name", stmt, 14);
      _zc_server_add_column_string (builder, "document_kind", stmt, 15);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}
