/**
 * The "unified interface" (统一接口) through which a unit's own case system registers applications and records every
 * step, with the same validation, state machine, letters and audit as the screens. Token scope: requests:write.
 */
import type { FastifyInstance } from 'fastify';
import { authorize, type Actor } from '../../lib/authz.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { caseClock, caseContext, caseEvents, getCase, getCaseByNo, type CaseRow } from './caseStore.ts';
import { caseLetters } from './letters.ts';
import { registerApplication } from './commands/registerApplication.ts';
import { STEP_HANDLERS } from './stepHandlers.ts';
import { getUnitByCode, getUnitBySlug } from '../orgs/index.ts';

const str = () => ({ type: 'string' });
const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' } };
const caseSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    caseNo: str(),
    state: str(),
    unit: str(),
    channel: str(),
    receivedOn: { type: 'string', nullable: true },
    dueOn: { type: 'string', nullable: true },
    dueProvisional: { type: 'boolean' },
    outcome: { type: 'string', nullable: true },
    repliedOn: { type: 'string', nullable: true },
    queryCode: { type: 'string', description: '只在登记时返回一次' },
    clock: { type: 'array', items: { type: 'object', properties: { date: str(), text: str() } } },
    events: { type: 'array', items: { type: 'object', properties: { kind: str(), onDate: str(), actor: str() } } },
    letters: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, kind: str(), letterNo: str(), onDate: str(), title: str(), paragraphs: { type: 'array', items: str() } } },
    },
  },
};

export function registerRequestApi(api: FastifyInstance, app: FastifyInstance) {
  const { deps } = app;

  async function present(c: CaseRow, extra: Record<string, unknown> = {}) {
    const events = await caseEvents(deps.db, c.id);
    const clock = caseClock(events, await caseContext(deps));
    return {
      id: c.id,
      caseNo: c.case_no,
      state: c.state,
      unit: c.unit_name,
      channel: c.channel,
      receivedOn: c.received_on,
      dueOn: c.due_on,
      dueProvisional: c.due_provisional,
      outcome: c.outcome,
      repliedOn: c.replied_on,
      clock: clock?.steps.map((s) => ({ date: s.date ?? '', text: s.text })) ?? [],
      events: events.map((e) => ({ kind: e.kind, onDate: e.on_date, actor: e.actor_label })),
      letters: (await caseLetters(deps.db, c.id)).map((l) => ({ id: l.id, kind: l.kind, letterNo: l.letter_no, onDate: l.on_date, title: l.title, paragraphs: l.paragraphs })),
      ...extra,
    };
  }

  async function caseFor(request: { actor: Actor }, caseNo: string) {
    const c = await getCaseByNo(deps.db, caseNo);
    if (!c) throw new NotFoundError('没有找到这个申请。');
    authorize(request.actor, 'request.handle', { unitPath: c.unit_path });
    return c;
  }

  api.post(
    '/api/v1/requests',
    {
      schema: {
        tags: ['requests'],
        summary: '登记一件政府信息公开申请（当面、邮寄、传真、电子邮件、口头）；收到申请之日按条例第三十一条确定',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          required: ['unit', 'channel', 'arrivedOn', 'application'],
          additionalProperties: false,
          properties: {
            unit: { type: 'string', maxLength: 64, description: '受理机关（网址名或机构代码）' },
            channel: { type: 'string', enum: ['in_person', 'post_signed', 'post_ordinary', 'fax', 'email', 'oral'] },
            arrivedOn: { type: 'string', format: 'date' },
            confirmedOn: { type: 'string', format: 'date', description: '平常信函、传真、电子邮件：与申请人确认之日' },
            application: {
              type: 'object',
              additionalProperties: false,
              properties: Object.fromEntries(
                [
                  'applicantType',
                  'applicantSubtype',
                  'applicantName',
                  'idType',
                  'idNumber',
                  'contactPerson',
                  'phone',
                  'email',
                  'address',
                  'postcode',
                  'infoTitle',
                  'infoDocNo',
                  'infoDescription',
                  'deliveryForm',
                  'deliveryMethod',
                ].map((k) => [k, { type: 'string', maxLength: 2000 }]),
              ),
            },
          },
        },
        response: { 201: caseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body as { unit: string; channel: string; arrivedOn: string; confirmedOn?: string; application: Record<string, string> };
      const unit = (await getUnitBySlug(deps.db, b.unit)) ?? (await getUnitByCode(deps.db, b.unit));
      if (!unit) throw new ValidationError({ unit: '没有这个单位' });
      const r = await registerApplication(deps.db, await caseContext(deps), request.actor, {
        unitId: unit.id,
        application: b.application,
        registration: { channel: b.channel, arrivedOn: b.arrivedOn, confirmedOn: b.confirmedOn ?? '' },
      });
      return reply
        .code(201)
        .header('Location', `/api/v1/requests/${r.caseNo}`)
        .send(await present(await getCase(deps.db, r.id), { queryCode: r.queryCode }));
    },
  );

  api.get(
    '/api/v1/requests/:caseNo',
    {
      schema: {
        tags: ['requests'],
        summary: '一件申请：状态、期限及其计算过程、办理记录和文书',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { caseNo: str() } },
        response: { 200: caseSchema, ...errors },
      },
    },
    async (request) => present(await caseFor(request, (request.params as { caseNo: string }).caseNo)),
  );

  api.post(
    '/api/v1/requests/:caseNo/steps/:step',
    {
      schema: {
        tags: ['requests'],
        summary: `记录一个办理环节：${Object.entries(STEP_HANDLERS)
          .map(([k, h]) => `${k}（${h.label}）`)
          .join('、')}`,
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { caseNo: str(), step: { type: 'string', enum: Object.keys(STEP_HANDLERS) } } },
        body: { type: 'object', additionalProperties: { type: 'string', maxLength: 3000 }, description: '与办理页面表单相同的字段（日期为 YYYY-MM-DD）' },
        response: { 200: caseSchema, ...errors },
      },
    },
    async (request) => {
      const { caseNo, step } = request.params as { caseNo: string; step: string };
      const c = await caseFor(request, caseNo);
      await STEP_HANDLERS[step](deps.db, await caseContext(deps), request.actor, c.id, (request.body ?? {}) as Record<string, string>);
      return present(await getCase(deps.db, c.id));
    },
  );
}
