/* zc-applicant-step.c — who is applying
 *
 * The key (身份证号 or 统一社会信用代码) is normalised and checked as typed
 * (full-width digits, lowercase x, spaces and hyphens are fixed); a
 * credit code whose only fault is its check digit may be used anyway
 * with a reason for the supervisor. Enter looks the key up in the
 * licence library ("lookup-started"); the applicant is shown on a card
 * (name, masked ID number, age on the reception date, the ID photo of
 * the licence library) with their licences and known parties, and the
 * clerk confirms it with Enter or 确认申请人 ("applicant-chosen").
 * When the platform cannot be reached, the clerk may type the name by
 * hand: the applicant is then chosen at once and marked unverified
 * (docs/domain.md, rule 8: the licence library checks it when the
 * platform is back). The drafts saved on this computer are offered above.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"
#include "zc-id.h"
#include "zc-mask.h"
#include "zc-platform-error.h"

#include "zc-applicant-step.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

struct _ZcApplicantStep
{
  AdwBin               parent_instance;

  /* template widgets */
  ZcDraftsList        *drafts;
  AdwEntryRow         *key_row;
  GtkLabel            *key_error_label;
  GtkBox              *override_box;
  GtkCheckButton      *override_check;
  AdwEntryRow         *override_reason_row;
  GtkSpinner          *key_spinner;
  GtkButton           *key_cancel_button;
  GtkButton           *manual_button;
  AdwPreferencesGroup *manual_group;
  AdwEntryRow         *manual_name_row;
  AdwPreferencesGroup *applicant_group;
  GtkImage            *photo_placeholder;
  GtkPicture          *photo_picture;
  GtkLabel            *name_label;
  GtkLabel            *id_label;
  GtkLabel            *age_label;
  GtkLabel            *unverified_label;
  GtkButton           *confirm_button;
  AdwPreferencesGroup *licences_group;
  GtkListBox          *licences_list;
  AdwPreferencesGroup *known_parties_group;
  GtkListBox          *known_parties_list;

  /* owned */
  ZcClient            *client;
  GCancellable        *fetch_cancellable;
  GCancellable        *photo_cancellable;
  ZcApplicant         *applicant;
  char                *override_reason;
  gboolean             syncing;
  gboolean             unverified;      /* typed by hand, not looked up */
};

G_DEFINE_FINAL_TYPE (ZcApplicantStep, zc_applicant_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_APPLICANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOOKUP_STARTED,
  APPLICANT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The applicant's known parties carry roles of the platform */
static const char *
known_role_label (const char *role)
{
  static const struct { const char *role; const char *label; } roles[] = {
    { "spouse", N_("Spouse") },
    { "legal_representative", N_("Legal representative") },
    { "mother", N_("Mother") },
    { "father", N_("Father") },
    { "household_head", N_("Head of household") },
    { "staff", N_("Staff") },
    { "agent", N_("Agent") },
    { "premises_owner", N_("Premises owner") },
    { "child", N_("Child") },
    { "safety_manager", N_("Safety manager") },
    { "newborn", N_("Newborn") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].role, role) == 0)
      return _(roles[i].label);
  return role;
}

/* Normalises what is typed and says at once what is wrong with it.
 * Returns the normalised key when it may be looked up. */
static char *
zc_applicant_step_check_key (ZcApplicantStep *self,
                             gboolean         show_empty)
{
  g_autofree char *key = zc_id_normalize (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  g_autoptr(GError) error = NULL;
  gboolean override_possible;
  GDate today;

  zc_ui_today (&today);

  if (key[0] == '\0' && !show_empty)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->override_box), FALSE);
      return NULL;
    }

  if (zc_applicant_key_kind (key, &today, &error) != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->override_box), FALSE);
      return g_steal_pointer (&key);
    }

  /* a partly typed key: only its length is wrong so far */
  if (!show_empty && g_error_matches (error, ZC_ID_ERROR, ZC_ID_ERROR_LENGTH) && strlen (key) < 18)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->override_box), FALSE);
      return NULL;
    }

  gtk_label_set_text (self->key_error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");

  override_possible = zc_applicant_key_may_override (key, &today);
  gtk_widget_set_visible (GTK_WIDGET (self->override_box), override_possible);
  if (override_possible && gtk_check_button_get_active (self->override_check))
    {
      g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->override_reason_row))));

      if (reason[0] != '\0')
        return g_steal_pointer (&key);
    }

  return NULL;
}

