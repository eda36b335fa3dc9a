/* zc-reception-page-materials.c — the paper of the reception's
 * materials: each capture is kept at once in the local store with the
 * draft (zc_outbox_queue_material_async, off the main loop), so a crash
 * or closing the draft loses nothing; reopening the draft brings the
 * files back (the rows say "N 页" again); the outbox uploads them after
 * the case is created, exactly once, and the receipt says when they are
 * on the platform. A capture once the case is on the platform goes to
 * it directly (case_id > 0). Docs: HACKING.md, "Material files".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zc-platform-error.h"
#include "zc-material-import.h"
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
      return;
    }
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
      zc_ui_toast (GTK_WIDGET (self), _("The local store of this computer is not available: the paper is not kept"));
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
