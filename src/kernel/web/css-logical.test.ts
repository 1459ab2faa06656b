/**
 * Right-to-left pages need CSS logical properties: no stylesheet of the app may use a physical left or
 * right (margin-left, padding-right, border-left, left:, text-align: right, float: left ...), which
 * would stay on the same side in Arabic. Use margin-inline-start, inset-inline-end, text-align: end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../..', import.meta.url));

const stylesheets = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? stylesheets(join(dir, e.name)) : e.name.endsWith('.css') ? [join(dir, e.name)] : [],
  );

/** Declarations that name a physical side, with their file and line. */
export function physicalSides(css: string): string[] {
  const out: string[] = [];
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  noComments.split('\n').forEach((line, i) => {
    const property =
      /(?:^|[;{\s])((?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)\b|(?:left|right)\s*:)/;
    const value = /\b(?:text-align|float|clear|caption-side|resize)\s*:\s*(?:left|right)\b/;
    const radius = /border-(?:top|bottom)-(?:left|right)-radius/;
    if (property.test(line) || value.test(line) || radius.test(line)) out.push(`${i + 1}: ${line.trim()}`);
  });
  return out;
}

describe('stylesheets use logical properties', () => {
  it('finds physical sides (the check itself)', () => {
    expect(physicalSides('a { margin-left: 1rem; }\nb { text-align: right }\nc { left: 0 }')).toHaveLength(3);
    expect(physicalSides('a { margin-inline-start: 1rem; text-align: end; inset-inline-start: 0 } /* left */')).toEqual(
      [],
    );
  });

  it('no stylesheet under src/ names left or right', () => {
    const files = stylesheets(SRC);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const found = files.flatMap((f) =>
      physicalSides(readFileSync(f, 'utf8')).map((l) => `${f.slice(SRC.length)}:${l}`),
    );
    expect(found).toEqual([]);
  });
});
