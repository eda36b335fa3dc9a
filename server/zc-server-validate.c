/* zc-server-validate.c — member validators shared by create and update:
 * one per JSON member, one error body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-id.h"
#include "zc-reception.h"

#include "zc-server-api-private.h"
#include "zc-server-validate.h"

#define MAX_IDEMPOTENCY_KEY 128

/* Member access with a 422 naming the member. */
const char *
_zc_server_get_string_member (ZcServerCtx       *ctx,
                              const char        *name,
                              gboolean           required,
                              ZcServerResponse **error)
{
  JsonNode *node = ctx->object ? json_object_get_member (ctx->object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        *error = _zc_server_error_printf (422, "invalid_request",
                                          _("The member “%s” is missing."), name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *message = g_strdup_printf (_("The member “%s” must be a string."), name);

      *error = _zc_server_member_error (name, message);
      return NULL;
    }
  return json_node_get_string (node);
}

const char *
_zc_server_get_bounded_string_member (ZcServerCtx       *ctx,
                                      const char        *name,
                                      gboolean           required,
                                      glong              max_chars,
                                      ZcServerResponse **error)
{
  const char *value = _zc_server_get_string_member (ctx, name, required, error);

  if (value != NULL && g_utf8_strlen (value, -1) > max_chars)
    {
      g_autofree char *message = g_strdup_printf (_("The member “%s” is longer than %ld characters."),
                                                  name, max_chars);

      *error = _zc_server_member_error (name, message);
      return NULL;
    }
  return value;
}

/* Text fit to show on one line: valid UTF-8 with no control, format
 * (bidi overrides, zero-width characters) or line/paragraph separator
 * character (a line break or a terminal's escape sequence breaks every
 * line it is shown or printed on; a U+202E shows the text reversed);
 * may be empty. *@seen: whether it holds anything but white space. */
static gboolean
is_line_text (const char *text,
              gboolean   *seen)
{
  *seen = FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
          return FALSE;
        default:
          break;
        }
      if (!g_unichar_isspace (c))
        *seen = TRUE;
    }
  return TRUE;
}

/* Text fit to stand as a person's name: a line of text (above), not
 * only white space. */
gboolean
_zc_server_is_name_text (const char *text)
{
  gboolean seen;

  return is_line_text (text, &seen) && seen;
}

/* The text sibling of the name rule: a line of text that may be empty
 * or blank (a finding's found text when nothing was read). */
gboolean
_zc_server_is_line_text (const char *text)
{
  gboolean seen;

  return is_line_text (text, &seen);
}

/* The Idempotency-Key header, NULL when absent; *error set when malformed. */
const char *
_zc_server_get_idempotency_key (ZcServerCtx       *ctx,
                                ZcServerResponse **error)
{
  const char *key = zc_server_request_get_header (ctx->request, "idempotency-key");

  if (key != NULL && (*key == '\0' || strlen (key) > MAX_IDEMPOTENCY_KEY ||
                      !_zc_server_is_name_text (key)))
    {
      *error = _zc_server_error_printf (400, "invalid_request",
                                        _("The Idempotency-Key header must hold 1 to %d printable characters."),
                                        MAX_IDEMPOTENCY_KEY);
      return NULL;
    }
  return key;
}

ZcServerResponse *
_zc_server_member_error (const char *member,
                         const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "code", "invalid_request");
  _zc_server_add_string (builder, "message", message);
  if (member != NULL)
    _zc_server_add_string (builder, "member", member);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (422, builder);
}

/* The platform's date (China time), for birth dates in ID numbers */
void
_zc_server_today (ZcServerApi *self,
                  GDate       *today)
{
  zc_clock_today_china (zc_server_db_get_clock (self->db), today);
}

/* Normalises and validates an applicant key (as of the platform's
 * today); on failure a 400 (or @status) invalid_key answer with the
 * validator's reason. */
