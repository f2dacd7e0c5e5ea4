/** The settings of a Monity server; each is named here as in the environment. */
export interface MonityConfig {
  port: number;
  host: string;
  /** A real PostgreSQL; when absent Monity starts an embedded one. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Where the embedded PostgreSQL and other local state live. */
  dataDir: string;
  /** Port of the embedded PostgreSQL; 0 picks a free one at each start. */
  embeddedPostgresPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  plugins: { packages: string[]; config: Record<string, unknown> };
}

/** Where each setting comes from: its environment variable and its key in the config file. */
export const settings = {
  port: { env: 'PORT', schema: { type: 'integer', minimum: 1, maximum: 65535, default: 3000 } },
  host: { env: 'HOST', schema: { type: 'string', minLength: 1, default: '127.0.0.1' } },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: { type: 'string', pattern: '^postgres(ql)?://' },
  },
  databasePoolSize: {
    env: 'DATABASE_POOL_SIZE',
    schema: { type: 'integer', minimum: 1, maximum: 500, default: 10 },
  },
  dataDir: { env: 'MONITY_DATA_DIR', schema: { type: 'string', minLength: 1, default: '.monity' } },
  embeddedPostgresPort: {
    env: 'MONITY_EMBEDDED_POSTGRES_PORT',
    schema: { type: 'integer', minimum: 0, maximum: 65535, default: 0 },
  },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: {
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
  },
  plugins: {
    env: 'MONITY_PLUGINS',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        packages: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
        config: { type: 'object', default: {} },
      },
      default: {},
    },
  },
} as const satisfies Record<keyof MonityConfig, { env: string; schema: object }>;
