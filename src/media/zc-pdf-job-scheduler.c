/* zc-pdf-job-scheduler.c — the one worker thread of PDF jobs
 *
 * A GThreadPool of one thread sorted by priority then sequence (evince's
 * ev-job-scheduler keeps one queue per priority for the same effect).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-pdf-job-scheduler.h"

static void
worker_func (gpointer data,
             gpointer user_data)
{
  /* the job's ref goes back to the main context with it */
  zc_pdf_job_run_and_deliver (ZC_PDF_JOB (data));
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ZcPdfJob *ja = (ZcPdfJob *) a;
  ZcPdfJob *jb = (ZcPdfJob *) b;
  ZcPdfJobPriority pa = zc_pdf_job_get_priority (ja);
  ZcPdfJobPriority pb = zc_pdf_job_get_priority (jb);
  guint64 sa, sb;

  if (pa != pb)
    return pa < pb ? -1 : 1;
  sa = zc_pdf_job_get_sequence (ja);
  sb = zc_pdf_job_get_sequence (jb);
  return sa < sb ? -1 : sa > sb;
}

static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool = NULL;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *p = g_thread_pool_new (worker_func, NULL, 1, FALSE, NULL);

      g_thread_pool_set_sort_function (p, compare_jobs, NULL);
      g_once_init_leave (&pool, p);
    }
  return pool;
}

void
zc_pdf_job_scheduler_push (ZcPdfJob        *job,
                           ZcPdfJobPriority priority)
{
  static guint64 sequence;

  g_return_if_fail (ZC_IS_PDF_JOB (job));

  zc_pdf_job_set_priority (job, priority);
  zc_pdf_job_set_sequence (job, ++sequence);
  g_thread_pool_push (get_pool (), g_object_ref (job), NULL);
}
