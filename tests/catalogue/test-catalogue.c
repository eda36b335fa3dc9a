/* test-catalogue.c — the catalogue types and the demo catalogue data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "zc-catalogue.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

static GListModel *
load_demo_catalogue (void)
{
  const char *dir = g_getenv ("ZC_DATA_DIR");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  GListModel *items;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "catalogue.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  items = zc_catalogue_parse (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static ZcCatalogueItem *
find_item (GListModel *items,
           const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (zc_catalogue_item_get_name (item), name) == 0)
        return item;  /* the model keeps a reference */
    }
  return NULL;
}

static ZcFormField *
find_field (ZcCatalogueItem *item,
            const char      *key)
{
  GListModel *fields = zc_catalogue_item_get_fields (item);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcFormField) field = g_list_model_get_item (fields, i);

      if (g_strcmp0 (zc_form_field_get_key (field), key) == 0)
        return field;
    }
  return NULL;
}

static ZcMaterial *
find_material_replaced_by (ZcCatalogueItem *item,
                           const char      *party,
                           const char      *licence_type)
{
  GListModel *materials = zc_catalogue_item_get_materials (item);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) material = g_list_model_get_item (materials, i);

      if (g_strcmp0 (zc_material_get_party (material), party) == 0 &&
          g_strcmp0 (zc_material_get_replaced_by (material), licence_type) == 0)
        return material;
    }
  return NULL;
}

/* The licence fields of /work/licence-fields.md (the names the demo
 * licence library is generated with) plus the top-level members. */
static const struct {
  const char *type;
  const char *fields;
} licence_fields[] = {
  { "id_card", "name sex ethnicity birth_date address" },
  { "household_register", "household_head household_head_id relation_to_head address registration_type district "
                          "name sex birth_date ethnicity" },
  { "social_security_card", "name social_security_number bank insured_place issued_city" },
  { "marriage_certificate", "name spouse_name spouse_id registered_on registration_office" },
  { "birth_certificate", "child_name sex birth_date birth_place hospital mother_name mother_id father_name father_id" },
  { "disability_certificate", "name disability_category disability_level guardian_name" },
  { "health_certificate", "name sex exam_date institution result occupation" },
  { "real_estate_certificate", "owner location area usage right_type" },
  { "business_licence", "company_name company_type legal_representative legal_representative_id registered_capital "
                        "registered_address business_scope established_on phone" },
  { "food_business_permit", "operator_name legal_representative premises_address main_business_type business_items "
                            "food_safety_manager" },
  { "road_transport_permit", "operator_name legal_representative address business_scope vehicle_count" },
  { "social_insurance_record", "name insured_place work_start_date employer contribution_months status "
                               "original_retirement_age" },
  { "housing_fund_certificate", "name employer account_status opened_on" },
  { "administrative_penalty_decision", "subject_name breach_type violation penalty fulfilled_on" },
  { "bankruptcy_ruling", "subject_name administrator_name administrator_decision_number ruling" },
  { "liquidation_filing", "liquidation_leader established_on creditor_notice_date" },
  { "listing_guidance_filing", "subject_name listing_board sponsor filed_on" },
  { "vehicle_licence", "plate_number vehicle_type brand_model use_nature owner" },
  { "transport_qualification", "name category first_issued_on" },
};

static gboolean
is_licence_field (const char *type,
                  const char *field)
{
  static const char * const top[] = { "number", "holder", "holder_name", "issuer", "issued_on", "valid_until", NULL };

  if (g_strv_contains (top, field))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (licence_fields); i++)
    if (strcmp (licence_fields[i].type, type) == 0)
      {
        g_auto(GStrv) names = g_strsplit (licence_fields[i].fields, " ", -1);
        return g_strv_contains ((const char * const *) names, field);
      }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* the demo catalogue                                                  */
/* ------------------------------------------------------------------ */

static const struct {
  const char *name;
  const char *subject;
} national_items[] = {
  { "企业信息变更", "enterprise" },
  { "开办运输企业", "person" },      /* the founder applies */
  { "开办餐饮店", "person" },
  { "水电气网联合报装", "enterprise" },
  { "信用修复", "enterprise" },
  { "企业上市合法合规信息核查", "enterprise" },
  { "企业破产信息核查", "enterprise" },
  { "企业注销登记", "enterprise" },
  { "新生儿出生", "person" },
  { "教育入学", "person" },
  { "社会保障卡居民服务", "person" },
  { "残疾人服务", "person" },
  { "退休", "person" },
};

static void
test_demo_items (void)
{
  g_autoptr(GListModel) items = load_demo_catalogue ();
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, G_N_ELEMENTS (national_items));
  for (guint i = 0; i < G_N_ELEMENTS (national_items); i++)
    {
      ZcCatalogueItem *item = find_item (items, national_items[i].name);
      const char *code;
      const char *initials;

      g_test_message ("item %s", national_items[i].name);
      g_assert_nonnull (item);
      g_assert_cmpstr (zc_catalogue_item_get_subject (item), ==, national_items[i].subject);

      code = zc_catalogue_item_get_code (item);
      g_assert_true (g_hash_table_add (codes, (gpointer) code));
      for (const char *p = code; *p; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_');

      /* one pinyin initial per character of the name */
      initials = zc_catalogue_item_get_initials (item);
      g_assert_cmpuint (strlen (initials), ==, g_utf8_strlen (national_items[i].name, -1));
      for (const char *p = initials; *p; p++)
        g_assert_true (g_ascii_islower (*p));

      g_assert_nonnull (zc_catalogue_item_get_lead_department (item));
      g_assert_nonnull (zc_catalogue_item_get_description (item));
      g_assert_cmpuint (g_list_model_get_n_items (zc_catalogue_item_get_matters (item)), >=, 2);
      g_assert_cmpuint (g_list_model_get_n_items (zc_catalogue_item_get_fields (item)), >=, 8);
      g_assert_cmpuint (g_list_model_get_n_items (zc_catalogue_item_get_materials (item)), >=, 3);
    }
}

