/**
 * Demo datasets (written for the demo, except the service items): a few units' open data with their dictionaries,
 * published through review, one of them 有条件开放. The figures are generated from fixed formulas, so every demo
 * start has the same numbers; they are plausible in size, not real. The service items are 40 real Guangdong items
 * (fixtures/opendata, MIT).
 */
import fs from 'node:fs';
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { addResource, answerDemand, applyForData, approveDataset, grantApplication, saveDataset, submitDataset, submitDemand } from '../../../src/modules/opendata/index.ts';
import { loadCalendar } from '../../../src/modules/calendar/index.ts';
import { chinaDate } from '../../../src/lib/clock.ts';
import type { MetadataInput } from '../../../src/modules/opendata/rules.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };
const LIMITS = { maxBytes: 50 * 1024 * 1024, maxRows: 100_000, maxColumns: 100 };

const csv = (rows: (string | number)[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
const months = (n: number) => Array.from({ length: n }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

function datasets(): { unit: string; name: string; metadata: Partial<MetadataInput>; file: string; table: Buffer; dictionary: string }[] {
  const dibao: (string | number)[][] = [['月份', '城市低保户数', '城市低保人数', '农村低保户数', '农村低保人数', '发放金额']];
  months(23).forEach((m, i) => dibao.push([m, 3120 - i * 7, 5210 - i * 11, 6480 - i * 13, 11230 - i * 19, (2_860_000 + i * 4150).toFixed(2)]));
  const schools: (string | number)[][] = [['学校名称', '学段', '所在街镇', '招生计划（班）', '招生计划（人）', '学位余量']];
  ['实验小学', '东城小学', '清河镇中心小学', '北街小学', '第一中学', '第三中学', '清河镇中学'].forEach((s, i) =>
    schools.push([`示范市${s}`, s.endsWith('小学') ? '小学' : '初中', i % 3 === 2 ? '清河镇' : '东城街道', 4 + (i % 4), (4 + (i % 4)) * 45, 12 + ((i * 7) % 30)]),
  );
  const air: (string | number)[][] = [['日期', '监测点', 'AQI', '首要污染物', 'PM2.5（μg/m³）', '空气质量级别']];
  for (let d = 0; d < 60; d++) {
    const date = new Date(Date.UTC(2026, 8, 1 + d)).toISOString().slice(0, 10);
    for (const [j, site] of ['市监测站', '清河镇站'].entries()) {
      const aqi = 38 + ((d * 17 + j * 23) % 70);
      air.push([date, site, aqi, aqi > 50 ? 'PM2.5' : '—', Math.round(aqi * 0.62), aqi <= 50 ? '优' : aqi <= 100 ? '良' : '轻度污染']);
    }
  }
  const checks: (string | number)[][] = [['抽查日期', '抽查对象', '抽查事项', '抽查结果', '处理情况']];
  ['食品经营许可', '价格公示', '计量器具', '广告发布', '特种设备'].forEach((item, i) =>
    checks.push([
      `2026-0${(i % 9) + 1}-1${i}`,
      `示范市某${['超市', '餐饮店', '加油站', '商场', '药店'][i]}有限公司`,
      item,
      i % 3 ? '未发现问题' : '发现问题已责令整改',
      i % 3 ? '—' : '已整改',
    ]),
  );
  const power: (string | number)[][] = [['月份', '行业', '用电量（万千瓦时）']];
  months(12).forEach((m, i) => power.push([m, ['制造业', '批发零售业', '住宿餐饮业'][i % 3], 1200 + i * 37]));
  return [
    {
      unit: 'civil',
      name: 'dibao-monthly',
      metadata: {
        title: '城乡最低生活保障月度数据',
        summary: '每月城市和农村最低生活保障的户数、人数和发放金额。',
        areaCode: '14',
        keywords: '低保、社会救助、民生',
        topic: '社会救助',
      },
      file: '低保月度数据.csv',
      table: csv(dibao),
      dictionary: '发放金额|元|当月发放的低保金总额\n城市低保户数|户|\n农村低保户数|户|',
    },
    {
      unit: 'edu',
      name: 'school-places',
      metadata: {
        title: '义务教育学校招生计划和学位余量',
        summary: '各义务教育学校的招生计划和学位余量，供家长择校参考。',
        areaCode: '18',
        keywords: '义务教育、招生、学位',
        frequency: 'yearly',
      },
      file: '学位.csv',
      table: csv(schools),
      dictionary: '学位余量|个|招生计划之外尚可接收的学位',
    },
    {
      unit: 'eco',
      name: 'air-quality-daily',
      metadata: {
        title: '空气质量日报',
        summary: '各监测点每日的空气质量指数（AQI）、首要污染物和PM2.5浓度。',
        areaCode: '09',
        keywords: '空气质量、AQI、环境',
        frequency: 'daily',
        temporalStart: '2026-09-01',
      },
      file: '空气质量.csv',
      table: csv(air),
      dictionary: 'AQI||空气质量指数，按HJ 633—2012计算',
    },
    {
      unit: 'market',
      name: 'random-inspections',
      metadata: {
        title: '“双随机、一公开”抽查结果',
        summary: '市场监管部门随机抽查的对象、事项、结果和处理情况。',
        areaCode: '23',
        keywords: '双随机、抽查、市场监管',
        frequency: 'quarterly',
      },
      file: '抽查结果.csv',
      table: csv(checks),
      dictionary: '',
    },
    {
      unit: 'gov_office',
      name: 'service-time-limits',
      metadata: {
        title: '政务服务事项办理时限',
        summary: '政务服务事项的法定时限和承诺时限（工作日），据广东政务服务网公开的事项。',
        areaCode: '20',
        keywords: '政务服务、办理时限',
      },
      file: '事项时限.csv',
      table: fs.readFileSync(new URL('../../../fixtures/opendata/gd-service-items-40.csv', import.meta.url)),
      dictionary: '法定时限|工作日|法律规定的办理时限\n承诺时限|工作日|本单位承诺的办理时限',
    },
    {
      unit: 'drc',
      name: 'enterprise-power-use',
      metadata: {
        title: '重点行业用电量',
        summary: '分行业的月度用电量。',
        areaCode: '20',
        keywords: '用电、经济运行',
        openness: 'conditional',
        opennessReason: '含企业经营信息，按有条件开放管理：申请人说明用途并承诺数据安全后提供',
      },
      file: '用电量.csv',
      table: csv(power),
      dictionary: '',
    },
  ];
}

export async function seedDemoOpendata(db: Db, units: Map<string, number>, now: Date): Promise<number> {
  let n = 0;
  for (const d of datasets()) {
    const unitId = units.get(d.unit);
    if (!unitId) continue;
    const metadata: MetadataInput = {
      title: '',
      summary: '',
      areaCode: '01',
      topic: '',
      keywords: '',
      frequency: 'monthly',
      openness: 'open',
      opennessReason: '',
      licenceId: 'cc-by-4.0',
      terms: '',
      temporalStart: '',
      temporalEnd: '',
      spatial: '示范市',
      contactName: '数据管理员',
      contactPhone: '0000-12345678',
      contactEmail: '',
      maintainer: '示范市政务服务数据管理局',
      ...d.metadata,
    } as MetadataInput;
    const id = await saveDataset(db, SYSTEM, now, { unitId, name: d.name, metadata, changeNote: '' });
    await addResource(db, SYSTEM, now, id, { name: d.metadata.title!, description: '', dictionary: d.dictionary, file: { filename: d.file, content: d.table } }, LIMITS);
    await submitDataset(db, SYSTEM, now, id);
    await approveDataset(db, SYSTEM, now, id);
    n++;
  }
  return n;
}

/**
 * Two 有条件开放 applications for the power-use data (one granted, one waiting) and three data demands (two answered
 * in public, one open), so the queues, the applicant's page and the public demand list have something to show.
 */
export async function seedDemoDataRequests(db: Db, units: Map<string, number>, at: (day: string) => Date): Promise<{ applications: number; demands: number }> {
  const calendar = await loadCalendar(db);
  const ctx = (day: string, workingDays: number) => ({ now: at(day), today: chinaDate(at(day)), calendar, workingDays, contact: { smsEnabled: false, smsTemplates: {} } });
  const commitments = ['purpose_only', 'no_transfer', 'security', 'no_reidentify', 'report_use', 'delete_after'];
  const first = await applyForData(db, ctx('2026-11-26', 20), 'enterprise-power-use', {
    applicantName: '陈分析',
    organisation: '示范市经济研究中心',
    creditCode: '12440000MB2C92761X',
    contact: 'chen@example.org.cn',
    purpose: '分析本市重点行业用电量与工业增加值的关系，为年度经济运行报告提供参考，成果只公开汇总结论。',
    securityMeasures: '数据存放在中心内网的专用服务器，只有课题组两人有权限，报告完成后删除。',
    commitments,
  });
  const admin = { kind: 'system', label: '演示数据' } as const;
  await grantApplication(db, admin, ctx('2026-11-27', 20), first.id, {
    grantedUntil: '2027-11-30',
    conditions: '仅用于年度经济运行报告；发布成果前请将引用数据的段落送我委核对。',
  });
  await applyForData(db, ctx('2026-11-30', 20), 'enterprise-power-use', {
    applicantName: '示范能源科技有限公司',
    organisation: '示范能源科技有限公司',
    creditCode: '',
    contact: '13800000000',
    purpose: '评估本市工业园区分布式光伏的消纳能力，用于项目可行性研究，不对外提供。',
    securityMeasures: '加密存储，访问留痕，项目结束后删除并书面告知。',
    commitments,
  });
  let demands = 0;
  const ask = async (day: string, input: { unit: string; datasetName?: string; kind: 'new_data' | 'comment'; title: string; body: string }) => {
    demands++;
    return submitDemand(db, ctx(day, 10), {
      kind: input.kind,
      datasetName: input.datasetName ?? '',
      unitId: units.get(input.unit) ?? null,
      title: input.title,
      body: input.body,
      writerName: '',
      contact: '',
    });
  };
  const a = await ask('2026-11-02', {
    unit: 'edu',
    kind: 'new_data',
    title: '希望开放各小学历年招生人数',
    body: '家长想了解各小学近五年的招生人数和班额情况，便于了解学位紧张程度。',
  });
  await answerDemand(db, admin, ctx('2026-11-06', 10), a.id, {
    answer: '感谢关注。各小学近五年招生人数已整理，将在12月作为“义务教育招生统计”数据集开放，届时可在本栏目查找。',
    isPublic: true,
    privateReason: '',
  });
  const b = await ask('2026-11-10', {
    unit: 'eco',
    datasetName: 'air-quality-daily',
    kind: 'comment',
    title: '空气质量数据能否按小时开放',
    body: '日均值不便于分析早晚高峰的污染情况，希望开放各监测点的小时数据。',
  });
  await answerDemand(db, admin, ctx('2026-11-20', 10), b.id, {
    answer: '小时数据量较大，我局正在评估接口方式，计划明年一季度通过数据接口开放近一年的小时数据。',
    isPublic: true,
    privateReason: '',
  });
  await ask('2026-11-27', { unit: 'civil', kind: 'new_data', title: '养老机构床位数据', body: '希望开放全市养老机构名单、床位数和收费标准，方便家属比较选择。' });
  return { applications: 2, demands };
}

/**
 * The large demo dataset: hourly air quality at 12 stations, generated (plausible, not real), `rows` rows (1,000,000 by
 * default: GONGKAI_DEMO_LARGE_DATASET_ROWS), loaded through the same upload path as any table, so the demo shows paging,
 * filters and a streamed download of a table of real size.
 */
export async function seedDemoLargeDataset(db: Db, unitId: number, now: Date, rows: number): Promise<number> {
  if (rows <= 0) return 0;
  const stations = ['市监测站', '清河镇站', '东城站', '西郊站', '高新区站', '港口站', '北山站', '南湖站', '老城站', '开发区站', '机场站', '水库站'];
  const levels = ['优', '良', '轻度污染', '中度污染'];
  const parts: string[] = ['时间,监测点,AQI,PM2.5（μg/m³）,PM10（μg/m³）,空气质量级别\r\n'];
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < rows; i++) {
    const hour = Math.floor(i / stations.length);
    const t = new Date(start + hour * 3600_000).toISOString().slice(0, 13).replace('T', ' ');
    const aqi = 20 + ((i * 37 + hour * 11) % 180);
    parts.push(`${t}:00,${stations[i % stations.length]},${aqi},${Math.round(aqi * 0.6)},${Math.round(aqi * 0.9)},${levels[Math.min(3, Math.floor(aqi / 50))]}\r\n`);
  }
  const table = Buffer.from(parts.join(''));
  const metadata: MetadataInput = {
    title: '空气质量小时监测数据',
    summary: `全市12个空气质量自动监测站自2015年起的逐小时监测值（AQI、PM2.5、PM10 和空气质量级别），共 ${rows} 行。演示数据，按固定公式生成。`,
    areaCode: '09',
    topic: '生态环境',
    keywords: '空气质量，AQI、PM2.5、小时数据',
    frequency: 'daily',
    openness: 'open',
    opennessReason: '',
    licenceId: 'cc-by-4.0',
    terms: '',
    temporalStart: '2015-01-01',
    temporalEnd: '',
    spatial: '示范市',
    contactName: '生态环境监测科',
    contactPhone: '0000-12345678',
    contactEmail: '',
    maintainer: '示范市生态环境局',
  };
  const id = await saveDataset(db, SYSTEM, now, { unitId, name: 'air-quality-hourly', metadata, changeNote: '' });
  await addResource(
    db,
    SYSTEM,
    now,
    id,
    {
      name: '逐小时监测值',
      description: '',
      dictionary: 'AQI||空气质量指数\nPM2.5（μg/m³）|微克/立方米|细颗粒物小时浓度',
      file: { filename: '空气质量小时数据.csv', content: table },
    },
    { maxBytes: table.length + 1, maxRows: rows + 1, maxColumns: 10 },
  );
  await submitDataset(db, SYSTEM, now, id);
  await approveDataset(db, SYSTEM, now, id);
  return rows;
}
