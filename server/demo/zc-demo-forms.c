/* zc-demo-forms.c — filling the merged form of a demo case: from licences where the catalogue names a source, else typed as a clerk would, by the field's declared type and kind (catalogue "kind")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"
#include "zc-core.h"
#include "zc-reception.h"

static DemoApplicant *
case_party (DemoCase   *c,
            const char *role)
{
  if (g_strcmp0 (role, "applicant") == 0 || role == NULL)
    return c->applicant;
  for (guint i = 0; i < c->roles->len; i++)
    if (strcmp (g_ptr_array_index (c->roles, i), role) == 0)
      return g_ptr_array_index (c->role_keys, i);
  return NULL;
}

/* the licence of @type of @holder the clerk would use on @date */
DemoLicence *
demo_best_licence (DemoApplicant *holder,
                   const char    *type,
                   const GDate   *date)
{
  DemoLicence *best = NULL;
  gboolean best_valid = FALSE;

  for (guint i = 0; holder != NULL && i < holder->licences->len; i++)
    {
      DemoLicence *l = g_ptr_array_index (holder->licences, i);
      gboolean valid;

      if (strcmp (l->type, type) != 0)
        continue;
      valid = !l->revoked && g_date_compare (&l->issued_on, date) <= 0 &&
              (!g_date_valid (&l->valid_until) || g_date_compare (date, &l->valid_until) <= 0);
      if (best == NULL || (valid && !best_valid) ||
          (valid == best_valid && g_date_compare (&l->issued_on, &best->issued_on) > 0))
        {
          best = l;
          best_valid = valid;
        }
    }
  return best;
}

static JsonNode *
licence_value (DemoLoad    *self,
               DemoLicence *l,
               const char  *field)
{
  const char *str = NULL;

  if (strcmp (field, "number") == 0)
    str = l->number;
  else if (strcmp (field, "holder") == 0)
    str = l->holder->key;
  else if (strcmp (field, "holder_name") == 0)
    str = l->holder->name;
  else if (strcmp (field, "issuer") == 0)
    str = l->issuer;
  else if (strcmp (field, "issued_on") == 0)
    str = demo_iso (self, &l->issued_on);
  else if (strcmp (field, "valid_until") == 0)
    str = g_date_valid (&l->valid_until) ? demo_iso (self, &l->valid_until) : NULL;
  else if (json_object_has_member (l->fields, field))
    return json_node_copy (json_object_get_member (l->fields, field));

  return str ? json_node_init_string (json_node_alloc (), str) : NULL;
}

/* the field's declared kind (catalogue "kind": what its value is, e.g.
 * "birth_date", "company_name"); NULL when its type says enough */
static gboolean
kind_is (const char *kind,
         const char *name)
{
  return kind != NULL && strcmp (kind, name) == 0;
}

static gboolean
kind_in (const char         *kind,
         const char * const *names)
{
  return kind != NULL && g_strv_contains (names, kind);
}

static gboolean
child_male (DemoCase *c)
{
  return c->child_name != NULL && c->child_key[16] % 2 == 1;
}

/* the pupil of 教育入学: the applicant's child (party "child"); without
 * one, a made-up pupil of the family: not an applicant, but a valid ID
 * number, a name and a birth date that fit the school stage */
