/** A unit's published standard catalogues on its 政府信息公开 column, each item with the information filed under it. */
import { chinaDate } from '../../../lib/clock.ts';
import type { ViewContext } from '../../../views/context.ts';
import { ColumnFrame } from '../../portal/index.ts';
import type { UnitRow } from '../../orgs/index.ts';
import type { UnitSection } from '../../publishing/index.ts';
import { catalogueItemAnchor } from '../../../lib/anchors.ts';
import type { CatalogueHead, CatalogueItemRow, FiledItem } from '../queries.ts';

export function CataloguePortalPage(props: {
  ctx: ViewContext;
  unit: UnitRow;
  sections: UnitSection[];
  heads: CatalogueHead[];
  shown?: {
    head: CatalogueHead;
    items: CatalogueItemRow[];
    filed: FiledItem[];
    answers: Map<string, { id: number; question: string }[]>;
    /** Open-data datasets filed under each item, by item key. */
    datasets: Map<string, { name: string; title: string }[]>;
  };
}) {
  const u = props.unit;
  const shown = props.shown ? [props.shown] : [];
  const current = props.shown?.head.area_code;
  return (
    <ColumnFrame
      ctx={props.ctx}
      unit={u}
      sections={props.sections}
      current="jczwgk"
      title={`基层政务公开标准化规范化 - ${u.short_name}`}
      crumbs={[{ label: '基层政务公开标准化规范化' }]}
    >
      <h1>{u.name}基层政务公开标准目录</h1>
      {props.heads.length ? (
        <nav aria-label="领域">
          <ul class="chips">
            {props.heads.map((h) => (
              <li>{current === h.area_code ? <strong aria-current="page">{h.area_name}</strong> : <a href={`/xxgk/${u.slug}/jczwgk?area=${h.area_code}`}>{h.area_name}</a>}</li>
            ))}
          </ul>
        </nav>
      ) : (
        <p>本单位的公开事项标准目录尚未公布。</p>
      )}
      {shown.map(({ head, items, filed, answers, datasets }) => (
        <section aria-labelledby={`area-${head.area_code}`}>
          <h2 id={`area-${head.area_code}`}>{head.area_name}领域基层政务公开标准目录</h2>
          <p class="muted">
            第 {head.version_no} 版{head.published_at ? `，${chinaDate(head.published_at)} 公布` : ''}
          </p>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="目录表格（可左右滚动）">
            <table class="data">
              <caption class="visually-hidden">{head.area_name}领域公开事项</caption>
              <thead>
                <tr>
                  <th scope="col">序号</th>
                  <th scope="col">一级事项</th>
                  <th scope="col">二级事项</th>
                  <th scope="col">公开内容（要素）</th>
                  <th scope="col">公开依据</th>
                  <th scope="col">公开时限</th>
                  <th scope="col">公开主体</th>
                  <th scope="col">公开渠道和载体</th>
                  <th scope="col">公开对象</th>
                  <th scope="col">公开方式</th>
                  <th scope="col">已公开信息</th>
                  <th scope="col">常见问答</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => {
                  const mine = filed.filter((f) => f.catalogue_key === i.itemKey);
                  const qa = answers.get(i.itemKey) ?? [];
                  const data = datasets.get(i.itemKey) ?? [];
                  return (
                    <tr id={catalogueItemAnchor(i.itemKey)}>
                      <td>{i.code || i.seq}</td>
                      <td>{i.level1}</td>
                      <td>{i.level2}</td>
                      <td>{i.content}</td>
                      <td>{i.basis}</td>
                      <td>{i.timeLimit}</td>
                      <td>{i.publisher}</td>
                      <td>{i.channels.join('、')}</td>
                      <td>{[i.audienceAll && '全社会', i.audienceSpecific && '特定群众'].filter(Boolean).join('、')}</td>
                      <td>{[i.proactive && '主动', i.onRequest && '依申请公开'].filter(Boolean).join('、')}</td>
                      <td>
                        {mine.length || data.length ? (
                          <ul>
                            {mine.slice(0, 5).map((f) => (
                              <li>
                                <a href={`/xxgk/${u.slug}/items/${f.id}`}>{f.title}</a>（{f.publish_date}）
                              </li>
                            ))}
                            {data.slice(0, 5).map((d) => (
                              <li>
                                数据集：<a href={`/dataset/${d.name}`}>{d.title}</a>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {qa.length ? (
                          <ul>
                            {qa.slice(0, 5).map((a) => (
                              <li>
                                <a href={`/hdjl/wd/${a.id}`}>{a.question}</a>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </ColumnFrame>
  );
}
