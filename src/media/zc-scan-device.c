/* zc-scan-device.c — a scanner SANE found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zc-scan-device.h"

struct _ZcScanDevice
{
  GObject  parent_instance;

  char    *name;
  char    *label;
};

G_DEFINE_FINAL_TYPE (ZcScanDevice, zc_scan_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_scan_device_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZcScanDevice *self = ZC_SCAN_DEVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_scan_device_finalize (GObject *object)
{
  ZcScanDevice *self = ZC_SCAN_DEVICE (object);

  g_free (self->name);
  g_free (self->label);

  G_OBJECT_CLASS (zc_scan_device_parent_class)->finalize (object);
}

static void
zc_scan_device_class_init (ZcScanDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = zc_scan_device_get_property;
  object_class->finalize = zc_scan_device_finalize;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* read by the device menu (GtkPropertyExpression) */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_scan_device_init (ZcScanDevice *self)
{
}

ZcScanDevice *
zc_scan_device_new (const char *name,
                    const char *vendor,
                    const char *model)
{
  ZcScanDevice *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (ZC_TYPE_SCAN_DEVICE, NULL);
  self->name = g_strdup (name);
  self->label = g_strdup_printf ("%s %s (%s)", vendor != NULL ? vendor : "",
                                 model != NULL ? model : "", name);
  g_strstrip (self->label);
  return self;
}

const char *
zc_scan_device_get_name (ZcScanDevice *self)
{
  g_return_val_if_fail (ZC_IS_SCAN_DEVICE (self), NULL);
  return self->name;
}

const char *
zc_scan_device_get_label (ZcScanDevice *self)
{
  g_return_val_if_fail (ZC_IS_SCAN_DEVICE (self), NULL);
  return self->label;
}
