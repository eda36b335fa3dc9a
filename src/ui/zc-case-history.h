/* zc-case-history.h — a case's history in words: states by name, people
 * by name and window, views folded into one line per person and day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-models.h"

G_BEGIN_DECLS

#define ZC_TYPE_CASE_HISTORY (zc_case_history_get_type ())
G_DECLARE_FINAL_TYPE (ZcCaseHistory, zc_case_history, ZC, CASE_HISTORY, AdwBin)

GtkWidget *zc_case_history_new        (void);
/* @events: a GListModel of ZcEvent in order, or NULL to empty it;
 * @user: the logged-in user (named when the platform gives no name) */
void       zc_case_history_set_events (ZcCaseHistory *self,
                                       GListModel    *events,
                                       ZcUser        *user);
/* the number of lines shown (views folded) */
guint      zc_case_history_get_n_rows (ZcCaseHistory *self);

G_END_DECLS
