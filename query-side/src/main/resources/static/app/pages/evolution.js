// Evolution: how the plan came to be. The rank of each initiative over time (a bump chart; a click on a point shows
// the decision that moved it), capacity per bucket over time with the guardrail overrides marked, each key result
// against its target with its check-ins and their confidence, and the decision log as a filterable timeline.
//
// The decision log (every page of it) gives the instants where a rank or a capacity could change and why; the
// roadmap and the capacity as of those instants give the exact ranks and person-weeks (at most MAX_INSTANTS of
// them, sampled evenly, the last always kept, and the end: the slider's instant, or now). As-of reads of the past
// never change, so they are kept for the redraws of live updates.
import { get, query } from '../api.js';
import { BASELINE_COLOUR, CONFIDENCE_SHADE, MEASURED_COLOUR, OVERRIDE_COLOUR, TARGET_COLOUR, bucketColour,
         seriesColour, steps, timeChart } from '../charts.js';
import { empty, h, instant, number, percent, section, words } from '../ui.js';

const DECISION_PAGE = 500;
const MAX_INSTANTS = 60;
const PARALLEL_READS = 4;
/** The rank chart draws the initiatives that were ever in the top RANKS_SHOWN, at most SERIES_SHOWN of them. */
const RANKS_SHOWN = 12;
const SERIES_SHOWN = 20;
const KEY_RESULTS_SHOWN = 12;
const TIMELINE_PAGE = 25;

/** Decisions after which a rank can differ. */
const MOVES_RANKS = type => type.startsWith('Initiative');
/** Decisions after which a plan's capacity or allocations can differ. */
const MOVES_CAPACITY = new Set(['TeamCapacitySet', 'CapacityAllocated', 'TeamPolicyOverridden', 'CapacityPolicyChanged',
                                'GuardrailOverridden']);

const kept = new Map();

/** A read of the past, kept: it answers the same every time. Not tied to one drawing, so a newer one can use it. */
function past(path) {
    if (!kept.has(path)) {
        kept.set(path, get(path).catch(failure => {
            kept.delete(path);
            throw failure;
        }));
        if (kept.size > 1000) {
            kept.delete(kept.keys().next().value);
        }
    }
    return kept.get(path);
}

/** Runs the reads a few at a time, in order of the list; answers their answers in that order. */
async function inTurns(reads, signal) {
    const answers = new Array(reads.length);
    let next = 0;
    const worker = async () => {
        while (next < reads.length) {
            signal?.throwIfAborted();
            const index = next++;
            answers[index] = await reads[index]();
        }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, reads.length) }, worker));
    signal?.throwIfAborted();
    return answers;
}

/** Milliseconds of an instant of the API (which has nanoseconds). */
export function millis(iso) {
    return Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
}

/** Every decision of the cycle up to the instant (all if none), oldest first; later pages cannot shift meanwhile. */
async function decisionsOf(cycle, asOf, signal) {
    const byId = new Map();
    let to = asOf;
    for (let page = 0; ; page++) {
        const answer = await get(`/api/decisions${query({ cycle: cycle.id, to, page, size: DECISION_PAGE })}`,
                                 { signal });
        answer.decisions.forEach(decision => byId.set(decision.id, decision));
        to = to || answer.decisions[0]?.at;
        if (answer.decisions.length < DECISION_PAGE || (page + 1) * DECISION_PAGE >= answer.total) {
            break;
        }
    }
    // Pages come newest first, in the log's own order of instants (nanoseconds): reversed, oldest first.
    return [...byId.values()].reverse();
}

/**
 * The instants drawn: those of the decisions that can move a rank or a capacity (of several in one millisecond,
 * the last), at most MAX_INSTANTS - 1 sampled evenly with the last always kept, then the end. Each instant holds
 * the decisions since the one before it.
 */
function instantsOf(decisions, end) {
    const moments = new Map();
    for (const decision of decisions) {
        if (MOVES_RANKS(decision.type) || MOVES_CAPACITY.has(decision.type)) {
            moments.set(millis(decision.at), decision.at);
        }
    }
    let chosen = [...moments.entries()].map(([ms, at]) => ({ ms, at }));
    if (chosen.length > MAX_INSTANTS - 1) {
        const last = chosen.length - 1;
        const indices = new Set(Array.from({ length: MAX_INSTANTS - 1 },
                                           (_, i) => Math.round(i * last / (MAX_INSTANTS - 2))));
        chosen = chosen.filter((_, index) => indices.has(index));
    }
    const endMs = millis(end);
    if (chosen.length && chosen[chosen.length - 1].ms >= endMs) {
        chosen.pop();
    }
    chosen.push({ ms: endMs, at: end, end: true });
    chosen.forEach(moment => moment.decisions = []);
    let index = 0;
    for (const decision of decisions) {
        const ms = millis(decision.at);
        while (index < chosen.length - 1 && chosen[index].ms < ms) {
            index++;
        }
        chosen[index].decisions.push(decision);
    }
    return chosen;
}

