// The dashboard's calls to the controller's API (same origin). Errors carry the API's own
// message, in the page's language (the API answers in it), and its stable code.

export class ApiError extends Error {
  constructor(status, message, errors, code) {
    super(message);
    this.status = status;
    this.errors = errors ?? {};
    this.code = code ?? null;
  }
}

async function answer(response) {
  let body = null;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    body = await response.json();
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.message ?? body?.detail ?? `${response.status} ${response.statusText}`, body?.errors, body?.code);
  }
  return body;
}

export async function get(path) {
  return answer(await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' }));
}

// Every change says it is JSON, even with nothing to send: the controller refuses a change without
// that header (another site's form or no-cors fetch cannot send it).
export async function post(path, body) {
  return answer(await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
    cache: 'no-store',
  }));
}
