// Errors in a strategy source, each at a line and column (1-based), so the editor and the CLI can point at it.
export interface SourcePos {
  line: number;
  col: number;
  /** Offset in UTF-16 code units, for editors. */
  offset: number;
}

export interface SourceProblem extends SourcePos {
  message: string;
  /** 'error' stops the strategy from being saved; 'warning' is shown but accepted. */
  level: 'error' | 'warning';
}

export class StrategySyntaxError extends Error {
  constructor(
    readonly problem: SourceProblem,
  ) {
    super(`${problem.line}:${problem.col}: ${problem.message}`);
    this.name = 'StrategySyntaxError';
  }
}

/** Thrown by compileStrategy when a source has errors; carries every one found. */
export class StrategyCompileError extends Error {
  constructor(readonly problems: SourceProblem[]) {
    super(problems.filter((p) => p.level === 'error').map((p) => `${p.line}:${p.col}: ${p.message}`).join('\n'));
    this.name = 'StrategyCompileError';
  }
}

export const formatProblem = (p: SourceProblem) => `${p.line}:${p.col}: ${p.level}: ${p.message}`;
