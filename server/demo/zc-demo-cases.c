/* zc-demo-cases.c — the demo's cases: the catalogue, who applies for what, their states, tasks and audit events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"
#include "zc-catalogue.h"

/* ------------------------------------------------------------------ */
/* Catalogue                                                            */
/* ------------------------------------------------------------------ */

gboolean
demo_load_catalogue (DemoLoad  *self,
                     GError   **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, "catalogue.json", NULL);
  const char *file = "catalogue.json";
  JsonNode *root;
  JsonArray *items;

  self->catalogue_parser = json_parser_new_immutable ();
  if (!json_parser_load_from_file (self->catalogue_parser, path, error))
    {
      g_prefix_error (error, _("Cannot read the demo data file %s: "), file);
      return FALSE;
    }
  root = json_parser_get_root (self->catalogue_parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    items = demo_member_array (json_node_get_object (root), "items");
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    items = json_node_get_array (root);
  else
    items = NULL;
  if (items == NULL)
    return demo_invalid_data (error, file, _("it holds no “items” list"));

  /* checked by core's parser, as the platform and the app check it */
  {
    g_autoptr(GError) parse_error = NULL;
    g_autoptr(GListModel) checked = zc_catalogue_parse (root, &parse_error);

    if (checked == NULL)
      return demo_invalid_data (error, file, parse_error->message);
  }
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (self->items, json_array_get_object_element (items, i));
  if (self->items->len == 0)
    return demo_invalid_data (error, file, _("it holds no items"));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Cases                                                                */
/* ------------------------------------------------------------------ */

static void
task_free (gpointer data)
{
  g_free (data);
}

void
demo_case_free (gpointer data)
{
  DemoCase *c = data;

  g_clear_pointer (&c->tasks, g_ptr_array_unref);
  g_clear_pointer (&c->roles, g_ptr_array_unref);
  g_clear_pointer (&c->role_keys, g_ptr_array_unref);
  g_clear_pointer (&c->form, json_object_unref);
  g_clear_pointer (&c->materials, g_ptr_array_unref);
  g_clear_pointer (&c->material_states, json_object_unref);
  g_free (c->number);
  g_free (c);
}

void
demo_event_free (gpointer data)
{
  DemoEvent *e = data;

  g_free (e->detail);
  g_free (e);
}

static DemoEvent *
add_event (DemoLoad   *self,
           GPtrArray  *events,
           gint64      at,
           const char *actor,
           const char *role,
           const char *window,
           const char *action,
           DemoCase   *c,
           DemoTask   *t,
           const char *from,
           const char *to,
           const char *reason)
{
  DemoEvent *e = g_new0 (DemoEvent, 1);

  e->at = at;
  e->seq = self->event_seq++;
  e->actor = actor;
  e->role = role;
  e->window = window;
  e->action = action;
  e->c = c;
  e->t = t;
  e->from = from;
  e->to = to;
  e->reason = reason;
  g_ptr_array_add (events, e);
  return e;
}

static gboolean
item_has_party (JsonObject *item,
                const char *role)
{
  JsonArray *parties = demo_member_array (item, "parties");

  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonNode *n = json_array_get_element (parties, i);

      if (JSON_NODE_HOLDS_OBJECT (n) && g_strcmp0 (demo_member_string (json_node_get_object (n), "role"), role) == 0)
        return TRUE;
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (n), role) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_adult (DemoLoad      *self,
          DemoApplicant *a)
{
  return !a->enterprise && demo_age_on (a, &self->today) >= 18;
}

gboolean
demo_is_working_age (DemoLoad      *self,
                     DemoApplicant *a)
{
  int age = a->enterprise ? 0 : demo_age_on (a, &self->today);

  return age >= 22 && age <= 60;
}

static gboolean
is_newborn_parent (DemoLoad      *self,
                   DemoApplicant *a)
{
  return !a->enterprise && (a->flags & F_NEWBORN_PARENT);
}

static gboolean
is_disabled_or_old (DemoLoad      *self,
                    DemoApplicant *a)
{
  return !a->enterprise && ((a->flags & F_DISABLED) || (demo_age_on (a, &self->today) >= 70 && demo_chance (self->rc, 0.2)));
}

/* insured, reaching the retirement age within two years or just reached */
static gboolean
is_retiring (DemoLoad      *self,
             DemoApplicant *a)
{
  int age = a->enterprise ? 0 : demo_age_on (a, &self->today);

  return (a->flags & F_INSURED) && !(a->flags & F_RETIRED) &&
         age >= a->retire_age - 2 && age <= a->retire_age;
}

/* insured, a few years from retirement */
static gboolean
is_near_retirement (DemoLoad      *self,
                    DemoApplicant *a)
{
  int age = a->enterprise ? 0 : demo_age_on (a, &self->today);

  return (a->flags & F_INSURED) && !(a->flags & F_RETIRED) && age >= a->retire_age - 3;
}

/* a parent whose child (party "child") enters primary or junior middle school */
static gboolean
is_parent_of_entrant (DemoLoad      *self,
                      DemoApplicant *a)
{
  DemoApplicant *kid = a->enterprise ? NULL : demo_find_party (a, "child");

  return kid != NULL && demo_entry_stage (kid, demo_enrolment_year (&self->today)) != NULL;
}

static gboolean
is_parent_of_pupil (DemoLoad      *self,
                    DemoApplicant *a)
{
  return !a->enterprise && demo_find_party (a, "child") != NULL;
}

static gboolean
is_rest_founder (DemoLoad      *self,
                 DemoApplicant *a)
{
  return a->flags & F_REST_FOUNDER;
}

static gboolean
is_trans_founder (DemoLoad      *self,
                  DemoApplicant *a)
{
  return a->flags & F_TRANS_FOUNDER;
}

static gboolean
is_founder (DemoLoad      *self,
            DemoApplicant *a)
{
  return a->flags & (F_REST_FOUNDER | F_TRANS_FOUNDER);
}

static gboolean
is_restaurant (DemoLoad      *self,
               DemoApplicant *a)
{
  return a->biz == BIZ_RESTAURANT;
}

static gboolean
is_transport (DemoLoad      *self,
              DemoApplicant *a)
{
  return a->biz == BIZ_TRANSPORT;
}

/* a penalty (every breach enterprise has one) published for three months or
 * more when the case comes (cases go back 90 days) */
static gboolean
is_breach_enterprise (DemoLoad      *self,
                      DemoApplicant *a)
{
  DemoLicence *penalty = a->enterprise ? demo_best_licence (a, "administrative_penalty_decision", &self->today) : NULL;

  return penalty != NULL && g_date_days_between (&penalty->issued_on, &self->today) >= 180;
}

static gboolean
is_bankrupt (DemoLoad      *self,
             DemoApplicant *a)
{
  return a->enterprise && (a->flags & F_BANKRUPT);
}

/* with a liquidation group filed (普通注销), or a small company without
 * penalties, bankruptcy or revocation (简易注销) */
static gboolean
is_deregistering (DemoLoad      *self,
                  DemoApplicant *a)
{
  if (!a->enterprise)
    return FALSE;
  if (a->flags & F_LIQUIDATING)
    return TRUE;
  return (a->biz == BIZ_TRADE || a->biz == BIZ_TRANSPORT) &&
         !(a->flags & (F_PENALTY | F_BANKRUPT | F_REVOKED)) && !a->breach && demo_chance (self->rc, 0.2);
}

static gboolean
is_enterprise (DemoLoad      *self,
               DemoApplicant *a)
{
  return a->enterprise;
}

/* 企业上市合法合规信息核查: an enterprise in listing guidance */
static gboolean
is_listing (DemoLoad      *self,
            DemoApplicant *a)
{
  return a->enterprise && (a->flags & F_LISTING);
}

DemoApplicant *
demo_pick_filtered (DemoLoad   *self,
                    DemoFilter  filter)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();

  for (guint k = 0; k < self->applicants->len; k++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, k);

      if (filter (self, a))
        g_ptr_array_add (matching, a);
    }
  if (matching->len == 0)
    return NULL;
  return g_ptr_array_index (matching, demo_rnd (self->rc, 0, (int) matching->len - 1));
}

