/* citizen.js — the citizen's side of the remote window (远程虚拟窗口).
 *
 * Signalling (the platform relays JSON text frames to the clerk's
 * workstation of the same session): the clerk offers once it sees
 * {"type":"peer","state":"joined"}; this page answers, adding its own
 * tracks only after setRemoteDescription(offer) so that the answer sends
 * and receives. Candidates both ways. {"type":"bye"} ends the call.
 * {"type":"consent","recording":true|false} tells the clerk the
 * citizen's answer on recording. {"type":"hello","state":TEXT,
 * "framesDecoded":N} reports the state line and the video frames
 * decoded so far, when the socket opens and every second of a call.
 *
 * A material page the clerk shares comes over the peer connection's data
 * channel "zc-page" (never through the platform): {"type":"page","id",
 * "bytes","width","height"}, the PNG in binary pieces, {"type":"page-end",
 * "id"}; {"type":"stop"} removes it. The page answers {"type":"shown",
 * "id","width","height"} once the picture is decoded and on screen, and
 * {"type":"hidden"} when it is gone (src/media/zc-page-share.h). The
 * same channel says the clerk's state: {"type":"clerk","v":1,"muted",
 * "camera_off","recording"} (booleans), shown over the clerk's picture
 * (工作人员已静音, 工作人员已关闭摄像头, ● 正在录像); another "v" is ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const stateLine = $('state');
  const note = $('note');
  const remoteVideo = $('remote');
  const sharedImage = $('shared');
  const localVideo = $('local');
  const code = (location.pathname.split('/')[2] || '');
  /* the clerk's picture's place before the call (index.html) */
  const WAITING_TEXT = $('remote-placeholder').textContent;

  let ws = null;
  let pc = null;
  let localStream = null;
  let pendingCandidates = [];
  let consent = null;      /* true / false once answered */
  let ended = false;       /* hung up or ended by the platform */
  let helloTimer = 0;
  /* the shared page: the channel, the picture being received, the one
   * on screen; shareSerial drops a decode overtaken by a newer page or a
   * stop */
  const SHARE_MAX_BYTES = 20 * 1024 * 1024;
  let shareChannel = null;
  let incoming = null;
  let shared = null;
  let shareSerial = 0;

  function setState (text, kind) {
    stateLine.textContent = text;
    document.body.dataset.call = kind;
  }

  function showNote (text) {
    note.textContent = text;
    note.hidden = !text;
  }

  function send (frame) {
    if (ws && ws.readyState === WebSocket.OPEN)
      ws.send(JSON.stringify(frame));
  }

  async function framesDecoded () {
    if (!pc)
      return 0;
    let n = 0;
    const stats = await pc.getStats();
    stats.forEach((r) => {
      if (r.type === 'inbound-rtp' && (r.kind === 'video' || r.mediaType === 'video'))
        n += r.framesDecoded || 0;
    });
    return n;
  }

  /* for tests (a Promise): the video frames decoded from the clerk; the
   * call's state as a word (connecting, waiting, connected, ended) and
   * the state line the citizen reads */
  window.zcStats = async function () {
    const box = $('shared-box');
    return { framesDecoded: await framesDecoded(),
             connectionState: pc ? pc.connectionState : 'new',
             state: document.body.dataset.call,
             stateText: stateLine.textContent,
             shareChannel: shareChannel ? shareChannel.readyState : 'none',
             shareReceiving: incoming ? incoming.got : -1,
             note: note.hidden ? '' : note.textContent,
             clerk: $('clerk-state').hidden ? '' : $('clerk-state').textContent,
             shared: (shared && !box.hidden && sharedImage.complete)
               ? { id: shared.id, width: sharedImage.naturalWidth, height: sharedImage.naturalHeight,
                   shownWidth: sharedImage.clientWidth, shownHeight: sharedImage.clientHeight }
               : null };
  };

  function sendShare (message) {
    if (shareChannel && shareChannel.readyState === 'open')
      shareChannel.send(JSON.stringify(message));
  }

  function hideShared () {
    shareSerial++;
    incoming = null;
    const was = shared !== null;
    if (shared)
      URL.revokeObjectURL(shared.url);
    shared = null;
    sharedImage.removeAttribute('src');
    $('shared-box').hidden = true;
    document.body.dataset.sharing = 'false';
    if (was)
      sendShare({ type: 'hidden' });
  }

  async function showShared (page) {
    const serial = ++shareSerial;
    const url = URL.createObjectURL(new Blob(page.parts, { type: 'image/png' }));
    const image = new Image();
    image.src = url;
    try {
      await image.decode();
    } catch (e) {
      URL.revokeObjectURL(url);
      if (serial === shareSerial)
        showNote('工作人员展示的材料无法显示，请告诉工作人员。');
      return;
    }
    if (serial !== shareSerial) {
      URL.revokeObjectURL(url);
      return;
    }
    if (shared)
      URL.revokeObjectURL(shared.url);
    shared = { id: page.id, url: url };
    sharedImage.src = url;
    await sharedImage.decode().catch(() => {});
    if (serial !== shareSerial)
      return;
    $('shared-box').hidden = false;
    document.body.dataset.sharing = 'true';
    sendShare({ type: 'shown', id: page.id,
                width: sharedImage.naturalWidth, height: sharedImage.naturalHeight });
  }

  /* the clerk's state over their picture; none outside a call */
  const CLERK_VERSION = 1;
  function showClerkState (m) {
    const box = $('clerk-state');
    const words = [];
    if (m && m.muted === true)
      words.push(['工作人员已静音', 'muted']);
    if (m && m.camera_off === true)
      words.push(['工作人员已关闭摄像头', 'camera-off']);
    if (m && m.recording === true)
      words.push(['● 正在录像', 'recording']);
    box.replaceChildren(...words.map(([text, kind]) => {
      const span = document.createElement('span');
      span.textContent = text;
      span.className = kind;
      return span;
    }));
    box.hidden = words.length === 0;
  }

  function onShareMessage (data) {
    if (typeof data !== 'string') {
      /* a piece of the PNG being received */
      if (!incoming)
        return;
      incoming.parts.push(data);
      incoming.got += data.byteLength;
      if (incoming.got > incoming.bytes)
        incoming = null;
      return;
    }
    let m;
    try { m = JSON.parse(data); } catch (e) { return; }
    if (!m || typeof m !== 'object')
      return;
    if (m.type === 'page' && Number.isInteger(m.id) && Number.isInteger(m.bytes)
        && m.bytes > 0 && m.bytes <= SHARE_MAX_BYTES)
      incoming = { id: m.id, bytes: m.bytes, got: 0, parts: [] };
    else if (m.type === 'page-end' && incoming && m.id === incoming.id) {
      const page = incoming;
      incoming = null;
      if (page.got === page.bytes)
        showShared(page);
    } else if (m.type === 'stop')
      hideShared();
    else if (m.type === 'clerk' && m.v === CLERK_VERSION)
      showClerkState(m);
  }

  function onShareChannel (channel) {
    if (channel.label !== 'zc-page')
      return;
    shareChannel = channel;
    channel.binaryType = 'arraybuffer';
    channel.onmessage = (e) => onShareMessage(e.data);
    channel.onclose = () => {
      if (shareChannel === channel) {
        shareChannel = null;
        hideShared();
      }
    };
  }

  async function sendHello () {
    let n = 0;
    try { n = await framesDecoded(); } catch (e) { n = 0; }
    send({ type: 'hello', state: stateLine.textContent, framesDecoded: n });
  }

  function setControls (inCall) {
    $('mute').disabled = !localStream;
    $('camera').disabled = !localStream;
    $('hangup').disabled = !inCall;
  }

  let mediaPromise = null;

  /* one getUserMedia at a time: the page opens the camera at once, an
   * offer may come before it is open */
  function openMedia () {
    if (!mediaPromise)
      mediaPromise = askMedia().then((stream) => {
        if (!stream)
          mediaPromise = null;
        return stream;
      });
    return mediaPromise;
  }

  async function askMedia () {
    if (localStream)
      return localStream;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      showNote('此浏览器不能使用摄像头。请使用较新的浏览器，并通过 https 打开本页。');
      return null;
    }
    try {
      localStream = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 480 }, audio: true });
      localVideo.srcObject = localStream;
      showNote('');
    } catch (e) {
      showNote('无法打开摄像头或麦克风（' + e.name + '）。请在浏览器中允许使用摄像头和麦克风，然后点“重新进入”。');
      localStream = null;
    }
    setControls(true);
    return localStream;
  }

  /* bumped by closePeer: an offer still waiting for the camera is dropped */
  let offerSerial = 0;

  function closePeer () {
    offerSerial++;
    hideShared();
    showClerkState(null);
    if (shareChannel) {
      shareChannel.onmessage = shareChannel.onclose = null;
      shareChannel = null;
    }
    if (helloTimer) {
      clearInterval(helloTimer);
      helloTimer = 0;
    }
    if (pc) {
      pc.ontrack = pc.onicecandidate = pc.onconnectionstatechange = pc.ondatachannel = null;
      pc.close();
      pc = null;
    }
    remoteVideo.srcObject = null;
    $('remote-placeholder').hidden = false;
    /* no picture, nothing to hear: 打开声音 would do nothing */
    $('sound').hidden = true;
  }

  function playRemote () {
    remoteVideo.play().catch(() => {
      /* no sound before a click in some browsers */
      remoteVideo.muted = true;
      remoteVideo.play().catch(() => {});
      $('sound').hidden = false;
    });
  }

  function newPeer () {
    closePeer();
    /* candidates that came before their offer wait for it (the clerk
     * sends the offer first, but nothing of the relay's order should
     * decide whether a call connects) */
    pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', iceServers: [] });
    pc.onicecandidate = (e) => {
      if (e.candidate && e.candidate.candidate)
        send({ type: 'candidate', candidate: e.candidate.candidate,
               sdpMLineIndex: e.candidate.sdpMLineIndex || 0 });
    };
    pc.ontrack = (e) => {
      const stream = remoteVideo.srcObject || new MediaStream();
      stream.addTrack(e.track);
      remoteVideo.srcObject = stream;
      if (e.track.kind === 'video')
        $('remote-placeholder').hidden = true;
      playRemote();
    };
    pc.ondatachannel = (e) => onShareChannel(e.channel);
    pc.onconnectionstatechange = () => {
      if (!pc)
        return;
      if (pc.connectionState === 'connected') {
        setState('通话中', 'connected');
        showNote('');
      } else if (pc.connectionState === 'failed') {
        setState('等待工作人员', 'waiting');
        showNote('视频连接中断，正在等待工作人员重新接通。');
      }
    };
    helloTimer = setInterval(sendHello, 1000);
    return pc;
  }

  async function onOffer (sdp) {
    /* the camera and microphone first, the peer connection after: Chrome
     * decides when the connection is made whether the page may show its
     * network addresses. Made before the citizen allowed the camera, it
     * offers only mDNS names (xxxx.local), which a workstation without
     * mDNS cannot reach; made after, the real addresses (checked in
     * headless Chromium, issue 12). Candidates meanwhile wait for it. */
    const early = pendingCandidates;
    closePeer();
    pendingCandidates = early;
    const serial = offerSerial;
    const stream = await openMedia();
    if (serial !== offerSerial || ended)
      return;
    const queuedEarly = pendingCandidates;
    const peer = newPeer();
    pendingCandidates = queuedEarly;
    await peer.setRemoteDescription({ type: 'offer', sdp: sdp });
    if (peer !== pc)
      return;
    /* after the offer: the answer then sends as well as receives */
    if (stream)
      stream.getTracks().forEach((t) => peer.addTrack(t, stream));
    const answer = await peer.createAnswer();
    await peer.setLocalDescription(answer);
    send({ type: 'answer', sdp: peer.localDescription.sdp });
    const queued = pendingCandidates;
    pendingCandidates = [];
    for (const c of queued)
      await peer.addIceCandidate(c).catch(() => {});
  }

  function onCandidate (frame) {
    const c = { candidate: frame.candidate, sdpMLineIndex: frame.sdpMLineIndex };
    if (pc && pc.remoteDescription && pc.signalingState === 'stable')
      pc.addIceCandidate(c).catch(() => {});
    else
      pendingCandidates.push(c);
  }

  function finish (text) {
    ended = true;
    closePeer();
    if (localStream) {
      localStream.getTracks().forEach((t) => t.stop());
      localStream = null;
      localVideo.srcObject = null;
    }
    mediaPromise = null;
    setState(text || '已结束', 'ended');
    /* not "this shows the clerk once connected": nobody is coming */
    $('remote-placeholder').textContent = '通话已结束';
    setControls(false);
    $('rejoin').hidden = true;
  }

  function onFrame (frame) {
    /* after a bye nothing changes the page: the clerk's socket closing
     * next ("peer left") must not bring back "waiting" */
    if (ended)
      return;
    switch (frame.type) {
    case 'peer':
      if (frame.state === 'joined') {
        setState('等待工作人员', 'waiting');
        if (consent !== null)
          send({ type: 'consent', recording: consent });
      } else {
        closePeer();
        pendingCandidates = [];
        setState('等待工作人员', 'waiting');
        showNote('工作人员暂时离开，请稍候。');
      }
      break;
    case 'offer':
      onOffer(frame.sdp).catch((e) => showNote('无法接通视频（' + e.name + '）。'));
      break;
    case 'candidate':
      onCandidate(frame);
      break;
    case 'bye':
      finish('已结束');
      if (ws)
        ws.close(1000, 'bye');
      break;
    default:
      break;
    }
  }

  function connect () {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    ended = false;
    $('rejoin').hidden = true;
    $('remote-placeholder').textContent = WAITING_TEXT;
    setState('正在连接…', 'connecting');
    ws = new WebSocket(scheme + '//' + location.host + '/join/' + encodeURIComponent(code) + '/signal');
    ws.onopen = () => {
      setState('等待工作人员', 'waiting');
      setControls(true);
      sendHello();
    };
    ws.onmessage = (e) => {
      let frame;
      try { frame = JSON.parse(e.data); } catch (err) { return; }
      if (frame && typeof frame === 'object')
        onFrame(frame);
    };
    ws.onclose = () => {
      ws = null;
      if (ended)
        return;
      closePeer();
      setState('连接已断开', 'ended');
      showNote('与服务器的连接已断开。如果工作人员还在等您，请点“重新进入”。');
      $('rejoin').hidden = false;
    };
  }

  function toggleTrack (kind, button, onText, offText) {
    if (!localStream)
      return;
    const pressed = button.getAttribute('aria-pressed') !== 'true';
    localStream.getTracks().filter((t) => t.kind === kind).forEach((t) => { t.enabled = !pressed; });
    button.setAttribute('aria-pressed', String(pressed));
    button.textContent = pressed ? offText : onText;
  }

  function answerConsent (yes) {
    consent = yes;
    send({ type: 'consent', recording: yes });
    $('consent-answer').textContent = yes ? '您已同意录像。' : '您不同意录像，本次视频不会录像。';
    $('consent-answer').hidden = false;
    $('consent').classList.add('answered');
  }

  $('mute').addEventListener('click', (e) => toggleTrack('audio', e.currentTarget, '静音', '取消静音'));
  $('camera').addEventListener('click', (e) => toggleTrack('video', e.currentTarget, '关闭摄像头', '打开摄像头'));
  $('sound').addEventListener('click', () => {
    remoteVideo.muted = false;
    remoteVideo.play().catch(() => {});
    $('sound').hidden = true;
  });
  $('consent-yes').addEventListener('click', () => answerConsent(true));
  $('consent-no').addEventListener('click', () => answerConsent(false));
  $('rejoin').addEventListener('click', () => connect());
  /* the citizen hangs up: the clerk gets the bye (the session itself
   * ends by the clerk's DELETE or its expiry) */
  function hangUp () {
    send({ type: 'bye' });
    finish('已结束');
    if (ws)
      ws.close(1000, 'hangup');
  }

  $('hangup').addEventListener('click', hangUp);
  /* for tests, the same as the button */
  window.zcHangUp = hangUp;

  switch (document.body.dataset.state) {
  case 'ok':
    setControls(false);
    openMedia();
    connect();
    break;
  case 'limited':
    setState('尝试次数过多，请一分钟后再试', 'ended');
    $('consent').hidden = true;
    setControls(false);
    break;
  default:
    setState('链接无效或已过期', 'ended');
    showNote('请向工作人员索取新的链接或进入码。');
    $('consent').hidden = true;
    setControls(false);
    break;
  }
}());
