/* zc-reception-page.h — the 受理 section: receive one 一件事 step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"
#include "zc-reception.h"
#include "zc-outbox.h"
#include "zc-store.h"

G_BEGIN_DECLS

#define ZC_TYPE_RECEPTION_PAGE (zc_reception_page_get_type ())
G_DECLARE_FINAL_TYPE (ZcReceptionPage, zc_reception_page, ZC, RECEPTION_PAGE, AdwBin)

/* The steps, in order; the names of the page's stack children */
#define ZC_RECEPTION_STEP_APPLICANT "applicant"
#define ZC_RECEPTION_STEP_ITEM      "item"
#define ZC_RECEPTION_STEP_MATTERS   "matters"
#define ZC_RECEPTION_STEP_PARTIES   "parties"
#define ZC_RECEPTION_STEP_FORM      "form"
#define ZC_RECEPTION_STEP_MATERIALS "materials"
#define ZC_RECEPTION_STEP_CONFIRM   "confirm"
#define ZC_RECEPTION_STEP_DONE      "done"

GtkWidget  *zc_reception_page_new          (void);
/* A logged-in client, the local store and its outbox (all may be NULL:
 * logged out). Loads the catalogue and offers the user's drafts. */
void        zc_reception_page_set_services (ZcReceptionPage *self,
                                            ZcClient        *client,
                                            ZcStore         *store,
                                            ZcOutbox        *outbox);
/* Starts a new reception (drops the current one; its draft stays). */
void        zc_reception_page_reset        (ZcReceptionPage *self);
const char *zc_reception_page_get_step     (ZcReceptionPage *self);
/* The local reference of the current reception, or NULL */
const char *zc_reception_page_get_local_ref (ZcReceptionPage *self);
/* The case number once the outbox delivered the submission, or NULL */
const char *zc_reception_page_get_case_number (ZcReceptionPage *self);
gint64      zc_reception_page_get_case_id  (ZcReceptionPage *self);
/* Opens the saved draft @local_ref (e.g. a refused submission taken back
 * for correction) at @step (NULL = the form; ZC_RECEPTION_STEP_CONFIRM
 * lists what is still wrong). Asynchronous: applicant and parties are
 * fetched again. */
void        zc_reception_page_open_draft   (ZcReceptionPage *self,
                                            const char      *local_ref,
                                            const char      *step);
/* The reception being filled in, or NULL (for tests) */
ZcReception *zc_reception_page_get_reception (ZcReceptionPage *self);

/* The PDF of the material CODE taken in at this reception (scanned,
 * photographed, imported), or NULL */
GBytes      *zc_reception_page_get_material_pdf (ZcReceptionPage *self,
                                                 const char      *code);

/* signals: "case-activated" (gint64 id) — the clerk wants the case page;
 * "toast" (const char *message) — a message for the window's overlay;
 * "material-captured" (const char *code, GBytes *pdf, guint n_pages) — a
 * material of the reception was taken in (again: the new PDF replaces the
 * one before) */

G_END_DECLS
