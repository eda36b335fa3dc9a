/* zc-commitments-page.c — 承诺核查: the commitments to follow up
 *
 * The platform lists them (GET /commitments, filtered by kind and
 * state); the page orders them by urgency — overdue, due soon (within
 * ZC_COMMITMENT_DUE_SOON_DAYS working days on the official calendar,
 * core's rule, the calendar read once on a worker), not yet due — and
 * the nearest date first. The date that matters is the 事后核查 due date of an open
 * 告知承诺 and the deadline otherwise. The applicant comes masked from
 * the platform and is shown as it comes. A department records the
 * result of a 事后核查; a 虚假承诺 asks to confirm first (it writes a
 * credit record against the applicant). The window (clerk, helper)
 * takes a missing 容缺 material in from its row: 补交材料… opens the
 * capture dialog (scan, photo, import) and the PDF goes to the outbox
 * (kept on this computer, uploaded exactly once to the case); the
 * upload fulfils the commitment on the platform and the list reloads.
 * The list is read again each time the page is shown (a commitment may
 * have been recorded meanwhile, on a case page, at a reception or at
 * another window) and when a reception made here reaches the platform,
 * keeping the scroll and the focused row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-commitment-rules.h"
#include "zc-calendar.h"
#include "zc-json.h"
#include "zc-platform-error.h"
#include "zc-state.h"

#include "zc-capture-dialog.h"
#include "zc-commitments-page.h"
#include "zc-outbox.h"
#include "zc-ui-utils.h"

struct _ZcCommitmentsPage
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkDropDown   *kind_dropdown;
  GtkDropDown   *state_dropdown;
  GtkLabel      *count_label;
  GtkStack      *stack;
  AdwStatusPage *error_page;
  GtkListBox    *list;

  ZcClient      *client;
  ZcOutbox      *outbox;
  GCancellable  *cancellable;
  GPtrArray     *shown;      /* JsonObject, in the rows' order */
  gboolean       loading;
  ZcCalendar    *calendar;   /* NULL until read, or when it cannot be */
  gboolean       calendar_reading;
  gboolean       calendar_tried;
  GDate          today;      /* of the last load */
  GDate          due_limit;  /* the last day due soon; invalid: unknown */
};

G_DEFINE_FINAL_TYPE (ZcCommitmentsPage, zc_commitments_page, GTK_TYPE_WIDGET)

