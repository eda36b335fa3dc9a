/* zc-state.c — roles, the case and task state machines (docs/domain.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-state.h"

G_DEFINE_QUARK (zc-state-error-quark, zc_state_error)

static const char *const role_names[] = {
  [ZC_ROLE_CLERK] = "clerk",
  [ZC_ROLE_HELPER] = "helper",
  [ZC_ROLE_SUPERVISOR] = "supervisor",
  [ZC_ROLE_DEPARTMENT] = "department",
  [ZC_ROLE_PLATFORM] = "platform",
};

static const char *const case_state_names[] = {
  [ZC_CASE_STATE_DRAFT] = "draft",
  [ZC_CASE_STATE_RECEIVED] = "received",
  [ZC_CASE_STATE_NOT_ACCEPTED] = "not_accepted",
  [ZC_CASE_STATE_COMPLETED] = "completed",
  [ZC_CASE_STATE_WITHDRAWN] = "withdrawn",
  [ZC_CASE_STATE_RETURNED] = "returned",
};

static const char *const task_state_names[] = {
  [ZC_TASK_STATE_PENDING] = "pending",
  [ZC_TASK_STATE_IN_REVIEW] = "in_review",
  [ZC_TASK_STATE_APPROVED] = "approved",
  [ZC_TASK_STATE_DENIED] = "denied",
  [ZC_TASK_STATE_RESULT_ISSUED] = "result_issued",
};

/* Who may make a move: a bit per role. */
#define R(role) (1u << (role))
#define CLERK_OR_HELPER (R (ZC_ROLE_CLERK) | R (ZC_ROLE_HELPER))

typedef struct
{
  int       from;
  int       to;
  guint     roles;
  gboolean  needs_reason;
} Move;

/* The case table of docs/domain.md. returned → (the state it came from) is
 * handled separately because its target depends on the case. */
static const Move case_moves[] = {
  { ZC_CASE_STATE_DRAFT,    ZC_CASE_STATE_RECEIVED,     CLERK_OR_HELPER,           FALSE },
  { ZC_CASE_STATE_DRAFT,    ZC_CASE_STATE_NOT_ACCEPTED, CLERK_OR_HELPER,           TRUE },
  { ZC_CASE_STATE_RECEIVED, ZC_CASE_STATE_COMPLETED,    R (ZC_ROLE_PLATFORM),      FALSE },
  { ZC_CASE_STATE_RECEIVED, ZC_CASE_STATE_WITHDRAWN,    CLERK_OR_HELPER,           TRUE },
  { ZC_CASE_STATE_RECEIVED, ZC_CASE_STATE_RETURNED,     R (ZC_ROLE_SUPERVISOR),    TRUE },
  { ZC_CASE_STATE_DRAFT,    ZC_CASE_STATE_RETURNED,     R (ZC_ROLE_SUPERVISOR),    TRUE },
};

static const Move task_moves[] = {
  { ZC_TASK_STATE_PENDING,   ZC_TASK_STATE_IN_REVIEW,     R (ZC_ROLE_DEPARTMENT), FALSE },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_APPROVED,      R (ZC_ROLE_DEPARTMENT), FALSE },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_DENIED,        R (ZC_ROLE_DEPARTMENT), TRUE },
  { ZC_TASK_STATE_APPROVED,  ZC_TASK_STATE_RESULT_ISSUED, R (ZC_ROLE_DEPARTMENT), FALSE },
};

static int
index_of (const char *const *names,
          gsize               n_names,
          const char         *str)
{
  if (str == NULL)
    return -1;
  for (gsize i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], str) == 0)
      return (int) i;
  return -1;
}

const char *
zc_role_to_string (ZcRole role)
{
  if (role < 0 || (gsize) role >= G_N_ELEMENTS (role_names))
    return NULL;
  return role_names[role];
}

ZcRole
zc_role_from_string (const char *str)
{
  return (ZcRole) index_of (role_names, G_N_ELEMENTS (role_names), str);
}

const char *
zc_role_label (ZcRole role)
{
  switch (role)
    {
    case ZC_ROLE_CLERK:      return C_("role", "Counter clerk");
    case ZC_ROLE_HELPER:     return C_("role", "Helper");
    case ZC_ROLE_SUPERVISOR: return C_("role", "Supervisor");
    case ZC_ROLE_DEPARTMENT: return C_("role", "Department reviewer");
    case ZC_ROLE_PLATFORM:   return C_("role", "Platform");
    case ZC_ROLE_INVALID:
    default:
      return C_("role", "Unknown role");
    }
}

const char *
zc_case_state_to_string (ZcCaseState state)
{
  if (state < 0 || (gsize) state >= G_N_ELEMENTS (case_state_names))
    return NULL;
  return case_state_names[state];
}

