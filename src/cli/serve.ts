import type { Command } from './commands.ts';
import type { CliContext } from './main.ts';
import { buildApp } from '../app.ts';
import { systemClock } from '../lib/clock.ts';
import { CalendarService } from '../modules/calendar/index.ts';
import { publishDue } from '../modules/publishing/index.ts';
import { caseContext } from '../modules/requests/index.ts';
import { remindDue } from '../modules/requests/index.ts';
import { checkLinks } from '../modules/supervision/index.ts';
import { pruneSearchChanges } from '../modules/search/index.ts';
import { startOutboxWorker, transportsFrom } from '../modules/notifications/index.ts';
import { notifyDispositions } from '../modules/participation/index.ts';
import { messageContext, remindMessagesDue } from '../modules/messages/index.ts';

async function serve(ctx: CliContext, seedDemo: boolean) {
  const db = await ctx.openDb();
  if (seedDemo) {
    const { seedDemoIfEmpty } = await import('../../db/seeds/demo/seed.ts');
    await seedDemoIfEmpty(db, (s) => ctx.out(s), { largeDatasetRows: ctx.config.demoLargeDatasetRows });
  }
  if (ctx.config.secretIsEphemeral) ctx.err('注意：未设置 GONGKAI_SECRET，本次使用临时密钥；多节点部署必须设置。');
  // Demo mode (npm start) keeps the demo's published passwords usable; any other server forces their change.
  const app = await buildApp({ config: { ...ctx.config, seedDemo }, db, clock: systemClock, calendar: new CalendarService(db) });
  // Scheduled publication: every node runs the tick; rows are claimed with SKIP LOCKED, so nothing is published twice.
  const tick = setInterval(() => {
    publishDue(db, systemClock.now(), ctx.config.indexPattern).catch((e) => app.log.error({ err: e }, 'scheduled publishing failed'));
  }, 30_000);
  tick.unref();
  // Due-date reminders: every node runs the job; each reminder is written once (ADR 0009).
  const remind = () => {
    caseContext({ calendar: app.deps.calendar, clock: systemClock, config: ctx.config })
      .then((c) => remindDue(db, c))
      .catch((e) => app.log.error({ err: e }, 'request reminders failed'));
    messageContext({ calendar: app.deps.calendar, clock: systemClock, config: ctx.config })
      .then((c) => remindMessagesDue(db, c))
      .catch((e) => app.log.error({ err: e }, 'message reminders failed'));
    // Commenters hear the disposition of their comments once the feedback is published (each comment once).
    notifyDispositions(db, systemClock.now(), { smsEnabled: !!ctx.config.sms, smsTemplates: ctx.config.sms?.templates ?? {} }, ctx.config.baseUrl).catch((e) =>
      app.log.error({ err: e }, 'consultation notifications failed'),
    );
  };
  const reminders = setInterval(remind, 10 * 60_000);
  reminders.unref();
  void remind();
  // External links of published texts, once a day (each URL at most weekly).
  const links = setInterval(() => {
    checkLinks(db, { baseUrl: ctx.config.baseUrl, now: systemClock.now() }).catch((e) => app.log.error({ err: e }, 'link check failed'));
    pruneSearchChanges(db, systemClock.now()).catch((e) => app.log.error({ err: e }, 'search log pruning failed'));
  }, 24 * 3600_000);
  links.unref();
  // E-mail and SMS from the outbox; without SMTP or SMS settings the messages wait.
  const transports = transportsFrom(ctx.config);
  const stopOutbox = startOutboxWorker({ db, clock: systemClock, transports, onError: (e) => app.log.error({ err: e }, 'outbox delivery failed') });
  if (!transports.email) ctx.err('注意：未设置 GONGKAI_SMTP_URL，通知邮件暂存于发送队列，不会发出。');
  // Page views are summed in memory and written once a minute.
  const views = setInterval(() => {
    app.viewCounter.flush().catch((e) => app.log.error({ err: e }, 'page view flush failed'));
  }, 60_000);
  views.unref();
  const close = async () => {
    clearInterval(views);
    stopOutbox();
    clearInterval(tick);
    clearInterval(reminders);
    clearInterval(links);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: ctx.config.port, host: ctx.config.host });
  ctx.out(`gongkai 已启动：http://localhost:${ctx.config.port}/ （数据库：${db.kind === 'pglite' ? `内置 PGlite，${ctx.config.dataDir}` : 'PostgreSQL'}）`);
  // The search index is built in the background; /readyz answers 503 until it is complete.
  const t0 = performance.now();
  app.searchIndex
    .warm()
    .then(() => app.log.info({ documents: app.searchIndex.index.size, seconds: +((performance.now() - t0) / 1000).toFixed(1) }, 'search index built'))
    .catch((e) => app.log.error({ err: e }, 'search index build failed'));
  // Keep the process alive until a signal arrives.
  await new Promise(() => undefined);
}

export const serveCommand: Command = {
  summary: '启动网站（应用迁移后监听 PORT）',
  keepsDbOpen: true,
  run: (ctx) => serve(ctx, ctx.config.seedDemo),
};

export const startCommand: Command = {
  summary: '启动网站；数据库为空时先载入示范市演示数据（npm start）',
  keepsDbOpen: true,
  run: (ctx) => serve(ctx, true),
};
