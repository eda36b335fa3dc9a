/* zc-server-api.c — object lifetime and dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-server-api-private.h"
#include "zc-server-auth.h"

G_DEFINE_FINAL_TYPE (ZcServerApi, zc_server_api, G_TYPE_OBJECT)

void
_zc_server_user_free (ZcServerUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->role_name);
  g_free (user->window);
  g_free (user->department);
  g_free (user->display_name);
  g_free (user->token);
  g_free (user->expires_at);
  g_free (user);
}

ZcCalendar *
_zc_server_get_calendar (ZcServerApi  *self,
                         GError      **error)
{
  g_autofree char *path = NULL;

  if (self->calendar != NULL)
    return self->calendar;
  path = g_build_filename (self->data_dir, "holidays-cn.json", NULL);
  self->calendar = zc_calendar_new_from_file (path, error);
  return self->calendar;
}

gboolean
_zc_server_view_event (ZcServerApi  *self,
                       ZcServerCtx  *ctx,
                       const char   *action,
                       gint64        case_id,
                       const char   *subject,
                       GError      **error)
{
  return _zc_server_begin (self, error) &&
         zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                 ctx->user->window, action, case_id, 0, subject,
                                 NULL, NULL, NULL, NULL, error) &&
         _zc_server_commit (self, error);
}

/* Every handler that writes does so between these: BEGIN IMMEDIATE (the
 * write lock first, so a busy database answers 503 before any work),
 * COMMIT; an answer given before the commit is rolled back by dispatch. */
gboolean
_zc_server_begin (ZcServerApi  *self,
                  GError      **error)
{
  return zc_server_db_begin (self->db, error);
}

gboolean
_zc_server_commit (ZcServerApi  *self,
                   GError      **error)
{
  return zc_server_db_commit (self->db, error);
}

void
_zc_server_rollback (ZcServerApi *self)
{
  zc_server_db_rollback (self->db);
}

static void
ctx_clear (ZcServerCtx *ctx)
{
  for (guint i = 0; i < ctx->n_params; i++)
    g_free (ctx->params[i]);
  g_clear_pointer (&ctx->query, g_hash_table_unref);
  g_clear_pointer (&ctx->body, json_node_unref);
  g_clear_pointer (&ctx->user, _zc_server_user_free);
  g_clear_pointer (&ctx->login, _zc_server_login_free);
}

static ZcServerResponse *
dispatch (ZcServerApi           *self,
          const ZcServerRequest *request,
          ZcServerCtx           *ctx)
{
  const char *path = request->path;
  g_auto(GStrv) raw = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  const ZcServerRoute *route = NULL;
  gboolean path_known = FALSE;
  g_autoptr(GString) allow = g_string_new (NULL);
  ZcServerResponse *bad;

  if (!g_str_has_prefix (path, ZC_SERVER_API_PREFIX "/"))
    {
      ZcServerResponse *citizen = _zc_server_handle_citizen (self, request);

      return citizen != NULL ? citizen : _zc_server_not_found ();
    }
  path += strlen (ZC_SERVER_API_PREFIX);

  raw = g_strsplit (path + 1, "/", 16);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *decoded = g_uri_unescape_string (raw[i], "/");

      if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
        {
          g_free (decoded);
          return _zc_server_not_found ();
        }
      g_ptr_array_add (segments, decoded);
    }

  route = _zc_server_router_find (request->method, segments, ctx, &path_known, allow);
  if (!path_known)
    return _zc_server_not_found ();
  if (route == NULL)
    {
      ZcServerResponse *response =
        _zc_server_error (405, "method_not_allowed",
                          _("This method is not allowed on this resource."));
      g_hash_table_replace (response->headers, g_strdup ("Allow"),
                            g_strdup (allow->str));
      return response;
    }

  /* authentication, then the role table */
  if (route->info.roles != 0)
    {
      ctx->user = _zc_server_authenticate (self, request);
      if (ctx->user == NULL)
        {
          ZcServerResponse *response =
            _zc_server_error (401, "unauthorized",
                              _("Log in first: the session is missing, unknown or expired."));
          g_hash_table_replace (response->headers, g_strdup ("WWW-Authenticate"),
                                g_strdup ("Bearer"));
          return response;
        }
      if ((route->info.roles & ZC_SERVER_ROLE_BIT (ctx->user->role)) == 0)
        return _zc_server_error_printf (403, "forbidden",
                                        _("The role “%s” may not use this endpoint."),
                                        ctx->user->role_name);
    }

  if (!route->info.implemented)
    return _zc_server_error (501, "not_implemented",
                             _("This endpoint is part of the contract but not implemented by this platform yet."));

  /* the request itself: its size, its query, its JSON body */
  if ((route->json_body != ZC_SERVER_BODY_DOCUMENT &&
       (bad = _zc_server_check_body_size (request)) != NULL) ||
      (bad = _zc_server_parse_query (request, ctx)) != NULL)
    return bad;
  if (route->json_body && route->json_body != ZC_SERVER_BODY_DOCUMENT &&
      (bad = _zc_server_parse_json_body (request, ctx, route->json_body == ZC_SERVER_BODY_OPTIONAL)) != NULL)
    return bad;

  return route->handler (self, ctx);
}

