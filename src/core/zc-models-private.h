/* zc-models-private.h — node-by-node JSON readers shared by the model
 * classes of zc-models.h (implemented in zc-user.c, which also holds
 * the ZC_MODEL_ERROR quark).
 *
 * Every reader checks the member's node type and never asserts: a
 * missing required member or a member of the wrong type sets
 * ZC_MODEL_ERROR_INVALID naming the member and the object (@what).
 * "Optional" means the member may be absent or null.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-models.h"

G_BEGIN_DECLS

JsonObject *_zc_json_node_get_object   (JsonNode    *node,
                                        const char  *what,
                                        GError     **error);
gboolean    _zc_json_get_string        (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        char       **out,
                                        GError     **error);
gboolean    _zc_json_get_int           (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        gint64      *out,
                                        GError     **error);
/* absent/null → @out unchanged (set a default first) */
gboolean    _zc_json_get_boolean       (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        gboolean    *out,
                                        GError     **error);
/* "YYYY-MM-DD"; *out is a new GDate or NULL when absent */
gboolean    _zc_json_get_date          (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        GDate      **out,
                                        GError     **error);
/* RFC 3339 / ISO 8601 with a zone; *out NULL when absent */
gboolean    _zc_json_get_date_time     (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        GDateTime  **out,
                                        GError     **error);
/* *out is a new reference or NULL */
gboolean    _zc_json_get_object        (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        JsonObject **out,
                                        GError     **error);
gboolean    _zc_json_get_array         (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        JsonArray  **out,
                                        GError     **error);
/* an array of strings; absent → NULL */
gboolean    _zc_json_get_strv          (JsonObject  *object,
                                        const char  *what,
                                        const char  *member,
                                        gboolean     required,
                                        GStrv       *out,
                                        GError     **error);

/* a deep copy (json_node_copy() shares objects and arrays), sealed */
JsonNode   *_zc_json_node_deep_copy    (JsonNode    *node);

/* the member is there with the right type but a value outside the contract */
void        _zc_json_set_bad_value     (GError     **error,
                                        const char  *what,
                                        const char  *member);

G_END_DECLS
