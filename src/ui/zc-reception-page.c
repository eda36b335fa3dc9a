/* zc-reception-page.c — the 受理 section: receive one 一件事 step by step
 *
 * Steps: applicant → item → sub-matters → parties → merged form →
 * materials → confirm → done (receipt). Everything is keyboard driven:
 * Ctrl+N starts a reception from anywhere in the window; Enter in an
 * entry advances (to the next field, or the next step), Ctrl+Enter or
 * Alt+N goes to the next step, Alt+Left or Escape back; each step puts
 * the focus where the clerk types next, and Tab goes from control to
 * control in the order shown (rows hold no focus of their own where they
 * carry a control). tests/ui/test-reception-ui.c walks it with real keys.
 * Every change is saved as a local draft (debounced); submitting appends
 * to the outbox, so nothing typed is lost when the platform is away.
 *
 * Personal data is shown in full on this page (the window handling the
 * case) and never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"
#include "zc-document.h"
#include "zc-id.h"
#include "zc-mask.h"
#include "zc-reception.h"

#include "zc-document-preview.h"
#include "zc-reception-page.h"
#include "zc-reason-dialog.h"
#include "zc-ui-private.h"

#define SAVE_DELAY_MS 800

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

typedef struct
{
  ZcReceptionField *field;
  AdwActionRow     *row;
  GtkEditable      *entry;   /* NULL for choices */
  AdwComboRow      *combo;   /* NULL unless choice */
  gulong            notify_id;
} FieldSlot;

struct _ZcReceptionPage
{
  AdwBin            parent_instance;

  /* widgets (built in init) */
  GtkLabel         *step_label;
  GtkStack         *stack;
  GtkButton        *back_button;
  GtkButton        *next_button;
  GtkBox           *action_bar;

  /* applicant step */
  AdwPreferencesGroup *drafts_group;
  GtkListBox       *drafts_list;
  AdwEntryRow      *key_row;
  GtkLabel         *key_error_label;
  GtkBox           *override_box;
  GtkCheckButton   *override_check;
  AdwEntryRow      *override_reason_row;
  GtkSpinner       *key_spinner;
  GtkButton        *key_cancel_button;
  AdwPreferencesGroup *applicant_group;
  AdwActionRow     *applicant_row;
  AdwPreferencesGroup *licences_group;
  GtkListBox       *licences_list;
  AdwPreferencesGroup *known_parties_group;
  GtkListBox       *known_parties_list;

  /* item step */
  GtkSearchEntry   *item_search;
  GtkListBox       *item_list;
  GtkLabel         *item_empty_label;

  /* matters step */
  GtkListBox       *matters_list;

  /* parties step */
  GtkListBox       *parties_list;

  /* form step */
  GtkBox           *form_box;
  GtkLabel         *prefill_label;

  /* materials step */
  GtkListBox       *materials_list;

  /* confirm step */
  GtkListBox       *summary_list;
  AdwPreferencesGroup *problems_group;
  GtkListBox       *problems_list;
  GtkButton        *submit_button;
  GtkButton        *refuse_button;
  GtkButton        *notice_button;

  /* done step */
  GtkLabel         *done_title;
  GtkLabel         *done_description;
  GtkLabel         *number_label;
  GtkWidget        *new_button;
  ZcDocumentPreview *preview;

  /* borrowed services */
  ZcClient         *client;
  ZcStore          *store;
  ZcOutbox         *outbox;
  gulong            entry_sent_id;

  /* owned */
  GCancellable     *cancellable;      /* per reception */
  GCancellable     *services_cancellable; /* per client: the catalogue */
  GCancellable     *fetch_cancellable; /* the applicant fetch */
  GListModel       *catalogue;
  ZcApplicant      *applicant;
  char             *override_reason;
  ZcCatalogueItem  *item;
  ZcReception      *reception;
  gulong            changed_id;
  char             *local_ref;
  char             *case_number;
  gint64            case_id;
  GPtrArray        *party_slots;      /* PartySlot */
  GPtrArray        *field_slots;      /* FieldSlot */
  guint             save_source;
  gboolean          syncing;
  gboolean          submitted;
  gboolean          disposed;         /* widgets gone; a last save may still land */
  const char       *done_step_title;  /* the last page's title: received, refused, notice */
  char             *pending_draft;    /* opened before the catalogue was in */
  char             *pending_step;
  GtkWidget        *shortcut_root;    /* the window holding our Ctrl+N */
  GtkEventController *window_shortcuts;
};

G_DEFINE_FINAL_TYPE (ZcReceptionPage, zc_reception_page, ADW_TYPE_BIN)

enum {
  CASE_ACTIVATED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *step_order[] = {
  ZC_RECEPTION_STEP_APPLICANT,
  ZC_RECEPTION_STEP_ITEM,
  ZC_RECEPTION_STEP_MATTERS,
  ZC_RECEPTION_STEP_PARTIES,
  ZC_RECEPTION_STEP_FORM,
  ZC_RECEPTION_STEP_MATERIALS,
  ZC_RECEPTION_STEP_CONFIRM,
};

static void zc_reception_page_go_to (ZcReceptionPage *self, const char *step);
static void zc_reception_page_schedule_save (ZcReceptionPage *self);
static void zc_reception_page_refresh_drafts (ZcReceptionPage *self);
static void zc_reception_page_update_nav (ZcReceptionPage *self);

/* --- small helpers --------------------------------------------------- */

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

static void
field_slot_free (gpointer data)
{
  FieldSlot *slot = data;

  if (slot->notify_id != 0)
    g_signal_handler_disconnect (slot->field, slot->notify_id);
  g_clear_object (&slot->field);
  g_free (slot);
}

static void
today_date (GDate *date)
{
  g_autoptr(GDateTime) now = zc_date_time_now_china ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

static void
toast (ZcReceptionPage *self,
       const char      *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
toast_error (ZcReceptionPage *self,
             const GError    *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error->domain == ZC_PLATFORM_ERROR)
    message = zc_platform_error_to_user_message (error);
  else
    message = g_strdup (error->message);
  toast (self, message);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
make_pill (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "state-pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_group (GtkBox     *parent,
            const char *title,
            const char *description,
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

static GtkWidget *
make_step (GtkStack   *stack,
           const char *name,
           GtkBox    **box_out)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (stack, scroller, name);
  *box_out = GTK_BOX (box);
  return scroller;
}

static const char *
step_title (const char *step)
{
  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    return _("Applicant");
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    return _("Integrated Item");
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATTERS))
    return _("Sub-matters");
  if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES))
    return _("Parties");
  if (g_str_equal (step, ZC_RECEPTION_STEP_FORM))
    return _("Merged Form");
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATERIALS))
    return _("Materials");
  if (g_str_equal (step, ZC_RECEPTION_STEP_CONFIRM))
    return _("Confirm and Receive");
  /* Translators: the reception is over (title of the last page) */
  return _("Reception Done");
}

static int
step_index (const char *step)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_order); i++)
    if (g_strcmp0 (step_order[i], step) == 0)
      return i;
  return -1;
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "enterprise") == 0)
    return _("Legal person");
  return _("Natural person");
}

static const char *
party_label (ZcReceptionPage *self,
             const char      *role)
{
  const char *label = NULL;

  if (g_strcmp0 (role, "applicant") == 0)
    return _("Applicant");
  if (self->item != NULL)
    label = zc_catalogue_item_get_party_label (self->item, role);
  return label != NULL ? label : role;
}

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

/* "营业执照 9134…" for a licence, number masked */
static char *
licence_short (ZcLicence *licence)
{
  g_autofree char *masked = zc_mask_licence_number (zc_licence_get_licence_type (licence),
                                                    zc_licence_get_number (licence));

  return g_strdup_printf ("%s %s", zc_licence_type_label (zc_licence_get_licence_type (licence)), masked);
}

/* --- keyboard ------------------------------------------------------- */

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

/* When the list of a combo row or a state menu closes, GTK 4.8 leaves the
 * focus in the hidden list, where the keys go nowhere (and Tab stays
 * inside it): it comes back to the control */
static void
return_focus_from_popover (GtkWidget *owner)
{
  GtkWidget *popover = find_popover (owner);

  if (popover != NULL)
    g_signal_connect_object (popover, "closed", G_CALLBACK (popover_closed_cb), owner, 0);
}

/* --- draft saving ---------------------------------------------------- */

static JsonObject *
zc_reception_page_build_body (ZcReceptionPage *self)
{
  JsonObject *body = zc_reception_to_json (self->reception);

  if (self->override_reason != NULL)
    json_object_set_string_member (body, "key_override_reason", self->override_reason);
  return body;
}

typedef struct
{
  ZcReceptionPage *self;
  char            *local_ref;
} SaveData;

static void
save_draft_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(ZcReceptionPage) self = data->self;
  g_autofree char *local_ref = data->local_ref;
  g_autoptr(GError) error = NULL;

  g_free (data);
  if (!zc_store_save_draft_finish (ZC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Saving the draft failed: %s", error->message);
          toast (self, _("The draft could not be saved on this computer"));
        }
      return;
    }
  /* a save still on its way when the reception was submitted (or
   * refused) must not bring its draft back */
  if (self->submitted && local_ref != NULL && g_strcmp0 (local_ref, self->local_ref) == 0
      && self->store != NULL)
    zc_store_delete_draft (self->store, local_ref, NULL);
  zc_reception_page_refresh_drafts (self);
}

static void
zc_reception_page_save_now (ZcReceptionPage *self)
{
  g_autoptr(JsonObject) body = NULL;
  const char *step;
  SaveData *data;
  ZcUser *user;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->reception == NULL || self->store == NULL || self->client == NULL || self->submitted)
    return;
  user = zc_client_get_user (self->client);
  if (user == NULL)
    return;

  if (self->local_ref == NULL)
    self->local_ref = zc_store_new_local_ref (self->store);

  body = zc_reception_page_build_body (self);
  /* the draft (not the submission) remembers where the clerk was and the
   * item's name, shown in the list of drafts before the catalogue is in */
  step = gtk_stack_get_visible_child_name (self->stack);
  if (step_index (step) >= 0)
    json_object_set_string_member (body, "step", step);
  if (self->item != NULL)
    json_object_set_string_member (body, "item_name", zc_catalogue_item_get_name (self->item));
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->local_ref = g_strdup (self->local_ref);
  zc_store_save_draft_async (self->store, self->local_ref, zc_user_get_username (user), body,
                             NULL, save_draft_cb, data);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  ZcReceptionPage *self = user_data;

  self->save_source = 0;
  zc_reception_page_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