/* The answer, or NULL and *login: a login whose password is to be
 * verified before _zc_server_login_finish decides. */
static ZcServerResponse *
handle_first (ZcServerApi           *self,
              const ZcServerRequest *request,
              ZcServerLogin        **login)
{
  ZcServerCtx ctx = { 0 };
  ZcServerResponse *response;

  ctx.request = request;
  response = dispatch (self, request, &ctx);
  if (response == NULL)
    {
      g_assert (ctx.login != NULL);
      *login = g_steal_pointer (&ctx.login);
    }
  ctx_clear (&ctx);

  /* never leave a transaction open behind an answer */
  _zc_server_rollback (self);
  return response;
}

static ZcServerResponse *
login_finish (ZcServerApi   *self,
              ZcServerLogin *login)
{
  ZcServerResponse *response = _zc_server_login_finish (self, login);

  _zc_server_rollback (self);
  return response;
}

ZcServerResponse *
zc_server_api_handle (ZcServerApi           *self,
                      const ZcServerRequest *request)
{
  ZcServerLogin *login = NULL;
  ZcServerResponse *response;

  g_return_val_if_fail (ZC_IS_SERVER_API (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  response = handle_first (self, request, &login);
  if (response == NULL)
    {
      _zc_server_login_verify (login);
      response = login_finish (self, login);
      _zc_server_login_free (login);
    }
  return response;
}

/* on the loop: the hash is done */
static gboolean
login_done (gpointer data)
{
  ZcServerLogin *login = data;
  ZcServerApi *self = login->api;

  self->logins_queued--;
  if (!g_atomic_int_get (&self->shutting_down))
    login->callback (login_finish (self, login), login->user_data);
  _zc_server_login_free (login);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* on a worker */
static void
login_hash (gpointer data,
            gpointer pool_data)
{
  ZcServerLogin *login = data;
  GSource *source;

  if (!g_atomic_int_get (&login->api->shutting_down))
    _zc_server_login_verify (login);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, login_done, login, NULL);
  g_source_attach (source, login->api->context);
  g_source_unref (source);
}

void
zc_server_api_handle_async (ZcServerApi           *self,
                            const ZcServerRequest *request,
                            ZcServerApiCallback    callback,
                            gpointer               user_data,
                            GDestroyNotify         destroy)
{
  ZcServerLogin *login = NULL;
  ZcServerResponse *response;

  g_return_if_fail (ZC_IS_SERVER_API (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (callback != NULL);

  response = handle_first (self, request, &login);
  if (response == NULL && self->hash_pool != NULL &&
      self->logins_queued < ZC_SERVER_MAX_QUEUED_LOGINS)
    {
      login->api = g_object_ref (self);
      login->callback = callback;
      login->user_data = user_data;
      login->destroy = destroy;
      self->logins_queued++;
      g_thread_pool_push (self->hash_pool, login, NULL);
      return;
    }
  if (response == NULL)
    {
      _zc_server_login_free (login);
      response = _zc_server_error (503, "busy",
                                   _("The platform is busy. Try again in a moment."));
      g_hash_table_replace (response->headers, g_strdup ("Retry-After"),
                            g_strdup (ZC_SERVER_BUSY_RETRY_AFTER));
    }
  callback (response, user_data);
  if (destroy != NULL)
    destroy (user_data);
}

void
zc_server_api_shutdown (ZcServerApi *self)
{
  g_return_if_fail (ZC_IS_SERVER_API (self));

  g_atomic_int_set (&self->shutting_down, TRUE);
  if (self->hash_pool != NULL)
    {
      /* the queued ones skip the hash; waits for the running ones */
      g_thread_pool_free (self->hash_pool, FALSE, TRUE);
      self->hash_pool = NULL;
    }
}

static void
zc_server_api_finalize (GObject *object)
{
  ZcServerApi *self = ZC_SERVER_API (object);

  g_clear_object (&self->calendar);
  zc_server_api_shutdown (self);
  g_clear_pointer (&self->public_hits, g_hash_table_unref);
  g_clear_pointer (&self->video_failures, g_hash_table_unref);
  g_free (self->public_url);
  g_clear_pointer (&self->login_addresses, g_hash_table_unref);
  g_clear_pointer (&self->login_names, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->data_dir);
  g_free (self->dummy_hash);

  G_OBJECT_CLASS (zc_server_api_parent_class)->finalize (object);
}

static void
zc_server_api_class_init (ZcServerApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_server_api_finalize;

  /* a video session ended (DELETE, expiry): its sockets are closed */
  g_signal_new ("video-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
zc_server_api_init (ZcServerApi *self)
{
  self->public_hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->video_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->login_addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->login_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             _zc_server_login_slot_free);
}

void
zc_server_api_set_public_url (ZcServerApi *self,
                              const char  *url)
{
  g_return_if_fail (ZC_IS_SERVER_API (self));

  g_free (self->public_url);
  self->public_url = g_strdup (url);
  /* "https://host:port/" and "https://host:port" give the same links */
  if (self->public_url != NULL && g_str_has_suffix (self->public_url, "/"))
    self->public_url[strlen (self->public_url) - 1] = '\0';
}

char *
zc_server_default_data_dir (void)
{
  const char *env = g_getenv ("ZC_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (ZC_SOURCE_DATADIR, G_FILE_TEST_IS_DIR))
    return g_strdup (ZC_SOURCE_DATADIR);
  return g_strdup (PKGDATADIR);
}

ZcServerApi *
zc_server_api_new (ZcServerDb *db,
                   const char *data_dir)
{
  ZcServerApi *self;

  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (ZC_TYPE_SERVER_API, NULL);
  self->db = db;
  self->data_dir = data_dir ? g_strdup (data_dir) : zc_server_default_data_dir ();
  self->dummy_hash = zc_server_hash_password ("zc-platform: no such user");
  self->verification_days = ZC_SERVER_DEFAULT_VERIFICATION_DAYS;
  self->context = g_main_context_ref_thread_default ();
  self->hash_pool = g_thread_pool_new (login_hash, NULL, ZC_SERVER_HASH_THREADS, FALSE, NULL);
  return self;
}

void
zc_server_api_set_verification_days (ZcServerApi *self,
                                     guint        days)
{
  g_return_if_fail (ZC_IS_SERVER_API (self));
  g_return_if_fail (days <= ZC_SERVER_MAX_VERIFICATION_DAYS);

  self->verification_days = days;
}
