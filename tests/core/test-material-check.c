/* test-material-check.c — reading identifiers, OCR repair and the verdict
 * on a material (src/core/zc-ocr-repair.c, zc-text-find.c,
 * zc-material-check.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-core.h"

#define HOLDER_USCC  "91340202MA2N0C8P79"
#define OTHER_USCC   "92340100MA8Q0B6G12"
#define HOLDER_ID    "340202198506123015"
#define OTHER_ID     "340102199003054029"
#define COMPANY      "芜湖市镜湖区鸠兹餐饮有限公司"

/* --- helpers --- */

static GDate *
date (const char *iso)
{
  GDate *d = g_date_new ();

  g_date_set_parse (d, iso);
  g_assert_true (g_date_valid (d));
  return d;
}

/* A page of @lines, NULL-terminated; each character 10 pt wide, lines
 * 20 pt apart; on an OCR page a line may start with "@NN|" to give its
 * characters the confidence NN % (else 95 %) */
static ZcPageText *
page_new (gboolean    ocr,
          const char *first,
          ...)
{
  ZcPageText *page = zc_page_text_new (1, ocr, 595, 842);
  va_list ap;
  double y = 40;

  va_start (ap, first);
  for (const char *line = first; line != NULL; line = va_arg (ap, const char *), y += 20)
    {
      float confidence = ocr ? 0.95f : 1.0f;
      double x = 40;

      if (line[0] == '@')
        {
          confidence = (float) g_ascii_strtod (line + 1, NULL) / 100.0f;
          line = strchr (line, '|') + 1;
        }
      for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p), x += 10)
        {
          char c[8] = { 0 };
          ZcBox box = { x, y, 10, 14 };

          g_unichar_to_utf8 (g_utf8_get_char (p), c);
          zc_page_text_append (page, c, &box, confidence);
        }
      zc_page_text_append (page, "\n", NULL, confidence);
    }
  va_end (ap);
  return page;
}

static ZcLicence *
licence_new (const char *type,
             const char *number,
             const char *holder,
             const char *name,
             const char *issued,
             const char *until,
             gboolean    revoked)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  ZcLicence *licence;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, number);
  json_builder_set_member_name (b, "holder");
  json_builder_add_string_value (b, holder);
  json_builder_set_member_name (b, "holder_name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "issued_on");
  json_builder_add_string_value (b, issued);
  if (until != NULL)
    {
      json_builder_set_member_name (b, "valid_until");
      json_builder_add_string_value (b, until);
    }
  json_builder_set_member_name (b, "revoked");
  json_builder_add_boolean_value (b, revoked);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  licence = zc_licence_new_from_json (node, &error);
  g_assert_no_error (error);
  return licence;
}

static GListModel *
licences_of (ZcLicence *first,
             ...)
{
  GListStore *store = g_list_store_new (ZC_TYPE_LICENCE);
  va_list ap;

  va_start (ap, first);
  for (ZcLicence *l = first; l != NULL; l = va_arg (ap, ZcLicence *))
    {
      g_list_store_append (store, l);
      g_object_unref (l);
    }
  va_end (ap);
  return G_LIST_MODEL (store);
}

static GListModel *
business_licences (const char *until,
                   gboolean    revoked)
{
  return licences_of (licence_new ("business_licence", HOLDER_USCC, HOLDER_USCC, COMPANY,
                                   "2021-03-01", until, revoked),
                      licence_new ("id_card", HOLDER_ID, HOLDER_ID, "张伟", "2015-01-01",
                                   "2035-01-01", FALSE),
                      NULL);
}

static ZcMaterialCheck *
check_one (ZcPageText  *page,
           GListModel  *licences,
           const char  *type,
           const char  *holder)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_page_text_free);
  g_autoptr(GDate) on = date ("2026-12-07");

  g_ptr_array_add (pages, page);
  return zc_material_check (pages, licences, on, type, holder);
}

static const ZcCheckFinding *
finding (ZcMaterialCheck *check,
         const char      *field)
{
  for (guint i = 0; i < check->findings->len; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);

      if (g_str_equal (f->field, field))
        return f;
    }
  return NULL;
}

static ZcPageText *
business_page (gboolean    ocr,
               const char *code,
               const char *name)
{
  g_autofree char *code_line = g_strdup_printf ("统一社会信用代码 %s", code);
  g_autofree char *name_line = g_strdup_printf ("名    称 %s", name);

  return page_new (ocr, "营业执照", code_line, name_line, "类    型 有限责任公司",
                   "法定代表人 张伟", "成立日期 2021年3月1日", NULL);
}

