/* zc-server-case-flow.c — the flow of a case: claiming, releasing,
 * transitions and reception; idempotent replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-reception.h"

#include "zc-server-api-private.h"
#include "zc-server-upload.h"
#include "zc-server-validate.h"

#define RECEIVED_AT_MAX_DAYS 7

static GTimeZone *
china_time_zone (void)
{
  return zc_time_zone_china ();
}

typedef struct
{
  char *holder;
  char *display;
  char *window;
} Holder;

static void
holder_clear (Holder *h)
{
  g_clear_pointer (&h->holder, g_free);
  g_clear_pointer (&h->display, g_free);
  g_clear_pointer (&h->window, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Holder, holder_clear)

static gboolean
load_holder (ZcServerApi *self,
             gint64       case_id,
             Holder      *h)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT c.holder, u.display_name, u.window FROM cases c "
    "LEFT JOIN users u ON u.username = c.holder WHERE c.id = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  h->holder = _zc_server_column_dup (stmt, 0);
  h->display = _zc_server_column_dup (stmt, 1);
  h->window = _zc_server_column_dup (stmt, 2);
  return TRUE;
}

/* Someone other than the user holds the case */
static gboolean
held_by_other (const Holder *h,
               ZcServerCtx  *ctx)
{
  return h->holder != NULL && g_strcmp0 (h->holder, ctx->user->username) != 0;
}

/* 409 held_by_other naming the holder (display name and window) */
static ZcServerResponse *
held_by_other_response (const Holder *h)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *display = h->display ? h->display : h->holder;
  g_autofree char *message = NULL;

  if (h->window != NULL && *h->window != '\0')
    message = g_strdup_printf (_("This case is being edited by %s (%s)."), display, h->window);
  else
    message = g_strdup_printf (_("This case is being edited by %s."), display);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "code", "held_by_other");
  _zc_server_add_string (builder, "message", message);
  _zc_server_add_string (builder, "holder", h->holder);
  _zc_server_add_string (builder, "holder_display", display);
  _zc_server_add_string (builder, "holder_window", h->window);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (409, builder);
}

static ZcServerResponse *
check_not_held_by_other (ZcServerApi *self,
                         ZcServerCtx *ctx,
                         gint64       case_id)
{
  g_auto(Holder) h = { 0 };

  if (load_holder (self, case_id, &h) && held_by_other (&h, ctx))
    return held_by_other_response (&h);
  return NULL;
}

/* NULL when the user holds the case; else 409 not_held or held_by_other */
ZcServerResponse *
_zc_server_check_held_by_user (ZcServerApi *self,
                               ZcServerCtx *ctx,
                               gint64       case_id)
{
  g_auto(Holder) h = { 0 };

  if (!load_holder (self, case_id, &h))
    return _zc_server_db_error (self, NULL);
  if (h.holder == NULL)
    return _zc_server_error (409, "not_held",
                             _("Nobody holds this case: claim it before changing it."));
  if (held_by_other (&h, ctx))
    return held_by_other_response (&h);
  return NULL;
}

static gboolean
set_holder (ZcServerApi  *self,
            gint64        case_id,
            const char   *username,
            const char   *now,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET holder = ?2, held_since = ?3 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, username);
  _zc_server_bind_text (stmt, 3, username ? now : NULL);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  return TRUE;
}

/* What an Idempotency-Key is bound to (besides the user, a column of its
 * row): SHA-256 over method, path and the SHA-256 of the body. */
char *
_zc_server_request_fingerprint (ZcServerCtx *ctx)
{
  g_autoptr(GChecksum) body_sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const ZcServerRequest *request = ctx->request;
  gsize len = 0;
  const guchar *data = request->body ? g_bytes_get_data (request->body, &len) : NULL;

  if (data != NULL && len > 0)
    g_checksum_update (body_sum, data, (gssize) len);
  g_checksum_update (sum, (const guchar *) request->method, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) request->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  if (request->upload != NULL)
    {
      /* a document: its streamed bytes, and the query naming its
       * material, kind and name */
      g_checksum_update (sum, (const guchar *) (request->query ? request->query : ""), -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) zc_server_upload_get_sha256 (request->upload), -1);
      return g_strdup (g_checksum_get_string (sum));
    }
  g_checksum_update (sum, (const guchar *) g_checksum_get_string (body_sum), -1);
  return g_strdup (g_checksum_get_string (sum));
}

