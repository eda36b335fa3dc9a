/* zc-parties-step.c — the parties the item needs besides the applicant
 *
 * One entry row per role the chosen sub-matters need (zc_reception_dup_
 * needed_parties), prefilled with a known party of the applicant or the
 * applicant themself where they usually are that party. A key is looked
 * up in the licence library as typed (Enter) and the party set on the
 * reception; who it names, or what is wrong with it, shows inside the
 * row. Enter moves from key to key, and from the last emits "done".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"
#include "zc-id.h"
#include "zc-platform-error.h"

#include "zc-parties-step.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

typedef struct
{
  char             *role;
  AdwEntryRow      *row;
  GtkLabel         *error_label;   /* in the entry row, after the key */
  GtkLabel         *result_label;  /* in the entry row: who the key names */
  GtkSpinner       *spinner;
  GCancellable     *cancellable;
  ZcApplicant      *party;
} PartySlot;

struct _ZcPartiesStep
{
  AdwBin       parent_instance;

  /* template widgets */
  GtkListBox  *parties_list;

  /* owned */
  ZcReception *reception;
  ZcClient    *client;
  GPtrArray   *party_slots;      /* PartySlot */
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (ZcPartiesStep, zc_parties_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECEPTION,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
party_slot_free (gpointer data)
{
  PartySlot *slot = data;

  if (slot->cancellable != NULL)
    g_cancellable_cancel (slot->cancellable);
  g_clear_object (&slot->cancellable);
  g_clear_object (&slot->party);
  g_free (slot->role);
  g_free (slot);
}

static ZcApplicant *
step_applicant (ZcPartiesStep *self)
{
  return self->reception != NULL ? zc_reception_get_applicant (self->reception) : NULL;
}

static ZcCatalogueItem *
step_item (ZcPartiesStep *self)
{
  return self->reception != NULL ? zc_reception_get_item (self->reception) : NULL;
}

static void zc_parties_step_fetch_party (ZcPartiesStep *self, PartySlot *slot);

gboolean
zc_parties_step_get_ready (ZcPartiesStep *self)
{
  for (guint i = 0; i < self->party_slots->len; i++)
    {
      PartySlot *slot = g_ptr_array_index (self->party_slots, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (slot->row));

      if (text[0] != '\0' && slot->party == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
party_show (ZcPartiesStep   *self,
            PartySlot       *slot)
{
  if (slot->party == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (slot->result_label), FALSE);
      return;
    }
  {
    GListModel *licences = zc_applicant_get_licences (slot->party);
    guint n = licences != NULL ? g_list_model_get_n_items (licences) : 0;
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u licence",
                                                              "%s · %u licences", n),
                                                 zc_ui_kind_label (zc_applicant_get_kind (slot->party)), n);
    g_autofree char *text = g_strdup_printf ("%s · %s", zc_applicant_get_name (slot->party), subtitle);

    gtk_label_set_text (slot->result_label, text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (slot->result_label), text);
    gtk_widget_set_visible (GTK_WIDGET (slot->result_label), TRUE);
  }
}

typedef struct
{
  ZcPartiesStep   *self;
  PartySlot       *slot;
} PartyFetch;

static void
get_party_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PartyFetch *fetch = user_data;
  g_autoptr(ZcPartiesStep) self = fetch->self;
  PartySlot *slot = fetch->slot;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcApplicant) party = NULL;

  g_free (fetch);
  party = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (slot->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (slot->spinner), FALSE);

  if (party == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND))
        message = g_strdup (_("The licence library has no such person or enterprise"));
      else
        message = zc_platform_error_to_user_message (error);
      gtk_label_set_text (slot->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (slot->error_label), TRUE);
      return;
    }

  g_set_object (&slot->party, party);
  if (self->reception != NULL)
    zc_reception_set_party (self->reception, slot->role, party);
  party_show (self, slot);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
