/* zc-confirm-step.c — the reception in one look before it is received
 *
 * Bound to the reception: its "changed" signal recomputes the summary,
 * the problems (zc_reception_dup_problems: each with the step where it
 * is put right) and the "can-submit" property that
 * enables the page's reception.submit. Each problem is a row that, when
 * activated, emits "problem-activated" with what it is about, so that the
 * page takes the clerk there. The focus lands on Receive when it may be
 * pressed, otherwise on the first problem.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"

#include "zc-confirm-step.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

struct _ZcConfirmStep
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkListBox          *summary_list;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  GtkButton           *notice_button;
  GtkButton           *submit_button;

  /* owned */
  ZcReception         *reception;
  GSignalGroup        *reception_signals;
  char                *override_reason;
  gboolean             can_submit;
};

G_DEFINE_FINAL_TYPE (ZcConfirmStep, zc_confirm_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECEPTION,
  PROP_CAN_SUBMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_summary_row (GtkListBox *list,
                 const char *title,
                 const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (list, row);
}

/* The step where a problem is put right */
static const char *
problem_step_title (const ZcReceptionProblem *problem)
{
  switch (problem->subject)
    {
    case ZC_PROBLEM_SUBJECT_MATTERS:
      return _("Sub-matters");
    case ZC_PROBLEM_SUBJECT_PARTY:
      return _("Parties");
    case ZC_PROBLEM_SUBJECT_FIELD:
      return _("Merged Form");
    case ZC_PROBLEM_SUBJECT_MATERIAL:
      return _("Materials");
    default:
      return NULL;
    }
}

static void
problem_row_activated_cb (AdwActionRow  *row,
                          ZcConfirmStep *self)
{
  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0,
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "zc-problem-subject")),
                 g_object_get_data (G_OBJECT (row), "zc-problem-key"));
}

void
zc_confirm_step_refresh (ZcConfirmStep *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(GStrv) matters = NULL;
  g_autoptr(GString) matter_names = g_string_new (NULL);
  GListModel *materials;
  ZcCatalogueItem *item;
  ZcApplicant *applicant_obj;
  guint counts[5] = { 0 };
  g_autofree char *materials_line = NULL;
  g_autofree char *prefill = NULL;
  g_autofree char *applicant = NULL;
  gboolean ok;

  g_return_if_fail (ZC_IS_CONFIRM_STEP (self));

  zc_ui_clear_list (self->summary_list);
  zc_ui_clear_list (self->problems_list);
  if (self->reception == NULL)
    {
      if (self->can_submit)
        {
          self->can_submit = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SUBMIT]);
        }
      return;
    }

  matters = zc_reception_dup_chosen_matters (self->reception);
  materials = zc_reception_get_materials (self->reception);
  item = zc_reception_get_item (self->reception);
  applicant_obj = zc_reception_get_applicant (self->reception);

  applicant = g_strdup_printf ("%s · %s", zc_applicant_get_name (applicant_obj),
                               zc_applicant_get_key (applicant_obj));
  add_summary_row (self->summary_list, _("Applicant"), applicant);
  add_summary_row (self->summary_list, _("Integrated item"), zc_catalogue_item_get_name (item));
  for (guint i = 0; matters != NULL && matters[i] != NULL; i++)
    {
      ZcMatter *m = zc_catalogue_item_find_matter (item, matters[i]);

      if (matter_names->len > 0)
        g_string_append (matter_names, "；");
      g_string_append (matter_names, m != NULL ? zc_matter_get_name (m) : matters[i]);
    }
  add_summary_row (self->summary_list, _("Sub-matters"), matter_names->str);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterialState s = zc_reception_material_get_state (rm);

      if ((guint) s < G_N_ELEMENTS (counts))
        counts[s]++;
    }
  materials_line = g_strdup_printf (_("%u received, %u exempt, %u tolerated, %u by commitment, %u to follow"),
                                    counts[ZC_MATERIAL_STATE_RECEIVED], counts[ZC_MATERIAL_STATE_EXEMPT],
                                    counts[ZC_MATERIAL_STATE_DEFERRED], counts[ZC_MATERIAL_STATE_COMMITTED],
                                    counts[ZC_MATERIAL_STATE_PENDING]);
  add_summary_row (self->summary_list, _("Materials"), materials_line);
  prefill = g_strdup_printf (_("%.0f%% of the fields"), 100.0 * zc_reception_get_prefill_ratio (self->reception));
  add_summary_row (self->summary_list, _("Prefilled"), prefill);
  if (self->override_reason != NULL)
    add_summary_row (self->summary_list, _("Credit code accepted despite its check (for the supervisor)"),
                     self->override_reason);

  problems = zc_reception_dup_problems (self->reception);
  ok = problems->len == 0;
  for (guint i = 0; i < problems->len; i++)
    {
      ZcReceptionProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* where it is put right */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem_step_title (problem));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      /* a link to where it is put right */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      name = g_strdup_printf ("problem-%s", problem->key != NULL ? problem->key : "matters");
      gtk_widget_set_name (row, name);
      g_object_set_data (G_OBJECT (row), "zc-problem-subject", GINT_TO_POINTER (problem->subject));
      g_object_set_data_full (G_OBJECT (row), "zc-problem-key", g_strdup (problem->key), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (problem_row_activated_cb), self);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), !ok);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_button), !ok || counts[ZC_MATERIAL_STATE_PENDING] > 0
                          || counts[ZC_MATERIAL_STATE_DEFERRED] > 0);
  if (self->can_submit != ok)
    {
      self->can_submit = ok;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SUBMIT]);
    }
}

