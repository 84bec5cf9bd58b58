// The DevTools panel: the inspector scoped to the inspected tab — exchanges started from a page
// with the tab's origin (or whose interaction URL is on it); "all tabs" lifts the filter. The
// wallet's HTTP traffic runs in its service worker, so the page's own Network panel never shows it.
import { createPinia } from 'pinia';
import { createApp, h, ref } from 'vue';
import { browser } from 'wxt/browser';
import InspectorApp from '../../components/inspector/InspectorApp.vue';
import '../../components/inspector/inspector.css';
import { mountInspector } from '../../components/inspector/mount';

const pinia = createPinia();
const origin = ref<string>();

function readOrigin(): Promise<string | undefined> {
  // opened outside DevTools (as a tab): no inspected window, show every exchange
  if (!browser.devtools?.inspectedWindow) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    browser.devtools.inspectedWindow.eval<string>('location.origin', (result, exception) => {
      resolve(!exception && typeof result === 'string' && result !== 'null' ? result : undefined);
    });
  });
}

createApp({
  render: () => h(InspectorApp, {
    title: 'VCALM exchanges',
    scopeLabel: origin.value ?? 'unknown origin',
    fullPageUrl: browser.runtime.getURL('/inspector.html'),
  }),
}).use(pinia).mount('#app');

async function rescope() {
  origin.value = await readOrigin();
  const store = await mountInspector({ pinia, scope: origin.value ? { pageOrigin: origin.value } : {} });
  if (!origin.value) store.showAll = true;
}
void rescope();
browser.devtools?.network?.onNavigated.addListener(() => void rescope());
