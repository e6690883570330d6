// The `vigil` command: one subcommand per file in this folder; this file only declares them.
import { Command, Option } from 'commander';
import { CliError } from './config.js';

const program = new Command();
program
  .name('vigil')
  .description('Vigil: Trust & Safety risk control. Ingest events, detect, decide, review, enforce and measure.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
Environment:
  VIGIL_DATABASE_URL   PostgreSQL server URL (default: embedded PGlite under the data folder)
  VIGIL_NATS_URL       NATS JetStream URL (default: the embedded outbox bus)
  VIGIL_DATA_DIR       data folder for the embedded database and media (default: ./.vigil)
  VIGIL_PORT           HTTP port (default: 3700)
  VIGIL_ADMIN_KEY      register this admin API key at start
  VIGIL_URL, VIGIL_API_KEY   where \`vigil ingest\`, \`vigil materials\` and \`vigil statements\` go, and with which key

Examples:
  npx vigil serve --demo                      the platform with a simulated platform feeding it
  npx vigil simulate --days 1 --out day.ndjson  write a replayable day of events
  npx vigil ingest day.ndjson --key $KEY      send it to a running Vigil
  npx vigil export --table events --format csv --out events.csv
  npx vigil export --audit --action case. --from 2026-05-01T00:00:00Z --format ndjson
  npx vigil materials import terms.csv --package scam_terms --key $KEY`,
  );

program
  .command('serve')
  .description('run the HTTP API, the console and the event consumers')
  .option('--demo', 'use ./.vigil, print the admin key, and feed a simulated platform into it')
  .option('-p, --port <port>', 'HTTP port (default 3700, or VIGIL_PORT)')
  .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
  .option('--data-dir <dir>', 'data folder (default ./.vigil)')
  .option('--seed <n>', 'demo: simulator seed')
  .option('--accounts <n>', 'demo: simulated accounts')
  .option('--speed <x>', 'demo: simulated seconds per real second')
  .action(async (opts) => (await import('./serve.js')).serveCommand(opts));

program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--data-dir <dir>', 'data folder of the embedded database (default ./.vigil)')
  .action(async (opts) => (await import('./migrate.js')).migrateCommand(opts));

program
  .command('simulate')
  .description('run the simulated platform: into a running Vigil (--url) or into an NDJSON file (--out)')
  .option('--out <file>', 'write events to this NDJSON file (media beside it in FILE.media/)')
  .option('--url <url>', 'send events to this Vigil (default VIGIL_URL)')
  .option('--key <key>', 'API key with the ingest role (default VIGIL_API_KEY)')
  .option('--seed <n>', 'random seed: the same seed gives the same platform', '1')
  .option('--accounts <n>', 'number of accounts', '20000')
  .option('--days <n>', 'simulated days', '1')
  .option('--speed <x>', 'simulated seconds per real second (with --url); with --out it runs as fast as it can')
  .action(async (opts) => (await import('./simulate.js')).simulateCommand(opts));

program
  .command('ingest')
  .description('send an NDJSON file of events to a running Vigil, retrying until each batch is acknowledged')
  .argument('<file>', 'NDJSON file, one event per line')
  .option('--url <url>', 'Vigil base URL (default VIGIL_URL or http://127.0.0.1:3700)')
  .option('--key <key>', 'API key with the ingest role (default VIGIL_API_KEY)')
  .option('--continue-on-error', 'go on after a refused batch instead of stopping')
  .option('-q, --quiet', 'no progress output')
  .action(async (file, opts) => (await import('./ingest.js')).ingestCommand(file, opts));

program
  .command('export')
  .description('export a table or a read-only query as CSV or NDJSON')
  .option('--table <name>', 'a table to export whole')
  .option('--query <sql>', 'a single read-only SELECT')
  .option('--list', 'list the tables')
  .option('--audit', 'the audit log, newest first, filtered by the options below')
  .option('--actor <actor>', 'with --audit: entries by this actor')
  .option('--action <prefix>', 'with --audit: actions starting with this, e.g. queue. or case.close')
  .option('--target-type <type>', 'with --audit: entries on targets of this type')
  .option('--target-id <id>', 'with --audit: entries on this target id')
  .option('--from <time>', 'with --audit: entries at or after this time (ISO 8601)')
  .option('--to <time>', 'with --audit: entries before this time (ISO 8601)')
  .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('csv'))
  .option('--out <file>', 'output file (default: standard output)')
  .option('--data-dir <dir>', 'data folder of the embedded database (default ./.vigil)')
  .option('--url <url>', 'export from a running Vigil instead (needed while it holds the embedded database)')
  .option('--key <key>', 'with --url: an API key with the analyst or admin role (default VIGIL_API_KEY)')
  .action(async (opts) => (await import('./export.js')).exportCommand(opts));

