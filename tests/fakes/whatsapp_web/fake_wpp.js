// A stand-in for WhatsApp Web with the part of @wppconnect/wa-js 4.6.0's window.WPP that Salesboy calls.
//
// Every behaviour below copies the published bundle (node_modules/@wppconnect/wa-js/dist/wppconnect-wa.js);
// the comment on each names the wa-js function or event module it follows, so a reader can check it there.
// Tests drive the page through window.__fake, or from outside the browser through ?control=<url>
// (tests/fakes/phone.py), the way a phone and WhatsApp's servers would.
//
// Query parameters:
//   rotate=<ms>     a new QR ref this often while unlinked (WhatsApp rotates its QR)
//   max_qr=<n>      after n codes the socket goes UNPAIRED_IDLE (WhatsApp stops offering codes)
//   inject=<ms>     how long after load wa-js reports itself injected (default 500)
//   ref_delay=<ms>  how long after injection the first QR ref arrives (a slow load; default 0)
//   cipher=1        messages from the control server arrive encrypted first, then decrypted
//   control=<url>   poll this URL for what the phone does (scan, incoming messages, numbers not on WhatsApp)
(function () {
  const params = new URLSearchParams(location.search);
  const rotateMs = Number(params.get('rotate') || 0);
  const maxQr = Number(params.get('max_qr') || 0);
  const injectMs = Number(params.get('inject') || 500);
  const refDelayMs = Number(params.get('ref_delay') || 0);
  const cipherControl = params.get('cipher') === '1';
  const control = params.get('control');
  const store = window.localStorage;
  const ME = '2348000000000@c.us';
  const LID_PHONES = { '98765432101234@lid': '2348044444444@c.us' };

  // --- WhatsApp Web's own state (the modules wa-js reads: Conn, Stream, Socket, Cmd) ---------------
  const Conn = { ref: null, connected: false };
  const Stream = { mode: null, info: null };
  const Socket = { state: 'OPENING' };
  const listeners = {};
  let qrCount = 0;
  let mainReady = false;
  let injected = false;

  function emit(event, ...args) { (listeners[event] || []).slice().forEach((fn) => fn(...args)); }
  function isAuthenticated() { return store.getItem('fake_wa_auth') === 'yes'; }
  // conn.isRegistered: registration info exists exactly when the device is linked, here.
  function isRegistered() { return isAuthenticated(); }
  function sent() { return JSON.parse(store.getItem('fake_wa_sent') || '[]'); }
  function recordSent(entry) { store.setItem('fake_wa_sent', JSON.stringify([...sent(), entry])); }
  function nextCounter() {
    const counter = Number(store.getItem('fake_wa_counter') || 0) + 1;
    store.setItem('fake_wa_counter', String(counter));
    return counter;
  }

  // Wid: what wa-js hands out for ids (`_serialized`, `server`, `user`, `toString()`).
  function wid(serialized) {
    if (!serialized) return undefined;
    if (typeof serialized === 'object') serialized = serialized._serialized || String(serialized);
    const [user, server] = String(serialized).split('@');
    return {
      _serialized: serialized, user, server, toString: () => serialized,
      isGroup: () => server === 'g.us', isLid: () => server === 'lid',
    };
  }
  function idOf(value) { return typeof value === 'string' ? value : (value && value._serialized) || String(value); }

  // --- conn.getAuthCode (wa-js conn/functions/getAuthCode) -------------------------------------------
  // null when `!Conn.ref || Conn.connected || isAuthenticated() || isRegistered()`; otherwise the
  // multidevice code whose fullCode is `[ref, staticKey, identityKey, secretKey].join(',')`.
  async function getAuthCode() {
    if (!Conn.ref || Conn.connected || isAuthenticated() || isRegistered()) return null;
    const ref = Conn.ref;
    const staticKeyPair = 'c3RhdGljLWtleQ==';
    const identityKeyPair = 'aWRlbnRpdHkta2V5';
    const secretKey = 'c2VjcmV0LWtleQ==';
    return { type: 'multidevice', ref, staticKeyPair, identityKeyPair, secretKey,
      fullCode: [ref, staticKeyPair, identityKeyPair, secretKey].join(',') };
  }

  // --- conn.auth_code_change (wa-js conn/events/registerAuthCodeChangeEvent) -------------------------
  // onInjected: emit `await getAuthCode()` once, then again on every `Conn` `change:ref`. So the event
  // carries null at injection (no ref yet, or already linked) and null again when a scan links the device.
  async function authCodeChanged() {
    const code = await getAuthCode().catch(() => null);
    emit('conn.auth_code_change', code);
  }
  function setRef(ref) {
    Conn.ref = ref;
    authCodeChanged();
  }

  // --- conn.stream_mode_changed + conn.main_ready (registerStreamEvent, registerMainReadyEvent) ------
  // main_ready is emitted once, the first time the stream mode becomes MAIN *or QR*: an unlinked page
  // fires it while showing the QR, and a scan later does not fire it again.
  function setMode(mode) {
    if (Stream.mode === mode) return;
    Stream.mode = mode;
    if (!injected) return;
    emit('conn.stream_mode_changed', mode);
    if (!mainReady && (mode === 'MAIN' || mode === 'QR')) {
      mainReady = true;
      emit('conn.main_ready');
    }
  }

  // --- conn.qrcode_idle (registerQRCodeIdleEvent): when Socket.state becomes UNPAIRED_IDLE ------------
  function setSocketState(state) {
    Socket.state = state;
    if (injected && state === 'UNPAIRED_IDLE') emit('conn.qrcode_idle');
  }

  function newQr() {
    if (isAuthenticated() || Socket.state === 'UNPAIRED_IDLE') return;
    if (maxQr && qrCount >= maxQr) {
      setSocketState('UNPAIRED_IDLE');
      return;
    }
    qrCount += 1;
    setSocketState('UNPAIRED');
    setRef(`2@fake-ref-${qrCount}-${Date.now()}`);
    setMode('QR');
  }

  // --- messages: MsgStore, chats, unread counts ------------------------------------------------------
  // Kept in localStorage like WhatsApp keeps them in IndexedDB, so a restarted browser still has them.
  const chats = new Map();  // chat id -> {id: Wid, msgs: [model], unreadCount}
  const media = JSON.parse(store.getItem('fake_wa_media') || '{}');

  function chatOf(chatId) {
    const id = idOf(chatId);
    if (!chats.has(id)) {
      chats.set(id, { id: wid(id), msgs: [], unreadCount: 0, get hasUnread() { return this.unreadCount > 0; },
        get lastReceivedKey() {
          const last = this.msgs.filter((m) => !m.id.fromMe).pop();
          return last ? last.id : undefined;
        } });
    }
    return chats.get(id);
  }
  function persist() {
    const plain = [];
    chats.forEach((chat) => chat.msgs.forEach((m) => plain.push({ ...m.raw, type: m.type, body: m.body,
      caption: m.caption, unread: !!m.unread })));
    store.setItem('fake_wa_msgs', JSON.stringify(plain));
  }
  // A MsgModel-like object: the ids are Wids, `isGroupMsg` is a getter as wa-js defines it on
  // MsgModel.prototype (registerNewMessageEvent: `chat.id.isGroup()`).
  function model(raw) {
    const key = raw.id;
    const m = {
      raw,
      id: { _serialized: key._serialized, fromMe: !!key.fromMe, remote: wid(raw.chatId), id: key._serialized.split('_').pop(),
        toString: () => key._serialized },
      from: wid(raw.from), to: wid(raw.to), author: wid(raw.author),
      type: raw.type || (raw.mimetype ? (raw.mimetype.startsWith('image/') ? 'image' : 'document') : 'chat'),
      body: raw.body, caption: raw.caption, mimetype: raw.mimetype, filename: raw.filename,
      mentionedJidList: (raw.mentionedJidList || []).map(wid), t: raw.t, isNewMsg: false, unread: false,
      get isGroupMsg() { return this.id.remote.isGroup(); },
      _listeners: {},
      once(event, fn) { (this._listeners[event] = this._listeners[event] || []).push(fn); },
      trigger(event) { const fns = this._listeners[event] || []; this._listeners[event] = []; fns.forEach((fn) => fn()); },
    };
    if (raw.media) m.mediaData = { mimetype: raw.mimetype };
    return m;
  }
  function findMessage(id) {
    for (const chat of chats.values()) {
      const found = chat.msgs.find((m) => m.id._serialized === id);
      if (found) return found;
    }
    return null;
  }

  // registerNewMessageEvent: MsgStore `add` of a model with `isNewMsg` emits chat.new_message; a model
  // whose type is `ciphertext` is emitted at once and again, same object and id, on its `change:type`.
  function addMessage(raw, { live, cipher = false }) {
    if (findMessage(raw.id._serialized)) return null;
    const chatId = raw.id.fromMe ? idOf(raw.to) : idOf(raw.from);
    raw.chatId = chatId;
    const m = model(raw);
    const chat = chatOf(chatId);
    if (!raw.id.fromMe && !raw.read) {
      m.unread = true;
      chat.unreadCount += 1;
    }
    chat.msgs.push(m);
    if (raw.media) {
      media[raw.id._serialized] = raw.media;
      store.setItem('fake_wa_media', JSON.stringify(media));
    }
    persist();
    if (!live) return m;  // history sync after reconnecting: stored, not new, no event
    m.isNewMsg = true;
    if (cipher) {
      const plain = { type: m.type, body: m.body, caption: m.caption, mimetype: m.mimetype };
      Object.assign(m, { type: 'ciphertext', body: undefined, caption: undefined, mimetype: undefined });
      m.once('change:type', () => queueMicrotask(() => emit('chat.new_message', m)));
      queueMicrotask(() => emit('chat.new_message', m));
      setTimeout(() => { Object.assign(m, plain); persist(); m.trigger('change:type'); }, 150);
    } else {
      queueMicrotask(() => emit('chat.new_message', m));
    }
    return m;
  }

  function restoreMessages() {
    JSON.parse(store.getItem('fake_wa_msgs') || '[]').forEach((saved) => {
      const { unread, ...raw } = saved;
      const m = addMessage(raw, { live: false });
      if (m && !unread) {
        m.unread = false;
        chatOf(raw.chatId).unreadCount = Math.max(0, chatOf(raw.chatId).unreadCount - 1);
      }
    });
    persist();
  }

  // chat.markIsRead: the chat's unread messages are read.
  function markRead(chatId) {
    const chat = chatOf(chatId);
    chat.msgs.forEach((m) => { m.unread = false; });
    chat.unreadCount = 0;
    persist();
  }

  // chat.sendRawMessage: defaultSendMessageOptions {markIsRead: true, waitForAck: true, ...}; the new
  // own message joins MsgStore (and so is emitted as chat.new_message, fromMe) before the promise
  // resolves with `{id: m.id.toString(), ack, from, to, sendMsgResult}` — a string id, not a Wid.
  // With createChat, assertFindChat: `chat.find` asks WhatsApp's servers whether the number has an
  // account; for one that has none it throws WPPError('chat_not_found', `Chat not found for ${id}`).
  async function sendRaw(chatId, fields, options) {
    const opts = { markIsRead: true, waitForAck: true, ...(options || {}) };
    const to = idOf(chatId);
    if (notOnWhatsApp.has(to)) {
      throw Object.assign(new Error(`Chat not found for ${to}`), { code: 'chat_not_found' });
    }
    const chat = chatOf(to);
    if (opts.markIsRead) markRead(to);
    const id = `true_${to}_3EB0${String(nextCounter()).padStart(8, '0')}`;
    addMessage({ id: { _serialized: id, fromMe: true }, from: ME, to, t: Math.floor(Date.now() / 1000), ...fields },
      { live: true });
    await new Promise((resolve) => setTimeout(resolve, 20));  // the ack
    return { id, ack: 1, from: ME, to: chat.id.toString(), sendMsgResult: opts.waitForAck ? { messageSendResult: 'OK' } : null };
  }

  const composing = [];
  const synced = [];
  let notOnWhatsApp = new Set();  // numbers WhatsApp's servers know no account for
  function lidEntry(contactId) {
    // contact.getPnLidEntry: only @c.us and @lid; `{lid, phoneNumber, contact}` with `{id, server, _serialized}`
    // parts, each undefined when not known.
    const w = wid(contactId);
    if (w.server !== 'c.us' && w.server !== 'lid') {
      throw Object.assign(new Error(`Invalid WID value for ${w} - getPnLidEntry only supports @c.us and @lid.`),
        { code: 'invalid_wid' });
    }
    const part = (s) => (s ? { id: wid(s).user, server: wid(s).server, _serialized: s } : undefined);
    if (w.server === 'lid') return { lid: part(w._serialized), phoneNumber: part(LID_PHONES[w._serialized]) };
    const lid = Object.keys(LID_PHONES).find((k) => LID_PHONES[k] === w._serialized);
    return { lid: part(lid), phoneNumber: part(w._serialized) };
  }

  window.WPP = {
    isReady: false,
    isFullReady: false,
    isInjected: false,
    on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); },
    off(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); },
    conn: {
      getAuthCode,
      isAuthenticated,
      isRegistered,
      isMainReady: () => mainReady,  // conn/functions/isMainReady: true once main_ready was emitted
      isIdle: () => Socket.state === 'UNPAIRED_IDLE',
      getStreamData: () => ({ mode: Stream.mode, info: Stream.info }),
      // conn.refreshQR: null when authenticated, otherwise the next auth_code_change's code.
      refreshQR: async () => {
        if (isAuthenticated()) return null;
        setSocketState('UNPAIRED');
        qrCount = 0;
        newQr();
        return getAuthCode();
      },
      genLinkDeviceCodeForPhoneNumber: async (phone) => `${String(phone).slice(-4)}ABCD`,
      // conn.logout: Socket.logout(), then resolves on Cmd `logout`, which registerLogoutEvent
      // turns into conn.logout.
      logout: async () => { unlink(); return true; },
    },
    chat: {
      sendTextMessage: async (chatId, content, options) => {
        const result = await sendRaw(chatId, { body: content, type: 'chat' }, options);
        recordSent({ chatId: idOf(chatId), text: content, id: result.id });
        if (control) {  // let a test outside this browser see what was sent
          await fetch(control.replace('control.json', 'sent'),
            { method: 'POST', body: JSON.stringify({ chatId: idOf(chatId), text: content, id: result.id }) });
        }
        return result;
      },
      sendFileMessage: async (chatId, content, options) => {
        const mimetype = String(content).slice(5).split(';')[0];
        const result = await sendRaw(chatId, { type: options.type, caption: options.caption || '', mimetype,
          filename: options.filename }, options);
        const entry = { chatId: idOf(chatId), file: String(content).slice(0, 40), caption: options.caption || '',
          filename: options.filename, type: options.type, id: result.id };
        recordSent(entry);
        if (control) {
          await fetch(control.replace('control.json', 'sent'), { method: 'POST', body: JSON.stringify(entry) });
        }
        return result;
      },
      // chat.markIsComposing(chatId, duration): shows "typing…"; with a duration it waits that long,
      // then marks the chat paused (markIsPaused) before resolving.
      markIsComposing: async (chatId, duration) => {
        composing.push({ chatId: idOf(chatId), duration: duration || 0, at: Date.now() });
        if (duration) await new Promise((resolve) => setTimeout(resolve, duration));
      },
      markIsPaused: async () => undefined,
      markIsRead: async (chatId) => { markRead(chatId); },
      // chat.downloadMedia: getMessageById, then `message_not_contains_media` without mediaData.
      downloadMedia: async (id) => {
        const m = findMessage(idOf(id));
        if (!m) throw Object.assign(new Error(`Message ${id} not found`), { code: 'msg_not_found' });
        if (!m.mediaData || !media[m.id._serialized]) {
          throw Object.assign(new Error(`Message ${id} not contains media`), { code: 'message_not_contains_media' });
        }
        const bytes = Uint8Array.from(atob(media[m.id._serialized]), (c) => c.charCodeAt(0));
        return new Blob([bytes], { type: m.mediaData.mimetype });
      },
      // chat.list: ChatStore models; onlyWithUnreadMessage keeps those with `hasUnread`.
      list: async (options = {}) => {
        let list = [...chats.values()];
        if (options.onlyUsers) list = list.filter((c) => !c.id.isGroup());
        if (options.onlyGroups) list = list.filter((c) => c.id.isGroup());
        if (options.onlyWithUnreadMessage) list = list.filter((c) => c.hasUnread);
        return list.slice(0, options.count == null ? Infinity : options.count);
      },
      // chat.getMessages(chatId, {count = 20, direction = 'before', id, onlyUnread}): anchored at `id` or
      // the chat's lastReceivedKey; onlyUnread returns [] without unread and caps count at unreadCount
      // (count -1 = all of them); without an id the anchor message itself closes the list.
      getMessages: async (chatId, options = {}) => {
        const chat = chats.get(idOf(chatId));
        if (!chat) throw Object.assign(new Error(`Chat not found for ${idOf(chatId)}`), { code: 'chat_not_found' });
        let count = options.count || 20;
        const direction = options.direction === 'after' ? 'after' : 'before';
        const anchorId = options.id || (chat.lastReceivedKey && chat.lastReceivedKey._serialized);
        if (options.onlyUnread) {
          if (!chat.hasUnread) return [];
          count = count < 0 ? chat.unreadCount : Math.min(count, chat.unreadCount);
        }
        if (count === -1) count = Infinity;
        if (!options.id && anchorId) count -= 1;
        const index = chat.msgs.findIndex((m) => m.id._serialized === anchorId);
        if (index < 0) return [];
        let found = direction === 'after' ? chat.msgs.slice(index + 1, index + 1 + count)
          : chat.msgs.slice(Math.max(0, index - count), index);
        if (!options.id) found = [...found, chat.msgs[index]];
        return found;
      },
      getMessageById: async (id) => {
        const m = findMessage(idOf(id));
        if (!m) throw Object.assign(new Error(`Message ${id} not found`), { code: 'msg_not_found' });
        return m;
      },
    },
    group: {
      // group.getAllGroups: the ChatStore's group chats.
      getAllGroups: async () => [
        { id: wid('120363000000000001@g.us'), name: 'Wholesale buyers', groupMetadata: { subject: 'Wholesale buyers' } },
        { id: wid('120363000000000002@g.us'), name: 'Staff', groupMetadata: { subject: 'Staff' } },
      ],
    },
    contact: {
      getPnLidEntry: async (contactId) => lidEntry(contactId),
      list: async () => [
        { id: wid('2348011111111@c.us'), name: 'Ada', pushname: 'Ada O.' },
        { id: wid('98765432101234@lid'), name: undefined, pushname: 'Tolu' },
      ],
    },
  };

  // Unlinking, from this page or from the phone: Cmd `logout` -> conn.logout (registerLogoutEvent).
  function unlink() {
    store.removeItem('fake_wa_auth');
    Conn.connected = false;
    window.WPP.isFullReady = false;
    emit('conn.logout');
  }

  // The phone scans the code: the device is linked, Conn's ref changes (so auth_code_change fires with
  // getAuthCode() = null), registerAuthenticatedEvent emits conn.authenticated on main_loaded, and the
  // stream goes SYNCING -> MAIN (no second main_ready if the QR page already fired it).
  function scan() {
    if (isAuthenticated()) return;
    store.setItem('fake_wa_auth', 'yes');
    Conn.connected = true;
    setRef(null);
    setSocketState('CONNECTED');
    emit('conn.authenticated');
    setMode('SYNCING');
    setTimeout(() => { setMode('MAIN'); window.WPP.isFullReady = true; }, 300);
  }

  function message(raw) { return { ...raw, id: { fromMe: false, ...raw.id } }; }

  window.__fake = {
    scan,
    rotate: newQr,
    // A message as WhatsApp delivers it to an open page; `cipher` makes it arrive encrypted first.
    receive(raw, cipher = false) { addMessage(message(raw), { live: true, cipher }); },
    receiveEncrypted(raw) { addMessage(message(raw), { live: true, cipher: true }); },
    receiveMedia(raw, base64, cipher = false) { addMessage({ ...message(raw), media: base64 }, { live: true, cipher }); },
    // Messages that reached the phone while this page was closed: synced into the store, not "new".
    sync(raw) { if (addMessage(message(raw), { live: false })) synced.push(raw.id._serialized); },
    synced: () => synced,
    logoutFromPhone: unlink,
    unread: (chatId) => chatOf(chatId).unreadCount,
    composing: () => composing,
    notOnWhatsApp: (chatId) => { notOnWhatsApp.add(idOf(chatId)); },
    sent,
  };

  // ?control=<url>: the test's phone says "scan" there and lists the customer messages it received.
  // What arrives while this page is open is delivered live; what arrived before it (re)opened is synced.
  async function poll(first) {
    try {
      const order = await (await fetch(control, { cache: 'no-store' })).json();
      notOnWhatsApp = new Set(order.unknown || []);
      if (!isAuthenticated()) {
        if (order.scan) scan();
        return;
      }
      (order.inbox || []).forEach((raw) => {
        if (findMessage(raw.id._serialized)) return;
        if (first) window.__fake.sync(raw);
        else addMessage(message(raw), { live: true, cipher: cipherControl || !!raw.cipher });
      });
    } catch (error) { /* the test's server is gone: nothing to do */ }
  }

  restoreMessages();
  // The loader (wa-js loader): onInjected callbacks run once the modules settle, after page load.
  setTimeout(async () => {
    injected = true;
    window.WPP.isInjected = true;
    window.WPP.isReady = true;
    document.getElementById('status').textContent = isAuthenticated() ? 'linked' : 'unlinked';
    authCodeChanged();  // registerAuthCodeChangeEvent's call at injection: null here (no ref, or linked)
    if (isAuthenticated()) {
      Conn.connected = true;
      setSocketState('CONNECTED');
      setMode('SYNCING');
      if (control) await poll(true);
      setTimeout(() => { setMode('MAIN'); window.WPP.isFullReady = true; }, 200);
    } else {
      setTimeout(() => {
        newQr();
        if (rotateMs) setInterval(newQr, rotateMs);
      }, refDelayMs);
    }
    if (control) setInterval(() => poll(false), 200);
  }, injectMs);
}());
