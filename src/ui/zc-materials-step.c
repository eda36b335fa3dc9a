/* zc-materials-step.c — the materials of the reception
 *
 * One row per material of the reception (zc_reception_get_materials,
 * rebuilt when that list changes): its status as a pill (免提交 with the
 * licence that replaces it, 需提交, 可容缺, 可承诺) and, unless exempt, a
 * state menu with the states the material allows. Tab goes from menu to
 * menu; the focus lands on the first material still to be decided.
 * Above, the item's yes/no questions asked now (zc_reception_dup_questions,
 * e.g. 在父母户籍地以外落户), one switch each: the materials that depend
 * on the answer come and go with it — core decides what applies.
 * Each material to be handed in also has 扫描 / 拍照 / 导入: they open the
 * capture dialog (zc-capture-dialog) for it; once it is taken the row
 * says how many pages, the material becomes 已收取 and the step emits
 * "material-captured" (code, the PDF as GBytes, pages) for the reception
 * page to keep.
 * The reception page then checks the paper against the licence library
 * (zc-reception-page-materials.c); the row shows it: a progress bar with
 * 停止 while it reads, then the verdict (一致 / 不一致 …) as a button that
 * opens the page with its highlights ("check-opened"), the first finding
 * that disagrees in the subtitle, or why it could not be checked yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-catalogue.h"
#include "zc-material-check.h"

#include "zc-capture-dialog.h"

#include "zc-materials-step.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

struct _ZcMaterialsStep
{
  AdwBin        parent_instance;

  /* template widgets */
  GtkListBox   *materials_list;
  GtkWidget    *questions_group;
  GtkListBox   *questions_list;

  /* owned */
  ZcReception  *reception;
  GSignalGroup *materials_signals;
  GStrv         questions;   /* the questions the rows show */
  GHashTable   *captured;    /* material code → pages taken (GUINT_TO_POINTER) */
  GHashTable   *keeping;     /* material code → pages being kept (GUINT_TO_POINTER) */
  GHashTable   *keep_errors; /* material code → why its paper was not kept */
  GHashTable   *checks;      /* material code → RowCheck */
  gboolean      syncing;
};

/* the check of one material's paper, as the row shows it */
typedef struct
{
  GCancellable    *cancellable; /* while it runs */
  double           fraction;
  ZcMaterialCheck *check;       /* once done */
  char            *note;        /* why there is none (offline …) */
} RowCheck;

static void
row_check_free (RowCheck *rc)
{
  if (rc->cancellable != NULL)
    g_cancellable_cancel (rc->cancellable);
  g_clear_object (&rc->cancellable);
  g_clear_pointer (&rc->check, zc_material_check_free);
  g_free (rc->note);
  g_free (rc);
}

G_DEFINE_FINAL_TYPE (ZcMaterialsStep, zc_materials_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECEPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MATERIAL_CAPTURED,
  CHECK_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const ZcMaterialState state_choices[] = {
  ZC_MATERIAL_STATE_PENDING,
  ZC_MATERIAL_STATE_RECEIVED,
  ZC_MATERIAL_STATE_DEFERRED,
  ZC_MATERIAL_STATE_COMMITTED,
};

static gboolean
material_state_allowed (ZcReceptionMaterial *rm,
                        ZcMaterialState      state)
{
  ZcMaterial *m = zc_reception_material_get_material (rm);

  switch (state)
    {
    case ZC_MATERIAL_STATE_PENDING:
    case ZC_MATERIAL_STATE_RECEIVED:
      return TRUE;
    case ZC_MATERIAL_STATE_DEFERRED:
      return zc_material_get_tolerable (m);
    case ZC_MATERIAL_STATE_COMMITTED:
      return zc_material_get_commitment_allowed (m);
    default:
      return FALSE;
    }
}

static void
material_state_selected_cb (GtkDropDown     *dropdown,
                            GParamSpec      *pspec,
                            ZcMaterialsStep *self)
{
  ZcReceptionMaterial *rm = g_object_get_data (G_OBJECT (dropdown), "material");
  GArray *states = g_object_get_data (G_OBJECT (dropdown), "states");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (self->syncing || rm == NULL || self->reception == NULL || selected >= states->len)
    return;
  if (!zc_reception_set_material_state (self->reception,
                                        zc_material_get_code (zc_reception_material_get_material (rm)),
                                        g_array_index (states, ZcMaterialState, selected), &error))
    {
      /* refused (a credit breach for 承诺 …): the menu goes back to what
       * the material is, and the row keeps the reason — a toast alone
       * left 承诺 showing, counted nowhere */
      ZcMaterialState now = zc_reception_material_get_state (rm);
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (dropdown), ADW_TYPE_ACTION_ROW);

      self->syncing = TRUE;
      for (guint i = 0; i < states->len; i++)
        if (g_array_index (states, ZcMaterialState, i) == now)
          gtk_drop_down_set_selected (dropdown, i);
      self->syncing = FALSE;
      if (row != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      error->message, -1);
      zc_ui_toast_error (GTK_WIDGET (self), error);
    }
}