/* --- repair --- */

static void
test_repair_uscc (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (zc_ocr_repair_uscc (HOLDER_USCC, &out), ==, ZC_REPAIR_INTACT);
  g_assert_cmpstr (out, ==, HOLDER_USCC);
  g_clear_pointer (&out, g_free);

  /* 0 read as O inside the code (seen on a clean 300 dpi scan) */
  g_assert_cmpint (zc_ocr_repair_uscc ("91340202MA2NOC8P79", &out), ==, ZC_REPAIR_REPAIRED);
  g_assert_cmpstr (out, ==, HOLDER_USCC);
  g_clear_pointer (&out, g_free);

  /* two at once: S for 5 is never in the alphabet, I for 1 neither */
  g_assert_cmpint (zc_ocr_repair_uscc ("92340I00MA8QOB6G12", &out), ==, ZC_REPAIR_REPAIRED);
  g_assert_cmpstr (out, ==, OTHER_USCC);
  g_clear_pointer (&out, g_free);

  /* full-width and lower case are read as they are meant */
  g_assert_cmpint (zc_ocr_repair_uscc ("９１340202ma2n0c8p79", &out), ==, ZC_REPAIR_INTACT);
  g_assert_cmpstr (out, ==, HOLDER_USCC);
  g_clear_pointer (&out, g_free);

  /* too short, or too many characters out of the alphabet: nothing */
  g_assert_cmpint (zc_ocr_repair_uscc ("91340202MA2N0C8P7", &out), ==, ZC_REPAIR_FAILED);
  g_assert_null (out);
  g_assert_cmpint (zc_ocr_repair_uscc ("9I34O2O2MAZNOCSP79", &out), ==, ZC_REPAIR_FAILED);
  g_assert_null (out);
}

static void
test_repair_resident_id (void)
{
  g_autoptr(GDate) today = date ("2026-12-07");
  g_autofree char *out = NULL;
  ZcRepair r;

  g_assert_cmpint (zc_ocr_repair_resident_id (HOLDER_ID, today, &out), ==, ZC_REPAIR_INTACT);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (zc_ocr_repair_resident_id ("3402O2I985O6I23O15", today, &out), ==,
                   ZC_REPAIR_REPAIRED);
  g_assert_cmpstr (out, ==, HOLDER_ID);
  g_clear_pointer (&out, g_free);

  /* lower-case x and B for 8 */
  g_assert_cmpint (zc_ocr_repair_resident_id ("11010519491231002x", today, &out), ==,
                   ZC_REPAIR_INTACT);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (zc_ocr_repair_resident_id ("3402021985O6123O15", today, &out), ==,
                   ZC_REPAIR_REPAIRED);
  g_clear_pointer (&out, g_free);

  /* a check character that does not fit and no look-alike to blame for
   * it alone: never a unique made-up number */
  r = zc_ocr_repair_resident_id ("340202198506123016", today, &out);
  g_assert_true (r == ZC_REPAIR_AMBIGUOUS || r == ZC_REPAIR_FAILED ||
                 (r == ZC_REPAIR_REPAIRED && zc_resident_id_validate (out, today, NULL)));
  g_clear_pointer (&out, g_free);
}

static void
test_fold (void)
{
  g_autofree char *a = zc_ocr_fold ("JY2 3401O2OOI2345");
  g_autofree char *b = zc_ocr_fold ("jy234010200123 45");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (zc_ocr_fold_char ('S'), ==, '5');
  g_assert_cmpuint (zc_ocr_fold_char (0xFF2F /* Ｏ */), ==, '0');
  g_assert_cmpuint (zc_ocr_fold_char (0x9910 /* 餐 */), ==, 0x9910);
}

/* --- finding --- */