ZcCaseState
zc_case_state_from_string (const char *str)
{
  return (ZcCaseState) index_of (case_state_names, G_N_ELEMENTS (case_state_names), str);
}

const char *
zc_case_state_label (ZcCaseState state)
{
  switch (state)
    {
    case ZC_CASE_STATE_DRAFT:        return C_("case state", "Draft");
    case ZC_CASE_STATE_RECEIVED:     return C_("case state", "Received");
    case ZC_CASE_STATE_NOT_ACCEPTED: return C_("case state", "Not accepted");
    case ZC_CASE_STATE_COMPLETED:    return C_("case state", "Completed");
    case ZC_CASE_STATE_WITHDRAWN:    return C_("case state", "Withdrawn");
    case ZC_CASE_STATE_RETURNED:     return C_("case state", "Returned for correction");
    case ZC_CASE_STATE_INVALID:
    default:
      return C_("case state", "Unknown state");
    }
}

const char *
zc_task_state_to_string (ZcTaskState state)
{
  if (state < 0 || (gsize) state >= G_N_ELEMENTS (task_state_names))
    return NULL;
  return task_state_names[state];
}

ZcTaskState
zc_task_state_from_string (const char *str)
{
  return (ZcTaskState) index_of (task_state_names, G_N_ELEMENTS (task_state_names), str);
}

const char *
zc_task_state_label (ZcTaskState state)
{
  switch (state)
    {
    case ZC_TASK_STATE_PENDING:       return C_("task state", "Pending");
    case ZC_TASK_STATE_IN_REVIEW:     return C_("task state", "In review");
    case ZC_TASK_STATE_APPROVED:      return C_("task state", "Approved");
    case ZC_TASK_STATE_DENIED:        return C_("task state", "Denied");
    case ZC_TASK_STATE_RESULT_ISSUED: return C_("task state", "Result issued");
    case ZC_TASK_STATE_INVALID:
    default:
      return C_("task state", "Unknown state");
    }
}

gboolean
zc_task_state_is_final (ZcTaskState state)
{
  return state == ZC_TASK_STATE_DENIED || state == ZC_TASK_STATE_RESULT_ISSUED;
}

static gboolean
case_state_is_closed (ZcCaseState state)
{
  return state == ZC_CASE_STATE_NOT_ACCEPTED ||
         state == ZC_CASE_STATE_COMPLETED ||
         state == ZC_CASE_STATE_WITHDRAWN;
}

static gboolean
has_reason (const char *reason)
{
  if (reason == NULL)
    return FALSE;
  for (const char *p = reason; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return TRUE;  /* something, if not valid UTF-8 */
      if (!g_unichar_isspace (c))
        return TRUE;
    }
  return FALSE;
}

/* "Only a counter clerk or a helper can do this" */
static char *
roles_text (guint roles)
{
  GString *s = g_string_new (NULL);
  int n = 0;

  for (int r = ZC_ROLE_CLERK; r <= ZC_ROLE_PLATFORM; r++)
    {
      if ((roles & R (r)) == 0)
        continue;
      if (n++ > 0)
        /* Translators: separates role names, e.g. 综窗工作人员或帮办代办员 */
        g_string_append (s, C_("role list", " or "));
      g_string_append (s, zc_role_label ((ZcRole) r));
    }

  return g_string_free (s, FALSE);
}

static void
set_wrong_role (GError     **error,
                guint        roles,
                ZcRole       role)
{
  g_autofree char *who = roles_text (roles);

  if (roles == R (ZC_ROLE_PLATFORM))
    g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_WRONG_ROLE,
                         _("A case is completed by the platform on its own when every sub-matter has ended"));
  else
    g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_WRONG_ROLE,
                 _("Only the %s can do this, not the %s"),
                 who, zc_role_label (role));
}

static void
set_case_reason_required (GError      **error,
                          ZcCaseState   to)
{
  const char *msg;

  switch (to)
    {
    case ZC_CASE_STATE_NOT_ACCEPTED:
      msg = _("Give the reason why the case is not accepted; it is printed on the refusal notice");
      break;
    case ZC_CASE_STATE_WITHDRAWN:
      msg = _("Give the reason why the applicant withdraws the case");
      break;
    case ZC_CASE_STATE_RETURNED:
      msg = _("Give the reason for returning the case, so the window knows what to correct");
      break;
    default:
      msg = _("A reason is required for this change");
      break;
    }

  g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_REASON_REQUIRED, msg);
}

static gboolean
valid_case_state (ZcCaseState state)
{
  return state >= 0 && (gsize) state < G_N_ELEMENTS (case_state_names);
}

