/* fuzz-catalogue.c — a catalogue from the platform, checked by core
 *
 * zc_catalogue_parse on any JSON: an error naming the place, or items
 * whose merged form and material list can be built for an applicant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-core.h"
#include "zc-reception.h"
#include "zc-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = zc_json_parse ((const char *) data, (gssize) size, ZC_JSON_MAX_DEPTH, NULL);
  g_autoptr(GListModel) catalogue = NULL;
  g_autoptr(JsonNode) person = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;
  GDate today;

  if (root == NULL || (catalogue = zc_catalogue_parse (root, NULL)) == NULL)
    return 0;

  person = zc_json_parse ("{\"key\":\"11010519491231002X\",\"kind\":\"person\",\"name\":\"张三\","
                          "\"licences\":[],\"parties\":[]}", -1, ZC_JSON_MAX_DEPTH, NULL);
  applicant = zc_applicant_new_from_json (person, NULL);
  g_assert_nonnull (applicant);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 7, 12, 2026);

  for (guint i = 0; i < g_list_model_get_n_items (catalogue) && i < 8; i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (catalogue, i);
      g_autoptr(ZcReception) reception = zc_reception_new (item, applicant, &today);
      g_autoptr(JsonObject) body = zc_reception_to_json (reception);

      (void) zc_reception_get_prefill_ratio (reception);
    }
  return 0;
}