export async function render({ cycle, asOf, params, signal }) {
    const cyclePath = `/api/cycles/${encodeURIComponent(cycle.id)}`;
    const decisions = await decisionsOf(cycle, asOf, signal);
    const endRoadmap = asOf ? await past(`${cyclePath}/roadmap${query({ asOf })}`)
                            : await get(`${cyclePath}/roadmap`, { signal });
    const end = asOf || endRoadmap.asOf;
    const moments = instantsOf(decisions, end);
    const reads = moments.flatMap(moment => [
        () => moment.end ? Promise.resolve(endRoadmap) : past(`${cyclePath}/roadmap${query({ asOf: moment.at })}`),
        () => past(`${cyclePath}/capacity${query({ asOf: moment.at })}`)]);
    reads.push(() => past(`${cyclePath}/okrs${query({ asOf: end })}`));
    const answers = await inTurns(reads, signal);
    moments.forEach((moment, index) => {
        moment.roadmap = answers[2 * index];
        moment.capacity = answers[2 * index + 1];
    });
    const okrs = answers[answers.length - 1];
    const known = knownItems(moments, okrs);
    return h('div', { class: 'evolution' },
             section('Ranks over time', rankChart(moments, known)),
             section('Capacity per bucket over time', capacityChart(moments, decisions, params)),
             section('Key results against their targets', keyResultCharts(okrs, moments)),
             section('Decisions', timeline(decisions, known, params)));
}

/** What the ids of the decisions name: initiatives (with their team and title), objectives, teams. */
function knownItems(moments, okrs) {
    const initiatives = new Map();
    const teams = new Set();
    for (const moment of moments) {
        moment.roadmap.items.forEach(item => initiatives.set(item.initiativeId, item));
        moment.capacity.teams.forEach(plan => teams.add(plan.teamId));
    }
    initiatives.forEach(item => teams.add(item.teamId));
    const objectives = new Map(okrs.objectives.map(objective => [objective.objectiveId, objective]));
    return { initiatives, objectives, teams: [...teams].sort() };
}

/** The decision's subject as the dashboard's history of it, when it has one (initiatives and objectives). */
function historyOf(decision, known) {
    const id = decision.subjectId;
    if (!id) {
        return null;
    }
    const kind = decision.type.startsWith('Initiative') || known.initiatives.has(id) ? 'initiative'
               : decision.type.startsWith('Objective') || known.objectives.has(id) ? 'objective' : null;
    return kind ? `#/history/${kind}/${encodeURIComponent(id)}` : null;
}

const typeWords = type => words(type.replace(/([a-z])([A-Z])/g, '$1_$2'));

/** Keeps a choice in the address (a bookmark, a live redraw keep it) without drawing the page again. */
function remember(name, value) {
    const [path, search] = location.hash.split('?');
    const parameters = new URLSearchParams(search || '');
    if (value === null || value === undefined || value === '') {
        parameters.delete(name);
    } else {
        parameters.set(name, value);
    }
    const rest = parameters.toString();
    history.replaceState(null, '', rest ? `${path}?${rest}` : path);
}

const seconds = moment => moment.ms / 1000;
/** The x series of the charts over time: seconds, as uPlot counts them. */
const TIME = { label: 'time', value: (u, value) => value === null ? '–' : new Date(value * 1000).toLocaleString() };

// ---- Ranks -------------------------------------------------------------------------------------------------------

