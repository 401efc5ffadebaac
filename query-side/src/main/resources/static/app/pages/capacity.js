// Capacity: per team and for the organisation, a bar of what is allocated by category against the capacity,
// the policy's bucket targets drawn on it (with their tolerance), flags, and the overrides with their reasons.
import { fingerprint, get, query } from '../api.js';
import { CATEGORY_COLOURS, planBar } from '../charts.js';
import { may } from '../caller.js';
import { empty, h, instant, number, section, words } from '../ui.js';
import { newPlanActions, planActions } from '../writes/capacity.js';

// What took a bucket over when no allocation did.
const CAUSES = {
    CAPACITY_LOWERED: 'as the capacity was lowered',
    TEAM_POLICY_CHANGED: "under the team's new policy",
    CYCLE_POLICY_CHANGED: "under the cycle's new policy",
};

export async function render({ cycle, asOf, signal, names, refresh }) {
    // Writes are offered on the plan as it is now, to those who lead a team, never on a past instant.
    const writing = !asOf && may('LEAD');
    const [capacity, roadmap, teams] = await Promise.all([
        get(`/api/cycles/${encodeURIComponent(cycle.id)}/capacity${query({ asOf })}`, { signal }),
        writing ? get(`/api/cycles/${encodeURIComponent(cycle.id)}/roadmap`, { signal }) : null,
        writing ? get('/api/teams', { signal }) : null]);
    const adding = writing ? newPlanActions({ cycle, teams: teams.teams, plans: capacity.teams, refresh }) : null;
    if (capacity.teams.length === 0) {
        return h('div', { class: 'capacity' },
                 empty('No team has capacity in this cycle yet', adding
                       ? 'Give a team its person-weeks below; allocations to its initiatives follow.'
                       : 'A lead sets a team\'s person-weeks (here, or with '
                         + 'PUT /api/cycles/{cycle}/teams/{team}/capacity).'),
                 adding);
    }
    await names.complete('initiative', capacity.teams.flatMap(plan => plan.overrides.map(
        override => override.initiativeId)));
    const actions = plan => writing ? planActions({ cycle, plan, items: roadmap.items, refresh }) : null;
    const content = h('div', { class: 'capacity' },
             section('Capacity by team',
                     legend(),
                     adding,
                     h('div', { class: 'teams' },
                       team('Organisation', capacity.organisation, [], 'organisation', names),
                       capacity.teams.map(plan => team(names.link('team', plan.teamId), plan, plan.overrides,
                                                       plan.teamId, names, actions(plan))))));
    // The allocation tables list the roadmap's initiatives: a change there is a change of this page.
    content.fingerprint = fingerprint(capacity, roadmap);
    return content;
}

function legend() {
    return h('p', { class: 'legend' }, Object.entries(CATEGORY_COLOURS).map(([category, colour]) =>
        h('span', {}, h('span', { class: 'swatch', style: `background:${colour}` }), words(category))),
             h('span', {}, h('span', { class: 'swatch target' }), 'bucket target (band: tolerance)'));
}

function team(name, plan, overrides, key, names, actions = null) {
    const capacity = Number(plan.capacityPersonWeeks);
    const label = typeof name === 'string' ? name : name.textContent;
    return h('article', { class: 'team', 'data-team': key },
             h('h3', {}, name, plan.policySource === 'TEAM' ? h('span', { class: 'badge' }, 'own policy') : null),
             h('p', { class: 'figures' },
               h('span', { class: 'allocated' }, number(plan.allocatedPersonWeeks)), ' of ',
               h('span', { class: 'capacity-total' }, number(plan.capacityPersonWeeks)), ' person-weeks allocated, ',
               h('span', { class: 'remaining' }, number(plan.remainingPersonWeeks)), ' remaining'),
             planBar(plan, plan.byCategory,
                     `${label}: ${number(plan.allocatedPersonWeeks)} of ${number(capacity)} person-weeks allocated`),
             h('table', { class: 'buckets' },
               h('thead', {}, h('tr', {}, ['Bucket', 'Target', 'Actual', 'Person-weeks', ''].map(title =>
                   h('th', { scope: 'col' }, title)))),
               h('tbody', {}, plan.buckets.map(bucket => h('tr', { 'data-bucket': bucket.name },
                   h('td', {}, `${bucket.name} (${bucket.categories.map(words).join(', ')})`),
                   h('td', { class: 'number' }, `${bucket.targetShare}% ± ${bucket.tolerance}`),
                   h('td', { class: 'number actual' }, `${number(bucket.actualShare, 2)}%`),
                   h('td', { class: 'number' }, number(bucket.allocatedPersonWeeks)),
                   h('td', {}, h('span', { class: `flag ${bucket.flag}` }, words(bucket.flag))))))),
             overrides.length ? h('ul', { class: 'overrides' }, overrides.map(override => h('li', {},
                 h('span', { class: 'flag OVER', 'aria-hidden': 'true' }, '⚑'), ' ',
                 `${override.bucket} to ${override.resultingShare}% (target ${override.targetShare}%) `,
                 override.initiativeId ? ['for ', names.link('initiative', override.initiativeId)]
                                       : CAUSES[override.cause],
                 ` by ${override.actor}, `, instant(override.at), ': ',
                 h('q', {}, override.reason)))) : null,
             actions);
}
