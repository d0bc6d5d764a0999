/** A unit's 政府数据资源目录: every dataset it publishes, one row each, with the catalogue's columns and a CSV copy. */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import { chinaDate } from '../../../lib/clock.ts';
import type { Catalogue } from '../ckan.ts';
import { FREQUENCIES, OPENNESS } from '../rules.ts';

export function UnitDirectoryPage(p: { ctx: ViewContext; unit: { name: string; slug: string }; c: Catalogue }) {
  const datasets = p.c.datasets.filter((d) => d.unit_slug === p.unit.slug);
  return (
    <Layout ctx={p.ctx} title={`${p.unit.name}政府数据资源目录`} crumbs={[{ label: '首页', href: '/' }, { label: '数据开放', href: '/sjkf' }, { label: p.unit.name }]}>
      <h1>{p.unit.name}政府数据资源目录</h1>
      <p>
        共 {datasets.length} 个数据集。<a href={`/sjkf/units/${p.unit.slug}/catalog.csv`}>下载目录（CSV）</a> ·{' '}
        <a href={`/sjkf/units/${p.unit.slug}/feed.atom`}>订阅更新（Atom）</a>
      </p>
      {datasets.length ? (
        <div class="table-scroll">
          <table class="data">
            <caption class="visually-hidden">{p.unit.name}的数据集</caption>
            <thead>
              <tr>
                <th scope="col">数据集名称</th>
                <th scope="col">标识符</th>
                <th scope="col">数据领域</th>
                <th scope="col">开放属性</th>
                <th scope="col">更新频率</th>
                <th scope="col">格式</th>
                <th scope="col">最近更新</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr>
                  <td>
                    <a href={`/dataset/${d.name}`}>{d.metadata.title}</a>
                  </td>
                  <td>
                    <code>{d.name}</code>
                  </td>
                  <td>{p.c.areas.get(d.metadata.areaCode) ?? ''}</td>
                  <td>{OPENNESS[d.metadata.openness]}</td>
                  <td>{FREQUENCIES[d.metadata.frequency].label}</td>
                  <td>{[...new Set(d.resource_ids.map((id) => p.c.resources.get(id)?.format).filter(Boolean))].join('、')}</td>
                  <td>{chinaDate(d.published_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>这个单位还没有开放数据。</p>
      )}
    </Layout>
  );
}
