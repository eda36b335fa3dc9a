/* zc-commitment-dialog.c — terms → preview → signature → signed letters
 *
 * The rules are core's (zc-commitment-rules.c): this file only asks them
 * and says their answers. The letters are written by src/documents on a
 * worker (ZcDocumentPreview), first unsigned for reading, then again with
 * the pad's PNG; the signed bytes are what the caller stores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-document-preview.h"
#include "zc-mask.h"
#include "zc-print.h"
#include "zc-signature-pad.h"
#include "zc-signed-commitment.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

#include "zc-commitment-dialog.h"

/* what the counter proposes for a 容缺 deadline, capped by the limit */
#define DEFAULT_TOLERANCE_DAYS 10

typedef struct
{
  char            *code;
  char            *name;
  ZcCommitmentKind kind;
  char            *refusal;   /* NULL when allowed */
} Entry;

struct _ZcCommitmentDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *next_button;
  GtkWidget         *cancel_button;
  GtkStack          *stack;
  GtkLabel          *applicant_label;
  GtkWidget         *tolerance_box;
  GtkListBox        *tolerance_list;
  GtkWidget         *deadline_box;
  GtkCalendar       *deadline_calendar;
  GtkLabel          *deadline_label;
  GtkLabel          *deadline_limit_label;
  GtkLabel          *deadline_error;
  GtkWidget         *commitment_box;
  GtkLabel          *credit_label;
  GtkListBox        *commitment_list;
  AdwComboRow       *method_row;
  GtkStringList     *methods;
  GtkLabel          *terms_error;
  GtkStack          *preview_stack;
  GtkLabel          *sign_label;
  GtkLabel          *sign_summary;
  ZcSignaturePad    *pad;
  GtkLabel          *done_label;
  GtkStack          *signed_stack;

  /* inputs */
  ZcCatalogueItem   *item;
  GStrv              chosen;
  char              *applicant_name;
  char              *applicant_key;
  char              *signer_role;
  GDate              reception;
  ZcCalendar        *calendar;
  gboolean           credit_known;
  ZcCreditFacts      credit;
  ZcClock           *clock;
  char              *case_number;
  char              *local_ref;
  char              *window_name;
  char              *clerk;
  GPtrArray         *entries;        /* of Entry */

  /* state */
  GDate              deadline;       /* the 容缺 deadline picked */
  GDate              limit;          /* the latest one allowed, or invalid */
  gboolean           deadline_ok;
  gboolean           deadline_chosen; /* picked by the clerk, not proposed */
  gboolean           setting_day;    /* the code moves the calendar */
  GBytes            *signature;
  GDateTime         *signed_at;
  GPtrArray         *results;        /* of ZcCommitmentResult, after signing */
  guint              pending_pdfs;   /* signed letters still being written */
  GtkPrintSettings  *print_settings; /* the printer last confirmed, for the next letter */
  GCancellable      *cancellable;    /* printing */
  AdwMessageDialog  *confirm_close;  /* 放弃签名？ while asked */
  gboolean           discarding;     /* the clerk chose to discard */
};

/* the printer last confirmed in any commitment dialog of the session:
 * the next letter, in this dialog or the next, opens on it */
static GtkPrintSettings *session_print_settings;

G_DEFINE_FINAL_TYPE (ZcCommitmentDialog, zc_commitment_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const ZcVerificationMethod method_order[] = {
  ZC_VERIFICATION_METHOD_WRITTEN,
  ZC_VERIFICATION_METHOD_ONLINE,
  ZC_VERIFICATION_METHOD_ON_SITE,
  ZC_VERIFICATION_METHOD_PUBLIC_NOTICE,
};

/* ---- results --------------------------------------------------------- */

static void
document_free (gpointer data)
{
  ZcCommitmentDocument *doc = data;

  g_clear_pointer (&doc->pdf, g_bytes_unref);
  g_free (doc);
}

void
zc_commitment_result_free (ZcCommitmentResult *result)
{
  if (result == NULL)
    return;
  g_strfreev (result->materials);
  g_free (result->obligations);
  g_clear_pointer (&result->documents, g_ptr_array_unref);
  g_free (result);
}

const char *
zc_commitment_document_platform_kind (ZcDocumentKind kind)
{
  switch (kind)
    {
    case ZC_DOCUMENT_TOLERANCE_NOTICE: return "tolerance_notice";
    case ZC_DOCUMENT_TOLERANCE_REQUEST:
    case ZC_DOCUMENT_COMMITMENT:       return "commitment_letter";
    case ZC_DOCUMENT_RECEIPT:          return "receipt";
    case ZC_DOCUMENT_ONE_TIME_NOTICE:  return "notice_of_missing";
    case ZC_DOCUMENT_REFUSAL:          return "refusal_notice";
    default:                           return "other";
    }
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->code);
  g_free (e->name);
  g_free (e->refusal);
  g_free (e);
}

/* ---- helpers --------------------------------------------------------- */

static GStrv
allowed_codes (ZcCommitmentDialog *self,
               ZcCommitmentKind    kind)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (self->entries, i);

      if (e->kind == kind && e->refusal == NULL)
        g_strv_builder_add (b, e->code);
    }
  return g_strv_builder_end (b);
}

static gboolean
has_allowed (ZcCommitmentDialog *self,
             ZcCommitmentKind    kind)
{
  g_auto(GStrv) codes = allowed_codes (self, kind);

  return codes[0] != NULL;
}

static ZcVerificationMethod
chosen_method (ZcCommitmentDialog *self)
{
  guint i = adw_combo_row_get_selected (self->method_row);

  return i < G_N_ELEMENTS (method_order) ? method_order[i] : ZC_VERIFICATION_METHOD_WRITTEN;
}

/* The day in words, whatever LC_TIME says (GtkCalendar follows it:
 * English month names where no zh_CN locale is installed):
 * 2026年12月21日 星期一 */
