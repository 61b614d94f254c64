// The review page (issue 5): clicking a draft item highlights its span in the source text, clicking a
// highlighted span shows its item. Delegated on the document, so cards swapped in by HTMX keep working.
(function () {
  "use strict";
  function marksOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-items]"), function (m) {
      return m.dataset.items.split(" ").indexOf(id) >= 0;
    });
  }
  function show(id, from) {
    document.querySelectorAll(".is-current").forEach(function (el) { el.classList.remove("is-current"); });
    var card = document.getElementById("item-" + id);
    var marks = marksOf(id);
    if (card) card.classList.add("is-current");
    marks.forEach(function (m) { m.classList.add("is-current"); });
    var target = from === "card" ? marks[0] : card;
    if (target) target.scrollIntoView({ behavior: "smooth", block: "center" });
  }
  // arriving from a task's page (…/#item-12): show that item and its span
  var linked = /^#item-(\d+)$/.exec(window.location.hash);
  if (linked) document.addEventListener("DOMContentLoaded", function () { show(linked[1], "card"); });
  document.addEventListener("click", function (event) {
    if (event.target.closest("a, button, input, select, textarea, label")) return;
    var mark = event.target.closest("mark[data-items]");
    if (mark) { show(mark.dataset.items.split(" ")[0], "mark"); return; }
    var card = event.target.closest(".draft-item[data-item]");
    if (card) show(card.dataset.item, "card");
  });
})();
