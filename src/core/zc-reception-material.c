/* zc-reception-material.c — one material of the reception's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-reception-private.h"

const char *
zc_material_status_label (ZcMaterialStatus status)
{
  switch (status)
    {
    case ZC_MATERIAL_STATUS_EXEMPT:
      return _("Exempt");
    case ZC_MATERIAL_STATUS_REQUIRED:
      return _("Required");
    case ZC_MATERIAL_STATUS_TOLERABLE:
      return _("May follow later");
    case ZC_MATERIAL_STATUS_COMMITMENT:
      return _("Commitment allowed");
    default:
      return "";
    }
}

static const char * const state_names[] = {
  "pending", "received", "deferred", "committed", "exempt",
};

const char *
zc_material_state_to_string (ZcMaterialState state)
{
  if ((guint) state < G_N_ELEMENTS (state_names))
    return state_names[state];
  return "pending";
}

const char *
zc_material_state_label (ZcMaterialState state)
{
  switch (state)
    {
    case ZC_MATERIAL_STATE_PENDING:   return _("To follow");
    /* Translators: a material handed in at the counter (已收取), not the case's 已受理 */
    case ZC_MATERIAL_STATE_RECEIVED:  return _("Collected");
    case ZC_MATERIAL_STATE_DEFERRED:  return _("Tolerated (容缺)");
    case ZC_MATERIAL_STATE_COMMITTED: return _("Commitment (承诺)");
    case ZC_MATERIAL_STATE_EXEMPT:    return _("Exempt");
    default:                          return "";
    }
}

gboolean
zc_material_state_parse (const char      *str,
                         ZcMaterialState *state)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (str, state_names[i]))
      {
        if (state != NULL)
          *state = (ZcMaterialState) i;
        return TRUE;
      }
  return FALSE;
}

/* Unknown strings → PENDING (the safe answer: still to be handed in). */
ZcMaterialState
zc_material_state_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (str, state_names[i]))
      return (ZcMaterialState) i;
  return ZC_MATERIAL_STATE_PENDING;
}

struct _ZcReceptionMaterial
{
  GObject           parent_instance;

  ZcMaterial       *material;
  ZcMaterialStatus  status;
  ZcLicence        *licence;
  ZcMaterialState   state;
  char             *note;
};

G_DEFINE_FINAL_TYPE (ZcReceptionMaterial, zc_reception_material, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_reception_material_finalize (GObject *object)
{
  ZcReceptionMaterial *self = ZC_RECEPTION_MATERIAL (object);

  g_clear_object (&self->material);
  g_clear_object (&self->licence);
  g_clear_pointer (&self->note, g_free);
  G_OBJECT_CLASS (zc_reception_material_parent_class)->finalize (object);
}

static void
zc_reception_material_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ZcReceptionMaterial *self = ZC_RECEPTION_MATERIAL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_reception_material_class_init (ZcReceptionMaterialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_reception_material_finalize;
  object_class->get_property = zc_reception_material_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, ZC_MATERIAL_STATE_PENDING, ZC_MATERIAL_STATE_EXEMPT,
                      ZC_MATERIAL_STATE_PENDING, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_reception_material_init (ZcReceptionMaterial *self)
{
}

ZcReceptionMaterial *
zc_reception_material_new (ZcMaterial       *material,
                           ZcMaterialStatus  status,
                           ZcLicence        *licence,
                           const char       *note)
{
  ZcReceptionMaterial *self = g_object_new (ZC_TYPE_RECEPTION_MATERIAL, NULL);

  self->material = g_object_ref (material);
  self->status = status;
  self->licence = licence != NULL ? g_object_ref (licence) : NULL;
  self->note = g_strdup (note);
  self->state = status == ZC_MATERIAL_STATUS_EXEMPT
    ? ZC_MATERIAL_STATE_EXEMPT : ZC_MATERIAL_STATE_PENDING;
  return self;
}

ZcMaterial *
zc_reception_material_get_material (ZcReceptionMaterial *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_MATERIAL (self), NULL);
  return self->material;
}

ZcMaterialStatus
zc_reception_material_get_status (ZcReceptionMaterial *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_MATERIAL (self), ZC_MATERIAL_STATUS_REQUIRED);
  return self->status;
}

ZcLicence *
zc_reception_material_get_licence (ZcReceptionMaterial *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_MATERIAL (self), NULL);
  return self->licence;
}

ZcMaterialState
zc_reception_material_get_state (ZcReceptionMaterial *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_MATERIAL (self), ZC_MATERIAL_STATE_PENDING);
  return self->state;
}

const char *
zc_reception_material_get_note (ZcReceptionMaterial *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_MATERIAL (self), NULL);
  return self->note;
}

void
zc_reception_material_set_state (ZcReceptionMaterial *self,
                                 ZcMaterialState      state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}
