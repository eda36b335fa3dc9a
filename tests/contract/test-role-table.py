#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Walks the role × endpoint table of data/platform-api.yaml against a
# running zc-platform with the demo data:
#   - the contract is consistent (x-roles, the markdown table in
#     info.description, security, 401/403/501 responses declared);
#   - every operation refuses every role its x-roles does not list (403
#     forbidden), refuses no token and a bogus token (401 unauthorized)
#     unless public, and answers every listed role (not 401/403, the route
#     is known: not 404/405, no 5xx but 501 for x-implemented: false);
#   - methods and paths the contract does not list are unknown (404/405);
#   - every error body is {"error":{"code","message"}}, every answer
#     matches its schema (python3-jsonschema, see zccontract.py).
# Prints TAP.
#
# usage: test-role-table.py platform-api.yaml
# env:   ZC_PLATFORM_PATH (zc-platform), ZC_DATA_DIR (its data folder)

import json
import sqlite3
import os
import re
import shutil
import sys
import tempfile
import urllib.parse
import uuid

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zccontract import (METHODS, PASSWORD, ROLES, Platform, bail, check_response,  # noqa: E402
                        error_code, error_shape, finish, login, ok, operations, params_of,
                        query_one, resolve, skip, validate)


def check_contract(spec):
    """Consistency of the contract itself (no server needed)."""
    ids = set()
    table = {}
    desc = spec.get('info', {}).get('description', '')
    for line in desc.splitlines():
        m = re.match(r'\|\s*(GET|POST|PUT|DELETE|PATCH)\s*\|\s*(\S+)\s*\|(.*)\|\s*$', line)
        if m:
            cells = [c.strip() for c in m.group(3).split('|')]
            table[(m.group(1).lower(), m.group(2))] = cells

    for path, method, op in operations(spec):
        name = '%s %s' % (method.upper(), path)
        problems = []
        opid = op.get('operationId')
        if not opid:
            problems.append('no operationId')
        elif opid in ids:
            problems.append('duplicate operationId ' + opid)
        ids.add(opid)
        roles = op.get('x-roles')
        if not isinstance(roles, list) or any(r not in ROLES for r in roles):
            problems.append('x-roles must be a list of %s, is %r' % (ROLES, roles))
            roles = []
        elif len(set(roles)) != len(roles):
            problems.append('x-roles lists a role twice')
        public = roles == []
        if public != (op.get('security') == []):
            problems.append('public (x-roles: []) must go with security: [] and only then')
        codes = set(str(c) for c in op.get('responses', {}))
        if not public and '401' not in codes:
            problems.append('no 401 response')
        if not public and len(roles) < len(ROLES) and '403' not in codes:
            problems.append('no 403 response although some roles are refused')
        implemented = op.get('x-implemented', True)
        if implemented not in (True, False):
            problems.append('x-implemented must be a boolean')
        if implemented is False and '501' not in codes:
            problems.append('x-implemented: false without a 501 response')
        row = table.get((method, path))
        if row is None:
            problems.append('missing from the role table in info.description')
        else:
            want = ['public' if public else ('✓' if r in roles else '—') for r in ROLES]
            want.append('yes' if implemented is not False else 'later')
            if row != want:
                problems.append('role table row %s, x-roles says %s' % (row, want))
        ok(not problems, 'contract: %s (%s) is consistent' % (name, opid), '\n'.join(problems))

    listed = set((m, p) for p, m, _ in operations(spec))
    extra = sorted(set(table) - listed)
    ok(not extra, 'contract: the role table lists no operation the paths lack', extra)

    # the contract's own examples pass the validator the walk uses
    bad = []
    for path, method, op in operations(spec):
        media = []
        rb = resolve(spec, op.get('requestBody', {}))
        media += list(rb.get('content', {}).values())
        for resp in op.get('responses', {}).values():
            media += list(resolve(spec, resp).get('content', {}).values())
        for m in media:
            if 'example' in m:
                bad += ['%s %s: %s' % (method.upper(), path, e)
                        for e in validate(spec, m.get('schema', {}), m['example'])]
    for name, resp in spec['components'].get('responses', {}).items():
        for m in resp.get('content', {}).values():
            if 'example' in m:
                bad += ['%s: %s' % (name, e) for e in validate(spec, m.get('schema', {}), m['example'])]
    ok(not bad, 'contract: every example matches its schema', '\n'.join(bad))
    wrong = validate(spec, {'$ref': '#/components/schemas/Case'}, {'id': 'x', 'state': 'lost'})
    ok(len(wrong) >= 3, 'contract: the validator refuses a wrong case', wrong)

    creates = spec['paths'].get('/cases', {}).get('post')
    has_key = creates is not None and any(
        p.get('in') == 'header' and p.get('name', '').lower() == 'idempotency-key'
        for p in params_of(spec, spec['paths']['/cases'], creates))
    ok(has_key, 'contract: POST /cases takes an Idempotency-Key header')


