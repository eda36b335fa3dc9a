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
#include <string.h>

#include <glib/gi18n.h>

#include "zc-client.h"
#include "zc-core.h"
#include "zc-material-read.h"
#include "zc-reception.h"
#include "zc-document.h"

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
  gboolean   submit;
  gboolean   due;       /* commitments: due within ZC_COMMITMENT_DUE_SOON_DAYS working days */
  gboolean   overdue;   /* commitments: overdue */
  char      *output;    /* document: -o FILE.pdf */
  char      *item;
  char      *applicant;
  char      *matters;
  GPtrArray *parties;   /* "role=KEY" */
  GPtrArray *fields;    /* "key=value" */
  GPtrArray *materials; /* "code=state" */
  GPtrArray *answers;   /* "question=yes|no" */
  char      *type;      /* check-material: the licence type */
  char      *holder;    /* check-material: the holder's key */
  char      *date;      /* check-material: the reception date */
  GPtrArray *args;  /* positional arguments: the command and its operands */
} Options;

typedef struct
{
  Options      *options;
  GMainLoop    *loop;
  ZcClient     *client;
  GCancellable *cancellable;
  int           status;
  gboolean      commitments;  /* the command is “commitments” */
} Run;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->platform, g_free);
  g_clear_pointer (&options->user, g_free);
  g_clear_pointer (&options->password, g_free);
  g_clear_pointer (&options->state, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->args, g_ptr_array_unref);
  g_clear_pointer (&options->item, g_free);
  g_clear_pointer (&options->applicant, g_free);
  g_clear_pointer (&options->matters, g_free);
  g_clear_pointer (&options->parties, g_ptr_array_unref);
  g_clear_pointer (&options->fields, g_ptr_array_unref);
  g_clear_pointer (&options->materials, g_ptr_array_unref);
  g_clear_pointer (&options->answers, g_ptr_array_unref);
  g_clear_pointer (&options->type, g_free);
  g_clear_pointer (&options->holder, g_free);
  g_clear_pointer (&options->date, g_free);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n%s\n%s\n%s\n%s\n%s\n\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n",
           _("Usage: zcctl [OPTION…] COMMAND [ARGUMENT…]"),
           _("Commands:"),
           _("  validate-id ID        check a resident ID number (居民身份证号)"),
           _("  validate-uscc CODE    check a unified social credit code (统一社会信用代码)"),
           _("  health                ask whether the platform is up\n"
             "  cases [--state S]     list cases (needs --user and --password)"),
           _("  prefill-report        the share of prefilled fields and exempt materials\n"
             "                        over every demo applicant and item (supervisor)\n"
             "  receive --item CODE --applicant KEY [--matters a,b] [--party ROLE=KEY …]\n"
             "          [--field KEY=VALUE …] [--material CODE=STATE …] [--answer Q=yes|no …]\n"
             "          [--submit]      receive an integrated case (clerk); STATE is received,\n"
             "                        deferred or committed; CODE * means every material;\n"
             "                        with --json the reception as it stands, only what applies\n"
             "  commitments --due|--overdue  容缺 deadlines and 事后核查 due within 3 working\n"
             "                        days (or overdue), most urgent first (supervisor, department)\n"
             "  document CASE_ID KIND -o FILE.pdf  a document of the case as PDF; KIND is\n"
             "                        receipt, notice-once, refusal, tolerance-request,\n"
             "                        tolerance-notice or commitment"),
           _("  check-material FILE --type LICENCE_TYPE --holder KEY [--date YYYY-MM-DD]\n"
             "                        read a scanned or imported material (PDF, JPEG, PNG); check\n"
             "                        it against the holder's licences on the date (default\n"
             "                        today); exit 0 when it matches, 1 for any other verdict"),
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

/* --NAME=VALUE options that collect into a list: --party, --field,
 * --material (a GOptionArgFunc; @data is the Options) */
static gboolean
add_pair_cb (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  Options *options = data;
  const char *name = option_name + 2;
  GPtrArray *list = g_str_equal (name, "party") ? options->parties
                  : g_str_equal (name, "field") ? options->fields
                  : g_str_equal (name, "answer") ? options->answers : options->materials;

  if (strchr (value, '=') == NULL || value[0] == '=')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The option “--%s” needs NAME=VALUE, not “%s”"), name, value);
      return FALSE;
    }
  g_ptr_array_add (list, g_strdup (value));
  return TRUE;
}

static gboolean
set_limit_cb (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  Options *options = data;
  guint64 limit = 0;

  if (!g_ascii_string_to_unsigned (value, 10, 1, 1000, &limit, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The limit must be a number from 1 to 1000, not “%s”"), value);
      return FALSE;
    }
  options->limit = (guint) limit;
  return TRUE;
}

/* Options anywhere (GOption permutes), the first non-option is the
 * command; everything after "--" is an operand. Returns FALSE (with a
 * message) on a usage error. */
static gboolean
parse_args (int       argc,
            char    **argv,
            Options  *options,
            char    **message)
{
  /* G_OPTION_ARG_FILENAME and G_OPTION_FLAG_FILENAME: values are taken
   * as they are typed, whatever the locale's encoding */
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options->help, NULL, NULL },
    { "platform", 0, 0, G_OPTION_ARG_FILENAME, &options->platform, NULL, NULL },
    { "user", 0, 0, G_OPTION_ARG_FILENAME, &options->user, NULL, NULL },
    { "password", 0, 0, G_OPTION_ARG_FILENAME, &options->password, NULL, NULL },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &options->state, NULL, NULL },
    { "limit", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, set_limit_cb, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, NULL, NULL },
    { "submit", 0, 0, G_OPTION_ARG_NONE, &options->submit, NULL, NULL },
    { "due", 0, 0, G_OPTION_ARG_NONE, &options->due, NULL, NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &options->overdue, NULL, NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output, NULL, NULL },
    { "item", 0, 0, G_OPTION_ARG_FILENAME, &options->item, NULL, NULL },
    { "applicant", 0, 0, G_OPTION_ARG_FILENAME, &options->applicant, NULL, NULL },
    { "matters", 0, 0, G_OPTION_ARG_FILENAME, &options->matters, NULL, NULL },
    { "party", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, add_pair_cb, NULL, NULL },
    { "field", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, add_pair_cb, NULL, NULL },
    { "material", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, add_pair_cb, NULL, NULL },
    { "answer", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, add_pair_cb, NULL, NULL },
    { "type", 0, 0, G_OPTION_ARG_FILENAME, &options->type, NULL, NULL },
    { "holder", 0, 0, G_OPTION_ARG_FILENAME, &options->holder, NULL, NULL },
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &options->date, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  GOptionGroup *group;
  int n_options = argc;

  options->args = g_ptr_array_new_with_free_func (g_free);
  options->parties = g_ptr_array_new_with_free_func (g_free);
  options->fields = g_ptr_array_new_with_free_func (g_free);
  options->materials = g_ptr_array_new_with_free_func (g_free);
  options->answers = g_ptr_array_new_with_free_func (g_free);
  options->limit = 50;

  /* what follows "--" is never an option */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        n_options = i;
        break;
      }
  /* what GOption would let through or word otherwise: a flag with a
   * value (--json=yes), a last option without its value */
  for (int i = 1; i < n_options; i++)
    for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
      {
        gsize len = strlen (e->long_name);
        gboolean named = g_str_has_prefix (argv[i], "--") &&
                         strncmp (argv[i] + 2, e->long_name, len) == 0;

        if (named && e->arg == G_OPTION_ARG_NONE && argv[i][2 + len] == '=')
          {
            *message = g_strdup_printf (_("Unknown option “%s”"), argv[i]);
            return FALSE;
          }
        if (named && e->arg != G_OPTION_ARG_NONE && argv[i][2 + len] == '\0' &&
            i == n_options - 1)
          {
            *message = g_strdup_printf (_("The option “--%s” needs a value"), e->long_name);
            return FALSE;
          }
      }

  args = g_new0 (char *, n_options + 1);
  for (int i = 0; i < n_options; i++)
    args[i] = g_strdup (argv[i]);

  group = g_option_group_new (NULL, NULL, NULL, options, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  /* our own --help (print_usage), our own message for an unknown option */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }

  for (int i = 1; args[i] != NULL; i++)
    {
      if (args[i][0] == '-' && !g_str_equal (args[i], "-"))
        {
          *message = g_strdup_printf (_("Unknown option “%s”"), args[i]);
          return FALSE;
        }
      g_ptr_array_add (options->args, g_strdup (args[i]));
    }
  for (int i = n_options + 1; i < argc; i++)
    g_ptr_array_add (options->args, g_strdup (argv[i]));

  return TRUE;
}

