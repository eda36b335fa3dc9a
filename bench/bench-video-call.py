#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A real call through zc-platform's signalling, platform side: a GStreamer
# webrtcbin (VP8 + Opus test sources, bundle max-bundle, libnice given
# 127.0.0.1) stands in for the clerk, the citizen page runs in headless
# Chromium (Debian's chromium, fake camera). Checks, on loopback only:
#   - the page connects and says 等待工作人员, the clerk sees peer joined,
#     offers; decoded video frames arrive in BOTH directions (the page
#     reports its count in its hello frames) and the page says 通话中;
#   - the citizen closing the tab (the browser stopped) is told to the
#     clerk (peer left) and the session waits; a new browser with the same
#     code rejoins and the call comes back;
#   - DELETE ends it: the clerk's socket gets bye and is closed.
# The workstation's own call (its GStreamer module) is tested by video-e2e.
# A benchmark (meson test --benchmark video-call): it prints the time from
# the browser's start to decoded frames both ways.
#
# The script runs itself again inside a network namespace of its own
# (unshare --net, lo up; ENVIRONMENT.md). Prints TAP; skips without
# chromium, PyGObject's GStreamer/Soup typelibs or a namespace.
#
# env: ZC_PLATFORM_PATH (zc-platform), ZC_DATA_DIR

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

CHROMIUM = '/usr/lib/chromium/chromium'
NETNS_ENV = 'ZC_TEST_NETNS'


