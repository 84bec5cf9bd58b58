import { describe, expect, it } from 'vitest';
import { fillTemplate, lookup } from './template';

const context = {
  variables: { subject: 'did:example:bag-456', sku: 'HB-2026-0042', n: 3, nested: { a: [1, 2] } },
  results: { ownerBinding: { did: 'did:key:z6Mkabc' } },
};

describe('fillTemplate', () => {
  it('replaces whole-string placeholders with the value, keeping its type', () => {
    const out = fillTemplate<any>({
      template: { id: '{{ results.ownerBinding.did }}', n: '{{variables.n}}', o: '{{variables.nested}}' },
      context,
    });
    expect(out).toEqual({ id: 'did:key:z6Mkabc', n: 3, o: { a: [1, 2] } });
    out.o.a.push(9);
    expect(context.variables.nested.a).toEqual([1, 2]); // a copy, not the context's object
  });

  it('interpolates placeholders inside longer strings and walks arrays', () => {
    const out = fillTemplate({ template: ['sku {{variables.sku}} of {{variables.subject}}', 7, null], context });
    expect(out).toEqual(['sku HB-2026-0042 of did:example:bag-456', 7, null]);
  });

  it('refuses missing values, prototype paths and objects inside strings with DataError', () => {
    expect(() => fillTemplate({ template: '{{variables.missing}}', context })).toThrow(/missing/);
    expect(() => lookup({ context, path: 'variables.__proto__' })).toThrow(/not allowed/);
    expect(() => fillTemplate({ template: '{{variables.constructor.name}}', context })).toThrow(
      expect.objectContaining({ name: 'DataError' }),
    );
    expect(() => fillTemplate({ template: 'x {{variables.nested}}', context })).toThrow(/object/);
  });

  it('leaves text without placeholders (and non-path braces) alone', () => {
    expect(fillTemplate({ template: { a: 'plain', b: '{{ 1 + 1 }}' }, context })).toEqual({
      a: 'plain',
      b: '{{ 1 + 1 }}',
    });
  });
});