/* --- output helpers --- */

static void
print_json (JsonNode *root)
{
  g_autofree char *text = zc_json_to_data (root, TRUE, NULL);

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
       error->code == ZC_PLATFORM_ERROR_SERVER ||
       /* the platform says why (another window's case, not your
        * department …): a role alone does not explain it */
       error->code == ZC_PLATFORM_ERROR_FORBIDDEN))
    fprintf (stderr, "zcctl: %s (%s)\n", message, error->message);
  else
    fprintf (stderr, "zcctl: %s\n", message);
}

/* --- validate-id / validate-uscc --- */

/* The message of a failed check, with the expected check character for a
 * wrong one: the UI does not name it (a clerk would "fix" the last
 * character of a typo elsewhere), a tool checking data may. */
static const char *
id_error_message (const GError *error,
                  const char   *key,
                  gboolean      credit_code,
                  char        **detail)
{
  if (!g_error_matches (error, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT) || strlen (key) != 18)
    return error->message;
  *detail = g_strdup_printf (_("The check character should be %c, not %c"),
                             credit_code ? zc_uscc_check_char (key) : zc_resident_id_check_char (key),
                             key[17]);
  return *detail;
}

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
      g_autofree char *detail = NULL;
      const char *message = id_error_message (error, id, FALSE, &detail);

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
          json_builder_add_string_value (builder, message);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          print_json (root);
        }
      fprintf (stderr, "%s\n", message);
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
  g_autofree char *detail = NULL;
  const char *message = valid ? NULL : id_error_message (error, code, TRUE, &detail);

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
          json_builder_add_string_value (builder, message);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else if (valid)
    printf ("%s\n", code);

  if (!valid)
    {
      fprintf (stderr, "%s\n", message);
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
  local = zc_date_time_to_china (time);
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

/* --due: the last day due soon (core's ZC_COMMITMENT_DUE_SOON_DAYS
 * working days from today, the clock's, China Standard Time) on the
 * official calendar, as the 承诺核查 page says it */
static gboolean
due_by (GDate   *due,
        GError **error)
{
  g_autoptr(ZcCalendar) calendar = zc_calendar_new_default (error);
  GDate today;

  if (calendar == NULL)
    return FALSE;
  g_date_clear (&today, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);
  return zc_commitment_due_soon_limit (calendar, &today, due, NULL, error);
}

/* a member's string from the platform, or NULL */
static const char *
string_of (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
on_commitments (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) list = zc_client_list_commitments_finish (ZC_CLIENT (object), result, &error);
  JsonArray *items;

  if (list == NULL)
    {
      print_error (error);
      run->status = EXIT_FAIL;
      g_main_loop_quit (run->loop);
      return;
    }
  items = json_object_get_array_member (list, "commitments");
  if (run->options->json)
    {
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), list);

      print_json (root);
    }
  else if (json_array_get_length (items) == 0)
    printf ("%s\n", run->options->overdue ? _("No commitment is overdue.") : _("No commitment falls due."));
  else
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *c = json_array_get_object_element (items, i);
        ZcCommitmentKind kind = zc_commitment_kind_from_string (string_of (c, "kind"));
        ZcCommitmentState state = zc_commitment_state_from_string (string_of (c, "state"));
        const char *deadline = string_of (c, "deadline");
        const char *verification = string_of (c, "verification_due");
        const char *number = string_of (c, "case_number");
        const char *name = string_of (c, "applicant_name");
        const char *label = zc_commitment_kind_label (kind);
        const char *state_label = zc_commitment_state_label (state);

        /* the list's applicant is masked by the platform */
        printf ("%s\t%s\t%s\t%s\t%s\t%s\n",
                number ? number : "-",
                label ? label : "?",
                state_label ? state_label : "?",
                deadline ? deadline : (verification ? verification : "-"),
                name ? name : "",
                verification ? _("later verification") : "");
      }
  g_main_loop_quit (run->loop);
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

  if (run->commitments)
    {
      GDate due;

      g_date_clear (&due, 1);
      if (run->options->due && !due_by (&due, &error))
        {
          print_error (error);
          run->status = EXIT_FAIL;
          g_main_loop_quit (run->loop);
          return;
        }
      zc_client_list_commitments_async (run->client, run->options->due ? &due : NULL, NULL,
                                        run->options->overdue ? "overdue" : NULL, NULL,
                                        0, run->options->limit, run->cancellable, on_commitments, run);
      return;
    }
  zc_client_list_cases_async (run->client, run->options->state, NULL, 0, run->options->limit,
                              run->cancellable, on_cases, run);
}

/* --- synchronous calls (for the reception commands) --- */

static void
on_call_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
login_from_options (ZcClient  *client,
                    Options   *options,
                    GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ZcUser) user = NULL;

  zc_client_login_async (client, options->user, options->password, NULL, on_call_done, &result);
  user = zc_client_login_finish (client, wait_for (&result), error);
  return user != NULL;
}

static void
logout (ZcClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;

  zc_client_logout_async (client, NULL, on_call_done, &result);
  zc_client_logout_finish (client, wait_for (&result), NULL);
}

/* GET /applicants/{key}, cached by key */
static ZcApplicant *
fetch_applicant (ZcClient    *client,
                 GHashTable  *cache,
                 const char  *key,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  ZcApplicant *applicant = g_hash_table_lookup (cache, key);

  if (applicant != NULL)
    return applicant;
  zc_client_get_applicant_async (client, key, NULL, on_call_done, &result);
  applicant = zc_client_get_applicant_finish (client, wait_for (&result), error);
  if (applicant != NULL)
    g_hash_table_insert (cache, g_strdup (key), applicant);
  return applicant;
}

