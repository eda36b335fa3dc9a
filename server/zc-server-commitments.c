/* zc-server-commitments.c — the Commitment resource: its object,
 * POST /cases/{id}/commitments and GET /commitments
 *
 * The other commitment files: zc-server-commitment-hooks.c (what other
 * handlers call when a material is supplied, a case ends or a task is
 * approved), zc-server-verifications.c (事后核查 and the overdue job),
 * zc-server-credit.c (the credit record). They share
 * zc-server-commitments-private.h.
 *
 * The rules are core's (src/core/zc-commitment-rules.h); these files keep
 * the records: a commitment is made on a draft, returned or received
 * case (not an ended one) for materials of it, marks those materials
 * deferred / committed on the case, makes the tasks needing a tolerated
 * material wait (awaiting_supplement) once received (at once on a
 * received case, its deadline within the limit counted from reception), is fulfilled when every tolerated
 * material is supplied, turns overdue the day after its deadline
 * (checked on every read of commitments and by the periodic job of
 * ZcServer), gets its 事后核查 due date when a sub-matter it covers is
 * approved, and a 事后核查 that finds it false writes a credit record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-commitment-rules.h"
#include "zc-mask.h"

#include "zc-server-commitments-private.h"
#include "zc-server-validate.h"

#define COMMITMENT_SELECT \
  "SELECT k.id, k.case_id, c.number, k.kind, k.materials, k.supplied, k.departments, " \
  "k.deadline, k.deadline_provisional, k.verification_due, k.verification_method, " \
  "k.obligations, k.state, k.signature, k.documents, k.created_at, k.created_by, " \
  "c.applicant, a.name, " \
  "(SELECT CASE WHEN json_valid (ci.json) THEN json_extract (ci.json, '$.name') END " \
  " FROM catalogue_items ci WHERE ci.code = c.item), " \
  "(SELECT json_group_array (coalesce ((SELECT json_extract (mm.value, '$.name') " \
  "   FROM catalogue_items ci, json_each (ci.json, '$.materials') mm " \
  "   WHERE ci.code = c.item AND json_valid (ci.json) AND json_extract (mm.value, '$.code') = m.value), m.value)) " \
  " FROM json_each (k.materials) m) " \
  "FROM commitments k JOIN cases c ON c.id = k.case_id " \
  "LEFT JOIN applicants a ON a.key = c.applicant "

#define MAX_MATERIALS    50
#define MAX_OBLIGATIONS  2000

/* ------------------------------------------------------------------ */
/* The Commitment object                                               */
/* ------------------------------------------------------------------ */

static gboolean
add_verifications (ZcServerApi  *self,
                   JsonBuilder  *builder,
                   gint64        commitment_id,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT id, commitment_id, method, result, note, verified_at, verified_by, department "
    "FROM verifications WHERE commitment_id = ?1 ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, commitment_id);
  json_builder_set_member_name (builder, "verifications");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      _zc_server_add_int (builder, "commitment_id", sqlite3_column_int64 (stmt, 1));
      _zc_server_add_column_string (builder, "method", stmt, 2);
      _zc_server_add_column_string (builder, "result", stmt, 3);
      _zc_server_add_column_string (builder, "note", stmt, 4);
      _zc_server_add_column_string (builder, "verified_at", stmt, 5);
      _zc_server_add_column_string (builder, "verified_by", stmt, 6);
      _zc_server_add_column_string (builder, "department", stmt, 7);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  return TRUE;
}

/* One row of COMMITMENT_SELECT; @masked: the applicant and the signer
 * as a list shows them (docs/domain.md, rule 6). */