static gboolean
zc_confirm_step_grab_focus (GtkWidget *widget)
{
  ZcConfirmStep *self = ZC_CONFIRM_STEP (widget);

  GtkWidget *first_problem;

  /* Receive when it may be pressed; otherwise the first problem, whose
   * Return takes the clerk to where it is put right (Back would undo the
   * step the clerk just asked for) */
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->submit_button)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->submit_button));
  first_problem = GTK_WIDGET (gtk_list_box_get_row_at_index (self->problems_list, 0));
  return first_problem != NULL && gtk_widget_grab_focus (first_problem);
}

static void
zc_confirm_step_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZcConfirmStep *self = ZC_CONFIRM_STEP (object);

  switch (prop_id)
    {
    case PROP_RECEPTION:
      g_value_set_object (value, self->reception);
      break;
    case PROP_CAN_SUBMIT:
      g_value_set_boolean (value, self->can_submit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_confirm_step_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ZcConfirmStep *self = ZC_CONFIRM_STEP (object);

  switch (prop_id)
    {
    case PROP_RECEPTION:
      zc_confirm_step_set_reception (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_confirm_step_dispose (GObject *object)
{
  ZcConfirmStep *self = ZC_CONFIRM_STEP (object);

  if (self->reception_signals != NULL)
    g_signal_group_set_target (self->reception_signals, NULL);
  g_clear_object (&self->reception_signals);
  g_clear_object (&self->reception);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_CONFIRM_STEP);

  G_OBJECT_CLASS (zc_confirm_step_parent_class)->dispose (object);
}

static void
zc_confirm_step_finalize (GObject *object)
{
  g_free (ZC_CONFIRM_STEP (object)->override_reason);

  G_OBJECT_CLASS (zc_confirm_step_parent_class)->finalize (object);
}

static void
zc_confirm_step_class_init (ZcConfirmStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->get_property = zc_confirm_step_get_property;
  object_class->set_property = zc_confirm_step_set_property;
  object_class->dispose = zc_confirm_step_dispose;
  object_class->finalize = zc_confirm_step_finalize;
  widget_class->grab_focus = zc_confirm_step_grab_focus;

  properties[PROP_RECEPTION] =
    g_param_spec_object ("reception", NULL, NULL, ZC_TYPE_RECEPTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SUBMIT] =
    g_param_spec_boolean ("can-submit", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a problem row was activated: (subject, key) as in ZcReceptionProblem */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-confirm-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcConfirmStep, summary_list);
  gtk_widget_class_bind_template_child (widget_class, ZcConfirmStep, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ZcConfirmStep, problems_list);
  gtk_widget_class_bind_template_child (widget_class, ZcConfirmStep, notice_button);
  gtk_widget_class_bind_template_child (widget_class, ZcConfirmStep, submit_button);
}

static void
zc_confirm_step_init (ZcConfirmStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->reception_signals = g_signal_group_new (ZC_TYPE_RECEPTION);
  g_signal_group_connect_swapped (self->reception_signals, "changed",
                                  G_CALLBACK (zc_confirm_step_refresh), self);
}

void
zc_confirm_step_set_reception (ZcConfirmStep *self,
                               ZcReception   *reception)
{
  g_return_if_fail (ZC_IS_CONFIRM_STEP (self));
  g_return_if_fail (reception == NULL || ZC_IS_RECEPTION (reception));

  if (!g_set_object (&self->reception, reception))
    return;
  g_signal_group_set_target (self->reception_signals, reception);
  zc_confirm_step_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEPTION]);
}

ZcReception *
zc_confirm_step_get_reception (ZcConfirmStep *self)
{
  g_return_val_if_fail (ZC_IS_CONFIRM_STEP (self), NULL);

  return self->reception;
}

void
zc_confirm_step_set_override_reason (ZcConfirmStep *self,
                                     const char    *reason)
{
  g_return_if_fail (ZC_IS_CONFIRM_STEP (self));

  if (g_strcmp0 (self->override_reason, reason) == 0)
    return;
  g_free (self->override_reason);
  self->override_reason = g_strdup (reason);
  zc_confirm_step_refresh (self);
}

gboolean
zc_confirm_step_get_can_submit (ZcConfirmStep *self)
{
  g_return_val_if_fail (ZC_IS_CONFIRM_STEP (self), FALSE);

  return self->can_submit;
}
