/* zc-pdf-close-job.c — lets go of a document's poppler objects on the
 * worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-pdf-close-job.h"

struct _ZcPdfCloseJob
{
  ZcPdfJob parent_instance;
};

G_DEFINE_FINAL_TYPE (ZcPdfCloseJob, zc_pdf_close_job, ZC_TYPE_PDF_JOB)

static void
zc_pdf_close_job_run (ZcPdfJob *job)
{
  zc_pdf_document_close (zc_pdf_job_get_document (job));
}

static void
zc_pdf_close_job_class_init (ZcPdfCloseJobClass *klass)
{
  ZC_PDF_JOB_CLASS (klass)->run = zc_pdf_close_job_run;
}

static void
zc_pdf_close_job_init (ZcPdfCloseJob *self)
{
}

ZcPdfJob *
zc_pdf_close_job_new (ZcPdfDocument *document)
{
  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (document), NULL);
  return g_object_new (ZC_TYPE_PDF_CLOSE_JOB, "document", document, NULL);
}
