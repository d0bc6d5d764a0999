/**
 * Reference lists of the publishing domain, in the words of the rules (see CONTEXT.md and
 * ../shared/domain/regulations.md §1.4, §1.5, §4, §5.5).
 */

export interface SectionDef {
  code: string;
  label: string;
  /** The article and item it implements. */
  basis: string;
  /** Unit levels for which the section is on by default. */
  levels: ('city' | 'county' | 'township')[];
  group: 'guide' | 'rules' | 'proactive' | 'annual_report';
}

const ALL: SectionDef['levels'] = ['city', 'county', 'township'];
const CITY_COUNTY: SectionDef['levels'] = ['city', 'county'];

/**
 * The four first-level sections of 国办公开办函〔2019〕61号, and the 法定主动公开内容 sub-sections mapped 1:1 to
 * Art. 20 (1)–(15) and Art. 21. The official sub-section labels of 61号's attachment were not retrieved
 * (regulations.md §4.2, [U]); these labels are the common ones and each unit can rename or hide them.
 */
export const SECTIONS: SectionDef[] = [
  { code: 'guide', label: '政府信息公开指南', basis: '条例第十二条', levels: ALL, group: 'guide' },
  { code: 'rules', label: '政府信息公开制度', basis: '国办公开办函〔2019〕61号', levels: ALL, group: 'rules' },
  { code: 'a20_01', label: '法规文件', basis: '条例第二十条第（一）项', levels: ALL, group: 'proactive' },
  { code: 'a20_02', label: '机构职能', basis: '条例第二十条第（二）项', levels: ALL, group: 'proactive' },
  { code: 'a20_03', label: '规划信息', basis: '条例第二十条第（三）项', levels: ALL, group: 'proactive' },
  { code: 'a20_04', label: '统计信息', basis: '条例第二十条第（四）项', levels: ALL, group: 'proactive' },
  { code: 'a20_05', label: '行政许可和其他对外管理服务事项', basis: '条例第二十条第（五）项', levels: ALL, group: 'proactive' },
  { code: 'a20_06', label: '行政处罚和行政强制', basis: '条例第二十条第（六）项', levels: ALL, group: 'proactive' },
  { code: 'a20_07', label: '财政预决算', basis: '条例第二十条第（七）项', levels: ALL, group: 'proactive' },
  { code: 'a20_08', label: '行政事业性收费', basis: '条例第二十条第（八）项', levels: ALL, group: 'proactive' },
  { code: 'a20_09', label: '政府集中采购', basis: '条例第二十条第（九）项', levels: ALL, group: 'proactive' },
  { code: 'a20_10', label: '重大建设项目', basis: '条例第二十条第（十）项', levels: ALL, group: 'proactive' },
  { code: 'a20_11', label: '扶贫、教育、医疗、社会保障、促进就业', basis: '条例第二十条第（十一）项', levels: ALL, group: 'proactive' },
  { code: 'a20_12', label: '突发公共事件应对', basis: '条例第二十条第（十二）项', levels: ALL, group: 'proactive' },
  { code: 'a20_13', label: '监督检查', basis: '条例第二十条第（十三）项', levels: ALL, group: 'proactive' },
  { code: 'a20_14', label: '公务员招考', basis: '条例第二十条第（十四）项', levels: ALL, group: 'proactive' },
  { code: 'a20_15', label: '其他法定公开信息', basis: '条例第二十条第（十五）项', levels: ALL, group: 'proactive' },
  { code: 'a21_municipal', label: '市政建设', basis: '条例第二十一条', levels: CITY_COUNTY, group: 'proactive' },
  { code: 'a21_public_services', label: '公共服务', basis: '条例第二十一条', levels: CITY_COUNTY, group: 'proactive' },
  { code: 'a21_public_welfare', label: '公益事业', basis: '条例第二十一条', levels: CITY_COUNTY, group: 'proactive' },
  { code: 'a21_public_security', label: '治安管理', basis: '条例第二十一条', levels: CITY_COUNTY, group: 'proactive' },
  { code: 'a21_agri_policy', label: '农业农村政策落实', basis: '条例第二十一条', levels: ['township'], group: 'proactive' },
  { code: 'a21_irrigation', label: '农田水利工程建设运营', basis: '条例第二十一条', levels: ['township'], group: 'proactive' },
  { code: 'a21_land_contract', label: '农村土地承包经营权流转', basis: '条例第二十一条', levels: ['township'], group: 'proactive' },
  { code: 'a21_homestead', label: '宅基地使用情况审核', basis: '条例第二十一条', levels: ['township'], group: 'proactive' },
  { code: 'a21_fundraising', label: '筹资筹劳', basis: '条例第二十一条', levels: ['township'], group: 'proactive' },
  { code: 'a21_land_expropriation', label: '土地征收', basis: '条例第二十一条', levels: ALL, group: 'proactive' },
  { code: 'a21_house_expropriation', label: '房屋征收', basis: '条例第二十一条', levels: ALL, group: 'proactive' },
  { code: 'a21_social_assistance', label: '社会救助', basis: '条例第二十一条', levels: ALL, group: 'proactive' },
  // Not an Art. 20/21 item: the results of handling deputies' suggestions and members' proposals, which local work
  // plans require published (鲁山 二(二), 湛江 (三)); a unit without any hides it.
  { code: 'proposals', label: '建议提案办理结果', basis: '鲁山县政务公开工作要点 二（二）；湛江市政务公开工作要点（三）', levels: ALL, group: 'proactive' },
  { code: 'annual_report', label: '政府信息公开年报', basis: '条例第四十九条、第五十条', levels: ALL, group: 'annual_report' },
];

