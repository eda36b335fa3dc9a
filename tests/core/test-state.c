/* test-state.c — roles and the case/task state machines of docs/domain.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "zc-state.h"

#define CLERK ZC_ROLE_CLERK
#define HELPER ZC_ROLE_HELPER
#define SUPERVISOR ZC_ROLE_SUPERVISOR
#define DEPARTMENT ZC_ROLE_DEPARTMENT
#define PLATFORM ZC_ROLE_PLATFORM

#define DRAFT ZC_CASE_STATE_DRAFT
#define RECEIVED ZC_CASE_STATE_RECEIVED
#define NOT_ACCEPTED ZC_CASE_STATE_NOT_ACCEPTED
#define COMPLETED ZC_CASE_STATE_COMPLETED
#define WITHDRAWN ZC_CASE_STATE_WITHDRAWN
#define RETURNED ZC_CASE_STATE_RETURNED
#define NONE ZC_CASE_STATE_INVALID

typedef struct
{
  ZcCaseState  from;
  ZcCaseState  to;
  ZcRole       role;
  const char  *reason;
  ZcCaseState  returned_from;
  int          code;          /* -1: allowed */
  const char  *message_part;
} CaseMove;

static const CaseMove case_moves[] = {
  /* every allowed move */
  { DRAFT, RECEIVED, CLERK, NULL, NONE, -1, NULL },
  { DRAFT, RECEIVED, HELPER, NULL, NONE, -1, NULL },
  { DRAFT, NOT_ACCEPTED, CLERK, "材料不齐且不可容缺", NONE, -1, NULL },
  { DRAFT, NOT_ACCEPTED, HELPER, "不属于本窗口受理范围", NONE, -1, NULL },
  { RECEIVED, COMPLETED, PLATFORM, NULL, NONE, -1, NULL },
  { RECEIVED, WITHDRAWN, CLERK, "申请人主动撤回", NONE, -1, NULL },
  { RECEIVED, WITHDRAWN, HELPER, "申请人主动撤回", NONE, -1, NULL },
  { RECEIVED, RETURNED, SUPERVISOR, "经营场所地址与证照不一致", NONE, -1, NULL },
  { DRAFT, RETURNED, SUPERVISOR, "表单信息有误", NONE, -1, NULL },
  { RETURNED, DRAFT, CLERK, NULL, DRAFT, -1, NULL },
  { RETURNED, DRAFT, HELPER, NULL, DRAFT, -1, NULL },
  { RETURNED, RECEIVED, CLERK, NULL, RECEIVED, -1, NULL },
  { RETURNED, RECEIVED, HELPER, NULL, RECEIVED, -1, NULL },

  /* no such move */
  { RECEIVED, DRAFT, CLERK, NULL, NONE, ZC_STATE_ERROR_NOT_ALLOWED, "“Received” cannot go back to draft" },
  { DRAFT, COMPLETED, PLATFORM, NULL, NONE, ZC_STATE_ERROR_NOT_ALLOWED, "“Draft” cannot be changed to “Completed”" },
  { DRAFT, WITHDRAWN, CLERK, "x", NONE, ZC_STATE_ERROR_NOT_ALLOWED, NULL },
  { RECEIVED, NOT_ACCEPTED, CLERK, "x", NONE, ZC_STATE_ERROR_NOT_ALLOWED, NULL },
  { DRAFT, DRAFT, CLERK, NULL, NONE, ZC_STATE_ERROR_NOT_ALLOWED, "already" },
  { COMPLETED, RETURNED, SUPERVISOR, "x", NONE, ZC_STATE_ERROR_NOT_ALLOWED, "closed" },
  { WITHDRAWN, RECEIVED, CLERK, NULL, NONE, ZC_STATE_ERROR_NOT_ALLOWED, "closed" },
  { NOT_ACCEPTED, DRAFT, CLERK, NULL, NONE, ZC_STATE_ERROR_NOT_ALLOWED, "closed" },
  { RETURNED, RECEIVED, CLERK, NULL, DRAFT, ZC_STATE_ERROR_NOT_ALLOWED, "goes back to “Draft”" },
  { RETURNED, DRAFT, CLERK, NULL, NONE, ZC_STATE_ERROR_NOT_ALLOWED, "not known" },
  { RETURNED, COMPLETED, PLATFORM, NULL, RECEIVED, ZC_STATE_ERROR_NOT_ALLOWED, NULL },

  /* wrong role */
  { DRAFT, RECEIVED, SUPERVISOR, NULL, NONE, ZC_STATE_ERROR_WRONG_ROLE, "not the Supervisor" },
  { DRAFT, RECEIVED, DEPARTMENT, NULL, NONE, ZC_STATE_ERROR_WRONG_ROLE, "Only the Counter clerk or Helper" },
  { RECEIVED, COMPLETED, CLERK, NULL, NONE, ZC_STATE_ERROR_WRONG_ROLE, "by the platform" },
  { RECEIVED, RETURNED, CLERK, "x", NONE, ZC_STATE_ERROR_WRONG_ROLE, "Only the Supervisor" },
  { DRAFT, RETURNED, HELPER, "x", NONE, ZC_STATE_ERROR_WRONG_ROLE, NULL },
  { RETURNED, DRAFT, SUPERVISOR, NULL, DRAFT, ZC_STATE_ERROR_WRONG_ROLE, NULL },
  { RECEIVED, WITHDRAWN, DEPARTMENT, "x", NONE, ZC_STATE_ERROR_WRONG_ROLE, NULL },

  /* reason required (checked after the role) */
  { DRAFT, NOT_ACCEPTED, CLERK, NULL, NONE, ZC_STATE_ERROR_REASON_REQUIRED, "refusal notice" },
  { DRAFT, NOT_ACCEPTED, CLERK, " \t\u3000", NONE, ZC_STATE_ERROR_REASON_REQUIRED, NULL },
  { RECEIVED, WITHDRAWN, HELPER, "", NONE, ZC_STATE_ERROR_REASON_REQUIRED, "withdraws" },
  { RECEIVED, RETURNED, SUPERVISOR, NULL, NONE, ZC_STATE_ERROR_REASON_REQUIRED, "returning" },
  { DRAFT, RETURNED, SUPERVISOR, "  ", NONE, ZC_STATE_ERROR_REASON_REQUIRED, NULL },

  /* out-of-range values are refused, not trusted */
  { (ZcCaseState) 42, DRAFT, CLERK, NULL, NONE, ZC_STATE_ERROR_NOT_ALLOWED, NULL },
  { DRAFT, RECEIVED, (ZcRole) 42, NULL, NONE, ZC_STATE_ERROR_WRONG_ROLE, NULL },
  { DRAFT, RECEIVED, ZC_ROLE_INVALID, NULL, NONE, ZC_STATE_ERROR_WRONG_ROLE, NULL },
};

