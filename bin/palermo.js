#!/usr/bin/env node
// Entry point of the `palermo` command. The sources are TypeScript run through tsx,
// so there is no build step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/app/main.ts');
process.exitCode = await runCli(process.argv);
