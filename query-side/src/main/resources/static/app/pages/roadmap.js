// The roadmap: initiatives ranked by RICE, filters, RICE inputs on hover or focus, dependency risks marked, what
// changed since the instant drawn before highlighted, and the comparison of the roadmap at two instants (the diff
// API). Teams, initiatives and objectives show by name, linked to their decision history.
import { fingerprint, get, query } from '../api.js';
import { may } from '../caller.js';
import { editorBlock, opener, rowPlace } from '../forms.js';
import { empty, h, instant, number, section, words } from '../ui.js';
import { cycleActions } from '../writes/cycles.js';
import { importPanel } from '../writes/imports.js';
import { proposeForm, rowActions } from '../writes/initiatives.js';

const CATEGORIES = ['NEW_INITIATIVE', 'KTLO', 'TEAM_INITIATIVE'];
/** Rows drawn at first: a semester of thousands of initiatives draws in a blink, the rest on request. */
const FIRST_ROWS = 200;
/** Entries of each list of the diff drawn at first; the rest on request. */
const FIRST_CHANGES = 20;
const STATUSES = ['PROPOSED', 'COMMITTED', 'IN_PROGRESS', 'DONE', 'DROPPED'];

/** The roadmap drawn last (its cycle, instant and each item's rank, score and status), to show what moved since. */
let before = null;

export async function render({ cycle, asOf, params, signal, navigate, names, cycles, refresh }) {
    const path = `/api/cycles/${encodeURIComponent(cycle.id)}`;
    // Writes are offered on the plan as it is now, never on a past instant.
    const writing = !asOf && may('CONTRIBUTOR');
    const [roadmap, diff, allTeams] = await Promise.all([
        get(`${path}/roadmap${query({ asOf })}`, { signal }),
        params.get('from') && params.get('to')
            ? get(`${path}/roadmap/diff${query({ from: params.get('from'), to: params.get('to') })}`, { signal })
            : null,
        writing ? get('/api/teams', { signal }) : null]);
    const writes = writing ? { cycle, cycles, roadmap, refresh } : null;
    await names.complete('initiative', [
        ...roadmap.items.flatMap(item => item.dependencyRisks.map(risk => risk.dependsOn)),
        ...(diff ? [diff.rankChanges, diff.scoreChanges, diff.statusChanges, diff.allocationChanges]
                       .flatMap(list => list.map(change => change.initiativeId)) : [])]);
    const filters = { team: params.get('team'), category: params.get('category'), status: params.get('status') };
    const teams = [...new Set(roadmap.items.map(item => item.teamId))].sort();
    const shown = roadmap.items.filter(item => (!filters.team || item.teamId === filters.team)
                                               && (!filters.category || item.category === filters.category)
                                               && (!filters.status || item.status === filters.status));
    const now = new Map(roadmap.items.map(item => [item.initiativeId, figures(item)]));
    const since = before && before.cycleId === cycle.id && before.asOf !== roadmap.asOf ? before : null;
    const moved = since ? movedSince(since.items, now) : new Map();
    if (signal.aborted) {
        throw new DOMException('a newer drawing was asked for', 'AbortError');
    }
    before = { cycleId: cycle.id, asOf: roadmap.asOf, shownAsOf: asOf, items: now };
    const content = h('div', { class: 'roadmap' },
             section(`Roadmap of ${cycle.name}`,
                     h('p', { class: 'muted', 'data-instant': 'roadmap-as-of' },
                       'Ranked by RICE score; unscored last; ties by title. ',
                       'Views as of ', instant(roadmap.asOf), '.'),
                     writes ? cycleActions({ cycle, refresh, onStarted: async id => {
                         await refresh();
                         location.hash = `#/cycles/${encodeURIComponent(id)}/roadmap`;
                     } }) : null,
                     writes ? propose(cycle, allTeams.teams, refresh) : null,
                     filterBar(filters, teams, navigate, names),
                     moved.size ? legend(since, moved) : null,
                     roadmap.items.length === 0
                     ? empty('No initiative in this cycle yet',
                             'Propose one (above, or with POST /api/initiatives) and score it with RICE; it appears '
                             + 'here.')
                     : shown.length === 0 ? empty('Nothing matches these filters', 'Clear a filter to see more.')
                     : table(shown, params.get('rows') === 'all', navigate, filters, names, moved, writes)),
             compare(cycle, params, diff, navigate, names));
    content.fingerprint = fingerprint(roadmap, diff, [...moved], Boolean(writes));
    return content;
}

function figures(item) {
    return { rank: item.rank, score: item.rice?.score ?? null, status: item.status };
}

