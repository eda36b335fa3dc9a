/* test-reception-zcctl.c — `zcctl receive` and `zcctl prefill-report`
 * against a spawned zc-platform --demo (ZC_PLATFORM_PATH)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <signal.h>
#include <locale.h>

#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>

#include "zc-client.h"
#include "zc-core.h"
#include "zc-reception.h"
#include "zc-test-util.h"

static char *platform_url;
static GPid platform_pid;
static char *tmp_dir;

typedef struct
{
  char *out;
  char *err;
  int   status;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
run_zcctl (Result *result,
           char  **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) ZCCTL_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "ZC_PLATFORM_URL");
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static const char * const founder_fields[] = {
  "company_name=合肥测试餐饮有限公司",
  "company_type=有限责任公司(自然人独资)",
  "registered_capital=50",
  "business_items=热食类食品制售",
  "main_business_type=餐饮服务经营者",
  "staff_count=６",
  NULL,
};

static ZcApplicant *
fetch (ZcClient   *client,
       const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ZcApplicant *applicant;

  zc_client_get_applicant_async (client, key, NULL, zc_test_store_result_cb, &result);
  applicant = zc_client_get_applicant_finish (client, zc_test_await (&result), &error);
  g_assert_no_error (error);
  return applicant;
}

/* A demo founder whose parties' licences answer everything that is not
 * typed below (checked with the same core code zcctl uses). */
static char *
find_founder (ZcCatalogueItem **item_out)
{
  g_autoptr(ZcClient) client = zc_client_new (platform_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  guint total = 0;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  zc_client_login_async (client, "supervisor", "demo1234", NULL, zc_test_store_result_cb, &result);
  user = zc_client_login_finish (client, zc_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  zc_client_get_catalogue_item_async (client, "open_restaurant", NULL, zc_test_store_result_cb, &result);
  item = zc_client_get_catalogue_item_finish (client, zc_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  zc_client_list_applicants_async (client, NULL, "person", 0, 200, NULL, zc_test_store_result_cb, &result);
  people = zc_client_list_applicants_finish (client, zc_test_await (&result), &total, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ZcApplicant) listed = g_list_model_get_item (people, i);
      g_autoptr(ZcApplicant) applicant = NULL;
      g_autoptr(ZcReception) reception = NULL;
      g_auto(GStrv) roles = NULL;
      GListModel *materials;
      gboolean complete = TRUE;

      applicant = fetch (client, zc_applicant_get_key (listed));
      if (zc_applicant_get_party_key (applicant, "staff") == NULL ||
          zc_applicant_get_party_key (applicant, "premises_owner") == NULL)
        continue;

      reception = zc_reception_new (item, applicant, &today);
      zc_reception_set_matter_chosen (reception, "fire_safety_inspection", FALSE, NULL);
      zc_reception_set_matter_chosen (reception, "signboard", FALSE, NULL);
      zc_reception_set_matter_chosen (reception, "drainage_permit", FALSE, NULL);
      roles = zc_reception_dup_needed_parties (reception);
      for (guint r = 0; roles[r] != NULL; r++)
        {
          const char *key = zc_applicant_get_party_key (applicant, roles[r]);
          g_autoptr(ZcApplicant) party = key != NULL ? fetch (client, key) : NULL;

          if (party != NULL)
            zc_reception_set_party (reception, roles[r], party);
        }
      /* the phone: from the register or earlier cases, else typed */
      for (guint f = 0; founder_fields[f] != NULL; f++)
        {
          g_auto(GStrv) kv = g_strsplit (founder_fields[f], "=", 2);
          complete &= zc_reception_set_value (reception, kv[0], kv[1], NULL);
        }
      if (zc_reception_field_get_value (zc_reception_find_field (reception, "phone"))[0] == '\0')
        continue;
      materials = zc_reception_get_materials (reception);
      for (guint m = 0; m < g_list_model_get_n_items (materials); m++)
        {
          g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, m);
          if (zc_reception_material_get_status (rm) != ZC_MATERIAL_STATUS_EXEMPT)
            zc_reception_set_material_state (reception,
                                             zc_material_get_code (zc_reception_material_get_material (rm)),
                                             ZC_MATERIAL_STATE_RECEIVED, NULL);
        }
      if (complete && zc_reception_check (reception, NULL, NULL))
        {
          *item_out = g_steal_pointer (&item);
          return g_strdup (zc_applicant_get_key (applicant));
        }
    }
  return NULL;
}

static GPtrArray *
receive_args (const char *key,
              gboolean    with_materials,
              gboolean    submit)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("receive"));
  g_ptr_array_add (args, g_strdup ("--platform"));
  g_ptr_array_add (args, g_strdup (platform_url));
  g_ptr_array_add (args, g_strdup ("--user"));
  g_ptr_array_add (args, g_strdup ("clerk"));
  g_ptr_array_add (args, g_strdup ("--password"));
  g_ptr_array_add (args, g_strdup ("demo1234"));
  g_ptr_array_add (args, g_strdup ("--item"));
  g_ptr_array_add (args, g_strdup ("open_restaurant"));
  g_ptr_array_add (args, g_strdup ("--applicant"));
  g_ptr_array_add (args, g_strdup (key));
  g_ptr_array_add (args, g_strdup ("--matters"));
  g_ptr_array_add (args, g_strdup ("business_licence,food_business_permit"));
  for (guint f = 0; founder_fields[f] != NULL; f++)
    {
      g_ptr_array_add (args, g_strdup ("--field"));
      g_ptr_array_add (args, g_strdup (founder_fields[f]));
    }
  if (with_materials)
    g_ptr_array_add (args, g_strdup ("--material=*=received"));
  if (submit)
    g_ptr_array_add (args, g_strdup ("--submit"));
  g_ptr_array_add (args, NULL);
  return args;
}

