/* zc-server-validate.h — member validators of the request layer
 *
 * One function per JSON member, used by create and update alike: each
 * answers the same 422 invalid_request body (with "member") when the
 * member is malformed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-server-api-private.h"

G_BEGIN_DECLS

const char *
_zc_server_get_string_member (ZcServerCtx       *ctx,
                              const char        *name,
                              gboolean           required,
                              ZcServerResponse **error);

const char *
_zc_server_get_bounded_string_member (ZcServerCtx       *ctx,
                                      const char        *name,
                                      gboolean           required,
                                      glong              max_chars,
                                      ZcServerResponse **error);

gboolean
_zc_server_is_name_text (const char *text);

gboolean
_zc_server_is_line_text (const char *text);

const char *
_zc_server_get_idempotency_key (ZcServerCtx       *ctx,
                                ZcServerResponse **error);

ZcServerResponse *
_zc_server_member_error (const char *member,
                         const char *message);

void
_zc_server_today (ZcServerApi *self,
                  GDate       *today);

char *
_zc_server_check_key (ZcServerApi       *self,
                      const char        *input,
                      guint              status,
                      const char        *code,
                      const char       **kind,
                      ZcServerResponse **error);

char *
_zc_server_validate_materials (ZcCatalogueItem   *item,
                               JsonNode          *node,
                               ZcServerResponse **bad);
/* {"QUESTION": bool} of the item's questions, as stored text */
char *
_zc_server_validate_answers (ZcCatalogueItem   *item,
                             JsonNode          *node,
                             ZcServerResponse **bad);

char *
_zc_server_validate_matters (ZcCatalogueItem   *item,
                             JsonNode          *node,
                             ZcServerResponse **bad);

gboolean
_zc_server_validate_form (JsonNode          *node,
                          char             **text,
                          ZcServerResponse **bad);

gboolean
_zc_server_validate_field_sources (JsonNode          *node,
                                   char             **text,
                                   ZcServerResponse **bad);

gboolean
_zc_server_validate_parties (JsonNode          *node,
                             char             **text,
                             ZcServerResponse **bad);

G_END_DECLS
