import type { Db } from '../../platform/db/index.ts';
import * as repo from './repository.ts';

/**
 * The policy library's reads that other modules use too (the enterprise portal): they go through
 * here, never through this module's repository.
 */

export const searchPolicies = repo.searchPolicies;

/**
 * A policy as its page shows it — text, attachments and notices — or undefined when there is none
 * the reader may see (with publishedOnly: drafts, archives and unpublished notices are hidden).
 */
export async function policyView(db: Db, id: number, publishedOnly: boolean) {
  const p = await repo.policyRow(db, id);
  if (!p || (publishedOnly && p.status !== 'published')) return undefined;
  const [files, notices] = await Promise.all([repo.attachmentsOf(db, p.id), repo.noticesOf(db, p.id, publishedOnly)]);
  return {
    ...repo.toItem(p),
    fullText: p.full_text,
    interpretation: p.interpretation,
    benefit: p.benefit,
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
    attachments: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mime: f.mime,
      size: f.size,
      createdAt: new Date(f.created_at).toISOString(),
    })),
    notices,
  };
}
