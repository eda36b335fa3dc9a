/* zcctl.c — the command-line companion of the Zongchuang workstation
 *
 *   zcctl [--platform URL] [--user U] [--password P] [--json] COMMAND [ARGS]
 *
 * Options may come before or after the command. Exit status: 0 ok,
 * 1 failure (an invalid value, an unreachable platform …), 2 usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "zc-client.h"
#include "zc-core.h"

#define EXIT_OK      0
#define EXIT_FAIL    1
#define EXIT_USAGE   2

typedef struct
{
  char      *platform;
  char      *user;
  char      *password;
  char      *state;
  guint      limit;
  gboolean   json;
  gboolean   help;
  GPtrArray *args;  /* positional arguments: the command and its operands */
} Options;

typedef struct
{
  Options      *options;
  GMainLoop    *loop;
  ZcClient     *client;
  GCancellable *cancellable;
  int           status;
} Run;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->platform, g_free);
  g_clear_pointer (&options->user, g_free);
  g_clear_pointer (&options->password, g_free);
  g_clear_pointer (&options->state, g_free);
  g_clear_pointer (&options->args, g_ptr_array_unref);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n%s\n%s\n%s\n\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n",
           _("Usage: zcctl [OPTION…] COMMAND [ARGUMENT…]"),
           _("Commands:"),
           _("  validate-id ID        check a resident ID number (居民身份证号)"),
           _("  validate-uscc CODE    check a unified social credit code (统一社会信用代码)"),
           _("  health                ask whether the platform is up\n"
             "  cases [--state S]     list cases (needs --user and --password)"),
           _("Options (before or after the command):"),
           _("  --platform URL        the platform (default: $ZC_PLATFORM_URL)"),
           _("  --user USER           user name (default: $ZC_USER)"),
           _("  --password PASSWORD   password (default: $ZC_PASSWORD)"),
           _("  --state STATE         cases in this state only (draft, received, …)"),
           _("  --limit N             at most N cases (default 50)"),
           _("  --json                machine-readable output"));
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "zcctl: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “zcctl --help”."));
  return EXIT_USAGE;
}

/* Scans all of argv: options anywhere, the first non-option is the
 * command. Returns FALSE (with a message) on a usage error. */
static gboolean
parse_args (int       argc,
            char    **argv,
            Options  *options,
            char    **message)
{
  static const char * const with_value[] = { "platform", "user", "password", "state", "limit" };
  gboolean only_positional = FALSE;

  options->args = g_ptr_array_new_with_free_func (g_free);
  options->limit = 50;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      const char *eq;
      gboolean takes_value = FALSE;

      if (only_positional || arg[0] != '-' || g_str_equal (arg, "-"))
        {
          g_ptr_array_add (options->args, g_strdup (arg));
          continue;
        }
      if (g_str_equal (arg, "--"))
        {
          only_positional = TRUE;
          continue;
        }
      if (g_str_equal (arg, "-h") || g_str_equal (arg, "--help"))
        {
          options->help = TRUE;
          continue;
        }
      if (!g_str_has_prefix (arg, "--"))
        {
          *message = g_strdup_printf (_("Unknown option “%s”"), arg);
          return FALSE;
        }

      eq = strchr (arg + 2, '=');
      name = eq != NULL ? g_strndup (arg + 2, eq - (arg + 2)) : g_strdup (arg + 2);
      for (guint j = 0; j < G_N_ELEMENTS (with_value); j++)
        takes_value |= g_str_equal (name, with_value[j]);

      if (g_str_equal (name, "json") && eq == NULL)
        {
          options->json = TRUE;
          continue;
        }
      if (!takes_value)
        {
          *message = g_strdup_printf (_("Unknown option “%s”"), arg);
          return FALSE;
        }

      if (eq != NULL)
        value = eq + 1;
      else if (i + 1 < argc)
        value = argv[++i];
      else
        {
          *message = g_strdup_printf (_("The option “--%s” needs a value"), name);
          return FALSE;
        }

      if (g_str_equal (name, "platform"))
        {
          g_free (options->platform);
          options->platform = g_strdup (value);
        }
      else if (g_str_equal (name, "user"))
        {
          g_free (options->user);
          options->user = g_strdup (value);
        }
      else if (g_str_equal (name, "password"))
        {
          g_free (options->password);
          options->password = g_strdup (value);
        }
      else if (g_str_equal (name, "state"))
        {
          g_free (options->state);
          options->state = g_strdup (value);
        }
      else if (g_str_equal (name, "limit"))
        {
          guint64 limit = 0;

          if (!g_ascii_string_to_unsigned (value, 10, 1, 1000, &limit, NULL))
            {
              *message = g_strdup_printf (_("The limit must be a number from 1 to 1000, not “%s”"), value);
              return FALSE;
            }
          options->limit = (guint) limit;
        }
    }

  return TRUE;
}

