/* zc-case-materials.c — the case's material documents; one opened shows
 * in a ZcPdfView with its check beside it (issue 10, point 4)
 *
 * Opening a document downloads it, shows it, and checks it off the main
 * loop: the PDF is read on a worker (zc_material_read_async: text layer
 * or OCR, with progress, cancellable) while the licences of the
 * material's party come from the platform; core's zc_material_check
 * then gives the verdict on the case's reception date. A decided verdict
 * is kept with the case at once (POST …/documents/{doc}/checks, event
 * document.check); an uncertain or unreadable one waits for the clerk to
 * confirm or reject it by eye, and that decision is kept.
 *
 * A check kept before (GET …/documents/{doc}/checks) is shown when the
 * document is opened — verdict, findings with their highlights, who kept
 * it and when — instead of reading the paper again; 重新核验 runs the
 * check again (and keeps it again).
 *
 * The case page's material rows also take the paper in (扫描 / 拍照 /
 * 导入, zc_case_materials_capture_buttons_new): the capture dialog's PDF
 * goes through the outbox to this case (zc_outbox_queue_material_async,
 * case_id > 0: kept on this computer, uploaded exactly once); once it is
 * up, a material still 待补 on an open case is set 已收取 (PUT
 * …/materials/{code}; the platform itself turns a 容缺 one into 已补正),
 * and "changed" tells the page to load the case again.
 *
 * Personal data is shown in full: this is the page of the window
 * handling the case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "zc-calendar.h"
#include "zc-capture-dialog.h"
#include "zc-material-check.h"
#include "zc-material-read.h"
#include "zc-pdf-view.h"
#include "zc-platform-error.h"

#include "zc-case-materials.h"
#include "zc-ui-utils.h"

struct _ZcCaseMaterials
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkWidget       *group;
  GtkListBox      *documents_list;
  GtkWidget       *pane;           /* the viewer and the check beside it */
  ZcPdfView       *view;
  GtkLabel        *document_label;
  GtkLabel        *verdict_label;
  GtkLabel        *status_label;
  GtkProgressBar  *progress;
  GtkWidget       *cancel_button;
  GtkListBox      *findings_list;
  GtkListBox      *licences_list;
  GtkWidget       *licences_heading;
  GtkWidget       *findings_heading;
  GtkLabel        *kept_label;     /* who kept the check shown, and when */
  GtkWidget       *recheck_button;
  GtkWidget       *by_eye_box;
  GtkWidget       *confirm_button;
  GtkWidget       *reject_button;

  ZcClient        *client;
  ZcOutbox        *outbox;
  gulong           entry_sent_id;
  ZcCase          *kase;
  ZcCatalogueItem *item;
  GCancellable    *cancellable;    /* the list; cancelled by show (NULL) */
  GCancellable    *op;             /* the open document's download, reading, saving */

  gint64           document_id;
  char            *material;       /* the open document's material code */
  GBytes          *pdf;            /* the open document's bytes */
  JsonObject      *kept;           /* the newest check kept of it, or NULL */
  guint            opening;        /* download and kept checks still out */
  GFile           *tmp;            /* its bytes, for the reader */
  GPtrArray       *pages;          /* what was read */
  GListModel      *licences;       /* the party's */
  GError          *read_error;
  guint            pending;        /* reading and licences still out */
  ZcMaterialCheck *check;
};

G_DEFINE_FINAL_TYPE (ZcCaseMaterials, zc_case_materials, GTK_TYPE_WIDGET)

enum {
  SAVED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers --------------------------------------------------------- */

static ZcMaterial *
catalogue_material (ZcCaseMaterials *self,
                    const char      *code)
{
  GListModel *materials = self->item != NULL ? zc_catalogue_item_get_materials (self->item) : NULL;

  for (guint i = 0; materials != NULL && i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);

      if (g_strcmp0 (zc_material_get_code (m), code) == 0)
        return m;
    }
  return NULL;
}

/* the key of the material's party: a party of that role, else the applicant */
static const char *
party_key (ZcCaseMaterials *self,
           ZcMaterial      *m)
{
  GPtrArray *parties = zc_case_get_party_list (self->kase);
  const char *role = m != NULL ? zc_material_get_party (m) : NULL;

  for (guint i = 0; role != NULL && parties != NULL && i < parties->len; i++)
    {
      ZcCaseParty *party = g_ptr_array_index (parties, i);

      if (g_strcmp0 (party->role, role) == 0 && party->key != NULL)
        return party->key;
    }
  return zc_case_get_applicant (self->kase);
}

/* the reception date (China), else today */
static void
reception_date (ZcCaseMaterials *self,
                GDate           *date)
{
  GDateTime *received = zc_case_get_received_at (self->kase);

  if (received != NULL)
    {
      g_autoptr(GDateTime) local = zc_date_time_to_china (received);

      g_date_set_dmy (date, g_date_time_get_day_of_month (local),
                      g_date_time_get_month (local), g_date_time_get_year (local));
    }
  else
    zc_ui_today (date);
}

