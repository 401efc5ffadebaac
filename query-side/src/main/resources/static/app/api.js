// The engine's public HTTP API, signed in with HTTP Basic. Credentials stay in this tab's session storage.
// X-Requested-With asks the engine not to challenge the browser, so its own login box never appears.
// Reads after a write of this tab wait for the views to reflect it (consistentWith its token).

const KEY = 'planning-engine.credentials';
let writtenThrough = null;  // the consistency token of this tab's latest write

export class ApiProblem extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `the engine answered ${status}`);
        this.status = status;
        this.problem = problem;
    }
}

export function signedInAs() {
    const credentials = sessionStorage.getItem(KEY);
    return credentials ? atob(credentials).split(':')[0] : null;
}

export function signIn(user, password) {
    sessionStorage.setItem(KEY, btoa(unescape(encodeURIComponent(`${user}:${password}`))));
}

export function signOut() {
    sessionStorage.removeItem(KEY);
}

/**
 * GETs a path of the API and answers its JSON; a refusal is thrown as an ApiProblem, in words. Only the views wait
 * for this tab's writes: `consistent: false` for a read of the command side (an import's status), which takes no
 * consistentWith.
 */
export async function get(path, { signal, consistent = true } = {}) {
    return (await (consistent ? read(path, signal) : call('GET', path, { signal }))).json;
}

/** GETs one item and answers it with its version (its ETag), which a write sends back as If-Match. */
export async function getVersioned(path, { signal } = {}) {
    const { json, response } = await read(path, signal);
    const tag = response.headers.get('ETag');
    return { item: json, version: tag ? Number(tag.replaceAll('"', '')) : null };
}

function read(path, signal) {
    return call('GET', writtenThrough ? path + (path.includes('?') ? '&' : '?') + `consistentWith=${writtenThrough}`
                                      : path, { signal });
}

/**
 * Sends a write and answers its JSON. The key makes a retry (a double click, a lost answer) answer what the first
 * attempt answered and append nothing; ifMatch names the version the user decided on, so that a change by someone
 * else since is refused (412) instead of overwritten.
 */
export async function send(method, path, body, { key, ifMatch } = {}) {
    const headers = { 'Content-Type': 'application/json' };
    if (key) {
        headers['Idempotency-Key'] = key;
    }
    if (ifMatch !== undefined && ifMatch !== null) {
        headers['If-Match'] = `"${ifMatch}"`;
    }
    const { json: answer } = await call(method, path, {
        headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (answer?.consistencyToken) {
        writtenThrough = answer.consistencyToken;
    }
    return answer;
}

/** Sends a file as the body of a POST, as it is: answers the JSON and the status (an import answers 200 or 202). */
export async function sendFile(path, text, mediaType) {
    const { json, response } = await call('POST', path, { headers: { 'Content-Type': mediaType }, body: text });
    return { answer: json, status: response.status };
}

/** A fresh idempotency key: random, printable, and available without a secure context. */
export function newKey() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), byte => byte.toString(16).padStart(2, '0')).join('');
}

/** A view exported as CSV or Markdown (the media type), as text. */
export async function exported(path, mediaType) {
    const { text } = await exchange('GET', path, { headers: { 'Accept': mediaType } });
    return text;
}

async function call(method, path, { headers = {}, body, signal } = {}) {
    const { text, response } = await exchange(method, path, { headers: { 'Accept': 'application/json', ...headers },
                                                              body, signal });
    return { json: text ? JSON.parse(text) : null, response };
}

async function exchange(method, path, { headers, body, signal }) {
    const all = { 'X-Requested-With': 'XMLHttpRequest', ...headers };
    const credentials = sessionStorage.getItem(KEY);
    if (credentials) {
        all.Authorization = `Basic ${credentials}`;
    }
    let response;
    try {
        response = await fetch(path, { method, headers: all, body, signal });
    } catch (failure) {
        if (failure.name === 'AbortError') {
            throw failure;
        }
        throw new ApiProblem(0, { detail: 'the engine cannot be reached; is it running?' });
    }
    const text = await response.text();
    if (!response.ok) {
        throw new ApiProblem(response.status, text && response.headers.get('Content-Type')?.includes('json')
                                              ? JSON.parse(text) : null);
    }
    return { text, response };
}

/** Builds a query string of the parameters that have a value. */
export function query(parameters) {
    const present = Object.entries(parameters).filter(([, value]) => value !== undefined && value !== null && value !== '');
    return present.length ? '?' + new URLSearchParams(present).toString() : '';
}

/**
 * What answers show, as one string: two drawings of the same answers look alike, so the page need not be replaced.
 * The instant an answer reflects is left out (it changes with every step of the slider, what it shows may not).
 */
export function fingerprint(...answers) {
    return JSON.stringify(answers, (name, value) => name === 'asOf' || name === 'lastEventAt' ? undefined : value);
}
