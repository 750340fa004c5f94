// Keeps elapsed times (an applicant's wait, a window's service time) ticking between the
// screen's refreshes from the server. Any element with data-since is a clock: it holds a
// .wait-clock (mm:ss), maybe a .wait-bar, and gets the class sla-ok, sla-warning or sla-breach.
(function () {
  "use strict";

  // The server's clock, as seen from this device; a fragment replayed from the browser's cache
  // carries an older server time and must not move it back.
  var latestServerNow = 0;
  var offset = 0;

  function mmss(seconds) {
    var whole = Math.max(Math.floor(seconds), 0);
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    return (minutes < 10 ? "0" : "") + minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick(clock) {
    var serverNow = Number(clock.dataset.serverNow);
    if (serverNow > latestServerNow) {
      latestServerNow = serverNow;
      offset = serverNow - Date.now();
    }
    if (clock.dataset.stopped) { return; }
    var spent = (Date.now() + offset - Number(clock.dataset.since)) / 1000;
    var limit = Number(clock.dataset.limit);
    var status = spent >= limit ? "breach" : spent >= Number(clock.dataset.warning) ? "warning" : "ok";
    var text = clock.querySelector(".wait-clock");
    if (text) { text.textContent = mmss(spent); }
    var bar = clock.querySelector(".wait-bar");
    if (bar) { bar.value = Math.min(spent, limit); }
    clock.classList.remove("sla-ok", "sla-warning", "sla-breach");
    clock.classList.add("sla-" + status);
  }

  function tickAll() { document.querySelectorAll("[data-since]").forEach(tick); }
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
