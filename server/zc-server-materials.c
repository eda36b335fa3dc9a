/* zc-server-materials.c — the materials of a case and their states:
 * listed (what applies to the case, with its documents) and set one at
 * a time by the rules of docs/domain.md (免提交 only where a valid
 * licence replaces it, 容缺 only where tolerable, 告知承诺 only where
 * allowed; once received, only 容缺 → 已补正)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-server-api-private.h"
#include "zc-server-validate.h"

#define MAX_NOTE 500

/* The contract's MaterialStatus of a stored state */
static const char *
status_of (const char *stored,
           gboolean    supplemented)
{
  switch (zc_material_state_from_string (stored))
    {
    case ZC_MATERIAL_STATE_RECEIVED:  return supplemented ? "supplemented" : "received";
    case ZC_MATERIAL_STATE_DEFERRED:  return "tolerated";
    case ZC_MATERIAL_STATE_COMMITTED: return "committed";
    case ZC_MATERIAL_STATE_EXEMPT:    return "exempt";
    case ZC_MATERIAL_STATE_PENDING:
    default:                          return "required";
    }
}

/* The case's item and its day (the reception day once received, else
 * today, China time) */
static ZcServerResponse *
load_case_reception (ZcServerApi  *self,
                     gint64        case_id,
                     ZcReception **reception)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT item, received_at FROM cases WHERE id = ?1", NULL);
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate day;

  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  item = _zc_server_load_item (self, _zc_server_column_text (stmt, 0));
  if (item == NULL)
    return _zc_server_error (409, "conflict", _("The case's catalogue item is missing."));
  if (_zc_server_column_text (stmt, 1) != NULL)
    when = g_date_time_new_from_iso8601 (_zc_server_column_text (stmt, 1), NULL);
  if (when == NULL)
    when = zc_server_db_now (self->db);
  local = zc_date_time_to_china (when);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  return _zc_server_case_reception (self, case_id, item, &day, TRUE, reception);
}

static ZcReceptionMaterial *
find_material (ZcReception *reception,
               const char  *code)
{
  GListModel *materials = zc_reception_get_materials (reception);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) m = g_list_model_get_item (materials, i);

      if (g_strcmp0 (zc_material_get_code (zc_reception_material_get_material (m)), code) == 0)
        return g_steal_pointer (&m);
    }
  return NULL;
}

/* Material @code of the case when it applies to it (its chosen
 * sub-matters, parties and answers); else 422 unknown_material */
ZcServerResponse *
_zc_server_case_material (ZcServerApi          *self,
                          gint64                case_id,
                          const char           *code,
                          ZcReceptionMaterial **material)
{
  g_autoptr(ZcReception) reception = NULL;
  ZcServerResponse *bad;

  if ((bad = load_case_reception (self, case_id, &reception)) != NULL)
    return bad;
  *material = find_material (reception, code);
  if (*material == NULL)
    return _zc_server_error_printf (422, "unknown_material",
                                    _("“%s” is not a material this case asks for."), code);
  return NULL;
}

JsonObject *
_zc_server_reception_states (ZcReception *reception)
{
  JsonObject *states = json_object_new ();
  GListModel *materials = zc_reception_get_materials (reception);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcLicence *licence = zc_reception_material_get_licence (rm);
      ZcMaterialState state = zc_reception_material_get_state (rm);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "state", zc_material_state_to_string (state));
      if (state == ZC_MATERIAL_STATE_EXEMPT && licence != NULL)
        {
          JsonObject *ref = json_object_new ();

          json_object_set_string_member (ref, "type", zc_licence_get_licence_type (licence));
          json_object_set_string_member (ref, "number", zc_licence_get_number (licence));
          json_object_set_object_member (entry, "licence", ref);
        }
      json_object_set_object_member (states, zc_material_get_code (zc_reception_material_get_material (rm)), entry);
    }
  return states;
}

/* The stored states: {code: {"state", "licence"?, "note"?, "supplemented_at"?}} */
static JsonObject *
load_states (ZcServerApi *self,
             gint64       case_id)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT materials FROM cases WHERE id = ?1", NULL);
  g_autoptr(JsonNode) node = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, case_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        node = _zc_server_parse_stored (_zc_server_column_text (stmt, 0));
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

/* the stored object of one material (a bare state string of old rows
 * made into one) or NULL */
