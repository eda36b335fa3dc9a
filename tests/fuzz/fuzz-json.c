/* fuzz-json.c — JSON from the network into the models
 *
 * The strict scan (zc-json.c), then every model reader of the contract
 * (zc-models-json.c …) on the same document: whatever the bytes, an error
 * or an object, never a crash or a GLib critical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-core.h"
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

  if (root == NULL)
    return 0;

  {
    g_autoptr(ZcUser) user = zc_user_new_from_json (root, NULL);
    g_autoptr(ZcLicence) licence = zc_licence_new_from_json (root, NULL);
    g_autoptr(ZcApplicant) applicant = zc_applicant_new_from_json (root, NULL);
    g_autoptr(ZcTask) task = zc_task_new_from_json (root, NULL);
    g_autoptr(ZcCase) kase = zc_case_new_from_json (root, NULL);
    g_autoptr(ZcEvent) event = zc_event_new_from_json (root, NULL);

    if (kase != NULL)
      {
        /* what the case page reads */
        (void) g_list_model_get_n_items (zc_case_get_tasks (kase));
        (void) zc_case_get_matters (kase);
        (void) zc_case_get_form (kase);
      }
    if (licence != NULL)
      (void) zc_licence_get_field (licence, "name");
  }
  return 0;
}