static char *
date_words (const GDate *date)
{
  static const char *const weekdays[] = {
    NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };
  GDateWeekday w;

  if (!g_date_valid (date))
    return NULL;
  w = g_date_get_weekday (date);
  /* TRANSLATORS: a day in words, year, month, day, weekday: 2026年12月21日 星期一 */
  return g_strdup_printf (_("%4$s, %2$u/%3$u/%1$u"),
                          (guint) g_date_get_year (date), (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date),
                          w >= G_DATE_MONDAY && w <= G_DATE_SUNDAY ? _(weekdays[w]) : "");
}

static char *
date_iso (const GDate *date)
{
  char buf[16];

  if (!g_date_valid (date))
    return NULL;
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

static GDateTime *
date_to_datetime (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 12, 0, 0);
}

static void focus_next (ZcCommitmentDialog *self);

static void
update_actions (ZcCommitmentDialog *self)
{
  GtkWidget *focus;

  const char *page = gtk_stack_get_visible_child_name (self->stack);
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean tolerance = has_allowed (self, ZC_COMMITMENT_KIND_TOLERANCE);
  gboolean commitment = has_allowed (self, ZC_COMMITMENT_KIND_COMMITMENT);
  gboolean next = FALSE;

  if (g_strcmp0 (page, "terms") == 0)
    next = (tolerance || commitment) && (!tolerance || self->deadline_ok);
  else if (g_strcmp0 (page, "preview") == 0)
    next = TRUE;
  else if (g_strcmp0 (page, "sign") == 0)
    next = zc_signature_pad_get_n_strokes (self->pad) > 0;
  else if (g_strcmp0 (page, "done") == 0)
    next = self->results != NULL && self->pending_pdfs == 0;

  gtk_widget_action_set_enabled (widget, "commitment.next", next);
  gtk_widget_action_set_enabled (widget, "commitment.back",
                                 g_strcmp0 (page, "terms") != 0 && self->pending_pdfs == 0);
  gtk_button_set_label (self->next_button,
                        g_strcmp0 (page, "done") == 0 ? _("_Finish")
                        : g_strcmp0 (page, "sign") == 0 ? _("Si_gned")
                        : _("_Next"));
  /* 下一步 may now be taken: the focus goes there unless the clerk put
   * it elsewhere (never left on 取消, where Enter closes) */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (next && (focus == NULL || focus == self->cancel_button))
    focus_next (self);
}

static void
set_step_subtitle (ZcCommitmentDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  const char *subtitle;

  if (g_strcmp0 (page, "preview") == 0)
    subtitle = _("Step 2 of 4: read the letters");
  else if (g_strcmp0 (page, "sign") == 0)
    subtitle = _("Step 3 of 4: the applicant signs");
  else if (g_strcmp0 (page, "done") == 0)
    subtitle = _("Step 4 of 4: signed letters");
  else
    subtitle = _("Step 1 of 4: terms and deadline");
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* ---- terms ------------------------------------------------------------ */

/* The refusal of @e, by the rules (and the credit the platform gave) */
static char *
check_entry (ZcCommitmentDialog *self,
             ZcMaterial         *material,
             ZcCommitmentKind    kind)
{
  g_autoptr(GError) error = NULL;

  if (material == NULL)
    return g_strdup (_("The catalogue has no such material for this item."));
  if (kind == ZC_COMMITMENT_KIND_COMMITMENT && !self->credit_known)
    return g_strdup (_("The applicant's credit could not be checked on the platform; a commitment needs its answer."));
  if (!zc_commitment_check_eligible (kind, self->item, material, (const char * const *) self->chosen,
                                     kind == ZC_COMMITMENT_KIND_COMMITMENT ? &self->credit : NULL,
                                     &error))
    return g_strdup (error->message);
  if (kind == ZC_COMMITMENT_KIND_TOLERANCE)
    {
      GDate today;

      g_date_clear (&today, 1);
      zc_clock_today_china (zc_clock_get_default (), &today);
      if (!zc_commitment_check_time_left (self->calendar, self->item, material, (const char * const *) self->chosen,
                                          &self->reception, &today, &error))
        return g_strdup (error->message);
    }
  return NULL;
}

static GtkWidget *
entry_row_new (Entry *e)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (e->refusal != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Refused: %s"), e->refusal);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   e->kind == ZC_COMMITMENT_KIND_TOLERANCE
                                   ? _("May be supplied later")
                                   : _("May be replaced by the applicant's commitment"));
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  e->refusal != NULL ? _("Refused") : _("Allowed"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
show_deadline (ZcCommitmentDialog *self)
{
  g_autofree char *iso = date_iso (&self->deadline);
  g_autofree char *limit = date_iso (&self->limit);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = allowed_codes (self, ZC_COMMITMENT_KIND_TOLERANCE);
  int left = 0, since = 0;
  GDate today;

  g_date_clear (&today, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);
  self->deadline_ok = g_date_valid (&self->deadline);
  for (guint i = 0; self->deadline_ok && codes[i] != NULL; i++)
    {
      ZcMaterial *m = zc_catalogue_item_find_material (self->item, codes[i]);

      if (!zc_commitment_check_deadline (self->calendar, self->item, m, (const char * const *) self->chosen,
                                         &self->reception, &self->deadline, &error))
        self->deadline_ok = FALSE;
    }
  if (self->deadline_ok)
    {
      /* on a received case the limit counts from its reception, the
       * deadline still lies ahead */
      if (g_date_compare (&self->deadline, &today) <= 0)
        {
          self->deadline_ok = FALSE;
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The deadline must be after today"));
        }
    }
  /* the working days left from today, counted as 承诺核查 counts them
   * (core's calendar); on a case received earlier, also the working day
   * of the time limit, counted from the reception */
  if (iso != NULL && g_date_compare (&self->deadline, &today) > 0 &&
      zc_calendar_working_days_between (self->calendar, &today, &self->deadline, &left, NULL, NULL) &&
      left > 0)
    {
      /* TRANSLATORS: 2026-12-21，自今日起还剩 8 个工作日 */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d working day left (from today)",
                                           "%s, %d working days left (from today)", left),
                              iso, left);
      if (g_date_compare (&self->reception, &today) < 0 &&
          zc_calendar_working_days_between (self->calendar, &self->reception, &self->deadline, &since, NULL, NULL) &&
          since > 0)
        {
          /* TRANSLATORS: a line under "…, 8 working days left (from
           * today)": 受理起第 9 个工作日 */
          g_autofree char *line = g_strdup_printf (_("Working day %d from the reception"), since);
          g_autofree char *more = g_strdup_printf ("%s\n%s", text, line);

          g_free (text);
          text = g_steal_pointer (&more);
        }
    }
  else
    text = g_strdup (iso != NULL ? iso : _("No deadline chosen"));
  if (iso != NULL)
    {
      g_autofree char *words = date_words (&self->deadline);
      g_autofree char *both = g_strdup_printf ("%s\n%s", words, text);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->deadline_label, text);

  if (limit != NULL)
    {
      g_autofree char *l = g_strdup_printf (_("At the latest %s, the shortest time limit of the matters needing them"),
                                            limit);
      gtk_label_set_text (self->deadline_limit_label, l);
    }
  gtk_label_set_text (self->deadline_error, error != NULL ? error->message
                                            : (iso == NULL ? _("Pick a day on the calendar.") : ""));
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_error), !self->deadline_ok);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->deadline_calendar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->deadline_ok ? text : gtk_label_get_text (self->deadline_error), -1);
  update_actions (self);
}

