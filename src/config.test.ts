import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

test('defaults to the embedded database on port 3000 in ./data', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.ok(c.dataDir.endsWith('/data'));
  assert.equal(c.secretIsEphemeral, true);
});

test('lists every invalid setting at once', () => {
  try {
    loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url', GONGKAI_SECRET: 'short' });
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.problems.length, 3);
    assert.ok(e.problems.some((p) => p.startsWith('PORT')));
  }
});
