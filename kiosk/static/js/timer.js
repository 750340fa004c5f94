// Keeps elapsed times (an applicant's wait, a window's service time) ticking. Any element with
// data-since (the clock's origin, in epoch ms) is a clock: it holds a .wait-clock (mm:ss), maybe a
// .wait-bar, and gets the class sla-ok, sla-warning or sla-breach. A polled fragment carries only
// the origin, so it reads the same from one poll to the next; this script writes the time spent.
(function () {
  "use strict";

  // The server's clock as the page rendered, against this device's (data-server-now on the tag
  // that loads this script).
  var serverNow = Number(document.currentScript && document.currentScript.dataset.serverNow);
  var offset = serverNow > 0 ? serverNow - Date.now() : 0;

  function mmss(seconds) {
    var whole = Math.max(Math.floor(seconds), 0);
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    return (minutes < 10 ? "0" : "") + minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick(clock) {
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
  tickAll();
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
