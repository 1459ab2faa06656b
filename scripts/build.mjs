#!/usr/bin/env node
/**
 * Compiles src/ to plain JavaScript in build/ (same tree, same depth, so every `new URL('../x', import.meta.url)`
 * still finds its file; the non-TypeScript files are copied beside). `bin/palermo.js` runs build/ when it is up to
 * date with src/ and src/ through tsx otherwise. Why (ADR 0004): under tsx a process holds the compiler's module
 * hooks and their caches, some 270 MB and several seconds before the first line of Palermo runs.
 *
 *   node scripts/build.mjs             build now
 *   node scripts/build.mjs --if-stale  build only when src/ changed since the last build (npm start does this)
 *   node scripts/build.mjs --out DIR   build into DIR (tests); DIR/../node_modules must resolve the packages
 *
 * Each file is compiled on its own (TypeScript's transpileModule: types are erased, `.ts` import paths become
 * `.js`), without type checking: `npm run typecheck` and CI check the types.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
export const BUILD_DIR = join(ROOT, 'build');
const STAMP = '.source-stamp';

/** Files of src/ that the app runs (tests excluded), as paths relative to src/. */
function sourceFiles(dir = SRC, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (!/\.test\.ts$/.test(e.name)) out.push(relative(SRC, p));
  }
  return out.sort();
}

/** A fingerprint of src/: every file's path, size and modification time (a build is stale when it changes). */
export function sourceStamp() {
  const h = createHash('sha256');
  for (const f of sourceFiles()) {
    const s = statSync(join(SRC, f));
    h.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

/** True when build/ was made from src/ as it is now. */
export function buildIsFresh(dir = BUILD_DIR) {
  try {
    return readFileSync(join(dir, STAMP), 'utf8') === sourceStamp();
  } catch {
    return false;
  }
}

export async function build(out = BUILD_DIR) {
  const { default: ts } = await import('typescript');
  const stamp = sourceStamp();
  const next = `${out}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const options = {
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: true,
    rewriteRelativeImportExtensions: true,
  };
  let compiled = 0;
  try {
    compiled = emit(ts, next, options);
  } catch (e) {
    rmSync(next, { recursive: true, force: true });
    throw e;
  }
  // ES modules wherever the tree is put (tests build into a temporary folder).
  writeFileSync(join(next, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(next, STAMP), stamp);
  rmSync(out, { recursive: true, force: true });
  renameSync(next, out);
  return compiled;
}

/** Compiles every TypeScript file of src/ into `next` and copies the other files; returns how many compiled. */
function emit(ts, next, options) {
  let compiled = 0;
  for (const f of sourceFiles()) {
    const from = join(SRC, f);
    if (f.endsWith('.d.ts')) continue;
    if (f.endsWith('.ts')) {
      const to = join(next, f.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(to), { recursive: true });
      const r = ts.transpileModule(readFileSync(from, 'utf8'), { compilerOptions: options, fileName: from });
      writeFileSync(to, r.outputText);
      compiled++;
    } else {
      mkdirSync(dirname(join(next, f)), { recursive: true });
      cpSync(from, join(next, f));
    }
  }
  return compiled;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--out');
  const out = i >= 0 ? args[i + 1] : BUILD_DIR;
  if (!out) {
    console.error('build: --out needs a folder');
    process.exit(2);
  }
  if (args.includes('--if-stale') && buildIsFresh(out)) process.exit(0);
  try {
    const started = performance.now();
    const n = await build(out);
    const where = relative(process.cwd(), out) || out;
    console.error(`build: ${n} files compiled to ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    // Without TypeScript (an install without dev dependencies) the app still runs from src/ through tsx.
    if (existsSync(out) && !buildIsFresh(out)) rmSync(out, { recursive: true, force: true });
    console.error(`build: not built (${e.message.split('\n')[0]}); palermo will run from src/ through tsx`);
  }
}
