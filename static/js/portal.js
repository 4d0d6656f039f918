// Small progressive enhancements; every page also works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit, take the reader to the list of what to correct.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // On a phone, a list's filters fold behind one button so the rows come first; they stay
  // open when a filter is in use, and on wider screens they are always shown.
  if (window.matchMedia("(max-width: 699px)").matches) {
    var label = document.body.getAttribute("data-filters-label") || "Filters";
    document.querySelectorAll("form.filters").forEach(function (form, index) {
      var inUse = Array.prototype.some.call(form.elements, function (field) {
        return field.name && field.type !== "submit" && field.type !== "hidden" && field.value;
      });
      if (inUse) { return; }
      var id = form.id || "filters-" + index;
      form.id = id;
      form.hidden = true;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button filters-toggle";
      button.textContent = label;
      button.setAttribute("aria-controls", id);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("data-action", "show-filters");
      button.addEventListener("click", function () {
        form.hidden = !form.hidden;
        button.setAttribute("aria-expanded", form.hidden ? "false" : "true");
      });
      form.parentNode.insertBefore(button, form);
    });
  }
});
