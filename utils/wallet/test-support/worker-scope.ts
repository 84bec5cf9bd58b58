// A stand-in for the worker's global scope (../lazy-script.ts): importScripts of the script sets the
// global to `value`, as the built script does; `cached: false` is a worker that did not import it
// while installing (Chromium then refuses with a NetworkError); `defines: false` a script that
// sets nothing.
export function fakeWorkerScope<G extends string, T>({ global, value, cached = true, defines = true }: { global: G; value: T; cached?: boolean; defines?: boolean }) {
  const imported: string[] = [];
  const listeners: (() => void)[] = [];
  const scope = {
    importScripts(...urls: string[]) {
      if (!cached) throw new DOMException('Failed to load', 'NetworkError');
      imported.push(...urls);
      if (defines) (scope as Record<string, unknown>)[global] = value;
    },
    addEventListener: (type: 'install', listener: () => void) => void (type === 'install' && listeners.push(listener)),
  } as { importScripts(...urls: string[]): void; addEventListener(type: 'install', listener: () => void): void } & { [K in G]?: T };
  return { scope, imported, install: () => listeners.forEach((l) => l()) };
}
