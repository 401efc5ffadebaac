// The dashboard: a cycle picker, a page per view, a time slider over the cycle, live while it shows "now".
// It reads only the public HTTP API. The address holds the whole state: #/cycles/<id>/<view>?asOf=<instant>.
import { ApiProblem, exported, get, query, signIn, signOut, signedInAs } from './api.js';
import { namesFor } from './names.js';
import { h } from './ui.js';
import { loadCaller, may } from './caller.js';
import { editing } from './forms.js';
import { startForm } from './writes/cycles.js';
import * as roadmap from './pages/roadmap.js';
import * as capacity from './pages/capacity.js';
import * as okrs from './pages/okrs.js';
import * as retrospective from './pages/retrospective.js';
import * as evolution from './pages/evolution.js';
import * as historyPage from './pages/history.js';
import { timebar } from './timebar.js';

const VIEWS = { roadmap, capacity, okrs, retrospective, evolution };
const LIVE_POLL_MS = 3000;
/** The views the engine exports, with the page parameters their export takes. */
const EXPORTS = { roadmap: ['team', 'category', 'status'], capacity: [], okrs: [], retrospective: [] };

const page = document.getElementById('page');
const picker = document.getElementById('cycle-picker');
const problemBox = document.getElementById('problem');
let cycles = [];
let viewsAsOf = null;       // the instant the views had reached at the last look: a change means new events
let rendering = null;       // the AbortController of the page being drawn
let shown = null;           // what the page shows: its view, parameters but the instant, and its answers' fingerprint

function route() {
    const [path, search] = location.hash.replace(/^#/, '').split('?');
    const parts = path.split('/').filter(Boolean);
    const params = new URLSearchParams(search || '');
    // A '+' of an offset (…T10:00:00+02:00) that was not escaped in a link the query string reads as a space.
    if (params.get('asOf')) {
        params.set('asOf', params.get('asOf').replaceAll(' ', '+'));
    }
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

/**
 * The address shown now with these parameters changed (an empty one removed), every other kept: read when the
 * change is asked for, so that the slider and the pages' controls act on the page shown, with its filters.
 */
function addressWith(parameters) {
    const state = route();
    return address(state.cycleId, state.view, { ...Object.fromEntries(state.params), ...parameters });
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
    }, view === 'okrs' ? 'OKRs' : view[0].toUpperCase() + view.slice(1))) : []),
                        state.cycleId && EXPORTS[state.view] ? exports(state) : '');
}

/** The view shown, as the engine exports it (as of the same instant, the roadmap with its filters), downloaded. */
function exports(state) {
    const download = async (mediaType, extension) => {
        const parameters = Object.fromEntries(EXPORTS[state.view].map(name => [name, state.params.get(name)]));
        try {
            const text = await exported(`/api/cycles/${encodeURIComponent(state.cycleId)}/${state.view}`
                                        + query({ asOf: state.asOf, ...parameters }), mediaType);
            const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: mediaType })),
                                  download: `${state.cycleId}-${state.view}${state.asOf ? '-' + state.asOf : ''}`
                                            + `.${extension}` });
            link.click();
            URL.revokeObjectURL(link.href);
        } catch (failure) {
            showProblem(failure);
        }
    };
    return h('span', { class: 'exports' }, 'Export ',
             h('button', { type: 'button', id: 'export-csv', onclick: () => download('text/csv', 'csv') }, 'CSV'), ' ',
             h('button', { type: 'button', id: 'export-markdown', onclick: () => download('text/markdown', 'md') },
               'Markdown'));
}

/** Draws the page the address names; a newer call cancels an older one still drawing. */
async function render({ quiet = false } = {}) {
    if (quiet && editing(page)) {
        return; // what the user is typing stays; the page is drawn anew once the form is sent or closed
    }
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
            shown = null;
            page.replaceChildren(h('div', { class: 'empty' }, h('h2', {}, 'No cycle yet'),
                                   may('PLANNER')
                                   ? startForm({ done: async answer => {
                                       await loadCycles();
                                       location.hash = address(answer.id, 'roadmap');
                                   } })
                                   : h('p', {}, 'A planner starts one (here, or with POST /api/cycles); '
                                                + 'this page follows new events by itself.')));
            return;
        }
        if (state.history) {
            document.getElementById('timebar').hidden = true;
            const content = await historyPage.render({ kind: state.history, id: state.id, signal: controller.signal });
            if (!controller.signal.aborted) {
                shown = null;
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
        const names = await namesFor(cycle, { viewsAsOf, travelling: Boolean(state.asOf), cycles });
        if (controller.signal.aborted) {
            return;
        }
        timebar(document.getElementById('timebar'), {
            cycle, asOf: state.asOf, viewsAsOf, names, onChange: asOf => showAddress(addressWith({ asOf }))
        });
        const content = await VIEWS[state.view].render({
            cycle, asOf: state.asOf, params: state.params, signal: controller.signal, names, cycles,
            refresh: async () => {
                await loadCycles();
                await render({ quiet: true });
            },
            navigate: parameters => showAddress(addressWith(parameters))
        });
        if (quiet && editing(page)) {
            return; // an editor opened while this drawing was under way
        }
        if (!controller.signal.aborted) {
            show(content, state, names);
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

/**
 * Puts the page drawn in place, unless it shows what the page already shows (the same view, parameters and
 * answers, at another instant): then only the parts that name the instant (data-instant) are replaced, and what
 * the reader had opened or scrolled to stays.
 */
function show(content, state, names) {
    const parameters = new URLSearchParams(state.params);
    parameters.delete('asOf');
    const key = content.fingerprint === undefined ? null
                : `${state.cycleId}/${state.view}?${parameters}|${names.version}|${content.fingerprint}`;
    if (key !== null && shown === key && page.firstElementChild) {
        for (const part of content.querySelectorAll('[data-instant]')) {
            page.querySelector(`[data-instant="${part.dataset.instant}"]`)?.replaceWith(part);
        }
        page.dataset.kept = String(Number(page.dataset.kept || 0) + 1);
        return;
    }
    shown = key;
    page.replaceChildren(content);
}

/** Changes the address without a new history entry per slider step, and draws it; answers when it is drawn. */
function showAddress(hash) {
    if (location.hash !== hash) {
        history.replaceState(null, '', hash);
        return render();
    }
    return Promise.resolve();
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
        await Promise.all([loadCycles(), loadCaller()]);
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
