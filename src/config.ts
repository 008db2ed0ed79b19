import path from 'node:path';

/** Environment → typed configuration, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent the embedded server is started. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  demo: boolean;
  demoPassword: string | undefined;
  /** Files above this size are refused (evidence uploads). */
  maxUploadBytes: number;
  /** Fixed "today" (YYYY-MM-DD) for demos and tests; the real date otherwise. */
  today: string | undefined;
  secureCookies: boolean;
  /** Reminders by e-mail: nodemailer's SMTP URL (smtp://user:pass@host:587); without it only in-app notifications. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address users open the app at, for links in e-mails. */
  publicUrl: string | undefined;
  /** How often the scheduler derives reminders and drains the outbox. */
  schedulerIntervalMs: number;
  /** Citizen self-service submissions accepted per minute from one address (a commune hall shares one). */
  selfServicePerMinute: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intOr(env.PORT, 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.XHHT_DATA_DIR ?? '.xhht'),
    embeddedPgPort: intOr(env.XHHT_PG_PORT, 54329),
    demo: env.XHHT_DEMO === '1',
    demoPassword: env.XHHT_DEMO_PASSWORD || undefined,
    maxUploadBytes: intOr(env.XHHT_MAX_UPLOAD_BYTES, 10 * 1024 * 1024),
    today: env.XHHT_TODAY || undefined,
    secureCookies: env.XHHT_SECURE_COOKIES === '1',
    smtpUrl: env.XHHT_SMTP_URL || undefined,
    mailFrom: env.XHHT_MAIL_FROM || 'xhht <no-reply@localhost>',
    publicUrl: env.XHHT_PUBLIC_URL || undefined,
    schedulerIntervalMs: intOr(env.XHHT_SCHEDULER_INTERVAL_MS, 60_000),
    selfServicePerMinute: intOr(env.XHHT_SELF_SERVICE_PER_MINUTE, 60),
  };
}

function intOr(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
