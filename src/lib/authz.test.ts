import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorize, can, type Actor, type RoleGrant } from './authz.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

const user = (grants: RoleGrant[]): Actor => ({
  kind: 'user',
  id: 1,
  username: 'u',
  displayName: 'U',
  unitId: 2,
  grants,
  sessionId: 's',
});

test('a publisher of a department may draft in it and its subtree, not in a sibling', () => {
  const a = user([{ role: 'publisher', unitId: 2, unitPath: '/1/2/' }]);
  assert.equal(can(a, 'item.draft', { unitPath: '/1/2/' }), true);
  assert.equal(can(a, 'item.draft', { unitPath: '/1/2/7/' }), true);
  assert.equal(can(a, 'item.draft', { unitPath: '/1/3/' }), false);
  assert.equal(can(a, 'item.draft', { unitPath: '/1/' }), false);
  assert.equal(can(a, 'item.review', { unitPath: '/1/2/' }), false);
});

test('the system administrator manages accounts but not content', () => {
  const a = user([{ role: 'system_admin', unitId: 1, unitPath: '/1/' }]);
  assert.equal(can(a, 'user.manage', { unitPath: '/1/5/' }), true);
  assert.equal(can(a, 'item.draft', { unitPath: '/1/5/' }), false);
});

test('an API token acts only within its unit and scopes', () => {
  const a: Actor = { kind: 'api', tokenId: 1, name: 'oa', unitId: 2, unitPath: '/1/2/', scopes: ['items:write'] };
  assert.equal(can(a, 'item.draft', { unitPath: '/1/2/' }), true);
  assert.equal(can(a, 'item.review', { unitPath: '/1/2/' }), false);
  assert.equal(can(a, 'item.draft', { unitPath: '/1/3/' }), false);
});

test('authorize tells anonymous visitors to sign in and forbids signed-in users', () => {
  assert.throws(() => authorize({ kind: 'anonymous' }, 'staff.enter'), UnauthenticatedError);
  assert.throws(() => authorize(user([]), 'staff.enter'), ForbiddenError);
});
