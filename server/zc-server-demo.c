/* zc-server-demo.c — the demo data of zc-platform --demo
 *
 * On an empty database, inside one transaction (all or nothing), loads:
 * the catalogue (DATA_DIR/catalogue.json), the users (password demo1234),
 * a demo licence library of persons (school-age children among them) and
 * enterprises of Anhui province (DATA_DIR/demo/names.json for names and
 * places), with the records other agencies share (social insurance,
 * housing fund, penalties, bankruptcy rulings, liquidation filings,
 * listing guidance filings, vehicle licences, transport qualifications),
 * and about 500 cases over the last 90 days with their tasks and audit
 * events.
 *
 * Everything is generated from GRands with fixed seeds, so identities
 * (ID numbers, credit codes, names) are the same on every load; dates
 * (validity, newborns, cases) are relative to the load day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-server-demo.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zc-calendar.h"
#include "zc-id.h"
#include "zc-server-auth.h"

#define DEMO_PASSWORD       "demo1234"
#define DEMO_SEED_PEOPLE    0x5a430001u
#define DEMO_SEED_LICENCES  0x5a430002u
#define DEMO_SEED_CASES     0x5a430003u
#define DEMO_SEED_SOURCES   0x5a430004u   /* records of other agencies: social insurance, housing fund, courts … */
#define DEMO_SEED_ROUND2    0x5a430005u   /* listing filings, vehicles, transport qualifications */
#define DEMO_N_CASES        500
#define DEMO_DAYS_BACK      90
#define SH_OFFSET           (8 * 3600)    /* Asia/Shanghai, no DST */
#define DAY                 (24 * 3600)

/* ------------------------------------------------------------------ */
/* Types                                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char **v;
  guint        n;
} StrList;

typedef struct
{
  const char *code;
  const char *name;
  int         weight;
} DemoRegion;

typedef struct
{
  const char *code;
  const char *name;
  const char *short_name;
  const char *police;
  StrList     stations;
  StrList     streets;
} DemoDistrict;

enum
{
  F_FOOD_STAFF      = 1 << 0,
  F_REST_FOUNDER    = 1 << 1,
  F_TRANS_FOUNDER   = 1 << 2,
  F_DISABLED        = 1 << 3,
  F_NEWBORN_PARENT  = 1 << 4,
  F_HOME_OWNER      = 1 << 5,
  F_PREMISES_OWNER  = 1 << 6,
  F_LEGAL_REP       = 1 << 7,
  F_CHILD           = 1 << 8,     /* a school-age child, in the parents' household */
  F_PENALTY         = 1 << 9,     /* enterprises: 行政处罚决定书 */
  F_BANKRUPT        = 1 << 10,    /* enterprises: 受理破产申请民事裁定书 */
  F_LIQUIDATING     = 1 << 11,    /* enterprises: 清算组备案通知书 */
  F_REVOKED         = 1 << 12,    /* enterprises: business licence revoked */
  F_INSURED         = 1 << 13,    /* persons: 社会保险个人参保证明 */
  F_RETIRED         = 1 << 14,    /* persons: past retirement age, insurance paused */
  F_LISTING         = 1 << 15,    /* enterprises: 上市辅导备案证明 */
  F_QUALIFIED       = 1 << 16,    /* persons: 道路运输从业人员从业资格证 (one each) */
};

typedef enum
{
  BIZ_NONE,
  BIZ_RESTAURANT,
  BIZ_TRANSPORT,
  BIZ_TRADE,
  BIZ_PROPERTY,
} DemoBiz;

typedef struct _DemoApplicant DemoApplicant;

typedef struct
{
  const char    *role;
  DemoApplicant *party;
} DemoParty;

typedef struct
{
  const char    *type;
  const char    *number;
  DemoApplicant *holder;
  const char    *issuer;
  GDate          issued_on;
  GDate          valid_until;   /* invalid = unlimited */
  gboolean       revoked;
  JsonObject    *fields;
  GBytes        *photo;
} DemoLicence;

typedef struct
{
  const char    *location;
  const char    *area;
  DemoApplicant *owner;
  DemoApplicant *user;          /* restaurant or founder using it */
} DemoPremises;

struct _DemoApplicant
{
  char                key[19];
  gboolean            enterprise;
  const char         *name;
  const char         *surname;
  gboolean            male;
  int                 birth_year, birth_month, birth_day;
  const char         *ethnicity;
  const char         *phone;
  const char         *address;
  const DemoDistrict *district;
  gboolean            breach;
  guint               flags;
  DemoBiz             biz;
  const char         *planned_name;  /* founders: the company to be */
  DemoBiz             planned_biz;
  DemoApplicant      *spouse;
  DemoApplicant      *head;          /* household head (itself for the head) */
  const char         *relation;
  const char         *household_no;
  GDate               household_since;
  DemoApplicant      *legal_rep;
  DemoPremises       *premises;      /* used (restaurants, founders) */
  DemoApplicant      *company;       /* legal representatives: the first enterprise */
  GDate               established;   /* enterprises */
  const char         *employer;      /* persons with social insurance: the last employer */
  int                 retire_age;    /* persons with social insurance */
  DemoApplicant      *father;        /* children */
  DemoApplicant      *mother;
  DemoApplicant      *children[2];   /* parents */
  guint               n_children;
  GPtrArray          *licences;      /* DemoLicence* */
  GArray             *parties;       /* DemoParty */
};

typedef struct
{
  const char *username;
  const char *role;
  const char *display_name;
  const char *window;
  const char *department;
  char       *password_hash;   /* made on a worker thread */
} DemoUser;

typedef struct
{
  JsonObject *matter;
  const char *code;
  const char *name;
  const char *department;
  const char *dept_user;
  guint       time_limit;
  const char *state;
  GDate       due;
  gboolean    provisional;
  gboolean    awaiting;
  const char *reason;
  gint64      updated;
  gint64      id;
} DemoTask;

typedef struct
{
  JsonObject     *item;
  const char     *item_code;
  DemoApplicant  *applicant;
  const DemoUser *clerk;
  const char     *state;
  const char     *returned_from;
  const char     *reason;
  gint64          created;
  gint64          received;     /* 0 = never */
  gint64          updated;
  char           *number;
  GPtrArray      *tasks;        /* DemoTask* */
  GPtrArray      *roles;        /* parties: role strings */
  GPtrArray      *role_keys;    /* parties: DemoApplicant* */
  JsonObject     *form;
  gint64          id;
  const char     *child_name;   /* 教育入学: the pupil */
  char            child_key[19];
  GDate           child_birth;
  int             child_age;
} DemoCase;

typedef struct
{
  gint64      at;
  guint       seq;
  const char *actor;
  const char *role;
  const char *window;
  const char *action;
  DemoCase   *c;
  DemoTask   *t;
  const char *from;
  const char *to;
  const char *reason;
  char       *detail;
} DemoEvent;

/* A quota instead of a chance draw: of the eligible ones met in a fixed
 * order, exactly (n × percent + 50) / 100 of n are taken, spread evenly,
 * whatever the day makes eligible. */
typedef struct
{
  guint seen;
  guint percent;
} DemoQuota;

typedef struct
{
  ZcServerDb   *db;
  const char   *data_dir;
  GRand        *rp;             /* people, enterprises: no dates */
  GRand        *rl;             /* licences */
  GRand        *rc;             /* cases */
  GRand        *rx;             /* records of other agencies (new sources) */
  GRand        *ry;             /* listing filings, vehicles, transport qualifications */
  GDate         today;          /* the load day in Asia/Shanghai */
  GDate         today_sh;       /* today in Asia/Shanghai */
  gint64        now;
  ZcCalendar   *calendar;

  JsonParser   *names_parser;
  StrList       surnames, double_surnames, given_male, given_female, given_child;
  StrList       compounds, hospitals, banks, health_institutions, trade_names;
  StrList       restaurant_suffixes, transport_suffixes, trade_suffixes, property_suffixes;
  StrList       given_boy, given_girl, employer_suffixes, firm_names, securities;
  GArray       *regions;        /* DemoRegion */
  int           region_weight;
  GPtrArray    *districts;      /* DemoDistrict* */

  GPtrArray    *strings;        /* owned strings and vectors */
  GPtrArray    *applicants;     /* DemoApplicant*, owner */
  GPtrArray    *persons;
  GPtrArray    *enterprises;
  GHashTable   *keys;           /* key → DemoApplicant */
  GHashTable   *used;           /* licence numbers, company names */
  GPtrArray    *premises;       /* DemoPremises*, owner */

  JsonParser   *catalogue_parser;
  GPtrArray    *items;          /* JsonObject*, borrowed */
  GPtrArray    *users;          /* DemoUser*, owner */
  GPtrArray    *clerks;         /* DemoUser*, borrowed: case windows */
  const DemoUser *supervisor;
  GHashTable   *dept_users;     /* department → username */
  GPtrArray    *cases;          /* DemoCase*, owner */
  GPtrArray    *events;         /* DemoEvent*, owner */
  guint         event_seq;
  guint         n_licences;
  guint         n_photos;
  guint         n_disabled;
  guint         n_restaurants;
  GHashTable   *case_pairs;     /* "item\napplicant" already used */
  DemoQuota     insured_50;     /* persons 50 or older with social insurance */
  DemoQuota     insured_22;     /* 22 to 49 */
  DemoQuota     insured_19;     /* 19 to 21 */
  DemoQuota     fund;           /* the insured with a housing fund account */
  DemoQuota     child_id;       /* children of 9 to 15 with a voluntary ID card */
  DemoQuota     drivers;        /* working-age men with a driver's qualification */
  DemoQuota     drivers_lapsed; /* drivers whose qualification was not renewed */
} DemoLoad;

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

static const char *
keep (DemoLoad *self,
      char     *str)
{
  g_ptr_array_add (self->strings, str);
  return str;
}

static int
rnd (GRand *r,
     int    lo,
     int    hi)
{
  return g_rand_int_range (r, lo, hi + 1);
}

/* TRUE for the eligible ones the quota takes (see DemoQuota) */
static gboolean
quota_take (DemoQuota *q)
{
  guint i = q->seen++;

  return ((i + 1) * q->percent + 50) / 100 > (i * q->percent + 50) / 100;
}

/* of @n met in order, the @i-th is one of exactly @k (k <= n), spread evenly */
static gboolean
spread_take (guint i,
             guint k,
             guint n)
{
  return (guint64) (i + 1) * k / n > (guint64) i * k / n;
}

static gboolean
chance (GRand  *r,
        double  p)
{
  return g_rand_double (r) < p;
}

static const char *
pick (GRand         *r,
      const StrList *list)
{
  return list->v[g_rand_int_range (r, 0, (gint32) list->n)];
}

static const char *
pick_array (GRand              *r,
            const char * const *array,
            gsize               n)
{
  return array[g_rand_int_range (r, 0, (gint32) n)];
}

static const char *
iso (DemoLoad    *self,
     const GDate *date)
{
  return keep (self, g_strdup_printf ("%04d-%02d-%02d",
                                      g_date_get_year (date),
                                      g_date_get_month (date),
                                      g_date_get_day (date)));
}

static void
days_from_today (DemoLoad *self,
                 GDate    *out,
                 int       days)
{
  *out = self->today;
  if (days > 0)
    g_date_add_days (out, (guint) days);
  else if (days < 0)
    g_date_subtract_days (out, (guint) -days);
}

static void
set_date (GDate *out,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static int
age_on (const DemoApplicant *p,
        const GDate         *date)
{
  int age = g_date_get_year (date) - p->birth_year;

  if ((int) g_date_get_month (date) < p->birth_month ||
      ((int) g_date_get_month (date) == p->birth_month &&
       (int) g_date_get_day (date) < p->birth_day))
    age--;
  return age;
}

static void
birthday_at (const DemoApplicant *p,
             int                  age,
             GDate               *out)
{
  set_date (out, p->birth_year, p->birth_month, p->birth_day);
  g_date_add_years (out, (guint) age);
}

/* a date uniformly in [from, to]; @to if the range is empty */
static void
date_between (GRand       *r,
              const GDate *from,
              const GDate *to,
              GDate       *out)
{
  int span = g_date_days_between (from, to);

  *out = *from;
  if (span <= 0)
    {
      *out = *to;
      return;
    }
  g_date_add_days (out, (guint) rnd (r, 0, span));
}

static gboolean
date_is_before (const GDate *a,
                const GDate *b)
{
  return g_date_compare (a, b) < 0;
}

static gboolean
invalid_data (GError    **error,
              const char *file,
              const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The demo data file %s is not valid: %s"), file, what);
  return FALSE;
}

static const char *
member_string (JsonObject *obj,
               const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *obj,
               const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *obj,
              const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
member_bool (JsonObject *obj,
             const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return FALSE;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gint64
member_int (JsonObject *obj,
            const char *member,
            gint64      fallback)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return fallback;
  node = json_object_get_member (obj, member);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

static gboolean
strv_array_contains (JsonArray  *array,
                     const char *str)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), str) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Shanghai wall clock ↔ unix time */
static void
sh_date_of (gint64  t,
            GDate  *out)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) ((t + SH_OFFSET) / DAY + 719163));
}

static gint64
sh_midnight (const GDate *date)
{
  return ((gint64) g_date_get_julian (date) - 719163) * DAY - SH_OFFSET;
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Moves @t into office hours (09:00–17:30 Shanghai) of the same day. */
static gint64
snap_office (gint64 t)
{
  gint64 midnight = ((t + SH_OFFSET) / DAY) * DAY - SH_OFFSET;
  gint64 sec = t - midnight;
  const gint64 open = 9 * 3600, span = 8 * 3600 + 1800;

  if (sec < open || sec >= open + span)
    sec = open + (sec % span);
  return midnight + sec;
}

static int
cmp_gint64 (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* @n sorted times in [lo, hi], in office hours where possible */
static void
random_times (GRand  *r,
              gint64  lo,
              gint64  hi,
              guint   n,
              gint64 *out)
{
  if (hi < lo)
    hi = lo;
  for (guint i = 0; i < n; i++)
    {
      gint64 t = lo + (gint64) (g_rand_double (r) * (double) (hi - lo));

      t = snap_office (t);
      out[i] = CLAMP (t, lo, hi);
    }
  qsort (out, n, sizeof (gint64), cmp_gint64);
  for (guint i = 1; i < n; i++)
    if (out[i] <= out[i - 1])
      out[i] = MIN (out[i - 1] + 60, hi);
}

/* ------------------------------------------------------------------ */
/* names.json                                                           */
/* ------------------------------------------------------------------ */

static gboolean
get_strlist (DemoLoad    *self,
             JsonObject  *obj,
             const char  *member,
             StrList     *out,
             const char  *file,
             GError     **error)
{
  JsonArray *array = member_array (obj, member);
  guint n;

  if (array == NULL || (n = json_array_get_length (array)) == 0)
    {
      g_autofree char *what = g_strdup_printf (_("“%s” is missing or empty"), member);
      return invalid_data (error, file, what);
    }

  out->v = g_new0 (const char *, n + 1);
  out->n = n;
  g_ptr_array_add (self->strings, out->v);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_autofree char *what = g_strdup_printf (_("“%s” must hold only non-empty strings"), member);
          return invalid_data (error, file, what);
        }
      out->v[i] = json_node_get_string (node);
    }
  return TRUE;
}

