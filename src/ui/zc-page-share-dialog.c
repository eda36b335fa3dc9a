/* zc-page-share-dialog.c — 共享材料…: a document of the case and a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-page-share.h"
#include "zc-page-share-dialog.h"

struct _ZcPageShareDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkListBox *document_list;
  GtkSpinButton *page_spin;
  GtkAdjustment *page_adjustment;
  GtkLabel *pages_label;
  GtkLabel *status_label;

  /* owned */
  ZcClient *client;
  GCancellable *cancellable;     /* the list; cancelled on close */
  GCancellable *load;            /* the chosen document's download and count */
  GBytes *pdf;
  char *document_name;
  gint64 case_id;
  int n_pages;
};

enum {
  SIGNAL_SHARE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZcPageShareDialog, zc_page_share_dialog, ADW_TYPE_WINDOW)

static void
update (ZcPageShareDialog *self)
{
  gboolean ready = self->pdf != NULL && self->n_pages > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "share.share", ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_spin), ready);
}

static void
set_status (ZcPageShareDialog *self,
            const char        *text)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

/* ---- the chosen document ------------------------------------------------- */

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZcPageShareDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *pages = NULL;
  int n = zc_page_share_count_pages_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (n <= 0)
    {
      g_clear_pointer (&self->pdf, g_bytes_unref);
      set_status (self, error != NULL ? error->message : _("This document has no pages"));
      update (self);
      return;
    }
  self->n_pages = n;
  gtk_adjustment_configure (self->page_adjustment, 1, 1, n, 1, 5, 0);
  pages = g_strdup_printf (ngettext ("of %d page", "of %d pages", n), n);
  gtk_label_set_label (self->pages_label, pages);
  set_status (self, NULL);
  update (self);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ZcPageShareDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = zc_client_download_document_finish (ZC_CLIENT (object), result, &error);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pdf == NULL)
    {
      message = g_strdup_printf (_("The document could not be downloaded: %s"), error->message);
      set_status (self, message);
      return;
    }
  self->pdf = g_bytes_ref (pdf);
  zc_page_share_count_pages_async (pdf, self->load, counted_cb, g_object_ref (self));
}

static void
on_row_selected (ZcPageShareDialog *self,
                 GtkListBoxRow     *row)
{
  gint64 *id;

  g_cancellable_cancel (self->load);
  g_clear_object (&self->load);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->document_name, g_free);
  self->n_pages = 0;
  gtk_label_set_label (self->pages_label, "");
  update (self);
  if (row == NULL || (id = g_object_get_data (G_OBJECT (row), "zc-document-id")) == NULL)
    return;
  self->document_name = g_strdup (g_object_get_data (G_OBJECT (row), "zc-document-name"));
  self->load = g_cancellable_new ();
  set_status (self, _("Downloading the document…"));
  zc_client_download_document_async (self->client, self->case_id, *id, self->load,
                                     downloaded_cb, g_object_ref (self));
}

/* ---- the list ------------------------------------------------------------ */

static GtkWidget *
document_row (gint64      id,
              const char *name,
              gint64      pages)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (pages > 0)
    {
      subtitle = g_strdup_printf (ngettext ("%d page", "%d pages", (int) pages), (int) pages);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (row), "zc-document-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (row), "zc-document-name", g_strdup (name), g_free);
  return row;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZcPageShareDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) documents = zc_client_list_documents_finish (ZC_CLIENT (object), result, &error);
  guint shown = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (documents == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The case’s documents could not be listed: %s"),
                                                  error->message);
      set_status (self, message);
      return;
    }
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonNode *node = json_array_get_element (documents, i);
      JsonObject *doc;
      JsonNode *id, *name, *pages, *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      doc = json_node_get_object (node);
      id = json_object_get_member (doc, "id");
      name = json_object_get_member (doc, "name");
      pages = json_object_get_member (doc, "pages");
      /* only PDFs have pages to show: a call's recording (video/webm) is not shared this way */
      type = json_object_get_member (doc, "media_type");
      if (type == NULL || !JSON_NODE_HOLDS_VALUE (type) || json_node_get_value_type (type) != G_TYPE_STRING
          || g_strcmp0 (json_node_get_string (type), "application/pdf") != 0)
        continue;
      /* only what the contract promises is used; anything else is skipped */
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64
          || name == NULL || !JSON_NODE_HOLDS_VALUE (name)
          || json_node_get_value_type (name) != G_TYPE_STRING)
        continue;
      gtk_list_box_append (self->document_list,
                           document_row (json_node_get_int (id), json_node_get_string (name),
                                         pages != NULL && JSON_NODE_HOLDS_VALUE (pages)
                                         && json_node_get_value_type (pages) == G_TYPE_INT64
                                         ? json_node_get_int (pages) : 0));
      shown++;
    }
  set_status (self, shown == 0 ? _("This case has no documents on the platform yet.")
                               : _("Choose a document, then the page."));
}

