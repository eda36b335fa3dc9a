/* zc-application.c — the workstation application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-embedded-platform.h"

#include "zc-application.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"
#include "zc-ui-resources.h"
#include "zc-window.h"

struct _ZcApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;

  /* The bundled demo platform, shared by every window */
  ZcEmbeddedPlatform *platform;
  char               *platform_url;
  GPtrArray          *platform_waiters;  /* of GTask */
  GCancellable       *cancellable;
  gboolean            platform_starting;
};

G_DEFINE_FINAL_TYPE (ZcApplication, zc_application, ADW_TYPE_APPLICATION)

void
_zc_ui_ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      zc_ui_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

/* --- actions --------------------------------------------------------- */

static void
zc_application_quit_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  ZcApplication *self = user_data;
  GList *windows;

  /* Closing each window saves its geometry and cancels its work. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (self));
}

static void
zc_application_about_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  ZcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Zongchuang developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Zongchuang Workstation"),
                        "developer-name", _("The Zongchuang developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The workstation of the comprehensive one-stop government counter: "
                                      "receive integrated cases, check them against electronic licences "
                                      "and follow them until every department has finished."),
                        "website", "https://github.com/zongchuang/zongchuang",
                        "issue-url", "https://github.com/zongchuang/zongchuang/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Zongchuang developers"),
                        "developers", developers,
                        /* Translators: put your name here */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
zc_application_help_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  ZcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri (parent, "help:zongchuang", GDK_CURRENT_TIME);
}

static const GActionEntry app_actions[] = {
  { "quit",  zc_application_quit_action },
  { "about", zc_application_about_action },
  { "help",  zc_application_help_action },
};

/* --- embedded platform ---------------------------------------------- */

static void
zc_application_platform_started_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(ZcApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autofree char *url = NULL;

  url = zc_embedded_platform_start_finish (ZC_EMBEDDED_PLATFORM (object), result, &error);

  self->platform_starting = FALSE;
  waiters = g_steal_pointer (&self->platform_waiters);
  self->platform_waiters = g_ptr_array_new_with_free_func (g_object_unref);

  if (url == NULL)
    {
      g_debug ("The demo platform did not start: %s", error->message);
      /* Drop it so that a retry starts afresh */
      g_clear_object (&self->platform);
    }
  else
    {
      g_free (self->platform_url);
      self->platform_url = g_strdup (url);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (url != NULL)
        g_task_return_pointer (task, g_strdup (url), g_free);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

void
zc_application_start_platform_async (ZcApplication       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ZC_IS_APPLICATION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_application_start_platform_async);

  if (self->platform != NULL && self->platform_url != NULL)
    {
      g_task_return_pointer (task, g_strdup (self->platform_url), g_free);
      return;
    }

  g_ptr_array_add (self->platform_waiters, g_steal_pointer (&task));

  if (self->platform_starting)
    return;

  self->platform_starting = TRUE;
  if (self->platform == NULL)
    self->platform = zc_embedded_platform_new (NULL);
  zc_embedded_platform_start_async (self->platform,
                                    self->cancellable,
                                    zc_application_platform_started_cb,
                                    g_object_ref (self));
}

char *
zc_application_start_platform_finish (ZcApplication  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (ZC_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_application_start_platform_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- GApplication ---------------------------------------------------- */

static void
zc_application_startup (GApplication *app)
{
  ZcApplication *self = ZC_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };

  _zc_ui_ensure_resources ();

  G_APPLICATION_CLASS (zc_application_parent_class)->startup (app);
  zc_ui_name_mnemonics_when_mapped ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);

  gtk_window_set_default_icon_name (APP_ID);

  /* the pages' own styles, after style.css */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/org/zongchuang/Workstation/zc-pages.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  }
}

static void
zc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (zc_window_new (ZC_APPLICATION (app)));

  gtk_window_present (window);
}

static void
zc_application_shutdown (GApplication *app)
{
  ZcApplication *self = ZC_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->platform != NULL)
    zc_embedded_platform_stop (self->platform);

  G_APPLICATION_CLASS (zc_application_parent_class)->shutdown (app);
}

static void
zc_application_dispose (GObject *object)
{
  ZcApplication *self = ZC_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->platform != NULL)
    zc_embedded_platform_stop (self->platform);
  g_clear_object (&self->platform);

  G_OBJECT_CLASS (zc_application_parent_class)->dispose (object);
}

static void
zc_application_finalize (GObject *object)
{
  ZcApplication *self = ZC_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->platform_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->platform_url, g_free);

  G_OBJECT_CLASS (zc_application_parent_class)->finalize (object);
}

static void
zc_application_class_init (ZcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = zc_application_dispose;
  object_class->finalize = zc_application_finalize;

  app_class->startup = zc_application_startup;
  app_class->activate = zc_application_activate;
  app_class->shutdown = zc_application_shutdown;
}

static void
zc_application_init (ZcApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->platform_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- public API ------------------------------------------------------ */

ZcApplication *
zc_application_new (void)
{
  return g_object_new (ZC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/zongchuang/Workstation",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
zc_application_get_settings (ZcApplication *self)
{
  g_return_val_if_fail (ZC_IS_APPLICATION (self), NULL);

  return self->settings;
}
