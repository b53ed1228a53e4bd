import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { configFromEnv, holidayCalendarFrom, SHIPPED_PROCESSES_DIR } from '../../server/src/config.js';
import { generatePassword, hashPassword, verifyPassword } from '../../server/src/services/passwords.js';

describe('server: password hashing', () => {
  it('hashes with scrypt and a random salt, and verifies only the right password', async () => {
    const first = await hashPassword('Correct Paard Batterij');
    const second = await hashPassword('Correct Paard Batterij');
    expect(first).to.match(/^scrypt\$16384\$8\$1\$/);
    expect(first).not.to.equal(second);
    expect(await verifyPassword('Correct Paard Batterij', first)).to.equal(true);
    expect(await verifyPassword('Correct Paard Batterij', second)).to.equal(true);
    expect(await verifyPassword('correct paard batterij', first)).to.equal(false);
    expect(await verifyPassword('', first)).to.equal(false);
  });

  it('refuses stored values that are not scrypt hashes instead of throwing', async () => {
    for (const stored of ['', 'plain-text', 'scrypt$x$8$1$abc$def', 'bcrypt$10$8$1$abc$def', 'scrypt$16384$8$1$c2FsdA==$']) {
      expect(await verifyPassword('anything', stored), stored).to.equal(false);
    }
  });

  it('generates distinct passwords of 24 URL-safe characters', () => {
    const a = generatePassword();
    expect(a).to.match(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.to.equal(a);
  });
});

describe('server: configuration from the environment', () => {
  it('has the documented defaults', () => {
    expect(configFromEnv({})).to.deep.equal({
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      adminPassword: undefined,
      tokenTtlMinutes: 720,
      processesDir: SHIPPED_PROCESSES_DIR,
      jobPollMs: 1000,
    });
    expect(SHIPPED_PROCESSES_DIR).to.equal(fileURLToPath(new URL("../../processes", import.meta.url)).replace(/\/$/, ""));
  });

  it('reads PORT, DATABASE_URL, LOKET_DATA_DIR, LOKET_ADMIN_PASSWORD, LOKET_TOKEN_TTL_MINUTES and LOKET_JOB_POLL_MS', () => {
    const config = configFromEnv({
      PORT: '8080',
      DATABASE_URL: 'postgres://db/loket',
      LOKET_DATA_DIR: '/var/lib/loket',
      LOKET_ADMIN_PASSWORD: 'begin',
      LOKET_TOKEN_TTL_MINUTES: '30',
      LOKET_PROCESSES_DIR: '/srv/diensten',
      LOKET_JOB_POLL_MS: '0',
    });
    expect(config).to.deep.equal({
      port: 8080,
      databaseUrl: 'postgres://db/loket',
      dataDir: '/var/lib/loket',
      adminPassword: 'begin',
      tokenTtlMinutes: 30,
      processesDir: '/srv/diensten',
      jobPollMs: 0,
    });
  });

  it('refuses a port or time to live that is not a whole number', () => {
    expect(() => configFromEnv({ PORT: 'web' })).to.throw(/PORT/);
    expect(() => configFromEnv({ LOKET_TOKEN_TTL_MINUTES: '0' })).to.throw(/LOKET_TOKEN_TTL_MINUTES/);
    expect(() => configFromEnv({ LOKET_TOKEN_TTL_MINUTES: '1.5' })).to.throw(/LOKET_TOKEN_TTL_MINUTES/);
    expect(() => configFromEnv({ LOKET_JOB_POLL_MS: 'vaak' })).to.throw(/LOKET_JOB_POLL_MS/);
  });

  it('reads the mail server from LOKET_SMTP_URL and refuses what is no smtp address', () => {
    expect(configFromEnv({ LOKET_SMTP_URL: 'smtp://post.gemeente.be:587', LOKET_MAIL_FROM: 'Gemeente <post@gemeente.be>' })).to.include({
      smtpUrl: 'smtp://post.gemeente.be:587',
      mailFrom: 'Gemeente <post@gemeente.be>',
    });
    expect(configFromEnv({})).not.to.have.property('smtpUrl');
    expect(() => configFromEnv({ LOKET_SMTP_URL: 'post.gemeente.be' })).to.throw('LOKET_SMTP_URL must be an smtp:// or smtps:// address, not "post.gemeente.be"');
  });

  it('refuses an unknown calendar in LOKET_HOLIDAYS at start, naming the ones there are', () => {
    expect(holidayCalendarFrom(undefined)).to.equal('be');
    expect(holidayCalendarFrom('nl')).to.equal('nl');
    expect(() => holidayCalendarFrom('fr')).to.throw('LOKET_HOLIDAYS is "fr"; it must be one of be, nl, none');
  });
});