static void
ensure_child (DemoLoad *self,
              DemoCase *c)
{
  GRand *r = self->rc;
  DemoApplicant *a = c->applicant;
  DemoApplicant *kid;
  const char *surname;
  const char *region = a->district ? a->district->code : "340104";
  int year;

  if (c->child_name != NULL)
    return;

  /* the applicant's child, a demo person */
  kid = case_party (c, "child");
  if (kid != NULL)
    {
      GDate date;
      const char *stage;

      demo_sh_date_of (c->created, &date);
      year = demo_enrolment_year (&date);
      stage = demo_entry_stage (kid, year);
      if (stage == NULL)
        stage = year - kid->birth_year <= 9 ? "小学一年级" : "初中一年级";
      c->child_age = strcmp (stage, "小学一年级") == 0 ? 6 : 12;
      c->child_name = kid->name;
      memcpy (c->child_key, kid->key, sizeof c->child_key);
      demo_set_date (&c->child_birth, kid->birth_year, kid->birth_month, kid->birth_day);
      return;
    }

  c->child_age = demo_chance (r, 0.6) ? 6 : 12;
  year = g_date_get_year (&self->today_sh) - c->child_age - (g_date_get_month (&self->today_sh) < 9 ? 1 : 0);
  for (;;)
    {
      char first17[18];
      int month = demo_rnd (r, 1, 12);
      int day = demo_rnd (r, 1, 28);
      int seq = demo_rnd (r, 1, 999);
      char check;

      /* born between Sept 1 of @year and Aug 31 of the next year */
      demo_set_date (&c->child_birth, month >= 9 ? year : year + 1, month, day);
      g_snprintf (first17, sizeof first17, "%s%04d%02d%02d%03d", region,
                  g_date_get_year (&c->child_birth), month, day, seq);
      check = zc_resident_id_check_char (first17);
      if (check == '\0')
        continue;
      g_snprintf (c->child_key, sizeof c->child_key, "%s%c", first17, check);
      if (!g_hash_table_contains (self->keys, c->child_key))
        break;
    }
  surname = a->male || a->spouse == NULL ? a->surname : a->spouse->surname;
  c->child_name = demo_keep (self, g_strconcat (surname ? surname : "张", demo_pick (r, &self->given_child), NULL));
}

static JsonNode *
string_node (const char *str)
{
  return json_node_init_string (json_node_alloc (), str);
}

static int
cmp_licence_issued (gconstpointer a,
                    gconstpointer b)
{
  const DemoLicence *x = *(DemoLicence * const *) a, *y = *(DemoLicence * const *) b;

  return g_date_compare (&x->issued_on, &y->issued_on);
}

static JsonNode *aggregate_value (DemoLoad      *self,
                                  DemoApplicant *holder,
                                  const char    *type,
                                  const char    *field,
                                  const char    *aggregate,
                                  const GDate   *date);

