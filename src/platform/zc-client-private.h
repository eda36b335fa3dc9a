/* zc-client-private.h — what the parts of ZcClient share
 *
 * zc-client.c           the object and its public calls: each is the
 *                       description of its request (method, path, query,
 *                       body, Idempotency-Key) and the reply it expects;
 * zc-client-request.c   the one way a request goes out and its answer
 *                       comes back: URL, headers, send with the call's
 *                       cancellable, HTTP status → ZC_PLATFORM_ERROR, the
 *                       body through zc_json_parse, the GTask completed;
 * zc-client-replies.c   the replies of the contract, checked node by node
 *                       into zc-models.h objects or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-client.h"

G_BEGIN_DECLS

struct _ZcClient
{
  GObject parent_instance;

  SoupSession *session;
  char        *base_url;
  GUri        *base_uri;   /* NULL when base_url is not an http(s) URL */
  char        *token;
  ZcUser      *user;
  char        *refusal;    /* translated: why every call is refused before any I/O */
};

/* Turns the body of a successful answer into the task's result (never
 * NULL on success) or sets an error. */
typedef gpointer (*ZcClientParseFunc) (ZcClient  *self,
                                       JsonNode  *root,
                                       GError   **error);

typedef enum
{
  ZC_CLIENT_REPLY_JSON,  /* the body is JSON, made the result by parse */
  ZC_CLIENT_REPLY_NONE,  /* no body expected: the result is TRUE */
  ZC_CLIENT_REPLY_IMAGE, /* the body as GBytes, an image/… */
  ZC_CLIENT_REPLY_PDF,   /* the body as GBytes, application/pdf (asked with Accept) */
} ZcClientReplyKind;

/* What a call expects back, and how it becomes the result of its task */
typedef struct
{
  ZcClientReplyKind kind;
  ZcClientParseFunc parse;     /* JSON */
  GDestroyNotify    free_func; /* frees what parse returns */
} ZcClientReply;

typedef enum
{
  ZC_CLIENT_SEND_DEFAULT        = 0,
  ZC_CLIENT_SEND_NO_AUTH        = 1 << 0, /* do not send the client's token */
  ZC_CLIENT_SEND_FORGET_SESSION = 1 << 1, /* forget token and user once sent (or refused) */
} ZcClientSendFlags;

/* --- zc-client.c --- */

void        _zc_client_forget_session (ZcClient *self);

/* --- zc-client-request.c --- */

char       *_zc_client_escape_segment (const char *segment);
void        _zc_client_append_query   (GString    *query,
                                       const char *key,
                                       const char *value);
void        _zc_client_append_query_uint (GString    *query,
                                          const char *key,
                                          guint       value);
/* @path: below /api/v1, segments already escaped; @query may be NULL */
char       *_zc_client_build_url      (ZcClient   *self,
                                       const char *path,
                                       GString    *query);

/* The task of a call (@source_tag) with its message made and its headers
 * set (Accept, the token unless NO_AUTH, Idempotency-Key when not
 * NULL), not sent yet: give it a body if it has one, then
 * _zc_client_send() it. NULL when the client refuses every call (no
 * http(s) address, insecure address, CA file): the callback is then
 * answered with the reason. Keep @method third and @path fourth, here
 * and in _zc_client_send_request: tests/contract reads the requests of
 * zc-client.c by that shape (a literal "/…" path, or the g_strdup_printf
 * "/…" format just before the call). */
