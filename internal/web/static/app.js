// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // Forms marked data-progress show a progress indicator while a long request runs.
  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var p = form.querySelector("progress, .progress");
      if (p) { p.hidden = false; }
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });
  // Links marked data-progress show the progress indicator of that id while the page they
  // open is computed.
  document.querySelectorAll("a[data-progress]").forEach(function (a) {
    a.addEventListener("click", function () {
      var p = document.getElementById(a.getAttribute("data-progress"));
      if (p) { p.hidden = false; }
    });
  });
  // Selects marked data-autosubmit submit their form on change (filters).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
});
