// A stand-in for WhatsApp Web with the part of @wppconnect/wa-js's window.WPP that
// Salesboy uses. Tests drive it through window.__fake (scan, receive, rotate, ...).
(function () {
  const params = new URLSearchParams(location.search);
  const rotateMs = Number(params.get('rotate') || 0);
  const maxQr = Number(params.get('max_qr') || 0);  // like WhatsApp, stop offering codes after a few
  const listeners = {};
  const store = window.localStorage;
  let code = 0;
  let counter = Number(store.getItem('fake_wa_counter') || 0);

  function authenticated() { return store.getItem('fake_wa_auth') === 'yes'; }
  function emit(event, data) { (listeners[event] || []).forEach((fn) => fn(data)); }
  function sent() { return JSON.parse(store.getItem('fake_wa_sent') || '[]'); }
  function showQr() {
    code += 1;
    emit('conn.auth_code_change', { fullCode: `2@fake-qr-${code},key,${Date.now()}` });
  }

  window.WPP = {
    chat_media: {},
    isReady: true,
    isFullReady: authenticated(),
    on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); },
    conn: {
      isAuthenticated: () => authenticated(),
      getAuthCode: async () => (authenticated() ? null : { fullCode: `2@fake-qr-${code},key,0` }),
      genLinkDeviceCodeForPhoneNumber: async (phone) => `${String(phone).slice(-4)}ABCD`,
      logout: async () => { store.removeItem('fake_wa_auth'); window.WPP.isFullReady = false; emit('conn.logout', {}); },
    },
    chat: {
      sendFileMessage: async (chatId, content, options) => {
        counter += 1;
        store.setItem('fake_wa_counter', String(counter));
        const id = `true_${chatId}_FILE${counter}`;
        const entry = { chatId, file: content.slice(0, 40), caption: options.caption || '', filename: options.filename,
          type: options.type, id };
        store.setItem('fake_wa_sent', JSON.stringify([...sent(), entry]));
        return { id: { _serialized: id } };
      },
      downloadMedia: async (id) => {
        const media = window.WPP.chat_media[id];
        if (!media) throw new Error('no media');
        return new Blob([Uint8Array.from(atob(media.base64), (c) => c.charCodeAt(0))], { type: media.mimetype });
      },
      sendTextMessage: async (chatId, text) => {
        counter += 1;
        store.setItem('fake_wa_counter', String(counter));
        const id = `true_${chatId}_OUT${counter}`;
        store.setItem('fake_wa_sent', JSON.stringify([...sent(), { chatId, text, id }]));
        if (params.get('control')) {  // let a test outside this browser see what was sent
          await fetch(params.get('control').replace('control.json', 'sent'),
            { method: 'POST', body: JSON.stringify({ chatId, text, id }) });
        }
        return { id: { _serialized: id } };
      },
    },
    group: {
      getAllGroups: async () => [
        { id: { _serialized: '120363000000000001@g.us' }, name: 'Wholesale buyers' },
        { id: { _serialized: '120363000000000002@g.us' }, name: 'Staff' },
      ],
    },
    contact: {
      getPnLidEntry: async (lid) => (lid === '98765432101234@lid'
        ? { lid: { _serialized: lid }, phoneNumber: { _serialized: '2348044444444@c.us' } } : {}),
      list: async () => [
        { id: { _serialized: '2348011111111@c.us' }, name: 'Ada', pushname: 'Ada O.' },
        { id: { _serialized: '98765432101234@lid' }, name: null, pushname: 'Tolu' },
      ],
    },
  };

  window.__fake = {
    scan() {
      store.setItem('fake_wa_auth', 'yes');
      window.WPP.isFullReady = true;
      emit('conn.main_ready', {});
    },
    rotate: showQr,
    // Messages arrive twice, as wa-js emits them again after decryption.
    receive(message) { emit('chat.new_message', message); emit('chat.new_message', message); },
    receiveMedia(message, base64) {
      window.WPP.chat_media[message.id._serialized] = { base64, mimetype: message.mimetype };
      this.receive(message);
    },
    logoutFromPhone() { store.removeItem('fake_wa_auth'); window.WPP.isFullReady = false; emit('conn.logout', {}); },
    sent,
  };

  // ?control=<url>: the test says "scan" there when the page runs in a browser it cannot reach,
  // and lists customer messages for the linked phone to receive.
  const control = params.get('control');
  const received = new Set();
  if (control) {
    setInterval(async () => {
      try {
        const order = await (await fetch(control, { cache: 'no-store' })).json();
        if (!authenticated()) {
          if (order.scan) window.__fake.scan();
          return;
        }
        (order.inbox || []).forEach((message) => {
          if (received.has(message.id._serialized)) return;
          received.add(message.id._serialized);
          window.__fake.receive(message);
        });
      } catch (error) { /* the test's server is gone: nothing to do */ }
    }, 200);
  }

  setTimeout(() => {
    document.getElementById('status').textContent = authenticated() ? 'ready' : 'scan';
    if (authenticated()) {
      emit('conn.main_ready', {});
    } else {
      showQr();
      if (rotateMs) setInterval(() => { if (!authenticated() && !(maxQr && code >= maxQr)) showQr(); }, rotateMs);
    }
  }, 200);
}());