static gboolean
build_commitment (ZcServerApi   *self,
                  JsonBuilder   *builder,
                  sqlite3_stmt  *stmt,
                  gboolean       masked,
                  GError       **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  g_autoptr(JsonNode) signature = _zc_server_parse_stored (_zc_server_column_text (stmt, 13));
  const char *applicant = _zc_server_column_text (stmt, 17);
  const char *name = _zc_server_column_text (stmt, 18);

  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", id);
  _zc_server_add_int (builder, "case_id", sqlite3_column_int64 (stmt, 1));
  _zc_server_add_column_string (builder, "case_number", stmt, 2);
  _zc_server_add_column_string (builder, "item_name", stmt, 19);
  _zc_server_add_column_string (builder, "kind", stmt, 3);
  _zc_server_add_stored_json (builder, "materials", _zc_server_column_text (stmt, 4), JSON_NODE_ARRAY, FALSE);
  _zc_server_add_stored_json (builder, "material_names", _zc_server_column_text (stmt, 20), JSON_NODE_ARRAY, FALSE);
  _zc_server_add_stored_json (builder, "supplied", _zc_server_column_text (stmt, 5), JSON_NODE_ARRAY, FALSE);
  _zc_server_add_stored_json (builder, "departments", _zc_server_column_text (stmt, 6), JSON_NODE_ARRAY, FALSE);
  _zc_server_add_column_string (builder, "deadline", stmt, 7);
  _zc_server_add_bool (builder, "deadline_provisional", sqlite3_column_int (stmt, 8) != 0);
  _zc_server_add_column_string (builder, "verification_due", stmt, 9);
  _zc_server_add_column_string (builder, "verification_method", stmt, 10);
  _zc_server_add_column_string (builder, "obligations", stmt, 11);
  {
    /* on every read: an open commitment past its deadline says overdue
     * even before the platform has written it (the periodic job does) */
    ZcCommitmentState state = zc_commitment_state_from_string (_zc_server_column_text (stmt, 12));
    GDate deadline, today;

    g_date_clear (&deadline, 1);
    g_date_clear (&today, 1);
    _zc_server_today (self, &today);
    if (zc_date_parse_iso (_zc_server_column_text (stmt, 7), &deadline))
      state = zc_commitment_state_on (state, &deadline, &today);
    if (state != ZC_COMMITMENT_STATE_INVALID)
      _zc_server_add_string (builder, "state", zc_commitment_state_to_string (state));
    else
      _zc_server_add_column_string (builder, "state", stmt, 12);
  }
  if (masked)
    {
      g_autofree char *key = zc_mask_id (applicant);
      g_autofree char *masked_name = zc_mask_name (name);

      _zc_server_add_string (builder, "applicant", key);
      _zc_server_add_string (builder, "applicant_name", masked_name);
      if (signature != NULL && JSON_NODE_HOLDS_OBJECT (signature))
        {
          JsonObject *o = json_node_get_object (signature);
          const char *signer = json_object_get_string_member_with_default (o, "signer", NULL);

          if (signer != NULL)
            {
              g_autofree char *m = zc_mask_id (signer);
              json_object_set_string_member (o, "signer", m);
            }
        }
    }
  else
    {
      _zc_server_add_string (builder, "applicant", applicant);
      _zc_server_add_string (builder, "applicant_name", name);
    }
  json_builder_set_member_name (builder, "signature");
  if (signature != NULL && JSON_NODE_HOLDS_OBJECT (signature))
    json_builder_add_value (builder, g_steal_pointer (&signature));
  else
    json_builder_add_null_value (builder);
  _zc_server_add_stored_json (builder, "documents", _zc_server_column_text (stmt, 14), JSON_NODE_ARRAY, FALSE);
  _zc_server_add_column_string (builder, "created_at", stmt, 15);
  _zc_server_add_column_string (builder, "created_by", stmt, 16);
  if (!add_verifications (self, builder, id, error))
    return FALSE;
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
build_commitment_by_id (ZcServerApi  *self,
                        JsonBuilder  *builder,
                        gint64        id,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db, COMMITMENT_SELECT "WHERE k.id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  return build_commitment (self, builder, stmt, FALSE, error);
}

/* The commitments of a case (full values: the case page), as an array. */
gboolean
_zc_server_add_commitments_of (ZcServerApi  *self,
                               JsonBuilder  *builder,
                               gint64        case_id,
                               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    COMMITMENT_SELECT "WHERE k.case_id = ?1 ORDER BY k.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!build_commitment (self, builder, stmt, FALSE, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Helpers the commitment files share                                  */
/* ------------------------------------------------------------------ */

GStrv
_zc_server_strv_from_stored (const char *text)
{
  g_autoptr(JsonNode) node = _zc_server_parse_stored (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (e));
        }
    }
  return g_strv_builder_end (builder);
}

char *
_zc_server_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return _zc_server_node_to_string (root);
}

/* "健康证明、租赁合同" */
char *
_zc_server_material_names (ZcCatalogueItem    *item,
                const char * const *codes)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      ZcMaterial *m = item ? zc_catalogue_item_find_material (item, codes[i]) : NULL;

      if (names->len > 0)
        g_string_append (names, _("、"));
      g_string_append (names, m ? zc_material_get_name (m) : codes[i]);
    }
  return g_string_free (names, FALSE);
}

const char *
_zc_server_actor_name (ZcServerCtx *ctx)
{
  return ctx && ctx->user ? ctx->user->username : "platform";
}

const char *
_zc_server_actor_role (ZcServerCtx *ctx)
{
  return ctx && ctx->user ? ctx->user->role_name : "platform";
}

const char *
_zc_server_actor_window (ZcServerCtx *ctx)
{
  return ctx && ctx->user ? ctx->user->window : NULL;
}
/* ------------------------------------------------------------------ */
/* POST /cases/{id}/commitments                                        */
/* ------------------------------------------------------------------ */

static ZcServerResponse *
refusal (GError *error)
{
  if (error->domain == ZC_COMMITMENT_ERROR && error->code == ZC_COMMITMENT_ERROR_CALENDAR)
    return _zc_server_error (409, "calendar", error->message);
  if (error->domain == ZC_COMMITMENT_ERROR)
    return _zc_server_error (422, zc_commitment_error_to_string (error->code), error->message);
  return _zc_server_error (422, "invalid_request", error->message);
}

