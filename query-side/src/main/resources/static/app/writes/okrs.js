// The writes of OKRs from the OKRs page: set an objective, add key results, check in on a key result (in its row),
// review (keep, adjust, retire), grade and carry an objective forward; and a lesson about the cycle, from the
// retrospective. Each write of an objective is sent with If-Match on the version read when its form opened.
import { get, getVersioned } from '../api.js';
import { may } from '../caller.js';
import { editorBlock, opener, writeForm } from '../forms.js';
import { importPanel } from './imports.js';
import { h, percent, words } from '../ui.js';

const DIRECTIONS = ['INCREASE', 'DECREASE'];
const SPACE = ['SATISFACTION', 'PERFORMANCE', 'ACTIVITY', 'COMMUNICATION', 'EFFICIENCY'];
const OUTCOMES = ['KEEP', 'ADJUST', 'RETIRE'];

const path = id => `/api/objectives/${encodeURIComponent(id)}`;
const reasonField = required => ({ name: 'reason', label: 'Reason', type: 'textarea', required,
                                   attributes: { maxlength: 2000 } });
const idField = { name: 'id', label: 'Id', help: 'lower case, digits and dashes; left empty, the engine makes one',
                  attributes: { maxlength: 64, pattern: '[a-z0-9][a-z0-9-]*' } };

