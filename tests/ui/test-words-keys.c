/* test-words-keys.c — words and keys of the whole window, in the
 * language the test runs in (meson runs it in C and in zh_CN):
 *
 * - mnemonics are unique in what is shown at once: the window walked
 *   with each page of a stack as an alternative (pages are never shown
 *   together), each popover on its own, and the dialogs built by code;
 * - 受理 is the suggested action, 不予受理 the destructive one;
 * - the shortcuts window lists every shortcut the app registers: the
 *   application's accelerators and the shortcut controllers of our own
 *   widgets (class key bindings included).
 *
 * No platform is needed: the window is built, not logged in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "zc-application.h"
#include "zc-pdf-view.h"
#include "zc-reason-dialog.h"
#include "zc-window.h"

static ZcApplication *app;
static guint n_raw;

static void check_accessible_labels (GtkWidget *widget,
                                     guint     *n_checked);

/* --- mnemonics ------------------------------------------------------- */

typedef struct
{
  guint       keyval;
  gpointer    target;  /* what it activates: one control may have two labels */
  char       *text;    /* the label, for the message */
  char       *where;   /* the path of widget types down to it */
} Mnemonic;

static void
mnemonic_free (gpointer data)
{
  Mnemonic *m = data;

  g_free (m->text);
  g_free (m->where);
  g_free (m);
}

/* All mnemonics found, owned here; the sets below borrow them */
static GPtrArray *all_mnemonics;
/* Scopes checked on their own (popovers): a GPtrArray of sets each */
static GPtrArray *separate_scopes;
/* What was found twice, each once */
static GPtrArray *conflicts;

static GPtrArray *
set_new (void)
{
  return g_ptr_array_new ();
}

static GPtrArray *
alternatives_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

static char *
widget_path (GtkWidget *widget)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_widget_get_name (w);

      g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
      if (name != NULL && g_strcmp0 (name, G_OBJECT_TYPE_NAME (w)) != 0)
        {
          g_string_insert (path, strlen (G_OBJECT_TYPE_NAME (w)), "#");
          g_string_insert (path, strlen (G_OBJECT_TYPE_NAME (w)) + 1, name);
        }
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static GPtrArray *collect (GtkWidget *widget);

/* Each set of @a with each set of @b */
static GPtrArray *
cross (GPtrArray *a,
       GPtrArray *b)
{
  GPtrArray *out = alternatives_new ();

  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      {
        GPtrArray *set = set_new ();

        g_ptr_array_extend (set, g_ptr_array_index (a, i), NULL, NULL);
        g_ptr_array_extend (set, g_ptr_array_index (b, j), NULL, NULL);
        g_ptr_array_add (out, set);
      }
  return out;
}

/* The sets of mnemonics that can be shown at once under @widget: the
 * pages of a stack are alternatives, everything else is together (also
 * what is hidden now: it may be shown with the rest) */
static GPtrArray *
collect (GtkWidget *widget)
{
  g_autoptr(GPtrArray) result = alternatives_new ();
  GPtrArray *own = set_new ();

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      Mnemonic *m = g_new0 (Mnemonic, 1);

      m->keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      m->target = gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
      if (m->target == NULL)
        m->target = gtk_widget_get_parent (widget);
      m->text = g_strdup (gtk_label_get_label (GTK_LABEL (widget)));
      m->where = widget_path (widget);
      g_ptr_array_add (all_mnemonics, m);
      g_ptr_array_add (own, m);
    }
  g_ptr_array_add (result, own);

  /* one child shown at a time (AdwMessageDialog's buttons are laid out
   * twice in a squeezer, side by side and stacked) */
  if (GTK_IS_STACK (widget) || ADW_IS_SQUEEZER (widget) || ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr(GPtrArray) pages = alternatives_new ();

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          g_autoptr(GPtrArray) sets = collect (child);

          for (guint i = 0; i < sets->len; i++)
            g_ptr_array_add (pages, g_ptr_array_ref (g_ptr_array_index (sets, i)));
        }
      if (pages->len > 0)
        {
          GPtrArray *crossed = cross (result, pages);

          g_ptr_array_unref (result);
          result = crossed;
        }
      return g_steal_pointer (&result);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GPtrArray) sets = collect (child);

      if (GTK_IS_POPOVER (child))
        {
          /* a popover is shown on its own */
          g_ptr_array_add (separate_scopes, g_ptr_array_ref (sets));
          continue;
        }
      {
        GPtrArray *crossed = cross (result, sets);

        g_ptr_array_unref (result);
        result = crossed;
      }
    }
  return g_steal_pointer (&result);
}

