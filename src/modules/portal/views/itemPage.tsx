import type { ViewContext } from '../../../views/context.ts';
import { trustStored } from '../../../lib/html.ts';
import type { UnitRow } from '../../orgs/index.ts';
import type { UnitSection } from '../../publishing/index.ts';
import type { AttachmentRow, ItemRow, VersionRow } from '../../publishing/index.ts';
import { INTERPRETATION_FORMS, SECTION_BY_CODE, VALIDITY } from '../../publishing/index.ts';
import { ColumnFrame } from './frame.tsx';

export interface PublicItemData {
  item: ItemRow;
  version: VersionRow;
  isCurrent: boolean;
  attachments: AttachmentRow[];
  links: { id: number; title: string; interpretation_form: string | null; unit_slug: string; publish_date: string | null }[];
  validityBy?: { id: number; title: string; unit_slug: string };
  versions: { version_no: number; published_at: Date | null; change_note: string }[];
}

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function jsonLd(ctx: ViewContext, d: PublicItemData) {
  const v = d.version;
  const url = `${ctx.baseUrl}/xxgk/${d.item.unit_slug}/items/${d.item.id}`;
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': v.doc_no_normalized ? 'Legislation' : 'Article',
    name: v.title,
    headline: v.title.slice(0, 110),
    url,
    identifier: d.item.index_no,
    datePublished: v.publish_date,
    dateCreated: v.written_date ?? undefined,
    inLanguage: 'zh-CN',
    publisher: { '@type': 'GovernmentOrganization', name: v.publisher_name },
    keywords: v.keywords.join(','),
    description: v.summary || undefined,
  };
  if (v.doc_no_normalized) {
    data.legislationIdentifier = v.doc_no_normalized;
    data.legislationDate = v.written_date ?? undefined;
    data.legislationPassedBy = v.issuing_organs.map((name) => ({ '@type': 'GovernmentOrganization', name }));
    data.legislationLegalForce = d.item.validity === 'current' ? 'InForce' : 'NotInForce';
    if (v.effective_date) data.legislationDateOfApplicability = v.effective_date;
  }
  // JSON inside <script>: escape "<" so the text can never close the element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function ItemMetaTable(props: { d: PublicItemData }) {
  const { item, version: v } = props.d;
  return (
    <table class="meta-table">
      <caption class="muted">信息元数据</caption>
      <tbody>
        <tr>
          <th scope="row">索引号</th>
          <td>{item.index_no}</td>
          <th scope="row">主题分类</th>
          <td>{v.topic.replace('\\', ' \\ ')}</td>
        </tr>
        <tr>
          <th scope="row">发布机构</th>
          <td>{v.publisher_name}</td>
          <th scope="row">发文机关</th>
          <td>{v.issuing_organs.join('、')}</td>
        </tr>
        <tr>
          <th scope="row">成文日期</th>
          <td>{v.written_date ?? ''}</td>
          <th scope="row">发布日期</th>
          <td>{v.publish_date}</td>
        </tr>
        <tr>
          <th scope="row">标题</th>
          <td colSpan={3}>{v.title}</td>
        </tr>
        <tr>
          <th scope="row">发文字号</th>
          <td>{v.doc_no_normalized || v.doc_no}</td>
          <th scope="row">有效性</th>
          <td>{VALIDITY[item.validity]}</td>
        </tr>
        <tr>
          <th scope="row">生效日期</th>
          <td>{v.effective_date ?? ''}</td>
          <th scope="row">失效日期</th>
          <td>{v.expiry_date ?? ''}</td>
        </tr>
        <tr>
          <th scope="row">体裁</th>
          <td>{v.genre}</td>
          <th scope="row">服务对象</th>
          <td>{v.audience}</td>
        </tr>
        <tr>
          <th scope="row">主题词</th>
          <td colSpan={3}>{v.keywords.join('　')}</td>
        </tr>
        {v.summary ? (
          <tr>
            <th scope="row">内容概述</th>
            <td colSpan={3}>{v.summary}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

export function ItemBody(props: { d: PublicItemData; base: string }) {
  const { d } = props;
  const v = d.version;
  return (
    <>
      <h1 class="doc-title">{v.title}</h1>
      {v.doc_no_normalized ? <p class="doc-title">{v.doc_no_normalized}</p> : null}
      {/* body_html is sanitised when saved (lib/html.ts) */}
      <div class="doc-body" dangerouslySetInnerHTML={{ __html: trustStored(v.body_html) }} />
      {d.attachments.length ? (
        <section aria-labelledby="att-title">
          <h2 id="att-title">附件</h2>
          <ul>
            {d.attachments.map((a) => (
              <li>
                <a href={`${props.base}/attachments/${a.id}`} download={a.filename}>
                  {a.filename}
                </a>
                （{size(a.size)}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function PublicItemPage(props: { ctx: ViewContext; unit: UnitRow; sections: UnitSection[]; d: PublicItemData }) {
  const { ctx, d, unit } = props;
  const v = d.version;
  const base = `/xxgk/${unit.slug}/items/${d.item.id}`;
  const section = SECTION_BY_CODE.get(v.section_code);
  const banner = d.item.validity !== 'current';
  return (
    <ColumnFrame
      ctx={ctx}
      unit={unit}
      sections={props.sections}
      current={v.section_code}
      title={v.title}
      crumbs={[{ label: section?.label ?? '', href: `/xxgk/${unit.slug}/s/${v.section_code}` }, { label: v.title }]}
      head={
        <>
          <meta name="ArticleTitle" content={v.title} />
          <meta name="PubDate" content={v.publish_date ?? ''} />
          <meta name="ContentSource" content={v.publisher_name} />
          <meta name="ColumnName" content={section?.label ?? ''} />
          <link rel="canonical" href={`${ctx.baseUrl}${base}`} />
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(ctx, d) }} />
        </>
      }
    >
      {banner ? (
        <div class="banner-warning" role="note">
          本文件{VALIDITY[d.item.validity]}
          {d.validityBy ? (
            <>
              ，见《<a href={`/xxgk/${d.validityBy.unit_slug}/items/${d.validityBy.id}`}>{d.validityBy.title}</a>》
            </>
          ) : null}
          。以下内容仅供查阅。
        </div>
      ) : null}
      {!d.isCurrent ? (
        <div class="banner-warning" role="note">
          这是第 {v.version_no} 版（历史版本）。<a href={base}>查看现行版本</a>
        </div>
      ) : null}
      <ItemMetaTable d={d} />
      <ItemBody d={d} base={base} />
      {d.links.length ? (
        <section aria-labelledby="links-title">
          <h2 id="links-title">{d.item.kind === 'interpretation' ? '所解读的政策' : '政策解读'}</h2>
          <ul>
            {d.links.map((l) => (
              <li>
                <a href={`/xxgk/${l.unit_slug}/items/${l.id}`}>{l.title}</a>
                {l.interpretation_form ? `（${INTERPRETATION_FORMS[l.interpretation_form as keyof typeof INTERPRETATION_FORMS]}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.versions.length > 1 ? (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">版本记录</h2>
          <ul>
            {d.versions.map((x) => (
              <li>
                <a href={`${base}/versions/${x.version_no}`}>第 {x.version_no} 版</a>
                {x.published_at ? `，${new Date(x.published_at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)} 发布` : ''}
                {x.change_note ? `：${x.change_note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class="no-print">
        <a href={`${base}/print`}>打印版</a>
      </p>
    </ColumnFrame>
  );
}

/** A bare page for printing: metadata table and body, no navigation. */
export function PrintItemPage(props: { ctx: ViewContext; d: PublicItemData }) {
  const { ctx, d } = props;
  return (
    <html lang={ctx.script === 'hant' ? 'zh-Hant' : 'zh-Hans'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${d.version.title} - 打印`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <main id="main" class="wrap">
          <ItemMetaTable d={d} />
          <ItemBody d={d} base={`/xxgk/${d.item.unit_slug}/items/${d.item.id}`} />
          <p class="muted">
            来源：{ctx.siteName} {ctx.baseUrl}/xxgk/{d.item.unit_slug}/items/{d.item.id}
          </p>
        </main>
      </body>
    </html>
  );
}
