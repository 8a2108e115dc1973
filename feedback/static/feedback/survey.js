// The survey page's live total of importance points. Optional: without it the page still works and the
// server checks that the points add up to 100.
(function () {
  "use strict";
  var box = document.getElementById("weights");
  var out = document.getElementById("weights-total");
  if (!box || !out) { return; }
  var inputs = Array.prototype.slice.call(box.querySelectorAll("input.points"));
  function update() {
    var total = inputs.reduce(function (sum, input) {
      var points = parseInt(input.value, 10);
      return sum + (isNaN(points) ? 0 : points);
    }, 0);
    out.textContent = out.getAttribute("data-template").replace("{total}", String(total));
    out.classList.toggle("error", total !== 100);
  }
  inputs.forEach(function (input) { input.addEventListener("input", update); });
  out.hidden = false;
  update();
}());
