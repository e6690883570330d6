// Exporting a package's materials as CSV or JSON, in the shapes import reads, so an export edited in a
// spreadsheet or a script goes back in with `mode=merge` (or `replace`) and only real edits change.
import { stringify } from 'csv-stringify/sync';
import type { Material, MaterialInput } from '../../domain/index.js';
import { NotFoundError } from '../../catalogue/index.js';
import type { Executor } from '../../store/schema.js';
import { CSV_COLUMNS } from './formats.js';
import { joinList } from './lists.js';
import { loadMaterialRows, toMaterial } from './rows.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const inputOf = ({ id: _i, package_id: _p, author: _a, version: _v, updated_at: _u, updated_by: _b, ...input }: Material): MaterialInput => input;

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return joinList(value as string[]);
  return String(value);
}

/** The whole package, retired materials included (their status says so), in id order. */
export async function exportPackage(ex: Executor, packageId: string, format: ExportFormat): Promise<string> {
  const pkg = await ex.selectFrom('material_packages').select('id').where('id', '=', packageId).executeTakeFirst();
  if (!pkg) throw new NotFoundError(`package ${JSON.stringify(packageId)} does not exist`);
  const rows = await loadMaterialRows(ex, packageId);
  const inputs = rows.map((r) => inputOf(toMaterial(r)));
  if (format === 'json') return inputs.length ? `[\n${inputs.map((m) => JSON.stringify(m)).join(',\n')}\n]\n` : '[]\n';
  return stringify([CSV_COLUMNS as string[], ...inputs.map((m) => CSV_COLUMNS.map((c) => csvCell(m[c])))]);
}