static gboolean
is_region_code (const char *code)
{
  if (code == NULL || strlen (code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return code[0] != '0';
}

static gboolean
load_names (DemoLoad  *self,
            GError   **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, "demo", "names.json", NULL);
  const char *file = "demo/names.json";
  JsonObject *root;
  JsonArray *regions, *districts;
  static const struct { const char *member; gsize offset; } lists[] = {
    { "surnames", G_STRUCT_OFFSET (DemoLoad, surnames) },
    { "double_surnames", G_STRUCT_OFFSET (DemoLoad, double_surnames) },
    { "given_male", G_STRUCT_OFFSET (DemoLoad, given_male) },
    { "given_female", G_STRUCT_OFFSET (DemoLoad, given_female) },
    { "given_child", G_STRUCT_OFFSET (DemoLoad, given_child) },
    { "compounds", G_STRUCT_OFFSET (DemoLoad, compounds) },
    { "hospitals", G_STRUCT_OFFSET (DemoLoad, hospitals) },
    { "banks", G_STRUCT_OFFSET (DemoLoad, banks) },
    { "health_institutions", G_STRUCT_OFFSET (DemoLoad, health_institutions) },
    { "trade_names", G_STRUCT_OFFSET (DemoLoad, trade_names) },
    { "restaurant_suffixes", G_STRUCT_OFFSET (DemoLoad, restaurant_suffixes) },
    { "transport_suffixes", G_STRUCT_OFFSET (DemoLoad, transport_suffixes) },
    { "trade_suffixes", G_STRUCT_OFFSET (DemoLoad, trade_suffixes) },
    { "property_companies", G_STRUCT_OFFSET (DemoLoad, property_suffixes) },
    { "given_boy", G_STRUCT_OFFSET (DemoLoad, given_boy) },
    { "given_girl", G_STRUCT_OFFSET (DemoLoad, given_girl) },
    { "employer_suffixes", G_STRUCT_OFFSET (DemoLoad, employer_suffixes) },
    { "firm_names", G_STRUCT_OFFSET (DemoLoad, firm_names) },
    { "securities_companies", G_STRUCT_OFFSET (DemoLoad, securities) },
  };

  self->names_parser = json_parser_new_immutable ();
  if (!json_parser_load_from_file (self->names_parser, path, error))
    {
      g_prefix_error (error, _("Cannot read the demo data file %s: "), file);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (self->names_parser)))
    return invalid_data (error, file, _("the top level is not an object"));
  root = json_node_get_object (json_parser_get_root (self->names_parser));

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (!get_strlist (self, root, lists[i].member,
                      G_STRUCT_MEMBER_P (self, lists[i].offset), file, error))
      return FALSE;

  regions = member_array (root, "birth_regions");
  if (regions == NULL || json_array_get_length (regions) == 0)
    return invalid_data (error, file, _("“birth_regions” is missing or empty"));
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *o = json_array_get_object_element (regions, i);
      DemoRegion region;

      region.code = member_string (o, "code");
      region.name = member_string (o, "name");
      region.weight = (int) member_int (o, "weight", 1);
      if (!is_region_code (region.code) || region.name == NULL || region.weight < 1 || region.weight > 1000)
        return invalid_data (error, file, _("a birth region needs a 6-digit “code”, a “name” and a positive “weight”"));
      g_array_append_val (self->regions, region);
      self->region_weight += region.weight;
    }

  districts = member_array (root, "districts");
  if (districts == NULL || json_array_get_length (districts) == 0)
    return invalid_data (error, file, _("“districts” is missing or empty"));
  for (guint i = 0; i < json_array_get_length (districts); i++)
    {
      JsonObject *o = json_array_get_object_element (districts, i);
      DemoDistrict *d = g_new0 (DemoDistrict, 1);

      g_ptr_array_add (self->strings, d);
      d->code = member_string (o, "code");
      d->name = member_string (o, "name");
      d->short_name = member_string (o, "short");
      d->police = member_string (o, "police");
      if (!is_region_code (d->code) || d->name == NULL || d->short_name == NULL || d->police == NULL)
        return invalid_data (error, file, _("a district needs a 6-digit “code”, “name”, “short” and “police”"));
      if (!get_strlist (self, o, "station", &d->stations, file, error) ||
          !get_strlist (self, o, "streets", &d->streets, file, error))
        return FALSE;
      g_ptr_array_add (self->districts, d);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Applicants                                                           */
/* ------------------------------------------------------------------ */

static void
licence_free (gpointer data)
{
  DemoLicence *l = data;

  g_clear_pointer (&l->fields, json_object_unref);
  g_clear_pointer (&l->photo, g_bytes_unref);
  g_free (l);
}

static void
applicant_free (gpointer data)
{
  DemoApplicant *a = data;

  g_ptr_array_unref (a->licences);
  g_array_unref (a->parties);
  g_free (a);
}

static DemoApplicant *
applicant_new (DemoLoad *self,
               gboolean  enterprise)
{
  DemoApplicant *a = g_new0 (DemoApplicant, 1);

  a->enterprise = enterprise;
  a->licences = g_ptr_array_new_with_free_func (licence_free);
  a->parties = g_array_new (FALSE, FALSE, sizeof (DemoParty));
  g_ptr_array_add (self->applicants, a);
  g_ptr_array_add (enterprise ? self->enterprises : self->persons, a);
  return a;
}

static void
add_party (DemoApplicant *a,
           const char    *role,
           DemoApplicant *party)
{
  DemoParty p = { role, party };

  if (party == NULL)
    return;
  for (guint i = 0; i < a->parties->len; i++)
    {
      DemoParty *q = &g_array_index (a->parties, DemoParty, i);

      if (q->party == party && strcmp (q->role, role) == 0)
        return;
    }
  g_array_append_val (a->parties, p);
}

static DemoApplicant *
find_party (DemoApplicant *a,
            const char    *role)
{
  for (guint i = 0; i < a->parties->len; i++)
    {
      DemoParty *q = &g_array_index (a->parties, DemoParty, i);

      if (strcmp (q->role, role) == 0)
        return q->party;
    }
  return NULL;
}

static const DemoRegion *
pick_region (DemoLoad *self)
{
  int w = rnd (self->rp, 0, self->region_weight - 1);

  for (guint i = 0; i < self->regions->len; i++)
    {
      const DemoRegion *r = &g_array_index (self->regions, DemoRegion, i);

      if (w < r->weight)
        return r;
      w -= r->weight;
    }
  return &g_array_index (self->regions, DemoRegion, 0);
}

static const DemoDistrict *
pick_district (DemoLoad *self,
               GRand    *r)
{
  /* the city districts (listed first) are more likely */
  guint n = self->districts->len;
  guint i = chance (r, 0.8) ? (guint) rnd (r, 0, (int) MIN (n, 4) - 1) : (guint) rnd (r, 0, (int) n - 1);

  return g_ptr_array_index (self->districts, i);
}

static const char *
make_phone (DemoLoad *self,
            GRand    *r)
{
  static const char * const prefixes[] = {
    "139", "138", "137", "136", "135", "159", "158", "157", "152", "151", "150",
    "188", "187", "182", "183", "178", "177", "180", "181", "189", "186", "185",
    "133", "153", "199", "198", "166", "176", "173", "191",
  };

  return keep (self, g_strdup_printf ("%s%08d",
                                      pick_array (r, prefixes, G_N_ELEMENTS (prefixes)),
                                      rnd (r, 0, 99999999)));
}

static const char *
make_home_address (DemoLoad           *self,
                   GRand              *r,
                   const DemoDistrict *d)
{
  return keep (self, g_strdup_printf ("%s%s%d号%s%d栋%d%02d室",
                                      d->name, pick (r, &d->streets), rnd (r, 1, 399),
                                      pick (r, &self->compounds), rnd (r, 1, 36),
                                      rnd (r, 1, 32), rnd (r, 1, 4)));
}

static const char *
make_shop_address (DemoLoad           *self,
                   GRand              *r,
                   const DemoDistrict *d)
{
  return keep (self, g_strdup_printf ("%s%s%d号%s商业街%d栋1%02d室",
                                      d->name, pick (r, &d->streets), rnd (r, 1, 399),
                                      pick (r, &self->compounds), rnd (r, 1, 12),
                                      rnd (r, 1, 30)));
}

/* A person born in [@year_min, @year_max] in a weighted birth region; or,
 * with @region_code and @born, born on that day there (children). */
static DemoApplicant *
make_person_full (DemoLoad    *self,
                  gboolean     male,
                  int          year_min,
                  int          year_max,
                  const char  *surname,
                  const char  *region_code,
                  const GDate *born)
{
  GRand *r = self->rp;
  DemoApplicant *p = applicant_new (self, FALSE);

  for (;;)
    {
      const char *region = region_code ? region_code : pick_region (self)->code;
      int year = born ? g_date_get_year (born) : rnd (r, year_min, year_max);
      int month = born ? (int) g_date_get_month (born) : rnd (r, 1, 12);
      int day = born ? g_date_get_day (born)
                     : rnd (r, 1, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      int seq = rnd (r, 1, 999);
      char first17[18];
      char check;

      if ((seq & 1) != (male ? 1 : 0))
        seq = seq < 999 ? seq + 1 : seq - 1;
      g_snprintf (first17, sizeof first17, "%s%04d%02d%02d%03d",
                  region, year, month, day, seq);
      check = zc_resident_id_check_char (first17);
      if (check == '\0')
        continue;
      g_snprintf (p->key, sizeof p->key, "%s%c", first17, check);
      if (g_hash_table_contains (self->keys, p->key))
        continue;
      p->birth_year = year;
      p->birth_month = month;
      p->birth_day = day;
      break;
    }
  g_hash_table_insert (self->keys, p->key, p);

  p->male = male;
  if (surname == NULL)
    surname = chance (r, 0.04) ? pick (r, &self->double_surnames) : pick (r, &self->surnames);
  p->surname = surname;
  p->name = keep (self, g_strconcat (surname,
                                     pick (r, male ? &self->given_male : &self->given_female),
                                     NULL));
  p->phone = make_phone (self, r);
  p->district = pick_district (self, r);
  p->address = make_home_address (self, r, p->district);
  return p;
}

static DemoApplicant *
make_person (DemoLoad   *self,
             gboolean    male,
             int         year_min,
             int         year_max,
             const char *surname)
{
  return make_person_full (self, male, year_min, year_max, surname, NULL, NULL);
}

static void
make_household (DemoLoad       *self,
                DemoApplicant **members,
                const char    **relations,
                guint           n)
{
  GRand *r = self->rp;
  DemoApplicant *head = members[0];
  const char *number;

  do
    number = keep (self, g_strdup_printf ("%s%06d", head->district->code, rnd (r, 1, 999999)));
  while (g_hash_table_contains (self->used, number));
  g_hash_table_add (self->used, (gpointer) number);

  for (guint i = 0; i < n; i++)
    {
      DemoApplicant *m = members[i];

      m->head = head;
      m->relation = relations[i];
      m->household_no = number;
      m->district = head->district;
      m->address = head->address;
      if (m != head)
        add_party (m, "household_head", head);
    }
}

static void
marry (DemoLoad      *self,
       DemoApplicant *husband,
       DemoApplicant *wife)
{
  DemoApplicant *members[2] = { husband, wife };
  const char *relations[2] = { "户主", "配偶" };

  husband->spouse = wife;
  wife->spouse = husband;
  add_party (husband, "spouse", wife);
  add_party (wife, "spouse", husband);
  if (chance (self->rp, 0.15))
    {
      /* the wife heads the household */
      members[0] = wife;
      members[1] = husband;
    }
  make_household (self, members, relations, 2);
}

static void
make_single (DemoLoad *self,
             int       year_min,
             int       year_max)
{
  DemoApplicant *p = make_person (self, chance (self->rp, 0.5), year_min, year_max, NULL);
  const char *relation = "户主";

  make_household (self, &p, &relation, 1);
}

static void
make_couple (DemoLoad *self,
             int       year_min,
             int       year_max,
             guint     flags)
{
  DemoApplicant *husband = make_person (self, TRUE, year_min, year_max, NULL);
  int wy = CLAMP (husband->birth_year + rnd (self->rp, -2, 5), year_min, year_max + 3);
  DemoApplicant *wife = make_person (self, FALSE, wy, wy, NULL);

  husband->flags |= flags;
  wife->flags |= flags;
  marry (self, husband, wife);
}

/* a person born in [year_min, year_max] without any of @exclude, or NULL */
static DemoApplicant *
pick_person (DemoLoad *self,
             int       year_min,
             int       year_max,
             guint     exclude)
{
  guint n = self->persons->len;
  guint start = (guint) rnd (self->rp, 0, (int) n - 1);

  for (guint k = 0; k < n; k++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);

      if (p->birth_year >= year_min && p->birth_year <= year_max && (p->flags & exclude) == 0)
        return p;
    }
  return NULL;
}

static char
org_check_char (const char *body8)
{
  static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0, c9;

  for (guint i = 0; i < 8; i++)
    {
      char c = body8[i];
      int v = g_ascii_isdigit (c) ? c - '0' : c - 'A' + 10;

      sum += v * weights[i];
    }
  c9 = 11 - sum % 11;
  if (c9 == 10)
    return 'X';
  if (c9 == 11)
    return '0';
  return (char) ('0' + c9);
}

static const char *
unique_name (DemoLoad   *self,
             const char *prefix,
             const StrList *suffixes)
{
  GRand *r = self->rp;

  for (guint attempt = 0; ; attempt++)
    {
      const char *name;

      if (attempt < 200)
        name = keep (self, g_strconcat (prefix, pick (r, &self->trade_names), pick (r, suffixes), NULL));
      else
        name = keep (self, g_strdup_printf ("%s%s%u%s", prefix, pick (r, &self->trade_names),
                                            attempt, pick (r, suffixes)));
      if (!g_hash_table_contains (self->used, name))
        {
          g_hash_table_add (self->used, (gpointer) name);
          return name;
        }
    }
}

static const char *
company_name (DemoLoad           *self,
              DemoBiz             biz,
              const DemoDistrict *d)
{
  switch (biz)
    {
    case BIZ_RESTAURANT:
      return unique_name (self, d->name, &self->restaurant_suffixes);
    case BIZ_TRANSPORT:
      return unique_name (self, "合肥", &self->transport_suffixes);
    case BIZ_PROPERTY:
      return unique_name (self, "合肥", &self->property_suffixes);
    case BIZ_TRADE:
    case BIZ_NONE:
    default:
      return unique_name (self, "安徽", &self->trade_suffixes);
    }
}

static DemoApplicant *
make_enterprise (DemoLoad      *self,
                 DemoBiz        biz,
                 DemoApplicant *rep)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  GRand *r = self->rp;
  DemoApplicant *e = applicant_new (self, TRUE);
  const DemoDistrict *d = g_ptr_array_index (self->districts, rnd (r, 0, (int) MIN (self->districts->len, 4) - 1));

  for (;;)
    {
      char body[9], first17[18], check;

      if (chance (r, 0.7))
        {
          body[0] = 'M';
          body[1] = 'A';
          for (guint i = 2; i < 8; i++)
            body[i] = alphabet[rnd (r, 0, 30)];
        }
      else
        {
          for (guint i = 0; i < 8; i++)
            body[i] = (char) ('0' + rnd (r, 0, 9));
          if (body[0] == '0')
            body[0] = '7';
        }
      body[8] = '\0';
      g_snprintf (first17, sizeof first17, "91%s%s%c", d->code, body, org_check_char (body));
      check = zc_uscc_check_char (first17);
      if (check == '\0')
        continue;
      g_snprintf (e->key, sizeof e->key, "%s%c", first17, check);
      if (!g_hash_table_contains (self->keys, e->key))
        break;
    }
  g_hash_table_insert (self->keys, e->key, e);

  e->biz = biz;
  e->district = d;
  e->name = company_name (self, biz, d);
  e->legal_rep = rep;
  rep->flags |= F_LEGAL_REP;
  if (rep->company == NULL)
    rep->company = e;
  add_party (e, "legal_representative", rep);
  e->phone = chance (r, 0.6)
             ? keep (self, g_strdup_printf ("0551-6%07d", rnd (r, 0, 9999999)))
             : make_phone (self, r);
  if (biz == BIZ_RESTAURANT)
    e->address = NULL;          /* its premises, set later */
  else
    e->address = keep (self, g_strdup_printf ("%s%s%d号%s大厦%d%02d室",
                                              d->name, pick (r, &d->streets), rnd (r, 1, 399),
                                              pick (r, &self->trade_names), rnd (r, 2, 28), rnd (r, 1, 20)));
  return e;
}

static DemoPremises *
make_premises (DemoLoad      *self,
               DemoApplicant *owner)
{
  DemoPremises *pr = g_new0 (DemoPremises, 1);
  const DemoDistrict *d = owner->district != NULL
                          ? owner->district
                          : g_ptr_array_index (self->districts, 0);

  pr->owner = owner;
  pr->location = make_shop_address (self, self->rp, d);
  pr->area = keep (self, g_strdup_printf ("%d.%02d", rnd (self->rp, 35, 260), rnd (self->rp, 0, 99)));
  owner->flags |= F_PREMISES_OWNER;
  g_ptr_array_add (self->premises, pr);
  return pr;
}

static DemoPremises *
free_premises (DemoLoad      *self,
               DemoApplicant *user)
{
  guint n = self->premises->len;
  guint start = (guint) rnd (self->rp, 0, (int) n - 1);

  for (guint k = 0; k < n; k++)
    {
      DemoPremises *pr = g_ptr_array_index (self->premises, (start + k) % n);

      if (pr->user == NULL)
        {
          pr->user = user;
          return pr;
        }
    }
  /* none left: a new unit of a property company */
  {
    DemoApplicant *owner = NULL;

    for (guint i = 0; i < self->enterprises->len && owner == NULL; i++)
      {
        DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

        if (e->biz == BIZ_PROPERTY)
          owner = e;
      }
    if (owner == NULL)
      owner = g_ptr_array_index (self->persons, 0);
    {
      DemoPremises *pr = make_premises (self, owner);

      pr->user = user;
      return pr;
    }
  }
}

/* --- school-age children */

/* the year of the school entry a case on @date is about: registration
 * runs in spring and summer for September; the autumn term is the same
 * school year */
static int
enrolment_year (const GDate *date)
{
  return g_date_get_year (date) - (g_date_get_month (date) < 3 ? 1 : 0);
}

/* "小学一年级" or "初中一年级" when @child enters it in @year (six or twelve
 * years old on August 31), NULL otherwise */
static const char *
entry_stage (const DemoApplicant *child,
             int                  year)
{
  GDate born, from, to;

  set_date (&born, child->birth_year, child->birth_month, child->birth_day);
  set_date (&from, year - 7, 9, 1);
  set_date (&to, year - 6, 8, 31);
  if (g_date_compare (&born, &from) >= 0 && g_date_compare (&born, &to) <= 0)
    return "小学一年级";
  set_date (&from, year - 13, 9, 1);
  set_date (&to, year - 12, 8, 31);
  if (g_date_compare (&born, &from) >= 0 && g_date_compare (&born, &to) <= 0)
    return "初中一年级";
  return NULL;
}

static DemoApplicant *
make_child (DemoLoad      *self,
            DemoApplicant *father,
            DemoApplicant *mother,
            const GDate   *born)
{
  GRand *r = self->rp;
  gboolean boy = chance (r, 0.52);
  const char *surname = chance (r, 0.92) ? father->surname : mother->surname;
  DemoApplicant *head = father->head;
  DemoApplicant *c = make_person_full (self, boy, 0, 0, surname, head->district->code, born);

  /* a name of the 2010s, not the sibling's */
  for (;;)
    {
      const char *name = keep (self, g_strconcat (surname, pick (r, boy ? &self->given_boy : &self->given_girl), NULL));

      if (father->n_children == 0 || strcmp (father->children[0]->name, name) != 0)
        {
          c->name = name;
          break;
        }
    }
  c->flags |= F_CHILD;
  c->phone = mother->phone;   /* the guardian's */
  c->father = father;
  c->mother = mother;
  c->head = head;
  if (head == father || head == mother)
    c->relation = boy ? "子" : "女";
  else
    c->relation = boy ? "孙子" : "孙女";
  c->household_no = head->household_no;
  c->district = head->district;
  c->address = head->address;
  add_party (c, "household_head", head);
  add_party (c, "guardian", chance (r, 0.6) ? mother : father);
  father->children[father->n_children++] = c;
  mother->children[mother->n_children++] = c;
  return c;
}

/* @m joins the household of @head as @relation (household_head party too) */
static void
move_into_household (DemoApplicant *m,
                     DemoApplicant *head,
                     const char    *relation)
{
  gboolean listed = FALSE;

  m->head = head;
  m->relation = relation;
  m->household_no = head->household_no;
  m->district = head->district;
  m->address = head->address;
  for (guint i = 0; i < m->parties->len; i++)
    {
      DemoParty *q = &g_array_index (m->parties, DemoParty, i);

      if (strcmp (q->role, "household_head") == 0)
        {
          q->party = head;
          listed = TRUE;
        }
    }
  if (!listed)
    add_party (m, "household_head", head);
}

/* a widowed mother of @father (22 to 38 years older, living alone) whose
 * household the family joins: three generations, or NULL */
static DemoApplicant *
pick_grandmother (DemoLoad      *self,
                  DemoApplicant *father)
{
  guint n = self->persons->len;
  guint start = (guint) rnd (self->rp, 0, (int) n - 1);

  for (guint k = 0; k < n; k++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);

      if (!p->male && p->spouse == NULL && p->head == p && !(p->flags & F_CHILD) &&
          p->birth_year >= father->birth_year - 38 && p->birth_year <= father->birth_year - 22 &&
          (p->flags & (F_REST_FOUNDER | F_TRANS_FOUNDER | F_LEGAL_REP | F_PREMISES_OWNER)) == 0)
        {
          gboolean taken = FALSE;

          for (guint i = 0; i < n && !taken; i++)
            {
              DemoApplicant *o = g_ptr_array_index (self->persons, i);

              taken = o != p && o->head == p;
            }
          if (!taken)
            return p;
        }
    }
  return NULL;
}

/* About half of the couples born 1975–1994 have a child born 2013–2020
 * (some two), a good share of them at the school entry ages of 2026;
 * each parent lists one child as the party "child": the one entering
 * school this year if any, else the youngest.  Most of these households
 * own their home.  Made last, after every other person, so the other
 * identities do not move. */
static void
generate_children (DemoLoad *self)
{
  GRand *r = self->rp;
  guint n = self->persons->len;
  int year = enrolment_year (&self->today);

  for (guint i = 0; i < n; i++)
    {
      DemoApplicant *father = g_ptr_array_index (self->persons, i);
      DemoApplicant *mother = father->spouse;
      DemoApplicant *listed = NULL;
      guint n_kids;
      GDate latest, d;

      if (!father->male || mother == NULL || father->head == NULL ||
          father->birth_year < 1975 || father->birth_year > 1994)
        continue;
      /* about half of the couples: most of those old enough for a child born by 2020 */
      set_date (&latest, 2020, 12, 31);
      birthday_at (mother, 22, &d);
      if (date_is_before (&latest, &d))
        continue;
      birthday_at (father, 24, &d);
      if (date_is_before (&latest, &d) || !chance (r, 0.55))
        continue;
      /* some live with the husband's widowed mother: the children are 孙子/孙女 */
      if (chance (r, 0.15))
        {
          DemoApplicant *grandmother = pick_grandmother (self, father);

          if (grandmother != NULL)
            {
              move_into_household (father, grandmother, "子");
              move_into_household (mother, grandmother, "儿媳");
            }
        }
      n_kids = chance (r, 0.3) ? 2 : 1;
      for (guint k = 0; k < n_kids; k++)
        {
          GDate lo, hi, from, to, born;
          int roll = rnd (r, 0, 99);

          /* the mother 22 or older, the father 24 (married before, at the
           * legal ages); a sibling two years or more later */
          set_date (&lo, 2013, 1, 1);
          set_date (&hi, 2020, 12, 31);
          birthday_at (mother, 22, &d);
          if (date_is_before (&lo, &d))
            lo = d;
          birthday_at (father, 24, &d);
          if (date_is_before (&lo, &d))
            lo = d;
          if (k == 1)
            {
              DemoApplicant *first = father->children[0];

              birthday_at (first, 2, &d);
              if (date_is_before (&lo, &d))
                lo = d;
            }
          if (date_is_before (&hi, &lo))
            break;
          /* the entrants of the 2026 school year: primary, junior middle */
          if (roll < 40)
            {
              set_date (&from, roll < 25 ? 2019 : 2013, 9, 1);
              set_date (&to, roll < 25 ? 2020 : 2014, 8, 31);
              if (date_is_before (&from, &lo))
                from = lo;
              if (date_is_before (&hi, &to))
                to = hi;
              if (!date_is_before (&to, &from))
                {
                  lo = from;
                  hi = to;
                }
            }
          date_between (r, &lo, &hi, &born);
          make_child (self, father, mother, &born);
        }
      for (guint k = 0; k < father->n_children; k++)
        {
          DemoApplicant *c = father->children[k];

          if (listed == NULL || entry_stage (c, year) != NULL)
            listed = c;
          if (entry_stage (c, year) != NULL)
            break;
        }
      /* no entrant: the youngest */
      if (listed != NULL && entry_stage (listed, year) == NULL)
        listed = father->children[father->n_children - 1];
      add_party (father, "child", listed);
      add_party (mother, "child", listed);
      /* families with pupils mostly own their home (the school district) */
      if (listed != NULL && chance (r, 0.7))
        father->head->flags |= F_HOME_OWNER;
    }
}

static void
generate_people (DemoLoad *self)
{
  GRand *r = self->rp;
  guint i;

  /* households */
  for (i = 0; i < 46; i++)
    make_couple (self, 1964, 1996, 0);
  for (i = 0; i < 28; i++)
    make_couple (self, 1988, 1999, F_NEWBORN_PARENT);
  for (i = 0; i < 12; i++)
    make_couple (self, 1945, 1962, 0);
  for (i = 0; i < 20; i++)
    make_single (self, 1945, 1960);
  for (i = 0; i < 62; i++)
    make_single (self, 1972, 2006);

  /* roles */
  for (i = 0; i < 42; i++)
    {
      DemoApplicant *p = pick_person (self, 1968, 2005, F_FOOD_STAFF);

      if (p != NULL)
        p->flags |= F_FOOD_STAFF;
    }
  for (i = 0; i < 10; i++)
    {
      DemoApplicant *p = i < 6 ? pick_person (self, 1945, 1962, F_DISABLED)
                               : pick_person (self, 1965, 2004, F_DISABLED);

      if (p != NULL)
        p->flags |= F_DISABLED;
    }
  for (i = 0; i < 40; i++)
    {
      DemoApplicant *p = pick_person (self, 1950, 1995, F_HOME_OWNER);

      if (p != NULL)
        p->flags |= F_HOME_OWNER;
    }
  for (i = 0; i < 4; i++)
    {
      DemoApplicant *p = pick_person (self, 1960, 2000, 0);

      if (p != NULL)
        p->breach = TRUE;
    }

  /* enterprises with their legal representatives */
  for (i = 0; i < 5; i++)
    make_enterprise (self, BIZ_PROPERTY, pick_person (self, 1958, 1985, 0));
  for (i = 0; i < 14; i++)
    {
      DemoApplicant *owner = pick_person (self, 1950, 1985, F_PREMISES_OWNER | F_REST_FOUNDER);

      if (owner != NULL)
        make_premises (self, owner);
    }
  for (i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->biz == BIZ_PROPERTY)
        for (guint k = 0; k < 11; k++)
          make_premises (self, e);
    }
  for (i = 0; i < 30; i++)
    make_enterprise (self, BIZ_RESTAURANT, pick_person (self, 1965, 2000, 0));
  for (i = 0; i < 14; i++)
    make_enterprise (self, BIZ_TRANSPORT, pick_person (self, 1962, 1995, 0));
  for (i = 0; i < 26; i++)
    make_enterprise (self, BIZ_TRADE, pick_person (self, 1960, 2000, 0));

  for (i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (i % 17 == 5)
        e->breach = TRUE;
      if (e->biz != BIZ_RESTAURANT)
        continue;
      e->premises = free_premises (self, e);
      e->address = e->premises->location;
      add_party (e, "premises_owner", e->premises->owner);
      add_party (e, "staff", pick_person (self, 1968, 2005, 0) /* re-flagged below */);
    }

  /* founders of future restaurants and transport companies */
  for (i = 0; i < 26; i++)
    {
      DemoApplicant *f = pick_person (self, 1968, 2002, F_REST_FOUNDER | F_TRANS_FOUNDER | F_NEWBORN_PARENT);
      DemoApplicant *staff;

      if (f == NULL)
        break;
      f->flags |= F_REST_FOUNDER;
      f->planned_biz = BIZ_RESTAURANT;
      f->planned_name = company_name (self, BIZ_RESTAURANT, f->district);
      if (chance (r, 0.7) || f->spouse == NULL)
        add_party (f, "legal_representative", f);
      else
        add_party (f, "legal_representative", f->spouse);
      staff = (f->flags & F_FOOD_STAFF) && chance (r, 0.5) ? f : pick_person (self, 1968, 2005, F_REST_FOUNDER);
      if (staff != NULL)
        {
          staff->flags |= F_FOOD_STAFF;
          add_party (f, "staff", staff);
        }
      if (chance (r, 0.15))
        {
          f->premises = make_premises (self, f);
          f->premises->user = f;
        }
      else
        f->premises = free_premises (self, f);
      add_party (f, "premises_owner", f->premises->owner);
    }
  for (i = 0; i < 16; i++)
    {
      DemoApplicant *f = pick_person (self, 1965, 1998, F_REST_FOUNDER | F_TRANS_FOUNDER | F_NEWBORN_PARENT);

      if (f == NULL)
        break;
      f->flags |= F_TRANS_FOUNDER;
      f->planned_biz = BIZ_TRANSPORT;
      f->planned_name = company_name (self, BIZ_TRANSPORT, f->district);
      add_party (f, "legal_representative", chance (r, 0.8) || f->spouse == NULL ? f : f->spouse);
      f->premises = free_premises (self, f);
      add_party (f, "premises_owner", f->premises->owner);
    }

  /* every named staff member is food staff (health certificate) */
  for (i = 0; i < self->applicants->len; i++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, i);
      DemoApplicant *staff = find_party (a, "staff");

      if (staff != NULL)
        staff->flags |= F_FOOD_STAFF;
    }

  generate_children (self);
}