def die_with_parent():
    """preexec_fn: the child is killed when this script dies (a crash
    must not leave a browser or a platform behind)."""
    ctypes.CDLL('libc.so.6', use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG


def skip_all(why):
    print('1..0 # SKIP %s' % why)
    sys.exit(0)


def reexec_in_netns():
    if os.environ.get(NETNS_ENV):
        return
    unshare = shutil.which('unshare')
    ip = shutil.which('ip') or ('/usr/sbin/ip' if os.path.exists('/usr/sbin/ip') else None)
    if unshare is None or ip is None:
        skip_all('no unshare or ip: no network namespace')
    ns = ['--net'] if os.geteuid() == 0 else ['--user', '--map-root-user', '--net']
    if subprocess.run([unshare] + ns + ['true'], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        skip_all('unshare --net is not allowed here')
    env = dict(os.environ)
    env[NETNS_ENV] = '1'
    cmd = [unshare] + ns + ['--', '/bin/sh', '-c', '"$0" link set lo up && exec "$@"', ip,
                            sys.executable] + sys.argv
    sys.exit(subprocess.run(cmd, env=env).returncode)


if not os.path.exists(CHROMIUM):
    skip_all("Debian's chromium is not installed")
reexec_in_netns()

try:
    import gi
    gi.require_version('Gst', '1.0')
    gi.require_version('GstWebRTC', '1.0')
    gi.require_version('GstSdp', '1.0')
    gi.require_version('Soup', '3.0')
    gi.require_version('Nice', '0.1')
    from gi.repository import GLib, Gst, GstSdp, GstWebRTC, Nice, Soup
except (ImportError, ValueError) as e:
    skip_all('PyGObject with GStreamer, libnice and libsoup: %s' % e)

Gst.init(None)
results = []
KEEP = []


def ok(cond, name, detail=''):
    results.append(bool(cond))
    print('%s %d - %s' % ('ok' if cond else 'not ok', len(results), name))
    if not cond and detail:
        for line in str(detail).splitlines():
            print('# ' + line)
    return cond


def spin_until(cond, seconds):
    """Runs the default main context until cond() or @seconds pass."""
    ctx = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while not cond() and time.monotonic() < end:
        ctx.iteration(False)
        time.sleep(0.005)
    return cond()


class Platform:
    def __init__(self, tmp):
        exe = os.environ.get('ZC_PLATFORM_PATH', 'zc-platform')
        argv = [exe, '--listen', '127.0.0.1:0', '--db', os.path.join(tmp, 'platform.db'), '--demo']
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                     preexec_fn=die_with_parent)
        self.url = self.proc.stdout.readline().decode().strip()

    def request(self, method, path, token=None, body=None):
        req = urllib.request.Request(self.url + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
        if body is not None:
            req.add_header('Content-Type', 'application/json')
        if token:
            req.add_header('Authorization', 'Bearer ' + token)
        try:
            with urllib.request.urlopen(req, timeout=15) as resp:
                raw = resp.read()
                return resp.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            return e.code, None

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


class Browser:
    """The citizen's page in headless Chromium, in a process group."""

    def __init__(self, url, profile):
        flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
                 '--no-default-browser-check', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--disable-extensions',
                 '--disable-dev-shm-usage', '--mute-audio', '--use-fake-device-for-media-stream',
                 '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection',
                 '--disable-features=WebRtcHideLocalIpsWithMdns',
                 '--autoplay-policy=no-user-gesture-required', '--user-data-dir=' + profile]
        self.proc = subprocess.Popen([CHROMIUM] + flags + [url], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=die_with_parent)

    def stop(self):
        """The browser first, then its group, then reaped."""
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()


class Clerk:
    """A webrtcbin that offers VP8 + Opus once the citizen joined."""

    def __init__(self, platform, token, video_id):
        self.frames = 0          # video frames decoded here
        self.page_frames = 0     # video frames the page decoded (its hello)
        self.page_states = []
        self.peer = []           # peer frames, in order
        self.byes = 0
        self.closed = False
        self.ws = None
        self.pipe = None
        self.error = None
        session = Soup.Session()
        msg = Soup.Message.new('GET', '%s/api/v1/video-sessions/%s/signal' % (platform.url, video_id))
        msg.get_request_headers().replace('Authorization', 'Bearer ' + token)
        self._session = session
        session.websocket_connect_async(msg, None, None, GLib.PRIORITY_DEFAULT, None,
                                        self._connected, None)

    def _connected(self, session, result, _data):
        try:
            self.ws = session.websocket_connect_finish(result)
        except GLib.Error as e:
            self.error = e.message
            return
        self.ws.connect('message', self._message)
        self.ws.connect('closed', lambda *a: setattr(self, 'closed', True))
        self._new_call()

    def _send(self, frame):
        self.ws.send_text(json.dumps(frame))

    def _new_call(self):
        self._end_call()
        self.frames = 0
        self.page_frames = 0
        self.pipe = Gst.parse_launch(
            'webrtcbin name=w bundle-policy=max-bundle '
            'videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=15/1 ! '
            'videoconvert ! vp8enc deadline=1 ! rtpvp8pay ! '
            'application/x-rtp,media=video,encoding-name=VP8,payload=96 ! w. '
            'audiotestsrc is-live=true wave=silence ! audioconvert ! audioresample ! '
            'queue leaky=downstream max-size-buffers=2 ! opusenc ! rtpopuspay ! '
            'application/x-rtp,media=audio,encoding-name=OPUS,payload=111 ! w.')
        w = self.pipe.get_by_name('w')
        # libnice never gathers on loopback by itself (ENVIRONMENT.md)
        address = Nice.Address()
        address.set_from_string('127.0.0.1')
        ice = w.get_property('ice-agent')
        nice = ice.get_property('agent')
        nice.add_local_address(address)
        # their Python wrappers are never dropped: PyGObject 3.42 unrefs
        # these property objects once too often when a wrapper goes
        KEEP.append((ice, nice))
        w.connect('on-ice-candidate', lambda _w, mline, cand: self._send(
            {'type': 'candidate', 'candidate': cand, 'sdpMLineIndex': mline}))
        w.connect('pad-added', self._remote_pad)
        self.webrtc = w
        # playing well before the offer (made when the citizen joins)
        self.pipe.set_state(Gst.State.PLAYING)

    def _offer(self):
        self.webrtc.emit('create-offer', None, Gst.Promise.new_with_change_func(self._offer_made, None))

    def _end_call(self):
        if self.pipe is not None:
            self.pipe.set_state(Gst.State.NULL)
            self.pipe = None

    def _offer_made(self, promise, _data):
        reply = promise.get_reply()   # kept: the offer is borrowed from it
        offer = reply.get_value('offer')
        self.webrtc.emit('set-local-description', offer, Gst.Promise.new())
        self._send({'type': 'offer', 'sdp': offer.sdp.as_text()})

    def _remote_pad(self, _w, pad):
        if pad.direction != Gst.PadDirection.SRC:
            return
        caps = pad.get_current_caps() or pad.query_caps(None)
        media = caps.get_structure(0).get_string('media') if caps and caps.get_size() else None
        if media == 'video':
            # a keyframe asked for (PLI): the browser sends one at the start
            # only, which a late link would miss
            sink = Gst.parse_bin_from_description(
                'queue ! rtpvp8depay request-keyframe=true wait-for-keyframe=true ! vp8dec ! '
                'fakesink name=frames signal-handoffs=true sync=false', True)
            sink.get_by_name('frames').connect('handoff', self._frame)
        else:
            sink = Gst.ElementFactory.make('fakesink')
        self.pipe.add(sink)
        sink.sync_state_with_parent()
        pad.link(sink.get_static_pad('sink'))

    def _frame(self, *_args):
        self.frames += 1

    def _message(self, _ws, _kind, data):
        frame = json.loads(data.get_data().decode())
        kind = frame.get('type')
        if kind == 'peer':
            self.peer.append(frame['state'])
            if frame['state'] == 'joined':
                self._offer()
            else:
                # a fresh pipeline for the next call
                self._new_call()
        elif kind == 'answer' and self.pipe is not None:
            _res, sdp = GstSdp.SDPMessage.new_from_text(frame['sdp'])
            answer = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.ANSWER, sdp)
            self.webrtc.emit('set-remote-description', answer, Gst.Promise.new())
        elif kind == 'candidate' and self.pipe is not None:
            self.webrtc.emit('add-ice-candidate', frame['sdpMLineIndex'], frame['candidate'])
        elif kind == 'hello':
            self.page_frames = frame.get('framesDecoded', 0)
            if not self.page_states or self.page_states[-1] != frame.get('state'):
                self.page_states.append(frame.get('state'))
        elif kind == 'bye':
            self.byes += 1


