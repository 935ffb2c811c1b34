'use strict';
// Wiring of the dashboard: key prompt, refresh loop (2 s), filter, paging by continuation token, detail + commands.
(() => {
  const { DashboardApi: api, DashboardInstances: list, DashboardTimeline: tl } = globalThis;
  const $ = (id) => document.getElementById(id);
  const pageSize = Math.min(Math.max(Number(new URLSearchParams(location.search).get('pageSize')) || 50, 1), 1000);
  const params = new URLSearchParams(location.search);
  const state = {
    status: '',
    tokens: [undefined],
    page: 0,
    next: null,
    selected: params.get('id'),
    busy: false,
    timer: null,
    search: { prefix: '', name: '', from: '', to: '' },
  };
  const isoOf = (local) => (local ? new Date(local).toISOString() : '');

  function showError(message) {
    $('error').textContent = message;
    $('error').hidden = !message;
  }

  function askForKey(message) {
    api.setKey('');
    $('key-form').hidden = false;
    $('change-key').hidden = true;
    $('overview').hidden = true;
    $('detail').hidden = true;
    stopTimer();
    showError(message || '');
    $('key').focus();
  }

  function fail(error) {
    if (error instanceof api.ApiError && error.status === 401) askForKey(error.message);
    else showError(error instanceof Error ? error.message : String(error));
  }

  async function refresh() {
    if (state.busy || !api.getKey()) return;
    state.busy = true;
    try {
      const token = state.tokens[state.page];
      const [counts, page] = await Promise.all([
        api.counts(),
        api.instances({
          status: state.status,
          top: pageSize,
          token,
          prefix: state.search.prefix,
          from: isoOf(state.search.from),
          to: isoOf(state.search.to),
        }),
      ]);
      showError('');
      $('key-form').hidden = true;
      $('change-key').hidden = false;
      $('overview').hidden = false;
      list.renderCounts($('counts'), counts.body.counts, state.status);
      const needle = state.search.name.toLowerCase();
      const instances = (page.body || []).filter((i) => !needle || String(i.name).toLowerCase().includes(needle));
      list.renderRows($('instances').querySelector('tbody'), instances, Date.now(), state.selected);
      $('empty').hidden = instances.length > 0;
      state.next = page.continuation;
      $('next-page').disabled = !state.next;
      $('prev-page').disabled = state.page === 0;
      $('page-label').textContent = `Page ${state.page + 1}`;
      if (state.selected) await showDetail(state.selected);
    } catch (error) {
      fail(error);
    } finally {
      state.busy = false;
    }
  }

  async function showDetail(id) {
    try {
      const data = (await api.timeline(id)).body;
      if (state.selected !== id) return;
      tl.renderDetail(data, Date.now());
      const link = new URL(location.pathname, location.origin);
      link.searchParams.set('id', id);
      $('instance-link').href = link.pathname + link.search;
      $('instance-link').textContent = link.pathname + link.search;
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 404) closeDetail();
      else throw error;
    }
  }

  function closeDetail() {
    state.selected = null;
    history.replaceState(null, '', location.pathname);
    $('event-form').hidden = true;
    $('detail').hidden = true;
    $('action-status').textContent = '';
  }

  async function select(id) {
    state.selected = id;
    $('event-form').hidden = true;
    history.replaceState(null, '', `${location.pathname}?id=${encodeURIComponent(id)}`);
    $('action-status').textContent = '';
    document
      .querySelectorAll('#instances tbody tr')
      .forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === id));
    await showDetail(id).catch(fail);
  }

  async function command(op) {
    const id = state.selected;
    if (!id || !confirm(`${op[0].toUpperCase()}${op.slice(1)} instance ${id}?`)) return;
    try {
      await api.command(id, op);
      $('action-status').textContent = `${op}: request accepted for ${id}`;
      if (op === 'purge') closeDetail();
    } catch (error) {
      fail(error);
    }
    await refresh();
  }

  function setFilter(status) {
    state.status = status;
    $('status-filter').value = status;
    state.tokens = [undefined];
    state.page = 0;
    void refresh();
  }

  function startTimer() {
    stopTimer();
    if ($('auto-refresh').checked) state.timer = setInterval(() => void refresh(), 2000);
  }
  function stopTimer() {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
  }

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    api.setKey($('key').value.trim());
    $('key').value = '';
    void refresh().then(() => api.getKey() && startTimer());
  });
  $('change-key').addEventListener('click', () => askForKey(''));
  $('status-filter').addEventListener('change', () => setFilter($('status-filter').value));
  $('counts').addEventListener('click', (event) => {
    const card = event.target.closest('button[data-status]');
    if (card) setFilter(card.dataset.status);
  });
  $('auto-refresh').addEventListener('change', startTimer);
  $('refresh').addEventListener('click', () => void refresh());
  $('next-page').addEventListener('click', () => {
    if (!state.next) return;
    state.tokens[state.page + 1] = state.next;
    state.page += 1;
    void refresh();
  });
  $('prev-page').addEventListener('click', () => {
    state.page = Math.max(0, state.page - 1);
    void refresh();
  });
  const onRow = (event) => {
    const row = event.target.closest('tr[data-id]');
    if (row && (event.type === 'click' || event.key === 'Enter')) void select(row.dataset.id);
  };
  $('instances').addEventListener('click', onRow);
  $('instances').addEventListener('keydown', onRow);
  for (const op of ['terminate', 'suspend', 'resume', 'purge']) $(op).addEventListener('click', () => void command(op));
  $('close-detail').addEventListener('click', closeDetail);

  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    state.search = {
      prefix: $('search-id').value.trim(),
      name: $('search-name').value.trim(),
      from: $('created-from').value,
      to: $('created-to').value,
    };
    setFilter(state.status);
  });
  $('clear-search').addEventListener('click', () => {
    $('search').reset();
    state.search = { prefix: '', name: '', from: '', to: '' };
    setFilter(state.status);
  });

  $('raise-event').addEventListener('click', () => {
    $('event-form').hidden = false;
    $('event-name').focus();
  });
  $('cancel-event').addEventListener('click', () => ($('event-form').hidden = true));
  $('event-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = state.selected;
    const name = $('event-name').value.trim();
    const data = $('event-data').value.trim() || 'null';
    try {
      JSON.parse(data);
    } catch {
      $('action-status').textContent = 'The event data is not valid JSON.';
      return;
    }
    if (!id || !name || !confirm(`Raise event "${name}" on instance ${id}?`)) return;
    try {
      await api.raiseEvent(id, name, data);
      $('action-status').textContent = `Event ${name} raised on ${id}`;
      $('event-form').hidden = true;
    } catch (error) {
      fail(error);
    }
    await refresh();
  });
  $('restart').addEventListener('click', async () => {
    const id = state.selected;
    if (!id || !confirm(`Restart instance ${id} with its original input, as a new instance?`)) return;
    try {
      const { body } = await api.restart(id);
      const started = body && body.id;
      if (started) await select(started);
      $('action-status').textContent = `Restarted ${id} as ${started}`;
    } catch (error) {
      fail(error);
    }
    await refresh();
  });

  if (api.getKey()) void refresh().then(() => api.getKey() && startTimer());
  else askForKey('');
})();
