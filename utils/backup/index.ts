// The wallet backup file format (pure; WebCrypto + scrypt, no extension APIs).
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  DEFAULT_LOG_N,
  MIN_LOG_N,
  MAX_LOG_N,
  createBackupSealer,
  openBackup,
  readBackupHeader,
  type BackupHeader,
  type BackupSealer,
  type OpenedBackup,
  type WrappedPrivateKey,
} from './format';
export { PAYLOAD_KIND, parseBackupPayload, type BackupPayload, type BackupKey, type BackupCredential } from './payload';
export { MIN_PASSPHRASE_LENGTH, MIN_PASSPHRASE_SCORE, requirePassphraseFloor, ratePassphrase, type PassphraseRating } from './strength';
