/**
 * The demo city (conventions C9: sample data, deterministic, guarded). Loaded by `npm start` into an empty database
 * and by `npx gongkai seed-demo`. Everything goes through the real commands, so demo data obeys the same rules.
 */
import { seedDemoConsultations } from './consultations.ts';
import { seedDemoDecisions, seedDemoMeetings, seedDemoSurvey } from './participation.ts';
import { seedDemoMessages } from './messages.ts';
import { seedDemoProposals } from './proposals.ts';
import { seedDemoAnswers } from './answers.ts';
import { seedDemoDataRequests, seedDemoLargeDataset, seedDemoOpendata } from './opendata.ts';
import { settleLoadedHistory } from '../../../src/modules/notifications/index.ts';
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { createUnit } from '../../../src/modules/orgs/commands/createUnit.ts';
import { updateUnit } from '../../../src/modules/orgs/commands/updateUnit.ts';
import { createUser } from '../../../src/modules/orgs/commands/createUser.ts';
import { saveDraft } from '../../../src/modules/publishing/commands/saveDraft.ts';
import { transitionItem } from '../../../src/modules/publishing/commands/transition.ts';
import { startRevision } from '../../../src/modules/publishing/commands/startRevision.ts';
import { changeValidity } from '../../../src/modules/publishing/commands/changeValidity.ts';
import { addAttachments } from '../../../src/modules/publishing/commands/attachments.ts';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './units.ts';
import { ABBR, TEMPLATES, type Template } from './content.ts';
import { csv, tinyPdf } from './files.ts';
import { seedDemoRequests } from './requests.ts';
import { seedDemoCatalogues } from './catalogues.ts';
import { seedDemoGazette } from './gazette.ts';
import { seedDemoEnforcement } from './enforcement.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };

/** Deterministic pseudo-random numbers (mulberry32), so every demo load is the same. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (date: string) => new Date(`${date}T02:00:00Z`);

function fill(s: string, v: Record<string, string | number>) {
  return s.replace(/\{(\w+)\}/g, (_m, k: string) => String(v[k] ?? ''));
}

export interface SeedResult {
  units: number;
  users: number;
  items: number;
}

/** Loads the demo city as one bulk load: flushed to disk once at the end, not after each of its thousands of commits. */
export interface SeedOptions {
  itemsPerTemplate?: number;
  /** Rows of the large open-data table (GONGKAI_DEMO_LARGE_DATASET_ROWS); 0 leaves it out. */
  largeDatasetRows?: number;
}

export function seedDemo(db: Db, log: (s: string) => void = () => undefined, opts: SeedOptions = {}): Promise<SeedResult> {
  return db.bulk(() => seedDemoIn(db, log, opts));
}

