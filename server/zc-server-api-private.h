/* zc-server-api-private.h — what the parts of the request layer share
 *
 * zc-server-api.c keeps the object and dispatch; zc-server-http.c the
 * HTTP helpers; zc-server-router.c the route table; zc-server-validate.c
 * the member validators; one file per resource holds its handlers and
 * their SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "zc-calendar.h"
#include "zc-catalogue.h"
#include "zc-commitment-rules.h"
#include "zc-reception.h"
#include "zc-state.h"

#include "zc-server-api.h"
#include "zc-server-db.h"

G_BEGIN_DECLS

#define ZC_SERVER_JSON_TYPE     "application/json; charset=utf-8"
#define ZC_SERVER_MAX_PARAMS    4
#define ZC_SERVER_DEFAULT_LIMIT 50
#define ZC_SERVER_MAX_LIMIT     200
#define ZC_SERVER_MAX_REASON    1000
/* seconds a client waits after 503 busy (a locked database) */
#define ZC_SERVER_BUSY_RETRY_AFTER "1"
/* seconds a client waits after 503 storage_full (the disk full) */
#define ZC_SERVER_FULL_RETRY_AFTER "60"

/* json_body of a route: none, required, or optional (absent = no object) */
#define ZC_SERVER_BODY_OPTIONAL 2
/* json_body of a route whose body is a document (up to
 * ZC_SERVER_MAX_DOCUMENT, streamed to a file by zc-server.c) */
#define ZC_SERVER_BODY_DOCUMENT 3

struct _ZcServerApi
{
  GObject     parent_instance;

  ZcServerDb *db;          /* borrowed */
  char       *data_dir;
  ZcCalendar *calendar;    /* loaded on first use */
  char       *dummy_hash;  /* verified for unknown users: same cost */
  GHashTable *public_hits; /* remote address → RateSlot (public progress) */
  guint       verification_days; /* 事后核查 due this many working days after approval */
  GHashTable *video_failures; /* remote address → wrong join codes (zc-server-video.c) */
  char       *public_url;  /* the base of citizen URLs */

  /* logins (zc-server-sessions.c) */
  GThreadPool  *hash_pool;       /* ZC_SERVER_HASH_THREADS: crypt off the loop */
  GMainContext *context;         /* where hashed logins finish */
  gint          shutting_down;
  guint         logins_queued;
  GHashTable   *login_addresses; /* address → failures in the window */
  GHashTable   *login_names;     /* username → failure streak (addresses, unknown names) */
};

/* A login between its two phases: checked and looked up on the loop,
 * its password verified on a worker, decided on the loop. */
typedef struct
{
  ZcServerApi        *api;        /* a reference while on the pool */
  char               *username;
  char               *password;   /* wiped once verified */
  char               *address;    /* "" when unknown */
  char               *hash;       /* the user's, or the dummy hash */
  gboolean            verified;
  ZcServerApiCallback callback;
  gpointer            user_data;
  GDestroyNotify      destroy;
} ZcServerLogin;

void _zc_server_login_free (ZcServerLogin *login);
void _zc_server_login_slot_free (gpointer slot);
void _zc_server_login_verify (ZcServerLogin *login);
ZcServerResponse *_zc_server_login_finish (ZcServerApi   *self,
                                           ZcServerLogin *login);

typedef struct
{
  char   *username;
  ZcRole  role;
  char   *role_name;
  char   *window;
  char   *department;
  char   *display_name;
  char   *token;
  char   *expires_at;
} ZcServerUser;

void _zc_server_user_free (ZcServerUser *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcServerUser, _zc_server_user_free)

typedef struct
{
  const ZcServerRequest *request;
  char                  *params[ZC_SERVER_MAX_PARAMS];
  guint                  n_params;
  GHashTable            *query;   /* name → value, decoded */
  JsonNode              *body;    /* the parsed object for JSON routes */
  JsonObject            *object;  /* its object */
  ZcServerUser          *user;    /* NULL for routes without token */
  ZcServerLogin         *login;   /* set by session_create: hash, then finish */
} ZcServerCtx;