static void
test_find (void)
{
  g_autoptr(GDate) today = date ("2026-12-07");
  g_autoptr(ZcPageText) page =
    page_new (FALSE, "统一社会信用代码：" HOLDER_USCC, "名称 " COMPANY,
              "许可证编号 JY23402020012345", "有效期至 2030-01-31", "发证日期 2025年 3月 5日",
              "身份证号 " OTHER_ID "1", NULL);
  g_autoptr(GPtrArray) found = zc_text_find (page, today);
  const ZcFound *f;

  g_assert_cmpuint (found->len, ==, 6);
  f = g_ptr_array_index (found, 0);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_USCC);
  g_assert_cmpstr (f->value, ==, HOLDER_USCC);
  g_assert_cmpint (f->repair, ==, ZC_REPAIR_INTACT);
  g_assert_cmpstr (f->label, ==, "统一社会信用代码");
  g_assert_cmpuint (f->page, ==, 1);
  /* where it stands: the 10th character of the first line on */
  g_assert_cmpfloat_with_epsilon (f->box.x, 40 + 9 * 10, 0.01);
  g_assert_cmpfloat_with_epsilon (f->box.width, 18 * 10, 0.01);
  g_assert_cmpfloat_with_epsilon (f->box.y, 40, 0.01);

  f = g_ptr_array_index (found, 1);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_NAME);
  g_assert_cmpstr (f->value, ==, COMPANY);
  g_assert_cmpstr (f->label, ==, "名称");
  g_assert_cmpfloat_with_epsilon (f->box.y, 60, 0.01);

  f = g_ptr_array_index (found, 2);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_NUMBER);
  g_assert_cmpstr (f->value, ==, "JY23402020012345");
  g_assert_cmpstr (f->label, ==, "许可证编号");

  f = g_ptr_array_index (found, 3);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_DATE);
  g_assert_cmpstr (f->value, ==, "2030-01-31");
  g_assert_cmpstr (f->label, ==, "有效期至");

  f = g_ptr_array_index (found, 4);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_DATE);
  g_assert_cmpstr (f->value, ==, "2025-03-05");

  /* 19 digits: not an identifier, a number */
  f = g_ptr_array_index (found, 5);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_NUMBER);
}

static void
test_find_ocr_repairs (void)
{
  g_autoptr(GDate) today = date ("2026-12-07");
  g_autoptr(ZcPageText) ocr = page_new (TRUE, "代码 91340202MA2NOC8P79", "公民身份号码 3402O2I985O6I23O15", NULL);
  g_autoptr(ZcPageText) text = page_new (FALSE, "代码 91340202MA2NOC8P79", NULL);
  g_autoptr(GPtrArray) on_ocr = zc_text_find (ocr, today);
  g_autoptr(GPtrArray) on_text = zc_text_find (text, today);
  const ZcFound *f;

  g_assert_cmpuint (on_ocr->len, ==, 2);
  f = g_ptr_array_index (on_ocr, 0);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_USCC);
  g_assert_cmpint (f->repair, ==, ZC_REPAIR_REPAIRED);
  g_assert_cmpstr (f->value, ==, HOLDER_USCC);
  g_assert_cmpstr (f->read, ==, "91340202MA2NOC8P79");
  f = g_ptr_array_index (on_ocr, 1);
  g_assert_cmpint (f->kind, ==, ZC_FOUND_RESIDENT_ID);
  g_assert_cmpint (f->repair, ==, ZC_REPAIR_REPAIRED);
  g_assert_cmpstr (f->value, ==, HOLDER_ID);

  /* one character too many: the one deletion that passes */
  {
    g_autoptr(ZcPageText) extra = page_new (TRUE, "代码 91340202MA2N0C8SP79", NULL);
    g_autoptr(GPtrArray) on_extra = zc_text_find (extra, today);

    g_assert_cmpuint (on_extra->len, ==, 1);
    f = g_ptr_array_index (on_extra, 0);
    g_assert_cmpint (f->kind, ==, ZC_FOUND_USCC);
    g_assert_cmpint (f->repair, ==, ZC_REPAIR_REPAIRED);
    g_assert_cmpstr (f->value, ==, HOLDER_USCC);
    g_assert_cmpstr (f->read, ==, "91340202MA2N0C8SP79");
  }

  /* a text layer is exact: never repaired */
  g_assert_cmpuint (on_text->len, ==, 1);
  f = g_ptr_array_index (on_text, 0);
  g_assert_cmpint (f->repair, ==, ZC_REPAIR_FAILED);
}

