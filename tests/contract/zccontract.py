#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the contract tests share: TAP output, reading data/platform-api.yaml,
# validating bodies against its schemas with python3-jsonschema (OpenAPI 3.0
# schemas turned into JSON Schema draft 4: $ref to components, nullable),
# and a zc-platform --demo on loopback with a temporary database.

import http.client
import json
import os
import re
import select
import sqlite3
import subprocess
import sys
import threading
import time

import jsonschema

ROLES = ['clerk', 'helper', 'supervisor', 'department']
METHODS = ['get', 'post', 'put', 'delete', 'patch']
PASSWORD = 'demo1234'
START_TIMEOUT = 60


# --------------------------------------------------------------------- TAP

_count = 0
_failed = 0


def ok(cond, name, diag=None):
    global _count, _failed
    _count += 1
    if cond:
        print('ok %d - %s' % (_count, name))
    else:
        _failed += 1
        print('not ok %d - %s' % (_count, name))
        if diag:
            # demo data is synthetic, still: no identifiers in test logs
            text = re.sub(r'\b(\d{4})\d{10}([\dX]{4})\b', r'\1**********\2', str(diag))
            for line in text.splitlines():
                print('# ' + line)
    sys.stdout.flush()
    return cond


def skip(name, why):
    global _count
    _count += 1
    print('ok %d - %s # SKIP %s' % (_count, name, why))
    sys.stdout.flush()


def bail(why):
    print('Bail out! ' + why)
    sys.stdout.flush()


def finish():
    """Prints the plan; the exit status of the test."""
    print('1..%d' % _count)
    sys.stdout.flush()
    return 1 if _failed else 0



# ------------------------------------------------------------ the contract


def operations(spec):
    for path, item in spec['paths'].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(spec, node):
    while isinstance(node, dict) and '$ref' in node:
        ref = node['$ref']
        assert ref.startswith('#/'), ref
        cur = spec
        for part in ref[2:].split('/'):
            cur = cur[part.replace('~1', '/').replace('~0', '~')]
        node = cur
    return node


def params_of(spec, item, op):
    out = []
    for p in item.get('parameters', []) + op.get('parameters', []):
        out.append(resolve(spec, p))
    return out


# ------------------------------------------------------------ the validator

# OpenAPI 3.0 keywords that JSON Schema lacks or reads otherwise; they
# describe and never constrain (readOnly/writeOnly only matter for requests).
_OPENAPI_ONLY = ('nullable', 'example', 'discriminator', 'xml', 'externalDocs',
                 'deprecated', 'readOnly', 'writeOnly')


def json_schema(node):
    """An OpenAPI 3.0 schema object as JSON Schema draft 4 (whose $ref
    hides its siblings and whose exclusiveMinimum is a boolean, as in
    OpenAPI 3.0). `nullable: true` adds null to `type` (and to `enum`, as
    OpenAPI 3.0.3 reads it), or allows null beside a $ref or composition."""
    if not isinstance(node, dict):
        return node
    if '$ref' in node:
        out = {'$ref': node['$ref']}
    else:
        out = {}
        for key, value in node.items():
            if key in _OPENAPI_ONLY or key.startswith('x-'):
                continue
            if key == 'properties':
                out[key] = {name: json_schema(sub) for name, sub in value.items()}
            elif key in ('items', 'additionalProperties', 'not'):
                out[key] = json_schema(value)
            elif key in ('allOf', 'oneOf', 'anyOf'):
                out[key] = [json_schema(sub) for sub in value]
            else:
                out[key] = value
    if node.get('nullable') is True:
        if '$ref' in out or 'type' not in out:
            return {'anyOf': [out, {'type': 'null'}]}
        out['type'] = [out['type'], 'null']
        if 'enum' in out and None not in out['enum']:
            out['enum'] = list(out['enum']) + [None]
    return out


_DATE = re.compile(r'\d{4}-\d{2}-\d{2}')
_DATE_TIME = re.compile(r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})')
_format_checker = jsonschema.FormatChecker(formats=())


@_format_checker.checks('date', raises=ValueError)
def _is_date(value):
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    import datetime
    datetime.date.fromisoformat(value)
    return True


@_format_checker.checks('date-time')
def _is_date_time(value):
    return not isinstance(value, str) or _DATE_TIME.fullmatch(value) is not None


_validators = {}


def _root(spec):
    """The converted components of @spec, the document every $ref
    ('#/components/schemas/…') resolves in."""
    key = id(spec)
    if key not in _validators:
        schemas = spec.get('components', {}).get('schemas', {})
        root = {'components': {'schemas': {n: json_schema(s) for n, s in schemas.items()}}}
        for s in root['components']['schemas'].values():
            jsonschema.Draft4Validator.check_schema(s)
        _validators[key] = (spec, root)
    return _validators[key][1]


def _where(error):
    where = '$'
    for part in error.absolute_path:
        where += '[%d]' % part if isinstance(part, int) else '.%s' % part
    return where