static void
test_demo_consistency (void)
{
  g_autoptr(GListModel) items = load_demo_catalogue ();
  guint replaced = 0, tolerable = 0, commitment = 0, plain = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (items, i);
      GListModel *matters = zc_catalogue_item_get_matters (item);
      GListModel *fields = zc_catalogue_item_get_fields (item);
      GListModel *materials = zc_catalogue_item_get_materials (item);
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
      guint sourced = 0;

      g_test_message ("item %s", zc_catalogue_item_get_code (item));
      for (guint k = 0; k < g_list_model_get_n_items (matters); k++)
        {
          g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, k);

          g_assert_cmpuint (zc_matter_get_time_limit_days (matter), >=, 1);
          g_assert_cmpuint (zc_matter_get_time_limit_days (matter), <=, 60);
          g_assert_nonnull (zc_matter_get_department (matter));
        }

      for (guint k = 0; k < g_list_model_get_n_items (fields); k++)
        {
          g_autoptr(ZcFormField) field = g_list_model_get_item (fields, k);
          const char *type = zc_form_field_get_source_licence_type (field);
          const char * const *fm = zc_form_field_get_matters (field);

          g_assert_nonnull (zc_catalogue_item_get_party_label (item, zc_form_field_get_party (field)));
          for (guint m = 0; fm != NULL && fm[m] != NULL; m++)
            g_assert_nonnull (zc_catalogue_item_find_matter (item, fm[m]));
          if (type != NULL)
            {
              if (!is_licence_field (type, zc_form_field_get_source_field (field)))
                g_error ("%s: %s.%s is not a licence field", zc_form_field_get_key (field),
                         type, zc_form_field_get_source_field (field));
              sourced++;
            }
          else if (zc_form_field_get_from_earlier_cases (field))
            sourced++;
          if (zc_form_field_get_field_type (field) == ZC_FIELD_CHOICE)
            {
              g_assert_nonnull (zc_form_field_get_choices (field));
              g_assert_nonnull (zc_form_field_get_choices (field)[0]);
            }
          else
            g_assert_null (zc_form_field_get_choices (field));
        }
      /* at least half of every merged form comes from licences or earlier cases */
      g_assert_cmpuint (sourced * 2, >=, g_list_model_get_n_items (fields));

      for (guint k = 0; k < g_list_model_get_n_items (materials); k++)
        {
          g_autoptr(ZcMaterial) material = g_list_model_get_item (materials, k);
          const char * const *mm = zc_material_get_matters (material);

          /* each material once per item */
          g_assert_true (g_hash_table_add (names, (gpointer) zc_material_get_name (material)));
          g_assert_nonnull (zc_catalogue_item_get_party_label (item, zc_material_get_party (material)));
          g_assert_nonnull (mm);
          g_assert_nonnull (mm[0]);
          for (guint m = 0; mm[m] != NULL; m++)
            {
              g_assert_nonnull (zc_catalogue_item_find_matter (item, mm[m]));
              g_hash_table_add (used, (gpointer) mm[m]);
            }
          if (zc_material_get_replaced_by (material) != NULL)
            {
              g_assert_nonnull (zc_licence_type_label (zc_material_get_replaced_by (material)));
              replaced++;
            }
          if (zc_material_get_tolerable (material))
            tolerable++;
          if (zc_material_get_commitment_allowed (material))
            commitment++;
          if (zc_material_get_replaced_by (material) == NULL && !zc_material_get_tolerable (material) &&
              !zc_material_get_commitment_allowed (material))
            plain++;
        }
      /* every sub-matter asks for at least one material */
      g_assert_cmpuint (g_hash_table_size (used), ==, g_list_model_get_n_items (matters));
    }
  g_assert_cmpuint (replaced, >=, 13);
  g_assert_cmpuint (tolerable, >=, 13);
  g_assert_cmpuint (commitment, >=, 5);
  g_assert_cmpuint (plain, >=, 13);
}

static guint
count_matches (GListModel  *items,
               const char  *query,
               const char **only)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (items, i);

      if (zc_catalogue_item_matches (item, query))
        {
          n++;
          *only = zc_catalogue_item_get_name (item);
        }
    }
  return n;
}