static const char *
verdict_css (ZcVerdict verdict)
{
  switch (verdict)
    {
    case ZC_VERDICT_MATCH:
      return "success";
    case ZC_VERDICT_UNCERTAIN:
    case ZC_VERDICT_UNREADABLE:
      return "warning";
    case ZC_VERDICT_REVOKED:
    case ZC_VERDICT_EXPIRED:
    case ZC_VERDICT_MISMATCH:
    default:
      return "error";
    }
}

static void
set_status (ZcCaseMaterials *self,
            const char      *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && text[0] != '\0');
}

static void
set_busy (ZcCaseMaterials *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_widget_set_visible (self->cancel_button, busy);
}

/* forgets the open document's check (not the document shown) */
static void
clear_check (ZcCaseMaterials *self)
{
  g_cancellable_cancel (self->op);
  g_clear_object (&self->op);
  g_clear_pointer (&self->check, zc_material_check_free);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->licences);
  g_clear_error (&self->read_error);
  if (self->tmp != NULL)
    g_file_delete_async (self->tmp, G_PRIORITY_LOW, NULL, NULL, NULL);
  g_clear_object (&self->tmp);
  self->pending = 0;
  gtk_label_set_text (self->verdict_label, "");
  gtk_widget_set_css_classes (GTK_WIDGET (self->verdict_label), (const char *[]) { "title-2", NULL });
  zc_ui_clear_list (self->findings_list);
  zc_ui_clear_list (self->licences_list);
  gtk_widget_set_visible (self->by_eye_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->kept_label), FALSE);
  gtk_widget_set_visible (self->recheck_button, FALSE);
  gtk_widget_set_visible (self->licences_heading, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->licences_list), TRUE);
  gtk_widget_set_visible (self->findings_heading, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), TRUE);
  zc_pdf_view_set_highlights (self->view, NULL);
  set_busy (self, FALSE);
  set_status (self, NULL);
}

/* --- saving ---------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_check_document_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (kase == NULL)
    {
      gtk_widget_set_sensitive (self->by_eye_box, TRUE);
      set_status (self, error->message);
      zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_widget_set_visible (self->by_eye_box, FALSE);
  gtk_widget_set_visible (self->recheck_button, TRUE);
  set_status (self, _("Kept with the case: the history shows the check."));
  g_signal_emit (self, signals[SAVED], 0, kase);
}

/* POST the check, with the by-eye decision (NULL when none). The key is
 * the request itself: the same check again is kept once. */
static void
save_check (ZcCaseMaterials *self,
            const char      *by_eye)
{
  g_autoptr(JsonArray) findings = json_array_new ();
  g_autofree char *fingerprint = NULL;
  g_autofree char *key = NULL;
  GString *text = g_string_new (NULL);
  const char *verdict = zc_verdict_to_string (self->check->verdict);

  for (guint i = 0; i < self->check->findings->len && i < 32; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (self->check->findings, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "field", f->field);
      /* the contract keeps 200 characters of each */
      json_object_set_string_member (o, "expected", f->expected != NULL ? f->expected : "");
      json_object_set_string_member (o, "found", f->found != NULL ? f->found : "");
      if (g_utf8_strlen (f->expected != NULL ? f->expected : "", -1) > 200)
        json_object_set_string_member (o, "expected", g_utf8_substring (f->expected, 0, 200));
      if (g_utf8_strlen (f->found != NULL ? f->found : "", -1) > 200)
        json_object_set_string_member (o, "found", g_utf8_substring (f->found, 0, 200));
      json_object_set_int_member (o, "page", f->page);
      json_object_set_string_member (o, "verdict", zc_verdict_to_string (f->verdict));
      if (f->page > 0 && f->box.width > 0 && f->box.height > 0 && f->box.x >= 0 && f->box.y >= 0
          && f->box.x + f->box.width <= 100000 && f->box.y + f->box.height <= 100000)
        {
          JsonObject *box = json_object_new ();

          json_object_set_double_member (box, "x", f->box.x);
          json_object_set_double_member (box, "y", f->box.y);
          json_object_set_double_member (box, "width", f->box.width);
          json_object_set_double_member (box, "height", f->box.height);
          json_object_set_object_member (o, "box", box);
        }
      json_array_add_object_element (findings, o);
      g_string_append_printf (text, "%s\x1f%s\x1f%s\x1f%u\x1e", f->field, f->expected, f->found, f->page);
    }
  g_string_append_printf (text, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s:%s",
                          zc_case_get_id (self->kase), self->document_id, verdict, by_eye ? by_eye : "");
  fingerprint = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
  g_string_free (text, TRUE);
  key = g_strdup_printf ("document-check-%.40s", fingerprint);

  set_busy (self, TRUE);
  gtk_progress_bar_pulse (self->progress);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_sensitive (self->by_eye_box, FALSE);
  set_status (self, _("Keeping the check with the case…"));
  zc_client_check_document_async (self->client, zc_case_get_id (self->kase), self->document_id,
                                  verdict, findings, by_eye, key, self->op, saved_cb,
                                  g_object_ref (self));
}

