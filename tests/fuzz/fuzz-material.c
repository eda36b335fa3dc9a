/* fuzz-material.c — reading identifiers and checking a material on any
 * text (what OCR gives is noise)
 *
 * The bytes become a page (text layer and OCR alike); the finder, the
 * look-alike repair and the verdict against a holder's licences must
 * never crash, and what they say must hold together: repaired
 * identifiers pass their check, boxes of found things lie in the page's
 * characters, a verdict of match has no finding against it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-core.h"
#include "zc-fuzz.h"

static GListModel *licences;

static ZcLicence *
licence (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return zc_licence_new_from_json (node, NULL);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  GListStore *store = g_list_store_new (ZC_TYPE_LICENCE);
  g_autoptr(ZcLicence) a = licence ("{\"type\":\"business_licence\",\"number\":\"91340202MA2N0C8P79\","
                                    "\"holder\":\"91340202MA2N0C8P79\",\"holder_name\":\"芜湖市鸠兹餐饮有限公司\","
                                    "\"issued_on\":\"2021-03-01\",\"valid_until\":\"2030-01-01\"}");
  g_autoptr(ZcLicence) b = licence ("{\"type\":\"business_licence\",\"number\":\"91340202MA2N0C8P79\","
                                    "\"holder\":\"91340202MA2N0C8P79\",\"holder_name\":\"芜湖市鸠兹餐饮有限公司\","
                                    "\"issued_on\":\"2011-03-01\",\"valid_until\":\"2021-02-28\",\"revoked\":true}");

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_list_store_append (store, a);
  g_list_store_append (store, b);
  licences = G_LIST_MODEL (store);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GDate) today = g_date_new_dmy (7, 12, 2026);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_page_text_free);
  g_autofree char *text = g_strndup ((const char *) data, size);
  gboolean ocr = size > 0 && (data[0] & 1);
  ZcPageText *page = zc_page_text_new (1, ocr, 595, 842);
  ZcBox box = { 10, 20, 30, 40 };

  /* invalid UTF-8 is repaired on the way in, as both readers do */
  zc_page_text_append (page, text, &box, ocr ? 0.5f : 1.0f);
  g_ptr_array_add (pages, page);
  g_assert_cmpuint (page->chars->len, ==, g_utf8_strlen (page->text->str, -1));

  {
    g_autoptr(GPtrArray) found = zc_text_find (page, today);

    for (guint i = 0; i < found->len; i++)
      {
        const ZcFound *f = g_ptr_array_index (found, i);

        g_assert_true (f->start <= f->end && f->end <= page->chars->len);
        if (f->kind == ZC_FOUND_RESIDENT_ID && f->repair == ZC_REPAIR_REPAIRED)
          g_assert_true (zc_resident_id_validate (f->value, today, NULL));
        if (f->kind == ZC_FOUND_USCC && f->repair == ZC_REPAIR_REPAIRED)
          g_assert_true (zc_uscc_validate (f->value, NULL));
      }
  }
  for (const char * const *t = zc_licence_types (); *t != NULL; t++)
    {
      g_autoptr(GPtrArray) numbers = zc_text_find_licence_numbers (page, *t, today);

      (void) numbers;
    }
  {
    g_autoptr(ZcMaterialCheck) check = zc_material_check (pages, licences, today, "business_licence",
                                                          "91340202MA2N0C8P79");
    g_autoptr(JsonNode) node = zc_material_check_to_json (check);

    g_assert_nonnull (node);
    if (check->verdict == ZC_VERDICT_MATCH)
      for (guint i = 0; i < check->findings->len; i++)
        g_assert_cmpint (((ZcCheckFinding *) g_ptr_array_index (check->findings, i))->verdict, ==,
                         ZC_VERDICT_MATCH);
  }
  return 0;
}
