// The ordered, forward-only list of schema migrations. Never edit an applied one: add the next.
import * as m001 from './001_foundation.js';
import * as m002 from './002_enforcement.js';
import * as m003 from './003_materials.js';
import * as m004 from './004_strategies.js';
import * as m005 from './005_counters.js';
import * as m006 from './006_webhooks.js';
import * as m007 from './007_guardrails.js';
import * as m008 from './008_review.js';
import * as m009 from './009_strikes.js';
import * as m010 from './010_cases.js';
import * as m011 from './011_statements.js';
import * as m012 from './012_qa.js';
import * as m013 from './013_workforce.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
  { version: 3, ...m003 },
  { version: 4, ...m004 },
  { version: 5, ...m005 },
  { version: 6, ...m006 },
  { version: 7, ...m007 },
  { version: 8, ...m008 },
  { version: 9, ...m009 },
  { version: 10, ...m010 },
  { version: 11, ...m011 },
  { version: 12, ...m012 },
  { version: 13, ...m013 },
];
