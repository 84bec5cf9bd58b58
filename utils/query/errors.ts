/** A plain, cloneable description of a problem (survives extension messaging). */
export interface Problem {
  name: string;
  message: string;
}

/** An Error with a DOMException-style `name` and an optional cause. */
export function namedError({
  name,
  message,
  cause,
}: {
  name: string;
  message: string;
  cause?: unknown;
}): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  return error;
}