static void
confirm_clicked_cb (ZcCaseMaterials *self)
{
  if (self->check != NULL)
    save_check (self, "confirmed");
}

static void
reject_clicked_cb (ZcCaseMaterials *self)
{
  if (self->check != NULL)
    save_check (self, "rejected");
}

/* --- showing the check ----------------------------------------------- */

static void
finding_activated_cb (ZcCaseMaterials *self,
                      GtkListBoxRow   *row)
{
  int highlight = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "highlight"));

  if (highlight > 0)
    zc_pdf_view_show_highlight (self->view, (guint) (highlight - 1));
}

static void
show_licences (ZcCaseMaterials *self,
               const char      *type)
{
  guint shown = 0;

  for (guint i = 0; self->licences != NULL && i < g_list_model_get_n_items (self->licences); i++)
    {
      g_autoptr(ZcLicence) l = g_list_model_get_item (self->licences, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      char until[16] = "";
      const GDate *valid = zc_licence_get_valid_until (l);
      GtkWidget *row = adw_action_row_new ();

      if (type != NULL && g_strcmp0 (zc_licence_get_licence_type (l), type) != 0)
        continue;
      if (valid != NULL && g_date_valid (valid))
        g_date_strftime (until, sizeof until, "%Y-%m-%d", valid);
      title = g_strdup_printf ("%s %s", zc_licence_type_label (zc_licence_get_licence_type (l)),
                               zc_licence_get_number (l));
      if (zc_licence_get_revoked (l))
        /* Translators: a licence of the library: holder · 已注销 */
        subtitle = g_strdup_printf (_("%s · revoked"), zc_licence_get_holder_name (l));
      else if (until[0] != '\0')
        /* Translators: holder · 有效期至 2030-01-01 */
        subtitle = g_strdup_printf (_("%s · valid until %s"), zc_licence_get_holder_name (l), until);
      else
        subtitle = g_strdup_printf (_("%s · valid indefinitely"), zc_licence_get_holder_name (l));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->licences_list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The licence library has no licence of this type for the party"));
      gtk_list_box_append (self->licences_list, row);
    }
}

static void
show_check (ZcCaseMaterials *self,
            const char      *type,
            gboolean         kept)
{
  ZcMaterialCheck *check = self->check;
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_pdf_highlight_free);
  gboolean by_eye = check->verdict == ZC_VERDICT_UNCERTAIN || check->verdict == ZC_VERDICT_UNREADABLE;

  gtk_label_set_text (self->verdict_label, zc_verdict_to_label (check->verdict));
  gtk_widget_set_css_classes (GTK_WIDGET (self->verdict_label),
                              (const char *[]) { "title-2", verdict_css (check->verdict), NULL });
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  zc_verdict_to_label (check->verdict), -1);

  for (guint i = 0; i < check->findings->len; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;
      const char *icon;
      const char *expected = f->expected != NULL && f->expected[0] != '\0' ? f->expected : _("(none)");
      const char *found = f->found != NULL && f->found[0] != '\0' ? f->found : _("(not found)");

      if (f->verdict == ZC_VERDICT_MATCH && f->page > 0)
        /* Translators: what agrees with the licence: 91340102… · 第 1 页 */
        subtitle = g_strdup_printf (_("%s · page %u"), found, f->page);
      else if (f->verdict == ZC_VERDICT_MATCH)
        subtitle = g_strdup (found);
      else if (f->page > 0)
        /* Translators: 应为 X · 读到 Y · 第 1 页 */
        subtitle = g_strdup_printf (_("Expected %s · found %s · page %u"), expected, found, f->page);
      else
        subtitle = g_strdup_printf (_("Expected %s · found %s"), expected, found);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_check_field_to_label (f->field));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = f->verdict == ZC_VERDICT_MATCH ? "emblem-ok-symbolic" : "dialog-warning-symbolic";
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
      gtk_widget_set_name (row, f->verdict == ZC_VERDICT_MATCH ? "finding-match" : "finding-other");
      if (f->page > 0 && f->box.width > 0 && f->box.height > 0)
        {
          ZcPdfHighlightKind kind = f->verdict == ZC_VERDICT_MATCH ? ZC_PDF_HIGHLIGHT_MATCH
                                    : f->verdict == ZC_VERDICT_UNCERTAIN ? ZC_PDF_HIGHLIGHT_UNCERTAIN
                                    : ZC_PDF_HIGHLIGHT_MISMATCH;

          g_ptr_array_add (highlights, zc_pdf_highlight_new ((int) f->page - 1, f->box.x, f->box.y,
                                                             f->box.width, f->box.height, kind,
                                                             /* the list beside says which: a
                                                              * label would cover the line above */
                                                             NULL));
          /* 1-based: 0 means the finding is not on the paper */
          g_object_set_data (G_OBJECT (row), "highlight", GINT_TO_POINTER ((int) highlights->len));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Show it on the page"));
        }
      gtk_list_box_append (self->findings_list, row);
    }
  zc_pdf_view_set_highlights (self->view, highlights);
  if (kept)
    {
      /* what was kept: nothing to decide or keep again */
      gtk_widget_set_visible (self->licences_heading, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->licences_list), FALSE);
      gtk_widget_set_visible (self->recheck_button, TRUE);
      return;
    }
  show_licences (self, type);

  gtk_widget_set_visible (self->by_eye_box, by_eye);
  gtk_widget_set_sensitive (self->by_eye_box, TRUE);
  if (by_eye)
    set_status (self, check->verdict == ZC_VERDICT_UNCERTAIN
                ? _("The reading could not settle it: compare the paper with the licence and decide.")
                : _("Nothing on the paper could be read: look at it and decide."));
  else
    save_check (self, NULL);
}