/* Names the parties the item needs from the applicant's known parties;
 * roles in @given (role → key) win. */
static gboolean
set_parties (ZcReception *reception,
             ZcClient    *client,
             GHashTable  *cache,
             GHashTable  *given,
             GError     **error)
{
  ZcApplicant *applicant = zc_reception_get_applicant (reception);
  g_auto(GStrv) roles = zc_reception_dup_needed_parties (reception);

  for (guint i = 0; roles[i] != NULL; i++)
    {
      const char *key = given != NULL ? g_hash_table_lookup (given, roles[i]) : NULL;
      ZcApplicant *party;

      if (key == NULL)
        key = zc_applicant_get_party_key (applicant, roles[i]);
      if (key == NULL)
        continue;
      party = fetch_applicant (client, cache, key, error);
      if (party == NULL)
        return FALSE;
      zc_reception_set_party (reception, roles[i], party);
    }
  return TRUE;
}

/* --- prefill-report --- */

/* Whether the parties hold every licence the item's chosen matters use
 * (field sources and replaced_by, for the party each names), valid on
 * the reception date. An optional party (the agent) is left out. */
static gboolean
holds_every_licence (ZcReception *reception)
{
  GListModel *fields = zc_reception_get_fields (reception);
  GListModel *materials = zc_reception_get_materials (reception);
  g_autoptr(GPtrArray) needs = g_ptr_array_new_with_free_func (g_free); /* party, type pairs */

  /* only what applies: a minor's guardian is no need of an adult's case */
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      ZcFormField *f = zc_reception_field_get_field (rf);

      if (zc_form_field_get_source_licence_type (f) != NULL &&
          (zc_reception_field_get_applicable (rf) || zc_form_field_get_when_field (f) != NULL))
        {
          g_ptr_array_add (needs, g_strdup (zc_form_field_get_party (f)));
          g_ptr_array_add (needs, g_strdup (zc_form_field_get_source_licence_type (f)));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);

      if (zc_material_get_replaced_by (m) != NULL)
        {
          g_ptr_array_add (needs, g_strdup (zc_material_get_party (m)));
          g_ptr_array_add (needs, g_strdup (zc_material_get_replaced_by (m)));
        }
    }

  for (guint i = 0; i + 1 < needs->len; i += 2)
    {
      const char *role = g_ptr_array_index (needs, i);
      const char *type = g_ptr_array_index (needs, i + 1);
      ZcApplicant *holder;
      GListModel *licences;
      gboolean found = FALSE;

      if (zc_reception_party_is_optional (role))
        continue;
      holder = zc_reception_get_party (reception, role);
      if (holder == NULL)
        return FALSE;
      licences = zc_applicant_get_licences (holder);
      for (guint k = 0; !found && k < g_list_model_get_n_items (licences); k++)
        {
          g_autoptr(ZcLicence) licence = g_list_model_get_item (licences, k);
          found = g_strcmp0 (zc_licence_get_licence_type (licence), type) == 0 &&
                  zc_licence_is_valid_on (licence, zc_reception_get_date (reception));
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Every sub-matter the item offers, as a clerk doing all of them would
 * choose them; of an exclusive group (a choice of one) each member in
 * turn: what prefill-report counts is the average over those choices.
 * Returns the members of the first exclusive group (empty when none). */
static GPtrArray *
choose_every_matter (ZcReception *reception)
{
  GListModel *matters = zc_catalogue_item_get_matters (zc_reception_get_item (reception));
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *options = g_ptr_array_new ();
  const char *first_group = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);
      const char *group = zc_matter_get_exclusive (matter);

      if (group != NULL && first_group == NULL)
        first_group = group;
      if (group != NULL && g_strcmp0 (group, first_group) == 0)
        g_ptr_array_add (options, (gpointer) zc_matter_get_code (matter));
      if (group != NULL && !g_hash_table_add (groups, (gpointer) group))
        continue;
      zc_reception_set_matter_chosen (reception, zc_matter_get_code (matter), TRUE, NULL);
    }
  return options;
}

typedef struct
{
  guint applicants;
  double fields;     /* sums of per-pair averages (see reception_counts) */
  double prefilled;
  double materials;
  double exempt;
  GHashTable *unanswered; /* field key → count of pairs where it stays to type */
} Tally;

/* The fields that apply and those prefill answers. A field depending on
 * a choice nobody typed yet (变更事项 …) is counted as the clerk would meet
 * it: the average over each value of that choice. */
static void
reception_counts (ZcReception *reception,
                  double      *n_fields,
                  double      *n_prefilled)
{
  GListModel *fields = zc_reception_get_fields (reception);
  ZcReceptionField *controlling = NULL;
  ZcFormField *field;
  const char * const *choices;
  const char *key;
  double sum_fields = 0, sum_prefilled = 0;
  guint applicable = 0, n;

  for (guint i = 0; i < g_list_model_get_n_items (fields) && controlling == NULL; i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      const char *when = zc_form_field_get_when_field (zc_reception_field_get_field (rf));
      ZcReceptionField *c = when != NULL ? zc_reception_find_field (reception, when) : NULL;

      if (c != NULL && zc_reception_field_get_value (c)[0] == '\0')
        controlling = c;
    }

  if (controlling == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
        {
          g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
          applicable += zc_reception_field_get_applicable (rf);
        }
      *n_fields = applicable;
      *n_prefilled = zc_reception_get_prefill_ratio (reception) * applicable;
      return;
    }

  field = zc_reception_field_get_field (controlling);
  choices = zc_form_field_get_choices (field);
  key = zc_form_field_get_key (field);
  n = choices != NULL ? g_strv_length ((char **) choices) : 0;
  for (guint c = 0; c < n; c++)
    {
      double f, p;

      zc_reception_set_value (reception, key, choices[c], NULL);
      reception_counts (reception, &f, &p);
      sum_fields += f;
      sum_prefilled += p;
    }
  zc_reception_set_value (reception, key, "", NULL);
  *n_fields = n > 0 ? sum_fields / n : 0;
  *n_prefilled = n > 0 ? sum_prefilled / n : 0;
}

static void
tally_add (Tally       *tally,
           ZcReception *reception,
           double       weight)
{
  GListModel *fields = zc_reception_get_fields (reception);
  double n_fields, n_prefilled;

  if (tally->unanswered != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
      {
        g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
        ZcFieldSource source = zc_reception_field_get_source (rf);
        ZcFormField *field = zc_reception_field_get_field (rf);
        const char *key = zc_form_field_get_key (field);

        /* a choice-dependent field is listed as soon as it could apply */
        if (!zc_reception_field_get_applicable (rf) && zc_form_field_get_when_field (field) == NULL)
          continue;
        if (source != ZC_FIELD_SOURCE_LICENCE && source != ZC_FIELD_SOURCE_EARLIER_CASE &&
            source != ZC_FIELD_SOURCE_COMPUTED)
          g_hash_table_insert (tally->unanswered, (gpointer) key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (tally->unanswered, key)) + 1));
      }

  guint n_materials = g_list_model_get_n_items (zc_reception_get_materials (reception));

  reception_counts (reception, &n_fields, &n_prefilled);
  tally->fields += weight * n_fields;
  tally->prefilled += weight * n_prefilled;
  tally->materials += weight * n_materials;
  tally->exempt += weight * (guint) (zc_reception_get_exempt_ratio (reception) * n_materials + 0.5);
}

