/**
 * The logger option of Fastify (pino): readable coloured lines for a person at a
 * terminal, one JSON object per line for everything else (journald, files, log shippers),
 * which keeps every field searchable.
 */

export interface LoggerOptions {
  level: string;
  /** pino-pretty runs in a worker thread, off the request path. */
  transport?: { target: 'pino-pretty'; options: Record<string, unknown> };
}

export function loggerOptions(input: { level: string; isTerminal: boolean }): LoggerOptions {
  if (!input.isTerminal) return { level: input.level };
  return {
    level: input.level,
    transport: {
      target: 'pino-pretty',
      // The worker thread's own stdout is not a TTY, so colours must be asked for.
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
    },
  };
}
