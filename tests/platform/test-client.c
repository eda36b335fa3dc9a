/* test-client.c — every implemented endpoint through ZcClient against an
 * in-process zc-platform (demo data, loopback), plus the case list model
 * and the embedded platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poppler.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "zc-case-list-model.h"
#include "zc-client.h"
#include "zc-reception.h"
#include "zc-embedded-platform.h"
#include "zc-test-case-body.h"
#include "zc-test-server.h"

#define PASSWORD "demo1234"
#define UNKNOWN_KEY "650102200001010012"  /* valid, not in the demo register */

static char     *tmp_dir;
static char     *db_path;
static ZcServer *server;

/* found along the way, used by later tests */
static char     *person_key;
static char     *person_item;
static gint64    received_case_id;
static char     *received_case_number;

/* --- helpers --- */

static ZcClient *
new_client (void)
{
  return zc_client_new (zc_server_get_url (server));
}

static ZcClient *
login (const char *username)
{
  g_autoptr(ZcClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = NULL;
  GAsyncResult *result = NULL;

  zc_client_login_async (client, username, PASSWORD, NULL, zc_test_store_result_cb, &result);
  user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpstr (zc_user_get_username (user), ==, username);
  g_assert_nonnull (zc_client_get_token (client));
  return g_steal_pointer (&client);
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
start_server (gboolean demo)
{
  server = zc_test_server_start (db_path, demo, NULL, 0);
}

/* --- tests --- */

static void
test_health (void)
{
  g_autoptr(ZcClient) client = new_client ();
  g_autoptr(ZcClient) nowhere = zc_client_new ("http://127.0.0.1:9");
  g_autoptr(ZcClient) not_url = zc_client_new ("ftp:/nothing");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;

  zc_client_health_async (client, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (ok);

  /* nobody listens there */
  zc_client_health_async (nowhere, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (nowhere, result, &error));
  g_assert_false (ok);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK);
  g_clear_error (&error);

  zc_client_health_async (not_url, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (not_url, result, &error));
  g_assert_false (ok);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK);
  g_clear_error (&error);

  /* cancelled before the answer: G_IO_ERROR_CANCELLED, nothing else */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    zc_client_health_async (client, cancellable, zc_test_store_result_cb, &result);
    g_cancellable_cancel (cancellable);
    ok = ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (client, result, &error));
    g_assert_false (ok);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_login_bad_password (void)
{
  g_autoptr(ZcClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = NULL;
  g_autofree char *message = NULL;
  GAsyncResult *result = NULL;
  guint notified = 0;

  g_signal_connect (client, "notify::user", G_CALLBACK (count_notify), &notified);

  zc_client_login_async (client, "clerk", "wrong-password", NULL, zc_test_store_result_cb, &result);
  user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
  g_assert_null (user);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED);
  g_assert_null (zc_client_get_token (client));
  g_assert_null (zc_client_get_user (client));
  g_assert_cmpuint (notified, ==, 0);
  message = zc_platform_error_to_user_message (error);
  g_assert_cmpstr (message, !=, "");
  g_clear_error (&error);

  /* a good login keeps token and user and says so */
  zc_client_login_async (client, "clerk", PASSWORD, NULL, zc_test_store_result_cb, &result);
  user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (zc_client_get_user (client) == user);
  g_assert_cmpint (zc_user_get_role (user), ==, ZC_ROLE_CLERK);
  g_assert_nonnull (zc_user_get_window (user));

  /* GET /sessions/current is not in the client; logout forgets it all */
  {
    gboolean ok;

    zc_client_logout_async (client, NULL, zc_test_store_result_cb, &result);
    g_assert_null (zc_client_get_token (client));
    ok = ZC_TEST_AWAIT_FINISH (result, zc_client_logout_finish (client, result, &error));
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_null (zc_client_get_user (client));
    g_assert_cmpuint (notified, ==, 2);
  }
}

static void
test_lockout_and_unlock (void)
{
  g_autoptr(ZcClient) client = new_client ();
  g_autoptr(ZcClient) supervisor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = NULL;
  g_autofree char *message = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;

  for (guint i = 0; i < 5; i++)
    {
      zc_client_login_async (client, "helper", "wrong-password", NULL, zc_test_store_result_cb, &result);
      user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
      g_assert_null (user);
      g_assert_true (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED) ||
                     (i == 4 && g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_LOCKED)));
      g_clear_error (&error);
    }

  /* even the right password is refused now, with the lock said plainly */
  zc_client_login_async (client, "helper", PASSWORD, NULL, zc_test_store_result_cb, &result);
  user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
  g_assert_null (user);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_LOCKED);
  g_assert_cmpstr (error->message, !=, "");
  {
    /* until when, as a member (not parsed out of the message) */
    g_autoptr(GError) copy = g_error_copy (error);
    g_autoptr(GDateTime) until = NULL;

    g_assert_nonnull (zc_platform_error_get_locked_until (error));
    until = g_date_time_new_from_iso8601 (zc_platform_error_get_locked_until (error), NULL);
    g_assert_nonnull (until);
    g_assert_cmpstr (zc_platform_error_get_locked_until (copy), ==,
                     zc_platform_error_get_locked_until (error));
  }
  message = zc_platform_error_to_user_message (error);
  g_assert_nonnull (strstr (message, error->message));
  g_clear_error (&error);

  /* a clerk may not unlock */
  {
    g_autoptr(ZcClient) clerk = login ("clerk");

    zc_client_unlock_user_async (clerk, "helper", NULL, zc_test_store_result_cb, &result);
    ok = ZC_TEST_AWAIT_FINISH (result, zc_client_unlock_user_finish (clerk, result, &error));
    g_assert_false (ok);
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }

  supervisor = login ("supervisor");
  zc_client_unlock_user_async (supervisor, "nobody-by-this-name", NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_unlock_user_finish (supervisor, result, &error));
  g_assert_false (ok);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  zc_client_unlock_user_async (supervisor, "helper", NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_unlock_user_finish (supervisor, result, &error));
  g_assert_no_error (error);
  g_assert_true (ok);

  zc_client_login_async (client, "helper", PASSWORD, NULL, zc_test_store_result_cb, &result);
  user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zc_user_get_role (user), ==, ZC_ROLE_HELPER);
}

