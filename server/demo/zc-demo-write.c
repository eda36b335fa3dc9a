/* zc-demo-write.c — writing the generated demo into SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"

#include "zc-commitment-rules.h"
#include "zc-json.h"
#include "zc-server-api.h"
#include "zc-server-auth.h"

/* ------------------------------------------------------------------ */
/* Writing                                                              */
/* ------------------------------------------------------------------ */

static gboolean
step (ZcServerDb    *db,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (db, error);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
demo_write_catalogue (DemoLoad  *self,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db, "INSERT INTO catalogue_items (code, position, json) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (self->items, i);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), item);
      g_autofree char *json = zc_json_to_data (node, FALSE, NULL);

      bind_text (stmt, 1, demo_member_string (item, "code"));
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, json);
      if (!step (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
demo_write_users (DemoLoad  *self,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db,
                          "INSERT INTO users (username, password_hash, role, display_name, window, department) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->users->len; i++)
    {
      DemoUser *u = g_ptr_array_index (self->users, i);

      if (u->password_hash == NULL)
        u->password_hash = zc_server_hash_password (DEMO_PASSWORD);
      if (u->password_hash == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot hash the demo password"));
          return FALSE;
        }
      bind_text (stmt, 1, u->username);
      bind_text (stmt, 2, u->password_hash);
      bind_text (stmt, 3, u->role);
      bind_text (stmt, 4, u->display_name);
      bind_text (stmt, 5, u->window);
      bind_text (stmt, 6, u->department);
      if (!step (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean demo_write_credit (DemoLoad *self, GError **error);

gboolean
demo_write_applicants (DemoLoad  *self,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) sa = NULL;
  g_autoptr(sqlite3_stmt) sp = NULL;
  g_autoptr(sqlite3_stmt) sl = NULL;

  sa = zc_server_db_prepare (self->db,
                             "INSERT INTO applicants (key, kind, name, phone, address, serious_credit_breach) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (sa == NULL)
    return FALSE;
  sp = zc_server_db_prepare (self->db,
                             "INSERT OR IGNORE INTO parties (applicant, role, party_key) VALUES (?1, ?2, ?3)", error);
  if (sp == NULL)
    return FALSE;
  sl = zc_server_db_prepare (self->db,
                             "INSERT INTO licences (type, number, holder, holder_name, issuer, issued_on, "
                             "valid_until, revoked, fields, photo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                             error);
  if (sl == NULL)
    return FALSE;

  for (guint i = 0; i < self->applicants->len; i++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, i);

      bind_text (sa, 1, a->key);
      bind_text (sa, 2, a->enterprise ? "enterprise" : "person");
      bind_text (sa, 3, a->name);
      bind_text (sa, 4, a->phone);
      bind_text (sa, 5, a->address);
      sqlite3_bind_int (sa, 6, a->breach ? 1 : 0);
      if (!step (self->db, sa, error))
        return FALSE;
    }

  for (guint i = 0; i < self->applicants->len; i++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, i);

      for (guint k = 0; k < a->parties->len; k++)
        {
          DemoParty *p = &g_array_index (a->parties, DemoParty, k);

          bind_text (sp, 1, a->key);
          bind_text (sp, 2, p->role);
          bind_text (sp, 3, p->party->key);
          if (!step (self->db, sp, error))
            return FALSE;
        }
      for (guint k = 0; k < a->licences->len; k++)
        {
          DemoLicence *l = g_ptr_array_index (a->licences, k);
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), l->fields);
          g_autofree char *fields = zc_json_to_data (node, FALSE, NULL);

          bind_text (sl, 1, l->type);
          bind_text (sl, 2, l->number);
          bind_text (sl, 3, a->key);
          bind_text (sl, 4, a->name);
          bind_text (sl, 5, l->issuer);
          bind_text (sl, 6, demo_iso (self, &l->issued_on));
          bind_text (sl, 7, g_date_valid (&l->valid_until) ? demo_iso (self, &l->valid_until) : NULL);
          sqlite3_bind_int (sl, 8, l->revoked ? 1 : 0);
          bind_text (sl, 9, fields);
          if (l->photo != NULL)
            {
              gsize size;
              gconstpointer data = g_bytes_get_data (l->photo, &size);

              sqlite3_bind_blob (sl, 10, data, (int) size, SQLITE_STATIC);
            }
          else
            sqlite3_bind_null (sl, 10);
          if (!step (self->db, sl, error))
            return FALSE;
        }
    }
  return demo_write_credit (self, error);
}

/* The credit records that bar 告知承诺 (zc-server-commitments.c): one
 * serious breach record per applicant flagged so, and DEMO_FALSE_COMMITMENTS
 * persons without a breach who made a false commitment before (chosen by
 * their place in the register, not by chance: tests/server/test-demo.c
 * counts them exactly). */
#define DEMO_FALSE_COMMITMENTS 3

static gboolean
demo_write_credit (DemoLoad  *self,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) sc = NULL;
  guint false_commitments = 0;

  sc = zc_server_db_prepare (self->db,
                             "INSERT INTO credit_records (applicant, kind, description, since) "
                             "VALUES (?1, ?2, ?3, ?4)", error);
  if (sc == NULL)
    return FALSE;
  for (guint i = 0; i < self->applicants->len; i++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, i);
      const char *kind = NULL;
      const char *description = NULL;
      GDate since;

      if (a->breach)
        {
          kind = "serious_breach";
          description = a->enterprise ? "列入严重失信主体名单（行政处罚信息）" : "列入严重失信主体名单（拒不履行法院判决）";
          demo_days_from_today (self, &since, -(int) (40 + (i % 7) * 30));
        }
      else if (!a->enterprise && i % 37 == 11 && false_commitments < DEMO_FALSE_COMMITMENTS)
        {
          kind = "false_commitment";
          description = "虚假承诺：告知承诺事后核查发现承诺内容与实际不符";
          demo_days_from_today (self, &since, -(int) (60 + false_commitments * 45));
          false_commitments++;
        }
      if (kind == NULL)
        continue;
      bind_text (sc, 1, a->key);
      bind_text (sc, 2, kind);
      bind_text (sc, 3, description);
      bind_text (sc, 4, demo_iso (self, &since));
      if (!step (self->db, sc, error))
        return FALSE;
    }
  return TRUE;
}

/* Material @code of case @c marked @state (deferred: 容缺, committed:
 * 告知承诺) by commitment @commitment_id, as POST /cases/{id}/commitments
 * marks it (zc-server-commitments.c, mark_materials) */
static gboolean
mark_material (DemoLoad    *self,
               DemoCase    *c,
               const char  *code,
               const char  *state,
               gint64       commitment_id,
               const char  *deadline,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db,
                          "UPDATE cases SET materials = json_set (coalesce (materials, '{}'), "
                          "'$.\"' || ?2 || '\"', json_object ('state', ?3, 'commitment_id', ?4)) WHERE id = ?1",
                          error);
  g_autoptr(sqlite3_stmt) due = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  bind_text (stmt, 2, code);
  bind_text (stmt, 3, state);
  sqlite3_bind_int64 (stmt, 4, commitment_id);
  if (!step (self->db, stmt, error))
    return FALSE;
  if (deadline == NULL)
    return TRUE;
  due = zc_server_db_prepare (self->db,
                              "UPDATE cases SET materials = json_set (materials, '$.\"' || ?2 || '\".deadline', ?3) "
                              "WHERE id = ?1", error);
  if (due == NULL)
    return FALSE;
  sqlite3_bind_int64 (due, 1, c->id);
  bind_text (due, 2, code);
  bind_text (due, 3, deadline);
  return step (self->db, due, error);
}

/* A task waiting for a supplement (容缺) has its commitment: the first
 * tolerable material of the item its sub-matter needs, due 5 working
 * days after reception (never beyond the sub-matter's time limit),
 * signed on the pad at reception. A task whose sub-matter needs no
 * tolerable material does not wait. */
static gboolean
demo_write_tolerance (DemoLoad  *self,
                      DemoCase  *c,
                      GError   **error)
{
  JsonArray *materials = json_object_get_array_member (c->item, "materials");

  for (guint k = 0; k < c->tasks->len; k++)
    {
      DemoTask *t = g_ptr_array_index (c->tasks, k);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *code = NULL;
      g_autofree char *received = NULL;
      g_autofree char *materials_json = NULL;
      g_autofree char *departments_json = NULL;
      g_autofree char *signature = NULL;
      GDate reception, deadline;

      if (!t->awaiting)
        continue;
      for (guint m = 0; materials != NULL && m < json_array_get_length (materials) && code == NULL; m++)
        {
          JsonObject *mo = json_array_get_object_element (materials, m);
          JsonArray *needs = json_object_get_array_member (mo, "matters");

          /* only a material that applies to this case (its `when`, its
           * party): 容缺 of another would be refused when supplied */
          if (!json_object_get_boolean_member_with_default (mo, "tolerable", FALSE) || needs == NULL ||
              c->materials == NULL ||
              !g_ptr_array_find_with_equal_func (c->materials, json_object_get_string_member (mo, "code"),
                                                 g_str_equal, NULL))
            continue;
          for (guint n = 0; n < json_array_get_length (needs); n++)
            if (g_strcmp0 (json_array_get_string_element (needs, n), t->code) == 0)
              code = json_object_get_string_member (mo, "code");
        }
      g_date_clear (&reception, 1);
      g_date_clear (&deadline, 1);
      demo_sh_date_of (c->received, &reception);
      if (code == NULL ||
          !zc_calendar_add_working_days (self->calendar, &reception, MIN (5u, t->time_limit),
                                         &deadline, NULL, NULL))
        {
          t->awaiting = FALSE;
          continue;
        }
      received = demo_format_time (c->received);
      materials_json = g_strdup_printf ("[\"%s\"]", code);
      departments_json = g_strdup_printf ("[\"%s\"]", t->department);
      signature = g_strdup_printf ("{\"signer\":\"%s\",\"signed_at\":\"%s\",\"method\":\"signature_pad\"}",
                                   c->applicant->key, received);
      stmt = zc_server_db_prepare (self->db,
                                   "INSERT INTO commitments (case_id, kind, materials, departments, deadline, "
                                   "state, signature, created_at, created_by, updated_at) "
                                   "VALUES (?1, 'tolerance', ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, c->id);
      bind_text (stmt, 2, materials_json);
      bind_text (stmt, 3, departments_json);
      bind_text (stmt, 4, demo_iso (self, &deadline));
      bind_text (stmt, 5, signature);
      bind_text (stmt, 6, received);
      bind_text (stmt, 7, c->clerk->username);
      if (!step (self->db, stmt, error))
        return FALSE;
      /* and the material is 容缺 on the case, as PUT …/materials/{code}
       * tolerated leaves it: supplying it later makes it 已补正 */
      if (!mark_material (self, c, code, "deferred", sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db)),
                          demo_iso (self, &deadline), error))
        return FALSE;
    }
  return TRUE;
}