enum {
  CASE_ACTIVATED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the filters, in the dropdowns' order after "all" */
static const char *const filter_kinds[] = { "tolerance", "commitment" };
static const char *const filter_states[] = { "open", "overdue", "fulfilled", "verified", "breached", "cancelled" };

/* the 事后核查 methods of the contract, in the dialog's order */
static const char *const methods[] = { "written", "online", "on_site", "public_notice" };

static const char *
method_label (const char *method)
{
  if (g_strcmp0 (method, "written") == 0)
    return _("Written check (书面核查)");
  if (g_strcmp0 (method, "online") == 0)
    return _("Online verification (网络核验)");
  if (g_strcmp0 (method, "on_site") == 0)
    return _("On-site inspection (实地调查)");
  if (g_strcmp0 (method, "public_notice") == 0)
    return _("Public notice (公示核查)");
  return "";
}

/* --- urgency ---------------------------------------------------------- */

typedef enum {
  URGENCY_OVERDUE,
  URGENCY_DUE_SOON,
  URGENCY_NOT_DUE,
  URGENCY_NONE,     /* met, verified, breached: nothing to follow */
} Urgency;

static ZcCommitmentState
commitment_state (JsonObject *c)
{
  return zc_commitment_state_from_string (json_object_get_string_member_with_default (c, "state", NULL));
}

/* The date that matters for @c (cleared if none) */
static void
commitment_date (JsonObject *c,
                 GDate      *date)
{
  const char *kind = json_object_get_string_member_with_default (c, "kind", NULL);
  const char *due = json_object_get_string_member_with_default (c, "verification_due", NULL);

  g_date_clear (date, 1);
  if (g_strcmp0 (kind, "commitment") == 0 && zc_date_parse_iso (due, date))
    return;
  zc_date_parse_iso (json_object_get_string_member_with_default (c, "deadline", NULL), date);
}

/* calendar days from today (negative: past), G_MAXINT without a date */
static int
days_left (ZcCommitmentsPage *self,
           JsonObject        *c)
{
  GDate date;

  commitment_date (c, &date);
  if (!g_date_valid (&date))
    return G_MAXINT;
  return g_date_days_between (&self->today, &date);
}

static Urgency
commitment_urgency (ZcCommitmentsPage *self,
                    JsonObject        *c)
{
  ZcCommitmentState state = commitment_state (c);
  GDate date;

  if (state == ZC_COMMITMENT_STATE_OVERDUE)
    return URGENCY_OVERDUE;
  if (state != ZC_COMMITMENT_STATE_OPEN)
    return URGENCY_NONE;
  commitment_date (c, &date);
  if (!g_date_valid (&date))
    return URGENCY_NOT_DUE;
  if (g_date_compare (&date, &self->today) < 0)
    return URGENCY_OVERDUE;
  if (g_date_valid (&self->due_limit) && g_date_compare (&date, &self->due_limit) <= 0)
    return URGENCY_DUE_SOON;
  return URGENCY_NOT_DUE;
}

static int
compare_urgency (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ZcCommitmentsPage *self = user_data;
  JsonObject *ca = *(JsonObject **) a;
  JsonObject *cb = *(JsonObject **) b;
  Urgency ua = commitment_urgency (self, ca), ub = commitment_urgency (self, cb);
  int da, db;

  if (ua != ub)
    return ua < ub ? -1 : 1;
  da = days_left (self, ca);
  db = days_left (self, cb);
  if (da != db)
    return da < db ? -1 : 1;
  return 0;
}

/* "逾期 3 天", "今天到期", "还剩 3 个工作日" */
static char *
days_in_words (ZcCommitmentsPage *self,
               JsonObject        *c)
{
  int days = days_left (self, c);
  int working = 0;
  g_autofree char *date = NULL;
  GDate d;

  if (days == G_MAXINT)
    return g_strdup (_("No deadline"));
  commitment_date (c, &d);
  date = zc_date_to_iso (&d);
  if (commitment_urgency (self, c) == URGENCY_NONE)
    return g_steal_pointer (&date);   /* met or judged: the date, nothing left to count */
  if (days > 1 && self->calendar != NULL &&
      zc_calendar_working_days_between (self->calendar, &self->today, &d, &working, NULL, NULL))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d working day left",
                                         "%s, %d working days left", working),
                            date, working);
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d day overdue", "%s, %d days overdue", -days),
                            date, -days);
  if (days == 0)
    return g_strdup_printf (_("%s, due today"), date);
  if (days == 1)
    return g_strdup_printf (_("%s, due tomorrow"), date);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d day left", "%s, %d days left", days),
                          date, days);
}

static char *
join_strings (JsonObject *c,
              const char *member)
{
  JsonArray *a = json_object_get_array_member (c, member);
  g_autoptr(GString) s = g_string_new (NULL);

  if (a == NULL)
    return g_strdup ("");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        continue;
      if (s->len > 0)
        /* Translators: between the items of a short list */
        g_string_append (s, _(", "));
      g_string_append (s, json_node_get_string (n));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* --- verification ----------------------------------------------------- */

typedef struct
{
  ZcCommitmentsPage *self;
  gint64             id;
  char              *method;
  char              *result;
  char              *note;
  char              *key;
} Verification;

static void
verification_free (Verification *v)
{
  g_clear_object (&v->self);
  g_free (v->method);
  g_free (v->result);
  g_free (v->note);
  g_free (v->key);
  g_free (v);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Verification, verification_free)

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Verification) v = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = zc_client_verify_commitment_finish (ZC_CLIENT (source), result, &error);

  if (answer == NULL)
    {
      g_autofree char *message = zc_ui_error_message (error);

      if (message != NULL)
        g_signal_emit (v->self, signals[TOAST], 0, message);
      return;
    }
  g_signal_emit (v->self, signals[TOAST], 0,
                 g_strcmp0 (v->result, "false_commitment") == 0
                 ? _("Recorded as a false commitment; the applicant's credit record is written")
                 : _("Verification recorded: the commitment is true"));
  zc_commitments_page_reload (v->self);
}

static void
send_verification (Verification *v)
{
  ZcCommitmentsPage *self = v->self;

  if (self->client == NULL)
    {
      verification_free (v);
      return;
    }
  zc_client_verify_commitment_async (self->client, v->id, v->method, v->result,
                                     v->note[0] != '\0' ? v->note : NULL, v->key,
                                     self->cancellable, verified_cb, v);
}