static double
percent (double part,
         double whole)
{
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

static void
add_tally_json (JsonBuilder *builder,
                const char  *name,
                const Tally *tally)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "applicants");
  json_builder_add_int_value (builder, tally->applicants);
  json_builder_set_member_name (builder, "fields");
  json_builder_add_int_value (builder, (gint64) (tally->fields + 0.5));
  json_builder_set_member_name (builder, "prefilled");
  json_builder_add_int_value (builder, (gint64) (tally->prefilled + 0.5));
  json_builder_set_member_name (builder, "materials");
  json_builder_add_int_value (builder, (gint64) (tally->materials + 0.5));
  json_builder_set_member_name (builder, "exempt");
  json_builder_add_int_value (builder, (gint64) (tally->exempt + 0.5));
  json_builder_set_member_name (builder, "prefill_percent");
  json_builder_add_double_value (builder, percent (tally->prefilled, tally->fields));
  json_builder_set_member_name (builder, "exempt_percent");
  json_builder_add_double_value (builder, percent (tally->exempt, tally->materials));
  if (tally->unanswered != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      json_builder_set_member_name (builder, "typed_fields");
      json_builder_begin_object (builder);
      g_hash_table_iter_init (&iter, tally->unanswered);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          json_builder_set_member_name (builder, key);
          json_builder_add_int_value (builder, GPOINTER_TO_UINT (value));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* The earlier cases of an applicant (GET /cases?q=KEY), newest first,
 * only those of exactly this applicant. */
static GListModel *
fetch_earlier_cases (ZcClient   *client,
                     const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) found = NULL;
  GListStore *mine = g_list_store_new (ZC_TYPE_CASE);
  guint total = 0;

  zc_client_list_cases_async (client, NULL, key, 0, 50, NULL, on_call_done, &result);
  found = zc_client_list_cases_finish (client, wait_for (&result), &total, NULL);
  for (guint i = 0; found != NULL && i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(ZcCase) c = g_list_model_get_item (found, i);
      if (g_strcmp0 (zc_case_get_applicant (c), key) == 0)
        g_list_store_append (mine, c);
    }
  return G_LIST_MODEL (mine);
}

static int
prefill_report (ZcClient *client,
                Options  *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GListModel) catalogue = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Tally all_total = { 0 }, full_total = { 0 };
  GDate today;
  guint n_items;

  g_date_clear (&today, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);

  zc_client_list_catalogue_async (client, NULL, on_call_done, &result);
  catalogue = zc_client_list_catalogue_finish (client, wait_for (&result), &error);
  g_clear_object (&result);
  if (catalogue == NULL)
    {
      print_error (error);
      return EXIT_FAIL;
    }

  /* every applicant, page by page */
  for (guint offset = 0;;)
    {
      g_autoptr(GListModel) page = NULL;
      guint total = 0, n;

      zc_client_list_applicants_async (client, NULL, NULL, offset, 200, NULL, on_call_done, &result);
      page = zc_client_list_applicants_finish (client, wait_for (&result), &total, &error);
      g_clear_object (&result);
      if (page == NULL)
        {
          print_error (error);
          return EXIT_FAIL;
        }
      n = g_list_model_get_n_items (page);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZcApplicant) a = g_list_model_get_item (page, i);
          g_ptr_array_add (keys, g_strdup (zc_applicant_get_key (a)));
        }
      offset += n;
      if (n == 0 || offset >= total)
        break;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);

  if (!options->json)
    {
      print_padded (_("Item"), 26);
      print_padded (_("Applicants"), 12);
      print_padded (_("Fields"), 9);
      print_padded (_("Exempt"), 9);
      print_padded (_("Complete"), 10);
      print_padded (_("Fields"), 9);
      printf ("%s\n", _("Exempt"));
    }

  n_items = g_list_model_get_n_items (catalogue);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (catalogue, i);
      Tally all = { 0 }, full = { 0 };
      g_autoptr(GHashTable) unanswered = g_hash_table_new (g_str_hash, g_str_equal);

      full.unanswered = unanswered;

      for (guint k = 0; k < keys->len; k++)
        {
          ZcApplicant *applicant = fetch_applicant (client, cache, g_ptr_array_index (keys, k), &error);
          g_autoptr(ZcReception) reception = NULL;
          g_autoptr(GListModel) earlier = NULL;
          g_autoptr(GPtrArray) options_of_group = NULL;

          if (applicant == NULL)
            {
              print_error (error);
              return EXIT_FAIL;
            }
          if (g_strcmp0 (zc_applicant_get_kind (applicant), zc_catalogue_item_get_subject (item)) != 0)
            continue;

          reception = zc_reception_new (item, applicant, &today);
          options_of_group = choose_every_matter (reception);
          if (!set_parties (reception, client, cache, NULL, &error))
            {
              print_error (error);
              return EXIT_FAIL;
            }
          earlier = g_object_get_data (G_OBJECT (applicant), "zcctl-earlier-cases");
          if (earlier == NULL)
            {
              earlier = fetch_earlier_cases (client, zc_applicant_get_key (applicant));
              g_object_set_data_full (G_OBJECT (applicant), "zcctl-earlier-cases",
                                      g_object_ref (earlier), g_object_unref);
            }
          else
            g_object_ref (earlier);
          zc_reception_set_earlier_cases (reception, earlier);

          /* the average over the choices of an exclusive group; the pair
           * is complete when the parties hold the licences of one choice
           * at least, and counts the average over those choices */
          if (options_of_group->len == 0)
            g_ptr_array_add (options_of_group, NULL);
          {
            g_autoptr(GArray) holds = g_array_new (FALSE, TRUE, sizeof (gboolean));
            guint n_holding = 0;

            for (guint o = 0; o < options_of_group->len; o++)
              {
                gboolean h;

                if (g_ptr_array_index (options_of_group, o) != NULL)
                  zc_reception_set_matter_chosen (reception, g_ptr_array_index (options_of_group, o), TRUE, NULL);
                h = holds_every_licence (reception);
                g_array_append_val (holds, h);
                n_holding += h;
                tally_add (&all, reception, 1.0 / options_of_group->len);
              }
            all.applicants++;
            if (n_holding > 0)
              full.applicants++;
            for (guint o = 0; o < options_of_group->len && n_holding > 0; o++)
              {
                if (!g_array_index (holds, gboolean, o))
                  continue;
                if (g_ptr_array_index (options_of_group, o) != NULL)
                  zc_reception_set_matter_chosen (reception, g_ptr_array_index (options_of_group, o), TRUE, NULL);
                tally_add (&full, reception, 1.0 / n_holding);
              }
          }
        }

      all_total.applicants += all.applicants;
      all_total.fields += all.fields;
      all_total.prefilled += all.prefilled;
      all_total.materials += all.materials;
      all_total.exempt += all.exempt;
      full_total.applicants += full.applicants;
      full_total.fields += full.fields;
      full_total.prefilled += full.prefilled;
      full_total.materials += full.materials;
      full_total.exempt += full.exempt;

      if (options->json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, zc_catalogue_item_get_code (item));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, zc_catalogue_item_get_name (item));
          add_tally_json (builder, "all", &all);
          add_tally_json (builder, "complete", &full);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *c1 = g_strdup_printf ("%u", all.applicants);
          g_autofree char *c2 = g_strdup_printf ("%.1f%%", percent (all.prefilled, all.fields));
          g_autofree char *c3 = g_strdup_printf ("%.1f%%", percent (all.exempt, all.materials));
          g_autofree char *c4 = g_strdup_printf ("%u", full.applicants);
          g_autofree char *c5 = g_strdup_printf ("%.1f%%", percent (full.prefilled, full.fields));
          g_autofree char *c6 = g_strdup_printf ("%.1f%%", percent (full.exempt, full.materials));

          print_padded (zc_catalogue_item_get_name (item), 26);
          print_padded (c1, 12);
          print_padded (c2, 9);
          print_padded (c3, 9);
          print_padded (c4, 10);
          print_padded (c5, 9);
          printf ("%s\n", c6);
        }
    }

  json_builder_end_array (builder);
  add_tally_json (builder, "all", &all_total);
  add_tally_json (builder, "complete", &full_total);
  json_builder_end_object (builder);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      printf (_("all applicants: %.1f%% fields, %.1f%% materials exempt (%u applicant × item pairs)\n"),
              percent (all_total.prefilled, all_total.fields),
              percent (all_total.exempt, all_total.materials), all_total.applicants);
      printf (_("applicants whose parties hold every licence the item uses: %u pairs\n"),
              full_total.applicants);
      /* the last line is fixed for scripts: not translated */
      printf ("prefill: %.1f%% fields, %.1f%% materials exempt\n",
              percent (full_total.prefilled, full_total.fields),
              percent (full_total.exempt, full_total.materials));
    }
  return EXIT_OK;
}