static JsonNode *
typed_value (DemoLoad      *self,
             DemoCase      *c,
             JsonObject    *field,
             DemoApplicant *party)
{
  static const char * const courts[] = {
    "合肥市中级人民法院", "合肥市蜀山区人民法院", "合肥市包河区人民法院", "合肥市庐阳区人民法院",
  };
  GRand *r = self->rc;
  static const char * const pupil_kinds[] = {
    "pupil_relation", "school_stage", "pupil_sex", "pupil_id", "pupil_birth_date", "pupil_name",
    "previous_school", NULL,
  };
  const char *kind = demo_member_string (field, "kind");
  const char *type = demo_member_string (field, "type");
  JsonArray *choices = demo_member_array (field, "choices");
  DemoApplicant *a = c->applicant;
  DemoApplicant *who = party ? party : (a->enterprise && a->legal_rep ? a->legal_rep : a);
  const DemoDistrict *district = a->district ? a->district : g_ptr_array_index (self->districts, 0);
  DemoLicence *penalty;
  int year;
  GDate date;
  const char *str = NULL;

  demo_sh_date_of (c->created, &date);
  year = g_date_get_year (&date);

  /* choices that depend on the case */
  if (kind_in (kind, pupil_kinds))
    ensure_child (self, c);
  if (kind_is (kind, "pupil_relation"))
    return string_node (a->male ? "父亲" : "母亲");
  if (kind_is (kind, "school_stage"))
    return string_node (c->child_age == 6 ? "小学一年级" : "初中一年级");
  if (kind_is (kind, "pupil_sex"))
    return string_node (child_male (c) ? "男" : "女");
  if (kind_is (kind, "deregistration_method"))
    return string_node (demo_best_licence (a, "liquidation_filing", &date) != NULL ? "普通注销" : "简易注销");
  if (kind_is (kind, "deregistration_reason"))
    return string_node ((a->flags & F_REVOKED) ? "依法被吊销营业执照"
                        : demo_chance (r, 0.85) ? "股东会决议解散" : "章程规定的营业期限届满");
  if (kind_is (kind, "retirement_type") && demo_chance (r, 0.85))
    return string_node ("正常退休");
  if (kind_is (kind, "household_relation"))
    {
      DemoApplicant *mother = case_party (c, "mother");
      DemoLicence *bc = mother ? demo_best_licence (mother, "birth_certificate", &date) : NULL;

      if (bc != NULL)
        return string_node (g_strcmp0 (demo_member_string (bc->fields, "sex"), "男") == 0 ? "子" : "女");
    }

  if (choices != NULL && json_array_get_length (choices) > 0)
    {
      JsonNode *n = json_array_get_element (choices, (guint) demo_rnd (r, 0, (int) json_array_get_length (choices) - 1));

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        return json_node_copy (n);
      if (JSON_NODE_HOLDS_OBJECT (n))
        {
          const char *value = demo_member_string (json_node_get_object (n), "value");

          if (value == NULL)
            value = demo_member_string (json_node_get_object (n), "key");
          if (value != NULL)
            return string_node (value);
        }
    }

  /* the pupil */
  if (c->child_name != NULL)
    {
      if (kind_is (kind, "pupil_id"))
        return string_node (c->child_key);
      if (kind_is (kind, "pupil_birth_date"))
        return string_node (demo_iso (self, &c->child_birth));
      if (kind_is (kind, "pupil_name"))
        return string_node (c->child_name);
    }

  if (g_strcmp0 (type, "phone") == 0)
    return string_node (who->phone ? who->phone : a->phone);
  if (g_strcmp0 (type, "id") == 0)
    return string_node (who->key);

  if (g_strcmp0 (type, "date") == 0)
    {
      if (kind_is (kind, "work_start_date") && who->birth_year)
        {
          /* one draw after another: C leaves the order of arguments open */
          int draw0 = demo_rnd (r, 1, 28);
          int draw1 = demo_rnd (r, 1, 12);
          int draw2 = demo_rnd (r, 18, 23);
          demo_set_date (&date, who->birth_year + draw2, draw1, draw0);
        }
      else if (kind_is (kind, "retirement_date") && who->birth_year)
        demo_set_date (&date, who->birth_year + (who->retire_age ? who->retire_age : who->male ? 60 : 55),
                       who->birth_month, who->birth_day);
      else if (kind_is (kind, "birth_date"))
        demo_set_date (&date, who->birth_year ? who->birth_year : 1980, who->birth_month ? who->birth_month : 1,
                       who->birth_day ? who->birth_day : 1);
      else if (kind_is (kind, "penalty_date"))
        g_date_subtract_days (&date, (guint) demo_rnd (r, 200, 900));
      else if (kind_is (kind, "rectification_date") &&
               (penalty = demo_best_licence (a, "administrative_penalty_decision", &date)) != NULL)
        {
          /* after the penalty, before the application */
          GDate lo = penalty->issued_on, hi = date;

          g_date_add_days (&lo, 15);
          g_date_subtract_days (&hi, 5);
          demo_date_between (r, &lo, &hi, &date);
        }
      else if (kind_is (kind, "rectification_date"))
        g_date_subtract_days (&date, (guint) demo_rnd (r, 10, 120));
      else if (kind_is (kind, "period_start"))
        demo_set_date (&date, year - 3, 1, 1);
      else if (kind_is (kind, "period_end"))
        demo_set_date (&date, year - 1, 12, 31);
      else if (kind_is (kind, "recent_date"))
        g_date_subtract_days (&date, (guint) demo_rnd (r, 5, 60));
      else if (kind_is (kind, "planned_date"))
        g_date_add_days (&date, (guint) demo_rnd (r, 7, 45));
      return string_node (demo_iso (self, &date));
    }

  if (g_strcmp0 (type, "number") == 0)
    {
      double v;

      if (kind_is (kind, "area"))
        v = demo_rnd (r, 60, 520) / 2.0;
      else if (kind_is (kind, "capital"))
        v = demo_rnd (r, 1, 50) * 10;
      else if (kind_is (kind, "seats"))
        v = demo_rnd (r, 4, 40) * 5;
      else if (kind_is (kind, "power_capacity"))
        v = demo_rnd (r, 5, 80) * 10;
      else if (kind_is (kind, "water_volume"))
        v = demo_rnd (r, 20, 600);
      else if (kind_is (kind, "subsidiaries"))
        v = demo_rnd (r, 0, 12);
      else if (kind_is (kind, "drivers"))
        {
          /* one or two drivers a truck */
          g_autoptr(JsonNode) trucks = aggregate_value (self, a, "vehicle_licence", NULL, "count", &date);
          int n = trucks != NULL ? atoi (json_node_get_string (trucks)) : demo_rnd (r, 1, 4);

          v = n + demo_rnd (r, 0, n);
        }
      else if (kind_is (kind, "headcount"))
        v = demo_rnd (r, 2, 30);
      else if (kind_is (kind, "vehicles") && a->planned_biz == BIZ_TRANSPORT)
        v = 2;      /* trucks to buy: the two plates typed below */
      else if (kind_is (kind, "vehicles"))
        v = demo_rnd (r, 2, 40);
      else if (kind_is (kind, "amount"))
        v = demo_rnd (r, 100, 9000);
      else
        v = demo_rnd (r, 1, 20);
      if (v == floor (v))
        return json_node_init_int (json_node_alloc (), (gint64) v);
      return json_node_init_double (json_node_alloc (), v);
    }

  if (kind_is (kind, "newborn_name"))
    {
      DemoApplicant *father = case_party (c, "father");

      str = demo_keep (self, g_strconcat (father ? father->surname : a->surname ? a->surname : "张",
                                          demo_pick (r, &self->given_child), NULL));
    }
  else if (kind_is (kind, "ethnicity"))
    str = "汉";
  else if (kind_is (kind, "new_company_name"))
    str = demo_company_name (self, a->biz != BIZ_NONE ? a->biz : BIZ_TRADE, district);
  else if (kind_is (kind, "new_address"))
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 1, 20);
      int draw1 = demo_rnd (r, 2, 28);
      const char *draw2 = demo_pick (r, &self->trade_names);
      int draw3 = demo_rnd (r, 1, 399);
      const char *draw4 = demo_pick (r, &district->streets);
      str = demo_keep (self, g_strdup_printf ("%s%s%d号%s大厦%d%02d室", district->name, draw4, draw3, draw2, draw1, draw0));
    }
  else if (kind_is (kind, "business_scope"))
    str = (a->planned_biz == BIZ_TRANSPORT || a->biz == BIZ_TRANSPORT) ? "道路普通货物运输；国内货物运输代理"
        : (a->planned_biz == BIZ_RESTAURANT || a->biz == BIZ_RESTAURANT) ? "热食类食品制售；冷食类食品制售"
        : "日用百货销售；五金产品零售；技术服务";
  else if (kind_is (kind, "company_name"))
    str = a->planned_name ? a->planned_name : a->enterprise ? a->name : demo_company_name (self, BIZ_TRADE, district);
  else if (kind_is (kind, "company_type"))
    str = "有限责任公司(自然人独资)";
  else if (kind_is (kind, "main_business_type"))
    str = "餐饮服务经营者";
  else if (kind_is (kind, "sign_size"))
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 5, 9);
      int draw1 = demo_rnd (r, 0, 1);
      int draw2 = demo_rnd (r, 0, 9);
      int draw3 = demo_rnd (r, 2, 6);
      str = demo_keep (self, g_strdup_printf ("%d.%d×%d.%d", draw3, draw2, draw1, draw0));
    }
  else if (kind_is (kind, "sign_location"))
    str = "门店正上方外墙";
  else if (kind_is (kind, "excavation_location"))
    str = demo_keep (self, g_strdup_printf ("%s%s北侧人行道", district->name, demo_pick (r, &district->streets)));
  else if (kind_is (kind, "drainage_type"))
    str = "一般排水户";
  else if (kind_is (kind, "vehicle_plates"))
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 0, 9999);
      int draw1 = demo_rnd (r, 0, 5);
      int draw2 = demo_rnd (r, 0, 9999);
      int draw3 = demo_rnd (r, 0, 5);
      str = demo_keep (self, g_strdup_printf ("皖A·%c%04d、皖A·%c%04d", "DFGHKL"[draw3], draw2, "DFGHKL"[draw1], draw0));
    }
  else if (kind_is (kind, "parking_address"))
    str = demo_make_shop_address (self, r, district);
  else if (kind_is (kind, "court"))
    str = demo_pick_array (r, courts, G_N_ELEMENTS (courts));
  else if (kind_is (kind, "court_case_number"))
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 1, 80);
      int draw1 = demo_rnd (r, 0, 1);
      str = demo_keep (self, g_strdup_printf ("（%d）皖01破%d号", year - draw1, draw0));
    }
  else if (kind_is (kind, "penalty_decision_number"))
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 10, 999);
      int draw1 = demo_rnd (r, 1, 2);
      str = demo_keep (self, g_strdup_printf ("合市监处罚〔%d〕%d号", year - draw1, draw0));
    }
  else if (kind_is (kind, "court_decision_number"))
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 1, 80);
      int draw1 = demo_rnd (r, 0, 1);
      str = demo_keep (self, g_strdup_printf ("（%d）皖01破%d号之一", year - draw1, draw0));
    }
  else if (kind_is (kind, "administrator_name"))
    str = demo_keep (self, g_strdup_printf ("安徽%s律师事务所", demo_pick (r, &self->trade_names)));
  else if (kind_is (kind, "sponsor"))
    str = demo_pick (r, &self->securities);
  else if (kind_is (kind, "deciding_authority"))
    str = "合肥市市场监督管理局";
  else if (kind_is (kind, "liquidation_leader"))
    str = a->legal_rep ? a->legal_rep->name : who->name;
  else if (kind_is (kind, "hospital"))
    str = demo_pick (r, &self->hospitals);
  else if (kind_is (kind, "employer") && who->employer != NULL)
    str = who->employer;
  else if (kind_is (kind, "employer"))
    str = ((DemoApplicant *) g_ptr_array_index (self->enterprises, demo_rnd (r, 0, (int) self->enterprises->len - 1)))->name;
  else if (kind_is (kind, "household_relation"))
    str = who->relation ? who->relation : "其他";
  else if (kind_is (kind, "bank"))
    str = demo_pick (r, &self->banks);
  else if (kind_is (kind, "account_number"))
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 0, 999);
      int draw1 = demo_rnd (r, 0, 9999);
      int draw2 = demo_rnd (r, 0, 9999);
      int draw3 = demo_rnd (r, 0, 9999);
      str = demo_keep (self, g_strdup_printf ("6217%04d%04d%04d%03d", draw3, draw2, draw1, draw0));
    }
  else if (kind_is (kind, "previous_school"))
    str = demo_keep (self, g_strdup_printf ("%s%s", district->name, c->child_age == 12 ? "实验小学" : "第一幼儿园"));
  else if (kind_is (kind, "school"))
    str = demo_keep (self, g_strdup_printf ("%s%s", district->name, c->child_age == 12 ? "第四十五中学" : "实验小学"));
  else if (kind_is (kind, "premises_address"))
    str = who->premises ? who->premises->location : a->premises ? a->premises->location : a->address;
  else if (kind_is (kind, "address") || g_strcmp0 (type, "address") == 0)
    str = who->address ? who->address : a->address;
  else if (kind_is (kind, "safety_manager"))
    {
      DemoApplicant *manager = party != NULL ? party : demo_pick_filtered (self, demo_is_working_age);

      str = manager ? manager->name : who->name;
    }
  else if (kind_is (kind, "change_content"))
    str = "联系电话、通讯地址";
  else if (kind_is (kind, "repair_reason"))
    str = "已履行行政处罚决定并完成整改，申请信用修复";
  else if (kind_is (kind, "query_purpose"))
    str = "破产案件办理需要，查询企业登记、不动产及社保缴费信息";
  else if (kind_is (kind, "property_certificate_number"))
    str = NULL;   /* no certificate: a lease, nothing to type */
  else if (kind_is (kind, "person_name"))
    str = who->name;
  else
    str = "见申请材料";
  return str ? string_node (str) : NULL;
}

