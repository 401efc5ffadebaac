// The dashboard: a cycle picker, a page per view, a time slider over the cycle, live while it shows "now".
// It reads only the public HTTP API. The address holds the whole state: #/cycles/<id>/<view>?asOf=<instant>.
import { ApiProblem, get, signIn, signOut, signedInAs } from './api.js';
import { h } from './ui.js';
import * as roadmap from './pages/roadmap.js';
import * as capacity from './pages/capacity.js';
import * as okrs from './pages/okrs.js';
import * as retrospective from './pages/retrospective.js';
import * as evolution from './pages/evolution.js';
import * as historyPage from './pages/history.js';
import { timebar } from './timebar.js';

const VIEWS = { roadmap, capacity, okrs, retrospective, evolution };
const LIVE_POLL_MS = 3000;

const page = document.getElementById('page');
const picker = document.getElementById('cycle-picker');
const problemBox = document.getElementById('problem');
let cycles = [];
let viewsAsOf = null;       // the instant the views had reached at the last look: a change means new events
let rendering = null;       // the AbortController of the page being drawn

function route() {
    const [path, search] = location.hash.replace(/^#/, '').split('?');
    const parts = path.split('/').filter(Boolean);
    const params = new URLSearchParams(search || '');
    if (parts[0] === 'cycles' && parts[1]) {
        return { cycleId: decodeURIComponent(parts[1]), view: VIEWS[parts[2]] ? parts[2] : 'roadmap',
                 asOf: params.get('asOf'), params };
    }
    if (parts[0] === 'history' && parts[2]) {
        return { history: parts[1], id: decodeURIComponent(parts[2]), params };
    }
    return { params };
}

function address(cycleId, view, parameters = {}) {
    const search = new URLSearchParams(Object.entries(parameters).filter(([, value]) => value)).toString();
    return `#/cycles/${encodeURIComponent(cycleId)}/${view}${search ? '?' + search : ''}`;
}

function showProblem(failure) {
    if (!failure) {
        problemBox.hidden = true;
        problemBox.textContent = '';
        return;
    }
    problemBox.hidden = false;
    problemBox.textContent = failure instanceof ApiProblem
            ? `The engine refused: ${failure.message}${failure.status ? ` (${failure.status})` : ''}`
            : `Something went wrong: ${failure.message}`;
}

async function loadCycles() {
    const answer = await get('/api/cycles');
    cycles = answer.cycles;
    viewsAsOf = answer.asOf;
    const current = route().cycleId;
    picker.replaceChildren(...cycles.map(cycle => h('option', { value: cycle.id, selected: cycle.id === current },
                                                     `${cycle.name} (${cycle.id})`)));
    picker.disabled = cycles.length === 0;
}

function tabs(state) {
    const nav = document.getElementById('tabs');
    nav.replaceChildren(...(state.cycleId ? Object.keys(VIEWS).map(view => h('a', {
        href: address(state.cycleId, view, { asOf: state.asOf }),
        'aria-current': view === state.view ? 'page' : null
    }, view === 'okrs' ? 'OKRs' : view[0].toUpperCase() + view.slice(1))) : []));
}

/** Draws the page the address names; a newer call cancels an older one still drawing. */
async function render({ quiet = false } = {}) {
    rendering?.abort();
    const controller = new AbortController();
    rendering = controller;
    const state = route();
    tabs(state);
    try {
        if (!state.cycleId && !state.history) {
            if (cycles.length) {
                location.replace(address(cycles[0].id, 'roadmap'));
                return;
            }
            document.getElementById('timebar').hidden = true;
            page.replaceChildren(h('div', { class: 'empty' }, h('h2', {}, 'No cycle yet'),
                                   h('p', {}, 'Start one with POST /api/cycles (the README\'s tour shows how), '
                                              + 'then come back: this page follows new events by itself.')));
            return;
        }
        if (state.history) {
            document.getElementById('timebar').hidden = true;
            const content = await historyPage.render({ kind: state.history, id: state.id, signal: controller.signal });
            if (!controller.signal.aborted) {
                page.replaceChildren(content);
            }
            showProblem(null);
            return;
        }
        const cycle = cycles.find(candidate => candidate.id === state.cycleId);
        if (!cycle) {
            throw new ApiProblem(404, { detail: `there is no cycle ${state.cycleId}` });
        }
        picker.value = cycle.id;
        timebar(document.getElementById('timebar'), {
            cycle, asOf: state.asOf, viewsAsOf,
            onChange: asOf => showAddress(address(cycle.id, state.view, { asOf }))
        });
        const content = await VIEWS[state.view].render({
            cycle, asOf: state.asOf, params: state.params, signal: controller.signal,
            navigate: parameters => showAddress(address(cycle.id, state.view, { asOf: state.asOf, ...parameters }))
        });
        if (!controller.signal.aborted) {
            page.replaceChildren(content);
            page.dataset.asOf = state.asOf || '';
            if (!quiet) {
                page.dataset.rendered = String(Date.now());
            }
        }
        showProblem(null);
    } catch (failure) {
        if (failure.name === 'AbortError') {
            return;
        }
        if (failure instanceof ApiProblem && failure.status === 401) {
            askToSignIn('Sign in to see the plan.');
            return;
        }
        showProblem(failure);
    }
}

/** Changes the address without a new history entry per slider step, and draws it. */
function showAddress(hash) {
    if (location.hash !== hash) {
        history.replaceState(null, '', hash);
        render();
    }
}

function askToSignIn(why) {
    const dialog = document.getElementById('sign-in');
    document.getElementById('sign-in-why').textContent = why;
    if (!dialog.open) {
        dialog.showModal();
    }
}

/** While a page shows "now", new events redraw it; the cycles' answer says how far the views have come. */
async function followLiveEvents() {
    try {
        if (signedInAs() && !route().asOf && !document.hidden) {
            const answer = await get('/api/cycles');
            if (answer.asOf !== viewsAsOf) {
                const known = cycles.map(cycle => cycle.id).join();
                cycles = answer.cycles;
                viewsAsOf = answer.asOf;
                if (cycles.map(cycle => cycle.id).join() !== known) {
                    await loadCycles();
                }
                await render({ quiet: true });
                document.body.dataset.liveAt = viewsAsOf || '';
            }
        }
    } catch (failure) {
        // The next look tries again; a lasting problem shows on the next drawing.
    } finally {
        setTimeout(followLiveEvents, LIVE_POLL_MS);
    }
}

async function start() {
    document.getElementById('sign-in-form').addEventListener('submit', async event => {
        const form = new FormData(event.target);
        signIn(form.get('user'), form.get('password'));
        await begin();
    });
    document.getElementById('sign-out').addEventListener('click', () => {
        signOut();
        location.reload();
    });
    picker.addEventListener('change', () => {
        location.hash = address(picker.value, route().view || 'roadmap');
    });
    window.addEventListener('hashchange', () => render());
    await begin();
    setTimeout(followLiveEvents, LIVE_POLL_MS);
}

async function begin() {
    if (!signedInAs()) {
        askToSignIn('Sign in with your user of the planning engine.');
        return;
    }
    try {
        await loadCycles();
    } catch (failure) {
        if (failure instanceof ApiProblem && failure.status === 401) {
            signOut();
            askToSignIn('That user name or password was not accepted; try again.');
            return;
        }
        showProblem(failure);
        return;
    }
    document.getElementById('user').textContent = signedInAs();
    document.getElementById('sign-out').hidden = false;
    await render();
}

start();