static void
test_find_licence_numbers (void)
{
  g_autoptr(GDate) today = date ("2026-12-07");
  g_autoptr(ZcPageText) estate = page_new (FALSE, "不动产权证书", "皖(2025)芜湖市不动产权第0012345号",
                                           "权利人 王建国", NULL);
  g_autoptr(ZcPageText) food = page_new (TRUE, "许可证编号：JY234O2O2OOOOO29", "社会信用代码 " HOLDER_USCC,
                                         NULL);
  g_autoptr(GPtrArray) estate_numbers = zc_text_find_licence_numbers (estate, "real_estate_certificate", today);
  g_autoptr(GPtrArray) food_numbers = zc_text_find_licence_numbers (food, "food_business_permit", today);
  g_autoptr(GPtrArray) codes = zc_text_find_licence_numbers (food, "business_licence", today);
  g_autoptr(GPtrArray) none = zc_text_find_licence_numbers (food, "listing_guidance_filing", today);
  const ZcFound *f;

  g_assert_cmpuint (estate_numbers->len, ==, 1);
  f = g_ptr_array_index (estate_numbers, 0);
  g_assert_cmpstr (f->read, ==, "皖(2025)芜湖市不动产权第0012345号");
  g_assert_cmpfloat_with_epsilon (f->box.y, 60, 0.01);

  /* read with O for 0: found, and reported as read */
  g_assert_cmpuint (food_numbers->len, ==, 1);
  f = g_ptr_array_index (food_numbers, 0);
  g_assert_cmpstr (f->read, ==, "JY234O2O2OOOOO29");
  g_assert_cmpstr (f->value, ==, "JY23402020000029");
  g_assert_cmpstr (f->label, ==, "许可证编号");

  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpint (((ZcFound *) g_ptr_array_index (codes, 0))->kind, ==, ZC_FOUND_USCC);
  g_assert_cmpuint (none->len, ==, 0);
}

/* --- verdicts --- */

static void
test_check_match (void)
{
  g_autoptr(GListModel) licences = business_licences ("2041-02-28", FALSE);
  g_autoptr(ZcMaterialCheck) check = check_one (business_page (FALSE, HOLDER_USCC, COMPANY), licences,
                                                "business_licence", HOLDER_USCC);
  const ZcCheckFinding *f;

  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_cmpstr (zc_verdict_to_string (check->verdict), ==, "match");
  g_assert_nonnull (check->licence);
  g_assert_cmpfloat (check->confidence, ==, 1.0f);
  f = finding (check, "number");
  g_assert_nonnull (f);
  g_assert_cmpuint (f->page, ==, 1);
  g_assert_cmpfloat_with_epsilon (f->box.y, 60, 0.01);
  f = finding (check, "holder_name");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->found, ==, COMPANY);
  g_assert_cmpfloat_with_epsilon (f->box.y, 80, 0.01);
  g_assert_cmpint (finding (check, "holder")->verdict, ==, ZC_VERDICT_MATCH);

  /* kept with the case: every finding with its box and verdict */
  {
    g_autoptr(JsonNode) node = zc_material_check_to_json (check);
    JsonObject *root = json_node_get_object (node);
    JsonArray *findings = json_object_get_array_member (root, "findings");
    JsonObject *number = json_array_get_object_element (findings, 0);
    JsonObject *box = json_object_get_object_member (number, "box");

    g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "match");
    g_assert_cmpstr (json_object_get_string_member (root, "licence_number"), ==, HOLDER_USCC);
    g_assert_false (json_object_get_boolean_member (root, "ocr"));
    g_assert_cmpuint (json_array_get_length (findings), ==, check->findings->len);
    g_assert_cmpstr (json_object_get_string_member (number, "field"), ==, "number");
    g_assert_cmpstr (json_object_get_string_member (number, "verdict"), ==, "match");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (box, "y"), 60, 0.01);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (box, "width"), 180, 0.01);
  }
}

