/* zc-pdf-close-job.h — lets go of a document's poppler objects on the
 * worker
 *
 * Freeing a PopplerDocument is poppler work too: a view done with a
 * document pushes this job so that the main thread never does it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-pdf-job.h"

G_BEGIN_DECLS

#define ZC_TYPE_PDF_CLOSE_JOB (zc_pdf_close_job_get_type ())
G_DECLARE_FINAL_TYPE (ZcPdfCloseJob, zc_pdf_close_job, ZC, PDF_CLOSE_JOB, ZcPdfJob)

ZcPdfJob *zc_pdf_close_job_new (ZcPdfDocument *document);

G_END_DECLS
