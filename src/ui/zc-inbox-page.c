/* zc-inbox-page.c — the window's cases, searchable and filtered by state
 *
 * Personal data is masked in every cell (zc-mask.h) and never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "zc-case-list-model.h"

#include "zc-inbox-page.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

/* The sortable columns: the template's id, the platform's sort key
 * (GET /cases?sort=), the characters a cell shows at least and at most
 * before it ellipsises (so that at 1024 px every column gives way) */
static const struct {
  const char *column;
  const char *sort;
  int         min_chars;
  int         max_chars;
} columns[] = {
  { "number_column", "number", 8, 18 },
  { "item_column", "item", 8, 30 },
  { "applicant_column", "applicant", 4, 10 },
  { "key_column", "applicant_key", 8, 18 },
  { "state_column", "state", -1, -1 },
  { "window_column", "window", 4, 8 },
  { "updated_column", "updated_at", 6, 11 },  /* last: the default order */
};

typedef struct
{
  ZcInboxPage *self;   /* unowned: the sorter lives as long as the page */
  const char  *sort;
} ColumnProbe;

struct _ZcInboxPage
{
  GtkWidget          parent_instance;

  guint              idle_update;  /* a page arrived idle, its cases next */

  /* template widgets */
  GtkSearchEntry    *search_entry;
  GtkDropDown       *state_dropdown;
  GtkSpinner        *spinner;
  GtkLabel          *count_label;
  GtkStack          *view_stack;
  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;
  GtkSpinner        *loading_spinner;
  AdwStatusPage     *error_page;
  GtkColumnViewColumn *column_widgets[G_N_ELEMENTS (columns)];

  /* owned */
  ZcCaseListModel   *model;
  GtkSingleSelection *selection;
  char              *sort;          /* GET /cases?sort= the headers ask for */

  /* while the column view's sorter is asked which column leads */
  gboolean           probing;
  const char        *probed_key;
};

G_DEFINE_FINAL_TYPE (ZcInboxPage, zc_inbox_page, GTK_TYPE_WIDGET)

enum {
  SESSION_ENDED,
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The states the filter offers, in the dropdown's order after "All" */
static const ZcCaseState filter_states[] = {
  ZC_CASE_STATE_DRAFT,
  ZC_CASE_STATE_RECEIVED,
  ZC_CASE_STATE_RETURNED,
  ZC_CASE_STATE_COMPLETED,
  ZC_CASE_STATE_NOT_ACCEPTED,
  ZC_CASE_STATE_WITHDRAWN,
};

/* --- helpers --------------------------------------------------------- */

/* A row whose page has not arrived yet */
static ZcCase *
list_item_get_case (GtkListItem *list_item)
{
  GObject *item = gtk_list_item_get_item (list_item);

  if (!ZC_IS_CASE (item) || zc_case_get_id (ZC_CASE (item)) <= 0)
    return NULL;

  return ZC_CASE (item);
}

static char *
format_updated (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *clock = NULL;

  if (when == NULL)
    return g_strdup ("");

  local = zc_date_time_to_china (when);
  now = zc_date_time_now_china ();
  clock = g_date_time_format (local, "%H:%M");

  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time of today, %s is the clock time such as 14:05 */
    return g_strdup_printf (_("Today %s"), clock);

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    return g_date_time_format (local, "%m-%d %H:%M");

  return g_date_time_format (local, "%Y-%m-%d");
}

/* A list about to be reloaded (refresh, search, state, sort) is shown
 * from the top again: left scrolled down, the view would ask for the
 * rows near its old place, and so for the next page, at once. */
static void
scroll_to_top (ZcInboxPage *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
zc_inbox_page_update (ZcInboxPage *self)
{
  gboolean loading = FALSE;
  const GError *error = NULL;
  guint n_items = 0;
  guint total = 0;
  const char *page;

  if (self->model != NULL)
    {
      loading = zc_case_list_model_get_loading (self->model);
      error = zc_case_list_model_get_error (self->model);
      total = zc_case_list_model_get_total (self->model);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);

  if (n_items > 0)
    page = "list";
  else if (loading || self->model == NULL)
    page = "loading";
  else if (error != NULL)
    page = "error";
  else
    page = "empty";

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

  if (g_str_equal (page, "error"))
    {
      g_autofree char *message = zc_platform_error_to_user_message (error);

      adw_status_page_set_description (self->error_page, message);
    }

  gtk_stack_set_visible_child_name (self->view_stack, page);

  /* The platform no longer knows the session (expired, or restarted):
   * the window goes back to the login page */
  if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED))
    g_signal_emit (self, signals[SESSION_ENDED], 0);

