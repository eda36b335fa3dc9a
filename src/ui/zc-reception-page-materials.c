/* zc-reception-page-materials.c — the paper of the reception's
 * materials: each capture is kept at once in the local store with the
 * draft (zc_outbox_queue_material_async, off the main loop), so a crash
 * or closing the draft loses nothing; reopening the draft brings the
 * files back (the rows say "N 页" again); the outbox uploads them after
 * the case is created, exactly once, and the receipt says when they are
 * on the platform. A capture once the case is on the platform goes to
 * it directly (case_id > 0). Docs: HACKING.md, "Material files".
 *
 * Each capture is also checked at once against the licence library
 * (docs/domain.md, rule 3): the PDF read on a worker (text layer or OCR,
 * progress on the row, 停止 cancels), then core's zc_material_check
 * against the licences of the material's party the reception already
 * holds (the applicant's, a named party's), on the reception date and
 * for the catalogue's licence type. The row shows the verdict with the
 * first finding; opening it shows the page with the highlights. While
 * the applicant is unverified (typed while the platform was away) there
 * are no licences to compare: the row says so, and the check runs when
 * the applicant is verified (and on the case page later).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "zc-material-check.h"
#include "zc-material-import.h"
#include "zc-material-read.h"
#include "zc-pdf-view.h"
#include "zc-platform-error.h"
#include "zc-reception-page-private.h"
#include "zc-ui-utils.h"

/* the catalogue's name of material @code, else the code */
static char *
material_name (ZcReceptionPage *self,
               const char      *code)
{
  GListModel *materials = self->reception != NULL ? zc_reception_get_materials (self->reception) : NULL;

  for (guint i = 0; materials != NULL && i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);

      if (g_strcmp0 (zc_material_get_code (m), code) == 0)
        return g_strdup (zc_material_get_name (m));
    }
  return g_strdup (code);
}

/* the receipt's line on the files: how many are on the platform */
void
_zc_reception_page_update_materials_line (ZcReceptionPage *self)
{
  guint kept = g_hash_table_size (self->material_pdfs);
  g_autofree char *text = NULL;

  if (kept == 0)
    text = NULL;
  else if (self->materials_uploaded >= kept)
    text = g_strdup_printf (ngettext ("%u material file uploaded to the platform",
                                      "All %u material files uploaded to the platform", kept), kept);
  else
    text = g_strdup_printf (ngettext ("Material files: %u of %u uploaded; the rest wait in the outbox and go up after the case",
                                      "Material files: %u of %u uploaded; the rest wait in the outbox and go up after the case",
                                      kept),
                            self->materials_uploaded, kept);
  zc_receipt_step_set_materials (self->receipt_step, text);
}

typedef struct
{
  ZcReceptionPage *self;     /* strong */
  char            *code;
  char            *name;
} KeepData;

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KeepData *data = user_data;
  g_autoptr(ZcReceptionPage) self = data->self;
  g_autofree char *name = data->name;
  g_autofree char *code = data->code;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (data);
  id = zc_outbox_queue_material_finish (ZC_OUTBOX (object), result, &error);
  if (self->disposed)
    return;
  if (id <= 0)
    {
      g_autofree char *message = g_strdup_printf (_("The paper of “%s” could not be kept on this computer: %s"),
                                                  name, error != NULL ? error->message : "");

      zc_debug_masked ("A material file was not kept", error != NULL ? error->message : "");
      zc_ui_toast (GTK_WIDGET (self), message);
      /* the row does not claim it: it says why */
      zc_materials_step_material_kept (self->materials_step, code, message);
      return;
    }
  zc_materials_step_material_kept (self->materials_step, code, NULL);
  /* queued at once when its case is on the platform already */
  if (self->outbox != NULL)
    zc_outbox_kick (self->outbox);
}

/**
 * _zc_reception_page_keep_material:
 *
 * Keeps the PDF of material @code of this reception: in the local store
 * with its draft (or queued to the platform's case once it is there).
 * The store replaces a file of the same material still waiting with the
 * draft. Without a local reference yet, it is kept once it arrives.
 */