static ZcServerResponse *
key_reused_error (void)
{
  return _zc_server_error (422, "idempotency_key_reused",
                           _("This Idempotency-Key was already used for another request: "
                             "use a new key for a new request."));
}

/* An Idempotency-Key seen before: the first answer when the request is the
 * same one (user, method, path, body), 422 idempotency_key_reused when it
 * is another; NULL for a new key. @case_id is set (else 0) when the key
 * made a case (POST /cases): the caller answers with that case. */
ZcServerResponse *
_zc_server_lookup_key (ZcServerApi *self,
                       ZcServerCtx *ctx,
                       const char  *key,
                       gint64      *case_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *fingerprint = NULL;
  gboolean is_create = g_strcmp0 (ctx->request->method, "POST") == 0 &&
                       g_strcmp0 (ctx->request->path, ZC_SERVER_API_PREFIX "/cases") == 0;
  const char *stored;
  const char *body;

  *case_id = 0;
  if (key == NULL)
    return NULL;
  fingerprint = _zc_server_request_fingerprint (ctx);

  stmt = zc_server_db_prepare (self->db,
    "SELECT case_id, fingerprint FROM idempotency WHERE username = ?1 AND key = ?2", NULL);
  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  _zc_server_bind_text (stmt, 1, ctx->user->username);
  _zc_server_bind_text (stmt, 2, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      stored = _zc_server_column_text (stmt, 1);
      /* rows made before the binding know only that they made a case */
      if (!is_create || (stored != NULL && strcmp (stored, fingerprint) != 0))
        return key_reused_error ();
      *case_id = sqlite3_column_int64 (stmt, 0);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db,
    "SELECT status, body, fingerprint FROM idempotent_replies WHERE username = ?1 AND key = ?2", NULL);
  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  _zc_server_bind_text (stmt, 1, ctx->user->username);
  _zc_server_bind_text (stmt, 2, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  stored = _zc_server_column_text (stmt, 2);
  if (is_create || (stored != NULL && strcmp (stored, fingerprint) != 0))
    return key_reused_error ();
  body = _zc_server_column_text (stmt, 1);
  return _zc_server_response_new ((guint) sqlite3_column_int (stmt, 0), ZC_SERVER_JSON_TYPE,
                                  g_bytes_new (body, strlen (body)));
}

/* Idempotency-Key of transitions: the first answer, replayed. */
ZcServerResponse *
_zc_server_lookup_reply (ZcServerApi *self,
                         ZcServerCtx *ctx,
                         const char  *key)
{
  gint64 case_id;

  return _zc_server_lookup_key (self, ctx, key, &case_id);
}

/* The start of a change to the case of the path: its id, its
 * Idempotency-Key (@idem, NULL when none) and, for a key seen before,
 * the answer kept (its read audited). NULL when the change goes on. */
ZcServerResponse *
_zc_server_case_change_start (ZcServerApi  *self,
                              ZcServerCtx  *ctx,
                              gint64       *id,
                              const char  **idem)
{
  ZcServerResponse *bad = NULL;
  ZcServerResponse *replay;

  if ((bad = _zc_server_case_id_param (ctx, id)) != NULL)
    return bad;
  *idem = _zc_server_get_idempotency_key (ctx, &bad);
  if (bad)
    return bad;
  if ((replay = _zc_server_lookup_reply (self, ctx, *idem)) != NULL)
    return _zc_server_audited_case_response (self, ctx, "case.view", *id, replay);
  return NULL;
}

/* Stores the answer (inside the caller's transaction), commits and
 * returns it. */
ZcServerResponse *
_zc_server_commit_reply (ZcServerApi *self,
                         ZcServerCtx *ctx,
                         const char  *key,
                         guint        status,
                         JsonBuilder *builder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_builder_get_root (builder);
  g_autofree char *text = _zc_server_node_to_string (node);
  g_autofree char *now = zc_server_db_now_iso (self->db);

  if (key != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
        "INSERT INTO idempotent_replies (username, key, status, body, created_at, fingerprint) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &error);
      g_autofree char *fingerprint = _zc_server_request_fingerprint (ctx);

      if (stmt == NULL)
        return _zc_server_db_error (self, error);
      _zc_server_bind_text (stmt, 1, ctx->user->username);
      _zc_server_bind_text (stmt, 2, key);
      sqlite3_bind_int (stmt, 3, (int) status);
      _zc_server_bind_text (stmt, 4, text);
      _zc_server_bind_text (stmt, 5, now);
      _zc_server_bind_text (stmt, 6, fingerprint);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zc_server_db_error (self, NULL);
    }
  if (!_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_json_response (status, node);
}

/* ZC-YYYYMMDD-NNNNNN (docs/domain.md): six digits for the first 999,999
 * receptions of a day, seven after that (ZC-YYYYMMDD-1000000), so that
 * a busy day widens the number instead of failing every reception. */
#define CASE_SEQ_MAX 9999999

static ZcServerResponse *
next_case_number (ZcServerApi  *self,
                  const char   *day,
                  char        **number)
{
  g_autofree char *like = g_strdup_printf ("ZC-%s-%%", day);
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    /* the numeric maximum: as text, 999999 sorts after 1000000 */
    "SELECT max (CAST (substr (number, 13) AS INTEGER)) FROM cases WHERE number LIKE ?1", NULL);
  gint64 seq;

  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  _zc_server_bind_text (stmt, 1, like);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  seq = sqlite3_column_int64 (stmt, 0);   /* NULL (none yet) → 0 */
  if (seq < 0)
    seq = 0;
  if (seq >= CASE_SEQ_MAX)
    return _zc_server_error (503, "case_numbers_exhausted",
                             _("Every case number of the day is used: no more cases can be received today."));
  *number = g_strdup_printf ("ZC-%s-%06" G_GINT64_FORMAT, day, seq + 1);
  return NULL;
}

static ZcApplicant *
load_applicant (ZcServerApi  *self,
                const char   *key,
                GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (key == NULL || !_zc_server_build_applicant (self, builder, key, NULL, error))
    return NULL;
  node = json_builder_get_root (builder);
  return zc_applicant_new_from_json (node, error);
}

static const char *
problem_code (ZcReceptionError code)
{
  switch (code)
    {
    case ZC_RECEPTION_ERROR_REQUIRED:      return "required";
    case ZC_RECEPTION_ERROR_INVALID_VALUE: return "invalid_value";
    case ZC_RECEPTION_ERROR_PARTY_MISSING: return "party_missing";
    case ZC_RECEPTION_ERROR_NO_MATTER:     return "no_matter";
    case ZC_RECEPTION_ERROR_MATERIAL:      return "material_missing";
    case ZC_RECEPTION_ERROR_DRAFT:
    default:                               return "invalid_draft";
    }
}

/* 422 incomplete with every problem at once (一次性告知) */
static ZcServerResponse *
incomplete_response (GPtrArray *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "code", "incomplete");
  _zc_server_add_string (builder, "message",
                         _("The case is not complete: every problem is listed. Fix them, or record a deferred material or a commitment where the item allows it."));
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      ZcReceptionProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      _zc_server_add_string (builder, "field", problem->key);
      _zc_server_add_string (builder, "code", problem_code (problem->code));
      _zc_server_add_string (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (422, builder);
}

/* Is the case complete enough to be received? The app's own rules (core's
 * ZcReception, built from the catalogue item and the case's applicant,
 * parties, form, field sources and materials, on the reception date):
 * required fields filled and valid, needed parties named, every material
 * handed in, exempt, or recorded as 容缺/承诺. NULL when it is. */
static ZcServerResponse *
check_complete (ZcServerApi     *self,
                gint64           case_id,
                ZcCatalogueItem *item,
                const GDate     *reception_date)
{
  g_autoptr(ZcReception) reception = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  ZcServerResponse *bad;

  if ((bad = _zc_server_case_reception (self, case_id, item, reception_date, FALSE, &reception)) != NULL)
    return bad;
  problems = zc_reception_dup_problems (reception);
  if (problems->len == 0)
    return NULL;
  return incomplete_response (problems);
}

/* The case as core's ZcReception sees it (its applicant, parties, form,
 * field sources, materials and answers, on @reception_date): what
 * applies to it, what is missing. A response (db error, 409, 422) when
 * it cannot be built. @lenient: a stored form core refuses is left out
 * (what applies is still known) rather than answered 422. */
ZcServerResponse *
_zc_server_case_reception (ZcServerApi      *self,
                           gint64            case_id,
                           ZcCatalogueItem  *item,
                           const GDate      *reception_date,
                           gboolean          lenient,
                           ZcReception     **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;
  g_autoptr(ZcReception) reception = NULL;
  g_autoptr(JsonObject) saved = json_object_new ();
  g_autoptr(JsonNode) parties = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  static const struct { const char *member; int column; JsonNodeType type; } stored[] = {
    { "matters", 1, JSON_NODE_ARRAY },
    { "form", 2, JSON_NODE_OBJECT },
    { "field_sources", 4, JSON_NODE_OBJECT },
    { "materials", 5, JSON_NODE_OBJECT },
    { "answers", 6, JSON_NODE_OBJECT },
  };

  stmt = zc_server_db_prepare (self->db,
    "SELECT applicant, matters, form, parties, field_sources, materials, answers FROM cases WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);

  applicant = load_applicant (self, _zc_server_column_text (stmt, 0), &error);
  if (applicant == NULL)
    return error != NULL && error->domain == ZC_SERVER_DB_ERROR
      ? _zc_server_db_error (self, error)
      : _zc_server_error (409, "transition_not_allowed", _("The case's applicant is not in the register."));
  reception = zc_reception_new (item, applicant, reception_date);

  /* the parties first (their licences prefill), then what was recorded */
  parties = _zc_server_parse_stored (_zc_server_column_text (stmt, 3));
  if (parties != NULL && JSON_NODE_HOLDS_ARRAY (parties))
    {
      JsonArray *array = json_node_get_array (parties);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *party;
          g_autoptr(ZcApplicant) holder = NULL;
          const char *role, *key;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          party = json_node_get_object (node);
          role = json_object_get_string_member_with_default (party, "role", NULL);
          key = json_object_get_string_member_with_default (party, "key", NULL);
          if (role == NULL || key == NULL)
            continue;
          holder = load_applicant (self, key, NULL);
          if (holder != NULL)
            zc_reception_set_party (reception, role, holder);
        }
    }

  json_object_set_string_member (saved, "item", zc_catalogue_item_get_code (item));
  json_object_set_string_member (saved, "applicant", zc_applicant_get_key (applicant));
  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    {
      JsonNode *node = _zc_server_parse_stored (_zc_server_column_text (stmt, stored[i].column));

      if (node != NULL && JSON_NODE_TYPE (node) == stored[i].type &&
          g_str_equal (stored[i].member, "materials"))
        {
          /* stored as {code: {"state", "licence"?, "note"?}}; the draft
           * format is {code: state} */
          JsonObject *states = json_object_new ();
          JsonObjectIter iter;
          const char *code;
          JsonNode *value;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, &code, &value))
            if (JSON_NODE_HOLDS_OBJECT (value) &&
                json_object_get_string_member_with_default (json_node_get_object (value), "state", NULL) != NULL)
              json_object_set_string_member (states, code,
                                             json_object_get_string_member (json_node_get_object (value), "state"));
            else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
              json_object_set_string_member (states, code, json_node_get_string (value));
          json_object_set_object_member (saved, "materials", states);
          json_node_unref (node);
        }
      else if (node != NULL && JSON_NODE_TYPE (node) == stored[i].type)
        json_object_set_member (saved, stored[i].member, node);
      else if (node != NULL)
        json_node_unref (node);
    }
  /* what applies (materials) is still known when a stored form value is
   * one core refuses: without the form and its sources */
  if (lenient && !zc_reception_restore (reception, saved, NULL))
    {
      json_object_remove_member (saved, "form");
      json_object_remove_member (saved, "field_sources");
    }
  if (!zc_reception_restore (reception, saved, &error))
    {
      ZcReceptionProblem *problem = g_new0 (ZcReceptionProblem, 1);

      problems = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_reception_problem_free);
      problem->code = ZC_RECEPTION_ERROR_DRAFT;
      problem->subject = ZC_PROBLEM_SUBJECT_MATTERS;
      problem->message = g_strdup (error->message);
      g_ptr_array_add (problems, problem);
      return incomplete_response (problems);
    }
  *out = g_steal_pointer (&reception);
  return NULL;
}