/* both the reading and the licences are in */
static void
maybe_check (ZcCaseMaterials *self)
{
  ZcMaterial *m;
  const char *type;
  GDate date;

  if (self->pending > 0)
    return;
  set_busy (self, FALSE);
  if (self->read_error != NULL)
    {
      gtk_label_set_text (self->verdict_label, _("Cannot Be Checked"));
      gtk_widget_set_css_classes (GTK_WIDGET (self->verdict_label), (const char *[]) { "title-2", "error", NULL });
      set_status (self, self->read_error->message);
      gtk_widget_set_visible (self->recheck_button, TRUE);
      return;
    }
  if (self->pages == NULL || self->licences == NULL)
    return;
  m = catalogue_material (self, self->material);
  if (m != NULL)
    gtk_label_set_text (self->document_label, zc_material_get_name (m));
  type = m != NULL ? zc_material_get_replaced_by (m) : NULL;
  if (type == NULL)
    {
      gtk_label_set_text (self->verdict_label, _("No Licence to Check Against"));
      set_status (self, _("No electronic licence stands for this material: check it by eye."));
      /* nothing compared: no empty 核验项 / 当事人的电子证照 under it */
      gtk_widget_set_visible (self->findings_heading, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->findings_list), FALSE);
      gtk_widget_set_visible (self->licences_heading, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->licences_list), FALSE);
      gtk_widget_set_visible (self->recheck_button, TRUE);
      return;
    }
  reception_date (self, &date);
  self->check = zc_material_check (self->pages, self->licences, &date, type, party_key (self, m));
  show_check (self, type, FALSE);
}

static void
read_progress_cb (double   fraction,
                  guint    page,
                  gpointer user_data)
{
  ZcCaseMaterials *self = user_data;
  g_autofree char *text = g_strdup_printf (_("Reading page %u…"), page);

  gtk_progress_bar_set_fraction (self->progress, fraction);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *pages = zc_material_read_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->pending--;
  self->pages = pages;
  if (pages == NULL)
    self->read_error = g_steal_pointer (&error);
  maybe_check (self);
}

static void
licences_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *licences = zc_client_list_licences_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->pending--;
  self->licences = licences;
  if (licences == NULL && self->read_error == NULL)
    self->read_error = g_steal_pointer (&error);
  maybe_check (self);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->pending--;
      self->read_error = g_steal_pointer (&error);
      maybe_check (self);
      return;
    }
  zc_material_read_async (G_FILE (object), read_progress_cb, self, self->op, read_cb, g_object_ref (self));
}

/* reads the open document's bytes and asks for the party's licences,
 * then checks (maybe_check) */
static void
start_check (ZcCaseMaterials *self)
{
  g_autofree char *name = NULL;
  static guint counter;
  ZcMaterial *m;

  /* the reader takes a file: the bytes go to a private temporary one */
  name = g_strdup_printf ("zc-check-%d-%u.pdf", (int) getpid (), ++counter);
  self->tmp = g_file_new_build_filename (g_get_tmp_dir (), name, NULL);
  m = catalogue_material (self, self->material);
  self->pending = 2;
  set_busy (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, NULL);
  set_status (self, _("Reading the paper and asking the licence library…"));
  g_file_replace_contents_bytes_async (self->tmp, self->pdf, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       self->op, written_cb, g_object_ref (self));
  zc_client_list_licences_async (self->client, party_key (self, m), self->op, licences_cb, g_object_ref (self));
}

