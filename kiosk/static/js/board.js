// The hall board: a chime, the call said aloud and a flashing row when a ticket is called (or
// called again), and the hall's clock. The live part arrives by htmx polling; data-newest-call on it holds the id of the
// day's newest call or recall event, so a change of that id is a new announcement.
//
// The hall's display runs Chromium with --autoplay-policy=no-user-gesture-required, so the chime
// sounds with nobody touching the screen. An ordinary browser keeps sound off until a first tap
// or key press, which unlocks it.
(function () {
  "use strict";

  var ANNOUNCE_MS = 10000; // as long as the .announce animation in board.css runs
  var seenCall = null;
  var announced = { call: null, at: 0 };
  var audio = null;

  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return null; }
    audio = audio || new Context();
    if (audio.state === "suspended") { audio.resume(); }
    return audio;
  }

  function tone(context, frequency, start, length) {
    var oscillator = context.createOscillator();
    var gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.6, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.05);
  }

  // Two short tones, high then low ("ding-dong"), like a station's announcement.
  function chime() {
    var context = audioContext();
    if (!context) { return; }
    var start = context.currentTime + 0.05;
    tone(context, 880, start, 0.45);
    tone(context, 659.25, start + 0.5, 0.7);
    // Counted on the page, so a technician (or a browser test) can tell the chime was played.
    document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
  }

  function newestCall() {
    var screen = document.querySelector("[data-newest-call]");
    return screen ? screen.dataset.newestCall : null;
  }

  // A swap in the middle of an announcement (a ticket issued meanwhile) must not restart the
  // flash: the new row picks up the animation where the old one was.
  function flash() {
    var spent = Date.now() - announced.at;
    if (announced.call === null || spent >= ANNOUNCE_MS) { return; }
    var row = document.querySelector('.call[data-call="' + announced.call + '"]');
    if (!row) { return; }
    row.style.animationDelay = -spent + "ms";
    row.classList.add("announce");
  }

  // The voice: after the chime, the call said in Kazakh, then Russian; calls that come
  // meanwhile wait their turn, so no two are ever said at once.
  var CHIME_MS = 1300;
  var sayings = [];
  var saying = false;
  function sayNext() {
    if (saying || sayings.length === 0) { return; }
    saying = true;
    var clip = new Audio(sayings.shift());
    function done() { saying = false; sayNext(); }
    clip.addEventListener("ended", done);
    clip.addEventListener("error", done);
    clip.play().catch(done);
  }
  function say(call) {
    var base = document.body.dataset.voice;
    var row = document.querySelector('.call[data-call="' + call + '"]');
    if (!base || !row) { return; }
    var code = row.querySelector(".call-number").textContent.trim();
    var windowNumber = row.querySelector(".call-window").textContent.trim();
    ["kk", "ru"].forEach(function (lang) {
      sayings.push(base + "/" + lang + "/" + encodeURIComponent(code) + "/" + windowNumber + ".wav");
    });
    window.setTimeout(sayNext, CHIME_MS);
  }

  function announceIfNew() {
    var call = newestCall();
    if (call === seenCall) { return; }
    seenCall = call;
    if (Number(call) > 0) {
      announced = { call: call, at: Date.now() };
      chime();
      say(call);
    }
  }

  function showTime() {
    var clock = document.querySelector(".board-clock");
    if (!clock) { return; }
    var format = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    try {
      format.timeZone = clock.dataset.zone;
      clock.textContent = new Intl.DateTimeFormat("ru-RU", format).format(new Date());
    } catch (error) {
      delete format.timeZone; // an unknown zone: the display's own time is the best guess
      clock.textContent = new Intl.DateTimeFormat("ru-RU", format).format(new Date());
    }
  }

  seenCall = newestCall(); // what the page opened with is not news: no chime on first load
  document.addEventListener("htmx:after:swap", function () { announceIfNew(); flash(); });
  document.addEventListener("pointerdown", audioContext);
  document.addEventListener("keydown", audioContext);
  showTime();
  window.setInterval(showTime, 1000);
})();
