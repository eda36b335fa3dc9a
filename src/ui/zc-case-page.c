/* zc-case-page.c — one case in full: applicant, parties, form (each
 * prefilled field with its source), materials, progress of every
 * department (GET /cases/{id}/progress), history, documents, withdraw
 *
 * Personal data is shown in full: this page belongs to the window
 * handling the case (the platform decides who may open it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"
#include "zc-document.h"
#include "zc-mask.h"
#include "zc-reception.h"

#include "zc-applicant-verification.h"
#include "zc-case-commitments.h"
#include "zc-case-form-view.h"
#include "zc-case-history.h"
#include "zc-case-materials.h"
#include "zc-case-page.h"
#include "zc-reason-dialog.h"
#include "zc-document-preview.h"
#include "zc-ui-utils.h"

struct _ZcCasePage
{
  AdwBin             parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkLabel          *title_label;
  GtkLabel          *number_label;
  GtkLabel          *state_pill;
  GtkLabel          *holder_label;
  ZcApplicantVerification *verification;
  GtkListBox        *applicant_list;
  AdwPreferencesGroup *parties_group;
  GtkListBox        *parties_list;
  ZcCaseFormView    *form_view;
  AdwPreferencesGroup *materials_group;
  GtkListBox        *materials_list;
  ZcCaseMaterials   *checks;     /* the material files, each checked */
  ZcCaseCommitments *commitments;
  GtkListBox        *tasks_list;
  ZcCaseHistory     *history;
  GtkScrolledWindow *scroller;
  GtkWidget         *titles;
  GtkButton         *withdraw_button;
  GtkButton         *refusal_button;
  GtkButton         *receipt_button;
  GtkButton         *takeover_button;
  ZcDocumentPreview *preview;

  ZcClient          *client;
  GCancellable      *cancellable;
  ZcCase            *kase;
  ZcCatalogueItem   *item;
  JsonObject        *progress; /* GET /cases/{id}/progress, or NULL */
  gint64             id;
  guint              n_events;
  gboolean           opened;   /* the new case is shown: at the top, focus in it */
  ZcReasonRequest    withdrawal;  /* one at a time, one key per request */
  ZcReasonRequest    takeover;    /* one at a time (taking over twice changes nothing) */
};

G_DEFINE_FINAL_TYPE (ZcCasePage, zc_case_page, ADW_TYPE_BIN)

enum {
  TOAST,
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void zc_case_page_fetch (ZcCasePage *self,
                                gint64      id,
                                gboolean    open);

/* --- helpers --------------------------------------------------------- */

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
  return row;
}

static char *
format_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("");
  local = zc_date_time_to_china (when);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const char *
role_label (ZcCasePage *self,
            const char *role)
{
  const char *label = self->item != NULL ? zc_catalogue_item_get_party_label (self->item, role) : NULL;

  return label != NULL ? label : role;
}

/* The platform names users by username; the logged-in one by name */
static const char *
user_name (ZcCasePage *self,
           const char *username)
{
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;

  if (user != NULL && g_strcmp0 (zc_user_get_username (user), username) == 0)
    return zc_user_get_display_name (user);
  return username != NULL ? username : "";
}

/* the material's state at the counter ("pending" when the case says
 * nothing), and the licence type that replaced it, if any */
static const char *
material_state (ZcCase      *c,
                const char  *code,
                const char **licence_type_out)
{
  const ZcCaseMaterial *material = zc_case_get_material (c, code);

  *licence_type_out = material != NULL ? material->licence_type : NULL;
  return material != NULL ? material->state : "pending";
}

/* 容缺受理… / 告知承诺… on a material row the case may still cover */
static void
add_offer_buttons (ZcCasePage *self,
                   GtkWidget  *row,
                   ZcMaterial *m)
{
  static const struct { ZcCommitmentKind kind; const char *action; const char *label; const char *name; } offers[] = {
    { ZC_COMMITMENT_KIND_TOLERANCE, "case.tolerate", N_("Accept as Missing…"), "offer-tolerance" },
    { ZC_COMMITMENT_KIND_COMMITMENT, "case.commit", N_("Commitment…"), "offer-commitment" },
  };
  const char *code = zc_material_get_code (m);

  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      GtkWidget *button;
      g_autofree char *a11y = NULL;

      if (!zc_case_commitments_can_offer (self->commitments, offers[i].kind, code))
        continue;
      button = gtk_button_new_with_label (_(offers[i].label));
      gtk_widget_set_name (button, offers[i].name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), offers[i].action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", code);
      if (offers[i].kind == ZC_COMMITMENT_KIND_TOLERANCE)
        /* Translators: the accessible name of the button on a material row: 容缺受理：NAME */
        a11y = g_strdup_printf (_("Accept as missing: %s"), zc_material_get_name (m));
      else
        a11y = g_strdup_printf (_("Replace by commitment: %s"), zc_material_get_name (m));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
}

