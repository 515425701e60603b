// Keeps the "As it happens" part of the play page up to date: every two
// seconds it asks the server for that part afresh and puts it in place, unless
// the person is in the middle of using it (a control in it has the focus, or
// holds something typed), so that no one loses what they were doing.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.fetch) {
    return;
  }
  var url = live.getAttribute("data-live");
  var last = live.innerHTML;

  function busy() {
    if (live.contains(document.activeElement) && document.activeElement !== live) {
      return true;
    }
    var fields = live.querySelectorAll("input:not([type=hidden]), textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.tagName === "SELECT") {
        var first = 0;
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].defaultSelected) {
            first = j;
            break;
          }
        }
        if (f.selectedIndex !== first) {
          return true;
        }
      } else if (f.value !== f.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html !== null && html !== last && !busy()) {
          live.innerHTML = html;
          last = html;
        }
      })
      .catch(function () {})
      .then(function () {
        window.setTimeout(poll, 2000);
      });
  }
  window.setTimeout(poll, 2000);
})();
