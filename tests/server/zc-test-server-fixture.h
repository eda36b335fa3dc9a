/* zc-test-server-fixture.h — a small database made by SQL for the
 * zc-platform tests (independent of the demo loader).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "zc-server-api.h"
#include "zc-server-auth.h"
#include "zc-server-db.h"

#define PERSON_KEY      "11010519491231002X"
#define SPOUSE_KEY      "340102198001011231"
#define OTHER_KEY       "340102198202021241"   /* valid, not in the register */
#define ENTERPRISE_KEY  "91350100M000100Y43"
#define ITEM_CODE       "kbcyd"
#define PASSWORD        "demo1234"

static const char test_item_json[] =
  "{\"code\":\"kbcyd\",\"name\":\"开办餐饮店\",\"initials\":\"kbcyd\",\"subject\":\"person\","
  "\"lead_department\":\"市场监管局\",\"matters\":["
  "{\"code\":\"m1\",\"name\":\"设立登记\",\"department\":\"市场监管局\",\"time_limit_days\":3,\"optional\":false},"
  "{\"code\":\"m2\",\"name\":\"食品经营许可\",\"department\":\"市场监管局\",\"time_limit_days\":10,\"optional\":false},"
  "{\"code\":\"m3\",\"name\":\"消防安全检查\",\"department\":\"消防救援\",\"time_limit_days\":7,\"optional\":true}],"
  "\"fields\":[],\"materials\":["
  "{\"code\":\"id_copy\",\"name\":\"身份证复印件\",\"party\":\"applicant\",\"matters\":[\"m1\",\"m2\"],"
  "\"tolerable\":false,\"commitment_allowed\":false},"
  "{\"code\":\"lease\",\"name\":\"租赁合同\",\"party\":\"applicant\",\"matters\":[\"m2\"],"
  "\"tolerable\":true,\"commitment_allowed\":false},"
  "{\"code\":\"fire_plan\",\"name\":\"消防平面图\",\"party\":\"applicant\",\"matters\":[\"m3\"],"
  "\"tolerable\":false,\"commitment_allowed\":false}]}";

static inline void
zc_test_exec (ZcServerDb *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;

  zc_server_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

static inline void
zc_test_add_user (ZcServerDb *db,
                  const char *hash,
                  const char *username,
                  const char *role,
                  const char *window,
                  const char *department)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (db,
    "INSERT INTO users (username, password_hash, role, display_name, window, department) "
    "VALUES (?1, ?2, ?3, ?1, ?4, ?5)", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_TRANSIENT);
  if (window)
    sqlite3_bind_text (stmt, 4, window, -1, SQLITE_TRANSIENT);
  if (department)
    sqlite3_bind_text (stmt, 5, department, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static inline void
zc_test_populate (ZcServerDb *db)
{
  static char *hash = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };

  if (hash == NULL)
    hash = zc_server_hash_password (PASSWORD);
  g_assert_nonnull (hash);

  zc_test_add_user (db, hash, "clerk", "clerk", "1号窗口", NULL);
  zc_test_add_user (db, hash, "clerk2", "clerk", "2号窗口", NULL);
  zc_test_add_user (db, hash, "helper", "helper", "1号窗口", NULL);
  zc_test_add_user (db, hash, "supervisor", "supervisor", "值班长", NULL);
  zc_test_add_user (db, hash, "scjg", "department", NULL, "市场监管局");
  zc_test_add_user (db, hash, "xf", "department", NULL, "消防救援");

  stmt = zc_server_db_prepare (db, "INSERT INTO catalogue_items (code, position, json) VALUES ('kbcyd', 1, ?1)", NULL);
  sqlite3_bind_text (stmt, 1, test_item_json, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);

  zc_test_exec (db,
    "INSERT INTO applicants (key, kind, name, phone, address) VALUES "
    " ('" PERSON_KEY "', 'person', '张三', '13800000000', '合肥市蜀山区某路1号'),"
    " ('" SPOUSE_KEY "', 'person', '李四', NULL, NULL),"
    " ('" ENTERPRISE_KEY "', 'enterprise', '合肥某某餐饮有限公司', NULL, '合肥市包河区');"
    "INSERT INTO parties (applicant, role, party_key) VALUES ('" PERSON_KEY "', 'spouse', '" SPOUSE_KEY "');"
    "INSERT INTO licences (type, number, holder, holder_name, issuer, issued_on, valid_until, fields) VALUES "
    " ('business_licence', '" ENTERPRISE_KEY "', '" ENTERPRISE_KEY "', '合肥某某餐饮有限公司', '合肥市市场监督管理局',"
    "  '2024-01-02', NULL, '{\"legal_representative\":\"张三\"}'),"
    " ('real_estate_certificate', '皖(2024)合肥市不动产权第0012345号', '" PERSON_KEY "', '张三', '合肥市自然资源和规划局',"
    "  '2024-03-04', NULL, '{\"area\":\"86.50\"}');");

  stmt = zc_server_db_prepare (db,
    "INSERT INTO licences (type, number, holder, holder_name, issuer, issued_on, valid_until, fields, photo) "
    "VALUES ('id_card', '" PERSON_KEY "', '" PERSON_KEY "', '张三', '北京市公安局朝阳分局', '2015-05-06', "
    "'2035-05-06', '{\"name\":\"张三\",\"sex\":\"女\"}', ?1)", NULL);
  sqlite3_bind_blob (stmt, 1, png, sizeof png, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static inline int
zc_test_count (ZcServerDb *db,
               const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}
