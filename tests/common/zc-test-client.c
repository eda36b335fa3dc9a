/* zc-test-client.c — a logged-in client and a demo applicant for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-test-client.h"

ZcClient *
zc_test_login (const char *base_url,
               const char *username,
               const char *password)
{
  g_autoptr(ZcClient) client = zc_client_new (base_url);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = NULL;
  GAsyncResult *result = NULL;

  zc_client_login_async (client, username, password, NULL, zc_test_store_result_cb, &result);
  user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zc_user_get_username (user), ==, username);
  return g_steal_pointer (&client);
}

char *
zc_test_first_person_applicant (ZcClient *client)
{
  g_autoptr(GListModel) people = NULL;
  g_autoptr(ZcApplicant) first = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint total = 0;

  zc_client_list_applicants_async (client, NULL, "person", 0, 1, NULL, zc_test_store_result_cb, &result);
  people = ZC_TEST_AWAIT_FINISH (result, zc_client_list_applicants_finish (client, result, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), >, 0);
  first = g_list_model_get_item (people, 0);
  return g_strdup (zc_applicant_get_key (first));
}
