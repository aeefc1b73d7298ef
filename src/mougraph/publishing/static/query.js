// The query page: YASGUI on mougraph's own endpoint, with the shipped queries as examples.
// Nothing here reaches the network: the only autocompleters used work offline, and the
// endpoint list holds only this endpoint.
(function () {
  "use strict";
  var holder = document.getElementById("yasgui");
  var endpointEl = document.getElementById("endpoint");
  if (!holder || !endpointEl || typeof Yasgui === "undefined") { return; }
  var endpoint = new URL(endpointEl.getAttribute("data-endpoint"), document.baseURI).href;
  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: endpoint, method: "POST", acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9", acceptHeaderGraph: "text/turtle,*/*;q=0.9" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["prefixes", "variables"], resizeable: true, editorHeight: "260px" },
  });
  window.mougraphYasgui = yasgui;

  function exampleText(name) {
    var el = document.getElementById("text-" + name);
    return el ? el.textContent : "";
  }
  function load(name) {
    var tab = yasgui.getTab();
    tab.setEndpoint(endpoint);
    tab.getYasqe().setValue(exampleText(name));
    holder.scrollIntoView({ behavior: "instant", block: "start" });
    return tab;
  }
  document.querySelectorAll("button.load-example").forEach(function (button) {
    button.addEventListener("click", function () { load(button.getAttribute("data-name")); });
  });
  document.querySelectorAll("button.run-example").forEach(function (button) {
    button.addEventListener("click", function () {
      var tab = load(button.getAttribute("data-name"));
      tab.getYasqe().query().catch(function (e) { console.warn(e); });
    });
  });
})();
