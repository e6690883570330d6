// Turns text materials (terms, phrases, proximity pairs and their exceptions) into automaton patterns:
// each is scanned exactly like content, in every reading content can take (plain and Arabizi digits; 1 for
// i or l), with word boundaries added for whole-word matching.
import type { MatchMode, NormalisationStep } from '../../domain/material.js';
import { scan, Units, BOUNDARY } from '../normalize/scan.js';
import { I_OR_L, Kind, SPACE, scriptOf, stepsWithout } from '../normalize/steps.js';
import { AutomatonBuilder, type AutomatonTables } from './automaton.js';

export interface TextMaterialSpec {
  kind: 'term' | 'phrase' | 'proximity';
  value: string;
  near?: string;
  within?: number;
  matchMode: MatchMode;
  exceptions: readonly string[];
  optOut: readonly NormalisationStep[];
}

export const Role = { Main: 0, Near: 1, Exception: 2 } as const;
export const Lead = { None: 0, Boundary: 1, Clitic: 2 } as const;
/** Which scan a pattern was made under; content scanned the other way does not report it. */
export const Reading = { Plain: 1, Arabizi: 2 } as const;
export const Script = { None: 0, Latin: 1, Cyrillic: 2, Greek: 3 } as const;

export interface CompiledText {
  automaton: AutomatonTables;
  /** Per pattern: the spec it belongs to, its role, boundaries, length in units and readings. */
  patternSpec: Int32Array;
  patternRole: Uint8Array;
  patternException: Int32Array;
  patternLead: Uint8Array;
  patternTrail: Uint8Array;
  patternLength: Int32Array;
  patternReadings: Uint8Array;
  /** Per spec: the dominant Latin/Cyrillic/Greek script of its words (for the look-alike rule). */
  specScript: Uint8Array;
  /** Specs that could not be compiled (nothing left after normalisation): they match nothing. */
  rejected: { spec: number; message: string }[];
  /** Per spec: 1 when its hits need no resolving (no exceptions, no second part, no opted-out steps). */
  specPlain: Uint8Array;
}

export class TextMaterialError extends Error {}

/** More i/l positions than this are read only as written: each one doubles a term's patterns. */
const MAX_I_OR_L_POSITIONS = 5;
const I = 0x69;
const L = 0x6c;
const isArabicLetter = (u: number) => u >= 0x0620 && u <= 0x06ff;

function scriptOfWords(text: string): number {
  const counts = [0, 0, 0, 0];
  for (const ch of text) {
    const s = scriptOf(ch);
    if (s) counts[s === 'latin' ? Script.Latin : s === 'cyrillic' ? Script.Cyrillic : Script.Greek]++;
  }
  const best = counts.indexOf(Math.max(...counts));
  return counts[best] > 0 ? best : Script.None;
}

interface UnitSeq {
  units: number[];
  kinds: number[];
}

/** Every step but squeeze: repeats are squeezed after "1" is read into them (iOrLVariants). */
const UNSQUEEZED = stepsWithout(['squeeze']);

function scanned(text: string, arabizi: boolean, buffer: Units): UnitSeq {
  scan(text, UNSQUEEZED, { arabizi }, buffer);
  const units: number[] = [];
  const kinds: number[] = [];
  for (let i = 0; i < buffer.length; i++) {
    units.push(buffer.units[i]);
    kinds.push(buffer.kinds[i]);
  }
  while (units.length && kinds[0] === BOUNDARY) (units.shift(), kinds.shift());
  while (units.length && kinds[kinds.length - 1] === BOUNDARY) (units.pop(), kinds.pop());
  return { units, kinds };
}

/**
 * Every way "1" (or | or !) could stand for an i or l of the term, then squeezed as the scanner squeezes
 * content. In a single word with up to three i or l, each may stay, be written 1, or be repeated with one copy
 * written 1 (first, last or in the middle): "kill" gives "kill", "k1ll", "ki1l", "kil1", "k1ill",
 * "kil1l"..., "hello" gives "hel1lo". In phrases and longer words, each is as written or 1.
 */
const READINGS = 5;
function iOrLVariants(seq: UnitSeq): number[][] {
  const all = seq.units.flatMap((u, i) => (u === I || u === L ? [i] : []));
  // Five readings for a single word with up to three i/l (125 patterns at most); a phrase or a longer
  // word gets only "as written" and "1" for up to five of them, so it stays at most 32 patterns.
  const readings = all.length <= 3 && !seq.units.includes(SPACE) ? READINGS : 2;
  const positions = all.slice(0, readings === READINGS ? 3 : MAX_I_OR_L_POSITIONS);
  const variants = new Map<string, number[]>();
  for (let code = 0; code < readings ** positions.length; code++) {
    const choice = new Map(positions.map((p, n) => [p, Math.floor(code / readings ** n) % readings]));
    const pairs: [number, number][] = [];
    seq.units.forEach((u, i) => {
      const own: [number, number] = [u, seq.kinds[i]];
      const one: [number, number] = [I_OR_L, Kind.Latin];
      const c = choice.get(i) ?? 0;
      pairs.push(...[[own], [one], [one, own], [own, one], [own, one, own]][c]);
    });
    const squeezed = pairs.filter(([u, k], i) => i === 0 || u !== pairs[i - 1][0] || !(k === Kind.Latin || k === Kind.Letter)).map(([u]) => u);
    variants.set(squeezed.join(','), squeezed);
  }
  return [...variants.values()];
}

