/**
 * The phrases of an FTS5 expression as FtsCompiler writes it, in the order FTS5 numbers them (left to right):
 * each as an expression of its own, with its column filter (`title : "victim"`, `"recruit"*`). FTS5's bm25()
 * sums one term per phrase in that order; phrase-stats.ts computes the same sum from these phrases.
 *
 * The grammar read is only what the compiler writes: quoted phrases (`""` inside for a quote), an optional `*`
 * after one, `column :` before a phrase or a parenthesised group, AND, OR, NOT and parentheses. Anything else
 * gives null (the caller then lets FTS5 rank).
 */
const COLUMN = /^[a-z]+$/;

export interface FtsPhrases {
  phrases: string[];
  /** True when the expression is only an OR of its phrases: each phrase's rows are then among its matches. */
  union: boolean;
}

export function ftsPhrases(expr: string): FtsPhrases | null {
  const out: string[] = [];
  let union = true;
  let i = 0;
  const space = () => {
    while (expr[i] === ' ') i++;
  };
  const phrase = (column: string | null): boolean => {
    let j = i + 1;
    let text = '';
    for (;;) {
      const q = expr.indexOf('"', j);
      if (q < 0) return false;
      text += expr.slice(j, q);
      if (expr[q + 1] === '"') {
        text += '"';
        j = q + 2;
        continue;
      }
      i = q + 1;
      break;
    }
    if (!text.trim()) return false;
    const star = expr[i] === '*' ? '*' : '';
    if (star) i++;
    out.push(`${column ? `${column} : ` : ''}"${text.replace(/"/g, '""')}"${star}`);
    return true;
  };
  // One operand: a phrase or a group, each possibly behind a column filter.
  const operand = (column: string | null): boolean => {
    space();
    if (expr[i] === '"') return phrase(column);
    if (expr[i] === '(') {
      i++;
      if (!sequence(column)) return false;
      space();
      if (expr[i] !== ')') return false;
      i++;
      return true;
    }
    const m = /^([a-z]+) : /.exec(expr.slice(i));
    if (!m || column || !COLUMN.test(m[1]!)) return false;
    i += m[0].length;
    return operand(m[1]!);
  };
  const sequence = (column: string | null): boolean => {
    if (!operand(column)) return false;
    for (;;) {
      space();
      const m = /^(AND|OR|NOT) /.exec(expr.slice(i));
      if (!m) return true;
      i += m[0].length;
      if (m[1] !== 'OR') union = false;
      if (!operand(column)) return false;
    }
  };
  if (!sequence(null)) return null;
  space();
  return i === expr.length && out.length ? { phrases: out, union } : null;
}
