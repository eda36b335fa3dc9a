/* zc-server-documents.c — the documents of a case: a material's PDF
 * uploaded (its body streamed to a file by zc-server.c, or handed in
 * whole by tests), listed and downloaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "zc-server-api-private.h"
#include "zc-server-upload.h"
#include "zc-server-validate.h"

#define MAX_DOCUMENT_NAME 200
#define PDF_TYPE          "application/pdf"

#define DOCUMENT_COLUMNS \
  "id, case_id, material, kind, name, media_type, size, sha256, created_at, created_by"

static const char *const document_kinds[] = {
  "material", "receipt", "notice_of_missing", "refusal_notice", "commitment_letter",
  "tolerance_notice", "authorisation", "other", NULL
};

/* What a window uploads: the papers of a material and the signed
 * letters of 容缺/告知承诺. The others (受理回执, 一次性告知书, 不予受理
 * 通知书 …) are the platform's own word on the case: an uploaded one
 * would stand in the history as if the platform had issued it. */
static const char *const uploaded_kinds[] = {
  "material", "commitment_letter", "tolerance_notice", NULL
};

gboolean
_zc_server_is_document_upload (const char *method,
                               const char *path)
{
  const char *rest;
  const char *slash;

  if (g_strcmp0 (method, "POST") != 0 ||
      !g_str_has_prefix (path, ZC_SERVER_API_PREFIX "/cases/"))
    return FALSE;
  rest = path + strlen (ZC_SERVER_API_PREFIX "/cases/");
  slash = strchr (rest, '/');
  return slash != NULL && slash != rest && strcmp (slash, "/documents") == 0;
}

static void
add_document (JsonBuilder  *builder,
              sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
  _zc_server_add_int (builder, "case_id", sqlite3_column_int64 (stmt, 1));
  _zc_server_add_column_string (builder, "material", stmt, 2);
  _zc_server_add_column_string (builder, "kind", stmt, 3);
  _zc_server_add_column_string (builder, "name", stmt, 4);
  _zc_server_add_column_string (builder, "media_type", stmt, 5);
  _zc_server_add_int (builder, "size", sqlite3_column_int64 (stmt, 6));
  _zc_server_add_column_string (builder, "sha256", stmt, 7);
  _zc_server_add_column_string (builder, "created_at", stmt, 8);
  _zc_server_add_column_string (builder, "created_by", stmt, 9);
  json_builder_end_object (builder);
}

/* A file name to show: printable, no path, at most MAX_DOCUMENT_NAME
 * characters; no control, format or separator character (the shared
 * name rule: a right-to-left override shows "证\u202Efdp.exe" as
 * 证exe.pdf, a zero-width space hides itself) */
static gboolean
name_is_valid (const char *name)
{
  return name != NULL && *name != '\0' && g_utf8_validate (name, -1, NULL) &&
         g_utf8_strlen (name, -1) <= MAX_DOCUMENT_NAME &&
         strchr (name, '/') == NULL && strchr (name, '\\') == NULL &&
         strcmp (name, ".") != 0 && strcmp (name, "..") != 0 &&
         _zc_server_is_name_text (name);
}

/* The body as an upload: streamed by zc-server.c, or (tests, fuzzers)
 * the request's body written now. NULL with an answer when it cannot be
 * kept. */
static ZcServerUpload *
take_upload (ZcServerApi       *self,
             ZcServerCtx       *ctx,
             ZcServerResponse **bad)
{
  ZcServerRequest *request = (ZcServerRequest *) ctx->request;
  g_autoptr(ZcServerUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (request->upload == NULL)
    {
      gsize len = 0;
      const void *data = request->body ? g_bytes_get_data (request->body, &len) : NULL;

      upload = zc_server_upload_new (zc_server_db_get_files_dir (self->db),
                                     ZC_SERVER_MAX_DOCUMENT, &error);
      if (upload == NULL)
        {
          g_warning ("documents: %s", error->message);
          *bad = _zc_server_error (503, "storage_full",
                                   _("The platform cannot store documents now: nothing was saved. Try again later."));
          return NULL;
        }
      if (len > 0)
        zc_server_upload_write (upload, data, len);
      request->upload = g_steal_pointer (&upload);
    }
  if (!zc_server_upload_finish (request->upload, &error))
    {
      g_warning ("documents: %s", error->message);
      *bad = _zc_server_error (503, "storage_full",
                               _("The platform's storage is full: the document was not saved. Try again later."));
      return NULL;
    }
  return request->upload;
}

static ZcServerResponse *
check_upload (ZcServerUpload *upload)
{
  if (zc_server_upload_is_too_large (upload))
    return _zc_server_error (413, "document_too_large",
                             _("The document is larger than 20 MiB: scan it at a lower resolution or split it."));
  if (zc_server_upload_get_size (upload) == 0)
    return _zc_server_error (400, "invalid_request", _("The document is empty."));
  if (!zc_server_upload_is_pdf (upload))
    return _zc_server_error (415, "not_a_pdf",
                             _("The document is not a PDF: only PDF files are kept as materials."));
  return NULL;
}

static ZcServerResponse *
document_response (ZcServerApi *self,
                   gint64       case_id,
                   gint64       doc_id,
                   JsonBuilder *builder)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE id = ?1 AND case_id = ?2", NULL);

  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_error (404, "not_found", _("There is no such document."));
  add_document (builder, stmt);
  return NULL;
}

