/* zc-drafts-list.c — the unfinished receptions saved on this computer
 *
 * A group that shows itself only when it holds a draft; activating a row
 * emits "draft-activated" with the draft's local reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zc-drafts-list.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

struct _ZcDraftsList
{
  AdwBin      parent_instance;

  /* template widgets */
  GtkListBox *drafts_list;
};

G_DEFINE_FINAL_TYPE (ZcDraftsList, zc_drafts_list, ADW_TYPE_BIN)

enum {
  DRAFT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_activated_cb (ZcDraftsList  *self,
                  GtkListBoxRow *row)
{
  const char *local_ref = g_object_get_data (G_OBJECT (row), "local-ref");

  if (local_ref != NULL)
    g_signal_emit (self, signals[DRAFT_ACTIVATED], 0, local_ref);
}

static void
zc_drafts_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_DRAFTS_LIST);

  G_OBJECT_CLASS (zc_drafts_list_parent_class)->dispose (object);
}

static void
zc_drafts_list_class_init (ZcDraftsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->dispose = zc_drafts_list_dispose;

  signals[DRAFT_ACTIVATED] =
    g_signal_new ("draft-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-drafts-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcDraftsList, drafts_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
zc_drafts_list_init (ZcDraftsList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
zc_drafts_list_clear (ZcDraftsList *self)
{
  g_return_if_fail (ZC_IS_DRAFTS_LIST (self));

  zc_ui_clear_list (self->drafts_list);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
zc_drafts_list_add (ZcDraftsList *self,
                    const char   *local_ref,
                    const char   *title,
                    const char   *subtitle)
{
  GtkWidget *row;

  g_return_if_fail (ZC_IS_DRAFTS_LIST (self));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "local-ref", g_strdup (local_ref), g_free);
  gtk_list_box_append (self->drafts_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}