zc_reception_page_schedule_save (ZcReceptionPage *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
reception_changed_cb (ZcReceptionPage *self)
{
  zc_reception_page_schedule_save (self);
}

/* --- resetting ------------------------------------------------------- */

static void
zc_reception_page_drop_reception (ZcReceptionPage *self)
{
  /* what was typed is saved before it is dropped */
  if (self->save_source != 0)
    zc_reception_page_save_now (self);

  if (self->reception != NULL && self->changed_id != 0)
    g_signal_handler_disconnect (self->reception, self->changed_id);
  self->changed_id = 0;
  g_ptr_array_set_size (self->field_slots, 0);
  g_ptr_array_set_size (self->party_slots, 0);
  g_clear_object (&self->reception);
}

static void
zc_reception_page_set_reception (ZcReceptionPage *self,
                                 ZcReception     *reception)
{
  zc_reception_page_drop_reception (self);
  self->reception = g_object_ref (reception);
  self->changed_id = g_signal_connect_swapped (reception, "changed",
                                               G_CALLBACK (reception_changed_cb), self);
}

void
zc_reception_page_reset (ZcReceptionPage *self)
{
  g_return_if_fail (ZC_IS_RECEPTION_PAGE (self));

  zc_reception_page_drop_reception (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);

  g_clear_object (&self->applicant);
  g_clear_object (&self->item);
  g_clear_pointer (&self->override_reason, g_free);
  g_clear_pointer (&self->local_ref, g_free);
  g_clear_pointer (&self->case_number, g_free);
  g_clear_pointer (&self->pending_draft, g_free);
  g_clear_pointer (&self->pending_step, g_free);
  self->case_id = 0;
  self->submitted = FALSE;

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->override_reason_row), "");
  gtk_check_button_set_active (self->override_check, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->item_search), "");
  self->syncing = FALSE;
  gtk_label_set_text (self->key_error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->override_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->applicant_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->licences_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->known_parties_group), FALSE);
  gtk_spinner_set_spinning (self->key_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_cancel_button), FALSE);
  zc_document_preview_clear (self->preview);

  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_APPLICANT);
  zc_reception_page_refresh_drafts (self);
}

/* --- step (a): the applicant ----------------------------------------- */

/* Normalises what is typed and says at once what is wrong with it.
 * Returns the normalised key when it may be looked up. */
static char *
zc_reception_page_check_key (ZcReceptionPage *self,
                             gboolean         show_empty)
{
  g_autofree char *key = zc_id_normalize (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  g_autoptr(GError) error = NULL;
  gboolean override_possible;
  GDate today;

  today_date (&today);

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
key_changed_cb (ZcReceptionPage *self)
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

  key = zc_reception_page_check_key (self, FALSE);
}

static void
zc_reception_page_show_applicant (ZcReceptionPage *self)
{
  ZcApplicant *a = self->applicant;
  g_autofree char *subtitle = NULL;
  GListModel *licences;
  JsonArray *parties;
  GDate today;

  today_date (&today);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->applicant_row), zc_applicant_get_name (a));
  subtitle = g_strdup_printf ("%s · %s", kind_label (zc_applicant_get_kind (a)), zc_applicant_get_key (a));
  adw_action_row_set_subtitle (self->applicant_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->applicant_group), TRUE);

  clear_list (self->licences_list);
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
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_pill (state, css));
      gtk_list_box_append (self->licences_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->licences_group),
                          licences != NULL && g_list_model_get_n_items (licences) > 0);

  clear_list (self->known_parties_list);
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
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   json_object_get_string_member_with_default (p, "key", ""));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_pill (known_role_label (json_object_get_string_member_with_default (p, "role", "")),
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
  g_autoptr(ZcReceptionPage) self = user_data;
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
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  g_set_object (&self->applicant, applicant);
  zc_reception_page_show_applicant (self);
  zc_reception_page_update_nav (self);
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_ITEM);
}

static void
zc_reception_page_fetch_applicant (ZcReceptionPage *self)
{
  g_autofree char *key = NULL;

  if (self->client == NULL)
    return;

  key = zc_reception_page_check_key (self, TRUE);
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
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_ITEM);
      return;
    }

  g_clear_pointer (&self->override_reason, g_free);
  if (gtk_widget_get_visible (GTK_WIDGET (self->override_box))
      && gtk_check_button_get_active (self->override_check))
    self->override_reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->override_reason_row))));

  /* a new applicant starts a new reception */
  zc_reception_page_drop_reception (self);
  g_clear_object (&self->applicant);
  g_clear_object (&self->item);
  g_clear_pointer (&self->local_ref, g_free);
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
key_activated_cb (ZcReceptionPage *self)
{
  zc_reception_page_fetch_applicant (self);
}

static void
key_cancel_cb (ZcReceptionPage *self)
{
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  gtk_spinner_set_spinning (self->key_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_cancel_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
override_toggled_cb (ZcReceptionPage *self)
{
  gboolean active = gtk_check_button_get_active (self->override_check);

  gtk_widget_set_visible (GTK_WIDGET (self->override_reason_row), active);
  if (active)
    gtk_widget_grab_focus (GTK_WIDGET (self->override_reason_row));
}

/* --- step (b): the item ---------------------------------------------- */

static gboolean
item_fits_applicant (ZcReceptionPage *self,
                     ZcCatalogueItem *item)
{
  const char *subject = zc_catalogue_item_get_subject (item);

  if (self->applicant == NULL)
    return TRUE;
  return g_strcmp0 (subject, zc_applicant_get_kind (self->applicant)) == 0;
}

static void
zc_reception_page_filter_items (ZcReceptionPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->item_search));
  guint shown = 0;

  clear_list (self->item_list);
  if (self->catalogue == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (self->catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (self->catalogue, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!item_fits_applicant (self, item) || !zc_catalogue_item_matches (item, query))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_catalogue_item_get_name (item));
      subtitle = g_strdup_printf (_("%s · lead: %s · %u sub-matters"),
                                  zc_catalogue_item_get_initials (item),
                                  zc_catalogue_item_get_lead_department (item),
                                  g_list_model_get_n_items (zc_catalogue_item_get_matters (item)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
      gtk_list_box_append (self->item_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->item_empty_label), shown == 0);
}

/* The platform lists cases masked and without forms (docs/domain.md,
 * rule 6): the newest few of the applicant are read in full (each read
 * audited), then answer the fields they can. */
#define EARLIER_CASES_READ 5

typedef struct
{
  ZcReceptionPage *self;
  ZcReception     *reception;   /* the reception they were asked for */
  ZcCase          *cases[EARLIER_CASES_READ];
  guint            n;
  guint            pending;
} EarlierCases;

static void
earlier_case_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EarlierCases *data = user_data;
  g_autoptr(GError) error = NULL;
  ZcCase *c = zc_client_get_case_finish (ZC_CLIENT (object), result, &error);

  if (c == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("An earlier case not loaded: %s", error->message);
  /* the full case takes its list entry's place (the order stays) */
  if (c != NULL)
    {
      for (guint i = 0; i < data->n; i++)
        if (data->cases[i] != NULL && zc_case_get_id (data->cases[i]) == zc_case_get_id (c))
          {
            g_object_unref (data->cases[i]);
            data->cases[i] = g_object_ref (c);
          }
      g_object_unref (c);
    }
  if (--data->pending > 0)
    return;

  if (data->self->reception == data->reception)
    {
      g_autoptr(GListStore) store = g_list_store_new (ZC_TYPE_CASE);

      for (guint i = 0; i < data->n; i++)
        if (data->cases[i] != NULL && zc_case_get_form (data->cases[i]) != NULL)
          g_list_store_append (store, data->cases[i]);
      zc_reception_set_earlier_cases (data->reception, G_LIST_MODEL (store));
    }
  for (guint i = 0; i < data->n; i++)
    g_clear_object (&data->cases[i]);
  g_object_unref (data->self);
  g_object_unref (data->reception);
  g_free (data);
}

static void
earlier_cases_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  EarlierCases *data;

  cases = zc_client_list_cases_finish (ZC_CLIENT (object), result, NULL, &error);
  if (cases == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Earlier cases not loaded: %s", error->message);
      return;
    }
  if (self->reception == NULL || g_list_model_get_n_items (cases) == 0)
    return;

  data = g_new0 (EarlierCases, 1);
  data->self = g_object_ref (self);
  data->reception = g_object_ref (self->reception);
  data->n = MIN (g_list_model_get_n_items (cases), EARLIER_CASES_READ);
  data->pending = data->n;
  /* the list's entries hold the slots (newest first) until the full
   * cases replace them */
  for (guint i = 0; i < data->n; i++)
    data->cases[i] = g_list_model_get_item (cases, i);
  for (guint i = 0; i < data->n; i++)
    zc_client_get_case_async (self->client, zc_case_get_id (data->cases[i]), self->cancellable,
                              earlier_case_cb, data);
}

static void
zc_reception_page_start_item (ZcReceptionPage *self,
                              ZcCatalogueItem *item)
{
  g_autoptr(ZcReception) reception = NULL;
  GDate today;

  if (self->applicant == NULL)
    return;

  /* the same item again: keep what was typed */
  if (self->reception != NULL && self->item == item)
    {
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATTERS);
      return;
    }

  today_date (&today);
  g_set_object (&self->item, item);
  reception = zc_reception_new (item, self->applicant, &today);
  zc_reception_page_set_reception (self, reception);

  /* earlier cases of the applicant answer the fields no licence can */
  zc_client_list_cases_async (self->client, NULL, zc_applicant_get_key (self->applicant), 0, 20,
                              self->cancellable, earlier_cases_cb, g_object_ref (self));

  zc_reception_page_schedule_save (self);
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATTERS);
}

static void
item_row_activated_cb (ZcReceptionPage *self,
                       GtkListBoxRow   *row)
{
  ZcCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item != NULL)
    zc_reception_page_start_item (self, item);
}

/* Enter picks the top match of what was typed; with nothing typed it
 * picks only a sole item — keys typed ahead while the applicant was
 * still loading must not choose an item by accident — and otherwise
 * moves into the list to choose with the arrows. */