ZcServerResponse *
_zc_server_commitments_check_case (ZcServerApi      *self,
                                   gint64            case_id,
                                   ZcCatalogueItem  *item,
                                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) materials = NULL;
  g_auto(GStrv) chosen = NULL;
  g_autofree char *applicant = NULL;
  ZcCreditFacts credit = { FALSE, FALSE };
  gboolean credit_known = FALSE;
  JsonObjectIter iter;
  const char *code;
  JsonNode *value;

  stmt = zc_server_db_prepare (self->db, "SELECT matters, materials, applicant FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      zc_server_db_set_error (self->db, error);
      return NULL;
    }
  chosen = _zc_server_strv_from_stored (_zc_server_column_text (stmt, 0));
  materials = _zc_server_parse_stored (_zc_server_column_text (stmt, 1));
  applicant = _zc_server_column_dup (stmt, 2);
  if (materials == NULL || !JSON_NODE_HOLDS_OBJECT (materials))
    return NULL;

  json_object_iter_init (&iter, json_node_get_object (materials));
  while (json_object_iter_next (&iter, &code, &value))
    {
      const char *state = NULL;
      ZcMaterial *material = zc_catalogue_item_find_material (item, code);
      ZcCommitmentKind kind;
      g_autoptr(GError) refused = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        state = json_node_get_string (value);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        state = json_object_get_string_member_with_default (json_node_get_object (value), "state", NULL);
      if (g_strcmp0 (state, "deferred") == 0)
        kind = ZC_COMMITMENT_KIND_TOLERANCE;
      else if (g_strcmp0 (state, "committed") == 0)
        kind = ZC_COMMITMENT_KIND_COMMITMENT;
      else
        continue;
      if (material == NULL)
        continue;
      if (kind == ZC_COMMITMENT_KIND_COMMITMENT && !credit_known)
        {
          if (!_zc_server_credit_facts (self, applicant, &credit, error))
            return NULL;
          credit_known = TRUE;
        }
      if (!zc_commitment_check_eligible (kind, item, material, (const char * const *) chosen,
                                         &credit, &refused))
        {
          /* a material of a sub-matter left out is not asked for */
          if (refused->code == ZC_COMMITMENT_ERROR_NOT_NEEDED)
            continue;
          return refusal (refused);
        }
    }
  return NULL;
}

/* materials: an array of 1 … MAX_MATERIALS distinct strings */
static GStrv
get_materials_member (ZcServerCtx       *ctx,
                      ZcServerResponse **bad)
{
  JsonNode *node = json_object_get_member (ctx->object, "materials");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (n = json_array_get_length (array = json_node_get_array (node))) == 0 || n > MAX_MATERIALS)
    {
      *bad = _zc_server_member_error ("materials", _("The member “materials” must list 1 to 50 material codes."));
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
          *json_node_get_string (e) == '\0')
        {
          *bad = _zc_server_member_error ("materials", _("The member “materials” must list 1 to 50 material codes."));
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (e));
    }
  codes = g_strv_builder_end (builder);
  for (guint i = 0; codes[i] != NULL; i++)
    for (guint j = i + 1; codes[j] != NULL; j++)
      if (strcmp (codes[i], codes[j]) == 0)
        {
          *bad = _zc_server_member_error ("materials", _("The member “materials” names a material twice."));
          return NULL;
        }
  return g_steal_pointer (&codes);
}

/* a member's string, or NULL when absent or not a string */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* signature: {"signer", "signer_role"?, "signed_at", "method",
 * "document_id"?, "authorisation_document_id"?} as the contract's
 * Signature, checked member by member and stored with those members only
 * (anything else sent is dropped, not echoed back). The signer is checked
 * against the case by check_signer once the case is read. */