char *
_zc_server_check_key (ZcServerApi       *self,
                      const char        *input,
                      guint              status,
                      const char        *code,
                      const char       **kind,
                      ZcServerResponse **error)
{
  g_autofree char *key = zc_id_normalize (input);
  g_autoptr(GError) local = NULL;
  const char *k;
  GDate today;

  _zc_server_today (self, &today);
  k = zc_applicant_key_kind (key, &today, &local);

  if (k == NULL)
    {
      *error = _zc_server_error (status, code,
                                 local ? local->message : _("This is not a valid ID number or credit code."));
      return NULL;
    }
  if (kind != NULL)
    *kind = k;
  return g_steal_pointer (&key);
}

static gboolean
item_has_material (ZcCatalogueItem *item,
                   const char      *code)
{
  GListModel *materials = zc_catalogue_item_get_materials (item);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);

      if (g_strcmp0 (zc_material_get_code (m), code) == 0)
        return TRUE;
    }
  return FALSE;
}

/* {"CODE": "state"} or {"CODE": {"state", "licence"?, "note"?}}; stored
 * as objects. NULL and *bad set when malformed. */
char *
_zc_server_validate_materials (ZcCatalogueItem   *item,
                               JsonNode          *node,
                               ZcServerResponse **bad)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *code;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *bad = _zc_server_member_error ("materials", _("The member “materials” must be an object of material states."));
      return NULL;
    }
  json_builder_begin_object (builder);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &code, &value))
    {
      const char *state = NULL;
      JsonObject *object = NULL;

      if (!item_has_material (item, code))
        {
          *bad = _zc_server_member_error ("materials", _("The member “materials” names a material this item does not have."));
          return NULL;
        }
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        state = json_node_get_string (value);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonNode *s;

          object = json_node_get_object (value);
          s = json_object_get_member (object, "state");
          if (s != NULL && JSON_NODE_HOLDS_VALUE (s) && json_node_get_value_type (s) == G_TYPE_STRING)
            state = json_node_get_string (s);
        }
      if (state == NULL || !zc_material_state_parse (state, NULL))
        {
          *bad = _zc_server_member_error ("materials",
                                          _("The member “materials” must give each material a state: pending, received, deferred, committed or exempt."));
          return NULL;
        }
      json_builder_set_member_name (builder, code);
      json_builder_begin_object (builder);
      _zc_server_add_string (builder, "state", state);
      if (object != NULL)
        {
          JsonNode *licence = json_object_get_member (object, "licence");
          JsonNode *note = json_object_get_member (object, "note");

          if (licence != NULL && !JSON_NODE_HOLDS_NULL (licence))
            {
              JsonObject *l = JSON_NODE_HOLDS_OBJECT (licence) ? json_node_get_object (licence) : NULL;

              if (l == NULL || json_object_get_string_member_with_default (l, "type", NULL) == NULL ||
                  json_object_get_string_member_with_default (l, "number", NULL) == NULL)
                {
                  *bad = _zc_server_member_error ("materials", _("A material's “licence” must be {\"type\",\"number\"}."));
                  return NULL;
                }
              json_builder_set_member_name (builder, "licence");
              json_builder_add_value (builder, json_node_copy (licence));
            }
          if (note != NULL && !JSON_NODE_HOLDS_NULL (note))
            {
              if (!JSON_NODE_HOLDS_VALUE (note) || json_node_get_value_type (note) != G_TYPE_STRING ||
                  g_utf8_strlen (json_node_get_string (note), -1) > 500)
                {
                  *bad = _zc_server_member_error ("materials", _("A material's “note” must be a string of at most 500 characters."));
                  return NULL;
                }
              _zc_server_add_string (builder, "note", json_node_get_string (note));
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return _zc_server_node_to_string (root);
}

/* {"QUESTION": true|false}: the clerk's answers to the item's
 * questions. NULL and *bad set when malformed. */
char *
_zc_server_validate_answers (ZcCatalogueItem   *item,
                             JsonNode          *node,
                             ZcServerResponse **bad)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *code;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *bad = _zc_server_member_error ("answers", _("The member “answers” must be an object of yes/no answers."));
      return NULL;
    }
  json_builder_begin_object (builder);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &code, &value))
    {
      if (zc_catalogue_item_get_question_label (item, code) == NULL)
        {
          *bad = _zc_server_member_error ("answers", _("The member “answers” names a question this item does not ask."));
          return NULL;
        }
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        {
          *bad = _zc_server_member_error ("answers", _("The member “answers” must answer each question true or false."));
          return NULL;
        }
      json_builder_set_member_name (builder, code);
      json_builder_add_boolean_value (builder, json_node_get_boolean (value));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return _zc_server_node_to_string (root);
}

