/* Case page: draws the case's BPMN route with the vendored bpmn-js viewer and marks where the
 * case stands. Each container (.bpmn-diagram) names in data attributes the model's XML
 * (data-xml), the position resource (data-position) and its process id (data-process); no
 * inline script (CSP). Marker classes on the diagram's elements (.djs-element):
 *   current — ready user tasks and running call activities;
 *   waiting — timers waiting to fire;  done — elements already passed.
 * When drawn, the container gets data-rendered="true" (the browser test waits for it). */
(function () {
  "use strict";

  var positions = {};

  function load(url, as) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: as === "json" ? "application/json" : "application/xml" } })
      .then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        return as === "json" ? r.json() : r.text();
      });
  }

  function position(url) {
    if (!positions[url]) { positions[url] = load(url, "json"); }
    return positions[url];
  }

  function mark(viewer, ids, marker) {
    var registry = viewer.get("elementRegistry");
    var canvas = viewer.get("canvas");
    (ids || []).forEach(function (id) {
      if (registry.get(id)) { canvas.addMarker(id, marker); }  // an older model may lack the element
    });
  }

  function show(container) {
    var viewer = new window.BpmnJS({ container: container });
    return Promise.all([load(container.dataset.xml, "xml"), position(container.dataset.position)])
      .then(function (loaded) {
        return viewer.importXML(loaded[0]).then(function () { return loaded[1]; });
      })
      .then(function (pos) {
        var mine = (pos.processes || []).filter(function (p) { return p.process === container.dataset.process; })[0] || {};
        mark(viewer, mine.completed, "done");
        mark(viewer, mine.waiting, "waiting");
        mark(viewer, mine.active, "current");
        viewer.get("canvas").zoom("fit-viewport", "auto");
        container.dataset.rendered = "true";
      });
  }

  function fail(container, err) {
    container.classList.add("failed");
    container.textContent = "Không hiển thị được sơ đồ quy trình.";
    container.dataset.rendered = "error";
    if (window.console) { window.console.error(err); }
  }

  function start() {
    if (!window.BpmnJS) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".bpmn-diagram[data-xml]"), function (container) {
      show(container).catch(function (err) { fail(container, err); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
