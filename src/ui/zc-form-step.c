/* zc-form-step.c — the merged form of the reception
 *
 * One group per party, in the order the parties first appear, one row
 * per field of the reception (zc_reception_get_fields). A row shows the
 * field's value, where a prefilled value came from, or what is wrong
 * with it; it follows the field (notify) and writes back as typed. A
 * field the chosen options do not ask for is hidden. Enter goes from
 * field to field and from the last emits "done".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zc-catalogue.h"

#include "zc-form-step.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

typedef struct
{
  ZcReceptionField *field;
  AdwActionRow     *row;
  GtkEditable      *entry;   /* NULL for choices */
  AdwComboRow      *combo;   /* NULL unless choice */
  gulong            notify_id;
} FieldSlot;

struct _ZcFormStep
{
  AdwBin       parent_instance;

  /* template widgets */
  GtkLabel    *required_label;
  GtkLabel    *prefill_label;
  GtkBox      *form_box;

  /* owned */
  ZcReception *reception;
  GPtrArray   *field_slots;      /* FieldSlot */
  char        *told_empty;       /* the empty required fields the clerk was told of */
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (ZcFormStep, zc_form_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECEPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_slot_free (gpointer data)
{
  FieldSlot *slot = data;

  if (slot->notify_id != 0)
    g_signal_handler_disconnect (slot->field, slot->notify_id);
  g_clear_object (&slot->field);
  g_free (slot);
}

static ZcCatalogueItem *
step_item (ZcFormStep *self)
{
  return self->reception != NULL ? zc_reception_get_item (self->reception) : NULL;
}

static void
field_slot_update (ZcFormStep      *self,
                   FieldSlot       *slot)
{
  const GError *error = zc_reception_field_get_error (slot->field);
  const char *source = zc_reception_field_get_source_label (slot->field);
  const char *value = zc_reception_field_get_value (slot->field);
  ZcFormField *field = zc_reception_field_get_field (slot->field);

  if (error != NULL)
    {
      adw_action_row_set_subtitle (slot->row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (slot->row), "field-error");
    }
  else
    {
      g_autofree char *hint = NULL;

      gtk_widget_remove_css_class (GTK_WIDGET (slot->row), "field-error");
      if (source != NULL)
        adw_action_row_set_subtitle (slot->row, source);
      else if (zc_reception_field_get_note (slot->field) != NULL)
        adw_action_row_set_subtitle (slot->row, zc_reception_field_get_note (slot->field));
      else if (zc_form_field_get_field_type (field) == ZC_FIELD_DATE)
        adw_action_row_set_subtitle (slot->row, _("Format YYYY-MM-DD"));
      else
        adw_action_row_set_subtitle (slot->row, "");
    }

  if (source != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (slot->row), "field-prefilled");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (slot->row), "field-prefilled");

  self->syncing = TRUE;
  if (slot->entry != NULL && g_strcmp0 (gtk_editable_get_text (slot->entry), value) != 0)
    gtk_editable_set_text (slot->entry, value);
  if (slot->combo != NULL)
    {
      const char * const *choices = zc_form_field_get_choices (field);
      guint selected = 0;

      for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
        if (g_strcmp0 (choices[i], value) == 0)
          selected = i + 1;
      if (adw_combo_row_get_selected (slot->combo) != selected)
        adw_combo_row_set_selected (slot->combo, selected);
    }
  self->syncing = FALSE;
}

/* A field the chosen options do not ask for (e.g. 变更后企业名称 while the
 * change is of the address) is hidden; so is a party's group with no
 * field left to show. */
static void
field_slot_show (FieldSlot *slot)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (slot->row));
  GtkWidget *group = list != NULL ? gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_GROUP) : NULL;
  gboolean any = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (slot->row), zc_reception_field_get_applicable (slot->field));
  if (list == NULL || group == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL && !any;
       row = gtk_widget_get_next_sibling (row))
    any = gtk_widget_get_visible (row);
  gtk_widget_set_visible (group, any);
}

static void
field_notify_cb (ZcReceptionField *field,
                 GParamSpec       *pspec,
                 FieldSlot        *slot)
{
  ZcFormStep *self = g_object_get_data (G_OBJECT (slot->row), "step");

  /* another field's choice changes this one's applicability while the
   * page is busy writing that choice: show or hide it all the same */
  if (g_strcmp0 (g_param_spec_get_name (pspec), "applicable") == 0)
    {
      field_slot_show (slot);
      return;
    }
  if (self != NULL && !self->syncing)
    field_slot_update (self, slot);
}

