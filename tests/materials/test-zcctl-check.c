/* test-zcctl-check.c — zcctl check-material against a zc-platform with
 * the demo data on loopback: the licences come from the platform, the
 * papers are PDFs written here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "zc-client.h"
#include "zc-core.h"
#include "zc-test-client.h"
#include "zc-test-licence-pdf.h"
#include "zc-test-server.h"

#define PASSWORD "demo1234"

static char *tmp_dir;
static ZcServer *server;

/* Runs zcctl without blocking the main loop (the server lives on it) */
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
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (subprocess, NULL, NULL, zc_test_store_result_cb, &result);
  ok = ZC_TEST_AWAIT_FINISH (result, g_subprocess_communicate_utf8_finish (subprocess, result, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  return g_subprocess_get_exit_status (subprocess);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = zc_date_time_now_china ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A business licence in the demo library: valid today, or revoked */
static ZcLicence *
find_business_licence (gboolean revoked)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "supervisor", PASSWORD);
  g_autoptr(GListModel) firms = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = zc_date_time_now_china ();
  GAsyncResult *result = NULL;
  GDate today;
  guint total = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  zc_client_list_applicants_async (client, NULL, "enterprise", 0, 100, NULL, zc_test_store_result_cb, &result);
  firms = ZC_TEST_AWAIT_FINISH (result, zc_client_list_applicants_finish (client, result, &total, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (firms); i++)
    {
      g_autoptr(ZcApplicant) firm = g_list_model_get_item (firms, i);
      g_autoptr(GListModel) licences = NULL;

      zc_client_list_licences_async (client, zc_applicant_get_key (firm), NULL,
                                     zc_test_store_result_cb, &result);
      licences = ZC_TEST_AWAIT_FINISH (result, zc_client_list_licences_finish (client, result, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < g_list_model_get_n_items (licences); k++)
        {
          g_autoptr(ZcLicence) l = g_list_model_get_item (licences, k);

          if (g_str_equal (zc_licence_get_licence_type (l), "business_licence") &&
              (revoked ? zc_licence_get_revoked (l) : zc_licence_is_valid_on (l, &today)))
            return g_steal_pointer (&l);
        }
    }
  g_assert_not_reached ();
}

static char *
write_paper (const char *file,
             ZcLicence  *licence,
             const char *name)
{
  g_autofree char *code = g_strdup_printf ("统一社会信用代码\t%s", zc_licence_get_number (licence));
  g_autofree char *name_line = g_strdup_printf ("名　　称\t%s", name);
  const char *lines[] = { code, name_line, "类　　型\t有限责任公司", NULL };
  char *path = g_build_filename (tmp_dir, file, NULL);

  zc_test_write_licence_pdf (path, ZC_TEST_PDF_TEXT, "营业执照", lines, 0, 0);
  return path;
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_check_material (void)
{
  const char *url = zc_server_get_url (server);
  g_autoptr(ZcLicence) valid = find_business_licence (FALSE);
  g_autoptr(ZcLicence) revoked = find_business_licence (TRUE);
  g_autofree char *today = today_iso ();
  g_autofree char *good = write_paper ("good.pdf", valid, zc_licence_get_holder_name (valid));
  g_autofree char *wrong_name = g_strconcat (zc_licence_get_holder_name (valid), "分店", NULL);
  g_autofree char *wrong = write_paper ("wrong.pdf", valid, wrong_name);
  g_autofree char *gone = write_paper ("revoked.pdf", revoked, zc_licence_get_holder_name (revoked));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *f;
  JsonArray *findings;
  int status;

  /* a matching paper: exit 0 */
  status = run_zcctl (&out, &err, "check-material", good, "--type", "business_licence",
                      "--holder", zc_licence_get_holder (valid), "--date", today, "--json",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  root = parse_object (out, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "match");
  g_assert_true (json_object_has_member (root, "findings"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the name on the paper is not the holder's: exit 1, what differs */
  status = run_zcctl (&out, &err, "check-material", wrong, "--type", "business_licence",
                      "--holder", zc_licence_get_holder (valid), "--date", today, "--json",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 1);
  root = parse_object (out, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "mismatch");
  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  f = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (f, "field"), ==, "holder_name");
  g_assert_cmpstr (json_object_get_string_member (f, "expected"), ==, zc_licence_get_holder_name (valid));
  g_assert_cmpstr (json_object_get_string_member (f, "found"), ==, wrong_name);
  g_assert_cmpint (json_object_get_int_member (f, "page"), ==, 1);
  g_assert_cmpuint (json_object_get_size (f), ==, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a revoked licence: exit 1, revoked */
  status = run_zcctl (&out, &err, "check-material", gone, "--type", "business_licence",
                      "--holder", zc_licence_get_holder (revoked), "--date", today, "--json",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 1);
  root = parse_object (out, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "revoked");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* without --json: the verdict and each field, for a person */
  status = run_zcctl (&out, &err, "check-material", wrong, "--type", "business_licence",
                      "--holder", zc_licence_get_holder (valid), "--date", today,
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (out, "Does not match\n"));
  g_assert_nonnull (strstr (out, wrong_name));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

static void
test_check_material_errors (void)
{
  const char *url = zc_server_get_url (server);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.pdf", NULL);
  g_autofree char *junk = g_build_filename (tmp_dir, "junk.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_file_set_contents (junk, "%PDF-1.4\nnothing else", -1, NULL));

  /* usage: no --holder, a bad date, an unknown type, no file */
  status = run_zcctl (&out, &err, "check-material", junk, "--type", "business_licence",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--holder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_zcctl (&out, &err, "check-material", junk, "--type", "business_licence",
                      "--holder", "91340202MA2N0C8P79", "--date", "2026-02-30",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "2026-02-30"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_zcctl (&out, &err, "check-material", junk, "--type", "passport",
                      "--holder", "91340202MA2N0C8P79", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_zcctl (&out, &err, "check-material", "--type", "business_licence",
                      "--holder", "91340202MA2N0C8P79", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* I/O: a file that is not there, a damaged PDF, a wrong password */
  status = run_zcctl (&out, &err, "check-material", missing, "--type", "business_licence",
                      "--holder", "91340202MA2N0C8P79",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "missing.pdf"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_zcctl (&out, &err, "check-material", junk, "--type", "business_licence",
                      "--holder", "91340202MA2N0C8P79", "--json",
                      "--platform", url, "--user", "clerk", "--password", PASSWORD, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "damaged"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("zc-zcctl-check-XXXXXX", NULL);
  db_path = g_build_filename (tmp_dir, "platform.db", NULL);
  server = zc_test_server_start (db_path, TRUE, NULL, 0);

  g_test_add_func ("/materials/zcctl/check-material", test_check_material);
  g_test_add_func ("/materials/zcctl/check-material-errors", test_check_material_errors);

  status = g_test_run ();
  g_clear_object (&server);
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