def validate(spec, schema, value):
    """Errors of @value against the OpenAPI 3.0 @schema of @spec, checked
    by jsonschema's draft 4 validator, as a list of strings."""
    root = _root(spec)
    resolver = jsonschema.RefResolver('', root)
    validator = jsonschema.Draft4Validator(json_schema(schema or {}), resolver=resolver,
                                           format_checker=_format_checker)
    errors = []
    for e in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        message = e.message
        if len(message) > 300:
            message = message[:300] + '…'
        errors.append('%s: %s' % (_where(e), message))
    return errors


def check_response(spec, op, status, ctype, raw):
    """Problems of an answer against what @op declares."""
    responses = op.get('responses', {})
    decl = responses.get(str(status), responses.get('default'))
    if decl is None:
        return ['status %d is not declared for %s' % (status, op.get('operationId'))]
    decl = resolve(spec, decl)
    content = decl.get('content')
    if not content:
        return ['%d declares no body, got %d bytes' % (status, len(raw))] if raw else []
    media = ctype.split(';')[0].strip().lower()
    if media not in content:
        return ['Content-Type %r, declared: %s' % (ctype, ', '.join(content))]
    if media != 'application/json':
        return [] if raw else ['empty %s body' % media]
    try:
        doc = json.loads(raw.decode('utf-8'))
    except (UnicodeDecodeError, ValueError):
        return ['body is not JSON: %r' % raw[:200]]
    return validate(spec, content[media].get('schema', {}), doc)[:10]


# ---------------------------------------------------------------- the server


class Platform:
    def __init__(self, exe, data_dir, tmp):
        self.db = os.path.join(tmp, 'platform.db')
        argv = [exe, '--listen', '127.0.0.1:0', '--db', self.db, '--demo']
        if data_dir:
            argv += ['--data-dir', data_dir]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        self.url = None
        deadline = time.monotonic() + START_TIMEOUT
        line = b''
        while time.monotonic() < deadline and not line.endswith(b'\n'):
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 1)
                if not chunk:
                    break
                line += chunk
            elif self.proc.poll() is not None:
                break
        line = line.decode('utf-8', 'replace').strip()
        m = re.fullmatch(r'http://127\.0\.0\.1:(\d+)/?', line)
        if m:
            self.url = line.rstrip('/')
            self.port = int(m.group(1))
            # keep draining stdout so the server never blocks on a full pipe
            threading.Thread(target=self._drain, daemon=True).start()
        self.first_line = line

    def _drain(self):
        try:
            for chunk in iter(lambda: os.read(self.proc.stdout.fileno(), 4096), b''):
                sys.stderr.write(chunk.decode('utf-8', 'replace'))
        except OSError:
            pass

    def request(self, method, path, token=None, body=None, content_type='application/json',
                headers=None):
        conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=15)
        h = {'Accept': 'application/json'}
        if headers:
            h.update(headers)
        if token is not None:
            h['Authorization'] = 'Bearer ' + token
        data = None
        if body is not None:
            if isinstance(body, bytes):
                data = body
            else:
                data = json.dumps(body, ensure_ascii=False).encode('utf-8')
            h['Content-Type'] = content_type
        try:
            conn.request(method.upper(), '/api/v1' + path, body=data, headers=h)
            resp = conn.getresponse()
            raw = resp.read()
            return resp.status, resp.getheader('Content-Type', ''), raw
        except (OSError, http.client.HTTPException) as e:
            return None, '', str(e).encode()
        finally:
            conn.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def error_shape(status, ctype, raw):
    """None if an error body has the contract's shape, else what is wrong."""
    if status is None or status < 400:
        return None
    try:
        doc = json.loads(raw.decode('utf-8'))
    except (UnicodeDecodeError, ValueError):
        return 'error body is not JSON: %r' % raw[:200]
    err = doc.get('error') if isinstance(doc, dict) else None
    if not isinstance(err, dict) or not isinstance(err.get('code'), str) \
            or not isinstance(err.get('message'), str) or not err['message']:
        return 'error body is not {"error":{"code","message"}}: %r' % raw[:200]
    return None


def error_code(raw):
    try:
        return json.loads(raw.decode('utf-8'))['error']['code']
    except Exception:
        return None


# ----------------------------------------------------------- the fixtures


def query_one(db, sql, args=()):
    try:
        conn = sqlite3.connect('file:%s?mode=ro' % db, uri=True, timeout=10)
        try:
            row = conn.execute(sql, args).fetchone()
        finally:
            conn.close()
        return row[0] if row else None
    except sqlite3.Error as e:
        print('# sqlite: %s' % e)
        return None


def login(platform, username):
    status, _, raw = platform.request('post', '/sessions',
                                      body={'username': username, 'password': PASSWORD})
    token = None
    role = None
    if status == 201:
        try:
            doc = json.loads(raw.decode('utf-8'))
            token = doc['token']
            role = doc['user']['role']
        except (ValueError, KeyError, TypeError):
            pass
    return status, token, role, raw
