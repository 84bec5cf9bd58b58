/** A plain, cloneable description of a problem (survives extension messaging). */
export interface Problem {
  name: string;
  message: string;
}

export { namedError } from '../errors';