static void
test_check_uscc_one_wrong (void)
{
  g_autoptr(GListModel) licences = business_licences (NULL, FALSE);
  /* one character wrong (7 → 1): fails its check */
  g_autoptr(ZcMaterialCheck) check = check_one (business_page (FALSE, "91340202MA2N0C8P19", COMPANY),
                                                licences, "business_licence", HOLDER_USCC);
  const ZcCheckFinding *f = finding (check, "number");

  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpstr (f->expected, ==, HOLDER_USCC);
  g_assert_cmpstr (f->found, ==, "91340202MA2N0C8P19");
  g_assert_cmpuint (f->page, ==, 1);
  g_assert_cmpfloat (f->box.width, >, 0);

  /* On a scan: one wrong digit printed (2 → 7, look-alikes: the only
   * valid repair of it is the holder's code). Read surely, it is what
   * the paper says — a mismatch, not repaired into the right code; read
   * unsurely, OCR may have slipped and the repair stands. */
  {
    g_autoptr(ZcMaterialCheck) sure =
      check_one (page_new (TRUE, "营业执照", "统一社会信用代码 91340702MA2N0C8P79",
                           "名称 " COMPANY, NULL),
                 licences, "business_licence", HOLDER_USCC);
    g_autoptr(ZcMaterialCheck) unsure =
      check_one (page_new (TRUE, "营业执照", "@60|统一社会信用代码 91340702MA2N0C8P79",
                           "名称 " COMPANY, NULL),
                 licences, "business_licence", HOLDER_USCC);
    /* and B read for 8, surely: Tesseract's slip, folded */
    g_autoptr(ZcMaterialCheck) letter =
      check_one (page_new (TRUE, "营业执照", "统一社会信用代码 91340202MA2N0CBP79",
                           "名称 " COMPANY, NULL),
                 licences, "business_licence", HOLDER_USCC);

    g_assert_cmpint (sure->verdict, ==, ZC_VERDICT_MISMATCH);
    f = finding (sure, "number");
    g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
    g_assert_cmpstr (f->found, ==, "91340702MA2N0C8P79");
    g_assert_null (sure->licence);

    g_assert_nonnull (unsure->licence);
    g_assert_cmpint (finding (unsure, "number")->verdict, ==, ZC_VERDICT_MATCH);

    g_assert_cmpint (letter->verdict, ==, ZC_VERDICT_MATCH);
  }
}

static void
test_check_name_one_off (void)
{
  g_autoptr(GListModel) licences = business_licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) check = check_one (business_page (FALSE, HOLDER_USCC,
                                                               "芜湖市镜湖区鸠兹餐厅有限公司"),
                                                licences, "business_licence", HOLDER_USCC);
  const ZcCheckFinding *f = finding (check, "holder_name");

  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpstr (f->expected, ==, COMPANY);
  g_assert_cmpstr (f->found, ==, "芜湖市镜湖区鸠兹餐厅有限公司");
  g_assert_cmpfloat_with_epsilon (f->box.y, 80, 0.01);
}

