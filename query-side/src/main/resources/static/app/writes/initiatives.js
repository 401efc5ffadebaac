// The writes of initiatives from the roadmap: propose, score and re-score with RICE (the rank it would take shown
// before saving), commit, start, complete, drop, defer to a later cycle, add a dependency, link a key result.
import { get, getVersioned } from '../api.js';
import { may } from '../caller.js';
import { opener, writeForm } from '../forms.js';
import { h, number, words } from '../ui.js';

/** Intercom's RICE scales, as the engine takes them. */
export const IMPACTS = [[3, 'massive'], [2, 'high'], [1, 'medium'], [0.5, 'low'], [0.25, 'minimal']];
export const CONFIDENCES = [[1, 'high (100%)'], [0.8, 'medium (80%)'], [0.5, 'low (50%)']];
const CATEGORIES = ['NEW_INITIATIVE', 'KTLO', 'TEAM_INITIATIVE'];
const SCORABLE = ['PROPOSED', 'COMMITTED', 'IN_PROGRESS'];
/** What each lifecycle step needs and whether the engine requires its reason. */
const STEPS = [
    { action: 'commit', label: 'Commit', from: ['PROPOSED'], reasonRequired: false },
    { action: 'start', label: 'Start', from: ['COMMITTED'], reasonRequired: false },
    { action: 'complete', label: 'Complete', from: ['IN_PROGRESS'], reasonRequired: false },
    { action: 'drop', label: 'Drop', from: SCORABLE, reasonRequired: true },
];

const path = id => `/api/initiatives/${encodeURIComponent(id)}`;
const reasonField = required => ({ name: 'reason', label: 'Reason', type: 'textarea', required,
                                   attributes: { maxlength: 2000 } });

/** The form proposing an initiative in the cycle, for one of the teams. */
export function proposeForm({ cycle, teams, done, cancel }) {
    return writeForm({
        id: 'propose', submit: 'Propose', done, cancel,
        fields: [
            { name: 'title', label: 'Title', required: true, attributes: { maxlength: 200 } },
            { name: 'teamId', label: 'Team', type: 'select', required: true,
              options: teams.map(team => ({ value: team.id, label: team.name })) },
            { name: 'category', label: 'Category', type: 'select', value: 'NEW_INITIATIVE',
              options: CATEGORIES.map(category => ({ value: category, label: words(category) })) },
            { name: 'description', label: 'Description', type: 'textarea', attributes: { maxlength: 4000 } },
            { name: 'id', label: 'Id', help: 'lower case, digits and dashes; left empty, the engine makes one',
              attributes: { maxlength: 64, pattern: '[a-z0-9][a-z0-9-]*' } },
        ],
        request: values => ({ method: 'POST', path: '/api/initiatives', body: {
            id: values.id || undefined, cycleId: cycle.id, teamId: values.teamId, title: values.title,
            description: values.description || undefined, category: values.category } }),
    });
}

/**
 * The writes the signed-in user may make on a roadmap row, as buttons opening their editor in `place`
 * (a rowPlace). A closed
 * cycle's initiatives can still be started, completed, dropped and deferred, nothing else.
 */
export function rowActions({ item, cycle, cycles, roadmap, place, refresh }) {
    if (item.archived) {
        return [];
    }
    const open = cycle.status !== 'CLOSED';
    const close = () => {
        place.close();
        refresh();
    };
    const lead = may('LEAD', item.teamId);
    const contributor = may('CONTRIBUTOR');
    const context = { item, cycle, cycles, roadmap, done: close, cancel: close };
    return [
        open && contributor && SCORABLE.includes(item.status)
            ? opener(item.rice ? 'Re-score' : 'Score', place, () => scoreForm(context), { 'data-action': 'score' })
            : null,
        ...STEPS.filter(step => lead && step.from.includes(item.status) && (open || step.action !== 'commit'))
                .map(step => opener(step.label, place, () => stepForm(step, context), { 'data-action': step.action })),
        lead && SCORABLE.includes(item.status) && laterCycles(cycle, cycles).length
            ? opener('Defer', place, () => deferForm(context), { 'data-action': 'defer' }) : null,
        open && contributor
            ? opener('Depends on…', place, () => dependencyForm(context), { 'data-action': 'depend' }) : null,
        open && contributor
            ? opener('Link key result', place, () => linkForm(context), { 'data-action': 'link' }) : null,
    ].filter(Boolean);
}