static void
question_switched_cb (GtkSwitch       *sw,
                      GParamSpec      *pspec,
                      ZcMaterialsStep *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->reception == NULL)
    return;
  if (!zc_reception_set_answer (self->reception, g_object_get_data (G_OBJECT (sw), "code"),
                                gtk_switch_get_active (sw), &error))
    zc_ui_toast_error (GTK_WIDGET (self), error);
}

/* One switch per question asked now; the rows are made again only when
 * the questions change (not when an answer changes the materials) */
static void
zc_materials_step_build_questions (ZcMaterialsStep *self)
{
  g_auto(GStrv) questions = self->reception != NULL ? zc_reception_dup_questions (self->reception) : NULL;
  ZcCatalogueItem *item = self->reception != NULL ? zc_reception_get_item (self->reception) : NULL;

  if (questions == NULL || self->questions == NULL ||
      !g_strv_equal ((const char * const *) questions, (const char * const *) self->questions))
    {
      zc_ui_clear_list (self->questions_list);
      for (guint i = 0; questions != NULL && questions[i] != NULL; i++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *sw = gtk_switch_new ();
          const char *label = zc_catalogue_item_get_question_label (item, questions[i]);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
          gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (sw), "code", g_strdup (questions[i]), g_free);
          gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_signal_connect (sw, "notify::active", G_CALLBACK (question_switched_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
          gtk_widget_set_focusable (row, FALSE);
          g_object_set_data (G_OBJECT (row), "control", sw);
          gtk_list_box_append (self->questions_list, row);
        }
      g_strfreev (self->questions);
      self->questions = g_steal_pointer (&questions);
    }
  gtk_widget_set_visible (self->questions_group, self->questions != NULL && self->questions[0] != NULL);

  /* the switches as the reception has the answers */
  self->syncing = TRUE;
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->questions_list, i);
      GtkWidget *sw = row != NULL ? g_object_get_data (G_OBJECT (row), "control") : NULL;

      if (row == NULL)
        break;
      if (sw != NULL)
        gtk_switch_set_active (GTK_SWITCH (sw),
                               zc_reception_get_answer (self->reception, g_object_get_data (G_OBJECT (sw), "code")));
    }
  self->syncing = FALSE;
}

static void zc_materials_step_build (ZcMaterialsStep *self);

static GtkWidget *
find_row (ZcMaterialsStep *self,
          const char      *code)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->materials_list)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (gtk_widget_get_name (w), code) == 0)
      return w;
  return NULL;
}

static void
check_stop_clicked_cb (GtkButton       *button,
                       ZcMaterialsStep *self)
{
  RowCheck *rc = g_hash_table_lookup (self->checks, g_object_get_data (G_OBJECT (button), "code"));

  if (rc != NULL && rc->cancellable != NULL)
    g_cancellable_cancel (rc->cancellable);
}

static void
check_open_clicked_cb (GtkButton       *button,
                       ZcMaterialsStep *self)
{
  g_autofree char *code = g_strdup (g_object_get_data (G_OBJECT (button), "code"));

  g_signal_emit (self, signals[CHECK_OPENED], 0, code);
}

static const char *
verdict_css (ZcVerdict verdict)
{
  switch (verdict)
    {
    case ZC_VERDICT_MATCH:      return "success";
    case ZC_VERDICT_UNCERTAIN:
    case ZC_VERDICT_UNREADABLE: return "warning";
    case ZC_VERDICT_REVOKED:
    case ZC_VERDICT_EXPIRED:
    case ZC_VERDICT_MISMATCH:
    default:                    return "error";
    }
}

