// The ordered, forward-only list of schema migrations. Never edit an applied one: add the next.
import * as m001 from './001_foundation.js';
import * as m002 from './002_enforcement.js';
import * as m003 from './003_materials.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
  { version: 3, ...m003 },
];
