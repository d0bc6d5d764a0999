/**
 * The demo's 行政执法公示 (written for the demo; names invented, credit codes made to pass their check): the market
 * supervision bureau's 事前 register, a year of penalties and licences imported month by month (a few late, one
 * revoked and withdrawn with its explanation), a random inspection drawn and its results published, and the 2025
 * figures published in January. The penalties of March 2026 are the test fixture's (fixtures/enforcement).
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { loadCalendar } from '../../../src/modules/calendar/index.ts';
import { headerOf, importDecisions, makeDraw, publishDrawResults, publishYearStats, revokeDecision, saveRegisterEntry } from '../../../src/modules/enforcement/index.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };
const at = (day: string) => new Date(`${day}T02:00:00Z`);
const MARCH = new URL('../../../fixtures/enforcement/penalties-2026-03.csv', import.meta.url);

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(i: number) {
  const body = `91990100MA${String(1000 + i).padStart(4, '0')}AB0`.slice(0, 17);
  const sum = WEIGHTS.reduce((s, w, k) => s + ALPHABET.indexOf(body[k]) * w, 0);
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}
const SHOPS = ['惠民超市有限公司', '老街餐饮店', '康宁大药房有限公司', '新港五金商店', '优选电子商务有限公司', '顺达物流有限公司', '金穗食品厂', '城南农贸市场管理有限公司'];
const PENALTIES = [
  ['销售超过保质期的食品', '《中华人民共和国食品安全法》第一百二十四条', '没收违法所得，罚款人民币5000元'],
  ['未按规定公示年度报告', '《市场主体登记管理条例》第四十七条', '警告'],
  ['使用未经检定的计量器具', '《中华人民共和国计量法》第三十五条', '警告并责令改正'],
  ['销售商品未明码标价', '《中华人民共和国价格法》第四十二条', '罚款人民币2000元'],
];
const LICENCES = ['食品经营许可', '药品零售许可', '特种设备使用登记', '工业产品生产许可'];

const csvOf = (kind: 'penalty' | 'licence', rows: string[][]) => Buffer.from('\ufeff' + [headerOf(kind), ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n');
// The demo's files are small and the platform's own: read here rather than through the upload sandbox.
const fileSource = (content: Buffer) => async (onBatch: (b: { header: string[] } | { rows: string[][] }) => Promise<void>) => {
  const [head, ...rows] = parse(content, { bom: true, relax_column_count: true }) as string[][];
  await onBatch({ header: head });
  await onBatch({ rows });
};

export async function seedDemoEnforcement(db: Db, unitId: number): Promise<{ decisions: number; late: number }> {
  const calendar = await loadCalendar(db);
  const register: [Parameters<typeof saveRegisterEntry>[3]['kind'], string, Record<string, string>][] = [
    [
      'body',
      '示范市市场监督管理局',
      { duties: '负责全市市场综合监督管理，统一登记市场主体，组织市场监管综合执法。', basis: '《示范市机构改革方案》', address: '示范市商贸街5号', phone: '0999-12345010' },
    ],
    ['officer', '王明', { certificate: '99010010001', area: '市场监管综合执法', issuer: '示范市人民政府', validUntil: '2028-12-31' }],
    ['officer', '李华', { certificate: '99010010002', area: '市场监管综合执法', issuer: '示范市人民政府', validUntil: '2028-12-31' }],
    ['officer', '赵静', { certificate: '99010010003', area: '食品安全', issuer: '示范市人民政府', validUntil: '2027-06-30' }],
    ['officer', '陈伟', { certificate: '99010010004', area: '计量和价格', issuer: '示范市人民政府', validUntil: '2027-06-30' }],
    ['power', '对销售超过保质期食品的行政处罚', { code: '330217001000', category: '行政处罚', basis: '《中华人民共和国食品安全法》第一百二十四条', listUrl: '' }],
    ['power', '食品经营许可', { code: '000117001000', category: '行政许可', basis: '《中华人民共和国食品安全法》第三十五条', listUrl: '' }],
    [
      'procedure',
      '行政处罚一般程序',
      { steps: '立案\n调查取证\n案件审核\n告知陈述申辩和听证权利\n作出决定\n送达\n执行', timeLimit: '自立案之日起九十日内作出决定', appliesTo: '适用简易程序以外的行政处罚' },
    ],
    ['remedy', '行政复议', { how: '自知道该行政行为之日起六十日内申请', where: '示范市人民政府（示范市政府路1号）', phone: '0999-12345001' }],
    ['remedy', '行政诉讼', { how: '自知道或者应当知道作出行政行为之日起六个月内起诉', where: '示范市人民法院', phone: '' }],
    ['inspection_item', '食品经营者监督检查', { basis: '《中华人民共和国食品安全法》第一百一十条', objects: '食品经营者', method: '现场检查', ratio: '每年不低于5%' }],
    ['inspection_item', '计量器具使用情况检查', { basis: '《中华人民共和国计量法》', objects: '使用强制检定计量器具的经营者', method: '现场检查', ratio: '每年不低于3%' }],
  ];
  for (const [kind, title, fields] of register) await saveRegisterEntry(db, SYSTEM, at('2026-01-05'), { unitId, kind, title, fields, reviewOn: '2026-12-31' });

  // One import a month, each on the fifth working day or so after the month ends: the month's last decisions late.
  let n = 0;
  for (let month = 1; month <= 11; month++) {
    const m = String(month).padStart(2, '0');
    const importDay = month === 11 ? '2026-11-27' : `2026-${String(month + 1).padStart(2, '0')}-06`;
    if (month === 3) {
      await importDecisions(db, SYSTEM, at('2026-03-20'), calendar, { unitId, kind: 'penalty', filename: '2026年3月行政处罚.csv', read: fileSource(fs.readFileSync(MARCH)) });
      continue;
    }
    const penalties: string[][] = [];
    const licences: string[][] = [];
    for (let k = 0; k < 4; k++) {
      const day = `2026-${m}-${String(4 + k * 6).padStart(2, '0')}`;
      const [name, basis, result] = PENALTIES[(month + k) % PENALTIES.length];
      const i = n++;
      const person = i % 7 === 3;
      const shop = `示范市${SHOPS[i % SHOPS.length]}`;
      penalties.push([
        `示市监罚〔2026〕${100 + i}号`,
        name,
        '罚款',
        `当事人${name}`,
        basis,
        person ? '自然人' : '法人及非法人组织',
        person ? `${'张王李赵陈'[i % 5]}${'明华强丽'[i % 4]}` : shop,
        person ? '' : creditCode(i),
        person ? '' : `${'刘孙周吴'[i % 4]}经理`,
        result,
        day,
        '',
        '示范市市场监督管理局',
        '990100',
        '',
      ]);
      licences.push([
        `示市监许〔2026〕${500 + i}号`,
        LICENCES[i % LICENCES.length],
        '普通',
        '',
        '《中华人民共和国行政许可法》',
        '法人及非法人组织',
        shop,
        creditCode(i),
        `${'刘孙周吴'[i % 4]}经理`,
        `准予${LICENCES[i % LICENCES.length]}`,
        day,
        `${2026 + 5}-${m}-${String(3 + k * 6).padStart(2, '0')}`,
        '示范市市场监督管理局',
        '990100',
        '',
      ]);
    }
    await importDecisions(db, SYSTEM, at(importDay), calendar, {
      unitId,
      kind: 'penalty',
      filename: `2026年${month}月行政处罚.csv`,
      read: fileSource(csvOf('penalty', penalties)),
    });
    await importDecisions(db, SYSTEM, at(importDay), calendar, { unitId, kind: 'licence', filename: `2026年${month}月行政许可.csv`, read: fileSource(csvOf('licence', licences)) });
  }
  const revoked = (await db.query<{ id: number }>("SELECT id FROM enforcement_decisions WHERE unit_id = $1 AND doc_no = '示市监罚〔2026〕33号'", [unitId])).rows[0];
  await revokeDecision(db, SYSTEM, at('2026-04-02'), 3, revoked.id, {
    revocation: 'revoked',
    revokedOn: '2026-04-01',
    explanation: '示范市人民政府行政复议决定撤销该处罚决定，原公示信息撤下；重新作出的决定将另行公示。',
  });

  const item = (await db.query<{ id: number }>("SELECT id FROM enforcement_register WHERE unit_id = $1 AND title = '食品经营者监督检查'", [unitId])).rows[0].id;
  const entities = Array.from({ length: 60 }, (_, i) => `${creditCode(100 + i)} 示范市${['东城', '西城', '南湖', '北山', '新港', '高新'][i % 6]}${SHOPS[i % SHOPS.length]}`).join(
    '\n',
  );
  const draw = await makeDraw(db, SYSTEM, at('2026-09-01'), calendar, {
    unitId,
    itemId: item,
    title: '2026年第二批食品经营者“双随机”抽查',
    entities,
    exclusions: `99010010001 ${creditCode(100)} 曾在该企业任职未满三年`,
    entityCount: 6,
    inspectorsPerEntity: 2,
    inspectionEndsOn: '2026-09-30',
  });
  await publishDrawResults(db, SYSTEM, at('2026-10-20'), draw, '抽查6户：5户未发现问题；1户进货查验记录不全，已责令限期整改，复查合格。');
  await publishYearStats(db, SYSTEM, at('2026-01-20'), { unitId, year: 2025, note: '本平台自2026年起公示执法决定，2025年度决定数据在原系统中公示。' });
  const late = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_decisions WHERE unit_id = $1 AND late', [unitId])).rows[0].n;
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_decisions WHERE unit_id = $1', [unitId])).rows[0].n;
  return { decisions: total, late };
}
