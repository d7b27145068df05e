// The layer rules of the architecture (docs/architecture.md), checked on the parsed import
// graph, so multi-line imports, re-exports and `import type` count like any other import.
// `npm run lint:layers` runs it; CI runs it through `npm run lint`.

// Libraries that do I/O or belong to one framework; the domain uses none of them.
const IO_AND_FRAMEWORKS = [
  'grammy',
  '@grammyjs',
  'fastify',
  '@fastify',
  'bullmq',
  'ioredis',
  'drizzle-orm',
  'drizzle-kit',
  'postgres',
  'nodemailer',
  'pino',
  'pino-pretty',
  'telegram-test-api',
  'pdfkit',
  'prom-client',
  '@bull-board',
  '@maxhub',
  'exceljs',
  'qrcode',
];
const DATABASE = ['drizzle-orm', 'postgres'];
const pkg = (names) => `^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/|$)`;
const layer = (names) => `^src/(${names.join('|')})/`;
// Node built-ins that reach outside the process; the domain keeps to pure ones (crypto, util).
const NODE_IO = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster)$';

const forbidLayers = (name, from, to, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: layer([from]) },
  to: { path: layer(to) },
});
const forbidPackages = (name, from, packages, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: layer([from]) },
  to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: pkg(packages) },
});
// What every outer layer may not reach: each other, and the composition code.
const COMPOSITION = ['cli', 'demo'];

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'The domain imports nothing of ours outside itself (DESIGN.md, "Dependency direction").',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    forbidPackages('domain-no-io-library', 'domain', IO_AND_FRAMEWORKS, 'The domain stays pure: no framework and no I/O library.'),
    {
      name: 'domain-no-node-io',
      comment: 'The domain does no I/O of its own: ports carry it.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'], path: NODE_IO },
    },
    forbidLayers(
      'bot-through-domain',
      'bot',
      ['db', 'http', 'jobs', 'notifications', ...COMPOSITION],
      'The bot reaches data through domain services only, and never the HTTP layer.',
    ),
    forbidPackages(
      'bot-no-database',
      'bot',
      [...DATABASE, 'bullmq', 'ioredis', 'nodemailer'],
      'The bot reaches data through domain services only.',
    ),
    forbidLayers(
      'http-through-domain',
      'http',
      ['db', 'bot', 'jobs', 'notifications', ...COMPOSITION],
      'HTTP reaches data through domain services only, and never the bot.',
    ),
    forbidPackages(
      'http-no-database',
      'http',
      [...DATABASE, 'grammy', '@grammyjs', 'bullmq', 'nodemailer'],
      'HTTP reaches data through domain services only.',
    ),
    forbidLayers(
      'notifications-through-domain',
      'notifications',
      ['db', 'bot', 'http', 'jobs', ...COMPOSITION],
      'Delivery reads facts through domain ports; it knows no other outer layer.',
    ),
    forbidPackages(
      'notifications-no-database',
      'notifications',
      [...DATABASE, 'fastify', '@fastify'],
      'Delivery reads facts through domain ports.',
    ),
    forbidLayers(
      'jobs-through-domain',
      'jobs',
      ['db', 'bot', 'http', 'notifications', ...COMPOSITION],
      'Scheduled work goes through domain services and ports.',
    ),
    forbidPackages(
      'jobs-no-database',
      'jobs',
      [...DATABASE, 'grammy', '@grammyjs', 'fastify', '@fastify'],
      'Scheduled work goes through domain services and ports.',
    ),
    forbidLayers(
      'db-below-features',
      'db',
      ['bot', 'http', 'jobs', 'notifications', 'documents', ...COMPOSITION],
      'Repositories implement domain ports and know nothing above them.',
    ),
    forbidLayers(
      'documents-render-only',
      'documents',
      ['db', 'bot', 'http', 'jobs', 'notifications', ...COMPOSITION],
      'The document renderer takes domain tables and returns bytes.',
    ),
    forbidLayers(
      'text-shared-below-transports',
      'i18n',
      ['db', 'bot', 'http', 'jobs', 'notifications', 'documents', ...COMPOSITION],
      'Texts are shared by the bot and notices and depend on domain types only.',
    ),
    {
      name: 'telegram-client-stands-alone',
      comment: 'The Bot API client is shared by the bot and the delivery worker, so it imports nothing of ours.',
      severity: 'error',
      from: { path: '^src/telegram/' },
      to: { path: '^src/', pathNot: '^src/telegram/' },
    },
    {
      name: 'max-client-stands-alone',
      comment: 'The MAX Bot API client is shared by the coming MAX transport and the delivery worker, so it imports nothing of ours.',
      severity: 'error',
      from: { path: '^src/max/' },
      to: { path: '^src/', pathNot: '^src/max/' },
    },
    {
      name: 'dev-stand-ins-stand-alone',
      comment:
        'The stand-ins for external services (src/dev) are servers of their own: they import nothing of ours, and only app wiring and tests use them.',
      severity: 'error',
      from: { path: '^src/dev/' },
      to: { path: '^src/', pathNot: '^src/dev/' },
    },
    forbidLayers(
      'ops-reads-domain-only',
      'ops',
      ['db', 'bot', 'http', 'jobs', 'notifications', 'documents', 'i18n', ...COMPOSITION],
      'Metrics and the dashboard see the domain; app.ts hands the other layers plain callbacks.',
    ),
    forbidPackages(
      'i18n-no-io-library',
      'i18n',
      IO_AND_FRAMEWORKS,
      'Texts are shared by the bot and the notices: no framework or I/O library.',
    ),
    {
      name: 'composition-root-only-at-top',
      comment:
        'app.ts, services.ts, bot-features.ts, the two bot runtimes, main.ts and config.ts are the composition root: no layer imports them (each part receives its slice of config).',
      severity: 'error',
      from: { path: '^src/(domain|db|bot|http|jobs|notifications|documents|i18n|ops|telegram|max|dev)/' },
      to: { path: '^src/(app|services|bot-features|max-runtime|main|config|bot-runtime)\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make start-up order and reading order fragile (type-only imports vanish at run time and do not count).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'src-not-to-tests-or-bench',
      comment: 'Production code never reaches into tests or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/|node_modules',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