def check_server_table(spec, source):
    """zc-platform's route table (IMPL/LATER lines of zc-server-router.c)
    is the contract's: same routes, roles and implemented flags. A table
    that cannot be found is a failure, never a skip: the check must not
    go quiet when the file moves."""
    try:
        with open(source, encoding='utf-8') as f:
            text = f.read()
    except OSError:
        ok(False, 'zc-platform route table matches the contract', 'no %s' % source)
        return
    letters = {'C': 'clerk', 'H': 'helper', 'S': 'supervisor', 'D': 'department'}
    server = {}
    for m in re.finditer(r'\b(IMPL|LATER)\s*\(\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*([^,)]+)', text):
        kind, method, path, roles = m.groups()
        roles = roles.strip()
        names = [] if roles == '0' else sorted(letters.get(r.strip(), '?' + r.strip())
                                               for r in roles.split('|'))
        server[(method.lower(), path)] = (names, kind == 'IMPL')
    if not server:
        ok(False, 'zc-platform route table matches the contract', 'no IMPL/LATER table found')
        return
    contract = {}
    for path, method, op in operations(spec):
        contract[(method, path)] = (sorted(op.get('x-roles', [])),
                                    op.get('x-implemented', True) is not False)
    missing = sorted('%s %s' % (m.upper(), p) for m, p in set(contract) - set(server))
    extra = sorted('%s %s' % (m.upper(), p) for m, p in set(server) - set(contract))
    ok(not missing, "every contract operation is in zc-platform's route table", missing)
    ok(not extra, 'zc-platform serves no route the contract lacks', extra)
    diff = ['%s %s: server %s, contract %s' % (m.upper(), p, server[(m, p)], contract[(m, p)])
            for m, p in sorted(set(server) & set(contract)) if server[(m, p)] != contract[(m, p)]]
    ok(not diff, "zc-platform's roles and implemented flags are the contract's", '\n'.join(diff))


