// Exclusive ownership of a named piece of bus work (a consumer group on a topic, a relay), so one
// process at a time does it. On a PostgreSQL server: session advisory locks on a connection the bus
// keeps for itself, released by the server when the process dies. On PGlite: a lock within this
// process, enough because the data-directory lock already keeps other processes out, and because
// PGlite is a single session (a held connection would stall every other query, and advisory locks
// would all be granted to the one session).
import { sql, type Kysely } from 'kysely';
import type { Db, Tables } from '../store/schema.js';

/** Any constant; the first half of every bus advisory lock key, so bus locks cannot meet other advisory locks. */
const BUS_LOCK_CLASS = 7_141_593;
const HEARTBEAT_MS = 2_000;

/** Names held in this process, per database handle (the PGlite case). */
const heldInProcess = new WeakMap<Db, Set<string>>();

interface Session {
  conn: Kysely<Tables>;
  end: () => void;
}

export class GroupLocks {
  private readonly held = new Set<string>();
  /** Names held, or being acquired right now. */
  private readonly claimed = new Set<string>();
  private mode: Promise<'process' | 'advisory'> | undefined;
  private session: Promise<Session> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly onError: (err: unknown, context: string) => void,
  ) {}

  /** Whether this instance holds `name` now. Becomes false when the lock connection was lost. */
  holds(name: string): boolean {
    return this.held.has(name);
  }

  /** Takes `name` unless someone holds it: another process, another bus, or another subscription of this bus. */
  async tryAcquire(name: string): Promise<boolean> {
    // Advisory locks are re-entrant within a session, so this bus must itself refuse a name it holds or is taking.
    if (this.closed || this.claimed.has(name)) return false;
    this.claimed.add(name);
    try {
      if ((await this.detectMode()) === 'process') {
        let names = heldInProcess.get(this.db);
        if (!names) heldInProcess.set(this.db, (names = new Set()));
        if (names.has(name)) return false;
        names.add(name);
        this.held.add(name);
        return true;
      }
      const session = await this.openSession();
      const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${BUS_LOCK_CLASS}, hashtext(${name})) AS ok`.execute(session.conn);
      if (!rows[0].ok) return false;
      this.held.add(name);
      return true;
    } catch (err) {
      this.loseSession(err);
      return false;
    } finally {
      if (!this.held.has(name)) this.claimed.delete(name);
    }
  }

  async release(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    this.claimed.delete(name);
    if ((await this.detectMode()) === 'process') {
      heldInProcess.get(this.db)?.delete(name);
      return;
    }
    try {
      const session = await this.session;
      if (session) await sql`SELECT pg_advisory_unlock(${BUS_LOCK_CLASS}, hashtext(${name}))`.execute(session.conn);
    } catch (err) {
      this.loseSession(err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    const inProcess = heldInProcess.get(this.db);
    for (const name of this.held) inProcess?.delete(name);
    this.held.clear();
    this.claimed.clear();
    const session = this.session;
    this.session = undefined;
    await endSession(session);
  }

  private detectMode(): Promise<'process' | 'advisory'> {
    this.mode ??= sql<{ version: string }>`SELECT version() AS version`
      .execute(this.db)
      .then(({ rows }) => (rows[0].version.includes('PGlite') ? ('process' as const) : ('advisory' as const)))
      .catch((err: unknown) => {
        this.mode = undefined; // ask again next time instead of failing forever
        throw err;
      });
    return this.mode;
  }

  private openSession(): Promise<Session> {
    if (this.session) return this.session;
    this.session = new Promise<Session>((resolve, reject) => {
      let end!: () => void;
      const released = new Promise<void>((r) => (end = r));
      // The callback holds the connection until `end` is called; the locks live exactly as long.
      this.db
        .connection()
        .execute(async (conn) => {
          resolve({ conn, end });
          await released;
        })
        .catch(reject);
    });
    this.heartbeat ??= setInterval(() => void this.checkSession(), HEARTBEAT_MS).unref();
    return this.session;
  }

  /** A lost lock connection means lost locks: find out, so the owner stops working as if it still held them. */
  private async checkSession(): Promise<void> {
    const session = this.session;
    if (!session || this.held.size === 0) return;
    try {
      await sql`SELECT 1`.execute((await session).conn);
    } catch (err) {
      this.loseSession(err);
    }
  }

  private loseSession(err: unknown): void {
    if (this.closed) return;
    if (this.held.size) this.onError(err, `lost the bus lock connection; giving up ${[...this.held].join(', ')}`);
    for (const name of this.held) this.claimed.delete(name);
    this.held.clear();
    const session = this.session;
    this.session = undefined;
    void endSession(session);
  }
}

/** Gives the lock connection back to the pool, without locks: a pooled connection must not carry them to its next user. */
async function endSession(session: Promise<Session> | undefined): Promise<void> {
  const s = await session?.catch(() => undefined);
  if (!s) return;
  await sql`SELECT pg_advisory_unlock_all()`.execute(s.conn).catch(() => undefined);
  s.end();
}