const materials = program.command('materials').description('import and export material packages on a running Vigil');
materials
  .command('import')
  .description('check a file of materials locally, then import it into a package as one new version')
  .argument('<file>', 'CSV (with a header), JSON array, NDJSON, or an HMA / ThreatExchange hash file')
  .requiredOption('--package <id>', 'the package to import into')
  .addOption(new Option('--format <format>', 'file format (default: from the file name)').choices(['csv', 'json', 'ndjson', 'hma']))
  .addOption(new Option('--mode <mode>', 'merge: add and update; replace: also retire what the file does not hold').choices(['merge', 'replace']).default('merge'))
  .option('--policy <id>', 'policy of rows that name none (needed for hash files)')
  .addOption(new Option('--status <status>', 'status of rows that give none (default testing)').choices(['testing', 'active', 'retired']))
  .option('--url <url>', 'Vigil base URL (default VIGIL_URL or http://127.0.0.1:3700)')
  .option('--key <key>', 'API key with the analyst or admin role (default VIGIL_API_KEY)')
  .option('-q, --quiet', 'no progress output')
  .action(async (file, opts) => void (await (await import('./materials.js')).materialsImportCommand(file, opts)));
materials
  .command('export')
  .description('export a package as CSV or JSON (the shapes import reads)')
  .requiredOption('--package <id>', 'the package to export')
  .addOption(new Option('--format <format>', 'output format (default csv, or json for an --out ending in .json)').choices(['csv', 'json']))
  .option('--out <file>', 'output file (default: standard output)')
  .option('--url <url>', 'Vigil base URL (default VIGIL_URL or http://127.0.0.1:3700)')
  .option('--key <key>', 'API key (default VIGIL_API_KEY)')
  .action(async (opts) => (await import('./materials.js')).materialsExportCommand(opts));

const statements = program.command('statements').description('statements of reasons (EU DSA Transparency Database) of a running Vigil');
statements
  .command('export')
  .description('write the statements as files of at most 100, each a body the Transparency Database API takes as is')
  .option('--after <id>', 'only statements after this id (the last one of an earlier export)')
  .option('--out <dir>', 'folder for the files (default: the current folder)')
  .option('--url <url>', 'Vigil base URL (default VIGIL_URL or http://127.0.0.1:3700)')
  .option('--key <key>', 'API key with the admin, analyst or viewer role (default VIGIL_API_KEY)')
  .option('-q, --quiet', 'no summary line')
  .action(async (opts) => void (await (await import('./statements.js')).statementsExportCommand(opts)));

const strategies = program.command('strategies').description('check and save strategies (rule-language files) on a running Vigil');
strategies
  .command('check')
  .description('check a strategy file against the running catalogue; errors print as FILE:LINE:COL')
  .argument('<file>', 'a strategy in the rule language (docs/rules.md)')
  .option('--url <url>', 'Vigil base URL (default VIGIL_URL or http://127.0.0.1:3700)')
  .option('--key <key>', 'API key with the analyst or admin role (default VIGIL_API_KEY)')
  .action(async (file, opts) => (await import('./strategies.js')).strategiesCheckCommand(file, opts));
strategies
  .command('push')
  .description('save a strategy file as a new version (creating the strategy if needed), optionally moving it to a state')
  .argument('<file>', 'a strategy in the rule language')
  .requiredOption('--id <id>', 'the strategy id')
  .option('--name <name>', 'display name (default: the id, or the current name)')
  .option('--note <text>', 'what this version changes')
  .addOption(new Option('--state <state>', 'then move the version to this state').choices(['shadow', 'rollout', 'live']))
  .option('--percent <n>', 'rollout percentage (with --state rollout)')
  .option('--url <url>', 'Vigil base URL (default VIGIL_URL or http://127.0.0.1:3700)')
  .option('--key <key>', 'API key with the analyst or admin role (default VIGIL_API_KEY)')
  .action(async (file, opts) => (await import('./strategies.js')).strategiesPushCommand(file, opts));

program
  .command('backtest')
  .description('run a strategy version over stored history with no effects, with a progress bar, and print its report')
  .requiredOption('--strategy <id>', 'the strategy')
  .option('--strategy-version <n>', 'the version (default: the candidate, else the live one, else the latest)')
  .requiredOption('--from <time>', 'start of the range (RFC 3339)')
  .option('--to <time>', 'end of the range (default: now)')
  .option('--json', 'print the whole report as JSON')
  .option('-q, --quiet', 'no progress bar')
  .option('--url <url>', 'Vigil base URL (default VIGIL_URL or http://127.0.0.1:3700)')
  .option('--key <key>', 'API key with the analyst or admin role (default VIGIL_API_KEY)')
  .action(async (opts) => (await import('./strategies.js')).backtestCommand({ ...opts, version: opts.strategyVersion }));

program.parseAsync(process.argv).catch((err: Error) => {
  if (err instanceof CliError || err.name === 'DataDirLockedError' || err.name === 'ExportError' || err.name === 'NdjsonLineError') {
    console.error(`vigil: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
