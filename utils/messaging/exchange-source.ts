// Which exchange source a found item starts with (the exchange records how it was found).
import type { ExchangeSource } from './exchange';
import type { FoundItem } from './scan';

export function exchangeSourceFor({ item }: { item: Pick<FoundItem, 'sources'> }): ExchangeSource {
  const first = item.sources[0];
  if (first === 'link' || first === 'text') return 'page';
  if (first === 'screenshot') return 'screenshot';
  if (first === 'upload') return 'image';
  if (first === 'camera') return 'camera';
  return 'qr'; // a page image or an image opened from the context menu
}
