#!/usr/bin/python3
# summarise.py — the closing line of `zc.sh test`: "N passed, N failed"
#
#   summarise.py STATUS BUILD_DIR...
#
# The JUnit log counts the subtests (TAP) of each program; the JSON log
# says how each program ended. A program that crashed, aborted or timed
# out counts as failed even when every subtest it printed passed, and is
# named. When STATUS (the test command's exit status) says failure and no
# test failed (a build error, a missing log) one failure is counted, so
# the line and the exit status never disagree.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import sys
import xml.etree.ElementTree as ET

BAD = ('FAIL', 'ERROR', 'TIMEOUT', 'UNEXPECTEDPASS')


def main():
    status = int(sys.argv[1])
    passed = failed = skipped = 0
    failures = []
    for build in sys.argv[2:]:
        logs = os.path.join(build, 'meson-logs')
        junit = os.path.join(logs, 'testlog-xvfb.junit.xml')
        jlog = os.path.join(logs, 'testlog-xvfb.json')
        counted = set()   # suites with a failed subtest already counted
        try:
            root = ET.parse(junit).getroot()
            programs = [json.loads(line) for line in open(jlog) if line.strip()]
        except (OSError, ValueError, ET.ParseError) as e:
            failed += 1
            failures.append(f'{build}: no test log ({e})')
            continue
        for suite in root.iter('testsuite'):
            for case in suite.iter('testcase'):
                if case.find('failure') is not None or case.find('error') is not None:
                    failed += 1
                    counted.add(suite.get('name', ''))
                    # a program that bailed out is a case of the project's
                    # own suite, named after the program
                    counted.add(case.get('name', ''))
                    failures.append(f"{suite.get('name', '')}: {case.get('name', '')}")
                elif case.find('skipped') is not None:
                    skipped += 1
                else:
                    passed += 1
        for prog in programs:
            name = prog.get('name', '?')
            if prog.get('result') in BAD and f'zongchuang.{name}' not in counted and name not in counted:
                failed += 1
                failures.append(f"{name} [{build}]: {prog.get('result')} (exit status {prog.get('returncode')})")
    if status != 0 and failed == 0:
        failed = 1
        failures.append('the test command failed outside the tests (see above)')
    for f in failures:
        print(f'FAILED {f}')
    line = f'{passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line)


if __name__ == '__main__':
    main()
