// orgdesign serve: small comforts on top of pages that work without script.
// 1. A choice question answers in one click: choosing a radio button saves it
//    (checkboxes and notes still wait for the Save button).
// 2. Leaving the interview with an unsaved note asks first.
(function () {
  "use strict";
  document.documentElement.classList.add("script");   // styles (and tests) can tell script ran
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("answer-form");
    if (!form) { return; }
    var dirty = false;
    var note = form.querySelector("textarea[name=note]");
    if (note) {
      var original = note.value;
      note.addEventListener("input", function () { dirty = note.value !== original; });
    }
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
    form.querySelectorAll("fieldset.choice input[type=radio], fieldset.yes_no input[type=radio]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (dirty) { return; }   // a note is being written: let the consultant press Save
        var save = form.querySelector("button[value=save]");
        if (form.requestSubmit) { form.requestSubmit(save); } else { save.click(); }
      });
    });
  });
})();