/* --- receive --- */

/* A column at least @width wide, always followed by two spaces. */
static void
print_cell (const char *text,
            guint       width)
{
  print_padded (text, width);
  if (display_width (text) >= width)
    fputs ("  ", stdout);
}

/* Personal data is shown masked. */
static char *
display_value (ZcFormField *field,
               const char  *value)
{
  const char *key = zc_form_field_get_key (field);

  if (value == NULL || value[0] == '\0')
    return g_strdup ("");
  switch (zc_form_field_get_field_type (field))
    {
    case ZC_FIELD_ID:
      return zc_mask_id (value);
    case ZC_FIELD_PHONE:
      return zc_mask_phone (value);
    case ZC_FIELD_TEXT:
      if (g_str_has_suffix (key, "_name") && !g_str_has_prefix (key, "company") &&
          strstr (key, "operator") == NULL)
        return zc_mask_name (value);
      if (g_str_has_suffix (key, "_number") && strstr (key, "certificate") != NULL)
        return zc_reception_mask_licence_number (NULL, value);
      return g_strdup (value);
    default:
      return g_strdup (value);
    }
}

static void
print_reception (ZcReception *reception)
{
  GListModel *fields = zc_reception_get_fields (reception);
  GListModel *materials = zc_reception_get_materials (reception);
  g_auto(GStrv) matters = zc_reception_dup_chosen_matters (reception);
  ZcCatalogueItem *item = zc_reception_get_item (reception);
  g_autofree char *key = zc_mask_id (zc_applicant_get_key (zc_reception_get_applicant (reception)));
  g_autofree char *name = zc_mask_name (zc_applicant_get_name (zc_reception_get_applicant (reception)));

  printf ("%s (%s)  %s %s\n", zc_catalogue_item_get_name (item), zc_catalogue_item_get_code (item),
          name, key);
  printf ("%s\n", _("Sub-matters:"));
  for (guint i = 0; matters[i] != NULL; i++)
    {
      ZcMatter *matter = zc_catalogue_item_find_matter (item, matters[i]);
      printf ("  %s (%s)\n", zc_matter_get_name (matter), zc_matter_get_department (matter));
    }

  printf ("%s\n", _("Form:"));
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      ZcFormField *f = zc_reception_field_get_field (rf);
      g_autofree char *shown = display_value (f, zc_reception_field_get_value (rf));
      const char *label = zc_reception_field_get_source_label (rf);
      const GError *error = zc_reception_field_get_error (rf);

      /* only what applies */
      if (!zc_reception_field_get_applicable (rf))
        continue;
      printf ("  ");
      print_cell (zc_form_field_get_label (f), 24);
      print_cell (shown[0] != '\0' ? shown : (zc_form_field_get_required (f) ? _("(required)") : "—"), 36);
      if (label != NULL)
        printf ("%s", label);
      else if (zc_reception_field_get_source (rf) == ZC_FIELD_SOURCE_TYPED)
        printf ("%s", _("typed"));
      if (zc_reception_field_get_note (rf) != NULL)
        printf ("  [%s]", zc_reception_field_get_note (rf));
      if (error != NULL)
        printf ("  ! %s", error->message);
      printf ("\n");
    }

  printf ("%s\n", _("Materials:"));
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);
      ZcLicence *licence = zc_reception_material_get_licence (rm);

      printf ("  ");
      print_cell (zc_material_get_name (m), 40);
      print_cell (zc_material_status_label (zc_reception_material_get_status (rm)), 14);
      print_cell (zc_material_state_label (zc_reception_material_get_state (rm)), 10);
      if (licence != NULL)
        {
          g_autofree char *number = zc_reception_mask_licence_number (zc_licence_get_licence_type (licence),
                                                                      zc_licence_get_number (licence));
          printf ("  %s %s", zc_licence_type_label (zc_licence_get_licence_type (licence)), number);
        }
      if (zc_reception_material_get_note (rm) != NULL)
        printf ("  [%s]", zc_reception_material_get_note (rm));
      printf ("\n");
    }
  printf (_("Prefilled: %.0f%% of fields; exempt: %.0f%% of materials\n"),
          100 * zc_reception_get_prefill_ratio (reception),
          100 * zc_reception_get_exempt_ratio (reception));
}

static const char *
source_name (ZcFieldSource source)
{
  switch (source)
    {
    case ZC_FIELD_SOURCE_LICENCE:
      return "licence";
    case ZC_FIELD_SOURCE_EARLIER_CASE:
      return "earlier_case";
    case ZC_FIELD_SOURCE_COMPUTED:
      return "computed";
    case ZC_FIELD_SOURCE_TYPED:
      return "typed";
    case ZC_FIELD_SOURCE_NONE:
    default:
      return "none";
    }
}

static const char *
requirement_name (ZcMaterialStatus status)
{
  switch (status)
    {
    case ZC_MATERIAL_STATUS_EXEMPT:
      return "exempt";
    case ZC_MATERIAL_STATUS_TOLERABLE:
      return "tolerable";
    case ZC_MATERIAL_STATUS_COMMITMENT:
      return "commitment";
    case ZC_MATERIAL_STATUS_REQUIRED:
    default:
      return "required";
    }
}

