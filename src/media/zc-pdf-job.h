/* zc-pdf-job.h — a piece of PDF work run on the viewer's one worker
 *
 * A job (evince's EvJob, papers' PpsJob) is a GObject with a run()
 * that the scheduler calls on its worker thread, and a GCancellable.
 * When run() is over, "finished" is emitted on the main context —
 * unless the job was cancelled before that: a cancelled job never
 * delivers. The job is always released on the main thread (its texture
 * may carry the renderer's data).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zc-pdf-document.h"

G_BEGIN_DECLS

/* the scheduler runs the lowest value first */
typedef enum
{
  ZC_PDF_JOB_PRIORITY_URGENT,   /* what the clerk is looking at */
  ZC_PDF_JOB_PRIORITY_HIGH,     /* the pages around it */
  ZC_PDF_JOB_PRIORITY_LOW,      /* thumbnails */
} ZcPdfJobPriority;

#define ZC_TYPE_PDF_JOB (zc_pdf_job_get_type ())
G_DECLARE_DERIVABLE_TYPE (ZcPdfJob, zc_pdf_job, ZC, PDF_JOB, GObject)

struct _ZcPdfJobClass
{
  GObjectClass parent_class;

  /* on the worker; reports a failure with zc_pdf_job_fail() */
  void (*run) (ZcPdfJob *self);
};

ZcPdfDocument *zc_pdf_job_get_document    (ZcPdfJob  *self);
GCancellable  *zc_pdf_job_get_cancellable (ZcPdfJob  *self);
/* main thread: the job will not deliver */
void           zc_pdf_job_cancel          (ZcPdfJob  *self);
gboolean       zc_pdf_job_is_cancelled    (ZcPdfJob  *self);
/* after "finished": the failure, or NULL */
const GError  *zc_pdf_job_get_error       (ZcPdfJob  *self);

/* for run(): keeps @error (taken) as the job's failure */
void           zc_pdf_job_fail            (ZcPdfJob  *self,
                                           GError    *error);

/* the scheduler's side */
ZcPdfJobPriority zc_pdf_job_get_priority  (ZcPdfJob  *self);
void           zc_pdf_job_set_priority    (ZcPdfJob  *self,
                                           ZcPdfJobPriority priority);
guint64        zc_pdf_job_get_sequence    (ZcPdfJob  *self);
void           zc_pdf_job_set_sequence    (ZcPdfJob  *self,
                                           guint64    sequence);
/* worker: runs it (unless cancelled), then hands the job (taken) back
 * to the main context, which emits "finished" and releases it */
void           zc_pdf_job_run_and_deliver (ZcPdfJob  *self);

G_END_DECLS
