/* zc-test-util.h — what the tests share (tests/common, libzc-test-util):
 * awaiting an async result, spinning the main loop until a condition or
 * for a while, temporary folders, and an in-process zc-platform on
 * loopback (zc_test_server_start, for the programs that link the server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*ZcTestCondition) (gpointer data);

/* A GAsyncReadyCallback that keeps (a reference to) the result in the
 * GAsyncResult * that @user_data points to */
void          zc_test_store_result_cb (GObject        *object,
                                       GAsyncResult   *result,
                                       gpointer        user_data);
/* A ZcTestCondition: the GAsyncResult * that @data points to is set */
gboolean      zc_test_have_result     (gpointer        data);
/* Iterates the default main context until *@slot is set; returns it */
GAsyncResult *zc_test_await           (GAsyncResult  **slot);

/* Awaits @result (a GAsyncResult * filled by zc_test_store_result_cb),
 * evaluates @finish_expr, drops the result; the value of @finish_expr */
#define ZC_TEST_AWAIT_FINISH(result, finish_expr) \
  ({ zc_test_await (&(result)); __auto_type _value = (finish_expr); g_clear_object (&(result)); _value; })

/* Runs the main loop until @cond holds or @seconds pass; says what was
 * awaited when it times out */
gboolean      zc_test_spin_until      (ZcTestCondition cond,
                                       gpointer        data,
                                       guint           seconds,
                                       const char     *what);
/* Runs the main loop for @ms milliseconds */
void          zc_test_spin_for        (guint           ms);

/* Removes @path and everything below it (symbolic links are not followed) */
void          zc_test_remove_tree     (const char     *path);
/* A TCP port of loopback that was free a moment ago */
guint         zc_test_pick_port       (void);

G_END_DECLS
