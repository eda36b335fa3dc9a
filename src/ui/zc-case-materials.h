/* zc-case-materials.h — the case's material documents, each opened in a
 * page viewer with its check against the licence library beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-catalogue.h"
#include "zc-client.h"
#include "zc-outbox.h"

G_BEGIN_DECLS

#define ZC_TYPE_CASE_MATERIALS (zc_case_materials_get_type ())
G_DECLARE_FINAL_TYPE (ZcCaseMaterials, zc_case_materials, ZC, CASE_MATERIALS, GtkWidget)

GtkWidget  *zc_case_materials_new        (void);

/* Lists the material documents of @kase (GET /cases/{id}/documents);
 * NULL @kase clears everything, the open document too. @item (nullable)
 * says which party and licence type each material is. */
void        zc_case_materials_show       (ZcCaseMaterials *self,
                                          ZcClient        *client,
                                          ZcCase          *kase,
                                          ZcCatalogueItem *item);

/* Opens document @document_id (downloads it, shows it, checks it) */
void        zc_case_materials_open       (ZcCaseMaterials *self,
                                          gint64           document_id);

/* The verdict of the open document's check ("match" …), or NULL while
 * none */
const char *zc_case_materials_get_verdict (ZcCaseMaterials *self);

/* The outbox the paper taken in goes through (nullable) */
void        zc_case_materials_set_outbox (ZcCaseMaterials *self,
                                          ZcOutbox        *outbox);

/* 扫描 / 拍照 / 导入 for @material of the case shown (a linked box for a
 * material row): the capture dialog, then the PDF to the outbox for this
 * case. The buttons are named "scan", "photo", "import" (also data of
 * the box under those keys). */
GtkWidget  *zc_case_materials_capture_buttons_new (ZcCaseMaterials *self,
                                                   ZcMaterial      *material);

/* Signal "saved" (ZcCase *): a check was kept with the case (the history
 * has a new event).
 * Signal "changed": a material file of the case reached the platform (and
 * its state was set): load the case again. */

G_END_DECLS
