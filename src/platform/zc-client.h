/* zc-client.h — async client of the platform REST contract
 * (data/platform-api.yaml). One SoupSession per client; every call is
 * _async/_finish on GTask with a GCancellable; HTTP statuses map to
 * ZC_PLATFORM_ERROR; JSON is checked node by node into zc-models.h
 * objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "zc-core.h"
#include "zc-platform-error.h"

G_BEGIN_DECLS

#define ZC_TYPE_CLIENT (zc_client_get_type ())
G_DECLARE_FINAL_TYPE (ZcClient, zc_client, ZC, CLIENT, GObject)

/* @base_url: "http://127.0.0.1:8080" (the /api/v1 prefix is added). */
ZcClient   *zc_client_new                (const char *base_url);
const char *zc_client_get_base_url       (ZcClient   *self);
/* The HTTP session (its TLS settings), e.g. for a WebSocket of the platform */
SoupSession *zc_client_get_soup_session (ZcClient   *self);
/* Transport security: certificates are always verified; http:// only to
 * loopback. (nullable) why every call is refused before any I/O. */
const char *zc_client_get_refusal        (ZcClient   *self);
/* @path: PEM bundle of CAs to trust instead of the system's (NULL: system) */
gboolean    zc_client_set_ca_file        (ZcClient   *self,
                                          const char *path,
                                          GError    **error);
gboolean    zc_client_host_is_loopback   (const char *host);
const char *zc_client_get_token          (ZcClient   *self);
void        zc_client_set_token          (ZcClient   *self,
                                          const char *token);
ZcUser     *zc_client_get_user           (ZcClient   *self); /* after login; notify::user */

