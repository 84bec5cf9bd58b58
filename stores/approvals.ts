// Pending approvals (the popup shows a banner; the approval window shows one).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { sendMessage, type ApprovalAnswer, type ApprovalView, fromWire, type WireError } from '../utils/messaging';

export const useApprovalsStore = defineStore('approvals', () => {
  const byId = ref<Record<string, ApprovalView>>({});
  const error = ref<WireError | undefined>();
  const answering = ref(false);

  const pending = computed(() => Object.values(byId.value).filter((a) => a.status === 'pending'));

  function upsert(approval: ApprovalView) {
    byId.value = { ...byId.value, [approval.id]: approval };
  }

  async function refresh() {
    const list = await sendMessage('listApprovals', undefined);
    byId.value = Object.fromEntries(list.map((a) => [a.id, a]));
  }

  async function load(id: string) {
    error.value = undefined;
    try {
      const approval = await sendMessage('getApproval', { id });
      upsert(approval);
      return approval;
    } catch (e) {
      error.value = fromWire({ error: e });
      return undefined;
    }
  }

  async function answer(data: ApprovalAnswer) {
    error.value = undefined;
    answering.value = true;
    try {
      upsert(await sendMessage('answerApproval', data));
    } catch (e) {
      error.value = fromWire({ error: e });
    } finally {
      answering.value = false;
    }
  }

  return { byId, pending, error, answering, upsert, refresh, load, answer };
});