static void
test_receive (void)
{
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autofree char *key = find_founder (&item);
  g_autoptr(GPtrArray) dry = NULL;
  g_autoptr(GPtrArray) incomplete = NULL;
  g_autoptr(GPtrArray) submit = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GRegex) number = g_regex_new ("^Received: ZC-[0-9]{8}-[0-9]{6}$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *masked = NULL;
  g_auto(Result) r1 = { 0 };
  g_auto(Result) r2 = { 0 };
  g_auto(Result) r3 = { 0 };
  g_auto(Result) r4 = { 0 };

  g_assert_nonnull (key);
  masked = zc_mask_id (key);

  /* without --submit: the form with its sources, personal data masked */
  dry = receive_args (key, FALSE, FALSE);
  run_zcctl (&r1, (char **) dry->pdata);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_nonnull (strstr (r1.out, masked));
  g_assert_null (strstr (r1.out, key));
  g_assert_nonnull (strstr (r1.out, "From Resident identity card"));
  g_assert_nonnull (strstr (r1.out, "From Real estate title certificate"));
  g_assert_nonnull (strstr (r1.out, "From Health certificate"));
  g_assert_nonnull (strstr (r1.out, "Exempt"));
  g_assert_null (strstr (r1.out, "Received: "));

  /* materials still pending: every problem listed, exit 1 */
  incomplete = receive_args (key, FALSE, TRUE);
  run_zcctl (&r2, (char **) incomplete->pdata);
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_nonnull (strstr (r2.err, "not handed in yet"));
  g_assert_nonnull (strstr (r2.err, "cannot be submitted"));

  /* a bad value: the field's label and the reason, exit 1 */
  bad = receive_args (key, TRUE, TRUE);
  g_ptr_array_insert (bad, bad->len - 1, g_strdup ("--field"));
  g_ptr_array_insert (bad, bad->len - 1, g_strdup ("staff_count=十二"));
  run_zcctl (&r3, (char **) bad->pdata);
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_nonnull (strstr (r3.err, "从业人数: Enter a number, e.g. 50"));

  submit = receive_args (key, TRUE, TRUE);
  run_zcctl (&r4, (char **) submit->pdata);
  g_test_message ("%s", r4.err);
  g_assert_cmpint (r4.status, ==, 0);
  g_assert_true (g_regex_match (number, r4.out, 0, NULL));
}

