import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: '提交的内容有误',
  401: '请先登录',
  403: '没有权限',
  404: '页面不存在',
  409: '操作未完成',
  413: '文件太大',
  429: '操作过于频繁',
  500: '系统出现问题',
};

export function ErrorPage(props: { ctx: ViewContext; status: number; message: string; code: string }) {
  const title = TITLES[props.status] ?? '出现了问题';
  return (
    // The stable code is for support and scripts, not for the reader: it goes in the page's head.
    <Layout ctx={props.ctx} title={title} head={<meta name="gongkai-error-code" content={props.code} />}>
      <h1>{title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </Layout>
  );
}
