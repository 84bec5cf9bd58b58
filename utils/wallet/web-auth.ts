// The browser part of OpenID4VCI's authorization-code grant: the issuer's sign-in page opened with
// browser.identity.launchWebAuthFlow, which returns the URL the authorization server redirected
// to (https://<extension id>.chromiumapp.org/oid4vci?code=…&state=…). The engine
// (utils/oid4vci/authorization-code.ts) builds the PKCE request and checks the answer.
import { browser } from 'wxt/browser';
import { namedError } from '../errors';
import type { EngineServices } from './protocol-engine';

export function webAuthServices(): EngineServices {
  const identity = browser.identity;
  if (!identity?.launchWebAuthFlow) return {};
  return {
    redirectUri: identity.getRedirectURL('oid4vci'),
    authorize: async ({ url }) => {
      let returned: string | undefined;
      try {
        returned = await identity.launchWebAuthFlow({ url, interactive: true });
      } catch (cause) {
        // Chromium rejects when the user closes the window or the page cannot be loaded
        throw namedError({ name: 'NotAllowedError', message: `The issuer's sign-in did not finish: ${(cause as Error)?.message ?? cause}`, cause });
      }
      if (!returned) throw namedError({ name: 'NotAllowedError', message: 'The issuer\'s sign-in window was closed before it finished.' });
      return returned;
    },
  };
}