/* ------------------------------------------------------------------ */
/* Licences                                                             */
/* ------------------------------------------------------------------ */

static DemoLicence *
add_licence (DemoLoad      *self,
             DemoApplicant *holder,
             const char    *type,
             const char    *number,
             const char    *issuer,
             const GDate   *issued_on,
             const GDate   *valid_until,
             JsonObject    *fields)   /* (transfer full) */
{
  DemoLicence *l = g_new0 (DemoLicence, 1);

  l->type = type;
  l->number = number;
  l->holder = holder;
  l->issuer = issuer;
  l->issued_on = *issued_on;
  g_date_clear (&l->valid_until, 1);
  if (valid_until != NULL)
    l->valid_until = *valid_until;
  l->fields = fields;
  g_ptr_array_add (holder->licences, l);
  self->n_licences++;
  return l;
}

/* a number not used before for @type, made by @make from @r */
static const char *
unique_number_from (DemoLoad   *self,
                    GRand      *r,
                    const char *type,
                    char       *(*make) (GRand *r, gpointer data),
                    gpointer    data)
{
  for (;;)
    {
      char *number = make (r, data);
      char *key = g_strconcat (type, ":", number, NULL);

      if (!g_hash_table_contains (self->used, key))
        {
          g_hash_table_add (self->used, (gpointer) keep (self, key));
          return keep (self, number);
        }
      g_free (key);
      g_free (number);
    }
}

static const char *
unique_number (DemoLoad   *self,
               const char *type,
               char       *(*make) (GRand *r, gpointer data),
               gpointer    data)
{
  return unique_number_from (self, self->rl, type, make, data);
}

static char *
make_ss_number (GRand    *r,
                gpointer  data)
{
  return g_strdup_printf ("%c%08d", "ABCDE"[rnd (r, 0, 4)], rnd (r, 0, 99999999));
}

static char *
make_hc_number (GRand    *r,
                gpointer  data)
{
  return g_strdup_printf ("HC%d-%07d", GPOINTER_TO_INT (data), rnd (r, 1, 9999999));
}

static char *
make_birth_number (GRand    *r,
                   gpointer  data)
{
  return g_strdup_printf ("R34%07d", rnd (r, 0, 9999999));
}

static char *
make_estate_number (GRand    *r,
                    gpointer  data)
{
  return g_strdup_printf ("皖(%d)合肥市不动产权第%07d号", GPOINTER_TO_INT (data), rnd (r, 1, 2999999));
}

static char *
make_food_number (GRand    *r,
                  gpointer  data)
{
  return g_strdup_printf ("JY2%s%06d%d", (const char *) data, rnd (r, 1, 999999), rnd (r, 0, 9));
}

static char *
make_transport_number (GRand    *r,
                       gpointer  data)
{
  return g_strdup_printf ("皖交运管许可合字%s%06d号", (const char *) data, rnd (r, 1, 9999));
}

static char *
make_marriage_number (GRand    *r,
                      gpointer  data)
{
  return g_strdup_printf ("J%s-%06d", (const char *) data, rnd (r, 1, 9999));
}

/* --- the synthetic ID photo: a head-and-shoulders silhouette */

static cairo_status_t
png_append (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
ellipse (cairo_t *cr,
         double   x,
         double   y,
         double   rx,
         double   ry)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
}

static GBytes *
draw_photo (DemoLoad       *self,
            DemoApplicant  *p,
            GError        **error)
{
  static const double backgrounds[][3] = {
    { 0.26, 0.55, 0.86 }, { 0.36, 0.62, 0.90 }, { 0.93, 0.94, 0.96 }, { 0.80, 0.17, 0.17 },
  };
  static const double skins[][3] = {
    { 0.96, 0.80, 0.67 }, { 0.91, 0.74, 0.60 }, { 0.85, 0.66, 0.52 }, { 0.98, 0.85, 0.73 },
  };
  static const double clothes[][3] = {
    { 0.10, 0.12, 0.18 }, { 0.20, 0.22, 0.30 }, { 0.90, 0.90, 0.92 }, { 0.38, 0.20, 0.22 }, { 0.15, 0.30, 0.45 },
  };
  GRand *r = self->rl;
  const int w = 96, h = 120;
  const double *bg = backgrounds[rnd (r, 0, G_N_ELEMENTS (backgrounds) - 1)];
  const double *skin = skins[rnd (r, 0, G_N_ELEMENTS (skins) - 1)];
  const double *cloth = clothes[rnd (r, 0, G_N_ELEMENTS (clothes) - 1)];
  int age = age_on (p, &self->today);
  double hair = age >= 62 ? 0.72 : age >= 50 ? 0.35 : 0.08;
  double cx = w / 2.0 + rnd (r, -3, 3), cy = h * 0.40;
  double hrx = 19 + rnd (r, 0, 3), hry = 24 + rnd (r, 0, 3);
  cairo_surface_t *surface;
  cairo_pattern_t *gradient;
  cairo_t *cr;
  cairo_status_t status;
  g_autoptr(GByteArray) png = g_byte_array_sized_new (4096);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);

  gradient = cairo_pattern_create_linear (0, 0, 0, h);
  cairo_pattern_add_color_stop_rgb (gradient, 0, MIN (bg[0] * 1.15, 1), MIN (bg[1] * 1.15, 1), MIN (bg[2] * 1.1, 1));
  cairo_pattern_add_color_stop_rgb (gradient, 1, bg[0] * 0.9, bg[1] * 0.9, bg[2] * 0.9);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);

  /* long hair behind the head */
  if (!p->male)
    {
      cairo_set_source_rgb (cr, hair, hair * 0.9, hair * 0.8);
      ellipse (cr, cx, cy + 8, hrx + 6, hry + 12);
      cairo_fill (cr);
    }
  /* shoulders */
  cairo_set_source_rgb (cr, cloth[0], cloth[1], cloth[2]);
  ellipse (cr, cx, h + 8, w * 0.52, 34);
  cairo_fill (cr);
  /* collar */
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
  cairo_move_to (cr, cx - 10, h - 30);
  cairo_line_to (cr, cx, h - 16);
  cairo_line_to (cr, cx + 10, h - 30);
  cairo_close_path (cr);
  cairo_fill (cr);
  /* neck */
  cairo_set_source_rgb (cr, skin[0] * 0.92, skin[1] * 0.92, skin[2] * 0.92);
  cairo_rectangle (cr, cx - 8, cy + hry - 6, 16, 20);
  cairo_fill (cr);
  /* head */
  cairo_set_source_rgb (cr, skin[0], skin[1], skin[2]);
  ellipse (cr, cx, cy, hrx, hry);
  cairo_fill (cr);
  /* hair on top */
  cairo_set_source_rgb (cr, hair, hair * 0.9, hair * 0.8);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, w, cy - hry * 0.35);
  cairo_clip (cr);
  ellipse (cr, cx, cy - 2, hrx + 2, hry + 2);
  cairo_fill (cr);
  cairo_restore (cr);
  /* eyes and mouth */
  cairo_set_source_rgb (cr, 0.15, 0.12, 0.10);
  ellipse (cr, cx - 7, cy + 1, 2, 1.5);
  ellipse (cr, cx + 7, cy + 1, 2, 1.5);
  cairo_fill (cr);
  cairo_set_line_width (cr, 1.2);
  cairo_set_source_rgb (cr, 0.65, 0.35, 0.32);
  cairo_arc (cr, cx, cy + 9, 5, 0.2 * G_PI, 0.8 * G_PI);
  cairo_stroke (cr);
  /* the surname, faint, so photos are told apart at a glance */
  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 13);
  if (bg[0] > 0.9)
    cairo_set_source_rgba (cr, 0.2, 0.2, 0.25, 0.75);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
  cairo_move_to (cr, 4, 16);
  cairo_show_text (cr, p->surname);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, png_append, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot draw a demo ID photo: %s"), cairo_status_to_string (status));
      return NULL;
    }
  self->n_photos++;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static const char *
station_of (DemoLoad      *self,
            DemoApplicant *p)
{
  const DemoDistrict *d = p->district;

  return keep (self, g_strconcat (d->police, d->stations.v[(p->household_no[11] - '0') % d->stations.n], NULL));
}

static const char *
birth_iso (DemoLoad            *self,
           const DemoApplicant *p)
{
  return keep (self, g_strdup_printf ("%04d-%02d-%02d", p->birth_year, p->birth_month, p->birth_day));
}

/* 户口簿 (常住人口登记卡): one per person, the household's number */
static void
household_register_licence (DemoLoad      *self,
                            DemoApplicant *p,
                            const GDate   *issued)
{
  JsonObject *f = json_object_new ();

  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "sex", p->male ? "男" : "女");
  json_object_set_string_member (f, "birth_date", birth_iso (self, p));
  json_object_set_string_member (f, "ethnicity", p->ethnicity ? p->ethnicity : "汉");
  json_object_set_string_member (f, "household_head", p->head->name);
  json_object_set_string_member (f, "household_head_id", p->head->key);
  json_object_set_string_member (f, "relation_to_head", p->relation);
  json_object_set_string_member (f, "address", p->address);
  json_object_set_string_member (f, "registration_type", "家庭户");
  json_object_set_string_member (f, "district", p->district->name);
  add_licence (self, p, "household_register", p->household_no, station_of (self, p), issued, NULL, f);
}

static gboolean
person_licences (DemoLoad       *self,
                 DemoApplicant  *p,
                 GError        **error)
{
  GRand *r = self->rl;
  int age = age_on (p, &self->today);
  GDate sixteen, issued, until, d1;
  DemoLicence *id;
  JsonObject *f;
  int period;

  /* 居民身份证 */
  birthday_at (p, 16, &sixteen);
  period = age >= 46 ? 0 : age >= 26 ? 20 : 10;
  if (period == 0)
    {
      GDate fortysix;

      birthday_at (p, 46, &fortysix);
      days_from_today (self, &d1, -30);
      date_between (r, &fortysix, &d1, &issued);
      if (date_is_before (&issued, &fortysix))
        issued = fortysix;
    }
  else if (chance (r, 0.05))
    {
      days_from_today (self, &issued, -rnd (r, 15, 400));
      g_date_subtract_years (&issued, (guint) period);
    }
  else
    days_from_today (self, &issued, -rnd (r, 20, period * 365 - 20));
  if (date_is_before (&issued, &sixteen))
    issued = sixteen;
  if (!date_is_before (&issued, &self->today))
    days_from_today (self, &issued, -1);
  until = issued;
  g_date_add_years (&until, (guint) period);

  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "sex", p->male ? "男" : "女");
  p->ethnicity = chance (r, 0.95) ? "汉" : "回";
  json_object_set_string_member (f, "ethnicity", p->ethnicity);
  json_object_set_string_member (f, "birth_date", birth_iso (self, p));
  json_object_set_string_member (f, "address", p->address);
  id = add_licence (self, p, "id_card", p->key, p->district->police, &issued,
                    period ? &until : NULL, f);
  id->photo = draw_photo (self, p, error);
  if (id->photo == NULL)
    return FALSE;

  /* 户口簿 */
  if (!g_date_valid (&p->head->household_since))
    days_from_today (self, &p->head->household_since, -rnd (r, 200, 7000));
  issued = p->head->household_since;
  if (date_is_before (&issued, &sixteen))
    issued = sixteen;
  household_register_licence (self, p, &issued);

  /* 社会保障卡: most people; some renewed, a few expired */
  if (chance (r, 0.85))
    {
      int kind = rnd (r, 0, 99);   /* < 8 renewed, < 11 expired only */
      const char *bank = pick (r, &self->banks);
      const char *number;
      const char *issuer = "合肥市人力资源和社会保障局";

      if (kind < 11)
        {
          GDate old;

          days_from_today (self, &old, -rnd (r, 3700, 4300));
          until = old;
          g_date_add_years (&until, 10);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "social_security_number", p->key);
          json_object_set_string_member (f, "bank", bank);
          json_object_set_string_member (f, "insured_place", p->district->name);
          json_object_set_string_member (f, "issued_city", "合肥市");
          number = unique_number (self, "social_security_card", make_ss_number, NULL);
          add_licence (self, p, "social_security_card", number, issuer, &old, &until, f);
          if (kind < 8)
            {
              issued = until;
              g_date_subtract_days (&issued, (guint) rnd (r, 0, 40));
            }
        }
      else
        days_from_today (self, &issued, -rnd (r, 30, 3300));
      if (kind >= 8 && kind < 11)
        ;   /* expired only: no renewal yet */
      else
        {
          if (!date_is_before (&issued, &self->today))
            days_from_today (self, &issued, -1);
          until = issued;
          g_date_add_years (&until, 10);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "social_security_number", p->key);
          json_object_set_string_member (f, "bank", bank);
          json_object_set_string_member (f, "insured_place", p->district->name);
          json_object_set_string_member (f, "issued_city", "合肥市");
          number = unique_number (self, "social_security_card", make_ss_number, NULL);
          add_licence (self, p, "social_security_card", number, issuer, &issued, &until, f);
        }
    }

  /* 健康证明: food staff; valid one year */
  if (p->flags & F_FOOD_STAFF)
    {
      int kind = rnd (r, 0, 99);   /* < 15 renewed, < 25 expired only, < 28 revoked */
      const char *inst = pick (r, &self->health_institutions);

      for (guint k = 0; k < 2; k++)
        {
          DemoLicence *l;

          if (k == 0 && kind >= 25)
            continue;
          if (k == 1 && kind >= 15 && kind < 25)
            break;
          if (k == 0)
            days_from_today (self, &issued, -rnd (r, 380, 700));
          else if (kind < 15)
            {
              issued = until;
              g_date_subtract_days (&issued, (guint) rnd (r, 0, 20));
              if (!date_is_before (&issued, &self->today))
                days_from_today (self, &issued, -1);
            }
          else
            days_from_today (self, &issued, -rnd (r, 5, 340));
          until = issued;
          g_date_add_years (&until, 1);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "sex", p->male ? "男" : "女");
          json_object_set_string_member (f, "exam_date", iso (self, &issued));
          json_object_set_string_member (f, "institution", inst);
          json_object_set_string_member (f, "result", "合格");
          json_object_set_string_member (f, "occupation", "餐饮服务");
          l = add_licence (self, p, "health_certificate",
                           unique_number (self, "health_certificate", make_hc_number,
                                          GINT_TO_POINTER (g_date_get_year (&issued))),
                           inst, &issued, &until, f);
          l->revoked = k == 1 && kind >= 25 && kind < 28;
        }
    }

  /* 残疾人证 */
  if (p->flags & F_DISABLED)
    {
      static const char * const categories[] = { "视力", "听力", "言语", "肢体", "智力", "精神", "多重" };
      static const char * const levels[] = { "一级", "二级", "三级", "四级" };
      int cat = age >= 60 ? (chance (r, 0.6) ? 3 : rnd (r, 0, 1)) : rnd (r, 0, 6);
      int level = rnd (r, 1, 4);
      gboolean renewed = (self->n_disabled++ % 3) == 1;
      const char *issuer = keep (self, g_strdup_printf ("%s残疾人联合会", p->district->name));
      const char *guardian = (cat == 4 || cat == 5 || level == 1) && p->spouse ? p->spouse->name : "";

      if (renewed)
        {
          days_from_today (self, &issued, -rnd (r, 3700, 4200));
          until = issued;
          g_date_add_years (&until, 10);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "disability_category", categories[cat]);
          json_object_set_string_member (f, "disability_level", levels[MIN (level, 3)]);
          json_object_set_string_member (f, "guardian_name", guardian);
          add_licence (self, p, "disability_certificate",
                       keep (self, g_strdup_printf ("%s%d%d", p->key, cat + 1, MIN (level + 1, 4))),
                       issuer, &issued, &until, f);
          issued = until;
          g_date_subtract_days (&issued, (guint) rnd (r, 1, 30));
          level = MAX (1, MIN (level, 3));
        }
      else
        days_from_today (self, &issued, -rnd (r, 60, 3000));
      until = issued;
      g_date_add_years (&until, 10);
      f = json_object_new ();
      json_object_set_string_member (f, "name", p->name);
      json_object_set_string_member (f, "disability_category", categories[cat]);
      json_object_set_string_member (f, "disability_level", levels[level - 1]);
      json_object_set_string_member (f, "guardian_name", guardian);
      add_licence (self, p, "disability_certificate",
                   keep (self, g_strdup_printf ("%s%d%d", p->key, cat + 1, level)),
                   issuer, &issued, &until, f);
      if (*guardian != '\0')
        add_party (p, "guardian", p->spouse);
    }

  /* 不动产权证书 of the home */
  if ((p->flags & F_HOME_OWNER) && p->head == p)
    {
      days_from_today (self, &issued, -rnd (r, 200, 4500));
      if (date_is_before (&issued, &sixteen))
        issued = sixteen;
      f = json_object_new ();
      json_object_set_string_member (f, "owner", p->name);
      json_object_set_string_member (f, "location", p->address);
      json_object_set_string_member (f, "area", keep (self, g_strdup_printf ("%d.%02d", rnd (r, 55, 150), rnd (r, 0, 99))));
      json_object_set_string_member (f, "usage", "住宅");
      json_object_set_string_member (f, "right_type", "国有建设用地使用权/房屋所有权");
      add_licence (self, p, "real_estate_certificate",
                   unique_number (self, "real_estate_certificate", make_estate_number,
                                  GINT_TO_POINTER (g_date_get_year (&issued))),
                   "合肥市不动产登记中心", &issued, NULL, f);
    }
  return TRUE;
}

static void
couple_licences (DemoLoad      *self,
                 DemoApplicant *husband)
{
  GRand *r = self->rl;
  DemoApplicant *wife = husband->spouse;
  const char *office = keep (self, g_strdup_printf ("%s民政局婚姻登记处", husband->district->name));
  const char *number;
  GDate registered, lo, hi;

  /* married after both reached the legal age (22 / 20), at least a year ago */
  birthday_at (husband, 23, &lo);
  birthday_at (wife, 21, &hi);
  if (date_is_before (&lo, &hi))
    lo = hi;
  if (husband->flags & F_NEWBORN_PARENT)
    days_from_today (self, &hi, -rnd (r, 300, 2500));
  else
    {
      hi = lo;
      g_date_add_years (&hi, 8);
    }
  {
    GDate last;

    days_from_today (self, &last, (husband->flags & F_NEWBORN_PARENT) ? -300 : -365);
    if (date_is_before (&last, &hi))
      hi = last;
    if (date_is_before (&hi, &lo))
      hi = lo;
    if (date_is_before (&last, &hi))
      hi = last;
  }
  /* before their children (born when he was 24 or older, she 22) */
  if (husband->n_children > 0)
    {
      DemoApplicant *eldest = husband->children[0];
      GDate before;

      set_date (&before, eldest->birth_year, eldest->birth_month, eldest->birth_day);
      g_date_subtract_days (&before, 300);
      if (date_is_before (&before, &hi))
        hi = before;
      if (date_is_before (&hi, &lo))
        lo = hi;
    }
  date_between (r, &lo, &hi, &registered);
  if (date_is_before (&registered, &lo) && date_is_before (&lo, &self->today))
    registered = lo;
  number = unique_number (self, "marriage_certificate", make_marriage_number,
                          (gpointer) keep (self, g_strdup_printf ("%s-%d", husband->district->code,
                                                                  g_date_get_year (&registered))));
  for (guint k = 0; k < 2; k++)
    {
      DemoApplicant *me = k == 0 ? husband : wife;
      DemoApplicant *other = k == 0 ? wife : husband;
      JsonObject *f = json_object_new ();

      json_object_set_string_member (f, "name", me->name);
      json_object_set_string_member (f, "spouse_name", other->name);
      json_object_set_string_member (f, "spouse_id", other->key);
      json_object_set_string_member (f, "registered_on", iso (self, &registered));
      json_object_set_string_member (f, "registration_office", office);
      add_licence (self, me, "marriage_certificate", number, office, &registered, NULL, f);
    }

  if (husband->flags & F_NEWBORN_PARENT)
    {
      GDate born, issued;
      gboolean boy = chance (r, 0.5);
      const char *hospital = pick (r, &self->hospitals);
      JsonObject *f = json_object_new ();
      const char *child = keep (self, g_strconcat (husband->surname, pick (r, &self->given_child), NULL));

      days_from_today (self, &born, -rnd (r, 5, 40));
      issued = born;
      g_date_add_days (&issued, (guint) rnd (r, 0, 3));
      json_object_set_string_member (f, "child_name", child);
      json_object_set_string_member (f, "sex", boy ? "男" : "女");
      json_object_set_string_member (f, "birth_date", iso (self, &born));
      json_object_set_string_member (f, "birth_place", keep (self, g_strconcat ("安徽省", husband->district->name, NULL)));
      json_object_set_string_member (f, "hospital", hospital);
      json_object_set_string_member (f, "mother_name", wife->name);
      json_object_set_string_member (f, "mother_id", wife->key);
      json_object_set_string_member (f, "father_name", husband->name);
      json_object_set_string_member (f, "father_id", husband->key);
      add_licence (self, wife, "birth_certificate",
                   unique_number (self, "birth_certificate", make_birth_number, NULL),
                   hospital, &issued, NULL, f);
      add_party (wife, "mother", wife);
      add_party (wife, "father", husband);
      add_party (husband, "mother", wife);
      add_party (husband, "father", husband);
    }
}

