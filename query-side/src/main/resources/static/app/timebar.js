// The time slider of every cycle page: from the moment the cycle was started to now (or to its last event once
// closed). Moving it redraws the page as of that instant; "Now" goes back to the live page (for a closed cycle,
// to the cycle as it stood at its close). Ticks on the track mark the plan's commit, the objectives' reviews and
// gradings and the cycle's close, read from the decision log; a click on one, or the ‹ Mark and Mark › buttons,
// go to it. Play steps the page through the semester like a film, mark by mark, until it reaches now or is stopped.
// The bar is built once per cycle; every drawing hands it the latest options, which its listeners read, so it
// always acts on the page shown (never on the one it was built on).
import { get } from './api.js';
import { h } from './ui.js';

const STEPS = 1000;
const SETTLE_MS = 120;
/** How long a frame of the film stays once drawn, and how many evenly spaced frames it has besides the marks. */
const FRAME_MS = 800;
const FRAMES = 30;
/** Pages of 500 marks read at most: an organisation with thousands of objectives shows its latest 2000 reviews. */
const MARK_PAGES = 4;
export const MARK_TYPES = ['PlanCommitted', 'ObjectiveReviewed', 'ObjectiveGraded', 'CycleClosed'];
const MARK_WORDS = { PlanCommitted: 'Plan committed', ObjectiveReviewed: 'Objective reviewed',
                     ObjectiveGraded: 'Objective graded', CycleClosed: 'Cycle closed' };

/** The instants the slider spans, in milliseconds. */
export function span(cycle) {
    // Instants here have milliseconds, the engine's nanoseconds: one millisecond on, the cycle surely exists.
    const from = Date.parse(cycle.policyHistory[0].from) + 1;
    const to = cycle.status === 'CLOSED' ? Date.parse(cycle.lastEventAt) : Date.now();
    return { from, to: Math.max(to, from + 1000) };
}

/**
 * Shows the bar for the cycle at the instant (null: now). `onChange(asOf)` shows the page at another instant and
 * answers a promise of its drawing; `names` (optional) names the marks' subjects.
 */
export function timebar(container, options) {
    const { cycle, asOf, viewsAsOf } = options;
    container.hidden = false;
    // Built again for another cycle, or once the cycle shown was closed (its end and its Now say so).
    const state = container.timebar && container.dataset.cycle === cycle.id && container.dataset.status === cycle.status
                  ? container.timebar : build(container, cycle);
    Object.assign(state, options);
    if (!state.marks || (!asOf && state.marksAsOf !== viewsAsOf)) {
        state.marksAsOf = viewsAsOf;
        loadMarks(container, state);
    }
    const { from, to } = span(cycle);
    const { slider } = state;
    if (document.activeElement !== slider || !state.dragging) {
        slider.value = asOf ? Math.max(0, Math.min(STEPS, Math.round((Date.parse(asOf) - from) / (to - from) * STEPS)))
                            : STEPS;
    }
    slider.setAttribute('aria-valuetext', describe(cycle, asOf));
    container.querySelector('#as-of-label').textContent = describe(cycle, asOf);
    container.querySelector('#now').disabled = !asOf;
    container.classList.toggle('travelling', Boolean(asOf));
    container.classList.toggle('closed', cycle.status === 'CLOSED');
    drawMarks(container, state);
}

function build(container, cycle) {
    container.dataset.cycle = cycle.id;
    container.dataset.status = cycle.status;
    stop(container.timebar);
    const state = { cycle, marks: null, playing: null, dragging: false };
    container.timebar = state;
    const slider = h('input', { type: 'range', min: 0, max: STEPS, step: 1, id: 'as-of',
                                'aria-label': 'Show the cycle as of' });
    state.slider = slider;
    let settle = null;
    const chosen = () => {
        const { from, to } = span(state.cycle);
        const value = Number(slider.value);
        return value >= STEPS ? null : new Date(from + (to - from) * value / STEPS).toISOString();
    };
    slider.addEventListener('input', () => {
        stop(state);
        state.dragging = true;
        container.querySelector('#as-of-label').textContent = describe(state.cycle, chosen());
        clearTimeout(settle);
        settle = setTimeout(() => state.onChange(chosen()), SETTLE_MS);
    });
    slider.addEventListener('change', () => {
        state.dragging = false;
        clearTimeout(settle);
        state.onChange(chosen());
    });
    const go = asOf => {
        stop(state);
        clearTimeout(settle);
        return state.onChange(asOf);
    };
    state.go = go;
    const { from } = span(cycle);
    container.replaceChildren(
        h('span', { class: 'muted' }, new Date(from).toLocaleDateString()),
        h('div', { class: 'track' }, slider,
          h('div', { class: 'marks', id: 'marks', role: 'group',
                     'aria-label': 'Marks: the plan\'s commit, the objectives\' reviews and grades, the close' })),
        h('span', { class: 'muted' }, cycle.status === 'CLOSED' ? 'closed' : 'now'),
        h('output', { for: 'as-of', id: 'as-of-label' }),
        h('span', { class: 'controls' },
          h('button', { type: 'button', id: 'previous-mark', title: 'The mark before', 'aria-label': 'The mark before',
                        onclick: () => step(state, -1) }, '‹ Mark'),
          h('button', { type: 'button', id: 'play', 'aria-pressed': 'false', onclick: () => play(container, state) },
            '▶ Play'),
          h('button', { type: 'button', id: 'next-mark', title: 'The mark after', 'aria-label': 'The mark after',
                        onclick: () => step(state, 1) }, 'Mark ›'),
          h('button', { type: 'button', id: 'now', onclick: () => go(null) },
            cycle.status === 'CLOSED' ? 'At the close' : 'Now')));
    return state;
}

