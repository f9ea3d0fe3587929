/*
 * Salvo's console: a page of the coordinator WAR that reads and drives the REST API under api/.
 * Sections: cluster (agents, active runs), plans (upload or edit, validation errors at their line,
 * start a run), a run (live charts from the server-sent stats stream, stop, the final report),
 * history (filters, paging, baselines) and compare (deltas, verdict, percentile plot).
 * Charts are uPlot, served from the WAR. Credentials (a user's Basic or an API token) stay in the
 * tab's sessionStorage and go with each call in the Authorization header.
 */
'use strict';

const AUTH_KEY = 'salvo.auth';
const view = document.getElementById('view');
let me = null; // {name, role}
let cleanup = [];

// ---------- small DOM helpers ----------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function table(headers, rows, numeric) {
  const num = new Set(numeric || []);
  return el('div', {class: 'scroll'}, el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', {class: num.has(i) ? 'num' : null, scope: 'col'}, h)))),
    el('tbody', {}, rows.map(r => r instanceof Node ? r : el('tr', {},
      r.map((c, i) => el('td', {class: num.has(i) ? 'num' : null}, c)))))));
}

function badge(text, cls) {
  return el('span', {class: 'badge ' + (cls || text || '')}, text == null ? '-' : text);
}

function ms(v) {
  if (v == null) return '-';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function fixed(v, d) { return v == null ? '-' : Number(v).toFixed(d); }

function when(iso) {
  if (!iso) return '-';
  const d = new Date(iso);
  return d.toLocaleString(undefined, {dateStyle: 'short', timeStyle: 'medium'});
}

function ago(iso) {
  if (!iso) return '-';
  const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  return s < 60 ? s.toFixed(0) + ' s ago' : s < 3600 ? (s / 60).toFixed(0) + ' min ago' : when(iso);
}

function can(role) {
  const order = ['viewer', 'operator', 'admin'];
  return me != null && order.indexOf(me.role) >= order.indexOf(role);
}

/** An action that needs a role: disabled, with the reason as its title, when the caller lacks it. */
function action(label, role, onclick, cls) {
  const ok = can(role);
  return el('button', {class: cls, onclick: ok ? onclick : null, disabled: !ok,
    title: ok ? null : 'needs the role ' + role + '; you are ' + (me ? me.role : 'not signed in')}, label);
}

function notice(text, bad) { return el('div', {class: 'notice' + (bad ? ' bad' : ''), role: 'alert'}, text); }

// ---------- the API ----------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra) {
  const h = {'X-Salvo-Console': '1', 'Accept': 'application/json'};
  const auth = sessionStorage.getItem(AUTH_KEY);
  if (auth) h.Authorization = auth;
  return Object.assign(h, extra || {});
}

async function api(method, path, body, type) {
  const init = {method, headers: headers(body === undefined ? null : {'Content-Type': type || 'application/json'})};
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch('api' + path, init);
  if (res.status === 401) {
    const p = await res.json().catch(() => ({}));
    showLogin(p.detail);
    throw new ApiError(401, p);
  }
  if (!res.ok) {
    const p = await res.json().catch(() => ({detail: 'HTTP ' + res.status}));
    throw new ApiError(res.status, p);
  }
  const data = res.status === 204 ? null : await res.json();
  return {data, headers: res.headers};
}

async function get(path) { return (await api('GET', path)).data; }

/**
 * Reads a server-sent event stream with fetch (EventSource cannot send the Authorization header),
 * calling onEvent(name, data) for each event until the stream ends or the signal aborts it.
 */
async function stream(path, onEvent, signal) {
  const res = await fetch('api' + path, {headers: headers({'Accept': 'text/event-stream'}), signal});
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}

// ---------- charts (uPlot) ----------

const COLORS = ['#2456c7', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d',
  '#364fc7', '#a61e4d'];

/**
 * A line chart whose series may change: set(xs, {name: values}) redraws it, rebuilding the plot only
 * when the set of series changes.
 */
class Chart {
  constructor(host, title, unit, options) {
    this.host = host;
    this.title = title;
    this.unit = unit;
    this.options = options || {};
    this.names = null;
    this.plot = null;
    const resize = () => this.plot && this.plot.setSize(this.size());
    window.addEventListener('resize', resize);
    cleanup.push(() => { window.removeEventListener('resize', resize); this.plot && this.plot.destroy(); });
  }

  size() {
    const w = Math.max(280, this.host.clientWidth || 600);
    return {width: w, height: w < 500 ? 200 : 240};
  }

  set(xs, series) {
    const names = Object.keys(series);
    const data = [xs, ...names.map(n => series[n])];
    if (this.plot && this.names.join('\u0000') === names.join('\u0000')) {
      this.plot.setData(data);
      return;
    }
    if (this.plot) this.plot.destroy();
    this.names = names;
    const unit = this.unit;
    const opts = Object.assign({
      title: this.title,
      ...this.size(),
      scales: {x: {time: false}},
      axes: [{label: this.options.xLabel || 'second of the run', incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200]},
        {label: unit, size: 60}],
      legend: {live: true},
      series: [{label: this.options.xLabel || 'second'},
        ...names.map((n, i) => ({label: n, stroke: COLORS[i % COLORS.length], width: 1.5,
          value: (u, v) => v == null ? '-' : (this.options.format || fmt)(v) + ' ' + unit}))],
    }, this.options.uplot || {});
    this.plot = new uPlot(opts, data, this.host);
  }
}