static JsonObject *
stored_of (JsonObject *states,
           const char *code)
{
  JsonNode *node = json_object_get_member (states, code);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "state", json_node_get_string (node));
      json_object_set_object_member (states, code, object);
      return object;
    }
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
add_material (ZcServerApi         *self,
              JsonBuilder         *builder,
              gint64               case_id,
              ZcReceptionMaterial *rm,
              JsonObject          *states)
{
  ZcMaterial *m = zc_reception_material_get_material (rm);
  JsonObject *stored = stored_of (states, zc_material_get_code (m));
  const char *state = stored ? json_object_get_string_member_with_default (stored, "state", NULL) : NULL;
  gboolean supplemented = stored != NULL && json_object_has_member (stored, "supplemented_at");
  JsonNode *licence = stored ? json_object_get_member (stored, "licence") : NULL;
  const char * const *matters = zc_material_get_matters (m);
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT id FROM documents WHERE case_id = ?1 AND material = ?2 ORDER BY id", NULL);

  if (stmt == NULL)
    return FALSE;
  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "code", zc_material_get_code (m));
  _zc_server_add_string (builder, "name", zc_material_get_name (m));
  _zc_server_add_string (builder, "party", zc_material_get_party (m));
  json_builder_set_member_name (builder, "matters");
  json_builder_begin_array (builder);
  for (guint i = 0; matters != NULL && matters[i] != NULL; i++)
    json_builder_add_string_value (builder, matters[i]);
  json_builder_end_array (builder);
  _zc_server_add_string (builder, "state", status_of (state, supplemented));
  json_builder_set_member_name (builder, "licence");
  if (licence != NULL && JSON_NODE_HOLDS_OBJECT (licence))
    json_builder_add_value (builder, json_node_copy (licence));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, zc_material_get_code (m));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  json_builder_end_array (builder);
  _zc_server_add_bool (builder, "tolerable", zc_material_get_tolerable (m));
  _zc_server_add_bool (builder, "commitment_allowed", zc_material_get_commitment_allowed (m));
  json_builder_end_object (builder);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_material_list (ZcServerApi *self,
                                 ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(ZcReception) reception = NULL;
  g_autoptr(JsonObject) states = NULL;
  ZcServerResponse *bad;
  GListModel *materials;
  gint64 id;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL ||
      (bad = _zc_server_check_case_access (self, ctx, id, NULL, NULL, NULL, NULL)) != NULL ||
      (bad = load_case_reception (self, id, &reception)) != NULL)
    return bad;
  states = load_states (self, id);
  materials = zc_reception_get_materials (reception);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "materials");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);

      if (!add_material (self, builder, id, rm, states))
        return _zc_server_db_error (self, NULL);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}

/* The contract's MaterialStatus values a client may set */
static const char *const material_statuses[] = {
  "required", "received", "exempt", "tolerated", "committed", "supplemented", NULL
};

/* The new stored state for @status, or an answer saying why not */
static ZcServerResponse *
decide (ZcReceptionMaterial *rm,
        ZcCaseState          case_state,
        const char          *current,
        const char          *status,
        const char         **stored)
{
  ZcMaterial *m = zc_reception_material_get_material (rm);
  gboolean open = case_state == ZC_CASE_STATE_DRAFT || case_state == ZC_CASE_STATE_RETURNED;

  if (case_state == ZC_CASE_STATE_RECEIVED)
    {
      /* after reception a material only arrives: 容缺 → 已补正 */
      if ((g_str_equal (status, "supplemented") || g_str_equal (status, "received")) &&
          zc_material_state_from_string (current) == ZC_MATERIAL_STATE_DEFERRED)
        {
          *stored = "received";
          return NULL;
        }
      return _zc_server_error (409, "conflict",
                               _("After reception only a tolerated (容缺) material can be supplied (已补正)."));
    }
  if (!open)
    return _zc_server_error (409, "conflict",
                             _("The materials of a closed case cannot change."));
  if (g_str_equal (status, "required"))
    *stored = "pending";
  else if (g_str_equal (status, "received"))
    *stored = "received";
  else if (g_str_equal (status, "exempt"))
    {
      if (zc_reception_material_get_status (rm) != ZC_MATERIAL_STATUS_EXEMPT)
        return _zc_server_error (422, "not_exempt",
                                 _("No valid electronic licence of its party replaces this material: it must be handed in."));
      *stored = "exempt";
    }
  else if (g_str_equal (status, "tolerated"))
    {
      if (!zc_material_get_tolerable (m))
        return _zc_server_error (422, "not_tolerable",
                                 _("This material may not be missing at reception (it is not 可容缺)."));
      *stored = "deferred";
    }
  else if (g_str_equal (status, "committed"))
    {
      if (!zc_material_get_commitment_allowed (m))
        return _zc_server_error (422, "commitment_not_allowed",
                                 _("A written commitment may not replace this material."));
      *stored = "committed";
    }
  else if (g_str_equal (status, "supplemented"))
    return _zc_server_error (409, "conflict",
                             _("A material is supplied (已补正) only after the case is received."));
  else
    return _zc_server_member_error ("state",
                                    _("The member “state” must be one of required, received, exempt, tolerated, committed, supplemented."));
  return NULL;
}

