/* zc-case-list-model.c — a GListModel of ZcCase over GET /cases, loaded
 * page by page as the list scrolls
 *
 * n_items is the number of cases loaded so far. When get_item() is
 * asked for a position within half a page of the end and the platform
 * has more, the next page is fetched; its cases are appended with
 * items-changed when it arrives. Changing the state filter or the query
 * cancels what is in flight and reloads from the first page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-case-list-model.h"

struct _ZcCaseListModel
{
  GObject parent_instance;

  ZcClient     *client;
  guint         page_size;
  char         *state;
  char         *query;
  char         *sort;

  GPtrArray    *items;     /* of ZcCase */
  GHashTable   *ids;       /* case ids already loaded (pages may shift) */
  guint         total;
  GError       *error;
  GCancellable *cancellable;
  guint         loading : 1;
  guint         more : 1;  /* the platform has cases after the loaded ones */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (ZcCaseListModel, zc_case_list_model, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PAGE_SIZE,
  PROP_LOADING,
  PROP_TOTAL,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_next_page (ZcCaseListModel *self);

static void
set_loading (ZcCaseListModel *self,
             gboolean         loading)
{
  loading = !!loading;
  if (self->loading == (guint) loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_total (ZcCaseListModel *self,
           guint            total)
{
  if (self->total == total)
    return;
  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

static void
take_error (ZcCaseListModel *self,
            GError          *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ZcCaseListModel) self = user_data;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;
  guint n, old_len, added;

  page = zc_client_list_cases_finish (ZC_CLIENT (object), result, &total, &error);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a reload took over; it owns the loading state */

  set_loading (self, FALSE);

  if (page == NULL)
    {
      take_error (self, g_steal_pointer (&error));
      return;
    }

  take_error (self, NULL);

  old_len = self->items->len;
  n = g_list_model_get_n_items (page);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcCase) item = g_list_model_get_item (page, i);
      gint64 id = zc_case_get_id (item);

      if (g_hash_table_contains (self->ids, &id))
        continue;
      g_hash_table_add (self->ids, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (self->items, g_steal_pointer (&item));
    }
  added = self->items->len - old_len;

  /* n == 0: the platform has nothing more, whatever total says */
  self->more = n > 0 && self->items->len < total;
  set_total (self, MAX (total, self->items->len));

  if (added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else if (self->more)
    {
      /* a whole page of cases already seen (new cases pushed them
       * down): fetch on, the list would otherwise stop here */
      load_next_page (self);
    }
}

static void
load_next_page (ZcCaseListModel *self)
{
  if (self->loading || !self->more)
    return;

  set_loading (self, TRUE);
  zc_client_list_cases_sorted_async (self->client,
                                     self->state,
                                     self->query,
                                     self->sort,
                                     self->items->len,
                                     self->page_size,
                                     self->cancellable,
                                     on_page_loaded,
                                     g_object_ref (self));
}

/* --- GListModel --- */

static GType
zc_case_list_model_get_item_type (GListModel *model)
{
  return ZC_TYPE_CASE;
}

static guint
zc_case_list_model_get_n_items (GListModel *model)
{
  return ZC_CASE_LIST_MODEL (model)->items->len;
}

static gpointer
zc_case_list_model_get_item (GListModel *model,
                             guint       position)
{
  ZcCaseListModel *self = ZC_CASE_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  if (self->more && !self->loading && self->error == NULL &&
      position + MAX (self->page_size / 2, 1) >= self->items->len)
    load_next_page (self);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = zc_case_list_model_get_item_type;
  iface->get_n_items = zc_case_list_model_get_n_items;
  iface->get_item = zc_case_list_model_get_item;
}

/* --- GObject --- */

static void
zc_case_list_model_dispose (GObject *object)
{
  ZcCaseListModel *self = (ZcCaseListModel *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (zc_case_list_model_parent_class)->dispose (object);
}

static void
zc_case_list_model_finalize (GObject *object)
{
  ZcCaseListModel *self = (ZcCaseListModel *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->sort, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (zc_case_list_model_parent_class)->finalize (object);
}

static void
zc_case_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ZcCaseListModel *self = ZC_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_case_list_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ZcCaseListModel *self = ZC_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PAGE_SIZE:
      self->page_size = MAX (g_value_get_uint (value), 1);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_case_list_model_class_init (ZcCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_case_list_model_dispose;
  object_class->finalize = zc_case_list_model_finalize;
  object_class->get_property = zc_case_list_model_get_property;
  object_class->set_property = zc_case_list_model_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ZC_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, 1000, 50,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_case_list_model_init (ZcCaseListModel *self)
{
  self->page_size = 50;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

/**
 * zc_case_list_model_new:
 * @client: a logged-in client
 * @page_size: cases per request (0 = 50)
 *
 * Starts loading the first page at once.
 */
ZcCaseListModel *
zc_case_list_model_new (ZcClient *client,
                        guint     page_size)
{
  ZcCaseListModel *self;

  g_return_val_if_fail (ZC_IS_CLIENT (client), NULL);

  self = g_object_new (ZC_TYPE_CASE_LIST_MODEL,
                       "client", client,
                       "page-size", page_size > 0 ? MIN (page_size, 1000) : 50,
                       NULL);
  zc_case_list_model_reload (self);
  return self;
}

/**
 * zc_case_list_model_reload:
 *
 * Cancels what is in flight, empties the list and loads the first page
 * again (also after an error).
 */
void
zc_case_list_model_reload (ZcCaseListModel *self)
{
  guint removed;

  g_return_if_fail (ZC_IS_CASE_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  take_error (self, NULL);

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->ids);
  self->more = TRUE;
  /* the next load starts before anyone hears of the empty list: a view
   * never sees an empty, idle list ("nothing matches") in between */
  self->loading = FALSE;
  load_next_page (self);
  set_total (self, 0);

  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/**
 * zc_case_list_model_set_state:
 * @state: (nullable): a case state ("draft", …) or %NULL for all
 */
void
zc_case_list_model_set_state (ZcCaseListModel *self,
                              const char      *state)
{
  g_return_if_fail (ZC_IS_CASE_LIST_MODEL (self));

  if (state != NULL && state[0] == '\0')
    state = NULL;
  if (g_strcmp0 (self->state, state) == 0)
    return;
  g_free (self->state);
  self->state = g_strdup (state);
  zc_case_list_model_reload (self);
}

/**
 * zc_case_list_model_set_query:
 * @query: (nullable): search text (number, item, applicant) or %NULL
 */
void
zc_case_list_model_set_query (ZcCaseListModel *self,
                              const char      *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (ZC_IS_CASE_LIST_MODEL (self));

  if (query != NULL)
    {
      stripped = g_strstrip (g_strdup (query));
      if (stripped[0] == '\0')
        g_clear_pointer (&stripped, g_free);
    }
  if (g_strcmp0 (self->query, stripped) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&stripped);
  zc_case_list_model_reload (self);
}

/**
 * zc_case_list_model_set_sort:
 * @sort: (nullable): the platform's order of GET /cases ("-updated_at",
 *   "number" …), or %NULL for its default (newest created first)
 *
 * The platform sorts: the model holds only the pages loaded so far.
 */
void
zc_case_list_model_set_sort (ZcCaseListModel *self,
                             const char      *sort)
{
  g_return_if_fail (ZC_IS_CASE_LIST_MODEL (self));

  if (sort != NULL && sort[0] == '\0')
    sort = NULL;
  if (g_strcmp0 (self->sort, sort) == 0)
    return;
  g_free (self->sort);
  self->sort = g_strdup (sort);
  zc_case_list_model_reload (self);
}

gboolean
zc_case_list_model_get_loading (ZcCaseListModel *self)
{
  g_return_val_if_fail (ZC_IS_CASE_LIST_MODEL (self), FALSE);
  return self->loading;
}

/* how many cases match, as the platform last said (0 before the first page) */
guint
zc_case_list_model_get_total (ZcCaseListModel *self)
{
  g_return_val_if_fail (ZC_IS_CASE_LIST_MODEL (self), 0);
  return self->total;
}

/**
 * zc_case_list_model_get_error:
 *
 * Returns: (nullable): the error of the last load, cleared by the next
 *   successful one; call zc_case_list_model_reload() to retry
 */
const GError *
zc_case_list_model_get_error (ZcCaseListModel *self)
{
  g_return_val_if_fail (ZC_IS_CASE_LIST_MODEL (self), NULL);
  return self->error;
}

/**
 * zc_case_list_model_get_has_more:
 *
 * Returns: %TRUE when the platform has cases not loaded yet
 */
gboolean
zc_case_list_model_get_has_more (ZcCaseListModel *self)
{
  g_return_val_if_fail (ZC_IS_CASE_LIST_MODEL (self), FALSE);
  return self->more;
}

/**
 * zc_case_list_model_load_more:
 *
 * Fetches the next page now if there is one and none is in flight
 * (get_item() near the end does this by itself).
 */
void
zc_case_list_model_load_more (ZcCaseListModel *self)
{
  g_return_if_fail (ZC_IS_CASE_LIST_MODEL (self));
  load_next_page (self);
}
