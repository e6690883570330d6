// Ground truth of a simulation: which content violates which policy and how it was written, which
// accounts are bad and of what kind, who is in which ring, which reports are false, which images
// re-upload which known-bad one, and what Vigil's actions achieved. It is stored apart from Vigil's
// database, as NDJSON beside the event file or under <dataDir>/simulation/, and this module alone
// writes and reads it: Vigil's detection must never see it (test/ground-truth-isolation.test.ts),
// only the simulator and the metrics that score Vigil against it.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { EntityRef } from '../domain/index.js';
import type { SimLanguage, SimPolicy } from './vocabulary/languages.js';
import type { ViolationWriting } from './text/compose.js';
import type { ActorKind } from './world/actors.js';
import type { NearDuplicateTransform } from './media/images.js';

export const GROUND_TRUTH_FILE_NAME = 'ground-truth.ndjson';

export interface RunTruth {
  kind: 'run';
  seed: number;
  start: string;
  until: string;
  idPrefix: string;
  config: Record<string, unknown>;
}

export interface AccountTruth {
  kind: 'account';
  id: string;
  accountKind: string;
  actor: ActorKind;
  ring?: string;
  /** The suspended account this one replaces (ban evasion). */
  replaces?: string;
  registeredDuringRun: boolean;
}

export interface RingTruth {
  kind: 'ring';
  id: string;
  actor: ActorKind;
  members: string[];
  devices: string[];
  ips: string[];
  payments: string[];
}

export interface ImageTruth {
  sha256: string;
  pdq?: string;
  /** Id of the known-bad image this one re-uploads, and how it was altered. */
  nearDuplicateOf?: string;
  transform?: NearDuplicateTransform;
  /** PDQ Hamming distance to that known-bad image. */
  distance?: number;
}

export interface ContentTruth {
  kind: 'content';
  id: string;
  eventId: string;
  contentKind: string;
  author: string;
  language: SimLanguage;
  languageStated: boolean;
  violating: boolean;
  policies: SimPolicy[];
  /** How the violating text was written; absent when the violation is in the media only. */
  writing?: ViolationWriting;
  /** A benign text that contains a demo term (tests precision). */
  baitTerm?: string;
  image?: ImageTruth;
  /** A re-upload of a known-bad video or audio file. */
  knownBadMedia?: string;
  livestream?: string;
  /** Expected total views if nothing is done: reach at infinity. */
  reach: number;
}

export interface KnownBadImageTruth {
  kind: 'known_bad_image';
  id: string;
  policy: SimPolicy;
  sha256: string;
  pdq: string;
  quality: number;
}

export interface KnownBadVideoTruth {
  kind: 'known_bad_video';
  id: string;
  policy: SimPolicy;
  sha256: string;
}

export interface LivestreamTruth {
  kind: 'livestream';
  id: string;
  host: string;
  violating: boolean;
  policies: SimPolicy[];
  /** Ring sending it fraudulent gifts, if any. */
  giftFraudRing?: string;
}

export interface RaidTruth {
  kind: 'raid';
  livestream: string;
  ring: string;
  at: string;
  accounts: number;
}

export interface ReportTruth {
  kind: 'report';
  eventId: string;
  reporter: string;
  target: EntityRef;
  reason: string;
  /** The target does not violate the reported policy (or any). */
  false: boolean;
  /** Part of a coordinated false-reporting wave. */
  brigade?: boolean;
}

export interface ActionTruth {
  kind: 'action';
  seq: number;
  /** When Vigil says it acted (its clock). */
  at: string;
  /** Simulated time at which the platform applied it. */
  appliedAt: string;
  entity: EntityRef;
  action: string;
  applied: boolean;
  /** Whether the entity really violates (content, livestream) or is a bad actor (account). */
  deserved?: boolean;
  /** Simulated seconds from posting (or going live, or the account's first violation) to the action. */
  timeToActionSeconds?: number;
  viewsAtAction?: number;
  /** Views the item would have reached by the end of the run without the action. */
  projectedViewsWithoutAction?: number;
}

export interface SummaryTruth {
  kind: 'summary';
  stats: Record<string, unknown>;
}

export type GroundTruthRecord =
  | RunTruth
  | AccountTruth
  | RingTruth
  | ContentTruth
  | KnownBadImageTruth
  | KnownBadVideoTruth
  | LivestreamTruth
  | RaidTruth
  | ReportTruth
  | ActionTruth
  | SummaryTruth;

export interface GroundTruthRecorder {
  record(record: GroundTruthRecord): void;
  close(): Promise<void>;
}

/** Ground truth beside an event file: events.ndjson -> events.ground-truth.ndjson. */
export function groundTruthPathBeside(eventsPath: string): string {
  const dir = path.dirname(eventsPath);
  const base = path.basename(eventsPath).replace(/\.ndjson$/i, '');
  return path.join(dir, `${base}.${GROUND_TRUTH_FILE_NAME}`);
}

/** Ground truth of a live run against a Vigil whose data directory is `dataDir`. */
export function groundTruthPathInDataDir(dataDir: string): string {
  return path.join(dataDir, 'simulation', GROUND_TRUTH_FILE_NAME);
}

export function openGroundTruthFile(filePath: string): GroundTruthRecorder {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const stream = fs.createWriteStream(filePath, { flags: 'w' });
  let failure: Error | undefined;
  stream.on('error', (err) => (failure = err));
  return {
    record(record) {
      if (failure) throw failure;
      stream.write(`${JSON.stringify(record)}\n`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        stream.end(() => (failure ? reject(failure) : resolve()));
      }),
  };
}

/** Keeps records in memory (tests, and an in-process demo that scores itself). */
export function memoryGroundTruth(): GroundTruthRecorder & { records: GroundTruthRecord[] } {
  const records: GroundTruthRecord[] = [];
  return { records, record: (r) => void records.push(r), close: async () => {} };
}

export const NO_GROUND_TRUTH: GroundTruthRecorder = { record: () => {}, close: async () => {} };

export async function readGroundTruth(filePath: string): Promise<GroundTruthRecord[]> {
  const records: GroundTruthRecord[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(filePath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) records.push(JSON.parse(line) as GroundTruthRecord);
  return records;
}
