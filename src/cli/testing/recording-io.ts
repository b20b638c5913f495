import type { CliIo } from '../cli-io.js';

/** A CliIo for tests: what the command writes is kept in `stdout` and `stderr`. */
export type RecordingIo = CliIo & { stdout: string; stderr: string };

export function recordingIo(options: {
  cwd: string;
  now: string;
  env?: Record<string, string | undefined>;
}): RecordingIo {
  const io: RecordingIo = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    now: () => new Date(options.now),
    env: options.env ?? {},
    cwd: options.cwd,
  };
  return io;
}
