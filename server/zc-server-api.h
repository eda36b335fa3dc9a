/* zc-server-api.h — the libsoup-free request layer of zc-platform
 *
 * A request (method, path, query, headers, body) goes in, a response
 * (status, content type, body, headers) comes out. No sockets: tests and
 * fuzzers drive it directly; zc-server.c adapts libsoup to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "zc-server-db.h"
#include "zc-server-http.h"

G_BEGIN_DECLS

#define ZC_SERVER_API_PREFIX   "/api/v1"
#define ZC_SERVER_SESSION_HOURS 12
#define ZC_SERVER_MAX_FAILED_LOGINS 5
#define ZC_SERVER_LOCK_MINUTES 15
/* failed logins from one address, whatever the names, within
 * ZC_SERVER_LOCK_MINUTES before 429 too_many_attempts */
#define ZC_SERVER_MAX_ADDRESS_FAILURES 20
/* password hashing workers, and logins waiting for one before 503 busy */
#define ZC_SERVER_HASH_THREADS 2
#define ZC_SERVER_MAX_QUEUED_LOGINS 64
/* a video session's life: its join code expires with it */
#define ZC_SERVER_VIDEO_MINUTES 120
/* wrong join codes from one address within ZC_SERVER_VIDEO_CODE_WINDOW
 * seconds before 429 too_many_attempts */
#define ZC_SERVER_VIDEO_CODE_FAILURES 5
#define ZC_SERVER_VIDEO_CODE_WINDOW 60
/* addresses followed one by one; beyond them (after the ones whose
 * window passed are forgotten) new addresses share one count */
#define ZC_SERVER_VIDEO_CODE_ADDRESSES 10000

/* The two parties of a video session's signalling */
typedef enum
{
  ZC_SERVER_VIDEO_CLERK = 1,
  ZC_SERVER_VIDEO_CITIZEN = 2,
} ZcServerVideoParty;

/* Role bits of the route table (1 << ZcRole). 0 = no token needed. */
#define ZC_SERVER_ROLE_BIT(role) (1u << (role))

/* One row of the route table, which is also the role × endpoint table. */
typedef struct
{
  const char *method;
  const char *pattern;       /* below ZC_SERVER_API_PREFIX, e.g. "/cases/{id}" */
  guint       roles;         /* ZC_SERVER_ROLE_BIT mask; 0 = no token */
  gboolean    implemented;   /* FALSE: 501 not_implemented after auth + roles */
} ZcServerRouteInfo;

const ZcServerRouteInfo *zc_server_api_get_routes (guint *n_routes);

#define ZC_TYPE_SERVER_API (zc_server_api_get_type ())
G_DECLARE_FINAL_TYPE (ZcServerApi, zc_server_api, ZC, SERVER_API, GObject)

/* @db is borrowed and must outlive the api. @data_dir holds
 * holidays-cn.json (NULL: $ZC_DATA_DIR, then the build's data folder,
 * then the installed one). */
ZcServerApi      *zc_server_api_new            (ZcServerDb       *db,
                                                const char       *data_dir);
/* A 告知承诺's 事后核查 is due this many working days after its sub-matter
 * is approved (zc-platform --verification-days). */
#define ZC_SERVER_DEFAULT_VERIFICATION_DAYS 20
#define ZC_SERVER_MAX_VERIFICATION_DAYS     365
void              zc_server_api_set_verification_days (ZcServerApi *self,
                                                       guint        days);
/* Marks the open commitments whose deadline has passed (on the
 * platform's clock) overdue, with an audit event each; its own
 * transaction. What the periodic job of ZcServer runs. */
gboolean          zc_server_api_check_commitments (ZcServerApi  *self,
                                                   guint        *n_overdue,
                                                   GError      **error);
/* A material of a case was supplied (its state set to received, or
 * uploaded): ends its 容缺 (zc-server-commitments.c); its own
 * transaction. Handlers inside a transaction call
 * _zc_server_commitments_material_supplied instead. */
gboolean          zc_server_api_material_supplied (ZcServerApi  *self,
                                                   gint64        case_id,
                                                   const char   *code,
                                                   GError      **error);

/* $ZC_DATA_DIR, else the build's data folder when present, else PKGDATADIR */
char             *zc_server_default_data_dir   (void);

/* Never returns NULL; never fails: errors are JSON responses. Hashes a
 * login's password on the calling thread (tests, fuzzing). */
ZcServerResponse *zc_server_api_handle         (ZcServerApi      *self,
                                                const ZcServerRequest *request);

/* @response is the callback's (transfer full). */
typedef void (*ZcServerApiCallback) (ZcServerResponse *response,
                                     gpointer          user_data);

/* The same answer as zc_server_api_handle, for the main loop: a login
 * (POST /sessions) verifies its password on a bounded pool of
 * ZC_SERVER_HASH_THREADS workers and @callback runs later on the thread
 * default main context of zc_server_api_new; every other request calls
 * @callback before this returns. @request may go once this returns.
 * After zc_server_api_shutdown a pending login calls @destroy but not
 * @callback. */
void              zc_server_api_handle_async   (ZcServerApi      *self,
                                                const ZcServerRequest *request,
                                                ZcServerApiCallback callback,
                                                gpointer          user_data,
                                                GDestroyNotify    destroy);
/* Stops the hashing pool (waits for the running hashes); pending logins
 * finish without touching the database. Call before closing the db. */
void              zc_server_api_shutdown       (ZcServerApi      *self);

/* The platform's address as citizens reach it ("https://host:port"),
 * the base of a video session's citizen_url. */
void              zc_server_api_set_public_url (ZcServerApi      *self,
                                                const char       *url);

/* Video sessions, for the signalling relay (zc-server-signal.c). The
 * api emits "video-ended" (gint64 id) when a session ends (DELETE, or
 * its expiry found by zc_server_api_video_end_expired). */
gboolean          zc_server_api_video_set_state   (ZcServerApi  *self,
                                                   gint64        id,
                                                   gboolean      connected,
                                                   GError      **error);
gboolean          zc_server_api_video_set_consent (ZcServerApi  *self,
                                                   gint64        id,
                                                   gboolean      recording,
                                                   GError      **error);
gboolean          zc_server_api_video_end_expired (ZcServerApi  *self,
                                                   GError      **error);
gboolean          zc_server_api_video_is_live     (ZcServerApi  *self,
                                                   gint64        id);

G_END_DECLS
