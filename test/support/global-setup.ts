// Runs once per `vitest run`: builds the migrated templates every test file clones from, so no test
// pays for starting PGlite from scratch and migrating.
//  - PGlite: a dump of a migrated in-memory database, written to a temp file.
//  - PostgreSQL: a migrated template database, cloned with CREATE DATABASE ... TEMPLATE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/database.js';
import { postgresAdminUrl, reachable, underCi } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateDb: string | null;
    postgresSkipReason: string | null;
    runTag: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const runTag = randomBytes(4).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
  const lite = await openDatabase();
  const templatePath = path.join(dir, 'pglite-template.tar');
  fs.writeFileSync(templatePath, await lite.dump!());
  await lite.close();

  let postgresTemplateDb: string | null = null;
  let postgresSkipReason: string | null = null;
  const adminUrl = postgresAdminUrl();
  if (await reachable(adminUrl)) {
    postgresTemplateDb = `vigil_tpl_${runTag}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${postgresTemplateDb}`);
    await admin.end();
    const server = await openDatabase({ url: withDatabase(adminUrl, postgresTemplateDb) });
    await server.close();
  } else {
    postgresSkipReason = `PostgreSQL not reachable at ${adminUrl}`;
    if (underCi()) throw new Error(`${postgresSkipReason}: under CI every suite must run`);
    console.warn(`[skip] ${postgresSkipReason}; PostgreSQL variants of the storage suites are skipped`);
  }

  project.provide('pgliteTemplatePath', templatePath);
  project.provide('postgresTemplateDb', postgresTemplateDb);
  project.provide('postgresSkipReason', postgresSkipReason);
  project.provide('runTag', runTag);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (!postgresTemplateDb) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`vigil_%${runTag}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}