function rankChart(moments, known) {
    const ranks = new Map();
    moments.forEach((moment, index) => moment.roadmap.items.forEach(item => {
        if (item.rank !== null) {
            if (!ranks.has(item.initiativeId)) {
                ranks.set(item.initiativeId, new Array(moments.length).fill(null));
            }
            ranks.get(item.initiativeId)[index] = item.rank;
        }
    }));
    if (ranks.size === 0) {
        return empty('No initiative has a rank yet', 'Score initiatives with RICE: their ranks appear here over time.');
    }
    const best = series => Math.min(...series.filter(rank => rank !== null));
    const last = series => series[series.length - 1] ?? Infinity;
    const all = [...ranks.entries()];
    const shown = all.filter(([, series]) => best(series) <= RANKS_SHOWN)
                     .sort(([, one], [, other]) => last(one) - last(other) || best(one) - best(other))
                     .slice(0, SERIES_SHOWN);
    const ids = shown.map(([id]) => id);
    const title = id => known.initiatives.get(id)?.title ?? id;
    const lowest = Math.max(...shown.flatMap(([, series]) => series.filter(rank => rank !== null)));
    const data = [moments.map(seconds), ...shown.map(([, series]) => series)];
    const move = h('div', { id: 'rank-move', class: 'move', 'aria-live': 'polite' },
                   h('p', { class: 'muted' },
                     'Click a point (or a rank in the table) to see the decision that moved it.'));
    const choose = (series, index) => move.replaceChildren(
        h('div', {}, moveOf(ids[series], title(ids[series]), moments, index, data[series + 1], known)));
    const chart = timeChart({
        scales: { x: { time: true, range: (u, min, max) => min === max ? [min - 3600, max + 3600] : [min, max] },
                  y: { dir: -1, range: [0.5, lowest + 0.5] } },
        axes: [{}, { label: 'rank', incrs: [1, 2, 5, 10, 20, 50, 100],
                     values: (u, splits) => splits.map(split => Number.isInteger(split) ? split : '') }],
        series: [TIME,
                 ...ids.map((id, index) => ({ label: title(id), stroke: seriesColour(index), width: 2,
                                              paths: steps(),
                                              points: { show: true, size: 8, fill: seriesColour(index) },
                                              value: (u, rank) => rank ?? '–' }))],
        cursor: { focus: { prox: 16 } },
        focus: { alpha: 0.3 },
        hooks: { ready: [u => u.over.addEventListener('click', event => {
            const area = u.over.getBoundingClientRect();
            const index = u.posToIdx(event.clientX - area.left);
            if (index === null || index === undefined || index < 0) {
                return;
            }
            const at = u.posToVal(event.clientY - area.top, 'y');
            let nearest = null;
            ids.forEach((id, series) => {
                const rank = data[series + 1][index];
                if (rank !== null && Math.abs(rank - at) <= 0.5
                    && (nearest === null || Math.abs(rank - at) < Math.abs(data[nearest + 1][index] - at))) {
                    nearest = series;
                }
            });
            if (nearest !== null) {
                choose(nearest, index);
            }
        })] }
    }, data, { id: 'rank-chart', height: 340,
               label: `Ranks of ${ids.length} initiatives at ${moments.length} instants, rank 1 on top; `
                      + 'the table below has the same numbers' });
    chart.ids = ids;
    return [h('p', { class: 'muted' },
              `Rank 1 on top. ${ids.length} of ${all.length} ranked initiatives: those ever in the top ${RANKS_SHOWN}`,
              ids.length === SERIES_SHOWN ? ` (the first ${SERIES_SHOWN})` : '',
              `. Ranks as of ${moments.length} instants: the decisions that can move one`,
              moments.some(moment => moment.decisions.length > 1) ? ' (sampled, the last kept)' : '',
              ', and the end.'),
            chart, move,
            h('details', { class: 'numbers' }, h('summary', {}, 'Ranks as a table'),
              h('div', { class: 'scroll' }, h('table', { id: 'rank-table' },
                h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'As of'),
                  ids.map(id => h('th', { scope: 'col', 'data-initiative': id }, title(id))))),
                h('tbody', {}, moments.map((moment, index) => h('tr', { 'data-at': moment.at },
                  h('th', { scope: 'row' }, instant(moment.at)),
                  ids.map((id, series) => h('td', { class: 'number', 'data-initiative': id },
                    data[series + 1][index] === null ? '–'
                    : h('button', { type: 'button', class: 'link', onclick: () => choose(series, index) },
                        data[series + 1][index]))))))))),
           ];
}

