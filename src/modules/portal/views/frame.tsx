import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../views/context.ts';
import { Layout, type Crumb } from '../../../views/layout.tsx';
import type { UnitRow } from '../../orgs/index.ts';
import type { UnitSection } from '../../publishing/index.ts';

/** The 政府信息公开 column of one unit: the four first-level sections of 国办公开办函〔2019〕61号 in order. */
export function ColumnFrame(props: {
  ctx: ViewContext;
  unit: UnitRow;
  sections: UnitSection[];
  current: string;
  title: string;
  crumbs?: Crumb[];
  head?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { unit } = props;
  const base = `/xxgk/${unit.slug}`;
  const proactive = props.sections.filter((s) => s.group === 'proactive' && s.enabled);
  const link = (href: string, code: string, label: string) => (
    <a href={href} aria-current={props.current === code ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <Layout
      ctx={props.ctx}
      title={props.title}
      head={
        <>
          {/* Feed readers and browsers find the unit's updates from any of its pages. */}
          <link rel="alternate" type="application/atom+xml" title={`${unit.name}政府信息公开更新`} href={`${base}/feed.atom`} />
          {props.head}
        </>
      }
      crumbs={[{ label: '首页', href: '/' }, { label: '政府信息公开', href: '/xxgk' }, { label: unit.name, href: base }, ...(props.crumbs ?? [])]}
    >
      {/* Content comes before the column menu in the page, so phone readers reach it first; CSS puts the menu on the left on wide screens. */}
      <div class="xxgk">
        <div class="xxgk-main">
          <p class="jump-nav">
            <a href="#column-nav">栏目导航</a>
          </p>
          {props.children}
        </div>
        <nav class="xxgk-nav" id="column-nav" aria-label={`${unit.short_name}政府信息公开栏目`}>
          <h2>{unit.short_name}政府信息公开</h2>
          <ul>
            <li>{link(`${base}/guide`, 'guide', '政府信息公开指南')}</li>
            <li>{link(`${base}/s/rules`, 'rules', '政府信息公开制度')}</li>
            <li>{link(`${base}/s/proactive`, 'proactive', '法定主动公开内容')}</li>
            {proactive.map((s) => (
              <li class="sub">{link(`${base}/s/${s.code}`, s.code, s.label)}</li>
            ))}
            <li>{link(`${base}/s/annual_report`, 'annual_report', '政府信息公开年报')}</li>
            <li>{link(`${base}/interpretations`, 'interpretations', '政策解读')}</li>
            {unit.level === 'county' || unit.level === 'township' ? <li>{link(`${base}/jczwgk`, 'jczwgk', '基层政务公开标准化规范化')}</li> : null}
          </ul>
        </nav>
      </div>
    </Layout>
  );
}