static char *
get_signature_member (ZcServerApi       *self,
                      ZcServerCtx       *ctx,
                      ZcServerResponse **bad)
{
  JsonNode *node = json_object_get_member (ctx->object, "signature");
  g_autoptr(JsonBuilder) kept = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  const char *signer, *signed_at, *method, *role;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  g_autoptr(GDateTime) latest = g_date_time_add_minutes (now, 10);
  static const char *const methods[] = { "handwritten_scan", "signature_pad", "electronic", NULL };
  static const char *const ids[] = { "document_id", "authorisation_document_id" };

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      *bad = _zc_server_member_error ("signature", _("A commitment needs the applicant's signature (the member “signature”)."));
      return NULL;
    }
  o = json_node_get_object (node);
  signer = string_member (o, "signer");
  signed_at = string_member (o, "signed_at");
  method = string_member (o, "method");
  role = string_member (o, "signer_role");
  if (signer == NULL || *signer == '\0' || strlen (signer) > 64)
    {
      *bad = _zc_server_member_error ("signature", _("The signature must name its signer (their ID number or credit code)."));
      return NULL;
    }
  if (signed_at == NULL || (at = zc_date_time_parse_rfc3339 (signed_at)) == NULL)
    {
      *bad = _zc_server_member_error ("signature", _("The signature's “signed_at” must be an RFC 3339 time."));
      return NULL;
    }
  /* signed at the counter now, or at an offline reception delivered
   * later: never in the future */
  if (g_date_time_compare (at, latest) > 0)
    {
      *bad = _zc_server_member_error ("signature", _("The signature's “signed_at” lies in the future."));
      return NULL;
    }
  if (json_object_has_member (o, "signer_role") && !JSON_NODE_HOLDS_NULL (json_object_get_member (o, "signer_role")) &&
      (role == NULL || strlen (role) > 64 || !_zc_server_is_line_text (role)))
    {
      *bad = _zc_server_member_error ("signature", _("The signature's “signer_role” must be a party role."));
      return NULL;
    }
  if (method == NULL || !g_strv_contains (methods, method))
    {
      *bad = _zc_server_member_error ("signature", _("The signature's “method” must be handwritten_scan, signature_pad or electronic."));
      return NULL;
    }
  json_builder_begin_object (kept);
  _zc_server_add_string (kept, "signer", signer);
  if (role != NULL)
    _zc_server_add_string (kept, "signer_role", role);
  _zc_server_add_string (kept, "signed_at", signed_at);
  _zc_server_add_string (kept, "method", method);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonNode *id = json_object_get_member (o, ids[i]);

      if (id == NULL || JSON_NODE_HOLDS_NULL (id))
        continue;
      if (!(JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64 &&
            json_node_get_int (id) > 0))
        {
          *bad = _zc_server_member_error ("signature", _("A document id of the signature must be a positive integer."));
          return NULL;
        }
      json_builder_set_member_name (kept, ids[i]);
      json_builder_add_int_value (kept, json_node_get_int (id));
    }
  json_builder_end_object (kept);
  root = json_builder_get_root (kept);
  return _zc_server_node_to_string (root);
}

/* The signer is the applicant or a party named on the case (a guardian,
 * an agent with the 委托书): 422 for anyone else. */
static ZcServerResponse *
check_signer (const char *applicant,
              const char *parties_stored,
              const char *signature)
{
  g_autoptr(JsonNode) sig = _zc_server_parse_stored (signature);
  g_autoptr(JsonNode) parties = _zc_server_parse_stored (parties_stored);
  const char *signer = NULL;

  if (sig != NULL && JSON_NODE_HOLDS_OBJECT (sig))
    signer = string_member (json_node_get_object (sig), "signer");
  if (signer == NULL)
    return _zc_server_member_error ("signature", _("The signature must name its signer (their ID number or credit code)."));
  if (g_strcmp0 (signer, applicant) == 0)
    return NULL;
  if (parties != NULL && JSON_NODE_HOLDS_ARRAY (parties))
    {
      JsonArray *list = json_node_get_array (parties);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *p = json_array_get_element (list, i);

          if (JSON_NODE_HOLDS_OBJECT (p) &&
              g_strcmp0 (string_member (json_node_get_object (p), "key"), signer) == 0)
            return NULL;
        }
    }
  return _zc_server_member_error ("signature",
                                  _("The signer is neither the applicant nor a party named on this case."));
}

static char *
get_documents_member (ZcServerCtx       *ctx,
                      ZcServerResponse **bad)
{
  JsonNode *node = json_object_get_member (ctx->object, "documents");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("[]");
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) <= 20)
    {
      JsonArray *array = json_node_get_array (node);
      gboolean ok = TRUE;

      for (guint i = 0; i < json_array_get_length (array) && ok; i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          ok = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_INT64 &&
               json_node_get_int (e) > 0;
        }
      if (ok)
        return _zc_server_node_to_string (node);
    }
  *bad = _zc_server_member_error ("documents", _("The member “documents” must list up to 20 document ids."));
  return NULL;
}

/* The case's materials object with @codes set to @state and the
 * commitment's id and deadline. */
static char *
mark_materials (const char         *stored,
                const char * const *codes,
                const char         *state,
                gint64              commitment_id,
                const char         *deadline)
{
  g_autoptr(JsonNode) node = _zc_server_parse_stored (stored);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *materials;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (&node, json_node_unref);
      node = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  materials = json_node_get_object (node);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      JsonObject *entry = json_object_new ();
      JsonNode *old = json_object_get_member (materials, codes[i]);

      /* keep what else was said of it (a note) */
      if (old != NULL && JSON_NODE_HOLDS_OBJECT (old) &&
          json_object_has_member (json_node_get_object (old), "note"))
        json_object_set_member (entry, "note",
                                json_node_copy (json_object_get_member (json_node_get_object (old), "note")));
      json_object_set_string_member (entry, "state", state);
      json_object_set_int_member (entry, "commitment_id", commitment_id);
      if (deadline != NULL)
        json_object_set_string_member (entry, "deadline", deadline);
      json_object_set_object_member (materials, codes[i], entry);
    }
  return _zc_server_node_to_string (node);
}

