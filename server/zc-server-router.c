/* zc-server-router.c — the route table, which is also the role × endpoint
 * table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-server-api-private.h"

#define C  ZC_SERVER_ROLE_BIT (ZC_ROLE_CLERK)
#define H  ZC_SERVER_ROLE_BIT (ZC_ROLE_HELPER)
#define S  ZC_SERVER_ROLE_BIT (ZC_ROLE_SUPERVISOR)
#define D  ZC_SERVER_ROLE_BIT (ZC_ROLE_DEPARTMENT)

#define IMPL(m, p, r, j, h) { { m, p, r, TRUE }, j, h }
#define LATER(m, p, r)      { { m, p, r, FALSE }, FALSE, NULL }

static const ZcServerRoute routes[] = {
  IMPL ("GET",    "/health",                     0,         FALSE, _zc_server_handle_health),
  IMPL ("POST",   "/sessions",                   0,         TRUE,  _zc_server_handle_session_create),
  IMPL ("GET",    "/sessions/current",           C|H|S|D,   FALSE, _zc_server_handle_session_current),
  IMPL ("DELETE", "/sessions/current",           C|H|S|D,   FALSE, _zc_server_handle_session_delete),
  IMPL ("GET",    "/sessions/current/notifications", C|H|S|D, FALSE, _zc_server_handle_notifications),
  IMPL ("POST",   "/users/{username}/unlock",    S,         FALSE, _zc_server_handle_user_unlock),
  IMPL ("GET",    "/catalogue/items",            C|H|S|D,   FALSE, _zc_server_handle_catalogue_list),
  IMPL ("GET",    "/catalogue/items/{code}",     C|H|S|D,   FALSE, _zc_server_handle_catalogue_item),
  IMPL ("GET",    "/applicants",                 S,         FALSE, _zc_server_handle_applicant_list),
  IMPL ("GET",    "/applicants/{key}",           C|H|S,     FALSE, _zc_server_handle_applicant_get),
  IMPL ("GET",    "/applicants/{key}/credit",    C|H|S,     FALSE, _zc_server_handle_applicant_credit),
  IMPL ("GET",    "/licences",                   C|H|S,     FALSE, _zc_server_handle_licence_list),
  IMPL ("GET",    "/licences/{number}",          C|H|S,     FALSE, _zc_server_handle_licence_get),
  IMPL ("GET",    "/licences/{number}/photo",    C|H|S,     FALSE, _zc_server_handle_licence_photo),
  IMPL ("POST",   "/cases",                      C|H,       TRUE,  _zc_server_handle_case_create),
  IMPL ("GET",    "/cases",                      C|H|S,     FALSE, _zc_server_handle_case_list),
  IMPL ("GET",    "/cases/{id}",                 C|H|S|D,   FALSE, _zc_server_handle_case_get),
  IMPL ("PUT",    "/cases/{id}",                 C|H,       TRUE,  _zc_server_handle_case_update),
  IMPL ("POST",   "/cases/{id}/claim",           C|H|S,     ZC_SERVER_BODY_OPTIONAL, _zc_server_handle_case_claim),
  IMPL ("DELETE", "/cases/{id}/claim",           C|H|S,     FALSE, _zc_server_handle_case_release),
  IMPL ("POST",   "/cases/{id}/applicant-verification", C|H, ZC_SERVER_BODY_OPTIONAL, _zc_server_handle_case_applicant_verify),
  IMPL ("POST",   "/cases/{id}/transitions",     C|H|S,     TRUE,  _zc_server_handle_case_transition),
  IMPL ("GET",    "/cases/{id}/events",          C|H|S,     FALSE, _zc_server_handle_case_events),
  IMPL ("GET",    "/cases/{id}/progress",        C|H|S,     FALSE, _zc_server_handle_case_progress),
  IMPL ("GET",    "/public/progress",            0,         FALSE, _zc_server_handle_public_progress),
  IMPL ("GET",    "/cases/{id}/materials",       C|H|S,     FALSE, _zc_server_handle_material_list),
  IMPL ("PUT",    "/cases/{id}/materials/{code}", C|H,      TRUE,  _zc_server_handle_material_set),
  IMPL ("GET",    "/cases/{id}/documents",       C|H|S,     FALSE, _zc_server_handle_document_list),
  IMPL ("POST",   "/cases/{id}/documents",       C|H,       ZC_SERVER_BODY_DOCUMENT, _zc_server_handle_document_upload),
  IMPL ("GET",    "/cases/{id}/documents/{doc}", C|H|S,     FALSE, _zc_server_handle_document_get),
  IMPL ("POST",   "/cases/{id}/documents/{doc}/checks", C|H, TRUE, _zc_server_handle_document_check),
  IMPL ("GET",    "/cases/{id}/documents/{doc}/checks", C|H|S, FALSE, _zc_server_handle_document_checks),
  IMPL ("POST",   "/cases/{id}/commitments",     C|H,       TRUE,  _zc_server_handle_commitment_create),
  IMPL ("GET",    "/commitments",                C|H|S|D,   FALSE, _zc_server_handle_commitment_list),
  IMPL ("POST",   "/commitments/{id}/verifications", D,     TRUE,  _zc_server_handle_commitment_verify),
  IMPL ("POST",   "/video-sessions",             C|H,       TRUE,  _zc_server_handle_video_create),
  IMPL ("GET",    "/video-sessions/{id}",        C|H|S,     FALSE, _zc_server_handle_video_get),
  IMPL ("DELETE", "/video-sessions/{id}",        C|H,       FALSE, _zc_server_handle_video_end),
  IMPL ("GET",    "/video-sessions/{id}/signal", C|H,       FALSE, _zc_server_handle_video_signal),
  IMPL ("POST",   "/video-sessions/{id}/identity-checks", C|H, TRUE, _zc_server_handle_video_identity_check),
  IMPL ("POST",   "/video-sessions/{id}/recording", C|H,    ZC_SERVER_BODY_DOCUMENT, _zc_server_handle_video_recording),
  LATER ("POST",  "/evaluations",                0),
  LATER ("GET",   "/evaluations",                S),
  LATER ("GET",   "/review/queues",              S),
  LATER ("GET",   "/review/queues/{queue}",      S),
  LATER ("GET",   "/statistics",                 S),
  LATER ("GET",   "/audit",                      S),
  LATER ("GET",   "/audit/verify",               S),
  IMPL ("GET",    "/tasks",                      S|D,       FALSE, _zc_server_handle_task_list),
  IMPL ("POST",   "/tasks/{id}/transitions",     D,         TRUE,  _zc_server_handle_task_transition),
};

#undef C
#undef H
#undef S
#undef D

const ZcServerRouteInfo *
zc_server_api_get_routes (guint *n_routes)
{
  static ZcServerRouteInfo infos[G_N_ELEMENTS (routes)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
        infos[i] = routes[i].info;
      g_once_init_leave (&initialized, 1);
    }
  if (n_routes != NULL)
    *n_routes = G_N_ELEMENTS (routes);
  return infos;
}

static gboolean
match_pattern (const char  *pattern,
               char       **segments,
               guint        n_segments,
               char       **params,
               guint       *n_params)
{
  g_auto(GStrv) parts = g_strsplit (pattern + 1, "/", -1);
  guint n_parts = g_strv_length (parts);
  guint n = 0;

  if (n_parts != n_segments)
    return FALSE;
  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i][0] == '{')
        {
          if (segments[i][0] == '\0' || n >= ZC_SERVER_MAX_PARAMS)
            return FALSE;
          params[n++] = segments[i];
        }
      else if (strcmp (parts[i], segments[i]) != 0)
        return FALSE;
    }
  *n_params = n;
  return TRUE;
}

/* The route for @method on the decoded @segments, its parameters in
 * @ctx; NULL when none, with @path_known set when another method has
 * this path and @allow listing the methods that have it. */
const ZcServerRoute *
_zc_server_router_find (const char  *method,
                        GPtrArray   *segments,
                        ZcServerCtx *ctx,
                        gboolean    *path_known,
                        GString     *allow)
{
  const ZcServerRoute *route = NULL;

  *path_known = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      char *params[ZC_SERVER_MAX_PARAMS];
      guint n_params = 0;

      if (!match_pattern (routes[i].info.pattern, (char **) segments->pdata,
                          segments->len, params, &n_params))
        continue;
      *path_known = TRUE;
      if (allow->len > 0)
        g_string_append (allow, ", ");
      g_string_append (allow, routes[i].info.method);
      if (route == NULL && strcmp (routes[i].info.method, method) == 0)
        {
          route = &routes[i];
          for (guint j = 0; j < n_params; j++)
            ctx->params[j] = g_strdup (params[j]);
          ctx->n_params = n_params;
        }
    }
  return route;
}