static void
test_case_moves (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (case_moves); i++)
    {
      const CaseMove *m = &case_moves[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = zc_case_transition_check (m->from, m->to, m->role, m->reason,
                                              m->returned_from, &error);

      if (m->code < 0 && !ok)
        g_error ("case move %" G_GSIZE_FORMAT " refused: %s", i, error->message);
      if (m->code >= 0 && ok)
        g_error ("case move %" G_GSIZE_FORMAT " allowed, expected refusal", i);
      if (m->code >= 0)
        {
          if (!g_error_matches (error, ZC_STATE_ERROR, m->code))
            g_error ("case move %" G_GSIZE_FORMAT ": wrong error %d (%s)", i, error->code, error->message);
          if (m->message_part != NULL && strstr (error->message, m->message_part) == NULL)
            g_error ("case move %" G_GSIZE_FORMAT ": “%s” lacks “%s”", i, error->message, m->message_part);
        }
      else
        g_assert_no_error (error);
    }
}

/* Exhaustive: exactly the moves of the table above are allowed, for every
 * from × to × role, with a reason and the right returned_from. */
static void
test_case_moves_exhaustive (void)
{
  int allowed = 0;

  for (int from = DRAFT; from <= RETURNED; from++)
    for (int to = DRAFT; to <= RETURNED; to++)
      for (int role = CLERK; role <= PLATFORM; role++)
        for (int rf = NONE; rf <= RETURNED; rf++)
          {
            if (zc_case_transition_check (from, to, role, "理由", rf, NULL))
              allowed++;
          }

  /* 9 plain moves × 7 returned_from values (ignored) + 4 moves out of
   * returned (clerk/helper × draft/received), each with only its own
   * returned_from. */
  g_assert_cmpint (allowed, ==, 9 * 7 + 4);
}