/* Over every licence of @type @holder holds that is valid on @date, in
 * the order of issue: the values of @field joined with 、 ("list"), or
 * how many there are ("count", a decimal string); NULL when none. */
static JsonNode *
aggregate_value (DemoLoad      *self,
                 DemoApplicant *holder,
                 const char    *type,
                 const char    *field,
                 const char    *aggregate,
                 const GDate   *date)
{
  g_autoptr(GPtrArray) valid = g_ptr_array_new ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; holder != NULL && i < holder->licences->len; i++)
    {
      DemoLicence *l = g_ptr_array_index (holder->licences, i);

      if (strcmp (l->type, type) == 0 && !l->revoked && g_date_compare (&l->issued_on, date) <= 0 &&
          (!g_date_valid (&l->valid_until) || g_date_compare (date, &l->valid_until) <= 0))
        g_ptr_array_add (valid, l);
    }
  if (valid->len == 0)
    return NULL;
  if (strcmp (aggregate, "count") == 0)
    return string_node (demo_keep (self, g_strdup_printf ("%u", valid->len)));
  if (strcmp (aggregate, "list") != 0 || field == NULL)
    return NULL;

  /* (stable: licences of one day keep the order they were added in) */
  g_ptr_array_sort (valid, cmp_licence_issued);
  for (guint i = 0; i < valid->len; i++)
    {
      g_autoptr(JsonNode) node = licence_value (self, g_ptr_array_index (valid, i), field);
      const char *str = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                        json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;

      if (str == NULL || *str == '\0')
        continue;
      if (list->len > 0)
        g_string_append (list, "、");
      g_string_append (list, str);
    }
  return list->len > 0 ? string_node (list->str) : NULL;
}

