/** What a command may touch: its output streams, the clock and the environment. Tests pass fakes. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  now(): Date;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  now: () => new Date(),
  env: process.env,
  cwd: process.cwd(),
};

/** A problem with what the user asked for: printed as-is, exit status 2. */
export class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'UsageError';
  }
}

export type Command = (args: string[], io: CliIo) => Promise<number>;
