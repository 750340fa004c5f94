// The touchscreen kiosk: it is a public device, so it returns to the start screen by itself, but
// asks first whether the person needs more time (WCAG 2.2.1); it ignores the second half of a
// double tap that lands on the next screen, never sends a form twice, and prints the ticket
// without ever losing it.
(function () {
  "use strict";
  var body = document.body;
  var resetUrl = body.dataset.resetUrl;
  if (!resetUrl) { return; }

  // Large text and high contrast: one tap, kept for this person's screens, gone at the start.
  var LARGE = "kiosk-large-text";
  var toggle = document.querySelector("[data-large-text]");
  function showLarge(on) {
    document.documentElement.classList.toggle("large-text", on);
    if (toggle) { toggle.setAttribute("aria-pressed", String(on)); }
  }
  if (window.location.pathname === new URL(resetUrl, window.location.href).pathname) {
    window.sessionStorage.removeItem(LARGE);  // the start screen: the next person's kiosk
  }
  showLarge(window.sessionStorage.getItem(LARGE) === "1");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var on = !document.documentElement.classList.contains("large-text");
      window.sessionStorage.setItem(LARGE, on ? "1" : "0");
      showLarge(on);
    });
  }

  function startOver() { window.location.replace(resetUrl); }

  // Taps in the first moments of a screen belong to the screen before (a double tap): ignored.
  // The navigation started with the tap that left that screen, so the time counts from there.
  var guardMs = parseInt(body.dataset.tapGuardMs, 10) || 0;
  function tooSoon(event) {
    if (performance.now() >= guardMs) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
  }
  ["click", "pointerdown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, tooSoon, { capture: true, passive: false });
  });
  window.setTimeout(function () { body.dataset.ready = "1"; }, guardMs);

  // Before starting over: "Do you need more time?", spoken, with a countdown and a button.
  var dialog = document.getElementById("more-time");
  var askSeconds = parseInt(body.dataset.moreTimeSeconds, 10) || 20;
  var countdown = null;
  function showLeft(seconds) {
    var line = dialog.querySelector("#more-time-left");
    line.textContent = line.dataset.template.replace("%(seconds)s", String(seconds));
  }
  function speak(text) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) { return; }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang;
    window.speechSynthesis.speak(utterance);
  }
  function askForMoreTime(thenAgain) {
    if (!dialog || !dialog.showModal) { startOver(); return; }
    var left = askSeconds;
    showLeft(left);
    dialog.showModal();
    speak(dialog.querySelector("h2").textContent);
    countdown = window.setInterval(function () {
      left -= 1;
      if (left <= 0) { window.clearInterval(countdown); startOver(); return; }
      showLeft(left);
    }, 1000);
    dialog.querySelector("[data-more-time]").onclick = function () {
      window.clearInterval(countdown);
      dialog.close();
      thenAgain();
    };
  }
  if (dialog) {
    dialog.querySelector("[data-start-over]").addEventListener("click", startOver);
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); });
  }

  // Idle on any screen: ask after the idle time; any touch or key (typing too) restarts it.
  var idleMs = (parseInt(body.dataset.idleSeconds, 10) || 60) * 1000;
  var idleTimer = null;
  function restartIdle() {
    if (dialog && dialog.open) { return; }  // only the dialog's own buttons answer it
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(function () { askForMoreTime(restartIdle); }, idleMs);
  }
  ["pointerdown", "keydown", "touchstart", "input"].forEach(function (name) {
    document.addEventListener(name, restartIdle, { passive: true });
  });

  // The ticket screen goes back to the start after a short time whatever the applicant does,
  // unless they ask for more time.
  var ticketSeconds = parseInt(body.dataset.ticketSeconds, 10);
  function ticketTimeUp() {
    window.clearTimeout(idleTimer);
    askForMoreTime(function () { window.setTimeout(ticketTimeUp, ticketSeconds * 1000); });
  }
  if (ticketSeconds > 0) {
    window.setTimeout(ticketTimeUp, ticketSeconds * 1000);
  } else {
    restartIdle();
  }

  // A failed or cancelled print leaves the ticket on screen and on the phone.
  function printTicket() {
    try { window.print(); } catch (error) { /* the ticket stays on screen */ }
  }
  if (body.dataset.autoprint) { window.setTimeout(printTicket, 300); }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", printTicket);
  });

  // A double tap sends a form once; the server's idempotency key covers retried requests.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.classList.add("sending");
    });
  });

  // Coming back through the browser's cache must not show a previous applicant's screen.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { startOver(); }
  });
})();