static void
key_changed_cb (ZcApplicantStep *self)
{
  const char *text;
  g_autofree char *normalized = NULL;
  g_autofree char *key = NULL;

  if (self->syncing)
    return;

  /* full-width digits, lowercase x, spaces and hyphens are fixed as typed */
  text = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  normalized = zc_id_normalize (text);
  if (g_strcmp0 (normalized, text) != 0)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), normalized);
      gtk_editable_set_position (GTK_EDITABLE (self->key_row), -1);
      self->syncing = FALSE;
    }

  key = zc_applicant_step_check_key (self, FALSE);
}

static void
photo_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZcApplicantStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  bytes = zc_client_get_licence_photo_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      /* the card says so: the clerk compares without it */
      g_debug ("No ID photo: %s", error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->photo_placeholder),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No ID photo"), -1);
      return;
    }
  gtk_picture_set_paintable (self->photo_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo_picture), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_placeholder), FALSE);
}

/* The ID photo of the applicant's identity card, fetched from the
 * licence library */
static void
zc_applicant_step_fetch_photo (ZcApplicantStep *self)
{
  GListModel *licences = zc_applicant_get_licences (self->applicant);
  GDate today;

  if (self->photo_cancellable != NULL)
    g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
  gtk_picture_set_paintable (self->photo_picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_picture), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_placeholder), TRUE);
  if (self->client == NULL || licences == NULL)
    return;

  zc_ui_today (&today);
  for (guint i = 0; i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(ZcLicence) licence = g_list_model_get_item (licences, i);

      if (g_strcmp0 (zc_licence_get_licence_type (licence), "id_card") != 0
          || !zc_licence_get_has_photo (licence))
        continue;
      self->photo_cancellable = g_cancellable_new ();
      zc_client_get_licence_photo_async (self->client, zc_licence_get_number (licence),
                                         self->photo_cancellable, photo_cb, g_object_ref (self));
      return;
    }
}

