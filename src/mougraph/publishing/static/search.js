// The search page: looks through window.MOUGRAPH_SEARCH (search-index.js, one entry per resource with every
// name it goes by) without any server, so that it works from a static host and from file:// alike.
// Names are compared without case, spaces or punctuation; an exact name ranks first, then a prefix, then a part.
(function () {
  "use strict";
  var list = document.getElementById("hits");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  if (!list || !status || !input) { return; }
  var lang = list.getAttribute("data-lang");
  var page = lang === "ko" ? "index.html" : "index." + lang + ".html";
  var entries = window.MOUGRAPH_SEARCH;
  if (!entries) { status.textContent = status.getAttribute("data-unavailable"); return; }
  function norm(text) { return text.toLowerCase().replace(/[\s\-–—_.,·'"()\[\]]+/g, ""); }
  entries.forEach(function (e) { e.keys = e.n.map(norm); });

  function search(query) {
    var q = norm(query);
    list.textContent = "";
    if (!q) { return; }
    var hits = [];
    entries.forEach(function (e) {
      var best = 9;
      e.keys.forEach(function (k) {
        var rank = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(q) > 0 ? 2 : 9;
        if (rank < best) { best = rank; }
      });
      if (best < 9) { hits.push({ e: e, rank: best * 2 + e.k }); }
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.e.l[lang].localeCompare(b.e.l[lang]); });
    status.textContent = hits.length ? status.getAttribute("data-count").replace("{n}", hits.length)
      : status.getAttribute("data-none");
    hits.slice(0, 100).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = hit.e.p.replace(/^\//, "") + "/" + page;
      a.textContent = hit.e.l[lang];
      var small = document.createElement("small");
      small.textContent = " " + hit.e.t[lang];
      li.appendChild(a);
      li.appendChild(small);
      list.appendChild(li);
    });
  }
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  search(input.value);
  input.addEventListener("input", function () { search(input.value); });
})();