def check_client(spec, source):
    """Every request libzc-platform's client makes (method and path, from
    send_request / start_request / g_strdup_printf in zc-client.c) is a
    contract operation."""
    try:
        with open(source, encoding='utf-8') as f:
            text = f.read()
    except OSError:
        skip('libzc-platform requests only contract operations', 'no %s' % source)
        return
    calls = []
    for m in re.finditer(r'(?:send|start)_request\s*\([^,]+,[^,]+,\s*SOUP_METHOD_(\w+)\s*,\s*"(/[^"]*)"', text):
        calls.append((m.group(1).lower(), m.group(2)))
    for m in re.finditer(r'g_strdup_printf\s*\(((?:\s*(?:"[^"]*"|[A-Z_][A-Z0-9_]*))+)\s*[,)]', text):
        fmt = ''.join(re.findall(r'"([^"]*)"', m.group(1)))
        if not fmt.startswith('/'):
            continue
        path = re.sub(r'%[a-z]*', '{x}', fmt)
        after = re.search(r'(?:send|start)_request\s*\([^,]+,[^,]+,\s*SOUP_METHOD_(\w+)', text[m.end():])
        calls.append((after.group(1).lower() if after else '?', path))
    if not calls:
        skip('libzc-platform requests only contract operations', 'no requests found')
        return
    templates = [(m, p.strip('/').split('/')) for p, m, _ in operations(spec)]

    def known(method, path):
        segs = path.split('?')[0].strip('/').split('/')
        for m, t in templates:
            if m == method and len(t) == len(segs) and all(
                    a == b or (a.startswith('{') and b.startswith('{')) for a, b in zip(t, segs)):
                return True
        return False
    unknown = sorted(set('%s %s' % (m.upper(), p) for m, p in calls if not known(m, p)))
    ok(not unknown, 'libzc-platform requests only contract operations (%d found)' % len(calls),
       '\n'.join(unknown))


# ----------------------------------------------------------- the fixtures


class Fixtures:
    """Plausible values, per role, that exist in the demo database."""

    def __init__(self, db):
        self.db = db
        q = lambda sql, args=(): query_one(db, sql, args)
        self.dept_user = q("SELECT username FROM users WHERE role = 'department' ORDER BY username LIMIT 1")
        self.department = q("SELECT department FROM users WHERE username = ?", (self.dept_user,)) \
            if self.dept_user else None
        self.item = q("SELECT code FROM catalogue_items ORDER BY position LIMIT 1") or 'open_restaurant'
        item_json = q("SELECT json FROM catalogue_items WHERE code = ?", (self.item,))
        self.material = 'm1'
        try:
            mats = json.loads(item_json)['materials'] if item_json else []
            if mats:
                self.material = mats[0]['code']
        except (ValueError, KeyError, TypeError):
            pass
        self.person = q("SELECT holder FROM licences WHERE type = 'id_card' AND photo IS NOT NULL "
                        "ORDER BY holder LIMIT 1") or \
            q("SELECT key FROM applicants WHERE kind = 'person' ORDER BY key LIMIT 1") or \
            '11010519491231002X'
        self.id_card = q("SELECT number FROM licences WHERE type = 'id_card' AND holder = ? LIMIT 1",
                         (self.person,)) or self.person
        self.case_number = q("SELECT number FROM cases WHERE number IS NOT NULL ORDER BY id LIMIT 1") \
            or 'ZC-20261127-000001'
        # its applicant: GET /public/progress answers 404 unless both match
        self.case_applicant = q("SELECT applicant FROM cases WHERE number = ?", (self.case_number,))
        self.any_case = q("SELECT id FROM cases ORDER BY id LIMIT 1") or 1
        self.cases = {}
        for role in ('clerk', 'helper'):
            self.cases[role] = q("SELECT c.id FROM cases c JOIN users u ON u.window = c.window "
                                 "WHERE u.username = ? ORDER BY c.id LIMIT 1", (role,)) or self.any_case
        self.cases['supervisor'] = self.any_case
        self.documents = {}   # role → (case id, document id), see add_documents
        self.cases['department'] = q("SELECT case_id FROM tasks WHERE department = ? ORDER BY id LIMIT 1",
                                     (self.department,)) or self.any_case
        # a 告知承诺 of the department's matters to verify (the demo has
        # none yet: one is recorded on a case of the department, by SQL)
        self.commitment = q("SELECT k.id FROM commitments k WHERE k.kind = 'commitment' "
                            "AND k.state IN ('open', 'overdue') AND EXISTS (SELECT 1 FROM "
                            "json_each (k.departments) WHERE value = ?) ORDER BY k.id LIMIT 1",
                            (self.department,))
        if self.commitment is None and self.department is not None:
            try:
                conn = sqlite3.connect(db, timeout=10)
                with conn:
                    cur = conn.execute(
                        "INSERT INTO commitments (case_id, kind, materials, departments, state, "
                        "signature, created_at, created_by, updated_at) VALUES (?1, 'commitment', "
                        "'[\"m1\"]', json_array (?2), 'open', json_object ('signer', (SELECT applicant FROM "
                        "cases WHERE id = ?1), 'signed_at', '2026-01-05T00:00:00Z', 'method', 'signature_pad'), "
                        "'2026-01-05T00:00:00Z', 'clerk', '2026-01-05T00:00:00Z')",
                        (self.cases['department'], self.department))
                    self.commitment = cur.lastrowid
                conn.close()
            except sqlite3.Error as e:
                print('# sqlite: %s' % e)
        self.commitment = self.commitment or 1
        # a pending task: pending → result_issued is refused (409), no side effect
        self.task = q("SELECT id FROM tasks WHERE department = ? AND state = 'pending' ORDER BY id LIMIT 1",
                      (self.department,)) or \
            q("SELECT id FROM tasks WHERE department = ? ORDER BY id LIMIT 1", (self.department,)) or 1

    def path_value(self, spec, path, name, param, role):
        prefix = path.split('/{')[0]
        if name == 'id':
            if path.startswith('/cases/{id}/documents/{doc}') and role in self.documents:
                return str(self.documents[role][0])
            if prefix.startswith('/cases'):
                return str(self.cases.get(role, self.any_case))
            if prefix.startswith('/tasks'):
                return str(self.task)
            if prefix.startswith('/video-sessions'):
                # a session of the role's own window (made in walk)
                return str(self.videos.get(role, self.videos.get('clerk', 1)))
            if prefix.startswith('/commitments'):
                return str(self.commitment)
            return '1'
        if name == 'code':
            return self.material if '/materials/' in path else self.item
        if name == 'key':
            return self.person
        if name == 'number':
            return self.id_card
        if name == 'username':
            return 'clerk'
        if name == 'doc':
            return str(self.documents[role][1]) if role in self.documents else '1'
        schema = resolve(spec, param.get('schema', {}))
        if 'enum' in schema:
            return str(schema['enum'][0])
        if schema.get('type') == 'integer':
            return '1'
        return 'x'

    def query_value(self, spec, name, param):
        known = {'holder': self.person, 'applicant': self.case_applicant or self.person,
                 'number': self.case_number,
                 'material': self.material}
        if name in known:
            return known[name]
        schema = resolve(spec, param.get('schema', {}))
        if 'enum' in schema:
            return str(schema['enum'][0])
        if schema.get('type') == 'integer':
            return '1'
        return 'x'