static const char *
problem_code_name (ZcReceptionError code)
{
  switch (code)
    {
    case ZC_RECEPTION_ERROR_REQUIRED:
      return "required";
    case ZC_RECEPTION_ERROR_INVALID_VALUE:
      return "invalid_value";
    case ZC_RECEPTION_ERROR_PARTY_MISSING:
      return "party_missing";
    case ZC_RECEPTION_ERROR_NO_MATTER:
      return "no_matter";
    case ZC_RECEPTION_ERROR_MATERIAL:
      return "material";
    case ZC_RECEPTION_ERROR_DRAFT:
    default:
      return "draft";
    }
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The reception as it stands, only what applies (the shape):
 * {"item","applicant","matters":[{"code","selected","required"}],
 *  "parties":[{"role","key","required"}], "questions":[{"code","answer"}],
 *  "fields":[{"key","value","source","required"}],
 *  "materials":[{"code","requirement","state"}],
 *  "problems":[{"field","code","message"}]} */
static void
print_reception_json (ZcReception *reception)
{
  ZcCatalogueItem *item = zc_reception_get_item (reception);
  GListModel *matters = zc_catalogue_item_get_matters (item);
  GListModel *fields = zc_reception_get_fields (reception);
  GListModel *materials = zc_reception_get_materials (reception);
  g_auto(GStrv) parties = zc_reception_dup_needed_parties (reception);
  g_auto(GStrv) questions = zc_reception_dup_questions (reception);
  g_autoptr(GPtrArray) problems = zc_reception_dup_problems (reception);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "item", zc_catalogue_item_get_code (item));
  add_string_or_null (builder, "applicant", zc_applicant_get_key (zc_reception_get_applicant (reception)));

  json_builder_set_member_name (builder, "matters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "code", zc_matter_get_code (matter));
      json_builder_set_member_name (builder, "selected");
      json_builder_add_boolean_value (builder, zc_reception_get_matter_chosen (reception, zc_matter_get_code (matter)));
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, !zc_matter_get_optional (matter));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "parties");
  json_builder_begin_array (builder);
  for (guint i = 0; parties[i] != NULL; i++)
    {
      ZcApplicant *party = zc_reception_get_party (reception, parties[i]);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "role", parties[i]);
      add_string_or_null (builder, "key", party != NULL ? zc_applicant_get_key (party) : NULL);
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, !zc_reception_party_is_optional (parties[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; questions[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "code", questions[i]);
      json_builder_set_member_name (builder, "answer");
      json_builder_add_boolean_value (builder, zc_reception_get_answer (reception, questions[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      ZcFormField *f = zc_reception_field_get_field (rf);

      if (!zc_reception_field_get_applicable (rf))
        continue;
      json_builder_begin_object (builder);
      add_string_or_null (builder, "key", zc_form_field_get_key (f));
      add_string_or_null (builder, "value", zc_reception_field_get_value (rf));
      add_string_or_null (builder, "source", source_name (zc_reception_field_get_source (rf)));
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, zc_form_field_get_required (f));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "materials");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "code", zc_material_get_code (zc_reception_material_get_material (rm)));
      add_string_or_null (builder, "requirement", requirement_name (zc_reception_material_get_status (rm)));
      add_string_or_null (builder, "state", zc_material_state_to_string (zc_reception_material_get_state (rm)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZcReceptionProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "field", problem->key);
      add_string_or_null (builder, "code", problem_code_name (problem->code));
      add_string_or_null (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

static int
receive (ZcClient *client,
         Options  *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(ZcReception) reception = NULL;
  g_autoptr(GListModel) earlier = NULL;
  g_autofree char *applicant_key = zc_id_normalize (options->applicant);
  ZcApplicant *applicant;
  gboolean bad = FALSE;
  GDate today;

  zc_client_get_catalogue_item_async (client, options->item, NULL, on_call_done, &result);
  item = zc_client_get_catalogue_item_finish (client, wait_for (&result), &error);
  g_clear_object (&result);
  if (item == NULL)
    {
      print_error (error);
      return EXIT_FAIL;
    }
  applicant = fetch_applicant (client, cache, applicant_key, &error);
  if (applicant == NULL)
    {
      print_error (error);
      return EXIT_FAIL;
    }

  g_date_clear (&today, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);
  reception = zc_reception_new (item, applicant, &today);

  if (options->matters != NULL)
    {
      g_auto(GStrv) wanted = g_strsplit (options->matters, ",", -1);
      GListModel *matters = zc_catalogue_item_get_matters (item);

      for (guint i = 0; wanted[i] != NULL; i++)
        {
          g_strstrip (wanted[i]);
          if (zc_catalogue_item_find_matter (item, wanted[i]) == NULL)
            {
              fprintf (stderr, _("zcctl: “%s” is not a sub-matter of %s\n"), wanted[i],
                       zc_catalogue_item_get_name (item));
              return EXIT_FAIL;
            }
        }
      for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
        {
          g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);
          if (zc_matter_get_optional (matter))
            zc_reception_set_matter_chosen (reception, zc_matter_get_code (matter),
                                            g_strv_contains ((const char * const *) wanted,
                                                             zc_matter_get_code (matter)), NULL);
        }
    }

  for (guint i = 0; i < options->parties->len; i++)
    {
      const char *arg = g_ptr_array_index (options->parties, i);
      const char *eq = strchr (arg, '=');

      g_hash_table_insert (given, g_strndup (arg, eq - arg), zc_id_normalize (eq + 1));
    }
  if (!set_parties (reception, client, cache, given, &error))
    {
      print_error (error);
      return EXIT_FAIL;
    }
  earlier = fetch_earlier_cases (client, applicant_key);
  zc_reception_set_earlier_cases (reception, earlier);

  for (guint i = 0; i < options->answers->len; i++)
    {
      const char *arg = g_ptr_array_index (options->answers, i);
      const char *eq = strchr (arg, '=');
      g_autofree char *code = g_strndup (arg, eq - arg);
      g_autoptr(GError) answer_error = NULL;
      gboolean yes = g_str_equal (eq + 1, "yes") || g_str_equal (eq + 1, "true");

      if (!yes && !g_str_equal (eq + 1, "no") && !g_str_equal (eq + 1, "false"))
        {
          fprintf (stderr, _("zcctl: the answer to “%s” must be yes or no, not “%s”\n"), code, eq + 1);
          return EXIT_FAIL;
        }
      if (!zc_reception_set_answer (reception, code, yes, &answer_error))
        {
          fprintf (stderr, "zcctl: %s\n", answer_error->message);
          return EXIT_FAIL;
        }
    }

  for (guint i = 0; i < options->fields->len; i++)
    {
      const char *arg = g_ptr_array_index (options->fields, i);
      const char *eq = strchr (arg, '=');
      g_autofree char *key = g_strndup (arg, eq - arg);
      g_autoptr(GError) field_error = NULL;

      if (!zc_reception_set_value (reception, key, eq + 1, &field_error))
        {
          ZcReceptionField *rf = zc_reception_find_field (reception, key);

          fprintf (stderr, "zcctl: %s: %s\n",
                   rf != NULL ? zc_form_field_get_label (zc_reception_field_get_field (rf)) : key,
                   field_error->message);
          bad = TRUE;
        }
    }
  if (bad)
    return EXIT_FAIL;

  for (guint i = 0; i < options->materials->len; i++)
    {
      const char *arg = g_ptr_array_index (options->materials, i);
      const char *eq = strchr (arg, '=');
      g_autofree char *code = g_strndup (arg, eq - arg);
      ZcMaterialState state = zc_material_state_from_string (eq + 1);
      GListModel *materials = zc_reception_get_materials (reception);

      if (state == ZC_MATERIAL_STATE_PENDING && !g_str_equal (eq + 1, "pending"))
        {
          fprintf (stderr, _("zcctl: unknown material state “%s”\n"), eq + 1);
          return EXIT_FAIL;
        }
      for (guint k = 0; k < g_list_model_get_n_items (materials); k++)
        {
          g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, k);
          const char *mcode = zc_material_get_code (zc_reception_material_get_material (rm));
          g_autoptr(GError) material_error = NULL;

          if (!g_str_equal (code, "*") && !g_str_equal (code, mcode))
            continue;
          if (g_str_equal (code, "*") && zc_reception_material_get_status (rm) == ZC_MATERIAL_STATUS_EXEMPT)
            continue;
          if (!zc_reception_set_material_state (reception, mcode, state, &material_error))
            {
              fprintf (stderr, "zcctl: %s\n", material_error->message);
              bad = TRUE;
            }
        }
    }
  if (bad)
    return EXIT_FAIL;

  if (options->json && !options->submit)
    print_reception_json (reception);
  else
    print_reception (reception);

  if (options->submit)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(ZcCase) draft = NULL;
      g_autoptr(ZcCase) received = NULL;
      g_autofree char *idempotency_key = g_uuid_string_random ();

      if (!zc_reception_check (reception, problems, NULL))
        {
          fprintf (stderr, "%s\n", _("zcctl: the case cannot be submitted yet:"));
          for (guint i = 0; i < problems->len; i++)
            fprintf (stderr, "  %s\n", (char *) g_ptr_array_index (problems, i));
          return EXIT_FAIL;
        }

      body = zc_reception_to_json (reception);
      zc_client_create_case_async (client, body, idempotency_key, NULL, on_call_done, &result);
      draft = zc_client_create_case_finish (client, wait_for (&result), &error);
      g_clear_object (&result);
      if (draft == NULL)
        {
          print_error (error);
          return EXIT_FAIL;
        }
      zc_client_transition_case_async (client, zc_case_get_id (draft), "received", NULL, NULL,
                                       on_call_done, &result);
      received = zc_client_transition_case_finish (client, wait_for (&result), &error);
      g_clear_object (&result);
      if (received == NULL)
        {
          print_error (error);
          return EXIT_FAIL;
        }
      printf (_("Received: %s\n"), zc_case_get_number (received));
    }

  return EXIT_OK;
}

static int document (ZcClient *client, Options *options, const char *id_text, const char *kind_text);

static int
run_reception_command (Options    *options,
                       const char *command)
{
  g_autoptr(ZcClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = options->platform;
  int status;

  if (url == NULL || url[0] == '\0')
    url = g_getenv ("ZC_PLATFORM_URL");
  if (url == NULL || url[0] == '\0')
    {
      fprintf (stderr, "zcctl: %s\n",
               _("No platform address: use --platform URL or set ZC_PLATFORM_URL"));
      return EXIT_FAIL;
    }
  if (options->user == NULL)
    options->user = g_strdup (g_getenv ("ZC_USER"));
  if (options->password == NULL)
    options->password = g_strdup (g_getenv ("ZC_PASSWORD"));
  if (options->user == NULL || options->password == NULL)
    return usage_error (_("This command needs --user and --password (or ZC_USER and ZC_PASSWORD)"));
  if (g_str_equal (command, "receive") && (options->item == NULL || options->applicant == NULL))
    return usage_error (_("“receive” needs --item CODE and --applicant KEY"));
  if (g_str_equal (command, "document") && (options->output == NULL || options->args->len != 3))
    return usage_error (_("Usage: zcctl document CASE_ID KIND -o FILE.pdf"));

  client = zc_client_new (url);
  if (!login_from_options (client, options, &error))
    {
      print_error (error);
      return EXIT_FAIL;
    }

  if (g_str_equal (command, "prefill-report"))
    status = prefill_report (client, options);
  else if (g_str_equal (command, "document"))
    status = document (client, options, g_ptr_array_index (options->args, 1),
                       g_ptr_array_index (options->args, 2));
  else
    status = receive (client, options);

  logout (client);
  return status;
}

/* --- check-material --- */

/* The verdict of a material: exit 0 match, 1 any other verdict, 2 usage
 * or I/O (the file, the platform) */
static int
check_material (Options    *options,
                const char *path)
{
  g_autoptr(ZcClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GListModel) licences = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ZcMaterialCheck) check = NULL;
  g_autofree char *holder = NULL;
  const char *url = options->platform;
  GDate on;

  if (options->type == NULL || options->holder == NULL)
    return usage_error (_("“check-material” needs --type LICENCE_TYPE and --holder KEY"));
  if (zc_licence_type_label (options->type) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown licence type “%s”"), options->type);
      return usage_error (message);
    }
  g_date_clear (&on, 1);
  if (options->date != NULL && !zc_date_parse_iso (options->date, &on))
    {
      g_autofree char *message = g_strdup_printf (_("The date must be a real date YYYY-MM-DD, not “%s”"),
                                                  options->date);
      return usage_error (message);
    }
  if (options->date == NULL)
    zc_clock_today_china (zc_clock_get_default (), &on);
  holder = zc_id_normalize (options->holder);

  if (url == NULL || url[0] == '\0')
    url = g_getenv ("ZC_PLATFORM_URL");
  if (url == NULL || url[0] == '\0')
    return usage_error (_("No platform address: use --platform URL or set ZC_PLATFORM_URL"));
  if (options->user == NULL)
    options->user = g_strdup (g_getenv ("ZC_USER"));
  if (options->password == NULL)
    options->password = g_strdup (g_getenv ("ZC_PASSWORD"));
  if (options->user == NULL || options->password == NULL)
    return usage_error (_("This command needs --user and --password (or ZC_USER and ZC_PASSWORD)"));

  /* the file first: an unreadable one needs no platform */
  file = g_file_new_for_commandline_arg (path);
  pages = zc_material_read (file, NULL, NULL, NULL, &error);
  if (pages == NULL)
    {
      fprintf (stderr, "zcctl: %s: %s\n", path, error->message);
      return EXIT_USAGE;
    }

  client = zc_client_new (url);
  if (!login_from_options (client, options, &error))
    {
      print_error (error);
      return EXIT_USAGE;
    }
  zc_client_list_licences_async (client, holder, NULL, on_call_done, &result);
  licences = zc_client_list_licences_finish (client, wait_for (&result), &error);
  logout (client);
  if (licences == NULL)
    {
      print_error (error);
      return EXIT_USAGE;
    }

  check = zc_material_check (pages, licences, &on, options->type, holder);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, zc_verdict_to_string (check->verdict));
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < check->findings->len; i++)
        {
          const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);

          /* the findings behind the verdict */
          if (f->verdict != check->verdict)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, f->field);
          json_builder_set_member_name (builder, "expected");
          json_builder_add_string_value (builder, f->expected);
          json_builder_set_member_name (builder, "found");
          json_builder_add_string_value (builder, f->found);
          json_builder_set_member_name (builder, "page");
          json_builder_add_int_value (builder, f->page);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      printf ("%s", zc_verdict_to_label (check->verdict));
      if (check->verdict != ZC_VERDICT_UNREADABLE && check->ocr)
        printf (_(" (read by OCR, %.0f%% sure)"), check->confidence * 100.0);
      printf ("\n");
      for (guint i = 0; i < check->findings->len; i++)
        {
          const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);
          const char *mark = f->verdict == ZC_VERDICT_MATCH ? "✓" : "✗";

          /* personal data on a terminal the clerk asked for, as on the case page */
          printf ("  %s %s: ", mark, zc_check_field_to_label (f->field));
          if (f->verdict == ZC_VERDICT_MATCH && g_strcmp0 (f->found, f->expected) == 0)
            printf ("%s", f->expected);
          else if (f->verdict == ZC_VERDICT_MATCH)
            printf (_("%s (read as “%s”)"), f->expected, f->found);
          else
            printf (_("expected “%s”, found “%s”"), f->expected, f->found);
          if (f->page > 0)
            printf (_(" (page %u)"), f->page);
          printf ("\n");
        }
    }

  return check->verdict == ZC_VERDICT_MATCH ? EXIT_OK : EXIT_FAIL;
}