/* The keys of the required fields shown and still empty, in form order */
static GPtrArray *
empty_required (ZcFormStep *self)
{
  GPtrArray *empty = g_ptr_array_new ();

  for (guint i = 0; i < self->field_slots->len; i++)
    {
      FieldSlot *slot = g_ptr_array_index (self->field_slots, i);
      ZcFormField *field = zc_reception_field_get_field (slot->field);

      if (zc_form_field_get_required (field) && gtk_widget_get_visible (GTK_WIDGET (slot->row)) &&
          zc_reception_field_get_value (slot->field)[0] == '\0')
        g_ptr_array_add (empty, slot);
    }
  return empty;
}

/* The note of empty required fields goes once they are all filled */
static void
update_required_label (ZcFormStep *self)
{
  g_autoptr(GPtrArray) empty = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->required_label)))
    return;
  empty = empty_required (self);
  if (empty->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->required_label), FALSE);
      g_clear_pointer (&self->told_empty, g_free);
    }
}

/* What the clerk typed can change other fields while the step writes it
 * (a date range's error moves to the field typed last, a choice shows
 * or hides fields): show them all as they are now */
static void
update_others (ZcFormStep *self,
               FieldSlot  *typed)
{
  for (guint i = 0; i < self->field_slots->len; i++)
    {
      FieldSlot *slot = g_ptr_array_index (self->field_slots, i);

      if (slot != typed)
        field_slot_update (self, slot);
    }
  update_required_label (self);
}

static void
field_entry_changed_cb (GtkEditable     *entry,
                        ZcFormStep      *self)
{
  FieldSlot *slot = g_object_get_data (G_OBJECT (entry), "slot");
  ZcFormField *field;

  if (self->syncing || slot == NULL || self->reception == NULL)
    return;
  field = zc_reception_field_get_field (slot->field);
  self->syncing = TRUE;
  zc_reception_set_value (self->reception, zc_form_field_get_key (field),
                          gtk_editable_get_text (entry), NULL);
  self->syncing = FALSE;
  field_slot_update (self, slot);
  update_others (self, slot);
}

static void
field_combo_changed_cb (AdwComboRow     *combo,
                        GParamSpec      *pspec,
                        ZcFormStep      *self)
{
  FieldSlot *slot = g_object_get_data (G_OBJECT (combo), "slot");
  ZcFormField *field;
  const char * const *choices;
  guint selected;
  const char *value = "";

  if (self->syncing || slot == NULL || self->reception == NULL)
    return;
  field = zc_reception_field_get_field (slot->field);
  choices = zc_form_field_get_choices (field);
  selected = adw_combo_row_get_selected (combo);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && choices != NULL
      && selected <= g_strv_length ((char **) choices))
    value = choices[selected - 1];
  self->syncing = TRUE;
  zc_reception_set_value (self->reception, zc_form_field_get_key (field), value, NULL);
  self->syncing = FALSE;
  field_slot_update (self, slot);
  update_others (self, slot);
}

/* Enter in a field goes to the next field; from the last, to the next step */
static void
move_on_from (ZcFormStep *self,
              FieldSlot  *slot)
{
  guint i;

  for (i = 0; i < self->field_slots->len; i++)
    if (g_ptr_array_index (self->field_slots, i) == slot)
      break;
  for (i = i + 1; i < self->field_slots->len; i++)
    {
      FieldSlot *next = g_ptr_array_index (self->field_slots, i);

      if (!gtk_widget_get_visible (GTK_WIDGET (next->row)))
        continue;
      if (next->entry != NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (next->entry));
          return;
        }
      if (next->combo != NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (next->combo));
          return;
        }
    }
  g_signal_emit (self, signals[DONE], 0);
}

static void
field_entry_activated_cb (GtkEditable     *entry,
                          ZcFormStep      *self)
{
  move_on_from (self, g_object_get_data (G_OBJECT (entry), "slot"));
}

/* Enter on a choice already made moves on as in an entry (the footer's
 * "Enter continues"); on a choice not yet made, and Space always, it
 * opens the list */
static gboolean
field_combo_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            ZcFormStep            *self)
{
  GtkWidget *combo = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint selected;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
      || (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  /* not the Enter that picks in the open list (its popover is the row's
   * child: its keys pass here first) */
  if (gtk_root_get_focus (gtk_widget_get_root (combo)) != combo)
    return GDK_EVENT_PROPAGATE;
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (combo));
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return GDK_EVENT_PROPAGATE;
  move_on_from (self, g_object_get_data (G_OBJECT (combo), "slot"));
  return GDK_EVENT_STOP;
}

