/* zc-pdf-job.c — a piece of PDF work run on the viewer's one worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-pdf-job.h"

typedef struct
{
  ZcPdfDocument *document;
  GCancellable *cancellable;
  GError *error;
  ZcPdfJobPriority priority;
  guint64 sequence;
} ZcPdfJobPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ZcPdfJob, zc_pdf_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
zc_pdf_job_finalize (GObject *object)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (ZC_PDF_JOB (object));

  g_clear_object (&priv->document);
  g_clear_object (&priv->cancellable);
  g_clear_error (&priv->error);

  G_OBJECT_CLASS (zc_pdf_job_parent_class)->finalize (object);
}

static void
zc_pdf_job_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (ZC_PDF_JOB (object));

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, priv->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_pdf_job_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (ZC_PDF_JOB (object));

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      priv->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_pdf_job_class_init (ZcPdfJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_pdf_job_finalize;
  object_class->get_property = zc_pdf_job_get_property;
  object_class->set_property = zc_pdf_job_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ZC_TYPE_PDF_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* on the main context, never after zc_pdf_job_cancel() */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
zc_pdf_job_init (ZcPdfJob *self)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->priority = ZC_PDF_JOB_PRIORITY_URGENT;
}

ZcPdfDocument *
zc_pdf_job_get_document (ZcPdfJob *self)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  return priv->document;
}

GCancellable *
zc_pdf_job_get_cancellable (ZcPdfJob *self)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  return priv->cancellable;
}

void
zc_pdf_job_cancel (ZcPdfJob *self)
{
  g_return_if_fail (ZC_IS_PDF_JOB (self));
  g_cancellable_cancel (zc_pdf_job_get_cancellable (self));
}

gboolean
zc_pdf_job_is_cancelled (ZcPdfJob *self)
{
  return g_cancellable_is_cancelled (zc_pdf_job_get_cancellable (self));
}

const GError *
zc_pdf_job_get_error (ZcPdfJob *self)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  return priv->error;
}

void
zc_pdf_job_fail (ZcPdfJob *self,
                 GError   *error)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  g_clear_error (&priv->error);
  priv->error = error;
}

ZcPdfJobPriority
zc_pdf_job_get_priority (ZcPdfJob *self)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  return priv->priority;
}

void
zc_pdf_job_set_priority (ZcPdfJob         *self,
                         ZcPdfJobPriority  priority)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  priv->priority = priority;
}

guint64
zc_pdf_job_get_sequence (ZcPdfJob *self)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  return priv->sequence;
}

void
zc_pdf_job_set_sequence (ZcPdfJob *self,
                         guint64   sequence)
{
  ZcPdfJobPrivate *priv = zc_pdf_job_get_instance_private (self);

  priv->sequence = sequence;
}

/* main context: cancellation happens there too, so this check and a
 * cancel cannot cross */
static gboolean
deliver_cb (gpointer user_data)
{
  ZcPdfJob *self = user_data;

  if (!zc_pdf_job_is_cancelled (self))
    g_signal_emit (self, signals[FINISHED], 0);
  return G_SOURCE_REMOVE;
}

void
zc_pdf_job_run_and_deliver (ZcPdfJob *self)
{
  if (!zc_pdf_job_is_cancelled (self))
    ZC_PDF_JOB_GET_CLASS (self)->run (self);
  /* finished or not, the last unref happens on the main context */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, deliver_cb, self, g_object_unref);
}
