import { describe, expect, test } from 'vitest';
import { dcqlLib, openidLibsOnInstall, toVprLib } from './openid-libs';
import { OPENID_LIBS_GLOBAL, OPENID_LIBS_SCRIPT, type OpenidLibs, type OpenidLibsScope } from '../openid-libs/script';
import { OPENID_LIBS } from '../openid-libs/libs';
import { hasErrorName } from '../errors';

// A stand-in for the worker's global scope: importScripts of the script defines the global, as the
// built openid-libs.js does (with the real libraries); `cached: false` is a worker that did not
// import it while installing (Chromium then refuses with a NetworkError).
function workerScope({ cached = true, defines = true } = {}) {
  const imported: string[] = [];
  const listeners: (() => void)[] = [];
  const scope: OpenidLibsScope = {
    importScripts(...urls) {
      if (!cached) throw new DOMException('Failed to load', 'NetworkError');
      imported.push(...urls);
      if (defines) scope[OPENID_LIBS_GLOBAL] = OPENID_LIBS;
    },
    addEventListener: (type, listener) => void (type === 'install' && listeners.push(listener)),
  };
  return { scope, imported, install: () => listeners.forEach((l) => l()) };
}

describe('the background loads the OpenID libraries on first use', () => {
  test('nothing is loaded at start; installing imports the script (so Chromium keeps it); the first use loads it once', () => {
    const { scope, imported, install } = workerScope();
    openidLibsOnInstall({ scope });
    expect(imported).toEqual([]);
    install();
    expect(imported).toEqual([OPENID_LIBS_SCRIPT]);
    delete scope[OPENID_LIBS_GLOBAL]; // a later start of the worker: a fresh global scope
    const dcql: OpenidLibs['DcqlQuery'] = dcqlLib({ scope });
    expect(toVprLib({ scope })).toBe(OPENID_LIBS.toVpr);
    expect(imported).toEqual([OPENID_LIBS_SCRIPT, OPENID_LIBS_SCRIPT]);
    // what the loaded global provides works: the dcql library reads a query
    const query = dcql.parse({ credentials: [{ id: 'c', format: 'ldp_vc', meta: { type_values: [['X']] } }] });
    expect(query.credentials[0].id).toBe('c');
  });

  test('libraries that cannot be loaded are a named error, not a bare NetworkError', () => {
    const error = (() => { try { dcqlLib({ scope: workerScope({ cached: false }).scope }); } catch (e) { return e; } })();
    expect(hasErrorName(error, 'OperationError')).toBe(true);
    expect((error as Error).message).toContain(OPENID_LIBS_SCRIPT);
    expect(() => toVprLib({ scope: workerScope({ defines: false }).scope })).toThrow(/did not provide/);
  });
});
