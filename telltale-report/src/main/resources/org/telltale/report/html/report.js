'use strict';
// Draws the report from the embedded data. Everything that came from a capture is put on the page as
// text nodes (textContent, createTextNode) and never as markup; nothing here builds HTML from strings.
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const GROUP_PAGE = 50;
  const FINDING_PAGE = 50;
  const COLLAPSE_BYTES = 2048;
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const live = data.mode === 'live';
  const token = live ? new URLSearchParams(location.search).get('token') : null;
  const utf8 = new TextDecoder('utf-8');
  // A report file holds its findings and their evidence in elements of their own after this script,
  // read on first use, so a report of a hundred thousand findings is usable as soon as its summary is
  // drawn, while the browser still reads the rest.
  const parsed = new Promise(done => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => done());
    else done();
  });
  const parts = {};
  function part(id) {
    return parsed.then(() => {
      if (!(id in parts)) {
        const e = document.getElementById(id);
        parts[id] = JSON.parse(e.textContent);
        e.textContent = '';
      }
      return parts[id];
    });
  }

  // Characters that hide or reorder text (controls, bidi overrides, zero-width) are shown as their code.
  const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

  function code(ch) {
    return 'U+' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  }

  // The same in plain text, for tooltips (an SVG title holds no markup): "[U+202E]".
  function coded(text) {
    return String(text).replace(HIDDEN, ch => '[' + code(ch) + ']');
  }

  function visible(text) {
    const out = document.createDocumentFragment();
    const s = text == null ? '' : String(text);
    let last = 0;
    s.replace(HIDDEN, function (ch, at) {
      if (at > last) out.appendChild(document.createTextNode(s.slice(last, at)));
      const mark = document.createElement('span');
      mark.className = 'ctl';
      mark.textContent = code(ch);
      out.appendChild(mark);
      last = at + 1;
      return ch;
    });
    if (last < s.length) out.appendChild(document.createTextNode(s.slice(last)));
    return out;
  }

  // el('td', {className: 'x'}, 'text', node): strings become (visible) text, never markup.
  function el(tag, props) {
    const e = document.createElement(tag);
    if (props) {
      for (const k of Object.keys(props)) {
        if (k === 'className') e.className = props[k];
        else if (k === 'title') e.title = String(props[k]);
        else if (k.startsWith('data')) e.setAttribute(k.replace(/[A-Z]/g, c => '-' + c.toLowerCase()), String(props[k]));
        else if (k === 'type' || k === 'hidden' || k === 'colSpan') e[k] = props[k];
      }
    }
    for (let i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }

  function add(parent, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) child.forEach(c => add(parent, c));
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(visible(child));
  }

  function clip(s, n) {
    s = s == null ? '' : String(s);
    return s.length > n ? s.slice(0, n) + '\u2026 (' + s.length + ' characters)' : s;
  }

  // Maps keyed by captured strings: no prototype, so a key such as "__proto__" is just a key.
  function dict() {
    return Object.create(null);
  }

  function countryNames() {
    const names = dict();
    data.groups.forEach(g => g.countries.forEach((c, i) => { names[c] = g.country_names[i]; }));
    return names;
  }

  function plural(n, noun, nouns) {
    return n + ' ' + (n === 1 ? noun : (nouns || noun + 's'));
  }

  function table(headers, rows) {
    if (!rows.length) return el('p', {className: 'hint'}, 'None.');
    return el('table', null, el('thead', null, el('tr', null, headers.map(h => el('th', null, h)))),
      el('tbody', null, rows.map(r => el('tr', null, r.map(c => el('td', null, c))))));
  }

  // While a case is being recorded, its page asks now and then whether the recording has moved on, and
  // the server refuses (409) a finding asked of a version the page was not drawn from.
  const recording = live && data.recording_version != null;
  function stale(text) {
    document.getElementById('live-text').textContent = text;
    document.getElementById('live-banner').hidden = false;
  }
  if (recording) {
    document.getElementById('live-reload').addEventListener('click', () => location.reload());
    setInterval(() => {
      api('api/version', {}).then(v => {
        if (v.recording_version !== data.recording_version) {
          stale('Recording: the case has more since this page was drawn.');
        }
      }, () => stale('The recorder has stopped or cannot be reached.'));
    }, 2000);
  }

  function api(path, params) {
    const q = new URLSearchParams(params);
    if (recording) q.set('recording_version', data.recording_version);
    return fetch(path + '?' + q.toString(), {headers: {'X-Telltale-Token': token || ''}, credentials: 'omit'})
      .then(r => {
        if (r.status === 409) stale('Recording: the case has moved on; reload to see it.');
        return r.ok ? r.json() : Promise.reject(new Error(path + ': ' + r.status));
      });
  }

  function findingsOf(group, offset, limit) {
    if (!live) {
      const from = group.first_finding + offset;
      const to = Math.min(group.first_finding + group.findings, from + limit);
      return part('report-findings').then(all => ({total: group.findings, findings: all.findings.slice(from, to)}));
    }
    return api('api/findings', {group: group.id, offset: offset, limit: limit});
  }

  function evidenceOf(id) {
    if (!live) {
      return part('report-evidence').then(all => {
        const e = all.evidence[id];
        return {
          request: e.request != null ? all.requests[e.request] : null,
          layers: e.layers.map(i => all.layers[i]), match: e.match, problem: e.problem
        };
      });
    }
    return api('api/evidence', {finding: id});
  }

  function bytesOf(blob) {
    const raw = atob(blob.base64 || '');
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  // ---- the story and the figures ----

  function story() {
    add(document.getElementById('report-name'), data.name ? '\u2014 ' + data.name : '');
    const p = data.provenance || {};
    add(document.getElementById('report-meta'), 'Written by Telltale ' + (p.tool_version || '') + ' on ' + (p.generated_at || '')
      + (p.run_started_at ? '; analysis run ' + p.run_started_at : '') + '. Nothing on this page loads anything from a network.');
    const text = document.getElementById('story-text');
    data.story.forEach(s => text.appendChild(el('p', {dataTest: 'sentence'}, s)));
    const t = data.totals;
    const figures = [[t.requests, 'requests read'], [t.requests_with_findings, 'requests with personal data'],
      [t.groups, 'rows below: a value and who got it'], [t.receivers, 'receivers'], [t.countries, 'server countries'],
      [t.in_sessions, 'requests in marked sessions'], [t.opaque, 'connections not readable']];
    if (t.planted) figures.splice(2, 0, [t.planted_left + ' of ' + t.planted, 'planted values left']);
    const box = document.getElementById('figures');
    figures.forEach(f => box.appendChild(el('div', {className: 'figure'}, el('b', null, String(f[0])), el('span', null, f[1]))));
  }

  // ---- pictures ----

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k of Object.keys(attrs || {})) e.setAttribute(k, String(attrs[k]));
    return e;
  }

  function svgText(x, y, s, anchor) {
    const t = svg('text', {x: x, y: y, 'text-anchor': anchor || 'start', 'dominant-baseline': 'middle'});
    t.textContent = clip(s, 40).replace(HIDDEN, '\ufffd');
    return t;
  }

  function topNames(weights, n) {
    const names = Object.keys(weights).sort((a, b) => weights[b] - weights[a] || (a < b ? -1 : 1));
    return new Set(names.slice(0, n));
  }

  function sankey() {
    const box = document.getElementById('sankey');
    if (!data.groups.length) { box.appendChild(el('p', {className: 'hint'}, 'Nothing to draw: no personal data left.')); return; }
    const kindW = dict(), recvW = dict(), ctryW = dict();
    data.groups.forEach(g => {
      kindW[g.kind_name] = (kindW[g.kind_name] || 0) + g.requests;
      recvW[g.receiver] = (recvW[g.receiver] || 0) + g.requests;
      Object.keys(g.country_requests).forEach(c => { ctryW[c] = (ctryW[c] || 0) + g.country_requests[c]; });
    });
    const keepK = topNames(kindW, 12), keepR = topNames(recvW, 14), keepC = topNames(ctryW, 12);
    const name = (keep, s, other) => keep.has(s) ? s : other;
    const names = countryNames();
    const countryName = c => c === '' ? 'unknown' : names[c] || c;
    const links = dict();
    const link = (a, b, w) => { const k = a + '\u0000' + b; links[k] = (links[k] || 0) + w; };
    data.groups.forEach(g => {
      const k = 'k:' + name(keepK, g.kind_name, 'other kinds');
      const r = 'r:' + name(keepR, g.receiver, 'other receivers');
      link(k, r, g.requests);
      Object.keys(g.country_requests).forEach(c => link(r, 'c:' + (keepC.has(c) ? countryName(c) : 'other countries'), g.country_requests[c]));
    });
    const columns = [[], [], []], total = dict();
    Object.keys(links).forEach(k => {
      const [a, b] = k.split('\u0000');
      total[a] = (total[a] || 0) + links[k];
      total[b] = total[b] || 0;
    });
    Object.keys(links).forEach(k => { const b = k.split('\u0000')[1]; if (b.startsWith('c:')) total[b] += links[k]; });
    Object.keys(total).forEach(n => columns[n.startsWith('k:') ? 0 : n.startsWith('r:') ? 1 : 2].push(n));
    columns.forEach(c => c.sort((a, b) => total[b] - total[a]));
    const width = 1100, gap = 8, nodeW = 12;
    const colSum = columns.map(c => c.reduce((s, n) => s + total[n], 0));
    const height = Math.max(160, Math.max.apply(null, columns.map(c => c.length)) * 26 + 20);
    const scale = Math.min.apply(null, columns.map((c, i) => (height - 20 - gap * c.length) / Math.max(1, colSum[i])));
    const xs = [170, 520, 870], pos = dict();
    columns.forEach((c, i) => {
      let y = 10;
      c.forEach(n => { const h = Math.max(2, total[n] * scale); pos[n] = {x: xs[i], y: y, h: h, outY: y, inY: y}; y += h + gap; });
    });
    const root = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'data-test': 'sankey'});
    const title = svg('title', {}); title.textContent = 'Kinds of personal data, to receivers, to server countries'; root.appendChild(title);
    Object.keys(links).sort((p, q) => links[q] - links[p]).forEach(k => {
      const [a, b] = k.split('\u0000');
      const w = Math.max(1, links[k] * scale), s = pos[a], t = pos[b];
      const y1 = s.outY + w / 2, y2 = t.inY + w / 2; s.outY += w; t.inY += w;
      const x1 = s.x + nodeW, x2 = t.x, mid = (x1 + x2) / 2;
      const path = svg('path', {d: 'M' + x1 + ',' + y1 + ' C' + mid + ',' + y1 + ' ' + mid + ',' + y2 + ' ' + x2 + ',' + y2,
        fill: 'none', stroke: a.startsWith('k:') ? '#e8a39b' : '#9bb5e8', 'stroke-opacity': 0.55, 'stroke-width': w});
      const tip = svg('title', {}); tip.textContent = coded(a.slice(2) + ' \u2192 ' + b.slice(2)) + ': ' + links[k] + ' (each request counted once per thing it carried)'; path.appendChild(tip);
      root.appendChild(path);
    });
    Object.keys(pos).forEach(n => {
      const p = pos[n];
      root.appendChild(svg('rect', {x: p.x, y: p.y, width: nodeW, height: p.h, fill: n.startsWith('k:') ? '#c0392b' : n.startsWith('r:') ? '#2c5aa0' : '#4a4a4a'}));
      const label = n.slice(2) + ' (' + total[n] + ')';
      root.appendChild(n.startsWith('k:') ? svgText(p.x - 6, p.y + p.h / 2, label, 'end') : svgText(p.x + nodeW + 6, p.y + p.h / 2, label));
    });
    box.appendChild(root);
  }

  function timeline() {
    const box = document.getElementById('timeline');
    const t = data.timeline;
    if (!t || !t.start) { box.appendChild(el('p', {className: 'hint'}, 'The captures give no times.')); return; }
    const start = Date.parse(t.start), end = Date.parse(t.end), span = Math.max(1, end - start + 1);
    const width = 1100, height = 150, left = 40, right = 10, bottom = 30, plot = width - left - right;
    const max = Math.max(1, Math.max.apply(null, t.bins.map(b => b[0])));
    const root = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'data-test': 'timeline'});
    const title = svg('title', {}); title.textContent = 'Requests over time, with marked sessions'; root.appendChild(title);
    data.sessions.forEach(s => {
      const a = Math.max(start, Date.parse(s.start)), b = Math.min(end, Date.parse(s.end));
      if (!(b >= a)) return;
      const x = left + (a - start) / span * plot, w = Math.max(2, (b - a) / span * plot);
      const r = svg('rect', {x: x, y: 4, width: w, height: height - bottom - 4, fill: '#dfe9ff', 'data-session': s.label});
      const tip = svg('title', {}); tip.textContent = 'session ' + coded(s.label) + ': ' + s.start + ' to ' + s.end; r.appendChild(tip);
      root.appendChild(r);
      root.appendChild(svgText(x + 3, 12, s.label));
    });
    const bw = plot / t.bins.length, usable = height - bottom - 16;
    t.bins.forEach((b, i) => {
      if (!b[0]) return;
      const h = Math.max(1, b[0] / max * usable), x = left + i * bw;
      const bar = svg('rect', {x: x, y: height - bottom - h, width: Math.max(1, bw - 1), height: h, fill: '#9aa5b8'});
      const tip = svg('title', {}); tip.textContent = plural(b[0], 'request') + ', ' + b[1] + ' with personal data'; bar.appendChild(tip);
      root.appendChild(bar);
      if (b[1]) {
        const hh = Math.max(2, b[1] / max * usable);
        root.appendChild(svg('rect', {x: x, y: height - bottom - hh, width: Math.max(1, bw - 1), height: hh, fill: '#c0392b', 'data-findings': b[1]}));
      }
    });
    root.appendChild(svg('line', {x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: '#888'}));
    root.appendChild(svgText(left, height - 12, t.start));
    root.appendChild(svgText(width - right, height - 12, t.end, 'end'));
    box.appendChild(root);
    if (t.untimed) box.appendChild(el('p', {className: 'hint'}, plural(t.untimed, 'request') + ' without a time are not drawn.'));
  }

  // ---- findings, folded ----

  const filters = {receiver: '', country: '', kind: '', session: '', origin: '', search: ''};

  function fillSelect(id, label, values) {
    const s = document.getElementById(id);
    s.appendChild(el('option', null, 'all'));
    s.options[0].value = '';
    values.forEach(v => { const o = el('option', null, v[1]); o.value = v[0]; s.appendChild(o); });
    s.addEventListener('change', () => { filters[label] = s.value; showGroups(); });
  }

  function filterControls() {
    const uniq = f => Array.from(new Set([].concat.apply([], data.groups.map(f)))).sort();
    fillSelect('filter-receiver', 'receiver', uniq(g => [g.receiver]).map(v => [v, v]));
    const names = countryNames();
    fillSelect('filter-country', 'country', Object.keys(names).sort().map(c => [c, names[c]]));
    fillSelect('filter-kind', 'kind', uniq(g => [g.kind]).map(k => [k, k.replace(/[_-]/g, ' ')]));
    fillSelect('filter-session', 'session', [['(none)', 'outside marked sessions']].concat(uniq(g => Object.keys(g.sessions)).map(s => [s, s])));
    fillSelect('filter-origin', 'origin', [['planted', 'planted values'], ['built-in', 'built-in detectors']]);
    const search = document.getElementById('search');
    search.addEventListener('input', () => { filters.search = search.value.trim().toLowerCase(); showGroups(); });
    document.getElementById('filters').addEventListener('submit', e => e.preventDefault());
  }

  function matches(g) {
    if (filters.receiver && g.receiver !== filters.receiver) return false;
    if (filters.country && g.countries.indexOf(filters.country) < 0) return false;
    if (filters.kind && g.kind !== filters.kind) return false;
    if (filters.session === '(none)') {
      if (Object.values(g.sessions).reduce((a, b) => a + b, 0) >= g.requests) return false;
    } else if (filters.session && !Object.prototype.hasOwnProperty.call(g.sessions, filters.session)) return false;
    if (filters.origin === 'planted' && g.canary == null) return false;
    if (filters.origin === 'built-in' && g.canary != null) return false;
    if (filters.search) {
      const hay = [g.kind_name, g.subject, g.value, g.receiver, g.provenance].concat(g.hosts, g.country_names, Object.keys(g.sessions))
        .join('\u0000').toLowerCase();
      if (hay.indexOf(filters.search) < 0) return false;
    }
    return true;
  }

  let shown = [], drawn = 0;

  function showGroups() {
    shown = data.groups.filter(matches);
    drawn = 0;
    const box = document.getElementById('groups');
    box.textContent = '';
    document.getElementById('shown').textContent = shown.length === data.groups.length
      ? plural(shown.length, 'row') + ', one per kind of data, value and receiver, with the requests it left in; click one to see every request and its evidence.'
      : shown.length + ' of ' + data.groups.length + ' shown by the filters.';
    moreGroups();
  }

  function moreGroups() {
    const box = document.getElementById('groups');
    shown.slice(drawn, drawn + GROUP_PAGE).forEach(g => box.appendChild(groupRow(g)));
    drawn = Math.min(shown.length, drawn + GROUP_PAGE);
    const more = document.getElementById('more-groups');
    more.hidden = drawn >= shown.length;
    more.textContent = 'Show ' + Math.min(GROUP_PAGE, shown.length - drawn) + ' more of ' + (shown.length - drawn);
  }

  function groupRow(g) {
    const sessions = Object.keys(g.sessions).map(s => el('span', {className: 'tag session'}, s + ': ' + g.sessions[s]));
    const summary = el('div', {className: 'summary', dataTest: 'group-summary'},
      el('div', {className: 'what'}, g.canary != null ? el('span', {className: 'tag planted'}, 'planted ' + g.canary) : null,
        el('b', null, g.kind_name), ' ', g.canary == null ? el('span', {className: 'tag'}, g.confidence) : null,
        g.canary == null && g.family === 'profile' ? el('span', {className: 'tag'}, 'device profile') : null,
        el('span', {className: 'value captured'}, g.value)),
      el('div', {className: 'who'}, el('b', null, g.receiver), el('div', {className: 'hint captured'}, clip(g.hosts.join(', '), 200))),
      el('div', {className: 'where'}, g.country_names.length ? g.country_names.join(', ') : 'unknown'),
      el('div', {className: 'count'}, plural(g.requests, 'request'), g.findings > g.requests ? el('div', {className: 'hint'}, plural(g.findings, 'finding')) : null, sessions),
      el('div', {className: 'how mono captured'}, clip(g.provenance, 300), g.transform && g.transform !== 'plain' ? ' (as ' + g.transform + ')' : '',
        g.first_seen ? el('div', {className: 'hint', dataTest: 'first-seen'}, 'first seen in #' + g.first_seen.flow + ' ' + clip(g.first_seen.provenance, 200)) : null));
    const row = el('div', {className: g.canary == null && g.family === 'profile' ? 'group profile' : 'group', dataGroup: g.id}, summary);
    summary.addEventListener('click', () => toggleGroup(row, g));
    return row;
  }

  function toggleGroup(row, g) {
    const open = row.querySelector(':scope > .details');
    if (open) { open.remove(); row.classList.remove('open'); return; }
    row.classList.add('open');
    const details = el('div', {className: 'details'});
    const body = el('tbody');
    details.appendChild(el('table', {dataTest: 'findings'}, el('thead', null, el('tr', null,
      ['request', 'time', 'sent to', 'session', 'how it was hidden'].map(h => el('th', null, h)))), body));
    const more = el('button', {type: 'button', hidden: true});
    details.appendChild(more);
    row.appendChild(details);
    let offset = 0;
    const page = () => findingsOf(g, offset, FINDING_PAGE).then(res => {
      res.findings.forEach(f => addFinding(body, f));
      offset += res.findings.length;
      more.hidden = offset >= res.total;
      more.textContent = 'Show more requests (' + (res.total - offset) + ' left)';
    }).catch(fail(details));
    more.addEventListener('click', page);
    page();
  }

  function addFinding(body, item) {
    const f = item.finding, flow = item.flow || {};
    const dest = data.destinations[f.destination_id] || {};
    const tr = el('tr', {className: 'finding-row', dataFinding: item.id},
      el('td', null, '#' + f.flow + ' ', el('span', {className: 'hint'}, (flow.method || '') + ' '), el('span', {className: 'mono captured'}, clip(flow.url, 160))),
      el('td', null, flow.time || ''),
      el('td', null, el('span', {className: 'captured'}, dest.host || dest.ip || ''), dest.country ? el('div', {className: 'hint'}, dest.country) : null),
      el('td', null, f.session || '\u2014'),
      el('td', {className: 'mono'}, el('span', {className: 'captured'}, f.provenance), f.transform !== 'plain' ? ' (as ' + f.transform + ')' : ''));
    body.appendChild(tr);
    tr.addEventListener('click', () => {
      const next = tr.nextElementSibling;
      if (next && next.classList.contains('evidence-row')) { next.remove(); return; }
      const cell = el('td', {colSpan: 5});
      const holder = el('tr', {className: 'evidence-row'}, cell);
      tr.after(holder);
      evidenceOf(item.id).then(e => cell.appendChild(evidence(f, flow, e))).catch(fail(cell));
    });
  }

  function fail(box) {
    return err => box.appendChild(el('p', {className: 'notice'}, 'Could not load this: ' + err.message));
  }

  // ---- evidence, layer by layer ----

  function evidence(f, flow, e) {
    const box = el('div', {className: 'evidence', dataTest: 'evidence'});
    if (e.request) {
      const q = e.request;
      box.appendChild(el('h3', null, 'The request as captured'));
      box.appendChild(el('p', {className: 'mono captured'}, q.method + ' ' + q.url + (q.http_version ? ' ' + q.http_version : '')));
      box.appendChild(table(['header', 'value'], q.headers.map(h => [el('span', {className: 'mono captured'}, h[0]), el('span', {className: 'mono captured'}, h[1])])));
      if (q.body.size) {
        box.appendChild(el('h4', null, 'Body (' + plural(q.body.size, 'byte') + ')'));
        box.appendChild(bytesView(q.body, null, false));
      }
    }
    if (e.problem) box.appendChild(el('p', {className: 'notice'}, 'The layers could not be rebuilt: ' + e.problem));
    if (e.layers.length) {
      box.appendChild(el('h3', null, 'Each layer, rebuilt from the stored bytes'));
      e.layers.forEach((l, i) => {
        const last = i === e.layers.length - 1;
        const next = e.layers[i + 1];
        const mark = last ? e.match : next && next.start != null ? [next.start, next.end] : null;
        const head = el('h4', null, 'Layer ' + i + ': ', el('span', {className: 'mono captured'}, l.label),
          l.decoder ? ' \u2014 decoded with ' + l.decoder : ' \u2014 where decoding starts',
          l.start != null ? ' from bytes ' + l.start + '\u2013' + l.end + ' of layer ' + (i - 1) : '',
          ' (' + plural(l.data.size, 'byte') + ')');
        const layer = el('div', {className: 'layer', dataLayer: i}, head);
        if (l.command) layer.appendChild(el('div', {className: 'cmd'}, 'By hand: ', el('code', null, l.command)));
        layer.appendChild(bytesView(l.data, mark, last));
        if (last) layer.appendChild(el('p', {className: 'hint'}, 'Highlighted: ' + (f.canary ? 'the planted value ' + f.canary : 'the ' + f.kind.replace(/[_-]/g, ' '))
          + ', as found: ', el('span', {className: 'mono captured'}, clip(f.matched, 300)), f.transform !== 'plain' ? ' (' + f.transform + ' of ' : '',
          f.transform !== 'plain' ? el('span', {className: 'mono captured'}, clip(f.value, 300)) : null, f.transform !== 'plain' ? ')' : ''));
        box.appendChild(layer);
      });
    }
    return box;
  }

  // Text or a hex view of bytes, with [start, end) marked; long ones collapsed behind a button, never cut.
  function bytesView(blob, mark, hit) {
    const bytes = bytesOf(blob);
    const pre = el('pre', {className: 'bytes' + (bytes.length > COLLAPSE_BYTES ? ' collapsed' : '')});
    const m = mark && mark[0] >= 0 && mark[1] <= bytes.length && mark[0] <= mark[1] ? mark : null;
    if (blob.text) {
      const part = (a, b) => utf8.decode(bytes.subarray(a, b));
      if (m) {
        add(pre, part(0, m[0]));
        pre.appendChild(el('mark', {className: hit ? 'hit' : ''}, part(m[0], m[1])));
        add(pre, part(m[1], bytes.length));
      } else {
        add(pre, part(0, bytes.length));
      }
    } else {
      hexInto(pre, bytes, m, hit);
    }
    const box = el('div', null, pre);
    if (bytes.length > COLLAPSE_BYTES) {
      const b = el('button', {type: 'button'}, 'Show all ' + plural(bytes.length, 'byte'));
      b.addEventListener('click', () => { pre.classList.toggle('collapsed'); b.textContent = pre.classList.contains('collapsed') ? 'Show all ' + plural(bytes.length, 'byte') : 'Show less'; });
      box.appendChild(b);
    }
    return box;
  }

  function hexInto(pre, bytes, m, hit) {
    const hex = b => b.toString(16).padStart(2, '0');
    for (let row = 0; row < bytes.length; row += 16) {
      add(pre, row.toString(16).padStart(8, '0') + '  ');
      let ascii = '';
      for (let i = row; i < row + 16; i++) {
        if (i >= bytes.length) { add(pre, '   '); continue; }
        const cell = hex(bytes[i]) + ' ';
        if (m && i >= m[0] && i < m[1]) pre.appendChild(el('mark', {className: hit ? 'hit' : ''}, cell));
        else add(pre, cell);
        ascii += bytes[i] >= 0x20 && bytes[i] < 0x7f ? String.fromCharCode(bytes[i]) : '.';
      }
      add(pre, ' ' + ascii + '\n');
    }
  }

  // ---- the tables after ----

  function facts(d) {
    const out = [];
    if (d.organization) out.push(d.organization + (d.parent ? ' (part of ' + d.parent + ')' : '') + (d.organization_country ? ', head office ' + d.organization_country : ''));
    if (d.country) out.push('server in ' + d.country);
    if (d.asn) out.push('AS' + d.asn + (d.as_org ? ' ' + d.as_org : ''));
    if (d.tracker) out.push('tracker: ' + d.tracker.category + (d.tracker.name ? ' (' + d.tracker.name + ')' : ''));
    return out.join('; ') || 'no dataset knows it';
  }

  function sources(d) {
    const by = dict();
    Object.keys(d.sources || {}).forEach(f => { (by[d.sources[f]] = by[d.sources[f]] || []).push(f); });
    return Object.keys(by).sort().map(s => by[s].join(', ') + ': ' + s).join('; ');
  }

  // Why a connection's content is unknown, from the protocol the reader recognised.
  function unreadable(protocol) {
    if (protocol === 'tls') return 'TLS: encrypted, and the capture holds no keys for it';
    if (protocol === 'quic') return 'QUIC: encrypted (HTTP/3)';
    if (protocol === 'tcp') return 'TCP, but not HTTP or TLS';
    return protocol || 'unknown';
  }

  function tables() {
    const used = new Set([].concat.apply([], data.groups.map(g => g.destinations)));
    data.opaque.forEach(o => { if (o.destination_id != null) used.add(o.destination_id); });
    const dests = data.destinations.filter(d => used.has(d.id));
    document.getElementById('destination-table').appendChild(table(['host', 'IP and port', 'what the datasets say', 'which dataset says it'],
      dests.map(d => [el('span', {className: 'captured'}, d.host || ''), (d.ip || '') + (d.port ? ':' + d.port : ''), facts(d), sources(d)])));
    document.getElementById('expected-table').appendChild(table(['request', 'planted value', 'host', 'allowed by'],
      data.expected.map(e => ['#' + e.flow, e.canary, el('span', {className: 'captured'}, e.host || ''), e.allowed_by || ''])));
    document.getElementById('opaque-table').appendChild(table(['time', 'why it could not be read', 'server name', 'address', 'offered', 'who', 'session'],
      data.opaque.map(o => {
        const d = data.destinations[o.destination_id] || {};
        return [o.time || '', o.reason || unreadable(o.protocol), el('span', {className: 'captured'}, o.sni || o.server_host || ''),
          (o.server_ip || '') + (o.server_port ? ':' + o.server_port : ''), (o.alpn || []).join(', '), facts(d), o.session || '\u2014'];
      })));
    document.getElementById('diagnostic-table').appendChild(table(['capture', 'where', 'what', 'times'],
      data.diagnostics.map(d => [d.input || '', d.origin || (d.flow != null ? 'flow #' + d.flow : ''), d.message, String(d.count || 1)])));
    const p = data.provenance;
    const rows = [['Telltale version', p.tool_version], ['report written', p.generated_at], ['analysis started', p.run_started_at || ''],
      ['analysis ended', p.run_ended_at || ''], ['canary file', p.canary_name ? p.canary_name + ', SHA-256 ' + p.canary_sha256 : 'none']];
    if (p.stopped) rows.push(['stopped early', p.stopped]);
    Object.keys(p.datasets).sort().forEach(k => rows.push(['dataset ' + k, p.datasets[k]]));
    const box = document.getElementById('provenance-table');
    box.appendChild(table(['', ''], rows));
    box.appendChild(table(['capture', 'SHA-256', 'size', 'format', 'requests', 'first', 'last'],
      p.captures.map(c => [el('span', {className: 'captured'}, c.name), el('span', {className: 'mono'}, c.sha256), plural(c.size, 'byte'),
        c.format, String(c.exchanges), c.first_time || '', (c.last_time || '') + (c.error ? ' (stopped: ' + c.error + ')' : '')])));
  }

  try {
    story();
    sankey();
    timeline();
    filterControls();
    showGroups();
    document.getElementById('more-groups').addEventListener('click', moreGroups);
    tables();
  } finally {
    document.getElementById('app').setAttribute('aria-busy', 'false');
    document.body.setAttribute('data-ready', 'true');
    // For the benchmark: milliseconds from navigation to a usable page, as the browser counts them.
    document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  }
})();
