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
/* $ZC_DATA_DIR, else the build's data folder when present, else PKGDATADIR */
char             *zc_server_default_data_dir   (void);

/* Never returns NULL; never fails: errors are JSON responses. */
ZcServerResponse *zc_server_api_handle         (ZcServerApi      *self,
                                                const ZcServerRequest *request);

G_END_DECLS
