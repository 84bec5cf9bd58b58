// Workflow configuration: which steps an exchange goes through. Loaded from a JSON file
// ({"workflows": {"<id>": {initialStep, steps, requiredVariables?}}}) and checked up front so a
// typo fails at start-up, not in the middle of somebody's exchange.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

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
}

export interface WorkflowConfig {
  id: string;
  initialStep: string;
  steps: Record<string, StepConfig>;
  /** Variables a coordinator must give when creating an exchange. */
  requiredVariables?: string[];
}

export const DEFAULT_WORKFLOWS_FILE = resolve(import.meta.dirname, 'workflows.json');

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function invalid(message: string): Error {
  const error = new Error(message);
  error.name = 'DataError';
  return error;
}

/** Validates a parsed workflows document; throws DataError naming the faulty field. */
export function parseWorkflows({ json }: { json: unknown }): Map<string, WorkflowConfig> {
  if (!isObject(json) || !isObject(json.workflows)) throw invalid('Workflows file needs a "workflows" object.');
  const result = new Map<string, WorkflowConfig>();
  for (const [id, raw] of Object.entries(json.workflows)) {
    const where = `workflows["${id}"]`;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw invalid(`${where}: id must be 1-64 of [A-Za-z0-9_-].`);
    if (!isObject(raw) || !isObject(raw.steps)) throw invalid(`${where} needs a "steps" object.`);
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
    }
    // Refuse cycles: an exchange must always end.
    const seen = new Set<string>();
    let cursor: string | undefined = raw.initialStep;
    while (cursor !== undefined) {
      if (seen.has(cursor)) throw invalid(`${where}: steps loop back to "${cursor}".`);
      seen.add(cursor);
      cursor = (raw.steps[cursor] as StepConfig).nextStep;
    }
    result.set(id, { id, ...(raw as Omit<WorkflowConfig, 'id'>) });
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