def sample(spec, schema, depth=0):
    """A minimal instance of @schema: required members only."""
    schema = resolve(spec, schema or {})
    if depth > 6:
        return None
    if 'example' in schema and depth > 0:
        return schema['example']
    if 'enum' in schema:
        return schema['enum'][0]
    for key in ('allOf',):
        if key in schema:
            out = {}
            for sub in schema[key]:
                v = sample(spec, sub, depth + 1)
                if isinstance(v, dict):
                    out.update(v)
            return out
    for key in ('oneOf', 'anyOf'):
        if key in schema:
            return sample(spec, schema[key][0], depth + 1)
    t = schema.get('type', 'object')
    if t == 'object':
        props = schema.get('properties', {})
        return {k: sample(spec, props.get(k, {}), depth + 1) for k in schema.get('required', [])}
    if t == 'array':
        n = schema.get('minItems', 0)
        return [sample(spec, schema.get('items', {}), depth + 1) for _ in range(n)]
    if t == 'integer':
        return max(1, schema.get('minimum', 1))
    if t == 'number':
        return 1
    if t == 'boolean':
        return False
    if schema.get('format') == 'date':
        return '2026-12-31'
    if schema.get('format') == 'date-time':
        return '2026-11-27T09:30:00Z'
    return 'x' * max(1, schema.get('minLength', 1))