/* @v belongs to the dialog until a response takes it (a dialog may say
 * more than one response: the button, then its closing) */
static void
confirm_false_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  Verification *v = g_object_steal_data (G_OBJECT (dialog), "verification");

  if (v == NULL)
    return;
  if (g_strcmp0 (response, "record") == 0)
    send_verification (v);
  else
    verification_free (v);
}

static void
verify_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZcCommitmentsPage *self)
{
  GtkDropDown *method = g_object_get_data (G_OBJECT (dialog), "method");
  GtkDropDown *result = g_object_get_data (G_OBJECT (dialog), "result");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  Verification *v;
  guint m;

  if (g_strcmp0 (response, "record") != 0 || g_object_get_data (G_OBJECT (dialog), "answered"))
    return;
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (1));

  m = gtk_drop_down_get_selected (method);
  v = g_new0 (Verification, 1);
  v->self = g_object_ref (self);
  v->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "commitment-id"));
  v->method = g_strdup (methods[MIN (m, G_N_ELEMENTS (methods) - 1)]);
  v->result = g_strdup (gtk_drop_down_get_selected (result) == 1 ? "false_commitment" : "confirmed");
  v->note = g_strstrip (g_strdup (gtk_editable_get_text (note)));
  v->key = g_uuid_string_random ();

  if (g_strcmp0 (v->result, "false_commitment") == 0)
    {
      GtkWidget *confirm;

      confirm = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                        _("Record a False Commitment?"),
                                        _("A credit record is written against the applicant. "
                                          "Until it is repaired, the applicant cannot use 告知承诺 again."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                        "cancel", _("_Cancel"),
                                        "record", _("_Record False Commitment"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "record",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
      gtk_widget_set_name (confirm, "confirm-false-commitment");
      g_object_set_data_full (G_OBJECT (confirm), "verification", v, (GDestroyNotify) verification_free);
      g_signal_connect (confirm, "response", G_CALLBACK (confirm_false_cb), NULL);
      gtk_window_present (GTK_WINDOW (confirm));
      return;
    }
  send_verification (v);
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *mnemonic,
          GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), control);
  return control;
}

static void
open_verification (ZcCommitmentsPage *self,
                   JsonObject        *c)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *planned = json_object_get_string_member_with_default (c, "verification_method", NULL);
  const char *number = json_object_get_string_member_with_default (c, "case_number", NULL);
  g_autofree char *body = NULL;
  const char *method_names[G_N_ELEMENTS (methods) + 1] = { NULL };
  const char *results[] = { _("True (属实)"), _("False commitment (虚假承诺)"), NULL };
  GtkWidget *dialog, *box, *method, *result, *note;

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    method_names[i] = method_label (methods[i]);

  body = g_strdup_printf (_("Case %s · %s"), number ? number : "",
                          json_object_get_string_member_with_default (c, "applicant_name", ""));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Record the Verification"), body);
  gtk_widget_set_name (dialog, "verification-dialog");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  method = labelled (box, _("_Method"), gtk_drop_down_new_from_strings (method_names));
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_strcmp0 (planned, methods[i]) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (method), i);
  result = labelled (box, _("_Result"), gtk_drop_down_new_from_strings (results));
  note = labelled (box, _("_Note"), gtk_entry_new ());
  gtk_entry_set_max_length (GTK_ENTRY (note), 2000);
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "method", method);
  g_object_set_data (G_OBJECT (dialog), "result", result);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data (G_OBJECT (dialog), "commitment-id",
                     GSIZE_TO_POINTER ((gsize) json_object_get_int_member_with_default (c, "id", 0)));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("Rec_ord"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (verify_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (method);
}

static void
verify_clicked_cb (GtkButton         *button,
                   ZcCommitmentsPage *self)
{
  JsonObject *c = g_object_get_data (G_OBJECT (button), "commitment");

  if (c != NULL)
    open_verification (self, c);
}

/* --- supplying a missing material (容缺) ------------------------------ */

typedef struct
{
  ZcCommitmentsPage *self;   /* strong */
  char              *name;
} SupplyData;

static void
supply_kept_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SupplyData *data = user_data;
  g_autoptr(ZcCommitmentsPage) self = data->self;
  g_autofree char *name = data->name;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_free (data);
  if (zc_outbox_queue_material_finish (ZC_OUTBOX (object), result, &error) <= 0)
    {
      zc_debug_masked ("A supplied material was not kept", error != NULL ? error->message : "");
      message = g_strdup_printf (_("The paper of “%s” could not be kept on this computer: %s"),
                                 name, error != NULL ? error->message : "");
      g_signal_emit (self, signals[TOAST], 0, message);
      return;
    }
  message = g_strdup_printf (_("“%s” is kept on this computer and goes up to the platform"), name);
  g_signal_emit (self, signals[TOAST], 0, message);
  if (self->outbox != NULL)
    zc_outbox_kick (self->outbox);
}

