/** The environment, validated once at start-up: every problem listed, secrets never printed. */
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  FORCE_NAME: z.string().min(1).default('Kent Police'),
  FORCE_ADDRESS: z.string().default('Police Headquarters, Sutton Road, Maidstone, Kent ME15 9BZ'),
  FORCE_PHONE: z.string().default('101'),
  FORCE_WEBSITE: z.string().default('www.kent.police.uk'),
  RULE_PACK: z.string().default('victims-code-2020+kent-n15a'),
  /** Set when the service is reached over TLS (directly or behind a proxy): cookies get `Secure`. */
  SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** PostgreSQL: prepare statements by name per connection; `false` behind a pooler that cannot keep them. */
  DB_PREPARED_STATEMENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

/** The configuration for logs, with the database password masked. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    DATABASE_URL: config.DATABASE_URL?.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
  };
}