/** What moved the initiative to its rank at the instant: its own decisions since the instant before, else others'. */
function moveOf(id, title, moments, index, ranks, known) {
    const before = index > 0 ? ranks[index - 1] : null;
    const decisions = moments[index].decisions;
    const own = decisions.filter(decision => decision.subjectId === id);
    const shown = own.length ? own : decisions.filter(decision => MOVES_RANKS(decision.type));
    const history = `#/history/initiative/${encodeURIComponent(id)}`;
    return [h('h3', {}, title, `: rank ${ranks[index]}`, index > 0 ? ` (was ${before ?? 'unranked'})` : '',
              ' as of ', instant(moments[index].at)),
            shown.length === 0 ? h('p', { class: 'muted' }, index > 0 ? 'No decision moved it since the instant before.'
                                                                     : 'Its rank at the first instant drawn.')
            : [own.length ? null : h('p', { class: 'muted' }, 'Moved by decisions about other initiatives:'),
               h('ul', { class: 'decisions' }, shown.map(decision => h('li', { 'data-decision': decision.id },
                   decisionLine(decision, known))))],
            h('p', {}, h('a', { href: history, class: 'history' }, `History of ${title}`))];
}

/** A decision in words: what, about what (linked to its history), by whom, when (unless said already), why. */
function decisionLine(decision, known, { when = true } = {}) {
    const link = historyOf(decision, known);
    const subject = decision.subjectId
                    ? known.initiatives.get(decision.subjectId)?.title ?? known.objectives.get(decision.subjectId)?.title
                      ?? decision.subjectId
                    : null;
    return [h('strong', { class: 'type' }, typeWords(decision.type)),
            subject ? [' ', link ? h('a', { href: link }, subject) : subject] : null,
            ' by ', h('span', { class: 'actor' }, decision.actor), when ? [', ', instant(decision.at)] : null,
            decision.type === 'InitiativeScored' && decision.values
                ? ` (score ${number(decision.values.score, 2)}${decision.values.previousScore !== null
                    ? `, was ${number(decision.values.previousScore, 2)}` : ''})` : '',
            decision.reason ? [': ', h('q', { class: 'reason' }, decision.reason)] : null];
}

// ---- Capacity ----------------------------------------------------------------------------------------------------

function capacityChart(moments, decisions, params) {
    const teams = [...new Set(moments.flatMap(moment => moment.capacity.teams.map(plan => plan.teamId)))].sort();
    if (teams.length === 0) {
        return empty('No team has capacity in this cycle yet', 'Capacities and allocations appear here over time.');
    }
    const area = h('div', { class: 'capacity-over-time' });
    const draw = team => area.replaceChildren(...capacityOf(team, moments, decisions));
    const chosen = teams.includes(params.get('team')) ? params.get('team') : '';
    const picker = h('select', { name: 'team', id: 'capacity-team', onchange: event => {
        remember('team', event.target.value);
        draw(event.target.value);
    } }, h('option', { value: '' }, 'Organisation'),
       teams.map(team => h('option', { value: team, selected: team === chosen }, team)));
    draw(chosen);
    return [h('div', { class: 'filters' }, h('label', {}, 'Plan of ', picker)), area];
}

