// Small helpers to build the page: elements, numbers and instants as the API gives them, empty states.

/** An element with attributes (on… are listeners) and children (text, elements, arrays, null for nothing). */
export function h(tag, attributes = {}, ...children) {
    const element = tag.includes(':') ? document.createElementNS('http://www.w3.org/2000/svg', tag.split(':')[1])
                                      : document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'class') {
            element.setAttribute('class', value);
        } else {
            element.setAttribute(name, value === true ? '' : value);
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else {
            element.append(child instanceof Node ? child : String(child));
        }
    }
}

/** A number as the API gives it, with this many decimals; a dash for none. */
export function number(value, decimals = 0) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(decimals);
}

/** A 0–1 fraction as a whole percentage. */
export function percent(fraction) {
    return fraction === null || fraction === undefined ? '–' : `${Math.round(Number(fraction) * 100)}%`;
}

/** An instant, short and in the reader's time zone, with the exact UTC instant on hover. */
export function instant(iso) {
    if (!iso) {
        return '–';
    }
    const at = new Date(iso);
    return h('time', { datetime: iso, title: iso },
             at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
}

export function words(enumName) {
    if (!enumName) {
        return '';
    }
    return enumName === 'KTLO' ? 'KTLO' : enumName.toLowerCase().replaceAll('_', ' ');
}

/** What an empty page says, and what to do next. */
export function empty(title, next) {
    return h('div', { class: 'empty' }, h('h2', {}, title), h('p', {}, next));
}

export function section(title, ...children) {
    return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}