static void
test_prefill_report (void)
{
  char *args[] = {
    (char *) "prefill-report", (char *) "--platform", platform_url,
    (char *) "--user", (char *) "supervisor", (char *) "--password", (char *) "demo1234", NULL,
  };
  char *json_args[] = {
    (char *) "prefill-report", (char *) "--json", (char *) "--platform", platform_url,
    (char *) "--user", (char *) "supervisor", (char *) "--password", (char *) "demo1234", NULL,
  };
  char *clerk_args[] = {
    (char *) "prefill-report", (char *) "--platform", platform_url,
    (char *) "--user", (char *) "clerk", (char *) "--password", (char *) "demo1234", NULL,
  };
  g_autoptr(GRegex) last = g_regex_new ("\nprefill: [0-9]+\\.[0-9]% fields, [0-9]+\\.[0-9]% materials exempt\n$",
                                        0, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  g_auto(Result) j = { 0 };
  g_auto(Result) c = { 0 };
  JsonObject *root;
  JsonObject *complete;

  run_zcctl (&r, args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_regex_match (last, r.out, 0, NULL));
  g_assert_nonnull (strstr (r.out, "开办餐饮店"));
  g_assert_nonnull (strstr (r.out, "新生儿出生"));

  run_zcctl (&j, json_args);
  g_assert_cmpint (j.status, ==, 0);
  json_parser_load_from_data (parser, j.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "items")), >=, 13);
  complete = json_object_get_object_member (root, "complete");
  g_assert_cmpint (json_object_get_int_member (complete, "applicants"), >, 0);
  g_assert_cmpint (json_object_get_int_member (complete, "prefilled"), <=,
                   json_object_get_int_member (complete, "fields"));
  /* the parties holding every licence prefill more than everybody */
  g_assert_cmpfloat (json_object_get_double_member (complete, "prefill_percent"), >,
                     json_object_get_double_member (json_object_get_object_member (root, "all"),
                                                    "prefill_percent"));

  /* the register is for supervisors */
  run_zcctl (&c, clerk_args);
  g_assert_cmpint (c.status, ==, 1);
}

static void
start_platform (void)
{
  const char *path = g_getenv ("ZC_PLATFORM_PATH");
  g_autofree char *db = NULL;
  g_autofree char *data = g_strdup_printf ("--data-dir=%s", g_getenv ("ZC_DATA_DIR"));
  g_autofree char *db_arg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) out = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  int out_fd = -1;
  char *argv[6];

  g_assert_nonnull (path);
  tmp_dir = g_dir_make_tmp ("zc-reception-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmp_dir, "platform.db", NULL);
  db_arg = g_strdup_printf ("--db=%s", db);
  argv[0] = (char *) path;
  argv[1] = (char *) "--demo";
  argv[2] = db_arg;
  argv[3] = (char *) "--listen=127.0.0.1:0";
  argv[4] = data;
  argv[5] = NULL;

  g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &platform_pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  out = g_unix_input_stream_new (out_fd, TRUE);
  lines = g_data_input_stream_new (out);
  platform_url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (platform_url);
  g_assert_true (g_str_has_prefix (platform_url, "http://127.0.0.1:"));
}

static void
stop_platform (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "platform.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  int status = 0;

  kill (platform_pid, SIGTERM);
  waitpid (platform_pid, &status, 0);
  g_spawn_close_pid (platform_pid);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&platform_url, g_free);
}

/* `receive --json`: the reception as it stands, only what applies */
static JsonObject *
receive_json (const char         *item,
              const char         *key,
              const char * const *extra,
              int                 expect_status)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_auto(Result) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *base[] = { "--json", "receive", "--platform", platform_url, "--user", "clerk",
                         "--password", "demo1234", "--item", item, "--applicant", key };

  for (guint i = 0; i < G_N_ELEMENTS (base); i++)
    g_ptr_array_add (args, g_strdup (base[i]));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, NULL);
  run_zcctl (&r, (char **) args->pdata);
  g_assert_cmpint (r.status, ==, expect_status);
  if (expect_status != 0)
    return NULL;
  root = zc_json_parse (r.out, -1, ZC_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* whether the array @member of @object has an element whose @name is @value */
static gboolean
lists (JsonObject *object,
       const char *member,
       const char *name,
       const char *value)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (array, i), name, NULL),
                   value) == 0)
      return TRUE;
  return FALSE;
}

