// Counts of what a run produced and what Vigil's actions achieved: the numbers `vigil simulate`
// prints and the tests check (share of unseen-term violations, time to action, views prevented).

export interface SimulationStats {
  simulatedFrom: string;
  simulatedUntil: string;
  events: number;
  eventsByType: Record<string, number>;
  accounts: { total: number; bad: number; registeredDuringRun: number; rings: number };
  content: {
    total: number;
    violating: number;
    byPolicy: Record<string, number>;
    /** Violations by where their term comes from; `media` means the violation is an image or video only. */
    byTermSource: { demo: number; unseen: number; media: number };
    byEvasion: Record<string, number>;
    byLanguage: Record<string, number>;
    languageUnstated: number;
    bait: number;
  };
  media: { images: number; imageBytes: number; knownBadImageReuploads: number; knownBadVideoReuploads: number; references: number };
  livestreams: { total: number; raids: number; giftFraud: number; interrupted: number };
  reports: { total: number; false: number; brigade: number };
  appeals: number;
  actions: { received: number; applied: number; ignored: number; byAction: Record<string, number>; deserved: number; undeserved: number };
  timeToAction: { count: number; medianSeconds: number | null; p90Seconds: number | null };
  /** Views violating items would have reached by the end of the run, minus the views they did get. */
  violatingViewsPrevented: number;
}

const bump = (counts: Record<string, number>, key: string, by = 1) => void (counts[key] = (counts[key] ?? 0) + by);

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export class StatsCollector {
  readonly s: SimulationStats;
  private readonly timesToAction: number[] = [];

  constructor(from: string) {
    this.s = {
      simulatedFrom: from,
      simulatedUntil: from,
      events: 0,
      eventsByType: {},
      accounts: { total: 0, bad: 0, registeredDuringRun: 0, rings: 0 },
      content: { total: 0, violating: 0, byPolicy: {}, byTermSource: { demo: 0, unseen: 0, media: 0 }, byEvasion: {}, byLanguage: {}, languageUnstated: 0, bait: 0 },
      media: { images: 0, imageBytes: 0, knownBadImageReuploads: 0, knownBadVideoReuploads: 0, references: 0 },
      livestreams: { total: 0, raids: 0, giftFraud: 0, interrupted: 0 },
      reports: { total: 0, false: 0, brigade: 0 },
      appeals: 0,
      actions: { received: 0, applied: 0, ignored: 0, byAction: {}, deserved: 0, undeserved: 0 },
      timeToAction: { count: 0, medianSeconds: null, p90Seconds: null },
      violatingViewsPrevented: 0,
    };
  }

  event(type: string): void {
    this.s.events++;
    bump(this.s.eventsByType, type);
  }

  content(c: { violating: boolean; policies: string[]; termSource?: 'demo' | 'unseen'; evasion?: string; language: string; languageStated: boolean; bait: boolean }): void {
    const s = this.s.content;
    s.total++;
    bump(s.byLanguage, c.language);
    if (!c.languageStated) s.languageUnstated++;
    if (c.bait) s.bait++;
    if (!c.violating) return;
    s.violating++;
    for (const p of c.policies) bump(s.byPolicy, p);
    s.byTermSource[c.termSource ?? 'media']++;
    bump(s.byEvasion, c.evasion ?? 'none');
  }

  timeToAction(seconds: number): void {
    this.timesToAction.push(seconds);
  }

  snapshot(simulatedUntil: string): SimulationStats {
    const sorted = [...this.timesToAction].sort((a, b) => a - b);
    this.s.simulatedUntil = simulatedUntil;
    this.s.timeToAction = { count: sorted.length, medianSeconds: percentile(sorted, 0.5), p90Seconds: percentile(sorted, 0.9) };
    return structuredClone(this.s);
  }

  static bump = bump;
}