zc_parties_step_fetch_party (ZcPartiesStep   *self,
                               PartySlot       *slot)
{
  g_autofree char *key = zc_id_normalize (gtk_editable_get_text (GTK_EDITABLE (slot->row)));
  g_autoptr(GError) error = NULL;
  PartyFetch *fetch;
  GDate today;

  zc_ui_today (&today);

  if (slot->cancellable != NULL)
    g_cancellable_cancel (slot->cancellable);
  g_clear_object (&slot->cancellable);

  if (key[0] == '\0')
    {
      g_clear_object (&slot->party);
      if (self->reception != NULL)
        zc_reception_set_party (self->reception, slot->role, NULL);
      gtk_widget_set_visible (GTK_WIDGET (slot->error_label), FALSE);
      party_show (self, slot);
      return;
    }

  if (zc_applicant_key_kind (key, &today, &error) == NULL)
    {
      gtk_label_set_text (slot->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (slot->error_label), TRUE);
      return;
    }
  if (slot->party != NULL && g_strcmp0 (zc_applicant_get_key (slot->party), key) == 0)
    return;

  /* the applicant names themself */
  if (step_applicant (self) != NULL && g_strcmp0 (zc_applicant_get_key (step_applicant (self)), key) == 0)
    {
      g_set_object (&slot->party, step_applicant (self));
      if (self->reception != NULL)
        zc_reception_set_party (self->reception, slot->role, step_applicant (self));
      gtk_widget_set_visible (GTK_WIDGET (slot->error_label), FALSE);
      party_show (self, slot);
      return;
    }

  g_clear_object (&slot->party);
  gtk_widget_set_visible (GTK_WIDGET (slot->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (slot->spinner), TRUE);
  gtk_spinner_set_spinning (slot->spinner, TRUE);
  slot->cancellable = g_cancellable_new ();
  fetch = g_new0 (PartyFetch, 1);
  fetch->self = g_object_ref (self);
  fetch->slot = slot;
  zc_client_get_applicant_async (self->client, key, slot->cancellable, get_party_cb, fetch);
}

static void
party_changed_cb (AdwEntryRow     *row,
                  ZcPartiesStep   *self)
{
  PartySlot *slot = g_object_get_data (G_OBJECT (row), "slot");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *normalized = zc_id_normalize (text);
  g_autoptr(GError) error = NULL;
  GDate today;

  if (self->syncing || slot == NULL)
    return;
  if (g_strcmp0 (normalized, text) != 0)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (row), normalized);
      gtk_editable_set_position (GTK_EDITABLE (row), -1);
      self->syncing = FALSE;
    }

  zc_ui_today (&today);
  if (slot->party != NULL && g_strcmp0 (zc_applicant_get_key (slot->party), normalized) != 0)
    {
      g_clear_object (&slot->party);
      if (self->reception != NULL)
        zc_reception_set_party (self->reception, slot->role, NULL);
      party_show (self, slot);
    }

  if (normalized[0] == '\0'
      || (strlen (normalized) < 18 && !g_utf8_validate (normalized, -1, NULL))
      || strlen (normalized) < 18
      || zc_applicant_key_kind (normalized, &today, &error) != NULL)
    gtk_widget_set_visible (GTK_WIDGET (slot->error_label), FALSE);
  else
    {
      gtk_label_set_text (slot->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (slot->error_label), TRUE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
party_activated_cb (AdwEntryRow     *row,
                    ZcPartiesStep   *self)
{
  PartySlot *slot = g_object_get_data (G_OBJECT (row), "slot");
  guint i;

  if (slot == NULL)
    return;
  zc_parties_step_fetch_party (self, slot);

  /* Enter moves on to the next party, and from the last to the form */
  for (i = 0; i < self->party_slots->len; i++)
    if (g_ptr_array_index (self->party_slots, i) == slot)
      break;
  if (i + 1 < self->party_slots->len)
    {
      PartySlot *next = g_ptr_array_index (self->party_slots, i + 1);

      gtk_widget_grab_focus (GTK_WIDGET (next->row));
    }
  else if (zc_parties_step_get_ready (self))
    g_signal_emit (self, signals[DONE], 0);
}

/* The key to suggest for a role: a known party of the applicant, or the
 * applicant themself where they usually are that party. */
static const char *
suggested_party_key (ZcPartiesStep   *self,
                     const char      *role)
{
  const char *key = zc_applicant_get_party_key (step_applicant (self), role);
  const char *own = zc_applicant_get_key (step_applicant (self));

  if (key != NULL)
    return key;
  if (g_strcmp0 (zc_applicant_get_kind (step_applicant (self)), "person") != 0)
    return NULL;
  if (g_str_equal (role, "legal_representative"))
    return own;
  if (g_str_equal (role, "mother") && strlen (own) == 18 && !zc_resident_id_is_male (own))
    return own;
  if (g_str_equal (role, "father") && strlen (own) == 18 && zc_resident_id_is_male (own))
    return own;
  return NULL;
}

void
zc_parties_step_refresh (ZcPartiesStep *self)
{
  g_auto(GStrv) roles = zc_reception_dup_needed_parties (self->reception);
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->party_slots);

  self->party_slots = g_ptr_array_new_with_free_func (party_slot_free);
  zc_ui_clear_list (self->parties_list);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      PartySlot *slot = g_new0 (PartySlot, 1);
      PartySlot *previous = NULL;
      ZcApplicant *named;
      const char *key;

      for (guint j = 0; j < old->len; j++)
        if (g_str_equal (((PartySlot *) g_ptr_array_index (old, j))->role, roles[i]))
          previous = g_ptr_array_index (old, j);

      slot->role = g_strdup (roles[i]);
      slot->row = ADW_ENTRY_ROW (adw_entry_row_new ());
      if (zc_reception_party_is_optional (roles[i]))
        {
          /* Translators: a party role that may be left empty, e.g. 代理人（可不填） */
          g_autofree char *t = g_strdup_printf (_("%s (optional)"), zc_ui_party_label (step_item (self), roles[i]));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->row), t);
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->row), zc_ui_party_label (step_item (self), roles[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot->row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, zc_ui_party_label (step_item (self), roles[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("ID number or unified social credit code of this party; leave empty if there is none"),
                                      -1);
      slot->spinner = GTK_SPINNER (gtk_spinner_new ());
      gtk_widget_set_visible (GTK_WIDGET (slot->spinner), FALSE);
      adw_entry_row_add_suffix (slot->row, GTK_WIDGET (slot->spinner));
      g_object_set_data (G_OBJECT (slot->row), "slot", slot);

      named = zc_reception_get_party (self->reception, roles[i]);
      key = named != NULL ? zc_applicant_get_key (named) : suggested_party_key (self, roles[i]);
      if (previous != NULL && previous->party != NULL)
        slot->party = g_object_ref (previous->party);
      else if (named != NULL)
        slot->party = g_object_ref (named);
      if (slot->party != NULL)
        key = zc_applicant_get_key (slot->party);

      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (slot->row), key != NULL ? key : "");
      self->syncing = FALSE;
      g_signal_connect (slot->row, "changed", G_CALLBACK (party_changed_cb), self);
      g_signal_connect (slot->row, "entry-activated", G_CALLBACK (party_activated_cb), self);
      gtk_list_box_append (self->parties_list, GTK_WIDGET (slot->row));

      /* who the key names, or what is wrong with it, inside the row: the
       * list holds only the entry rows, so that Tab goes from key to key
       * (a row of its own for them took the focus or, hidden, made Tab
       * leave the list) */
      slot->error_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (slot->error_label, 1);
      gtk_label_set_wrap (slot->error_label, TRUE);
      gtk_label_set_max_width_chars (slot->error_label, 32);
      gtk_widget_add_css_class (GTK_WIDGET (slot->error_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (slot->error_label), FALSE);
      adw_entry_row_add_suffix (slot->row, GTK_WIDGET (slot->error_label));
      slot->result_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_ellipsize (slot->result_label, PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (slot->result_label, 28);
      gtk_widget_add_css_class (GTK_WIDGET (slot->result_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (slot->result_label), "party-result");
      gtk_widget_set_visible (GTK_WIDGET (slot->result_label), FALSE);
      adw_entry_row_add_suffix (slot->row, GTK_WIDGET (slot->result_label));

      g_ptr_array_add (self->party_slots, slot);
      party_show (self, slot);
      if (slot->party != NULL && zc_reception_get_party (self->reception, roles[i]) != slot->party)
        zc_reception_set_party (self->reception, roles[i], slot->party);
    }

  /* what is prefilled is fetched at once */
  for (guint i = 0; i < self->party_slots->len; i++)
    {
      PartySlot *slot = g_ptr_array_index (self->party_slots, i);

      if (slot->party == NULL && gtk_editable_get_text (GTK_EDITABLE (slot->row))[0] != '\0')
        zc_parties_step_fetch_party (self, slot);
    }
}

static gboolean
zc_parties_step_grab_focus (GtkWidget *widget)
{
  ZcPartiesStep *self = ZC_PARTIES_STEP (widget);

  if (self->party_slots->len == 0)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (((PartySlot *) g_ptr_array_index (self->party_slots, 0))->row));
}

static void
zc_parties_step_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZcPartiesStep *self = ZC_PARTIES_STEP (object);

  switch (prop_id)
    {
    case PROP_RECEPTION:
      g_value_set_object (value, self->reception);
      break;
    case PROP_READY:
      g_value_set_boolean (value, zc_parties_step_get_ready (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_parties_step_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_RECEPTION:
      zc_parties_step_set_reception (ZC_PARTIES_STEP (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_parties_step_dispose (GObject *object)
{
  ZcPartiesStep *self = ZC_PARTIES_STEP (object);

  if (self->party_slots != NULL)
    g_ptr_array_set_size (self->party_slots, 0);
  g_clear_object (&self->reception);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_PARTIES_STEP);

  G_OBJECT_CLASS (zc_parties_step_parent_class)->dispose (object);
}

static void
zc_parties_step_finalize (GObject *object)
{
  g_clear_pointer (&ZC_PARTIES_STEP (object)->party_slots, g_ptr_array_unref);

  G_OBJECT_CLASS (zc_parties_step_parent_class)->finalize (object);
}

static void
zc_parties_step_class_init (ZcPartiesStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->get_property = zc_parties_step_get_property;
  object_class->set_property = zc_parties_step_set_property;
  object_class->dispose = zc_parties_step_dispose;
  object_class->finalize = zc_parties_step_finalize;
  widget_class->grab_focus = zc_parties_step_grab_focus;

  properties[PROP_RECEPTION] =
    g_param_spec_object ("reception", NULL, NULL, ZC_TYPE_RECEPTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-parties-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcPartiesStep, parties_list);
}

static void
zc_parties_step_init (ZcPartiesStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->party_slots = g_ptr_array_new_with_free_func (party_slot_free);
}

void
zc_parties_step_set_client (ZcPartiesStep *self,
                            ZcClient      *client)
{
  g_return_if_fail (ZC_IS_PARTIES_STEP (self));

  g_set_object (&self->client, client);
}

/* A new reception starts with no rows (lookups of the last one stop);
 * they are made by zc_parties_step_refresh() when the step is shown */
void
zc_parties_step_set_reception (ZcPartiesStep *self,
                               ZcReception   *reception)
{
  g_return_if_fail (ZC_IS_PARTIES_STEP (self));

  if (self->reception == reception)
    return;
  g_ptr_array_set_size (self->party_slots, 0);
  zc_ui_clear_list (self->parties_list);
  g_set_object (&self->reception, reception);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEPTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

ZcReception *
zc_parties_step_get_reception (ZcPartiesStep *self)
{
  g_return_val_if_fail (ZC_IS_PARTIES_STEP (self), NULL);

  return self->reception;
}
