import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Composition root: filled in by the wallet core.
});