/* Every call of the client, each expected to fail with @code. */
static void
assert_every_call_fails (ZcClient *client,
                         int       code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  GAsyncResult *result = NULL;
  gpointer value;
  gboolean ok;

  json_object_set_string_member (body, "item", "kbcyd");
  json_object_set_string_member (body, "applicant", UNKNOWN_KEY);

#define CHECK_POINTER(call, finish) \
  G_STMT_START { \
    call; \
    value = ZC_TEST_AWAIT_FINISH (result, finish); \
    g_assert_null (value); \
    g_assert_error (error, ZC_PLATFORM_ERROR, code); \
    g_clear_error (&error); \
  } G_STMT_END
#define CHECK_BOOLEAN(call, finish) \
  G_STMT_START { \
    call; \
    ok = ZC_TEST_AWAIT_FINISH (result, finish); \
    g_assert_false (ok); \
    g_assert_error (error, ZC_PLATFORM_ERROR, code); \
    g_clear_error (&error); \
  } G_STMT_END

  CHECK_POINTER (zc_client_list_catalogue_async (client, NULL, zc_test_store_result_cb, &result),
                 zc_client_list_catalogue_finish (client, result, &error));
  CHECK_POINTER (zc_client_get_catalogue_item_async (client, "kbcyd", NULL, zc_test_store_result_cb, &result),
                 zc_client_get_catalogue_item_finish (client, result, &error));
  CHECK_POINTER (zc_client_list_applicants_async (client, NULL, NULL, 0, 10, NULL, zc_test_store_result_cb, &result),
                 zc_client_list_applicants_finish (client, result, NULL, &error));
  CHECK_POINTER (zc_client_get_applicant_async (client, UNKNOWN_KEY, NULL, zc_test_store_result_cb, &result),
                 zc_client_get_applicant_finish (client, result, &error));
  CHECK_POINTER (zc_client_list_licences_async (client, UNKNOWN_KEY, NULL, zc_test_store_result_cb, &result),
                 zc_client_list_licences_finish (client, result, &error));
  CHECK_POINTER (zc_client_get_licence_photo_async (client, UNKNOWN_KEY, NULL, zc_test_store_result_cb, &result),
                 zc_client_get_licence_photo_finish (client, result, &error));
  CHECK_POINTER (zc_client_create_case_async (client, body, NULL, NULL, zc_test_store_result_cb, &result),
                 zc_client_create_case_finish (client, result, &error));
  CHECK_POINTER (zc_client_list_cases_async (client, NULL, NULL, 0, 10, NULL, zc_test_store_result_cb, &result),
                 zc_client_list_cases_finish (client, result, NULL, &error));
  CHECK_POINTER (zc_client_get_case_async (client, 1, NULL, zc_test_store_result_cb, &result),
                 zc_client_get_case_finish (client, result, &error));
  CHECK_POINTER (zc_client_transition_case_async (client, 1, "received", NULL, NULL, zc_test_store_result_cb, &result),
                 zc_client_transition_case_finish (client, result, &error));
  CHECK_POINTER (zc_client_list_case_events_async (client, 1, NULL, zc_test_store_result_cb, &result),
                 zc_client_list_case_events_finish (client, result, &error));
  CHECK_POINTER (zc_client_list_tasks_async (client, NULL, NULL, NULL, zc_test_store_result_cb, &result),
                 zc_client_list_tasks_finish (client, result, &error));
  CHECK_POINTER (zc_client_transition_task_async (client, 1, "in_review", NULL, NULL, zc_test_store_result_cb, &result),
                 zc_client_transition_task_finish (client, result, &error));
  CHECK_BOOLEAN (zc_client_unlock_user_async (client, "helper", NULL, zc_test_store_result_cb, &result),
                 zc_client_unlock_user_finish (client, result, &error));

#undef CHECK_POINTER
#undef CHECK_BOOLEAN
}

static void
test_without_token (void)
{
  g_autoptr(ZcClient) client = login ("supervisor");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;

  zc_client_set_token (client, NULL);
  assert_every_call_fails (client, ZC_PLATFORM_ERROR_UNAUTHORIZED);

  /* a made-up token is no better */
  zc_client_set_token (client, "0123456789abcdef");
  assert_every_call_fails (client, ZC_PLATFORM_ERROR_UNAUTHORIZED);

  /* logout without a session: refused, and the client holds nothing */
  zc_client_logout_async (client, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_logout_finish (client, result, &error));
  g_assert_false (ok);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED);
  g_assert_null (zc_client_get_token (client));
}

