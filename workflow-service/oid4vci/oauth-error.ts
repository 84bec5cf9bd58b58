// OAuth / OpenID4VCI errors: `{error, error_description}` with the status the specs give.
export class OAuthError extends Error {
  error: string;
  status: number;
  headers?: Record<string, string>;

  constructor({ error, description, status = 400, headers }: { error: string; description: string; status?: number; headers?: Record<string, string> }) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.status = status;
    this.headers = headers;
  }
}