static void
test_search (void)
{
  g_autoptr(GListModel) items = load_demo_catalogue ();
  static const struct {
    const char *query;
    guint       count;
    const char *only;   /* when count is 1 */
  } cases[] = {
    { "kbcyd", 1, "开办餐饮店" },
    { "KBCyd", 1, "开办餐饮店" },
    { "kbc", 1, "开办餐饮店" },
    { " kbcyd ", 1, "开办餐饮店" },
    { "餐饮", 1, "开办餐饮店" },
    { "开办餐饮店", 1, "开办餐饮店" },
    { "xsecs", 1, "新生儿出生" },
    { "xse", 1, "新生儿出生" },
    { "出生", 1, "新生儿出生" },
    { "tx", 1, "退休" },
    { "kb", 2, NULL },         /* 开办运输企业, 开办餐饮店 */
    { "qy", 4, NULL },         /* 企业信息变更, 上市, 破产, 注销 */
    { "企业", 5, NULL },       /* … and 开办运输企业 */
    { "cyd", 0, NULL },        /* initials match from the start only */
    { "kbcydx", 0, NULL },
    { "餐饮店铺", 0, NULL },
    { "", 13, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *only = NULL;

      g_test_message ("query “%s”", cases[i].query);
      g_assert_cmpuint (count_matches (items, cases[i].query, &only), ==, cases[i].count);
      if (cases[i].only != NULL)
        g_assert_cmpstr (only, ==, cases[i].only);
    }
}

/* The merged forms of the domain (two lists kept from the policy text), with their prefill sources */
typedef struct {
  const char *key;
  const char *label;         /* the label starts with this */
  const char *party;
  const char *licence_type;  /* NULL: typed, or earlier cases when earlier is set */
  const char *field;
  gboolean    earlier;
} Expected;

static const Expected restaurant_fields[] = {
  { "applicant_name", "申请人姓名", "applicant", "id_card", "name" },
  { "applicant_id", "身份证号", "applicant", "id_card", "number" },
  { "applicant_sex", "性别", "applicant", "id_card", "sex" },
  { "applicant_address", "住址", "applicant", "id_card", "address" },
  { "phone", "联系电话", "applicant", NULL, NULL, TRUE },
  { "company_name", "拟用企业名称", "applicant", NULL, NULL },
  { "company_type", "企业类型", "applicant", NULL, NULL },
  { "registered_capital", "注册资本", "applicant", NULL, NULL },
  { "premises_address", "经营场所地址", "premises_owner", "real_estate_certificate", "location" },
  { "premises_area", "经营场所面积", "premises_owner", "real_estate_certificate", "area" },
  { "property_certificate_number", "不动产权证号", "premises_owner", "real_estate_certificate", "number" },
  { "legal_representative_name", "法定代表人姓名", "legal_representative", "id_card", "name" },
  { "legal_representative_id", "法定代表人身份证号", "legal_representative", "id_card", "number" },
  { "business_items", "经营项目", "applicant", NULL, NULL },
  { "main_business_type", "主体业态", "applicant", NULL, NULL },
  { "staff_count", "从业人数", "applicant", NULL, NULL },
  { "food_safety_manager_name", "食品安全管理员姓名", "staff", "health_certificate", "name" },
  { "health_certificate_number", "健康证明编号", "staff", "health_certificate", "number" },
  { "sign_size", "招牌尺寸", "applicant", NULL, NULL },
  { "sign_location", "招牌设置位置", "applicant", NULL, NULL },
  { "drainage_type", "排水户类型", "applicant", NULL, NULL },
};

static const Expected newborn_fields[] = {
  { "newborn_name", "新生儿姓名", "applicant", NULL, NULL },
  { "newborn_sex", "性别", "mother", "birth_certificate", "sex" },
  { "newborn_birth_date", "出生日期", "mother", "birth_certificate", "birth_date" },
  { "birth_place", "出生地点", "mother", "birth_certificate", "birth_place" },
  { "birth_certificate_number", "出生医学证明编号", "mother", "birth_certificate", "number" },
  { "mother_name", "母亲姓名", "mother", "id_card", "name" },
  { "mother_id", "母亲身份证号", "mother", "id_card", "number" },
  { "father_name", "父亲姓名", "father", "id_card", "name" },
  { "father_id", "父亲身份证号", "father", "id_card", "number" },
  { "marriage_certificate_number", "结婚证号", "mother", "marriage_certificate", "number" },
  { "household_address", "户籍地址", "applicant", "household_register", "address" },
  { "household_head_name", "户主姓名", "applicant", "household_register", "household_head" },
  { "relation_to_head", "与户主关系", "applicant", NULL, NULL },
  { "phone", "联系电话", "applicant", NULL, NULL, TRUE },
  { "insured_place", "参保地", "applicant", "household_register", "district" },
  { "card_mailing_address", "社保卡邮寄地址", "applicant", NULL, NULL },
};

static void
check_fields (ZcCatalogueItem *item,
              const Expected  *expected,
              gsize            n)
{
  for (gsize i = 0; i < n; i++)
    {
      ZcFormField *field = find_field (item, expected[i].key);

      g_test_message ("field %s", expected[i].key);
      g_assert_nonnull (field);
      g_assert_true (g_str_has_prefix (zc_form_field_get_label (field), expected[i].label));
      g_assert_cmpstr (zc_form_field_get_party (field), ==, expected[i].party);
      g_assert_cmpstr (zc_form_field_get_source_licence_type (field), ==, expected[i].licence_type);
      if (expected[i].licence_type != NULL)
        g_assert_cmpstr (zc_form_field_get_source_field (field), ==, expected[i].field);
      g_assert_cmpint (zc_form_field_get_from_earlier_cases (field), ==, expected[i].earlier);
    }
}

static void
test_restaurant (void)
{
  g_autoptr(GListModel) items = load_demo_catalogue ();
  ZcCatalogueItem *item = find_item (items, "开办餐饮店");
  static const char * const departments[] = { "市场监督管理局", "消防救援大队", "城市管理局", "水务局", NULL };
  ZcMaterial *material;
  ZcFormField *field;

  g_assert_nonnull (item);
  g_assert_cmpstr (zc_catalogue_item_get_code (item), ==, "open_restaurant");
  g_assert_cmpstr (zc_catalogue_item_get_initials (item), ==, "kbcyd");
  check_fields (item, restaurant_fields, G_N_ELEMENTS (restaurant_fields));

  g_assert_cmpuint (g_list_model_get_n_items (zc_catalogue_item_get_matters (item)), ==, 5);
  for (guint i = 0; departments[i] != NULL; i++)
    {
      gboolean found = FALSE;
      GListModel *matters = zc_catalogue_item_get_matters (item);

      for (guint k = 0; k < g_list_model_get_n_items (matters); k++)
        {
          g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, k);
          found |= g_strcmp0 (zc_matter_get_department (matter), departments[i]) == 0;
        }
      g_assert_true (found);
    }

  /* the legal representative's ID card is 免提交 and asked once for two matters */
  material = find_material_replaced_by (item, "legal_representative", "id_card");
  g_assert_nonnull (material);
  g_assert_true (g_strv_contains (zc_material_get_matters (material), "business_licence"));
  g_assert_true (g_strv_contains (zc_material_get_matters (material), "food_business_permit"));
  /* the premises proof may be replaced by a commitment */
  material = find_material_replaced_by (item, "premises_owner", "real_estate_certificate");
  g_assert_nonnull (material);
  g_assert_true (zc_material_get_commitment_allowed (material));
  /* the 告知承诺书 of the food business permit has its template */
  {
    const char *conditions = NULL, *consequences = NULL;
    const char * const *commitments = NULL;

    g_assert_true (zc_matter_get_commitment_template (zc_catalogue_item_find_matter (item, "food_business_permit"),
                                                      &conditions, &commitments, &consequences));
    g_assert_nonnull (strstr (conditions, "食品"));
    g_assert_cmpuint (g_strv_length ((GStrv) commitments), >=, 1);
    g_assert_nonnull (strstr (consequences, "撤销"));
    g_assert_false (zc_matter_get_commitment_template (zc_catalogue_item_find_matter (item, "business_licence"),
                                                       NULL, NULL, NULL));
  }
  /* the food-safety manager's health certificate comes from the licence library */
  g_assert_nonnull (find_material_replaced_by (item, "staff", "health_certificate"));

  field = find_field (item, "sign_size");
  g_assert_true (zc_form_field_is_needed_by (field, "signboard"));
  g_assert_false (zc_form_field_is_needed_by (field, "food_business_permit"));
  field = find_field (item, "applicant_name");
  g_assert_true (zc_form_field_is_needed_by (field, "drainage_permit"));
  g_assert_cmpstr (zc_catalogue_item_get_party_label (item, "staff"), ==, "食品安全管理员");
  g_assert_null (zc_catalogue_item_get_party_label (item, "spouse"));
}