static void
fill_materials (ZcCasePage *self)
{
  ZcCase *c = self->kase;
  GListModel *materials;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint shown = 0;
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;
  ZcCaseState case_state = zc_case_get_state (c);
  /* the window takes paper in for an open or received case */
  gboolean takes_paper = user != NULL
                         && (zc_user_get_role (user) == ZC_ROLE_CLERK || zc_user_get_role (user) == ZC_ROLE_HELPER)
                         && (case_state == ZC_CASE_STATE_DRAFT || case_state == ZC_CASE_STATE_RECEIVED
                             || case_state == ZC_CASE_STATE_RETURNED);

  zc_ui_clear_list (self->materials_list);
  if (self->item == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->materials_group), FALSE);
      return;
    }

  materials = zc_catalogue_item_get_materials (self->item);
  for (guint i = 0; materials != NULL && i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);
      const char *licence_type = NULL;
      const char *state;
      g_autofree char *label = NULL;
      g_autofree char *name = NULL;
      const char *css = "state-received";
      GtkWidget *row, *pill;

      if (!zc_case_material_applies (c, m) || !g_hash_table_add (seen, (gpointer) zc_material_get_code (m)))
        continue;
      if (zc_case_get_material (c, zc_material_get_code (m)) == NULL && !zc_case_has_reception_states (c))
        {
          /* the reception recorded no state of it (a case received
           * without them, a commitment recorded since on another
           * material): what the catalogue says of the material, never a
           * guess at what happened */
          const char *type_label = zc_licence_type_label (zc_material_get_replaced_by (m));

          state = "unrecorded";
          if (type_label != NULL)
            /* Translators: 可免提交（居民身份证）: a licence on record can replace it */
            label = g_strdup_printf (_("Exemptible (%s)"), type_label);
          else if (zc_material_get_tolerable (m))
            label = g_strdup (_("Tolerable"));
          else if (zc_material_get_commitment_allowed (m))
            label = g_strdup (_("Commitment allowed"));
          else
            label = g_strdup (_("Required"));
          css = NULL;
        }
      else if (g_strcmp0 ((state = material_state (c, zc_material_get_code (m), &licence_type)), "received") == 0)
        label = g_strdup (_("Collected"));
      else if (g_strcmp0 (state, "deferred") == 0)
        {
          label = g_strdup (_("Tolerated"));
          css = "state-returned";
        }
      else if (g_strcmp0 (state, "committed") == 0)
        label = g_strdup (_("Committed"));
      else if (g_strcmp0 (state, "exempt") == 0)
        {
          const char *type = licence_type != NULL ? licence_type : zc_material_get_replaced_by (m);
          const char *type_label = zc_licence_type_label (type);

          if (type_label != NULL || type != NULL)
            /* Translators: 免提交（居民身份证）: a licence on record replaces the material */
            label = g_strdup_printf (_("Exempt (%s)"), type_label != NULL ? type_label : type);
          else
            label = g_strdup (_("Exempt"));
          css = "state-completed";
        }
      else
        {
          state = "pending";
          label = g_strdup (_("To be supplied"));
          css = "state-returned";
        }

      row = add_row (self->materials_list, zc_material_get_name (m), NULL);
      name = g_strconcat ("material-", state, NULL);
      gtk_widget_set_name (row, name);
      pill = zc_ui_make_pill (label, css);
      gtk_widget_set_name (pill, "material-state");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
      /* paper to take in: what is still to be supplied, tolerated, or
       * collected at the counter (its scan kept now) — not what a licence
       * or a commitment stands for */
      if (takes_paper && g_strcmp0 (state, "exempt") != 0 && g_strcmp0 (state, "committed") != 0
          && (g_strcmp0 (state, "unrecorded") != 0 || zc_material_get_replaced_by (m) == NULL))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_case_materials_capture_buttons_new (self->checks, m));
      add_offer_buttons (self, row, m);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->materials_group), shown > 0);
}