ZcServerResponse *
_zc_server_handle_document_upload (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autofree char *detail_text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *state = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *default_name = NULL;
  g_autofree char *material_name = NULL;
  ZcServerResponse *bad = NULL;
  ZcServerResponse *replay;
  ZcServerUpload *upload;
  const char *idem;
  const char *material;
  const char *kind;
  const char *name;
  ZcCaseState case_state;
  gint64 id;
  gint64 doc_id;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  idem = _zc_server_get_idempotency_key (ctx, &bad);
  if (bad != NULL)
    return bad;
  if ((upload = take_upload (self, ctx, &bad)) == NULL)
    return bad;
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, &state, NULL, NULL)) != NULL)
    return bad;
  /* the same key, the same bytes, the same query: the first answer */
  if ((replay = _zc_server_lookup_reply (self, ctx, idem)) != NULL)
    return replay;
  if ((bad = check_upload (upload)) != NULL)
    return bad;

  kind = g_hash_table_lookup (ctx->query, "kind");
  if (kind == NULL)
    kind = "material";
  if (!g_strv_contains (document_kinds, kind))
    return _zc_server_error (400, "invalid_request",
                             _("The parameter “kind” names no kind of document."));
  if (!g_strv_contains (uploaded_kinds, kind))
    return _zc_server_error (422, "kind_not_uploadable",
                             _("Only materials, commitment letters and tolerance notices are uploaded: the platform issues the other documents itself."));
  material = g_hash_table_lookup (ctx->query, "material");
  if (material != NULL && *material == '\0')
    material = NULL;
  if (g_str_equal (kind, "material") && material == NULL)
    return _zc_server_error (400, "invalid_request",
                             _("A material's document needs the parameter “material”: the material's code."));
  /* a signed letter is no material: it supplies none of them (a 容缺
   * ends when its paper is uploaded as that material) */
  if (!g_str_equal (kind, "material") && material != NULL)
    return _zc_server_error (400, "invalid_request",
                             _("A signed letter is not a material: the parameter “material” is only for kind=material."));
  name = g_hash_table_lookup (ctx->query, "name");
  if (name != NULL && !name_is_valid (name))
    return _zc_server_error_printf (400, "invalid_request",
                                    _("The parameter “name” must be a file name of 1 to %d printable characters."),
                                    MAX_DOCUMENT_NAME);

  case_state = zc_case_state_from_string (state);
  if (case_state != ZC_CASE_STATE_DRAFT && case_state != ZC_CASE_STATE_RETURNED &&
      case_state != ZC_CASE_STATE_RECEIVED)
    return _zc_server_error (409, "conflict",
                             _("Documents are added to a draft, returned or received case only: this case is closed."));

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  if (material != NULL)
    {
      g_autoptr(ZcReceptionMaterial) m = NULL;

      if ((bad = _zc_server_case_material (self, id, material, &m)) != NULL)
        return bad;
      material_name = g_strdup (zc_material_get_name (zc_reception_material_get_material (m)));
    }
  if (name == NULL)
    name = default_name = g_strdup_printf ("%s.pdf", material_name ? material_name : kind);

  /* the bytes durable under their name before the row names them */
  if (!zc_server_upload_commit (upload, &error))
    {
      g_warning ("documents: %s", error->message);
      return _zc_server_error (503, "storage_full",
                               _("The platform's storage is full: the document was not saved. Try again later."));
    }

  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO documents (case_id, material, kind, name, media_type, size, sha256, created_at, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, material);
  _zc_server_bind_text (stmt, 3, kind);
  _zc_server_bind_text (stmt, 4, name);
  _zc_server_bind_text (stmt, 5, PDF_TYPE);
  sqlite3_bind_int64 (stmt, 6, (sqlite3_int64) zc_server_upload_get_size (upload));
  _zc_server_bind_text (stmt, 7, zc_server_upload_get_sha256 (upload));
  _zc_server_bind_text (stmt, 8, now);
  _zc_server_bind_text (stmt, 9, ctx->user->username);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  doc_id = sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db));

  /* the history says 已上传材料 NAME */
  json_builder_begin_object (detail);
  _zc_server_add_int (detail, "document", doc_id);
  _zc_server_add_string (detail, "material", material);
  _zc_server_add_string (detail, "material_name", material_name);
  _zc_server_add_string (detail, "name", name);
  _zc_server_add_string (detail, "sha256", zc_server_upload_get_sha256 (upload));
  _zc_server_add_int (detail, "size", (gint64) zc_server_upload_get_size (upload));
  json_builder_end_object (detail);
  detail_root = json_builder_get_root (detail);
  detail_text = _zc_server_node_to_string (detail_root);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "document.upload", id, 0, applicant,
                               NULL, NULL, NULL, detail_text, &error))
    return _zc_server_db_error (self, error);
  /* the paper of a 容缺 material arrived: 已补正, its commitment hears it */
  if (material != NULL &&
      !_zc_server_materials_supplied_by_document (self, ctx, id, material, case_state, applicant, &error))
    return _zc_server_db_error (self, error);

  if ((bad = document_response (self, id, doc_id, builder)) != NULL)
    return bad;
  return _zc_server_commit_reply (self, ctx, idem, 201, builder);
}

