import { it } from 'vitest';
import { makeTestApp } from '../helpers/test-app.ts';
import { seedModules } from '../../src/app/boot.ts';
import { launch } from './browser.ts';

it('shots', async () => {
  const t = await makeTestApp();
  await seedModules(t.services);
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launch();
  const urls = (process.env.SHOTS ?? '').split(',');
  for (const u of urls) {
    const [name, url, width, sel] = u.split('|');
    const ctx = await browser.newContext({ viewport: { width: Number(width ?? 1280), height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${base}${url}`);
    if (sel) await page.locator(sel).first().screenshot({ path: `/tmp/x/shots/${name}.png` });
    else await page.screenshot({ path: `/tmp/x/shots/${name}.png`, fullPage: true });
    await ctx.close();
  }
  await browser.close();
  await t.close();
}, 300_000);
