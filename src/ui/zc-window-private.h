/* zc-window-private.h — what the window's files share
 *
 * zc-window.c holds the window's life (platform start, login, pages,
 * notifications); zc-window-lock.c the idle lock over the main view;
 * zc-window-refused.c the list of submissions the platform refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-call-recording-bar.h"
#include "zc-case-page.h"
#include "zc-client.h"
#include "zc-commitments-page.h"
#include "zc-identity-check-panel.h"
#include "zc-inbox-page.h"
#include "zc-login-page.h"
#include "zc-outbox.h"
#include "zc-reception-page.h"
#include "zc-remote-window-page.h"
#include "zc-session.h"
#include "zc-store.h"
#include "zc-window.h"

G_BEGIN_DECLS

struct _ZcWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *starting_spinner;
  AdwStatusPage   *start_error_page;
  ZcLoginPage     *login_page;
  AdwLeaflet      *leaflet;
  GtkListBox      *sidebar;
  GtkListBoxRow   *inbox_row;
  GtkListBoxRow   *review_row;
  GtkListBoxRow   *commitments_row;
  AdwWindowTitle  *section_title;
  AdwAvatar       *user_avatar;
  GtkLabel        *user_name_label;
  GtkLabel        *user_role_label;
  GtkMenuButton   *main_menu_button;
  GtkStack        *content_stack;
  ZcInboxPage     *inbox_page;
  ZcCommitmentsPage *commitments_page;
  ZcReceptionPage *reception_page;
  ZcCasePage      *case_page;
  ZcRemoteWindowPage *remote_page;
  ZcIdentityCheckPanel *identity_panel;  /* beside the remote video */
  ZcCallRecordingBar *recording_bar;     /* under it: after consent */
  GtkRevealer     *offline_revealer;
  GtkLabel        *offline_label;
  GtkRevealer     *refused_revealer;
  GtkLabel        *refused_label;
  GtkListBoxRow   *reception_row;
  GtkWidget       *refused_dialog;   /* weak: the open list of refused submissions */
  GtkListBox      *refused_list;     /* in it */
  guint            refused_fill_serial; /* of the newest listing */
  GtkWidget       *demo_mark_starting;
  GtkWidget       *demo_mark_error;
  GtkWidget       *demo_mark_login;
  GtkWidget       *demo_mark_main;

  /* owned */
  GSettings       *settings;
  GCancellable    *cancellable;
  ZcSession       *session;
  ZcClient        *client;         /* the session's */
  ZcStore         *store;
  ZcOutbox        *outbox;
  gboolean         demo_mode;
  gboolean         logging_out;

  /* the idle lock: a page over the main view, which keeps its state */
  AdwStatusPage   *lock_page;
  AdwPasswordEntryRow *lock_password_row;
  GtkLabel        *lock_error_label;
  GtkButton       *unlock_button;
  GtkSpinner      *lock_spinner;
  GPtrArray       *hidden_dialogs;   /* transient windows hidden while locked */
  GPtrArray       *sticky_toasts;    /* notifications shown until dismissed */
  GPtrArray       *deferred_toasts;  /* notifications kept while locked (nothing shows over the lock) */
  gint64           last_input;       /* monotonic µs */
  guint            idle_source;
  guint            idle_lock_seconds; /* 0: never */
  gboolean         unlocking;
};

/* zc-window.c */
void     zc_window_update_actions      (ZcWindow   *self);
void     zc_window_show_page           (ZcWindow   *self,
                                        const char *name);
void     zc_window_update_outbox_bars  (ZcWindow   *self);
void     zc_window_add_toast           (ZcWindow   *self,
                                        AdwToast   *toast);
gboolean zc_window_is_locked           (ZcWindow   *self);
void     zc_window_show_deferred_toasts (ZcWindow  *self);
void     zc_window_defer_sticky_toasts (ZcWindow   *self);
void     zc_window_show_login_again    (ZcWindow   *self);

/* zc-window-lock.c */
void     zc_window_build_lock_page     (ZcWindow   *self);
void     zc_window_update_idle_lock    (ZcWindow   *self);
void     zc_window_forget_lock         (ZcWindow   *self);
void     zc_window_unlock              (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param);
gboolean zc_window_key_activity_cb     (ZcWindow   *self);
gboolean zc_window_input_event_cb      (GtkEventControllerLegacy *controller,
                                        GdkEvent   *event,
                                        ZcWindow   *self);

/* zc-window-refused.c */
void     zc_window_fill_refused        (ZcWindow   *self);
void     zc_window_show_refused        (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param);

G_END_DECLS