/* documents named must be this material's, of this case */
static ZcServerResponse *
check_documents (ZcServerApi *self,
                 ZcServerCtx *ctx,
                 gint64       case_id,
                 const char  *code)
{
  JsonNode *node = json_object_get_member (ctx->object, "documents");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _zc_server_member_error ("documents", _("The member “documents” must be an array of document ids."));
  array = json_node_get_array (node);
  stmt = zc_server_db_prepare (self->db,
    "SELECT 1 FROM documents WHERE id = ?1 AND case_id = ?2 AND material = ?3", NULL);
  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64)
        return _zc_server_member_error ("documents", _("The member “documents” must be an array of document ids."));
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, json_node_get_int (e));
      sqlite3_bind_int64 (stmt, 2, case_id);
      _zc_server_bind_text (stmt, 3, code);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return _zc_server_member_error ("documents", _("The member “documents” names a document that is not this material's."));
    }
  return NULL;
}

ZcServerResponse *
_zc_server_handle_material_set (ZcServerApi *self,
                                ZcServerCtx *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autoptr(JsonNode) states_node = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *states_text = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *case_state = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autoptr(ZcReception) reception = NULL;
  g_autoptr(ZcReceptionMaterial) rm = NULL;
  g_autoptr(JsonObject) states = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ZcServerResponse *bad = NULL;
  JsonObject *entry;
  const char *code = ctx->params[1];
  const char *idem;
  const char *status;
  const char *note;
  const char *stored = NULL;
  g_autofree char *current = NULL;
  g_autofree char *from_status = NULL;
  ZcCaseState cs;
  gint64 id;

  if ((bad = _zc_server_case_change_start (self, ctx, &id, &idem)) != NULL)
    return bad;
  status = _zc_server_get_string_member (ctx, "state", TRUE, &bad);
  if (bad != NULL)
    return bad;
  /* the request itself first: a state the contract lacks is 422 on
   * any case, before what the case allows (409) */
  if (!g_strv_contains (material_statuses, status))
    return _zc_server_member_error ("state",
                                    _("The member “state” must be one of required, received, exempt, tolerated, committed, supplemented."));
  note = _zc_server_get_string_member (ctx, "note", FALSE, &bad);
  if (bad != NULL)
    return bad;
  if (note != NULL && g_utf8_strlen (note, -1) > MAX_NOTE)
    return _zc_server_member_error ("note", _("The member “note” must be at most 500 characters."));

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, &case_state, NULL, NULL)) != NULL)
    return bad;
  cs = zc_case_state_from_string (case_state);
  if ((cs == ZC_CASE_STATE_DRAFT || cs == ZC_CASE_STATE_RETURNED) &&
      (bad = _zc_server_check_held_by_user (self, ctx, id)) != NULL)
    return bad;
  if ((bad = load_case_reception (self, id, &reception)) != NULL)
    return bad;
  rm = find_material (reception, code);
  if (rm == NULL)
    return _zc_server_error_printf (422, "unknown_material",
                                    _("“%s” is not a material this case asks for."), code);
  if ((bad = check_documents (self, ctx, id, code)) != NULL)
    return bad;

  states = load_states (self, id);
  /* a draft without states gets them all, as its reception sees them:
   * one state alone would hide the others from the case page
   * (zc_case_material_applies) */
  if (json_object_get_size (states) == 0 && cs == ZC_CASE_STATE_DRAFT)
    {
      json_object_unref (states);
      states = _zc_server_reception_states (reception);
    }
  entry = stored_of (states, code);
  current = g_strdup (entry ? json_object_get_string_member_with_default (entry, "state", "pending") : "pending");
  from_status = g_strdup (status_of (current, entry != NULL && json_object_has_member (entry, "supplemented_at")));
  if ((bad = decide (rm, cs, current, status, &stored)) != NULL)
    return bad;

  entry = json_object_new ();
  json_object_set_string_member (entry, "state", stored);
  if (g_str_equal (stored, "exempt"))
    {
      ZcLicence *licence = zc_reception_material_get_licence (rm);
      JsonObject *l = json_object_new ();

      json_object_set_string_member (l, "type", zc_licence_get_licence_type (licence));
      json_object_set_string_member (l, "number", zc_licence_get_number (licence));
      json_object_set_object_member (entry, "licence", l);
    }
  if (note != NULL)
    json_object_set_string_member (entry, "note", note);
  if (cs == ZC_CASE_STATE_RECEIVED)
    json_object_set_string_member (entry, "supplemented_at", now);
  json_object_set_object_member (states, code, entry);
  states_node = json_node_init_object (json_node_alloc (), states);
  states_text = _zc_server_node_to_string (states_node);

  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET materials = ?2, updated_at = ?3 WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, states_text);
  _zc_server_bind_text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);

  json_builder_begin_object (detail);
  _zc_server_add_string (detail, "material", code);
  _zc_server_add_string (detail, "material_name",
                         zc_material_get_name (zc_reception_material_get_material (rm)));
  json_builder_end_object (detail);
  detail_root = json_builder_get_root (detail);
  detail_text = _zc_server_node_to_string (detail_root);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "material.state", id, 0, applicant,
                               from_status, status_of (stored, cs == ZC_CASE_STATE_RECEIVED),
                               note, detail_text, &error))
    return _zc_server_db_error (self, error);

  /* a 容缺 material arriving (已收取 / 已补正) ends its commitment's wait */
  if (g_str_equal (stored, "received") &&
      !_zc_server_commitments_material_supplied (self, ctx, id, code, &error))
    return _zc_server_db_error (self, error);

  if (!add_material (self, builder, id, rm, states))
    return _zc_server_db_error (self, NULL);
  return _zc_server_commit_reply (self, ctx, idem, 200, builder);
}

