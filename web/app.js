'use strict';
// Upload + results page. Talks only to the documented API (docs/api.md) with the function key in a header.
(() => {
  const $ = (id) => document.getElementById(id);
  const state = {
    key: localStorage.getItem('clinscribe.key') || new URLSearchParams(location.search).get('code') || '',
    selected: null,
  };
  $('key').value = state.key;
  const api = (path, init = {}) =>
    fetch(`/api/${path}`, { ...init, headers: { ...(init.headers || {}), 'x-functions-key': state.key } });

  $('save-key').addEventListener('click', () => {
    state.key = $('key').value.trim();
    localStorage.setItem('clinscribe.key', state.key);
    void refresh();
  });

  $('upload-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('file').files[0];
    if (!file) return;
    const form = new FormData();
    form.append('template', $('template').value);
    form.append('review', String($('review').checked));
    form.append('file', file);
    $('upload-status').textContent = 'Uploading…';
    const response = await api('encounters', { method: 'POST', body: form });
    const body = await response.json().catch(() => ({}));
    if (response.status !== 202) {
      $('upload-status').textContent = `Upload failed: ${body.error ? body.error.message : response.status}`;
      return;
    }
    $('upload-status').textContent = `Started encounter ${body.encounterId}`;
    state.selected = body.encounterId;
    await refresh();
  });

  const cell = (text) => {
    const td = document.createElement('td');
    td.textContent = text;
    return td;
  };

  async function refresh() {
    if (!state.key) return;
    const response = await api('encounters?pageSize=100');
    if (!response.ok) return;
    const { items } = await response.json();
    const tbody = document.querySelector('#encounters tbody');
    tbody.replaceChildren(
      ...items
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((item) => {
          const tr = document.createElement('tr');
          tr.dataset.id = item.encounterId;
          const progress = document.createElement('td');
          progress.className = 'progress';
          tr.append(
            cell(item.encounterId),
            cell(item.type || ''),
            cell(item.status),
            progress,
            cell(new Date(item.createdAt).toLocaleString()),
          );
          tr.addEventListener('click', () => {
            state.selected = item.encounterId;
            void showDetail();
          });
          return tr;
        }),
    );
    if (state.selected) await showDetail();
  }

  async function showDetail() {
    const id = state.selected;
    const response = await api(`encounters/${id}`);
    if (!response.ok) return;
    const { manifest, runtime } = await response.json();
    $('detail').hidden = false;
    $('detail-id').textContent = id;
    const custom = runtime && runtime.customStatus;
    const status = manifest ? manifest.status : runtime.runtimeStatus;
    $('detail-status').textContent =
      `${status}${custom ? ` — ${custom.stage} (${Math.round(custom.progress * 100)} %): ${custom.detail}` : ''}`;
    $('detail-error').textContent =
      manifest && manifest.error
        ? `${manifest.error.stage} failed: ${manifest.error.code}: ${manifest.error.message}`
        : '';
    const row = document.querySelector(`tr[data-id="${id}"] .progress`);
    if (row && custom)
      row.replaceChildren(Object.assign(document.createElement('progress'), { max: 1, value: custom.progress }));
    $('review-box').hidden = !(custom && custom.stage === 'awaiting-review');
    const results = manifest ? manifest.results : {};
    const links = [
      ['transcript', 'transcript'],
      ['health', 'health'],
      ['fhir', 'fhir'],
      ['note', 'note'],
      ['noteMarkdown', 'note.md'],
      ['report', 'report'],
    ];
    $('artifacts').replaceChildren(
      ...links
        .filter(([key]) => results[key])
        .map(([, name]) => {
          const a = document.createElement('a');
          a.href = '#';
          a.textContent = name;
          a.addEventListener('click', async (event) => {
            event.preventDefault();
            const blob = await (await api(`encounters/${id}/${name}`)).blob();
            window.open(URL.createObjectURL(blob), '_blank');
          });
          return a;
        }),
    );
    if (results.transcript) await showTranscript(id);
    if (results.note) await showNote(id);
  }

  async function showTranscript(id) {
    const response = await api(`encounters/${id}/transcript`);
    if (!response.ok) return;
    const transcript = await response.json();
    $('transcript').replaceChildren(
      ...transcript.segments.map((segment) => {
        const li = document.createElement('li');
        li.id = `seg-${segment.id}`;
        li.className = `role-${segment.role}`;
        li.textContent = `[${segment.id}] ${segment.role}: ${segment.text}`;
        return li;
      }),
    );
  }

  async function showNote(id) {
    const response = await api(`encounters/${id}/note`);
    if (!response.ok) return;
    const note = await response.json();
    $('note').replaceChildren(
      ...note.sections.map((section) => {
        const div = document.createElement('div');
        const h = document.createElement('h4');
        h.textContent = section.title;
        div.append(h);
        for (const sentence of section.sentences) {
          const p = document.createElement('p');
          p.textContent = sentence.text + ' ';
          const ev = document.createElement('span');
          ev.className = 'evidence';
          ev.textContent = `[${sentence.evidence.join(', ')}]`;
          p.append(ev);
          div.append(p);
        }
        return div;
      }),
    );
  }

  $('approve').addEventListener('click', async () => {
    const response = await api(`encounters/${state.selected}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve' }),
    });
    $('detail-status').textContent = response.status === 202 ? 'Approved' : `Review failed (${response.status})`;
    await refresh();
  });

  void refresh();
  setInterval(() => void refresh(), 2000);
})();
