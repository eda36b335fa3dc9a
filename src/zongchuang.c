/* zongchuang.c — the workstation's main
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "zc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ZcApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Uninstalled runs (meson devenv) find the built catalogues here */
  localedir = g_getenv ("ZC_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Zongchuang Workstation"));

  app = zc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
