import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CandidateCredential } from './types';

export const vectors = resolve(import.meta.dirname, '../../testdata/vectors');
export const load = (path: string) => JSON.parse(readFileSync(resolve(vectors, path), 'utf8'));

/** Every credential vector (one document per file), id = file name without .json. */
export function vectorCredentials(): CandidateCredential[] {
  return readdirSync(resolve(vectors, 'credentials'))
    .filter((f) => !/keypair|UNSIGNED|^vp-/.test(f))
    .map((f) => ({ id: f.replace(/\.json$/, ''), credential: load(`credentials/${f}`) }));
}

const proof = (cryptosuite: string) => ({
  type: 'DataIntegrityProof',
  cryptosuite,
  proofPurpose: 'assertionMethod',
  verificationMethod: 'did:key:z6MkTest#z6MkTest',
  proofValue: 'zPlaceholder',
});

/** Our own credentials, shaped like real ones, to make the vector requests answerable. */
export const own = {
  prc: {
    id: 'own-prc',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/citizenship/v3'],
      type: ['VerifiableCredential', 'PermanentResidentCard'],
      issuer: { id: 'did:web:authority.example' },
      credentialSubject: { type: ['PermanentResident', 'Person'], birthCountry: 'Bahamas' },
      proof: proof('eddsa-rdfc-2022'),
    },
  },
  prcNoCountry: {
    id: 'own-prc-no-country',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/citizenship/v3'],
      type: ['VerifiableCredential', 'PermanentResidentCard'],
      issuer: 'did:web:authority.example',
      credentialSubject: { type: 'Person', givenName: 'Ada' },
      proof: proof('eddsa-rdfc-2022'),
    },
  },
  prcJcs: {
    id: 'own-prc-jcs',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/citizenship/v3'],
      type: ['VerifiableCredential', 'PermanentResidentCard'],
      issuer: 'did:web:authority.example',
      credentialSubject: { birthCountry: 'Chile' },
      proof: proof('eddsa-jcs-2022'),
    },
  },
  badge: {
    id: 'own-badge',
    credential: {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'did:key:z6MkBadgeIssuer', type: ['Profile'] },
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { id: 'urn:uuid:ac254bd5-8fad-4bb1-9d29-efd938536926', type: ['Achievement'] },
      },
      proof: proof('eddsa-rdfc-2022'),
    },
  },
  degree: {
    id: 'own-degree',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential', 'UniversityDegreeCredential'],
      issuer: 'did:web:university.example',
      credentialSubject: { degree: { type: 'BachelorDegree' } },
      proof: proof('ecdsa-rdfc-2019'),
    },
  },
  studentId: {
    id: 'own-student-id',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential', 'StudentIdCredential'],
      issuer: { id: 'did:web:university.example' },
      credentialSubject: { studentId: 'S-123' },
      proof: proof('eddsa-rdfc-2022'),
    },
  },
  studentIdOtherIssuer: {
    id: 'own-student-id-other',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential', 'StudentIdCredential'],
      issuer: { id: 'did:web:diploma-mill.example' },
      credentialSubject: { studentId: 'S-999' },
      proof: proof('eddsa-rdfc-2022'),
    },
  },
  exampleAlumni: {
    id: 'own-example-alumni',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential', 'ExampleAlumniCredential'],
      issuer: 'did:web:different-issuer.example',
      credentialSubject: { type: 'Alumni', alumniOf: 'Example University' },
      proof: proof('eddsa-rdfc-2022'),
    },
  },
  birthCertificate: {
    id: 'own-birth-certificate',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/vital-records/v1rc4'],
      type: ['VerifiableCredential', 'BirthCertificateCredential'],
      issuer: 'did:key:zDnaeRegistrar',
      credentialSubject: {
        type: 'BirthCertificate',
        certifier: { id: 'did:example:certifier', name: 'Registrar' },
        newborn: {
          name: 'Baby Doe',
          birthDate: '2024-01-01',
          parent: [{ name: 'Jane Doe' }, { name: 'John Doe' }],
        },
      },
      proof: proof('ecdsa-rdfc-2019'),
    },
  },
} satisfies Record<string, CandidateCredential>;

export const allOwn = (): CandidateCredential[] => Object.values(own);