static void
item_search_activated_cb (ZcReceptionPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->item_list, 0);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->item_search));
  g_autofree char *trimmed = g_strstrip (g_strdup (query != NULL ? query : ""));

  if (first == NULL)
    return;
  if (trimmed[0] == '\0' && gtk_list_box_get_row_at_index (self->item_list, 1) != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (first));
      return;
    }
  item_row_activated_cb (self, first);
}

static void
catalogue_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) catalogue = NULL;

  catalogue = zc_client_list_catalogue_finish (ZC_CLIENT (object), result, &error);
  if (catalogue == NULL)
    {
      toast_error (self, error);
      return;
    }
  g_set_object (&self->catalogue, catalogue);
  zc_reception_page_filter_items (self);
  zc_reception_page_refresh_drafts (self);
  if (self->pending_draft != NULL)
    {
      g_autofree char *ref = g_steal_pointer (&self->pending_draft);
      g_autofree char *step = g_steal_pointer (&self->pending_step);

      zc_reception_page_open_draft (self, ref, step);
    }
}

/* --- step (c): sub-matters ------------------------------------------- */

static void
matter_toggled_cb (GtkCheckButton  *check,
                   ZcReceptionPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (check), "code");
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->reception == NULL)
    return;
  if (!zc_reception_set_matter_chosen (self->reception, code, gtk_check_button_get_active (check), &error))
    {
      toast_error (self, error);
      self->syncing = TRUE;
      gtk_check_button_set_active (check, zc_reception_get_matter_chosen (self->reception, code));
      self->syncing = FALSE;
    }
}

static void
zc_reception_page_build_matters (ZcReceptionPage *self)
{
  GListModel *matters = zc_catalogue_item_get_matters (self->item);

  clear_list (self->matters_list);
  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean optional = zc_matter_get_optional (matter);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_matter_get_name (matter));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s · %u working day",
                                               "%s · %u working days",
                                               zc_matter_get_time_limit_days (matter)),
                                  zc_matter_get_department (matter),
                                  zc_matter_get_time_limit_days (matter));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "code", g_strdup (zc_matter_get_code (matter)), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, zc_matter_get_name (matter), -1);
      self->syncing = TRUE;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), zc_reception_get_matter_chosen (self->reception,
                                                                          zc_matter_get_code (matter)));
      self->syncing = FALSE;
      g_signal_connect (check, "toggled", G_CALLBACK (matter_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      if (!optional)
        {
          gtk_widget_set_sensitive (row, FALSE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_pill (_("Mandatory"), NULL));
        }
      else
        {
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_pill (_("Optional"), NULL));
          /* Tab goes from check box to check box, Space toggles */
          gtk_widget_set_focusable (row, FALSE);
          g_object_set_data (G_OBJECT (row), "control", check);
        }
      gtk_list_box_append (self->matters_list, row);
    }
}

/* --- step (d): parties ----------------------------------------------- */

static void zc_reception_page_fetch_party (ZcReceptionPage *self, PartySlot *slot);

static gboolean
zc_reception_page_parties_ready (ZcReceptionPage *self)
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
party_show (ZcReceptionPage *self,
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
                                                 kind_label (zc_applicant_get_kind (slot->party)), n);
    g_autofree char *text = g_strdup_printf ("%s · %s", zc_applicant_get_name (slot->party), subtitle);

    gtk_label_set_text (slot->result_label, text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (slot->result_label), text);
    gtk_widget_set_visible (GTK_WIDGET (slot->result_label), TRUE);
  }
}

typedef struct
{
  ZcReceptionPage *self;
  PartySlot       *slot;
} PartyFetch;

static void
get_party_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PartyFetch *fetch = user_data;
  g_autoptr(ZcReceptionPage) self = fetch->self;
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
  zc_reception_page_update_nav (self);
}

static void
zc_reception_page_fetch_party (ZcReceptionPage *self,
                               PartySlot       *slot)
{
  g_autofree char *key = zc_id_normalize (gtk_editable_get_text (GTK_EDITABLE (slot->row)));
  g_autoptr(GError) error = NULL;
  PartyFetch *fetch;
  GDate today;

  today_date (&today);

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
  if (self->applicant != NULL && g_strcmp0 (zc_applicant_get_key (self->applicant), key) == 0)
    {
      g_set_object (&slot->party, self->applicant);
      if (self->reception != NULL)
        zc_reception_set_party (self->reception, slot->role, self->applicant);
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
                  ZcReceptionPage *self)
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

  today_date (&today);
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
  zc_reception_page_update_nav (self);
}

static void
party_activated_cb (AdwEntryRow     *row,
                    ZcReceptionPage *self)
{
  PartySlot *slot = g_object_get_data (G_OBJECT (row), "slot");
  guint i;

  if (slot == NULL)
    return;
  zc_reception_page_fetch_party (self, slot);

  /* Enter moves on to the next party, and from the last to the form */
  for (i = 0; i < self->party_slots->len; i++)
    if (g_ptr_array_index (self->party_slots, i) == slot)
      break;
  if (i + 1 < self->party_slots->len)
    {
      PartySlot *next = g_ptr_array_index (self->party_slots, i + 1);

      gtk_widget_grab_focus (GTK_WIDGET (next->row));
    }
  else if (zc_reception_page_parties_ready (self))
    zc_reception_page_go_to (self, ZC_RECEPTION_STEP_FORM);
}

/* The key to suggest for a role: a known party of the applicant, or the
 * applicant themself where they usually are that party. */
static const char *
suggested_party_key (ZcReceptionPage *self,
                     const char      *role)
{
  const char *key = zc_applicant_get_party_key (self->applicant, role);
  const char *own = zc_applicant_get_key (self->applicant);

  if (key != NULL)
    return key;
  if (g_strcmp0 (zc_applicant_get_kind (self->applicant), "person") != 0)
    return NULL;
  if (g_str_equal (role, "legal_representative"))
    return own;
  if (g_str_equal (role, "mother") && strlen (own) == 18 && !zc_resident_id_is_male (own))
    return own;
  if (g_str_equal (role, "father") && strlen (own) == 18 && zc_resident_id_is_male (own))
    return own;
  return NULL;
}

static void
zc_reception_page_build_parties (ZcReceptionPage *self)
{
  g_auto(GStrv) roles = zc_reception_dup_needed_parties (self->reception);
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->party_slots);

  self->party_slots = g_ptr_array_new_with_free_func (party_slot_free);
  clear_list (self->parties_list);

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
          g_autofree char *t = g_strdup_printf (_("%s (optional)"), party_label (self, roles[i]));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->row), t);
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->row), party_label (self, roles[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot->row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, party_label (self, roles[i]),
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
        zc_reception_page_fetch_party (self, slot);
    }
}

/* --- step (e): the merged form --------------------------------------- */

static void
field_slot_update (ZcReceptionPage *self,
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
  ZcReceptionPage *self = g_object_get_data (G_OBJECT (slot->row), "page");

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

static void
field_entry_changed_cb (GtkEditable     *entry,
                        ZcReceptionPage *self)
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
}

static void
field_combo_changed_cb (AdwComboRow     *combo,
                        GParamSpec      *pspec,
                        ZcReceptionPage *self)
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
}

/* Enter in a field goes to the next field; from the last, to the next step */
static void
field_entry_activated_cb (GtkEditable     *entry,
                          ZcReceptionPage *self)
{
  FieldSlot *slot = g_object_get_data (G_OBJECT (entry), "slot");
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
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_MATERIALS);
}

static void
zc_reception_page_build_form (ZcReceptionPage *self)
{
  GListModel *fields = zc_reception_get_fields (self->reception);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) parties = g_ptr_array_new ();
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *child;
  g_autofree char *ratio = NULL;

  g_ptr_array_set_size (self->field_slots, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);

  /* one group per party, in the order the parties first appear; the
   * slots in the order shown, so that Enter and Tab agree */
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rfield = g_list_model_get_item (fields, i);
      const char *party = zc_form_field_get_party (zc_reception_field_get_field (rfield));

      if (!g_ptr_array_find_with_equal_func (parties, party, g_str_equal, NULL))
        g_ptr_array_add (parties, (gpointer) party);
    }
  for (guint p = 0; p < parties->len; p++)
    for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
      {
        g_autoptr(ZcReceptionField) rfield = g_list_model_get_item (fields, i);

        if (g_str_equal (zc_form_field_get_party (zc_reception_field_get_field (rfield)),
                         g_ptr_array_index (parties, p)))
          g_ptr_array_add (order, g_steal_pointer (&rfield));
      }

  for (guint i = 0; i < order->len; i++)
    {
      ZcReceptionField *rfield = g_ptr_array_index (order, i);
      ZcFormField *field = zc_reception_field_get_field (rfield);
      const char *party = zc_form_field_get_party (field);
      FieldSlot *slot = g_new0 (FieldSlot, 1);
      GtkListBox *list = g_hash_table_lookup (groups, party);
      g_autofree char *title = NULL;

      if (list == NULL)
        {
          make_group (self->form_box, party_label (self, party), NULL, &list);
          g_hash_table_insert (groups, (gpointer) party, list);
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
          return_focus_from_popover (GTK_WIDGET (slot->combo));
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
      g_object_set_data (G_OBJECT (slot->row), "page", self);
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
        g_signal_connect (slot->combo, "notify::selected", G_CALLBACK (field_combo_changed_cb), self);
    }

  ratio = g_strdup_printf (_("%.0f%% of the fields are prefilled from licences, earlier cases and rules; each shows where it came from and stays editable."),
                           100.0 * zc_reception_get_prefill_ratio (self->reception));
  gtk_label_set_text (self->prefill_label, ratio);
}

/* --- step (f): materials --------------------------------------------- */

/* Focuses the first control (check box, state menu) of @list's rows, or
 * with @pending_only the first material still to be decided */