  if (self->model == NULL || (loading && n_items == 0) || (error != NULL && n_items == 0))
    gtk_label_set_text (self->count_label, "");
  else
    {
      g_autofree char *count = NULL;

      /* Translators: the number of cases that match the search and filter */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", total), total);
      gtk_label_set_text (self->count_label, count);
    }
}

static void
row_activated_cb (ZcInboxPage   *self,
                  guint          position)
{
  g_autoptr(GObject) item = NULL;

  if (self->selection == NULL)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (ZC_IS_CASE (item) && zc_case_get_id (ZC_CASE (item)) > 0)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, zc_case_get_id (ZC_CASE (item)));
}

/* --- factories ------------------------------------------------------- */

/* a column may cut the text short: the full text (masked, as shown) on
 * hover, in lines of at most 40 characters */
static gboolean
cell_query_tooltip_cb (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_custom (tooltip, zc_ui_tooltip_label_new (text, 40));
  return TRUE;
}

static GtkWidget *
make_cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);

  return label;
}

/* the cell's least and most characters, set on its factory in init */
static GtkWidget *
make_column_label (GtkSignalListItemFactory *factory)
{
  GtkWidget *label = make_cell_label ();
  int min_chars = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "zc-min-chars"));
  int max_chars = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "zc-max-chars"));

  if (min_chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), min_chars);
  if (max_chars > 0)
    gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
  return label;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ZcInboxPage              *self)
{
  gtk_list_item_set_child (list_item, make_column_label (factory));
}

static void
setup_numeric_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ZcInboxPage              *self)
{
  GtkWidget *label = make_column_label (factory);

  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_applicant_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    ZcInboxPage              *self)
{
  GtkWidget *label = make_column_label (factory);

  gtk_widget_add_css_class (label, "applicant-name");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_key_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ZcInboxPage              *self)
{
  GtkWidget *label = make_column_label (factory);

  gtk_widget_add_css_class (label, "applicant-key");
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_state_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ZcInboxPage              *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "state-pill");
  gtk_list_item_set_child (list_item, label);
}

/* GTK 4.8 exposes a column view cell without a name: give the cell
 * the text its label shows (masked, like the label). */
static void
name_cell (GtkWidget  *child,
           const char *text)
{
  GtkWidget *cell = gtk_widget_get_parent (child);

  if (cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "",
                                    -1);
}

static void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_has_tooltip (label, text != NULL && text[0] != '\0');
  name_cell (label, text);
}

static void
bind_number_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ZcInboxPage              *self)
{
  ZcCase *c = list_item_get_case (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *number = c ? zc_case_get_number (c) : NULL;

  if (c == NULL)
    set_cell_text (list_item, "");
  else if (number != NULL)
    set_cell_text (list_item, number);
  else
    /* Translators: shown instead of the case number while the case is a draft */
    set_cell_text (list_item, _("Draft"));

  if (number != NULL)
    {
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ZcInboxPage              *self)
{
  ZcCase *c = list_item_get_case (list_item);

  set_cell_text (list_item, c ? zc_case_get_item_name (c) : _("Loading…"));
}

static void
bind_applicant_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ZcInboxPage              *self)
{
  ZcCase *c = list_item_get_case (list_item);
  g_autofree char *masked = NULL;

  if (c != NULL && zc_case_get_applicant_name (c) != NULL)
    masked = zc_mask_name (zc_case_get_applicant_name (c));

  /* A long enterprise name masks into a wall of stars: keep three */
  if (masked != NULL && g_strcmp0 (zc_case_get_applicant_kind (c), "enterprise") == 0)
    {
      g_autoptr(GRegex) stars = g_regex_new ("\\*{4,}", G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
      char *shorter = g_regex_replace_literal (stars, masked, -1, 0, "***", G_REGEX_MATCH_DEFAULT, NULL);

      if (shorter != NULL)
        {
          g_free (masked);
          masked = shorter;
        }
    }

  set_cell_text (list_item, masked);
}

static void
bind_key_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ZcInboxPage              *self)
{
  ZcCase *c = list_item_get_case (list_item);
  g_autofree char *masked = NULL;

  if (c != NULL && zc_case_get_applicant (c) != NULL)
    masked = zc_mask_id (zc_case_get_applicant (c));
  set_cell_text (list_item, masked);
}

static void
bind_state_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ZcInboxPage              *self)
{
  ZcCase *c = list_item_get_case (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *css_class = NULL;
  ZcCaseState state;

  if (c == NULL || (state = zc_case_get_state (c)) == ZC_CASE_STATE_INVALID)
    {
      gtk_widget_set_visible (label, FALSE);
      return;
    }

  css_class = g_strdup_printf ("state-%s", zc_case_state_to_string (state));
  if (zc_case_get_key_override_reason (c) != NULL)
    {
      /* Translators: a case state, and a flag for the supervisor: the
       * applicant's credit code failed its check and was accepted with a reason */
      g_autofree char *text = g_strdup_printf (_("%s · code to review"), zc_case_state_label (state));

      gtk_label_set_text (GTK_LABEL (label), text);
      name_cell (label, text);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), zc_case_state_label (state));
      name_cell (label, zc_case_state_label (state));
    }
  gtk_widget_add_css_class (label, css_class);
  g_object_set_data_full (G_OBJECT (label), "zc-state-class", g_steal_pointer (&css_class), g_free);
  gtk_widget_set_visible (label, TRUE);
}

