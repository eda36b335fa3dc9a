/* zc-client-replies.c — the replies of the platform's contract
 * (data/platform-api.yaml) as ZcClient's calls expect them: each body
 * checked node by node into a zc-models.h object, a list model, or the
 * contract's JSON with the members a caller relies on. What is not the
 * contract is ZC_PLATFORM_ERROR_BAD_RESPONSE with what is missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-client-private.h"

typedef gpointer (*ZcModelNewFunc) (JsonNode *node, GError **error);

/* a reply whose JSON @parse checks and makes the result, freed with @free_func */
#define JSON_REPLY(parse, free_func) { ZC_CLIENT_REPLY_JSON, parse, (GDestroyNotify) free_func }

const ZcClientReply _zc_client_reply_none = { ZC_CLIENT_REPLY_NONE, NULL, NULL };
const ZcClientReply _zc_client_reply_image = { ZC_CLIENT_REPLY_IMAGE, NULL, NULL };
const ZcClientReply _zc_client_reply_pdf = { ZC_CLIENT_REPLY_PDF, NULL, NULL };

void
_zc_client_page_free (gpointer data)
{
  ZcClientPage *page = data;

  g_clear_object (&page->model);
  g_free (page);
}

JsonObject *
_zc_client_root_object (JsonNode  *root,
                        GError   **error)
{
  if (json_node_get_node_type (root) != JSON_NODE_OBJECT)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer is not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

/* {"<member>":[…],"total":N?} → ZcClientPage */
static ZcClientPage *
parse_page (JsonNode        *root,
            const char      *member,
            GType            item_type,
            ZcModelNewFunc   new_func,
            gboolean         with_total,
            GError         **error)
{
  g_autoptr(GListStore) store = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  ZcClientPage *page;
  guint n;
  gint64 total = 0;

  if (!(object = _zc_client_root_object (root, error)))
    return NULL;

  if (!json_object_has_member (object, member) ||
      json_node_get_node_type ((node = json_object_get_member (object, member))) != JSON_NODE_ARRAY)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no list “%s”"), member);
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  store = g_list_store_new (item_type);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = new_func (json_array_get_element (array, i), error);

      if (item == NULL)
        {
          g_prefix_error (error, "%s[%u]: ", member, i);
          return NULL;
        }
      g_list_store_append (store, item);
    }

  if (with_total)
    {
      if (!json_object_has_member (object, "total") ||
          json_node_get_node_type ((node = json_object_get_member (object, "total"))) != JSON_NODE_VALUE ||
          json_node_get_value_type (node) != G_TYPE_INT64 ||
          (total = json_node_get_int (node)) < n || total > G_MAXUINT)
        {
          g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                       _("The platform’s answer has no valid “%s”"), "total");
          return NULL;
        }
    }

  page = g_new0 (ZcClientPage, 1);
  page->model = G_LIST_MODEL (g_steal_pointer (&store));
  page->total = with_total ? (guint) total : n;
  return page;
}

/* A whole list (no paging) of @member: the model alone */
static GListModel *
parse_list (JsonNode        *root,
            const char      *member,
            GType            type,
            ZcModelNewFunc   new_func,
            GError         **error)
{
  ZcClientPage *page = parse_page (root, member, type, new_func, FALSE, error);
  GListModel *model;

  if (page == NULL)
    return NULL;
  model = g_steal_pointer (&page->model);
  _zc_client_page_free (page);
  return model;
}

/* an object holding the array @member, each element an object */
static JsonObject *
object_with_list (JsonNode    *root,
                  const char  *member,
                  GError     **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no list “%s”"), member);
      return NULL;
    }
  for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), j)))
      {
        g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                     _("The platform’s list “%s” holds something else than objects"), member);
        return NULL;
      }
  return json_object_ref (object);
}

/* a member's string, or NULL when absent or not a string (no critical
 * on a platform's odd answer) */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gpointer
parse_health (ZcClient  *self,
              JsonNode  *root,
              GError   **error)
{
  JsonObject *object;
  JsonNode *node;

  if (!(object = _zc_client_root_object (root, error)))
    return NULL;
  if (!json_object_has_member (object, "status") ||
      json_node_get_node_type ((node = json_object_get_member (object, "status"))) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), "ok") != 0)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_SERVER,
                   _("The platform does not report itself healthy"));
      return NULL;
    }
  return GUINT_TO_POINTER (TRUE);
}

const ZcClientReply _zc_client_reply_health = JSON_REPLY (parse_health, NULL);

static gpointer
parse_catalogue (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return zc_catalogue_parse (root, error);
}

const ZcClientReply _zc_client_reply_catalogue = JSON_REPLY (parse_catalogue, g_object_unref);

static gpointer
parse_catalogue_item (ZcClient  *self,
                      JsonNode  *root,
                      GError   **error)
{
  return zc_catalogue_item_new_from_json (root, error);
}

const ZcClientReply _zc_client_reply_catalogue_item = JSON_REPLY (parse_catalogue_item, g_object_unref);

