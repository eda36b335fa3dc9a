/* zc-document.h — the documents of the window as PDF (cairo, no GTK), written
 * off the main thread: 受理回执 (receipt), 一次性告知书 (everything
 * missing, at once), 不予受理通知书 (refusal with reason and remedies).
 * And the three the applicant signs (issue 11): 申请容缺受理承诺书
 * (tolerance request), 容缺受理通知书 (tolerance notice, two copies),
 * 告知承诺书 (commitment), with the signature image or "（签名见附件）".
 * Each carries the applicant (ID masked), window, staff, date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "zc-core.h"
#include "zc-reception.h"

G_BEGIN_DECLS

typedef enum
{
  ZC_DOCUMENT_RECEIPT,          /* 受理回执 */
  ZC_DOCUMENT_ONE_TIME_NOTICE,  /* 一次性告知书 */
  ZC_DOCUMENT_REFUSAL,          /* 不予受理通知书 */
  ZC_DOCUMENT_TOLERANCE_REQUEST, /* 申请容缺受理承诺书 */
  ZC_DOCUMENT_TOLERANCE_NOTICE, /* 容缺受理通知书 (two copies) */
  ZC_DOCUMENT_COMMITMENT,       /* 告知承诺书 */
} ZcDocumentKind;

#define ZC_DOCUMENT_LAST ZC_DOCUMENT_COMMITMENT

const char *zc_document_kind_title (ZcDocumentKind kind); /* translated */

/* What a document shows; plain data so the writer needs nothing else. */
typedef struct
{
  ZcDocumentKind kind;
  char       *case_number;      /* NULL → 待同步 with local_ref */
  char       *local_ref;
  char       *applicant_name;
  char       *applicant_key;    /* full; the writer masks it */
  char       *item_name;
  GPtrArray  *matters;          /* of ZcDocumentMatter */
  GPtrArray  *materials_received; /* of char* names */
  GPtrArray  *materials_exempt;   /* of char* "name（licence label number-masked）" */
  GPtrArray  *materials_pending;  /* of char* "name — note" (free lines; the reception fills missing/later) */
  GPtrArray  *missing;          /* of ZcDocumentMaterial: still to hand in (需提交), each once, by party */
  GPtrArray  *later;            /* of ZcDocumentMaterial: 容缺 or 承诺, with what that is and the deadline */
  char       *window;
  char       *clerk;
  char       *reason;           /* refusal */
  GDateTime  *issued_at;
  char       *query_hint;       /* how to query progress; NULL = the default sentence */
  /* the signed documents: the 容缺/承诺 materials are in @later, each
   * note its deadline or what it is replaced by */
  char       *deadline;         /* 容缺: YYYY-MM-DD by which everything is supplied */
  char       *conditions;       /* 告知承诺: the conditions told (the template) */
  GPtrArray  *obligations;      /* 告知承诺: of char*, each commitment made */
  char       *consequences;     /* 告知承诺: of a false commitment; NULL = the default */
  GBytes     *signature_png;    /* the applicant's signature, PNG; NULL = （签名见附件） */
} ZcDocumentData;

typedef struct
{
  char *name;
  char *department;
  char *due_date;               /* YYYY-MM-DD or NULL */
  gboolean provisional;         /* 暂定 */
} ZcDocumentMatter;

/* One material of the missing/later lists: its party's label (申请人,
 * 监护人 …), its name and, for 容缺/承诺, what that means and by when */
typedef struct
{
  char *party;
  char *name;
  char *note;                   /* NULL for a material simply to hand in */
} ZcDocumentMaterial;

ZcDocumentData *zc_document_data_new   (ZcDocumentKind kind);
void            zc_document_data_add_material (GPtrArray *list, const char *party,
                                               const char *name, const char *note);
void            zc_document_data_free  (ZcDocumentData *data);
void            zc_document_data_add_matter (ZcDocumentData *data, const char *name,
                                             const char *department, const char *due_date,
                                             gboolean provisional);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcDocumentData, zc_document_data_free)

ZcDocumentData *zc_document_data_copy (const ZcDocumentData *data);

/* zc-document-data.c: the data of a document, built once for the
 * reception at the counter and for a reprint from the case */
ZcDocumentData *zc_document_data_new_for_reception (ZcDocumentKind   kind,
                                                    ZcReception     *reception,
                                                    ZcUser          *user,
                                                    const char      *case_number,
                                                    const char      *local_ref);
ZcDocumentData *zc_document_data_new_for_case      (ZcDocumentKind   kind,
                                                    ZcCase          *kase,
                                                    ZcCatalogueItem *item,
                                                    const char      *clerk_name);
/* Whether a case in its state has this document to (re)print: a 受理回执
 * once received (never for a draft or a case not accepted), a 不予受理
 * 通知书 only for a case not accepted; G_IO_ERROR_INVALID_ARGUMENT with a
 * translated reason otherwise. zcctl and the case page ask the same. */
gboolean        zc_document_case_has_kind          (ZcCase          *kase,
                                                    ZcDocumentKind   kind,
                                                    GError         **error);
ZcDocumentData *zc_document_data_new_for_commitment (ZcDocumentKind          kind,
                                                     ZcCase                 *kase,
                                                     const ZcCaseCommitment *commitment,
                                                     ZcCatalogueItem        *item,
                                                     const char             *clerk_name);
/* the 告知承诺书's conditions, obligations and consequences from the
 * commitment templates of the chosen sub-matters needing @materials */
void            zc_document_data_add_commitment_text (ZcDocumentData     *data,
                                                      ZcCatalogueItem    *item,
                                                      const char * const *chosen,
                                                      const char * const *materials);
void            zc_document_data_set_tasks         (ZcDocumentData  *data,
                                                    GListModel      *tasks);

/* Writes an A4 PDF (595×842 pt) to bytes: cairo PDF surface, text laid
 * out with PangoCairo (Noto CJK); long content flows onto further pages,
 * each numbered "第 n 页 共 m 页". The ID is printed masked (zc_mask_id).
 * A cairo failure becomes a G_IO_ERROR_FAILED; never a crash.
 *
 * write_async STEALS @data (transfer full): it is freed with the task,
 * do not touch it after the call. It is written in a GTask thread;
 * cancelling gives G_IO_ERROR_CANCELLED. write_sync only reads @data. */
void    zc_document_write_async  (ZcDocumentData *data,   /* (transfer full) */
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
GBytes *zc_document_write_finish (GAsyncResult *result, GError **error);
GBytes *zc_document_write_sync   (const ZcDocumentData *data, GError **error);

G_END_DECLS
