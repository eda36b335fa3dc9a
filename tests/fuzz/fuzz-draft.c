/* fuzz-draft.c — a saved draft read back (zc_reception_restore)
 *
 * A draft is read from the local store after a crash; a damaged or
 * hostile one must give an error or a reception, never a crash. The
 * reception is the demo catalogue's 开办餐饮店 for a founder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-core.h"
#include "zc-reception.h"
#include "zc-fuzz.h"

static ZcCatalogueItem *item;
static ZcApplicant     *applicant;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *dir = g_getenv ("ZC_DATA_DIR");
  g_autofree char *path = g_build_filename (dir ? dir : ZC_SOURCE_DATADIR, "catalogue.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) person = NULL;
  g_autoptr(GListModel) catalogue = NULL;
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (!g_file_get_contents (path, &text, NULL, &error) ||
      (root = zc_json_parse (text, -1, ZC_JSON_MAX_DEPTH, &error)) == NULL ||
      (catalogue = zc_catalogue_parse (root, &error)) == NULL)
    g_error ("fuzz-draft: %s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (catalogue) && item == NULL; i++)
    {
      g_autoptr(ZcCatalogueItem) it = g_list_model_get_item (catalogue, i);

      if (g_str_equal (zc_catalogue_item_get_code (it), "open_restaurant"))
        item = g_object_ref (it);
    }
  g_assert_nonnull (item);
  person = zc_json_parse ("{\"key\":\"11010519491231002X\",\"kind\":\"person\",\"name\":\"张三\","
                          "\"licences\":[],\"parties\":[]}", -1, ZC_JSON_MAX_DEPTH, NULL);
  applicant = zc_applicant_new_from_json (person, NULL);
  g_assert_nonnull (applicant);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = zc_json_parse ((const char *) data, (gssize) size, 2 * ZC_JSON_MAX_DEPTH, NULL);
  g_autoptr(ZcReception) reception = NULL;
  GDate today;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 7, 12, 2026);
  reception = zc_reception_new (item, applicant, &today);
  if (zc_reception_restore (reception, json_node_get_object (root), NULL))
    {
      g_autoptr(JsonObject) body = zc_reception_to_json (reception);

      g_assert_nonnull (body);
    }
  return 0;
}