def build_request(spec, fx, path, method, op, role):
    """(path with query, body, content type, headers) for one call as @role."""
    item = spec['paths'][path]
    params = params_of(spec, item, op)
    concrete = path
    query = []
    headers = {}
    for p in params:
        name = p['name']
        if p['in'] == 'path':
            value = fx.path_value(spec, path, name, p, role)
            concrete = concrete.replace('{%s}' % name, urllib.parse.quote(value, safe=''))
        elif p['in'] == 'query' and p.get('required'):
            query.append((name, fx.query_value(spec, name, p)))
        elif p['in'] == 'header' and name.lower() == 'idempotency-key':
            headers['Idempotency-Key'] = str(uuid.uuid4())
    if query:
        concrete += '?' + urllib.parse.urlencode(query)

    body = None
    ctype = 'application/json'
    rb = resolve(spec, op.get('requestBody')) if 'requestBody' in op else None
    opid = op.get('operationId')
    if opid == 'createSession':
        user = fx.dept_user if role == 'department' else (role if role in ROLES else 'clerk')
        body = {'username': user or 'clerk', 'password': PASSWORD}
    elif opid == 'createCase':
        body = {'item': fx.item, 'applicant': fx.person}
    elif opid == 'transitionCase':
        body = {'to': 'completed', 'reason': 'contract test'}   # platform-only move: 409
    elif opid == 'transitionTask':
        body = {'to': 'result_issued', 'reason': 'contract test'}
    elif opid == 'createEvaluation':
        body = {'case_number': fx.case_number, 'applicant': fx.person, 'level': 5}
    elif opid == 'createVideoSession':
        body = {'case_id': int(fx.cases.get(role, fx.any_case))}
    elif rb is not None:
        content = rb.get('content', {})
        if 'application/json' in content:
            body = sample(spec, content['application/json'].get('schema', {}))
        elif content:
            ctype = next(iter(content))
            body = b'%PDF-1.4\n%%EOF\n' if ctype == 'application/pdf' else b'\x89PNG\r\n\x1a\n'
    return concrete, body, ctype, headers


# --------------------------------------------------------------------- main


def main():
    if len(sys.argv) != 2:
        print('usage: test-role-table.py platform-api.yaml', file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding='utf-8') as f:
        spec = yaml.safe_load(f)

    check_contract(spec)
    check_server_table(spec, os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])),
                                          os.pardir, 'server', 'zc-server-router.c'))
    check_client(spec, os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])),
                                    os.pardir, 'src', 'platform', 'zc-client.c'))

    exe = os.environ.get('ZC_PLATFORM_PATH', '')
    if not exe or not os.access(exe, os.X_OK):
        ok(False, 'zc-platform is built (ZC_PLATFORM_PATH=%r)' % exe)
        finish()
        return 1

    tmp = tempfile.mkdtemp(prefix='zc-contract-')
    platform = None
    try:
        platform = Platform(exe, os.environ.get('ZC_DATA_DIR'), tmp)
        if not ok(platform.url is not None,
                  'zc-platform prints its URL on the first line of stdout',
                  'first line: %r, exit status: %r' % (platform.first_line, platform.proc.poll())):
            bail('zc-platform did not start')
            return 1
        walk(spec, platform)
    finally:
        if platform is not None:
            platform.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return finish()