static void
test_role_refusals (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(ZcClient) department = login ("dept-scjg");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  GAsyncResult *result = NULL;
  gpointer value;

  /* browsing the register is for supervisors */
  zc_client_list_applicants_async (clerk, NULL, NULL, 0, 10, NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_list_applicants_finish (clerk, result, NULL, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* tasks are moved by departments */
  zc_client_list_tasks_async (clerk, NULL, NULL, NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_list_tasks_finish (clerk, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* departments do not receive cases */
  json_object_set_string_member (body, "item", "kbcyd");
  json_object_set_string_member (body, "applicant", UNKNOWN_KEY);
  zc_client_create_case_async (department, body, NULL, NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (department, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_FORBIDDEN);
  g_clear_error (&error);

  zc_client_get_applicant_async (department, UNKNOWN_KEY, NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_get_applicant_finish (department, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_FORBIDDEN);
}

static void
test_not_found (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gpointer value;

  zc_client_get_case_async (clerk, 987654321, NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_get_case_finish (clerk, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  zc_client_list_case_events_async (clerk, 987654321, NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_list_case_events_finish (clerk, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* characters that need escaping stay inside their path segment */
  zc_client_get_catalogue_item_async (clerk, "no such/item?x=1#y", NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_get_catalogue_item_finish (clerk, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  zc_client_get_licence_photo_async (clerk, "NO-SUCH-LICENCE", NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_get_licence_photo_finish (clerk, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  zc_client_get_applicant_async (clerk, UNKNOWN_KEY, NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_get_applicant_finish (clerk, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a key that fails its check digit is refused before any lookup */
  zc_client_get_applicant_async (clerk, "650102200001010013", NULL, zc_test_store_result_cb, &result);
  value = ZC_TEST_AWAIT_FINISH (result, zc_client_get_applicant_finish (clerk, result, &error));
  g_assert_null (value);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_catalogue (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(GListModel) items = NULL;
  g_autoptr(ZcCatalogueItem) first = NULL;
  g_autoptr(ZcCatalogueItem) again = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint n;

  zc_client_list_catalogue_async (clerk, NULL, zc_test_store_result_cb, &result);
  items = ZC_TEST_AWAIT_FINISH (result, zc_client_list_catalogue_finish (clerk, result, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (items);
  g_assert_cmpuint (n, >=, 13);

  for (guint i = 0; i < n && person_item == NULL; i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (zc_catalogue_item_get_subject (item), "person") == 0)
        person_item = g_strdup (zc_catalogue_item_get_code (item));
    }
  g_assert_nonnull (person_item);

  first = g_list_model_get_item (items, 0);
  zc_client_get_catalogue_item_async (clerk, zc_catalogue_item_get_code (first), NULL,
                                      zc_test_store_result_cb, &result);
  again = ZC_TEST_AWAIT_FINISH (result, zc_client_get_catalogue_item_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zc_catalogue_item_get_name (again), ==, zc_catalogue_item_get_name (first));
  g_assert_cmpuint (g_list_model_get_n_items (zc_catalogue_item_get_matters (again)), >, 0);
}

static void
test_applicants_and_licences (void)
{
  g_autoptr(ZcClient) supervisor = login ("supervisor");
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean found_expired = FALSE;
  gboolean found_valid = FALSE;
  gboolean found_photo = FALSE;
  guint total = 0;
  GDate now;

  today (&now);

  zc_client_list_applicants_async (supervisor, NULL, "person", 0, 100, NULL, zc_test_store_result_cb, &result);
  page = ZC_TEST_AWAIT_FINISH (result, zc_client_list_applicants_finish (supervisor, result, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (page), <=, 100);
  g_assert_cmpuint (total, >=, g_list_model_get_n_items (page));

  for (guint i = 0; i < g_list_model_get_n_items (page) && !(found_expired && found_photo); i++)
    {
      g_autoptr(ZcApplicant) entry = g_list_model_get_item (page, i);
      g_autoptr(ZcApplicant) applicant = NULL;
      g_autoptr(GListModel) licences = NULL;
      GListModel *own;

      g_assert_cmpstr (zc_applicant_get_kind (entry), ==, "person");

      /* clerks look applicants up by exact key */
      zc_client_get_applicant_async (clerk, zc_applicant_get_key (entry), NULL, zc_test_store_result_cb, &result);
      applicant = ZC_TEST_AWAIT_FINISH (result, zc_client_get_applicant_finish (clerk, result, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (zc_applicant_get_name (applicant), ==, zc_applicant_get_name (entry));
      own = zc_applicant_get_licences (applicant);
      if (person_key == NULL && g_list_model_get_n_items (own) > 0)
        person_key = g_strdup (zc_applicant_get_key (applicant));

      zc_client_list_licences_async (clerk, zc_applicant_get_key (entry), NULL, zc_test_store_result_cb, &result);
      licences = ZC_TEST_AWAIT_FINISH (result, zc_client_list_licences_finish (clerk, result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (licences), ==, g_list_model_get_n_items (own));

      for (guint j = 0; j < g_list_model_get_n_items (own); j++)
        {
          g_autoptr(ZcLicence) licence = g_list_model_get_item (own, j);
          const GDate *until = zc_licence_get_valid_until (licence);

          g_assert_cmpstr (zc_licence_get_holder (licence), ==, zc_applicant_get_key (applicant));
          if (!zc_licence_get_revoked (licence) && until != NULL && g_date_compare (until, &now) < 0)
            {
              /* expired: computed against the date, never stored */
              g_assert_false (zc_licence_is_valid_on (licence, &now));
              g_assert_true (zc_licence_is_valid_on (licence, until));
              found_expired = TRUE;
            }
          else if (!zc_licence_get_revoked (licence) && (until == NULL || g_date_compare (until, &now) >= 0))
            {
              g_assert_true (zc_licence_is_valid_on (licence, &now));
              found_valid = TRUE;
            }

          if (!found_photo && zc_licence_get_has_photo (licence) &&
              g_strcmp0 (zc_licence_get_licence_type (licence), "id_card") == 0)
            {
              g_autoptr(GBytes) png = NULL;
              const guint8 *data;
              gsize size = 0;

              zc_client_get_licence_photo_async (clerk, zc_licence_get_number (licence), NULL,
                                                 zc_test_store_result_cb, &result);
              png = ZC_TEST_AWAIT_FINISH (result, zc_client_get_licence_photo_finish (clerk, result, &error));
              g_assert_no_error (error);
              data = g_bytes_get_data (png, &size);
              g_assert_cmpuint (size, >, 8);
              g_assert_cmpmem (data, 4, "\x89PNG", 4);
              found_photo = TRUE;
            }
        }
    }

  g_assert_true (found_expired);
  g_assert_true (found_valid);
  g_assert_true (found_photo);
  g_assert_nonnull (person_key);

  /* the whole register: persons and enterprises */
  g_clear_object (&page);
  zc_client_list_applicants_async (supervisor, NULL, NULL, 0, 5, NULL, zc_test_store_result_cb, &result);
  page = ZC_TEST_AWAIT_FINISH (result, zc_client_list_applicants_finish (supervisor, result, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, 5);
  g_assert_cmpuint (total, >=, 200);
}

static ZcCase *
create_case (ZcClient   *client,
             const char *key,
             GError    **error)
{
  g_autoptr(JsonObject) body = zc_test_complete_case_body (client, person_item, person_key);
  GAsyncResult *result = NULL;

  zc_client_create_case_async (client, body, key, NULL, zc_test_store_result_cb, &result);
  return ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, error));
}

static void
test_case_idempotent (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(ZcCase) first = NULL;
  g_autoptr(ZcCase) replay = NULL;
  g_autoptr(ZcCase) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *other_key = g_uuid_string_random ();

  g_assert_nonnull (person_item);
  g_assert_nonnull (person_key);

  first = create_case (clerk, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zc_case_get_state (first), ==, ZC_CASE_STATE_DRAFT);
  g_assert_null (zc_case_get_number (first));
  g_assert_cmpstr (zc_case_get_applicant (first), ==, person_key);
  g_assert_cmpstr (zc_case_get_window (first), ==, zc_user_get_window (zc_client_get_user (clerk)));

  replay = create_case (clerk, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zc_case_get_id (replay), ==, zc_case_get_id (first));

  other = create_case (clerk, other_key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zc_case_get_id (other), !=, zc_case_get_id (first));
}

static void
test_case_invalid (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ZcCase *c;

  json_object_set_string_member (body, "item", "no-such-item");
  json_object_set_string_member (body, "applicant", person_key);
  zc_client_create_case_async (clerk, body, NULL, NULL, zc_test_store_result_cb, &result);
  c = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (clerk, result, &error));
  g_assert_null (c);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INVALID);
}

static void
test_case_transitions (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(ZcCase) draft = NULL;
  g_autoptr(ZcCase) refused = NULL;
  g_autoptr(ZcCase) received = NULL;
  g_autoptr(ZcCase) fetched = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GRegex) number_re = g_regex_new ("^ZC-\\d{8}-\\d{6}$", 0, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *key = g_uuid_string_random ();
  GAsyncResult *result = NULL;
  GListModel *tasks;
  gboolean saw_receive = FALSE;
  GDate now;

  today (&now);
  draft = create_case (clerk, key, &error);
  g_assert_no_error (error);

  /* draft → completed is the platform's move, and only from received */
  zc_client_transition_case_async (clerk, zc_case_get_id (draft), "completed", NULL, NULL,
                                   zc_test_store_result_cb, &result);
  refused = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_case_finish (clerk, result, &error));
  g_assert_null (refused);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT);
  g_assert_cmpuint (strlen (error->message), >, 0);
  message = zc_platform_error_to_user_message (error);
  g_assert_nonnull (strstr (message, error->message));
  g_clear_error (&error);

  zc_client_transition_case_async (clerk, zc_case_get_id (draft), "received", NULL, NULL,
                                   zc_test_store_result_cb, &result);
  received = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_case_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zc_case_get_state (received), ==, ZC_CASE_STATE_RECEIVED);
  g_assert_nonnull (zc_case_get_number (received));
  g_assert_true (g_regex_match (number_re, zc_case_get_number (received), 0, NULL));
  g_assert_nonnull (zc_case_get_received_at (received));

  tasks = zc_case_get_tasks (received);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==,
                    g_strv_length ((GStrv) zc_case_get_matters (received)));
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(ZcTask) task = g_list_model_get_item (tasks, i);

      g_assert_cmpint (zc_task_get_state (task), ==, ZC_TASK_STATE_PENDING);
      g_assert_cmpint (zc_task_get_case_id (task), ==, zc_case_get_id (received));
      g_assert_nonnull (zc_task_get_due_date (task));
      g_assert_cmpint (g_date_compare (zc_task_get_due_date (task), &now), >=, 0);
      g_assert_nonnull (zc_task_get_department (task));
    }

  received_case_id = zc_case_get_id (received);
  received_case_number = g_strdup (zc_case_get_number (received));

  zc_client_get_case_async (clerk, received_case_id, NULL, zc_test_store_result_cb, &result);
  fetched = ZC_TEST_AWAIT_FINISH (result, zc_client_get_case_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zc_case_get_number (fetched), ==, received_case_number);

  zc_client_list_case_events_async (clerk, received_case_id, NULL, zc_test_store_result_cb, &result);
  events = ZC_TEST_AWAIT_FINISH (result, zc_client_list_case_events_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 2); /* created, received */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ZcEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (zc_event_get_to_state (event), "received") == 0)
        {
          g_assert_cmpstr (zc_event_get_actor (event), ==, "clerk");
          saw_receive = TRUE;
        }
    }
  g_assert_true (saw_receive);
}

static void
test_claim_update_progress (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(ZcClient) supervisor = login ("supervisor");
  g_autoptr(ZcClient) anonymous = new_client ();
  g_autoptr(ZcCase) draft = NULL;
  g_autoptr(ZcCase) updated = NULL;
  g_autoptr(ZcCase) taken = NULL;
  g_autoptr(ZcCase) refused = NULL;
  g_autoptr(ZcCase) reclaimed = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) form = json_object_new ();
  g_autoptr(JsonObject) materials = json_object_new ();
  g_autoptr(JsonArray) notes = NULL;
  g_autoptr(JsonArray) none = NULL;
  g_autoptr(JsonObject) progress = NULL;
  g_autoptr(JsonObject) public_progress = NULL;
  g_autoptr(JsonObject) nothing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *holder_display = NULL;
  g_autoptr(ZcMaterial) material = NULL;
  GAsyncResult *result = NULL;
  gboolean released;
  gint64 id, last;

  g_assert_nonnull (person_item);
  draft = create_case (clerk, key, &error);
  g_assert_no_error (error);
  id = zc_case_get_id (draft);
  g_assert_cmpstr (zc_case_get_holder (draft), ==, "clerk");
  g_object_get (draft, "holder-display", &holder_display, NULL);
  g_assert_cmpstr (holder_display, ==, "王晓燕");

  /* the holder saves the draft: form and one material's state */
  zc_client_get_catalogue_item_async (clerk, person_item, NULL, zc_test_store_result_cb, &result);
  item = ZC_TEST_AWAIT_FINISH (result, zc_client_get_catalogue_item_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (zc_catalogue_item_get_materials (item)), >, 0);
  material = g_list_model_get_item (zc_catalogue_item_get_materials (item), 0);
  json_object_set_string_member (form, "note_field", "typed at the counter");
  json_object_set_object_member (body, "form", json_object_ref (form));
  json_object_set_string_member (materials, zc_material_get_code (material), "received");
  json_object_set_object_member (body, "materials", json_object_ref (materials));
  zc_client_update_case_async (clerk, id, body, NULL, zc_test_store_result_cb, &result);
  updated = ZC_TEST_AWAIT_FINISH (result, zc_client_update_case_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (zc_case_get_form (updated), "note_field"), ==,
                   "typed at the counter");

  /* a plain claim by the supervisor is refused naming the holder; a takeover works */
  zc_client_claim_case_async (supervisor, id, FALSE, NULL, NULL, zc_test_store_result_cb, &result);
  refused = ZC_TEST_AWAIT_FINISH (result, zc_client_claim_case_finish (supervisor, result, &error));
  g_assert_null (refused);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "王晓燕"));
  g_clear_error (&error);
  zc_client_claim_case_async (supervisor, id, TRUE, "交接班", NULL, zc_test_store_result_cb, &result);
  taken = ZC_TEST_AWAIT_FINISH (result, zc_client_claim_case_finish (supervisor, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zc_case_get_holder (taken), ==, "supervisor");

  /* the clerk may not save any more, and is told */
  zc_client_update_case_async (clerk, id, body, NULL, zc_test_store_result_cb, &result);
  refused = ZC_TEST_AWAIT_FINISH (result, zc_client_update_case_finish (clerk, result, &error));
  g_assert_null (refused);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT);
  g_clear_error (&error);
  zc_client_list_notifications_async (clerk, 0, NULL, zc_test_store_result_cb, &result);
  notes = ZC_TEST_AWAIT_FINISH (result, zc_client_list_notifications_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (notes), >=, 1);
  last = json_object_get_int_member (json_array_get_object_element (notes, json_array_get_length (notes) - 1), "id");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (notes, json_array_get_length (notes) - 1),
                                               "case_id"), ==, id);
  zc_client_list_notifications_async (clerk, last, NULL, zc_test_store_result_cb, &result);
  none = ZC_TEST_AWAIT_FINISH (result, zc_client_list_notifications_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (none), ==, 0);

  /* released by the supervisor, claimed back by the clerk */
  zc_client_release_case_async (supervisor, id, NULL, zc_test_store_result_cb, &result);
  released = ZC_TEST_AWAIT_FINISH (result, zc_client_release_case_finish (supervisor, result, &error));
  g_assert_no_error (error);
  g_assert_true (released);
  zc_client_claim_case_async (clerk, id, FALSE, NULL, NULL, zc_test_store_result_cb, &result);
  reclaimed = ZC_TEST_AWAIT_FINISH (result, zc_client_claim_case_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zc_case_get_holder (reclaimed), ==, "clerk");

  /* progress of a received case, inside and public */
  g_assert_cmpint (received_case_id, >, 0);
  zc_client_get_progress_async (clerk, received_case_id, NULL, zc_test_store_result_cb, &result);
  progress = ZC_TEST_AWAIT_FINISH (result, zc_client_get_progress_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (progress, "number"), ==, received_case_number);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (progress, "tasks")), >, 0);
  g_assert_false (json_object_get_boolean_member (
    json_array_get_object_element (json_object_get_array_member (progress, "tasks"), 0), "late"));

  zc_client_public_progress_async (anonymous, received_case_number, person_key, NULL, zc_test_store_result_cb, &result);
  public_progress = ZC_TEST_AWAIT_FINISH (result, zc_client_public_progress_finish (anonymous, result, &error));
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (public_progress, "case_id"));
  g_assert_cmpstr (json_object_get_string_member (public_progress, "state"), ==, "received");
  zc_client_public_progress_async (anonymous, received_case_number, UNKNOWN_KEY, NULL, zc_test_store_result_cb, &result);
  nothing = ZC_TEST_AWAIT_FINISH (result, zc_client_public_progress_finish (anonymous, result, &error));
  g_assert_null (nothing);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND);
}

static void
test_received_at (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(ZcCase) draft = NULL;
  g_autoptr(ZcCase) received = NULL;
  g_autoptr(ZcCase) replay = NULL;
  g_autoptr(ZcCase) too_old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *submit_key = g_uuid_string_random ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) old = g_date_time_add_days (now, -9);
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (then, tz);
  g_autofree char *prefix = g_date_time_format (local, "ZC-%Y%m%d-");
  GAsyncResult *result = NULL;

  draft = create_case (clerk, key, &error);
  g_assert_no_error (error);

  zc_client_transition_case_full_async (clerk, zc_case_get_id (draft), "received", NULL, old, NULL,
                                        NULL, zc_test_store_result_cb, &result);
  too_old = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_case_full_finish (clerk, result, &error));
  g_assert_null (too_old);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INVALID);
  g_clear_error (&error);

  zc_client_transition_case_full_async (clerk, zc_case_get_id (draft), "received", NULL, then, submit_key,
                                        NULL, zc_test_store_result_cb, &result);
  received = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_case_full_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (zc_case_get_number (received), prefix));
  g_assert_cmpint (g_date_time_to_unix (zc_case_get_received_at (received)), ==, g_date_time_to_unix (then));

  /* the outbox's retry: the same number, no second reception */
  zc_client_transition_case_full_async (clerk, zc_case_get_id (draft), "received", NULL, then, submit_key,
                                        NULL, zc_test_store_result_cb, &result);
  replay = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_case_full_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zc_case_get_number (replay), ==, zc_case_get_number (received));
}