void
_zc_reception_page_keep_material (ZcReceptionPage *self,
                                  const char      *code,
                                  GBytes          *pdf)
{
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  KeepData *data;

  if (self->outbox == NULL)
    {
      const char *message = _("The local store of this computer is not available: the paper is not kept");

      zc_ui_toast (GTK_WIDGET (self), message);
      zc_materials_step_material_kept (self->materials_step, code, message);
      return;
    }
  if (self->local_ref == NULL && self->case_id <= 0)
    {
      self->keep_waiting = TRUE;
      _zc_reception_page_request_local_ref (self);
      return;
    }
  name = material_name (self, code);
  /* a file name the platform takes: no path separators, not too long */
  file_name = g_strdup (name);
  g_strdelimit (file_name, "/\\", '-');
  if (g_utf8_strlen (file_name, -1) > 150)
    *g_utf8_offset_to_pointer (file_name, 150) = '\0';
  g_free (name);
  name = g_strdup (file_name);
  g_free (file_name);
  file_name = g_strconcat (name, ".pdf", NULL);
  data = g_new0 (KeepData, 1);
  data->self = g_object_ref (self);
  data->name = g_strdup (name);
  data->code = g_strdup (code);
  /* not the reception's cancellable: a new reception started at once
   * must not lose the paper just taken */
  zc_outbox_queue_material_async (self->outbox, self->local_ref, self->case_id, code,
                                  file_name, pdf, NULL, kept_cb, data);
}

/* the captures that waited for the local reference */
void
_zc_reception_page_keep_waiting_materials (ZcReceptionPage *self)
{
  GHashTableIter iter;
  gpointer code, pdf;

  if (!self->keep_waiting)
    return;
  self->keep_waiting = FALSE;
  g_hash_table_iter_init (&iter, self->material_pdfs);
  while (g_hash_table_iter_next (&iter, &code, &pdf))
    _zc_reception_page_keep_material (self, code, pdf);
}

/* --- a draft reopened: its files back --------------------------------- */

typedef struct
{
  ZcStore    *store;
  char       *username;
  char       *local_ref;
  GHashTable *pdfs;     /* out: code → GBytes */
  GHashTable *pages;    /* out: code → pages (GUINT_TO_POINTER) */
} Restore;

static void
restore_free (Restore *r)
{
  g_clear_object (&r->store);
  g_free (r->username);
  g_free (r->local_ref);
  g_clear_pointer (&r->pdfs, g_hash_table_unref);
  g_clear_pointer (&r->pages, g_hash_table_unref);
  g_free (r);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Restore *r = task_data;
  GError *error = NULL;
  GHashTableIter iter;
  gpointer code, pdf;

  r->pdfs = zc_store_material_files_of_draft (r->store, r->username, r->local_ref, &error);
  if (r->pdfs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  r->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, r->pdfs);
  while (g_hash_table_iter_next (&iter, &code, &pdf))
    {
      g_autoptr(GError) damaged = NULL;
      g_autoptr(GPtrArray) pages = zc_material_import_bytes (pdf, code, &damaged);

      /* a file that no longer reads is still kept and still uploaded */
      g_hash_table_insert (r->pages, g_strdup (code), GUINT_TO_POINTER (pages != NULL ? MAX (pages->len, 1) : 1));
    }
  g_task_return_boolean (task, TRUE);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ZcReceptionPage *self = ZC_RECEPTION_PAGE (object);
  Restore *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer code, pdf;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->disposed)
        zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (self->disposed || g_strcmp0 (r->local_ref, self->local_ref) != 0)
    return;
  g_hash_table_iter_init (&iter, r->pdfs);
  while (g_hash_table_iter_next (&iter, &code, &pdf))
    {
      /* one captured meanwhile is newer */
      if (g_hash_table_contains (self->material_pdfs, code))
        continue;
      g_hash_table_insert (self->material_pdfs, g_strdup (code), g_bytes_ref (pdf));
      zc_materials_step_set_captured_pages (self->materials_step, code,
                                            GPOINTER_TO_UINT (g_hash_table_lookup (r->pages, code)));
      _zc_reception_page_check_material (self, code, pdf);
    }
}