static void
on_day_selected (ZcCommitmentDialog *self)
{
  g_autoptr(GDateTime) dt = NULL;

  if (self->setting_day)
    return;
  dt = gtk_calendar_get_date (self->deadline_calendar);
  g_date_set_dmy (&self->deadline, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  self->deadline_chosen = TRUE;
  show_deadline (self);
}

static void
select_day (ZcCommitmentDialog *self,
            const GDate        *date)
{
  g_autoptr(GDateTime) dt = date_to_datetime (date);

  self->setting_day = TRUE;
  gtk_calendar_select_day (self->deadline_calendar, dt);
  self->setting_day = FALSE;
}

/* The limit and a proposed deadline for the allowed 容缺 materials: the
 * earliest over them all */
static void
propose_deadline (ZcCommitmentDialog *self)
{
  g_auto(GStrv) codes = allowed_codes (self, ZC_COMMITMENT_KIND_TOLERANCE);
  GDate proposed;

  GDate today, start;

  /* proposed from today, capped at the limit counted from the reception
   * (earlier than today on a received case) */
  g_date_clear (&today, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);
  start = g_date_compare (&today, &self->reception) > 0 ? today : self->reception;
  g_date_clear (&self->limit, 1);
  g_date_clear (&proposed, 1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      ZcMaterial *m = zc_catalogue_item_find_material (self->item, codes[i]);
      GDate limit, p;

      if (zc_commitment_deadline_limit (self->calendar, self->item, m, (const char * const *) self->chosen,
                                        &self->reception, &limit, NULL, NULL) &&
          (!g_date_valid (&self->limit) || g_date_compare (&limit, &self->limit) < 0))
        self->limit = limit;
      if (zc_commitment_propose_deadline (self->calendar, self->item, m, (const char * const *) self->chosen,
                                          &start, DEFAULT_TOLERANCE_DAYS, &p, NULL, NULL) &&
          (!g_date_valid (&proposed) || g_date_compare (&p, &proposed) < 0))
        proposed = p;
    }
  if (g_date_valid (&proposed) && g_date_valid (&self->limit) && g_date_compare (&proposed, &self->limit) > 0)
    proposed = self->limit;
  /* the materials' checks arrive one by one: a proposal follows them
   * (a later one may have a shorter limit) until the clerk picks a day */
  if (g_date_valid (&proposed) && (!g_date_valid (&self->deadline) || !self->deadline_chosen))
    {
      self->deadline = proposed;
      select_day (self, &proposed);
    }
}

static void
refresh_terms (ZcCommitmentDialog *self)
{
  g_autoptr(GString) refusals = g_string_new (NULL);
  g_autofree char *masked = zc_mask_id (self->applicant_key);
  g_autofree char *who = NULL;
  gboolean any_tolerance = FALSE, any_commitment = FALSE;

  who = g_strdup_printf (_("%s (%s) — %s"), self->applicant_name ? self->applicant_name : "",
                         masked ? masked : "", zc_catalogue_item_get_name (self->item));
  gtk_label_set_text (self->applicant_label, who);

  zc_ui_clear_list (self->tolerance_list);
  zc_ui_clear_list (self->commitment_list);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (self->entries, i);
      gboolean tolerance = e->kind == ZC_COMMITMENT_KIND_TOLERANCE;

      gtk_list_box_append (tolerance ? self->tolerance_list : self->commitment_list, entry_row_new (e));
      any_tolerance |= tolerance;
      any_commitment |= !tolerance;
    }
  gtk_widget_set_visible (self->tolerance_box, any_tolerance);
  gtk_widget_set_visible (self->deadline_box, has_allowed (self, ZC_COMMITMENT_KIND_TOLERANCE));
  gtk_widget_set_visible (self->commitment_box, any_commitment);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->method_row)),
                          has_allowed (self, ZC_COMMITMENT_KIND_COMMITMENT));

  if (!self->credit_known)
    gtk_label_set_text (self->credit_label, _("Credit: the platform could not be asked (offline)."));
  else if (self->credit.serious_breach || self->credit.false_commitment)
    gtk_label_set_text (self->credit_label, self->credit.serious_breach
                        ? _("Credit: the platform records a serious credit breach.")
                        : _("Credit: the platform records an earlier false commitment."));
  else
    gtk_label_set_text (self->credit_label, _("Credit: no serious breach and no false commitment on record."));

  /* the window says what is being signed */
  if (any_tolerance != any_commitment)
    adw_window_title_set_title (self->window_title,
                                zc_commitment_kind_label (any_tolerance ? ZC_COMMITMENT_KIND_TOLERANCE
                                                                        : ZC_COMMITMENT_KIND_COMMITMENT));

  propose_deadline (self);
  show_deadline (self);

  if (!has_allowed (self, ZC_COMMITMENT_KIND_TOLERANCE) && !has_allowed (self, ZC_COMMITMENT_KIND_COMMITMENT) &&
      self->entries->len > 0)
    g_string_append (refusals, _("Nothing can be accepted: each material above is refused with its reason."));
  gtk_label_set_text (self->terms_error, refusals->str);
  gtk_widget_set_visible (GTK_WIDGET (self->terms_error), refusals->len > 0);
  update_actions (self);
}

