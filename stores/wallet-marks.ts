// performance marks the popup-open bench reads (bench/popup-open.bench.ts): when the wallet's DID
// was first put on the page, and when the background confirmed it. No imports: the bare popup
// shell script uses them too.
export const DID_SHOWN_MARK = 'wallet:did-shown';
export const DID_CONFIRMED_MARK = 'wallet:did-confirmed';
export const markOnce = (name: string) => {
  if (globalThis.performance?.getEntriesByName?.(name).length === 0) performance.mark(name);
};
