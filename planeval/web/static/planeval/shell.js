/* Behaviour of the page shell that would otherwise sit in on*= attributes, which the
   Content-Security-Policy forbids (script-src 'self', no 'unsafe-inline').
   - a <select data-autosubmit> submits its form when changed (the 行政区划 switcher). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
})();