/** For each item whose rank, score or status differs from before (or is new): what it was, per figure. */
function movedSince(then, now) {
    const moved = new Map();
    for (const [id, figures] of now) {
        const was = then.get(id);
        if (!was) {
            moved.set(id, { entered: true });
            continue;
        }
        const changed = Object.fromEntries(Object.keys(figures)
            .filter(name => String(was[name]) !== String(figures[name])).map(name => [name, was[name]]));
        if (Object.keys(changed).length) {
            moved.set(id, changed);
        }
    }
    return moved;
}

function legend(since, moved) {
    return h('p', { class: 'legend', id: 'changes-legend' },
             h('span', {}, h('span', { class: 'swatch changed' }), 'rank, score or status changed'),
             h('span', {}, h('span', { class: 'swatch entered' }), 'new'),
             h('span', {}, `since the roadmap drawn before (${moved.size}), `,
               since.shownAsOf ? ['as of ', instant(since.shownAsOf)] : 'then live'));
}

function filterBar(filters, teams, navigate, names) {
    const select = (name, label, values, show) => h('label', {}, label, ' ',
        h('select', { name, onchange: event => navigate({ ...filters, [name]: event.target.value }) },
          h('option', { value: '' }, 'all'),
          values.map(value => h('option', { value, selected: filters[name] === value }, show(value)))));
    return h('div', { class: 'filters' },
             select('team', 'Team', teams, team => names.of('team', team)),
             select('category', 'Category', CATEGORIES, words),
             select('status', 'Status', STATUSES, words));
}

/** A proposal's form and the import of a file, opened from buttons, for contributors while the cycle takes new work. */
function propose(cycle, teams, refresh) {
    if (cycle.status === 'CLOSED' || cycle.archived) {
        return null;
    }
    const { shown, place, close } = editorBlock(refresh);
    const open = teams.filter(team => !team.archived);
    return h('div', { class: 'page-actions' },
             opener('Propose an initiative', place,
                    () => proposeForm({ cycle, teams: open, done: close, cancel: close }), { id: 'open-propose' }),
             opener('Import a file', place, () => importPanel({ cycle, kind: 'imports', close }),
                    { id: 'open-import' }),
             shown);
}