/* Whether the chosen sub-matters (a JSON array) need @material */
static gboolean
material_needed (ZcMaterial *material,
                 JsonNode   *chosen)
{
  const char * const *needs = zc_material_get_matters (material);
  JsonArray *array = json_node_get_array (chosen);

  if (needs == NULL || needs[0] == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
          g_strv_contains (needs, json_node_get_string (e)))
        return TRUE;
    }
  return FALSE;
}

/* A material said 容缺 (deferred) or 告知承诺 (committed) stands only on a
 * signed commitment of that kind recorded on the case (POST
 * /cases/{id}/commitments) that still covers it: a word on the material
 * is not a promise. 422 commitment_not_recorded naming the first material
 * without one; NULL when every such material is covered (or on a database
 * error, then in @error). */
static ZcServerResponse *
check_commitments_recorded (ZcServerApi      *self,
                            gint64            case_id,
                            ZcCatalogueItem  *item,
                            JsonNode         *chosen,
                            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) covered = NULL;
  g_autoptr(JsonNode) materials = NULL;
  JsonObjectIter iter;
  const char *code;
  JsonNode *value;

  stmt = zc_server_db_prepare (self->db, "SELECT materials FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      zc_server_db_set_error (self->db, error);
      return NULL;
    }
  materials = _zc_server_parse_stored (_zc_server_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (materials == NULL || !JSON_NODE_HOLDS_OBJECT (materials))
    return NULL;

  covered = zc_server_db_prepare (self->db,
    "SELECT 1 FROM commitments k, json_each (k.materials) m "
    "WHERE k.case_id = ?1 AND k.kind = ?2 AND k.state IN ('open', 'overdue') AND m.value = ?3 "
    "AND m.value NOT IN (SELECT value FROM json_each (k.supplied))", error);
  if (covered == NULL)
    return NULL;

  json_object_iter_init (&iter, json_node_get_object (materials));
  while (json_object_iter_next (&iter, &code, &value))
    {
      const char *state = NULL;
      const char *kind;
      ZcMaterial *material = zc_catalogue_item_find_material (item, code);
      int rc;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        state = json_node_get_string (value);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        state = json_object_get_string_member_with_default (json_node_get_object (value), "state", NULL);
      if (g_strcmp0 (state, "deferred") == 0)
        kind = "tolerance";
      else if (g_strcmp0 (state, "committed") == 0)
        kind = "commitment";
      else
        continue;
      /* a material of a sub-matter left out is not asked for */
      if (material == NULL || !material_needed (material, chosen))
        continue;

      sqlite3_reset (covered);
      sqlite3_bind_int64 (covered, 1, case_id);
      _zc_server_bind_text (covered, 2, kind);
      _zc_server_bind_text (covered, 3, code);
      rc = sqlite3_step (covered);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        {
          zc_server_db_set_error (self->db, error);
          return NULL;
        }
      if (strcmp (kind, "tolerance") == 0)
        /* Translators: %s is a material, 健康证明 */
        return _zc_server_error_printf (422, "commitment_not_recorded",
                                        _("“%s” is marked 容缺 (to be supplied later), but the applicant has signed no 容缺 commitment for it on this case. Record the signed commitment first."),
                                        zc_material_get_name (material));
      /* Translators: %s is a material, 食品安全管理制度 */
      return _zc_server_error_printf (422, "commitment_not_recorded",
                                      _("“%s” is marked 告知承诺, but the applicant has signed no 告知承诺 for it on this case. Record the signed commitment first."),
                                      zc_material_get_name (material));
    }
  return NULL;
}

