/** 图解 and 视频 interpretations show their images and their video (with captions) on the page, from their attachments. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { draftItem, publishedItem } from '../../testing/items.ts';
import { transitionItem } from '../publishing/index.ts';
import { addAttachments } from '../publishing/commands/attachments.ts';

// A 1×1 PNG, and the first box of an MP4 file (ftyp, brand mp42): enough for the content check.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const MP4 = Buffer.concat([Buffer.from('000000186674797070', 'hex').subarray(0, 4), Buffer.from('ftypmp42\0\0\0\0mp42isom', 'latin1'), Buffer.alloc(64)]);
const VTT = Buffer.from('WEBVTT\n\n00:00.000 --> 00:03.000\n低保标准调整要点\n', 'utf8');

test('a graphic interpretation shows its images, a video one its player with captions', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const unit = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const system = { kind: 'system' as const, label: 'test' };
  const now = h.clock.now();
  const policy = await publishedItem(h.db, unit.id, now, { title: '关于调整城乡低保标准的通知' });
  const publish = async (over: Record<string, unknown>, files: { filename: string; content: Buffer }[]) => {
    const { itemId } = await draftItem(h.db, unit.id, now, { kind: 'interpretation', interprets: [policy.itemId], docNo: '', ...over });
    await addAttachments(h.db, system, now, itemId, files, 10 * 1024 * 1024);
    for (const step of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(h.db, system, now, itemId, step);
    return itemId;
  };
  const graphic = await publish({ title: '一图读懂低保标准', interpretationForm: 'graphic' }, [{ filename: '一图读懂.png', content: PNG }]);
  const video = await publish({ title: '视频解读低保标准', interpretationForm: 'video' }, [
    { filename: '解读.mp4', content: MP4 },
    { filename: '解读字幕.vtt', content: VTT },
  ]);
  const g = (await h.app.inject(`/xxgk/city/items/${graphic}`)).body;
  assert.match(g, /<figure><img src="\/xxgk\/city\/items\/\d+\/attachments\/\d+" alt="一图读懂低保标准（图）" loading="lazy"\/><\/figure>/);
  const v = (await h.app.inject(`/xxgk/city/items/${video}`)).body;
  const m = /<video controls preload="metadata" src="([^"]+)"><track kind="captions" src="([^"]+)" srclang="zh" label="中文字幕" default\/>/.exec(v);
  assert.ok(m, v.slice(v.indexOf('doc-body'), v.indexOf('doc-body') + 600));
  const [video1, captions] = [await h.app.inject(m[1]), await h.app.inject(m[2])];
  assert.equal(video1.headers['content-type'], 'video/mp4');
  assert.match(String(captions.headers['content-type']), /^text\/vtt/);
  // A text interpretation shows no media block.
  const text = await publish({ title: '文字解读', interpretationForm: 'text' }, [{ filename: '附图.png', content: PNG }]);
  assert.doesNotMatch((await h.app.inject(`/xxgk/city/items/${text}`)).body, /interpretation-media/);
});
