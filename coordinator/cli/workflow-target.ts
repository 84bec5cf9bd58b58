// Which workflow service a command talks to: the one named by flags / environment, or — when
// none is given — the local workflow service started in this process with a throwaway data dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_WORKFLOW_ID = 'provenance-issuance';

export interface WorkflowTarget {
  workflowUrl: string;
  token: string;
  /** Set when this process started the service. */
  local?: { baseUrl: string };
  close(): Promise<void>;
}

export async function resolveWorkflowTarget({ workflowUrl, token }: { workflowUrl?: string; token?: string }): Promise<WorkflowTarget> {
  if (workflowUrl) {
    if (!token) throw new TypeError('A workflow URL needs a token: pass --token or set WORKFLOW_TOKEN.');
    return { workflowUrl, token, close: async () => {} };
  }
  const { startWorkflowService } = await import('../../workflow-service/index');
  const dataDir = await mkdtemp(join(tmpdir(), 'vcalm-coordinator-'));
  const service = await startWorkflowService({ host: '127.0.0.1', port: 0, dataDir, ...(token ? { token } : {}) });
  return {
    workflowUrl: service.workflowUrl(DEFAULT_WORKFLOW_ID),
    token: service.token,
    local: { baseUrl: service.baseUrl },
    async close() {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
