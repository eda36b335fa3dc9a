/* zc-pdf-load-job.h — opens a ZcPdfDocument on the worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-pdf-job.h"

G_BEGIN_DECLS

#define ZC_TYPE_PDF_LOAD_JOB (zc_pdf_load_job_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfLoadJob, zc_pdf_load_job, ZC, PDF_LOAD_JOB, ZcPdfJob)

ZcPdfJob *zc_pdf_load_job_new (ZcPdfDocument *document);

G_END_DECLS