/* The reception's fields grouped by the person each describes, as core
 * orders the catalogue (the case page shows the same order) */
static GPtrArray *
fields_by_person (ZcFormStep *self,
                  GListModel *fields)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) catalogue_order = NULL;
  GPtrArray *order = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      ZcReceptionField *rfield = g_list_model_get_item (fields, i);

      if (step_item (self) == NULL)
        g_ptr_array_add (order, rfield);
      else
        g_hash_table_insert (by_key, (gpointer) zc_form_field_get_key (zc_reception_field_get_field (rfield)), rfield);
    }
  if (step_item (self) == NULL)
    return order;
  catalogue_order = zc_catalogue_item_dup_fields_by_person (step_item (self));
  for (guint i = 0; i < catalogue_order->len; i++)
    {
      ZcReceptionField *rfield = g_hash_table_lookup (by_key, zc_form_field_get_key (g_ptr_array_index (catalogue_order, i)));

      if (rfield != NULL)
        g_ptr_array_add (order, g_object_ref (rfield));
    }
  return order;
}

void
zc_form_step_refresh (ZcFormStep *self)
{
  GListModel *fields;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = NULL;
  GtkWidget *child;
  g_autofree char *ratio = NULL;

  g_ptr_array_set_size (self->field_slots, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);
  if (self->reception == NULL)
    return;
  fields = zc_reception_get_fields (self->reception);

  /* the slots in the order shown, so that Enter and Tab agree */
  order = fields_by_person (self, fields);
  for (guint i = 0; i < order->len; i++)
    {
      ZcReceptionField *rfield = g_ptr_array_index (order, i);
      ZcFormField *field = zc_reception_field_get_field (rfield);
      const char *about = zc_form_field_get_about (field);
      FieldSlot *slot = g_new0 (FieldSlot, 1);
      GtkListBox *list = g_hash_table_lookup (groups, about);
      g_autofree char *title = NULL;

      if (list == NULL)
        {
          zc_ui_make_group (self->form_box, zc_ui_about_label (step_item (self), about), NULL, &list);
          g_hash_table_insert (groups, (gpointer) about, list);
        }

      slot->field = g_object_ref (rfield);
      if (zc_form_field_get_required (field))
        /* Translators: a required form field's label */
        title = g_strdup_printf (_("%s *"), zc_form_field_get_label (field));
      else
        title = g_strdup (zc_form_field_get_label (field));

      if (zc_form_field_get_field_type (field) == ZC_FIELD_CHOICE)
        {
          g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
          const char * const *choices = zc_form_field_get_choices (field);

          gtk_string_list_append (strings, _("(not chosen)"));
          for (guint c = 0; choices != NULL && choices[c] != NULL; c++)
            gtk_string_list_append (strings, choices[c]);
          slot->combo = ADW_COMBO_ROW (adw_combo_row_new ());
          adw_combo_row_set_model (slot->combo, G_LIST_MODEL (strings));
          slot->row = ADW_ACTION_ROW (slot->combo);
          zc_ui_return_focus_from_popover (GTK_WIDGET (slot->combo));
          g_object_set_data (G_OBJECT (slot->combo), "slot", slot);
          gtk_accessible_update_property (GTK_ACCESSIBLE (slot->combo),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, zc_form_field_get_label (field), -1);
        }
      else
        {
          GtkWidget *entry = gtk_entry_new ();
          GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;

          slot->row = ADW_ACTION_ROW (adw_action_row_new ());
          /* Tab goes from entry to entry, not to the row around each */
          gtk_widget_set_focusable (GTK_WIDGET (slot->row), FALSE);
          slot->entry = GTK_EDITABLE (entry);
          gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
          gtk_widget_set_hexpand (entry, TRUE);
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 22);
          switch (zc_form_field_get_field_type (field))
            {
            case ZC_FIELD_NUMBER: purpose = GTK_INPUT_PURPOSE_NUMBER; break;
            case ZC_FIELD_PHONE: purpose = GTK_INPUT_PURPOSE_PHONE; break;
            case ZC_FIELD_DATE:
              purpose = GTK_INPUT_PURPOSE_DIGITS;
              gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "YYYY-MM-DD");
              break;
            case ZC_FIELD_ID:
              purpose = GTK_INPUT_PURPOSE_FREE_FORM;
              gtk_entry_set_max_length (GTK_ENTRY (entry), 24);
              break;
            default: break;
            }
          gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, zc_form_field_get_label (field),
                                          GTK_ACCESSIBLE_PROPERTY_REQUIRED, zc_form_field_get_required (field),
                                          -1);
          g_object_set_data (G_OBJECT (entry), "slot", slot);
          adw_action_row_add_suffix (slot->row, entry);
          adw_action_row_set_activatable_widget (slot->row, entry);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->row), title);
      gtk_widget_set_name (GTK_WIDGET (slot->row), zc_form_field_get_key (field));
      g_object_set_data (G_OBJECT (slot->row), "step", self);
      gtk_list_box_append (list, GTK_WIDGET (slot->row));
      g_ptr_array_add (self->field_slots, slot);

      field_slot_update (self, slot);
      slot->notify_id = g_signal_connect (rfield, "notify", G_CALLBACK (field_notify_cb), slot);
      field_slot_show (slot);
      if (slot->entry != NULL)
        {
          g_signal_connect (slot->entry, "changed", G_CALLBACK (field_entry_changed_cb), self);
          g_signal_connect (slot->entry, "activate", G_CALLBACK (field_entry_activated_cb), self);
        }
      else
        {
          GtkEventController *keys = gtk_event_controller_key_new ();

          g_signal_connect (slot->combo, "notify::selected", G_CALLBACK (field_combo_changed_cb), self);
          gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
          g_signal_connect (keys, "key-pressed", G_CALLBACK (field_combo_key_pressed_cb), self);
          gtk_widget_add_controller (GTK_WIDGET (slot->combo), keys);
        }
    }

  ratio = g_strdup_printf (_("%.0f%% of the fields are prefilled from licences, earlier cases and rules; each shows where it came from and stays editable."),
                           100.0 * zc_reception_get_prefill_ratio (self->reception));
  gtk_label_set_text (self->prefill_label, ratio);
}