function capacityOf(team, moments, decisions) {
    const plans = moments.map(moment => team ? moment.capacity.teams.find(plan => plan.teamId === team) ?? null
                                             : moment.capacity.organisation);
    const buckets = [];
    plans.forEach(plan => plan?.buckets.forEach(bucket => {
        if (!buckets.some(known => known.name === bucket.name)) {
            buckets.push(bucket);
        }
    }));
    const allocated = buckets.map(bucket => plans.map(plan => {
        const found = plan?.buckets.find(candidate => candidate.name === bucket.name);
        return found ? Number(found.allocatedPersonWeeks) : null;
    }));
    const capacity = plans.map(plan => plan ? Number(plan.capacityPersonWeeks) : null);
    // Stacked: each bucket drawn from the top of those below it; the highest first, so the lower ones cover it.
    const stacked = allocated.map((_, index) => plans.map((plan, at) => plan === null ? null
        : allocated.slice(0, index + 1).reduce((sum, values) => sum + (values[at] ?? 0), 0)));
    const overrides = decisions.filter(decision => decision.type === 'GuardrailOverridden'
                                                   && (!team || decision.values?.teamId === team));
    const order = buckets.map((_, index) => index).reverse();
    const data = [moments.map(seconds), capacity, ...order.map(index => stacked[index])];
    const raw = [null, capacity, ...order.map(index => allocated[index])];
    const name = team || 'the organisation';
    const chart = timeChart({
        scales: { x: { time: true, range: (u, min, max) => min === max ? [min - 3600, max + 3600] : [min, max] },
                  y: { range: (u, min, max) => [0, Math.max(1, max) * 1.05] } },
        axes: [{}, { label: 'person-weeks' }],
        series: [TIME,
                 { label: 'capacity', stroke: TARGET_COLOUR, width: 2, dash: [6, 4], paths: steps(),
                   value: (u, value, series, index) => index === null ? '–' : number(raw[series][index]) },
                 ...order.map(index => ({ label: `${buckets[index].name} `
                                                 + `(${buckets[index].categories.map(words).join(', ')})`,
                                          stroke: bucketColour(buckets[index], index), width: 1,
                                          fill: bucketColour(buckets[index], index), paths: steps(),
                                          value: (u, value, series, at) => at === null ? '–'
                                                                           : number(raw[series][at]) }))],
        hooks: { draw: [u => {
            const context = u.ctx;
            context.save();
            context.strokeStyle = OVERRIDE_COLOUR;
            context.fillStyle = OVERRIDE_COLOUR;
            context.lineWidth = 2 * devicePixelRatio;
            context.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            for (const override of overrides) {
                const x = u.valToPos(millis(override.at) / 1000, 'x', true);
                context.beginPath();
                context.moveTo(x, u.bbox.top);
                context.lineTo(x, u.bbox.top + u.bbox.height);
                context.stroke();
                context.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
                context.fillText('⚑', x + 3 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
            }
            context.restore();
        }] }
    }, data, { id: 'capacity-chart', height: 280,
               label: `Person-weeks allocated per bucket of ${name} at ${moments.length} instants, stacked, against `
                      + `its capacity; ${overrides.length} guardrail override(s) marked; the table below has the numbers` });
    chart.buckets = buckets.map(bucket => bucket.name);
    chart.allocated = allocated;
    chart.capacity = capacity;
    chart.overrides = overrides.map(override => override.at);
    return [chart,
            h('p', { class: 'legend' }, h('span', {}, h('span', { class: 'swatch override' }),
                                          'guardrail override (⚑, dashed)')),
            overrides.length ? h('ul', { class: 'overrides', id: 'capacity-overrides' }, overrides.map(override =>
                h('li', { 'data-decision': override.id }, h('span', { class: 'flag OVER', 'aria-hidden': 'true' }, '⚑'),
                  ' ', instant(override.at), ` ${override.values?.teamId ?? ''}: ${override.values?.bucket} to `
                  + `${override.values?.resultingShare}% (target ${override.values?.targetShare}%)`,
                  override.subjectId ? ` for ${override.subjectId}` : '', ` by ${override.actor}`,
                  override.reason ? [': ', h('q', {}, override.reason)] : null)))
            : h('p', { class: 'muted' }, `No guardrail override in the plan of ${name}.`),
            h('details', { class: 'numbers' }, h('summary', {}, 'Capacity as a table'),
              h('div', { class: 'scroll' }, h('table', { id: 'capacity-table' },
                h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'As of'), h('th', { scope: 'col' }, 'Capacity'),
                  buckets.map(bucket => h('th', { scope: 'col', 'data-bucket': bucket.name }, bucket.name)))),
                h('tbody', {}, moments.map((moment, at) => h('tr', { 'data-at': moment.at },
                  h('th', { scope: 'row' }, instant(moment.at)),
                  h('td', { class: 'number capacity' }, number(capacity[at])),
                  buckets.map((bucket, index) => h('td', { class: 'number', 'data-bucket': bucket.name },
                                                   number(allocated[index][at])))))))))];
}

// ---- Key results -------------------------------------------------------------------------------------------------

function keyResultCharts(okrs, moments) {
    const keyResults = okrs.objectives.flatMap(objective => objective.keyResults.map(keyResult =>
        ({ objective, keyResult })));
    if (keyResults.length === 0) {
        return empty('No key result in this cycle yet', 'Add key results to objectives and check in on them.');
    }
    const end = moments[moments.length - 1];
    const grid = h('div', { class: 'key-result-charts' });
    let drawn = 0;
    const more = h('button', { type: 'button', id: 'more-key-results', onclick: () => showMore() });
    const showMore = () => {
        grid.append(...keyResults.slice(drawn, drawn + KEY_RESULTS_SHOWN).map(({ objective, keyResult }) =>
            keyResultChart(objective, keyResult, end)));
        drawn = Math.min(keyResults.length, drawn + KEY_RESULTS_SHOWN);
        more.hidden = drawn >= keyResults.length;
        more.textContent = `Show more (${drawn} of ${keyResults.length})`;
    };
    showMore();
    return [h('p', { class: 'legend' },
              h('span', {}, h('span', { class: 'swatch', style: `background:${MEASURED_COLOUR}` }),
                'check-ins, by when measured'),
              h('span', {}, h('span', { class: 'swatch target' }), 'target'),
              h('span', {}, h('span', { class: 'swatch', style: `background:${BASELINE_COLOUR}` }), 'baseline'),
              h('span', {}, h('span', { class: 'swatch', style: `background:${CONFIDENCE_SHADE(1)}` }),
                'shading: the confidence of each check-in, until the next (darker: more confident)')),
            grid, more];
}