static void
enterprise_licences (DemoLoad      *self,
                     DemoApplicant *e,
                     guint          index)
{
  static const char * const types[] = {
    "有限责任公司(自然人独资)", "有限责任公司(自然人投资或控股)", "其他有限责任公司",
  };
  static const char * const trade_scopes[] = {
    "日用百货、五金交电、建筑材料销售",
    "技术开发、技术咨询、技术服务；软件开发；信息系统集成服务",
    "建筑材料、装饰材料销售；建筑工程施工",
    "文化艺术交流活动策划；广告设计、制作、代理、发布",
    "互联网销售（除销售需要许可的商品）；农副产品销售",
  };
  GRand *r = self->rl;
  GDate established, issued, until;
  const char *regulator = keep (self, g_strdup_printf ("%s市场监督管理局", e->district->name));
  const char *scope;
  JsonObject *f;
  DemoLicence *bl;

  switch (e->biz)
    {
    case BIZ_RESTAURANT:
      scope = "餐饮服务；食品销售（仅销售预包装食品）";
      break;
    case BIZ_TRANSPORT:
      scope = "道路普通货物运输；货物仓储（不含危险化学品）；国内货物运输代理";
      break;
    case BIZ_PROPERTY:
      scope = "房地产开发经营；物业管理；非居住房地产租赁";
      break;
    case BIZ_TRADE:
    case BIZ_NONE:
    default:
      scope = pick_array (r, trade_scopes, G_N_ELEMENTS (trade_scopes));
      break;
    }

  days_from_today (self, &established, -rnd (r, 120, 4800));
  issued = established;
  if (chance (r, 0.3))
    days_from_today (self, &issued, -rnd (r, 30, MAX (31, g_date_days_between (&established, &self->today) - 1)));
  f = json_object_new ();
  json_object_set_string_member (f, "company_name", e->name);
  json_object_set_string_member (f, "company_type", pick_array (r, types, G_N_ELEMENTS (types)));
  json_object_set_string_member (f, "legal_representative", e->legal_rep->name);
  json_object_set_string_member (f, "legal_representative_id", e->legal_rep->key);
  json_object_set_string_member (f, "registered_capital",
                                 keep (self, g_strdup_printf ("%d万元", e->biz == BIZ_PROPERTY ? rnd (r, 10, 50) * 100
                                                                        : rnd (r, 1, 60) * 10)));
  json_object_set_string_member (f, "registered_address", e->address);
  json_object_set_string_member (f, "business_scope", scope);
  json_object_set_string_member (f, "established_on", iso (self, &established));
  json_object_set_string_member (f, "phone", e->phone);
  bl = add_licence (self, e, "business_licence", e->key, regulator, &issued, NULL, f);
  bl->revoked = index == 9 || index == 40;   /* 吊销 */
  if (bl->revoked)
    e->flags |= F_REVOKED;
  e->established = established;

  if (e->biz == BIZ_RESTAURANT)
    {
      /* every 5th renewed, every 7th expired only, two revoked */
      guint n = self->n_restaurants++;
      int kind = n % 5 == 2 ? 0 : n % 7 == 3 ? 20 : (n == 4 || n == 11) ? 27 : 50 + rnd (r, 0, 49);
      DemoApplicant *staff = find_party (e, "staff");
      const char *items = chance (r, 0.6) ? "热食类食品制售" : "热食类食品制售；冷食类食品制售";

      for (guint k = 0; k < 2; k++)
        {
          DemoLicence *l;

          if (k == 1 && kind >= 15 && kind < 25)
            break;
          if (k == 0 && kind >= 25)
            continue;
          if (k == 0)
            {
              days_from_today (self, &issued, -rnd (r, 1850, 2400));
              if (date_is_before (&issued, &established))
                issued = established;
            }
          else if (kind < 15)
            {
              issued = until;
              g_date_subtract_days (&issued, (guint) rnd (r, 0, 30));
            }
          else
            {
              GDate lo;

              days_from_today (self, &lo, -1700);
              if (date_is_before (&lo, &established))
                lo = established;
              days_from_today (self, &until, -10);
              date_between (r, &lo, &until, &issued);
            }
          if (!date_is_before (&issued, &self->today))
            days_from_today (self, &issued, -1);
          until = issued;
          g_date_add_years (&until, 5);
          if (k == 0 && !date_is_before (&until, &self->today))
            days_from_today (self, &until, -rnd (r, 5, 200));
          f = json_object_new ();
          json_object_set_string_member (f, "operator_name", e->name);
          json_object_set_string_member (f, "legal_representative", e->legal_rep->name);
          json_object_set_string_member (f, "premises_address", e->address);
          json_object_set_string_member (f, "main_business_type", "餐饮服务经营者");
          json_object_set_string_member (f, "business_items", items);
          json_object_set_string_member (f, "food_safety_manager", staff ? staff->name : e->legal_rep->name);
          l = add_licence (self, e, "food_business_permit",
                           unique_number (self, "food_business_permit", make_food_number,
                                          (gpointer) e->district->code),
                           regulator, &issued, &until, f);
          l->revoked = k == 1 && kind >= 25 && kind < 30;
        }
    }
  else if (e->biz == BIZ_TRANSPORT)
    {
      gboolean expired = chance (r, 0.2);

      if (expired)
        days_from_today (self, &issued, -rnd (r, 1480, 1800));
      else
        days_from_today (self, &issued, -rnd (r, 10, 1400));
      if (date_is_before (&issued, &established))
        issued = established;
      until = issued;
      g_date_add_years (&until, 4);
      if (expired && !date_is_before (&until, &self->today))
        days_from_today (self, &until, -rnd (r, 3, 90));
      f = json_object_new ();
      json_object_set_string_member (f, "operator_name", e->name);
      json_object_set_string_member (f, "legal_representative", e->legal_rep->name);
      json_object_set_string_member (f, "address", e->address);
      json_object_set_string_member (f, "business_scope", "道路普通货物运输");
      /* licence fields are strings in the contract (Licence.fields) */
      json_object_set_string_member (f, "vehicle_count",
                                     keep (self, g_strdup_printf ("%d", rnd (r, 3, 60))));
      add_licence (self, e, "road_transport_permit",
                   unique_number (self, "road_transport_permit", make_transport_number,
                                  (gpointer) keep (self, g_strdup_printf ("%.4s00", e->district->code))),
                   "合肥市交通运输局", &issued, &until, f);
    }
}

static void
premises_licences (DemoLoad     *self,
                   DemoPremises *pr)
{
  GRand *r = self->rl;
  GDate issued;
  JsonObject *f = json_object_new ();

  days_from_today (self, &issued, -rnd (r, 200, 5000));
  if (!pr->owner->enterprise)
    {
      GDate adult;

      birthday_at (pr->owner, 20, &adult);
      if (date_is_before (&issued, &adult))
        issued = adult;
    }
  json_object_set_string_member (f, "owner", pr->owner->name);
  json_object_set_string_member (f, "location", pr->location);
  json_object_set_string_member (f, "area", pr->area);
  json_object_set_string_member (f, "usage", "商业");
  json_object_set_string_member (f, "right_type", "国有建设用地使用权/房屋所有权");
  add_licence (self, pr->owner, "real_estate_certificate",
               unique_number (self, "real_estate_certificate", make_estate_number,
                              GINT_TO_POINTER (g_date_get_year (&issued))),
               "合肥市不动产登记中心", &issued, NULL, f);
}

/* --- school-age children: 户口簿, sometimes 居民身份证 and 社会保障卡 */

static gboolean
child_licences (DemoLoad       *self,
                DemoApplicant  *c,
                GError        **error)
{
  GRand *r = self->rl;
  int age = age_on (c, &self->today);
  GDate born, issued, until, lo, hi;
  JsonObject *f;

  c->ethnicity = c->father->ethnicity;
  set_date (&born, c->birth_year, c->birth_month, c->birth_day);

  /* registered within two months of the birth, or when the household moved in */
  issued = born;
  g_date_add_days (&issued, (guint) rnd (r, 7, 60));
  if (date_is_before (&issued, &c->head->household_since))
    issued = c->head->household_since;
  if (!date_is_before (&issued, &self->today))
    days_from_today (self, &issued, -1);
  household_register_licence (self, c, &issued);

  /* 居民身份证: voluntary under sixteen (35 % of those of 9 to 15), valid
   * five years; those sixteen already took theirs at fifteen */
  if (age >= 16 || (age >= 9 && quota_take (&self->child_id)))
    {
      DemoLicence *id;

      if (age >= 16)
        {
          /* at fifteen, before the senior middle school entrance exam */
          birthday_at (c, 15, &lo);
          birthday_at (c, 16, &hi);
          g_date_subtract_days (&hi, 1);
        }
      else
        {
          birthday_at (c, 8, &lo);
          days_from_today (self, &hi, -5 * 365 + 30);
          if (date_is_before (&lo, &hi))
            lo = hi;
          days_from_today (self, &hi, -20);
        }
      date_between (r, &lo, &hi, &issued);
      until = issued;
      g_date_add_years (&until, 5);
      f = json_object_new ();
      json_object_set_string_member (f, "name", c->name);
      json_object_set_string_member (f, "sex", c->male ? "男" : "女");
      json_object_set_string_member (f, "ethnicity", c->ethnicity);
      json_object_set_string_member (f, "birth_date", birth_iso (self, c));
      json_object_set_string_member (f, "address", c->address);
      id = add_licence (self, c, "id_card", c->key, c->district->police, &issued, &until, f);
      id->photo = draw_photo (self, c, error);
      if (id->photo == NULL)
        return FALSE;
    }

  /* 社会保障卡 of the residents' medical insurance */
  if (chance (r, 0.5))
    {
      lo = born;
      g_date_add_days (&lo, 30);
      days_from_today (self, &hi, -30);
      date_between (r, &lo, &hi, &issued);
      until = issued;
      g_date_add_years (&until, 10);
      f = json_object_new ();
      json_object_set_string_member (f, "name", c->name);
      json_object_set_string_member (f, "social_security_number", c->key);
      json_object_set_string_member (f, "bank", pick (r, &self->banks));
      json_object_set_string_member (f, "insured_place", c->district->name);
      json_object_set_string_member (f, "issued_city", "合肥市");
      add_licence (self, c, "social_security_card",
                   unique_number (self, "social_security_card", make_ss_number, NULL),
                   "合肥市人力资源和社会保障局", &issued, &until, f);
    }
  return TRUE;
}

/* --- records of other agencies (prefill sources): 社会保险个人参保证明,
 * 住房公积金缴存证明, 行政处罚决定书, 受理破产申请民事裁定书,
 * 清算组备案通知书.  From their own GRand, after every other licence. */

static char *
make_si_number (GRand    *r,
                gpointer  data)
{
  return g_strdup_printf ("SB34%04d%06d", rnd (r, 100, 9999), rnd (r, 0, 999999));
}

static char *
make_fund_number (GRand    *r,
                  gpointer  data)
{
  return g_strdup_printf ("1010%02d%06d", rnd (r, 10, 99), rnd (r, 0, 999999));
}

/* data: the prefix up to the sequence number, e.g. "合市监处罚〔2025〕" */
static char *
make_doc_number (GRand    *r,
                 gpointer  data)
{
  return g_strdup_printf ("%s%d号", (const char *) data, rnd (r, 1, 999));
}

/* data: the prefix up to the case's sequence number, e.g. "（2026）皖01破" */
static char *
make_court_number (GRand    *r,
                   gpointer  data)
{
  return g_strdup_printf ("%s%d号", (const char *) data, rnd (r, 1, 160));
}

static char *
make_filing_number (GRand    *r,
                    gpointer  data)
{
  return g_strdup_printf ("%s第%04d号", (const char *) data, rnd (r, 1, 2999));
}

static int
months_between (const GDate *from,
                const GDate *to)
{
  int months = (g_date_get_year (to) - g_date_get_year (from)) * 12 +
               (int) g_date_get_month (to) - (int) g_date_get_month (from);

  if (g_date_get_day (to) < g_date_get_day (from))
    months--;
  return MAX (months, 0);
}

static const char *
make_employer_name (DemoLoad *self,
                    GRand    *r)
{
  return keep (self, g_strconcat (chance (r, 0.5) ? "合肥" : "安徽", pick (r, &self->trade_names),
                                  pick (r, &self->employer_suffixes), NULL));
}

/* an employer: the person's own company, a demo enterprise or another one */
static const char *
pick_employer (DemoLoad      *self,
               DemoApplicant *p,
               GRand         *r)
{
  if (p->flags & F_RETIRED)
    return make_employer_name (self, r);   /* long before the demo's companies */
  if (p->company != NULL && chance (r, 0.7))
    return p->company->name;
  if (chance (r, 0.5))
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, rnd (r, 0, (int) self->enterprises->len - 1));

      return e->name;
    }
  return make_employer_name (self, r);
}

static void
insurance_licences (DemoLoad      *self,
                    DemoApplicant *p)
{
  GRand *r = self->rx;
  int age = age_on (p, &self->today);
  DemoQuota *band = age >= 50 ? &self->insured_50 : age >= 22 ? &self->insured_22
                  : age >= 19 ? &self->insured_19 : NULL;
  GDate start, issued, end, last, lo, hi, opened;
  gboolean paused;
  int months;
  JsonObject *f;

  /* 97 % of those 50 or older, 90 % of 22 to 49, 30 % of 19 to 21 */
  if ((p->flags & F_CHILD) || band == NULL || !quota_take (band))
    return;
  p->flags |= F_INSURED;
  /* men retire at 60; women at 50 (workers) or 55 */
  p->retire_age = p->male ? 60 : age <= 51 ? 50 : 55;
  if (age > p->retire_age)
    p->flags |= F_RETIRED;

  /* 参加工作: at 18 to 24, some months before today */
  birthday_at (p, rnd (r, 18, MIN (24, age - 1)), &start);
  g_date_add_days (&start, (guint) rnd (r, 0, 330));
  days_from_today (self, &last, -150);
  if (date_is_before (&last, &start))
    start = last;

  /* the certificate: printed before the demo's cases */
  days_from_today (self, &issued, -rnd (r, 95, 200));
  if (date_is_before (&issued, &start))
    {
      issued = start;
      g_date_add_days (&issued, 30);
    }
  if (p->flags & F_RETIRED)
    birthday_at (p, p->retire_age, &end);
  else
    end = issued;
  paused = (p->flags & F_RETIRED) || (age < 45 && chance (r, 0.07));
  months = (int) (months_between (&start, &end) * (0.82 + g_rand_double (r) * 0.18));
  p->employer = pick_employer (self, p, r);

  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "insured_place", p->district->name);
  json_object_set_string_member (f, "work_start_date", iso (self, &start));
  json_object_set_string_member (f, "employer", p->employer);
  json_object_set_string_member (f, "contribution_months", keep (self, g_strdup_printf ("%d", MAX (months, 1))));
  json_object_set_string_member (f, "status", paused ? "暂停参保" : "正常参保");
  /* the statutory age before the 2025 reform: 60, or 50 (workers) / 55 for women */
  json_object_set_string_member (f, "original_retirement_age",
                                 p->retire_age == 60 ? "60" : p->retire_age == 55 ? "55" : "50");
  add_licence (self, p, "social_insurance_record",
               unique_number_from (self, r, "social_insurance_record", make_si_number, NULL),
               "合肥市人力资源和社会保障局", &issued, NULL, f);

  /* 住房公积金: three in four of the insured; accounts since 1999 */
  if (!quota_take (&self->fund))
    return;
  set_date (&lo, 1999, 7, 1);
  if (date_is_before (&lo, &start))
    lo = start;
  hi = start;
  g_date_add_years (&hi, 6);
  if (date_is_before (&hi, &lo))
    {
      /* working before 1999: opened in the first years of the fund */
      hi = lo;
      g_date_add_years (&hi, 3);
    }
  days_from_today (self, &last, -130);
  if (date_is_before (&last, &hi))
    hi = last;
  date_between (r, &lo, &hi, &opened);
  days_from_today (self, &issued, -rnd (r, 95, 300));
  if (!date_is_before (&opened, &issued))
    {
      issued = opened;
      g_date_add_days (&issued, 20);
    }
  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "employer", chance (r, 0.85) ? p->employer : make_employer_name (self, r));
  json_object_set_string_member (f, "account_status", paused ? "封存" : "正常缴存");
  json_object_set_string_member (f, "opened_on", iso (self, &opened));
  add_licence (self, p, "housing_fund_certificate",
               unique_number_from (self, r, "housing_fund_certificate", make_fund_number, NULL),
               "合肥市住房公积金管理中心", &issued, NULL, f);
}

static void
penalty_licence (DemoLoad      *self,
                 DemoApplicant *e)
{
  static const struct { const char *violation; const char *penalty; } market_food[] = {
    { "未在经营场所显著位置公示食品经营许可证", "警告，罚款人民币2000元" },
    { "经营超过保质期的食品原料", "没收违法所得，罚款人民币5000元" },
    { "安排未取得健康证明的人员从事接触直接入口食品的工作", "警告，罚款人民币3000元" },
    { "餐饮具未按规定清洗消毒", "警告，罚款人民币5000元" },
  }, market_trade[] = {
    { "发布虚假广告，对商品的性能作虚假宣传", "罚款人民币20000元" },
    { "销售不符合保障人体健康和人身安全的国家标准的产品", "没收违法所得，罚款人民币8000元" },
    { "未按规定公示即时信息", "罚款人民币5000元" },
    { "使用未经检定的计量器具", "责令改正，罚款人民币3000元" },
  }, tax[] = {
    { "未按照规定期限办理纳税申报和报送纳税资料", "罚款人民币500元" },
    { "未按照规定开具发票", "罚款人民币2000元" },
    { "未按照规定保管账簿和记账凭证", "罚款人民币1000元" },
  }, environment[] = {
    { "未按规定贮存一般工业固体废物", "罚款人民币30000元" },
    { "施工工地扬尘污染防治措施不到位", "罚款人民币20000元" },
    { "超过大气污染物排放标准排放大气污染物", "罚款人民币100000元" },
  }, transport[] = {
    { "道路运输车辆未按规定进行年度审验", "罚款人民币3000元" },
    { "货运车辆超限运输", "罚款人民币5000元" },
    { "未按规定维护和检测运输车辆", "罚款人民币2000元" },
  };
  GRand *r = self->rx;
  const DemoDistrict *d = e->district;
  g_autofree char *abbrev = g_utf8_substring (d->short_name, 0, 1);
  GDate issued, lo, hi, fulfilled;
  const char *issuer, *prefix, *violation, *penalty, *number;
  int kind = rnd (r, 0, 99), k;
  JsonObject *f;

  lo = e->established;
  g_date_add_days (&lo, 30);
  days_from_today (self, &hi, -1095);
  if (date_is_before (&lo, &hi))
    lo = hi;
  days_from_today (self, &hi, -30);
  date_between (r, &lo, &hi, &issued);

  if (e->biz == BIZ_TRANSPORT && kind < 50)
    {
      k = rnd (r, 0, G_N_ELEMENTS (transport) - 1);
      violation = transport[k].violation;
      penalty = transport[k].penalty;
      issuer = "合肥市交通运输局";
      prefix = "合交执罚";
    }
  else if (kind < 65 && e->biz != BIZ_TRANSPORT)
    {
      gboolean food = e->biz == BIZ_RESTAURANT;

      k = food ? rnd (r, 0, G_N_ELEMENTS (market_food) - 1) : rnd (r, 0, G_N_ELEMENTS (market_trade) - 1);
      violation = food ? market_food[k].violation : market_trade[k].violation;
      penalty = food ? market_food[k].penalty : market_trade[k].penalty;
      if (chance (r, 0.4))
        {
          issuer = "合肥市市场监督管理局";
          prefix = "合市监处罚";
        }
      else
        {
          issuer = keep (self, g_strconcat (d->name, "市场监督管理局", NULL));
          prefix = keep (self, g_strconcat (abbrev, "市监处罚", NULL));
        }
    }
  else if (kind < 88 || e->biz == BIZ_RESTAURANT)
    {
      k = rnd (r, 0, G_N_ELEMENTS (tax) - 1);
      violation = tax[k].violation;
      penalty = tax[k].penalty;
      issuer = keep (self, g_strconcat ("国家税务总局", d->name, "税务局", NULL));
      prefix = keep (self, g_strconcat (abbrev, "税罚", NULL));
    }
  else
    {
      k = rnd (r, 0, G_N_ELEMENTS (environment) - 1);
      violation = environment[k].violation;
      penalty = environment[k].penalty;
      issuer = "合肥市生态环境局";
      prefix = "合环罚";
    }

  f = json_object_new ();
  json_object_set_string_member (f, "subject_name", e->name);
  json_object_set_string_member (f, "breach_type", "行政处罚信息");
  json_object_set_string_member (f, "violation", violation);
  json_object_set_string_member (f, "penalty", penalty);
  number = unique_number_from (self, r, "administrative_penalty_decision", make_doc_number,
                               (gpointer) keep (self, g_strdup_printf ("%s〔%d〕", prefix, g_date_get_year (&issued))));
  /* 履行完毕: the fine paid 10–84 days after the decision (derived from the
   * number, so that no later random draw moves), never after today */
  fulfilled = issued;
  g_date_add_days (&fulfilled, 10 + g_str_hash (number) % 75);
  days_from_today (self, &hi, -1);
  if (date_is_before (&hi, &fulfilled))
    fulfilled = hi;
  json_object_set_string_member (f, "fulfilled_on", iso (self, &fulfilled));
  add_licence (self, e, "administrative_penalty_decision", number, issuer, &issued, NULL, f);
  e->flags |= F_PENALTY;
}

static void
bankruptcy_licence (DemoLoad      *self,
                    DemoApplicant *e)
{
  static const char * const firm_kinds[] = { "律师事务所", "律师事务所", "律师事务所", "会计师事务所", "破产清算事务所有限公司" };
  GRand *r = self->rx;
  GDate issued, lo, hi;
  const char *court, *number;
  g_autofree char *prefix = NULL;
  JsonObject *f;

  lo = e->established;
  g_date_add_days (&lo, 365);
  days_from_today (self, &hi, -540);
  if (date_is_before (&lo, &hi))
    lo = hi;
  days_from_today (self, &hi, -30);
  date_between (r, &lo, &hi, &issued);

  /* the intermediate court (皖01), or the basic court of the district (皖0104 …) */
  if (chance (r, 0.7))
    {
      court = "安徽省合肥市中级人民法院";
      prefix = g_strdup_printf ("（%d）皖01破", g_date_get_year (&issued));
    }
  else
    {
      court = keep (self, g_strconcat ("安徽省", e->district->name, "人民法院", NULL));
      prefix = g_strdup_printf ("（%d）皖%.4s破", g_date_get_year (&issued), e->district->code + 2);
    }
  number = unique_number_from (self, r, "bankruptcy_ruling", make_court_number, prefix);

  f = json_object_new ();
  json_object_set_string_member (f, "subject_name", e->name);
  json_object_set_string_member (f, "administrator_name",
                                 keep (self, g_strconcat ("安徽", pick (r, &self->firm_names),
                                                          pick_array (r, firm_kinds, G_N_ELEMENTS (firm_kinds)), NULL)));
  json_object_set_string_member (f, "administrator_decision_number", keep (self, g_strconcat (number, "之一", NULL)));
  json_object_set_string_member (f, "ruling", "受理破产清算申请");
  add_licence (self, e, "bankruptcy_ruling", number, court, &issued, NULL, f);
  e->flags |= F_BANKRUPT;

  /* the administrator's head, named with the administrator: the agent
   * who comes to the counter for the enterprise */
  for (guint k = 0, n = self->persons->len, start = (guint) rnd (r, 0, (int) n - 1); k < n; k++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);
      int age = age_on (p, &self->today);

      if (!(p->flags & F_CHILD) && age >= 30 && age <= 60)
        {
          add_party (e, "agent", p);
          break;
        }
    }
}

