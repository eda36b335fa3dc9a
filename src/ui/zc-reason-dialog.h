/* zc-reason-dialog.h — a confirmation that needs a stated reason
 * (withdraw, take over, refuse): the action stays disabled until a
 * reason is typed, and Enter in the reason confirms once and closes the
 * dialog, as a click on the action does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns a new AdwMessageDialog (not yet presented) transient for
 * @parent's window, with responses "cancel" and @response_id. The reason
 * entry is the dialog's extra child, named @reason_label for assistive
 * technologies. */
GtkWidget *zc_reason_dialog_new        (GtkWidget             *parent,
                                        const char            *heading,
                                        const char            *body,
                                        const char            *response_id,
                                        const char            *response_label,
                                        AdwResponseAppearance  appearance,
                                        const char            *reason_label);
/* Presents it with the focus in the reason entry. */
void       zc_reason_dialog_present    (GtkWidget             *dialog);
/* The typed reason, stripped; never NULL ("" when none). */
char      *zc_reason_dialog_dup_reason (AdwMessageDialog      *dialog);

/* The request a reason dialog confirmed, kept by its page between
 * attempts: one at a time, and one Idempotency-Key per request. */
typedef struct
{
  char     *key;        /* the Idempotency-Key sent */
  char     *request;    /* what it was sent for, e.g. "withdrawn:12:reason" */
  gboolean  in_flight;
} ZcReasonRequest;

/* Starts @request: FALSE while one is in flight (a second request of the
 * same action is not sent). *@key (owned by @self): the key sent before
 * when the same request is tried again after it may not have arrived (the
 * platform then answers the first answer instead of acting twice), a new
 * one otherwise. */
gboolean   zc_reason_request_begin     (ZcReasonRequest       *self,
                                        const char            *request,
                                        const char           **key);
/* The answer came (@error NULL on success): the key is kept only when the
 * request may not have arrived (network, 5xx, busy). */
void       zc_reason_request_end       (ZcReasonRequest       *self,
                                        const GError          *error);
void       zc_reason_request_clear     (ZcReasonRequest       *self);

G_END_DECLS
