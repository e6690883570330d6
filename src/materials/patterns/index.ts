// Pattern materials: RE2 regular expressions, validated on save and matched in linear time, with hit
// spans in code points.
export { validatePattern, MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE, type PatternCheck } from './validate.js';
export { compilePatterns, MAX_SPANS_PER_PATTERN, type PatternSet, type PatternMaterial, type PatternHit } from './pattern-set.js';
export { codePointIndexer } from './code-points.js';
