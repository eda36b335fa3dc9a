/* zc-server-video-records.c — what a video session of the remote window
 * keeps with its case: the remote identity check (远程身份核验, the
 * clerk's 通过 / 不通过 with a note) and the call's recording, made only
 * when the citizen consented (recording_consent of the session).
 *
 * Both are audit events of the case (`video.identity_check`,
 * `video.recording`); the recording's bytes are a document of the case
 * (kind "recording", video/webm), streamed to a file named by their
 * SHA-256 by zc-server.c exactly as a material's PDF is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-server-api-private.h"
#include "zc-server-upload.h"
#include "zc-server-validate.h"

#define MAX_NOTE           500
#define MAX_LICENCE_NUMBER 64
#define MAX_RECORDING_NAME 200
#define WEBM_TYPE          "video/webm"

gboolean
_zc_server_is_recording_upload (const char *method,
                                const char *path)
{
  const char *rest;
  const char *slash;

  if (g_strcmp0 (method, "POST") != 0 ||
      !g_str_has_prefix (path, ZC_SERVER_API_PREFIX "/video-sessions/"))
    return FALSE;
  rest = path + strlen (ZC_SERVER_API_PREFIX "/video-sessions/");
  slash = strchr (rest, '/');
  return slash != NULL && slash != rest && strcmp (slash, "/recording") == 0;
}

/* The session of the path: its case (which the user may see), the
 * case's applicant and the citizen's answer on recording (-1 none, 0
 * no, 1 yes); else the answer (404, 403). */
static ZcServerResponse *
session_of_path (ZcServerApi  *self,
                 ZcServerCtx  *ctx,
                 gint64       *id,
                 gint64       *case_id,
                 char        **applicant,
                 int          *consent)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_zc_server_parse_id (ctx->params[0], id))
    return _zc_server_error (404, "not_found", _("There is no such video session."));
  stmt = zc_server_db_prepare (self->db,
    "SELECT case_id, consent FROM video_sessions WHERE id = ?1", NULL);
  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  sqlite3_bind_int64 (stmt, 1, *id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_error (404, "not_found", _("There is no such video session."));
  *case_id = sqlite3_column_int64 (stmt, 0);
  if (consent != NULL)
    *consent = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 1) != 0;
  return _zc_server_check_case_access (self, ctx, *case_id, applicant, NULL, NULL, NULL);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* POST /video-sessions/{id}/identity-checks */
ZcServerResponse *
_zc_server_handle_video_identity_check (ZcServerApi *self,
                                        ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *note = NULL;
  const char *idem;
  const char *result;
  const char *note_member;
  const char *licence;
  gint64 id, case_id, event_id;

  idem = _zc_server_get_idempotency_key (ctx, &bad);
  if (bad != NULL)
    return bad;
  if ((bad = session_of_path (self, ctx, &id, &case_id, &applicant, NULL)) != NULL)
    return bad;
  if ((bad = _zc_server_lookup_reply (self, ctx, idem)) != NULL)
    return bad;

  result = _zc_server_get_string_member (ctx, "result", TRUE, &bad);
  if (bad != NULL)
    return bad;
  if (g_strcmp0 (result, "passed") != 0 && g_strcmp0 (result, "failed") != 0)
    return _zc_server_member_error ("result", _("The member “result” must be passed or failed."));
  note_member = _zc_server_get_bounded_string_member (ctx, "note", FALSE, MAX_NOTE, &bad);
  if (bad != NULL)
    return bad;
  licence = _zc_server_get_bounded_string_member (ctx, "licence_number", FALSE, MAX_LICENCE_NUMBER, &bad);
  if (bad != NULL)
    return bad;
  if (!is_blank (note_member))
    note = g_strstrip (g_strdup (note_member));
  /* one line in the history: no line breaks, control or direction marks */
  if (note != NULL && !_zc_server_is_line_text (note))
    return _zc_server_member_error ("note", _("The note must be one line of plain text."));
  /* 不通过 says why */
  if (g_str_equal (result, "failed") && note == NULL)
    return _zc_server_error (422, "note_required",
                             _("A failed identity check needs a note saying why."));

  json_builder_begin_object (detail);
  _zc_server_add_int (detail, "video_session", id);
  if (licence != NULL)
    _zc_server_add_string (detail, "licence_number", licence);
  json_builder_end_object (detail);
  detail_root = json_builder_get_root (detail);
  detail_text = _zc_server_node_to_string (detail_root);

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  /* history: 远程身份核验：通过 · the note */
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "video.identity_check", case_id, 0, applicant,
                               NULL, result, note, detail_text, &error))
    return _zc_server_db_error (self, error);
  event_id = sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db));

  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", event_id);
  _zc_server_add_int (builder, "video_session", id);
  _zc_server_add_int (builder, "case_id", case_id);
  _zc_server_add_string (builder, "result", result);
  json_builder_set_member_name (builder, "note");
  if (note != NULL)
    json_builder_add_string_value (builder, note);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "licence_number");
  if (licence != NULL)
    json_builder_add_string_value (builder, licence);
  else
    json_builder_add_null_value (builder);
  _zc_server_add_string (builder, "checked_by", ctx->user->username);
  _zc_server_add_string (builder, "checked_at", now);
  json_builder_end_object (builder);
  return _zc_server_commit_reply (self, ctx, idem, 201, builder);
}

