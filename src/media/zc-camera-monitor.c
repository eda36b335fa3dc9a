/* zc-camera-monitor.c — the cameras a video call can use
 *
 * gst_device_monitor_start probes every device (it opens them), so it
 * runs on a worker; device-added/-removed then come through the
 * monitor's bus, watched on the main context the object was made in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-camera-monitor.h"

struct _ZcCameraMonitor
{
  GObject parent_instance;

  GstDeviceMonitor *monitor;   /* owned */
  GPtrArray *devices;          /* of GstDevice (with a device path) */
  GSource *bus_source;
  GCancellable *cancellable;
  gboolean ready;
};

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZcCameraMonitor, zc_camera_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_init))

const char *
zc_camera_monitor_device_path (GstDevice *device)
{
  g_autoptr(GstStructure) props = NULL;
  static const char *const keys[] = { "api.v4l2.path", "device.path", "object.path" };
  const char *path = NULL;

  g_return_val_if_fail (GST_IS_DEVICE (device), NULL);
  props = gst_device_get_properties (device);
  if (props == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (keys) && path == NULL; i++)
    {
      const char *value = gst_structure_get_string (props, keys[i]);

      if (value != NULL && g_str_has_prefix (value, "/dev/"))
        path = value;
    }
  /* an interned copy outlives the structure: paths are few */
  return path != NULL ? g_intern_string (path) : NULL;
}

static guint
find_device (ZcCameraMonitor *self,
             const char      *path)
{
  for (guint i = 0; i < self->devices->len; i++)
    if (g_strcmp0 (zc_camera_monitor_device_path (g_ptr_array_index (self->devices, i)), path) == 0)
      return i;
  return G_MAXUINT;
}

static void
add_device (ZcCameraMonitor *self,
            GstDevice       *device)
{
  const char *path = zc_camera_monitor_device_path (device);

  if (path == NULL || find_device (self, path) != G_MAXUINT)
    return;
  g_ptr_array_add (self->devices, g_object_ref (device));
  g_list_model_items_changed (G_LIST_MODEL (self), self->devices->len - 1, 0, 1);
}

static void
remove_device (ZcCameraMonitor *self,
               GstDevice       *device)
{
  guint i = find_device (self, zc_camera_monitor_device_path (device));

  if (i == G_MAXUINT)
    return;
  g_ptr_array_remove_index (self->devices, i);
  g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  ZcCameraMonitor *self = user_data;
  g_autoptr(GstDevice) device = NULL;

  if (!self->ready)
    return G_SOURCE_CONTINUE;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_DEVICE_ADDED)
    {
      gst_message_parse_device_added (message, &device);
      add_device (self, device);
    }
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_DEVICE_REMOVED)
    {
      gst_message_parse_device_removed (message, &device);
      remove_device (self, device);
    }
  return G_SOURCE_CONTINUE;
}

static void
start_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GstDeviceMonitor *monitor = task_data;
  GList *devices;

  /* no provider of video sources (none installed) is no camera */
  if (!gst_device_monitor_start (monitor))
    {
      g_debug ("camera monitor: no device provider started");
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  devices = gst_device_monitor_get_devices (monitor);
  g_task_return_pointer (task, devices, NULL);
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ZcCameraMonitor) self = user_data;
  GList *devices = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_list_free_full (devices, gst_object_unref);
      return;
    }
  self->ready = TRUE;
  for (GList *l = devices; l != NULL; l = l->next)
    add_device (self, l->data);
  g_list_free_full (devices, gst_object_unref);
  g_debug ("camera monitor: %u camera(s)", self->devices->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

const char *
zc_camera_monitor_resolve (ZcCameraMonitor *self,
                           const char      *choice)
{
  g_return_val_if_fail (ZC_IS_CAMERA_MONITOR (self), NULL);

  if (g_strcmp0 (choice, ZC_CAMERA_CHOICE_TEST) == 0 || self->devices->len == 0)
    return NULL;
  if (choice != NULL && *choice != '\0' && find_device (self, choice) != G_MAXUINT)
    return g_intern_string (choice);
  return zc_camera_monitor_device_path (g_ptr_array_index (self->devices, 0));
}

gboolean
zc_camera_monitor_get_ready (ZcCameraMonitor *self)
{
  g_return_val_if_fail (ZC_IS_CAMERA_MONITOR (self), FALSE);
  return self->ready;
}

ZcCameraMonitor *
zc_camera_monitor_new (void)
{
  return g_object_new (ZC_TYPE_CAMERA_MONITOR, NULL);
}

/* ---- GListModel ---------------------------------------------------------- */

static GType
list_model_get_item_type (GListModel *model)
{
  return GST_TYPE_DEVICE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return ZC_CAMERA_MONITOR (model)->devices->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  ZcCameraMonitor *self = ZC_CAMERA_MONITOR (model);

  if (position >= self->devices->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->devices, position));
}

static void
list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* ---- GObject ------------------------------------------------------------- */

static void
zc_camera_monitor_dispose (GObject *object)
{
  ZcCameraMonitor *self = ZC_CAMERA_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  if (self->monitor != NULL && self->ready)
    gst_device_monitor_stop (self->monitor);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (zc_camera_monitor_parent_class)->dispose (object);
}

static void
zc_camera_monitor_finalize (GObject *object)
{
  ZcCameraMonitor *self = ZC_CAMERA_MONITOR (object);

  g_ptr_array_unref (self->devices);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (zc_camera_monitor_parent_class)->finalize (object);
}

static void
zc_camera_monitor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ZcCameraMonitor *self = ZC_CAMERA_MONITOR (object);

  switch (prop_id)
    {
    case PROP_READY: g_value_set_boolean (value, self->ready); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_camera_monitor_class_init (ZcCameraMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_camera_monitor_dispose;
  object_class->finalize = zc_camera_monitor_finalize;
  object_class->get_property = zc_camera_monitor_get_property;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_camera_monitor_init (ZcCameraMonitor *self)
{
  static gsize gst_ready = 0;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GTask) task = NULL;

  if (g_once_init_enter (&gst_ready))
    {
      gst_init (NULL, NULL);
      g_once_init_leave (&gst_ready, 1);
    }
  self->devices = g_ptr_array_new_with_free_func (gst_object_unref);
  self->cancellable = g_cancellable_new ();
  self->monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (self->monitor, "Video/Source", NULL);

  bus = gst_device_monitor_get_bus (self->monitor);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc) (void (*) (void)) on_bus_message, self, NULL);
  g_source_attach (self->bus_source, g_main_context_get_thread_default ());

  task = g_task_new (NULL, self->cancellable, started_cb, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (self->monitor), g_object_unref);
  g_task_run_in_thread (task, start_thread);
}