static DemoApplicant *
pick_applicant (DemoLoad   *self,
                JsonObject *item)
{
  const char *name = demo_member_string (item, "name");
  gboolean enterprise = g_strcmp0 (demo_member_string (item, "subject"), "enterprise") == 0;
  DemoFilter filter;
  DemoApplicant *a;

  if (enterprise)
    {
      if (strstr (name, "上市") != NULL)
        filter = is_listing;
      else if (strstr (name, "餐饮") != NULL)
        filter = is_restaurant;
      else if (strstr (name, "运输") != NULL)
        filter = is_transport;
      else if (strstr (name, "信用修复") != NULL)
        filter = is_breach_enterprise;
      else if (strstr (name, "破产") != NULL)
        filter = is_bankrupt;
      else if (strstr (name, "注销") != NULL)
        filter = is_deregistering;
      else
        filter = is_enterprise;
    }
  else
    {
      if (strstr (name, "出生") != NULL)
        filter = is_newborn_parent;
      else if (strstr (name, "残疾") != NULL)
        filter = is_disabled_or_old;
      else if (strstr (name, "退休") != NULL)
        filter = is_retiring;
      else if (strstr (name, "入学") != NULL)
        filter = is_parent_of_entrant;
      else if (strstr (name, "餐饮") != NULL)
        filter = is_rest_founder;
      else if (strstr (name, "运输") != NULL)
        filter = is_trans_founder;
      else if (item_has_party (item, "legal_representative"))
        filter = is_founder;
      else
        filter = is_adult;
    }
  a = demo_pick_filtered (self, filter);
  if (a == NULL && filter == is_retiring)
    a = demo_pick_filtered (self, is_near_retirement);
  if (a == NULL && filter == is_parent_of_entrant)
    a = demo_pick_filtered (self, is_parent_of_pupil);
  if (a == NULL)
    a = demo_pick_filtered (self, enterprise ? is_enterprise : is_adult);
  return a;
}