typedef ZcServerResponse *(*ZcServerHandler) (ZcServerApi *self,
                                              ZcServerCtx *ctx);

typedef struct
{
  ZcServerRouteInfo info;
  gboolean          json_body;
  ZcServerHandler   handler;
} ZcServerRoute;

/* zc-server-api.c: the api object */

ZcCalendar *
_zc_server_get_calendar (ZcServerApi  *self,
                         GError      **error);

gboolean
_zc_server_begin (ZcServerApi  *self,
                  GError      **error);

gboolean
_zc_server_commit (ZcServerApi  *self,
                   GError      **error);

void
_zc_server_rollback (ZcServerApi *self);

/* An audit event of a read (its own transaction) */
gboolean
_zc_server_view_event (ZcServerApi  *self,
                       ZcServerCtx  *ctx,
                       const char   *action,
                       gint64        case_id,
                       const char   *subject,
                       GError      **error);

/* zc-server-http.c: HTTP layer: responses, JSON members, SQLite columns, parsing */

gboolean
_zc_server_is_json_type (const char *content_type);

ZcServerResponse *
_zc_server_response_new (guint       status,
                         const char *content_type,
                         GBytes     *body);

ZcServerResponse *
_zc_server_json_response (guint     status,
                          JsonNode *node);

ZcServerResponse *
_zc_server_builder_response (guint        status,
                             JsonBuilder *builder);

ZcServerResponse *
_zc_server_error (guint       status,
                  const char *code,
                  const char *message);

ZcServerResponse *
_zc_server_error_printf (guint       status,
                         const char *code,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

ZcServerResponse *
_zc_server_db_error (ZcServerApi *self,
                     GError      *error);

ZcServerResponse *
_zc_server_not_found (void);

ZcServerResponse *
_zc_server_empty_response (guint status);

void
_zc_server_add_string (JsonBuilder *builder,
                       const char  *name,
                       const char  *value);

void
_zc_server_add_column_string (JsonBuilder  *builder,
                              const char   *name,
                              sqlite3_stmt *stmt,
                              int           column);

void
_zc_server_add_column_int (JsonBuilder  *builder,
                           const char   *name,
                           sqlite3_stmt *stmt,
                           int           column);

void
_zc_server_add_bool (JsonBuilder *builder,
                     const char  *name,
                     gboolean     value);

void
_zc_server_add_int (JsonBuilder *builder,
                    const char  *name,
                    gint64       value);

JsonNode *
_zc_server_parse_stored (const char *text);

void
_zc_server_add_stored_json (JsonBuilder *builder,
                            const char  *name,
                            const char  *text,
                            JsonNodeType expected,
                            gboolean     null_default);

char *
_zc_server_node_to_string (JsonNode *node);

char *
_zc_server_column_dup (sqlite3_stmt *stmt,
                       int           column);

const char *
_zc_server_column_text (sqlite3_stmt *stmt,
                        int           column);

void
_zc_server_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *value);

char *
_zc_server_like_pattern (const char *q);

gboolean
_zc_server_parse_uint_param (ZcServerCtx       *ctx,
                             const char        *name,
                             gint64             fallback,
                             gint64             min,
                             gint64             max,
                             gint64            *result,
                             ZcServerResponse **error);

gboolean
_zc_server_parse_page (ZcServerCtx       *ctx,
                       gint64            *offset,
                       gint64            *limit,
                       ZcServerResponse **error);

/* zc-server-list.c: a page of a listing and its total */

/* One row of @stmt as an element of the listing's array. */
typedef gboolean (*ZcServerListRowFunc) (ZcServerApi   *self,
                                         JsonBuilder   *builder,
                                         sqlite3_stmt  *stmt,
                                         gpointer       user_data,
                                         GError       **error);

