// wxt/utils/define-unlisted-script for the bare every-page scripts (wxt.config.ts).
export const defineUnlistedScript = (main: () => void) => ({ main });
