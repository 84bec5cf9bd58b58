import { describe, expect, it } from 'vitest';
import { ERROR_NAMES, fromErrorJson, hasErrorName, isErrorName, namedError, toErrorJson } from './errors';
import { fromWire } from './messaging/errors';

describe('one typed set of error names', () => {
  it('namedError takes only names from the set (a misspelling does not compile)', () => {
    // @ts-expect-error 'DataEror' is not an ErrorName: vue-tsc fails if this line ever compiles
    const misspelt = namedError({ name: 'DataEror', message: 'x' });
    expect(misspelt.name).toBe('DataEror'); // at run time the name is whatever was given
    expect(namedError({ name: 'DataError', message: 'bad reply' })).toMatchObject({ name: 'DataError', message: 'bad reply' });
  });

  it('lists every name once', () => {
    expect(new Set(ERROR_NAMES).size).toBe(ERROR_NAMES.length);
    for (const name of ERROR_NAMES) expect(name).toMatch(/^[A-Z][A-Za-z]*Error$/);
  });

  it('hasErrorName matches thrown errors, DOMExceptions and plain JSON forms', () => {
    expect(hasErrorName(namedError({ name: 'NotFoundError', message: '' }), 'NotFoundError')).toBe(true);
    expect(hasErrorName(new DOMException('x', 'AbortError'), 'TimeoutError', 'AbortError')).toBe(true);
    expect(hasErrorName({ name: 'DataError', message: 'x' }, 'DataError')).toBe(true);
    expect(hasErrorName(new Error('x'), 'DataError')).toBe(false);
    for (const nothing of [undefined, null, 'DataError', 42, { name: 42 }]) expect(hasErrorName(nothing, 'DataError')).toBe(false);
  });

  it('isErrorName refuses names that are not ours', () => {
    expect(isErrorName('NotAllowedError')).toBe(true);
    for (const other of ['DuplicateError', 'Error', '__proto__', '', undefined, 7]) expect(isErrorName(other)).toBe(false);
  });

  it('fromErrorJson keeps known names and turns others into OperationError, keeping what came', () => {
    const known = fromErrorJson({ json: { name: 'InterruptedError', message: 'lost reply', status: 502 } });
    expect(known).toBeInstanceOf(Error);
    expect(known).toMatchObject({ name: 'InterruptedError', message: 'lost reply', status: 502 });
    const foreign = fromErrorJson({ json: { name: 'DuplicateError', message: 'already there' } });
    expect(foreign).toMatchObject({ name: 'OperationError', message: 'DuplicateError: already there' });
    expect(toErrorJson({ error: foreign })).toEqual({ name: 'OperationError', message: 'DuplicateError: already there' });
  });
});

describe('fromWire: the one conversion the wallet pages make of a rejected message', () => {
  it('keeps a known wire error with its status and server body', () => {
    const wire = { name: 'NotAllowedError', message: 'declined', status: 403, data: { title: 'Forbidden' } };
    expect(fromWire({ error: wire })).toEqual(wire);
  });

  it('never shows a name the project does not know, and never throws', () => {
    expect(fromWire({ error: new RangeError('Maximum call stack size exceeded') })).toEqual({ name: 'OperationError', message: 'RangeError: Maximum call stack size exceeded' });
    expect(fromWire({ error: new Error('plain') })).toEqual({ name: 'OperationError', message: 'plain' });
    expect(fromWire({ error: 'a string' })).toEqual({ name: 'OperationError', message: 'a string' });
    expect(fromWire({ error: undefined })).toMatchObject({ name: 'OperationError' });
    const cyclic: Record<string, unknown> = { name: 'DataError', message: 'm' };
    cyclic.data = cyclic;
    expect(fromWire({ error: cyclic })).toEqual({ name: 'DataError', message: 'm' });
  });
});