function fmt(v) { return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2); }

// ---------- sign in ----------

function showLogin(reason) {
  me = null;
  renderMe();
  for (const c of cleanup) c();
  cleanup = [];
  let mode = 'user';
  const name = el('input', {id: 'login-name', autocomplete: 'username'});
  const password = el('input', {id: 'login-password', type: 'password', autocomplete: 'current-password'});
  const token = el('input', {id: 'login-token', type: 'password', autocomplete: 'off'});
  const userFields = el('div', {}, el('label', {}, 'Name', name), el('label', {}, 'Password', password));
  const tokenFields = el('div', {hidden: true}, el('label', {}, 'API token', token));
  const message = el('div', {class: 'error', role: 'alert', id: 'login-error'}, reason && sessionStorage.getItem(AUTH_KEY) ? reason : '');
  const tabs = el('div', {class: 'tabs', role: 'tablist'},
    el('button', {type: 'button', role: 'tab', 'aria-selected': 'true', onclick: e => pick('user', e)}, 'User'),
    el('button', {type: 'button', role: 'tab', 'aria-selected': 'false', id: 'login-use-token', onclick: e => pick('token', e)}, 'API token'));
  function pick(m, e) {
    mode = m;
    for (const b of tabs.children) b.setAttribute('aria-selected', String(b === e.target));
    userFields.hidden = m !== 'user';
    tokenFields.hidden = m !== 'token';
  }
  const form = el('form', {onsubmit: async e => {
    e.preventDefault();
    const auth = mode === 'user'
      ? 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(name.value + ':' + password.value)))
      : 'Bearer ' + token.value.trim();
    // Asked directly, not through api(): a refusal stays on this form.
    const res = await fetch('api/whoami', {headers: headers({'Authorization': auth})});
    if (!res.ok) {
      const p = await res.json().catch(() => ({}));
      message.textContent = p.detail || 'the coordinator answered ' + res.status;
      return;
    }
    sessionStorage.setItem(AUTH_KEY, auth);
    me = await res.json();
    renderMe();
    route();
  }}, tabs, userFields, tokenFields, message, el('button', {class: 'primary', type: 'submit', id: 'login-submit'}, 'Sign in'));
  function showLoginForm() {
    view.replaceChildren(el('div', {class: 'card login'}, el('h1', {}, 'Sign in to Salvo'),
      el('p', {class: 'muted small'}, 'With a user an admin created (salvo users set NAME --role viewer) or an API token (salvo tokens create NAME).'),
      form));
  }
  sessionStorage.removeItem(AUTH_KEY);
  showLoginForm();
  name.focus();
}

function renderMe() {
  const box = document.getElementById('me');
  box.replaceChildren();
  if (me) {
    box.append(me.name + ' (' + me.role + ')', el('button', {onclick: () => {
      sessionStorage.removeItem(AUTH_KEY);
      showLogin();
    }}, 'Sign out'));
  }
}

// ---------- routing ----------

function route() {
  for (const c of cleanup) c();
  cleanup = [];
  if (!sessionStorage.getItem(AUTH_KEY)) {
    showLogin();
    return;
  }
  const hash = location.hash.replace(/^#\/?/, '') || 'cluster';
  const [pathPart, queryPart] = hash.split('?');
  const parts = pathPart.split('/').map(decodeURIComponent);
  const query = new URLSearchParams(queryPart || '');
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.section === parts[0] || (parts[0] === 'runs' && a.dataset.section === 'history'));
    if (a.classList.contains('active')) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const pages = {cluster: clusterPage, plans: plansPage, runs: runPage, history: historyPage, compare: comparePage};
  const page = pages[parts[0]] || clusterPage;
  view.replaceChildren(el('p', {class: 'muted'}, 'Loading…'));
  Promise.resolve(page(parts.slice(1), query)).catch(err => {
    if (err instanceof ApiError && err.status === 401) return;
    view.replaceChildren(notice(err.message, true));
  });
}

window.addEventListener('hashchange', route);

/** Runs fn now and every period ms until the page changes. */
function every(period, fn) {
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try { await fn(); } catch (e) { if (!(e instanceof ApiError && e.status === 401)) console.warn(e); }
    if (!stopped) timer = setTimeout(tick, period);
  };
  let timer = null;
  tick();
  cleanup.push(() => { stopped = true; clearTimeout(timer); });
}

// ---------- cluster ----------

