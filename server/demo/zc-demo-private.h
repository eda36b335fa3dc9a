/* zc-demo-private.h — what the parts of the demo generator share
 *
 * The demo (zc-platform --demo, zc_server_demo_load in zc-server-demo.c)
 * is made in one DemoLoad: the persons and enterprises (zc-demo-people.c),
 * their licences (zc-demo-licences.c) and the records of other agencies
 * (zc-demo-records.c), the users (zc-demo-users.c), the cases
 * (zc-demo-cases.c) with their forms (zc-demo-forms.c), then written
 * (zc-demo-write.c).  Small helpers: zc-demo-util.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zc-calendar.h"
#include "zc-id.h"
#include "zc-server-db.h"
#include "zc-server-demo.h"

G_BEGIN_DECLS

#define DEMO_PASSWORD       "demo1234"
#define DEMO_SEED_PEOPLE    0x5a430001u
#define DEMO_SEED_LICENCES  0x5a430002u
#define DEMO_SEED_CASES     0x5a430003u
#define DEMO_SEED_SOURCES   0x5a430004u   /* records of other agencies: social insurance, housing fund, courts … */
#define DEMO_SEED_REGISTERS 0x5a430005u   /* listing filings, vehicles, transport qualifications */
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
  GPtrArray      *materials;    /* codes of the materials that apply (the reception's) */
  JsonObject     *material_states; /* code → {"state", "licence"?} as the reception records them */
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
  GHashTable   *models;         /* DemoApplicant* → ZcApplicant*: what the platform would answer */
  GHashTable   *item_models;    /* item code → ZcCatalogueItem* (core's parser) */
  DemoQuota     insured_50;     /* persons 50 or older with social insurance */
  DemoQuota     insured_22;     /* 22 to 49 */
  DemoQuota     insured_19;     /* 19 to 21 */
  DemoQuota     fund;           /* the insured with a housing fund account */
  DemoQuota     child_id;       /* children of 9 to 15 with a voluntary ID card */
  DemoQuota     drivers;        /* working-age men with a driver's qualification */
  DemoQuota     drivers_lapsed; /* drivers whose qualification was not renewed */
} DemoLoad;

/* The password hashes (yescrypt, tens of milliseconds each) are made on
 * two worker threads (demo_hash_passwords) while the data is generated:
 * every other user. */
typedef struct
{
  GPtrArray *users;
  guint      first;
} DemoHashJob;

/* who may apply for an item (zc-demo-cases.c) */
typedef gboolean (*DemoFilter) (DemoLoad *self, DemoApplicant *a);

/* zc-demo-util.c */

const char *
demo_keep (DemoLoad *self,
           char     *str);

int
demo_rnd (GRand *r,
          int    lo,
          int    hi);

gboolean
demo_quota_take (DemoQuota *q);

gboolean
demo_spread_take (guint i,
                  guint k,
                  guint n);

gboolean
demo_chance (GRand  *r,
             double  p);

const char *
demo_pick (GRand         *r,
           const StrList *list);

const char *
demo_pick_array (GRand              *r,
                 const char * const *array,
                 gsize               n);

const char *
demo_iso (DemoLoad    *self,
          const GDate *date);

void
demo_days_from_today (DemoLoad *self,
                      GDate    *out,
                      int       days);

void
demo_set_date (GDate *out,
               int    year,
               int    month,
               int    day);

int
demo_age_on (const DemoApplicant *p,
             const GDate         *date);

void
demo_birthday_at (const DemoApplicant *p,
                  int                  age,
                  GDate               *out);

void
demo_date_between (GRand       *r,
                   const GDate *from,
                   const GDate *to,
                   GDate       *out);

gboolean
demo_date_is_before (const GDate *a,
                     const GDate *b);

gboolean
demo_invalid_data (GError    **error,
                   const char *file,
                   const char *what);

const char *
demo_member_string (JsonObject *obj,
                    const char *member);

JsonObject *
demo_member_object (JsonObject *obj,
                    const char *member);

JsonArray *
demo_member_array (JsonObject *obj,
                   const char *member);

gboolean
demo_member_bool (JsonObject *obj,
                  const char *member);

gint64
demo_member_int (JsonObject *obj,
                 const char *member,
                 gint64      fallback);

gboolean
demo_strv_array_contains (JsonArray  *array,
                          const char *str);

void
demo_sh_date_of (gint64  t,
                 GDate  *out);

gint64
demo_sh_midnight (const GDate *date);

char *
demo_format_time (gint64 t);

void
demo_random_times (GRand  *r,
                   gint64  lo,
                   gint64  hi,
                   guint   n,
                   gint64 *out);

/* zc-demo-people.c */

gboolean
demo_load_names (DemoLoad  *self,
                 GError   **error);

void
demo_applicant_free (gpointer data);

void
demo_add_party (DemoApplicant *a,
                const char    *role,
                DemoApplicant *party);

DemoApplicant *
demo_find_party (DemoApplicant *a,
                 const char    *role);

const char *
demo_make_shop_address (DemoLoad           *self,
                        GRand              *r,
                        const DemoDistrict *d);

const char *
demo_company_name (DemoLoad           *self,
                   DemoBiz             biz,
                   const DemoDistrict *d);

int
demo_enrolment_year (const GDate *date);

const char *
demo_entry_stage (const DemoApplicant *child,
                  int                  year);

void
demo_generate_people (DemoLoad *self);

/* zc-demo-licences.c */

DemoLicence *
demo_add_licence (DemoLoad      *self,
                  DemoApplicant *holder,
                  const char    *type,
                  const char    *number,
                  const char    *issuer,
                  const GDate   *issued_on,
                  const GDate   *valid_until,
                  JsonObject    *fields);   /* (transfer full) */

const char *
demo_unique_number_from (DemoLoad   *self,
                         GRand      *r,
                         const char *type,
                         char       *(*make) (GRand *r, gpointer data),
                         gpointer    data);

gboolean
demo_generate_licences (DemoLoad  *self,
                        GError   **error);

/* zc-demo-records.c */

void
demo_source_licences (DemoLoad *self);

void
demo_registry_licences (DemoLoad *self);

/* zc-demo-cases.c */

gboolean
demo_load_catalogue (DemoLoad  *self,
                     GError   **error);

void
demo_case_free (gpointer data);

void
demo_event_free (gpointer data);

gboolean
demo_is_working_age (DemoLoad      *self,
                     DemoApplicant *a);

DemoApplicant *
demo_pick_filtered (DemoLoad   *self,
                    DemoFilter  filter);

void
demo_generate_cases (DemoLoad *self);

/* zc-demo-forms.c */

DemoLicence *
demo_best_licence (DemoApplicant *holder,
                   const char    *type,
                   const GDate   *date);

void
demo_fill_form (DemoLoad *self,
                DemoCase *c,
                double    completeness);

/* zc-demo-users.c */

void
demo_user_free (gpointer data);

gpointer
demo_hash_passwords (gpointer data);

void
demo_generate_users (DemoLoad *self);

/* zc-demo-write.c */

gboolean
demo_write_catalogue (DemoLoad  *self,
                      GError   **error);

gboolean
demo_write_users (DemoLoad  *self,
                  GError   **error);

gboolean
demo_write_applicants (DemoLoad  *self,
                       GError   **error);

gboolean
demo_write_cases (DemoLoad  *self,
                  GError   **error);

gboolean
demo_write_events (DemoLoad  *self,
                   GError   **error);

G_END_DECLS
