// What the wallet tells a verifier that asks (request_uri_method=post): formats, suites, prefixes.
export const WALLET_METADATA = {
  vp_formats_supported: {
    ldp_vc: {
      proof_type_values: ['DataIntegrityProof', 'Ed25519Signature2020'],
      cryptosuite_values: ['eddsa-rdfc-2022', 'Ed25519Signature2020', 'ecdsa-rdfc-2019'],
    },
  },
  client_id_prefixes_supported: ['redirect_uri', 'decentralized_identifier'],
  request_object_signing_alg_values_supported: ['EdDSA', 'ES256', 'ES384'],
  response_modes_supported: ['direct_post'],
  response_types_supported: ['vp_token'],
};
