// Workflow configuration: which steps an exchange goes through. Loaded from a JSON file
// ({"workflows": {"<id>": {initialStep, steps, requiredVariables?}}}) and checked up front so a
// typo fails at start-up, not in the middle of somebody's exchange.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { namedError } from '../utils/errors';

export interface IssueTemplate {
  /** A credential template; "{{path}}" placeholders are filled (see template.ts). */
  credential: Record<string, unknown>;
  /** Issue it with Bitstring Status List entries (revocation, suspension); the credential needs an id. */
  status?: boolean;
}

export interface StepConfig {
  /** Hand out a challenge: the exchange id on the initial step, a fresh random one otherwise.
   *  (A request whose template has no challenge gets one anyway.) */
  createChallenge?: boolean;
  /** Template of the request sent to the wallet; challenge and domain are added by the service. */
  verifiablePresentationRequest?: Record<string, unknown>;
  /** Credentials issued when the step runs (after its presentation, if it asked for one). */
  issue?: IssueTemplate[];
  nextStep?: string;
  /** Sent with the final reply (may contain placeholders). */
  redirectUrl?: string;
  /** VCALM §3.6.7: POSTed `{event: {data: {exchangeId}}}` after the step runs (`url` may hold placeholders). */
  callback?: { url: string };
}

export interface WorkflowConfig {
  id: string;
  initialStep: string;
  steps: Record<string, StepConfig>;
  /** Variables a coordinator must give when creating an exchange. */
  requiredVariables?: string[];
}

export const DEFAULT_WORKFLOWS_FILE = resolve(import.meta.dirname, 'workflows.json');

/**
 * A workflow id: 1-64 of [A-Za-z0-9_-], or a `urn:uuid:` (what VCALM clients such as the OpSecId
 * suite send to POST /workflows; colons are plain characters in a URL path segment).
 */
export const isWorkflowId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id) || /^urn:uuid:[0-9a-fA-F-]{36}$/.test(id);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function invalid(message: string, unknownOption = false): Error {
  return Object.assign(namedError({ name: 'DataError', message }), { unknownOption });
}

const WORKFLOW_KEYS = ['id', 'initialStep', 'steps', 'requiredVariables'];
const STEP_KEYS = ['createChallenge', 'verifiablePresentationRequest', 'issue', 'nextStep', 'redirectUrl', 'callback'];
/** Most steps a workflow may have (a bound on what one exchange can make the service do). */
export const MAX_STEPS = 32;

/**
 * Validates a parsed workflows document; throws DataError naming the faulty field. `strict` (a
 * workflow sent to POST /workflows) also refuses properties this service does not understand
 * (VCALM §2.4), with `unknownOption: true` on the error.
 */
export function parseWorkflows({ json, strict = false }: { json: unknown; strict?: boolean }): Map<string, WorkflowConfig> {
  if (!isObject(json) || !isObject(json.workflows)) throw invalid('Workflows file needs a "workflows" object.');
  const result = new Map<string, WorkflowConfig>();
  for (const [id, raw] of Object.entries(json.workflows)) {
    const where = `workflows["${id}"]`;
    if (!isWorkflowId(id)) throw invalid(`${where}: id must be 1-64 of [A-Za-z0-9_-] or a urn:uuid.`);
    if (!isObject(raw) || !isObject(raw.steps)) throw invalid(`${where} needs a "steps" object.`);
    if (strict) {
      const unknown = Object.keys(raw).find((key) => !WORKFLOW_KEYS.includes(key));
      if (unknown) throw invalid(`${where}: unknown property "${unknown.slice(0, 50)}"; this service understands ${WORKFLOW_KEYS.join(', ')}.`, true);
    }
    if (Object.keys(raw.steps).length === 0 || Object.keys(raw.steps).length > MAX_STEPS) {
      throw invalid(`${where}.steps must have 1 to ${MAX_STEPS} steps.`);
    }
    if (typeof raw.initialStep !== 'string' || !Object.hasOwn(raw.steps, raw.initialStep)) {
      throw invalid(`${where}.initialStep must name one of its steps.`);
    }
    if (raw.requiredVariables !== undefined &&
      (!Array.isArray(raw.requiredVariables) || !raw.requiredVariables.every((v) => typeof v === 'string'))) {
      throw invalid(`${where}.requiredVariables must be an array of strings.`);
    }
    for (const [name, step] of Object.entries(raw.steps)) {
      const at = `${where}.steps["${name}"]`;
      if (!isObject(step)) throw invalid(`${at} must be an object.`);
      if (strict) {
        const unknown = Object.keys(step).find((key) => !STEP_KEYS.includes(key));
        if (unknown) throw invalid(`${at}: unknown property "${unknown.slice(0, 50)}"; a step understands ${STEP_KEYS.join(', ')}.`, true);
      }
      if (step.nextStep !== undefined && (typeof step.nextStep !== 'string' || !Object.hasOwn(raw.steps, step.nextStep))) {
        throw invalid(`${at}.nextStep must name one of the workflow's steps.`);
      }
      if (step.verifiablePresentationRequest !== undefined && !isObject(step.verifiablePresentationRequest)) {
        throw invalid(`${at}.verifiablePresentationRequest must be an object.`);
      }
      if (step.issue !== undefined &&
        (!Array.isArray(step.issue) || !step.issue.every((t) => isObject(t) && isObject(t.credential)))) {
        throw invalid(`${at}.issue must be an array of {credential} templates.`);
      }
      if (step.issue?.some((t) => t.status !== undefined && typeof t.status !== 'boolean')) {
        throw invalid(`${at}.issue[].status must be true or false.`);
      }
      if (step.redirectUrl !== undefined && typeof step.redirectUrl !== 'string') {
        throw invalid(`${at}.redirectUrl must be a string.`);
      }
      if (step.callback !== undefined && (!isObject(step.callback) || typeof step.callback.url !== 'string' ||
        Object.keys(step.callback).some((key) => key !== 'url') || !/^(?:https?:\/\/|\{\{)/.test(step.callback.url))) {
        throw invalid(`${at}.callback must be {"url": "https://…"} (the url may be a {{placeholder}}).`);
      }
    }
    // Refuse cycles: an exchange must always end.
    const seen = new Set<string>();
    let cursor: string | undefined = raw.initialStep;
    while (cursor !== undefined) {
      if (seen.has(cursor)) throw invalid(`${where}: steps loop back to "${cursor}".`);
      seen.add(cursor);
      cursor = (raw.steps[cursor] as StepConfig).nextStep;
    }
    // the key names the workflow; an `id` inside the object (POST /workflows) is the same one
    result.set(id, { ...(raw as Omit<WorkflowConfig, 'id'>), id });
  }
  return result;
}

export async function loadWorkflows({ file = DEFAULT_WORKFLOWS_FILE }: { file?: string } = {}) {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw Object.assign(new Error(`Cannot read workflows file ${file}.`, { cause }), { name: 'DataError' });
  }
  return parseWorkflows({ json });
}
