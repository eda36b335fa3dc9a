/* zc-case-history.c — a case's history in words
 *
 * Each event of GET /cases/{id}/events becomes a line: what happened
 * (a task's move names its sub-matter and the task state, never a case
 * state), when, who by name and from which window or department, and
 * why. Views of personal data (查阅) are folded into one line per person
 * and day, with how many times and from when to when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-calendar.h"
#include "zc-material-check.h"

#include "zc-case-history.h"
#include "zc-ui-utils.h"

struct _ZcCaseHistory
{
  AdwBin      parent_instance;

  GtkListBox *list;
  guint       n_rows;
};

G_DEFINE_FINAL_TYPE (ZcCaseHistory, zc_case_history, ADW_TYPE_BIN)

/* the views of one person on one day */
typedef struct
{
  guint      count;
  GDateTime *first;
  GDateTime *last;
} ViewDay;

static void
view_day_free (ViewDay *day)
{
  g_clear_pointer (&day->first, g_date_time_unref);
  g_clear_pointer (&day->last, g_date_time_unref);
  g_free (day);
}

static gboolean
is_view (ZcEvent *e)
{
  const char *action = zc_event_get_action (e);

  return g_strcmp0 (action, "case.view") == 0 || g_strcmp0 (action, "applicant.view") == 0 ||
         g_strcmp0 (action, "licence.view") == 0 || g_strcmp0 (action, "document.view") == 0;
}

static const char *
action_label (const char *action)
{
  if (g_strcmp0 (action, "case.create") == 0)
    return _("Draft created");
  if (g_strcmp0 (action, "case.transition") == 0)
    return _("State changed");
  if (g_strcmp0 (action, "case.update") == 0)
    return _("Draft updated");
  if (g_strcmp0 (action, "case.claim") == 0)
    return _("Taken");
  if (g_strcmp0 (action, "case.takeover") == 0)
    return _("Taken over");
  if (g_strcmp0 (action, "case.release") == 0)
    return _("Released");
  if (g_strcmp0 (action, "case.applicant_verify") == 0)
    return _("Applicant verified");
  if (g_strcmp0 (action, "task.transition") == 0)
    return _("Department moved a sub-matter");
  if (g_strcmp0 (action, "progress.public") == 0)
    return _("Progress looked up by the applicant");
  /* commitments (容缺 / 告知承诺): the event's reason says which and by when */
  if (g_strcmp0 (action, "commitment.create") == 0)
    return _("Commitment recorded");
  if (g_strcmp0 (action, "commitment.supply") == 0)
    return _("Tolerated material supplied");
  if (g_strcmp0 (action, "commitment.fulfilled") == 0)
    return _("Commitment fulfilled: every material supplied");
  if (g_strcmp0 (action, "commitment.overdue") == 0)
    return _("Supplement deadline passed");
  if (g_strcmp0 (action, "commitment.verification_due") == 0)
    return _("Later verification scheduled");
  if (g_strcmp0 (action, "commitment.verify") == 0)
    return _("Later verification recorded");
  if (g_strcmp0 (action, "commitment.cancelled") == 0)
    return _("Commitments cancelled");
  if (g_strcmp0 (action, "credit.record") == 0)
    return _("Credit record written: false commitment");
  if (g_strcmp0 (action, "document.upload") == 0)
    return _("Material uploaded");
  if (g_strcmp0 (action, "document.view") == 0)
    return _("Material file opened");
  if (g_strcmp0 (action, "material.state") == 0)
    return _("Material state changed");
  if (g_strcmp0 (action, "document.check") == 0)
    return _("Material checked");
  /* the remote window (远程虚拟窗口) */
  if (g_strcmp0 (action, "video.start") == 0)
    return _("Remote window call started");
  if (g_strcmp0 (action, "video.end") == 0)
    return _("Remote window call ended");
  if (g_strcmp0 (action, "video.identity_check") == 0)
    return _("Remote identity check");
  if (g_strcmp0 (action, "video.recording") == 0)
    return _("Call recording saved");
  if (g_strcmp0 (action, "video.consent") == 0)
    return _("Answer on recording the call");
  /* an action this version does not know: said as such, not as a code */
  return _("Other change");
}

/* the contract's MaterialStatus in words */
static const char *
material_status_label (const char *status)
{
  if (g_strcmp0 (status, "received") == 0)
    return C_("material state", "received");
  if (g_strcmp0 (status, "exempt") == 0)
    return C_("material state", "exempt (electronic licence)");
  if (g_strcmp0 (status, "tolerated") == 0)
    return C_("material state", "to follow (容缺)");
  if (g_strcmp0 (status, "committed") == 0)
    return C_("material state", "replaced by a commitment");
  if (g_strcmp0 (status, "supplemented") == 0)
    return C_("material state", "supplied");
  return C_("material state", "required");
}

