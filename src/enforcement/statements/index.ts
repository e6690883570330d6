// Statements of reasons: built for every restricting action, validated against the EU Transparency
// Database's rules, stored with the action, listed, and exported in the TDB API's batches.
export { recordStatements, listStatements, getStatement, exportStatements, orderedStatement, EXPORT_BATCH_MAX, MAX_STATEMENT_PAGE, type StatementItem, type StatementFilter } from './store.js';
export { buildStatement, decisionFacts, statementPuid, truncateText, StatementBuildError, type StatementContext, type StatementInput, type StatementPolicy, type StatementEntity } from './build.js';
export { statementProblems, assertValidStatement, InvalidStatementError, charLength } from './validate.js';
export {
  loadStatementSettings,
  saveStatementSettings,
  checkStatementSettings,
  DEFAULT_STATEMENT_SETTINGS,
  InvalidStatementSettingsError,
  type StatementSettings,
} from './settings.js';
export { TDB_FIELDS, type TdbStatement, type StatementRecord } from './types.js';
