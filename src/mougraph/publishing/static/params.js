// The parameters of a shipped query, bound in the browser as `mougraph query --param` binds them.
// The rule lives in Python (mougraph/query/params.py): the page gives this file its patterns (browser_rules)
// and, per query, the text already cut where the values go (browser_form: slots), so that here a value is
// only checked and written as a SPARQL term, and the pieces joined. tests/web/test_query_form.py runs this
// file with node against Python's bind() on the shipped queries.
(function (root) {
  "use strict";

  function rules(given) {
    var whole = function (source) { return new RegExp("^(?:" + source + ")$", "u"); };
    var lexical = {};
    Object.keys(given.lexical).forEach(function (dt) { lexical[dt] = whole(given.lexical[dt]); });
    return {
      any: given.any,
      iri: whole(given.iri),
      // Python's \w is Unicode; a RegExp's \w is ASCII even with "u"
      prefixed: whole(given.prefixed.replace(/\\w/g, "\\p{L}\\p{N}_")),
      lexical: lexical,
    };
  }

  var XSD_DATE = "http://www.w3.org/2001/XMLSchema#date";
  function realDay(value) {
    // rdflib's own check beyond the lexical form: a day of the calendar (Python's date, years 1 to 9999)
    var y = +value.slice(0, 4), m = +value.slice(5, 7), d = +value.slice(8, 10);
    var leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    return y >= 1 && days !== undefined && d >= 1 && d <= days;
  }

  // params.term: the SPARQL term for one value ("UNDEF" for any), or null when the value is refused.
  function term(r, param, value, prefixes) {
    value = value.trim();
    if (value === r.any) { return "UNDEF"; }
    if (param.type === "IRI") {
      var iri = null, m;
      if (value.charAt(0) === "<" && value.charAt(value.length - 1) === ">") {
        iri = value.slice(1, -1);
      }
      if (iri === null && (m = r.prefixed.exec(value)) && Object.prototype.hasOwnProperty.call(prefixes, m[1] || "")) {
        iri = prefixes[m[1] || ""] + m[2];
      }
      if (iri === null && (value.indexOf("://") >= 0 || value.indexOf("urn:") === 0)) { iri = value; }
      return iri !== null && r.iri.test(iri) ? "<" + iri + ">" : null;
    }
    var form = r.lexical[param.datatype];
    if (!form || !form.test(value) || (param.datatype === XSD_DATE && !realDay(value))) { return null; }
    // the lexical forms of LEXICAL hold no quote or backslash: written as rdflib's n3() writes them
    return "\"" + value + "\"^^<" + param.datatype + ">";
  }

  // params.bind: {text} with the values given (name -> list; none given: the defaults), or {refused: [...]},
  // each refused value as {name, value}.
  function bind(r, form, given) {
    var cells = {}, refused = [];
    form.params.forEach(function (param) {
      var values = (given[param.name] && given[param.name].length ? given[param.name] : param.defaults);
      if (!values.length) { values = [r.any]; }
      cells[param.name] = values.map(function (value) {
        var cell = term(r, param, value, form.prefixes);
        if (cell === null) { refused.push({ name: param.name, value: value.trim() }); }
        return cell;
      }).join(" ");
    });
    if (refused.length) { return { refused: refused }; }
    return { text: form.template.map(function (part, n) { return n % 2 ? cells[part] : part; }).join("") };
  }

  var api = { rules: rules, term: term, bind: bind };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { root.mougraphParams = api; }
})(this);
