/* test-reception.c — the merged form, prefill, material list, field
 * validation and draft round trip of ZcReception
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <locale.h>

#include "zc-core.h"
#include "zc-reception.h"

/* Valid resident IDs (check digits computed per GB 11643) */
#define FOUNDER_ID   "340102199001011236"
#define LEGAL_REP_ID "340102198505052344"
#define STAFF_ID     "340102198808084562"
#define OWNER_ID     "340102197003035670"
#define MOTHER_ID    "340102199202026784"
#define FATHER_ID    "340102199303037810"
#define AGENT_ID     "340102196006068908"

static GListModel *catalogue;

static GDate *
reception_date (void)
{
  return g_date_new_dmy (27, 11, 2026);
}

static ZcCatalogueItem *
find_item (const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (catalogue, i);
      if (g_str_equal (zc_catalogue_item_get_code (item), code))
        return item; /* the model keeps it */
    }
  g_assert_not_reached ();
  return NULL;
}

static ZcApplicant *
applicant_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ZcApplicant *applicant;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  applicant = zc_applicant_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return applicant;
}

static ZcCase *
case_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ZcCase *c;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  c = zc_case_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return c;
}

static char *
id_card (const char *id,
         const char *name,
         const char *sex,
         const char *issued,
         const char *until)
{
  return g_strdup_printf ("{\"type\":\"id_card\",\"number\":\"%s\",\"holder\":\"%s\",\"holder_name\":\"%s\","
                          "\"issuer\":\"合肥市公安局蜀山分局\",\"issued_on\":\"%s\",\"valid_until\":%s%s%s,"
                          "\"revoked\":false,\"fields\":{\"name\":\"%s\",\"sex\":\"%s\",\"ethnicity\":\"汉\","
                          "\"address\":\"安徽省合肥市蜀山区长江西路 100 号\"}}",
                          id, id, name, issued, until ? "\"" : "", until ? until : "null",
                          until ? "\"" : "", name, sex);
}

static ZcApplicant *
person (const char *id,
        const char *name,
        const char *sex,
        const char *more_licences)
{
  g_autofree char *card = id_card (id, name, sex, "2020-01-01", "2040-01-01");
  g_autofree char *json = g_strdup_printf ("{\"key\":\"%s\",\"kind\":\"person\",\"name\":\"%s\","
                                           "\"licences\":[%s%s%s],\"parties\":[]}",
                                           id, name, card, more_licences ? "," : "",
                                           more_licences ? more_licences : "");
  return applicant_from (json);
}

static gboolean
has_key (GListModel *fields,
         const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      if (g_str_equal (zc_form_field_get_key (zc_reception_field_get_field (rf)), key))
        return TRUE;
    }
  return FALSE;
}

static ZcReceptionMaterial *
material (ZcReception *r,
          const char  *code)
{
  GListModel *materials = zc_reception_get_materials (r);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      if (g_str_equal (zc_material_get_code (zc_reception_material_get_material (rm)), code))
        return rm;
    }
  return NULL;
}

static gboolean
any_chosen (ZcReception        *r,
            const char * const *matters)
{
  if (matters == NULL)
    return TRUE;
  for (guint i = 0; matters[i] != NULL; i++)
    if (zc_reception_get_matter_chosen (r, matters[i]))
      return TRUE;
  return FALSE;
}

/* A reception with every sub-matter chosen (optional ones start left
 * out; of an exclusive group the last stays chosen). */
static ZcReception *
reception_new_all (ZcCatalogueItem *item,
                   ZcApplicant     *applicant,
                   const GDate     *date)
{
  ZcReception *r = zc_reception_new (item, applicant, date);
  GListModel *matters = zc_catalogue_item_get_matters (item);

  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) m = g_list_model_get_item (matters, i);
      g_assert_true (zc_reception_set_matter_chosen (r, zc_matter_get_code (m), TRUE, NULL));
    }
  return r;
}

/* The reception's lists against the catalogue, given the chosen matters. */
static void
assert_lists (ZcCatalogueItem *item,
              ZcReception     *r)
{
  GListModel *fields = zc_reception_get_fields (r);
  GListModel *materials = zc_reception_get_materials (r);
  GListModel *cat_fields = zc_catalogue_item_get_fields (item);
  GListModel *cat_materials = zc_catalogue_item_get_materials (item);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  guint expected = 0;
  g_auto(GStrv) chosen = zc_reception_dup_chosen_matters (r);

  /* each key once */
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      g_assert_true (g_hash_table_add (keys, (gpointer) zc_form_field_get_key (zc_reception_field_get_field (rf))));
    }
  /* exactly the fields some chosen matter needs */
  for (guint i = 0; i < g_list_model_get_n_items (cat_fields); i++)
    {
      g_autoptr(ZcFormField) f = g_list_model_get_item (cat_fields, i);
      gboolean needed = FALSE;

      for (guint m = 0; chosen[m] != NULL; m++)
        needed |= zc_form_field_is_needed_by (f, chosen[m]);
      g_assert_cmpint (needed, ==, g_hash_table_contains (keys, zc_form_field_get_key (f)));
      expected += needed;
    }
  g_assert_cmpuint (g_hash_table_size (keys), ==, expected);

  /* each material once, every needed one present */
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      g_assert_true (g_hash_table_add (codes, (gpointer) zc_material_get_code (zc_reception_material_get_material (rm))));
    }
  for (guint i = 0; i < g_list_model_get_n_items (cat_materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (cat_materials, i);
      gboolean listed = g_hash_table_contains (codes, zc_material_get_code (m));
      gboolean conditional = zc_material_get_condition (m) != NULL ||
                             zc_catalogue_item_get_party_condition (item, zc_material_get_party (m)) != NULL;

      /* listed only for a chosen matter; always then, unless it applies
       * under a condition (tested on its own below) */
      if (listed)
        g_assert_true (any_chosen (r, zc_material_get_matters (m)));
      else if (!conditional)
        g_assert_false (any_chosen (r, zc_material_get_matters (m)));
    }
}

static void
test_merge_every_item (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) agent = person (AGENT_ID, "代理人", "男", NULL);
  g_autoptr(ZcApplicant) founder = person (FOUNDER_ID, "张三", "男", NULL);
  guint items = g_list_model_get_n_items (catalogue);

  g_assert_cmpuint (items, >=, 13);
  for (guint i = 0; i < items; i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (catalogue, i);
      g_autoptr(ZcReception) r = reception_new_all (item, founder, date);
      GListModel *matters = zc_catalogue_item_get_matters (item);
      g_auto(GStrv) needed = NULL;

      /* the agent's materials are listed once an agent is named */
      zc_reception_set_party (r, "agent", agent);
      assert_lists (item, r);
      g_assert_cmpuint (g_list_model_get_n_items (zc_reception_get_fields (r)), >, 0);

      needed = zc_reception_dup_needed_parties (r);
      for (guint k = 0; needed[k] != NULL; k++)
        g_assert_nonnull (zc_catalogue_item_get_party_label (item, needed[k]));

      for (guint m = 0; m < g_list_model_get_n_items (matters); m++)
        {
          g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, m);
          const char *code = zc_matter_get_code (matter);
          g_autoptr(GError) error = NULL;

          if (!zc_matter_get_optional (matter))
            {
              g_assert_false (zc_reception_set_matter_chosen (r, code, FALSE, &error));
              g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_NO_MATTER);
              g_assert_true (zc_reception_get_matter_chosen (r, code));
              continue;
            }
          g_assert_true (zc_reception_set_matter_chosen (r, code, FALSE, &error));
          g_assert_no_error (error);
          g_assert_false (zc_reception_get_matter_chosen (r, code));
          assert_lists (item, r);
          g_assert_true (zc_reception_set_matter_chosen (r, code, TRUE, &error));
          assert_lists (item, r);
        }
    }
}

/* Leaving out an optional matter removes its own fields and materials. */
static void
test_optional_matter (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) founder = person (FOUNDER_ID, "张三", "男", NULL);
  g_autoptr(ZcReception) r = reception_new_all (find_item ("open_restaurant"), founder, date);

  g_assert_true (has_key (zc_reception_get_fields (r), "sign_size"));
  g_assert_nonnull (material (r, "sign_design"));
  g_assert_nonnull (material (r, "floor_plan"));
  g_assert_true (zc_reception_set_matter_chosen (r, "signboard", FALSE, NULL));
  g_assert_false (has_key (zc_reception_get_fields (r), "sign_size"));
  g_assert_false (has_key (zc_reception_get_fields (r), "sign_location"));
  g_assert_null (material (r, "sign_design"));
  /* shared with another chosen matter: stays */
  g_assert_nonnull (material (r, "floor_plan"));
  g_assert_true (has_key (zc_reception_get_fields (r), "premises_address"));
  g_assert_true (zc_reception_set_matter_chosen (r, "fire_safety_inspection", FALSE, NULL));
  g_assert_nonnull (material (r, "floor_plan")); /* food_business_permit needs it too */
  g_assert_null (material (r, "fire_emergency_plan"));
  /* without an agent, no authorisation is asked for */
  g_assert_null (material (r, "agent_authorisation"));
}

static void
count_change (ZcReception *r,
              guint       *changes)
{
  (*changes)++;
}

static ZcReceptionField *
field (ZcReception *r,
       const char  *key)
{
  ZcReceptionField *rf = zc_reception_find_field (r, key);
  g_assert_nonnull (rf);
  return rf;
}