/* The first material of @c's item that applies to the case, is needed
 * by task @t and may be replaced by a 告知承诺 there (core's rules, as
 * the platform checks a POST …/commitments), or NULL */
static const char *
committable_material (DemoLoad *self,
                      DemoCase *c,
                      DemoTask *t)
{
  JsonArray *materials = json_object_get_array_member (c->item, "materials");
  ZcCatalogueItem *item = g_hash_table_lookup (self->item_models, c->item_code);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;
  const ZcCreditFacts credit = { FALSE, FALSE };

  if (item == NULL)
    return NULL;
  for (guint k = 0; k < c->tasks->len; k++)
    g_strv_builder_add (builder, ((DemoTask *) g_ptr_array_index (c->tasks, k))->code);
  chosen = g_strv_builder_end (builder);

  for (guint m = 0; materials != NULL && m < json_array_get_length (materials); m++)
    {
      JsonObject *mo = json_array_get_object_element (materials, m);
      JsonArray *needs = json_object_get_array_member (mo, "matters");
      const char *code = json_object_get_string_member_with_default (mo, "code", NULL);

      if (!json_object_get_boolean_member_with_default (mo, "commitment_allowed", FALSE) || needs == NULL ||
          code == NULL || c->materials == NULL ||
          !g_ptr_array_find_with_equal_func (c->materials, code, g_str_equal, NULL))
        continue;
      for (guint n = 0; n < json_array_get_length (needs); n++)
        if (g_strcmp0 (json_array_get_string_element (needs, n), t->code) == 0)
          {
            ZcMaterial *material = zc_catalogue_item_find_material (item, code);

            if (material != NULL &&
                zc_commitment_check_eligible (ZC_COMMITMENT_KIND_COMMITMENT, item, material,
                                              (const char * const *) chosen, &credit, NULL))
              return code;
          }
    }
  return NULL;
}

