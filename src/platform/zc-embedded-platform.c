/* zc-embedded-platform.c — the bundled zc-platform as a child process
 *
 * Runs `zc-platform --listen 127.0.0.1:0 --db PATH --demo` and reads the
 * first line of its stdout, the URL it listens on. The rest of its
 * stdout is drained so the child never blocks on a full pipe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "zc-embedded-platform.h"
#include "zc-platform-error.h"

#define START_TIMEOUT_SECONDS 30
#define STOP_TIMEOUT_MS 5000

struct _ZcEmbeddedPlatform
{
  GObject parent_instance;

  char         *db_path;
  char         *url;
  GSubprocess  *subprocess;
  GCancellable *cancellable;   /* start and drain; cancelled by stop */
};

G_DEFINE_TYPE (ZcEmbeddedPlatform, zc_embedded_platform, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GDataInputStream *stdout_stream;
  GCancellable     *user_cancellable;
  gulong            cancelled_id;
  guint             timeout_id;
  gboolean          timed_out;
} StartData;

static void
start_data_free (gpointer data)
{
  StartData *start = data;

  g_clear_handle_id (&start->timeout_id, g_source_remove);
  if (start->user_cancellable != NULL && start->cancelled_id != 0)
    g_cancellable_disconnect (start->user_cancellable, start->cancelled_id);
  g_clear_object (&start->user_cancellable);
  g_clear_object (&start->stdout_stream);
  g_free (start);
}

/**
 * zc_embedded_platform_find_executable:
 *
 * Looks in $ZC_PLATFORM_PATH, the build tree (uninstalled runs),
 * LIBEXECDIR, BINDIR and then $PATH.
 *
 * Returns: (transfer full) (nullable): the path of zc-platform
 */
char *
zc_embedded_platform_find_executable (GError **error)
{
  const char *env = g_getenv ("ZC_PLATFORM_PATH");
  const char *candidates[] = {
    env,
    ZC_BUILD_ROOT "/server/zc-platform",
    LIBEXECDIR "/zc-platform",
    BINDIR "/zc-platform",
  };
  char *found;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] != NULL && candidates[i][0] != '\0' &&
          g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE) &&
          !g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
        return g_strdup (candidates[i]);
    }

  if ((found = g_find_program_in_path ("zc-platform")) != NULL)
    return found;

  g_set_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
               _("The program zc-platform was not found (set ZC_PLATFORM_PATH or install it)"));
  return NULL;
}

/* In the child, before exec: end with the app even if the app never
 * gets to call stop (a crash, a missing unref), so no demo platform is
 * left running and holding the app's stderr. */
static void
child_setup (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
on_drained (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GCancellable *cancellable = user_data; /* owned */
  gssize skipped;

  skipped = g_input_stream_skip_finish (G_INPUT_STREAM (object), result, NULL);
  if (skipped > 0 && !g_cancellable_is_cancelled (cancellable))
    g_input_stream_skip_async (G_INPUT_STREAM (object), 64 * 1024, G_PRIORITY_LOW,
                               cancellable, on_drained, cancellable);
  else
    g_object_unref (cancellable);
}

typedef struct
{
  GWeakRef     self;
  GSubprocess *subprocess;
} ExitWatch;

static void
exit_watch_free (ExitWatch *watch)
{
  g_weak_ref_clear (&watch->self);
  g_clear_object (&watch->subprocess);
  g_free (watch);
}

/* The platform ended by itself after it started: the URL is gone. */
static void
on_child_exited (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExitWatch *watch = user_data;
  g_autoptr(ZcEmbeddedPlatform) self = g_weak_ref_get (&watch->self);
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error);

  if (error == NULL && self != NULL && self->subprocess == watch->subprocess)
    {
      g_debug ("zc-platform ended by itself");
      g_clear_object (&self->subprocess);
      if (self->url != NULL)
        {
          g_clear_pointer (&self->url, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
        }
    }

  exit_watch_free (watch);
}

static void
fail_start (GTask  *task,
            GError *error)
{
  ZcEmbeddedPlatform *self = g_task_get_source_object (task);

  zc_embedded_platform_stop (self);
  g_task_return_error (task, error);
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *subprocess = G_SUBPROCESS (object);

  g_subprocess_wait_finish (subprocess, result, NULL);
  if (g_subprocess_get_if_exited (subprocess))
    fail_start (task, g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                                   _("zc-platform exited with status %d before giving its address"),
                                   g_subprocess_get_exit_status (subprocess)));
  else
    fail_start (task, g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                                   _("zc-platform ended before giving its address")));
}