static void
add_progress_row (ZcCasePage  *self,
                  const char  *matter_name,
                  const char  *department,
                  const char  *due_text,
                  ZcTaskState  ts,
                  gboolean     provisional,
                  gboolean     awaiting,
                  gboolean     late,
                  gboolean     from_platform)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (due_text != NULL && due_text[0] != '\0')
    /* Translators: department · due YYYY-MM-DD */
    subtitle = g_strdup_printf (_("%s · due %s"), department != NULL ? department : "", due_text);
  else
    subtitle = g_strdup (department);
  row = add_row (self->tasks_list, matter_name, subtitle);
  gtk_widget_set_name (row, from_platform ? "progress-row" : "task-row");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (provisional)
    gtk_box_append (GTK_BOX (box), zc_ui_make_pill (_("Provisional"), "state-returned"));
  if (awaiting)
    gtk_box_append (GTK_BOX (box), zc_ui_make_pill (_("Awaiting supplement"), "state-returned"));
  if (late)
    {
      GtkWidget *pill = zc_ui_make_pill (_("Overdue"), "state-not_accepted");

      gtk_widget_set_name (pill, "late-pill");
      gtk_box_append (GTK_BOX (box), pill);
    }
  gtk_box_append (GTK_BOX (box), zc_ui_make_pill (zc_task_state_label (ts),
                                            ts == ZC_TASK_STATE_DENIED ? "state-not_accepted"
                                            : zc_task_state_is_final (ts) ? "state-completed"
                                            : "state-received"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
}

/* Per-task progress: the platform's GET /cases/{id}/progress, which
 * decides lateness on its own calendar ("late"); until it answers, the
 * case's own tasks, never marked late here. */
static void
fill_progress (ZcCasePage *self)
{
  guint shown = 0;

  zc_ui_clear_list (self->tasks_list);
  if (self->progress != NULL)
    {
      JsonNode *node = json_object_get_member (self->progress, "tasks");
      JsonArray *tasks = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint i = 0; tasks != NULL && i < json_array_get_length (tasks); i++)
        {
          JsonNode *n = json_array_get_element (tasks, i);
          JsonObject *t;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          t = json_node_get_object (n);
          add_progress_row (self,
                            json_object_get_string_member_with_default (t, "matter_name", ""),
                            json_object_get_string_member_with_default (t, "department", NULL),
                            json_object_get_string_member_with_default (t, "due_date", NULL),
                            zc_task_state_from_string (json_object_get_string_member_with_default (t, "state", NULL)),
                            json_object_get_boolean_member_with_default (t, "due_provisional", FALSE),
                            json_object_get_boolean_member_with_default (t, "awaiting_supplement", FALSE),
                            json_object_get_boolean_member_with_default (t, "late", FALSE),
                            TRUE);
          shown++;
        }
    }
  else if (self->kase != NULL)
    {
      GListModel *tasks = zc_case_get_tasks (self->kase);

      for (guint i = 0; tasks != NULL && i < g_list_model_get_n_items (tasks); i++)
        {
          g_autoptr(ZcTask) t = g_list_model_get_item (tasks, i);
          const GDate *due = zc_task_get_due_date (t);
          char due_text[16] = "";

          if (due != NULL && g_date_valid (due))
            g_date_strftime (due_text, sizeof due_text, "%Y-%m-%d", due);
          add_progress_row (self, zc_task_get_matter_name (t), zc_task_get_department (t), due_text,
                            zc_task_get_state (t), zc_task_get_due_provisional (t),
                            zc_task_get_awaiting_supplement (t), FALSE, FALSE);
          shown++;
        }
    }
  if (shown == 0)
    add_row (self->tasks_list, _("No sub-matter has been dispatched yet"), NULL);
}

/* --- filling --------------------------------------------------------- */