/* One 告知承诺 (docs/domain.md: a written commitment replaces a material
 * marked 可告知承诺), so that the 承诺核查 page shows both kinds beside
 * the 容缺 of demo_write_tolerance: on the first received case with no
 * 容缺 whose applicant has no credit record (a serious breach or a false
 * commitment bars it), for a material of a sub-matter already approved —
 * its 事后核查 due then, as the platform sets it on approval, the
 * default number of working days after the approval day — else of one
 * still in review (not yet due). Signed on the pad at reception; the
 * material is committed on the case. */
static gboolean
demo_write_commitment (DemoLoad  *self,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) credit = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  DemoCase *chosen = NULL;
  DemoTask *task = NULL;
  const char *code = NULL;
  g_autofree char *received = NULL;
  g_autofree char *materials_json = NULL;
  g_autofree char *departments_json = NULL;
  g_autofree char *signature = NULL;
  const char *due_text = NULL;

  credit = zc_server_db_prepare (self->db, "SELECT 1 FROM credit_records WHERE applicant = ?1", error);
  if (credit == NULL)
    return FALSE;
  for (guint pass = 0; pass < 2 && chosen == NULL; pass++)
    for (guint i = 0; i < self->cases->len && chosen == NULL; i++)
      {
        DemoCase *c = g_ptr_array_index (self->cases, i);
        gboolean awaiting = FALSE;
        int rc;

        if (g_strcmp0 (c->state, "received") != 0 || c->applicant->breach)
          continue;
        for (guint k = 0; k < c->tasks->len; k++)
          awaiting = awaiting || ((DemoTask *) g_ptr_array_index (c->tasks, k))->awaiting;
        if (awaiting)
          continue;
        sqlite3_reset (credit);
        bind_text (credit, 1, c->applicant->key);
        rc = sqlite3_step (credit);
        if (rc == SQLITE_ROW)
          continue;
        if (rc != SQLITE_DONE)
          return zc_server_db_set_error (self->db, error);
        for (guint k = 0; k < c->tasks->len && chosen == NULL; k++)
          {
            DemoTask *t = g_ptr_array_index (c->tasks, k);

            if (g_strcmp0 (t->state, pass == 0 ? "approved" : "in_review") != 0 ||
                (code = committable_material (self, c, t)) == NULL)
              continue;
            chosen = c;
            task = t;
          }
      }
  if (chosen == NULL)
    return TRUE;

  if (g_str_equal (task->state, "approved"))
    {
      GDate approved, due;

      g_date_clear (&approved, 1);
      g_date_clear (&due, 1);
      demo_sh_date_of (task->updated ? task->updated : chosen->received, &approved);
      if (zc_commitment_verification_due (self->calendar, &approved, ZC_SERVER_DEFAULT_VERIFICATION_DAYS,
                                          &due, NULL, NULL))
        due_text = demo_iso (self, &due);
    }
  received = demo_format_time (chosen->received);
  materials_json = g_strdup_printf ("[\"%s\"]", code);
  departments_json = g_strdup_printf ("[\"%s\"]", task->department);
  signature = g_strdup_printf ("{\"signer\":\"%s\",\"signed_at\":\"%s\",\"method\":\"signature_pad\"}",
                               chosen->applicant->key, received);
  stmt = zc_server_db_prepare (self->db,
                               "INSERT INTO commitments (case_id, kind, materials, departments, verification_due, "
                               "verification_method, state, signature, created_at, created_by, updated_at) "
                               "VALUES (?1, 'commitment', ?2, ?3, ?4, 'written', 'open', ?5, ?6, ?7, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, chosen->id);
  bind_text (stmt, 2, materials_json);
  bind_text (stmt, 3, departments_json);
  bind_text (stmt, 4, due_text);
  bind_text (stmt, 5, signature);
  bind_text (stmt, 6, received);
  bind_text (stmt, 7, chosen->clerk->username);
  if (!step (self->db, stmt, error))
    return FALSE;
  return mark_material (self, chosen, code, "committed", sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db)),
                        NULL, error);
}