static gboolean
focus_first_control (GtkListBox *list,
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

static const ZcMaterialState state_choices[] = {
  ZC_MATERIAL_STATE_PENDING,
  ZC_MATERIAL_STATE_RECEIVED,
  ZC_MATERIAL_STATE_DEFERRED,
  ZC_MATERIAL_STATE_COMMITTED,
};

static const char *
material_state_label (ZcMaterialState state)
{
  return zc_material_state_label (state);
}

static gboolean
material_state_allowed (ZcReceptionMaterial *rm,
                        ZcMaterialState      state)
{
  ZcMaterial *m = zc_reception_material_get_material (rm);

  switch (state)
    {
    case ZC_MATERIAL_STATE_PENDING:
    case ZC_MATERIAL_STATE_RECEIVED:
      return TRUE;
    case ZC_MATERIAL_STATE_DEFERRED:
      return zc_material_get_tolerable (m);
    case ZC_MATERIAL_STATE_COMMITTED:
      return zc_material_get_commitment_allowed (m);
    default:
      return FALSE;
    }
}

static void
material_state_selected_cb (GtkDropDown     *dropdown,
                            GParamSpec      *pspec,
                            ZcReceptionPage *self)
{
  ZcReceptionMaterial *rm = g_object_get_data (G_OBJECT (dropdown), "material");
  GArray *states = g_object_get_data (G_OBJECT (dropdown), "states");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (self->syncing || rm == NULL || selected >= states->len)
    return;
  if (!zc_reception_set_material_state (self->reception,
                                        zc_material_get_code (zc_reception_material_get_material (rm)),
                                        g_array_index (states, ZcMaterialState, selected), &error))
    toast_error (self, error);
}

static void
zc_reception_page_build_materials (ZcReceptionPage *self)
{
  GListModel *materials = zc_reception_get_materials (self->reception);

  clear_list (self->materials_list);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);
      ZcMaterialStatus status = zc_reception_material_get_status (rm);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *pill_text = NULL;
      const char *css = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_material_get_name (m));
      if (zc_reception_material_get_note (rm) != NULL)
        {
          g_autofree char *sub = g_strdup_printf ("%s · %s", party_label (self, zc_material_get_party (m)),
                                                  zc_reception_material_get_note (rm));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), party_label (self, zc_material_get_party (m)));
      gtk_widget_set_name (row, zc_material_get_code (m));

      switch (status)
        {
        case ZC_MATERIAL_STATUS_EXEMPT:
          css = "material-exempt";
          if (zc_reception_material_get_licence (rm) != NULL)
            {
              g_autofree char *lic = licence_short (zc_reception_material_get_licence (rm));

              /* Translators: 免提交（营业执照 9134**********1234） */
              pill_text = g_strdup_printf (_("%s (%s)"), zc_material_status_label (status), lic);
            }
          break;
        case ZC_MATERIAL_STATUS_REQUIRED:   css = "material-required"; break;
        case ZC_MATERIAL_STATUS_TOLERABLE:  css = "material-tolerable"; break;
        case ZC_MATERIAL_STATUS_COMMITMENT: css = "material-commitment"; break;
        default: break;
        }
      if (pill_text == NULL)
        pill_text = g_strdup (zc_material_status_label (status));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_pill (pill_text, css));

      if (status != ZC_MATERIAL_STATUS_EXEMPT)
        {
          GArray *states = g_array_new (FALSE, FALSE, sizeof (ZcMaterialState));
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          GtkWidget *dropdown;
          ZcMaterialState current = zc_reception_material_get_state (rm);
          guint selected = 0;

          for (guint s = 0; s < G_N_ELEMENTS (state_choices); s++)
            if (material_state_allowed (rm, state_choices[s]))
              {
                if (state_choices[s] == current)
                  selected = states->len;
                g_array_append_val (states, state_choices[s]);
                gtk_string_list_append (labels, material_state_label (state_choices[s]));
              }
          dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (dropdown), "states", states, (GDestroyNotify) g_array_unref);
          g_object_set_data_full (G_OBJECT (dropdown), "material", g_object_ref (rm), g_object_unref);
          gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, zc_material_get_name (m), -1);
          self->syncing = TRUE;
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
          self->syncing = FALSE;
          g_signal_connect (dropdown, "notify::selected", G_CALLBACK (material_state_selected_cb), self);
          return_focus_from_popover (dropdown);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
          g_object_set_data (G_OBJECT (row), "control", dropdown);
          /* Tab goes straight to the state menu (an exempt row, with
           * nothing to choose, keeps the focus itself: GtkListBox would
           * leave the list at a row that cannot take it) */
          gtk_widget_set_focusable (row, FALSE);
        }
      gtk_list_box_append (self->materials_list, row);
    }
}

static void
mark_all_received_cb (ZcReceptionPage *self)
{
  GListModel *materials;

  if (self->reception == NULL)
    return;
  materials = zc_reception_get_materials (self->reception);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);

      if (zc_reception_material_get_state (rm) == ZC_MATERIAL_STATE_PENDING)
        zc_reception_set_material_state (self->reception,
                                         zc_material_get_code (zc_reception_material_get_material (rm)),
                                         ZC_MATERIAL_STATE_RECEIVED, NULL);
    }
  zc_reception_page_build_materials (self);
  /* the rows were made again: the focus goes back into the list */
  focus_first_control (self->materials_list, FALSE);
}

/* --- step (g): confirm ----------------------------------------------- */

static void
add_summary_row (GtkListBox *list,
                 const char *title,
                 const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (list, row);
}

static void
zc_reception_page_build_confirm (ZcReceptionPage *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) matters = zc_reception_dup_chosen_matters (self->reception);
  g_autoptr(GString) matter_names = g_string_new (NULL);
  GListModel *materials = zc_reception_get_materials (self->reception);
  guint counts[5] = { 0 };
  g_autofree char *materials_line = NULL;
  g_autofree char *prefill = NULL;
  g_autofree char *applicant = NULL;
  gboolean ok;

  clear_list (self->summary_list);
  applicant = g_strdup_printf ("%s · %s", zc_applicant_get_name (self->applicant),
                               zc_applicant_get_key (self->applicant));
  add_summary_row (self->summary_list, _("Applicant"), applicant);
  add_summary_row (self->summary_list, _("Integrated item"), zc_catalogue_item_get_name (self->item));
  for (guint i = 0; matters != NULL && matters[i] != NULL; i++)
    {
      ZcMatter *m = zc_catalogue_item_find_matter (self->item, matters[i]);

      if (matter_names->len > 0)
        g_string_append (matter_names, "；");
      g_string_append (matter_names, m != NULL ? zc_matter_get_name (m) : matters[i]);
    }
  add_summary_row (self->summary_list, _("Sub-matters"), matter_names->str);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterialState s = zc_reception_material_get_state (rm);

      if ((guint) s < G_N_ELEMENTS (counts))
        counts[s]++;
    }
  materials_line = g_strdup_printf (_("%u received, %u exempt, %u tolerated, %u by commitment, %u to follow"),
                                    counts[ZC_MATERIAL_STATE_RECEIVED], counts[ZC_MATERIAL_STATE_EXEMPT],
                                    counts[ZC_MATERIAL_STATE_DEFERRED], counts[ZC_MATERIAL_STATE_COMMITTED],
                                    counts[ZC_MATERIAL_STATE_PENDING]);
  add_summary_row (self->summary_list, _("Materials"), materials_line);
  prefill = g_strdup_printf (_("%.0f%% of the fields"), 100.0 * zc_reception_get_prefill_ratio (self->reception));
  add_summary_row (self->summary_list, _("Prefilled"), prefill);
  if (self->override_reason != NULL)
    add_summary_row (self->summary_list, _("Credit code accepted despite its check (for the supervisor)"),
                     self->override_reason);

  ok = zc_reception_check (self->reception, problems, NULL);
  clear_list (self->problems_list);
  for (guint i = 0; i < problems->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (problems, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), !ok);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), ok);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_button), !ok || counts[ZC_MATERIAL_STATE_PENDING] > 0
                          || counts[ZC_MATERIAL_STATE_DEFERRED] > 0);
}

/* --- documents ------------------------------------------------------- */

static ZcDocumentData *
zc_reception_page_document_data (ZcReceptionPage *self,
                                 ZcDocumentKind   kind)
{
  ZcDocumentData *data = zc_document_data_new (kind);
  g_auto(GStrv) matters = zc_reception_dup_chosen_matters (self->reception);
  GListModel *materials = zc_reception_get_materials (self->reception);
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;
  data->case_number = g_strdup (self->case_number);
  data->local_ref = g_strdup (self->local_ref);
  data->applicant_name = g_strdup (zc_applicant_get_name (self->applicant));
  data->applicant_key = g_strdup (zc_applicant_get_key (self->applicant));
  data->item_name = g_strdup (zc_catalogue_item_get_name (self->item));
  data->issued_at = zc_date_time_now_china ();
  if (user != NULL)
    {
      data->window = g_strdup (zc_user_get_window (user));
      data->clerk = g_strdup (zc_user_get_display_name (user));
    }

  for (guint i = 0; matters != NULL && matters[i] != NULL; i++)
    {
      ZcMatter *m = zc_catalogue_item_find_matter (self->item, matters[i]);
      g_autofree char *limit = NULL;

      if (m == NULL)
        continue;
      /* the platform sets the due date in working days on the calendar;
       * until the number comes back the receipt states the time limit */
      limit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %u working day", "within %u working days",
                                            zc_matter_get_time_limit_days (m)),
                               zc_matter_get_time_limit_days (m));
      zc_document_data_add_matter (data, zc_matter_get_name (m), zc_matter_get_department (m), limit, FALSE);
    }

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);

      switch (zc_reception_material_get_state (rm))
        {
        case ZC_MATERIAL_STATE_RECEIVED:
          g_ptr_array_add (data->materials_received, g_strdup (zc_material_get_name (m)));
          break;
        case ZC_MATERIAL_STATE_EXEMPT:
          if (zc_reception_material_get_licence (rm) != NULL)
            {
              g_autofree char *lic = licence_short (zc_reception_material_get_licence (rm));

              g_ptr_array_add (data->materials_exempt, g_strdup_printf ("%s（%s）", zc_material_get_name (m), lic));
            }
          else
            g_ptr_array_add (data->materials_exempt, g_strdup (zc_material_get_name (m)));
          break;
        case ZC_MATERIAL_STATE_DEFERRED:
          g_ptr_array_add (data->materials_pending,
                           g_strdup_printf (_("%s — tolerated, to be supplied later"), zc_material_get_name (m)));
          break;
        case ZC_MATERIAL_STATE_COMMITTED:
          g_ptr_array_add (data->materials_pending,
                           g_strdup_printf (_("%s — replaced by a written commitment"), zc_material_get_name (m)));
          break;
        default:
          g_ptr_array_add (data->materials_pending,
                           g_strdup_printf (_("%s — to be handed in"), zc_material_get_name (m)));
          break;
        }
    }

  return data;
}