/* the row's check: its slot (a suffix) and the subtitle after the party */
static void
show_row_check (ZcMaterialsStep *self,
                GtkWidget       *row)
{
  GtkWidget *slot = g_object_get_data (G_OBJECT (row), "check-slot");
  const char *base = g_object_get_data (G_OBJECT (row), "subtitle");
  const char *code = gtk_widget_get_name (row);
  RowCheck *rc = g_hash_table_lookup (self->checks, code);
  g_autofree char *subtitle = NULL;
  GtkWidget *child;

  if (slot == NULL)
    return;
  while ((child = gtk_widget_get_first_child (slot)) != NULL)
    gtk_box_remove (GTK_BOX (slot), child);
  gtk_widget_set_visible (slot, rc != NULL);
  if (rc == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), base);
      return;
    }
  if (rc->cancellable != NULL)
    {
      GtkWidget *bar = gtk_progress_bar_new ();
      GtkWidget *stop = gtk_button_new_from_icon_name ("process-stop-symbolic");
      g_autofree char *a11y = g_strdup_printf (_("Checking %s against the licence library"),
                                               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), rc->fraction);
      gtk_widget_set_size_request (bar, 60, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_name (bar, "check-progress");
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data (G_OBJECT (row), "check-progress", bar);
      gtk_box_append (GTK_BOX (slot), bar);
      gtk_widget_add_css_class (stop, "flat");
      gtk_widget_set_valign (stop, GTK_ALIGN_CENTER);
      gtk_widget_set_name (stop, "check-stop");
      gtk_widget_set_tooltip_text (stop, _("Stop checking"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (stop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stop checking"), -1);
      g_object_set_data_full (G_OBJECT (stop), "code", g_strdup (code), g_free);
      g_signal_connect (stop, "clicked", G_CALLBACK (check_stop_clicked_cb), self);
      gtk_box_append (GTK_BOX (slot), stop);
      /* Translators: 申请人 · 正在核验… */
      subtitle = g_strdup_printf (_("%s · checking…"), base);
    }
  else if (rc->check != NULL)
    {
      const char *label = zc_verdict_to_label (rc->check->verdict);
      GtkWidget *button = gtk_button_new_with_label (label);
      g_autofree char *a11y = g_strdup_printf (_("Check of %s: %s. Open the paper with its findings"),
                                               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), label);
      const ZcCheckFinding *first = NULL;

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, verdict_css (rc->check->verdict));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "check-verdict");
      gtk_widget_set_tooltip_text (button, _("Open the paper with its findings"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (button), "code", g_strdup (code), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (check_open_clicked_cb), self);
      gtk_box_append (GTK_BOX (slot), button);
      for (guint i = 0; i < rc->check->findings->len && first == NULL; i++)
        {
          const ZcCheckFinding *f = g_ptr_array_index (rc->check->findings, i);

          if (f->verdict != ZC_VERDICT_MATCH)
            first = f;
        }
      if (first != NULL && first->found != NULL && first->found[0] != '\0')
        /* Translators: 申请人 · 不一致：持证人名称 读到 张山，应为 张三 */
        subtitle = g_strdup_printf (_("%s · %s: %s found %s, expected %s"), base, label,
                                    zc_check_field_to_label (first->field), first->found,
                                    first->expected != NULL && first->expected[0] != '\0' ? first->expected : _("(none)"));
      else if (first != NULL)
        /* Translators: 申请人 · 不一致：号码 未找到 */
        subtitle = g_strdup_printf (_("%s · %s: %s not found"), base, label, zc_check_field_to_label (first->field));
      else
        subtitle = g_strdup_printf ("%s · %s", base, label);
    }
  else
    {
      GtkWidget *note = gtk_image_new_from_icon_name ("dialog-information-symbolic");

      gtk_widget_set_name (note, "check-note");
      gtk_widget_set_tooltip_text (note, rc->note);
      gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL, rc->note, -1);
      gtk_box_append (GTK_BOX (slot), note);
      subtitle = g_strdup_printf ("%s · %s", base, rc->note != NULL ? rc->note : "");
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
captured_cb (ZcCaptureDialog *dialog,
             GBytes          *pdf,
             guint            n_pages,
             ZcMaterialsStep *self)
{
  const char *code = g_object_get_data (G_OBJECT (dialog), "code");
  g_autofree char *kept = g_strdup (code);

  if (self->reception == NULL || code == NULL)
    return;
  /* not 已收取 yet: the row says so once the paper is kept
   * (zc_materials_step_material_kept), or why it was not */
  g_hash_table_insert (self->keeping, g_strdup (code), GUINT_TO_POINTER (n_pages));
  g_hash_table_remove (self->keep_errors, code);
  g_signal_emit (self, signals[MATERIAL_CAPTURED], 0, kept, pdf, n_pages);
  zc_materials_step_build (self);
  /* back on the row of the material just taken */
  {
    GtkWidget *row = NULL;

    for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->materials_list)); w != NULL;
         w = gtk_widget_get_next_sibling (w))
      if (g_strcmp0 (gtk_widget_get_name (w), kept) == 0)
        row = w;
    if (row != NULL && g_object_get_data (G_OBJECT (row), "scan") != NULL)
      gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "scan"));
  }
}