static void
supply_captured_cb (ZcCaptureDialog   *dialog,
                    GBytes            *pdf,
                    guint              n_pages,
                    ZcCommitmentsPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (dialog), "code");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  gint64 case_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "case-id"));
  g_autofree char *file_name = NULL;
  g_autofree char *base = NULL;
  SupplyData *data;

  if (self->outbox == NULL || case_id <= 0 || code == NULL)
    return;
  /* a file name the platform takes: no path separators, not too long */
  base = g_strdup (name);
  g_strdelimit (base, "/\\", '-');
  if (g_utf8_strlen (base, -1) > 150)
    *g_utf8_offset_to_pointer (base, 150) = '\0';
  file_name = g_strconcat (base, ".pdf", NULL);
  data = g_new0 (SupplyData, 1);
  data->self = g_object_ref (self);
  data->name = g_strdup (name);
  /* not the page's cancellable: a reload must not lose the paper taken */
  zc_outbox_queue_material_async (self->outbox, NULL, case_id, code, file_name, pdf,
                                  NULL, supply_kept_cb, data);
}

static void
supply_clicked_cb (GtkButton         *button,
                   ZcCommitmentsPage *self)
{
  JsonObject *c = g_object_get_data (G_OBJECT (button), "commitment");
  const char *code = g_object_get_data (G_OBJECT (button), "code");
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ZcCaptureDialog *dialog;

  if (c == NULL || code == NULL)
    return;
  dialog = zc_capture_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, name, ZC_CAPTURE_SCAN);
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (code), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (dialog), "case-id",
                     GSIZE_TO_POINTER ((gsize) json_object_get_int_member_with_default (c, "case_id", 0)));
  g_signal_connect_object (dialog, "captured", G_CALLBACK (supply_captured_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_clicked_cb (AdwToast          *toast,
                  ZcCommitmentsPage *self)
{
  gint64 case_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "case-id"));

  if (case_id > 0)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, case_id);
}

/* an upload reached the platform: it may have fulfilled a 容缺. The
 * check of the paper against the licence library is the case page's
 * (its materials): the toast offers to open the case there. */
static void
entry_sent_cb (ZcCommitmentsPage *self,
               ZcOutboxEntry     *entry)
{
  /* not every material has a licence to be checked against (a floor
   * plan has none): the toast offers the case, where its check is said */
  const char *message = _("The supplied material is on the platform: open the case to see it");
  gint64 case_id = zc_outbox_entry_get_case_id (entry);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) != 0)
    return;
  if (overlay != NULL && case_id > 0)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("_Open Case"));
      adw_toast_set_timeout (toast, 10);
      g_object_set_data (G_OBJECT (toast), "case-id", GSIZE_TO_POINTER ((gsize) case_id));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (check_clicked_cb), self, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_signal_emit (self, signals[TOAST], 0, message);
  zc_commitments_page_reload (self);
}

/* a reception made here reached the platform, with its 容缺/告知承诺
 * perhaps: a page on screen shows them (a hidden one reads the list
 * again when shown) */
static void
entry_sent_reload_cb (ZcCommitmentsPage *self,
                      ZcOutboxEntry     *entry)
{
  if (g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_SUBMIT_CASE) == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    zc_commitments_page_reload (self);
}

/* the platform refused the supplied file: say why (the outbox keeps it
 * set aside; the window bar counts it) */
static void
entry_refused_cb (ZcCommitmentsPage *self,
                  ZcOutboxEntry     *entry)
{
  g_autofree char *message = NULL;

  if (g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) != 0)
    return;
  message = g_strdup_printf (_("The platform refused the supplied material: %s"),
                             zc_outbox_entry_get_last_error (entry) ? zc_outbox_entry_get_last_error (entry) : "");
  g_signal_emit (self, signals[TOAST], 0, message);
}

