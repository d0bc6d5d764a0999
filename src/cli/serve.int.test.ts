import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { cliEnv } from '../testing/harness.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function serve(env: Record<string, string>, t: { after(fn: () => unknown): void }) {
  const child = spawn(process.execPath, ['bin/gongkai.js', 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  t.after(() => child.kill('SIGTERM'));
  for (let i = 0; i < 240 && !out.includes('已启动'); i++) await new Promise((r) => setTimeout(r, 250));
  assert.match(out, /已启动/);
}

test('without HOST the server listens on localhost only; with HOST=:: it answers on IPv6 and IPv4', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  const port = await freePort();
  await serve({ ...c.env, PORT: String(port), HOST: '' }, t);
  assert.equal(await answers(`http://127.0.0.1:${port}/healthz`), true);
  // An address of this machine other than loopback, where there is one, gets no answer.
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (external) assert.equal(await answers(`http://${external.address}:${port}/healthz`), false, external.address);

  const c2 = await cliEnv();
  t.after(() => c2.cleanup());
  const port2 = await freePort();
  await serve({ ...c2.env, PORT: String(port2), HOST: '::' }, t);
  assert.equal(await answers(`http://[::1]:${port2}/healthz`), true, 'IPv6');
  assert.equal(await answers(`http://127.0.0.1:${port2}/healthz`), true, 'IPv4 on the same socket');
});
