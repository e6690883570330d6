// Runs compiled text materials over content: one scan, one automaton pass, then the checks that need
// context (Arabic clitics before a word, the script of look-alike letters, exceptions, proximity, steps a
// material opted out of). Spans are code points of the original text.
import { scan, Units, BOUNDARY } from '../normalize/scan.js';
import { ALL_STEPS, scriptCodeOf, stepsWithout } from '../normalize/steps.js';
import { Automaton, Occurrences } from './automaton.js';
import { Lead, Reading, Role, Script, type CompiledText, type TextMaterialSpec } from './compile.js';

export interface TextHit {
  /** Index of the spec in the list the matcher was compiled from. */
  spec: number;
  start: number;
  end: number;
}

export interface TextMatchOptions {
  /** The content is Arabic (declared or detected), so Arabizi digits are letters. */
  arabic?: boolean;
}

interface Found {
  role: number;
  exception: number;
  start: number;
  end: number;
  firstUnit: number;
  lastUnit: number;
}

/** Clitics that attach before an Arabic word: conjunction (و ف), preposition (ب ك ل), article (ال), and لل for ل + ال. */
const CLITIC_PREFIXES = (() => {
  const set = new Set<string>();
  for (const conj of ['', 'و', 'ف'])
    for (const prep of ['', 'ب', 'ك', 'ل'])
      for (const article of ['', 'ال']) {
        const prefix = prep === 'ل' && article ? `${conj}لل` : conj + prep + article;
        if (prefix) set.add(prefix);
      }
  return set;
})();

export class TextMatcher {
  private readonly automaton: Automaton;
  /** 1 for a spec whose hits need no resolving: no exceptions, no second part, no opted-out steps. */
  private readonly plain: Uint8Array;
  private readonly specAt: (index: number) => TextMaterialSpec;
  private readonly units = new Units();
  private readonly occurrences = new Occurrences();
  private readonly verifyUnits = new Units();
  private readonly reducedTerms = new Map<string, string>();
  /** Code unit offset of each code point of the current text, when it has characters outside the BMP. */
  private offsets: Int32Array | null | undefined;

  /**
   * `specs`: the specs `compiled` was made from, by index. Only those that are not plain (exceptions,
   * proximity, opted-out steps) are ever read, so a map of just those will do.
   */
  constructor(
    private readonly compiled: CompiledText,
    specs: readonly TextMaterialSpec[] | ReadonlyMap<number, TextMaterialSpec>,
  ) {
    this.automaton = new Automaton(compiled.automaton);
    this.plain = compiled.specPlain;
    this.specAt = Array.isArray(specs) ? (i) => (specs as readonly TextMaterialSpec[])[i] : (i) => (specs as ReadonlyMap<number, TextMaterialSpec>).get(i)!;
  }

  match(text: string, options: TextMatchOptions = {}): TextHit[] {
    const { units, occurrences, compiled } = this;
    scan(text, ALL_STEPS, { arabizi: options.arabic === true }, units);
    this.automaton.run(units.units, units.length, occurrences);
    if (occurrences.length === 0) return [];
    const reading = options.arabic ? Reading.Arabizi : Reading.Plain;
    this.offsets = units.starts[units.length - 1] === text.length ? null : undefined;
    const hits: TextHit[] = [];
    // Specs with exceptions, a second part or opted-out steps are resolved together below; plain ones go straight out.
    let found: Map<number, Found[]> | undefined;
    for (let i = 0; i < occurrences.length; i++) {
      const p = occurrences.ids[i];
      if ((compiled.patternReadings[p] & reading) === 0) continue;
      const endUnit = occurrences.ends[i];
      const startUnit = endUnit - compiled.patternLength[p] + 1;
      const lead = compiled.patternLead[p];
      const firstUnit = startUnit + (lead === Lead.Boundary ? 1 : 0);
      const lastUnit = endUnit - compiled.patternTrail[p];
      const cliticShift = lead === Lead.Clitic ? this.cliticStart(text, firstUnit) : 0;
      if (cliticShift < 0) continue;
      const start = units.starts[firstUnit] + cliticShift;
      const end = units.ends[lastUnit];
      const spec = compiled.patternSpec[p];
      const role = compiled.patternRole[p];
      if (role !== Role.Exception && !this.scriptAgrees(text, start, end, compiled.specScript[spec])) continue;
      if (this.plain[spec]) {
        // Readings of one term (plain, Arabizi, 1 for i or l) can report the same span twice.
        if (!hits.some((h) => h.spec === spec && h.start === start && h.end === end)) hits.push({ spec, start, end });
        continue;
      }
      found ??= new Map();
      const list = found.get(spec) ?? found.set(spec, []).get(spec)!;
      list.push({ role, exception: compiled.patternException[p], start, end, firstUnit, lastUnit });
    }
    if (found) for (const [spec, list] of found) this.resolve(text, spec, list, hits);
    return hits.length > 1 ? hits.sort((a, b) => a.start - b.start || a.end - b.end || a.spec - b.spec) : hits;
  }

