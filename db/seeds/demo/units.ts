/** The demo city's units: written for this project; every name, code and number here is fictional. */
export interface DemoUnit {
  key: string;
  parent?: string;
  code: string;
  name: string;
  shortName: string;
  slug: string;
  level: 'city' | 'county' | 'township';
  kind: 'government' | 'department';
  address: string;
  phone: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'city', code: '990100001', name: '示范市人民政府', shortName: '市政府', slug: 'sfs', level: 'city', kind: 'government', address: '示范市人民大道1号', phone: '0999-12345001' },
  { key: 'gov_office', parent: 'city', code: '990100002', name: '示范市人民政府办公室', shortName: '市政府办', slug: 'szfb', level: 'city', kind: 'department', address: '示范市人民大道1号', phone: '0999-12345002' },
  { key: 'drc', parent: 'city', code: '990100003', name: '示范市发展和改革委员会', shortName: '市发展改革委', slug: 'sfgw', level: 'city', kind: 'department', address: '示范市建设路18号', phone: '0999-12345003' },
  { key: 'edu', parent: 'city', code: '990100004', name: '示范市教育局', shortName: '市教育局', slug: 'sjyj', level: 'city', kind: 'department', address: '示范市文化路66号', phone: '0999-12345004' },
  { key: 'civil', parent: 'city', code: '990100005', name: '示范市民政局', shortName: '市民政局', slug: 'smzj', level: 'city', kind: 'department', address: '示范市和平路9号', phone: '0999-12345005' },
  { key: 'hrss', parent: 'city', code: '990100006', name: '示范市人力资源和社会保障局', shortName: '市人社局', slug: 'srsj', level: 'city', kind: 'department', address: '示范市和平路11号', phone: '0999-12345006' },
  { key: 'finance', parent: 'city', code: '990100007', name: '示范市财政局', shortName: '市财政局', slug: 'sczj', level: 'city', kind: 'department', address: '示范市建设路20号', phone: '0999-12345007' },
  { key: 'housing', parent: 'city', code: '990100008', name: '示范市住房和城乡建设局', shortName: '市住建局', slug: 'szjj', level: 'city', kind: 'department', address: '示范市建设路36号', phone: '0999-12345008' },
  { key: 'health', parent: 'city', code: '990100009', name: '示范市卫生健康委员会', shortName: '市卫生健康委', slug: 'swjw', level: 'city', kind: 'department', address: '示范市健康路2号', phone: '0999-12345009' },
  { key: 'market', parent: 'city', code: '990100010', name: '示范市市场监督管理局', shortName: '市市场监管局', slug: 'sscjgj', level: 'city', kind: 'department', address: '示范市商贸街5号', phone: '0999-12345010' },
  { key: 'eco', parent: 'city', code: '990100011', name: '示范市生态环境局', shortName: '市生态环境局', slug: 'ssthjj', level: 'city', kind: 'department', address: '示范市滨河路8号', phone: '0999-12345011' },
  { key: 'emergency', parent: 'city', code: '990100012', name: '示范市应急管理局', shortName: '市应急局', slug: 'syjj', level: 'city', kind: 'department', address: '示范市安宁路3号', phone: '0999-12345012' },
  { key: 'district', parent: 'city', code: '990102001', name: '示范市东城区人民政府', shortName: '东城区政府', slug: 'dcq', level: 'county', kind: 'government', address: '东城区府前街1号', phone: '0999-22345001' },
  { key: 'd_civil', parent: 'district', code: '990102002', name: '示范市东城区民政局', shortName: '东城区民政局', slug: 'dcqmzj', level: 'county', kind: 'department', address: '东城区府前街7号', phone: '0999-22345002' },
  { key: 'd_edu', parent: 'district', code: '990102003', name: '示范市东城区教育局', shortName: '东城区教育局', slug: 'dcqjyj', level: 'county', kind: 'department', address: '东城区学府路2号', phone: '0999-22345003' },
  { key: 'town_a', parent: 'district', code: '990102101', name: '东城区清河镇人民政府', shortName: '清河镇', slug: 'qhz', level: 'township', kind: 'government', address: '清河镇政府街1号', phone: '0999-22346101' },
  { key: 'town_b', parent: 'district', code: '990102102', name: '东城区柳林镇人民政府', shortName: '柳林镇', slug: 'llz', level: 'township', kind: 'government', address: '柳林镇兴业路3号', phone: '0999-22346102' },
  { key: 'street', parent: 'district', code: '990102103', name: '东城区东关街道办事处', shortName: '东关街道', slug: 'dgjd', level: 'township', kind: 'government', address: '东关大街16号', phone: '0999-22346103' },
];

/** Staff users for every role; the demo password is the same for all and printed at start. */
export const DEMO_USERS: { username: string; name: string; unit: string; /** the unit whose subtree the roles cover, when not `unit` */ scope?: string; roles: ('system_admin' | 'office_admin' | 'publisher' | 'reviewer' | 'secrecy_reviewer' | 'request_officer')[] }[] = [
  { username: 'admin', name: '王管理', unit: 'city', roles: ['system_admin'] },
  { username: 'office', name: '李公开', unit: 'gov_office', scope: 'city', roles: ['office_admin'] },
  { username: 'city.publisher', name: '张发布', unit: 'gov_office', roles: ['publisher'] },
  { username: 'city.secrecy', name: '赵保密', unit: 'gov_office', roles: ['secrecy_reviewer'] },
  { username: 'city.reviewer', name: '钱审核', unit: 'gov_office', roles: ['reviewer'] },
  { username: 'civil.publisher', name: '孙民政', unit: 'civil', roles: ['publisher'] },
  { username: 'civil.secrecy', name: '周保密', unit: 'civil', roles: ['secrecy_reviewer'] },
  { username: 'civil.reviewer', name: '吴审核', unit: 'civil', roles: ['reviewer'] },
  { username: 'civil.requests', name: '何承办', unit: 'civil', roles: ['request_officer'] },
  { username: 'civil.head', name: '马主任', unit: 'civil', roles: ['office_admin'] },
  { username: 'district.office', name: '郑区办', unit: 'district', roles: ['office_admin'] },
  { username: 'town.publisher', name: '冯乡镇', unit: 'town_a', roles: ['publisher', 'secrecy_reviewer'] },
  { username: 'town.reviewer', name: '陈镇审', unit: 'town_a', roles: ['reviewer'] },
];

export const DEMO_PASSWORD = 'gongkai-demo-2026';
