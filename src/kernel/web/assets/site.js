// Progressive enhancement: with JavaScript, a facet click updates the results without a full
// page load; the URL still changes (history), so the state stays shareable. Without JavaScript the
// facet form's "Apply filters" button does the same through a plain GET.
(function () {
  async function go(url, push) {
    const res = await fetch(url, { headers: { accept: 'text/html' } });
    if (!res.ok) {
      location.href = url;
      return;
    }
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const next = doc.querySelector('main');
    if (!next) {
      location.href = url;
      return;
    }
    document.querySelector('main').replaceWith(next);
    document.title = doc.title;
    if (push) history.pushState({ url: url }, '', url);
  }
  document.addEventListener('change', function (e) {
    const t = e.target;
    const form = t && t.closest && t.closest('form.facets');
    if (!form || t.type !== 'checkbox') return;
    const params = new URLSearchParams(new FormData(form));
    for (const [k, v] of [...params]) if (v === '') params.delete(k);
    go((form.getAttribute('action') || '/search') + '?' + params.toString(), true);
  });
  window.addEventListener('popstate', function () {
    go(location.pathname + location.search, false);
  });
})();