static void
on_line_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZcEmbeddedPlatform *self = g_task_get_source_object (task);
  StartData *start = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &error);
  g_clear_handle_id (&start->timeout_id, g_source_remove);

  if (error != NULL)
    {
      if (start->timed_out)
        fail_start (task, g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                                       _("zc-platform did not give its address within %d seconds"),
                                       START_TIMEOUT_SECONDS));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_start (task, g_steal_pointer (&error));
      else
        fail_start (task, g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                                       _("Cannot read the output of zc-platform: %s"),
                                       error->message));
      return;
    }

  if (line == NULL)
    {
      /* end of stdout: the child ended; say how */
      if (self->subprocess != NULL)
        {
          GSubprocess *subprocess = self->subprocess;
          g_subprocess_wait_async (subprocess, NULL, on_exited, g_steal_pointer (&task));
        }
      else
        fail_start (task, g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                                       _("zc-platform ended before giving its address")));
      return;
    }

  g_strstrip (line);
  if (!g_str_has_prefix (line, "http://") && !g_str_has_prefix (line, "https://"))
    {
      fail_start (task, g_error_new (ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                                     _("zc-platform did not print its address first")));
      return;
    }

  g_free (self->url);
  self->url = g_strdup (line);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);

  g_input_stream_skip_async (G_INPUT_STREAM (start->stdout_stream), 64 * 1024, G_PRIORITY_LOW,
                             self->cancellable, on_drained, g_object_ref (self->cancellable));

  {
    ExitWatch *watch = g_new0 (ExitWatch, 1);

    g_weak_ref_init (&watch->self, self);
    watch->subprocess = g_object_ref (self->subprocess);
    g_subprocess_wait_async (self->subprocess, self->cancellable, on_child_exited, watch);
  }

  g_task_return_pointer (task, g_strdup (line), g_free);
}

