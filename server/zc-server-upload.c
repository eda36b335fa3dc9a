/* zc-server-upload.c — a document's bytes on their way to the files folder
 *
 * Why files beside the database rather than a BLOB table: a 20 MiB
 * BLOB goes through the WAL (written twice, and the WAL grows to the
 * largest transaction), and a streamed body would be held whole in
 * memory to bind it; a file is written as the body arrives, never held,
 * and served from a mapping. The file is named by its SHA-256, written
 * under a temporary name, fsynced and renamed before the row is
 * inserted: a crash before the row leaves at most an unreferenced file
 * that the retried upload (same bytes, same name) takes over; a crash
 * never leaves a row without its bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "zc-server-upload.h"

#define PDF_MAGIC     "%PDF-"
#define PDF_MAGIC_LEN 5
#define MAX_MAGIC_LEN 8

struct _ZcServerUpload
{
  char      *dir;
  char      *temp_path;   /* NULL once committed */
  int        fd;          /* -1 once closed */
  GChecksum *sum;
  char      *sha256;
  guint64    size;        /* every byte received, written or not */
  guint64    limit;
  char       magic[MAX_MAGIC_LEN]; /* what the first bytes must be */
  guint      magic_len;
  char       head[MAX_MAGIC_LEN];
  guint      head_len;
  int        write_errno; /* the first failed write, 0 when none */
};

char *
zc_server_upload_path_of (const char *dir,
                          const char *sha256)
{
  return g_build_filename (dir, sha256, NULL);
}

ZcServerUpload *
zc_server_upload_new (const char  *dir,
                      guint64      limit,
                      GError     **error)
{
  return zc_server_upload_new_with_magic (dir, limit, PDF_MAGIC, PDF_MAGIC_LEN, error);
}

ZcServerUpload *
zc_server_upload_new_with_magic (const char  *dir,
                                 guint64      limit,
                                 const char  *magic,
                                 gsize        magic_len,
                                 GError     **error)
{
  g_autoptr(ZcServerUpload) upload = g_new0 (ZcServerUpload, 1);

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (magic != NULL && magic_len > 0 && magic_len <= MAX_MAGIC_LEN, NULL);

  memcpy (upload->magic, magic, magic_len);
  upload->magic_len = (guint) magic_len;
  upload->fd = -1;
  upload->dir = g_strdup (dir);
  upload->limit = limit;
  upload->sum = g_checksum_new (G_CHECKSUM_SHA256);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot create the documents folder: %s"), g_strerror (errsv));
      return NULL;
    }
  upload->temp_path = g_build_filename (dir, ".upload-XXXXXX", NULL);
  upload->fd = g_mkstemp_full (upload->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (upload->fd < 0)
    {
      int errsv = errno;

      g_clear_pointer (&upload->temp_path, g_free);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot create a file in the documents folder: %s"), g_strerror (errsv));
      return NULL;
    }
  return g_steal_pointer (&upload);
}

static gboolean
head_matches (ZcServerUpload *upload)
{
  return memcmp (upload->head, upload->magic, upload->head_len) == 0;
}

gboolean
zc_server_upload_write (ZcServerUpload *upload,
                        const void     *data,
                        gsize           length)
{
  const char *p = data;
  gsize left = length;

  g_return_val_if_fail (upload != NULL, FALSE);

  upload->size += length;
  if (upload->size > upload->limit)
    return FALSE;
  if (upload->head_len < upload->magic_len)
    {
      gsize n = MIN (length, (gsize) (upload->magic_len - upload->head_len));

      memcpy (upload->head + upload->head_len, data, n);
      upload->head_len += (guint) n;
    }
  /* not of its kind: the rest is counted, never written (415) */
  if (!head_matches (upload) || upload->fd < 0 || upload->write_errno != 0)
    return TRUE;
  g_checksum_update (upload->sum, data, (gssize) length);
  while (left > 0)
    {
      gssize n = write (upload->fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          upload->write_errno = n < 0 ? errno : ENOSPC;
          break;
        }
      p += n;
      left -= (gsize) n;
    }
  return TRUE;
}

gboolean
zc_server_upload_is_too_large (ZcServerUpload *upload)
{
  return upload->size > upload->limit;
}

gboolean
zc_server_upload_is_pdf (ZcServerUpload *upload)
{
  return zc_server_upload_has_magic (upload);
}

gboolean
zc_server_upload_has_magic (ZcServerUpload *upload)
{
  return upload->head_len == upload->magic_len && head_matches (upload);
}

guint64
zc_server_upload_get_size (ZcServerUpload *upload)
{
  return upload->size;
}

const char *
zc_server_upload_get_sha256 (ZcServerUpload *upload)
{
  return upload->sha256;
}

static gboolean
set_io_error (GError     **error,
              int          errsv)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Cannot write the document: %s"), g_strerror (errsv));
  return FALSE;
}

gboolean
zc_server_upload_finish (ZcServerUpload  *upload,
                         GError         **error)
{
  g_return_val_if_fail (upload != NULL, FALSE);

  if (upload->sha256 == NULL)
    upload->sha256 = g_strdup (g_checksum_get_string (upload->sum));
  if (upload->fd < 0)
    return upload->write_errno == 0 || set_io_error (error, upload->write_errno);
  if (upload->write_errno == 0 && fsync (upload->fd) != 0)
    upload->write_errno = errno;
  if (close (upload->fd) != 0 && upload->write_errno == 0)
    upload->write_errno = errno;
  upload->fd = -1;
  if (upload->write_errno != 0)
    return set_io_error (error, upload->write_errno);
  return TRUE;
}

gboolean
zc_server_upload_commit (ZcServerUpload  *upload,
                         GError         **error)
{
  g_autofree char *path = NULL;
  int dir_fd;

  g_return_val_if_fail (upload != NULL, FALSE);
  g_return_val_if_fail (upload->sha256 != NULL && upload->fd < 0, FALSE);

  if (upload->temp_path == NULL)
    return TRUE;
  path = zc_server_upload_path_of (upload->dir, upload->sha256);
  if (g_rename (upload->temp_path, path) != 0)
    return set_io_error (error, errno);
  g_clear_pointer (&upload->temp_path, g_free);
  /* the rename itself made durable */
  dir_fd = open (upload->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      int rc = fsync (dir_fd);
      int errsv = errno;

      close (dir_fd);
      if (rc != 0)
        return set_io_error (error, errsv);
    }
  return TRUE;
}

void
zc_server_upload_free (ZcServerUpload *upload)
{
  if (upload == NULL)
    return;
  if (upload->fd >= 0)
    close (upload->fd);
  if (upload->temp_path != NULL)
    g_unlink (upload->temp_path);
  g_clear_pointer (&upload->sum, g_checksum_free);
  g_free (upload->temp_path);
  g_free (upload->sha256);
  g_free (upload->dir);
  g_free (upload);
}
