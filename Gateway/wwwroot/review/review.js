// The reviewers' page: plain JavaScript over the audit API. Every value from the server is written with
// textContent (never innerHTML), since excerpts quote model output and user input.
(() => {
  'use strict';
  const KEY = 'review.apiKey';
  const $ = (id) => document.getElementById(id);
  const state = { events: [], selected: null, oldest: null };

  const headers = () => {
    const key = sessionStorage.getItem(KEY);
    return key ? { Authorization: `Bearer ${key}` } : {};
  };

  async function api(path, options = {}) {
    const response = await fetch(path, { ...options, headers: { ...headers(), ...(options.headers || {}) } });
    if (response.status === 401) {
      showKeyForm('The key was refused.');
      throw new Error('unauthorized');
    }
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
      throw new Error(body?.error?.message || `HTTP ${response.status}`);
    }
    return body;
  }

  function showKeyForm(message) {
    $('app').hidden = true;
    $('key-panel').hidden = false;
    $('key-error').textContent = sessionStorage.getItem(KEY) ? message : '';
    $('api-key').focus();
  }

  function filters() {
    const params = new URLSearchParams();
    const time = (id) => { const v = $(id).value; return v ? new Date(v).toISOString() : ''; };
    const add = (name, value) => { if (value) params.set(name, value.trim()); };
    add('since', time('f-since'));
    add('until', time('f-until'));
    add('rule', $('f-rule').value);
    add('action', $('f-action').value);
    add('userId', $('f-user').value);
    add('keyId', $('f-key').value);
    return params;
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text ?? '';
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function renderEvents(append) {
    const body = $('events').querySelector('tbody');
    if (!append) body.replaceChildren();
    for (const e of state.events.slice(append ? body.children.length : 0)) {
      const row = document.createElement('tr');
      row.dataset.id = e.id;
      cell(row, new Date(e.at).toLocaleString());
      cell(row, e.stage);
      cell(row, e.rule);
      cell(row, e.action, `action-${e.action}`);
      cell(row, e.userId ? e.userId.slice(0, 10) + '…' : '—');
      cell(row, e.keyId || '—');
      cell(row, e.excerptErased ? '(erased)' : e.excerpt, 'excerpt');
      cell(row, e.verdict ? e.verdict.replace('_', ' ') : '');
      row.addEventListener('click', () => openEvent(e.id));
      if (state.selected === e.id) row.classList.add('selected');
      body.appendChild(row);
    }
    $('event-count').textContent = `(${state.events.length} shown)`;
  }

  async function loadEvents(append = false) {
    const params = filters();
    params.set('limit', '100');
    if (append && state.oldest) params.set('before', String(state.oldest));
    const { events } = await api(`/v1/audit/events?${params}`);
    state.events = append ? state.events.concat(events) : events;
    state.oldest = state.events.length ? state.events[state.events.length - 1].id : null;
    $('more').hidden = events.length < 100;
    renderEvents(append);
    const exportParams = filters();
    $('export').dataset.query = exportParams.toString();
  }

  async function loadCounts() {
    const params = filters();
    params.set('bucket', $('bucket').value);
    const { counts } = await api(`/v1/audit/counts?${params}`);
    const buckets = [...new Set(counts.map((c) => c.bucketStart))].sort();
    const rules = [...new Set(counts.map((c) => c.rule))].sort();
    const max = Math.max(1, ...counts.map((c) => c.count));
    const head = $('counts').querySelector('thead');
    const body = $('counts').querySelector('tbody');
    head.replaceChildren();
    body.replaceChildren();
    if (!counts.length) {
      const row = document.createElement('tr');
      cell(row, 'No events in this range.', 'muted');
      body.appendChild(row);
      return;
    }
    const headRow = document.createElement('tr');
    cell(headRow, 'Rule');
    for (const b of buckets) cell(headRow, new Date(b).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit' }));
    cell(headRow, 'Total');
    head.appendChild(headRow);
    for (const rule of rules) {
      const row = document.createElement('tr');
      row.dataset.rule = rule;
      cell(row, rule);
      let total = 0;
      for (const b of buckets) {
        const n = counts.find((c) => c.rule === rule && c.bucketStart === b)?.count || 0;
        total += n;
        const td = cell(row, '', 'n');
        if (n) {
          const bar = document.createElement('span');
          bar.className = 'bar';
          bar.style.width = `${Math.round((n / max) * 40) + 2}px`;
          td.append(bar, document.createTextNode(String(n)));
        }
      }
      cell(row, String(total), 'n total');
      body.appendChild(row);
    }
  }

  async function loadVerify() {
    const badge = $('chain-status');
    try {
      const v = await api('/v1/audit/verify');
      badge.className = `badge ${v.valid ? 'ok' : 'bad'}`;
      badge.textContent = v.valid
        ? `Chain verified (${v.checked} events)`
        : `Chain BROKEN at event ${v.firstBrokenId ?? v.firstBrokenVerdictId ?? '?'}: ${v.reason ?? ''}`;
      badge.title = `head ${v.headHash}`;
    } catch (error) {
      if (error.message !== 'unauthorized') {
        badge.className = 'badge bad';
        badge.textContent = `Chain: ${error.message}`;
      }
    }
  }

  async function openEvent(id) {
    state.selected = id;
    for (const row of $('events').querySelectorAll('tbody tr')) row.classList.toggle('selected', Number(row.dataset.id) === id);
    const e = await api(`/v1/audit/events/${id}`);
    const detail = $('detail');
    detail.hidden = false;
    detail.dataset.id = e.id;
    for (const el of detail.querySelectorAll('[data-field]')) {
      const name = el.dataset.field;
      let value = e[name];
      if (name === 'at') value = new Date(e.at).toLocaleString();
      if (name === 'excerpt' && e.excerptErased) value = '(the user was erased; this excerpt can no longer be read)';
      if (name === 'verdict') value = e.verdict ? `${e.verdict}${e.verdictNote ? ` — ${e.verdictNote}` : ''}` : 'none yet';
      el.textContent = value ?? '—';
    }
    $('verdict-note').value = '';
    $('verdict-status').textContent = '';
  }

  async function recordVerdict(verdict) {
    const id = Number($('detail').dataset.id);
    const note = $('verdict-note').value.trim();
    try {
      await api(`/v1/audit/events/${id}/verdict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(note ? { verdict, note } : { verdict }),
      });
      $('verdict-status').textContent = `Recorded: ${verdict.replace('_', ' ')}`;
      const e = state.events.find((x) => x.id === id);
      if (e) { e.verdict = verdict; renderEvents(false); }
      await openEvent(id);
      $('verdict-status').textContent = `Recorded: ${verdict.replace('_', ' ')}`;
      loadVerify();
    } catch (error) {
      $('verdict-status').textContent = `Could not record: ${error.message}`;
    }
  }

  async function refresh() {
    try {
      await Promise.all([loadEvents(), loadCounts(), loadVerify()]);
    } catch (error) {
      if (error.message !== 'unauthorized') $('event-count').textContent = error.message;
    }
  }

  async function start() {
    try {
      await api('/v1/audit/verify');
    } catch {
      return; // the key form is showing
    }
    $('key-panel').hidden = true;
    $('app').hidden = false;
    await refresh();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, $('api-key').value.trim());
      $('api-key').value = '';
      start();
    });
    $('filters').addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
    $('reset').addEventListener('click', () => { $('filters').reset(); refresh(); });
    $('bucket').addEventListener('change', () => loadCounts().catch(() => {}));
    $('more').addEventListener('click', () => loadEvents(true).catch(() => {}));
    $('verdict-tp').addEventListener('click', () => recordVerdict('true_positive'));
    $('verdict-fp').addEventListener('click', () => recordVerdict('false_positive'));
    $('export').addEventListener('click', async (event) => {
      event.preventDefault();
      const response = await fetch(`/v1/audit/export?${$('export').dataset.query || ''}`, { headers: headers() });
      if (!response.ok) return;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = 'audit-export.jsonl';
      link.click();
      URL.revokeObjectURL(url);
    });
    start();
  });
})();
