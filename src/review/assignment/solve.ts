// One assignment round: which waiting task each free moderator slot gets, maximising the summed pairValue
// under every eligibility rule, each moderator's free slots and each (moderator, harm category) exposure
// budget. It is a min-cost flow
//
//   source → task (cap 1) → (moderator, category) node (cap exposureLeft, ∞ when absent) → moderator (cap free) → sink
//
// plus a zero-value "empty slot" arc source → moderator, solved by successive shortest paths one moderator
// slot at a time: the Hungarian / Jonker–Volgenant row-by-row augmentation, generalised to the category
// layer. Each slot's augmenting path is a Dijkstra search backwards from its moderator over reduced costs,
// with prices (potentials) on tasks only. What makes 10k tasks × 1k slots cheap:
//
//  - An unassigned task's price is always the source's (zero), so among the unassigned tasks only the most
//    valuable one for a node can lie on a shortest path. Each node keeps a lazily built list of its best
//    unassigned eligible tasks (a threshold scan of the category's tasks by descending value bound, stopping
//    once no further task can beat the list), refilled with twice as many once all have been taken. Tasks
//    never return to unassigned within a round, so the list's first untaken entry is always the exact best:
//    a moderator can always reach its best free task, however far down the queue it is.
//  - Exchanges (a moderator taking over a task another one holds) are searched only over each node's
//    `exchangeCandidates` most valuable tasks of all (default 8). That pruning is the one approximation;
//    with exchangeCandidates = Infinity every held task is searched and the result is the exact optimum
//    (the tests check it against an LP), at several seconds on the large round instead of ~0.1 s. The
//    benchmark measures what the default gives away: a few tenths of a percent.
//  - Eligibility is decided once per (moderator, language-requirement × policy class), not per pair.
//
// Deterministic: slots are served greedily by the moderator's current best free task (ties by index), heaps
// break ties by index, and nothing reads a clock.
import { proficiencyRank, languageLevel, requiredLevel } from './eligibility.js';
import type { Assignment, ModeratorState, RoundResult, WaitingTask } from './types.js';
import { pairValue, SLA_WEIGHT, speedFactor, urgency } from './value.js';

export interface SolveOptions {
  /**
   * How many of its most valuable tasks a (moderator, category) node may take over from another moderator
   * in an exchange (default 8). Infinity searches every eligible held task: the exact optimum, but on a
   * large round each search then relaxes every held task of every moderator it reaches.
   */
  exchangeCandidates?: number;
  /**
   * How many of the tasks a node most recently lost to other moderators it may still take over (default 0).
   * 8 cuts the default's gap to the optimum by more than half, for three to four times the search work.
   */
  exchangeWindow?: number;
  /** Filled with the search's counters. */
  stats?: SolveStats;
}

/** Search counters of a solveRound call (pass an object as options.stats), for the benchmark and for tuning. */
export interface SolveStats {
  /** Shortest-path searches, one per slot served. */
  augmentations: number;
  /** Held tasks settled over all searches: how far the searches had to look for exchanges. */
  settled: number;
  /** Exchange arcs looked at. */
  relaxations: number;
  /** Candidate lists built or refilled, and the tasks those threshold scans read (past the dead prefix). */
  candidateScans: number;
  scanned: number;
  /** Tasks of a dead prefix (taken or ineligible) passed over once. */
  skipped: number;
}

/** A binary min-heap of (key, node) with lazy deletion: stale entries are skipped by the caller. */
class NodeHeap {
  keys = new Float64Array(1024);
  nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    const { keys, nodes } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] < key || (keys[parent] === key && nodes[parent] <= node)) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the minimum; read topKey/topNode before calling. */
  pop(): void {
    const { keys, nodes } = this;
    const last = --this.size;
    if (last === 0) return;
    const key = keys[last];
    const node = nodes[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && (keys[child + 1] < keys[child] || (keys[child + 1] === keys[child] && nodes[child + 1] < nodes[child]))) child++;
      if (key < keys[child] || (key === keys[child] && node <= nodes[child])) break;
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }
}