static void
assert_licence_source (ZcReception *r,
                       const char  *key,
                       const char  *value,
                       const char  *licence_type)
{
  ZcReceptionField *rf = field (r, key);

  g_assert_cmpstr (zc_reception_field_get_value (rf), ==, value);
  g_assert_cmpint (zc_reception_field_get_source (rf), ==, ZC_FIELD_SOURCE_LICENCE);
  g_assert_cmpstr (zc_reception_field_get_source_licence_type (rf), ==, licence_type);
  g_assert_nonnull (zc_reception_field_get_source_label (rf));
  g_assert_true (g_str_has_prefix (zc_reception_field_get_source_label (rf), "From "));
  g_assert_null (zc_reception_field_get_error (rf));
}

static ZcApplicant *
restaurant_founder (void)
{
  return applicant_from (
    "{\"key\":\"" FOUNDER_ID "\",\"kind\":\"person\",\"name\":\"张三\",\"licences\":["
    "{\"type\":\"id_card\",\"number\":\"" FOUNDER_ID "\",\"holder\":\"" FOUNDER_ID "\",\"holder_name\":\"张三\","
    " \"issued_on\":\"2016-05-01\",\"valid_until\":\"2026-05-01\",\"revoked\":false,"
    " \"fields\":{\"name\":\"张三\",\"sex\":\"男\",\"address\":\"安徽省合肥市庐阳区旧地址 1 号\"}},"
    "{\"type\":\"id_card\",\"number\":\"" FOUNDER_ID "\",\"holder\":\"" FOUNDER_ID "\",\"holder_name\":\"张三\","
    " \"issued_on\":\"2026-04-20\",\"valid_until\":\"2046-04-20\",\"revoked\":false,"
    " \"fields\":{\"name\":\"张三\",\"sex\":\"男\",\"address\":\"安徽省合肥市蜀山区长江西路 100 号\"}}"
    "],\"parties\":[{\"role\":\"legal_representative\",\"key\":\"" LEGAL_REP_ID "\"}]}");
}

static ZcApplicant *
premises_owner (const char *until)
{
  g_autofree char *json = g_strdup_printf (
    "{\"key\":\"" OWNER_ID "\",\"kind\":\"person\",\"name\":\"王五\",\"licences\":["
    "{\"type\":\"real_estate_certificate\",\"number\":\"皖(2024)合肥市不动产权第0012345号\","
    " \"holder\":\"" OWNER_ID "\",\"holder_name\":\"王五\",\"issued_on\":\"2024-03-01\",\"valid_until\":%s,"
    " \"revoked\":false,\"fields\":{\"owner\":\"王五\",\"location\":\"合肥市蜀山区黄山路 8 号 1 幢 101\","
    " \"area\":\"86.50\",\"usage\":\"商业\"}}],\"parties\":[]}", until);
  return applicant_from (json);
}

/* 企业信息变更: the new value of what changes is asked for, nothing else */
static void
test_when (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) company = applicant_from (
    "{\"key\":\"91110000802100433B\",\"kind\":\"enterprise\",\"name\":\"合肥某某餐饮有限公司\",\"licences\":["
    "{\"type\":\"business_licence\",\"number\":\"91110000802100433B\",\"holder\":\"91110000802100433B\","
    " \"holder_name\":\"合肥某某餐饮有限公司\",\"issued_on\":\"2020-03-01\",\"valid_until\":null,\"revoked\":false,"
    " \"fields\":{\"company_name\":\"合肥某某餐饮有限公司\",\"legal_representative\":\"李四\","
    " \"legal_representative_id\":\"" LEGAL_REP_ID "\",\"registered_address\":\"合肥市蜀山区黄山路 8 号\","
    " \"registered_capital\":\"50万元\",\"business_scope\":\"餐饮服务\",\"phone\":\"13905510000\"}}],"
    " \"parties\":[]}");
  g_autoptr(ZcReception) r = reception_new_all (find_item ("enterprise_change"), company, date);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *joined = NULL;
  double before;

  /* nothing chosen yet: no "new value" field applies */
  g_assert_true (has_key (zc_reception_get_fields (r), "new_company_name"));
  g_assert_false (zc_reception_field_get_applicable (field (r, "new_company_name")));
  g_assert_false (zc_reception_field_get_applicable (field (r, "new_registered_address")));
  g_assert_true (zc_reception_field_get_applicable (field (r, "change_item")));
  g_assert_true (zc_reception_field_get_applicable (field (r, "company_name")));
  before = zc_reception_get_prefill_ratio (r);

  g_assert_true (zc_reception_set_value (r, "change_item", "住所", NULL));
  g_assert_true (zc_reception_field_get_applicable (field (r, "new_registered_address")));
  g_assert_false (zc_reception_field_get_applicable (field (r, "new_company_name")));
  g_assert_false (zc_reception_field_get_applicable (field (r, "new_legal_representative_id")));
  /* one more typed field counts: the ratio drops */
  g_assert_cmpfloat (zc_reception_get_prefill_ratio (r), <, before);

  /* a value typed for another change is neither checked nor sent */
  g_assert_true (zc_reception_set_value (r, "change_item", "名称", NULL));
  g_assert_true (zc_reception_set_value (r, "new_company_name", "合肥新名称餐饮有限公司", NULL));
  g_assert_true (zc_reception_set_value (r, "change_item", "住所", NULL));
  zc_reception_set_value (r, "new_registered_address", "合肥市包河区徽州大道 1 号", NULL);
  g_assert_false (zc_reception_check (r, problems, NULL));
  /* the same problems, structured: each says what it is about */
  {
    g_autoptr(GPtrArray) found = zc_reception_dup_problems (r);
    gboolean material_found = FALSE;

    g_assert_cmpuint (found->len, ==, problems->len);
    for (guint i = 0; i < found->len; i++)
      {
        ZcReceptionProblem *problem = g_ptr_array_index (found, i);

        g_assert_cmpstr (problem->message, ==, g_ptr_array_index (problems, i));
        g_assert_cmpstr (problem->key, !=, "new_company_name");
        if (problem->subject == ZC_PROBLEM_SUBJECT_FIELD)
          g_assert_nonnull (zc_reception_find_field (r, problem->key));
        if (problem->subject == ZC_PROBLEM_SUBJECT_MATERIAL)
          {
            g_assert_cmpint (problem->code, ==, ZC_RECEPTION_ERROR_MATERIAL);
            material_found = TRUE;
          }
      }
    g_assert_true (material_found);
  }
  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv ("\n", (char **) problems->pdata);
  g_assert_null (strstr (joined, "变更后企业名称"));
  g_assert_null (strstr (joined, "变更后住所"));
  g_assert_nonnull (strstr (joined, "股东会决议"));
  body = zc_reception_to_json (r);
  g_assert_true (json_object_has_member (json_object_get_object_member (body, "form"), "new_registered_address"));
  g_assert_false (json_object_has_member (json_object_get_object_member (body, "form"), "new_company_name"));
  g_assert_false (json_object_has_member (json_object_get_object_member (body, "field_sources"), "new_company_name"));

  /* a case sent by another client with the choice padded (spaces, a
   * line break, U+3000): the choice is taken, so what it asks for is
   * asked for — the platform's check at submit reads the case so */
  {
    static const char *const padded[] = { " 名称 ", "名称\n", "\u3000名称" };

    for (guint i = 0; i < G_N_ELEMENTS (padded); i++)
      {
        g_autoptr(JsonObject) saved = zc_reception_to_json (r);
        g_autoptr(ZcReception) again = reception_new_all (find_item ("enterprise_change"), company, date);
        g_autoptr(GError) error = NULL;

        json_object_set_string_member (json_object_get_object_member (saved, "form"), "change_item", padded[i]);
        g_assert_true (zc_reception_restore (again, saved, &error));
        g_assert_no_error (error);
        g_assert_null (zc_reception_field_get_error (field (again, "change_item")));
        g_assert_true (zc_reception_field_get_applicable (field (again, "new_company_name")));
        g_assert_false (zc_reception_field_get_applicable (field (again, "new_registered_address")));
      }
  }
}

static char *
insurance_record (const char *id,
                  const char *name,
                  const char *original_age)
{
  return g_strdup_printf ("{\"type\":\"social_insurance_record\",\"number\":\"SB340100123456\",\"holder\":\"%s\","
                          "\"holder_name\":\"%s\",\"issuer\":\"合肥市人力资源和社会保障局\",\"issued_on\":\"2026-01-05\","
                          "\"valid_until\":null,\"revoked\":false,\"fields\":{\"name\":\"%s\",\"insured_place\":\"合肥市蜀山区\","
                          "\"work_start_date\":\"1985-07-01\",\"employer\":\"合肥某某机械有限公司\"%s%s%s}}",
                          id, name, name, original_age ? ",\"original_retirement_age\":\"" : "",
                          original_age ? original_age : "", original_age ? "\"" : "");
}

