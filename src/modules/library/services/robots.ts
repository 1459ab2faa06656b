/**
 * Robots by the COUNTER robots list (data/COUNTER_Robots_list.json, MIT, atmire/COUNTER-Robots):
 * every pattern compiled into one regular expression, matched case-insensitively. A request with no
 * user agent at all counts as a robot too (the list's own `^.?$` pattern covers empty ones).
 */
import { readFileSync } from 'node:fs';

const LIST = JSON.parse(readFileSync(new URL('../data/COUNTER_Robots_list.json', import.meta.url), 'utf8')) as {
  pattern: string;
}[];

export const ROBOT_PATTERN_COUNT = LIST.length;

const ROBOTS = new RegExp(LIST.map((p) => `(?:${p.pattern})`).join('|'), 'i');

export function isRobot(userAgent: string | undefined): boolean {
  return ROBOTS.test(userAgent ?? '');
}
