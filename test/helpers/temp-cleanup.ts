/** Vitest setup file: the temporary folders `tempDir` made for a test file go when its tests are done. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.ts';

afterAll(removeTempDirs);