/* The states of a draft's materials that had none (made through the
 * API without them): every material that applies to it (core's
 * reception on the case's data, @day) with the state the reception
 * itself gives it (pending, or exempt by a valid licence), as the
 * counter's reception writes them all. Without them the first state a
 * commitment writes would be the case's only one. A case once received
 * without states (received before the platform kept them) is left as
 * it is: what was handed in then is not known, and no state is made up;
 * the case page lists its materials from the catalogue
 * (zc_case_material_applies: a commitment's states are not the
 * reception's). NULL when nothing is to be filled, or when what applies
 * cannot be told. */
static char *
fill_missing_states (ZcServerApi     *self,
                     gint64           case_id,
                     ZcCatalogueItem *item,
                     const char      *stored,
                     const GDate     *day)
{
  g_autoptr(JsonNode) node = _zc_server_parse_stored (stored);
  g_autoptr(ZcReception) reception = NULL;
  g_autoptr(ZcServerResponse) bad = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0)
    return NULL;
  if ((bad = _zc_server_case_reception (self, case_id, item, day, TRUE, &reception)) != NULL)
    return NULL;
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, _zc_server_reception_states (reception));
  return _zc_server_node_to_string (root);
}

/* The letters (@documents) and the signature's documents (@signature)
 * a commitment names must be documents of its own case: a reference to
 * another case's file would print or show nothing, or another applicant's
 * letter. NULL when they are, else the refusal. */
static ZcServerResponse *
check_documents_of_case (ZcServerApi *self,
                         gint64       case_id,
                         const char  *documents,
                         const char  *signature)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT EXISTS (SELECT 1 FROM (SELECT value AS id FROM json_each (?2) "
    "  UNION SELECT json_extract (?3, '$.document_id') "
    "  UNION SELECT json_extract (?3, '$.authorisation_document_id')) d "
    "WHERE d.id IS NOT NULL AND NOT EXISTS "
    "  (SELECT 1 FROM documents o WHERE o.id = d.id AND o.case_id = ?1))", &error);

  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, documents);
  _zc_server_bind_text (stmt, 3, signature);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  if (sqlite3_column_int (stmt, 0) != 0)
    return _zc_server_member_error ("documents",
                                    _("A document the commitment names is not a document of this case."));
  return NULL;
}

/* The new 告知承诺 of @case_id gets its 事后核查 date when a sub-matter it
 * covers is approved already (the approval's hook ran before it existed). */
