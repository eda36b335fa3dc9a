/* zc-server-commitments-private.h — what the commitment files share
 *
 * zc-server-commitments.c (the resource), zc-server-commitment-hooks.c
 * (what other handlers call), zc-server-verifications.c (事后核查 and
 * the overdue job). The functions other layers call are declared in
 * zc-server-api-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-server-api-private.h"

G_BEGIN_DECLS

/* A stored JSON array of strings as a GStrv (what is not a string is
 * left out; a broken text gives an empty list). */
GStrv
_zc_server_strv_from_stored (const char *text);

char *
_zc_server_strv_to_json (const char * const *strv);

/* "健康证明、租赁合同": the catalogue's names of @codes (the code where
 * the item has no such material). */
char *
_zc_server_material_names (ZcCatalogueItem    *item,
                           const char * const *codes);

/* Who an audit event names: the user of @ctx, or the platform when
 * @ctx is NULL (the periodic job). */
const char *
_zc_server_actor_name (ZcServerCtx *ctx);

const char *
_zc_server_actor_role (ZcServerCtx *ctx);

const char *
_zc_server_actor_window (ZcServerCtx *ctx);

G_END_DECLS