/* The chosen sub-matters: every required one + the optional ones named
 * in @node (NULL: none named). */
char *
_zc_server_validate_matters (ZcCatalogueItem   *item,
                             JsonNode          *node,
                             ZcServerResponse **bad)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonBuilder) chosen = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *matters = zc_catalogue_item_get_matters (item);
  JsonArray *array;
  guint n = 0;

  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      *bad = _zc_server_member_error ("matters", _("The member “matters” must be an array of sub-matter codes."));
      return NULL;
    }
  array = node ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          *bad = _zc_server_member_error ("matters", _("The member “matters” must be an array of sub-matter codes."));
          return NULL;
        }
      g_hash_table_add (wanted, (gpointer) json_node_get_string (e));
    }
  json_builder_begin_array (chosen);
  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) m = g_list_model_get_item (matters, i);
      const char *code = zc_matter_get_code (m);

      if (!zc_matter_get_optional (m) || g_hash_table_contains (wanted, code))
        {
          json_builder_add_string_value (chosen, code);
          n++;
        }
      g_hash_table_remove (wanted, code);
    }
  json_builder_end_array (chosen);
  if (g_hash_table_size (wanted) > 0)
    {
      *bad = _zc_server_member_error ("matters", _("The member “matters” names a sub-matter this item does not have."));
      return NULL;
    }
  if (n == 0)
    {
      *bad = _zc_server_member_error ("matters", _("The member “matters” must choose at least one sub-matter."));
      return NULL;
    }
  root = json_builder_get_root (chosen);
  return _zc_server_node_to_string (root);
}

static gboolean
check_parties (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonNode *role, *key;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return FALSE;
      role = json_object_get_member (json_node_get_object (e), "role");
      key = json_object_get_member (json_node_get_object (e), "key");
      if (role == NULL || key == NULL ||
          !JSON_NODE_HOLDS_VALUE (role) || json_node_get_value_type (role) != G_TYPE_STRING ||
          !JSON_NODE_HOLDS_VALUE (key) || json_node_get_value_type (key) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_sources (JsonNode *node)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *origin;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &origin))
    {
      JsonNode *kind;

      if (!JSON_NODE_HOLDS_OBJECT (origin) ||
          (kind = json_object_get_member (json_node_get_object (origin), "kind")) == NULL ||
          !JSON_NODE_HOLDS_VALUE (kind) || json_node_get_value_type (kind) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

/* form, field_sources, parties: absent or null give no text and no
 * error; else the member's JSON text, or FALSE with a 422 naming it. */
gboolean
_zc_server_validate_form (JsonNode          *node,
                          char             **text,
                          ZcServerResponse **bad)
{
  *text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *bad = _zc_server_member_error ("form", _("The member “form” must be an object."));
      return FALSE;
    }
  *text = _zc_server_node_to_string (node);
  return TRUE;
}

gboolean
_zc_server_validate_field_sources (JsonNode          *node,
                                   char             **text,
                                   ZcServerResponse **bad)
{
  *text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!check_sources (node))
    {
      *bad = _zc_server_member_error ("field_sources",
                                      _("The member “field_sources” must be an object of field origins."));
      return FALSE;
    }
  *text = _zc_server_node_to_string (node);
  return TRUE;
}

gboolean
_zc_server_validate_parties (JsonNode          *node,
                             char             **text,
                             ZcServerResponse **bad)
{
  *text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!check_parties (node))
    {
      *bad = _zc_server_member_error ("parties",
                                      _("The member “parties” must be an array of {\"role\",\"key\"} objects."));
      return FALSE;
    }
  *text = _zc_server_node_to_string (node);
  return TRUE;
}