def add_documents(platform, fx, tokens):
    """A PDF uploaded by the clerk and by the helper, each to a received
    case of their own window: GET /cases/{id}/documents/{doc} then names
    a document that exists (the supervisor reads the clerk's)."""
    for who in ('clerk', 'helper'):
        token = tokens.get(who)
        case = query_one(platform.db, "SELECT c.id FROM cases c JOIN users u ON u.window = c.window "
                                      "WHERE u.username = ? AND c.state = 'received' ORDER BY c.id LIMIT 1",
                         (who,))
        if token is None or case is None:
            continue
        status, _, raw = platform.request('get', '/cases/%s/materials' % case, token)
        try:
            material = json.loads(raw.decode('utf-8'))['materials'][0]['code']
        except (ValueError, KeyError, IndexError, TypeError):
            material = None
        status, _, raw = platform.request('post', '/cases/%s/documents?material=%s' % (case, material),
                                          token, b'%PDF-1.4\n%%EOF\n', 'application/pdf')
        if ok(status == 201, 'a document uploaded by the %s for GET /cases/{id}/documents/{doc}' % who,
              'status %r, body %r' % (status, raw[:300])):
            fx.documents[who] = (case, json.loads(raw.decode('utf-8'))['id'])
    if 'clerk' in fx.documents:
        fx.documents['supervisor'] = fx.documents['clerk']


