// Seeded random assignment rounds shaped like production queues, shared by the tests and the benchmark:
// a skewed language mix with relaxing requirements, 20 policies with partial certification, 6 harm
// categories with small exposure budgets, accuracies 0.8–0.98, heavy-tailed (Pareto) priorities, deadlines
// spread from 15 minutes to a day, and the odd excluded moderator.
import { prng as seededRandom } from '../sim/random.js';
import type { ModeratorState, Proficiency, RelaxationStep, WaitingTask } from './types.js';

/** The review simulation's seeded PRNG: the same seed always builds the same round. */
export { seededRandom };

function pick<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

export const LANGUAGES = ['en', 'es', 'ar', 'zh', 'pt', 'hi', 'fr', 'de'] as const;
const LANGUAGE_WEIGHTS = [40, 14, 8, 8, 8, 7, 8, 7];
export const POLICIES = Array.from({ length: 20 }, (_, i) => `policy_${String(i).padStart(2, '0')}`);
const POLICY_WEIGHTS = POLICIES.map((_, i) => 1 / (i + 1));
export const HARMS = ['graphic_violence', 'self_harm', 'sexual_content', 'hate', 'terrorism', 'animal_cruelty'] as const;
const HARM_WEIGHTS = [30, 15, 25, 15, 5, 10];
const MODALITIES = ['text', 'image', 'video', 'livestream'] as const;
const MODALITY_WEIGHTS = [55, 25, 15, 5];
const MODALITY_TIME = { text: 1, image: 0.7, video: 2.5, livestream: 3 };
const MINUTE = 60_000;
const SLAS = [15 * MINUTE, 60 * MINUTE, 240 * MINUTE, 1440 * MINUTE];
const SLA_WEIGHTS = [20, 30, 30, 20];
const RELAXATIONS: readonly (readonly RelaxationStep[])[] = [
  [{ afterMs: 0, level: 'native' }, { afterMs: 10 * MINUTE, level: 'fluent' }],
  [{ afterMs: 0, level: 'fluent' }, { afterMs: 30 * MINUTE, level: 'basic' }],
  [{ afterMs: 0, level: 'basic' }],
  [],
];
const RELAXATION_WEIGHTS = [40, 30, 20, 10];

export interface RandomRound {
  tasks: WaitingTask[];
  moderators: ModeratorState[];
  now: number;
}

export interface RandomRoundShape {
  tasks: number;
  moderators: number;
  /** Free slots of moderator i; by default 1 + i % 4 (a quarter each with 1, 2, 3 and 4: 2.5 on average). */
  free?: (i: number) => number;
}

export const ROUND_NOW = 1_800_000_000_000;

export function randomRound(seed: number, shape: RandomRoundShape): RandomRound {
  const rand = seededRandom(seed);
  const now = ROUND_NOW;
  const free = shape.free ?? ((i: number) => 1 + (i % 4));
  const moderators: ModeratorState[] = [];
  for (let i = 0; i < shape.moderators; i++) {
    const languages: Record<string, Proficiency> = {};
    languages[pick(rand, LANGUAGES, LANGUAGE_WEIGHTS)] = 'native';
    if (!('en' in languages) && rand() < 0.7) languages.en = rand() < 0.7 ? 'fluent' : 'basic';
    if (rand() < 0.3) {
      const extra = pick(rand, LANGUAGES, LANGUAGE_WEIGHTS);
      if (!(extra in languages)) languages[extra] = rand() < 0.5 ? 'fluent' : 'basic';
    }
    const base = 0.8 + 0.18 * rand();
    const certified = new Set<string>();
    const accuracyByPolicy: Record<string, number> = {};
    POLICIES.forEach((policy, p) => {
      if (rand() < (p < 5 ? 0.85 : p < 12 ? 0.6 : 0.35)) {
        certified.add(policy);
        if (rand() < 0.5) accuracyByPolicy[policy] = Math.min(0.98, Math.max(0.8, base + (rand() - 0.5) * 0.1));
      }
    });
    const handleMs = (30 + 120 * rand()) * 1000;
    const handleMsByModality: Record<string, number> = {};
    for (const modality of MODALITIES) if (modality !== 'text') handleMsByModality[modality] = handleMs * MODALITY_TIME[modality] * (0.8 + 0.4 * rand());
    const exposureLeft: Record<string, number> = {};
    for (const harm of HARMS) {
      const r = rand();
      if (r < 0.3) continue; // no budget: unlimited
      exposureLeft[harm] = r < 0.4 ? 0 : r < 0.7 ? 1 + Math.floor(3 * rand()) : 4 + Math.floor(37 * rand());
    }
    moderators.push({ id: `mod-${i}`, free: free(i), languages, certified, accuracyByPolicy, accuracy: base, handleMsByModality, handleMs, exposureLeft });
  }
  const tasks: WaitingTask[] = [];
  for (let i = 0; i < shape.tasks; i++) {
    const hasLanguage = rand() >= 0.1;
    const createdAt = now - Math.round(Math.min(360 * MINUTE, -20 * MINUTE * Math.log(1 - rand())));
    const excluded = rand() < 0.03 && shape.moderators > 0 ? [`mod-${Math.floor(rand() * shape.moderators)}`] : [];
    tasks.push({
      id: i + 1,
      priority: Math.pow(1 - rand(), -1 / 1.5),
      createdAt,
      deadline: createdAt + pick(rand, SLAS, SLA_WEIGHTS),
      language: hasLanguage ? pick(rand, LANGUAGES, LANGUAGE_WEIGHTS) : null,
      policy: rand() < 0.05 ? null : pick(rand, POLICIES, POLICY_WEIGHTS),
      modality: pick(rand, MODALITIES, MODALITY_WEIGHTS),
      harm: rand() < 0.55 ? null : pick(rand, HARMS, HARM_WEIGHTS),
      relaxation: hasLanguage ? pick(rand, RELAXATIONS, RELAXATION_WEIGHTS) : [],
      excluded,
    });
  }
  return { tasks, moderators, now };
}
