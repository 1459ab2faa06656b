/**
 * The compiled build (scripts/build.mjs, ADR 0004): what `npm start` runs. Built into a temporary folder (the
 * repository's build/ is left to `npm start`), then served as a real process on a real SQLite file: pages,
 * catalogs, assets and the demo content must all be found from the compiled tree, without tsx.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempDir } from '../helpers/test-app.ts';

const ROOT = join(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/build.mjs');

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

async function serve(entry: string, db: string) {
  const port = 40000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [entry, 'serve', '--port', String(port)], {
    env: { PATH: process.env.PATH, PALERMO_DB_PATH: db, PALERMO_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the built server exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() - started > 120_000) throw new Error(`the built server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origin,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

describe('the compiled build', { timeout: 240_000 }, () => {
  it('compiles every source file, copies the rest, and serves the app from it without tsx', async () => {
    const parent = tempDir('palermo-build-');
    // Packages resolve from the folder above the build, as they do from the repository's build/.
    symlinkSync(join(ROOT, 'node_modules'), join(parent, 'node_modules'));
    const out = join(parent, 'build');
    const r = spawnSync(process.execPath, [SCRIPT, '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/files compiled to/);

    const built = files(out).map((f) => relative(out, f));
    const sources = files(join(ROOT, 'src'))
      .map((f) => relative(join(ROOT, 'src'), f))
      .filter((f) => !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
    for (const f of sources) expect(built, f).toContain(f.replace(/\.ts$/, '.js'));
    expect(built.filter((f) => f.endsWith('.ts'))).toEqual([]);
    // No import of a .ts path survives the compilation.
    const tsImports = built
      .filter((f) => f.endsWith('.js'))
      .filter((f) => /(from|import\()\s*['"][^'"]+\.ts['"]/.test(readFileSync(join(out, f), 'utf8')));
    expect(tsImports).toEqual([]);

    const { buildIsFresh } = (await import(SCRIPT)) as { buildIsFresh: (dir?: string) => boolean };
    expect(buildIsFresh(out)).toBe(true);
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    expect(buildIsFresh(empty)).toBe(false);

    const entry = join(parent, 'run.mjs');
    writeFileSync(
      entry,
      "const { runCli } = await import('./build/app/main.js');\nprocess.exitCode = await runCli(process.argv);\n",
    );
    const server = await serve(entry, join(tempDir(), 'palermo.db'));
    try {
      const search = await fetch(`${server.origin}/api/v1/search?q=trafficking&limit=5`);
      expect(search.status).toBe(200);
      const body = (await search.json()) as { total: number };
      expect(body.total).toBeGreaterThan(0); // the demo cases, read from the copied seed file
      const fr = await fetch(`${server.origin}/fr/search?q=exploitation`);
      expect(fr.status).toBe(200);
      const html = await fr.text();
      expect(html).toMatch(/<html[^>]+lang="fr"/);
      expect(html).toContain('Rechercher'); // the French catalog, read from the copied messages
      const css = await fetch(`${server.origin}/assets/site.css`);
      expect(css.status).toBe(200);
      expect((await css.text()).length).toBeGreaterThan(100);
      expect((await fetch(`${server.origin}/treaties`)).status).toBe(200); // treaty demo seed and catalog
    } finally {
      await server.stop();
    }
    expect(existsSync(join(out, 'package.json'))).toBe(true);
  });
});