typedef struct
{
  const char          *member;    /* the array's name: "tasks" */
  const char          *select;    /* "SELECT … FROM … " of a row */
  const char          *count;     /* "SELECT count(*) FROM … " */
  const char          *where;     /* shared by both */
  const char          *order;     /* "ORDER BY …" of the page */
  const char * const  *params;    /* ?1 … ?n_params of both (NULL binds NULL) */
  guint                n_params;  /* the page's limit and offset follow */
  ZcServerListRowFunc  row;
  gpointer             user_data;
} ZcServerListQuery;

/* {"<member>": [the page], "total": n} into @builder; NULL when done,
 * else the error response. */
ZcServerResponse *
_zc_server_list_page (ZcServerApi             *self,
                      const ZcServerListQuery *query,
                      gint64                   offset,
                      gint64                   limit,
                      JsonBuilder             *builder);

gboolean
_zc_server_parse_id (const char *text,
                     gint64     *id);

ZcServerResponse *
_zc_server_check_body_size (const ZcServerRequest *request);

ZcServerResponse *
_zc_server_parse_query (const ZcServerRequest *request,
                        ZcServerCtx           *ctx);

ZcServerResponse *
_zc_server_parse_json_body (const ZcServerRequest *request,
                            ZcServerCtx           *ctx,
                            gboolean               optional);

/* zc-server-router.c: route table */

const ZcServerRoute *
_zc_server_router_find (const char  *method,
                        GPtrArray   *segments,
                        ZcServerCtx *ctx,
                        gboolean    *path_known,
                        GString     *allow);

/* zc-server-sessions.c: sessions and authentication */

ZcServerUser *
_zc_server_authenticate (ZcServerApi           *self,
                         const ZcServerRequest *request);

/* zc-server-catalogue.c: catalogue */

ZcCatalogueItem *
_zc_server_load_item (ZcServerApi *self,
                      const char  *code);

/* zc-server-licences.c: licences */

gboolean
_zc_server_add_licences_of (ZcServerApi  *self,
                            JsonBuilder  *builder,
                            const char   *holder,
                            GError      **error);

/* zc-server-cases.c: cases */

gboolean
_zc_server_build_case (ZcServerApi  *self,
                       JsonBuilder  *builder,
                       gint64        case_id,
                       GError      **error);

gboolean
_zc_server_build_applicant (ZcServerApi  *self,
                            JsonBuilder  *builder,
                            const char   *key,
                            GPtrArray    *party_keys,
                            GError      **error);

gboolean
_zc_server_audit_case_read (ZcServerApi  *self,
                            ZcServerCtx  *ctx,
                            const char   *action,
                            gint64        case_id,
                            GError      **error);

ZcServerResponse *
_zc_server_audited_case_response (ZcServerApi      *self,
                                  ZcServerCtx      *ctx,
                                  const char       *action,
                                  gint64            case_id,
                                  ZcServerResponse *response);

ZcServerResponse *
_zc_server_case_response (ZcServerApi *self,
                          guint        status,
                          gint64       case_id);

ZcServerResponse *
_zc_server_commit_case_reply (ZcServerApi *self,
                              ZcServerCtx *ctx,
                              const char  *idem,
                              gint64       case_id);

ZcServerResponse *
_zc_server_check_case_access (ZcServerApi *self,
                              ZcServerCtx *ctx,
                              gint64       case_id,
                              char       **applicant,
                              char       **state,
                              char       **returned_from,
                              char       **number);

ZcServerResponse *
_zc_server_case_id_param (ZcServerCtx *ctx,
                          gint64      *id);

/* zc-server-case-flow.c: claiming, transitions, replies */

ZcServerResponse *
_zc_server_check_held_by_user (ZcServerApi *self,
                               ZcServerCtx *ctx,
                               gint64       case_id);

char *
_zc_server_request_fingerprint (ZcServerCtx *ctx);

