// A structural check of a HAR 1.2 log: the fields the spec requires, with the right types —
// what a HAR viewer (Chromium's network panel among them) needs to open the file.
// Returns {valid, errors}; never throws for a bad log.

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export interface HarCheck { valid: boolean; errors: string[] }

export function validateHar({ har }: { har: unknown }): HarCheck {
  const errors: string[] = [];
  const need = (cond: boolean, message: string) => { if (!cond) errors.push(message); };
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v);
  const nameValues = (v: unknown, path: string) => {
    if (!Array.isArray(v)) return errors.push(`${path} must be an array.`);
    v.forEach((h, i) => need(isObject(h) && typeof h.name === 'string' && typeof h.value === 'string', `${path}[${i}] must be {name, value} strings.`));
  };
  if (!isObject(har) || !isObject(har.log)) return { valid: false, errors: ['log must be an object.'] };
  const { log } = har;
  need(log.version === '1.2', 'log.version must be "1.2".');
  need(isObject(log.creator) && typeof log.creator.name === 'string' && typeof log.creator.version === 'string', 'log.creator must be {name, version}.');
  const pageIds = new Set<string>();
  if (log.pages !== undefined) {
    if (!Array.isArray(log.pages)) errors.push('log.pages must be an array.');
    else log.pages.forEach((p, i) => {
      const path = `log.pages[${i}]`;
      if (!isObject(p)) return errors.push(`${path} must be an object.`);
      need(isDate(p.startedDateTime), `${path}.startedDateTime must be an ISO date.`);
      need(typeof p.id === 'string', `${path}.id must be a string.`);
      need(typeof p.title === 'string', `${path}.title must be a string.`);
      need(isObject(p.pageTimings), `${path}.pageTimings must be an object.`);
      if (typeof p.id === 'string') pageIds.add(p.id);
    });
  }
  if (!Array.isArray(log.entries)) return { valid: false, errors: [...errors, 'log.entries must be an array.'] };
  log.entries.forEach((e, i) => {
    const path = `log.entries[${i}]`;
    if (!isObject(e)) return errors.push(`${path} must be an object.`);
    if (e.pageref !== undefined) need(typeof e.pageref === 'string' && pageIds.has(e.pageref), `${path}.pageref must name a page.`);
    need(isDate(e.startedDateTime), `${path}.startedDateTime must be an ISO date.`);
    need(isNum(e.time) && (e.time as number) >= 0, `${path}.time must be a non-negative number.`);
    need(isObject(e.cache), `${path}.cache must be an object.`);
    const rq = e.request;
    if (!isObject(rq)) errors.push(`${path}.request must be an object.`);
    else {
      need(typeof rq.method === 'string' && !!rq.method, `${path}.request.method must be a string.`);
      let urlOk = false;
      try { urlOk = typeof rq.url === 'string' && !!new URL(rq.url); } catch { urlOk = false; }
      need(urlOk, `${path}.request.url must be an absolute URL.`);
      need(typeof rq.httpVersion === 'string', `${path}.request.httpVersion must be a string.`);
      nameValues(rq.headers, `${path}.request.headers`);
      nameValues(rq.queryString, `${path}.request.queryString`);
      need(Array.isArray(rq.cookies), `${path}.request.cookies must be an array.`);
      need(isNum(rq.headersSize), `${path}.request.headersSize must be a number.`);
      need(isNum(rq.bodySize), `${path}.request.bodySize must be a number.`);
      if (rq.postData !== undefined) {
        need(isObject(rq.postData) && typeof rq.postData.mimeType === 'string' && typeof rq.postData.text === 'string',
          `${path}.request.postData must be {mimeType, text}.`);
      }
    }
    const rs = e.response;
    if (!isObject(rs)) errors.push(`${path}.response must be an object.`);
    else {
      need(Number.isInteger(rs.status), `${path}.response.status must be an integer.`);
      need(typeof rs.statusText === 'string', `${path}.response.statusText must be a string.`);
      need(typeof rs.httpVersion === 'string', `${path}.response.httpVersion must be a string.`);
      nameValues(rs.headers, `${path}.response.headers`);
      need(Array.isArray(rs.cookies), `${path}.response.cookies must be an array.`);
      need(isObject(rs.content) && isNum(rs.content.size) && typeof rs.content.mimeType === 'string',
        `${path}.response.content must be {size, mimeType, text?}.`);
      if (isObject(rs.content) && rs.content.text !== undefined) need(typeof rs.content.text === 'string', `${path}.response.content.text must be a string.`);
      need(typeof rs.redirectURL === 'string', `${path}.response.redirectURL must be a string.`);
      need(isNum(rs.headersSize), `${path}.response.headersSize must be a number.`);
      need(isNum(rs.bodySize), `${path}.response.bodySize must be a number.`);
    }
    const t = e.timings;
    if (!isObject(t)) errors.push(`${path}.timings must be an object.`);
    else {
      for (const k of ['send', 'wait', 'receive']) need(isNum(t[k]) && (t[k] as number) >= 0, `${path}.timings.${k} must be a non-negative number.`);
      for (const k of ['blocked', 'dns', 'connect', 'ssl']) {
        if (t[k] !== undefined) need(isNum(t[k]) && ((t[k] as number) >= 0 || t[k] === -1), `${path}.timings.${k} must be ≥ 0 or -1.`);
      }
      if (isNum(e.time) && ['send', 'wait', 'receive'].every((k) => isNum(t[k]))) {
        const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'].reduce((s, k) => s + (isNum(t[k]) && (t[k] as number) > 0 ? (t[k] as number) : 0), 0);
        need(Math.abs(sum - (e.time as number)) < 1, `${path}.time must equal the sum of its timings (${sum}).`);
      }
    }
  });
  return { valid: errors.length === 0, errors };
}
