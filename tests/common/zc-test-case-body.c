/* zc-test-case-body.c — a complete case body for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-clock.h"
#include "zc-reception.h"
#include "zc-test-case-body.h"

static ZcApplicant *
get_applicant (ZcClient   *client,
               const char *key)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ZcApplicant *applicant;

  zc_client_get_applicant_async (client, key, NULL, zc_test_store_result_cb, &result);
  applicant = ZC_TEST_AWAIT_FINISH (result, zc_client_get_applicant_finish (client, result, &error));
  g_assert_no_error (error);
  return applicant;
}

JsonObject *
zc_test_complete_case_body (ZcClient   *client,
                            const char *item_code,
                            const char *applicant_key)
{
  static const char *const candidates[] = { "测试", "2026-01-05", "13800000000", "1", "合肥市蜀山区某路1号" };
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;
  g_autoptr(ZcReception) reception = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_clock_get_default ());
  g_auto(GStrv) roles = NULL;
  GAsyncResult *result = NULL;
  GListModel *fields, *materials;
  GDate date;

  zc_client_get_catalogue_item_async (client, item_code, NULL, zc_test_store_result_cb, &result);
  item = ZC_TEST_AWAIT_FINISH (result, zc_client_get_catalogue_item_finish (client, result, &error));
  g_assert_no_error (error);
  applicant = get_applicant (client, applicant_key);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  reception = zc_reception_new (item, applicant, &date);

  /* the parties the item needs: the applicant's own known ones */
  roles = zc_reception_dup_needed_parties (reception);
  for (guint i = 0; roles[i] != NULL; i++)
    {
      const char *party_key = zc_applicant_get_party_key (applicant, roles[i]);
      g_autoptr(ZcApplicant) party = NULL;

      if (zc_reception_party_is_optional (roles[i]))
        continue;
      /* none in the register: the applicant stands in (a test body) */
      party = party_key != NULL ? get_applicant (client, party_key) : g_object_ref (applicant);
      zc_reception_set_party (reception, roles[i], party);
    }

  fields = zc_reception_get_fields (reception);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      ZcFormField *field = zc_reception_field_get_field (rf);
      const char * const *choices = zc_form_field_get_choices (field);

      if (!zc_reception_field_get_applicable (rf) || !zc_form_field_get_required (field) ||
          zc_reception_field_get_value (rf)[0] != '\0')
        continue;
      if (choices != NULL && choices[0] != NULL &&
          zc_reception_set_value (reception, zc_form_field_get_key (field), choices[0], NULL))
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
        if (zc_reception_set_value (reception, zc_form_field_get_key (field), candidates[c], NULL))
          break;
    }

  materials = zc_reception_get_materials (reception);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);

      if (zc_reception_material_get_state (rm) == ZC_MATERIAL_STATE_PENDING)
        zc_reception_set_material_state (reception, zc_material_get_code (zc_reception_material_get_material (rm)),
                                         ZC_MATERIAL_STATE_RECEIVED, NULL);
    }

  if (!zc_reception_check (reception, problems, NULL))
    g_error ("test case body incomplete: %s", (char *) g_ptr_array_index (problems, 0));
  return zc_reception_to_json (reception);
}
