/* zc-case-form-view.c — the merged form of a case, one group per person
 * the fields describe (申请人, 新生儿, 母亲 …) in the catalogue's order
 * (zc_catalogue_item_dup_fields_by_person, as reception's form step),
 * each prefilled value with its source
 *
 * Personal data is shown in full: the case page belongs to the window
 * handling the case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-reception.h"

#include "zc-case-form-view.h"
#include "zc-ui-utils.h"

struct _ZcCaseFormView
{
  AdwBin   parent_instance;

  GtkBox  *box;
  guint    n_fields;
};

G_DEFINE_FINAL_TYPE (ZcCaseFormView, zc_case_form_view, ADW_TYPE_BIN)

/* "来自 居民身份证 3402…", "来自以往办件"; NULL for a typed field */
static char *
source_caption (ZcCase     *c,
                const char *key)
{
  const ZcCaseSource *source = zc_case_get_source (c, key);
  g_autofree char *caption = NULL;

  if (source == NULL)
    return NULL;
  if (g_strcmp0 (source->kind, "licence") == 0)
    {
      const char *type = source->licence_type;
      const char *label = zc_licence_type_label (type);
      g_autofree char *masked = source->licence_number != NULL
                                ? zc_reception_mask_licence_number (type, source->licence_number) : NULL;

      /* Translators: the source of a prefilled field: licence type and masked
       * number, e.g. “From 居民身份证 3402**********1234” */
      caption = g_strdup_printf (_("From %s %s"), label != NULL ? label : (type != NULL ? type : ""),
                                 masked != NULL ? masked : "");
      g_strstrip (caption);
    }
  else if (g_strcmp0 (source->kind, "earlier_case") == 0)
    caption = g_strdup (_("From earlier cases"));
  else if (g_strcmp0 (source->kind, "computed") == 0)
    /* Translators: the source of a value a rule computed (e.g. the statutory retirement date) */
    caption = g_strdup (source->label != NULL && source->label[0] != '\0' ? source->label : _("Calculated by rule"));
  else
    return NULL;

  if (source->edited)
    {
      /* Translators: a prefilled value the clerk then changed; %s is its source */
      char *edited = g_strdup_printf (_("%s, changed at the counter"), caption);

      g_free (caption);
      caption = edited;
    }
  return g_steal_pointer (&caption);
}

static void
add_field_row (ZcCaseFormView *self,
               GtkListBox     *list,
               ZcCase         *c,
               const char     *key,
               const char     *label)
{
  const char *value = zc_case_get_form_value (c, key);
  g_autofree char *caption = NULL;
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_set_name (row, "form-field");
  g_object_set_data_full (G_OBJECT (row), "field-key", g_strdup (key), g_free);
  gtk_list_box_append (list, row);
  caption = source_caption (c, key);
  if (caption != NULL)
    {
      GtkWidget *source = gtk_label_new (caption);

      gtk_widget_set_name (source, "field-source");
      gtk_widget_add_css_class (source, "dim-label");
      gtk_widget_add_css_class (source, "caption");
      gtk_widget_set_valign (source, GTK_ALIGN_CENTER);
      gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_MIDDLE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), source);
    }
  self->n_fields++;
}

/* a group is shown only with a row in it */
static void
hide_empty_group (GtkWidget  *group,
                  GtkListBox *list)
{
  if (group != NULL)
    gtk_widget_set_visible (group, gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL);
}

static void
zc_case_form_view_clear (ZcCaseFormView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  self->n_fields = 0;
}

static void
zc_case_form_view_class_init (ZcCaseFormViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zc_case_form_view_init (ZcCaseFormView *self)
{
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->box));
  gtk_widget_set_name (GTK_WIDGET (self), "form-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Merged Form"), -1);
}

GtkWidget *
zc_case_form_view_new (void)
{
  return g_object_new (ZC_TYPE_CASE_FORM_VIEW, NULL);
}

void
zc_case_form_view_show (ZcCaseFormView  *self,
                        ZcCase          *kase,
                        ZcCatalogueItem *item)
{
  GtkListBox *list = NULL;
  GtkWidget *group = NULL;

  g_return_if_fail (ZC_IS_CASE_FORM_VIEW (self));

  zc_case_form_view_clear (self);
  if (kase == NULL || zc_case_get_form (kase) == NULL)
    return;

  if (item != NULL)
    {
      g_autoptr(GPtrArray) fields = zc_catalogue_item_dup_fields_by_person (item);
      const char *current = NULL;

      for (guint i = 0; i < fields->len; i++)
        {
          ZcFormField *f = g_ptr_array_index (fields, i);
          const char *about = zc_form_field_get_about (f);

          if (g_strcmp0 (about, current) != 0)
            {
              g_autofree char *title = NULL;

              hide_empty_group (group, list);
              /* Translators: a group of the merged form on the case page:
               * the fields of one person, e.g. “Merged Form · 新生儿” */
              title = g_strdup_printf (_("Merged Form · %s"), zc_ui_about_label (item, about));
              group = zc_ui_make_group (self->box, title, NULL, &list);
              gtk_widget_set_name (group, "form-group");
              g_object_set_data_full (G_OBJECT (group), "about", g_strdup (about), g_free);
              current = about;
            }
          add_field_row (self, list, kase, zc_form_field_get_key (f), zc_form_field_get_label (f));
        }
      hide_empty_group (group, list);
    }
  else
    {
      /* the catalogue has not answered yet: the form's own order, keys
       * for labels, until it does */
      g_autoptr(GList) members = json_object_get_members (zc_case_get_form (kase));

      group = zc_ui_make_group (self->box, _("Merged Form"), NULL, &list);
      for (GList *l = members; l != NULL; l = l->next)
        add_field_row (self, list, kase, l->data, l->data);
      hide_empty_group (group, list);
    }
}

guint
zc_case_form_view_get_n_fields (ZcCaseFormView *self)
{
  g_return_val_if_fail (ZC_IS_CASE_FORM_VIEW (self), 0);

  return self->n_fields;
}