/* The applicant as the platform answers GET /applicants/{key}: licences
 * with their typed fields, the register's phone and address, known
 * parties. Made once per applicant (every licence exists before cases). */
static ZcApplicant *
applicant_model (DemoLoad      *self,
                 DemoApplicant *p)
{
  ZcApplicant *model;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (p == NULL)
    return NULL;
  model = g_hash_table_lookup (self->models, p);
  if (model != NULL)
    return model;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, p->key);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, p->enterprise ? "enterprise" : "person");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, p->name);
  if (p->phone != NULL)
    {
      json_builder_set_member_name (b, "phone");
      json_builder_add_string_value (b, p->phone);
    }
  if (p->address != NULL)
    {
      json_builder_set_member_name (b, "address");
      json_builder_add_string_value (b, p->address);
    }
  json_builder_set_member_name (b, "licences");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->licences->len; i++)
    {
      DemoLicence *l = g_ptr_array_index (p->licences, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, l->type);
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, l->number);
      json_builder_set_member_name (b, "holder");
      json_builder_add_string_value (b, l->holder->key);
      json_builder_set_member_name (b, "holder_name");
      json_builder_add_string_value (b, l->holder->name);
      json_builder_set_member_name (b, "issuer");
      json_builder_add_string_value (b, l->issuer);
      json_builder_set_member_name (b, "issued_on");
      json_builder_add_string_value (b, demo_iso (self, &l->issued_on));
      json_builder_set_member_name (b, "valid_until");
      if (g_date_valid (&l->valid_until))
        json_builder_add_string_value (b, demo_iso (self, &l->valid_until));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "revoked");
      json_builder_add_boolean_value (b, l->revoked);
      json_builder_set_member_name (b, "fields");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), l->fields));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  model = zc_applicant_new_from_json (root, &error);
  if (model == NULL)
    g_error ("the demo made an applicant the platform could not answer: %s", error->message);
  g_hash_table_insert (self->models, p, model);
  return model;
}