static void
zc_reception_page_show_document (ZcReceptionPage *self,
                                 ZcDocumentKind   kind,
                                 const char      *reason)
{
  ZcDocumentData *data = zc_reception_page_document_data (self, kind);

  if (reason != NULL)
    data->reason = g_strdup (reason);

  /* only a receipt waits for a number: a refused case gets none, a
   * notice is about the draft */
  if (kind == ZC_DOCUMENT_REFUSAL && data->case_number == NULL)
    data->case_number = g_strdup (_("none (not accepted)"));
  else if (kind == ZC_DOCUMENT_ONE_TIME_NOTICE && data->case_number == NULL && self->local_ref != NULL)
    /* Translators: the reference on a one-time notice, e.g. 草稿 L-20261127-0001 */
    data->case_number = g_strdup_printf (_("draft %s"), self->local_ref);

  /* one-time notice: everything that blocks, at once */
  if (kind == ZC_DOCUMENT_ONE_TIME_NOTICE)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      zc_reception_check (self->reception, problems, NULL);
      for (guint i = 0; i < problems->len; i++)
        {
          const char *line = g_ptr_array_index (problems, i);
          gboolean known = FALSE;

          for (guint j = 0; j < data->materials_pending->len && !known; j++)
            known = strstr (g_ptr_array_index (data->materials_pending, j), line) != NULL;
          if (!known)
            g_ptr_array_add (data->materials_pending, g_strdup (line));
        }
    }

  zc_document_preview_show (self->preview, data);
}

/* --- submit, refuse, notice ------------------------------------------ */

static void
zc_reception_page_update_number (ZcReceptionPage *self)
{
  g_autofree char *text = NULL;

  if (self->case_number != NULL)
    {
      text = g_strdup_printf (_("Case number %s"), self->case_number);
      gtk_label_set_text (self->done_title, _("Case Received"));
      gtk_label_set_text (self->done_description,
                                       _("The platform has assigned the number and dispatched the sub-matters to their departments."));
    }
  else
    {
      text = g_strdup_printf (_("Awaiting sync · local reference %s"), self->local_ref);
      gtk_label_set_text (self->done_title, _("Case Received"));
      gtk_label_set_text (self->done_description,
                                       _("The submission is kept on this computer and sent to the platform in order; the number replaces the local reference when it arrives."));
    }
  gtk_label_set_text (self->number_label, text);
}

static void
received_case_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ZcReceptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  ZcDocumentData *data;
  GListModel *tasks;

  kase = zc_client_get_case_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->reception == NULL)
    return;
  data = zc_reception_page_document_data (self, ZC_DOCUMENT_RECEIPT);
  tasks = kase != NULL ? zc_case_get_tasks (kase) : NULL;
  if (tasks != NULL && g_list_model_get_n_items (tasks) > 0)
    {
      g_ptr_array_set_size (data->matters, 0);
      for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
        {
          g_autoptr(ZcTask) t = g_list_model_get_item (tasks, i);
          const GDate *due = zc_task_get_due_date (t);
          char buf[16] = "";

          if (due != NULL && g_date_valid (due))
            g_date_strftime (buf, sizeof buf, "%Y-%m-%d", due);
          zc_document_data_add_matter (data, zc_task_get_matter_name (t), zc_task_get_department (t),
                                       buf[0] != '\0' ? buf : NULL, zc_task_get_due_provisional (t));
        }
    }
  zc_document_preview_show (self->preview, data);
}

static void
entry_sent_cb (ZcOutbox        *outbox,
               ZcOutboxEntry   *entry,
               ZcReceptionPage *self)
{
  if (self->local_ref == NULL || !self->submitted
      || g_strcmp0 (zc_outbox_entry_get_local_ref (entry), self->local_ref) != 0)
    return;

  g_free (self->case_number);
  self->case_number = g_strdup (zc_outbox_entry_get_case_number (entry));
  self->case_id = zc_outbox_entry_get_case_id (entry);
  zc_reception_page_update_number (self);
  if (self->reception == NULL)
    return;
  /* the receipt again, now with the number and the platform's due dates */
  if (self->case_id > 0 && self->client != NULL)
    zc_client_get_case_async (self->client, self->case_id, self->cancellable,
                              received_case_cb, g_object_ref (self));
  else
    zc_reception_page_show_document (self, ZC_DOCUMENT_RECEIPT, NULL);
}

static void
zc_reception_page_submit (ZcReceptionPage *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(ZcOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  ZcUser *user;

  if (self->reception == NULL || self->submitted)
    return;
  if (self->store == NULL)
    {
      toast (self, _("The local store of this computer is not available: nothing can be submitted"));
      return;
    }
  if (!zc_reception_check (self->reception, NULL, &error))
    {
      toast_error (self, error);
      zc_reception_page_build_confirm (self);
      return;
    }
  user = zc_client_get_user (self->client);
  if (user == NULL)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->local_ref == NULL)
    self->local_ref = zc_store_new_local_ref (self->store);

  body = zc_reception_page_build_body (self);
  entry = zc_store_outbox_append (self->store, zc_user_get_username (user), "submit_case",
                                  self->local_ref, body, &error);
  if (entry == NULL)
    {
      g_debug ("Outbox append failed: %s", error->message);
      toast (self, _("The submission could not be saved on this computer; nothing was sent"));
      return;
    }

  self->submitted = TRUE;
  zc_store_delete_draft (self->store, self->local_ref, NULL);
  if (self->outbox != NULL)
    zc_outbox_kick (self->outbox);

  zc_reception_page_update_number (self);
  self->done_step_title = _("Reception Done");
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_DONE);
  zc_reception_page_show_document (self, ZC_DOCUMENT_RECEIPT, NULL);
  zc_reception_page_refresh_drafts (self);
}

typedef struct
{
  ZcReceptionPage *self;
  char            *reason;
} RefuseData;

static void
refuse_data_free (RefuseData *data)
{
  g_clear_object (&data->self);
  g_free (data->reason);
  g_free (data);
}

static void
refuse_transition_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RefuseData *data = user_data;
  ZcReceptionPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_transition_case_finish (ZC_CLIENT (object), result, &error);
  if (kase == NULL)
    {
      toast_error (self, error);
      refuse_data_free (data);
      return;
    }

  self->submitted = TRUE;
  self->case_id = zc_case_get_id (kase);
  if (self->local_ref != NULL && self->store != NULL)
    zc_store_delete_draft (self->store, self->local_ref, NULL);
  gtk_label_set_text (self->done_title, _("Not Accepted"));
  gtk_label_set_text (self->done_description,
                                   _("The refusal notice states the reason and the remedies; print it for the applicant."));
  gtk_label_set_text (self->number_label, data->reason);
  self->done_step_title = _("Not Accepted");
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_DONE);
  zc_reception_page_show_document (self, ZC_DOCUMENT_REFUSAL, data->reason);
  zc_reception_page_refresh_drafts (self);
  refuse_data_free (data);
}

static void
refuse_create_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RefuseData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_create_case_finish (ZC_CLIENT (object), result, &error);
  if (kase == NULL)
    {
      toast_error (data->self, error);
      refuse_data_free (data);
      return;
    }
  zc_client_transition_case_async (ZC_CLIENT (object), zc_case_get_id (kase), "not_accepted",
                                   data->reason, data->self->cancellable, refuse_transition_cb, data);
}

static void
refuse_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZcReceptionPage  *self)
{
  g_autofree char *reason = zc_reason_dialog_dup_reason (dialog);
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *key = NULL;
  RefuseData *data;

  if (g_strcmp0 (response, "refuse") != 0 || reason[0] == '\0' || self->reception == NULL)
    return;

  body = zc_reception_page_build_body (self);
  if (self->local_ref == NULL && self->store != NULL)
    self->local_ref = zc_store_new_local_ref (self->store);
  key = g_strdup_printf ("refuse-%s", self->local_ref != NULL ? self->local_ref : "x");
  data = g_new0 (RefuseData, 1);
  data->self = g_object_ref (self);
  data->reason = g_steal_pointer (&reason);
  zc_client_create_case_async (self->client, body, key, self->cancellable, refuse_create_cb, data);
}

static void
zc_reception_page_refuse (ZcReceptionPage *self)
{
  GtkWidget *dialog;

  if (self->reception == NULL)
    return;

  dialog = zc_reason_dialog_new (GTK_WIDGET (self),
                                 _("Refuse the Application?"),
                                 _("The case is recorded as not accepted and a refusal notice with the reason is printed for the applicant."),
                                 "refuse", _("_Refuse"), ADW_RESPONSE_DESTRUCTIVE,
                                 _("Reason for the refusal"));
  g_signal_connect (dialog, "response", G_CALLBACK (refuse_response_cb), self);
  zc_reason_dialog_present (dialog);
}

static void
zc_reception_page_one_time_notice (ZcReceptionPage *self)
{
  if (self->reception == NULL)
    return;
  zc_reception_page_show_document (self, ZC_DOCUMENT_ONE_TIME_NOTICE, NULL);
  gtk_label_set_text (self->done_title, _("One-Time Notice"));
  gtk_label_set_text (self->done_description,
                                   _("Everything still missing, told at once. The reception stays open as a draft: go back to complete it."));
  gtk_label_set_text (self->number_label, "");
  self->done_step_title = _("One-Time Notice");
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_DONE);
}

/* --- drafts offered -------------------------------------------------- */

typedef struct
{
  ZcReceptionPage *self;
  JsonObject      *body;
  char            *local_ref;
  char            *step;      /* where the clerk lands; NULL = the form */
  guint            pending;
} Resume;

static void
resume_free (Resume *r)
{
  g_clear_object (&r->self);
  g_clear_pointer (&r->body, json_object_unref);
  g_free (r->local_ref);
  g_free (r->step);
  g_free (r);
}

static void
resume_finish (Resume *r)
{
  ZcReceptionPage *self = r->self;
  const char *saved;

  if (--r->pending > 0)
    return;
  /* where the clerk left off (drafts saved before the step was kept open
   * at the form) */
  saved = json_object_get_string_member_with_default (r->body, "step", NULL);
  if (r->step != NULL)
    zc_reception_page_go_to (self, r->step);
  else if (saved != NULL && step_index (saved) >= 0)
    zc_reception_page_go_to (self, saved);
  else
    zc_reception_page_go_to (self, ZC_RECEPTION_STEP_FORM);
  resume_free (r);
}

