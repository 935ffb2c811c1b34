'use strict';
// Renders one instance's timeline: a Gantt-like bar chart (DOM + CSS) and a table. Sizes only, never payloads.
globalThis.DashboardTimeline = (() => {
  const F = globalThis.DashboardFormat;
  const { html } = F;

  function renderGantt(container, data, nowMs) {
    const items = data.items || [];
    if (items.length === 0) {
      container.innerHTML = html`<p class="muted">No activities, timers or events yet.</p>`;
      return;
    }
    const { spanMs, bars } = F.ganttLayout(items, data.createdTime, nowMs);
    const axis = html`<div class="gantt-row gantt-axis">
      <span></span><span class="gantt-scale"><span>0</span><span>${F.formatDuration(spanMs)}</span></span>
    </div>`;
    container.innerHTML =
      axis +
      items
        .map(
          (item, i) =>
            html`<div class="gantt-row">
              <span class="gantt-label" title="${item.name}">${i + 1}. ${item.name}</span>
              <span class="gantt-track"
                ><span
                  class="bar kind-${item.kind} bar-${item.status}"
                  title="${item.kind} ${item.status}: ${F.formatDuration(item.durationMs)}"
                ></span
              ></span>
            </div>`,
        )
        .join('');
    // Geometry through the CSSOM: the page's Content-Security-Policy forbids inline style attributes.
    container.querySelectorAll('.bar').forEach((bar, i) => {
      bar.style.left = `${bars[i].left}%`;
      bar.style.width = `${bars[i].width}%`;
    });
  }

  function renderTable(tbody, data) {
    tbody.innerHTML = (data.items || [])
      .map(
        (item, i) =>
          html`<tr class="item-${item.status}">
            <td>${i + 1}</td>
            <td>${item.name}</td>
            <td>${item.kind}</td>
            <td>${F.formatTime(item.start, true)}</td>
            <td>${item.end ? F.formatTime(item.end, true) : '—'}</td>
            <td>${F.formatDuration(item.durationMs)}</td>
            <td>${F.formatBytes(item.inputBytes)}</td>
            <td>${F.formatBytes(item.outputBytes)}</td>
            <td><span class="status item-status-${item.status}">${item.status}</span></td>
            <td class="failure">${item.failure || ''}</td>
          </tr>`,
      )
      .join('');
  }

  /** The detail panel of one instance: title, status, the commands its status allows, bars and table. */
  function renderDetail(data, nowMs) {
    const $ = (id) => document.getElementById(id);
    $('detail').hidden = false;
    $('detail-title').textContent = `${data.name} · ${data.instanceId}`;
    $('detail-status').textContent = data.runtimeStatus;
    $('detail-status').className = `status status-${data.runtimeStatus}`;
    const allowed = F.actionsFor(data.runtimeStatus);
    for (const op of ['terminate', 'suspend', 'resume', 'purge']) $(op).disabled = !allowed[op];
    $('raise-event').disabled = !allowed.raiseEvent;
    $('restart').disabled = !allowed.restart;
    $('detail-failure').textContent = data.failure || '';
    $('detail-failure').hidden = !data.failure;
    renderGantt($('gantt'), data, nowMs);
    renderTable($('timeline').querySelector('tbody'), data);
  }

  return { renderDetail };
})();
