/** Dependencies point one way (docs/architecture.md): core imports no other package of ours. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-stands-alone',
      comment: 'core finds projections and plugins at run time, by manifest; it never imports them',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(projections|plugins|web|sdk|scripts)/' },
    },
    {
      name: 'read-side-and-plugins-use-core-only',
      severity: 'error',
      from: { path: '^(projections|plugins)/' },
      to: { path: '^(web|sdk|scripts)/' },
    },
    {
      name: 'no-reaching-into-core-internals',
      comment:
        'other packages import @monity/core (or @monity/core/testing in tests), not its files',
      severity: 'error',
      from: { path: '^(projections|plugins|scripts|sdk)/' },
      to: {
        path: '^core/(src|test)/',
        pathNot:
          '^core/src/index\\.ts$|^core/test/support/index\\.ts$|^core/test/http/startTestServer\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'] },
  },
};
