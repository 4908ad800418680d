/*
 * Live dashboard of the emulation office [Ban Thi đua - Khen thưởng] (issue 5).
 *
 * Reads the period from the page address (/dashboard/{period}; the newest period of /api/periods otherwise), loads
 * the standings, the latest rejections and the awards over same-origin JSON, then follows the server-sent events of
 * /api/events: "standings" replaces a block when its sequence is newer than the one shown (stale snapshots are
 * dropped), "rejection" is prepended, "award" and "letter" reload the awards. Whenever the stream opens (at start and
 * after a lost connection) everything is loaded again, so nothing missed stays missing; the page is never reloaded.
 *
 * Issue 20 adds, for the working year: a period selector (/dashboard/{period} is kept in the address), the reporting
 * progress of every unit (/api/periods/{period}/progress), a unit panel with its scorecard and how each criterion's
 * points were computed, the awards with filters and their reason and legal basis, a search over units and people,
 * and the office's actions (close the period after a confirmation, hold or release a unit or a person, resend a
 * failed letter), sent as JSON with the session cookie (SameSite=Strict; the hub also checks the Origin) to the
 * same POST /api/commands and POST /api/letters/{awardId}/resend as Kafka and curl.
 *
 * Security: every value from the server (names, codes, reasons) goes into the page as text nodes or attribute
 * values (createElement, textContent, setAttribute); nothing is parsed as HTML.
 */
'use strict';