ZcServerResponse *
_zc_server_lookup_key (ZcServerApi *self,
                       ZcServerCtx *ctx,
                       const char  *key,
                       gint64      *case_id);

ZcServerResponse *
_zc_server_lookup_reply (ZcServerApi *self,
                         ZcServerCtx *ctx,
                         const char  *key);

ZcServerResponse *
_zc_server_case_change_start (ZcServerApi  *self,
                              ZcServerCtx  *ctx,
                              gint64       *id,
                              const char  **idem);

ZcServerResponse *
_zc_server_commit_reply (ZcServerApi *self,
                         ZcServerCtx *ctx,
                         const char  *key,
                         guint        status,
                         JsonBuilder *builder);

/* zc-server-tasks.c: tasks */

gboolean
_zc_server_complete_if_done (ZcServerApi  *self,
                             gint64        case_id,
                             const char   *applicant,
                             GError      **error);

gboolean
_zc_server_add_tasks_of (ZcServerApi  *self,
                         JsonBuilder  *builder,
                         gint64        case_id,
                         GError      **error);

/* zc-server-credit.c: what bars 告知承诺 */

gboolean
_zc_server_credit_facts (ZcServerApi   *self,
                         const char    *key,
                         ZcCreditFacts *facts,
                         GError       **error);

/* zc-server-commitments.c: the commitments of a case, and what
 * reception checks of them */

/* At reception: every material of the case said deferred (容缺) or
 * committed (告知承诺) is allowed so by core's rules for this applicant
 * now; else the 422 refusal with its code and reason. NULL when all
 * are (or with @error set on a database error). */
ZcServerResponse *
_zc_server_commitments_check_case (ZcServerApi      *self,
                                   gint64            case_id,
                                   ZcCatalogueItem  *item,
                                   GError          **error);

gboolean
_zc_server_add_commitments_of (ZcServerApi  *self,
                               JsonBuilder  *builder,
                               gint64        case_id,
                               GError      **error);

/* zc-server-commitment-hooks.c: what the handlers of cases, materials
 * and tasks call inside their transaction */

gboolean
_zc_server_commitments_update_awaiting (ZcServerApi  *self,
                                        gint64        case_id,
                                        GError      **error);

/* To be called (inside the caller's transaction) wherever a material of
 * a case is supplied: its state set to received, or a file of it
 * uploaded. Ends its 容缺: the commitment is fulfilled when all its
 * materials are, the tasks stop waiting (awaiting_supplement). */
gboolean
_zc_server_commitments_material_supplied (ZcServerApi  *self,
                                          ZcServerCtx  *ctx,
                                          gint64        case_id,
                                          const char   *code,
                                          GError      **error);

/* The case ended (withdrawn, refused): its open or overdue commitments
 * are cancelled. Inside the caller's transaction. */
gboolean
_zc_server_commitments_cancel_open (ZcServerApi  *self,
                                    ZcServerCtx  *ctx,
                                    gint64        case_id,
                                    GError      **error);

gboolean
_zc_server_commitments_task_approved (ZcServerApi  *self,
                                      ZcServerCtx  *ctx,
                                      gint64        case_id,
                                      const char   *matter,
                                      GError      **error);

/* zc-server-verifications.c: open commitments past their deadline turn
 * overdue (inside the caller's transaction) */

gboolean
_zc_server_commitments_mark_overdue (ZcServerApi  *self,
                                     guint        *n_changed,
                                     GError      **error);

/* zc-server-case-flow.c: the case's reception (applicable materials) */

ZcServerResponse *
_zc_server_case_reception (ZcServerApi      *self,
                           gint64            case_id,
                           ZcCatalogueItem  *item,
                           const GDate      *reception_date,
                           gboolean          lenient,
                           ZcReception     **reception);

/* zc-server-materials.c: material @code when it applies to the case
 * (422 unknown_material otherwise) */