/* Fails naming both labels when a set holds a mnemonic twice */
static guint
check_sets (GPtrArray  *sets,
            const char *what)
{
  guint n_checked = 0;

  for (guint s = 0; s < sets->len; s++)
    {
      GPtrArray *set = g_ptr_array_index (sets, s);

      for (guint i = 0; i < set->len; i++)
        for (guint j = i + 1; j < set->len; j++)
          {
            Mnemonic *a = g_ptr_array_index (set, i);
            Mnemonic *b = g_ptr_array_index (set, j);

            if (a->keyval == b->keyval && a->target != b->target)
              {
                g_autofree char *line = g_strdup_printf ("%s: the mnemonic %s is used twice, by “%s” (%s) and “%s” (%s)",
                                                         what, gdk_keyval_name (a->keyval), a->text, a->where,
                                                         b->text, b->where);

                if (!g_ptr_array_find_with_equal_func (conflicts, line, g_str_equal, NULL))
                  g_ptr_array_add (conflicts, g_steal_pointer (&line));
              }
          }
      n_checked += set->len;
    }
  return n_checked;
}

static void
check_window (GtkWidget  *window,
              const char *what)
{
  g_autoptr(GPtrArray) sets = NULL;
  guint n;

  conflicts = g_ptr_array_new_with_free_func (g_free);
  all_mnemonics = g_ptr_array_new_with_free_func (mnemonic_free);
  separate_scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  sets = collect (window);
  n = check_sets (sets, what);
  for (guint i = 0; i < separate_scopes->len; i++)
    n += check_sets (g_ptr_array_index (separate_scopes, i), what);
  g_test_message ("%s: %u mnemonics in %u views, %u popovers", what, all_mnemonics->len,
                  sets->len, separate_scopes->len);
  for (guint i = 0; i < conflicts->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (conflicts, i));
  if (conflicts->len > 0)
    g_error ("%s: %u mnemonics used twice (listed above)", what, conflicts->len);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  g_clear_pointer (&separate_scopes, g_ptr_array_unref);
  g_clear_pointer (&all_mnemonics, g_ptr_array_unref);
}

static ZcWindow *
new_window (void)
{
  ZcWindow *win;

  /* nothing listens there: the window stays at its login page */
  g_settings_set_string (zc_application_get_settings (app), "platform-url", "http://127.0.0.1:9");
  win = zc_window_new (app);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

static void
close_window (GtkWindow *win)
{
  gtk_window_destroy (win);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* every mnemonic of the window (each page, each step) is unique in what
 * is shown with it */
static void
test_mnemonics_window (void)
{
  ZcWindow *win = new_window ();

  check_window (GTK_WIDGET (win), "the main window");
  close_window (GTK_WINDOW (win));
}

/* the dialogs built by code: the reason dialogs, the shortcuts window */
static void
test_mnemonics_dialogs (void)
{
  ZcWindow *win = new_window ();
  const struct { const char *response; const char *label; } reasons[] = {
    /* the labels of zc-case-page.c and zc-reception-page.c */
    { "withdraw", N_("_Withdraw") },
    { "takeover", N_("_Take Over") },
    { "refuse", N_("_Refuse") },
  };
  GtkWindow *overlay;

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      GtkWidget *dialog = zc_reason_dialog_new (GTK_WIDGET (win), "?", NULL, reasons[i].response,
                                                _(reasons[i].label), ADW_RESPONSE_DESTRUCTIVE, "?");

      guint n_named = 0;

      check_window (dialog, reasons[i].response);
      /* and its buttons are named without the mnemonic */
      n_raw = 0;
      check_accessible_labels (dialog, &n_named);
      g_assert_cmpuint (n_named, >=, 2);
      g_assert_cmpuint (n_raw, ==, 0);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (win)));
  g_assert_nonnull (overlay);
  check_window (GTK_WIDGET (overlay), "the shortcuts window");
  close_window (GTK_WINDOW (win));
}

