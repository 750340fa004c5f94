// The window's application, receipt and certificate screens: the Print button, and forms sent
// only once
// (a second tap while the first request runs would otherwise submit again).
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  // A certificate's Print form records the printing first, then opens the print dialog
  // (without scripts the form still records it and comes back to the page).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-print]")) { return; }
    event.preventDefault();
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin"})
      .then(function (response) {
        if (response.ok) { window.print(); } else { form.submit(); }
      }, function () { form.submit(); });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-submit-once")) { return; }
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    // Disabled after the browser has read the form, so the pressed button still counts.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  // Coming back with the browser's Back button shows the page from memory: let it work again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = false;
      });
    });
  });
}());
