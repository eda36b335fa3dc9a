/* zc-server-document-checks.c — keeping the check of a material's
 * document against the licence library (issue 10, point 4) with the case
 *
 * The workstation reads and checks the paper; the platform keeps what it
 * concluded as an audit event `document.check`: the verdict, its findings
 * (with their box on the page when given) and, for `uncertain` /
 * `unreadable`, what the clerk decided by eye. GET …/checks reads them
 * back, newest first, so an opened document shows its check instead of
 * reading the paper again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-json.h"
#include "zc-server-api-private.h"
#include "zc-server-validate.h"

/* what a check may conclude (the contract's CheckVerdict) */
static const char *const verdicts[] = {
  "revoked", "expired", "mismatch", "uncertain", "match", "unreadable", NULL
};

#define MAX_FINDINGS 32

static gboolean
is_one_of (const char        *text,
           const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_strcmp0 (text, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
bounded_text (JsonObject *object,
              const char *name,
              glong       max_chars)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (node);
  /* shown on the clerk's screen and in the history: no bidi override,
   * zero-width or control character */
  return _zc_server_is_line_text (text) && g_utf8_strlen (text, -1) <= max_chars;
}

/* A finding's optional box on its page: {x, y, width, height} in PDF
 * points from the top left, each a number in 0..100000; copied into
 * @detail. FALSE when present and malformed. */
static gboolean
add_box (JsonObject  *finding,
         JsonBuilder *detail)
{
  static const char *const names[] = { "x", "y", "width", "height" };
  JsonNode *node = json_object_get_member (finding, "box");
  JsonObject *box;
  double values[G_N_ELEMENTS (names)];

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  box = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *v = json_object_get_member (box, names[i]);
      GType type = v != NULL && JSON_NODE_HOLDS_VALUE (v) ? json_node_get_value_type (v) : G_TYPE_INVALID;

      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        return FALSE;
      values[i] = json_node_get_double (v);
      if (!(values[i] >= 0 && values[i] <= 100000))
        return FALSE;
    }
  json_builder_set_member_name (detail, "box");
  json_builder_begin_object (detail);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      json_builder_set_member_name (detail, names[i]);
      json_builder_add_double_value (detail, values[i]);
    }
  json_builder_end_object (detail);
  return TRUE;
}

/* The findings as the contract has them, copied into @detail; a 422
 * naming the member when one is malformed. */
static ZcServerResponse *
add_findings (ZcServerCtx *ctx,
              JsonBuilder *detail)
{
  JsonNode *node = json_object_get_member (ctx->object, "findings");
  JsonArray *array;

  json_builder_set_member_name (detail, "findings");
  json_builder_begin_array (detail);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      json_builder_end_array (detail);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (array = json_node_get_array (node)) > MAX_FINDINGS)
    return _zc_server_member_error ("findings",
                                    _("The member “findings” must be a list of at most 32 findings."));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *f = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (f) ? json_node_get_object (f) : NULL;
      JsonNode *page = o != NULL ? json_object_get_member (o, "page") : NULL;
      gint64 page_no;

      if (o == NULL || !bounded_text (o, "field", 32) || !bounded_text (o, "expected", 200)
          || !bounded_text (o, "found", 200) || page == NULL || !JSON_NODE_HOLDS_VALUE (page)
          || json_node_get_value_type (page) != G_TYPE_INT64
          || (page_no = json_node_get_int (page)) < 0 || page_no > 10000)
        return _zc_server_member_error ("findings",
                                        _("Each finding must have a field, the expected and the found text (at most 200 characters) and a page number."));
      json_builder_begin_object (detail);
      _zc_server_add_string (detail, "field", json_object_get_string_member (o, "field"));
      _zc_server_add_string (detail, "expected", json_object_get_string_member (o, "expected"));
      _zc_server_add_string (detail, "found", json_object_get_string_member (o, "found"));
      _zc_server_add_int (detail, "page", page_no);
      if (json_object_has_member (o, "verdict"))
        {
          if (!bounded_text (o, "verdict", 16) || !is_one_of (json_object_get_string_member (o, "verdict"), verdicts))
            return _zc_server_member_error ("findings",
                                            _("A finding's verdict must be one of revoked, expired, mismatch, uncertain, match, unreadable."));
          _zc_server_add_string (detail, "verdict", json_object_get_string_member (o, "verdict"));
        }
      if (!add_box (o, detail))
        return _zc_server_member_error ("findings",
                                        _("A finding's box must have x, y, width and height, each a number from 0 to 100000."));
      json_builder_end_object (detail);
    }
  json_builder_end_array (detail);
  return NULL;
}

/* The material code of document @doc_id of case @case_id and the name
 * its upload gave it; FALSE when the case has no such material document */