gboolean
demo_write_cases (DemoLoad  *self,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) sc = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  sqlite3 *handle = zc_server_db_get_handle (self->db);

  sc = zc_server_db_prepare (self->db,
                             "INSERT INTO cases (number, item, applicant, state, returned_from, window, clerk, "
                             "matters, form, parties, reason, created_at, received_at, updated_at, materials) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", error);
  if (sc == NULL)
    return FALSE;
  st = zc_server_db_prepare (self->db,
                             "INSERT INTO tasks (case_id, matter, matter_name, department, state, due_date, "
                             "due_provisional, awaiting_supplement, reason, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (st == NULL)
    return FALSE;

  for (guint i = 0; i < self->cases->len; i++)
    {
      DemoCase *c = g_ptr_array_index (self->cases, i);
      g_autoptr(JsonBuilder) mb = json_builder_new_immutable ();
      g_autoptr(JsonBuilder) pb = json_builder_new_immutable ();
      g_autoptr(JsonNode) mn = NULL;
      g_autoptr(JsonNode) pn = NULL;
      g_autoptr(JsonNode) fn = NULL;
      g_autofree char *matters = NULL;
      g_autofree char *parties = NULL;
      g_autofree char *form = NULL;
      g_autofree char *created = demo_format_time (c->created);
      g_autofree char *received = c->received ? demo_format_time (c->received) : NULL;
      g_autofree char *updated = demo_format_time (c->updated);
      g_autofree char *states = NULL;

      json_builder_begin_array (mb);
      for (guint k = 0; k < c->tasks->len; k++)
        json_builder_add_string_value (mb, ((DemoTask *) g_ptr_array_index (c->tasks, k))->code);
      json_builder_end_array (mb);
      mn = json_builder_get_root (mb);
      matters = zc_json_to_data (mn, FALSE, NULL);

      json_builder_begin_array (pb);
      for (guint k = 0; k < c->roles->len; k++)
        {
          json_builder_begin_object (pb);
          json_builder_set_member_name (pb, "role");
          json_builder_add_string_value (pb, g_ptr_array_index (c->roles, k));
          json_builder_set_member_name (pb, "key");
          json_builder_add_string_value (pb, ((DemoApplicant *) g_ptr_array_index (c->role_keys, k))->key);
          json_builder_end_object (pb);
        }
      json_builder_end_array (pb);
      pn = json_builder_get_root (pb);
      parties = zc_json_to_data (pn, FALSE, NULL);

      fn = json_node_init_object (json_node_alloc (), c->form);
      form = zc_json_to_data (fn, FALSE, NULL);

      bind_text (sc, 1, c->number);
      bind_text (sc, 2, c->item_code);
      bind_text (sc, 3, c->applicant->key);
      bind_text (sc, 4, c->state);
      bind_text (sc, 5, c->returned_from);
      bind_text (sc, 6, c->clerk->window);
      bind_text (sc, 7, c->clerk->username);
      bind_text (sc, 8, matters);
      bind_text (sc, 9, form);
      bind_text (sc, 10, parties);
      bind_text (sc, 11, c->reason);
      bind_text (sc, 12, created);
      bind_text (sc, 13, received);
      bind_text (sc, 14, updated);
      /* a received case has the state of every material that applied,
       * as the counter's reception records them */
      if (c->received && c->material_states != NULL)
        {
          g_autoptr(JsonNode) sn = json_node_init_object (json_node_alloc (), c->material_states);

          states = zc_json_to_data (sn, FALSE, NULL);
        }
      bind_text (sc, 15, states);
      if (!step (self->db, sc, error))
        return FALSE;
      c->id = sqlite3_last_insert_rowid (handle);

      if (!c->received)
        continue;   /* tasks exist once the case was received */
      if (!demo_write_tolerance (self, c, error))
        return FALSE;
      for (guint k = 0; k < c->tasks->len; k++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, k);
          g_autofree char *t_updated = demo_format_time (t->updated ? t->updated : c->received);

          sqlite3_bind_int64 (st, 1, c->id);
          bind_text (st, 2, t->code);
          bind_text (st, 3, t->name);
          bind_text (st, 4, t->department);
          bind_text (st, 5, t->state);
          bind_text (st, 6, demo_iso (self, &t->due));
          sqlite3_bind_int (st, 7, t->provisional ? 1 : 0);
          sqlite3_bind_int (st, 8, t->awaiting ? 1 : 0);
          bind_text (st, 9, t->reason);
          bind_text (st, 10, t_updated);
          if (!step (self->db, st, error))
            return FALSE;
          t->id = sqlite3_last_insert_rowid (handle);
        }
    }
  return demo_write_commitment (self, error);
}

