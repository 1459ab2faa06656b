// The import's progress page with JavaScript: polls the JSON status, moves the <progress> bar and
// its live text, and opens the batch when the import is done (or reloads to show the errors).
// Without JavaScript the page refreshes itself instead (a meta refresh inside <noscript>).
(function () {
  'use strict';
  var bar = document.getElementById('import-progress');
  var text = document.getElementById('import-progress-text');
  if (!bar || !text) return;
  var url = bar.getAttribute('data-status');
  function finish(next) {
    bar.value = bar.max;
    bar.textContent = '100%';
    // A moment at 100% before the batch page opens, so the bar is seen (and heard) full.
    setTimeout(function () {
      window.location.assign(next);
    }, 1500);
  }
  if (bar.getAttribute('data-state') === 'done') return finish(bar.getAttribute('data-next'));
  if (bar.getAttribute('data-state') !== 'running') return;
  function poll() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (s) {
        if (!s) return setTimeout(poll, 1500);
        bar.max = Math.max(1, s.total);
        bar.value = Math.min(s.done, bar.max);
        bar.textContent = s.percent + '%';
        if (text.textContent !== s.message) text.textContent = s.message;
        if (s.state === 'done') return finish(s.next);
        if (s.state === 'failed') return window.location.assign(s.next);
        setTimeout(poll, 500);
      })
      .catch(function () {
        setTimeout(poll, 1500);
      });
  }
  setTimeout(poll, 200);
})();
