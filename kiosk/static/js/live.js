// Live fragments (kiosk.web.live): a poll whose answer the screen already shows changes nothing.
// The ETag of the fragment on screen goes back with the next poll of the same address, so an
// unchanged fragment comes back as a 304 without a body, which is never swapped; an answer whose
// text is the one on screen (the browser's cache may turn a 304 into its stored 200) is not
// swapped either. Only answers that carry an ETag count: forms and actions swap as usual.
(function () {
  "use strict";

  var shown = {}; // per address: { etag, text } of the fragment last swapped in

  function address(ctx) {
    var url = new URL(ctx.request.action, document.baseURI);
    return url.pathname + url.search;
  }

  function tagged(ctx) {
    return ctx.request.method === "GET" && ctx.response && ctx.response.headers.get("ETag");
  }

  document.addEventListener("htmx:config:request", function (event) {
    var ctx = event.detail.ctx;
    var last = ctx.request.method === "GET" && shown[address(ctx)];
    if (last) { ctx.request.headers["If-None-Match"] = last.etag; }
  });

  document.addEventListener("htmx:before:swap", function (event) {
    var ctx = event.detail.ctx;
    if (!tagged(ctx)) { return; }
    var last = shown[address(ctx)];
    if (ctx.response.status === 304 || (last && last.text === ctx.text)) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:after:swap", function (event) {
    var ctx = event.detail.ctx;
    if (tagged(ctx) && ctx.response.status === 200) {
      shown[address(ctx)] = { etag: ctx.response.headers.get("ETag"), text: ctx.text };
    }
    announce();
  });

  // A screen reader hears what changed (a fragment's [data-announce] line: the status, the
  // place in line), said once through the page's #announcer, never the ticking clocks.
  var said = null;
  function announce() {
    var line = document.querySelector("[data-announce]");
    var announcer = document.getElementById("announcer");
    if (!line || !announcer) { return; }
    var text = line.textContent.trim();
    if (said !== null && text !== said) { announcer.textContent = text; }
    said = text;
  }
  document.addEventListener("DOMContentLoaded", announce);
})();