function keyResultChart(objective, keyResult, end) {
    const trend = keyResult.confidenceTrend;
    const endSeconds = Math.max(end.ms, ...trend.map(checkIn => millis(checkIn.measuredAt))) / 1000;
    const xs = [...trend.map(checkIn => millis(checkIn.measuredAt) / 1000)];
    const values = trend.map(checkIn => Number(checkIn.value));
    const baseline = Number(keyResult.baseline);
    const target = Number(keyResult.target);
    // The end of the chart carries no check-in: the target and baseline lines reach it, the values stop.
    const data = [[...xs, endSeconds], [...values, null], [...xs.map(() => target), target],
                  [...xs.map(() => baseline), baseline]];
    const all = [baseline, target, ...values];
    const low = Math.min(...all), high = Math.max(...all);
    const pad = (high - low) * 0.08 || 1;
    const label = `${keyResult.title}: ${trend.length} check-in(s) from ${keyResult.baseline} toward `
                  + `${keyResult.target} ${keyResult.unit}`
                  + (trend.length ? `, last ${keyResult.current} with confidence ${percent(keyResult.confidence)}` : '');
    const chart = timeChart({
        scales: { x: { time: true, range: (u, min, max) => min === max ? [min - 86400, max + 86400] : [min, max] },
                  y: { range: [low - pad, high + pad] } },
        axes: [{}, { label: keyResult.unit || null, size: 50 }],
        legend: { show: false },
        series: [{}, { label: 'value', stroke: MEASURED_COLOUR, width: 2, points: { show: true, size: 7 } },
                 { label: 'target', stroke: TARGET_COLOUR, width: 1.5, dash: [6, 4], points: { show: false } },
                 { label: 'baseline', stroke: BASELINE_COLOUR, width: 1, dash: [2, 3], points: { show: false } }],
        hooks: { drawClear: [u => {
            const context = u.ctx;
            context.save();
            trend.forEach((checkIn, index) => {
                const from = u.valToPos(xs[index], 'x', true);
                const to = u.valToPos(index + 1 < xs.length ? xs[index + 1] : endSeconds, 'x', true);
                context.fillStyle = CONFIDENCE_SHADE(checkIn.confidence);
                context.fillRect(from, u.bbox.top, Math.max(1, to - from), u.bbox.height);
            });
            context.restore();
        }] }
    }, data, { height: 200, label, className: 'chart key-result-chart' });
    chart.trend = trend;
    return h('figure', { class: 'key-result', 'data-key-result': keyResult.keyResultId,
                         'data-objective': objective.objectiveId },
             h('figcaption', {}, h('strong', {}, keyResult.title), ' ',
               h('span', { class: 'muted' }, `${objective.title} · ${keyResult.baseline} → ${keyResult.target} `
                                             + `${keyResult.unit} · progress ${percent(keyResult.progress)}`)),
             trend.length ? chart : h('p', { class: 'muted' }, 'No check-in yet.'),
             trend.length ? h('details', { class: 'numbers' }, h('summary', {}, 'Check-ins as a table'),
               h('table', { class: 'check-ins' },
                 h('thead', {}, h('tr', {}, ['Measured', 'Value', 'Progress', 'Confidence', 'By', 'Comment'].map(title =>
                     h('th', { scope: 'col' }, title)))),
                 h('tbody', {}, trend.map(checkIn => h('tr', {},
                     h('td', {}, instant(checkIn.measuredAt)),
                     h('td', { class: 'number value' }, checkIn.value),
                     h('td', { class: 'number' }, percent(checkIn.progress)),
                     h('td', { class: 'number confidence' }, percent(checkIn.confidence)),
                     h('td', {}, checkIn.actor),
                     h('td', {}, checkIn.comment ?? '')))))) : null);
}

