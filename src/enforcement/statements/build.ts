// Builds a statement of reasons from an action, its policy, the entity it acted on and the platform's
// statement settings: pure, so the field mapping is tested without a database. What each verb restricts
// is the one list RESTRICTION_OF_VERB in domain/dsa.ts.
import {
  CONTENT_LANGUAGES,
  RESTRICTION_OF_VERB,
  TDB_DATES,
  TDB_LIMITS,
  tdbCategoryOf,
  type AccountType,
  type AutomatedDecision,
  type ContentType,
  type SourceType,
} from '../../domain/dsa.js';
import type { ActionRecord } from '../actions.js';
import type { StatementSettings } from './settings.js';
import type { TdbStatement } from './types.js';

/** What the caller knows beyond the action: the facts it relied on, where the case came from, how automated it was. */
export interface StatementContext {
  facts?: string;
  sourceType?: SourceType;
  automatedDetection?: boolean;
  automatedDecision?: AutomatedDecision;
}

export interface StatementPolicy {
  id: string;
  name: string;
  definition: string;
  dsa_category: string;
  version: number;
}

export interface StatementEntity {
  type: string;
  attrs: Record<string, unknown>;
  first_seen: Date;
}

export interface StatementInput extends StatementContext {
  action: ActionRecord;
  policy: StatementPolicy;
  /** Absent when Vigil does not hold the entity (then the content date is the application date). */
  entity?: StatementEntity;
  settings: StatementSettings;
}

export class StatementBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementBuildError';
  }
}

/** Cuts text to `max` characters (code points), ending with an ellipsis when it had to cut. */
export function truncateText(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('').trimEnd() + '…';
}

/** The statement's platform unique identifier: stable, one per action. */
export const statementPuid = (actionSeq: number) => `vigil-${actionSeq}`;

const day = (d: Date) => d.toISOString().slice(0, 10);
const inRange = (date: string, from: string) => date >= from && date <= TDB_DATES.until;

const CONTENT_KIND_TYPES: Record<string, ContentType> = {
  video: 'CONTENT_TYPE_VIDEO',
  photo: 'CONTENT_TYPE_IMAGE',
  audio: 'CONTENT_TYPE_AUDIO',
  text_post: 'CONTENT_TYPE_TEXT',
  comment: 'CONTENT_TYPE_TEXT',
  product_listing: 'CONTENT_TYPE_PRODUCT',
};
const MODALITY_TYPES: Record<string, ContentType> = { text: 'CONTENT_TYPE_TEXT', image: 'CONTENT_TYPE_IMAGE', video: 'CONTENT_TYPE_VIDEO', audio: 'CONTENT_TYPE_AUDIO' };
/** Entities that are not content: sent as CONTENT_TYPE_OTHER with what they are. */
const OTHER_TYPES: Record<string, string> = { account: 'Account', shop: 'Online shop', device: 'Device', payment_instrument: 'Payment instrument', ip: 'IP address' };

function contentTypeOf(entityType: string, attrs: Record<string, unknown>): { content_type: ContentType[]; content_type_other?: string } {
  if (entityType === 'livestream') return { content_type: ['CONTENT_TYPE_VIDEO'] };
  if (entityType === 'content') {
    const types = new Set<ContentType>();
    const kind = typeof attrs.kind === 'string' ? CONTENT_KIND_TYPES[attrs.kind] : undefined;
    if (kind) types.add(kind);
    const modality = typeof attrs.modality === 'string' ? MODALITY_TYPES[attrs.modality] : undefined;
    if (modality) types.add(modality);
    if (types.size) return { content_type: [...types] };
    return { content_type: ['CONTENT_TYPE_OTHER'], content_type_other: attrs.kind === 'ad_creative' ? 'Advertisement' : 'Content' };
  }
  return { content_type: ['CONTENT_TYPE_OTHER'], content_type_other: OTHER_TYPES[entityType] ?? entityType };
}

function accountTypeOf(entityType: string, attrs: Record<string, unknown>): AccountType | undefined {
  if (entityType === 'shop') return 'ACCOUNT_TYPE_BUSINESS';
  if (entityType !== 'account') return undefined;
  if (attrs.kind === 'seller' || attrs.kind === 'advertiser') return 'ACCOUNT_TYPE_BUSINESS';
  if (attrs.kind === 'user') return 'ACCOUNT_TYPE_PRIVATE';
  return undefined;
}

function languageOf(attrs: Record<string, unknown>): string | undefined {
  if (typeof attrs.language !== 'string') return undefined;
  const primary = attrs.language.split('-')[0]!.toUpperCase();
  return CONTENT_LANGUAGES.includes(primary) ? primary : undefined;
}

function nounOf(entityType: string, attrs: Record<string, unknown>): string {
  if (entityType === 'content' && typeof attrs.kind === 'string') return attrs.kind.replace(/_/g, ' ');
  return entityType.replace(/_/g, ' ');
}

