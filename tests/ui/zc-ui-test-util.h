/* zc-ui-test-util.h — helpers shared by the UI tests (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zc-client.h"

G_BEGIN_DECLS

typedef gboolean (*ZcTestCondition) (gpointer data);

gboolean     zc_test_spin_until       (ZcTestCondition cond,
                                       gpointer        data,
                                       guint           seconds,
                                       const char     *what);
void         zc_test_spin_for         (guint           ms);
gpointer     zc_test_template_child   (gpointer        widget,
                                       GType           type,
                                       const char     *name);
GtkWidget   *zc_test_find_named       (GtkWidget      *widget,
                                       const char     *name);
GtkWidget   *zc_test_find_type        (GtkWidget      *widget,
                                       GType           type);
void         zc_test_press_enter      (GtkWidget      *widget);
void         zc_test_type_text        (GtkWidget      *widget,
                                       const char     *text);
void         zc_test_store_result_cb  (GObject        *object,
                                       GAsyncResult   *result,
                                       gpointer        user_data);
gboolean     zc_test_have_result      (gpointer        data);
gboolean     zc_test_has_licence      (ZcApplicant    *applicant,
                                       const char     *type);
ZcApplicant *zc_test_fetch_applicant  (ZcClient       *client,
                                       const char     *key,
                                       guint           seconds);
void         zc_test_remove_tree      (const char     *path);

G_END_DECLS
