/* zc-login-page.h — the login form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zc-client.h"

G_BEGIN_DECLS

#define ZC_TYPE_LOGIN_PAGE (zc_login_page_get_type ())
G_DECLARE_FINAL_TYPE (ZcLoginPage, zc_login_page, ZC, LOGIN_PAGE, GtkWidget)

GtkWidget  *zc_login_page_new          (void);
/* The client to log in with (its base URL is shown) and the window's
 * cancellable. Signal "logged-in" (ZcUser *) is emitted on success. */
void        zc_login_page_set_client   (ZcLoginPage  *self,
                                        ZcClient     *client,
                                        GCancellable *cancellable);
ZcClient   *zc_login_page_get_client   (ZcLoginPage  *self);
void        zc_login_page_set_username (ZcLoginPage  *self,
                                        const char   *username);
/* Clears the password and any error, and focuses the first empty entry. */
void        zc_login_page_reset        (ZcLoginPage  *self);
gboolean    zc_login_page_get_busy     (ZcLoginPage  *self);
/* Shows @message (or nothing) under the form, e.g. why the session ended */
void        zc_login_page_set_message  (ZcLoginPage  *self,
                                        const char   *message);

G_END_DECLS