static void
zc_case_page_fill (ZcCasePage *self)
{
  ZcCase *c = self->kase;
  ZcCaseState state = zc_case_get_state (c);
  g_autofree char *pill_class = g_strdup_printf ("state-%s", zc_case_state_to_string (state));
  g_autofree char *kind = NULL;
  g_autofree char *number = NULL;
  GPtrArray *parties = zc_case_get_party_list (c);
  ZcUser *user = zc_client_get_user (self->client);

  gtk_label_set_text (self->title_label, zc_case_get_item_name (c));
  if (zc_case_get_number (c) != NULL)
    number = g_strdup (zc_case_get_number (c));
  else
    number = g_strdup (_("No number yet (draft)"));
  gtk_label_set_text (self->number_label, number);
  gtk_label_set_text (self->state_pill, zc_case_state_label (state));
  gtk_widget_set_css_classes (GTK_WIDGET (self->state_pill),
                              (const char *[]) { "state-pill", pill_class, NULL });

  if (zc_case_get_holder (c) != NULL && zc_case_get_holder (c)[0] != '\0')
    {
      g_autofree char *holder = NULL;
      const char *display = zc_case_get_holder_display (c);
      const char *name, *window = zc_case_get_holder_window (c);

      name = display != NULL && display[0] != '\0' ? display : user_name (self, zc_case_get_holder (c));
      /* the holder's window, as the platform gives it; else known for
       * oneself and for the case's clerk */
      if (window == NULL || window[0] == '\0')
        {
          if (user != NULL && g_strcmp0 (zc_case_get_holder (c), zc_user_get_username (user)) == 0)
            window = zc_user_get_window (user);
          else if (g_strcmp0 (zc_case_get_holder (c), zc_case_get_clerk (c)) == 0)
            window = zc_case_get_window (c);
        }
      if (window != NULL && window[0] != '\0')
        /* Translators: 由 王晓燕（1号窗口）处理中 */
        holder = g_strdup_printf (_("Being handled by %s (%s)"), name, window);
      else
        holder = g_strdup_printf (_("Being handled by %s"), name);
      gtk_label_set_text (self->holder_label, holder);
      gtk_widget_set_visible (GTK_WIDGET (self->holder_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->holder_label), FALSE);

  zc_applicant_verification_show (self->verification, self->client, c);

  zc_ui_clear_list (self->applicant_list);
  /* a person's 姓名, an enterprise's 名称 */
  add_row (self->applicant_list,
           g_strcmp0 (zc_case_get_applicant_kind (c), "enterprise") == 0 ? _("Enterprise name") : _("Name"),
           zc_case_get_applicant_name (c));
  add_row (self->applicant_list,
           g_strcmp0 (zc_case_get_applicant_kind (c), "enterprise") == 0
           ? _("Unified social credit code") : _("ID number"),
           zc_case_get_applicant (c));
  {
    g_autofree char *where = g_strdup_printf ("%s · %s", zc_case_get_window (c) ? zc_case_get_window (c) : "",
                                              user_name (self, zc_case_get_clerk (c)));
    g_autofree char *received = format_time (zc_case_get_received_at (c));

    add_row (self->applicant_list, _("Window and clerk"), where);
    if (received[0] != '\0')
      add_row (self->applicant_list, _("Received at"), received);
    if (zc_case_get_reason (c) != NULL)
      add_row (self->applicant_list, _("Reason given"), zc_case_get_reason (c));
    /* flagged for the supervisor: the code failed its check digit */
    if (zc_case_get_key_override_reason (c) != NULL)
      {
        GtkWidget *row = add_row (self->applicant_list,
                                  _("Credit code accepted although its check failed"),
                                  zc_case_get_key_override_reason (c));

        gtk_widget_set_name (row, "key-override-row");
        gtk_widget_add_css_class (row, "field-error");
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      }
  }

  zc_ui_clear_list (self->parties_list);
  for (guint i = 0; i < parties->len; i++)
    {
      ZcCaseParty *party = g_ptr_array_index (parties, i);

      add_row (self->parties_list, role_label (self, party->role != NULL ? party->role : ""),
               party->key != NULL ? party->key : "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->parties_group), parties->len > 0);

  zc_case_form_view_show (self->form_view, c, self->item);

  zc_case_commitments_set_case (self->commitments, self->client, c, self->item);
  fill_materials (self);
  zc_case_materials_show (self->checks, self->client, c, self->item);
  fill_progress (self);

  gtk_widget_set_visible (GTK_WIDGET (self->withdraw_button),
                          state == ZC_CASE_STATE_RECEIVED && user != NULL
                          && (zc_user_get_role (user) == ZC_ROLE_CLERK || zc_user_get_role (user) == ZC_ROLE_HELPER));
  /* what a case in its state has to reprint: the rule zcctl keeps too
   * (a draft has no receipt, only a case not accepted a refusal) */
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_button),
                          zc_document_case_has_kind (c, ZC_DOCUMENT_RECEIPT, NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_button),
                          zc_document_case_has_kind (c, ZC_DOCUMENT_REFUSAL, NULL));
  /* a supervisor takes over a case someone else holds (shift change) */
  gtk_widget_set_visible (GTK_WIDGET (self->takeover_button),
                          user != NULL && zc_user_get_role (user) == ZC_ROLE_SUPERVISOR
                          && zc_case_get_holder (c) != NULL && zc_case_get_holder (c)[0] != '\0'
                          && g_strcmp0 (zc_case_get_holder (c), zc_user_get_username (user)) != 0
                          && (state == ZC_CASE_STATE_DRAFT || state == ZC_CASE_STATE_RECEIVED
                              || state == ZC_CASE_STATE_RETURNED));

  gtk_stack_set_visible_child_name (self->stack, "case");
  if (!self->opened)
    {
      /* a case just opened shows its top (number, item, state) and takes
       * the focus from the sidebar or the list it was opened from */
      self->opened = TRUE;
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      gtk_widget_grab_focus (self->titles);
    }
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZcCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;

  events = zc_client_list_case_events_finish (ZC_CLIENT (object), result, &error);
  if (events == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }

  self->n_events = g_list_model_get_n_items (events);
  zc_case_history_set_events (self->history, events, zc_client_get_user (self->client));
}

static void
item_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ZcCasePage) self = user_data;
  g_autoptr(ZcCatalogueItem) item = NULL;

  item = zc_client_get_catalogue_item_finish (ZC_CLIENT (object), result, NULL);
  if (item != NULL && self->kase != NULL)
    {
      g_set_object (&self->item, item);
      zc_case_page_fill (self);
    }
}

