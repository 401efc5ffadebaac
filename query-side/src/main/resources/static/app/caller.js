// Who is signed in and what the roles allow, so that the pages offer only the writes the engine would accept from
// this user. The engine still decides: a write it refuses (403) is shown as any refusal.
import { get } from './api.js';

const ORDER = ['VIEWER', 'CONTRIBUTOR', 'LEAD', 'PLANNER', 'ADMIN'];
let signedIn = { name: null, roles: [], leads: [] };

export async function loadCaller() {
    signedIn = await get('/api/me');
    return signedIn;
}

/**
 * Whether the caller holds the role; for LEAD, of the team given (a planner leads every team), or of any team when
 * none is given (an organisation's objective, teamId null, is a planner's).
 */
export function may(role, teamId) {
    if (role !== 'LEAD') {
        return signedIn.roles.includes(role);
    }
    if (signedIn.roles.includes('PLANNER')) {
        return true;
    }
    return teamId === undefined ? signedIn.leads.length > 0 : teamId !== null && signedIn.leads.includes(teamId);
}

export function highestRole() {
    return ORDER.filter(role => signedIn.roles.includes(role)).pop() || null;
}
