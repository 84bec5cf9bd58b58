// The wallet's settings. Today one developer setting; the background owns them (storage.local,
// written by the background only) and every page asks for them with getSettings.
import type { Specs } from './spec';
import { boolean, empty, object, optional } from './validate';

export interface WalletSettings {
  /**
   * Developer setting, off by default: sign a presentation whose `domain` names neither the page
   * that asks nor the exchange service. Off, such a request is refused (NotAllowedError) before
   * anything is signed or sent; on, the approval shows a red warning instead.
   */
  allowForeignDomain: boolean;
}

export const DEFAULT_SETTINGS: WalletSettings = { allowForeignDomain: false };

export interface SettingsProtocol {
  getSettings(data?: undefined): WalletSettings;
  /** Change some settings; answers all of them. */
  setSettings(data: Partial<WalletSettings>): WalletSettings;
}

export const settingsSpecs: Specs<SettingsProtocol> = {
  getSettings: { access: 'extension', parse: empty() },
  setSettings: { access: 'extension', parse: object({ allowForeignDomain: optional(boolean()) }) },
};