static void
zc_applicant_step_show_applicant (ZcApplicantStep *self)
{
  ZcApplicant *a = self->applicant;
  gboolean person = g_strcmp0 (zc_applicant_get_kind (a), "person") == 0;
  g_autofree char *masked_key = zc_mask_id (zc_applicant_get_key (a));
  g_autofree char *id_text = NULL;
  GListModel *licences;
  JsonArray *parties;
  GDate today;

  zc_ui_today (&today);

  /* the card: what the clerk compares with the person and the document */
  gtk_label_set_text (self->name_label, zc_applicant_get_name (a));
  id_text = person
    /* Translators: on the applicant's card, e.g. 身份证号 3401**********1234 */
    ? g_strdup_printf (_("ID number %s"), masked_key)
    /* Translators: on the applicant's card, e.g. 统一社会信用代码 91************0Y43 */
    : g_strdup_printf (_("Credit code %s"), masked_key);
  gtk_label_set_text (self->id_label, id_text);
  if (person)
    {
      int age = zc_resident_id_get_age (zc_applicant_get_key (a), &today);
      g_autofree char *age_text = age >= 0
        /* Translators: the applicant's age on the reception date, e.g. 年龄：34 岁 */
        ? g_strdup_printf (_("Age: %d"), age)
        : g_strdup (_("Age unknown"));

      gtk_label_set_text (self->age_label, age_text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->age_label), person);
  /* an enterprise has no photo: its card is the name and the code */
  gtk_widget_set_visible (GTK_WIDGET (self->photo_placeholder), person);
  gtk_widget_set_visible (GTK_WIDGET (self->unverified_label), self->unverified);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), !self->unverified);
  gtk_widget_set_visible (GTK_WIDGET (self->applicant_group), TRUE);
  if (person && !self->unverified)
    zc_applicant_step_fetch_photo (self);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->photo_picture), FALSE);

  zc_ui_clear_list (self->licences_list);
  licences = zc_applicant_get_licences (a);
  for (guint i = 0; licences != NULL && i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(ZcLicence) licence = g_list_model_get_item (licences, i);
      g_autofree char *masked = zc_mask_licence_number (zc_licence_get_licence_type (licence),
                                                        zc_licence_get_number (licence));
      GtkWidget *row = adw_action_row_new ();
      const char *state, *css;

      if (zc_licence_get_revoked (licence))
        state = _("Revoked"), css = "licence-revoked";
      else if (zc_licence_is_valid_on (licence, &today))
        state = _("Valid"), css = "licence-valid";
      else
        state = _("Expired"), css = "licence-expired";

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     zc_licence_type_label (zc_licence_get_licence_type (licence)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), masked);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_ui_make_pill (state, css));
      gtk_list_box_append (self->licences_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->licences_group),
                          licences != NULL && g_list_model_get_n_items (licences) > 0);

  zc_ui_clear_list (self->known_parties_list);
  parties = zc_applicant_get_parties (a);
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonNode *node = json_array_get_element (parties, i);
      JsonObject *p;
      GtkWidget *row;
      g_autofree char *title = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      p = json_node_get_object (node);
      row = adw_action_row_new ();
      title = g_strdup_printf ("%s", json_object_get_string_member_with_default (p, "name", ""));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      {
        g_autofree char *party_key = zc_mask_id (json_object_get_string_member_with_default (p, "key", ""));

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), party_key);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 zc_ui_make_pill (known_role_label (json_object_get_string_member_with_default (p, "role", "")),
                                            NULL));
      gtk_list_box_append (self->known_parties_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->known_parties_group),
                          parties != NULL && json_array_get_length (parties) > 0);
}

static void
get_applicant_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcApplicantStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;

  applicant = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->key_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_cancel_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), TRUE);

  if (applicant == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND))
        message = g_strdup (_("The licence library has no such applicant"));
      else
        message = zc_platform_error_to_user_message (error);
      gtk_label_set_text (self->key_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), TRUE);
      /* the platform is away: the details may be typed by hand */
      if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->manual_button), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->manual_button));
        }
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  /* shown to be confirmed: Enter (on 确认申请人 or the key) goes on */
  self->unverified = FALSE;
  g_set_object (&self->applicant, applicant);
  zc_applicant_step_show_applicant (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICANT]);
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
}

/**
 * zc_applicant_step_confirm:
 *
 * The applicant shown is the one at the counter: "applicant-chosen".
 */
void
zc_applicant_step_confirm (ZcApplicantStep *self)
{
  g_return_if_fail (ZC_IS_APPLICANT_STEP (self));

  if (self->applicant != NULL)
    g_signal_emit (self, signals[APPLICANT_CHOSEN], 0, self->applicant);
}

static void
manual_clicked_cb (ZcApplicantStep *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->manual_name_row));
}

/* The name typed by hand with the key typed above: the applicant,
 * unverified, chosen at once (the clerk has just read both from the
 * document) */
