// Whether a compiled pattern can match the empty string anywhere. Such a pattern hits every text (`a*`,
// `x?`, `\b`, `foo|`), so it is refused on save and skipped when compiling.
import type { RE2JS } from 're2js';

// re2js does not export its instruction opcodes; these are the values of its Inst class (as in RE2/Go).
// The validation tests (`a*` refused, `\ba` accepted) fail if a release renumbers them.
const ALT = 1;
const ALT_MATCH = 2;
const CAPTURE = 3;
const EMPTY_WIDTH = 4;
const MATCH = 6;
const NOP = 7;

interface Inst {
  op: number;
  out: number;
  arg: number;
}

/**
 * True when the program reaches MATCH without consuming a character. Assertions (`^`, `$`, `\b`) are
 * taken as passable: each holds at some position of some text, so the pattern would hit there.
 */
export function canMatchEmpty(pattern: RE2JS): boolean {
  const prog = pattern.re2().prog as { inst: Inst[]; start: number };
  const seen = new Set<number>();
  const pending = [prog.start];
  while (pending.length > 0) {
    const pc = pending.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const inst = prog.inst[pc];
    switch (inst.op) {
      case MATCH:
        return true;
      case ALT:
      case ALT_MATCH:
        pending.push(inst.out, inst.arg);
        break;
      case CAPTURE:
      case EMPTY_WIDTH:
      case NOP:
        pending.push(inst.out);
        break;
      default:
      // Rune instructions consume a character; FAIL ends the path.
    }
  }
  return false;
}