/* Values a rule computes: the statutory retirement date, the newborn's ethnicity */
static void
test_computed (void)
{
  g_autoptr(GDate) date = reception_date ();
  /* born 1966-08-08, male: 60 y 5 m (1966-08 is 19 months after 1965-01) */
  g_autofree char *his = insurance_record ("340102196608080018", "周建国", NULL);
  g_autoptr(ZcApplicant) man = person ("340102196608080018", "周建国", "男", his);
  /* born 1976-03-08, female, originally 50: 50 y 8 m (14 months after 1975-01) */
  g_autofree char *hers = insurance_record ("340102197603080026", "吴秀英", "50");
  g_autoptr(ZcApplicant) woman = person ("340102197603080026", "吴秀英", "女", hers);
  g_autofree char *unknown = insurance_record ("340102197603080026", "吴秀英", NULL);
  g_autoptr(ZcApplicant) woman2 = person ("340102197603080026", "吴秀英", "女", unknown);
  g_autoptr(ZcReception) r = reception_new_all (find_item ("retirement"), man, date);
  g_autoptr(ZcReception) r2 = reception_new_all (find_item ("retirement"), woman, date);
  g_autoptr(ZcReception) r3 = reception_new_all (find_item ("retirement"), woman2, date);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(ZcApplicant) mother = NULL;
  g_autoptr(ZcApplicant) father = NULL;
  g_autoptr(ZcReception) n = NULL;
  JsonObject *origin;

  g_assert_cmpstr (zc_reception_field_get_value (field (r, "retirement_date")), ==, "2027-01-08");
  g_assert_cmpint (zc_reception_field_get_source (field (r, "retirement_date")), ==, ZC_FIELD_SOURCE_COMPUTED);
  g_assert_cmpstr (zc_reception_field_get_source_label (field (r, "retirement_date")), ==,
                   "Statutory retirement age: 60 years 5 months");
  /* the record's own fields */
  assert_licence_source (r, "work_start_date", "1985-07-01", "social_insurance_record");
  assert_licence_source (r, "last_employer", "合肥某某机械有限公司", "social_insurance_record");

  g_assert_cmpstr (zc_reception_field_get_value (field (r2, "retirement_date")), ==, "2026-11-08");
  g_assert_cmpint (zc_reception_field_get_source (field (r2, "retirement_date")), ==, ZC_FIELD_SOURCE_COMPUTED);
  /* she reached it before the reception date: normal retirement; he has not yet: the clerk chooses */
  g_assert_cmpstr (zc_reception_field_get_value (field (r2, "retirement_type")), ==, "正常退休");
  g_assert_cmpint (zc_reception_field_get_source (field (r2, "retirement_type")), ==, ZC_FIELD_SOURCE_COMPUTED);
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "retirement_type")), ==, "");
  g_assert_nonnull (strstr (zc_reception_field_get_note (field (r, "retirement_type")), "2027-01-08"));

  /* a woman whose original statutory age is not on record: typed, and why */
  g_assert_cmpstr (zc_reception_field_get_value (field (r3, "retirement_date")), ==, "");
  g_assert_cmpint (zc_reception_field_get_source (field (r3, "retirement_date")), ==, ZC_FIELD_SOURCE_NONE);
  g_assert_nonnull (strstr (zc_reception_field_get_note (field (r3, "retirement_date")), "50 or 55"));

  /* still editable; the source is saved with the case */
  body = zc_reception_to_json (r);
  origin = json_object_get_object_member (json_object_get_object_member (body, "field_sources"), "retirement_date");
  g_assert_cmpstr (json_object_get_string_member (origin, "kind"), ==, "computed");
  g_assert_true (zc_reception_set_value (r, "retirement_date", "2027-03-01", NULL));
  g_assert_cmpint (zc_reception_field_get_source (field (r, "retirement_date")), ==, ZC_FIELD_SOURCE_TYPED);

  /* newborn: both parents 汉 → 汉; one parent 回 → asked */
  mother = person (MOTHER_ID, "陈芳", "女", NULL);
  father = person (FATHER_ID, "刘强", "男", NULL);
  n = reception_new_all (find_item ("newborn"), mother, date);
  zc_reception_set_party (n, "mother", mother);
  g_assert_cmpint (zc_reception_field_get_source (field (n, "newborn_ethnicity")), ==, ZC_FIELD_SOURCE_NONE);
  zc_reception_set_party (n, "father", father);
  g_assert_cmpstr (zc_reception_field_get_value (field (n, "newborn_ethnicity")), ==, "汉");
  g_assert_cmpint (zc_reception_field_get_source (field (n, "newborn_ethnicity")), ==, ZC_FIELD_SOURCE_COMPUTED);
  g_clear_object (&father);
  father = applicant_from (
    "{\"key\":\"" FATHER_ID "\",\"kind\":\"person\",\"name\":\"马强\",\"licences\":["
    "{\"type\":\"id_card\",\"number\":\"" FATHER_ID "\",\"holder\":\"" FATHER_ID "\",\"holder_name\":\"马强\","
    " \"issued_on\":\"2020-01-01\",\"valid_until\":\"2040-01-01\",\"revoked\":false,"
    " \"fields\":{\"name\":\"马强\",\"sex\":\"男\",\"ethnicity\":\"回\"}}],\"parties\":[]}");
  zc_reception_set_party (n, "father", father);
  g_assert_cmpstr (zc_reception_field_get_value (field (n, "newborn_ethnicity")), ==, "");
  g_assert_nonnull (zc_reception_field_get_note (field (n, "newborn_ethnicity")));
}

static char *
truck (const char *plate,
       const char *registered,
       const char *inspection_due)
{
  return g_strdup_printf ("{\"type\":\"vehicle_licence\",\"number\":\"%s\",\"holder\":\"" FOUNDER_ID "\","
                          "\"holder_name\":\"张三\",\"issuer\":\"合肥市公安局交通警察支队\",\"issued_on\":\"%s\","
                          "\"valid_until\":\"%s\",\"revoked\":false,\"fields\":{\"plate_number\":\"%s\","
                          "\"vehicle_type\":\"重型厢式货车\",\"use_nature\":\"货运\",\"owner\":\"张三\"}}",
                          plate, registered, inspection_due, plate);
}

/* 开办运输企业: the trucks the founder brings, counted and listed; the safety manager's certificate */
static void
test_aggregate (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autofree char *t1 = truck ("皖A·D1234", "2021-03-02", "2027-03-01");
  g_autofree char *t2 = truck ("皖A·5K3B2", "2019-06-10", "2027-06-09");
  g_autofree char *t3 = truck ("皖A·Q7788", "2018-01-05", "2026-01-04"); /* inspection overdue */
  g_autofree char *trucks = g_strjoin (",", t1, t2, t3, NULL);
  g_autoptr(ZcApplicant) founder = person (FOUNDER_ID, "张三", "男", trucks);
  g_autoptr(ZcApplicant) manager = person (STAFF_ID, "赵六", "女",
    "{\"type\":\"transport_qualification\",\"number\":\"3401002023041763\",\"holder\":\"" STAFF_ID "\","
    " \"holder_name\":\"赵六\",\"issuer\":\"合肥市交通运输局\",\"issued_on\":\"2023-04-01\","
    " \"valid_until\":\"2029-04-01\",\"revoked\":false,"
    " \"fields\":{\"name\":\"赵六\",\"category\":\"道路运输企业主要负责人和安全生产管理人员\"}}");
  g_autoptr(ZcReception) r = reception_new_all (find_item ("open_transport"), founder, date);
  g_autoptr(ZcApplicant) nobody = person (OWNER_ID, "王五", "男", NULL);
  g_autoptr(ZcReception) r2 = reception_new_all (find_item ("open_transport"), nobody, date);

  /* oldest first; the truck whose inspection is overdue does not count */
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "vehicle_plates")), ==, "皖A·5K3B2、皖A·D1234");
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "vehicle_count")), ==, "2");
  g_assert_cmpint (zc_reception_field_get_source (field (r, "vehicle_count")), ==, ZC_FIELD_SOURCE_LICENCE);
  g_assert_cmpstr (zc_reception_field_get_source_label (field (r, "vehicle_count")), ==, "From 2 × Vehicle licence");
  g_assert_null (zc_reception_field_get_error (field (r, "vehicle_count")));

  g_assert_cmpint (zc_reception_field_get_source (field (r, "safety_manager_name")), ==, ZC_FIELD_SOURCE_NONE);
  zc_reception_set_party (r, "safety_manager", manager);
  assert_licence_source (r, "safety_manager_name", "赵六", "transport_qualification");

  /* no truck: typed */
  g_assert_cmpstr (zc_reception_field_get_value (field (r2, "vehicle_count")), ==, "");
  g_assert_cmpint (zc_reception_field_get_source (field (r2, "vehicle_plates")), ==, ZC_FIELD_SOURCE_NONE);
}

