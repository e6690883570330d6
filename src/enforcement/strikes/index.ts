// Strike ladders, strikes and seller penalties: what other capabilities (review, appeals) call.
export { InvalidLadderError, validateLadder, stepFor, listLadders, getLadder, ladderForPolicy, ladderVersions, saveLadder, seedDefaultStrikeLadders, type StrikeLadder, type LadderVersion } from './ladders.js';
export { applyStrike, listStrikes, countActiveStrikes, InvalidStrikeError, type StrikeInput, type StrikeRecord, type StrikeStatus } from './strikes.js';
export { applySellerPenalty, InvalidPenaltyError, PENALTY_TARGETS, type PenaltyInput } from './penalties.js';