static void
liquidation_licence (DemoLoad      *self,
                     DemoApplicant *e)
{
  GRand *r = self->rx;
  GDate established, issued, notice, lo, hi;
  const char *leader;
  JsonObject *f;

  /* the liquidation group: 2 to 10 months ago, half a year or more after the founding */
  lo = e->established;
  g_date_add_days (&lo, 180);
  days_from_today (self, &hi, -300);
  if (date_is_before (&lo, &hi))
    lo = hi;
  days_from_today (self, &hi, -60);
  date_between (r, &lo, &hi, &established);
  issued = established;
  g_date_add_days (&issued, (guint) rnd (r, 1, 10));
  notice = established;
  g_date_add_days (&notice, (guint) rnd (r, 1, 20));
  if (date_is_before (&self->today, &issued))
    issued = self->today;
  if (date_is_before (&self->today, &notice))
    notice = self->today;

  if (chance (r, 0.7))
    leader = e->legal_rep->name;
  else
    {
      DemoApplicant *p;

      do
        p = g_ptr_array_index (self->persons, rnd (r, 0, (int) self->persons->len - 1));
      while ((p->flags & F_CHILD) || age_on (p, &self->today) < 25);
      leader = p->name;
    }

  f = json_object_new ();
  json_object_set_string_member (f, "liquidation_leader", leader);
  json_object_set_string_member (f, "established_on", iso (self, &established));
  json_object_set_string_member (f, "creditor_notice_date", iso (self, &notice));
  add_licence (self, e, "liquidation_filing",
               unique_number_from (self, r, "liquidation_filing", make_filing_number,
                                   (gpointer) keep (self, g_strdup_printf ("合市监清备〔%d〕", g_date_get_year (&issued)))),
               "合肥市市场监督管理局", &issued, NULL, f);
  e->flags |= F_LIQUIDATING;
}

static void
shuffle (GRand     *r,
         GPtrArray *array)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = (guint) rnd (r, 0, (int) i - 1);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

static void
source_licences (DemoLoad *self)
{
  GRand *r = self->rx;
  g_autoptr(GPtrArray) pool = g_ptr_array_new ();
  guint n_penalties = (self->enterprises->len * 30 + 50) / 100;
  guint n_bankrupt = (self->enterprises->len * 8 + 50) / 100;
  guint n_liquidating = (self->enterprises->len * 10 + 50) / 100;
  guint n = 0;
  GDate old;

  for (guint i = 0; i < self->persons->len; i++)
    insurance_licences (self, g_ptr_array_index (self->persons, i));

  /* penalties: 30 %, every enterprise flagged breach among them */
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->breach)
        n++;
      else
        g_ptr_array_add (pool, e);
    }
  shuffle (r, pool);
  for (guint i = 0; i < pool->len && n + i < n_penalties; i++)
    ((DemoApplicant *) g_ptr_array_index (pool, i))->flags |= F_PENALTY;
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->breach || (e->flags & F_PENALTY))
        penalty_licence (self, e);
    }
  g_ptr_array_set_size (pool, 0);

  /* bankruptcy and liquidation: disjoint, a year old or more, never the
   * property developers whose premises are in use */
  days_from_today (self, &old, -400);
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->biz != BIZ_PROPERTY && date_is_before (&e->established, &old))
        g_ptr_array_add (pool, e);
    }
  shuffle (r, pool);
  for (guint i = 0; i < pool->len && i < n_bankrupt + n_liquidating; i++)
    {
      if (i < n_bankrupt)
        bankruptcy_licence (self, g_ptr_array_index (pool, i));
      else
        liquidation_licence (self, g_ptr_array_index (pool, i));
    }
}

/* --- round 2, from their own GRand after every other licence:
 * 上市辅导备案证明, 道路运输从业人员从业资格证 (with the transport
 * founders' safety managers) and 机动车行驶证 */

/* the first licence of @type held by @a, or NULL */
static DemoLicence *
held_licence (DemoApplicant *a,
              const char    *type)
{
  for (guint i = 0; i < a->licences->len; i++)
    {
      DemoLicence *l = g_ptr_array_index (a->licences, i);

      if (strcmp (l->type, type) == 0)
        return l;
    }
  return NULL;
}

/* data: the year of the filing */
static char *
make_listing_number (GRand    *r,
                     gpointer  data)
{
  return g_strdup_printf ("皖证监辅导〔%d〕%d号", GPOINTER_TO_INT (data), rnd (r, 1, 60));
}

static void
listing_licence (DemoLoad      *self,
                 DemoApplicant *e,
                 int            capital,
                 const char    *scope)
{
  static const char * const main_boards[] = { "上海证券交易所主板", "深圳证券交易所主板" };
  static const char * const other_boards[] = {
    "上海证券交易所主板", "深圳证券交易所主板", "创业板", "创业板", "北京证券交易所",
  };
  GRand *r = self->ry;
  GDate issued, lo, hi;
  const char *board;
  JsonObject *f;

  /* the board fits the company: large ones the main boards, technology
   * the STAR market or ChiNext, small ones the Beijing exchange */
  if (e->biz == BIZ_PROPERTY || capital >= 1000)
    board = pick_array (r, main_boards, G_N_ELEMENTS (main_boards));
  else if (scope != NULL && strstr (scope, "技术") != NULL)
    board = chance (r, 0.6) ? "科创板" : "创业板";
  else if (capital < 100)
    board = chance (r, 0.6) ? "北京证券交易所" : "创业板";
  else
    board = pick_array (r, other_boards, G_N_ELEMENTS (other_boards));

  /* filed three months to two and a half years ago, after three years of business */
  lo = e->established;
  g_date_add_years (&lo, 3);
  days_from_today (self, &hi, -912);
  if (date_is_before (&lo, &hi))
    lo = hi;
  days_from_today (self, &hi, -95);
  date_between (r, &lo, &hi, &issued);

  f = json_object_new ();
  json_object_set_string_member (f, "subject_name", e->name);
  json_object_set_string_member (f, "listing_board", board);
  json_object_set_string_member (f, "sponsor", pick (r, &self->securities));
  json_object_set_string_member (f, "filed_on", iso (self, &issued));
  add_licence (self, e, "listing_guidance_filing",
               unique_number_from (self, r, "listing_guidance_filing", make_listing_number,
                                   GINT_TO_POINTER (g_date_get_year (&issued))),
               "中国证券监督管理委员会安徽监管局", &issued, NULL, f);
  e->flags |= F_LISTING;
}

typedef struct
{
  DemoApplicant *e;
  int            capital;
  const char    *scope;
  double         score;
} DemoCandidate;

static int
cmp_candidate (gconstpointer a,
               gconstpointer b)
{
  const DemoCandidate *x = a, *y = b;

  return x->score > y->score ? -1 : x->score < y->score;
}

/* about 12 % of the enterprises: three years old or more, never penalised,
 * bankrupt, liquidating or revoked, no restaurant; larger capital preferred */
static void
listing_licences (DemoLoad *self)
{
  GRand *r = self->ry;
  g_autoptr(GArray) pool = g_array_new (FALSE, FALSE, sizeof (DemoCandidate));
  guint n = (self->enterprises->len * 12 + 50) / 100;
  GDate old;

  days_from_today (self, &old, -(3 * 365 + 100));
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);
      DemoLicence *bl = held_licence (e, "business_licence");
      DemoCandidate c = { e, 0, NULL, 0.0 };
      const char *capital;

      if (bl == NULL || e->breach || e->biz == BIZ_RESTAURANT ||
          (e->flags & (F_PENALTY | F_BANKRUPT | F_LIQUIDATING | F_REVOKED)) ||
          !date_is_before (&e->established, &old))
        continue;
      capital = member_string (bl->fields, "registered_capital");
      c.capital = capital != NULL ? atoi (capital) : 0;
      c.scope = member_string (bl->fields, "business_scope");
      c.score = 0.5 * log (MAX (c.capital, 1)) + 3.0 * g_rand_double (r);
      g_array_append_val (pool, c);
    }
  g_array_sort (pool, cmp_candidate);
  for (guint i = 0; i < pool->len && i < n; i++)
    {
      DemoCandidate *c = &g_array_index (pool, DemoCandidate, i);

      listing_licence (self, c->e, c->capital, c->scope);
    }
}

/* data: the year of the first issue.  (Newer certificates carry the ID
 * number, but a licence is keyed by number and holder, and the holder's
 * ID card has that number already: the older 16-digit form, the issuing
 * authority's code, the year of the first issue and a serial number.) */
static char *
make_qualification_number (GRand    *r,
                           gpointer  data)
{
  return g_strdup_printf ("340100%04d%06d", GPOINTER_TO_INT (data), rnd (r, 1, 99999));
}

/* 道路运输从业人员从业资格证: valid six years, the current one a renewal
 * of the first sometimes. FALSE when @p was too young for one. */
static gboolean
qualification_licence (DemoLoad      *self,
                       DemoApplicant *p,
                       gboolean       manager,
                       gboolean       expired)
{
  GRand *r = self->ry;
  GDate adult, issued, until, first, lo, hi;
  JsonObject *f;

  birthday_at (p, manager ? 22 : 21, &adult);
  if (expired)
    {
      /* not renewed: expired one day to a year ago */
      days_from_today (self, &lo, -(6 * 365 + 365));
      days_from_today (self, &hi, -(6 * 365 + 3));
    }
  else
    {
      /* managers: before the demo's first cases */
      days_from_today (self, &lo, -(6 * 365 - 30));
      days_from_today (self, &hi, manager ? -100 : -1);
    }
  if (date_is_before (&lo, &adult))
    lo = adult;
  if (date_is_before (&hi, &lo))
    return FALSE;
  date_between (r, &lo, &hi, &issued);
  if (g_date_get_month (&issued) == G_DATE_FEBRUARY && g_date_get_day (&issued) == 29)
    g_date_subtract_days (&issued, 1);
  until = issued;
  g_date_add_years (&until, 6);
  first = issued;
  for (int k = rnd (r, 0, 2); k > 0; k--)
    {
      GDate earlier = first;

      g_date_subtract_years (&earlier, 6);
      if (date_is_before (&earlier, &adult))
        break;
      first = earlier;
    }

  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "category", manager ? "道路运输企业主要负责人和安全生产管理人员"
                                                        : "经营性道路货物运输驾驶员");
  json_object_set_string_member (f, "first_issued_on", iso (self, &first));
  add_licence (self, p, "transport_qualification",
               unique_number_from (self, r, "transport_qualification", make_qualification_number,
                                   GINT_TO_POINTER (g_date_get_year (&first))),
               "合肥市交通运输局", &issued, &until, f);
  p->flags |= F_QUALIFIED;
  return TRUE;
}

static gboolean
holds_manager_qualification (DemoApplicant *p)
{
  DemoLicence *l = held_licence (p, "transport_qualification");

  return l != NULL && g_strcmp0 (member_string (l->fields, "category"), "道路运输企业主要负责人和安全生产管理人员") == 0;
}

/* a safety manager: 25 to 58, working age for the whole demo */
static gboolean
can_manage (DemoLoad      *self,
            DemoApplicant *p)
{
  int age = age_on (p, &self->today);

  return !p->enterprise && !(p->flags & F_CHILD) && age >= 25 && age <= 58;
}

/* each transport founder's 安全生产管理人员: the founder or another
 * working-age person, with a valid qualification of that category.  30 %
 * of the founders are their own (a quota among those of working age, so
 * that the share does not move with the day) */
static void
safety_managers (DemoLoad *self)
{
  GRand *r = self->ry;
  guint n_founders = 0, n_eligible = 0, n_self, n_met = 0;

  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *f = g_ptr_array_index (self->persons, i);

      if (f->flags & F_TRANS_FOUNDER)
        {
          n_founders++;
          if (can_manage (self, f) && !(f->flags & F_QUALIFIED))
            n_eligible++;
        }
    }
  n_self = MIN ((n_founders * 30 + 50) / 100, n_eligible);

  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *f = g_ptr_array_index (self->persons, i);
      DemoApplicant *manager = NULL;

      if (!(f->flags & F_TRANS_FOUNDER))
        continue;
      if (holds_manager_qualification (f))
        manager = f;
      else if (can_manage (self, f) && !(f->flags & F_QUALIFIED) &&
               spread_take (n_met++, n_self, n_eligible) &&
               qualification_licence (self, f, TRUE, FALSE))
        manager = f;
      for (guint k = 0, n = self->persons->len, start = (guint) rnd (r, 0, (int) n - 1);
           manager == NULL && k < n; k++)
        {
          DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);

          if (p != f && can_manage (self, p) && !(p->flags & (F_QUALIFIED | F_TRANS_FOUNDER)) &&
              qualification_licence (self, p, TRUE, FALSE))
            manager = p;
        }
      add_party (f, "safety_manager", manager);
    }
}

/* drivers: 30 % of the working-age men (quota), 8 % of them not renewed
 * (quota; a driver too young for a lapsed one holds a valid one) */
static void
driver_qualifications (DemoLoad *self)
{
  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);
      int age = age_on (p, &self->today);

      if (p->male && !(p->flags & (F_CHILD | F_QUALIFIED)) && age >= 22 && age <= 60 &&
          quota_take (&self->drivers) &&
          !qualification_licence (self, p, FALSE, quota_take (&self->drivers_lapsed)))
        qualification_licence (self, p, FALSE, FALSE);
    }
}

/* a Hefei plate: 皖A·D1234 or 皖A·5K3B2 (no I or O) */
static char *
make_plate (GRand    *r,
            gpointer  data)
{
  static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  char tail[6];

  for (guint i = 0; i < 5; i++)
    tail[i] = (char) ('0' + rnd (r, 0, 9));
  if (chance (r, 0.6))
    tail[0] = letters[rnd (r, 0, (int) sizeof letters - 2)];
  else
    {
      tail[1] = letters[rnd (r, 0, (int) sizeof letters - 2)];
      tail[3] = letters[rnd (r, 0, (int) sizeof letters - 2)];
    }
  tail[5] = '\0';
  return g_strdup_printf ("皖A·%s", tail);
}

static int
cmp_date (gconstpointer a,
          gconstpointer b)
{
  return g_date_compare (a, b);
}

/* 机动车行驶证 of a transport founder's trucks: registered one to eight
 * years ago (one a day at most), the inspection due within a year; a few
 * overdue */
static void
vehicle_licences (DemoLoad      *self,
                  DemoApplicant *owner)
{
  static const struct { const char *type; const char *models[4]; } trucks[] = {
    { "重型厢式货车", { "解放牌CA5250XXYP62K1L5T3E6", "东风牌DFH5250XXYA1", "乘龙牌LZ5250XXYM5DB", "江淮牌HFC5251XXYP1K7D54S" } },
    { "中型普通货车", { "解放牌CA1125P40K2L5E6A85", "福田牌BJ1126VGPEA-1", "江淮牌HFC1121P71K1D4V", "东风牌EQ1120GD6DJ" } },
    { "轻型厢式货车", { "江淮牌HFC5043XXYP22K1C7S", "福田牌BJ5045XXY9JBA-AB1", "江铃牌JX5045XXYTGC26", "凯马牌KMC5042XXYA33D6" } },
    { "重型半挂牵引车", { "解放牌CA4250P66K24T1E6", "东风牌DFH4250C3", "陕汽牌SX4250MD4Q1", "豪沃牌ZZ4257V384HF1" } },
  };
  GRand *r = self->ry;
  int roll = rnd (r, 0, 99);
  guint n = roll < 35 ? 1 : roll < 70 ? 2 : roll < 88 ? 3 : 4;
  GDate registered[4], adult;

  birthday_at (owner, 18, &adult);
  for (guint k = 0; k < n; k++)
    {
      days_from_today (self, &registered[k], -rnd (r, 365, 8 * 365));
      if (date_is_before (&registered[k], &adult))
        registered[k] = adult;
    }
  qsort (registered, n, sizeof (GDate), cmp_date);
  for (guint k = 1; k < n; k++)
    if (g_date_compare (&registered[k], &registered[k - 1]) <= 0)
      {
        registered[k] = registered[k - 1];
        g_date_add_days (&registered[k], 1);
      }

  for (guint k = 0; k < n; k++)
    {
      guint t = (guint) rnd (r, 0, G_N_ELEMENTS (trucks) - 1);
      const char *plate = unique_number_from (self, r, "vehicle_licence", make_plate, NULL);
      GDate due;
      JsonObject *f;

      if (chance (r, 0.08))
        days_from_today (self, &due, -rnd (r, 1, 60));
      else
        days_from_today (self, &due, rnd (r, 30, 365));
      f = json_object_new ();
      json_object_set_string_member (f, "plate_number", plate);
      json_object_set_string_member (f, "vehicle_type", trucks[t].type);
      json_object_set_string_member (f, "brand_model", trucks[t].models[rnd (r, 0, 3)]);
      json_object_set_string_member (f, "use_nature", "货运");
      json_object_set_string_member (f, "owner", owner->name);
      add_licence (self, owner, "vehicle_licence", plate, "合肥市公安局交通警察支队",
                   &registered[k], &due, f);
    }
}

static void
round2_licences (DemoLoad *self)
{
  guint k = 0;

  listing_licences (self);
  safety_managers (self);
  driver_qualifications (self);
  /* four of every five transport founders own one to four trucks: a
   * quota, not a chance draw, so the share is the same on any day */
  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if (!(p->flags & F_TRANS_FOUNDER))
        continue;
      if (k % 5 != 4)
        vehicle_licences (self, p);
      k++;
    }
}

static gboolean
generate_licences (DemoLoad  *self,
                   GError   **error)
{
  guint i;

  for (i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if (!(p->flags & F_CHILD) && !person_licences (self, p, error))
        return FALSE;
    }
  for (i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if (p->male && p->spouse != NULL)
        couple_licences (self, p);
    }
  for (i = 0; i < self->enterprises->len; i++)
    enterprise_licences (self, g_ptr_array_index (self->enterprises, i), i);
  for (i = 0; i < self->premises->len; i++)
    premises_licences (self, g_ptr_array_index (self->premises, i));
  for (i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if ((p->flags & F_CHILD) && !child_licences (self, p, error))
        return FALSE;
    }
  source_licences (self);
  round2_licences (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Catalogue and users                                                  */
/* ------------------------------------------------------------------ */

static gboolean
load_catalogue (DemoLoad  *self,
                GError   **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, "catalogue.json", NULL);
  const char *file = "catalogue.json";
  JsonNode *root;
  JsonArray *items;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  self->catalogue_parser = json_parser_new_immutable ();
  if (!json_parser_load_from_file (self->catalogue_parser, path, error))
    {
      g_prefix_error (error, _("Cannot read the demo data file %s: "), file);
      return FALSE;
    }
  root = json_parser_get_root (self->catalogue_parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    items = member_array (json_node_get_object (root), "items");
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    items = json_node_get_array (root);
  else
    items = NULL;
  if (items == NULL)
    return invalid_data (error, file, _("it holds no “items” list"));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code = member_string (item, "code");
      JsonArray *matters = member_array (item, "matters");

      if (code == NULL || *code == '\0' || member_string (item, "name") == NULL)
        {
          g_autofree char *what = g_strdup_printf (_("item %u has no “code” or “name”"), i + 1);
          return invalid_data (error, file, what);
        }
      if (g_hash_table_contains (codes, code))
        {
          g_autofree char *what = g_strdup_printf (_("the item code “%s” appears twice"), code);
          return invalid_data (error, file, what);
        }
      g_hash_table_add (codes, (gpointer) code);
      if (matters == NULL || json_array_get_length (matters) == 0)
        {
          g_autofree char *what = g_strdup_printf (_("item “%s” has no sub-matters"), code);
          return invalid_data (error, file, what);
        }
      for (guint k = 0; k < json_array_get_length (matters); k++)
        {
          JsonNode *mn = json_array_get_element (matters, k);
          JsonObject *m = JSON_NODE_HOLDS_OBJECT (mn) ? json_node_get_object (mn) : NULL;
          gint64 limit = member_int (m, "time_limit_days", -1);

          if (member_string (m, "code") == NULL || member_string (m, "name") == NULL ||
              member_string (m, "department") == NULL || limit < 0 || limit > 365)
            {
              g_autofree char *what =
                g_strdup_printf (_("sub-matter %u of item “%s” needs “code”, “name”, “department” and a “time_limit_days” of 0 to 365"),
                                 k + 1, code);
              return invalid_data (error, file, what);
            }
        }
      g_ptr_array_add (self->items, item);
    }
  if (self->items->len == 0)
    return invalid_data (error, file, _("it holds no items"));
  return TRUE;
}

static const char *
department_username (DemoLoad   *self,
                     const char *department,
                     guint      *n_unknown)
{
  static const struct { const char *word; const char *initials; } known[] = {
    { "交通管理", "jj" }, { "知识产权", "zscq" },
    { "市场监", "scjg" }, { "消防", "xf" }, { "城市管理", "cg" }, { "城管", "cg" },
    { "水务", "shuiwu" }, { "税务", "sw" }, { "卫生健康", "wj" }, { "卫健", "wj" },
    { "疾病预防", "jk" }, { "疾控", "jk" }, { "公安", "ga" }, { "医疗保障", "yb" },
    { "医保", "yb" }, { "人力资源", "rs" }, { "人社", "rs" }, { "公积金", "gjj" },
    { "残疾人", "cl" }, { "残联", "cl" }, { "民政", "mz" }, { "教育", "jy" },
    { "数据", "sj" }, { "交通运输", "jt" }, { "供电", "gd" }, { "电力", "gd" },
    { "燃气", "rq" }, { "供水", "gs" }, { "通信", "tx" }, { "电信", "tx" },
    { "法院", "fy" }, { "发展和改革", "fg" }, { "发改", "fg" }, { "证监", "zjh" },
    { "生态环境", "sthj" }, { "自然资源", "zrzy" }, { "不动产", "bdc" },
    { "住房和城乡建设", "zj" }, { "住建", "zj" }, { "信用", "xy" }, { "人民银行", "rmyh" },
    { "司法", "sf" }, { "商务", "shw" }, { "烟草", "yc" }, { "应急", "yj" },
    { "统计", "tj" }, { "海关", "hg" }, { "金融", "jr" }, { "银行", "yh" },
    { "档案", "da" }, { "退役军人", "tyjr" }, { "财政", "cz" }, { "农业农村", "nync" },
  };
  const char *base = NULL;
  char *username;

  for (guint i = 0; i < G_N_ELEMENTS (known) && base == NULL; i++)
    if (strstr (department, known[i].word) != NULL)
      base = known[i].initials;

  if (base != NULL)
    username = g_strconcat ("dept-", base, NULL);
  else
    username = g_strdup_printf ("dept-%u", ++(*n_unknown));

  /* two departments with the same initials: -2, -3 … */
  for (guint n = 2; ; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < self->users->len && !taken; i++)
        taken = strcmp (((DemoUser *) g_ptr_array_index (self->users, i))->username, username) == 0;
      if (!taken)
        break;
      g_free (username);
      username = base != NULL ? g_strdup_printf ("dept-%s-%u", base, n)
                              : g_strdup_printf ("dept-%u", ++(*n_unknown));
    }
  return keep (self, username);
}

static void
user_free (gpointer data)
{
  DemoUser *u = data;

  g_free (u->password_hash);
  g_free (u);
}

/* The password hashes (yescrypt, tens of milliseconds each) are made on
 * two worker threads while the data is generated: every other user. */
typedef struct
{
  GPtrArray *users;
  guint      first;
} DemoHashJob;

static gpointer
hash_passwords (gpointer data)
{
  DemoHashJob *job = data;

  for (guint i = job->first; i < job->users->len; i += 2)
    {
      DemoUser *u = g_ptr_array_index (job->users, i);

      u->password_hash = zc_server_hash_password (DEMO_PASSWORD);
    }
  return NULL;
}