/* ---- actions ------------------------------------------------------------- */

static void
share_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZcPageShareDialog *self = ZC_PAGE_SHARE_DIALOG (widget);
  int page = gtk_spin_button_get_value_as_int (self->page_spin);
  g_autofree char *label = NULL;

  if (self->pdf == NULL || page < 1 || page > self->n_pages)
    return;
  /* TRANSLATORS: what is being shared: a document's name and a page */
  label = g_strdup_printf (_("%s, page %d"), self->document_name, page);
  g_signal_emit (self, signals[SIGNAL_SHARE], 0, self->pdf, page - 1, label);
  gtk_window_close (GTK_WINDOW (self));
}

ZcPageShareDialog *
zc_page_share_dialog_new (GtkWindow *parent,
                          ZcClient  *client,
                          gint64     case_id)
{
  ZcPageShareDialog *self;

  g_return_val_if_fail (ZC_IS_CLIENT (client), NULL);
  self = g_object_new (ZC_TYPE_PAGE_SHARE_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->case_id = case_id;
  set_status (self, _("Listing the case’s documents…"));
  zc_client_list_documents_async (client, case_id, self->cancellable, listed_cb, g_object_ref (self));
  return self;
}

static gboolean
close_request (GtkWindow *window)
{
  ZcPageShareDialog *self = ZC_PAGE_SHARE_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load);
  return GTK_WINDOW_CLASS (zc_page_share_dialog_parent_class)->close_request (window);
}

static void
zc_page_share_dialog_dispose (GObject *object)
{
  ZcPageShareDialog *self = ZC_PAGE_SHARE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load);
  /* the list unselects as it goes */
  if (self->document_list != NULL)
    g_signal_handlers_disconnect_by_data (self->document_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_PAGE_SHARE_DIALOG);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (zc_page_share_dialog_parent_class)->dispose (object);
}

static void
zc_page_share_dialog_finalize (GObject *object)
{
  ZcPageShareDialog *self = ZC_PAGE_SHARE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->load);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_free (self->document_name);
  G_OBJECT_CLASS (zc_page_share_dialog_parent_class)->finalize (object);
}

static void
zc_page_share_dialog_class_init (ZcPageShareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = zc_page_share_dialog_dispose;
  object_class->finalize = zc_page_share_dialog_finalize;
  window_class->close_request = close_request;

  /* (GBytes *pdf, int page_index, const char *label) */
  signals[SIGNAL_SHARE] =
    g_signal_new ("share", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_BYTES, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/zongchuang/Workstation/zc-page-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcPageShareDialog, document_list);
  gtk_widget_class_bind_template_child (widget_class, ZcPageShareDialog, page_spin);
  gtk_widget_class_bind_template_child (widget_class, ZcPageShareDialog, page_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ZcPageShareDialog, pages_label);
  gtk_widget_class_bind_template_child (widget_class, ZcPageShareDialog, status_label);

  gtk_widget_class_install_action (widget_class, "share.share", NULL, share_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zc_page_share_dialog_init (ZcPageShareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->document_list, "row-selected", G_CALLBACK (on_row_selected), self);
  update (self);
}
