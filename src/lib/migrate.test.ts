import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { listMigrations } from './migrate.ts';

// A migration that landed is never edited: a database that applied it would not get the change (and refuses to start
// on the checksum). db/migrations.sha256 records each landed file; add a line for a new migration, never change one.
test('landed migrations are unchanged, and every migration is recorded in db/migrations.sha256', () => {
  const recorded = new Map(
    fs
      .readFileSync('db/migrations.sha256', 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/))
      .map(([sum, file]) => [file, sum]),
  );
  for (const m of listMigrations()) {
    const file = `${m.name}.sql`;
    assert.ok(recorded.has(file), `${file} is not in db/migrations.sha256: add "sha256sum ${file}" once it is final`);
    assert.equal(m.checksum, recorded.get(file), `${file} was edited after it landed: put the change in a new migration`);
  }
  assert.equal(recorded.size, listMigrations().length, 'db/migrations.sha256 names a migration that no longer exists');
});
