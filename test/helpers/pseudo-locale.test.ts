import { describe, expect, it } from 'vitest';
import { unmarkedText } from './pseudo-locale.ts';

describe('unmarkedText', () => {
  it('finds visible text outside the marks, in text and in spoken attributes', () => {
    const page = `<html><head><title>⟦Šéáŕçĥ⟧ · Palermo</title><style>p{}</style></head><body>
      <p>⟦Fóúñđ⟧ 12</p><img alt="A chart"><button title="⟦Ĝó⟧">Go</button>
      <script>var english = 1</script><input type="submit" value="Send"></body></html>`;
    expect(unmarkedText(page).map((u) => u.text)).toEqual(['· Palermo', 'A chart', 'Go', 'Send']);
  });

  it('takes nested marks and data out before checking', () => {
    const page = '<p>⟦Ćáš ⟦ĩñ⟧ ⟧ R v Tang</p><p>Siliadin v France, 2005</p>';
    expect(unmarkedText(page, ['R v Tang', 'Siliadin v France'])).toEqual([]);
  });

  it('follows a message across the markup inside it, and still finds what follows it', () => {
    const page = '<p>⟦Đíđ ýóú ɱéáñ <a href="/s">rantsev</a>?⟧ Hard-coded</p><p>⟦Ťŕý: <code>x</code>⟧</p>';
    expect(unmarkedText(page).map((u) => u.text)).toEqual(['Hard-coded']);
  });
});
