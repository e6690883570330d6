// The part of building a MaterialSet that can run off the event loop: parse the stored materials, compile
// the text automaton, and lay the text materials out as columns of typed arrays (plus one string of
// values), so handing 100,000 of them to the main thread is a transfer, not 100,000 objects to rebuild.
import type { Material, MaterialKind } from '../../domain/index.js';
import { compiledTransferables, compileText, type CompiledText, type TextMaterialSpec } from '../matcher/compile.js';
import { transferables } from '../matcher/automaton.js';
import type { MatchablePackage } from '../packages/index.js';

export const TEXT_MATERIAL_KINDS: ReadonlySet<MaterialKind> = new Set(['term', 'phrase', 'proximity']);
const TEXT_KIND_NAMES = ['term', 'phrase', 'proximity'] as const;

export function textSpecOf(m: Material): TextMaterialSpec {
  return { kind: m.kind as TextMaterialSpec['kind'], value: m.value, near: m.near, within: m.within, matchMode: m.match_mode, exceptions: m.exceptions, optOut: m.opt_out };
}

/** Text materials, spec index i in every column. */
export interface TextColumns {
  ids: Float64Array;
  kinds: Uint8Array;
  packageIndex: Int32Array;
  policies: string[];
  policyIndex: Int32Array;
  severity: Uint8Array;
  testing: Uint8Array;
  values: string;
  valueOffsets: Int32Array;
  /** Spec indexes in id order, to find a material by id. */
  byId: Int32Array;
  /** The specs that are not plain (exceptions, proximity, opted-out steps), the only ones the matcher reads. */
  complex: [number, TextMaterialSpec][];
}

export interface PreparedSet {
  packages: MatchablePackage[];
  compiled: CompiledText;
  text: TextColumns;
  /** Materials of every other kind (patterns, URLs, domains, hashes), whole. */
  others: Material[];
  rejected: { material_id: number; message: string }[];
}

function columnsOf(materials: readonly Material[], specs: readonly TextMaterialSpec[], plain: Uint8Array, packages: readonly MatchablePackage[]): TextColumns {
  const packageIndex = new Map(packages.map((p, i) => [p.id, i]));
  const policies: string[] = [];
  const policyIndex = new Map<string, number>();
  const offsets = new Int32Array(materials.length + 1);
  let values = '';
  materials.forEach((m, i) => {
    values += m.value;
    offsets[i + 1] = values.length;
  });
  return {
    ids: Float64Array.from(materials, (m) => m.id),
    kinds: Uint8Array.from(materials, (m) => TEXT_KIND_NAMES.indexOf(m.kind as (typeof TEXT_KIND_NAMES)[number])),
    packageIndex: Int32Array.from(materials, (m) => packageIndex.get(m.package_id) ?? -1),
    policies,
    policyIndex: Int32Array.from(materials, (m) => policyIndex.get(m.policy_id) ?? (policies.push(m.policy_id), policyIndex.set(m.policy_id, policies.length - 1).get(m.policy_id)!)),
    severity: Uint8Array.from(materials, (m) => m.severity),
    testing: Uint8Array.from(materials, (m) => (m.status === 'testing' ? 1 : 0)),
    values,
    valueOffsets: offsets,
    byId: Int32Array.from(materials.map((_, i) => i).sort((a, b) => materials[a].id - materials[b].id)),
    complex: specs.flatMap((spec, i) => (plain[i] ? [] : [[i, spec] as [number, TextMaterialSpec]])),
  };
}

/** Compiles what can be; a text material that cannot be compiled is set aside with the reason, not fatal. */
export function prepareSet(packages: MatchablePackage[], materials: readonly Material[]): PreparedSet {
  const text = materials.filter((m) => TEXT_MATERIAL_KINDS.has(m.kind));
  const specs = text.map(textSpecOf);
  const compiled = compileText(specs);
  const rejected = compiled.rejected.map((r) => ({ material_id: text[r.spec].id, message: r.message }));
  return { packages, compiled, text: columnsOf(text, specs, compiled.specPlain, packages), others: materials.filter((m) => !TEXT_MATERIAL_KINDS.has(m.kind)), rejected };
}

export function preparedTransferables(p: PreparedSet): ArrayBuffer[] {
  const t = p.text;
  return [
    ...transferables(p.compiled.automaton),
    ...compiledTransferables(p.compiled),
    ...[t.ids, t.kinds, t.packageIndex, t.policyIndex, t.severity, t.testing, t.valueOffsets, t.byId].map((a) => a.buffer as ArrayBuffer),
  ];
}

/** The text material at spec index `i`, as the API shows materials (fields the matcher does not keep are left out). */
export function textMaterialAt(t: TextColumns, i: number, packages: readonly MatchablePackage[]): Pick<Material, 'id' | 'package_id' | 'kind' | 'value' | 'policy_id' | 'severity' | 'status'> {
  return {
    id: t.ids[i],
    package_id: packages[t.packageIndex[i]]?.id ?? '',
    kind: TEXT_KIND_NAMES[t.kinds[i]],
    value: t.values.slice(t.valueOffsets[i], t.valueOffsets[i + 1]),
    policy_id: t.policies[t.policyIndex[i]],
    severity: t.severity[i] as Material['severity'],
    status: t.testing[i] ? 'testing' : 'active',
  };
}

/** Spec index of the text material with this id, or -1. */
export function textIndexOf(t: TextColumns, id: number): number {
  let lo = 0;
  let hi = t.byId.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = t.ids[t.byId[mid]];
    if (v === id) return t.byId[mid];
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
