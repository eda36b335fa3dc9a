/* zc-signed-commitment.h — a commitment the applicant signed at the
 * counter, as kept (JSON) and as recorded on the platform
 *
 * The counter keeps each signed 容缺 / 告知承诺 as one JSON object: the
 * members of POST /cases/{id}/commitments ("kind", "materials",
 * "deadline"?, "obligations"?, "verification_method"?, "signature":
 * {"signer","signer_role","signed_at","method"}), the signed letters in
 * "documents": [{"kind" (the platform's document kind: commitment_letter,
 * tolerance_notice), "name", "pdf" (base64), "sha256" (hex), "copies"}],
 * the signature letter first, and "signature_png" (base64). The
 * reception keeps it in the draft and the outbox entry (the PDFs are
 * written once, at signing: a replay sends the same bytes); the case
 * page's flow keeps it in memory. Both record it the same way: each
 * letter uploaded as a case document, then the commitment POSTed naming
 * them all, its signature naming the first.
 *
 * Objects kept before the notice was kept too have one letter as
 * "document" (base64) and "document_name": read as a commitment_letter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One signed letter of a commitment */
typedef struct
{
  char   *kind;      /* the platform's document kind */
  char   *name;      /* the file name: 容缺受理通知书.pdf */
  GBytes *pdf;
  char   *sha256;    /* hex SHA-256 of @pdf */
  guint   copies;    /* to print (the 容缺受理通知书: 2) */
} ZcSignedDocument;

void zc_signed_document_free (ZcSignedDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcSignedDocument, zc_signed_document_free)

/* Adds a letter to @commitment's "documents" (its SHA-256 computed) */
void        zc_signed_commitment_add_document (JsonObject *commitment,
                                               const char *kind,
                                               const char *name,
                                               GBytes     *pdf,
                                               guint       copies);
/* The letters of @commitment in order (of ZcSignedDocument, at least
 * one), or NULL with G_IO_ERROR_INVALID_DATA (translated) when there is
 * none, one is not a PDF or its bytes are not those its "sha256" names */
GPtrArray  *zc_signed_commitment_dup_documents (JsonObject  *commitment,
                                                GError     **error);
/* The body of POST /cases/{id}/commitments for @commitment whose letters
 * the platform keeps as @document_ids (in the order of its documents):
 * "documents" lists them, "signature"."document_id" names the first */
JsonObject *zc_signed_commitment_request (JsonObject   *commitment,
                                          const gint64 *document_ids,
                                          guint         n_document_ids);
/* TRUE when the platform's Document object @answer (of the upload of
 * @doc) keeps @doc's bytes: an id and @doc's SHA-256; else FALSE with
 * G_IO_ERROR_INVALID_DATA (translated, naming the letter) */
gboolean    zc_signed_document_check_answer (const ZcSignedDocument  *doc,
                                             JsonObject              *answer,
                                             GError                 **error);

G_END_DECLS