/**
 * _zc_reception_page_restore_materials:
 *
 * The draft @self->local_ref was reopened: its material files come back
 * from the local store (read and measured on a worker).
 */
void
_zc_reception_page_restore_materials (ZcReceptionPage *self)
{
  g_autoptr(GTask) task = NULL;
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;
  Restore *r;

  if (self->store == NULL || user == NULL || self->local_ref == NULL)
    return;
  r = g_new0 (Restore, 1);
  r->store = g_object_ref (self->store);
  r->username = g_strdup (zc_user_get_username (user));
  r->local_ref = g_strdup (self->local_ref);
  task = g_task_new (self, self->cancellable, restored_cb, NULL);
  g_task_set_source_tag (task, _zc_reception_page_restore_materials);
  g_task_set_task_data (task, r, (GDestroyNotify) restore_free);
  g_task_run_in_thread (task, restore_thread);
}

/* "entry-sent" of an upload of this reception's files */
void
_zc_reception_page_material_uploaded (ZcReceptionPage *self,
                                      ZcOutboxEntry   *entry)
{
  JsonObject *body = zc_outbox_entry_get_body (entry);
  gint64 case_id = body != NULL ? json_object_get_int_member_with_default (body, "case_id", 0) : 0;
  const char *local_ref = zc_outbox_entry_get_local_ref (entry);

  if ((local_ref == NULL || g_strcmp0 (local_ref, self->local_ref) != 0)
      && (case_id <= 0 || case_id != self->case_id))
    return;
  self->materials_uploaded++;
  _zc_reception_page_update_materials_line (self);
}

/* --- the check at reception ------------------------------------------ */

static ZcMaterial *
reception_material (ZcReceptionPage *self,
                    const char      *code)
{
  GListModel *materials = self->reception != NULL ? zc_reception_get_materials (self->reception) : NULL;

  for (guint i = 0; materials != NULL && i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);

      if (g_strcmp0 (zc_material_get_code (m), code) == 0)
        return m;
    }
  return NULL;
}

/* the party whose licence the paper must be: the material's, else the
 * applicant */
static ZcApplicant *
material_party (ZcReceptionPage *self,
                ZcMaterial      *m)
{
  const char *role = zc_material_get_party (m);

  if (role == NULL || g_str_equal (role, "applicant"))
    return zc_reception_get_applicant (self->reception);
  return zc_reception_get_party (self->reception, role);
}

typedef struct
{
  ZcReceptionPage *self;        /* strong */
  ZcReception     *reception;   /* strong: the one it was started for */
  char            *code;
  GCancellable    *cancellable; /* the row's */
  GFile           *tmp;
} CheckRun;

static void
check_run_free (CheckRun *run)
{
  if (run->tmp != NULL)
    g_file_delete_async (run->tmp, G_PRIORITY_LOW, NULL, NULL, NULL);
  g_clear_object (&run->tmp);
  g_clear_object (&run->self);
  g_clear_object (&run->reception);
  g_clear_object (&run->cancellable);
  g_free (run->code);
  g_free (run);
}

static void
check_progress_cb (double   fraction,
                   guint    page,
                   gpointer user_data)
{
  CheckRun *run = user_data;

  if (!run->self->disposed && run->self->reception == run->reception)
    zc_materials_step_check_progress (run->self->materials_step, run->code, fraction);
}

static void
check_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;
  ZcReceptionPage *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = zc_material_read_finish (result, &error);
  ZcMaterialCheck *check = NULL;
  g_autofree char *note = NULL;
  ZcMaterial *m;
  ZcApplicant *party;

  if (self->disposed || self->reception != run->reception)
    {
      check_run_free (run);
      return;
    }
  m = reception_material (self, run->code);
  party = m != NULL ? material_party (self, m) : NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note = g_strdup (_("Check stopped: open the case page to check it"));
  else if (pages == NULL)
    note = g_strdup_printf (_("Cannot be checked: %s"), error->message);
  else if (m == NULL || party == NULL)
    note = g_strdup (_("The party is not named: nothing to check against"));
  else
    check = zc_material_check (pages, zc_applicant_get_licences (party), zc_reception_get_date (self->reception),
                               zc_material_get_replaced_by (m), zc_applicant_get_key (party));
  zc_materials_step_check_done (self->materials_step, run->code, run->cancellable, check, note);
  check_run_free (run);
}