/* ---- the letters ------------------------------------------------------ */

static ZcDocumentData *
letter_new (ZcCommitmentDialog *self,
            ZcDocumentKind      kind,
            GBytes             *signature)
{
  ZcCommitmentKind ckind = kind == ZC_DOCUMENT_COMMITMENT ? ZC_COMMITMENT_KIND_COMMITMENT
                                                          : ZC_COMMITMENT_KIND_TOLERANCE;
  g_auto(GStrv) codes = allowed_codes (self, ckind);
  g_autofree char *iso = date_iso (&self->deadline);
  g_autofree char *note = NULL;
  ZcDocumentData *data = zc_document_data_new (kind);

  data->case_number = g_strdup (self->case_number);
  data->local_ref = g_strdup (self->local_ref);
  data->applicant_name = g_strdup (self->applicant_name);
  data->applicant_key = g_strdup (self->applicant_key);
  data->item_name = g_strdup (zc_catalogue_item_get_name (self->item));
  data->window = g_strdup (self->window_name);
  data->clerk = g_strdup (self->clerk);
  data->issued_at = self->signed_at != NULL ? g_date_time_ref (self->signed_at) : zc_clock_now_china (self->clock);
  data->signature_png = signature != NULL ? g_bytes_ref (signature) : NULL;

  for (guint i = 0; self->chosen != NULL && self->chosen[i] != NULL; i++)
    {
      ZcMatter *m = zc_catalogue_item_find_matter (self->item, self->chosen[i]);

      if (m != NULL)
        zc_document_data_add_matter (data, zc_matter_get_name (m), zc_matter_get_department (m), NULL, FALSE);
    }

  if (ckind == ZC_COMMITMENT_KIND_TOLERANCE)
    {
      data->deadline = g_strdup (iso);
      /* TRANSLATORS: the deadline of a material accepted as missing */
      note = g_strdup_printf (_("to be supplied by %s"), iso != NULL ? iso : "");
    }
  else
    note = g_strdup (_("replaced by this commitment"));

  for (guint i = 0; codes[i] != NULL; i++)
    {
      ZcMaterial *m = zc_catalogue_item_find_material (self->item, codes[i]);

      zc_document_data_add_material (data->later,
                                     zc_catalogue_item_get_party_label (self->item, zc_material_get_party (m)),
                                     zc_material_get_name (m), note);
    }
  if (ckind == ZC_COMMITMENT_KIND_COMMITMENT)
    zc_document_data_add_commitment_text (data, self->item, (const char * const *) self->chosen,
                                          (const char * const *) codes);
  return data;
}

static const ZcDocumentKind tolerance_letters[] = { ZC_DOCUMENT_TOLERANCE_REQUEST, ZC_DOCUMENT_TOLERANCE_NOTICE };
static const ZcDocumentKind commitment_letters[] = { ZC_DOCUMENT_COMMITMENT };

/* ---- printing a letter -------------------------------------------------- */

/* The letter previewed in a page of @stack: the page's box holds the
 * preview, then the row printing it */
static ZcDocumentPreview *
page_preview (GtkWidget *page)
{
  return g_object_get_data (G_OBJECT (page), "zc-preview");
}


typedef struct
{
  ZcCommitmentDialog *self;   /* strong */
  GtkWidget          *button; /* strong */
  GtkLabel           *error;  /* strong */
  GtkWidget          *preview; /* strong */
} Printing;

static void
printing_free (Printing *p)
{
  g_object_unref (p->self);
  g_object_unref (p->preview);
  g_object_unref (p->button);
  g_object_unref (p->error);
  g_free (p);
}

/* The signed letters printed (their preview says so) are marked in the
 * results: the case page asks to print only the others */
static void
mark_printed (ZcCommitmentDialog *self)
{
  for (guint i = 0; self->results != NULL && i < self->results->len; i++)
    {
      ZcCommitmentResult *r = g_ptr_array_index (self->results, i);

      for (guint j = 0; j < r->documents->len; j++)
        {
          ZcCommitmentDocument *doc = g_ptr_array_index (r->documents, j);

          for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->signed_stack));
               child != NULL; child = gtk_widget_get_next_sibling (child))
            if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "zc-document-kind")) == (int) doc->kind + 1 &&
                g_object_get_data (G_OBJECT (page_preview (child)), "zc-printed") != NULL)
              doc->printed = TRUE;
        }
    }
}

static void
letter_printed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Printing *p = user_data;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult res = zc_print_pdf_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_set_sensitive (p->button, TRUE);
      if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
        {
          /* already in words for the clerk (e.g. the folder does not exist) */
          gtk_label_set_text (p->error, error != NULL ? error->message : _("Printing failed"));
          gtk_widget_set_visible (GTK_WIDGET (p->error), TRUE);
        }
      else if (res == GTK_PRINT_OPERATION_RESULT_APPLY)
        {
          g_clear_object (&p->self->print_settings);
          p->self->print_settings = zc_print_pdf_get_settings (result);
          if (p->self->print_settings != NULL)
            g_set_object (&session_print_settings, p->self->print_settings);
          g_object_set_data (G_OBJECT (p->preview), "zc-printed", GINT_TO_POINTER (1));
          mark_printed (p->self);
        }
    }
  printing_free (p);
}