async function seedDemoIn(db: Db, log: (s: string) => void, opts: SeedOptions): Promise<SeedResult> {
  const rand = rng(20260301);
  const ids = new Map<string, number>();
  for (const u of DEMO_UNITS) {
    const id = await createUnit(db, SYSTEM, {
      parentId: u.parent ? ids.get(u.parent)! : null,
      code: u.code,
      name: u.name,
      shortName: u.shortName,
      slug: u.slug,
      level: u.level,
      kind: u.kind,
    });
    ids.set(u.key, id);
    await updateUnit(
      db,
      SYSTEM,
      id,
      {
        code: u.code,
        name: u.name,
        shortName: u.shortName,
        officeName: `${u.shortName}政府信息公开工作机构（办公室）`,
        address: u.address,
        officeHours: '工作日 上午8:30—12:00，下午14:30—17:30',
        phone: u.phone,
        fax: u.phone.replace(/\d$/, '9'),
        webContact: `本平台“${u.shortName}”政府信息公开栏目`,
        email: `gk-${u.slug}@demo.invalid`,
        postcode: '999000',
        guideText: `为便于公民、法人和其他组织获取${u.name}的政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。本指南每年更新，信息公开工作机构的联系方式如有变化随时更新。`,
      },
      at('2026-01-05'),
    );
  }
  log(`单位：${ids.size} 个`);
  for (const u of DEMO_USERS) {
    await createUser(db, SYSTEM, {
      username: u.username,
      displayName: u.name,
      unitId: ids.get(u.unit)!,
      password: DEMO_PASSWORD,
      grants: u.roles.map((role) => ({ role, unitId: ids.get(u.scope ?? u.unit)! })),
    });
  }
  // Published passwords: outside demo mode (npm start) each demo user must choose a new one at the first sign-in.
  await db.query('UPDATE users SET must_change_password = true WHERE username = ANY($1::text[])', [DEMO_USERS.map((u) => u.username)]);
  log(`用户：${DEMO_USERS.length} 个，密码均为 ${DEMO_PASSWORD}`);

  let items = 0;
  const perTemplate = opts.itemsPerTemplate ?? 3;
  const byKey: Record<string, number[]> = {};
  for (const u of DEMO_UNITS) {
    const unitId = ids.get(u.key)!;
    const templates = TEMPLATES.filter((t) => applies(t, u));
    let serial = 1;
    for (const t of templates) {
      const repeats = t.yearly ? 3 : /\{(n|month)\}/.test(t.title) ? perTemplate : t.section === 'annual_report' ? 2 : 1;
      for (let r = 0; r < repeats; r++) {
        const year = 2026 - (t.yearly ? r : repeats > 1 ? Math.floor(r / 2) : Math.floor(rand() * 2));
        const month = 1 + Math.floor(rand() * (year === 2026 ? 10 : 12));
        const day = 1 + Math.floor(rand() * 27);
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const v = {
          unit: u.name,
          short: u.shortName,
          year,
          prevyear: t.section === 'annual_report' ? year - 1 - r : year - 1,
          month,
          n: r + 1,
          address: u.address,
          phone: u.phone,
          abbr: ABBR[u.key],
        };
        const title = fill(t.title, v);
        const written = `${year}-${String(month).padStart(2, '0')}-${String(Math.max(1, day - 3)).padStart(2, '0')}`;
        const input = {
          kind: 'information',
          title,
          sectionCode: t.section,
          disclosure: 'proactive',
          topic: t.topic,
          genre: t.genre,
          docNo: t.docPrefix ? `${fill(t.docPrefix, v)}〔${year}〕${serial++}号` : '',
          issuingOrgans: [u.name],
          writtenDate: written,
          publishDate: date,
          formedDate: written,
          keywords: t.keywords,
          audience: t.audience ?? '',
          summary: fill(t.body[1] ?? t.body[0], v).slice(0, 120),
          bodyHtml: t.body.map((p) => fill(p, v)).join('\n'),
          legalForm: t.legalForm ?? '',
        };
        const { itemId } = await saveDraft(db, SYSTEM, at(date), { unitId, input });
        if (rand() < 0.25) {
          await addAttachments(
            db,
            SYSTEM,
            at(date),
            itemId,
            [
              { filename: `${title.slice(0, 20)}（附件）.pdf`, content: tinyPdf([`gongkai demo attachment`, `item ${itemId}`, `date ${date}`]) },
              ...(t.section === 'a20_05' || t.section === 'a21_social_assistance'
                ? [
                    {
                      filename: '明细表.csv',
                      content: csv([
                        ['序号', '项目', '数量'],
                        [1, '示例项目甲', 12],
                        [2, '示例项目乙', 8],
                      ]),
                    },
                  ]
                : []),
            ],
            10 * 1024 * 1024,
          );
        }
        for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(db, SYSTEM, at(date), itemId, n);
        (byKey[`${u.key}:${t.title}`] ??= []).push(itemId);
        items++;
      }
    }
  }
  log(`政府信息：${items} 条`);
  items += await seedRelations(db, ids, byKey);
  log('政策解读、修订版本和废止标注已生成');
  log(`依申请公开案件：${await seedDemoRequests(db, ids.get('civil')!)} 件（市民政局，各办理阶段）`);
  log(`标准目录：社会救助领域模板，清河镇已公布目录，归入信息 ${await seedDemoCatalogues(db, ids.get('city')!, ids.get('town_a')!, at('2026-01-05'))} 条`);
  log(`意见征集：${await seedDemoConsultations(db, { city: ids.get('city')!, housing: ids.get('housing')!, civil: ids.get('civil')! })} 项（两项已公布采纳情况，两项征集中）`);
  log(`重大行政决策事项：${await seedDemoDecisions(db, { city: ids.get('city')!, housing: ids.get('housing')! })} 项（市政府目录两版，市住建局目录一版）`);
  log(`会议开放：${await seedDemoMeetings(db, { city: ids.get('city')! })} 次（一次常务会议有列席，一次听证会接受报名）`);
  log(`问卷调查：1 项，${await seedDemoSurvey(db, { city: ids.get('city')! })} 份答卷，已公布结果`);
  log(`留言：${await seedDemoMessages(db, ids)} 条（据“泰迪杯”公开留言和答复，已答复、公开、评价、转办和办理中的都有）`);
  log(`建议提案：${await seedDemoProposals(db, ids)} 件（已答复、全文公开、摘要公开、不公开、并案撤销的都有）`);
  log(`常见问题：${await seedDemoAnswers(db, ids, new Date('2026-11-20T02:00:00Z'))} 条（各依据本单位现行有效的信息）`);
  const gazette = await seedDemoGazette(db);
  log(`政府公报：2026年已出版 ${gazette.published} 期，刊登 ${gazette.entries} 篇；第3期编排中`);
  const enforcement = await seedDemoEnforcement(db, ids.get('market')!);
  log(`行政执法公示：市市场监管局 ${enforcement.decisions} 个决定（${enforcement.late} 个逾期公示，1 个已撤下），事前公开，一次双随机抽查，2025年度数据`);
  log(`开放数据：${await seedDemoOpendata(db, ids, new Date('2026-11-25T02:00:00Z'))} 个数据集（一个有条件开放）`);
  const dataRequests = await seedDemoDataRequests(db, ids, (day) => new Date(`${day}T02:00:00Z`));
  log(`有条件开放申请 ${dataRequests.applications} 件（一件已同意），数据需求 ${dataRequests.demands} 件（两件已公开答复）`);
  const large = await seedDemoLargeDataset(db, ids.get('eco')!, new Date('2026-11-30T02:00:00Z'), opts.largeDatasetRows ?? 1_000_000);
  if (large) log(`大数据量演示：空气质量小时监测数据 ${large} 行`);
  // The demo's history notified its reviewers and applicants as it was made; none of it is news or may be mailed.
  await settleLoadedHistory(db, new Date(), '演示数据：历史通知，未发送');
  return { units: ids.size, users: DEMO_USERS.length, items };
}