/** The score form, opened on the initiative's version: a change by someone else meanwhile is refused, not lost. */
async function scoreForm({ item, roadmap, done, cancel }) {
    const { item: current, version } = await getVersioned(path(item.initiativeId));
    const rice = current.rice;
    const choices = (scale, value) => {
        const options = scale.map(([scaleValue, name]) => ({ value: scaleValue, label: `${scaleValue} · ${name}` }));
        if (value !== undefined && !scale.some(([scaleValue]) => scaleValue === Number(value))) {
            options.push({ value, label: `${value} (as scored)` });
        }
        return options;
    };
    return writeForm({
        id: `score-${item.initiativeId}`, submit: rice ? 'Save the new score' : 'Save the score', done, cancel,
        reload: () => done(),
        fields: [
            { name: 'reach', label: 'Reach (people or events per cycle)', type: 'number', required: true,
              value: rice?.reach ?? '', attributes: { min: 0, step: 1 } },
            { name: 'impact', label: 'Impact', type: 'select', value: rice?.impact ?? 1,
              options: choices(IMPACTS, rice?.impact) },
            { name: 'confidence', label: 'Confidence', type: 'select', value: rice?.confidence ?? 0.8,
              options: choices(CONFIDENCES, rice?.confidence) },
            { name: 'effort', label: 'Effort (person-weeks)', type: 'number', required: true,
              value: rice?.effort ?? '', attributes: { min: 0 } },
            reasonField(true),
        ],
        preview: values => rankPreview(item, roadmap.items, values),
        request: values => ({ method: 'POST', path: `${path(item.initiativeId)}/score`, ifMatch: version, body: {
            reach: numberOrText(values.reach), impact: Number(values.impact), confidence: Number(values.confidence),
            effort: numberOrText(values.effort), reason: values.reason } }),
    });
}

/** A number typed, or the text as typed when it is none, so that the engine says what is wrong with it. */
function numberOrText(value) {
    return value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

/** The RICE score of the values and the rank it would give the initiative among the cycle's ranked ones. */
export function rankPreview(item, items, values) {
    const score = Number(values.reach) * Number(values.impact) * Number(values.confidence) / Number(values.effort);
    if (!Number.isFinite(score) || values.reach === '' || values.effort === '') {
        return 'Fill in reach and effort to see the score and the rank it would take.';
    }
    const scoreOf = other => other.initiativeId === item.initiativeId ? score
                             : other.rice ? other.rice.reach * other.rice.impact * other.rice.confidence
                                            / other.rice.effort : null;
    const ranked = items.filter(other => other.rank !== null || other.initiativeId === item.initiativeId)
                        .map(other => ({ other, score: scoreOf(other) }))
                        .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity)
                                        || a.other.title.localeCompare(b.other.title)
                                        || a.other.initiativeId.localeCompare(b.other.initiativeId));
    const rank = ranked.findIndex(entry => entry.other.initiativeId === item.initiativeId) + 1;
    return h('span', { class: 'rank-preview' }, `Score ${number(score, 2)}: rank `, h('strong', {}, rank),
             ` of ${ranked.length}`, item.rank ? ` (now ${item.rank})` : ' (unranked now)');
}

