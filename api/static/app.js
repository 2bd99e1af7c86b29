// Salesboy dashboard: small progressive enhancements. Every page works without this file.
"use strict";

function setupToasts() {
  document.querySelectorAll(".toast").forEach((toast) => {
    toast.querySelector(".toast-close").addEventListener("click", () => toast.classList.add("hide"));
    if (!toast.classList.contains("toast-error")) {
      setTimeout(() => toast.classList.add("hide"), 6000);
    }
  });
}

function setupConfirm() {
  const dialog = document.getElementById("confirm-dialog");
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.confirmed === "1" || !dialog || !dialog.showModal) return;
      event.preventDefault();
      document.getElementById("confirm-text").textContent = form.dataset.confirm;
      dialog.showModal();
      dialog.querySelectorAll("button[data-answer]").forEach((button) => {
        button.onclick = () => {
          dialog.close();
          if (button.dataset.answer === "yes") {
            form.dataset.confirmed = "1";
            form.requestSubmit();
          }
        };
      });
    });
  });
}

function setupBusyButtons() {
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) return;
      const button = form.querySelector('button[type="submit"]');
      if (button) {
        button.setAttribute("aria-busy", "true");
      }
    });
  });
}

function setupMenu() {
  const toggle = document.querySelector(".menu-toggle");
  const sidebar = document.getElementById("sidebar");
  if (!toggle || !sidebar) return;
  toggle.addEventListener("click", () => {
    const open = sidebar.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
}

function setupDropzone() {
  const zone = document.querySelector(".dropzone");
  if (!zone) return;
  const input = zone.querySelector('input[type="file"]');
  ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  }));
  ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("dragging")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    input.files = event.dataTransfer.files;
    input.dispatchEvent(new Event("change"));
  });
}

function onSession(data, type) {
  const status = document.getElementById("session-status");
  if (type === "session.qr") {
    const img = document.getElementById("qr");
    if (img) {
      img.src = data.qr;
      img.hidden = false;
      document.getElementById("qr-waiting").hidden = true;
      document.getElementById("link-panel").hidden = false;
    }
  } else if (status && data.status && data.status !== status.dataset.status) {
    // The buttons and panels depend on the status: let the server draw them again.
    window.location.reload();
  }
}

function onDocument(data) {
  const row = document.querySelector(`tr[data-document="${CSS.escape(String(data.document_id))}"]`);
  if (!row) return;
  const status = row.querySelector(".doc-status");
  const progress = row.querySelector("progress");
  if (status && data.status) status.dataset.status = data.status;
  if (progress && typeof data.progress === "number") progress.value = data.progress;
  if (data.status === "ready" || data.status === "failed") window.location.reload();
}

function setupLive() {
  if (!document.body.dataset.live || !window.EventSource) return;
  const page = document.body.dataset.page;
  const interesting = { sessions: ["session.qr", "session.status"], overview: ["session.status"],
                        kb: ["kb.progress"], playground: ["message.sent"] }[page];
  if (!interesting) return;
  const source = new EventSource("/api/stream");
  // Free the connection as the page goes, so reloads never pile up open streams.
  window.addEventListener("pagehide", () => source.close());
  interesting.forEach((type) => source.addEventListener(type, (event) => {
    const data = JSON.parse(event.data);
    if (type.startsWith("session.")) onSession(data, type);
    else if (type === "kb.progress") onDocument(data);
    else if (type === "message.sent") window.location.reload();
  }));
  if (page === "kb" && document.querySelector("#documents progress")) {
    setTimeout(() => window.location.reload(), 10000);
  }
}

function setupPlaygroundPoll() {
  // Poll while an answer is on its way (the page counts a question until its reply exists), in case an
  // event was missed or the browser has no live stream.
  const chat = document.getElementById("playground-chat");
  if (chat && chat.dataset.waiting !== "0") setTimeout(() => window.location.reload(), 3000);
}

document.addEventListener("DOMContentLoaded", () => {
  setupToasts();
  setupConfirm();
  setupBusyButtons();
  setupMenu();
  setupDropzone();
  setupLive();
  setupPlaygroundPoll();
});
