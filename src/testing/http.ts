/** Helpers to drive the app like a browser: keep cookies, read the CSRF token from a page, post forms. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from './factories.ts';

export class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Fetches `formPage` for its CSRF token, then posts the fields (urlencoded) to `url`. */
  async post(url: string, fields: Record<string, string | string[]>, formPage = url) {
    const token = await this.csrf(formPage);
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: token, ...fields })) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  async postMultipart(url: string, fields: Record<string, string>, files: { field: string; filename: string; content: Buffer; type?: string }[], formPage: string) {
    const token = await this.csrf(formPage);
    const boundary = '----gk' + Math.random().toString(16).slice(2);
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: token, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    for (const f of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      parts.push(f.content, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(parts),
      }),
    );
  }

  async csrf(formPage: string): Promise<string> {
    const page = await this.get(formPage);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.body);
    if (!m) throw new Error(`no CSRF token on ${formPage} (status ${page.statusCode})`);
    return m[1];
  }

  async login(username: string, password = TEST_PASSWORD) {
    const res = await this.post('/login', { username, password }, '/login');
    if (res.statusCode !== 303) throw new Error(`login failed for ${username}: ${res.statusCode}`);
    return res;
  }
}