/* --- output helpers --- */

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* Display width of UTF-8 text (CJK characters count 2). */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
print_padded (const char *text,
              guint       width)
{
  guint w = display_width (text);

  fputs (text, stdout);
  for (; w < width; w++)
    fputc (' ', stdout);
}

static void
print_error (const GError *error)
{
  g_autofree char *message = zc_platform_error_to_user_message (error);

  if (error->domain == ZC_PLATFORM_ERROR &&
      (error->code == ZC_PLATFORM_ERROR_NETWORK ||
       error->code == ZC_PLATFORM_ERROR_BAD_RESPONSE ||
       error->code == ZC_PLATFORM_ERROR_SERVER))
    fprintf (stderr, "zcctl: %s (%s)\n", message, error->message);
  else
    fprintf (stderr, "zcctl: %s\n", message);
}

/* --- validate-id / validate-uscc --- */

static int
validate_id (Options    *options,
             const char *input)
{
  g_autofree char *id = zc_id_normalize (input);
  g_autoptr(GError) error = NULL;
  GDate birth;
  g_autofree char *birth_iso = NULL;
  gboolean male;

  if (!zc_resident_id_validate (id, NULL, &error))
    {
      if (options->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "valid");
          json_builder_add_boolean_value (builder, FALSE);
          json_builder_set_member_name (builder, "normalized");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, error->message);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          print_json (root);
        }
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAIL;
    }

  g_date_clear (&birth, 1);
  zc_resident_id_get_birth_date (id, &birth);
  birth_iso = zc_date_to_iso (&birth);
  male = zc_resident_id_is_male (id);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "normalized");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "birth_date");
      json_builder_add_string_value (builder, birth_iso);
      json_builder_set_member_name (builder, "sex");
      json_builder_add_string_value (builder, male ? "male" : "female");
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      printf ("%s\n", id);
      printf (_("Birth date: %s\n"), birth_iso);
      printf (_("Sex: %s\n"), male ? _("male") : _("female"));
    }

  return EXIT_OK;
}

static int
validate_uscc (Options    *options,
               const char *input)
{
  g_autofree char *code = zc_id_normalize (input);
  g_autoptr(GError) error = NULL;
  gboolean valid = zc_uscc_validate (code, &error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_boolean_value (builder, valid);
      json_builder_set_member_name (builder, "normalized");
      json_builder_add_string_value (builder, code);
      if (!valid)
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, error->message);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else if (valid)
    printf ("%s\n", code);

  if (!valid)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAIL;
    }

  return EXIT_OK;
}

/* --- health --- */

static void
on_health (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!zc_client_health_finish (ZC_CLIENT (object), result, &error))
    {
      print_error (error);
      run->status = EXIT_FAIL;
    }
  else if (run->options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "ok");
      json_builder_set_member_name (builder, "platform");
      json_builder_add_string_value (builder, zc_client_get_base_url (run->client));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    printf (_("The platform at %s is up.\n"), zc_client_get_base_url (run->client));

  g_main_loop_quit (run->loop);
}

/* --- cases --- */

static void
on_logged_out (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;

  /* the list is printed already; a failed logout only loses a session */
  zc_client_logout_finish (ZC_CLIENT (object), result, NULL);
  g_main_loop_quit (run->loop);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
print_cases_json (GListModel *cases,
                  guint       total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (cases);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcCase) item = g_list_model_get_item (cases, i);
      g_autofree char *name = zc_mask_name (zc_case_get_applicant_name (item) ?: "");
      g_autofree char *key = zc_mask_id (zc_case_get_applicant (item));
      g_autofree char *created = g_date_time_format_iso8601 (zc_case_get_created_at (item));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, zc_case_get_id (item));
      json_builder_set_member_name (builder, "number");
      if (zc_case_get_number (item) != NULL)
        json_builder_add_string_value (builder, zc_case_get_number (item));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, zc_case_state_to_string (zc_case_get_state (item)));
      json_builder_set_member_name (builder, "item");
      json_builder_add_string_value (builder, zc_case_get_item (item));
      json_builder_set_member_name (builder, "item_name");
      json_builder_add_string_value (builder, zc_case_get_item_name (item));
      /* personal data stays masked in machine output too */
      json_builder_set_member_name (builder, "applicant_name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "applicant");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "window");
      if (zc_case_get_window (item) != NULL)
        json_builder_add_string_value (builder, zc_case_get_window (item));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_cases_table (GListModel *cases,
                   guint       total)
{
  enum { N_COLUMNS = 6 };
  const char *headers[N_COLUMNS] = {
    _("Number"), _("State"), _("Item"), _("Applicant"), _("Key"), _("Created"),
  };
  guint widths[N_COLUMNS];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = g_list_model_get_n_items (cases);

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = display_width (headers[c]);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcCase) item = g_list_model_get_item (cases, i);
      char **row = g_new0 (char *, N_COLUMNS + 1);

      row[0] = zc_case_get_number (item) != NULL
        ? g_strdup (zc_case_get_number (item))
        : g_strdup_printf ("#%" G_GINT64_FORMAT, zc_case_get_id (item));
      row[1] = g_strdup (zc_case_state_label (zc_case_get_state (item)));
      row[2] = g_strdup (zc_case_get_item_name (item));
      row[3] = zc_mask_name (zc_case_get_applicant_name (item) ?: "");
      row[4] = zc_mask_id (zc_case_get_applicant (item));
      row[5] = format_time (zc_case_get_created_at (item));
      for (guint c = 0; c < N_COLUMNS; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
      g_ptr_array_add (rows, row);
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      print_padded (headers[c], c + 1 < N_COLUMNS ? widths[c] + 2 : 0);
    }
  fputc ('\n', stdout);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        print_padded (row[c], c + 1 < N_COLUMNS ? widths[c] + 2 : 0);
      fputc ('\n', stdout);
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case\n", "%u of %u cases\n", total), n, total);
}

