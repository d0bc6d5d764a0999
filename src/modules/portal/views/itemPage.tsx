import type { ViewContext } from '../../../views/context.ts';
import { trustStored } from '../../../lib/html.ts';
import type { UnitRow } from '../../orgs/index.ts';
import type { UnitSection } from '../../publishing/index.ts';
import type { AttachmentRow, ItemRow, VersionRow } from '../../publishing/index.ts';
import { INTERPRETATION_FORMS, LEGAL_FORMS, SECTION_BY_CODE, VALIDITY } from '../../publishing/index.ts';
import { ColumnFrame } from './frame.tsx';
import { CONCLUSIONS } from '../../normative/index.ts';

export interface PublicItemData {
  item: ItemRow;
  version: VersionRow;
  isCurrent: boolean;
  attachments: AttachmentRow[];
  links: { id: number; title: string; interpretation_form: string | null; unit_slug: string; publish_date: string | null }[];
  validityBy?: { id: number; title: string; unit_slug: string };
  versions: { version_no: number; published_at: Date | null; change_note: string }[];
  /** Page views so far (daily sums; today's are added each minute). */
  views?: number;
  /** Current public answers (常见问题) that rest on this item. */
  answers?: { id: number; question: string }[];
  /** The gazette issues that carry the item (刊载于 …): its standard text. */
  gazette?: { text: string; href: string; pdfHref: string | null }[];
  /** A 规章 or 规范性文件's 备案审查 record. */
  filing?: { filed_on: string; filed_with: string; conclusion: 'pending' | 'passed' | 'corrected'; note: string };
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

/**
 * The 信息元数据 of an item, as the gov.cn item pages show them. Only fields with a value are shown (an empty 失效日期
 * row told readers nothing); two to a row on wide screens, one under another on a phone (site.css).
 */
export function ItemMetaTable(props: { d: PublicItemData; class?: string }) {
  const { item, version: v } = props.d;
  const fields: [string, string, boolean?][] = [
    ['索引号', item.index_no ?? ''],
    ['主题分类', v.topic.replace('\\', ' \\ ')],
    ['发布机构', v.publisher_name],
    ['发文机关', v.issuing_organs.join('、')],
    ['成文日期', v.written_date ?? ''],
    ['发布日期', v.publish_date ?? ''],
    ['标题', v.title, true],
    ['发文字号', v.doc_no_normalized || v.doc_no || ''],
    ['有效性', VALIDITY[item.validity]],
    ['生效日期', v.effective_date ?? ''],
    ['失效日期', v.expiry_date ?? ''],
    ['体裁', v.genre],
    ['文件性质', item.legal_form ? LEGAL_FORMS[item.legal_form] : ''],
    ['备案审查', props.d.filing ? `${props.d.filing.filed_on} 报${props.d.filing.filed_with}备案，${CONCLUSIONS[props.d.filing.conclusion]}` : ''],
    ['服务对象', v.audience],
    ['主题词', v.keywords.join('　'), true],
    ['内容概述', v.summary, true],
    ['浏览次数', props.d.views ? String(props.d.views) : ''],
  ];
  const shown = fields.filter(([, value]) => value && value.trim());
  // Pairs fill rows of two; a wide field (标题, 主题词, 内容概述) takes a row of its own.
  const rows: [string, string, boolean?][][] = [];
  for (const f of shown) {
    const last = rows.at(-1);
    if (f[2] || !last || last.length === 2 || last[0][2]) rows.push([f]);
    else last.push(f);
  }
  return (
    <table class={`meta-table${props.class ? ` ${props.class}` : ''}`}>
      <caption class="muted">信息元数据</caption>
      <tbody>
        {rows.map((r) => (
          <tr>
            {r.map(([label, value, wide]) => (
              <>
                <th scope="row">{label}</th>
                <td colSpan={wide || r.length === 1 ? 3 : undefined}>{value}</td>
              </>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * On a phone the title and the body come first: the metadata follow them, folded to one line with the 文号 and the
 * date, and open on a tap (a details element, so without JavaScript too). site.css shows this or the wide table.
 */
function ItemMetaCompact(props: { d: PublicItemData }) {
  const v = props.d.version;
  const facts = [v.doc_no_normalized || v.doc_no, v.publish_date && `${v.publish_date} 发布`].filter(Boolean).join('　');
  return (
    <details class="meta-compact">
      <summary>
        信息元数据{facts ? `：${facts}` : ''}
        <span class="muted">（展开）</span>
      </summary>
      <ItemMetaTable d={props.d} />
    </details>
  );
}

/**
 * An interpretation in pictures or on video shows them, not only as downloads: 图解 its images in order, 视频 an HTML5
 * player with the captions file (WebVTT) uploaded beside it. Files come from the item's own attachments, served by the
 * platform (CSP 'self'); nothing is embedded from elsewhere.
 */
function InterpretationMedia(props: { d: PublicItemData; base: string }) {
  const { d } = props;
  if (d.item.kind !== 'interpretation') return null;
  const form = d.version.interpretation_form;
  const url = (a: AttachmentRow) => `${props.base}/attachments/${a.id}`;
  if (form === 'graphic') {
    const images = d.attachments.filter((a) => a.mime.startsWith('image/'));
    if (!images.length) return null;
    return (
      <div class="interpretation-media">
        {images.map((a, i) => (
          <figure>
            <img src={url(a)} alt={`${d.version.title}（图${images.length > 1 ? ` ${i + 1}` : ''}）`} loading="lazy" />
          </figure>
        ))}
      </div>
    );
  }
  if (form === 'video') {
    const video = d.attachments.find((a) => a.mime.startsWith('video/'));
    if (!video) return null;
    const captions = d.attachments.find((a) => a.filename.toLowerCase().endsWith('.vtt'));
    return (
      <div class="interpretation-media">
        <video controls preload="metadata" src={url(video)}>
          {captions ? <track kind="captions" src={url(captions)} srclang="zh" label="中文字幕" default /> : null}
          <a href={url(video)}>下载视频：{video.filename}</a>
        </video>
      </div>
    );
  }
  return null;
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
      <InterpretationMedia d={d} base={props.base} />
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

export function PublicItemPage(props: { ctx: ViewContext; unit: UnitRow; sections: UnitSection[]; d: PublicItemData; preview?: { back: string } }) {
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
      {props.preview ? (
        <div class="banner-warning" role="note">
          预览：这是发布后公众看到的页面，尚未发布（索引号、发布日期在发布时确定）。<a href={props.preview.back}>返回编辑</a>
        </div>
      ) : null}
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
      <ItemMetaTable d={d} class="meta-wide" />
      {d.gazette?.length ? (
        <p class="notice" role="note">
          {d.gazette.map((g, i) => (
            <>
              {i ? '；' : '本文'}
              <a href={g.href}>{g.text}</a>
              {g.pdfHref ? (
                <>
                  {'（'}
                  <a href={g.pdfHref}>印刷版</a>
                  {'）'}
                </>
              ) : null}
            </>
          ))}
          。公报刊登的文本为标准文本。
        </p>
      ) : null}
      <ItemBody d={d} base={base} />
      <ItemMetaCompact d={d} />
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
      {d.answers?.length ? (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">相关问答</h2>
          <ul>
            {d.answers.map((a) => (
              <li>
                <a href={`/hdjl/wd/${a.id}`}>{a.question}</a>
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
