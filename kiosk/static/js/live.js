// Live fragments (kiosk.web.live): a poll whose answer the screen already shows changes nothing.
// The ETag of the answer on screen goes back with the next poll of the same address, so an
// unchanged fragment comes back as a 304 without a body, which is never swapped; an answer whose
// text is the one on screen (the browser's cache may turn a 304 into the stored 200) is not
// swapped either. Only answers that carry an ETag are judged: forms and actions swap as usual.
(function () {
  "use strict";

  var shown = {}; // per address: { etag, text } of the live fragment on screen

  function address(ctx) {
    var url = new URL(ctx.request.action, document.baseURI);
    return url.pathname + url.search;
  }

  function isPoll(ctx) {
    return ctx.request.method === "GET";
  }

  document.addEventListener("htmx:config:request", function (event) {
    var ctx = event.detail.ctx;
    var last = isPoll(ctx) && shown[address(ctx)];
    if (last) { ctx.request.headers["If-None-Match"] = last.etag; }
  });

  document.addEventListener("htmx:before:swap", function (event) {
    var ctx = event.detail.ctx;
    if (!isPoll(ctx) || !ctx.response) { return; }
    if (ctx.response.status === 304) { event.preventDefault(); return; }
    var etag = ctx.response.headers.get("ETag");
    if (!etag || ctx.response.status !== 200) { return; }
    var key = address(ctx);
    var last = shown[key];
    if (last && last.text === ctx.text) { event.preventDefault(); return; }
    shown[key] = { etag: etag, text: ctx.text };
  });
})();