static void
test_newborn (void)
{
  g_autoptr(GListModel) items = load_demo_catalogue ();
  ZcCatalogueItem *item = find_item (items, "新生儿出生");
  ZcMaterial *material;

  g_assert_nonnull (item);
  g_assert_cmpstr (zc_catalogue_item_get_code (item), ==, "newborn");
  g_assert_cmpstr (zc_catalogue_item_get_initials (item), ==, "xsecs");
  check_fields (item, newborn_fields, G_N_ELEMENTS (newborn_fields));
  g_assert_cmpuint (g_list_model_get_n_items (zc_catalogue_item_get_matters (item)), ==, 5);

  /* the birth certificate is electronic: 免提交 */
  material = find_material_replaced_by (item, "mother", "birth_certificate");
  g_assert_nonnull (material);
  g_assert_true (g_strv_contains (zc_material_get_matters (material), "household_registration"));
  g_assert_nonnull (find_material_replaced_by (item, "mother", "id_card"));
  g_assert_nonnull (find_material_replaced_by (item, "father", "id_card"));
  g_assert_nonnull (find_material_replaced_by (item, "applicant", "household_register"));
  g_assert_nonnull (find_material_replaced_by (item, "mother", "marriage_certificate"));

  /* the form by person: the newborn's sex is prefilled from the mother's
   * licence but describes the newborn, whose group comes first */
  {
    g_autoptr(GPtrArray) grouped = zc_catalogue_item_dup_fields_by_person (item);
    g_autoptr(GPtrArray) order = g_ptr_array_new ();
    ZcFormField *sex = find_field (item, "newborn_sex");

    g_assert_cmpstr (zc_form_field_get_party (sex), ==, "mother");
    g_assert_cmpstr (zc_form_field_get_about (sex), ==, "newborn");
    g_assert_cmpstr (zc_catalogue_item_get_about_label (item, "newborn"), ==, "新生儿");
    g_assert_cmpstr (zc_catalogue_item_get_about_label (item, "mother"), ==, "母亲");
    g_assert_cmpuint (grouped->len, ==, g_list_model_get_n_items (zc_catalogue_item_get_fields (item)));
    /* each person's fields together, the persons in the order they first
     * appear, the fields in catalogue order within */
    for (guint i = 0; i < grouped->len; i++)
      {
        const char *about = zc_form_field_get_about (g_ptr_array_index (grouped, i));

        if (order->len == 0 || g_strcmp0 (g_ptr_array_index (order, order->len - 1), about) != 0)
          {
            g_assert_false (g_ptr_array_find_with_equal_func (order, about, g_str_equal, NULL));
            g_ptr_array_add (order, (gpointer) about);
          }
      }
    g_assert_cmpstr (g_ptr_array_index (order, 0), ==, "newborn");
    g_assert_cmpstr (g_ptr_array_index (order, 1), ==, "mother");
    g_assert_true (g_ptr_array_index (grouped, 1) == (gpointer) sex);
  }
}

static void
test_properties (void)
{
  g_autoptr(GListModel) items = load_demo_catalogue ();
  ZcCatalogueItem *item = find_item (items, "退休");
  g_autoptr(GListModel) matters = NULL;
  g_autoptr(ZcMatter) matter = NULL;
  g_autoptr(ZcFormField) field = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  guint days = 0;
  ZcFieldType type = ZC_FIELD_CHOICE;

  g_object_get (item, "code", &code, "matters", &matters, NULL);
  g_assert_cmpstr (code, ==, "retirement");
  g_assert_true (matters == zc_catalogue_item_get_matters (item));

  matter = g_list_model_get_item (matters, 0);
  g_object_get (matter, "name", &name, "time-limit-days", &days, NULL);
  g_assert_cmpstr (name, ==, zc_matter_get_name (matter));
  g_assert_cmpuint (days, ==, zc_matter_get_time_limit_days (matter));
  g_assert_cmpuint (days, >, 0);

  field = g_list_model_get_item (zc_catalogue_item_get_fields (item), 0);
  g_object_get (field, "field-type", &type, NULL);
  g_assert_cmpint (type, ==, zc_form_field_get_field_type (field));
}