def main():
    tmp = tempfile.mkdtemp(prefix='zc-video-call-')
    platform = Platform(tmp)
    browsers = []
    clerk = None
    try:
        print('1..9')
        status, body = platform.request('POST', '/api/v1/sessions', None,
                                        {'username': 'clerk', 'password': 'demo1234'})
        token = body['token']
        _, cases = platform.request('GET', '/api/v1/cases?limit=1', token)
        case_id = (cases.get('items') or cases.get('cases'))[0]['id']
        status, video = platform.request('POST', '/api/v1/video-sessions', token, {'case_id': case_id})
        if not ok(status == 201, 'a video session for a case of the clerk', status):
            return
        path = '/api/v1/video-sessions/%d' % video['id']

        clerk = Clerk(platform, token, video['id'])
        spin_until(lambda: clerk.ws is not None or clerk.error, 10)
        ok(clerk.ws is not None, "the clerk's socket", clerk.error)

        start = time.monotonic()
        browsers.append(Browser(video['citizen_url'], os.path.join(tmp, 'profile-1')))
        both = spin_until(lambda: clerk.frames > 10 and clerk.page_frames > 10, 30)
        took = time.monotonic() - start
        print('# browser start to 10 decoded frames both ways: %.1f s' % took)
        ok(both, 'decoded video frames both ways (%.1f s from the browser start: here %d, page %d)'
           % (took, clerk.frames, clerk.page_frames), 'page said %r' % clerk.page_states)
        ok(clerk.page_states[:1] == ['等待工作人员'] and '通话中' in clerk.page_states,
           'the page said 等待工作人员, then 通话中', clerk.page_states)
        _, got = platform.request('GET', path, token)
        ok(got and got['state'] == 'connected', 'the session is connected', got)

        # the citizen closes the tab: told to the clerk, the session waits
        browsers[0].stop()
        spin_until(lambda: clerk.peer[-1:] == ['left'], 10)
        _, got = platform.request('GET', path, token)
        ok(clerk.peer[-1:] == ['left'] and got['state'] == 'waiting',
           'the tab closed: peer left, the session waits', '%r %r' % (clerk.peer, got))

        # the same code again: the call comes back
        clerk.page_states = []
        browsers.append(Browser(video['citizen_url'], os.path.join(tmp, 'profile-2')))
        spin_until(lambda: clerk.peer[-1:] == ['joined'] and clerk.frames > 10 and clerk.page_frames > 10, 30)
        ok(clerk.frames > 10 and clerk.page_frames > 10,
           'rejoined with the same code: frames both ways again (here %d, page %d)'
           % (clerk.frames, clerk.page_frames), clerk.page_states)

        # the clerk ends it: bye, closed
        status, _ = platform.request('DELETE', path, token)
        spin_until(lambda: clerk.closed, 10)
        ok(status == 204 and clerk.byes >= 1 and clerk.closed, 'DELETE: bye and the socket closed',
           '%r %r %r' % (status, clerk.byes, clerk.closed))
        _, got = platform.request('GET', path, token)
        ok(got['state'] == 'ended', 'the session is ended', got)
    finally:
        if clerk is not None:
            clerk._end_call()
        for b in browsers:
            if b.proc.poll() is None:
                b.stop()
        platform.stop()
        shutil.rmtree(tmp, ignore_errors=True)


main()
# no interpreter teardown: finalising the kept GStreamer wrappers would
# trip the same reference bug (a critical, fatal under G_DEBUG)
sys.stdout.flush()
sys.stderr.flush()
os._exit(0 if results and all(results) else 1)