static ZcCatalogueItem *
item_model (DemoLoad   *self,
            JsonObject *item)
{
  const char *code = demo_member_string (item, "code");
  ZcCatalogueItem *model = g_hash_table_lookup (self->item_models, code);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (model != NULL)
    return model;
  node = json_node_init_object (json_node_alloc (), item);
  model = zc_catalogue_item_new_from_json (node, &error);
  if (model == NULL)
    g_error ("the demo catalogue has an item core refuses: %s", error->message);
  g_hash_table_insert (self->item_models, (gpointer) code, model);
  return model;
}

static JsonObject *
field_json (JsonObject *item,
            const char *key)
{
  JsonArray *fields = demo_member_array (item, "fields");

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *fn = json_array_get_element (fields, i);
      JsonObject *field = JSON_NODE_HOLDS_OBJECT (fn) ? json_node_get_object (fn) : NULL;

      if (g_strcmp0 (demo_member_string (field, "key"), key) == 0)
        return field;
    }
  return NULL;
}

/* The merged form as a clerk would fill it at the counter, through
 * core's reception (the same merge, applicability and prefill as the
 * app and zcctl): what the licences, the register and the rules answer
 * is taken as prefilled; the rest is typed (typed_value). A draft
 * (@completeness < 1) lacks some typed fields, never the new value of
 * the change it is about. */
