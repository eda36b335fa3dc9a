/* zc-reception-page-private.h — what the reception page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-calendar.h"
#include "zc-catalogue.h"
#include "zc-commitment-rules.h"
#include "zc-applicant-step.h"
#include "zc-confirm-step.h"
#include "zc-document-preview.h"
#include "zc-form-step.h"
#include "zc-item-step.h"
#include "zc-materials-step.h"
#include "zc-matters-step.h"
#include "zc-parties-step.h"
#include "zc-receipt-step.h"
#include "zc-reception-page.h"

G_BEGIN_DECLS

#define SAVE_DELAY_MS 800

struct _ZcReceptionPage
{
  AdwBin            parent_instance;

  /* template widgets */
  GtkLabel         *step_label;
  GtkLabel         *applicant_banner;
  GtkBox           *verify_bar;
  GtkLabel         *verify_label;
  GtkButton        *verify_button;
  GtkStack         *stack;
  GtkButton        *back_button;
  GtkButton        *next_button;
  GtkBox           *action_bar;

  /* steps */
  ZcApplicantStep  *applicant_step;
  ZcItemStep       *item_step;
  ZcMattersStep    *matters_step;
  ZcPartiesStep    *parties_step;
  ZcFormStep       *form_step;
  ZcMaterialsStep  *materials_step;
  ZcConfirmStep    *confirm_step;
  ZcReceiptStep    *receipt_step;

  /* borrowed services */
  ZcClient         *client;
  ZcStore          *store;
  ZcOutbox         *outbox;
  gulong            entry_sent_id;

  /* owned */
  GCancellable     *cancellable;      /* per reception */
  GCancellable     *services_cancellable; /* per client: the catalogue */
  GCancellable     *drafts_cancellable; /* the list of drafts being read */
  GListModel       *catalogue;
  ZcApplicant      *applicant;
  char             *override_reason;
  ZcCatalogueItem  *item;
  ZcReception      *reception;
  gulong            changed_id;
  char             *local_ref;
  char             *case_number;
  gint64            case_id;
  guint             save_source;
  gboolean          submitted;
  gboolean          submitting;       /* on its way into the outbox */
  gboolean          refusing;         /* a refusal is on its way: no second one */
  guint             reception_serial; /* which reception a reference is for */
  gboolean          ref_pending;      /* its local reference is on its way */
  gboolean          save_waiting;     /* … and a save waits for it */
  gboolean          submit_waiting;   /* … and so does Receive */
  gboolean          disposed;         /* widgets gone; a last save may still land */
  const char       *done_step_title;  /* the last page's title: received, refused, notice */
  GHashTable       *material_pdfs;    /* material code → its PDF (GBytes), this reception's */
  gboolean          keep_waiting;     /* captures wait for the local reference */
  guint             materials_uploaded; /* of them, on the platform (the receipt says) */
  char             *pending_draft;    /* opened before the catalogue was in */
  char             *pending_step;
  /* an applicant typed by hand while the platform was away: looked up
   * in the licence library when it is back (zc-reception-page-applicant.c) */
  gboolean          applicant_unverified;
  ZcApplicant      *verified;         /* the library's, once found */
  gboolean          verify_pending;
  guint             verify_source;
  GtkWidget        *shortcut_root;    /* the window holding our Ctrl+N */
  GtkEventController *window_shortcuts;
  /* the applicant's signed 容缺/承诺 (zc-reception-page-commitments.c) */
  JsonArray        *signed_commitments; /* as kept in the draft's "commitments" */
  guint             sign_waiting;     /* calendar and credit still coming */
  ZcCalendar       *calendar;
  gboolean          credit_known;
  ZcCreditFacts     credit;
};

/* zc-reception-page.c */
void _zc_reception_page_next             (ZcReceptionPage *self);
void _zc_reception_page_back             (ZcReceptionPage *self);
void _zc_reception_page_submit           (ZcReceptionPage *self);
void _zc_reception_page_refuse           (ZcReceptionPage *self);
void _zc_reception_page_one_time_notice  (ZcReceptionPage *self);
void _zc_reception_page_mark_all_received (ZcReceptionPage *self);
int  _zc_reception_page_step_index       (const char      *step);
guint _zc_reception_page_n_steps         (void);
gboolean _zc_reception_page_can_leave  (ZcReceptionPage *self,
                                       const char      *step);

void _zc_reception_page_rebuild_shown_step (ZcReceptionPage *self);
void _zc_reception_page_set_reception   (ZcReceptionPage *self,
                                         ZcReception     *reception);

/* zc-reception-page-applicant.c: the applicant across the steps — the
 * banner naming them, and one typed by hand checked against the
 * licence library when the platform is back */
void _zc_reception_page_update_banner  (ZcReceptionPage *self);
void _zc_reception_page_verify_start   (ZcReceptionPage *self);
void _zc_reception_page_verify_now     (ZcReceptionPage *self);
void _zc_reception_page_verify_stop    (ZcReceptionPage *self);
void _zc_reception_page_verify_apply   (ZcReceptionPage *self);

void _zc_reception_page_request_local_ref (ZcReceptionPage *self);

/* zc-reception-page-commitments.c: the applicant's signature under the
 * 容缺/承诺 materials, kept in the draft and submitted with the case */
gboolean _zc_reception_page_commitments_signed    (ZcReceptionPage *self);
void     _zc_reception_page_commitments_to_body   (ZcReceptionPage *self,
                                                   JsonObject      *body);
void     _zc_reception_page_commitments_from_body (ZcReceptionPage *self,
                                                   JsonObject      *body);
void     _zc_reception_page_sign_commitments      (ZcReceptionPage *self);

/* zc-reception-page-materials.c: the paper of the materials kept in the
 * local store with the draft, brought back with it, uploaded after it */
void _zc_reception_page_keep_material          (ZcReceptionPage *self,
                                                const char      *code,
                                                GBytes          *pdf);
void _zc_reception_page_keep_waiting_materials (ZcReceptionPage *self);
void _zc_reception_page_restore_materials      (ZcReceptionPage *self);
void _zc_reception_page_material_uploaded      (ZcReceptionPage *self,
                                                ZcOutboxEntry   *entry);
void _zc_reception_page_update_materials_line  (ZcReceptionPage *self);
void _zc_reception_page_check_material         (ZcReceptionPage *self,
                                                const char      *code,
                                                GBytes          *pdf);
void _zc_reception_page_check_all_materials    (ZcReceptionPage *self);
void _zc_reception_page_materials_init         (ZcReceptionPage *self);

/* zc-reception-page-actions.c: the page's actions "reception.*" */
void _zc_reception_page_class_actions_init (GtkWidgetClass  *widget_class);
/* Recomputes which actions are enabled (and so which buttons work) */
void _zc_reception_page_actions_update     (ZcReceptionPage *self);

G_END_DECLS
