// The HTML twin's index: the search box filters the leaflets as you type, by generic, brand
// or Chinese name (medleaf site writes this file to assets/search.js; no library, no inline
// script, so a strict Content-Security-Policy holds). Without JavaScript the box stays
// hidden and the whole list shows.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var input = document.getElementById("search");
  var none = document.querySelector(".no-match");
  var items = Array.prototype.slice.call(document.querySelectorAll("#leaflets > li"));
  if (!form || !input || !none) {
    return;
  }

  // as the index writes data-search: NFKC, lower case, no quotes or brackets, one space
  function normal(text) {
    return text.normalize("NFKC").toLowerCase()
      .replace(/[「」『』“”"'()（）]/g, " ").replace(/\s+/g, " ").trim();
  }

  function filter() {
    var query = normal(input.value);
    var shown = 0;
    items.forEach(function (item) {
      var match = query === "" || item.getAttribute("data-search").indexOf(query) !== -1;
      item.hidden = !match;
      shown += match ? 1 : 0;
    });
    none.hidden = shown !== 0;
  }

  form.hidden = false;
  input.addEventListener("input", filter);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    filter();
  });
  filter();
}());