static void
test_tasks (void)
{
  g_autoptr(ZcClient) department = login ("dept-scjg");
  g_autoptr(GListModel) tasks = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  const char *mine = zc_user_get_department (zc_client_get_user (department));
  gboolean moved = FALSE;

  g_assert_nonnull (mine);

  zc_client_list_tasks_async (department, NULL, "pending", NULL, zc_test_store_result_cb, &result);
  tasks = ZC_TEST_AWAIT_FINISH (result, zc_client_list_tasks_finish (department, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(ZcTask) task = g_list_model_get_item (tasks, i);

      /* a department sees its own tasks only */
      g_assert_cmpstr (zc_task_get_department (task), ==, mine);
      g_assert_cmpint (zc_task_get_state (task), ==, ZC_TASK_STATE_PENDING);

      if (!moved)
        {
          g_autoptr(ZcTask) in_review = NULL;
          g_autoptr(ZcTask) skipped = NULL;

          zc_client_transition_task_async (department, zc_task_get_id (task), "in_review", NULL,
                                           NULL, zc_test_store_result_cb, &result);
          in_review = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_task_finish (department, result, &error));
          if (in_review == NULL && g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT))
            {
              /* the task of a withdrawn (or otherwise ended) case stays
               * where it was: the next one */
              g_clear_error (&error);
              continue;
            }
          g_assert_no_error (error);
          g_assert_cmpint (zc_task_get_state (in_review), ==, ZC_TASK_STATE_IN_REVIEW);

          /* in_review → result_issued skips approval */
          zc_client_transition_task_async (department, zc_task_get_id (task), "result_issued", NULL,
                                           NULL, zc_test_store_result_cb, &result);
          skipped = ZC_TEST_AWAIT_FINISH (result, zc_client_transition_task_finish (department, result, &error));
          g_assert_null (skipped);
          g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT);
          g_clear_error (&error);
          moved = TRUE;
        }
    }
  g_assert_true (moved);
}

