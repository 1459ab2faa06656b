import { describe, it, expect } from 'vitest';
import { isRobot, ROBOT_PATTERN_COUNT } from './robots.ts';

describe('COUNTER robots list', () => {
  it('compiles every pattern and matches case-insensitively', () => {
    expect(ROBOT_PATTERN_COUNT).toBeGreaterThan(300);
    expect(isRobot('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(true);
    expect(isRobot('MOZILLA/5.0 (COMPATIBLE; BINGBOT/2.0)')).toBe(true);
    expect(isRobot('python-requests/2.31.0')).toBe(true);
    expect(isRobot('curl/8.5.0')).toBe(true);
    expect(isRobot('')).toBe(true);
    expect(isRobot(undefined)).toBe(true);
  });

  it('lets browsers through', () => {
    expect(
      isRobot(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      ),
    ).toBe(false);
    expect(isRobot('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(false);
  });
});
