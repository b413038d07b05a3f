/* Timeline filters and citations. Progressive enhancement: without JavaScript every event is listed, the
   filter form is hidden by CSS (@media (scripting: none), so that it takes its place before any script runs and
   nothing shifts) and citations show the address the build knows. No framework, no request. */
(function () {
  "use strict";

  function setUpFilters() {
    var form = document.querySelector("form.tl-filters");
    if (!form) return;
    var entries = Array.prototype.slice.call(document.querySelectorAll("li.tl-entry"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".tl-count");
    // The date filter keeps events whose period overlaps the chosen months: data-start/-end are 'YYYY-MM'.

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var wanted = params.get(select.name) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
        select.value = known ? wanted : "";
      });
    }

    function writeUrl() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      // A new history entry per change, so the back button steps back through the reader's filters.
      window.history.pushState(null, "", url);
    }

    function matches(entry) {
      return selects.every(function (select) {
        if (!select.value) return true;
        if (select.name === "from") return (entry.getAttribute("data-end") || "") >= select.value;
        if (select.name === "to") return (entry.getAttribute("data-start") || "") <= select.value;
        var values = (entry.getAttribute("data-" + select.name) || "").split(" ");
        return values.indexOf(select.value) !== -1;
      });
    }

    function hideEmptyGroups() {
      document.querySelectorAll("ol.tl-list").forEach(function (list) {
        var empty = !list.querySelector("li.tl-entry:not([hidden])");
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && heading.tagName === "H3") heading.hidden = empty;
      });
      document.querySelectorAll("article h2").forEach(function (phase) {
        var node = phase.nextElementSibling, lists = [];
        while (node && node.tagName !== "H2") {
          if (node.matches("ol.tl-list")) lists.push(node);
          node = node.nextElementSibling;
        }
        if (!lists.length) return;
        var empty = lists.every(function (list) { return list.hidden; });
        phase.hidden = empty;
        if (phase.nextElementSibling && phase.nextElementSibling.tagName === "P") phase.nextElementSibling.hidden = empty;
      });
      // The table of contents follows: a heading the filters hide is hidden there too.
      document.querySelectorAll("article h2[id], article h3[id]").forEach(function (heading) {
        document.querySelectorAll(".md-nav--secondary a.md-nav__link").forEach(function (link) {
          if (link.getAttribute("href") === "#" + heading.id) link.parentElement.hidden = heading.hidden;
        });
      });
    }

    function apply() {
      var visible = 0;
      entries.forEach(function (entry) {
        var show = matches(entry);
        entry.hidden = !show;
        if (show) visible += 1;
      });
      hideEmptyGroups();
      // The Arabic edition's form carries its words (generator/output/i18n_ar.py); the English ones are the default.
      var all = form.getAttribute("data-all"), some = form.getAttribute("data-some");
      count.textContent = visible === entries.length
        ? (all ? all.replace("{n}", entries.length) : entries.length + " events")
        : (some
          ? some.replace("{visible}", visible).replace("{n}", entries.length)
          : visible + " of " + entries.length + " events match the filters");
    }

    selects.forEach(function (select) {
      select.addEventListener("change", function () { writeUrl(); apply(); });
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls change.
      window.setTimeout(function () { writeUrl(); apply(); }, 0);
    });
    window.addEventListener("popstate", function () { readUrl(); apply(); });
    readUrl();
    apply();
  }

  function setUpCitations() {
    var now = new Date();
    var today = now.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll("[data-permalink]").forEach(function (node) {
      var absolute = new URL(node.getAttribute("data-permalink"), window.location.href).href;
      var target = node.querySelector(".tl-permalink");
      if (target) target.textContent = absolute;
      // The Arabic edition's block carries its words and month names (generator/output/i18n_ar.py): Western digits and
      // the Levant's months, as the site writes every date; the English ones are the default.
      var months = (node.getAttribute("data-months") || "").split("|");
      var date = months.length === 12 ? now.getDate() + " " + months[now.getMonth()] + " " + now.getFullYear() : today;
      // The access date is the reader's own: only their browser knows it.
      var accessed = node.querySelector(".tl-accessed");
      var words = node.getAttribute("data-accessed");
      if (accessed) accessed.textContent = words ? words.replace("{date}", date) : " Accessed " + today + ".";
      var button = node.querySelector(".tl-copy");
      var status = node.querySelector(".tl-copy-status");
      var text = node.querySelector(".tl-cite");
      if (!button || !text || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(text.textContent.trim()).then(function () {
          if (status) status.textContent = node.getAttribute("data-copied") || "Citation copied.";
        }, function () {
          if (status) status.textContent = node.getAttribute("data-failed") || "Copying failed: select the citation and copy it.";
        });
      });
    });
  }

  function labelTables() {
    // Markdown tables get their column names on each cell, which phones show when the rows stack (CSS).
    document.querySelectorAll(".md-typeset table:not(.tl-stack)").forEach(function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (names[index] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[index]);
        });
      });
    });
  }

  function nameSearchDialog() {
    // Material's search dialog has no accessible name; screen readers announce it as "dialog" otherwise.
    var dialog = document.querySelector(".md-search[role=dialog]");
    var arabic = document.documentElement.lang === "ar";
    var name = arabic ? "\u0627\u0644\u0628\u062d\u062b \u0641\u064a \u0627\u0644\u062e\u0637 \u0627\u0644\u0632\u0645\u0646\u064a" : "Search the timeline";
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", name);
  }

  // Arabic as search compares it, the same rules as generator/output/i18n.py's normalize_arabic (the build adds each
  // page's Arabic words in this form to the search index): no diacritics or tatweel, one alef, ى as ي, ة as ه,
  // hamza seats as their letter, and no article ال (nor وال، بال، فال، كال، لل) before a word.
  var TASHKIL = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var LETTERS = { "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u0629": "\u0647", "\u0624": "\u0648", "\u0626": "\u064a" };
  var ARTICLE = /(^|[^\p{L}\p{N}_])(?:\u0627\u0644|\u0648\u0627\u0644|\u0628\u0627\u0644|\u0641\u0627\u0644|\u0643\u0627\u0644|\u0644\u0644)(?=[\p{L}\p{N}_]{2,})/gu;

  function normalizeArabic(text) {
    return text.normalize("NFKC").replace(TASHKIL, "")
      .replace(/[\u0623\u0625\u0622\u0671\u0649\u0629\u0624\u0626]/g, function (c) { return LETTERS[c]; })
      .replace(ARTICLE, "$1");
  }

  function normalizeSearchQuery() {
    // The theme's search reads the box's value; it reads it normalized, while the reader still sees what they typed.
    var input = document.querySelector("input[data-md-component=search-query], .md-search__input");
    var native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
    if (!input || !native || input.hasAttribute("data-tl-normalized")) return;
    input.setAttribute("data-tl-normalized", "");
    Object.defineProperty(input, "value", {
      configurable: true,
      get: function () { return normalizeArabic(native.get.call(this)); },
      set: function (value) { native.set.call(this, value); }
    });
  }

  function nameCodeToolbars() {
    // Material gives each code block a toolbar landmark (its copy button) without a name of its own; a page with
    // several would have landmarks a screen reader cannot tell apart.
    document.querySelectorAll("nav.md-code__nav").forEach(function (nav, index) {
      var name = document.documentElement.lang === "ar" ? "\u0645\u0642\u0637\u0639 \u0628\u0631\u0645\u062c\u064a " : "Code block ";
      if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", name + (index + 1));
    });
  }

  function start() {
    setUpFilters();
    setUpCitations();
    labelTables();
    nameSearchDialog();
    normalizeSearchQuery();
    nameCodeToolbars();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
