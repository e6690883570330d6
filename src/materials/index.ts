// The risk-materials capability: packages of terms, patterns, URLs and hashes, and the matchers that use them.
export * from './packages/index.js';
export * from './matching/index.js';