static void
test_prefill_restaurant (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) founder = restaurant_founder ();
  g_autoptr(ZcApplicant) rep = person (LEGAL_REP_ID, "李四", "女", NULL);
  g_autoptr(ZcApplicant) staff = person (STAFF_ID, "赵六", "女",
    "{\"type\":\"health_certificate\",\"number\":\"HC2026-0012345\",\"holder\":\"" STAFF_ID "\","
    " \"holder_name\":\"赵六\",\"issued_on\":\"2026-02-01\",\"valid_until\":\"2027-02-01\",\"revoked\":false,"
    " \"fields\":{\"name\":\"赵六\",\"result\":\"合格\"}}");
  g_autoptr(ZcApplicant) owner = premises_owner ("null");
  g_autoptr(ZcReception) r = reception_new_all (find_item ("open_restaurant"), founder, date);
  g_autoptr(GListStore) cases = g_list_store_new (ZC_TYPE_CASE);
  g_autoptr(ZcCase) older = case_from ("{\"id\":1,\"number\":\"ZC-20250101-000001\",\"item\":\"retirement\","
                                       "\"item_name\":\"退休\",\"applicant\":\"" FOUNDER_ID "\",\"applicant_name\":\"张三\","
                                       "\"applicant_kind\":\"person\",\"state\":\"completed\",\"window\":\"A01\","
                                       "\"clerk\":\"c\",\"created_at\":\"2025-01-01T09:00:00+08:00\","
                                       "\"updated_at\":\"2025-01-01T09:00:00+08:00\",\"matters\":[],"
                                       "\"form\":{\"phone\":\"13900000000\"}}");
  g_autoptr(ZcCase) newer = case_from ("{\"id\":2,\"number\":\"ZC-20261003-000002\",\"item\":\"school_enrolment\","
                                       "\"item_name\":\"教育入学\",\"applicant\":\"" FOUNDER_ID "\",\"applicant_name\":\"张三\","
                                       "\"applicant_kind\":\"person\",\"state\":\"completed\",\"window\":\"A01\","
                                       "\"clerk\":\"c\",\"created_at\":\"2026-10-03T09:00:00+08:00\","
                                       "\"updated_at\":\"2026-10-03T09:00:00+08:00\",\"matters\":[],"
                                       "\"form\":{\"phone\":\"13812345678\"}}");
  ZcReceptionMaterial *rm;
  g_auto(GStrv) needed = NULL;
  guint changes = 0;

  g_signal_connect (r, "changed", G_CALLBACK (count_change), &changes);

  needed = zc_reception_dup_needed_parties (r);
  g_assert_true (g_strv_contains ((const char * const *) needed, "legal_representative"));
  g_assert_true (g_strv_contains ((const char * const *) needed, "premises_owner"));
  g_assert_true (g_strv_contains ((const char * const *) needed, "staff"));

  /* the founder's own id_card: the newer of two (the old one expired) */
  assert_licence_source (r, "applicant_name", "张三", "id_card");
  assert_licence_source (r, "applicant_id", FOUNDER_ID, "id_card");
  assert_licence_source (r, "applicant_sex", "男", "id_card");
  assert_licence_source (r, "applicant_address", "安徽省合肥市蜀山区长江西路 100 号", "id_card");
  g_assert_cmpstr (zc_reception_field_get_source_label (field (r, "applicant_id")), ==,
                   "From Resident identity card 3401**********1236");
  g_assert_cmpstr (zc_reception_field_get_source_licence_number (field (r, "applicant_id")), ==, FOUNDER_ID);
  /* parties not named yet: nothing prefilled for them */
  g_assert_cmpint (zc_reception_field_get_source (field (r, "legal_representative_name")), ==, ZC_FIELD_SOURCE_NONE);
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "legal_representative_name")), ==, "");
  g_assert_cmpint (zc_reception_material_get_status (material (r, "legal_representative_id_card")), !=,
                   ZC_MATERIAL_STATUS_EXEMPT);

  zc_reception_set_party (r, "legal_representative", rep);
  zc_reception_set_party (r, "staff", staff);
  zc_reception_set_party (r, "premises_owner", owner);
  g_assert_cmpuint (changes, ==, 3);

  assert_licence_source (r, "legal_representative_name", "李四", "id_card");
  assert_licence_source (r, "legal_representative_id", LEGAL_REP_ID, "id_card");
  assert_licence_source (r, "food_safety_manager_name", "赵六", "health_certificate");
  assert_licence_source (r, "health_certificate_number", "HC2026-0012345", "health_certificate");
  g_assert_cmpstr (zc_reception_field_get_source_label (field (r, "health_certificate_number")), ==,
                   "From Health certificate HC2026-***2345");
  assert_licence_source (r, "premises_address", "合肥市蜀山区黄山路 8 号 1 幢 101", "real_estate_certificate");
  assert_licence_source (r, "premises_area", "86.50", "real_estate_certificate");
  assert_licence_source (r, "property_certificate_number", "皖(2024)合肥市不动产权第0012345号", "real_estate_certificate");
  /* typed fields stay empty */
  g_assert_cmpint (zc_reception_field_get_source (field (r, "company_name")), ==, ZC_FIELD_SOURCE_NONE);

  /* materials: replaced by the parties' valid licences */
  rm = material (r, "legal_representative_id_card");
  g_assert_cmpint (zc_reception_material_get_status (rm), ==, ZC_MATERIAL_STATUS_EXEMPT);
  g_assert_cmpint (zc_reception_material_get_state (rm), ==, ZC_MATERIAL_STATE_EXEMPT);
  g_assert_cmpstr (zc_licence_get_holder (zc_reception_material_get_licence (rm)), ==, LEGAL_REP_ID);
  g_assert_cmpint (zc_reception_material_get_status (material (r, "applicant_id_card")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  g_assert_cmpint (zc_reception_material_get_status (material (r, "premises_use_proof")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  g_assert_cmpint (zc_reception_material_get_status (material (r, "staff_health_certificate")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  /* the articles of association only for a company, once the type says so */
  g_assert_null (material (r, "articles_of_association"));
  g_assert_true (zc_reception_set_value (r, "company_type", "有限责任公司(自然人独资)", NULL));
  g_assert_cmpint (zc_reception_material_get_status (material (r, "articles_of_association")), ==, ZC_MATERIAL_STATUS_REQUIRED);
  g_assert_true (zc_reception_set_value (r, "company_type", "个体工商户", NULL));
  g_assert_null (material (r, "articles_of_association"));
  g_assert_cmpint (zc_reception_material_get_status (material (r, "food_safety_rules")), ==, ZC_MATERIAL_STATUS_COMMITMENT);
  g_assert_cmpint (zc_reception_material_get_status (material (r, "floor_plan")), ==, ZC_MATERIAL_STATUS_TOLERABLE);
  g_assert_null (zc_reception_material_get_licence (material (r, "floor_plan")));

  /* the phone from the newest earlier case */
  g_list_store_append (cases, newer);
  g_list_store_append (cases, older);
  zc_reception_set_earlier_cases (r, G_LIST_MODEL (cases));
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "phone")), ==, "13812345678");
  g_assert_cmpint (zc_reception_field_get_source (field (r, "phone")), ==, ZC_FIELD_SOURCE_EARLIER_CASE);
  g_assert_cmpstr (zc_reception_field_get_source_label (field (r, "phone")), ==, "From the case of 2026-10-03");

  /* typing the prefilled value keeps its source; another value is typed */
  g_assert_true (zc_reception_set_value (r, "applicant_name", "张三", NULL));
  g_assert_cmpint (zc_reception_field_get_source (field (r, "applicant_name")), ==, ZC_FIELD_SOURCE_LICENCE);
  g_assert_true (zc_reception_set_value (r, "phone", "13955556666", NULL));
  g_assert_cmpint (zc_reception_field_get_source (field (r, "phone")), ==, ZC_FIELD_SOURCE_TYPED);
  g_assert_null (zc_reception_field_get_source_label (field (r, "phone")));
  /* a typed value survives a re-prefill (naming a party again) */
  zc_reception_set_party (r, "staff", NULL);
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "phone")), ==, "13955556666");
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "food_safety_manager_name")), ==, "");

  g_assert_cmpfloat (zc_reception_get_prefill_ratio (r), >, 0.3);
  g_assert_cmpfloat (zc_reception_get_exempt_ratio (r), >, 0.2);
}