async function clusterPage() {
  const agentsBox = el('div', {id: 'agents'});
  const runsBox = el('div', {id: 'active-runs'});
  view.replaceChildren(el('h1', {}, 'Cluster'),
    el('div', {class: 'card'}, el('h2', {}, 'Agents'), agentsBox),
    el('div', {class: 'card'}, el('h2', {}, 'Runs in progress and recent'), runsBox));
  every(2000, async () => {
    const agents = await get('/agents');
    agentsBox.replaceChildren(agents.length === 0
      ? el('p', {class: 'muted'}, 'No agent has announced itself yet. Agents join with their cluster id; see the README (Deploying).')
      : table(['agent', 'cluster', 'group', 'state', 'run', 'last seen', 'capacity', 'clock offset'],
        agents.map(a => el('tr', {class: a.state === 'LOST' ? 'lost' : null},
          el('td', {}, a.id), el('td', {}, a.clusterId), el('td', {}, a.group || '-'),
          el('td', {}, badge(a.state)),
          el('td', {}, a.runId ? el('a', {href: '#/runs/' + a.runId}, a.runId) : '-'),
          el('td', {}, ago(a.lastSeen)), el('td', {class: 'num'}, a.capacity),
          el('td', {class: 'num'}, a.clockOffsetMs == null ? '-' : fixed(a.clockOffsetMs, 1) + ' ms'))),
        [6, 7]));
    const runs = await get('/runs?limit=10');
    runsBox.replaceChildren(runs.length === 0 ? el('p', {class: 'muted'}, 'No runs yet: start one from Plans.') : runsTable(runs, false));
  });
}

function runsTable(runs, selectable, selected, onSelect, onDelete) {
  const headers = (selectable ? [''] : []).concat(['run', 'plan', 'state', 'verdict', 'cluster', 'nodes', 'created', 'ended', ''])
    .concat(onDelete ? [''] : []);
  return table(headers, runs.map(r => el('tr', {},
    selectable ? el('td', {}, el('input', {type: 'checkbox', 'aria-label': 'select ' + r.id, checked: selected.has(r.id),
      onchange: e => onSelect(r, e.target.checked)})) : null,
    el('td', {}, el('a', {href: '#/runs/' + r.id}, r.id)),
    el('td', {}, r.plan, r.baseline ? ' ' : null, r.baseline ? badge('baseline', 'improved') : null),
    el('td', {}, badge(r.state)), el('td', {}, r.verdict ? badge(r.verdict) : '-'),
    el('td', {}, r.clusterId), el('td', {class: 'num'}, r.nodes.length),
    el('td', {}, when(r.createdAt)), el('td', {}, when(r.endedAt)),
    el('td', {class: 'small muted'}, r.message || ''),
    onDelete ? el('td', {}, deleteButton(r, onDelete)) : null)));
}

/** Delete, for an operator, of a finished run that is not a baseline; it asks first. */
function deleteButton(r, onDelete) {
  const finished = ['COMPLETED', 'STOPPED', 'FAILED'].includes(r.state);
  const b = action('Delete', 'operator', async () => {
    if (!window.confirm('Delete run ' + r.id + ' of ' + r.plan + ' and everything stored of it?')) return;
    try {
      await api('DELETE', '/runs/' + r.id);
      onDelete(r);
    } catch (e) { window.alert(e.message); }
  });
  b.id = 'delete-' + r.id;
  if (can('operator') && (!finished || r.baseline)) {
    b.disabled = true;
    b.title = r.baseline ? 'the baseline of its plan: mark another run first' : 'stop it first';
  }
  return b;
}

// ---------- plans ----------

