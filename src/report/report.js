/* giji report — the page's script (embedded in the page, allowed by the
 * Content-Security-Policy through its hash). Everything it shows comes from
 * the JSON in the element with id "data" and is put in the page with textContent or
 * createTextNode only: no string from the minutes is ever parsed as HTML. */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('data').textContent);

  var TYPE_JA = { ministry: '省庁', isac: 'ISAC', law: '法令', policy: '政策・計画', event: '出来事',
    country: '国・地域', org: '団体', topic: 'テーマ' };
  var KIND_JA = { person: '人物', entity: '論点', unattributed: '発言者不明' };
  var EDGE_JA = { raised: '発言', 'co-mention': '共起', shared: '共有' };
  var ATTR_JA = { explicit: '発言者明記', chair: '議長挨拶', inferred: '推定', none: '発言者不明' };
  var METRIC_JA = { degree: '次数', strength: '強度', betweenness: '媒介', harmonic: '調和近接',
    eigenvector: '固有ベクトル', pagerank: 'PageRank' };
  var TYPE_COLOR = { ministry: '#0072b2', isac: '#d55e00', law: '#cc79a7', policy: '#009e73', event: '#e69f00',
    country: '#56b4e9', org: '#7a5195', topic: '#6b7b8c', person: '#1d2733', unattributed: '#9aa6b4' };

  /* ---- small helpers ---------------------------------------------------- */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return parent;
  }
  function $(id) { return document.getElementById(id); }
  function key(s) { return (s || '').normalize('NFKC').toLowerCase().replace(/\s+/g, ''); }
  function fmt(x) {
    if (x === null || x === undefined) return '';
    if (Number.isInteger(x)) return String(x);
    return x.toFixed(4);
  }
  function nodeName(n) {
    if (n.kind === 'unattributed') return '発言者不明 ' + n.name.replace(/^unattributed:\s*/, '');
    return n.name;
  }
  function kindLabel(n) {
    return n.kind === 'entity' ? (TYPE_JA[n.type] || n.type) : KIND_JA[n.kind] || n.kind;
  }
  function meetingLabel(r) {
    var s = (r.body || '') + (r.session !== null && r.session !== undefined ? ' 第' + r.session + '回' : '');
    return (r.date || '日付不明') + ' ' + s;
  }

  var nodes = {}, edges = {}, remarks = {}, meetings = {};
  D.nodes.forEach(function (n) { n.search = key(n.name); nodes[n.key] = n; n.edges = []; });
  D.edges.forEach(function (e) {
    e.key = e.source + '--' + e.target + '--' + e.kind;
    edges[e.key] = e;
    if (nodes[e.source]) nodes[e.source].edges.push(e);
    if (nodes[e.target]) nodes[e.target].edges.push(e);
  });
  D.remarks.forEach(function (r) { remarks[r.id] = r; });
  D.meetings.forEach(function (m) { meetings[m.id] = m; });

  /* ---- header, overview, notes ------------------------------------------ */

  function stat(label, value) {
    var d = el('div');
    add(d, el('dt', null, label), el('dd', null, value));
    return d;
  }
  var nPersons = D.nodes.filter(function (n) { return n.kind === 'person'; }).length;
  var nEntities = D.nodes.filter(function (n) { return n.kind === 'entity'; }).length;
  add($('stats'), stat('会議', D.meetings.length), stat('発言 (論点を含む)', D.selected_remarks),
    stat('人物 (図中)', nPersons), stat('論点 (図中)', nEntities),
    stat('ノード / 全体', D.nodes.length + ' / ' + D.full_nodes),
    stat('コミュニティ', D.communities));
  var notes = [];
  if (D.nodes.length < D.full_nodes)
    notes.push('関係図と表は ' + (METRIC_JA[D.top_by] || D.top_by) + ' の上位 ' + D.nodes.length + ' ノード (全 ' +
      D.full_nodes + ') を表示しています。指標は全体のグラフで計算したものです。');
  if (!D.with_text)
    notes.push('発言の全文は埋め込んでいません (容量の上限のため)。抜粋と出典 (ファイル・行) を表示します。');
  if (D.betweenness_estimated)
    notes.push('媒介中心性と調和近接中心性は標本からの推定値です。');
  notes.push('各ノード・線・セルの発言は最大 ' + D.list_max + ' 件まで掲載します (件数は全体)。');
  notes.forEach(function (t) { add($('notes'), el('li', null, t)); });
  add($('foot'), 'giji ' + D.version + ' で生成。データはこのファイルに埋め込まれており、ネットワークには接続しません。 ',
    el('br'), 'graph spec: ' + D.spec);

  /* ---- the side panel ----------------------------------------------------- */

  var selected = null;
  function clearSelection() {
    document.querySelectorAll('#map g.sel').forEach(function (g) { g.classList.remove('sel'); });
    selected = null;
  }
  function selectSvg(ids) {
    clearSelection();
    ids.forEach(function (id) {
      var g = document.getElementById(id);
      if (g && g.closest('#map')) g.classList.add('sel');
    });
  }
  function closePanel() {
    $('panel').hidden = true;
    document.body.classList.remove('panel-open');
    clearSelection();
  }
  $('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') closePanel(); });

  function excerpt(k) {
    var q = el('blockquote');
    if (!k) return q;
    add(q, k[3] ? '…' : '', k[0]);
    if (k[1]) add(q, el('mark', null, k[1]));
    add(q, k[2], k[4] ? '…' : '');
    return q;
  }

  function remarkCard(r, focus) {
    var card = el('article', 'remark');
    card.setAttribute('data-remark', String(r.id));
    var head = el('div');
    var who = r.speaker_name || (r.label ? r.label : '発言者不明');
    add(head, el('span', 'who', who));
    if (r.role) add(head, el('span', 'role', r.role));
    add(head, ' ', el('span', 'badge', ATTR_JA[r.attribution] || r.attribution));
    add(card, head, el('div', 'when', meetingLabel(r)));
    var shown = 0;
    (focus || []).forEach(function (f) {
      if (r.kwic && r.kwic[f] && shown < 2) { add(card, excerpt(r.kwic[f])); shown++; }
    });
    if (!shown) add(card, excerpt(r.head));
    var chips = el('div');
    var ents = Object.keys(r.kwic || {}).filter(function (k) { return nodes[k]; });
    ents.forEach(function (k, i) {
      var n = nodes[k];
      if (i >= 8) return;
      var c = el('span', 'chip link', n.name);
      c.addEventListener('click', function () { openNode(k); });
      add(chips, c);
    });
    if (ents.length > 8) add(chips, el('span', 'muted', '他 ' + (ents.length - 8) + ' 件'));
    if (chips.childNodes.length) add(card, chips);
    var prov = r.source + ' 行 ' + r.line + (r.last_line && r.last_line !== r.line ? '–' + r.last_line : '') +
      ' · 発言 #' + r.seq + ' (id ' + r.id + ')';
    if (r.label) prov += ' · 表記「' + r.label + '」';
    if (r.cue) prov += ' · 推定の根拠「' + r.cue + '」';
    add(card, el('div', 'prov', prov));
    if (r.text) {
      var det = el('details');
      add(det, el('summary', null, '全文'), el('p', null, r.text));
      add(card, det);
    }
    return card;
  }

  function showPanel(kind, title, sub, list, total, focus, extra) {
    $('panel-kind').textContent = kind;
    $('panel-title').textContent = title;
    $('panel-sub').textContent = sub;
    var body = $('panel-body');
    while (body.firstChild) body.removeChild(body.firstChild);
    if (extra) add(body, extra);
    var h = el('h3', null, '発言 ' + total + ' 件');
    h.style.fontSize = '.95rem';
    h.style.margin = '10px 0 8px';
    add(body, h);
    list.forEach(function (id) {
      var r = remarks[id];
      if (r) add(body, remarkCard(r, focus));
    });
    if (list.length < total)
      add(body, el('p', 'more', '先頭 ' + list.length + ' 件を表示しています (全 ' + total + ' 件)。' +
        'すべては giji remarks / giji who で一覧できます。'));
    if (!list.length) add(body, el('p', 'more', 'この関係の元になった発言はありません。'));
    $('panel').hidden = false;
    document.body.classList.add('panel-open');
    body.scrollTop = 0;
  }

  function openNode(k) {
    var n = nodes[k];
    if (!n) return;
    var sub = '発言 ' + n.remarks + ' 件 · ' + (METRIC_JA[D.top_by] || D.top_by) + ' ' +
      fmt(n.metrics[D.metrics.indexOf(D.top_by)]) + ' · コミュニティ ' + n.community;
    var nb = el('div');
    var ids = [k];
    var NB = 16;
    var sorted = n.edges.slice().sort(function (a, b) { return b.count - a.count || b.weight - a.weight; });
    sorted.forEach(function (e, i) {
      var o = e.source === k ? e.target : e.source;
      ids.push(e.key);
      var on = nodes[o];
      if (!on || i >= NB) return;
      var c = el('span', 'chip link', on.name + ' ' + e.count);
      c.title = (EDGE_JA[e.kind] || e.kind) + ' · ' + e.count;
      c.addEventListener('click', function () { openEdge(e.key); });
      add(nb, c);
    });
    if (sorted.length > NB) add(nb, el('span', 'muted', '他 ' + (sorted.length - NB) + ' 件'));
    var extra = null;
    if (nb.childNodes.length) {
      extra = el('div');
      add(extra, el('p', 'muted', 'つながり (クリックで共通の発言)'), nb);
    }
    showPanel(n.kind === 'entity' ? '論点 · ' + kindLabel(n) : kindLabel(n), nodeName(n), sub, n.list, n.remarks, n.kind === 'entity' ? [k] : [], extra);
    selectSvg(ids);
    selected = k;
  }

  function openEdge(k) {
    var e = edges[k];
    if (!e) return;
    var a = nodes[e.source], b = nodes[e.target];
    var title = (a ? nodeName(a) : e.source) + (e.kind === 'raised' ? ' → ' : ' — ') + (b ? nodeName(b) : e.target);
    var focus = [];
    if (a && a.kind === 'entity') focus.push(a.key);
    if (b && b.kind === 'entity') focus.push(b.key);
    showPanel('関係: ' + (EDGE_JA[e.kind] || e.kind), title, '発言 ' + e.remarks + ' 件 · 重み ' + fmt(e.weight),
      e.list, e.remarks, focus, null);
    selectSvg([k, e.source, e.target]);
  }

  function openCell(i, j) {
    var p = D.matrix.persons[i], en = nodes[D.matrix.entities[j]];
    var c = D.matrix.cells[i * D.matrix.entities.length + j];
    showPanel('発言者 × 論点', p.name + ' × ' + en.name, '発言 ' + c.remarks + ' 件', c.list, c.remarks, [en.key], null);
    selectSvg([p.key, en.key]);
  }

  /* ---- the map ------------------------------------------------------------- */

  var svg = document.querySelector('#map svg');
  var svgNodes = [], svgEdges = [];
  if (svg) {
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.querySelectorAll('g.node').forEach(function (g) {
      if (!nodes[g.id]) return;
      svgNodes.push(g);
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.addEventListener('click', function (ev) { ev.preventDefault(); openNode(g.id); });
      g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') openNode(g.id); });
    });
    svg.querySelectorAll('g.edge').forEach(function (g) {
      if (!edges[g.id]) return;
      svgEdges.push(g);
      g.addEventListener('click', function (ev) { ev.preventDefault(); openEdge(g.id); });
    });
    /* Links Graphviz wraps around tooltips must not navigate. */
    svg.querySelectorAll('a').forEach(function (a) {
      a.addEventListener('click', function (ev) { ev.preventDefault(); });
    });
  } else {
    add($('map'), el('p', 'empty', D.nodes.length ? '関係図がありません。' :
      'この条件に当てはまる発言がないため、関係図はありません。'));
  }
  var zoom = 1;
  function setZoom(z) {
    zoom = Math.max(1, Math.min(6, z));
    if (svg) svg.style.width = (zoom * 100) + '%';
  }
  $('zoom-in').addEventListener('click', function () { setZoom(zoom * 1.5); });
  $('zoom-out').addEventListener('click', function () { setZoom(zoom / 1.5); });
  $('zoom-reset').addEventListener('click', function () { setZoom(1); });

  /* ---- the matrix ------------------------------------------------------------ */

  var matrix = $('matrix');
  var mRows = [], mCols = [];
  (function () {
    var P = D.matrix.persons, E = D.matrix.entities;
    if (!P.length || !E.length) {
      add(matrix.parentNode, el('p', 'muted', 'この条件では発言者と論点の組み合わせがありません。'));
      matrix.classList.add('hidden');
      return;
    }
    var max = 1;
    D.matrix.cells.forEach(function (c) { if (c.remarks > max) max = c.remarks; });
    var thead = el('thead'), tr = el('tr');
    add(tr, el('th'));
    E.forEach(function (k, j) {
      var th = el('th'), d = el('div', null, nodes[k].name);
      th.title = nodes[k].name + ' (' + kindLabel(nodes[k]) + ')';
      d.addEventListener('click', function () { openNode(k); });
      add(th, d);
      add(tr, th);
      mCols.push({ key: k, search: nodes[k].search, cells: [th] });
    });
    add(thead, tr);
    var tbody = el('tbody');
    P.forEach(function (p, i) {
      var k = p.key;
      var row = el('tr'), th = el('th', null, p.name);
      add(th, el('span', 'muted', ' ' + p.remarks));
      th.title = p.name + ': 発言 ' + p.remarks + ' 件' + (nodes[k] ? '' : ' (関係図には表示されていません)');
      if (nodes[k]) {
        th.style.cursor = 'pointer';
        th.addEventListener('click', function () { openNode(k); });
      }
      add(row, th);
      E.forEach(function (ek, j) {
        var c = D.matrix.cells[i * E.length + j];
        var td = el('td', c.remarks ? 'has' : null, c.remarks || '');
        if (c.remarks) {
          var t = Math.sqrt(c.remarks / max);
          td.style.background = 'rgba(31, 95, 168, ' + (0.1 + 0.8 * t).toFixed(3) + ')';
          if (t > 0.55) td.style.color = '#fff';
          td.title = p.name + ' × ' + nodes[ek].name + ': ' + c.remarks;
          td.addEventListener('click', function () { openCell(i, j); });
        }
        mCols[j].cells.push(td);
        add(row, td);
      });
      mRows.push({ key: k, search: key(p.name), tr: row });
      add(tbody, row);
    });
    add(matrix, thead, tbody);
  })();

  /* ---- the centrality table ----------------------------------------------------- */

  var cent = $('centrality');
  var centRows = [];
  (function () {
    var cols = [
      { label: '#', num: true, get: function (n) { return n.rank; } },
      { label: '名前', get: function (n) { return nodeName(n); }, text: true },
      { label: '種類', get: function (n) { return kindLabel(n); }, text: true },
      { label: '発言', num: true, get: function (n) { return n.remarks; } }
    ];
    D.metrics.forEach(function (m, i) {
      cols.push({ label: METRIC_JA[m] || m, num: true, metric: m, wide: m === 'harmonic' || m === 'eigenvector' || m === 'strength',
        get: function (n) { return n.metrics[i]; } });
    });
    cols.push({ label: 'コミュニティ', num: true, get: function (n) { return n.community; }, wide: true });
    var mi = D.metrics.indexOf(D.top_by);
    var ranked = D.nodes.slice().sort(function (a, b) { return b.metrics[mi] - a.metrics[mi] || (a.key < b.key ? -1 : 1); });
    ranked.forEach(function (n, i) { n.rank = i + 1; });
    var thead = el('thead'), tr = el('tr');
    cols.forEach(function (c, ci) {
      var th = el('th', (c.num ? 'num' : '') + (c.wide ? ' wide' : ''), c.label);
      th.setAttribute('aria-sort', c.metric === D.top_by ? 'descending' : 'none');
      th.setAttribute('scope', 'col');
      th.addEventListener('click', function () { sortBy(ci); });
      add(tr, th);
    });
    add(thead, tr);
    var tbody = el('tbody');
    ranked.forEach(function (n) {
      var row = el('tr', 'clickable');
      row.setAttribute('data-key', n.key);
      cols.forEach(function (c, ci) {
        var v = c.get(n);
        var td = el('td', (c.num ? 'num' : '') + (c.wide ? ' wide' : ''));
        if (ci === 1) {
          var sw = el('span', 'swatch');
          sw.style.background = TYPE_COLOR[n.kind === 'entity' ? n.type : n.kind] || '#888';
          add(td, sw, String(v));
        } else {
          td.textContent = c.num && ci > 3 ? fmt(v) : String(v);
        }
        add(row, td);
      });
      row.addEventListener('click', function () { openNode(n.key); });
      centRows.push({ node: n, tr: row });
      add(tbody, row);
    });
    add(cent, thead, tbody);
    var state = { col: -1, dir: -1 };
    function sortBy(ci) {
      var c = cols[ci];
      state.dir = state.col === ci ? -state.dir : (c.text ? 1 : -1);
      state.col = ci;
      if (ci === 0) state.dir = state.dir; /* rank: as toggled */
      var rows = centRows.slice().sort(function (a, b) {
        var x = c.get(a.node), y = c.get(b.node);
        var r = c.text ? String(x).localeCompare(String(y), 'ja') : x - y;
        return r * state.dir || a.node.rank - b.node.rank;
      });
      rows.forEach(function (r) { tbody.appendChild(r.tr); });
      tr.querySelectorAll('th').forEach(function (th, i) {
        th.setAttribute('aria-sort', i === ci ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
      });
    }
  })();

  /* ---- meetings ------------------------------------------------------------------ */

  var meetRows = [];
  (function () {
    var t = $('meetings');
    var thead = el('thead'), tr = el('tr');
    [['日付', ''], ['会議', ''], ['出席者', 'num'], ['発言', 'num'], ['主な論点', ''], ['出席者一覧', 'wide']].forEach(function (h) {
      add(tr, el('th', h[1], h[0]));
    });
    add(thead, tr);
    var tbody = el('tbody');
    D.meetings.forEach(function (m) {
      var row = el('tr');
      var body = el('td');
      add(body, el('div', null, (m.body || '(会議体不明)') + (m.session !== null ? ' 第' + m.session + '回' : '')));
      var small = [m.kind, m.place].filter(Boolean).join(' · ');
      if (small) add(body, el('div', 'muted', small));
      add(body, el('div', 'muted', m.source));
      var rem = el('td', 'num', String(m.remarks));
      if (m.anonymous) add(rem, el('div', 'muted', '不明 ' + m.anonymous));
      var top = el('td');
      m.top.forEach(function (x) {
        var c = el('span', 'chip' + (x.key && nodes[x.key] ? ' link' : ''), x.name + ' ' + x.remarks);
        if (x.key && nodes[x.key]) c.addEventListener('click', function () { openNode(x.key); });
        add(top, c);
      });
      var att = el('td', 'attendees wide');
      m.attendees.forEach(function (a, i) {
        if (i) add(att, '、');
        var s = el('span', a.present ? null : 'absent', a.name);
        s.title = (a.role || '') + (a.present ? '' : ' (欠席)') + (a.proxy ? ' (代理)' : '');
        add(att, s);
      });
      if (m.nattendees > m.attendees.length) add(att, ' 他 ' + (m.nattendees - m.attendees.length) + ' 名');
      add(row, el('td', 'date', m.date || '日付不明'), body, el('td', 'num', String(m.nattendees)), rem, top, att);
      var words = [m.date, m.body, m.parent_body, m.title, m.place, m.source].concat(
        m.attendees.map(function (a) { return a.name + ' ' + (a.role || ''); }),
        m.top.map(function (x) { return x.name; }),
        m.nodes.map(function (k) { return nodes[k] ? nodes[k].name : ''; }));
      meetRows.push({ tr: row, search: key(words.join(' ')) });
      add(tbody, row);
    });
    add(t, thead, tbody);
    if (!D.meetings.length) add(t.parentNode, el('p', 'muted', '会議がありません。'));
  })();

  /* ---- the filter ------------------------------------------------------------------- */

  function applyFilter() {
    var q = key($('filter').value);
    var shown = 0;
    var match = {};
    D.nodes.forEach(function (n) {
      match[n.key] = !q || n.search.indexOf(q) >= 0;
      if (match[n.key]) shown++;
    });
    svgNodes.forEach(function (g) {
      g.classList.toggle('dim', !match[g.id]);
      g.classList.toggle('hit', !!q && match[g.id]);
    });
    svgEdges.forEach(function (g) {
      var e = edges[g.id];
      g.classList.toggle('dim', !!q && !(match[e.source] || match[e.target]));
    });
    centRows.forEach(function (r) { r.tr.classList.toggle('hidden', !match[r.node.key]); });
    mRows.forEach(function (r) { r.match = !q || r.search.indexOf(q) >= 0; });
    var anyRow = mRows.some(function (r) { return r.match; });
    var anyCol = mCols.some(function (c) { return match[c.key]; });
    mRows.forEach(function (r) { r.tr.classList.toggle('hidden', !!q && anyRow && !r.match); });
    mCols.forEach(function (c) {
      c.cells.forEach(function (td) {
        td.classList.toggle('hidden', !!q && anyCol && !match[c.key] && !anyRow);
        td.classList.toggle('hl', !!q && anyCol && match[c.key]);
      });
    });
    meetRows.forEach(function (r) { r.tr.classList.toggle('hidden', !!q && r.search.indexOf(q) < 0); });
    $('filter-count').textContent = q ? shown + ' / ' + D.nodes.length + ' ノード' : '';
  }
  $('filter').addEventListener('input', applyFilter);

  /* for the end-to-end test and for links from outside */
  window.gijiReport = { openNode: openNode, openEdge: openEdge, openCell: openCell, nodes: nodes };
})();