static void
test_prefill_newborn (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) mother = person (MOTHER_ID, "陈芳", "女",
    "{\"type\":\"birth_certificate\",\"number\":\"R340123456\",\"holder\":\"" MOTHER_ID "\","
    " \"holder_name\":\"陈芳\",\"issued_on\":\"2026-11-20\",\"valid_until\":null,\"revoked\":false,"
    " \"fields\":{\"child_name\":\"\",\"sex\":\"女\",\"birth_date\":\"2026-11-18\","
    " \"birth_place\":\"安徽省合肥市蜀山区\",\"hospital\":\"安徽省妇幼保健院\"}},"
    "{\"type\":\"marriage_certificate\",\"number\":\"J340102-2019-001234\",\"holder\":\"" MOTHER_ID "\","
    " \"holder_name\":\"陈芳\",\"issued_on\":\"2019-05-20\",\"valid_until\":null,\"revoked\":false,"
    " \"fields\":{\"name\":\"陈芳\",\"spouse_name\":\"刘强\",\"spouse_id\":\"" FATHER_ID "\"}},"
    "{\"type\":\"household_register\",\"number\":\"340102012345\",\"holder\":\"" MOTHER_ID "\","
    " \"holder_name\":\"陈芳\",\"issued_on\":\"2019-06-01\",\"valid_until\":null,\"revoked\":false,"
    " \"fields\":{\"household_head\":\"刘强\",\"address\":\"安徽省合肥市蜀山区望江西路 9 号\","
    " \"district\":\"合肥市蜀山区\",\"relation_to_head\":\"配偶\"}}");
  g_autoptr(ZcApplicant) father = person (FATHER_ID, "刘强", "男", NULL);
  g_autoptr(ZcReception) r = reception_new_all (find_item ("newborn"), mother, date);

  zc_reception_set_party (r, "mother", mother);
  zc_reception_set_party (r, "father", father);

  assert_licence_source (r, "newborn_sex", "女", "birth_certificate");
  assert_licence_source (r, "newborn_birth_date", "2026-11-18", "birth_certificate");
  assert_licence_source (r, "birth_place", "安徽省合肥市蜀山区", "birth_certificate");
  assert_licence_source (r, "birth_certificate_number", "R340123456", "birth_certificate");
  assert_licence_source (r, "mother_name", "陈芳", "id_card");
  assert_licence_source (r, "mother_id", MOTHER_ID, "id_card");
  assert_licence_source (r, "father_name", "刘强", "id_card");
  assert_licence_source (r, "father_id", FATHER_ID, "id_card");
  assert_licence_source (r, "marriage_certificate_number", "J340102-2019-001234", "marriage_certificate");
  assert_licence_source (r, "household_address", "安徽省合肥市蜀山区望江西路 9 号", "household_register");
  assert_licence_source (r, "household_head_name", "刘强", "household_register");
  assert_licence_source (r, "insured_place", "合肥市蜀山区", "household_register");
  g_assert_cmpint (zc_reception_field_get_source (field (r, "newborn_name")), ==, ZC_FIELD_SOURCE_NONE);

  g_assert_cmpint (zc_reception_material_get_status (material (r, "birth_medical_certificate")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  g_assert_cmpint (zc_reception_material_get_status (material (r, "marriage_certificate")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  g_assert_cmpint (zc_reception_material_get_status (material (r, "household_register")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  g_assert_cmpint (zc_reception_material_get_status (material (r, "father_id_card")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  g_assert_cmpstr (zc_licence_get_number (zc_reception_material_get_licence (material (r, "marriage_certificate"))), ==,
                   "J340102-2019-001234");
  /* a birth date from the certificate passes the future-date check on the reception date */
  g_assert_null (zc_reception_field_get_error (field (r, "newborn_birth_date")));
}

/* Offline (the applicant typed by hand, no licence known): the ID
 * number and the name typed at step 1 prefill their fields, and the
 * birth date and sex come from the number; an enterprise's credit code
 * and name likewise. What no licence answers stays empty. */
static void
test_prefill_typed (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) typed = applicant_from (
    "{\"key\":\"" MOTHER_ID "\",\"kind\":\"person\",\"name\":\"李梅\",\"licences\":[]}");
  g_autoptr(ZcApplicant) company = applicant_from (
    "{\"key\":\"91350100M000100Y43\",\"kind\":\"enterprise\",\"name\":\"某某股份有限公司\",\"licences\":[]}");
  g_autoptr(ZcReception) r = reception_new_all (find_item ("retirement"), typed, date);
  g_autoptr(ZcReception) e = reception_new_all (find_item ("enterprise_change"), company, date);

  g_assert_cmpstr (zc_reception_field_get_value (field (r, "applicant_name")), ==, "李梅");
  g_assert_cmpint (zc_reception_field_get_source (field (r, "applicant_name")), ==, ZC_FIELD_SOURCE_COMPUTED);
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "applicant_id")), ==, MOTHER_ID);
  /* 1992-02-02; the 17th digit 8 is even: a woman */
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "applicant_birth_date")), ==, "1992-02-02");
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "applicant_sex")), ==, "女");
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "applicant_address")), ==, "");
  g_assert_cmpint (zc_reception_field_get_source (field (r, "applicant_address")), ==, ZC_FIELD_SOURCE_NONE);

  g_assert_cmpstr (zc_reception_field_get_value (field (e, "uscc")), ==, "91350100M000100Y43");
  g_assert_cmpstr (zc_reception_field_get_value (field (e, "company_name")), ==, "某某股份有限公司");
  g_assert_cmpstr (zc_reception_field_get_value (field (e, "registered_address")), ==, "");
}

static void
test_expired (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) founder = applicant_from (
    "{\"key\":\"" FOUNDER_ID "\",\"kind\":\"person\",\"name\":\"张三\",\"licences\":["
    "{\"type\":\"id_card\",\"number\":\"" FOUNDER_ID "\",\"holder\":\"" FOUNDER_ID "\",\"holder_name\":\"张三\","
    " \"issued_on\":\"2015-03-01\",\"valid_until\":\"2025-03-01\",\"revoked\":false,"
    " \"fields\":{\"name\":\"张三\",\"sex\":\"男\",\"address\":\"安徽省合肥市蜀山区长江西路 100 号\"}}]}");
  g_autoptr(ZcApplicant) owner = applicant_from (
    "{\"key\":\"" OWNER_ID "\",\"kind\":\"person\",\"name\":\"王五\",\"licences\":["
    "{\"type\":\"real_estate_certificate\",\"number\":\"皖(2024)合肥市不动产权第0012345号\","
    " \"holder\":\"" OWNER_ID "\",\"holder_name\":\"王五\",\"issued_on\":\"2024-03-01\",\"valid_until\":null,"
    " \"revoked\":true,\"fields\":{\"owner\":\"王五\",\"location\":\"合肥市蜀山区黄山路 8 号\",\"area\":\"86.50\"}}]}");
  g_autoptr(ZcReception) r = reception_new_all (find_item ("open_restaurant"), founder, date);
  ZcReceptionField *rf = field (r, "applicant_name");
  ZcReceptionMaterial *rm = material (r, "applicant_id_card");

  g_assert_cmpstr (zc_reception_field_get_value (rf), ==, "");
  g_assert_cmpint (zc_reception_field_get_source (rf), ==, ZC_FIELD_SOURCE_NONE);
  g_assert_cmpstr (zc_reception_field_get_note (rf), ==, "Resident identity card expired (2025-03-01)");
  g_assert_cmpint (zc_reception_material_get_status (rm), ==, ZC_MATERIAL_STATUS_REQUIRED);
  g_assert_cmpint (zc_reception_material_get_state (rm), ==, ZC_MATERIAL_STATE_PENDING);
  g_assert_null (zc_reception_material_get_licence (rm));
  g_assert_cmpstr (zc_reception_material_get_note (rm), ==, "Resident identity card expired (2025-03-01)");

  zc_reception_set_party (r, "premises_owner", owner);
  g_assert_cmpstr (zc_reception_field_get_value (field (r, "premises_address")), ==, "");
  g_assert_cmpstr (zc_reception_field_get_note (field (r, "premises_address")), ==,
                   "Real estate title certificate was revoked");
  g_assert_cmpint (zc_reception_material_get_status (material (r, "premises_use_proof")), ==,
                   ZC_MATERIAL_STATUS_COMMITMENT);
  g_assert_false (zc_reception_set_material_state (r, "premises_use_proof", ZC_MATERIAL_STATE_EXEMPT, NULL));

  /* valid on an earlier reception date */
  {
    g_autoptr(GDate) before = g_date_new_dmy (1, 2, 2025);
    g_autoptr(ZcReception) r2 = reception_new_all (find_item ("open_restaurant"), founder, before);

    g_assert_cmpint (zc_reception_field_get_source (field (r2, "applicant_name")), ==, ZC_FIELD_SOURCE_LICENCE);
    g_assert_cmpint (zc_reception_material_get_status (material (r2, "applicant_id_card")), ==, ZC_MATERIAL_STATUS_EXEMPT);
  }
}

typedef struct
{
  const char *key;
  const char *value;
  const char *message;      /* substring of the error, NULL = valid */
  const char *normalized;
} BadInput;

