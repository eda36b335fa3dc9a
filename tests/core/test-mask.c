/* test-mask.c — masking of personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "zc-mask.h"

typedef char *(*MaskFunc) (const char *);

typedef struct
{
  const char *in;
  const char *out;
} MaskCase;

static void
run_cases (MaskFunc        func,
           const MaskCase *cases,
           gsize           n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *out = func (cases[i].in);
      if (g_strcmp0 (out, cases[i].out) != 0)
        g_error ("case %" G_GSIZE_FORMAT ": “%s” masked to “%s”, expected “%s”",
                 i, cases[i].in ? cases[i].in : "(null)", out, cases[i].out);
    }
}

static void
test_mask_id (void)
{
  static const MaskCase cases[] = {
    { "340102199001011234", "3401**********1234" },
    { "11010519491231002X", "1101**********002X" },
    { "91350100M000100Y43", "9135**********0Y43" },
    { "123456789", "1234*6789" },
    { "12345678", "******78" },
    { "1234", "***4" },
    { "12", "**" },
    { "", "" },
    { NULL, "" },
    { "３４０１０２１９９００１０１１２３４", "３４０１**********１２３４" },
  };
  run_cases (zc_mask_id, cases, G_N_ELEMENTS (cases));
}

static void
test_mask_name (void)
{
  static const MaskCase cases[] = {
    { "张三", "张*" },
    { "张小明", "张*明" },
    { "欧阳小明", "欧**明" },
    { "阿卜杜拉·艾则孜", "阿******孜" },
    { "张", "*" },
    { " 李四 ", "李*" },
    { "Li Lei", "L****i" },
    { "", "" },
    { NULL, "" },
  };
  run_cases (zc_mask_name, cases, G_N_ELEMENTS (cases));
}

static void
test_mask_phone (void)
{
  static const MaskCase cases[] = {
    { "13812345678", "138****5678" },
    { "0551-1234567", "055*****4567" },
    { "1381234", "*****34" },
    { "110", "**0" },
    { "", "" },
    { NULL, "" },
  };
  run_cases (zc_mask_phone, cases, G_N_ELEMENTS (cases));
}

static void
test_mask_invalid_utf8 (void)
{
  g_autofree char *id = zc_mask_id ("3401\xff\xfe" "99001011234");
  g_autofree char *name = zc_mask_name ("\xe5\xbc");   /* truncated 张 */
  g_autofree char *phone = zc_mask_phone ("138\x80" "12345678");

  g_assert_true (g_utf8_validate (id, -1, NULL));
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_utf8_validate (phone, -1, NULL));
  /* Nothing of the middle survives. */
  g_assert_cmpstr (id + strlen (id) - 4, ==, "1234");
  g_assert_true (g_str_has_prefix (id, "3401"));
  g_assert_null (strstr (id, "9900101"));
}

typedef struct
{
  const char *type;
  const char *in;
  const char *out;
} LicenceCase;

static void
run_licence_cases (const LicenceCase *cases,
                   gsize              n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *out = zc_mask_licence_number (cases[i].type, cases[i].in);

      if (g_strcmp0 (out, cases[i].out) != 0)
        g_error ("%s “%s” masked to “%s”, expected “%s”", cases[i].type ? cases[i].type : "(null)",
                 cases[i].in ? cases[i].in : "(null)", out, cases[i].out);
    }
}

