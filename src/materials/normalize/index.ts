// Text normalisation: the steps that undo evasions (docs/materials.md), applied by one scanner to terms
// and content alike, every unit mapped back to the code points of the original.
export { scan, Units, BOUNDARY, normalisesToNothing, type ScanOptions } from './scan.js';
export { ALL_STEPS, stepsWithout, foldCodePoint, Kind, type StepSet } from './steps.js';
