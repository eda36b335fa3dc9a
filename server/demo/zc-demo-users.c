/* zc-demo-users.c — the demo's users: clerks, helper, supervisor and one user per department (password demo1234)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"

#include "zc-server-auth.h"

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
  return demo_keep (self, username);
}

void
demo_user_free (gpointer data)
{
  DemoUser *u = data;

  g_free (u->password_hash);
  g_free (u);
}

gpointer
demo_hash_passwords (gpointer data)
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

void
demo_generate_users (DemoLoad *self)
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
      JsonArray *matters = demo_member_array (g_ptr_array_index (self->items, i), "matters");

      for (guint k = 0; k < json_array_get_length (matters); k++)
        {
          const char *dept = demo_member_string (json_array_get_object_element (matters, k), "department");
          const char *username;

          if (g_hash_table_contains (self->dept_users, dept))
            continue;
          username = department_username (self, dept, &n_unknown);
          g_hash_table_insert (self->dept_users, (gpointer) dept, (gpointer) username);
          add_user (self, username, "department",
                    demo_keep (self, g_strconcat (dept, "审批员", NULL)), NULL, dept);
        }
    }
}
