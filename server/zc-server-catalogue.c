/* zc-server-catalogue.c — the catalogue of items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-catalogue.h"

#include "zc-server-api-private.h"

/* The stored item object, or NULL. */
static JsonNode *
load_item_json (ZcServerApi *self,
                const char  *code)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db, "SELECT json FROM catalogue_items WHERE code = ?1", NULL);
  JsonNode *node;

  if (stmt == NULL)
    return NULL;
  _zc_server_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  node = _zc_server_parse_stored (_zc_server_column_text (stmt, 0));
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

/* The stored item read by core's catalogue parser (the rules the app
 * uses), or NULL when there is none or it does not parse. */
ZcCatalogueItem *
_zc_server_load_item (ZcServerApi *self,
                      const char  *code)
{
  g_autoptr(JsonNode) node = load_item_json (self, code);
  g_autoptr(GError) error = NULL;
  ZcCatalogueItem *item;

  if (node == NULL)
    return NULL;
  item = zc_catalogue_item_new_from_json (node, &error);
  if (item == NULL)
    g_debug ("catalogue item %s does not parse: %s", code, error->message);
  return item;
}

ZcServerResponse *
_zc_server_handle_catalogue_list (ZcServerApi *self,
                                  ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  stmt = zc_server_db_prepare (self->db,
    "SELECT json FROM catalogue_items ORDER BY position, code", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonNode *node = _zc_server_parse_stored (_zc_server_column_text (stmt, 0));

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        json_builder_add_value (builder, node);
      else if (node != NULL)
        json_node_unref (node);
    }
  if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}

ZcServerResponse *
_zc_server_handle_catalogue_item (ZcServerApi *self,
                                  ZcServerCtx *ctx)
{
  g_autoptr(JsonNode) item = load_item_json (self, ctx->params[0]);

  if (item == NULL)
    return _zc_server_error (404, "not_found", _("There is no such catalogue item."));
  return _zc_server_json_response (200, item);
}