static void
check_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CheckRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *note = NULL;

      g_clear_object (&run->tmp);   /* not written: nothing to delete */
      if (!run->self->disposed && run->self->reception == run->reception)
        {
          note = g_strdup_printf (_("Cannot be checked: %s"), error->message);
          zc_materials_step_check_done (run->self->materials_step, run->code, run->cancellable, NULL,
                                        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                        ? _("Check stopped: open the case page to check it") : note);
        }
      check_run_free (run);
      return;
    }
  zc_material_read_async (run->tmp, check_progress_cb, run, run->cancellable, check_read_cb, run);
}

/**
 * _zc_reception_page_check_material:
 *
 * Checks the paper @pdf of material @code against the licence of its
 * party (off the main loop); the materials step's row shows it. Nothing
 * for a material no licence type stands for.
 */
void
_zc_reception_page_check_material (ZcReceptionPage *self,
                                   const char      *code,
                                   GBytes          *pdf)
{
  g_autofree char *name = NULL;
  static guint counter;
  ZcMaterial *m = self->reception != NULL ? reception_material (self, code) : NULL;
  ZcApplicant *party;
  GCancellable *cancellable;
  CheckRun *run;

  if (m == NULL || zc_material_get_replaced_by (m) == NULL)
    return;
  party = material_party (self, m);
  cancellable = zc_materials_step_check_started (self->materials_step, code);
  if (party == NULL)
    {
      zc_materials_step_check_done (self->materials_step, code, cancellable, NULL,
                                    _("The party is not named: nothing to check against"));
      return;
    }
  /* typed by hand while the platform was away: no licences to compare */
  if (self->applicant_unverified && party == zc_reception_get_applicant (self->reception))
    {
      zc_materials_step_check_done (self->materials_step, code, cancellable, NULL,
                                    _("Offline: kept, checked once the licence library answers"));
      return;
    }

  run = g_new0 (CheckRun, 1);
  run->self = g_object_ref (self);
  run->reception = g_object_ref (self->reception);
  run->code = g_strdup (code);
  run->cancellable = g_object_ref (cancellable);
  /* the reader takes a file: the bytes go to a private temporary one */
  name = g_strdup_printf ("zc-reception-check-%d-%u.pdf", (int) getpid (), ++counter);
  run->tmp = g_file_new_build_filename (g_get_tmp_dir (), name, NULL);
  g_file_replace_contents_bytes_async (run->tmp, pdf, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       run->cancellable, check_written_cb, run);
}

/* every paper of this reception checked again (the applicant verified) */
void
_zc_reception_page_check_all_materials (ZcReceptionPage *self)
{
  GHashTableIter iter;
  gpointer code, pdf;

  g_hash_table_iter_init (&iter, self->material_pdfs);
  while (g_hash_table_iter_next (&iter, &code, &pdf))
    _zc_reception_page_check_material (self, code, pdf);
}

static void
finding_activated_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      ZcPdfView     *view)
{
  int highlight = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "highlight"));

  if (highlight > 0)
    zc_pdf_view_show_highlight (view, (guint) (highlight - 1));
}

/* "check-opened" of the materials step: the paper with its highlights
 * and the findings beside it, in a window of its own (Esc closes it) */
