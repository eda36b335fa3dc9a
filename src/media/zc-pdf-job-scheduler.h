/* zc-pdf-job-scheduler.h — the one worker thread of PDF jobs
 *
 * All ZcPdfJobs of the process run on one thread (poppler is not
 * thread-safe; papers limits its pool to one thread too), the most
 * urgent first, in the order pushed within a priority. A job cancelled
 * while queued is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-pdf-job.h"

G_BEGIN_DECLS

/* main thread; a ref on @job is taken until it has been delivered */
void zc_pdf_job_scheduler_push (ZcPdfJob        *job,
                                ZcPdfJobPriority priority);

G_END_DECLS
