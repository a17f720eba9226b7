import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, fileParams, idParams } from '../../platform/http/schemas.ts';
import { sendUpload } from '../../platform/http/uploads.ts';
import { explanationSchema } from '../matching/index.ts';
import { prefill, submit } from './apply.ts';
import { materialsOfNotice, readSubmission } from './materials.ts';
import { detail, list, materialFile } from './read.ts';
import * as repo from './repository.ts';
import {
  ACTION_INPUTS,
  type ActionInput,
  applicationDetail,
  applyInput,
  difference,
  listItem,
  listQuery,
  prefill as prefillSchema,
  prefillQuery,
  reviewFlag,
} from './schemas.ts';
import { act, addMaterials } from './service.ts';
import { ACTION_NAMES, ACTIONS, STATES, type ApplicationAction } from './workflow.ts';

const READERS = ['enterprise', 'policy_officer', 'admin', 'leader', 'coordinator', 'handler'] as const;
const REVIEWERS = ['policy_officer', 'admin', 'handler'] as const;
const ENTERPRISE_ACTIONS: readonly ApplicationAction[] = ['resubmit', 'withdraw'];
const tags = ['applications'];

const SUBMIT_NOTE = [
  '以 JSON 提交，或以 multipart/form-data 提交：字段 data 为 JSON 表单，材料文件字段名为 materials.<申报通知材料清单中的序号>（图片、PDF、Office，单个不超过 10 MB，按内容判断类型）。',
  '秒批：政策现行规则的每个条件都能由已掌握数据判定且全部满足、申报值与已掌握数据一致时，立即批准并给出逐条说明；否则转人工审核（按已有数据不符合的不自动驳回，标记后由审核人员判断）。',
].join('\n');

/** Fields of a zod failure, the way the error handler reports request validation. */
function invalid(error: z.ZodError): AppError {
  return new AppError('VALIDATION_FAILED', error.issues.map((i) => i.message).join('；'), {
    fields: error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

export function applicationRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/applications/prefill',
    {
      config: { access: ['enterprise'] },
      schema: {
        tags,
        summary: '申报表预填：申报项的已掌握数据、材料清单、联系人、按已有数据的评估',
        querystring: prefillQuery,
        response: { 200: prefillSchema, ...errorResponses },
      },
    },
    async (req) => prefill(db, requireUser(req), req.query.noticeId),
  );

  r.post(
    '/api/applications',
    {
      config: { access: ['enterprise'] },
      schema: {
        tags,
        summary: '提交申报（一个通知每家企业只能有一件有效申报）',
        description: SUBMIT_NOTE,
        response: {
          201: z.object({
            id: z.number(),
            number: z.string(),
            state: z.enum(STATES),
            instant: z.boolean(),
            flag: reviewFlag,
            explanation: explanationSchema.nullable(),
            differences: z.array(difference),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const parse = (data: unknown) => {
        const p = applyInput.safeParse(data);
        if (!p.success) throw invalid(p.error);
        return p.data;
      };
      // The notice's materials list names the file fields; the form is read before the files are typed.
      const submission = await readSubmission(req, async (data) =>
        materialsOfNotice((await repo.noticeWithPolicy(db, parse(data).noticeId))?.materials),
      );
      const parsed = parse(submission.data);
      return reply.status(201).send(await submit(db, user, actorOf(req), parsed, submission.files));
    },
  );

  r.get(
    '/api/applications',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '申报列表（企业只看本企业；承办部门只看本部门主管的政策）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(listItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => list(db, requireUser(req), req.query),
  );

  r.get(
    '/api/applications/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '申报详情：申报值与已掌握数据对比、逐条评估说明、材料、时间线、可执行操作',
        params: idParams,
        response: { 200: applicationDetail, ...errorResponses },
      },
    },
    async (req) => detail(db, requireUser(req), req.params.id),
  );

  r.post(
    '/api/applications/:id/materials',
    {
      config: { access: ['enterprise'] },
      schema: {
        tags,
        summary: '补充材料（multipart：materials.<序号>；已提交或退回补正时）',
        params: idParams,
        response: { 201: z.object({ added: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const found = await repo.findApplication(db, req.params.id);
      if (!found) throw AppError.notFound('申报');
      const notice = await repo.noticeWithPolicy(db, found.notice_id);
      const { files } = await readSubmission(req, () => materialsOfNotice(notice?.materials));
      return reply.status(201).send({ added: await addMaterials(db, user, actorOf(req), req.params.id, files) });
    },
  );

  r.get(
    '/api/applications/:id/materials/:fileId',
    {
      config: { access: READERS },
      schema: { tags, summary: '下载申报材料', params: fileParams },
    },
    async (req, reply) => {
      const file = await materialFile(db, requireUser(req), req.params.id, req.params.fileId);
      return sendUpload(reply, file);
    },
  );

  for (const action of ACTIONS) {
    r.post(
      `/api/applications/:id/${action.replaceAll('_', '-')}`,
      {
        config: { access: ENTERPRISE_ACTIONS.includes(action) ? ['enterprise'] : REVIEWERS },
        schema: {
          tags,
          summary: ACTION_NAMES[action],
          params: idParams,
          body: ACTION_INPUTS[action],
          response: { 200: z.object({ state: z.enum(STATES), reviewLevel: z.number() }), ...errorResponses },
        },
      },
      async (req) => act(db, requireUser(req), actorOf(req), req.params.id, action, req.body as ActionInput<typeof action>),
    );
  }
}