/** A number typed, or the text as typed when it is none, so that the engine says what is wrong with it. */
function numberOrText(value) {
    return value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

/** An instant typed in the reader's time zone, as the API takes it (UTC); as typed when it is none. */
function instantOrText(value) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** Whether the cycle takes new work: objectives, key results, check-ins and reviews. */
function takesWork(cycle) {
    return cycle.status !== 'CLOSED' && !cycle.archived;
}

/** The open cycles that start after this one: the only ones an objective may be carried forward to. */
export function laterCycles(cycle, cycles) {
    return cycles.filter(other => other.status !== 'CLOSED' && !other.archived && other.startDate > cycle.startDate);
}

/** The teams a new or moved objective may belong to: those the user leads ('' the organisation, a planner's). */
async function ownerOptions(current) {
    const teams = (await get('/api/teams')).teams.filter(team => !team.archived && may('LEAD', team.id));
    const options = teams.map(team => ({ value: team.id, label: team.name }));
    if (current !== undefined && current !== null && !teams.some(team => team.id === current)) {
        options.unshift({ value: current, label: current });
    }
    if (may('PLANNER') || current === null) {
        options.unshift({ value: '', label: 'the organisation' });
    }
    return options;
}

/**
 * "Set an objective", and "Import a file" of objectives and key results, for whoever leads a team (a planner also
 * for the organisation), while the cycle takes work.
 */
export function setObjectiveAction({ cycle, okrs, refresh }) {
    if (!takesWork(cycle) || !may('LEAD')) {
        return null;
    }
    const { shown, place, close } = editorBlock(refresh);
    return h('div', { class: 'page-actions' },
             opener('Set an objective', place, async () => writeForm({
                 id: 'set-objective', submit: 'Set the objective', done: close, cancel: close,
                 fields: [
                     { name: 'title', label: 'Title', required: true, attributes: { maxlength: 200 } },
                     { name: 'ownerTeamId', label: 'Owner', type: 'select', options: await ownerOptions() },
                     { name: 'parentObjectiveId', label: 'Aligned under', type: 'select',
                       options: [{ value: '', label: 'nothing (a top-level objective)' },
                                 ...okrs.objectives.map(objective => ({ value: objective.objectiveId,
                                                                        label: objective.title }))] },
                     idField,
                 ],
                 request: values => ({ method: 'POST', path: '/api/objectives', body: {
                     id: values.id || undefined, cycleId: cycle.id, ownerTeamId: values.ownerTeamId || undefined,
                     title: values.title, parentObjectiveId: values.parentObjectiveId || undefined } }),
             }), { id: 'open-set-objective' }),
             opener('Import a file', place, () => importPanel({ cycle, kind: 'okr-imports', close }),
                    { id: 'open-okr-import' }),
             shown);
}

/**
 * The lead's writes on an objective (add a key result, review, grade, carry forward), as buttons opening their
 * editor below the objective; null when the user may make none.
 */
export function objectiveActions({ objective, cycle, cycles, okrs, refresh }) {
    if (objective.archived || !may('LEAD', objective.ownerTeamId)) {
        return null;
    }
    const { shown, place, close } = editorBlock(refresh);
    const context = { objective, cycle, cycles, okrs, done: close, cancel: close };
    const active = objective.status === 'ACTIVE';
    const id = objective.objectiveId;
    const buttons = [
        active && takesWork(cycle)
            ? opener('Add a key result', place, () => keyResultForm(context), { 'data-action': 'key-result' }) : null,
        active && takesWork(cycle)
            ? opener('Review', place, () => reviewForm(context), { 'data-action': 'review' }) : null,
        active && objective.keyResults.length && ['COMMITTED', 'CLOSED'].includes(cycle.status)
            ? opener('Grade', place, () => gradeForm(context), { 'data-action': 'grade' }) : null,
        !objective.successorObjectiveId && laterCycles(cycle, cycles).length
            ? opener('Carry forward', place, () => carryForwardForm(context), { 'data-action': 'carry-forward' })
            : null,
    ].filter(Boolean);
    return buttons.length ? h('div', { class: 'objective-actions', 'data-actions-of': id }, buttons, shown) : null;
}

async function keyResultForm({ objective, done, cancel }) {
    const { version } = await getVersioned(path(objective.objectiveId));
    const id = objective.objectiveId;
    return writeForm({
        id: `key-result-${id}`, submit: 'Add the key result', done, cancel, reload: () => done(),
        fields: [
            { name: 'title', label: 'Title', required: true, attributes: { maxlength: 200 } },
            { name: 'metric', label: 'Metric', required: true, attributes: { maxlength: 200 } },
            { name: 'unit', label: 'Unit', required: true, attributes: { maxlength: 200 } },
            { name: 'baseline', label: 'Baseline', type: 'number', required: true },
            { name: 'target', label: 'Target', type: 'number', required: true },
            { name: 'direction', label: 'Direction', type: 'select',
              options: [{ value: '', label: 'from baseline to target' },
                        ...DIRECTIONS.map(direction => ({ value: direction, label: words(direction) }))] },
            { name: 'spaceDimension', label: 'SPACE dimension', type: 'select',
              options: [{ value: '', label: 'none' },
                        ...SPACE.map(dimension => ({ value: dimension, label: words(dimension) }))] },
            idField,
        ],
        request: values => ({ method: 'POST', path: `${path(id)}/key-results`, ifMatch: version, body: {
            id: values.id || undefined, title: values.title, metric: values.metric, unit: values.unit,
            baseline: numberOrText(values.baseline), target: numberOrText(values.target),
            direction: values.direction || undefined, spaceDimension: values.spaceDimension || undefined } }),
    });
}

/**
 * The check-in button of a key result's row, for contributors while the objective takes check-ins; its form opens in
 * `place` (below the row), on the objective's version.
 */
export function checkInAction({ objective, keyResult, cycle, place, refresh }) {
    if (objective.archived || objective.status !== 'ACTIVE' || !takesWork(cycle) || !may('CONTRIBUTOR')) {
        return null;
    }
    const close = () => {
        place.close();
        refresh();
    };
    return opener('Check in', place, () => checkInForm({ objective, keyResult, done: close, cancel: close }),
                  { 'data-action': 'check-in' });
}

async function checkInForm({ objective, keyResult, done, cancel }) {
    const { version } = await getVersioned(path(objective.objectiveId));
    return writeForm({
        id: `check-in-${objective.objectiveId}-${keyResult.keyResultId}`, submit: 'Check in', done, cancel,
        reload: () => done(),
        fields: [
            { name: 'value', label: `Value (${keyResult.unit})`, type: 'number', required: true,
              value: keyResult.current ?? '' },
            { name: 'confidence', label: 'Confidence (0 to 1)', type: 'number', required: true,
              value: keyResult.confidence ?? '', attributes: { min: 0, max: 1, step: 0.05 } },
            { name: 'comment', label: 'Comment', attributes: { maxlength: 2000 } },
            { name: 'measuredAt', label: 'Measured at', type: 'datetime-local',
              help: 'your time; left empty, now', attributes: { step: 1 } },
        ],
        request: values => ({
            method: 'POST', ifMatch: version,
            path: `${path(objective.objectiveId)}/key-results/${encodeURIComponent(keyResult.keyResultId)}/check-ins`,
            body: { value: numberOrText(values.value), confidence: numberOrText(values.confidence),
                    comment: values.comment || undefined,
                    measuredAt: values.measuredAt ? instantOrText(values.measuredAt) : undefined } }),
    });
}

/** A review: keep, adjust (then the title, owner or parent it changes) or retire, with the reason. */
async function reviewForm({ objective, okrs, done, cancel }) {
    const [{ version }, owners] = await Promise.all([getVersioned(path(objective.objectiveId)),
                                                     ownerOptions(objective.ownerTeamId)]);
    const id = objective.objectiveId;
    const parents = okrs.objectives.filter(other => other.objectiveId !== id)
                                   .map(other => ({ value: other.objectiveId, label: other.title }));
    const current = { 'changes.title': objective.title, 'changes.ownerTeamId': objective.ownerTeamId ?? '',
                      'changes.parentObjectiveId': objective.parentObjectiveId ?? '' };
    const form = writeForm({
        id: `review-${id}`, submit: `Review ${objective.title}`, done, cancel, reload: () => done(),
        fields: [
            { name: 'outcome', label: 'Outcome', type: 'select', value: 'KEEP',
              options: OUTCOMES.map(outcome => ({ value: outcome, label: words(outcome) })) },
            reasonField(true),
            { name: 'changes.title', label: 'Title', value: objective.title, hidden: true,
              attributes: { maxlength: 200 } },
            { name: 'changes.ownerTeamId', label: 'Owner', type: 'select', value: current['changes.ownerTeamId'],
              options: owners, hidden: true },
            { name: 'changes.parentObjectiveId', label: 'Aligned under', type: 'select',
              value: current['changes.parentObjectiveId'], hidden: true,
              options: [...(objective.parentObjectiveId ? [] : [{ value: '', label: 'nothing (top level)' }]),
                        ...parents] },
        ],
        request: values => {
            const changed = Object.keys(current).filter(name => values[name] !== current[name] && values[name] !== '');
            const changes = Object.fromEntries(changed.map(name => [name.slice('changes.'.length), values[name]]));
            return { method: 'POST', path: `${path(id)}/reviews`, ifMatch: version, body: {
                outcome: values.outcome, reason: values.reason,
                changes: values.outcome === 'ADJUST' ? changes : undefined } };
        },
    });
    // What an adjustment changes is asked for when the outcome is to adjust.
    const outcome = form.elements.outcome;
    const showChanges = () => {
        for (const name of Object.keys(current)) {
            form.querySelector(`.field[data-field="${name}"]`).hidden = outcome.value !== 'ADJUST';
        }
    };
    outcome.addEventListener('change', showChanges);
    return form;
}

/** The grade: each key result's grade (0 to 1), or, left empty, its progress; the objective's is their mean. */
async function gradeForm({ objective, done, cancel }) {
    const { version } = await getVersioned(path(objective.objectiveId));
    const id = objective.objectiveId;
    return writeForm({
        id: `grade-${id}`, submit: `Grade ${objective.title}`, done, cancel, reload: () => done(),
        fields: [
            ...objective.keyResults.map(keyResult => ({
                name: `grades.${keyResult.keyResultId}`, label: `Grade of ${keyResult.title} (0 to 1)`,
                type: 'number', attributes: { min: 0, max: 1, step: 0.1 },
                help: `left empty, its progress: ${percent(keyResult.progress)}` })),
            reasonField(false),
        ],
        request: values => {
            const grades = Object.fromEntries(objective.keyResults
                .filter(keyResult => values[`grades.${keyResult.keyResultId}`] !== '')
                .map(keyResult => [keyResult.keyResultId, numberOrText(values[`grades.${keyResult.keyResultId}`])]));
            return { method: 'POST', path: `${path(id)}/grade`, ifMatch: version, body: {
                grades: Object.keys(grades).length ? grades : undefined, reason: values.reason || undefined } };
        },
    });
}

/** Carrying forward to a later open cycle, with the key results ticked (those short of their target, at first). */
async function carryForwardForm({ objective, cycle, cycles, done, cancel }) {
    const { version } = await getVersioned(path(objective.objectiveId));
    const id = objective.objectiveId;
    const ticked = keyResult => `keyResultIds.${keyResult.keyResultId}`;
    return writeForm({
        id: `carry-forward-${id}`, submit: `Carry ${objective.title} forward`, done, cancel, reload: () => done(),
        fields: [
            { name: 'toCycleId', label: 'To the cycle', type: 'select', required: true,
              options: laterCycles(cycle, cycles).map(other => ({
                  value: other.id, label: `${other.name} (from ${other.startDate})` })) },
            ...objective.keyResults.map(keyResult => ({
                name: ticked(keyResult), label: `Carry ${keyResult.title} (${percent(keyResult.progress)})`,
                type: 'checkbox', value: Number(keyResult.progress ?? 0) < 1 })),
            reasonField(true),
            { ...idField, name: 'newObjectiveId', label: 'Id of the successor',
              help: "left empty, made from this objective's id and the cycle's" },
        ],
        request: values => ({ method: 'POST', path: `${path(id)}/carry-forward`, ifMatch: version, body: {
            toCycleId: values.toCycleId, newObjectiveId: values.newObjectiveId || undefined,
            keyResultIds: objective.keyResults.filter(keyResult => values[ticked(keyResult)])
                                              .map(keyResult => keyResult.keyResultId),
            reason: values.reason } }),
    });
}

/**
 * "Record a lesson" about the cycle, for contributors (a closed cycle takes lessons too), about one of the
 * subjects ([{id, label}]: its objectives and initiatives) or the cycle as a whole.
 */
export function lessonAction({ cycle, subjects, refresh }) {
    if (cycle.archived || !may('CONTRIBUTOR')) {
        return null;
    }
    const { shown, place, close } = editorBlock(refresh);
    return h('div', { class: 'page-actions' },
             opener('Record a lesson', place, () => writeForm({
                 id: 'lesson', submit: 'Record the lesson', done: close, cancel: close,
                 fields: [
                     { name: 'text', label: 'Lesson', type: 'textarea', required: true, attributes: { maxlength: 4000 } },
                     { name: 'tags', label: 'Tags', help: 'separated by commas, at most 20',
                       attributes: { maxlength: 1400 } },
                     { name: 'subjectId', label: 'About', type: 'select',
                       options: [{ value: '', label: 'the cycle as a whole' },
                                 ...subjects.map(subject => ({ value: subject.id, label: subject.label }))] },
                 ],
                 request: values => {
                     const tags = values.tags.split(',').map(tag => tag.trim()).filter(Boolean);
                     return { method: 'POST', path: '/api/lessons', body: {
                         cycleId: cycle.id, subjectId: values.subjectId || undefined, text: values.text,
                         tags: tags.length ? tags : undefined } };
                 },
             }), { id: 'open-lesson' }),
             shown);
}