static void
test_licence_types (void)
{
  const char * const *types = zc_licence_types ();
  ZcFieldType type;

  g_assert_cmpuint (g_strv_length ((char **) types), ==, 19);
  for (guint i = 0; types[i] != NULL; i++)
    g_assert_nonnull (zc_licence_type_label (types[i]));
  g_assert_true (g_strv_contains (types, "road_transport_permit"));
  g_assert_true (g_strv_contains (types, "liquidation_filing"));
  g_assert_null (zc_licence_type_label ("passport"));
  g_assert_null (zc_licence_type_label (NULL));

  g_assert_true (zc_field_type_from_string ("address", &type));
  g_assert_cmpint (type, ==, ZC_FIELD_ADDRESS);
  g_assert_cmpstr (zc_field_type_to_string (ZC_FIELD_ID), ==, "id");
  g_assert_false (zc_field_type_from_string ("Text", &type));
  g_assert_false (zc_field_type_from_string (NULL, &type));
}

/* ------------------------------------------------------------------ */
/* malformed input                                                     */
/* ------------------------------------------------------------------ */

static const char base_item[] =
  "{\"code\":\"t\",\"name\":\"测试事项\",\"initials\":\"CSSX\",\"subject\":\"person\","
  "\"lead_department\":\"测试局\",\"description\":null,"
  "\"parties\":[{\"role\":\"agent\",\"label\":\"代理人\"}],"
  "\"matters\":[{\"code\":\"m1\",\"name\":\"子事项一\",\"department\":\"测试局\",\"time_limit_days\":5,\"optional\":false},"
  "            {\"code\":\"m2\",\"name\":\"子事项二\",\"department\":\"另一局\",\"time_limit_days\":0,\"optional\":true}],"
  "\"fields\":[{\"key\":\"f1\",\"label\":\"姓名\",\"type\":\"text\",\"required\":true,\"party\":\"applicant\","
  "             \"source\":{\"licence_type\":\"id_card\",\"field\":\"name\"}},"
  "           {\"key\":\"f2\",\"label\":\"电话\",\"type\":\"phone\",\"required\":false,\"party\":\"agent\","
  "             \"source\":{\"earlier_cases\":true,\"field\":\"phone\"}},"
  "           {\"key\":\"f3\",\"label\":\"类型\",\"type\":\"choice\",\"required\":true,\"party\":\"applicant\","
  "             \"source\":null,\"choices\":[\"甲\",\"乙\"],\"matters\":[\"m2\"]}],"
  "\"materials\":[{\"code\":\"a\",\"name\":\"身份证\",\"party\":\"applicant\",\"matters\":[\"m1\",\"m2\"],"
  "                \"replaced_by\":\"id_card\",\"tolerable\":false,\"commitment_allowed\":false},"
  "               {\"code\":\"b\",\"name\":\"委托书\",\"party\":\"agent\",\"matters\":[\"m1\"],"
  "                \"replaced_by\":null,\"tolerable\":true,\"commitment_allowed\":false}]}";

/* Sets (or, with value NULL, removes) the member at @path (“a.0.b”) */
static void
mutate (JsonNode   *root,
        const char *path,
        const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;
  g_autoptr(JsonNode) replacement = NULL;

  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), (guint) g_ascii_strtoull (parts[i], NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }
  if (value != NULL)
    {
      g_autoptr(GError) error = NULL;

      replacement = json_from_string (value, &error);
      g_assert_no_error (error);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint index = (guint) g_ascii_strtoull (parts[n - 1], NULL, 10);

      if (value == NULL)
        json_array_remove_element (array, index);
      else if (index == json_array_get_length (array))
        json_array_add_element (array, g_steal_pointer (&replacement));
      else
        g_assert_not_reached ();
    }
  else if (value == NULL)
    json_object_remove_member (json_node_get_object (node), parts[n - 1]);
  else
    json_object_set_member (json_node_get_object (node), parts[n - 1], g_steal_pointer (&replacement));
}

static void
test_valid_base (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (base_item, &error);
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(ZcFormField) f2 = NULL;
  g_autoptr(ZcFormField) f3 = NULL;
  g_autoptr(ZcMaterial) b = NULL;

  g_assert_no_error (error);
  item = zc_catalogue_item_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zc_catalogue_item_get_initials (item), ==, "cssx");
  g_assert_null (zc_catalogue_item_get_description (item));
  g_assert_true (zc_catalogue_item_matches (item, "cs"));
  g_assert_true (zc_catalogue_item_matches (item, "事项"));
  g_assert_false (zc_catalogue_item_matches (item, "sx"));
  g_assert_false (zc_catalogue_item_matches (item, "\xff\xfe"));
  g_assert_cmpuint (zc_matter_get_time_limit_days (zc_catalogue_item_find_matter (item, "m2")), ==, 0);
  g_assert_null (zc_catalogue_item_find_matter (item, "m3"));
  g_assert_cmpstr (zc_catalogue_item_get_party_roles (item)[0], ==, "agent");
  g_assert_null (zc_catalogue_item_get_party_roles (item)[1]);

  f2 = g_list_model_get_item (zc_catalogue_item_get_fields (item), 1);
  g_assert_true (zc_form_field_get_from_earlier_cases (f2));
  g_assert_null (zc_form_field_get_source_licence_type (f2));
  g_assert_cmpstr (zc_form_field_get_source_field (f2), ==, "phone");
  g_assert_null (zc_form_field_get_matters (f2));
  f3 = g_list_model_get_item (zc_catalogue_item_get_fields (item), 2);
  g_assert_cmpstr (zc_form_field_get_choices (f3)[1], ==, "乙");
  g_assert_false (zc_form_field_is_needed_by (f3, "m1"));
  g_assert_null (zc_form_field_get_when_field (f3));
  g_assert_true (zc_form_field_applies_to (f3, NULL));
  b = g_list_model_get_item (zc_catalogue_item_get_materials (item), 1);
  g_assert_null (zc_material_get_replaced_by (b));
  g_assert_true (zc_material_get_tolerable (b));
}

