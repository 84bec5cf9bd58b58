// The exchange inspector page (inspector.html): every exchange the wallet ran, read through the
// background's inspector messages (the background owns the database), kept live by its event port.
import { createPinia } from 'pinia';
import { createApp, h } from 'vue';
import InspectorApp from '../../components/inspector/InspectorApp.vue';
import '../../components/inspector/inspector.css';
import { mountInspector } from '../../components/inspector/mount';
import { sendMessage } from '../../utils/messaging';

const pinia = createPinia();
createApp({
  render: () => h(InspectorApp, {
    start: async (url: string) => sendMessage('startExchange', { url, source: 'paste' }),
  }),
}).use(pinia).mount('#app');
void mountInspector({ pinia });
