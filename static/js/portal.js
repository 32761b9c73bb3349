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
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSwap", function (event) {
    enhance(event.target);
    // Tell assistive technology where the new content is.
    var focus = event.target.querySelector("[data-focus-after-swap]");
    if (focus) focus.focus();
  });
})();
