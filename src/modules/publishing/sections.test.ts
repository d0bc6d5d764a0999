import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sectionDefault } from './sections.ts';
import { SECTION_BY_CODE } from './taxonomy.ts';

test('a department shows the Art. 21 sections of its own field by default; a government shows all of its level', () => {
  const s = (code: string) => SECTION_BY_CODE.get(code)!;
  const civil = { level: 'city' as const, kind: 'department', name: '示范市民政局' };
  const land = { level: 'city' as const, kind: 'department', name: '示范市自然资源和规划局' };
  const city = { level: 'city' as const, kind: 'government', name: '示范市人民政府' };
  const town = { level: 'township' as const, kind: 'government', name: '清河镇人民政府' };
  assert.equal(sectionDefault(s('a21_social_assistance'), civil), true);
  assert.equal(sectionDefault(s('a21_land_expropriation'), civil), false, 'a 民政局 does not list 土地征收');
  assert.equal(sectionDefault(s('a21_land_expropriation'), land), true);
  assert.equal(sectionDefault(s('a20_01'), civil), true, 'Art. 20 sections are every unit’s');
  assert.equal(sectionDefault(s('a21_land_expropriation'), city), true);
  assert.equal(sectionDefault(s('a21_homestead'), city), false, 'a township section');
  assert.equal(sectionDefault(s('a21_homestead'), town), true);
});