function durationText(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${unit}${ms / size === 1 ? '' : 's'}`;
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

const SOURCE_WORDS: Record<string, string> = { manual: 'A moderator', review: 'A reviewer', appeal: 'An appeal reviewer' };

/** The facts and circumstances: the caller's facts, then how the decision was taken and on what. */
export function decisionFacts(input: Pick<StatementInput, 'action' | 'policy' | 'facts'> & { entity?: Pick<StatementEntity, 'type' | 'attrs'> }): string {
  const { action, policy } = input;
  const noun = nounOf(action.entity.type, input.entity?.attrs ?? {});
  const parts: string[] = [];
  if (input.facts?.trim()) parts.push(input.facts.trim());
  if (action.strategy) {
    parts.push(`The automated rule “${action.reason}” of strategy ${action.strategy.id} (version ${action.strategy.version}) found this ${noun} to break the policy “${policy.name}” and applied “${action.action}”.`);
    if (typeof action.details.reason === 'string' && action.details.reason.trim()) parts.push(`Reason recorded: ${action.details.reason.trim()}`);
  } else {
    parts.push(`${SOURCE_WORDS[action.source] ?? 'The platform'} applied “${action.action}” to this ${noun} under the policy “${policy.name}”.`);
    if (action.reason.trim()) parts.push(`Reason recorded: ${action.reason.trim()}`);
  }
  const duration = action.details.duration_ms;
  if (typeof duration === 'number' && duration > 0) parts.push(`The restriction lasts ${durationText(duration)}.`);
  if (typeof action.details.message === 'string' && action.details.message.trim()) parts.push(`Message to the user: “${action.details.message.trim()}”`);
  return truncateText(parts.join(' '), TDB_LIMITS.decision_facts);
}

/**
 * The statement for a restricting action, or undefined for a verb that restricts nothing. Throws
 * StatementBuildError when the policy's category has no TDB equivalent (a bug in the catalogue).
 */
export function buildStatement(input: StatementInput): TdbStatement | undefined {
  const { action, policy, entity, settings } = input;
  const restriction = RESTRICTION_OF_VERB[action.action];
  if (!restriction || !Object.prototype.hasOwnProperty.call(RESTRICTION_OF_VERB, action.action)) return undefined;
  const category = tdbCategoryOf(policy.dsa_category);
  if (!category) throw new StatementBuildError(`policy ${policy.id} has category ${policy.dsa_category}, which the Transparency Database does not know`);
  const attrs = entity?.attrs ?? {};

  // The restriction applies from when it took effect in platform time; the record time when that is out of the TDB's range.
  const effective = new Date(action.effective_at);
  const applied = inRange(day(effective), TDB_DATES.applicationFrom) ? effective : new Date(action.at);
  const application_date = day(applied);
  const duration = action.details.duration_ms;
  let endDate: string | undefined;
  if (typeof duration === 'number' && duration > 0 && Number.isFinite(duration)) {
    const end = day(new Date(applied.getTime() + duration));
    // Past the TDB's last date the restriction is sent as indefinite (no end date).
    if (end <= TDB_DATES.until) endDate = end;
  }

  const created = typeof attrs.created_at === 'string' && !Number.isNaN(Date.parse(attrs.created_at)) ? new Date(attrs.created_at) : entity?.first_seen;
  let content_date = created ? day(created) : application_date;
  if (content_date < TDB_DATES.contentFrom) content_date = TDB_DATES.contentFrom;
  if (content_date > TDB_DATES.until) content_date = TDB_DATES.until;

  const automated = action.source === 'strategy';
  const s: TdbStatement = {
    ...(restriction.visibility && { decision_visibility: [restriction.visibility] }),
    ...(restriction.visibilityOther && { decision_visibility_other: restriction.visibilityOther }),
    ...(restriction.visibility && endDate && { end_date_visibility_restriction: endDate }),
    ...(restriction.monetary && { decision_monetary: restriction.monetary }),
    ...(restriction.monetary && endDate && { end_date_monetary_restriction: endDate }),
    ...(restriction.provision && { decision_provision: restriction.provision }),
    ...(restriction.provision && endDate && { end_date_service_restriction: endDate }),
    ...(restriction.account && { decision_account: restriction.account }),
    ...(restriction.account && endDate && { end_date_account_restriction: endDate }),
    ...(accountTypeOf(action.entity.type, attrs) && { account_type: accountTypeOf(action.entity.type, attrs) }),
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    ...(settings.terms_url && { decision_ground_reference_url: settings.terms_url }),
    incompatible_content_ground: truncateText(`${policy.name} (policy ${policy.id}, version ${policy.version})`, TDB_LIMITS.incompatible_content_ground),
    incompatible_content_explanation: truncateText(policy.definition.trim() || policy.name, TDB_LIMITS.incompatible_content_explanation),
    category: category.category,
    ...(category.keyword && { category_specification: [category.keyword] }),
    ...contentTypeOf(action.entity.type, attrs),
    ...(languageOf(attrs) && { content_language: languageOf(attrs) }),
    content_date,
    territorial_scope: [...settings.territorial_scope],
    application_date,
    decision_facts: decisionFacts({ action, policy, entity, facts: input.facts }),
    source_type: input.sourceType ?? 'SOURCE_VOLUNTARY',
    automated_detection: (input.automatedDetection ?? automated) ? 'Yes' : 'No',
    automated_decision: input.automatedDecision ?? (automated ? 'AUTOMATED_DECISION_FULLY' : 'AUTOMATED_DECISION_NOT_AUTOMATED'),
    puid: statementPuid(action.seq),
  };
  return s;
}
