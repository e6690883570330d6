// Errors the material packages raise besides the catalogue's (not found, conflict, unknown reference):
// a material that breaks a kind's rules, and an import whose rows do. The server maps both to 400.

/** One material (a request body) is invalid; `field` names the offending field. */
export class InvalidMaterialError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidMaterialError';
  }
}

/** Where in an import a problem is: "line 7, column 12 (within)" for CSV, "[3].within" for JSON. */
export interface ImportProblem {
  where: string;
  message: string;
}

/** Shown in one message; the rest are counted, so a file with 10,000 bad rows does not make a 10 MB answer. */
const SHOWN = 5;

/** An import refused as a whole: nothing was written. */
export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    const shown = problems.slice(0, SHOWN).map((p) => `${p.where}: ${p.message}`);
    const more = problems.length > SHOWN ? `; and ${problems.length - SHOWN} more problem${problems.length - SHOWN === 1 ? '' : 's'}` : '';
    super(`${shown.join('; ')}${more}. Nothing was imported`);
    this.name = 'ImportError';
  }
}
