/* zc-state.h — roles, the case and task state machines (docs/domain.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZC_ROLE_CLERK,
  ZC_ROLE_HELPER,
  ZC_ROLE_SUPERVISOR,
  ZC_ROLE_DEPARTMENT,
  ZC_ROLE_PLATFORM,   /* the platform itself (automatic moves) */
  ZC_ROLE_INVALID = -1,
} ZcRole;

typedef enum
{
  ZC_CASE_STATE_DRAFT,
  ZC_CASE_STATE_RECEIVED,
  ZC_CASE_STATE_NOT_ACCEPTED,
  ZC_CASE_STATE_COMPLETED,
  ZC_CASE_STATE_WITHDRAWN,
  ZC_CASE_STATE_RETURNED,
  ZC_CASE_STATE_INVALID = -1,
} ZcCaseState;

typedef enum
{
  ZC_TASK_STATE_PENDING,
  ZC_TASK_STATE_IN_REVIEW,
  ZC_TASK_STATE_APPROVED,
  ZC_TASK_STATE_DENIED,
  ZC_TASK_STATE_RESULT_ISSUED,
  ZC_TASK_STATE_INVALID = -1,
} ZcTaskState;

#define ZC_STATE_ERROR (zc_state_error_quark ())

typedef enum
{
  ZC_STATE_ERROR_NOT_ALLOWED,      /* no such move in the table */
  ZC_STATE_ERROR_WRONG_ROLE,       /* the move exists, another role makes it */
  ZC_STATE_ERROR_REASON_REQUIRED,  /* the move needs a reason */
  ZC_STATE_ERROR_SUPPLEMENT_MISSING, /* approved → result_issued while awaiting_supplement */
} ZcStateError;

GQuark       zc_state_error_quark       (void);

const char  *zc_role_to_string          (ZcRole role);        /* "clerk" … */
ZcRole       zc_role_from_string        (const char *str);    /* ZC_ROLE_INVALID if unknown */
const char  *zc_role_label              (ZcRole role);        /* translated: 综窗工作人员 … */

const char  *zc_case_state_to_string    (ZcCaseState state);  /* "draft" … */
ZcCaseState  zc_case_state_from_string  (const char *str);
const char  *zc_case_state_label        (ZcCaseState state);  /* translated: 草稿, 已受理 … */

const char  *zc_task_state_to_string    (ZcTaskState state);
ZcTaskState  zc_task_state_from_string  (const char *str);
const char  *zc_task_state_label        (ZcTaskState state);

/* May @role move a case from @from to @to? @reason may be NULL/empty;
 * not_accepted, withdrawn and returned need one. @returned_from is the
 * state a returned case came from (draft or received), used for the move
 * back out of returned; pass ZC_CASE_STATE_INVALID otherwise.
 * The error (ZC_STATE_ERROR) message is translated and says why. */
gboolean     zc_case_transition_check   (ZcCaseState  from,
                                         ZcCaseState  to,
                                         ZcRole       role,
                                         const char  *reason,
                                         ZcCaseState  returned_from,
                                         GError     **error);

/* denied needs a reason; approved → result_issued fails while
 * @awaiting_supplement. */
gboolean     zc_task_transition_check   (ZcTaskState  from,
                                         ZcTaskState  to,
                                         ZcRole       role,
                                         const char  *reason,
                                         gboolean     awaiting_supplement,
                                         GError     **error);

gboolean     zc_task_state_is_final     (ZcTaskState state); /* denied, result_issued */

G_END_DECLS
