/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time and the
 * most total (inclusive) time, as shares of all samples.
 *   node --import tsx bench/cpu-profile-summary.ts file.cpuprofile [top=15]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary.ts file.cpuprofile [top]');
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
const top = Number(topArg ?? 15);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const self = new Map<string, number>();
const total = new Map<string, number>();
const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
let n = 0;
for (const s of prof.samples) {
  const node = byId.get(s)!;
  if (node.callFrame.functionName === '(idle)') continue;
  n++;
  self.set(label(node), (self.get(label(node)) ?? 0) + 1);
  const seen = new Set<string>();
  for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
    const l = label(byId.get(id)!);
    if (seen.has(l) || idle.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + 1);
  }
}
const show = (m: Map<string, number>, title: string) => {
  console.log(`\n${title} (${n} samples)`);
  for (const [l, c] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * c) / n).toFixed(1).padStart(5)}%  ${l}`);
};
show(self, 'self time');
show(total, 'total time');
