import { Writable } from 'node:stream';

/** A destination for a service's logger that keeps every line, so tests can read what was logged. */
export interface LogSink {
  stream: Writable;
  lines: string[];
  /** Everything logged so far, one string. */
  text(): string;
}

export function logSink(): LogSink {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, lines, text: () => lines.join('\n') };
}

/** The secrets and personal data a log must never hold, each found in `text` (empty when none is). */
export function leaksIn(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => value !== '' && text.includes(value))
    .map(([name]) => name);
}