// ---- Decision log ------------------------------------------------------------------------------------------------

/** The team a decision concerns: its values', the team decided on, or the team of the initiative or objective. */
function teamOf(decision, known) {
    return decision.values?.teamId
           ?? (known.teams.includes(decision.subjectId) ? decision.subjectId : null)
           ?? known.initiatives.get(decision.subjectId)?.teamId
           ?? known.objectives.get(decision.subjectId)?.ownerTeamId
           ?? null;
}

function timeline(decisions, known, params) {
    if (decisions.length === 0) {
        return empty('No decision in this cycle yet', 'Scores, commits, allocations and reviews appear here.');
    }
    const newestFirst = [...decisions].reverse().map(decision => ({
        decision, team: teamOf(decision, known),
        text: [decision.actor, decision.type, typeWords(decision.type), decision.subjectId, decision.reason,
               known.initiatives.get(decision.subjectId)?.title, known.objectives.get(decision.subjectId)?.title]
            .filter(Boolean).join(' ').toLowerCase() }));
    const actors = [...new Set(decisions.map(decision => decision.actor))].sort();
    const types = [...new Set(decisions.map(decision => decision.type))].sort();
    const teams = [...new Set(newestFirst.map(entry => entry.team).filter(Boolean))].sort();
    const filters = { actor: params.get('logActor') || '', type: params.get('logType') || '',
                      team: params.get('logTeam') || '', text: params.get('logText') || '' };
    let page = Number(params.get('logPage')) || 0;
    const list = h('ol', { class: 'timeline', id: 'decision-timeline' });
    const status = h('p', { class: 'muted', id: 'timeline-status', 'aria-live': 'polite' });
    const newer = h('button', { type: 'button', id: 'timeline-newer', onclick: () => turn(-1) }, '← Newer');
    const older = h('button', { type: 'button', id: 'timeline-older', onclick: () => turn(1) }, 'Older →');
    const matching = () => newestFirst.filter(entry =>
        (!filters.actor || entry.decision.actor === filters.actor)
        && (!filters.type || entry.decision.type === filters.type)
        && (!filters.team || entry.team === filters.team)
        && (!filters.text || entry.text.includes(filters.text.toLowerCase())));
    const draw = () => {
        const found = matching();
        const pages = Math.max(1, Math.ceil(found.length / TIMELINE_PAGE));
        page = Math.max(0, Math.min(page, pages - 1));
        const shown = found.slice(page * TIMELINE_PAGE, (page + 1) * TIMELINE_PAGE);
        list.replaceChildren(...shown.map(({ decision, team }) => h('li', { 'data-decision': decision.id },
            instant(decision.at), ' ', decisionLine(decision, known, { when: false }),
            team ? h('span', { class: 'badge team' }, team) : null)));
        status.textContent = found.length === 0 ? 'No decision matches these filters.'
            : `Decisions ${page * TIMELINE_PAGE + 1}–${page * TIMELINE_PAGE + shown.length} of ${found.length}`
              + (found.length < decisions.length ? ` (of ${decisions.length} in all)` : '') + `, newest first; page `
              + `${page + 1} of ${pages}.`;
        newer.disabled = page === 0;
        older.disabled = page >= pages - 1;
        remember('logPage', page || null);
    };
    const turn = step => {
        page += step;
        draw();
    };
    const choose = (name, parameter) => event => {
        filters[name] = event.target.value;
        remember(parameter, filters[name]);
        page = 0;
        draw();
    };
    const select = (name, parameter, label, values, show) => h('label', {}, label, ' ',
        h('select', { name: parameter, onchange: choose(name, parameter) }, h('option', { value: '' }, 'all'),
          values.map(value => h('option', { value, selected: filters[name] === value }, show(value)))));
    draw();
    return [h('div', { class: 'filters', role: 'search' },
              select('actor', 'logActor', 'Actor', actors, actor => actor),
              select('type', 'logType', 'Type', types, typeWords),
              select('team', 'logTeam', 'Team', teams, team => team),
              h('label', {}, 'Text ', h('input', { type: 'search', name: 'logText', value: filters.text,
                                                   placeholder: 'reason, initiative, …',
                                                   oninput: choose('text', 'logText') }))),
            status, list, h('p', { class: 'pager' }, newer, ' ', older)];
}