/* GET /health */
void        zc_client_health_async       (ZcClient *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_client_health_finish      (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /sessions — keeps the token and user */
void        zc_client_login_async        (ZcClient *self, const char *username, const char *password,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
ZcUser     *zc_client_login_finish       (ZcClient *self, GAsyncResult *result, GError **error);

/* DELETE /sessions/current — forgets the token even on error */
void        zc_client_logout_async       (ZcClient *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_client_logout_finish      (ZcClient *self, GAsyncResult *result, GError **error);
/* DELETE /sessions/current with @token instead of the client's: ends an
 * earlier session this workstation replaced (an unlock logs in again) */
void        zc_client_end_session_async  (ZcClient *self, const char *token, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_client_end_session_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /users/{username}/unlock (supervisor) */
void        zc_client_unlock_user_async  (ZcClient *self, const char *username, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_client_unlock_user_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /catalogue/items → GListModel of ZcCatalogueItem */
void        zc_client_list_catalogue_async  (ZcClient *self, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
GListModel *zc_client_list_catalogue_finish (ZcClient *self, GAsyncResult *result, GError **error);
void        zc_client_get_catalogue_item_async  (ZcClient *self, const char *code, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
ZcCatalogueItem *zc_client_get_catalogue_item_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /applicants?q=&kind=&offset=&limit= (supervisor) */
void        zc_client_list_applicants_async  (ZcClient *self, const char *query, const char *kind,
                                              guint offset, guint limit, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
GListModel *zc_client_list_applicants_finish (ZcClient *self, GAsyncResult *result,
                                              guint *total, GError **error);
/* GET /applicants/{key} — with licences and parties */
void        zc_client_get_applicant_async  (ZcClient *self, const char *key, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
ZcApplicant *zc_client_get_applicant_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /licences?holder=KEY → GListModel of ZcLicence */
void        zc_client_list_licences_async  (ZcClient *self, const char *holder, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
GListModel *zc_client_list_licences_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* GET /licences/{number}/photo → PNG bytes */
void        zc_client_get_licence_photo_async  (ZcClient *self, const char *number, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
GBytes     *zc_client_get_licence_photo_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /cases with Idempotency-Key (may be NULL). @body: a JSON object
 * {"item","applicant","matters"?,"form"?,"parties"?} (not consumed). */
void        zc_client_create_case_async  (ZcClient *self, JsonObject *body, const char *idempotency_key,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_create_case_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /cases?state=&q=&offset=&limit= (state, q may be NULL) */
void        zc_client_list_cases_async   (ZcClient *self, const char *state, const char *query,
                                          guint offset, guint limit, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
/* …sorted: sort "-updated_at", "number" … or NULL; the same finish */
void        zc_client_list_cases_sorted_async (ZcClient *self, const char *state, const char *query,
                                               const char *sort, guint offset, guint limit,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GListModel *zc_client_list_cases_finish  (ZcClient *self, GAsyncResult *result,
                                          guint *total, GError **error);
void        zc_client_get_case_async     (ZcClient *self, gint64 id, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_get_case_finish    (ZcClient *self, GAsyncResult *result, GError **error);
/* POST /cases/{id}/transitions {"to","reason"} */
void        zc_client_transition_case_async  (ZcClient *self, gint64 id, const char *to, const char *reason,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_transition_case_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* GET /cases/{id}/events → GListModel of ZcEvent */
void        zc_client_list_case_events_async  (ZcClient *self, gint64 id, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GListModel *zc_client_list_case_events_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /tasks?department=&state= ; POST /tasks/{id}/transitions */
void        zc_client_list_tasks_async   (ZcClient *self, const char *department, const char *state,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
GListModel *zc_client_list_tasks_finish  (ZcClient *self, GAsyncResult *result, GError **error);
void        zc_client_transition_task_async  (ZcClient *self, gint64 id, const char *to, const char *reason,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
ZcTask     *zc_client_transition_task_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* --- issue 3: claiming, drafts on the platform, progress --- */

/* PUT /cases/{id}: @body (not consumed) holds the members to replace:
 * "form", "field_sources", "parties", "matters", "materials" ({"CODE":
 * "pending|received|deferred|committed|exempt"} or {"CODE": {"state",
 * "licence"?, "note"?}}), optionally "updated_at" (409 when stale).
 * Only the holder of a draft/returned case may: another holder is
 * ZC_PLATFORM_ERROR_CONFLICT whose message names the holder. */
void        zc_client_update_case_async  (ZcClient *self, gint64 id, JsonObject *body,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_update_case_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /cases/{id}/claim {"takeover","reason"}: take the case (a
 * supervisor with @takeover TRUE and a @reason takes it from its holder,
 * who is notified). Held by another: ZC_PLATFORM_ERROR_CONFLICT naming
 * the holder. Returns the case (see its "holder-display" property). */
void        zc_client_claim_case_async   (ZcClient *self, gint64 id, gboolean takeover,
                                          const char *reason, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_claim_case_finish  (ZcClient *self, GAsyncResult *result, GError **error);
/* POST /cases/{id}/applicant-verification with Idempotency-Key (may be
 * NULL): clears 未核验 (applicant_typed_name) once the licence library
 * holds the typed name under the case's key, or @confirmed_name (may be
 * NULL: the name the clerk confirmed with the applicant's ID where the
 * typed one had a typo). A name differing from the library's is
 * ZC_PLATFORM_ERROR_CONFLICT, as are a case verified already or closed;
 * no identity licence for the key is ZC_PLATFORM_ERROR_INVALID. Returns
 * the case. */
void        zc_client_verify_case_applicant_async  (ZcClient *self, gint64 id, const char *confirmed_name,
                                                    const char *idempotency_key,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_verify_case_applicant_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* DELETE /cases/{id}/claim */
void        zc_client_release_case_async  (ZcClient *self, gint64 id, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_client_release_case_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /cases/{id}/progress → (transfer full) the Progress JSON object
 * of the contract: "case_id", "number", "state", "item_name",
 * "received_at", "tasks" [{"matter_name","department","state" (a code),
 * "due_date","due_provisional","late","awaiting_supplement","updated_at"}],
 * "events" [{"at","action","from","to","department","matter_name"}].
 * Checked to hold the "tasks" array; free with json_object_unref. */
void        zc_client_get_progress_async  (ZcClient *self, gint64 id, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_get_progress_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* GET /public/progress?number=&applicant= (no token sent): the same
 * without "case_id" and personal data. No match (either wrong) is
 * ZC_PLATFORM_ERROR_NOT_FOUND; too many queries is ZC_PLATFORM_ERROR_INVALID
 * (HTTP 429). */
void        zc_client_public_progress_async  (ZcClient *self, const char *number, const char *applicant,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_public_progress_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /sessions/current/notifications?after= → (transfer full) a
 * JsonArray of {"id","at","kind":"case.takeover","case_id","case_number",
 * "by","by_display","message"}, oldest first (each has an integer "id"
 * and a string "message"). Poll with the last id seen; free with
 * json_array_unref. */
void        zc_client_list_notifications_async  (ZcClient *self, gint64 after, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
JsonArray  *zc_client_list_notifications_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /cases/{id}/transitions with the outbox's extras: @received_at
 * (may be NULL; for draft → received, the counter's reception time: the
 * number's date and the due dates count from it; at most 5 minutes ahead
 * and 7 days back, else ZC_PLATFORM_ERROR_INVALID) and an
 * @idempotency_key (may be NULL; a replay answers the first answer, the
 * same number). */
void        zc_client_transition_case_full_async  (ZcClient *self, gint64 id, const char *to,
                                                   const char *reason, GDateTime *received_at,
                                                   const char *idempotency_key,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_transition_case_full_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* Commitments (容缺 / 告知承诺) and their 事后核查 — results are the
 * contract's JSON objects (transfer full; free with json_object_unref).
 * A refusal is ZC_PLATFORM_ERROR_INVALID (422) whose message is the
 * translated reason to show (not 可容缺, credit breach, earlier false
 * commitment, sub-matter not eligible, deadline beyond the time limit …,
 * see zc-commitment-rules.h); a case not in draft, or a material already
 * covered, is ZC_PLATFORM_ERROR_CONFLICT. */

/* GET /applicants/{key}/credit → Credit {"key","serious_credit_breach",
 * "false_commitment","commitment_allowed","records":[{"kind",
 * "description","since","repaired_on"}]} */
void        zc_client_get_credit_async  (ZcClient *self, const char *key, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_get_credit_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /cases/{id}/commitments with @body, the contract's
 * CommitmentCreate {"kind":"tolerance"|"commitment","materials":[codes],
 * "deadline"?:"YYYY-MM-DD" (tolerance), "obligations"?, "verification_method"?,
 * "documents"?:[ids], "signature":{"signer","signed_at","method",
 * "document_id"?,…}} (not consumed) → Commitment. @idempotency_key may be
 * NULL. */
void        zc_client_create_commitment_async  (ZcClient *self, gint64 case_id, JsonObject *body,
                                                const char *idempotency_key, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_create_commitment_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* GET /commitments?due_before=&kind=&state=&department=&offset=&limit=
 * (supervisor, department) → CommitmentList {"commitments":[…],"total"},
 * most urgent first. Any filter may be NULL; @offset/@limit <= 0: the
 * platform's defaults. */
void        zc_client_list_commitments_async  (ZcClient *self, const GDate *due_before, const char *kind,
                                               const char *state, const char *department,
                                               gint64 offset, gint64 limit, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_list_commitments_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /commitments/{id}/verifications {"method","result","note"?}
 * (department) → Verification, with "commitment_state". @method: written,
 * online, on_site, public_notice; @result: confirmed or false_commitment. */
void        zc_client_verify_commitment_async  (ZcClient *self, gint64 id, const char *method,
                                                const char *result, const char *note,
                                                const char *idempotency_key, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_verify_commitment_finish (ZcClient *self, GAsyncResult *result, GError **error);

/* POST /video-sessions {"case_id"} → (transfer full) the remote
 * window's session: "id" (an integer), "join_code",
 * "citizen_url" (the citizen's page), "state", "expires_at". Checked to
 * hold id, join_code and citizen_url; free with json_object_unref. */
void        zc_client_create_video_session_async  (ZcClient *self, gint64 case_id,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_create_video_session_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* DELETE /video-sessions/{id}: the session ends, its join code stops
 * working (after a hang-up, besides the "bye" to the citizen) */
void        zc_client_end_video_session_async     (ZcClient *self, gint64 id,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_client_end_video_session_finish    (ZcClient *self, GAsyncResult *result, GError **error);
/* The clerk's signalling WebSocket of video session @id (GET
 * /video-sessions/{id}/signal, an http(s) URL: ZcVideoCall upgrades it) */
char       *zc_client_video_signal_url            (ZcClient *self, gint64 id);

/* --- documents (a material's PDF) and material states */

/* the platform's limit (the contract's 413), also checked before sending */
#define ZC_CLIENT_MAX_DOCUMENT (20 * 1024 * 1024)

/* bytes of a body written so far, of @total */
typedef void (*ZcClientProgress) (goffset sent, goffset total, gpointer user_data);

/* POST /cases/{id}/documents: @stream of @length bytes, streamed (never
 * held whole); @idempotency_key (nullable) makes a retry land once;
 * @progress (nullable) follows the body as it is written. Finish: the
 * Document object (id, sha256, size, name …). */
void        zc_client_upload_document_async  (ZcClient *self, gint64 case_id, const char *material,
                                              const char *name, GInputStream *stream, goffset length,
                                              const char *idempotency_key, ZcClientProgress progress,
                                              gpointer progress_data, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_upload_document_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* POST /cases/{id}/documents?kind=@kind&name=@name: a document of the
 * case that is no material (commitment_letter, tolerance_notice …), from
 * bytes. Finish: the Document object. */
void        zc_client_upload_case_document_async  (ZcClient *self, gint64 case_id, const char *kind,
                                                   const char *name, GBytes *pdf,
                                                   const char *idempotency_key, GCancellable *cancellable,
                                                   GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_upload_case_document_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* GET /cases/{id}/documents: the Document objects */
void        zc_client_list_documents_async   (ZcClient *self, gint64 case_id, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
JsonArray  *zc_client_list_documents_finish  (ZcClient *self, GAsyncResult *result, GError **error);
/* GET /cases/{id}/documents/{doc}: the PDF */
void        zc_client_download_document_async  (ZcClient *self, gint64 case_id, gint64 document_id,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
GBytes     *zc_client_download_document_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* PUT /cases/{id}/materials/{code}: the MaterialState after */
void        zc_client_set_material_state_async  (ZcClient *self, gint64 case_id, const char *code,
                                                 const char *state, const char *note,
                                                 const char *idempotency_key, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_client_set_material_state_finish (ZcClient *self, GAsyncResult *result, GError **error);
/* POST /cases/{id}/documents/{doc}/checks: keeps the check of a material
 * document with the case (event document.check). @findings (nullable):
 * [{"field","expected","found","page"}…]; @by_eye (nullable): "confirmed"
 * or "rejected", for an uncertain or unreadable verdict. Finish: the case. */
void        zc_client_check_document_async  (ZcClient *self, gint64 case_id, gint64 document_id,
                                             const char *verdict, JsonArray *findings,
                                             const char *by_eye, const char *idempotency_key,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
ZcCase     *zc_client_check_document_finish (ZcClient *self, GAsyncResult *result, GError **error);

G_END_DECLS
