// The one typed contract between the wallet's contexts. Each feature declares its messages and
// their specs in its own file; a new feature adds a file, one `&` here and one spread below.
import { defineExtensionMessaging } from '@webext-core/messaging';
import { approvalSpecs, type ApprovalProtocol } from './approvals';
import { backupSpecs, type BackupProtocol } from './backup';
import { credentialSpecs, type CredentialProtocol } from './credentials';
import { exchangeSpecs, type ExchangeProtocol } from './exchange';
import { walletSpecs, type WalletProtocol } from './wallet';
import { scanSpecs, type ScanProtocol } from './scan';
import { inspectorSpecs, type InspectorProtocol } from './inspector';
import { settingsSpecs, type SettingsProtocol } from './settings';
import type { Specs } from './spec';

export type ProtocolMap = WalletProtocol & ExchangeProtocol & CredentialProtocol & ApprovalProtocol & ScanProtocol & InspectorProtocol & BackupProtocol & SettingsProtocol;

export const messageSpecs: Specs<ProtocolMap> = {
  ...walletSpecs,
  ...exchangeSpecs,
  ...credentialSpecs,
  ...approvalSpecs,
  ...scanSpecs,
  ...inspectorSpecs,
  ...backupSpecs,
  ...settingsSpecs,
};

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>({ logger: undefined });

export type { WireError } from './errors';
export { fromWire, hasErrorName } from './errors';
export type * from './approvals';
export type * from './backup';
export type * from './credentials';
export type * from './exchange';
export type * from './wallet';
export type * from './settings';
export type { Access, MessageSpec } from './spec';
