import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';

export interface Crumb {
  label: string;
  href?: string;
}

/** The page frame shared by public and staff pages: skip link, header, view switches, breadcrumbs, footer. */
export function Layout(props: { ctx: ViewContext; title: string; crumbs?: Crumb[]; staff?: boolean; head?: ComponentChildren; children: ComponentChildren }) {
  const { ctx } = props;
  const back = encodeURIComponent(ctx.url);
  return (
    <html lang={ctx.script === 'hant' ? 'zh-Hant' : 'zh-Hans'} class={ctx.large ? 'large' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${ctx.siteName}`}</title>
        <meta name="SiteName" content={ctx.siteName} />
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {props.staff ? <script src="/assets/staff.js" defer /> : null}
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-name" href={props.staff ? '/staff' : '/'}>
              {ctx.siteName}
              {props.staff ? <span class="tag">工作台</span> : null}
            </a>
            <nav class="view-switch" aria-label="阅读设置">
              {ctx.script === 'hant' ? (
                <a href={`/prefs?script=hans&back=${back}`} lang="zh-Hans">
                  简体
                </a>
              ) : (
                <a href={`/prefs?script=hant&back=${back}`} lang="zh-Hant">
                  繁體
                </a>
              )}
              {ctx.large ? <a href={`/prefs?view=standard&back=${back}`}>标准版</a> : <a href={`/prefs?view=large&back=${back}`}>大字版</a>}
              {ctx.actor.kind === 'user' ? (
                <>
                  <a href="/staff">工作台</a>
                  <form method="post" action="/logout" class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrf} />
                    <button type="submit" class="link-button">
                      退出（{ctx.actor.displayName}）
                    </button>
                  </form>
                </>
              ) : null}
            </nav>
          </div>
          {props.staff ? null : (
            <div class="wrap nav-row">
              <nav class="main-nav" aria-label="主导航">
                <a href="/">首页</a>
                <a href="/xxgk">政府信息公开</a>
                <a href="/zcwjk">政策文件库</a>
                <a href="/zfgb">政府公报</a>
                <a href="/zfgs">执法公示</a>
                <a href="/ysqgk">依申请公开</a>
                <a href="/hdjl/yjzj">意见征集</a>
                <a href="/sjkf">数据开放</a>
              </nav>
              <form method="get" action="/search" role="search" class="site-search" aria-label="全站搜索">
                <label for="site-q" class="visually-hidden">
                  搜索本站
                </label>
                <input id="site-q" name="q" type="search" placeholder="输入问题或关键词" maxLength={200} />
                <button type="submit">搜索</button>
              </form>
            </div>
          )}
        </header>
        {props.crumbs?.length ? (
          <nav class="wrap breadcrumbs" aria-label="当前位置">
            <ol>
              {props.crumbs.map((c) => (
                <li>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="main" class="wrap" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              主办：{ctx.siteName}　<a href="/xxgk">政府信息公开</a>　<a href="/sitemap">网站地图</a>
              {ctx.actor.kind === 'anonymous' ? (
                <>
                  {'\u3000'}
                  <a href="/login">工作人员登录</a>
                </>
              ) : null}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** GOV.UK-style error summary: listed at the top, each linking to its field, announced by screen readers. */
export function ErrorSummary(props: { errors: Record<string, string>; message?: string; idPrefix?: string }) {
  const entries = Object.entries(props.errors);
  if (!entries.length && !props.message) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{props.message ?? '提交的内容有误，请按提示修改'}</h2>
      <ul>
        {entries.map(([field, msg]) => (
          <li>
            <a href={`#${props.idPrefix ?? 'f'}-${field}`}>{msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled form field with hint and error, keeping the submitted value. */
export function Field(props: {
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  hint?: string;
  type?: 'text' | 'password' | 'email' | 'date' | 'datetime-local' | 'number' | 'search' | 'tel' | 'url' | 'file';
  required?: boolean;
  textarea?: boolean;
  rows?: number;
  autocomplete?: string;
  /** The phone keyboard to show (numeric for codes). */
  inputmode?: 'numeric' | 'tel' | 'email';
  /** Several forms on one page need distinct ids: 'f' by default. */
  idPrefix?: string;
  /** data-* attributes for the staff script's enhancements (rich-editor, item-picker). */
  data?: Record<string, string>;
}) {
  const id = `${props.idPrefix ?? 'f'}-${props.name}`;
  const data = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req">（必填）</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.textarea ? (
        <textarea id={id} name={props.name} rows={props.rows ?? 6} aria-describedby={describedBy} aria-invalid={props.error ? 'true' : undefined} {...data}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          id={id}
          name={props.name}
          type={(props.type ?? 'text') as 'text'}
          value={props.value ?? ''}
          aria-describedby={describedBy}
          aria-invalid={props.error ? 'true' : undefined}
          autocomplete={props.autocomplete}
          inputMode={props.inputmode}
          {...data}
        />
      )}
    </div>
  );
}

/** A select with the same label/hint/error pattern. */
export function Select(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | null;
  error?: string;
  hint?: string;
  required?: boolean;
  blank?: string;
  idPrefix?: string;
}) {
  const id = `${props.idPrefix ?? 'f'}-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req">（必填）</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={describedBy} aria-invalid={props.error ? 'true' : undefined}>
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CsrfField(props: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrf} />;
}
