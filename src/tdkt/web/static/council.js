// Tình hình bỏ phiếu: the secretary's attendance and turnout (never a count), refreshed every few
// seconds (no inline scripts: CSP).
(function () {
  "use strict";
  var box = document.getElementById("turnout");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-src");
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { box.innerHTML = html; } })
      .catch(function () { /* offline for a moment: try again next time */ });
  }
  window.setInterval(refresh, 5000);
})();