/* The accessible name set on @widget, or NULL (GTK 4.8 has no getter:
 * the test API answers a mismatch with the value it holds) */
static char *
accessible_label (GtkWidget *widget)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "\x01never a label\x01");
  return value;
}

static void
check_accessible_labels (GtkWidget *widget,
                         guint     *n_checked)
{
  g_autofree char *label = accessible_label (widget);

  if (label != NULL)
    {
      const char *u;

      (*n_checked)++;
      /* a mnemonic's underscore is not read out: "_Next", "下一步(_N)" */
      for (u = strchr (label, '_'); u != NULL; u = strchr (u + 1, '_'))
        if (g_ascii_isalnum (u[1]))
          {
            g_autofree char *path = widget_path (widget);

            g_printerr ("the accessible name “%s” has a raw mnemonic: %s\n", label, path);
            n_raw++;
            break;
          }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_accessible_labels (child, n_checked);
}

/* accessible names are read without raw mnemonic underscores */
static void
test_accessible_names (void)
{
  ZcWindow *win = new_window ();
  guint n_checked = 0;

  n_raw = 0;
  {
    /* a button a page builds later (a row, a link) is named too */
    GtkWidget *later = gtk_button_new_with_mnemonic ("Built _Later");
    g_autofree char *name = NULL;

    GtkWidget *dialog = gtk_window_new ();

    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (win));
    gtk_window_set_child (GTK_WINDOW (dialog), later);
    gtk_window_present (GTK_WINDOW (dialog));
    for (int i = 0; i < 500 && !gtk_widget_get_mapped (later); i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (gtk_widget_get_mapped (later));
    name = accessible_label (later);
    g_assert_cmpstr (name, ==, "Built Later");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  check_accessible_labels (GTK_WIDGET (win), &n_checked);
  g_test_message ("%u accessible names checked", n_checked);
  g_assert_cmpuint (n_raw, ==, 0);
  g_assert_cmpuint (n_checked, >, 10);
  close_window (GTK_WINDOW (win));
}

/* the buttons of the window bound to @action */
static void
find_action_buttons (GtkWidget  *widget,
                     const char *action,
                     GPtrArray  *found)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_action_buttons (child, action, found);
}

/* 受理 is the suggested action, 不予受理 the secondary destructive one */
static void
test_receive_suggested (void)
{
  ZcWindow *win = new_window ();
  g_autoptr(GPtrArray) receive = g_ptr_array_new ();
  g_autoptr(GPtrArray) refuse = g_ptr_array_new ();

  find_action_buttons (GTK_WIDGET (win), "reception.submit", receive);
  find_action_buttons (GTK_WIDGET (win), "reception.refuse", refuse);
  g_assert_cmpuint (receive->len, >, 0);
  g_assert_cmpuint (refuse->len, >, 0);
  for (guint i = 0; i < receive->len; i++)
    g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (receive, i), "suggested-action"));
  for (guint i = 0; i < refuse->len; i++)
    {
      g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (refuse, i), "destructive-action"));
      g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (refuse, i), "suggested-action"));
    }
  close_window (GTK_WINDOW (win));
}

/* --- shortcuts ------------------------------------------------------- */

static char *
accel_key (guint           keyval,
           GdkModifierType mods)
{
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods & gtk_accelerator_get_default_mod_mask ());
}

static void
add_trigger (GHashTable         *set,
             GtkShortcutTrigger *trigger,
             const char         *where)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_hash_table_insert (set,
                         accel_key (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                    gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))),
                         g_strdup (where));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (set, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
      add_trigger (set, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
    }
  /* mnemonics are checked above */
}