(() => {
  const REJECTION_LIMIT = 20;
  const RECONNECT_MS = 5000;
  const AWARDS_DEBOUNCE_MS = 300;
  const PROJECTOR_KEY = 'tdkt.dashboard.projector';
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const RATINGS = {
    XUAT_SAC: 'Hoàn thành xuất sắc nhiệm vụ',
    TOT: 'Hoàn thành tốt nhiệm vụ',
    HOAN_THANH: 'Hoàn thành nhiệm vụ',
    KHONG_HOAN_THANH: 'Không hoàn thành nhiệm vụ',
  };
  const AWARD_STATUS = { GRANTED: 'Khen thưởng', PROPOSED: 'Đề nghị cấp trên', WITHHELD: 'Tạm hoãn' };
  const LETTER_STATUS = { SENT: 'Đã gửi', FAILED: 'Gửi không thành công' };

  const scoreFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Times in Vietnam time, whatever the machine's zone, as in the hub's letters.
  const TIME_ZONE = 'Asia/Ho_Chi_Minh';
  const clockFormat = new Intl.DateTimeFormat('vi-VN',
    { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: TIME_ZONE });
  const dateFormat = new Intl.DateTimeFormat('vi-VN',
    { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE });

  const state = {
    period: null,
    closed: false,
    blocks: new Map(), // blockCode -> Standings shown
    cards: new Map(), // blockCode -> its card element
    rejections: [], // newest first
    liveUpdates: 0,
    awardsTimer: null,
    readsRejections: true, // false for a viewer (projector screen)
    role: null,
    periods: [], // [{period, closed}], newest first
    progress: null, // the period's /progress answer
    awards: [], // flat award events with their letters
    search: '',
    unit: null, // unit code shown in the unit panel
    generation: 0, // grows when the period changes: answers for an older period are dropped
  };

  const byId = (id) => document.getElementById(id);

  // ---- DOM helpers: text only, never HTML ----

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttributes(node, attrs);
    node.append(...children.filter((c) => c !== null && c !== undefined)
      .map((c) => (c instanceof Node ? c : String(c))));
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttributes(node, attrs);
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function setAttributes(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    }
  }

  // ---- formatting ----

  const formatScore = (value) => (value === null || value === undefined ? '—' : scoreFormat.format(Number(value)));
  const ratingLabel = (code) => (code ? RATINGS[code] || code : 'Chưa xếp loại');
  const ratingClass = (code) => (code && RATINGS[code] ? `rating-${code.toLowerCase()}` : 'rating-none');

  function formatStamp(iso) {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? String(iso ?? '') : `${dateFormat.format(time)} ${clockFormat.format(time)}`;
  }

  // ---- status line ----

  function showMessage(text) {
    const box = byId('message');
    box.textContent = text;
    box.hidden = !text;
  }

  function setConnection(kind, text) {
    const node = byId('connection');
    node.className = `connection ${kind}`;
    node.textContent = text;
  }

  /** Shows the time of the latest change; a live change also counts, so the text changes on every live update. */
  function markUpdated(live) {
    if (live) {
      state.liveUpdates += 1;
    }
    const node = byId('last-update');
    const time = clockFormat.format(new Date());
    node.textContent = state.liveUpdates > 0
      ? `Cập nhật lúc ${time} (lần ${state.liveUpdates})`
      : `Cập nhật lúc ${time}`;
    node.dataset.updates = String(state.liveUpdates);
  }

  // ---- projector mode ----

  function readProjector() {
    try {
      return localStorage.getItem(PROJECTOR_KEY) === '1';
    } catch (e) {
      return false; // storage disabled: default mode
    }
  }

  function setProjector(on) {
    document.documentElement.classList.toggle('projector', on);
    const button = byId('projector-toggle');
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? 'Chế độ thường' : 'Chế độ máy chiếu';
    try {
      localStorage.setItem(PROJECTOR_KEY, on ? '1' : '0');
    } catch (e) {
      // storage disabled: the mode lasts for this page only
    }
  }

  // ---- period ----

  function periodFromPath() {
    const match = /^\/dashboard\/(\d{4})\/?$/.exec(window.location.pathname);
    return match ? match[1] : null;
  }

  /** Shows the period and whether it is closed; closing is final, so once seen closed it stays so. */
  function renderPeriod(closed) {
    state.closed = state.closed || closed;
    const select = byId('period-select');
    if (select.value !== state.period) {
      select.value = state.period;
    }
    const status = byId('period-status');
    status.textContent = state.closed ? 'Đã khóa sổ' : 'Đang tổng hợp';
    status.className = `period-status ${state.closed ? 'closed' : 'open'}`;
    const close = byId('close-period');
    close.textContent = `Khóa sổ kỳ thi đua năm ${state.period}`;
    close.disabled = state.closed;
    byId('hold-form').hidden = !(state.role === 'OFFICE' && !state.closed);
  }

  function renderPeriodOptions() {
    const select = byId('period-select');
    select.replaceChildren(...state.periods.map((p) => el('option', { value: p.period, 'data-closed': p.closed,
      title: p.closed ? 'Đã khóa sổ' : 'Đang tổng hợp' }, p.period)));
    if (state.period) {
      select.value = state.period;
    }
  }

  /** The newest period not closed yet; the newest of all if every period is closed. */
  function defaultPeriod(periods) {
    const names = periods.map((p) => p.period).filter(Boolean).sort().reverse();
    const open = periods.filter((p) => !p.closed).map((p) => p.period).sort().reverse();
    return open[0] ?? names[0] ?? null;
  }

  /** Switches to another period without reloading the page; the address becomes /dashboard/{period}. */
  function selectPeriod(period, push) {
    if (!period || period === state.period) {
      return;
    }
    state.period = period;
    state.generation += 1;
    state.closed = false;
    state.blocks.clear();
    state.cards.clear();
    state.progress = null;
    state.awards = [];
    closeUnit();
    if (push) {
      window.history.pushState({ period }, '', `/dashboard/${encodeURIComponent(period)}`);
    }
    document.title = `Bảng điều hành thi đua - khen thưởng năm ${state.period}`;
    renderBlocks();
    renderProgress();
    renderAwards();
    renderPeriod(Boolean((state.periods.find((p) => p.period === period) || {}).closed));
    loadAll();
  }

  // ---- standings ----

  function blockOrder(a, b) {
    const ra = a.blockRank ?? Infinity;
    const rb = b.blockRank ?? Infinity;
    if (ra !== rb) {
      return ra - rb;
    }
    return a.blockCode < b.blockCode ? -1 : (a.blockCode > b.blockCode ? 1 : 0);
  }

  /** Shows a block's snapshot unless it is of another period or not newer than the one shown; true if shown. */
  function applyStandings(block) {
    if (!block || block.period !== state.period || typeof block.blockCode !== 'string') {
      return false;
    }
    const shown = state.blocks.get(block.blockCode);
    if (shown && !(Number(block.sequence) > Number(shown.sequence))) {
      return false;
    }
    state.blocks.set(block.blockCode, block);
    const card = blockCard(block);
    if (state.cards.has(block.blockCode)) {
      card.classList.add('changed'); // highlighted once when renderBlocks puts it in place
    }
    state.cards.set(block.blockCode, card);
    if (block.closed) {
      renderPeriod(true);
    }
    return true;
  }

  function renderBlocks() {
    const sorted = [...state.blocks.values()].sort(blockOrder);
    const grid = byId('blocks');
    if (sorted.length === 0) {
      grid.replaceChildren(el('p', { class: 'empty' }, 'Chưa có số liệu xếp hạng của kỳ thi đua này.'));
    } else {
      grid.replaceChildren(...sorted.map((b) => state.cards.get(b.blockCode)));
    }
    byId('block-ranking').replaceChildren(...sorted.map((b) => el('li',
      { class: b.blockRank ? 'ranked' : 'unranked', 'data-block': b.blockCode },
      el('span', { class: 'rank' }, b.blockRank ?? '—'),
      el('span', { class: 'name' }, b.blockName ?? b.blockCode),
      el('span', { class: 'mean' }, b.meanScore === null || b.meanScore === undefined
        ? 'Chưa có đơn vị đủ tiêu chí'
        : formatScore(b.meanScore)))));
  }

  function blockCard(b) {
    const units = Array.isArray(b.units) ? b.units : [];
    const meta = [`Mã khối ${b.blockCode}`, `Hạng khối: ${b.blockRank ?? '—'}`,
      `Điểm bình quân: ${formatScore(b.meanScore)}`].join(' · ');
    return el('section', { class: 'block', 'data-block': b.blockCode, 'data-sequence': b.sequence,
      'aria-label': b.blockName ?? b.blockCode },
    el('header', { class: 'block-head' },
      el('h2', {}, b.blockName ?? b.blockCode),
      b.closed ? el('span', { class: 'badge closed' }, 'Đã khóa sổ') : null,
      el('p', { class: 'block-meta' }, meta)),
    scoreChart(b, units),
    rankingTable(units),
    el('p', { class: 'block-updated' }, `Số liệu lúc ${formatStamp(b.updatedAt)}`));
  }

  function rankingTable(units) {
    const head = el('tr', {}, ...['Hạng', 'Đơn vị', 'Điểm', 'Xếp loại', 'Đủ tiêu chí', 'Chỉ tiêu đạt']
      .map((h) => el('th', { scope: 'col' }, h)));
    const rows = units.map((u) => el('tr',
      { 'data-unit': u.unitCode, class: u.complete ? 'row-complete' : 'row-incomplete' },
      el('td', { class: 'rank' }, u.rank ?? '—'),
      el('td', { class: 'unit', title: u.unitCode }, u.unitName ?? u.unitCode),
      el('td', { class: 'score' }, formatScore(u.score)),
      el('td', { class: `rating ${ratingClass(u.rating)}` }, ratingLabel(u.rating)),
      el('td', { class: 'complete' }, u.complete ? 'Đủ' : 'Chưa đủ'),
      el('td', { class: 'targets' }, u.targetsMet ?? 0)));
    return el('table', { class: 'ranking' }, el('thead', {}, head), el('tbody', {}, ...rows));
  }

  /** Horizontal bar chart, one bar per unit in standings order: the unit's name above its bar, the score after it. */
  function scoreChart(b, units) {
    const width = 640;
    const rowHeight = 46;
    const barHeight = 18;
    const valueRoom = 76;
    const height = Math.max(units.length, 1) * rowHeight + 8;
    const scores = units.map((u) => Number(u.score) || 0);
    const max = Math.max(100, ...scores);
    const min = Math.min(0, ...scores);
    const x = (v) => ((v - min) / (max - min)) * (width - valueRoom);
    const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': `Biểu đồ điểm thi đua - ${b.blockName ?? b.blockCode}` });
    chart.append(svg('title', {}, `Biểu đồ điểm thi đua - ${b.blockName ?? b.blockCode}`));
    units.forEach((u, i) => {
      const top = i * rowHeight + 4;
      const value = Number(u.score) || 0;
      const barTop = top + 22;
      const group = svg('g', { class: `bar ${ratingClass(u.rating)}`, 'data-unit': u.unitCode });
      group.append(
        svg('title', {}, `${u.unitName ?? u.unitCode}: ${formatScore(u.score)} điểm`),
        svg('text', { class: 'name', x: 0, y: top + 15 }, `${u.rank ? `${u.rank}. ` : ''}${u.unitName ?? u.unitCode}`),
        svg('rect', { x: Math.min(x(0), x(value)), y: barTop, width: Math.max(Math.abs(x(value) - x(0)), 2),
          height: barHeight, rx: 3 }),
        svg('text', { class: 'value', x: Math.max(x(0), x(value)) + 8, y: barTop + barHeight - 4 },
          formatScore(u.score)));
      chart.append(group);
    });
    if (min < 0) {
      chart.append(svg('line', { class: 'zero', x1: x(0), x2: x(0), y1: 0, y2: height }));
    }
    return chart;
  }

  // ---- rejections ----

  const rejectionKey = (r) => (r.source
    ? `${r.source.topic}/${r.source.partition}/${r.source.offset}`
    : `${r.rejectedAt}/${r.submissionId}`);

  function addRejections(list) {
    const merged = new Map(state.rejections.map((r) => [rejectionKey(r), r]));
    for (const r of list) {
      if (r && typeof r === 'object') {
        merged.set(rejectionKey(r), r);
      }
    }
    state.rejections = [...merged.values()]
      .sort((a, b) => (Date.parse(b.rejectedAt) || 0) - (Date.parse(a.rejectedAt) || 0))
      .slice(0, REJECTION_LIMIT);
    const items = state.rejections.map(rejectionItem);
    byId('rejections').replaceChildren(...(items.length ? items
      : [el('li', { class: 'empty' }, 'Không có báo cáo nào bị từ chối.')]));
  }

  function rejectionItem(r) {
    const reasons = (Array.isArray(r.reasons) ? r.reasons : []).map((reason) => el('li',
      { class: 'reason', 'data-code': reason.code },
      el('span', { class: 'reason-message' }, reason.message ?? ''),
      ' ',
      el('code', { class: 'reason-code' }, reason.code ?? ''),
      reason.field ? el('span', { class: 'reason-field' }, ` ${reason.field}`) : null));
    return el('li', { class: 'rejection', 'data-submission': r.submissionId },
      el('p', { class: 'rejection-head' },
        el('time', { datetime: r.rejectedAt }, formatStamp(r.rejectedAt)),
        el('span', { class: 'unit' }, r.unitCode ?? 'Không rõ đơn vị'),
        r.submissionId ? el('span', { class: 'submission' }, `Mã báo cáo ${r.submissionId}`) : null),
      el('ul', { class: 'reasons' }, ...reasons));
  }

  // ---- awards ----

  /** The awards of the period, filtered by award, status and the search text. */
  function renderAwards() {
    const awardFilter = byId('award-filter');
    const kinds = new Map();
    state.awards.forEach((a) => kinds.set(a.awardCode, a.awardName ?? a.awardCode));
    const chosen = awardFilter.value;
    const key = JSON.stringify([...kinds]);
    if (awardFilter.dataset.kinds !== key) {
      // rebuilt only when the kinds change: an open list is not replaced under the user's hand
      awardFilter.dataset.kinds = key;
      awardFilter.replaceChildren(el('option', { value: '' }, 'Tất cả hình thức'),
        ...[...kinds].map(([code, name]) => el('option', { value: code }, name)));
      awardFilter.value = kinds.has(chosen) ? chosen : '';
    }
    const status = byId('status-filter').value;
    const shown = state.awards.filter((a) => (!awardFilter.value || a.awardCode === awardFilter.value)
      && (!status || a.status === status) && matchesSearch(a.recipientName, a.unitCode, a.staffCode, a.fullName,
      a.blockCode));
    const rows = shown.map(awardRow);
    byId('awards').tBodies[0].replaceChildren(...(rows.length ? rows
      : [el('tr', { class: 'empty' }, el('td', { colspan: 5 }, state.awards.length
        ? 'Không có khen thưởng nào khớp với bộ lọc.'
        : 'Chưa có quyết định khen thưởng (kỳ thi đua chưa khóa sổ).'))]));
    byId('awards-count').textContent = state.awards.length
      ? `${shown.length}/${state.awards.length} khen thưởng` : '';
  }

  function awardRow(a) {
    const status = AWARD_STATUS[a.status] ? a.status.toLowerCase() : 'unknown';
    return el('tr', { 'data-award': a.awardId, 'data-code': a.awardCode, 'data-status': a.status,
      class: `status-${status}` },
    el('td', { class: 'award' }, a.awardName ?? a.awardCode),
    el('td', { class: 'recipient' },
      el('span', { class: 'recipient-name' }, a.recipientName ?? ''),
      el('span', { class: 'recipient-detail' }, recipientDetail(a))),
    el('td', { class: 'status' }, el('span', { class: `pill status-${status}` }, AWARD_STATUS[a.status] ?? a.status)),
    el('td', { class: 'reason' }, ...reasonParts(a.reason)),
    el('td', { class: `letter ${a.letter ? `letter-${String(a.letter.status).toLowerCase()}` : 'letter-none'}` },
      letterText(a), resendButton(a)));
  }

  const FACT_NAMES = {
    score: 'điểm', rank: 'hạng', rating: 'xếp loại', ratings: 'xếp loại các năm', initiatives: 'sáng kiến',
    blockRank: 'hạng khối', meanScore: 'điểm bình quân', holdReason: 'lý do tạm giữ',
  };

  function factText(value) {
    if (value === null || value === undefined) {
      return '—';
    }
    if (Array.isArray(value)) {
      return value.map(factText).join(', ');
    }
    if (typeof value === 'object') {
      return Object.entries(value).map(([k, v]) => `${k}: ${factText(v)}`).join('; ');
    }
    if (typeof value === 'number') {
      return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(value);
    }
    return String(value);
  }

  /** The award's rule, legal basis and facts, as text. */
  function reasonParts(reason) {
    if (!reason || typeof reason !== 'object') {
      return ['—'];
    }
    const facts = reason.facts && typeof reason.facts === 'object'
      ? Object.entries(reason.facts).map(([k, v]) => el('li', { 'data-fact': k },
        `${FACT_NAMES[k] ?? k}: ${factText(v)}`))
      : [];
    return [
      el('span', { class: 'rule' }, reason.rule ?? ''),
      reason.legalBasis ? el('span', { class: 'legal-basis' }, `Căn cứ: ${reason.legalBasis}`) : null,
      facts.length ? el('ul', { class: 'facts' }, ...facts) : null,
    ];
  }

  function resendButton(a) {
    if (state.role !== 'OFFICE' || !a.letter || a.letter.status !== 'FAILED') {
      return null;
    }
    const button = el('button', { type: 'button', class: 'resend secondary', 'data-award': a.awardId },
      'Gửi lại thông báo');
    button.addEventListener('click', () => resend(a));
    return button;
  }

  function recipientDetail(a) {
    switch (a.recipientType) {
      case 'PERSON': return `Cá nhân · ${a.staffCode ?? ''} · ${a.unitCode ?? ''}`;
      case 'BLOCK': return `Khối ${a.blockCode ?? ''} · đơn vị dẫn đầu ${a.unitCode ?? ''}`;
      default: return `Tập thể · ${a.unitCode ?? ''}`;
    }
  }

  function letterText(a) {
    if (a.letter) {
      return `Số ${a.letter.letterNumber ?? '—'} · ${LETTER_STATUS[a.letter.status] ?? a.letter.status ?? 'Đang gửi'}`;
    }
    return a.status === 'WITHHELD' ? 'Không gửi thông báo' : 'Chưa gửi';
  }

  // ---- search ----

  const fold = (text) => String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

  /** Whether any of the values contains the search text (case and Vietnamese accents ignored). */
  function matchesSearch(...values) {
    if (!state.search) {
      return true;
    }
    const wanted = fold(state.search.trim());
    return values.some((v) => v !== null && v !== undefined && fold(v).includes(wanted));
  }

  function applySearch() {
    state.search = byId('search').value;
    renderProgress();
    renderAwards();
    document.querySelectorAll('#blocks tr[data-unit]').forEach((tr) => {
      tr.hidden = !matchesSearch(tr.dataset.unit, tr.querySelector('td.unit')?.textContent);
    });
    const units = document.querySelectorAll('#progress li[data-unit]:not([hidden])').length;
    const awards = state.awards.filter((a) => matchesSearch(a.recipientName, a.unitCode, a.staffCode, a.fullName,
      a.blockCode)).length;
    byId('search-count').textContent = state.search.trim()
      ? `Tìm thấy ${units} đơn vị, ${awards} khen thưởng` : '';
  }

  // ---- reporting progress ----

  const STATE_NAMES = { COMPLETE: 'Đã báo cáo đủ', INCOMPLETE: 'Chưa đủ tiêu chí', NOT_REPORTED: 'Chưa báo cáo' };

  function renderProgress() {
    const p = state.progress;
    const summary = byId('progress-summary');
    if (!p || !Array.isArray(p.blocks)) {
      summary.textContent = '';
      byId('progress').replaceChildren();
      return;
    }
    summary.textContent = `${p.completeCount}/${p.unitCount} đơn vị đã báo cáo đầy đủ · `
      + `${p.incompleteCount} chưa đủ tiêu chí · ${p.notReportedCount} chưa báo cáo`
      + (p.closed ? ' · kỳ thi đua đã khóa sổ' : '');
    summary.dataset.complete = String(p.completeCount);
    summary.dataset.total = String(p.unitCount);
    byId('progress').replaceChildren(...p.blocks.map((b) => el('section',
      { class: 'progress-block', 'data-block': b.blockCode },
      el('h3', {}, `${b.blockName ?? b.blockCode}: ${b.completeCount}/${b.unitCount} đơn vị đã báo cáo đầy đủ`),
      el('ul', { class: 'progress-units' }, ...(b.units || []).map((u) => progressItem(b, u))))));
  }

  function progressItem(block, u) {
    const names = new Map((block.criteria || []).map((c) => [c.code, c.name]));
    const missing = Array.isArray(u.missingCriteria) ? u.missingCriteria : [];
    const holds = Array.isArray(u.holds) ? u.holds : [];
    const item = el('li', { class: `progress-unit state-${String(u.state).toLowerCase()}`, 'data-unit': u.unitCode,
      'data-state': u.state },
    el('button', { type: 'button', class: 'unit-link', 'data-unit': u.unitCode }, u.unitName ?? u.unitCode),
    el('span', { class: 'state' }, STATE_NAMES[u.state] ?? u.state),
    u.state === 'INCOMPLETE' ? el('span', { class: 'missing' },
      `Thiếu: ${missing.map((c) => (names.has(c) ? `${c} (${names.get(c)})` : c)).join(', ')}`) : null,
    holds.length ? el('span', { class: 'held' }, `Đang tạm giữ${holds.some((h) => h.staffCode) ? ' (có cá nhân)' : ''}`)
      : null);
    item.hidden = !matchesSearch(u.unitCode, u.unitName)
      && !state.awards.some((a) => a.unitCode === u.unitCode && matchesSearch(a.fullName, a.staffCode));
    return item;
  }

  // ---- the unit panel ----

  const METHOD_NAMES = {
    TARGET: 'Theo chỉ tiêu (cao hơn là tốt)', TARGET_LOWER: 'Theo chỉ tiêu (thấp hơn là tốt)',
    RELATIVE: 'So với đơn vị cao nhất khối', PASS_FAIL: 'Đạt / không đạt', COUNT: 'Tính theo số lượng',
    BONUS: 'Điểm thưởng', PENALTY: 'Điểm trừ',
  };
  const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
  const num = (v) => (v === null || v === undefined || v === '' ? '—' : numberFormat.format(Number(v)));

  /** How the points of one criterion were computed (rulebook section 1), in Vietnamese. */
  function explain(line, criterion) {
    const ms = num(line.maxPoints);
    const pts = formatScore(line.points);
    const per = criterion && criterion.pointsPerItem !== null && criterion.pointsPerItem !== undefined
      ? num(criterion.pointsPerItem) : '?';
    if (line.actual === null || line.actual === undefined) {
      return line.method === 'BONUS' || line.method === 'PENALTY'
        ? 'Không báo cáo (không bắt buộc): 0 điểm.'
        : 'Chưa báo cáo: 0 điểm; đơn vị chưa đủ tiêu chí nên chưa được xếp loại.';
    }
    const a = num(line.actual);
    const t = num(line.target);
    const r = num(line.ratio);
    const upper = (first) => (Number(line.ratio) < 1
      ? `${first} r < 1 nên điểm = 0,5 × MS × r = 0,5 × ${ms} × ${r} = ${pts}.`
      : `${first} r ≥ 1 nên điểm = 0,5 × MS + 0,5 × MS × (r − 1) / (R − 1), với R là tỷ lệ cao nhất trong khối `
        + `(0,5 × MS nếu R = 1): ${pts} điểm.`);
    switch (line.method) {
      case 'TARGET':
        return upper(`r = A / T = ${a} / ${t} = ${r} (tối đa bằng mức trần).`);
      case 'TARGET_LOWER':
        return upper(`r = T / A = ${t} / ${a} = ${r} (A = 0 thì r bằng mức trần).`);
      case 'RELATIVE':
        return `Điểm = MS × A / M, với M là kết quả cao nhất trong khối: ${ms} × ${a} / M = ${pts} `
          + '(0 nếu M = 0).';
      case 'PASS_FAIL':
        return line.actual === true || Number(line.actual) === 1
          ? `Đạt: được đủ ${ms} điểm.` : 'Không đạt: 0 điểm.';
      case 'COUNT':
        return `Điểm = min(MS, A × điểm mỗi mục) = min(${ms}, ${a} × ${per}) = ${pts}.`;
      case 'BONUS':
        return `Điểm thưởng = min(MS, A × điểm mỗi mục) = min(${ms}, ${a} × ${per}) = ${pts}, cộng thêm ngoài 100 điểm.`;
      case 'PENALTY':
        return `Điểm trừ = −min(MS, A × điểm mỗi mục) = −min(${ms}, ${a} × ${per}) = ${pts}.`;
      default:
        return `${pts} điểm.`;
    }
  }

  function progressUnit(code) {
    for (const b of (state.progress && state.progress.blocks) || []) {
      const u = (b.units || []).find((x) => x.unitCode === code);
      if (u) {
        return { block: b, unit: u };
      }
    }
    return null;
  }

  async function openUnit(code, staffCode) {
    const generation = state.generation;
    state.unit = code;
    const panel = byId('unit-panel');
    const found = progressUnit(code);
    byId('unit-title').textContent = found ? `${found.unit.unitName} (${code})` : code;
    byId('unit-summary').textContent = 'Đang tải phiếu chấm điểm…';
    byId('scorecard').tBodies[0].replaceChildren();
    byId('hold-staff').value = staffCode ?? '';
    byId('hold-reason').value = '';
    panel.hidden = false;
    panel.dataset.unit = code;
    renderHolds(found ? found.unit : null);
    panel.scrollIntoView({ block: 'start' });
    let card = null;
    try {
      card = await getJson(periodUrl(`units/${encodeURIComponent(code)}`), true);
    } catch (e) {
      byId('unit-summary').textContent = /HTTP 403/.test(String(e && e.message))
        ? 'Tài khoản này không được xem phiếu chấm điểm của đơn vị này.'
        : 'Không tải được phiếu chấm điểm.';
      return;
    }
    if (generation !== state.generation || state.unit !== code) {
      return;
    }
    renderScorecard(card, found);
  }

  function renderScorecard(card, found) {
    const summary = byId('unit-summary');
    if (!card) {
      summary.textContent = `Đơn vị chưa báo cáo kết quả năm ${state.period}: mọi tiêu chí 0 điểm.`;
      byId('scorecard').tBodies[0].replaceChildren();
      return;
    }
    const block = found ? found.block : null;
    const criteria = new Map(((block && block.criteria) || []).map((c) => [c.code, c]));
    summary.textContent = [
      block ? `${block.blockName}` : `Khối ${card.blockCode}`,
      `Tổng điểm: ${formatScore(card.score)}`,
      `Xếp loại: ${ratingLabel(card.rating)}`,
      card.complete ? 'Đã báo cáo đủ tiêu chí'
        : `Chưa đủ tiêu chí (thiếu ${(card.missingCriteria || []).join(', ')})`,
      `Cập nhật ${formatStamp(card.updatedAt)}`,
    ].join(' · ');
    summary.dataset.score = String(card.score);
    const rows = (card.criteria || []).map((line) => {
      const c = criteria.get(line.criterion);
      const actual = typeof line.actual === 'boolean' ? (line.actual ? 'Có' : 'Không') : num(line.actual);
      return el('tr', { 'data-criterion': line.criterion, class: line.actual === null ? 'not-reported' : null },
        el('td', { class: 'criterion' }, el('strong', {}, line.criterion), c ? ` ${c.name}` : ''),
        el('td', { class: 'method' }, METHOD_NAMES[line.method] ?? line.method),
        el('td', { class: 'num target' }, num(line.target)),
        el('td', { class: 'num actual' }, actual),
        el('td', { class: 'num ratio' }, num(line.ratio)),
        el('td', { class: 'num points' }, `${formatScore(line.points)} / ${num(line.maxPoints)}`),
        el('td', { class: 'explain' }, explain(line, c)));
    });
    byId('scorecard').tBodies[0].replaceChildren(...rows);
  }

  function renderHolds(unit) {
    const box = byId('unit-holds');
    const holds = unit && Array.isArray(unit.holds) ? unit.holds : [];
    box.replaceChildren(...(holds.length ? [el('p', { class: 'held' }, 'Đang tạm giữ khen thưởng:'),
      el('ul', {}, ...holds.map((h) => el('li', { 'data-staff': h.staffCode ?? '' },
        `${h.staffCode ? `Cá nhân mã ${h.staffCode}` : 'Tập thể đơn vị'}: ${h.reason ?? '(không ghi lý do)'}`)))]
      : []));
  }

  function closeUnit() {
    state.unit = null;
    byId('unit-panel').hidden = true;
  }

  // ---- office actions ----

  function newCommandId(type) {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `dash-${type.toLowerCase()}-${state.period}-${hex}`;
  }

  function showOutcome(ok, text) {
    const box = byId('action-result');
    box.textContent = text;
    box.className = `action-result ${ok ? 'ok' : 'failed'}`;
    box.hidden = false;
  }

  async function postJson(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=UTF-8', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    let answer = null;
    try {
      answer = await response.json();
    } catch (e) {
      answer = null;
    }
    return { status: response.status, answer };
  }

  const reasonsText = (answer) => (answer && Array.isArray(answer.reasons) && answer.reasons.length
    ? answer.reasons.map((r) => r.message ?? r.code).join('; ')
    : (answer && answer.message) || '');

  /** Sends one command; shows the outcome; true if the hub accepted it. */
  async function command(body, done) {
    const full = { commandId: newCommandId(body.type), period: state.period, issuedBy: 'dashboard', ...body };
    try {
      const { status, answer } = await postJson('/api/commands', full);
      if (status === 200 && answer && answer.status === 'ACCEPTED') {
        showOutcome(true, done);
        return true;
      }
      if (status === 200 && answer && answer.status === 'DUPLICATE') {
        showOutcome(true, 'Lệnh này đã được thực hiện trước đó.');
        return true;
      }
      const why = reasonsText(answer);
      showOutcome(false, status === 409
        ? `Không thực hiện được: kỳ thi đua năm ${state.period} đã khóa sổ. ${why}`
        : `Không thực hiện được (HTTP ${status}). ${why}`);
    } catch (e) {
      showOutcome(false, 'Không kết nối được máy chủ; lệnh chưa được gửi.');
    }
    return false;
  }

  function confirmClose() {
    const dialog = byId('confirm-dialog');
    byId('confirm-title').textContent = `Khóa sổ kỳ thi đua năm ${state.period}?`;
    byId('confirm-text').textContent = `Khóa sổ kỳ thi đua năm ${state.period} là việc không thể hoàn tác: `
      + 'kết quả được chốt, hệ thống xét khen thưởng và gửi thông báo. Mọi báo cáo gửi sau đó đều bị từ chối.';
    byId('confirm-ok').textContent = `Đồng ý khóa sổ năm ${state.period}`;
    dialog.dataset.period = state.period;
    dialog.returnValue = '';
    dialog.showModal();
  }

  async function closeConfirmed() {
    const dialog = byId('confirm-dialog');
    if (dialog.returnValue !== 'ok' || dialog.dataset.period !== state.period) {
      return;
    }
    const period = state.period;
    if (await command({ type: 'CLOSE_PERIOD' }, `Đã khóa sổ kỳ thi đua năm ${period}; `
      + 'hệ thống đang xét khen thưởng và gửi thông báo.')) {
      await loadPeriods();
      if (period === state.period) {
        loadAll();
      }
    }
  }

  async function hold(event) {
    event.preventDefault();
    const unitCode = state.unit;
    const staffCode = byId('hold-staff').value.trim();
    const reason = byId('hold-reason').value.trim();
    if (!unitCode) {
      return;
    }
    if (!reason) {
      showOutcome(false, 'Hãy ghi lý do tạm giữ.');
      return;
    }
    const who = staffCode ? `cá nhân mã ${staffCode} của đơn vị ${unitCode}` : `đơn vị ${unitCode}`;
    if (await command({ type: 'HOLD', unitCode, ...(staffCode ? { staffCode } : {}), reason },
      `Đã tạm giữ khen thưởng của ${who} (năm ${state.period}).`)) {
      await refreshUnitHolds(unitCode);
    }
  }

  async function release() {
    const unitCode = state.unit;
    const staffCode = byId('hold-staff').value.trim();
    if (!unitCode) {
      return;
    }
    const who = staffCode ? `cá nhân mã ${staffCode} của đơn vị ${unitCode}` : `đơn vị ${unitCode}`;
    if (await command({ type: 'RELEASE', unitCode, ...(staffCode ? { staffCode } : {}) },
      `Đã bỏ tạm giữ khen thưởng của ${who} (năm ${state.period}).`)) {
      await refreshUnitHolds(unitCode);
    }
  }

  async function refreshUnitHolds(unitCode) {
    await loadProgress().catch(() => null);
    const found = progressUnit(unitCode);
    if (state.unit === unitCode) {
      renderHolds(found ? found.unit : null);
    }
  }

  async function resend(a) {
    try {
      const { status, answer } = await postJson(`/api/letters/${encodeURIComponent(a.awardId)}/resend`, {});
      if (status === 200) {
        showOutcome(true, `Đã xếp lịch gửi lại thông báo số ${a.letter.letterNumber} (${a.recipientName}).`);
        reloadAwardsSoon();
      } else {
        showOutcome(false, `Không gửi lại được thông báo (HTTP ${status}). ${reasonsText(answer)}`);
      }
    } catch (e) {
      showOutcome(false, 'Không kết nối được máy chủ; thông báo chưa được gửi lại.');
    }
  }

  // ---- loading ----

  /** GETs JSON; with {@code nullIfMissing} a 404 answers null. */
  async function getJson(url, nullIfMissing) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (nullIfMissing && response.status === 404) {
      return null;
    }
    if (response.status === 401) {
      // the session expired or was closed: back to the login page
      window.location.reload();
      throw new Error(`${url}: HTTP 401`);
    }
    if (!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return response.json();
  }

  const periodUrl = (suffix) => `/api/periods/${encodeURIComponent(state.period)}/${suffix}`;

  /** An award with its letter: accepts both {...award, letter} and {award: {...}, letter}. */
  const flatAward = (item) => (item && item.award ? { ...item.award, letter: item.letter } : item);

  async function loadAwards() {
    const generation = state.generation;
    const awards = await getJson(periodUrl('awards'));
    if (generation !== state.generation) {
      return;
    }
    state.awards = (Array.isArray(awards) ? awards : []).map(flatAward).filter((a) => a && typeof a === 'object');
    renderAwards();
    renderProgress();
  }

  async function loadProgress() {
    const generation = state.generation;
    const progress = await getJson(periodUrl('progress'));
    if (generation !== state.generation) {
      return;
    }
    state.progress = progress;
    renderProgress();
    if (progress && progress.closed) {
      renderPeriod(true);
    }
  }

  async function loadPeriods() {
    const periods = await getJson('/api/periods');
    state.periods = (Array.isArray(periods) ? periods : []).filter((p) => p && typeof p.period === 'string');
    renderPeriodOptions();
    const entry = state.periods.find((p) => p.period === state.period);
    renderPeriod(Boolean(entry && entry.closed));
  }

  /** Loads every part of the page; the parts that fail are named in the message line and kept as they were. */
  async function loadAll() {
    const parts = [
      ['kỳ thi đua', loadPeriods()],
      ['tiến độ báo cáo', loadProgress()],
      ['bảng xếp hạng', getJson(periodUrl('standings')).then((blocks) => {
        (Array.isArray(blocks) ? blocks : []).forEach(applyStandings);
        renderBlocks();
        applySearch();
      })],
      ...(state.readsRejections ? [['báo cáo bị từ chối', getJson(`/api/rejections?limit=${REJECTION_LIMIT}`)
        .then((list) => {
          addRejections(Array.isArray(list) ? list : []);
        })]] : []),
      ['khen thưởng', loadAwards()],
    ];
    const generation = state.generation;
    const results = await Promise.allSettled(parts.map(([, p]) => p));
    if (generation !== state.generation) {
      return;
    }
    const failed = parts.filter((_, i) => results[i].status === 'rejected').map(([name]) => name);
    showMessage(failed.length ? `Không tải được: ${failed.join(', ')}. Sẽ thử lại khi có kết nối.` : '');
    markUpdated(false);
  }

  function reloadProgressSoon() {
    clearTimeout(state.progressTimer);
    state.progressTimer = setTimeout(() => {
      loadProgress().catch(() => showMessage('Không tải được tiến độ báo cáo.'));
    }, AWARDS_DEBOUNCE_MS);
  }

  function reloadAwardsSoon() {
    clearTimeout(state.awardsTimer);
    state.awardsTimer = setTimeout(() => {
      loadAwards().then(() => markUpdated(true), () => showMessage('Không tải được danh sách khen thưởng.'));
    }, AWARDS_DEBOUNCE_MS);
  }

  // ---- live updates ----

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch (e) {
      return null; // not JSON: ignored
    }
  }

  function connect() {
    const events = new EventSource('/api/events');
    events.onopen = () => {
      setConnection('online', 'Đang trực tuyến');
      // catch up on what changed before the stream was open (at start too: the first load may have been answered
      // before it opened) or while it was lost; snapshots already shown are dropped by their sequence
      loadAll();
    };
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) {
        // the browser gave up (e.g. the server answered with an error): try again ourselves
        setConnection('offline', 'Mất kết nối, đang thử lại…');
        setTimeout(connect, RECONNECT_MS);
      } else {
        setConnection('connecting', 'Đang kết nối lại…');
      }
    };
    events.addEventListener('standings', (event) => {
      if (applyStandings(parse(event))) {
        renderBlocks();
        applySearch();
        markUpdated(true);
        reloadProgressSoon();
      }
    });
    events.addEventListener('rejection', (event) => {
      const rejection = parse(event);
      if (rejection && typeof rejection === 'object') {
        addRejections([rejection]);
        markUpdated(true);
      }
    });
    events.addEventListener('award', reloadAwardsSoon);
    events.addEventListener('letter', reloadAwardsSoon);
  }


  const ROLE_NAMES = { OFFICE: 'Văn phòng', DEPARTMENT: 'Đơn vị', VIEWER: 'Màn hình xem' };

  /** Who is logged in: shown in the header; a viewer (projector screen) reads no rejections. */
  async function loadSession() {
    const session = await getJson('/api/session');
    state.readsRejections = session.role === 'OFFICE' || session.role === 'DEPARTMENT';
    state.role = session.role;
    byId('office-actions').hidden = session.role !== 'OFFICE';
    byId('principal').textContent = `${ROLE_NAMES[session.role] ?? session.role}: ${session.principal}`;
    byId('rejections-panel').hidden = !state.readsRejections;
  }

  async function logout() {
    try {
      await fetch('/api/session', { method: 'DELETE', cache: 'no-store' });
    } finally {
      window.location.reload();
    }
  }

  async function start() {
    setProjector(readProjector());
    byId('logout').addEventListener('click', logout);
    try {
      await loadSession();
    } catch (e) {
      showMessage('Không tải được thông tin đăng nhập. Hãy tải lại trang.');
      return;
    }
    byId('projector-toggle').addEventListener('click',
      () => setProjector(!document.documentElement.classList.contains('projector')));
    wireControls();
    try {
      const periods = await getJson('/api/periods');
      state.periods = (Array.isArray(periods) ? periods : []).filter((p) => p && typeof p.period === 'string');
    } catch (e) {
      showMessage('Không tải được danh sách kỳ thi đua. Hãy tải lại trang khi máy chủ hoạt động.');
      return;
    }
    state.period = periodFromPath() ?? defaultPeriod(state.periods);
    if (!state.period) {
      showMessage('Chưa có kỳ thi đua nào trong hệ thống.');
      return;
    }
    renderPeriodOptions();
    document.title = `Bảng điều hành thi đua - khen thưởng năm ${state.period}`;
    renderPeriod(false);
    connect();
    await loadAll();
  }

  function wireControls() {
    byId('period-select').addEventListener('change', (event) => selectPeriod(event.target.value, true));
    window.addEventListener('popstate', () => {
      const period = periodFromPath();
      if (period) {
        selectPeriod(period, false);
      }
    });
    byId('search').addEventListener('input', applySearch);
    byId('award-filter').addEventListener('change', renderAwards);
    byId('status-filter').addEventListener('change', renderAwards);
    const openFrom = (event) => {
      const target = event.target.closest('[data-unit]');
      if (target && (target.matches('button.unit-link') || target.matches('tr[data-unit]'))) {
        openUnit(target.dataset.unit);
      }
    };
    byId('progress').addEventListener('click', openFrom);
    byId('blocks').addEventListener('click', openFrom);
    byId('unit-close').addEventListener('click', closeUnit);
    byId('close-period').addEventListener('click', confirmClose);
    byId('confirm-dialog').addEventListener('close', closeConfirmed);
    byId('hold-form').addEventListener('submit', hold);
    byId('release-button').addEventListener('click', release);
  }

  start();
})();