static void
capture_clicked_cb (GtkButton       *button,
                    ZcMaterialsStep *self)
{
  ZcReceptionMaterial *rm = g_object_get_data (G_OBJECT (button), "material");
  ZcMaterial *m = zc_reception_material_get_material (rm);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ZcCaptureDialog *dialog;

  dialog = zc_capture_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, zc_material_get_name (m),
                                  GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "source")));
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (zc_material_get_code (m)), g_free);
  /* taken before: 完成 replaces that file, and the dialog says so */
  zc_capture_dialog_set_kept_pages (dialog, GPOINTER_TO_UINT (g_hash_table_lookup (self->captured,
                                                                                   zc_material_get_code (m))));
  g_signal_connect_object (dialog, "captured", G_CALLBACK (captured_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* 扫描 / 拍照 / 导入 for the material of RM, linked */
static GtkWidget *
capture_buttons_new (ZcMaterialsStep     *self,
                     ZcReceptionMaterial *rm,
                     GtkWidget           *row)
{
  static const struct {
    ZcCaptureSource source;
    const char     *label;
    const char     *key;
  } sources[] = {
    { ZC_CAPTURE_SCAN, N_("_Scan"), "scan" },
    { ZC_CAPTURE_CAMERA, N_("_Photo"), "photo" },
    { ZC_CAPTURE_IMPORT, N_("_Import"), "import" },
  };
  const char *name = zc_material_get_name (zc_reception_material_get_material (rm));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(sources[i].label));
      g_autofree char *a11y = NULL;

      /* the accessible name and tooltip say which material */
      switch (sources[i].source)
        {
        case ZC_CAPTURE_CAMERA: a11y = g_strdup_printf (_("Photograph %s"), name); break;
        case ZC_CAPTURE_IMPORT: a11y = g_strdup_printf (_("Import %s"), name); break;
        case ZC_CAPTURE_SCAN:
        default:                a11y = g_strdup_printf (_("Scan %s"), name); break;
        }

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_widget_set_tooltip_text (button, a11y);
      g_object_set_data_full (G_OBJECT (button), "material", g_object_ref (rm), g_object_unref);
      g_object_set_data (G_OBJECT (button), "source", GINT_TO_POINTER (sources[i].source));
      g_signal_connect (button, "clicked", G_CALLBACK (capture_clicked_cb), self);
      g_object_set_data (G_OBJECT (row), sources[i].key, button);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static void
zc_materials_step_build (ZcMaterialsStep *self)
{
  GListModel *materials;
  ZcCatalogueItem *item;

  zc_materials_step_build_questions (self);
  zc_ui_clear_list (self->materials_list);
  if (self->reception == NULL)
    return;

  materials = zc_reception_get_materials (self->reception);
  item = zc_reception_get_item (self->reception);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);
      ZcMaterialStatus status = zc_reception_material_get_status (rm);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *pill_text = NULL;
      const char *css = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zc_material_get_name (m));
      if (zc_reception_material_get_note (rm) != NULL)
        {
          g_autofree char *sub = g_strdup_printf ("%s · %s", zc_ui_party_label (item, zc_material_get_party (m)),
                                                  zc_reception_material_get_note (rm));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), zc_ui_party_label (item, zc_material_get_party (m)));
      g_object_set_data_full (G_OBJECT (row), "subtitle",
                              g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row))), g_free);
      gtk_widget_set_name (row, zc_material_get_code (m));

      switch (status)
        {
        case ZC_MATERIAL_STATUS_EXEMPT:
          css = "material-exempt";
          if (zc_reception_material_get_licence (rm) != NULL)
            {
              g_autofree char *lic = zc_ui_licence_short (zc_reception_material_get_licence (rm));

              /* Translators: 免提交（营业执照 9134**********1234） */
              pill_text = g_strdup_printf (_("%s (%s)"), zc_material_status_label (status), lic);
            }
          break;
        case ZC_MATERIAL_STATUS_REQUIRED:   css = "material-required"; break;
        case ZC_MATERIAL_STATUS_TOLERABLE:  css = "material-tolerable"; break;
        case ZC_MATERIAL_STATUS_COMMITMENT: css = "material-commitment"; break;
        default: break;
        }
      if (pill_text == NULL)
        pill_text = g_strdup (zc_material_status_label (status));
      /* the check of its paper (an exempt material's too, when the paper
       * was taken before the licence library answered) */
      {
        GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

        gtk_widget_set_valign (slot, GTK_ALIGN_CENTER);
        gtk_widget_set_name (slot, "check-slot");
        g_object_set_data (G_OBJECT (row), "check-slot", slot);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), slot);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), zc_ui_make_pill (pill_text, css));

      if (status != ZC_MATERIAL_STATUS_EXEMPT)
        {
          gpointer n_pages = g_hash_table_lookup (self->captured, zc_material_get_code (m));

          const char *keep_error = g_hash_table_lookup (self->keep_errors, zc_material_get_code (m));

          if (keep_error != NULL)
            {
              GtkWidget *label = gtk_label_new (keep_error);

              /* where it happened: the row of the paper that was not kept */
              gtk_widget_set_name (label, "keep-error");
              gtk_widget_add_css_class (label, "error");
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
              gtk_label_set_xalign (GTK_LABEL (label), 1.0);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
            }
          else if (n_pages != NULL)
            {
              g_autofree char *text = g_strdup_printf (ngettext ("%u page", "%u pages", GPOINTER_TO_UINT (n_pages)),
                                                       GPOINTER_TO_UINT (n_pages));
              GtkWidget *label = gtk_label_new (text);

              gtk_widget_set_name (label, "pages");
              gtk_widget_add_css_class (label, "dim-label");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
            }

          adw_action_row_add_suffix (ADW_ACTION_ROW (row), capture_buttons_new (self, rm, row));
        }

      if (status != ZC_MATERIAL_STATUS_EXEMPT)
        {
          GArray *states = g_array_new (FALSE, FALSE, sizeof (ZcMaterialState));
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          GtkWidget *dropdown;
          ZcMaterialState current = zc_reception_material_get_state (rm);
          guint selected = 0;

          for (guint s = 0; s < G_N_ELEMENTS (state_choices); s++)
            if (material_state_allowed (rm, state_choices[s]))
              {
                if (state_choices[s] == current)
                  selected = states->len;
                g_array_append_val (states, state_choices[s]);
                gtk_string_list_append (labels, zc_material_state_label (state_choices[s]));
              }
          dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (dropdown), "states", states, (GDestroyNotify) g_array_unref);
          g_object_set_data_full (G_OBJECT (dropdown), "material", g_object_ref (rm), g_object_unref);
          gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, zc_material_get_name (m), -1);
          self->syncing = TRUE;
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
          self->syncing = FALSE;
          g_signal_connect (dropdown, "notify::selected", G_CALLBACK (material_state_selected_cb), self);
          zc_ui_return_focus_from_popover (dropdown);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
          g_object_set_data (G_OBJECT (row), "control", dropdown);
          /* Tab goes straight to the state menu (an exempt row, with
           * nothing to choose, keeps the focus itself: GtkListBox would
           * leave the list at a row that cannot take it) */
          gtk_widget_set_focusable (row, FALSE);
        }
      show_row_check (self, row);
      gtk_list_box_append (self->materials_list, row);
    }
}