static void
unbind_state_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ZcInboxPage              *self)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *css_class = g_object_get_data (G_OBJECT (label), "zc-state-class");

  if (css_class != NULL)
    gtk_widget_remove_css_class (label, css_class);
  g_object_set_data (G_OBJECT (label), "zc-state-class", NULL);
}

static void
bind_window_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ZcInboxPage              *self)
{
  ZcCase *c = list_item_get_case (list_item);

  set_cell_text (list_item, c ? zc_case_get_window (c) : NULL);
}

static void
bind_updated_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ZcInboxPage              *self)
{
  ZcCase *c = list_item_get_case (list_item);
  g_autofree char *text = NULL;

  if (c != NULL)
    text = format_updated (zc_case_get_updated_at (c));
  set_cell_text (list_item, text);
}

/* --- callbacks ------------------------------------------------------- */

static void
search_changed_cb (ZcInboxPage *self)
{
  g_autofree char *query = NULL;

  if (self->model == NULL)
    return;

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  scroll_to_top (self);
  zc_case_list_model_set_query (self->model, query[0] ? query : NULL);
}

static void
stop_search_cb (ZcInboxPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
state_selected_cb (ZcInboxPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);
  const char *state = NULL;

  if (self->model == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0
      && selected - 1 < G_N_ELEMENTS (filter_states))
    state = zc_case_state_to_string (filter_states[selected - 1]);

  scroll_to_top (self);
  zc_case_list_model_set_state (self->model, state);
}

/* GTK 4.8 does not say which column the column view sorts by: ask its
 * sorter to compare, and the leading column's probe answers first */
static int
column_probe_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ColumnProbe *probe = user_data;

  if (!probe->self->probing)
    return GTK_ORDERING_EQUAL;
  probe->self->probed_key = probe->sort;
  return GTK_ORDERING_SMALLER;
}

/* a header was clicked: the platform sorts, from the first page */
static void
sorter_changed_cb (ZcInboxPage *self)
{
  GtkSorter *sorter;
  GtkOrdering ordering;

  if (self->column_view == NULL)
    return;  /* disposing: the columns leave the view */
  sorter = gtk_column_view_get_sorter (self->column_view);

  self->probing = TRUE;
  self->probed_key = NULL;
  /* two objects: the sorter calls no column for one item compared with itself */
  ordering = gtk_sorter_compare (sorter, self, self->column_view);
  self->probing = FALSE;

  g_free (self->sort);
  if (self->probed_key == NULL)
    self->sort = NULL;
  else
    self->sort = g_strconcat (ordering == GTK_ORDERING_LARGER ? "-" : "", self->probed_key, NULL);
  if (self->model != NULL)
    {
      scroll_to_top (self);
      zc_case_list_model_set_sort (self->model, self->sort);
    }
}

static void
model_changed_cb (ZcInboxPage *self)
{
  g_clear_handle_id (&self->idle_update, g_source_remove);
  zc_inbox_page_update (self);
}

static gboolean
idle_update_cb (gpointer data)
{
  ZcInboxPage *self = data;

  self->idle_update = 0;
  zc_inbox_page_update (self);
  return G_SOURCE_REMOVE;
}

/* A page that arrives says "loading done" just before its cases are
 * in: shown then, the stack would cross-fade from "nothing matches"
 * beside "93 cases". An idle, empty list waits for the rest of the
 * moment; anything else shows at once. */
static void
loading_changed_cb (ZcInboxPage *self)
{
  if (!zc_case_list_model_get_loading (self->model) &&
      zc_case_list_model_get_error (self->model) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    {
      if (self->idle_update == 0)
        self->idle_update = g_idle_add_full (G_PRIORITY_HIGH_IDLE, idle_update_cb, self, NULL);
      return;
    }
  model_changed_cb (self);
}

/* --- actions --------------------------------------------------------- */

static void
zc_inbox_page_refresh (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ZcInboxPage *self = ZC_INBOX_PAGE (widget);

  if (self->model != NULL)
    {
      scroll_to_top (self);
      zc_case_list_model_reload (self->model);
    }
  zc_inbox_page_update (self);
}

static void
zc_inbox_page_find (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ZcInboxPage *self = ZC_INBOX_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
zc_inbox_page_update_actions (ZcInboxPage *self)
{
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));

  /* The shortcuts are window-wide: only while the inbox is shown */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.refresh", self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.find", mapped);
}

