// What the matcher loads: every material that can match (not retired, in a package that is not
// archived, for a policy that is not archived) with its package's scope and version, and a cheap
// generation to poll for changes.
import { sql } from 'kysely';
import type { Material, PackageScope } from '../../domain/index.js';
import type { Executor } from '../../store/schema.js';
import { materialsAsJson, parseMaterialsJson, toMaterial } from './rows.js';

export interface MatchablePackage {
  id: string;
  version: number;
  scope: PackageScope;
}

export interface MatchableMaterials {
  packages: MatchablePackage[];
  materials: Material[];
}

/**
 * One statement, so packages and materials come from one snapshot; each package's materials arrive as
 * one JSON text (see materialsAsJson). Packages in id order, materials in id order within them.
 */
export async function loadMatchableMaterials(ex: Executor): Promise<MatchableMaterials> {
  return parseMatchable(await loadMatchableSource(ex));
}

/** As loaded, before parsing: the materials stay JSON text, so a worker thread can parse them. */
export interface MatchableSource {
  packages: MatchablePackage[];
  materialsJson: string[];
}

export async function loadMatchableSource(ex: Executor): Promise<MatchableSource> {
  const { rows } = await sql<{ id: string; version: number; scope: PackageScope; materials: string }>`
    SELECT p.id, p.version, p.scope, ${materialsAsJson(sql`m.package_id = p.id AND m.status <> 'retired' AND m.policy_id NOT IN (SELECT id FROM policies WHERE archived)`)} AS materials
    FROM material_packages p WHERE NOT p.archived ORDER BY p.id`.execute(ex);
  return { packages: rows.map((r) => ({ id: r.id, version: r.version, scope: r.scope })), materialsJson: rows.map((r) => r.materials) };
}

export function parseMatchable(source: MatchableSource): MatchableMaterials {
  return { packages: source.packages, materials: source.materialsJson.flatMap((json) => parseMaterialsJson(json).map(toMaterial)) };
}

/**
 * Changes whenever any package or any of its materials changes: every change raises its package's version,
 * and versions only grow, so the count and sum of versions never repeat. Read it before loading.
 */
export async function materialsGeneration(ex: Executor): Promise<string> {
  const row = await ex
    .selectFrom('material_packages')
    .select([
      sql<number>`count(*)::int`.as('packages'),
      sql<string>`coalesce(sum(version), 0)::text`.as('versions'),
      // Archiving a policy takes its materials out of matching, so policy changes count too.
      sql<string>`(SELECT coalesce(sum(version), 0) FROM policies)::text`.as('policies'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.packages}.${row.versions}.${row.policies}`;
}