/* the check kept before: shown as it was, with who kept it and when */
static void
show_kept (ZcCaseMaterials *self)
{
  ZcMaterial *m = catalogue_material (self, self->material);
  const char *by_eye = json_object_get_string_member_with_default (self->kept, "by_eye", NULL);
  const char *at = json_object_get_string_member_with_default (self->kept, "at", NULL);
  const char *by = json_object_get_string_member_with_default (self->kept, "by", "");
  g_autoptr(GDateTime) when = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = when != NULL ? zc_date_time_to_china (when) : NULL;
  g_autofree char *when_text = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
  g_autofree char *text = NULL;

  if (m != NULL)
    gtk_label_set_text (self->document_label, zc_material_get_name (m));
  show_check (self, m != NULL ? zc_material_get_replaced_by (m) : NULL, TRUE);
  if (g_strcmp0 (by_eye, "confirmed") == 0)
    /* Translators: 已核验：clerk 于 2026-12-07 10:30（人工确认无误） */
    text = g_strdup_printf (_("Checked by %s on %s (confirmed by eye)"), by, when_text);
  else if (g_strcmp0 (by_eye, "rejected") == 0)
    text = g_strdup_printf (_("Checked by %s on %s (rejected by eye)"), by, when_text);
  else
    /* Translators: 已核验：clerk 于 2026-12-07 10:30 */
    text = g_strdup_printf (_("Checked by %s on %s"), by, when_text);
  gtk_label_set_text (self->kept_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->kept_label), TRUE);
  set_status (self, _("This check was kept with the case. Check Again reads the paper anew."));
}

/* the bytes and the kept checks are in */
static void
opened (ZcCaseMaterials *self)
{
  if (self->opening > 0 || self->pdf == NULL)
    return;
  if (self->kept != NULL && (self->check = zc_material_check_new_from_kept (self->kept)) != NULL)
    {
      set_busy (self, FALSE);
      show_kept (self);
      return;
    }
  start_check (self);
}

static void
kept_checks_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) checks = zc_client_list_document_checks_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->opening--;
  /* none, or the platform could not say: the paper is read again */
  if (error != NULL)
    zc_debug_masked ("Kept checks not read", error->message);
  if (checks != NULL && json_array_get_length (checks) > 0)
    self->kept = json_object_ref (json_array_get_object_element (checks, 0));
  opened (self);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = zc_client_download_document_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->opening--;
  if (pdf == NULL)
    {
      g_cancellable_cancel (self->op);
      set_busy (self, FALSE);
      gtk_label_set_text (self->verdict_label, _("Cannot Be Shown"));
      set_status (self, error->message);
      return;
    }
  zc_pdf_view_set_pdf (self->view, pdf);
  self->pdf = g_bytes_ref (pdf);
  opened (self);
}

/* 重新核验: the paper read and checked again, the result kept again */
static void
recheck_clicked_cb (ZcCaseMaterials *self)
{
  g_autoptr(GBytes) pdf = NULL;

  if (self->pdf == NULL)
    return;
  pdf = g_bytes_ref (self->pdf);
  clear_check (self);
  self->pdf = g_steal_pointer (&pdf);
  g_clear_pointer (&self->kept, json_object_unref);
  self->op = g_cancellable_new ();
  start_check (self);
}

static void
cancel_clicked_cb (ZcCaseMaterials *self)
{
  g_cancellable_cancel (self->op);
  set_busy (self, FALSE);
  set_status (self, _("Check cancelled. Check Again reads the paper anew."));
  gtk_widget_set_visible (self->recheck_button, self->pdf != NULL);
}

/* --- taking the paper in -------------------------------------------- */

typedef struct
{
  ZcCaseMaterials *self;  /* strong */
  char            *name;
} KeepData;

static void
queued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KeepData *data = user_data;
  g_autoptr(ZcCaseMaterials) self = data->self;
  g_autofree char *name = data->name;
  g_autoptr(GError) error = NULL;

  g_free (data);
  if (zc_outbox_queue_material_finish (ZC_OUTBOX (object), result, &error) <= 0)
    {
      g_autofree char *message = g_strdup_printf (_("The paper of “%s” could not be kept on this computer: %s"),
                                                  name, error != NULL ? error->message : "");

      zc_debug_masked ("A material file was not kept", error != NULL ? error->message : "");
      zc_ui_toast (GTK_WIDGET (self), message);
      return;
    }
  {
    /* Translators: 营业执照：已保存在本机，正在上传到平台 */
    g_autofree char *message = g_strdup_printf (_("%s: kept on this computer, uploading to the platform"), name);

    zc_ui_toast (GTK_WIDGET (self), message);
  }
  zc_outbox_kick (ZC_OUTBOX (object));
}