GTask      *_zc_client_start_request  (ZcClient            *self,
                                       gpointer             source_tag,
                                       const char          *method,
                                       const char          *path,
                                       GString             *query,
                                       const char          *idempotency_key,
                                       ZcClientSendFlags    flags,
                                       const ZcClientReply *reply,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
SoupMessage *_zc_client_task_message  (GTask *task);
/* Sends the message of @task (consumed) with its cancellable; the
 * answer completes it as its reply says */
void        _zc_client_send           (GTask *task);
/* The same with @length bytes of @stream as the body, read as it is sent */
void        _zc_client_send_stream    (GTask        *task,
                                       const char   *content_type,
                                       GInputStream *stream,
                                       goffset       length);
/* Start and send at once, with @body (nullable) as the JSON body */
void        _zc_client_send_request   (ZcClient            *self,
                                       gpointer             source_tag,
                                       const char          *method,
                                       const char          *path,
                                       GString             *query,
                                       JsonNode            *body,
                                       const char          *idempotency_key,
                                       ZcClientSendFlags    flags,
                                       const ZcClientReply *reply,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* A call refused before any request: its callback gets @code, @message */
void        _zc_client_refuse         (ZcClient            *self,
                                       gpointer             source_tag,
                                       ZcPlatformError      code,
                                       const char          *message,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);

/* The result of the call @source_tag (transfer full), or NULL */
gpointer    _zc_client_finish         (ZcClient      *self,
                                       GAsyncResult  *result,
                                       gpointer       source_tag,
                                       GError       **error);
/* The same for a reply of _zc_client_reply_*_page: the model, @total */
GListModel *_zc_client_finish_page    (ZcClient      *self,
                                       GAsyncResult  *result,
                                       gpointer       source_tag,
                                       guint         *total,
                                       GError       **error);

/* --- zc-client-replies.c: what each call expects --- */

extern const ZcClientReply _zc_client_reply_none;         /* TRUE */
extern const ZcClientReply _zc_client_reply_image;        /* GBytes */
extern const ZcClientReply _zc_client_reply_pdf;          /* GBytes */
extern const ZcClientReply _zc_client_reply_health;       /* TRUE when "ok" */
extern const ZcClientReply _zc_client_reply_catalogue;    /* GListModel of ZcCatalogueItem */
extern const ZcClientReply _zc_client_reply_catalogue_item;
extern const ZcClientReply _zc_client_reply_applicant;
extern const ZcClientReply _zc_client_reply_applicant_page; /* a page of ZcApplicant */
extern const ZcClientReply _zc_client_reply_licences;     /* GListModel of ZcLicence */
extern const ZcClientReply _zc_client_reply_case;
extern const ZcClientReply _zc_client_reply_case_page;    /* a page of ZcCase */
extern const ZcClientReply _zc_client_reply_events;       /* GListModel of ZcEvent */
extern const ZcClientReply _zc_client_reply_task;
extern const ZcClientReply _zc_client_reply_tasks;        /* GListModel of ZcTask */
extern const ZcClientReply _zc_client_reply_progress;     /* JsonObject */
extern const ZcClientReply _zc_client_reply_notifications; /* JsonArray */
extern const ZcClientReply _zc_client_reply_credit;       /* JsonObject */
extern const ZcClientReply _zc_client_reply_commitment;   /* JsonObject */
extern const ZcClientReply _zc_client_reply_commitments;  /* JsonObject */
extern const ZcClientReply _zc_client_reply_verification; /* JsonObject */
extern const ZcClientReply _zc_client_reply_video_session; /* JsonObject */
extern const ZcClientReply _zc_client_reply_identity_check; /* JsonObject */
extern const ZcClientReply _zc_client_reply_document;     /* JsonObject */
extern const ZcClientReply _zc_client_reply_documents;    /* JsonArray */
extern const ZcClientReply _zc_client_reply_material_state; /* JsonObject */
extern const ZcClientReply _zc_client_reply_document_checks; /* JsonArray */

/* The object of an answer, or NULL (BAD_RESPONSE) */
JsonObject *_zc_client_root_object    (JsonNode  *root,
                                       GError   **error);

/* {"<member>":[…],"total":N} → a page: what _zc_client_finish_page takes */
typedef struct
{
  GListModel *model;
  guint       total;
} ZcClientPage;

void        _zc_client_page_free      (gpointer data);

G_END_DECLS
