// The query page: YASGUI on mougraph's own endpoint, with the shipped queries as examples.
// Nothing here reaches the network: the only autocompleters used work offline, and the
// endpoint list holds only this endpoint.
// Answers are made readable: the table starts in YASR's simple view (literals as values, no ^^datatype) and
// unabridged, and every IRI of the dataset is shown by its label (from search-index.js) and links to its page.
// YASGUI's own words are swapped for the page's language (data-words, from publishing/i18n.py).
// A query's leading comment is its question: shown above the editor, not put into it.
(function () {
  "use strict";
  var holder = document.getElementById("yasgui");
  var endpointEl = document.getElementById("endpoint");
  if (!holder || !endpointEl) { return; }
  var isStatic = endpointEl.getAttribute("data-static") === "true";
  var idBase = endpointEl.getAttribute("data-id-base");
  var root = endpointEl.getAttribute("data-root");
  var lang = endpointEl.getAttribute("data-lang");
  var page = lang === "ko" ? "index.html" : "index." + lang + ".html";
  var words = JSON.parse(holder.getAttribute("data-words") || "{}");
  var labels = {};
  (window.MOUGRAPH_SEARCH || []).forEach(function (e) { labels[e.p] = e.l[lang]; });

  function translate(node) {
    if (lang === "en") { return; }
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var text;
    while ((text = walker.nextNode())) {
      var key = text.nodeValue.trim();
      if (words[key]) { text.nodeValue = text.nodeValue.replace(key, words[key]); }
    }
    node.querySelectorAll("[title], [placeholder], [aria-label]").forEach(function (el) {
      ["title", "placeholder", "aria-label"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v && words[v]) { el.setAttribute(attr, words[v]); }
      });
    });
  }
  function relabel(root_el) {
    root_el.querySelectorAll("a.iri").forEach(function (a) {
      var iri = a.getAttribute("href");
      if (!iri || iri.indexOf(idBase) !== 0 || a.getAttribute("data-iri")) { return; }
      var path = "/id/" + iri.substring(idBase.length);
      a.setAttribute("data-iri", iri);
      a.title = iri;
      if (labels[path]) { a.textContent = labels[path]; }
      a.href = root + path.replace(/^\//, "") + "/" + page;
      a.target = "_self";
    });
  }
  function showQuestion(name) {
    var comment = document.getElementById("comment-" + name);
    var box = document.getElementById("question");
    document.getElementById("question-text").textContent = comment ? comment.textContent : "";
    box.hidden = !comment || !comment.textContent.trim();
  }
  function exampleText(name) {
    var el = document.getElementById("text-" + name);
    return el ? el.textContent : "";
  }

  // The form of a shipped query's parameters: one field per parameter (several for one taking several
  // values), prefilled with its defaults; its values are bound by params.js as `mougraph query --param` binds.
  var paramsForm = document.getElementById("params");
  var paramFields = document.getElementById("param-fields");
  var paramErrors = document.getElementById("param-errors");
  var paramWords = JSON.parse(paramsForm.getAttribute("data-words") || "{}");
  var paramRules = window.mougraphParams && window.mougraphParams.rules(JSON.parse(paramsForm.getAttribute("data-rules")));
  var shownForm = null, shownName = null;
  function say(key, name, value) {
    return paramWords[key].replace("{name}", name).replace("{value}", value === undefined ? "" : value);
  }
  function valueInput(param, value) {
    var input = document.createElement("input");
    input.type = param.datatype === "http://www.w3.org/2001/XMLSchema#date" ? "date" : "text";
    input.name = param.name;
    input.className = "param-value";
    if (param.type === "IRI") { input.placeholder = paramWords.iri_hint; input.spellcheck = false; }
    input.setAttribute("autocapitalize", "off");
    input.value = value === paramRules.any ? "" : value;
    return input;
  }
  function valueRow(param, value, list) {
    var row = document.createElement("span");
    row.className = "param-row";
    row.appendChild(valueInput(param, value));
    if (param.many) {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "param-remove";
      remove.textContent = paramWords.remove;
      remove.addEventListener("click", function () { if (list.children.length > 1) { row.remove(); } });
      row.appendChild(remove);
    }
    list.appendChild(row);
  }
  function showForm(name) {
    var article = document.getElementById("example-" + name);
    var data = article && article.getAttribute("data-form");
    shownForm = data && paramRules ? JSON.parse(data) : null;
    shownName = name;
    paramFields.textContent = "";
    paramErrors.hidden = true;
    paramsForm.hidden = !shownForm;
    if (!shownForm) { return; }
    shownForm.params.forEach(function (param, n) {
      var box = document.createElement("div");
      box.className = "param";
      box.setAttribute("data-param", param.name);
      var label = document.createElement("label");
      label.htmlFor = "param-" + n;
      label.textContent = (param.descriptions[lang] || param.description) + " ";
      var code = document.createElement("code");
      code.textContent = param.name;
      label.appendChild(code);
      box.appendChild(label);
      var list = document.createElement("span");
      list.className = "param-values";
      var values = param.defaults.filter(function (v) { return v !== paramRules.any; });
      (values.length ? values : [""]).forEach(function (v) { valueRow(param, v, list); });
      list.querySelector("input").id = "param-" + n;
      box.appendChild(list);
      if (param.many) {
        var add = document.createElement("button");
        add.type = "button";
        add.className = "param-add";
        add.textContent = paramWords.add;
        add.addEventListener("click", function () { valueRow(param, "", list); });
        box.appendChild(add);
      }
      var any = document.createElement("label");
      any.className = "param-any";
      var tick = document.createElement("input");
      tick.type = "checkbox";
      tick.checked = param.defaults.indexOf(paramRules.any) >= 0;
      tick.addEventListener("change", function () {
        list.querySelectorAll("input").forEach(function (i) { i.disabled = tick.checked; });
      });
      any.appendChild(tick);
      any.appendChild(document.createTextNode(" " + paramWords.any));
      box.appendChild(any);
      tick.dispatchEvent(new Event("change"));
      paramFields.appendChild(box);
    });
  }
  // The text the form's values give, or null after saying in the page which values are refused.
  function formText() {
    var given = {}, problems = [];
    paramFields.querySelectorAll("input.param-value").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    shownForm.params.forEach(function (param) {
      var box = paramFields.querySelector('[data-param="' + param.name + '"]');
      if (box.querySelector(".param-any input").checked) { given[param.name] = [paramRules.any]; return; }
      var inputs = Array.prototype.slice.call(box.querySelectorAll("input.param-value"));
      // a date input holds "" for what is not a date: its text is gone, so the message says so
      given[param.name] = inputs.map(function (i) { return i.value.trim(); }).filter(function (v) { return v; });
      if (!given[param.name].length) {
        problems.push(say("empty", param.name));
        inputs.forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
      }
    });
    var bound = problems.length ? { refused: [] } : window.mougraphParams.bind(paramRules, shownForm, given);
    (bound.refused || []).forEach(function (r) {
      var param = shownForm.params.filter(function (p) { return p.name === r.name; })[0];
      var key = param.type === "IRI" ? "bad_iri" : param.datatype === "http://www.w3.org/2001/XMLSchema#date" ? "bad_date" : "bad_value";
      problems.push(say(key, r.name, r.value));
      paramFields.querySelectorAll('[data-param="' + r.name + '"] input.param-value').forEach(function (i) {
        if (i.value.trim() === r.value) { i.setAttribute("aria-invalid", "true"); }
      });
    });
    paramErrors.textContent = "";
    problems.forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      paramErrors.appendChild(line);
    });
    paramErrors.hidden = !problems.length;
    return problems.length ? null : bound.text;
  }

  var notice = document.getElementById("static-notice");
  var endpoint = new URL(endpointEl.getAttribute("data-endpoint"), document.baseURI).href;
  function precomputedOnly() {
    // No server and no engine: each example opens its precomputed answer instead.
    document.querySelectorAll("button.run-example, button.load-example").forEach(function (button) {
      button.addEventListener("click", function () {
        var name = button.getAttribute("data-name");
        var stored = document.getElementById("stored-" + name);
        showQuestion(name);
        if (stored) { stored.open = true; stored.scrollIntoView({ behavior: "instant", block: "start" }); }
        if (notice) { notice.textContent = notice.getAttribute("data-answer"); }
      });
    });
    holder.hidden = true;
  }
  var engineWorks = isStatic && typeof Yasgui !== "undefined" && window.oxigraphReady && window.MOUGRAPH_DATA
    && typeof WebAssembly !== "undefined";
  if (typeof Yasgui === "undefined" || (isStatic && !engineWorks)) { precomputedOnly(); return; }
  if (isStatic) {
    // The static site's endpoint does not exist: its requests are answered here, by Oxigraph in the browser.
    var staticText = notice.textContent;
    notice.textContent = notice.getAttribute("data-loading");
    var store = window.oxigraphReady.then(function (ox) {
      var s = new ox.Store();
      s.load(window.MOUGRAPH_DATA.text, { format: window.MOUGRAPH_DATA.format });
      return s;
    });
    store.then(function () { notice.textContent = notice.getAttribute("data-ready"); }, function (e) {
      console.warn(e);
      notice.textContent = staticText;
    });
    var realFetch = window.fetch.bind(window);
    window.fetch = function (input, init) {
      var request = input instanceof Request ? input : new Request(input, init);
      if (request.url.split("?")[0] !== endpoint) { return realFetch(input, init); }
      var body = request.method === "POST" ? request.text() : Promise.resolve(new URL(request.url).search.slice(1));
      return Promise.all([store, body]).then(function (both) {
        var query = new URLSearchParams(both[1]).get("query") || "";
        var graph = /^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n|#[^\n]*\n|\s)*(CONSTRUCT|DESCRIBE)\b/i.test(query);
        var type = graph ? "text/turtle" : "application/sparql-results+json";
        try {
          var answer = both[0].query(query, { results_format: type });
          return new Response(answer, { status: 200, headers: { "Content-Type": type } });
        } catch (e) {
          return new Response(String(e), { status: 400, headers: { "Content-Type": "text/plain" } });
        }
      }, function (e) {
        return new Response(String(e), { status: 503, headers: { "Content-Type": "text/plain" } });
      });
    };
  }

  if (Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table) {
    var language = Yasgui.Yasr.plugins.table.defaults.tableConfig.language || {};
    if (lang !== "en") {
      language.info = words["Showing _START_ to _END_ of _TOTAL_ _ENTRIES-TOTAL_"];
      language.emptyTable = words["No data available in table"];
    }
    Yasgui.Yasr.plugins.table.defaults.tableConfig.language = language;
  }
  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: endpoint, method: "POST", acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9", acceptHeaderGraph: "text/turtle,*/*;q=0.9" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["prefixes", "variables"], resizeable: true, editorHeight: "260px" },
  });
  window.mougraphYasgui = yasgui;

  function readable(tab) {
    var yasr = tab.getYasr && tab.getYasr();
    if (!yasr || yasr.mougraphReadable) { return; }
    yasr.mougraphReadable = true;
    var table = yasr.config.plugins.table;
    if (table) { table.dynamicConfig = Object.assign({ compact: true, isEllipsed: false }, table.dynamicConfig || {}); }
    yasr.on("drawn", function () { relabel(yasr.resultsEl); translate(yasr.rootEl); });
  }
  yasgui.on("query", function (_y, tab) { readable(tab); });
  readable(yasgui.getTab());
  translate(holder);
  new MutationObserver(function () { translate(holder); }).observe(holder, { childList: true, subtree: true });

  function load(name) {
    var tab = yasgui.getTab();
    tab.setEndpoint(endpoint);
    tab.getYasqe().setValue(exampleText(name));
    showQuestion(name);
    showForm(name);
    document.getElementById("question").scrollIntoView({ behavior: "instant", block: "start" });
    return tab;
  }
  document.querySelectorAll("button.load-example").forEach(function (button) {
    button.addEventListener("click", function () { load(button.getAttribute("data-name")); });
  });
  document.querySelectorAll("button.run-example").forEach(function (button) {
    button.addEventListener("click", function () {
      var tab = load(button.getAttribute("data-name"));
      readable(tab);
      tab.getYasqe().query().catch(function (e) { console.warn(e); });
    });
  });
  paramsForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = shownForm && formText();
    if (!text) { return; }
    var tab = yasgui.getTab();
    tab.setEndpoint(endpoint);
    tab.getYasqe().setValue(text);
    readable(tab);
    tab.getYasqe().query().catch(function (e) { console.warn(e); });
  });
  document.getElementById("param-reset").addEventListener("click", function () {
    if (shownName) { showForm(shownName); }
  });
})();
