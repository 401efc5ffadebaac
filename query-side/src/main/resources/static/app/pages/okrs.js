// OKRs: the alignment tree, each objective's rolled-up progress and key results' progress, the confidence trend of
// each key result as a sparkline drawn by when each value was measured, grades, reviews and lineage. Live, it offers
// the writes the user's roles allow: set objectives and add key results, check in on a key result in its row,
// review, grade and carry forward.
import { fingerprint, get, query } from '../api.js';
import { may } from '../caller.js';
import { progressBar, sparkline } from '../charts.js';
import { rowPlace } from '../forms.js';
import { empty, h, instant, number, percent, section, words } from '../ui.js';
import { checkInAction, laterCycles, objectiveActions, setObjectiveAction } from '../writes/okrs.js';

export async function render({ cycle, asOf, signal, names, cycles, refresh }) {
    const okrs = await get(`/api/cycles/${encodeURIComponent(cycle.id)}/okrs${query({ asOf })}`, { signal });
    // Writes are offered on the OKRs as they are now, never on a past instant.
    const writes = !asOf && may('CONTRIBUTOR') ? { cycle, cycles, okrs, refresh } : null;
    const setting = writes ? setObjectiveAction(writes) : null;
    // What the offered writes depend on beyond the answer: the cycle's status and the cycles to carry forward to.
    const offered = writes ? [cycle.status, cycle.archived, laterCycles(cycle, cycles).map(other => other.id)] : null;
    if (okrs.objectives.length === 0) {
        const content = h('div', { class: 'okrs' },
                          empty('No objective in this cycle yet', setting
                                ? 'Set one below, then add its key results.'
                                : 'A lead sets one (here, or with POST /api/objectives) and adds key results to it.'),
                          setting);
        content.fingerprint = fingerprint(okrs, offered);
        return content;
    }
    await Promise.all([
        names.complete('initiative', okrs.objectives.flatMap(objective => objective.keyResults.flatMap(
            keyResult => keyResult.initiatives))),
        names.complete('objective', okrs.objectives.flatMap(objective => [objective.predecessorObjectiveId,
                                                                         objective.successorObjectiveId]))]);
    const byId = new Map(okrs.objectives.map(objective => [objective.objectiveId, objective]));
    const roots = okrs.objectives.filter(objective => !objective.parentObjectiveId
                                                      || !byId.has(objective.parentObjectiveId));
    const content = section(`OKRs of ${cycle.name}`, setting, h('ul', { class: 'tree', role: 'tree' },
                                                                 roots.map(root => node(root, byId, names, writes))));
    content.fingerprint = fingerprint(okrs, offered);
    return content;
}

/** The items, by name and linked, separated by commas. */
function linked(names, kind, ids) {
    return ids.flatMap((id, i) => [i ? ', ' : null, names.link(kind, id)]);
}

function node(objective, byId, names, writes) {
    const columns = ['Key result', 'Baseline → target', 'Current', 'Progress', 'Confidence', 'Trend', 'Grade',
                     writes ? 'Check in' : null].filter(Boolean);
    return h('li', { role: 'treeitem', 'aria-expanded': 'true', 'data-objective': objective.objectiveId },
             h('div', { class: 'objective' },
               h('h3', {}, h('a', { href: `#/history/objective/${encodeURIComponent(objective.objectiveId)}` },
                             objective.title)),
               h('span', { class: 'muted owner' },
                 objective.ownerTeamId ? ['team ', names.link('team', objective.ownerTeamId)] : 'organisation',
                 ' · ', words(objective.status)),
               progressBar(objective.progress, `Progress of ${objective.title}, ${rollup(objective)}`),
               h('span', { class: 'muted rollup' }, ` ${rollup(objective)}`,
                 objective.weight !== null && Number(objective.weight) !== 1 ? ` · weighs ${objective.weight} above` : ''),
               objective.grade !== null ? h('span', { class: 'grade' }, `grade ${number(objective.grade, 2)}`) : null,
               objective.predecessorObjectiveId ? h('span', { class: 'muted' }, ' carried from ',
                                                    names.link('objective', objective.predecessorObjectiveId)) : null,
               objective.successorObjectiveId ? h('span', { class: 'muted' }, ' carried forward to ',
                                                  names.link('objective', objective.successorObjectiveId)) : null),
             writes ? objectiveActions({ objective, ...writes }) : null,
             objective.keyResults.length ? h('table', { class: 'key-results' },
               h('thead', {}, h('tr', {}, columns.map(title => h('th', { scope: 'col' }, title)))),
               h('tbody', {}, objective.keyResults.map(keyResult => keyResultRow(objective, keyResult, names, writes,
                                                                                columns.length))))
             : h('p', { class: 'muted' }, 'No key result yet.'),
             objective.reviews.length ? h('details', {}, h('summary', {}, `${objective.reviews.length} review(s)`),
               h('ul', {}, objective.reviews.map(review => h('li', {}, instant(review.at), ` ${words(review.outcome)} by `,
                   review.actor, ': ', h('q', {}, review.reason))))) : null,
             objective.children.length ? h('ul', { role: 'group' },
               objective.children.filter(child => byId.has(child)).map(child => node(byId.get(child), byId, names,
                                                                                     writes)))
             : null);
}

/** A key result's row; its check-in opens in a row inserted below it. */
function keyResultRow(objective, keyResult, names, writes, width) {
    const tr = h('tr', { 'data-key-result': keyResult.keyResultId },
             h('td', {}, keyResult.title,
               objective.rollup === 'WEIGHTED' ? h('span', { class: 'muted weight' }, ` × ${keyResult.weight}`) : null,
               keyResult.initiatives.length
                 ? h('div', { class: 'muted moved-by' }, 'moved by ',
                     linked(names, 'initiative', keyResult.initiatives))
                 : null),
             h('td', { class: 'number' }, `${keyResult.baseline} → ${keyResult.target} ${keyResult.unit}`),
             h('td', { class: 'number current' }, keyResult.current ?? '–'),
             h('td', { class: 'kr-progress' }, progressBar(keyResult.progress, `Progress of ${keyResult.title}`)),
             h('td', { class: 'number' }, percent(keyResult.confidence)),
             h('td', {}, sparkline(keyResult.confidenceTrend.map(checkIn => Number(checkIn.confidence)),
                                   trendLabel(keyResult),
                                   keyResult.confidenceTrend.map(checkIn => checkIn.measuredAt))),
             h('td', { class: 'number' }, keyResult.grade === null ? '–' : number(keyResult.grade, 2)));
    if (writes) {
        const place = rowPlace(tr, width, keyResult.keyResultId);
        tr.append(h('td', { class: 'actions' }, checkInAction({ objective, keyResult, place, ...writes })));
    }
    return tr;
}

/** How the objective's progress counts its parts, in words. */
function rollup(objective) {
    return objective.rollup === 'WEIGHTED' ? 'rolled up by weights' : 'rolled up by the mean';
}

/** The trend's text alternative: how many check-ins, measured from when to when. */
function trendLabel(keyResult) {
    const trend = keyResult.confidenceTrend;
    const label = `Confidence of ${keyResult.title} over ${trend.length} check-ins`;
    return trend.length ? `${label}, measured from ${trend[0].measuredAt} to ${trend[trend.length - 1].measuredAt}`
                        : label;
}