/* the first material still to be decided, else the first question */
static gboolean
zc_materials_step_grab_focus (GtkWidget *widget)
{
  ZcMaterialsStep *self = ZC_MATERIALS_STEP (widget);

  /* then the question, when every material is decided (all exempt) */
  return zc_ui_focus_first_control (self->materials_list, TRUE)
         || zc_ui_focus_first_control (self->questions_list, FALSE)
         || zc_ui_focus_first_control (self->materials_list, FALSE);
}

static void
zc_materials_step_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RECEPTION:
      g_value_set_object (value, ZC_MATERIALS_STEP (object)->reception);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_materials_step_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_RECEPTION:
      zc_materials_step_set_reception (ZC_MATERIALS_STEP (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_materials_step_dispose (GObject *object)
{
  ZcMaterialsStep *self = ZC_MATERIALS_STEP (object);

  if (self->materials_signals != NULL)
    g_signal_group_set_target (self->materials_signals, NULL);
  g_clear_object (&self->materials_signals);
  g_clear_object (&self->reception);
  g_clear_pointer (&self->questions, g_strfreev);
  g_clear_pointer (&self->captured, g_hash_table_unref);
  g_clear_pointer (&self->keeping, g_hash_table_unref);
  g_clear_pointer (&self->keep_errors, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_MATERIALS_STEP);

  G_OBJECT_CLASS (zc_materials_step_parent_class)->dispose (object);
}

static void
zc_materials_step_class_init (ZcMaterialsStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->get_property = zc_materials_step_get_property;
  object_class->set_property = zc_materials_step_set_property;
  object_class->dispose = zc_materials_step_dispose;
  widget_class->grab_focus = zc_materials_step_grab_focus;

  properties[PROP_RECEPTION] =
    g_param_spec_object ("reception", NULL, NULL, ZC_TYPE_RECEPTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (code, the material's PDF, its pages) */
  signals[MATERIAL_CAPTURED] =
    g_signal_new ("material-captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_BYTES, G_TYPE_UINT);
  /* (code): the clerk opens the check of a material's paper */
  signals[CHECK_OPENED] =
    g_signal_new ("check-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-materials-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcMaterialsStep, materials_list);
  gtk_widget_class_bind_template_child (widget_class, ZcMaterialsStep, questions_group);
  gtk_widget_class_bind_template_child (widget_class, ZcMaterialsStep, questions_list);
}

static void
zc_materials_step_init (ZcMaterialsStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->captured = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keeping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keep_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) row_check_free);
  self->materials_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->materials_signals, "items-changed",
                                  G_CALLBACK (zc_materials_step_build), self);
}

void
zc_materials_step_set_reception (ZcMaterialsStep *self,
                                 ZcReception     *reception)
{
  g_return_if_fail (ZC_IS_MATERIALS_STEP (self));

  if (!g_set_object (&self->reception, reception))
    return;
  /* what was taken belongs to the reception it was taken for */
  g_hash_table_remove_all (self->captured);
  g_hash_table_remove_all (self->keeping);
  g_hash_table_remove_all (self->keep_errors);
  g_hash_table_remove_all (self->checks);
  g_signal_group_set_target (self->materials_signals,
                             reception != NULL ? zc_reception_get_materials (reception) : NULL);
  zc_materials_step_build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEPTION]);
}

guint
zc_materials_step_get_captured_pages (ZcMaterialsStep *self,
                                      const char      *code)
{
  g_return_val_if_fail (ZC_IS_MATERIALS_STEP (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->captured, code));
}

/**
 * zc_materials_step_set_captured_pages:
 *
 * The material CODE has @n_pages kept already (a draft reopened: its
 * files are in the local store); the row says so again. No signal.
 */
void
zc_materials_step_set_captured_pages (ZcMaterialsStep *self,
                                      const char      *code,
                                      guint            n_pages)
{
  g_return_if_fail (ZC_IS_MATERIALS_STEP (self));
  g_return_if_fail (code != NULL);

  if (n_pages > 0)
    g_hash_table_insert (self->captured, g_strdup (code), GUINT_TO_POINTER (n_pages));
  else
    g_hash_table_remove (self->captured, code);
  zc_materials_step_build (self);
}

/**
 * zc_materials_step_material_kept:
 * @error_message: (nullable): why the paper was not kept, NULL when it was
 *
 * The paper of CODE captured last is kept (in the local store, queued
 * for the platform): the row says its pages and 已收取. Not kept: the
 * row shows @error_message and the material stays as it was.
 */
void
zc_materials_step_material_kept (ZcMaterialsStep *self,
                                 const char      *code,
                                 const char      *error_message)
{
  gpointer n_pages;
  gpointer key;

  g_return_if_fail (ZC_IS_MATERIALS_STEP (self));
  g_return_if_fail (code != NULL);

  if (error_message != NULL)
    {
      g_hash_table_insert (self->keep_errors, g_strdup (code), g_strdup (error_message));
      zc_materials_step_build (self);
      return;
    }
  g_hash_table_remove (self->keep_errors, code);
  if (g_hash_table_steal_extended (self->keeping, code, &key, &n_pages))
    {
      g_autoptr(GError) error = NULL;

      g_free (key);
      /* the count first: the state change rebuilds the rows */
      g_hash_table_insert (self->captured, g_strdup (code), n_pages);
      if (self->reception != NULL &&
          !zc_reception_set_material_state (self->reception, code, ZC_MATERIAL_STATE_RECEIVED, &error))
        zc_ui_toast_error (GTK_WIDGET (self), error);
    }
  zc_materials_step_build (self);
}

ZcReception *
zc_materials_step_get_reception (ZcMaterialsStep *self)
{
  g_return_val_if_fail (ZC_IS_MATERIALS_STEP (self), NULL);

  return self->reception;
}

void
zc_materials_step_mark_all_received (ZcMaterialsStep *self)
{
  GListModel *materials;

  g_return_if_fail (ZC_IS_MATERIALS_STEP (self));

  if (self->reception == NULL)
    return;
  materials = zc_reception_get_materials (self->reception);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);

      if (zc_reception_material_get_state (rm) == ZC_MATERIAL_STATE_PENDING)
        zc_reception_set_material_state (self->reception,
                                         zc_material_get_code (zc_reception_material_get_material (rm)),
                                         ZC_MATERIAL_STATE_RECEIVED, NULL);
    }
  zc_materials_step_build (self);
  /* the rows were made again: the focus goes back into the list */
  zc_ui_focus_first_control (self->materials_list, FALSE);
}

