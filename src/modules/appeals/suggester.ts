import type { Db } from '../../platform/db/index.ts';
import { createClassifier, type Classifier } from '../classification/classifier.ts';
import * as repo from './repository.ts';

/** What intake needs from the text classifier (src/modules/classification). */
export interface Suggestion {
  serviceItemId: number;
  confidence: number;
  terms: string[];
}

export interface Suggester {
  suggest(text: string, k?: number): Suggestion[];
  /** A confirmed classification teaches the classifier. */
  learn(text: string, serviceItemId: number): void;
  /** Rebuilds from the taxonomy and every classified appeal (after taxonomy changes). */
  reload(): Promise<void>;
}

/**
 * The classifier in memory, built from the active service items' names and keywords and
 * trained on every appeal a specialist has classified; each acceptance adds one example.
 */
export async function createSuggester(db: Db): Promise<Suggester> {
  let classifier: Classifier = createClassifier([]);
  const reload = async (): Promise<void> => {
    const items = await repo.activeServiceItems(db);
    const examples = await repo.classifiedExamples(db, 50_000);
    const next = createClassifier(items);
    next.train(examples.map((e) => ({ text: `${e.title} ${e.description}`, serviceItemId: e.service_item_id! })));
    classifier = next;
  };
  await reload();
  return {
    suggest: (text, k = 3) => classifier.suggest(text, k),
    learn: (text, serviceItemId) => void classifier.train([{ text, serviceItemId }]),
    reload,
  };
}
