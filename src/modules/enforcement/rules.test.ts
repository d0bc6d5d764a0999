import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { canonicalPool, poolHash, runDraw } from './draw.ts';
import { checkDecision, deidentifyName, excelDate, headerOf, isLate, isValidCreditCode, mapHeader, publicationDue, statsDueOn, withdrawalDue } from './rules.ts';

const cal = buildCalendar();

test('许可 and 处罚 are due 7 working days after the decision, others 20, across 国庆 with its 调休 make-up days', () => {
  // 2025-09-26 is a Friday; 09-28 (Sunday) and 10-11 (Saturday) were make-up working days, 10-01..10-08 off.
  assert.deepEqual(publicationDue(cal, 'penalty', '2025-09-26'), { dueOn: '2025-10-13', provisional: false });
  assert.equal(publicationDue(cal, 'licence', '2025-09-26').dueOn, '2025-10-13');
  assert.equal(publicationDue(cal, 'inspection', '2025-09-26').dueOn, '2025-10-30');
  assert.equal(publicationDue(cal, 'coercion', '2025-09-26').dueOn, '2025-10-30');
  assert.equal(isLate('2025-10-13', '2025-10-13'), false);
  assert.equal(isLate('2025-10-13', '2025-10-14'), true);
});

test('a decision in a year whose holiday notice is not out gets a provisional deadline', () => {
  const r = publicationDue(cal, 'penalty', '2031-12-29');
  assert.equal(r.provisional, true);
});

test('a revoked decision must leave public view within the configured calendar days; statistics by 31 January', () => {
  assert.equal(withdrawalDue('2026-02-27', 3), '2026-03-02');
  assert.equal(statsDueOn(2025), '2026-01-31');
});

test('统一社会信用代码 check characters (GB 32100)', () => {
  assert.equal(isValidCreditCode('91350100M000100Y43'), true);
  assert.equal(isValidCreditCode('91350100M000100Y44'), false);
  assert.equal(isValidCreditCode('91350100M000100Y4'), false);
});

test('natural persons are published as surname and 某, compound surnames kept', () => {
  assert.equal(deidentifyName('张三'), '张某');
  assert.equal(deidentifyName('欧阳修'), '欧阳某');
  assert.equal(deidentifyName('欧'), '欧某');
});

const base = {
  docNo: '示市监罚〔2026〕12号',
  name: '销售过期食品',
  subjectName: '示范市甲乙超市有限公司',
  creditCode: '91350100M000100Y43',
  result: '警告，罚款人民币5000元',
  decidedOn: '2026/3/5',
  authority: '示范市市场监督管理局',
};

test('a record is checked field by field, dates normalised', () => {
  const r = checkDecision(base);
  assert.deepEqual(r.errors, {});
  assert.equal(r.value!.decidedOn, '2026-03-05');
  assert.equal(r.value!.subjectType, 'organisation');
  const bad = checkDecision({ ...base, decidedOn: '2026-02-30', creditCode: '123', result: '', validUntil: '2026-01-01' });
  assert.equal(bad.value, undefined);
  assert.match(bad.errors.decidedOn, /日期/);
  assert.match(bad.errors.creditCode, /18位/);
  assert.match(bad.errors.result, /缺少结果/);
  assert.match(checkDecision({ ...base, subjectType: '机关' }).errors.subjectType, /相对人类别/);
  assert.match(checkDecision({ ...base, subjectType: '法人及非法人组织', creditCode: '' }).errors.creditCode, /应填写/);
});

test('a natural person is de-identified: name masked, ID number never kept, personal data in the text masked', () => {
  const r = checkDecision({ ...base, subjectName: '李四', creditCode: '', legalRep: '李四', idNumber: '110101199003071233', cause: '当事人手机 13912345678 联系' });
  assert.equal(r.value!.subjectType, 'natural');
  assert.equal(r.value!.subjectName, '李某');
  assert.equal(r.value!.legalRep, '');
  assert.ok(!JSON.stringify(r.value).includes('110101199003071233'));
  assert.ok(!r.value!.cause.includes('13912345678'));
});

test('headers are read by exchange code or label, and the export header uses the codes', () => {
  const m = mapHeader(['CF_WSH', 'cf_cfmc', '行政相对人名称', 'CF_JG', '决定日期', 'XK_XZJG', '其他']);
  assert.deepEqual(m.columns, ['docNo', 'name', 'subjectName', 'result', 'decidedOn', 'authority', null]);
  assert.deepEqual(m.unknown, ['其他']);
  assert.deepEqual(m.missing, []);
  assert.deepEqual(mapHeader(['CF_WSH']).missing.length, 5);
  assert.equal(headerOf('penalty')[0], 'CF_WSH');
  assert.equal(headerOf('licence')[1], 'XK_XMMC');
  assert.equal(headerOf('inspection')[0], '决定书文号');
  assert.ok(!headerOf('penalty').includes('CF_XDR_SFZ'));
});

const pool = {
  entities: Array.from({ length: 30 }, (_, i) => ({ id: `E${String(i + 1).padStart(3, '0')}`, name: `对象${i + 1}` })),
  inspectors: Array.from({ length: 6 }, (_, i) => ({ id: `P${i + 1}`, name: `人员${i + 1}`, certificate: `1234${i}` })),
  exclusions: [{ inspector: 'P1', entity: 'E001', reason: '近亲属' }],
};

test('a draw is the same for the same pool and seed, whatever order the pool came in', () => {
  const a = runDraw({ ...pool, entityCount: 5, inspectorsPerEntity: 2, seed: 'ab12' });
  const shuffled = { entities: [...pool.entities].reverse(), inspectors: [...pool.inspectors].reverse(), exclusions: pool.exclusions };
  const b = runDraw({ ...shuffled, entityCount: 5, inspectorsPerEntity: 2, seed: 'ab12' });
  assert.deepEqual(a, b);
  assert.equal(a.poolHash, poolHash(shuffled));
  assert.equal(a.result.length, 5);
  assert.ok(a.result.every((r) => r.inspectors.length === 2 && new Set(r.inspectors).size === 2));
  const c = runDraw({ ...pool, entityCount: 5, inspectorsPerEntity: 2, seed: 'ab13' });
  assert.notDeepEqual(a.result, c.result);
  assert.deepEqual(canonicalPool(shuffled).entities[0], { id: 'E001', name: '对象1' });
});

test('an excluded inspector is never sent to that entity, and an impossible draw is refused', () => {
  for (let s = 0; s < 50; s++) {
    const r = runDraw({ ...pool, entityCount: 30, inspectorsPerEntity: 5, seed: `s${s}` });
    assert.ok(!r.result.find((x) => x.entity === 'E001')!.inspectors.includes('P1'));
  }
  assert.throws(() => runDraw({ ...pool, entityCount: 31, inspectorsPerEntity: 1, seed: 'x' }), /抽取数量/);
  assert.throws(() => runDraw({ ...pool, entityCount: 30, inspectorsPerEntity: 6, seed: 'x' }), /回避后可派人员不足/);
});

test("a workbook's date cell read as Excel's day number becomes the date; other numbers stay as written", () => {
  assert.equal(excelDate('46097'), '2026-03-16');
  assert.equal(excelDate('46097.0'), '2026-03-16');
  assert.equal(excelDate('12345'), '12345');
  assert.equal(excelDate('2026-03-16'), '2026-03-16');
  assert.equal(checkDecision({ ...base, decidedOn: '46097' }).value!.decidedOn, '2026-03-16');
});
