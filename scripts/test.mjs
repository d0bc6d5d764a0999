#!/usr/bin/env node
// Runs every test: unit (*.test.ts), integration (*.int.test.ts) and browser journeys (e2e/*.spec.ts).
// Node 20's test runner takes no globs, so files are found here. Browser journeys need Chromium: on a machine
// without it they are reported as not run (and under CI=true that is a failure, so CI can never silently skip them).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function find(dir, re, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) find(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
let files = [...find('src', /\.test\.tsx?$/), ...find('e2e', /\.spec\.ts$/)].sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) {
  const e2e = files.filter((f) => f.startsWith('e2e'));
  if (e2e.length) {
    const msg = `Chromium not found: ${e2e.length} browser journey file(s) not run. Install it with: apt-get install -y chromium`;
    if (process.env.CI) {
      console.error(msg);
      process.exit(1);
    }
    console.warn(`\n*** ${msg}\n`);
    files = files.filter((f) => !f.startsWith('e2e'));
  }
}

// One migrated template database for the whole run (src/testing/template.ts); every test file starts from a copy.
const template = spawnSync(process.execPath, ['--import', 'tsx', 'src/testing/template.ts', 'prepare', 'tmp'], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } });
if (template.status !== 0) {
  console.error(template.stderr || template.stdout);
  process.exit(1);
}
const templateEnv = JSON.parse(template.stdout.trim().split('\n').pop());

const env = { ...process.env, ...templateEnv, TZ: 'UTC', NODE_ENV: 'test', CHROMIUM_PATH: chromium ?? '' };
// Timeouts are generous so that a loaded machine makes the run slower, never red; tests never assert timings.
const run = async (list) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=4', '--test-timeout=900000', '--test-reporter=spec', ...list], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let out = '';
  child.stdout.on('data', (d) => {
    process.stdout.write(d);
    out += d;
  });
  child.stderr.on('data', (d) => {
    process.stderr.write(d);
    out += d;
  });
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  return { status, out };
};

// V8 in Node 22-24 can abort a process that creates and frees many PGlite WebAssembly instances ("Check failed:
// jit_page…", nodejs/node#64500). When the only failures of a run are whole files whose process died of such a V8
// fatal error, those files run once more; any failing test, or a second crash, still fails the run.
function crashedFiles(out) {
  if (!/# Fatal error in[\s\S]*?Check failed: jit_page/.test(out)) return [];
  const summary = out.slice(out.lastIndexOf('failing tests:'));
  const entries = [...summary.matchAll(/test at (\S+?):\d+:\d+\n\u2716 (.+?) \(/g)].map((m) => ({ file: m[1], name: m[2] }));
  return entries.length && entries.every((e) => e.name === e.file || e.name.endsWith(`/${e.file}`)) ? [...new Set(entries.map((e) => e.file))] : [];
}

let r = await run(files);
const crashed = r.status !== 0 ? crashedFiles(r.out) : [];
if (crashed.length) {
  console.error(`\n*** V8 aborted ${crashed.length} test file process(es) (nodejs/node#64500); running them once more: ${crashed.join(' ')}\n`);
  r = await run(crashed);
}
spawnSync(process.execPath, ['--import', 'tsx', 'src/testing/template.ts', 'drop', JSON.stringify(templateEnv)], { stdio: 'inherit', env: process.env });
process.exit(r.status);