static void
capture_captured_cb (ZcCaptureDialog *dialog,
                     GBytes          *pdf,
                     guint            n_pages,
                     ZcCaseMaterials *self)
{
  const char *code = g_object_get_data (G_OBJECT (dialog), "code");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autofree char *file_name = NULL;
  KeepData *data;

  if (self->kase == NULL || code == NULL)
    return;
  if (self->outbox == NULL)
    {
      zc_ui_toast (GTK_WIDGET (self), _("The local store of this computer is not available: the paper is not kept"));
      return;
    }
  /* a file name the platform takes: no path separators, not too long */
  file_name = g_strdup (name);
  g_strdelimit (file_name, "/\\", '-');
  if (g_utf8_strlen (file_name, -1) > 150)
    *g_utf8_offset_to_pointer (file_name, 150) = '\0';
  data = g_new0 (KeepData, 1);
  data->self = g_object_ref (self);
  data->name = g_strdup (file_name);
  {
    g_autofree char *pdf_name = g_strconcat (file_name, ".pdf", NULL);

    /* not the page's cancellable: leaving the case must not lose the
     * paper just taken */
    zc_outbox_queue_material_async (self->outbox, NULL, zc_case_get_id (self->kase), code, pdf_name, pdf,
                                    NULL, queued_cb, data);
  }
}

static void
capture_clicked_cb (GtkButton       *button,
                    ZcCaseMaterials *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  ZcCaptureDialog *dialog;

  dialog = zc_capture_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, name,
                                  GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "source")));
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (g_object_get_data (G_OBJECT (button), "code")), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "captured", G_CALLBACK (capture_captured_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
state_set_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) state = zc_client_set_material_state_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (state == NULL)
    zc_ui_toast_error (GTK_WIDGET (self), error);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* an upload of the outbox is on the platform: one of this case's makes
 * its material 已收取 and the page loads the case again */
static void
entry_sent_cb (ZcOutbox        *outbox,
               ZcOutboxEntry   *entry,
               ZcCaseMaterials *self)
{
  JsonObject *body = zc_outbox_entry_get_body (entry);
  const char *code;
  const ZcCaseMaterial *material;
  ZcCaseState state;

  if (self->kase == NULL || self->client == NULL || body == NULL
      || g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) != 0
      || json_object_get_int_member_with_default (body, "case_id", 0) != zc_case_get_id (self->kase))
    return;
  code = json_object_get_string_member_with_default (body, "material", NULL);
  material = code != NULL ? zc_case_get_material (self->kase, code) : NULL;
  state = zc_case_get_state (self->kase);
  if (material != NULL && g_strcmp0 (material->state, "pending") == 0
      && (state == ZC_CASE_STATE_DRAFT || state == ZC_CASE_STATE_RETURNED))
    {
      g_autofree char *key = g_strdup_printf ("material-received-%" G_GINT64_FORMAT "-%s-%" G_GINT64_FORMAT,
                                              zc_case_get_id (self->kase), code, zc_outbox_entry_get_id (entry));

      zc_client_set_material_state_async (self->client, zc_case_get_id (self->kase), code, "received", NULL,
                                          key, self->cancellable, state_set_cb, g_object_ref (self));
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- the list -------------------------------------------------------- */

static void
document_activated_cb (ZcCaseMaterials *self,
                       GtkListBoxRow   *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "document-id");

  if (id != NULL)
    zc_case_materials_open (self, *id);
}

static void
documents_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZcCaseMaterials) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) documents = zc_client_list_documents_finish (ZC_CLIENT (object), result, &error);
  guint shown = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  zc_ui_clear_list (self->documents_list);
  if (documents == NULL)
    {
      zc_ui_toast_error (GTK_WIDGET (self), error);
      gtk_widget_set_visible (self->group, FALSE);
      return;
    }
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonNode *n = json_array_get_element (documents, i);
      JsonObject *d = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *code, *name;
      ZcMaterial *m;
      GtkWidget *row;
      gint64 *id;

      if (d == NULL || g_strcmp0 (json_object_get_string_member_with_default (d, "kind", ""), "material") != 0)
        continue;
      code = json_object_get_string_member_with_default (d, "material", "");
      name = json_object_get_string_member_with_default (d, "name", "");
      m = catalogue_material (self, code);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m != NULL ? zc_material_get_name (m) : code);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open and check against the licence library"));
      id = g_new (gint64, 1);
      *id = json_object_get_int_member_with_default (d, "id", 0);
      g_object_set_data_full (G_OBJECT (row), "document-id", id, g_free);
      g_object_set_data_full (G_OBJECT (row), "material", g_strdup (code), g_free);
      gtk_list_box_append (self->documents_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->group, shown > 0);
}

/* --- GObject --------------------------------------------------------- */

static void
zc_case_materials_dispose (GObject *object)
{
  ZcCaseMaterials *self = ZC_CASE_MATERIALS (object);

  if (self->view != NULL)
    clear_check (self);
  zc_case_materials_set_outbox (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->kase);
  g_clear_object (&self->item);
  g_clear_pointer (&self->material, g_free);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->kept, json_object_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->view = NULL;

  G_OBJECT_CLASS (zc_case_materials_parent_class)->dispose (object);
}

static void
zc_case_materials_class_init (ZcCaseMaterialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_case_materials_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_CASE);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkListBox *
boxed_list (const char *name,
            const char *accessible)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return GTK_LIST_BOX (list);
}

