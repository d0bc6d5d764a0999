/**
 * 双随机、一公开: a draw anyone can re-run. The pool (entities, inspectors, 回避 exclusions) is put in one canonical
 * order and hashed; every candidate is ranked by SHA-256 of the seed and its key; the lowest ranks win. With the
 * published pool, seed and algorithm name, the same result follows on any machine (the public page says how).
 */
import { createHash } from 'node:crypto';

export const ALGORITHM = 'sha256-rank-v1';
export const ALGORITHM_TEXT =
  '把检查对象、执法检查人员、回避关系分别按编号排序后组成 JSON（键依次为 entities、inspectors、exclusions），其 SHA-256 即名录哈希。' +
  '每个检查对象的排序值为 SHA-256("种子:E:对象编号")，取排序值最小的若干个；对每个选中的对象，未回避的每名人员的排序值为 ' +
  'SHA-256("种子:I:对象编号:人员编号")，取最小的若干名。排序值按十六进制字符串比较。';

export interface PoolEntity {
  id: string;
  name: string;
}
export interface PoolInspector {
  id: string;
  name: string;
  certificate: string;
}
export interface Exclusion {
  inspector: string;
  entity: string;
  reason: string;
}
export interface DrawInput {
  entities: PoolEntity[];
  inspectors: PoolInspector[];
  exclusions: Exclusion[];
  entityCount: number;
  inspectorsPerEntity: number;
  seed: string;
}
export interface DrawResult {
  poolHash: string;
  result: { entity: string; inspectors: string[] }[];
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The pool in its canonical order, as hashed and as published. */
export function canonicalPool(p: Pick<DrawInput, 'entities' | 'inspectors' | 'exclusions'>) {
  return {
    entities: [...p.entities].sort(byId).map((e) => ({ id: e.id, name: e.name })),
    inspectors: [...p.inspectors].sort(byId).map((i) => ({ id: i.id, name: i.name, certificate: i.certificate })),
    exclusions: [...p.exclusions]
      .sort((a, b) => (a.entity + '\u0000' + a.inspector < b.entity + '\u0000' + b.inspector ? -1 : 1))
      .map((x) => ({ inspector: x.inspector, entity: x.entity, reason: x.reason })),
  };
}

export const poolHash = (p: Pick<DrawInput, 'entities' | 'inspectors' | 'exclusions'>) => sha(JSON.stringify(canonicalPool(p)));

/** The draw itself. Throws a RangeError (with a Chinese message) when the pool cannot give what is asked. */
export function runDraw(input: DrawInput): DrawResult {
  const pool = canonicalPool(input);
  if (new Set(pool.entities.map((e) => e.id)).size !== pool.entities.length) throw new RangeError('检查对象编号有重复');
  if (new Set(pool.inspectors.map((e) => e.id)).size !== pool.inspectors.length) throw new RangeError('执法检查人员编号有重复');
  if (input.entityCount < 1 || input.entityCount > pool.entities.length) throw new RangeError(`抽取数量应在 1 到 ${pool.entities.length} 之间`);
  if (input.inspectorsPerEntity < 1) throw new RangeError('每个对象至少派 1 名人员');
  const rank = (key: string) => sha(`${input.seed}:${key}`);
  const chosen = pool.entities
    .map((e) => ({ e, r: rank(`E:${e.id}`) }))
    .sort((a, b) => (a.r < b.r ? -1 : 1))
    .slice(0, input.entityCount)
    .map((x) => x.e);
  const result = chosen.map((e) => {
    const excluded = new Set(pool.exclusions.filter((x) => x.entity === e.id).map((x) => x.inspector));
    const eligible = pool.inspectors.filter((i) => !excluded.has(i.id));
    if (eligible.length < input.inspectorsPerEntity) throw new RangeError(`检查对象“${e.name}”回避后可派人员不足 ${input.inspectorsPerEntity} 名`);
    return {
      entity: e.id,
      inspectors: eligible
        .map((i) => ({ id: i.id, r: rank(`I:${e.id}:${i.id}`) }))
        .sort((a, b) => (a.r < b.r ? -1 : 1))
        .slice(0, input.inspectorsPerEntity)
        .map((x) => x.id),
    };
  });
  return { poolHash: sha(JSON.stringify(pool)), result };
}