static void
test_when (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (base_item, &error);
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(ZcFormField) f4 = NULL;

  g_assert_no_error (error);
  mutate (node, "fields.3",
          "{\"key\":\"f4\",\"label\":\"乙的说明\",\"type\":\"text\",\"required\":true,"
          "\"party\":\"applicant\",\"source\":null,\"when\":{\"field\":\"f3\",\"in\":[\"乙\"]}}");
  item = zc_catalogue_item_new_from_json (node, &error);
  g_assert_no_error (error);
  f4 = g_list_model_get_item (zc_catalogue_item_get_fields (item), 3);
  g_assert_cmpstr (zc_form_field_get_when_field (f4), ==, "f3");
  g_assert_cmpstr (zc_form_field_get_when_values (f4)[0], ==, "乙");
  g_assert_true (zc_form_field_applies_to (f4, "乙"));
  g_assert_false (zc_form_field_applies_to (f4, "甲"));
  g_assert_false (zc_form_field_applies_to (f4, ""));
  g_assert_false (zc_form_field_applies_to (f4, NULL));
}

/* "when" on a material and a party, a question, an exclusive group */
static void
test_conditions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (base_item, &error);
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(ZcMaterial) a = NULL;
  const ZcCondition *c;
  ZcConditionFacts facts = { .age = 17, .applicant_kind = "person" };

  g_assert_no_error (error);
  mutate (node, "questions", "[{\"code\":\"q1\",\"label\":\"问一\",\"matters\":[\"m2\"]}]");
  mutate (node, "materials.0.when", "{\"any\":[{\"question\":\"q1\"},{\"field\":\"f3\",\"in\":[\"乙\"]}]}");
  mutate (node, "parties.0.when", "{\"age_below\":18,\"applicant_kind\":\"person\"}");
  mutate (node, "matters.2", "{\"code\":\"m3\",\"name\":\"子事项三\",\"department\":\"测试局\","
          "\"time_limit_days\":1,\"optional\":true,\"exclusive\":\"g\"}");
  mutate (node, "matters.1.exclusive", "\"g\"");
  item = zc_catalogue_item_new_from_json (node, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (zc_catalogue_item_get_questions (item)[0], ==, "q1");
  g_assert_cmpstr (zc_catalogue_item_get_question_label (item, "q1"), ==, "问一");
  g_assert_cmpstr (zc_catalogue_item_get_question_matters (item, "q1")[0], ==, "m2");
  g_assert_null (zc_catalogue_item_get_question_label (item, "q2"));
  g_assert_cmpstr (zc_matter_get_exclusive (zc_catalogue_item_find_matter (item, "m3")), ==, "g");
  g_assert_null (zc_matter_get_exclusive (zc_catalogue_item_find_matter (item, "m1")));

  c = zc_catalogue_item_get_party_condition (item, "agent");
  g_assert_nonnull (c);
  g_assert_true (zc_condition_holds (c, &facts));
  facts.age = 18;
  g_assert_false (zc_condition_holds (c, &facts));
  facts.age = -1;   /* unknown: an age rule does not hold */
  g_assert_false (zc_condition_holds (c, &facts));
  facts.age = 10;
  facts.applicant_kind = "enterprise";
  g_assert_false (zc_condition_holds (c, &facts));
  g_assert_null (zc_catalogue_item_get_party_condition (item, "applicant"));

  a = g_list_model_get_item (zc_catalogue_item_get_materials (item), 0);
  c = zc_material_get_condition (a);
  g_assert_true (zc_condition_uses_question (c, "q1"));
  g_assert_false (zc_condition_holds (c, &facts));  /* no answer, no field value */
  g_assert_true (zc_condition_holds (NULL, &facts));
  g_assert_cmpint (zc_age_on (&(GDate) { 0 }, NULL), ==, -1);
}