static void
zc_case_materials_init (ZcCaseMaterials *self)
{
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *side_scroller = gtk_scrolled_window_new ();
  GtkWidget *w;

  self->cancellable = g_cancellable_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->group = zc_ui_make_group (GTK_BOX (self->box), _("Material Files"),
                                  _("Open one to see it beside its check against the licence library"),
                                  &self->documents_list);
  gtk_widget_set_name (GTK_WIDGET (self->documents_list), "material-documents");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->documents_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Material files"), -1);
  g_signal_connect_swapped (self->documents_list, "row-activated", G_CALLBACK (document_activated_cb), self);
  gtk_widget_set_visible (self->group, FALSE);

  self->pane = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_name (self->pane, "material-check-pane");
  gtk_widget_set_visible (self->pane, FALSE);
  self->view = ZC_PDF_VIEW (zc_pdf_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->view), 360, 560);
  gtk_box_append (GTK_BOX (self->pane), GTK_WIDGET (self->view));

  gtk_widget_set_size_request (side_scroller, 300, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side_scroller), side);
  gtk_box_append (GTK_BOX (self->pane), side_scroller);

  self->document_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->document_label, 0);
  gtk_label_set_wrap (self->document_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->document_label), "dim-label");
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->document_label));
  self->verdict_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->verdict_label, 0);
  gtk_widget_set_name (GTK_WIDGET (self->verdict_label), "check-verdict");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "title-2");
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->verdict_label));
  self->kept_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->kept_label, 0);
  gtk_label_set_wrap (self->kept_label, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->kept_label), "check-kept");
  gtk_widget_add_css_class (GTK_WIDGET (self->kept_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->kept_label), FALSE);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->kept_label));

  w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress of the check"), -1);
  gtk_box_append (GTK_BOX (w), GTK_WIDGET (self->progress));
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Stop Checking"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cancel the check"), -1);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (w), self->cancel_button);
  gtk_box_append (GTK_BOX (side), w);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->status_label), "check-status");
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->status_label));

  /* 待人工确认 / 无法识别: the clerk decides by eye */
  self->by_eye_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->confirm_button = gtk_button_new_with_mnemonic (_("Confir_m by Eye"));
  gtk_widget_set_name (self->confirm_button, "by-eye-confirm");
  gtk_widget_add_css_class (self->confirm_button, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Confirm by eye that the paper matches the licence"), -1);
  g_signal_connect_swapped (self->confirm_button, "clicked", G_CALLBACK (confirm_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->by_eye_box), self->confirm_button);
  self->reject_button = gtk_button_new_with_mnemonic (_("Re_ject by Eye"));
  gtk_widget_set_name (self->reject_button, "by-eye-reject");
  gtk_widget_add_css_class (self->reject_button, "destructive-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reject_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reject by eye: the paper does not match the licence"), -1);
  g_signal_connect_swapped (self->reject_button, "clicked", G_CALLBACK (reject_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->by_eye_box), self->reject_button);
  gtk_widget_set_visible (self->by_eye_box, FALSE);
  gtk_box_append (GTK_BOX (side), self->by_eye_box);

  self->recheck_button = gtk_button_new_with_mnemonic (_("Chec_k Again"));
  gtk_widget_set_name (self->recheck_button, "check-again");
  gtk_widget_set_halign (self->recheck_button, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->recheck_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Read the paper and check it against the licence library again"), -1);
  g_signal_connect_swapped (self->recheck_button, "clicked", G_CALLBACK (recheck_clicked_cb), self);
  gtk_widget_set_visible (self->recheck_button, FALSE);
  gtk_box_append (GTK_BOX (side), self->recheck_button);

  self->findings_heading = heading (_("Findings"));
  gtk_widget_set_name (self->findings_heading, "findings-heading");
  gtk_box_append (GTK_BOX (side), self->findings_heading);
  self->findings_list = boxed_list ("check-findings", _("Findings of the check"));
  g_signal_connect_swapped (self->findings_list, "row-activated", G_CALLBACK (finding_activated_cb), self);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->findings_list));
  self->licences_heading = heading (_("Licences of the Party"));
  gtk_widget_set_name (self->licences_heading, "licences-heading");
  gtk_box_append (GTK_BOX (side), self->licences_heading);
  self->licences_list = boxed_list ("check-licences", _("Licences of the party"));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->licences_list));

  gtk_box_append (GTK_BOX (self->box), self->pane);
  set_busy (self, FALSE);
  set_status (self, NULL);
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_case_materials_new (void)
{
  return g_object_new (ZC_TYPE_CASE_MATERIALS, NULL);
}

