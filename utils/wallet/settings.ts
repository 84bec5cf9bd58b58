// The wallet's settings, kept in storage.local under SETTINGS_KEY (written by the background
// only: pages change them with setSettings). Unknown or malformed stored values fall back to the
// defaults, so a damaged entry can only make the wallet stricter.
import { DEFAULT_SETTINGS, type WalletSettings } from '../messaging/settings';
import { serve } from '../messaging/serve';
import type { WalletContext } from './context';

export const SETTINGS_KEY = 'settings';

/** The part of storage.local settings need (an in-memory one in tests). */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface SettingsStore {
  get(): Promise<WalletSettings>;
  set(change: Partial<WalletSettings>): Promise<WalletSettings>;
}

function fromStored(value: unknown): WalletSettings {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return { allowForeignDomain: v.allowForeignDomain === true };
}

export function createSettings({ area }: { area: SettingsArea }): SettingsStore {
  return {
    async get() {
      return fromStored((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
    },
    async set(change) {
      const next = { ...fromStored((await area.get(SETTINGS_KEY))[SETTINGS_KEY]), ...change };
      await area.set({ [SETTINGS_KEY]: next });
      return next;
    },
  };
}

/** The settings a feature sees: the defaults where the context has none (tests, Node). */
export async function settingsOf(ctx: Pick<WalletContext, 'settings'>): Promise<WalletSettings> {
  return ctx.settings ? ctx.settings.get() : { ...DEFAULT_SETTINGS };
}

export function registerSettingsService({ settings }: { settings: SettingsStore }) {
  serve('getSettings', () => settings.get());
  serve('setSettings', (change) => settings.set(change));
}