async function plansPage() {
  const plans = await get('/plans');
  const lines = el('pre', {'aria-hidden': 'true'});
  const text = el('textarea', {id: 'plan-source', spellcheck: 'false', 'aria-label': 'plan source (YAML or JSON)',
    placeholder: 'name: my-plan\ntarget: {baseUrl: "http://127.0.0.1:8080"}\nscenarios: ...'});
  const issues = el('div', {id: 'plan-issues'});
  const saved = el('div', {id: 'plan-saved'});
  let bad = new Set();
  let planId = null;
  const numberLines = () => {
    const n = text.value.split('\n').length;
    lines.replaceChildren(...Array.from({length: n}, (_, i) => el('span', {class: bad.has(i + 1) ? 'bad' : null}, (i + 1) + '\n')));
    lines.scrollTop = text.scrollTop;
  };
  text.addEventListener('input', () => { bad = new Set(); planId = null; startButton.disabled = true; numberLines(); });
  text.addEventListener('scroll', () => { lines.scrollTop = text.scrollTop; });
  const goTo = (line, column) => {
    const rows = text.value.split('\n');
    let at = 0;
    for (let i = 0; i < line - 1 && i < rows.length; i++) at += rows[i].length + 1;
    at += Math.max(0, (column || 1) - 1);
    text.focus();
    text.setSelectionRange(at, Math.min(text.value.length, at + Math.max(1, (rows[line - 1] || '').length - (column || 1) + 1)));
    text.scrollTop = Math.max(0, (line - 4) * 18);
  };
  const file = el('input', {type: 'file', id: 'plan-file', accept: '.yaml,.yml,.json,text/yaml,application/json',
    onchange: async e => {
      const f = e.target.files[0];
      if (!f) return;
      text.value = await f.text();
      bad = new Set(); planId = null; issues.replaceChildren(); saved.replaceChildren(); numberLines();
    }});
  const save = async () => {
    issues.replaceChildren();
    saved.replaceChildren();
    const body = text.value;
    const type = /^\s*[{[]/.test(body) ? 'application/json' : 'application/yaml';
    try {
      const {data} = await api('POST', '/plans', body, type);
      planId = data.id;
      bad = new Set();
      numberLines();
      saved.replaceChildren(notice('Saved plan ' + data.name + ' as ' + data.id + '. Start it below.'));
      startButton.disabled = !can('operator');
      refreshList();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const list = err.problem.problems || [];
      bad = new Set(list.filter(i => i.line > 0).map(i => i.line));
      numberLines();
      issues.replaceChildren(notice(err.message, true), el('ul', {class: 'issues'}, list.map(i => el('li', {},
        i.line > 0 ? el('button', {type: 'button', onclick: () => goTo(i.line, i.column)}, 'line ' + i.line + ', column ' + i.column) : null,
        i.line > 0 ? ': ' : null, i.field ? i.field + ' ' + i.message : i.text))));
      if (list.length && list[0].line > 0) goTo(list[0].line, list[0].column);
    }
  };
  const listBox = el('div', {id: 'plan-list'});
  const refreshList = async () => {
    const all = await get('/plans');
    listBox.replaceChildren(all.length === 0 ? el('p', {class: 'muted'}, 'No plans stored yet.')
      : table(['plan', 'id', 'format', 'stored', ''], all.map(p => el('tr', {},
        el('td', {}, p.name), el('td', {class: 'small'}, p.id), el('td', {}, p.format), el('td', {}, when(p.createdAt)),
        el('td', {}, action('Open', 'operator', async () => {
          const full = await get('/plans/' + p.id);
          text.value = full.source;
          planId = full.sourceMasked ? null : p.id;
          bad = new Set(); issues.replaceChildren(); numberLines();
          saved.replaceChildren(notice(full.sourceMasked
            ? 'Plan ' + p.name + ' has secret-looking values masked: fill them in and save it as a new plan to run it.'
            : 'Opened plan ' + p.name + ' (' + p.id + ').'));
          startButton.disabled = planId == null;
        }))))));
  };
  const cluster = el('input', {id: 'run-cluster', placeholder: 'from the plan'});
  const group = el('input', {id: 'run-group', placeholder: 'from the plan'});
  const count = el('input', {id: 'run-agents', type: 'number', min: '1', placeholder: 'from the plan'});
  const timeout = el('input', {id: 'run-timeout', placeholder: 'e.g. 30s'});
  const startError = el('div', {id: 'run-error'});
  const startButton = action('Start run', 'operator', async () => {
    startError.replaceChildren();
    const body = {planId};
    if (cluster.value.trim()) body.clusterId = cluster.value.trim();
    if (group.value.trim()) body.agentGroup = group.value.trim();
    if (count.value.trim()) body.agentsCount = Number(count.value);
    if (timeout.value.trim()) body.agentsTimeout = timeout.value.trim();
    try {
      const {data} = await api('POST', '/runs', body);
      location.hash = '#/runs/' + data.id;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      startError.replaceChildren(notice(err.message, true));
    }
  }, 'primary');
  startButton.id = 'run-start';
  startButton.disabled = true;
  const saveButton = action('Validate and save', 'operator', save, 'primary');
  saveButton.id = 'plan-save';
  view.replaceChildren(el('h1', {}, 'Plans'),
    el('div', {class: 'row'},
      el('div', {class: 'card'}, el('h2', {}, 'Edit or upload a plan'),
        el('div', {class: 'form'}, el('label', {}, 'Upload a YAML or JSON file', file)),
        el('div', {class: 'editor'}, lines, text), issues,
        el('div', {class: 'form', style: 'margin-top:10px'}, saveButton), saved,
        el('h2', {}, 'Start a run of the saved plan'),
        el('p', {class: 'small muted'}, 'Empty fields keep the plan\'s cluster settings.'),
        el('div', {class: 'form'}, el('label', {}, 'cluster id', cluster), el('label', {}, 'agent group', group),
          el('label', {}, 'agents', count), el('label', {}, 'wait for agents', timeout), startButton), startError),
      el('div', {class: 'card'}, el('h2', {}, 'Stored plans'), listBox)));
  numberLines();
  if (!plans.length) listBox.append(el('p', {class: 'muted'}, 'No plans stored yet.'));
  refreshList();
}

// ---------- a run ----------

async function runPage(args) {
  const id = args[0];
  let run = await get('/runs/' + encodeURIComponent(id));
  const head = el('div', {id: 'run-head'});
  const waiting = el('div', {id: 'run-waiting'});
  const charts = el('div', {class: 'row'});
  const box = (title, idName) => { const h = el('div', {class: 'chart', id: idName}); charts.append(el('div', {class: 'card'}, h)); return h; };
  const throughputChart = new Chart(box('throughput', 'chart-throughput'), 'Throughput (merged and each node)', 'req/s');
  const latencyChart = new Chart(box('latency', 'chart-latency'), 'Latency', 'ms');
  const errorChart = new Chart(box('errors', 'chart-errors'), 'Errors by kind', 'errors/s');
  const scenarios = el('div', {id: 'run-scenarios'});
  const thresholds = el('div', {id: 'run-thresholds'});
  const final = el('div', {id: 'run-final'});
  view.replaceChildren(head, waiting, charts,
    el('div', {class: 'row'}, el('div', {class: 'card'}, el('h2', {}, 'Scenarios'), scenarios),
      el('div', {class: 'card'}, el('h2', {}, 'Thresholds'), thresholds)), final);

  const renderHead = (state, extra) => {
    const stop = action('Stop', 'operator', async () => {
      stop.disabled = true;
      try { await api('POST', '/runs/' + id + '/stop'); } catch (e) { head.append(notice(e.message, true)); }
    }, 'danger');
    stop.id = 'run-stop';
    const finished = ['COMPLETED', 'STOPPED', 'FAILED'].includes(state);
    head.replaceChildren(...[el('h1', {}, 'Run ', el('span', {id: 'run-id'}, id), ' ', badge(state), ' ',
      run.verdict ? badge(run.verdict) : null),
      el('dl', {class: 'kv card'},
        el('dt', {}, 'plan'), el('dd', {}, run.plan, run.baseline ? ' ' : null, run.baseline ? badge('baseline', 'improved') : null),
        el('dt', {}, 'cluster'), el('dd', {}, run.clusterId + (run.agentGroup ? ' / group ' + run.agentGroup : '') + ', ' + run.agentsCount + ' agent(s)'),
        el('dt', {}, 'nodes'), el('dd', {}, run.nodes.length ? run.nodes.join(', ') : '-'),
        el('dt', {}, 'started'), el('dd', {}, when(run.startAt)),
        el('dt', {}, 'state'), el('dd', {id: 'run-state'}, state, extra ? ' · ' + extra : ''),
        run.message ? el('dt', {}, 'message') : null, run.message ? el('dd', {}, run.message) : null),
      finished ? null : el('div', {class: 'form'}, stop)].filter(Boolean));
  };
  renderHead(run.state);

  // The series, by run second.
  const xs = [];
  const series = {throughput: {}, latency: {p50: [], p90: [], p99: [], max: []}, errors: {}};
  const nodes = new Set();
  const kinds = new Set();
  const points = [];
  const redraw = () => {
    xs.length = 0;
    for (const k of Object.keys(series.latency)) series.latency[k] = [];
    const tp = {all: []};
    for (const n of nodes) tp[n] = [];
    const er = {};
    for (const k of kinds) er[k] = [];
    if (!kinds.size) er.errors = [];
    for (const p of points) {
      xs.push(p.second);
      tp.all.push(p.requests);
      for (const n of nodes) tp[n].push(p.nodes && p.nodes[n] != null ? p.nodes[n] : null);
      series.latency.p50.push(p.p50Ms); series.latency.p90.push(p.p90Ms);
      series.latency.p99.push(p.p99Ms); series.latency.max.push(p.maxMs);
      for (const k of kinds) er[k].push((p.errorsByKind || {})[k] || 0);
      if (!kinds.size) er.errors.push(p.errors);
    }
    throughputChart.set(xs, tp);
    latencyChart.set(xs, series.latency);
    errorChart.set(xs, er);
    charts.dataset.points = String(points.length);
  };
  const addSeconds = list => {
    for (const s of list) {
      if (points.length && points[points.length - 1].second >= s.second) continue;
      points.push(s);
      Object.keys(s.nodes || {}).forEach(n => nodes.add(n));
      Object.keys(s.errorsByKind || {}).forEach(k => kinds.add(k));
    }
    redraw();
  };
  const renderThresholds = list => {
    thresholds.replaceChildren(!list || !list.length ? el('p', {class: 'muted'}, 'The plan has no thresholds.')
      : table(['threshold', 'scenario', 'actual', 'verdict'], list.map(t => [t.condition, t.scenario || 'all',
        fixed(t.actual, t.unit === 'ratio' ? 4 : 2) + ' ' + t.unit, badge(t.passed ? 'passed' : 'failed')]), [2]));
  };
  const renderScenarios = list => {
    scenarios.replaceChildren(!list || !list.length ? el('p', {class: 'muted'}, 'Nothing merged yet.')
      : table(['scenario', 'requests', 'errors', 'timeouts', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], list.map(s =>
        [s.name, s.requests, s.errors, s.timeouts, ms(s.latencyMs.p50), ms(s.latencyMs.p90), ms(s.latencyMs.p99), ms(s.latencyMs.max)]),
        [1, 2, 3, 4, 5, 6, 7]));
  };
  const renderWaiting = w => {
    waiting.replaceChildren(w ? notice('Waiting for ' + w.needed + ' agent(s) in cluster ' + w.clusterId +
      (w.agentGroup ? ', group ' + w.agentGroup : '') + ': ' + (w.joined.length ? w.joined.length + ' joined: ' + w.joined.join(', ') : 'none joined yet')) : '');
  };

  const showFinal = async () => {
    run = await get('/runs/' + encodeURIComponent(id));
    renderHead(run.state);
    waiting.replaceChildren();
    let report;
    try {
      report = await get('/runs/' + id + '/report.json');
    } catch (e) {
      final.replaceChildren(notice(e.message, true));
      return;
    }
    if (!points.length) {
      // Opened after the end: the charts come from the report's timeline, per scenario.
      const bySecond = new Map();
      for (const p of report.timeline) {
        const s = bySecond.get(p.second) || {second: p.second, requests: 0, errors: 0, perScenario: {}};
        s.requests += p.requests; s.errors += p.errors; s.perScenario[p.scenario] = p;
        bySecond.set(p.second, s);
      }
      const seconds = [...bySecond.values()].sort((a, b) => a.second - b.second);
      const x = seconds.map(s => s.second);
      const names = report.scenarios.map(s => s.name);
      const lat = {};
      for (const n of names) {
        const pick = (s, f) => s.perScenario[n] ? s.perScenario[n][f] : null;
        if (names.length === 1) {
          lat.p50 = seconds.map(s => pick(s, 'p50Ms')); lat.p90 = seconds.map(s => pick(s, 'p90Ms'));
          lat.p99 = seconds.map(s => pick(s, 'p99Ms')); lat.max = seconds.map(s => pick(s, 'maxMs'));
        } else {
          lat[n + ' p99'] = seconds.map(s => pick(s, 'p99Ms'));
          lat[n + ' max'] = seconds.map(s => pick(s, 'maxMs'));
        }
      }
      throughputChart.set(x, {all: seconds.map(s => s.requests)});
      latencyChart.set(x, lat);
      errorChart.set(x, {errors: seconds.map(s => s.errors)});
      charts.dataset.points = String(x.length);
    }
    renderThresholds(report.thresholds);
    renderScenarios(report.scenarios.map(s => ({name: s.name, requests: s.requests, errors: s.errors, timeouts: s.timeouts, latencyMs: s.latencyMs})));
    const mark = action('Mark as baseline of ' + run.plan, 'operator', async () => {
      try {
        await api('POST', '/runs/' + id + '/baseline');
        run.baseline = true;
        renderHead(run.state);
        mark.disabled = true;
        mark.textContent = 'This run is the baseline';
      } catch (e) { final.append(notice(e.message, true)); }
    });
    mark.id = 'run-mark-baseline';
    if (run.baseline) { mark.disabled = true; mark.textContent = 'This run is the baseline'; }
    if (run.state !== 'COMPLETED') { mark.disabled = true; mark.title = 'only a completed run can be a baseline'; }
    const t = report.total;
    final.replaceChildren(el('div', {class: 'card', id: 'run-report'},
      el('h2', {}, 'Report: ', badge(report.status)),
      table(['requests', 'throughput', 'errors', 'error rate', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms'],
        [[t.requests, fixed(t.throughput, 1) + ' req/s', t.errors, fixed(t.errorRate * 100, 2) + '%', ms(t.latencyMs.p50),
          ms(t.latencyMs.p90), ms(t.latencyMs.p99), ms(t.latencyMs.p999), ms(t.latencyMs.max)]], [0, 1, 2, 3, 4, 5, 6, 7, 8]),
      report.agents.length ? el('h2', {}, 'Each node') : null,
      report.agents.length ? table(['node', 'group', 'state', 'start offset', 'requests', 'throughput', 'errors', 'p99 ms'],
        report.agents.map(a => [a.id, a.group || '-', a.state, a.startOffsetMs == null ? '-' : fixed(a.startOffsetMs, 1) + ' ms',
          a.requests, fixed(a.throughput, 1) + ' req/s', a.errors, ms(a.latencyMs.p99)]), [3, 4, 5, 6, 7]) : null,
      report.notes.length ? el('ul', {}, report.notes.map(n => el('li', {}, n))) : null,
      el('div', {class: 'form', style: 'margin-top:10px'},
        el('a', {class: 'button', href: 'api/runs/' + id + '/report.html', target: '_blank', rel: 'noopener',
          onclick: e => { e.preventDefault(); openAuthed('api/runs/' + id + '/report.html'); }}, 'report.html'),
        el('a', {class: 'button', href: '#/compare/baseline/' + id, id: 'run-compare-baseline'}, 'Compare with the baseline'),
        el('a', {class: 'button', href: '#/history?plan=' + encodeURIComponent(run.plan)}, 'Runs of this plan'),
        mark)));
  };

  if (['COMPLETED', 'STOPPED', 'FAILED'].includes(run.state)) {
    renderScenarios([]);
    await showFinal();
    return;
  }
  const abort = new AbortController();
  cleanup.push(() => abort.abort());
  let lastState = run.state;
  stream('/runs/' + encodeURIComponent(id) + '/stats/stream', (name, s) => {
    if (s.state !== lastState) {
      lastState = s.state;
      get('/runs/' + id).then(r => { run = r; renderHead(s.state); }).catch(() => {});
    }
    const lag = s.lagSeconds > 0 ? 'merged view ' + s.lagSeconds.toFixed(1) + ' s behind' : null;
    document.getElementById('run-state') && (document.getElementById('run-state').textContent =
      s.state + (s.elapsedSeconds ? ' · ' + s.elapsedSeconds.toFixed(0) + ' s' : '') + (lag ? ' · ' + lag : '') +
      (s.pending && s.pending.length && s.state === 'STOPPING' ? ' · waiting for ' + s.pending.join(', ') : ''));
    renderWaiting(s.waiting);
    addSeconds(s.seconds || []);
    renderScenarios(s.scenarios);
    renderThresholds(s.thresholds);
    if (name === 'end') showFinal();
  }, abort.signal).catch(e => {
    if (e.name !== 'AbortError') head.append(notice('The live stream ended: ' + e.message, true));
  });
}

/** Opens an API page (report.html) in a new tab with the console's credentials. */
async function openAuthed(path) {
  const res = await fetch(path, {headers: headers({'Accept': 'text/html'})});
  const blob = await res.blob();
  window.open(URL.createObjectURL(blob), '_blank', 'noopener');
}

// ---------- history ----------

async function historyPage(args, query) {
  const limit = 20;
  const offset = Number(query.get('offset') || 0);
  const fields = ['plan', 'state', 'verdict', 'cluster', 'from', 'to'];
  const inputs = {
    plan: el('input', {id: 'filter-plan', value: query.get('plan') || ''}),
    state: el('select', {id: 'filter-state'}, ['', 'WAITING_FOR_AGENTS', 'RUNNING', 'STOPPING', 'COMPLETED', 'STOPPED', 'FAILED']
      .map(s => el('option', {value: s, selected: query.get('state') === s}, s || 'any'))),
    verdict: el('select', {id: 'filter-verdict'}, ['', 'PASSED', 'FAILED'].map(s => el('option', {value: s, selected: query.get('verdict') === s}, s || 'any'))),
    cluster: el('input', {id: 'filter-cluster', value: query.get('cluster') || ''}),
    from: el('input', {id: 'filter-from', type: 'date', value: query.get('from') || ''}),
    to: el('input', {id: 'filter-to', type: 'date', value: query.get('to') || ''}),
  };
  const go = off => {
    const q = new URLSearchParams();
    for (const f of fields) if (inputs[f].value) q.set(f, inputs[f].value);
    if (off) q.set('offset', off);
    location.hash = '#/history' + (q.toString() ? '?' + q : '');
  };
  const apiQuery = new URLSearchParams({limit: String(limit), offset: String(offset)});
  for (const f of fields) if (query.get(f)) apiQuery.set(f, query.get(f));
  const {data: runs, headers: h} = await api('GET', '/runs?' + apiQuery);
  const total = Number(h.get('X-Total-Count') || runs.length);
  const selected = new Map();
  const compareButton = el('button', {id: 'history-compare', class: 'primary', disabled: true, onclick: () => {
    const [a, b] = [...selected.values()].sort((x, y) => new Date(x.createdAt) - new Date(y.createdAt));
    location.hash = '#/compare/' + a.id + '/' + b.id;
  }}, 'Compare the two selected');
  const onSelect = (r, on) => {
    if (on) selected.set(r.id, r); else selected.delete(r.id);
    compareButton.disabled = selected.size !== 2;
  };
  const baselines = await get('/baselines');
  view.replaceChildren(el('h1', {}, 'History'),
    el('div', {class: 'card'},
      el('form', {class: 'form', onsubmit: e => { e.preventDefault(); go(0); }},
        el('label', {}, 'plan', inputs.plan), el('label', {}, 'state', inputs.state), el('label', {}, 'verdict', inputs.verdict),
        el('label', {}, 'cluster', inputs.cluster), el('label', {}, 'created from', inputs.from), el('label', {}, 'created to', inputs.to),
        el('button', {type: 'submit', class: 'primary', id: 'filter-apply'}, 'Filter'),
        el('button', {type: 'button', onclick: () => { location.hash = '#/history'; }}, 'Clear')),
      runs.length ? runsTable(runs, true, selected, onSelect, () => route()) : el('p', {class: 'muted'}, 'No runs match.'),
      el('div', {class: 'pager'},
        el('button', {disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit))}, 'Newer'),
        el('span', {id: 'history-count', class: 'muted'}, total === 0 ? '0 runs' : (offset + 1) + '–' + (offset + runs.length) + ' of ' + total),
        el('button', {disabled: offset + runs.length >= total, onclick: () => go(offset + limit)}, 'Older'),
        compareButton)),
    el('div', {class: 'card'}, el('h2', {}, 'Baselines'),
      baselines.length ? table(['plan', 'baseline run', 'tolerances', 'set by', 'set at'], baselines.map(b =>
        [b.plan, b.runId ? el('a', {href: '#/runs/' + b.runId}, b.runId) : '-', b.tolerances || 'defaults', b.updatedBy, when(b.updatedAt)]))
        : el('p', {class: 'muted'}, 'No plan has a baseline yet: open a completed run and mark it.')));
}

// ---------- compare ----------

async function comparePage(args, query) {
  if (args.length < 2) {
    const base = el('input', {id: 'compare-base', placeholder: 'run id, or baseline'});
    const cand = el('input', {id: 'compare-candidate', placeholder: 'run id'});
    view.replaceChildren(el('h1', {}, 'Compare'), el('div', {class: 'card'},
      el('p', {class: 'muted'}, 'Pick two runs in History, or give their ids. "baseline" compares with the candidate plan\'s baseline.'),
      el('form', {class: 'form', onsubmit: e => { e.preventDefault(); location.hash = '#/compare/' + encodeURIComponent(base.value.trim()) + '/' + encodeURIComponent(cand.value.trim()); }},
        el('label', {}, 'base', base), el('label', {}, 'candidate', cand), el('button', {class: 'primary', type: 'submit'}, 'Compare'))));
    return;
  }
  const [baseId, candidateId] = args;
  const tolerance = el('input', {id: 'compare-tolerance', size: 40, value: query.get('tolerance') || '',
    placeholder: 'p99=10%,throughput=5%'});
  const q = query.get('tolerance') ? '?tolerance=' + encodeURIComponent(query.get('tolerance')) : '';
  let c;
  try {
    c = await get('/runs/' + encodeURIComponent(candidateId) + '/compare/' + encodeURIComponent(baseId) + q);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 401) throw e;
    view.replaceChildren(el('h1', {}, 'Compare'), notice(e.message, true));
    return;
  }
  const form = el('form', {class: 'form', onsubmit: e => {
    e.preventDefault();
    location.hash = '#/compare/' + baseId + '/' + candidateId + (tolerance.value.trim() ? '?tolerance=' + encodeURIComponent(tolerance.value.trim()) : '');
  }}, el('label', {}, 'tolerances over the plan\'s', tolerance), el('button', {type: 'submit'}, 'Compare again'));
  const side = (title, s) => el('dl', {class: 'kv'}, el('dt', {}, title), el('dd', {}, el('a', {href: '#/runs/' + s.runId}, s.runId)),
    el('dt', {}, 'plan'), el('dd', {}, s.plan), el('dt', {}, 'status'), el('dd', {}, badge(s.status)),
    el('dt', {}, 'started'), el('dd', {}, when(s.startedAt)), el('dt', {}, 'measured'), el('dd', {}, fixed(s.measuredSeconds, 1) + ' s'));
  const parts = c.parts.map((p, i) => {
    const plot = el('div', {class: 'chart', id: 'compare-plot-' + i});
    const card = el('div', {class: 'card compare-part'},
      el('h2', {}, p.scenario == null ? 'All scenarios' : 'Scenario ' + p.scenario, ' ', badge(p.verdict)),
      table(['metric', 'base', 'candidate', 'delta', 'change', 'tolerance', 'verdict'], p.metrics.map(m => [
        m.name + ' (' + m.unit + ')', fmt(m.base), fmt(m.candidate), (m.delta > 0 ? '+' : '') + fmt(m.delta),
        m.relativePercent == null ? '-' : (m.relativePercent > 0 ? '+' : '') + m.relativePercent.toFixed(1) + '%',
        m.tolerance == null ? '-' : '±' + m.tolerance + (m.name === 'errorRate' ? ' pt' : '%'),
        badge(m.verdict, m.verdict.replace(' ', '-'))]), [1, 2, 3, 4, 5]),
      plot);
    return {card, plot, p};
  });
  view.replaceChildren(el('h1', {}, 'Compare'),
    el('div', {class: 'card'}, el('span', {id: 'compare-verdict', class: 'verdict ' + c.verdict}, c.verdict),
      el('p', {class: 'small muted'}, 'Tolerances applied: ' + c.tolerances),
      el('div', {class: 'row'}, side('base', c.base), side('candidate', c.candidate)),
      c.notes.length ? el('ul', {}, c.notes.map(n => el('li', {}, n))) : null, form),
    ...parts.map(x => x.card));
  for (const {plot, p} of parts) percentilePlot(plot, p);
}

