/* zc-ui-utils.c — small widget helpers shared by the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zc-acquire-error.h"
#include "zc-calendar.h"
#include "zc-id.h"
#include "zc-mask.h"
#include "zc-reception.h"
#include "zc-platform-error.h"

#include "zc-ui-utils.h"

GtkWidget *
zc_ui_make_group (GtkBox      *parent,
                  const char  *title,
                  const char  *description,
                  GtkListBox **list_out)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (title != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  if (parent != NULL)
    gtk_box_append (parent, group);
  if (list_out != NULL)
    *list_out = GTK_LIST_BOX (list);
  return group;
}

GtkWidget *
zc_ui_tooltip_label_new (const char *text,
                         int         max_chars)
{
  GtkWidget *label = gtk_label_new (text);
  int cells = 0;

  /* a wide (CJK) character takes two cells of width-chars */
  for (const char *p = text != NULL ? text : ""; *p != '\0' && cells < max_chars; p = g_utf8_next_char (p))
    cells += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (cells, max_chars));
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
  return label;
}

GtkWidget *
zc_ui_make_pill (const char *text,
                 const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "state-pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

void
zc_ui_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

char *
zc_ui_error_message (const GError *error)
{
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  /* the core's messages are written for the clerk and translated */
  /* … and so are the messages of acquiring materials (device, file) */
  if (error->domain == ZC_RECEPTION_ERROR || error->domain == ZC_ID_ERROR ||
      error->domain == ZC_ACQUIRE_ERROR)
    return g_strdup (error->message);
  return zc_platform_error_to_user_message (error);
}

void
zc_ui_toast (GtkWidget  *widget,
             const char *message)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      guint id = g_signal_lookup ("toast", G_OBJECT_TYPE (w));

      if (id != 0)
        {
          g_signal_emit (w, id, 0, message);
          return;
        }
    }
  g_debug ("A toast with nobody to show it");
}

void
zc_ui_toast_error (GtkWidget    *widget,
                   const GError *error)
{
  g_autofree char *message = zc_ui_error_message (error);

  if (message != NULL)
    zc_ui_toast (widget, message);
}

void
zc_ui_today (GDate *date)
{
  g_autoptr(GDateTime) now = zc_date_time_now_china ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

const char *
zc_ui_party_label (ZcCatalogueItem *item,
                   const char      *role)
{
  const char *label = NULL;

  if (g_strcmp0 (role, "applicant") == 0)
    return _("Applicant");
  if (item != NULL)
    label = zc_catalogue_item_get_party_label (item, role);
  return label != NULL ? label : role;
}

/* the title of a group of the merged form: the person its fields
 * describe (zc_form_field_get_about()) */
const char *
zc_ui_about_label (ZcCatalogueItem *item,
                   const char      *about)
{
  const char *label = NULL;

  if (g_strcmp0 (about, "applicant") == 0)
    return _("Applicant");
  if (item != NULL)
    label = zc_catalogue_item_get_about_label (item, about);
  return label != NULL ? label : about;
}

const char *
zc_ui_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "enterprise") == 0)
    return _("Legal person");
  return _("Natural person");
}

char *
zc_ui_licence_short (ZcLicence *licence)
{
  g_autofree char *masked = zc_mask_licence_number (zc_licence_get_licence_type (licence),
                                                    zc_licence_get_number (licence));

  return g_strdup_printf ("%s %s", zc_licence_type_label (zc_licence_get_licence_type (licence)), masked);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_popover (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
popover_closed_cb (GtkWidget *popover,
                   GtkWidget *owner)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || focus == popover || gtk_widget_is_ancestor (focus, popover))
    gtk_widget_grab_focus (owner);
}

void
zc_ui_return_focus_from_popover (GtkWidget *owner)
{
  GtkWidget *popover = find_popover (owner);

  if (popover != NULL)
    g_signal_connect_object (popover, "closed", G_CALLBACK (popover_closed_cb), owner, 0);
}

gboolean
zc_ui_focus_first_control (GtkListBox *list,
                           gboolean    pending_only)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkWidget *control;
      ZcReceptionMaterial *rm;

      if (row == NULL)
        return FALSE;
      control = g_object_get_data (G_OBJECT (row), "control");
      if (control == NULL || !gtk_widget_is_sensitive (control))
        continue;
      rm = g_object_get_data (G_OBJECT (control), "material");
      if (pending_only && (rm == NULL || zc_reception_material_get_state (rm) != ZC_MATERIAL_STATE_PENDING))
        continue;
      return gtk_widget_grab_focus (control);
    }
}

/* "下一步(_N)" → "下一步", "_Next" → "Next", "a__b" → "a_b" */
static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (p[0] == '(' && p[1] == '_' && p[2] != '\0' && p[3] == ')')
        {
          p += 3;
          continue;
        }
      if (p[0] == '_' && p[1] == '_')
        {
          g_string_append_c (out, '_');
          p++;
          continue;
        }
      if (p[0] == '_')
        continue;
      g_string_append_c (out, p[0]);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static void
name_without_mnemonic (GtkWidget *widget)
{
  const char *label = NULL;
  gboolean underline = FALSE;
  g_autofree char *name = NULL;

  if (GTK_IS_BUTTON (widget))
    {
      label = gtk_button_get_label (GTK_BUTTON (widget));
      underline = gtk_button_get_use_underline (GTK_BUTTON (widget));
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      underline = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
    }
  if (label == NULL || !underline || strchr (label, '_') == NULL)
    return;
  name = strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
label_notify_cb (GtkWidget  *widget,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  name_without_mnemonic (widget);
}

static gboolean
button_mapped_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if ((GTK_IS_BUTTON (object) || GTK_IS_CHECK_BUTTON (object)) &&
      g_object_get_data (object, "zc-mnemonic-name") == NULL)
    zc_ui_name_without_mnemonics (GTK_WIDGET (object));
  return TRUE;  /* stay installed */
}

/**
 * zc_ui_name_mnemonics_when_mapped:
 *
 * Every button and check button of the process, when it is first
 * mapped, gets the accessible name of its label without the mnemonic
 * underscore (GTK 4.8 reads "_Next" raw) — also the ones a page builds
 * after the window (rows, links, dialogs). Call once at start-up.
 */
void
zc_ui_name_mnemonics_when_mapped (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      gpointer klass = g_type_class_ref (GTK_TYPE_WIDGET);  /* its signals registered */
      guint map = g_signal_lookup ("map", GTK_TYPE_WIDGET);

      g_type_class_unref (klass);
      g_signal_add_emission_hook (map, 0, button_mapped_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

void
zc_ui_name_without_mnemonics (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root))
    {
      name_without_mnemonic (root);
      /* (GTK names it again, raw, when the label changes) */
      if (g_object_get_data (G_OBJECT (root), "zc-mnemonic-name") == NULL)
        {
          g_object_set_data (G_OBJECT (root), "zc-mnemonic-name", GINT_TO_POINTER (TRUE));
          g_signal_connect_after (root, "notify::label", G_CALLBACK (label_notify_cb), NULL);
          g_signal_connect_after (root, "notify::use-underline", G_CALLBACK (label_notify_cb), NULL);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    zc_ui_name_without_mnemonics (child);
}
