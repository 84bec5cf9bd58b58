import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './http-error';
import { vector } from './test-support/vectors';

const requestUrl = 'https://ex.example/workflows/w/exchanges/1';

describe('errorFromResponse', () => {
  it('keeps the bedrock name and message', () => {
    const body = vector('messages/bedrock-error-NotAllowedError-exchange-complete.DERIVED.json');
    const e = errorFromResponse({ status: 403, body, requestUrl });
    expect(e).toMatchObject({ name: 'NotAllowedError', status: 403, data: body, requestUrl });
    expect(e.message).toContain('Exchange is complete');
  });

  it('reads RFC 9457 ProblemDetails (title: detail), with or without status', () => {
    const e = errorFromResponse({ status: 400, body: vector('messages/vcalm-problem-details-cryptographic-security-error.json'), requestUrl });
    expect(e.name).toBe('DataError');
    expect(e.message).toContain('CRYPTOGRAPHIC_SECURITY_ERROR: The cryptographic security mechanism');
    const p = errorFromResponse({ status: 422, body: vector('messages/vcalm-problem-details-parsing-error.json'), requestUrl });
    expect(p.message).toContain('PARSING_ERROR: There was an error while parsing input.');
  });

  it('reads DCC {code, message}', () => {
    const e = errorFromResponse({ status: 400, body: vector('messages/dcc-transaction-service-error-body-code-message.json'), requestUrl });
    expect(e).toMatchObject({ name: 'DataError', status: 400 });
    expect(e.message).toContain('No data was provided in the body.');
  });

  it('maps bare statuses and refuses odd server-chosen names', () => {
    expect(errorFromResponse({ status: 404, body: undefined, requestUrl }).name).toBe('NotFoundError');
    expect(errorFromResponse({ status: 503, body: '<html>down</html>', requestUrl }).name).toBe('OperationError');
    expect(errorFromResponse({ status: 400, body: { name: '<script>', message: 'x' }, requestUrl }).name).toBe('DataError');
  });

  it('names the error only with a name the wallet knows; a server\'s own name stays in data', () => {
    const body = { name: 'DuplicateError', message: 'Duplicate exchange.' };
    const e = errorFromResponse({ status: 409, body, requestUrl });
    expect(e).toMatchObject({ name: 'InvalidStateError', status: 409, data: body });
    expect(e.message).toContain('Duplicate exchange.');
  });
});
