import pino from 'pino';

/** Structured one-line JSON logs on stderr; errors keep their stack in the log, never in responses. */
export interface Logger {
  debug: (message: string, fields?: Record<string, unknown>) => void;
  info: (message: string, fields?: Record<string, unknown>) => void;
  warn: (message: string, fields?: Record<string, unknown>) => void;
  error: (message: string, fields?: Record<string, unknown>) => void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

function plain(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

/**
 * pino writing `{"level":"info","time":"…","message":"…",…fields}`. Written synchronously to stderr, so the last
 * lines before `process.exit` are not lost; `write` replaces the destination (tests collect the lines).
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination = write ? { write: (chunk: string) => write(chunk.replace(/\n$/, '')) } : pino.destination({ dest: 2, sync: true });
  const base = pino(
    {
      level,
      base: null,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const emit = (at: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => base[at](plain(fields), message);
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
