/*
 * Live dashboard of the emulation office [Ban Thi đua - Khen thưởng] (issue 5).
 *
 * Reads the period from the page address (/dashboard/{period}; the newest period of /api/periods otherwise), loads
 * the standings, the latest rejections and the awards over same-origin JSON, then follows the server-sent events of
 * /api/events: "standings" replaces a block when its sequence is newer than the one shown (stale snapshots are
 * dropped), "rejection" is prepended, "award" and "letter" reload the awards. Whenever the stream opens (at start and
 * after a lost connection) everything is loaded again, so nothing missed stays missing; the page is never reloaded.
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
    byId('period').textContent = state.period;
    const status = byId('period-status');
    status.textContent = state.closed ? 'Đã khóa sổ' : 'Đang tổng hợp';
    status.className = `period-status ${state.closed ? 'closed' : 'open'}`;
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

  function renderAwards(awards) {
    const rows = awards.map(awardRow);
    byId('awards').tBodies[0].replaceChildren(...(rows.length ? rows
      : [el('tr', { class: 'empty' }, el('td', { colspan: 4 }, 'Chưa có quyết định khen thưởng (kỳ thi đua chưa khóa sổ).'))]));
  }

  function awardRow(a) {
    const status = AWARD_STATUS[a.status] ? a.status.toLowerCase() : 'unknown';
    return el('tr', { 'data-award': a.awardId, class: `status-${status}` },
      el('td', { class: 'award', title: a.reason && a.reason.rule ? a.reason.rule : null }, a.awardName ?? a.awardCode),
      el('td', { class: 'recipient' },
        el('span', { class: 'recipient-name' }, a.recipientName ?? ''),
        el('span', { class: 'recipient-detail' }, recipientDetail(a))),
      el('td', { class: 'status' }, el('span', { class: `pill status-${status}` }, AWARD_STATUS[a.status] ?? a.status)),
      el('td', { class: `letter ${a.letter ? `letter-${String(a.letter.status).toLowerCase()}` : 'letter-none'}` },
        letterText(a)));
  }

  function recipientDetail(a) {
    switch (a.recipientType) {
      case 'PERSON': return `Cá nhân · ${a.unitCode ?? ''}`;
      case 'BLOCK': return `Khối ${a.blockCode ?? ''} · đơn vị dẫn đầu ${a.unitCode ?? ''}`;
      default: return `Tập thể · ${a.unitCode ?? ''}`;
    }
  }

  function letterText(a) {
    if (a.letter) {
      return `Số ${a.letter.letterNumber ?? '—'} · ${LETTER_STATUS[a.letter.status] ?? a.letter.status}`;
    }
    return a.status === 'WITHHELD' ? 'Không gửi thông báo' : 'Chưa gửi';
  }

  // ---- loading ----

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
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
    const awards = await getJson(periodUrl('awards'));
    renderAwards((Array.isArray(awards) ? awards : []).map(flatAward).filter((a) => a && typeof a === 'object'));
  }

  /** Loads every part of the page; the parts that fail are named in the message line and kept as they were. */
  async function loadAll() {
    const parts = [
      ['kỳ thi đua', getJson('/api/periods').then((periods) => {
        const entry = (Array.isArray(periods) ? periods : []).find((p) => p.period === state.period);
        renderPeriod(Boolean(entry && entry.closed));
      })],
      ['bảng xếp hạng', getJson(periodUrl('standings')).then((blocks) => {
        (Array.isArray(blocks) ? blocks : []).forEach(applyStandings);
        renderBlocks();
      })],
      ...(state.readsRejections ? [['báo cáo bị từ chối', getJson(`/api/rejections?limit=${REJECTION_LIMIT}`)
        .then((list) => {
          addRejections(Array.isArray(list) ? list : []);
        })]] : []),
      ['khen thưởng', loadAwards()],
    ];
    const results = await Promise.allSettled(parts.map(([, p]) => p));
    const failed = parts.filter((_, i) => results[i].status === 'rejected').map(([name]) => name);
    showMessage(failed.length ? `Không tải được: ${failed.join(', ')}. Sẽ thử lại khi có kết nối.` : '');
    markUpdated(false);
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
        markUpdated(true);
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

  async function newestPeriod() {
    const periods = await getJson('/api/periods');
    const names = (Array.isArray(periods) ? periods : []).map((p) => p.period).filter(Boolean).sort();
    return names.length ? names[names.length - 1] : null;
  }

  const ROLE_NAMES = { OFFICE: 'Văn phòng', DEPARTMENT: 'Đơn vị', VIEWER: 'Màn hình xem' };

  /** Who is logged in: shown in the header; a viewer (projector screen) reads no rejections. */
  async function loadSession() {
    const session = await getJson('/api/session');
    state.readsRejections = session.role === 'OFFICE' || session.role === 'DEPARTMENT';
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
    try {
      state.period = periodFromPath() ?? await newestPeriod();
    } catch (e) {
      showMessage('Không tải được danh sách kỳ thi đua. Hãy tải lại trang khi máy chủ hoạt động.');
      return;
    }
    if (!state.period) {
      showMessage('Chưa có kỳ thi đua nào trong hệ thống.');
      return;
    }
    document.title = `Bảng điều hành thi đua - khen thưởng năm ${state.period}`;
    renderPeriod(false);
    connect();
    await loadAll();
  }

  start();
})();