/* --- GtkWidget ------------------------------------------------------- */

static void
zc_inbox_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (zc_inbox_page_parent_class)->map (widget);
  zc_inbox_page_update_actions (ZC_INBOX_PAGE (widget));
}

static void
zc_inbox_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (zc_inbox_page_parent_class)->unmap (widget);
  zc_inbox_page_update_actions (ZC_INBOX_PAGE (widget));
}

/* --- GObject --------------------------------------------------------- */

static void
zc_inbox_page_dispose (GObject *object)
{
  ZcInboxPage *self = ZC_INBOX_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->idle_update, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_INBOX_PAGE);
  /* children the template does not bind are unparented here */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->sort, g_free);

  G_OBJECT_CLASS (zc_inbox_page_parent_class)->dispose (object);
}

static void
zc_inbox_page_class_init (ZcInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->dispose = zc_inbox_page_dispose;
  widget_class->map = zc_inbox_page_map;
  widget_class->unmap = zc_inbox_page_unmap;

  /* emitted when the platform answers 401 to a logged-in request */
  signals[SESSION_ENDED] =
    g_signal_new ("session-ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* a row was activated (Enter or double click): the case page opens */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZcInboxPage, error_page);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    gtk_widget_class_bind_template_child_full (widget_class, columns[i].column, FALSE,
                                               G_STRUCT_OFFSET (ZcInboxPage, column_widgets)
                                               + i * sizeof (GtkColumnViewColumn *));
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_applicant_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_state_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_number_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_applicant_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_state_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_state_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_window_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_updated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "inbox.refresh", NULL, zc_inbox_page_refresh);
  gtk_widget_class_install_action (widget_class, "inbox.find", NULL, zc_inbox_page_find);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zc_inbox_page_init (ZcInboxPage *self)
{
  g_autoptr(GtkStringList) states = NULL;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* every column sorts (the platform does, see sorter_changed_cb); the
   * newest change first until a header says otherwise */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkColumnViewColumn *column = self->column_widgets[i];
      GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);
      ColumnProbe *probe = g_new0 (ColumnProbe, 1);
      g_autoptr(GtkSorter) sorter = NULL;

      probe->self = self;
      probe->sort = columns[i].sort;
      sorter = GTK_SORTER (gtk_custom_sorter_new (column_probe_cb, probe, g_free));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_set_data (G_OBJECT (factory), "zc-min-chars", GINT_TO_POINTER (columns[i].min_chars));
      g_object_set_data (G_OBJECT (factory), "zc-max-chars", GINT_TO_POINTER (columns[i].max_chars));
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_sort_by_column (self->column_view, self->column_widgets[G_N_ELEMENTS (columns) - 1],
                                  GTK_SORT_DESCENDING);

  states = gtk_string_list_new (NULL);
  gtk_string_list_append (states, _("All States"));
  for (guint i = 0; i < G_N_ELEMENTS (filter_states); i++)
    gtk_string_list_append (states, zc_case_state_label (filter_states[i]));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search cases"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("State filter"),
                                  -1);
  /* …and the button inside it, which GTK 4.8 leaves unnamed */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->state_dropdown)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      gtk_accessible_update_property (GTK_ACCESSIBLE (c),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("State filter"),
                                      -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cases"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading cases…"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inbox"),
                                  -1);

  /* F5 and Ctrl+F work anywhere in the window while the inbox is shown */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_named_action_new ("inbox.refresh")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("inbox.find")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  zc_inbox_page_update_actions (self);
  zc_inbox_page_update (self);
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_inbox_page_new (void)
{
  return g_object_new (ZC_TYPE_INBOX_PAGE, NULL);
}

void
zc_inbox_page_set_client (ZcInboxPage *self,
                          ZcClient    *client)
{
  g_return_if_fail (ZC_IS_INBOX_PAGE (self));
  g_return_if_fail (!client || ZC_IS_CLIENT (client));

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  /* A new session starts with no search and no filter */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  g_signal_handlers_block_by_func (self->state_dropdown, state_selected_cb, self);
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->state_dropdown, state_selected_cb, self);

  if (client != NULL)
    {
      self->model = zc_case_list_model_new (client, ZC_INBOX_PAGE_SIZE);
      zc_case_list_model_set_sort (self->model, self->sort);
      g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (loading_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::total", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::error", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "items-changed", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);

      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }

  zc_inbox_page_update_actions (self);
  zc_inbox_page_update (self);
}

GListModel *
zc_inbox_page_get_model (ZcInboxPage *self)
{
  g_return_val_if_fail (ZC_IS_INBOX_PAGE (self), NULL);

  return self->model ? G_LIST_MODEL (self->model) : NULL;
}