typedef struct
{
  Resume *r;
  char   *role;
} ResumeParty;

static void
resume_party_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ResumeParty *rp = user_data;
  Resume *r = rp->r;
  g_autoptr(ZcApplicant) party = NULL;
  g_autoptr(GError) error = NULL;

  party = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (party != NULL && r->self->reception != NULL)
    zc_reception_set_party (r->self->reception, rp->role, party);
  else if (party == NULL)
    toast_error (r->self, error);
  g_free (rp->role);
  g_free (rp);
  resume_finish (r);
}

static void
resume_applicant_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Resume *r = user_data;
  ZcReceptionPage *self = r->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;
  g_autoptr(ZcReception) reception = NULL;
  const char *item_code = json_object_get_string_member_with_default (r->body, "item", "");
  ZcCatalogueItem *item = NULL;
  GDate today;

  applicant = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (applicant == NULL)
    {
      toast_error (self, error);
      resume_free (r);
      return;
    }

  for (guint i = 0; self->catalogue != NULL && i < g_list_model_get_n_items (self->catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) it = g_list_model_get_item (self->catalogue, i);

      if (g_strcmp0 (zc_catalogue_item_get_code (it), item_code) == 0)
        item = it;
    }
  if (item == NULL)
    {
      toast (self, _("The draft's item is no longer in the catalogue"));
      resume_free (r);
      return;
    }

  today_date (&today);
  zc_reception_page_reset (self);
  g_set_object (&self->applicant, applicant);
  g_set_object (&self->item, item);
  self->local_ref = g_strdup (r->local_ref);
  if (json_object_has_member (r->body, "key_override_reason"))
    self->override_reason = g_strdup (json_object_get_string_member_with_default (r->body, "key_override_reason", ""));
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), zc_applicant_get_key (applicant));
  self->syncing = FALSE;
  zc_reception_page_show_applicant (self);

  reception = zc_reception_new (item, applicant, &today);
  if (!zc_reception_restore (reception, r->body, &error))
    {
      toast_error (self, error);
      resume_free (r);
      return;
    }
  zc_reception_page_set_reception (self, reception);

  /* parties are fetched again from the licence library */
  r->pending = 1;
  {
    JsonArray *parties = json_object_get_array_member (r->body, "parties");

    for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
      {
        JsonNode *node = json_array_get_element (parties, i);
        JsonObject *p;
        const char *role, *key;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          continue;
        p = json_node_get_object (node);
        role = json_object_get_string_member_with_default (p, "role", NULL);
        key = json_object_get_string_member_with_default (p, "key", NULL);
        if (role == NULL || key == NULL)
          continue;
        if (g_strcmp0 (key, zc_applicant_get_key (applicant)) == 0)
          {
            zc_reception_set_party (reception, role, applicant);
            continue;
          }
        r->pending++;
        {
          ResumeParty *rp = g_new0 (ResumeParty, 1);

          rp->r = r;
          rp->role = g_strdup (role);
          zc_client_get_applicant_async (self->client, key, self->cancellable,
                                         resume_party_cb, rp);
        }
      }
  }
  resume_finish (r);
}

/**
 * zc_reception_page_open_draft:
 * @local_ref: a draft of the logged-in clerk in the store
 * @step: (nullable): the step to show once restored (NULL = the form);
 *   ZC_RECEPTION_STEP_CONFIRM shows everything still wrong at once
 *
 * Restores the saved reception @local_ref (applicant and parties are
 * fetched again) — e.g. a refused submission taken back for correction.
 * Submitting it again appends a new outbox entry.
 */
void
zc_reception_page_open_draft (ZcReceptionPage *self,
                              const char      *local_ref,
                              const char      *step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  Resume *r;

  g_return_if_fail (ZC_IS_RECEPTION_PAGE (self));

  if (local_ref == NULL || self->store == NULL || self->client == NULL)
    return;
  /* the list of drafts names them before the catalogue is in: a draft
   * chosen that early opens once it is */
  if (self->catalogue == NULL)
    {
      g_autofree char *ref = g_strdup (local_ref);
      g_autofree char *at = g_strdup (step);

      g_free (self->pending_draft);
      g_free (self->pending_step);
      self->pending_draft = g_steal_pointer (&ref);
      self->pending_step = g_steal_pointer (&at);
      return;
    }
  body = zc_store_load_draft (self->store, local_ref, &error);
  if (body == NULL)
    {
      toast_error (self, error);
      return;
    }
  r = g_new0 (Resume, 1);
  r->self = g_object_ref (self);
  r->body = json_object_ref (body);
  r->local_ref = g_strdup (local_ref);
  r->step = g_strdup (step);
  zc_client_get_applicant_async (self->client,
                                 json_object_get_string_member_with_default (body, "applicant", ""),
                                 self->cancellable, resume_applicant_cb, r);
}

static void
draft_row_activated_cb (ZcReceptionPage *self,
                        GtkListBoxRow   *row)
{
  zc_reception_page_open_draft (self, g_object_get_data (G_OBJECT (row), "local-ref"), NULL);
}

/* The name of a draft's item: the catalogue's; until the catalogue is
 * in, the one saved with the draft; never the bare code while loading */
static const char *
draft_item_name (ZcReceptionPage *self,
                 JsonObject      *body)
{
  const char *code = json_object_get_string_member_with_default (body, "item", "");
  const char *saved = json_object_get_string_member_with_default (body, "item_name", NULL);

  for (guint i = 0; self->catalogue != NULL && i < g_list_model_get_n_items (self->catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) it = g_list_model_get_item (self->catalogue, i);

      if (g_strcmp0 (zc_catalogue_item_get_code (it), code) == 0)
        return zc_catalogue_item_get_name (it);
    }
  if (saved != NULL && saved[0] != '\0')
    return saved;
  if (self->catalogue == NULL)
    return _("Unfinished reception");
  return code;
}

static void
zc_reception_page_refresh_drafts (ZcReceptionPage *self)
{
  g_auto(GStrv) refs = NULL;
  ZcUser *user;
  guint shown = 0;

  if (self->disposed)
    return;
  clear_list (self->drafts_list);
  if (self->store != NULL && self->client != NULL && (user = zc_client_get_user (self->client)) != NULL)
    refs = zc_store_list_drafts (self->store, zc_user_get_username (user), NULL);

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      g_autoptr(JsonObject) body = NULL;
      g_autofree char *masked = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (self->local_ref != NULL && g_str_equal (refs[i], self->local_ref))
        continue;
      body = zc_store_load_draft (self->store, refs[i], NULL);
      if (body == NULL)
        continue;
      masked = zc_mask_id (json_object_get_string_member_with_default (body, "applicant", ""));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), draft_item_name (self, body));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      subtitle = g_strdup_printf ("%s · %s", masked, refs[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "local-ref", g_strdup (refs[i]), g_free);
      gtk_list_box_append (self->drafts_list, row);
      if (++shown >= 5)
        break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), shown > 0);
}

/* --- navigation ------------------------------------------------------ */

static gboolean
zc_reception_page_can_leave (ZcReceptionPage *self,
                             const char      *step)
{
  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    return TRUE;   /* Next looks the key up */
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    return TRUE;   /* Next picks the first item */
  if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES))
    return zc_reception_page_parties_ready (self);
  return self->reception != NULL;
}

static void
zc_reception_page_update_nav (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  int index = step_index (step);
  g_autofree char *label = NULL;

  if (index >= 0)
    /* Translators: "Step 2 of 7: Integrated Item" */
    label = g_strdup_printf (_("Step %d of %d: %s"), index + 1, (int) G_N_ELEMENTS (step_order), step_title (step));
  else
    label = g_strdup (self->done_step_title != NULL ? self->done_step_title : step_title (step));
  gtk_label_set_text (self->step_label, label);

  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), index >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), index > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          index >= 0 && index + 1 < (int) G_N_ELEMENTS (step_order));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            index >= 0 && zc_reception_page_can_leave (self, step));
}

/* Focuses where the clerk types next in the current step */
static gboolean
zc_reception_page_focus_step (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    return gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    return gtk_widget_grab_focus (GTK_WIDGET (self->item_search));
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATTERS))
    /* the first optional sub-matter (Space leaves it out) */
    return focus_first_control (self->matters_list, FALSE)
           || gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES) && self->party_slots->len > 0)
    return gtk_widget_grab_focus (GTK_WIDGET (((PartySlot *) g_ptr_array_index (self->party_slots, 0))->row));
  if (g_str_equal (step, ZC_RECEPTION_STEP_FORM))
    {
      /* the first field nobody has answered yet */
      for (guint i = 0; i < self->field_slots->len; i++)
        {
          FieldSlot *slot = g_ptr_array_index (self->field_slots, i);

          if (zc_reception_field_get_value (slot->field)[0] == '\0')
            return gtk_widget_grab_focus (slot->entry != NULL ? GTK_WIDGET (slot->entry) : GTK_WIDGET (slot->combo));
        }
    }
  if (g_str_equal (step, ZC_RECEPTION_STEP_MATERIALS))
    /* the first material still to be decided */
    return focus_first_control (self->materials_list, TRUE)
           || focus_first_control (self->materials_list, FALSE)
           || gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  if (g_str_equal (step, ZC_RECEPTION_STEP_CONFIRM))
    return gtk_widget_grab_focus (gtk_widget_get_sensitive (GTK_WIDGET (self->submit_button))
                                  ? GTK_WIDGET (self->submit_button) : GTK_WIDGET (self->back_button));
  if (g_str_equal (step, ZC_RECEPTION_STEP_DONE))
    return gtk_widget_grab_focus (self->new_button);
  return gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
