/* zc-ui-test-util.h — helpers shared by the UI tests (run under Xvfb);
 * the ones every test shares are in tests/common/zc-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zc-client.h"
#include "zc-test-util.h"

G_BEGIN_DECLS

gpointer     zc_test_template_child   (gpointer        widget,
                                       GType           type,
                                       const char     *name);
GtkWidget   *zc_test_find_named       (GtkWidget      *widget,
                                       const char     *name);
GtkWidget   *zc_test_find_type        (GtkWidget      *widget,
                                       GType           type);
/* the first visible toplevel window of @type (a dialog the code under
 * test opened), or NULL */
GtkWidget   *zc_test_find_toplevel    (GType           type);
void         zc_test_press_enter      (GtkWidget      *widget);
void         zc_test_type_text        (GtkWidget      *widget,
                                       const char     *text);
gboolean     zc_test_has_licence      (ZcApplicant    *applicant,
                                       const char     *type);
ZcApplicant *zc_test_fetch_applicant  (ZcClient       *client,
                                       const char     *key,
                                       guint           seconds);

/* Real key events through the X server (XTest) on the GDK X11 display:
 * they go through GTK's whole input path (X input focus, the focused
 * widget, key bindings, shortcuts, mnemonics, Tab focus moves). Needs
 * the X11 backend (GDK_BACKEND=x11, e.g. under Xvfb). */
gboolean     zc_test_keys_init        (void);
void         zc_test_focus_window     (GtkWindow      *window);
void         zc_test_key              (guint           keyval,
                                       GdkModifierType mods);
void         zc_test_type             (const char     *text);
void         zc_test_replace_text     (const char     *text);
void         zc_test_keys_settle      (void);
gboolean     zc_test_key_until        (guint           keyval,
                                       GdkModifierType mods,
                                       ZcTestCondition cond,
                                       gpointer        data,
                                       guint           seconds,
                                       const char     *what);
GtkWidget   *zc_test_focus_widget     (GtkWidget      *any);
/* a real mouse drag (XTest) through @n_points x, y pairs in @widget */
void         zc_test_pointer_drag     (GtkWidget      *widget,
                                       const double   *points,
                                       guint           n_points);
gboolean     zc_test_focus_is_in      (GtkWidget      *widget);
gboolean     zc_test_tab_to           (GtkWidget      *target,
                                       guint           max_tabs);

G_END_DECLS