/* ---- the recording ---- */

/* The body as an upload: streamed by zc-server.c, or (tests) the
 * request's body written now. NULL with an answer when it cannot be
 * kept. */
static ZcServerUpload *
take_upload (ZcServerApi       *self,
             ZcServerCtx       *ctx,
             ZcServerResponse **bad)
{
  ZcServerRequest *request = (ZcServerRequest *) ctx->request;
  g_autoptr(GError) error = NULL;

  if (request->upload == NULL)
    {
      gsize len = 0;
      const void *data = request->body ? g_bytes_get_data (request->body, &len) : NULL;
      g_autoptr(ZcServerUpload) upload =
        zc_server_upload_new_with_magic (zc_server_db_get_files_dir (self->db), ZC_SERVER_MAX_RECORDING,
                                         ZC_SERVER_WEBM_MAGIC, ZC_SERVER_WEBM_MAGIC_LEN, &error);

      if (upload == NULL)
        {
          g_warning ("recordings: %s", error->message);
          *bad = _zc_server_error (503, "storage_full",
                                   _("The platform cannot store recordings now: nothing was saved. Try again later."));
          return NULL;
        }
      if (len > 0)
        zc_server_upload_write (upload, data, len);
      request->upload = g_steal_pointer (&upload);
    }
  if (!zc_server_upload_finish (request->upload, &error))
    {
      g_warning ("recordings: %s", error->message);
      *bad = _zc_server_error (503, "storage_full",
                               _("The platform's storage is full: the recording was not saved. Try again later."));
      return NULL;
    }
  return request->upload;
}

/* "video/webm", parameters (codecs=…) allowed, any case */
static gboolean
is_webm_type (const char *content_type)
{
  g_autofree char *type = NULL;
  const char *semicolon;

  if (content_type == NULL)
    return FALSE;
  semicolon = strchr (content_type, ';');
  type = g_ascii_strdown (content_type, semicolon ? semicolon - content_type : -1);
  g_strstrip (type);
  return strcmp (type, WEBM_TYPE) == 0;
}

static ZcServerResponse *
check_upload (ZcServerUpload *upload)
{
  if (zc_server_upload_is_too_large (upload))
    return _zc_server_error (413, "recording_too_large",
                             _("The recording is larger than 512 MiB: it was not kept."));
  if (zc_server_upload_get_size (upload) == 0)
    return _zc_server_error (400, "invalid_request", _("The recording is empty."));
  if (!zc_server_upload_has_magic (upload))
    return _zc_server_error (415, "not_a_recording",
                             _("The recording is not a WebM video: only WebM recordings are kept."));
  return NULL;
}

static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL) ||
      g_utf8_strlen (name, -1) > MAX_RECORDING_NAME ||
      strchr (name, '/') != NULL || strchr (name, '\\') != NULL ||
      strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

ZcServerResponse *
_zc_server_recording_refusal (ZcServerApi  *self,
                              ZcServerUser *user,
                              const char   *path)
{
  ZcServerCtx ctx = { 0 };
  g_autofree char *id_text = NULL;
  const char *rest;
  ZcServerResponse *bad;
  gint64 id, case_id;
  int consent = -1;

  g_return_val_if_fail (_zc_server_is_recording_upload ("POST", path), NULL);

  rest = path + strlen (ZC_SERVER_API_PREFIX "/video-sessions/");
  id_text = g_strndup (rest, strcspn (rest, "/"));
  ctx.params[0] = id_text;
  ctx.n_params = 1;
  ctx.user = user;
  if ((bad = session_of_path (self, &ctx, &id, &case_id, NULL, &consent)) != NULL)
    return bad;
  if (consent != 1)
    return _zc_server_error (409, "no_consent",
                             _("The citizen did not agree to recording: this call's recording is not kept."));
  return NULL;
}