static gboolean
verification_due_if_approved (ZcServerApi  *self,
                              ZcServerCtx  *ctx,
                              gint64        case_id,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT matter FROM tasks WHERE case_id = ?1 AND state = 'approved' ORDER BY id", error);
  g_autoptr(GPtrArray) matters = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (matters, _zc_server_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  /* each approved matter sets the date of the commitments covering it
   * that have none yet: the first one that covers this one decides */
  for (guint i = 0; i < matters->len; i++)
    if (!_zc_server_commitments_task_approved (self, ctx, case_id, g_ptr_array_index (matters, i), error))
      return FALSE;
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_commitment_create (ZcServerApi *self,
                                     ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  ZcServerResponse *held;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *state = NULL;
  g_autofree char *item_code = NULL;
  g_autofree char *materials_stored = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *materials_text = NULL;
  g_autofree char *departments_text = NULL;
  g_autofree char *marked = NULL;
  g_autofree char *names = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *deadline_text = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) chosen = NULL;
  g_autoptr(GStrvBuilder) departments = g_strv_builder_new ();
  g_auto(GStrv) department_list = NULL;
  const char *idem;
  const char *kind_text;
  const char *deadline_in;
  const char *obligations;
  const char *method_text;
  ZcCommitmentKind kind;
  ZcVerificationMethod method = ZC_VERIFICATION_METHOD_WRITTEN;
  ZcCreditFacts credit = { FALSE, FALSE };
  ZcCalendar *calendar;
  GDate today, reception, deadline;
  ZcCaseState case_state;
  g_autofree char *received_at = NULL;
  g_autofree char *filled = NULL;
  gboolean provisional = FALSE;
  gint64 case_id, id;
  int rc;

  if ((bad = _zc_server_case_change_start (self, ctx, &case_id, &idem)) != NULL)
    return bad;
  kind_text = _zc_server_get_string_member (ctx, "kind", TRUE, &bad);
  if (bad)
    return bad;
  kind = zc_commitment_kind_from_string (kind_text);
  if (kind == ZC_COMMITMENT_KIND_INVALID)
    return _zc_server_member_error ("kind", _("The member “kind” must be “tolerance” (容缺) or “commitment” (告知承诺)."));
  if ((codes = get_materials_member (ctx, &bad)) == NULL)
    return bad;
  deadline_in = _zc_server_get_string_member (ctx, "deadline", FALSE, &bad);
  if (bad)
    return bad;
  g_date_clear (&deadline, 1);
  if (deadline_in != NULL && !zc_date_parse_iso (deadline_in, &deadline))
    return _zc_server_member_error ("deadline", _("The member “deadline” must be a date (YYYY-MM-DD)."));
  obligations = _zc_server_get_bounded_string_member (ctx, "obligations", FALSE, MAX_OBLIGATIONS, &bad);
  if (bad)
    return bad;
  method_text = _zc_server_get_string_member (ctx, "verification_method", FALSE, &bad);
  if (bad)
    return bad;
  if (method_text != NULL &&
      (method = zc_verification_method_from_string (method_text)) == ZC_VERIFICATION_METHOD_INVALID)
    return _zc_server_member_error ("verification_method",
                                    _("The member “verification_method” must be written, online, on_site or public_notice."));
  if ((signature = get_signature_member (self, ctx, &bad)) == NULL)
    return bad;
  if ((documents = get_documents_member (ctx, &bad)) == NULL)
    return bad;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, case_id, &applicant, &state, NULL, NULL)) != NULL)
    return bad;
  case_state = zc_case_state_from_string (state);
  if (case_state != ZC_CASE_STATE_DRAFT && case_state != ZC_CASE_STATE_RETURNED &&
      case_state != ZC_CASE_STATE_RECEIVED)
    return _zc_server_error (409, "conflict",
                             _("A commitment is recorded on a draft, returned or received case, not on one that has ended."));
  if ((held = _zc_server_check_held_by_user (self, ctx, case_id)) != NULL)
    return held;
  if ((bad = check_documents_of_case (self, case_id, documents, signature)) != NULL)
    return bad;

  stmt = zc_server_db_prepare (self->db, "SELECT item, matters, materials, received_at, parties FROM cases WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  item_code = _zc_server_column_dup (stmt, 0);
  chosen = _zc_server_strv_from_stored (_zc_server_column_text (stmt, 1));
  materials_stored = _zc_server_column_dup (stmt, 2);
  received_at = _zc_server_column_dup (stmt, 3);
  bad = check_signer (applicant, _zc_server_column_text (stmt, 4), signature);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (bad != NULL)
    return bad;
  item = _zc_server_load_item (self, item_code);
  if (item == NULL)
    return _zc_server_error (409, "conflict", _("The case's catalogue item is missing."));

  if (kind == ZC_COMMITMENT_KIND_COMMITMENT &&
      !_zc_server_credit_facts (self, applicant, &credit, &error))
    return _zc_server_db_error (self, error);
  g_date_clear (&today, 1);
  _zc_server_today (self, &today);
  /* the matter's time limit runs from the day of reception: today for a
   * draft, the day the case was received once it was */
  reception = today;
  if (case_state == ZC_CASE_STATE_RECEIVED && received_at != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (received_at, NULL);
      g_autoptr(GDateTime) local = when ? zc_date_time_to_china (when) : NULL;

      if (local != NULL)
        g_date_set_dmy (&reception, (GDateDay) g_date_time_get_day_of_month (local),
                        (GDateMonth) g_date_time_get_month (local),
                        (GDateYear) g_date_time_get_year (local));
    }
  if (case_state == ZC_CASE_STATE_RECEIVED && g_date_valid (&deadline) &&
      g_date_compare (&deadline, &today) <= 0)
    return _zc_server_error (422, zc_commitment_error_to_string (ZC_COMMITMENT_ERROR_DEADLINE_PAST),
                             _("The deadline must be after today"));
  calendar = _zc_server_get_calendar (self, &error);
  if (calendar == NULL)
    return _zc_server_error_printf (409, "calendar", _("Deadlines cannot be computed: %s"), error->message);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      ZcMaterial *material = zc_catalogue_item_find_material (item, codes[i]);
      const char * const *needs;

      if (material == NULL)
        return _zc_server_member_error ("materials", _("The member “materials” names a material this item does not have."));
      if (!zc_commitment_check_eligible (kind, item, material, (const char * const *) chosen,
                                         &credit, &error))
        return refusal (error);
      /* a 容缺 needs its deadline; a 告知承诺 given one keeps to the same limit */
      if ((kind == ZC_COMMITMENT_KIND_TOLERANCE || g_date_valid (&deadline)) &&
          !zc_commitment_check_deadline (calendar, item, material, (const char * const *) chosen,
                                         &reception, &deadline, &error))
        return refusal (error);
      if (kind == ZC_COMMITMENT_KIND_TOLERANCE)
        {
          GDate limit;
          gboolean p = FALSE;

          g_date_clear (&limit, 1);
          if (zc_commitment_deadline_limit (calendar, item, material, (const char * const *) chosen,
                                            &reception, &limit, &p, NULL))
            provisional = provisional || p;
        }
      needs = zc_material_get_matters (material);
      for (guint j = 0; needs != NULL && needs[j] != NULL; j++)
        {
          ZcMatter *matter = zc_catalogue_item_find_matter (item, needs[j]);
          const char *department = matter ? zc_matter_get_department (matter) : NULL;

          if (department != NULL && g_strv_contains ((const char * const *) chosen, needs[j]))
            g_strv_builder_add (departments, department);
        }
    }
  if (kind == ZC_COMMITMENT_KIND_COMMITMENT && g_date_valid (&deadline) &&
      g_date_compare (&deadline, &today) <= 0)
    return _zc_server_error (422, zc_commitment_error_to_string (ZC_COMMITMENT_ERROR_DEADLINE_PAST),
                             _("The deadline must be after the day of reception"));

  /* a material is covered by one commitment at most (one cancelled with
   * its task does not count): a 容缺 supplied, or a 告知承诺 verified or
   * breached, is not opened again by a second one */
  stmt = zc_server_db_prepare (self->db,
    "SELECT k.state IN ('open', 'overdue') FROM commitments k, json_each (k.materials) m WHERE k.case_id = ?1 "
    "AND k.state != 'cancelled' AND m.value IN (SELECT value FROM json_each (?2)) "
    "ORDER BY 1 DESC LIMIT 1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  materials_text = _zc_server_strv_to_json ((const char * const *) codes);
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, materials_text);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
    return _zc_server_error (409, "conflict", _("A material named is already covered by an open commitment of this case."));
  if (rc == SQLITE_ROW)
    return _zc_server_error (409, "conflict", _("A material named was already covered by a commitment of this case that has ended (supplied, verified or breached)."));
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  department_list = g_strv_builder_end (departments);
  {
    /* distinct, in order */
    g_autoptr(GStrvBuilder) distinct = g_strv_builder_new ();
    g_auto(GStrv) list = NULL;

    for (guint i = 0; department_list[i] != NULL; i++)
      {
        gboolean seen = FALSE;

        for (guint j = 0; j < i && !seen; j++)
          seen = strcmp (department_list[i], department_list[j]) == 0;
        if (!seen)
          g_strv_builder_add (distinct, department_list[i]);
      }
    list = g_strv_builder_end (distinct);
    departments_text = _zc_server_strv_to_json ((const char * const *) list);
  }
  deadline_text = g_date_valid (&deadline) ? zc_date_to_iso (&deadline) : NULL;

  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, deadline_provisional, "
    "verification_method, obligations, state, signature, documents, created_at, created_by, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9, ?10, ?11, ?12, ?11)", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, zc_commitment_kind_to_string (kind));
  _zc_server_bind_text (stmt, 3, materials_text);
  _zc_server_bind_text (stmt, 4, departments_text);
  _zc_server_bind_text (stmt, 5, deadline_text);
  sqlite3_bind_int (stmt, 6, provisional ? 1 : 0);
  _zc_server_bind_text (stmt, 7, kind == ZC_COMMITMENT_KIND_COMMITMENT
                                  ? zc_verification_method_to_string (method) : NULL);
  _zc_server_bind_text (stmt, 8, obligations && *obligations ? obligations : NULL);
  _zc_server_bind_text (stmt, 9, signature);
  _zc_server_bind_text (stmt, 10, documents);
  _zc_server_bind_text (stmt, 11, now);
  _zc_server_bind_text (stmt, 12, ctx->user->username);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  id = sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* the case's materials say it: deferred (容缺) or committed (承诺);
   * the others keep (or get) their state */
  if (received_at == NULL)
    filled = fill_missing_states (self, case_id, item, materials_stored, &reception);
  marked = mark_materials (filled != NULL ? filled : materials_stored, (const char * const *) codes,
                           kind == ZC_COMMITMENT_KIND_TOLERANCE ? "deferred" : "committed",
                           id, deadline_text);
  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET materials = ?2, updated_at = ?3 WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, marked);
  _zc_server_bind_text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* on a received case the tasks needing a tolerated material wait for
   * it from now on (a draft's tasks are made waiting at reception) */
  if (!_zc_server_commitments_update_awaiting (self, case_id, &error))
    return _zc_server_db_error (self, error);
  /* a 告知承诺 recorded after a sub-matter it covers was approved is
   * verified after that approval like the others: its 事后核查 is due
   * counted from today */
  if (kind == ZC_COMMITMENT_KIND_COMMITMENT &&
      !verification_due_if_approved (self, ctx, case_id, &error))
    return _zc_server_db_error (self, error);

  names = _zc_server_material_names (item, (const char * const *) codes);
  if (kind == ZC_COMMITMENT_KIND_TOLERANCE)
    /* Translators: 容缺受理：健康证明，补交期限 2026-12-10 */
    reason = g_strdup_printf (_("Tolerated: %s, to be supplied by %s"), names, deadline_text);
  else
    /* Translators: 告知承诺：食品安全管理制度 */
    reason = g_strdup_printf (_("Commitment instead of: %s"), names);
  detail = g_strdup_printf ("{\"commitment_id\":%" G_GINT64_FORMAT ",\"kind\":\"%s\"}",
                            id, zc_commitment_kind_to_string (kind));
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name, ctx->user->window,
                               "commitment.create", case_id, 0, applicant, NULL, "open",
                               reason, detail, &error))
    return _zc_server_db_error (self, error);

  if (!build_commitment_by_id (self, builder, id, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_commit_reply (self, ctx, idem, 201, builder);
}

/* ------------------------------------------------------------------ */
/* GET /commitments                                                    */
/* ------------------------------------------------------------------ */

static gboolean
list_row (ZcServerApi   *self,
          JsonBuilder   *builder,
          sqlite3_stmt  *stmt,
          gpointer       user_data,
          GError       **error)
{
  return build_commitment (self, builder, stmt, TRUE, error);
}

ZcServerResponse *
_zc_server_handle_commitment_list (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  const char *due_before = g_hash_table_lookup (ctx->query, "due_before");
  const char *kind = g_hash_table_lookup (ctx->query, "kind");
  const char *state = g_hash_table_lookup (ctx->query, "state");
  const char *department = g_hash_table_lookup (ctx->query, "department");
  const char *window = NULL;
  const char *params[5];
  ZcServerListQuery query = {
    .member = "commitments",
    .select = COMMITMENT_SELECT,
    .count = "SELECT count(*) FROM commitments k ",
    /* due_before: a deadline or a 事后核查 falling due by that day, still
     * to be met (open or overdue) */
    .where =
      "WHERE (?1 IS NULL OR (k.state IN ('open', 'overdue') AND "
      "      ((k.deadline IS NOT NULL AND k.deadline <= ?1) OR "
      "       (k.verification_due IS NOT NULL AND k.verification_due <= ?1)))) "
      "AND (?2 IS NULL OR k.kind = ?2) AND (?3 IS NULL OR k.state = ?3) "
      /* a department's: of the cases dispatched to it (tasks), not drafts it cannot see */
      "AND (?4 IS NULL OR (EXISTS (SELECT 1 FROM json_each (k.departments) WHERE value = ?4) "
      "     AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = k.case_id))) "
      "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM cases w WHERE w.id = k.case_id AND w.window = ?5)) "
      /* a commitment is followed up once its case is received (it has a
       * number): a draft's — not yet received, set aside or abandoned at
       * the counter — binds nobody yet (docs/domain.md, the case table) */
      "AND EXISTS (SELECT 1 FROM cases r WHERE r.id = k.case_id AND r.number IS NOT NULL) ",
    /* most urgent first: overdue, then by the nearest date */
    .order =
      "ORDER BY k.state != 'overdue', k.state NOT IN ('open', 'overdue'), "
      "coalesce (min (coalesce (k.deadline, '9999'), coalesce (k.verification_due, '9999')), '9999'), k.id",
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .row = list_row,
  };
  gint64 offset, limit;
  GDate date;

  if (due_before != NULL && *due_before == '\0')
    due_before = NULL;
  if (kind != NULL && *kind == '\0')
    kind = NULL;
  if (state != NULL && *state == '\0')
    state = NULL;
  if (department != NULL && *department == '\0')
    department = NULL;
  g_date_clear (&date, 1);
  if (due_before != NULL && !zc_date_parse_iso (due_before, &date))
    return _zc_server_error (422, "invalid_request", _("The parameter “due_before” must be a date (YYYY-MM-DD)."));
  if (kind != NULL && zc_commitment_kind_from_string (kind) == ZC_COMMITMENT_KIND_INVALID)
    return _zc_server_error (422, "invalid_request", _("The parameter “kind” must be “tolerance” or “commitment”."));
  if (state != NULL && zc_commitment_state_from_string (state) == ZC_COMMITMENT_STATE_INVALID)
    return _zc_server_error (422, "invalid_request", _("The parameter “state” names no commitment state."));
  if (ctx->user->role == ZC_ROLE_DEPARTMENT)
    department = ctx->user->department ? ctx->user->department : "";
  /* the window takes the missing materials in: its own cases' */
  if (ctx->user->role == ZC_ROLE_CLERK || ctx->user->role == ZC_ROLE_HELPER)
    window = ctx->user->window ? ctx->user->window : "";
  if (!_zc_server_parse_page (ctx, &offset, &limit, &bad))
    return bad;

  /* on every read: what passed its deadline is overdue first */
  if (!zc_server_api_check_commitments (self, NULL, &error))
    return _zc_server_db_error (self, error);

  params[0] = due_before;
  params[1] = kind;
  params[2] = state;
  params[3] = department;
  params[4] = window;
  if ((bad = _zc_server_list_page (self, &query, offset, limit, builder)) != NULL)
    return bad;
  return _zc_server_builder_response (200, builder);
}
