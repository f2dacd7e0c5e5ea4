/** The settings of a Monity server; each is named here as in the environment. */
export interface MonityConfig {
  port: number;
  host: string;
  /** A real PostgreSQL; when absent Monity starts an embedded one. */
  databaseUrl: string | undefined;
  /** Login of a member of role monity_app for requests; without it the owner drops to it. */
  databaseAppUrl: string | undefined;
  databasePoolSize: number;
  /** Where the embedded PostgreSQL and other local state live. */
  dataDir: string;
  /** Port of the embedded PostgreSQL; 0 picks a free one at each start. */
  embeddedPostgresPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  plugins: { packages: string[]; config: Record<string, unknown> };
  /** The channel that carries Monity's own e-mails (invitations, password resets). */
  emailChannel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Creates a demo company with an owner when the database has no company yet. */
  demoTenant: boolean;
  /** Serves the built web application beside the API. */
  serveWeb: boolean;
  /** How long an import job stays with a runner that stopped renewing it (a crashed process). */
  importLeaseSeconds: number;
  /** Messages the outbox dispatcher of this process hands to channels at once. */
  dispatchConcurrency: number;
  /**
   * How long a message being handed over stays with its process. Past it, a message marked in
   * flight counts as "outcome unknown": keep it above every channel's own time-out.
   */
  dispatchLeaseSeconds: number;
  /** Hand-overs of one message before a refusal that sent nothing becomes final. */
  dispatchMaxAttempts: number;
  /** The first retry's delay; each next one doubles, with jitter, up to an hour. */
  dispatchRetrySeconds: number;
  /** How often the dispatcher looks for due messages when nothing woke it. */
  dispatchPollMs: number;
  /** How often the leading server process runs every company's active collection processes. */
  collectionTickSeconds: number;
  /**
   * The key that encrypts channel credentials at rest: 32 bytes, base64. When absent, one is
   * made once and kept in `<dataDir>/secret.key`; keep that file out of database backups.
   */
  secretKey: string | undefined;
  /** Where providers reach this server (`https://monity.example`) for their callbacks. */
  publicUrl: string | undefined;
}

/** Where each setting comes from: its environment variable and its key in the config file. */
export const settings = {
  port: { env: 'PORT', schema: { type: 'integer', minimum: 1, maximum: 65535, default: 3000 } },
  host: { env: 'HOST', schema: { type: 'string', minLength: 1, default: '127.0.0.1' } },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: { type: 'string', pattern: '^postgres(ql)?://' },
  },
  databaseAppUrl: {
    env: 'DATABASE_APP_URL',
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
  emailChannel: {
    env: 'MONITY_EMAIL_CHANNEL',
    schema: { type: 'string', minLength: 1, default: 'sandbox' },
  },
  sessionIdleMinutes: {
    env: 'MONITY_SESSION_IDLE_MINUTES',
    schema: { type: 'integer', minimum: 1, maximum: 1440, default: 120 },
  },
  sessionAbsoluteHours: {
    env: 'MONITY_SESSION_ABSOLUTE_HOURS',
    schema: { type: 'integer', minimum: 1, maximum: 720, default: 12 },
  },
  demoTenant: { env: 'MONITY_DEMO_TENANT', schema: { type: 'boolean', default: true } },
  serveWeb: { env: 'MONITY_SERVE_WEB', schema: { type: 'boolean', default: true } },
  importLeaseSeconds: {
    env: 'MONITY_IMPORT_LEASE_SECONDS',
    schema: { type: 'integer', minimum: 2, maximum: 3600, default: 60 },
  },
  dispatchConcurrency: {
    env: 'MONITY_DISPATCH_CONCURRENCY',
    schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
  dispatchLeaseSeconds: {
    env: 'MONITY_DISPATCH_LEASE_SECONDS',
    schema: { type: 'integer', minimum: 2, maximum: 86_400, default: 300 },
  },
  dispatchMaxAttempts: {
    env: 'MONITY_DISPATCH_MAX_ATTEMPTS',
    schema: { type: 'integer', minimum: 1, maximum: 50, default: 8 },
  },
  dispatchRetrySeconds: {
    env: 'MONITY_DISPATCH_RETRY_SECONDS',
    schema: { type: 'integer', minimum: 1, maximum: 3600, default: 30 },
  },
  dispatchPollMs: {
    env: 'MONITY_DISPATCH_POLL_MS',
    schema: { type: 'integer', minimum: 50, maximum: 60_000, default: 1000 },
  },
  collectionTickSeconds: {
    env: 'MONITY_COLLECTION_TICK_SECONDS',
    schema: { type: 'integer', minimum: 5, maximum: 3600, default: 60 },
  },
  secretKey: { env: 'MONITY_SECRET_KEY', schema: { type: 'string', minLength: 44, maxLength: 44 } },
  publicUrl: { env: 'MONITY_PUBLIC_URL', schema: { type: 'string', pattern: '^https?://[^/]+' } },
} as const satisfies Record<keyof MonityConfig, { env: string; schema: object }>;
