// The engine's public HTTP API, signed in with HTTP Basic. Credentials stay in this tab's session storage.
// X-Requested-With asks the engine not to challenge the browser, so its own login box never appears.

const KEY = 'planning-engine.credentials';

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

/** GETs a path of the API and answers its JSON; a refusal is thrown as an ApiProblem, in words. */
export async function get(path, { signal } = {}) {
    const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    const credentials = sessionStorage.getItem(KEY);
    if (credentials) {
        headers.Authorization = `Basic ${credentials}`;
    }
    let response;
    try {
        response = await fetch(path, { headers, signal });
    } catch (failure) {
        if (failure.name === 'AbortError') {
            throw failure;
        }
        throw new ApiProblem(0, { detail: 'the engine cannot be reached; is it running?' });
    }
    const body = await response.text();
    const json = body ? JSON.parse(body) : null;
    if (!response.ok) {
        throw new ApiProblem(response.status, json);
    }
    return json;
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
