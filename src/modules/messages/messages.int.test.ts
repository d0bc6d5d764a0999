/**
 * Messages through their commands: dispatch by category, a case number and query code, a transfer that must name the
 * competent unit (accepted with a new clock, or refused and decided by the office), authorisation by owner unit,
 * merging, the reply carried to merged messages, publication only with consent and with personal data masked, the
 * writer's withdrawal by query code, and 12345 work orders received once however often they arrive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { buildCalendar } from '../../lib/calendar.ts';
import { decideTransfer, mergeMessage, publishMessage, receiveMessage, replyMessage, requestTransfer, resolveDispute, withdrawMessage, getMessage } from './index.ts';

test('a message is routed, transferred once, merged, answered, published and withdrawn by the rules', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  const z = await actorFor(h.db, 'zclerk');
  await makeUser(h.db, jyj.id, ['message_officer'], { username: 'jclerk' });
  const j = await actorFor(h.db, 'jclerk');
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const office = await actorFor(h.db, 'office');
  const citizen = { kind: 'anonymous' as const };
  const calendar = buildCalendar();
  const ctx = (day: string) => ({ now: new Date(`${day}T02:00:00Z`), today: day, calendar });
  await h.db.query(`INSERT INTO message_dispatch (category, area, unit_id, updated_at) VALUES ('教育', '', $1, now())`, [jyj.id]);
  const base = { unitId: zjj.id, type: 'consult', category: '', area: '', writerName: '李明', contact: '13800000000', consentPublish: true };

  const bad = await receiveMessage(h.db, citizen, ctx('2026-03-02'), { ...base, type: 'rant', title: ' ', body: '' }).catch((e) => e);
  assert.deepEqual(Object.keys(bad.fields).sort(), ['body', 'title', 'type']);
  assert.equal((await h.db.query('SELECT 1 FROM messages')).rows.length, 0, 'nothing written');

  // Dispatched by category to 教育局, whichever unit the writer picked.
  const school = await receiveMessage(h.db, citizen, ctx('2026-03-02'), { ...base, category: '教育', title: '学区划分咨询', body: '请问城东小区属于哪个学区？' });
  assert.equal(school.caseNo, 'LY2026000001');
  assert.match(school.queryCode, /^[2-9A-HJ-NP-Z]{8}$/);
  let m = (await getMessage(h.db, school.id))!;
  assert.equal(m.unit_id, jyj.id);
  assert.equal(m.due_on, '2026-03-09', '5 working days for a consultation');

  // Written to 住建局 about a school: "not ours" must name the unit and say why; 教育局 accepts within a working day.
  const lift = await receiveMessage(h.db, citizen, ctx('2026-03-02'), { ...base, title: '学校周边施工噪声', body: '学校旁工地夜间施工，影响学生休息。联系电话13912345678。' });
  const noReason = await requestTransfer(h.db, z, ctx('2026-03-03'), lift.id, jyj.id, ' ').catch((e) => e);
  assert.ok('reason' in noReason.fields);
  await requestTransfer(h.db, z, ctx('2026-03-03'), lift.id, jyj.id, '校园周边秩序属教育部门会同有关部门处理');
  m = (await getMessage(h.db, lift.id))!;
  assert.deepEqual([m.state, m.transfer_due_on, m.unit_id], ['transferring', '2026-03-04', zjj.id], 'the first unit owns it until accepted');
  assert.equal((await decideTransfer(h.db, z, ctx('2026-03-03'), lift.id, true, '').catch((e) => e)).code, 'FORBIDDEN', 'only the named unit decides');
  await decideTransfer(h.db, j, ctx('2026-03-04'), lift.id, true, '');
  m = (await getMessage(h.db, lift.id))!;
  assert.deepEqual([m.state, m.unit_id, m.due_on], ['open', jyj.id, '2026-03-11'], 'a new clock from the acceptance');

  // Another transfer refused goes to the office, which names the owner.
  const third = await receiveMessage(h.db, citizen, ctx('2026-03-05'), { ...base, type: 'complaint', title: '物业收费', body: '物业费上涨未公示。' });
  await requestTransfer(h.db, z, ctx('2026-03-05'), third.id, jyj.id, '物业管理不属于本局');
  assert.ok('refuseReason' in (await decideTransfer(h.db, j, ctx('2026-03-05'), third.id, false, '').catch((e) => e)).fields);
  await decideTransfer(h.db, j, ctx('2026-03-05'), third.id, false, '物业收费属住建部门监管');
  assert.equal((await getMessage(h.db, third.id))!.state, 'disputed');
  assert.equal((await resolveDispute(h.db, z, ctx('2026-03-06'), third.id, zjj.id).catch((e) => e)).code, 'FORBIDDEN', 'the office decides');
  await resolveDispute(h.db, office, ctx('2026-03-06'), third.id, zjj.id);
  m = (await getMessage(h.db, third.id))!;
  assert.deepEqual([m.state, m.unit_id, m.due_on], ['open', zjj.id, '2026-03-27'], '15 working days for a complaint, from the decision');

  // A repeat of the school question is merged; the answer reaches both; 住建局 cannot answer 教育局's message.
  const again = await receiveMessage(h.db, citizen, ctx('2026-03-06'), { ...base, category: '教育', title: '城东小区学区', body: '城东小区对口哪所小学？' });
  await mergeMessage(h.db, j, ctx('2026-03-06'), again.id, school.caseNo);
  assert.equal((await replyMessage(h.db, z, ctx('2026-03-06'), school.id, '答复').catch((e) => e)).code, 'FORBIDDEN');
  assert.ok('reply' in (await replyMessage(h.db, j, ctx('2026-03-06'), school.id, '  ').catch((e) => e)).fields);
  await replyMessage(h.db, j, ctx('2026-03-06'), school.id, '城东小区对口城东小学，详见教育局2026年学区划分公告。');
  assert.match((await getMessage(h.db, again.id))!.reply, /对口城东小学/);
  assert.equal((await replyMessage(h.db, j, ctx('2026-03-07'), again.id, 'x').catch((e) => e)).code, 'MESSAGE_INVALID_TRANSITION');

  // Published only when answered and agreed; personal data masked, the writer's name and contact never shown.
  assert.equal(
    (await publishMessage(h.db, j, ctx('2026-03-07'), lift.id, { publicTitle: '', publicBody: '', publicReply: '' }).catch((e) => e)).code,
    'MESSAGE_INVALID_TRANSITION',
  );
  await replyMessage(h.db, j, ctx('2026-03-09'), lift.id, '已联系施工单位，夜间22时后停止施工。');
  await publishMessage(h.db, j, ctx('2026-03-09'), lift.id, { publicTitle: '', publicBody: '', publicReply: '' });
  m = (await getMessage(h.db, lift.id))!;
  assert.doesNotMatch(m.public_body, /13912345678/);
  assert.match(m.public_body, /139\*+5678/);
  const noConsent = await receiveMessage(h.db, citizen, ctx('2026-03-09'), { ...base, consentPublish: false, category: '教育', title: '私事', body: '个人情况。' });
  await replyMessage(h.db, j, ctx('2026-03-09'), noConsent.id, '已答复。');
  assert.equal(
    (await publishMessage(h.db, j, ctx('2026-03-09'), noConsent.id, { publicTitle: '', publicBody: '', publicReply: '' }).catch((e) => e)).code,
    'MESSAGE_INVALID_TRANSITION',
  );

  // The writer withdraws with the query code, not without; an answered message stays.
  const mine = await receiveMessage(h.db, citizen, ctx('2026-03-09'), { ...base, category: '教育', title: '撤回测试', body: '不需要了。' });
  assert.equal((await withdrawMessage(h.db, ctx('2026-03-09'), mine.caseNo, 'WRONGCODE').catch((e) => e)).code, 'NOT_FOUND');
  await withdrawMessage(h.db, ctx('2026-03-09'), mine.caseNo, mine.queryCode.toLowerCase());
  assert.equal((await getMessage(h.db, mine.id))!.state, 'withdrawn');
  assert.equal((await withdrawMessage(h.db, ctx('2026-03-09'), school.caseNo, school.queryCode).catch((e) => e)).code, 'MESSAGE_INVALID_TRANSITION');

  // 12345 work orders: the same number twice is one message.
  const wo = { ...base, channel: 'hotline', workOrderNo: 'GD20260309000123', title: '路灯不亮', body: '人民路路灯不亮。' };
  const first = await receiveMessage(h.db, z, ctx('2026-03-09'), wo);
  const retry = await receiveMessage(h.db, z, ctx('2026-03-09'), wo);
  assert.deepEqual([retry.id, retry.created, first.created], [first.id, false, true]);
  const kinds = (await h.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'message.%' ORDER BY id`)).rows.map((r) => r.action);
  assert.ok(
    [
      'message.received',
      'message.transfer_requested',
      'message.transfer_accepted',
      'message.transfer_refused',
      'message.dispute_resolved',
      'message.merged',
      'message.replied',
      'message.published',
      'message.withdrawn',
    ].every((k) => kinds.includes(k)),
  );
});
