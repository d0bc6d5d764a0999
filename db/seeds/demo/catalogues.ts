/**
 * Demo catalogues: the city office's 社会救助 area template (items modelled on published township catalogues), adopted
 * by 清河镇 and published, with the town's monthly 低保 notices filed under it — so 工作台 › 标准目录, the coverage
 * view and the town's 基层政务公开标准化规范化 section have something to show.
 */
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { openVersion, replaceItems } from '../../../src/modules/catalogues/commands/importCatalogue.ts';
import { publishTemplate } from '../../../src/modules/catalogues/commands/publishTemplate.ts';
import { adoptTemplate } from '../../../src/modules/catalogues/commands/adoptTemplate.ts';
import { transitionCatalogue } from '../../../src/modules/catalogues/commands/transitionCatalogue.ts';
import { parseTimeLimit } from '../../../src/modules/catalogues/timeLimit.ts';
import type { CatalogueRow } from '../../../src/modules/catalogues/excel.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };

const row = (seq: number, level1: string, level2: string, content: string, timeLimit: string, over: Partial<CatalogueRow> = {}): CatalogueRow => ({
  seq,
  code: '',
  level1,
  level2,
  content,
  basis: '《社会救助暂行办法》、《政府信息公开条例》',
  timeLimit,
  timeRule: parseTimeLimit(timeLimit),
  publisher: '乡镇',
  channels: ['政府网站', '社区/企事业单位/村公示栏（电子屏）'],
  audienceAll: true,
  audienceSpecific: false,
  proactive: true,
  onRequest: false,
  tierCounty: true,
  tierTownship: true,
  ...over,
});

export const SOCIAL_ASSISTANCE: CatalogueRow[] = [
  row(1, '最低生活保障', '政策法规文件', '国家和地方有关最低生活保障的法律法规、政策文件。', '自信息形成或者变更之日起20个工作日内予以公开'),
  row(2, '最低生活保障', '办事指南', '申请条件、申请材料、办理流程、办理时限、咨询投诉渠道。', '自信息形成或者变更之日起20个工作日内予以公开'),
  row(3, '最低生活保障', '低保资金发放情况', '保障对象户数、人数，发放金额。', '每月'),
  row(4, '特困人员救助供养', '审核确认结果', '特困人员姓名、救助供养标准（隐去身份证号等个人信息）。', '及时公开', { audienceAll: false, audienceSpecific: true }),
  row(5, '临时救助', '救助标准', '临时救助的对象范围、救助标准和程序。', '自信息形成或者变更之日起20个工作日内予以公开', { tierTownship: false }),
];

export async function seedDemoCatalogues(db: Db, cityId: number, townId: number, now: Date): Promise<number> {
  const template = await db.transaction(async (tx) => {
    const id = await openVersion(tx, SYSTEM, now, cityId, '14', true, null);
    await replaceItems(tx, id, SOCIAL_ASSISTANCE);
    return id;
  });
  await publishTemplate(db, SYSTEM, now, template);
  const { catalogueId } = await adoptTemplate(db, SYSTEM, now, { unitId: townId, templateId: template });
  for (const step of ['submit', 'approve', 'publish'] as const) await transitionCatalogue(db, SYSTEM, now, catalogueId, step);
  // The town's monthly 低保 notices belong under 低保资金发放情况.
  const filed = await db.query(
    `UPDATE information_items i SET catalogue_area = '14', catalogue_key = '最低生活保障｜低保资金发放情况'
       FROM item_versions v WHERE v.id = i.current_version_id AND i.unit_id = $1 AND v.title LIKE '%低保资金发放情况%' RETURNING i.id`,
    [townId],
  );
  return filed.rows.length;
}