static gboolean
document_material (ZcServerApi  *self,
                   gint64        case_id,
                   gint64        doc_id,
                   char        **material,
                   char        **material_name,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT d.material, "
    "  (SELECT json_extract (e.detail, '$.material_name') FROM events e "
    "   WHERE e.case_id = d.case_id AND e.action = 'document.upload' AND json_valid (e.detail) "
    "   AND json_extract (e.detail, '$.document') = d.id LIMIT 1) "
    "FROM documents d WHERE d.id = ?1 AND d.case_id = ?2 AND d.kind = 'material'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *material = _zc_server_column_dup (stmt, 0);
  *material_name = _zc_server_column_dup (stmt, 1);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_document_check (ZcServerApi *self,
                                  ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *material = NULL;
  g_autofree char *material_name = NULL;
  const char *verdict;
  const char *by_eye;
  const char *idem;
  gint64 id;
  gint64 doc_id;

  if ((bad = _zc_server_case_change_start (self, ctx, &id, &idem)) != NULL)
    return bad;
  if (!_zc_server_parse_id (ctx->params[1], &doc_id))
    return _zc_server_error (404, "not_found", _("There is no such document."));

  verdict = _zc_server_get_string_member (ctx, "verdict", TRUE, &bad);
  if (bad)
    return bad;
  if (!is_one_of (verdict, verdicts))
    return _zc_server_member_error ("verdict",
                                    _("The member “verdict” must be one of revoked, expired, mismatch, uncertain, match, unreadable."));
  by_eye = _zc_server_get_string_member (ctx, "by_eye", FALSE, &bad);
  if (bad)
    return bad;
  if (by_eye != NULL && g_strcmp0 (by_eye, "confirmed") != 0 && g_strcmp0 (by_eye, "rejected") != 0)
    return _zc_server_member_error ("by_eye", _("The member “by_eye” must be confirmed or rejected."));
  /* only what the reading could not settle is decided by eye */
  if (by_eye != NULL && g_strcmp0 (verdict, "uncertain") != 0 && g_strcmp0 (verdict, "unreadable") != 0)
    return _zc_server_error (422, "by_eye_not_allowed",
                             _("Only an uncertain or unreadable material is confirmed or rejected by eye."));

  json_builder_begin_object (detail);
  _zc_server_add_int (detail, "document", doc_id);
  if ((bad = add_findings (ctx, detail)) != NULL)
    return bad;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, NULL, NULL, NULL)) != NULL)
    return bad;
  if (!document_material (self, id, doc_id, &material, &material_name, &error))
    {
      if (error != NULL)
        return _zc_server_db_error (self, error);
      return _zc_server_error (404, "not_found", _("The case has no such material document."));
    }

  /* the history says 材料核验 营业执照：一致 (from: the verdict; to: what
   * the clerk decided by eye, else the verdict) */
  _zc_server_add_string (detail, "material", material);
  _zc_server_add_string (detail, "material_name", material_name);
  _zc_server_add_string (detail, "verdict", verdict);
  if (by_eye != NULL)
    _zc_server_add_string (detail, "by_eye", by_eye);
  json_builder_end_object (detail);
  detail_root = json_builder_get_root (detail);
  detail_text = _zc_server_node_to_string (detail_root);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "document.check", id, 0, applicant,
                               verdict, by_eye != NULL ? by_eye : verdict, NULL, detail_text, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_commit_case_reply (self, ctx, idem, id);
}

/* One kept check of the event row @stmt (at, actor, role, window,
 * detail) as the contract's KeptCheck; FALSE when its detail is not the
 * object the POST wrote (then it is left out) */
static gboolean
add_kept_check (JsonBuilder  *builder,
                sqlite3_stmt *stmt)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *detail;
  JsonNode *findings;
  const char *verdict;
  const char *by_eye;

  root = zc_json_parse (_zc_server_column_text (stmt, 4), -1, ZC_JSON_MAX_DEPTH, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  detail = json_node_get_object (root);
  verdict = json_object_get_string_member_with_default (detail, "verdict", NULL);
  if (verdict == NULL || !is_one_of (verdict, verdicts))
    return FALSE;
  by_eye = json_object_get_string_member_with_default (detail, "by_eye", NULL);
  findings = json_object_get_member (detail, "findings");

  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 5));
  _zc_server_add_string (builder, "verdict", verdict);
  if (by_eye != NULL)
    _zc_server_add_string (builder, "by_eye", by_eye);
  json_builder_set_member_name (builder, "findings");
  if (findings != NULL && JSON_NODE_HOLDS_ARRAY (findings))
    json_builder_add_value (builder, json_node_copy (findings));
  else
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  _zc_server_add_column_string (builder, "at", stmt, 0);
  _zc_server_add_column_string (builder, "by", stmt, 1);
  _zc_server_add_column_string (builder, "role", stmt, 2);
  _zc_server_add_column_string (builder, "window", stmt, 3);
  json_builder_end_object (builder);
  return TRUE;
}

/* GET /cases/{id}/documents/{doc}/checks: the checks kept of a material
 * document, newest first (the events document.check of the case naming
 * it). The findings carry personal data: the reading is audited as
 * document.check_view. */
ZcServerResponse *
_zc_server_handle_document_checks (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *material = NULL;
  g_autofree char *material_name = NULL;
  ZcServerResponse *bad;
  gint64 id;
  gint64 doc_id;
  int rc;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  if (!_zc_server_parse_id (ctx->params[1], &doc_id))
    return _zc_server_error (404, "not_found", _("There is no such document."));
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, NULL, NULL, NULL)) != NULL)
    return bad;
  if (!document_material (self, id, doc_id, &material, &material_name, &error))
    {
      if (error != NULL)
        return _zc_server_db_error (self, error);
      return _zc_server_error (404, "not_found", _("The case has no such material document."));
    }

  stmt = zc_server_db_prepare (self->db,
    "SELECT at, actor, role, window, detail, id FROM events "
    "WHERE case_id = ?1 AND action = 'document.check' AND json_valid (detail) "
    "AND json_extract (detail, '$.document') = ?2 ORDER BY id DESC", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, doc_id);
  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "document", doc_id);
  _zc_server_add_string (builder, "material", material);
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_kept_check (builder, stmt);
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* what the paper said of a person: who read it back is kept */
  if (!_zc_server_view_event (self, ctx, "document.check_view", id, applicant, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_builder_response (200, builder);
}
