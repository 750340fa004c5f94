// The kiosk's on-screen keyboard (templates/applicant/_keyboard.html): Kazakh and Russian
// letters, Latin letters and a keypad. It types into the field that has focus; a physical
// keyboard keeps working. Fields say which layout they need with data-keyboard
// (text | code | digits | phone | date) and how to capitalise with data-capitalize
// (words | first | all).
(function () {
  "use strict";
  var keyboard = document.getElementById("keyboard");
  if (!keyboard) { return; }
  var form = document.querySelector("form.application-form") || document;
  var fields = Array.prototype.slice.call(form.querySelectorAll("input[data-keyboard]"));
  var layouts = keyboard.querySelectorAll(".keyboard-layout");
  var shiftKeys = keyboard.querySelectorAll("[data-action=shift]");
  var targetLabel = keyboard.querySelector(".keyboard-target");
  var target = null;
  var lettersLayout = "cyrillic";
  var shift = false;
  var capsLock = false;
  var lastShiftTap = 0;
  var DOUBLE_TAP_MS = 400;

  // The kiosk's own keyboard replaces the system's: no second keyboard pops up on touch.
  fields.forEach(function (field) { field.setAttribute("inputmode", "none"); });
  document.body.classList.add("has-keyboard");

  function kindOf(field) { return field.dataset.keyboard || "text"; }

  function showLayout(name) {
    layouts.forEach(function (layout) { layout.hidden = layout.dataset.layout !== name; });
    keyboard.dataset.layout = name;
    if (name !== "digits") { lettersLayout = name; }
  }

  function setShift(on, locked) {
    shift = on;
    capsLock = Boolean(on && locked);
    keyboard.classList.toggle("shift", shift);
    keyboard.classList.toggle("caps-lock", capsLock);
    shiftKeys.forEach(function (key) { key.setAttribute("aria-pressed", String(shift)); });
  }

  // Names start every word with a capital, an address its first letter; caps lock wins.
  function autoShift() {
    if (!target || capsLock) { return; }
    var mode = target.dataset.capitalize;
    if (!mode) { setShift(false); return; }
    if (mode === "all") { setShift(true); return; }
    var before = target.value.slice(0, target.selectionStart || 0);
    setShift(mode === "words" ? /(^|[\s-])$/.test(before) : before.trim() === "");
  }

  function labelOf(field) {
    var label = field.id && document.querySelector("label[for='" + field.id + "']");
    return label ? label.textContent.trim() : "";
  }

  function open(field) {
    target = field;
    targetLabel.textContent = labelOf(field);
    var kind = kindOf(field);
    showLayout(kind === "text" ? lettersLayout : kind === "code" ? "latin" : "digits");
    keyboard.hidden = false;
    autoShift();
    keepVisible(field);
  }

  function close() {
    keyboard.hidden = true;
    if (target && document.activeElement === target) { target.blur(); }
    target = null;
  }

  // Keep the field in the part of the screen the keyboard leaves free.
  function outOfSight(field) {
    var box = field.getBoundingClientRect();
    return box.top < 96 || box.bottom > window.innerHeight - keyboard.offsetHeight - 24;
  }
  function bringBack(field, behavior) {
    var free = window.innerHeight - keyboard.offsetHeight;
    window.scrollBy({ top: field.getBoundingClientRect().top - free / 3, behavior: behavior });
  }
  function keepVisible(field) {
    window.requestAnimationFrame(function () {
      if (outOfSight(field)) { bringBack(field, "smooth"); }
    });
  }

  function changed() {
    target.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function insert(text) {
    var start = target.selectionStart;
    var end = target.selectionEnd;
    if (start === null || start === undefined) { start = end = target.value.length; }
    var limit = target.maxLength;
    if (limit > 0 && target.value.length - (end - start) + text.length > limit) { return; }
    if (shift && text.length === 1) { text = text.toUpperCase(); }
    target.setRangeText(text, start, end, "end");
    // A date grows its dots by itself: 0 1 0 6 2 0 1 5 becomes 01.06.2015.
    if (kindOf(target) === "date" && /^\d{2}(\.\d{2})?$/.test(target.value) &&
        target.selectionStart === target.value.length) {
      target.setRangeText(".", target.value.length, target.value.length, "end");
    }
    if (shift && !capsLock) { setShift(false); }
    changed();
    autoShift();
  }

  function backspace() {
    var start = target.selectionStart;
    var end = target.selectionEnd;
    if (start === null || start === undefined) { start = end = target.value.length; }
    if (start === end && start > 0) { start -= 1; }
    if (start === end) { return; }
    target.setRangeText("", start, end, "end");
    changed();
    autoShift();
  }

  function tapShift() {
    var now = Date.now();
    if (!shift) { setShift(true, false); } else if (now - lastShiftTap < DOUBLE_TAP_MS) {
      setShift(true, true);
    } else { setShift(false); }
    lastShiftTap = now;
  }

  function visibleFields() {
    return fields.filter(function (field) { return !field.disabled && field.offsetParent !== null; });
  }

  function next() {
    var shown = visibleFields();
    var following = shown[shown.indexOf(target) + 1];
    if (following) { following.focus(); } else { close(); }
  }

  // A tap on a key must not take the focus (and the caret) away from the field.
  ["pointerdown", "mousedown"].forEach(function (name) {
    keyboard.addEventListener(name, function (event) {
      if (event.target.closest(".key")) { event.preventDefault(); }
    });
  });

  keyboard.addEventListener("click", function (event) {
    var key = event.target.closest(".key");
    if (!key) { return; }
    if (key.dataset.action === "hide") { close(); return; }
    if (!target) { return; }
    if (document.activeElement !== target) { target.focus({ preventScroll: true }); }
    // Scrolled away meanwhile: the field comes back into sight before a key types into it.
    if (outOfSight(target)) { bringBack(target, "instant"); }
    if (key.dataset.layoutTo) {
      showLayout(key.dataset.layoutTo);
    } else if (key.dataset.action === "shift") {
      tapShift();
    } else if (key.dataset.action === "backspace") {
      backspace();
    } else if (key.dataset.action === "next") {
      next();
    } else if (key.dataset.key !== undefined) {
      insert(key.dataset.key);
    }
  });

  form.addEventListener("focusin", function (event) {
    if (fields.indexOf(event.target) < 0) { close(); } else if (event.target !== target) {
      open(event.target);
    }
  });
  // Focus gone elsewhere (a checkbox, the page itself): the keyboard goes away. A scroll by
  // touch moves no focus, so it leaves the keyboard open.
  form.addEventListener("focusout", function (event) {
    if (event.target !== target) { return; }
    window.setTimeout(function () {
      var now = document.activeElement;
      if (fields.indexOf(now) < 0 && !keyboard.contains(now)) { close(); }
    }, 0);
  });
  // The caret moved by a tap inside the field: a capital may be due, or no longer. A tap on a
  // field that had focus before this script ran (autofocus) opens the keyboard too.
  form.addEventListener("click", function (event) {
    if (event.target === target) { autoShift(); } else if (fields.indexOf(event.target) >= 0) {
      open(event.target);
    }
  });
  if (fields.indexOf(document.activeElement) >= 0) { open(document.activeElement); }
  // Typed on the physical keyboard: keep the shift state in step with the caret.
  form.addEventListener("keyup", function (event) {
    if (event.target === target) { autoShift(); }
  });
})();