static char *
local_format (GDateTime  *when,
              const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("");
  local = zc_date_time_to_china (when);
  return g_date_time_format (local, format);
}

/* "王晓燕（1号窗口）", "张科长（市场监管局）", "平台" */
static char *
who (ZcEvent *e,
     ZcUser  *user)
{
  const char *name = zc_event_get_actor_name (e);
  const char *where = zc_event_get_window (e);

  if (g_strcmp0 (zc_event_get_actor (e), "platform") == 0)
    return g_strdup (_("The platform"));
  /* the citizen on the remote window's page (no account: their answer) */
  if (g_strcmp0 (zc_event_get_actor (e), "citizen") == 0
      && g_strcmp0 (zc_event_get_role (e), "citizen") == 0)
    return g_strdup (_("The applicant (remote window)"));
  if ((name == NULL || name[0] == '\0') && user != NULL
      && g_strcmp0 (zc_user_get_username (user), zc_event_get_actor (e)) == 0)
    name = zc_user_get_display_name (user);
  if (name == NULL || name[0] == '\0')
    name = zc_event_get_actor (e);
  if (where == NULL || where[0] == '\0')
    where = zc_event_get_department (e);
  if (where != NULL && where[0] != '\0')
    /* Translators: a person and their window or department: 王晓燕（1号窗口） */
    return g_strdup_printf (_("%s (%s)"), name, where);
  return g_strdup (name);
}

/* a check's verdict in words (一致 …), or the by-eye decision */
static const char *
check_label (const char *word)
{
  if (g_strcmp0 (word, "confirmed") == 0)
    /* Translators: the clerk looked at an uncertain material and accepted it */
    return _("confirmed by eye");
  if (g_strcmp0 (word, "rejected") == 0)
    return _("rejected by eye");
  for (int v = ZC_VERDICT_REVOKED; v <= ZC_VERDICT_UNREADABLE; v++)
    if (g_strcmp0 (word, zc_verdict_to_string ((ZcVerdict) v)) == 0)
      return zc_verdict_to_label ((ZcVerdict) v);
  return word != NULL ? word : "";
}

/* "户口登记：审核中", "状态改为 已受理", "已取件" */
static char *
what (ZcEvent *e)
{
  const char *to = zc_event_get_to_state (e);
  const char *action = zc_event_get_action (e);

  if (g_strcmp0 (action, "task.transition") == 0 && to != NULL)
    {
      const char *state = zc_task_state_label (zc_task_state_from_string (to));
      const char *matter = zc_event_get_matter_name (e);

      if (matter != NULL && matter[0] != '\0')
        /* Translators: a sub-matter and the state it moved to: 户口登记：审核中 */
        return g_strdup_printf (_("%s: %s"), matter, state);
      return g_strdup_printf ("%s → %s", action_label (action), state);
    }
  if (g_str_has_prefix (action ? action : "", "commitment.") ||
      g_str_has_prefix (action ? action : "", "credit."))
    return g_strdup (action_label (action));
  /* the signed letters of a commitment, by what they are */
  if (g_strcmp0 (action, "document.upload") == 0 &&
      g_strcmp0 (zc_event_get_document_kind (e), "commitment_letter") == 0)
    return g_strdup (_("Signed commitment letter uploaded"));
  if (g_strcmp0 (action, "document.upload") == 0 &&
      g_strcmp0 (zc_event_get_document_kind (e), "tolerance_notice") == 0)
    return g_strdup (_("Tolerance notice uploaded"));
  if (g_strcmp0 (action, "document.upload") == 0 && zc_event_get_material_name (e) != NULL)
    /* Translators: the history of a case: 已上传材料 营业执照 */
    return g_strdup_printf (_("Material uploaded: %s"), zc_event_get_material_name (e));
  if (g_strcmp0 (action, "document.check") == 0)
    {
      const char *from = zc_event_get_from_state (e);
      const char *name = zc_event_get_material_name (e);
      g_autofree char *result = NULL;

      if (g_strcmp0 (from, to) != 0 && from != NULL)
        /* Translators: 待人工确认，人工确认无误 */
        result = g_strdup_printf (_("%s, %s"), check_label (from), check_label (to));
      else
        result = g_strdup (check_label (to));
      if (name != NULL && name[0] != '\0')
        /* Translators: the history of a case: 材料核验 营业执照：一致 */
        return g_strdup_printf (_("Material check %s: %s"), name, result);
      /* Translators: the history of a case: 材料核验：一致 */
      return g_strdup_printf (_("Material check: %s"), result);
    }
  if (g_strcmp0 (action, "video.identity_check") == 0)
    /* Translators: the history of a case: 远程身份核验：通过 (the note follows
     * in the line below) */
    return g_strdup_printf (_("Remote identity check: %s"),
                            g_strcmp0 (to, "passed") == 0 ? C_("identity check", "passed")
                                                           : C_("identity check", "failed"));
  if (g_strcmp0 (action, "video.consent") == 0)
    return g_strdup (g_strcmp0 (to, "given") == 0
                     ? _("The applicant agreed to the call being recorded")
                     : _("The applicant refused recording of the call"));
  if (g_strcmp0 (action, "material.state") == 0 && zc_event_get_material_name (e) != NULL && to != NULL)
    /* Translators: a material and the state it moved to (contract words:
     * required, received, exempt, tolerated, committed, supplemented) */
    return g_strdup_printf (_("Material %s: %s"), zc_event_get_material_name (e), material_status_label (to));
  if (to != NULL)
    return g_strdup_printf ("%s → %s", action_label (action),
                            zc_case_state_label (zc_case_state_from_string (to)));
  return g_strdup (action_label (action));
}

