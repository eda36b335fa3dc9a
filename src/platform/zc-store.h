/* zc-store.h — the workstation's local SQLite store: drafts and the
 * outbox (docs/domain.md, rule 7: nothing typed at the counter is lost).
 *
 * One file per workstation (default g_get_user_data_dir()/zongchuang/
 * local.db), WAL, synchronous=FULL for drafts and the outbox. Every row
 * belongs to the user who wrote it. Writes are small and run on a worker
 * thread (GTask) so the main loop never blocks; a _sync variant exists
 * for zcctl and tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ZC_STORE_ERROR (zc_store_error_quark ())
typedef enum
{
  ZC_STORE_ERROR_OPEN,
  ZC_STORE_ERROR_IO,
  ZC_STORE_ERROR_CORRUPT,   /* a stored body is not valid JSON */
  ZC_STORE_ERROR_NOT_FOUND,
} ZcStoreError;
GQuark zc_store_error_quark (void);

typedef enum
{
  ZC_OUTBOX_QUEUED,     /* waiting to be sent */
  ZC_OUTBOX_SENT,       /* delivered; result kept (case id, number) */
  ZC_OUTBOX_REFUSED,    /* the platform refused it (4xx other than 401/408/429): set aside with its reason */
  ZC_OUTBOX_DISCARDED,  /* refused, then discarded or taken back for correction by the clerk; kept for the record */
} ZcOutboxState;

#define ZC_TYPE_STORE (zc_store_get_type ())
G_DECLARE_FINAL_TYPE (ZcStore, zc_store, ZC, STORE, GObject)

/* signal "outbox-changed" (no arguments): an entry was appended or
 * changed state (emitted on the thread that changed it).
 * @path NULL = the default location. */
ZcStore    *zc_store_new                 (const char *path, GError **error);
const char *zc_store_get_path            (ZcStore *self);
/* A file found damaged at opening is kept beside (PATH.damaged-DATE-TIME,
 * its write-ahead log with it) and a fresh store takes its place with
 * what could be read, unsent outbox entries first. Then these say where
 * it was kept and, translated for the person at the counter, what
 * happened and what was recovered; NULL otherwise. */