static void
manual_confirm_cb (ZcApplicantStep *self)
{
  g_autofree char *key = zc_applicant_step_check_key (self, TRUE);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->manual_name_row))));
  g_autoptr(ZcApplicant) applicant = NULL;
  GDate today;

  if (key == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }
  if (name[0] == '\0' || g_utf8_strlen (name, -1) > 50)
    {
      gtk_label_set_text (self->key_error_label,
                          name[0] == '\0' ? _("Type the applicant’s name as on the ID document")
                                          : _("The name is longer than 50 characters"));
      gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->manual_name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->manual_name_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->manual_name_row), "error");

  zc_ui_today (&today);
  applicant = zc_applicant_new_typed (key, &today, name);
  g_assert (applicant != NULL);   /* key checked, name not empty */

  g_clear_pointer (&self->override_reason, g_free);
  if (self->applicant != NULL)
    g_signal_emit (self, signals[LOOKUP_STARTED], 0);
  self->unverified = TRUE;
  g_set_object (&self->applicant, applicant);
  gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->licences_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->known_parties_group), FALSE);
  zc_applicant_step_show_applicant (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICANT]);
  g_signal_emit (self, signals[APPLICANT_CHOSEN], 0, applicant);
}

void
zc_applicant_step_lookup (ZcApplicantStep *self)
{
  g_autofree char *key = NULL;

  if (self->client == NULL)
    return;

  key = zc_applicant_step_check_key (self, TRUE);
  if (key == NULL)
    {
      gtk_widget_grab_focus (gtk_widget_get_visible (GTK_WIDGET (self->override_box))
                             && gtk_check_button_get_active (self->override_check)
                             ? GTK_WIDGET (self->override_reason_row)
                             : GTK_WIDGET (self->key_row));
      return;
    }

  /* the same applicant again: keep what was chosen */
  if (self->applicant != NULL && g_strcmp0 (zc_applicant_get_key (self->applicant), key) == 0)
    {
      g_signal_emit (self, signals[APPLICANT_CHOSEN], 0, self->applicant);
      return;
    }

  g_clear_pointer (&self->override_reason, g_free);
  if (gtk_widget_get_visible (GTK_WIDGET (self->override_box))
      && gtk_check_button_get_active (self->override_check))
    self->override_reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->override_reason_row))));

  /* a new applicant starts a new reception */
  if (self->applicant != NULL)
    {
      g_clear_object (&self->applicant);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICANT]);
    }
  g_signal_emit (self, signals[LOOKUP_STARTED], 0);
  self->unverified = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->manual_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->applicant_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->licences_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->known_parties_group), FALSE);

  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetch_cancellable = g_cancellable_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), TRUE);
  gtk_spinner_set_spinning (self->key_spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_cancel_button), TRUE);
  zc_client_get_applicant_async (self->client, key, self->fetch_cancellable,
                                 get_applicant_cb, g_object_ref (self));
}


static void
key_cancel_cb (ZcApplicantStep *self)
{
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  gtk_spinner_set_spinning (self->key_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_cancel_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
override_toggled_cb (ZcApplicantStep *self)
{
  gboolean active = gtk_check_button_get_active (self->override_check);

  gtk_widget_set_visible (GTK_WIDGET (self->override_reason_row), active);
  if (active)
    gtk_widget_grab_focus (GTK_WIDGET (self->override_reason_row));
}

static gboolean
zc_applicant_step_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ZC_APPLICANT_STEP (widget)->key_row));
}

static void
zc_applicant_step_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_APPLICANT:
      g_value_set_object (value, ZC_APPLICANT_STEP (object)->applicant);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_applicant_step_dispose (GObject *object)
{
  ZcApplicantStep *self = ZC_APPLICANT_STEP (object);

  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  if (self->photo_cancellable != NULL)
    g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->applicant);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_APPLICANT_STEP);

  G_OBJECT_CLASS (zc_applicant_step_parent_class)->dispose (object);
}

static void
zc_applicant_step_finalize (GObject *object)
{
  g_free (ZC_APPLICANT_STEP (object)->override_reason);

  G_OBJECT_CLASS (zc_applicant_step_parent_class)->finalize (object);
}

