/**
 * Palermo's boundaries (docs/ARCHITECTURE.md):
 * - the kernel never imports a module or the app;
 * - a module uses another module only through that module's index.ts;
 * - nothing imports the app except the app (and tests);
 * - src never imports test/ or bench/;
 * - no import cycles.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: split the shared part out, or pass it in from the composition root.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-knows-no-module',
      severity: 'error',
      comment: 'The kernel is shared by every module and has no domain knowledge.',
      from: { path: '^src/kernel/' },
      to: { path: '^src/(modules|app)/' },
    },
    {
      name: 'module-through-index',
      severity: 'error',
      comment: "A module uses another only through that module's index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'app-through-index',
      severity: 'error',
      comment: "The composition root also uses a module only through its index.ts.",
      from: { path: '^src/app/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'modules-do-not-import-app',
      severity: 'error',
      comment: 'src/app is the composition root: it imports modules, never the reverse.',
      from: { path: '^src/(modules|kernel)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/app/' },
    },
    {
      name: 'src-not-test',
      severity: 'error',
      comment: 'Shipped code never imports tests, fixtures or benchmarks.',
      from: { path: '^src/', pathNot: '\\.(test|contract)\\.ts$' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