static void
test_bad_input (void)
{
  static const BadInput cases[] = {
    /* wrong check digit */
    { "applicant_id", "340102199001011234", "check", NULL },
    /* full-width digits are normalised */
    { "applicant_id", "３４０１０２１９９００１０１１２３６", NULL, FOUNDER_ID },
    { "applicant_id", "3401 0219 9001 0112 36", NULL, FOUNDER_ID },
    { "staff_count", "１２", NULL, "12" },
    { "staff_count", "十二", "Enter a number, e.g. 50", NULL },
    { "staff_count", "12人", "Enter a number, e.g. 50", NULL },
    { "staff_count", "-3", "cannot be negative", NULL },
    { "registered_capital", "1,000.5", NULL, "1000.5" },
    { "phone", "１３８ １２３４ ５６７８", NULL, "13812345678" },
    { "phone", "+86 138-1234-5678", NULL, "13812345678" },
    { "phone", "055112345678", NULL, "0551-12345678" },
    { "phone", "1381234567", "11-digit mobile number", NULL },
    { "phone", "12812345678", "11-digit mobile number", NULL },
    { "company_type", "有限公司", "is not one of the choices", NULL },
    { "company_type", "个体工商户", NULL, "个体工商户" },
    { "premises_address", "家里", "full address", NULL },
    { "premises_address", "合肥市蜀山区黄山路 8 号", NULL, "合肥市蜀山区黄山路 8 号" },
    { "company_name", "  合肥张三餐饮有限公司  ", NULL, "合肥张三餐饮有限公司" },
  };
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) founder = person (FOUNDER_ID, "张三", "男", NULL);
  g_autoptr(ZcReception) r = reception_new_all (find_item ("open_restaurant"), founder, date);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = zc_reception_set_value (r, cases[i].key, cases[i].value, &error);
      ZcReceptionField *rf = field (r, cases[i].key);

      g_test_message ("case %u: %s", i, cases[i].key);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (zc_reception_field_get_value (rf), ==, cases[i].normalized);
          g_assert_null (zc_reception_field_get_error (rf));
        }
      else
        {
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *expected_line = NULL;
          gboolean found = FALSE;

          g_assert_false (ok);
          g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE);
          g_assert_nonnull (strstr (error->message, cases[i].message));
          g_assert_nonnull (zc_reception_field_get_error (rf));
          /* the value is kept as typed */
          g_assert_cmpstr (zc_reception_field_get_value (rf), ==, cases[i].value);
          /* and blocks submit, with the field's label */
          g_assert_false (zc_reception_check (r, problems, NULL));
          expected_line = g_strdup_printf ("%s: %s",
                                           zc_form_field_get_label (zc_reception_field_get_field (rf)),
                                           error->message);
          for (guint p = 0; p < problems->len; p++)
            found |= g_str_equal (g_ptr_array_index (problems, p), expected_line);
          g_assert_true (found);
        }
    }

  /* birth dates: the future is refused on a field whose key names a birth */
  {
    g_autoptr(ZcApplicant) mother = person (MOTHER_ID, "陈芳", "女", NULL);
    g_autoptr(ZcReception) nb = reception_new_all (find_item ("newborn"), mother, date);
    g_autoptr(GError) error = NULL;

    g_assert_false (zc_reception_set_value (nb, "newborn_birth_date", "2026-12-01", &error));
    g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE);
    g_assert_nonnull (strstr (error->message, "cannot be after today (2026-11-27)"));
    g_clear_error (&error);
    g_assert_false (zc_reception_set_value (nb, "newborn_birth_date", "2026-02-30", &error));
    g_assert_nonnull (strstr (error->message, "not a real date"));
    g_clear_error (&error);
    g_assert_false (zc_reception_set_value (nb, "newborn_birth_date", "昨天", &error));
    g_assert_nonnull (strstr (error->message, "year-month-day"));
    g_clear_error (&error);
    g_assert_true (zc_reception_set_value (nb, "newborn_birth_date", "２０２６/11/5", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (zc_reception_field_get_value (field (nb, "newborn_birth_date")), ==, "2026-11-05");
    /* a future birth in an ID number is refused too */
    g_assert_false (zc_reception_set_value (nb, "father_id", "340102202712010017", &error));
    g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE);
  }

  /* an empty required field blocks submit with its own line */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GError) error = NULL;
    gboolean found = FALSE;

    g_assert_true (zc_reception_set_value (r, "staff_count", "", NULL));
    g_assert_null (zc_reception_field_get_error (field (r, "staff_count")));
    g_assert_false (zc_reception_check (r, problems, &error));
    g_assert_nonnull (error);
    for (guint p = 0; p < problems->len; p++)
      found |= g_str_equal (g_ptr_array_index (problems, p), "从业人数: required") ||
               g_str_has_suffix (g_ptr_array_index (problems, p), ": required");
    g_assert_true (found);
  }
}

/* A date range (核查期间起 … 止): the end may not precede the start; the
 * error is at the field typed last, clears once the range is right and
 * comes back on a saved case read again (as the platform reads it). */
static void
test_date_range (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) company = applicant_from (
    "{\"key\":\"91350100M000100Y43\",\"kind\":\"enterprise\",\"name\":\"某某股份有限公司\","
    "\"licences\":[],\"parties\":[]}");
  g_autoptr(ZcReception) r = zc_reception_new (find_item ("listing_compliance_check"), company, date);
  ZcReceptionField *start = field (r, "period_start");
  ZcReceptionField *end = field (r, "period_end");
  const char *start_label = zc_form_field_get_label (zc_reception_field_get_field (start));
  const char *end_label = zc_form_field_get_label (zc_reception_field_get_field (end));
  g_autofree char *before = g_strdup_printf ("Cannot be before %s (2026-03-01)", start_label);
  g_autofree char *after = g_strdup_printf ("Cannot be after %s (2026-01-31)", end_label);

  g_assert_cmpstr (zc_form_field_get_not_before (zc_reception_field_get_field (end)), ==, "period_start");

  /* one end alone says nothing */
  g_assert_true (zc_reception_set_value (r, "period_end", "2026-01-31", NULL));
  g_assert_null (zc_reception_field_get_error (end));

  /* the start typed after the end: the start is wrong */
  g_assert_true (zc_reception_set_value (r, "period_start", "2026-03-01", NULL));
  g_assert_nonnull (zc_reception_field_get_error (start));
  g_assert_cmpstr (zc_reception_field_get_error (start)->message, ==, after);
  g_assert_null (zc_reception_field_get_error (end));

  /* the end typed again, still before: now the end is wrong */
  g_assert_true (zc_reception_set_value (r, "period_end", "2026/1/31", NULL));
  g_assert_null (zc_reception_field_get_error (start));
  g_assert_nonnull (zc_reception_field_get_error (end));
  g_assert_cmpstr (zc_reception_field_get_error (end)->message, ==, before);
  {
    g_autoptr(GPtrArray) problems = zc_reception_dup_problems (r);
    gboolean found = FALSE;

    for (guint i = 0; i < problems->len; i++)
      {
        ZcReceptionProblem *problem = g_ptr_array_index (problems, i);

        if (problem->subject == ZC_PROBLEM_SUBJECT_FIELD && g_str_equal (problem->key, "period_end"))
          {
            g_assert_cmpint (problem->code, ==, ZC_RECEPTION_ERROR_INVALID_VALUE);
            g_assert_nonnull (strstr (problem->message, before));
            found = TRUE;
          }
        g_assert_false (problem->subject == ZC_PROBLEM_SUBJECT_FIELD && g_str_equal (problem->key, "period_start"));
      }
    g_assert_true (found);
  }

  /* read back as the platform does: the same problem, at the end */
  {
    g_autoptr(JsonObject) saved = zc_reception_to_json (r);
    g_autoptr(ZcReception) again = zc_reception_new (find_item ("listing_compliance_check"), company, date);
    g_autoptr(GError) error = NULL;

    g_assert_true (zc_reception_restore (again, saved, &error));
    g_assert_no_error (error);
    g_assert_nonnull (zc_reception_field_get_error (field (again, "period_end")));
    g_assert_null (zc_reception_field_get_error (field (again, "period_start")));
  }

  /* a case sent by another client with the dates in the other forms a
   * date is taken in (full-width digits, slashes, no leading zeros,
   * spaces): the range is checked on the dates they stand for */
  {
    static const char *const starts[] = { "２０２６-03-01", "2026/3/1", " 2026-03-01 ", "20260301" };

    for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
      {
        g_autoptr(JsonObject) saved = zc_reception_to_json (r);
        JsonObject *form = json_object_get_object_member (saved, "form");
        g_autoptr(ZcReception) again = zc_reception_new (find_item ("listing_compliance_check"), company, date);
        g_autoptr(GError) error = NULL;

        json_object_set_string_member (form, "period_start", starts[i]);
        json_object_set_string_member (form, "period_end", "2026-1-31\n");
        g_assert_true (zc_reception_restore (again, saved, &error));
        g_assert_no_error (error);
        g_assert_null (zc_reception_field_get_error (field (again, "period_start")));
        g_assert_nonnull (zc_reception_field_get_error (field (again, "period_end")));
        g_assert_cmpstr (zc_reception_field_get_error (field (again, "period_end"))->message, ==, before);
      }
  }

  /* a one-day range is a range; a start moved back clears it */
  g_assert_true (zc_reception_set_value (r, "period_end", "2026-03-01", NULL));
  g_assert_null (zc_reception_field_get_error (start));
  g_assert_null (zc_reception_field_get_error (end));
  g_assert_true (zc_reception_set_value (r, "period_end", "2026-02-01", NULL));
  g_assert_nonnull (zc_reception_field_get_error (end));
  g_assert_true (zc_reception_set_value (r, "period_start", "2025-01-01", NULL));
  g_assert_null (zc_reception_field_get_error (start));
  g_assert_null (zc_reception_field_get_error (end));

  /* an empty or unfinished start: only the value's own error, if any */
  g_assert_true (zc_reception_set_value (r, "period_start", "", NULL));
  g_assert_null (zc_reception_field_get_error (end));
  g_assert_false (zc_reception_set_value (r, "period_start", "2027-0", NULL));
  g_assert_null (zc_reception_field_get_error (end));
  g_assert_false (g_str_has_prefix (zc_reception_field_get_error (start)->message, "Cannot be"));
}