/* Historical events carry the time they happened (zc_server_db_add_event
 * stamps the current time), so they are written here with the same
 * columns; the demo.load event itself goes through zc_server_db_add_event. */
gboolean
demo_write_events (DemoLoad  *self,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db,
                          "INSERT INTO events (at, actor, role, window, action, case_id, task_id, "
                          "subject, from_state, to_state, reason, detail) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->events->len; i++)
    {
      DemoEvent *e = g_ptr_array_index (self->events, i);
      g_autofree char *at = demo_format_time (e->at);

      bind_text (stmt, 1, at);
      bind_text (stmt, 2, e->actor);
      bind_text (stmt, 3, e->role);
      bind_text (stmt, 4, e->window);
      bind_text (stmt, 5, e->action);
      sqlite3_bind_int64 (stmt, 6, e->c->id);
      if (e->t != NULL)
        sqlite3_bind_int64 (stmt, 7, e->t->id);
      bind_text (stmt, 8, e->c->applicant->key);
      bind_text (stmt, 9, e->from);
      bind_text (stmt, 10, e->to);
      bind_text (stmt, 11, e->reason);
      if (strcmp (e->action, "case.create") == 0)
        {
          g_autofree char *detail = g_strdup_printf ("{\"item\":\"%s\",\"demo\":true}", e->c->item_code);

          /* item codes are plain ASCII identifiers; anything else is escaped by JSON-GLib */
          if (strpbrk (e->c->item_code, "\"\\") == NULL)
            bind_text (stmt, 12, detail);
        }
      if (!step (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}
