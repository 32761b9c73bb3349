// Progressive enhancements; every page works without this file.
(function () {
  "use strict";

  function enhance(root) {
    // Switchers submit themselves when a choice is made; the button stays for keyboards
    // and browsers without JavaScript, so it is only hidden here.
    root.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      if (form.dataset.enhanced) return;
      form.dataset.enhanced = "1";
      form.classList.add("autosubmit");
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.requestSubmit(); });
      });
    });
    // Counters under limited texts: "120 / 1000", announced politely near the limit.
    root.querySelectorAll("textarea[data-counter][maxlength]").forEach(function (area) {
      if (area.dataset.enhanced) return;
      area.dataset.enhanced = "1";
      var counter = document.createElement("p");
      counter.className = "help meta counter";
      counter.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", counter);
      var update = function () {
        counter.textContent = area.value.length + " / " + area.maxLength;
        counter.classList.toggle("counter-near", area.value.length > area.maxLength * 0.9);
      };
      area.addEventListener("input", update);
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSwap", function (event) {
    enhance(event.target);
    // Tell assistive technology where the new content is.
    var focus = event.target.querySelector("[data-focus-after-swap]");
    if (focus) focus.focus();
  });
})();