/* Fill everything: the check passes; then each kind of problem is listed. */
static void
test_check (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) founder = restaurant_founder ();
  g_autoptr(ZcApplicant) rep = person (LEGAL_REP_ID, "李四", "女", NULL);
  g_autoptr(ZcApplicant) staff = person (STAFF_ID, "赵六", "女", NULL);
  g_autoptr(ZcApplicant) owner = premises_owner ("null");
  g_autoptr(ZcApplicant) breach = applicant_from (
    "{\"key\":\"" FOUNDER_ID "\",\"kind\":\"person\",\"name\":\"张三\",\"serious_credit_breach\":true}");
  g_autoptr(ZcReception) r = reception_new_all (find_item ("open_restaurant"), founder, date);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GListModel *fields;
  GListModel *materials;

  zc_reception_set_matter_chosen (r, "signboard", FALSE, NULL);
  zc_reception_set_matter_chosen (r, "drainage_permit", FALSE, NULL);
  zc_reception_set_matter_chosen (r, "fire_safety_inspection", FALSE, NULL);

  g_assert_false (zc_reception_check (r, problems, &error));
  g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_PARTY_MISSING);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "Name the 法定代表人");
  g_clear_error (&error);

  zc_reception_set_party (r, "legal_representative", rep);
  zc_reception_set_party (r, "staff", staff);
  zc_reception_set_party (r, "premises_owner", owner);

  fields = zc_reception_get_fields (r);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      ZcFormField *f = zc_reception_field_get_field (rf);
      const char *key = zc_form_field_get_key (f);
      const char *value = NULL;

      if (zc_reception_field_get_value (rf)[0] != '\0' || !zc_form_field_get_required (f))
        continue;
      switch (zc_form_field_get_field_type (f))
        {
        case ZC_FIELD_CHOICE:
          value = zc_form_field_get_choices (f)[0];
          break;
        case ZC_FIELD_NUMBER:
          value = "8";
          break;
        case ZC_FIELD_PHONE:
          value = "13812345678";
          break;
        default:
          value = "合肥张三餐饮有限公司";
          break;
        }
      g_assert_true (zc_reception_set_value (r, key, value, NULL));
    }

  materials = zc_reception_get_materials (r);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);
      const char *code = zc_material_get_code (m);

      if (zc_reception_material_get_status (rm) == ZC_MATERIAL_STATUS_EXEMPT)
        {
          g_assert_false (zc_reception_set_material_state (r, code, ZC_MATERIAL_STATE_RECEIVED, NULL));
          continue;
        }
      if (!zc_material_get_tolerable (m))
        g_assert_false (zc_reception_set_material_state (r, code, ZC_MATERIAL_STATE_DEFERRED, NULL));
      if (!zc_material_get_commitment_allowed (m))
        g_assert_false (zc_reception_set_material_state (r, code, ZC_MATERIAL_STATE_COMMITTED, NULL));
      g_assert_true (zc_reception_set_material_state (r, code,
                                                      zc_material_get_tolerable (m) ? ZC_MATERIAL_STATE_DEFERRED
                                                      : zc_material_get_commitment_allowed (m) ? ZC_MATERIAL_STATE_COMMITTED
                                                      : ZC_MATERIAL_STATE_RECEIVED, NULL));
    }

  g_ptr_array_set_size (problems, 0);
  g_assert_true (zc_reception_check (r, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* a serious credit breach: no commitment */
  {
    g_autoptr(ZcReception) rb = reception_new_all (find_item ("open_restaurant"), breach, date);

    g_assert_false (zc_reception_set_material_state (rb, "food_safety_rules", ZC_MATERIAL_STATE_COMMITTED, &error));
    g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_MATERIAL);
    g_clear_error (&error);
    g_assert_true (zc_reception_set_material_state (rb, "food_safety_rules", ZC_MATERIAL_STATE_RECEIVED, &error));
  }

  /* all problems at once: an invalid value and a pending material */
  g_assert_false (zc_reception_set_value (r, "staff_count", "abc", NULL));
  g_assert_true (zc_reception_set_material_state (r, "articles_of_association", ZC_MATERIAL_STATE_PENDING, NULL));
  g_ptr_array_set_size (problems, 0);
  g_assert_false (zc_reception_check (r, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 2);
}

static char *
to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
test_round_trip (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) founder = restaurant_founder ();
  g_autoptr(ZcApplicant) rep = person (LEGAL_REP_ID, "李四", "女", NULL);
  g_autoptr(ZcApplicant) owner = premises_owner ("null");
  g_autoptr(ZcReception) r = reception_new_all (find_item ("open_restaurant"), founder, date);
  g_autoptr(ZcReception) r2 = reception_new_all (find_item ("open_restaurant"), founder, date);
  g_autoptr(ZcReception) r3 = reception_new_all (find_item ("open_restaurant"), founder, date);
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) again3 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *text3 = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  zc_reception_set_party (r, "legal_representative", rep);
  zc_reception_set_party (r, "premises_owner", owner);
  zc_reception_set_matter_chosen (r, "signboard", FALSE, NULL);
  zc_reception_set_value (r, "company_name", "合肥张三餐饮有限公司", NULL);
  zc_reception_set_value (r, "staff_count", "十二", NULL);          /* invalid, kept */
  zc_reception_set_value (r, "applicant_address", "", NULL);        /* a cleared prefill */
  zc_reception_set_value (r, "premises_area", "90", NULL);          /* prefill overridden */
  zc_reception_set_material_state (r, "floor_plan", ZC_MATERIAL_STATE_DEFERRED, NULL);
  zc_reception_set_material_state (r, "articles_of_association", ZC_MATERIAL_STATE_RECEIVED, NULL);
  zc_reception_set_material_state (r, "food_safety_rules", ZC_MATERIAL_STATE_COMMITTED, NULL);

  saved = zc_reception_to_json (r);
  text = to_text (saved);
  g_assert_nonnull (strstr (text, "\"kind\":\"licence\""));
  g_assert_nonnull (strstr (text, "\"licence_number\":\"" FOUNDER_ID "\""));
  g_assert_null (strstr (text, "signboard"));

  /* parties first, then restore */
  zc_reception_set_party (r2, "legal_representative", rep);
  zc_reception_set_party (r2, "premises_owner", owner);
  g_signal_connect (r2, "changed", G_CALLBACK (count_change), &changes);
  g_assert_true (zc_reception_restore (r2, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, >, 0);
  again = zc_reception_to_json (r2);
  text2 = to_text (again);
  g_assert_cmpstr (text2, ==, text);
  g_assert_nonnull (zc_reception_field_get_error (field (r2, "staff_count")));
  g_assert_cmpint (zc_reception_field_get_source (field (r2, "premises_area")), ==, ZC_FIELD_SOURCE_TYPED);

  /* restore first, then the parties (as from a saved draft) */
  g_assert_true (zc_reception_restore (r3, saved, &error));
  g_assert_cmpint (zc_reception_field_get_source (field (r3, "legal_representative_name")), ==, ZC_FIELD_SOURCE_LICENCE);
  zc_reception_set_party (r3, "legal_representative", rep);
  zc_reception_set_party (r3, "premises_owner", owner);
  again3 = zc_reception_to_json (r3);
  text3 = to_text (again3);
  g_assert_cmpstr (text3, ==, text);

  /* bad drafts are refused and change nothing */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    const char *bad[] = {
      "{\"item\":\"newborn\"}",
      "{\"item\":\"open_restaurant\",\"matters\":[\"nope\"]}",
      "{\"item\":\"open_restaurant\",\"form\":[1]}",
      "{\"item\":\"open_restaurant\",\"form\":{\"company_name\":5}}",
      "{\"item\":\"open_restaurant\",\"materials\":{\"floor_plan\":\"lost\"}}",
      "{\"item\":\"open_restaurant\",\"applicant\":\"" OWNER_ID "\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonObject) after = NULL;
        g_autofree char *after_text = NULL;

        json_parser_load_from_data (parser, bad[i], -1, NULL);
        g_assert_false (zc_reception_restore (r2, json_node_get_object (json_parser_get_root (parser)), &error));
        g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_DRAFT);
        g_clear_error (&error);
        after = zc_reception_to_json (r2);
        after_text = to_text (after);
        g_assert_cmpstr (after_text, ==, text);
      }
  }
}

static void
test_mask_and_labels (void)
{
  g_assert_cmpstr (zc_material_state_to_string (ZC_MATERIAL_STATE_DEFERRED), ==, "deferred");
  g_assert_cmpint (zc_material_state_from_string ("committed"), ==, ZC_MATERIAL_STATE_COMMITTED);
  g_assert_cmpint (zc_material_state_from_string ("bogus"), ==, ZC_MATERIAL_STATE_PENDING);
  g_assert_cmpstr (zc_material_status_label (ZC_MATERIAL_STATUS_EXEMPT), ==, "Exempt");
}

/* 社会保障卡: the guardian, the 户口簿 and the guardian's ID only for a
 * minor (age from the ID number on the reception date); 原社会保障卡
 * only when the card is damaged; what does not apply is not listed,
 * not needed, not sent, not counted */
