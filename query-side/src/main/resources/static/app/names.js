// Names for the ids the API answers (teams, initiatives, objectives and their key results, cycles), each shown
// linked to its decision history. Read once per cycle: the teams once, the cycle's initiatives and objectives
// again only when a live page sees new events, never per step of the time slider. An id of another cycle (a
// dependency planned later, an objective carried forward) is read on its own, once.
import { get } from './api.js';
import { h } from './ui.js';

/** Ids read on their own answer no more than this many reads per page drawn; the rest show their id. */
const SINGLE_READS = 30;

let teams = null;          // { cycleId, promise }
let cycleItems = null;     // { cycleId, viewsAsOf, promise }
const singles = new Map(); // "kind:id" → name, for ids outside the cycle's views
let version = 0;

/** The names for a cycle's pages; `travelling` (a past instant shown) keeps what was read. */
export async function namesFor(cycle, { viewsAsOf, travelling, cycles }) {
    if (!teams || teams.cycleId !== cycle.id) {
        teams = { cycleId: cycle.id, promise: quietly(get('/api/teams?archived=include'), { teams: [] }) };
        version++;
    }
    if (!cycleItems || cycleItems.cycleId !== cycle.id || (!travelling && cycleItems.viewsAsOf !== viewsAsOf)) {
        const path = `/api/cycles/${encodeURIComponent(cycle.id)}`;
        cycleItems = { cycleId: cycle.id, viewsAsOf,
                       promise: Promise.all([quietly(get(`${path}/roadmap?archived=include`), { items: [] }),
                                             quietly(get(`${path}/okrs?archived=include`), { objectives: [] })]) };
        version++;
    }
    const [teamsAnswer, [roadmap, okrs]] = await Promise.all([teams.promise, cycleItems.promise]);
    return new Names(teamsAnswer, roadmap, okrs, cycles || [], version);
}

/** A read that fails leaves ids shown as ids, and is tried again next time. */
function quietly(promise, instead) {
    return promise.catch(() => {
        teams = null;
        cycleItems = null;
        return instead;
    });
}

const READS = {
    initiative: id => get(`/api/initiatives/${encodeURIComponent(id)}`).then(answer => answer.title),
    objective: id => get(`/api/objectives/${encodeURIComponent(id)}`).then(answer => answer.title),
    team: id => get(`/api/teams/${encodeURIComponent(id)}`).then(answer => answer.name),
    cycle: id => get(`/api/cycles/${encodeURIComponent(id)}`).then(answer => answer.name),
};

export class Names {
    constructor(teamsAnswer, roadmap, okrs, cycles, version) {
        this.version = version;
        this.names = {
            team: new Map(teamsAnswer.teams.map(team => [team.id, team.name])),
            initiative: new Map(roadmap.items.map(item => [item.initiativeId, item.title])),
            objective: new Map(okrs.objectives.map(objective => [objective.objectiveId, objective.title])),
            cycle: new Map(cycles.map(cycle => [cycle.id, cycle.name])),
        };
        this.keyResults = new Map(okrs.objectives.flatMap(objective => objective.keyResults.map(keyResult =>
            [`${objective.objectiveId}/${keyResult.keyResultId}`, keyResult.title])));
    }

    /** The name of a team, initiative, objective or cycle; its id when not known. */
    of(kind, id) {
        return this.names[kind]?.get(id) ?? singles.get(`${kind}:${id}`) ?? id;
    }

    keyResult(objectiveId, keyResultId) {
        return this.keyResults.get(`${objectiveId}/${keyResultId}`) ?? keyResultId;
    }

    /** The name, linked to the item's decision history; its id on hover. */
    link(kind, id) {
        if (!id) {
            return null;
        }
        return h('a', { href: `#/history/${kind}/${encodeURIComponent(id)}`, class: 'subject',
                        'data-subject': `${kind}:${id}`, title: `${kind} ${id}` }, this.of(kind, id));
    }

    /** What an id of no known kind (a lesson's subject) names: the first kind that knows it. */
    kindOf(id) {
        return Object.keys(this.names).find(kind => this.names[kind].has(id) || singles.has(`${kind}:${id}`))
               || 'initiative';
    }

    /** Reads, one by one, the names of ids outside the cycle's views; those that fail stay ids. */
    async complete(kind, ids) {
        const missing = [...new Set(ids)].filter(id => id && !this.names[kind].has(id)
                                                       && !singles.has(`${kind}:${id}`)).slice(0, SINGLE_READS);
        await Promise.all(missing.map(id => READS[kind](id).then(name => singles.set(`${kind}:${id}`, name),
                                                                 () => singles.set(`${kind}:${id}`, id))));
    }
}

/** What a decision is about, by its type (a guardrail override: the initiative allocated to, else the team). */
export function subjectKind(decision) {
    const type = decision.type;
    if (type === 'GuardrailOverridden') {
        return decision.values?.cause === 'ALLOCATION' ? 'initiative' : 'team';
    }
    if (type.startsWith('Initiative') || type === 'CapacityAllocated') {
        return 'initiative';
    }
    if (type.startsWith('Objective')) {
        return 'objective';
    }
    if (type.startsWith('Team')) {
        return 'team';
    }
    return 'cycle';
}