static gboolean
string_in (JsonArray  *array,
           const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (n), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* 补交材料… for each material of an open or overdue 容缺 not yet
 * supplied, when this user's window takes papers in */
static void
add_supply_buttons (ZcCommitmentsPage *self,
                    JsonObject        *c,
                    GtkWidget         *row)
{
  ZcUser *user = self->client ? zc_client_get_user (self->client) : NULL;
  ZcCommitmentState state = commitment_state (c);
  JsonArray *materials = json_object_get_array_member (c, "materials");
  JsonArray *names = json_object_has_member (c, "material_names")
                     ? json_object_get_array_member (c, "material_names") : NULL;
  JsonArray *supplied = json_object_has_member (c, "supplied")
                        ? json_object_get_array_member (c, "supplied") : NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (self->outbox == NULL || user == NULL ||
      (zc_user_get_role (user) != ZC_ROLE_CLERK && zc_user_get_role (user) != ZC_ROLE_HELPER) ||
      g_strcmp0 (json_object_get_string_member_with_default (c, "kind", NULL), "tolerance") != 0 ||
      (state != ZC_COMMITMENT_STATE_OPEN && state != ZC_COMMITMENT_STATE_OVERDUE))
    return;
  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *n = json_array_get_element (materials, i);

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
          !string_in (supplied, json_node_get_string (n)))
        g_ptr_array_add (missing, GUINT_TO_POINTER (i));
    }
  for (guint k = 0; k < missing->len; k++)
    {
      guint i = GPOINTER_TO_UINT (g_ptr_array_index (missing, k));
      const char *code = json_array_get_string_element (materials, i);
      const char *name = code;
      g_autofree char *label = NULL;
      g_autofree char *a11y = NULL;
      GtkWidget *button;

      if (names != NULL && i < json_array_get_length (names) &&
          JSON_NODE_HOLDS_VALUE (json_array_get_element (names, i)) &&
          json_node_get_value_type (json_array_get_element (names, i)) == G_TYPE_STRING)
        name = json_array_get_string_element (names, i);
      /* one missing: the row says which; several: each button does */
      label = missing->len == 1 ? g_strdup (_("Supply Material…"))
                                : g_strdup_printf (_("Supply “%s”…"), name);
      a11y = g_strdup_printf (_("Supply the missing material “%s”: scan, photograph or import it"), name);
      button = gtk_button_new_with_label (label);
      gtk_widget_set_name (button, "supply-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, a11y);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (button), "commitment", json_object_ref (c), (GDestroyNotify) json_object_unref);
      g_object_set_data_full (G_OBJECT (button), "code", g_strdup (code), g_free);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (supply_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
}

/* --- rows ------------------------------------------------------------- */

static gboolean
can_verify (ZcCommitmentsPage *self,
            JsonObject        *c)
{
  ZcUser *user = self->client ? zc_client_get_user (self->client) : NULL;
  ZcCommitmentState state = commitment_state (c);

  return user != NULL && zc_user_get_role (user) == ZC_ROLE_DEPARTMENT
    && g_strcmp0 (json_object_get_string_member_with_default (c, "kind", NULL), "commitment") == 0
    && (state == ZC_COMMITMENT_STATE_OPEN || state == ZC_COMMITMENT_STATE_OVERDUE)
    /* 事后核查 follows approval: the platform refuses it before */
    && json_object_get_string_member_with_default (c, "verification_due", NULL) != NULL;
}

static GtkWidget *
make_row (ZcCommitmentsPage *self,
          JsonObject        *c)
{
  ZcCommitmentKind kind = zc_commitment_kind_from_string (json_object_get_string_member_with_default (c, "kind", NULL));
  ZcCommitmentState state = commitment_state (c);
  const char *number = json_object_get_string_member_with_default (c, "case_number", NULL);
  g_autofree char *materials = join_strings (c, json_object_has_member (c, "material_names")
                                                 ? "material_names" : "materials");
  g_autofree char *departments = join_strings (c, "departments");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = days_in_words (self, c);
  g_autofree char *name = NULL;
  gboolean verifying = json_object_get_string_member_with_default (c, "verification_due", NULL) != NULL;
  const char *state_label = state != ZC_COMMITMENT_STATE_INVALID
    ? zc_commitment_shown_state_label (kind, state, verifying) : "";
  Urgency urgency = commitment_urgency (self, c);
  GtkWidget *row, *when_label, *pill;

  /* Translators: case number · the matter (事项) */
  title = g_strdup_printf (_("%s · %s"), number ? number : _("Draft"),
                           json_object_get_string_member_with_default (c, "item_name", ""));
  /* Translators: 容缺受理 / 告知承诺 · the masked applicant (name, ID) ·
   * the materials · the departments */
  subtitle = g_strdup_printf (_("%s · %s %s · %s · %s"),
                              kind != ZC_COMMITMENT_KIND_INVALID ? zc_commitment_kind_label (kind) : "",
                              json_object_get_string_member_with_default (c, "applicant_name", ""),
                              json_object_get_string_member_with_default (c, "applicant", ""),
                              materials, departments);

  row = adw_action_row_new ();
  gtk_widget_set_name (row, "commitment-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "commitment", json_object_ref (c), (GDestroyNotify) json_object_unref);

  /* which date it is: the department's 核查期限 or the applicant's 补交期限 */
  if (kind == ZC_COMMITMENT_KIND_COMMITMENT && verifying)
    {
      /* Translators: 核查期限 2027-01-06，还剩 20 个工作日 */
      g_autofree char *labelled = g_strdup_printf (_("Verify by %s"), when);

      g_free (when);
      when = g_steal_pointer (&labelled);
    }
  else if (kind == ZC_COMMITMENT_KIND_TOLERANCE &&
           json_object_get_string_member_with_default (c, "deadline", NULL) != NULL)
    {
      /* Translators: 补交期限 2026-12-18，还剩 5 个工作日 */
      g_autofree char *labelled = g_strdup_printf (_("Supply by %s"), when);

      g_free (when);
      when = g_steal_pointer (&labelled);
    }
  when_label = gtk_label_new (when);
  gtk_widget_set_name (when_label, "commitment-when");
  if (urgency == URGENCY_OVERDUE)
    gtk_widget_add_css_class (when_label, "error");
  else if (urgency == URGENCY_DUE_SOON)
    gtk_widget_add_css_class (when_label, "warning");
  else
    gtk_widget_add_css_class (when_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), when_label);

  pill = zc_ui_make_pill (state_label,
                          urgency == URGENCY_OVERDUE ? "state-not_accepted"
                          : urgency == URGENCY_DUE_SOON ? "state-returned"
                          : urgency == URGENCY_NOT_DUE ? "state-received"
                          : state == ZC_COMMITMENT_STATE_BREACHED ? "state-not_accepted"
                          : "state-completed");
  gtk_widget_set_name (pill, "commitment-state");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);

  if (can_verify (self, c))
    {
      GtkWidget *button = gtk_button_new_with_label (_("Record Verification…"));

      gtk_widget_set_name (button, "verify-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "commitment", json_object_ref (c), (GDestroyNotify) json_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (verify_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  add_supply_buttons (self, c, row);

  name = g_strdup_printf ("%s, %s, %s, %s", title, subtitle, when, state_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static void
row_activated_cb (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  ZcCommitmentsPage *self)
{
  JsonObject *c = g_object_get_data (G_OBJECT (row), "commitment");
  gint64 case_id = c ? json_object_get_int_member_with_default (c, "case_id", 0) : 0;

  if (case_id > 0)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, case_id);
}

/* --- loading ---------------------------------------------------------- */

/* the id of the commitment whose row (or a button of it) has the
 * focus, 0 if none */
static gint64
focused_commitment (ZcCommitmentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  JsonObject *c;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list))
    return 0;
  c = g_object_get_data (G_OBJECT (row), "commitment");
  return c != NULL ? json_object_get_int_member_with_default (c, "id", 0) : 0;
}

static void
show_list (ZcCommitmentsPage *self)
{
  g_autofree char *count = NULL;
  gint64 focused = focused_commitment (self);

  zc_ui_clear_list (self->list);
  for (guint i = 0; i < self->shown->len; i++)
    {
      JsonObject *c = g_ptr_array_index (self->shown, i);
      GtkWidget *row = make_row (self, c);

      gtk_list_box_append (self->list, row);
      /* read again: the focus stays on the same commitment */
      if (focused > 0 && json_object_get_int_member_with_default (c, "id", 0) == focused)
        gtk_widget_grab_focus (row);
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u commitment", "%u commitments", self->shown->len),
                           self->shown->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, self->shown->len > 0 ? "list" : "empty");
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZcCommitmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = zc_client_list_commitments_finish (ZC_CLIENT (source), result, &error);
  JsonArray *commitments;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_ptr_array_set_size (self->shown, 0);
  if (answer == NULL)
    {
      g_autofree char *message = zc_ui_error_message (error);

      adw_status_page_set_description (self->error_page, message);
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  commitments = json_object_get_array_member (answer, "commitments");
  for (guint i = 0; commitments != NULL && i < json_array_get_length (commitments); i++)
    {
      JsonNode *n = json_array_get_element (commitments, i);

      if (JSON_NODE_HOLDS_OBJECT (n))
        g_ptr_array_add (self->shown, json_object_ref (json_node_get_object (n)));
    }
  g_date_clear (&self->today, 1);
  g_date_clear (&self->due_limit, 1);
  zc_ui_today (&self->today);
  if (self->calendar != NULL &&
      !zc_commitment_due_soon_limit (self->calendar, &self->today, &self->due_limit, NULL, &error))
    {
      g_debug ("commitments: no due-soon limit: %s", error->message);
      g_clear_error (&error);
    }
  /* stable: the platform's order within */
  g_ptr_array_sort_with_data (self->shown, compare_urgency, self);
  show_list (self);
}

/* the official calendar, read once, on a worker (a file) */
static void
read_calendar_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  ZcCalendar *calendar = zc_calendar_new_default (&error);

  if (calendar == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, calendar, g_object_unref);
}

static void
calendar_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ZcCommitmentsPage *self = ZC_COMMITMENTS_PAGE (source);
  g_autoptr(GError) error = NULL;

  self->calendar = g_task_propagate_pointer (G_TASK (result), &error);
  self->calendar_reading = FALSE;
  self->calendar_tried = TRUE;
  if (self->shown == NULL)
    return;   /* disposed meanwhile */
  if (self->calendar == NULL)
    {
      /* the rows still come, without "due soon" (never weekends only) */
      g_debug ("commitments: the calendar cannot be read: %s", error->message);
      g_signal_emit (self, signals[TOAST], 0,
                     _("The working-day calendar cannot be read: no commitment is marked as due soon"));
    }
  zc_commitments_page_reload (self);
}

void
zc_commitments_page_reload (ZcCommitmentsPage *self)
{
  guint kind, state;

  g_return_if_fail (ZC_IS_COMMITMENTS_PAGE (self));

  if (self->calendar_reading)
    return;   /* the reading reloads when done */
  if (!self->calendar_tried && self->client != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, calendar_read_cb, NULL);

      g_task_set_source_tag (task, zc_commitments_page_reload);
      self->calendar_reading = TRUE;
      self->loading = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "loading");
      g_task_run_in_thread (task, read_calendar_thread);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->client == NULL)
    {
      self->loading = FALSE;
      g_ptr_array_set_size (self->shown, 0);
      zc_ui_clear_list (self->list);
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  if (self->shown->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  kind = gtk_drop_down_get_selected (self->kind_dropdown);
  state = gtk_drop_down_get_selected (self->state_dropdown);
  zc_client_list_commitments_async (self->client, NULL,
                                    kind >= 1 && kind <= G_N_ELEMENTS (filter_kinds) ? filter_kinds[kind - 1] : NULL,
                                    state >= 1 && state <= G_N_ELEMENTS (filter_states) ? filter_states[state - 1] : NULL,
                                    NULL, 0, 200, self->cancellable, listed_cb, g_object_ref (self));
}

static void
filter_changed_cb (ZcCommitmentsPage *self)
{
  g_ptr_array_set_size (self->shown, 0);
  zc_commitments_page_reload (self);
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  zc_commitments_page_reload (ZC_COMMITMENTS_PAGE (widget));
}

/* --- GObject ---------------------------------------------------------- */

static GtkWidget *
make_dropdown (const char *const *labels,
               const char        *accessible_name)
{
  GtkWidget *dd = gtk_drop_down_new_from_strings (labels);

  gtk_accessible_update_property (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_widget_set_tooltip_text (dd, accessible_name);
  return dd;
}

static void
zc_commitments_page_init (ZcCommitmentsPage *self)
{
  const char *kinds[] = { _("All Kinds"), zc_commitment_kind_label (ZC_COMMITMENT_KIND_TOLERANCE),
                          zc_commitment_kind_label (ZC_COMMITMENT_KIND_COMMITMENT), NULL };
  const char *states[G_N_ELEMENTS (filter_states) + 2] = { _("All States") };
  GtkWidget *bar, *refresh, *scroller, *clamp, *loading, *spinner, *empty, *error;

  for (guint i = 0; i < G_N_ELEMENTS (filter_states); i++)
    states[i + 1] = zc_commitment_state_label (zc_commitment_state_from_string (filter_states[i]));

  self->shown = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_date_clear (&self->today, 1);
  g_date_clear (&self->due_limit, 1);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  {
    GtkWidget *heading = gtk_label_new (_("Commitment Checks"));

    gtk_widget_add_css_class (heading, "title-2");
    gtk_widget_set_hexpand (heading, TRUE);
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
    gtk_box_append (GTK_BOX (bar), heading);
  }
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  self->kind_dropdown = GTK_DROP_DOWN (make_dropdown (kinds, _("Kind")));
  gtk_widget_set_name (GTK_WIDGET (self->kind_dropdown), "kind-filter");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->kind_dropdown));
  self->state_dropdown = GTK_DROP_DOWN (make_dropdown (states, _("State")));
  gtk_widget_set_name (GTK_WIDGET (self->state_dropdown), "state-filter");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->state_dropdown));
  refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_tooltip_text (refresh, _("Refresh (F5)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (refresh), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refresh"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (refresh), "commitments.refresh");
  gtk_box_append (GTK_BOX (bar), refresh);
  gtk_box_append (GTK_BOX (self->box), bar);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  loading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_vexpand (spinner, TRUE);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading"), -1);
  gtk_box_append (GTK_BOX (loading), spinner);
  gtk_stack_add_named (self->stack, loading, "loading");

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "task-due-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Commitments to Follow"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Nothing is open, due or overdue under these filters."));
  gtk_stack_add_named (self->stack, empty, "empty");

  error = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (error), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (error), _("Cannot Load the Commitments"));
  self->error_page = ADW_STATUS_PAGE (error);
  gtk_stack_add_named (self->stack, error, "error");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Commitments, most urgent first"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (self->stack, scroller, "list");

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->state_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
}

