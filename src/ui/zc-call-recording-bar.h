/* zc-call-recording-bar.h — the remote window's recording, only after
 * the citizen's consent: 等待市民答复 / 录像中 with 停止录像 / 市民未同意
 *录像 (no recording, said), and at the end the WebM stored with the case
 * (POST /video-sessions/{id}/recording, async, retried a few times; the
 * file is kept locally until the platform has it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"
#include "zc-video-call.h"

G_BEGIN_DECLS

typedef enum
{
  ZC_RECORDING_NONE,       /* no call */
  ZC_RECORDING_ASKED,      /* waiting for the citizen's answer */
  ZC_RECORDING_REFUSED,    /* the citizen said no: nothing recorded */
  ZC_RECORDING_RECORDING,
  ZC_RECORDING_UPLOADING,
  ZC_RECORDING_STORED,     /* the platform keeps it with the case */
  ZC_RECORDING_FAILED,     /* see the bar's text; the file is kept */
} ZcRecordingState;

#define ZC_TYPE_CALL_RECORDING_BAR (zc_call_recording_bar_get_type ())
G_DECLARE_FINAL_TYPE (ZcCallRecordingBar, zc_call_recording_bar, ZC, CALL_RECORDING_BAR, AdwBin)

GtkWidget        *zc_call_recording_bar_new       (void);

/* Follows @call (NULL: none) of video session @session; the recording
 * is written under @dir (NULL: the user's cache folder) and sent
 * through @client. */
void              zc_call_recording_bar_set_call  (ZcCallRecordingBar *self,
                                                   ZcVideoCall        *call,
                                                   ZcClient           *client,
                                                   gint64              session,
                                                   const char         *dir);
ZcRecordingState  zc_call_recording_bar_get_state (ZcCallRecordingBar *self);
/* The file being or last written, or NULL */
const char       *zc_call_recording_bar_get_path  (ZcCallRecordingBar *self);
/* The platform's Document of the stored recording, or NULL */
JsonObject       *zc_call_recording_bar_get_document (ZcCallRecordingBar *self);
/* Stops the recording (as the 停止录像 button does) */
void              zc_call_recording_bar_stop      (ZcCallRecordingBar *self);

/* Property "state" (notify) */

G_END_DECLS