/* 打印 under a letter: on the printer last chosen */
static void
print_letter_clicked (GtkButton *button,
                      GtkWidget *preview)
{
  ZcCommitmentDialog *self = ZC_COMMITMENT_DIALOG (gtk_widget_get_root (GTK_WIDGET (button)));
  GBytes *pdf = zc_document_preview_get_pdf (ZC_DOCUMENT_PREVIEW (preview));
  ZcDocumentKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (preview), "zc-document-kind")) - 1;
  g_autoptr(GtkPrintSettings) settings = NULL;
  Printing *p;

  if (pdf == NULL)
    return;
  settings = self->print_settings != NULL ? gtk_print_settings_copy (self->print_settings)
                                          : gtk_print_settings_new ();
  /* once: a letter in two copies (the notice) holds both, each on its
   * own pages (第一联, 第二联) */
  gtk_print_settings_set_n_copies (settings, 1);
  p = g_new0 (Printing, 1);
  p->self = g_object_ref (self);
  p->button = g_object_ref (GTK_WIDGET (button));
  p->error = g_object_ref (g_object_get_data (G_OBJECT (button), "zc-error-label"));
  p->preview = g_object_ref (preview);
  gtk_widget_set_visible (GTK_WIDGET (p->error), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  zc_print_pdf_with_settings_async (GTK_WINDOW (self), pdf, zc_document_kind_title (kind), settings,
                                    self->cancellable, letter_printed_cb, p);
}

static void
letter_written (GtkWidget *preview,
                GParamSpec *pspec,
                GtkWidget *button)
{
  gtk_widget_set_sensitive (button, zc_document_preview_get_pdf (ZC_DOCUMENT_PREVIEW (preview)) != NULL);
}

/* The row under a letter: 打印 N 份 (the copies it holds) beside what
 * they are for */
static GtkWidget *
print_row_new (GtkWidget      *preview,
               ZcDocumentKind  kind,
               gboolean        signed_letter)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button, *note, *error;
  guint copies = signed_letter && kind == ZC_DOCUMENT_TOLERANCE_NOTICE ? 2 : 1;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  const char *what;

  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_name (row, "letter-print-row");

  /* TRANSLATORS: a button under a letter: 打印 2 份(_P) */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Print %u Copy", "_Print %u Copies", copies), copies);
  button = gtk_button_new_with_mnemonic (label);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_sensitive (button, FALSE);
  gtk_widget_set_name (button, "letter-print-button");

  if (!signed_letter)
    what = _("Unsigned, for the applicant to read");
  else if (kind == ZC_DOCUMENT_TOLERANCE_NOTICE)
    what = _("Two copies in one: the first for the applicant, the second kept by the window");
  else
    what = _("Signed by the applicant");
  note = gtk_label_new (what);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");

  /* TRANSLATORS: the print button's accessible name: 打印容缺受理通知书，2 份 */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Print the %s, %u copy", "Print the %s, %u copies",
                                              copies), zc_document_kind_title (kind), copies);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, what, -1);
  gtk_widget_set_tooltip_text (button, description);

  error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  g_object_set_data (G_OBJECT (button), "zc-error-label", error);

  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (row), note);
  gtk_box_append (GTK_BOX (row), error);
  g_signal_connect_object (button, "clicked", G_CALLBACK (print_letter_clicked), preview, 0);
  g_signal_connect_object (preview, "notify::pdf", G_CALLBACK (letter_written), button, 0);
  return row;
}

/* Shows every letter in @stack, signed with @signature or not, each
 * with its 打印 row under it; returns the number of previews added */
static guint
show_letters (ZcCommitmentDialog *self,
              GtkStack           *stack,
              GBytes             *signature)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (stack))) != NULL)
    gtk_stack_remove (stack, child);

  for (int k = 0; k < 2; k++)
    {
      ZcCommitmentKind ckind = k == 0 ? ZC_COMMITMENT_KIND_TOLERANCE : ZC_COMMITMENT_KIND_COMMITMENT;
      const ZcDocumentKind *kinds = k == 0 ? tolerance_letters : commitment_letters;
      guint n_kinds = k == 0 ? G_N_ELEMENTS (tolerance_letters) : G_N_ELEMENTS (commitment_letters);

      if (!has_allowed (self, ckind))
        continue;
      for (guint i = 0; i < n_kinds; i++)
        {
          GtkWidget *preview = zc_document_preview_new ();
          GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

          zc_document_preview_set_title_visible (ZC_DOCUMENT_PREVIEW (preview), FALSE);
          zc_document_preview_set_print_visible (ZC_DOCUMENT_PREVIEW (preview), FALSE);
          /* the page scrolls inside the letter: the dialog, its header,
           * switcher and 打印 row fit a 1280x800 screen (640 px did not) */
          zc_document_preview_set_min_height (ZC_DOCUMENT_PREVIEW (preview), 320);
          gtk_widget_set_vexpand (preview, TRUE);
          g_object_set_data (G_OBJECT (preview), "zc-document-kind", GINT_TO_POINTER (kinds[i] + 1));
          g_object_set_data (G_OBJECT (page), "zc-document-kind", GINT_TO_POINTER (kinds[i] + 1));
          g_object_set_data (G_OBJECT (page), "zc-commitment-kind", GINT_TO_POINTER (ckind + 1));
          g_object_set_data (G_OBJECT (page), "zc-preview", preview);
          gtk_box_append (GTK_BOX (page), preview);
          gtk_box_append (GTK_BOX (page), print_row_new (preview, kinds[i], signature != NULL));
          gtk_stack_add_titled (stack, page, NULL, zc_document_kind_title (kinds[i]));
          zc_document_preview_show (ZC_DOCUMENT_PREVIEW (preview), letter_new (self, kinds[i], signature));
          n++;
        }
    }
  return n;
}

