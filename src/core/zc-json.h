/* zc-json.h — JSON from outside, checked before json-glib sees it
 *
 * json-glib 1.6 accepts what RFC 8259 does not (comments, single-quoted
 * strings) and parses recursively, so deep nesting overflows the stack.
 * Every JSON text that comes from the network, a file or a user goes
 * through zc_json_parse: a strict, non-recursive scan first (RFC 8259
 * grammar, valid UTF-8, no NUL byte and no \u0000 escape, at most
 * @max_depth levels of arrays and objects), then json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deep enough for every document of the contract (a case is 5 levels) */
#define ZC_JSON_MAX_DEPTH 32

#define ZC_JSON_ERROR (zc_json_error_quark ())

typedef enum
{
  ZC_JSON_ERROR_SYNTAX,    /* not RFC 8259 JSON (the message says where) */
  ZC_JSON_ERROR_ENCODING,  /* not UTF-8, or a NUL byte or \u0000 */
  ZC_JSON_ERROR_TOO_DEEP,  /* nested deeper than the limit */
} ZcJsonError;

GQuark    zc_json_error_quark (void);

/* The strict scan alone. @length -1: @data is NUL-terminated. */
gboolean  zc_json_check       (const char  *data,
                               gssize       length,
                               guint        max_depth,
                               GError     **error);
/* Scan, then parse. Returns (transfer full) the root, or NULL with
 * @error (ZC_JSON_ERROR, or JSON_PARSER_ERROR in the rare case json-glib
 * refuses what the scan let through). */
JsonNode *zc_json_parse       (const char  *data,
                               gssize       length,
                               guint        max_depth,
                               GError     **error);

/* Serialise @node (compact, or indented with @pretty) as RFC 8259 JSON.
 * json-glib 1.6's generator writes U+001F raw (its escape test is off by
 * one), which no strict parser accepts; every JSON text we write goes
 * through here. @length may be NULL. Returns (transfer full) text. */
char     *zc_json_to_data     (JsonNode    *node,
                               gboolean     pretty,
                               gsize       *length);

G_END_DECLS
