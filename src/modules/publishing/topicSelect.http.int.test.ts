/** 主题分类 is offered as its two levels, with the unit's most used first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';

test('the topic select groups by first level and offers the unit’s most used first', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const unit = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  await makeUser(h.db, unit.id, ['publisher'], { username: 'clerk' });
  for (let i = 0; i < 3; i++) await publishedItem(h.db, unit.id, h.clock.now(), { title: `低保${i}`, topic: '民政、扶贫、救灾\\社会福利' });
  await publishedItem(h.db, unit.id, h.clock.now(), { title: '就业', topic: '劳动、人事、监察\\劳动就业' });
  const b = new Browser(h.app);
  await b.login('clerk');
  const form = (await b.get('/staff/items/new')).body;
  const select = /<select id="f-topic" name="topic"[^>]*>(.*?)<\/select>/s.exec(form)![1];
  assert.match(
    select,
    /^<option value(="")?>请选择<\/option><optgroup label="本单位常用"><option value="民政、扶贫、救灾\\社会福利">民政、扶贫、救灾 › 社会福利<\/option><option value="劳动、人事、监察\\劳动就业">/,
  );
  assert.match(select, /<optgroup label="民政、扶贫、救灾">(<option value="民政、扶贫、救灾\\[^"]+">[^<]+<\/option>)+<\/optgroup>/);
  assert.match(select, /<option value="民政、扶贫、救灾\\社会福利">社会福利<\/option>/);
});
