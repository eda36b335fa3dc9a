/* zc-pdf-load-job.c — opens a ZcPdfDocument on the worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-pdf-load-job.h"

struct _ZcPdfLoadJob
{
  ZcPdfJob parent_instance;
};

G_DEFINE_FINAL_TYPE (ZcPdfLoadJob, zc_pdf_load_job, ZC_TYPE_PDF_JOB)

static void
zc_pdf_load_job_run (ZcPdfJob *job)
{
  GError *error = NULL;

  if (!zc_pdf_document_load (zc_pdf_job_get_document (job), &error))
    zc_pdf_job_fail (job, error);
}

static void
zc_pdf_load_job_class_init (ZcPdfLoadJobClass *klass)
{
  ZC_PDF_JOB_CLASS (klass)->run = zc_pdf_load_job_run;
}

static void
zc_pdf_load_job_init (ZcPdfLoadJob *self)
{
}

ZcPdfJob *
zc_pdf_load_job_new (ZcPdfDocument *document)
{
  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (document), NULL);
  return g_object_new (ZC_TYPE_PDF_LOAD_JOB, "document", document, NULL);
}