typedef struct
{
  ZcTaskState  from;
  ZcTaskState  to;
  ZcRole       role;
  const char  *reason;
  gboolean     awaiting_supplement;
  int          code;
  const char  *message_part;
} TaskMove;

static const TaskMove task_moves[] = {
  { ZC_TASK_STATE_PENDING, ZC_TASK_STATE_IN_REVIEW, DEPARTMENT, NULL, FALSE, -1, NULL },
  { ZC_TASK_STATE_PENDING, ZC_TASK_STATE_IN_REVIEW, DEPARTMENT, NULL, TRUE, -1, NULL },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_APPROVED, DEPARTMENT, NULL, FALSE, -1, NULL },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_APPROVED, DEPARTMENT, NULL, TRUE, -1, NULL },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_DENIED, DEPARTMENT, "不符合食品经营许可条件", FALSE, -1, NULL },
  { ZC_TASK_STATE_APPROVED, ZC_TASK_STATE_RESULT_ISSUED, DEPARTMENT, NULL, FALSE, -1, NULL },

  { ZC_TASK_STATE_APPROVED, ZC_TASK_STATE_RESULT_ISSUED, DEPARTMENT, NULL, TRUE,
    ZC_STATE_ERROR_SUPPLEMENT_MISSING, "later supply" },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_DENIED, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_REASON_REQUIRED, "denied" },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_DENIED, DEPARTMENT, "   ", FALSE,
    ZC_STATE_ERROR_REASON_REQUIRED, NULL },
  { ZC_TASK_STATE_PENDING, ZC_TASK_STATE_IN_REVIEW, CLERK, NULL, FALSE,
    ZC_STATE_ERROR_WRONG_ROLE, "Only the Department reviewer" },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_APPROVED, SUPERVISOR, NULL, FALSE,
    ZC_STATE_ERROR_WRONG_ROLE, NULL },
  { ZC_TASK_STATE_APPROVED, ZC_TASK_STATE_RESULT_ISSUED, PLATFORM, NULL, FALSE,
    ZC_STATE_ERROR_WRONG_ROLE, NULL },
  { ZC_TASK_STATE_PENDING, ZC_TASK_STATE_APPROVED, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, "“Pending” cannot be changed to “Approved”" },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_RESULT_ISSUED, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, NULL },
  { ZC_TASK_STATE_APPROVED, ZC_TASK_STATE_DENIED, DEPARTMENT, "x", FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, NULL },
  { ZC_TASK_STATE_DENIED, ZC_TASK_STATE_IN_REVIEW, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, "has ended" },
  { ZC_TASK_STATE_RESULT_ISSUED, ZC_TASK_STATE_APPROVED, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, "has ended" },
  { ZC_TASK_STATE_IN_REVIEW, ZC_TASK_STATE_PENDING, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, NULL },
  { ZC_TASK_STATE_PENDING, ZC_TASK_STATE_PENDING, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, "already" },
  { ZC_TASK_STATE_INVALID, ZC_TASK_STATE_PENDING, DEPARTMENT, NULL, FALSE,
    ZC_STATE_ERROR_NOT_ALLOWED, NULL },
};

