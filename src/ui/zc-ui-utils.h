/* zc-ui-utils.h — small widget helpers shared by the pages: groups,
 * pills, lists, toasts, today's date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-catalogue.h"
#include "zc-models.h"

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
/* A tooltip's label for @text that wraps at @max_chars and is as wide as
 * the text up to that (GTK 4.8's own tooltip gives a wrapping label its
 * least width: Chinese text came one character per line) */
GtkWidget *zc_ui_tooltip_label_new (const char *text,
                                    int         max_chars);
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

/* "申请人" or the item's label of a party role */
const char *zc_ui_party_label (ZcCatalogueItem *item,
                               const char      *role);
const char *zc_ui_about_label (ZcCatalogueItem *item,
                               const char      *about);
/* 自然人 / 法人 */
const char *zc_ui_kind_label  (const char      *kind);
/* "营业执照 9134…" for a licence, number masked */
char      *zc_ui_licence_short (ZcLicence     *licence);
/* When the list of a combo row or a state menu closes, GTK 4.8 leaves the
 * focus in the hidden list, where the keys go nowhere (and Tab stays
 * inside it): it comes back to @owner */
void       zc_ui_return_focus_from_popover (GtkWidget *owner);
/* Focuses the first control (the "control" data of a row: check box,
 * state menu) of @list's rows, or with @pending_only the first whose
 * "material" is still to be decided */
gboolean   zc_ui_focus_first_control (GtkListBox *list,
                                      gboolean    pending_only);
/* GTK 4.8 names a button with a mnemonic by its raw label ("_Next",
 * "下一步(_N)"), which a screen reader reads out: every button and check
 * button under @root is named by its label without the mnemonic, now and
 * when its label changes */
void       zc_ui_name_without_mnemonics (GtkWidget *root);
void       zc_ui_name_mnemonics_when_mapped (void);

G_END_DECLS