/** The marks, newest first in the log: a page of 500 at a time, up to MARK_PAGES of them. */
async function loadMarks(container, state) {
    const path = `/api/decisions?cycle=${encodeURIComponent(state.cycle.id)}&type=${MARK_TYPES.join(',')}&size=500`;
    try {
        const marks = [];
        for (let page = 0; page < MARK_PAGES; page++) {
            const answer = await get(`${path}&page=${page}`);
            marks.push(...answer.decisions);
            if (marks.length >= answer.total || answer.decisions.length === 0) {
                break;
            }
        }
        if (container.timebar === state) {
            state.marks = marks.reverse();
            drawMarks(container, state);
        }
    } catch (failure) {
        state.marks = state.marks || [];
    }
}

function drawMarks(container, state) {
    const holder = container.querySelector('#marks');
    const marks = state.marks || [];
    const { from, to } = span(state.cycle);
    const shown = Date.parse(state.asOf || '') || Infinity;
    holder.replaceChildren(...marks.map(mark => {
        const at = Date.parse(mark.at);
        const place = Math.max(0, Math.min(1, (at - from) / (to - from)));
        // Not each a stop of the Tab key (there may be hundreds): ‹ Mark and Mark › reach them from the keyboard.
        return h('button', { type: 'button', tabindex: -1, class: `mark ${mark.type}${at <= shown ? ' passed' : ''}`,
                             style: `left: ${(place * 100).toFixed(2)}%`, 'data-type': mark.type, 'data-at': mark.at,
                             title: title(mark, state.names), 'aria-label': title(mark, state.names),
                             onclick: () => state.go(mark.at) });
    }));
}

function title(mark, names) {
    const subject = mark.type.startsWith('Objective') && mark.subjectId
                    ? ` "${names ? names.of('objective', mark.subjectId) : mark.subjectId}"` : '';
    const grade = mark.values?.grade;
    const outcome = mark.values?.outcome ? ` (${mark.values.outcome.toLowerCase()})`
                  : grade !== undefined && grade !== null ? ` (grade ${grade})` : '';
    const when = new Date(mark.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    return `${MARK_WORDS[mark.type] || mark.type}${subject}${outcome}, ${when} by ${mark.actor}`
           + (mark.reason ? `: ${mark.reason}` : '');
}

/** Goes to the mark after (1) or before (-1) the instant shown. */
function step(state, direction) {
    const shown = state.asOf ? Date.parse(state.asOf) : Infinity;
    const marks = state.marks || [];
    const next = direction > 0 ? marks.find(mark => Date.parse(mark.at) > shown)
                               : marks.slice().reverse().find(mark => Date.parse(mark.at) < shown);
    if (next) {
        state.go(next.at);
    } else if (direction > 0) {
        state.go(null);
    }
}

/** The film: from the instant shown (the start when it is now) through every mark to now, drawn frame by frame. */
async function play(container, state) {
    if (state.playing) {
        stop(state);
        return;
    }
    const { from, to } = span(state.cycle);
    const start = state.asOf ? Date.parse(state.asOf) : from - 1;
    const evenly = Array.from({ length: FRAMES }, (_, i) => new Date(from + (to - from) * i / FRAMES).toISOString());
    const frames = [...evenly, ...(state.marks || []).map(mark => mark.at)]
        .filter(at => Date.parse(at) > start && Date.parse(at) < to)
        .sort((a, b) => Date.parse(a) - Date.parse(b));
    const playing = {};
    state.playing = playing;
    playButton(state, true);
    for (const at of frames) {
        if (state.playing !== playing || container.timebar !== state) {
            return;
        }
        await state.onChange(at);
        await new Promise(resolve => setTimeout(resolve, FRAME_MS));
    }
    if (state.playing === playing && container.timebar === state) {
        state.playing = null;
        playButton(state, false);
        await state.onChange(null);
    }
}

function stop(state) {
    if (state?.playing) {
        state.playing = null;
        playButton(state, false);
    }
}

function playButton(state, playing) {
    const button = state.slider.closest('.timebar')?.querySelector('#play');
    if (button) {
        button.textContent = playing ? '■ Stop' : '▶ Play';
        button.setAttribute('aria-pressed', String(playing));
    }
}

function describe(cycle, asOf) {
    if (asOf) {
        return `As of ${new Date(asOf).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })}`;
    }
    return cycle.status === 'CLOSED'
           ? `Closed: shown as of its close, ${new Date(cycle.lastEventAt).toLocaleString(undefined,
                 { dateStyle: 'medium', timeStyle: 'medium' })}`
           : 'Live: follows new events';
}
