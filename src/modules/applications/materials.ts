import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { inputProblem } from '../../platform/http/input-guard.ts';
import { readMultipart, type UploadedFile } from '../../platform/http/uploads.ts';

/** A notice's materials list (policy_notices.materials); anything malformed is read as no list. */
const materialSpec = z.array(z.object({ name: z.string().min(1), required: z.boolean().default(false) }));
export type MaterialSpec = z.output<typeof materialSpec>;

export function materialsOfNotice(json: unknown): MaterialSpec {
  const r = materialSpec.safeParse(json);
  return r.success ? r.data : [];
}

export function declaredFieldsOfNotice(json: unknown): string[] {
  const r = z.array(z.string()).safeParse(json);
  return r.success ? r.data : [];
}

export interface UploadedMaterial extends Omit<UploadedFile, 'field'> {
  /** The material's name from the notice's list. */
  material: string;
}

export interface Submission {
  /** The JSON of the multipart field `data`, or the JSON body. */
  data: unknown;
  files: UploadedMaterial[];
}

/**
 * Reads a submission: JSON, or multipart/form-data with the form as JSON in the field `data`
 * and each file under `materials.<index in the notice's list>`. Files are checked as every upload
 * is (readMultipart: size, and typed by content), so a renamed executable is refused.
 */
export async function readSubmission(
  req: FastifyRequest,
  specs: (dataJson: unknown) => Promise<MaterialSpec> | MaterialSpec,
): Promise<Submission> {
  if (!req.isMultipart()) return { data: req.body ?? {}, files: [] };
  const form = await readMultipart(req);
  const json = form.fields.get('data');
  let data: unknown = {};
  if (json !== undefined) {
    try {
      data = JSON.parse(json);
    } catch {
      throw AppError.validation('data', '表单数据不是有效的 JSON');
    }
    // The form inside the field gets the check a JSON body gets from the input guard (its escapes can spell U+0000).
    const problem = inputProblem(data, 'data');
    if (problem) throw AppError.validation(problem.field, problem.message);
  }
  const list = await specs(data);
  const files = form.files.map(({ field, ...file }) => {
    const m = /^materials\.(\d+)$/.exec(field);
    const spec = m ? list[Number(m[1])] : undefined;
    if (!spec) throw AppError.validation(field, '材料不在申报通知的材料清单中');
    return { material: spec.name, ...file };
  });
  return { data, files };
}

/** Every required material must have at least one file, counting those already uploaded. */
export function checkRequired(list: MaterialSpec, have: ReadonlyMap<string, number>): void {
  list.forEach((m, i) => {
    if (m.required && !(have.get(m.name) ?? 0)) throw AppError.validation(`materials.${i}`, `请上传「${m.name}」`);
  });
}
