import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging.js';

describe('loggerOptions', () => {
  it('writes JSON lines when stdout is not a terminal (journald, files)', () => {
    expect(loggerOptions({ level: 'warn', isTerminal: false })).toEqual({ level: 'warn' });
  });

  it('prints readable lines through pino-pretty at a terminal, at the same level', () => {
    const options = loggerOptions({ level: 'debug', isTerminal: true });
    expect(options.level).toBe('debug');
    expect(options.transport).toEqual({
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
    });
  });
});