static DemoUser *
add_user (DemoLoad   *self,
          const char *username,
          const char *role,
          const char *display_name,
          const char *window,
          const char *department)
{
  DemoUser *u = g_new0 (DemoUser, 1);

  u->username = username;
  u->role = role;
  u->display_name = display_name;
  u->window = window;
  u->department = department;
  g_ptr_array_add (self->users, u);
  return u;
}

static void
generate_users (DemoLoad *self)
{
  guint n_unknown = 0;

  g_ptr_array_add (self->clerks, add_user (self, "clerk", "clerk", "王晓燕", "1号窗口", NULL));
  g_ptr_array_add (self->clerks, add_user (self, "helper", "helper", "李建华", "2号窗口", NULL));
  self->supervisor = add_user (self, "supervisor", "supervisor", "陈志强", "值班长席", NULL);
  g_ptr_array_add (self->clerks, add_user (self, "clerk2", "clerk", "刘芳", "3号窗口", NULL));
  g_ptr_array_add (self->clerks, add_user (self, "clerk3", "clerk", "赵磊", "4号窗口", NULL));
  g_ptr_array_add (self->clerks, add_user (self, "clerk4", "clerk", "孙婷", "5号窗口", NULL));

  for (guint i = 0; i < self->items->len; i++)
    {
      JsonArray *matters = member_array (g_ptr_array_index (self->items, i), "matters");

      for (guint k = 0; k < json_array_get_length (matters); k++)
        {
          const char *dept = member_string (json_array_get_object_element (matters, k), "department");
          const char *username;

          if (g_hash_table_contains (self->dept_users, dept))
            continue;
          username = department_username (self, dept, &n_unknown);
          g_hash_table_insert (self->dept_users, (gpointer) dept, (gpointer) username);
          add_user (self, username, "department",
                    keep (self, g_strconcat (dept, "审批员", NULL)), NULL, dept);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Cases                                                                */
/* ------------------------------------------------------------------ */

static void
task_free (gpointer data)
{
  g_free (data);
}

static void
case_free (gpointer data)
{
  DemoCase *c = data;

  g_clear_pointer (&c->tasks, g_ptr_array_unref);
  g_clear_pointer (&c->roles, g_ptr_array_unref);
  g_clear_pointer (&c->role_keys, g_ptr_array_unref);
  g_clear_pointer (&c->form, json_object_unref);
  g_free (c->number);
  g_free (c);
}

static void
event_free (gpointer data)
{
  DemoEvent *e = data;

  g_free (e->detail);
  g_free (e);
}

static DemoEvent *
add_event (DemoLoad   *self,
           GPtrArray  *events,
           gint64      at,
           const char *actor,
           const char *role,
           const char *window,
           const char *action,
           DemoCase   *c,
           DemoTask   *t,
           const char *from,
           const char *to,
           const char *reason)
{
  DemoEvent *e = g_new0 (DemoEvent, 1);

  e->at = at;
  e->seq = self->event_seq++;
  e->actor = actor;
  e->role = role;
  e->window = window;
  e->action = action;
  e->c = c;
  e->t = t;
  e->from = from;
  e->to = to;
  e->reason = reason;
  g_ptr_array_add (events, e);
  return e;
}

static DemoApplicant *
case_party (DemoCase   *c,
            const char *role)
{
  if (g_strcmp0 (role, "applicant") == 0 || role == NULL)
    return c->applicant;
  for (guint i = 0; i < c->roles->len; i++)
    if (strcmp (g_ptr_array_index (c->roles, i), role) == 0)
      return g_ptr_array_index (c->role_keys, i);
  return NULL;
}

/* the licence of @type of @holder the clerk would use on @date */
static DemoLicence *
best_licence (DemoApplicant *holder,
              const char    *type,
              const GDate   *date)
{
  DemoLicence *best = NULL;
  gboolean best_valid = FALSE;

  for (guint i = 0; holder != NULL && i < holder->licences->len; i++)
    {
      DemoLicence *l = g_ptr_array_index (holder->licences, i);
      gboolean valid;

      if (strcmp (l->type, type) != 0)
        continue;
      valid = !l->revoked && g_date_compare (&l->issued_on, date) <= 0 &&
              (!g_date_valid (&l->valid_until) || g_date_compare (date, &l->valid_until) <= 0);
      if (best == NULL || (valid && !best_valid) ||
          (valid == best_valid && g_date_compare (&l->issued_on, &best->issued_on) > 0))
        {
          best = l;
          best_valid = valid;
        }
    }
  return best;
}

static JsonNode *
licence_value (DemoLoad    *self,
               DemoLicence *l,
               const char  *field)
{
  const char *str = NULL;

  if (strcmp (field, "number") == 0)
    str = l->number;
  else if (strcmp (field, "holder") == 0)
    str = l->holder->key;
  else if (strcmp (field, "holder_name") == 0)
    str = l->holder->name;
  else if (strcmp (field, "issuer") == 0)
    str = l->issuer;
  else if (strcmp (field, "issued_on") == 0)
    str = iso (self, &l->issued_on);
  else if (strcmp (field, "valid_until") == 0)
    str = g_date_valid (&l->valid_until) ? iso (self, &l->valid_until) : NULL;
  else if (json_object_has_member (l->fields, field))
    return json_node_copy (json_object_get_member (l->fields, field));

  return str ? json_node_init_string (json_node_alloc (), str) : NULL;
}

static gboolean
label_has (const char *label,
           const char *key,
           const char *word)
{
  return (label != NULL && strstr (label, word) != NULL) || (key != NULL && strstr (key, word) != NULL);
}

typedef gboolean (*DemoFilter) (DemoLoad *self, DemoApplicant *a);

static DemoApplicant *pick_filtered  (DemoLoad      *self,
                                      DemoFilter     filter);
static gboolean       is_working_age (DemoLoad      *self,
                                      DemoApplicant *a);

static gboolean
child_male (DemoCase *c)
{
  return c->child_name != NULL && c->child_key[16] % 2 == 1;
}

/* the pupil of 教育入学: the applicant's child (party "child"); without
 * one, a made-up pupil of the family: not an applicant, but a valid ID
 * number, a name and a birth date that fit the school stage */
static void
ensure_child (DemoLoad *self,
              DemoCase *c)
{
  GRand *r = self->rc;
  DemoApplicant *a = c->applicant;
  DemoApplicant *kid;
  const char *surname;
  const char *region = a->district ? a->district->code : "340104";
  int year;

  if (c->child_name != NULL)
    return;

  /* the applicant's child, a demo person */
  kid = case_party (c, "child");
  if (kid != NULL)
    {
      GDate date;
      const char *stage;

      sh_date_of (c->created, &date);
      year = enrolment_year (&date);
      stage = entry_stage (kid, year);
      if (stage == NULL)
        stage = year - kid->birth_year <= 9 ? "小学一年级" : "初中一年级";
      c->child_age = strcmp (stage, "小学一年级") == 0 ? 6 : 12;
      c->child_name = kid->name;
      memcpy (c->child_key, kid->key, sizeof c->child_key);
      set_date (&c->child_birth, kid->birth_year, kid->birth_month, kid->birth_day);
      return;
    }

  c->child_age = chance (r, 0.6) ? 6 : 12;
  year = g_date_get_year (&self->today_sh) - c->child_age - (g_date_get_month (&self->today_sh) < 9 ? 1 : 0);
  for (;;)
    {
      char first17[18];
      int month = rnd (r, 1, 12);
      int day = rnd (r, 1, 28);
      int seq = rnd (r, 1, 999);
      char check;

      /* born between Sept 1 of @year and Aug 31 of the next year */
      set_date (&c->child_birth, month >= 9 ? year : year + 1, month, day);
      g_snprintf (first17, sizeof first17, "%s%04d%02d%02d%03d", region,
                  g_date_get_year (&c->child_birth), month, day, seq);
      check = zc_resident_id_check_char (first17);
      if (check == '\0')
        continue;
      g_snprintf (c->child_key, sizeof c->child_key, "%s%c", first17, check);
      if (!g_hash_table_contains (self->keys, c->child_key))
        break;
    }
  surname = a->male || a->spouse == NULL ? a->surname : a->spouse->surname;
  c->child_name = keep (self, g_strconcat (surname ? surname : "张", pick (r, &self->given_child), NULL));
}

static JsonNode *
string_node (const char *str)
{
  return json_node_init_string (json_node_alloc (), str);
}

static int
cmp_licence_issued (gconstpointer a,
                    gconstpointer b)
{
  const DemoLicence *x = *(DemoLicence * const *) a, *y = *(DemoLicence * const *) b;

  return g_date_compare (&x->issued_on, &y->issued_on);
}

static JsonNode *aggregate_value (DemoLoad      *self,
                                  DemoApplicant *holder,
                                  const char    *type,
                                  const char    *field,
                                  const char    *aggregate,
                                  const GDate   *date);

static JsonNode *
typed_value (DemoLoad      *self,
             DemoCase      *c,
             JsonObject    *field,
             DemoApplicant *party)
{
  static const char * const courts[] = {
    "合肥市中级人民法院", "合肥市蜀山区人民法院", "合肥市包河区人民法院", "合肥市庐阳区人民法院",
  };
  GRand *r = self->rc;
  const char *key = member_string (field, "key");
  const char *label = member_string (field, "label");
  const char *type = member_string (field, "type");
  JsonArray *choices = member_array (field, "choices");
  DemoApplicant *a = c->applicant;
  DemoApplicant *who = party ? party : (a->enterprise && a->legal_rep ? a->legal_rep : a);
  const DemoDistrict *district = a->district ? a->district : g_ptr_array_index (self->districts, 0);
  DemoLicence *penalty;
  int year;
  GDate date;
  const char *str = NULL;

  sh_date_of (c->created, &date);
  year = g_date_get_year (&date);

  /* choices that depend on the case */
  if (label_has (label, key, "学生") || label_has (label, key, "student") || label_has (label, key, "入学学段") ||
      label_has (label, key, "幼儿园"))
    ensure_child (self, c);
  if (label_has (label, key, "与学生关系"))
    return string_node (a->male ? "父亲" : "母亲");
  if (label_has (label, key, "入学学段"))
    return string_node (c->child_age == 6 ? "小学一年级" : "初中一年级");
  if (label_has (label, key, "学生性别"))
    return string_node (child_male (c) ? "男" : "女");
  if (label_has (label, key, "注销方式"))
    return string_node (best_licence (a, "liquidation_filing", &date) != NULL ? "普通注销" : "简易注销");
  if (label_has (label, key, "注销原因"))
    return string_node ((a->flags & F_REVOKED) ? "依法被吊销营业执照"
                        : chance (r, 0.85) ? "股东会决议解散" : "章程规定的营业期限届满");
  if (label_has (label, key, "退休类型") && chance (r, 0.85))
    return string_node ("正常退休");
  if (label_has (label, key, "与户主关系"))
    {
      DemoApplicant *mother = case_party (c, "mother");
      DemoLicence *bc = mother ? best_licence (mother, "birth_certificate", &date) : NULL;

      if (bc != NULL)
        return string_node (g_strcmp0 (member_string (bc->fields, "sex"), "男") == 0 ? "子" : "女");
    }

  if (choices != NULL && json_array_get_length (choices) > 0)
    {
      JsonNode *n = json_array_get_element (choices, (guint) rnd (r, 0, (int) json_array_get_length (choices) - 1));

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        return json_node_copy (n);
      if (JSON_NODE_HOLDS_OBJECT (n))
        {
          const char *value = member_string (json_node_get_object (n), "value");

          if (value == NULL)
            value = member_string (json_node_get_object (n), "key");
          if (value != NULL)
            return string_node (value);
        }
    }

  /* the pupil */
  if (c->child_name != NULL && label_has (label, key, "学生"))
    {
      if (g_strcmp0 (type, "id") == 0 || label_has (label, key, "身份证"))
        return string_node (c->child_key);
      if (g_strcmp0 (type, "date") == 0 || label_has (label, key, "出生"))
        return string_node (iso (self, &c->child_birth));
      if (label_has (label, key, "姓名"))
        return string_node (c->child_name);
    }

  if (g_strcmp0 (type, "phone") == 0 || label_has (label, key, "电话") || label_has (label, key, "phone"))
    return string_node (who->phone ? who->phone : a->phone);
  if (g_strcmp0 (type, "id") == 0)
    return string_node (who->key);

  if (g_strcmp0 (type, "date") == 0)
    {
      if (label_has (label, key, "参加工作") && who->birth_year)
        set_date (&date, who->birth_year + rnd (r, 18, 23), rnd (r, 1, 12), rnd (r, 1, 28));
      else if (label_has (label, key, "退休") && who->birth_year)
        set_date (&date, who->birth_year + (who->retire_age ? who->retire_age : who->male ? 60 : 55),
                  who->birth_month, who->birth_day);
      else if (label_has (label, key, "出生"))
        set_date (&date, who->birth_year ? who->birth_year : 1980, who->birth_month ? who->birth_month : 1,
                  who->birth_day ? who->birth_day : 1);
      else if (label_has (label, key, "处罚") || label_has (label, key, "列入"))
        g_date_subtract_days (&date, (guint) rnd (r, 200, 900));
      else if ((label_has (label, key, "整改") || label_has (label, key, "完成")) &&
               (penalty = best_licence (a, "administrative_penalty_decision", &date)) != NULL)
        {
          /* after the penalty, before the application */
          GDate lo = penalty->issued_on, hi = date;

          g_date_add_days (&lo, 15);
          g_date_subtract_days (&hi, 5);
          date_between (r, &lo, &hi, &date);
        }
      else if (label_has (label, key, "整改") || label_has (label, key, "完成"))
        g_date_subtract_days (&date, (guint) rnd (r, 10, 120));
      else if (label_has (label, key, "期间起"))
        set_date (&date, year - 3, 1, 1);
      else if (label_has (label, key, "期间止"))
        set_date (&date, year - 1, 12, 31);
      else if (label_has (label, key, "决议") || label_has (label, key, "成立") || label_has (label, key, "公告"))
        g_date_subtract_days (&date, (guint) rnd (r, 5, 60));
      else if (label_has (label, key, "开工") || label_has (label, key, "计划") || label_has (label, key, "拟"))
        g_date_add_days (&date, (guint) rnd (r, 7, 45));
      return string_node (iso (self, &date));
    }

  if (g_strcmp0 (type, "number") == 0)
    {
      double v;

      if (label_has (label, key, "面积"))
        v = rnd (r, 60, 520) / 2.0;
      else if (label_has (label, key, "资本") || label_has (label, key, "capital"))
        v = rnd (r, 1, 50) * 10;
      else if (label_has (label, key, "座位"))
        v = rnd (r, 4, 40) * 5;
      else if (label_has (label, key, "容量"))
        v = rnd (r, 5, 80) * 10;
      else if (label_has (label, key, "用水量"))
        v = rnd (r, 20, 600);
      else if (label_has (label, key, "子公司"))
        v = rnd (r, 0, 12);
      else if (label_has (label, key, "驾驶员"))
        {
          /* one or two drivers a truck */
          g_autoptr(JsonNode) trucks = aggregate_value (self, a, "vehicle_licence", NULL, "count", &date);
          int n = trucks != NULL ? atoi (json_node_get_string (trucks)) : rnd (r, 1, 4);

          v = n + rnd (r, 0, n);
        }
      else if (label_has (label, key, "人数") || label_has (label, key, "人员"))
        v = rnd (r, 2, 30);
      else if (label_has (label, key, "车") && a->planned_biz == BIZ_TRANSPORT)
        v = 2;      /* trucks to buy: the two plates typed below */
      else if (label_has (label, key, "车"))
        v = rnd (r, 2, 40);
      else if (label_has (label, key, "金额") || label_has (label, key, "元"))
        v = rnd (r, 100, 9000);
      else
        v = rnd (r, 1, 20);
      if (v == floor (v))
        return json_node_init_int (json_node_alloc (), (gint64) v);
      return json_node_init_double (json_node_alloc (), v);
    }

  if (label_has (label, key, "新生儿姓名") || label_has (label, key, "newborn_name"))
    {
      DemoApplicant *father = case_party (c, "father");

      str = keep (self, g_strconcat (father ? father->surname : a->surname ? a->surname : "张",
                                     pick (r, &self->given_child), NULL));
    }
  else if (label_has (label, key, "民族"))
    str = "汉";
  else if (label_has (label, key, "变更后") && label_has (label, key, "名称"))
    str = company_name (self, a->biz != BIZ_NONE ? a->biz : BIZ_TRADE, district);
  else if (label_has (label, key, "变更后") && (label_has (label, key, "住所") || label_has (label, key, "地址")))
    str = keep (self, g_strdup_printf ("%s%s%d号%s大厦%d%02d室", district->name, pick (r, &district->streets),
                                       rnd (r, 1, 399), pick (r, &self->trade_names), rnd (r, 2, 28), rnd (r, 1, 20)));
  else if (label_has (label, key, "经营范围") || label_has (label, key, "经营项目"))
    str = (a->planned_biz == BIZ_TRANSPORT || a->biz == BIZ_TRANSPORT) ? "道路普通货物运输；国内货物运输代理"
        : (a->planned_biz == BIZ_RESTAURANT || a->biz == BIZ_RESTAURANT) ? "热食类食品制售；冷食类食品制售"
        : "日用百货销售；五金产品零售；技术服务";
  else if (label_has (label, key, "企业名称") || label_has (label, key, "公司名称") ||
           label_has (label, key, "company_name"))
    str = a->planned_name ? a->planned_name : a->enterprise ? a->name : company_name (self, BIZ_TRADE, district);
  else if (label_has (label, key, "企业类型") || label_has (label, key, "公司类型"))
    str = "有限责任公司(自然人独资)";
  else if (label_has (label, key, "主体业态"))
    str = "餐饮服务经营者";
  else if (label_has (label, key, "招牌") && label_has (label, key, "尺寸"))
    str = keep (self, g_strdup_printf ("%d.%d×%d.%d", rnd (r, 2, 6), rnd (r, 0, 9), rnd (r, 0, 1), rnd (r, 5, 9)));
  else if (label_has (label, key, "招牌"))
    str = "门店正上方外墙";
  else if (label_has (label, key, "挖掘") || label_has (label, key, "道路位置"))
    str = keep (self, g_strdup_printf ("%s%s北侧人行道", district->name, pick (r, &district->streets)));
  else if (label_has (label, key, "排水户"))
    str = "一般排水户";
  else if (label_has (label, key, "号牌"))
    str = keep (self, g_strdup_printf ("皖A·%c%04d、皖A·%c%04d", "DFGHKL"[rnd (r, 0, 5)], rnd (r, 0, 9999),
                                       "DFGHKL"[rnd (r, 0, 5)], rnd (r, 0, 9999)));
  else if (label_has (label, key, "停车"))
    str = make_shop_address (self, r, district);
  else if (label_has (label, key, "法院"))
    str = pick_array (r, courts, G_N_ELEMENTS (courts));
  else if (label_has (label, key, "案号"))
    str = keep (self, g_strdup_printf ("（%d）皖01破%d号", year - rnd (r, 0, 1), rnd (r, 1, 80)));
  else if (label_has (label, key, "处罚") && label_has (label, key, "文号"))
    str = keep (self, g_strdup_printf ("合市监处罚〔%d〕%d号", year - rnd (r, 1, 2), rnd (r, 10, 999)));
  else if (label_has (label, key, "文号"))
    str = keep (self, g_strdup_printf ("（%d）皖01破%d号之一", year - rnd (r, 0, 1), rnd (r, 1, 80)));
  else if (label_has (label, key, "管理人名称"))
    str = keep (self, g_strdup_printf ("安徽%s律师事务所", pick (r, &self->trade_names)));
  else if (label_has (label, key, "保荐"))
    str = pick (r, &self->securities);
  else if (label_has (label, key, "决定机关") || label_has (label, key, "作出"))
    str = "合肥市市场监督管理局";
  else if (label_has (label, key, "清算组负责人"))
    str = a->legal_rep ? a->legal_rep->name : who->name;
  else if (label_has (label, key, "医疗机构"))
    str = pick (r, &self->hospitals);
  else if ((label_has (label, key, "最后参保单位") || label_has (label, key, "单位")) && who->employer != NULL)
    str = who->employer;
  else if (label_has (label, key, "最后参保单位") || label_has (label, key, "单位"))
    str = ((DemoApplicant *) g_ptr_array_index (self->enterprises, rnd (r, 0, (int) self->enterprises->len - 1)))->name;
  else if (label_has (label, key, "与户主关系"))
    str = who->relation ? who->relation : "其他";
  else if (label_has (label, key, "开户") || label_has (label, key, "银行"))
    str = pick (r, &self->banks);
  else if (label_has (label, key, "账号") || label_has (label, key, "账户"))
    str = keep (self, g_strdup_printf ("6217%04d%04d%04d%03d", rnd (r, 0, 9999), rnd (r, 0, 9999),
                                       rnd (r, 0, 9999), rnd (r, 0, 999)));
  else if (label_has (label, key, "幼儿园") || label_has (label, key, "毕业"))
    str = keep (self, g_strdup_printf ("%s%s", district->name, c->child_age == 12 ? "实验小学" : "第一幼儿园"));
  else if (label_has (label, key, "学校"))
    str = keep (self, g_strdup_printf ("%s%s", district->name, c->child_age == 12 ? "第四十五中学" : "实验小学"));
  else if (label_has (label, key, "经营场所") || label_has (label, key, "premises"))
    str = who->premises ? who->premises->location : a->premises ? a->premises->location : a->address;
  else if (label_has (label, key, "地址") || label_has (label, key, "住址") || label_has (label, key, "住所") ||
           g_strcmp0 (type, "address") == 0)
    str = who->address ? who->address : a->address;
  else if (label_has (label, key, "安全管理人员"))
    {
      DemoApplicant *manager = party != NULL ? party : pick_filtered (self, is_working_age);

      str = manager ? manager->name : who->name;
    }
  else if (label_has (label, key, "变更内容"))
    str = "联系电话、通讯地址";
  else if (label_has (label, key, "理由"))
    str = "已履行行政处罚决定并完成整改，申请信用修复";
  else if (label_has (label, key, "说明") || label_has (label, key, "事由") || label_has (label, key, "原因"))
    str = "破产案件办理需要，查询企业登记、不动产及社保缴费信息";
  else if (label_has (label, key, "不动产权证号"))
    str = NULL;   /* no certificate: a lease, nothing to type */
  else if (label_has (label, key, "姓名") || label_has (label, key, "联系人") || label_has (label, key, "name"))
    str = who->name;
  else
    str = "见申请材料";
  return str ? string_node (str) : NULL;
}

/* Over every licence of @type @holder holds that is valid on @date, in
 * the order of issue: the values of @field joined with 、 ("list"), or
 * how many there are ("count", a decimal string); NULL when none. */
static JsonNode *
aggregate_value (DemoLoad      *self,
                 DemoApplicant *holder,
                 const char    *type,
                 const char    *field,
                 const char    *aggregate,
                 const GDate   *date)
{
  g_autoptr(GPtrArray) valid = g_ptr_array_new ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; holder != NULL && i < holder->licences->len; i++)
    {
      DemoLicence *l = g_ptr_array_index (holder->licences, i);

      if (strcmp (l->type, type) == 0 && !l->revoked && g_date_compare (&l->issued_on, date) <= 0 &&
          (!g_date_valid (&l->valid_until) || g_date_compare (date, &l->valid_until) <= 0))
        g_ptr_array_add (valid, l);
    }
  if (valid->len == 0)
    return NULL;
  if (strcmp (aggregate, "count") == 0)
    return string_node (keep (self, g_strdup_printf ("%u", valid->len)));
  if (strcmp (aggregate, "list") != 0 || field == NULL)
    return NULL;

  /* (stable: licences of one day keep the order they were added in) */
  g_ptr_array_sort (valid, cmp_licence_issued);
  for (guint i = 0; i < valid->len; i++)
    {
      g_autoptr(JsonNode) node = licence_value (self, g_ptr_array_index (valid, i), field);
      const char *str = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                        json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;

      if (str == NULL || *str == '\0')
        continue;
      if (list->len > 0)
        g_string_append (list, "、");
      g_string_append (list, str);
    }
  return list->len > 0 ? string_node (list->str) : NULL;
}

/* "when": {"field": KEY, "in": [VALUE …]} holds for the form filled so far */
static gboolean
when_holds (JsonObject *form,
            JsonObject *when)
{
  const char *key = member_string (when, "field");
  JsonArray *values = member_array (when, "in");
  const char *value;
  JsonNode *node = key != NULL ? json_object_get_member (form, key) : NULL;

  if (when == NULL)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  value = json_node_get_string (node);
  return values != NULL && strv_array_contains (values, value);
}

static void
fill_form (DemoLoad *self,
           DemoCase *c,
           double    completeness)
{
  JsonArray *fields = member_array (c->item, "fields");
  GDate date;

  sh_date_of (c->received ? c->received : c->created, &date);
  c->form = json_object_new ();
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *fn = json_array_get_element (fields, i);
      JsonObject *field = JSON_NODE_HOLDS_OBJECT (fn) ? json_node_get_object (fn) : NULL;
      const char *key = member_string (field, "key");
      JsonArray *matters = member_array (field, "matters");
      JsonObject *source = member_object (field, "source");
      const char *party_role = member_string (field, "party");
      DemoApplicant *party;
      JsonNode *value = NULL;

      if (key == NULL || json_object_has_member (c->form, key))
        continue;
      if (matters != NULL && json_array_get_length (matters) > 0)
        {
          gboolean needed = FALSE;

          for (guint k = 0; k < c->tasks->len && !needed; k++)
            needed = strv_array_contains (matters, ((DemoTask *) g_ptr_array_index (c->tasks, k))->code);
          if (!needed)
            continue;
        }
      /* an incomplete form (a draft) lacks some fields, but never the
       * new value of the change it is about (变更后住所 when the change is
       * of the address): a case returned from draft has it */
      if (completeness < 1.0 && !chance (self->rc, completeness) && member_object (field, "when") == NULL)
        continue;
      /* a field of another choice (变更后企业名称 while the change is of
       * the address) is not part of the case */
      if (!when_holds (c->form, member_object (field, "when")))
        continue;

      party = case_party (c, party_role);
      if (source != NULL && member_string (source, "licence_type") != NULL &&
          member_string (source, "aggregate") != NULL)
        {
          value = aggregate_value (self, party, member_string (source, "licence_type"),
                                   member_string (source, "field"), member_string (source, "aggregate"), &date);
          if (value == NULL && !member_bool (field, "required"))
            continue;   /* no such document: left empty */
        }
      else if (source != NULL && member_string (source, "licence_type") != NULL)
        {
          DemoLicence *l = best_licence (party, member_string (source, "licence_type"), &date);
          const char *lf = member_string (source, "field");

          if (l != NULL && lf != NULL)
            value = licence_value (self, l, lf);
          if (value == NULL && !member_bool (field, "required") && (party == NULL || l == NULL))
            continue;   /* nobody, or no such document, to answer for: left empty */
        }
      else if (source != NULL && member_bool (source, "earlier_cases"))
        {
          DemoApplicant *who = party ? party : c->applicant;

          if (label_has (member_string (field, "label"), key, "电话") || label_has (NULL, key, "phone"))
            value = json_node_init_string (json_node_alloc (), who->phone);
          else if (label_has (member_string (field, "label"), key, "地址"))
            value = json_node_init_string (json_node_alloc (), who->address);
        }
      if (value == NULL)
        value = typed_value (self, c, field, party);
      if (value != NULL)
        json_object_set_member (c->form, key, value);
    }
}

static gboolean
item_has_party (JsonObject *item,
                const char *role)
{
  JsonArray *parties = member_array (item, "parties");

  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonNode *n = json_array_get_element (parties, i);

      if (JSON_NODE_HOLDS_OBJECT (n) && g_strcmp0 (member_string (json_node_get_object (n), "role"), role) == 0)
        return TRUE;
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (n), role) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_adult (DemoLoad      *self,
          DemoApplicant *a)
{
  return !a->enterprise && age_on (a, &self->today) >= 18;
}

static gboolean
is_working_age (DemoLoad      *self,
                DemoApplicant *a)
{
  int age = a->enterprise ? 0 : age_on (a, &self->today);

  return age >= 22 && age <= 60;
}

static gboolean
is_newborn_parent (DemoLoad      *self,
                   DemoApplicant *a)
{
  return !a->enterprise && (a->flags & F_NEWBORN_PARENT);
}

static gboolean
is_disabled_or_old (DemoLoad      *self,
                    DemoApplicant *a)
{
  return !a->enterprise && ((a->flags & F_DISABLED) || (age_on (a, &self->today) >= 70 && chance (self->rc, 0.2)));
}

/* insured, reaching the retirement age within two years or just reached */
static gboolean
is_retiring (DemoLoad      *self,
             DemoApplicant *a)
{
  int age = a->enterprise ? 0 : age_on (a, &self->today);

  return (a->flags & F_INSURED) && !(a->flags & F_RETIRED) &&
         age >= a->retire_age - 2 && age <= a->retire_age;
}

/* insured, a few years from retirement */
static gboolean
is_near_retirement (DemoLoad      *self,
                    DemoApplicant *a)
{
  int age = a->enterprise ? 0 : age_on (a, &self->today);

  return (a->flags & F_INSURED) && !(a->flags & F_RETIRED) && age >= a->retire_age - 3;
}

/* a parent whose child (party "child") enters primary or junior middle school */
static gboolean
is_parent_of_entrant (DemoLoad      *self,
                      DemoApplicant *a)
{
  DemoApplicant *kid = a->enterprise ? NULL : find_party (a, "child");

  return kid != NULL && entry_stage (kid, enrolment_year (&self->today)) != NULL;
}

static gboolean
is_parent_of_pupil (DemoLoad      *self,
                    DemoApplicant *a)
{
  return !a->enterprise && find_party (a, "child") != NULL;
}

static gboolean
is_rest_founder (DemoLoad      *self,
                 DemoApplicant *a)
{
  return a->flags & F_REST_FOUNDER;
}

static gboolean
is_trans_founder (DemoLoad      *self,
                  DemoApplicant *a)
{
  return a->flags & F_TRANS_FOUNDER;
}

static gboolean
is_founder (DemoLoad      *self,
            DemoApplicant *a)
{
  return a->flags & (F_REST_FOUNDER | F_TRANS_FOUNDER);
}

static gboolean
is_restaurant (DemoLoad      *self,
               DemoApplicant *a)
{
  return a->biz == BIZ_RESTAURANT;
}

static gboolean
is_transport (DemoLoad      *self,
              DemoApplicant *a)
{
  return a->biz == BIZ_TRANSPORT;
}

/* a penalty (every breach enterprise has one) published for three months or
 * more when the case comes (cases go back 90 days) */
static gboolean
is_breach_enterprise (DemoLoad      *self,
                      DemoApplicant *a)
{
  DemoLicence *penalty = a->enterprise ? best_licence (a, "administrative_penalty_decision", &self->today) : NULL;

  return penalty != NULL && g_date_days_between (&penalty->issued_on, &self->today) >= 180;
}

static gboolean
is_bankrupt (DemoLoad      *self,
             DemoApplicant *a)
{
  return a->enterprise && (a->flags & F_BANKRUPT);
}

/* with a liquidation group filed (普通注销), or a small company without
 * penalties, bankruptcy or revocation (简易注销) */
static gboolean
is_deregistering (DemoLoad      *self,
                  DemoApplicant *a)
{
  if (!a->enterprise)
    return FALSE;
  if (a->flags & F_LIQUIDATING)
    return TRUE;
  return (a->biz == BIZ_TRADE || a->biz == BIZ_TRANSPORT) &&
         !(a->flags & (F_PENALTY | F_BANKRUPT | F_REVOKED)) && !a->breach && chance (self->rc, 0.2);
}

static gboolean
is_enterprise (DemoLoad      *self,
               DemoApplicant *a)
{
  return a->enterprise;
}

/* 企业上市合法合规信息核查: an enterprise in listing guidance */
static gboolean
is_listing (DemoLoad      *self,
            DemoApplicant *a)
{
  return a->enterprise && (a->flags & F_LISTING);
}

static DemoApplicant *
pick_filtered (DemoLoad   *self,
               DemoFilter  filter)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();

  for (guint k = 0; k < self->applicants->len; k++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, k);

      if (filter (self, a))
        g_ptr_array_add (matching, a);
    }
  if (matching->len == 0)
    return NULL;
  return g_ptr_array_index (matching, rnd (self->rc, 0, (int) matching->len - 1));
}

