import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults that run on SQLite in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', dataDir: path.resolve('data'), databaseUrl: undefined, isDemoEnabled: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every setting', () => {
    const config = loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATA_DIR: '/srv/cong', DATABASE_URL: 'postgres://cong@db/cong', BASE_URL: 'https://sldtbxh.kontum.gov.vn/', CONG_DEMO: 'false', TRUST_PROXY: 'true', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/srv/cong', databaseUrl: 'postgres://cong@db/cong', baseUrl: 'https://sldtbxh.kontum.gov.vn', isDemoEnabled: false, trustProxy: true, logLevel: 'warn' });
  });

  it('lists every problem at once, in Vietnamese', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', BASE_URL: 'not a url', CONG_DEMO: 'maybe', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(5);
      expect(problems.join('\n')).toContain('PORT="abc" phải là số cổng');
    }
  });
});