export function solveRound(tasks: readonly WaitingTask[], moderators: readonly ModeratorState[], now: number, options: SolveOptions = {}): RoundResult {
  const T = tasks.length;
  const M = moderators.length;
  const stats: SolveStats = options.stats ?? { augmentations: 0, settled: 0, relaxations: 0, candidateScans: 0, scanned: 0, skipped: 0 };
  Object.assign(stats, { augmentations: 0, settled: 0, relaxations: 0, candidateScans: 0, scanned: 0, skipped: 0 });
  if (T === 0 || M === 0) return { assignments: [], value: 0 };
  const exchangeLimit = Math.max(1, options.exchangeCandidates ?? 8);
  const firstBatch = Number.isFinite(exchangeLimit) ? exchangeLimit : 4;
  const exchangeWindow = Math.max(0, options.exchangeWindow ?? 0);

  // --- Interning: categories, policies, modalities, eligibility classes. ---
  const categoryIndex = new Map<string | null, number>();
  const categoryNames: (string | null)[] = [];
  const policyIndex = new Map<string, number>();
  const policyNames: string[] = [];
  const modalityIndex = new Map<string, number>();
  const modalityNames: string[] = [];
  const classIndex = new Map<number, number>();
  const languageIndex = new Map<string, number>();
  const classLanguage: (string | null)[] = [];
  const classLevel: number[] = [];
  const classPolicy: (string | null)[] = [];
  const modIndex = new Map<string, number>();
  moderators.forEach((m, i) => {
    if (!modIndex.has(m.id)) modIndex.set(m.id, i);
  });

  const taskCat = new Int32Array(T);
  const taskClass = new Int32Array(T);
  const taskPolicy = new Int32Array(T); // policyNames.length stands for "no policy" once all are known
  const taskModality = new Int32Array(T);
  const taskPriority = new Float64Array(T);
  const taskSlaIn = new Float64Array(T); // the sla factor for a moderator who finishes in time
  const taskDeadline = new Float64Array(T);
  const taskKey = new Float64Array(T); // priority × best sla factor: value ≤ key × the moderator's bound
  const taskExcluded: (Int32Array | null)[] = new Array(T).fill(null);
  for (let t = 0; t < T; t++) {
    const task = tasks[t];
    let c = categoryIndex.get(task.harm);
    if (c === undefined) {
      c = categoryNames.length;
      categoryIndex.set(task.harm, c);
      categoryNames.push(task.harm);
    }
    taskCat[t] = c;
    let p = -1;
    if (task.policy !== null) {
      p = policyIndex.get(task.policy) ?? -1;
      if (p < 0) {
        p = policyNames.length;
        policyIndex.set(task.policy, p);
        policyNames.push(task.policy);
      }
    }
    taskPolicy[t] = p;
    let q = -1;
    if (task.modality !== null) {
      q = modalityIndex.get(task.modality) ?? -1;
      if (q < 0) {
        q = modalityNames.length;
        modalityIndex.set(task.modality, q);
        modalityNames.push(task.modality);
      }
    }
    taskModality[t] = q;
    const level = requiredLevel(task, now);
    const language = level === null ? null : task.language;
    const rank = level === null ? -1 : proficiencyRank(level);
    let l = -1;
    if (language !== null) {
      l = languageIndex.get(language) ?? -1;
      if (l < 0) {
        l = languageIndex.size;
        languageIndex.set(language, l);
      }
    }
    const classKey = ((l + 1) * 4 + rank + 1) * 2 ** 24 + p + 1;
    let k = classIndex.get(classKey);
    if (k === undefined) {
      k = classLanguage.length;
      classIndex.set(classKey, k);
      classLanguage.push(language);
      classLevel.push(rank);
      classPolicy.push(task.policy);
    }
    taskClass[t] = k;
    taskPriority[t] = task.priority;
    const u = urgency(task, now);
    taskSlaIn[t] = 1 + SLA_WEIGHT * u;
    taskDeadline[t] = task.deadline;
    taskKey[t] = task.priority * Math.max(1, taskSlaIn[t]);
    if (task.excluded.length > 0) {
      const ids: number[] = [];
      for (const id of task.excluded) {
        const mi = modIndex.get(id);
        if (mi !== undefined) ids.push(mi);
        // Duplicate moderator ids: exclude every moderator carrying it.
        for (let j = mi === undefined ? M : mi + 1; j < M; j++) if (moderators[j].id === id) ids.push(j);
      }
      if (ids.length > 0) taskExcluded[t] = Int32Array.from(ids);
    }
  }
  const C = categoryNames.length;
  const P = policyNames.length;
  const Q = modalityNames.length;
  const K = classLanguage.length;
  for (let t = 0; t < T; t++) {
    if (taskPolicy[t] < 0) taskPolicy[t] = P;
    if (taskModality[t] < 0) taskModality[t] = Q;
  }

  // --- Per moderator: accuracy per policy, handle time and speed per modality, capacities, value bound. ---
  const acc = new Float64Array(M * (P + 1));
  const handle = new Float64Array(M * (Q + 1));
  const speed = new Float64Array(M * (Q + 1));
  const bound = new Float64Array(M);
  const units = new Int32Array(M);
  const cap = new Float64Array(M * C);
  for (let m = 0; m < M; m++) {
    const mod = moderators[m];
    units[m] = mod.free > 0 ? Math.floor(mod.free) : 0;
    let accMax = 0;
    for (let p = 0; p <= P; p++) {
      const a = p < P && Object.hasOwn(mod.accuracyByPolicy, policyNames[p]) ? mod.accuracyByPolicy[policyNames[p]] : mod.accuracy;
      acc[m * (P + 1) + p] = a;
      if (a > accMax) accMax = a;
    }
    let speedMax = 0;
    for (let q = 0; q <= Q; q++) {
      const h = q < Q && Object.hasOwn(mod.handleMsByModality, modalityNames[q]) ? mod.handleMsByModality[modalityNames[q]] : mod.handleMs;
      handle[m * (Q + 1) + q] = h;
      const s = speedFactor(h);
      speed[m * (Q + 1) + q] = s;
      if (s > speedMax) speedMax = s;
    }
    bound[m] = accMax * speedMax * (1 + 1e-9);
    for (let c = 0; c < C; c++) {
      const harm = categoryNames[c];
      if (harm !== null && Object.hasOwn(mod.exposureLeft, harm)) {
        const left = mod.exposureLeft[harm];
        cap[m * C + c] = left >= 1 ? Math.floor(left) : 0;
      } else cap[m * C + c] = Infinity;
    }
  }

  // Class eligibility (language at the required level, policy certification), decided lazily: -1 unknown.
  const classOk = new Int8Array(M * K).fill(-1);
  const classEligible = (m: number, k: number): boolean => {
    let ok = classOk[m * K + k];
    if (ok < 0) {
      const mod = moderators[m];
      const language = classLanguage[k];
      const policy = classPolicy[k];
      ok = 1;
      if (language !== null && proficiencyRank(languageLevel(mod, language)) < classLevel[k]) ok = 0;
      else if (policy !== null && !mod.certified.has(policy)) ok = 0;
      classOk[m * K + k] = ok;
    }
    return ok === 1;
  };
  const pairEligible = (t: number, m: number): boolean => {
    if (!classEligible(m, taskClass[t])) return false;
    const excluded = taskExcluded[t];
    if (excluded !== null) for (let i = 0; i < excluded.length; i++) if (excluded[i] === m) return false;
    return true;
  };
  // The same arithmetic, in the same order, as pairValue, so the objective it optimises is pairValue exactly.
  const value = (t: number, m: number): number => {
    const q = m * (Q + 1) + taskModality[t];
    const sla = now + handle[q] <= taskDeadline[t] ? taskSlaIn[t] : 1;
    return taskPriority[t] * acc[m * (P + 1) + taskPolicy[t]] * speed[q] * sla;
  };

  // Tasks of each category, by descending key: the order the candidate threshold scans walk. A task whose
  // priority is not positive could only tie or lose against an empty slot, and would break the value bound.
  const catTasks: Int32Array[] = [];
  {
    const buckets: number[][] = Array.from({ length: C }, () => []);
    for (let t = 0; t < T; t++) if (taskPriority[t] > 0 && taskKey[t] < Infinity) buckets[taskCat[t]].push(t);
    for (let c = 0; c < C; c++) {
      const list = Int32Array.from(buckets[c]);
      list.sort((a, b) => taskKey[b] - taskKey[a] || a - b);
      catTasks.push(list);
    }
  }

  // --- Flow state: which (moderator, category) node holds each task, and the tasks' prices (potentials). ---
  const MC = M * C;
  const assignedTo = new Int32Array(T).fill(-1); // the node m * C + c, or -1
  const count = new Int32Array(MC);
  const assignedByCat: number[][] = Array.from({ length: C }, () => []);
  const price = new Float64Array(T); // unassigned tasks stay at 0, the source's potential
  // Candidate lists: a node's best unassigned eligible tasks by value, with a cursor past the taken ones.
  const candTasks: (number[] | null)[] = new Array(MC).fill(null);
  const candValues: (number[] | null)[] = new Array(MC).fill(null);
  const candCursor = new Int32Array(MC);
  const candComplete = new Uint8Array(MC); // the list holds every eligible task: nothing to refill from
  const candSize = new Int32Array(MC).fill(firstBatch);
  // A node's exchange list: its first candidate list, built before anything is assigned, hence its top
  // tasks of all; with their values, so an exchange relaxation needs neither an eligibility test nor a value.
  const exchangeTasks: (number[] | null)[] = new Array(MC).fill(null);
  const exchangeValues: (number[] | null)[] = new Array(MC).fill(null);
  // And the tasks it lost most recently: the last `exchangeWindow` entries its candidate lists held before
  // other moderators took them, those just above its current best free task: the exchanges that matter once
  // the round has moved past everyone's top tasks. (An arc may be dropped at any time without breaking the
  // potentials, never added: these were all arcs while their tasks were unassigned, and are kept from then.)
  const carryTasks: (number[] | null)[] = new Array(MC).fill(null);
  const carryValues: (number[] | null)[] = new Array(MC).fill(null);
  const scanFrom = new Int32Array(MC);
  let heapT = new Int32Array(0);
  let heapV = new Float64Array(0);

  const refill = (node: number): void => {
    stats.candidateScans++;
    const m = (node / C) | 0;
    const c = node - m * C;
    const limit = candSize[node];
    if (heapT.length < limit) {
      heapT = new Int32Array(limit);
      heapV = new Float64Array(limit);
    }
    // A min-heap of the best `limit` seen (worst on top; equal values: the higher task index is worse).
    let size = 0;
    const bm = bound[m];
    const list = catTasks[c];
    let complete = 1;
    // A prefix of tasks taken or ineligible for m stays so: later scans start after it.
    let i = scanFrom[node];
    while (i < list.length && (assignedTo[list[i]] >= 0 || !pairEligible(list[i], m))) i++;
    stats.skipped += i - scanFrom[node];
    scanFrom[node] = i;
    const scanStart = i;
    const mK = m * K;
    for (; i < list.length; i++) {
      const t = list[i];
      if (size === limit && taskKey[t] * bm < heapV[0]) {
        complete = 0;
        break;
      }
      if (assignedTo[t] >= 0) continue;
      const ok = classOk[mK + taskClass[t]];
      if (ok === 0 || (ok < 0 && !classEligible(m, taskClass[t]))) continue;
      if (taskExcluded[t] !== null && !pairEligible(t, m)) continue;
      const v = value(t, m);
      if (size < limit) {
        let j = size++;
        while (j > 0) {
          const parent = (j - 1) >> 1;
          if (heapV[parent] < v || (heapV[parent] === v && heapT[parent] > t)) break;
          heapV[j] = heapV[parent];
          heapT[j] = heapT[parent];
          j = parent;
        }
        heapV[j] = v;
        heapT[j] = t;
      } else if (v > heapV[0] || (v === heapV[0] && t < heapT[0])) {
        let j = 0;
        for (;;) {
          let child = 2 * j + 1;
          if (child >= size) break;
          if (child + 1 < size && (heapV[child + 1] < heapV[child] || (heapV[child + 1] === heapV[child] && heapT[child + 1] > heapT[child]))) child++;
          if (v < heapV[child] || (v === heapV[child] && t > heapT[child])) break;
          heapV[j] = heapV[child];
          heapT[j] = heapT[child];
          j = child;
        }
        heapV[j] = v;
        heapT[j] = t;
      }
    }
    stats.scanned += i - scanStart;
    // Pop the min-heap from the back of the arrays: best first, equal values by task index.
    // Plain arrays: thousands of small lists per round, and a typed array costs far more to allocate.
    const tasksOut: number[] = new Array(size);
    const valuesOut: number[] = new Array(size);
    for (let n = size - 1; n >= 0; n--) {
      tasksOut[n] = heapT[0];
      valuesOut[n] = heapV[0];
      const lastT = heapT[n];
      const lastV = heapV[n];
      let j = 0;
      for (;;) {
        let child = 2 * j + 1;
        if (child >= n) break;
        if (child + 1 < n && (heapV[child + 1] < heapV[child] || (heapV[child + 1] === heapV[child] && heapT[child + 1] > heapT[child]))) child++;
        if (lastV < heapV[child] || (lastV === heapV[child] && lastT > heapT[child])) break;
        heapV[j] = heapV[child];
        heapT[j] = heapT[child];
        j = child;
      }
      heapV[j] = lastV;
      heapT[j] = lastT;
    }
    const old = candTasks[node];
    if (old !== null && old !== exchangeTasks[node] && old.length > 0) {
      const from = Math.max(0, old.length - exchangeWindow);
      carryTasks[node] = old.slice(from);
      carryValues[node] = (candValues[node] as number[]).slice(from);
    }
    candTasks[node] = tasksOut;
    candValues[node] = valuesOut;
    candCursor[node] = 0;
    candComplete[node] = complete;
    candSize[node] = limit * 2;
    if (exchangeTasks[node] === null) {
      exchangeTasks[node] = candTasks[node];
      exchangeValues[node] = candValues[node];
    }
  };

  /** Index into the node's candidate list of its best unassigned eligible task, or -1 when none is left. */
  const bestUnassigned = (node: number): number => {
    for (;;) {
      let list = candTasks[node];
      if (list === null) {
        refill(node);
        list = candTasks[node] as number[];
      }
      let i = candCursor[node];
      while (i < list.length && assignedTo[list[i]] >= 0) i++;
      candCursor[node] = i;
      if (i < list.length) return i;
      if (candComplete[node]) return -1;
      refill(node);
    }
  };

  // --- The shortest augmenting path for one slot, searched backwards from its moderator m0. ---
  // Search labels live on assigned tasks and the source only. A label D(t) is the reduced length of the
  // best way found to hand t's place to m0's new slot; from a settled t held by moderator m' at node a,
  // m' must make up for losing t, at the relative cost base = D(t) + v(t, m') − price(t), by taking
  //   - its best unassigned task in a's category (the source, − that task's value), or any other held task
  //     of that category it is eligible for (− its value + its price): a same-category swap;
  //   - the same in another category whose budget is not used up (count < cap);
  //   - nothing (the source, + 0): m' keeps a slot empty.
  // Moderator and node potentials cancel along these composite arcs, which is what keeps the search short:
  // a moderator's side is always judged against current prices, never against a potential left stale by
  // tasks other moderators have taken since (Jonker–Volgenant's implicit row duals, generalised).
  const label = new Float64Array(T);
  const seen = new Int32Array(T); // == epoch: the task has a label in this search
  const done = new Int32Array(T); // == epoch: settled in this search
  const towards = new Int32Array(T); // the task whose place it takes, -1 for m0's new slot
  const into = new Int32Array(T); // the node it moves into
  const settledList = new Int32Array(T);
  const heap = new NodeHeap();
  const SRC = T;
  let epoch = 0;
  let srcBest = Infinity;
  let srcTowards = -1;
  let srcInto = -1; // -1: the slot is left empty
  let srcTask = -1; // the unassigned task taken, or -1
  let settledCount = 0;

  const offerSource = (d: number, from: number, node: number, task: number): void => {
    if (d < srcBest) {
      srcBest = d;
      srcTowards = from;
      srcInto = node;
      srcTask = task;
      heap.push(d, SRC);
    }
  };
  const offerTask = (t: number, d: number, from: number, node: number): void => {
    if (d >= srcBest || done[t] === epoch) return;
    if (seen[t] === epoch && label[t] <= d) return;
    seen[t] = epoch;
    label[t] = d;
    towards[t] = from;
    into[t] = node;
    heap.push(d, t);
  };
  const relaxList = (tasks: number[], values: number[], start: number, end: number, node: number, base: number, from: number): void => {
    stats.relaxations += end - start;
    for (let j = start; j < end; j++) {
      const t = tasks[j];
      const at = assignedTo[t];
      if (at < 0 || at === node || done[t] === epoch) continue;
      offerTask(t, base + price[t] - values[j], from, node);
    }
  };
  /** What node (m, c) can take in instead of `from`'s place, at relative cost `base`. */
  const relaxNode = (m: number, c: number, base: number, from: number): void => {
    const node = m * C + c;
    const i = bestUnassigned(node);
    if (i >= 0) offerSource(base - (candValues[node] as number[])[i], from, node, (candTasks[node] as number[])[i]);
    if (Number.isFinite(exchangeLimit)) {
      const tasks = exchangeTasks[node] as number[];
      const values = exchangeValues[node] as number[];
      relaxList(tasks, values, 0, tasks.length, node, base, from);
      const carried = carryTasks[node];
      if (carried !== null) relaxList(carried, carryValues[node] as number[], 0, carried.length, node, base, from);
      const current = candTasks[node] as number[];
      if (current !== tasks) {
        const end = i >= 0 ? i : current.length;
        relaxList(current, candValues[node] as number[], Math.max(0, end - exchangeWindow), end, node, base, from);
      }
      return;
    }
    const assigned = assignedByCat[c];
    const bm = bound[m];
    for (let j = 0; j < assigned.length; j++) {
      const t = assigned[j];
      stats.relaxations++;
      const lower = base + price[t];
      // value <= key × bound: skip before the eligibility and value work when it cannot help.
      if (lower - taskKey[t] * bm >= srcBest || assignedTo[t] === node || done[t] === epoch) continue;
      if (!pairEligible(t, m)) continue;
      offerTask(t, lower - value(t, m), from, node);
    }
  };
  /** Every way moderator m can fill a slot freed by `from` in category `held` (-1: a new slot, m0's). */
  const relaxModerator = (m: number, held: number, base: number, from: number, keepOnly: boolean): void => {
    if (held >= 0) relaxNode(m, held, base, from);
    if (keepOnly) return;
    offerSource(base, from, -1, -1);
    for (let c = 0; c < C; c++) {
      const node = m * C + c;
      if (c !== held && count[node] < cap[node]) relaxNode(m, c, base, from);
    }
  };

  /** One slot for moderator m0: augment along a shortest path; false when the best is to leave it empty. */
  const augment = (m0: number): boolean => {
    epoch++;
    stats.augmentations++;
    heap.clear();
    settledCount = 0;
    srcBest = Infinity;
    srcTask = -1;
    relaxModerator(m0, -1, 0, -1, false);
    let ds = Infinity;
    while (heap.size > 0) {
      const u = heap.nodes[0];
      const du = heap.keys[0];
      heap.pop();
      if (u === SRC) {
        ds = du;
        break;
      }
      if (done[u] === epoch || du !== label[u]) continue;
      done[u] = epoch;
      settledList[settledCount++] = u;
      const node = assignedTo[u];
      const m = (node / C) | 0;
      // m0 itself cannot make up a loss through its own slots (the search ends there): same category only.
      relaxModerator(m, node - m * C, du + value(u, m) - price[u], u, m === m0);
    }
    stats.settled += settledCount;
    // Prices rise by what the search proved about each settled task (Johnson's update, cut at the source).
    for (let i = 0; i < settledCount; i++) {
      const t = settledList[i];
      if (label[t] < ds) price[t] += ds - label[t];
    }
    if (srcInto < 0 && srcTowards < 0) return false; // the best is the empty slot itself
    if (srcTask >= 0) {
      assignedTo[srcTask] = srcInto;
      count[srcInto]++;
      assignedByCat[taskCat[srcTask]].push(srcTask);
      price[srcTask] = 0;
    }
    for (let t = srcTowards; t >= 0; t = towards[t]) {
      count[assignedTo[t]]--;
      assignedTo[t] = into[t];
      count[into[t]]++;
    }
    return true;
  };

  // The order slots are served in does not change the optimum, only how much exchanging the searches must
  // do: serve next the moderator whose best free task is worth the most right now, as a greedy round would,
  // so that augmenting paths are needed only where greedy would go wrong. Keys go stale as tasks are taken;
  // a popped moderator whose best fell below the next key is put back with its current best first.
  // A moderator whose best is to leave a slot empty is done: with more slots taken elsewhere its marginal
  // value can only fall (the round's optimum is submodular in the capacities), so later slots would stay empty too.
  const directBest = (m: number): number => {
    let best = 0;
    for (let c = 0; c < C; c++) {
      const node = m * C + c;
      if (!(count[node] < cap[node])) continue;
      const i = bestUnassigned(node);
      if (i >= 0 && (candValues[node] as number[])[i] > best) best = (candValues[node] as number[])[i];
    }
    return best;
  };
  const remaining = Int32Array.from(units);
  const queue = new NodeHeap(); // a min-heap, so keys are negated values
  const keyOf = (m: number) => -directBest(m);
  for (let m = 0; m < M; m++) if (remaining[m] > 0) queue.push(keyOf(m), m);
  while (queue.size > 0) {
    const m = queue.nodes[0];
    const key = queue.keys[0];
    queue.pop();
    const current = -directBest(m);
    if (current > key && queue.size > 0 && current > queue.keys[0]) {
      queue.push(current, m);
      continue;
    }
    remaining[m]--;
    if (!augment(m)) remaining[m] = 0;
    if (remaining[m] > 0) queue.push(keyOf(m), m);
  }

  const assignments: Assignment[] = [];
  let total = 0;
  for (let t = 0; t < T; t++) {
    if (assignedTo[t] < 0) continue;
    const m = (assignedTo[t] / C) | 0;
    assignments.push({ taskId: tasks[t].id, moderatorId: moderators[m].id });
    total += pairValue(tasks[t], moderators[m], now);
  }
  return { assignments, value: total };
}
