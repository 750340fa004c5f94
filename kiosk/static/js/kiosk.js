// The touchscreen kiosk: it is a public device, so it returns to the start screen by itself,
// never sends a form twice, and prints the ticket without ever losing it.
(function () {
  "use strict";
  var body = document.body;
  var resetUrl = body.dataset.resetUrl;
  if (!resetUrl) { return; }

  function startOver() { window.location.replace(resetUrl); }

  var idleMs = (parseInt(body.dataset.idleSeconds, 10) || 60) * 1000;
  var idleTimer = null;
  function restartIdle() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(startOver, idleMs);
  }
  ["pointerdown", "keydown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, restartIdle, { passive: true });
  });
  restartIdle();

  // The ticket screen goes back to the start after a short time, whatever the applicant does.
  var ticketSeconds = parseInt(body.dataset.ticketSeconds, 10);
  if (ticketSeconds > 0) { window.setTimeout(startOver, ticketSeconds * 1000); }

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
