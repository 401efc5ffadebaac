// The writes of a team's plan for a cycle: its capacity, and an allocation per initiative edited in a table. The
// override reason is asked for exactly when the engine refuses without one (its refusal names override.reason);
// while the user types, the bucket's share and limit after the change are shown.
import { planBar } from '../charts.js';
import { may } from '../caller.js';
import { editorBlock, opener, writeForm } from '../forms.js';
import { h, number } from '../ui.js';

const ALLOCATABLE = ['PROPOSED', 'COMMITTED', 'IN_PROGRESS'];
const overrideField = { name: 'override.reason', label: 'Override reason (the guardrail is exceeded)',
                        type: 'textarea', hidden: true, attributes: { maxlength: 2000 } };

/** The team whose allocations table stays open while the page is drawn anew after each of its writes. */
let allocating = null;

const planPath = (cycle, teamId) => `/api/cycles/${encodeURIComponent(cycle.id)}/teams/${encodeURIComponent(teamId)}`;

/** What a capacity or allocation write sends: the override only when the user was asked for it and gave it. */
function withOverride(body, values) {
    return values['override.reason'] ? { ...body, override: { reason: values['override.reason'] } } : body;
}

function numberOrText(value) {
    return value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

/** The lead's writes on a team's plan: its capacity and its allocations; null for whoever may not. */
export function planActions({ cycle, plan, items, refresh }) {
    if (!may('LEAD', plan.teamId) || cycle.status === 'CLOSED' || cycle.archived || plan.archived) {
        return null;
    }
    const block = editorBlock(refresh);
    const { shown, place } = block;
    const close = () => {
        allocating = null;
        block.close();
    };
    const table = () => {
        allocating = plan.teamId;
        return allocations({ cycle, plan, items, refresh, cancel: close });
    };
    if (allocating === plan.teamId) {
        place.open(table());
    }
    return h('div', { class: 'plan-actions' },
             opener('Set capacity', place, () => capacityForm({ cycle, plan, done: close, cancel: close }),
                    { 'data-action': 'capacity' }),
             opener('Allocate', place, table, { 'data-action': 'allocate' }),
             shown);
}

/** A first capacity for a team that has no plan in the cycle yet, among the teams the user leads. */
export function newPlanActions({ cycle, teams, plans, refresh }) {
    const planned = new Set(plans.map(plan => plan.teamId));
    const open = teams.filter(team => !team.archived && !planned.has(team.id) && may('LEAD', team.id));
    if (open.length === 0 || cycle.status === 'CLOSED' || cycle.archived) {
        return null;
    }
    const { shown, place, close } = editorBlock(refresh);
    return h('div', { class: 'page-actions' },
             opener('Give a team capacity', place, () => writeForm({
                 id: 'new-plan', submit: 'Save the capacity', done: close, cancel: close,
                 fields: [{ name: 'teamId', label: 'Team', type: 'select',
                            options: open.map(team => ({ value: team.id, label: team.name })) },
                          { name: 'personWeeks', label: 'Capacity (person-weeks)', type: 'number', required: true,
                            attributes: { min: 0 } }],
                 request: values => ({ method: 'PUT', path: `${planPath(cycle, values.teamId)}/capacity`,
                                       body: { personWeeks: numberOrText(values.personWeeks) } }),
             }), { id: 'open-new-plan' }),
             shown);
}

function capacityForm({ cycle, plan, done, cancel }) {
    return writeForm({
        id: `capacity-${plan.teamId}`, submit: 'Save the capacity', done, cancel, reload: done,
        fields: [{ name: 'personWeeks', label: 'Capacity (person-weeks)', type: 'number', required: true,
                   value: plan.capacityPersonWeeks, attributes: { min: 0 } },
                 { name: 'reason', label: 'Reason', type: 'textarea', attributes: { maxlength: 2000 } },
                 overrideField],
        preview: values => capacityPreview(plan, Number(values.personWeeks)),
        request: values => ({ method: 'PUT', path: `${planPath(cycle, plan.teamId)}/capacity`, ifMatch: plan.version,
                              body: withOverride({ personWeeks: numberOrText(values.personWeeks),
                                                   reason: values.reason || undefined }, values) }),
    });
}

function capacityPreview(plan, capacity) {
    if (!Number.isFinite(capacity) || capacity <= 0) {
        return null;
    }
    return plan.buckets.map(bucket => `${bucket.name}: ${number(bucket.allocatedPersonWeeks)} person-weeks would be `
                                      + `${number(bucket.allocatedPersonWeeks / capacity * 100, 1)}% (limit `
                                      + `${bucket.targetShare + bucket.tolerance}%)`).join(' · ');
}

/**
 * The team's initiatives of the cycle that can take capacity, or hold some, each with its person-weeks in a form
 * of its own: an allocation replaces the one before it, 0 gives it back.
 */
function allocations({ cycle, plan, items, refresh, cancel }) {
    const ofTeam = items.filter(item => item.teamId === plan.teamId && !item.archived
                                        && (ALLOCATABLE.includes(item.status)
                                            || Number(item.allocatedPersonWeeks) > 0));
    if (ofTeam.length === 0) {
        return h('p', { class: 'muted' }, `Team ${plan.teamId} has no initiative to allocate to in this cycle: `,
                 'propose one on the roadmap. ', h('button', { type: 'button', onclick: cancel }, 'Close'));
    }
    return h('div', { class: 'allocations' },
             h('table', { class: 'allocation-table' },
               h('thead', {}, h('tr', {}, ['Initiative', 'Status', 'Person-weeks'].map(title =>
                   h('th', { scope: 'col' }, title)))),
               h('tbody', {}, ofTeam.map(item => h('tr', { 'data-initiative': item.initiativeId },
                   h('td', {}, item.title), h('td', {}, item.status.toLowerCase().replaceAll('_', ' ')),
                   h('td', {}, allocationForm({ cycle, plan, item, done: refresh })))))),
             h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Done'));
}

function allocationForm({ cycle, plan, item, done }) {
    const form = writeForm({
        id: `allocate-${item.initiativeId}`, submit: 'Save', done, reload: done,
        fields: [{ name: 'personWeeks', label: `Person-weeks for ${item.title}`, type: 'number', required: true,
                   value: Number(item.allocatedPersonWeeks), attributes: { min: 0 } },
                 overrideField],
        preview: values => allocationPreview(plan, item, Number(values.personWeeks)),
        request: values => ({ method: 'POST', path: `${planPath(cycle, plan.teamId)}/allocations`,
                              ifMatch: plan.version,
                              body: withOverride({ initiativeId: item.initiativeId,
                                                   personWeeks: numberOrText(values.personWeeks) }, values) }),
    });
    form.classList.add('inline');
    return form;
}

/**
 * The team's bar as it would be after the allocation, its bucket against its limit, and the team's total against
 * its capacity.
 */
export function allocationPreview(plan, item, personWeeks) {
    if (!Number.isFinite(personWeeks) || personWeeks < 0) {
        return null;
    }
    const capacity = Number(plan.capacityPersonWeeks);
    const change = personWeeks - Number(item.allocatedPersonWeeks);
    if (change === 0) {
        return null; // drawn once the user changes the figure
    }
    const bucket = plan.buckets.find(candidate => candidate.categories.includes(item.category));
    const total = Number(plan.allocatedPersonWeeks) + change;
    const parts = [`${number(total)} of ${number(capacity)} person-weeks allocated`
                   + (total > capacity ? ': above the capacity, which the engine refuses' : '')];
    if (bucket && capacity > 0) {
        const held = Number(bucket.allocatedPersonWeeks) + change;
        const share = held / capacity * 100;
        const limit = bucket.targetShare + bucket.tolerance;
        parts.push(`bucket ${bucket.name} ${number(held)} person-weeks, ${number(share, 1)}% (limit ${limit}%)`
                   + (share > limit && change > 0 ? ': above its limit, which needs an override reason' : ''));
    }
    const byCategory = { ...plan.byCategory,
                         [item.category]: Number(plan.byCategory[item.category] || 0) + change };
    const words = parts.join(' · ');
    return h('span', { class: 'allocation-preview' }, planBar(plan, byCategory, words), words);
}
