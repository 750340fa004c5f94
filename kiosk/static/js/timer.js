// Keeps the applicant's waited time ticking between the page's refreshes from the server.
(function () {
  "use strict";

  function mmss(seconds) {
    var whole = Math.max(Math.floor(seconds), 0);
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    return (minutes < 10 ? "0" : "") + minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // The server's clock, as seen from this phone; a fragment replayed from the browser's cache
  // carries an older server time and must not move it back.
  var latestServerNow = 0;
  var offset = 0;

  function tick(meter) {
    var serverNow = Number(meter.dataset.serverNow);
    if (serverNow > latestServerNow) {
      latestServerNow = serverNow;
      offset = serverNow - Date.now();
    }
    if (meter.dataset.stopped) { return; }
    var now = Date.now() + offset;
    var waited = (now - Number(meter.dataset.since)) / 1000;
    var limit = Number(meter.dataset.limit);
    var status = waited >= limit ? "breach" : waited >= Number(meter.dataset.warning) ? "warning" : "ok";
    meter.querySelector(".wait-clock").textContent = mmss(waited);
    meter.querySelector(".wait-bar").value = Math.min(waited, limit);
    meter.classList.remove("sla-ok", "sla-warning", "sla-breach");
    meter.classList.add("sla-" + status);
  }

  function tickAll() { document.querySelectorAll(".wait-meter").forEach(tick); }
  window.setInterval(tickAll, 1000);
  document.addEventListener("htmx:after:swap", tickAll);

  // When the applicant is called, a phone that allows it vibrates once.
  var announced = false;
  document.addEventListener("htmx:after:swap", function () {
    var called = document.querySelector(".called") !== null;
    if (called && !announced && navigator.vibrate) { navigator.vibrate([300, 150, 300]); }
    announced = called;
  });
})();
