/* zc-signed-commitment.c — the signed commitment's letters and the
 * request that records it (zc-signed-commitment.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-clock.h"
#include "zc-signed-commitment.h"

void
zc_signed_document_free (ZcSignedDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->kind);
  g_free (doc->name);
  g_clear_pointer (&doc->pdf, g_bytes_unref);
  g_free (doc->sha256);
  g_free (doc);
}

void
zc_signed_commitment_add_document (JsonObject *commitment,
                                   const char *kind,
                                   const char *name,
                                   GBytes     *pdf,
                                   guint       copies)
{
  JsonNode *node;
  JsonArray *documents;
  JsonObject *doc = json_object_new ();
  g_autofree char *encoded = NULL;
  g_autofree char *sha256 = NULL;

  g_return_if_fail (commitment != NULL && kind != NULL && pdf != NULL);

  node = json_object_get_member (commitment, "documents");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    json_object_set_array_member (commitment, "documents", json_array_new ());
  documents = json_object_get_array_member (commitment, "documents");

  encoded = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  json_object_set_string_member (doc, "kind", kind);
  if (name != NULL)
    json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "pdf", encoded);
  json_object_set_string_member (doc, "sha256", sha256);
  json_object_set_int_member (doc, "copies", MAX (copies, 1));
  json_array_add_object_element (documents, doc);
}

/* @encoded's bytes when they are a PDF (and those @sha256 names, when
 * given), else NULL */
static ZcSignedDocument *
document_new (const char *kind,
              const char *name,
              const char *encoded,
              const char *sha256,
              gint64      copies)
{
  g_autoptr(ZcSignedDocument) doc = NULL;
  g_autofree guchar *data = NULL;
  gsize length = 0;

  if (kind == NULL || encoded == NULL)
    return NULL;
  data = g_base64_decode (encoded, &length);
  if (data == NULL || length < 5 || memcmp (data, "%PDF-", 5) != 0)
    return NULL;
  doc = g_new0 (ZcSignedDocument, 1);
  doc->kind = g_strdup (kind);
  doc->name = g_strdup (name);
  doc->pdf = g_bytes_new_take (g_steal_pointer (&data), length);
  doc->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, doc->pdf);
  doc->copies = (guint) CLAMP (copies, 1, 9);
  if (sha256 != NULL && g_ascii_strcasecmp (sha256, doc->sha256) != 0)
    return NULL;
  return g_steal_pointer (&doc);
}

GPtrArray *
zc_signed_commitment_dup_documents (JsonObject  *commitment,
                                    GError     **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_signed_document_free);
  JsonNode *node;

  g_return_val_if_fail (commitment != NULL, NULL);

  node = json_object_get_member (commitment, "documents");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *list = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *e = json_array_get_element (list, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          ZcSignedDocument *doc = NULL;

          if (o != NULL)
            doc = document_new (json_object_get_string_member_with_default (o, "kind", NULL),
                                json_object_get_string_member_with_default (o, "name", NULL),
                                json_object_get_string_member_with_default (o, "pdf", NULL),
                                json_object_get_string_member_with_default (o, "sha256", NULL),
                                json_object_get_int_member_with_default (o, "copies", 1));
          if (doc == NULL)
            {
              /* one damaged letter: none is sent */
              g_ptr_array_set_size (docs, 0);
              break;
            }
          g_ptr_array_add (docs, doc);
        }
    }
  else
    {
      /* kept before the notice was: the signature letter alone */
      ZcSignedDocument *doc =
        document_new ("commitment_letter",
                      json_object_get_string_member_with_default (commitment, "document_name", NULL),
                      json_object_get_string_member_with_default (commitment, "document", NULL), NULL, 1);

      if (doc != NULL)
        g_ptr_array_add (docs, doc);
    }

  if (docs->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The signed letters of this commitment are damaged: have the applicant sign again."));
      return NULL;
    }
  return g_steal_pointer (&docs);
}

JsonObject *
zc_signed_commitment_request (JsonObject   *commitment,
                              const gint64 *document_ids,
                              guint         n_document_ids)
{
  static const char *const copied[] = { "kind", "materials", "deadline", "obligations", "verification_method" };
  JsonObject *body = json_object_new ();
  JsonObject *signature = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (commitment != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    if (json_object_has_member (commitment, copied[i]))
      json_object_set_member (body, copied[i], json_node_copy (json_object_get_member (commitment, copied[i])));
  node = json_object_get_member (commitment, "signature");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (signature, name, json_node_copy (value));
      /* a draft kept before times were written in RFC 3339 says "+08":
       * sent as "+08:00", which the platform requires */
      if (json_object_has_member (signature, "signed_at"))
        {
          const char *at = json_object_get_string_member_with_default (signature, "signed_at", NULL);
          g_autoptr(GDateTime) strict = at != NULL ? zc_date_time_parse_rfc3339 (at) : NULL;
          g_autoptr(GDateTime) loose = at != NULL && strict == NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
          g_autofree char *text = loose != NULL ? zc_date_time_format_rfc3339 (loose) : NULL;

          if (text != NULL)
            json_object_set_string_member (signature, "signed_at", text);
        }
    }
  if (n_document_ids > 0)
    {
      JsonArray *documents = json_array_new ();

      for (guint i = 0; i < n_document_ids; i++)
        json_array_add_int_element (documents, document_ids[i]);
      json_object_set_array_member (body, "documents", documents);
      /* the letter the applicant signed */
      json_object_set_int_member (signature, "document_id", document_ids[0]);
    }
  json_object_set_object_member (body, "signature", signature);
  return body;
}

gboolean
zc_signed_document_check_answer (const ZcSignedDocument  *doc,
                                 JsonObject              *answer,
                                 GError                 **error)
{
  const char *sha256;

  g_return_val_if_fail (doc != NULL, FALSE);

  sha256 = answer != NULL ? json_object_get_string_member_with_default (answer, "sha256", NULL) : NULL;
  if (answer == NULL || json_object_get_int_member_with_default (answer, "id", 0) <= 0 ||
      sha256 == NULL || g_ascii_strcasecmp (sha256, doc->sha256) != 0)
    {
      /* TRANSLATORS: %s is the letter's file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The platform did not keep the signed letter %s as it was sent (its SHA-256 differs)."),
                   doc->name != NULL ? doc->name : doc->kind);
      return FALSE;
    }
  return TRUE;
}
