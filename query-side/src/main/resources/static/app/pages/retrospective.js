// The retrospective, generated from what happened: initiatives committed, done, dropped and deferred; the work
// committed but not done, by name; capacity planned against actual; churn; objectives' grades; the decision
// timeline, drawn a hundred at a time (a large organisation's semester has tens of thousands); lessons. Names, not
// ids, each linked to its decision history.
import { fingerprint, get, query } from '../api.js';
import { may } from '../caller.js';
import { CATEGORY_COLOURS } from '../charts.js';
import { subjectKind } from '../names.js';
import { h, instant, number, section, words } from '../ui.js';
import { lessonAction } from '../writes/okrs.js';

/** Decisions drawn at first, and at each "show more". */
const DECISIONS_AT_ONCE = 100;

export async function render({ cycle, asOf, signal, names, refresh }) {
    // A lesson is recorded live (never on a past instant), by a contributor, about the cycle or one of its items.
    const writing = !asOf && may('CONTRIBUTOR');
    const [retro, roadmap] = await Promise.all([
        get(`/api/cycles/${encodeURIComponent(cycle.id)}/retrospective${query({ asOf })}`, { signal }),
        writing ? get(`/api/cycles/${encodeURIComponent(cycle.id)}/roadmap`, { signal }) : null]);
    const subjects = writing ? [...retro.objectives.map(objective => ({ id: objective.objectiveId,
                                                                        label: `objective ${objective.title}` })),
                                ...roadmap.items.map(item => ({ id: item.initiativeId,
                                                                label: `initiative ${item.title}` }))] : null;
    const first = retro.decisions.slice(0, DECISIONS_AT_ONCE);
    await Promise.all(['initiative', 'objective', 'team'].map(kind => names.complete(kind,
        first.filter(decision => subjectKind(decision) === kind).map(decision => decision.subjectId))));
    const counts = retro.initiatives;
    const content = h('div', { class: 'retrospective' },
             section('Initiatives', h('div', { class: 'tiles' },
                 tile('committed', counts.committed), tile('done', counts.done), tile('dropped', counts.dropped),
                 tile('deferred', counts.deferred), tile('dropped after commit', counts.droppedAfterCommit))),
             section('Committed, not done', retro.unfinished.length ? h('ul', { class: 'unfinished' },
                 retro.unfinished.map(item => h('li', { 'data-initiative': item.initiativeId },
                     h('a', { href: `#/history/initiative/${encodeURIComponent(item.initiativeId)}` }, item.title),
                     ' (', names.link('team', item.teamId),
                     `, ${words(item.status)}, ${number(item.allocatedPersonWeeks)} person-weeks)`)))
                 : h('p', { class: 'muted' }, 'Nothing committed is left undone.')),
             section('Capacity: planned and actual', capacity(retro.capacity)),
             section('Churn', h('div', { class: 'tiles' },
                 tile('re-scores', retro.churn.rescores), tile('rank changes since the commit', retro.churn.rankChanges),
                 tile('drops after the commit', retro.churn.dropsAfterCommit))),
             section('Objectives', retro.objectives.length ? h('ul', {}, retro.objectives.map(objective => h('li', {},
                 h('a', { href: `#/history/objective/${encodeURIComponent(objective.objectiveId)}` }, objective.title),
                 ': ', words(objective.status), objective.grade !== null
                     ? ` · grade ${number(objective.grade, 2)}` : ''))) : h('p', { class: 'muted' }, 'No objective.')),
             section('Decisions', timeline(retro.decisions, names)),
             section('Lessons', writing ? lessonAction({ cycle, subjects, refresh }) : null, retro.lessons.length ? h('ul', {}, retro.lessons.map(lesson => h('li', {},
                 h('q', {}, lesson.text), ` (${lesson.actor}`,
                 lesson.subjectId ? [', about ', names.link(names.kindOf(lesson.subjectId), lesson.subjectId)] : '',
                 ') ',
                 lesson.tags.map(tag => h('span', { class: 'badge' }, tag)))))
                 : h('p', { class: 'muted' }, writing ? 'No lesson recorded yet.'
                                                      : 'No lesson recorded yet: POST /api/lessons.')));
    // The lesson's form lists the roadmap's initiatives as subjects: a change there is a change of this page.
    content.fingerprint = fingerprint(retro, subjects);
    return content;
}

/** The decisions oldest first, a hundred drawn, a hundred more at each press of "Show more". */
function timeline(decisions, names) {
    if (!decisions.length) {
        return h('p', { class: 'muted' }, 'No decision yet.');
    }
    const list = h('ol', { class: 'timeline' });
    const status = h('span', { class: 'muted', id: 'decisions-shown' });
    const more = h('button', { type: 'button', id: 'more-decisions', onclick: () => draw() });
    const draw = () => {
        const from = list.childElementCount;
        list.append(...decisions.slice(from, from + DECISIONS_AT_ONCE).map(decision => h('li', {},
            instant(decision.at), ' ', h('strong', {}, decision.actor), ' ',
            words(decision.type.replace(/([a-z])([A-Z])/g, '$1_$2')),
            decision.subjectId ? [' ', names.link(subjectKind(decision), decision.subjectId)] : '',
            decision.reason ? [': ', h('q', {}, decision.reason)] : null)));
        const left = decisions.length - list.childElementCount;
        status.textContent = `${list.childElementCount} of ${decisions.length} decisions. `;
        more.textContent = `Show ${Math.min(left, DECISIONS_AT_ONCE)} more`;
        more.hidden = left === 0;
    };
    draw();
    return [list, h('p', { class: 'more' }, status, more)];
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
