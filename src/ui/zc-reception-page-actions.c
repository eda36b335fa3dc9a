/* zc-reception-page-actions.c — the reception page's actions
 * ("reception.*") and their keys; which of them are enabled is
 * recomputed in one place, _zc_reception_page_actions_update().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-reception-page-private.h"
#include "zc-ui-utils.h"

static void
action_next (GtkWidget *widget, const char *name, GVariant *param)
{
  _zc_reception_page_next (ZC_RECEPTION_PAGE (widget));
}

static void
action_back (GtkWidget *widget, const char *name, GVariant *param)
{
  _zc_reception_page_back (ZC_RECEPTION_PAGE (widget));
}

static void
action_submit (GtkWidget *widget, const char *name, GVariant *param)
{
  _zc_reception_page_submit (ZC_RECEPTION_PAGE (widget));
}

static void
action_refuse (GtkWidget *widget, const char *name, GVariant *param)
{
  _zc_reception_page_refuse (ZC_RECEPTION_PAGE (widget));
}

static void
action_notice (GtkWidget *widget, const char *name, GVariant *param)
{
  _zc_reception_page_one_time_notice (ZC_RECEPTION_PAGE (widget));
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
    g_signal_emit_by_name (self, "case-activated", self->case_id);
  else
    zc_ui_toast (widget, _("The case opens once the platform has received it"));
}

static void
action_verify (GtkWidget *widget, const char *name, GVariant *param)
{
  _zc_reception_page_verify_apply (ZC_RECEPTION_PAGE (widget));
}

static void
action_all_received (GtkWidget *widget, const char *name, GVariant *param)
{
  _zc_reception_page_mark_all_received (ZC_RECEPTION_PAGE (widget));
}

void
_zc_reception_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reception.next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "reception.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "reception.submit", NULL, action_submit);
  gtk_widget_class_install_action (widget_class, "reception.refuse", NULL, action_refuse);
  gtk_widget_class_install_action (widget_class, "reception.notice", NULL, action_notice);
  gtk_widget_class_install_action (widget_class, "reception.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "reception.open-case", NULL, action_open_case);
  gtk_widget_class_install_action (widget_class, "reception.all-received", NULL, action_all_received);
  gtk_widget_class_install_action (widget_class, "reception.verify", NULL, action_verify);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "reception.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "reception.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "reception.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "reception.next", NULL);
}

void
_zc_reception_page_actions_update (ZcReceptionPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *step = zc_reception_page_get_step (self);
  int index = _zc_reception_page_step_index (step);
  gboolean done = g_strcmp0 (step, ZC_RECEPTION_STEP_DONE) == 0;
  gboolean open = self->reception != NULL && !self->submitted && !self->submitting;
  gboolean logged_in = self->client != NULL && zc_client_get_user (self->client) != NULL;

  gtk_widget_action_set_enabled (widget, "reception.next",
                                 index >= 0 && index + 1 < (int) _zc_reception_page_n_steps ()
                                 && _zc_reception_page_can_leave (self, step));
  /* from the last page, back to the confirm step unless it was sent */
  gtk_widget_action_set_enabled (widget, "reception.back", index > 0 || (done && !self->submitted));
  gtk_widget_action_set_enabled (widget, "reception.submit", open && zc_confirm_step_get_can_submit (self->confirm_step));
  gtk_widget_action_set_enabled (widget, "reception.refuse", open && !self->refusing);
  gtk_widget_action_set_enabled (widget, "reception.notice", open);
  gtk_widget_action_set_enabled (widget, "reception.all-received", open);
  gtk_widget_action_set_enabled (widget, "reception.new", logged_in);
  /* the library's applicant for one typed by hand, while still open */
  gtk_widget_action_set_enabled (widget, "reception.verify",
                                 self->verified != NULL && self->applicant_unverified
                                 && !self->submitted && !self->submitting);
}