/* a required field of @item is answered by @role */
static gboolean
item_needs_party (JsonObject *item,
                  const char *role)
{
  JsonArray *fields = demo_member_array (item, "fields");

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *n = json_array_get_element (fields, i);
      JsonObject *f = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;

      if (demo_member_bool (f, "required") && g_strcmp0 (demo_member_string (f, "party"), role) == 0)
        return TRUE;
    }
  return FALSE;
}

/* FALSE when a required field of the optional @matter names a licence the
 * applicant does not hold (no housing fund account: nothing to withdraw) */
static gboolean
matter_possible (DemoLoad      *self,
                 JsonObject    *item,
                 const char    *matter,
                 DemoApplicant *a)
{
  JsonArray *fields = demo_member_array (item, "fields");

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *n = json_array_get_element (fields, i);
      JsonObject *f = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      JsonObject *source = demo_member_object (f, "source");
      const char *party = demo_member_string (f, "party");
      const char *type = demo_member_string (source, "licence_type");

      if (type == NULL || !demo_member_bool (f, "required") ||
          (party != NULL && strcmp (party, "applicant") != 0) ||
          !demo_strv_array_contains (demo_member_array (f, "matters"), matter))
        continue;
      if (demo_best_licence (a, type, &self->today) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
set_case_parties (DemoLoad *self,
                  DemoCase *c)
{
  JsonArray *parties = demo_member_array (c->item, "parties");
  DemoApplicant *a = c->applicant;

  c->roles = g_ptr_array_new ();
  c->role_keys = g_ptr_array_new ();
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonNode *n = json_array_get_element (parties, i);
      const char *role = NULL;
      DemoApplicant *p;

      if (JSON_NODE_HOLDS_OBJECT (n))
        role = demo_member_string (json_node_get_object (n), "role");
      else if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        role = json_node_get_string (n);
      if (role == NULL || strcmp (role, "applicant") == 0)
        continue;

      p = demo_find_party (a, role);
      /* a person the form needs, e.g. the bankruptcy administrator's head */
      if (p == NULL && strcmp (role, "agent") == 0 && a->enterprise && item_needs_party (c->item, role))
        p = demo_pick_filtered (self, demo_is_working_age);
      if (p == NULL && strcmp (role, "agent") == 0 && a->enterprise && demo_chance (self->rc, 0.8))
        p = demo_chance (self->rc, 0.3) && a->legal_rep ? a->legal_rep : demo_pick_filtered (self, demo_is_working_age);
      else if (p == NULL && strcmp (role, "agent") == 0 &&
               (strcmp (c->clerk->role, "helper") == 0 || (!a->enterprise && demo_age_on (a, &self->today) >= 70)))
        p = a->spouse && demo_age_on (a->spouse, &self->today) < 75 ? a->spouse : demo_pick_filtered (self, demo_is_working_age);
      if (p == NULL && strcmp (role, "mother") == 0 && !a->enterprise && !a->male)
        p = a;
      if (p == NULL && strcmp (role, "father") == 0 && !a->enterprise && a->male)
        p = a;
      if (p == NULL && (strcmp (role, "mother") == 0 || strcmp (role, "father") == 0) && a->spouse)
        p = a->spouse;
      if (p == NULL && strcmp (role, "household_head") == 0 && !a->enterprise)
        p = a->head;
      if (p == NULL && strcmp (role, "legal_representative") == 0 && !a->enterprise)
        p = a;
      if (p == NULL)
        continue;
      g_ptr_array_add (c->roles, (gpointer) role);
      g_ptr_array_add (c->role_keys, p);
    }
}

static const char *
pick_reason (GRand *r,
             const char * const *reasons,
             gsize n)
{
  return demo_pick_array (r, reasons, n);
}

static const char * const not_accepted_reasons[] = {
  "申请事项不属于本级受理范围，已告知申请人向有权机关申请",
  "经营场所位于禁止设立餐饮服务的区域，不符合法定条件",
  "申请材料存在实质性错误，申请人不能当场补正",
  "申请人所持居民身份证已过有效期，无法核验身份",
  "申请人存在严重失信记录，不适用告知承诺，且不能当场提交全部材料",
  "申请人不具备申请资格",
};
static const char * const withdrawn_reasons[] = {
  "申请人主动申请撤回：经营场所变更，需重新选址",
  "申请人主动申请撤回：拟暂缓办理",
  "申请人因个人原因申请撤回",
  "申请人需先办理变更登记，撤回后重新申请",
};
static const char * const returned_reasons[] = {
  "表单中经营场所面积与不动产权证书记载不一致，请核对后补正",
  "缺少申请人签字的告知承诺书，请补正",
  "食品安全管理人员健康证明已过期，请更换人员或补交有效证明",
  "申请材料扫描件不清晰，请重新扫描",
  "子事项选择有误，请与申请人确认后补正",
};
static const char * const denied_reasons[] = {
  "经现场核查，经营场所不符合食品安全要求",
  "消防安全检查不合格：疏散通道被占用",
  "招牌设置位置不符合城市容貌标准",
  "排水设施不符合排放要求",
  "申请人不符合待遇享受条件",
};

/* the task's history up to @state; returns the time of its last move */
static gint64
task_history (DemoLoad   *self,
              GPtrArray  *events,
              DemoCase   *c,
              DemoTask   *t,
              gint64      lo,
              gint64      hi)
{
  static const char * const chain[] = { "pending", "in_review", "approved", "result_issued" };
  const char *role = "department";
  gint64 times[3];
  guint steps;

  if (strcmp (t->state, "pending") == 0)
    steps = 0;
  else if (strcmp (t->state, "in_review") == 0)
    steps = 1;
  else if (strcmp (t->state, "approved") == 0 || strcmp (t->state, "denied") == 0)
    steps = 2;
  else
    steps = 3;
  if (steps == 0)
    return lo;

  demo_random_times (self->rc, lo, hi, steps, times);
  for (guint s = 0; s < steps; s++)
    {
      const char *to = chain[s + 1];

      if (s == 1 && strcmp (t->state, "denied") == 0)
        to = "denied";
      add_event (self, events, times[s], t->dept_user, role, NULL, "task.transition",
                 c, t, chain[s], to, strcmp (to, "denied") == 0 ? t->reason : NULL);
    }
  return times[steps - 1];
}

static gboolean
working_day (DemoLoad    *self,
             const GDate *date,
             gboolean    *ok)
{
  gboolean working = FALSE;

  *ok = zc_calendar_is_working_day (self->calendar, date, &working, NULL, NULL);
  return *ok && working;
}

/* Plans one case; NULL when the calendar cannot place it (skipped). */
static DemoCase *
plan_case (DemoLoad  *self,
           GPtrArray *events)
{
  GRand *r = self->rc;
  DemoCase *c = g_new0 (DemoCase, 1);
  JsonArray *matters;
  g_autoptr(GHashTable) groups = NULL;
  GDate day, reception;
  gint64 midnight, lo, hi, t_final = 0;
  int d, roll, max_days;
  gboolean ok;
  double rate;

  c->tasks = g_ptr_array_new_with_free_func (task_free);
  /* one case per applicant and item where the pool allows; an item whose
   * few applicants all have one yields to another item */
  for (guint tries = 0, found = FALSE; !found && tries < 4; tries++)
    {
      c->item = g_ptr_array_index (self->items, demo_rnd (r, 0, (int) self->items->len - 1));
      c->item_code = demo_member_string (c->item, "code");
      for (guint attempt = 0; attempt < 12; attempt++)
        {
          g_autofree char *pair = NULL;

          c->applicant = pick_applicant (self, c->item);
          if (c->applicant == NULL)
            goto skip;
          pair = g_strconcat (c->item_code, "\n", c->applicant->key, NULL);
          if (!g_hash_table_contains (self->case_pairs, pair))
            {
              g_hash_table_add (self->case_pairs, (gpointer) demo_keep (self, g_steal_pointer (&pair)));
              found = TRUE;
              break;
            }
        }
    }
  /* a newborn's case comes after the birth certificate */
  max_days = DEMO_DAYS_BACK - 1;
  if (strstr (demo_member_string (c->item, "name"), "出生") != NULL)
    {
      DemoApplicant *mother = c->applicant->male ? c->applicant->spouse : c->applicant;
      DemoLicence *bc = mother ? demo_best_licence (mother, "birth_certificate", &self->today) : NULL;

      if (bc != NULL)
        max_days = MIN (max_days, g_date_days_between (&bc->issued_on, &self->today_sh));
      if (max_days < 0)
        goto skip;
    }
  if (!c->applicant->enterprise &&
      ((c->applicant->flags & F_DISABLED) || demo_age_on (c->applicant, &self->today) >= 70) &&
      demo_chance (r, 0.45))
    c->clerk = g_ptr_array_index (self->clerks, 1);   /* helper */
  else
    c->clerk = g_ptr_array_index (self->clerks, demo_rnd (r, 0, (int) self->clerks->len - 1));

  /* creation: a working day of the last 90, in office hours, before now */
  for (guint attempt = 0; ; attempt++)
    {
      if (attempt > 50)
        goto skip;
      d = (int) floor (pow (g_rand_double (r), 1.15) * (max_days + 1));
      day = self->today_sh;
      g_date_subtract_days (&day, (guint) d);
      if (!working_day (self, &day, &ok))
        {
          if (!ok)
            goto skip;
          continue;
        }
      midnight = demo_sh_midnight (&day);
      c->created = midnight + 8 * 3600 + 1800 + demo_rnd (r, 0, 8 * 3600);
      if (c->created <= self->now - 3600)
        break;
    }

  /* state by age */
  roll = demo_rnd (r, 0, 99);
  if (d <= 3)
    c->state = roll < 50 ? "draft" : roll < 85 ? "received" : roll < 90 ? "not_accepted" : roll < 96 ? "returned" : "withdrawn";
  else if (d <= 30)
    c->state = roll < 6 ? "draft" : roll < 50 ? "received" : roll < 82 ? "completed" : roll < 89 ? "not_accepted"
             : roll < 95 ? "withdrawn" : "returned";
  else
    c->state = roll < 1 ? "draft" : roll < 9 ? "received" : roll < 83 ? "completed" : roll < 91 ? "not_accepted"
             : roll < 97 ? "withdrawn" : "returned";
  if (strcmp (c->state, "returned") == 0)
    c->returned_from = demo_chance (r, 0.5) ? "draft" : "received";

  /* matters: all required ones, some optional ones — of an exclusive
   * group (社会保障卡 申领/补换领/挂失) one at most, as the reception keeps */
  matters = demo_member_array (c->item, "matters");
  groups = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (matters); i++)
    {
      JsonObject *m = json_array_get_object_element (matters, i);
      const char *group = json_object_get_string_member_with_default (m, "exclusive", NULL);
      DemoTask *t;

      if (demo_member_bool (m, "optional") &&
          (!demo_chance (r, 0.55) || !matter_possible (self, c->item, demo_member_string (m, "code"), c->applicant)))
        continue;
      if (group != NULL && !g_hash_table_add (groups, (gpointer) group))
        continue;
      t = g_new0 (DemoTask, 1);
      t->matter = m;
      t->code = demo_member_string (m, "code");
      t->name = demo_member_string (m, "name");
      t->department = demo_member_string (m, "department");
      t->dept_user = g_hash_table_lookup (self->dept_users, t->department);
      t->time_limit = (guint) demo_member_int (m, "time_limit_days", 0);
      t->state = "pending";
      g_ptr_array_add (c->tasks, t);
    }
  if (c->tasks->len == 0)
    {
      /* only optional matters: take the first */
      JsonObject *m = json_array_get_object_element (matters, 0);
      DemoTask *t = g_new0 (DemoTask, 1);

      t->matter = m;
      t->code = demo_member_string (m, "code");
      t->name = demo_member_string (m, "name");
      t->department = demo_member_string (m, "department");
      t->dept_user = g_hash_table_lookup (self->dept_users, t->department);
      t->time_limit = (guint) demo_member_int (m, "time_limit_days", 0);
      t->state = "pending";
      g_ptr_array_add (c->tasks, t);
    }

  /* reception and due dates */
  if (strcmp (c->state, "received") == 0 || strcmp (c->state, "completed") == 0 ||
      strcmp (c->state, "withdrawn") == 0 || g_strcmp0 (c->returned_from, "received") == 0)
    {
      c->received = c->created + demo_rnd (r, 300, 2700);
      if (c->received > self->now - 600)
        c->received = MAX (c->created + 60, self->now - 600);
      demo_sh_date_of (c->received, &reception);
      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);

          g_date_clear (&t->due, 1);
          if (!zc_calendar_add_working_days (self->calendar, &reception, t->time_limit,
                                             &t->due, &t->provisional, NULL))
            goto skip;
        }
    }

  set_case_parties (self, c);

  /* the history */
  add_event (self, events, c->created, c->clerk->username, c->clerk->role, c->clerk->window,
             "case.create", c, NULL, NULL, "draft", NULL);
  c->updated = c->created;
  if (c->received)
    {
      add_event (self, events, c->received, c->clerk->username, c->clerk->role, c->clerk->window,
                 "case.transition", c, NULL, "draft", "received", NULL);
      c->updated = c->received;
    }

  if (strcmp (c->state, "not_accepted") == 0)
    {
      c->reason = pick_reason (r, not_accepted_reasons, G_N_ELEMENTS (not_accepted_reasons));
      c->updated = MIN (c->created + demo_rnd (r, 300, 3600), self->now - 60);
      add_event (self, events, c->updated, c->clerk->username, c->clerk->role, c->clerk->window,
                 "case.transition", c, NULL, "draft", "not_accepted", c->reason);
    }
  else if (strcmp (c->state, "returned") == 0)
    {
      gint64 base = c->received ? c->received : c->created;

      c->reason = pick_reason (r, returned_reasons, G_N_ELEMENTS (returned_reasons));
      demo_random_times (r, base + 600, MIN (base + 3 * DAY, self->now - 60), 1, &c->updated);
      add_event (self, events, c->updated, self->supervisor->username, "supervisor", self->supervisor->window,
                 "case.transition", c, NULL, c->returned_from, "returned", c->reason);
    }
  else if (strcmp (c->state, "withdrawn") == 0)
    {
      c->reason = pick_reason (r, withdrawn_reasons, G_N_ELEMENTS (withdrawn_reasons));
      demo_random_times (r, c->received + 1800, MIN (c->received + 10 * DAY, self->now - 60), 1, &c->updated);
      add_event (self, events, c->updated, c->clerk->username, c->clerk->role, c->clerk->window,
                 "case.transition", c, NULL, "received", "withdrawn", c->reason);
    }
  else if (strcmp (c->state, "received") == 0)
    {
      gboolean any_open = FALSE;
      gboolean supplement = demo_chance (r, 0.18);

      rate = (double) (self->now - c->received) / DAY;
      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);
          double f = rate / MAX (1.0, t->time_limit * 1.4);
          int x = demo_rnd (r, 0, 99);

          if (f < 0.2)
            t->state = x < 60 ? "pending" : "in_review";
          else if (f < 0.7)
            t->state = x < 20 ? "pending" : x < 65 ? "in_review" : x < 85 ? "approved" : "result_issued";
          else
            t->state = x < 10 ? "pending" : x < 50 ? "in_review" : x < 70 ? "approved" : x < 95 ? "result_issued" : "denied";
          if (i == c->tasks->len - 1 && !any_open && (strcmp (t->state, "result_issued") == 0 || strcmp (t->state, "denied") == 0))
            t->state = "in_review";
          if (strcmp (t->state, "result_issued") != 0 && strcmp (t->state, "denied") != 0)
            any_open = TRUE;
          if (supplement && !t->awaiting && strcmp (t->state, "result_issued") != 0 && strcmp (t->state, "denied") != 0)
            {
              t->awaiting = TRUE;
              supplement = FALSE;
            }
          if (strcmp (t->state, "denied") == 0)
            t->reason = pick_reason (r, denied_reasons, G_N_ELEMENTS (denied_reasons));
          t->updated = task_history (self, events, c, t, c->received + 600, self->now - 120);
          if (strcmp (t->state, "pending") == 0)
            t->updated = c->received;
        }
    }
  else if (strcmp (c->state, "completed") == 0)
    {
      gint64 due_max = 0;

      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);

          due_max = MAX (due_max, demo_sh_midnight (&t->due) + 17 * 3600 + 1800);
        }
      lo = c->received + 1800;
      hi = MIN (self->now - 300, demo_chance (r, 0.9) ? due_max : due_max + 5 * DAY);
      if (hi < lo + 3600)
        hi = MIN (self->now - 300, lo + 3600);
      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);
          gint64 task_hi = MIN (hi, MAX (lo + 3600, demo_sh_midnight (&t->due) + 17 * 3600 + 1800));

          if (demo_chance (r, 0.07))
            {
              t->state = "denied";
              t->reason = pick_reason (r, denied_reasons, G_N_ELEMENTS (denied_reasons));
            }
          else
            t->state = "result_issued";
          t->updated = task_history (self, events, c, t, lo, task_hi);
          t_final = MAX (t_final, t->updated);
        }
      c->updated = t_final + 1;
      add_event (self, events, c->updated, "platform", "platform", NULL,
                 "case.transition", c, NULL, "received", "completed", NULL);
    }

  /* the form: drafts are partly filled */
  demo_fill_form (self, c, strcmp (c->state, "draft") == 0 || g_strcmp0 (c->returned_from, "draft") == 0 ? 0.7 : 1.0);
  return c;

