/* zc-case-list-model.h — a GListModel of ZcCase that loads pages from
 * GET /cases on demand (infinite scroll): n_items is the number of
 * cases loaded so far; get_item() of a position within half a page of
 * the end fetches the next page when the platform has more, and the
 * new cases are appended (items-changed) when it arrives. "total" says
 * how many match in all. The first page is requested by _new().
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
/* "-updated_at", "number" … (GET /cases?sort=) or NULL; reloads */
void             zc_case_list_model_set_sort   (ZcCaseListModel *self,
                                                const char      *sort);
void             zc_case_list_model_reload     (ZcCaseListModel *self);
/* properties: "loading" (bool), "total" (uint), "error" (GError boxed,
 * last load error or NULL), "n-items" (uint); all notify */
gboolean         zc_case_list_model_get_loading (ZcCaseListModel *self);
guint            zc_case_list_model_get_total   (ZcCaseListModel *self);
const GError    *zc_case_list_model_get_error   (ZcCaseListModel *self);
gboolean         zc_case_list_model_get_has_more (ZcCaseListModel *self);
/* fetch the next page now (if any and none in flight) */
void             zc_case_list_model_load_more   (ZcCaseListModel *self);

G_END_DECLS