ZcServerResponse *
_zc_server_handle_document_list (ZcServerApi *self,
                                 ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad;
  gint64 id;
  int rc;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL ||
      (bad = _zc_server_check_case_access (self, ctx, id, NULL, NULL, NULL, NULL)) != NULL)
    return bad;

  stmt = zc_server_db_prepare (self->db,
    "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE case_id = ?1 ORDER BY id", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_document (builder, stmt);
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}

static gboolean
wants_json (ZcServerCtx *ctx)
{
  const char *accept = zc_server_request_get_header (ctx->request, "accept");

  return accept != NULL && strstr (accept, "application/json") != NULL &&
         strstr (accept, PDF_TYPE) == NULL;
}

/* If-None-Match naming @etag (or "*") */
static gboolean
etag_matches (ZcServerCtx *ctx,
              const char  *etag)
{
  const char *header = zc_server_request_get_header (ctx->request, "if-none-match");
  g_auto(GStrv) tags = NULL;

  if (header == NULL)
    return FALSE;
  tags = g_strsplit (header, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (strcmp (tag, "*") == 0 || strcmp (tag, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

ZcServerResponse *
_zc_server_handle_document_get (ZcServerApi *self,
                                ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *escaped = NULL;
  ZcServerResponse *bad;
  ZcServerResponse *response;
  const char *sha256;
  gint64 id;
  gint64 doc_id;
  gint64 size;

  if ((bad = _zc_server_case_id_param (ctx, &id)) != NULL)
    return bad;
  if (!_zc_server_parse_id (ctx->params[1], &doc_id))
    return _zc_server_error (404, "not_found", _("There is no such document."));
  if ((bad = _zc_server_check_case_access (self, ctx, id, &applicant, NULL, NULL, NULL)) != NULL)
    return bad;

  if (wants_json (ctx))
    {
      if ((bad = document_response (self, id, doc_id, builder)) != NULL)
        return bad;
      return _zc_server_builder_response (200, builder);
    }

  stmt = zc_server_db_prepare (self->db,
    "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE id = ?1 AND case_id = ?2", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_error (404, "not_found", _("There is no such document."));
  sha256 = _zc_server_column_text (stmt, 7);
  size = sqlite3_column_int64 (stmt, 6);
  etag = g_strdup_printf ("\"%s\"", sha256);
  if (etag_matches (ctx, etag))
    {
      response = _zc_server_empty_response (304);
      g_hash_table_replace (response->headers, g_strdup ("ETag"), g_strdup (etag));
      return response;
    }

  path = zc_server_upload_path_of (zc_server_db_get_files_dir (self->db), sha256);
  mapped = g_mapped_file_new (path, FALSE, &error);
  if (mapped == NULL || (gint64) g_mapped_file_get_length (mapped) != size)
    {
      g_warning ("documents: the file of document %" G_GINT64_FORMAT " is missing or changed", doc_id);
      return _zc_server_error (500, "document_missing",
                               _("The platform has lost this document's file. Tell the administrator."));
    }

  /* the paper of a person: who looked at it is kept */
  if (!_zc_server_view_event (self, ctx, "document.view", id, applicant, &error))
    return _zc_server_db_error (self, error);

  /* a material's PDF, or a call's recording (zc-server-video-records.c) */
  response = _zc_server_response_new (200, _zc_server_column_text (stmt, 5),
                                      g_mapped_file_get_bytes (mapped));
  g_hash_table_replace (response->headers, g_strdup ("ETag"), g_strdup (etag));
  g_hash_table_replace (response->headers, g_strdup ("Cache-Control"), g_strdup ("private, no-store"));
  escaped = g_uri_escape_string (_zc_server_column_text (stmt, 4), NULL, FALSE);
  g_hash_table_replace (response->headers, g_strdup ("Content-Disposition"),
                        g_strdup_printf ("inline; filename*=UTF-8''%s", escaped));
  return response;
}
