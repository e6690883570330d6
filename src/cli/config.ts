// Where the CLI finds things: flags first, then environment variables, then the embedded defaults.
export const DEFAULT_PORT = 3700;
export const DEFAULT_DATA_DIR = '.vigil';

export interface Env {
  databaseUrl?: string;
  natsUrl?: string;
  redisUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  adminKey?: string;
  url?: string;
  apiKey?: string;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  return {
    databaseUrl: env.VIGIL_DATABASE_URL || undefined,
    natsUrl: env.VIGIL_NATS_URL || undefined,
    redisUrl: env.VIGIL_REDIS_URL || undefined,
    dataDir: env.VIGIL_DATA_DIR || DEFAULT_DATA_DIR,
    port: env.VIGIL_PORT ? Number(env.VIGIL_PORT) : DEFAULT_PORT,
    host: env.VIGIL_HOST || '127.0.0.1',
    adminKey: env.VIGIL_ADMIN_KEY || undefined,
    url: env.VIGIL_URL || undefined,
    apiKey: env.VIGIL_API_KEY || undefined,
  };
}

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