static void
test_check_name_longer (void)
{
  g_autoptr(GListModel) licences = business_licences (NULL, FALSE);
  /* the holder's name and more: another firm (a branch) */
  g_autoptr(ZcMaterialCheck) text = check_one (business_page (FALSE, HOLDER_USCC, COMPANY "分店"),
                                               licences, "business_licence", HOLDER_USCC);
  g_autoptr(ZcMaterialCheck) ocr = check_one (business_page (TRUE, HOLDER_USCC, COMPANY "分店"),
                                              licences, "business_licence", HOLDER_USCC);

  g_assert_cmpint (text->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpstr (finding (text, "holder_name")->found, ==, COMPANY "分店");
  g_assert_cmpint (ocr->verdict, !=, ZC_VERDICT_MATCH);
}

static void
test_check_expired_revoked (void)
{
  g_autoptr(GListModel) expired = business_licences ("2026-12-06", FALSE);
  g_autoptr(GListModel) last_day = business_licences ("2026-12-07", FALSE);
  g_autoptr(GListModel) revoked = business_licences ("2026-12-06", TRUE);
  g_autoptr(ZcMaterialCheck) a = check_one (business_page (FALSE, HOLDER_USCC, COMPANY), expired,
                                            "business_licence", HOLDER_USCC);
  g_autoptr(ZcMaterialCheck) b = check_one (business_page (FALSE, HOLDER_USCC, COMPANY), last_day,
                                            "business_licence", HOLDER_USCC);
  /* revoked comes first, even when also expired and the name is off */
  g_autoptr(ZcMaterialCheck) c = check_one (business_page (FALSE, HOLDER_USCC, "别的公司"), revoked,
                                            "business_licence", HOLDER_USCC);

  g_assert_cmpint (a->verdict, ==, ZC_VERDICT_EXPIRED);
  g_assert_cmpstr (finding (a, "valid_until")->found, ==, "2026-12-06");
  g_assert_cmpstr (finding (a, "valid_until")->expected, ==, "2026-12-07");
  g_assert_cmpint (b->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_cmpint (c->verdict, ==, ZC_VERDICT_REVOKED);
  g_assert_nonnull (finding (c, "valid_until"));
  g_assert_cmpint (finding (c, "holder_name")->verdict, ==, ZC_VERDICT_MISMATCH);
}

static void
test_check_renewed (void)
{
  g_autoptr(GListModel) licences =
    licences_of (licence_new ("food_business_permit", "JY23402020000011", HOLDER_USCC, COMPANY,
                              "2019-05-01", "2024-04-30", FALSE),
                 licence_new ("food_business_permit", "JY23402020000029", HOLDER_USCC, COMPANY,
                              "2024-05-01", "2029-04-30", FALSE),
                 NULL);
  g_autoptr(ZcMaterialCheck) renewed =
    check_one (page_new (FALSE, "食品经营许可证", "经营者名称 " COMPANY,
                         "社会信用代码 " HOLDER_USCC, "许可证编号 JY23402020000029",
                         "有效期至 2029年4月30日", NULL),
               licences, "food_business_permit", HOLDER_USCC);
  g_autoptr(ZcMaterialCheck) old =
    check_one (page_new (FALSE, "食品经营许可证", "经营者名称 " COMPANY,
                         "社会信用代码 " HOLDER_USCC, "许可证编号 JY23402020000011",
                         "有效期至 2024年4月30日", NULL),
               licences, "food_business_permit", HOLDER_USCC);
  g_autoptr(ZcMaterialCheck) unknown =
    check_one (page_new (FALSE, "食品经营许可证", "经营者名称 " COMPANY,
                         "日常监督管理人员 1234567", "证书 JY23402020000037", NULL),
               licences, "food_business_permit", HOLDER_USCC);
  const ZcCheckFinding *f;

  g_assert_cmpint (renewed->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_cmpstr (zc_licence_get_number (renewed->licence), ==, "JY23402020000029");

  /* the old permit, renewed since: checked as the renewal, with a note
   * where the old number stands */
  g_assert_cmpint (old->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_cmpstr (zc_licence_get_number (old->licence), ==, "JY23402020000029");
  f = finding (old, "renewed");
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_cmpstr (f->expected, ==, "JY23402020000029");
  g_assert_cmpstr (f->found, ==, "JY23402020000011");
  g_assert_cmpfloat_with_epsilon (f->box.y, 100, 0.01);
  g_assert_null (finding (old, "valid_until"));
  /* the renewed paper itself carries no note */
  g_assert_null (finding (renewed, "renewed"));

  /* the renewal under another holder name, or revoked: not the chain */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GListModel) broken =
        licences_of (licence_new ("food_business_permit", "JY23402020000011", HOLDER_USCC, COMPANY,
                                  "2019-05-01", "2024-04-30", FALSE),
                     licence_new ("food_business_permit", "JY23402020000029", HOLDER_USCC,
                                  i == 0 ? "芜湖市镜湖区鸠兹餐饮管理有限公司" : COMPANY,
                                  "2024-05-01", "2029-04-30", i == 1),
                     NULL);
      g_autoptr(ZcMaterialCheck) expired =
        check_one (page_new (FALSE, "食品经营许可证", "经营者名称 " COMPANY,
                             "社会信用代码 " HOLDER_USCC, "许可证编号 JY23402020000011",
                             "有效期至 2024年4月30日", NULL),
                   broken, "food_business_permit", HOLDER_USCC);

      g_assert_cmpint (expired->verdict, ==, ZC_VERDICT_EXPIRED);
      g_assert_null (finding (expired, "renewed"));
      f = finding (expired, "valid_until");
      g_assert_cmpstr (f->found, ==, "2024-04-30");
      /* the date as printed on the paper: the fifth line */
      g_assert_cmpfloat_with_epsilon (f->box.y, 120, 0.01);
    }

  g_assert_cmpint (unknown->verdict, ==, ZC_VERDICT_MISMATCH);
  f = finding (unknown, "number");
  g_assert_cmpstr (f->expected, ==, "JY23402020000029");
  g_assert_cmpstr (f->found, ==, "JY23402020000037");
}

static void
test_check_wrong_party (void)
{
  g_autoptr(GListModel) licences = business_licences (NULL, FALSE);
  /* the ID card of someone else handed in as the holder's */
  g_autoptr(ZcMaterialCheck) check =
    check_one (page_new (FALSE, "中华人民共和国居民身份证", "姓名 李娜",
                         "公民身份号码 " OTHER_ID, NULL),
               licences, "id_card", HOLDER_ID);
  const ZcCheckFinding *f;

  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MISMATCH);
  f = finding (check, "number");
  g_assert_cmpstr (f->expected, ==, HOLDER_ID);
  g_assert_cmpstr (f->found, ==, OTHER_ID);
  f = finding (check, "holder_name");
  g_assert_cmpstr (f->expected, ==, "张伟");
  g_assert_cmpstr (f->found, ==, "李娜");
  f = finding (check, "holder");
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
}

static void
test_check_wrong_type (void)
{
  g_autoptr(GListModel) licences = business_licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) check =
    check_one (page_new (FALSE, "食品经营许可证", "经营者名称 " COMPANY, "社会信用代码 " HOLDER_USCC,
                         NULL),
               licences, "business_licence", HOLDER_USCC);
  const ZcCheckFinding *f = finding (check, "type");

  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->expected, ==, "营业执照");
  g_assert_cmpstr (f->found, ==, "食品经营许可证");
}