/* Whether the clerk was told of every field of @empty already (told:
 * "key\n" per field); fewer than told (a value typed or prefilled since)
 * counts as told too. */
static gboolean
told_all (const char *told,
          GPtrArray  *empty)
{
  g_autofree char *lines = NULL;

  if (told == NULL)
    return FALSE;
  lines = g_strconcat ("\n", told, NULL);
  for (guint i = 0; i < empty->len; i++)
    {
      FieldSlot *slot = g_ptr_array_index (empty, i);
      g_autofree char *line = g_strdup_printf ("\n%s\n",
                                               zc_form_field_get_key (zc_reception_field_get_field (slot->field)));

      if (strstr (lines, line) == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * zc_form_step_check_required:
 *
 * Before the clerk leaves the form: when required fields shown are still
 * empty, says so at the top of the form (how many, which) and focuses the
 * first of them, and returns FALSE. Asked again with the same fields (or
 * some of them) still empty, returns TRUE: the clerk has been told and may go on (the confirm
 * step lists them; receiving waits for them, a notice or a refusal does not).
 *
 * Returns: whether the clerk may leave the form now
 */
gboolean
zc_form_step_check_required (ZcFormStep *self)
{
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *text = NULL;
  FieldSlot *first;

  g_return_val_if_fail (ZC_IS_FORM_STEP (self), TRUE);

  empty = empty_required (self);
  if (empty->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->required_label), FALSE);
      g_clear_pointer (&self->told_empty, g_free);
      return TRUE;
    }
  for (guint i = 0; i < empty->len; i++)
    {
      FieldSlot *slot = g_ptr_array_index (empty, i);
      ZcFormField *field = zc_reception_field_get_field (slot->field);

      g_string_append_printf (keys, "%s\n", zc_form_field_get_key (field));
      if (i < 5)
        /* Translators: the separator between field labels in a list */
        g_string_append_printf (labels, "%s%s", i > 0 ? _(", ") : "", zc_form_field_get_label (field));
    }
  if (empty->len > 5)
    g_string_append (labels, "…");
  if (told_all (self->told_empty, empty))
    return TRUE;

  g_free (self->told_empty);
  self->told_empty = g_strdup (keys->str);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %u required fields, %s their labels */
                                       "%u required field is empty (%s). Fill it in, or press Next again to go on without it: the case cannot be received until it is filled in.",
                                       "%u required fields are empty (%s). Fill them in, or press Next again to go on without them: the case cannot be received until they are filled in.",
                                       empty->len),
                          empty->len, labels->str);
  gtk_label_set_text (self->required_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->required_label), TRUE);
  first = g_ptr_array_index (empty, 0);
  gtk_widget_grab_focus (first->entry != NULL ? GTK_WIDGET (first->entry) : GTK_WIDGET (first->combo));
  return FALSE;
}