async function stepForm(step, { item, done, cancel }) {
    const { version } = await getVersioned(path(item.initiativeId));
    return writeForm({
        id: `${step.action}-${item.initiativeId}`, submit: `${step.label} ${item.title}`, done, cancel,
        reload: () => done(), fields: [reasonField(step.reasonRequired)],
        request: values => ({ method: 'POST', path: `${path(item.initiativeId)}/${step.action}`, ifMatch: version,
                              body: values.reason ? { reason: values.reason } : {} }),
    });
}

/** The open cycles that start after this one: the only ones a deferral may go to. */
function laterCycles(cycle, cycles) {
    return cycles.filter(other => other.status !== 'CLOSED' && !other.archived && other.startDate > cycle.startDate);
}

async function deferForm({ item, cycle, cycles, done, cancel }) {
    const { version } = await getVersioned(path(item.initiativeId));
    return writeForm({
        id: `defer-${item.initiativeId}`, submit: `Defer ${item.title}`, done, cancel, reload: () => done(),
        fields: [{ name: 'toCycleId', label: 'To the cycle', type: 'select', required: true,
                   options: laterCycles(cycle, cycles).map(other => ({
                       value: other.id, label: `${other.name} (from ${other.startDate})` })) },
                 reasonField(true)],
        request: values => ({ method: 'POST', path: `${path(item.initiativeId)}/defer`, ifMatch: version,
                              body: { toCycleId: values.toCycleId, reason: values.reason } }),
    });
}

/** Searches the initiatives of every open cycle, of any team, by title or id. */
async function dependencyForm({ item, cycles, done, cancel }) {
    const open = cycles.filter(other => other.status !== 'CLOSED' && !other.archived);
    const roadmaps = await Promise.all(open.map(other =>
        get(`/api/cycles/${encodeURIComponent(other.id)}/roadmap`).then(answer => ({ cycle: other, answer }))));
    const candidates = roadmaps.flatMap(({ cycle, answer }) => answer.items
        .filter(other => other.initiativeId !== item.initiativeId)
        .map(other => ({ id: other.initiativeId, label: `${other.title} · ${other.teamId} · ${cycle.name}` })));
    const list = h('datalist', { id: `depend-${item.initiativeId}-candidates` },
                   candidates.map(candidate => h('option', { value: candidate.id }, candidate.label)));
    const form = writeForm({
        id: `depend-${item.initiativeId}`, submit: 'Add the dependency', done, cancel,
        fields: [{ name: 'dependsOn', label: `${item.title} depends on`, required: true,
                   help: 'type to search the initiatives of every open cycle by title or id',
                   attributes: { list: list.id, autocomplete: 'off' } }],
        request: values => ({ method: 'POST', path: `${path(item.initiativeId)}/dependencies`,
                              body: { dependsOn: candidates.find(candidate => candidate.label === values.dependsOn)?.id
                                                 ?? values.dependsOn } }),
    });
    form.append(list);
    return form;
}

async function linkForm({ item, cycle, done, cancel }) {
    const okrs = await get(`/api/cycles/${encodeURIComponent(cycle.id)}/okrs`);
    const keyResults = okrs.objectives.flatMap(objective => objective.keyResults.map(keyResult => ({
        value: `${objective.objectiveId}/${keyResult.keyResultId}`,
        label: `${objective.title}: ${keyResult.title}` })));
    if (keyResults.length === 0) {
        return h('p', { class: 'muted' }, 'This cycle has no key result yet: set an objective and its key results on ',
                 'the OKRs page first. ', h('button', { type: 'button', onclick: cancel }, 'Close'));
    }
    return writeForm({
        id: `link-${item.initiativeId}`, submit: 'Link', done, cancel,
        fields: [{ name: 'keyResult', label: `Key result ${item.title} moves`, type: 'select', options: keyResults }],
        request: values => {
            const [objectiveId, keyResultId] = values.keyResult.split('/');
            return { method: 'POST', path: `${path(item.initiativeId)}/key-results`,
                     body: { objectiveId, keyResultId } };
        },
    });
}