static void
test_task_moves (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (task_moves); i++)
    {
      const TaskMove *m = &task_moves[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = zc_task_transition_check (m->from, m->to, m->role, m->reason,
                                              m->awaiting_supplement, &error);

      if (m->code < 0 && !ok)
        g_error ("task move %" G_GSIZE_FORMAT " refused: %s", i, error->message);
      if (m->code >= 0 && ok)
        g_error ("task move %" G_GSIZE_FORMAT " allowed, expected refusal", i);
      if (m->code >= 0)
        {
          if (!g_error_matches (error, ZC_STATE_ERROR, m->code))
            g_error ("task move %" G_GSIZE_FORMAT ": wrong error %d (%s)", i, error->code, error->message);
          if (m->message_part != NULL && strstr (error->message, m->message_part) == NULL)
            g_error ("task move %" G_GSIZE_FORMAT ": “%s” lacks “%s”", i, error->message, m->message_part);
        }
    }
}

static void
test_task_final (void)
{
  g_assert_true (zc_task_state_is_final (ZC_TASK_STATE_DENIED));
  g_assert_true (zc_task_state_is_final (ZC_TASK_STATE_RESULT_ISSUED));
  g_assert_false (zc_task_state_is_final (ZC_TASK_STATE_PENDING));
  g_assert_false (zc_task_state_is_final (ZC_TASK_STATE_IN_REVIEW));
  g_assert_false (zc_task_state_is_final (ZC_TASK_STATE_APPROVED));
}

static void
test_strings (void)
{
  const char *roles[] = { "clerk", "helper", "supervisor", "department", "platform" };
  const char *cases[] = { "draft", "received", "not_accepted", "completed", "withdrawn", "returned" };
  const char *tasks[] = { "pending", "in_review", "approved", "denied", "result_issued" };

  for (gsize i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_assert_cmpint (zc_role_from_string (roles[i]), ==, (int) i);
      g_assert_cmpstr (zc_role_to_string ((ZcRole) i), ==, roles[i]);
      g_assert_nonnull (zc_role_label ((ZcRole) i));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (zc_case_state_from_string (cases[i]), ==, (int) i);
      g_assert_cmpstr (zc_case_state_to_string ((ZcCaseState) i), ==, cases[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (tasks); i++)
    {
      g_assert_cmpint (zc_task_state_from_string (tasks[i]), ==, (int) i);
      g_assert_cmpstr (zc_task_state_to_string ((ZcTaskState) i), ==, tasks[i]);
    }

  g_assert_cmpint (zc_role_from_string ("Clerk"), ==, ZC_ROLE_INVALID);
  g_assert_cmpint (zc_role_from_string (NULL), ==, ZC_ROLE_INVALID);
  g_assert_cmpint (zc_case_state_from_string ("in_review"), ==, ZC_CASE_STATE_INVALID);
  g_assert_cmpint (zc_task_state_from_string (""), ==, ZC_TASK_STATE_INVALID);
  g_assert_null (zc_role_to_string (ZC_ROLE_INVALID));
  g_assert_null (zc_case_state_to_string ((ZcCaseState) 99));
  g_assert_null (zc_task_state_to_string (ZC_TASK_STATE_INVALID));

  g_assert_cmpstr (zc_case_state_label (ZC_CASE_STATE_RETURNED), ==, "Returned for correction");
  g_assert_cmpstr (zc_task_state_label (ZC_TASK_STATE_RESULT_ISSUED), ==, "Result issued");
  g_assert_cmpstr (zc_role_label (ZC_ROLE_HELPER), ==, "Helper");
  g_assert_nonnull (zc_case_state_label (ZC_CASE_STATE_INVALID));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/state/strings", test_strings);
  g_test_add_func ("/core/state/case/moves", test_case_moves);
  g_test_add_func ("/core/state/case/exhaustive", test_case_moves_exhaustive);
  g_test_add_func ("/core/state/task/moves", test_task_moves);
  g_test_add_func ("/core/state/task/final", test_task_final);

  return g_test_run ();
}