static void
test_licence_id_like (void)
{
  static const LicenceCase cases[] = {
    { "id_card", "340102199001011234", "3401**********1234" },
    { "id_card", "11010519491231002X", "1101**********002X" },
    { "id_card", " 340102199001011234 ", "3401**********1234" },
    { "id_card", "12", "**" },
    { "id_card", "1", "*" },
    { "id_card", "", "" },
    { "id_card", NULL, "" },
    { "disability_certificate", "34010219500101123X41", "3401************3X41" },
    /* an ID-like value of a type without a rule, or of no type */
    { "something_new", "340102199001011234", "3401**********1234" },
    { NULL, "340102199001011234", "3401**********1234" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_licence_business (void)
{
  static const LicenceCase cases[] = {
    { "business_licence", "91340100MA2RBCDE43", "91************DE43" },
    { "business_licence", "91350100M000100Y43", "91************0Y43" },
    /* not a credit code: too short → hidden; longer → the generic rule */
    { "business_licence", "9134", "****" },
    { "business_licence", "91340100", "********" },
    { "business_licence", "340100000012345", "340*********345" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_licence_real_estate (void)
{
  static const LicenceCase cases[] = {
    { "real_estate_certificate", "皖(2024)合肥市不动产权第0012345号", "皖(2024)合肥市不动产权第****345号" },
    { "real_estate_certificate", "皖（2024）合肥市不动产权第0012345号", "皖（2024）合肥市不动产权第****345号" },
    { "real_estate_certificate", "皖(2024)合肥市不动产权第1234号", "皖(2024)合肥市不动产权第*234号" },
    /* a serial no longer than the part shown is hidden whole */
    { "real_estate_certificate", "皖(2024)合肥市不动产权第345号", "皖(2024)合肥市不动产权第***号" },
    { "real_estate_certificate", "皖(2024)合肥市不动产权第1号", "皖(2024)合肥市不动产权第*号" },
    /* not of the shape */
    { "real_estate_certificate", "皖(2024)合肥市不动产权0012345", "皖(20*************2345" },
    { "real_estate_certificate", "不动产权第号", "******" },
    { "real_estate_certificate", "第", "*" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_licence_marriage (void)
{
  static const LicenceCase cases[] = {
    { "marriage_certificate", "J340102-2019-001234", "J340102-****-**1234" },
    { "marriage_certificate", "L340102-2020-000012", "L340102-****-**0012" },
    { "marriage_certificate", "J340102-2019-1234", "J340102-****-****" },
    { "marriage_certificate", "J3401022019001234", "J340*********1234" },
    { "marriage_certificate", "J340102--001234", "J34*********234" },
    { "marriage_certificate", "J-1", "***" },
    { "marriage_certificate", "J", "*" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_licence_health (void)
{
  static const LicenceCase cases[] = {
    { "health_certificate", "HC2026-0012345", "HC2026-***2345" },
    { "health_certificate", "HC2026-12", "HC2026-**" },
    { "health_certificate", "HC20260012345", "HC2*******345" },
    { "health_certificate", "-12345", "******" },
    { "health_certificate", "HC2026-", "*******" },
    { "health_certificate", "H", "*" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_licence_person_cards (void)
{
  static const LicenceCase cases[] = {
    { "birth_certificate", "R340123456", "R34****456" },
    { "birth_certificate", "R3401", "*****" },
    { "birth_certificate", "R3401234", "********" },
    { "social_security_card", "A12345678", "A****5678" },
    { "social_security_card", " A12345678\n", "A****5678" },
    { "social_security_card", "A1234", "*****" },
    { "social_security_card", "A123456", "*******" },
    { "social_insurance_record", "SB340100123456", "SB********3456" },
    { "vehicle_licence", "皖A·D1234", "皖A·***34" },
    { "vehicle_licence", "皖A·5K3B2", "皖A·***B2" },
    { "transport_qualification", "3401002019051763", "3401********1763" },
    { "transport_qualification", "340102199001011234", "3401**********1234" },
    { "listing_guidance_filing", "皖证监辅导〔2026〕15号", "皖证监辅导〔2026〕15号" },
    { "social_insurance_record", "SB12", "****" },
    { "social_insurance_record", "340100123456SB", "340********6SB" },
    { "housing_fund_certificate", "340100123456", "********3456" },
    { "housing_fund_certificate", "1234", "****" },
    { "housing_fund_certificate", "1", "*" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_licence_public (void)
{
  static const LicenceCase cases[] = {
    { "administrative_penalty_decision", "合市监处罚〔2025〕123号", "合市监处罚〔2025〕123号" },
    { "bankruptcy_ruling", "(2026)皖01破12号", "(2026)皖01破12号" },
    { "liquidation_filing", "合市监清备〔2026〕第0123号", "合市监清备〔2026〕第0123号" },
    { "liquidation_filing", " 合市监清备〔2026〕第0123号 ", "合市监清备〔2026〕第0123号" },
    { "bankruptcy_ruling", "", "" },
    { "bankruptcy_ruling", NULL, "" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_licence_unknown (void)
{
  static const LicenceCase cases[] = {
    { "food_business_permit", "JY13401020012345", "JY13********2345" },
    { "road_transport_permit", "皖交运管许可合字340100001234号", "皖交运管*************234号" },
    { "household_register", "340102012345", "340******345" },
    { "no_such_type", "123456789", "12*****89" },
    { "no_such_type", "12345678", "******78" },
    { "no_such_type", "1234", "***4" },
    { "no_such_type", "x", "*" },
    { "no_such_type", "", "" },
    { NULL, "JY13401020012345", "JY13********2345" },
    { NULL, NULL, "" },
  };
  run_licence_cases (cases, G_N_ELEMENTS (cases));
}

/* Whatever the type and the value: the mask keeps the length, is valid
 * UTF-8, and never gives back a (non-public) number whole. */
static void
test_licence_never_whole (void)
{
  static const char *const types[] = {
    "id_card", "disability_certificate", "business_licence", "real_estate_certificate",
    "marriage_certificate", "health_certificate", "birth_certificate", "social_security_card",
    "social_insurance_record", "housing_fund_certificate", "household_register",
    "food_business_permit", "road_transport_permit", "vehicle_licence", "transport_qualification",
    "no_such_type", NULL,
  };
  static const char *const numbers[] = {
    "1", "12", "第", "号", "-", "--", "A-B-C", "SB", "第1号", "皖第12号", "J1-2-3",
    "HC-1", "R12345678", "123456789012345678901234567890", "第0012345号",
    "皖(2024)合肥市不动产权第0012345号", "J340102-2019-001234", "HC2026-0012345",
    "91340100MA2RBCDE43", "340102199001011234", "A12345678", "SB340100123456",
    "340100123456", "３４０１０２１９９００１０１１２３４", "张三", "张", "皖A·D1234", "皖A·D12345",
  };

  for (gsize t = 0; t < G_N_ELEMENTS (types); t++)
    for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
      {
        g_autofree char *out = zc_mask_licence_number (types[t], numbers[i]);

        g_assert_true (g_utf8_validate (out, -1, NULL));
        g_assert_cmpint (g_utf8_strlen (out, -1), ==, g_utf8_strlen (numbers[i], -1));
        if (g_strcmp0 (out, numbers[i]) == 0)
          g_error ("%s “%s” was not masked", types[t] ? types[t] : "(null)", numbers[i]);
        g_assert_nonnull (strchr (out, '*'));
      }
}

static void
test_licence_invalid_utf8 (void)
{
  g_autofree char *estate = zc_mask_licence_number ("real_estate_certificate",
                                                    "皖(2024)合肥\xff市不动产权第0012345号");
  g_autofree char *cut = zc_mask_licence_number ("real_estate_certificate",
                                                 "皖(2024)合肥市不动产权第0012345\xe5\x8f");
  g_autofree char *card = zc_mask_licence_number ("social_security_card", "A1234\x80" "5678");

  g_assert_true (g_utf8_validate (estate, -1, NULL));
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_true (g_utf8_validate (card, -1, NULL));
  g_assert_true (g_str_has_suffix (estate, "第****345号"));
  g_assert_null (strstr (estate, "0012"));
  g_assert_null (strstr (cut, "0012345"));
  g_assert_null (strstr (card, "1234"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mask/id", test_mask_id);
  g_test_add_func ("/core/mask/name", test_mask_name);
  g_test_add_func ("/core/mask/phone", test_mask_phone);
  g_test_add_func ("/core/mask/invalid-utf8", test_mask_invalid_utf8);
  g_test_add_func ("/core/mask/licence/id-like", test_licence_id_like);
  g_test_add_func ("/core/mask/licence/business", test_licence_business);
  g_test_add_func ("/core/mask/licence/real-estate", test_licence_real_estate);
  g_test_add_func ("/core/mask/licence/marriage", test_licence_marriage);
  g_test_add_func ("/core/mask/licence/health", test_licence_health);
  g_test_add_func ("/core/mask/licence/person-cards", test_licence_person_cards);
  g_test_add_func ("/core/mask/licence/public", test_licence_public);
  g_test_add_func ("/core/mask/licence/unknown", test_licence_unknown);
  g_test_add_func ("/core/mask/licence/never-whole", test_licence_never_whole);
  g_test_add_func ("/core/mask/licence/invalid-utf8", test_licence_invalid_utf8);

  return g_test_run ();
}
