// The data-directory lock: one process at a time may open an embedded database, because two PGlite
// instances writing one folder corrupt it. A lock left by a dead process is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(`the data directory is in use by process ${ownerPid} (lock file ${lockFile}); stop that process, use another --data-dir, or (for export) pass --url to ask the running Vigil`);
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): void;
}

/** Locks this process holds; a lock file naming our own pid but absent here was left by an earlier process with the same pid. */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  if (heldHere.has(lockFile)) throw new DataDirLockedError(lockFile, process.pid);
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      heldHere.add(lockFile);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(lockFile);
          try {
            if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(lockFile, owner);
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockFile}`);
}
