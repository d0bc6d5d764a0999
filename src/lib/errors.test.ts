import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCodes, AppError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, isFormError } from './errors.ts';

test('only errors the user can fix on the form re-render it; the rest go to the error boundary', () => {
  assert.equal(isFormError(new ValidationError({ title: 'x' })), true);
  assert.equal(isFormError(new ConflictError('X', 'x')), true);
  assert.equal(isFormError(new AppError('UPLOAD_REJECTED', 415, 'x')), true);
  assert.equal(isFormError(new UnauthenticatedError()), false);
  assert.equal(isFormError(new ForbiddenError()), false);
  assert.equal(isFormError(new NotFoundError()), false);
  assert.equal(isFormError(new AppError('INTERNAL', 500, 'x')), false);
  assert.equal(isFormError(new Error('x')), false);
});

test('every error code the code throws is in the catalogue (API clients rely on the list)', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk('src');
  const known = new Set<string>(Object.values(ErrorCodes));
  const thrown = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/new (?:AppError|ConflictError|ValidationError)\((?:[^()]|\([^()]*\)){0,200}?'([A-Z][A-Z0-9_]{2,})'/g)) thrown.add(m[1]);
    for (const m of src.matchAll(/code: '([A-Z][A-Z0-9_]{2,})'/g)) thrown.add(m[1]);
  }
  assert.ok(thrown.size > 20, `found ${thrown.size} codes`);
  assert.deepEqual([...thrown].filter((c) => !known.has(c)).sort(), []);
});