  /**
   * A whole-word Arabic match may follow clitics attached to the word ("والكتاب" holds "كتاب"). Returns
   * how many code points the hit starts after its first unit: 0, or 1 when the clitic's last letter and
   * the word's first were squeezed into one unit ("الليل" is ال + ليل); -1 when the prefix is no clitic.
   */
  private cliticStart(text: string, firstUnit: number): number {
    const { units, kinds, starts, ends } = this.units;
    let prefix = '';
    for (let k = firstUnit - 1; k >= 0 && kinds[k] !== BOUNDARY; k--) {
      if (prefix.length >= 4) return -1;
      prefix = String.fromCodePoint(units[k]) + prefix;
    }
    if (prefix === '' || CLITIC_PREFIXES.has(prefix)) return 0;
    if (!CLITIC_PREFIXES.has(prefix + String.fromCodePoint(units[firstUnit]))) return -1;
    // Only two letters squeezed into the first unit make this reading; marks inside it do not.
    const letters = [...this.slice(text, starts[firstUnit], ends[firstUnit])].map((ch, i) => (/\p{L}/u.test(ch) ? i : -1)).filter((i) => i >= 0);
    return letters.length >= 2 ? letters[1] : -1;
  }

  /** Look-alike letters fold toward the script of their word: a Latin term does not match an all-Cyrillic word. */
  private scriptAgrees(text: string, start: number, end: number, script: number): boolean {
    if (script === Script.None) return true;
    // Script codes are the Script constants: 1 Latin, 2 Cyrillic, 3 Greek. Characters above the BMP have none.
    let latin = 0;
    let cyrillic = 0;
    let greek = 0;
    const from = this.offsets === null ? start : this.codeUnit(text, start);
    const to = this.offsets === null ? end : this.codeUnit(text, end);
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      // A letter with no script of its own (math alphanumerics, above the BMP) counts as the script it folds to.
      const s = c >= 0xd800 && c <= 0xdbff ? scriptCodeOf(foldedCodePoint(text.codePointAt(i)!)) : scriptCodeOf(c);
      if (s === Script.Latin) latin++;
      else if (s === Script.Cyrillic) cyrillic++;
      else if (s === Script.Greek) greek++;
    }
    const best = Math.max(latin, cyrillic, greek);
    return best === 0 || [0, latin, cyrillic, greek][script] === best;
  }

  private resolve(text: string, spec: number, list: Found[], hits: TextHit[]): void {
    const material = this.specAt(spec);
    const exceptions = list.filter((f) => f.role === Role.Exception);
    const allowed = (f: Found) => !exceptions.some((x) => x.start <= f.start && f.end <= x.end) && this.survivesOptOut(text, material, f);
    const mains = dedupe(list.filter((f) => f.role === Role.Main && allowed(f)));
    if (material.kind !== 'proximity') {
      for (const f of mains) hits.push({ spec, start: f.start, end: f.end });
      return;
    }
    const nears = dedupe(list.filter((f) => f.role === Role.Near && allowed(f)));
    if (!nears.length || !mains.length) return;
    const words = this.wordNumbers();
    const within = material.within ?? 0;
    for (const a of mains) {
      for (const b of nears) {
        const [first, second] = a.firstUnit <= b.firstUnit ? [a, b] : [b, a];
        const between = words[second.firstUnit] - words[first.lastUnit] - 1;
        if (second.firstUnit > first.lastUnit && between <= within) {
          hits.push({ spec, start: first.start, end: Math.max(first.end, second.end) });
          break;
        }
      }
    }
  }

  /** The code unit offset of a code point index of the current text. */
  private codeUnit(text: string, cp: number): number {
    if (this.offsets === undefined) this.offsets = codeUnitOffsets(text);
    return this.offsets ? this.offsets[cp] : cp;
  }

  /** The original text of a span given in code points. */
  private slice(text: string, start: number, end: number): string {
    return text.slice(this.codeUnit(text, start), this.codeUnit(text, end));
  }

  /** Word number of every unit: the count of boundaries before it. */
  private wordNumbers(): Int32Array {
    const { kinds, length } = this.units;
    const words = new Int32Array(length);
    let w = 0;
    for (let k = 0; k < length; k++) {
      if (kinds[k] === BOUNDARY) w++;
      words[k] = w;
    }
    return words;
  }

  /** A material that opted out of some steps matches only where its text and the span agree without them. */
  private survivesOptOut(text: string, material: TextMaterialSpec, f: Found): boolean {
    if (!material.optOut.length || f.role === Role.Exception) return true;
    const steps = stepsWithout(material.optOut);
    const part = f.role === Role.Near ? material.near ?? '' : material.value;
    const key = `${material.optOut.join(',')}\u0000${part}`;
    let wanted = this.reducedTerms.get(key);
    if (wanted === undefined) {
      scan(part, steps, { arabizi: false }, this.verifyUnits);
      this.reducedTerms.set(key, (wanted = this.verifyUnits.toString()));
    }
    scan(this.slice(text, f.start, f.end), steps, { arabizi: false }, this.verifyUnits);
    return this.verifyUnits.toString() === wanted;
  }
}

function foldedCodePoint(cp: number): number {
  return String.fromCodePoint(cp).normalize('NFKC').codePointAt(0) ?? cp;
}

function codeUnitOffsets(text: string): Int32Array {
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) offsets.push(i);
  offsets.push(text.length);
  return Int32Array.from(offsets);
}

function dedupe(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = `${f.start}:${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

