'use strict';
// Renders the counts per runtime status and the instance table (markup only through the escaping `html` tag).
globalThis.DashboardInstances = (() => {
  const F = globalThis.DashboardFormat;
  const { html } = F;

  /** Counts as cards; a card is a button that filters the table by its status. */
  function renderCounts(list, counts, activeStatus) {
    list.innerHTML = F.countRows(counts)
      .map(({ status, count }) => {
        const value = status === 'Total' ? '' : status;
        const active = value === activeStatus ? ' active' : '';
        return html`<li>
          <button type="button" class="count status-${status}${active}" data-status="${value}">
            <span class="n">${count}</span><span class="label">${status}</span>
          </button>
        </li>`;
      })
      .join('');
  }

  /** One row per instance; the row carries its id for the click handler. */
  function renderRows(tbody, instances, nowMs, selectedId) {
    tbody.innerHTML = instances
      .map((inst) => {
        const { stage, progress } = F.customStage(inst.customStatus);
        const selected = inst.instanceId === selectedId ? 'selected' : '';
        return html`<tr data-id="${inst.instanceId}" class="${selected}" tabindex="0">
          <td>${inst.name}</td>
          <td class="mono">${inst.instanceId}</td>
          <td><span class="status status-${inst.runtimeStatus}">${inst.runtimeStatus}</span></td>
          <td>${stage}</td>
          <td>${progress}</td>
          <td>${F.formatTime(inst.createdTime)}</td>
          <td>${F.formatTime(inst.lastUpdatedTime)}</td>
          <td>${F.formatDuration(F.instanceDurationMs(inst, nowMs), true)}</td>
        </tr>`;
      })
      .join('');
  }

  return { renderCounts, renderRows };
})();
