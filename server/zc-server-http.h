/* zc-server-http.h — requests and responses of the request layer
 *
 * A request (method, path, query, headers, body) goes in, a response
 * (status, content type, body, headers) comes out; no sockets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZC_SERVER_MAX_BODY     (1024 * 1024)

typedef struct
{
  char       *method;
  char       *path;            /* percent-encoded, without the query */
  char       *query;           /* without '?', may be NULL */
  GHashTable *headers;         /* lower-case name → value */
  GBytes     *body;            /* may be NULL */
  char       *remote_address;  /* may be NULL */
  /* a document's body, streamed to a file as it arrived (then body is
   * NULL; zc-server-upload.h); owned */
  struct _ZcServerUpload *upload;
} ZcServerRequest;

typedef struct
{
  guint       status;
  char       *content_type;    /* NULL when there is no body */
  GBytes     *body;            /* may be NULL (e.g. 204) */
  GHashTable *headers;         /* extra headers, name → value */
  char       *text;            /* private: cache of get_text */
  /* 101: the adapter upgrades to a WebSocket of this video session's
   * party (ZcServerVideoParty); 0 otherwise */
  gint64      video_session;
  guint       video_party;
} ZcServerResponse;

ZcServerRequest  *zc_server_request_new        (const char       *method,
                                                const char       *path,
                                                const char       *query);
void              zc_server_request_set_header (ZcServerRequest  *request,
                                                const char       *name,
                                                const char       *value);
const char       *zc_server_request_get_header (const ZcServerRequest *request,
                                                const char       *name);
void              zc_server_request_set_body   (ZcServerRequest  *request,
                                                const void       *data,
                                                gsize             length);
void              zc_server_request_free       (ZcServerRequest  *request);

void              zc_server_response_free      (ZcServerResponse *response);
/* The body as a NUL-terminated string (for JSON), "" when empty. */
const char       *zc_server_response_get_text  (ZcServerResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcServerRequest, zc_server_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcServerResponse, zc_server_response_free)

G_END_DECLS
