/* test-zcctl.c — zcctl's exit codes and messages, run as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/wait.h>

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static const char *zcctl_language = "C";

/* runs zcctl with @args (NULL-terminated), without ZC_PLATFORM_URL */
static void
run_zcctl (Result     *result,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) ZCCTL_PATH);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "ZC_PLATFORM_URL");
  envp = g_environ_setenv (envp, "LANGUAGE", zcctl_language, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static void
test_validate_id_valid (void)
{
  g_auto(Result) r = { 0 };
  g_auto(Result) n = { 0 };

  run_zcctl (&r, "validate-id", "11010519491231002X", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "11010519491231002X\n"));
  g_assert_nonnull (strstr (r.out, "1949-12-31"));
  g_assert_nonnull (strstr (r.out, "female")); /* 17th digit 2: even */

  /* normalised first: full-width digits, spaces, lower-case x */
  run_zcctl (&n, "validate-id", "１１０１０５ 19491231 002x", NULL);
  g_assert_cmpint (n.status, ==, 0);
  g_assert_true (g_str_has_prefix (n.out, "11010519491231002X\n"));
}

/* LANGUAGE=zh_CN selects the translation (ZC_LOCALEDIR: the build's) */
static void
test_validate_id_chinese (void)
{
  g_auto(Result) r = { 0 };

  zcctl_language = "zh_CN";
  run_zcctl (&r, "validate-id", "110105194912310021", NULL);
  zcctl_language = "C";
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "校验位应为 X，实为 1"));
}

static void
test_validate_id_check_digit (void)
{
  g_auto(Result) r = { 0 };
  g_auto(Result) x = { 0 };

  /* 34010219900307123 → check digit 2; 9 is wrong */
  run_zcctl (&r, "validate-id", "340102199003071239", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strchr (r.err, '2'));

  /* 11010519491231002 → check character X */
  run_zcctl (&x, "validate-id", "110105194912310021", NULL);
  g_assert_cmpint (x.status, ==, 1);
  g_assert_nonnull (strchr (x.err, 'X'));
}

static void
test_validate_id_usage (void)
{
  g_auto(Result) none = { 0 };
  g_auto(Result) two = { 0 };
  g_auto(Result) unknown = { 0 };
  g_auto(Result) nothing = { 0 };
  g_auto(Result) bad_option = { 0 };

  run_zcctl (&none, "validate-id", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpstr (none.err, !=, "");

  run_zcctl (&two, "validate-id", "11010519491231002X", "340102199003071232", NULL);
  g_assert_cmpint (two.status, ==, 2);

  run_zcctl (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);

  run_zcctl (&nothing, NULL);
  g_assert_cmpint (nothing.status, ==, 2);

  run_zcctl (&bad_option, "--frob", "validate-id", "11010519491231002X", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
}

static void
test_validate_uscc (void)
{
  g_auto(Result) ok = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(Result) usage = { 0 };

  run_zcctl (&ok, "validate-uscc", "91350100m000100y43", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_cmpstr (ok.out, ==, "91350100M000100Y43\n");

  /* check character should be T */
  run_zcctl (&bad, "validate-uscc", "91340100MA2N1234X3", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strchr (bad.err, 'T'));

  run_zcctl (&usage, "validate-uscc", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

static void
test_json_option_after_command (void)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  run_zcctl (&r, "validate-id", "11010519491231002X", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (object, "valid"));
  g_assert_cmpstr (json_object_get_string_member (object, "birth_date"), ==, "1949-12-31");
  g_assert_cmpstr (json_object_get_string_member (object, "sex"), ==, "female");
}

static void
test_platform_needed (void)
{
  g_auto(Result) health = { 0 };
  g_auto(Result) cases = { 0 };
  g_auto(Result) refused = { 0 };

  run_zcctl (&health, "health", NULL);
  g_assert_cmpint (health.status, ==, 1);
  g_assert_nonnull (strstr (health.err, "ZC_PLATFORM_URL"));

  /* cases without credentials is a usage error */
  run_zcctl (&cases, "cases", "--platform", "http://127.0.0.1:9", NULL);
  g_assert_cmpint (cases.status, ==, 2);

  /* nothing listens on port 9 of loopback (discard is never served here) */
  run_zcctl (&refused, "--platform=http://127.0.0.1:9", "health", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.err, !=, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zcctl/validate-id/valid", test_validate_id_valid);
  g_test_add_func ("/zcctl/validate-id/check-digit", test_validate_id_check_digit);
  g_test_add_func ("/zcctl/validate-id/usage", test_validate_id_usage);
  g_test_add_func ("/zcctl/validate-id/chinese", test_validate_id_chinese);
  g_test_add_func ("/zcctl/validate-uscc", test_validate_uscc);
  g_test_add_func ("/zcctl/json-after-command", test_json_option_after_command);
  g_test_add_func ("/zcctl/platform-needed", test_platform_needed);

  return g_test_run ();
}