static void
progress_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) progress = NULL;

  progress = zc_client_get_progress_finish (ZC_CLIENT (object), result, &error);
  if (progress == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (self->kase == NULL)
    return;
  g_clear_pointer (&self->progress, json_object_unref);
  self->progress = g_steal_pointer (&progress);
  fill_progress (self);
}

static void
case_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ZcCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_get_case_finish (ZC_CLIENT (object), result, &error);
  if (kase == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = zc_platform_error_to_user_message (error);
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_set_object (&self->kase, kase);
  g_clear_pointer (&self->progress, json_object_unref);
  zc_case_page_fill (self);
  if (self->item == NULL || g_strcmp0 (zc_catalogue_item_get_code (self->item), zc_case_get_item (kase)) != 0)
    {
      g_clear_object (&self->item);
      zc_client_get_catalogue_item_async (self->client, zc_case_get_item (kase), self->cancellable,
                                          item_cb, g_object_ref (self));
    }
  zc_client_list_case_events_async (self->client, zc_case_get_id (kase), self->cancellable,
                                    events_cb, g_object_ref (self));
  if (zc_case_get_state (kase) != ZC_CASE_STATE_DRAFT)
    zc_client_get_progress_async (self->client, zc_case_get_id (kase), self->cancellable,
                                  progress_cb, g_object_ref (self));
}

/* --- documents and actions ------------------------------------------- */

static void
zc_case_page_show_document (ZcCasePage     *self,
                            ZcDocumentKind  kind)
{
  if (self->kase == NULL)
    return;
  /* the same data as the print at the counter: materials included */
  zc_document_preview_show (self->preview,
                            zc_document_data_new_for_case (kind, self->kase, self->item,
                                                           user_name (self, zc_case_get_clerk (self->kase))));
}

static void
receipt_clicked_cb (ZcCasePage *self)
{
  zc_case_page_show_document (self, ZC_DOCUMENT_RECEIPT);
}

static void
refusal_clicked_cb (ZcCasePage *self)
{
  zc_case_page_show_document (self, ZC_DOCUMENT_REFUSAL);
}

static void
withdraw_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_transition_case_full_finish (ZC_CLIENT (object), result, &error);
  zc_reason_request_end (&self->withdrawal, error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->withdraw_button), TRUE);
  if (kase == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_signal_emit (self, signals[TOAST], 0, _("The case has been withdrawn"));
  zc_case_page_fetch (self, zc_case_get_id (kase), FALSE);
}

static void
withdraw_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ZcCasePage       *self)
{
  g_autofree char *reason = zc_reason_dialog_dup_reason (dialog);
  g_autofree char *request = NULL;
  const char *key = NULL;

  if (g_strcmp0 (response, "withdraw") != 0 || reason[0] == '\0' || self->kase == NULL)
    return;
  /* a retry after a network error sends the same key: the platform
   * answers its first answer instead of withdrawing twice */
  request = g_strdup_printf ("withdrawn:%" G_GINT64_FORMAT ":%s", zc_case_get_id (self->kase), reason);
  if (!zc_reason_request_begin (&self->withdrawal, request, &key))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->withdraw_button), FALSE);
  zc_client_transition_case_full_async (self->client, zc_case_get_id (self->kase), "withdrawn", reason,
                                        NULL, key, self->cancellable, withdraw_cb, g_object_ref (self));
}