skip:
  demo_case_free (c);
  return NULL;
}

static int
cmp_case_created (gconstpointer a,
                  gconstpointer b)
{
  const DemoCase *x = *(DemoCase * const *) a, *y = *(DemoCase * const *) b;

  return x->created < y->created ? -1 : x->created > y->created;
}

static int
cmp_case_received (gconstpointer a,
                   gconstpointer b)
{
  const DemoCase *x = *(DemoCase * const *) a, *y = *(DemoCase * const *) b;

  return x->received < y->received ? -1 : x->received > y->received;
}

static int
cmp_event (gconstpointer a,
           gconstpointer b)
{
  const DemoEvent *x = *(DemoEvent * const *) a, *y = *(DemoEvent * const *) b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
demo_generate_cases (DemoLoad *self)
{
  g_autoptr(GPtrArray) received = g_ptr_array_new ();
  GDate last_day;
  guint seq = 0;

  for (guint attempt = 0; self->cases->len < DEMO_N_CASES && attempt < DEMO_N_CASES * 2; attempt++)
    {
      g_autoptr(GPtrArray) events = g_ptr_array_new ();
      DemoCase *c = plan_case (self, events);

      if (c == NULL)
        {
          for (guint i = 0; i < events->len; i++)
            demo_event_free (g_ptr_array_index (events, i));
          continue;
        }
      g_ptr_array_add (self->cases, c);
      for (guint i = 0; i < events->len; i++)
        g_ptr_array_add (self->events, g_ptr_array_index (events, i));
    }

  g_ptr_array_sort (self->cases, cmp_case_created);

  /* numbers: ZC-YYYYMMDD-NNNNNN, per reception day (Asia/Shanghai) */
  for (guint i = 0; i < self->cases->len; i++)
    {
      DemoCase *c = g_ptr_array_index (self->cases, i);

      if (c->received)
        g_ptr_array_add (received, c);
    }
  g_ptr_array_sort (received, cmp_case_received);
  g_date_clear (&last_day, 1);
  for (guint i = 0; i < received->len; i++)
    {
      DemoCase *c = g_ptr_array_index (received, i);
      GDate day;

      demo_sh_date_of (c->received, &day);
      if (!g_date_valid (&last_day) || g_date_compare (&day, &last_day) != 0)
        seq = 0;
      last_day = day;
      c->number = g_strdup_printf ("ZC-%04d%02d%02d-%06u", g_date_get_year (&day),
                                   g_date_get_month (&day), g_date_get_day (&day), ++seq);
    }
  g_ptr_array_sort (self->events, cmp_event);
}