/* ---- signing ---------------------------------------------------------- */

static void
collect_results (ZcCommitmentDialog *self)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_commitment_result_free);

  for (int k = 0; k < 2; k++)
    {
      ZcCommitmentKind ckind = k == 0 ? ZC_COMMITMENT_KIND_TOLERANCE : ZC_COMMITMENT_KIND_COMMITMENT;
      ZcCommitmentResult *r;

      if (!has_allowed (self, ckind))
        continue;
      r = g_new0 (ZcCommitmentResult, 1);
      r->kind = ckind;
      r->materials = allowed_codes (self, ckind);
      g_date_clear (&r->deadline, 1);
      r->verification_method = ZC_VERIFICATION_METHOD_INVALID;
      r->documents = g_ptr_array_new_with_free_func (document_free);
      if (ckind == ZC_COMMITMENT_KIND_TOLERANCE)
        r->deadline = self->deadline;
      else
        r->verification_method = chosen_method (self);

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->signed_stack));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          ZcCommitmentDocument *doc;
          GBytes *pdf;

          if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "zc-commitment-kind")) != ckind + 1)
            continue;
          pdf = zc_document_preview_get_pdf (page_preview (child));
          if (pdf == NULL)
            continue;
          doc = g_new0 (ZcCommitmentDocument, 1);
          doc->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "zc-document-kind")) - 1;
          doc->pdf = g_bytes_ref (pdf);
          doc->copies = doc->kind == ZC_DOCUMENT_TOLERANCE_NOTICE ? 2 : 1;
          g_ptr_array_add (r->documents, doc);
        }
      if (ckind == ZC_COMMITMENT_KIND_COMMITMENT)
        {
          g_autoptr(ZcDocumentData) data = letter_new (self, ZC_DOCUMENT_COMMITMENT, NULL);
          g_autoptr(GString) lines = g_string_new (NULL);

          for (guint i = 0; i < data->obligations->len; i++)
            {
              if (lines->len > 0)
                g_string_append_c (lines, '\n');
              g_string_append (lines, g_ptr_array_index (data->obligations, i));
            }
          /* the contract's limit; the letter keeps the whole text */
          if (lines->len > 2000)
            g_string_truncate (lines, g_utf8_find_prev_char (lines->str, lines->str + 2000) - lines->str);
          r->obligations = lines->len > 0 ? g_strdup (lines->str) : NULL;
        }
      g_ptr_array_add (results, r);
    }
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&results);
  mark_printed (self);
}

static void
on_signed_pdf (ZcCommitmentDialog *self)
{
  guint ready = 0, total = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->signed_stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      total++;
      ready += zc_document_preview_get_pdf (page_preview (child)) != NULL;
    }
  self->pending_pdfs = total - ready;
  if (self->pending_pdfs == 0)
    {
      collect_results (self);
      gtk_label_set_text (self->done_label, _("Signed. Print each letter with the button under it, then press Finish to record the commitment."));
    }
  update_actions (self);
}

