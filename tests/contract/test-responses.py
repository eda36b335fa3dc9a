#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Replays ordinary read traffic against a zc-platform with the demo data and
# validates every answer against data/platform-api.yaml with a real JSON
# Schema validator (python3-jsonschema; the OpenAPI 3.0 schemas converted in
# zccontract.py):
#   - GET /applicants/{key} and GET /licences?holder= for every holder, one
#     line per licence type; GET /licences/{number} (and its photo) for
#     licences of every type, valid, expired, revoked and unlimited;
#   - GET /catalogue/items and GET /catalogue/items/{code} for every item;
#   - GET /cases?state= for every case state, every page; GET /cases/{id}
#     and what hangs off it for one case per state; GET /public/progress;
#   - GET /tasks?state= for every task state (supervisor, department);
#   - every other GET operation of the contract once.
# Prints TAP.
#
# usage: test-responses.py platform-api.yaml
# env:   ZC_PLATFORM_PATH (zc-platform), ZC_DATA_DIR (its data folder)

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import urllib.parse

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zccontract import (PASSWORD, Platform, bail, check_response, error_shape,  # noqa: E402
                        finish, login, ok, operations, resolve)

PAGE = 200   # the contract's Limit maximum


def rows(db, sql, args=()):
    conn = sqlite3.connect('file:%s?mode=ro' % db, uri=True, timeout=10)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


class Replay:
    """GETs as some user; every answer checked against its operation."""

    def __init__(self, spec, platform):
        self.spec = spec
        self.platform = platform
        self.ops = {(m, p): op for p, m, op in operations(spec)}
        self.requests = 0

    def get(self, template, path, token, query=None):
        """(status, parsed JSON body or None, problems) of GET @path, an
        instance of the contract's @template."""
        op = self.ops[('get', template)]
        if query:
            path += '?' + urllib.parse.urlencode(query)
        status, ctype, raw = self.platform.request('get', path, token)
        self.requests += 1
        where = 'GET %s' % path
        if status is None:
            return None, None, ['%s: no answer: %s' % (where, raw.decode('utf-8', 'replace'))]
        problems = []
        later = op.get('x-implemented', True) is False
        if not (200 <= status < 300 or (later and status == 501)):
            problems.append('status %d' % status)
        shape = error_shape(status, ctype, raw)
        if shape:
            problems.append(shape)
        problems += check_response(self.spec, op, status, ctype, raw)
        doc = None
        if ctype.split(';')[0].strip() == 'application/json':
            try:
                doc = json.loads(raw.decode('utf-8'))
            except (UnicodeDecodeError, ValueError):
                pass
        if problems:
            problems = ['%s → %d: %s' % (where, status, p) for p in problems]
        return status, doc, problems


def report(name, problems, count):
    ok(not problems and count > 0, '%s (%d requests)' % (name, count),
       '\n'.join(problems[:15] + (['… %d more' % (len(problems) - 15)] if len(problems) > 15 else [])))


def pages(replay, template, path, token, query, member):
    """Every page of a list; (entries, problems, requests)."""
    entries, problems, n = [], [], 0
    offset = 0
    while True:
        q = dict(query, offset=offset, limit=PAGE)
        status, doc, p = replay.get(template, path, token, q)
        n += 1
        problems += p
        got = doc.get(member) if isinstance(doc, dict) else None
        if status != 200 or not isinstance(got, list):
            break
        entries += got
        total = doc.get('total')
        offset += len(got)
        if not got or not isinstance(total, int) or offset >= total or n > 100:
            break
    return entries, problems, n


