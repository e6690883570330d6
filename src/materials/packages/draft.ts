// One imported material, checked: the schema (as for a request body) with import defaults filled in,
// then the kind rules. Severity and policy may be left out; import.ts settles them against the package.
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { TypeCompiler, ValueErrorType } from '@sinclair/typebox/compiler';
import { MaterialInputSchema, type MaterialInput, type MaterialStatus } from '../../domain/index.js';
import type { ImportProblem } from './errors.js';
import { checkKindRules } from './validate.js';

const props = MaterialInputSchema.properties;
export const MaterialDraftSchema = Type.Object({ ...props, severity: Type.Optional(props.severity), policy_id: Type.Optional(props.policy_id) }, { additionalProperties: false });
/**
 * A material as imported: like MaterialInput, but severity and policy may be omitted (a new material then
 * takes the policy's tier, or fails without a policy; an existing one keeps its own).
 */
export type MaterialDraft = Static<typeof MaterialDraftSchema>;

const checker = TypeCompiler.Compile(MaterialDraftSchema);
export const MATERIAL_FIELDS = Object.keys(props) as (keyof MaterialInput)[];

/** Defaults for fields a row leaves out: the import's `policy` and `status` options. */
export interface ImportDefaults {
  policy_id?: string;
  /** Status of rows that give none; `testing` unless the import says otherwise, so new material records hits before it acts. */
  status?: MaterialStatus;
}

function problemText(error: { type: ValueErrorType; message: string; value: unknown; schema: unknown }): string {
  if (error.value === undefined) return 'is required';
  if (error.type === ValueErrorType.Union) {
    const options = ((error.schema as { anyOf?: { const?: unknown }[] }).anyOf ?? []).map((s) => s.const).filter((c) => c !== undefined);
    if (options.length) return `must be one of ${options.join(', ')}; got ${JSON.stringify(error.value)}`;
  }
  return error.message.charAt(0).toLowerCase() + error.message.slice(1);
}

/** Optional fields a row may clear: an empty CSV cell in their column, or null in JSON. */
export const CLEARABLE = new Set(['within', 'max_distance', 'min_frame_share', 'note']);
/** Marks a field the row gives as empty (so an existing material's value is cleared, not kept). */
export const CLEAR = Symbol('clear');

export interface CheckedDraft {
  draft: MaterialDraft;
  /** Fields the row did not give: a material the package already has keeps its own values for them. */
  absent: readonly string[];
}

/**
 * Checks one raw row (already converted from its format's text) and fills defaults. `where(field)` names
 * the field's place in the input. Returns the draft and the fields it left out, or records a problem.
 */
export function checkDraft(raw: Record<string, unknown>, where: (field?: string) => string, defaults: ImportDefaults, problems: ImportProblem[]): CheckedDraft | undefined {
  const row: Record<string, unknown> = { languages: [], exceptions: [], opt_out: [], match_mode: 'word', status: defaults.status ?? 'testing' };
  if (defaults.policy_id !== undefined) row.policy_id = defaults.policy_id;
  const absent: string[] = [];
  for (const field of MATERIAL_FIELDS) if (raw[field] === undefined) absent.push(field);
  // A field left out (undefined) takes the default; a field given overrides it; a cleared one is left empty.
  for (const [key, value] of Object.entries(raw)) {
    if (value === CLEAR || (value === null && CLEARABLE.has(key))) delete row[key];
    else if (value !== undefined) row[key] = value;
  }
  if (!checker.Check(row)) {
    const first = checker.Errors(row).First()!;
    const field = first.path.split('/').filter(Boolean)[0];
    if (first.type === ValueErrorType.ObjectAdditionalProperties) {
      const extra = Object.keys(row).find((k) => !(k in (MaterialDraftSchema as TObject).properties));
      problems.push({ where: where(extra), message: `${JSON.stringify(extra)} is not a material field; fields: ${MATERIAL_FIELDS.join(', ')}` });
    } else {
      problems.push({ where: where(field), message: problemText(first) });
    }
    return undefined;
  }
  const checked = checkKindRules(row as MaterialDraft);
  if (!checked.ok) {
    problems.push({ where: where(checked.field), message: checked.message });
    return undefined;
  }
  return { draft: checked.material, absent };
}

/** The natural key: an import updates the material with the same key instead of adding a copy. */
export const naturalKey = (m: { kind: string; value: string; near?: string | null }) => `${m.kind}\u0000${m.value}\u0000${m.near ?? ''}`;