static void
test_check_unreadable (void)
{
  g_autoptr(GListModel) licences = business_licences (NULL, FALSE);
  g_autoptr(ZcMaterialCheck) blank = check_one (page_new (TRUE, "", "  ", NULL), licences,
                                                "business_licence", HOLDER_USCC);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GDate) on = date ("2026-12-07");
  g_autoptr(ZcMaterialCheck) empty = zc_material_check (none, licences, on, "business_licence",
                                                        HOLDER_USCC);

  g_assert_cmpint (blank->verdict, ==, ZC_VERDICT_UNREADABLE);
  g_assert_cmpuint (blank->findings->len, ==, 0);
  g_assert_cmpint (empty->verdict, ==, ZC_VERDICT_UNREADABLE);
}

static void
test_check_ocr (void)
{
  g_autoptr(GListModel) licences = business_licences (NULL, FALSE);
  /* O for 0 in the code; 饮 read as 次 with little confidence: noise */
  g_autoptr(ZcMaterialCheck) noisy =
    check_one (page_new (TRUE, "营业执照", "统一社会信用代码 91340202MA2NOC8P79",
                         "名称 芜湖市镜湖区鸠兹餐", "@41|次", "有限公司", NULL),
               licences, "business_licence", HOLDER_USCC);
  /* another character, read with high confidence: a person must look */
  g_autoptr(ZcMaterialCheck) sure =
    check_one (page_new (TRUE, "营业执照", "统一社会信用代码 91340202MA2NOC8P79",
                         "@97|名称 芜湖市镜湖区鸠兹餐厅有限公司", NULL),
               licences, "business_licence", HOLDER_USCC);
  /* 芜 read as 无, and OCR sure of it: a known confusion, still noise */
  g_autoptr(ZcMaterialCheck) lookalike =
    check_one (page_new (TRUE, "营业执照", "统一社会信用代码 " HOLDER_USCC,
                         "@99|名称 无湖市镜湖区鸠兹餐饮有限公司", NULL),
               licences, "business_licence", HOLDER_USCC);
  /* a number OCR could not settle */
  g_autoptr(ZcMaterialCheck) unsure =
    check_one (page_new (TRUE, "营业执照", "统一社会信用代码 9I34O2O2MAZNOCSPI9",
                         "名称 " COMPANY, NULL),
               licences, "business_licence", HOLDER_USCC);
  const ZcCheckFinding *f;

  g_assert_cmpint (noisy->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_true (noisy->ocr);
  g_assert_cmpfloat (noisy->confidence, <, 0.9f);
  f = finding (noisy, "number");
  g_assert_cmpstr (f->found, ==, "91340202MA2NOC8P79");

  g_assert_cmpint (sure->verdict, ==, ZC_VERDICT_UNCERTAIN);
  f = finding (sure, "holder_name");
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_UNCERTAIN);
  g_assert_cmpstr (f->found, ==, "芜湖市镜湖区鸠兹餐厅有限公司");

  g_assert_cmpint (unsure->verdict, ==, ZC_VERDICT_UNCERTAIN);

  g_assert_cmpint (lookalike->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_cmpfloat (lookalike->confidence, <=, 0.5f);
  g_assert_true (zc_ocr_han_lookalikes (0x829C /* 芜 */, 0x65E0 /* 无 */));
  g_assert_false (zc_ocr_han_lookalikes (0x5F20 /* 张 */, 0x674E /* 李 */));
}

/* a check kept with the case, read back (GET …/documents/{doc}/checks) */
static void
test_check_from_kept (void)
{
  const char *text =
    "{\"verdict\":\"mismatch\",\"by_eye\":null,\"findings\":["
    "{\"field\":\"holder_name\",\"expected\":\"张三\",\"found\":\"张山\",\"page\":1,"
    " \"box\":{\"x\":72,\"y\":100.5,\"width\":30,\"height\":12},\"verdict\":\"mismatch\"},"
    "{\"field\":\"number\",\"expected\":\"A1\",\"found\":\"A1\",\"page\":1},"
    "{\"field\":\"valid_until\",\"expected\":\"2030-01-01\",\"found\":\"\",\"page\":0},"
    "{\"field\":\"uscc\",\"page\":\"one\"},"
    "{\"field\":\"uscc\",\"expected\":\"x\",\"found\":\"y\",\"page\":2,\"box\":{\"x\":\"no\"}},"
    "7]}";
  g_autoptr(JsonNode) root = zc_json_parse (text, -1, ZC_JSON_MAX_DEPTH, NULL);
  g_autoptr(ZcMaterialCheck) check = NULL;
  g_autoptr(JsonNode) unknown = zc_json_parse ("{\"verdict\":\"fine\",\"findings\":[]}", -1, ZC_JSON_MAX_DEPTH, NULL);
  const ZcCheckFinding *f;
  ZcVerdict v;

  g_assert_nonnull (root);
  check = zc_material_check_new_from_kept (json_node_get_object (root));
  g_assert_nonnull (check);
  g_assert_cmpint (check->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_null (check->licence);
  /* the malformed finding and the number are left out; a bad box is no box */
  g_assert_cmpuint (check->findings->len, ==, 4);
  f = g_ptr_array_index (check->findings, 0);
  g_assert_cmpstr (f->field, ==, "holder_name");
  g_assert_cmpstr (f->found, ==, "张山");
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpfloat (f->box.y, ==, 100.5);
  g_assert_cmpfloat (f->box.width, ==, 30);
  /* no verdict of its own: agreeing when both say the same */
  f = g_ptr_array_index (check->findings, 1);
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MATCH);
  g_assert_cmpfloat (f->box.width, ==, 0);
  f = g_ptr_array_index (check->findings, 2);
  g_assert_cmpint (f->verdict, ==, ZC_VERDICT_MISMATCH);
  g_assert_cmpuint (f->page, ==, 0);
  f = g_ptr_array_index (check->findings, 3);
  g_assert_cmpuint (f->page, ==, 2);
  g_assert_cmpfloat (f->box.x, ==, 0);
  g_assert_cmpfloat (f->box.width, ==, 0);

  g_assert_null (zc_material_check_new_from_kept (json_node_get_object (unknown)));
  g_assert_true (zc_verdict_from_string ("unreadable", &v));
  g_assert_cmpint (v, ==, ZC_VERDICT_UNREADABLE);
  g_assert_false (zc_verdict_from_string ("Match", &v));
  g_assert_false (zc_verdict_from_string (NULL, &v));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/material/repair/uscc", test_repair_uscc);
  g_test_add_func ("/material/repair/resident-id", test_repair_resident_id);
  g_test_add_func ("/material/repair/fold", test_fold);
  g_test_add_func ("/material/find/text", test_find);
  g_test_add_func ("/material/find/ocr-repairs", test_find_ocr_repairs);
  g_test_add_func ("/material/find/licence-numbers", test_find_licence_numbers);
  g_test_add_func ("/material/check/match", test_check_match);
  g_test_add_func ("/material/check/uscc-one-wrong", test_check_uscc_one_wrong);
  g_test_add_func ("/material/check/name-one-off", test_check_name_one_off);
  g_test_add_func ("/material/check/name-longer", test_check_name_longer);
  g_test_add_func ("/material/check/expired-revoked", test_check_expired_revoked);
  g_test_add_func ("/material/check/renewed", test_check_renewed);
  g_test_add_func ("/material/check/wrong-party", test_check_wrong_party);
  g_test_add_func ("/material/check/wrong-type", test_check_wrong_type);
  g_test_add_func ("/material/check/unreadable", test_check_unreadable);
  g_test_add_func ("/material/check/ocr", test_check_ocr);
  g_test_add_func ("/material/check/from-kept", test_check_from_kept);

  return g_test_run ();
}