ZcServerResponse *
_zc_server_case_material (ZcServerApi          *self,
                          gint64                case_id,
                          const char           *code,
                          ZcReceptionMaterial **material);

/* zc-server-materials.c: the state of every material that applies as
 * @reception gives it (pending, or exempt with its licence), as the
 * counter's reception writes them all: what a draft that had no states
 * gets when a first one is written (a commitment, PUT …/materials/{code}) */
JsonObject *
_zc_server_reception_states (ZcReception *reception);

/* zc-server-materials.c: a document of material @code was added to
 * the case (inside its transaction): a 容缺 material of a received case
 * becomes 已补正 and its commitments hear it was supplied */
gboolean
_zc_server_materials_supplied_by_document (ZcServerApi  *self,
                                           ZcServerCtx  *ctx,
                                           gint64        case_id,
                                           const char   *code,
                                           ZcCaseState   case_state,
                                           const char   *applicant,
                                           GError      **error);

/* zc-server-documents.c: documents */

/* POST …/cases/{id}/documents: its body is streamed (zc-server.c) */
gboolean
_zc_server_is_document_upload (const char *method,
                               const char *path);

/* zc-server-video-records.c: POST …/video-sessions/{id}/recording:
 * its body is streamed (zc-server.c) like a document's */
gboolean
_zc_server_is_recording_upload (const char *method,
                                const char *path);
/* Before its body is read: the answer when @user may not record on the
 * session of @path (404, 403, 409 no_consent), else NULL */
ZcServerResponse *
_zc_server_recording_refusal (ZcServerApi  *self,
                              ZcServerUser *user,
                              const char   *path);

/* zc-server-notifications.c: notifications */

gboolean
_zc_server_add_notification (ZcServerApi  *self,
                             const char   *username,
                             const char   *kind,
                             gint64        case_id,
                             const char   *by_user,
                             const char   *message,
                             const char   *now,
                             GError      **error);

/* zc-server-video.c: the citizen's join code (404/429 in *response) */

gint64
_zc_server_video_check_code (ZcServerApi       *self,
                             const char        *code,
                             const char        *address,
                             ZcServerResponse **response);

/* zc-server-http.c: 101, the adapter upgrades to the session's socket */

ZcServerResponse *
_zc_server_upgrade_response (gint64 video_session,
                             guint  party);

/* zc-server-citizen.c: the citizen's page and its socket, outside
 * ZC_SERVER_API_PREFIX; NULL when @request is not one of theirs */

ZcServerResponse *
_zc_server_handle_citizen (ZcServerApi           *self,
                           const ZcServerRequest *request);

/* Handlers (one file per resource), named by the route table */

ZcServerResponse *_zc_server_handle_health          (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_session_create  (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_session_current (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_session_delete  (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_user_unlock     (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_catalogue_list  (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_catalogue_item  (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_applicant_list  (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_applicant_get   (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_licence_list    (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_licence_get     (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_licence_photo   (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_create     (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_list       (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_get        (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_update     (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_events     (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_transition (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_claim      (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_release    (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_applicant_verify (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_task_list       (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_task_transition (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_case_progress   (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_public_progress (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_notifications   (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_applicant_credit (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_commitment_create (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_commitment_list  (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_commitment_verify (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_video_create    (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_video_get       (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_video_end       (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_video_signal    (ZcServerApi *self, ZcServerCtx *ctx);
/* zc-server-video-records.c */
ZcServerResponse *_zc_server_handle_video_identity_check (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_video_recording (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_document_list   (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_document_upload (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_document_get    (ZcServerApi *self, ZcServerCtx *ctx);
/* zc-server-document-checks.c */
ZcServerResponse *_zc_server_handle_document_check  (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_document_checks (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_material_list   (ZcServerApi *self, ZcServerCtx *ctx);
ZcServerResponse *_zc_server_handle_material_set    (ZcServerApi *self, ZcServerCtx *ctx);

G_END_DECLS
