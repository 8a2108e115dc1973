// The repair form's self-help suggestions follow the kind of repair chosen and the words typed, without a page
// load. Without this script the "Look for self-help first" button does the same with one.
(function () {
  "use strict";
  var box = document.getElementById("repair-suggestions");
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var form = box.closest("form");
  var timer = null;
  var asked = 0;

  function refresh() {
    var params = new URLSearchParams();
    ["place", "trade", "description"].forEach(function (name) {
      var field = form.elements[name];
      if (field) params.set(name, field.value);
    });
    var ticket = ++asked;
    fetch(box.dataset.url + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        // an older answer arriving after a newer one must not replace it
        if (html !== null && ticket === asked) box.innerHTML = html;
      })
      .catch(function () { /* offline: the button still works */ });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "trade" || event.target.name === "place") refresh();
  });
  form.addEventListener("input", function (event) {
    if (event.target.name !== "description") return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  });
  var button = form.querySelector("[data-suggest-button]");
  if (button) button.hidden = true;
})();