static void
on_cases (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  cases = zc_client_list_cases_finish (ZC_CLIENT (object), result, &total, &error);
  if (cases == NULL)
    {
      print_error (error);
      run->status = EXIT_FAIL;
    }
  else if (run->options->json)
    print_cases_json (cases, total);
  else
    print_cases_table (cases, total);

  zc_client_logout_async (run->client, run->cancellable, on_logged_out, run);
}

static void
on_logged_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(ZcUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = zc_client_login_finish (ZC_CLIENT (object), result, &error);
  if (user == NULL)
    {
      print_error (error);
      run->status = EXIT_FAIL;
      g_main_loop_quit (run->loop);
      return;
    }

  zc_client_list_cases_async (run->client, run->options->state, NULL, 0, run->options->limit,
                              run->cancellable, on_cases, run);
}

/* --- main --- */

static int
run_platform_command (Options    *options,
                      const char *command)
{
  Run run = { options, NULL, NULL, NULL, EXIT_OK };
  const char *url = options->platform;

  if (url == NULL || url[0] == '\0')
    url = g_getenv ("ZC_PLATFORM_URL");
  if (url == NULL || url[0] == '\0')
    {
      fprintf (stderr, "zcctl: %s\n",
               _("No platform address: use --platform URL or set ZC_PLATFORM_URL"));
      return EXIT_FAIL;
    }

  if (g_str_equal (command, "cases"))
    {
      if (options->user == NULL)
        options->user = g_strdup (g_getenv ("ZC_USER"));
      if (options->password == NULL)
        options->password = g_strdup (g_getenv ("ZC_PASSWORD"));
      if (options->user == NULL || options->password == NULL)
        return usage_error (_("“cases” needs --user and --password (or ZC_USER and ZC_PASSWORD)"));
    }

  run.loop = g_main_loop_new (NULL, FALSE);
  run.client = zc_client_new (url);
  run.cancellable = g_cancellable_new ();

  if (g_str_equal (command, "health"))
    zc_client_health_async (run.client, run.cancellable, on_health, &run);
  else
    zc_client_login_async (run.client, options->user, options->password,
                           run.cancellable, on_logged_in, &run);

  g_main_loop_run (run.loop);

  g_clear_object (&run.cancellable);
  g_clear_object (&run.client);
  g_clear_pointer (&run.loop, g_main_loop_unref);
  return run.status;
}

int
main (int   argc,
      char *argv[])
{
  Options options = { 0 };
  g_autofree char *message = NULL;
  const char *command;
  guint n_operands;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!parse_args (argc, argv, &options, &message))
    {
      status = usage_error (message);
      options_clear (&options);
      return status;
    }

  if (options.help)
    {
      print_usage (stdout);
      options_clear (&options);
      return EXIT_OK;
    }

  if (options.args->len == 0)
    {
      print_usage (stderr);
      options_clear (&options);
      return EXIT_USAGE;
    }

  command = g_ptr_array_index (options.args, 0);
  n_operands = options.args->len - 1;

  if (g_str_equal (command, "validate-id") || g_str_equal (command, "validate-uscc"))
    {
      if (n_operands != 1)
        status = usage_error (g_str_equal (command, "validate-id")
                              ? _("Usage: zcctl validate-id ID")
                              : _("Usage: zcctl validate-uscc CODE"));
      else if (g_str_equal (command, "validate-id"))
        status = validate_id (&options, g_ptr_array_index (options.args, 1));
      else
        status = validate_uscc (&options, g_ptr_array_index (options.args, 1));
    }
  else if (g_str_equal (command, "health") || g_str_equal (command, "cases"))
    {
      if (n_operands != 0)
        status = usage_error (_("This command takes no arguments"));
      else
        status = run_platform_command (&options, command);
    }
  else
    {
      g_autofree char *unknown = g_strdup_printf (_("Unknown command “%s”"), command);
      status = usage_error (unknown);
    }

  options_clear (&options);
  return status;
}