static void
zc_applicant_step_class_init (ZcApplicantStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();
  g_type_ensure (ZC_TYPE_DRAFTS_LIST);

  object_class->get_property = zc_applicant_step_get_property;
  object_class->dispose = zc_applicant_step_dispose;
  object_class->finalize = zc_applicant_step_finalize;
  widget_class->grab_focus = zc_applicant_step_grab_focus;

  properties[PROP_APPLICANT] =
    g_param_spec_object ("applicant", NULL, NULL, ZC_TYPE_APPLICANT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOOKUP_STARTED] =
    g_signal_new ("lookup-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[APPLICANT_CHOSEN] =
    g_signal_new ("applicant-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_APPLICANT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-applicant-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, drafts);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, key_row);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, key_error_label);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, override_box);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, override_check);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, override_reason_row);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, key_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, key_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, applicant_group);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, manual_button);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, manual_group);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, manual_name_row);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, photo_placeholder);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, photo_picture);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, name_label);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, id_label);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, age_label);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, unverified_label);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, licences_group);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, licences_list);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, known_parties_group);
  gtk_widget_class_bind_template_child (widget_class, ZcApplicantStep, known_parties_list);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zc_applicant_step_lookup);
  gtk_widget_class_bind_template_callback (widget_class, key_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, override_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, zc_applicant_step_confirm);
  gtk_widget_class_bind_template_callback (widget_class, manual_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, manual_confirm_cb);
}

static void
zc_applicant_step_init (ZcApplicantStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
zc_applicant_step_set_client (ZcApplicantStep *self,
                              ZcClient        *client)
{
  g_return_if_fail (ZC_IS_APPLICANT_STEP (self));

  g_set_object (&self->client, client);
}

ZcDraftsList *
zc_applicant_step_get_drafts (ZcApplicantStep *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT_STEP (self), NULL);

  return self->drafts;
}

ZcApplicant *
zc_applicant_step_get_applicant (ZcApplicantStep *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT_STEP (self), NULL);

  return self->applicant;
}

const char *
zc_applicant_step_get_override_reason (ZcApplicantStep *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT_STEP (self), NULL);

  return self->override_reason;
}

/* Shows @applicant (e.g. of a draft reopened) as if it had been looked up */
void
zc_applicant_step_set_applicant (ZcApplicantStep *self,
                                 ZcApplicant     *applicant)
{
  g_return_if_fail (ZC_IS_APPLICANT_STEP (self));

  if (!g_set_object (&self->applicant, applicant))
    return;
  self->unverified = FALSE;
  if (applicant != NULL)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), zc_applicant_get_key (applicant));
      self->syncing = FALSE;
      zc_applicant_step_show_applicant (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICANT]);
}

/* Shows @applicant typed by hand (e.g. of a draft reopened) as unverified */
void
zc_applicant_step_set_typed_applicant (ZcApplicantStep *self,
                                       ZcApplicant     *applicant)
{
  g_return_if_fail (ZC_IS_APPLICANT_STEP (self));
  g_return_if_fail (ZC_IS_APPLICANT (applicant));

  zc_applicant_step_set_applicant (self, applicant);
  self->unverified = TRUE;
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->manual_name_row), zc_applicant_get_name (applicant));
  self->syncing = FALSE;
  zc_applicant_step_show_applicant (self);
}

gboolean
zc_applicant_step_get_unverified (ZcApplicantStep *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT_STEP (self), FALSE);

  return self->applicant != NULL && self->unverified;
}

void
zc_applicant_step_reset (ZcApplicantStep *self)
{
  g_return_if_fail (ZC_IS_APPLICANT_STEP (self));

  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  if (self->photo_cancellable != NULL)
    g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
  g_clear_pointer (&self->override_reason, g_free);
  self->unverified = FALSE;
  if (self->applicant != NULL)
    {
      g_clear_object (&self->applicant);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICANT]);
    }

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->override_reason_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->manual_name_row), "");
  gtk_check_button_set_active (self->override_check, FALSE);
  self->syncing = FALSE;
  gtk_label_set_text (self->key_error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->override_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->applicant_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->licences_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->known_parties_group), FALSE);
  gtk_spinner_set_spinning (self->key_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_cancel_button), FALSE);
}
