/* zc-ui-utils.h — small widget helpers shared by the pages: groups,
 * pills, lists, toasts, today's date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A boxed list in a preferences group (appended to @parent unless NULL);
 * the list is named @title for assistive technologies. */
GtkWidget *zc_ui_make_group  (GtkBox      *parent,
                              const char  *title,
                              const char  *description,
                              GtkListBox **list_out);
/* A small rounded label ("state-pill" + @css_class) */
GtkWidget *zc_ui_make_pill   (const char  *text,
                              const char  *css_class);
void       zc_ui_clear_list  (GtkListBox  *list);
/* The translated message a person sees for @error; NULL when the error
 * is a cancellation (which is silent). */
char      *zc_ui_error_message (const GError *error);
/* Sends @message to the nearest ancestor of @widget (itself included)
 * with a "toast" signal (a page; the window shows it). */
void       zc_ui_toast       (GtkWidget   *widget,
                              const char  *message);
/* zc_ui_toast() of zc_ui_error_message(); nothing for a cancellation */
void       zc_ui_toast_error (GtkWidget    *widget,
                              const GError *error);
/* Today in China (the core clock) */
void       zc_ui_today       (GDate       *date);

G_END_DECLS