/* On reception: the number and one task per chosen sub-matter. Returns
 * a response on failure (calendar or data), NULL on success. */
static ZcServerResponse *
receive_case (ZcServerApi *self,
              ZcServerCtx *ctx,
              gint64       case_id,
              GDateTime   *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GTimeZone) tz = china_time_zone ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  g_autofree char *day = g_date_time_format (local, "%Y%m%d");
  g_autofree char *number = NULL;
  g_autofree char *now_iso = zc_server_db_format_time (now);
  g_autofree char *item_code = NULL;
  g_autofree char *matters_text = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(JsonNode) chosen = NULL;
  ZcCalendar *calendar;
  GDate reception;

  g_date_clear (&reception, 1);
  g_date_set_dmy (&reception, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));

  stmt = zc_server_db_prepare (self->db, "SELECT item, matters, number FROM cases WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    {
      /* received before (returned and back): keep number and tasks; a
       * 容缺 recorded while it was returned makes its tasks wait */
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!_zc_server_commitments_update_awaiting (self, case_id, &error))
        return _zc_server_db_error (self, error);
      return NULL;
    }
  item_code = _zc_server_column_dup (stmt, 0);
  matters_text = _zc_server_column_dup (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  item = _zc_server_load_item (self, item_code);
  chosen = _zc_server_parse_stored (matters_text);
  if (item == NULL || chosen == NULL || !JSON_NODE_HOLDS_ARRAY (chosen))
    return _zc_server_error (409, "transition_not_allowed",
                             _("The case's catalogue item or sub-matters are missing."));

  {
    ZcServerResponse *incomplete = check_complete (self, case_id, item, &reception);

    if (incomplete != NULL)
      return incomplete;
  }
  {
    /* 容缺 / 告知承诺 said of a material stand only where the rules allow
     * them (docs/domain.md, rules 4 and 5), whichever way they were set */
    ZcServerResponse *refused = _zc_server_commitments_check_case (self, case_id, item, &error);

    if (refused != NULL)
      return refused;
    if (error != NULL)
      return _zc_server_db_error (self, error);
  }
  {
    ZcServerResponse *unsigned_ = check_commitments_recorded (self, case_id, item, chosen, &error);

    if (unsigned_ != NULL)
      return unsigned_;
    if (error != NULL)
      return _zc_server_db_error (self, error);
  }

  calendar = _zc_server_get_calendar (self, &error);
  if (calendar == NULL)
    return _zc_server_error_printf (409, "transition_not_allowed",
                                    _("Due dates cannot be computed: %s"), error->message);

  {
    ZcServerResponse *failed = next_case_number (self, day, &number);

    if (failed != NULL)
      return failed;
  }

  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET number = ?2, received_at = ?3 WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, number);
  _zc_server_bind_text (stmt, 3, now_iso);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO tasks (case_id, matter, matter_name, department, state, due_date, "
    "due_provisional, awaiting_supplement, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, 0, ?7)", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (chosen)); i++)
    {
      JsonNode *code_node = json_array_get_element (json_node_get_array (chosen), i);
      const char *code;
      ZcMatter *matter;
      guint days;
      GDate due;
      gboolean provisional = FALSE;
      g_autofree char *due_text = NULL;

      if (!JSON_NODE_HOLDS_VALUE (code_node) || json_node_get_value_type (code_node) != G_TYPE_STRING)
        continue;
      code = json_node_get_string (code_node);
      matter = zc_catalogue_item_find_matter (item, code);
      if (matter == NULL)
        return _zc_server_error (409, "transition_not_allowed",
                                 _("A chosen sub-matter is no longer in the catalogue item."));

      days = zc_matter_get_time_limit_days (matter);
      if (days > 3650)
        days = 0;
      g_date_clear (&due, 1);
      if (!zc_calendar_add_working_days (calendar, &reception, days, &due,
                                         &provisional, &error))
        return _zc_server_error_printf (409, "transition_not_allowed",
                                        _("Due dates cannot be computed: %s"), error->message);
      due_text = zc_date_to_iso (&due);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, case_id);
      _zc_server_bind_text (stmt, 2, code);
      _zc_server_bind_text (stmt, 3, zc_matter_get_name (matter) ? zc_matter_get_name (matter) : code);
      _zc_server_bind_text (stmt, 4, zc_matter_get_department (matter) ? zc_matter_get_department (matter) : "");
      _zc_server_bind_text (stmt, 5, due_text);
      sqlite3_bind_int (stmt, 6, provisional ? 1 : 0);
      _zc_server_bind_text (stmt, 7, now_iso);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zc_server_db_error (self, NULL);
    }

  /* a task needing a tolerated material (容缺) waits for it */
  if (!_zc_server_commitments_update_awaiting (self, case_id, &error))
    return _zc_server_db_error (self, error);
  return NULL;
}