const char *zc_store_get_damaged_path    (ZcStore *self);
const char *zc_store_get_recovery_notice (ZcStore *self);
/* zc_store_new() on a worker thread */
void        zc_store_new_async           (const char *path, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
ZcStore    *zc_store_new_finish          (GAsyncResult *result, GError **error);

/* --- drafts: a local reference ("L-20261127-0001"-like, unique per store),
 * the owner, the JSON body (zc_reception_to_json), updated_at. */
char       *zc_store_new_local_ref       (ZcStore *self);   /* allocates a fresh one */
void        zc_store_new_local_ref_async  (ZcStore *self, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
char       *zc_store_new_local_ref_finish (ZcStore *self, GAsyncResult *result, GError **error);
gboolean    zc_store_save_draft_sync     (ZcStore *self, const char *local_ref, const char *username,
                                          JsonObject *body, GError **error);
void        zc_store_save_draft_async    (ZcStore *self, const char *local_ref, const char *username,
                                          JsonObject *body, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_store_save_draft_finish   (ZcStore *self, GAsyncResult *result, GError **error);
JsonObject *zc_store_load_draft          (ZcStore *self, const char *local_ref, GError **error);
/* local refs of @username's drafts, newest first */
GStrv       zc_store_list_drafts         (ZcStore *self, const char *username, GError **error);
gboolean    zc_store_delete_draft        (ZcStore *self, const char *local_ref, GError **error);
/* The same on a worker thread (the main loop never waits for SQLite):
 * @username's drafts newest first, at most @max (0 = all), without
 * @except, each body with its "local_ref" (GPtrArray of JsonObject) */
void        zc_store_list_draft_bodies_async  (ZcStore *self, const char *username, const char *except,
                                               guint max, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GPtrArray  *zc_store_list_draft_bodies_finish (ZcStore *self, GAsyncResult *result, GError **error);
void        zc_store_load_draft_async    (ZcStore *self, const char *local_ref, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
JsonObject *zc_store_load_draft_finish   (ZcStore *self, GAsyncResult *result, GError **error);
void        zc_store_delete_draft_async  (ZcStore *self, const char *local_ref, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean    zc_store_delete_draft_finish (ZcStore *self, GAsyncResult *result, GError **error);

/* --- the outbox: ordered entries (method, path, JSON body, Idempotency-Key,
 * owner, client time, local ref, state, attempts, next attempt, last error,
 * response body). */
#define ZC_TYPE_OUTBOX_ENTRY (zc_outbox_entry_get_type ())
G_DECLARE_FINAL_TYPE (ZcOutboxEntry, zc_outbox_entry, ZC, OUTBOX_ENTRY, GObject)
gint64        zc_outbox_entry_get_id          (ZcOutboxEntry *self);
const char   *zc_outbox_entry_get_local_ref   (ZcOutboxEntry *self);
const char   *zc_outbox_entry_get_username    (ZcOutboxEntry *self);
const char   *zc_outbox_entry_get_kind        (ZcOutboxEntry *self); /* "submit_case", "transition" … */
JsonObject   *zc_outbox_entry_get_body        (ZcOutboxEntry *self);
const char   *zc_outbox_entry_get_idempotency_key (ZcOutboxEntry *self);
GDateTime    *zc_outbox_entry_get_created_at  (ZcOutboxEntry *self); /* the client's reception time */
ZcOutboxState zc_outbox_entry_get_state       (ZcOutboxEntry *self);
guint         zc_outbox_entry_get_attempts    (ZcOutboxEntry *self);
const char   *zc_outbox_entry_get_last_error  (ZcOutboxEntry *self); /* translated reason when refused */
const char   *zc_outbox_entry_get_case_number (ZcOutboxEntry *self); /* once sent */
gint64        zc_outbox_entry_get_case_id     (ZcOutboxEntry *self); /* once sent, else 0 */
GDateTime    *zc_outbox_entry_get_next_attempt (ZcOutboxEntry *self); /* queued after a failure; may be NULL */
/* zc_outbox_entry_get_body() is NULL when the stored body is damaged
 * (ZC_STORE_ERROR_CORRUPT for that row): the outbox sets it aside. */

/* Appends; the Idempotency-Key is generated here (g_uuid_string_random). */
ZcOutboxEntry *zc_store_outbox_append   (ZcStore *self, const char *username, const char *kind,
                                         const char *local_ref, JsonObject *body, GError **error);
/* The same on a worker thread (@body is copied at once) */
void        zc_store_outbox_append_async  (ZcStore *self, const char *username, const char *kind,
                                           const char *local_ref, JsonObject *body,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
ZcOutboxEntry *zc_store_outbox_append_finish (ZcStore *self, GAsyncResult *result, GError **error);
/* Entries of @username (NULL = everybody) in @state, oldest first
 * (GListModel of ZcOutboxEntry). */
GListModel *zc_store_outbox_list        (ZcStore *self, const char *username, ZcOutboxState state,
                                         GError **error);
guint       zc_store_outbox_count       (ZcStore *self, const char *username, ZcOutboxState state);
ZcOutboxEntry *zc_store_outbox_get      (ZcStore *self, gint64 id, GError **error);
gboolean    zc_store_outbox_mark_sent   (ZcStore *self, gint64 id, gint64 case_id,
                                         const char *case_number, GError **error);
gboolean    zc_store_outbox_mark_refused (ZcStore *self, gint64 id, const char *reason, GError **error);
gboolean    zc_store_outbox_mark_retry  (ZcStore *self, gint64 id, GDateTime *next_attempt,
                                         const char *reason, GError **error);
/* A refused entry back into the queue (same key, same place in order). */
gboolean    zc_store_outbox_requeue     (ZcStore *self, gint64 id, GError **error);

/* The clerk gives up a refused entry: it leaves the refused list and is
 * kept as DISCARDED. Only a REFUSED entry (else ZC_STORE_ERROR_NOT_FOUND). */
gboolean    zc_store_outbox_discard     (ZcStore *self, gint64 id, GError **error);
/* A refused entry back into a draft of @username for correction, in one
 * transaction: its body becomes the draft (its local_ref, or a fresh
 * one) and the entry is DISCARDED. Returns the draft's local ref (free
 * it) or NULL. Resubmitting appends a NEW entry with a new key. */
char       *zc_store_outbox_take_for_correction (ZcStore *self, gint64 id, const char *username,
                                                 GError **error);

/* --- the outbox on a worker thread (the main loop never waits for SQLite) */
void        zc_store_outbox_list_async    (ZcStore *self, const char *username, ZcOutboxState state,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
GListModel *zc_store_outbox_list_finish   (ZcStore *self, GAsyncResult *result, GError **error);
/* the oldest queued entry of @username (NULL = everybody's) alone;
 * _finish returns NULL without an error when nothing is queued */
void        zc_store_outbox_next_async    (ZcStore *self, const char *username,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
ZcOutboxEntry *zc_store_outbox_next_finish (ZcStore *self, GAsyncResult *result, GError **error);
/* queued and refused entries of @username (NULL = everybody) */
void        zc_store_outbox_counts_async  (ZcStore *self, const char *username,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
gboolean    zc_store_outbox_counts_finish (ZcStore *self, GAsyncResult *result, guint *queued,
                                           guint *refused, GError **error);
void        zc_store_outbox_mark_sent_async    (ZcStore *self, gint64 id, gint64 case_id,
                                                const char *case_number, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
void        zc_store_outbox_mark_refused_async (ZcStore *self, gint64 id, const char *reason,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
void        zc_store_outbox_mark_retry_async   (ZcStore *self, gint64 id, GDateTime *next_attempt,
                                                const char *reason, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
void        zc_store_outbox_discard_async      (ZcStore *self, gint64 id, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
/* finishes the four above: the entry as stored now (transfer full), or NULL */
ZcOutboxEntry *zc_store_outbox_mark_finish     (ZcStore *self, GAsyncResult *result, GError **error);
/* zc_store_outbox_take_for_correction() on a worker thread: the draft's
 * local ref (free it), or NULL */
void        zc_store_outbox_take_for_correction_async  (ZcStore *self, gint64 id, const char *username,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback, gpointer user_data);
char       *zc_store_outbox_take_for_correction_finish (ZcStore *self, GAsyncResult *result,
                                                        GError **error);

/* --- material files: a material's PDF kept with a draft or a queued
 * submission until the outbox has uploaded it (docs: HACKING.md,
 * "Material files"). Entries of kind ZC_OUTBOX_KIND_UPLOAD_DOCUMENT
 * carry {"file","material","name","sha256","size","local_ref"?,"case_id"?}
 * and their own Idempotency-Key; the bytes stay in the store. */
#define ZC_OUTBOX_KIND_SUBMIT_CASE     "submit_case"
#define ZC_OUTBOX_KIND_UPLOAD_DOCUMENT "upload_document"

/* Keeps @pdf for @local_ref (a draft / submission) or the platform's
 * case @case_id (> 0), and queues its upload behind the submission when
 * that is in the outbox already (or at once for @case_id); else the
 * file is queued with the draft's submission. Returns the file id, 0 on
 * error. */
gint64      zc_store_add_material_file   (ZcStore *self, const char *username, const char *local_ref,
                                          gint64 case_id, const char *material, const char *name,
                                          GBytes *pdf, GError **error);
GBytes     *zc_store_load_material_file  (ZcStore *self, gint64 id, GError **error);
/* the files kept with @local_ref for @username, the newest of each
 * material: code → PDF (GBytes); blocking (a worker thread's call) */
GHashTable *zc_store_material_files_of_draft (ZcStore *self, const char *username,
                                              const char *local_ref, GError **error);
/* the platform's case id of @local_ref's sent submission, else 0 */
gint64      zc_store_case_id_of_local_ref (ZcStore *self, const char *local_ref, GError **error);
/* upload entry @entry_id SENT and its file's @document_id, in one transaction */
gboolean    zc_store_material_uploaded   (ZcStore *self, gint64 entry_id, gint64 case_id,
                                          gint64 document_id, GError **error);
/* the same on a worker thread */
void        zc_store_add_material_file_async  (ZcStore *self, const char *username, const char *local_ref,
                                               gint64 case_id, const char *material, const char *name,
                                               GBytes *pdf, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
gint64      zc_store_add_material_file_finish (ZcStore *self, GAsyncResult *result, GError **error);
void        zc_store_load_material_file_async  (ZcStore *self, gint64 id, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
GBytes     *zc_store_load_material_file_finish (ZcStore *self, GAsyncResult *result, GError **error);
void        zc_store_case_id_of_local_ref_async  (ZcStore *self, const char *local_ref,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
gint64      zc_store_case_id_of_local_ref_finish (ZcStore *self, GAsyncResult *result, GError **error);
void        zc_store_material_uploaded_async  (ZcStore *self, gint64 entry_id, gint64 case_id,
                                               gint64 document_id, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
/* the entry as stored now (transfer full), or NULL */
ZcOutboxEntry *zc_store_material_uploaded_finish (ZcStore *self, GAsyncResult *result, GError **error);

/* --- debugging, always compiled in: SQLite statements (and opens) run
 * from a callback of the main loop (on the thread owning the default main
 * context, inside a dispatch). The rule is 0. */
guint       zc_store_debug_get_main_loop_statements   (void);
void        zc_store_debug_reset_main_loop_statements (void);

G_END_DECLS