static DemoApplicant *
pick_applicant (DemoLoad   *self,
                JsonObject *item)
{
  const char *name = member_string (item, "name");
  gboolean enterprise = g_strcmp0 (member_string (item, "subject"), "enterprise") == 0;
  DemoFilter filter;
  DemoApplicant *a;

  if (enterprise)
    {
      if (strstr (name, "上市") != NULL)
        filter = is_listing;
      else if (strstr (name, "餐饮") != NULL)
        filter = is_restaurant;
      else if (strstr (name, "运输") != NULL)
        filter = is_transport;
      else if (strstr (name, "信用修复") != NULL)
        filter = is_breach_enterprise;
      else if (strstr (name, "破产") != NULL)
        filter = is_bankrupt;
      else if (strstr (name, "注销") != NULL)
        filter = is_deregistering;
      else
        filter = is_enterprise;
    }
  else
    {
      if (strstr (name, "出生") != NULL)
        filter = is_newborn_parent;
      else if (strstr (name, "残疾") != NULL)
        filter = is_disabled_or_old;
      else if (strstr (name, "退休") != NULL)
        filter = is_retiring;
      else if (strstr (name, "入学") != NULL)
        filter = is_parent_of_entrant;
      else if (strstr (name, "餐饮") != NULL)
        filter = is_rest_founder;
      else if (strstr (name, "运输") != NULL)
        filter = is_trans_founder;
      else if (item_has_party (item, "legal_representative"))
        filter = is_founder;
      else
        filter = is_adult;
    }
  a = pick_filtered (self, filter);
  if (a == NULL && filter == is_retiring)
    a = pick_filtered (self, is_near_retirement);
  if (a == NULL && filter == is_parent_of_entrant)
    a = pick_filtered (self, is_parent_of_pupil);
  if (a == NULL)
    a = pick_filtered (self, enterprise ? is_enterprise : is_adult);
  return a;
}

/* a required field of @item is answered by @role */
static gboolean
item_needs_party (JsonObject *item,
                  const char *role)
{
  JsonArray *fields = member_array (item, "fields");

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *n = json_array_get_element (fields, i);
      JsonObject *f = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;

      if (member_bool (f, "required") && g_strcmp0 (member_string (f, "party"), role) == 0)
        return TRUE;
    }
  return FALSE;
}

/* FALSE when a required field of the optional @matter names a licence the
 * applicant does not hold (no housing fund account: nothing to withdraw) */
static gboolean
matter_possible (DemoLoad      *self,
                 JsonObject    *item,
                 const char    *matter,
                 DemoApplicant *a)
{
  JsonArray *fields = member_array (item, "fields");

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *n = json_array_get_element (fields, i);
      JsonObject *f = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      JsonObject *source = member_object (f, "source");
      const char *party = member_string (f, "party");
      const char *type = member_string (source, "licence_type");

      if (type == NULL || !member_bool (f, "required") ||
          (party != NULL && strcmp (party, "applicant") != 0) ||
          !strv_array_contains (member_array (f, "matters"), matter))
        continue;
      if (best_licence (a, type, &self->today) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
set_case_parties (DemoLoad *self,
                  DemoCase *c)
{
  JsonArray *parties = member_array (c->item, "parties");
  DemoApplicant *a = c->applicant;

  c->roles = g_ptr_array_new ();
  c->role_keys = g_ptr_array_new ();
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonNode *n = json_array_get_element (parties, i);
      const char *role = NULL;
      DemoApplicant *p;

      if (JSON_NODE_HOLDS_OBJECT (n))
        role = member_string (json_node_get_object (n), "role");
      else if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        role = json_node_get_string (n);
      if (role == NULL || strcmp (role, "applicant") == 0)
        continue;

      p = find_party (a, role);
      /* a person the form needs, e.g. the bankruptcy administrator's head */
      if (p == NULL && strcmp (role, "agent") == 0 && a->enterprise && item_needs_party (c->item, role))
        p = pick_filtered (self, is_working_age);
      if (p == NULL && strcmp (role, "agent") == 0 && a->enterprise && chance (self->rc, 0.8))
        p = chance (self->rc, 0.3) && a->legal_rep ? a->legal_rep : pick_filtered (self, is_working_age);
      else if (p == NULL && strcmp (role, "agent") == 0 &&
               (strcmp (c->clerk->role, "helper") == 0 || (!a->enterprise && age_on (a, &self->today) >= 70)))
        p = a->spouse && age_on (a->spouse, &self->today) < 75 ? a->spouse : pick_filtered (self, is_working_age);
      if (p == NULL && strcmp (role, "mother") == 0 && !a->enterprise && !a->male)
        p = a;
      if (p == NULL && strcmp (role, "father") == 0 && !a->enterprise && a->male)
        p = a;
      if (p == NULL && (strcmp (role, "mother") == 0 || strcmp (role, "father") == 0) && a->spouse)
        p = a->spouse;
      if (p == NULL && strcmp (role, "household_head") == 0 && !a->enterprise)
        p = a->head;
      if (p == NULL && strcmp (role, "legal_representative") == 0 && !a->enterprise)
        p = a;
      if (p == NULL)
        continue;
      g_ptr_array_add (c->roles, (gpointer) role);
      g_ptr_array_add (c->role_keys, p);
    }
}

static const char *
pick_reason (GRand *r,
             const char * const *reasons,
             gsize n)
{
  return pick_array (r, reasons, n);
}

static const char * const not_accepted_reasons[] = {
  "申请事项不属于本级受理范围，已告知申请人向有权机关申请",
  "经营场所位于禁止设立餐饮服务的区域，不符合法定条件",
  "申请材料存在实质性错误，申请人不能当场补正",
  "申请人所持居民身份证已过有效期，无法核验身份",
  "申请人存在严重失信记录，不适用告知承诺，且不能当场提交全部材料",
  "申请人不具备申请资格",
};
static const char * const withdrawn_reasons[] = {
  "申请人主动申请撤回：经营场所变更，需重新选址",
  "申请人主动申请撤回：拟暂缓办理",
  "申请人因个人原因申请撤回",
  "申请人需先办理变更登记，撤回后重新申请",
};
static const char * const returned_reasons[] = {
  "表单中经营场所面积与不动产权证书记载不一致，请核对后补正",
  "缺少申请人签字的告知承诺书，请补正",
  "食品安全管理人员健康证明已过期，请更换人员或补交有效证明",
  "申请材料扫描件不清晰，请重新扫描",
  "子事项选择有误，请与申请人确认后补正",
};
static const char * const denied_reasons[] = {
  "经现场核查，经营场所不符合食品安全要求",
  "消防安全检查不合格：疏散通道被占用",
  "招牌设置位置不符合城市容貌标准",
  "排水设施不符合排放要求",
  "申请人不符合待遇享受条件",
};

/* the task's history up to @state; returns the time of its last move */
static gint64
task_history (DemoLoad   *self,
              GPtrArray  *events,
              DemoCase   *c,
              DemoTask   *t,
              gint64      lo,
              gint64      hi)
{
  static const char * const chain[] = { "pending", "in_review", "approved", "result_issued" };
  const char *role = "department";
  gint64 times[3];
  guint steps;

  if (strcmp (t->state, "pending") == 0)
    steps = 0;
  else if (strcmp (t->state, "in_review") == 0)
    steps = 1;
  else if (strcmp (t->state, "approved") == 0 || strcmp (t->state, "denied") == 0)
    steps = 2;
  else
    steps = 3;
  if (steps == 0)
    return lo;

  random_times (self->rc, lo, hi, steps, times);
  for (guint s = 0; s < steps; s++)
    {
      const char *to = chain[s + 1];

      if (s == 1 && strcmp (t->state, "denied") == 0)
        to = "denied";
      add_event (self, events, times[s], t->dept_user, role, NULL, "task.transition",
                 c, t, chain[s], to, strcmp (to, "denied") == 0 ? t->reason : NULL);
    }
  return times[steps - 1];
}

static gboolean
working_day (DemoLoad    *self,
             const GDate *date,
             gboolean    *ok)
{
  gboolean working = FALSE;

  *ok = zc_calendar_is_working_day (self->calendar, date, &working, NULL, NULL);
  return *ok && working;
}

/* Plans one case; NULL when the calendar cannot place it (skipped). */
static DemoCase *
plan_case (DemoLoad  *self,
           GPtrArray *events)
{
  GRand *r = self->rc;
  DemoCase *c = g_new0 (DemoCase, 1);
  JsonArray *matters;
  GDate day, reception;
  gint64 midnight, lo, hi, t_final = 0;
  int d, roll, max_days;
  gboolean ok;
  double rate;

  c->tasks = g_ptr_array_new_with_free_func (task_free);
  /* one case per applicant and item where the pool allows; an item whose
   * few applicants all have one yields to another item */
  for (guint tries = 0, found = FALSE; !found && tries < 4; tries++)
    {
      c->item = g_ptr_array_index (self->items, rnd (r, 0, (int) self->items->len - 1));
      c->item_code = member_string (c->item, "code");
      for (guint attempt = 0; attempt < 12; attempt++)
        {
          g_autofree char *pair = NULL;

          c->applicant = pick_applicant (self, c->item);
          if (c->applicant == NULL)
            goto skip;
          pair = g_strconcat (c->item_code, "\n", c->applicant->key, NULL);
          if (!g_hash_table_contains (self->case_pairs, pair))
            {
              g_hash_table_add (self->case_pairs, (gpointer) keep (self, g_steal_pointer (&pair)));
              found = TRUE;
              break;
            }
        }
    }
  /* a newborn's case comes after the birth certificate */
  max_days = DEMO_DAYS_BACK - 1;
  if (strstr (member_string (c->item, "name"), "出生") != NULL)
    {
      DemoApplicant *mother = c->applicant->male ? c->applicant->spouse : c->applicant;
      DemoLicence *bc = mother ? best_licence (mother, "birth_certificate", &self->today) : NULL;

      if (bc != NULL)
        max_days = MIN (max_days, g_date_days_between (&bc->issued_on, &self->today_sh));
      if (max_days < 0)
        goto skip;
    }
  if (!c->applicant->enterprise &&
      ((c->applicant->flags & F_DISABLED) || age_on (c->applicant, &self->today) >= 70) &&
      chance (r, 0.45))
    c->clerk = g_ptr_array_index (self->clerks, 1);   /* helper */
  else
    c->clerk = g_ptr_array_index (self->clerks, rnd (r, 0, (int) self->clerks->len - 1));

  /* creation: a working day of the last 90, in office hours, before now */
  for (guint attempt = 0; ; attempt++)
    {
      if (attempt > 50)
        goto skip;
      d = (int) floor (pow (g_rand_double (r), 1.15) * (max_days + 1));
      day = self->today_sh;
      g_date_subtract_days (&day, (guint) d);
      if (!working_day (self, &day, &ok))
        {
          if (!ok)
            goto skip;
          continue;
        }
      midnight = sh_midnight (&day);
      c->created = midnight + 8 * 3600 + 1800 + rnd (r, 0, 8 * 3600);
      if (c->created <= self->now - 3600)
        break;
    }

  /* state by age */
  roll = rnd (r, 0, 99);
  if (d <= 3)
    c->state = roll < 50 ? "draft" : roll < 85 ? "received" : roll < 90 ? "not_accepted" : roll < 96 ? "returned" : "withdrawn";
  else if (d <= 30)
    c->state = roll < 6 ? "draft" : roll < 50 ? "received" : roll < 82 ? "completed" : roll < 89 ? "not_accepted"
             : roll < 95 ? "withdrawn" : "returned";
  else
    c->state = roll < 1 ? "draft" : roll < 9 ? "received" : roll < 83 ? "completed" : roll < 91 ? "not_accepted"
             : roll < 97 ? "withdrawn" : "returned";
  if (strcmp (c->state, "returned") == 0)
    c->returned_from = chance (r, 0.5) ? "draft" : "received";

  /* matters: all required ones, some optional ones */
  matters = member_array (c->item, "matters");
  for (guint i = 0; i < json_array_get_length (matters); i++)
    {
      JsonObject *m = json_array_get_object_element (matters, i);
      DemoTask *t;

      if (member_bool (m, "optional") &&
          (!chance (r, 0.55) || !matter_possible (self, c->item, member_string (m, "code"), c->applicant)))
        continue;
      t = g_new0 (DemoTask, 1);
      t->matter = m;
      t->code = member_string (m, "code");
      t->name = member_string (m, "name");
      t->department = member_string (m, "department");
      t->dept_user = g_hash_table_lookup (self->dept_users, t->department);
      t->time_limit = (guint) member_int (m, "time_limit_days", 0);
      t->state = "pending";
      g_ptr_array_add (c->tasks, t);
    }
  if (c->tasks->len == 0)
    {
      /* only optional matters: take the first */
      JsonObject *m = json_array_get_object_element (matters, 0);
      DemoTask *t = g_new0 (DemoTask, 1);

      t->matter = m;
      t->code = member_string (m, "code");
      t->name = member_string (m, "name");
      t->department = member_string (m, "department");
      t->dept_user = g_hash_table_lookup (self->dept_users, t->department);
      t->time_limit = (guint) member_int (m, "time_limit_days", 0);
      t->state = "pending";
      g_ptr_array_add (c->tasks, t);
    }

  /* reception and due dates */
  if (strcmp (c->state, "received") == 0 || strcmp (c->state, "completed") == 0 ||
      strcmp (c->state, "withdrawn") == 0 || g_strcmp0 (c->returned_from, "received") == 0)
    {
      c->received = c->created + rnd (r, 300, 2700);
      if (c->received > self->now - 600)
        c->received = MAX (c->created + 60, self->now - 600);
      sh_date_of (c->received, &reception);
      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);

          g_date_clear (&t->due, 1);
          if (!zc_calendar_add_working_days (self->calendar, &reception, t->time_limit,
                                             &t->due, &t->provisional, NULL))
            goto skip;
        }
    }

  set_case_parties (self, c);

  /* the history */
  add_event (self, events, c->created, c->clerk->username, c->clerk->role, c->clerk->window,
             "case.create", c, NULL, NULL, "draft", NULL);
  c->updated = c->created;
  if (c->received)
    {
      add_event (self, events, c->received, c->clerk->username, c->clerk->role, c->clerk->window,
                 "case.transition", c, NULL, "draft", "received", NULL);
      c->updated = c->received;
    }

  if (strcmp (c->state, "not_accepted") == 0)
    {
      c->reason = pick_reason (r, not_accepted_reasons, G_N_ELEMENTS (not_accepted_reasons));
      c->updated = MIN (c->created + rnd (r, 300, 3600), self->now - 60);
      add_event (self, events, c->updated, c->clerk->username, c->clerk->role, c->clerk->window,
                 "case.transition", c, NULL, "draft", "not_accepted", c->reason);
    }
  else if (strcmp (c->state, "returned") == 0)
    {
      gint64 base = c->received ? c->received : c->created;

      c->reason = pick_reason (r, returned_reasons, G_N_ELEMENTS (returned_reasons));
      random_times (r, base + 600, MIN (base + 3 * DAY, self->now - 60), 1, &c->updated);
      add_event (self, events, c->updated, self->supervisor->username, "supervisor", self->supervisor->window,
                 "case.transition", c, NULL, c->returned_from, "returned", c->reason);
    }
  else if (strcmp (c->state, "withdrawn") == 0)
    {
      c->reason = pick_reason (r, withdrawn_reasons, G_N_ELEMENTS (withdrawn_reasons));
      random_times (r, c->received + 1800, MIN (c->received + 10 * DAY, self->now - 60), 1, &c->updated);
      add_event (self, events, c->updated, c->clerk->username, c->clerk->role, c->clerk->window,
                 "case.transition", c, NULL, "received", "withdrawn", c->reason);
    }
  else if (strcmp (c->state, "received") == 0)
    {
      gboolean any_open = FALSE;
      gboolean supplement = chance (r, 0.18);

      rate = (double) (self->now - c->received) / DAY;
      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);
          double f = rate / MAX (1.0, t->time_limit * 1.4);
          int x = rnd (r, 0, 99);

          if (f < 0.2)
            t->state = x < 60 ? "pending" : "in_review";
          else if (f < 0.7)
            t->state = x < 20 ? "pending" : x < 65 ? "in_review" : x < 85 ? "approved" : "result_issued";
          else
            t->state = x < 10 ? "pending" : x < 50 ? "in_review" : x < 70 ? "approved" : x < 95 ? "result_issued" : "denied";
          if (i == c->tasks->len - 1 && !any_open && (strcmp (t->state, "result_issued") == 0 || strcmp (t->state, "denied") == 0))
            t->state = "in_review";
          if (strcmp (t->state, "result_issued") != 0 && strcmp (t->state, "denied") != 0)
            any_open = TRUE;
          if (supplement && !t->awaiting && strcmp (t->state, "result_issued") != 0 && strcmp (t->state, "denied") != 0)
            {
              t->awaiting = TRUE;
              supplement = FALSE;
            }
          if (strcmp (t->state, "denied") == 0)
            t->reason = pick_reason (r, denied_reasons, G_N_ELEMENTS (denied_reasons));
          t->updated = task_history (self, events, c, t, c->received + 600, self->now - 120);
          if (strcmp (t->state, "pending") == 0)
            t->updated = c->received;
        }
    }
  else if (strcmp (c->state, "completed") == 0)
    {
      gint64 due_max = 0;

      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);

          due_max = MAX (due_max, sh_midnight (&t->due) + 17 * 3600 + 1800);
        }
      lo = c->received + 1800;
      hi = MIN (self->now - 300, chance (r, 0.9) ? due_max : due_max + 5 * DAY);
      if (hi < lo + 3600)
        hi = MIN (self->now - 300, lo + 3600);
      for (guint i = 0; i < c->tasks->len; i++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, i);
          gint64 task_hi = MIN (hi, MAX (lo + 3600, sh_midnight (&t->due) + 17 * 3600 + 1800));

          if (chance (r, 0.07))
            {
              t->state = "denied";
              t->reason = pick_reason (r, denied_reasons, G_N_ELEMENTS (denied_reasons));
            }
          else
            t->state = "result_issued";
          t->updated = task_history (self, events, c, t, lo, task_hi);
          t_final = MAX (t_final, t->updated);
        }
      c->updated = t_final + 1;
      add_event (self, events, c->updated, "platform", "platform", NULL,
                 "case.transition", c, NULL, "received", "completed", NULL);
    }

  /* the form: drafts are partly filled */
  fill_form (self, c, strcmp (c->state, "draft") == 0 || g_strcmp0 (c->returned_from, "draft") == 0 ? 0.7 : 1.0);
  return c;