export const SECTION_BY_CODE = new Map(SECTIONS.map((s) => [s.code, s]));

/** 体裁/文种: the 15 kinds of 党政机关公文处理工作条例 第八条, plus kinds of non-document information. */
export const GENRES = ['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要', '其他'] as const;

/** Mapping of the 13 kinds of the 2000 办法 where names differ. */
export const GENRE_ALIASES: Record<string, string> = { 会议纪要: '纪要', 命令: '命令（令）', 令: '命令（令）' };

export function normaliseGenre(g: string): string {
  const t = g.trim();
  return GENRE_ALIASES[t] ?? t;
}

/** 主题分类: the gov.cn two-level topic taxonomy, stored as "一级\二级". */
export const TOPICS: [string, string[]][] = [
  [
    '国务院组织机构',
    [
      '国务院',
      '国务院办公厅',
      '国务院组成部门',
      '国务院直属特设机构',
      '国务院直属机构',
      '国务院办事机构',
      '国务院直属事业单位',
      '国务院部委管理的国家局',
      '国务院议事协调机构',
      '其他',
    ],
  ],
  ['综合政务', ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他']],
  ['国民经济管理、国有资产监管', ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他']],
  ['财政、金融、审计', ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他']],
  ['国土资源、能源', ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他']],
  ['农业、林业、水利', ['农业、畜牧业、渔业', '林业', '水利', '其他']],
  ['工业、交通', ['机械制造与重工业', '轻工纺织', '化工', '国防工业', '航天、航空', '信息产业（含电信）', '公路', '水运', '铁路', '民航', '邮政', '其他']],
  ['商贸、海关、旅游', ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他']],
  ['市场监管、安全生产监管', ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他']],
  ['城乡建设、环境保护', ['城市规划', '城乡建设（含住房）', '环境监测、保护与治理', '节能与资源综合利用', '气象、水文、测绘、地震', '其他']],
  ['科技、教育', ['科技', '教育', '知识产权', '其他']],
  ['文化、广电、新闻出版', ['文化', '文物', '新闻出版', '广播、电影、电视', '其他']],
  ['卫生、体育', ['卫生', '医药管理', '体育', '其他']],
  ['人口与计划生育、妇女儿童工作', ['人口与计划生育', '妇女儿童', '其他']],
  ['劳动、人事、监察', ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他']],
  ['公安、安全、司法', ['公安', '国家安全', '司法', '其他']],
  ['民政、扶贫、救灾', ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他']],
  ['民族、宗教', ['民族事务', '宗教事务']],
  ['对外事务', ['外交、外事', '国际条约、国际组织', '其他']],
  ['港澳台侨工作', ['港澳工作', '对台工作', '侨务工作']],
  ['国防', ['国防建设', '国防动员']],
  ['其他', []],
];

export const TOPIC_VALUES: string[] = TOPICS.flatMap(([l1, l2s]) => (l2s.length ? l2s.map((l2) => `${l1}\\${l2}`) : [l1]));
const TOPIC_SET = new Set(TOPIC_VALUES);

/** Accepts "一级\二级", "一级/二级" and the variant "港澳台工作"; returns the canonical value or null. */
export function normaliseTopic(raw: string): string | null {
  const t = raw
    .trim()
    .replace(/[/／>＞]/g, '\\')
    .replace('港澳台工作', '港澳台侨工作');
  return TOPIC_SET.has(t) ? t : null;
}

/** 公开方式 (公开属性), 国办发〔2016〕80号. */
export const DISCLOSURE = { proactive: '主动公开', on_request: '依申请公开', withheld: '不予公开' } as const;
export type Disclosure = keyof typeof DISCLOSURE;

/** Legal grounds for not publishing proactively (Art. 14–16), aligned with the annual-report rows. */
export const WITHHELD_GROUNDS = {
  state_secret: '属于国家秘密（条例第十四条）',
  law_forbids: '其他法律行政法规禁止公开（条例第十四条）',
  three_security_one_stability: '危及“三安全一稳定”（条例第十四条）',
  third_party: '保护第三方合法权益（条例第十五条）',
  internal_affairs: '属于三类内部事务信息（条例第十六条第一款）',
  process_info: '属于四类过程性信息（条例第十六条第二款）',
  enforcement_file: '属于行政执法案卷（条例第十六条第二款）',
  // 依申请公开 needs a reason too: information that concerns only specific people or is not of general interest.
  specific_applicants: '仅涉及特定对象，依申请公开',
} as const;
export type WithheldGround = keyof typeof WITHHELD_GROUNDS;

/** 文件性质: what the gazette must carry and a cleanup lists; anything else is ''. */
export const LEGAL_FORMS = { rule: '规章', normative: '行政规范性文件' } as const;
export type LegalForm = keyof typeof LEGAL_FORMS | '';

export const VALIDITY = { current: '现行有效', revised: '已修订', repealed: '已废止', expired: '已失效' } as const;
export type Validity = keyof typeof VALIDITY;

/** 政策解读 forms (seeds-requirements §5). All but 文字 count as diversified interpretation. */
export const INTERPRETATION_FORMS = {
  text: '文字',
  graphic: '图解',
  video: '视频',
  audio: '音频',
  animation: '动漫',
  qa: '问答',
  press_conference: '新闻发布会',
  interview: '访谈',
} as const;
export type InterpretationForm = keyof typeof INTERPRETATION_FORMS;

export const AUDIENCES = ['公众', '企业', '社会组织', '政府机关', '特定群体'] as const;