typedef struct
{
  guint changes;
  guint added;
} ChangeCount;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ChangeCount *count = user_data;

  count->changes++;
  count->added += added;
}

static void
wait_loaded (ZcCaseListModel *model)
{
  /* the first page may already be in flight or done */
  while (zc_case_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_case_list_model (void)
{
  g_autoptr(ZcClient) supervisor = login ("supervisor");  /* sees every window */
  g_autoptr(ZcCaseListModel) model = zc_case_list_model_new (supervisor, 20);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ChangeCount count = { 0 };
  guint n, total;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == ZC_TYPE_CASE);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &count);

  g_assert_true (zc_case_list_model_get_loading (model));
  wait_loaded (model);
  g_assert_null (zc_case_list_model_get_error (model));
  total = zc_case_list_model_get_total (model);
  g_assert_cmpuint (total, >, 40);  /* ~500 demo cases */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 20);
  g_assert_cmpuint (count.added, ==, 20);

  /* far from the end: nothing more is fetched */
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_false (zc_case_list_model_get_loading (model));

  /* near the end: the next page comes */
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 15));
  g_assert_true (zc_case_list_model_get_loading (model));
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 40);
  g_assert_cmpuint (count.changes, ==, 2);

  /* out of range: NULL, no crash */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 4000));

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcCase) c = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = zc_case_get_id (c);

      g_assert_false (g_hash_table_contains (ids, &id));
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  wait_loaded (model);

  /* a filter reloads from the first page */
  zc_case_list_model_set_state (model, "draft");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (zc_case_list_model_get_total (model), <, total);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcCase) c = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (zc_case_get_state (c), ==, ZC_CASE_STATE_DRAFT);
    }
  wait_loaded (model);

  /* a search for the case received above finds exactly it */
  zc_case_list_model_set_state (model, NULL);
  zc_case_list_model_set_query (model, received_case_number);
  wait_loaded (model);
  g_assert_cmpuint (zc_case_list_model_get_total (model), ==, 1);
  {
    g_autoptr(ZcCase) c = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpint (zc_case_get_id (c), ==, received_case_id);
  }
}