zc_reception_page_go_to (ZcReceptionPage *self,
                         const char      *step)
{
  int target = step_index (step);
  const char *current = gtk_stack_get_visible_child_name (self->stack);

  /* a step needs what the ones before it chose */
  if (target >= 1 && self->applicant == NULL)
    step = ZC_RECEPTION_STEP_APPLICANT;
  else if (target >= 2 && self->reception == NULL)
    step = ZC_RECEPTION_STEP_ITEM;

  if (self->reception != NULL && g_strcmp0 (current, step) != 0)
    {
      if (g_str_equal (step, ZC_RECEPTION_STEP_MATTERS))
        zc_reception_page_build_matters (self);
      else if (g_str_equal (step, ZC_RECEPTION_STEP_PARTIES))
        zc_reception_page_build_parties (self);
      else if (g_str_equal (step, ZC_RECEPTION_STEP_FORM))
        zc_reception_page_build_form (self);
      else if (g_str_equal (step, ZC_RECEPTION_STEP_MATERIALS))
        zc_reception_page_build_materials (self);
      else if (g_str_equal (step, ZC_RECEPTION_STEP_CONFIRM))
        zc_reception_page_build_confirm (self);
    }
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM))
    zc_reception_page_filter_items (self);

  gtk_stack_set_visible_child_name (self->stack, step);
  zc_reception_page_update_nav (self);

  /* the draft remembers the step */
  if (self->reception != NULL && !self->submitted && step_index (step) >= 0
      && g_strcmp0 (current, step) != 0)
    zc_reception_page_schedule_save (self);

  /* focus where the clerk types next (not while the page is hidden: it
   * would take the keys away from the section shown) */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    zc_reception_page_focus_step (self);
}

static void
zc_reception_page_next (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  int index = step_index (step);

  if (g_str_equal (step, ZC_RECEPTION_STEP_APPLICANT))
    {
      zc_reception_page_fetch_applicant (self);
      return;
    }
  if (g_str_equal (step, ZC_RECEPTION_STEP_ITEM) && self->reception == NULL)
    {
      item_search_activated_cb (self);
      return;
    }
  if (index < 0 || index + 1 >= (int) G_N_ELEMENTS (step_order)
      || !zc_reception_page_can_leave (self, step))
    return;
  zc_reception_page_go_to (self, step_order[index + 1]);
}

static void
zc_reception_page_back (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  int index = step_index (step);

  if (g_str_equal (step, ZC_RECEPTION_STEP_DONE))
    {
      if (self->submitted)
        return;
      zc_reception_page_go_to (self, ZC_RECEPTION_STEP_CONFIRM);
      return;
    }
  if (index > 0)
    zc_reception_page_go_to (self, step_order[index - 1]);
}

static void
action_next (GtkWidget *widget, const char *name, GVariant *param)
{
  zc_reception_page_next (ZC_RECEPTION_PAGE (widget));
}

static void
action_back (GtkWidget *widget, const char *name, GVariant *param)
{
  zc_reception_page_back (ZC_RECEPTION_PAGE (widget));
}

static void
action_submit (GtkWidget *widget, const char *name, GVariant *param)
{
  zc_reception_page_submit (ZC_RECEPTION_PAGE (widget));
}

static void
action_refuse (GtkWidget *widget, const char *name, GVariant *param)
{
  zc_reception_page_refuse (ZC_RECEPTION_PAGE (widget));
}

static void
action_notice (GtkWidget *widget, const char *name, GVariant *param)
{
  zc_reception_page_one_time_notice (ZC_RECEPTION_PAGE (widget));
}

static void
action_new (GtkWidget *widget, const char *name, GVariant *param)
{
  /* Ctrl+N works anywhere in the window: the section is shown first */
  gtk_widget_activate_action (widget, "win.show-reception", NULL);
  zc_reception_page_reset (ZC_RECEPTION_PAGE (widget));
}

static void
action_open_case (GtkWidget *widget, const char *name, GVariant *param)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (widget);

  if (self->case_id > 0)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, self->case_id);
  else
    toast (self, _("The case opens once the platform has received it"));
}

static void
action_all_received (GtkWidget *widget, const char *name, GVariant *param)
{
  mark_all_received_cb (ZC_RECEPTION_PAGE (widget));
}

/* --- building the page ----------------------------------------------- */

static GtkWidget *
make_button (const char *label,
             const char *action,
             const char *css)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static void
zc_reception_page_build (ZcReceptionPage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer;
  GtkBox *box;
  GtkWidget *group, *w, *w2;
  GtkListBox *list;

  /* the step header */
  gtk_widget_add_css_class (top, "reception-steps");
  self->step_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->step_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->step_label), "title-4");
  gtk_widget_set_hexpand (GTK_WIDGET (self->step_label), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->step_label));
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 12);
  w = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (w), 760);
  adw_clamp_set_child (ADW_CLAMP (w), top);
  gtk_box_append (GTK_BOX (outer), w);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));

  /* (a) applicant */
  make_step (self->stack, ZC_RECEPTION_STEP_APPLICANT, &box);
  self->drafts_group = ADW_PREFERENCES_GROUP (make_group (box, _("Continue an Unfinished Reception"),
                                                          _("Saved on this computer as they were typed"),
                                                          &self->drafts_list));
  gtk_list_box_set_selection_mode (self->drafts_list, GTK_SELECTION_NONE);
  gtk_widget_set_name (GTK_WIDGET (self->drafts_list), "drafts-list");
  g_signal_connect_swapped (self->drafts_list, "row-activated", G_CALLBACK (draft_row_activated_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), FALSE);

  group = make_group (box, _("Who Is Applying?"),
                      _("Type the ID number of a person or the unified social credit code of an enterprise, then press Enter."),
                      &list);
  self->key_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row), _("_ID number or credit code"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->key_row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("ID number or credit code"), -1);
  self->key_spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Looking up the applicant"), -1);
  adw_entry_row_add_suffix (self->key_row, GTK_WIDGET (self->key_spinner));
  self->key_cancel_button = GTK_BUTTON (gtk_button_new_from_icon_name ("process-stop-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->key_cancel_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->key_cancel_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_cancel_button), _("Stop the lookup"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_cancel_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stop the lookup"), -1);
  g_signal_connect_swapped (self->key_cancel_button, "clicked", G_CALLBACK (key_cancel_cb), self);
  adw_entry_row_add_suffix (self->key_row, GTK_WIDGET (self->key_cancel_button));
  g_signal_connect_swapped (self->key_row, "changed", G_CALLBACK (key_changed_cb), self);
  g_signal_connect_swapped (self->key_row, "entry-activated", G_CALLBACK (key_activated_cb), self);
  gtk_widget_set_name (GTK_WIDGET (self->key_row), "key-row");
  gtk_list_box_append (list, GTK_WIDGET (self->key_row));
  (void) group;

  self->key_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->key_error_label, 0);
  gtk_label_set_wrap (self->key_error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->key_error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->key_error_label), "field-message");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem with the key"), -1);
  gtk_box_append (box, GTK_WIDGET (self->key_error_label));

  self->override_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  self->override_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Use it anyway (a reason is required)")));
  g_signal_connect_swapped (self->override_check, "toggled", G_CALLBACK (override_toggled_cb), self);
  gtk_box_append (self->override_box, GTK_WIDGET (self->override_check));
  w = gtk_list_box_new ();
  gtk_widget_add_css_class (w, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (w), GTK_SELECTION_NONE);
  self->override_reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->override_reason_row),
                                 _("Reason (shown to the supervisor)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->override_reason_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for accepting the credit code"), -1);
  g_signal_connect_swapped (self->override_reason_row, "entry-activated", G_CALLBACK (key_activated_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->override_reason_row), FALSE);
  gtk_list_box_append (GTK_LIST_BOX (w), GTK_WIDGET (self->override_reason_row));
  gtk_box_append (self->override_box, w);
  gtk_box_append (box, GTK_WIDGET (self->override_box));

  self->applicant_group = ADW_PREFERENCES_GROUP (make_group (box, _("Applicant"), NULL, &list));
  self->applicant_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->applicant_row), "applicant-full");
  adw_action_row_add_prefix (self->applicant_row, gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  gtk_list_box_append (list, GTK_WIDGET (self->applicant_row));
  self->licences_group = ADW_PREFERENCES_GROUP (make_group (box, _("Electronic Licences"), NULL, &self->licences_list));
  self->known_parties_group = ADW_PREFERENCES_GROUP (make_group (box, _("Known Parties"), NULL, &self->known_parties_list));

  /* (b) item */
  make_step (self->stack, ZC_RECEPTION_STEP_ITEM, &box);
  w = gtk_label_new_with_mnemonic (_("_Search the catalogue by name or pinyin initials (e.g. kbcyd)"));
  gtk_label_set_xalign (GTK_LABEL (w), 0);
  gtk_label_set_wrap (GTK_LABEL (w), TRUE);
  gtk_box_append (box, w);
  self->item_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_label_set_mnemonic_widget (GTK_LABEL (w), GTK_WIDGET (self->item_search));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->item_search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search the catalogue"), -1);
  g_signal_connect_swapped (self->item_search, "search-changed", G_CALLBACK (zc_reception_page_filter_items), self);
  g_signal_connect_swapped (self->item_search, "activate", G_CALLBACK (item_search_activated_cb), self);
  gtk_widget_set_name (GTK_WIDGET (self->item_search), "item-search");
  gtk_box_append (box, GTK_WIDGET (self->item_search));
  make_group (box, _("Integrated Items for This Applicant"), NULL, &self->item_list);
  gtk_list_box_set_selection_mode (self->item_list, GTK_SELECTION_NONE);
  gtk_widget_set_name (GTK_WIDGET (self->item_list), "item-list");
  g_signal_connect_swapped (self->item_list, "row-activated", G_CALLBACK (item_row_activated_cb), self);
  self->item_empty_label = GTK_LABEL (gtk_label_new (_("No item of the catalogue matches, or none fits this applicant.")));
  gtk_widget_add_css_class (GTK_WIDGET (self->item_empty_label), "dim-label");
  gtk_box_append (box, GTK_WIDGET (self->item_empty_label));

  /* (c) matters */
  make_step (self->stack, ZC_RECEPTION_STEP_MATTERS, &box);
  make_group (box, _("Sub-matters"),
              _("Required sub-matters are always handled; optional ones can be left out. Each goes to its department with its own time limit."),
              &self->matters_list);

  /* (d) parties */
  make_step (self->stack, ZC_RECEPTION_STEP_PARTIES, &box);
  make_group (box, _("Parties"),
              _("The people and enterprises this item needs besides the applicant, by their keys. Known parties are suggested; leave a role empty if there is none (e.g. no agent)."),
              &self->parties_list);
  gtk_widget_set_name (GTK_WIDGET (self->parties_list), "parties-list");

  /* (e) form */
  make_step (self->stack, ZC_RECEPTION_STEP_FORM, &box);
  self->prefill_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->prefill_label, 0);
  gtk_label_set_wrap (self->prefill_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->prefill_label), "dim-label");
  gtk_box_append (box, GTK_WIDGET (self->prefill_label));
  self->form_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (box, GTK_WIDGET (self->form_box));

  /* (f) materials */
  make_step (self->stack, ZC_RECEPTION_STEP_MATERIALS, &box);
  group = make_group (box, _("Materials"),
                      _("Each material is asked for once. Exempt ones are fetched from the licence library and not handed in."),
                      &self->materials_list);
  w = gtk_button_new_with_mnemonic (_("Mark All Pending as _Received"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (w), "reception.all-received");
  gtk_widget_add_css_class (w, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), w);

  /* (g) confirm */
  make_step (self->stack, ZC_RECEPTION_STEP_CONFIRM, &box);
  make_group (box, _("Summary"), NULL, &self->summary_list);
  self->problems_group = ADW_PREFERENCES_GROUP (make_group (box, _("Before It Can Be Received"),
                                                            _("Everything that is still missing, at once"),
                                                            &self->problems_list));
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_list), "reception-problems");
  w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (w, GTK_ALIGN_CENTER);
  self->notice_button = GTK_BUTTON (make_button (_("_One-Time Notice"), "reception.notice", NULL));
  self->refuse_button = GTK_BUTTON (make_button (_("Re_fuse"), "reception.refuse", "destructive-action"));
  self->submit_button = GTK_BUTTON (make_button (_("_Receive"), "reception.submit", "suggested-action"));
  gtk_box_append (GTK_BOX (w), GTK_WIDGET (self->notice_button));
  gtk_box_append (GTK_BOX (w), GTK_WIDGET (self->refuse_button));
  gtk_widget_set_name (GTK_WIDGET (self->submit_button), "submit-button");
  gtk_box_append (GTK_BOX (w), GTK_WIDGET (self->submit_button));
  gtk_box_append (box, w);

  /* done: the receipt */
  make_step (self->stack, ZC_RECEPTION_STEP_DONE, &box);
  self->done_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->done_title), "title-1");
  gtk_box_append (box, GTK_WIDGET (self->done_title));
  self->done_description = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->done_description, TRUE);
  gtk_label_set_justify (self->done_description, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->done_description), "dim-label");
  gtk_box_append (box, GTK_WIDGET (self->done_description));
  self->number_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->number_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->number_label), "title-3");
  gtk_widget_add_css_class (GTK_WIDGET (self->number_label), "case-number");
  gtk_widget_set_name (GTK_WIDGET (self->number_label), "number-label");
  gtk_box_append (box, GTK_WIDGET (self->number_label));
  self->preview = ZC_DOCUMENT_PREVIEW (zc_document_preview_new ());
  gtk_widget_set_name (GTK_WIDGET (self->preview), "preview");
  gtk_box_append (box, GTK_WIDGET (self->preview));
  w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (w, GTK_ALIGN_CENTER);
  w2 = make_button (_("_Open the Case"), "reception.open-case", NULL);
  gtk_widget_set_name (w2, "open-case-button");
  gtk_box_append (GTK_BOX (w), w2);
  self->new_button = make_button (_("_New Reception"), "reception.new", "suggested-action");
  gtk_box_append (GTK_BOX (w), self->new_button);
  gtk_box_append (box, w);

  /* the step bar */
  self->action_bar = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
  gtk_widget_add_css_class (GTK_WIDGET (self->action_bar), "toolbar");
  gtk_widget_add_css_class (GTK_WIDGET (self->action_bar), "reception-nav");
  self->back_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Back")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "reception.back");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->back_button), _("Previous step (Alt+Left or Escape)"));
  gtk_box_append (self->action_bar, GTK_WIDGET (self->back_button));
  spacer = gtk_label_new (_("Enter moves on · Ctrl+Enter next step · Alt+Left back · Ctrl+N new reception · every change is saved on this computer"));
  gtk_widget_add_css_class (spacer, "dim-label");
  gtk_widget_add_css_class (spacer, "caption");
  gtk_label_set_ellipsize (GTK_LABEL (spacer), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (self->action_bar, spacer);
  self->next_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "reception.next");
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), _("Next step (Ctrl+Enter)"));
  gtk_widget_set_name (GTK_WIDGET (self->next_button), "next-button");
  gtk_box_append (self->action_bar, GTK_WIDGET (self->next_button));
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->action_bar));

  adw_bin_set_child (ADW_BIN (self), outer);
}