function applies(t: Template, u: (typeof DEMO_UNITS)[number]) {
  if (t.units && !t.units.includes(u.key)) return false;
  if (t.only === 'government' && u.kind !== 'government') return false;
  if (t.only === 'department' && u.kind !== 'department') return false;
  if (t.only === 'township' && u.level !== 'township') return false;
  if (t.section.startsWith('a21_') && t.section !== 'a21_social_assistance' && u.level !== 'township') return false;
  if (t.section === 'a21_social_assistance' && !['civil', 'd_civil', 'town_a', 'town_b', 'street'].includes(u.key)) return false;
  return true;
}

/** Interpretations of policies, a revised version, and older standards marked repealed by newer ones. */
async function seedRelations(db: Db, ids: Map<string, number>, byKey: Record<string, number[]>): Promise<number> {
  let added = 0;
  const policies = Object.entries(byKey)
    .filter(([k]) => k.includes('最低生活保障') || k.includes('养老保险') || k.includes('招生入学'))
    .flatMap(([, v]) => v)
    .slice(0, 24);
  const forms = ['text', 'graphic', 'qa', 'video'];
  for (const [i, policyId] of policies.entries()) {
    const p = (
      await db.query<{ unit_id: number; title: string; publish_date: string }>(
        'SELECT i.unit_id, v.title, v.publish_date FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.id = $1',
        [policyId],
      )
    ).rows[0];
    const form = forms[i % forms.length];
    const label = { text: '政策解读', graphic: '一图读懂', qa: '问答解读', video: '视频解读' }[form];
    const date = p.publish_date;
    const { itemId } = await saveDraft(db, SYSTEM, at(date), {
      unitId: p.unit_id,
      input: {
        kind: 'interpretation',
        title: `${label}：${p.title.replace(/^关于/, '').replace(/的通知$/, '')}`,
        sectionCode: 'a20_11',
        disclosure: 'proactive',
        topic: '综合政务\\政务公开',
        genre: '其他',
        interpretationForm: form,
        interprets: [policyId],
        writtenDate: date,
        publishDate: date,
        formedDate: date,
        bodyHtml: `一、出台背景\n为落实上级部署，回应群众关切，制定了《${p.title}》。\n二、主要内容\n文件明确了适用对象、标准和办理程序。\n三、咨询方式\n可拨打12345政务服务便民热线咨询。`,
      },
    });
    for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(db, SYSTEM, at(date), itemId, n);
    added++;
  }
  // Older yearly standards are repealed by the newer ones.
  for (const [key, list] of Object.entries(byKey)) {
    if (!key.includes('最低生活保障标准') || list.length < 2) continue;
    const dated = await Promise.all(
      list.map(async (id) => ({
        id,
        date: (await db.query<{ d: string }>('SELECT v.publish_date AS d FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.id = $1', [id]))
          .rows[0].d,
      })),
    );
    dated.sort((a, b) => a.date.localeCompare(b.date));
    for (let i = 0; i < dated.length - 1; i++) await changeValidity(db, SYSTEM, at(dated[i + 1].date), dated[i].id, { validity: 'repealed', byItemId: dated[i + 1].id });
  }
  // One published item revised into a second version.
  const first = Object.entries(byKey).find(([k]) => k.startsWith('civil:') && k.includes('机构职能'))?.[1][0];
  if (first) {
    await startRevision(db, SYSTEM, at('2026-06-01'), first);
    const v = (
      await db.query<{ title: string; body_html: string; section_code: string; topic: string; genre: string; keywords: string[] }>(
        'SELECT * FROM item_versions WHERE item_id = $1 ORDER BY version_no DESC LIMIT 1',
        [first],
      )
    ).rows[0];
    await saveDraft(db, SYSTEM, at('2026-06-01'), {
      unitId: ids.get('civil')!,
      itemId: first,
      input: {
        title: v.title,
        sectionCode: v.section_code,
        disclosure: 'proactive',
        topic: v.topic,
        genre: v.genre,
        keywords: v.keywords,
        bodyHtml: `${v.body_html}<p>2026年6月起，新设社会救助科，负责最低生活保障、特困人员供养和临时救助工作。</p>`,
        changeNote: '增加社会救助科职责',
        formedDate: '2026-06-01',
        publishDate: '2026-06-01',
      },
    });
    for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(db, SYSTEM, at('2026-06-01'), first, n);
  }
  return added;
}

/** Seeds only into an empty database, so `npm start` can run again without duplicating anything. */
export async function seedDemoIfEmpty(db: Db, log: (s: string) => void, opts: SeedOptions = {}): Promise<SeedResult | null> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
  if (r.rows[0].n > 0) return null;
  log('数据库为空，正在载入示范市演示数据……');
  return seedDemo(db, log, opts);
}
