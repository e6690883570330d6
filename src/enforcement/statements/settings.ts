// Platform-wide settings statements of reasons are built with: the territorial scope of the platform's
// decisions (every EU/EEA state the TDB accepts by default) and the URL of its terms and conditions.
// Stored in one row, changed through the API by admins; an absent row means the defaults.
import { TERRITORIAL_SCOPE_CODES, TDB_LIMITS, type TerritorialScopeCode } from '../../domain/dsa.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor } from '../../store/schema.js';

export interface StatementSettings {
  /** Where the platform's restrictions apply: EU/EEA codes, in the TDB's order. */
  territorial_scope: TerritorialScopeCode[];
  /** The platform's terms and conditions, sent as decision_ground_reference_url; null: not sent. */
  terms_url: string | null;
}

export const DEFAULT_STATEMENT_SETTINGS: StatementSettings = { territorial_scope: [...TERRITORIAL_SCOPE_CODES], terms_url: null };

export class InvalidStatementSettingsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidStatementSettingsError';
  }
}

export async function loadStatementSettings(ex: Executor): Promise<StatementSettings> {
  const row = await ex.selectFrom('statement_settings').select('settings').where('id', '=', 1).executeTakeFirst();
  return row ? { ...DEFAULT_STATEMENT_SETTINGS, ...(row.settings as Partial<StatementSettings>) } : DEFAULT_STATEMENT_SETTINGS;
}

/** Checks and normalises (scope de-duplicated, in the TDB's order); refuses what statements could not carry. */
export function checkStatementSettings(input: StatementSettings): StatementSettings {
  const scope = input.territorial_scope;
  if (!scope.length) throw new InvalidStatementSettingsError('territorial_scope', 'territorial_scope needs at least one EU/EEA country code');
  const unknown = scope.filter((c) => !(TERRITORIAL_SCOPE_CODES as readonly string[]).includes(c));
  if (unknown.length) throw new InvalidStatementSettingsError('territorial_scope', `not EU/EEA country codes the Transparency Database accepts: ${unknown.join(', ')}`);
  const url = input.terms_url;
  if (url !== null) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new InvalidStatementSettingsError('terms_url', 'terms_url must be an absolute http(s) URL');
    if ([...url].length > TDB_LIMITS.decision_ground_reference_url) throw new InvalidStatementSettingsError('terms_url', `terms_url is longer than ${TDB_LIMITS.decision_ground_reference_url} characters`);
  }
  return { territorial_scope: TERRITORIAL_SCOPE_CODES.filter((c) => scope.includes(c)), terms_url: url };
}

export async function saveStatementSettings(db: Db, input: StatementSettings, actor: string, now: Date): Promise<StatementSettings> {
  const settings = checkStatementSettings(input);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('statement_settings')
      .values({ id: 1, settings: JSON.stringify(settings), updated_at: now, updated_by: actor })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings: JSON.stringify(settings), updated_at: now, updated_by: actor }))
      .execute();
    await appendAudit(tx, now, { actor, action: 'statements.settings', target_type: 'statements', target_id: 'settings', details: { ...settings } });
  });
  return settings;
}