static gpointer
parse_applicant_page (ZcClient  *self,
                      JsonNode  *root,
                      GError   **error)
{
  return parse_page (root, "applicants", ZC_TYPE_APPLICANT,
                     (ZcModelNewFunc) zc_applicant_new_from_json, TRUE, error);
}

const ZcClientReply _zc_client_reply_applicant_page = JSON_REPLY (parse_applicant_page, _zc_client_page_free);

static gpointer
parse_applicant (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return zc_applicant_new_from_json (root, error);
}

const ZcClientReply _zc_client_reply_applicant = JSON_REPLY (parse_applicant, g_object_unref);

static gpointer
parse_licence_list (ZcClient  *self,
                    JsonNode  *root,
                    GError   **error)
{
  return parse_list (root, "licences", ZC_TYPE_LICENCE, (ZcModelNewFunc) zc_licence_new_from_json, error);
}

const ZcClientReply _zc_client_reply_licences = JSON_REPLY (parse_licence_list, g_object_unref);

static gpointer
parse_case (ZcClient  *self,
            JsonNode  *root,
            GError   **error)
{
  return zc_case_new_from_json (root, error);
}

const ZcClientReply _zc_client_reply_case = JSON_REPLY (parse_case, g_object_unref);

static gpointer
parse_case_page (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return parse_page (root, "cases", ZC_TYPE_CASE,
                     (ZcModelNewFunc) zc_case_new_from_json, TRUE, error);
}

const ZcClientReply _zc_client_reply_case_page = JSON_REPLY (parse_case_page, _zc_client_page_free);

static gpointer
parse_event_list (ZcClient  *self,
                  JsonNode  *root,
                  GError   **error)
{
  return parse_list (root, "events", ZC_TYPE_EVENT, (ZcModelNewFunc) zc_event_new_from_json, error);
}

const ZcClientReply _zc_client_reply_events = JSON_REPLY (parse_event_list, g_object_unref);

static gpointer
parse_task_list (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  return parse_list (root, "tasks", ZC_TYPE_TASK, (ZcModelNewFunc) zc_task_new_from_json, error);
}

const ZcClientReply _zc_client_reply_tasks = JSON_REPLY (parse_task_list, g_object_unref);

static gpointer
parse_task (ZcClient  *self,
            JsonNode  *root,
            GError   **error)
{
  return zc_task_new_from_json (root, error);
}

const ZcClientReply _zc_client_reply_task = JSON_REPLY (parse_task, g_object_unref);

/* The progress object: "tasks" (and "events") must be arrays of objects. */
static gpointer
parse_progress (ZcClient  *self,
                JsonNode  *root,
                GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  const char *lists[] = { "tasks", "events" };

  if (object == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonNode *node = json_object_get_member (object, lists[i]);

      if (node == NULL && i > 0)
        continue;
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                       _("The platform’s progress has no list “%s”"), lists[i]);
          return NULL;
        }
      for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
        if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), j)))
          {
            g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                         _("The platform’s progress has no list “%s”"), lists[i]);
            return NULL;
          }
    }
  return json_object_ref (object);
}

const ZcClientReply _zc_client_reply_progress = JSON_REPLY (parse_progress, json_object_unref);

static gpointer
parse_notifications (ZcClient  *self,
                     JsonNode  *root,
                     GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  JsonNode *node;
  JsonArray *array;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, "notifications");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonNode *id, *message;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        goto bad;
      id = json_object_get_member (json_node_get_object (e), "id");
      message = json_object_get_member (json_node_get_object (e), "message");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
          message == NULL || !JSON_NODE_HOLDS_VALUE (message) ||
          json_node_get_value_type (message) != G_TYPE_STRING)
        goto bad;
    }
  return json_array_ref (array);

bad:
  g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
               _("The platform’s notifications cannot be understood."));
  return NULL;
}

const ZcClientReply _zc_client_reply_notifications = JSON_REPLY (parse_notifications, json_array_unref);

static gpointer
parse_credit (ZcClient  *self,
              JsonNode  *root,
              GError   **error)
{
  JsonObject *object = object_with_list (root, "records", error);

  if (object != NULL &&
      (json_object_get_member (object, "commitment_allowed") == NULL ||
       !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "commitment_allowed")) ||
       json_node_get_value_type (json_object_get_member (object, "commitment_allowed")) != G_TYPE_BOOLEAN))
    {
      json_object_unref (object);
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s credit record does not say whether a commitment is allowed"));
      return NULL;
    }
  return object;
}

const ZcClientReply _zc_client_reply_credit = JSON_REPLY (parse_credit, json_object_unref);

static gpointer
parse_commitment (ZcClient  *self,
                  JsonNode  *root,
                  GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  JsonNode *id = object ? json_object_get_member (object, "id") : NULL;
  JsonNode *materials = object ? json_object_get_member (object, "materials") : NULL;

  if (object == NULL)
    return NULL;
  if (materials == NULL || !JSON_NODE_HOLDS_ARRAY (materials))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer has no list “%s”"), "materials");
      return NULL;
    }
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
      json_node_get_int (id) <= 0 || string_member (object, "state") == NULL)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s commitment has no id or state"));
      return NULL;
    }
  return json_object_ref (object);
}

