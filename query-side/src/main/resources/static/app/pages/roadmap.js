// The roadmap: initiatives ranked by RICE, filters, RICE inputs on hover or focus, dependency risks marked, and
// the comparison of the roadmap at two instants (the diff API).
import { get, query } from '../api.js';
import { may } from '../caller.js';
import { editorPlace, opener } from '../forms.js';
import { empty, h, instant, number, section, words } from '../ui.js';
import { cycleActions } from '../writes/cycles.js';
import { proposeForm, rowActions } from '../writes/initiatives.js';

const CATEGORIES = ['NEW_INITIATIVE', 'KTLO', 'TEAM_INITIATIVE'];
/** Rows drawn at first: a semester of thousands of initiatives draws in a blink, the rest on request. */
const FIRST_ROWS = 200;
const STATUSES = ['PROPOSED', 'COMMITTED', 'IN_PROGRESS', 'DONE', 'DROPPED'];

export async function render({ cycle, asOf, params, signal, navigate, cycles, refresh }) {
    const [roadmap, allTeams] = await Promise.all([
        get(`/api/cycles/${encodeURIComponent(cycle.id)}/roadmap${query({ asOf })}`, { signal }),
        asOf || !may('CONTRIBUTOR') ? null : get('/api/teams', { signal })]);
    // Writes are offered on the plan as it is now, never on a past instant.
    const writes = asOf || !may('CONTRIBUTOR') ? null : { cycle, cycles, roadmap, refresh };
    const filters = { team: params.get('team'), category: params.get('category'), status: params.get('status') };
    const teams = [...new Set(roadmap.items.map(item => item.teamId))].sort();
    const shown = roadmap.items.filter(item => (!filters.team || item.teamId === filters.team)
                                               && (!filters.category || item.category === filters.category)
                                               && (!filters.status || item.status === filters.status));
    const diff = params.get('from') && params.get('to')
                 ? await get(`/api/cycles/${encodeURIComponent(cycle.id)}/roadmap/diff${query({
                     from: params.get('from'), to: params.get('to') })}`, { signal })
                 : null;
    return h('div', { class: 'roadmap' },
             section(`Roadmap of ${cycle.name}`,
                     h('p', { class: 'muted' }, 'Ranked by RICE score; unscored last; ties by title. ',
                       'Views as of ', instant(roadmap.asOf), '.'),
                     writes ? cycleActions({ cycle, refresh, onStarted: async id => {
                         await refresh();
                         location.hash = `#/cycles/${encodeURIComponent(id)}/roadmap`;
                     } }) : null,
                     writes ? propose(cycle, allTeams.teams, refresh) : null,
                     filterBar(filters, teams, navigate),
                     roadmap.items.length === 0
                     ? empty('No initiative in this cycle yet',
                             'Propose one (above, or with POST /api/initiatives) and score it with RICE; it appears '
                             + 'here.')
                     : shown.length === 0 ? empty('Nothing matches these filters', 'Clear a filter to see more.')
                     : table(shown, params.get('rows') === 'all', navigate, filters, writes)),
             compare(cycle, params, diff, navigate));
}

function filterBar(filters, teams, navigate) {
    const select = (name, label, values, show) => h('label', {}, label, ' ',
        h('select', { name, onchange: event => navigate({ ...filters, [name]: event.target.value }) },
          h('option', { value: '' }, 'all'),
          values.map(value => h('option', { value, selected: filters[name] === value }, show(value)))));
    return h('div', { class: 'filters' },
             select('team', 'Team', teams, team => team),
             select('category', 'Category', CATEGORIES, words),
             select('status', 'Status', STATUSES, words));
}

/** A proposal's form, opened from a button, for contributors while the cycle takes new work. */
function propose(cycle, teams, refresh) {
    if (cycle.status === 'CLOSED' || cycle.archived) {
        return null;
    }
    const shown = h('div', { class: 'editor' });
    const place = editorPlace(shown);
    const close = () => {
        place.close();
        refresh();
    };
    const open = teams.filter(team => !team.archived);
    return h('div', { class: 'page-actions' },
             opener('Propose an initiative', place, () => proposeForm({ cycle, teams: open, done: close, cancel: close }),
                    { id: 'open-propose' }),
             shown);
}