static void
test_malformed_items (void)
{
  static const struct {
    const char *path;
    const char *value;     /* JSON; NULL removes the member */
    const char *expected;  /* in the message */
  } cases[] = {
    { "code", NULL, "#1: code is missing" },
    { "code", "7", "#1: code is not a string" },
    { "code", "\"\"", "#1: code is empty" },
    { "name", NULL, "item t: name is missing" },
    { "name", "[]", "item t: name is not a string" },
    { "initials", "null", "item t: initials" },
    { "subject", "\"company\"", "item t: subject" },
    { "lead_department", "{}", "item t: lead_department is not a string" },
    { "description", "12", "item t: description is not a string" },
    { "parties", "{}", "item t: parties is not an array" },
    { "parties.1", "\"spouse\"", "item t: parties[1] is not an object" },
    { "parties.1", "{\"role\":\"spouse\"}", "item t: parties[1].label is missing" },
    { "parties.1", "{\"role\":\"agent\",\"label\":\"x\"}", "item t: parties[1].role repeats" },
    { "matters", NULL, "item t: matters is missing" },
    { "matters", "[]", "item t: matters is empty" },
    { "matters", "{\"code\":\"m1\"}", "item t: matters is not an array" },
    { "matters.2", "3", "item t: matters[2] is not an object" },
    { "matters.0.department", NULL, "item t: matters[0].department is missing" },
    { "matters.0.time_limit_days", "\"5\"", "item t: matters[0].time_limit_days is not a whole number" },
    { "matters.0.time_limit_days", "5.5", "item t: matters[0].time_limit_days is not a whole number" },
    { "matters.0.time_limit_days", "-1", "item t: matters[0].time_limit_days is not between" },
    { "matters.0.time_limit_days", "100000000000", "item t: matters[0].time_limit_days is not between" },
    { "matters.1.optional", "\"yes\"", "item t: matters[1].optional is not true or false" },
    { "matters.1.code", "\"m1\"", "item t: matters[1].code repeats the sub-matter code “m1”" },
    { "fields", NULL, "item t: fields is missing" },
    { "fields.1.type", "\"email\"", "item t: fields[1].type names an unknown field type “email”" },
    { "fields.1.type", "null", "item t: fields[1].type is not a string" },
    { "fields.1.key", "\"f1\"", "item t: fields[1].key repeats the field key “f1”" },
    { "fields.0.required", NULL, "item t: fields[0].required is missing" },
    { "fields.0.party", "\"spouse\"", "item t: fields[0].party names a party the item does not list" },
    { "fields.0.about", "\"newborn\"", "item t: fields[0].about names neither a party nor a person" },
    { "fields.0.about", "3", "item t: fields[0].about is not a string" },
    { "persons", "{}", "item t: persons is not an array" },
    { "persons", "[{\"key\":\"agent\",\"label\":\"x\"}]", "item t: persons[0].key repeats" },
    { "persons", "[{\"key\":\"newborn\"}]", "item t: persons[0].label is missing" },
    { "fields.0.source", "\"id_card\"", "item t: fields[0].source is not an object" },
    { "fields.0.source", "{}", "item t: fields[0].source names neither" },
    { "fields.0.source.licence_type", "\"passport\"", "item t: fields[0].source.licence_type names an unknown licence type “passport”" },
    { "fields.0.source.field", NULL, "item t: fields[0].source.field is missing" },
    { "fields.0.source.aggregate", "\"sum\"", "item t: fields[0].source.aggregate is neither “list” nor “count”" },
    { "fields.0.source.aggregate", "3", "item t: fields[0].source.aggregate is not a string" },
    { "fields.0.source", "{\"computed\":\"age\"}", "item t: fields[0].source.computed names an unknown rule “age”" },
    { "fields.0.source", "{\"computed\":7}", "item t: fields[0].source.computed is not a string" },
    { "fields.1.source.earlier_cases", "1", "item t: fields[1].source.earlier_cases is not true or false" },
    { "fields.2.choices", NULL, "item t: fields[2].choices is missing" },
    { "fields.2.choices", "[]", "item t: fields[2].choices is empty" },
    { "fields.2.choices", "[\"甲\",2]", "item t: fields[2].choices[1] is not a string" },
    { "fields.2.matters", "\"m2\"", "item t: fields[2].matters is not an array" },
    { "fields.2.matters", "[\"m9\"]", "item t: fields[2].matters[0] names an unknown sub-matter “m9”" },
    { "fields.1.when", "\"f3\"", "item t: fields[1].when is not an object" },
    { "fields.1.when", "{\"in\":[\"甲\"]}", "item t: fields[1].when.field is missing" },
    { "fields.1.when", "{\"field\":\"f3\"}", "item t: fields[1].when.in is missing" },
    { "fields.1.when", "{\"field\":\"f3\",\"in\":[]}", "item t: fields[1].when.in is empty" },
    { "fields.1.when", "{\"field\":\"f3\",\"in\":[\"甲\"]}", "item t: fields[1].when.field names “f3”, which is no field listed before it" },
    { "fields.1.when", "{\"field\":\"f1\",\"in\":[\"甲\"]}", "item t: fields[1].when.field names “f1”, which is not a choice field" },
    { "fields.2.when", "{\"field\":\"f2\",\"in\":[\"甲\"]}", "item t: fields[2].when.field names “f2”, which is not a choice field" },
    { "fields.3", "{\"key\":\"f4\",\"label\":\"x\",\"type\":\"text\",\"required\":true,\"party\":\"applicant\",\"source\":null,\"when\":{\"field\":\"f3\",\"in\":[\"丙\"]}}",
      "item t: fields[3].when.in lists “丙”, which is not a choice of “f3”" },
    { "fields.1.not_before", "\"f1\"", "item t: fields[1].not_before is given for a field that is not a date" },
    { "fields.3", "{\"key\":\"f4\",\"label\":\"止\",\"type\":\"date\",\"required\":true,\"party\":\"applicant\",\"source\":null,\"not_before\":\"f1\"}",
      "item t: fields[3].not_before names “f1”, which is not a date field" },
    { "fields.3", "{\"key\":\"f4\",\"label\":\"止\",\"type\":\"date\",\"required\":true,\"party\":\"applicant\",\"source\":null,\"not_before\":\"f4\"}",
      "item t: fields[3].not_before names “f4”, which is no other field of the item" },
    { "fields.3", "{\"key\":\"f4\",\"label\":\"止\",\"type\":\"date\",\"required\":true,\"party\":\"applicant\",\"source\":null,\"not_before\":7}",
      "item t: fields[3].not_before is not a string" },
    { "materials", "null", "item t: materials is not an array" },
    { "materials.0.matters", "\"m1\"", "item t: materials[0].matters is not an array" },
    { "materials.1.matters", NULL, "item t: materials[1].matters is missing" },
    { "materials.1.matters", "[]", "item t: materials[1].matters is empty" },
    { "materials.1.matters", "[\"m1\",\"m1\"]", "item t: materials[1].matters[1] repeats “m1”" },
    { "materials.1.matters", "[\"m2\",\"m3\"]", "item t: materials[1].matters[1] names an unknown sub-matter “m3”" },
    { "materials.1.code", "\"a\"", "item t: materials[1].code repeats the material code “a”" },
    { "materials.0.replaced_by", "\"idcard\"", "item t: materials[0].replaced_by names an unknown licence type" },
    { "materials.0.replaced_by", "false", "item t: materials[0].replaced_by is not a string" },
    { "materials.0.tolerable", NULL, "item t: materials[0].tolerable is missing" },
    { "materials.0.commitment_allowed", "\"否\"", "item t: materials[0].commitment_allowed is not true or false" },
    { "materials.1.party", "\"mother\"", "item t: materials[1].party names a party the item does not list" },
    { "materials.2", "[]", "item t: materials[2] is not an object" },
    /* applicability: conditions, questions, exclusive sub-matters */
    { "fields.1.when", "{}", "item t: fields[1].when states no condition" },
    { "fields.1.when", "{\"age_below\":-1}", "item t: fields[1].when.age_below is not an age" },
    { "fields.1.when", "{\"age_at_least\":\"18\"}", "item t: fields[1].when.age_at_least is not a whole number" },
    { "fields.1.when", "{\"applicant_kind\":\"child\"}", "item t: fields[1].when.applicant_kind is neither" },
    { "fields.1.when", "{\"question\":\"q9\"}", "item t: fields[1].when.question names a question the item does not ask: “q9”" },
    { "fields.1.when", "{\"any\":[]}", "item t: fields[1].when.any is empty" },
    { "fields.1.when", "{\"any\":[{\"any\":[{\"age_below\":3}]}]}", "item t: fields[1].when.any[0].any may not be nested" },
    { "materials.0.when", "{\"field\":\"f1\",\"in\":[\"甲\"]}", "item t: materials[0].when.field names “f1”, which is not a choice field" },
    { "materials.0.when", "{\"field\":\"f9\",\"in\":[\"甲\"]}", "item t: materials[0].when.field names “f9”, which is no field of the item" },
    { "materials.0.when", "{\"any\":[{\"field\":\"f3\",\"in\":[\"丙\"]}]}", "item t: materials[0].when.in lists “丙”, which is not a choice of “f3”" },
    { "parties.0.when", "{\"question\":\"q1\"}", "item t: parties[agent].when.question names a question the item does not ask" },
    { "questions", "{}", "item t: questions is not an array" },
    { "questions", "[{\"code\":\"q1\"}]", "item t: questions[0].label is missing" },
    { "questions", "[{\"code\":\"q1\",\"label\":\"x\",\"matters\":[\"m9\"]}]", "item t: questions[0].matters[0] names an unknown sub-matter “m9”" },
    { "questions", "[{\"code\":\"q1\",\"label\":\"x\"},{\"code\":\"q1\",\"label\":\"y\"}]", "item t: questions[1].code repeats “q1”" },
    { "matters.0.exclusive", "\"g\"", "item t: matters[0].exclusive is set on a sub-matter that is not optional" },
    { "matters.1.exclusive", "\"g\"", "item t: matters[1].exclusive names a group of one sub-matter: “g”" },
    { "matters.1.exclusive", "3", "item t: matters[1].exclusive is not a string" },
    /* the 告知承诺书 template of a sub-matter */
    { "matters.0.commitment_template", "[]", "item t: matters[0].commitment_template is not an object" },
    { "matters.0.commitment_template", "{}", "item t: matters[0].commitment_template.conditions is missing" },
    { "matters.0.commitment_template", "{\"conditions\":\"c\",\"commitments\":[],\"consequences\":\"x\"}",
      "item t: matters[0].commitment_template.commitments is empty" },
    { "matters.0.commitment_template", "{\"conditions\":\"c\",\"commitments\":[\"a\"]}",
      "item t: matters[0].commitment_template.consequences is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (base_item, &error);
      g_autoptr(ZcCatalogueItem) item = NULL;

      g_assert_no_error (error);
      g_test_message ("%s = %s", cases[i].path, cases[i].value ? cases[i].value : "(removed)");
      mutate (node, cases[i].path, cases[i].value);
      item = zc_catalogue_item_new_from_json (node, &error);
      g_assert_null (item);
      g_assert_error (error, ZC_CATALOGUE_ERROR, ZC_CATALOGUE_ERROR_INVALID);
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, cases[i].expected);
    }
}