def replay_licences(replay, db, token):
    by_type = {}
    for ltype, holder in rows(db, 'SELECT DISTINCT type, holder FROM licences ORDER BY type, holder'):
        by_type.setdefault(ltype, []).append(holder)
    ok(len(by_type) > 0, 'the demo holds licences (%d types)' % len(by_type))

    answers = {}   # holder → problems of its two requests

    def holder_problems(holder):
        if holder not in answers:
            key = urllib.parse.quote(holder, safe='')
            _, doc, p1 = replay.get('/applicants/{key}', '/applicants/%s' % key, token)
            _, doc2, p2 = replay.get('/licences', '/licences', token, {'holder': holder})
            answers[holder] = p1 + p2
        return answers[holder]

    for ltype in sorted(by_type):
        holders = by_type[ltype]
        problems = []
        for holder in holders:
            problems += holder_problems(holder)
        report('GET /applicants/{key} and GET /licences?holder= for the %d holders of %s'
               % (len(holders), ltype), problems, 2 * len(holders))

    # applicants without any licence
    bare = [r[0] for r in rows(db, 'SELECT key FROM applicants WHERE key NOT IN '
                                   '(SELECT holder FROM licences) ORDER BY key LIMIT 20')]
    if bare:
        problems = []
        for holder in bare:
            problems += holder_problems(holder)
        report('GET /applicants/{key} and GET /licences?holder= for applicants without licences',
               problems, 2 * len(bare))

    # single licences: per type, the first, the first to expire, a revoked
    # and an unlimited one
    for ltype in sorted(by_type):
        picks = rows(db, "SELECT number, holder FROM licences WHERE type = ? AND rowid IN ("
                         "  SELECT MIN(rowid) FROM licences WHERE type = ?1"
                         "  UNION SELECT MIN(rowid) FROM licences WHERE type = ?1 AND revoked"
                         "  UNION SELECT MIN(rowid) FROM licences WHERE type = ?1 AND valid_until IS NULL"
                         "  UNION SELECT MIN(rowid) FROM licences WHERE type = ?1 AND valid_until ="
                         "    (SELECT MIN(valid_until) FROM licences WHERE type = ?1))",
                     (ltype,))
        problems = []
        for number, holder in picks:
            path = '/licences/%s' % urllib.parse.quote(number, safe='')
            problems += replay.get('/licences/{number}', path, token, {'holder': holder})[2]
        report('GET /licences/{number} for %d licences of %s' % (len(picks), ltype),
               problems, len(picks))

    photo = rows(db, "SELECT number, holder FROM licences WHERE photo IS NOT NULL ORDER BY rowid LIMIT 1")
    if photo:
        number, holder = photo[0]
        path = '/licences/%s/photo' % urllib.parse.quote(number, safe='')
        report('GET /licences/{number}/photo',
               replay.get('/licences/{number}/photo', path, token, {'holder': holder})[2], 1)

    entries, problems, n = [], [], 0
    for kind in ('person', 'enterprise'):
        e, p, k = pages(replay, '/applicants', '/applicants', token, {'kind': kind}, 'applicants')
        entries, problems, n = entries + e, problems + p, n + k
    report('GET /applicants?kind= for persons and enterprises, every page (%d applicants)'
           % len(entries), problems, n)


def replay_catalogue(replay, db, token):
    _, doc, problems = replay.get('/catalogue/items', '/catalogue/items', token)
    report('GET /catalogue/items', problems, 1)
    codes = [r[0] for r in rows(db, 'SELECT code FROM catalogue_items ORDER BY position')]
    for code in codes:
        path = '/catalogue/items/%s' % urllib.parse.quote(code, safe='')
        report('GET /catalogue/items/%s' % code,
               replay.get('/catalogue/items/{code}', path, token)[2], 1)


def replay_cases(replay, db, spec, token):
    states = resolve(spec, {'$ref': '#/components/schemas/CaseState'})['enum']
    for state in states:
        entries, problems, n = pages(replay, '/cases', '/cases', token, {'state': state}, 'cases')
        report('GET /cases?state=%s, every page (%d cases)' % (state, len(entries)), problems, n)
    entries, problems, n = pages(replay, '/cases', '/cases', token, {}, 'cases')
    report('GET /cases, every page (%d cases)' % len(entries), problems, n)

    per_state = rows(db, 'SELECT state, MIN(id) FROM cases GROUP BY state ORDER BY state')
    ok(len(per_state) > 0, 'the demo has cases in %d states' % len(per_state))
    for state, case_id in per_state:
        problems, n = [], 0
        for template in ('/cases/{id}', '/cases/{id}/events', '/cases/{id}/progress',
                         '/cases/{id}/materials', '/cases/{id}/documents'):
            problems += replay.get(template, template.replace('{id}', str(case_id)), token)[2]
            n += 1
        number, applicant = rows(db, 'SELECT number, applicant FROM cases WHERE id = ?', (case_id,))[0]
        if number:
            problems += replay.get('/public/progress', '/public/progress', None,
                                   {'number': number, 'applicant': applicant})[2]
            n += 1
        report('GET /cases/{id} and its events, progress, materials, documents%s for a %s case'
               % (', public progress' if number else '', state), problems, n)


def replay_tasks(replay, db, spec, tokens, department):
    states = resolve(spec, {'$ref': '#/components/schemas/TaskState'})['enum']
    for who in ('supervisor', 'department'):
        token = tokens.get(who)
        if token is None:
            continue
        problems, n, total = [], 0, 0
        for state in states:
            e, p, k = pages(replay, '/tasks', '/tasks', token, {'state': state}, 'tasks')
            problems, n, total = problems + p, n + k, total + len(e)
        report('GET /tasks?state= for every task state as %s, every page (%d tasks)' % (who, total),
               problems, n)
    token = tokens.get('department')
    if token is not None and department is not None:
        picks = rows(db, 'SELECT state, MIN(case_id) FROM tasks WHERE department = ? '
                         'GROUP BY state ORDER BY state', (department,))
        problems = []
        for _, case_id in picks:
            problems += replay.get('/cases/{id}', '/cases/%d' % case_id, token)[2]
        report('GET /cases/{id} as the department, one case per task state', problems, len(picks))