static gboolean
on_start_timeout (gpointer user_data)
{
  GTask *task = user_data;
  ZcEmbeddedPlatform *self = g_task_get_source_object (task);
  StartData *start = g_task_get_task_data (task);

  start->timeout_id = 0;
  start->timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_user_cancelled (GCancellable *user_cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/**
 * zc_embedded_platform_new:
 * @db_path: (nullable): the database; %NULL =
 *   g_get_user_data_dir()/zongchuang/demo-platform.db
 */
ZcEmbeddedPlatform *
zc_embedded_platform_new (const char *db_path)
{
  return g_object_new (ZC_TYPE_EMBEDDED_PLATFORM, "db-path", db_path, NULL);
}

void
zc_embedded_platform_start_async (ZcEmbeddedPlatform  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *folder = NULL;
  StartData *start;

  g_return_if_fail (ZC_IS_EMBEDDED_PLATFORM (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_embedded_platform_start_async);

  if (self->subprocess != NULL)
    {
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                               _("The demo platform is already running"));
      return;
    }

  if (!(program = zc_embedded_platform_find_executable (&error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  folder = g_path_get_dirname (self->db_path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                               _("Cannot create the folder %s: %s"),
                               folder, g_strerror (saved_errno));
      return;
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->subprocess = g_subprocess_launcher_spawn (launcher, &error,
                                                  program,
                                                  "--listen", "127.0.0.1:0",
                                                  "--db", self->db_path,
                                                  "--demo",
                                                  NULL);
  if (self->subprocess == NULL)
    {
      g_task_return_new_error (task, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_START,
                               _("Cannot run zc-platform: %s"), error->message);
      return;
    }

  start = g_new0 (StartData, 1);
  start->stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->subprocess));
  g_data_input_stream_set_newline_type (start->stdout_stream, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  g_task_set_task_data (task, start, start_data_free);

  if (cancellable != NULL)
    {
      start->user_cancellable = g_object_ref (cancellable);
      start->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                   g_object_ref (self->cancellable),
                                                   g_object_unref);
    }

  /* the first run loads the demo data: that may take seconds */
  start->timeout_id = g_timeout_add_seconds (START_TIMEOUT_SECONDS, on_start_timeout, task);

  g_data_input_stream_read_line_async (start->stdout_stream, G_PRIORITY_DEFAULT,
                                       self->cancellable, on_line_read,
                                       g_steal_pointer (&task));
}

/**
 * zc_embedded_platform_start_finish:
 *
 * Returns: (transfer full): the base URL ("http://127.0.0.1:NNNNN"), or
 *   %NULL with ZC_PLATFORM_ERROR_START saying why (not found, exited,
 *   timed out) or G_IO_ERROR_CANCELLED
 */
char *
zc_embedded_platform_start_finish (ZcEmbeddedPlatform  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (ZC_IS_EMBEDDED_PLATFORM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_embedded_platform_start_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (nullable): the URL once started; NULL again after stop or
 * when the platform ended by itself (notify::url) */
const char *
zc_embedded_platform_get_url (ZcEmbeddedPlatform *self)
{
  g_return_val_if_fail (ZC_IS_EMBEDDED_PLATFORM (self), NULL);
  return self->url;
}

/**
 * zc_embedded_platform_stop:
 *
 * Sends SIGTERM and waits for the child (up to 5 s, then SIGKILL).
 */
void
zc_embedded_platform_stop (ZcEmbeddedPlatform *self)
{
  g_autoptr(GSubprocess) subprocess = NULL;

  g_return_if_fail (ZC_IS_EMBEDDED_PLATFORM (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  subprocess = g_steal_pointer (&self->subprocess);
  if (subprocess != NULL)
    {
      /* the identifier becomes NULL once GLib's worker has reaped the child */
      if (g_subprocess_get_identifier (subprocess) != NULL)
        {
          g_subprocess_send_signal (subprocess, SIGTERM);
          for (guint waited = 0;
               waited < STOP_TIMEOUT_MS && g_subprocess_get_identifier (subprocess) != NULL;
               waited += 20)
            g_usleep (20 * 1000);
          if (g_subprocess_get_identifier (subprocess) != NULL)
            g_subprocess_force_exit (subprocess);
        }
      g_subprocess_wait (subprocess, NULL, NULL);
    }

  if (self->url != NULL)
    {
      g_clear_pointer (&self->url, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
    }
}

static void
zc_embedded_platform_dispose (GObject *object)
{
  ZcEmbeddedPlatform *self = (ZcEmbeddedPlatform *)object;

  if (self->subprocess != NULL)
    zc_embedded_platform_stop (self);

  G_OBJECT_CLASS (zc_embedded_platform_parent_class)->dispose (object);
}

static void
zc_embedded_platform_finalize (GObject *object)
{
  ZcEmbeddedPlatform *self = (ZcEmbeddedPlatform *)object;

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (zc_embedded_platform_parent_class)->finalize (object);
}

static void
zc_embedded_platform_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ZcEmbeddedPlatform *self = ZC_EMBEDDED_PLATFORM (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_embedded_platform_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ZcEmbeddedPlatform *self = ZC_EMBEDDED_PLATFORM (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      if (g_value_get_string (value) != NULL)
        self->db_path = g_value_dup_string (value);
      else
        self->db_path = g_build_filename (g_get_user_data_dir (), "zongchuang",
                                          "demo-platform.db", NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_embedded_platform_class_init (ZcEmbeddedPlatformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_embedded_platform_dispose;
  object_class->finalize = zc_embedded_platform_finalize;
  object_class->get_property = zc_embedded_platform_get_property;
  object_class->set_property = zc_embedded_platform_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_embedded_platform_init (ZcEmbeddedPlatform *self)
{
}