const ZcClientReply _zc_client_reply_commitment = JSON_REPLY (parse_commitment, json_object_unref);

static gpointer
parse_commitment_list (ZcClient  *self,
                       JsonNode  *root,
                       GError   **error)
{
  return object_with_list (root, "commitments", error);
}

const ZcClientReply _zc_client_reply_commitments = JSON_REPLY (parse_commitment_list, json_object_unref);

static gpointer
parse_verification (ZcClient  *self,
                    JsonNode  *root,
                    GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);

  if (object == NULL)
    return NULL;
  if (string_member (object, "result") == NULL)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s verification has no result"));
      return NULL;
    }
  return json_object_ref (object);
}

const ZcClientReply _zc_client_reply_verification = JSON_REPLY (parse_verification, json_object_unref);

static gpointer
parse_video_session (ZcClient  *self,
                     JsonNode  *root,
                     GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  const char *strings[] = { "join_code", "citizen_url" };
  JsonNode *id;

  if (object == NULL)
    return NULL;
  id = json_object_get_member (object, "id");
  /* the contract's VideoSession: an integer id */
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id)
      || json_node_get_value_type (id) != G_TYPE_INT64
      || json_node_get_int (id) <= 0)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s video session has no “%s”"), "id");
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      JsonNode *node = json_object_get_member (object, strings[i]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_STRING
          || *json_node_get_string (node) == '\0')
        {
          g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                       _("The platform’s video session has no “%s”"), strings[i]);
          return NULL;
        }
    }
  return json_object_ref (object);
}

const ZcClientReply _zc_client_reply_video_session = JSON_REPLY (parse_video_session, json_object_unref);

/* {"sha256":"<64 hex>","id":N,…} → the Document object */
static gpointer
parse_document (ZcClient  *self,
                JsonNode  *root,
                GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  const char *sha256;

  if (object == NULL)
    return NULL;
  sha256 = json_object_get_string_member_with_default (object, "sha256", NULL);
  if (json_object_get_int_member_with_default (object, "id", 0) <= 0 ||
      sha256 == NULL || strlen (sha256) != 64)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s description of the document is incomplete"));
      return NULL;
    }
  return json_object_ref (object);
}

const ZcClientReply _zc_client_reply_document = JSON_REPLY (parse_document, json_object_unref);

static gpointer
parse_identity_check (ZcClient  *self,
                      JsonNode  *root,
                      GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  const char *result;

  if (object == NULL)
    return NULL;
  result = json_object_get_string_member_with_default (object, "result", NULL);
  if (json_object_get_int_member_with_default (object, "id", 0) <= 0 ||
      (g_strcmp0 (result, "passed") != 0 && g_strcmp0 (result, "failed") != 0))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform's answer is not an identity check."));
      return NULL;
    }
  return json_object_ref (object);
}

const ZcClientReply _zc_client_reply_identity_check = JSON_REPLY (parse_identity_check, json_object_unref);

static gpointer
parse_documents (ZcClient  *self,
                 JsonNode  *root,
                 GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, "documents");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s list of documents cannot be understood"));
      return NULL;
    }
  return json_array_ref (json_node_get_array (node));
}

const ZcClientReply _zc_client_reply_documents = JSON_REPLY (parse_documents, json_array_unref);

static gpointer
parse_material_state (ZcClient  *self,
                      JsonNode  *root,
                      GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);

  if (object == NULL)
    return NULL;
  if (json_object_get_string_member_with_default (object, "state", NULL) == NULL)
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s answer about the material cannot be understood"));
      return NULL;
    }
  return json_object_ref (object);
}

const ZcClientReply _zc_client_reply_material_state = JSON_REPLY (parse_material_state, json_object_unref);

static gpointer
parse_document_checks (ZcClient  *self,
                       JsonNode  *root,
                       GError   **error)
{
  JsonObject *object = _zc_client_root_object (root, error);
  JsonNode *node;
  JsonArray *checks;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, "checks");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BAD_RESPONSE,
                   _("The platform’s list of kept checks cannot be understood"));
      return NULL;
    }
  checks = json_array_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *c = json_array_get_element (json_node_get_array (node), i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (c) ? json_node_get_object (c) : NULL;
      JsonNode *verdict = o != NULL ? json_object_get_member (o, "verdict") : NULL;

      if (verdict != NULL && JSON_NODE_HOLDS_VALUE (verdict)
          && json_node_get_value_type (verdict) == G_TYPE_STRING)
        json_array_add_element (checks, json_node_copy (c));
    }
  return checks;
}

const ZcClientReply _zc_client_reply_document_checks = JSON_REPLY (parse_document_checks, json_array_unref);