static void
test_case_list_model_error (void)
{
  g_autoptr(ZcClient) client = new_client ();  /* no token */
  g_autoptr(ZcCaseListModel) model = zc_case_list_model_new (client, 20);
  const GError *error;

  wait_loaded (model);
  error = zc_case_list_model_get_error (model);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

static void
test_restart_keeps_data (void)
{
  g_autoptr(ZcClient) clerk = NULL;
  g_autoptr(ZcCase) again = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_assert_cmpint (received_case_id, >, 0);

  zc_server_shutdown (server);
  g_clear_object (&server);
  start_server (FALSE);

  clerk = login ("clerk");
  zc_client_get_case_async (clerk, received_case_id, NULL, zc_test_store_result_cb, &result);
  again = ZC_TEST_AWAIT_FINISH (result, zc_client_get_case_finish (clerk, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zc_case_get_number (again), ==, received_case_number);
  g_assert_cmpint (zc_case_get_state (again), ==, ZC_CASE_STATE_RECEIVED);
}

/* --- zcctl against the platform --- */

/* Runs zcctl without blocking the main loop (the server lives on it). */
static int
run_zcctl (char       **out,
           char       **err,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;
  va_list ap;

  g_ptr_array_add (argv, (char *) ZCCTL_PATH);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "ZC_PLATFORM_URL");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  /* zcctl document writes its PDF with cairo and Pango on a worker
   * thread, whose font caches (cairo's scaled fonts, Pango's per-thread
   * font map) live as long as the process: under LeakSanitizer they are
   * reported at exit (4.6 KB in libcairo), none of it ours. Like the
   * documents test programs (test_env_gtk), it runs without the leak
   * check; memory errors and undefined behaviour still abort. */
  for (guint i = 0; i < argv->len - 1; i++)
    if (g_strcmp0 (g_ptr_array_index (argv, i), "document") == 0)
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", TRUE);
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (subprocess, NULL, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, g_subprocess_communicate_utf8_finish (subprocess, result, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  return g_subprocess_get_exit_status (subprocess);
}

static void
test_zcctl_platform (void)
{
  const char *url = zc_server_get_url (server);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *cases;
  gint64 first_id = 0;
  int status;

  status = run_zcctl (&out, &err, "health", "--platform", url, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* options after the command; personal data masked in the output */
  status = run_zcctl (&out, &err, "cases", "--state", "received", "--json", "--limit", "5",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "total"), >, 0);
  cases = json_object_get_array_member (root, "cases");
  g_assert_cmpuint (json_array_get_length (cases), >, 0);
  g_assert_cmpuint (json_array_get_length (cases), <=, 5);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "received");
      g_assert_nonnull (strchr (json_object_get_string_member (c, "applicant"), '*'));
      g_assert_nonnull (strchr (json_object_get_string_member (c, "applicant_name"), '*'));
      if (first_id == 0)
        first_id = json_object_get_int_member (c, "id");
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the table: a header and the total line */
  status = run_zcctl (&out, &err, "--platform", url, "--user", "clerk", "--password", PASSWORD,
                      "cases", "--limit", "3", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Number"));
  g_assert_nonnull (strstr (out, "3 of "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_zcctl (&out, &err, "cases", "--platform", url, "--user", "clerk", "--password", "wrong", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* commitments: --due or --overdue, for a supervisor; a clerk is refused */
  status = run_zcctl (&out, &err, "commitments", "--overdue", "--json", "--platform", url,
                      "--user", "supervisor", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *list;

    json_parser_load_from_data (p, out, -1, &error);
    g_assert_no_error (error);
    list = json_node_get_object (json_parser_get_root (p));
    g_assert_true (json_object_has_member (list, "total"));
    for (guint i = 0; i < json_array_get_length (json_object_get_array_member (list, "commitments")); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                         json_object_get_array_member (list, "commitments"), i), "state"), ==, "overdue");
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_zcctl (&out, &err, "commitments", "--due", "--platform", url,
                      "--user", "supervisor", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* the window lists its own cases' commitments (it takes the missing
   * material in) */
  status = run_zcctl (&out, &err, "commitments", "--due", "--platform", url,
                      "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_zcctl (&out, &err, "commitments", "--platform", url,
                      "--user", "supervisor", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* document: a received case's receipt as a PDF; a signed one only where a commitment is */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, first_id);
    g_autofree char *pdf_path = g_build_filename (tmp_dir, "receipt.pdf", NULL);
    g_autofree char *pdf = NULL;
    gsize len = 0;

    g_assert_cmpint (first_id, >, 0);
    status = run_zcctl (&out, &err, "document", id, "receipt", "-o", pdf_path, "--platform", url,
                        "--user", "clerk", "--password", PASSWORD, NULL);
    if (status != 0)
      g_error ("zcctl document: %s", err);
    g_assert_true (g_file_get_contents (pdf_path, &pdf, &len, NULL));
    g_assert_cmpuint (len, >, 1000);
    g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* the signed kinds: /client/zcctl-signed-documents */
    status = run_zcctl (&out, &err, "document", id, "poster", "-o", pdf_path, "--platform", url,
                        "--user", "clerk", "--password", PASSWORD, NULL);
    g_assert_cmpint (status, ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* a received case was not refused: no 不予受理通知书 for it */
    g_assert_true (g_remove (pdf_path) == 0);
    status = run_zcctl (&out, &err, "document", id, "refusal", "-o", pdf_path, "--platform", url,
                        "--user", "clerk", "--password", PASSWORD, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "not refused"));
    g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  }
}

/* --- commitments (容缺 / 告知承诺) --- */

static char *
query_text (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
test_commitments (void)
{
  g_autoptr(ZcClient) clerk = login ("clerk");
  g_autoptr(ZcClient) supervisor = login ("supervisor");
  g_autofree char *breach = query_text ("SELECT key FROM applicants WHERE serious_credit_breach = 1 ORDER BY key LIMIT 1");
  g_autofree char *liar = query_text ("SELECT applicant FROM credit_records WHERE kind = 'false_commitment' ORDER BY applicant LIMIT 1");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 commitment_id, case_id;

  g_assert_nonnull (breach);
  g_assert_nonnull (liar);
  {
    g_autoptr(JsonObject) credit = NULL;

    zc_client_get_credit_async (clerk, breach, NULL, zc_test_store_result_cb, &result);
    credit = ZC_TEST_AWAIT_FINISH (result, zc_client_get_credit_finish (clerk, result, &error));
    g_assert_no_error (error);
    g_assert_false (json_object_get_boolean_member (credit, "commitment_allowed"));
    g_assert_true (json_object_get_boolean_member (credit, "serious_credit_breach"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (credit, "records")), >=, 1);
  }
  {
    g_autoptr(JsonObject) credit = NULL;

    zc_client_get_credit_async (clerk, liar, NULL, zc_test_store_result_cb, &result);
    credit = ZC_TEST_AWAIT_FINISH (result, zc_client_get_credit_finish (clerk, result, &error));
    g_assert_no_error (error);
    g_assert_false (json_object_get_boolean_member (credit, "commitment_allowed"));
    g_assert_true (json_object_get_boolean_member (credit, "false_commitment"));
  }
  {
    /* the demo's 容缺: most urgent first, applicant masked */
    g_autoptr(JsonObject) list = NULL;
    JsonArray *items;
    JsonObject *first;

    zc_client_list_commitments_async (supervisor, NULL, "tolerance", NULL, NULL, 0, 5, NULL,
                                      zc_test_store_result_cb, &result);
    list = ZC_TEST_AWAIT_FINISH (result, zc_client_list_commitments_finish (supervisor, result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (list, "total"), >, 0);
    items = json_object_get_array_member (list, "commitments");
    g_assert_cmpuint (json_array_get_length (items), >, 0);
    g_assert_cmpuint (json_array_get_length (items), <=, 5);
    first = json_array_get_object_element (items, 0);
    g_assert_nonnull (strchr (json_object_get_string_member (first, "applicant"), '*'));
    commitment_id = json_object_get_int_member (first, "id");
    case_id = json_object_get_int_member (first, "case_id");
  }
  {
    /* a clerk does not verify; the case is received: no new commitment */
    g_autoptr(JsonObject) v = NULL;
    g_autoptr(JsonObject) c = NULL;
    g_autoptr(JsonObject) body = json_object_new ();
    g_autoptr(JsonObject) signature = json_object_new ();
    g_autoptr(JsonArray) materials = json_array_new ();

    zc_client_verify_commitment_async (clerk, commitment_id, "written", "confirmed", NULL, NULL, NULL,
                                       zc_test_store_result_cb, &result);
    v = ZC_TEST_AWAIT_FINISH (result, zc_client_verify_commitment_finish (clerk, result, &error));
    g_assert_null (v);
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_FORBIDDEN);
    g_clear_error (&error);

    json_array_add_string_element (materials, "sign_design");
    json_object_set_string_member (body, "kind", "tolerance");
    json_object_set_array_member (body, "materials", json_array_ref (materials));
    json_object_set_string_member (body, "deadline", "2099-01-05");
    json_object_set_string_member (signature, "signer", breach);
    json_object_set_string_member (signature, "signed_at", "2026-12-04T10:00:00+08:00");
    json_object_set_string_member (signature, "method", "signature_pad");
    json_object_set_object_member (body, "signature", json_object_ref (signature));
    zc_client_create_commitment_async (clerk, case_id, body, NULL, NULL, zc_test_store_result_cb, &result);
    c = ZC_TEST_AWAIT_FINISH (result, zc_client_create_commitment_finish (clerk, result, &error));
    g_assert_null (c);
    /* not the clerk's window (404/403) or not a draft (409) */
    g_assert_true (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_CONFLICT) ||
                   g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND) ||
                   g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_FORBIDDEN));
    g_clear_error (&error);
  }
  {
    /* the window lists its own cases' commitments (server-commitments
     * checks the scoping) */
    g_autoptr(JsonObject) own = NULL;
    JsonArray *listed;

    zc_client_list_commitments_async (clerk, NULL, NULL, NULL, NULL, 0, 0, NULL,
                                      zc_test_store_result_cb, &result);
    own = ZC_TEST_AWAIT_FINISH (result, zc_client_list_commitments_finish (clerk, result, &error));
    g_assert_no_error (error);
    g_assert_nonnull (own);
    listed = json_object_get_array_member (own, "commitments");
    g_assert_nonnull (listed);
    g_assert_cmpint (json_object_get_int_member (own, "total"), >=, json_array_get_length (listed));
  }
}

/* The text of a PDF file as poppler reads it, without white space */
static char *
pdf_file_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      for (const char *p = t; p != NULL && *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (text, *p);
      g_string_append_c (text, '\f');
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (text, FALSE);
}

/* zcctl document for the three signed kinds, from the demo's commitments:
 * the applicant, each material and the deadline are on the page */
static void
test_zcctl_signed_documents (void)
{
  /* copies: the notice is printed twice, each copy starting a page */
  static const struct { const char *kind; const char *doc; guint copies; } cases[] = {
    { "tolerance", "tolerance-request", 1 },
    { "tolerance", "tolerance-notice", 2 },
    { "commitment", "commitment", 1 },
  };
  const char *url = zc_server_get_url (server);

  {
    /* a clerk records a 告知承诺 with obligations on a draft of 开办餐饮店
     * for an applicant with a clean record (the demo's own has none) */
    g_autoptr(ZcClient) clerk = login ("clerk");
    g_autofree char *clean = query_text ("SELECT key FROM applicants WHERE kind = 'person' AND serious_credit_breach = 0 "
                                         "AND key NOT IN (SELECT applicant FROM credit_records) ORDER BY key LIMIT 1");
    g_autoptr(JsonObject) body = zc_test_complete_case_body (clerk, "open_restaurant", clean);
    g_autoptr(JsonObject) commitment = json_object_new ();
    g_autoptr(JsonObject) signature = json_object_new ();
    g_autoptr(JsonArray) materials = json_array_new ();
    g_autoptr(ZcCase) draft = NULL;
    g_autoptr(JsonObject) made = NULL;
    g_autoptr(GError) error = NULL;
    GAsyncResult *result = NULL;

    if (json_object_has_member (body, "materials"))
      json_object_remove_member (json_object_get_object_member (body, "materials"), "food_safety_rules");
    zc_client_create_case_async (clerk, body, NULL, NULL, zc_test_store_result_cb, &result);
    draft = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (clerk, result, &error));
    g_assert_no_error (error);
    json_array_add_string_element (materials, "food_safety_rules");
    json_object_set_string_member (commitment, "kind", "commitment");
    json_object_set_array_member (commitment, "materials", json_array_ref (materials));
    json_object_set_string_member (commitment, "verification_method", "on_site");
    json_object_set_string_member (commitment, "obligations", "食品安全管理制度已建立并执行\n开业前完成从业人员培训");
    json_object_set_string_member (signature, "signer", clean);
    json_object_set_string_member (signature, "signed_at", "2026-12-04T10:00:00+08:00");
    json_object_set_string_member (signature, "method", "signature_pad");
    json_object_set_object_member (commitment, "signature", json_object_ref (signature));
    zc_client_create_commitment_async (clerk, zc_case_get_id (draft), commitment, NULL, NULL,
                                       zc_test_store_result_cb, &result);
    made = ZC_TEST_AWAIT_FINISH (result, zc_client_create_commitment_finish (clerk, result, &error));
    g_assert_no_error (error);
  }

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      /* a 容缺 with its supplement deadline */
      /* … and for a 告知承诺 the one just recorded */
      g_autofree char *sql = g_strdup_printf ("SELECT case_id FROM commitments WHERE kind = '%s' "
                                              "AND (kind = 'commitment' OR deadline IS NOT NULL) "
                                              "ORDER BY id %s LIMIT 1", cases[k].kind,
                                              g_str_equal (cases[k].kind, "commitment") ? "DESC" : "ASC");
      g_autofree char *case_id = query_text (sql);
      g_autofree char *name_sql = NULL, *name = NULL, *deadline_sql = NULL, *deadline = NULL;
      g_autofree char *pdf_path = g_strdup_printf ("%s/%s.pdf", tmp_dir, cases[k].doc);
      g_autofree char *out = NULL, *err = NULL, *text = NULL;
      int status;

      g_assert_nonnull (case_id);
      name_sql = g_strdup_printf ("SELECT a.name FROM cases c JOIN applicants a ON a.key = c.applicant WHERE c.id = %s", case_id);
      name = query_text (name_sql);
      deadline_sql = g_strdup_printf ("SELECT deadline FROM commitments WHERE case_id = %s AND kind = '%s' "
                                      "ORDER BY id DESC LIMIT 1", case_id, cases[k].kind);
      deadline = query_text (deadline_sql);
      g_assert_nonnull (name);
      status = run_zcctl (&out, &err, "document", case_id, cases[k].doc, "-o", pdf_path, "--platform", url,
                          "--user", "supervisor", "--password", PASSWORD, NULL);
      if (status != 0)
        g_error ("zcctl document %s %s: %s", case_id, cases[k].doc, err);
      text = pdf_file_text (pdf_path);
      if (strstr (text, name) == NULL)
        g_error ("%s: the applicant %s not in:\n%s", cases[k].doc, name, text);
      if (g_str_equal (cases[k].kind, "tolerance") && strstr (text, deadline) == NULL)
        g_error ("%s: the deadline %s not in:\n%s", cases[k].doc, deadline, text);
      {
        /* the case's clerk by name and window, as the app's letters
         * (printed here by the supervisor, not the clerk) */
        g_autofree char *clerk_sql = g_strdup_printf ("SELECT u.display_name || '|' || c.window || '|' || c.clerk "
                                                      "FROM cases c JOIN users u ON u.username = c.clerk "
                                                      "WHERE c.id = %s", case_id);
        g_autofree char *clerk = query_text (clerk_sql);
        g_auto(GStrv) parts = g_strsplit (clerk, "|", 3);
        g_autofree char *by_username = NULL;

        g_assert_cmpuint (g_strv_length (parts), ==, 3);
        g_assert_cmpstr (parts[0], !=, parts[2]);
        if (strstr (text, parts[0]) == NULL || strstr (text, parts[1]) == NULL)
          g_error ("%s: the clerk %s at %s not in:\n%s", cases[k].doc, parts[0], parts[1], text);
        /* the label and the username side by side: not printed */
        /* zcctl runs in C; the text is read without spaces */
        by_username = g_strdup_printf ("Clerk:%s", parts[2]);
        if (strstr (text, by_username) != NULL)
          g_error ("%s: the clerk's username printed:\n%s", cases[k].doc, text);
      }
      if (g_str_equal (cases[k].kind, "commitment") &&
          (strstr (text, "食品安全管理制度已建立并执行") == NULL || strstr (text, "开业前完成从业人员培训") == NULL ||
           /* and the catalogue's template of 食品经营许可 */
           strstr (text, "经营场所与食品经营项目相适应") == NULL || strstr (text, "从业人员均持有效健康证明上岗") == NULL))
        g_error ("%s: the obligations not in:\n%s", cases[k].doc, text);
      {
        g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
        /* the split leaves an empty tail after the last page */
        guint n_pages = g_strv_length (pages) - 1;

        g_assert_cmpuint (n_pages, >=, cases[k].copies);
        g_assert_cmpuint (n_pages % cases[k].copies, ==, 0);
        /* the applicant on every copy */
        g_assert_nonnull (strstr (pages[n_pages / cases[k].copies * (cases[k].copies - 1)], name));
      }
    }

  /* a case without a commitment: told so, exit 1 */
  {
    g_autofree char *plain = query_text ("SELECT id FROM cases WHERE state = 'received' AND id NOT IN "
                                         "(SELECT case_id FROM commitments) ORDER BY id LIMIT 1");
    g_autofree char *pdf_path = g_strdup_printf ("%s/none.pdf", tmp_dir);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_nonnull (plain);
    g_assert_cmpint (run_zcctl (&out, &err, "document", plain, "commitment", "-o", pdf_path, "--platform", url,
                                "--user", "supervisor", "--password", PASSWORD, NULL), ==, 1);
    g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  }
}

/* --- embedded platform --- */

static char *
write_script (const char *name,
              const char *body)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, body, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return g_steal_pointer (&path);
}