/* POST /video-sessions/{id}/recording */
ZcServerResponse *
_zc_server_handle_video_recording (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autofree char *detail_text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *default_name = NULL;
  ZcServerResponse *bad = NULL;
  ZcServerUpload *upload;
  const char *idem;
  const char *name;
  gint64 id, case_id, doc_id;
  int consent = -1;

  idem = _zc_server_get_idempotency_key (ctx, &bad);
  if (bad != NULL)
    return bad;
  if ((bad = session_of_path (self, ctx, &id, &case_id, &applicant, &consent)) != NULL)
    return bad;
  if ((upload = take_upload (self, ctx, &bad)) == NULL)
    return bad;
  /* the contract says video/webm: a WebM sent as anything else is refused
   * as the wrong bytes are */
  if (!is_webm_type (g_hash_table_lookup (ctx->request->headers, "content-type")))
    return _zc_server_error (415, "not_a_recording",
                             _("The recording must be sent as video/webm."));
  /* the same key, the same bytes, the same query: the first answer */
  if ((bad = _zc_server_lookup_reply (self, ctx, idem)) != NULL)
    return bad;
  if ((bad = check_upload (upload)) != NULL)
    return bad;
  if (consent != 1)
    return _zc_server_error (409, "no_consent",
                             _("The citizen did not agree to recording: this call's recording is not kept."));
  name = g_hash_table_lookup (ctx->query, "name");
  if (name != NULL && !name_is_valid (name))
    return _zc_server_error_printf (400, "invalid_request",
                                    _("The parameter “name” must be a file name of 1 to %d printable characters."),
                                    MAX_RECORDING_NAME);
  if (name == NULL)
    /* Translators: the file name of a call's recording (通话录像-12.webm) */
    name = default_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".webm", _("call-recording"), id);

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  /* the bytes durable under their name before the row names them */
  if (!zc_server_upload_commit (upload, &error))
    {
      g_warning ("recordings: %s", error->message);
      return _zc_server_error (503, "storage_full",
                               _("The platform's storage is full: the recording was not saved. Try again later."));
    }
  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO documents (case_id, material, kind, name, media_type, size, sha256, created_at, created_by) "
    "VALUES (?1, NULL, 'recording', ?2, ?3, ?4, ?5, ?6, ?7) "
    "RETURNING id, case_id, material, kind, name, media_type, size, sha256, created_at, created_by", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  _zc_server_bind_text (stmt, 2, name);
  _zc_server_bind_text (stmt, 3, WEBM_TYPE);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) zc_server_upload_get_size (upload));
  _zc_server_bind_text (stmt, 5, zc_server_upload_get_sha256 (upload));
  _zc_server_bind_text (stmt, 6, now);
  _zc_server_bind_text (stmt, 7, ctx->user->username);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zc_server_db_error (self, NULL);
  doc_id = sqlite3_column_int64 (stmt, 0);

  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", doc_id);
  _zc_server_add_int (builder, "case_id", case_id);
  json_builder_set_member_name (builder, "material");
  json_builder_add_null_value (builder);
  _zc_server_add_string (builder, "kind", "recording");
  _zc_server_add_column_string (builder, "name", stmt, 4);
  _zc_server_add_string (builder, "media_type", WEBM_TYPE);
  _zc_server_add_int (builder, "size", sqlite3_column_int64 (stmt, 6));
  _zc_server_add_column_string (builder, "sha256", stmt, 7);
  _zc_server_add_column_string (builder, "created_at", stmt, 8);
  _zc_server_add_column_string (builder, "created_by", stmt, 9);
  json_builder_end_object (builder);
  sqlite3_step (stmt);  /* RETURNING: run the statement to its end */

  json_builder_begin_object (detail);
  _zc_server_add_int (detail, "video_session", id);
  _zc_server_add_int (detail, "document", doc_id);
  _zc_server_add_string (detail, "name", name);
  _zc_server_add_string (detail, "sha256", zc_server_upload_get_sha256 (upload));
  _zc_server_add_int (detail, "size", (gint64) zc_server_upload_get_size (upload));
  json_builder_end_object (detail);
  detail_root = json_builder_get_root (detail);
  detail_text = _zc_server_node_to_string (detail_root);
  /* history: 通话录像已保存 */
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "video.recording", case_id, 0, applicant,
                               NULL, NULL, NULL, detail_text, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_commit_reply (self, ctx, idem, 201, builder);
}