static void
test_malformed_catalogues (void)
{
  g_autofree char *two = g_strdup_printf ("[%s,%s]", base_item, base_item);
  g_autofree char *wrapped = g_strdup_printf ("{\"version\":1,\"items\":[%s]}", base_item);
  const struct {
    const char *json;
    const char *expected;  /* NULL: valid */
  } cases[] = {
    { "null", "no “items” array" },
    { "42", "no “items” array" },
    { "{}", "no “items” array" },
    { "{\"items\":{}}", "no “items” array" },
    { "[1]", "#1 is not an object" },
    { "[{}]", "#1: code is missing" },
    { two, "item t: code appears twice" },
    { "[]", NULL },
    { "{\"items\":[]}", NULL },
    { wrapped, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, &error);
      g_autoptr(GListModel) items = NULL;

      g_assert_no_error (error);
      items = zc_catalogue_parse (node, &error);
      if (cases[i].expected == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (items);
        }
      else
        {
          g_assert_null (items);
          g_assert_error (error, ZC_CATALOGUE_ERROR, ZC_CATALOGUE_ERROR_INVALID);
          if (strstr (error->message, cases[i].expected) == NULL)
            g_error ("“%s” does not contain “%s”", error->message, cases[i].expected);
        }
    }

  /* a node that is not an object at all, given straight to the item parser */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = json_from_string ("\"item\"", &error);

    g_assert_null (zc_catalogue_item_new_from_json (node, &error));
    g_assert_error (error, ZC_CATALOGUE_ERROR, ZC_CATALOGUE_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalogue/demo/items", test_demo_items);
  g_test_add_func ("/catalogue/demo/consistency", test_demo_consistency);
  g_test_add_func ("/catalogue/demo/search", test_search);
  g_test_add_func ("/catalogue/demo/open-restaurant", test_restaurant);
  g_test_add_func ("/catalogue/demo/newborn", test_newborn);
  g_test_add_func ("/catalogue/properties", test_properties);
  g_test_add_func ("/catalogue/licence-types", test_licence_types);
  g_test_add_func ("/catalogue/valid-item", test_valid_base);
  g_test_add_func ("/catalogue/when", test_when);
  g_test_add_func ("/catalogue/conditions", test_conditions);
  g_test_add_func ("/catalogue/malformed/items", test_malformed_items);
  g_test_add_func ("/catalogue/malformed/catalogues", test_malformed_catalogues);

  return g_test_run ();
}
