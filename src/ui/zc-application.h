/* zc-application.h — the workstation application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZC_TYPE_APPLICATION (zc_application_get_type ())
G_DECLARE_FINAL_TYPE (ZcApplication, zc_application, ZC, APPLICATION, AdwApplication)

ZcApplication *zc_application_new                   (void);
GSettings     *zc_application_get_settings          (ZcApplication        *self);

/* Starts the bundled demo platform once per application (every window
 * shares it) and returns its base URL. A second call while it starts
 * waits for the same start; after a failure a new call tries again.
 * Cancelling @cancellable only stops this caller's wait. */
void           zc_application_start_platform_async  (ZcApplication        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char          *zc_application_start_platform_finish (ZcApplication        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