/* --- GtkWidget ------------------------------------------------------- */

/* Ctrl+N anywhere in the window, even while another section is shown:
 * the page's own controllers only run while it is mapped */
static gboolean
new_shortcut_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  ZcReceptionPage *self = user_data;

  if (self->client == NULL || zc_client_get_user (self->client) == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "reception.new", NULL);
}

static void
zc_reception_page_root (GtkWidget *widget)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (widget);
  GtkShortcut *shortcut;

  GTK_WIDGET_CLASS (zc_reception_page_parent_class)->root (widget);

  self->shortcut_root = GTK_WIDGET (gtk_widget_get_root (widget));
  self->window_shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (self->window_shortcuts, "zc-reception-shortcuts");
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                               gtk_callback_action_new (new_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->window_shortcuts), shortcut);
  gtk_widget_add_controller (self->shortcut_root, self->window_shortcuts);
}

static void
zc_reception_page_unroot (GtkWidget *widget)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (widget);

  if (self->shortcut_root != NULL && self->window_shortcuts != NULL)
    gtk_widget_remove_controller (self->shortcut_root, self->window_shortcuts);
  self->shortcut_root = NULL;
  self->window_shortcuts = NULL;

  GTK_WIDGET_CLASS (zc_reception_page_parent_class)->unroot (widget);
}

static void
zc_reception_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (zc_reception_page_parent_class)->map (widget);
  /* shown: the keys go to the step's first control */
  zc_reception_page_focus_step (ZC_RECEPTION_PAGE (widget));
}

static gboolean
zc_reception_page_grab_focus (GtkWidget *widget)
{
  return zc_reception_page_focus_step (ZC_RECEPTION_PAGE (widget));
}

/* --- GObject --------------------------------------------------------- */

static void
zc_reception_page_dispose (GObject *object)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (object);

  if (self->save_source != 0)
    zc_reception_page_save_now (self);
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->services_cancellable);
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  if (self->outbox != NULL && self->entry_sent_id != 0)
    g_signal_handler_disconnect (self->outbox, self->entry_sent_id);
  self->entry_sent_id = 0;
  zc_reception_page_drop_reception (self);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->outbox);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->applicant);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (zc_reception_page_parent_class)->dispose (object);
}

static void
zc_reception_page_finalize (GObject *object)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->services_cancellable);
  g_clear_object (&self->fetch_cancellable);
  g_clear_pointer (&self->party_slots, g_ptr_array_unref);
  g_clear_pointer (&self->field_slots, g_ptr_array_unref);
  g_free (self->override_reason);
  g_free (self->local_ref);
  g_free (self->case_number);
  g_free (self->pending_draft);
  g_free (self->pending_step);

  G_OBJECT_CLASS (zc_reception_page_parent_class)->finalize (object);
}

static void
zc_reception_page_class_init (ZcReceptionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->dispose = zc_reception_page_dispose;
  object_class->finalize = zc_reception_page_finalize;
  widget_class->root = zc_reception_page_root;
  widget_class->unroot = zc_reception_page_unroot;
  widget_class->map = zc_reception_page_map;
  widget_class->grab_focus = zc_reception_page_grab_focus;

  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "reception.next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "reception.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "reception.submit", NULL, action_submit);
  gtk_widget_class_install_action (widget_class, "reception.refuse", NULL, action_refuse);
  gtk_widget_class_install_action (widget_class, "reception.notice", NULL, action_notice);
  gtk_widget_class_install_action (widget_class, "reception.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "reception.open-case", NULL, action_open_case);
  gtk_widget_class_install_action (widget_class, "reception.all-received", NULL, action_all_received);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "reception.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "reception.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "reception.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "reception.next", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zc_reception_page_init (ZcReceptionPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->services_cancellable = g_cancellable_new ();
  self->party_slots = g_ptr_array_new_with_free_func (party_slot_free);
  self->field_slots = g_ptr_array_new_with_free_func (field_slot_free);
  zc_reception_page_build (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reception"), -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.new", FALSE);
  zc_reception_page_go_to (self, ZC_RECEPTION_STEP_APPLICANT);
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_reception_page_new (void)
{
  return g_object_new (ZC_TYPE_RECEPTION_PAGE, NULL);
}

void
zc_reception_page_set_services (ZcReceptionPage *self,
                                ZcClient        *client,
                                ZcStore         *store,
                                ZcOutbox        *outbox)
{
  g_return_if_fail (ZC_IS_RECEPTION_PAGE (self));

  if (self->outbox != NULL && self->entry_sent_id != 0)
    g_signal_handler_disconnect (self->outbox, self->entry_sent_id);
  self->entry_sent_id = 0;

  zc_reception_page_reset (self);
  g_set_object (&self->client, client);
  g_set_object (&self->store, store);
  g_set_object (&self->outbox, outbox);
  g_clear_object (&self->catalogue);
  g_clear_pointer (&self->pending_draft, g_free);
  g_clear_pointer (&self->pending_step, g_free);

  if (self->outbox != NULL)
    self->entry_sent_id = g_signal_connect (self->outbox, "entry-sent", G_CALLBACK (entry_sent_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.new",
                                 self->client != NULL && zc_client_get_user (self->client) != NULL);

  g_cancellable_cancel (self->services_cancellable);
  g_clear_object (&self->services_cancellable);
  self->services_cancellable = g_cancellable_new ();
  if (self->client != NULL && zc_client_get_user (self->client) != NULL)
    zc_client_list_catalogue_async (self->client, self->services_cancellable, catalogue_cb, g_object_ref (self));
  zc_reception_page_refresh_drafts (self);
}

const char *
zc_reception_page_get_step (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
zc_reception_page_get_local_ref (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return self->local_ref;
}

const char *
zc_reception_page_get_case_number (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return self->case_number;
}

gint64
zc_reception_page_get_case_id (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), 0);

  return self->case_id;
}

ZcReception *
zc_reception_page_get_reception (ZcReceptionPage *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_PAGE (self), NULL);

  return self->reception;
}