static void
sign (ZcCommitmentDialog *self)
{
  g_autoptr(GBytes) png = zc_signature_pad_to_png (self->pad);

  if (png == NULL)
    return;
  g_clear_pointer (&self->signature, g_bytes_unref);
  self->signature = g_steal_pointer (&png);
  g_clear_pointer (&self->signed_at, g_date_time_unref);
  self->signed_at = zc_clock_now_china (self->clock);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  self->pending_pdfs = show_letters (self, self->signed_stack, self->signature);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->signed_stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    g_signal_connect_object (page_preview (child), "notify::pdf", G_CALLBACK (on_signed_pdf), self,
                             G_CONNECT_SWAPPED);
  gtk_label_set_text (self->done_label, _("Writing the signed letters…"));
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
on_pad_strokes (ZcCommitmentDialog *self)
{
  update_actions (self);
}

/* ---- actions ---------------------------------------------------------- */

/* On the terms and the letters read, the focus starts on the step's
 * one action (Enter: 下一步), never on 取消 (the first in the header) */
static void
focus_next (ZcCommitmentDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if ((g_strcmp0 (page, "terms") == 0 || g_strcmp0 (page, "preview") == 0) &&
      gtk_widget_get_sensitive (GTK_WIDGET (self->next_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
on_page_changed (ZcCommitmentDialog *self)
{
  set_step_subtitle (self);
  update_actions (self);
  focus_next (self);
}

/* before GtkWindow gives the focus to the first widget (取消) */
static void
zc_commitment_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (zc_commitment_dialog_parent_class)->map (widget);
  focus_next (ZC_COMMITMENT_DIALOG (widget));
}

/* ---- closing ---------------------------------------------------------- */

/* something the applicant drew or signed, lost if the window closed */
static gboolean
has_signature (ZcCommitmentDialog *self)
{
  return zc_signature_pad_get_n_strokes (self->pad) > 0 || self->signature != NULL;
}

static gboolean
close_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
confirm_close_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  ZcCommitmentDialog *self)
{
  self->confirm_close = NULL;
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->discarding = TRUE;
      /* once the question's response is over: destroyed with this
       * window inside its own emission, it outlived its parent */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle, g_object_ref (self), g_object_unref);
    }
  /* 继续签名: the focus is where it was (the pad) */
}

/* Escape, 取消 or the window's close: once something is drawn or
 * signed, ask before the signature and the deadline are thrown away */
static gboolean
zc_commitment_dialog_close_request (GtkWindow *window)
{
  ZcCommitmentDialog *self = ZC_COMMITMENT_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->discarding || !has_signature (self))
    return GTK_WINDOW_CLASS (zc_commitment_dialog_parent_class)->close_request (window);
  if (self->confirm_close != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_close));
      return TRUE;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard the Signature?"),
                                                       _("The applicant's signature and the chosen deadline will be lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "continue", _("_Continue Signing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "continue");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_close_cb), self, 0);
  self->confirm_close = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZcCommitmentDialog *self = ZC_COMMITMENT_DIALOG (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "terms") == 0)
    {
      g_autofree char *summary = NULL;
      g_autofree char *iso = date_iso (&self->deadline);

      show_letters (self, self->preview_stack, NULL);
      if (has_allowed (self, ZC_COMMITMENT_KIND_TOLERANCE))
        summary = g_strdup_printf (_("The missing materials are to be supplied by %s."), iso);
      else
        summary = g_strdup (_("The applicant commits to the conditions of the letter."));
      gtk_label_set_text (self->sign_summary, summary);
      gtk_stack_set_visible_child_name (self->stack, "preview");
    }
  else if (g_strcmp0 (page, "preview") == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "sign");
      /* into the pad (its canvas): gtk_widget_grab_focus on the pad
       * itself left the focus on 取消, where Enter closed the dialog */
      gtk_widget_child_focus (GTK_WIDGET (self->pad), GTK_DIR_TAB_FORWARD);
    }
  else if (g_strcmp0 (page, "sign") == 0)
    sign (self);
  else if (g_strcmp0 (page, "done") == 0 && self->results != NULL)
    {
      g_signal_emit (self, signals[SIGNED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZcCommitmentDialog *self = ZC_COMMITMENT_DIALOG (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "preview") == 0)
    gtk_stack_set_visible_child_name (self->stack, "terms");
  else if (g_strcmp0 (page, "sign") == 0)
    gtk_stack_set_visible_child_name (self->stack, "preview");
  else if (g_strcmp0 (page, "done") == 0)
    {
      /* to sign again: the pad keeps the strokes until cleared */
      g_clear_pointer (&self->results, g_ptr_array_unref);
      gtk_stack_set_visible_child_name (self->stack, "sign");
    }
}

/* ---- GObject ---------------------------------------------------------- */

static void
zc_commitment_dialog_dispose (GObject *object)
{
  ZcCommitmentDialog *self = ZC_COMMITMENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_COMMITMENT_DIALOG);
  g_clear_object (&self->item);
  g_clear_object (&self->calendar);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_clear_pointer (&self->signed_at, g_date_time_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (zc_commitment_dialog_parent_class)->dispose (object);
}

static void
zc_commitment_dialog_finalize (GObject *object)
{
  ZcCommitmentDialog *self = ZC_COMMITMENT_DIALOG (object);

  g_strfreev (self->chosen);
  g_free (self->applicant_name);
  g_free (self->applicant_key);
  g_free (self->signer_role);
  g_free (self->case_number);
  g_free (self->local_ref);
  g_free (self->window_name);
  g_free (self->clerk);
  g_ptr_array_unref (self->entries);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (zc_commitment_dialog_parent_class)->finalize (object);
}

static void
zc_commitment_dialog_class_init (ZcCommitmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_commitment_dialog_dispose;
  object_class->finalize = zc_commitment_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = zc_commitment_dialog_close_request;
  widget_class->map = zc_commitment_dialog_map;

  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _zc_ui_ensure_resources ();
  g_type_ensure (ZC_TYPE_SIGNATURE_PAD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-commitment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, applicant_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, tolerance_box);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, tolerance_list);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, deadline_box);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, deadline_calendar);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, deadline_limit_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, deadline_error);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, commitment_box);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, credit_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, commitment_list);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, methods);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, terms_error);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, sign_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, sign_summary);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, pad);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, done_label);
  gtk_widget_class_bind_template_child (widget_class, ZcCommitmentDialog, signed_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_pad_strokes);

  gtk_widget_class_install_action (widget_class, "commitment.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "commitment.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zc_commitment_dialog_init (ZcCommitmentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->cancellable = g_cancellable_new ();
  if (session_print_settings != NULL)
    self->print_settings = gtk_print_settings_copy (session_print_settings);
  /* one primary action per step, the header's: Enter takes it when it
   * may be taken (on the signing step, once there is a signature) */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
  g_date_clear (&self->reception, 1);
  g_date_clear (&self->deadline, 1);
  g_date_clear (&self->limit, 1);
  for (guint i = 0; i < G_N_ELEMENTS (method_order); i++)
    gtk_string_list_append (self->methods, zc_verification_method_label (method_order[i]));
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_page_changed), self,
                           G_CONNECT_SWAPPED);
  set_step_subtitle (self);
}

/* ---- public API ------------------------------------------------------- */

ZcCommitmentDialog *
zc_commitment_dialog_new (GtkWindow           *parent,
                          ZcCatalogueItem     *item,
                          const char * const  *chosen,
                          const char          *applicant_name,
                          const char          *applicant_key,
                          const char          *signer_role,
                          const GDate         *reception,
                          ZcCalendar          *calendar,
                          const ZcCreditFacts *credit,
                          ZcClock             *clock)
{
  ZcCommitmentDialog *self;
  g_autofree char *sign_text = NULL;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (item), NULL);
  g_return_val_if_fail (reception != NULL && g_date_valid (reception), NULL);
  g_return_val_if_fail (ZC_IS_CALENDAR (calendar), NULL);

  self = g_object_new (ZC_TYPE_COMMITMENT_DIALOG, "transient-for", parent, NULL);
  self->item = g_object_ref (item);
  self->chosen = g_strdupv ((char **) chosen);
  self->applicant_name = g_strdup (applicant_name);
  self->applicant_key = g_strdup (applicant_key);
  self->signer_role = g_strdup (signer_role != NULL ? signer_role : "applicant");
  self->reception = *reception;
  self->calendar = g_object_ref (calendar);
  self->credit_known = credit != NULL;
  if (credit != NULL)
    self->credit = *credit;
  self->clock = clock != NULL ? g_object_ref (clock) : g_object_ref (zc_clock_get_default ());

  /* TRANSLATORS: %s is the applicant's name */
  sign_text = g_strdup_printf (_("%s, please sign below"), applicant_name ? applicant_name : "");
  gtk_label_set_text (self->sign_label, sign_text);
  refresh_terms (self);
  return self;
}