static void
withdraw_clicked_cb (ZcCasePage *self)
{
  GtkWidget *dialog;

  if (self->withdrawal.in_flight)
    return;
  dialog = zc_reason_dialog_new (GTK_WIDGET (self),
                                 _("Withdraw the Case?"),
                                 _("The applicant withdraws the application. Every department stops handling it; this cannot be undone."),
                                 "withdraw", _("_Withdraw"), ADW_RESPONSE_DESTRUCTIVE,
                                 _("Reason for the withdrawal"));
  g_signal_connect (dialog, "response", G_CALLBACK (withdraw_response_cb), self);
  zc_reason_dialog_present (dialog);
}

static void
takeover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_claim_case_finish (ZC_CLIENT (object), result, &error);
  zc_reason_request_end (&self->takeover, error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->takeover_button), TRUE);
  if (kase == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_signal_emit (self, signals[TOAST], 0, _("You now handle this case; the previous holder has been told"));
  zc_case_page_fetch (self, zc_case_get_id (kase), FALSE);
}

static void
takeover_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ZcCasePage       *self)
{
  g_autofree char *reason = zc_reason_dialog_dup_reason (dialog);

  if (g_strcmp0 (response, "takeover") != 0 || reason[0] == '\0' || self->kase == NULL ||
      !zc_reason_request_begin (&self->takeover, "takeover", NULL))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->takeover_button), FALSE);
  zc_client_claim_case_async (self->client, zc_case_get_id (self->kase), TRUE, reason,
                              self->cancellable, takeover_cb, g_object_ref (self));
}

static void
takeover_clicked_cb (ZcCasePage *self)
{
  GtkWidget *dialog;

  if (self->kase == NULL || self->takeover.in_flight)
    return;
  dialog = zc_reason_dialog_new (GTK_WIDGET (self),
                                 _("Take Over the Case?"),
                                 _("You will handle the case from now on; its current holder is told, with your reason."),
                                 "takeover", _("_Take Over"), ADW_RESPONSE_SUGGESTED,
                                 _("Reason for the takeover"));
  g_signal_connect (dialog, "response", G_CALLBACK (takeover_response_cb), self);
  zc_reason_dialog_present (dialog);
}

static void
verified_cb (ZcCasePage *self,
             ZcCase     *kase)
{
  g_signal_emit (self, signals[TOAST], 0, _("Applicant verified"));
  /* the page again (notice gone), its history with the verification */
  g_set_object (&self->kase, kase);
  zc_case_page_fill (self);
  gtk_widget_grab_focus (self->titles);
  zc_case_page_fetch (self, zc_case_get_id (kase), FALSE);
}

/* F5: the case as the platform has it now (the page holds nothing
 * typed: nothing is lost) */
static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZcCasePage *self = ZC_CASE_PAGE (widget);

  if (self->id > 0)
    zc_case_page_load (self, self->id);
}

static void
offer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZcCasePage *self = ZC_CASE_PAGE (widget);

  zc_case_commitments_offer (self->commitments,
                             g_str_equal (action_name, "case.tolerate") ? ZC_COMMITMENT_KIND_TOLERANCE
                                                                        : ZC_COMMITMENT_KIND_COMMITMENT,
                             g_variant_get_string (parameter, NULL));
}

/* a commitment is on the platform: the case as it is now */
static void
commitment_recorded_cb (ZcCasePage *self,
                        ZcCase     *kase)
{
  if (kase != NULL)
    {
      g_set_object (&self->kase, kase);
      zc_case_page_fill (self);
    }
  if (self->id > 0)
    zc_case_page_fetch (self, self->id, FALSE);
}

