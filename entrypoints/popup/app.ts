// The popup app, loaded by main.ts once the cached DID read is under way.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';

export function mountPopup(selector: string) {
  createApp(App).use(createPinia()).mount(selector);
}
