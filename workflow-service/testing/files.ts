// Test helpers that look at what the service stored.
import type { WorkflowService } from '../index';

export const exchangeIdOf = (exchangeUrl: string) => exchangeUrl.split('/').pop()!;

/** The stored exchange row's exact text (to prove a refusal changed nothing). */
export async function storedText({ service, exchangeUrl }: { service: Pick<WorkflowService, 'store'>; exchangeUrl: string }): Promise<string> {
  const store = service.store as { rawText?: (o: { id: string }) => Promise<string | undefined> };
  if (!store.rawText) throw new TypeError('This store cannot show its raw rows.');
  const text = await store.rawText({ id: exchangeIdOf(exchangeUrl) });
  if (text === undefined) throw new Error(`No stored exchange ${exchangeIdOf(exchangeUrl)}.`);
  return text;
}
