import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('has defaults that run on SQLite in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', dataDir: path.resolve('data'), databaseUrl: undefined, baseUrl: undefined, isDemoEnabled: true, logLevel: 'info', trustProxy: false });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every setting', () => {
    const config = loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATA_DIR: '/srv/cong', DATABASE_URL: 'postgres://cong@db/cong', BASE_URL: 'https://sldtbxh.kontum.gov.vn/', CONG_DEMO: 'false', TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/srv/cong', databaseUrl: 'postgres://cong@db/cong', baseUrl: 'https://sldtbxh.kontum.gov.vn', isDemoEnabled: false, trustProxy: ['127.0.0.1'], logLevel: 'warn' });
  });

  it('lists every problem at once, in Vietnamese', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', BASE_URL: 'not a url', CONG_DEMO: 'maybe', LOG_LEVEL: 'loud', HOST: ' ', DATA_DIR: '', TRUST_PROXY: 'true' });
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toContain('PORT="abc" phải là số cổng');
    for (const name of ['PORT', 'DATABASE_URL', 'BASE_URL', 'CONG_DEMO', 'LOG_LEVEL', 'HOST', 'DATA_DIR', 'TRUST_PROXY']) expect(problems.some((p) => p.includes(name)), name).toBe(true);
  });

  describe('PORT', () => {
    it.each([['1', 1], ['80', 80], ['3000', 3000], ['8080', 8080], ['65535', 65535], ['03000', 3000]])('accepts %j', (raw, port) => {
      expect(loadConfig({ PORT: raw }).port).toBe(port);
    });

    // Number('') is 0, a random port; Number('1e3') and Number('0x10') are ports too.
    it.each(['', ' ', '  3000', '3000 ', '3000abc', 'abc', '1e3', '0x10', '0o17', '-1', '+80', '0', '00000', '65536', '99999', '123456', '3000.0', '3.5', 'Infinity', 'NaN', '３０００'])(
      'refuses %j instead of picking a random or surprising port',
      (raw) => {
        const problems = problemsOf({ PORT: raw });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain(`PORT="${raw}" phải là số cổng từ 1 đến 65535`);
      },
    );
  });

  describe('HOST', () => {
    it.each(['0.0.0.0', '127.0.0.1', '::', '::1', 'localhost', 'cong-1.internal', 'fe80::1', '10.1.2.3'])('accepts %j', (raw) => {
      expect(loadConfig({ HOST: raw }).host).toBe(raw);
    });

    it.each(['', ' ', '\t', ' 127.0.0.1', '127.0.0.1 ', 'http://localhost', 'localhost:3000', '[::1]', 'my host', 'a..b', '-bad', 'bad-', 'under_score', 'cong.gov.vn:80'])('refuses %j', (raw) => {
      const problems = problemsOf({ HOST: raw });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('HOST=');
    });
  });

  describe('DATA_DIR', () => {
    it.each([['/srv/cong', '/srv/cong'], ['data', path.resolve('data')], ['./du lieu', path.resolve('du lieu')], ['/var/lib/cổng', '/var/lib/cổng']])('accepts %j', (raw, dir) => {
      expect(loadConfig({ DATA_DIR: raw }).dataDir).toBe(dir);
    });

    it.each(['', ' ', '\t', ' /srv/cong', '/srv/cong ', 'a\0b'])('refuses %j', (raw) => {
      expect(problemsOf({ DATA_DIR: raw })[0]).toContain('DATA_DIR=');
    });
  });

  describe('LOG_LEVEL', () => {
    it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts %j', (raw) => {
      expect(loadConfig({ LOG_LEVEL: raw }).logLevel).toBe(raw);
    });

    it.each(['', ' ', 'INFO', 'Info', ' info', 'verbose', 'warning', 'loud'])('refuses %j', (raw) => {
      expect(problemsOf({ LOG_LEVEL: raw })[0]).toContain('LOG_LEVEL=');
    });
  });

  describe('DATABASE_URL', () => {
    it.each(['postgres://cong@db/cong', 'postgresql://cong:bí-mật@10.0.0.5:5432/cong?sslmode=require', 'postgres://cong@/cong?host=/var/run/postgresql'])('accepts %j', (raw) => {
      expect(loadConfig({ DATABASE_URL: raw }).databaseUrl).toBe(raw);
    });

    it('treats an empty value as SQLite', () => {
      expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    });

    it.each(['mysql://cong:bi-mat@db/cong', 'sqlite:cong.db', ' ', 'postgres:/db', 'postgres://', 'postgres://cong:bi mat@db/cong', ' postgres://cong:bi-mat@db/cong', 'POSTGRES//db'])('refuses %j without echoing it (it may hold a password)', (raw) => {
      const problems = problemsOf({ DATABASE_URL: raw });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('DATABASE_URL phải bắt đầu bằng postgres://');
      expect(problems[0]).not.toContain('bi-mat');
      expect(problems[0]).not.toContain('bi mat');
    });
  });

  describe('BASE_URL', () => {
    it.each([
      ['https://sldtbxh.kontum.gov.vn', 'https://sldtbxh.kontum.gov.vn'],
      ['https://sldtbxh.kontum.gov.vn/', 'https://sldtbxh.kontum.gov.vn'],
      ['HTTPS://SLDTBXH.KonTum.GOV.VN', 'https://sldtbxh.kontum.gov.vn'],
      ['http://localhost:3000', 'http://localhost:3000'],
      ['https://cong.gov.vn:443', 'https://cong.gov.vn'],
      ['http://cong.gov.vn:80/', 'http://cong.gov.vn'],
      ['https://cong.gov.vn:8443', 'https://cong.gov.vn:8443'],
      ['http://[::1]:8080', 'http://[::1]:8080'],
      ['https://sởlđtbxh.vn', 'https://xn--sltbxh-c3a2512d.vn'],
    ])('accepts %j as the origin %j', (raw, origin) => {
      expect(loadConfig({ BASE_URL: raw }).baseUrl).toBe(origin);
    });

    it('treats an empty value as unset', () => {
      expect(loadConfig({ BASE_URL: '' }).baseUrl).toBeUndefined();
    });

    it.each([
      'not a url',
      ' ',
      'sldtbxh.kontum.gov.vn',
      'ftp://cong.gov.vn',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://cong.gov.vn/tin-tuc',
      'https://cong.gov.vn/cong/',
      'https://cong.gov.vn?x=1',
      'https://cong.gov.vn/?',
      'https://cong.gov.vn#top',
      'https://cong.gov.vn/#',
      ' https://cong.gov.vn',
      'https://cong.gov.vn ',
      'https://',
    ])('refuses %j', (raw) => {
      const problems = problemsOf({ BASE_URL: raw });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('BASE_URL');
    });

    it.each(['https://admin:mat-khau@cong.gov.vn', 'https://admin@cong.gov.vn', 'https://:mat-khau@cong.gov.vn'])('refuses credentials in %j without echoing them', (raw) => {
      const problems = problemsOf({ BASE_URL: raw });
      expect(problems[0]).toContain('BASE_URL không được chứa tên đăng nhập hay mật khẩu');
      expect(problems[0]).not.toContain('mat-khau');
    });
  });

  describe('TRUST_PROXY', () => {
    it.each([undefined, '', 'false', 'FALSE', '0', 'no', 'off'])('trusts no proxy for %j', (raw) => {
      expect(loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw }).trustProxy).toBe(false);
    });

    it.each([
      ['127.0.0.1', ['127.0.0.1']],
      ['127.0.0.1,10.0.0.0/8,::1', ['127.0.0.1', '10.0.0.0/8', '::1']],
      [' 127.0.0.1 , 192.168.1.0/24 ', ['127.0.0.1', '192.168.1.0/24']],
      ['fd00::/8,2001:db8::1', ['fd00::/8', '2001:db8::1']],
      ['loopback', ['loopback']],
      ['loopback,uniquelocal,linklocal', ['loopback', 'uniquelocal', 'linklocal']],
      ['::ffff:10.0.0.1', ['::ffff:10.0.0.1']],
      ['10.0.0.1/32,::/1', ['10.0.0.1/32', '::/1']],
    ])('trusts the listed proxies %j', (raw, list) => {
      expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(list);
    });

    it.each(['true', 'TRUE', 'yes', 'on'])('refuses %j: it would trust every hop', (raw) => {
      const problems = problemsOf({ TRUST_PROXY: raw });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('tin mọi bước chuyển tiếp');
      expect(problems[0]).toContain('TRUST_PROXY=127.0.0.1');
    });

    it.each(['1', '2', '10'])('refuses the hop count %j and asks for addresses', (raw) => {
      expect(problemsOf({ TRUST_PROXY: raw })[0]).toContain('số lượng proxy');
    });

    it.each(['nginx', '127.0.0.1,', ',127.0.0.1', '127.0.0.256', '127.1', '10.0.0.0/33', '10.0.0.0/0', '::1/129', '10.0.0.0/8/8', '10.0.0.0/', '10.0.0.0/255.0.0.0', 'localhost', '*', '-1', '1.5', '127.0.0.1 10.0.0.1'])(
      'refuses %j, naming the bad entry',
      (raw) => {
        const problems = problemsOf({ TRUST_PROXY: raw });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain('TRUST_PROXY');
      },
    );
  });

  describe('CONG_DEMO', () => {
    it.each([['', true], ['true', true], ['1', true], ['yes', true], ['false', false], ['0', false], ['OFF', false]])('reads %j as %j', (raw, value) => {
      expect(loadConfig({ CONG_DEMO: raw }).isDemoEnabled).toBe(value);
    });

    it.each(['maybe', ' ', '2'])('refuses %j', (raw) => {
      expect(problemsOf({ CONG_DEMO: raw })[0]).toContain('CONG_DEMO=');
    });
  });
});