export function compileText(specs: readonly TextMaterialSpec[]): CompiledText {
  const builder = new AutomatonBuilder();
  const buffer = new Units();
  const patternSpec: number[] = [];
  const patternRole: number[] = [];
  const patternException: number[] = [];
  const patternLead: number[] = [];
  const patternTrail: number[] = [];
  const patternLength: number[] = [];
  const patternReadings: number[] = [];

  type Pattern = { specIndex: number; role: number; exception: number; units: number[]; lead: number; trail: number; readings: number };
  const partPatterns = (specIndex: number, text: string, role: number, exception: number, wholeWord: boolean): Pattern[] => {
    const byUnits = new Map<string, { units: number[]; lead: number; trail: number; readings: number }>();
    for (const arabizi of [false, true]) {
      const seq = scanned(text, arabizi, buffer);
      if (!seq.units.length) throw new TextMaterialError(`${JSON.stringify(text)} has no letters, digits or symbols left after normalisation`);
      const first = seq.kinds[0];
      const last = seq.kinds[seq.kinds.length - 1];
      const lead = !wholeWord || first === Kind.Spaceless ? Lead.None : isArabicLetter(seq.units[0]) ? Lead.Clitic : Lead.Boundary;
      const trail = wholeWord && last !== Kind.Spaceless ? 1 : 0;
      for (const variant of iOrLVariants(seq)) {
        const units = [...(lead === Lead.Boundary ? [SPACE] : []), ...variant, ...(trail ? [SPACE] : [])];
        const key = units.join(',');
        const existing = byUnits.get(key);
        const reading = arabizi ? Reading.Arabizi : Reading.Plain;
        if (existing) existing.readings |= reading;
        else byUnits.set(key, { units, lead, trail, readings: reading });
      }
    }
    return [...byUnits.values()].map((p) => ({ specIndex, role, exception, ...p }));
  };
  const add = (p: Pattern) => {
    const id = patternSpec.length;
    patternSpec.push(p.specIndex);
    patternRole.push(p.role);
    patternException.push(p.exception);
    patternLead.push(p.lead);
    patternTrail.push(p.trail);
    patternLength.push(p.units.length);
    patternReadings.push(p.readings);
    builder.add(p.units, id);
  };

  const specScript = new Uint8Array(specs.length);
  const rejected: CompiledText['rejected'] = [];
  specs.forEach((spec, i) => {
    const wholeWord = spec.matchMode === 'word';
    specScript[i] = spec.optOut.includes('confusables') ? Script.None : scriptOfWords(spec.value + (spec.near ?? ''));
    // All of a spec's patterns or none: a spec that cannot be compiled is set aside, the others still are.
    try {
      const patterns = partPatterns(i, spec.value, Role.Main, -1, wholeWord);
      if (spec.kind === 'proximity') {
        if (!spec.near || !spec.within) throw new TextMaterialError('a proximity material needs `near` (the second word or phrase) and `within` (words)');
        patterns.push(...partPatterns(i, spec.near, Role.Near, -1, wholeWord));
      }
      spec.exceptions.forEach((phrase, e) => patterns.push(...partPatterns(i, phrase, Role.Exception, e, false)));
      patterns.forEach(add);
    } catch (err) {
      if (!(err instanceof TextMaterialError)) throw err;
      rejected.push({ spec: i, message: err.message });
    }
  });

  return {
    automaton: builder.build(),
    patternSpec: Int32Array.from(patternSpec),
    patternRole: Uint8Array.from(patternRole),
    patternException: Int32Array.from(patternException),
    patternLead: Uint8Array.from(patternLead),
    patternTrail: Uint8Array.from(patternTrail),
    patternLength: Int32Array.from(patternLength),
    patternReadings: Uint8Array.from(patternReadings),
    specScript,
    rejected,
    specPlain: Uint8Array.from(specs, (m) => (m.kind !== 'proximity' && !m.exceptions.length && !m.optOut.length ? 1 : 0)),
  };
}

export function compiledTransferables(c: CompiledText): ArrayBuffer[] {
  return [c.patternSpec, c.patternRole, c.patternException, c.patternLead, c.patternTrail, c.patternLength, c.patternReadings, c.specScript, c.specPlain].map((a) => a.buffer as ArrayBuffer);
}