ZcServerResponse *
_zc_server_handle_case_transition (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  g_autofree char *now_iso = zc_server_db_format_time (now);
  g_autoptr(GDateTime) reception = g_date_time_ref (now);
  g_autofree char *applicant = NULL;
  g_autofree char *state = NULL;
  g_autofree char *returned_from = NULL;
  g_autofree char *number = NULL;
  g_autofree char *detail = NULL;
  const char *idem;
  const char *to_text;
  const char *reason;
  const char *received_text;
  ZcCaseState from, to, back;
  gint64 id;

  if ((bad = _zc_server_case_change_start (self, ctx, &id, &idem)) != NULL)
    return bad;
  to_text = _zc_server_get_string_member (ctx, "to", TRUE, &bad);
  if (bad)
    return bad;
  reason = _zc_server_get_bounded_string_member (ctx, "reason", FALSE, ZC_SERVER_MAX_REASON, &bad);
  if (bad)
    return bad;
  received_text = _zc_server_get_string_member (ctx, "received_at", FALSE, &bad);
  if (bad)
    return bad;
  if (received_text != NULL)
    {
      /* a reception made at the counter while the platform was away */
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (received_text, NULL);
      g_autoptr(GDateTime) latest = g_date_time_add_minutes (now, 5);
      g_autoptr(GDateTime) earliest = g_date_time_add_days (now, -RECEIVED_AT_MAX_DAYS);

      if (at == NULL || g_date_time_compare (at, latest) > 0 ||
          g_date_time_compare (at, earliest) < 0)
        return _zc_server_error_printf (422, "invalid_request",
                                        _("The member “received_at” must be an RFC 3339 time within the last %d days and not in the future."),
                                        RECEIVED_AT_MAX_DAYS);
      g_date_time_unref (reception);
      reception = g_date_time_to_utc (at);
    }
  to = zc_case_state_from_string (to_text);
  if (to == ZC_CASE_STATE_INVALID)
    return _zc_server_error (422, "invalid_request",
                             _("The member “to” names no case state."));

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, &state, &returned_from, &number)) != NULL)
    return bad;

  from = zc_case_state_from_string (state);
  back = returned_from ? zc_case_state_from_string (returned_from) : ZC_CASE_STATE_INVALID;
  if (!zc_case_transition_check (from, to, ctx->user->role, reason, back, &error))
    return _zc_server_error (409, "transition_not_allowed", error->message);
  if (ctx->user->role != ZC_ROLE_SUPERVISOR)
    {
      ZcServerResponse *held = check_not_held_by_other (self, ctx, id);

      if (held != NULL)
        return held;
    }

  if (to == ZC_CASE_STATE_RECEIVED)
    {
      ZcServerResponse *failed = receive_case (self, ctx, id, reception);

      if (failed != NULL)
        return failed;
    }

  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET state = ?2, reason = ?3, updated_at = ?4, "
    "returned_from = CASE WHEN ?2 = 'returned' THEN ?5 ELSE NULL END WHERE id = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, zc_case_state_to_string (to));
  _zc_server_bind_text (stmt, 3, reason && *reason ? reason : NULL);
  _zc_server_bind_text (stmt, 4, now_iso);
  _zc_server_bind_text (stmt, 5, state);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);

  /* withdrawn or refused: nothing is owed any more */
  if ((to == ZC_CASE_STATE_WITHDRAWN || to == ZC_CASE_STATE_NOT_ACCEPTED) &&
      !_zc_server_commitments_cancel_open (self, ctx, id, &error))
    return _zc_server_db_error (self, error);

  if (to == ZC_CASE_STATE_RECEIVED)
    {
      /* the counter's reception time (backdated by the outbox when the
       * platform was away) and when the platform got it */
      g_autoptr(JsonBuilder) d = json_builder_new ();
      g_autoptr(JsonNode) droot = NULL;
      g_autofree char *received_iso = zc_server_db_format_time (reception);

      json_builder_begin_object (d);
      _zc_server_add_string (d, "received_at", received_iso);
      _zc_server_add_string (d, "arrived_at", now_iso);
      json_builder_end_object (d);
      droot = json_builder_get_root (d);
      detail = _zc_server_node_to_string (droot);
    }
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.transition", id, 0, applicant,
                               state, zc_case_state_to_string (to),
                               reason && *reason ? reason : NULL, detail, &error))
    return _zc_server_db_error (self, error);
  /* back from a return with every task ended meanwhile: completed */
  if (to == ZC_CASE_STATE_RECEIVED && from == ZC_CASE_STATE_RETURNED &&
      !_zc_server_complete_if_done (self, id, applicant, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_commit_case_reply (self, ctx, idem, id);
}

ZcServerResponse *
_zc_server_handle_case_claim (ZcServerApi *self,
                              ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *number = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  const char *reason;
  gboolean takeover = FALSE;
  g_auto(Holder) h = { 0 };
  gint64 id;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  if (ctx->object != NULL && json_object_get_member (ctx->object, "takeover") != NULL)
    {
      JsonNode *t = json_object_get_member (ctx->object, "takeover");

      if (!JSON_NODE_HOLDS_VALUE (t) || json_node_get_value_type (t) != G_TYPE_BOOLEAN)
        return _zc_server_member_error ("takeover", _("The member “takeover” must be true or false."));
      takeover = json_node_get_boolean (t);
    }
  reason = _zc_server_get_bounded_string_member (ctx, "reason", FALSE, 500, &bad);
  if (bad)
    return bad;
  if (takeover && ctx->user->role != ZC_ROLE_SUPERVISOR)
    return _zc_server_error (403, "forbidden", _("Only a supervisor can take a case over."));

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, NULL, NULL, &number)) != NULL)
    return bad;
  if (!load_holder (self, id, &h))
    return _zc_server_db_error (self, NULL);

  if (!held_by_other (&h, ctx))
    {
      if (h.holder == NULL &&
          (!set_holder (self, id, ctx->user->username, now, &error) ||
           !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                    ctx->user->window, "case.claim", id, 0, NULL,
                                    NULL, NULL, NULL, NULL, &error)))
        return _zc_server_db_error (self, error);
    }
  else if (!takeover)
    return held_by_other_response (&h);
  else
    {
      g_autofree char *detail = NULL;
      g_autofree char *message = NULL;
      g_autoptr(JsonBuilder) d = json_builder_new ();
      g_autoptr(JsonNode) droot = NULL;

      if (reason == NULL || *reason == '\0')
        return _zc_server_member_error ("reason", _("A takeover needs a reason (e.g. shift change)."));
      json_builder_begin_object (d);
      _zc_server_add_string (d, "previous_holder", h.holder);
      json_builder_end_object (d);
      droot = json_builder_get_root (d);
      detail = _zc_server_node_to_string (droot);
      if (number != NULL)
        message = g_strdup_printf (_("%s took over case %s from you: %s"),
                                   ctx->user->display_name, number, reason);
      else
        {
          g_autofree char *draft = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          message = g_strdup_printf (_("%s took over draft case %s from you: %s"),
                                     ctx->user->display_name, draft, reason);
        }
      if (!_zc_server_add_notification (self, h.holder, "case.takeover", id,
                                        ctx->user->username, message, now, &error) ||
          !set_holder (self, id, ctx->user->username, now, &error) ||
          !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                   ctx->user->window, "case.takeover", id, 0, NULL,
                                   NULL, NULL, reason, detail, &error))
        return _zc_server_db_error (self, error);
    }
  /* the claim answers with the case in full, also to its holder */
  return _zc_server_commit_case_reply (self, ctx, NULL, id);
}

ZcServerResponse *
_zc_server_handle_case_release (ZcServerApi *self,
                                ZcServerCtx *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_auto(Holder) h = { 0 };
  ZcServerResponse *bad;
  gint64 id;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if ((bad = _zc_server_check_case_access (self, ctx, id, NULL, NULL, NULL, NULL)) != NULL)
    return bad;
  if (!load_holder (self, id, &h))
    return _zc_server_db_error (self, NULL);
  if (held_by_other (&h, ctx) && ctx->user->role != ZC_ROLE_SUPERVISOR)
    return held_by_other_response (&h);
  if (h.holder != NULL &&
      (!set_holder (self, id, NULL, now, &error) ||
       !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                ctx->user->window, "case.release", id, 0, NULL,
                                NULL, NULL, NULL, NULL, &error)))
    return _zc_server_db_error (self, error);
  if (!_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_empty_response (204);
}