static gboolean
strv_has (GStrv strv, const char *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

static void
test_applicability_adult_and_minor (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) elder = person ("340102194903151235", "张桂英", "女", NULL);
  g_autoptr(ZcApplicant) child = person ("340102201506104526", "李小雨", "女", NULL);
  g_autoptr(ZcApplicant) almost = person ("340102200811280011", "王一", "男", NULL);
  g_autoptr(ZcApplicant) just = person ("340102200811270016", "王二", "男", NULL);
  g_autoptr(ZcApplicant) guardian = person (MOTHER_ID, "李娜", "女", NULL);
  ZcCatalogueItem *item = find_item ("social_security_card_services");
  g_autoptr(ZcReception) adult = zc_reception_new (item, elder, date);
  g_autoptr(ZcReception) minor = zc_reception_new (item, child, date);
  g_autoptr(ZcReception) r17 = zc_reception_new (item, almost, date);
  g_autoptr(ZcReception) r18 = zc_reception_new (item, just, date);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_auto(GStrv) adult_parties = NULL;
  g_auto(GStrv) minor_parties = NULL;
  double adult_ratio;

  g_assert_cmpint (zc_reception_get_applicant_age (adult), ==, 77);
  g_assert_cmpint (zc_reception_get_applicant_age (minor), ==, 11);
  g_assert_cmpint (zc_reception_get_applicant_age (r17), ==, 17);
  g_assert_cmpint (zc_reception_get_applicant_age (r18), ==, 18);
  g_assert_cmpstr (zc_reception_get_applicant_kind (adult), ==, "person");
  g_assert_false (zc_reception_party_applies (r18, "guardian"));
  g_assert_true (zc_reception_party_applies (r17, "guardian"));

  g_assert_true (zc_reception_set_matter_chosen (adult, "card_application", TRUE, NULL));
  g_assert_true (zc_reception_set_matter_chosen (minor, "card_application", TRUE, NULL));

  /* the adult: no guardian anywhere */
  adult_parties = zc_reception_dup_needed_parties (adult);
  g_assert_false (strv_has (adult_parties, "guardian"));
  g_assert_null (material (adult, "guardian_id_card"));
  g_assert_null (material (adult, "household_register"));
  g_assert_nonnull (material (adult, "id_card"));
  g_assert_false (zc_reception_field_get_applicable (field (adult, "guardian_name")));
  problems = zc_reception_dup_problems (adult);
  for (guint i = 0; i < problems->len; i++)
    {
      ZcReceptionProblem *p = g_ptr_array_index (problems, i);
      g_assert_cmpstr (p->key, !=, "guardian");
      g_assert_cmpstr (p->key, !=, "guardian_name");
      g_assert_cmpstr (p->key, !=, "guardian_id_card");
    }
  /* a guardian named by mistake is not sent, and counts for nothing */
  adult_ratio = zc_reception_get_prefill_ratio (adult);
  zc_reception_set_party (adult, "guardian", guardian);
  g_assert_cmpfloat (zc_reception_get_prefill_ratio (adult), ==, adult_ratio);
  body = zc_reception_to_json (adult);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "parties")), ==, 0);
  g_assert_false (json_object_has_member (json_object_get_object_member (body, "form"), "guardian_name"));
  g_assert_false (json_object_has_member (json_object_get_object_member (body, "materials"), "guardian_id_card"));

  /* the minor: the guardian is asked for, with the 户口簿 */
  minor_parties = zc_reception_dup_needed_parties (minor);
  g_assert_true (strv_has (minor_parties, "guardian"));
  g_assert_nonnull (material (minor, "guardian_id_card"));
  g_assert_nonnull (material (minor, "household_register"));
  g_assert_true (zc_reception_field_get_applicable (field (minor, "guardian_name")));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = zc_reception_dup_problems (minor);
  {
    gboolean asked = FALSE;

    for (guint i = 0; i < problems->len; i++)
      asked |= g_strcmp0 (((ZcReceptionProblem *) g_ptr_array_index (problems, i))->key, "guardian") == 0;
    g_assert_true (asked);
  }
  zc_reception_set_party (minor, "guardian", guardian);
  g_assert_cmpstr (zc_reception_field_get_value (field (minor, "guardian_name")), ==, "李娜");

  /* 原社会保障卡 only when the card is damaged; the mailing address only when mailed */
  g_assert_true (zc_reception_set_matter_chosen (adult, "card_replacement", TRUE, NULL));
  g_assert_null (material (adult, "old_card"));
  g_assert_true (zc_reception_set_value (adult, "replacement_reason", "遗失", NULL));
  g_assert_null (material (adult, "old_card"));
  g_assert_true (zc_reception_set_value (adult, "replacement_reason", "损坏", NULL));
  g_assert_nonnull (material (adult, "old_card"));
  g_assert_false (zc_reception_field_get_applicable (field (adult, "mailing_address")));
  g_assert_true (zc_reception_set_value (adult, "delivery_mode", "邮寄到家", NULL));
  g_assert_true (zc_reception_field_get_applicable (field (adult, "mailing_address")));
}

/* Optional sub-matters start left out; of an exclusive group one at most */
static void
test_exclusive_matters (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) elder = person ("340102194903151235", "张桂英", "女", NULL);
  ZcCatalogueItem *item = find_item ("social_security_card_services");
  g_autoptr(ZcReception) r = zc_reception_new (item, elder, date);
  g_auto(GStrv) none = zc_reception_dup_chosen_matters (r);
  g_auto(GStrv) chosen = NULL;

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpstr (zc_matter_get_exclusive (zc_catalogue_item_find_matter (item, "card_application")), ==, "card");
  g_assert_cmpstr (zc_matter_get_exclusive (zc_catalogue_item_find_matter (item, "loss_report")), ==, "card");
  g_assert_null (zc_matter_get_exclusive (zc_catalogue_item_find_matter (item, "info_change")));

  g_assert_true (zc_reception_set_matter_chosen (r, "card_application", TRUE, NULL));
  g_assert_true (zc_reception_set_matter_chosen (r, "info_change", TRUE, NULL));
  g_assert_true (zc_reception_set_matter_chosen (r, "card_replacement", TRUE, NULL));
  g_assert_false (zc_reception_get_matter_chosen (r, "card_application"));
  g_assert_true (zc_reception_get_matter_chosen (r, "card_replacement"));
  /* outside the group nothing changes */
  g_assert_true (zc_reception_get_matter_chosen (r, "info_change"));
  g_assert_true (zc_reception_set_matter_chosen (r, "loss_report", TRUE, NULL));
  chosen = zc_reception_dup_chosen_matters (r);
  g_assert_cmpuint (g_strv_length (chosen), ==, 2);
  g_assert_true (strv_has (chosen, "loss_report"));
  g_assert_true (strv_has (chosen, "info_change"));

  /* a required sub-matter starts chosen (新生儿: 出生户口登记) */
  {
    g_autoptr(ZcApplicant) mother = person (MOTHER_ID, "李娜", "女", NULL);
    g_autoptr(ZcReception) nb = zc_reception_new (find_item ("newborn"), mother, date);

    g_assert_true (zc_reception_get_matter_chosen (nb, "household_registration"));
    g_assert_false (zc_reception_get_matter_chosen (nb, "social_security_card"));
  }
}

/* 非父母户籍地落户: no record tells, the clerk answers; the answer is
 * recorded with the case and restored */
static void
test_settle_away (void)
{
  g_autoptr(GDate) date = reception_date ();
  g_autoptr(ZcApplicant) mother = person (MOTHER_ID, "李娜", "女", NULL);
  g_autoptr(ZcReception) r = zc_reception_new (find_item ("newborn"), mother, date);
  g_autoptr(ZcReception) again = zc_reception_new (find_item ("newborn"), mother, date);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) questions = zc_reception_dup_questions (r);

  g_assert_true (strv_has (questions, "settle_away"));
  g_assert_cmpstr (zc_catalogue_item_get_question_label (find_item ("newborn"), "settle_away"), ==,
                   "在父母户籍地以外落户");
  g_assert_false (zc_reception_get_answer (r, "settle_away"));
  g_assert_null (material (r, "residence_commitment"));

  g_assert_true (zc_reception_set_answer (r, "settle_away", TRUE, NULL));
  g_assert_nonnull (material (r, "residence_commitment"));
  body = zc_reception_to_json (r);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "answers"), "settle_away"));
  g_assert_true (json_object_has_member (json_object_get_object_member (body, "materials"), "residence_commitment"));

  /* restored from the draft */
  g_assert_true (zc_reception_restore (again, body, &error));
  g_assert_no_error (error);
  g_assert_true (zc_reception_get_answer (again, "settle_away"));
  g_assert_nonnull (material (again, "residence_commitment"));

  /* no: gone again; a question the item does not ask is refused */
  g_assert_true (zc_reception_set_answer (r, "settle_away", FALSE, NULL));
  g_assert_null (material (r, "residence_commitment"));
  g_assert_false (zc_reception_set_answer (r, "rented_home", TRUE, &error));
  g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* a draft answering a question the item does not have is refused whole */
  json_object_set_object_member (body, "answers", json_object_new ());
  json_object_set_boolean_member (json_object_get_object_member (body, "answers"), "no_such", TRUE);
  g_assert_false (zc_reception_restore (again, body, &error));
  g_assert_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_DRAFT);
  g_assert_true (zc_reception_get_answer (again, "settle_away"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  path = g_build_filename (g_getenv ("ZC_DATA_DIR") ? g_getenv ("ZC_DATA_DIR") : ".", "catalogue.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  catalogue = zc_catalogue_parse (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  g_test_add_func ("/reception/merge-every-item", test_merge_every_item);
  g_test_add_func ("/reception/optional-matter", test_optional_matter);
  g_test_add_func ("/reception/when", test_when);
  g_test_add_func ("/reception/computed", test_computed);
  g_test_add_func ("/reception/aggregate", test_aggregate);
  g_test_add_func ("/reception/prefill/open-restaurant", test_prefill_restaurant);
  g_test_add_func ("/reception/prefill/newborn", test_prefill_newborn);
  g_test_add_func ("/reception/prefill/typed", test_prefill_typed);
  g_test_add_func ("/reception/expired-licence", test_expired);
  g_test_add_func ("/reception/bad-input", test_bad_input);
  g_test_add_func ("/reception/check", test_check);
  g_test_add_func ("/reception/date-range", test_date_range);
  g_test_add_func ("/reception/round-trip", test_round_trip);
  g_test_add_func ("/reception/labels", test_mask_and_labels);
  g_test_add_func ("/reception/applicability/adult-and-minor", test_applicability_adult_and_minor);
  g_test_add_func ("/reception/applicability/exclusive-matters", test_exclusive_matters);
  g_test_add_func ("/reception/applicability/settle-away", test_settle_away);

  status = g_test_run ();
  g_clear_object (&catalogue);
  return status;
}