/**
 * zc_materials_step_check_started:
 *
 * The paper of material @code is being checked: the row shows a progress
 * bar and 停止. Returns: (transfer none): the cancellable 停止 cancels
 * (an earlier check of the material is cancelled).
 */
GCancellable *
zc_materials_step_check_started (ZcMaterialsStep *self,
                                 const char      *code)
{
  RowCheck *rc;
  GtkWidget *row;

  g_return_val_if_fail (ZC_IS_MATERIALS_STEP (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  rc = g_new0 (RowCheck, 1);
  rc->cancellable = g_cancellable_new ();
  g_hash_table_replace (self->checks, g_strdup (code), rc);
  if ((row = find_row (self, code)) != NULL)
    show_row_check (self, row);
  return rc->cancellable;
}

void
zc_materials_step_check_progress (ZcMaterialsStep *self,
                                  const char      *code,
                                  double           fraction)
{
  RowCheck *rc;
  GtkWidget *row;
  GtkWidget *bar;

  g_return_if_fail (ZC_IS_MATERIALS_STEP (self));

  if ((rc = g_hash_table_lookup (self->checks, code)) == NULL || rc->cancellable == NULL)
    return;
  rc->fraction = fraction;
  if ((row = find_row (self, code)) != NULL && (bar = g_object_get_data (G_OBJECT (row), "check-progress")) != NULL)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fraction);
}

/**
 * zc_materials_step_check_done:
 * @check: (transfer full) (nullable): the check, or NULL with @note
 * @note: (nullable): why there is no verdict (offline: checked later …);
 *   NULL with no @check: the row shows no check
 *
 * Ignored when @cancellable is not the material's current check (a newer
 * capture started another one).
 */
void
zc_materials_step_check_done (ZcMaterialsStep *self,
                              const char      *code,
                              GCancellable    *cancellable,
                              ZcMaterialCheck *check,
                              const char      *note)
{
  RowCheck *rc;
  GtkWidget *row;

  g_return_if_fail (ZC_IS_MATERIALS_STEP (self));

  rc = g_hash_table_lookup (self->checks, code);
  if (rc == NULL || rc->cancellable != cancellable)
    {
      g_clear_pointer (&check, zc_material_check_free);
      return;
    }
  if (check == NULL && note == NULL)
    g_hash_table_remove (self->checks, code);
  else
    {
      g_clear_object (&rc->cancellable);
      rc->check = check;
      rc->note = g_strdup (note);
    }
  if ((row = find_row (self, code)) != NULL)
    show_row_check (self, row);
}

/* Returns: (transfer none) (nullable): the check of material @code's paper */
const ZcMaterialCheck *
zc_materials_step_get_check (ZcMaterialsStep *self,
                             const char      *code)
{
  RowCheck *rc;

  g_return_val_if_fail (ZC_IS_MATERIALS_STEP (self), NULL);

  rc = g_hash_table_lookup (self->checks, code);
  return rc != NULL ? rc->check : NULL;
}
