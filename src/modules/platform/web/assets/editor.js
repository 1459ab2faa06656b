// Editor pages: ask before leaving a case form with unsaved changes. The forms work without it.
(function () {
  var form = document.querySelector('form.case-editor');
  if (!form) return;
  var dirty = false;
  form.addEventListener('input', function () {
    dirty = true;
  });
  form.addEventListener('submit', function () {
    dirty = false;
  });
  window.addEventListener('beforeunload', function (e) {
    if (dirty) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
})();
