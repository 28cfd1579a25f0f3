// The UI's only way to the server: GET /api/… with query parameters, JSON back.

export class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET an API path with query parameters (empty values are left out); resolves to the parsed JSON. */
export async function api(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || value === null || value === '') continue;
    query.set(name, String(value));
  }
  return send(`/api/${path}${query.size > 0 ? `?${query}` : ''}`, { headers: { Accept: 'application/json' } });
}

/** POST a JSON body to an API path; resolves to the parsed JSON. */
export async function apiPost(path, body) {
  return send(`/api/${path}`, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiFailure(0, 'network', 'the server cannot be reached');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiFailure(response.status, 'invalid_response', `the server answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : { code: 'error', message: `the server answered ${response.status}` };
    throw new ApiFailure(response.status, error.code, error.message);
  }
  return body;
}
