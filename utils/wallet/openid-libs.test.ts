import { describe, expect, test } from 'vitest';
import { dcqlLib, openidLibsOnInstall, toVprLib } from './openid-libs';
import { OPENID_LIBS_GLOBAL, OPENID_LIBS_SCRIPT, type OpenidLibs } from '../openid-libs/script';
import { fakeWorkerScope } from './test-support/worker-scope';
import { OPENID_LIBS } from '../openid-libs/libs';
import { hasErrorName } from '../errors';

const workerScope = (options: { cached?: boolean; defines?: boolean } = {}) => fakeWorkerScope({ global: OPENID_LIBS_GLOBAL, value: OPENID_LIBS, ...options });

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
