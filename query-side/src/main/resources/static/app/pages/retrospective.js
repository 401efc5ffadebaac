// The retrospective, generated from what happened: initiatives committed, done, dropped and deferred; the work
// committed but not done, by name; capacity planned against actual; churn; objectives' grades; the decision
// timeline; lessons.
import { get, query } from '../api.js';
import { CATEGORY_COLOURS } from '../charts.js';
import { h, instant, number, section, words } from '../ui.js';

export async function render({ cycle, asOf, signal }) {
    const retro = await get(`/api/cycles/${encodeURIComponent(cycle.id)}/retrospective${query({ asOf })}`, { signal });
    const counts = retro.initiatives;
    return h('div', { class: 'retrospective' },
             section('Initiatives', h('div', { class: 'tiles' },
                 tile('committed', counts.committed), tile('done', counts.done), tile('dropped', counts.dropped),
                 tile('deferred', counts.deferred), tile('dropped after commit', counts.droppedAfterCommit))),
             section('Committed, not done', retro.unfinished.length ? h('ul', { class: 'unfinished' },
                 retro.unfinished.map(item => h('li', { 'data-initiative': item.initiativeId },
                     h('a', { href: `#/history/initiative/${encodeURIComponent(item.initiativeId)}` }, item.title),
                     ` (${item.teamId}, ${words(item.status)}, ${number(item.allocatedPersonWeeks)} person-weeks)`)))
                 : h('p', { class: 'muted' }, 'Nothing committed is left undone.')),
             section('Capacity: planned and actual', capacity(retro.capacity)),
             section('Churn', h('div', { class: 'tiles' },
                 tile('re-scores', retro.churn.rescores), tile('rank changes since the commit', retro.churn.rankChanges),
                 tile('drops after the commit', retro.churn.dropsAfterCommit))),
             section('Objectives', retro.objectives.length ? h('ul', {}, retro.objectives.map(objective => h('li', {},
                 objective.title, ': ', words(objective.status), objective.grade !== null
                     ? ` · grade ${number(objective.grade, 2)}` : ''))) : h('p', { class: 'muted' }, 'No objective.')),
             section('Decisions', retro.decisions.length ? h('ol', { class: 'timeline' }, retro.decisions.map(decision =>
                 h('li', {}, instant(decision.at), ' ', h('strong', {}, decision.actor), ' ',
                   words(decision.type.replace(/([a-z])([A-Z])/g, '$1_$2')), decision.subjectId ? ` ${decision.subjectId}` : '',
                   decision.reason ? [': ', h('q', {}, decision.reason)] : null)))
                 : h('p', { class: 'muted' }, 'No decision yet.')),
             section('Lessons', retro.lessons.length ? h('ul', {}, retro.lessons.map(lesson => h('li', {},
                 h('q', {}, lesson.text), ` (${lesson.actor}`, lesson.subjectId ? `, about ${lesson.subjectId}` : '', ') ',
                 lesson.tags.map(tag => h('span', { class: 'badge' }, tag)))))
                 : h('p', { class: 'muted' }, 'No lesson recorded yet: POST /api/lessons.')));
}

function tile(label, value) {
    return h('div', { class: 'tile', 'data-count': label }, h('span', { class: 'value' }, value), h('span', {}, label));
}

function capacity(plan) {
    if (!plan.planned) {
        return h('p', { class: 'muted' }, 'The plan is not committed yet: the planned shares are taken at the commit.');
    }
    const rows = plan.actual.buckets.map(bucket => {
        const planned = plan.planned.buckets.find(candidate => candidate.name === bucket.name);
        return h('tr', { 'data-bucket': bucket.name },
                 h('td', {}, bucket.name),
                 h('td', { class: 'number' }, `${bucket.targetShare}%`),
                 h('td', { class: 'number planned' }, planned ? `${number(planned.actualShare, 2)}%` : '–'),
                 h('td', { class: 'number actual' }, `${number(bucket.actualShare, 2)}%`));
    });
    return [h('p', { class: 'muted' }, 'Planned: at the commit, ', instant(plan.plannedAt), '. Actual: now.'),
            h('table', {}, h('thead', {}, h('tr', {}, ['Bucket', 'Target', 'Planned', 'Actual'].map(title =>
                h('th', { scope: 'col' }, title)))), h('tbody', {}, rows)),
            h('p', { class: 'legend' }, Object.keys(CATEGORY_COLOURS).map(category => h('span', {},
                `${words(category)}: ${number(plan.planned.byCategory[category])} → ${number(plan.actual.byCategory[category])} person-weeks`)))];
}