/**
 * zc_form_step_focus_field:
 * @key: a field's key
 *
 * Focuses the field's entry or choice (shown and scrolled to).
 *
 * Returns: whether the form has that field, shown
 */
gboolean
zc_form_step_focus_field (ZcFormStep *self,
                          const char *key)
{
  g_return_val_if_fail (ZC_IS_FORM_STEP (self), FALSE);

  for (guint i = 0; key != NULL && i < self->field_slots->len; i++)
    {
      FieldSlot *slot = g_ptr_array_index (self->field_slots, i);

      if (g_str_equal (zc_form_field_get_key (zc_reception_field_get_field (slot->field)), key))
        return gtk_widget_get_visible (GTK_WIDGET (slot->row)) &&
               gtk_widget_grab_focus (slot->entry != NULL ? GTK_WIDGET (slot->entry) : GTK_WIDGET (slot->combo));
    }
  return FALSE;
}

/* the first field nobody has answered yet */
static gboolean
zc_form_step_grab_focus (GtkWidget *widget)
{
  ZcFormStep *self = ZC_FORM_STEP (widget);

  for (guint i = 0; i < self->field_slots->len; i++)
    {
      FieldSlot *slot = g_ptr_array_index (self->field_slots, i);

      if (zc_reception_field_get_value (slot->field)[0] == '\0')
        return gtk_widget_grab_focus (slot->entry != NULL ? GTK_WIDGET (slot->entry) : GTK_WIDGET (slot->combo));
    }
  return FALSE;
}

static void
zc_form_step_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RECEPTION:
      g_value_set_object (value, ZC_FORM_STEP (object)->reception);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_form_step_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_RECEPTION:
      zc_form_step_set_reception (ZC_FORM_STEP (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_form_step_dispose (GObject *object)
{
  ZcFormStep *self = ZC_FORM_STEP (object);

  if (self->field_slots != NULL)
    g_ptr_array_set_size (self->field_slots, 0);
  g_clear_object (&self->reception);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_FORM_STEP);

  G_OBJECT_CLASS (zc_form_step_parent_class)->dispose (object);
}

static void
zc_form_step_finalize (GObject *object)
{
  g_clear_pointer (&ZC_FORM_STEP (object)->field_slots, g_ptr_array_unref);
  g_clear_pointer (&ZC_FORM_STEP (object)->told_empty, g_free);

  G_OBJECT_CLASS (zc_form_step_parent_class)->finalize (object);
}

static void
zc_form_step_class_init (ZcFormStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->get_property = zc_form_step_get_property;
  object_class->set_property = zc_form_step_set_property;
  object_class->dispose = zc_form_step_dispose;
  object_class->finalize = zc_form_step_finalize;
  widget_class->grab_focus = zc_form_step_grab_focus;

  properties[PROP_RECEPTION] =
    g_param_spec_object ("reception", NULL, NULL, ZC_TYPE_RECEPTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-form-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcFormStep, required_label);
  gtk_widget_class_bind_template_child (widget_class, ZcFormStep, prefill_label);
  gtk_widget_class_bind_template_child (widget_class, ZcFormStep, form_box);
}

static void
zc_form_step_init (ZcFormStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->field_slots = g_ptr_array_new_with_free_func (field_slot_free);
}

/* A new reception starts with an empty form; its rows are made by
 * zc_form_step_refresh() when the step is shown */
void
zc_form_step_set_reception (ZcFormStep  *self,
                            ZcReception *reception)
{
  GtkWidget *child;

  g_return_if_fail (ZC_IS_FORM_STEP (self));

  if (self->reception == reception)
    return;
  g_ptr_array_set_size (self->field_slots, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->required_label), FALSE);
  g_clear_pointer (&self->told_empty, g_free);
  g_set_object (&self->reception, reception);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEPTION]);
}

ZcReception *
zc_form_step_get_reception (ZcFormStep *self)
{
  g_return_val_if_fail (ZC_IS_FORM_STEP (self), NULL);

  return self->reception;
}
