import type { ViewContext } from '../../../views/context.ts';
import { PUBLICATION_LIMIT_WORKING_DAYS } from '../timeliness.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import type { FormValues } from '../forms.ts';
import type { UnitSection } from '../sections.ts';
import { AUDIENCES, DISCLOSURE, GENRES, INTERPRETATION_FORMS, LEGAL_FORMS, TOPICS, WITHHELD_GROUNDS } from '../taxonomy.ts';
import type { DocxProposals } from '../docxImport.ts';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export function ItemFormPage(props: {
  ctx: ViewContext;
  mode: 'new' | 'edit';
  itemId?: number;
  units: { id: number; name: string; depth: number }[];
  unitId: number;
  sections: UnitSection[];
  values: FormValues;
  errors: Record<string, string>;
  message?: string;
  proposals?: DocxProposals;
  importMessages?: string[];
  /** The unit's most used 主题分类, offered first. */
  usedTopics?: string[];
}) {
  const { ctx, values: v, errors: e } = props;
  const action = props.mode === 'new' ? '/staff/items' : `/staff/items/${props.itemId}/edit`;
  const title = props.mode === 'new' ? '新建政府信息' : '编辑政府信息';
  const proposed = (k: keyof DocxProposals) =>
    props.proposals && (Array.isArray(props.proposals[k]) ? (props.proposals[k] as string[]).length : props.proposals[k]) ? '由导入的文档识别，请核对' : undefined;
  return (
    <Layout ctx={ctx} title={title} staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '政府信息', href: '/staff/items' }, { label: title }]}>
      <h1>{title}</h1>
      {props.mode === 'new' ? (
        <form method="post" action={`/staff/items/import-docx?unit=${props.unitId}`} enctype="multipart/form-data" class="notice">
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="f-docx">从 Word 文档（.docx）导入正文，并识别标题、文号、发文机关和成文日期</label>
            <input id="f-docx" name="docx" type="file" accept=".docx" />
          </div>
          <button type="submit" class="button secondary">
            导入文档
          </button>
        </form>
      ) : null}
      {props.proposals ? (
        <div class="notice" role="status">
          <p>已导入文档正文。系统识别的元数据已填入下方表单并标注“请核对”，保存前请逐项确认。</p>
          {props.importMessages?.length ? <p>转换提示：{props.importMessages.join('；')}</p> : null}
        </div>
      ) : null}
      <ErrorSummary errors={e} message={props.message} />
      <form method="post" action={action} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        {props.mode === 'new' ? (
          <Select
            name="unitId"
            label="发布单位"
            options={props.units.map((u) => ({ value: String(u.id), label: `${'　'.repeat(u.depth)}${u.name}` }))}
            value={String(props.unitId)}
            error={e.unitId}
            required
          />
        ) : null}
        <Select
          name="kind"
          label="信息类别"
          options={[
            { value: 'information', label: '政府信息' },
            { value: 'interpretation', label: '政策解读' },
          ]}
          value={v.kind || 'information'}
          error={e.kind}
        />
        <Field name="title" label="标题" value={v.title} error={e.title} hint={proposed('title')} required />
        <Select
          name="sectionCode"
          label="所属栏目"
          options={props.sections.filter((s) => s.enabled && s.code !== 'guide').map((s) => ({ value: s.code, label: `${s.label}（${s.basis}）` }))}
          value={v.sectionCode}
          error={e.sectionCode}
          required
          blank="请选择"
        />
        <fieldset>
          <legend>公开属性（国办发〔2016〕80号）</legend>
          <Select name="disclosure" label="公开方式" options={opts(DISCLOSURE)} value={v.disclosure || 'proactive'} error={e.disclosure} required />
          <Select
            name="withheldGround"
            label="不主动公开的依据"
            options={opts(WITHHELD_GROUNDS)}
            value={v.withheldGround}
            error={e.withheldGround}
            hint="公开方式为依申请公开或不予公开时必填"
            blank="（主动公开时不填）"
          />
        </fieldset>
        <fieldset>
          <legend>公文要素</legend>
          <Field name="docNo" label="发文字号" value={v.docNo} error={e.docNo} hint={proposed('docNo') ?? '如：示府办〔2026〕12号；各种括号写法会自动规范为〔〕'} />
          <Field name="issuingOrgans" label="发文机关" value={v.issuingOrgans} error={e.issuingOrgans} hint={proposed('issuingOrgans') ?? '联合发文时用逗号分隔多个机关'} />
          <Field name="publisherName" label="发布机构" value={v.publisherName} error={e.publisherName} hint="不填则为本单位名称" />
          <Field name="writtenDate" label="成文日期" type="date" value={v.writtenDate} error={e.writtenDate} hint={proposed('writtenDate')} />
          <Field
            name="formedDate"
            label="形成或变更日期"
            type="date"
            value={v.formedDate}
            error={e.formedDate}
            hint={`条例第二十六条：自此日起${PUBLICATION_LIMIT_WORKING_DAYS}个工作日内公开；不填则为成文日期或今天`}
          />
          <Field name="publishDate" label="发布日期" type="date" value={v.publishDate} error={e.publishDate} hint="不填则为审核通过发布当天" />
          <Field name="effectiveDate" label="生效日期" type="date" value={v.effectiveDate} error={e.effectiveDate} />
          <Field name="expiryDate" label="失效日期" type="date" value={v.expiryDate} error={e.expiryDate} />
        </fieldset>
        <fieldset>
          <legend>分类与检索</legend>
          <TopicSelect value={v.topic} error={e.topic} used={props.usedTopics ?? []} />
          <Select name="genre" label="体裁（文种）" options={GENRES.map((g) => ({ value: g, label: g }))} value={v.genre} error={e.genre} blank="请选择" />
          <Select
            name="legalForm"
            label="文件性质"
            options={Object.entries(LEGAL_FORMS).map(([value, label]) => ({ value, label }))}
            value={v.legalForm}
            error={e.legalForm}
            blank="其他文件"
            hint="规章和行政规范性文件须刊登在政府公报上，并列入规范性文件清理"
          />
          <Select name="audience" label="服务对象" options={AUDIENCES.map((a) => ({ value: a, label: a }))} value={v.audience} error={e.audience} blank="不限" />
          <Field name="keywords" label="主题词" value={v.keywords} error={e.keywords} hint="用逗号分隔" />
          <Field name="summary" label="内容概述" value={v.summary} error={e.summary} textarea rows={3} />
        </fieldset>
        <fieldset>
          <legend>政策解读（信息类别为政策解读时填写）</legend>
          <Select name="interpretationForm" label="解读形式" options={opts(INTERPRETATION_FORMS)} value={v.interpretationForm} error={e.interpretationForm} blank="请选择" />
          <Field
            name="interprets"
            label="所解读的政策"
            textarea
            rows={3}
            value={v.interprets}
            error={e.interprets}
            hint="每行一个，填政策的标题全文、文号或索引号（如：示民〔2026〕3号）"
            data={{ 'item-picker': 'multi' }}
          />
        </fieldset>
        <Field
          name="bodyHtml"
          label="正文"
          value={v.bodyHtml}
          error={e.bodyHtml}
          textarea
          rows={16}
          hint="可直接从 Word、WPS 粘贴（标题、列表、表格、链接保留）；没有脚本时可粘贴纯文本（按段落分行）或简单 HTML。不安全的标记会被去除"
          data={{ 'rich-editor': '1' }}
        />
        <div class={`field${e.files ? ' field-error' : ''}`}>
          <label for="f-files">附件（可多选，随本次保存上传）</label>
          {e.files ? (
            <p class="error-message" id="f-files-error">
              {e.files}
            </p>
          ) : null}
          <input id="f-files" name="files" type="file" multiple aria-describedby={e.files ? 'f-files-error' : undefined} />
        </div>
        {props.mode === 'edit' ? <Field name="changeNote" label="修订说明" value={v.changeNote} error={e.changeNote} /> : null}
        <Field name="scheduledAt" label="定时发布时间（北京时间，可选）" type="datetime-local" value={v.scheduledAt} error={e.scheduledAt} />
        <div class="button-row">
          <button type="submit" class="button">
            保存草稿
          </button>
          <a href={props.itemId ? `/staff/items/${props.itemId}` : '/staff/items'}>取消</a>
        </div>
      </form>
    </Layout>
  );
}

/**
 * 主题分类 as its two levels: the first level as option groups, the second as choices, and the unit's most used first.
 * One select, so it works without script and reads as a tree to screen readers.
 */
function TopicSelect(props: { value?: string; error?: string; used: string[] }) {
  const option = (t: string, label: string) => (
    <option value={t} selected={props.value === t}>
      {label}
    </option>
  );
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for="f-topic">主题分类</label>
      {props.error ? (
        <p class="error-message" id="f-topic-error">
          {props.error}
        </p>
      ) : null}
      <select id="f-topic" name="topic" aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? 'f-topic-error' : undefined}>
        <option value="">请选择</option>
        {props.used.length ? <optgroup label="本单位常用">{props.used.map((t) => option(t, t.replace('\\', ' › ')))}</optgroup> : null}
        {TOPICS.map(([l1, l2s]) => (l2s.length ? <optgroup label={l1}>{l2s.map((l2) => option(`${l1}\\${l2}`, l2))}</optgroup> : option(l1, l1)))}
      </select>
    </div>
  );
}