void
zc_commitment_dialog_set_context (ZcCommitmentDialog *self,
                                  const char         *case_number,
                                  const char         *local_ref,
                                  const char         *window,
                                  const char         *clerk)
{
  g_return_if_fail (ZC_IS_COMMITMENT_DIALOG (self));

  g_free (self->case_number);
  self->case_number = g_strdup (case_number);
  g_free (self->local_ref);
  self->local_ref = g_strdup (local_ref);
  g_free (self->window_name);
  self->window_name = g_strdup (window);
  g_free (self->clerk);
  self->clerk = g_strdup (clerk);
}

void
zc_commitment_dialog_add_material (ZcCommitmentDialog *self,
                                   const char         *code,
                                   ZcCommitmentKind    kind)
{
  ZcMaterial *m;
  Entry *e;

  g_return_if_fail (ZC_IS_COMMITMENT_DIALOG (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (kind == ZC_COMMITMENT_KIND_TOLERANCE || kind == ZC_COMMITMENT_KIND_COMMITMENT);

  m = zc_catalogue_item_find_material (self->item, code);
  e = g_new0 (Entry, 1);
  e->code = g_strdup (code);
  e->name = g_strdup (m != NULL ? zc_material_get_name (m) : code);
  e->kind = kind;
  e->refusal = check_entry (self, m, kind);
  g_ptr_array_add (self->entries, e);
  refresh_terms (self);
}

char *
zc_commitment_dialog_dup_refusals (ZcCommitmentDialog *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (self->entries, i);

      if (e->refusal == NULL)
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\n');
      /* TRANSLATORS: a material, then why it is refused */
      g_string_append_printf (s, _("%s: %s"), e->name, e->refusal);
    }
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

void
zc_commitment_dialog_get_deadline (ZcCommitmentDialog *self,
                                   GDate              *deadline)
{
  g_return_if_fail (ZC_IS_COMMITMENT_DIALOG (self));

  if (has_allowed (self, ZC_COMMITMENT_KIND_TOLERANCE))
    *deadline = self->deadline;
  else
    g_date_clear (deadline, 1);
}

gboolean
zc_commitment_dialog_set_deadline (ZcCommitmentDialog *self,
                                   const GDate        *deadline)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), FALSE);
  g_return_val_if_fail (deadline != NULL && g_date_valid (deadline), FALSE);

  self->deadline = *deadline;
  self->deadline_chosen = TRUE;
  select_day (self, deadline);
  show_deadline (self);
  return self->deadline_ok;
}

GPtrArray *
zc_commitment_dialog_dup_results (ZcCommitmentDialog *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), NULL);

  return self->results != NULL ? g_ptr_array_ref (self->results) : NULL;
}

JsonArray *
zc_commitment_dialog_dup_signed (ZcCommitmentDialog *self)
{
  g_autofree char *signed_iso = NULL;
  g_autofree char *png_text = NULL;
  JsonArray *list;

  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), NULL);

  if (self->results == NULL)
    return NULL;
  signed_iso = self->signed_at != NULL ? zc_date_time_format_rfc3339 (self->signed_at) : NULL;
  png_text = self->signature != NULL ? g_base64_encode (g_bytes_get_data (self->signature, NULL),
                                                        g_bytes_get_size (self->signature)) : NULL;
  list = json_array_new ();
  for (guint i = 0; i < self->results->len; i++)
    {
      ZcCommitmentResult *r = g_ptr_array_index (self->results, i);
      JsonObject *c = json_object_new ();
      JsonObject *signature = json_object_new ();
      JsonArray *materials = json_array_new ();

      json_object_set_string_member (c, "kind", zc_commitment_kind_to_string (r->kind));
      for (guint j = 0; r->materials[j] != NULL; j++)
        json_array_add_string_element (materials, r->materials[j]);
      json_object_set_array_member (c, "materials", materials);
      if (g_date_valid (&r->deadline))
        {
          g_autofree char *deadline = date_iso (&r->deadline);

          json_object_set_string_member (c, "deadline", deadline);
        }
      if (r->obligations != NULL && *r->obligations != '\0')
        json_object_set_string_member (c, "obligations", r->obligations);
      if (r->verification_method != ZC_VERIFICATION_METHOD_INVALID)
        json_object_set_string_member (c, "verification_method",
                                       zc_verification_method_to_string (r->verification_method));
      json_object_set_string_member (signature, "signer", self->applicant_key != NULL ? self->applicant_key : "");
      json_object_set_string_member (signature, "signer_role", self->signer_role);
      json_object_set_string_member (signature, "signed_at", signed_iso);
      json_object_set_string_member (signature, "method", "signature_pad");
      json_object_set_object_member (c, "signature", signature);
      for (guint j = 0; j < r->documents->len; j++)
        {
          ZcCommitmentDocument *doc = g_ptr_array_index (r->documents, j);
          g_autofree char *name = g_strdup_printf ("%s.pdf", zc_document_kind_title (doc->kind));

          zc_signed_commitment_add_document (c, zc_commitment_document_platform_kind (doc->kind), name,
                                             doc->pdf, doc->copies);
        }
      if (png_text != NULL)
        json_object_set_string_member (c, "signature_png", png_text);
      json_array_add_object_element (list, c);
    }
  return list;
}

GBytes *
zc_commitment_dialog_get_signature (ZcCommitmentDialog *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), NULL);

  return self->signature;
}

GDateTime *
zc_commitment_dialog_get_signed_at (ZcCommitmentDialog *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), NULL);

  return self->signed_at;
}

const char *
zc_commitment_dialog_get_signer_key (ZcCommitmentDialog *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), NULL);

  return self->applicant_key;
}

const char *
zc_commitment_dialog_get_signer_role (ZcCommitmentDialog *self)
{
  g_return_val_if_fail (ZC_IS_COMMITMENT_DIALOG (self), NULL);

  return self->signer_role;
}