static void
test_receive_json (void)
{
  g_autoptr(ZcClient) client = zc_client_new (platform_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(JsonObject) adult = NULL;
  g_autoptr(JsonObject) minor = NULL;
  g_autoptr(JsonObject) nothing = NULL;
  g_autoptr(JsonObject) newborn = NULL;
  g_autofree char *adult_key = NULL;
  g_autofree char *minor_key = NULL;
  g_autofree char *mother_key = NULL;
  static const char * const application[] = { "--matters", "card_application", NULL };
  static const char * const settle[] = { "--answer", "settle_away=yes", NULL };
  static const char * const bogus[] = { "--answer", "no_such=yes", NULL };
  guint total = 0;
  GDate today;
  JsonArray *array;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  zc_client_login_async (client, "supervisor", "demo1234", NULL, zc_test_store_result_cb, &result);
  user = zc_client_login_finish (client, zc_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  zc_client_list_applicants_async (client, NULL, "person", 0, 500, NULL, zc_test_store_result_cb, &result);
  people = zc_client_list_applicants_finish (client, zc_test_await (&result), &total, &error);
  g_assert_no_error (error);

  /* an adult of 30 or more and a child of 12 or less, by the ID number */
  for (guint i = 0; i < g_list_model_get_n_items (people) && (adult_key == NULL || minor_key == NULL); i++)
    {
      g_autoptr(ZcApplicant) a = g_list_model_get_item (people, i);
      const char *key = zc_applicant_get_key (a);
      GDate birth;
      int age;

      if (!zc_resident_id_get_birth_date (key, &birth))
        continue;
      age = zc_age_on (&birth, &today);
      if (age >= 30 && adult_key == NULL)
        adult_key = g_strdup (key);
      if (age >= 0 && age <= 12 && minor_key == NULL)
        minor_key = g_strdup (key);
      if (age >= 20 && age <= 45 && !zc_resident_id_is_male (key) && mother_key == NULL)
        mother_key = g_strdup (key);
    }
  g_assert_nonnull (adult_key);
  g_assert_nonnull (minor_key);
  g_assert_nonnull (mother_key);

  /* without --matters: what the UI chooses, nothing optional */
  nothing = receive_json ("social_security_card_services", adult_key, NULL, 0);
  g_assert_cmpstr (json_object_get_string_member (nothing, "item"), ==, "social_security_card_services");
  g_assert_cmpstr (json_object_get_string_member (nothing, "applicant"), ==, adult_key);
  array = json_object_get_array_member (nothing, "matters");
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *m = json_array_get_object_element (array, i);
      g_assert_false (json_object_get_boolean_member (m, "selected"));
      g_assert_false (json_object_get_boolean_member (m, "required"));
    }
  g_assert_true (lists (nothing, "problems", "code", "no_matter"));

  /* the adult: no guardian asked, listed or counted */
  adult = receive_json ("social_security_card_services", adult_key, application, 0);
  g_assert_false (lists (adult, "parties", "role", "guardian"));
  g_assert_false (lists (adult, "fields", "key", "guardian_name"));
  g_assert_false (lists (adult, "materials", "code", "guardian_id_card"));
  g_assert_false (lists (adult, "materials", "code", "household_register"));
  g_assert_true (lists (adult, "materials", "code", "id_card"));
  g_assert_false (lists (adult, "problems", "field", "guardian"));
  array = json_object_get_array_member (adult, "fields");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *f = json_array_get_object_element (array, i);
      const char *source = json_object_get_string_member (f, "source");

      g_assert_true (json_object_has_member (f, "value"));
      g_assert_true (json_object_has_member (f, "required"));
      g_assert_true (g_strv_contains ((const char * const[]) { "licence", "earlier_case", "computed", "typed", "none", NULL },
                                      source));
    }
  array = json_object_get_array_member (adult, "materials");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *m = json_array_get_object_element (array, i);
      g_assert_true (g_strv_contains ((const char * const[]) { "exempt", "required", "tolerable", "commitment", NULL },
                                      json_object_get_string_member (m, "requirement")));
      g_assert_true (zc_material_state_parse (json_object_get_string_member (m, "state"), NULL));
    }

  /* the child: the guardian is a required party, with the 户口簿 */
  minor = receive_json ("social_security_card_services", minor_key, application, 0);
  g_assert_true (lists (minor, "parties", "role", "guardian"));
  g_assert_true (lists (minor, "fields", "key", "guardian_name"));
  g_assert_true (lists (minor, "materials", "code", "guardian_id_card"));
  g_assert_true (lists (minor, "materials", "code", "household_register"));

  /* 新生儿出生 settling away: the answer and the commitment it brings */
  newborn = receive_json ("newborn", mother_key, settle, 0);
  g_assert_true (lists (newborn, "questions", "code", "settle_away"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
    json_object_get_array_member (newborn, "questions"), 0), "answer"));
  g_assert_true (lists (newborn, "materials", "code", "residence_commitment"));
  g_assert_null (receive_json ("newborn", mother_key, bogus, 1));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reception/zcctl/receive", test_receive);
  g_test_add_func ("/reception/zcctl/prefill-report", test_prefill_report);
  g_test_add_func ("/reception/zcctl/receive-json", test_receive_json);

  start_platform ();
  status = g_test_run ();
  stop_platform ();
  return status;
}
