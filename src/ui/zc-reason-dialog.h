/* zc-reason-dialog.h — a confirmation that needs a stated reason
 * (withdraw, take over, refuse): the action stays disabled until a
 * reason is typed, and Enter in the reason confirms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns a new AdwMessageDialog (not yet presented) transient for
 * @parent's window, with responses "cancel" and @response_id. The reason
 * entry is the dialog's extra child, named @reason_label for assistive
 * technologies. */
GtkWidget *zc_reason_dialog_new        (GtkWidget             *parent,
                                        const char            *heading,
                                        const char            *body,
                                        const char            *response_id,
                                        const char            *response_label,
                                        AdwResponseAppearance  appearance,
                                        const char            *reason_label);
/* Presents it with the focus in the reason entry. */
void       zc_reason_dialog_present    (GtkWidget             *dialog);
/* The typed reason, stripped; never NULL ("" when none). */
char      *zc_reason_dialog_dup_reason (AdwMessageDialog      *dialog);

G_END_DECLS