static char *
start_embedded (ZcEmbeddedPlatform  *platform,
                GError             **error)
{
  GAsyncResult *result = NULL;

  zc_embedded_platform_start_async (platform, NULL, zc_test_store_result_cb, &result);
  zc_test_await (&result);
  return ZC_TEST_AWAIT_FINISH (result, zc_embedded_platform_start_finish (platform, result, error));
}

static void
test_embedded_failures (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("ZC_PLATFORM_PATH"));
  g_autofree char *exits = write_script ("exits.sh", "#!/bin/sh\necho 'cannot open db' >&2\nexit 3\n");
  g_autofree char *babbles = write_script ("babbles.sh", "#!/bin/sh\necho 'hello'\nsleep 5\n");
  g_autofree char *db = g_build_filename (tmp_dir, "embedded-fail", "sub", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *folder = g_path_get_dirname (db);

  {
    g_autoptr(ZcEmbeddedPlatform) platform = zc_embedded_platform_new (db);

    g_setenv ("ZC_PLATFORM_PATH", exits, TRUE);
    url = start_embedded (platform, &error);
    g_assert_null (url);
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START);
    g_assert_nonnull (strstr (error->message, "3"));
    g_assert_null (zc_embedded_platform_get_url (platform));
    /* the database folder was made */
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    g_clear_error (&error);
  }

  {
    g_autoptr(ZcEmbeddedPlatform) platform = zc_embedded_platform_new (db);
    gint64 start = g_get_monotonic_time ();

    g_setenv ("ZC_PLATFORM_PATH", babbles, TRUE);
    url = start_embedded (platform, &error);
    g_assert_null (url);
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START);
    /* the child was stopped, not waited for */
    g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
    g_clear_error (&error);
  }

  {
    g_autofree char *dies = write_script ("dies.sh", "#!/bin/sh\necho http://127.0.0.1:9\nexit 0\n");
    g_autoptr(ZcEmbeddedPlatform) platform = zc_embedded_platform_new (db);
    guint notified = 0;
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_setenv ("ZC_PLATFORM_PATH", dies, TRUE);
    url = start_embedded (platform, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (url, ==, "http://127.0.0.1:9");

    /* it ended by itself: the URL goes away and says so */
    g_signal_connect (platform, "notify::url", G_CALLBACK (count_notify), &notified);
    while (zc_embedded_platform_get_url (platform) != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_null (zc_embedded_platform_get_url (platform));
    g_assert_cmpuint (notified, ==, 1);
    zc_embedded_platform_stop (platform);
  }

  if (saved != NULL)
    g_setenv ("ZC_PLATFORM_PATH", saved, TRUE);
  else
    g_unsetenv ("ZC_PLATFORM_PATH");
}

static void
test_embedded_platform (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = zc_embedded_platform_find_executable (&error);
  g_autofree char *db = g_build_filename (tmp_dir, "embedded", "demo.db", NULL);
  g_autoptr(ZcEmbeddedPlatform) platform = NULL;
  g_autoptr(ZcClient) client = NULL;
  g_autofree char *url = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;

  if (program == NULL)
    {
      g_test_skip ("zc-platform is not built");
      return;
    }

  platform = zc_embedded_platform_new (db);
  url = start_embedded (platform, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpstr (zc_embedded_platform_get_url (platform), ==, url);

  client = zc_client_new (url);
  zc_client_health_async (client, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (ok);

  zc_embedded_platform_stop (platform);
  g_assert_null (zc_embedded_platform_get_url (platform));

  zc_client_health_async (client, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, zc_client_health_finish (client, result, &error));
  g_assert_false (ok);
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("zc-test-client-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "platform.db", NULL);
  start_server (TRUE);

  /* flat paths: GTest runs them in this order; restart comes last */
  g_test_add_func ("/client/health", test_health);
  g_test_add_func ("/client/login-bad-password", test_login_bad_password);
  g_test_add_func ("/client/lockout-and-unlock", test_lockout_and_unlock);
  g_test_add_func ("/client/without-token", test_without_token);
  g_test_add_func ("/client/role-refusals", test_role_refusals);
  g_test_add_func ("/client/not-found", test_not_found);
  g_test_add_func ("/client/catalogue", test_catalogue);
  g_test_add_func ("/client/applicants-and-licences", test_applicants_and_licences);
  g_test_add_func ("/client/case-idempotent", test_case_idempotent);
  g_test_add_func ("/client/case-invalid", test_case_invalid);
  g_test_add_func ("/client/case-transitions", test_case_transitions);
  g_test_add_func ("/client/claim-update-progress", test_claim_update_progress);
  g_test_add_func ("/client/received-at", test_received_at);
  g_test_add_func ("/client/tasks", test_tasks);
  g_test_add_func ("/client/case-list-model", test_case_list_model);
  g_test_add_func ("/client/case-list-model-error", test_case_list_model_error);
  g_test_add_func ("/client/zcctl", test_zcctl_platform);
  g_test_add_func ("/client/commitments", test_commitments);
  g_test_add_func ("/client/zcctl-signed-documents", test_zcctl_signed_documents);
  g_test_add_func ("/client/restart-keeps-data", test_restart_keeps_data);
  g_test_add_func ("/client/embedded-failures", test_embedded_failures);
  g_test_add_func ("/client/embedded-platform", test_embedded_platform);

  status = g_test_run ();

  if (server != NULL)
    zc_server_shutdown (server);
  g_clear_object (&server);
  g_clear_pointer (&person_key, g_free);
  g_clear_pointer (&person_item, g_free);
  g_clear_pointer (&received_case_number, g_free);
  g_clear_pointer (&db_path, g_free);
  /* the temporary folder: remove what the tests made */
  zc_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);

  return status;
}