/**
 * The two latency distributions on one percentile plot: x is 1/(1 - percentile), on a log scale,
 * labelled as percentiles (HdrHistogram's percentile-distribution view).
 */
function percentilePlot(host, part) {
  const b = part.baseDistribution || [];
  const c = part.candidateDistribution || [];
  if (!b.length && !c.length) {
    host.append(el('p', {class: 'muted'}, 'No latency distribution to plot.'));
    return;
  }
  const grid = [...new Set([...b, ...c].map(p => p[0]))].sort((x, y) => x - y);
  const at = (dist, pct) => { for (const p of dist) if (p[0] >= pct) return p[1]; return null; };
  const xs = grid.map(p => 1 / (1 - p / 100));
  const label = v => { if (!(v >= 1)) return ''; const p = 100 * (1 - 1 / v); return (p < 99.99 ? +p.toFixed(2) : +p.toFixed(4)) + '%'; };
  const chart = new Chart(host, 'Latency by percentile', 'ms', {
    xLabel: 'percentile',
    uplot: {
      scales: {x: {time: false, distr: 3, log: 10}},
      axes: [{label: 'percentile', values: (u, vals) => vals.map(label),
        splits: u => [1, 2, 10, 100, 1000, 10000, 100000, 1000000].filter(v => v >= u.scales.x.min && v <= u.scales.x.max)},
      {label: 'ms', size: 60}],
      series: [{label: 'percentile', value: (u, v) => v == null ? '-' : label(v)},
        {label: 'base', stroke: COLORS[0], width: 1.5, value: (u, v) => v == null ? '-' : fmt(v) + ' ms'},
        {label: 'candidate', stroke: COLORS[1], width: 1.5, value: (u, v) => v == null ? '-' : fmt(v) + ' ms'}],
    },
  });
  chart.set(xs, {base: grid.map(p => at(b, p)), candidate: grid.map(p => at(c, p))});
}

// ---------- start ----------

(async () => {
  if (!sessionStorage.getItem(AUTH_KEY)) {
    showLogin();
    return;
  }
  try {
    me = await get('/whoami');
    renderMe();
    route();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) view.replaceChildren(notice(e.message, true));
  }
})();