void
demo_fill_form (DemoLoad *self,
                DemoCase *c,
                double    completeness)
{
  ZcCatalogueItem *item = item_model (self, c->item);
  g_autoptr(ZcReception) reception = NULL;
  GListModel *matters, *fields, *materials;
  GDate date;
  gboolean owed = FALSE;

  demo_sh_date_of (c->received ? c->received : c->created, &date);
  reception = zc_reception_new (item, applicant_model (self, c->applicant), &date);

  /* the sub-matters of the case: its tasks */
  matters = zc_catalogue_item_get_matters (item);
  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) m = g_list_model_get_item (matters, i);
      gboolean chosen = FALSE;

      for (guint k = 0; k < c->tasks->len && !chosen; k++)
        chosen = g_strcmp0 (((DemoTask *) g_ptr_array_index (c->tasks, k))->code, zc_matter_get_code (m)) == 0;
      if (zc_matter_get_optional (m))
        zc_reception_set_matter_chosen (reception, zc_matter_get_code (m), chosen, NULL);
    }
  for (guint i = 0; i < c->roles->len; i++)
    zc_reception_set_party (reception, g_ptr_array_index (c->roles, i),
                            applicant_model (self, g_ptr_array_index (c->role_keys, i)));

  c->form = json_object_new ();
  fields = zc_reception_get_fields (reception);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      ZcFormField *field = zc_reception_field_get_field (rf);
      const char *key = zc_form_field_get_key (field);
      ZcFieldSource source = zc_reception_field_get_source (rf);
      const char *prefilled = zc_reception_field_get_value (rf);
      JsonObject *json = field_json (c->item, key);
      JsonNode *value = NULL;

      /* a field of another choice (变更后企业名称 while the change is of
       * the address) or of a party nobody was named for is not asked */
      if (!zc_reception_field_get_applicable (rf) || json == NULL)
        continue;
      if (source != ZC_FIELD_SOURCE_NONE && source != ZC_FIELD_SOURCE_TYPED && prefilled[0] != '\0')
        value = string_node (prefilled);
      else
        {
          if (completeness < 1.0 && !demo_chance (self->rc, completeness) && demo_member_object (json, "when") == NULL)
            continue;
          /* a licence-sourced field no licence answers, of a party
           * nobody named or who holds none: left empty unless required */
          if (zc_form_field_get_source_licence_type (field) != NULL && !zc_form_field_get_required (field))
            continue;
          value = typed_value (self, c, json, case_party (c, zc_form_field_get_party (field)));
        }
      if (value == NULL)
        continue;
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        zc_reception_set_value (reception, key, json_node_get_string (value), NULL);
      json_object_set_member (c->form, key, value);
    }

  /* the materials that apply to the case as filled (a `when` answered,
   * a party named): the only ones the platform takes a state of. Each
   * has its state as a counter reception records it (zc_reception_save
   * writes every material listed): handed in, or exempt where a valid
   * licence of its party replaces it; demo_write_tolerance makes the
   * 容缺 ones deferred, demo_write_commitment the 告知承诺 one committed.
   * Without them a case received here would lose its other materials
   * from the case page once a commitment gave it a first state. */
  c->materials = g_ptr_array_new_with_free_func (g_free);
  c->material_states = json_object_new ();
  materials = zc_reception_get_materials (reception);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      const char *code = zc_material_get_code (zc_reception_material_get_material (rm));
      ZcLicence *licence = zc_reception_material_get_licence (rm);
      JsonObject *state = json_object_new ();

      g_ptr_array_add (c->materials, g_strdup (code));
      if (zc_reception_material_get_state (rm) == ZC_MATERIAL_STATE_EXEMPT && licence != NULL)
        {
          JsonObject *ref = json_object_new ();

          json_object_set_string_member (ref, "type", zc_licence_get_licence_type (licence));
          json_object_set_string_member (ref, "number", zc_licence_get_number (licence));
          json_object_set_string_member (state, "state", "exempt");
          json_object_set_object_member (state, "licence", ref);
        }
      else if (g_strcmp0 (c->returned_from, "received") == 0 && !owed &&
               zc_material_get_tolerable (zc_reception_material_get_material (rm)))
        {
          /* 退回补正: the window asks for one material again (the
           * tolerable one: the clerk may take it as 容缺 on the case page) */
          json_object_set_string_member (state, "state", "pending");
          owed = TRUE;
        }
      else
        json_object_set_string_member (state, "state", "received");
      json_object_set_object_member (c->material_states, code, state);
    }
}