function table(all, everyRow, navigate, filters, writes) {
    const items = everyRow ? all : all.slice(0, FIRST_ROWS);
    const more = all.length - items.length;
    const columns = ['Rank', 'Initiative', 'Team', 'Category', 'Status', 'RICE score', 'Person-weeks', 'Key results',
                     'Dependency risks', writes ? 'Decide' : null].filter(Boolean);
    return [h('div', { class: 'scroll' }, h('table', { id: 'roadmap-table' },
        h('thead', {}, h('tr', {}, columns.map(title => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, items.map(item => row(item, writes, columns.length))))),
            more > 0 ? h('p', {}, `The first ${items.length} of ${all.length}. `,
                         h('button', { type: 'button', id: 'every-row', onclick: () => navigate({ ...filters, rows: 'all' }) },
                           `Show all ${all.length}`)) : null];
}

/** A roadmap row; its writes open their editor in a row inserted below it while it is open. */
function row(item, writes, width) {
    const tr = h('tr', { 'data-initiative': item.initiativeId, class: item.dependencyRisks.length ? 'at-risk' : null });
    const cell = h('td', { colspan: width });
    const editor = h('tr', { class: 'editor', 'data-editor-of': item.initiativeId }, cell);
    const shown = editorPlace(editor, cell);
    const place = {
        open(form) {
            tr.after(editor);
            shown.open(form);
        },
        close() {
            shown.close();
            editor.remove();
        },
    };
    const actions = writes ? rowActions({ item, ...writes, place }) : [];
    tr.append(...[
            h('td', { class: 'rank' }, item.rank ?? '–'),
            h('td', {}, h('a', { href: `#/history/initiative/${encodeURIComponent(item.initiativeId)}` }, item.title)),
            h('td', {}, item.teamId),
            h('td', {}, words(item.category)),
            h('td', {}, h('span', { class: `status ${item.status}` }, words(item.status))),
            h('td', { class: 'score' }, rice(item.rice)),
            h('td', { class: 'number allocated' }, number(item.allocatedPersonWeeks, 0)),
            h('td', {}, item.keyResults.map(link => h('div', {}, `${link.objectiveId} / ${link.keyResultId}`))),
            h('td', { class: 'risks' }, item.dependencyRisks.map(risk => h('div', { class: 'risk' },
                h('span', { 'aria-hidden': 'true' }, '⚠ '), `${risk.dependsOn}: ${risk.reason}`))),
            writes ? h('td', { class: 'actions' }, decisions(actions)) : null].filter(Boolean));
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

function compare(cycle, params, diff, navigate) {
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
    return section('Compare two instants', form, diff ? changes(diff) : h('p', { class: 'muted' },
        'Pick two instants to see what entered and left the roadmap and what moved between them.'));
}

function changes(diff) {
    const list = (title, entries, show) => h('div', { class: 'changes' }, h('h3', {}, `${title} (${entries.length})`),
        entries.length ? h('ul', {}, entries.map(entry => h('li', {}, show(entry)))) : h('p', { class: 'muted' }, 'none'));
    return h('div', { id: 'diff', class: 'diff' },
             list('Entered', diff.entered, entry => `${entry.title} (rank ${entry.rank ?? '–'})`),
             list('Left', diff.left, entry => `${entry.title}`),
             list('Rank changes', diff.rankChanges,
                  change => `${change.initiativeId}: ${change.fromRank ?? '–'} → ${change.toRank ?? '–'}`),
             list('Score changes', diff.scoreChanges,
                  change => `${change.initiativeId}: ${number(change.fromScore, 2)} → ${number(change.toScore, 2)}`),
             list('Status changes', diff.statusChanges,
                  change => `${change.initiativeId}: ${words(change.fromStatus) || '–'} → ${words(change.toStatus)}`),
             list('Allocation changes', diff.allocationChanges,
                  change => `${change.initiativeId}: ${number(change.fromPersonWeeks)} → ${number(change.toPersonWeeks)} person-weeks`));
}