/* shown (the window's section, or the window itself again): what was
 * recorded meanwhile, here or elsewhere, comes in; the rows stay on
 * screen while the platform answers */
static void
zc_commitments_page_map (GtkWidget *widget)
{
  ZcCommitmentsPage *self = ZC_COMMITMENTS_PAGE (widget);

  GTK_WIDGET_CLASS (zc_commitments_page_parent_class)->map (widget);
  if (self->client != NULL)
    zc_commitments_page_reload (self);
}

static void
zc_commitments_page_dispose (GObject *object)
{
  ZcCommitmentsPage *self = ZC_COMMITMENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_clear_object (&self->outbox);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (zc_commitments_page_parent_class)->dispose (object);
}

static void
zc_commitments_page_class_init (ZcCommitmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_commitments_page_dispose;
  widget_class->map = zc_commitments_page_map;

  /* the case the activated row is about */
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "commitments.refresh", NULL, refresh_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "commitments.refresh", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

GtkWidget *
zc_commitments_page_new (void)
{
  return g_object_new (ZC_TYPE_COMMITMENTS_PAGE, NULL);
}

void
zc_commitments_page_set_client (ZcCommitmentsPage *self,
                                ZcClient          *client)
{
  g_return_if_fail (ZC_IS_COMMITMENTS_PAGE (self));

  g_set_object (&self->client, client);
  g_ptr_array_set_size (self->shown, 0);
  zc_ui_clear_list (self->list);
  zc_commitments_page_reload (self);
}

void
zc_commitments_page_set_outbox (ZcCommitmentsPage *self,
                                ZcOutbox          *outbox)
{
  g_return_if_fail (ZC_IS_COMMITMENTS_PAGE (self));
  g_return_if_fail (outbox == NULL || ZC_IS_OUTBOX (outbox));

  if (self->outbox == outbox)
    return;
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    {
      g_signal_connect_swapped (outbox, "entry-sent", G_CALLBACK (entry_sent_cb), self);
      g_signal_connect_swapped (outbox, "entry-sent", G_CALLBACK (entry_sent_reload_cb), self);
      g_signal_connect_swapped (outbox, "entry-refused", G_CALLBACK (entry_refused_cb), self);
    }
  if (self->shown->len > 0)
    show_list (self);   /* the supply buttons come or go */
}

GPtrArray *
zc_commitments_page_get_shown (ZcCommitmentsPage *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENTS_PAGE (self), NULL);
  return self->shown;
}

gboolean
zc_commitments_page_is_loading (ZcCommitmentsPage *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENTS_PAGE (self), FALSE);
  return self->loading;
}
