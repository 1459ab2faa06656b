#!/usr/bin/env node
// Entry point of the `palermo` command. It runs the compiled JavaScript in build/ when that was made from src/ as
// it is now (`npm start` builds it: scripts/build.mjs), and the TypeScript sources through tsx otherwise, so there
// is still no required build step between `npm install` and any command. PALERMO_FROM_SOURCE=1 forces the sources.
// Why two ways (ADR 0004): tsx's module hooks cost some 270 MB of memory and seconds of start-up in every process.
import { buildIsFresh } from '../scripts/build.mjs';

let main;
if (process.env.PALERMO_FROM_SOURCE !== '1' && buildIsFresh()) {
  main = await import('../build/app/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  main = await import('../src/app/main.ts');
}
process.exitCode = await main.runCli(process.argv);