static gboolean
valid_task_state (ZcTaskState state)
{
  return state >= 0 && (gsize) state < G_N_ELEMENTS (task_state_names);
}

static gboolean
valid_role (ZcRole role)
{
  return role >= 0 && (gsize) role < G_N_ELEMENTS (role_names);
}

gboolean
zc_case_transition_check (ZcCaseState   from,
                          ZcCaseState   to,
                          ZcRole        role,
                          const char   *reason,
                          ZcCaseState   returned_from,
                          GError      **error)
{
  const Move *move = NULL;

  if (!valid_case_state (from) || !valid_case_state (to))
    {
      g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                           _("Unknown case state"));
      return FALSE;
    }
  if (!valid_role (role))
    {
      g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_WRONG_ROLE,
                           _("Unknown role"));
      return FALSE;
    }

  if (from == to)
    {
      g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                   _("The case is already “%s”"),
                   zc_case_state_label (from));
      return FALSE;
    }

  if (case_state_is_closed (from))
    {
      g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                   _("A case that is “%s” is closed and can no longer change"),
                   zc_case_state_label (from));
      return FALSE;
    }

  /* Back out of returned: to the state it was returned from. */
  if (from == ZC_CASE_STATE_RETURNED)
    {
      if (returned_from != ZC_CASE_STATE_DRAFT && returned_from != ZC_CASE_STATE_RECEIVED)
        {
          g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                               _("It is not known which state this case was returned from"));
          return FALSE;
        }
      if (to != returned_from)
        {
          g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                       _("A returned case goes back to “%s”, the state it was returned from"),
                       zc_case_state_label (returned_from));
          return FALSE;
        }
      if ((CLERK_OR_HELPER & R (role)) == 0)
        {
          set_wrong_role (error, CLERK_OR_HELPER, role);
          return FALSE;
        }
      return TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (case_moves); i++)
    if (case_moves[i].from == (int) from && case_moves[i].to == (int) to)
      move = &case_moves[i];

  if (move == NULL)
    {
      if (to == ZC_CASE_STATE_DRAFT)
        g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                     _("A case that is “%s” cannot go back to draft"),
                     zc_case_state_label (from));
      else
        g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                     _("A case that is “%s” cannot be changed to “%s”"),
                     zc_case_state_label (from), zc_case_state_label (to));
      return FALSE;
    }

  if ((move->roles & R (role)) == 0)
    {
      set_wrong_role (error, move->roles, role);
      return FALSE;
    }

  if (move->needs_reason && !has_reason (reason))
    {
      set_case_reason_required (error, to);
      return FALSE;
    }

  return TRUE;
}

gboolean
zc_task_transition_check (ZcTaskState   from,
                          ZcTaskState   to,
                          ZcRole        role,
                          const char   *reason,
                          gboolean      awaiting_supplement,
                          GError      **error)
{
  const Move *move = NULL;

  if (!valid_task_state (from) || !valid_task_state (to))
    {
      g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                           _("Unknown sub-matter state"));
      return FALSE;
    }
  if (!valid_role (role))
    {
      g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_WRONG_ROLE,
                           _("Unknown role"));
      return FALSE;
    }

  if (from == to)
    {
      g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                   _("The sub-matter is already “%s”"),
                   zc_task_state_label (from));
      return FALSE;
    }

  if (zc_task_state_is_final (from))
    {
      g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                   _("A sub-matter that is “%s” has ended and can no longer change"),
                   zc_task_state_label (from));
      return FALSE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (task_moves); i++)
    if (task_moves[i].from == (int) from && task_moves[i].to == (int) to)
      move = &task_moves[i];

  if (move == NULL)
    {
      g_set_error (error, ZC_STATE_ERROR, ZC_STATE_ERROR_NOT_ALLOWED,
                   _("A sub-matter that is “%s” cannot be changed to “%s”"),
                   zc_task_state_label (from), zc_task_state_label (to));
      return FALSE;
    }

  if ((move->roles & R (role)) == 0)
    {
      set_wrong_role (error, move->roles, role);
      return FALSE;
    }

  if (move->needs_reason && !has_reason (reason))
    {
      g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_REASON_REQUIRED,
                           _("Give the reason why the permit is denied"));
      return FALSE;
    }

  if (to == ZC_TASK_STATE_RESULT_ISSUED && awaiting_supplement)
    {
      g_set_error_literal (error, ZC_STATE_ERROR, ZC_STATE_ERROR_SUPPLEMENT_MISSING,
                           _("The result cannot be issued while a material accepted for later supply is still missing"));
      return FALSE;
    }

  return TRUE;
}