function table(all, everyRow, navigate, filters, names, moved, writes) {
    const items = everyRow ? all : all.slice(0, FIRST_ROWS);
    const more = all.length - items.length;
    const columns = ['Rank', 'Initiative', 'Team', 'Category', 'Status', 'RICE score', 'Person-weeks', 'Key results',
                     'Dependency risks', writes ? 'Decide' : null].filter(Boolean);
    return [h('div', { class: 'scroll' }, h('table', { id: 'roadmap-table' },
        h('thead', {}, h('tr', {}, columns.map(title => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, items.map(item => row(item, names, moved.get(item.initiativeId), writes, columns.length))))),
            more > 0 ? h('p', {}, `The first ${items.length} of ${all.length}. `,
                         h('button', { type: 'button', id: 'every-row', onclick: () => navigate({ ...filters, rows: 'all' }) },
                           `Show all ${all.length}`)) : null];
}

/** A roadmap row, what moved since the instant drawn before marked; its writes open in a row inserted below it. */
function row(item, names, change, writes, width) {
    const changed = name => Boolean(change && name in change);
    const was = (name, shown) => changed(name) ? `was ${shown(change[name])}` : null;
    const tr = h('tr', { 'data-initiative': item.initiativeId,
                         class: [item.dependencyRisks.length ? 'at-risk' : null,
                                 change ? (change.entered ? 'entered' : 'changed') : null]
                             .filter(Boolean).join(' ') || null });
    const place = rowPlace(tr, width, item.initiativeId);
    tr.append(
        h('td', { class: changed('rank') ? 'rank changed' : 'rank', title: was('rank', rank => rank ?? '–') },
          item.rank ?? '–'),
        h('td', {}, h('a', { href: `#/history/initiative/${encodeURIComponent(item.initiativeId)}` }, item.title)),
        h('td', { class: 'team' }, names.link('team', item.teamId)),
        h('td', {}, words(item.category)),
        h('td', { class: changed('status') ? 'changed' : null, title: was('status', words) },
          h('span', { class: `status ${item.status}` }, words(item.status))),
        h('td', { class: changed('score') ? 'score changed' : 'score',
                  title: was('score', score => number(score, 2)) }, rice(item.rice)),
        h('td', { class: 'number allocated' }, number(item.allocatedPersonWeeks, 0)),
        h('td', {}, item.keyResults.map(link => h('div', {}, names.link('objective', link.objectiveId), ' / ',
                                                  names.keyResult(link.objectiveId, link.keyResultId)))),
        h('td', { class: 'risks' }, item.dependencyRisks.map(risk => h('div', { class: 'risk' },
            h('span', { 'aria-hidden': 'true' }, '⚠ '), names.link('initiative', risk.dependsOn),
            `: ${risk.reason}`))));
    if (writes) {
        tr.append(h('td', { class: 'actions' }, decisions(rowActions({ item, ...writes, place }))));
    }
    return tr;
}

/** The score and the next step at hand; the rarer writes behind "More". */
function decisions(actions) {
    const first = ['score', 'commit', 'start', 'complete'];
    const rest = actions.filter(button => !first.includes(button.dataset.action));
    return [actions.filter(button => first.includes(button.dataset.action)),
            rest.length ? h('details', { class: 'more' }, h('summary', {}, 'More'), rest) : null];
}

/** The score, with the RICE inputs in a tip shown on hover and on keyboard focus. */
function rice(inputs) {
    if (!inputs || inputs.score === null || inputs.score === undefined) {
        return h('span', { class: 'muted' }, 'unscored');
    }
    const tip = `Reach ${inputs.reach} × impact ${inputs.impact} × confidence ${inputs.confidence} ÷ effort `
                + `${inputs.effort} person-weeks`;
    return h('span', { class: 'tip', tabindex: 0, 'data-tip': tip, 'aria-label': `${number(inputs.score, 2)}: ${tip}` },
             number(inputs.score, 2));
}

function compare(cycle, params, diff, navigate, names) {
    const local = iso => iso ? new Date(Date.parse(iso) - new Date().getTimezoneOffset() * 60000).toISOString()
                                                                                                  .slice(0, 19) : '';
    const from = h('input', { type: 'datetime-local', step: 1, name: 'from', value: local(params.get('from')
                                                                                         || cycle.policyHistory[0].from) });
    const to = h('input', { type: 'datetime-local', step: 1, name: 'to', value: local(params.get('to')
                                                                                     || new Date().toISOString()) });
    const form = h('form', { class: 'compare', onsubmit: event => {
        event.preventDefault();
        navigate({ from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString() });
    } }, h('label', {}, 'From ', from), h('label', {}, 'to ', to), h('button', { type: 'submit' }, 'Compare'));
    return section('Compare two instants', form, diff ? changes(diff, names) : h('p', { class: 'muted' },
        'Pick two instants to see what entered and left the roadmap and what moved between them.'));
}

/** Each list of the diff by name, the first entries drawn, the rest when asked for. */
function changes(diff, names) {
    const list = (id, title, entries, show) => {
        const items = h('ul', {});
        const draw = count => items.replaceChildren(...entries.slice(0, count).map(entry => h('li', {}, show(entry))));
        draw(FIRST_CHANGES);
        const all = entries.length > FIRST_CHANGES
            ? h('button', { type: 'button', class: 'show-all', onclick: event => {
                draw(entries.length);
                event.target.remove();
            } }, `Show all ${entries.length}`) : null;
        return h('div', { class: 'changes', 'data-list': id }, h('h3', {}, `${title} (${entries.length})`),
                 entries.length ? [items, all] : h('p', { class: 'muted' }, 'none'));
    };
    const initiative = (entry, rest) => [names.link('initiative', entry.initiativeId), rest];
    return h('div', { id: 'diff', class: 'diff' },
             list('entered', 'Entered', diff.entered, entry => [
                 h('a', { href: `#/history/initiative/${encodeURIComponent(entry.initiativeId)}`, class: 'subject' },
                   entry.title), ` (rank ${entry.rank ?? '–'})`]),
             list('left', 'Left', diff.left, entry =>
                 h('a', { href: `#/history/initiative/${encodeURIComponent(entry.initiativeId)}`, class: 'subject' },
                   entry.title)),
             list('rank', 'Rank changes', diff.rankChanges,
                  change => initiative(change, `: ${change.fromRank ?? '–'} → ${change.toRank ?? '–'}`)),
             list('score', 'Score changes', diff.scoreChanges,
                  change => initiative(change, `: ${number(change.fromScore, 2)} → ${number(change.toScore, 2)}`)),
             list('status', 'Status changes', diff.statusChanges,
                  change => initiative(change, `: ${words(change.fromStatus) || '–'} → ${words(change.toStatus)}`)),
             list('allocation', 'Allocation changes', diff.allocationChanges,
                  change => initiative(change,
                                       `: ${number(change.fromPersonWeeks)} → ${number(change.toPersonWeeks)} person-weeks`)));
}
