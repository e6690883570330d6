// The material form's draft: what the inputs hold (lists and numbers as typed text), and the MaterialInput
// sent to the server, carrying only the fields the kind takes (the server refuses `near` on a term, or
// `max_distance` on a URL, rather than ignore them).
import { ApiError } from '../shared/api';
import { formErrorOf, type FormError } from '../shared/form';
import { parseCodes, parseLines } from './text';
import { HASH_KINDS, TEXT_KINDS, type Material, type MaterialInput, type MaterialKind, type MaterialStatus, type MatchMode, type NormalisationStep } from './types';

export interface MaterialDraft {
  kind: MaterialKind;
  value: string;
  near: string;
  within: string;
  languages: string;
  policy_id: string;
  severity: 1 | 2 | 3 | 4;
  match_mode: MatchMode;
  exceptions: string;
  status: MaterialStatus;
  opt_out: NormalisationStep[];
  max_distance: string;
  min_frame_share: string;
  note: string;
}

export const MATERIAL_FIELDS = ['kind', 'value', 'near', 'within', 'languages', 'policy_id', 'severity', 'match_mode', 'exceptions', 'status', 'opt_out', 'max_distance', 'min_frame_share', 'note'];

/** Exceptions and language lists make sense for what is read as text. */
export const takesText = (kind: MaterialKind) => TEXT_KINDS.includes(kind) || kind === 'pattern';

export function draftOf(m: Partial<Material> = {}): MaterialDraft {
  return {
    kind: m.kind ?? 'term',
    value: m.value ?? '',
    near: m.near ?? '',
    within: String(m.within ?? 5),
    languages: (m.languages ?? []).join(', '),
    policy_id: m.policy_id ?? '',
    severity: m.severity ?? 3,
    match_mode: m.match_mode ?? 'word',
    exceptions: (m.exceptions ?? []).join('\n'),
    // New materials start in testing: their hits are recorded, never acted on, until someone activates them.
    status: m.status ?? 'testing',
    opt_out: m.opt_out ?? [],
    max_distance: m.max_distance === undefined ? '' : String(m.max_distance),
    min_frame_share: m.min_frame_share === undefined ? '' : String(m.min_frame_share),
    note: m.note ?? '',
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

export function inputOf(d: MaterialDraft): MaterialInput {
  const text = TEXT_KINDS.includes(d.kind);
  const input: MaterialInput = {
    kind: d.kind,
    value: d.value,
    languages: takesText(d.kind) ? parseCodes(d.languages) : [],
    policy_id: d.policy_id,
    severity: d.severity,
    match_mode: text ? d.match_mode : 'word',
    exceptions: takesText(d.kind) ? parseLines(d.exceptions) : [],
    status: d.status,
    opt_out: text ? d.opt_out : [],
  };
  if (d.kind === 'proximity') {
    input.near = d.near;
    input.within = num(d.within);
  }
  if (HASH_KINDS.includes(d.kind)) input.max_distance = num(d.max_distance);
  if (d.kind === 'video_hash') input.min_frame_share = num(d.min_frame_share);
  if (d.note.trim()) input.note = d.note.trim();
  return input;
}

/**
 * The field a server message names: "body.value: …" (schema), "value: …" (kind rules on save),
 * "material.value …" or "body.material.value: …" (preview), so the message shows at its input.
 */
export function materialErrorOf(err: unknown): FormError {
  const e = formErrorOf(err);
  if (!(err instanceof ApiError)) return e;
  const m = /^(?:body[./])?(?:material[./])?([a-z_]+)(?:[./:\s]|$)/.exec(err.message);
  return { ...e, field: m && MATERIAL_FIELDS.includes(m[1]) ? m[1] : undefined };
}