static void
add_accels (GHashTable *set,
            const char *accels_string,
            const char *where)
{
  g_auto(GStrv) accels = g_strsplit (accels_string, " ", -1);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      guint keyval = 0;
      GdkModifierType mods = 0;

      if (accels[i][0] == '\0')
        continue;
      g_assert_true (gtk_accelerator_parse (accels[i], &keyval, &mods));
      g_hash_table_insert (set, accel_key (keyval, mods), g_strdup (where));
    }
}

static void
add_action_accels (GHashTable *set,
                   const char *action)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  for (guint i = 0; accels[i] != NULL; i++)
    add_accels (set, accels[i], action);
}

/* The shortcut controllers of our widgets (class key bindings and those
 * added by code); of other widgets only the controllers we name "zc-…"
 * (the reception page puts Ctrl+N on the window) */
static void
collect_shortcuts (GHashTable *set,
                   GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean ours = g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Zc") && !ZC_IS_WINDOW (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      const char *name = gtk_event_controller_get_name (controller);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          !(ours || (name != NULL && g_str_has_prefix (name, "zc-"))))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          add_trigger (set, gtk_shortcut_get_trigger (shortcut), G_OBJECT_TYPE_NAME (widget));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (set, child);
}

static void
collect_listed (GHashTable *set,
                GtkWidget  *widget)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_autofree char *title = NULL;

      g_object_get (widget, "accelerator", &accelerator, "action-name", &action, "title", &title, NULL);
      if (accelerator != NULL)
        add_accels (set, accelerator, title);
      if (action != NULL)
        add_action_accels (set, action);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (set, child);
}

/* every shortcut registered is in the shortcuts window */
static void
test_shortcuts_listed (void)
{
  ZcWindow *win = new_window ();
  g_autoptr(GHashTable) registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GtkWidget *pdf_view = g_object_ref_sink (zc_pdf_view_new ());
  GtkWidget *overlay;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; actions[i] != NULL; i++)
    add_action_accels (registered, actions[i]);
  collect_shortcuts (registered, GTK_WIDGET (win));
  /* the PDF view of the document previews (made when one is shown) */
  collect_shortcuts (registered, pdf_view);
  g_assert_true (g_hash_table_contains (registered, "<Control>n"));
  g_assert_true (g_hash_table_contains (registered, "<Control>q"));

  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (win)));
  g_assert_nonnull (overlay);
  collect_listed (listed, overlay);

  g_hash_table_iter_init (&iter, registered);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("%s (%s)", (const char *) key, (const char *) value);
      if (!g_hash_table_contains (listed, key))
        g_error ("%s (%s) is not in the shortcuts window", (const char *) key, (const char *) value);
    }
  g_object_unref (pdf_view);
  close_window (GTK_WINDOW (win));
}

/* --- main ------------------------------------------------------------ */

static void
run_tests_cb (GApplication *application,
              int          *ret)
{
  g_signal_stop_emission_by_name (application, "activate");
  g_application_hold (application);
  *ret = g_test_run ();
  g_application_release (application);
  g_application_quit (application);
}

int
main (int   argc,
      char *argv[])
{
  int ret = 1;

  setlocale (LC_ALL, "");
  /* LANGUAGE=zh_CN with ZC_LOCALEDIR=… checks the Chinese words */
  if (g_getenv ("ZC_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZC_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run with: meson test --setup xvfb)\n");
      return 0;
    }

  app = zc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/ui/words/mnemonics-window", test_mnemonics_window);
  g_test_add_func ("/ui/words/mnemonics-dialogs", test_mnemonics_dialogs);
  g_test_add_func ("/ui/words/receive-suggested", test_receive_suggested);
  g_test_add_func ("/ui/words/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/keys/shortcuts-listed", test_shortcuts_listed);

  g_signal_connect (app, "activate", G_CALLBACK (run_tests_cb), &ret);
  g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_object (&app);

  return ret;
}