skip:
  case_free (c);
  return NULL;
}

static int
cmp_case_created (gconstpointer a,
                  gconstpointer b)
{
  const DemoCase *x = *(DemoCase * const *) a, *y = *(DemoCase * const *) b;

  return x->created < y->created ? -1 : x->created > y->created;
}

static int
cmp_case_received (gconstpointer a,
                   gconstpointer b)
{
  const DemoCase *x = *(DemoCase * const *) a, *y = *(DemoCase * const *) b;

  return x->received < y->received ? -1 : x->received > y->received;
}

static int
cmp_event (gconstpointer a,
           gconstpointer b)
{
  const DemoEvent *x = *(DemoEvent * const *) a, *y = *(DemoEvent * const *) b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
generate_cases (DemoLoad *self)
{
  g_autoptr(GPtrArray) received = g_ptr_array_new ();
  GDate last_day;
  guint seq = 0;

  for (guint attempt = 0; self->cases->len < DEMO_N_CASES && attempt < DEMO_N_CASES * 2; attempt++)
    {
      g_autoptr(GPtrArray) events = g_ptr_array_new ();
      DemoCase *c = plan_case (self, events);

      if (c == NULL)
        {
          for (guint i = 0; i < events->len; i++)
            event_free (g_ptr_array_index (events, i));
          continue;
        }
      g_ptr_array_add (self->cases, c);
      for (guint i = 0; i < events->len; i++)
        g_ptr_array_add (self->events, g_ptr_array_index (events, i));
    }

  g_ptr_array_sort (self->cases, cmp_case_created);

  /* numbers: ZC-YYYYMMDD-NNNNNN, per reception day (Asia/Shanghai) */
  for (guint i = 0; i < self->cases->len; i++)
    {
      DemoCase *c = g_ptr_array_index (self->cases, i);

      if (c->received)
        g_ptr_array_add (received, c);
    }
  g_ptr_array_sort (received, cmp_case_received);
  g_date_clear (&last_day, 1);
  for (guint i = 0; i < received->len; i++)
    {
      DemoCase *c = g_ptr_array_index (received, i);
      GDate day;

      sh_date_of (c->received, &day);
      if (!g_date_valid (&last_day) || g_date_compare (&day, &last_day) != 0)
        seq = 0;
      last_day = day;
      c->number = g_strdup_printf ("ZC-%04d%02d%02d-%06u", g_date_get_year (&day),
                                   g_date_get_month (&day), g_date_get_day (&day), ++seq);
    }
  g_ptr_array_sort (self->events, cmp_event);
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */
/* ------------------------------------------------------------------ */

static gboolean
step (ZcServerDb    *db,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (db, error);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_catalogue (DemoLoad  *self,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db, "INSERT INTO catalogue_items (code, position, json) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (self->items, i);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), item);
      g_autofree char *json = json_to_string (node, FALSE);

      bind_text (stmt, 1, member_string (item, "code"));
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, json);
      if (!step (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_users (DemoLoad  *self,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db,
                          "INSERT INTO users (username, password_hash, role, display_name, window, department) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->users->len; i++)
    {
      DemoUser *u = g_ptr_array_index (self->users, i);

      if (u->password_hash == NULL)
        u->password_hash = zc_server_hash_password (DEMO_PASSWORD);
      if (u->password_hash == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot hash the demo password"));
          return FALSE;
        }
      bind_text (stmt, 1, u->username);
      bind_text (stmt, 2, u->password_hash);
      bind_text (stmt, 3, u->role);
      bind_text (stmt, 4, u->display_name);
      bind_text (stmt, 5, u->window);
      bind_text (stmt, 6, u->department);
      if (!step (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_applicants (DemoLoad  *self,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) sa = NULL;
  g_autoptr(sqlite3_stmt) sp = NULL;
  g_autoptr(sqlite3_stmt) sl = NULL;

  sa = zc_server_db_prepare (self->db,
                             "INSERT INTO applicants (key, kind, name, phone, address, serious_credit_breach) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (sa == NULL)
    return FALSE;
  sp = zc_server_db_prepare (self->db,
                             "INSERT OR IGNORE INTO parties (applicant, role, party_key) VALUES (?1, ?2, ?3)", error);
  if (sp == NULL)
    return FALSE;
  sl = zc_server_db_prepare (self->db,
                             "INSERT INTO licences (type, number, holder, holder_name, issuer, issued_on, "
                             "valid_until, revoked, fields, photo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                             error);
  if (sl == NULL)
    return FALSE;

  for (guint i = 0; i < self->applicants->len; i++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, i);

      bind_text (sa, 1, a->key);
      bind_text (sa, 2, a->enterprise ? "enterprise" : "person");
      bind_text (sa, 3, a->name);
      bind_text (sa, 4, a->phone);
      bind_text (sa, 5, a->address);
      sqlite3_bind_int (sa, 6, a->breach ? 1 : 0);
      if (!step (self->db, sa, error))
        return FALSE;
    }

  for (guint i = 0; i < self->applicants->len; i++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, i);

      for (guint k = 0; k < a->parties->len; k++)
        {
          DemoParty *p = &g_array_index (a->parties, DemoParty, k);

          bind_text (sp, 1, a->key);
          bind_text (sp, 2, p->role);
          bind_text (sp, 3, p->party->key);
          if (!step (self->db, sp, error))
            return FALSE;
        }
      for (guint k = 0; k < a->licences->len; k++)
        {
          DemoLicence *l = g_ptr_array_index (a->licences, k);
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), l->fields);
          g_autofree char *fields = json_to_string (node, FALSE);

          bind_text (sl, 1, l->type);
          bind_text (sl, 2, l->number);
          bind_text (sl, 3, a->key);
          bind_text (sl, 4, a->name);
          bind_text (sl, 5, l->issuer);
          bind_text (sl, 6, iso (self, &l->issued_on));
          bind_text (sl, 7, g_date_valid (&l->valid_until) ? iso (self, &l->valid_until) : NULL);
          sqlite3_bind_int (sl, 8, l->revoked ? 1 : 0);
          bind_text (sl, 9, fields);
          if (l->photo != NULL)
            {
              gsize size;
              gconstpointer data = g_bytes_get_data (l->photo, &size);

              sqlite3_bind_blob (sl, 10, data, (int) size, SQLITE_STATIC);
            }
          else
            sqlite3_bind_null (sl, 10);
          if (!step (self->db, sl, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_cases (DemoLoad  *self,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) sc = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  sqlite3 *handle = zc_server_db_get_handle (self->db);

  sc = zc_server_db_prepare (self->db,
                             "INSERT INTO cases (number, item, applicant, state, returned_from, window, clerk, "
                             "matters, form, parties, reason, created_at, received_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
  if (sc == NULL)
    return FALSE;
  st = zc_server_db_prepare (self->db,
                             "INSERT INTO tasks (case_id, matter, matter_name, department, state, due_date, "
                             "due_provisional, awaiting_supplement, reason, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (st == NULL)
    return FALSE;

  for (guint i = 0; i < self->cases->len; i++)
    {
      DemoCase *c = g_ptr_array_index (self->cases, i);
      g_autoptr(JsonBuilder) mb = json_builder_new_immutable ();
      g_autoptr(JsonBuilder) pb = json_builder_new_immutable ();
      g_autoptr(JsonNode) mn = NULL;
      g_autoptr(JsonNode) pn = NULL;
      g_autoptr(JsonNode) fn = NULL;
      g_autofree char *matters = NULL;
      g_autofree char *parties = NULL;
      g_autofree char *form = NULL;
      g_autofree char *created = format_time (c->created);
      g_autofree char *received = c->received ? format_time (c->received) : NULL;
      g_autofree char *updated = format_time (c->updated);

      json_builder_begin_array (mb);
      for (guint k = 0; k < c->tasks->len; k++)
        json_builder_add_string_value (mb, ((DemoTask *) g_ptr_array_index (c->tasks, k))->code);
      json_builder_end_array (mb);
      mn = json_builder_get_root (mb);
      matters = json_to_string (mn, FALSE);

      json_builder_begin_array (pb);
      for (guint k = 0; k < c->roles->len; k++)
        {
          json_builder_begin_object (pb);
          json_builder_set_member_name (pb, "role");
          json_builder_add_string_value (pb, g_ptr_array_index (c->roles, k));
          json_builder_set_member_name (pb, "key");
          json_builder_add_string_value (pb, ((DemoApplicant *) g_ptr_array_index (c->role_keys, k))->key);
          json_builder_end_object (pb);
        }
      json_builder_end_array (pb);
      pn = json_builder_get_root (pb);
      parties = json_to_string (pn, FALSE);

      fn = json_node_init_object (json_node_alloc (), c->form);
      form = json_to_string (fn, FALSE);

      bind_text (sc, 1, c->number);
      bind_text (sc, 2, c->item_code);
      bind_text (sc, 3, c->applicant->key);
      bind_text (sc, 4, c->state);
      bind_text (sc, 5, c->returned_from);
      bind_text (sc, 6, c->clerk->window);
      bind_text (sc, 7, c->clerk->username);
      bind_text (sc, 8, matters);
      bind_text (sc, 9, form);
      bind_text (sc, 10, parties);
      bind_text (sc, 11, c->reason);
      bind_text (sc, 12, created);
      bind_text (sc, 13, received);
      bind_text (sc, 14, updated);
      if (!step (self->db, sc, error))
        return FALSE;
      c->id = sqlite3_last_insert_rowid (handle);

      if (!c->received)
        continue;   /* tasks exist once the case was received */
      for (guint k = 0; k < c->tasks->len; k++)
        {
          DemoTask *t = g_ptr_array_index (c->tasks, k);
          g_autofree char *t_updated = format_time (t->updated ? t->updated : c->received);

          sqlite3_bind_int64 (st, 1, c->id);
          bind_text (st, 2, t->code);
          bind_text (st, 3, t->name);
          bind_text (st, 4, t->department);
          bind_text (st, 5, t->state);
          bind_text (st, 6, iso (self, &t->due));
          sqlite3_bind_int (st, 7, t->provisional ? 1 : 0);
          sqlite3_bind_int (st, 8, t->awaiting ? 1 : 0);
          bind_text (st, 9, t->reason);
          bind_text (st, 10, t_updated);
          if (!step (self->db, st, error))
            return FALSE;
          t->id = sqlite3_last_insert_rowid (handle);
        }
    }
  return TRUE;
}

/* Historical events carry the time they happened (zc_server_db_add_event
 * stamps the current time), so they are written here with the same
 * columns; the demo.load event itself goes through zc_server_db_add_event. */
static gboolean
write_events (DemoLoad  *self,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db,
                          "INSERT INTO events (at, actor, role, window, action, case_id, task_id, "
                          "subject, from_state, to_state, reason, detail) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->events->len; i++)
    {
      DemoEvent *e = g_ptr_array_index (self->events, i);
      g_autofree char *at = format_time (e->at);

      bind_text (stmt, 1, at);
      bind_text (stmt, 2, e->actor);
      bind_text (stmt, 3, e->role);
      bind_text (stmt, 4, e->window);
      bind_text (stmt, 5, e->action);
      sqlite3_bind_int64 (stmt, 6, e->c->id);
      if (e->t != NULL)
        sqlite3_bind_int64 (stmt, 7, e->t->id);
      bind_text (stmt, 8, e->c->applicant->key);
      bind_text (stmt, 9, e->from);
      bind_text (stmt, 10, e->to);
      bind_text (stmt, 11, e->reason);
      if (strcmp (e->action, "case.create") == 0)
        {
          g_autofree char *detail = g_strdup_printf ("{\"item\":\"%s\",\"demo\":true}", e->c->item_code);

          /* item codes are plain ASCII identifiers; anything else is escaped by JSON-GLib */
          if (strpbrk (e->c->item_code, "\"\\") == NULL)
            bind_text (stmt, 12, detail);
        }
      if (!step (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                          */
/* ------------------------------------------------------------------ */

static void
demo_load_clear (DemoLoad *self)
{
  g_clear_pointer (&self->rp, g_rand_free);
  g_clear_pointer (&self->rl, g_rand_free);
  g_clear_pointer (&self->rc, g_rand_free);
  g_clear_pointer (&self->rx, g_rand_free);
  g_clear_pointer (&self->ry, g_rand_free);
  g_clear_object (&self->calendar);
  g_clear_object (&self->names_parser);
  g_clear_object (&self->catalogue_parser);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->case_pairs, g_hash_table_unref);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->clerks, g_ptr_array_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->dept_users, g_hash_table_unref);
  g_clear_pointer (&self->premises, g_ptr_array_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->enterprises, g_ptr_array_unref);
  g_clear_pointer (&self->applicants, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->used, g_hash_table_unref);
  g_clear_pointer (&self->regions, g_array_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
}

static gboolean
demo_generate_and_write (DemoLoad  *self,
                         GError   **error)
{
  g_autofree char *calendar_path = g_build_filename (self->data_dir, "holidays-cn.json", NULL);
  g_autofree char *detail = NULL;
  gint64 t0 = g_get_monotonic_time ();
  DemoHashJob jobs[2];
  GThread *hashers[2] = { NULL, NULL };
  gboolean ok;

  if (!load_names (self, error) || !load_catalogue (self, error))
    return FALSE;
  self->calendar = zc_calendar_new_from_file (calendar_path, error);
  if (self->calendar == NULL)
    {
      g_prefix_error (error, _("Cannot read the working-day calendar of the demo: "));
      return FALSE;
    }

  generate_users (self);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].users = self->users;
      jobs[i].first = i;
      /* without a thread, write_users hashes the rest */
      hashers[i] = g_thread_try_new ("zc-demo-hash", hash_passwords, &jobs[i], NULL);
    }
  generate_people (self);
  ok = generate_licences (self, error);
  if (ok)
    generate_cases (self);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    if (hashers[i] != NULL)
      g_thread_join (hashers[i]);
  if (!ok)
    return FALSE;

  if (!write_catalogue (self, error) ||
      !write_users (self, error) ||
      !write_applicants (self, error) ||
      !write_cases (self, error) ||
      !write_events (self, error))
    return FALSE;

  detail = g_strdup_printf ("{\"applicants\":%u,\"persons\":%u,\"enterprises\":%u,\"licences\":%u,"
                            "\"photos\":%u,\"cases\":%u,\"events\":%u,\"users\":%u,\"items\":%u,"
                            "\"milliseconds\":%" G_GINT64_FORMAT "}",
                            self->applicants->len, self->persons->len, self->enterprises->len,
                            self->n_licences, self->n_photos, self->cases->len, self->events->len,
                            self->users->len, self->items->len,
                            (g_get_monotonic_time () - t0) / 1000);
  return zc_server_db_add_event (self->db, "platform", "platform", NULL, "demo.load",
                                 0, 0, NULL, NULL, NULL, NULL, detail, error);
}

gboolean
zc_server_demo_load (ZcServerDb  *db,
                     const char  *data_dir,
                     GError     **error)
{
  DemoLoad load = { 0 };
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_server_db_get_clock (db));
  sqlite3 *handle;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* on a populated database the demo changes nothing */
  if (!zc_server_db_is_empty (db))
    return TRUE;

  load.db = db;
  load.data_dir = data_dir;
  load.rp = g_rand_new_with_seed (DEMO_SEED_PEOPLE);
  load.rl = g_rand_new_with_seed (DEMO_SEED_LICENCES);
  load.rc = g_rand_new_with_seed (DEMO_SEED_CASES);
  load.rx = g_rand_new_with_seed (DEMO_SEED_SOURCES);
  load.ry = g_rand_new_with_seed (DEMO_SEED_ROUND2);
  set_date (&load.today, g_date_time_get_year (now), g_date_time_get_month (now),
            g_date_time_get_day_of_month (now));
  load.now = g_date_time_to_unix (now);
  sh_date_of (load.now, &load.today_sh);
  load.strings = g_ptr_array_new_with_free_func (g_free);
  load.applicants = g_ptr_array_new_with_free_func (applicant_free);
  load.persons = g_ptr_array_new ();
  load.enterprises = g_ptr_array_new ();
  load.keys = g_hash_table_new (g_str_hash, g_str_equal);
  load.used = g_hash_table_new (g_str_hash, g_str_equal);
  load.premises = g_ptr_array_new_with_free_func (g_free);
  load.regions = g_array_new (FALSE, FALSE, sizeof (DemoRegion));
  load.districts = g_ptr_array_new ();
  load.items = g_ptr_array_new ();
  load.users = g_ptr_array_new_with_free_func (user_free);
  load.clerks = g_ptr_array_new ();
  load.dept_users = g_hash_table_new (g_str_hash, g_str_equal);
  load.cases = g_ptr_array_new_with_free_func (case_free);
  load.events = g_ptr_array_new_with_free_func (event_free);
  load.case_pairs = g_hash_table_new (g_str_hash, g_str_equal);
  load.insured_50.percent = 97;
  load.insured_22.percent = 90;
  load.insured_19.percent = 30;
  load.fund.percent = 75;
  load.child_id.percent = 35;
  load.drivers.percent = 30;
  load.drivers_lapsed.percent = 8;

  handle = zc_server_db_get_handle (db);
  own_transaction = sqlite3_get_autocommit (handle) != 0;
  if (own_transaction && !zc_server_db_begin (db, error))
    {
      demo_load_clear (&load);
      return FALSE;
    }

  ok = demo_generate_and_write (&load, error);
  if (ok && own_transaction)
    ok = zc_server_db_commit (db, error);
  if (!ok && own_transaction)
    zc_server_db_rollback (db);

  demo_load_clear (&load);
  return ok;
}