def replay_rest(replay, spec, tokens):
    """Every GET operation not yet replayed, once, as the first role it
    lists (supervisor first)."""
    done = {'/applicants/{key}', '/licences', '/licences/{number}', '/licences/{number}/photo',
            '/applicants', '/catalogue/items', '/catalogue/items/{code}', '/cases', '/cases/{id}',
            '/cases/{id}/events', '/cases/{id}/progress', '/cases/{id}/materials',
            '/cases/{id}/documents', '/public/progress', '/tasks', '/health',
            '/sessions/current', '/sessions/current/notifications'}
    for path, method, op in operations(spec):
        if method != 'get' or path in done:
            continue
        roles = op.get('x-roles', [])
        who = next((r for r in ('supervisor', 'clerk', 'helper', 'department') if r in roles), None)
        token = tokens.get(who) if who else None
        if roles and token is None:
            continue
        concrete = path.replace('{id}', '1').replace('{key}', '11010519491231002X') \
                       .replace('{doc}', '1')
        instances = [concrete]
        for p in op.get('parameters', []) + spec['paths'][path].get('parameters', []):
            p = resolve(spec, p)
            enum = resolve(spec, p.get('schema', {})).get('enum')
            if p.get('in') == 'path' and enum:
                instances = [i.replace('{%s}' % p['name'], v) for i in instances for v in enum]
        problems = []
        for i in instances:
            status, _, p = replay.get(path, i, token)
            if status is not None and status in (400, 404, 409) and \
                    op.get('x-implemented', True) is not False:
                p = []   # a made-up id may be unknown; the error body was checked above
            problems += p
        report('GET %s as %s' % (path, who or 'nobody'), problems, len(instances))


def main():
    if len(sys.argv) != 2:
        print('usage: test-responses.py platform-api.yaml', file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding='utf-8') as f:
        spec = yaml.safe_load(f)

    exe = os.environ.get('ZC_PLATFORM_PATH', '')
    if not exe or not os.access(exe, os.X_OK):
        ok(False, 'zc-platform is built (ZC_PLATFORM_PATH=%r)' % exe)
        return finish()

    tmp = tempfile.mkdtemp(prefix='zc-contract-')
    platform = None
    try:
        platform = Platform(exe, os.environ.get('ZC_DATA_DIR'), tmp)
        if not ok(platform.url is not None, 'zc-platform prints its URL on the first line of stdout',
                  'first line: %r' % platform.first_line):
            bail('zc-platform did not start')
            return 1
        db = platform.db
        dept = rows(db, "SELECT username, department FROM users WHERE role = 'department' "
                        "ORDER BY username LIMIT 1")
        usernames = {'supervisor': 'supervisor', 'clerk': 'clerk', 'helper': 'helper',
                     'department': dept[0][0] if dept else None}
        tokens = {}
        for role, user in usernames.items():
            if user is None:
                continue
            status, token, got, raw = login(platform, user)
            if ok(status == 201 and token and got == role, 'log in as %s' % role,
                  'status %r, body %r' % (status, raw[:300])):
                tokens[role] = token
        if 'supervisor' not in tokens:
            bail('no supervisor session')
            return 1

        replay = Replay(spec, platform)
        # a login's answer too (the walk's own logins are above)
        status, ctype, raw = platform.request('post', '/sessions',
                                              body={'username': 'clerk', 'password': PASSWORD})
        report('POST /sessions as clerk',
               ([] if status == 201 else ['status %r' % status]) +
               check_response(spec, replay.ops[('post', '/sessions')], status, ctype, raw), 1)
        report('GET /health', replay.get('/health', '/health', None)[2], 1)
        replay_catalogue(replay, db, tokens['supervisor'])
        replay_licences(replay, db, tokens['supervisor'])
        replay_cases(replay, db, spec, tokens['supervisor'])
        replay_tasks(replay, db, spec, tokens, dept[0][1] if dept else None)
        replay_rest(replay, spec, tokens)
        for role, token in sorted(tokens.items()):
            report('GET /sessions/current and its notifications as %s' % role,
                   replay.get('/sessions/current', '/sessions/current', token)[2] +
                   replay.get('/sessions/current/notifications', '/sessions/current/notifications',
                              token)[2], 2)
        print('# %d requests replayed' % replay.requests)
    finally:
        if platform is not None:
            platform.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