static void
commitment_toast_cb (ZcCasePage *self,
                     const char *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* a material's check was kept: the history shows it */
static void
check_saved_cb (ZcCasePage *self,
                ZcCase     *kase)
{
  zc_case_page_fetch (self, zc_case_get_id (kase), FALSE);
}

/* a material file reached the platform: its state and the files again */
static void
materials_changed_cb (ZcCasePage *self)
{
  if (self->id > 0)
    zc_case_page_fetch (self, self->id, FALSE);
}

static void
back_clicked_cb (ZcCasePage *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
reload_clicked_cb (ZcCasePage *self)
{
  if (self->id > 0)
    zc_case_page_fetch (self, self->id, TRUE);
}

/* --- GObject --------------------------------------------------------- */

static void
zc_case_page_dispose (GObject *object)
{
  ZcCasePage *self = ZC_CASE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->kase);
  g_clear_object (&self->item);
  g_clear_pointer (&self->progress, json_object_unref);

  G_OBJECT_CLASS (zc_case_page_parent_class)->dispose (object);
}

static void
zc_case_page_finalize (GObject *object)
{
  ZcCasePage *self = ZC_CASE_PAGE (object);

  g_clear_object (&self->cancellable);
  zc_reason_request_clear (&self->withdrawal);
  zc_reason_request_clear (&self->takeover);

  G_OBJECT_CLASS (zc_case_page_parent_class)->finalize (object);
}

static void
zc_case_page_class_init (ZcCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_case_page_dispose;
  object_class->finalize = zc_case_page_finalize;

  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "case.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "case.reload", NULL);
  gtk_widget_class_install_action (widget_class, "case.tolerate", "s", offer_action);
  gtk_widget_class_install_action (widget_class, "case.commit", "s", offer_action);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "close", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "close", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
make_button (const char *label,
             const char *css)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  return button;
}

static void
zc_case_page_init (ZcCasePage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *w;

  self->cancellable = g_cancellable_new ();
  self->stack = GTK_STACK (gtk_stack_new ());

  w = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (w), TRUE);
  gtk_widget_set_size_request (w, 32, 32);
  gtk_widget_set_halign (w, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (w, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading the case"), -1);
  gtk_stack_add_named (self->stack, w, "loading");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The Case Cannot Be Shown"));
  w = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_set_halign (w, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (w, "pill");
  g_signal_connect_swapped (w, "clicked", G_CALLBACK (reload_clicked_cb), self);
  adw_status_page_set_child (self->error_page, w);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_top (GTK_WIDGET (box), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (box), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (box), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (self->stack, scroller, "case");
  self->scroller = GTK_SCROLLED_WINDOW (scroller);

  /* header: item, number, state, holder */
  w = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_valign (w, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (w, _("Back to the inbox (Alt+Left)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the inbox"), -1);
  g_signal_connect_swapped (w, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), w);
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-2");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title_label));
  w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->number_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->number_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->number_label), "case-number");
  gtk_box_append (GTK_BOX (w), GTK_WIDGET (self->number_label));
  self->state_pill = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_pill), "state-pill");
  gtk_box_append (GTK_BOX (w), GTK_WIDGET (self->state_pill));
  gtk_box_append (GTK_BOX (titles), w);
  self->holder_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->holder_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->holder_label), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->holder_label));
  gtk_widget_set_hexpand (titles, TRUE);
  /* where the focus starts on a case just opened: the case's heading */
  gtk_widget_set_focusable (titles, TRUE);
  gtk_widget_set_name (titles, "case-heading");
  gtk_widget_add_css_class (titles, "case-heading");
  self->titles = titles;
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (box, header);

  /* 未核验: the first thing under the heading */
  self->verification = ZC_APPLICANT_VERIFICATION (zc_applicant_verification_new ());
  g_signal_connect_swapped (self->verification, "verified", G_CALLBACK (verified_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->verification));

  zc_ui_make_group (box, _("Applicant"), NULL, &self->applicant_list);
  self->parties_group = ADW_PREFERENCES_GROUP (zc_ui_make_group (box, _("Parties"), NULL, &self->parties_list));
  zc_ui_make_group (box, _("Progress of Each Department"), NULL, &self->tasks_list);
  gtk_widget_set_name (GTK_WIDGET (self->tasks_list), "progress-list");
  self->form_view = ZC_CASE_FORM_VIEW (zc_case_form_view_new ());
  gtk_box_append (box, GTK_WIDGET (self->form_view));
  self->materials_group = ADW_PREFERENCES_GROUP (zc_ui_make_group (box, _("Materials"), NULL, &self->materials_list));
  gtk_widget_set_name (GTK_WIDGET (self->materials_list), "materials-list");
  self->checks = ZC_CASE_MATERIALS (zc_case_materials_new ());
  g_signal_connect_swapped (self->checks, "saved", G_CALLBACK (check_saved_cb), self);
  g_signal_connect_swapped (self->checks, "changed", G_CALLBACK (materials_changed_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->checks));
  self->commitments = ZC_CASE_COMMITMENTS (zc_case_commitments_new ());
  g_signal_connect_swapped (self->commitments, "recorded", G_CALLBACK (commitment_recorded_cb), self);
  g_signal_connect_swapped (self->commitments, "toast", G_CALLBACK (commitment_toast_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->commitments));
  self->history = ZC_CASE_HISTORY (zc_case_history_new ());
  gtk_box_append (box, GTK_WIDGET (self->history));

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  self->receipt_button = GTK_BUTTON (make_button (_("Reprint the _Receipt"), NULL));
  gtk_widget_set_name (GTK_WIDGET (self->receipt_button), "receipt-button");
  g_signal_connect_swapped (self->receipt_button, "clicked", G_CALLBACK (receipt_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->receipt_button));
  self->refusal_button = GTK_BUTTON (make_button (_("Reprint the Re_fusal Notice"), NULL));
  g_signal_connect_swapped (self->refusal_button, "clicked", G_CALLBACK (refusal_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->refusal_button));
  self->takeover_button = GTK_BUTTON (make_button (_("Take _Over…"), "suggested-action"));
  gtk_widget_set_name (GTK_WIDGET (self->takeover_button), "takeover-button");
  g_signal_connect_swapped (self->takeover_button, "clicked", G_CALLBACK (takeover_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->takeover_button));
  self->withdraw_button = GTK_BUTTON (make_button (_("_Withdraw…"), "destructive-action"));
  g_signal_connect_swapped (self->withdraw_button, "clicked", G_CALLBACK (withdraw_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->withdraw_button));
  gtk_box_append (box, buttons);

  self->preview = ZC_DOCUMENT_PREVIEW (zc_document_preview_new ());
  gtk_box_append (box, GTK_WIDGET (self->preview));

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Case"), -1);
}

