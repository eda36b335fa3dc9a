/* zc-case-list-model.h — a GListModel of ZcCase that loads pages from
 * GET /cases on demand (items not yet loaded are placeholders that
 * become real when their page arrives; items-changed is emitted then).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-client.h"

G_BEGIN_DECLS

#define ZC_TYPE_CASE_LIST_MODEL (zc_case_list_model_get_type ())
G_DECLARE_FINAL_TYPE (ZcCaseListModel, zc_case_list_model, ZC, CASE_LIST_MODEL, GObject)

ZcCaseListModel *zc_case_list_model_new        (ZcClient        *client,
                                                guint            page_size);
/* Changing either reloads from the first page. NULL = all / no search. */
void             zc_case_list_model_set_state  (ZcCaseListModel *self,
                                                const char      *state);
void             zc_case_list_model_set_query  (ZcCaseListModel *self,
                                                const char      *query);
void             zc_case_list_model_reload     (ZcCaseListModel *self);
/* properties: "loading" (bool), "total" (uint), "error" (GError boxed, last load error or NULL) */
gboolean         zc_case_list_model_get_loading (ZcCaseListModel *self);
guint            zc_case_list_model_get_total   (ZcCaseListModel *self);
const GError    *zc_case_list_model_get_error   (ZcCaseListModel *self);

G_END_DECLS