static void
check_opened_cb (ZcMaterialsStep *step,
                 const char      *code,
                 ZcReceptionPage *self)
{
  const ZcMaterialCheck *check = zc_materials_step_get_check (step, code);
  GBytes *pdf = g_hash_table_lookup (self->material_pdfs, code);
  g_autoptr(GPtrArray) highlights = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *content, *pane, *side, *scroller, *verdict, *list;
  GtkEventController *shortcuts;
  ZcPdfView *view;

  if (check == NULL || pdf == NULL)
    return;
  name = material_name (self, code);
  /* Translators: 核验：营业执照 */
  title = g_strdup_printf (_("Check: %s"), name);
  window = adw_window_new ();
  gtk_widget_set_name (window, "reception-check-window");
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  pane = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (pane, 12);
  gtk_widget_set_margin_end (pane, 12);
  gtk_widget_set_margin_bottom (pane, 12);
  gtk_widget_set_vexpand (pane, TRUE);
  view = ZC_PDF_VIEW (zc_pdf_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (view), TRUE);
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (view));

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (side, 6);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_size_request (scroller, 320, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), side);
  gtk_box_append (GTK_BOX (pane), scroller);
  verdict = gtk_label_new (zc_verdict_to_label (check->verdict));
  gtk_label_set_xalign (GTK_LABEL (verdict), 0);
  gtk_widget_set_name (verdict, "check-verdict");
  gtk_widget_add_css_class (verdict, "title-2");
  gtk_widget_add_css_class (verdict, check->verdict == ZC_VERDICT_MATCH ? "success"
                                     : check->verdict == ZC_VERDICT_UNCERTAIN || check->verdict == ZC_VERDICT_UNREADABLE
                                     ? "warning" : "error");
  gtk_box_append (GTK_BOX (side), verdict);
  if (check->verdict == ZC_VERDICT_UNCERTAIN || check->verdict == ZC_VERDICT_UNREADABLE)
    {
      GtkWidget *hint = gtk_label_new (_("The reading could not settle it: compare the paper with the licence by eye. The decision is kept on the case page."));

      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_box_append (GTK_BOX (side), hint);
    }
  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "check-findings");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Findings of the check"), -1);
  g_signal_connect (list, "row-activated", G_CALLBACK (finding_activated_cb), view);
  gtk_box_append (GTK_BOX (side), list);

  highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_pdf_highlight_free);
  for (guint i = 0; i < check->findings->len; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;
      const char *expected = f->expected != NULL && f->expected[0] != '\0' ? f->expected : _("(none)");
      const char *found = f->found != NULL && f->found[0] != '\0' ? f->found : _("(not found)");

      if (f->verdict == ZC_VERDICT_MATCH)
        subtitle = f->page > 0 ? g_strdup_printf (_("%s · page %u"), found, f->page) : g_strdup (found);
      else if (f->page > 0)
        subtitle = g_strdup_printf (_("Expected %s · found %s · page %u"), expected, found, f->page);
      else
        subtitle = g_strdup_printf (_("Expected %s · found %s"), expected, found);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_check_field_to_label (f->field));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (f->verdict == ZC_VERDICT_MATCH ? "emblem-ok-symbolic"
                                                               : "dialog-warning-symbolic"));
      gtk_widget_set_name (row, f->verdict == ZC_VERDICT_MATCH ? "finding-match" : "finding-other");
      if (f->page > 0 && f->box.width > 0 && f->box.height > 0)
        {
          ZcPdfHighlightKind kind = f->verdict == ZC_VERDICT_MATCH ? ZC_PDF_HIGHLIGHT_MATCH
                                    : f->verdict == ZC_VERDICT_UNCERTAIN ? ZC_PDF_HIGHLIGHT_UNCERTAIN
                                    : ZC_PDF_HIGHLIGHT_MISMATCH;

          g_ptr_array_add (highlights, zc_pdf_highlight_new ((int) f->page - 1, f->box.x, f->box.y,
                                                             f->box.width, f->box.height, kind, NULL));
          g_object_set_data (G_OBJECT (row), "highlight", GINT_TO_POINTER ((int) highlights->len));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Show it on the page"));
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (content), pane);
  adw_window_set_content (ADW_WINDOW (window), content);
  zc_pdf_view_set_pdf (view, pdf);
  zc_pdf_view_set_highlights (view, highlights);
  gtk_window_present (GTK_WINDOW (window));
}

/* connects the materials step's "check-opened" (from init) */
void
_zc_reception_page_materials_init (ZcReceptionPage *self)
{
  g_signal_connect (self->materials_step, "check-opened", G_CALLBACK (check_opened_cb), self);
}