static void
add_line (ZcCaseHistory *self,
          const char    *title,
          const char    *subtitle,
          const char    *name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, name);
  gtk_list_box_append (self->list, row);
  self->n_rows++;
}

static void
zc_case_history_class_init (ZcCaseHistoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zc_case_history_init (ZcCaseHistory *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  zc_ui_make_group (GTK_BOX (box), _("History"), NULL, &self->list);
  gtk_widget_set_name (GTK_WIDGET (self->list), "history-list");
  adw_bin_set_child (ADW_BIN (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("History"), -1);
}

GtkWidget *
zc_case_history_new (void)
{
  return g_object_new (ZC_TYPE_CASE_HISTORY, NULL);
}

void
zc_case_history_set_events (ZcCaseHistory *self,
                            GListModel    *events,
                            ZcUser        *user)
{
  g_autoptr(GHashTable) days = NULL;
  guint n;

  g_return_if_fail (ZC_IS_CASE_HISTORY (self));

  zc_ui_clear_list (self->list);
  self->n_rows = 0;
  if (events == NULL)
    return;

  /* first the views, per person and day */
  days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) view_day_free);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcEvent) e = g_list_model_get_item (events, i);
      g_autofree char *day = NULL;
      g_autofree char *key = NULL;
      ViewDay *v;

      if (!is_view (e))
        continue;
      day = local_format (zc_event_get_at (e), "%Y-%m-%d");
      key = g_strconcat (zc_event_get_actor (e), "\n", day, NULL);
      if ((v = g_hash_table_lookup (days, key)) == NULL)
        {
          v = g_new0 (ViewDay, 1);
          v->first = zc_event_get_at (e) ? g_date_time_ref (zc_event_get_at (e)) : NULL;
          g_hash_table_insert (days, g_steal_pointer (&key), v);
        }
      v->count++;
      g_clear_pointer (&v->last, g_date_time_unref);
      v->last = zc_event_get_at (e) ? g_date_time_ref (zc_event_get_at (e)) : NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcEvent) e = g_list_model_get_item (events, i);
      g_autofree char *person = who (e, user);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (is_view (e))
        {
          g_autofree char *day = local_format (zc_event_get_at (e), "%Y-%m-%d");
          g_autofree char *key = g_strconcat (zc_event_get_actor (e), "\n", day, NULL);
          ViewDay *v = g_hash_table_lookup (days, key);
          g_autofree char *title = NULL;
          g_autofree char *from = NULL;
          g_autofree char *to = NULL;

          if (v == NULL)
            continue;  /* its day's line is shown already */
          from = local_format (v->first, "%H:%M");
          to = local_format (v->last, "%H:%M");
          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Personal data viewed once",
                                                "Personal data viewed %u times", v->count), v->count);
          if (v->count > 1 && g_strcmp0 (from, to) != 0)
            g_string_append_printf (subtitle, "%s %s–%s · %s", day, from, to, person);
          else
            g_string_append_printf (subtitle, "%s %s · %s", day, from, person);
          add_line (self, title, subtitle->str, "history-views");
          g_hash_table_remove (days, key);
          continue;
        }

      {
        g_autofree char *when = local_format (zc_event_get_at (e), "%Y-%m-%d %H:%M");
        g_autofree char *title = what (e);

        g_string_append_printf (subtitle, "%s · %s", when, person);
        if (zc_event_get_reason (e) != NULL && zc_event_get_reason (e)[0] != '\0')
          g_string_append_printf (subtitle, " · %s", zc_event_get_reason (e));
        add_line (self, title, subtitle->str, "history-event");
      }
    }
  if (self->n_rows == 0)
    add_line (self, _("No events"), NULL, "history-empty");
}

guint
zc_case_history_get_n_rows (ZcCaseHistory *self)
{
  g_return_val_if_fail (ZC_IS_CASE_HISTORY (self), 0);

  return self->n_rows;
}