/**
 * _zc_server_materials_supplied_by_document:
 *
 * Inside the transaction of a document upload for material @code of
 * @case_id: on a received case a tolerated (容缺) material becomes
 * 已补正 (received, supplemented_at now, a material.state event), and
 * every open 容缺 commitment naming it hears that it was supplied.
 */
gboolean
_zc_server_materials_supplied_by_document (ZcServerApi  *self,
                                           ZcServerCtx  *ctx,
                                           gint64        case_id,
                                           const char   *code,
                                           ZcCaseState   case_state,
                                           const char   *applicant,
                                           GError      **error)
{
  g_autoptr(JsonObject) states = NULL;
  JsonObject *entry;

  if (case_state == ZC_CASE_STATE_RECEIVED &&
      (entry = stored_of ((states = load_states (self, case_id)), code)) != NULL &&
      zc_material_state_from_string (json_object_get_string_member_with_default (entry, "state", "pending"))
        == ZC_MATERIAL_STATE_DEFERRED)
    {
      g_autofree char *now = zc_server_db_now_iso (self->db);
      g_autofree char *states_text = NULL;
      g_autofree char *detail = NULL;
      g_autoptr(JsonNode) states_node = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      JsonObject *supplied = json_object_new ();

      json_object_set_string_member (supplied, "state", "received");
      json_object_set_string_member (supplied, "supplemented_at", now);
      json_object_set_object_member (states, code, supplied);
      states_node = json_node_init_object (json_node_alloc (), states);
      states_text = _zc_server_node_to_string (states_node);
      stmt = zc_server_db_prepare (self->db,
        "UPDATE cases SET materials = ?2, updated_at = ?3 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, case_id);
      _zc_server_bind_text (stmt, 2, states_text);
      _zc_server_bind_text (stmt, 3, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return zc_server_db_set_error (self->db, error);
      detail = g_strdup_printf ("{\"material\":\"%s\",\"by\":\"document\"}",
                                g_str_is_ascii (code) && !strpbrk (code, "\"\\") ? code : "");
      if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                   ctx->user->window, "material.state", case_id, 0, applicant,
                                   status_of ("deferred", FALSE), status_of ("received", TRUE),
                                   NULL, detail, error))
        return FALSE;
    }
  return _zc_server_commitments_material_supplied (self, ctx, case_id, code, error);
}