def walk(spec, platform):
    fx = Fixtures(platform.db)
    ok(fx.dept_user is not None, 'the demo has a department user (users.role = department)')

    usernames = {'clerk': 'clerk', 'helper': 'helper', 'supervisor': 'supervisor',
                 'department': fx.dept_user}
    tokens = {}
    for role in ROLES:
        user = usernames[role]
        if user is None:
            skip('log in as %s' % role, 'no such demo user')
            continue
        status, token, got_role, raw = login(platform, user)
        if ok(status == 201 and token and got_role == role,
              'log in as %s (%s)' % (role, user if role != 'department' else 'department user'),
              'status %r, role %r, body %r' % (status, got_role, raw[:300])):
            tokens[role] = token
    add_documents(platform, fx, tokens)

    # a video session per window (clerk, helper; the supervisor reads the
    # clerk's), for the operations on /video-sessions/{id}
    fx.videos = {}
    for role in ('clerk', 'helper'):
        if role in tokens:
            status, _, raw = platform.request('post', '/video-sessions', tokens[role],
                                              json.dumps({'case_id': int(fx.cases[role])}).encode())
            if ok(status == 201, 'open a video session as %s' % role, 'status %r, %r' % (status, raw[:300])):
                fx.videos[role] = json.loads(raw)['id']

    def check(name, status, ctype, raw, want, code=None, op=None):
        problems = []
        if status is None:
            problems.append('no answer: %s' % raw.decode('utf-8', 'replace'))
        elif not want(status):
            problems.append('status %d' % status)
        else:
            shape = error_shape(status, ctype, raw)
            if shape:
                problems.append(shape)
            elif code is not None and error_code(raw) != code:
                problems.append('error code %r, want %r' % (error_code(raw), code))
            elif op is not None:
                problems += check_response(spec, op, status, ctype, raw)
        if problems and status is not None:
            problems.append('body: %s' % raw[:300].decode('utf-8', 'replace'))
        ok(not problems, name, '\n'.join(problems))

    ops = list(operations(spec))
    logout_ops = [o for o in ops if o[2].get('operationId') == 'deleteCurrentSession']

    for path, method, op in ops:
        label = '%s %s' % (method.upper(), path)
        roles = op.get('x-roles', [])
        public = roles == []
        later = op.get('x-implemented', True) is False

        # without a token / with a bogus token
        concrete, body, ctype, headers = build_request(spec, fx, path, method, op, None)
        status, rtype, raw = platform.request(method, concrete, None, body, ctype, headers)
        if public:
            check('%s without a token is answered (public, known route)' % label,
                  status, rtype, raw,
                  lambda s: s not in (401, 403, 404, 405) and (s < 500 or (later and s == 501)),
                  op=op)
        else:
            check('%s without a token → 401' % label, status, rtype, raw,
                  lambda s: s == 401, 'unauthorized', op)
            status, rtype, raw = platform.request(method, concrete, '0' * 64, body, ctype, headers)
            check('%s with an unknown token → 401' % label, status, rtype, raw,
                  lambda s: s == 401, 'unauthorized', op)

        for role in ROLES:
            if role not in tokens:
                skip('%s as %s' % (label, role), 'no session for %s' % role)
                continue
            token = tokens[role]
            if (path, method, op) in logout_ops:
                # log out a fresh session, never the one the walk uses
                _, token, _, _ = login(platform, usernames[role])
                if token is None:
                    ok(False, '%s as %s: a second login for it' % (label, role))
                    continue
            concrete, body, ctype, headers = build_request(spec, fx, path, method, op, role)
            status, rtype, raw = platform.request(method, concrete, token, body, ctype, headers)
            if public or role in roles:
                if later:
                    want = lambda s: s not in (401, 403, 404, 405) and (s < 500 or s == 501)
                    what = 'known, allowed (501 fine: x-implemented false)'
                else:
                    want = lambda s: s not in (401, 403, 404, 405) and s < 500
                    what = 'known, allowed, implemented'
                check('%s as %s → %s' % (label, role, what), status, rtype, raw, want, op=op)
                if (path, method, op) in logout_ops and status == 204:
                    s2, t2, r2 = platform.request('get', '/sessions/current', token)
                    check('after %s as %s the token is refused' % (label, role), s2, t2, r2,
                          lambda s: s == 401, 'unauthorized')
            else:
                check('%s as %s → 403' % (label, role), status, rtype, raw,
                      lambda s: s == 403, 'forbidden', op)

    # The other direction (approximate): what the contract does not list is
    # not served.
    probe_token = tokens.get('supervisor') or next(iter(tokens.values()), None)
    if probe_token is None:
        skip('unlisted routes are unknown', 'no session')
        return
    for path, item in spec['paths'].items():
        listed = [m for m in METHODS if m in item]
        for method in METHODS:
            if method in listed:
                continue
            op = item[listed[0]]
            concrete, _, _, _ = build_request(spec, fx, path, listed[0], op, 'supervisor')
            body = {} if method in ('post', 'put', 'patch') else None
            status, rtype, raw = platform.request(method, concrete, probe_token, body)
            check('%s %s (not in the contract) → 404/405' % (method.upper(), path),
                  status, rtype, raw, lambda s: s in (404, 405))
    case_id = fx.cases.get('supervisor', 1)
    for method, path in [('get', '/users'), ('get', '/users/clerk'), ('get', '/cases/%s/tasks' % case_id),
                         ('get', '/tasks/%s' % fx.task), ('get', '/catalogue'),
                         ('get', '/departments'), ('get', '/sessions/other'),
                         ('get', '/applicants/%s/licences' % fx.person), ('get', '/evaluations/1'),
                         ('get', '/audit/1'), ('get', '/statistics/windows'), ('get', '/admin'),
                         ('get', '/cases/%s/transitions' % case_id), ('get', '/review'),
                         ('get', '/public'), ('get', '/healthz'), ('get', '/'), ('get', ''),
                         ('get', '/cases/%s/claim' % case_id), ('get', '/commitments/1'),
                         ('get', '/cases/%s/documents/1/pages' % case_id),
                         ('get', '/cases/abc'), ('get', '/tasks/abc/transitions')]:
        status, rtype, raw = platform.request(method, path, probe_token)
        # /cases/abc: an id that is no integer may also be a 400
        allowed = (400, 404, 405) if 'abc' in path else (404, 405)
        # the test's name is logged: a resident id in the path is masked
        shown = re.sub(r'(\d{4})\d{10}(\d{3}[\dX])', r'\1**********\2', path)
        check('%s /api/v1%s (not in the contract) → %s' % (method.upper(), shown,
                                                          '/'.join(map(str, allowed))),
              status, rtype, raw, lambda s: s in allowed)


if __name__ == '__main__':
    sys.exit(main())