/* --- document --- */

static int
document (ZcClient   *client,
          Options    *options,
          const char *id_text,
          const char *kind_text)
{
  static const struct { const char *name; int kind; } kinds[] = {
    { "receipt", ZC_DOCUMENT_RECEIPT },
    { "notice-once", ZC_DOCUMENT_ONE_TIME_NOTICE },
    { "refusal", ZC_DOCUMENT_REFUSAL },
    /* the signed documents of issue 11, from the case's commitments */
    { "tolerance-request", ZC_DOCUMENT_TOLERANCE_REQUEST },
    { "tolerance-notice", ZC_DOCUMENT_TOLERANCE_NOTICE },
    { "commitment", ZC_DOCUMENT_COMMITMENT },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) item_result = NULL;
  g_autoptr(GAsyncResult) pdf_result = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(GBytes) pdf = NULL;
  ZcDocumentData *data = NULL;
  guint64 id = 0;
  int kind = -2;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, kind_text))
      kind = kinds[i].kind;
  if (kind == -2)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown document “%s”: receipt, notice-once, refusal, "
                                                    "tolerance-request, tolerance-notice or commitment"), kind_text);
      return usage_error (message);
    }
  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return usage_error (_("CASE_ID must be the case's number on the platform (a positive integer)"));

  zc_client_get_case_async (client, (gint64) id, NULL, on_call_done, &result);
  kase = zc_client_get_case_finish (client, wait_for (&result), &error);
  if (kase == NULL)
    {
      print_error (error);
      return EXIT_FAIL;
    }
  zc_client_get_catalogue_item_async (client, zc_case_get_item (kase), NULL, on_call_done, &item_result);
  item = zc_client_get_catalogue_item_finish (client, wait_for (&item_result), &error);
  if (item == NULL)
    {
      print_error (error);
      return EXIT_FAIL;
    }

  if (kind == ZC_DOCUMENT_TOLERANCE_REQUEST || kind == ZC_DOCUMENT_TOLERANCE_NOTICE ||
      kind == ZC_DOCUMENT_COMMITMENT)
    {
      const char *wanted = kind == ZC_DOCUMENT_COMMITMENT ? "commitment" : "tolerance";
      GPtrArray *commitments = zc_case_get_commitments (kase);

      /* the latest of its kind: a reprint of what was signed last */
      for (guint i = commitments->len; i > 0 && data == NULL; i--)
        {
          const ZcCaseCommitment *c = g_ptr_array_index (commitments, i - 1);

          if (g_str_equal (c->kind, wanted))
            /* the case's clerk and window by name, as the app's letters */
            data = zc_document_data_new_for_commitment ((ZcDocumentKind) kind, kase, c, item, NULL);
        }
      if (data == NULL)
        {
          fprintf (stderr, "zcctl: %s\n",
                   kind == ZC_DOCUMENT_COMMITMENT
                     ? _("This case has no commitment (告知承诺) recorded")
                     : _("This case has no material accepted as missing (容缺受理) recorded"));
          return EXIT_FAIL;
        }
    }
  else if (!zc_document_case_has_kind (kase, (ZcDocumentKind) kind, &error))
    {
      fprintf (stderr, "zcctl: %s\n", error->message);
      return EXIT_FAIL;
    }
  else
    data = zc_document_data_new_for_case ((ZcDocumentKind) kind, kase, item, NULL);
  zc_document_write_async (data, NULL, on_call_done, &pdf_result);
  pdf = zc_document_write_finish (wait_for (&pdf_result), &error);
  if (pdf == NULL ||
      !g_file_set_contents (options->output, g_bytes_get_data (pdf, NULL),
                            (gssize) g_bytes_get_size (pdf), &error))
    {
      fprintf (stderr, "zcctl: %s\n", error->message);
      return EXIT_FAIL;
    }
  return EXIT_OK;
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

  run.commitments = g_str_equal (command, "commitments");
  if (run.commitments && options->due == options->overdue)
    return usage_error (_("“commitments” needs one of --due and --overdue"));
  if (g_str_equal (command, "cases") || run.commitments)
    {
      if (options->user == NULL)
        options->user = g_strdup (g_getenv ("ZC_USER"));
      if (options->password == NULL)
        options->password = g_strdup (g_getenv ("ZC_PASSWORD"));
      if (options->user == NULL || options->password == NULL)
        return usage_error (run.commitments
                            ? _("“commitments” needs --user and --password (or ZC_USER and ZC_PASSWORD)")
                            : _("“cases” needs --user and --password (or ZC_USER and ZC_PASSWORD)"));
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

  /* uninstalled runs (meson devenv, tests) find the built catalogues */
  zc_i18n_init ();

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
  else if (g_str_equal (command, "health") || g_str_equal (command, "cases") ||
           g_str_equal (command, "commitments"))
    {
      if (n_operands != 0)
        status = usage_error (_("This command takes no arguments"));
      else
        status = run_platform_command (&options, command);
    }
  else if (g_str_equal (command, "document"))
    status = run_reception_command (&options, command);
  else if (g_str_equal (command, "prefill-report") || g_str_equal (command, "receive"))
    {
      if (n_operands != 0)
        status = usage_error (_("This command takes no arguments"));
      else
        status = run_reception_command (&options, command);
    }
  else if (g_str_equal (command, "check-material"))
    {
      if (n_operands != 1)
        status = usage_error (_("Usage: zcctl check-material FILE --type LICENCE_TYPE --holder KEY "
                                "[--date YYYY-MM-DD] [--json]"));
      else
        status = check_material (&options, g_ptr_array_index (options.args, 1));
    }
  else
    {
      g_autofree char *unknown = g_strdup_printf (_("Unknown command “%s”"), command);
      status = usage_error (unknown);
    }

  options_clear (&options);
  return status;
}
