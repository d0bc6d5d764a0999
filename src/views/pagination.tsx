/** Numbered pagination with previous/next links; works without JavaScript and keeps the other query parameters. */
export function pageHref(base: string, params: Record<string, string | undefined>, page: number) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export function Pagination(props: { base: string; params: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  const p = props.page;
  const shown = [...new Set([1, p - 2, p - 1, p, p + 1, p + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label="分页">
      <ul class="pagination">
        {p > 1 ? (
          <li>
            <a href={pageHref(props.base, props.params, p - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        {shown.map((n) => (
          <li>{n === p ? <span aria-current="page">第 {n} 页</span> : <a href={pageHref(props.base, props.params, n)}>{n}</a>}</li>
        ))}
        {p < pages ? (
          <li>
            <a href={pageHref(props.base, props.params, p + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
      <p class="muted">
        共 {props.total} 条，{pages} 页
      </p>
    </nav>
  );
}
