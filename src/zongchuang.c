/* zongchuang.c — the workstation's main
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zc-i18n.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "zc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ZcApplication) app = NULL;

  /* uninstalled runs (meson devenv, tests) find the built catalogues */
  zc_i18n_init ();

  g_set_application_name (_("Zongchuang Workstation"));

  app = zc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
