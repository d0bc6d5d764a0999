import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, isFormError } from './errors.ts';

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