/* Loads case @id; @open when it is being opened (from the inbox, after
 * a reception), not reloaded after an action on it */
static void
zc_case_page_fetch (ZcCasePage *self,
                    gint64      id,
                    gboolean    open)
{
  if (self->client == NULL)
    return;
  if (open)
    {
      /* opened anew: from the top, and nothing of it takes the focus
       * before it is shown again */
      self->opened = FALSE;
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  if (id != self->id)
    {
      g_clear_object (&self->kase);
      zc_document_preview_clear (self->preview);
      self->n_events = 0;
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  self->id = id;
  zc_client_get_case_async (self->client, id, self->cancellable, case_cb, g_object_ref (self));
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_case_page_new (void)
{
  return g_object_new (ZC_TYPE_CASE_PAGE, NULL);
}

void
zc_case_page_set_client (ZcCasePage *self,
                         ZcClient   *client)
{
  g_return_if_fail (ZC_IS_CASE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->client, client);
  g_clear_object (&self->kase);
  self->id = 0;

  /* another user (or none) from here on: nothing of the last case stays
   * in any widget */
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->number_label, "");
  gtk_label_set_text (self->state_pill, "");
  gtk_label_set_text (self->holder_label, "");
  zc_applicant_verification_show (self->verification, NULL, NULL);
  zc_ui_clear_list (self->applicant_list);
  zc_ui_clear_list (self->parties_list);
  zc_case_form_view_show (self->form_view, NULL, NULL);
  zc_ui_clear_list (self->materials_list);
  zc_case_materials_show (self->checks, NULL, NULL, NULL);
  zc_case_commitments_set_case (self->commitments, NULL, NULL, NULL);
  zc_ui_clear_list (self->tasks_list);
  zc_case_history_set_events (self->history, NULL, NULL);
  zc_document_preview_clear (self->preview);
  self->n_events = 0;
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
zc_case_page_load (ZcCasePage *self,
                   gint64      id)
{
  g_return_if_fail (ZC_IS_CASE_PAGE (self));

  zc_case_page_fetch (self, id, TRUE);
}

void
zc_case_page_set_outbox (ZcCasePage *self,
                         ZcOutbox   *outbox)
{
  g_return_if_fail (ZC_IS_CASE_PAGE (self));

  zc_case_materials_set_outbox (self->checks, outbox);
}

ZcCase *
zc_case_page_get_case (ZcCasePage *self)
{
  g_return_val_if_fail (ZC_IS_CASE_PAGE (self), NULL);

  return self->kase;
}

guint
zc_case_page_get_n_events (ZcCasePage *self)
{
  g_return_val_if_fail (ZC_IS_CASE_PAGE (self), 0);

  return self->n_events;
}

GtkWidget *
zc_case_page_get_materials (ZcCasePage *self)
{
  g_return_val_if_fail (ZC_IS_CASE_PAGE (self), NULL);

  return GTK_WIDGET (self->checks);
}