void
zc_case_materials_show (ZcCaseMaterials *self,
                        ZcClient        *client,
                        ZcCase          *kase,
                        ZcCatalogueItem *item)
{
  gboolean same;

  g_return_if_fail (ZC_IS_CASE_MATERIALS (self));

  same = kase != NULL && self->kase != NULL && zc_case_get_id (kase) == zc_case_get_id (self->kase);
  g_set_object (&self->item, item);
  g_set_object (&self->client, client);
  g_set_object (&self->kase, kase);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (!same)
    {
      /* another case: nothing of the last one stays */
      clear_check (self);
      zc_pdf_view_set_pdf (self->view, NULL);
      gtk_widget_set_visible (self->pane, FALSE);
      self->document_id = 0;
      zc_ui_clear_list (self->documents_list);
      gtk_widget_set_visible (self->group, FALSE);
    }
  if (kase == NULL || client == NULL)
    return;
  zc_client_list_documents_async (client, zc_case_get_id (kase), self->cancellable, documents_cb,
                                  g_object_ref (self));
}

void
zc_case_materials_open (ZcCaseMaterials *self,
                        gint64           document_id)
{
  GtkListBoxRow *row;
  const char *title = NULL;

  g_return_if_fail (ZC_IS_CASE_MATERIALS (self));

  if (self->kase == NULL || self->client == NULL)
    return;
  clear_check (self);
  g_clear_pointer (&self->material, g_free);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->kept, json_object_unref);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->documents_list, i)) != NULL; i++)
    {
      gint64 *id = g_object_get_data (G_OBJECT (row), "document-id");

      if (id != NULL && *id == document_id)
        {
          self->material = g_strdup (g_object_get_data (G_OBJECT (row), "material"));
          title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
        }
    }
  self->document_id = document_id;
  self->op = g_cancellable_new ();
  gtk_label_set_text (self->document_label, title != NULL ? title : "");
  gtk_widget_set_visible (self->pane, TRUE);
  set_busy (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Downloading…"));
  set_status (self, _("Downloading the document…"));
  self->opening = 2;
  zc_client_download_document_async (self->client, zc_case_get_id (self->kase), document_id, self->op,
                                     downloaded_cb, g_object_ref (self));
  zc_client_list_document_checks_async (self->client, zc_case_get_id (self->kase), document_id, self->op,
                                        kept_checks_cb, g_object_ref (self));
}

const char *
zc_case_materials_get_verdict (ZcCaseMaterials *self)
{
  g_return_val_if_fail (ZC_IS_CASE_MATERIALS (self), NULL);

  return self->check != NULL ? zc_verdict_to_string (self->check->verdict) : NULL;
}

void
zc_case_materials_set_outbox (ZcCaseMaterials *self,
                              ZcOutbox        *outbox)
{
  g_return_if_fail (ZC_IS_CASE_MATERIALS (self));

  if (self->outbox == outbox)
    return;
  if (self->outbox != NULL && self->entry_sent_id != 0)
    g_signal_handler_disconnect (self->outbox, self->entry_sent_id);
  self->entry_sent_id = 0;
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    self->entry_sent_id = g_signal_connect (outbox, "entry-sent", G_CALLBACK (entry_sent_cb), self);
}

GtkWidget *
zc_case_materials_capture_buttons_new (ZcCaseMaterials *self,
                                       ZcMaterial      *material)
{
  static const struct {
    ZcCaptureSource source;
    const char     *label;
    const char     *key;
  } sources[] = {
    /* no mnemonics: every row has these three, and Alt+S/P/I must reach
     * the page's own actions (告知承诺(I)…), not the first row's */
    { ZC_CAPTURE_SCAN, N_("Scan"), "scan" },
    { ZC_CAPTURE_CAMERA, N_("Photo"), "photo" },
    { ZC_CAPTURE_IMPORT, N_("Import"), "import" },
  };
  const char *name;
  GtkWidget *box;

  g_return_val_if_fail (ZC_IS_CASE_MATERIALS (self), NULL);
  g_return_val_if_fail (ZC_IS_MATERIAL (material), NULL);

  name = zc_material_get_name (material);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_name (box, "capture-buttons");
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(sources[i].label));
      g_autofree char *a11y = NULL;

      switch (sources[i].source)
        {
        case ZC_CAPTURE_CAMERA: a11y = g_strdup_printf (_("Photograph %s"), name); break;
        case ZC_CAPTURE_IMPORT: a11y = g_strdup_printf (_("Import %s"), name); break;
        case ZC_CAPTURE_SCAN:
        default:                a11y = g_strdup_printf (_("Scan %s"), name); break;
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_widget_set_tooltip_text (button, a11y);
      gtk_widget_set_name (button, sources[i].key);
      g_object_set_data_full (G_OBJECT (button), "code", g_strdup (zc_material_get_code (material)), g_free);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name), g_free);
      g_object_set_data (G_OBJECT (button), "source", GINT_TO_POINTER (sources[i].source));
      g_signal_connect_object (button, "clicked", G_CALLBACK (capture_clicked_cb), self, 0);
      g_object_set_data (G_OBJECT (box), sources[i].key, button);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}
